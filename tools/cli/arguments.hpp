// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_TOOLS_CLI_ARGUMENTS_HPP
#define HWBIND_TOOLS_CLI_ARGUMENTS_HPP

/// \file
/// Checks of command-line values that CLI11 does not make, or makes with confusing messages
/// (its integer parser takes `0x10` as 16, its range check says "Value abc not in range"
/// and prints the largest double in full), and the "did you mean" of a mistyped name.
/// Nothing here knows any service.

#include "text.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace hwbind::cli {

/// Accepts a decimal integer from `min` to `max`, in CLI11's validator form (an empty string
/// is success). Runs before the spec's range check, so that `abc` is not "out of range".
template <class T>
CLI::Validator decimal_integer(T min = std::numeric_limits<T>::min(), T max = std::numeric_limits<T>::max())
{
    return CLI::Validator(
        [min, max](std::string& text) -> std::string {
            T value{};
            // An unsigned type has no '-': read a negative number as its magnitude, out of range.
            const bool negative = std::is_unsigned_v<T> && !text.empty() && text.front() == '-';
            const char* first = text.data() + (negative ? 1 : 0);
            const auto r = std::from_chars(first, text.data() + text.size(), value, 10);
            if (text.size() == (negative ? 1U : 0U) || r.ptr != text.data() + text.size() ||
                r.ec == std::errc::invalid_argument || (negative && *first == '-'))
                return printable(text) + " is not a decimal integer";
            if (r.ec == std::errc::result_out_of_range || (negative && value != 0) || value < min || value > max)
                return printable(text) + " is out of range (" + std::to_string(min) + " to " + std::to_string(max) +
                       ")";
            return {};
        },
        "", "decimal integer");
}

/// The longest deadline accepted, in seconds: a day. Longer would be no deadline at all for
/// one request, and much longer overflows the clock's nanoseconds.
inline constexpr double max_seconds = 86400;

/// Accepts a number of seconds above 0 and at most `max_seconds` (`2`, `0.5`, `1e3`).
inline CLI::Validator seconds()
{
    return CLI::Validator(
        [](std::string& text) -> std::string {
            double value = 0;
            const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
            if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size() || !std::isfinite(value))
                return printable(text) + " is not a number of seconds";
            if (value <= 0 || value > max_seconds)
                return printable(text) + " is not more than 0 and at most " +
                       std::to_string(static_cast<long>(max_seconds)) + " seconds (a day)";
            return {};
        },
        "", "seconds");
}

/// Accepts a region name as Huawei Cloud spells them (`cn-north-4`, `ap-southeast-1`):
/// lower-case letters, digits and inner hyphens. The name is put in a host name by the
/// services' endpoint templates, so anything else (`a.evil.com#`) must not get that far.
inline CLI::Validator region_name()
{
    return CLI::Validator(
        [](std::string& text) -> std::string {
            const bool ok = !text.empty() && text.size() <= 63 && text.front() != '-' && text.back() != '-' &&
                            std::all_of(text.begin(), text.end(), [](char c) {
                                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                            });
            if (!ok)
                return printable(truncate(text, 64)) +
                       " is not a region name (lower-case letters, digits and '-', e.g. cn-north-4)";
            return {};
        },
        "", "region");
}

/// Accepts a page offset or limit held in a string parameter: the walker reads it as a
/// non-negative decimal integer, and so does the service.
inline CLI::Validator page_number_check()
{
    return CLI::Validator(
        [](std::string& text) -> std::string {
            const bool ok = !text.empty() && text.size() <= 18 &&
                            std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
            return ok ? std::string() : printable(text) + " is not a non-negative decimal integer";
        },
        "", "page number");
}

namespace detail {

/// `name` in lower case without `-` and `_`: `ListJobs`, `list_jobs` and `list-jobs` match.
inline std::string loose(std::string_view name)
{
    std::string out;
    for (const char c : name) {
        if (c != '-' && c != '_')
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;
}

/// The Levenshtein distance of `a` and `b`.
inline std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace detail

/// The names among `candidates` close to `typed`: those within a few edits of it, or holding
/// it, compared loosely (case, `-` and `_` ignored); the first of each group of spellings.
inline std::vector<std::string> close_names(std::string_view typed, const std::vector<std::string>& candidates)
{
    const std::string wanted = detail::loose(typed);
    std::vector<std::string> out;
    for (const std::string& c : candidates) {
        const std::string name = detail::loose(c);
        const bool close = detail::edit_distance(wanted, name) <= std::max<std::size_t>(2, wanted.size() / 4) ||
                           (wanted.size() >= 3 && name.find(wanted) != std::string::npos);
        if (close && std::none_of(out.begin(), out.end(), [&](const std::string& o) { return detail::loose(o) == name; }))
            out.push_back(c);
    }
    return out;
}

} // namespace hwbind::cli

#endif // HWBIND_TOOLS_CLI_ARGUMENTS_HPP

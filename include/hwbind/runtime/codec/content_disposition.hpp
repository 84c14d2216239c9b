// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_CONTENT_DISPOSITION_HPP
#define HWBIND_RUNTIME_CODEC_CONTENT_DISPOSITION_HPP

/// \file
/// The file name a `Content-Disposition` header suggests (RFC 6266), made safe to use as the
/// name of a file in a directory of the caller's choosing.

#include <hwbind/runtime/codec/ascii.hpp>
#include <hwbind/runtime/codec/percent_encoding.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hwbind {

namespace detail {

inline bool is_http_space(char c) noexcept { return c == ' ' || c == '\t'; }

inline std::string_view trim_http_space(std::string_view s) noexcept
{
    while (!s.empty() && is_http_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_http_space(s.back()))
        s.remove_suffix(1);
    return s;
}

/// The value of a `filename*` parameter (RFC 8187: `charset'language'percent-encoded`),
/// decoded; nothing for a charset other than UTF-8 (the only one RFC 8187 requires, and the
/// one file names are kept in here) or invalid percent-encoding.
inline std::optional<std::string> decode_ext_value(std::string_view v)
{
    const std::size_t charset_end = v.find('\'');
    if (charset_end == std::string_view::npos || !equals_ignoring_case(v.substr(0, charset_end), "utf-8"))
        return std::nullopt;
    const std::size_t language_end = v.find('\'', charset_end + 1);
    if (language_end == std::string_view::npos)
        return std::nullopt;
    return codec::percent_decode(v.substr(language_end + 1));
}

} // namespace detail

/// `name` made safe as a file name: its last path component (after any `/` or `\`), with
/// control characters removed; empty when nothing safe is left (`.`, `..`, only separators).
/// So a server cannot make a download land outside the directory it is saved in.
inline std::string sanitize_file_name(std::string_view name)
{
    const std::size_t separator = name.find_last_of("/\\");
    if (separator != std::string_view::npos)
        name.remove_prefix(separator + 1);
    std::string out;
    out.reserve(name.size());
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte != 0x7f)
            out += c;
    }
    if (out == "." || out == "..")
        out.clear();
    return out;
}

/// The file name `header`, the value of a `Content-Disposition` field, suggests (RFC 6266
/// §4.3): `filename*` (RFC 8187, UTF-8) when present and decodable, else `filename` (a token
/// or a quoted string), sanitized by `sanitize_file_name`; empty when there is none or
/// nothing safe is left of it. The disposition type (`attachment`, `inline`) does not matter.
inline std::string content_disposition_file_name(std::string_view header)
{
    std::optional<std::string> plain;
    std::optional<std::string> extended;
    // Skip the disposition type, then read `; name=value` parameters.
    std::size_t i = header.find(';');
    while (i != std::string_view::npos && i < header.size()) {
        ++i; // past ';'
        const std::size_t eq = header.find('=', i);
        if (eq == std::string_view::npos)
            break;
        if (const std::size_t next = header.find(';', i); next < eq) {
            i = next; // a parameter without a value
            continue;
        }
        const std::string_view name = detail::trim_http_space(header.substr(i, eq - i));
        std::size_t j = eq + 1;
        while (j < header.size() && detail::is_http_space(header[j]))
            ++j;
        std::string value;
        if (j < header.size() && header[j] == '"') {
            // A quoted string: `\` escapes the next character.
            for (++j; j < header.size() && header[j] != '"'; ++j) {
                if (header[j] == '\\' && j + 1 < header.size())
                    ++j;
                value += header[j];
            }
            i = header.find(';', j);
        } else {
            i = header.find(';', j);
            value = std::string(detail::trim_http_space(header.substr(j, i == std::string_view::npos ? i : i - j)));
        }
        if (equals_ignoring_case(name, "filename*"))
            extended = detail::decode_ext_value(value);
        else if (equals_ignoring_case(name, "filename"))
            plain = std::move(value);
    }
    if (extended)
        return sanitize_file_name(*extended);
    return plain ? sanitize_file_name(*plain) : std::string();
}

} // namespace hwbind

#endif // HWBIND_RUNTIME_CODEC_CONTENT_DISPOSITION_HPP

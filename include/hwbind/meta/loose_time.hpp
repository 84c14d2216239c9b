// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_META_LOOSE_TIME_HPP
#define HWBIND_META_LOOSE_TIME_HPP

/// \file
/// `meta::loose_time`: a time that a service sends in more than one shape, kept as it came.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace hwbind::meta {

/// A time member whose documentation and the service disagree (huaweicloud-api.md §4): COC
/// documents `create_time` as a String and sends a number of milliseconds, a numeric string or
/// a date such as `"2025-06-30 21:17:01"`. The spec's `type: loose_time` makes such a member
/// one of these, which keeps whatever JSON number or string came, so that decoding never fails
/// on it and encoding gives back the same JSON.
///
/// `epoch_ms()` reads the time out of it when it can: a number, or a string of digits, is
/// milliseconds since 1970-01-01T00:00:00Z; a date and time `YYYY-MM-DD hh:mm:ss` (or with
/// `T`, fractional seconds, `Z` or a `+hh:mm` offset) is read as UTC when it has no offset,
/// since Huawei Cloud APIs give their times in UTC and document no local zone.
class loose_time {
public:
    /// The number 0.
    loose_time() = default;

    /// A time sent as a JSON number of milliseconds.
    static loose_time from_number(std::int64_t ms) noexcept
    {
        loose_time t;
        t.number_ = ms;
        return t;
    }

    /// A time sent as a JSON string, kept exactly.
    static loose_time from_string(std::string text)
    {
        loose_time t;
        t.text_ = std::move(text);
        t.is_string_ = true;
        return t;
    }

    /// Whether it came as a JSON string (else as a number).
    bool is_string() const noexcept { return is_string_; }

    /// The number it came as; 0 when it came as a string.
    std::int64_t number() const noexcept { return number_; }

    /// The string it came as; empty when it came as a number.
    const std::string& text() const noexcept { return text_; }

    /// Milliseconds since 1970-01-01T00:00:00Z, when the value says (see the class); else
    /// `nullopt` (text of another shape, a date out of range).
    std::optional<std::int64_t> epoch_ms() const noexcept
    {
        if (!is_string_)
            return number_;
        if (auto ms = digits_value(text_))
            return ms;
        return date_time_value(text_);
    }

    /// Makes it the number `ms`.
    void set_number(std::int64_t ms) noexcept
    {
        number_ = ms;
        text_.clear();
        is_string_ = false;
    }

    /// Makes it an empty string, to which `append_text` adds the parts of a JSON string as
    /// they arrive (the memory of the string it held is reused).
    void start_string() noexcept
    {
        number_ = 0;
        text_.clear();
        is_string_ = true;
    }

    /// Appends `part` to the string begun by `start_string`.
    void append_text(std::string_view part) { text_.append(part.data(), part.size()); }

    friend bool operator==(const loose_time& a, const loose_time& b) noexcept
    {
        return a.is_string_ == b.is_string_ && a.number_ == b.number_ && a.text_ == b.text_;
    }
    friend bool operator!=(const loose_time& a, const loose_time& b) noexcept { return !(a == b); }

private:
    // An optional `-` and 1 to 18 digits: the milliseconds themselves.
    static std::optional<std::int64_t> digits_value(std::string_view s) noexcept
    {
        const bool negative = !s.empty() && s[0] == '-';
        if (negative)
            s.remove_prefix(1);
        if (s.empty() || s.size() > 18)
            return std::nullopt;
        std::int64_t v = 0;
        for (const char c : s) {
            if (c < '0' || c > '9')
                return std::nullopt;
            v = v * 10 + (c - '0');
        }
        return negative ? -v : v;
    }

    // `n` digits at `pos` of `s`, advancing `pos`; -1 when they are not all digits.
    static int number_at(std::string_view s, std::size_t& pos, std::size_t n) noexcept
    {
        if (s.size() < pos + n)
            return -1;
        int v = 0;
        for (std::size_t i = 0; i != n; ++i) {
            const char c = s[pos + i];
            if (c < '0' || c > '9')
                return -1;
            v = v * 10 + (c - '0');
        }
        pos += n;
        return v;
    }

    static bool take(std::string_view s, std::size_t& pos, char c) noexcept
    {
        if (pos >= s.size() || s[pos] != c)
            return false;
        ++pos;
        return true;
    }

    // Days from 1970-01-01 to the civil date (Howard Hinnant's `days_from_civil`).
    static std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept
    {
        y -= m <= 2;
        const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
        const auto yoe = static_cast<unsigned>(y - era * 400);
        const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
    }

    // `YYYY-MM-DD[ T]hh:mm:ss[.fff...][Z|±hh:mm]`, UTC unless an offset says otherwise.
    static std::optional<std::int64_t> date_time_value(std::string_view s) noexcept
    {
        std::size_t pos = 0;
        const int year = number_at(s, pos, 4);
        const bool date_ok = take(s, pos, '-');
        const int month = number_at(s, pos, 2);
        const bool date_ok2 = take(s, pos, '-');
        const int day = number_at(s, pos, 2);
        if (year < 0 || !date_ok || !date_ok2 || month < 1 || month > 12 || day < 1 || day > 31)
            return std::nullopt;
        if (!take(s, pos, ' ') && !take(s, pos, 'T'))
            return std::nullopt;
        const int hour = number_at(s, pos, 2);
        const bool time_ok = take(s, pos, ':');
        const int minute = number_at(s, pos, 2);
        const bool time_ok2 = take(s, pos, ':');
        const int second = number_at(s, pos, 2);
        if (hour < 0 || hour > 23 || !time_ok || minute < 0 || minute > 59 || !time_ok2 || second < 0 || second > 60)
            return std::nullopt;
        std::int64_t millis = 0;
        if (take(s, pos, '.')) {
            int scale = 100;
            const std::size_t first = pos;
            for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10)
                millis += (s[pos] - '0') * scale;
            if (pos == first)
                return std::nullopt;
        }
        std::int64_t offset_minutes = 0;
        if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
            const int sign = s[pos++] == '-' ? -1 : 1;
            const int oh = number_at(s, pos, 2);
            const bool colon = take(s, pos, ':');
            const int om = number_at(s, pos, 2);
            if (oh < 0 || oh > 23 || !colon || om < 0 || om > 59)
                return std::nullopt;
            offset_minutes = sign * (oh * 60 + om);
        } else {
            take(s, pos, 'Z');
        }
        if (pos != s.size())
            return std::nullopt;
        const std::int64_t seconds = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                                     hour * 3600 + minute * 60 + second - offset_minutes * 60;
        return seconds * 1000 + millis;
    }

    std::int64_t number_ = 0;
    std::string text_;
    bool is_string_ = false;
};

} // namespace hwbind::meta

#endif // HWBIND_META_LOOSE_TIME_HPP

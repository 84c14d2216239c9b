// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_TOOLS_CLI_TEXT_HPP
#define HWBIND_TOOLS_CLI_TEXT_HPP

/// \file
/// Text helpers of the command-line tool: names, help wrapping, terminal-safe display and
/// display widths. Nothing here knows any service.

#include <cstddef>
#include <string>
#include <string_view>

namespace hwbind::cli {

/// `list_jobs` → `list-jobs`: command and option names are kebab-case by convention.
inline std::string kebab(std::string_view name)
{
    std::string out(name);
    for (char& c : out) {
        if (c == '_')
            c = '-';
    }
    return out;
}

/// `text` word-wrapped to lines of at most `width` characters (a longer word keeps its own
/// line), joined with '\n' and `indent` (CLI11's help formatter indents option descriptions
/// itself; footers need their own).
inline std::string wrap(std::string_view text, std::size_t width, std::string_view indent = {})
{
    std::string out;
    std::size_t line = 0;
    while (!text.empty()) {
        const std::size_t start = text.find_first_not_of(' ');
        if (start == std::string_view::npos)
            break;
        text.remove_prefix(start);
        const std::string_view word = text.substr(0, text.find(' '));
        text.remove_prefix(word.size());
        if (line > 0 && line + 1 + word.size() > width) {
            out += '\n';
            out.append(indent);
            line = 0;
        } else if (line > 0) {
            out += ' ';
            ++line;
        }
        out.append(word);
        line += word.size();
    }
    return out;
}

/// `text` safe to show on a terminal: control characters (a server's text could otherwise
/// move the cursor or change colours) become spaces.
inline std::string printable(std::string_view text)
{
    std::string out(text);
    for (char& c : out) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f)
            c = ' ';
    }
    return out;
}

namespace detail {

/// The code point starting at `s[i]` and its length in bytes; a byte that does not start a
/// valid sequence counts as one column-wide character of one byte.
inline char32_t decode_utf8(std::string_view s, std::size_t i, std::size_t& length) noexcept
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    const std::size_t n =
        c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 1;
    length = 1;
    if (n == 1 || i + n > s.size())
        return c;
    char32_t cp = c & (0x7f >> n);
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xc0) != 0x80)
            return c;
        cp = (cp << 6) | (byte(i + k) & 0x3f);
    }
    length = n;
    return cp;
}

/// Columns a code point takes on a terminal: 2 for the East Asian wide and full-width
/// blocks (Chinese resource names are common in Huawei Cloud data), 1 otherwise.
constexpr std::size_t columns_of(char32_t cp) noexcept
{
    const bool wide = (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
                      (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
                      (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
                      (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
                      (cp >= 0x20000 && cp <= 0x3fffd);
    return wide ? 2 : 1;
}

} // namespace detail

/// Terminal columns `s` takes.
inline std::size_t display_width(std::string_view s) noexcept
{
    std::size_t width = 0;
    for (std::size_t i = 0, n = 0; i < s.size(); i += n)
        width += detail::columns_of(detail::decode_utf8(s, i, n));
    return width;
}

/// `s` cut to at most `max` terminal columns, ending in "..." when cut; never splits a
/// multi-byte character.
inline std::string truncate(std::string_view s, std::size_t max)
{
    if (display_width(s) <= max)
        return std::string(s);
    static constexpr std::string_view ellipsis = "...";
    const std::size_t room = max > ellipsis.size() ? max - ellipsis.size() : 0;
    std::size_t width = 0, i = 0;
    for (std::size_t n = 0; i < s.size(); i += n) {
        const std::size_t w = detail::columns_of(detail::decode_utf8(s, i, n));
        if (width + w > room)
            break;
        width += w;
    }
    std::string out(s.substr(0, i));
    out.append(ellipsis);
    return out;
}

} // namespace hwbind::cli

#endif // HWBIND_TOOLS_CLI_TEXT_HPP

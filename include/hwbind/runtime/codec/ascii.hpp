// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_ASCII_HPP
#define HWBIND_RUNTIME_CODEC_ASCII_HPP

/// \file
/// ASCII case folding for the protocol's case-insensitive tokens (header names, media-type and
/// disposition parameters, charset names, INI section names): never locale-dependent, as
/// `std::tolower` is.

#include <cstddef>
#include <string>
#include <string_view>

namespace hwbind {

/// `c` in lower case when it is an ASCII letter, else `c`.
constexpr char ascii_to_lower(char c) noexcept
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Whether `a` and `b` are the same text but for the case of ASCII letters.
constexpr bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_to_lower(a[i]) != ascii_to_lower(b[i]))
            return false;
    }
    return true;
}

/// `s` with its ASCII letters in lower case.
inline std::string ascii_lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = ascii_to_lower(c);
    return out;
}

} // namespace hwbind

#endif // HWBIND_RUNTIME_CODEC_ASCII_HPP

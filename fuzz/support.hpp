// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_FUZZ_SUPPORT_HPP
#define HWBIND_FUZZ_SUPPORT_HPP

/// \file
/// What the fuzz targets share: a check that holds in every build type, and an independent
/// model of RFC 3986 percent-encoding (unreserved characters kept, every other byte `%XX` in
/// uppercase hex) that the request and signer targets compare the library with.

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

/// Aborts with the failed condition when `cond` is false: libFuzzer records the input.
#define HWBIND_FUZZ_CHECK(cond) ((cond) ? void() : ::hwbind_fuzz::check_failed(#cond, __FILE__, __LINE__))

namespace hwbind_fuzz {

[[noreturn]] inline void check_failed(const char* what, const char* file, int line)
{
    std::fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    std::abort();
}

inline bool is_unreserved(char c) noexcept
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == '~';
}

/// The value of hex digit `c` (either case), or -1.
inline int hex_value(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/// `s` percent-encoded.
inline std::string encode(std::string_view s)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : s) {
        if (is_unreserved(c)) {
            out += c;
        } else {
            const auto u = static_cast<unsigned char>(c);
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0xF];
        }
    }
    return out;
}

/// The decoding of `s`, or nothing when a `%` is not followed by two hex digits.
inline std::optional<std::string> decode(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (s.size() - i < 3 || hex_value(s[i + 1]) < 0 || hex_value(s[i + 2]) < 0)
            return std::nullopt;
        out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
        i += 2;
    }
    return out;
}

/// Whether `s` is exactly `encode` of some string: the only form a value may take in a URL
/// the library builds, where no `/`, `?`, `#`, `&`, `=` or space can appear raw.
inline bool is_encoded_form(std::string_view s)
{
    const auto decoded = decode(s);
    return decoded && encode(*decoded) == s;
}

} // namespace hwbind_fuzz

#endif // HWBIND_FUZZ_SUPPORT_HPP

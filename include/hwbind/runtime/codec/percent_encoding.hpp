// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_PERCENT_ENCODING_HPP
#define HWBIND_RUNTIME_CODEC_PERCENT_ENCODING_HPP

/// \file
/// The one percent-encoding of the library, shared by path templating, the query string and
/// the canonical forms of the request signer: RFC 3986 section 2, unreserved characters
/// `A-Z a-z 0-9 - _ . ~` kept, every other byte written `%XX` with uppercase hex, a space
/// written `%20` (never `+`). This is also the encoding SDK-HMAC-SHA256 prescribes for its
/// canonical URI and query (huaweicloud-api.md §2), so a request built here is already in
/// canonical form and the signer only has to copy it.
///
/// Written here rather than taken from Boost.URL: these few loops are all the library needs
/// of it, and its headers cost every translation unit about a second to compile.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hwbind::codec {

/// Which bytes are RFC 3986 unreserved characters; a table because every byte of every
/// parameter goes through it, and the chain of comparisons costs several times more.
inline constexpr std::array<bool, 256> unreserved_bytes = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[static_cast<std::size_t>(c)] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                             (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    return table;
}();

/// Whether byte `c` is an RFC 3986 unreserved character.
constexpr bool is_unreserved(char c) noexcept
{
    return unreserved_bytes[static_cast<unsigned char>(c)];
}

/// The value of hex digit `c` (either case), or -1.
constexpr int hex_digit_value(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/// Whether percent-encoding leaves `s` as it is; `constexpr`, so that names known at compile
/// time skip the check.
constexpr bool is_all_unreserved(std::string_view s) noexcept
{
    for (const char c : s) {
        if (!is_unreserved(c))
            return false;
    }
    return true;
}

/// Appends `s` percent-encoded to `out`.
inline void append_percent_encoded(std::string& out, std::string_view s)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::size_t escapes = 0;
    for (const char c : s)
        escapes += !is_unreserved(c);
    if (escapes == 0) {
        // Nothing to escape, the common case for identifiers and numbers.
        out.append(s);
        return;
    }
    const std::size_t old_size = out.size();
    out.resize(old_size + s.size() + 2 * escapes);
    char* p = &out[old_size];
    for (const char c : s) {
        if (is_unreserved(c)) {
            *p++ = c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            *p++ = '%';
            *p++ = hex[byte >> 4];
            *p++ = hex[byte & 0xF];
        }
    }
}

/// Whether `s` is already in the form `append_percent_encoded` gives to its decoding: only
/// unreserved characters and `%XX` escapes with uppercase hex of bytes that are not
/// unreserved.
inline bool is_canonically_encoded(std::string_view s) noexcept
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (is_unreserved(c))
            continue;
        if (c != '%' || s.size() - i < 3)
            return false;
        const char hi = s[i + 1];
        const char lo = s[i + 2];
        // Lowercase hex is valid encoding, but not the canonical one.
        if ((hi >= 'a' && hi <= 'f') || (lo >= 'a' && lo <= 'f'))
            return false;
        const int hi_value = hex_digit_value(hi);
        const int lo_value = hex_digit_value(lo);
        if (hi_value < 0 || lo_value < 0 || is_unreserved(static_cast<char>(hi_value * 16 + lo_value)))
            return false;
        i += 2;
    }
    return true;
}

/// The percent-decoding of `encoded`, a component (path segment, query key or value) as it
/// appears in a URL; nothing when it is not valid percent-encoding (a `%` not followed by
/// two hex digits). A `+` stays a `+`: RFC 3986 gives it no meaning, and neither does the
/// canonical query of the signer.
inline std::optional<std::string> percent_decode(std::string_view encoded)
{
    std::string decoded;
    decoded.reserve(encoded.size());
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        if (encoded[i] != '%') {
            decoded += encoded[i];
            continue;
        }
        const int hi = encoded.size() - i < 3 ? -1 : hex_digit_value(encoded[i + 1]);
        const int lo = hi < 0 ? -1 : hex_digit_value(encoded[i + 2]);
        if (lo < 0)
            return std::nullopt;
        decoded += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return decoded;
}

/// Compares the decodings of `a` and `b`, both valid percent-encoding, as unsigned bytes
/// (`<0`, `0`, `>0`), without decoding them into memory.
inline int compare_decoded(std::string_view a, std::string_view b) noexcept
{
    const auto next_byte = [](std::string_view s, std::size_t& i) {
        if (s[i] != '%')
            return static_cast<unsigned char>(s[i++]);
        const auto byte = static_cast<unsigned char>(hex_digit_value(s[i + 1]) * 16 + hex_digit_value(s[i + 2]));
        i += 3;
        return byte;
    };
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        const unsigned char x = next_byte(a, i);
        const unsigned char y = next_byte(b, j);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return i < a.size() ? 1 : j < b.size() ? -1 : 0;
}

/// Appends the canonical encoding of `encoded`, a component (path segment, query key or
/// value) as it appears in a URL: its percent-decoding encoded again with
/// `append_percent_encoded`. A component that is not valid percent-encoding (a `%` not
/// followed by two hex digits) is taken literally, so its `%` is escaped as `%25`.
inline void append_canonical_component(std::string& out, std::string_view encoded)
{
    if (is_canonically_encoded(encoded)) {
        out.append(encoded);
        return;
    }
    const std::optional<std::string> decoded = percent_decode(encoded);
    append_percent_encoded(out, decoded ? std::string_view(*decoded) : encoded);
}

} // namespace hwbind::codec

#endif // HWBIND_RUNTIME_CODEC_PERCENT_ENCODING_HPP

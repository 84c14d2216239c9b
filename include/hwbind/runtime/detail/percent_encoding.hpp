// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_DETAIL_PERCENT_ENCODING_HPP
#define HWBIND_RUNTIME_DETAIL_PERCENT_ENCODING_HPP

/// \file
/// The one percent-encoding of the library, shared by path templating, the query string and
/// the canonical forms of the request signer: RFC 3986 section 2, unreserved characters
/// `A-Z a-z 0-9 - _ . ~` kept, every other byte written `%XX` with uppercase hex, a space
/// written `%20` (never `+`). This is also the encoding SDK-HMAC-SHA256 prescribes for its
/// canonical URI and query (huaweicloud-api.md §2), so a request built here is already in
/// canonical form and the signer only has to copy it.

#include <boost/url/encode.hpp>
#include <boost/url/grammar/hexdig_chars.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hwbind::detail {

/// Appends `s` percent-encoded to `out`.
///
/// Boost.URL's defaults are exactly the rule above: uppercase hex, and a space is only
/// written `+` when `encoding_opts::space_as_plus` is asked for.
inline void append_percent_encoded(std::string& out, std::string_view s)
{
    const std::size_t n = boost::urls::encoded_size(s, boost::urls::unreserved_chars);
    if (n == s.size()) {
        // Nothing to escape, the common case for identifiers and numbers.
        out.append(s);
        return;
    }
    const std::size_t old_size = out.size();
    out.resize(old_size + n);
    boost::urls::encode(&out[old_size], n, s, boost::urls::unreserved_chars);
}

/// Whether `s` is already in the form `append_percent_encoded` gives to its decoding: only
/// unreserved characters and `%XX` escapes with uppercase hex of bytes that are not
/// unreserved.
inline bool is_canonically_encoded(std::string_view s) noexcept
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (boost::urls::unreserved_chars(c))
            continue;
        if (c != '%' || s.size() - i < 3)
            return false;
        const char hi = s[i + 1];
        const char lo = s[i + 2];
        const bool upper_hex = ((hi >= '0' && hi <= '9') || (hi >= 'A' && hi <= 'F')) &&
                               ((lo >= '0' && lo <= '9') || (lo >= 'A' && lo <= 'F'));
        if (!upper_hex)
            return false;
        const auto byte = static_cast<char>(boost::urls::grammar::hexdig_value(hi) * 16 +
                                            boost::urls::grammar::hexdig_value(lo));
        if (boost::urls::unreserved_chars(byte))
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
    const auto valid = boost::urls::make_pct_string_view(encoded);
    if (!valid)
        return std::nullopt;
    std::string decoded;
    valid->decode({}, boost::urls::string_token::assign_to(decoded));
    return decoded;
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

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_DETAIL_PERCENT_ENCODING_HPP

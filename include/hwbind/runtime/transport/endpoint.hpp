// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_ENDPOINT_HPP
#define HWBIND_RUNTIME_TRANSPORT_ENDPOINT_HPP

/// \file
/// Where requests go: the scheme, host and port of a service's base URL, parsed once so that
/// sending a request does no URL work.

#include <hwbind/runtime/codec/ascii.hpp>
#include <hwbind/runtime/codec/percent_encoding.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/codec/request.hpp>

#include <boost/system/error_code.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace hwbind {

/// The scheme of an endpoint.
enum class url_scheme : unsigned char {
    http,  ///< plain TCP
    https, ///< TLS
};

/// A parsed base URL: `http` or `https`, a host and a port.
struct endpoint {
    url_scheme scheme = url_scheme::https;

    /// A lower-case DNS name or an IP address; an IPv6 address without its brackets.
    std::string host;

    /// The TCP port; `parse_endpoint` fills in 80 or 443 when the URL has none.
    std::uint16_t port = 443;

    /// Whether the scheme is `https`.
    bool secure() const noexcept { return scheme == url_scheme::https; }

    /// The port the scheme implies when the URL names none.
    std::uint16_t default_port() const noexcept { return secure() ? 443 : 80; }

    /// The value of the `Host` header: the host, bracketed when it is an IPv6 address, then
    /// `:port` unless the port is the scheme's default (RFC 9110 §7.2).
    std::string host_header() const;
};

namespace detail {

/// Appends `host[:port]` to `out`, as `Host` and `CONNECT` spell it; the port is left out
/// when `omit_port` is set.
inline void append_authority(std::string& out, std::string_view host, std::uint16_t port, bool omit_port)
{
    const bool ipv6 = host.find(':') != std::string_view::npos;
    if (ipv6)
        out += '[';
    out.append(host);
    if (ipv6)
        out += ']';
    if (!omit_port) {
        char digits[5];
        const auto r = std::to_chars(digits, digits + sizeof digits, port);
        out += ':';
        out.append(digits, r.ptr);
    }
}

} // namespace detail

inline std::string endpoint::host_header() const
{
    std::string out;
    detail::append_authority(out, host, port, port == default_port());
    return out;
}

namespace detail {

/// Whether `s` is a dotted-quad IPv4 address (RFC 3986 `IPv4address`: no leading zeros).
inline bool is_ipv4_address(std::string_view s) noexcept
{
    for (int octet = 0; octet < 4; ++octet) {
        if (octet != 0) {
            if (s.empty() || s.front() != '.')
                return false;
            s.remove_prefix(1);
        }
        std::size_t digits = 0;
        unsigned value = 0;
        while (digits < s.size() && digits < 3 && s[digits] >= '0' && s[digits] <= '9')
            value = value * 10 + static_cast<unsigned>(s[digits++] - '0');
        if (digits == 0 || value > 255 || (digits > 1 && s.front() == '0'))
            return false;
        s.remove_prefix(digits);
    }
    return s.empty();
}

/// Whether `s` is an IPv6 address as RFC 3986 `IPv6address` spells it (without brackets or
/// zone): eight groups of 1 to 4 hex digits, one run of them shortened to `::`, the last two
/// possibly written as an IPv4 address.
inline bool is_ipv6_address(std::string_view s) noexcept
{
    int groups = 0;
    bool shortened = false;
    std::size_t i = 0;
    if (s.substr(0, 2) == "::") {
        shortened = true;
        i = 2;
    } else if (s.empty() || s.front() == ':') {
        return false;
    }
    while (i < s.size()) {
        const std::size_t colon = s.find(':', i);
        const std::string_view group = s.substr(i, colon == std::string_view::npos ? std::string_view::npos : colon - i);
        if (group.find('.') != std::string_view::npos) {
            if (colon != std::string_view::npos || !is_ipv4_address(group))
                return false;
            groups += 2;
            break;
        }
        if (group.empty() || group.size() > 4)
            return false;
        for (const char c : group) {
            if (codec::hex_digit_value(c) < 0)
                return false;
        }
        ++groups;
        if (colon == std::string_view::npos)
            break;
        i = colon + 1;
        if (i < s.size() && s[i] == ':') {
            if (shortened)
                return false;
            shortened = true;
            ++i;
        } else if (i == s.size()) {
            return false; // a trailing single `:`
        }
    }
    return shortened ? groups <= 7 : groups == 8;
}

/// Whether `c` may appear in a host name as a URL writes it unencoded (RFC 3986 `reg-name`
/// without its percent-encoding: unreserved and sub-delims).
inline bool is_host_name_character(char c) noexcept
{
    return codec::is_unreserved(c) || std::string_view("!$&'()*+,;=").find(c) != std::string_view::npos;
}

} // namespace detail

/// Parses a base URL such as `https://hss.cn-north-4.myhuaweicloud.com` or
/// `http://127.0.0.1:8080/` into `out`.
///
/// Accepted: the `http` and `https` schemes (any case), a DNS name, an IPv4 address or a
/// bracketed IPv6 address, an optional port (1 to 65535; 80 or 443 when absent), and an
/// empty path or `/`. Rejected with `error::invalid_endpoint`: any other scheme, user
/// information, a path, a query, a fragment, a percent-encoded host name.
inline boost::system::error_code parse_endpoint(std::string_view text, endpoint& out)
{
    const boost::system::error_code invalid = error::invalid_endpoint;
    const std::size_t scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos)
        return invalid;
    endpoint result;
    const std::string_view scheme = text.substr(0, scheme_end);
    if (header_list::equal_names(scheme, "http"))
        result.scheme = url_scheme::http;
    else if (header_list::equal_names(scheme, "https"))
        result.scheme = url_scheme::https;
    else
        return invalid;

    // The authority runs to the first `/`, after which only that `/` may follow; a `?`, `#`
    // or `@` in it is refused with the other characters a host cannot hold.
    std::string_view authority = text.substr(scheme_end + 3);
    const std::size_t slash = authority.find('/');
    if (slash != std::string_view::npos) {
        if (slash + 1 != authority.size())
            return invalid;
        authority.remove_suffix(1);
    }
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos || !detail::is_ipv6_address(authority.substr(1, close - 1)))
            return invalid;
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty() && after.front() != ':')
            return invalid;
        port = after.substr(after.empty() ? 0 : 1);
        result.host = authority.substr(1, close - 1);
    } else {
        const std::size_t colon = authority.find(':');
        const std::string_view name = authority.substr(0, colon);
        if (colon != std::string_view::npos)
            port = authority.substr(colon + 1);
        if (name.empty() || !std::all_of(name.begin(), name.end(), detail::is_host_name_character))
            return invalid;
        result.host.reserve(name.size());
        // DNS names are case-insensitive: one spelling keeps one pool entry per host.
        for (const char c : name)
            result.host += ascii_to_lower(c);
    }

    result.port = result.default_port();
    if (!port.empty()) {
        unsigned value = 0;
        const auto r = std::from_chars(port.data(), port.data() + port.size(), value);
        if (r.ec != std::errc() || r.ptr != port.data() + port.size() || value == 0 || value > 65535)
            return invalid;
        result.port = static_cast<std::uint16_t>(value);
    }
    out = std::move(result);
    return {};
}

} // namespace hwbind

#endif // HWBIND_RUNTIME_TRANSPORT_ENDPOINT_HPP

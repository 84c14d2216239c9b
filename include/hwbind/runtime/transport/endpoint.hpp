// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_ENDPOINT_HPP
#define HWBIND_RUNTIME_TRANSPORT_ENDPOINT_HPP

/// \file
/// Where requests go: the scheme, host and port of a service's base URL, parsed once so that
/// sending a request does no URL work.

#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/request.hpp>

#include <boost/system/error_code.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

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
    const auto parsed = boost::urls::parse_absolute_uri(text);
    if (!parsed)
        return invalid;
    const boost::urls::url_view url = *parsed;

    endpoint result;
    switch (url.scheme_id()) {
    case boost::urls::scheme::http: result.scheme = url_scheme::http; break;
    case boost::urls::scheme::https: result.scheme = url_scheme::https; break;
    default: return invalid;
    }
    if (!url.has_authority() || url.has_userinfo() || url.has_query())
        return invalid;
    if (!url.encoded_path().empty() && url.encoded_path() != "/")
        return invalid;

    switch (url.host_type()) {
    case boost::urls::host_type::ipv4:
    case boost::urls::host_type::ipv6: result.host = url.encoded_host_address(); break;
    case boost::urls::host_type::name: {
        const std::string_view name = url.encoded_host_name();
        if (name.empty() || name.find('%') != std::string_view::npos)
            return invalid;
        result.host.reserve(name.size());
        // DNS names are case-insensitive: one spelling keeps one pool entry per host.
        for (const char c : name)
            result.host += header_list::to_lower(c);
        break;
    }
    default: return invalid;
    }

    result.port = result.default_port();
    const std::string_view port = url.port();
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

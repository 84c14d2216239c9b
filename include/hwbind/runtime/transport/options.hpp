// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_OPTIONS_HPP
#define HWBIND_RUNTIME_TRANSPORT_OPTIONS_HPP

/// \file
/// The settings of a `transport`: TLS verification, the proxy, timeouts and limits. Plain
/// data; the transport reads them once, when it is constructed.

#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace hwbind {

/// How `https` endpoints are authenticated.
///
/// By default the server's certificate chain is verified against the system CA store
/// (OpenSSL's default paths) and its name against the endpoint's host (RFC 6125: DNS names
/// and IP addresses in subjectAltName); SNI names the host. Setting any of `ca_file`,
/// `ca_path` or `ca_pem` replaces the system store with the given CAs, for private clouds
/// and test servers.
struct tls_options {
    /// A PEM file of trusted CA certificates.
    std::string ca_file;

    /// A directory of trusted CA certificates in OpenSSL's hashed layout (`c_rehash`).
    std::string ca_path;

    /// Trusted CA certificates as PEM text, one or more.
    std::string ca_pem;

    /// DANGEROUS: accept any certificate for any name. The connection is still encrypted,
    /// but anyone on the path can read and change it, credentials and signed requests
    /// included. For debugging against a throw-away server only; never in production.
    bool insecure_skip_verify = false;
};

namespace detail {

/// Whether one `no_proxy` entry covers `host` (lower case, IPv6 without brackets).
inline bool no_proxy_entry_matches(std::string_view entry, std::string_view host) noexcept
{
    if (entry == "*")
        return true;
    if (!entry.empty() && entry.front() == '[') {
        entry.remove_prefix(1);
        entry = entry.substr(0, entry.find(']'));
    } else if (const auto colon = entry.find(':');
               colon != std::string_view::npos && entry.find(':', colon + 1) == std::string_view::npos) {
        entry = entry.substr(0, colon); // `host:port`: proxies are chosen per host, not per port
    }
    if (entry.substr(0, 2) == "*.")
        entry.remove_prefix(2);
    else if (!entry.empty() && entry.front() == '.')
        entry.remove_prefix(1);
    if (entry.empty() || entry.size() > host.size())
        return false;
    // The host itself, or a subdomain: `example.com` covers `api.example.com`, not `myexample.com`.
    const std::string_view tail = host.substr(host.size() - entry.size());
    return header_list::equal_names(tail, entry) &&
           (tail.size() == host.size() || host[host.size() - entry.size() - 1] == '.');
}

/// The value of environment variable `upper` (when not null), else of `lower`; empty when
/// neither is set.
inline std::string_view environment_value(const char* upper, const char* lower) noexcept
{
    const char* value = upper == nullptr ? nullptr : std::getenv(upper);
    if (value == nullptr || *value == '\0')
        value = std::getenv(lower);
    return value == nullptr ? std::string_view() : std::string_view(value);
}

} // namespace detail

/// The HTTP proxy to reach endpoints through.
///
/// `https` endpoints are reached through a `CONNECT` tunnel (TLS runs end to end, the proxy
/// sees only the host and port); `http` endpoints get absolute-form requests. Proxies are
/// spoken to in plain HTTP (`http://host:port`; the scheme may be left out); proxy
/// authentication is not supported, so a URL with user information is rejected.
struct proxy_options {
    /// The proxy for `https` endpoints; empty for none.
    std::string https_proxy;

    /// The proxy for `http` endpoints; empty for none.
    std::string http_proxy;

    /// Hosts reached directly. Each entry is `*` (every host), a host name matching itself
    /// and its subdomains (`example.com`, `.example.com` and `*.example.com` alike), or an IP
    /// address; names compare without regard to case, a `:port` suffix is ignored, and
    /// CIDR ranges are not supported.
    std::vector<std::string> no_proxy;

    /// Whether `host` (as `endpoint::host` holds it) is reached directly by `no_proxy`.
    bool bypasses(std::string_view host) const noexcept
    {
        for (const std::string& entry : no_proxy) {
            if (detail::no_proxy_entry_matches(entry, host))
                return true;
        }
        return false;
    }

    /// The settings of the environment, as curl and the Go and Python SDKs read them:
    /// `HTTPS_PROXY` (else `https_proxy`), `HTTP_PROXY` (else `http_proxy`) and
    /// comma-separated `NO_PROXY` (else `no_proxy`).
    ///
    /// In a CGI program (`REQUEST_METHOD` set) `HTTP_PROXY` is ignored: there it comes from
    /// the client's `Proxy:` request header ("httpoxy").
    static proxy_options from_environment()
    {
        proxy_options out;
        out.https_proxy = detail::environment_value("HTTPS_PROXY", "https_proxy");
        const bool cgi = std::getenv("REQUEST_METHOD") != nullptr;
        out.http_proxy = detail::environment_value(cgi ? nullptr : "HTTP_PROXY", "http_proxy");
        std::string_view list = detail::environment_value("NO_PROXY", "no_proxy");
        while (!list.empty()) {
            const std::size_t comma = list.find(',');
            std::string_view entry = list.substr(0, comma);
            list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
            while (!entry.empty() && (entry.front() == ' ' || entry.front() == '\t'))
                entry.remove_prefix(1);
            while (!entry.empty() && (entry.back() == ' ' || entry.back() == '\t'))
                entry.remove_suffix(1);
            if (!entry.empty())
                out.no_proxy.emplace_back(entry);
        }
        return out;
    }
};

namespace detail {

/// Parses a proxy URL of `proxy_options` (`http://host:port`, or `host:port`) into `out`.
inline boost::system::error_code parse_proxy(std::string_view text, endpoint& out)
{
    if (text.find("://") == std::string_view::npos) {
        std::string with_scheme = "http://";
        with_scheme.append(text);
        return parse_proxy(with_scheme, out);
    }
    if (auto ec = parse_endpoint(text, out))
        return ec;
    return out.secure() ? boost::system::error_code(error::invalid_endpoint) : boost::system::error_code();
}

} // namespace detail

/// The settings of a `transport`.
struct transport_options {
    /// The longest a new connection may take to be ready: name resolution, TCP connect, the
    /// proxy tunnel and the TLS handshake. Expiry fails the request with `error::timeout`.
    std::chrono::steady_clock::duration connect_timeout = std::chrono::seconds(10);

    /// The deadline of a whole request, from the call to the last byte of the response:
    /// connecting, writing and reading all count against it, so a server that sends a byte
    /// now and then cannot hold a call longer. Expiry fails it with `error::timeout`.
    std::chrono::steady_clock::duration request_timeout = std::chrono::seconds(30);

    /// The largest response body accepted; a larger one fails with `error::body_too_large`
    /// as soon as its `Content-Length` (or, chunked, what has arrived) exceeds this. So does
    /// a chunk extension or trailer section longer than the read buffer may grow (128 KiB,
    /// or `read_buffer_size` if larger). With the 64 KiB limit of a response head, a
    /// response makes a connection hold no more than this limit and that buffer.
    std::size_t max_response_body = 64 * 1024 * 1024;

    /// The largest body a `body_sink` (a download) may receive, in place of
    /// `max_response_body`; larger fails with `error::body_too_large`. Unlimited by default:
    /// such a body streams to the sink through the read buffer and is never held whole, so
    /// its size costs no memory, and the files a service exports have no documented bound.
    /// Set it to refuse downloads that would fill a disk.
    std::uint64_t max_binary_body = std::numeric_limits<std::uint64_t>::max();

    /// How many idle keep-alive connections are kept per (scheme, host, port, proxy); a
    /// connection released beyond that closes the oldest. 0 disables reuse.
    std::size_t max_idle_connections_per_host = 4;

    /// A pooled connection idle this long or longer is probed (one non-blocking read) before
    /// it is reused, so that one the server closed meanwhile is replaced before anything is
    /// sent on it. Younger ones are reused unprobed: a request that then finds its connection
    /// closed, before any response arrived, is sent once more on a new connection if that is
    /// safe (see `transport`). 0 probes every time, at one system call per request.
    std::chrono::steady_clock::duration probe_idle_after = std::chrono::seconds(1);

    /// The capacity reserved for each connection's read buffer, which bounds the bytes taken
    /// from the socket per system call (Beast's parser takes at most 64 KiB per read). A
    /// small buffer costs one system call per few hundred bytes on large bodies.
    std::size_t read_buffer_size = 64 * 1024;

    /// TLS verification for `https` endpoints.
    tls_options tls;

    /// The proxy; none by default (use `proxy_options::from_environment()` to follow the
    /// environment).
    proxy_options proxy;
};

} // namespace hwbind

#endif // HWBIND_RUNTIME_TRANSPORT_OPTIONS_HPP

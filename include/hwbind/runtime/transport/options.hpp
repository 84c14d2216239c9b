// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_OPTIONS_HPP
#define HWBIND_RUNTIME_TRANSPORT_OPTIONS_HPP

/// \file
/// The settings of a `transport`: TLS verification, the proxy, timeouts and limits. Plain
/// data; the transport reads them once, when it is constructed.

#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/codec/percent_encoding.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>

#include <boost/asio/ip/address.hpp>
#include <boost/system/error_code.hpp>

#include <openssl/evp.h>

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
/// neither is set. `name` is set to the variable the value came from.
inline std::string_view environment_value(const char* upper, const char* lower, const char** name = nullptr) noexcept
{
    const char* from = upper;
    const char* value = upper == nullptr ? nullptr : std::getenv(upper);
    if (value == nullptr || *value == '\0') {
        from = lower;
        value = std::getenv(lower);
    }
    if (name != nullptr)
        *name = value == nullptr ? nullptr : from;
    return value == nullptr ? std::string_view() : std::string_view(value);
}

/// Whether `host` (as `endpoint::host` holds it) is this machine's loopback: `localhost`, an
/// address of 127.0.0.0/8, or `::1`.
inline bool is_loopback_host(std::string_view host) noexcept
{
    if (header_list::equal_names(host, "localhost"))
        return true;
    boost::system::error_code not_an_address;
    const auto address = boost::asio::ip::make_address(std::string(host), not_an_address);
    return !not_an_address && address.is_loopback();
}

} // namespace detail

/// The HTTP proxy to reach endpoints through.
///
/// `https` endpoints are reached through a `CONNECT` tunnel (TLS runs end to end, the proxy
/// sees only the host and port); `http` endpoints get absolute-form requests. Proxies are
/// spoken to in plain HTTP: `http://[user[:password]@]host[:port]` (the scheme may be left
/// out; the port is 80 by default). User information, percent-decoded, is sent as
/// `Proxy-Authorization: Basic` on the `CONNECT` request, or on each request to an `http`
/// endpoint, as curl does; it never appears in messages, events or exceptions. A URL the
/// transport cannot use (`https://`, another scheme, not a URL) fails its construction with
/// `error::invalid_endpoint` and a message naming where it came from (the variable, or
/// `proxy_options::https_proxy`) and why.
struct proxy_options {
    /// The proxy for `https` endpoints; empty for none.
    std::string https_proxy;

    /// The proxy for `http` endpoints; empty for none.
    std::string http_proxy;

    /// Where `https_proxy` and `http_proxy` came from, for messages: the environment
    /// variable `from_environment` read them from; empty when set in code.
    std::string https_proxy_source;
    std::string http_proxy_source;

    /// Whether loopback destinations (`localhost`, 127.0.0.0/8, `::1`) are reached directly
    /// whatever the proxies and `no_proxy` say, as Go's `net/http` does for the proxies of
    /// the environment: a proxy cannot reach the client's own loopback. Set by
    /// `from_environment`; false by default, so a proxy set in code serves every host.
    bool direct_to_loopback = false;

    /// Hosts reached directly. Each entry is `*` (every host), a host name matching itself
    /// and its subdomains (`example.com`, `.example.com` and `*.example.com` alike), or an IP
    /// address; names compare without regard to case, a `:port` suffix is ignored, and
    /// CIDR ranges are not supported.
    std::vector<std::string> no_proxy;

    /// Whether `host` (as `endpoint::host` holds it) is reached directly by `no_proxy`.
    bool bypasses(std::string_view host) const noexcept
    {
        if (direct_to_loopback && detail::is_loopback_host(host))
            return true;
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
    /// the client's `Proxy:` request header ("httpoxy"). Loopback destinations are reached
    /// directly (`direct_to_loopback`).
    static proxy_options from_environment()
    {
        proxy_options out;
        out.direct_to_loopback = true;
        const char* source = nullptr;
        out.https_proxy = detail::environment_value("HTTPS_PROXY", "https_proxy", &source);
        out.https_proxy_source = source != nullptr ? source : "";
        const bool cgi = std::getenv("REQUEST_METHOD") != nullptr;
        out.http_proxy = detail::environment_value(cgi ? nullptr : "HTTP_PROXY", "http_proxy", &source);
        out.http_proxy_source = source != nullptr ? source : "";
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

/// Parses a proxy URL of `proxy_options` (`http://[user[:password]@]host[:port]`, the scheme
/// optional) into `out`, and its user information into the value of a `Proxy-Authorization`
/// header (`Basic` and the base64 of `user:password`, percent-decoded; empty without one).
/// On failure, `error::invalid_endpoint`, and `reason` says why without quoting the URL,
/// which may hold a password.
inline boost::system::error_code parse_proxy(std::string_view text, endpoint& out, std::string& authorization,
                                             std::string& reason)
{
    const boost::system::error_code invalid = error::invalid_endpoint;
    std::string_view rest = text;
    if (const std::size_t scheme_end = text.find("://"); scheme_end != std::string_view::npos) {
        const std::string_view scheme = text.substr(0, scheme_end);
        if (header_list::equal_names(scheme, "https")) {
            reason = "https:// proxies are not supported: the client speaks plain HTTP to its proxy (https:// "
                     "endpoints are tunnelled through it with CONNECT); use http://";
            return invalid;
        }
        if (!header_list::equal_names(scheme, "http")) {
            reason = "the scheme is not http:// (proxies are spoken to in plain HTTP; SOCKS is not supported)";
            return invalid;
        }
        rest = text.substr(scheme_end + 3);
    }
    // The user information ends at the authority's last `@`: a password may hold an `@`
    // unencoded, as curl and browsers accept.
    const std::size_t authority_end = rest.find_first_of("/?#");
    const std::size_t at = rest.substr(0, authority_end).rfind('@');
    authorization.clear();
    if (at != std::string_view::npos) {
        const std::string_view userinfo = rest.substr(0, at);
        const std::size_t colon = userinfo.find(':');
        const auto user = codec::percent_decode(userinfo.substr(0, colon));
        const auto password =
            codec::percent_decode(colon == std::string_view::npos ? std::string_view() : userinfo.substr(colon + 1));
        if (!user || !password || user->empty()) {
            reason = "the user information is not user[:password] with valid percent-encoding";
            return invalid;
        }
        const std::string credentials = *user + ':' + *password;
        std::string encoded(4 * ((credentials.size() + 2) / 3) + 1, '\0');
        const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                      reinterpret_cast<const unsigned char*>(credentials.data()),
                                      static_cast<int>(credentials.size()));
        encoded.resize(static_cast<std::size_t>(n));
        authorization = "Basic " + encoded;
        rest.remove_prefix(at + 1);
    }
    std::string url = "http://";
    url.append(rest);
    if (parse_endpoint(url, out)) {
        reason = "not a URL of the form http://[user:password@]host[:port]";
        return invalid;
    }
    return {};
}

} // namespace detail

/// The settings of a `transport`.
struct transport_options {
    /// The longest a new connection may take to be ready: name resolution, TCP connect, the
    /// proxy tunnel and the TLS handshake. Expiry fails the request with
    /// `error::connect_timeout`.
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

    /// The most connections open at once per (scheme, host, port, proxy) and execution
    /// context: in use, being opened and idle together. Asynchronous calls beyond it wait in
    /// a queue, first come first served, their deadline running meanwhile; idle connections
    /// are kept up to it. 64 by default: enough for a service making dozens of calls at once
    /// to keep them all on the wire (one call per connection, as HTTP/1.1 has no
    /// multiplexing), few enough that a burst of thousands of calls does not open thousands
    /// of connections (and TLS handshakes) to one cloud endpoint, whose gateway throttles and
    /// resets such bursts, nor use up the process's file descriptors (1024 by default on
    /// Linux). Values below 1 act as 1.
    std::size_t max_connections_per_host = 64;

    /// How long a connection may stay idle in the pool; an older one is closed when the pool
    /// is next used for its host. 30 s by default: below the 60 s after which Huawei Cloud's
    /// load balancers close idle connections, so that this side closes first (one the server
    /// closed sooner is caught by `probe_idle_after`). 0 keeps no connection idle: each
    /// request connects anew.
    std::chrono::steady_clock::duration idle_timeout = std::chrono::seconds(30);

    /// The largest body a `body_sink` (a download) may receive, in place of
    /// `max_response_body`; larger fails with `error::body_too_large`. Unlimited by default:
    /// such a body streams to the sink through the read buffer and is never held whole, so
    /// its size costs no memory, and the files a service exports have no documented bound.
    /// Set it to refuse downloads that would fill a disk.
    std::uint64_t max_binary_body = std::numeric_limits<std::uint64_t>::max();

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

// Tests of the transport (include/hwbind/runtime/transport/): endpoint parsing, proxy
// selection, and requests against the in-process server and proxy of
// tests/support/test_server.hpp on 127.0.0.1 (plain and TLS with a certificate made at test
// time): keep-alive reuse, closed connections, deadlines, body limits, TLS verification,
// CONNECT tunnels, and the synchronous and asynchronous forms.
#include <hwbind/runtime/transport/detail/request_writer.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>
#include <hwbind/runtime/transport/http_response.hpp>
#include <hwbind/runtime/transport/options.hpp>
#include <hwbind/runtime/transport/transport.hpp>

#include "support/scoped_env.hpp"
#include "support/test_certs.hpp"
#include "support/test_server.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>
#if defined(BOOST_ASIO_HAS_CO_AWAIT)
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#endif

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <future>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using hwbind::endpoint;
using hwbind::error;
using hwbind::http_response;
using hwbind::parse_endpoint;
using hwbind::prepared_request;
using hwbind::transport;
using hwbind::transport_options;
using hwbind::url_scheme;
using hwbind::meta::http_method;
using hwbind::test::ok;
using hwbind::test::reply;
using hwbind::test::request_info;
using hwbind::test::test_proxy;
using hwbind::test::test_server;
using boost::system::error_code;

namespace net = boost::asio;
namespace http = boost::beast::http;

namespace {

using request = hwbind::test::request;

endpoint endpoint_of(const std::string& url)
{
    endpoint ep;
    const error_code ec = parse_endpoint(url, ep);
    REQUIRE_MESSAGE(!ec, url);
    return ep;
}

endpoint local(std::uint16_t port, url_scheme scheme = url_scheme::http)
{
    return endpoint_of(std::string(scheme == url_scheme::https ? "https" : "http") + "://127.0.0.1:" +
                       std::to_string(port));
}

prepared_request make_request(std::string_view path, http_method method = http_method::get, std::string body = {})
{
    prepared_request req;
    req.set_method(method);
    req.set_target(path, "");
    req.set_body(std::move(body));
    return req;
}

/// A server answering each request with its target as the body.
test_server::handler_type echo_target()
{
    return [](const request& req, const request_info&) { return ok(std::string(req.target())); };
}

/// Deadlines that a loaded machine (or a sanitizer) meets with room to spare.
transport_options test_options()
{
    transport_options o;
    o.connect_timeout = std::chrono::seconds(10);
    o.request_timeout = std::chrono::seconds(10);
    return o;
}

/// A short request deadline, for the tests of the deadline.
transport_options short_deadline()
{
    transport_options o = test_options();
    o.request_timeout = std::chrono::milliseconds(300);
    return o;
}

/// OpenSSL's verify result (`X509_V_ERR_*`) of a refused certificate; -1 for another error.
int verify_result_of(const error_code& ec)
{
    return std::string_view(ec.category().name()) == "hwbind.certificate" ? ec.value() : -1;
}

/// A CA and a TLS server context with a certificate it issued for `alt_names`.
struct tls_fixture {
    explicit tls_fixture(const std::string& common_name, const std::string& alt_names)
        : cert(ca.issue(common_name, alt_names)), server_context(hwbind::test::server_context_for(cert))
    {
    }

    hwbind::test::test_ca ca;
    hwbind::test::issued_certificate cert;
    net::ssl::context server_context;
};

using hwbind::test::scoped_env;

} // namespace

TEST_CASE("transport: parse_endpoint")
{
    endpoint ep;
    CHECK_FALSE(parse_endpoint("https://hss.cn-north-4.myhuaweicloud.com", ep));
    CHECK(ep.scheme == url_scheme::https);
    CHECK(ep.host == "hss.cn-north-4.myhuaweicloud.com");
    CHECK(ep.port == 443);
    CHECK(ep.host_header() == "hss.cn-north-4.myhuaweicloud.com");

    CHECK_FALSE(parse_endpoint("HTTP://Example.COM/", ep));
    CHECK(ep.scheme == url_scheme::http);
    CHECK(ep.host == "example.com");
    CHECK(ep.port == 80);

    CHECK_FALSE(parse_endpoint("http://127.0.0.1:8080", ep));
    CHECK(ep.host == "127.0.0.1");
    CHECK(ep.port == 8080);
    CHECK(ep.host_header() == "127.0.0.1:8080");

    CHECK_FALSE(parse_endpoint("https://[::1]:8443/", ep));
    CHECK(ep.host == "::1");
    CHECK(ep.port == 8443);
    CHECK(ep.host_header() == "[::1]:8443");

    CHECK_FALSE(parse_endpoint("https://example.com:443", ep));
    CHECK(ep.host_header() == "example.com");

    for (const char* bad : {"", "example.com", "ftp://example.com", "https://", "https://example.com/v1",
                            "https://example.com?x=1", "https://example.com#f", "https://user:pw@example.com",
                            "https://example.com:0", "https://example.com:65536", "https://example.com:80x",
                            "https://exa%41mple.com", "https://example.com//"}) {
        endpoint untouched;
        untouched.host = "kept";
        CHECK_MESSAGE(parse_endpoint(bad, untouched) == error::invalid_endpoint, bad);
        CHECK(untouched.host == "kept");
    }
    CHECK(error_code(error::invalid_endpoint) == hwbind::condition::transport_error);
    CHECK(error_code(error::timeout) == hwbind::condition::transport_error);
    CHECK(error_code(error::connection_closed) == hwbind::condition::transport_error);
    CHECK(error_code(error::api_error) == hwbind::condition::service_error);
}

TEST_CASE("transport: no_proxy matching")
{
    hwbind::proxy_options p;
    p.no_proxy = {"example.com", ".internal", "*.corp.example", "10.0.0.1", "[::1]", "svc.local:8443"};
    CHECK(p.bypasses("example.com"));
    CHECK(p.bypasses("api.example.com"));
    CHECK(p.bypasses("API.Example.COM"));
    CHECK_FALSE(p.bypasses("myexample.com"));
    CHECK_FALSE(p.bypasses("example.com.evil"));
    CHECK(p.bypasses("internal"));
    CHECK(p.bypasses("a.b.internal"));
    CHECK(p.bypasses("x.corp.example"));
    CHECK(p.bypasses("10.0.0.1"));
    CHECK_FALSE(p.bypasses("10.0.0.10"));
    CHECK(p.bypasses("::1"));
    CHECK(p.bypasses("svc.local"));
    CHECK_FALSE(p.bypasses("hss.cn-north-4.myhuaweicloud.com"));

    p.no_proxy = {"*"};
    CHECK(p.bypasses("anything.example"));
    p.no_proxy.clear();
    CHECK_FALSE(p.bypasses("example.com"));
}

TEST_CASE("transport: proxy_options::from_environment")
{
    const scoped_env a("HTTPS_PROXY", "http://proxy.example:3128");
    const scoped_env b("https_proxy", "http://lower.example:1");
    const scoped_env c("HTTP_PROXY", nullptr);
    const scoped_env d("http_proxy", "proxy2.example:8080");
    const scoped_env e("NO_PROXY", " localhost, .internal ,,127.0.0.1 ");
    const scoped_env f("REQUEST_METHOD", nullptr);
    const hwbind::proxy_options p = hwbind::proxy_options::from_environment();
    CHECK(p.https_proxy == "http://proxy.example:3128");
    CHECK(p.http_proxy == "proxy2.example:8080");
    CHECK(p.no_proxy == std::vector<std::string>{"localhost", ".internal", "127.0.0.1"});

    {
        // In CGI, HTTP_PROXY comes from the client: ignored.
        const scoped_env cgi("REQUEST_METHOD", "GET");
        const scoped_env upper("HTTP_PROXY", "http://evil.example:80");
        const scoped_env lower("http_proxy", nullptr);
        CHECK(hwbind::proxy_options::from_environment().http_proxy.empty());
    }

    CHECK(p.https_proxy_source == "HTTPS_PROXY");
    CHECK(p.http_proxy_source == "http_proxy");
    CHECK(p.direct_to_loopback);

    // Proxy URLs are checked when the transport is made; the message names where the URL came
    // from and why it cannot be used, and never quotes it (it may hold a password).
    net::io_context ioc;
    const auto refusal = [&](const transport_options& o) {
        try {
            transport t(ioc.get_executor(), o);
        } catch (const boost::system::system_error& e) {
            CHECK(e.code() == error::invalid_endpoint);
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    transport_options o;
    o.proxy = p;
    o.proxy.https_proxy = "https://user:TOPSECRET@proxy.example:3128";
    const std::string https_scheme = refusal(o);
    CHECK(https_scheme.find("the proxy URL of HTTPS_PROXY cannot be used: https:// proxies are not supported") == 0);
    CHECK(https_scheme.find("TOPSECRET") == std::string::npos);
    o.proxy.https_proxy = "http://proxy.example:3128";
    o.proxy.http_proxy = "http://user:TOPSECRET@proxy example";
    const std::string garbage = refusal(o);
    CHECK(garbage.find("the proxy URL of http_proxy cannot be used: not a URL of the form "
                       "http://[user:password@]host[:port]") == 0);
    CHECK(garbage.find("TOPSECRET") == std::string::npos);
    o.proxy.http_proxy = "socks5://proxy.example:1080";
    CHECK(refusal(o).find("http_proxy cannot be used: the scheme is not http://") != std::string::npos);
    o.proxy.http_proxy_source.clear(); // set in code
    CHECK(refusal(o).find("the proxy URL of proxy_options::http_proxy cannot be used") == 0);
    o.proxy.http_proxy = "http://user:%zz@proxy.example";
    CHECK(refusal(o).find("the user information is not user[:password]") != std::string::npos);
    o.proxy.http_proxy = "proxy.example:3128";
    o.proxy.https_proxy = "http://user:secret@proxy.example:3128";
    CHECK_NOTHROW(transport(ioc.get_executor(), o));
}

TEST_CASE("transport: proxy user information becomes Proxy-Authorization: Basic")
{
    using hwbind::detail::parse_proxy;
    endpoint hop;
    std::string authorization, reason;
    REQUIRE_FALSE(parse_proxy("http://Aladdin:open%20sesame@proxy.example:3128", hop, authorization, reason));
    CHECK(hop.host == "proxy.example");
    CHECK(hop.port == 3128);
    CHECK(authorization == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    REQUIRE_FALSE(parse_proxy("user:p@ss@proxy.example", hop, authorization, reason)); // the last @ ends it
    CHECK(hop.port == 80);
    CHECK(authorization == "Basic dXNlcjpwQHNz");
    REQUIRE_FALSE(parse_proxy("http://proxy.example:8080/", hop, authorization, reason));
    CHECK(authorization.empty());
    CHECK(parse_proxy("http://:pw@proxy.example", hop, authorization, reason) == error::invalid_endpoint);

    std::string head;
    hwbind::detail::write_connect_head(head, endpoint_of("https://hss.example.com"), "Basic dXNlcjpwQHNz");
    CHECK(head == "CONNECT hss.example.com:443 HTTP/1.1\r\nHost: hss.example.com:443\r\n"
                  "Proxy-Authorization: Basic dXNlcjpwQHNz\r\n\r\n");
}

TEST_CASE("transport: the environment's proxies are never used for loopback destinations")
{
    hwbind::proxy_options p;
    p.https_proxy = "http://proxy.example:3128";
    CHECK_FALSE(p.bypasses("127.0.0.1")); // a proxy set in code serves every host
    p.direct_to_loopback = true;
    for (const char* loopback : {"127.0.0.1", "127.1.2.3", "::1", "localhost", "LocalHost"})
        CHECK_MESSAGE(p.bypasses(loopback), loopback);
    for (const char* other : {"128.0.0.1", "10.0.0.1", "::2", "localhost.example.com", "hss.example.com"})
        CHECK_MESSAGE(!p.bypasses(other), other);

    // End to end: with HTTP_PROXY and HTTPS_PROXY naming a working proxy, a request to
    // 127.0.0.1 goes direct, and NO_PROXY still applies to other hosts.
    test_proxy proxy;
    const std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy.port());
    const scoped_env a("HTTP_PROXY", proxy_url.c_str());
    const scoped_env b("HTTPS_PROXY", proxy_url.c_str());
    const scoped_env c("NO_PROXY", "internal.example");
    const scoped_env d("REQUEST_METHOD", nullptr);
    test_server server(echo_target());
    net::io_context ioc;
    transport_options o = test_options();
    o.proxy = hwbind::proxy_options::from_environment();
    transport t(ioc.get_executor(), o);
    http_response out;
    error_code ec;
    t.send(local(server.port()), make_request("/direct"), out, ec);
    REQUIRE_FALSE(ec);
    CHECK(out.body == "/direct");
    CHECK(proxy.accepted() == 0);
    CHECK(t.proxy_for(endpoint_of("https://hss.example.com")) != nullptr);
    CHECK(t.proxy_for(endpoint_of("https://api.internal.example")) == nullptr);
}

TEST_CASE("transport: GET round trip, request sent as given")
{
    test_server server([](const request& req, const request_info&) {
        reply r = ok("{\"jobs\":[]}");
        r.message.set("X-Request-Id", "req-1");
        r.message.insert("X-Multi", "a");
        r.message.insert("X-Multi", "b");
        r.message.set(http::field::content_type, req[http::field::content_type]);
        return r;
    });
    net::io_context ioc;
    transport t(ioc.get_executor(), test_options());
    prepared_request req = make_request("/v5/p1/kubernetes/jobs");
    req.set_target("/v5/p1/kubernetes/jobs", "limit=10&offset=0");
    req.headers().set("Content-Type", "application/json");
    req.headers().set("X-Sdk-Date", "20191115T033655Z");
    http_response out;
    error_code ec;
    t.send(local(server.port()), req, out, ec);
    REQUIRE_FALSE(ec);
    CHECK(out.status == 200);
    CHECK(out.body == "{\"jobs\":[]}");
    REQUIRE(out.headers.find("x-request-id") != nullptr);
    CHECK(out.headers.find("x-request-id")->value == "req-1");
    REQUIRE(out.headers.find("X-Multi") != nullptr);
    CHECK(out.headers.find("X-Multi")->value == "a, b");
    CHECK(out.headers.find("content-type")->value == "application/json");

    const request seen = server.last_request();
    CHECK(seen.method() == http::verb::get);
    CHECK(seen.target() == "/v5/p1/kubernetes/jobs?limit=10&offset=0");
    CHECK(seen[http::field::host] == "127.0.0.1:" + std::to_string(server.port()));
    CHECK(seen["X-Sdk-Date"] == "20191115T033655Z");
    CHECK(seen[http::field::content_type] == "application/json");
    CHECK(seen.count(http::field::content_length) == 0);
    CHECK(seen.count(http::field::host) == 1);

    // A Host set by the caller (it is signed) is kept, not duplicated.
    req.headers().set("Host", "service.region.example.com");
    t.send(local(server.port()), req, out, ec);
    REQUIRE_FALSE(ec);
    CHECK(server.last_request()[http::field::host] == "service.region.example.com");
    CHECK(server.last_request().count(http::field::host) == 1);
}

TEST_CASE("transport: POST body, HEAD, redirects returned as they are")
{
    test_server server([](const request& req, const request_info&) {
        if (req.method() == http::verb::head) {
            reply r;
            r.message.content_length(42);
            return r;
        }
        if (req.target() == "/moved") {
            reply r;
            r.message.result(http::status::found);
            r.message.set(http::field::location, "http://127.0.0.1:1/elsewhere");
            return r;
        }
        return ok(req.body());
    });
    net::io_context ioc;
    transport t(ioc.get_executor(), test_options());
    http_response out;
    error_code ec;

    t.send(local(server.port()), make_request("/items", http_method::post, "{\"Name\":\"test\",\"Id\":1}\n"), out, ec);
    REQUIRE_FALSE(ec);
    CHECK(out.body == "{\"Name\":\"test\",\"Id\":1}\n");
    CHECK(server.last_request()[http::field::content_length] == "23");

    t.send(local(server.port()), make_request("/items", http_method::post), out, ec);
    REQUIRE_FALSE(ec);
    CHECK(server.last_request()[http::field::content_length] == "0");

    t.send(local(server.port()), make_request("/items", http_method::head), out, ec);
    REQUIRE_FALSE(ec);
    CHECK(out.status == 200);
    CHECK(out.body.empty());
    CHECK(out.headers.find("Content-Length")->value == "42");

    t.send(local(server.port()), make_request("/moved"), out, ec);
    REQUIRE_FALSE(ec);
    CHECK(out.status == 302);
    CHECK(server.requests() == 4);
    CHECK(server.accepted() == 1); // the same connection throughout
}

TEST_CASE("transport: invalid requests fail before any I/O")
{
    test_server server(echo_target());
    net::io_context ioc;
    transport t(ioc.get_executor(), test_options());
    http_response out;
    error_code ec;

    prepared_request req = make_request("/x");
    req.headers().set("X-Injected", "a\r\nX-Evil: 1");
    t.send(local(server.port()), req, out, ec);
    CHECK(ec == error::invalid_header_value);

    req = make_request("/x");
    req.headers().set("Bad Name", "v");
    t.send(local(server.port()), req, out, ec);
    CHECK(ec == error::invalid_header_value);

    req = make_request("/x", http_method::post, "abc");
    req.headers().set("Content-Length", "4");
    t.send(local(server.port()), req, out, ec);
    CHECK(ec == error::invalid_header_value);

    req = make_request("/x", http_method::post, "abc");
    req.headers().set("Transfer-Encoding", "chunked");
    t.send(local(server.port()), req, out, ec);
    CHECK(ec == error::invalid_header_value);

    req = make_request("/x y");
    t.send(local(server.port()), req, out, ec);
    CHECK(ec == error::invalid_header_value);

    t.send(endpoint{}, make_request("/x"), out, ec);
    CHECK(ec == error::invalid_endpoint);

    CHECK(server.accepted() == 0);

    // A matching Content-Length is kept as given.
    req = make_request("/x", http_method::post, "abc");
    req.headers().set("Content-Length", "3");
    t.send(local(server.port()), req, out, ec);
    CHECK_FALSE(ec);
    CHECK(server.last_request().body() == "abc");
}

TEST_CASE("transport: a CR, LF or NUL is found anywhere in a header value, and nothing else is taken for one")
{
    // The check reads eight bytes at a time: every length up to three words and every
    // position, and bytes that differ from CR, LF and NUL only in their high bit or by one.
    const std::string_view lookalikes("\x8d\x8a\x80\x0c\x0e\x09\x0b\x01\xff\x7f", 10);
    for (std::size_t length = 1; length <= 24; ++length) {
        for (std::size_t at = 0; at < length; ++at) {
            for (const char c : std::string_view("\r\n\0", 3)) {
                prepared_request req = make_request("/x");
                std::string value(length, 'v');
                value[at] = c;
                req.headers().set("X-Value", value);
                CHECK(hwbind::detail::check_request(req) == error::invalid_header_value);
            }
            for (const char c : lookalikes) {
                prepared_request req = make_request("/x");
                std::string value(length, c);
                value[at] = 'v';
                req.headers().set("X-Value", value);
                CHECK_FALSE(hwbind::detail::check_request(req));
            }
        }
    }
}

TEST_CASE("transport: keep-alive connections are reused")
{
    test_server server(echo_target());
    net::io_context ioc;
    transport t(ioc.get_executor(), test_options());
    http_response out;
    for (int i = 0; i < 5; ++i) {
        error_code ec;
        const std::string path = "/n" + std::to_string(i);
        t.send(local(server.port()), make_request(path), out, ec);
        REQUIRE_FALSE(ec);
        CHECK(out.body == path);
    }
    CHECK(server.accepted() == 1);
    CHECK(server.requests() == 5);
    CHECK(t.stats().connections_opened == 1);
    CHECK(t.stats().connections_reused == 4);

    // Without pooling, each request has its own connection.
    transport_options o = test_options();
    o.idle_timeout = {};
    transport unpooled(ioc.get_executor(), o);
    error_code ec;
    unpooled.send(local(server.port()), make_request("/a"), out, ec);
    unpooled.send(local(server.port()), make_request("/b"), out, ec);
    CHECK_FALSE(ec);
    CHECK(server.accepted() == 3);
}

TEST_CASE("transport: a host name is resolved and connected to, synchronously and not")
{
    // The server listens on 127.0.0.1 only; where `localhost` resolves to ::1 first, the
    // connection must come from trying the next address.
    test_server server(echo_target());
    net::io_context ioc;
    transport_options o = test_options();
    o.idle_timeout = {}; // each request resolves and connects anew
    transport t(ioc.get_executor(), o);
    const endpoint origin = endpoint_of("http://localhost:" + std::to_string(server.port()));

    http_response sync_out;
    error_code sync_ec;
    t.send(origin, make_request("/sync"), sync_out, sync_ec);
    REQUIRE_MESSAGE(!sync_ec, sync_ec.message());
    CHECK(sync_out.body == "/sync");

    http_response async_out;
    std::optional<error_code> async_ec;
    const prepared_request async_req = make_request("/async"); // borrowed until completion
    t.async_send(origin, async_req, async_out, [&](error_code ec) { async_ec = ec; });
    ioc.run();
    REQUIRE(async_ec);
    REQUIRE_MESSAGE(!*async_ec, async_ec->message());
    CHECK(async_out.body == "/async");
    CHECK(server.last_request()[http::field::host] == "localhost:" + std::to_string(server.port()));
}

TEST_CASE("transport: a connection the server closed while idle is replaced")
{
    // The server closes each connection after its response, without announcing it.
    test_server server([](const request& req, const request_info&) {
        reply r = ok(std::string(req.target()));
        r.close_after = true;
        return r;
    });
    net::io_context ioc;
    http_response out;
    error_code ec;

    SUBCASE("probed before reuse: even a POST goes through")
    {
        transport_options o = test_options();
        o.probe_idle_after = std::chrono::seconds(0);
        transport t(ioc.get_executor(), o);
        t.send(local(server.port()), make_request("/first", http_method::post), out, ec);
        REQUIRE_FALSE(ec);
        REQUIRE(server.wait_closed(1));
        t.send(local(server.port()), make_request("/second", http_method::post), out, ec);
        REQUIRE_FALSE(ec);
        CHECK(out.body == "/second");
        CHECK(server.accepted() == 2);
        CHECK(t.stats().connections_opened == 2);
        CHECK(t.stats().replays == 0); // seen closed before the request was written
    }
    SUBCASE("reused unprobed: the request is sent again")
    {
        transport t(ioc.get_executor(), test_options());
        t.send(local(server.port()), make_request("/first"), out, ec);
        REQUIRE_FALSE(ec);
        REQUIRE(server.wait_closed(1));
        t.send(local(server.port()), make_request("/second"), out, ec);
        REQUIRE_FALSE(ec);
        CHECK(out.body == "/second");
        CHECK(server.accepted() == 2);
        CHECK(t.stats().replays == 1);
    }
    SUBCASE("asynchronously")
    {
        transport t(ioc.get_executor(), test_options());
        const endpoint origin = local(server.port());
        const prepared_request first = make_request("/first");
        const prepared_request second = make_request("/second");
        t.async_send(origin, first, out, [&](error_code e) { ec = e; });
        ioc.run();
        ioc.restart();
        REQUIRE_FALSE(ec);
        REQUIRE(server.wait_closed(1));
        t.async_send(origin, second, out, [&](error_code e) { ec = e; });
        ioc.run();
        REQUIRE_FALSE(ec);
        CHECK(out.body == "/second");
        CHECK(server.accepted() == 2);
    }
}

TEST_CASE("transport: a request the server drops on a pooled connection is sent again once if idempotent")
{
    // The second request on the first connection is read and dropped unanswered, as when a
    // server closes an idle connection while the request is on its way.
    test_server server([](const request& req, const request_info& info) {
        reply r = ok(std::string(req.target()));
        r.drop = info.connection == 1 && info.nth == 2;
        return r;
    });
    net::io_context ioc;
    transport t(ioc.get_executor(), test_options());
    http_response out;
    error_code ec;
    t.send(local(server.port()), make_request("/one"), out, ec);
    REQUIRE_FALSE(ec);

    t.send(local(server.port()), make_request("/two", http_method::put, "x"), out, ec);
    REQUIRE_FALSE(ec);
    CHECK(out.body == "/two");
    CHECK(server.accepted() == 2);
    CHECK(server.requests() == 3);
    CHECK(t.stats().replays == 1);

    // A POST may have been acted on: it is not sent twice.
    test_server posts([](const request& req, const request_info& info) {
        reply r = ok(std::string(req.target()));
        r.drop = info.nth == 2;
        return r;
    });
    transport t2(ioc.get_executor(), test_options());
    t2.send(local(posts.port()), make_request("/one", http_method::post), out, ec);
    REQUIRE_FALSE(ec);
    t2.send(local(posts.port()), make_request("/two", http_method::post), out, ec);
    CHECK(ec == error::connection_closed);
    CHECK(ec == hwbind::condition::transport_error);
    CHECK(posts.requests() == 2);
    CHECK(t2.stats().replays == 0);

    // A fresh connection that fails is not retried either.
    test_server drops([](const request&, const request_info&) {
        reply r;
        r.drop = true;
        return r;
    });
    t2.send(local(drops.port()), make_request("/x"), out, ec);
    CHECK(ec == error::connection_closed);
    CHECK(drops.accepted() == 1);
}

TEST_CASE("transport: Connection: close is honoured")
{
    test_server server([](const request& req, const request_info&) {
        reply r = ok(std::string(req.target()));
        r.message.keep_alive(false);
        return r;
    });
    net::io_context ioc;
    transport t(ioc.get_executor(), test_options());
    http_response out;
    for (int i = 0; i < 3; ++i) {
        error_code ec;
        t.send(local(server.port()), make_request("/c"), out, ec);
        REQUIRE_FALSE(ec);
    }
    CHECK(server.accepted() == 3);
    CHECK(t.stats().connections_reused == 0);
    CHECK(t.stats().replays == 0);

    // The same when the request asks for it.
    test_server polite(echo_target());
    prepared_request req = make_request("/c");
    req.headers().set("Connection", "close");
    for (int i = 0; i < 2; ++i) {
        error_code ec;
        t.send(local(polite.port()), req, out, ec);
        REQUIRE_FALSE(ec);
    }
    CHECK(polite.accepted() == 2);
}

TEST_CASE("transport: a server that never answers fails with timeout")
{
    test_server server([](const request&, const request_info&) {
        reply r;
        r.stall = true;
        return r;
    });
    net::io_context ioc;
    transport t(ioc.get_executor(), short_deadline());
    http_response out;
    error_code ec;
    t.send(local(server.port()), make_request("/slow"), out, ec);
    CHECK(ec == error::timeout);
    CHECK(ec == hwbind::condition::transport_error);
}

TEST_CASE("transport: a body dripped past the deadline fails with timeout")
{
    // One byte every 20 ms: each read makes progress, only a whole-request deadline ends it.
    test_server server([](const request&, const request_info&) {
        reply r = ok(std::string(200, 'x'));
        r.drip = std::chrono::milliseconds(20);
        return r;
    });
    net::io_context ioc;
    transport t(ioc.get_executor(), short_deadline());
    http_response out;
    error_code ec;
    t.send(local(server.port()), make_request("/drip"), out, ec);
    CHECK(ec == error::timeout);

    // A timed-out connection is not reused.
    test_server fast(echo_target());
    t.send(local(fast.port()), make_request("/ok"), out, ec);
    CHECK_FALSE(ec);
}

TEST_CASE("transport: a body over the limit fails with body_too_large")
{
    test_server server([](const request& req, const request_info&) {
        reply r = ok(std::string(2000, 'x'));
        if (req.target() == "/chunked") {
            r.message.chunked(true);
        }
        return r;
    });
    net::io_context ioc;
    transport_options o = test_options();
    o.max_response_body = 1000;
    transport t(ioc.get_executor(), o);
    http_response out;
    error_code ec;
    t.send(local(server.port()), make_request("/length"), out, ec);
    CHECK(ec == error::body_too_large);
    t.send(local(server.port()), make_request("/chunked"), out, ec);
    CHECK(ec == error::body_too_large);

    o.max_response_body = 2000;
    transport roomy(ioc.get_executor(), o);
    roomy.send(local(server.port()), make_request("/chunked"), out, ec);
    REQUIRE_FALSE(ec);
    CHECK(out.body == std::string(2000, 'x'));
    roomy.send(local(server.port()), make_request("/length"), out, ec);
    REQUIRE_FALSE(ec);
    CHECK(out.body.size() == 2000);
}

TEST_CASE("transport: TLS with a certificate made at test time")
{
    tls_fixture tls("localhost", "DNS:localhost,IP:127.0.0.1");
    test_server server(
        [](const request& req, const request_info&) {
            reply r = ok(std::string(req.target()));
            r.stall = req.target() == "/stall";
            return r;
        },
        &tls.server_context);
    net::io_context ioc;
    http_response out;
    error_code ec;

    SUBCASE("untrusted by default")
    {
        transport t(ioc.get_executor(), test_options());
        t.send(local(server.port(), url_scheme::https), make_request("/x"), out, ec);
        CHECK(verify_result_of(ec) == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
        CHECK(ec == hwbind::condition::transport_error);
        CHECK(server.requests() == 0);
    }
    SUBCASE("trusted with its CA, connection reused")
    {
        transport_options o = test_options();
        o.tls.ca_pem = tls.ca.cert_pem();
        transport t(ioc.get_executor(), o);
        for (int i = 0; i < 3; ++i) {
            t.send(local(server.port(), url_scheme::https), make_request("/secure"), out, ec);
            REQUIRE_FALSE(ec);
            CHECK(out.status == 200);
            CHECK(out.body == "/secure");
        }
        CHECK(server.accepted() == 1);
        CHECK(server.last_server_name().empty()); // no SNI for an IP address

        // The deadline holds over TLS too, synchronously and asynchronously.
        transport_options hasty = short_deadline();
        hasty.tls.ca_pem = tls.ca.cert_pem();
        transport impatient(ioc.get_executor(), hasty);
        impatient.send(local(server.port(), url_scheme::https), make_request("/stall"), out, ec);
        CHECK(ec == error::timeout);
        const endpoint origin = local(server.port(), url_scheme::https);
        const prepared_request stall = make_request("/stall");
        impatient.async_send(origin, stall, out, [&](error_code e) { ec = e; });
        ioc.run();
        CHECK(ec == error::timeout);
    }
    SUBCASE("verification off only when asked, loudly")
    {
        transport_options o = test_options();
        o.tls.insecure_skip_verify = true;
        transport t(ioc.get_executor(), o);
        t.send(local(server.port(), url_scheme::https), make_request("/x"), out, ec);
        CHECK_FALSE(ec);
    }
    SUBCASE("a CA that did not sign it is not enough")
    {
        transport_options o = test_options();
        o.tls.ca_pem = hwbind::test::test_ca().cert_pem();
        transport t(ioc.get_executor(), o);
        t.send(local(server.port(), url_scheme::https), make_request("/x"), out, ec);
        CHECK(verify_result_of(ec) == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    }
}

TEST_CASE("transport: TLS host-name mismatch is rejected")
{
    tls_fixture tls("other.example", "DNS:other.example");
    test_server server(echo_target(), &tls.server_context);
    net::io_context ioc;
    transport_options o = test_options();
    o.tls.ca_pem = tls.ca.cert_pem();
    transport t(ioc.get_executor(), o);
    http_response out;
    error_code ec;
    t.send(local(server.port(), url_scheme::https), make_request("/x"), out, ec);
    CHECK(verify_result_of(ec) == X509_V_ERR_IP_ADDRESS_MISMATCH);
    CHECK(server.requests() == 0);
    // By name (through a proxy, so that the client resolves nothing): the DNS-name check.
    test_proxy proxy;
    o.proxy.https_proxy = "http://127.0.0.1:" + std::to_string(proxy.port());
    transport tunnelled(ioc.get_executor(), o);
    tunnelled.send(endpoint_of("https://localhost:" + std::to_string(server.port())), make_request("/x"), out, ec);
    CHECK(verify_result_of(ec) == X509_V_ERR_HOSTNAME_MISMATCH);
    CHECK(server.requests() == 0);
}

TEST_CASE("transport: HTTPS through a CONNECT proxy, with SNI")
{
    // Through the proxy the client resolves nothing itself, so `localhost` (which the proxy
    // maps to 127.0.0.1) exercises SNI and DNS-name verification.
    tls_fixture tls("localhost", "DNS:localhost");
    test_server server(echo_target(), &tls.server_context);
    test_proxy proxy;
    net::io_context ioc;
    transport_options o = test_options();
    o.tls.ca_pem = tls.ca.cert_pem();
    o.proxy.https_proxy = "http://127.0.0.1:" + std::to_string(proxy.port());
    transport t(ioc.get_executor(), o);
    const endpoint origin = endpoint_of("https://localhost:" + std::to_string(server.port()));
    http_response out;
    for (int i = 0; i < 2; ++i) {
        error_code ec;
        t.send(origin, make_request("/tunnelled"), out, ec);
        REQUIRE_FALSE(ec);
        CHECK(out.body == "/tunnelled");
    }
    CHECK(server.last_server_name() == "localhost");
    CHECK(server.last_request()[http::field::host] == "localhost:" + std::to_string(server.port()));
    CHECK(proxy.targets() == std::vector<std::string>{"localhost:" + std::to_string(server.port())});
    CHECK(proxy.accepted() == 1);
    CHECK(server.accepted() == 1);
}

TEST_CASE("transport: HTTP through a proxy in absolute form; no_proxy goes direct")
{
    test_server server(echo_target());
    test_proxy proxy;
    net::io_context ioc;
    transport_options o = test_options();
    o.proxy.http_proxy = "127.0.0.1:" + std::to_string(proxy.port());
    transport t(ioc.get_executor(), o);
    http_response out;
    error_code ec;
    prepared_request req = make_request("/p");
    req.set_target("/p", "q=1");
    t.send(local(server.port()), req, out, ec);
    REQUIRE_FALSE(ec);
    CHECK(out.body == "/p?q=1");
    const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/p?q=1";
    CHECK(proxy.targets() == std::vector<std::string>{url});

    o.proxy.no_proxy = {"127.0.0.1"};
    transport direct(ioc.get_executor(), o);
    direct.send(local(server.port()), make_request("/d"), out, ec);
    REQUIRE_FALSE(ec);
    CHECK(proxy.targets().size() == 1);
}

TEST_CASE("transport: a proxy with credentials gets Proxy-Authorization, tunnelled or not")
{
    tls_fixture tls("localhost", "DNS:localhost");
    test_server secure(echo_target(), &tls.server_context);
    test_server plain(echo_target());
    test_proxy proxy;
    net::io_context ioc;
    transport_options o = test_options();
    o.tls.ca_pem = tls.ca.cert_pem();
    const std::string proxy_url = "http://hw%40user:s3cret@127.0.0.1:" + std::to_string(proxy.port());
    o.proxy.https_proxy = proxy_url;
    o.proxy.http_proxy = proxy_url;
    transport t(ioc.get_executor(), o);
    http_response out;
    error_code ec;
    t.send(endpoint_of("https://localhost:" + std::to_string(secure.port())), make_request("/tunnelled"), out, ec);
    REQUIRE_FALSE(ec);
    t.send(local(plain.port()), make_request("/absolute"), out, ec);
    REQUIRE_FALSE(ec);
    const std::string basic = "Basic aHdAdXNlcjpzM2NyZXQ="; // hw@user:s3cret
    CHECK(proxy.authorizations() == std::vector<std::string>{basic, basic});
    // The origins never see it: it is for the proxy alone.
    CHECK(secure.last_request()[http::field::proxy_authorization].empty());
}

TEST_CASE("transport: a proxy refusing the tunnel gives proxy_error")
{
    tls_fixture tls("localhost", "DNS:localhost,IP:127.0.0.1");
    test_server server(echo_target(), &tls.server_context);
    test_proxy proxy(http::status::forbidden);
    net::io_context ioc;
    transport_options o = test_options();
    o.tls.ca_pem = tls.ca.cert_pem();
    o.proxy.https_proxy = "http://127.0.0.1:" + std::to_string(proxy.port());
    transport t(ioc.get_executor(), o);
    http_response out;
    error_code ec;
    t.send(local(server.port(), url_scheme::https), make_request("/x"), out, ec);
    CHECK(ec == error::proxy_error);
    CHECK(ec == hwbind::condition::transport_error);
    CHECK(server.accepted() == 0);
}

TEST_CASE("transport: callback, future and deferred forms give the sync result")
{
    test_server server(echo_target());
    net::io_context ioc;
    transport t(ioc.get_executor(), test_options());
    const endpoint origin = local(server.port());
    const prepared_request req = make_request("/same");

    http_response sync_out;
    error_code sync_ec;
    t.send(origin, req, sync_out, sync_ec);
    REQUIRE_FALSE(sync_ec);

    http_response callback_out;
    std::optional<error_code> callback_ec;
    t.async_send(origin, req, callback_out, [&](error_code ec) { callback_ec = ec; });
    CHECK_FALSE(callback_ec); // never inside the initiating call
    ioc.run();
    ioc.restart();
    REQUIRE(callback_ec);
    CHECK_FALSE(*callback_ec);
    CHECK(callback_out.status == sync_out.status);
    CHECK(callback_out.body == sync_out.body);

    http_response future_out;
    std::future<void> done = t.async_send(origin, req, future_out, net::use_future);
    ioc.run();
    ioc.restart();
    CHECK_NOTHROW(done.get());
    CHECK(future_out.body == sync_out.body);

    http_response deferred_out;
    error_code deferred_ec = net::error::would_block;
    auto op = t.async_send(origin, req, deferred_out, net::deferred);
    CHECK(server.requests() == 3); // deferred: nothing sent yet
    std::move(op)([&](error_code ec) { deferred_ec = ec; });
    ioc.run();
    ioc.restart();
    CHECK_FALSE(deferred_ec);
    CHECK(deferred_out.body == sync_out.body);

    // Errors arrive the same way.
    test_server stalled([](const request&, const request_info&) {
        reply r;
        r.stall = true;
        return r;
    });
    transport impatient(ioc.get_executor(), short_deadline());
    const endpoint stalled_origin = local(stalled.port()); // borrowed until completion
    std::future<void> failed = impatient.async_send(stalled_origin, req, future_out, net::use_future);
    ioc.run();
    ioc.restart();
    try {
        failed.get();
        FAIL("no timeout");
    } catch (const boost::system::system_error& e) {
        CHECK(e.code() == error::timeout);
    }

#if defined(BOOST_ASIO_HAS_CO_AWAIT)
    http_response awaited_out;
    error_code awaited_ec = net::error::would_block;
    net::co_spawn(
        ioc,
        [&]() -> net::awaitable<void> {
            try {
                co_await t.async_send(origin, req, awaited_out, net::use_awaitable);
                awaited_ec = {};
            } catch (const boost::system::system_error& e) {
                awaited_ec = e.code();
            }
        },
        net::detached);
    ioc.run();
    CHECK_FALSE(awaited_ec);
    CHECK(awaited_out.body == sync_out.body);
#endif
    // One connection for the synchronous call, one shared by the asynchronous forms: each
    // kind pools its own (see `transport`).
    CHECK(server.accepted() == 2);
}

TEST_CASE("transport: concurrent calls from several threads")
{
    test_server server(echo_target());
    net::thread_pool pool(4);
    transport t(pool.get_executor(), test_options());
    const endpoint origin = local(server.port());
    constexpr int per_thread = 20;

    // Synchronous calls from four threads.
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            http_response out;
            for (int n = 0; n < per_thread; ++n) {
                const std::string path = "/t" + std::to_string(i) + "/" + std::to_string(n);
                error_code ec;
                t.send(origin, make_request(path), out, ec);
                failures += ec || out.body != path;
            }
        });
    }
    for (std::thread& th : threads)
        th.join();
    CHECK(failures == 0);

    // Asynchronous calls in flight together on a four-thread pool.
    constexpr int in_flight = 32;
    std::vector<http_response> outs(in_flight);
    std::vector<prepared_request> reqs;
    std::vector<std::future<void>> done;
    for (int i = 0; i < in_flight; ++i)
        reqs.push_back(make_request("/a" + std::to_string(i)));
    for (int i = 0; i < in_flight; ++i)
        done.push_back(t.async_send(origin, reqs[i], outs[i], net::use_future));
    for (int i = 0; i < in_flight; ++i) {
        CHECK_NOTHROW(done[i].get());
        CHECK(outs[i].body == "/a" + std::to_string(i));
    }
    pool.join();
    const hwbind::transport_stats s = t.stats();
    CHECK(s.connections_opened + s.connections_reused == 4 * per_thread + in_flight);
    CHECK(s.connections_opened <= server.accepted());
}

TEST_CASE("transport: per-operation cancellation")
{
    test_server server([](const request&, const request_info&) {
        reply r;
        r.stall = true;
        return r;
    });
    net::io_context ioc;
    transport t(ioc.get_executor(), test_options()); // a deadline far beyond the cancellation
    http_response out;
    net::cancellation_signal signal;
    std::optional<error_code> result;
    const endpoint origin = local(server.port());
    const prepared_request req = make_request("/x");
    t.async_send(origin, req, out, net::bind_cancellation_slot(signal.slot(), [&](error_code ec) { result = ec; }));
    net::steady_timer timer(ioc, std::chrono::milliseconds(50));
    timer.async_wait([&](error_code) { signal.emit(net::cancellation_type::terminal); });
    ioc.run();
    REQUIRE(result);
    CHECK(*result == net::error::operation_aborted);
}

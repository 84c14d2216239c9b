// The decisions of one HTTP exchange without sockets (the state machine of
// include/hwbind/runtime/transport/detail/exchange.hpp): the steps of a new, pooled and
// tunnelled connection, interim responses, sending again on a pooled connection the server
// had closed (and when not to), the errors callers see, and when a connection is reused.
#include <hwbind/runtime/client/detail/attempt.hpp>
#include <hwbind/runtime/transport/detail/certificate_error.hpp>
#include <hwbind/runtime/transport/detail/exchange.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/error.hpp>

#include <doctest/doctest.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <initializer_list>
#include <string>
#include <vector>

using boost::system::error_code;
using hwbind::error;
using hwbind::detail::exchange_action;
using hwbind::detail::exchange_event;
using hwbind::detail::http_exchange;
using hwbind::meta::http_method;

namespace net = boost::asio;
namespace beast_http = boost::beast::http;

namespace {

const char* name_of(exchange_action a)
{
    switch (a) {
    case exchange_action::connect: return "connect";
    case exchange_action::write_tunnel: return "write_tunnel";
    case exchange_action::read_tunnel: return "read_tunnel";
    case exchange_action::handshake: return "handshake";
    case exchange_action::write: return "write";
    case exchange_action::read: return "read";
    case exchange_action::done: return "done";
    }
    return "?";
}

// One step of a script: the action the machine must ask for, and what executing it gave.
struct step {
    exchange_action action;
    exchange_event result;
};

exchange_event ok() { return {}; }

exchange_event failed(error_code ec, std::size_t written = 0)
{
    exchange_event ev;
    ev.ec = ec;
    ev.written = written;
    return ev;
}

exchange_event wrote(std::size_t n) { return failed({}, n); }

exchange_event response(unsigned status, bool keep_alive = true)
{
    exchange_event ev;
    ev.status = status;
    ev.keep_alive = keep_alive;
    ev.response_started = true;
    return ev;
}

// Feeds `script` to `x`, checking each action it asks for, and returns its last action.
exchange_action run(http_exchange& x, std::initializer_list<step> script)
{
    exchange_action next = x.resume({});
    for (const step& s : script) {
        REQUIRE_MESSAGE(next == s.action, "asked for ", name_of(next), " instead of ", name_of(s.action));
        next = x.resume(s.result);
    }
    return next;
}

http_exchange fresh(http_method m = http_method::get) { return http_exchange(m, false, false, false, false); }
http_exchange pooled(http_method m = http_method::get) { return http_exchange(m, true, false, false, false); }

} // namespace

TEST_CASE("exchange: a new connection is connected, then the request written and its response read")
{
    http_exchange x = fresh();
    CHECK(run(x, {{exchange_action::connect, ok()},
                  {exchange_action::write, wrote(80)},
                  {exchange_action::read, response(200)}}) == exchange_action::done);
    CHECK(!x.result());
    CHECK(x.reusable());
    CHECK(x.request_sent());
    CHECK(!x.replayed());
    // Once done, it stays done.
    CHECK(x.resume(response(200)) == exchange_action::done);
}

TEST_CASE("exchange: a pooled connection starts with the write; TLS adds a handshake to a new one")
{
    http_exchange reused = pooled();
    CHECK(run(reused, {{exchange_action::write, wrote(80)}, {exchange_action::read, response(204)}}) ==
          exchange_action::done);
    CHECK(!reused.result());

    http_exchange secure(http_method::get, false, false, true, false);
    CHECK(run(secure, {{exchange_action::connect, ok()},
                       {exchange_action::handshake, ok()},
                       {exchange_action::write, wrote(80)},
                       {exchange_action::read, response(200)}}) == exchange_action::done);
    CHECK(!secure.result());

    // A pooled TLS connection is handshaken already.
    http_exchange secure_reused(http_method::get, true, true, true, false);
    CHECK(run(secure_reused, {{exchange_action::write, wrote(80)}, {exchange_action::read, response(200)}}) ==
          exchange_action::done);
}

TEST_CASE("exchange: interim responses are read past; 101 is final and ends the connection's use")
{
    http_exchange x = fresh();
    CHECK(run(x, {{exchange_action::connect, ok()},
                  {exchange_action::write, wrote(80)},
                  {exchange_action::read, response(100)},
                  {exchange_action::read, response(103)},
                  {exchange_action::read, response(200)}}) == exchange_action::done);
    CHECK(!x.result());
    CHECK(x.reusable());

    http_exchange switching = fresh();
    CHECK(run(switching, {{exchange_action::connect, ok()},
                          {exchange_action::write, wrote(80)},
                          {exchange_action::read, response(101)}}) == exchange_action::done);
    CHECK(!switching.result());
    CHECK(!switching.reusable());

    // An error while reading past an interim response ends the exchange.
    http_exchange broken = fresh();
    CHECK(run(broken, {{exchange_action::connect, ok()},
                       {exchange_action::write, wrote(80)},
                       {exchange_action::read, response(100)},
                       {exchange_action::read, failed(beast_http::error::partial_message)}}) == exchange_action::done);
    CHECK(broken.result() == error::connection_closed);
}

TEST_CASE("exchange: HTTPS through a proxy opens a CONNECT tunnel before the handshake")
{
    const auto tunnelled = [] { return http_exchange(http_method::get, false, true, true, false); };
    exchange_event opened = response(200);
    opened.keep_alive = false; // irrelevant to a tunnel

    http_exchange x = tunnelled();
    CHECK(run(x, {{exchange_action::connect, ok()},
                  {exchange_action::write_tunnel, ok()},
                  {exchange_action::read_tunnel, opened},
                  {exchange_action::handshake, ok()},
                  {exchange_action::write, wrote(80)},
                  {exchange_action::read, response(200)}}) == exchange_action::done);
    CHECK(!x.result());

    SUBCASE("a refusal is proxy_error, and nothing of the request left")
    {
        http_exchange refused = tunnelled();
        CHECK(run(refused, {{exchange_action::connect, ok()},
                            {exchange_action::write_tunnel, ok()},
                            {exchange_action::read_tunnel, response(407)}}) == exchange_action::done);
        CHECK(refused.result() == error::proxy_error);
        CHECK(!refused.request_sent());
    }
    SUBCASE("bytes after the answer are proxy_error: they would belong to a tunnel not open yet")
    {
        exchange_event early = opened;
        early.leftover = true;
        http_exchange x2 = tunnelled();
        CHECK(run(x2, {{exchange_action::connect, ok()},
                       {exchange_action::write_tunnel, ok()},
                       {exchange_action::read_tunnel, early}}) == exchange_action::done);
        CHECK(x2.result() == error::proxy_error);
    }
    SUBCASE("a proxy closing instead of answering")
    {
        http_exchange x3 = tunnelled();
        CHECK(run(x3, {{exchange_action::connect, ok()},
                       {exchange_action::write_tunnel, ok()},
                       {exchange_action::read_tunnel, failed(beast_http::error::end_of_stream)}}) ==
              exchange_action::done);
        CHECK(x3.result() == error::connection_closed);
    }
    SUBCASE("plain HTTP through a proxy needs no tunnel")
    {
        http_exchange plain(http_method::get, false, false, false, false);
        CHECK(run(plain, {{exchange_action::connect, ok()}}) == exchange_action::write);
    }
}

TEST_CASE("exchange: failures before the request is written leave it unsent")
{
    http_exchange refused = fresh(http_method::post);
    CHECK(run(refused, {{exchange_action::connect, failed(net::error::connection_refused)}}) ==
          exchange_action::done);
    CHECK(refused.result() == net::error::connection_refused);
    CHECK(!refused.request_sent());

    http_exchange untrusted(http_method::post, false, false, true, false);
    const error_code verify_failed(net::ssl::error::unspecified_system_error);
    CHECK(run(untrusted, {{exchange_action::connect, ok()}, {exchange_action::handshake, failed(verify_failed)}}) ==
          exchange_action::done);
    CHECK(untrusted.result() == verify_failed);
    CHECK(!untrusted.request_sent());

    // Timed out while connecting: the connect deadline is what the caller sees.
    exchange_event late = failed(net::error::operation_aborted);
    late.timed_out = true;
    http_exchange slow = fresh();
    CHECK(run(slow, {{exchange_action::connect, late}}) == exchange_action::done);
    CHECK(slow.result() == error::connect_timeout);
}

TEST_CASE("exchange: a request on a pooled connection the server had closed is sent again once")
{
    SUBCASE("an idempotent request, written, then the close seen by the read")
    {
        for (http_method m : {http_method::get, http_method::put, http_method::delete_, http_method::head}) {
            INFO(hwbind::meta::to_string(m));
            http_exchange x = pooled(m);
            CHECK(run(x, {{exchange_action::write, wrote(80)},
                          {exchange_action::read, failed(beast_http::error::end_of_stream)},
                          {exchange_action::connect, ok()},
                          {exchange_action::write, wrote(80)},
                          {exchange_action::read, response(200)}}) == exchange_action::done);
            CHECK(!x.result());
            CHECK(x.replayed());
            CHECK(x.request_sent());
        }
    }
    SUBCASE("a POST or PATCH only when no byte of it was written")
    {
        for (http_method m : {http_method::post, http_method::patch}) {
            INFO(hwbind::meta::to_string(m));
            http_exchange unsent = pooled(m);
            CHECK(run(unsent, {{exchange_action::write, failed(net::error::broken_pipe, 0)},
                               {exchange_action::connect, ok()},
                               {exchange_action::write, wrote(80)},
                               {exchange_action::read, response(201)}}) == exchange_action::done);
            CHECK(!unsent.result());
            CHECK(unsent.replayed());

            // Part of it written: the server may have all it needs.
            http_exchange partly = pooled(m);
            CHECK(run(partly, {{exchange_action::write, failed(net::error::connection_reset, 40)}}) ==
                  exchange_action::done);
            CHECK(partly.result() == net::error::connection_reset);
            CHECK(partly.request_sent());
            CHECK(!partly.replayed());

            // All of it written, then closed before an answer: the server may have acted.
            http_exchange written = pooled(m);
            CHECK(run(written, {{exchange_action::write, wrote(80)},
                                {exchange_action::read, failed(beast_http::error::end_of_stream)}}) ==
                  exchange_action::done);
            CHECK(written.result() == error::connection_closed);
            CHECK(written.request_sent());
            CHECK(!written.replayed());
        }
    }
    SUBCASE("a write failing with nothing sent is replayed for an idempotent request too")
    {
        http_exchange x = pooled(http_method::get);
        CHECK(run(x, {{exchange_action::write, failed(net::error::connection_reset, 0)}}) == exchange_action::connect);
    }
    SUBCASE("only once")
    {
        http_exchange x = pooled();
        CHECK(run(x, {{exchange_action::write, wrote(80)},
                      {exchange_action::read, failed(net::error::connection_reset)},
                      {exchange_action::connect, ok()},
                      {exchange_action::write, wrote(80)},
                      {exchange_action::read, failed(net::error::connection_reset)}}) == exchange_action::done);
        CHECK(x.result() == net::error::connection_reset);
        CHECK(x.replayed());
    }
    SUBCASE("a connect failure of the replay ends it, the request counted as sent")
    {
        http_exchange x = pooled();
        CHECK(run(x, {{exchange_action::write, wrote(80)},
                      {exchange_action::read, failed(net::error::eof)},
                      {exchange_action::connect, failed(net::error::connection_refused)}}) == exchange_action::done);
        CHECK(x.result() == net::error::connection_refused);
        CHECK(x.request_sent()); // the first connection took it
    }
    SUBCASE("a new connection, the HTTPS handshake redone")
    {
        http_exchange x(http_method::get, true, false, true, false);
        CHECK(run(x, {{exchange_action::write, wrote(80)},
                      {exchange_action::read, failed(net::ssl::error::stream_truncated)},
                      {exchange_action::connect, ok()}}) == exchange_action::handshake);
    }
}

TEST_CASE("exchange: what is not sent again")
{
    const auto ends_after_read = [](http_exchange x, exchange_event read) {
        const exchange_action last = run(x, {{exchange_action::write, wrote(80)}, {exchange_action::read, read}});
        CHECK(!x.replayed());
        return last == exchange_action::done ? x.result() : error_code(error::invalid_endpoint);
    };
    // A new connection: the server did not drop an idle one.
    {
        http_exchange x = fresh();
        CHECK(run(x, {{exchange_action::connect, ok()},
                      {exchange_action::write, wrote(80)},
                      {exchange_action::read, failed(beast_http::error::end_of_stream)}}) == exchange_action::done);
        CHECK(x.result() == error::connection_closed);
    }
    // Part of a response arrived.
    exchange_event started = failed(beast_http::error::partial_message);
    started.response_started = true;
    CHECK(ends_after_read(pooled(), started) == error::connection_closed);
    exchange_event reset_midway = failed(net::error::connection_reset);
    reset_midway.response_started = true;
    CHECK(ends_after_read(pooled(), reset_midway) == net::error::connection_reset);
    // The deadline closed it.
    exchange_event late = failed(net::error::connection_reset);
    late.timed_out = true;
    CHECK(ends_after_read(pooled(), late) == error::timeout);
    // Not a close: the server answered badly.
    CHECK(ends_after_read(pooled(), failed(beast_http::error::bad_chunk)) == beast_http::error::bad_chunk);
    CHECK(ends_after_read(pooled(), failed(beast_http::error::body_limit)) == error::body_too_large);
    CHECK(ends_after_read(pooled(), failed(beast_http::error::buffer_overflow)) == error::body_too_large);
    CHECK(ends_after_read(pooled(), failed(net::error::operation_aborted)) == net::error::operation_aborted);
}

TEST_CASE("exchange: when the connection serves another request")
{
    const auto reusable_after = [](http_exchange x, exchange_event read) {
        REQUIRE(run(x, {{exchange_action::write, wrote(80)}, {exchange_action::read, read}}) ==
                exchange_action::done);
        REQUIRE(!x.result());
        return x.reusable();
    };
    CHECK(reusable_after(pooled(), response(200)));
    CHECK(reusable_after(pooled(), response(503)));
    CHECK(!reusable_after(pooled(), response(200, false))); // Connection: close, or HTTP/1.0
    exchange_event unasked = response(200);
    unasked.leftover = true;
    CHECK(!reusable_after(pooled(), unasked));
    exchange_event late = response(200);
    late.timed_out = true;
    CHECK(!reusable_after(pooled(), late));
    // The request itself asked to close.
    CHECK(!reusable_after(http_exchange(http_method::get, true, false, false, true), response(200)));
}

TEST_CASE("exchange: a new connection's setup failures name their step")
{
    exchange_event expired = failed(net::error::operation_aborted);
    expired.timed_out = true;
    const auto tunnelled_tls = [] { return http_exchange(http_method::get, false, true, true, false); };
    SUBCASE("the deadline while connecting, tunnelling or handshaking is connect_timeout")
    {
        http_exchange connecting = tunnelled_tls();
        CHECK(run(connecting, {{exchange_action::connect, expired}}) == exchange_action::done);
        CHECK(connecting.result() == error::connect_timeout);

        http_exchange tunnelling = tunnelled_tls();
        CHECK(run(tunnelling, {{exchange_action::connect, ok()},
                               {exchange_action::write_tunnel, ok()},
                               {exchange_action::read_tunnel, expired}}) == exchange_action::done);
        CHECK(tunnelling.result() == error::connect_timeout);

        http_exchange handshaking = tunnelled_tls();
        exchange_event opened = response(200);
        CHECK(run(handshaking, {{exchange_action::connect, ok()},
                                {exchange_action::write_tunnel, ok()},
                                {exchange_action::read_tunnel, opened},
                                {exchange_action::handshake, expired}}) == exchange_action::done);
        CHECK(handshaking.result() == error::connect_timeout);
        CHECK(!handshaking.request_sent());
    }
    SUBCASE("the deadline once the request is written stays timeout")
    {
        http_exchange x(http_method::get, false, false, false, false);
        CHECK(run(x, {{exchange_action::connect, ok()}, {exchange_action::write, wrote(80)}, {exchange_action::read, expired}}) ==
              exchange_action::done);
        CHECK(x.result() == error::timeout);
    }
    SUBCASE("a handshake answered with something that is not TLS is tls_not_spoken")
    {
        const error_code wrong_version(static_cast<int>(ERR_PACK(ERR_LIB_SSL, 0, SSL_R_WRONG_VERSION_NUMBER)),
                                       net::error::get_ssl_category());
        http_exchange x(http_method::get, false, false, true, false);
        CHECK(run(x, {{exchange_action::connect, ok()}, {exchange_action::handshake, failed(wrong_version)}}) ==
              exchange_action::done);
        CHECK(x.result() == error::tls_not_spoken);
        CHECK(error_code(error::tls_not_spoken).message() == "TLS handshake failed: the server did not answer with TLS");
        CHECK(error_code(error::tls_not_spoken) == hwbind::condition::transport_error);
        CHECK(error_code(error::connect_timeout) == hwbind::condition::transport_error);
    }
}

TEST_CASE("exchange: a refused certificate is reported with OpenSSL's reason")
{
    using hwbind::detail::handshake_error;
    const error_code verify_failed(static_cast<int>(ERR_PACK(ERR_LIB_SSL, 0, SSL_R_CERTIFICATE_VERIFY_FAILED)),
                                   net::error::get_ssl_category());
    const error_code expired = handshake_error(verify_failed, X509_V_ERR_CERT_HAS_EXPIRED);
    CHECK(std::string(expired.category().name()) == "hwbind.certificate");
    CHECK(expired.value() == X509_V_ERR_CERT_HAS_EXPIRED);
    CHECK(expired.message() == "certificate has expired");
    CHECK(expired == hwbind::condition::transport_error);
    CHECK(handshake_error(verify_failed, X509_V_ERR_HOSTNAME_MISMATCH).message() == "hostname mismatch");
    // Anything but a verify failure, or one without a reason, stays as it was.
    CHECK(handshake_error(verify_failed, X509_V_OK) == verify_failed);
    CHECK(handshake_error(net::error::eof, X509_V_ERR_CERT_HAS_EXPIRED) == error_code(net::error::eof));

    hwbind::detail::transport_failure_context c;
    c.origin_host = "hss.example.com";
    CHECK(hwbind::detail::describe_transport_failure(expired, c) ==
          "certificate verify failed for hss.example.com: certificate has expired");
}

// Tests of the transport's connection pool (runtime/transport/detail/connection.hpp): the
// most connections per host, the queue of the calls beyond it (in order, with its deadline and
// cancellation), idle connections and their timeout, `stats()`, sharing by the threads of a
// pool, calls started from completion handlers (run at once on their connection's strand,
// completed through their handler's executor), and the TLS context made on the first `https`
// connection only. Against a server on
// 127.0.0.1 that counts the connections it sees.

#include <hwbind/runtime/transport/transport.hpp>

#include "support/test_certs.hpp"
#include "support/test_server.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace net = boost::asio;
using boost::system::error_code;
using hwbind::endpoint;
using hwbind::http_response;
using hwbind::prepared_request;
using hwbind::transport;
using hwbind::transport_options;
using hwbind::transport_stats;
using hwbind::test::test_server;

endpoint pool_origin(std::uint16_t port, hwbind::url_scheme scheme = hwbind::url_scheme::http)
{
    endpoint e;
    e.scheme = scheme;
    e.host = "127.0.0.1";
    e.port = port;
    return e;
}

prepared_request pool_request(const std::string& path)
{
    prepared_request req;
    req.set_method(hwbind::meta::http_method::get);
    req.set_target(path, "");
    return req;
}

/// A server answering each request with its target.
test_server::handler_type pool_echo()
{
    return [](const hwbind::test::request& req, const hwbind::test::request_info&) {
        return hwbind::test::ok(std::string(req.target()));
    };
}

/// A server that never answers, holding its connections until stopped.
test_server::handler_type pool_stall()
{
    return [](const hwbind::test::request&, const hwbind::test::request_info&) {
        hwbind::test::reply r;
        r.stall = true;
        return r;
    };
}

transport_options pool_options(std::size_t max_connections)
{
    transport_options o;
    o.connect_timeout = std::chrono::seconds(10);
    o.request_timeout = std::chrono::seconds(10);
    o.max_connections_per_host = max_connections;
    return o;
}

/// `n` asynchronous calls of distinct targets kept in flight together, each started again
/// when it completes until `rounds` rounds are done; the failures.
struct pool_load {
    pool_load(transport& t, const endpoint& origin, std::size_t n) : t_(t), origin_(origin), calls_(n) {}

    /// Starts every call once; run the transport's executor to carry them out.
    void start(std::size_t rounds)
    {
        for (std::size_t i = 0; i < calls_.size(); ++i) {
            calls_[i].req = pool_request("/c" + std::to_string(i));
            calls_[i].rounds_left = rounds;
            issue(i);
        }
    }

    std::atomic<std::size_t> failures{0};
    std::atomic<std::size_t> completed{0};

private:
    struct call {
        prepared_request req;
        http_response out;
        std::size_t rounds_left = 0;
    };

    void issue(std::size_t i)
    {
        call& c = calls_[i];
        t_.async_send(origin_, c.req, c.out, [this, i](error_code ec) {
            call& done = calls_[i];
            if (ec || done.out.body != "/c" + std::to_string(i))
                ++failures;
            ++completed;
            if (--done.rounds_left != 0)
                issue(i);
        });
    }

    transport& t_;
    endpoint origin_;
    std::vector<call> calls_;
};

} // namespace

TEST_CASE("pool: 256 calls in flight open at most max_connections_per_host; a steady load opens none after warm-up")
{
    test_server server(pool_echo());
    net::io_context ioc;
    transport t(ioc.get_executor(), pool_options(8));
    pool_load load(t, pool_origin(server.port()), 256);

    // Each call takes its slot or its place in the queue as it is started.
    load.start(4);
    transport_stats s = t.stats();
    CHECK(s.open == 8);
    CHECK(s.in_use == 8);
    CHECK(s.idle == 0);
    CHECK(s.queued == 256 - 8);

    ioc.run();
    CHECK(load.failures == 0);
    CHECK(load.completed == 4 * 256);
    CHECK(server.peak_open() <= 8);
    CHECK(server.accepted() == 8);
    s = t.stats();
    CHECK(s.connections_opened == 8);
    CHECK(s.connections_reused == 4 * 256 - 8);
    CHECK(s.open == 8);
    CHECK(s.idle == 8);
    CHECK(s.in_use == 0);
    CHECK(s.queued == 0);

    // Warmed up: the same load again reuses those connections.
    pool_load again(t, pool_origin(server.port()), 256);
    again.start(2);
    ioc.restart();
    ioc.run();
    CHECK(again.failures == 0);
    CHECK(server.accepted() == 8);
    CHECK(t.stats().connections_opened == 8);
}

TEST_CASE("pool: queued calls are served first come first served")
{
    std::mutex mutex;
    std::vector<std::string> seen;
    test_server server([&](const hwbind::test::request& req, const hwbind::test::request_info&) {
        std::lock_guard<std::mutex> lock(mutex);
        seen.emplace_back(req.target());
        return hwbind::test::ok("");
    });
    net::io_context ioc;
    transport t(ioc.get_executor(), pool_options(1));
    std::vector<prepared_request> reqs;
    for (int i = 0; i < 6; ++i)
        reqs.push_back(pool_request("/" + std::to_string(i)));
    std::vector<http_response> outs(reqs.size());
    int failures = 0;
    const endpoint origin = pool_origin(server.port()); // borrowed by the calls until they complete
    for (std::size_t i = 0; i < reqs.size(); ++i)
        t.async_send(origin, reqs[i], outs[i], [&](error_code ec) { failures += ec.failed(); });
    CHECK(t.stats().queued == 5);
    ioc.run();
    CHECK(failures == 0);
    CHECK(seen == std::vector<std::string>{"/0", "/1", "/2", "/3", "/4", "/5"});
    CHECK(server.accepted() == 1);
}

TEST_CASE("pool: a queued call's deadline runs while it waits")
{
    test_server server(pool_stall());
    net::io_context ioc;
    transport t(ioc.get_executor(), pool_options(1)); // the first call's deadline: far away
    const prepared_request first = pool_request("/first");
    const prepared_request second = pool_request("/second");
    http_response first_out;
    http_response second_out;
    net::cancellation_signal first_signal;
    std::optional<error_code> first_ec;
    std::optional<error_code> second_ec;
    std::optional<transport_stats> after_second;
    const endpoint origin = pool_origin(server.port()); // borrowed by the calls until they complete
    t.async_send(origin, first, first_out,
                 net::bind_cancellation_slot(first_signal.slot(), [&](error_code ec) { first_ec = ec; }));
    // The second waits behind the first, which holds the only connection until the second's
    // own deadline has ended it; only then is the first let go.
    t.async_send(origin, second, second_out, std::chrono::steady_clock::now() + std::chrono::milliseconds(100),
                 [&](error_code ec) {
                     second_ec = ec;
                     after_second = t.stats();
                     first_signal.emit(net::cancellation_type::terminal);
                 });
    CHECK(t.stats().queued == 1);
    ioc.run();
    REQUIRE(second_ec);
    CHECK(*second_ec == hwbind::error::timeout);
    CHECK_FALSE(second_out.request_sent);
    REQUIRE(after_second);
    CHECK(after_second->queued == 0);
    CHECK(after_second->in_use == 1);
    REQUIRE(first_ec);
    CHECK(*first_ec == net::error::operation_aborted);
    const transport_stats s = t.stats();
    CHECK(s.queued == 0);
    CHECK(s.in_use == 0);
    CHECK(server.accepted() == 1);
}

TEST_CASE("pool: cancelling a queued call takes it out of the queue")
{
    test_server server(pool_stall());
    net::io_context ioc;
    transport t(ioc.get_executor(), pool_options(1)); // deadlines far beyond the cancellations
    const prepared_request first = pool_request("/first");
    const prepared_request second = pool_request("/second");
    const prepared_request third = pool_request("/third");
    http_response outs[3];
    net::cancellation_signal first_signal;
    net::cancellation_signal second_signal;
    std::optional<error_code> first_ec;
    std::optional<error_code> second_ec;
    std::optional<error_code> third_ec;
    std::optional<transport_stats> after_second;
    const endpoint origin = pool_origin(server.port());
    t.async_send(origin, first, outs[0],
                 net::bind_cancellation_slot(first_signal.slot(), [&](error_code ec) { first_ec = ec; }));
    t.async_send(origin, second, outs[1], net::bind_cancellation_slot(second_signal.slot(), [&](error_code ec) {
                     second_ec = ec;
                     after_second = t.stats();
                     // Then the call in service: its connection closes, and its slot goes to the third.
                     first_signal.emit(net::cancellation_type::terminal);
                 }));
    t.async_send(origin, third, outs[2], [&](error_code ec) { third_ec = ec; });
    CHECK(t.stats().queued == 2);
    net::post(ioc, [&] { second_signal.emit(net::cancellation_type::terminal); });
    // The third call waits for a server that never answers: let its deadline be the test's end.
    net::steady_timer stop(ioc, std::chrono::milliseconds(300));
    stop.async_wait([&](error_code) { server.stop(); });
    ioc.run();
    REQUIRE(second_ec);
    CHECK(*second_ec == net::error::operation_aborted);
    REQUIRE(after_second);
    CHECK(after_second->queued == 1);
    CHECK(after_second->in_use == 1);
    REQUIRE(first_ec);
    CHECK(*first_ec == net::error::operation_aborted);
    REQUIRE(third_ec); // it was sent, on a new connection, once the first let its slot go
    CHECK(outs[2].request_sent);
    CHECK(server.accepted() == 2);
}

// A connection's deadline timer is not set and cancelled for each request: it keeps waiting
// for the earliest deadline set, and the next request on the connection (started by the
// completion handler of the one before, so that the connection never goes idle) finds it
// waiting. These two check that it still ends each request at that request's deadline.

TEST_CASE("pool: a reused connection's timer, waiting for an earlier deadline, does not end a later request")
{
    test_server server([](const hwbind::test::request& req, const hwbind::test::request_info&) {
        if (req.target() == "/slow")
            std::this_thread::sleep_for(std::chrono::milliseconds(300)); // past the first call's deadline
        return hwbind::test::ok(std::string(req.target()));
    });
    net::io_context ioc;
    transport t(ioc.get_executor(), pool_options(1));
    const prepared_request fast = pool_request("/fast");
    const prepared_request slow = pool_request("/slow");
    http_response fast_out;
    http_response slow_out;
    std::optional<error_code> fast_ec;
    std::optional<error_code> slow_ec;
    const endpoint origin = pool_origin(server.port());
    t.async_send(origin, fast, fast_out, std::chrono::steady_clock::now() + std::chrono::milliseconds(100),
                 [&](error_code ec) {
                     fast_ec = ec;
                     t.async_send(origin, slow, slow_out, [&](error_code ec2) { slow_ec = ec2; });
                 });
    ioc.run();
    REQUIRE(fast_ec);
    CHECK_FALSE(*fast_ec);
    REQUIRE(slow_ec);
    CHECK_FALSE(*slow_ec);
    CHECK(slow_out.body == "/slow");
    CHECK(server.accepted() == 1);
}

TEST_CASE("pool: a reused connection's timer, waiting for a later deadline, ends a request at its earlier one")
{
    test_server server([](const hwbind::test::request& req, const hwbind::test::request_info&) {
        hwbind::test::reply r = hwbind::test::ok("");
        r.stall = req.target() == "/stall";
        return r;
    });
    net::io_context ioc;
    transport t(ioc.get_executor(), pool_options(1)); // the first call's deadline: 10 s away
    const prepared_request fast = pool_request("/fast");
    const prepared_request stall = pool_request("/stall");
    http_response fast_out;
    http_response stall_out;
    std::optional<error_code> fast_ec;
    std::optional<error_code> stall_ec;
    // Had the timer kept waiting for the first call's deadline, the server's stop would end
    // the second call (`connection_closed`), not its own deadline.
    net::steady_timer stop(ioc, std::chrono::seconds(5));
    stop.async_wait([&](error_code) { server.stop(); });
    const endpoint origin = pool_origin(server.port());
    t.async_send(origin, fast, fast_out, [&](error_code ec) {
        fast_ec = ec;
        t.async_send(origin, stall, stall_out, std::chrono::steady_clock::now() + std::chrono::milliseconds(100),
                     [&](error_code ec2) {
                         stall_ec = ec2;
                         stop.cancel();
                     });
    });
    ioc.run();
    REQUIRE(fast_ec);
    CHECK_FALSE(*fast_ec);
    REQUIRE(stall_ec);
    CHECK(*stall_ec == hwbind::error::timeout);
}

TEST_CASE("pool: connections idle for idle_timeout are closed, not reused")
{
    test_server server(pool_echo());
    net::io_context ioc;
    transport_options o = pool_options(4);
    o.idle_timeout = std::chrono::milliseconds(20);
    transport t(ioc.get_executor(), o);
    http_response out;
    error_code ec;
    t.send(pool_origin(server.port()), pool_request("/a"), out, ec);
    REQUIRE_FALSE(ec);
    t.send(pool_origin(server.port()), pool_request("/b"), out, ec); // at once: reused
    REQUIRE_FALSE(ec);
    CHECK(server.accepted() == 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    t.send(pool_origin(server.port()), pool_request("/c"), out, ec);
    REQUIRE_FALSE(ec);
    CHECK(server.accepted() == 2);
    CHECK(server.wait_closed(1));
    const transport_stats s = t.stats();
    CHECK(s.open == 1);
    CHECK(s.idle == 1);
    CHECK(s.connections_reused == 1);
}

TEST_CASE("pool: a call started from a completion handler completes after its initiation, on its handler's executor")
{
    // A call made from a completion handler on a thread running the transport's executor
    // takes its pooled connection's strand at once and writes its request inside
    // `async_send`, and one that ends there completes through its handler's executor
    // without a post when that is the transport's: neither may complete inside `async_send`,
    // and a handler bound to another executor (here the caller's strand) still runs on it.
    test_server server(pool_echo());
    for (const bool on_caller_strand : {false, true}) {
        CAPTURE(on_caller_strand);
        net::io_context ioc;
        transport t(ioc.get_executor(), pool_options(4));
        const endpoint origin = pool_origin(server.port());
        const prepared_request req = pool_request("/chain");
        http_response out;
        const auto strand = net::make_strand(ioc);
        int left = 20;
        bool initiating = false;
        int inside_initiation = 0;
        int off_strand = 0;
        int failures = 0;
        int completed = 0;
        std::function<void()> next = [&] {
            if (left-- == 0)
                return;
            const auto handler = [&](error_code ec) {
                inside_initiation += initiating;
                off_strand += on_caller_strand && !strand.running_in_this_thread();
                failures += ec.failed() || out.body != "/chain";
                ++completed;
                next();
            };
            initiating = true;
            if (on_caller_strand)
                t.async_send(origin, req, out, net::bind_executor(strand, handler));
            else
                t.async_send(origin, req, out, handler);
            initiating = false;
        };
        next();
        ioc.run();
        CHECK(completed == 20);
        CHECK(failures == 0);
        CHECK(inside_initiation == 0);
        CHECK(off_strand == 0);
        CHECK(t.stats().connections_opened == 1);
    }
}

TEST_CASE("pool: handlers bound to the caller's strand never run at once, on a two-thread pool")
{
    // Run by the ThreadSanitizer stage: calls complete from the connections' strands, on
    // either thread, into one strand of the caller's.
    test_server server(pool_echo());
    net::thread_pool threads(2);
    transport t(threads.get_executor(), pool_options(8));
    const endpoint origin = pool_origin(server.port());
    const auto strand = net::make_strand(threads.get_executor());
    struct chain {
        prepared_request req;
        http_response out;
        int left = 16;
    };
    std::vector<chain> chains(16);
    std::atomic<int> running{0};
    std::atomic<int> overlaps{0};
    std::atomic<int> failures{0};
    std::atomic<int> completed{0};
    int unguarded = 0; // touched by the handlers only: a data race if two ran at once
    std::function<void(chain&)> next = [&](chain& c) {
        if (c.left-- == 0)
            return;
        t.async_send(origin, c.req, c.out, net::bind_executor(strand, [&](error_code ec) {
                         overlaps += running++ != 0;
                         failures += ec.failed() || !strand.running_in_this_thread();
                         ++unguarded;
                         --running;
                         ++completed;
                         next(c);
                     }));
    };
    for (std::size_t i = 0; i < chains.size(); ++i) {
        chains[i].req = pool_request("/s" + std::to_string(i));
        net::post(strand, [&, i] { next(chains[i]); });
    }
    threads.join();
    CHECK(completed == 16 * 16);
    CHECK(unguarded == 16 * 16);
    CHECK(overlaps == 0);
    CHECK(failures == 0);
}

TEST_CASE("pool: one transport shared by a two-thread pool keeps to its limit")
{
    // Run by the ThreadSanitizer stage (hwbind_thread_tests): grants, releases, the queue and
    // stats() from two threads at once, and from a third that starts calls.
    test_server server(pool_echo());
    net::thread_pool threads(2);
    transport t(threads.get_executor(), pool_options(4));
    pool_load load(t, pool_origin(server.port()), 64);
    load.start(8);
    std::size_t max_open = 0;
    while (load.completed < 64 * 8) {
        const transport_stats s = t.stats();
        max_open = std::max(max_open, s.open);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    threads.join();
    CHECK(load.failures == 0);
    CHECK(max_open <= 4);
    CHECK(server.peak_open() <= 4);
    CHECK(server.accepted() <= 4);
    const transport_stats s = t.stats();
    CHECK(s.queued == 0);
    CHECK(s.in_use == 0);
    CHECK(s.connections_opened + s.connections_reused == 64 * 8);
}

TEST_CASE("pool: the TLS context is made on the first https connection, not by the constructor")
{
    // A CA file that cannot be read: an `http` transport never tries to, an `https` call fails
    // with the error of reading it, before connecting.
    test_server plain(pool_echo());
    hwbind::test::test_ca ca;
    const hwbind::test::issued_certificate cert = ca.issue("127.0.0.1", "IP:127.0.0.1");
    net::ssl::context server_tls = hwbind::test::server_context_for(cert);
    test_server secure(pool_echo(), &server_tls);
    net::io_context ioc;
    transport_options o = pool_options(4);
    o.tls.ca_file = "/nonexistent/ca.pem";
    transport t(ioc.get_executor(), o);
    http_response out;
    error_code ec;
    t.send(pool_origin(plain.port()), pool_request("/plain"), out, ec);
    CHECK_FALSE(ec);
    CHECK(out.body == "/plain");

    t.send(pool_origin(secure.port(), hwbind::url_scheme::https), pool_request("/secure"), out, ec);
    CHECK_MESSAGE(ec, "the CA file was not read");
    CHECK(secure.accepted() == 0); // it failed before connecting
    const transport_stats s = t.stats();
    CHECK(s.in_use == 0); // the failed call gave its slot back
}

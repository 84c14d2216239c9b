// Heap allocations per asynchronous call at steady state (connections open, buffers grown),
// counted by replacing the global operator new and `aligned_alloc` in this executable of its
// own: so that a change that adds allocations to every request (an executor too big for
// `any_io_executor`'s inline storage, a timer or a state made per call, a handler too big for
// the memory Asio recycles, which Asio then takes from `aligned_alloc`) fails here, not only
// in a benchmark.
// The limits are what the library makes today, on GCC 12 and Boost 1.81, in a chain of calls
// each started from the completion handler of the one before: 8 per transport call (the
// state of the call, the response's header fields) and 16 per client call (the request
// built, the response decoded), with no executor, strand or timer among them; the first call
// of a chain, on the connection the chain before left idle, makes a few more (up to 4 for a
// transport call, 6 for a client call, whose handler the transport gets type-erased, in a
// block of the thread's recycling allocator). The issue that
// asked for this counted 27 per client call when the connection's strand, wrapped in an
// `any_io_executor`, was copied to the heap by each I/O operation and every call made a
// retry timer. Before the state of a transport call was allocated once per call (it had
// moved with the handlers, and made the handler of every read too big for Asio's cache),
// this counted 9 and 17.

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <hwbind/runtime/client/client.hpp>
#include <hwbind/runtime/transport/transport.hpp>
#include <hwbind/services/coc.hpp>

#include "support/test_server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

namespace {

std::atomic<std::size_t> allocations{0};

constexpr std::size_t calls = 200;

/// Runs `count` calls on `ioc`, one after another, each started by `start(done)` from the
/// completion handler of the one before (`done()` starts the next): the steady state of a
/// busy program, whose calls start inside `io_context::run`, where Asio serves the memory of
/// handlers from the running thread's cache (calls started outside it take fresh memory).
/// Returns the allocations made from the start of the first call to the end of the run.
template <class Start>
std::size_t allocations_of_chain(boost::asio::io_context& ioc, std::size_t count, Start start)
{
    struct chain {
        Start* start;
        std::size_t left;
        void operator()()
        {
            if (left-- != 0)
                (*start)(*this);
        }
    };
    std::size_t before = 0;
    boost::asio::post(ioc, [&] {
        before = allocations.load();
        chain{&start, count}();
    });
    ioc.restart();
    ioc.run();
    return allocations.load() - before;
}

} // namespace

void* operator new(std::size_t n)
{
    ++allocations;
    if (void* p = std::malloc(n == 0 ? 1 : n))
        return p;
    throw std::bad_alloc();
}

// Asio's handler memory (`asio::detail::aligned_new`) when its per-thread cache cannot serve
// a handler; freed with `std::free`.
extern "C" void* aligned_alloc(std::size_t alignment, std::size_t n) noexcept
{
    ++allocations;
    void* p = nullptr;
    return posix_memalign(&p, alignment < sizeof(void*) ? sizeof(void*) : alignment, n) == 0 ? p : nullptr;
}

void operator delete(void* p) noexcept
{
    std::free(p);
}

void operator delete(void* p, std::size_t) noexcept
{
    std::free(p);
}

TEST_CASE("allocations: transport::async_send on a pooled connection")
{
    hwbind::test::test_server server([](const hwbind::test::request&, const hwbind::test::request_info&) {
        return hwbind::test::ok(R"({"ok":true})");
    });
    boost::asio::io_context ioc(1);
    hwbind::transport t(ioc.get_executor());
    hwbind::endpoint origin;
    origin.scheme = hwbind::url_scheme::http;
    origin.host = "127.0.0.1";
    origin.port = server.port();
    hwbind::prepared_request req;
    req.set_method(hwbind::meta::http_method::get);
    req.set_target("/v1/x", "");
    hwbind::http_response out;
    std::size_t failures = 0;
    const auto call = [&](auto next) {
        t.async_send(origin, req, out, [&, next](boost::system::error_code ec) mutable {
            failures += ec.failed();
            next();
        });
    };
    allocations_of_chain(ioc, 10, call); // warm up: the connection opened, its buffers and the parser's grown
    const std::size_t n = allocations_of_chain(ioc, calls, call);
    CHECK(failures == 0);
    CHECK(t.stats().connections_opened == 1);
    MESSAGE("allocations per transport call: " << static_cast<double>(n) / calls);
    CHECK(n <= 8 * calls + 4);
}

TEST_CASE("allocations: client::async_call with token auth")
{
    hwbind::test::test_server server([](const hwbind::test::request&, const hwbind::test::request_info&) {
        return hwbind::test::ok(R"({"count":1,"scheduled_tasks":[{"id":"ST01","name":"rotate-logs"}]})");
    });
    boost::asio::io_context ioc(1);
    hwbind::client_options options;
    options.endpoint = "http://127.0.0.1:" + std::to_string(server.port());
    options.credentials.iam_token = hwbind::auth::secret("token");
    hwbind::client client(ioc.get_executor(), options);
    hwbind::coc::list_scheduled_tasks_request req;
    req.limit = 50;
    hwbind::diagnostics diag;
    std::size_t failures = 0;
    const auto call = [&](auto next) {
        client.async_call<hwbind::coc::list_scheduled_tasks>(
            req, diag, [&, next](boost::system::error_code ec, hwbind::coc::list_scheduled_tasks_response r) mutable {
                failures += ec.failed() || r.scheduled_tasks.size() != 1;
                next();
            });
    };
    allocations_of_chain(ioc, 10, call);
    const std::size_t n = allocations_of_chain(ioc, calls, call);
    CHECK(failures == 0);
    CHECK(client.stats().connections_opened == 1);
    MESSAGE("allocations per client call: " << static_cast<double>(n) / calls);
    CHECK(n <= 16 * calls + 6);
}

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.

// Asynchronous throughput under concurrency, over keep-alive HTTP/1.1 to a local server on
// 127.0.0.1: N calls of coc::list_scheduled_tasks kept in flight through `hwbind::client`'s
// `async_call` (token auth: no signing), against a raw Boost.Beast asynchronous client doing
// the same requests over the same number of connections (min(N, the pool's
// `max_connections_per_host`): hwbind queues the calls beyond it), one request at a time per
// connection, decoding each body with `hwbind::decode` into a fresh model as `async_call`
// does. Two raw peers: `beast` replays the very bytes hwbind sent (it builds no request: the
// floor of any client), `beast_built` builds each request as a hand-written Beast client
// does, an `http::request<http::empty_body>` with the same target and header fields, written
// with `http::async_write`. All run on one `io_context`, run by one thread or by two (a
// 2-thread pool); the server runs on a thread of its own.
//
// Names: concurrency/<body>/<threads>t/n<N>/<peer>, body small (~200 B) or large (~127 KiB),
// peer hwbind, beast or beast_built; requests/s in items_per_second over wall-clock time, `connections`:
// the connections the peer opened since it was made (warm-up included), and
// `opened_in_run`: those opened during the repetition (0 once warm).

#include "payloads.hpp"

#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/client/client.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>
#include <hwbind/services/all.hpp>

#include <benchmark/benchmark.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <chrono>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
namespace coc = hwbind::coc;
using tcp = asio::ip::tcp;
using operation = coc::list_scheduled_tasks;

[[noreturn]] void abort_run(const std::string& what)
{
    std::fprintf(stderr, "concurrency_bench: %s\n", what.c_str());
    std::exit(1);
}

/// Answers every request with one fixed response over keep-alive connections, on a thread of
/// its own; keeps the head of the first request it reads.
class local_server {
public:
    explicit local_server(const std::string& body)
        : response_("HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=UTF-8\r\n"
                    "X-Request-Id: 5f2c0c0a9bd94c4f8e3f0a1b2c3d4e5f\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n" + body)
    {
        accept();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~local_server()
    {
        io_.stop();
        thread_.join();
    }
    unsigned short port() const { return acceptor_.local_endpoint().port(); }

    /// The head of the first request received.
    std::string first_head()
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        return first_head_;
    }

private:
    struct session : std::enable_shared_from_this<session> {
        session(tcp::socket s, local_server& o) : socket(std::move(s)), owner(o) {}
        void read()
        {
            asio::async_read_until(socket, asio::dynamic_buffer(buffer), "\r\n\r\n",
                                   [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                                       if (ec)
                                           return;
                                       self->owner.record(std::string_view(self->buffer).substr(0, n));
                                       self->buffer.erase(0, n);
                                       asio::async_write(self->socket, asio::buffer(self->owner.response_),
                                                         [self](boost::system::error_code ec, std::size_t) {
                                                             if (!ec)
                                                                 self->read();
                                                         });
                                   });
        }
        tcp::socket socket;
        local_server& owner;
        std::string buffer;
    };

    void record(std::string_view head)
    {
        if (recorded_.load(std::memory_order_relaxed))
            return;
        const std::lock_guard<std::mutex> lock(mutex_);
        first_head_.assign(head);
        recorded_ = true;
    }

    void accept()
    {
        acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
            if (ec)
                return;
            socket.set_option(tcp::no_delay(true));
            std::make_shared<session>(std::move(socket), *this)->read();
            accept();
        });
    }

    std::string response_;
    std::mutex mutex_;
    std::atomic<bool> recorded_{false};
    std::string first_head_;
    asio::io_context io_;
    tcp::acceptor acceptor_{io_, {asio::ip::address_v4::loopback(), 0}};
    std::thread thread_;
};

coc::list_scheduled_tasks_request make_request()
{
    coc::list_scheduled_tasks_request r;
    r.enterprise_project_id = "0";
    r.risk_level = coc::risk_level::HIGH;
    r.limit = 50;
    return r;
}

hwbind::client_options client_options_for(unsigned short port)
{
    hwbind::client_options options;
    options.endpoint = "http://127.0.0.1:" + std::to_string(port);
    options.credentials.project_id = "0b4b5b3e3c80f2a42f6dc0123ab45cd6";
    // A made-up token of 1,024 characters: the local server checks nothing.
    std::string token = "MIIZ";
    for (std::uint64_t x = 0x9e3779b97f4a7c15; token.size() < 1024; x = x * 6364136223846793005 + 1)
        token += "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[x >> 58];
    options.credentials.iam_token = hwbind::auth::secret(std::move(token));
    // The interleaved repetitions leave a peer idle for longer than the default 30 s: its
    // connections would be closed and opened again, which the raw peer never does.
    options.transport.idle_timeout = std::chrono::hours(1);
    return options;
}

/// Runs `io` until it has no work, on the calling thread and `threads - 1` more.
void run_on(asio::io_context& io, int threads)
{
    io.restart();
    std::vector<std::thread> helpers;
    for (int i = 1; i < threads; ++i)
        helpers.emplace_back([&io] { io.run(); });
    io.run();
    for (std::thread& t : helpers)
        t.join();
}

/// A peer: `run(requests)` makes that many requests with its concurrency, then returns.
class peer {
public:
    virtual ~peer() = default;
    virtual void run(std::size_t requests) = 0;
    virtual std::size_t connections_opened() const = 0;
};

/// hwbind: N chains of `async_call`, each starting its next call from its completion.
class hwbind_peer final : public peer {
public:
    hwbind_peer(unsigned short port, std::size_t in_flight, int threads)
        : io_(threads), client_(io_.get_executor(), client_options_for(port)), chains_(in_flight), threads_(threads)
    {
    }

    void run(std::size_t requests) override
    {
        left_ = requests;
        for (chain& c : chains_)
            next(c);
        run_on(io_, threads_);
        if (failures_ != 0)
            abort_run("hwbind: " + first_failure_);
    }

    std::size_t connections_opened() const override { return client_.stats().connections_opened; }

private:
    struct chain {
        hwbind::diagnostics diag;
    };

    void next(chain& c)
    {
        if (left_.fetch_sub(1, std::memory_order_relaxed) <= 0)
            return;
        client_.async_call<operation>(request_, c.diag,
                                      [this, &c](boost::system::error_code ec, coc::list_scheduled_tasks_response r) {
                                          benchmark::DoNotOptimize(r);
                                          if (ec && failures_++ == 0)
                                              first_failure_ = c.diag.message();
                                          next(c);
                                      });
    }

    asio::io_context io_;
    hwbind::client client_;
    const coc::list_scheduled_tasks_request request_ = make_request();
    std::vector<chain> chains_;
    int threads_;
    std::atomic<std::ptrdiff_t> left_{0};
    std::atomic<int> failures_{0};
    std::string first_failure_;
};

/// The request line and header fields of a recorded request head.
struct request_head {
    http::verb method = http::verb::unknown;
    std::string target;
    std::vector<std::pair<std::string, std::string>> fields;
};

request_head parse_head(std::string_view head)
{
    request_head parsed;
    std::size_t line_end = head.find("\r\n");
    const std::string_view request_line = head.substr(0, line_end);
    const std::size_t space = request_line.find(' ');
    parsed.method = http::string_to_verb(request_line.substr(0, space));
    parsed.target = std::string(request_line.substr(space + 1, request_line.rfind(' ') - space - 1));
    for (std::size_t at = line_end + 2; at < head.size(); at = line_end + 2) {
        line_end = head.find("\r\n", at);
        const std::string_view line = head.substr(at, line_end - at);
        if (line.empty())
            break;
        const std::size_t colon = line.find(':');
        std::string_view value = line.substr(colon + 1);
        value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
        parsed.fields.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    if (parsed.method == http::verb::unknown || parsed.fields.empty())
        abort_run("cannot parse the recorded request head");
    return parsed;
}

/// How a raw peer makes each request's bytes.
enum class request_bytes {
    replayed, ///< writes hwbind's recorded request as it is
    built,    ///< builds an `http::request` with the same target and fields, serialized by Beast
};

/// Raw Beast: one connection per chain, each writing its request and reading the response with
/// `http::async_read`, then decoding it.
class beast_peer final : public peer {
public:
    beast_peer(unsigned short port, std::string head, request_bytes bytes, std::size_t connections, int threads)
        : io_(threads), head_(std::move(head)), parsed_(parse_head(head_)), bytes_(bytes), threads_(threads)
    {
        for (std::size_t i = 0; i < connections; ++i) {
            auto c = std::make_unique<connection>(io_);
            c->socket.connect({asio::ip::address_v4::loopback(), port});
            c->socket.set_option(tcp::no_delay(true));
            c->buffer.reserve(256 * 1024);
            connections_.push_back(std::move(c));
        }
    }

    void run(std::size_t requests) override
    {
        left_ = requests;
        for (auto& c : connections_)
            next(*c);
        run_on(io_, threads_);
        if (failures_ != 0)
            abort_run("beast: a request failed");
    }

    std::size_t connections_opened() const override { return connections_.size(); }

private:
    struct connection {
        explicit connection(asio::io_context& io) : socket(io) {}
        tcp::socket socket;
        boost::beast::flat_buffer buffer;
        std::optional<http::request<http::empty_body>> request;
        std::optional<http::response_parser<http::string_body>> parser;
        hwbind::diagnostics diag;
    };

    void next(connection& c)
    {
        if (left_.fetch_sub(1, std::memory_order_relaxed) <= 0)
            return;
        if (bytes_ == request_bytes::replayed) {
            asio::async_write(c.socket, asio::buffer(head_),
                              [this, &c](boost::system::error_code ec, std::size_t) { read_response(c, ec); });
            return;
        }
        c.request.emplace(parsed_.method, parsed_.target, 11);
        for (const auto& [name, value] : parsed_.fields)
            c.request->set(name, value);
        http::async_write(c.socket, *c.request,
                          [this, &c](boost::system::error_code ec, std::size_t) { read_response(c, ec); });
    }

    void read_response(connection& c, boost::system::error_code ec)
    {
        if (ec) {
            ++failures_;
            return;
        }
        c.parser.emplace();
        c.parser->body_limit(64 * 1024 * 1024);
        http::async_read(c.socket, c.buffer, *c.parser, [this, &c](boost::system::error_code ec, std::size_t) {
            coc::list_scheduled_tasks_response out;
            if (ec || hwbind::decode(c.parser->get().body(), out, c.diag)) {
                ++failures_;
                return;
            }
            benchmark::DoNotOptimize(out);
            next(c);
        });
    }

    asio::io_context io_;
    std::string head_;
    request_head parsed_;
    request_bytes bytes_;
    int threads_;
    std::vector<std::unique_ptr<connection>> connections_;
    std::atomic<std::ptrdiff_t> left_{0};
    std::atomic<int> failures_{0};
};

struct body_case {
    const char* name;
    std::string body;
    std::size_t batch; // requests per benchmark iteration
};

} // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    const std::string small = R"({"count":1,"next_maker":"ST01HZX3KQ7V9M2N4P6R8T0W1Y","scheduled_tasks":[{"id":)"
                              R"("ST01HZX3KQ7V9M2N4P6R8T0W1Y","name":"rotate-logs","enabled":true,"risk_level":"LOW",)"
                              R"("scheduled_type":"CRON","created_time":1745396111000}]})";
    std::vector<body_case> cases = {
        {"small", small, 2048},
        {"large", bench::payload_writer(bench::shape::dense, 2000).coc_list_scheduled_tasks(127 * 1024), 256},
    };
    std::vector<std::unique_ptr<local_server>> servers;
    std::vector<std::unique_ptr<peer>> peers; // live as long as their benchmarks
    const std::size_t max_connections = hwbind::transport_options{}.max_connections_per_host;
    for (const body_case& c : cases) {
        servers.push_back(std::make_unique<local_server>(c.body));
        local_server& server = *servers.back();
        // hwbind's request, as the server received it, is what the raw peer sends.
        {
            asio::io_context io;
            hwbind::client probe(io.get_executor(), client_options_for(server.port()));
            probe.async_call<operation>(make_request(), [](boost::system::error_code ec, auto) {
                if (ec)
                    abort_run("the first call failed: " + ec.message());
            });
            io.run();
        }
        const std::string head = server.first_head();
        if (head.empty())
            abort_run("no request recorded");
        for (const int threads : {1, 2}) {
            for (const std::size_t n : {1, 16, 64, 256}) {
                const std::string prefix = std::string("concurrency/") + c.name + "/" + std::to_string(threads) +
                                           "t/n" + std::to_string(n) + "/";
                peers.push_back(std::make_unique<hwbind_peer>(server.port(), n, threads));
                peer* h = peers.back().get();
                const std::size_t connections = std::min(n, max_connections);
                peers.push_back(
                    std::make_unique<beast_peer>(server.port(), head, request_bytes::replayed, connections, threads));
                peer* replayed = peers.back().get();
                peers.push_back(
                    std::make_unique<beast_peer>(server.port(), head, request_bytes::built, connections, threads));
                peer* built = peers.back().get();
                for (const auto& [name, p] : {std::pair("hwbind", h), std::pair("beast", replayed),
                                              std::pair("beast_built", built)}) {
                    p->run(std::max<std::size_t>(n, 64)); // warm up: connections opened, buffers grown
                    benchmark::RegisterBenchmark((prefix + name).c_str(), [p = p, batch = c.batch](benchmark::State& state) {
                        const std::size_t opened_before = p->connections_opened();
                        for (auto _ : state)
                            p->run(batch);
                        state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
                        state.counters["connections"] = static_cast<double>(p->connections_opened());
                        state.counters["opened_in_run"] = static_cast<double>(p->connections_opened() - opened_before);
                    })->UseRealTime()->Unit(benchmark::kMillisecond);
                }
            }
        }
    }
    benchmark::RunSpecifiedBenchmarks();
    peers.clear();
    servers.clear();
    benchmark::Shutdown();
    return 0;
}

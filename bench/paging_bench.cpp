// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.

// Walking the 50 pages of hss::list_jobs (500 jobs, pages of 10, the total announced on every
// page) through `hwbind::client`, against a local server on 127.0.0.1 that answers each
// request 5 ms after reading it, as a service far away would, on any number of keep-alive
// connections at once: with one page at a time (`paging_options::pages_in_flight` 1) and with
// 8 in flight, synchronously (`all_items`) and asynchronously (`async_next` on an
// `io_context` run by the benchmark's thread). Issue 19's target: 8 in flight walk in at most
// 1/5 of the time of 1.
//
// Names: paging/<sync|async>/in_flight:<K>; walks/s in items_per_second, over wall-clock time.

#include <hwbind/runtime/client/client.hpp>
#include <hwbind/services/hss/operations.hpp>

#include <benchmark/benchmark.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
namespace hss = hwbind::hss;
using tcp = asio::ip::tcp;
using operation = hss::list_jobs;

constexpr std::int64_t total_jobs = 500;
constexpr std::int64_t page_size = 10;
constexpr std::chrono::milliseconds page_delay{5};

/// Answers each list_jobs request with the page at its `offset` (pages of `page_size` out of
/// `total_jobs`), `page_delay` after reading it, over keep-alive connections, on a thread of
/// its own until destroyed.
class delayed_pages_server {
public:
    delayed_pages_server()
    {
        accept();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~delayed_pages_server()
    {
        io_.stop();
        thread_.join();
    }
    unsigned short port() const { return acceptor_.local_endpoint().port(); }

private:
    struct session : std::enable_shared_from_this<session> {
        explicit session(tcp::socket s) : socket(std::move(s)), timer(socket.get_executor()) {}

        void read()
        {
            request = {};
            http::async_read(socket, buffer, request, [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                if (ec)
                    return;
                self->timer.expires_after(page_delay);
                self->timer.async_wait([self](boost::system::error_code ec) {
                    if (!ec)
                        self->answer();
                });
            });
        }

        void answer()
        {
            response = {};
            response.result(http::status::ok);
            response.version(11);
            response.set(http::field::content_type, "application/json");
            response.body() = page(offset_of(request.target()));
            response.prepare_payload();
            http::async_write(socket, response, [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                if (!ec)
                    self->read();
            });
        }

        static std::int64_t offset_of(std::string_view target)
        {
            const std::size_t at = target.find("offset=");
            return at == std::string_view::npos ? 0 : std::atoll(std::string(target.substr(at + 7)).c_str());
        }

        static std::string page(std::int64_t offset)
        {
            std::string body = R"({"total_num":)" + std::to_string(total_jobs) + R"(,"job_info_list":[)";
            for (std::int64_t i = offset; i < offset + page_size && i < total_jobs; ++i) {
                if (i != offset)
                    body += ',';
                body += R"({"name":"job-)" + std::to_string(i) + R"(","namespace_name":"default","status":"Running"})";
            }
            return body + "]}";
        }

        tcp::socket socket;
        asio::steady_timer timer;
        boost::beast::flat_buffer buffer;
        http::request<http::empty_body> request;
        http::response<http::string_body> response;
    };

    void accept()
    {
        acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
            if (ec)
                return;
            socket.set_option(tcp::no_delay(true));
            std::make_shared<session>(std::move(socket))->read();
            accept();
        });
    }

    asio::io_context io_;
    tcp::acceptor acceptor_{io_, {asio::ip::address_v4::loopback(), 0}};
    std::thread thread_;
};

[[noreturn]] void abort_run(const std::string& what)
{
    std::fprintf(stderr, "paging_bench: %s\n", what.c_str());
    std::exit(1);
}

hwbind::client_options options_for(unsigned short port)
{
    hwbind::client_options options;
    options.endpoint = "http://127.0.0.1:" + std::to_string(port);
    options.credentials.project_id = "0b4b5b3e3c80f2a42f6dc0123ab45cd6";
    options.credentials.iam_token = hwbind::auth::secret("a-made-up-token"); // the server checks nothing
    options.retry.max_attempts = 1;
    return options;
}

void check_walked(std::int64_t jobs)
{
    if (jobs != total_jobs)
        abort_run("walked " + std::to_string(jobs) + " jobs, not " + std::to_string(total_jobs));
}

void walk_sync(hwbind::client& client, std::size_t in_flight)
{
    std::int64_t jobs = 0;
    for (const auto& job : client.all_items<operation>({}, hwbind::paging_options{in_flight})) {
        benchmark::DoNotOptimize(job);
        ++jobs;
    }
    check_walked(jobs);
}

void walk_async(hwbind::client& client, asio::io_context& io, std::size_t in_flight)
{
    auto walker = client.pages<operation>({}, hwbind::paging_options{in_flight});
    std::int64_t jobs = 0;
    std::function<void()> next = [&] {
        walker.async_next([&](boost::system::error_code ec, std::optional<hss::list_jobs_response> page) {
            if (ec)
                abort_run("async_next: " + walker.diag().message());
            if (!page)
                return;
            jobs += static_cast<std::int64_t>(page->job_info_list.size());
            next();
        });
    };
    next();
    io.restart();
    io.run();
    check_walked(jobs);
}

} // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    delayed_pages_server server;
    asio::io_context io;
    hwbind::client sync_client(options_for(server.port()));
    hwbind::client async_client(io.get_executor(), options_for(server.port()));
    for (const std::size_t k : {std::size_t(1), std::size_t(8)}) {
        const std::string suffix = "/in_flight:" + std::to_string(k);
        benchmark::RegisterBenchmark(("paging/sync" + suffix).c_str(), [&sync_client, k](benchmark::State& state) {
            for (auto _ : state)
                walk_sync(sync_client, k);
            state.SetItemsProcessed(state.iterations());
        })->UseRealTime()->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("paging/async" + suffix).c_str(), [&async_client, &io, k](benchmark::State& state) {
            for (auto _ : state)
                walk_async(async_client, io, k);
            state.SetItemsProcessed(state.iterations());
        })->UseRealTime()->Unit(benchmark::kMillisecond);
    }
    benchmark::RunSpecifiedBenchmarks();
}

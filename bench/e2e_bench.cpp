// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.

// End to end over keep-alive HTTP/1.1 to a local server on 127.0.0.1: one call of
// coc::list_scheduled_tasks through `hwbind::client` (request built, validated and
// authenticated, sent, response read and decoded) against a raw Boost.Beast loop (its request
// built once, its read buffer reserved) and libcurl with one reused handle. The raw peers send
// the very bytes hwbind sent (its first request, as the server received it), so that the
// server does the same work for every peer, and decode the body with `hwbind::decode` into
// the same reused model: what differs is the client. Two authentications: `aksk`, where hwbind
// signs every request afresh (SDK-HMAC-SHA256, about 1.2 us of CPU each) while the raw peers
// replay one signature, and `token`, where every peer sends the same IAM token header. The
// server answers every request with one fixed response.
//
// Names: e2e/<body>/<auth>/<peer>, body small (~200 B) or large (~127 KB), auth aksk or token;
// requests/s in items_per_second, over wall-clock time.

#include "payloads.hpp"

#include <hwbind/runtime/client/client.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>
#include <hwbind/services/all.hpp>

#include <benchmark/benchmark.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <mutex>
#include <stdexcept>
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

/// Answers every request with one fixed response, on 127.0.0.1 at a port the system picks,
/// over keep-alive connections, on a thread of its own until destroyed.
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

    /// Keeps the head of the next request received, for `recorded_head`.
    void record_next()
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        recorded_.clear();
        recording_ = true;
    }

    /// The head recorded since `record_next`, once its response was received.
    std::string recorded_head()
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        return recorded_;
    }

private:
    // Reads a request head (the clients send no body), writes the response, and again.
    struct session : std::enable_shared_from_this<session> {
        session(tcp::socket s, local_server& o) : socket(std::move(s)), owner(o) {}
        void read()
        {
            asio::async_read_until(socket, asio::dynamic_buffer(buffer), "\r\n\r\n",
                                   [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                                       if (ec)
                                           return;
                                       if (self->owner.recording_)
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
        const std::lock_guard<std::mutex> lock(mutex_);
        recorded_.assign(head);
        recording_ = false;
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
    std::atomic<bool> recording_{false};
    std::string recorded_;
    asio::io_context io_;
    tcp::acceptor acceptor_{io_, {asio::ip::address_v4::loopback(), 0}};
    std::thread thread_;
};

[[noreturn]] void abort_run(const std::string& what)
{
    std::fprintf(stderr, "e2e_bench: %s\n", what.c_str());
    std::exit(1);
}

coc::list_scheduled_tasks_request make_request()
{
    coc::list_scheduled_tasks_request r;
    r.enterprise_project_id = "0";
    r.risk_level = coc::risk_level::HIGH;
    r.limit = 50;
    return r;
}

/// One way of making the call: `call(out)` fetches the response and decodes it into `out`.
using peer = std::function<void(coc::list_scheduled_tasks_response&)>;

enum class auth { aksk, token };

peer hwbind_peer(unsigned short port, auth mode)
{
    hwbind::client_options options;
    options.endpoint = "http://127.0.0.1:" + std::to_string(port);
    options.credentials.project_id = "0b4b5b3e3c80f2a42f6dc0123ab45cd6";
    if (mode == auth::aksk) {
        options.credentials.access_key = "QTWAOYTTINDUT2QVKYUC";
        options.credentials.secret_key = hwbind::auth::secret("MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc");
    } else {
        // A made-up token of 1,024 characters: the local server checks nothing.
        std::string token = "MIIZ";
        for (std::uint64_t x = 0x9e3779b97f4a7c15; token.size() < 1024; x = x * 6364136223846793005 + 1)
            token += "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[x >> 58];
        options.credentials.iam_token = hwbind::auth::secret(std::move(token));
    }
    auto client = std::make_shared<hwbind::client>(std::move(options));
    return [client, request = make_request(), diag = hwbind::diagnostics()](auto& out) mutable {
        boost::system::error_code ec;
        client->call<operation>(request, out, ec, diag);
        if (ec)
            throw std::runtime_error("hwbind: " + diag.message());
    };
}

/// A request head as received: the target of its request line and its header fields in order.
struct request_head {
    std::string target;
    std::vector<std::pair<std::string, std::string>> fields;

    explicit request_head(std::string_view head)
    {
        const auto line = [&head] {
            const std::size_t end = head.find("\r\n");
            const std::string_view l = head.substr(0, end);
            head.remove_prefix(end == std::string_view::npos ? head.size() : end + 2);
            return l;
        };
        const std::string_view request_line = line();
        const std::size_t sp = request_line.find(' ');
        if (request_line.substr(0, sp) != "GET")
            abort_run("unexpected request line: " + std::string(request_line));
        target = request_line.substr(sp + 1, request_line.rfind(' ') - sp - 1);
        for (std::string_view l = line(); !l.empty(); l = line()) {
            const std::size_t colon = l.find(':');
            std::string_view value = l.substr(colon + 1);
            value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
            fields.emplace_back(l.substr(0, colon), value);
        }
    }
};

peer beast_peer(unsigned short port, const request_head& head)
{
    struct state {
        asio::io_context io;
        tcp::socket socket{io};
        boost::beast::flat_buffer buffer;
        http::request<http::empty_body> request;
        hwbind::diagnostics diag;
    };
    auto s = std::make_shared<state>();
    s->socket.connect({asio::ip::address_v4::loopback(), port});
    s->socket.set_option(tcp::no_delay(true));
    s->buffer.reserve(256 * 1024);
    s->request.method(http::verb::get);
    s->request.target(head.target);
    for (const auto& [name, value] : head.fields)
        s->request.insert(name, value);
    return [s](auto& out) {
        http::write(s->socket, s->request);
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        http::read(s->socket, s->buffer, parser);
        if (hwbind::decode(parser.get().body(), out, s->diag))
            throw std::runtime_error("beast: " + s->diag.message());
    };
}

peer curl_peer(unsigned short port, const request_head& head)
{
    struct state {
        std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> handle{curl_easy_init(), &curl_easy_cleanup};
        std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers{nullptr, &curl_slist_free_all};
        std::string body;
        hwbind::diagnostics diag;
    };
    auto s = std::make_shared<state>();
    const std::string url = "http://127.0.0.1:" + std::to_string(port) + head.target;
    bool sends_accept = false;
    for (const auto& [name, value] : head.fields) {
        sends_accept = sends_accept || boost::beast::iequals(name, "Accept");
        s->headers.reset(curl_slist_append(s->headers.release(), (name + ": " + value).c_str()));
    }
    if (!sends_accept) // libcurl's own `Accept: */*` would be one header more
        s->headers.reset(curl_slist_append(s->headers.release(), "Accept:"));
    CURL* h = s->handle.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str()); // libcurl copies it
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, s->headers.get());
    curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &s->body);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, +[](char* data, std::size_t, std::size_t n, void* body) {
        static_cast<std::string*>(body)->append(data, n);
        return n;
    });
    return [s](auto& out) {
        s->body.clear();
        if (const CURLcode rc = curl_easy_perform(s->handle.get()); rc != CURLE_OK)
            throw std::runtime_error(std::string("curl: ") + curl_easy_strerror(rc));
        if (hwbind::decode(s->body, out, s->diag))
            throw std::runtime_error("curl: " + s->diag.message());
    };
}

struct body_case {
    const char* name;
    std::string body;
    std::unique_ptr<local_server> server;
};

} // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    {
        body_case cases[] = {
            {"small",
             R"({"count":1,"next_maker":"ST01HZX3KQ7V9M2N4P6R8T0W1Y","scheduled_tasks":[{"id":)"
             R"("ST01HZX3KQ7V9M2N4P6R8T0W1Y","name":"rotate-logs","enabled":true,"risk_level":"LOW",)"
             R"("scheduled_type":"CRON","created_time":1745396111000}]})",
             nullptr},
            {"large", bench::payload_writer(bench::shape::dense, 2000).coc_list_scheduled_tasks(127 * 1024), nullptr},
        };
        for (body_case& c : cases) {
            c.server = std::make_unique<local_server>(c.body);
            const auto expected = hwbind::decode<coc::list_scheduled_tasks_response>(c.body);
            for (const auto& [mode, mode_name] : {std::pair(auth::aksk, "aksk"), std::pair(auth::token, "token")}) {
                const std::string prefix = std::string("e2e/") + c.name + "/" + mode_name + "/";
                // Each peer's first call is checked: the response decodes as expected, and
                // the raw peers send the header fields hwbind sent (in any order).
                std::optional<request_head> sent;
                const auto check = [&](const std::string& name, const peer& call) {
                    coc::list_scheduled_tasks_response out;
                    c.server->record_next();
                    try {
                        call(out);
                    } catch (const std::exception& e) {
                        abort_run(prefix + name + ": " + e.what());
                    }
                    if (!hwbind::meta::deep_equal(out, expected))
                        abort_run(prefix + name + ": the decoded response differs");
                    request_head head(c.server->recorded_head());
                    std::sort(head.fields.begin(), head.fields.end());
                    if (!sent)
                        sent = head;
                    else if (head.target != sent->target || head.fields != sent->fields)
                        abort_run(prefix + name + ": the request differs from hwbind's");
                    benchmark::RegisterBenchmark((prefix + name).c_str(), [call = call](benchmark::State& state) {
                        coc::list_scheduled_tasks_response out;
                        for (auto _ : state) {
                            call(out);
                            benchmark::DoNotOptimize(out);
                        }
                        state.SetItemsProcessed(state.iterations());
                    })->UseRealTime()->Unit(benchmark::kMicrosecond);
                };
                check("hwbind", hwbind_peer(c.server->port(), mode));
                const request_head head(c.server->recorded_head());
                check("beast", beast_peer(c.server->port(), head));
                check("curl", curl_peer(c.server->port(), head));
            }
        }
        benchmark::RunSpecifiedBenchmarks();
    }
    curl_global_cleanup();
    benchmark::Shutdown();
    return 0;
}

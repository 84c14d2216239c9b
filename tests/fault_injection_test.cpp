// Fault injection: the client against the scripted server of tests/support/fault_server.hpp,
// which fails in each way a network, a proxy or a broken service can. Each fault must give a
// typed error naming its cause, within the deadline that bounds it, with no secret in
// anything the call reports or prints, the failed connection closed, and the next call on
// the same client succeeding. The faults run synchronously with AK/SK and a security token,
// and asynchronously with an IAM token.
//
// Retries by method: a POST is never sent again once its bytes may have reached the server,
// and is sent again when it provably was not sent or the server said it did not act; a GET,
// against the same faults, shows what the POST is spared.
//
// Also here: how errors of the layers below the transport compare with
// `condition::transport_error`, and how an `any_value` holding infinity or NaN is encoded.
#include <hwbind/runtime/client/client.hpp>
#include <hwbind/runtime/codec/json_encode.hpp>
#include <hwbind/services/hss/operations.hpp>

#include "support/fault_server.hpp"
#include "support/test_certs.hpp"
#include "support/test_operations.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <iostream>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using boost::system::error_code;
using hwbind::client;
using hwbind::client_options;
using hwbind::condition;
using hwbind::diagnostics;
using hwbind::error;
using hwbind::test::fault_script;
using hwbind::test::fault_server;
using hwbind::test::keep_alive_answer;
using hwbind::test::raw_response;
using namespace std::chrono_literals;

namespace net = boost::asio;
namespace hss = hwbind::hss;
namespace testsvc = hwbind::testsvc;

namespace {

// Every secret holds the marker, so that a leak anywhere is one search away.
struct secrets {
    static constexpr std::string_view marker = "TOPSECRET";
    static constexpr std::string_view secret_key = "TOPSECRET-fault-sk-6e5d4c3b2a19";
    static constexpr std::string_view security_token = "TOPSECRET-fault-security-token";
    static constexpr std::string_view iam_token = "TOPSECRET-fault-iam-token";
};

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// How a pass calls: synchronously with AK/SK and a security token (sent as
// `X-Security-Token`), or asynchronously with an IAM token (`X-Auth-Token`).
struct pass {
    const char* name;
    bool async;
};

constexpr pass passes[] = {{"sync, AK/SK and security token", false}, {"async, IAM token", true}};

constexpr std::chrono::steady_clock::duration connect_timeout = 250ms;
constexpr std::chrono::steady_clock::duration request_timeout = 400ms;
constexpr std::size_t max_response_body = 4096;

// What a call may take beyond its deadline on a loaded machine or under a sanitizer; a hang
// takes far longer (the connect-deadline case proves itself against a request deadline of
// more than this).
constexpr std::chrono::steady_clock::duration slack = 3s;

// A CA the client trusts, a server context with a certificate it issued for 127.0.0.1, and
// contexts with each certificate the client must refuse: from a CA it does not know,
// self-signed, expired, for another host.
struct tls_contexts {
    hwbind::test::test_ca ca;
    net::ssl::context trusted = hwbind::test::server_context_for(ca.issue("127.0.0.1", "IP:127.0.0.1"));
    net::ssl::context untrusted =
        hwbind::test::server_context_for(hwbind::test::test_ca().issue("127.0.0.1", "IP:127.0.0.1"));
    net::ssl::context self_signed = hwbind::test::server_context_for(hwbind::test::test_ca().self_signed());
    net::ssl::context expired = hwbind::test::server_context_for(ca.issue_expired("127.0.0.1", "IP:127.0.0.1"));
    net::ssl::context other_host =
        hwbind::test::server_context_for(ca.issue("other.example", "DNS:other.example,IP:127.0.0.2"));
};

// What is expected of a call against one fault.
struct fault_case {
    const char* name;
    std::optional<fault_script> script; // the first connection's; none: nothing listens
    std::optional<error_code> code;     // the exact error, where it is one value
    condition kind;
    std::string cause;                  // in the diagnostics message
    bool https = false;
    bool connect_deadline = false;      // bounded by the connect deadline, the request one far off
    std::chrono::steady_clock::duration call_timeout{}; // with retries, under this whole-call deadline
};

fault_script healthy(net::ssl::context* tls)
{
    fault_script s;
    s.tls = tls;
    s.bytes = raw_response("HTTP/1.1 200 OK", "Content-Type: application/json\r\nConnection: close\r\n",
                           R"({"total_num":1,"job_info_list":[{"name":"healthy"}]})");
    return s;
}

fault_script sends(std::string bytes, bool hold = false)
{
    fault_script s;
    s.bytes = std::move(bytes);
    s.hold = hold;
    return s;
}

std::vector<fault_case> fault_cases(tls_contexts& tls, std::uint16_t elsewhere_port)
{
    const std::string ok_line = "HTTP/1.1 200 OK\r\n";
    const std::string json = "Content-Type: application/json\r\n";
    const error_code closed = error::connection_closed;
    const error_code timeout = error::timeout;
    const error_code too_large = error::body_too_large;
    const error_code api = error::api_error;

    fault_script silent; // reads the request, answers nothing
    silent.hold = true;
    // Every read makes progress: only a deadline on the whole request ends this.
    fault_script dripping = sends(ok_line + "Content-Length: 200\r\n\r\n");
    dripping.dripped = std::string(200, ' ');
    fault_script silent_tls; // accepts TCP, never speaks TLS
    silent_tls.read_request = false;
    silent_tls.hold = true;
    fault_script plain_to_tls = sends(raw_response("HTTP/1.1 400 Bad Request", "", ""), true);
    plain_to_tls.read_request = false;
    fault_script untrusted = healthy(&tls.untrusted);
    fault_script self_signed = healthy(&tls.self_signed);
    fault_script expired = healthy(&tls.expired);
    fault_script other_host = healthy(&tls.other_host);
    const std::string cert_refused = "certificate verify failed for 127.0.0.1: ";
    // Lines that never end, as far as the client should care: four times its longest head.
    const auto filler = [](std::string start, std::string_view line) {
        while (start.size() <= 4 * 64 * 1024)
            start += line;
        return start;
    };
    const std::string chunked = ok_line + "Transfer-Encoding: chunked\r\n\r\n";
    const std::string endless_head = filler(ok_line, "X-Filler: " + std::string(100, 'f') + "\r\n");
    const std::string endless_extension = filler(chunked + "1;", "e");
    const std::string endless_trailers = filler(chunked + "1\r\nx\r\n0\r\n", "T: " + std::string(100, 't') + "\r\n");
    const std::string elsewhere = "http://127.0.0.1:" + std::to_string(elsewhere_port) + "/v5/proj-f/kubernetes/jobs";

    return {
        {"connection refused", std::nullopt, error_code(net::error::connection_refused), condition::transport_error,
         "Connection refused"},
        {"closed before the status line", sends(""), closed, condition::transport_error,
         "connection closed before a complete response"},
        {"closed mid-headers", sends(ok_line + "Content-Ty"), closed, condition::transport_error,
         "connection closed before a complete response"},
        {"closed mid-body", sends(ok_line + "Content-Length: 100\r\n\r\n{\"job_info"), closed,
         condition::transport_error, "connection closed before a complete response"},
        {"Content-Length longer than the body, connection kept open",
         sends(ok_line + "Content-Length: 100\r\n\r\n{\"job_info", true), timeout, condition::transport_error,
         "request deadline expired"},
        {"broken chunked encoding", sends(ok_line + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", true),
         error_code(boost::beast::http::error::bad_chunk), condition::transport_error, "bad chunk"},
        {"no response at all: request deadline", silent, timeout, condition::transport_error,
         "request deadline expired"},
        {"no response at all: connect deadline (no TLS handshake)", silent_tls, error_code(error::connect_timeout),
         condition::transport_error, "connect timed out after 0.25 s to 127.0.0.1:", true, true},
        {"a body dripped one byte at a time", dripping, timeout, condition::transport_error,
         "request deadline expired"},
        {"a body over the size limit", sends(raw_response("HTTP/1.1 200 OK", json, std::string(5000, ' ')), true),
         too_large, condition::transport_error, "response body too large"},
        {"a Content-Length of a terabyte", sends(ok_line + "Content-Length: 1000000000000\r\n\r\n", true), too_large,
         condition::transport_error, "response body too large"},
        {"a chunk over the size limit", sends(chunked + "100000\r\n    ", true), too_large,
         condition::transport_error, "response body too large"},
        {"a chunk extension without end", sends(endless_extension, true), too_large, condition::transport_error,
         "response body too large"},
        {"trailers without end", sends(endless_trailers, true), too_large, condition::transport_error,
         "response body too large"},
        {"headers without end", sends(endless_head, true), error_code(boost::beast::http::error::header_limit),
         condition::transport_error, "header limit exceeded"},
        {"an HTML error page",
         sends(raw_response("HTTP/1.1 502 Bad Gateway", "Content-Type: text/html\r\n",
                            "<html><body><h1>502 Bad Gateway</h1></body></html>")),
         api, condition::service_error, "HTTP 502: non-JSON body: <html><body><h1>502 Bad Gateway"},
        {"invalid JSON with 200", sends(raw_response("HTTP/1.1 200 OK", json, "{\"job_info_list\":[")),
         error_code(error::invalid_json), condition::invalid_response, "invalid JSON"},
        {"a 200 whose body is an error object",
         sends(raw_response("HTTP/1.1 200 OK", json + "X-Request-Id: r-9\r\n",
                            R"({"error_code":"APIGW.0101","error_msg":"The API does not exist"})")),
         api, condition::service_error, "HTTP 200 APIGW.0101: The API does not exist (request id r-9)"},
        {"a redirect to another host", sends(raw_response("HTTP/1.1 302 Found", "Location: " + elsewhere + "\r\n", "")),
         api, condition::service_error, "HTTP 302"},
        {"TLS: a certificate from an unknown issuer", untrusted, std::nullopt, condition::transport_error,
         cert_refused + "unable to get local issuer certificate", true},
        {"TLS: a self-signed certificate", self_signed, std::nullopt, condition::transport_error,
         cert_refused + "self-signed certificate", true},
        {"TLS: an expired certificate", expired, std::nullopt, condition::transport_error,
         cert_refused + "certificate has expired", true},
        {"TLS: a certificate for another host", other_host, std::nullopt, condition::transport_error,
         cert_refused + "IP address mismatch", true},
        {"TLS: plain HTTP to a TLS client", plain_to_tls, error_code(error::tls_not_spoken),
         condition::transport_error, ": TLS handshake failed: the server did not answer with TLS", true},
        {"whole-call deadline: a Retry-After beyond it ends the call at once",
         sends(raw_response("HTTP/1.1 429 Too Many Requests", json + "Retry-After: 100000\r\n",
                            R"({"error_code":"HSS.0429","error_msg":"slow down"})")),
         api, condition::service_error,
         "HTTP 429 HSS.0429: slow down; not retried: the wait of 20 s (Retry-After: 100000) would end beyond the "
         "call deadline (call_timeout 2 s)",
         false, false, 2s},
    };
}

// What the library writes to std::cout, std::cerr and std::clog while this lives.
class captured_streams {
public:
    captured_streams()
    {
        for (std::size_t i = 0; i < streams_.size(); ++i)
            saved_[i] = streams_[i]->rdbuf(text_.rdbuf());
    }
    ~captured_streams()
    {
        for (std::size_t i = 0; i < streams_.size(); ++i)
            streams_[i]->rdbuf(saved_[i]);
    }
    captured_streams(const captured_streams&) = delete;
    captured_streams& operator=(const captured_streams&) = delete;

    std::string text() const { return text_.str(); }

private:
    std::ostringstream text_;
    std::array<std::ostream*, 3> streams_{&std::cout, &std::cerr, &std::clog};
    std::array<std::streambuf*, 3> saved_{};
};

// The text of every hook event, from any thread.
struct event_texts {
    std::mutex mutex;
    std::vector<std::string> texts;
};

client_options options_for(const pass& p, const fault_case& f, const std::string& url, const tls_contexts& tls,
                           const std::shared_ptr<event_texts>& events)
{
    client_options o;
    o.endpoint = url;
    o.credentials.project_id = "proj-f";
    if (p.async) {
        o.credentials.iam_token = hwbind::auth::secret(std::string(secrets::iam_token));
    } else {
        o.credentials.access_key = "HWBINDFAULTACCESSKEY";
        o.credentials.secret_key = hwbind::auth::secret(std::string(secrets::secret_key));
        o.credentials.security_token = hwbind::auth::secret(std::string(secrets::security_token));
    }
    // The fault itself is under test, not a retry past it, but for the whole-call deadline.
    o.retry.max_attempts = f.call_timeout != std::chrono::steady_clock::duration::zero() ? 3 : 1;
    o.call_timeout = f.call_timeout;
    o.transport.connect_timeout = connect_timeout;
    o.transport.request_timeout = f.connect_deadline ? request_timeout + 10 * slack : request_timeout;
    o.transport.max_response_body = max_response_body;
    o.transport.tls.ca_pem = tls.ca.cert_pem();
    o.on_request = [events](const hwbind::request_event& e) {
        std::lock_guard<std::mutex> lock(events->mutex);
        events->texts.push_back(std::string(e.url) + ' ' + std::string(e.request_id) + ' ' + e.ec.message());
    };
    return o;
}

// One call of hss::list_jobs in the pass's form, and all the text it produced.
struct outcome {
    error_code ec;
    std::optional<hss::list_jobs_response> response;
    std::string message;
    std::vector<std::string> texts;
    std::chrono::steady_clock::duration elapsed{};
};

outcome call_list_jobs(client& c, const pass& p)
{
    outcome r;
    diagnostics diag;
    captured_streams printed;
    const auto start = std::chrono::steady_clock::now();
    if (p.async) {
        // A callback, not use_future: that would complete on the system executor, whose
        // thread may still hold the operation (and work on the pool) when the future is ready.
        using result = std::pair<error_code, hss::list_jobs_response>;
        auto done = std::make_shared<std::promise<result>>();
        c.async_call<hss::list_jobs>({}, diag, [done](error_code ec, hss::list_jobs_response response) {
            done->set_value({ec, std::move(response)});
        });
        auto [ec, response] = done->get_future().get();
        r.ec = ec;
        if (!ec)
            r.response = std::move(response);
    } else {
        try {
            r.response = c.call<hss::list_jobs>({});
        } catch (const hwbind::error_with_diagnostics& e) {
            r.ec = e.code();
            diag = e.get_diagnostics();
            r.texts.emplace_back(e.what());
        }
    }
    r.elapsed = std::chrono::steady_clock::now() - start;
    r.message = diag.message();
    r.texts.push_back(diag.message());
    if (diag.api())
        r.texts.push_back(diag.api()->body);
    r.texts.push_back(printed.text());
    return r;
}

void check_fault(const pass& p, const fault_case& f, tls_contexts& tls)
{
    net::ssl::context* healthy_tls = f.https ? &tls.trusted : nullptr;
    const auto script = [&](std::size_t connection) {
        return connection == 1 && f.script ? *f.script : healthy(healthy_tls);
    };
    const auto listen = [&](std::uint16_t port) { return std::make_unique<fault_server>(script, port); };
    // With nothing listening, the next call's server takes the port the first call found closed.
    std::unique_ptr<fault_server> server = f.script ? listen(0) : nullptr;
    const std::uint16_t port = server ? server->port() : listen(0)->port();
    const std::string url = std::string(f.https ? "https" : "http") + "://127.0.0.1:" + std::to_string(port);

    auto events = std::make_shared<event_texts>();
    net::thread_pool pool(1);
    client c(pool.get_executor(), options_for(p, f, url, tls, events));

    const outcome failed = call_list_jobs(c, p);
    CHECK_MESSAGE(failed.ec.failed(), "the call succeeded");
    if (f.code)
        CHECK_MESSAGE(failed.ec == *f.code, failed.ec.message());
    CHECK_MESSAGE(failed.ec == f.kind, failed.ec.message());
    CHECK_MESSAGE(contains(failed.message, f.cause), failed.message);
    CHECK(failed.elapsed < (f.connect_deadline ? connect_timeout : request_timeout) + slack);
    if (server)
        CHECK_MESSAGE(server->wait_closed(server->accepted()), "the failed connection is still open");

    if (!server)
        server = listen(port);
    const outcome next = call_list_jobs(c, p);
    REQUIRE_MESSAGE(!next.ec, next.message);
    REQUIRE(next.response);
    CHECK(next.response->job_info_list.at(0).name == "healthy");

    // The credentials went out, to this server alone, and nothing reported them.
    const hwbind::test::request sent = server->received().back();
    CHECK(contains(sent[p.async ? "X-Auth-Token" : "X-Security-Token"], secrets::marker));
    std::vector<std::string> texts = failed.texts;
    texts.insert(texts.end(), next.texts.begin(), next.texts.end());
    {
        std::lock_guard<std::mutex> lock(events->mutex);
        CHECK(events->texts.size() == 2);
        texts.insert(texts.end(), events->texts.begin(), events->texts.end());
    }
    for (const std::string& text : texts) {
        INFO(text);
        CHECK_FALSE(contains(text, secrets::marker));
    }
    pool.join(); // waits for the operations to let go of the pool, before the client goes
}

} // namespace

TEST_CASE("faults: each fails typed and in time, leaks no secret, and the client recovers")
{
    tls_contexts tls;
    // The other host of the redirect: it must never be called.
    fault_server elsewhere([](std::size_t) { return fault_script{}; });
    for (const pass& p : passes) {
        for (const fault_case& f : fault_cases(tls, elsewhere.port())) {
            const std::string name = std::string(p.name) + ": " + f.name;
            INFO(name);
            check_fault(p, f, tls);
        }
    }
    CHECK(elsewhere.accepted() == 0);
}

// ---- deadlines that the table cannot set up -------------------------------------------------

namespace {

// A client of `url` for the deadline cases: one attempt unless told, IAM token.
client_options deadline_options(const std::string& url)
{
    client_options o;
    o.endpoint = url;
    o.credentials.project_id = "proj-f";
    o.credentials.iam_token = hwbind::auth::secret(std::string(secrets::iam_token));
    o.retry.max_attempts = 1;
    o.transport.connect_timeout = connect_timeout;
    o.transport.request_timeout = request_timeout + 10 * slack; // far off: another deadline must end the call
    return o;
}

} // namespace

TEST_CASE("faults: a connect that hangs fails with the connect deadline, naming where it went")
{
    // A listener that never accepts, its queue filled (backlog 0) by connections of its own:
    // the kernel then drops further SYNs, so the client's connect hangs until its deadline.
    using tcp = net::ip::tcp;
    net::io_context io;
    tcp::acceptor full(io);
    full.open(tcp::v4());
    full.bind(tcp::endpoint(net::ip::make_address_v4("127.0.0.1"), 0));
    full.listen(0);
    const std::uint16_t port = full.local_endpoint().port();
    // Asynchronous connects start at once and are never waited for (`io` never runs): a
    // blocking one would wait for the acceptance that never comes.
    std::vector<tcp::socket> fillers;
    for (int i = 0; i < 4; ++i)
        fillers.emplace_back(io).async_connect(full.local_endpoint(), [](error_code) {});
    const std::string url = "http://127.0.0.1:" + std::to_string(port);
    for (const pass& p : passes) {
        INFO(p.name);
        net::thread_pool pool(1);
        client c(pool.get_executor(), deadline_options(url));
        const outcome r = call_list_jobs(c, p);
        CHECK_MESSAGE(r.ec == error::connect_timeout, r.ec.message());
        CHECK(r.ec == condition::transport_error);
        CHECK(r.message == "GET " + url + "/v5/proj-f/kubernetes/jobs?limit=10: connect timed out after 0.25 s to "
                               "127.0.0.1:" + std::to_string(port));
        CHECK(r.elapsed < connect_timeout + slack);
        pool.join();
    }
}

TEST_CASE("faults: the whole-call deadline ends an attempt whose own deadline is later")
{
    fault_script silent;
    silent.hold = true;
    fault_server server([&](std::size_t) { return silent; });
    for (const pass& p : passes) {
        INFO(p.name);
        client_options o = deadline_options("http://127.0.0.1:" + std::to_string(server.port()));
        o.call_timeout = 300ms;
        o.retry.max_attempts = 3;
        net::thread_pool pool(1);
        client c(pool.get_executor(), o);
        const outcome r = call_list_jobs(c, p);
        CHECK_MESSAGE(r.ec == error::timeout, r.ec.message());
        CHECK(contains(r.message, ": call deadline expired: call_timeout is 0.3 s"));
        CHECK(r.elapsed < 300ms + slack);
        pool.join();
    }
}

// ---- retries by method --------------------------------------------------------------------

namespace {

// A complete answer with `status_line` and an empty JSON object, closing the connection.
fault_script answers(std::string_view status_line)
{
    return sends(raw_response(status_line, "Content-Type: application/json\r\nConnection: close\r\n", "{}"));
}

// What one run of a retry case saw.
struct resend_run {
    error_code ec;                    // of the last call
    std::size_t requests = 0;         // the server read
    std::size_t connections = 0;      // the server accepted
    std::uint64_t replays = 0;        // by the transport
    std::vector<unsigned> attempts;   // of the client's hook events
};

// Calls testsvc::create_part (POST) or testsvc::ping (GET) `calls` times on one client with
// three attempts per call, against a server playing `script`; `between` runs after each call
// but the last. With a `port`, nothing listens until the first attempt has failed.
resend_run run_resend(const pass& p, bool post, const std::function<fault_script(std::size_t)>& script,
                      std::size_t calls = 1, const std::function<void(fault_server&)>& between = {},
                      std::uint16_t port = 0)
{
    auto server = std::make_shared<std::unique_ptr<fault_server>>();
    if (port == 0)
        *server = std::make_unique<fault_server>(script);
    client_options o;
    o.endpoint = "http://127.0.0.1:" + std::to_string(port != 0 ? port : (*server)->port());
    o.credentials.iam_token = hwbind::auth::secret(std::string(secrets::iam_token));
    o.retry.max_attempts = 3;
    o.retry.base_delay = 1ms;
    o.retry.max_delay = 5ms;
    o.transport.connect_timeout = connect_timeout;
    o.transport.request_timeout = request_timeout;
    // No probe before reuse: the exchange itself must find out that the server closed.
    o.transport.probe_idle_after = std::chrono::hours(1);
    auto attempts = std::make_shared<std::vector<unsigned>>();
    // One call at a time, so no lock; with nothing listening yet, the hook starts the server
    // once the first attempt has failed, before the wait for the next.
    o.on_request = [attempts, server, script, port](const hwbind::request_event& e) {
        attempts->push_back(e.attempt);
        if (*server == nullptr)
            *server = std::make_unique<fault_server>(script, port);
    };

    net::thread_pool pool(1);
    client c(pool.get_executor(), o);
    resend_run run;
    for (std::size_t i = 0; i < calls; ++i) {
        testsvc::empty_response out;
        diagnostics diag;
        if (!p.async) {
            if (post)
                c.call<testsvc::create_part>({}, out, run.ec, diag);
            else
                c.call<testsvc::ping>({}, out, run.ec, diag);
        } else {
            auto done = std::make_shared<std::promise<error_code>>();
            const auto completion = [done](error_code ec, testsvc::empty_response) { done->set_value(ec); };
            if (post)
                c.async_call<testsvc::create_part>({}, diag, completion);
            else
                c.async_call<testsvc::ping>({}, diag, completion);
            run.ec = done->get_future().get();
        }
        if (i + 1 < calls && between)
            between(**server);
    }
    pool.join();
    if (*server != nullptr) {
        run.requests = (*server)->received().size();
        run.connections = (*server)->accepted();
    }
    run.replays = c.stats().replays;
    run.attempts = *attempts;
    return run;
}

} // namespace

TEST_CASE("faults: a POST is never sent again once its bytes may have reached the server")
{
    // Each fault hits the first connection; later ones answer.
    struct fault {
        const char* name;
        fault_script first;
        std::size_t calls; // the last one meets the fault
        bool get_recovers; // a GET is sent again (by the client or the transport) and succeeds
    };
    fault_script reset = sends("");
    reset.reset = true;
    fault_script silent;
    silent.hold = true;
    fault_script pooled_then_closed = sends(""); // answers once, reads the next request, closes
    pooled_then_closed.answers = {keep_alive_answer("HTTP/1.1 200 OK")};
    const fault faults[] = {
        {"a reset after the request was written", reset, 1, true},
        {"a close after the request was written", sends(""), 1, true},
        {"no answer before the deadline", silent, 1, false}, // nor is a GET sent again
        {"a pooled connection closed after the request was written", pooled_then_closed, 2, true},
        {"502 from a gateway", answers("HTTP/1.1 502 Bad Gateway"), 1, true},
        {"504 from a gateway", answers("HTTP/1.1 504 Gateway Timeout"), 1, true},
    };
    for (const pass& p : passes) {
        for (const fault& f : faults) {
            const std::string name = std::string(p.name) + ": " + f.name;
            INFO(name);
            const auto script = [&f](std::size_t connection) {
                return connection == 1 ? f.first : answers("HTTP/1.1 201 Created");
            };
            const resend_run post = run_resend(p, true, script, f.calls);
            CHECK(post.ec.failed());
            CHECK(post.requests == f.calls); // the POST went out once
            CHECK(post.connections == 1);
            CHECK(post.replays == 0);
            CHECK(post.attempts.back() == 1);

            const resend_run get = run_resend(p, false, script, f.calls);
            CHECK(get.ec.failed() == !f.get_recovers);
            CHECK(get.requests == f.calls + (f.get_recovers ? 1 : 0));
        }
    }
}

TEST_CASE("faults: a POST is sent again when it provably was not sent, or the server did not act")
{
    const auto answer_later = [](fault_script first) {
        return [first](std::size_t connection) { return connection == 1 ? first : answers("HTTP/1.1 201 Created"); };
    };
    for (const pass& p : passes) {
        INFO(p.name);
        SUBCASE("after 503 and 429")
        {
            for (const char* status : {"HTTP/1.1 503 Service Unavailable", "HTTP/1.1 429 Too Many Requests"}) {
                INFO(status);
                const resend_run run = run_resend(p, true, answer_later(answers(status)));
                CHECK_MESSAGE(!run.ec, run.ec.message());
                CHECK(run.requests == 2);
                CHECK(run.attempts == std::vector<unsigned>{1, 2});
            }
        }
        SUBCASE("after a refused connection")
        {
            const std::uint16_t port = std::make_unique<fault_server>([](std::size_t) { return fault_script{}; })->port();
            const resend_run run = run_resend(p, true, answer_later(answers("HTTP/1.1 201 Created")), 1, {}, port);
            CHECK_MESSAGE(!run.ec, run.ec.message());
            CHECK(run.requests == 1); // the only one that reached a server
            CHECK(run.attempts == std::vector<unsigned>{1, 2});
        }
        SUBCASE("on a pooled connection the server reset before the request was written")
        {
            // The server answers the first call, then, on the test's cue, resets the connection
            // before the second call writes anything: that write fails having sent no byte.
            std::promise<void> cue;
            fault_script first = sends("");
            first.answers = {keep_alive_answer("HTTP/1.1 201 Created")};
            first.read_request = false;
            first.end_when = cue.get_future().share();
            first.reset = true;
            const resend_run run = run_resend(p, true, answer_later(first), 2, [&](fault_server& server) {
                cue.set_value();
                // The listener's close sends the reset, which loopback delivers within it.
                REQUIRE(server.wait_closed(1));
            });
            CHECK_MESSAGE(!run.ec, run.ec.message());
            CHECK(run.requests == 2);
            CHECK(run.connections == 2);
            CHECK(run.replays == 1);                            // sent again by the transport
            CHECK(run.attempts == std::vector<unsigned>{1, 1}); // not by the client
        }
    }
}

TEST_CASE("faults: a credential holding CR, LF or NUL is refused before sending, and not quoted")
{
    fault_server server([](std::size_t) { return healthy(nullptr); });
    const std::string bad_tails[] = {"\r\nX-Injected: 1", "\n", std::string("\0", 1)};
    for (const std::string& tail : bad_tails) {
        for (const char* credential : {"access key", "security token", "IAM token"}) {
            INFO(credential);
            client_options o;
            o.endpoint = "http://127.0.0.1:" + std::to_string(server.port());
            o.credentials.project_id = "proj-f";
            if (std::string_view(credential) == "IAM token") {
                o.credentials.iam_token = hwbind::auth::secret(std::string(secrets::iam_token) + tail);
            } else {
                o.credentials.access_key = "HWBINDFAULTACCESSKEY";
                o.credentials.secret_key = hwbind::auth::secret(std::string(secrets::secret_key));
                if (std::string_view(credential) == "access key")
                    o.credentials.access_key += tail;
                else
                    o.credentials.security_token = hwbind::auth::secret(std::string(secrets::security_token) + tail);
            }
            client c(o);
            hss::list_jobs_response out;
            error_code ec;
            diagnostics diag;
            c.call<hss::list_jobs>({}, out, ec, diag);
            CHECK(ec == error::invalid_header_value);
            CHECK(ec == condition::invalid_request);
            CHECK_FALSE(contains(diag.message(), secrets::marker));
            CHECK_FALSE(contains(diag.message(), "X-Injected"));
        }
    }
    CHECK(server.accepted() == 0);
}

TEST_CASE("faults: errors of the layers below the transport are transport errors")
{
    const error_code below[] = {
        net::error::connection_refused,     // system
        net::error::host_not_found,         // netdb
        net::error::service_not_found,      // addrinfo
        net::error::eof,                    // misc
        net::ssl::error::stream_truncated,  // ssl stream
        error_code(static_cast<int>(ERR_PACK(ERR_LIB_SSL, 0, SSL_R_CERTIFICATE_VERIFY_FAILED)),
                   net::error::get_ssl_category()),
        boost::beast::http::error::bad_chunk,
    };
    for (const error_code& ec : below) {
        const std::string name = std::string(ec.category().name()) + ": " + ec.message();
        INFO(name);
        CHECK(ec == condition::transport_error);
        CHECK(ec != condition::invalid_response);
        CHECK(ec != condition::service_error);
        CHECK(ec != condition::invalid_request);
    }
    // Cancellation is the caller's own doing; the library's errors keep their classes.
    CHECK(error_code(net::error::operation_aborted) != condition::transport_error);
    CHECK(error_code(error::timeout) == condition::transport_error);
    CHECK(error_code(error::invalid_json) != condition::transport_error);
    CHECK(error_code(error::invalid_json) == condition::invalid_response);
    CHECK(error_code(error::api_error) == condition::service_error);
    CHECK(error_code(boost::system::errc::io_error, boost::system::generic_category()) !=
          condition::transport_error);
}

TEST_CASE("faults: infinity and NaN in an any_value are encoded as null, JSON having neither")
{
    boost::json::value v = boost::json::parse(R"({"a":[1.5,2,{"b":0}],"c":"x"})");
    v.as_object()["a"].as_array()[2].as_object()["b"] = std::numeric_limits<double>::quiet_NaN();
    v.as_object()["d"] = -std::numeric_limits<double>::infinity();
    const hwbind::meta::any_value held(v);
    CHECK(held.to_json() == R"({"a":[1.5E0,2,{"b":null}],"c":"x","d":null})");
    CHECK(held.to_text() == held.to_json());
    CHECK(hwbind::meta::any_value(std::numeric_limits<double>::infinity()).to_json() == "null");
    CHECK(held.json().as_object().at("d").is_double()); // the value itself is left as it is

    // What encode writes is JSON again.
    std::string encoded;
    hwbind::encode(held, encoded);
    CHECK(encoded == held.to_json());
    error_code ec;
    boost::json::parse(encoded, ec);
    CHECK_FALSE(ec);

    // Finite values are written exactly as before.
    const hwbind::meta::any_value finite(boost::json::parse(R"([1.25,-3,"s",null,true])"));
    CHECK(finite.to_json() == boost::json::serialize(finite.json()));
}

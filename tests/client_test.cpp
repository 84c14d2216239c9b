// Tests of the client (include/hwbind/runtime/client/client.hpp and pagination.hpp): endpoint
// resolution, authentication checked by an independent signature implementation on the
// server side, keep-alive, retries and Retry-After, deadlines, response classes, pagination
// over the four generated list endpoints in every form (sync range, sync walker, callback,
// future; the coroutine form is in client_coroutine_test.cpp, built as C++20), concurrent
// use, and that no secret ever reaches a message, an exception or a hook event.
#include <hwbind/runtime/client/client.hpp>
#include <hwbind/runtime/client/pagination.hpp>
#include <hwbind/runtime/client/service_endpoint.hpp>
#include <hwbind/services/all.hpp>

#include "support/api_server.hpp"
#include "support/signature_check.hpp"
#include "support/test_operations.hpp"
#include "support/test_server.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using boost::system::error_code;
using hwbind::client;
using hwbind::client_options;
using hwbind::condition;
using hwbind::diagnostics;
using hwbind::error;
using hwbind::error_with_diagnostics;
using hwbind::request_event;
using hwbind::test::api_credentials;
using hwbind::test::api_server;
using hwbind::test::four_lists;
using hwbind::test::json_reply;
using hwbind::test::reply;
using hwbind::test::request;
using hwbind::test::request_info;
using namespace std::chrono_literals;

namespace net = boost::asio;
namespace http = boost::beast::http;
namespace sig = hwbind::test::sig;
namespace coc = hwbind::coc;
namespace hss = hwbind::hss;
namespace swr = hwbind::swr;
namespace testsvc = hwbind::testsvc;

namespace {

// Every secret of these tests holds this marker, so that a leak anywhere is one search away.
constexpr std::string_view secret_marker = "TOPSECRET";
const std::string access_key = "HWBINDTESTACCESSKEY1";
const std::string secret_key = "TOPSECRET-sk-9f8e7d6c5b4a39281706";
const std::string iam_token = "TOPSECRET-token-1a2b3c4d5e6f";

bool leaks(std::string_view text) { return text.find(secret_marker) != std::string_view::npos; }

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool ends_with(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

api_credentials server_credentials() { return {access_key, secret_key, "X-Auth-Token", iam_token}; }

// A copy of a request_event that outlives the hook call.
struct recorded_event {
    std::string service, operation, url, request_id;
    hwbind::meta::http_method method{};
    unsigned status = 0;
    unsigned attempt = 0;
    error_code ec;
    std::chrono::steady_clock::duration latency{}, retry_delay{};
    bool will_retry = false;
    hwbind::auth_method auth{};
    std::string credential_source;
};

// Records the events of a client's hook, from any thread.
class event_log {
public:
    hwbind::request_hook hook()
    {
        return [state = state_](const request_event& e) {
            recorded_event r{std::string(e.service), std::string(e.operation), std::string(e.url),
                             std::string(e.request_id), e.method, e.status, e.attempt, e.ec, e.latency,
                             e.retry_delay, e.will_retry, e.auth, std::string(e.credential_source)};
            std::lock_guard<std::mutex> lock(state->mutex);
            state->events.push_back(std::move(r));
        };
    }

    std::vector<recorded_event> events() const
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        return state_->events;
    }

private:
    struct state {
        std::mutex mutex;
        std::vector<recorded_event> events;
    };
    std::shared_ptr<state> state_ = std::make_shared<state>();
};

// A time and its `X-Sdk-Date`.
const std::chrono::system_clock::time_point signing_time{std::chrono::seconds(1573789015)}; // 2019-11-15 03:36:55Z

// A body of hss list_jobs with `n` jobs named job-0...
std::string hss_jobs_body(std::size_t n)
{
    std::string body = "{\"total_num\":" + std::to_string(n) + ",\"job_info_list\":[";
    for (std::size_t i = 0; i < n; ++i)
        body += (i == 0 ? "" : ",") + std::string("{\"name\":\"job-") + std::to_string(i) + "\",\"pods_num\":1}";
    return body + "]}";
}

// The port of a server that no longer listens.
std::uint16_t closed_port()
{
    hwbind::test::test_server gone([](const request&, const request_info&) { return hwbind::test::ok(""); });
    return gone.port();
}


// ---- pagination in each form -------------------------------------------------------------

template <class Op>
using item_of = typename hwbind::page_walker<Op>::item_type;

template <class Op, class Key>
std::vector<std::string> by_range(client& c, const typename Op::request_type& req, Key key)
{
    std::vector<std::string> out;
    for (const auto& item : c.all_items<Op>(req))
        out.push_back(key(item));
    return out;
}

template <class Op, class Key>
std::vector<std::string> by_walker(client& c, const typename Op::request_type& req, Key key)
{
    std::vector<std::string> out;
    auto walker = c.pages<Op>(req);
    typename Op::response_type page;
    error_code ec;
    diagnostics diag;
    while (walker.next(page, ec, diag)) {
        for (const auto& item : page.*Op::pagination::items)
            out.push_back(key(item));
    }
    CHECK_MESSAGE(!ec, diag.message());
    CHECK(walker.done());
    return out;
}

template <class Op, class Key>
std::vector<std::string> by_callback(client& c, const typename Op::request_type& req, Key key)
{
    std::vector<std::string> out;
    auto walker = c.pages<Op>(req);
    std::promise<error_code> finished;
    std::function<void()> step = [&] {
        walker.async_next([&](error_code ec, std::optional<typename Op::response_type> page) {
            if (ec || !page) {
                finished.set_value(ec);
                return;
            }
            for (const auto& item : (*page).*Op::pagination::items)
                out.push_back(key(item));
            step();
        });
    };
    step();
    const error_code ec = finished.get_future().get();
    CHECK_MESSAGE(!ec, walker.diag().message());
    return out;
}

template <class Op, class Key>
std::vector<std::string> by_future(client& c, const typename Op::request_type& req, Key key)
{
    std::vector<std::string> out;
    auto walker = c.pages<Op>(req);
    while (auto page = walker.async_next(net::use_future).get()) {
        for (const auto& item : (*page).*Op::pagination::items)
            out.push_back(key(item));
    }
    return out;
}

std::vector<std::string> numbered(std::string_view prefix, std::size_t n)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(std::string(prefix) + std::to_string(i));
    return out;
}

// Walks `req` of `Op` in the four forms; each gives `expected`, in `requests` calls.
template <class Op, class Key>
void check_all_forms(client& c, const api_server& server, const typename Op::request_type& req, Key key,
                     const std::vector<std::string>& expected, std::size_t requests)
{
    INFO(std::string(Op::name));
    std::size_t before = server.request_count();
    CHECK(by_range<Op>(c, req, key) == expected);
    CHECK(server.request_count() - before == requests);
    before = server.request_count();
    CHECK(by_walker<Op>(c, req, key) == expected);
    CHECK(server.request_count() - before == requests);
    before = server.request_count();
    CHECK(by_callback<Op>(c, req, key) == expected);
    CHECK(server.request_count() - before == requests);
    before = server.request_count();
    CHECK(by_future<Op>(c, req, key) == expected);
    CHECK(server.request_count() - before == requests);
}

const auto document_key = [](const coc::document_info& d) { return d.document_id.value_or("?"); };
const auto task_key = [](const coc::scheduled_task_basic_info& t) { return t.id.value_or("?"); };
const auto hss_key = [](const hss::serverless_job_info& j) { return j.name.value_or("?"); };
const auto swr_key = [](const swr::job_detail& j) { return j.id.value_or("?"); };

} // namespace

// ---- the test server's own signature check -----------------------------------------------

TEST_CASE("client: the test server's signature check reproduces the published vectors")
{
    // Vector 1, the signing guide's example.
    sig::message m;
    m.method = "GET";
    m.target = "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0";
    m.headers = {{"host", "service.region.example.com"},
                 {"content-type", "application/json"},
                 {"x-sdk-date", "20191115T033655Z"}};
    const std::string canonical = sig::canonical_request(m, {"content-type", "host", "x-sdk-date"});
    CHECK(sig::sha256_hex(canonical) == "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
    const std::string sk1 = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";
    const std::string signature1 = sig::hmac_sha256_hex(sk1, sig::string_to_sign("20191115T033655Z", canonical));
    CHECK(signature1 == "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");
    m.headers["authorization"] = "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, "
                                 "SignedHeaders=content-type;host;x-sdk-date, Signature=" + signature1;
    CHECK(sig::verify(m, "QTWAOYTTINDUT2QVKYUC", sk1).empty());
    CHECK(sig::verify(m, "QTWAOYTTINDUT2QVKYUC", "another-secret") == "signature mismatch");
    CHECK(sig::verify(m, "SOMEONE-ELSE", sk1) == "unknown access key");

    // Vectors 2 and 3, the Go SDK's unit tests: only X-Sdk-Date signed.
    sig::message get{"GET", "/path?limit=1", {{"x-sdk-date", "20060102T150405Z"}}, ""};
    CHECK(sig::hmac_sha256_hex("SecretKey", sig::string_to_sign("20060102T150405Z",
                                                                sig::canonical_request(get, {"x-sdk-date"}))) ==
          "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624");
    sig::message post{"POST", "/path?key=value", {{"x-sdk-date", "20060102T150405Z"}},
                      "{\"Name\":\"test\",\"Id\":1}\n"};
    CHECK(sig::hmac_sha256_hex("SecretKey", sig::string_to_sign("20060102T150405Z",
                                                                sig::canonical_request(post, {"x-sdk-date"}))) ==
          "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59");
}

// ---- authentication ----------------------------------------------------------------------

TEST_CASE("client: a signed call round trip, verified by the server")
{
    api_server server(server_credentials(), [](const request&, const request_info&) {
        return json_reply(http::status::ok, hss_jobs_body(2));
    });
    client_options o = hwbind::test::client_options_for(server.url(), server_credentials());
    o.clock = [] { return signing_time; };
    client c(o);

    const hss::list_jobs_response out = c.call<hss::list_jobs>({});
    REQUIRE(out.job_info_list.size() == 2);
    CHECK(out.job_info_list[1].name == "job-1");
    CHECK(out.total_num == 2);
    CHECK(server.rejections().empty());

    const request sent = server.received().at(0);
    CHECK(sent.target() == "/v5/proj-1/kubernetes/jobs?limit=10");
    CHECK(sent["X-Sdk-Date"] == "20191115T033655Z");
    CHECK(sent["X-Project-Id"] == "proj-1");
    CHECK(sent["Host"] == "127.0.0.1:" + std::to_string(server.port()));
    const std::string authorization = "SDK-HMAC-SHA256 Access=" + access_key +
                                      ", SignedHeaders=host;x-project-id;x-sdk-date, Signature=";
    CHECK(starts_with(std::string(sent["Authorization"]), authorization));

    // The error_code form: success clears both.
    hss::list_jobs_response again;
    error_code ec = error::timeout;
    diagnostics diag;
    diag.set_message("stale");
    hss::list_jobs_request req;
    req.job_name = "a b&c";
    c.call<hss::list_jobs>(req, again, ec, diag);
    CHECK(!ec);
    CHECK(diag.message().empty());
    CHECK(again.job_info_list.size() == 2);
    CHECK(server.rejections().empty());
}

TEST_CASE("client: a wrong secret gets 401, reported without the secret")
{
    api_server server(server_credentials(), [](const request&, const request_info&) {
        return json_reply(http::status::ok, hss_jobs_body(1));
    });
    client_options o = hwbind::test::client_options_for(server.url(), server_credentials());
    o.credentials.secret_key = hwbind::auth::secret("TOPSECRET-a-wrong-secret");
    event_log log;
    o.on_request = log.hook();
    client c(o);

    hss::list_jobs_response out;
    error_code ec;
    diagnostics diag;
    c.call<hss::list_jobs>({}, out, ec, diag);
    CHECK(ec == error::api_error);
    CHECK(ec == condition::service_error);
    REQUIRE(diag.api());
    CHECK(diag.api()->http_status == 401);
    CHECK(diag.api()->error_code == "APIGW.0301");
    CHECK(diag.api()->request_id == "req-1");
    CHECK(diag.message() ==
          "HTTP 401 APIGW.0301: Incorrect IAM authentication information: signature mismatch (request id req-1)");
    CHECK(server.request_count() == 1); // 401 is not retried
    CHECK(!leaks(diag.message()));
    CHECK(!leaks(diag.api()->body));

    try {
        c.call<hss::list_jobs>({});
        FAIL("no exception");
    } catch (const error_with_diagnostics& e) {
        CHECK(e.code() == error::api_error);
        CHECK(e.get_diagnostics().api()->http_status == 401);
        CHECK(!leaks(e.what()));
    }
    const auto events = log.events();
    REQUIRE(events.size() == 2);
    for (const recorded_event& e : events) {
        CHECK(e.status == 401);
        CHECK(e.ec == error::api_error);
        CHECK(!leaks(e.url));
        CHECK(!leaks(e.request_id));
    }
}

TEST_CASE("client: token authentication")
{
    api_server server(server_credentials(), [](const request&, const request_info&) {
        return json_reply(http::status::ok, hss_jobs_body(1));
    });
    client_options o;
    o.endpoint = server.url();
    o.credentials.iam_token = hwbind::auth::secret(iam_token);
    o.credentials.project_id = "proj-2";
    client c(o);

    CHECK(c.call<hss::list_jobs>({}).job_info_list.size() == 1);
    const request sent = server.received().at(0);
    CHECK(sent["X-Auth-Token"] == iam_token);
    CHECK(sent.find("Authorization") == sent.end());
    CHECK(sent.find("X-Sdk-Date") == sent.end());
    CHECK(sent.target() == "/v5/proj-2/kubernetes/jobs?limit=10");

    SUBCASE("a wrong token gets 401, reported without the token")
    {
        o.credentials.iam_token = hwbind::auth::secret("TOPSECRET-expired-token");
        client wrong(o);
        hss::list_jobs_response out;
        error_code ec;
        diagnostics diag;
        wrong.call<hss::list_jobs>({}, out, ec, diag);
        CHECK(ec == error::api_error);
        CHECK(diag.api()->http_status == 401);
        CHECK(!leaks(diag.message()));
    }
    SUBCASE("an operation that takes AK/SK only is not called with a token")
    {
        testsvc::delete_part_request req;
        req.part_id = "p";
        req.x_request_reason = "test";
        testsvc::empty_response out;
        error_code ec;
        diagnostics diag;
        c.call<testsvc::delete_part>(req, out, ec, diag);
        CHECK(ec == error::no_credentials);
        CHECK(diag.message() == "testsvc delete_part needs an access key pair (credentials: access_key=unset, "
                                "secret_key=unset, security_token=unset, project_id=pro..., iam_token=set)");
        CHECK(server.request_count() == 1);
    }
}

TEST_CASE("client: with both a key pair and a token, the rule and the event say which was used")
{
    api_server server(server_credentials(), [](const request&, const request_info&) {
        return json_reply(http::status::ok, hss_jobs_body(1));
    });
    event_log log;
    client_options o = hwbind::test::client_options_for(server.url(), server_credentials());
    o.on_request = log.hook();
    // A token the server would refuse: AK/SK signs, so it goes unused, and the event says so.
    o.credentials.iam_token = hwbind::auth::secret("TOPSECRET-wrong-token");
    client c(o);
    CHECK(c.call<hss::list_jobs>({}).job_info_list.size() == 1);
    const request sent = server.received().at(0);
    CHECK(sent.find("Authorization") != sent.end());
    CHECK(sent.find("X-Auth-Token") == sent.end());
    REQUIRE(log.events().size() == 1);
    CHECK(log.events()[0].auth == hwbind::auth_method::aksk);
    CHECK(log.events()[0].credential_source == "client_options");
    CHECK(hwbind::to_string(log.events()[0].auth) == "aksk");

    SUBCASE("the token alone is sent, and reported")
    {
        o.credentials.access_key.clear();
        o.credentials.iam_token = hwbind::auth::secret(iam_token);
        client token_only(o);
        CHECK(token_only.call<hss::list_jobs>({}).job_info_list.size() == 1);
        CHECK(log.events().back().auth == hwbind::auth_method::token);
    }
    SUBCASE("an operation without authentication reports none")
    {
        testsvc::empty_response out;
        error_code ec;
        diagnostics diag;
        c.call<testsvc::ping>({}, out, ec, diag);
        CHECK(log.events().back().auth == hwbind::auth_method::none);
        CHECK(log.events().back().credential_source.empty());
    }
}

TEST_CASE("client: credentials from a provider, ECS metadata against a fake service")
{
    // The metadata service hands out the server's key pair with a security token.
    hwbind::test::test_server metadata([](const request& req, const request_info&) {
        if (req.method() == http::verb::put)
            return hwbind::test::ok("session");
        return hwbind::test::ok(std::string("{\"credential\":{\"access\":\"") + access_key + "\",\"secret\":\"" +
                                secret_key + "\",\"securitytoken\":\"TOPSECRET-sts\",\"expires_at\":\"2200-01-01T00:00:00Z\"}}");
    });
    api_server server(server_credentials(), [](const request&, const request_info&) {
        return json_reply(http::status::ok, hss_jobs_body(1));
    });
    hwbind::ecs_metadata_options m;
    m.endpoint = "http://127.0.0.1:" + std::to_string(metadata.port());
    m.project_id = "meta-proj";
    event_log log;
    client_options o;
    o.endpoint = server.url();
    o.on_request = log.hook();
    o.credential_provider = std::make_shared<hwbind::ecs_metadata_credential_provider>(m);
    client c(o);

    CHECK(c.call<hss::list_jobs>({}).job_info_list.size() == 1);
    CHECK(c.call<hss::list_jobs>({}).job_info_list.size() == 1);
    CHECK(metadata.requests() == 2); // one fetch for both calls
    CHECK(server.rejections().empty());
    const request sent = server.received().at(0);
    CHECK(sent["X-Security-Token"] == "TOPSECRET-sts");
    CHECK(sent["X-Project-Id"] == "meta-proj");
    CHECK(sent.target() == "/v5/meta-proj/kubernetes/jobs?limit=10");
    CHECK(log.events().at(0).credential_source == "ecs_metadata");
    CHECK(log.events().at(0).auth == hwbind::auth_method::aksk);

    SUBCASE("a provider that fails fails the call before anything is sent")
    {
        hwbind::ecs_metadata_options gone = m;
        gone.endpoint = "http://127.0.0.1:" + std::to_string(closed_port());
        o.credential_provider = std::make_shared<hwbind::ecs_metadata_credential_provider>(gone);
        client failing(o);
        hss::list_jobs_response out;
        error_code ec;
        diagnostics diag;
        failing.call<hss::list_jobs>({}, out, ec, diag);
        CHECK(ec == condition::transport_error);
        CHECK(diag.message().find("ECS metadata credentials: PUT ") == 0);
        CHECK(server.request_count() == 2);
    }
}

TEST_CASE("client: without credentials the operation accepts, nothing is sent")
{
    api_server server(server_credentials(), [](const request&, const request_info&) {
        return json_reply(http::status::ok, hss_jobs_body(1));
    });
    client_options o;
    o.endpoint = server.url();
    client c(o);
    hss::list_jobs_request req;
    req.project_id = "proj-3";
    hss::list_jobs_response out;
    error_code ec;
    diagnostics diag;
    c.call<hss::list_jobs>(req, out, ec, diag);
    CHECK(ec == error::no_credentials);
    CHECK(ec == condition::invalid_request);
    CHECK(server.request_count() == 0);

    // An operation that takes no authentication goes without any.
    hwbind::test::test_server plain([](const request&, const request_info&) { return hwbind::test::ok("{}"); });
    o.endpoint = "http://127.0.0.1:" + std::to_string(plain.port());
    client anonymous(o);
    anonymous.call<testsvc::ping>({});
    CHECK(plain.requests() == 1);
    const request sent = plain.last_request();
    CHECK(sent.find("Authorization") == sent.end());
}

TEST_CASE("client: decode.lenient leaves out values of the wrong type, with warnings in the diagnostics")
{
    api_server server(server_credentials(), [](const request&, const request_info&) {
        return json_reply(http::status::ok,
                          R"({"total_num":2,"job_info_list":[{"name":"a","pods_num":"many"},{"name":"b","pods_num":3}]})");
    });
    client_options o = hwbind::test::client_options_for(server.url(), server_credentials());
    hss::list_jobs_request req;
    req.project_id = "proj-3";
    hss::list_jobs_response out;
    error_code ec;
    diagnostics diag;
    client(o).call<hss::list_jobs>(req, out, ec, diag);
    CHECK(ec == error::type_mismatch);
    CHECK(diag.message().find("job_info_list[0].pods_num: expected integer, got string") != std::string::npos);

    o.decode.lenient = true;
    std::size_t warnings_seen = 0;
    o.on_request = [&](const request_event& e) { warnings_seen = e.decode_warnings; };
    client(o).call<hss::list_jobs>(req, out, ec, diag);
    REQUIRE_MESSAGE(!ec, diag.message());
    REQUIRE(diag.warnings().size() == 1);
    CHECK(diag.warnings()[0].message() == "job_info_list[0].pods_num: expected integer, got string");
    CHECK(warnings_seen == 1);
    REQUIRE(out.job_info_list.size() == 2);
    CHECK_FALSE(out.job_info_list[0].pods_num);
    CHECK(out.job_info_list[1].pods_num == 3);
}

// ---- connections -------------------------------------------------------------------------

TEST_CASE("client: keep-alive connections are reused across calls")
{
    api_server server(server_credentials(), [](const request&, const request_info&) {
        return json_reply(http::status::ok, hss_jobs_body(1));
    });
    client c(hwbind::test::client_options_for(server.url(), server_credentials()));
    for (int i = 0; i < 5; ++i)
        c.call<hss::list_jobs>({});
    CHECK(server.request_count() == 5);
    CHECK(server.accepted() == 1);
    CHECK(c.stats().connections_reused == 4);
}

TEST_CASE("client: a connection the server closes between calls is survived")
{
    api_server server(server_credentials(), [](const request&, const request_info&) {
        reply r = json_reply(http::status::ok, hss_jobs_body(1));
        r.close_after = true; // unannounced: the client finds out on its next call
        return r;
    });
    event_log log;
    client_options o = hwbind::test::client_options_for(server.url(), server_credentials());
    o.on_request = log.hook();
    client c(o);
    for (int i = 0; i < 3; ++i)
        CHECK(c.call<hss::list_jobs>({}).job_info_list.size() == 1);
    CHECK(server.accepted() == 3);
    for (const recorded_event& e : log.events())
        CHECK(e.attempt == 1); // replaced by the transport, not retried by the client
}

// ---- retries -----------------------------------------------------------------------------

TEST_CASE("client: 503 then 200 succeeds, each attempt signed afresh and reported")
{
    api_server server(server_credentials(), [](const request&, const request_info&) {
        static std::atomic<int> n{0};
        if (n++ == 0)
            return json_reply(http::status::service_unavailable, hwbind::test::error_body("HSS.0503", "busy"));
        return json_reply(http::status::ok, hss_jobs_body(3));
    });
    event_log log;
    client_options o = hwbind::test::client_options_for(server.url(), server_credentials());
    o.on_request = log.hook();
    auto ticks = std::make_shared<std::atomic<int>>(0);
    o.clock = [ticks] { return signing_time + std::chrono::seconds(ticks->fetch_add(1)); };
    client c(o);

    hss::list_jobs_response out;
    error_code ec;
    diagnostics diag;
    c.call<hss::list_jobs>({}, out, ec, diag);
    CHECK(!ec);
    CHECK(diag.message().empty());
    CHECK(!diag.api());
    CHECK(out.job_info_list.size() == 3);

    const auto sent = server.received();
    REQUIRE(sent.size() == 2);
    CHECK(sent[0]["X-Sdk-Date"] == "20191115T033655Z");
    CHECK(sent[1]["X-Sdk-Date"] == "20191115T033656Z");
    CHECK(sent[0]["Authorization"] != sent[1]["Authorization"]);
    CHECK(server.rejections().empty()); // both signatures verify

    const auto events = log.events();
    REQUIRE(events.size() == 2);
    CHECK(events[0].attempt == 1);
    CHECK(events[0].status == 503);
    CHECK(events[0].ec == error::api_error);
    CHECK(events[0].will_retry);
    CHECK(events[0].request_id == "req-1");
    CHECK(events[1].attempt == 2);
    CHECK(events[1].status == 200);
    CHECK(!events[1].ec);
    CHECK(!events[1].will_retry);
    CHECK(events[1].request_id == "req-2");
    CHECK(events[1].service == "hss");
    CHECK(events[1].operation == "list_jobs");
    CHECK(events[1].method == hwbind::meta::http_method::get);
    CHECK(events[1].url == server.url() + "/v5/proj-1/kubernetes/jobs?limit=10");
    CHECK(events[1].latency > std::chrono::steady_clock::duration::zero());
}

TEST_CASE("client: Retry-After is honoured, capped by max_delay")
{
    // Each case answers 429 or 503 with `retry_after` once, then 200; the hook says what wait
    // the client chose, so no test depends on how long anything took.
    const auto wait_chosen = [](std::string retry_after, hwbind::retry_options retry,
                                std::function<std::chrono::system_clock::time_point()> clock = {}) {
        auto n = std::make_shared<std::atomic<int>>(0);
        api_server server(server_credentials(), [n, retry_after](const request&, const request_info&) {
            if ((*n)++ > 0)
                return json_reply(http::status::ok, hss_jobs_body(1));
            reply r = json_reply(http::status::too_many_requests, hwbind::test::error_body("APIGW.0308", "throttled"));
            r.message.set(http::field::retry_after, retry_after);
            return r;
        });
        event_log log;
        client_options o = hwbind::test::client_options_for(server.url(), server_credentials());
        o.retry = retry;
        o.on_request = log.hook();
        o.clock = std::move(clock);
        client c(o);
        c.call<hss::list_jobs>({});
        const auto events = log.events();
        REQUIRE(events.size() == 2);
        CHECK(events[1].attempt == 2);
        CHECK(server.request_count() == 2);
        return std::chrono::duration_cast<std::chrono::milliseconds>(events[0].retry_delay);
    };
    hwbind::retry_options slow;
    slow.base_delay = 10s; // the wait without Retry-After: the test would take 10 s
    slow.max_delay = 60s;
    slow.jitter = false;
    CHECK(wait_chosen("0", slow) == 0ms);

    hwbind::retry_options capped;
    capped.max_delay = 20ms;
    CHECK(wait_chosen("1", capped) == 20ms);
    CHECK(wait_chosen("3600", capped) == 20ms);

    // An HTTP-date, read against the client's clock.
    const std::chrono::system_clock::time_point at{std::chrono::seconds(1445412483)}; // 07:28:03
    CHECK(wait_chosen("Wed, 21 Oct 2015 07:28:03 GMT", slow, [at] { return at - 30ms; }) == 30ms);
    CHECK(wait_chosen("Wed, 21 Oct 2015 07:28:03 GMT", slow, [at] { return at + 1h; }) == 0ms);
}

TEST_CASE("client: what is retried, and the attempts in the message")
{
    auto status = std::make_shared<std::atomic<int>>(400);
    api_server server(server_credentials(), [status](const request&, const request_info&) {
        return json_reply(static_cast<http::status>(status->load()), hwbind::test::error_body("HSS.0001", "no"));
    });
    event_log log;
    client_options o = hwbind::test::client_options_for(server.url(), server_credentials());
    o.on_request = log.hook();
    client c(o);
    hss::list_jobs_response out;
    error_code ec;
    diagnostics diag;

    SUBCASE("400 is not retried")
    {
        c.call<hss::list_jobs>({}, out, ec, diag);
        CHECK(ec == error::api_error);
        CHECK(server.request_count() == 1);
        CHECK(diag.message() == "HTTP 400 HSS.0001: no (request id req-1)");
    }
    SUBCASE("503 is retried until max_attempts, and the message counts the attempts")
    {
        *status = 503;
        c.call<hss::list_jobs>({}, out, ec, diag);
        CHECK(ec == error::api_error);
        CHECK(diag.api()->http_status == 503);
        CHECK(diag.api()->request_id == "req-3");
        CHECK(server.request_count() == 3);
        CHECK(diag.message() ==
              "HTTP 503 HSS.0001: no (request id req-3) (after 3 attempts: 1. HTTP 503, 2. HTTP 503, 3. HTTP 503)");
        const auto events = log.events();
        REQUIRE(events.size() == 3);
        CHECK(events[0].will_retry);
        CHECK(events[1].will_retry);
        CHECK(!events[2].will_retry);
        CHECK(events[2].attempt == 3);
        CHECK(events[2].retry_delay == std::chrono::steady_clock::duration::zero());
    }
    SUBCASE("502, 504 and 429 are retried too")
    {
        for (int s : {502, 504, 429}) {
            *status = s;
            const std::size_t before = server.request_count();
            c.call<hss::list_jobs>({}, out, ec, diag);
            CHECK(server.request_count() - before == 3);
        }
    }
    SUBCASE("max_attempts 1 disables retries")
    {
        *status = 503;
        o.retry.max_attempts = 1;
        client once(o);
        once.call<hss::list_jobs>({}, out, ec, diag);
        CHECK(server.request_count() == 1);
        CHECK(diag.message() == "HTTP 503 HSS.0001: no (request id req-1)");
    }
    SUBCASE("POST is retried after 429 and 503 (the service did not act), not after 502 or 504")
    {
        for (const auto& [s, attempts] : {std::pair{503, 3u}, std::pair{429, 3u}, std::pair{502, 1u}, std::pair{504, 1u}}) {
            INFO(s);
            *status = s;
            const std::size_t before = server.request_count();
            testsvc::empty_response none;
            c.call<testsvc::create_part>({}, none, ec, diag);
            CHECK(ec == error::api_error);
            CHECK(server.request_count() - before == attempts);
        }
    }
    SUBCASE("a refused connection is retried, and reported with the attempts")
    {
        o.endpoint = "http://127.0.0.1:" + std::to_string(closed_port());
        client refused(o);
        refused.call<hss::list_jobs>({}, out, ec, diag);
        CHECK(ec == net::error::connection_refused);
        CHECK(starts_with(diag.message(), "GET " + o.endpoint + "/v5/proj-1/kubernetes/jobs?limit=10: "));
        const std::string refused_text = error_code(net::error::connection_refused).message();
        CHECK(ends_with(diag.message(), ": " + refused_text + " (after 3 attempts: 1. " + refused_text + ", 2. " + refused_text +
                                            ", 3. " + refused_text + ")"));
        const auto events = log.events();
        REQUIRE(events.size() == 3);
        CHECK(events[2].status == 0);
        CHECK(events[2].ec == net::error::connection_refused);
    }
}

TEST_CASE("client: a server that never answers fails with timeout, without retries")
{
    api_server server(server_credentials(), [](const request&, const request_info&) {
        reply r;
        r.stall = true;
        return r;
    });
    client_options o = hwbind::test::client_options_for(server.url(), server_credentials());
    o.transport.request_timeout = 300ms;
    client c(o);
    hss::list_jobs_response out;
    error_code ec;
    diagnostics diag;
    c.call<hss::list_jobs>({}, out, ec, diag);
    CHECK(ec == error::timeout);
    CHECK(ec == condition::transport_error);
    CHECK(diag.message() == "GET " + server.url() + "/v5/proj-1/kubernetes/jobs?limit=10: request deadline expired");
    CHECK(server.request_count() == 1);
}

// ---- responses ---------------------------------------------------------------------------

TEST_CASE("client: any 2xx is decoded, a bad body is invalid_response, redirects are errors")
{
    auto answer = std::make_shared<std::function<reply()>>();
    api_server server(server_credentials(), [answer](const request&, const request_info&) { return (*answer)(); });
    client c(hwbind::test::client_options_for(server.url(), server_credentials()));
    hss::list_jobs_response out;
    error_code ec;
    diagnostics diag;

    *answer = [] { return json_reply(http::status::created, hss_jobs_body(2)); };
    c.call<hss::list_jobs>({}, out, ec, diag);
    CHECK(!ec);
    CHECK(out.job_info_list.size() == 2);

    *answer = [] { return json_reply(http::status::ok, "{\"job_info_list\":[{\"pods_num\":\"many\"}]}"); };
    c.call<hss::list_jobs>({}, out, ec, diag);
    CHECK(ec == condition::invalid_response);
    CHECK(diag.message().find("job_info_list[0].pods_num") != std::string::npos);
    CHECK(server.request_count() == 2); // a bad body is not retried

    *answer = [] { return json_reply(http::status::ok, "<html>gateway</html>"); };
    c.call<hss::list_jobs>({}, out, ec, diag);
    CHECK(ec == error::invalid_json);

    *answer = [] {
        reply r = json_reply(http::status::found, "");
        r.message.set(http::field::location, "http://127.0.0.1:1/elsewhere");
        return r;
    };
    c.call<hss::list_jobs>({}, out, ec, diag);
    CHECK(ec == error::api_error);
    CHECK(diag.api()->http_status == 302);
    CHECK(server.request_count() == 4); // not followed

    // 204 has no body to decode; and success after a failed attempt reports no error.
    *answer = [n = std::make_shared<int>(0)] {
        return json_reply((*n)++ == 0 ? http::status::service_unavailable : http::status::no_content, "");
    };
    testsvc::delete_part_request del;
    del.part_id = "p-1";
    del.x_request_reason = "cleanup";
    testsvc::empty_response none;
    c.call<testsvc::delete_part>(del, none, ec, diag);
    CHECK(!ec);
    CHECK(diag.message().empty());
    CHECK(server.request_count() == 6);
    CHECK(server.received().back().method() == http::verb::delete_);
}

// ---- asynchronous forms ------------------------------------------------------------------

TEST_CASE("client: async_call with a callback, a future and deferred")
{
    api_server server(server_credentials(), [](const request&, const request_info&) {
        return json_reply(http::status::ok, hss_jobs_body(4));
    });
    net::io_context io;
    client c(io.get_executor(), hwbind::test::client_options_for(server.url(), server_credentials()));
    diagnostics diag;

    std::optional<std::size_t> got;
    c.async_call<hss::list_jobs>({}, diag, [&](error_code ec, hss::list_jobs_response r) {
        CHECK(!ec);
        got = r.job_info_list.size();
    });
    CHECK(!got); // never inside the initiating function
    io.run();
    CHECK(got == 4u);

    // An error found before any I/O is delivered through the completion too.
    diagnostics bad_diag;
    hss::list_jobs_request bad;
    bad.limit = 5; // below the documented minimum
    error_code bad_ec;
    bool completed = false;
    c.async_call<hss::list_jobs>(bad, bad_diag, [&](error_code ec, hss::list_jobs_response) {
        bad_ec = ec;
        completed = true;
    });
    CHECK(!completed);
    io.restart();
    io.run();
    CHECK(completed);
    CHECK(bad_ec == error::out_of_range);
    CHECK(bad_diag.message().find("limit") != std::string::npos);

    // A deferred operation holds the built request, not a reference to the request value.
    auto op = [&] {
        hss::list_jobs_request temporary;
        temporary.job_name = "deferred";
        return c.async_call<hss::list_jobs>(temporary, diag, net::deferred);
    }();
    std::optional<std::size_t> deferred_got;
    std::move(op)([&](error_code ec, hss::list_jobs_response r) {
        CHECK(!ec);
        deferred_got = r.job_info_list.size();
    });
    io.restart();
    io.run();
    CHECK(deferred_got == 4u);
    CHECK(server.received().back().target() == "/v5/proj-1/kubernetes/jobs?job_name=deferred&limit=10");

    // use_future, with the executor run by a thread pool.
    net::thread_pool pool(2);
    client pooled(pool.get_executor(), hwbind::test::client_options_for(server.url(), server_credentials()));
    auto future = pooled.async_call<hss::list_jobs>({}, diag, net::use_future);
    CHECK(future.get().job_info_list.size() == 4);
    auto failing = pooled.async_call<hss::list_jobs>(bad, bad_diag, net::use_future);
    CHECK_THROWS_AS(failing.get(), boost::system::system_error);
    pool.join();
}

TEST_CASE("client: async retries wait on a timer and report the attempts")
{
    auto n = std::make_shared<std::atomic<int>>(0);
    api_server server(server_credentials(), [n](const request&, const request_info&) {
        if ((*n)++ < 2)
            return json_reply(http::status::bad_gateway, hwbind::test::error_body("GW", "bad gateway"));
        return json_reply(http::status::ok, hss_jobs_body(1));
    });
    event_log log;
    client_options o = hwbind::test::client_options_for(server.url(), server_credentials());
    o.on_request = log.hook();
    net::io_context io;
    client c(io.get_executor(), o);
    diagnostics diag;
    error_code result = error::timeout;
    c.async_call<hss::list_jobs>({}, diag, [&](error_code ec, hss::list_jobs_response) { result = ec; });
    io.run();
    CHECK(!result);
    CHECK(server.request_count() == 3);
    REQUIRE(log.events().size() == 3);
    CHECK(log.events()[2].attempt == 3);

    // All attempts failing: the attempts are counted in the completion's diagnostics.
    *n = -100;
    c.async_call<hss::list_jobs>({}, diag, [&](error_code ec, hss::list_jobs_response) { result = ec; });
    io.restart();
    io.run();
    CHECK(result == error::api_error);
    CHECK(ends_with(diag.message(), "(after 3 attempts: 1. HTTP 502, 2. HTTP 502, 3. HTTP 502)"));
}

TEST_CASE("client: per-operation cancellation stops a wait between attempts")
{
    api_server server(server_credentials(), [](const request&, const request_info&) {
        reply r = json_reply(http::status::service_unavailable, hwbind::test::error_body("X", "later"));
        r.message.set(http::field::retry_after, "30");
        return r;
    });
    net::io_context io;
    net::cancellation_signal cancel;
    client_options o = hwbind::test::client_options_for(server.url(), server_credentials());
    o.retry.max_delay = 60s;
    // Cancels once the client has started waiting: posted from the hook, which runs just
    // before the wait begins, on the same single-threaded context.
    o.on_request = [&](const request_event& e) {
        if (e.will_retry)
            net::post(io, [&] { cancel.emit(net::cancellation_type::terminal); });
    };
    client c(io.get_executor(), o);
    diagnostics diag;
    error_code result;
    const auto done = [&](error_code ec, hss::list_jobs_response) { result = ec; };
    c.async_call<hss::list_jobs>({}, diag, net::bind_cancellation_slot(cancel.slot(), done));
    io.run();
    CHECK(result == net::error::operation_aborted); // not api_error after 30 s
    CHECK(diag.message() == "cancelled while waiting to retry");
    CHECK(server.request_count() == 1);
}

// ---- pagination --------------------------------------------------------------------------

TEST_CASE("client: pagination over the four endpoints; range, walker, callback and future agree")
{
    api_server server(server_credentials(), four_lists{});
    net::thread_pool pool(2);
    client c(pool.get_executor(), hwbind::test::client_options_for(server.url(), server_credentials()));

    coc::list_documents_request documents;
    documents.limit = 3;
    check_all_forms<coc::list_documents>(c, server, documents, document_key, numbered("doc-", 8), 3);

    coc::list_scheduled_tasks_request tasks;
    tasks.limit = 3;
    check_all_forms<coc::list_scheduled_tasks>(c, server, tasks, task_key, numbered("task-", 7), 3);

    check_all_forms<hss::list_jobs>(c, server, {}, hss_key, numbered("hss-job-", 25), 3);

    swr::list_instance_jobs_request swr_jobs;
    swr_jobs.limit = 4;
    check_all_forms<swr::list_instance_jobs>(c, server, swr_jobs, swr_key, numbered("swr-job-", 10), 3);

    // What went on the wire: COC's string offset, the markers, SWR's pinned window.
    std::vector<std::string> targets;
    for (const request& r : server.received())
        targets.emplace_back(r.target());
    const auto seen = [&targets](const std::string& t) {
        return std::find(targets.begin(), targets.end(), t) != targets.end();
    };
    CHECK(seen("/v1/documents?limit=3&offset=0"));
    CHECK(seen("/v1/documents?limit=3&offset=6"));
    CHECK(seen("/v1/schedule/task?limit=3"));
    CHECK(seen("/v1/schedule/task?marker=c3&limit=3"));
    CHECK(seen("/v1/schedule/task?marker=c6&limit=3"));
    CHECK(seen("/v5/proj-1/kubernetes/jobs?offset=20&limit=10"));
    CHECK(seen("/v2/proj-1/jobs?offset=8&limit=4"));

    // Without a limit, SWR's documented default page size is sent with the offset, as its
    // "offset and limit together" rule requires.
    const std::size_t before = server.request_count();
    CHECK(by_range<swr::list_instance_jobs>(c, {}, swr_key) == numbered("swr-job-", 10));
    CHECK(server.request_count() - before == 1);
    CHECK(server.received().back().target() == "/v2/proj-1/jobs?offset=0&limit=100");
    pool.join();
}

TEST_CASE("client: pagination ends against a server that repeats a cursor or over-reports its total")
{
    four_lists lists;
    lists.tasks.repeat_cursor = true;
    lists.documents.total_bias = 1000;
    lists.hss_jobs.total_bias = 1000;
    api_server server(server_credentials(), lists);
    client c(hwbind::test::client_options_for(server.url(), server_credentials()));

    SUBCASE("a repeated cursor ends the walk")
    {
        coc::list_scheduled_tasks_request tasks;
        tasks.limit = 3;
        CHECK(by_range<coc::list_scheduled_tasks>(c, tasks, task_key) == numbered("task-", 7));
        CHECK(server.request_count() == 3);
        // A walk that starts at a marker counts it as seen.
        tasks.marker = "c3";
        CHECK(by_walker<coc::list_scheduled_tasks>(c, tasks, task_key).size() == 4);
    }
    SUBCASE("without a limit, an empty page ends the walk")
    {
        CHECK(by_range<coc::list_documents>(c, {}, document_key) == numbered("doc-", 8));
        CHECK(server.request_count() == 4); // 3 + 3 + 2 items, then an empty page
        CHECK(server.received().back().target() == "/v1/documents?offset=8");
    }
    SUBCASE("with a limit, a short page ends the walk")
    {
        CHECK(by_range<hss::list_jobs>(c, {}, hss_key) == numbered("hss-job-", 25));
        CHECK(server.request_count() == 3);
    }
    SUBCASE("the total ends the walk when the service sends one")
    {
        four_lists exact;
        exact.hss_jobs.items.resize(20); // two full pages: no short page, the total tells
        api_server counted(server_credentials(), exact);
        client to_counted(hwbind::test::client_options_for(counted.url(), server_credentials()));
        CHECK(by_range<hss::list_jobs>(to_counted, {}, hss_key) == numbered("hss-job-", 20));
        CHECK(counted.request_count() == 2);
    }
    SUBCASE("an offset that is not a number fails before any I/O")
    {
        for (const char* bad : {"abc", "-3", "", "1e3"}) {
            INFO(bad);
            coc::list_documents_request documents;
            documents.offset = bad;
            auto walker = c.pages<coc::list_documents>(documents);
            coc::list_documents_response page;
            error_code ec;
            diagnostics diag;
            CHECK(!walker.next(page, ec, diag));
            CHECK(ec == error::invalid_offset);
            CHECK(ec == condition::invalid_request);
            CHECK(diag.message() == "offset: \"" + std::string(bad) + "\" is not a non-negative integer");
            CHECK_THROWS_AS(c.all_items<coc::list_documents>(documents).begin(), error_with_diagnostics);
        }
        CHECK(server.request_count() == 0);
    }
}

TEST_CASE("client: a page that fails can be asked for again")
{
    auto fail_next = std::make_shared<std::atomic<bool>>(false);
    four_lists lists;
    api_server server(server_credentials(), [fail_next, lists](const request& req, const request_info& info) {
        if (fail_next->exchange(false))
            return json_reply(http::status::bad_request, hwbind::test::error_body("X", "once"));
        return lists(req, info);
    });
    client c(hwbind::test::client_options_for(server.url(), server_credentials()));
    swr::list_instance_jobs_request req;
    req.limit = 4;
    auto walker = c.pages<swr::list_instance_jobs>(req);
    CHECK(walker.next()->jobs.size() == 4);
    *fail_next = true;
    CHECK_THROWS_AS(walker.next(), error_with_diagnostics);
    CHECK(walker.next()->jobs.front().id == "swr-job-4");
    CHECK(walker.next()->jobs.size() == 2);
    CHECK(walker.done());
    CHECK(!walker.next());
}

// ---- threads -----------------------------------------------------------------------------

TEST_CASE("client: one client shared by several threads, sync and async at once")
{
    api_server server(server_credentials(), four_lists{});
    event_log log;
    client_options o = hwbind::test::client_options_for(server.url(), server_credentials());
    o.on_request = log.hook();
    net::thread_pool pool(2);
    client c(pool.get_executor(), o);

    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 5; ++i) {
                if (by_range<hss::list_jobs>(c, {}, hss_key).size() != 25)
                    ++failures;
                diagnostics diag;
                auto f = c.async_call<coc::list_documents>({}, diag, net::use_future);
                if (f.get().data.size() != 3)
                    ++failures;
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    pool.join();
    CHECK(failures == 0);
    CHECK(server.rejections().empty());
    CHECK(log.events().size() == 4 * 5 * 4);
}

// ---- secrets -----------------------------------------------------------------------------

TEST_CASE("client: no secret reaches a message, an exception or an event of a failing call")
{
    api_server server(server_credentials(), [](const request&, const request_info&) {
        return json_reply(http::status::ok, hss_jobs_body(1));
    });
    event_log log;
    std::vector<std::string> texts;
    const auto attempt = [&](client_options o) {
        o.on_request = log.hook();
        o.credentials.security_token = hwbind::auth::secret("TOPSECRET-security-token");
        o.transport.request_timeout = 300ms;
        try {
            client c(o);
            c.call<hss::list_jobs>({});
            texts.emplace_back("unexpected success");
        } catch (const error_with_diagnostics& e) {
            texts.emplace_back(e.what());
            texts.push_back(e.get_diagnostics().message());
            if (e.get_diagnostics().api())
                texts.push_back(e.get_diagnostics().api()->body);
        }
    };
    client_options o = hwbind::test::client_options_for(server.url(), server_credentials());
    o.credentials.secret_key = hwbind::auth::secret("TOPSECRET-wrong");
    attempt(o); // 401
    o.credentials.iam_token = hwbind::auth::secret("TOPSECRET-token-wrong");
    o.credentials.secret_key = hwbind::auth::secret("");
    attempt(o); // 401 with a token
    o.endpoint = "http://127.0.0.1:" + std::to_string(closed_port());
    attempt(o); // refused
    o.endpoint = "https://user:TOPSECRET@127.0.0.1:1";
    attempt(o); // invalid endpoint
    o.endpoint = server.url();
    o.credentials = {};
    attempt(o); // no credentials
    REQUIRE(texts.size() >= 5 * 2);
    for (const std::string& text : texts) {
        INFO(text);
        CHECK(!leaks(text));
    }
    CHECK(log.events().size() == 1 + 1 + 3);
    for (const recorded_event& e : log.events()) {
        CHECK(!leaks(e.url));
        CHECK(!leaks(e.request_id));
    }
}

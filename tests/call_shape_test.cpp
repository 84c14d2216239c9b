// Tests of the call shape (issue 14.5 and 14.6): `client.call(request)` finding the operation
// from the request type, `async_call` without diagnostics and `with_diagnostics`, `all_items`
// in the error_code form, the generated `api` objects' overloads, writing `open_enum` and
// `any_value` to a stream, sending an enumeration value the spec does not list when asked
// explicitly, and the typed error bodies of `Op::errors` in the diagnostics.
#include <hwbind/runtime/client/client.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/services/all.hpp>

#include <golden_full/inventory.hpp>

#include "support/api_server.hpp"

#include <boost/asio/deferred.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <exception>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;
namespace hss = hwbind::hss;
namespace swr = hwbind::swr;
namespace inventory = hwbind::inventory;
namespace meta = hwbind::meta;
using boost::system::error_code;
using hwbind::client;
using hwbind::diagnostics;
using hwbind::error;
using hwbind::test::json_reply;
using namespace std::chrono_literals;

const hwbind::test::api_credentials call_shape_credentials{"HWBINDCALLSHAPEAK", "TOPSECRET-call-shape-sk", "X-Auth-Token", ""};

// `n` jobs named job-<first>..., in a page whose total is `total`.
std::string jobs_page(std::size_t first, std::size_t n, std::size_t total)
{
    std::string body = "{\"total_num\":" + std::to_string(total) + ",\"job_info_list\":[";
    for (std::size_t i = 0; i < n; ++i)
        body += (i == 0 ? "" : ",") + std::string("{\"name\":\"job-") + std::to_string(first + i) + "\"}";
    return body + "]}";
}

// HSS list_jobs: 25 jobs in pages, but the page at offset 10 fails with 500 when `fail_second`.
// SWR list_instance_jobs: 404 with a Huawei error body.
hwbind::test::api_server make_server(bool fail_second = false)
{
    return hwbind::test::api_server(call_shape_credentials, [fail_second](const hwbind::test::request& req,
                                                               const hwbind::test::request_info&) {
        const std::string path = hwbind::test::path_of(req);
        if (path == "/v2/proj-1/jobs")
            return json_reply(http::status::not_found, hwbind::test::error_body("SVCSTG.SWR.4040017", "no such job"));
        const auto query = hwbind::test::query_of(req);
        const std::size_t offset = query.count("offset") ? std::stoul(query.at("offset")) : 0;
        if (fail_second && offset >= 10)
            return json_reply(http::status::internal_server_error, hwbind::test::error_body("HSS.0500", "broken page"));
        const std::size_t n = offset >= 25 ? 0 : std::min<std::size_t>(10, 25 - offset);
        return json_reply(http::status::ok, jobs_page(offset, n, 25));
    });
}

// The request type finds its operation, and only request types do.
static_assert(std::is_same_v<meta::operation_for<hss::list_jobs_request>, hss::list_jobs>);
static_assert(std::is_same_v<meta::operation_for<swr::list_instance_jobs_request>, swr::list_instance_jobs>);
template <class T, class = void>
struct has_operation : std::false_type {};
template <class T>
struct has_operation<T, std::void_t<meta::operation_for<T>>> : std::true_type {};
static_assert(!has_operation<hss::list_jobs_response>::value);
static_assert(!has_operation<int>::value);

} // namespace

TEST_CASE("call shape: client.call(request) deduces the operation from the request type")
{
    auto server = make_server();
    client c(hwbind::test::client_options_for(server.url(), call_shape_credentials));
    hss::list_jobs_request req;
    req.limit = 10;
    const hss::list_jobs_response page = c.call(req);
    CHECK(page.job_info_list.size() == 10);
    CHECK(page.total_num == 25);

    hss::list_jobs_response out;
    error_code ec;
    diagnostics diag;
    c.call(req, out, ec, diag);
    CHECK(!ec);
    CHECK(out.job_info_list.size() == 10);

    req.limit = 5; // below the documented minimum: refused before any I/O, as with call<Op>
    c.call(req, out, ec, diag);
    CHECK(ec == error::out_of_range);
    CHECK_THROWS_AS(c.call(req), hwbind::error_with_diagnostics);
    CHECK(server.request_count() == 2);
}

TEST_CASE("call shape: async_call without diagnostics, and with_diagnostics(token)")
{
    auto server = make_server();
    net::io_context io;
    client c(io.get_executor(), hwbind::test::client_options_for(server.url(), call_shape_credentials));

    std::optional<std::size_t> got;
    c.async_call<hss::list_jobs>({}, [&](error_code ec, hss::list_jobs_response r) {
        CHECK(!ec);
        got = r.job_info_list.size();
    });
    hss::list_jobs_request bad;
    bad.limit = 5;
    error_code bad_ec;
    c.async_call(bad, [&](error_code ec, hss::list_jobs_response) { bad_ec = ec; }); // deduced
    CHECK(!got);
    io.run();
    CHECK(got == 10u);
    CHECK(bad_ec == error::out_of_range);

    // with_diagnostics: the failure is an error_with_diagnostics holding the diagnostics.
    std::exception_ptr failure;
    c.async_call(bad, hwbind::with_diagnostics([&](std::exception_ptr e, hss::list_jobs_response) { failure = e; }));
    std::exception_ptr success = std::make_exception_ptr(0);
    c.async_call<hss::list_jobs>({}, hwbind::with_diagnostics([&](std::exception_ptr e, hss::list_jobs_response r) {
        success = e;
        CHECK(r.job_info_list.size() == 10);
    }));
    io.restart();
    io.run();
    CHECK(!success);
    REQUIRE(failure);
    try {
        std::rethrow_exception(failure);
    } catch (const hwbind::error_with_diagnostics& e) {
        CHECK(e.code() == error::out_of_range);
        CHECK(e.get_diagnostics().message().find("limit") != std::string::npos);
    }

    // The API error of a service, with its diagnostics and typed body, through a future.
    net::thread_pool pool(1);
    client pooled(pool.get_executor(), hwbind::test::client_options_for(server.url(), call_shape_credentials));
    auto future = pooled.async_call(swr::list_instance_jobs_request{}, hwbind::with_diagnostics(net::use_future));
    try {
        (void)future.get();
        FAIL("expected an error");
    } catch (const hwbind::error_with_diagnostics& e) {
        CHECK(e.code() == error::api_error);
        REQUIRE(e.get_diagnostics().api());
        CHECK(e.get_diagnostics().api()->http_status == 404);
        const auto* body = e.get_diagnostics().error_model<swr::error_body>();
        REQUIRE(body != nullptr);
        CHECK(body->error_code == "SVCSTG.SWR.4040017");
    }

    // A deferred call holds the built request, not a reference to the request value.
    auto op = [&] {
        hss::list_jobs_request temporary;
        temporary.job_name = "deferred";
        return c.async_call(temporary, net::deferred);
    }();
    std::optional<std::size_t> deferred_got;
    std::move(op)([&](error_code ec, hss::list_jobs_response r) {
        CHECK(!ec);
        deferred_got = r.job_info_list.size();
    });
    io.restart();
    io.run();
    CHECK(deferred_got == 10u);
    CHECK(server.received().back().target() == "/v5/proj-1/kubernetes/jobs?job_name=deferred&limit=10");
    pool.join();
}

TEST_CASE("call shape: all_items in the error_code form ends the range and reports the failure")
{
    auto server = make_server(true);
    client c(hwbind::test::client_options_for(server.url(), call_shape_credentials));
    error_code ec;
    diagnostics diag;
    std::vector<std::string> names;
    for (const auto& job : c.all_items<hss::list_jobs>({}, ec, diag))
        names.push_back(job.name.value_or(""));
    CHECK(names.size() == 10); // the first page, then the failure ends the range
    CHECK(ec == error::api_error);
    REQUIRE(diag.api());
    CHECK(diag.api()->http_status == 500);
    CHECK(diag.message().find("broken page") != std::string::npos);

    // Without failure, every item, and ec cleared.
    auto good = make_server();
    client g(hwbind::test::client_options_for(good.url(), call_shape_credentials));
    names.clear();
    for (const auto& job : g.all_items<hss::list_jobs>({}, ec, diag))
        names.push_back(job.name.value_or(""));
    CHECK(!ec);
    CHECK(names.size() == 25);
}

TEST_CASE("call shape: the generated api objects declare every overload")
{
    auto server = make_server();
    net::io_context io;
    client c(io.get_executor(), hwbind::test::client_options_for(server.url(), call_shape_credentials));
    hss::api<client> api{c};

    CHECK(api.list_jobs({}).job_info_list.size() == 10);
    hss::list_jobs_response out;
    error_code ec;
    diagnostics diag;
    api.list_jobs({}, out, ec, diag);
    CHECK(!ec);

    std::size_t async_items = 0;
    api.async_list_jobs({}, [&](error_code e, hss::list_jobs_response r) {
        CHECK(!e);
        async_items += r.job_info_list.size();
    });
    api.async_list_jobs({}, diag, [&](error_code e, hss::list_jobs_response r) {
        CHECK(!e);
        async_items += r.job_info_list.size();
    });
    io.run();
    CHECK(async_items == 20);

    std::size_t all = 0;
    for (const auto& job : api.list_jobs_all({}, ec, diag)) {
        (void)job;
        ++all;
    }
    CHECK(!ec);
    CHECK(all == 25);

    // Real parameters, not `Args&&...`: a braced request converts, the member pointer has a type.
    using sync_call = hss::list_jobs_response (hss::api<client>::*)(const hss::list_jobs_request&);
    using ec_call = void (hss::api<client>::*)(const hss::list_jobs_request&, hss::list_jobs_response&, error_code&,
                                               diagnostics&);
    CHECK(static_cast<sync_call>(&hss::api<client>::list_jobs) != nullptr);
    CHECK(static_cast<ec_call>(&hss::api<client>::list_jobs) != nullptr);
}

TEST_CASE("call shape: open_enum and any_value are written to an ostream")
{
    std::ostringstream out;
    meta::open_enum<swr::job_status> known = swr::job_status::Running;
    out << known << ' ' << meta::open_enum<swr::job_status>::from_wire("Paused") << ' '
        << meta::open_enum<inventory::phase>(inventory::phase::in_progress) << '|'
        << meta::open_enum<swr::job_status>() << '|';
    out << meta::any_value("text") << ' ' << meta::any_value(boost::json::parse(R"({"a":[1,true]})"));
    CHECK(out.str() == R"(Running Paused in-progress||text {"a":[1,true]})");
}

TEST_CASE("call shape: an enumeration value the spec does not list is sent only when asked for")
{
    using status = meta::open_enum<swr::job_status>;
    swr::list_instance_jobs_request req;
    req.project_id = "p";

    req.status = status::from_wire("Paused"); // decoded-style unknown value: refused
    diagnostics diag;
    hwbind::prepared_request prepared;
    error_code ec = hwbind::prepare_request<swr::list_instance_jobs>(req, {}, prepared, diag);
    CHECK(ec == error::not_in_enum);
    CHECK(diag.message().find("\"Paused\"") != std::string::npos);

    req.status = status::unlisted("Paused"); // explicit: sent as is
    CHECK(req.status->is_unlisted());
    CHECK(!req.status->is_known());
    CHECK(*req.status == status::from_wire("Paused")); // the same value
    ec = hwbind::prepare_request<swr::list_instance_jobs>(req, {}, prepared, diag);
    CHECK(!ec);
    CHECK(prepared.target().find("status=Paused") != std::string_view::npos);

    CHECK(status::unlisted("Running") == swr::job_status::Running); // a listed value is that value
    CHECK(!status::unlisted("Running").is_unlisted());
    req.status = status::unlisted("");
    CHECK(hwbind::prepare_request<swr::list_instance_jobs>(req, {}, prepared, diag) == error::not_in_enum);

    // In a body, and an integer enumeration's unlisted text must be an integer.
    hwbind::request_context ctx;
    ctx.set("project_id", "p");
    inventory::create_item_request create;
    create.body.name = "x";
    create.body.parts.emplace_back();
    create.body.parts[0].access = meta::open_enum<inventory::access>::unlisted("42");
    CHECK(!hwbind::prepare_request<inventory::create_item>(create, ctx, prepared, diag));
    CHECK(prepared.body().find("\"access\":42") != std::string::npos);
    create.body.parts[0].access = meta::open_enum<inventory::access>::unlisted("many");
    CHECK(hwbind::prepare_request<inventory::create_item>(create, ctx, prepared, diag) ==
          error::not_in_enum);
    create.body.parts[0].access = meta::open_enum<inventory::access>::from_wire("42");
    CHECK(hwbind::prepare_request<inventory::create_item>(create, ctx, prepared, diag) ==
          error::not_in_enum);
}

TEST_CASE("call shape: the typed error body of a documented status is in the diagnostics")
{
    auto server = make_server();
    client c(hwbind::test::client_options_for(server.url(), call_shape_credentials));
    swr::list_instance_jobs_response out;
    error_code ec;
    diagnostics diag;
    c.call(swr::list_instance_jobs_request{}, out, ec, diag);
    CHECK(ec == error::api_error);
    const swr::error_body* body = diag.error_model<swr::error_body>();
    REQUIRE(body != nullptr);
    CHECK(body->error_code == "SVCSTG.SWR.4040017");
    CHECK(body->error_msg == "no such job");
    CHECK(diag.error_model<hss::error_body>() == nullptr); // another model: none

    // A status the operation does not document (HSS list_jobs lists none): no typed body.
    auto failing = make_server(true);
    client f(hwbind::test::client_options_for(failing.url(), call_shape_credentials));
    hss::list_jobs_request second_page;
    second_page.offset = 10;
    hss::list_jobs_response page;
    f.call(second_page, page, ec, diag);
    CHECK(ec == error::api_error);
    CHECK(!diag.has_error_model());

    // A success clears it.
    f.call(hss::list_jobs_request{}, page, ec, diag);
    CHECK(!ec);
    CHECK(!diag.has_error_model());
}

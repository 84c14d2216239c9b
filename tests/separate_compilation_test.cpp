// hwbind built with HWBIND_SEPARATE_COMPILATION and HWBIND_SEPARATE_BINDINGS: this
// translation unit only declares the separately compiled functions (the synchronous send
// path, the JSON decoder, and each seed operation's request building and response decoding),
// which separate_compilation_src.cpp defines; the test proves they link and work, through the
// client against the mock server and through `hwbind::decode`.
#if !defined(HWBIND_SEPARATE_COMPILATION) || !defined(HWBIND_SEPARATE_BINDINGS)
#error "this test is built with HWBIND_SEPARATE_COMPILATION and HWBIND_SEPARATE_BINDINGS"
#endif

#include <hwbind.hpp>
#include <hwbind/mock/server.hpp>
#include <hwbind/services/coc/calls.hpp>
#include <hwbind/services/hss/calls.hpp>
#include <hwbind/services/swr/calls.hpp>

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstddef>
#include <string>

namespace {

using services = hwbind::mock::server<hwbind::coc::service, hwbind::hss::service, hwbind::swr::service>;

hwbind::mock::server_options mock_options()
{
    hwbind::mock::server_options options;
    options.records = 23;
    options.credentials.access_key = "MOCKACCESSKEY00000001";
    options.credentials.secret_key = hwbind::auth::secret("mock-secret-key-for-the-tests");
    options.credentials.project_id = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    return options;
}

} // namespace

TEST_CASE("separately compiled: a synchronous call through the client walks every page")
{
    const services server(mock_options());
    hwbind::client_options client_options = server.client_options();
    client_options.retry.max_attempts = 1;
    hwbind::client client(client_options);

    std::size_t jobs = 0;
    for (const hwbind::hss::serverless_job_info& job : client.all_items<hwbind::hss::list_jobs>({})) {
        CHECK(job.name.has_value());
        ++jobs;
    }
    CHECK(jobs == 23);
    CHECK(client.stats().connections_opened == 1);
}

TEST_CASE("separately compiled bindings: an operation of each service, synchronous and asynchronous")
{
    const services server(mock_options());
    hwbind::client_options client_options = server.client_options();
    client_options.retry.max_attempts = 1;
    boost::asio::io_context ioc(1);
    hwbind::client client(ioc.get_executor(), client_options);

    hwbind::coc::list_documents_request documents;
    documents.limit = 5;
    const hwbind::coc::list_documents_response page = client.call<hwbind::coc::list_documents>(documents);
    CHECK(page.data.size() == 5);

    hwbind::swr::list_instance_jobs_response jobs;
    boost::system::error_code ec;
    hwbind::diagnostics diag;
    client.call<hwbind::swr::list_instance_jobs>({}, jobs, ec, diag);
    CHECK_FALSE(ec);
    CHECK(jobs.jobs.size() == 23);

    // A request that breaks a rule fails in the separately compiled request building.
    hwbind::hss::list_jobs_request below_range;
    below_range.limit = 5;
    bool completed = false;
    client.async_call<hwbind::hss::list_jobs>(
        below_range, diag, [&](boost::system::error_code async_ec, const hwbind::hss::list_jobs_response&) {
            completed = true;
            CHECK(async_ec == hwbind::condition::invalid_request);
        });
    ioc.run();
    CHECK(completed);
    CHECK(diag.message().find("limit") != std::string::npos);
}

TEST_CASE("separately compiled: decode, and its diagnostics")
{
    const auto page = hwbind::decode<hwbind::swr::list_instance_jobs_response>(
        R"({"total":1,"jobs":[{"id":"j-1","unknown":{"a":[1,2]}}]})");
    REQUIRE(page.jobs.size() == 1);
    CHECK(page.jobs[0].id == "j-1");

    hwbind::swr::list_instance_jobs_response out;
    hwbind::diagnostics diag;
    CHECK(hwbind::decode(R"({"total":"one"})", out, diag) == hwbind::error::type_mismatch);
    CHECK(diag.message() == "total: expected integer, got string");
}

// hwbind built with HWBIND_SEPARATE_COMPILATION: this translation unit only declares the
// separately compiled functions (the synchronous send path and the JSON decoder), which
// separate_compilation_src.cpp defines; the test proves they link and work, through the
// client against the mock server and through `hwbind::decode`.
#if !defined(HWBIND_SEPARATE_COMPILATION)
#error "this test is built with HWBIND_SEPARATE_COMPILATION"
#endif

#include <hwbind.hpp>
#include <hwbind/mock/server.hpp>

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstddef>
#include <string>

namespace {

using services = hwbind::mock::server<hwbind::coc::service, hwbind::hss::service, hwbind::swr::service>;

} // namespace

TEST_CASE("separately compiled: a synchronous call through the client walks every page")
{
    hwbind::mock::server_options options;
    options.records = 23;
    options.credentials.access_key = "MOCKACCESSKEY00000001";
    options.credentials.secret_key = hwbind::auth::secret("mock-secret-key-for-the-tests");
    options.credentials.project_id = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    const services server(options);
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

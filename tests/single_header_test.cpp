// A program built from the single header alone: its include path holds single_include/hwbind and
// no other hwbind folder, it compiles Boost.JSON and Boost.URL into itself with
// HWBIND_IMPLEMENT_BOOST and links only OpenSSL and the thread library.
#define HWBIND_IMPLEMENT_BOOST
#include <hwbind.hpp>

#include <cstdio>

int main()
{
    const auto jobs = hwbind::decode<hwbind::hss::list_jobs_response>(
        R"({"total_num":1,"job_info_list":[{"name":"cceaddon-npd","pods_num":6}]})");
    hwbind::swr::list_instance_jobs_request request;
    request.offset = 0;
    request.limit = 10;
    hwbind::request_context context;
    context.set("project_id", "p1");
    const auto prepared = hwbind::prepare_request<hwbind::swr::list_instance_jobs>(request, context);
    if (jobs.job_info_list.size() != 1 || *jobs.job_info_list[0].pods_num != 6 ||
        prepared.target() != "/v2/p1/jobs?offset=0&limit=10") {
        std::puts("single header: unexpected result");
        return 1;
    }
    std::puts("single header: ok");
    return 0;
}

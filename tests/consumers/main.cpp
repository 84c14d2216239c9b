// A consumer of hwbind: builds, validates and decodes with the generated bindings. Built by
// the consumer projects beside this file, which get hwbind in the three supported ways.
#include <hwbind.hpp>

#include <cstdio>
#include <string_view>

int main()
{
    hwbind::hss::list_jobs_request request;
    request.limit = 20;
    hwbind::request_context context;
    context.set("project_id", "p1");
    const auto prepared = hwbind::prepare_request<hwbind::hss::list_jobs>(request, context);
    if (prepared.target() != "/v5/p1/kubernetes/jobs?limit=20") {
        std::printf("unexpected target %.*s\n", static_cast<int>(prepared.target().size()), prepared.target().data());
        return 1;
    }
    const auto jobs = hwbind::decode<hwbind::swr::list_instance_jobs_response>(
        R"({"total":1,"jobs":[{"id":"j1","status":"Running","new_field":{"x":[1]}}]})");
    if (jobs.jobs.size() != 1 || jobs.jobs[0].status != hwbind::swr::job_status::Running) {
        std::puts("unexpected decode result");
        return 1;
    }
    std::puts("consumer: ok");
    return 0;
}

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.

// Request preparation for the four operations, per request, as a client does it: one
// `prepared_request` reused across requests.
//
//   request/<op>/full     fill the request value, validate and build it, sign it (now)
//   request/<op>/prepare  validate and build a given request value
//   request/<op>/sign     sign a built request again (a signed request re-signs in place)

#include <hwbind/runtime/auth/signer.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/services/all.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

namespace coc = hwbind::coc;
namespace hss = hwbind::hss;
namespace swr = hwbind::swr;

// What a user typically sets: several query parameters, one of them needing escapes.
coc::list_documents_request make(hwbind::meta::tag<coc::list_documents>)
{
    coc::list_documents_request r;
    r.limit = 100;
    r.offset = "200";
    r.name_like = "nightly backup 日志";
    r.creator = "COC-3f2a9c11bd";
    r.enterprise_project_id = "0";
    r.document_type = coc::document_type::PUBLIC;
    return r;
}

coc::list_scheduled_tasks_request make(hwbind::meta::tag<coc::list_scheduled_tasks>)
{
    coc::list_scheduled_tasks_request r;
    r.enterprise_project_id = "0";
    r.task_id = "ST01HZX3KQ7V9M2N4P6R8T0W1Y";
    r.task_name = "rotate-logs";
    r.scheduled_type = coc::scheduled_type::CRON;
    r.risk_level = coc::risk_level::HIGH;
    r.approve_status = coc::approve_status::PASSED;
    r.region_id = "cn-north-4";
    r.marker = "ST01HZX3KQ7V9M2N4P6R8T0W1Z";
    r.offset = 0;
    r.limit = 50;
    return r;
}

hss::list_jobs_request make(hwbind::meta::tag<hss::list_jobs>)
{
    hss::list_jobs_request r; // project_id from the context
    r.enterprise_project_id = "all_granted_eps";
    r.offset = 0;
    r.job_name = "cceaddon-npd";
    r.namespace_name = "kube-system";
    r.cluster_name = "prod-2451";
    r.limit = 100;
    return r;
}

swr::list_instance_jobs_request make(hwbind::meta::tag<swr::list_instance_jobs>)
{
    swr::list_instance_jobs_request r; // project_id from the context
    r.status = swr::job_status::Running;
    r.offset = 0;
    r.limit = 100;
    return r;
}

struct fixture {
    hwbind::request_context context;
    hwbind::auth::credentials credentials;

    fixture()
    {
        context.set("project_id", "0b4b5b3e3c80f2a42f6dc0123ab45cd6");
        credentials.access_key = "QTWAOYTTINDUT2QVKYUC";
        credentials.secret_key = hwbind::auth::secret("MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc");
        credentials.project_id = "0b4b5b3e3c80f2a42f6dc0123ab45cd6";
    }
};

const fixture& the_fixture()
{
    static const fixture f;
    return f;
}

template <class Op>
void prepare_or_abort(const typename Op::request_type& req, hwbind::prepared_request& out)
{
    hwbind::diagnostics diag;
    if (hwbind::prepare_request<Op>(req, the_fixture().context, out, diag)) {
        std::fprintf(stderr, "request_bench: %s: %s\n", std::string(Op::name).c_str(), diag.message().c_str());
        std::exit(1);
    }
}

template <class Op>
void register_operation(std::string_view service, std::string_view host)
{
    const std::string base = "request/" + std::string(service) + "." + std::string(Op::name) + "/";

    benchmark::RegisterBenchmark((base + "full").c_str(), [host](benchmark::State& state) {
        const fixture& f = the_fixture();
        hwbind::prepared_request out;
        hwbind::diagnostics diag;
        for (auto _ : state) {
            const typename Op::request_type req = make(hwbind::meta::tag<Op>{});
            if (hwbind::prepare_request<Op>(req, f.context, out, diag))
                state.SkipWithError(diag.message().c_str());
            hwbind::auth::sign_request(out, f.credentials, std::chrono::system_clock::now(), host);
            benchmark::DoNotOptimize(out);
        }
    });

    benchmark::RegisterBenchmark((base + "prepare").c_str(), [](benchmark::State& state) {
        const fixture& f = the_fixture();
        const typename Op::request_type req = make(hwbind::meta::tag<Op>{});
        hwbind::prepared_request out;
        hwbind::diagnostics diag;
        for (auto _ : state) {
            if (hwbind::prepare_request<Op>(req, f.context, out, diag))
                state.SkipWithError(diag.message().c_str());
            benchmark::DoNotOptimize(out);
        }
    });

    benchmark::RegisterBenchmark((base + "sign").c_str(), [host](benchmark::State& state) {
        const fixture& f = the_fixture();
        hwbind::prepared_request out;
        prepare_or_abort<Op>(make(hwbind::meta::tag<Op>{}), out);
        for (auto _ : state) {
            hwbind::auth::sign_request(out, f.credentials, std::chrono::system_clock::now(), host);
            benchmark::DoNotOptimize(out);
        }
    });
}

} // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    // Every request must be valid before anything is timed.
    hwbind::prepared_request check;
    prepare_or_abort<coc::list_documents>(make(hwbind::meta::tag<coc::list_documents>{}), check);
    prepare_or_abort<coc::list_scheduled_tasks>(make(hwbind::meta::tag<coc::list_scheduled_tasks>{}), check);
    prepare_or_abort<hss::list_jobs>(make(hwbind::meta::tag<hss::list_jobs>{}), check);
    prepare_or_abort<swr::list_instance_jobs>(make(hwbind::meta::tag<swr::list_instance_jobs>{}), check);

    register_operation<coc::list_documents>("coc", "coc.myhuaweicloud.com");
    register_operation<coc::list_scheduled_tasks>("coc", "coc.myhuaweicloud.com");
    register_operation<hss::list_jobs>("hss", "hss.cn-north-4.myhuaweicloud.com");
    register_operation<swr::list_instance_jobs>("swr", "swr-api.cn-north-4.myhuaweicloud.com");
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

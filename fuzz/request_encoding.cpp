// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
//
// Fuzz target: query and path encoding of arbitrary strings, through `prepare_request` on real
// descriptors: SWR list_instance_jobs and HSS list_jobs (a `{project_id}` path parameter, from
// the request or the context, and string, integer and enumeration query parameters) and COC
// list_scheduled_tasks (many string query parameters, a length and a pattern, a rule).
//
// A request that fails validation must fail in `condition::invalid_request`, with a message,
// leaving the output empty. A request that is built must have exactly the target an
// independent model of the encoding gives: the template's literal segments and each path
// value as one segment, then the set query parameters in spec order. That model's encoding
// only ever writes unreserved characters and `%XX`, so the check covers every invariant of
// the target: no raw `/` from a path value inside its segment, no raw `?`, `#`, `&`, `=` or
// space from any value, and each value decodes back to its bytes. The signer must copy such a
// target: its canonical URI is the path plus `/`, its canonical query the same pairs sorted.

#include "support.hpp"

#include <hwbind/runtime/auth/signer.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/services/coc/operations.hpp>
#include <hwbind/services/hss/operations.hpp>
#include <hwbind/services/swr/operations.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using query_list = std::vector<std::pair<std::string, std::string>>;

constexpr std::size_t max_string = 300;

/// Unset, or a string of any bytes.
std::optional<std::string> maybe_string(FuzzedDataProvider& in)
{
    if (!in.ConsumeBool())
        return std::nullopt;
    return in.ConsumeRandomLengthString(max_string);
}

/// Unset, an integer within the documented range, or any integer.
template <class I>
std::optional<I> maybe_integer(FuzzedDataProvider& in, I min, I max)
{
    switch (in.ConsumeIntegralInRange(0, 2)) {
    case 0: return std::nullopt;
    case 1: return in.ConsumeIntegralInRange(min, max);
    default: return in.ConsumeIntegral<I>();
    }
}

/// Unset, a documented value, or any spelling (which validation refuses unless documented).
template <class E>
std::optional<hwbind::meta::open_enum<E>> maybe_enum(FuzzedDataProvider& in)
{
    const auto& table = hwbind::meta::enum_table<E>;
    switch (in.ConsumeIntegralInRange(0, 2)) {
    case 0: return std::nullopt;
    case 1: return table[in.ConsumeIntegralInRange<std::size_t>(0, table.size() - 1)].value;
    default: return hwbind::meta::open_enum<E>::from_wire(in.ConsumeRandomLengthString(32));
    }
}

template <class T>
std::string wire_text(const T& value)
{
    if constexpr (std::is_same_v<T, std::string>)
        return value;
    else if constexpr (hwbind::meta::is_open_enum<T>::value)
        return std::string(value.wire());
    else
        return std::to_string(value);
}

/// Appends `name=value` to the expected query when `value` is set.
template <class T>
void expect(query_list& query, std::string name, const std::optional<T>& value)
{
    if (value)
        query.emplace_back(std::move(name), wire_text(*value));
}

std::string join_query(const query_list& query)
{
    std::string out;
    for (const auto& [name, value] : query) {
        if (!out.empty())
            out += '&';
        out += hwbind_fuzz::encode(name);
        out += '=';
        out += hwbind_fuzz::encode(value);
    }
    return out;
}

/// Builds `req` and checks the result against `segments` (the decoded path segments) and
/// `query` (the decoded query pairs, in order).
template <class Op>
void check_request(const typename Op::request_type& req, const hwbind::request_context& ctx,
                   const std::vector<std::string>& segments, query_list query)
{
    // One object for every input, as a client reuses one: the buffers it keeps must not show.
    static hwbind::prepared_request out;
    hwbind::diagnostics diag;
    const boost::system::error_code ec = hwbind::prepare_request<Op>(req, ctx, out, diag);
    if (ec) {
        HWBIND_FUZZ_CHECK(ec == hwbind::condition::invalid_request);
        HWBIND_FUZZ_CHECK(!diag.message().empty());
        HWBIND_FUZZ_CHECK(out.target().empty() && out.headers().empty() && out.body().empty());
        return;
    }
    HWBIND_FUZZ_CHECK(out.method() == Op::method);
    HWBIND_FUZZ_CHECK(out.headers().empty());

    std::string path;
    for (const std::string& segment : segments) {
        path += '/';
        path += hwbind_fuzz::encode(segment);
    }
    const std::string expected_query = join_query(query);
    const std::string_view target = out.target();
    for (const char c : target)
        HWBIND_FUZZ_CHECK(hwbind_fuzz::is_unreserved(c) || std::string_view("%/?&=").find(c) != std::string_view::npos);
    HWBIND_FUZZ_CHECK(out.path() == path);
    HWBIND_FUZZ_CHECK(out.query() == expected_query);
    HWBIND_FUZZ_CHECK(target == (expected_query.empty() ? path : path + '?' + expected_query));

    std::sort(query.begin(), query.end());
    const std::string head = std::string(hwbind::meta::to_string(Op::method)) + '\n' + path + "/\n" +
                             join_query(query) + '\n';
    HWBIND_FUZZ_CHECK(hwbind::auth::canonical_request(out).compare(0, head.size(), head) == 0);
}

void swr_list_instance_jobs(FuzzedDataProvider& in)
{
    hwbind::swr::list_instance_jobs_request req;
    hwbind::request_context ctx;
    const std::string project = in.ConsumeRandomLengthString(max_string);
    if (in.ConsumeBool())
        req.project_id = project;
    else
        ctx.set("project_id", project);
    req.status = maybe_enum<hwbind::swr::job_status>(in);
    req.offset = maybe_integer<std::int32_t>(in, 0, 1000);
    req.limit = maybe_integer<std::int32_t>(in, 0, 100);

    query_list query;
    expect(query, "status", req.status);
    expect(query, "offset", req.offset);
    expect(query, "limit", req.limit);
    check_request<hwbind::swr::list_instance_jobs>(req, ctx, {"v2", project, "jobs"}, std::move(query));
}

void hss_list_jobs(FuzzedDataProvider& in)
{
    hwbind::hss::list_jobs_request req;
    hwbind::request_context ctx;
    const std::string project = in.ConsumeRandomLengthString(max_string);
    if (in.ConsumeBool())
        req.project_id = project;
    else
        ctx.set("project_id", project);
    req.enterprise_project_id = maybe_string(in);
    req.offset = maybe_integer<std::int32_t>(in, 0, 2000000);
    req.job_name = maybe_string(in);
    req.namespace_name = maybe_string(in);
    req.cluster_name = maybe_string(in);
    req.limit = maybe_integer<std::int32_t>(in, 10, 200);

    query_list query;
    expect(query, "enterprise_project_id", req.enterprise_project_id);
    expect(query, "offset", req.offset);
    expect(query, "job_name", req.job_name);
    expect(query, "namespace_name", req.namespace_name);
    expect(query, "cluster_name", req.cluster_name);
    expect(query, "limit", req.limit);
    check_request<hwbind::hss::list_jobs>(req, ctx, {"v5", project, "kubernetes", "jobs"}, std::move(query));
}

void coc_list_scheduled_tasks(FuzzedDataProvider& in)
{
    namespace coc = hwbind::coc;
    coc::list_scheduled_tasks_request req;
    req.enterprise_project_id = maybe_string(in);
    req.task_id = maybe_string(in);
    req.task_name = maybe_string(in);
    req.scheduled_type = maybe_enum<coc::scheduled_type>(in);
    req.task_type = maybe_enum<coc::task_type>(in);
    req.associated_task_type = maybe_enum<coc::associated_task_type>(in);
    req.risk_level = maybe_enum<coc::risk_level>(in);
    req.created_by = maybe_string(in);
    req.reviewer = maybe_string(in);
    req.reviewer_user_name = maybe_string(in);
    req.approve_status = maybe_enum<coc::approve_status>(in);
    req.last_execution_status = maybe_enum<coc::last_execution_status>(in);
    req.last_execution_start_time = maybe_integer<std::int64_t>(in, 0, 4102444800000);
    req.last_execution_end_time = maybe_integer<std::int64_t>(in, 0, 4102444800000);
    req.marker = maybe_string(in);
    req.region_id = maybe_string(in);
    req.resource_id = maybe_string(in);
    req.offset = maybe_integer<std::int32_t>(in, 0, 1000);
    req.limit = maybe_integer<std::int32_t>(in, 1, 100);

    query_list query;
    expect(query, "enterprise_project_id", req.enterprise_project_id);
    expect(query, "task_id", req.task_id);
    expect(query, "task_name", req.task_name);
    expect(query, "scheduled_type", req.scheduled_type);
    expect(query, "task_type", req.task_type);
    expect(query, "associated_task_type", req.associated_task_type);
    expect(query, "risk_level", req.risk_level);
    expect(query, "created_by", req.created_by);
    expect(query, "reviewer", req.reviewer);
    expect(query, "reviewer_user_name", req.reviewer_user_name);
    expect(query, "approve_status", req.approve_status);
    expect(query, "last_execution_status", req.last_execution_status);
    expect(query, "last_execution_start_time", req.last_execution_start_time);
    expect(query, "last_execution_end_time", req.last_execution_end_time);
    expect(query, "marker", req.marker);
    expect(query, "region_id", req.region_id);
    expect(query, "resource_id", req.resource_id);
    expect(query, "offset", req.offset);
    expect(query, "limit", req.limit);
    check_request<coc::list_scheduled_tasks>(req, {}, {"v1", "schedule", "task"}, std::move(query));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider in(data, size);
    switch (in.ConsumeIntegralInRange(0, 2)) {
    case 0: swr_list_instance_jobs(in); break;
    case 1: hss_list_jobs(in); break;
    default: coc_list_scheduled_tasks(in); break;
    }
    return 0;
}

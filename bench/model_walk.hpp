// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_BENCH_MODEL_WALK_HPP
#define HWBIND_BENCH_MODEL_WALK_HPP

/// \file
/// The hand-written decoding the peers share: one function per model that dispatches on the
/// key with plain string comparisons, as one writes it by hand for a given JSON library, and
/// leaf readers. They are written once against an adapter `A` that each peer provides for its
/// own value type `V`:
///
///     bool A::is_null(V&);       std::string_view A::string(V&);
///     std::int64_t A::int64(V&); bool A::boolean(V&);
///     meta::any_value A::any(V&);
///     void A::members(V&, f);    // f(std::string_view key, V& value) for each member
///     void A::elements(V&, f);   // f(V& element) for each element
///
/// so that, once inlined, each peer runs straight-line code for its own library. Like
/// hwbind, the readers skip unknown keys and take `null` or absence for optional members.

#include <hwbind/services/all.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace bench::walk {

namespace coc = hwbind::coc;
namespace hss = hwbind::hss;
namespace swr = hwbind::swr;

template <class A, class V>
void read(V& v, coc::document_info& o);
template <class A, class V>
void read(V& v, coc::list_documents_response& o);
template <class A, class V>
void read(V& v, coc::scheduled_task_basic_info& o);
template <class A, class V>
void read(V& v, coc::list_scheduled_tasks_response& o);
template <class A, class V>
void read(V& v, hss::label_info& o);
template <class A, class V>
void read(V& v, hss::serverless_job_info& o);
template <class A, class V>
void read(V& v, hss::list_jobs_response& o);
template <class A, class V>
void read(V& v, swr::job_detail& o);
template <class A, class V>
void read(V& v, swr::list_instance_jobs_response& o);

template <class A, class V>
void read(V& v, std::string& o)
{
    o = A::string(v);
}

template <class A, class V>
void read(V& v, bool& o)
{
    o = A::boolean(v);
}

template <class A, class V, class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
void read(V& v, I& o)
{
    o = static_cast<I>(A::int64(v));
}

template <class A, class V, class E>
void read(V& v, hwbind::meta::open_enum<E>& o)
{
    o = hwbind::meta::open_enum<E>::from_wire(A::string(v));
}

// The payloads send times as numbers (bench/payloads.hpp), as the seed examples do.
template <class A, class V>
void read(V& v, hwbind::meta::loose_time& o)
{
    o = hwbind::meta::loose_time::from_number(A::int64(v));
}

template <class A, class V>
void read(V& v, hwbind::meta::any_value& o)
{
    o = A::any(v);
}

template <class A, class V, class T>
void read(V& v, std::optional<T>& o)
{
    if (A::is_null(v))
        o.reset();
    else
        read<A>(v, o.emplace());
}

template <class A, class V, class T>
void read(V& v, std::vector<T>& o)
{
    if (!A::is_null(v))
        A::elements(v, [&](V& e) { read<A>(e, o.emplace_back()); });
}

template <class A, class V>
void read(V& v, coc::document_info& o)
{
    A::members(v, [&](std::string_view k, V& m) {
        if (k == "document_id") read<A>(m, o.document_id);
        else if (k == "name") read<A>(m, o.name);
        else if (k == "create_time") read<A>(m, o.create_time);
        else if (k == "update_time") read<A>(m, o.update_time);
        else if (k == "version") read<A>(m, o.version);
        else if (k == "creator") read<A>(m, o.creator);
        else if (k == "modifier") read<A>(m, o.modifier);
        else if (k == "enterprise_project_id") read<A>(m, o.enterprise_project_id);
        else if (k == "risk_level") read<A>(m, o.risk_level);
    });
}

template <class A, class V>
void read(V& v, coc::list_documents_response& o)
{
    A::members(v, [&](std::string_view k, V& m) {
        if (k == "data") read<A>(m, o.data);
        else if (k == "total") read<A>(m, o.total);
    });
}

template <class A, class V>
void read(V& v, coc::scheduled_task_basic_info& o)
{
    A::members(v, [&](std::string_view k, V& m) {
        if (k == "id") read<A>(m, o.id);
        else if (k == "enterprise_project_id") read<A>(m, o.enterprise_project_id);
        else if (k == "name") read<A>(m, o.name);
        else if (k == "scheduled_type") read<A>(m, o.scheduled_type);
        else if (k == "task_type") read<A>(m, o.task_type);
        else if (k == "associated_task_type") read<A>(m, o.associated_task_type);
        else if (k == "risk_level") read<A>(m, o.risk_level);
        else if (k == "created_by") read<A>(m, o.created_by);
        else if (k == "update_by") read<A>(m, o.update_by);
        else if (k == "created_user_name") read<A>(m, o.created_user_name);
        else if (k == "reviewer") read<A>(m, o.reviewer);
        else if (k == "reviewer_user_name") read<A>(m, o.reviewer_user_name);
        else if (k == "approve_status") read<A>(m, o.approve_status);
        else if (k == "last_execution_time") read<A>(m, o.last_execution_time);
        else if (k == "last_execution_status") read<A>(m, o.last_execution_status);
        else if (k == "execution_count") read<A>(m, o.execution_count);
        else if (k == "enabled") read<A>(m, o.enabled);
        else if (k == "created_time") read<A>(m, o.created_time);
        else if (k == "modified_time") read<A>(m, o.modified_time);
        else if (k == "region_id") read<A>(m, o.region_id);
        else if (k == "associated_task_name") read<A>(m, o.associated_task_name);
        else if (k == "associated_task_name_en") read<A>(m, o.associated_task_name_en);
    });
}

template <class A, class V>
void read(V& v, coc::list_scheduled_tasks_response& o)
{
    A::members(v, [&](std::string_view k, V& m) {
        if (k == "count") read<A>(m, o.count);
        else if (k == "next_maker") read<A>(m, o.next_maker);
        else if (k == "scheduled_tasks") read<A>(m, o.scheduled_tasks);
    });
}

template <class A, class V>
void read(V& v, hss::label_info& o)
{
    A::members(v, [&](std::string_view k, V& m) {
        if (k == "key") read<A>(m, o.key);
        else if (k == "val") read<A>(m, o.val);
    });
}

template <class A, class V>
void read(V& v, hss::serverless_job_info& o)
{
    A::members(v, [&](std::string_view k, V& m) {
        if (k == "name") read<A>(m, o.name);
        else if (k == "namespace_name") read<A>(m, o.namespace_name);
        else if (k == "cluster_name") read<A>(m, o.cluster_name);
        else if (k == "status") read<A>(m, o.status);
        else if (k == "pods_num") read<A>(m, o.pods_num);
        else if (k == "image_name") read<A>(m, o.image_name);
        else if (k == "match_labels") read<A>(m, o.match_labels);
        else if (k == "execute_time") read<A>(m, o.execute_time);
        else if (k == "create_time") read<A>(m, o.create_time);
    });
}

template <class A, class V>
void read(V& v, hss::list_jobs_response& o)
{
    A::members(v, [&](std::string_view k, V& m) {
        if (k == "total_num") read<A>(m, o.total_num);
        else if (k == "last_update_time") read<A>(m, o.last_update_time);
        else if (k == "job_info_list") read<A>(m, o.job_info_list);
    });
}

template <class A, class V>
void read(V& v, swr::job_detail& o)
{
    A::members(v, [&](std::string_view k, V& m) {
        if (k == "id") read<A>(m, o.id);
        else if (k == "instance_id") read<A>(m, o.instance_id);
        else if (k == "resource_id") read<A>(m, o.resource_id);
        else if (k == "resource_name") read<A>(m, o.resource_name);
        else if (k == "type") read<A>(m, o.type);
        else if (k == "status") read<A>(m, o.status);
        else if (k == "reason") read<A>(m, o.reason);
        else if (k == "created_at") read<A>(m, o.created_at);
        else if (k == "updated_at") read<A>(m, o.updated_at);
    });
}

template <class A, class V>
void read(V& v, swr::list_instance_jobs_response& o)
{
    A::members(v, [&](std::string_view k, V& m) {
        if (k == "jobs") read<A>(m, o.jobs);
        else if (k == "total") read<A>(m, o.total);
    });
}

} // namespace bench::walk

#endif // HWBIND_BENCH_MODEL_WALK_HPP

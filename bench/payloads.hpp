// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_BENCH_PAYLOADS_HPP
#define HWBIND_BENCH_PAYLOADS_HPP

/// \file
/// Deterministic response bodies for the decode benchmarks, made in memory from a seeded PRNG.
///
/// Two shapes. `dense`: every member present and non-null, strings of realistic length and
/// content (IDs, UUIDs, timestamps, image names, some UTF-8, a few escapes). `sparse`: each
/// optional member absent (35%) or `null` (20%), and members these bindings do not know, with
/// nested objects and arrays, for the decoder to skip. Members come in the order of the
/// examples in spec/examples (alphabetical for the COC scheduled tasks and the HSS jobs).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace bench {

enum class shape { dense, sparse };

/// SplitMix64: tiny, fast and identical on every platform, unlike the standard distributions.
class rng {
public:
    explicit rng(std::uint64_t seed) noexcept : state_(seed) {}

    std::uint64_t next() noexcept
    {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, n).
    std::uint64_t below(std::uint64_t n) noexcept { return next() % n; }
    /// True with probability `percent` / 100.
    bool chance(unsigned percent) noexcept { return below(100) < percent; }
    template <std::size_t N>
    const char* pick(const char* const (&items)[N]) noexcept
    {
        return items[below(N)];
    }

private:
    std::uint64_t state_;
};

/// Compact JSON text, written member by member; commas are placed by the writer.
class json_writer {
public:
    std::string& text() noexcept { return out_; }

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    void key(std::string_view k)
    {
        separate();
        quoted(k);
        out_ += ':';
        after_key_ = true;
    }
    void string(std::string_view s)
    {
        separate();
        quoted(s);
    }
    void integer(std::int64_t v)
    {
        separate();
        out_ += std::to_string(v);
    }
    void boolean(bool v)
    {
        separate();
        out_ += v ? "true" : "false";
    }
    void null()
    {
        separate();
        out_ += "null";
    }
    void raw(std::string_view json)
    {
        separate();
        out_ += json;
    }

private:
    void separate()
    {
        if (after_key_)
            after_key_ = false;
        else if (!out_.empty() && out_.back() != '{' && out_.back() != '[')
            out_ += ',';
    }
    void open(char c)
    {
        separate();
        out_ += c;
    }
    void close(char c) { out_ += c; }
    void quoted(std::string_view s)
    {
        out_ += '"';
        for (const char c : s) {
            switch (c) {
            case '"': out_ += "\\\""; break;
            case '\\': out_ += "\\\\"; break;
            case '\n': out_ += "\\n"; break;
            default: out_ += c;
            }
        }
        out_ += '"';
    }

    std::string out_;
    bool after_key_ = false;
};

/// Writes one response of a shape, choosing every value with its PRNG.
class payload_writer {
public:
    payload_writer(shape s, std::uint64_t seed) : shape_(s), rng_(seed) {}

    std::string coc_list_documents(std::size_t target)
    {
        w_.begin_object();
        items("data", target, [&] { document(); });
        member("total", [&] { w_.integer(static_cast<std::int64_t>(rng_.below(100000))); });
        return finish();
    }

    std::string coc_list_scheduled_tasks(std::size_t target)
    {
        w_.begin_object();
        member("count", [&] { w_.integer(static_cast<std::int64_t>(rng_.below(1000000))); });
        member("next_maker", [&] { w_.string(task_id()); });
        items("scheduled_tasks", target, [&] { scheduled_task(); });
        return finish();
    }

    std::string hss_list_jobs(std::size_t target)
    {
        w_.begin_object();
        member("total_num", [&] { w_.integer(static_cast<std::int64_t>(rng_.below(1000000))); });
        member("last_update_time", [&] { w_.integer(timestamp()); });
        items("job_info_list", target, [&] { hss_job(); });
        return finish();
    }

    std::string swr_list_instance_jobs(std::size_t target)
    {
        w_.begin_object();
        member("total", [&] { w_.integer(static_cast<std::int64_t>(rng_.below(1000000))); });
        items("jobs", target, [&] { swr_job(); });
        return finish();
    }

private:
    static constexpr const char* words[] = {
        "prod", "staging", "nightly", "backup", "cleanup", "rotate", "logs", "db", "mysql", "redis",
        "ecs", "patch", "kernel", "scale", "cce", "node", "cert", "renew", "sync", "obs",
        "巡检", "定时任务", "数据库备份", "日志清理"};
    static constexpr const char* regions[] = {"cn-north-4", "cn-east-3", "cn-south-1", "ap-southeast-1",
                                              "ap-southeast-3", "eu-west-101", "la-south-2"};
    static constexpr const char* risk_levels[] = {"HIGH", "MEDIUM", "LOW"};
    static constexpr const char* hss_statuses[] = {"Running", "Running", "Running", "Failed"};
    static constexpr const char* swr_statuses[] = {"Creating", "Initializing", "Running", "Failed", "Success"};
    static constexpr const char* swr_types[] = {"CreateInstance", "DeleteInstance", "UpdateInstance",
                                                "CreateNamespace", "SyncRepository"};
    static constexpr const char* reasons[] = {
        "failed to select cce cluster",
        "quota of the tenant is insufficient, apply for more quota and retry",
        "image \"base-node-problem-detector\" not found in namespace kube-system",
        "timeout waiting for the load balancer\nretrying in 30 seconds",
        "创建实例失败：子网可用IP不足"};

    /// Writes a member: in the sparse shape often absent or null.
    template <class F>
    void member(std::string_view key, F&& value)
    {
        if (shape_ == shape::sparse) {
            const auto roll = rng_.below(100);
            if (roll < 35)
                return;
            if (roll < 55) {
                w_.key(key);
                w_.null();
                return;
            }
        }
        w_.key(key);
        value();
    }

    /// An array member filled with items until the body reaches `target` bytes; the sparse
    /// shape also adds members to skip between items' members.
    template <class F>
    void items(std::string_view key, std::size_t target, F&& item)
    {
        unknown();
        w_.key(key);
        w_.begin_array();
        while (w_.text().size() < target)
            item();
        w_.end_array();
        unknown();
    }

    std::string finish()
    {
        w_.end_object();
        return std::move(w_.text());
    }

    /// In the sparse shape, now and then a member no model declares: a scalar, or nested
    /// objects and arrays.
    void unknown()
    {
        if (shape_ != shape::sparse || !rng_.chance(40))
            return;
        switch (rng_.below(3)) {
        case 0:
            w_.key("extend_param");
            w_.string(word_name(2));
            break;
        case 1:
            w_.key("tags");
            w_.begin_array();
            for (auto n = rng_.below(4) + 1; n != 0; --n) {
                w_.begin_object();
                w_.key("key");
                w_.string(rng_.pick(words));
                w_.key("value");
                w_.string(hex(12));
                w_.key("weights");
                w_.raw("[1,2.5,-3e2,null,true]");
                w_.end_object();
            }
            w_.end_array();
            break;
        default:
            w_.key("metadata");
            w_.begin_object();
            w_.key("source");
            w_.string(rng_.pick(regions));
            w_.key("history");
            w_.begin_array();
            for (auto n = rng_.below(3) + 1; n != 0; --n) {
                w_.begin_object();
                w_.key("at");
                w_.integer(timestamp());
                w_.key("by");
                w_.string(hex(32));
                w_.key("detail");
                w_.raw(R"({"nested":{"deep":[[],{}],"ok":false}})");
                w_.end_object();
            }
            w_.end_array();
            w_.end_object();
        }
    }

    void document()
    {
        w_.begin_object();
        member("document_id", [&] { w_.string("DM" + digits(17) + hex(5)); });
        member("name", [&] { w_.string(word_name(3)); });
        member("create_time", [&] { w_.integer(timestamp()); });
        member("update_time", [&] { w_.integer(timestamp()); });
        unknown();
        member("version", [&] { w_.string("v" + std::to_string(rng_.below(20) + 1)); });
        member("creator", [&] { w_.string("COC-" + hex(10)); });
        member("modifier", [&] { w_.string("COC-" + hex(10)); });
        member("enterprise_project_id", [&] { w_.string(project_id()); });
        member("risk_level", [&] { w_.string(rng_.pick(risk_levels)); });
        w_.end_object();
    }

    void scheduled_task()
    {
        static constexpr const char* approve[] = {"PASSED", "PENDING", "REJECTED"};
        static constexpr const char* associated[] = {"CUSTOMIZATION", "COMMUNAL"};
        static constexpr const char* statuses[] = {"READY", "PROCESSING", "ABNORMAL", "PAUSED", "CANCELED",
                                                   "FINISHED", "SKIPPED"}; // SKIPPED: undocumented
        static constexpr const char* scheduled[] = {"PERIODIC", "ONCE", "CRON"};
        static constexpr const char* types[] = {"SCRIPT", "RUNBOOK"};
        w_.begin_object();
        member("approve_status", [&] { w_.string(rng_.pick(approve)); });
        member("associated_task_name", [&] { w_.string(word_name(3)); });
        member("associated_task_name_en", [&] { w_.string(word_name(2)); });
        member("associated_task_type", [&] { w_.string(rng_.pick(associated)); });
        member("created_by", [&] { w_.string(hex(32)); });
        member("created_time", [&] { w_.integer(timestamp()); });
        member("created_user_name", [&] { w_.string("ops_admin_" + digits(4)); });
        member("enabled", [&] { w_.boolean(rng_.chance(80)); });
        member("enterprise_project_id", [&] { w_.string(project_id()); });
        member("execution_count", [&] { w_.integer(static_cast<std::int64_t>(rng_.below(5000))); });
        unknown();
        member("id", [&] { w_.string(task_id()); });
        member("last_execution_status", [&] { w_.string(rng_.pick(statuses)); });
        member("last_execution_time", [&] { w_.integer(timestamp()); });
        member("modified_time", [&] { w_.integer(timestamp()); });
        member("name", [&] { w_.string(word_name(3)); });
        member("region_id", [&] { w_.string(rng_.pick(regions)); });
        member("reviewer", [&] { w_.string(hex(32)); });
        member("reviewer_user_name", [&] { w_.string("reviewer_" + digits(3)); });
        member("risk_level", [&] { w_.string(rng_.pick(risk_levels)); });
        member("scheduled_type", [&] { w_.string(rng_.pick(scheduled)); });
        member("task_type", [&] { w_.string(rng_.pick(types)); });
        member("update_by", [&] { w_.string(hex(32)); });
        w_.end_object();
    }

    void hss_job()
    {
        static constexpr const char* namespaces[] = {"kube-system", "default", "monitoring", "istio-system",
                                                     "payments"};
        static constexpr const char* label_keys[] = {"app.kubernetes.io/name", "app.kubernetes.io/instance",
                                                     "k8s-app", "release", "tier"};
        w_.begin_object();
        member("cluster_name", [&] { w_.string(word_name(1) + "-" + digits(4)); });
        member("create_time", [&] { w_.integer(timestamp()); });
        member("execute_time", [&] { w_.integer(timestamp()); });
        member("image_name", [&] {
            w_.string("swr." + std::string(rng_.pick(regions)) + ".myhuaweicloud.com/" + word_name(1) + "/" +
                      word_name(2) + ":1." + digits(2) + "." + digits(1));
        });
        unknown();
        member("match_labels", [&] {
            w_.begin_array();
            for (auto n = rng_.below(4) + 1; n != 0; --n) {
                w_.begin_object();
                member("key", [&] { w_.string(rng_.pick(label_keys)); });
                member("val", [&] { w_.string(word_name(1)); });
                unknown();
                w_.end_object();
            }
            w_.end_array();
        });
        member("name", [&] { w_.string("cceaddon-" + word_name(2)); });
        member("namespace_name", [&] { w_.string(rng_.pick(namespaces)); });
        member("status", [&] { w_.string(rng_.pick(hss_statuses)); });
        member("pods_num", [&] { w_.integer(static_cast<std::int64_t>(rng_.below(64))); });
        w_.end_object();
    }

    void swr_job()
    {
        w_.begin_object();
        member("id", [&] { w_.string(uuid()); });
        member("instance_id", [&] { w_.string(uuid()); });
        member("resource_id", [&] { w_.string(uuid()); });
        member("resource_name", [&] { w_.string(word_name(2)); });
        member("type", [&] { w_.string(rng_.pick(swr_types)); });
        unknown();
        member("status", [&] { w_.string(rng_.pick(swr_statuses)); });
        member("reason", [&] { w_.string(rng_.pick(reasons)); });
        member("created_at", [&] { w_.string(iso_time()); });
        member("updated_at", [&] { w_.string(iso_time()); });
        w_.end_object();
    }

    std::string hex(std::size_t n)
    {
        std::string s(n, '0');
        for (char& c : s)
            c = "0123456789abcdef"[rng_.below(16)];
        return s;
    }
    std::string digits(std::size_t n)
    {
        std::string s(n, '0');
        for (char& c : s)
            c = static_cast<char>('0' + rng_.below(10));
        return s;
    }
    std::string uuid() { return hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12); }
    std::string task_id()
    {
        std::string s = "ST";
        for (int i = 0; i != 24; ++i)
            s += "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[rng_.below(32)];
        return s;
    }
    std::string project_id() { return rng_.chance(30) ? std::string("0") : uuid(); }
    std::string word_name(int n)
    {
        std::string s = rng_.pick(words);
        for (int i = 1; i < n; ++i) {
            s += rng_.chance(50) ? '-' : '_';
            s += rng_.pick(words);
        }
        return s;
    }
    std::int64_t timestamp() { return 1700000000000 + static_cast<std::int64_t>(rng_.below(60000000000)); }
    std::string iso_time()
    {
        char buf[40];
        std::snprintf(buf, sizeof buf, "20%02u-%02u-%02uT%02u:%02u:%02u.%06uZ", unsigned(20 + rng_.below(6)),
                      unsigned(1 + rng_.below(12)), unsigned(1 + rng_.below(28)), unsigned(rng_.below(24)),
                      unsigned(rng_.below(60)), unsigned(rng_.below(60)), unsigned(rng_.below(1000000)));
        return buf;
    }

    shape shape_;
    rng rng_;
    json_writer w_;
};

} // namespace bench

#endif // HWBIND_BENCH_PAYLOADS_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.

// Decoding of the four list responses into the generated models, by hwbind and by its peers,
// side by side in one binary. Every peer fills the same structs; before anything is timed each
// peer's result is compared with hwbind's (a difference aborts the run). A peer that cannot
// decode a payload at all is reported as a benchmark skipped with the reason.
//
// Names: decode/<response>/<shape>/<size>/<peer>. Each iteration decodes into a fresh model,
// destroyed within the iteration, except `hwbind_reuse`, which decodes into the same model
// again and again as `hwbind::decode` allows (the vectors keep their capacity).

#include "hand_handler.hpp"
#include "model_walk.hpp"
#include "payloads.hpp"

#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>
#include <hwbind/services/all.hpp>

#include <benchmark/benchmark.h>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value_to.hpp>
#include <nlohmann/json.hpp>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <simdjson.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// ---- Boost.JSON value_to: conversions for the two vocabulary types it cannot know.
// tag_invoke is found by argument-dependent lookup, so it lives beside the types.
namespace hwbind::meta {

template <class E>
boost::json::result<open_enum<E>> tag_invoke(boost::json::try_value_to_tag<open_enum<E>>,
                                             const boost::json::value& v)
{
    if (const auto* s = v.if_string())
        return open_enum<E>::from_wire(*s);
    return boost::json::make_error_code(boost::json::error::not_string);
}

inline boost::json::result<loose_time> tag_invoke(boost::json::try_value_to_tag<loose_time>,
                                                  const boost::json::value& v)
{
    if (const auto* n = v.if_int64())
        return loose_time::from_number(*n);
    if (const auto* s = v.if_string())
        return loose_time::from_string(std::string(*s));
    return boost::json::make_error_code(boost::json::error::not_number);
}

inline boost::json::result<any_value> tag_invoke(boost::json::try_value_to_tag<any_value>,
                                                 const boost::json::value& v)
{
    return any_value(v);
}

} // namespace hwbind::meta

namespace {

namespace coc = hwbind::coc;
namespace hss = hwbind::hss;
namespace swr = hwbind::swr;
namespace ondemand = simdjson::ondemand;

// ---- adapters of the hand-written walk (model_walk.hpp), one per library

struct boost_dom {
    using value = const boost::json::value;
    static bool is_null(value& v) { return v.is_null(); }
    static std::string_view string(value& v) { return v.as_string(); }
    static std::int64_t int64(value& v) { return v.as_int64(); }
    static bool boolean(value& v) { return v.as_bool(); }
    // A copy with the default storage: the document's monotonic storage dies with it.
    static hwbind::meta::any_value any(value& v) { return boost::json::value(v, boost::json::storage_ptr()); }
    template <class F>
    static void members(value& v, F&& f)
    {
        for (const auto& m : v.as_object())
            f(m.key(), m.value());
    }
    template <class F>
    static void elements(value& v, F&& f)
    {
        for (const auto& e : v.as_array())
            f(e);
    }
};

struct nlohmann_dom {
    using value = const nlohmann::json;
    static bool is_null(value& v) { return v.is_null(); }
    static std::string_view string(value& v) { return v.get_ref<const std::string&>(); }
    static std::int64_t int64(value& v) { return v.get<std::int64_t>(); }
    static bool boolean(value& v) { return v.get<bool>(); }
    static hwbind::meta::any_value any(value& v)
    {
        if (v.is_string())
            return std::string_view(v.get_ref<const std::string&>());
        return boost::json::parse(v.dump());
    }
    template <class F>
    static void members(value& v, F&& f)
    {
        for (auto it = v.begin(); it != v.end(); ++it)
            f(it.key(), it.value());
    }
    template <class F>
    static void elements(value& v, F&& f)
    {
        for (const auto& e : v)
            f(e);
    }
};

struct rapidjson_dom {
    using value = const rapidjson::Value;
    static bool is_null(value& v) { return v.IsNull(); }
    static std::string_view string(value& v)
    {
        if (!v.IsString())
            throw std::runtime_error("rapidjson: expected string");
        return {v.GetString(), v.GetStringLength()};
    }
    static std::int64_t int64(value& v)
    {
        if (!v.IsInt64())
            throw std::runtime_error("rapidjson: expected int64");
        return v.GetInt64();
    }
    static bool boolean(value& v)
    {
        if (!v.IsBool())
            throw std::runtime_error("rapidjson: expected bool");
        return v.GetBool();
    }
    static hwbind::meta::any_value any(value& v)
    {
        if (v.IsString())
            return string(v);
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        v.Accept(writer);
        return boost::json::parse(std::string_view(buffer.GetString(), buffer.GetSize()));
    }
    template <class F>
    static void members(value& v, F&& f)
    {
        for (const auto& m : v.GetObject())
            f(std::string_view(m.name.GetString(), m.name.GetStringLength()), m.value);
    }
    template <class F>
    static void elements(value& v, F&& f)
    {
        for (const auto& e : v.GetArray())
            f(e);
    }
};

// On-Demand values are consumed as they are read; those not read are skipped by the parser.
struct simdjson_ondemand {
    using value = ondemand::value;
    static bool is_null(value& v) { return v.is_null(); }
    static std::string_view string(value& v) { return v.get_string(); }
    static std::int64_t int64(value& v) { return v.get_int64(); }
    static bool boolean(value& v) { return v.get_bool(); }
    static hwbind::meta::any_value any(value& v)
    {
        switch (v.type()) {
        case ondemand::json_type::string: return string(v);
        case ondemand::json_type::object: return parse_raw(ondemand::object(v.get_object()).raw_json());
        case ondemand::json_type::array: return parse_raw(ondemand::array(v.get_array()).raw_json());
        default: return parse_raw(v.raw_json_token());
        }
    }
    static boost::json::value parse_raw(std::string_view json) { return boost::json::parse(json); }
    template <class F>
    static void members(value& v, F&& f)
    {
        for (ondemand::field field : v.get_object()) {
            const std::string_view key = field.unescaped_key();
            f(key, field.value());
        }
    }
    template <class F>
    static void elements(value& v, F&& f)
    {
        for (value e : v.get_array())
            f(e);
    }
};

// ---- the payloads

struct payload {
    std::string json;
    simdjson::padded_string padded; // simdjson reads past the end: a padded copy, made once
};

/// Decodes a payload into a model; throws on failure.
template <class T>
using decoder = std::function<void(const payload&, T&)>;

template <class T>
struct peer {
    const char* name;
    decoder<T> decode;
};

/// Lenient decoding (`decode_options::lenient`), which must cost nothing on a valid body.
const hwbind::decode_options lenient = [] {
    hwbind::decode_options o;
    o.lenient = true;
    return o;
}();

template <class T>
std::vector<peer<T>> peers()
{
    std::vector<peer<T>> all = {
        {"hwbind",
         [](const payload& p, T& out) {
             hwbind::diagnostics diag;
             if (const auto ec = hwbind::decode(p.json, out, diag))
                 throw std::runtime_error(ec.message() + ": " + diag.message());
         }},
        {"hwbind_lenient",
         [](const payload& p, T& out) {
             hwbind::diagnostics diag;
             if (const auto ec = hwbind::decode(p.json, out, diag, lenient))
                 throw std::runtime_error(ec.message() + ": " + diag.message());
         }},
        {"boost_value_to",
         [](const payload& p, T& out) { out = boost::json::value_to<T>(boost::json::parse(p.json)); }},
        {"boost_dom",
         [](const payload& p, T& out) {
             boost::json::monotonic_resource resource;
             const boost::json::value doc = boost::json::parse(p.json, &resource);
             bench::walk::read<boost_dom>(doc, out);
         }},
        {"nlohmann",
         [](const payload& p, T& out) {
             const nlohmann::json doc = nlohmann::json::parse(p.json);
             bench::walk::read<nlohmann_dom>(doc, out);
         }},
        {"rapidjson",
         [](const payload& p, T& out) {
             rapidjson::Document doc;
             doc.Parse(p.json.data(), p.json.size());
             if (doc.HasParseError())
                 throw std::runtime_error("rapidjson: parse error");
             bench::walk::read<rapidjson_dom>(static_cast<const rapidjson::Value&>(doc), out);
         }},
        {"simdjson",
         [](const payload& p, T& out) {
             static ondemand::parser parser; // reused, as its documentation asks
             ondemand::document doc = parser.iterate(p.padded);
             ondemand::value root = doc.get_value();
             bench::walk::read<simdjson_ondemand>(root, out);
         }},
    };
    // The hand-written basic_parser handler exists for one response (bench/hand_handler.hpp).
    if constexpr (std::is_same_v<T, hss::list_jobs_response>) {
        all.push_back({"hand", [](const payload& p, T& out) {
                           if (!bench::decode_hss_jobs_by_hand(p.json, out))
                               throw std::runtime_error("hand-written handler: cannot decode");
                       }});
    }
    return all;
}

/// Whether --benchmark_filter selects `name`: payloads nothing selects are not even made.
bool selected(const std::string& name)
{
    std::string filter = benchmark::GetBenchmarkFilter();
    if (filter.empty() || filter == "all")
        return true;
    const bool negative = filter.front() == '-';
    if (negative)
        filter.erase(0, 1);
    return std::regex_search(name, std::regex(filter, std::regex::extended)) != negative;
}

[[noreturn]] void abort_run(const std::string& what)
{
    std::fprintf(stderr, "decode_bench: %s\n", what.c_str());
    std::exit(1);
}

/// Decodes into the same model at each iteration, with `decode`.
template <class T>
void register_reuse(const std::string& name, const payload& p, decoder<T> decode)
{
    if (!selected(name))
        return;
    benchmark::RegisterBenchmark(name.c_str(), [&p, decode](benchmark::State& state) {
        T out;
        for (auto _ : state) {
            decode(p, out);
            benchmark::DoNotOptimize(out);
        }
        state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * p.json.size()));
    })->Unit(benchmark::kMicrosecond);
}

/// Checks every peer against hwbind on `p`, then registers the benchmarks of `name`.
template <class T>
void register_payload(const std::string& name, const payload& p)
{
    T reference;
    try {
        peers<T>().front().decode(p, reference);
    } catch (const std::exception& e) {
        abort_run(name + ": hwbind cannot decode its own benchmark payload: " + e.what());
    }

    for (const peer<T>& each : peers<T>()) {
        const std::string full = name + "/" + each.name;
        if (!selected(full))
            continue;
        std::string cannot;
        try {
            T out;
            each.decode(p, out);
            if (!hwbind::meta::deep_equal(out, reference))
                abort_run(full + ": result differs from hwbind's");
        } catch (const std::exception& e) {
            // Only Boost.JSON's value_to may refuse a payload: its conversion of described
            // structs wants every member present and no other (error::unknown_name,
            // error::size_mismatch). Any other peer failing is a bug of this benchmark.
            if (std::string_view(each.name) != "boost_value_to")
                abort_run(full + ": " + e.what());
            cannot = std::string("cannot decode: ") + e.what();
        }
        if (!cannot.empty()) {
            benchmark::RegisterBenchmark(full.c_str(),
                                         [cannot](benchmark::State& state) { state.SkipWithError(cannot.c_str()); });
            continue;
        }
        benchmark::RegisterBenchmark(full.c_str(), [&p, decode = each.decode](benchmark::State& state) {
            for (auto _ : state) {
                T out;
                decode(p, out);
                benchmark::DoNotOptimize(out);
            }
            state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * p.json.size()));
        })->Unit(benchmark::kMicrosecond);
    }

    // The reusing peers are checked too: decoding the payload a second time into the same
    // model must give the same result as into a new one.
    for (const peer<T>& each : peers<T>()) {
        const std::string_view n = each.name;
        if (n != "hwbind" && n != "hwbind_lenient" && n != "hand")
            continue;
        const std::string full = name + "/" + each.name + "_reuse";
        if (!selected(full))
            continue;
        T out;
        each.decode(p, out);
        each.decode(p, out);
        if (!hwbind::meta::deep_equal(out, reference))
            abort_run(full + ": result differs from hwbind's");
        register_reuse<T>(full, p, each.decode);
    }
}

struct size_class {
    const char* name;
    std::size_t bytes;
};

/// Every payload: kept alive for the whole run, since the benchmarks refer to them.
std::vector<std::unique_ptr<payload>> all_payloads;

template <class T>
void register_response(const char* response, std::string (bench::payload_writer::*write)(std::size_t),
                       std::uint64_t seed)
{
    static constexpr size_class sizes[] = {{"100KB", 100 * 1024}, {"5MB", 5 * 1024 * 1024}};
    for (const auto s : {bench::shape::dense, bench::shape::sparse}) {
        for (const size_class& size : sizes) {
            const std::string name = std::string("decode/") + response + "/" +
                                     (s == bench::shape::dense ? "dense" : "sparse") + "/" + size.name;
            bench::payload_writer writer(s, seed++);
            const auto all = peers<T>();
            const auto selects = [&](const peer<T>& e) { return selected(name + "/" + e.name); };
            if (!selected(name + "/hwbind_reuse") && std::none_of(all.begin(), all.end(), selects))
                continue;
            std::string json = (writer.*write)(size.bytes);
            auto p = std::make_unique<payload>(payload{json, simdjson::padded_string(json)});
            register_payload<T>(name, *p);
            all_payloads.push_back(std::move(p));
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
#ifdef __GLIBC__
    // A warm heap, as in a long-running client. Left to itself glibc hands the large vectors
    // back to the system after each iteration (mmap, trimming), at a cost that depends on the
    // layout of the heap, and so on which benchmarks the run includes.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    register_response<coc::list_documents_response>("coc.list_documents",
                                                    &bench::payload_writer::coc_list_documents, 1000);
    register_response<coc::list_scheduled_tasks_response>("coc.list_scheduled_tasks",
                                                          &bench::payload_writer::coc_list_scheduled_tasks, 2000);
    register_response<hss::list_jobs_response>("hss.list_jobs", &bench::payload_writer::hss_list_jobs, 3000);
    register_response<swr::list_instance_jobs_response>("swr.list_instance_jobs",
                                                        &bench::payload_writer::swr_list_instance_jobs, 4000);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

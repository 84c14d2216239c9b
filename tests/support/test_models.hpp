// Models for the codec tests, written by hand in exactly the shape generator/generate.py
// emits: described structs, `wire_fields` tables in member order, enums described with an
// optional `wire_names` hook. Together they hold every kind of member a spec can produce.
#ifndef HWBIND_TESTS_SUPPORT_TEST_MODELS_HPP
#define HWBIND_TESTS_SUPPORT_TEST_MODELS_HPP

#include <hwbind/meta.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hwbind::testsvc {

/// Risk level: wire values are valid identifiers.
enum class level { HIGH, MEDIUM, LOW };
BOOST_DESCRIBE_ENUM(level, HIGH, MEDIUM, LOW)

/// Phase: one wire value is not an identifier, so the enum has a `wire_names` hook.
enum class phase_kind { ready, in_progress, done };
BOOST_DESCRIBE_ENUM(phase_kind, ready, in_progress, done)
constexpr std::array<std::string_view, 3> wire_names(meta::tag<phase_kind>) noexcept
{
    return {"READY", "in-progress", "DONE"};
}

/// A key/value label; `key` is required.
struct label {
    std::string key;
    std::optional<std::string> value;
};
BOOST_DESCRIBE_STRUCT(label, (), (key, value))
constexpr std::array<meta::field, 2> wire_fields(meta::tag<label>) noexcept
{
    return {meta::member("key").required(), meta::member("value")};
}

/// A schedule; its times may come as numbers or numeric strings.
struct schedule_info {
    std::optional<std::int64_t> start_time;
    std::optional<std::int32_t> interval;
    std::vector<std::int64_t> run_times;
};
BOOST_DESCRIBE_STRUCT(schedule_info, (), (start_time, interval, run_times))
constexpr std::array<meta::field, 3> wire_fields(meta::tag<schedule_info>) noexcept
{
    return {meta::member("start_time").numeric_string(), meta::member("interval"),
            meta::member("run_times").numeric_string()};
}

/// A scheduled task: required and optional members of every kind.
struct task {
    std::string id;
    std::optional<std::string> name;
    bool enabled = false;
    std::optional<std::int32_t> execution_count;
    std::optional<std::int64_t> create_time;
    std::optional<double> ratio;
    std::optional<meta::open_enum<level>> risk_level;
    std::optional<meta::open_enum<phase_kind>> phase;
    std::optional<meta::any_value> approve_status;
    std::optional<std::string> modifier;
    std::string owner;
    std::vector<label> labels;
    std::vector<std::string> tags;
    std::optional<schedule_info> schedule;
    std::optional<std::string> next_marker;
};
BOOST_DESCRIBE_STRUCT(task, (), (id, name, enabled, execution_count, create_time, ratio, risk_level, phase,
                                 approve_status, modifier, owner, labels, tags, schedule, next_marker))
constexpr std::array<meta::field, 15> wire_fields(meta::tag<task>) noexcept
{
    return {
        meta::member("id").required(),
        meta::member("name"),
        meta::member("enabled").required(),
        meta::member("execution_count"),
        meta::member("create_time").numeric_string(),
        meta::member("ratio"),
        meta::member("risk_level"),
        meta::member("phase"),
        meta::member("approve_status"),
        meta::member("modifier").nullable(),
        meta::member("owner").required().nullable(),
        meta::member("labels"),
        meta::member("tags"),
        meta::member("schedule"),
        meta::member("next_maker"),
    };
}

/// A page of tasks, as a list operation returns it.
struct list_tasks_response {
    std::vector<task> scheduled_tasks;
    std::int64_t total = 0;
    std::optional<std::int32_t> page;
    std::vector<std::int32_t> counts;
    std::vector<meta::any_value> extras;
};
BOOST_DESCRIBE_STRUCT(list_tasks_response, (), (scheduled_tasks, total, page, counts, extras))
constexpr std::array<meta::field, 5> wire_fields(meta::tag<list_tasks_response>) noexcept
{
    return {meta::member("scheduled_tasks"), meta::member("total").required(), meta::member("page"),
            meta::member("counts"), meta::member("extras")};
}

/// One member of every scalar and array kind.
struct scalars {
    std::int32_t i32 = 0;
    std::int64_t i64 = 0;
    std::optional<std::int32_t> opt_i32;
    std::optional<std::int64_t> opt_i64;
    std::optional<std::int32_t> str_i32;
    std::optional<double> real;
    std::optional<bool> flag;
    std::optional<std::string> text;
    meta::any_value anything;
    std::vector<bool> bits;
    std::vector<double> reals;
    std::vector<meta::open_enum<level>> levels;
    std::vector<std::string> words;
    std::optional<label> single;
};
BOOST_DESCRIBE_STRUCT(scalars, (), (i32, i64, opt_i32, opt_i64, str_i32, real, flag, text, anything, bits, reals,
                                    levels, words, single))
constexpr std::array<meta::field, 14> wire_fields(meta::tag<scalars>) noexcept
{
    return {
        meta::member("i32").required(),
        meta::member("i64").required(),
        meta::member("opt_i32"),
        meta::member("opt_i64"),
        meta::member("str_i32").numeric_string(),
        meta::member("real"),
        meta::member("flag"),
        meta::member("text"),
        meta::member("anything"),
        meta::member("bits"),
        meta::member("reals"),
        meta::member("levels"),
        meta::member("words"),
        meta::member("single"),
    };
}

/// A model with no members: every key is unknown.
struct empty_model {};
BOOST_DESCRIBE_STRUCT(empty_model, (), ())
constexpr std::array<meta::field, 0> wire_fields(meta::tag<empty_model>) noexcept
{
    return {};
}

} // namespace hwbind::testsvc

#endif // HWBIND_TESTS_SUPPORT_TEST_MODELS_HPP

// Tests of the response side of the codec: decoding JSON into models (tolerance and every
// adversarial class), encoding back with exact round trips, typed API errors, and the seed
// examples of the specs decoded into the generated bindings.
#include "support/test_models.hpp"

#include <golden_full/all.hpp>
#include <hwbind/runtime/codec/api_error.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>
#include <hwbind/runtime/codec/json_encode.hpp>
#include <hwbind/services/all.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/json/parse.hpp>
#include <boost/mp11/algorithm.hpp>
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ts = hwbind::testsvc;
using hwbind::diagnostics;
using hwbind::error;

namespace {

/// Decodes `json` as `T`, expecting failure `expected`; returns the diagnostics message.
template <class T>
std::string decode_error(std::string_view json, error expected, const hwbind::decode_options& options = {})
{
    T out;
    diagnostics diag;
    const auto ec = hwbind::decode(json, out, diag, options);
    CHECK(ec == expected);
    CHECK(ec == hwbind::condition::invalid_response);
    return diag.message();
}

/// A valid task with the given extra members.
std::string task_json(std::string_view extra = {})
{
    std::string s = R"({"id":"t1","enabled":true,"owner":"me")";
    if (!extra.empty()) {
        s += ',';
        s += extra;
    }
    return s + '}';
}

/// A page holding the given task objects.
std::string page_json(std::string_view tasks) { return R"({"total":1,"scheduled_tasks":[)" + std::string(tasks) + "]}"; }

template <class T>
void check_round_trip(const T& value)
{
    const std::string json = hwbind::encode(value);
    CAPTURE(json);
    T back;
    diagnostics diag;
    REQUIRE_MESSAGE(!hwbind::decode(json, back, diag), diag.message());
    CHECK(hwbind::meta::deep_equal(value, back));
    CHECK(hwbind::encode(back) == json);
}

} // namespace

TEST_CASE("decode fills every kind of member")
{
    const auto page = hwbind::decode<ts::list_tasks_response>(R"({
        "total": 74, "page": 2, "counts": [1, -2, 3], "extras": ["x", {"k": [1, null]}, 2.5],
        "scheduled_tasks": [{
            "id": "t1", "name": "nightly", "enabled": true, "execution_count": 12,
            "create_time": 1751289421846, "ratio": 0.1, "risk_level": "HIGH", "phase": "in-progress",
            "approve_status": "PASSED", "modifier": "alice", "owner": "bob",
            "labels": [{"key": "app.kubernetes.io/name", "value": "web"}, {"key": "tier"}],
            "tags": ["a", "b"], "schedule": {"start_time": 5, "interval": 60, "run_times": [1, "2"]},
            "next_maker": "ST****"
        }]
    })");
    CHECK(page.total == 74);
    CHECK(page.page == 2);
    CHECK(page.counts == std::vector<std::int32_t>{1, -2, 3});
    REQUIRE(page.extras.size() == 3);
    CHECK(page.extras[0].as_string() == "x");
    CHECK(page.extras[1] == hwbind::meta::any_value(boost::json::parse(R"({"k":[1,null]})")));
    CHECK(page.extras[2].json().as_double() == 2.5);
    REQUIRE(page.scheduled_tasks.size() == 1);
    const ts::task& t = page.scheduled_tasks[0];
    CHECK(t.id == "t1");
    CHECK(t.name == "nightly");
    CHECK(t.enabled);
    CHECK(t.execution_count == 12);
    CHECK(t.create_time == 1751289421846);
    CHECK(t.ratio == 0.1);
    CHECK(t.risk_level == ts::level::HIGH);
    CHECK(t.phase == ts::phase_kind::in_progress);
    REQUIRE(t.approve_status);
    CHECK(t.approve_status->as_string() == "PASSED");
    CHECK(t.modifier == "alice");
    CHECK(t.owner == "bob");
    REQUIRE(t.labels.size() == 2);
    CHECK(t.labels[0].key == "app.kubernetes.io/name");
    CHECK(t.labels[0].value == "web");
    CHECK(t.labels[1].key == "tier");
    CHECK_FALSE(t.labels[1].value);
    CHECK(t.tags == std::vector<std::string>{"a", "b"});
    REQUIRE(t.schedule);
    CHECK(t.schedule->start_time == 5);
    CHECK(t.schedule->interval == 60);
    CHECK(t.schedule->run_times == std::vector<std::int64_t>{1, 2});
    CHECK(t.next_marker == "ST****");
}

TEST_CASE("arrays decode whole whatever the lengths of the arrays decoded before")
{
    // Vectors reserve from the last array of their type, scaled by the body's size: a long
    // array, then a short one in a long body, an empty one and a long one again must all come
    // out exactly as sent.
    const auto reals_of = [](std::size_t n, std::size_t padding) {
        std::string json = R"({"i32": 0, "i64": 0, "real": 0, "flag": true, "text": ")" + std::string(padding, 'x') +
                           R"(", "str_i32": "1", "reals": [)";
        std::vector<double> expected;
        for (std::size_t i = 0; i < n; ++i) {
            json += (i == 0 ? "" : ",") + std::to_string(i);
            expected.push_back(static_cast<double>(i));
        }
        return std::make_pair(json + "]}", expected);
    };
    for (const auto& [n, padding] : {std::pair<std::size_t, std::size_t>{3000, 0}, {2, 100000}, {0, 10}, {5000, 0}}) {
        CAPTURE(n);
        const auto [json, expected] = reals_of(n, padding);
        CHECK(hwbind::decode<ts::scalars>(json).reals == expected);
    }
}

TEST_CASE("decode fills scalars and arrays of every type")
{
    const auto s = hwbind::decode<ts::scalars>(R"({
        "i32": -2147483648, "i64": 9223372036854775807, "opt_i32": 2147483647, "opt_i64": -9223372036854775808,
        "str_i32": "-17", "real": 3, "flag": false, "text": "", "anything": {"a": [true, {"b": null}]},
        "bits": [true, false, true], "reals": [1, 0.5, -1e300, 5e-324, 18446744073709551615],
        "levels": ["LOW", "CRITICAL"], "words": [], "single": {"key": "k"}
    })");
    CHECK(s.i32 == std::numeric_limits<std::int32_t>::min());
    CHECK(s.i64 == std::numeric_limits<std::int64_t>::max());
    CHECK(s.opt_i32 == std::numeric_limits<std::int32_t>::max());
    CHECK(s.opt_i64 == std::numeric_limits<std::int64_t>::min());
    CHECK(s.str_i32 == -17);
    CHECK(s.real == 3.0);
    CHECK(s.flag == false);
    CHECK(s.text == "");
    CHECK(s.anything == hwbind::meta::any_value(boost::json::parse(R"({"a":[true,{"b":null}]})")));
    CHECK(s.bits == std::vector<bool>{true, false, true});
    CHECK(s.reals == std::vector<double>{1, 0.5, -1e300, 5e-324, 18446744073709551615.0});
    REQUIRE(s.levels.size() == 2);
    CHECK(s.levels[0] == ts::level::LOW);
    CHECK_FALSE(s.levels[1].is_known());
    CHECK(s.levels[1].wire() == "CRITICAL");
    CHECK(s.words.empty());
    REQUIRE(s.single);
    CHECK(s.single->key == "k");
}

TEST_CASE("decode converts doubles exactly")
{
    // Values whose nearest double a fast approximate conversion can miss.
    for (const char* text : {"0.1", "2.2250738585072011e-308", "9007199254740993", "0.30000000000000004",
                             "1.7976931348623157e308", "123456789012345678901234567890", "1.3927926388013963e-143",
                             "8.0863067236109623e+24", "1.7161392603081718e+277"}) {
        CAPTURE(text);
        const auto s = hwbind::decode<ts::scalars>(std::string(R"({"i32":0,"i64":0,"real":)") + text + "}");
        CHECK(*s.real == std::strtod(text, nullptr));
    }
}

TEST_CASE("decode ignores unknown members, flat and nested at any depth")
{
    const auto page = hwbind::decode<ts::list_tasks_response>(
        R"({"unknown":1,"total":3,"u2":{"a":[{"b":[[[{}]]]},null,"x"],"c":{"d":{"e":[1,2,{"f":"g"}]}}},)"
        R"("scheduled_tasks":[{"id":"a","x":[[],[[]],{}],"enabled":false,"owner":"o","y":{"z":null},)"
        R"("schedule":{"w":[1],"interval":5,"v":{"k":"total"}}},{"id":"b","enabled":true,"owner":"p"}],)"
        R"("u3":"tail","u4":true,"u5":null,"u6":-1.5e10})");
    CHECK(page.total == 3);
    REQUIRE(page.scheduled_tasks.size() == 2);
    CHECK(page.scheduled_tasks[0].id == "a");
    CHECK_FALSE(page.scheduled_tasks[0].enabled);
    REQUIRE(page.scheduled_tasks[0].schedule);
    CHECK(page.scheduled_tasks[0].schedule->interval == 5);
    CHECK(page.scheduled_tasks[1].id == "b");

    const auto nothing = hwbind::decode<ts::empty_model>(R"({"a":{"b":[1,{"c":[]}]},"d":"e"})");
    CHECK(hwbind::encode(nothing) == "{}");
}

TEST_CASE("decode finds members in any order, the order changing from one object to the next")
{
    // Each element below breaks the order of the one before: declaration order, reversed,
    // unknown keys interleaved, members repeated (the last wins), then declaration order again.
    const auto page = hwbind::decode<ts::list_tasks_response>(page_json(
        R"({"id":"a","enabled":true,"owner":"o1"},)"
        R"({"owner":"o2","enabled":false,"id":"b"},)"
        R"({"x":1,"enabled":true,"y":2,"owner":"o3","z":3,"id":"c"},)"
        R"({"id":"d0","owner":"o4","id":"d","enabled":false,"enabled":true},)"
        R"({"id":"e","enabled":false,"owner":"o5"})"));
    REQUIRE(page.scheduled_tasks.size() == 5);
    const char* ids[] = {"a", "b", "c", "d", "e"};
    const char* owners[] = {"o1", "o2", "o3", "o4", "o5"};
    const bool enabled[] = {true, false, true, true, false};
    for (std::size_t i = 0; i < 5; ++i) {
        CAPTURE(i);
        CHECK(page.scheduled_tasks[i].id == ids[i]);
        CHECK(page.scheduled_tasks[i].owner == owners[i]);
        CHECK(page.scheduled_tasks[i].enabled == enabled[i]);
    }
}

TEST_CASE("member lookup finds every member and no other when all the names hash alike")
{
    using hwbind::detail::key_digest;
    using hwbind::detail::member_info;
    constexpr std::size_t count = 6;
    constexpr std::size_t slot_count = hwbind::detail::member_slot_count(count);
    static_assert(slot_count == 16);

    // The digest holds a name's length and its first, middle and last characters, so names
    // of the form "k?m?k" that differ only at the ?s collide whatever the multiplier. The
    // middle character is chosen so that the table's probes run from its last slot into its
    // first: each lookup then probes past the others, wrapping around.
    std::vector<std::string> names(count);
    std::array<member_info, count> members{};
    hwbind::detail::member_table<slot_count> table{};
    bool wraps = false;
    for (char middle = '!'; middle <= '~' && !wraps; ++middle) {
        for (std::size_t i = 0; i != count; ++i) {
            names[i] = {'k', char('a' + i), middle, char('a' + i), 'k'};
            members[i].name = names[i];
        }
        table = hwbind::detail::member_slots<slot_count>(members);
        wraps = table.slots[slot_count - 1] != 0 && table.slots[0] != 0;
    }
    REQUIRE(wraps);
    const hwbind::detail::model_info model{members.data(), count, 0, table.slots.data(), slot_count - 1,
                                           table.multiplier};
    const char middle = names[0][2];
    const std::string strangers[] = {{'k', 'x', middle, 'y', 'k'}, {'k', 'a', middle, 'b', 'k'}};

    for (std::size_t i = 0; i != count; ++i) {
        CAPTURE(names[i]);
        CHECK(key_digest(names[i]) == key_digest(names[0]));
        CHECK(hwbind::detail::find_member(model, names[i]) == i);
    }
    for (const std::string& stranger : strangers) {
        CAPTURE(stranger);
        CHECK(key_digest(stranger) == key_digest(names[0]));
        CHECK(hwbind::detail::find_member(model, stranger) == count);
    }
    CHECK(hwbind::detail::find_member(model, "") == count);
    CHECK(hwbind::detail::find_member(model, names[0].substr(0, 4)) == count);
}

TEST_CASE("member lookup compares names of every length in full")
{
    using hwbind::detail::member_info;
    // Names of 1 to 24 characters, each against keys that differ from it in one position
    // only: the comparison reads words, overlapping at the end, and must see every byte.
    for (std::size_t length = 1; length <= 24; ++length) {
        const std::string name(length, 'n');
        std::array<member_info, 1> members{};
        members[0].name = name;
        const auto table = hwbind::detail::member_slots<2>(members);
        const hwbind::detail::model_info model{members.data(), 1, 0, table.slots.data(), 1, table.multiplier};
        CAPTURE(length);
        CHECK(hwbind::detail::find_member(model, name) == 0);
        for (std::size_t at = 0; at != length; ++at) {
            std::string key = name;
            key[at] = 'x';
            CAPTURE(at);
            CHECK(hwbind::detail::find_member(model, key) == 1);
        }
    }
}

TEST_CASE("decode accepts null and absence for optional members and arrays")
{
    const auto page = hwbind::decode<ts::list_tasks_response>(
        page_json(task_json(R"("name":null,"execution_count":null,"create_time":null,"ratio":null,)"
                            R"("risk_level":null,"phase":null,"approve_status":null,"modifier":null,)"
                            R"("labels":null,"tags":null,"schedule":null,"next_maker":null)")
                  + "," + task_json()));
    REQUIRE(page.scheduled_tasks.size() == 2);
    for (const ts::task& t : page.scheduled_tasks) {
        CHECK_FALSE(t.name);
        CHECK_FALSE(t.execution_count);
        CHECK_FALSE(t.create_time);
        CHECK_FALSE(t.ratio);
        CHECK_FALSE(t.risk_level);
        CHECK_FALSE(t.phase);
        CHECK_FALSE(t.approve_status);
        CHECK_FALSE(t.modifier);
        CHECK(t.labels.empty());
        CHECK(t.tags.empty());
        CHECK_FALSE(t.schedule);
        CHECK_FALSE(t.next_marker);
    }
    CHECK(hwbind::decode<ts::list_tasks_response>(R"({"total":0,"scheduled_tasks":null,"counts":null})")
              .scheduled_tasks.empty());

    // A required member documented as nullable takes null as its default value.
    const auto nulled = hwbind::decode<ts::list_tasks_response>(page_json(R"({"id":"t","enabled":true,"owner":null})"));
    CHECK(nulled.scheduled_tasks.at(0).owner.empty());
}

TEST_CASE("decode reports null for a required member that is not nullable")
{
    CHECK(decode_error<ts::list_tasks_response>(page_json(R"({"id":null,"enabled":true,"owner":""})"),
                                                error::type_mismatch)
          == "scheduled_tasks[0].id: expected string, got null");
    CHECK(decode_error<ts::list_tasks_response>(R"({"total":null})", error::type_mismatch)
          == "total: expected integer, got null");
    CHECK(decode_error<ts::list_tasks_response>(page_json(task_json(R"("labels":[null])")), error::type_mismatch)
          == "scheduled_tasks[0].labels[0]: expected object, got null");
}

TEST_CASE("decode reports a missing required member with its path")
{
    CHECK(decode_error<ts::list_tasks_response>(R"({"scheduled_tasks":[]})", error::missing_field)
          == "total: required field missing");
    const std::string tasks = task_json() + "," + task_json() + "," + task_json() + R"(,{"id":"t4","owner":"x"})";
    CHECK(decode_error<ts::list_tasks_response>(page_json(tasks), error::missing_field)
          == "scheduled_tasks[3].enabled: required field missing");
    CHECK(decode_error<ts::list_tasks_response>(page_json(task_json(R"("labels":[{"key":"a"},{"value":"b"}])")),
                                                error::missing_field)
          == "scheduled_tasks[0].labels[1].key: required field missing");
    CHECK(decode_error<ts::scalars>(R"({"i64":1})", error::missing_field) == "i32: required field missing");
}

TEST_CASE("decode reports a value of the wrong type with its path")
{
    const std::string tasks = task_json() + "," + task_json() + "," + task_json() +
                              R"(,{"id":"t4","enabled":"yes","owner":"x"})";
    CHECK(decode_error<ts::list_tasks_response>(page_json(tasks), error::type_mismatch)
          == "scheduled_tasks[3].enabled: expected bool, got string");
    CHECK(decode_error<ts::list_tasks_response>(R"({"total":"7"})", error::type_mismatch)
          == "total: expected integer, got string");
    CHECK(decode_error<ts::list_tasks_response>(R"({"total":1,"scheduled_tasks":{}})", error::type_mismatch)
          == "scheduled_tasks: expected array, got object");
    CHECK(decode_error<ts::list_tasks_response>(page_json(task_json(R"("tags":["a",1])")), error::type_mismatch)
          == "scheduled_tasks[0].tags[1]: expected string, got number");
    CHECK(decode_error<ts::list_tasks_response>(page_json(task_json(R"("schedule":[])")), error::type_mismatch)
          == "scheduled_tasks[0].schedule: expected object, got array");
    CHECK(decode_error<ts::list_tasks_response>(page_json(task_json(R"("risk_level":1)")), error::type_mismatch)
          == "scheduled_tasks[0].risk_level: expected string, got number");
    CHECK(decode_error<ts::list_tasks_response>(page_json(task_json(R"("ratio":true)")), error::type_mismatch)
          == "scheduled_tasks[0].ratio: expected number, got bool");
    CHECK(decode_error<ts::list_tasks_response>(page_json(task_json(R"("name":{"a":1})")), error::type_mismatch)
          == "scheduled_tasks[0].name: expected string, got object");
    CHECK(decode_error<ts::scalars>(R"({"i32":0,"i64":0,"bits":[true,1]})", error::type_mismatch)
          == "bits[1]: expected bool, got number");
    CHECK(decode_error<ts::list_tasks_response>(page_json(task_json(R"("schedule":{"run_times":["x"]})")),
                                                error::type_mismatch)
          == "scheduled_tasks[0].schedule.run_times[0]: expected integer or numeric string, got non-numeric string");
}

TEST_CASE("decode reports integers out of range and numbers that are not integers")
{
    auto scalars = [](std::string_view members) { return R"({"i32":0,"i64":0,)" + std::string(members) + "}"; };
    CHECK(decode_error<ts::scalars>(scalars(R"("opt_i64":9223372036854775808)"), error::integer_overflow)
          == "opt_i64: 9223372036854775808 is out of range of int64");
    CHECK(decode_error<ts::scalars>(scalars(R"("opt_i64":18446744073709551616)"), error::integer_overflow)
          == "opt_i64: 18446744073709551616 is out of range of int64");
    CHECK(decode_error<ts::scalars>(scalars(R"("opt_i64":-9223372036854775809)"), error::integer_overflow)
          == "opt_i64: -9223372036854775809 is out of range of int64");
    CHECK(decode_error<ts::scalars>(scalars(R"("opt_i32":2147483648)"), error::integer_overflow)
          == "opt_i32: 2147483648 is out of range of int32");
    CHECK(decode_error<ts::scalars>(scalars(R"("opt_i32":-2147483649)"), error::integer_overflow)
          == "opt_i32: -2147483649 is out of range of int32");
    CHECK(decode_error<ts::scalars>(R"({"i32":1.5,"i64":0})", error::not_an_integer)
          == "i32: expected integer, got 1.5");
    CHECK(decode_error<ts::scalars>(scalars(R"("opt_i64":1e3)"), error::not_an_integer)
          == "opt_i64: expected integer, got 1e3");
    CHECK(decode_error<ts::scalars>(scalars(R"("opt_i64":2.0)"), error::not_an_integer)
          == "opt_i64: expected integer, got 2.0");
    CHECK(decode_error<ts::scalars>(scalars(R"("opt_i64":-0.0)"), error::not_an_integer)
          == "opt_i64: expected integer, got -0.0");
}

TEST_CASE("decode reads integers sent as numeric strings where the spec allows it")
{
    auto tasks = [](std::string_view value) { return page_json(task_json(R"("create_time":)" + std::string(value))); };
    CHECK(hwbind::decode<ts::list_tasks_response>(tasks(R"("1751289421846")")).scheduled_tasks[0].create_time
          == 1751289421846);
    CHECK(hwbind::decode<ts::list_tasks_response>(tasks(R"("-9223372036854775808")")).scheduled_tasks[0].create_time
          == std::numeric_limits<std::int64_t>::min());
    // Escapes make the parser deliver the string in parts.
    CHECK(hwbind::decode<ts::list_tasks_response>(tasks(R"("\u0031\u0032")")).scheduled_tasks[0].create_time == 12);
    CHECK(decode_error<ts::list_tasks_response>(tasks(R"("9223372036854775808")"), error::integer_overflow)
          == "scheduled_tasks[0].create_time: 9223372036854775808 is out of range of int64");
    CHECK(decode_error<ts::list_tasks_response>(tasks(R"("12.5")"), error::not_an_integer)
          == R"(scheduled_tasks[0].create_time: expected integer, got string "12.5")");
    CHECK(decode_error<ts::list_tasks_response>(tasks(R"("")"), error::type_mismatch)
          == "scheduled_tasks[0].create_time: expected integer or numeric string, got non-numeric string");
    CHECK(decode_error<ts::list_tasks_response>(tasks(R"(" 12")"), error::type_mismatch)
          == "scheduled_tasks[0].create_time: expected integer or numeric string, got non-numeric string");
    CHECK(decode_error<ts::scalars>(R"({"i32":0,"i64":0,"str_i32":"2147483648"})", error::integer_overflow)
          == "str_i32: 2147483648 is out of range of int32");
}

TEST_CASE("decode keeps enumeration values it does not know")
{
    const auto page = hwbind::decode<ts::list_tasks_response>(
        page_json(task_json(R"("risk_level":"SEVERE","phase":"in\u002dprogress")") + "," +
                  task_json(R"("risk_level":"","phase":"in_progress")")));
    const ts::task& a = page.scheduled_tasks.at(0);
    CHECK_FALSE(a.risk_level->is_known());
    CHECK(a.risk_level->wire() == "SEVERE");
    CHECK(a.phase == ts::phase_kind::in_progress);
    const ts::task& b = page.scheduled_tasks.at(1);
    CHECK_FALSE(b.risk_level->is_known());
    CHECK(b.risk_level->wire() == "");
    CHECK_FALSE(b.phase->is_known());
    CHECK(b.phase->wire() == "in_progress");
}

TEST_CASE("decode keeps any JSON in an any_value member")
{
    auto approve = [](std::string_view value) {
        return hwbind::decode<ts::list_tasks_response>(page_json(task_json(R"("approve_status":)" + std::string(value))))
            .scheduled_tasks.at(0)
            .approve_status;
    };
    CHECK(approve(R"("PASSED")")->as_string() == "PASSED");
    CHECK(approve(R"("PA\"SS\u00e9D")")->as_string() == "PA\"SS\xc3\xa9" "D");
    CHECK(approve("42")->json() == boost::json::value(42));
    CHECK(approve("-1")->json().as_int64() == -1);
    CHECK(approve("18446744073709551615")->json().as_uint64() == 18446744073709551615u);
    CHECK(approve("0.1")->json().as_double() == 0.1);
    CHECK(approve("false")->json() == boost::json::value(false));
    CHECK_FALSE(approve("null"));
    const auto nested = approve(R"({"state":"PASSED","by":["a",{"b":[1.5,null,true]}],"e":{}})");
    CHECK(*nested == hwbind::meta::any_value(boost::json::parse(R"({"state":"PASSED","by":["a",{"b":[1.5,null,true]}],"e":{}})")));
    CHECK(nested->to_text() == R"({"state":"PASSED","by":["a",{"b":[1.5E0,null,true]}],"e":{}})");
    CHECK(approve("[]")->json() == boost::json::array());

    const auto s = hwbind::decode<ts::scalars>(R"({"i32":0,"i64":0,"anything":null})");
    CHECK(s.anything.json().is_null());
}

TEST_CASE("decode reads keys and strings that arrive in parts")
{
    // An escape splits a key or a string into parts; a long escaped string fills the
    // parser's buffer several times.
    std::string long_text;
    std::string long_json;
    for (int i = 0; i != 3000; ++i) {
        long_text += "ab\n";
        long_json += "ab\\n";
    }
    const auto page = hwbind::decode<ts::list_tasks_response>(
        page_json(R"({"\u0069d":"x\ty","en\u0061bled":true,"owner":")" + long_json +
                  R"(","unkn\u006fwn":"sk\u0069p","tags":["\u00e9t\u00e9",""]})"));
    const ts::task& t = page.scheduled_tasks.at(0);
    CHECK(t.id == "x\ty");
    CHECK(t.enabled);
    CHECK(t.owner == long_text);
    CHECK(t.tags == std::vector<std::string>{"\xc3\xa9t\xc3\xa9", ""});
}

TEST_CASE("decode limits nesting depth")
{
    auto nested = [](std::string_view member, int depth) {
        return R"({"total":0,")" + std::string(member) + "\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
    };
    // The top-level object is level 1.
    CHECK(hwbind::decode<ts::list_tasks_response>(nested("unknown", 63)).total == 0);
    CHECK(decode_error<ts::list_tasks_response>(nested("unknown", 64), error::too_deep)
          == "nesting deeper than 64 levels");
    CHECK(decode_error<ts::list_tasks_response>(nested("extras", 64), error::too_deep)
          == "extras[0]: nesting deeper than 64 levels");
    CHECK(decode_error<ts::list_tasks_response>(nested("unknown", 100000), error::too_deep)
          == "nesting deeper than 64 levels");

    hwbind::decode_options shallow;
    shallow.max_depth = 4;
    CHECK(hwbind::decode<ts::list_tasks_response>(page_json(task_json(R"("schedule":{"interval":1})")), shallow)
              .scheduled_tasks.at(0)
              .schedule->interval
          == 1);
    CHECK(decode_error<ts::list_tasks_response>(page_json(task_json(R"("labels":[{"key":"k"}])")), error::too_deep,
                                                shallow)
          == "scheduled_tasks[0].labels[0]: nesting deeper than 4 levels");
    CHECK(decode_error<ts::list_tasks_response>(page_json(task_json(R"("approve_status":{"a":[]})")),
                                                error::too_deep, shallow)
          == "scheduled_tasks[0].approve_status: nesting deeper than 4 levels");
}

TEST_CASE("decode rejects bodies that are not JSON")
{
    CHECK(decode_error<ts::list_tasks_response>("", error::invalid_json) == "invalid JSON: empty body");
    CHECK(decode_error<ts::list_tasks_response>(" \r\n\t", error::invalid_json) == "invalid JSON: empty body");
    const std::string bad_name = R"({"total":1,"scheduled_tasks":[{"id":"x","name":"a)" "\xff" R"("}]})";
    CHECK(decode_error<ts::list_tasks_response>(bad_name, error::invalid_json).find("scheduled_tasks[0].name: invalid JSON (")
          == 0);
    // Invalid UTF-8 is caught inside skipped members and truncated sequences too.
    decode_error<ts::list_tasks_response>("{\"total\":1,\"u\":[\"\xc3\x28\"]}", error::invalid_json);
    decode_error<ts::list_tasks_response>("{\"total\":1,\"u\":\"\xed\xa0\x80\"}", error::invalid_json);
    decode_error<ts::list_tasks_response>("{\"total\":1,\"u\xe9\":1}", error::invalid_json);
    CHECK(decode_error<ts::list_tasks_response>(R"({"total":1,"scheduled_tasks":[{"id":"x)", error::invalid_json)
          == "scheduled_tasks[0].id: invalid JSON (incomplete JSON)");
    decode_error<ts::list_tasks_response>(R"({"total":1,"scheduled_tasks":[)", error::invalid_json);
    decode_error<ts::list_tasks_response>(R"({"total":1)", error::invalid_json);
    decode_error<ts::list_tasks_response>(R"({"total":)", error::invalid_json);
    decode_error<ts::list_tasks_response>(R"({"total":1,})", error::invalid_json);
    decode_error<ts::list_tasks_response>(R"({"total":01})", error::invalid_json);
    decode_error<ts::list_tasks_response>(R"({"total":1}/*c*/)", error::invalid_json);
    decode_error<ts::list_tasks_response>("<html><body>502 Bad Gateway</body></html>", error::invalid_json);
    CHECK(decode_error<ts::list_tasks_response>(R"({"total":1} {})", error::invalid_json)
          .find("invalid JSON: unexpected data after the top-level value") == 0);
    CHECK(hwbind::decode<ts::list_tasks_response>(" {\"total\":1}\r\n ").total == 1);
}

TEST_CASE("decode requires a top-level object")
{
    CHECK(decode_error<ts::list_tasks_response>("[]", error::type_mismatch) == "expected object, got array");
    CHECK(decode_error<ts::list_tasks_response>(R"([{"total":1}])", error::type_mismatch)
          == "expected object, got array");
    CHECK(decode_error<ts::list_tasks_response>("1", error::type_mismatch) == "expected object, got number");
    CHECK(decode_error<ts::list_tasks_response>(R"("x")", error::type_mismatch) == "expected object, got string");
    CHECK(decode_error<ts::list_tasks_response>("true", error::type_mismatch) == "expected object, got bool");
    CHECK(decode_error<ts::list_tasks_response>("null", error::type_mismatch) == "expected object, got null");
}

TEST_CASE("decode overwrites the whole output and clears diagnostics")
{
    ts::list_tasks_response page;
    diagnostics diag;
    REQUIRE_FALSE(hwbind::decode(page_json(task_json(R"("name":"n","tags":["a"])")), page, diag));
    CHECK(hwbind::decode(std::string_view("[]"), page, diag) == error::type_mismatch);
    CHECK_FALSE(diag.message().empty());
    REQUIRE_FALSE(hwbind::decode(std::string_view(R"({"total":5})"), page, diag));
    CHECK(diag.message().empty());
    CHECK(page.total == 5);
    CHECK(page.scheduled_tasks.empty());
}

TEST_CASE("the throwing decode carries the error code and diagnostics")
{
    try {
        (void)hwbind::decode<ts::list_tasks_response>(R"({"total":true})");
        FAIL("no exception");
    } catch (const hwbind::error_with_diagnostics& e) {
        CHECK(e.code() == error::type_mismatch);
        CHECK(e.get_diagnostics().message() == "total: expected integer, got bool");
        CHECK(std::string(e.what()).find("total: expected integer, got bool") != std::string::npos);
    }
}

TEST_CASE("encode writes compact JSON by wire name")
{
    ts::task t;
    t.id = "q\"\\\n\x01/\xc3\xa9";
    t.enabled = true;
    t.phase = ts::phase_kind::in_progress;
    t.risk_level = hwbind::meta::open_enum<ts::level>::from_wire("SEVERE");
    t.next_marker = "m";
    t.create_time = -5;
    t.ratio = 0.1;
    t.approve_status = hwbind::meta::any_value(boost::json::parse(R"({"a":[1,"b"]})"));
    t.tags = {"x"};
    CHECK(hwbind::encode(t) ==
          R"({"id":"q\"\\\n\u0001/)" "\xc3\xa9" R"(","enabled":true,"create_time":-5,"ratio":0.1,)"
          R"("risk_level":"SEVERE","phase":"in-progress","approve_status":{"a":[1,"b"]},"owner":"",)"
          R"("labels":[],"tags":["x"],"next_maker":"m"})");

    std::string out = "prefix:";
    hwbind::encode(ts::label{"k", std::nullopt}, out);
    CHECK(out == R"(prefix:{"key":"k"})");
}

TEST_CASE("decode(encode(x)) == x for every model")
{
    ts::task full;
    full.id = "t\x7f\t\"\\";
    full.name = "";
    full.enabled = true;
    full.execution_count = std::numeric_limits<std::int32_t>::min();
    full.create_time = std::numeric_limits<std::int64_t>::max();
    full.ratio = 0.30000000000000004;
    full.risk_level = ts::level::MEDIUM;
    full.phase = hwbind::meta::open_enum<ts::phase_kind>::from_wire("paused");
    full.approve_status = hwbind::meta::any_value(boost::json::parse(R"([1.0,-0.0,1e300,18446744073709551615,{"x":null}])"));
    full.modifier = "m";
    full.owner = "o";
    full.labels = {{"a", "b"}, {"c", std::nullopt}};
    full.tags = {"", "\xe4\xb8\xad"};
    full.schedule = ts::schedule_info{std::numeric_limits<std::int64_t>::min(), 0, {1, -1}};
    full.next_marker = "ST****";

    ts::list_tasks_response page;
    page.scheduled_tasks = {full, ts::task{}};
    page.total = -1;
    page.page = 7;
    page.counts = {0, 1};
    page.extras = {hwbind::meta::any_value("s"), hwbind::meta::any_value(boost::json::value(nullptr)),
                   hwbind::meta::any_value(boost::json::value(2.5))};
    check_round_trip(page);
    check_round_trip(ts::list_tasks_response{});
    check_round_trip(full);
    check_round_trip(ts::task{});
    check_round_trip(ts::label{});
    check_round_trip(ts::schedule_info{});
    check_round_trip(ts::empty_model{});

    ts::scalars s;
    s.i32 = 1;
    s.i64 = std::numeric_limits<std::int64_t>::min();
    s.opt_i32 = 0;
    s.opt_i64 = -1;
    s.str_i32 = 5;
    s.real = 5e-324;
    s.flag = true;
    s.text = std::string("nul\0inside", 10);
    s.anything = hwbind::meta::any_value(boost::json::value(1.0));
    s.bits = {false, true};
    s.reals = {0.0, -2.5, 1e-7, 123456789012345680000.0, 1.7976931348623157e308, 4.9406564584124654e-324};
    s.levels = {ts::level::LOW, hwbind::meta::open_enum<ts::level>::from_wire("NEW")};
    s.words = {"a"};
    s.single = ts::label{"k", "v"};
    check_round_trip(s);
    check_round_trip(ts::scalars{});
}

TEST_CASE("deep_equal compares member by member")
{
    ts::label a{"k", "v"};
    ts::label b = a;
    CHECK(hwbind::meta::deep_equal(a, b));
    b.value.reset();
    CHECK_FALSE(hwbind::meta::deep_equal(a, b));
    ts::list_tasks_response p;
    ts::list_tasks_response q;
    q.scheduled_tasks.emplace_back();
    CHECK_FALSE(hwbind::meta::deep_equal(p, q));
}

TEST_CASE("API errors: error_code and error_msg")
{
    diagnostics diag;
    const auto ec = hwbind::make_api_error(
        400, R"({"error_code":"SWR.0001","error_msg":"bad request","encoded_authorization_message":"enc"})", "abc",
        diag);
    CHECK(ec == error::api_error);
    CHECK(ec == hwbind::condition::service_error);
    CHECK(diag.message() == "HTTP 400 SWR.0001: bad request (request id abc)");
    REQUIRE(diag.api());
    CHECK(diag.api()->http_status == 400);
    CHECK(diag.api()->error_code == "SWR.0001");
    CHECK(diag.api()->error_msg == "bad request");
    CHECK(diag.api()->encoded_authorization_message == "enc");
    CHECK(diag.api()->request_id == "abc");
    CHECK(diag.api()->body.find("SWR.0001") != std::string::npos);
}

TEST_CASE("API errors: code and message, flat or nested one object deep")
{
    const auto flat = hwbind::parse_api_error(403, R"({"code":"HSS.1001","message":"denied"})", "");
    CHECK(flat.http_status == 403);
    CHECK(flat.error_code == "HSS.1001");
    CHECK(flat.error_msg == "denied");
    CHECK(flat.request_id.empty());

    const auto nested = hwbind::parse_api_error(401, R"({"error":{"code":"X","message":"Y","title":"T"}})", "r");
    CHECK(nested.error_code == "X");
    CHECK(nested.error_msg == "Y");

    const auto numeric = hwbind::parse_api_error(500, R"({"other":1,"error":{"code":500,"error_msg":"boom"}})", "");
    CHECK(numeric.error_code == "500");
    CHECK(numeric.error_msg == "boom");

    diagnostics diag;
    (void)hwbind::make_api_error(404, R"({"error":{"error_code":"COC.404","error_msg":"no such\ndocument"}})", "", diag);
    CHECK(diag.message() == "HTTP 404 COC.404: no such document");
    (void)hwbind::make_api_error(409, R"({"message":"conflict"})", "id", diag);
    CHECK(diag.message() == "HTTP 409: conflict (request id id)");
    (void)hwbind::make_api_error(400, R"({"code":"C"})", "", diag);
    CHECK(diag.message() == "HTTP 400 C: (no message)");
}

TEST_CASE("API errors: bodies without an error pair")
{
    diagnostics diag;
    const std::string html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\n<body>" + std::string(300, 'x') +
                             "</body></html>";
    CHECK(hwbind::make_api_error(502, html, "rid", diag) == error::api_error);
    const std::string expected_start = "HTTP 502: non-JSON body: <html> <head><title>502 Bad Gateway</title></head> <body>xxx";
    CHECK(diag.message().rfind(expected_start, 0) == 0);
    CHECK(diag.message().find("... (request id rid)") != std::string::npos);
    CHECK(diag.message().find('\n') == std::string::npos);
    CHECK(diag.message().size() < 260);
    REQUIRE(diag.api());
    CHECK(diag.api()->body == html);
    CHECK(diag.api()->error_code.empty());

    (void)hwbind::make_api_error(503, "", "", diag);
    CHECK(diag.message() == "HTTP 503: empty body");
    (void)hwbind::make_api_error(500, R"({"detail":"x"})", "", diag);
    CHECK(diag.message() == R"(HTTP 500: {"detail":"x"})");
    (void)hwbind::make_api_error(500, "[1]", "", diag);
    CHECK(diag.message() == "HTTP 500: [1]");
    (void)hwbind::make_api_error(500, "bad\xff\x01\xe4\xb8\xad\xc3", "", diag);
    CHECK(diag.message() == "HTTP 500: non-JSON body: bad? \xe4\xb8\xad?");
}

TEST_CASE("printable_excerpt never splits a character")
{
    CHECK(hwbind::detail::printable_excerpt("\xe4\xb8\xad\xe4\xb8\xad", 4) == "\xe4\xb8\xad...");
    CHECK(hwbind::detail::printable_excerpt("  a \t\n b  ", 200) == "a b");
    CHECK(hwbind::detail::printable_excerpt("abcdef", 3) == "abc...");
    CHECK(hwbind::detail::printable_excerpt("abc", 3) == "abc");
    CHECK(hwbind::detail::printable_excerpt("ab" + std::string(10, '\xe4'), 200) == "ab??????????");
}

// ---- every model of every generated service, and the seed examples of the specs ------------

namespace {

namespace mp = boost::mp11;
namespace fs = std::filesystem;

/// Sets every member of `v`, at any depth, to a value that differs from the default and
/// exercises the encoder: extreme integers, escapes, unknown enumeration values. Arrays and
/// maps deeper than `depth` levels stay empty, so that a model holding an array of itself ends.
template <class T>
void fill(T& v, int seed, int depth = 0)
{
    if constexpr (hwbind::meta::is_model<T>::value) {
        mp::mp_for_each<hwbind::meta::members_of<T>>([&](auto d) { fill(v.*d.pointer, seed++, depth); });
    } else if constexpr (hwbind::meta::is_optional<T>::value) {
        fill(v.emplace(), seed, depth);
    } else if constexpr (std::is_same_v<T, std::vector<bool>>) {
        v = {true, false};
    } else if constexpr (hwbind::meta::is_vector<T>::value) {
        v.resize(depth < 3 ? 2 : 0);
        for (auto& element : v)
            fill(element, ++seed, depth + 1);
    } else if constexpr (hwbind::meta::is_map_v<T>) {
        v.clear();
        if (depth < 3) {
            fill(v["k" + std::to_string(seed)], seed + 1, depth + 1);
            fill(v["\"quoted\" \xc3\xa9"], seed + 2, depth + 1);
        }
    } else if constexpr (std::is_same_v<T, bool>) {
        v = seed % 2 == 0;
    } else if constexpr (hwbind::meta::is_wire_integer_v<T>) {
        v = seed % 2 == 0 ? std::numeric_limits<T>::max() - seed : std::numeric_limits<T>::min() + seed;
    } else if constexpr (std::is_same_v<T, double>) {
        v = seed / 3.0;
    } else if constexpr (std::is_same_v<T, std::string>) {
        v = "s" + std::to_string(seed) + "\"\\\n\xc3\xa9";
    } else if constexpr (hwbind::meta::is_open_enum<T>::value) {
        using E = typename T::enum_type;
        v = hwbind::meta::open_enum<E>::from_wire(hwbind::meta::is_integer_enum_v<E> ? "-12345" : "NOT_DOCUMENTED");
        int index = 0;
        mp::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto e) {
            if (seed % 3 != 0 && index++ == seed % 2)
                v = e.value;
        });
    } else if constexpr (std::is_same_v<T, hwbind::meta::loose_time>) {
        v = seed % 2 == 0 ? hwbind::meta::loose_time::from_number(-seed)
                          : hwbind::meta::loose_time::from_string(std::to_string(seed) + " \"o'clock\"");
    } else {
        static_assert(std::is_same_v<T, hwbind::meta::any_value>);
        v = hwbind::meta::any_value(boost::json::parse(R"({"seed":[)" + std::to_string(seed) + R"(,0.5,null,"x"]})"));
    }
}

template <class Service>
void round_trip_models()
{
    mp::mp_for_each<mp::mp_transform<mp::mp_identity, typename Service::models>>([](auto model) {
        using T = typename decltype(model)::type;
        CAPTURE(Service::name);
        check_round_trip(T{});
        T filled;
        fill(filled, 1);
        check_round_trip(filled);
    });
}

std::string read_file(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const fs::path examples_dir = fs::path(HWBIND_SPEC_DIR) / "examples";

/// Decodes `<examples>/<service>/<operation>.<status>.json` into the operation's model of that
/// status, for every operation and documented status of `Service` that has such a file;
/// records the files decoded.
template <class Service>
void decode_examples(std::set<fs::path>& decoded)
{
    auto try_file = [&](std::string_view operation, int status, auto model) {
        using T = typename decltype(model)::type;
        const fs::path file = examples_dir / std::string(Service::name) /
                              (std::string(operation) + "." + std::to_string(status) + ".json");
        if (!fs::exists(file))
            return;
        CAPTURE(file);
        T out;
        diagnostics diag;
        CHECK_MESSAGE(!hwbind::decode(read_file(file), out, diag), diag.message());
        check_round_trip(out);
        decoded.insert(file);
    };
    mp::mp_for_each<typename Service::operations>([&](auto op) {
        using Op = decltype(op);
        try_file(Op::name, Op::success_status, mp::mp_identity<typename Op::response_type>{});
        mp::mp_for_each<typename Op::errors>(
            [&](auto e) { try_file(Op::name, decltype(e)::status, mp::mp_identity<typename decltype(e)::model>{}); });
    });
}

template <class T>
T decode_example(std::string_view relative)
{
    return hwbind::decode<T>(read_file(examples_dir / relative));
}

} // namespace

TEST_CASE("decode(encode(x)) == x for every model of the generated bindings")
{
    round_trip_models<hwbind::coc::service>();
    round_trip_models<hwbind::hss::service>();
    round_trip_models<hwbind::swr::service>();
    round_trip_models<hwbind::inventory::service>(); // the generator's full-feature fixture
    check_round_trip([] {
        ts::scalars s;
        fill(s, 1);
        return s;
    }());
}

/// Decodes each of `bodies` into a model holding the result of each (in turn, every pair):
/// the result must be what decoding into a new model gives.
template <class T>
void check_reuse(const std::vector<std::string>& bodies)
{
    for (const std::string& before : bodies) {
        for (const std::string& body : bodies) {
            CAPTURE(before);
            CAPTURE(body);
            T fresh;
            diagnostics diag;
            REQUIRE_MESSAGE(!hwbind::decode(body, fresh, diag), diag.message());
            T reused;
            REQUIRE_MESSAGE(!hwbind::decode(before, reused, diag), diag.message());
            REQUIRE_MESSAGE(!hwbind::decode(body, reused, diag), diag.message());
            CHECK(hwbind::meta::deep_equal(fresh, reused));
            CHECK(hwbind::encode(reused) == hwbind::encode(fresh));
        }
    }
}

TEST_CASE("decoding into a model that holds a value gives what decoding into a new one gives")
{
    SUBCASE("longer and shorter arrays, members present, null, absent, unknown and repeated")
    {
        ts::list_tasks_response long_page;
        fill(long_page, 1);
        long_page.scheduled_tasks.resize(5);
        fill(long_page.scheduled_tasks[4], 9);
        ts::list_tasks_response other_page;
        fill(other_page, 2);
        check_reuse<ts::list_tasks_response>({
            hwbind::encode(long_page),
            hwbind::encode(other_page),
            hwbind::encode(ts::list_tasks_response{}),
            R"({"total":3})",
            page_json(task_json(R"("name":null,"labels":null,"tags":[],"schedule":{"start_time":1},"x":{"y":[1]})") +
                      "," + task_json(R"("schedule":null,"approve_status":null)")),
            // A repeated key decodes over its first value: the last one wins, members and all.
            page_json(task_json(R"("schedule":{"start_time":1,"interval":2},"schedule":{"run_times":[3]},)"
                                R"("labels":[{"key":"a","value":"b"},{"key":"c"}],"labels":[{"key":"d"}])")),
        });
    }
    SUBCASE("every kind of scalar and array")
    {
        ts::scalars one;
        fill(one, 1);
        ts::scalars two;
        fill(two, 2);
        two.words = {"a", "b", "c", "d"};
        two.bits = {true, true, false};
        check_reuse<ts::scalars>({hwbind::encode(one), hwbind::encode(two), hwbind::encode(ts::scalars{}),
                                  R"({"i32":1,"i64":2,"text":null,"single":null,"words":null,"anything":{"a":[1]}})"});
    }
    SUBCASE("every model of the generated bindings")
    {
        const auto each_model = [](auto service) {
            mp::mp_for_each<mp::mp_transform<mp::mp_identity, typename decltype(service)::models>>([](auto model) {
                using T = typename decltype(model)::type;
                CAPTURE(decltype(service)::name);
                T one;
                fill(one, 1);
                T two;
                fill(two, 5);
                check_reuse<T>({hwbind::encode(one), hwbind::encode(two), hwbind::encode(T{})});
            });
        };
        each_model(hwbind::coc::service{});
        each_model(hwbind::hss::service{});
        each_model(hwbind::swr::service{});
        each_model(hwbind::inventory::service{});
    }
}

TEST_CASE("decoding into a model that holds a value reuses its strings and array elements")
{
    const std::string long_name(100, 'n');
    const std::string body = page_json(task_json(R"("name":")" + long_name + R"(","tags":[")" + long_name + R"("])") +
                                       "," + task_json());
    ts::list_tasks_response page;
    diagnostics diag;
    REQUIRE_FALSE(hwbind::decode(body, page, diag));
    REQUIRE(page.scheduled_tasks.size() == 2);
    const ts::task* const tasks = page.scheduled_tasks.data();
    const char* const name = page.scheduled_tasks[0].name->data();
    const char* const tag = page.scheduled_tasks[0].tags[0].data();

    REQUIRE_FALSE(hwbind::decode(body, page, diag));
    CHECK(page.scheduled_tasks.data() == tasks);
    CHECK(page.scheduled_tasks[0].name->data() == name);
    CHECK(page.scheduled_tasks[0].tags[0].data() == tag);
    CHECK(*page.scheduled_tasks[0].name == long_name);
    CHECK_FALSE(page.scheduled_tasks[1].name.has_value());
}

TEST_CASE("every seed example decodes into its generated model")
{
    std::set<fs::path> decoded;
    decode_examples<hwbind::coc::service>(decoded);
    decode_examples<hwbind::hss::service>(decoded);
    decode_examples<hwbind::swr::service>(decoded);
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(examples_dir)) {
        if (entry.path().extension() != ".json")
            continue;
        ++files;
        const std::string why = entry.path().string() + " is not <operation>.<documented status>.json";
        CHECK_MESSAGE(decoded.count(entry.path()) == 1, why);
    }
    CHECK(files >= 4);
}

TEST_CASE("seed example: COC ListDocuments")
{
    const auto page = decode_example<hwbind::coc::list_documents_response>("coc/list_documents.200.json");
    CHECK(page.total == 74);
    REQUIRE(page.data.size() == 2);
    const auto& a = page.data[0];
    CHECK(a.document_id == "DM2025063021170101xxxxx");
    CHECK(a.name == "qweqwe");
    CHECK(a.create_time->epoch_ms() == 1751289421846);
    CHECK(a.update_time->epoch_ms() == 1751289421846);
    CHECK(a.version == "v1");
    CHECK(a.creator == "COC-xxxxx");
    CHECK_FALSE(a.modifier);
    CHECK(a.enterprise_project_id == "0");
    CHECK(a.risk_level == hwbind::coc::risk_level::HIGH);
    const auto& b = page.data[1];
    CHECK(b.document_id == "DM20250604143026019xxxxx");
    CHECK(b.name == "cfm-job-new-0604001");
    CHECK(b.create_time->epoch_ms() == 1749018626043);
    CHECK(b.update_time->epoch_ms() == 1751075577067);
    CHECK(b.version == "v3");
    CHECK(b.creator == "COC-xxxxx");
    CHECK(b.modifier == "COC-xxxxx");
    CHECK(b.enterprise_project_id == "0");
    CHECK(b.risk_level == hwbind::coc::risk_level::LOW);

    // The page's table types the times as strings: both shapes decode to the same value.
    std::string text = read_file(examples_dir / "coc/list_documents.200.json");
    for (const char* number : {"1751289421846", "1749018626043", "1751075577067"}) {
        for (std::size_t at = text.find(std::string(" ") + number); at != std::string::npos;
             at = text.find(std::string(" ") + number, at + 3))
            text.replace(at + 1, std::char_traits<char>::length(number), '"' + std::string(number) + '"');
    }
    REQUIRE(text.find("\"1751289421846\"") != std::string::npos);
    const auto as_strings = hwbind::decode<hwbind::coc::list_documents_response>(text);
    REQUIRE(as_strings.data.size() == 2);
    CHECK(as_strings.data[0].create_time == hwbind::meta::loose_time::from_string("1751289421846"));
    CHECK(as_strings.data[1].update_time->epoch_ms() == 1751075577067);
    // Each shape encodes back as it came.
    CHECK(hwbind::encode(as_strings).find(R"("update_time":"1751075577067")") != std::string::npos);
    CHECK(hwbind::encode(page).find(R"("update_time":1751075577067)") != std::string::npos);

    // A date as the service has sent it: kept as text, read as UTC.
    text.replace(text.find("\"1751289421846\""), 15, "\"2025-06-30 21:17:01\"");
    const auto as_date = hwbind::decode<hwbind::coc::list_documents_response>(text);
    CHECK(as_date.data[0].create_time->text() == "2025-06-30 21:17:01");
    CHECK(as_date.data[0].create_time->epoch_ms() == 1751318221000);
}

TEST_CASE("seed example: COC ListScheduledTasks")
{
    const auto page = decode_example<hwbind::coc::list_scheduled_tasks_response>("coc/list_scheduled_tasks.200.json");
    CHECK(page.count == 1);
    CHECK(page.next_maker == "ST****");
    REQUIRE(page.scheduled_tasks.size() == 1);
    const auto& t = page.scheduled_tasks[0];
    REQUIRE(t.approve_status);
    CHECK(t.approve_status->as_string() == "PASSED");
    CHECK(t.associated_task_name == "test_scheduled_task");
    CHECK(t.associated_task_name_en == "");
    CHECK(t.associated_task_type == hwbind::coc::associated_task_type::CUSTOMIZATION);
    CHECK(t.created_by == "****");
    CHECK(t.created_time == 1745396111000);
    CHECK(t.created_user_name == "****");
    CHECK(t.enabled == true);
    CHECK(t.enterprise_project_id == "0");
    CHECK(t.execution_count == 1);
    CHECK(t.id == "****");
    CHECK(t.last_execution_status == hwbind::coc::last_execution_status::FINISHED);
    CHECK(t.last_execution_time == 1745396135000);
    CHECK(t.modified_time == 1745396111000);
    CHECK(t.name == "****");
    CHECK(t.region_id == "***");
    CHECK(t.risk_level == hwbind::coc::risk_level::LOW);
    CHECK(t.scheduled_type == hwbind::coc::scheduled_type::ONCE);
    CHECK(t.task_type == hwbind::coc::task_type::RUNBOOK);
    CHECK(t.update_by == "****");
    CHECK_FALSE(t.reviewer);

    // The page's table says approve_status is an Object: that shape decodes too.
    const auto object = hwbind::decode<hwbind::coc::list_scheduled_tasks_response>(
        R"({"scheduled_tasks":[{"approve_status":{"status":"PASSED"}}]})");
    CHECK(object.scheduled_tasks.at(0).approve_status->to_text() == R"({"status":"PASSED"})");
}

TEST_CASE("seed example: HSS ListJobs")
{
    const auto page = decode_example<hwbind::hss::list_jobs_response>("hss/list_jobs.200.json");
    CHECK(page.total_num == 1);
    CHECK(page.last_update_time == 2025);
    REQUIRE(page.job_info_list.size() == 1);
    const auto& job = page.job_info_list[0];
    CHECK(job.cluster_name == "glz-2451");
    CHECK(job.create_time == 1720765124000);
    CHECK(job.execute_time == 1720765124000);
    CHECK(job.image_name == "base-node-problem-detector:1.19.8");
    REQUIRE(job.match_labels.size() == 1);
    CHECK(job.match_labels[0].key == "app.kubernetes.io/name");
    CHECK(job.match_labels[0].val == "npd");
    CHECK(job.name == "cceaddon-npd");
    CHECK(job.namespace_name == "kube-system");
    CHECK(job.status == hwbind::hss::job_status::Running);
    CHECK(job.pods_num == 6);
}

TEST_CASE("seed example: SWR ListInstanceJobs")
{
    const auto page = decode_example<hwbind::swr::list_instance_jobs_response>("swr/list_instance_jobs.200.json");
    CHECK(page.total == 1);
    REQUIRE(page.jobs.size() == 1);
    const auto& job = page.jobs[0];
    CHECK(job.id == "36db69c5-b2d5-11eb-b044-0255ac101219");
    CHECK(job.instance_id == "36ce7f50-b2d5-11eb-b044-0255ac101219");
    CHECK(job.resource_id == "36ce7f50-b2d5-11eb-b044-0255ac101219");
    CHECK(job.resource_name == "test-public");
    CHECK(job.type == "CreateInstance");
    CHECK(job.status == hwbind::swr::job_status::Failed);
    CHECK(job.reason == "failed to select cce cluster");
    CHECK(job.created_at == "2021-05-12T03:50:38.305978Z");
    CHECK(job.updated_at == "2021-05-12T03:50:43.315473Z");
}

// Tests of the descriptor vocabulary in include/hwbind/meta: field tables, open enumerations
// and any-JSON values. These types are what generated bindings are written in.
#include <hwbind/meta.hpp>

#include <boost/describe/enum.hpp>
#include <boost/json/parse.hpp>
#include <doctest/doctest.h>

#include <array>
#include <string_view>

namespace meta_test {

enum class phase { ready, in_progress };
BOOST_DESCRIBE_ENUM(phase, ready, in_progress)
constexpr std::array<std::string_view, 2> wire_names(hwbind::meta::tag<phase>) noexcept
{
    return {"READY", "in-progress"};
}

enum class level { HIGH, LOW };
BOOST_DESCRIBE_ENUM(level, HIGH, LOW)

} // namespace meta_test

using hwbind::meta::open_enum;
using meta_test::level;
using meta_test::phase;

static_assert(hwbind::meta::wire_name(level::LOW) == "LOW", "enumerator names are the wire names by default");
static_assert(hwbind::meta::wire_name(phase::in_progress) == "in-progress", "wire_names() renames");
static_assert(*hwbind::meta::from_wire_name<phase>("READY") == phase::ready);
static_assert(!hwbind::meta::from_wire_name<phase>("ready"), "C++ names are not wire names when renamed");

namespace {
constexpr hwbind::meta::field limit_field =
    hwbind::meta::query("limit").required().range(10, 200).default_value("10");
static_assert(limit_field.in == hwbind::meta::location::query);
static_assert(limit_field.is_required && !limit_field.is_nullable);
static_assert(*limit_field.minimum == 10 && *limit_field.maximum == 200);
static_assert(limit_field.default_text == "10");
static_assert(!hwbind::meta::member("x").minimum.has_value());
} // namespace

TEST_CASE("open_enum keeps a documented value")
{
    open_enum<level> v = level::HIGH;
    CHECK(v.is_known());
    CHECK(v == level::HIGH);
    CHECK(v != level::LOW);
    CHECK(v.wire() == "HIGH");
    CHECK(v.value() == level::HIGH);
    CHECK(open_enum<level>::from_wire("LOW") == level::LOW);
}

TEST_CASE("open_enum keeps a value the bindings do not know")
{
    auto v = open_enum<level>::from_wire("CRITICAL");
    CHECK_FALSE(v.is_known());
    CHECK_FALSE(v.known().has_value());
    CHECK(v.wire() == "CRITICAL");
    CHECK(v != level::HIGH);
    CHECK(v != level::LOW);
    CHECK(v == open_enum<level>::from_wire("CRITICAL"));
    CHECK(v != open_enum<level>::from_wire("SEVERE"));
    CHECK_THROWS_WITH_AS(v.value(), doctest::Contains("CRITICAL"), std::logic_error);
}

TEST_CASE("open_enum uses wire names, not C++ names")
{
    CHECK(open_enum<phase>::from_wire("in-progress") == phase::in_progress);
    CHECK_FALSE(open_enum<phase>::from_wire("in_progress").is_known());
    CHECK(open_enum<phase>(phase::ready).wire() == "READY");
}

TEST_CASE("any_value reads a string easily and keeps any other JSON")
{
    hwbind::meta::any_value s = "PASSED";
    REQUIRE(s.as_string());
    CHECK(*s.as_string() == "PASSED");
    CHECK(s.to_text() == "PASSED");

    hwbind::meta::any_value o = boost::json::parse(R"({"state":"PASSED","level":2})");
    CHECK_FALSE(o.as_string());
    CHECK(o.to_text() == R"({"state":"PASSED","level":2})");
    CHECK(o != s);
    CHECK(o == hwbind::meta::any_value(boost::json::parse(R"({"level":2,"state":"PASSED"})")));
}

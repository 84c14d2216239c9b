// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
// Lenient decoding (`decode_options::lenient`) on every model of the bindings, and
// `meta::loose_time`.

#include <hwbind/meta/loose_time.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>
#include <hwbind/runtime/codec/json_encode.hpp>
#include <hwbind/services/all.hpp>

#include <boost/mp11/algorithm.hpp>
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

using hwbind::decode_options;
using hwbind::diagnostics;
using hwbind::meta::loose_time;

namespace {

const decode_options lenient_options = [] {
    decode_options o;
    o.lenient = true;
    return o;
}();

template <class M>
std::string valid_json_of();

/// JSON with every required member of model `T` valid, but for `left_out`, and nothing else.
template <class T>
std::string required_members_json(std::string_view left_out = {})
{
    std::string out = "{";
    constexpr auto fields = hwbind::meta::fields_of<T>();
    std::size_t index = 0;
    boost::mp11::mp_for_each<hwbind::meta::members_of<T>>([&](auto d) {
        using M = hwbind::meta::member_type<decltype(d)>;
        if (fields[index].is_required && fields[index].wire_name != left_out) {
            if (out.size() > 1)
                out += ',';
            out += '"' + std::string(fields[index].wire_name) + "\":" + valid_json_of<M>();
        }
        ++index;
    });
    return out + '}';
}

/// A JSON value that a member of type `M` takes.
template <class M>
std::string valid_json_of()
{
    if constexpr (hwbind::meta::is_optional_v<M>)
        return valid_json_of<typename M::value_type>();
    else if constexpr (hwbind::meta::is_vector_v<M>)
        return "[]";
    else if constexpr (hwbind::meta::is_map_v<M>)
        return "{}";
    else if constexpr (hwbind::meta::is_model_v<M>)
        return required_members_json<M>();
    else if constexpr (std::is_same_v<M, bool>)
        return "true";
    else if constexpr (hwbind::meta::is_open_enum<M>::value)
        return hwbind::encode(M(hwbind::meta::enum_table<typename M::enum_type>[0].value));
    else if constexpr (std::is_same_v<M, std::string>)
        return "\"text\"";
    else
        return "1"; // integers, doubles, loose_time, any_value
}

/// A JSON value that a member of type `M` does not take: a string for a bool, else `true`.
template <class M>
std::string wrong_json_of()
{
    if constexpr (hwbind::meta::is_optional_v<M>)
        return wrong_json_of<typename M::value_type>();
    else if constexpr (std::is_same_v<M, bool>)
        return "\"yes\"";
    else
        return "true";
}

/// Whether a member of type `M` takes every JSON value: nothing is of the wrong type for it.
template <class M>
constexpr bool takes_any_value = std::is_same_v<M, hwbind::meta::any_value>;
template <class M>
constexpr bool takes_any_value<std::optional<M>> = takes_any_value<M>;

/// Puts a value of the wrong type in each member of `T` in turn, among its valid required
/// members: lenient decoding leaves the member at its default with one warning naming it;
/// strict decoding fails. Returns the number of members tried.
template <class T>
std::size_t check_each_member_left_out()
{
    constexpr auto fields = hwbind::meta::fields_of<T>();
    std::size_t index = 0;
    std::size_t tried = 0;
    boost::mp11::mp_for_each<hwbind::meta::members_of<T>>([&](auto d) {
        using M = hwbind::meta::member_type<decltype(d)>;
        const std::string_view wire = fields[index++].wire_name;
        if constexpr (!takes_any_value<M>) {
            ++tried;
            const auto with_member = [&](const std::string& value) {
                std::string json = required_members_json<T>(wire);
                json.pop_back();
                // An unknown member after it: decoding goes on after the value left out.
                return json + (json.size() > 1 ? "," : "") + '"' + std::string(wire) + "\":" + value + ",\"" +
                       std::string(wire) + "_after\":1}";
            };
            const std::string json = with_member(wrong_json_of<M>());
            CAPTURE(json);

            T strict;
            diagnostics diag;
            CHECK(hwbind::decode(json, strict, diag) == hwbind::condition::invalid_response);
            CHECK(diag.warnings().empty());

            // Decoded over a valid value: the value left out must not keep what was there.
            T lenient = hwbind::decode<T>(with_member(valid_json_of<M>()));
            const auto ec = hwbind::decode(json, lenient, diag, lenient_options);
            REQUIRE_MESSAGE(!ec, diag.message());
            REQUIRE(diag.warnings().size() == 1);
            CHECK(diag.warnings()[0].path == wire);
            CHECK(!diag.warnings()[0].expected.empty());
            CHECK(hwbind::meta::deep_equal(lenient.*d.pointer, M{}));
        }
    });
    return tried;
}

template <class Service>
std::size_t check_models_of()
{
    std::size_t tried = 0;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, typename Service::models>>(
        [&](auto model) { tried += check_each_member_left_out<typename decltype(model)::type>(); });
    return tried;
}

} // namespace

TEST_CASE("lenient decoding: a value of the wrong type in any member of any model is left out with a warning")
{
    std::size_t tried = 0;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, hwbind::services::all>>(
        [&](auto service) { tried += check_models_of<typename decltype(service)::type>(); });
    CHECK(tried > 40);
}

TEST_CASE("lenient decoding: warnings carry the path inside arrays, and the rest decodes")
{
    const std::string json = R"({"total":3,"data":[{"name":"a","create_time":5},{"name":7,"create_time":{"x":[1]}},)"
                             R"({"name":"c","risk_level":"LOW"}]})";
    diagnostics diag;
    hwbind::coc::list_documents_response page;
    CHECK(hwbind::decode(json, page, diag) == hwbind::error::type_mismatch);
    CHECK(diag.message() == "data[1].name: expected string, got number");

    REQUIRE(!hwbind::decode(json, page, diag, lenient_options));
    REQUIRE(diag.warnings().size() == 2);
    CHECK(diag.warnings()[0].message() == "data[1].name: expected string, got number");
    CHECK(diag.warnings()[1].message() == "data[1].create_time: expected integer or string, got object");
    REQUIRE(page.data.size() == 3);
    CHECK(page.data[0].create_time == loose_time::from_number(5));
    CHECK_FALSE(page.data[1].name);
    CHECK_FALSE(page.data[1].create_time);
    CHECK(page.data[2].name == "c");
    CHECK(page.total == 3);

    // Integers out of range or with a fraction are left out too; the throwing form takes the option.
    const auto jobs = hwbind::decode<hwbind::hss::list_jobs_response>(
        R"({"total_num":1.5,"job_info_list":[{"pods_num":99999999999,"name":"j"}]})", lenient_options);
    CHECK_FALSE(jobs.total_num);
    REQUIRE(jobs.job_info_list.size() == 1);
    CHECK_FALSE(jobs.job_info_list[0].pods_num);
    CHECK(jobs.job_info_list[0].name == "j");

    // What lenience does not cover: invalid JSON, a top-level value of the wrong type.
    CHECK(hwbind::decode(R"({"total":)", page, diag, lenient_options) == hwbind::error::invalid_json);
    CHECK(hwbind::decode("[]", page, diag, lenient_options) == hwbind::error::type_mismatch);
    CHECK(diag.warnings().empty());
}

TEST_CASE("loose_time: keeps a number, a numeric string or text, and reads milliseconds out of each")
{
    CHECK(loose_time().epoch_ms() == 0);
    CHECK(loose_time::from_number(1751289421846).epoch_ms() == 1751289421846);
    CHECK(loose_time::from_string("1751289421846").epoch_ms() == 1751289421846);
    CHECK(loose_time::from_string("-5").epoch_ms() == -5);
    // Dates without an offset are UTC; fractions and offsets are read.
    CHECK(loose_time::from_string("2025-06-30 21:17:01").epoch_ms() == 1751318221000);
    CHECK(loose_time::from_string("2025-06-30T21:17:01Z").epoch_ms() == 1751318221000);
    CHECK(loose_time::from_string("2025-06-30T21:17:01.25Z").epoch_ms() == 1751318221250);
    CHECK(loose_time::from_string("2025-07-01T05:17:01+08:00").epoch_ms() == 1751318221000);
    CHECK(loose_time::from_string("1969-12-31 23:59:59").epoch_ms() == -1000);
    for (const char* text : {"", "yesterday", "2025-06-30", "2025-13-01 00:00:00", "2025-06-30 21:17", "12a",
                             "2025-06-30 21:17:01 UTC", "1234567890123456789"}) {
        CAPTURE(text);
        CHECK_FALSE(loose_time::from_string(text).epoch_ms());
    }
    CHECK(loose_time::from_string("5") != loose_time::from_number(5));

    // Decoded as it came, in parts too, and encoded back the same.
    struct shape {
        const char* json;
        bool is_string;
    };
    for (const shape s : {shape{"12", false}, shape{"\"12\"", true}, shape{"\"2025-06-30 21:17:01\"", true},
                          shape{"\"a\\u0020b\"", true}}) {
        const std::string json = std::string(R"({"data":[{"create_time":)") + s.json + "}]}";
        CAPTURE(json);
        const auto page = hwbind::decode<hwbind::coc::list_documents_response>(json);
        REQUIRE(page.data.size() == 1);
        CHECK(page.data[0].create_time->is_string() == s.is_string);
        if (std::string(s.json) != "\"a\\u0020b\"")
            CHECK(hwbind::encode(page.data[0]).find(std::string("\"create_time\":") + s.json) != std::string::npos);
        else
            CHECK(page.data[0].create_time->text() == "a b");
    }
}

// Models of any size: tests/fixtures/big_models/wide.yaml (a 300-field model, a 300-value
// enumeration and a 100-parameter operation, beyond the 52 members Boost.Describe 1.81 lists in
// one struct or enum) is generated at build time into big/services. This program checks their
// reflection, round-trips them through the codec, validates the request, serves them from the
// mock server and runs them through hwbind-cli's code (in process, against that server).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <hwbind.hpp>
#include <hwbind/mock/server.hpp>

#include <big/services/all_docs.hpp>

#include "command_line.hpp"

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace mp = boost::mp11;
namespace meta = hwbind::meta;
namespace wide = hwbind::wide;
namespace mock = hwbind::mock;

// Reflection: all 300 members, inherited from the generated parts in order; the table joins the
// parts' tables; a member pointer of a part finds its field.
static_assert(mp::mp_size<meta::members_of<wide::wide_record>>::value == 300);
static_assert(meta::fields_of<wide::wide_record>().size() == 300);
static_assert(meta::is_model_v<wide::wide_record>);
static_assert(std::is_aggregate_v<wide::wide_record>);
static_assert(std::is_base_of_v<wide::wide_record_part6, wide::wide_record>);
static_assert(mp::mp_size<meta::members_of<wide::wide_record_part6>>::value == 300 - 5 * 52);
static_assert(meta::field_of<&wide::wide_record::enabled_299>().wire_name == "enabled_299");
static_assert(meta::field_of<&wide::wide_record::enabled_299>().is_required);
static_assert(meta::field_of<&wide::wide_record::enabled_299, wide::wide_record>().wire_name == "enabled_299");
static_assert(meta::member_index<wide::wide_record, &wide::wide_record::enabled_299>() == 299);
static_assert(mp::mp_size<meta::members_of<wide::list_records_request>>::value == 100);
static_assert(meta::field_of<&wide::list_records_request::p_81>().default_text == "7");
// Users' own Describe code sees the same: inherited members, and all 300 enumerators.
static_assert(mp::mp_size<boost::describe::describe_members<wide::wide_record, boost::describe::mod_public |
                                                                             boost::describe::mod_inherited>>::value ==
              300);
static_assert(mp::mp_size<boost::describe::describe_enumerators<wide::wide_code>>::value == 300);
static_assert(meta::enum_table<wide::wide_code>.size() == 300);
static_assert(meta::wire_name(wide::wide_code::CODE_299) == "CODE_299");
static_assert(meta::wire_name(wide::wide_code::code_257) == "code-257");

/// Sets every member of `v` to a value other than the default; `seed` varies them.
template <class T>
void fill(T& v, int seed)
{
    if constexpr (meta::is_model_v<T>) {
        mp::mp_for_each<meta::members_of<T>>([&](auto d) { fill(v.*d.pointer, seed++); });
    } else if constexpr (meta::is_optional_v<T>) {
        fill(v.emplace(), seed);
    } else if constexpr (meta::is_vector_v<T>) {
        v.resize(2);
        for (auto& element : v)
            fill(element, ++seed);
    } else if constexpr (std::is_same_v<T, bool>) {
        v = seed % 2 == 0;
    } else if constexpr (meta::is_wire_integer_v<T>) {
        v = static_cast<T>(seed % 1000);
    } else if constexpr (std::is_same_v<T, double>) {
        v = seed / 4.0;
    } else if constexpr (std::is_same_v<T, std::string>) {
        v = "s" + std::to_string(seed % 1000);
    } else {
        static_assert(meta::is_open_enum<T>::value);
        v = meta::enum_table<typename T::enum_type>[static_cast<std::size_t>(seed) % 300].value;
    }
}

/// The names of the members of `T`, as members_of lists them, and as its table does.
template <class T>
std::pair<std::vector<std::string>, std::vector<std::string>> member_names()
{
    std::pair<std::vector<std::string>, std::vector<std::string>> out;
    mp::mp_for_each<meta::members_of<T>>([&](auto d) { out.first.emplace_back(d.name); });
    for (const meta::field& f : meta::fields_of<T>())
        out.second.emplace_back(f.wire_name);
    return out;
}

} // namespace

TEST_CASE("big models: members and wire names keep the spec's order across the parts")
{
    const auto [members, wire] = member_names<wide::wide_record>();
    REQUIRE(members.size() == 300);
    CHECK(members.front() == "name_0");
    CHECK(members[52] == "disk_52");
    CHECK(members.back() == "enabled_299");
    CHECK(members == wire);
    const auto [parameters, parameter_wire] = member_names<wide::list_records_request>();
    REQUIRE(parameters.size() == 100);
    CHECK(parameter_wire[99] == "X-Wide-Trace");
    wide::wide_record record{};
    record.enabled_299 = true; // members stay members of the model
    CHECK(record.enabled_299);
}

TEST_CASE("big models: a 300-field model round-trips through the codec")
{
    wide::wide_record sent{};
    fill(sent, 1);
    const std::string json = hwbind::encode(sent);
    CHECK(json.find("\"enabled_299\":") != std::string::npos);
    const auto received = hwbind::decode<wide::wide_record>(json);
    CHECK(meta::deep_equal(sent, received));
    wide::wide_record other = received;
    other.cpu_290 = 5;
    CHECK_FALSE(meta::deep_equal(sent, other));

    // A page of them.
    wide::list_records_response page;
    page.records.resize(3);
    for (int i = 0; i != 3; ++i)
        fill(page.records[i], 10 * i);
    page.total = 3;
    CHECK(meta::deep_equal(page, hwbind::decode<wide::list_records_response>(hwbind::encode(page))));
}

TEST_CASE("big models: required members beyond the first 64 are checked, absent ones reset on reuse")
{
    // name_0 (member 0), cpu_70 (70, an array) and enabled_299 (299) are required.
    hwbind::diagnostics diag;
    wide::wide_record out{};
    auto ec = hwbind::decode(R"({"name_0":"a","enabled_299":true})", out, diag);
    CHECK(ec == hwbind::error::missing_field);
    CHECK(diag.message().find("cpu_70") != std::string::npos);
    ec = hwbind::decode(R"({"name_0":"a","cpu_70":["x"]})", out, diag);
    CHECK(ec == hwbind::error::missing_field);
    CHECK(diag.message().find("enabled_299") != std::string::npos);

    // Decoding over a value resets the members the new object lacks, the last ones too.
    fill(out, 3);
    REQUIRE(out.memory_291.has_value());
    ec = hwbind::decode(R"({"name_0":"b","cpu_70":[],"enabled_299":false,"tag_288":"x"})", out, diag);
    INFO(diag.message());
    REQUIRE_FALSE(ec);
    CHECK(out.name_0 == "b");
    CHECK(out.tag_288 == "x");
    CHECK_FALSE(out.memory_291.has_value());
    CHECK_FALSE(out.size_1.has_value());
    CHECK(out.count_278.empty());

    // Nested: a page of records, each wide, one after the other (the words are a stack).
    auto page = hwbind::decode<wide::list_records_response>(
        R"({"records":[{"name_0":"a","cpu_70":["x"],"enabled_299":true,"tag_288":"z"},)"
        R"({"name_0":"b","cpu_70":[],"enabled_299":false}],"total":2})");
    REQUIRE(page.records.size() == 2);
    CHECK(page.records[0].tag_288 == "z");
    CHECK_FALSE(page.records[1].tag_288.has_value());
    ec = hwbind::decode(R"({"records":[{"name_0":"a","cpu_70":["x"],"enabled_299":true},{"name_0":"b"}]})", page, diag);
    CHECK(ec == hwbind::error::missing_field);
    CHECK(diag.message().find("records[1].cpu_70") != std::string::npos);
}

TEST_CASE("big models: a 300-value enumeration decodes, encodes and keeps unknown values")
{
    const auto decoded = hwbind::decode<wide::wide_record>(
        R"({"name_0":"a","cpu_70":["x"],"enabled_299":true,"flavor_5":"CODE_299","quota_29":"code-257","label_13":"NEW"})");
    REQUIRE(decoded.flavor_5.has_value());
    CHECK(*decoded.flavor_5 == wide::wide_code::CODE_299);
    CHECK(*decoded.quota_29 == wide::wide_code::code_257);
    CHECK(decoded.quota_29->wire() == "code-257");
    CHECK_FALSE(decoded.label_13->is_known());
    CHECK(decoded.label_13->wire() == "NEW");
    const std::string json = hwbind::encode(decoded);
    CHECK(json.find(R"("flavor_5":"CODE_299")") != std::string::npos);
    CHECK(json.find(R"("quota_29":"code-257")") != std::string::npos);
    CHECK(meta::open_enum<wide::wide_code>::from_wire("CODE_150") == wide::wide_code::CODE_150);
}

TEST_CASE("big models: a 100-parameter request prepares and validates")
{
    wide::list_records_request request;
    CHECK(request.p_81 == 7); // a required parameter's default, in a part
    request.project_id = "p";
    request.limit = 10;
    request.p_98 = wide::wide_code::CODE_12;
    request.p_95 = true;
    request.x_wide_trace = "trace";
    const auto out = hwbind::prepare_request<wide::list_records>(request);
    CHECK(out.path() == "/v1/p/records");
    CHECK(out.query().find("p_98=CODE_12") != std::string_view::npos);
    CHECK(out.query().find("p_81=7") != std::string_view::npos);
    CHECK(out.query().find("p_95=true") != std::string_view::npos);
    REQUIRE(out.headers().find("X-Wide-Trace") != nullptr);

    hwbind::diagnostics diag;
    request.p_97 = 1001; // beyond member 64: range 0..1000
    CHECK(hwbind::validate<wide::list_records>(request, {}, diag) == hwbind::error::out_of_range);
    CHECK(diag.message().find("p_97") != std::string::npos);
    request.p_97 = 1000;
    request.x_wide_trace = std::string(33, 'x');
    CHECK(hwbind::validate<wide::list_records>(request, {}, diag));
    CHECK(diag.message().find("X-Wide-Trace") != std::string::npos);
    request.x_wide_trace.reset();
    request.p_81.reset();
    CHECK(hwbind::validate<wide::list_records>(request, {}, diag) == hwbind::error::missing_parameter);
    CHECK(diag.message().find("p_81") != std::string::npos);
}

namespace {

using wide_server = mock::server<wide::service>;

mock::server_options server_options()
{
    mock::server_options out;
    out.records = 23;
    out.credentials.access_key = "WIDEACCESSKEY0000001";
    out.credentials.secret_key = hwbind::auth::secret("wide-secret");
    out.credentials.project_id = "wideproject";
    return out;
}

/// Runs hwbind-cli's `run` on `args` for the wide service; returns its exit status and output.
std::pair<int, std::string> run_cli(std::vector<std::string> args)
{
    args.insert(args.begin(), "hwbind-cli");
    std::vector<const char*> argv;
    for (const auto& a : args)
        argv.push_back(a.c_str());
    std::ostringstream captured;
    std::streambuf* const old = std::cout.rdbuf(captured.rdbuf());
    const int status = hwbind::cli::run<big::services::all>(static_cast<int>(argv.size()), argv.data());
    std::cout.rdbuf(old);
    return {status, captured.str()};
}

} // namespace

TEST_CASE("big models: the mock server generates and serves 300-field records for a 100-parameter operation")
{
    const wide_server server(server_options());
    const auto& records = server.records<wide::list_records>();
    REQUIRE(records.size() == 23);
    CHECK(records[0].name_0 == "record-1");
    CHECK_FALSE(meta::deep_equal(records[5], records[6]));

    hwbind::client_options options = server.client_options();
    options.retry.max_attempts = 1;
    hwbind::client client(options);
    wide::list_records_request request;
    request.limit = 10;
    const auto page = client.call<wide::list_records>(request);
    REQUIRE(page.records.size() == 10);
    CHECK(page.total == 23);
    CHECK(meta::deep_equal(page.records[0], records[0]));
    CHECK(meta::deep_equal(page.records[9], records[9]));

    std::vector<wide::wide_record> all;
    for (const auto& r : client.all_items<wide::list_records>(request))
        all.push_back(r);
    REQUIRE(all.size() == 23);
    CHECK(meta::deep_equal(all.back(), records.back()));
}

TEST_CASE("big models: hwbind-cli's options and output cover the 100 parameters and the 300 fields")
{
    const wide_server server(server_options());
    const std::vector<std::string> common{"--endpoint", std::string(server.endpoint()), "--ak", "WIDEACCESSKEY0000001",
                                          "--sk",       "wide-secret",                   "--project-id", "wideproject"};

    auto args = common;
    args.insert(args.begin(), {"wide", "list-records"});
    for (const char* a : {"--limit", "4", "--p_98", "CODE_12", "--p_97", "1000", "--X-Wide-Trace", "t", "--output", "json"})
        args.emplace_back(a);
    auto [status, out] = run_cli(args);
    CHECK(status == 0);
    const auto page = hwbind::decode<wide::list_records_response>(out);
    CHECK(page.records.size() == 4);
    CHECK(meta::deep_equal(page.records[3], server.records<wide::list_records>()[3]));

    // Every item of every page, as JSON lines.
    args = common;
    args.insert(args.begin(), {"wide", "list-records"});
    for (const char* a : {"--all", "--no-progress", "--output", "jsonl"})
        args.emplace_back(a);
    std::tie(status, out) = run_cli(args);
    CHECK(status == 0);
    std::istringstream lines(out);
    std::size_t count = 0;
    for (std::string line; std::getline(lines, line); ++count)
        CHECK(meta::deep_equal(hwbind::decode<wide::wide_record>(line), server.records<wide::list_records>()[count]));
    CHECK(count == 23);

    // A table of chosen columns, among them the last one.
    args = common;
    args.insert(args.begin(), {"wide", "list-records"});
    for (const char* a : {"--limit", "2", "--output", "table", "--columns", "name_0,enabled_299"})
        args.emplace_back(a);
    std::tie(status, out) = run_cli(args);
    CHECK(status == 0);
    CHECK(out.find("enabled_299") != std::string::npos);
    CHECK(out.find("record-1") != std::string::npos);

    // An option beyond member 64 is checked as the spec says.
    args = common;
    args.insert(args.begin(), {"wide", "list-records"});
    for (const char* a : {"--p_97", "1001"})
        args.emplace_back(a);
    std::tie(status, out) = run_cli(args);
    CHECK(status != 0);
}

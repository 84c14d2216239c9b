// Tests of request building and validation (include/hwbind/runtime/codec/request.hpp and
// validate.hpp): path templating, query and header parameters, the constraints of the field
// tables and the cross-parameter rules, on hand-written descriptors of every parameter kind
// (tests/support/test_operations.hpp) and on the generated descriptors of the real services.
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/codec/validate.hpp>
#include <hwbind/services/all.hpp>

#include "support/test_operations.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using hwbind::diagnostics;
using hwbind::error;
using hwbind::prepare_request;
using hwbind::prepared_request;
using hwbind::request_context;
using hwbind::meta::open_enum;
namespace testsvc = hwbind::testsvc;

namespace {

/// A list_widgets request that passes validation, for tests to spoil one thing at a time.
testsvc::list_widgets_request valid_widgets()
{
    testsvc::list_widgets_request r;
    r.widget_name = "w1";
    return r;
}

request_context project_context()
{
    request_context ctx;
    ctx.set("project_id", "p1");
    return ctx;
}

struct outcome {
    boost::system::error_code ec;
    std::string message;
    prepared_request request;
};

template <class Op>
outcome prepare(const typename Op::request_type& req, const request_context& ctx = project_context())
{
    outcome o;
    diagnostics diag;
    o.ec = prepare_request<Op>(req, ctx, o.request, diag);
    o.message = diag.message();
    return o;
}

/// The target of a valid list_widgets request with `widget_name` set to `name`.
std::string widgets_target_for_name(std::string name)
{
    auto r = valid_widgets();
    r.widget_name = std::move(name);
    const outcome o = prepare<testsvc::list_widgets>(r);
    REQUIRE_MESSAGE(!o.ec, o.message);
    return std::string(o.request.target());
}

/// The query of a valid list_widgets request with the single tag `value`.
std::string query_for_tag(std::string value)
{
    auto r = valid_widgets();
    r.tag = {std::move(value)};
    const outcome o = prepare<testsvc::list_widgets>(r);
    REQUIRE_MESSAGE(!o.ec, o.message);
    return std::string(o.request.query());
}

std::multiset<std::string> query_set(std::string_view query)
{
    std::multiset<std::string> items;
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        items.emplace(query.substr(0, amp));
        query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    }
    return items;
}

std::string header_value(const prepared_request& r, std::string_view name)
{
    const hwbind::header_field* h = r.headers().find(name);
    return h != nullptr ? h->value : std::string("<absent>");
}

bool contains(std::string_view haystack, std::string_view needle)
{
    return haystack.find(needle) != std::string_view::npos;
}

} // namespace

// ---- building ------------------------------------------------------------------------------

TEST_CASE("a request with every kind of parameter is built in spec order")
{
    auto r = valid_widgets();
    r.widget_name = "gear box";
    r.limit = 20;
    r.offset = 40;
    r.verbose = true;
    r.kind = testsvc::widget_kind::in_progress;
    r.tag = {"red", "blue"};
    r.name_filter = "ab";
    r.code = "W123";
    r.ratio = 0.25;
    r.x_trace_id = "trace-1";

    const outcome o = prepare<testsvc::list_widgets>(r);
    REQUIRE_MESSAGE(!o.ec, o.message);
    CHECK(o.request.method() == hwbind::meta::http_method::get);
    CHECK(o.request.path() == "/v3/p1/widgets/gear%20box/parts");
    CHECK(o.request.query() ==
          "limit=20&offset=40&verbose=true&kind=in-progress&tag=red&tag=blue&name%20filter=ab&code=W123&ratio=0.25");
    CHECK(o.request.target() == std::string(o.request.path()) + "?" + std::string(o.request.query()));
    CHECK(o.request.headers().size() == 1);
    CHECK(header_value(o.request, "x-trace-id") == "trace-1");
    CHECK(o.request.body().empty());
}

TEST_CASE("unset optional parameters are left out")
{
    const outcome o = prepare<testsvc::list_widgets>(valid_widgets());
    REQUIRE_MESSAGE(!o.ec, o.message);
    CHECK(o.request.target() == "/v3/p1/widgets/w1/parts");
    CHECK(o.request.query().empty());
    CHECK(o.request.headers().empty());
}

TEST_CASE("an operation without parameters")
{
    const outcome o = prepare<testsvc::ping>({});
    REQUIRE_MESSAGE(!o.ec, o.message);
    CHECK(o.request.target() == "/v1/ping");
    CHECK(o.request.path() == "/v1/ping");
}

TEST_CASE("required plain parameters, booleans and the method")
{
    testsvc::delete_part_request r;
    r.part_id = "part-7";
    r.x_request_reason = "cleanup";
    const outcome o = prepare<testsvc::delete_part>(r);
    REQUIRE_MESSAGE(!o.ec, o.message);
    CHECK(o.request.method() == hwbind::meta::http_method::delete_);
    CHECK(o.request.target() == "/v1/parts/part-7?force=false");
    CHECK(header_value(o.request, "X-Request-Reason") == "cleanup");

    r.force = true;
    CHECK(prepare<testsvc::delete_part>(r).request.query() == "force=true");
}

TEST_CASE("integers are decimal, doubles the shortest text")
{
    auto r = valid_widgets();
    r.limit = 200;
    r.offset = 9007199254740993; // not exact as a double: must not go through one
    r.ratio = 1e-7;
    const outcome o = prepare<testsvc::list_widgets>(r);
    REQUIRE_MESSAGE(!o.ec, o.message);
    CHECK(o.request.query() == "limit=200&offset=9007199254740993&ratio=1e-07");
}

TEST_CASE("enumerations travel by wire spelling")
{
    auto r = valid_widgets();
    r.kind = testsvc::widget_kind::LEGACY;
    CHECK(prepare<testsvc::list_widgets>(r).request.query() == "kind=LEGACY");
    r.kind = testsvc::widget_kind::in_progress;
    CHECK(prepare<testsvc::list_widgets>(r).request.query() == "kind=in-progress");
    r.kind = open_enum<testsvc::widget_kind>::from_wire("basic");
    CHECK(prepare<testsvc::list_widgets>(r).request.query() == "kind=basic");
}

TEST_CASE("a reused prepared_request holds only the new request")
{
    prepared_request out;
    diagnostics diag;
    auto r = valid_widgets();
    r.x_trace_id = "t";
    r.x_client_token = "secret1";
    r.tag = {"a"};
    REQUIRE(!prepare_request<testsvc::list_widgets>(r, project_context(), out, diag));
    CHECK(out.headers().size() == 2);

    testsvc::delete_part_request d;
    d.part_id = "x";
    d.x_request_reason = "why";
    REQUIRE(!prepare_request<testsvc::delete_part>(d, project_context(), out, diag));
    CHECK(out.target() == "/v1/parts/x?force=false");
    CHECK(out.headers().size() == 1);
    CHECK(header_value(out, "X-Request-Reason") == "why");
    CHECK(out.headers().find("X-Trace-Id") == nullptr);

    // A failure leaves it empty.
    d.part_id = "..";
    CHECK(prepare_request<testsvc::delete_part>(d, project_context(), out, diag) == error::invalid_path_segment);
    CHECK(out.target().empty());
    CHECK(out.headers().empty());
}

TEST_CASE("the throwing overload")
{
    const prepared_request r = prepare_request<testsvc::list_widgets>(valid_widgets(), project_context());
    CHECK(r.target() == "/v3/p1/widgets/w1/parts");

    auto bad = valid_widgets();
    bad.limit = 9;
    bad.offset = 0;
    try {
        static_cast<void>(prepare_request<testsvc::list_widgets>(bad, project_context()));
        FAIL("expected an exception");
    } catch (const hwbind::error_with_diagnostics& e) {
        CHECK(e.code() == error::out_of_range);
        CHECK(e.code() == hwbind::condition::invalid_request);
        CHECK(e.get_diagnostics().message() == "limit: 9 is below the minimum 10");
        CHECK(contains(e.what(), "limit: 9 is below the minimum 10"));
    }
}

// ---- path ----------------------------------------------------------------------------------

TEST_CASE("a path parameter is encoded as one segment")
{
    CHECK(widgets_target_for_name("a/b") == "/v3/p1/widgets/a%2Fb/parts");
    CHECK(widgets_target_for_name("../../admin") == "/v3/p1/widgets/..%2F..%2Fadmin/parts");
    CHECK(widgets_target_for_name("a?b=1") == "/v3/p1/widgets/a%3Fb%3D1/parts");
    CHECK(widgets_target_for_name("a#frag") == "/v3/p1/widgets/a%23frag/parts");
    CHECK(widgets_target_for_name("100%") == "/v3/p1/widgets/100%25/parts");
    CHECK(widgets_target_for_name("%2F") == "/v3/p1/widgets/%252F/parts");
    CHECK(widgets_target_for_name("caf\xC3\xA9 \xE2\x82\xAC") == "/v3/p1/widgets/caf%C3%A9%20%E2%82%AC/parts");
    CHECK(widgets_target_for_name("a\\b;c") == "/v3/p1/widgets/a%5Cb%3Bc/parts");
    CHECK(widgets_target_for_name("Az09-_.~") == "/v3/p1/widgets/Az09-_.~/parts");
    CHECK(widgets_target_for_name("...") == "/v3/p1/widgets/.../parts");
    CHECK(widgets_target_for_name(".a") == "/v3/p1/widgets/.a/parts");
    // CR, LF and NUL cannot break a URL once encoded: they are accepted in the path.
    CHECK(widgets_target_for_name(std::string("a\r\nb\0c", 6)) == "/v3/p1/widgets/a%0D%0Ab%00c/parts");
}

TEST_CASE("empty, . and .. are not path segments")
{
    for (const char* value : {"", ".", ".."}) {
        CAPTURE(value);
        auto r = valid_widgets();
        r.widget_name = value;
        const outcome o = prepare<testsvc::list_widgets>(r);
        CHECK(o.ec == error::invalid_path_segment);
        CHECK(o.ec == hwbind::condition::invalid_request);
        CHECK(o.message == std::string("widget_name: \"") + value +
                               "\" cannot be a path segment"
                               " (empty, \".\" and \"..\" change the path even when encoded)");
    }
}

TEST_CASE("context parameters")
{
    SUBCASE("filled from the context when unset")
    {
        CHECK(prepare<testsvc::list_widgets>(valid_widgets()).request.path() == "/v3/p1/widgets/w1/parts");
    }
    SUBCASE("the request's own value wins")
    {
        auto r = valid_widgets();
        r.project_id = "mine";
        CHECK(prepare<testsvc::list_widgets>(r).request.path() == "/v3/mine/widgets/w1/parts");
    }
    SUBCASE("the context value is encoded and validated like any other")
    {
        request_context ctx;
        ctx.set("project_id", "a/b");
        CHECK(prepare<testsvc::list_widgets>(valid_widgets(), ctx).request.path() == "/v3/a%2Fb/widgets/w1/parts");
        ctx.set("project_id", std::string(65, 'x'));
        const outcome o = prepare<testsvc::list_widgets>(valid_widgets(), ctx);
        CHECK(o.ec == error::bad_length);
        CHECK(contains(o.message, "project_id: \""));
        CHECK(contains(o.message, "has 65 characters, more than the maximum length 64"));
    }
    SUBCASE("missing from both")
    {
        for (const request_context& ctx : {request_context(), request_context().set("project_id", ""),
                                           request_context().set("region", "r1")}) {
            const outcome o = prepare<testsvc::list_widgets>(valid_widgets(), ctx);
            CHECK(o.ec == error::missing_parameter);
            CHECK(o.message == "project_id: required parameter not set, and the context has no value \"project_id\"");
        }
    }
    SUBCASE("the context holds named values")
    {
        request_context ctx;
        ctx.set("a", "1").set("b", "2").set("a", "3");
        CHECK(ctx.get("a") == "3");
        CHECK(ctx.get("b") == "2");
        CHECK(ctx.get("c").empty());
    }
}

// ---- query ---------------------------------------------------------------------------------

TEST_CASE("query values are percent-encoded by RFC 3986")
{
    CHECK(query_for_tag("a b") == "tag=a%20b");
    CHECK(query_for_tag("a+b") == "tag=a%2Bb");
    CHECK(query_for_tag("a&b=c") == "tag=a%26b%3Dc");
    CHECK(query_for_tag("\xC3\xA9t\xC3\xA9") == "tag=%C3%A9t%C3%A9");
    CHECK(query_for_tag(":/?#[]@") == "tag=%3A%2F%3F%23%5B%5D%40");
    CHECK(query_for_tag("!$'()*,;") == "tag=%21%24%27%28%29%2A%2C%3B");
    CHECK(query_for_tag("%41") == "tag=%2541");
    CHECK(query_for_tag("-_.~Zz09") == "tag=-_.~Zz09");
    CHECK(query_for_tag("") == "tag=");
    CHECK(query_for_tag(std::string("\r\n\0", 3)) == "tag=%0D%0A%00");
}

TEST_CASE("query names are encoded too")
{
    auto r = valid_widgets();
    r.name_filter = "a b";
    CHECK(prepare<testsvc::list_widgets>(r).request.query() == "name%20filter=a%20b");
}

TEST_CASE("the percent-encoding of every byte")
{
    static constexpr char hex[] = "0123456789ABCDEF";
    for (int b = 0; b < 256; ++b) {
        const char c = static_cast<char>(b);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '_' || c == '.' || c == '~';
        std::string expected;
        if (unreserved)
            expected = std::string(1, c);
        else
            expected = std::string{'%', hex[b >> 4], hex[b & 15]};
        std::string out;
        hwbind::codec::append_percent_encoded(out, std::string_view(&c, 1));
        CAPTURE(b);
        CHECK(out == expected);
    }
}

TEST_CASE("canonical components: decoded, then encoded again")
{
    const auto canonical = [](std::string_view s) {
        std::string out;
        hwbind::codec::append_canonical_component(out, s);
        return out;
    };
    CHECK(hwbind::codec::is_canonically_encoded("a%20b-_.~"));
    CHECK_FALSE(hwbind::codec::is_canonically_encoded("a%2fb"));
    CHECK_FALSE(hwbind::codec::is_canonically_encoded("%41"));
    CHECK_FALSE(hwbind::codec::is_canonically_encoded("a b"));
    CHECK_FALSE(hwbind::codec::is_canonically_encoded("a%2"));
    CHECK(canonical("a%20b") == "a%20b");
    CHECK(canonical("a%2fb") == "a%2Fb");
    CHECK(canonical("%7e%41") == "~A");
    CHECK(canonical("a b:c@") == "a%20b%3Ac%40");
    CHECK(canonical("a+b") == "a%2Bb");
    CHECK(canonical("100%") == "100%25");
    CHECK(canonical("%zz") == "%25zz");
}

// ---- headers -------------------------------------------------------------------------------

TEST_CASE("CR, LF and NUL are refused in header values, which messages never show")
{
    const std::pair<std::string, std::string> cases[] = {
        {std::string("ab\rcd"), "CR at offset 2"},
        {std::string("abc\n"), "LF at offset 3"},
        {std::string("a\0b", 3), "NUL at offset 1"},
        {std::string("x\r\nSet-Cookie: y"), "CR at offset 1"},
    };
    for (const auto& [value, what] : cases) {
        auto r = valid_widgets();
        r.x_trace_id = value;
        const outcome o = prepare<testsvc::list_widgets>(r);
        CHECK(o.ec == error::invalid_header_value);
        CHECK(o.message == "X-Trace-Id: the header value contains " + what +
                               " (CR, LF and NUL are not allowed in header values)");
    }
    auto r = valid_widgets();
    r.x_trace_id = "tab\tand spaces are fine";
    CHECK(prepare<testsvc::list_widgets>(r).ec == error::bad_length); // but too long
    r.x_trace_id = "tab\tspace ok";
    CHECK(!prepare<testsvc::list_widgets>(r).ec);
}

TEST_CASE("header values are not shown in constraint messages")
{
    auto r = valid_widgets();
    r.x_client_token = "abc";
    const outcome o = prepare<testsvc::list_widgets>(r);
    CHECK(o.ec == error::bad_length);
    CHECK(o.message ==
          "X-Client-Token: the header value (not shown) has 3 characters, fewer than the minimum length 4");
    CHECK_FALSE(contains(o.message, "abc"));
}

// ---- constraints ---------------------------------------------------------------------------

TEST_CASE("integer range edges")
{
    auto r = valid_widgets();
    r.offset = 0;
    for (const int ok : {10, 11, 199, 200}) {
        r.limit = ok;
        CHECK_MESSAGE(!prepare<testsvc::list_widgets>(r).ec, ok);
    }
    r.limit = 9;
    outcome o = prepare<testsvc::list_widgets>(r);
    CHECK(o.ec == error::out_of_range);
    CHECK(o.message == "limit: 9 is below the minimum 10");
    r.limit = 201;
    o = prepare<testsvc::list_widgets>(r);
    CHECK(o.ec == error::out_of_range);
    CHECK(o.message == "limit: 201 is above the maximum 200");
    r.limit = 10;
    r.offset = -1;
    o = prepare<testsvc::list_widgets>(r);
    CHECK(o.message == "offset: -1 is below the minimum 0");
}

TEST_CASE("string length counts UTF-8 code points")
{
    auto r = valid_widgets();
    r.name_filter = "\xC3\xA9\xC3\xA9"; // 2 code points, 4 bytes
    CHECK(!prepare<testsvc::list_widgets>(r).ec);
    r.name_filter = "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC"; // 4 code points, 12 bytes
    CHECK(!prepare<testsvc::list_widgets>(r).ec);
    r.name_filter = "\xF0\x9F\x98\x80"; // 1 code point, 4 bytes
    outcome o = prepare<testsvc::list_widgets>(r);
    CHECK(o.ec == error::bad_length);
    CHECK(o.message == "name filter: \"\xF0\x9F\x98\x80\" has 1 character, fewer than the minimum length 2");
    r.name_filter = "abcde";
    o = prepare<testsvc::list_widgets>(r);
    CHECK(o.message == "name filter: \"abcde\" has 5 characters, more than the maximum length 4");
}

TEST_CASE("array elements are checked one by one")
{
    auto r = valid_widgets();
    r.tag = {"ok", "123456789"};
    const outcome o = prepare<testsvc::list_widgets>(r);
    CHECK(o.ec == error::bad_length);
    CHECK(o.message == "tag[1]: \"123456789\" has 9 characters, more than the maximum length 8");
}

TEST_CASE("a pattern must match the whole value")
{
    auto r = valid_widgets();
    r.name_filter = "ab";
    r.verbose = false;
    r.code = "W123";
    CHECK(!prepare<testsvc::list_widgets>(r).ec);
    for (const char* bad : {"xW123", "W1234", "W12", "w123", ""}) {
        r.code = bad;
        const outcome o = prepare<testsvc::list_widgets>(r);
        CHECK(o.ec == error::pattern_mismatch);
        CHECK(o.message == std::string("code: \"") + bad + "\" does not match the pattern W[0-9]{3}");
    }
}

TEST_CASE("a pattern is matched without recursion, whatever the length of the value")
{
    auto r = valid_widgets();
    r.note = std::string(1000000, 'a');
    CHECK(!prepare<testsvc::list_widgets>(r).ec);
    r.note->back() = '!';
    const outcome o = prepare<testsvc::list_widgets>(r);
    CHECK(o.ec == error::pattern_mismatch);
    CHECK(o.message == "note: \"" + std::string(64, 'a') + "\"... does not match the pattern [a-z ]*");
}

TEST_CASE("a pattern that backtracking matchers take exponential time on is matched in linear time")
{
    testsvc::delete_part_request d;
    d.part_id = "p";
    d.expr = "xxy";
    CHECK(!prepare<testsvc::delete_part>(d).ec);
    d.expr = std::string(100000, 'x') + "z";
    const outcome o = prepare<testsvc::delete_part>(d);
    CHECK(o.ec == error::pattern_mismatch);
    CHECK(o.message == "expr: \"" + std::string(64, 'x') + "\"... does not match the pattern (x*)*y");
}

namespace {

struct pattern_case {
    std::string_view pattern;
    std::string value;
    bool matches;
};

void check_patterns(std::initializer_list<pattern_case> cases)
{
    for (const pattern_case& c : cases) {
        CAPTURE(c.pattern);
        CAPTURE(c.value);
        REQUIRE(hwbind::detail::is_supported_pattern(c.pattern));
        CHECK(hwbind::detail::compiled_pattern(c.pattern).matches(c.value) == c.matches);
    }
}

} // namespace

TEST_CASE("pattern subset: the spec's patterns")
{
    check_patterns({
        {"^ST.*$", "ST01HZX3KQ7V9M2N4P6R8T0W1Y", true},
        {"^ST.*$", "ST", true},
        {"^ST.*$", "ST\xC3\xA9", true},
        {"^ST.*$", "XST01", false},
        {"^ST.*$", "S", false},
        {"^ST.*$", "st01", false},
        {"^ST.*$", "ST\n", false}, // `.` stops at line terminators: LF, CR, U+2028
        {"^ST.*$", "ST\r", false},
        {"^ST.*$", "ST\xE2\x80\xA8", false},
        {"^[a-z0-9-]+$", "web-01", true},
        {"^[a-z0-9-]+$", "", false},
        {"^[a-z0-9-]+$", "Web", false},
    });
}

TEST_CASE("pattern subset: quantifiers, alternation, groups")
{
    check_patterns({
        {"a{2,4}", "aa", true},
        {"a{2,4}", "aaaa", true},
        {"a{2,4}", "a", false},
        {"a{2,4}", "aaaaa", false},
        {"a{3}", "aaa", true},
        {"a{3}", "aaaa", false},
        {"a{2,}", std::string(50, 'a'), true},
        {"a{2,}", "a", false},
        {"colou?r", "color", true},
        {"colou?r", "colour", true},
        {"(?:ab)+c?", "ababc", true},
        {"(?:ab)+c?", "abac", false},
        {"a|bc|d", "bc", true},
        {"a|bc|d", "d", true},
        {"a|bc|d", "ad", false},
        {"a|bc|d", "", false},
        {"^(a|b)*abb$", "babaabb", true},
        {"(x*)*y", "y", true},
        {"", "", true},
        {"", "a", false},
    });
}

TEST_CASE("pattern subset: classes and escapes")
{
    check_patterns({
        {"[^a-c]", "d", true},
        {"[^a-c]", "b", false},
        {"[^a-c]", "\xC3\xA9", true}, // a complemented class takes any non-ASCII code point
        {"[a-c]", "\xC3\xA9", false},
        {".", "\xF0\x9F\x98\x80", true}, // one code point, four bytes
        {"..", "\xC3\xA9", false},
        {".", "\xFF", true},              // a malformed byte counts as one
        {"\\d+\\.\\w*", "12.ab_9", true},
        {"\\d", "x", false},
        {"\\D\\W", "x-", true},
        {"\\W", "_", false},
        {"[\\d_-]+", "1_-2", true},
        {"[a\\]]", "]", true},
        {"a\\$", "a$", true},
        {"\\(\\)\\{\\}\\[\\]\\/", "(){}[]/", true},
    });
}

TEST_CASE("pattern subset: what is outside it")
{
    using hwbind::detail::is_supported_pattern;
    for (const char* outside : {"a**", "a+?", "a{2}{3}", "*a", "a{,3}", "a{3,2}", "a{1001}", "\\s", "\\bword",
                                "[]", "[^]", "[z-a]", "[a-\\d]", "(a", "a)", "(?=a)", "a^b", "a$b", "]", "}",
                                "\xC3\xA9", "((a{1000}){1000})", "\\"}) {
        CAPTURE(outside);
        CHECK_FALSE(is_supported_pattern(outside));
    }
}

TEST_CASE("an enumeration value these bindings do not document is refused")
{
    auto r = valid_widgets();
    r.kind = open_enum<testsvc::widget_kind>::from_wire("paused");
    outcome o = prepare<testsvc::list_widgets>(r);
    CHECK(o.ec == error::not_in_enum);
    CHECK(o.message == "kind: \"paused\" is not one of basic, in-progress, LEGACY");
    r.kind = open_enum<testsvc::widget_kind>(); // default: unknown and empty
    o = prepare<testsvc::list_widgets>(r);
    CHECK(o.ec == error::not_in_enum);
    CHECK(o.message == "kind: \"\" is not one of basic, in-progress, LEGACY");
}

TEST_CASE("values in messages are quoted, escaped and cut short")
{
    auto r = valid_widgets();
    r.tag = {std::string("a\"b\\c\x01") + std::string(100, 'z')};
    const outcome o = prepare<testsvc::list_widgets>(r);
    CHECK(o.message == "tag[0]: \"a\\\"b\\\\c\\x01" + std::string(58, 'z') +
                           "\"... has 106 characters, more than the maximum length 8");
}

// ---- rules ---------------------------------------------------------------------------------

TEST_CASE("all_or_none")
{
    auto r = valid_widgets();
    r.offset = 0;
    outcome o = prepare<testsvc::list_widgets>(r);
    CHECK(o.ec == error::rule_violated);
    CHECK(o.ec == hwbind::condition::invalid_request);
    CHECK(o.message == "offset: set without limit (offset and limit must be set together)");

    r.offset.reset();
    r.limit = 10;
    o = prepare<testsvc::list_widgets>(r);
    CHECK(o.message == "limit: set without offset (offset and limit must be set together)");

    r.offset = 0;
    CHECK(!prepare<testsvc::list_widgets>(r).ec);

    testsvc::delete_part_request d;
    d.part_id = "p";
    d.a = "1";
    d.c = "3";
    o = prepare<testsvc::delete_part>(d);
    CHECK(o.message == "a: set without b (a, b and c must be set together)");
    d.b = "2";
    CHECK(!prepare<testsvc::delete_part>(d).ec);
}

TEST_CASE("requires_members")
{
    auto r = valid_widgets();
    r.code = "W001";
    outcome o = prepare<testsvc::list_widgets>(r);
    CHECK(o.ec == error::rule_violated);
    CHECK(o.message == "code: set without name filter (code requires name filter and verbose)");
    r.name_filter = "ab";
    o = prepare<testsvc::list_widgets>(r);
    CHECK(o.message == "code: set without verbose (code requires name filter and verbose)");
    r.verbose = false;
    CHECK(!prepare<testsvc::list_widgets>(r).ec);
    // Only the dependent member triggers the rule.
    r.code.reset();
    CHECK(!prepare<testsvc::list_widgets>(r).ec);
}

TEST_CASE("validate() alone")
{
    diagnostics diag;
    diag.set_message("stale");
    auto r = valid_widgets();
    CHECK(!hwbind::validate<testsvc::list_widgets>(r, project_context(), diag));
    CHECK(diag.message().empty());
    r.offset = 1;
    CHECK(hwbind::validate<testsvc::list_widgets>(r, project_context(), diag) == error::rule_violated);
}

// ---- the generated descriptors -------------------------------------------------------------

TEST_CASE("HSS list_jobs: limit within 10..200")
{
    hwbind::hss::list_jobs_request r;
    CHECK(r.limit == 10); // the documented default
    for (const int ok : {10, 200}) {
        r.limit = ok;
        CHECK_MESSAGE(!prepare<hwbind::hss::list_jobs>(r).ec, ok);
    }
    r.limit = 9;
    outcome o = prepare<hwbind::hss::list_jobs>(r);
    CHECK(o.ec == error::out_of_range);
    CHECK(o.message == "limit: 9 is below the minimum 10");
    r.limit = 201;
    o = prepare<hwbind::hss::list_jobs>(r);
    CHECK(o.ec == error::out_of_range);
    CHECK(o.message == "limit: 201 is above the maximum 200");
    r.limit.reset();
    o = prepare<hwbind::hss::list_jobs>(r);
    CHECK(o.ec == error::missing_parameter);
    CHECK(o.message == "limit: required parameter not set");
}

TEST_CASE("HSS list_jobs: the documented example request")
{
    // spec/hss.yaml, example all_enterprise_projects:
    // GET /v5/{project_id}/kubernetes/jobs?offset=0&limit=200&enterprise_project_id=all_granted_eps
    hwbind::hss::list_jobs_request r;
    r.offset = 0;
    r.limit = 200;
    r.enterprise_project_id = "all_granted_eps";
    request_context ctx;
    ctx.set("project_id", "2b31ed520xxxxxxebedb6e57xxxxxxxx");
    const outcome o = prepare<hwbind::hss::list_jobs>(r, ctx);
    REQUIRE_MESSAGE(!o.ec, o.message);
    CHECK(hwbind::meta::to_string(o.request.method()) == "GET");
    CHECK(o.request.path() == "/v5/2b31ed520xxxxxxebedb6e57xxxxxxxx/kubernetes/jobs");
    // Spec order puts enterprise_project_id first; the example's order is informative.
    CHECK(o.request.query() == "enterprise_project_id=all_granted_eps&offset=0&limit=200");
    CHECK(query_set(o.request.query()) == query_set("offset=0&limit=200&enterprise_project_id=all_granted_eps"));
}

TEST_CASE("SWR list_instance_jobs: offset and limit together")
{
    hwbind::swr::list_instance_jobs_request r;
    r.offset = 0;
    outcome o = prepare<hwbind::swr::list_instance_jobs>(r);
    CHECK(o.ec == error::rule_violated);
    CHECK(o.message == "offset: set without limit (offset and limit must be set together)");
    r.limit = 101;
    o = prepare<hwbind::swr::list_instance_jobs>(r);
    CHECK(o.message == "limit: 101 is above the maximum 100");
    r.limit = 100;
    r.status = hwbind::swr::job_status::Running;
    o = prepare<hwbind::swr::list_instance_jobs>(r);
    REQUIRE_MESSAGE(!o.ec, o.message);
    CHECK(o.request.target() == "/v2/p1/jobs?status=Running&offset=0&limit=100");

    // spec/swr.yaml, example list_jobs: GET /v2/{project_id}/jobs
    CHECK(prepare<hwbind::swr::list_instance_jobs>({}).request.target() == "/v2/p1/jobs");
}

TEST_CASE("COC list_scheduled_tasks: task_name needs task_id")
{
    hwbind::coc::list_scheduled_tasks_request r;
    r.task_name = "nightly";
    outcome o = prepare<hwbind::coc::list_scheduled_tasks>(r);
    CHECK(o.ec == error::rule_violated);
    CHECK(o.message == "task_name: set without task_id (task_name requires task_id)");
    r.task_id = "ST" + std::string(24, '0');
    o = prepare<hwbind::coc::list_scheduled_tasks>(r);
    REQUIRE_MESSAGE(!o.ec, o.message);
    CHECK(o.request.query() == "task_id=ST000000000000000000000000&task_name=nightly");
    r.task_id = "XX" + std::string(24, '0');
    CHECK(prepare<hwbind::coc::list_scheduled_tasks>(r).ec == error::pattern_mismatch);
    r.task_id = "ST1";
    CHECK(prepare<hwbind::coc::list_scheduled_tasks>(r).ec == error::bad_length);
}

TEST_CASE("COC: the documented example requests")
{
    // spec/coc.yaml, example finished_once_tasks:
    // GET /v1/schedule/task?offset=0&limit=10&scheduled_type=ONCE&last_execution_status=FINISHED
    hwbind::coc::list_scheduled_tasks_request tasks;
    tasks.offset = 0;
    tasks.limit = 10;
    tasks.scheduled_type = hwbind::coc::scheduled_type::ONCE;
    tasks.last_execution_status = hwbind::coc::last_execution_status::FINISHED;
    outcome o = prepare<hwbind::coc::list_scheduled_tasks>(tasks, {});
    REQUIRE_MESSAGE(!o.ec, o.message);
    CHECK(o.request.path() == "/v1/schedule/task");
    CHECK(query_set(o.request.query()) ==
          query_set("offset=0&limit=10&scheduled_type=ONCE&last_execution_status=FINISHED"));

    // spec/coc.yaml, example list_first_two: GET /v1/documents?offset=0&limit=2
    hwbind::coc::list_documents_request documents;
    documents.offset = "0";
    documents.limit = 2;
    o = prepare<hwbind::coc::list_documents>(documents, {});
    REQUIRE_MESSAGE(!o.ec, o.message);
    CHECK(o.request.path() == "/v1/documents");
    CHECK(query_set(o.request.query()) == query_set("offset=0&limit=2"));
}

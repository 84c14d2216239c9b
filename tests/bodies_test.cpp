// Tests of request and response bodies (spec v2), on the operations of the generator's golden
// fixture (generator/tests/golden/full): a JSON request body built, validated at any depth
// with the JSON path in the message, encoded and signed; maps, arrays of arrays, integer
// enumerations and a model holding an array of itself decoded and encoded; response envelopes
// (a body that is an array, headers, no body at all) through the codec, and through the client
// against a server that checks every signature over the body and against the mock server.
#include <hwbind/runtime/client/client.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>
#include <hwbind/runtime/codec/json_encode.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/codec/response_headers.hpp>
#include <hwbind/mock/server.hpp>

#include <golden_full/all.hpp>

#include "support/api_server.hpp"

#include <boost/asio/io_context.hpp>
#include <doctest/doctest.h>

#include <chrono>

#include <string>
#include <vector>

namespace inventory = hwbind::inventory;
namespace meta = hwbind::meta;
namespace http = boost::beast::http;
using boost::system::error_code;
using hwbind::condition;
using hwbind::diagnostics;
using hwbind::error;

namespace {

inventory::part leaf_part(std::string name)
{
    inventory::part p;
    p.name = std::move(name);
    p.labels = {{"colour", "red"}, {"weight", "3"}};
    p.grid = {{{{"a", 1}, {"b", -2}}}, {}, {{}, {{"c", 9007199254740993}}}};
    p.access = inventory::access::manage;
    return p;
}

inventory::create_item_request create_request()
{
    inventory::create_item_request req;
    req.body.name = "bolt";
    inventory::part outer = leaf_part("outer");
    outer.parts = {leaf_part("inner-0"), leaf_part("inner-1")};
    outer.parts[1].parts = {leaf_part("innermost")};
    req.body.parts = {outer};
    req.body.tags = {{"sizes", {"M", "L"}}, {"empty", {}}};
    return req;
}

} // namespace

TEST_CASE("bodies: a model body is encoded as JSON, sent with its content type, and decodes back")
{
    const inventory::create_item_request req = create_request();
    const hwbind::prepared_request prepared = hwbind::prepare_request<inventory::create_item>(req);
    CHECK(prepared.method() == meta::http_method::post);
    CHECK(prepared.target() == "/v1/items");
    REQUIRE(prepared.headers().find("Content-Type") != nullptr);
    CHECK(prepared.headers().find("Content-Type")->value == "application/json;charset=UTF-8");

    // The members in declaration order, maps by key, integers exact, integer enums as numbers.
    CHECK(prepared.body().substr(0, 40) == R"({"name":"bolt","parts":[{"name":"outer",)");
    CHECK(prepared.body().find(R"("labels":{"colour":"red","weight":"3"})") != std::string::npos);
    CHECK(prepared.body().find(R"("grid":[[{"a":1,"b":-2}],[],[{},{"c":9007199254740993}]])") != std::string::npos);
    CHECK(prepared.body().find(R"("access":7)") != std::string::npos);
    CHECK(prepared.body().find(R"("tags":{"empty":[],"sizes":["M","L"]})") != std::string::npos);

    const auto back = hwbind::decode<inventory::new_item>(prepared.body());
    CHECK(meta::deep_equal(back, req.body));
    CHECK(back.parts.at(0).parts.at(1).parts.at(0).name == "innermost");
}

TEST_CASE("bodies: an unset optional body sends no body and no content type")
{
    inventory::delete_items_request req;
    hwbind::prepared_request prepared = hwbind::prepare_request<inventory::delete_items>(req);
    CHECK(prepared.body().empty());
    CHECK(prepared.headers().find("Content-Type") == nullptr);

    req.body = std::vector<std::string>{"a", "b\"c"};
    prepared = hwbind::prepare_request<inventory::delete_items>(req);
    CHECK(prepared.body() == R"(["a","b\"c"])");
    CHECK(prepared.headers().find("Content-Type")->value == "application/json");

    req.body->clear(); // set but empty: an empty array is a body
    CHECK(hwbind::prepare_request<inventory::delete_items>(req).body() == "[]");
}

TEST_CASE("bodies: validation reaches every depth and names the JSON path")
{
    hwbind::prepared_request out;
    diagnostics diag;

    inventory::create_item_request req = create_request();
    req.body.name.clear();
    error_code ec = hwbind::prepare_request<inventory::create_item>(req, {}, out, diag);
    CHECK(ec == error::bad_length);
    CHECK(ec == condition::invalid_request);
    CHECK(diag.message() == R"(body.name: "" has 0 characters, fewer than the minimum length 1)");
    CHECK(out.body().empty());

    // An enumeration three levels down, inside arrays: sent values must be documented.
    req = create_request();
    req.body.parts[0].parts[1].parts[0].access = meta::open_enum<inventory::access>::from_wire("9");
    ec = hwbind::prepare_request<inventory::create_item>(req, {}, out, diag);
    CHECK(ec == error::not_in_enum);
    CHECK(diag.message().rfind("body.parts[0].parts[1].parts[0].access: \"9\" is not one of", 0) == 0);

    req = create_request();
    CHECK(!hwbind::prepare_request<inventory::create_item>(req, {}, out, diag));
    CHECK(diag.message().empty());
}

TEST_CASE("bodies: maps, arrays of arrays, integer enumerations and recursive models decode")
{
    diagnostics diag;
    inventory::part p;
    error_code ec = hwbind::decode(
        R"({"name":"p","labels":{"x":"1","y":"2","x":"3"},"grid":[[{"k":1}],[]],"access":1,)"
        R"("parts":[{"name":"child","parts":[{"name":"grandchild","access":7}]}]})",
        p, diag);
    REQUIRE_MESSAGE(!ec, diag.message());
    CHECK(p.labels == std::map<std::string, std::string>{{"x", "3"}, {"y", "2"}}); // the last of a repeated key
    REQUIRE(p.grid.size() == 2);
    CHECK(p.grid[0].at(0).at("k") == 1);
    CHECK(p.grid[1].empty());
    CHECK(p.access == inventory::access::_1);
    CHECK(p.parts.at(0).parts.at(0).access == inventory::access::manage);

    // An integer enumeration keeps a number it does not list, and sends it back as a number.
    ec = hwbind::decode(R"({"access":42,"labels":null})", p, diag);
    REQUIRE(!ec);
    CHECK(!p.access->is_known());
    CHECK(p.access->wire() == "42");
    CHECK(p.labels.empty());
    CHECK(hwbind::encode(p).find(R"("access":42)") != std::string::npos);

    // Decoding a map into one that holds entries leaves only the new keys.
    p.labels = {{"old", "x"}};
    REQUIRE(!hwbind::decode(R"({"labels":{"new":"y"}})", p, diag));
    CHECK(p.labels == std::map<std::string, std::string>{{"new", "y"}});

    // Types are checked at any depth, the path naming map keys and indices.
    ec = hwbind::decode(R"({"grid":[[{"k":1}],[{"a":1,"b":"two"}]]})", p, diag);
    CHECK(ec == error::type_mismatch);
    CHECK(diag.message() == "grid[1][0].b: expected integer, got string");
    ec = hwbind::decode(R"({"parts":[{"labels":{"ok":"1","bad":2}}]})", p, diag);
    CHECK(ec == error::type_mismatch);
    CHECK(diag.message() == "parts[0].labels.bad: expected string, got number");
    ec = hwbind::decode(R"({"access":"7"})", p, diag);
    CHECK(ec == error::type_mismatch);
    CHECK(diag.message() == "access: expected integer, got string");
}

TEST_CASE("bodies: response envelopes: an array body, headers, and no body at all")
{
    diagnostics diag;

    inventory::name_list names;
    REQUIRE(!hwbind::decode(R"(["a","b"])", names, diag));
    CHECK(names.body == std::vector<std::string>{"a", "b"});
    CHECK(hwbind::decode(R"({"a":1})", names, diag) == error::type_mismatch);
    CHECK(hwbind::decode("", names, diag) == error::invalid_json); // a body was documented

    hwbind::header_list headers;
    headers.set("location", "/v1/items/7");
    inventory::create_item_response created;
    REQUIRE(!hwbind::decode(R"({"id":"7","count":1,"enabled":true})", created, diag));
    REQUIRE(!hwbind::read_response_headers(headers, created, diag));
    CHECK(created.body.id == "7");
    CHECK(created.location == "/v1/items/7");
    REQUIRE(!hwbind::read_response_headers(hwbind::header_list(), created, diag));
    CHECK(!created.location); // absent now: reset
}

namespace {

using hwbind::test::api_server;
using hwbind::test::json_reply;
using hwbind::test::request;
using hwbind::test::request_info;

const std::string body_access_key = "BODYTESTACCESSKEY";
const std::string body_secret_key = "body-test-secret";
const hwbind::test::api_credentials body_credentials{body_access_key, body_secret_key, "X-Auth-Token", ""};

} // namespace

TEST_CASE("bodies: through the client, signed over the body, to any 2xx with or without a body")
{
    api_server server(body_credentials, [](const request& req, const request_info&) {
        if (req.method() == http::verb::post) {
            auto r = json_reply(http::status::created, R"({"id":"new","count":2,"enabled":false})");
            r.message.set(http::field::location, "/v1/items/new");
            return r;
        }
        if (req.method() == http::verb::delete_) {
            auto r = json_reply(http::status::ok, req.target() == "/v1/items" ? " \r\n" : "");
            r.message.erase(http::field::content_type);
            return r;
        }
        return json_reply(http::status::ok, R"(["x","y","z"])");
    });
    hwbind::client c(hwbind::test::client_options_for(server.url(), body_credentials));

    const inventory::create_item_request req = create_request();
    const inventory::create_item_response created = c.call<inventory::create_item>(req);
    CHECK(created.body.id == "new");
    CHECK(created.body.count == 2);
    CHECK(created.location == "/v1/items/new");

    // The server verified the signature, which covers the SHA-256 of the body and the
    // content type (the published POST vectors are in auth_test.cpp).
    CHECK(server.rejections().empty());
    const request sent = server.received().at(0);
    CHECK(sent.body() == hwbind::prepare_request<inventory::create_item>(req).body());
    CHECK(sent[http::field::content_type] == "application/json;charset=UTF-8");
    CHECK(std::string(sent["Authorization"]).find("SignedHeaders=content-type;host;x-project-id;x-sdk-date,") != std::string::npos);

    // A 200 with a blank body, no Content-Type: a success without a body.
    inventory::delete_items_request del;
    del.body = std::vector<std::string>{"a"};
    error_code ec;
    diagnostics diag;
    inventory::delete_items_response nothing;
    c.call<inventory::delete_items>(del, nothing, ec, diag);
    CHECK_MESSAGE(!ec, diag.message());
    CHECK(server.received().at(1).body() == R"(["a"])");

    const inventory::name_list names = c.call<inventory::list_names>({});
    CHECK(names.body == std::vector<std::string>{"x", "y", "z"});
    CHECK(server.rejections().empty());
}

TEST_CASE("bodies: a documented body that is empty, or Huawei's error shape where none is documented, fail")
{
    api_server server(body_credentials, [](const request& req, const request_info&) {
        if (req.method() == http::verb::delete_)
            return json_reply(http::status::ok, hwbind::test::error_body("INV.001", "not deleted"));
        return json_reply(http::status::ok, "");
    });
    hwbind::client c(hwbind::test::client_options_for(server.url(), body_credentials));
    error_code ec;
    diagnostics diag;

    inventory::name_list names;
    c.call<inventory::list_names>({}, names, ec, diag);
    CHECK(ec == error::invalid_json);
    CHECK(ec == condition::invalid_response);
    CHECK(diag.message() == "invalid JSON: empty body");

    inventory::delete_items_response nothing;
    c.call<inventory::delete_items>({}, nothing, ec, diag);
    CHECK(ec == error::api_error);
    CHECK(diag.message().find("INV.001") != std::string::npos);
}

TEST_CASE("bodies: the mock server takes a body, checks it, and answers each response shape")
{
    hwbind::mock::server_options options;
    options.credentials.access_key = body_access_key;
    options.credentials.secret_key = hwbind::auth::secret(body_secret_key);
    const hwbind::mock::server<inventory::service> server(options);
    hwbind::client c(hwbind::test::client_options_for(server.endpoint(), body_credentials));
    error_code ec;
    diagnostics diag;

    // A valid body passes the mock's signature check (over the body) and its validation.
    inventory::create_item_response created;
    c.call<inventory::create_item>(create_request(), created, ec, diag);
    CHECK_MESSAGE(!ec, diag.message());

    // Sent as the client would, but invalid: the mock's 400 names the JSON path.
    hwbind::prepared_request prepared = hwbind::prepare_request<inventory::create_item>(create_request());
    prepared.set_body(R"({"name":"x","parts":[{"parts":[{"access":"7"}]}]})");
    hwbind::http_response answer;
    {
        // Signed by hand, since the client refuses to send an invalid body.
        hwbind::auth::credentials creds;
        creds.access_key = body_access_key;
        creds.secret_key = hwbind::auth::secret(body_secret_key);
        hwbind::endpoint origin;
        REQUIRE(!hwbind::parse_endpoint(server.endpoint(), origin));
        hwbind::auth::sign_request(prepared, creds, std::chrono::system_clock::now(),
                             "127.0.0.1:" + std::to_string(origin.port));
        boost::asio::io_context io;
        hwbind::transport t(io.get_executor());
        t.send(origin, prepared, answer, ec);
        REQUIRE_MESSAGE(!ec, ec.message());
    }
    CHECK(answer.status == 400);
    CHECK(answer.body.find("body.parts[0].parts[0].access: expected integer, got string") != std::string::npos);

    // An array body, and a success without a body.
    const inventory::name_list names = c.call<inventory::list_names>({});
    CHECK(names.body.empty());
    inventory::delete_items_request del;
    del.body = std::vector<std::string>{"a"};
    inventory::delete_items_response nothing;
    c.call<inventory::delete_items>(del, nothing, ec, diag);
    CHECK_MESSAGE(!ec, diag.message());
}

// Tests of the AK/SK signer and credentials (include/hwbind/runtime/auth): the three
// published SDK-HMAC-SHA256 vectors of huaweicloud-api.md §2 byte for byte, the canonical
// forms on their edge cases, token authentication, and that secrets stay hidden.
#include <hwbind/runtime/auth/credentials.hpp>
#include <hwbind/runtime/auth/signer.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/services/hss.hpp>

#include "support/test_operations.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

using hwbind::prepared_request;
using hwbind::auth::credentials;
using hwbind::auth::secret;
namespace auth = hwbind::auth;

namespace {

std::chrono::system_clock::time_point at(std::int64_t unix_seconds)
{
    return std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
}

credentials aksk(std::string ak, std::string sk)
{
    credentials c;
    c.access_key = std::move(ak);
    c.secret_key = secret(std::move(sk));
    return c;
}

prepared_request make_request(hwbind::meta::http_method method, std::string_view path, std::string_view query)
{
    prepared_request r;
    r.set_method(method);
    r.set_target(path, query);
    return r;
}

std::string header_value(const prepared_request& r, std::string_view name)
{
    const hwbind::header_field* h = r.headers().find(name);
    return h != nullptr ? h->value : std::string("<absent>");
}

std::string sha256_hex(std::string_view data)
{
    std::string out;
    hwbind::detail::append_hex(out, hwbind::detail::sha256(data));
    return out;
}

/// The canonical query of `query`, alone.
std::string canonical_query(std::string_view query)
{
    std::string out;
    auth::detail::append_canonical_query(out, query);
    return out;
}

/// The canonical URI of `path`, alone.
std::string canonical_uri(std::string_view path)
{
    std::string out;
    auth::detail::append_canonical_uri(out, path);
    return out;
}

template <class T, class = void>
struct is_streamable : std::false_type {};
template <class T>
struct is_streamable<T, std::void_t<decltype(std::declval<std::ostream&>() << std::declval<const T&>())>>
    : std::true_type {};

constexpr std::string_view empty_body_hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

} // namespace

static_assert(!is_streamable<secret>::value, "a secret must not be printable");
static_assert(!is_streamable<credentials>::value, "credentials must not be printable");
static_assert(!std::is_convertible_v<secret, std::string> && !std::is_convertible_v<secret, std::string_view>,
              "a secret must not turn into a string unnoticed");

// ---- published vectors -----------------------------------------------------------------------

TEST_CASE("vector 1: the signing guide example")
{
    prepared_request r = make_request(hwbind::meta::http_method::get, "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
                                      "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0");
    r.headers().set("Content-Type", "application/json");
    auth::sign_request(r, aksk("QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"), at(1573789015),
                       "service.region.example.com");

    CHECK(header_value(r, "X-Sdk-Date") == "20191115T033655Z");
    CHECK(header_value(r, "Host") == "service.region.example.com");
    const std::string canonical = auth::canonical_request(r);
    CHECK(canonical == "GET\n"
                       "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/\n"
                       "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0\n"
                       "content-type:application/json\n"
                       "host:service.region.example.com\n"
                       "x-sdk-date:20191115T033655Z\n"
                       "\n"
                       "content-type;host;x-sdk-date\n" +
                           std::string(empty_body_hash));
    CHECK(sha256_hex(canonical) == "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
    CHECK(auth::string_to_sign(r) ==
          "SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
    CHECK(auth::signed_headers(r) == "content-type;host;x-sdk-date");
    CHECK(header_value(r, "Authorization") ==
          "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, "
          "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");
    // The slash appended to the canonical URI is not in the URL sent.
    CHECK(r.target() ==
          "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0");
}

TEST_CASE("vector 2: Go SDK, GET with only X-Sdk-Date signed")
{
    prepared_request r = make_request(hwbind::meta::http_method::get, "/path", "limit=1");
    auth::sign_request(r, aksk("AccessKey", "SecretKey"), at(1136214245));
    CHECK(header_value(r, "X-Sdk-Date") == "20060102T150405Z");
    CHECK(r.headers().find("Host") == nullptr);
    CHECK(header_value(r, "Authorization") ==
          "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, "
          "Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624");
}

TEST_CASE("vector 3: Go SDK, POST with a body")
{
    prepared_request r = make_request(hwbind::meta::http_method::post, "/path", "key=value");
    r.set_body("{\"Name\":\"test\",\"Id\":1}\n");
    auth::sign_request(r, aksk("AccessKey", "SecretKey"), at(1136214245));
    CHECK(header_value(r, "Authorization") ==
          "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, "
          "Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59");
    CHECK(auth::canonical_request(r).substr(0, 5) == "POST\n");
}

// ---- canonical forms -----------------------------------------------------------------------

TEST_CASE("canonical URI")
{
    CHECK(canonical_uri("") == "/");
    CHECK(canonical_uri("/") == "/");
    CHECK(canonical_uri("/a/b") == "/a/b/");
    CHECK(canonical_uri("/a/b/") == "/a/b/");
    CHECK(canonical_uri("/a%2Fb/c") == "/a%2Fb/c/");  // an encoded slash stays in its segment
    CHECK(canonical_uri("/a%2fb/%7e") == "/a%2Fb/~/"); // re-encoded canonically
    CHECK(canonical_uri("/a b/c:d") == "/a%20b/c%3Ad/");
    CHECK(canonical_uri("/caf%C3%A9") == "/caf%C3%A9/");
}

TEST_CASE("canonical query")
{
    CHECK(canonical_query("") == "");
    CHECK(canonical_query("b=2&a=1") == "a=1&b=2");
    SUBCASE("repeated keys sort by value")
    {
        CHECK(canonical_query("b=2&a=3&a=1&a=10") == "a=1&a=10&a=3&b=2");
    }
    SUBCASE("order compares decoded bytes, not their encoding")
    {
        // Decoded, "z" < "é" (0xC3...) and "." < "/"; encoded, "%..." would sort first.
        CHECK(canonical_query("k=%C3%A9&k=z") == "k=z&k=%C3%A9");
        CHECK(canonical_query("k=%2F&k=.") == "k=.&k=%2F");
        CHECK(canonical_query("%C3%A9=1&z=2") == "z=2&%C3%A9=1");
    }
    SUBCASE("a key without a value, empty pairs")
    {
        CHECK(canonical_query("flag&a=1") == "a=1&flag=");
        CHECK(canonical_query("a=1&&b=") == "a=1&b=");
    }
    SUBCASE("values are re-encoded canonically")
    {
        CHECK(canonical_query("k=a%2fb&j=a b&i=%7E+") == "i=~%2B&j=a%20b&k=a%2Fb");
    }
}

TEST_CASE("empty query and empty body")
{
    prepared_request r = make_request(hwbind::meta::http_method::get, "/v1/x", "");
    auth::sign_request(r, aksk("AK", "SK"), at(0), "h");
    CHECK(r.target() == "/v1/x");
    CHECK(auth::canonical_request(r) ==
          "GET\n/v1/x/\n\nhost:h\nx-sdk-date:19700101T000000Z\n\nhost;x-sdk-date\n" + std::string(empty_body_hash));
}

TEST_CASE("canonical headers: trimmed, lower case, sorted; names with _ are not signed")
{
    prepared_request r = make_request(hwbind::meta::http_method::get, "/p", "");
    r.headers().set("X-Zeta", "  spaced   inside \t");
    r.headers().set("content-TYPE", "application/json");
    r.headers().set("X_Underscore", "skipped");
    r.headers().set("X-Empty", "   ");
    auth::sign_request(r, aksk("AK", "SK"), at(0));
    CHECK(auth::signed_headers(r) == "content-type;x-empty;x-sdk-date;x-zeta");
    CHECK(auth::canonical_request(r) == "GET\n/p/\n\n"
                                        "content-type:application/json\n"
                                        "x-empty:\n"
                                        "x-sdk-date:19700101T000000Z\n"
                                        "x-zeta:spaced   inside\n"
                                        "\n"
                                        "content-type;x-empty;x-sdk-date;x-zeta\n" +
                                            std::string(empty_body_hash));
    // Still sent, only not signed.
    CHECK(header_value(r, "X_Underscore") == "skipped");
    CHECK(header_value(r, "Authorization").find("SignedHeaders=content-type;x-empty;x-sdk-date;x-zeta,") !=
          std::string::npos);
}

TEST_CASE("the security token and the project id are sent and signed")
{
    credentials c = aksk("AK", "SK");
    c.security_token = secret("temporary-token");
    c.project_id = "0123456789abcdef";
    prepared_request r = make_request(hwbind::meta::http_method::get, "/v2/0123456789abcdef/jobs", "");
    auth::sign_request(r, c, at(1573789015), "swr-api.example.com");
    CHECK(header_value(r, "X-Security-Token") == "temporary-token");
    CHECK(header_value(r, "X-Project-Id") == "0123456789abcdef");
    CHECK(auth::signed_headers(r) == "host;x-project-id;x-sdk-date;x-security-token");

    // The signature is HMAC-SHA256(SK, string to sign) over exactly those headers.
    std::string expected_signature;
    hwbind::detail::append_hex(expected_signature, hwbind::detail::hmac_sha256("SK", auth::string_to_sign(r)));
    CHECK(header_value(r, "Authorization") ==
          "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-project-id;x-sdk-date;x-security-token, Signature=" +
              expected_signature);
}

TEST_CASE("signing again (a retry) replaces the signature and does not sign Authorization")
{
    prepared_request once = make_request(hwbind::meta::http_method::get, "/path", "limit=1");
    prepared_request twice = once;
    const credentials c = aksk("AccessKey", "SecretKey");
    auth::sign_request(twice, c, at(1000), "old.example.com");
    auth::sign_request(twice, c, at(1136214245), "new.example.com");
    auth::sign_request(once, c, at(1136214245), "new.example.com");
    CHECK(twice.headers().size() == 3);
    CHECK(header_value(twice, "Authorization") == header_value(once, "Authorization"));
    CHECK(auth::signed_headers(twice) == "host;x-sdk-date");
}

TEST_CASE("a built request signs as its target reads")
{
    hwbind::testsvc::list_widgets_request w;
    w.widget_name = "a b/c";
    w.tag = {"z", "a"};
    w.x_trace_id = "t1";
    hwbind::request_context ctx;
    ctx.set("project_id", "p1");
    prepared_request r = hwbind::prepare_request<hwbind::testsvc::list_widgets>(w, ctx);
    auth::sign_request(r, aksk("AK", "SK"), at(0), "h");
    const std::string canonical = auth::canonical_request(r);
    CHECK(canonical.substr(0, canonical.find("\n\n")) == "GET\n"
                                                          "/v3/p1/widgets/a%20b%2Fc/parts/\n"
                                                          "tag=a&tag=z\n"
                                                          "host:h\n"
                                                          "x-sdk-date:19700101T000000Z\n"
                                                          "x-trace-id:t1");
}

// ---- X-Sdk-Date ----------------------------------------------------------------------------

TEST_CASE("X-Sdk-Date formatting")
{
    CHECK(auth::format_sdk_date(at(0)) == "19700101T000000Z");
    CHECK(auth::format_sdk_date(at(1573789015)) == "20191115T033655Z");
    CHECK(auth::format_sdk_date(at(951868799)) == "20000229T235959Z");
    CHECK(auth::format_sdk_date(at(951868800)) == "20000301T000000Z");
    CHECK(auth::format_sdk_date(at(-1)) == "19691231T235959Z");
    CHECK(auth::format_sdk_date(at(4102444800)) == "21000101T000000Z");
    // Truncated to the second, never rounded up.
    CHECK(auth::format_sdk_date(at(1136214245) + std::chrono::milliseconds(999)) == "20060102T150405Z");
    CHECK(auth::format_sdk_date(at(0) - std::chrono::milliseconds(1)) == "19691231T235959Z");
}

// ---- token authentication and credentials ----------------------------------------------------

TEST_CASE("token authentication sets the operation's token header")
{
    credentials c;
    c.iam_token = secret("MIIE-token");
    prepared_request r = make_request(hwbind::meta::http_method::get, "/v1/ping", "");
    auth::add_token(r, c, hwbind::testsvc::list_widgets::auth.token_header);
    CHECK(header_value(r, "X-Widget-Token") == "MIIE-token");
    auth::add_token(r, c, hwbind::hss::list_jobs::auth.token_header);
    CHECK(header_value(r, "X-Auth-Token") == "MIIE-token");
}

TEST_CASE("credentials from the environment")
{
    const char* names[] = {"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_PROJECT_ID",
                           "HUAWEICLOUD_SDK_SECURITY_TOKEN"};
    for (const char* name : names)
        ::unsetenv(name);
    credentials none = credentials::from_environment();
    CHECK_FALSE(none.has_aksk());
    CHECK(none.project_id.empty());
    CHECK(none.security_token.empty());

    ::setenv("HUAWEICLOUD_SDK_AK", "QTWAOYTTINDUT2QVKYUC", 1);
    ::setenv("HUAWEICLOUD_SDK_SK", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", 1);
    ::setenv("HUAWEICLOUD_SDK_PROJECT_ID", "77b6a44cba5143ab91d13ab9a8ff44fd", 1);
    ::setenv("HUAWEICLOUD_SDK_SECURITY_TOKEN", "sts-token", 1);
    const credentials c = credentials::from_environment();
    for (const char* name : names)
        ::unsetenv(name);

    CHECK(c.has_aksk());
    CHECK_FALSE(c.has_token());
    CHECK(c.access_key == "QTWAOYTTINDUT2QVKYUC");
    CHECK(c.secret_key.expose() == "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc");
    CHECK(c.project_id == "77b6a44cba5143ab91d13ab9a8ff44fd");
    CHECK(c.security_token.expose() == "sts-token");
}

TEST_CASE("the redacted description shows no secret")
{
    credentials c = aksk("QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc");
    c.security_token = secret("sts-token");
    c.project_id = "77b6a44cba5143ab91d13ab9a8ff44fd";
    const std::string d = auth::redacted_description(c);
    CHECK(d == "access_key=QTWA****, secret_key=set, security_token=set, project_id=77b6a44c..., iam_token=unset");
    CHECK(d.find("MFyf") == std::string::npos);
    CHECK(d.find("sts-token") == std::string::npos);
    CHECK(auth::redacted_description(credentials()) ==
          "access_key=unset, secret_key=unset, security_token=unset, project_id=unset, iam_token=unset");
}

TEST_CASE("secret copies and moves")
{
    secret a("s1");
    secret b = a;
    CHECK(b.expose() == "s1");
    secret c = std::move(a);
    CHECK(c.expose() == "s1");
    b = secret("s2");
    CHECK(b.expose() == "s2");
    c = b;
    CHECK(c.expose() == "s2");
    CHECK(secret().empty());
}

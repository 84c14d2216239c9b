// Tests of where credentials, regions and endpoints come from (huaweicloud-api.md §6): the
// environment and profile file sources (auth/credential_provider.hpp), region overrides and
// regions.yaml (client/region_overrides.hpp), the ECS metadata provider against a fake
// metadata service on 127.0.0.1 (client/metadata_credentials.hpp), and
// client_options::from_default_chain with a temporary home directory. Every variable a test
// sets is put back; nothing is sent to 169.254.169.254 and no host name is resolved.
#include <hwbind/runtime/auth/credential_provider.hpp>
#include <hwbind/runtime/auth/signer.hpp>
#include <hwbind/runtime/client/client_options.hpp>
#include <hwbind/runtime/client/metadata_credentials.hpp>
#include <hwbind/runtime/client/region_overrides.hpp>
#include <hwbind/runtime/client/service_endpoint.hpp>
#include <hwbind/services/all.hpp>

#include "support/scoped_env.hpp"
#include "support/test_server.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace creds_test {

using boost::system::error_code;
using hwbind::client_options;
using hwbind::diagnostics;
using hwbind::error;
using hwbind::auth::credential_scope;
using hwbind::auth::credentials;
using hwbind::test::request;
using hwbind::test::request_info;
using hwbind::test::scoped_env;
using hwbind::test::temp_dir;
using namespace std::chrono_literals;
namespace http = boost::beast::http;

constexpr const char* secret_marker = "TOPSECRET";

bool leaks(std::string_view text) { return text.find(secret_marker) != std::string_view::npos; }

// Every variable the chain reads, unset for the test and restored after it, so that the
// tests do not depend on the environment they run in.
class clean_environment {
public:
    clean_environment()
    {
        for (const char* name :
             {"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_PROJECT_ID", "HUAWEICLOUD_SDK_DOMAIN_ID",
              "HUAWEICLOUD_SDK_SECURITY_TOKEN", "HUAWEICLOUD_SDK_IDP_ID", "HUAWEICLOUD_SDK_ID_TOKEN_FILE",
              "HUAWEICLOUD_SDK_CREDENTIALS_FILE", "HUAWEICLOUD_SDK_REGIONS_FILE", "HUAWEICLOUD_SDK_REGION",
              "HUAWEICLOUD_SDK_REGION_HSS_XX_TEST_1", "HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"})
            unset_.push_back(std::make_unique<scoped_env>(name, nullptr));
    }

private:
    std::vector<std::unique_ptr<scoped_env>> unset_;
};

// Chain options that cannot reach a real metadata service: tests that get as far as the
// metadata provider never call it, and if they did, nothing listens on port 1 of 127.0.0.1.
hwbind::default_chain_options chain_in(const temp_dir& home)
{
    hwbind::default_chain_options o;
    o.home = home.path().string();
    o.ecs_metadata.endpoint = "http://127.0.0.1:1";
    return o;
}

const char* const profile_text = "# credentials of the official SDKs\n"
                                 "[basic]\n"
                                 "ak = PROFILEAK\n"
                                 "sk = \"TOPSECRET-profile-sk\"\n"
                                 "project_id = profile-project\n"
                                 "domain_id = not-for-basic\n"
                                 "iam_endpoint = https://iam.example.com\n"
                                 "\n"
                                 "; the account-level pair\n"
                                 "[Global]\n"
                                 "AK=GLOBALAK\n"
                                 "sk='TOPSECRET-global-sk'\n"
                                 "domain_id = the-domain\n";

TEST_CASE("credentials: the environment source, basic and global")
{
    const clean_environment clean;
    std::optional<credentials> found;
    diagnostics diag;

    SUBCASE("nothing set: no credentials, and no error, so the chain goes on")
    {
        CHECK(!hwbind::auth::credentials_from_environment(credential_scope::basic, found, diag));
        CHECK(!found);
    }
    SUBCASE("the project id for basic credentials, the domain id for global ones")
    {
        const scoped_env ak("HUAWEICLOUD_SDK_AK", "ENVAK");
        const scoped_env sk("HUAWEICLOUD_SDK_SK", "TOPSECRET-env-sk");
        const scoped_env project("HUAWEICLOUD_SDK_PROJECT_ID", "env-project");
        const scoped_env domain("HUAWEICLOUD_SDK_DOMAIN_ID", "env-domain");
        const scoped_env token("HUAWEICLOUD_SDK_SECURITY_TOKEN", "TOPSECRET-sts");
        REQUIRE(!hwbind::auth::credentials_from_environment(credential_scope::basic, found, diag));
        REQUIRE(found);
        CHECK(found->access_key == "ENVAK");
        CHECK(found->secret_key.expose() == "TOPSECRET-env-sk");
        CHECK(found->security_token.expose() == "TOPSECRET-sts");
        CHECK(found->project_id == "env-project");
        CHECK(found->domain_id.empty());
        REQUIRE(!hwbind::auth::credentials_from_environment(credential_scope::global, found, diag));
        REQUIRE(found);
        CHECK(found->project_id.empty());
        CHECK(found->domain_id == "env-domain");
        CHECK(hwbind::auth::redacted_description(*found).find("domain_id=env-doma...") != std::string::npos);
    }
    SUBCASE("half a key pair is an error, not a reason to look elsewhere")
    {
        const scoped_env sk("HUAWEICLOUD_SDK_SK", "TOPSECRET-env-sk");
        CHECK(hwbind::auth::credentials_from_environment(credential_scope::basic, found, diag) == error::no_credentials);
        CHECK(diag.message() == "HUAWEICLOUD_SDK_SK is set but HUAWEICLOUD_SDK_AK is not");
        CHECK(!found);
    }
    SUBCASE("a federated identity is refused, not skipped")
    {
        const scoped_env idp("HUAWEICLOUD_SDK_IDP_ID", "idp");
        CHECK(hwbind::auth::credentials_from_environment(credential_scope::basic, found, diag) == error::no_credentials);
        CHECK(diag.message().find("federated identities are not supported") != std::string::npos);
    }
}

TEST_CASE("credentials: the profile file, [basic] and [global]")
{
    std::optional<credentials> found;
    diagnostics diag;
    using hwbind::auth::parse_profile;

    REQUIRE(!parse_profile(profile_text, "creds", credential_scope::basic, found, diag));
    REQUIRE(found);
    CHECK(found->access_key == "PROFILEAK");
    CHECK(found->secret_key.expose() == "TOPSECRET-profile-sk");
    CHECK(found->project_id == "profile-project");
    CHECK(found->domain_id.empty());
    CHECK(found->security_token.empty());

    REQUIRE(!parse_profile(profile_text, "creds", credential_scope::global, found, diag));
    REQUIRE(found);
    CHECK(found->access_key == "GLOBALAK");
    CHECK(found->secret_key.expose() == "TOPSECRET-global-sk");
    CHECK(found->domain_id == "the-domain");
    CHECK(found->project_id.empty());

    SUBCASE("no section of the scope: nothing, no error")
    {
        CHECK(!parse_profile("[basic]\nak = a\nsk = b\n", "creds", credential_scope::global, found, diag));
        CHECK(!found);
    }
    SUBCASE("a section without sk, or with a federated identity only")
    {
        CHECK(parse_profile("[basic]\nak = a\n", "creds", credential_scope::basic, found, diag) ==
              error::no_credentials);
        CHECK(diag.message() == "creds [basic]: both ak and sk are needed");
        CHECK(parse_profile("[global]\nidp_id = x\nid_token_file = /t\n", "creds", credential_scope::global, found,
                            diag) == error::no_credentials);
        CHECK(diag.message() == "creds [global]: federated identities (idp_id) are not supported; set ak and sk");
    }
    SUBCASE("a malformed line is reported by number, never quoted")
    {
        CHECK(parse_profile("[basic]\nak = a\nTOPSECRET-pasted-without-key\n", "creds", credential_scope::basic, found,
                            diag) == error::no_credentials);
        CHECK(diag.message() == "creds:3: neither a [section] nor a key = value line");
        CHECK(!leaks(diag.message()));
        CHECK(parse_profile("[basic\n", "creds", credential_scope::basic, found, diag) == error::no_credentials);
        CHECK(diag.message() == "creds:1: a section name without ']'");
    }
    SUBCASE("files: a missing default file is absent, a missing named one an error")
    {
        const temp_dir dir;
        const std::string missing = (dir.path() / "nope").string();
        CHECK(!hwbind::auth::credentials_from_profile_file(missing, false, credential_scope::basic, found, diag));
        CHECK(!found);
        CHECK(hwbind::auth::credentials_from_profile_file(missing, true, credential_scope::basic, found, diag) ==
              boost::system::errc::no_such_file_or_directory);
        CHECK(diag.message().find("cannot read the credentials file " + missing) == 0);
        const std::string path = dir.write("creds.ini", profile_text);
        REQUIRE(!hwbind::auth::credentials_from_profile_file(path, true, credential_scope::basic, found, diag));
        CHECK(found->access_key == "PROFILEAK");
    }
}

TEST_CASE("credentials: global credentials send X-Domain-Id, signed")
{
    credentials c;
    c.access_key = "AK";
    c.secret_key = hwbind::auth::secret("SK");
    c.domain_id = "dom-1";
    hwbind::prepared_request r;
    r.set_target("/v3/projects", "");
    hwbind::auth::sign_request(r, c, std::chrono::system_clock::time_point(std::chrono::seconds(1573789015)),
                               "iam.example.com");
    const hwbind::header_field* domain = r.headers().find("X-Domain-Id");
    REQUIRE(domain != nullptr);
    CHECK(domain->value == "dom-1");
    CHECK(r.headers().find("X-Project-Id") == nullptr);
    CHECK(hwbind::auth::signed_headers(r) == "host;x-domain-id;x-sdk-date");
}

TEST_CASE("regions: regions.yaml, the environment, and their place in endpoint resolution")
{
    const clean_environment clean;
    hwbind::region_overrides o;
    diagnostics diag;

    SUBCASE("the subset of YAML the SDKs write")
    {
        const char* yaml = "# endpoints of this machine\n"
                           "hss:\n"
                           "  - id: 'xx-test-1'   # quoted\n"
                           "    endpoint: http://127.0.0.1:7001\n"
                           "  - id: xx-test-2\n"
                           "    endpoints:\n"
                           "      - \"http://127.0.0.1:7002\"\n"
                           "      - http://127.0.0.1:7003\n"
                           "SWR:\n"
                           "  -\n"
                           "    id: xx-test-1\n"
                           "    endpoints: ['http://127.0.0.1:7004', http://127.0.0.1:7005]\n"
                           "    future_key: ignored\n";
        REQUIRE_MESSAGE(!o.parse_regions_yaml(yaml, "regions.yaml", diag), diag.message());
        CHECK(o.find("hss", "xx-test-1").url == "http://127.0.0.1:7001");
        CHECK(o.find("hss", "xx-test-1").origin == "regions.yaml:3");
        CHECK(o.find("HSS", "xx-test-2").url == "http://127.0.0.1:7002");
        CHECK(o.find("swr", "xx-test-1").url == "http://127.0.0.1:7004");
        CHECK(o.find("swr", "xx-test-2").url.empty());
        CHECK(o.find("coc", "xx-test-1").url.empty());
    }
    SUBCASE("what is outside the subset is reported with its line")
    {
        const std::pair<const char*, const char*> cases[] = {
            {"hss:\n\t- id: a\n", "regions.yaml:2: a tab in the indentation"},
            {"hss:\n  - endpoint: http://h\n", "regions.yaml:2: a region entry without an id"},
            {"hss:\n  - id: a\n  - id: b\n    endpoint: http://h\n", "regions.yaml:2: a region entry without an endpoint"},
            {"hss:\n  - id: &anchor a\n", "regions.yaml:2: the id is not a plain or quoted scalar"},
            {"  - id: a\n", "regions.yaml:1: an indented line before the first service"},
            {"hss: http://h\n", "regions.yaml:1: expected a service name followed by ':'"},
            {"hss:\n  id: a\n", "regions.yaml:2: expected '- id: ...' (a list of region entries)"},
            {"hss:\n  - id: 'a\n", "regions.yaml:2: an unclosed quote"},
        };
        for (const auto& [text, message] : cases) {
            INFO(text);
            hwbind::region_overrides fresh;
            CHECK(fresh.parse_regions_yaml(text, "regions.yaml", diag) == error::invalid_endpoint);
            CHECK(diag.message() == message);
        }
    }
    SUBCASE("resolution: overrides in code, then the environment, then regions.yaml, then the table")
    {
        client_options options;
        options.region = "cn-north-4";
        REQUIRE(!options.region_endpoints.parse_regions_yaml("hss:\n  - id: cn-north-4\n    endpoint: http://127.0.0.1:7001\n",
                                                             "regions.yaml", diag));
        hwbind::endpoint ep;
        // The variable is read only when asked to: options made in code stay as they are.
        const scoped_env var("HUAWEICLOUD_SDK_REGION_HSS_CN_NORTH_4", " , http://127.0.0.1:7002, http://127.0.0.1:7003");
        REQUIRE(!hwbind::resolve_endpoint<hwbind::hss::service>(options, ep, diag));
        CHECK(ep.port == 7001);
        options.region_endpoints.read_environment = true;
        REQUIRE(!hwbind::resolve_endpoint<hwbind::hss::service>(options, ep, diag));
        CHECK(ep.host == "127.0.0.1");
        CHECK(ep.port == 7002);
        // Other services keep their table.
        REQUIRE(!hwbind::resolve_endpoint<hwbind::swr::service>(options, ep, diag));
        CHECK(ep.host == "swr-api.cn-north-4.myhuaweicloud.com");
        options.service_endpoints["hss"] = "http://127.0.0.1:7009";
        REQUIRE(!hwbind::resolve_endpoint<hwbind::hss::service>(options, ep, diag));
        CHECK(ep.port == 7009);
    }
    SUBCASE("an invalid override names its variable, not its value")
    {
        client_options options;
        options.region = "xx-test-1";
        options.region_endpoints.read_environment = true;
        const scoped_env var("HUAWEICLOUD_SDK_REGION_HSS_XX_TEST_1", "https://user:TOPSECRET@host.example.com");
        hwbind::endpoint ep;
        CHECK(hwbind::resolve_endpoint<hwbind::hss::service>(options, ep, diag) == error::invalid_endpoint);
        CHECK(diag.message() == "the endpoint of service \"hss\" from HUAWEICLOUD_SDK_REGION_HSS_XX_TEST_1 is not an "
                                "http(s)://host[:port] base URL");
    }
}

TEST_CASE("from_default_chain: environment, then profile file, then ECS metadata")
{
    const clean_environment clean;
    const temp_dir home;
    diagnostics diag;
    client_options o;

    SUBCASE("nothing anywhere, metadata off: an error naming where it looked")
    {
        auto chain = chain_in(home);
        chain.use_ecs_metadata = false;
        CHECK(client_options::from_default_chain(o, diag, chain) == error::no_credentials);
        CHECK(diag.message() == "no credentials: neither HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK nor a [basic] section in " +
                                    (home.path() / ".huaweicloud/credentials").string());
        CHECK_THROWS_AS(client_options::from_default_chain(chain), hwbind::error_with_diagnostics);
    }
    SUBCASE("nothing anywhere: the metadata provider, asked at the first call")
    {
        REQUIRE(!client_options::from_default_chain(o, diag, chain_in(home)));
        REQUIRE(o.credential_provider != nullptr);
        CHECK(o.credential_provider->source() == "ecs_metadata");
        CHECK(!o.credentials.has_aksk());
    }
    SUBCASE("the profile file in the home directory")
    {
        home.write(".huaweicloud/credentials", profile_text);
        REQUIRE(!client_options::from_default_chain(o, diag, chain_in(home)));
        CHECK(o.credential_provider == nullptr);
        CHECK(o.credentials_source == "profile");
        CHECK(o.credentials.access_key == "PROFILEAK");
        CHECK(o.credentials.project_id == "profile-project");

        auto global = chain_in(home);
        global.scope = credential_scope::global;
        REQUIRE(!client_options::from_default_chain(o, diag, global));
        CHECK(o.credentials.access_key == "GLOBALAK");
        CHECK(o.credentials.domain_id == "the-domain");

        SUBCASE("HUAWEICLOUD_SDK_CREDENTIALS_FILE names another file, which must exist")
        {
            const std::string other = home.write("elsewhere.ini", "[basic]\nak = OTHERAK\nsk = TOPSECRET-o\n");
            {
                const scoped_env file("HUAWEICLOUD_SDK_CREDENTIALS_FILE", other.c_str());
                REQUIRE(!client_options::from_default_chain(o, diag, chain_in(home)));
                CHECK(o.credentials.access_key == "OTHERAK");
            }
            const std::string missing = (home.path() / "missing.ini").string();
            const scoped_env file("HUAWEICLOUD_SDK_CREDENTIALS_FILE", missing.c_str());
            CHECK(client_options::from_default_chain(o, diag, chain_in(home)) ==
                  boost::system::errc::no_such_file_or_directory);
        }
        SUBCASE("the environment comes first")
        {
            const scoped_env ak("HUAWEICLOUD_SDK_AK", "ENVAK");
            const scoped_env sk("HUAWEICLOUD_SDK_SK", "TOPSECRET-env-sk");
            REQUIRE(!client_options::from_default_chain(o, diag, chain_in(home)));
            CHECK(o.credentials_source == "environment");
            CHECK(o.credentials.access_key == "ENVAK");
        }
        SUBCASE("a malformed profile stops the chain")
        {
            home.write(".huaweicloud/credentials", "[basic]\nak = a\n");
            CHECK(client_options::from_default_chain(o, diag, chain_in(home)) == error::no_credentials);
        }
    }
    SUBCASE("region and regions.yaml")
    {
        const scoped_env ak("HUAWEICLOUD_SDK_AK", "ENVAK");
        const scoped_env sk("HUAWEICLOUD_SDK_SK", "TOPSECRET-env-sk");
        const scoped_env region("HUAWEICLOUD_SDK_REGION", "xx-test-1");
        home.write(".huaweicloud/regions.yaml", "hss:\n  - id: xx-test-1\n    endpoint: http://127.0.0.1:7001\n");
        REQUIRE(!client_options::from_default_chain(o, diag, chain_in(home)));
        CHECK(o.region == "xx-test-1");
        hwbind::endpoint ep;
        REQUIRE(!hwbind::resolve_endpoint<hwbind::hss::service>(o, ep, diag));
        CHECK(ep.port == 7001);
        {
            const scoped_env var("HUAWEICLOUD_SDK_REGION_HSS_XX_TEST_1", "http://127.0.0.1:7002");
            REQUIRE(!hwbind::resolve_endpoint<hwbind::hss::service>(o, ep, diag));
            CHECK(ep.port == 7002);
        }
        const std::string other = home.write("r.yaml", "hss:\n  - id: xx-test-1\n    endpoint: http://127.0.0.1:7003\n");
        {
            const scoped_env file("HUAWEICLOUD_SDK_REGIONS_FILE", other.c_str());
            REQUIRE(!client_options::from_default_chain(o, diag, chain_in(home)));
            REQUIRE(!hwbind::resolve_endpoint<hwbind::hss::service>(o, ep, diag));
            CHECK(ep.port == 7003);
        }
        home.write(".huaweicloud/regions.yaml", "hss:\n  - id: xx-test-1\n");
        CHECK(client_options::from_default_chain(o, diag, chain_in(home)) == error::invalid_endpoint);
        CHECK(diag.message() == (home.path() / ".huaweicloud/regions.yaml").string() +
                                    ":2: a region entry without an endpoint");
    }
}

// A fake ECS metadata service: a session token for PUT .../api/token, then numbered
// credentials for GET .../securitykey with that token, expiring at `expires_at`.
class fake_metadata {
public:
    // The settings of its answers, changed by the test between requests (under the mutex: the
    // server reads them on its own threads).
    void set_status(unsigned status) { with_lock([&] { status_ = status; }); }
    void set_body(std::string body) { with_lock([&] { body_ = std::move(body); }); }
    void set_expires_at(std::string t) { with_lock([&] { expires_at_ = std::move(t); }); }

    // Holds the next securitykey requests before answering, until `release` is called (or
    // 5 s pass, so that a broken test fails rather than hangs).
    void hold() { with_lock([&] { hold_ = true; released_ = false; }); }
    void release()
    {
        with_lock([&] { released_ = true; });
        released_cv_.notify_all();
    }

    fake_metadata()
        : server_([this](const request& req, const request_info&) { return answer(req); })
    {
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }

    unsigned token_requests() const { return tokens_; }
    unsigned key_requests() const { return keys_; }
    std::vector<std::string> rejections() const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return rejections_;
    }

private:
    hwbind::test::reply answer(const request& req)
    {
        hwbind::test::reply r;
        r.message.set(http::field::content_type, "application/json");
        if (req.method() == http::verb::put && req.target() == "/meta-data/latest/api/token") {
            ++tokens_;
            if (req["X-Metadata-Token-Ttl-Seconds"] != "21600")
                return reject(r, "no X-Metadata-Token-Ttl-Seconds: 21600");
            r.message.body() = "session-" + std::to_string(tokens_.load());
            return r;
        }
        if (req.method() != http::verb::get || req.target() != "/openstack/latest/securitykey")
            return reject(r, "unexpected " + std::string(req.method_string()) + ' ' + std::string(req.target()));
        const unsigned n = ++keys_;
        if (req["X-Metadata-Token"] != "session-" + std::to_string(tokens_.load()))
            return reject(r, "a securitykey request without the session token");
        std::unique_lock<std::mutex> lock(mutex_);
        if (hold_)
            released_cv_.wait_for(lock, std::chrono::seconds(5), [this] { return released_; });
        r.message.result(status_);
        r.message.body() = body_ ? *body_
                                 : "{\"credential\":{\"access\":\"TEMPAK" + std::to_string(n) +
                                       "\",\"secret\":\"TOPSECRET-temp-sk-" + std::to_string(n) +
                                       "\",\"securitytoken\":\"TOPSECRET-sts-" + std::to_string(n) +
                                       "\",\"expires_at\":\"" + expires_at_ + "\"}}";
        return r;
    }

    template <class F>
    void with_lock(F f)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        f();
    }

    hwbind::test::reply reject(hwbind::test::reply r, std::string why)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        rejections_.push_back(std::move(why));
        r.message.result(http::status::bad_request);
        return r;
    }

    std::atomic<unsigned> tokens_{0};
    std::atomic<unsigned> keys_{0};
    mutable std::mutex mutex_;
    std::condition_variable released_cv_;
    unsigned status_ = 200;
    std::optional<std::string> body_;
    std::string expires_at_ = "2030-01-01T12:00:00.000000Z";
    bool hold_ = false;
    bool released_ = false;
    std::vector<std::string> rejections_;
    hwbind::test::test_server server_; // last: destroyed first, while the rest still exists
};

// 2030-01-01T12:00:00Z, when the fake's credentials expire.
const std::chrono::system_clock::time_point expiry{std::chrono::seconds(1893499200)};

// A clock the test sets, which counts its readings.
struct fake_clock {
    std::atomic<std::int64_t> seconds{1893499200 - 3600};
    std::atomic<unsigned> readings{0};

    std::function<std::chrono::system_clock::time_point()> function()
    {
        return [this] {
            ++readings;
            return std::chrono::system_clock::time_point(std::chrono::seconds(seconds.load()));
        };
    }
};

hwbind::ecs_metadata_options metadata_options(const fake_metadata& fake, fake_clock& clock)
{
    hwbind::ecs_metadata_options o;
    o.endpoint = fake.url();
    o.project_id = "metadata-project";
    o.clock = clock.function();
    return o;
}

TEST_CASE("ECS metadata credentials: fetched once, refreshed before they expire")
{
    fake_metadata fake;
    fake_clock clock;
    hwbind::ecs_metadata_credential_provider provider(metadata_options(fake, clock));
    std::shared_ptr<const credentials> c;
    diagnostics diag;

    CHECK(provider.source() == "ecs_metadata");
    CHECK(!provider.expiry());
    REQUIRE_MESSAGE(!provider.get(c, diag), diag.message());
    CHECK(fake.rejections().empty());
    CHECK(c->access_key == "TEMPAK1");
    CHECK(c->secret_key.expose() == "TOPSECRET-temp-sk-1");
    CHECK(c->security_token.expose() == "TOPSECRET-sts-1");
    CHECK(c->project_id == "metadata-project");
    CHECK(provider.expiry() == expiry);

    // An hour before expiry: kept.
    REQUIRE(!provider.get(c, diag));
    CHECK(c->access_key == "TEMPAK1");
    CHECK(fake.key_requests() == 1);

    // Ten minutes before expiry, within the 15 of `refresh_before`: fetched again.
    clock.seconds = 1893499200 - 600;
    const std::shared_ptr<const credentials> before = c;
    REQUIRE(!provider.get(c, diag));
    CHECK(c->access_key == "TEMPAK2");
    CHECK(fake.token_requests() == 2);
    CHECK(before->access_key == "TEMPAK1"); // what a call holds does not change under it

    SUBCASE("a failed refresh keeps the current credentials while they are valid")
    {
        fake.set_expires_at("2030-01-01T12:00:00Z");
        fake.set_status(500);
        REQUIRE(!provider.get(c, diag));
        CHECK(c->access_key == "TEMPAK2");
        CHECK(fake.key_requests() == 3);

        // Expired, and the service still failing: an error that says which request failed.
        clock.seconds = 1893499200;
        CHECK(provider.get(c, diag) == error::api_error);
        CHECK(diag.message() == "ECS metadata credentials: GET " + fake.url() + "/openstack/latest/securitykey: status 500");
        CHECK(!leaks(diag.message()));

        fake.set_status(200);
        REQUIRE(!provider.get(c, diag));
        CHECK(c->access_key == "TEMPAK5");
    }
}

TEST_CASE("ECS metadata credentials: bodies that are not credentials, and an absent service")
{
    fake_metadata fake;
    fake_clock clock;
    std::shared_ptr<const credentials> c;
    diagnostics diag;
    SUBCASE("a member missing")
    {
        hwbind::ecs_metadata_credential_provider provider(metadata_options(fake, clock));
        fake.set_body("{\"credential\":{\"access\":\"A\",\"secret\":\"TOPSECRET-x\",\"expires_at\":\"2030-01-01T12:00:00Z\"}}");
        CHECK(provider.get(c, diag) == error::missing_field);
        CHECK(diag.message().find("ECS metadata credentials: the securitykey body: ") == 0);
        CHECK(diag.message().find("securitytoken") != std::string::npos);
        CHECK(!leaks(diag.message()));
    }
    SUBCASE("an expiry that is not a time")
    {
        hwbind::ecs_metadata_credential_provider provider(metadata_options(fake, clock));
        fake.set_expires_at("tomorrow");
        CHECK(provider.get(c, diag) == error::type_mismatch);
        CHECK(diag.message() == "ECS metadata credentials: expires_at is not an ISO 8601 UTC time");
    }
    SUBCASE("an expiry with an offset")
    {
        hwbind::ecs_metadata_credential_provider provider(metadata_options(fake, clock));
        fake.set_expires_at("2030-01-01T20:00:00+08:00");
        REQUIRE(!provider.get(c, diag));
        CHECK(provider.expiry() == expiry);
    }
    SUBCASE("nothing listening")
    {
        auto options = metadata_options(fake, clock);
        options.endpoint = "http://127.0.0.1:1";
        hwbind::ecs_metadata_credential_provider provider(options);
        const error_code ec = provider.get(c, diag);
        CHECK(ec == hwbind::condition::transport_error);
        CHECK(diag.message().find("ECS metadata credentials: PUT http://127.0.0.1:1/meta-data/latest/api/token: ") == 0);
    }
    SUBCASE("an endpoint that is not a base URL")
    {
        auto options = metadata_options(fake, clock);
        options.endpoint = "http://127.0.0.1:1/path";
        CHECK_THROWS_AS(hwbind::ecs_metadata_credential_provider{options}, boost::system::system_error);
    }
}

TEST_CASE("ECS metadata credentials: concurrent callers share one fetch")
{
    constexpr unsigned callers = 8;
    fake_metadata fake;
    fake_clock clock;
    fake.hold();
    hwbind::ecs_metadata_credential_provider provider(metadata_options(fake, clock));

    // The fake holds the first fetch until every caller has read the clock, which each does
    // in `get` after noting the fetches so far: without the single-fetch rule, each would
    // fetch.
    std::thread releaser([&] {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (clock.readings < callers && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(1ms);
        fake.release();
    });
    std::vector<std::string> keys(callers);
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < callers; ++i) {
        threads.emplace_back([&, i] {
            std::shared_ptr<const credentials> c;
            diagnostics diag;
            if (!provider.get(c, diag))
                keys[i] = c->access_key;
        });
    }
    for (std::thread& t : threads)
        t.join();
    releaser.join();
    CHECK(fake.key_requests() == 1);
    CHECK(fake.token_requests() == 1);
    for (const std::string& k : keys)
        CHECK(k == "TEMPAK1");

    SUBCASE("a failed fetch is shared too, and the next caller tries again")
    {
        clock.seconds = 1893499200 + 1;
        fake.set_status(503);
        fake.hold();
        clock.readings = 0;
        std::vector<error_code> results(callers);
        std::thread again([&] {
            const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
            while (clock.readings < callers && std::chrono::steady_clock::now() < until)
                std::this_thread::sleep_for(1ms);
            fake.release();
        });
        threads.clear();
        for (unsigned i = 0; i < callers; ++i) {
            threads.emplace_back([&, i] {
                std::shared_ptr<const credentials> c;
                diagnostics diag;
                results[i] = provider.get(c, diag);
            });
        }
        for (std::thread& t : threads)
            t.join();
        again.join();
        CHECK(fake.key_requests() == 2);
        for (const error_code& ec : results)
            CHECK(ec == error::api_error);
    }
}

} // namespace creds_test

// Endpoint resolution without sockets (include/hwbind/runtime/client/service_endpoint.hpp):
// the region table, the endpoint template, per-service and global overrides, and the errors
// of a region without an endpoint, of no region, and of an invalid override.
#include <hwbind/runtime/client/client.hpp>
#include <hwbind/runtime/client/service_endpoint.hpp>
#include <hwbind/services/all.hpp>

#include "support/test_operations.hpp"

#include <doctest/doctest.h>

#include <string>

using boost::system::error_code;
using hwbind::client;
using hwbind::client_options;
using hwbind::condition;
using hwbind::diagnostics;
using hwbind::error;
using hwbind::error_with_diagnostics;

namespace coc = hwbind::coc;
namespace hss = hwbind::hss;
namespace swr = hwbind::swr;
namespace testsvc = hwbind::testsvc;

TEST_CASE("endpoint resolution")
{
    using hwbind::endpoint;
    using hwbind::resolve_endpoint;
    client_options o;
    endpoint ep;
    diagnostics diag;

    SUBCASE("the region table, then the template")
    {
        o.region = "eu-west-101";
        REQUIRE(!resolve_endpoint<hss::service>(o, ep, diag));
        CHECK(ep.host == "hss.eu-west-101.myhuaweicloud.eu");
        CHECK(ep.secure());
        CHECK(ep.port == 443);
        o.region = "cn-north-4";
        REQUIRE(!resolve_endpoint<hss::service>(o, ep, diag));
        CHECK(ep.host == "hss.cn-north-4.myhuaweicloud.com");
        o.region = "ap-southeast-1";
        REQUIRE(!resolve_endpoint<swr::service>(o, ep, diag));
        CHECK(ep.host == "swr-api.ap-southeast-1.myhuaweicloud.com");
        REQUIRE(!resolve_endpoint<testsvc::service>(o, ep, diag));
        CHECK(ep.host == "testsvc.ap-southeast-1.example.com");
        o.region = "ap-southeast-3";
        REQUIRE(!resolve_endpoint<coc::service>(o, ep, diag));
        CHECK(ep.host == "coc-intl.myhuaweicloud.com");
    }
    SUBCASE("a region a table-only service is not offered in")
    {
        o.region = "af-south-1";
        const error_code ec = resolve_endpoint<coc::service>(o, ep, diag);
        CHECK(ec == error::no_endpoint);
        CHECK(ec == condition::invalid_request);
        CHECK(diag.message() == "service \"coc\" has no endpoint in region \"af-south-1\" (its regions: cn-north-4 "
                                "ap-southeast-3 eu-west-101); set an endpoint override");
    }
    SUBCASE("no region and no override")
    {
        CHECK(resolve_endpoint<hss::service>(o, ep, diag) == error::no_endpoint);
        CHECK(diag.message().find("client_options::region") != std::string::npos);
    }
    SUBCASE("overrides: per service, then global; http allowed")
    {
        o.region = "cn-north-4";
        o.endpoint = "http://127.0.0.1:8080";
        o.service_endpoints["hss"] = "http://LocalHost:9000/";
        REQUIRE(!resolve_endpoint<hss::service>(o, ep, diag));
        CHECK(ep.host == "localhost");
        CHECK(ep.port == 9000);
        CHECK(!ep.secure());
        REQUIRE(!resolve_endpoint<swr::service>(o, ep, diag));
        CHECK(ep.host == "127.0.0.1");
        CHECK(ep.port == 8080);
        o.endpoint.clear();
        REQUIRE(!resolve_endpoint<swr::service>(o, ep, diag));
        CHECK(ep.host == "swr-api.cn-north-4.myhuaweicloud.com");
    }
    SUBCASE("an invalid override is reported without being quoted")
    {
        for (const char* url : {"https://user:TOPSECRET@host.example.com", "ftp://host.example.com",
                                "https://host.example.com/v1", "not a url"}) {
            INFO(url);
            o.service_endpoints["coc"] = url;
            CHECK(resolve_endpoint<coc::service>(o, ep, diag) == error::invalid_endpoint);
            CHECK(diag.message() == "the endpoint of service \"coc\" from client_options::service_endpoints is not "
                                    "an http(s)://host[:port] base URL");
        }
    }
    SUBCASE("a call without an endpoint fails before any I/O")
    {
        o.credentials.access_key = "HWBINDTESTACCESSKEY1";
        o.credentials.secret_key = hwbind::auth::secret("sk");
        client c(o);
        hss::list_jobs_response out;
        error_code ec;
        c.call<hss::list_jobs>({}, out, ec, diag);
        CHECK(ec == error::no_endpoint);
        CHECK_THROWS_AS(c.call<hss::list_jobs>({}), error_with_diagnostics);
    }
}


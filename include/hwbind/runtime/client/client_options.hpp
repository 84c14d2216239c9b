// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_CLIENT_OPTIONS_HPP
#define HWBIND_RUNTIME_CLIENT_CLIENT_OPTIONS_HPP

/// \file
/// The settings of a `client`: credentials, region and endpoints, transport, retries, the
/// observability hook and the clock requests are signed with. Plain data; the client copies
/// them once, when it is constructed. And where they come from outside the code: the
/// environment, `~/.huaweicloud/`, the ECS metadata service (`from_default_chain`).

#include <hwbind/runtime/auth/credential_provider.hpp>
#include <hwbind/runtime/auth/credentials.hpp>
#include <hwbind/runtime/auth/detail/config_files.hpp>
#include <hwbind/runtime/client/metadata_credentials.hpp>
#include <hwbind/runtime/client/region_overrides.hpp>
#include <hwbind/runtime/client/request_event.hpp>
#include <hwbind/runtime/client/retry.hpp>
#include <hwbind/runtime/codec/decode_options.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/transport/options.hpp>

#include <boost/system/error_code.hpp>
#include <boost/system/system_error.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace hwbind {

/// Where `client_options::from_default_chain` looks; every path can be given, for tests and
/// for programs that keep their configuration elsewhere.
struct default_chain_options {
    /// Project-scoped (`[basic]`, `HUAWEICLOUD_SDK_PROJECT_ID`) or account-scoped (`[global]`,
    /// `HUAWEICLOUD_SDK_DOMAIN_ID`) credentials.
    auth::credential_scope scope = auth::credential_scope::basic;

    /// The home directory of `~/.huaweicloud/`; empty for `$HOME`.
    std::string home;

    /// The profile file; empty for `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else
    /// `<home>/.huaweicloud/credentials`.
    std::string credentials_file;

    /// The regions file; empty for `HUAWEICLOUD_SDK_REGIONS_FILE`, else
    /// `<home>/.huaweicloud/regions.yaml`.
    std::string regions_file;

    /// Whether the ECS metadata service is the last source; when false, finding no
    /// credentials is an error.
    bool use_ecs_metadata = true;

    /// The metadata provider's settings; its scope and ids are filled from `scope` and the
    /// environment unless set.
    ecs_metadata_options ecs_metadata;
};

/// The settings of a `client`.
///
/// **Credentials.** A call authenticates with what `credential_provider` gives when it is
/// set, else with `credentials`. Either may hold both an access key pair and an IAM token:
/// the key pair signs the request when the operation accepts AK/SK, else the token is sent
/// when it accepts a token. The event of each attempt names the scheme used
/// (`request_event::auth`) and where the credentials came from
/// (`request_event::credential_source`).
///
/// **Endpoints.** The base URL of a service is, in this order: its entry in
/// `service_endpoints` (keyed by the service's name, e.g. `"hss"`); `endpoint`; the endpoint
/// `region_overrides` gives for the service in `region`; the service's URL for `region` in
/// its region table; its URL template with `{region}` replaced by `region`. When none applies (no override and no region, or a region the service is not
/// offered in), calls fail with `error::no_endpoint`. Overrides may use `http://` (local test
/// servers, TLS-terminating proxies); a URL that is not `http(s)://host[:port]` with an empty
/// path fails with `error::invalid_endpoint`.
struct client_options {
    /// What requests authenticate with; empty by default (see `from_environment`).
    auth::credentials credentials;

    /// Where `credentials` came from, reported in request events: `"client_options"` unless
    /// a factory below filled them (`"environment"`, `"profile"`). Static storage.
    std::string_view credentials_source = "client_options";

    /// A source asked for credentials at the start of each call (such as
    /// `ecs_metadata_credential_provider`), replacing `credentials`; none by default.
    std::shared_ptr<auth::credential_provider> credential_provider;

    /// The region, e.g. `cn-north-4`.
    std::string region;

    /// The base URL of every service, replacing the region's; empty for none.
    std::string endpoint;

    /// The base URL of individual services by service name, replacing `endpoint` and the
    /// region's.
    std::map<std::string, std::string, std::less<>> service_endpoints;

    /// Endpoints of services in regions, from `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION_ID>`
    /// and `regions.yaml` (filled by `from_default_chain`) or set in code; they replace the
    /// region tables of the services.
    region_overrides region_endpoints;

    /// Connections, TLS verification, proxy, timeouts and limits.
    transport_options transport;

    /// When and how failed attempts are retried.
    retry_options retry;

    /// How response bodies are decoded: `decode.lenient` leaves out values of the wrong type
    /// with a warning in the call's `diagnostics::warnings()` instead of failing the call.
    decode_options decode;
    /// The deadline of a whole call: its attempts and the waits between them; zero (the
    /// default) for none, each attempt then bounded by `transport.request_timeout` alone.
    /// An attempt ends at this deadline when its own would come later (failing with
    /// `error::timeout`, or `error::connect_timeout` while connecting; the message says
    /// `call deadline expired`). A wait before the next attempt (`Retry-After` or the
    /// backoff) that would reach the deadline is not waited: the call fails at once with the
    /// error of its last attempt, the message saying `not retried: the wait of N s ... would
    /// end beyond the call deadline`.
    std::chrono::steady_clock::duration call_timeout{};

    /// Called once per attempt; none by default. See `request_hook` for the threads it runs on.
    request_hook on_request;

    /// The wall clock requests are signed with (`X-Sdk-Date`) and an HTTP-date `Retry-After`
    /// is read against; the system clock when empty. For tests, and for hosts whose clock is
    /// known to be off. Called concurrently when calls run concurrently.
    std::function<std::chrono::system_clock::time_point()> clock;

    /// Options taking what the official SDKs and tools read from the environment:
    /// credentials from `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`,
    /// `HUAWEICLOUD_SDK_SECURITY_TOKEN` and `HUAWEICLOUD_SDK_PROJECT_ID`
    /// (`auth::credentials::from_environment`), and the proxy from `HTTPS_PROXY`,
    /// `HTTP_PROXY` and `NO_PROXY` (`proxy_options::from_environment`). Everything else keeps
    /// its default; set the region or an endpoint before use.
    static client_options from_environment()
    {
        client_options out;
        out.credentials = auth::credentials::from_environment();
        out.credentials_source = "environment";
        out.transport.proxy = proxy_options::from_environment();
        return out;
    }

    /// Options taking credentials, region and endpoints from wherever the official SDKs find
    /// them (huaweicloud-api.md §6), and the proxy from the environment:
    ///
    /// - **credentials**, from the first of these sources that has an access key pair:
    ///   1. the environment: `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`,
    ///      `HUAWEICLOUD_SDK_SECURITY_TOKEN`, and `HUAWEICLOUD_SDK_PROJECT_ID` (basic scope) or
    ///      `HUAWEICLOUD_SDK_DOMAIN_ID` (global scope);
    ///   2. the profile file (`HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else
    ///      `~/.huaweicloud/credentials`), section `[basic]` or `[global]`;
    ///   3. the ECS metadata service (`ecs_metadata_credential_provider`), asked at the first
    ///      call rather than here, with the project id (or domain id) of the environment.
    ///
    ///   A source that is half set up is an error, not a reason to try the next one: only one
    ///   of AK and SK in the environment, a federated identity (`HUAWEICLOUD_SDK_IDP_ID`, not
    ///   supported), a profile section without `ak` or `sk`, a malformed or unreadable
    ///   profile file, a named file that does not exist.
    /// - **region**: `HUAWEICLOUD_SDK_REGION`, when set.
    /// - **endpoints**: `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION_ID>` variables, then the
    ///   regions file (`HUAWEICLOUD_SDK_REGIONS_FILE`, else `~/.huaweicloud/regions.yaml`);
    ///   see `region_overrides`.
    ///
    /// Fails with the error of the source at fault, `diag` saying which and why (never a
    /// secret): `error::no_credentials` for credentials, `error::invalid_endpoint` for the
    /// regions file, the system's error for a file that cannot be read.
    static boost::system::error_code from_default_chain(client_options& out, diagnostics& diag,
                                                        default_chain_options chain = {})
    {
        out = client_options();
        diag.clear();
        out.transport.proxy = proxy_options::from_environment();
        out.region = hwbind::detail::environment("HUAWEICLOUD_SDK_REGION");

        out.region_endpoints.read_environment = true;
        bool named = false;
        const std::string regions_path = region_overrides::regions_file_path(chain.regions_file, chain.home, named);
        if (auto ec = out.region_endpoints.load_regions_file(regions_path, named, diag))
            return ec;

        std::optional<auth::credentials> found;
        if (auto ec = auth::credentials_from_environment(chain.scope, found, diag))
            return ec;
        if (found) {
            out.credentials = std::move(*found);
            out.credentials_source = "environment";
            return {};
        }
        const std::string profile_path = auth::credentials_file_path(chain.credentials_file, chain.home, named);
        if (auto ec = auth::credentials_from_profile_file(profile_path, named, chain.scope, found, diag))
            return ec;
        if (found) {
            out.credentials = std::move(*found);
            out.credentials_source = "profile";
            return {};
        }
        if (!chain.use_ecs_metadata) {
            diag.set_message("no credentials: neither HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK nor a [" +
                             std::string(chain.scope == auth::credential_scope::basic ? "basic" : "global") +
                             "] section in " + (profile_path.empty() ? std::string("a profile file") : profile_path));
            return error::no_credentials;
        }
        ecs_metadata_options& metadata = chain.ecs_metadata;
        metadata.scope = chain.scope;
        if (metadata.project_id.empty() && chain.scope == auth::credential_scope::basic)
            metadata.project_id = hwbind::detail::environment("HUAWEICLOUD_SDK_PROJECT_ID");
        if (metadata.domain_id.empty() && chain.scope == auth::credential_scope::global)
            metadata.domain_id = hwbind::detail::environment("HUAWEICLOUD_SDK_DOMAIN_ID");
        try {
            out.credential_provider = std::make_shared<ecs_metadata_credential_provider>(std::move(metadata));
        } catch (const boost::system::system_error& e) {
            diag.set_message("ecs_metadata_options::endpoint is not an http(s)://host[:port] base URL");
            return e.code();
        }
        return {};
    }

    /// `from_default_chain`, throwing `error_with_diagnostics` on failure.
    static client_options from_default_chain(default_chain_options chain = {})
    {
        client_options out;
        diagnostics diag;
        if (auto ec = from_default_chain(out, diag, std::move(chain)))
            throw error_with_diagnostics(ec, std::move(diag));
        return out;
    }
};

} // namespace hwbind

#endif // HWBIND_RUNTIME_CLIENT_CLIENT_OPTIONS_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_CLIENT_OPTIONS_HPP
#define HWBIND_RUNTIME_CLIENT_CLIENT_OPTIONS_HPP

/// \file
/// The settings of a `client`: credentials, region and endpoints, transport, retries, the
/// observability hook and the clock requests are signed with. Plain data; the client copies
/// them once, when it is constructed.

#include <hwbind/runtime/auth/credentials.hpp>
#include <hwbind/runtime/client/request_event.hpp>
#include <hwbind/runtime/client/retry.hpp>
#include <hwbind/runtime/transport/options.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <string>

namespace hwbind {

/// The settings of a `client`.
///
/// **Endpoints.** The base URL of a service is, in this order: its entry in
/// `service_endpoints` (keyed by the service's name, e.g. `"hss"`); `endpoint`; the service's
/// URL for `region` in its region table; its URL template with `{region}` replaced by
/// `region`. When none applies (no override and no region, or a region the service is not
/// offered in), calls fail with `error::no_endpoint`. Overrides may use `http://` (local test
/// servers, TLS-terminating proxies); a URL that is not `http(s)://host[:port]` with an empty
/// path fails with `error::invalid_endpoint`.
struct client_options {
    /// What requests authenticate with; empty by default (see `from_environment`).
    auth::credentials credentials;

    /// The region, e.g. `cn-north-4`.
    std::string region;

    /// The base URL of every service, replacing the region's; empty for none.
    std::string endpoint;

    /// The base URL of individual services by service name, replacing `endpoint` and the
    /// region's.
    std::map<std::string, std::string, std::less<>> service_endpoints;

    /// Connections, TLS verification, proxy, timeouts and limits.
    transport_options transport;

    /// When and how failed attempts are retried.
    retry_options retry;

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
        out.transport.proxy = proxy_options::from_environment();
        return out;
    }
};

} // namespace hwbind

#endif // HWBIND_RUNTIME_CLIENT_CLIENT_OPTIONS_HPP

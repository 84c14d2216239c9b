// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_SERVICE_ENDPOINT_HPP
#define HWBIND_RUNTIME_CLIENT_SERVICE_ENDPOINT_HPP

/// \file
/// Where a service is reached: the overrides of the client options, those of the environment
/// and `regions.yaml` for the region, else the service's region table and URL template
/// (huaweicloud-api.md §1, §6).

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/codec/api_error.hpp>
#include <hwbind/runtime/client/client_options.hpp>
#include <hwbind/runtime/client/region_overrides.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace hwbind {

namespace detail {

/// What `resolve_endpoint` reads of a service descriptor.
struct service_location {
    std::string_view name;
    const meta::region_endpoint* endpoints;
    std::size_t endpoint_count;
    std::string_view endpoint_template;
};

/// `resolve_endpoint` for the service `service` describes: not a template, so that it is
/// compiled once, whatever the services.
inline boost::system::error_code resolve_endpoint(const service_location& service_info, const client_options& options,
                                                  endpoint& out, diagnostics& diag)
{
    diag.clear();
    const auto fail = [&diag](error e, std::string message) {
        diag.set_message(std::move(message));
        return boost::system::error_code(e);
    };
    const meta::region_endpoint* const endpoints_begin = service_info.endpoints;
    const meta::region_endpoint* const endpoints_end = service_info.endpoints + service_info.endpoint_count;
    const std::string service = "service \"" + std::string(service_info.name) + '"';
    std::string url;
    std::string origin; // where the URL came from, for the message
    const auto per_service = options.service_endpoints.find(service_info.name);
    if (per_service != options.service_endpoints.end()) {
        url = per_service->second;
        origin = "client_options::service_endpoints";
    } else if (!options.endpoint.empty()) {
        url = options.endpoint;
        origin = "client_options::endpoint";
    } else {
        if (options.region.empty())
            return fail(error::no_endpoint,
                        "no endpoint for " + service + ": set client_options::region, or an endpoint override");
        if (region_overrides::entry e = options.region_endpoints.find(service_info.name, options.region);
            !e.url.empty()) {
            url = std::move(e.url);
            origin = std::move(e.origin);
        }
        for (const meta::region_endpoint* entry = endpoints_begin; entry != endpoints_end && url.empty(); ++entry) {
            if (entry->region == options.region)
                url = entry->url;
        }
        if (url.empty() && !service_info.endpoint_template.empty()) {
            constexpr std::string_view placeholder = "{region}";
            std::string_view rest = service_info.endpoint_template;
            for (std::size_t at = rest.find(placeholder); at != std::string_view::npos; at = rest.find(placeholder)) {
                url.append(rest.substr(0, at));
                url += options.region;
                rest.remove_prefix(at + placeholder.size());
            }
            url.append(rest);
        }
        const std::string region = "region \"" + detail::printable_excerpt(options.region, 64) + '"';
        if (url.empty()) {
            std::string msg = service + " has no endpoint in " + region + " (its regions:";
            for (const meta::region_endpoint* entry = endpoints_begin; entry != endpoints_end; ++entry) {
                msg += ' ';
                msg.append(entry->region);
            }
            return fail(error::no_endpoint, msg + "); set an endpoint override");
        }
        // A URL of the spec, safe to quote, unlike an override.
        if (origin.empty())
            origin = region + ", " + detail::printable_excerpt(url);
    }
    if (parse_endpoint(url, out))
        return fail(error::invalid_endpoint,
                    "the endpoint of " + service + " from " + origin + " is not an http(s)://host[:port] base URL");
    return {};
}

/// What `resolve_endpoint` reads of `Service`.
template <class Service>
inline constexpr service_location service_location_v = {Service::name, Service::endpoints.data(),
                                                        Service::endpoints.size(), Service::endpoint_template};

} // namespace detail

/// Resolves the base URL of service `Service` (a generated service descriptor, with `name`,
/// `endpoints` and `endpoint_template`) under `options` into `out`, in the order
/// `client_options` documents: the per-service override, the global override, the region
/// override (`client_options::region_endpoints`), the region's table entry, the URL template.
///
/// Fails with `error::no_endpoint` when none applies, and `error::invalid_endpoint` when the
/// chosen URL is not an `http(s)://host[:port]` base URL; `diag` says which and why. An
/// override is never quoted in the message, as it could hold user information.
template <class Service>
boost::system::error_code resolve_endpoint(const client_options& options, endpoint& out, diagnostics& diag)
{
    return detail::resolve_endpoint(detail::service_location_v<Service>, options, out, diag);
}

} // namespace hwbind

#endif // HWBIND_RUNTIME_CLIENT_SERVICE_ENDPOINT_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_DETAIL_CLIENT_STATE_HPP
#define HWBIND_RUNTIME_CLIENT_DETAIL_CLIENT_STATE_HPP

/// \file
/// What the calls of one client share: its options, the request context, the transport, and
/// the endpoints of the services called so far.

#include <hwbind/runtime/client/client_options.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/client/service_endpoint.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>
#include <hwbind/runtime/transport/transport.hpp>
#include <hwbind/runtime/codec/validate.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace hwbind::detail {

/// The endpoint of one service, resolved once and kept for the client's lifetime.
struct service_origin {
    std::string_view service; ///< the service's name (static storage)
    endpoint origin;          ///< where its requests go
    std::string host;         ///< the `Host` value, signed with each request
    std::string base_url;     ///< `scheme://host[:port]`, for events and messages
};

/// The state of a `client`, behind a pointer so that the client can move while its
/// operations run.
///
/// Immutable after construction but for the endpoint cache (guarded by a mutex) and the
/// transport (safe for concurrent use by itself), so calls on any threads can share it.
class client_state {
public:
    /// With `ex`, or, when it is empty, a private I/O context for synchronous calls only.
    client_state(std::optional<boost::asio::any_io_executor> ex, client_options opts)
        : own_context_(ex ? nullptr : std::make_unique<boost::asio::io_context>(1)),
          options(std::move(opts)),
          // Not owned: the options live as long as the state, and calls hold them no longer.
          credentials(std::shared_ptr<const auth::credentials>(), &options.credentials),
          context(request_context().set("project_id", options.credentials.project_id)),
          transport(ex ? std::move(*ex) : own_context_->get_executor(), options.transport)
    {
    }

    /// Whether asynchronous calls can run: the client was given an executor.
    bool has_executor() const noexcept { return own_context_ == nullptr; }

    /// The wall-clock time requests are signed with.
    std::chrono::system_clock::time_point now() const
    {
        return options.clock ? options.clock() : std::chrono::system_clock::now();
    }

    /// The endpoint of `Service`, resolved on first use. The result lives as long as the
    /// client. A failure is not kept: the options cannot change, but it costs nothing to
    /// report it again.
    template <class Service>
    boost::system::error_code origin_of(const service_origin*& out, diagnostics& diag)
    {
        return origin_of(service_location_v<Service>, out, diag);
    }

    /// The endpoint of the service `service` describes; see the template.
    boost::system::error_code origin_of(const service_location& service, const service_origin*& out,
                                        diagnostics& diag)
    {
        std::lock_guard<std::mutex> lock(origins_mutex_);
        for (const service_origin& o : origins_) {
            if (o.service == service.name) {
                out = &o;
                return {};
            }
        }
        service_origin resolved;
        if (auto ec = resolve_endpoint(service, options, resolved.origin, diag))
            return ec;
        resolved.service = service.name;
        resolved.host = resolved.origin.host_header();
        resolved.base_url = resolved.origin.secure() ? "https://" : "http://";
        resolved.base_url += resolved.host;
        // A deque keeps the addresses of its elements as it grows: calls in flight hold them.
        out = &origins_.emplace_back(std::move(resolved));
        return {};
    }

private:
    // Declared first: the transport's executor may come from it.
    std::unique_ptr<boost::asio::io_context> own_context_;

public:
    const client_options options;
    const std::shared_ptr<const auth::credentials> credentials; ///< `options.credentials`
    const request_context context; ///< `project_id` from the credentials
    hwbind::transport transport;

private:
    std::mutex origins_mutex_;
    std::deque<service_origin> origins_;
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_CLIENT_DETAIL_CLIENT_STATE_HPP

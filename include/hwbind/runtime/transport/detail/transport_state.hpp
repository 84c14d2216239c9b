// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_DETAIL_TRANSPORT_STATE_HPP
#define HWBIND_RUNTIME_TRANSPORT_DETAIL_TRANSPORT_STATE_HPP

/// \file
/// What a transport's operations share: options, TLS context (made on first use), proxies,
/// the connection pool, counters, and the private I/O contexts synchronous calls run on.

#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/transport/detail/connection.hpp>
#include <hwbind/runtime/transport/detail/tls_context.hpp>
#include <hwbind/runtime/transport/detail/watchdog.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>
#include <hwbind/runtime/transport/options.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/system/system_error.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace hwbind::detail {

/// An I/O context run by the thread of one synchronous call at a time. Single-threaded by
/// construction, so its connections need no strand.
struct sync_lane {
    boost::asio::io_context context{1};
};

class transport_state {
public:
    transport_state(boost::asio::any_io_executor ex, transport_options opts)
        : executor(std::move(ex)),
          options(std::move(opts)),
          pool(options.max_connections_per_host, options.idle_timeout, options.probe_idle_after)
    {
        https_proxy = parse_proxy_option(options.proxy.https_proxy, options.proxy.https_proxy_source,
                                         "proxy_options::https_proxy", https_proxy_authorization);
        http_proxy = parse_proxy_option(options.proxy.http_proxy, options.proxy.http_proxy_source,
                                        "proxy_options::http_proxy", http_proxy_authorization);
    }

    /// The `Proxy-Authorization` value for requests to `origin` through its proxy; empty for
    /// none. A secret.
    const std::string& proxy_authorization(const endpoint& origin) const noexcept
    {
        return origin.secure() ? https_proxy_authorization : http_proxy_authorization;
    }

    /// The proxy `origin` is reached through, or null for a direct connection.
    const endpoint* proxy_for(const endpoint& origin) const noexcept
    {
        const std::optional<endpoint>& proxy = origin.secure() ? https_proxy : http_proxy;
        if (!proxy || options.proxy.bypasses(origin.host))
            return nullptr;
        return &*proxy;
    }

    /// The TLS context of `https` connections, made on the first one: loading the CA store
    /// takes tens of milliseconds, which a client of `http` endpoints need not pay. Null,
    /// with `ec` set, when the CA file, directory or text of the options cannot be loaded
    /// (tried again on the next call).
    boost::asio::ssl::context* tls_context(boost::system::error_code& ec)
    {
        std::lock_guard<std::mutex> lock(tls_mutex_);
        if (!tls_) {
            try {
                tls_.emplace(make_tls_context(options.tls));
            } catch (const boost::system::system_error& e) {
                ec = e.code();
                return nullptr;
            }
        }
        return &*tls_;
    }

    /// A lane no other call is using, made on first need.
    sync_lane& lease_lane()
    {
        std::lock_guard<std::mutex> lock(lanes_mutex_);
        if (free_lanes_.empty()) {
            lanes_.push_back(std::make_unique<sync_lane>());
            free_lanes_.reserve(lanes_.size());
            return *lanes_.back();
        }
        sync_lane* lane = free_lanes_.back();
        free_lanes_.pop_back();
        return *lane;
    }

    /// Lends `lane` again; its context has no work left.
    void return_lane(sync_lane& lane)
    {
        std::lock_guard<std::mutex> lock(lanes_mutex_);
        free_lanes_.push_back(&lane);
    }

    boost::asio::any_io_executor executor;
    transport_options options;
    std::optional<endpoint> https_proxy;
    std::optional<endpoint> http_proxy;
    std::string https_proxy_authorization;
    std::string http_proxy_authorization;

    std::atomic<std::uint64_t> connections_opened{0};
    std::atomic<std::uint64_t> connections_reused{0};
    std::atomic<std::uint64_t> replays{0};

    /// Bounds the blocking exchanges of synchronous calls.
    watchdog deadlines;

private:
    // The proxy of `url`, which came from `source` (or, when empty, `option`).
    static std::optional<endpoint> parse_proxy_option(const std::string& url, const std::string& source,
                                                      const char* option, std::string& authorization)
    {
        if (url.empty())
            return std::nullopt;
        endpoint proxy;
        std::string reason;
        // The URL is not in the message: it may carry credentials.
        if (auto ec = parse_proxy(url, proxy, authorization, reason))
            throw boost::system::system_error(ec, "the proxy URL of " + (source.empty() ? std::string(option) : source) +
                                                      " cannot be used: " + reason);
        return proxy;
    }

    std::mutex tls_mutex_;
    std::optional<boost::asio::ssl::context> tls_;

    std::mutex lanes_mutex_;
    std::vector<std::unique_ptr<sync_lane>> lanes_;
    std::vector<sync_lane*> free_lanes_;

public:
    /// Declared after the lanes so that it is destroyed first: its connections may belong to
    /// their contexts.
    connection_pool pool;
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_TRANSPORT_DETAIL_TRANSPORT_STATE_HPP

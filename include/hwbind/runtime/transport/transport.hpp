// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_TRANSPORT_HPP
#define HWBIND_RUNTIME_TRANSPORT_TRANSPORT_HPP

/// \file
/// HTTP/1.1 over TCP or TLS with Boost.Beast: keep-alive connections pooled per host, a
/// deadline per request, verified TLS, HTTP proxies. The transport sends a
/// `prepared_request` as it is given (signing and retries are the client's) and reads the
/// response; it never follows redirects.

#include <hwbind/runtime/config.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/transport/detail/send_op.hpp>
#include <hwbind/runtime/transport/detail/transport_state.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>
#include <hwbind/runtime/transport/http_response.hpp>
#include <hwbind/runtime/transport/options.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <chrono>
#include <cstdint>
#include <memory>
#include <utility>

namespace hwbind {

/// A transport's connections now and its counters so far, for tests and monitoring. The
/// gauges are summed over hosts, and include the connections of synchronous calls.
struct transport_stats {
    std::size_t open = 0;   ///< connections open now: in use, being opened or idle
    std::size_t idle = 0;   ///< of which idle in the pool
    std::size_t in_use = 0; ///< of which serving a request, or being opened for one
    std::size_t queued = 0; ///< calls waiting for a connection (see `max_connections_per_host`)

    std::uint64_t connections_opened = 0; ///< connections established (connected, tunnelled, handshaken)
    std::uint64_t connections_reused = 0; ///< requests that started on a pooled connection
    std::uint64_t replays = 0;            ///< requests sent again after a pooled connection proved closed
};

/// Sends requests and reads responses over HTTP/1.1.
///
/// **Connections.** Keep-alive connections are pooled per (scheme, host, port, proxy), at
/// most `transport_options::max_connections_per_host` open at once each (in use, being
/// opened or idle). An asynchronous call that finds them all in use waits in a queue, first
/// come first served, until one is free: its deadline keeps running meanwhile (expiry fails
/// it with `error::timeout`), and per-operation cancellation takes it out of the queue. A
/// connection goes back to the pool only once its exchange is complete (the whole response
/// read), and is then handed to the first waiting call, or kept idle, for
/// `transport_options::idle_timeout` at most. One idle for
/// `transport_options::probe_idle_after` is checked before reuse and replaced if the server
/// closed it. Synchronous calls use one connection at a time each, pooled per calling lane
/// (see below), so they never wait. `stats()` shows the connections and the queue. A request that fails on a pooled connection because the server closed it,
/// before any byte of a response arrived, is sent once more on a new connection, provided
/// the method is idempotent or no byte of the request was written (a POST or PATCH the
/// server may have read is never sent twice; `http_response::request_sent` says whether any
/// byte may have reached the server). A response with
/// `Connection: close` (or HTTP/1.0 without keep-alive) closes its connection.
///
/// **Requests.** Headers are sent as given, in order; `Host` is added from the endpoint when
/// the request has none, and `Content-Length` from the body (the transport frames every
/// request with it; a request with `Transfer-Encoding`, a wrong `Content-Length`, a header
/// name that is not a token, or CR, LF or NUL in a value fails with
/// `error::invalid_header_value` before any I/O). Redirects are returned, not followed. A
/// body of segments (`prepared_request::segments()`, a multipart form) is written after the
/// head chunk by chunk, its files read as they are sent (from their start on each attempt),
/// so that memory stays bounded whatever their size; a file shorter than when the request was
/// built fails the exchange with `error::unreadable_file`.
///
/// **Errors.** `error::timeout` when the deadline passes (`error::connect_timeout` while a
/// new connection is set up), `error::tls_not_spoken` when an `https` server answers the
/// handshake with something else than TLS, a refused certificate as OpenSSL's verify result
/// (category `hwbind.certificate`: self-signed, unknown issuer, expired, host-name
/// mismatch, ...), `error::body_too_large`,
/// `error::proxy_error` when a proxy does not open a tunnel, `error::connection_closed` when
/// the server closes before a complete response, `error::invalid_endpoint`; resolver, socket
/// and TLS failures (such as an untrusted certificate) as Asio and OpenSSL report them. Any
/// HTTP status is a successful exchange.
///
/// **Synchronous calls.** `send` runs on the calling thread and needs no running executor.
/// On a pooled connection it makes the same system calls as a plain blocking client (one
/// write, blocking reads); a thread of the transport, started by the first synchronous
/// call, shuts the connection down if the deadline passes while the call is blocked. A new
/// connection is resolved and connected by asynchronous operations, as for `async_send`, on
/// a private `io_context` the caller runs until the connect deadline; its proxy tunnel and
/// TLS handshake then block like the exchange, bounded by the same thread at the connect
/// deadline. Concurrent synchronous calls each get their own private context (kept for
/// later calls); connections of synchronous calls are pooled apart from those of
/// asynchronous ones.
///
/// **Thread safety.** `send`, `async_send` and `stats` may be called from any number of
/// threads at once. The pool and the watchdog are guarded by mutexes; each connection of an
/// asynchronous call does its I/O on its own strand of the transport's executor (so a
/// multi-threaded executor is fine), and its deadline timer, guarded by a mutex of its own,
/// hops to that strand to close it; each synchronous call runs
/// on its own private context. The endpoint, request and response of a call are borrowed
/// until it completes, and a response must not be shared by concurrent calls. The
/// transport must outlive its operations, and the execution context of its executor must
/// outlive the transport.
class transport {
public:
    /// The executor asynchronous operations run on.
    using executor_type = boost::asio::any_io_executor;

    /// A transport whose asynchronous operations run on `ex`.
    ///
    /// Throws `boost::system::system_error` when a proxy URL is invalid
    /// (`error::invalid_endpoint`). The TLS context, and the CA store with it, is loaded on
    /// the first `https` connection, not here: a CA file, directory or text of `options.tls`
    /// that cannot be loaded fails the `https` calls with the error of loading it.
    explicit transport(executor_type ex, transport_options options = {})
        : state_(std::make_unique<detail::transport_state>(std::move(ex), std::move(options)))
    {
    }

    /// The executor of asynchronous operations.
    executor_type get_executor() const noexcept { return state_->executor; }

    /// The options the transport was made with.
    const transport_options& options() const noexcept { return state_->options; }

    /// Sends `req` to `origin` and reads the response into `out` (cleared first; on failure
    /// it may hold part of a response).
    ///
    /// The completion signature is `void(boost::system::error_code)`; any completion token
    /// works (a callback, `asio::use_future`, `asio::use_awaitable`, `asio::deferred`, ...).
    /// The completion handler runs on its associated executor, by default the transport's,
    /// never inside this call. `origin`, `req` and `out` must stay valid until completion.
    /// Terminal per-operation cancellation, emitted from a thread of the transport's
    /// executor, fails the call with `operation_aborted` and closes its connection.
    template <class CompletionToken = boost::asio::default_completion_token_t<executor_type>>
    auto async_send(const endpoint& origin, const prepared_request& req, http_response& out,
                    CompletionToken&& token = boost::asio::default_completion_token_t<executor_type>())
    {
        return async_send(origin, req, out, std::chrono::steady_clock::time_point::max(),
                          std::forward<CompletionToken>(token));
    }

    /// `async_send`, ending no later than `deadline` (a whole call's, spanning several
    /// requests) when that comes before `transport_options::request_timeout` from now; it
    /// bounds the connect deadline too. Expiry fails the request with `error::timeout`, or
    /// `error::connect_timeout` while a new connection is set up.
    template <class CompletionToken>
    auto async_send(const endpoint& origin, const prepared_request& req, http_response& out,
                    std::chrono::steady_clock::time_point deadline, CompletionToken&& token)
    {
        return boost::asio::async_compose<CompletionToken, void(boost::system::error_code)>(
            detail::boxed_send_op(std::make_unique<detail::send_op<false>>(*state_, state_->executor, nullptr, origin,
                                                                          req, out, deadline)),
            token, state_->executor);
    }

    /// Sends `req` to `origin` and reads the response into `out` (cleared first), on the
    /// calling thread; `ec` is cleared on success. See `async_send` and, for how it runs,
    /// "Synchronous calls" above.
    void send(const endpoint& origin, const prepared_request& req, http_response& out, boost::system::error_code& ec)
    {
        send(origin, req, out, std::chrono::steady_clock::time_point::max(), ec);
    }

    /// `send`, ending no later than `deadline`; see the `async_send` that takes one.
    HWBIND_DECL void send(const endpoint& origin, const prepared_request& req, http_response& out,
                          std::chrono::steady_clock::time_point deadline, boost::system::error_code& ec);

    /// The proxy requests to `origin` go through (see `proxy_options`), or null for none.
    const endpoint* proxy_for(const endpoint& origin) const noexcept { return state_->proxy_for(origin); }

    /// The connections now and the counters so far.
    transport_stats stats() const noexcept
    {
        transport_stats s;
        const detail::pool_counts pool = state_->pool.counts();
        s.open = pool.open;
        s.idle = pool.idle;
        s.in_use = pool.open - pool.idle;
        s.queued = pool.queued;
        s.connections_opened = state_->connections_opened.load(std::memory_order_relaxed);
        s.connections_reused = state_->connections_reused.load(std::memory_order_relaxed);
        s.replays = state_->replays.load(std::memory_order_relaxed);
        return s;
    }

private:
    struct sync_completion {
        detail::sync_call* call;
        void operator()(boost::system::error_code result) const noexcept
        {
            call->result = result;
            call->done = true;
        }
    };

    std::unique_ptr<detail::transport_state> state_;
};

} // namespace hwbind

#if HWBIND_COMPILE_DEFINITIONS
#include <hwbind/runtime/transport/impl/transport.ipp>
#endif

#endif // HWBIND_RUNTIME_TRANSPORT_TRANSPORT_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_DETAIL_SEND_OP_HPP
#define HWBIND_RUNTIME_TRANSPORT_DETAIL_SEND_OP_HPP

/// \file
/// One request as a composed asynchronous operation: take or open a connection (resolve,
/// connect, tunnel, handshake), write the request, read the response, and give the
/// connection back when it can serve another request.

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/transport/detail/connection.hpp>
#include <hwbind/runtime/transport/detail/request_writer.hpp>
#include <hwbind/runtime/transport/detail/transport_state.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>
#include <hwbind/runtime/transport/http_response.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/coroutine.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/assert.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/system/error_code.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>

namespace hwbind::detail {

/// `now + d`, saturating at the clock's maximum instead of overflowing.
inline std::chrono::steady_clock::time_point deadline_after(std::chrono::steady_clock::time_point now,
                                                            std::chrono::steady_clock::duration d) noexcept
{
    if (d <= std::chrono::steady_clock::duration::zero())
        return now;
    return d >= std::chrono::steady_clock::time_point::max() - now ? std::chrono::steady_clock::time_point::max()
                                                                    : now + d;
}

/// Whether `ec` is how a read or write sees a connection the peer has closed.
inline bool is_closed_by_peer(const boost::system::error_code& ec) noexcept
{
    namespace net = boost::asio;
    return ec == boost::beast::http::error::end_of_stream || ec == net::error::eof ||
           ec == net::error::connection_reset || ec == net::error::broken_pipe ||
           ec == net::error::connection_aborted || ec == net::ssl::error::stream_truncated;
}

/// The error a caller sees for `ec`: the deadline, the body limit and a premature close as
/// `hwbind::error`s, the rest (resolution, connection, TLS, HTTP syntax) as Asio, OpenSSL and
/// Beast report them.
inline boost::system::error_code caller_error(const boost::system::error_code& ec, bool timed_out) noexcept
{
    namespace http = boost::beast::http;
    if (timed_out)
        return error::timeout;
    // A full read buffer can only be a line of chunked framing (an extension, trailers) that
    // never ends: heads meet the parser's limit first (see `connection`).
    if (ec == http::error::body_limit || ec == http::error::buffer_overflow)
        return error::body_too_large;
    if (ec == http::error::end_of_stream || ec == http::error::partial_message || ec == boost::asio::error::eof ||
        ec == boost::asio::ssl::error::stream_truncated)
        return error::connection_closed;
    return ec;
}

/// What a synchronous call and its operation share: the connection in use, whose deadline
/// the calling thread enforces, and the result.
struct sync_call {
    connection* active = nullptr;
    boost::system::error_code result;
    bool done = false;
};

/// What `send_op` keeps between its steps, and the steps that do not depend on how it runs.
class send_op_base : public boost::asio::coroutine {
protected:
    using tcp = boost::asio::ip::tcp;
    using error_code = boost::system::error_code;

    send_op_base(transport_state& t, boost::asio::any_io_executor io_executor, sync_call* sync,
                 const endpoint& origin, const prepared_request& req, http_response& out) noexcept
        : t_(&t),
          io_executor_(std::move(io_executor)),
          sync_(sync),
          origin_(&origin),
          req_(&req),
          out_(&out)
    {
    }

    // Checks the call, sets the deadline and takes a pooled connection or makes a new one.
    error_code start()
    {
        deadline_ = deadline_after(std::chrono::steady_clock::now(), t_->options.request_timeout);
        if (origin_->host.empty() || origin_->port == 0)
            return error::invalid_endpoint;
        if (auto ec = check_request(*req_))
            return ec;
        proxy_ = t_->proxy_for(*origin_);
        conn_ = t_->pool.acquire(*origin_, proxy_, io_executor_.context());
        reused_ = conn_ != nullptr;
        if (reused_)
            ++t_->connections_reused;
        return {};
    }

    // A new connection doing its I/O on `ex`.
    std::shared_ptr<connection> make_connection(boost::asio::any_io_executor ex) const
    {
        return std::make_shared<connection>(std::move(ex), t_->tls, *origin_, proxy_, t_->options.read_buffer_size,
                                            sync_ == nullptr);
    }

    // SNI (for names only: RFC 6066 §3 excludes addresses) and RFC 6125 name verification.
    error_code prepare_handshake(connection& c) const
    {
        error_code not_an_address;
        boost::asio::ip::make_address(origin_->host, not_an_address);
        if (not_an_address && SSL_set_tlsext_host_name(c.tls->native_handle(), origin_->host.c_str()) != 1)
            return error_code(static_cast<int>(::ERR_get_error()), boost::asio::error::get_ssl_category());
        if (!t_->options.tls.insecure_skip_verify)
            c.tls->set_verify_callback(boost::asio::ssl::host_name_verification(origin_->host));
        return {};
    }

    // A request that failed on a pooled connection the server had closed is sent again once,
    // when nothing of a response arrived and sending it twice cannot do harm: the method is
    // idempotent or the request was not completely written.
    bool may_replay(const connection& c, const error_code& ec) const noexcept
    {
        return reused_ && !replayed_ && !c.timed_out() && is_closed_by_peer(ec) && c.buffer.size() == 0 &&
               (!c.parser || !c.parser->got_some()) && (!written_ || meta::is_idempotent(req_->method()));
    }

    // The exchange of a synchronous call: a blocking write and blocking reads, as many system
    // calls as a plain blocking client makes, bounded by the transport's watchdog.
    error_code exchange_blocking(connection& c)
    {
        error_code ec;
        t_->deadlines.watch(c);
        c.write(unsent(c), ec);
        if (!ec) {
            written_ = true;
            do {
                prepare_response(c);
                c.read(ec);
            } while (!ec && is_interim(*out_));
        }
        t_->deadlines.release(c);
        return ec;
    }

    // The CONNECT exchange and the TLS handshake of a synchronous call, blocking like its
    // exchange, and bounded the same way, by the watchdog at the connection's deadline (the
    // connect deadline while it is being set up): so they compile the same read and write
    // as the exchange, and no asynchronous operation.
    error_code tunnel_blocking(connection& c)
    {
        error_code ec;
        t_->deadlines.watch(c);
        c.write({boost::asio::buffer(c.head), boost::asio::const_buffer()}, ec);
        if (!ec) {
            prepare_tunnel_response(c);
            c.read(ec);
            ec = tunnel_result(c, ec);
        }
        t_->deadlines.release(c);
        return ec;
    }

    error_code handshake_blocking(connection& c)
    {
        error_code ec;
        t_->deadlines.watch(c);
        c.tls->handshake(boost::asio::ssl::stream_base::client, ec);
        t_->deadlines.release(c);
        return ec;
    }

    // Readies `out_` and the connection's parser for a proxy's answer to CONNECT.
    void prepare_tunnel_response(connection& c) const
    {
        out_->clear();
        c.parser.emplace(*out_);
        c.parser->header_limit(max_response_head);
        c.parser->skip(true); // a 2xx answer to CONNECT has no body
    }

    // The outcome of the CONNECT exchange that read the proxy's answer with `ec`.
    error_code tunnel_result(const connection& c, error_code ec) const
    {
        // Bytes after the answer would belong to the tunnel, which is not open yet.
        if (!ec && (out_->status / 100 != 2 || c.buffer.size() != 0))
            ec = error::proxy_error;
        out_->clear();
        return ec;
    }

    // Readies `out_` and the connection's parser for the next response.
    void prepare_response(connection& c) const
    {
        out_->clear();
        c.parser.emplace(*out_);
        c.parser->header_limit(max_response_head);
        c.parser->body_limit(t_->options.max_response_body);
        c.parser->skip(req_->method() == meta::http_method::head);
    }

    // Interim (1xx) responses precede the final one on the same connection.
    static bool is_interim(const http_response& r) noexcept { return r.status / 100 == 1 && r.status != 101; }

    // What is left to write of the request head and body.
    std::array<boost::asio::const_buffer, 2> unsent(const connection& c) const noexcept
    {
        boost::asio::const_buffer head = boost::asio::buffer(c.head);
        boost::asio::const_buffer body = boost::asio::buffer(req_->body());
        const std::size_t from_head = std::min(sent_, head.size());
        head += from_head;
        body += sent_ - from_head;
        return {head, body};
    }

    // Whether the connection can serve another request after this complete response.
    bool reusable(const connection& c) const noexcept
    {
        return !c.timed_out() && c.parser->keep_alive() && c.buffer.size() == 0 && out_->status != 101 &&
               !asks_to_close(*req_);
    }

    transport_state* t_;
    boost::asio::any_io_executor io_executor_;
    sync_call* sync_;
    const endpoint* origin_;
    const prepared_request* req_;
    http_response* out_;
    const endpoint* proxy_ = nullptr;
    std::shared_ptr<connection> conn_;
    tcp::resolver::results_type::const_iterator next_address_; ///< resolved addresses not tried yet
    std::chrono::steady_clock::time_point deadline_;
    error_code result_;
    bool reused_ = false;
    bool replayed_ = false;
    std::size_t sent_ = 0; // bytes of the request written without waiting
    bool written_ = false;
    bool resolving_ = false;
};

/// The implementation of `transport::async_send` (`Sync` false) and `transport::send` (`Sync`
/// true), for `async_compose`. Two instantiations rather than one that tests at run time how
/// it runs: a program that only makes synchronous calls compiles none of the asynchronous
/// exchange, and one that only makes asynchronous calls none of the blocking one.
///
/// Asynchronous calls start on the caller's thread (checks, pool), then hop onto the
/// connection's strand and stay there until they post their completion to the caller's
/// executor: so the deadline handler and the I/O steps of a connection never run at once.
///
/// Synchronous calls (with a `sync_call`) run on a private context whose only thread is the
/// caller's, so they need no hop, strand or timer: a new connection is set up with
/// asynchronous operations that the caller runs until the connect deadline, and the
/// exchange itself is blocking (`exchange_blocking`), within the first step for a pooled
/// connection.
template <bool Sync>
class send_op : public send_op_base {
public:
    /// A synchronous call needs its `sync_call`; an asynchronous one has none.
    send_op(transport_state& t, boost::asio::any_io_executor io_executor, sync_call* sync, const endpoint& origin,
            const prepared_request& req, http_response& out) noexcept
        : send_op_base(t, std::move(io_executor), sync, origin, req, out)
    {
        BOOST_ASSERT((sync != nullptr) == Sync);
    }

    template <class Self>
    void operator()(Self& self, error_code ec = {}, std::size_t = 0)
    {
        step(self, ec);
    }

    template <class Self>
    void operator()(Self& self, error_code ec, const tcp::resolver::results_type& results)
    {
        // An empty iterator is the end (one of an empty result is not).
        next_address_ = results.empty() ? tcp::resolver::results_type::const_iterator() : results.begin();
        step(self, ec);
    }

private:
    template <class Self>
    void step(Self& self, error_code ec)
    {
        namespace net = boost::asio;
        namespace http = boost::beast::http;
        connection* c = conn_.get();
        // Terminal cancellation requested between two steps still stops the next one.
        if (!ec && self.get_cancellation_state().cancelled() != net::cancellation_type::none)
            ec = net::error::operation_aborted;
        BOOST_ASIO_CORO_REENTER(*this)
        {
            result_ = start();
            if (result_) {
                // An asynchronous call never completes inside its initiating function.
                if (!Sync) {
                    BOOST_ASIO_CORO_YIELD post_self(self);
                }
                self.complete(result_);
                return;
            }
            if (conn_ == nullptr)
                conn_ = make_connection();
            for (;;) {
                if (Sync) {
                    sync_->active = conn_.get();
                } else {
                    BOOST_ASIO_CORO_YIELD post_to_connection(self);
                }
                c = conn_.get();
                if (!c->established) {
                    c->arm(std::min(deadline_after(std::chrono::steady_clock::now(), t_->options.connect_timeout),
                                    deadline_));
                    BOOST_ASIO_CORO_YIELD start_connect(self, *c);
                    if (!ec && resolving_) {
                        // The resolved addresses in turn until one accepts, unless the
                        // deadline or a cancellation ends the attempts; with none, `not_found`.
                        ec = net::error::not_found;
                        while (ec && ec != net::error::operation_aborted && !c->timed_out() &&
                               next_address_ != tcp::resolver::results_type::const_iterator()) {
                            BOOST_ASIO_CORO_YIELD connect_next(self, *c);
                        }
                    }
                    if (!ec) {
                        c->socket.set_option(tcp::no_delay(true), ec);
                    }
                    if (!ec && proxy_ != nullptr && origin_->secure()) {
                        write_connect_head(c->head, *origin_);
                        if (Sync) {
                            ec = tunnel_blocking(*c);
                        } else {
                            BOOST_ASIO_CORO_YIELD write_head(self, *c);
                            if (!ec) {
                                prepare_tunnel_response(*c);
                                BOOST_ASIO_CORO_YIELD read_response(self, *c);
                                ec = tunnel_result(*c, ec);
                            }
                        }
                    }
                    if (!ec && c->tls) {
                        ec = prepare_handshake(*c);
                        if (!ec) {
                            if (Sync) {
                                ec = handshake_blocking(*c);
                            } else {
                                BOOST_ASIO_CORO_YIELD handshake(self, *c);
                            }
                        }
                        if (!ec)
                            c->tls_ready = true;
                    }
                    // Asynchronous calls write without blocking first (below); synchronous
                    // ones block in each system call, bounded by the watchdog.
                    if (!ec)
                        c->socket.non_blocking(!Sync, ec);
                    if (ec) {
                        result_ = ec;
                        break;
                    }
                    c->established = true;
                    ++t_->connections_opened;
                }

                c->arm(deadline_);
                c->parser.reset();
                write_request_head(c->head, *origin_, proxy_ != nullptr && !origin_->secure(), *req_);
                written_ = false;
                sent_ = 0;
                if (Sync) {
                    ec = exchange_blocking(*c);
                } else {
                    // Over plain TCP the (non-blocking) socket mostly takes the whole request
                    // at once: then no trip through the reactor is needed to learn that it did.
                    if (!c->tls) {
                        sent_ = c->socket.write_some(unsent(*c), ec);
                        if (ec == net::error::would_block)
                            ec = {};
                    }
                    if (!ec && net::buffer_size(unsent(*c)) != 0) {
                        BOOST_ASIO_CORO_YIELD write_request(self, *c);
                    }
                    if (!ec) {
                        written_ = true;
                        do {
                            prepare_response(*c);
                            BOOST_ASIO_CORO_YIELD read_response(self, *c);
                        } while (!ec && is_interim(*out_));
                    }
                }
                if (!ec || !may_replay(*c, ec)) {
                    result_ = ec;
                    break;
                }
                // The pooled connection had been closed by the server: once more, on a new one.
                replayed_ = true;
                ++t_->replays;
                c->disarm();
                conn_ = make_connection();
            }

            c->disarm();
            if (Sync)
                sync_->active = nullptr;
            if (result_)
                result_ = caller_error(result_, c->timed_out());
            else if (reusable(*c))
                t_->pool.release(std::move(conn_));
            conn_.reset();
            // Off the connection's strand: the connection may already serve another request.
            if (!Sync) {
                BOOST_ASIO_CORO_YIELD post_self(self);
            }
            self.complete(result_);
        }
    }

    // A new connection: on a strand of the transport's executor for an asynchronous call, on
    // the private context of a synchronous one.
    std::shared_ptr<connection> make_connection() const
    {
        if constexpr (Sync)
            return send_op_base::make_connection(io_executor_);
        else
            return send_op_base::make_connection(boost::asio::make_strand(io_executor_));
    }

    // The intermediate handler: `self`, run on the connection's executor (for a synchronous
    // call, the private context `self` runs on already).
    template <class Self>
    auto on_connection(Self& self) const
    {
        if constexpr (Sync) {
            return std::move(self);
        } else {
            const boost::asio::any_io_executor ex = conn_->executor;
            return boost::asio::bind_executor(ex, std::move(self));
        }
    }

    // The steps of asynchronous calls only. The coroutine cannot put them under `if
    // constexpr` (a resumption point may not jump into one), so they are empty for
    // synchronous calls, which never reach them, and compile nothing there.
    template <class Self>
    void post_self(Self& self)
    {
        if constexpr (!Sync)
            boost::asio::post(std::move(self));
    }

    template <class Self>
    void post_to_connection(Self& self)
    {
        if constexpr (!Sync)
            boost::asio::post(on_connection(self));
    }

    template <class Self>
    void write_request(Self& self, connection& c)
    {
        if constexpr (!Sync)
            c.async_write(unsent(c), on_connection(self));
    }

    template <class Self>
    void read_response(Self& self, connection& c)
    {
        if constexpr (!Sync)
            c.async_read(on_connection(self));
    }

    // The CONNECT head to a proxy, through the stream before its TLS layer is ready.
    template <class Self>
    void write_head(Self& self, connection& c)
    {
        if constexpr (!Sync)
            c.async_write({boost::asio::buffer(c.head), boost::asio::const_buffer()}, on_connection(self));
    }

    template <class Self>
    void handshake(Self& self, connection& c)
    {
        if constexpr (!Sync)
            c.tls->async_handshake(boost::asio::ssl::stream_base::client, on_connection(self));
    }

    // Connects to the proxy or the origin: directly to an IP address, else after resolving
    // the name (`resolving_`).
    template <class Self>
    void start_connect(Self& self, connection& c)
    {
        const endpoint& hop = proxy_ != nullptr ? *proxy_ : *origin_;
        error_code not_an_address;
        const auto address = boost::asio::ip::make_address(hop.host, not_an_address);
        resolving_ = not_an_address.failed();
        if (resolving_)
            c.resolver.async_resolve(hop.host, std::to_string(hop.port), tcp::resolver::numeric_service,
                                     on_connection(self));
        else
            c.socket.async_connect(tcp::endpoint(address, hop.port), on_connection(self));
    }

    // Connects to the next resolved address. A loop of these rather than Asio's connect to
    // a range of addresses, which compiles a composed operation of its own (about 16 KB of
    // object code per TU at -O2) around the same socket connect this one uses.
    template <class Self>
    void connect_next(Self& self, connection& c)
    {
        const tcp::endpoint address = *next_address_++;
        // A failed attempt leaves the socket open, and the next address may be of the other
        // family.
        error_code ignored;
        c.socket.close(ignored);
        c.socket.async_connect(address, on_connection(self));
    }
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_TRANSPORT_DETAIL_SEND_OP_HPP

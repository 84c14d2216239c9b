// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_DETAIL_EXCHANGE_HPP
#define HWBIND_RUNTIME_TRANSPORT_DETAIL_EXCHANGE_HPP

/// \file
/// The decisions of one HTTP exchange, without I/O: which step comes next (connect, open a
/// proxy's tunnel, TLS handshake, write, read), whether a request that failed on a pooled
/// connection is sent again, what error the caller sees, and whether the connection can serve
/// another request. The drivers (`send_op`, synchronous and asynchronous) execute the actions
/// this returns and report what they saw, as Boost.MySQL's algorithms and `next_action` do.

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/asio/coroutine.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/system/error_code.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cstddef>

namespace hwbind::detail {

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

/// The error a caller sees for `ec`, which ended the setup of a new connection (connect,
/// proxy tunnel, TLS handshake): its deadline as `error::connect_timeout`, so that the message
/// can say a connection, not a response, was waited for; a handshake answered with bytes that
/// are not a TLS record (OpenSSL's "wrong version number": typically an HTTP server's reply to
/// the ClientHello) as `error::tls_not_spoken`; the rest as `caller_error` says.
inline boost::system::error_code setup_error(const boost::system::error_code& ec, bool timed_out) noexcept
{
    if (timed_out)
        return error::connect_timeout;
    if (ec.category() == boost::asio::error::get_ssl_category() &&
        ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == SSL_R_WRONG_VERSION_NUMBER)
        return error::tls_not_spoken;
    return caller_error(ec, timed_out);
}

/// What the driver of an exchange does next.
enum class exchange_action : unsigned char {
    connect,      ///< open a new connection (in place of the current one, if any) to the proxy or the origin
    write_tunnel, ///< write `CONNECT origin` to the proxy
    read_tunnel,  ///< read the proxy's answer to it (a head; no body)
    handshake,    ///< the TLS handshake with the origin
    write,        ///< write the request, under the request deadline; the connection is set up
    read,         ///< read one response
    done,         ///< finished: see `http_exchange::result`, `reusable` and `request_sent`
};

/// What the driver saw when the action it was given completed.
struct exchange_event {
    boost::system::error_code ec;
    std::size_t written = 0;       ///< `write`: bytes of the request the connection took, failed or not
    unsigned status = 0;           ///< `read`, `read_tunnel`: the status read
    bool response_started = false; ///< `read`: bytes of a response arrived, parsed or not
    bool leftover = false;         ///< `read`, `read_tunnel`: bytes after the message, unasked for
    bool keep_alive = false;       ///< `read`: the response leaves the connection open
    bool timed_out = false;        ///< the deadline closed the connection
};

/// One request's exchange on a pooled or a new connection, as a state machine: `resume` takes
/// what the last action gave (nothing, the first time) and returns the next action.
///
/// A request that fails on a pooled connection because the server had closed it (a peer
/// close or reset, before any byte of a response and within the deadline) is sent once more,
/// on a new connection, when sending it again cannot make the server act twice: its method is
/// idempotent, or no byte of it was taken by the connection (a write that fails takes none,
/// so such a request provably never left).
class http_exchange : boost::asio::coroutine {
public:
    /// `pooled`: the request starts on a pooled connection, already set up. `tunnel`: a new
    /// connection goes through a proxy's CONNECT tunnel. `tls`: a new connection does a TLS
    /// handshake. `close_asked`: the request says `Connection: close`.
    http_exchange() = default;

    http_exchange(meta::http_method method, bool pooled, bool tunnel, bool tls, bool close_asked) noexcept
        : method_(method), pooled_(pooled), tunnel_(tunnel), tls_(tls), close_asked_(close_asked)
    {
    }

    exchange_action resume(const exchange_event& ev)
    {
        if (done_)
            return exchange_action::done;
        BOOST_ASIO_CORO_REENTER(*this)
        {
            for (;;) {
                if (!pooled_) {
                    BOOST_ASIO_CORO_YIELD return exchange_action::connect;
                    if (ev.ec)
                        return finish_setup(ev);
                    if (tunnel_) {
                        BOOST_ASIO_CORO_YIELD return exchange_action::write_tunnel;
                        if (ev.ec)
                            return finish_setup(ev);
                        BOOST_ASIO_CORO_YIELD return exchange_action::read_tunnel;
                        // Bytes after the answer would belong to the tunnel, which is not open yet.
                        if (!ev.ec && (ev.status / 100 != 2 || ev.leftover))
                            return fail(error::proxy_error);
                        if (ev.ec)
                            return finish_setup(ev);
                    }
                    if (tls_) {
                        BOOST_ASIO_CORO_YIELD return exchange_action::handshake;
                        if (ev.ec)
                            return finish_setup(ev);
                    }
                }

                BOOST_ASIO_CORO_YIELD return exchange_action::write;
                sent_ = sent_ || ev.written != 0;
                written_ = ev.written;
                if (!ev.ec) {
                    // Interim (1xx) responses precede the final one on the same connection;
                    // 101 is final (the connection is then no longer HTTP's).
                    do {
                        BOOST_ASIO_CORO_YIELD return exchange_action::read;
                    } while (!ev.ec && ev.status / 100 == 1 && ev.status != 101);
                }
                if (!ev.ec) {
                    reusable_ = !ev.timed_out && ev.keep_alive && !ev.leftover && ev.status != 101 && !close_asked_;
                    return finish(ev);
                }
                if (!may_replay(ev))
                    return finish(ev);
                // The pooled connection had been closed by the server: once more, on a new one.
                replayed_ = true;
                pooled_ = false;
            }
        }
        return fail({}); // not reached: every path above returns
    }

    /// The outcome, once `resume` returned `done`.
    const boost::system::error_code& result() const noexcept { return result_; }

    /// Whether the connection can serve another request (after success only).
    bool reusable() const noexcept { return reusable_; }

    /// Whether any byte of the request may have reached the server: false when none was
    /// taken by a connection (what a retry of a non-idempotent request depends on).
    bool request_sent() const noexcept { return sent_; }

    /// Whether the request was sent again on a new connection.
    bool replayed() const noexcept { return replayed_; }

private:
    bool may_replay(const exchange_event& ev) const noexcept
    {
        return pooled_ && !replayed_ && !ev.timed_out && is_closed_by_peer(ev.ec) && !ev.response_started &&
               (written_ == 0 || meta::is_idempotent(method_));
    }

    // A response read whole is a success even if the deadline passed just after it.
    exchange_action finish(const exchange_event& ev) noexcept
    {
        return fail(ev.ec ? caller_error(ev.ec, ev.timed_out) : boost::system::error_code());
    }

    // A new connection that could not be set up.
    exchange_action finish_setup(const exchange_event& ev) noexcept { return fail(setup_error(ev.ec, ev.timed_out)); }

    exchange_action fail(boost::system::error_code ec) noexcept
    {
        result_ = ec;
        done_ = true;
        return exchange_action::done;
    }

    meta::http_method method_ = meta::http_method::get;
    bool pooled_ = false;
    bool tunnel_ = false;
    bool tls_ = false;
    bool close_asked_ = false;
    bool replayed_ = false;
    bool reusable_ = false;
    bool sent_ = false;
    bool done_ = false;
    std::size_t written_ = 0; // by the last write
    boost::system::error_code result_;
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_TRANSPORT_DETAIL_EXCHANGE_HPP

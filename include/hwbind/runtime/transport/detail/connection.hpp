// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_DETAIL_CONNECTION_HPP
#define HWBIND_RUNTIME_TRANSPORT_DETAIL_CONNECTION_HPP

/// \file
/// One keep-alive connection (socket, optional TLS layer, buffers and deadline timer) and the
/// pool of idle ones.

#include <hwbind/runtime/transport/detail/response_parser.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hwbind::detail {

/// A connection to one origin (scheme, host, port) through one proxy or none.
///
/// Owned by at most one request at a time, or by the pool while idle. Everything that
/// touches it runs on `executor` (a strand when the transport's executor may be
/// multi-threaded), including the deadline timer's handler.
///
/// The deadline is enforced by the connection's timer, or, for a connection of a
/// synchronous call (`timer_driven` false), without a timer to arm and cancel for each
/// request: while it resolves and connects, by the calling thread, which runs the private
/// I/O context only until `deadline()` and then calls `expire()`; during the blocking proxy
/// tunnel, TLS handshake and exchange, by the transport's watchdog, which calls `interrupt()`.
class connection : public std::enable_shared_from_this<connection> {
public:
    using tcp = boost::asio::ip::tcp;

    connection(boost::asio::any_io_executor ex, boost::asio::ssl::context& tls_context, const endpoint& origin,
               const endpoint* proxy, std::size_t read_buffer_size, bool timer_driven)
        : executor(std::move(ex)),
          socket(executor),
          resolver(executor),
          timer(executor),
          scheme_(origin.scheme),
          host_(origin.host),
          port_(origin.port),
          proxy_host_(proxy != nullptr ? proxy->host : std::string()),
          proxy_port_(proxy != nullptr ? proxy->port : 0),
          timer_driven_(timer_driven)
    {
        if (origin.secure())
            tls.emplace(socket, tls_context);
        buffer.reserve(read_buffer_size);
        // Bytes stay in the buffer only until they make a whole line. Beast limits a head by
        // what one read leaves unparsed, so it may hold twice `max_response_head`, and does
        // not limit chunk extensions and trailers at all: the cap bounds what a server can
        // make a connection hold, and failing it ends the read with `buffer_overflow`.
        buffer.max_size(std::max<std::size_t>(read_buffer_size, 2 * std::size_t{max_response_head}));
    }

    /// Whether this connection serves `origin` through `proxy` and runs in `context`.
    bool serves(const endpoint& origin, const endpoint* proxy,
                const boost::asio::execution_context& context) const noexcept
    {
        return origin.scheme == scheme_ && origin.port == port_ && origin.host == host_ &&
               (proxy == nullptr ? proxy_port_ == 0 : proxy->port == proxy_port_ && proxy->host == proxy_host_) &&
               &executor.context() == &context;
    }

    /// Whether `other` serves the same origin through the same proxy (the pool's key).
    bool same_key(const connection& other) const noexcept
    {
        return scheme_ == other.scheme_ && port_ == other.port_ && proxy_port_ == other.proxy_port_ &&
               host_ == other.host_ && proxy_host_ == other.proxy_host_;
    }

    /// Whether an idle connection is still usable: the server has neither closed it nor sent
    /// anything unasked. One non-blocking peek, so that a connection the server dropped
    /// while idle is replaced before anything is written to it.
    bool still_open() noexcept
    {
        boost::system::error_code ec;
        const bool blocking = !socket.non_blocking();
        if (blocking)
            socket.non_blocking(true, ec);
        char byte = 0;
        socket.receive(boost::asio::buffer(&byte, 1), tcp::socket::message_peek, ec);
        const bool open = ec == boost::asio::error::would_block;
        if (blocking)
            socket.non_blocking(false, ec);
        return open;
    }

    /// Sets the deadline at which the connection is closed; replaces any earlier one.
    void arm(std::chrono::steady_clock::time_point deadline)
    {
        deadline_ = deadline;
        if (!timer_driven_)
            return;
        ++generation_;
        timer.expires_at(deadline);
        timer.async_wait(deadline_handler{weak_from_this(), generation_});
    }

    /// Clears the deadline; a timer handler already queued finds its generation stale and
    /// does nothing.
    void disarm() noexcept
    {
        deadline_ = std::chrono::steady_clock::time_point::max();
        if (!timer_driven_)
            return;
        ++generation_;
        timer.cancel();
    }

    /// The current deadline.
    std::chrono::steady_clock::time_point deadline() const noexcept { return deadline_; }

    /// Closes the connection because its deadline passed, which fails the pending operation,
    /// whatever it is, and any later one.
    void expire() noexcept
    {
        timed_out_ = true;
        resolver.cancel();
        boost::system::error_code ignored;
        socket.close(ignored);
    }

    /// Called by the watchdog thread while the owner blocks in a synchronous write or read:
    /// shutting the socket down wakes the blocked system call and touches nothing else.
    void interrupt() noexcept
    {
        timed_out_ = true;
        boost::system::error_code ignored;
        socket.shutdown(tcp::socket::shutdown_both, ignored);
    }

    /// Whether the deadline closed the connection.
    bool timed_out() const noexcept { return timed_out_; }

    /// The connection's byte stream: over TLS once `tls_ready` is set (after the handshake),
    /// else plain TCP (before it, through a proxy's tunnel, or for `http` origins). One stream
    /// type for both, so that the read and write algorithms of Beast and Asio are compiled
    /// once, not once per layer.
    class byte_stream {
    public:
        using executor_type = boost::asio::any_io_executor;

        explicit byte_stream(connection& c) noexcept : c_(&c) {}

        executor_type get_executor() noexcept { return c_->socket.get_executor(); }

        template <class Buffers>
        std::size_t read_some(const Buffers& buffers, boost::system::error_code& ec)
        {
            return c_->tls_ready ? c_->tls->read_some(buffers, ec) : c_->socket.read_some(buffers, ec);
        }

        template <class Buffers>
        std::size_t read_some(const Buffers& buffers)
        {
            return c_->tls_ready ? c_->tls->read_some(buffers) : c_->socket.read_some(buffers);
        }

        template <class Buffers>
        std::size_t write_some(const Buffers& buffers, boost::system::error_code& ec)
        {
            return c_->tls_ready ? c_->tls->write_some(buffers, ec) : c_->socket.write_some(buffers, ec);
        }

        template <class Buffers>
        std::size_t write_some(const Buffers& buffers)
        {
            return c_->tls_ready ? c_->tls->write_some(buffers) : c_->socket.write_some(buffers);
        }

        /// `handler` is a completion handler (the algorithms' intermediate handlers), not a
        /// token: nothing is returned.
        template <class Buffers, class Handler>
        void async_read_some(const Buffers& buffers, Handler&& handler)
        {
            if (c_->tls_ready)
                c_->tls->async_read_some(buffers, std::forward<Handler>(handler));
            else
                c_->socket.async_read_some(buffers, std::forward<Handler>(handler));
        }

        template <class Buffers, class Handler>
        void async_write_some(const Buffers& buffers, Handler&& handler)
        {
            if (c_->tls_ready)
                c_->tls->async_write_some(buffers, std::forward<Handler>(handler));
            else
                c_->socket.async_write_some(buffers, std::forward<Handler>(handler));
        }

    private:
        connection* c_;
    };

    /// Starts an asynchronous write of `buffers` (the request's head and body).
    template <class Handler>
    void async_write(const std::array<boost::asio::const_buffer, 2>& buffers, Handler&& handler)
    {
        boost::asio::async_write(stream, buffers, std::forward<Handler>(handler));
    }

    /// Starts an asynchronous read of one response with `parser`.
    template <class Handler>
    void async_read(Handler&& handler)
    {
        boost::beast::http::async_read(stream, buffer, *parser, std::forward<Handler>(handler));
    }

    /// Writes `buffers`, blocking.
    void write(const std::array<boost::asio::const_buffer, 2>& buffers, boost::system::error_code& ec)
    {
        boost::asio::write(stream, buffers, ec);
    }

    /// Reads one response with `parser`, blocking.
    void read(boost::system::error_code& ec) { boost::beast::http::read(stream, buffer, *parser, ec); }

    boost::asio::any_io_executor executor;
    tcp::socket socket;
    std::optional<boost::asio::ssl::stream<tcp::socket&>> tls; ///< for `https` origins
    tcp::resolver resolver;
    boost::asio::steady_timer timer;
    boost::beast::flat_buffer buffer;       ///< bytes read and not parsed yet
    std::string head;                       ///< the request head being written
    std::optional<response_parser> parser;  ///< the response being read
    byte_stream stream{*this};              ///< TLS or TCP, as `tls_ready` says
    bool tls_ready = false;                 ///< handshaken: `stream` goes through `tls`
    bool established = false;               ///< connected, tunnelled and handshaken
    std::chrono::steady_clock::time_point idle_since; ///< when it last went back to the pool

private:
    struct deadline_handler {
        std::weak_ptr<connection> target;
        std::uint64_t generation;

        void operator()(const boost::system::error_code& ec) const
        {
            if (ec)
                return;
            const std::shared_ptr<connection> c = target.lock();
            if (c && c->generation_ == generation)
                c->expire();
        }
    };

    url_scheme scheme_;
    std::string host_;
    std::uint16_t port_;
    std::string proxy_host_;
    std::uint16_t proxy_port_; // 0: no proxy
    bool timer_driven_;
    std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
    std::uint64_t generation_ = 0;
    bool timed_out_ = false;
};

/// The idle keep-alive connections of a transport, at most `max_per_key` per origin and
/// proxy. Guarded by a mutex: requests on any thread take and return connections.
class connection_pool {
public:
    /// At most `max_per_key` idle connections per key; those idle for `probe_after` or
    /// longer are probed before reuse.
    connection_pool(std::size_t max_per_key, std::chrono::steady_clock::duration probe_after)
        : max_per_key_(max_per_key), probe_after_(probe_after)
    {
    }

    /// An idle connection that serves `origin` through `proxy` in `context`, most recently
    /// used first; null when there is none. One idle for `probe_after` or longer is first
    /// checked to be still open (a system call): a server closes idle connections after
    /// seconds, not microseconds, and the probe would cost every request of a busy client.
    std::shared_ptr<connection> acquire(const endpoint& origin, const endpoint* proxy,
                                        const boost::asio::execution_context& context)
    {
        for (;;) {
            std::shared_ptr<connection> c;
            {
                std::lock_guard<std::mutex> lock(mutex_);
                for (std::size_t i = idle_.size(); i-- > 0;) {
                    if (idle_[i]->serves(origin, proxy, context)) {
                        c = std::move(idle_[i]);
                        idle_.erase(idle_.begin() + static_cast<std::ptrdiff_t>(i));
                        break;
                    }
                }
            }
            if (c == nullptr || std::chrono::steady_clock::now() - c->idle_since < probe_after_ || c->still_open())
                return c;
        }
    }

    /// Keeps `c` for reuse, closing the oldest idle connection of its key when there are
    /// `max_per_key` already.
    void release(std::shared_ptr<connection> c)
    {
        c->idle_since = std::chrono::steady_clock::now();
        std::shared_ptr<connection> evicted; // closed outside the lock
        std::lock_guard<std::mutex> lock(mutex_);
        if (max_per_key_ == 0)
            return;
        std::size_t same = 0;
        std::size_t oldest = idle_.size();
        for (std::size_t i = 0; i < idle_.size(); ++i) {
            if (idle_[i]->same_key(*c)) {
                if (same++ == 0)
                    oldest = i;
            }
        }
        if (same >= max_per_key_) {
            evicted = std::move(idle_[oldest]);
            idle_.erase(idle_.begin() + static_cast<std::ptrdiff_t>(oldest));
        }
        idle_.push_back(std::move(c));
    }

private:
    std::mutex mutex_;
    std::vector<std::shared_ptr<connection>> idle_; // oldest first
    std::size_t max_per_key_;
    std::chrono::steady_clock::duration probe_after_;
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_TRANSPORT_DETAIL_CONNECTION_HPP

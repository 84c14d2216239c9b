// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_DETAIL_CONNECTION_HPP
#define HWBIND_RUNTIME_TRANSPORT_DETAIL_CONNECTION_HPP

/// \file
/// One keep-alive connection (socket, optional TLS layer, buffers and deadline timer) and the
/// pool of idle ones.

#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/transport/detail/request_writer.hpp>
#include <hwbind/runtime/transport/detail/response_parser.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>
#include <hwbind/runtime/transport/http_response.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hwbind::detail {

/// A connection to one origin (scheme, host, port) through one proxy or none: its socket,
/// optional TLS layer, read buffer, the head being written and the response being read.
///
/// Owned by at most one request at a time, or by the pool while idle. Everything that
/// touches it runs on `get_executor()` (a strand when the transport's executor may be
/// multi-threaded), including the deadline timer's handler.
///
/// The deadline is enforced by the connection's timer, or, for a connection of a
/// synchronous call (`timer_driven` false), without a timer to arm and cancel for each
/// request: while it resolves and connects, by the calling thread, which runs the private
/// I/O context only until `deadline()` and then calls `expire()`; during the blocking proxy
/// tunnel, TLS handshake and exchange, by the transport's watchdog, which calls `interrupt()`.
///
/// It carries out the steps `send_op` is told to take by `exchange` and reports what they
/// left (`response_started`, `leftover`, `keep_alive`, `timed_out`); it decides nothing.
class connection : public std::enable_shared_from_this<connection> {
public:
    using tcp = boost::asio::ip::tcp;
    using buffers = std::array<boost::asio::const_buffer, 2>;

    connection(boost::asio::any_io_executor ex, boost::asio::ssl::context& tls_context, const endpoint& origin,
               const endpoint* proxy, std::size_t read_buffer_size, bool timer_driven)
        : executor_(std::move(ex)),
          socket_(executor_),
          resolver_(executor_),
          timer_(executor_),
          scheme_(origin.scheme),
          host_(origin.host),
          port_(origin.port),
          proxy_host_(proxy != nullptr ? proxy->host : std::string()),
          proxy_port_(proxy != nullptr ? proxy->port : 0),
          timer_driven_(timer_driven)
    {
        if (origin.secure())
            tls_.emplace(socket_, tls_context);
        buffer_.reserve(read_buffer_size);
        // Bytes stay in the buffer only until they make a whole line. Beast limits a head by
        // what one read leaves unparsed, so it may hold twice `max_response_head`, and does
        // not limit chunk extensions and trailers at all: the cap bounds what a server can
        // make a connection hold, and failing it ends the read with `buffer_overflow`.
        buffer_.max_size(std::max<std::size_t>(read_buffer_size, 2 * std::size_t{max_response_head}));
    }

    /// The executor its I/O and timer run on.
    const boost::asio::any_io_executor& get_executor() const noexcept { return executor_; }

    /// Whether this connection serves `origin` through `proxy` and runs in `context`.
    bool serves(const endpoint& origin, const endpoint* proxy,
                const boost::asio::execution_context& context) const noexcept
    {
        return origin.scheme == scheme_ && origin.port == port_ && origin.host == host_ &&
               (proxy == nullptr ? proxy_port_ == 0 : proxy->port == proxy_port_ && proxy->host == proxy_host_) &&
               &executor_.context() == &context;
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
        const bool blocking = !socket_.non_blocking();
        if (blocking)
            socket_.non_blocking(true, ec);
        char byte = 0;
        socket_.receive(boost::asio::buffer(&byte, 1), tcp::socket::message_peek, ec);
        const bool open = ec == boost::asio::error::would_block;
        if (blocking)
            socket_.non_blocking(false, ec);
        return open;
    }

    // ---- deadline

    /// Sets the deadline at which the connection is closed; replaces any earlier one.
    void arm(std::chrono::steady_clock::time_point deadline)
    {
        deadline_ = deadline;
        if (!timer_driven_)
            return;
        ++generation_;
        timer_.expires_at(deadline);
        timer_.async_wait(deadline_handler{weak_from_this(), generation_});
    }

    /// Clears the deadline; a timer handler already queued finds its generation stale and
    /// does nothing.
    void disarm() noexcept
    {
        deadline_ = std::chrono::steady_clock::time_point::max();
        if (!timer_driven_)
            return;
        ++generation_;
        timer_.cancel();
    }

    /// The current deadline.
    std::chrono::steady_clock::time_point deadline() const noexcept { return deadline_; }

    /// Closes the connection because its deadline passed, which fails the pending operation,
    /// whatever it is, and any later one.
    void expire() noexcept
    {
        timed_out_ = true;
        resolver_.cancel();
        boost::system::error_code ignored;
        socket_.close(ignored);
    }

    /// Called by the watchdog thread while the owner blocks in a synchronous write or read:
    /// shutting the socket down wakes the blocked system call and touches nothing else.
    void interrupt() noexcept
    {
        timed_out_ = true;
        boost::system::error_code ignored;
        socket_.shutdown(tcp::socket::shutdown_both, ignored);
    }

    /// Whether the deadline closed the connection.
    bool timed_out() const noexcept { return timed_out_; }

    // ---- setting up: connect, tunnel, handshake

    /// Resolves `host`, to connect to its addresses in turn with `connect_next`.
    template <class Handler>
    void async_resolve(const std::string& host, std::uint16_t port, Handler&& handler)
    {
        resolver_.async_resolve(host, std::to_string(port), tcp::resolver::numeric_service,
                                std::forward<Handler>(handler));
    }

    /// Connects to `address`, after closing the socket a failed attempt left open (the next
    /// address may be of the other family).
    template <class Handler>
    void async_connect(const tcp::endpoint& address, Handler&& handler)
    {
        boost::system::error_code ignored;
        socket_.close(ignored);
        socket_.async_connect(address, std::forward<Handler>(handler));
    }

    /// After connecting: requests are small and written whole, so no Nagle delay.
    void connected(boost::system::error_code& ec) { socket_.set_option(tcp::no_delay(true), ec); }

    /// Readies the CONNECT head to the proxy for `origin`, written through the plain stream.
    void prepare_tunnel(const endpoint& origin) { write_connect_head(head_, origin); }

    /// Readies the TLS handshake with `origin`: SNI (for names only: RFC 6066 §3 excludes
    /// addresses) and, with `verify`, RFC 6125 name verification.
    boost::system::error_code prepare_handshake(const endpoint& origin, bool verify)
    {
        boost::system::error_code not_an_address;
        boost::asio::ip::make_address(origin.host, not_an_address);
        if (not_an_address && SSL_set_tlsext_host_name(tls_->native_handle(), origin.host.c_str()) != 1)
            return boost::system::error_code(static_cast<int>(::ERR_get_error()),
                                             boost::asio::error::get_ssl_category());
        if (verify)
            tls_->set_verify_callback(boost::asio::ssl::host_name_verification(origin.host));
        return {};
    }

    template <class Handler>
    void async_handshake(Handler&& handler)
    {
        tls_->async_handshake(boost::asio::ssl::stream_base::client, std::forward<Handler>(handler));
    }

    void handshake(boost::system::error_code& ec)
    {
        tls_->handshake(boost::asio::ssl::stream_base::client, ec);
    }

    /// Whether setup is over (`established`), so that a pooled connection skips it.
    bool is_established() const noexcept { return established_; }

    /// Ends the setup: from now on the stream goes through TLS, if any, and the socket blocks
    /// in system calls (synchronous calls) or not (asynchronous ones).
    void established(bool non_blocking, boost::system::error_code& ec)
    {
        tls_ready_ = tls_.has_value();
        socket_.non_blocking(non_blocking, ec);
        established_ = !ec;
    }

    // ---- the exchange

    /// Readies the request head for `req` to `origin` (in absolute form through a proxy
    /// without a tunnel), and forgets the last response.
    void prepare_request(const endpoint& origin, bool absolute_form, const prepared_request& req)
    {
        parser_.reset();
        write_request_head(head_, origin, absolute_form, req);
    }

    /// What is left to write of the head and `body` after the first `sent` bytes.
    buffers unsent(std::string_view body, std::size_t sent) const noexcept
    {
        boost::asio::const_buffer head = boost::asio::buffer(head_);
        boost::asio::const_buffer rest = boost::asio::buffer(body.data(), body.size());
        const std::size_t from_head = std::min(sent, head.size());
        head += from_head;
        rest += sent - from_head;
        return {head, rest};
    }

    /// Writes what the socket takes without waiting: over plain TCP the (non-blocking) socket
    /// mostly takes the whole request at once, and then no trip through the reactor is
    /// needed to learn that it did. Nothing over TLS.
    std::size_t write_now(const buffers& b, boost::system::error_code& ec)
    {
        if (tls_ready_)
            return 0;
        const std::size_t n = socket_.write_some(b, ec);
        if (ec == boost::asio::error::would_block)
            ec = {};
        return n;
    }

    /// Starts an asynchronous write of `b`.
    template <class Handler>
    void async_write(const buffers& b, Handler&& handler)
    {
        boost::asio::async_write(stream_, b, std::forward<Handler>(handler));
    }

    /// Writes `b`, blocking; the bytes written, failed or not.
    std::size_t write(const buffers& b, boost::system::error_code& ec) { return boost::asio::write(stream_, b, ec); }

    /// Readies the parser to read the next message into `out` (cleared): at most `body_limit`
    /// bytes of body, or `binary_limit` for a body `out.sink` takes, none with `skip_body`
    /// (HEAD, or a 2xx answer to CONNECT).
    void expect_response(http_response& out, std::uint64_t body_limit, std::uint64_t binary_limit, bool skip_body)
    {
        out.clear();
        body_sink* const sink = skip_body ? nullptr : out.sink;
        parser_.emplace(out, sink, body_limit, binary_limit);
        parser_->header_limit(max_response_head);
        // With a sink, which limit applies is known only after the head: the parser checks it.
        if (sink != nullptr)
            parser_->body_limit(boost::none);
        else
            parser_->body_limit(body_limit);
        parser_->skip(skip_body);
    }

    /// Starts an asynchronous read of one message with the parser `expect_response` readied.
    template <class Handler>
    void async_read(Handler&& handler)
    {
        boost::beast::http::async_read(stream_, buffer_, *parser_, std::forward<Handler>(handler));
    }

    /// Reads one message, blocking.
    void read(boost::system::error_code& ec) { boost::beast::http::read(stream_, buffer_, *parser_, ec); }

    /// Whether any byte of a response arrived since `prepare_request`, parsed or not.
    bool response_started() const noexcept { return buffer_.size() != 0 || (parser_ && parser_->got_some()); }

    /// Whether bytes the server was not asked for wait after the message read.
    bool leftover() const noexcept { return buffer_.size() != 0; }

    /// Whether the message read leaves the connection open.
    bool keep_alive() const noexcept { return parser_ && parser_->is_header_done() && parser_->keep_alive(); }

private:
    friend class connection_pool; // stamps `idle_since_`

    /// The connection's byte stream: over TLS once `tls_ready_` is set (after the handshake),
    /// else plain TCP (before it, through a proxy's tunnel, or for `http` origins). One stream
    /// type for both, so that the read and write algorithms of Beast and Asio are compiled
    /// once, not once per layer.
    class byte_stream {
    public:
        using executor_type = boost::asio::any_io_executor;

        explicit byte_stream(connection& c) noexcept : c_(&c) {}

        executor_type get_executor() noexcept { return c_->socket_.get_executor(); }

        template <class Buffers>
        std::size_t read_some(const Buffers& buffers, boost::system::error_code& ec)
        {
            return c_->tls_ready_ ? c_->tls_->read_some(buffers, ec) : c_->socket_.read_some(buffers, ec);
        }

        template <class Buffers>
        std::size_t read_some(const Buffers& buffers)
        {
            return c_->tls_ready_ ? c_->tls_->read_some(buffers) : c_->socket_.read_some(buffers);
        }

        template <class Buffers>
        std::size_t write_some(const Buffers& buffers, boost::system::error_code& ec)
        {
            return c_->tls_ready_ ? c_->tls_->write_some(buffers, ec) : c_->socket_.write_some(buffers, ec);
        }

        template <class Buffers>
        std::size_t write_some(const Buffers& buffers)
        {
            return c_->tls_ready_ ? c_->tls_->write_some(buffers) : c_->socket_.write_some(buffers);
        }

        /// `handler` is a completion handler (the algorithms' intermediate handlers), not a
        /// token: nothing is returned.
        template <class Buffers, class Handler>
        void async_read_some(const Buffers& buffers, Handler&& handler)
        {
            if (c_->tls_ready_)
                c_->tls_->async_read_some(buffers, std::forward<Handler>(handler));
            else
                c_->socket_.async_read_some(buffers, std::forward<Handler>(handler));
        }

        template <class Buffers, class Handler>
        void async_write_some(const Buffers& buffers, Handler&& handler)
        {
            if (c_->tls_ready_)
                c_->tls_->async_write_some(buffers, std::forward<Handler>(handler));
            else
                c_->socket_.async_write_some(buffers, std::forward<Handler>(handler));
        }

    private:
        connection* c_;
    };

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

    boost::asio::any_io_executor executor_;
    tcp::socket socket_;
    std::optional<boost::asio::ssl::stream<tcp::socket&>> tls_; // for `https` origins
    tcp::resolver resolver_;
    boost::asio::steady_timer timer_;
    boost::beast::flat_buffer buffer_;      // bytes read and not parsed yet
    std::string head_;                      // the request (or CONNECT) head being written
    std::optional<response_parser> parser_; // the message being read
    byte_stream stream_{*this};             // TLS or TCP, as `tls_ready_` says
    bool tls_ready_ = false;                // handshaken: `stream_` goes through `tls_`
    bool established_ = false;              // connected, tunnelled and handshaken
    std::chrono::steady_clock::time_point idle_since_; // when it last went back to the pool
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
            if (c == nullptr || std::chrono::steady_clock::now() - c->idle_since_ < probe_after_ || c->still_open())
                return c;
        }
    }

    /// Keeps `c` for reuse, closing the oldest idle connection of its key when there are
    /// `max_per_key` already.
    void release(std::shared_ptr<connection> c)
    {
        c->idle_since_ = std::chrono::steady_clock::now();
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

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
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <iterator>
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
/// touches it runs on `get_executor()`, a strand (the transport's executor may be
/// multi-threaded), including the deadline timer's handler; a synchronous call's private
/// context has one thread, and never uses the strand.
///
/// The deadline is enforced by the connection's timer, which is not set and cancelled for
/// each request (see `arm`), or, for a connection of a synchronous call (`timer_driven`
/// false), without a timer: while it resolves and connects, by the calling thread, which runs the private
/// I/O context only until `deadline()` and then calls `expire()`; during the blocking proxy
/// tunnel, TLS handshake and exchange, by the transport's watchdog, which calls `interrupt()`.
///
/// It carries out the steps `send_op` is told to take by `exchange` and reports what they
/// left (`response_started`, `leftover`, `keep_alive`, `timed_out`); it decides nothing.
class connection : public std::enable_shared_from_this<connection> {
public:
    using tcp = boost::asio::ip::tcp;
    using buffers = std::array<boost::asio::const_buffer, 2>;

    /// A connection to `origin`, with a TLS layer made from `tls_context` when it is
    /// `https` (which may be null otherwise).
    connection(boost::asio::any_io_executor ex, boost::asio::ssl::context* tls_context, const endpoint& origin,
               std::size_t read_buffer_size, bool timer_driven)
        : strand_(boost::asio::make_strand(ex)),
          socket_(ex),
          resolver_(ex),
          timer_(ex),
          timer_driven_(timer_driven)
    {
        if (origin.secure())
            tls_.emplace(socket_, *tls_context);
        buffer_.reserve(read_buffer_size);
        // Bytes stay in the buffer only until they make a whole line. Beast limits a head by
        // what one read leaves unparsed, so it may hold twice `max_response_head`, and does
        // not limit chunk extensions and trailers at all: the cap bounds what a server can
        // make a connection hold, and failing it ends the read with `buffer_overflow`.
        buffer_.max_size(std::max<std::size_t>(read_buffer_size, 2 * std::size_t{max_response_head}));
    }

    /// The strand the handlers of its I/O and timer run on. Held as its own type, not as an
    /// `any_io_executor`, which has no room inside for a strand: each copy the I/O operations
    /// make of it (to track their work) would then be a heap allocation.
    const boost::asio::strand<boost::asio::any_io_executor>& get_executor() const noexcept { return strand_; }

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
    ///
    /// The timer is not set and cancelled for each request: it keeps waiting for the earliest
    /// deadline set since it was started, and when it fires, it closes the connection if
    /// the deadline now set has passed, or waits again for that one. A request far from its
    /// deadline costs no timer work; one whose deadline is earlier than the wait restarts it.
    void arm(std::chrono::steady_clock::time_point deadline)
    {
        const std::lock_guard<std::mutex> lock(timer_mutex_);
        deadline_ = deadline;
        if (!timer_driven_ || (waiting_ && timer_.expiry() <= deadline))
            return;
        wait_for(deadline);
    }

    /// Clears the deadline. The timer keeps waiting, for the next request: see
    /// `stop_timer_if_idle`.
    void disarm() noexcept
    {
        const std::lock_guard<std::mutex> lock(timer_mutex_);
        deadline_ = std::chrono::steady_clock::time_point::max();
    }

    /// Cancels the timer's wait if the connection is idle in the pool: a wait would keep the
    /// executor's `run()` from returning. Called, from any thread, by the call that let the
    /// connection go, once its completion handler has run: that handler usually starts the
    /// next call, which takes the connection and leaves the timer waiting.
    void stop_timer_if_idle() noexcept
    {
        const std::lock_guard<std::mutex> lock(timer_mutex_);
        if (in_pool_ && waiting_) {
            waiting_ = false;
            timer_.cancel();
        }
    }

    /// The current deadline.
    std::chrono::steady_clock::time_point deadline() const noexcept
    {
        const std::lock_guard<std::mutex> lock(timer_mutex_);
        return deadline_;
    }

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
    void prepare_tunnel(const endpoint& origin, std::string_view proxy_authorization)
    {
        write_connect_head(head_, origin, proxy_authorization);
    }

    /// Readies the TLS handshake with `origin`: SNI (for names only: RFC 6066 §3 excludes
    /// addresses) and, with `verify`, RFC 6125 name verification (DNS names or IP addresses
    /// in subjectAltName, no partial wildcards) by OpenSSL's chain verification itself, so
    /// that a mismatch is its verify result (`verify_result`) like any other refusal.
    boost::system::error_code prepare_handshake(const endpoint& origin, bool verify)
    {
        SSL* ssl = tls_->native_handle();
        boost::system::error_code not_an_address;
        boost::asio::ip::make_address(origin.host, not_an_address);
        bool ok = !not_an_address || SSL_set_tlsext_host_name(ssl, origin.host.c_str()) == 1;
        if (ok && verify) {
            X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
            X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            ok = not_an_address ? X509_VERIFY_PARAM_set1_host(param, origin.host.c_str(), origin.host.size()) == 1
                                : X509_VERIFY_PARAM_set1_ip_asc(param, origin.host.c_str()) == 1;
        }
        if (!ok)
            return boost::system::error_code(static_cast<int>(::ERR_get_error()),
                                             boost::asio::error::get_ssl_category());
        return {};
    }

    /// OpenSSL's verdict on the server's certificate after a handshake (`X509_V_OK` when it
    /// was accepted or not verified).
    long verify_result() noexcept { return SSL_get_verify_result(tls_->native_handle()); }

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
    /// without a tunnel, with the proxy's `proxy_authorization`), and forgets the last response.
    void prepare_request(const endpoint& origin, bool absolute_form, const prepared_request& req,
                         std::string_view proxy_authorization)
    {
        parser_.reset();
        write_request_head(head_, origin, absolute_form, req, proxy_authorization);
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
    friend class connection_pool; // stamps `idle_since_`, tells when it keeps or lends the connection

    /// Called by the pool as it keeps the connection idle.
    void went_idle() noexcept { in_pool_ = true; }

    /// Called by the pool as it takes the connection out of its idle ones.
    void left_pool() noexcept { in_pool_ = false; }

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

    // Starts the timer's wait for `t`, ending any wait in progress. Under `timer_mutex_`.
    void wait_for(std::chrono::steady_clock::time_point t)
    {
        waiting_ = true;
        timer_.expires_at(t);
        timer_.async_wait(deadline_handler{weak_from_this()});
    }

    // On the strand: closes the connection if its deadline has passed (and was not moved
    // since the timer found it passed).
    void expire_if_due() noexcept
    {
        {
            const std::lock_guard<std::mutex> lock(timer_mutex_);
            if (deadline_ > std::chrono::steady_clock::now())
                return;
        }
        expire();
    }

    // Runs on the transport's executor, not the strand, so that the timer can be stopped
    // from a completion handler without a hop to the strand; it hops there to expire.
    struct deadline_handler {
        std::weak_ptr<connection> target;

        void operator()(const boost::system::error_code& ec) const
        {
            std::shared_ptr<connection> c = target.lock();
            if (ec || c == nullptr)
                return;
            std::unique_lock<std::mutex> lock(c->timer_mutex_);
            // A wait that ended before it was cancelled, when another has started since (or
            // none is wanted any more), finds the timer's expiry in the future (or no wait).
            const auto now = std::chrono::steady_clock::now();
            if (!c->waiting_ || c->timer_.expiry() > now)
                return;
            c->waiting_ = false;
            if (c->deadline_ <= now) {
                lock.unlock();
                const auto strand = c->strand_;
                boost::asio::dispatch(strand, [c = std::move(c)] { c->expire_if_due(); });
            } else if (c->deadline_ != std::chrono::steady_clock::time_point::max()) {
                c->wait_for(c->deadline_);
            }
        }
    };

    boost::asio::strand<boost::asio::any_io_executor> strand_;
    tcp::socket socket_; // on the executor the strand wraps: handlers are bound to the strand
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
    bool timer_driven_;
    std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
    mutable std::mutex timer_mutex_;        // guards the timer, `deadline_` and `waiting_`
    bool waiting_ = false;                  // the timer waits, for `timer_.expiry()`
    std::atomic<bool> in_pool_{false};      // idle in the pool: set and cleared under its lock
    bool timed_out_ = false;
};

/// How many connections a pool holds, summed over its hosts.
struct pool_counts {
    std::size_t open = 0;   ///< in use, being opened, or idle
    std::size_t idle = 0;   ///< kept for reuse
    std::size_t queued = 0; ///< calls waiting for a connection
};

/// A call waiting in a `connection_pool`'s queue for a connection of its host.
class pool_waiter {
public:
    virtual ~pool_waiter() = default;

    /// The wait is over: `c` is an idle connection to reuse, or null for a slot in which to
    /// open a new one. Called once, without the pool's lock held, unless the waiter left
    /// the queue first (`connection_pool::withdraw`).
    virtual void granted(std::shared_ptr<connection> c) = 0;
};

/// The connections of a transport per host: at most `max_per_host` open at once (in use,
/// being opened or idle), the idle ones kept for reuse up to `idle_timeout`, and the calls
/// waiting for one, in order. Guarded by a mutex: requests on any thread take and return
/// connections.
///
/// A call holds a *slot* of its host from `acquire` (given an idle connection, or a slot to
/// open a new one in) to `release`, exactly once, whatever happens to its connection
/// meanwhile: so the count of open connections cannot drift, and a slot freed goes to the
/// first waiter rather than to whoever asks next.
class connection_pool {
public:
    /// The connections of one (scheme, host, port, proxy) in one execution context.
    class host {
        friend class connection_pool;

        host(const endpoint& origin, const endpoint* proxy, const boost::asio::execution_context& context)
            : scheme_(origin.scheme),
              name_(origin.host),
              port_(origin.port),
              proxy_name_(proxy != nullptr ? proxy->host : std::string()),
              proxy_port_(proxy != nullptr ? proxy->port : 0),
              context_(&context)
        {
        }

        bool is(const endpoint& origin, const endpoint* proxy,
                const boost::asio::execution_context& context) const noexcept
        {
            return origin.scheme == scheme_ && origin.port == port_ && &context == context_ &&
                   origin.host == name_ &&
                   (proxy == nullptr ? proxy_port_ == 0 : proxy->port == proxy_port_ && proxy->host == proxy_name_);
        }

        url_scheme scheme_;
        std::string name_;
        std::uint16_t port_;
        std::string proxy_name_;
        std::uint16_t proxy_port_; // 0: no proxy
        const boost::asio::execution_context* context_;
        std::size_t open_ = 0;                             // slots held, idle connections included
        std::vector<std::shared_ptr<connection>> idle_;    // oldest first
        std::deque<std::shared_ptr<pool_waiter>> waiting_; // first come first
    };

    /// What `acquire` found.
    enum class grant {
        reuse,    ///< an idle connection
        open_new, ///< a slot to open a new connection in
        queued,   ///< the waiter `acquire` made is in the queue
    };

    /// At most `max_per_host` (at least 1) open connections per host; idle ones kept up to
    /// `idle_timeout` (none when 0), and probed before reuse once idle for `probe_after`.
    connection_pool(std::size_t max_per_host, std::chrono::steady_clock::duration idle_timeout,
                    std::chrono::steady_clock::duration probe_after)
        : max_per_host_(std::max<std::size_t>(max_per_host, 1)), idle_timeout_(idle_timeout), probe_after_(probe_after)
    {
    }

    /// Takes a slot of the host of `origin` through `proxy` in `context` into `key`: with an
    /// idle connection in `out` (the one used last: its peer is the least likely to have
    /// closed it), or with none, to open one in; or, when the host has `max_per_host` open
    /// already, queues the waiter `make_waiter()` returns (called under the pool's lock, so
    /// that nothing is granted to it before it is ready). One idle for `probe_after` or longer
    /// is first checked to be still open (a system call, outside the lock): a server closes
    /// idle connections after seconds, not microseconds, and the probe would cost every
    /// request of a busy client. One found closed leaves its slot to open a new one in.
    template <class MakeWaiter>
    grant acquire(const endpoint& origin, const endpoint* proxy, const boost::asio::execution_context& context,
                  host*& key, std::shared_ptr<connection>& out, MakeWaiter&& make_waiter)
    {
        const auto now = std::chrono::steady_clock::now();
        std::vector<std::shared_ptr<connection>> expired; // closed outside the lock
        {
            std::lock_guard<std::mutex> lock(mutex_);
            host& h = host_of(origin, proxy, context);
            key = &h;
            close_expired(h, now, expired);
            if (!h.idle_.empty()) {
                out = std::move(h.idle_.back());
                h.idle_.pop_back();
                out->left_pool();
            } else if (h.open_ < max_per_host_) {
                ++h.open_;
                return grant::open_new;
            } else {
                h.waiting_.push_back(make_waiter());
                return grant::queued;
            }
        }
        if (now - out->idle_since_ < probe_after_ || out->still_open())
            return grant::reuse;
        out.reset();
        return grant::open_new;
    }

    /// Ends the use of a slot of `key`. `c` (if any) is handed to the first waiter, or kept
    /// idle, when `reusable`; otherwise it is closed and the slot goes to the first waiter,
    /// to open a new connection in.
    void release(host& key, std::shared_ptr<connection> c, bool reusable)
    {
        const auto now = std::chrono::steady_clock::now();
        std::vector<std::shared_ptr<connection>> expired; // closed outside the lock
        std::shared_ptr<pool_waiter> next;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            close_expired(key, now, expired);
            if (!reusable || c == nullptr || idle_timeout_ <= std::chrono::steady_clock::duration::zero())
                expired.push_back(std::move(c));
            if (!key.waiting_.empty()) {
                next = std::move(key.waiting_.front());
                key.waiting_.pop_front();
            } else if (c != nullptr) {
                c->idle_since_ = now;
                c->went_idle();
                key.idle_.push_back(std::move(c));
            } else {
                --key.open_;
            }
        }
        if (next != nullptr)
            next->granted(std::move(c));
    }

    /// Takes `w` out of the queue of `key`; false when it is not there, having been granted
    /// already (its `granted` is then called, or being called).
    bool withdraw(host& key, const pool_waiter& w)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto it = std::find_if(key.waiting_.begin(), key.waiting_.end(),
                                     [&](const std::shared_ptr<pool_waiter>& p) { return p.get() == &w; });
        if (it == key.waiting_.end())
            return false;
        key.waiting_.erase(it);
        return true;
    }

    /// The connections and waiters now.
    pool_counts counts() const
    {
        pool_counts c;
        std::lock_guard<std::mutex> lock(mutex_);
        for (const host& h : hosts_) {
            c.open += h.open_;
            c.idle += h.idle_.size();
            c.queued += h.waiting_.size();
        }
        return c;
    }

private:
    // The entry of a host, made on first use; a deque keeps the addresses calls hold.
    host& host_of(const endpoint& origin, const endpoint* proxy, const boost::asio::execution_context& context)
    {
        for (host& h : hosts_) {
            if (h.is(origin, proxy, context))
                return h;
        }
        return hosts_.emplace_back(host(origin, proxy, context));
    }

    // Moves the connections of `h` idle for `idle_timeout` or longer to `out`, freeing their slots.
    void close_expired(host& h, std::chrono::steady_clock::time_point now,
                       std::vector<std::shared_ptr<connection>>& out)
    {
        std::size_t n = 0;
        while (n < h.idle_.size() && now - h.idle_[n]->idle_since_ >= idle_timeout_)
            ++n;
        if (n == 0)
            return;
        std::move(h.idle_.begin(), h.idle_.begin() + static_cast<std::ptrdiff_t>(n), std::back_inserter(out));
        h.idle_.erase(h.idle_.begin(), h.idle_.begin() + static_cast<std::ptrdiff_t>(n));
        h.open_ -= n;
    }

    mutable std::mutex mutex_;
    std::deque<host> hosts_;
    std::size_t max_per_host_;
    std::chrono::steady_clock::duration idle_timeout_;
    std::chrono::steady_clock::duration probe_after_;
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_TRANSPORT_DETAIL_CONNECTION_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_DETAIL_SEND_OP_HPP
#define HWBIND_RUNTIME_TRANSPORT_DETAIL_SEND_OP_HPP

/// \file
/// One request as a composed operation: take a pooled connection or none, then execute the
/// actions of its `http_exchange` (connect, tunnel, handshake, write, read) until it is done, and
/// give the connection back when the exchange says it can serve another request.

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/transport/detail/certificate_error.hpp>
#include <hwbind/runtime/transport/detail/connection.hpp>
#include <hwbind/runtime/transport/detail/exchange.hpp>
#include <hwbind/runtime/transport/detail/request_writer.hpp>
#include <hwbind/runtime/transport/detail/segment_reader.hpp>
#include <hwbind/runtime/transport/detail/transport_state.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>
#include <hwbind/runtime/transport/http_response.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/append.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/coroutine.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
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
#include <optional>
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

/// What a synchronous call and its operation share: the connection in use, whose deadline
/// the calling thread enforces, and the result.
struct sync_call {
    connection* active = nullptr;
    boost::system::error_code result;
    bool done = false;
};

/// What `send_op` keeps between its steps, and the steps that do not depend on how it runs.
class send_op_base {
protected:
    using tcp = boost::asio::ip::tcp;
    using error_code = boost::system::error_code;

    send_op_base(transport_state& t, boost::asio::any_io_executor io_executor, sync_call* sync,
                 const endpoint& origin, const prepared_request& req, http_response& out,
                 std::chrono::steady_clock::time_point deadline) noexcept
        : t_(&t),
          io_executor_(std::move(io_executor)),
          sync_(sync),
          origin_(&origin),
          req_(&req),
          out_(&out),
          deadline_(deadline)
    {
    }

    // Checks the call, sets the deadline (the caller's, if earlier than the request
    // timeout's), takes a pooled connection or none, and starts the exchange's state machine.
    error_code start()
    {
        deadline_ = std::min(deadline_, deadline_after(std::chrono::steady_clock::now(), t_->options.request_timeout));
        if (origin_->host.empty() || origin_->port == 0)
            return error::invalid_endpoint;
        if (auto ec = check_request(*req_))
            return ec;
        proxy_ = t_->proxy_for(*origin_);
        return {};
    }

    // Starts the exchange, with the slot of the pool just taken and its connection, if any.
    void begin_exchange()
    {
        slot_.held = true;
        if (conn_ != nullptr)
            ++t_->connections_reused;
        exchange_ = http_exchange(req_->method(), conn_ != nullptr, proxy_ != nullptr && origin_->secure(),
                                  origin_->secure(), asks_to_close(*req_));
    }

    // A new connection doing its I/O on the call's executor (the transport's, or the private
    // context of a synchronous call), its handlers on a strand of it; null, with `ec` set,
    // when the TLS context an `https` one needs cannot be made.
    std::shared_ptr<connection> make_connection(error_code& ec) const
    {
        boost::asio::ssl::context* tls = origin_->secure() ? t_->tls_context(ec) : nullptr;
        if (ec)
            return nullptr;
        return std::make_shared<connection>(io_executor_, tls, *origin_, t_->options.read_buffer_size,
                                            sync_ == nullptr);
    }

    // The proxy, or the origin without one.
    const endpoint& first_hop() const noexcept { return proxy_ != nullptr ? *proxy_ : *origin_; }

    // Readies the CONNECT head, all of it to write.
    void begin_tunnel()
    {
        conn_->prepare_tunnel(*origin_, t_->proxy_authorization(*origin_));
        sent_ = 0;
    }

    // Readies the connection for the request: set up if new, under the request deadline,
    // the head written out.
    error_code begin_request(bool non_blocking)
    {
        error_code ec;
        if (!conn_->is_established()) {
            conn_->established(non_blocking, ec);
            if (ec)
                return ec;
            ++t_->connections_opened;
        }
        conn_->arm(deadline_);
        const bool absolute_form = proxy_ != nullptr && !origin_->secure();
        conn_->prepare_request(*origin_, absolute_form, *req_,
                               absolute_form ? std::string_view(t_->proxy_authorization(*origin_)) : std::string_view());
        body_reader_.reset(req_->segments().empty() ? nullptr : &req_->segments());
        sent_ = 0;
        return ec;
    }

    // What is left to write of the request.
    connection::buffers unsent() const noexcept { return conn_->unsent(req_->body(), sent_); }

    // What is left to write for `action_`: of the request, or of the CONNECT head.
    connection::buffers to_write() const noexcept
    {
        return action_ == exchange_action::write ? unsent() : conn_->unsent({}, sent_);
    }

    // Readies the connection and `out_` for a response, or for the proxy's answer to CONNECT,
    // which has no body when it is a 2xx.
    void expect_response(bool tunnel) const
    {
        conn_->expect_response(*out_, t_->options.max_response_body, t_->options.max_binary_body,
                               tunnel || req_->method() == meta::http_method::head);
    }

    // What `action_` left, for the state machine.
    exchange_event observed(const error_code& ec) const
    {
        exchange_event ev;
        ev.ec = ec;
        ev.timed_out = conn_->timed_out();
        ev.response_started = conn_->response_started();
        if (action_ == exchange_action::handshake && ec)
            ev.ec = handshake_error(ec, conn_->verify_result());
        if (action_ == exchange_action::write) {
            ev.written = sent_;
        } else if (action_ == exchange_action::read || action_ == exchange_action::read_tunnel) {
            ev.status = out_->status;
            ev.leftover = conn_->leftover();
            ev.keep_alive = conn_->keep_alive();
            if (action_ == exchange_action::read_tunnel)
                out_->clear(); // the proxy's answer is not the response
        }
        return ev;
    }

    // Gives the connection back to the pool when the exchange allows it, and records the outcome.
    error_code finish()
    {
        if (conn_ != nullptr)
            conn_->disarm();
        const error_code result = exchange_.result();
        out_->request_sent = exchange_.request_sent();
        if (exchange_.replayed())
            ++t_->replays;
        slot_.give_back(std::move(conn_), !result && exchange_.reusable());
        return result;
    }

    // A call's slot of the pool (see `connection_pool`): given back when the call ends, or,
    // when its operation is destroyed unfinished (its execution context shut down), then.
    struct pool_slot {
        pool_slot(connection_pool& p) noexcept : pool(&p) {}
        pool_slot(pool_slot&& other) noexcept
            : pool(other.pool),
              host(other.host),
              held(std::exchange(other.held, false)),
              given_back(std::move(other.given_back))
        {
        }
        pool_slot& operator=(pool_slot&&) = delete;
        ~pool_slot()
        {
            if (held)
                pool->release(*host, nullptr, false);
        }

        void give_back(std::shared_ptr<connection> c, bool reusable)
        {
            held = false;
            given_back = c;
            pool->release(*host, std::move(c), reusable);
        }

        connection_pool* pool;
        connection_pool::host* host = nullptr; // set by `acquire`, before any waiter is made
        bool held = false;
        std::weak_ptr<connection> given_back; // its timer stopped by `complete` if it stays idle
    };

    transport_state* t_;
    boost::asio::any_io_executor io_executor_;
    sync_call* sync_;
    const endpoint* origin_;
    const prepared_request* req_;
    http_response* out_;
    const endpoint* proxy_ = nullptr;
    pool_slot slot_{t_->pool};
    std::shared_ptr<connection> conn_;
    tcp::resolver::results_type::const_iterator next_address_; ///< resolved addresses not tried yet
    std::chrono::steady_clock::time_point deadline_;
    http_exchange exchange_;
    exchange_action action_ = exchange_action::done;
    exchange_event event_;
    error_code result_;
    std::size_t sent_ = 0; // bytes of the request the connection took
    bool resolving_ = false;
    bool waited_ = false; // an asynchronous call has waited for an operation: it runs on another stack
    segment_reader body_reader_;          // a streamed body, after the head
    boost::asio::const_buffer body_chunk_; // the chunk of it being written
};

/// Resumes the operation `self` of an asynchronous call with what the pool gave it: on the
/// strand of `c`, a pooled connection, else on the call's executor. With `run_now`, a pooled
/// connection's strand runs it at once when it can (the strand is free and this thread runs
/// the transport's executor): the call made from a completion handler, the usual case, then
/// writes its request without a trip through the scheduler's queue.
template <class Self>
void resume_granted(Self&& self, boost::system::error_code ec, std::shared_ptr<connection> c, bool run_now)
{
    if (c != nullptr) {
        const auto& ex = c->get_executor(); // copied by bind_executor before `c` moves
        auto resume = boost::asio::append(boost::asio::bind_executor(ex, std::move(self)), ec, std::move(c));
        if (run_now)
            boost::asio::dispatch(std::move(resume));
        else
            boost::asio::post(std::move(resume));
    } else {
        auto ex = self.get_io_executor(); // before `self` moves
        boost::asio::post(std::move(ex), boost::asio::append(std::move(self), ec, std::shared_ptr<connection>()));
    }
}

/// An asynchronous call waiting in the pool's queue, holding its operation `Self`. Resumed
/// once, by whichever comes first: the pool's grant, its deadline (a timer made for the wait
/// only: calls that do not wait make none) or its cancellation (per-operation, through the
/// operation's cancellation slot). The pool's `withdraw` decides between them: the deadline
/// and the cancellation resume the call only if they take it out of the queue.
template <class Self>
class queued_call final : public pool_waiter, public std::enable_shared_from_this<queued_call<Self>> {
public:
    queued_call(connection_pool& pool, connection_pool::host& key, const boost::asio::any_io_executor& ex,
                Self&& self)
        : pool_(&pool), key_(&key), timer_(ex), self_(std::move(self))
    {
    }

    /// Starts the deadline and listens for cancellation: under the pool's lock, before
    /// anything can be granted.
    void start(std::chrono::steady_clock::time_point deadline)
    {
        timer_.expires_at(deadline);
        timer_.async_wait([w = this->shared_from_this()](const boost::system::error_code& ec) {
            if (!ec)
                w->give_up(error::timeout);
        });
        auto slot = boost::asio::get_associated_cancellation_slot(*self_);
        if (slot.is_connected())
            slot.template emplace<on_cancel>(this->weak_from_this());
    }

    void granted(std::shared_ptr<connection> c) override
    {
        timer_.cancel();
        resume({}, std::move(c));
    }

private:
    struct on_cancel {
        explicit on_cancel(std::weak_ptr<queued_call> w) noexcept : waiter(std::move(w)) {}

        std::weak_ptr<queued_call> waiter;

        void operator()(boost::asio::cancellation_type type) const
        {
            if (type == boost::asio::cancellation_type::none)
                return;
            if (const auto w = waiter.lock())
                w->give_up(boost::asio::error::operation_aborted);
        }
    };

    void give_up(boost::system::error_code ec)
    {
        if (!pool_->withdraw(*key_, *this))
            return; // granted first
        timer_.cancel();
        resume(ec, nullptr);
    }

    void resume(boost::system::error_code ec, std::shared_ptr<connection> c)
    {
        Self self = std::move(*self_);
        self_.reset();
        // Posted: granted from within another call's step, which is not done with the pool yet.
        resume_granted(std::move(self), ec, std::move(c), false);
    }

    connection_pool* pool_;
    connection_pool::host* key_;
    boost::asio::steady_timer timer_;
    std::optional<Self> self_;
};

/// The driver of an `http_exchange`: the implementation of `transport::async_send` (`Sync` false)
/// and `transport::send` (`Sync` true), for `async_compose`. It executes the actions the
/// state machine returns and reports what each left; it decides nothing. Two instantiations
/// rather than one that tests at run time how it runs: a program that only makes synchronous
/// calls compiles none of the asynchronous exchange, and one that only makes asynchronous
/// calls none of the blocking one.
///
/// Asynchronous calls start on the caller's thread (checks, pool), then hop onto the
/// connection's strand (at once, when this thread may run it: see `resume_granted`) and stay
/// there until they complete through the caller's executor (see `hand_over`): so the
/// deadline handler and the I/O steps of a connection never run at once.
///
/// Synchronous calls (with a `sync_call`) run on a private context whose only thread is the
/// caller's, so they need no hop, strand or timer: a new connection is resolved and
/// connected with asynchronous operations that the caller runs until the connect deadline;
/// the proxy tunnel, the TLS handshake and the exchange itself block in system calls, as a
/// plain blocking client does, bounded by the transport's watchdog (within the first step
/// for a pooled connection).
template <bool Sync>
class send_op : public send_op_base {
public:
    /// A synchronous call needs its `sync_call`; an asynchronous one has none.
    send_op(transport_state& t, boost::asio::any_io_executor io_executor, sync_call* sync, const endpoint& origin,
            const prepared_request& req, http_response& out, std::chrono::steady_clock::time_point deadline) noexcept
        : send_op_base(t, std::move(io_executor), sync, origin, req, out, deadline)
    {
        BOOST_ASSERT((sync != nullptr) == Sync);
    }

    /// For `async_compose` (synchronous calls): resumes with the operation's own coroutine.
    template <class Self, class... Args>
    void operator()(Self& self, Args&&... args)
    {
        resume(self, coro_, std::forward<Args>(args)...);
    }

    /// Resumes the steps where `coro` stands. `coro` must outlive the step even when `self`
    /// moves and completes meanwhile: the coroutine reads it after each yield, once the state
    /// may be gone (see `boxed_send_op`).
    template <class Self>
    void resume(Self& self, boost::asio::coroutine& coro, error_code ec = {}, std::size_t n = 0)
    {
        step(self, coro, ec, n);
    }

    // Resumed with the pool's grant: a connection to reuse, or none to open one; or with the
    // error that ended the wait in its queue.
    template <class Self>
    void resume(Self& self, boost::asio::coroutine& coro, error_code ec, std::shared_ptr<connection> granted)
    {
        conn_ = std::move(granted);
        if (!ec)
            begin_exchange();
        step(self, coro, ec, 0);
    }

    template <class Self>
    void resume(Self& self, boost::asio::coroutine& coro, error_code ec, const tcp::resolver::results_type& results)
    {
        // An empty iterator is the end (one of an empty result is not).
        next_address_ = results.empty() ? tcp::resolver::results_type::const_iterator() : results.begin();
        step(self, coro, ec, 0);
    }

private:
    template <class Self>
    void step(Self& self, boost::asio::coroutine& coro, error_code ec, std::size_t n)
    {
        namespace net = boost::asio;
        // Terminal cancellation requested between two steps still stops the next one.
        if (!ec && cancelled(self))
            ec = net::error::operation_aborted;
        BOOST_ASIO_CORO_REENTER(coro)
        {
            result_ = start();
            if (result_) {
                out_->request_sent = false;
                // An asynchronous call never completes inside its initiating function.
                if (!Sync) {
                    BOOST_ASIO_CORO_YIELD post_self(self);
                }
                self.complete(result_);
                return;
            }
            if (Sync) {
                acquire_now();
                sync_->active = conn_.get();
            } else {
                BOOST_ASIO_CORO_YIELD acquire(self);
                if (ec) {
                    // Timed out or cancelled in the queue, or cancelled once granted.
                    if (slot_.held)
                        slot_.give_back(std::move(conn_), conn_ != nullptr);
                    result_ = ec;
                    out_->request_sent = false;
                    BOOST_ASIO_CORO_YIELD hand_over(self);
                    complete(self);
                    return;
                }
            }
            for (;;) {
                action_ = exchange_.resume(event_);
                if (action_ == exchange_action::done)
                    break;
                ec = cancelled(self) ? error_code(net::error::operation_aborted) : error_code();
                if (action_ == exchange_action::connect) {
                    if (conn_ != nullptr)
                        conn_->disarm(); // a pooled connection the server closed
                    conn_ = make_connection(ec);
                    if (conn_ == nullptr) {
                        event_ = exchange_event{};
                        event_.ec = ec;
                        continue;
                    }
                    if (Sync) {
                        sync_->active = conn_.get();
                    } else {
                        BOOST_ASIO_CORO_YIELD post_to_connection(self);
                    }
                    conn_->arm(std::min(deadline_after(std::chrono::steady_clock::now(), t_->options.connect_timeout),
                                        deadline_));
                    if (!ec) {
                        BOOST_ASIO_CORO_YIELD start_connect(self);
                    }
                    if (!ec && resolving_) {
                        // The resolved addresses in turn until one accepts, unless the
                        // deadline or a cancellation ends the attempts; with none, `not_found`.
                        ec = net::error::not_found;
                        while (ec && ec != net::error::operation_aborted && !conn_->timed_out() &&
                               next_address_ != tcp::resolver::results_type::const_iterator()) {
                            BOOST_ASIO_CORO_YIELD connect_next(self);
                        }
                    }
                    if (!ec)
                        conn_->connected(ec);
                } else if (Sync) {
                    ec = run_blocking();
                } else if (action_ == exchange_action::write_tunnel || action_ == exchange_action::write) {
                    if (action_ == exchange_action::write_tunnel) {
                        begin_tunnel();
                    } else {
                        ec = begin_request(true);
                        if (!ec)
                            sent_ = conn_->write_now(unsent(), ec);
                    }
                    if (!ec && net::buffer_size(to_write()) != 0) {
                        BOOST_ASIO_CORO_YIELD write(self);
                        sent_ += n;
                    }
                    // A streamed body, chunk by chunk after the head (none for a tunnel).
                    while (!ec && action_ == exchange_action::write) {
                        body_chunk_ = body_reader_.next(ec);
                        if (ec || body_chunk_.size() == 0)
                            break;
                        BOOST_ASIO_CORO_YIELD write_chunk(self);
                        sent_ += n;
                    }
                } else if (action_ == exchange_action::read_tunnel || action_ == exchange_action::read) {
                    expect_response(action_ == exchange_action::read_tunnel);
                    BOOST_ASIO_CORO_YIELD read(self);
                } else if (action_ == exchange_action::handshake) {
                    ec = conn_->prepare_handshake(*origin_, !t_->options.tls.insecure_skip_verify);
                    if (!ec) {
                        BOOST_ASIO_CORO_YIELD handshake(self);
                    }
                }
                event_ = observed(ec);
            }

            if (Sync)
                sync_->active = nullptr;
            result_ = finish();
            if (!Sync) {
                BOOST_ASIO_CORO_YIELD hand_over(self);
            }
            complete(self);
        }
    }

    // Completes the call with `result_`, then stops the timer of the connection it gave back
    // if that is idle still (see `connection::stop_timer_if_idle`): usually the completion
    // handler has started the next call, which took the connection.
    template <class Self>
    void complete(Self& self)
    {
        const std::weak_ptr<connection> given_back = std::move(slot_.given_back);
        self.complete(result_);
        if (const std::shared_ptr<connection> c = given_back.lock())
            c->stop_timer_if_idle();
    }

    template <class Self>
    static bool cancelled(Self& self)
    {
        if constexpr (Sync)
            return false; // a synchronous call cannot be cancelled
        else
            return self.get_cancellation_state().cancelled() != boost::asio::cancellation_type::none;
    }

    // Takes a slot of the pool for a synchronous call. Its lane serves one call at a time,
    // so the lane's host never has a connection in use here, and never makes it wait.
    void acquire_now()
    {
        if constexpr (Sync) {
            const auto grant = t_->pool.acquire(*origin_, proxy_, io_executor_.context(), slot_.host, conn_,
                                                [] { return std::shared_ptr<pool_waiter>(); });
            BOOST_ASSERT(grant != connection_pool::grant::queued);
            (void)grant;
            begin_exchange();
        }
    }

    // Takes a slot of the pool for an asynchronous call, and resumes on the connection's
    // strand (a pooled one) or the call's executor (to open one), or, when its host has as
    // many connections open as allowed, queues the call (`self` moves into the queue) until
    // a slot is free, its deadline passes or it is cancelled.
    template <class Self>
    void acquire(Self& self)
    {
        if constexpr (!Sync) {
            // What the waiter needs of this state, taken before `self` (and the state) moves into it.
            connection_pool& pool = t_->pool;
            connection_pool::host*& key = slot_.host; // set by `acquire` before it makes a waiter
            const auto deadline = deadline_;
            const boost::asio::any_io_executor ex = io_executor_;
            const auto grant = pool.acquire(*origin_, proxy_, ex.context(), key, conn_, [&] {
                auto waiter = std::make_shared<queued_call<Self>>(pool, *key, ex, std::move(self));
                waiter->start(deadline);
                return std::shared_ptr<pool_waiter>(std::move(waiter));
            });
            if (grant == connection_pool::grant::queued)
                return; // `self`, and this state with it, waits in the queue
            std::shared_ptr<connection> c = std::move(conn_);
            resume_granted(std::move(self), {}, std::move(c), true);
        }
    }

    // ---- synchronous calls

    // Executes `action_` (but `connect`) blocking, bounded by the watchdog at the
    // connection's deadline: the connect deadline while it is being set up, the request's
    // for the exchange. So these compile the same read and write as the exchange, and no
    // asynchronous operation. Watched for the system call only: the deadline is set, and
    // `timed_out()` read, while the watchdog cannot touch the connection.
    error_code run_blocking()
    {
        error_code ec;
        if (action_ == exchange_action::write)
            ec = begin_request(false);
        else if (action_ == exchange_action::write_tunnel)
            begin_tunnel();
        else if (action_ == exchange_action::handshake)
            ec = conn_->prepare_handshake(*origin_, !t_->options.tls.insecure_skip_verify);
        else
            expect_response(action_ == exchange_action::read_tunnel);
        if (ec)
            return ec;
        t_->deadlines.watch(*conn_);
        if (action_ == exchange_action::write)
            sent_ = write_blocking(ec);
        else if (action_ == exchange_action::write_tunnel)
            conn_->write(to_write(), ec);
        else if (action_ == exchange_action::handshake)
            conn_->handshake(ec);
        else
            conn_->read(ec);
        t_->deadlines.release(*conn_);
        return ec;
    }

    // Writes the request, then its streamed body chunk by chunk; the bytes written, failed or not.
    std::size_t write_blocking(error_code& ec)
    {
        std::size_t written = conn_->write(unsent(), ec);
        while (!ec) {
            const boost::asio::const_buffer chunk = body_reader_.next(ec);
            if (ec || chunk.size() == 0)
                break;
            written += conn_->write({chunk, boost::asio::const_buffer()}, ec);
        }
        return written;
    }

    // ---- asynchronous calls

    // The intermediate handler: `self`, run on the connection's executor (for a synchronous
    // call, the private context `self` runs on already). Every wait of the call goes
    // through it, so it notes that the call has waited.
    template <class Self>
    auto on_connection(Self& self)
    {
        if constexpr (Sync) {
            return std::move(self);
        } else {
            waited_ = true;
            const auto& ex = conn_->get_executor();
            return boost::asio::bind_executor(ex, std::move(self));
        }
    }

    // The steps of asynchronous calls only. The coroutine cannot put them under `if
    // constexpr` (a resumption point may not jump into one), so they are empty for
    // synchronous calls, which never reach them, and compile nothing there. Posts go through
    // the transport's executor, which hands `self` on to its handler's: the handler's own
    // executor may not take a post (that of a bare `any_completion_handler`, Boost 1.81's
    // `any_completion_executor`, cannot be required never to block).
    template <class Self>
    void post_self(Self& self)
    {
        if constexpr (!Sync)
            boost::asio::post(self.get_io_executor(), std::move(self));
    }

    // Readies the completion of an asynchronous call. Once the call has waited for an
    // operation, it runs on another stack than its initiating function's, and it completes
    // through the handler's associated executor: at once when that is the transport's
    // executor (this thread runs it already: no post, no queue), else posted to it (e.g. to
    // the caller's own strand). It then runs while this connection's strand is held, which
    // only delays a next request given this connection until the handler returns. A call
    // that has not waited (it failed inside `async_send`) posts, never completing inside it.
    template <class Self>
    void hand_over(Self& self)
    {
        if constexpr (!Sync) {
            if (waited_)
                boost::asio::dispatch(std::move(self));
            else
                boost::asio::post(self.get_io_executor(), std::move(self));
        }
    }

    template <class Self>
    void post_to_connection(Self& self)
    {
        if constexpr (!Sync)
            boost::asio::post(on_connection(self));
    }

    // The rest of the request, or the CONNECT head through the stream before its TLS layer
    // is ready.
    template <class Self>
    void write(Self& self)
    {
        if constexpr (!Sync) {
            // Taken before `self` (and this state with it) moves into the handler.
            const connection::buffers rest = to_write();
            conn_->async_write(rest, on_connection(self));
        }
    }

    template <class Self>
    void write_chunk(Self& self)
    {
        if constexpr (!Sync)
            conn_->async_write({body_chunk_, boost::asio::const_buffer()}, on_connection(self));
    }

    template <class Self>
    void read(Self& self)
    {
        if constexpr (!Sync)
            conn_->async_read(on_connection(self));
    }

    template <class Self>
    void handshake(Self& self)
    {
        if constexpr (!Sync)
            conn_->async_handshake(on_connection(self));
    }

    // Connects to the proxy or the origin: directly to an IP address, else after resolving
    // the name (`resolving_`). A loop of connects to the resolved addresses rather than
    // Asio's connect to a range, which compiles a composed operation of its own (about 16 KB
    // of object code per TU at -O2) around the same socket connect this one uses.
    template <class Self>
    void start_connect(Self& self)
    {
        const endpoint& hop = first_hop();
        error_code not_an_address;
        const auto address = boost::asio::ip::make_address(hop.host, not_an_address);
        resolving_ = not_an_address.failed();
        if (resolving_)
            conn_->async_resolve(hop.host, hop.port, on_connection(self));
        else
            conn_->async_connect(tcp::endpoint(address, hop.port), on_connection(self));
    }

    // Connects to the next resolved address: taken before `self` (and this state with it)
    // moves into the handler.
    template <class Self>
    void connect_next(Self& self)
    {
        const tcp::endpoint address = *next_address_++;
        conn_->async_connect(address, on_connection(self));
    }

    boost::asio::coroutine coro_; // where a synchronous call's steps stand
};

/// An asynchronous call's `send_op` behind a pointer, for `async_compose`. The operation
/// moves from handler to handler at every step, nested in the caller's handlers and in those
/// of each read and write. Asio recycles the memory of a handler of up to about 1 KiB (and
/// glibc's per-thread cache serves about as much); the 400-byte state made the read handler
/// bigger than that, so every read allocated and freed a fresh block. One allocation per call
/// instead keeps every handler small and every move cheap.
///
/// The coroutine stays here, in the handler, not in the state: after a step moves `self` on
/// (this object with it) the coroutine is read once more, from the moved-from handler, which
/// the caller of the step still holds; the state may be gone by then, the call having
/// completed at once (`hand_over`) or on another thread.
class boxed_send_op {
public:
    explicit boxed_send_op(std::unique_ptr<send_op<false>> op) noexcept : op_(std::move(op)) {}

    template <class Self, class... Args>
    void operator()(Self& self, Args&&... args)
    {
        send_op<false>& op = *op_;
        op.resume(self, coro_, std::forward<Args>(args)...);
    }

private:
    std::unique_ptr<send_op<false>> op_;
    boost::asio::coroutine coro_;
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_TRANSPORT_DETAIL_SEND_OP_HPP

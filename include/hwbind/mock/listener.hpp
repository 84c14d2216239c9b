// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_MOCK_LISTENER_HPP
#define HWBIND_MOCK_LISTENER_HPP

/// \file
/// The HTTP side of the mock server: a listening socket on 127.0.0.1 and its HTTP/1.1
/// keep-alive connections (Boost.Beast), served on a thread of their own. It knows nothing
/// of operations: each request goes to a handler that returns the response, and each request
/// refused before it could be read whole (too large, not HTTP/1.1) to another.

#include <hwbind/mock/binary_body.hpp>
#include <hwbind/mock/multipart_parsing.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/address_v6.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/core/buffers_range.hpp>
#include <boost/optional/optional.hpp>
#include <boost/beast/http/write.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

namespace hwbind::mock::detail {

/// The largest request body a connection reads, but for a form's.
inline constexpr std::uint64_t max_body_size = 1024 * 1024;

/// A request body as the mock reads it: a `multipart/form-data` body with a boundary is read
/// into a `form_parser` as it arrives, of any size in bounded memory (uploads of gigabytes);
/// any other is kept whole as text, up to `max_body_size`.
struct request_body {
    struct value_type {
        std::string text;
        std::optional<form_parser> form; ///< a form's parts, for a multipart/form-data request
    };

    class reader {
    public:
        // The parser makes its reader before it reads the head: the head is looked at in `init`.
        template <bool IsRequest, class Fields>
        reader(boost::beast::http::header<IsRequest, Fields>& head, value_type& body)
            : head_(&head), content_type_([](const void* h) {
                  const auto v = (*static_cast<const boost::beast::http::header<IsRequest, Fields>*>(h))
                      [boost::beast::http::field::content_type];
                  return std::string_view(v.data(), v.size());
              }),
              body_(body)
        {
        }

        void init(const boost::optional<std::uint64_t>& length, boost::system::error_code& ec)
        {
            ec = {};
            if (auto boundary = form_boundary_of(content_type_(head_)))
                body_.form.emplace(*boundary);
            if (!body_.form && length && *length > max_body_size)
                ec = boost::beast::http::error::body_limit;
        }

        template <class ConstBufferSequence>
        std::size_t put(const ConstBufferSequence& buffers, boost::system::error_code& ec)
        {
            ec = {};
            std::size_t taken = 0;
            for (const boost::asio::const_buffer b : boost::beast::buffers_range_ref(buffers)) {
                const std::string_view bytes(static_cast<const char*>(b.data()), b.size());
                if (body_.form) {
                    body_.form->feed(bytes);
                } else if (body_.text.size() + bytes.size() > max_body_size) {
                    ec = boost::beast::http::error::body_limit;
                    return taken;
                } else {
                    body_.text.append(bytes);
                }
                taken += bytes.size();
            }
            return taken;
        }

        void finish(boost::system::error_code& ec)
        {
            ec = {};
            if (body_.form)
                body_.form->finish();
        }

    private:
        const void* head_;
        std::string_view (*content_type_)(const void* head);
        value_type& body_;
    };
};

using http_request = boost::beast::http::request<request_body>;
using http_response = boost::beast::http::response<reply_body>;

/// Answers one request, on the listener's thread. It must not throw.
using request_handler = std::function<http_response(const http_request&)>;

/// Answers a request refused before it could be read whole, with the status (400, 413, 414
/// or 431) and a message saying why, on the listener's thread. It must not throw.
using refusal_handler = std::function<http_response(boost::beast::http::status, const std::string& message)>;

/// The largest request head (request line and header fields) a connection reads: tokens may
/// be 32,768 characters (HSS), and a query or header beyond Beast's default 8 KiB is no
/// reason to drop a connection.
inline constexpr std::size_t max_head_size = 64 * 1024;

/// How many connections a listener serves, and what it does when accepting fails.
struct listener_limits {
    /// Connections served at once, at least 1. At the cap, further clients wait in the
    /// listen backlog; when one is waiting, the connection idle the longest is closed to make
    /// room for it.
    std::size_t max_connections = 256;

    /// How long to wait before accepting again after `accept` failed (out of file
    /// descriptors, EMFILE or ENFILE, or of memory), instead of retrying at once: the pending
    /// connection keeps the socket readable, so retrying at once spins.
    std::chrono::milliseconds accept_retry_delay{100};

    /// Told of each failure of `accept`, on the listener's thread; may be empty. It must not
    /// throw.
    std::function<void(const boost::system::error_code&)> on_accept_error;
};

class listener;

/// One connection: requests read and answered in turn until the client closes it, asks to
/// close it, stays idle too long, or sends a request that is refused (too large, or not
/// HTTP/1.1: answered, then closed).
class session : public std::enable_shared_from_this<session> {
public:
    inline session(boost::asio::ip::tcp::socket socket, listener& owner);
    inline ~session();

    session(const session&) = delete;
    session& operator=(const session&) = delete;

    void start() { read(); }

    /// Whether the connection waits for a request of which nothing has arrived yet, so that
    /// closing it loses nothing.
    bool idle()
    {
        boost::system::error_code ec;
        return reading_ && !parser_->got_some() && buffer_.size() == 0 && stream_.socket().available(ec) == 0 &&
               !ec;
    }

    /// The order in which connections became idle: the smallest has waited the longest.
    std::uint64_t idle_order() const noexcept { return idle_order_; }

    /// Closes the connection; its pending read ends, and the session with it.
    void close_now() { stream_.close(); }

private:
    friend class listener;

    // A client may keep an idle connection open this long; after a refusal, what it still
    // sends is read and dropped for at most this long.
    static constexpr std::chrono::seconds idle_timeout{60};
    static constexpr std::chrono::seconds linger_timeout{5};

    inline void read();

    void on_read(boost::beast::error_code ec)
    {
        reading_ = false;
        if (ec) {
            if (auto refusal = refusal_of(ec))
                refuse(refusal->first, refusal->second);
            else
                close();
            return;
        }
        response_ = call_handler();
        response_.keep_alive(parser_->get().keep_alive());
        write(false);
    }

    // Why a failed read is refused with a reply; none when there is nobody to answer (the
    // client closed or reset the connection, or the read timed out).
    std::optional<std::pair<boost::beast::http::status, std::string>> refusal_of(boost::beast::error_code ec) const
    {
        namespace http = boost::beast::http;
        if (ec.category() != http::make_error_code(http::error::end_of_stream).category())
            return std::nullopt;
        switch (static_cast<http::error>(ec.value())) {
        case http::error::end_of_stream:
        case http::error::partial_message: return std::nullopt;
        case http::error::header_limit:
            // Beast parses the request line as soon as it is whole: with no target yet, the
            // request line alone did not fit.
            if (parser_->get().target().empty())
                return std::make_pair(http::status::uri_too_long, "The request line is longer than the " +
                                                                      std::to_string(max_head_size) +
                                                                      " bytes the server reads of a request's head");
            return std::make_pair(http::status::request_header_fields_too_large,
                                  "The request's header fields are larger than the " + std::to_string(max_head_size) +
                                      " bytes the server reads of a request's head");
        case http::error::body_limit:
            return std::make_pair(http::status::payload_too_large,
                                  "The request body is larger than the " + std::to_string(max_body_size) +
                                      " bytes the server reads");
        default: return std::make_pair(http::status::bad_request, "The request is not valid HTTP/1.1: " + ec.message());
        }
    }

    inline http_response call_handler();
    inline http_response call_refusal_handler(boost::beast::http::status status, const std::string& message);

    void refuse(boost::beast::http::status status, const std::string& message)
    {
        response_ = call_refusal_handler(status, message);
        response_.keep_alive(false);
        write(true);
    }

    void write(bool refused)
    {
        // A chunked body says so already; any other gets its Content-Length.
        if (!response_.chunked())
            response_.prepare_payload();
        boost::beast::http::async_write(
            stream_, response_, [self = shared_from_this(), refused](boost::beast::error_code ec, std::size_t) {
                if (refused && !ec)
                    self->linger();
                else if (ec || !self->response_.keep_alive())
                    self->close();
                else
                    self->read();
            });
    }

    // After a refusal the client may still be sending (the rest of a 1 MB header field):
    // closing with unread data would reset the connection, and the reset can destroy the
    // refusal before the client reads it. So the sending side is closed, and what arrives is
    // read and dropped until the client closes too or `linger_timeout` has passed.
    void linger()
    {
        close();
        buffer_.clear();
        stream_.expires_after(linger_timeout); // once: a bound on the whole drain
        drain();
    }

    void drain()
    {
        stream_.async_read_some(buffer_.prepare(16 * 1024),
                                [self = shared_from_this()](boost::beast::error_code ec, std::size_t) {
                                    if (!ec)
                                        self->drain();
                                });
    }

    void close()
    {
        boost::beast::error_code ignored;
        stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    }

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<request_body>> parser_;
    http_response response_;
    listener* owner_;
    std::optional<std::list<session*>::iterator> slot_; // in the owner's connections, while counted
    bool reading_ = false;
    std::uint64_t idle_order_ = 0;
};

/// Listens on an address (127.0.0.1 by default) and serves each connection with a `session`, on a thread it owns,
/// until `stop()` or destruction. At most `listener_limits::max_connections` connections are
/// served at once.
class listener {
public:
    /// Listens on `address`:`port` (an IPv4 or IPv6 literal; port 0: one the system picks)
    /// and starts serving.
    ///
    /// \throws boost::system::system_error when `address` is not an IP address or the port
    /// cannot be bound; std::invalid_argument when `limits.max_connections` is 0.
    listener(const std::string& address, std::uint16_t port, listener_limits limits, request_handler on_request,
             refusal_handler on_refusal)
        : limits_(std::move(limits)),
          on_request_(std::move(on_request)),
          on_refusal_(std::move(on_refusal)),
          io_(std::make_unique<io>())
    {
        if (limits_.max_connections == 0)
            throw std::invalid_argument("hwbind::mock: max_connections must be at least 1");
        const boost::asio::ip::tcp::endpoint at(boost::asio::ip::make_address(address), port);
        io_->acceptor.open(at.protocol());
        io_->acceptor.set_option(boost::asio::socket_base::reuse_address(true));
        io_->acceptor.bind(at);
        io_->acceptor.listen();
        port_ = io_->acceptor.local_endpoint().port();
        accept();
        thread_ = std::thread([context = &io_->context] { context->run(); });
    }

    listener(const listener&) = delete;
    listener& operator=(const listener&) = delete;

    ~listener() { stop(); }

    /// The port listened on.
    std::uint16_t port() const noexcept { return port_; }

    /// The base URL a client on this host uses: `http://<address>:<port>`, the address in
    /// brackets when it is IPv6, and the loopback address when listening on every address.
    std::string url() const
    {
        boost::asio::ip::address a = io_->acceptor.local_endpoint().address();
        if (a.is_unspecified())
            a = a.is_v6() ? boost::asio::ip::address(boost::asio::ip::address_v6::loopback())
                          : boost::asio::ip::address(boost::asio::ip::address_v4::loopback());
        const std::string host = a.is_v6() ? '[' + a.to_string() + ']' : a.to_string();
        return "http://" + host + ':' + std::to_string(port_);
    }

    /// Stops serving: closes the listening socket and every connection, and joins the thread.
    /// Idempotent; not to be called concurrently with itself.
    void stop()
    {
        if (!thread_.joinable())
            return;
        io_->context.stop();
        thread_.join();
        stopping_ = true;
        // Destroying the context destroys the pending handlers, which own the sessions: their
        // sockets close with them, and so does the acceptor.
        io_.reset();
    }

private:
    friend class session;

    struct io {
        boost::asio::io_context context{1};
        boost::asio::ip::tcp::acceptor acceptor{context};
        boost::asio::steady_timer retry_timer{context};
    };

    // What the acceptor is doing; `waiting_for_slot`: nothing, until a connection ends or
    // becomes idle while a client waits.
    enum class accept_state { accepting, backing_off, waiting_for_client, waiting_for_slot };

    void accept()
    {
        if (stopping_)
            return;
        if (connections_.size() >= limits_.max_connections) {
            wait_for_client();
            return;
        }
        state_ = accept_state::accepting;
        io_->acceptor.async_accept([this](boost::beast::error_code ec, boost::asio::ip::tcp::socket socket) {
            if (ec == boost::asio::error::operation_aborted)
                return;
            if (ec) {
                // Asio retries the failures of one connection (ECONNABORTED) itself: what
                // reaches here lasts (EMFILE, ENFILE, ENOBUFS, ENOMEM), so wait before trying again.
                if (limits_.on_accept_error)
                    limits_.on_accept_error(ec);
                back_off();
                return;
            }
            std::make_shared<session>(std::move(socket), *this)->start();
            accept();
        });
    }

    void back_off()
    {
        state_ = accept_state::backing_off;
        io_->retry_timer.expires_after(limits_.accept_retry_delay);
        io_->retry_timer.async_wait([this](boost::beast::error_code ec) {
            if (ec != boost::asio::error::operation_aborted)
                accept();
        });
    }

    // At the cap: waits until a client is waiting in the backlog, then makes room for it by
    // closing the connection idle the longest, if any.
    void wait_for_client()
    {
        state_ = accept_state::waiting_for_client;
        io_->acceptor.async_wait(boost::asio::ip::tcp::acceptor::wait_read, [this](boost::beast::error_code ec) {
            if (ec == boost::asio::error::operation_aborted)
                return;
            if (ec) {
                back_off();
                return;
            }
            if (connections_.size() >= limits_.max_connections) {
                session* oldest = nullptr;
                for (session* s : connections_)
                    if (s->idle() && (!oldest || s->idle_order() < oldest->idle_order()))
                        oldest = s;
                if (!oldest) {
                    state_ = accept_state::waiting_for_slot;
                    return;
                }
                release(*oldest); // its descriptor is closed now, not when its handlers have run
                oldest->close_now();
            }
            accept();
        });
    }

    void enroll(session& s) { s.slot_ = connections_.insert(connections_.end(), &s); }

    void release(session& s)
    {
        if (!s.slot_)
            return;
        connections_.erase(*s.slot_);
        s.slot_.reset();
        if (state_ == accept_state::waiting_for_slot)
            accept();
    }

    void became_idle(session& s)
    {
        s.idle_order_ = next_idle_order_++;
        if (state_ == accept_state::waiting_for_slot && !stopping_)
            wait_for_client();
    }

    listener_limits limits_;
    request_handler on_request_;  // before io_: sessions point to these until io_ is gone
    refusal_handler on_refusal_;
    std::list<session*> connections_; // the connections counted against the cap
    std::uint64_t next_idle_order_ = 0;
    accept_state state_ = accept_state::accepting;
    bool stopping_ = false;
    std::unique_ptr<io> io_;
    std::uint16_t port_ = 0;
    std::thread thread_;
};

inline session::session(boost::asio::ip::tcp::socket socket, listener& owner)
    : stream_(std::move(socket)), owner_(&owner)
{
    owner.enroll(*this);
}

inline session::~session() { owner_->release(*this); }

inline void session::read()
{
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(max_head_size));
    parser_->body_limit(boost::none); // `request_body` limits what it keeps
    stream_.expires_after(idle_timeout);
    reading_ = true;
    owner_->became_idle(*this);
    boost::beast::http::async_read(stream_, buffer_, *parser_,
                                   [self = shared_from_this()](boost::beast::error_code ec, std::size_t) {
                                       self->on_read(ec);
                                   });
}

inline http_response session::call_handler() { return owner_->on_request_(parser_->get()); }

inline http_response session::call_refusal_handler(boost::beast::http::status status, const std::string& message)
{
    return owner_->on_refusal_(status, message);
}

} // namespace hwbind::mock::detail

#endif // HWBIND_MOCK_LISTENER_HPP

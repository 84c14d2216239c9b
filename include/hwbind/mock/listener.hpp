// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_MOCK_LISTENER_HPP
#define HWBIND_MOCK_LISTENER_HPP

/// \file
/// The HTTP side of the mock server: a listening socket on 127.0.0.1 and its HTTP/1.1
/// keep-alive connections (Boost.Beast), served on a thread of their own. It knows nothing
/// of operations: each request goes to a handler that returns the response.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

namespace hwbind::mock::detail {

using http_request = boost::beast::http::request<boost::beast::http::string_body>;
using http_response = boost::beast::http::response<boost::beast::http::string_body>;

/// Answers one request, on the listener's thread. It must not throw.
using request_handler = std::function<http_response(const http_request&)>;

/// One connection: requests read and answered in turn until the client closes it, asks to
/// close it, sends something that is not HTTP/1.1, or stays idle too long.
class session : public std::enable_shared_from_this<session> {
public:
    session(boost::asio::ip::tcp::socket socket, const request_handler& handler)
        : stream_(std::move(socket)), handler_(&handler)
    {
    }

    void start() { read(); }

private:
    // A client may keep an idle connection open this long; requests may be this large.
    static constexpr std::chrono::seconds idle_timeout{60};
    static constexpr std::uint64_t max_body_size = 1024 * 1024;

    void read()
    {
        parser_.emplace();
        parser_->body_limit(max_body_size);
        stream_.expires_after(idle_timeout);
        boost::beast::http::async_read(stream_, buffer_, *parser_,
                                       [self = shared_from_this()](boost::beast::error_code ec, std::size_t) {
                                           self->on_read(ec);
                                       });
    }

    void on_read(boost::beast::error_code ec)
    {
        if (ec) {
            close();
            return;
        }
        response_ = (*handler_)(parser_->get());
        response_.keep_alive(parser_->get().keep_alive());
        response_.prepare_payload();
        boost::beast::http::async_write(stream_, response_,
                                        [self = shared_from_this()](boost::beast::error_code write_ec, std::size_t) {
                                            self->on_write(write_ec);
                                        });
    }

    void on_write(boost::beast::error_code ec)
    {
        if (ec || !response_.keep_alive()) {
            close();
            return;
        }
        read();
    }

    void close()
    {
        boost::beast::error_code ignored;
        stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    }

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    http_response response_;
    const request_handler* handler_;
};

/// Listens on 127.0.0.1 and serves each connection with a `session`, on a thread it owns,
/// until `stop()` or destruction.
class listener {
public:
    /// Listens on 127.0.0.1:`port` (0: a port the system picks) and starts serving.
    ///
    /// \throws boost::system::system_error when the port cannot be bound.
    listener(std::uint16_t port, request_handler handler) : handler_(std::move(handler)), io_(std::make_unique<io>())
    {
        const boost::asio::ip::tcp::endpoint at(boost::asio::ip::address_v4::loopback(), port);
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

    /// Stops serving: closes the listening socket and every connection, and joins the thread.
    /// Idempotent; not to be called concurrently with itself.
    void stop()
    {
        if (!thread_.joinable())
            return;
        io_->context.stop();
        thread_.join();
        // Destroying the context destroys the pending handlers, which own the sessions: their
        // sockets close with them, and so does the acceptor.
        io_.reset();
    }

private:
    struct io {
        boost::asio::io_context context{1};
        boost::asio::ip::tcp::acceptor acceptor{context};
    };

    void accept()
    {
        io_->acceptor.async_accept([this](boost::beast::error_code ec, boost::asio::ip::tcp::socket socket) {
            if (ec == boost::asio::error::operation_aborted)
                return;
            if (!ec)
                std::make_shared<session>(std::move(socket), handler_)->start();
            accept();
        });
    }

    request_handler handler_; // before io_: sessions point to it until io_ is gone
    std::unique_ptr<io> io_;
    std::uint16_t port_ = 0;
    std::thread thread_;
};

} // namespace hwbind::mock::detail

#endif // HWBIND_MOCK_LISTENER_HPP

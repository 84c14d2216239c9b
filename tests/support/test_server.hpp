// An HTTP/1.1 server and an HTTP proxy for the transport and client tests, on 127.0.0.1 and
// an ephemeral port, each on its own threads (one per connection, synchronous Beast I/O).
// They count connections, can answer slowly, not at all, or close at chosen moments, and
// the server can speak TLS.
#ifndef HWBIND_TESTS_SUPPORT_TEST_SERVER_HPP
#define HWBIND_TESTS_SUPPORT_TEST_SERVER_HPP

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <openssl/ssl.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace hwbind::test {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

/// Accepts connections on 127.0.0.1 and serves each on its own thread; `stop()` (or the
/// derived destructor) unblocks and joins them all.
class listener {
public:
    listener(const listener&) = delete;
    listener& operator=(const listener&) = delete;
    virtual ~listener() = default;

    /// The port, chosen by the system.
    std::uint16_t port() const noexcept { return port_; }

    /// Connections accepted so far.
    std::size_t accepted() const noexcept { return accepted_; }

    /// Connections this side has finished with (closed, or seen closed).
    std::size_t closed() const noexcept { return closed_; }

    /// The most connections open at once so far (accepted and not yet finished with).
    std::size_t peak_open() const noexcept { return peak_open_; }

    /// Waits up to 5 s until `n` connections are closed; whether they are.
    bool wait_closed(std::size_t n) const
    {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (closed_ < n && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return closed_ >= n;
    }

    void stop()
    {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (stopping_)
                return;
            stopping_ = true;
            // shutdown() wakes a thread blocked in accept or recv on the socket; close() does not.
            ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
            for (const int fd : live_)
                ::shutdown(fd, SHUT_RDWR);
        }
        stopped_.notify_all();
        accept_thread_.join();
        for (std::thread& t : sessions_)
            t.join();
    }

protected:
    listener() : acceptor_(context_) {}

    /// Listens on `port`, or on one the system chooses when 0.
    void start(std::uint16_t port = 0)
    {
        acceptor_.open(tcp::v4());
        acceptor_.set_option(tcp::acceptor::reuse_address(true));
        acceptor_.bind(tcp::endpoint(net::ip::make_address_v4("127.0.0.1"), port));
        acceptor_.listen();
        port_ = acceptor_.local_endpoint().port();
        accept_thread_ = std::thread([this] { accept_loop(); });
    }

    /// Serves one accepted connection; returns when done with it.
    virtual void serve(tcp::socket& socket, std::size_t index) = 0;

    /// Registers `s` so that `stop()` unblocks it; false when stopping already.
    bool track(tcp::socket& s)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_)
            return false;
        live_.insert(s.native_handle());
        return true;
    }

    /// Unregisters and closes `s`.
    void close(tcp::socket& s)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        live_.erase(s.native_handle());
        boost::system::error_code ignored;
        s.close(ignored);
    }

    /// Sleeps for `d` unless `stop()` comes first; false when stopping.
    bool sleep_for(std::chrono::milliseconds d)
    {
        std::unique_lock<std::mutex> lock(mutex_);
        return !stopped_.wait_for(lock, d, [this] { return stopping_; });
    }

    /// Blocks until `stop()`.
    void wait_for_stop()
    {
        std::unique_lock<std::mutex> lock(mutex_);
        stopped_.wait(lock, [this] { return stopping_; });
    }

    net::io_context context_; // never run: all I/O here is synchronous

private:
    void accept_loop()
    {
        for (;;) {
            tcp::socket socket(context_);
            boost::system::error_code ec;
            acceptor_.accept(socket, ec);
            if (ec)
                return; // stop() shut the acceptor down
            const std::size_t index = ++accepted_;
            const std::size_t open = index - closed_;
            if (open > peak_open_)
                peak_open_ = open; // only this thread writes it
            sessions_.emplace_back([this, s = std::move(socket), index]() mutable {
                if (track(s))
                    serve(s, index);
                close(s);
                ++closed_;
            });
        }
    }

    tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
    std::thread accept_thread_;
    std::vector<std::thread> sessions_; // touched by the accept thread, then by stop()
    std::atomic<std::size_t> accepted_{0};
    std::atomic<std::size_t> closed_{0};
    std::atomic<std::size_t> peak_open_{0};
    std::mutex mutex_;
    std::condition_variable stopped_;
    std::set<int> live_;
    bool stopping_ = false;
};

/// Which request a handler answers.
struct request_info {
    std::size_t connection = 0; ///< 1 for the first connection accepted, and so on
    std::size_t nth = 0;        ///< 1 for the first request on its connection, and so on
};

/// What the server does with a request.
struct reply {
    response message{http::status::ok, 11};
    bool close_after = false;          ///< close the connection after the response, unannounced
    bool drop = false;                 ///< close the connection without answering
    bool stall = false;                ///< never answer; hold the connection until stopped
    std::chrono::milliseconds drip{0}; ///< send the response one byte per interval
};

/// A 200 response with `body`.
inline reply ok(std::string body)
{
    reply r;
    r.message.body() = std::move(body);
    return r;
}

/// An HTTP/1.1 server calling `handler` for each request; over TLS when given a context.
class test_server final : public listener {
public:
    using handler_type = std::function<reply(const request&, const request_info&)>;

    explicit test_server(handler_type handler, net::ssl::context* tls = nullptr)
        : handler_(std::move(handler)), tls_(tls)
    {
        start();
    }

    ~test_server() override { stop(); }

    /// Requests read so far.
    std::size_t requests() const noexcept { return requests_; }

    /// The last request read.
    request last_request() const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return last_request_;
    }

    /// The server name (SNI) of the last TLS handshake, empty when none was sent.
    std::string last_server_name() const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return last_server_name_;
    }

private:
    void serve(tcp::socket& socket, std::size_t index) override
    {
        if (tls_ == nullptr) {
            session(socket, index);
            return;
        }
        net::ssl::stream<tcp::socket&> stream(socket, *tls_);
        boost::system::error_code ec;
        stream.handshake(net::ssl::stream_base::server, ec);
        if (ec)
            return;
        const char* name = SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            last_server_name_ = name != nullptr ? name : "";
        }
        session(stream, index);
    }

    template <class Stream>
    void session(Stream& stream, std::size_t index)
    {
        boost::beast::flat_buffer buffer;
        for (std::size_t nth = 1;; ++nth) {
            request req;
            boost::system::error_code ec;
            http::read(stream, buffer, req, ec);
            if (ec)
                return;
            ++requests_;
            {
                std::lock_guard<std::mutex> lock(mutex_);
                last_request_ = req;
            }
            reply r = handler_(req, request_info{index, nth});
            if (r.drop)
                return;
            if (r.stall) {
                wait_for_stop();
                return;
            }
            if (!r.message.chunked() && !r.message.has_content_length())
                r.message.prepare_payload();
            if (r.drip.count() > 0) {
                std::ostringstream wire;
                wire << r.message;
                for (const char c : wire.str()) {
                    net::write(stream, net::buffer(&c, 1), ec);
                    if (ec || !sleep_for(r.drip))
                        return;
                }
            } else {
                http::write(stream, r.message, ec);
                if (ec)
                    return;
            }
            if (r.close_after || !r.message.keep_alive())
                return;
        }
    }

    handler_type handler_;
    net::ssl::context* tls_;
    std::atomic<std::size_t> requests_{0};
    mutable std::mutex mutex_;
    request last_request_;
    std::string last_server_name_;
};

/// An HTTP proxy to 127.0.0.1 only: `CONNECT host:port` (host `127.0.0.1` or `localhost`,
/// both meaning 127.0.0.1) opens a tunnel, an absolute-form request is forwarded. With a
/// `refuse` status it answers every request with that status instead.
class test_proxy final : public listener {
public:
    explicit test_proxy(http::status refuse = http::status::unknown) : refuse_(refuse) { start(); }

    ~test_proxy() override { stop(); }

    /// The request targets received, in order (`host:port` for CONNECT, else the URL).
    std::vector<std::string> targets() const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return targets_;
    }

    /// The `Proxy-Authorization` of each request received, in order (empty without one).
    std::vector<std::string> authorizations() const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return authorizations_;
    }

private:
    void serve(tcp::socket& client, std::size_t) override
    {
        boost::beast::flat_buffer buffer;
        for (;;) {
            request req;
            boost::system::error_code ec;
            http::read(client, buffer, req, ec);
            if (ec)
                return;
            const std::string target(req.target());
            {
                std::lock_guard<std::mutex> lock(mutex_);
                targets_.push_back(target);
                authorizations_.emplace_back(req[http::field::proxy_authorization]);
            }
            const std::string authority =
                req.method() == http::verb::connect ? target : target.substr(7, target.find('/', 7) - 7);
            const std::size_t colon = authority.rfind(':');
            const std::string host = authority.substr(0, colon);
            if (refuse_ != http::status::unknown || (host != "127.0.0.1" && host != "localhost") ||
                colon == std::string::npos) {
                response refusal{refuse_ != http::status::unknown ? refuse_ : http::status::forbidden, 11};
                refusal.keep_alive(false);
                refusal.prepare_payload();
                http::write(client, refusal, ec);
                return;
            }
            tcp::socket upstream(context_);
            const tcp::endpoint to(net::ip::make_address_v4("127.0.0.1"),
                                   static_cast<std::uint16_t>(std::stoi(authority.substr(colon + 1))));
            upstream.connect(to, ec);
            if (ec || !track(upstream))
                return;
            if (req.method() == http::verb::connect)
                tunnel(client, buffer, upstream);
            else
                forward(client, req, upstream);
            close(upstream);
            if (req.method() == http::verb::connect)
                return;
        }
    }

    // Answers 200, then copies bytes both ways until each side has closed.
    void tunnel(tcp::socket& client, boost::beast::flat_buffer& pending, tcp::socket& upstream)
    {
        boost::system::error_code ec;
        net::write(client, net::buffer(std::string_view("HTTP/1.1 200 Connection established\r\n\r\n")), ec);
        net::write(upstream, pending.data(), ec);
        if (ec)
            return;
        std::thread down([&] { copy(upstream, client); });
        copy(client, upstream);
        down.join();
    }

    static void copy(tcp::socket& from, tcp::socket& to)
    {
        char chunk[16384];
        boost::system::error_code ec;
        for (;;) {
            const std::size_t n = from.read_some(net::buffer(chunk), ec);
            if (ec)
                break;
            net::write(to, net::buffer(chunk, n), ec);
            if (ec)
                break;
        }
        to.shutdown(tcp::socket::shutdown_send, ec);
    }

    // Sends `req` upstream in origin form and relays the response.
    static void forward(tcp::socket& client, request req, tcp::socket& upstream)
    {
        const std::string target(req.target());
        req.target(target.substr(target.find('/', 7)));
        boost::system::error_code ec;
        http::write(upstream, req, ec);
        boost::beast::flat_buffer buffer;
        response res;
        http::read(upstream, buffer, res, ec);
        if (!ec)
            http::write(client, res, ec);
    }

    http::status refuse_;
    mutable std::mutex mutex_;
    std::vector<std::string> targets_;
    std::vector<std::string> authorizations_;
};

} // namespace hwbind::test

#endif // HWBIND_TESTS_SUPPORT_TEST_SERVER_HPP

// A server that misbehaves on purpose, for the fault-injection tests: on each connection it
// plays a script of raw bytes (after an optional TLS handshake and request), sent at once and
// then dripped, then closes the connection or holds it until the client closes it. Built on
// the listener of test_server.hpp.
#ifndef HWBIND_TESTS_SUPPORT_FAULT_SERVER_HPP
#define HWBIND_TESTS_SUPPORT_FAULT_SERVER_HPP

#include "test_server.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace hwbind::test {

/// What the fault server does on one connection, in this order.
struct fault_script {
    net::ssl::context* tls = nullptr;  ///< a TLS handshake with this server context; none when null
    bool read_request = true;          ///< read one request; else ignore what the client sends
    std::string bytes;                  ///< then send these at once
    std::string dripped;                ///< then these, one byte per `drip`
    std::chrono::milliseconds drip{10};
    bool hold = false;                  ///< then keep the connection until the client closes it
};

/// `status_line`, `headers` (each ending in CRLF), a `Content-Length` for `body` and `body`.
inline std::string raw_response(std::string_view status_line, std::string_view headers, std::string_view body)
{
    std::string out(status_line);
    out += "\r\n";
    out += headers;
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    out += body;
    return out;
}

class fault_server final : public listener {
public:
    /// The script of each connection, by its number (1 for the first); on `port` when given.
    explicit fault_server(std::function<fault_script(std::size_t connection)> script, std::uint16_t port = 0)
        : script_(std::move(script))
    {
        start(port);
    }

    ~fault_server() override { stop(); }

    /// The requests read so far.
    std::vector<request> received() const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return received_;
    }

private:
    void serve(tcp::socket& socket, std::size_t index) override
    {
        const fault_script script = script_(index);
        if (script.tls == nullptr) {
            play(socket, script);
            return;
        }
        net::ssl::stream<tcp::socket&> stream(socket, *script.tls);
        boost::system::error_code ec;
        stream.handshake(net::ssl::stream_base::server, ec);
        if (!ec)
            play(stream, script);
    }

    template <class Stream>
    void play(Stream& stream, const fault_script& script)
    {
        boost::system::error_code ec;
        if (script.read_request) {
            boost::beast::flat_buffer buffer;
            request req;
            http::read(stream, buffer, req, ec);
            if (ec)
                return;
            std::lock_guard<std::mutex> lock(mutex_);
            received_.push_back(std::move(req));
        }
        net::write(stream, net::buffer(script.bytes), ec);
        for (const char c : script.dripped) {
            if (ec || !sleep_for(script.drip))
                return;
            net::write(stream, net::buffer(&c, 1), ec);
        }
        // Closing with unread bytes would reset the connection and could destroy what was
        // sent before the client read it; holding also shows that the client closes.
        char byte = 0;
        while (!ec && script.hold)
            stream.read_some(net::buffer(&byte, 1), ec);
    }

    std::function<fault_script(std::size_t)> script_;
    mutable std::mutex mutex_;
    std::vector<request> received_;
};

} // namespace hwbind::test

#endif // HWBIND_TESTS_SUPPORT_FAULT_SERVER_HPP

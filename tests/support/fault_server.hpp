// A server that misbehaves on purpose, for the fault-injection tests: on each connection it
// plays a script of raw bytes (after an optional TLS handshake, answers to earlier requests,
// and a request), sent at once and then dripped, then closes the connection (or resets it),
// or holds it until the client closes it. Built on the listener of test_server.hpp.
#ifndef HWBIND_TESTS_SUPPORT_FAULT_SERVER_HPP
#define HWBIND_TESTS_SUPPORT_FAULT_SERVER_HPP

#include "test_server.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace hwbind::test {

/// What the fault server does on one connection, in this order.
struct fault_script {
    net::ssl::context* tls = nullptr;  ///< a TLS handshake with this server context; none when null
    std::vector<std::string> answers;  ///< read a request and send each of these, keeping the connection
    bool read_request = true;          ///< read one request; else ignore what the client sends
    std::string bytes;                  ///< then send these at once
    std::string dripped;                ///< then these, one byte per `drip`
    std::chrono::milliseconds drip{10};
    std::shared_future<void> end_when;  ///< then wait for this, when valid (the test's cue)
    bool hold = false;                  ///< then keep the connection until the client closes it
    bool reset = false;                 ///< end with a reset (RST) rather than a close (FIN)
};

/// A response to the client's first requests on a keep-alive connection: `status_line` and
/// an empty JSON object.
inline std::string keep_alive_answer(std::string_view status_line)
{
    return std::string(status_line) + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
}

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
        boost::system::error_code ec;
        if (script.tls == nullptr) {
            play(socket, script);
        } else {
            net::ssl::stream<tcp::socket&> stream(socket, *script.tls);
            stream.handshake(net::ssl::stream_base::server, ec);
            if (!ec)
                play(stream, script);
        }
        // A zero linger time makes the listener's close send a reset.
        if (script.reset)
            socket.set_option(net::socket_base::linger(true, 0), ec);
    }

    template <class Stream>
    void play(Stream& stream, const fault_script& script)
    {
        boost::system::error_code ec;
        boost::beast::flat_buffer buffer;
        for (const std::string& answer : script.answers) {
            if (!read_one(stream, buffer))
                return;
            net::write(stream, net::buffer(answer), ec);
            if (ec)
                return;
        }
        if (script.read_request && !read_one(stream, buffer))
            return;
        net::write(stream, net::buffer(script.bytes), ec);
        for (const char c : script.dripped) {
            if (ec || !sleep_for(script.drip))
                return;
            net::write(stream, net::buffer(&c, 1), ec);
        }
        while (!ec && script.end_when.valid() &&
               script.end_when.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            if (!sleep_for(std::chrono::milliseconds(1)))
                return;
        }
        // Closing with unread bytes would reset the connection and could destroy what was
        // sent before the client read it; holding also shows that the client closes.
        char byte = 0;
        while (!ec && script.hold)
            stream.read_some(net::buffer(&byte, 1), ec);
    }

    // Reads a request and records it; false when the client closed or the read failed.
    template <class Stream>
    bool read_one(Stream& stream, boost::beast::flat_buffer& buffer)
    {
        boost::system::error_code ec;
        request req;
        http::read(stream, buffer, req, ec);
        if (ec)
            return false;
        std::lock_guard<std::mutex> lock(mutex_);
        received_.push_back(std::move(req));
        return true;
    }

    std::function<fault_script(std::size_t)> script_;
    mutable std::mutex mutex_;
    std::vector<request> received_;
};

} // namespace hwbind::test

#endif // HWBIND_TESTS_SUPPORT_FAULT_SERVER_HPP

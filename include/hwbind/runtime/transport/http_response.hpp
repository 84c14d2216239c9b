// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_HTTP_RESPONSE_HPP
#define HWBIND_RUNTIME_TRANSPORT_HTTP_RESPONSE_HPP

/// \file
/// A response as the transport reads it: status, headers and body, nothing decoded; and
/// whether the request may have reached the server.

#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/transport/body_sink.hpp>

#include <string>

namespace hwbind {

/// The final response to a request.
///
/// Header fields that repeat are joined into one, their values separated by `", "` (RFC 9110
/// §5.3). The body is decoded from chunked transfer coding but otherwise as sent.
struct http_response {
    /// The status code, e.g. 200.
    unsigned status = 0;

    /// The header fields, names compared without regard to case.
    header_list headers;

    /// The body, unless `sink` took it.
    std::string body;

    /// Where the body goes instead of `body`, when it accepts the response (a download);
    /// none by default. Set by the caller before the exchange, borrowed until it completes,
    /// and kept by `clear`.
    body_sink* sink = nullptr;

    /// Whether any byte of the request may have reached the server. False when the transport
    /// can prove none did: the name did not resolve, the connection, proxy tunnel or TLS
    /// handshake failed, or no byte was taken by a connection (one the server had closed,
    /// found so by the first write). The client's retry rule for POST and PATCH reads it.
    bool request_sent = false;

    /// Empties the response but its `sink`, keeping its buffers: a response object reused across calls
    /// stops allocating once it has seen the largest response.
    void clear() noexcept
    {
        status = 0;
        request_sent = false;
        headers.clear();
        body.clear();
    }
};

} // namespace hwbind

#endif // HWBIND_RUNTIME_TRANSPORT_HTTP_RESPONSE_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_BODY_SINK_HPP
#define HWBIND_RUNTIME_TRANSPORT_BODY_SINK_HPP

/// \file
/// Where a response body goes when it must not be held in memory (a download): the
/// transport hands it over piece by piece as it is read.

#include <boost/system/error_code.hpp>

#include <string_view>

namespace hwbind {

struct http_response;

/// Receives the body of a response in pieces, in place of `http_response::body`. The
/// transport asks it, once the head of the final response is read, whether it takes that
/// response's body (a client takes a success, and lets an error body be read into memory to
/// be decoded); if it does, each piece of the body (de-chunked) goes to `write` as it
/// arrives, bounded by `transport_options::max_binary_body` instead of `max_response_body`.
///
/// Called on the thread that reads the response (the caller's for a synchronous call, the
/// connection's strand for an asynchronous one), never concurrently.
class body_sink {
public:
    /// Whether the body of `head` (status and headers read, body empty) goes to `write`.
    virtual bool accept(const http_response& head) = 0;

    /// A piece of the body. Setting `ec` stops the read: the exchange fails with `ec` and
    /// the connection is closed.
    virtual void write(std::string_view piece, boost::system::error_code& ec) = 0;

protected:
    body_sink() = default;
    body_sink(const body_sink&) = default;
    body_sink& operator=(const body_sink&) = default;
    ~body_sink() = default; // never owned through this interface
};

} // namespace hwbind

#endif // HWBIND_RUNTIME_TRANSPORT_BODY_SINK_HPP

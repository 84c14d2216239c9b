// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_REQUEST_EVENT_HPP
#define HWBIND_RUNTIME_CLIENT_REQUEST_EVENT_HPP

/// \file
/// What a client reports of each attempt of each call, for logging, metrics and tracing.

#include <hwbind/meta/operation.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string_view>

namespace hwbind {

/// How a request was authenticated.
enum class auth_method : unsigned char {
    none,  ///< not at all: the operation takes no authentication
    aksk,  ///< signed with SDK-HMAC-SHA256 by an access key pair
    token, ///< an IAM token in the operation's token header
};

/// `none`, `aksk` or `token`.
constexpr std::string_view to_string(auth_method m) noexcept
{
    switch (m) {
    case auth_method::aksk: return "aksk";
    case auth_method::token: return "token";
    case auth_method::none: break;
    }
    return "none";
}

/// One attempt of one call, as the observability hook sees it.
///
/// The views point into the client's buffers and are valid only during the hook call: copy
/// what you keep. Nothing here holds a credential: the URL is the request's scheme, host,
/// path and query (credentials travel in headers, which are not reported).
struct request_event {
    std::string_view service;   ///< the service's name, e.g. `hss`
    std::string_view operation; ///< the operation's name, e.g. `list_jobs`
    meta::http_method method = meta::http_method::get;

    /// `scheme://host[:port]/path[?query]`, percent-encoded as sent.
    std::string_view url;

    /// The response status; 0 when no response arrived (a transport failure).
    unsigned status = 0;

    /// From the start of the attempt's exchange (signing included) to the end of the response.
    std::chrono::steady_clock::duration latency{};

    /// 1 for the first attempt of the call, 2 for the first retry, and so on.
    unsigned attempt = 1;

    /// The `X-Request-Id` response header; empty when there is none.
    std::string_view request_id;

    /// The outcome of the attempt: success, the transport's error, `error::api_error` for a
    /// non-2xx status, or the decoding error of a 2xx body.
    boost::system::error_code ec;

    /// How long the client waits before the next attempt; zero when `will_retry` is false.
    std::chrono::steady_clock::duration retry_delay{};

    /// Whether another attempt follows, after `retry_delay`.
    bool will_retry = false;

    /// How the request was authenticated. With credentials holding both an access key pair
    /// and an IAM token, the key pair signs when the operation accepts AK/SK: this says so.
    auth_method auth = auth_method::none;

    /// Where the credentials came from: `client_options::credentials_source` (such as
    /// `environment` or `profile`), or the provider's `source()` (`ecs_metadata`).
    std::string_view credential_source;

    /// How many values of the body lenient decoding left out (`decode_options::lenient`); the
    /// call's `diagnostics::warnings()` names them.
    std::size_t decode_warnings = 0;
};

/// The observability hook: called once per attempt, after its outcome is known.
///
/// It runs on the thread that completes the attempt (the caller's for synchronous calls, a
/// thread running the client's executor for asynchronous ones), possibly on several threads
/// at once when calls run concurrently, so it must be safe to call concurrently. It must not
/// throw, and it should return quickly: the call waits for it.
using request_hook = std::function<void(const request_event&)>;

} // namespace hwbind

#endif // HWBIND_RUNTIME_CLIENT_REQUEST_EVENT_HPP

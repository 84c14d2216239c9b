// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_DETAIL_ATTEMPT_HPP
#define HWBIND_RUNTIME_CLIENT_DETAIL_ATTEMPT_HPP

/// \file
/// The decisions at the end of one attempt of a call, without I/O: what kind of outcome it
/// was, whether another attempt follows and after what wait, and the message of a call that
/// failed. `call_exchange_base::end_attempt` strings them together.

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/client/retry.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hwbind::detail {

/// What an attempt came to, before its body is decoded.
enum class attempt_outcome : unsigned char {
    transport_failure, ///< no response: the transport's error
    success_no_body,   ///< a 2xx without a body to decode: 204, or the answer to HEAD
    success,           ///< a 2xx whose body decodes into the response model
    service_failure,   ///< any other status, redirects included (never followed: a signed request is for one host)
};

/// Any 2xx is success, as for the official SDKs: an operation that completed must not be
/// reported as failed (and perhaps repeated) for a status the spec did not list.
constexpr attempt_outcome classify_attempt(bool transport_failed, unsigned status, meta::http_method method) noexcept
{
    if (transport_failed)
        return attempt_outcome::transport_failure;
    if (status / 100 != 2)
        return attempt_outcome::service_failure;
    if (status == 204 || method == meta::http_method::head)
        return attempt_outcome::success_no_body;
    return attempt_outcome::success;
}

/// What an attempt tells the retry decision.
struct attempt_facts {
    meta::http_method method = meta::http_method::get;
    /// Whether any byte of the request may have reached the server (`http_response::request_sent`).
    bool request_sent = true;
    /// The transport's failure; none when a response arrived.
    boost::system::error_code transport_error;
    /// The status of the response; 0 without one.
    unsigned status = 0;
    /// The `Retry-After` header's value; empty without one.
    std::string_view retry_after;
    /// Attempts made, this one included.
    unsigned attempt = 1;
};

/// Whether another attempt follows, and the wait before it.
struct retry_plan {
    bool retry = false;
    std::chrono::milliseconds delay{0};
};

/// Whether a request that failed as `f` says may be sent again (the rule `retry_options`
/// documents). An idempotent request may, after a retryable transport failure or status. A
/// POST or PATCH may act twice: only when the transport proves no byte of it left, or when
/// the server answered 429 or 503, which say it did not act (502 and 504 come from a gateway
/// whose upstream may have).
inline bool may_send_again(const attempt_facts& f) noexcept
{
    const bool idempotent = meta::is_idempotent(f.method);
    if (f.transport_error)
        return is_retryable_transport_error(f.transport_error) && (idempotent || !f.request_sent);
    return idempotent ? is_retryable_status(f.status) : f.status == 429 || f.status == 503;
}

/// The retry decision after attempt `f.attempt`, with `options`: another attempt when the
/// request may be sent again and fewer than `max_attempts` were made; the wait, `Retry-After`
/// (read at `now`) or the jittered backoff drawn from `random`.
template <class Random>
retry_plan plan_retry(const attempt_facts& f, const retry_options& options, std::chrono::system_clock::time_point now,
                      Random& random)
{
    retry_plan plan;
    plan.retry = f.attempt < options.max_attempts && may_send_again(f);
    if (plan.retry) {
        std::optional<std::chrono::milliseconds> retry_after;
        if (!f.retry_after.empty())
            retry_after = parse_retry_after(f.retry_after, now);
        plan.delay = retry_delay(options, f.attempt, retry_after, random);
    }
    return plan;
}

/// The message of a call that failed for good: the request line and the transport's error
/// for a transport failure (else `message`, the service's error or the decoder's), and the
/// number of attempts when there were several.
inline std::string failure_message(meta::http_method method, std::string_view url,
                                   const boost::system::error_code& transport_error, std::string message,
                                   unsigned attempts)
{
    if (transport_error) {
        message.assign(meta::to_string(method));
        message += ' ';
        message.append(url);
        message += ": ";
        message += transport_error.message();
    }
    if (attempts > 1) {
        message += " (after ";
        message += std::to_string(attempts);
        message += " attempts)";
    }
    return message;
}

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_CLIENT_DETAIL_ATTEMPT_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_DETAIL_ATTEMPT_HPP
#define HWBIND_RUNTIME_CLIENT_DETAIL_ATTEMPT_HPP

/// \file
/// The decisions at the end of one attempt of a call, without I/O: what kind of outcome it
/// was, whether another attempt follows and after what wait, and the message of a call that
/// failed. `call_exchange_base::end_attempt` strings them together.

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/client/retry.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    /// The time left before the call's deadline (`client_options::call_timeout`); none
    /// without one.
    std::optional<std::chrono::steady_clock::duration> time_left;
};

/// Whether another attempt follows, and the wait before it.
struct retry_plan {
    bool retry = false;
    std::chrono::milliseconds delay{0};
    /// No retry because the wait before it (`Retry-After` or the backoff), which `delay`
    /// then holds, would end at or beyond the call's deadline.
    bool beyond_deadline = false;
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
/// request may be sent again, fewer than `max_attempts` were made, and the wait ends before
/// the call's deadline (`f.time_left`); the wait, `Retry-After` (read at `now`) or the
/// jittered backoff drawn from `random`. A wait that would reach the deadline is not waited
/// out: the call ends at once (`beyond_deadline`), rather than sleep into its deadline.
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
        if (f.time_left && plan.delay >= *f.time_left) {
            plan.retry = false;
            plan.beyond_deadline = true;
        }
    }
    return plan;
}

/// `d` in seconds as messages write it: `5 s`, `0.25 s`, `100000 s` (to the millisecond).
inline std::string seconds_text(std::chrono::steady_clock::duration d)
{
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
    std::string out = std::to_string(ms / 1000);
    if (const auto fraction = ms % 1000; fraction != 0) {
        std::string digits = std::to_string(fraction + 1000).substr(1); // three digits
        digits.erase(digits.find_last_not_of('0') + 1);
        out += '.';
        out += digits;
    }
    out += " s";
    return out;
}

/// `url`, or, when longer than `limit` characters, its first `limit` and `… (N more)`: a
/// message names the request without quoting a query of any size whole.
inline std::string bounded_url(std::string_view url, std::size_t limit = 256)
{
    std::string out(url.substr(0, limit));
    if (url.size() > limit) {
        out += "\u2026 (";
        out += std::to_string(url.size() - limit);
        out += " more)";
    }
    return out;
}

/// What the message of a transport failure names besides the error.
struct transport_failure_context {
    /// The host the certificate was checked against: the origin's.
    std::string_view origin_host;
    /// `host:port` of the first hop, which a connect timeout names: the proxy or the origin.
    std::string_view hop;
    /// Whether `hop` is a proxy.
    bool through_proxy = false;
    /// `transport_options::connect_timeout`.
    std::chrono::steady_clock::duration connect_timeout{};
    /// `client_options::call_timeout`, when its deadline, rather than one of the attempt,
    /// ended the attempt; zero otherwise.
    std::chrono::steady_clock::duration call_timeout{};
};

/// The reason of transport failure `ec`, as a message says it: a deadline says which and how
/// long it was (`connect timed out after 10 s to host:443`), a refused certificate which host
/// and why (`certificate verify failed for host: certificate has expired`), the rest as their
/// categories say.
inline std::string describe_transport_failure(const boost::system::error_code& ec,
                                              const transport_failure_context& c)
{
    std::string out;
    if (c.call_timeout != std::chrono::steady_clock::duration::zero() &&
        (ec == error::timeout || ec == error::connect_timeout)) {
        out = "call deadline expired: call_timeout is ";
        out += seconds_text(c.call_timeout);
    } else if (ec == error::connect_timeout) {
        out = "connect timed out after ";
        out += seconds_text(c.connect_timeout);
        out += c.through_proxy ? " to proxy " : " to ";
        out.append(c.hop);
    } else if (std::string_view(ec.category().name()) == "hwbind.certificate") {
        out = "certificate verify failed for ";
        out.append(c.origin_host);
        out += ": ";
        out += ec.message();
    } else {
        out = ec.message();
    }
    return out;
}

/// How one attempt ended, as the message of a failed call lists it: `HTTP 503`, or the
/// transport's reason (at most 120 characters).
inline std::string attempt_summary(unsigned status, const boost::system::error_code& ec, std::string_view reason)
{
    constexpr std::size_t limit = 120;
    std::string out;
    if (status != 0) {
        out = "HTTP " + std::to_string(status);
        if (ec && ec != error::api_error) {
            out += ": ";
            out += ec.message(); // a 2xx that did not decode
        }
    } else {
        out.assign(reason.substr(0, limit));
        if (reason.size() > limit)
            out += "\u2026";
    }
    return out;
}

/// The message of a call that failed for good: the request line (its URL bounded) and
/// `transport_reason` for a transport failure (else `message`, the service's error or the
/// decoder's); then `deadline_note` when the call's deadline ended it; then, when there were
/// several attempts, how each ended (`attempts`, in order; the first three and last two of
/// more than six), so that a message stays short whatever `max_attempts` is.
inline std::string failure_message(meta::http_method method, std::string_view url, std::string_view transport_reason,
                                   std::string message, std::string_view deadline_note,
                                   const std::vector<std::string>& attempts)
{
    if (!transport_reason.empty()) {
        message.assign(meta::to_string(method));
        message += ' ';
        message += bounded_url(url);
        message += ": ";
        message.append(transport_reason);
    }
    if (!deadline_note.empty()) {
        message += "; ";
        message.append(deadline_note);
    }
    if (attempts.size() > 1) {
        constexpr std::size_t listed_first = 3, listed_last = 2;
        const std::size_t n = attempts.size();
        message += " (after ";
        message += std::to_string(n);
        message += " attempts: ";
        for (std::size_t i = 0; i < n; ++i) {
            if (n > listed_first + listed_last + 1 && i == listed_first) {
                message += "\u2026 ";
                message += std::to_string(n - listed_first - listed_last);
                message += " more, ";
                i = n - listed_last - 1;
                continue;
            }
            message += std::to_string(i + 1);
            message += ". ";
            message += attempts[i];
            if (i + 1 < n)
                message += ", ";
        }
        message += ')';
    }
    return message;
}

/// The note of a call that ended without waiting for its next attempt, the wait of `plan`
/// reaching the deadline of `call_timeout`: `Retry-After: 100000` when the service asked for
/// the wait, else the backoff.
inline std::string beyond_deadline_note(const retry_plan& plan, std::string_view retry_after,
                                        std::chrono::steady_clock::duration call_timeout)
{
    std::string note = "not retried: the wait of ";
    note += seconds_text(plan.delay);
    if (!retry_after.empty()) {
        note += " (Retry-After: ";
        note.append(retry_after.substr(0, 40));
        note += ')';
    }
    note += " would end beyond the call deadline (call_timeout ";
    note += seconds_text(call_timeout);
    note += ')';
    return note;
}

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_CLIENT_DETAIL_ATTEMPT_HPP

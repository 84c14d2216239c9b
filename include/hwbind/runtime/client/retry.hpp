// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_RETRY_HPP
#define HWBIND_RUNTIME_CLIENT_RETRY_HPP

/// \file
/// When a client sends a request again, and how long it waits first: exponential backoff
/// with full jitter, `Retry-After` honoured, for requests that failed in a way a second
/// attempt can fix and that cannot act twice (see `retry_options`).

#include <hwbind/runtime/error.hpp>

#include <boost/asio/error.hpp>
#include <boost/system/error_code.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

namespace hwbind {

/// How a client retries.
///
/// A call is attempted again only when fewer than `max_attempts` attempts were made and the
/// attempt failed in a way a second one can fix, without making the service act twice:
/// - **GET, HEAD, PUT, DELETE** (idempotent: sending one twice has the effect of sending it
///   once) are sent again after HTTP 429, 502, 503 or 504, or a transport failure that a new
///   connection can fix: connection refused, reset or aborted, a broken pipe, the server
///   closing before a complete response (`error::connection_closed`), or a temporary name
///   resolution failure.
/// - **POST and PATCH** (not idempotent) are never sent again once any byte of them may have
///   reached the server: not after a reset or a close once the request was written (or its
///   write started), nor after a timeout waiting for the response, nor after 502 or 504 (a
///   gateway's upstream may have acted). They are sent again when they provably were not
///   sent: the connection was refused, or the name did not resolve for now, or the transport
///   found a pooled connection closed before any byte of the request was written
///   (`http_response::request_sent` false); and after 429 or 503, which say the service did
///   not act.
///
/// (The transport itself sends a request again, once, when a pooled keep-alive connection
/// proves closed by the server before any byte of a response: by the same rule, a POST or
/// PATCH only when no byte of it had been written. That is not an attempt of the client's.)
///
/// Never retried: `error::timeout` and `error::connect_timeout` (the deadlines bound each
/// attempt; retrying would make a call to a server that does not answer last `max_attempts`
/// deadlines), TLS failures such as an untrusted certificate or `error::tls_not_spoken`, `error::body_too_large`, `error::invalid_endpoint`,
/// `error::proxy_error`, an unknown host, cancellation, other statuses, and undecodable
/// bodies.
///
/// The wait before attempt `n + 1` is drawn uniformly from `[0, min(max_delay, base_delay *
/// 2^(n-1))]` ("full jitter", which spreads clients that failed together), or is that bound
/// itself without `jitter`. A `Retry-After` header on the failed response (delta-seconds or an
/// HTTP-date) replaces it, capped by `max_delay`. A wait that would reach the deadline of
/// the call (`client_options::call_timeout`) is not waited: the call ends at once.
struct retry_options {
    /// Attempts per call, the first included; 1 disables retries (0 counts as 1).
    unsigned max_attempts = 3;

    /// The bound of the first wait; it doubles with each further attempt.
    std::chrono::milliseconds base_delay{100};

    /// The longest wait, `Retry-After` included.
    std::chrono::milliseconds max_delay{20000};

    /// Draw each wait uniformly below its bound, rather than waiting the bound itself.
    bool jitter = true;
};

namespace detail {

/// Whether HTTP status `status` is worth another attempt: too many requests, or a gateway or
/// service that is temporarily unavailable.
constexpr bool is_retryable_status(unsigned status) noexcept
{
    return status == 429 || status == 502 || status == 503 || status == 504;
}

/// Whether transport failure `ec` is worth another attempt on a new connection.
inline bool is_retryable_transport_error(const boost::system::error_code& ec) noexcept
{
    namespace asio_error = boost::asio::error;
    return ec == error::connection_closed || ec == asio_error::connection_refused ||
           ec == asio_error::connection_reset || ec == asio_error::connection_aborted ||
           ec == asio_error::broken_pipe || ec == asio_error::eof || ec == asio_error::host_not_found_try_again;
}

/// Days from 1970-01-01 to the civil date `y-m-d` (Howard Hinnant's `days_from_civil`).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto year_of_era = static_cast<unsigned>(y - era * 400);
    const unsigned day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

/// Reads `n` decimal digits of `s` at `pos`; false when they are not all digits.
constexpr bool read_digits(std::string_view s, std::size_t pos, std::size_t n, unsigned& out) noexcept
{
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        out = out * 10 + static_cast<unsigned>(s[i] - '0');
    }
    return true;
}

/// The time an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7) names.
inline std::optional<std::chrono::system_clock::time_point> parse_imf_fixdate(std::string_view s) noexcept
{
    static constexpr std::string_view months = "JanFebMarAprMayJunJulAugSepOctNovDec";
    if (s.size() != 29 || s.substr(3, 2) != ", " || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' ||
        s[22] != ':' || s.substr(25) != " GMT")
        return std::nullopt;
    const std::size_t month_at = months.find(s.substr(8, 3));
    unsigned day = 0, year = 0, hour = 0, minute = 0, second = 0;
    if (month_at == std::string_view::npos || month_at % 3 != 0 || !read_digits(s, 5, 2, day) ||
        !read_digits(s, 12, 4, year) || !read_digits(s, 17, 2, hour) || !read_digits(s, 20, 2, minute) ||
        !read_digits(s, 23, 2, second) || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month_at / 3 + 1), day);
    return std::chrono::system_clock::time_point(std::chrono::duration_cast<std::chrono::system_clock::duration>(
        std::chrono::seconds(days * 86400 + hour * 3600 + minute * 60 + second)));
}

/// The wait a `Retry-After` value asks for at time `now`: delta-seconds, or an HTTP-date in
/// IMF-fixdate form (a date in the past asks for none). `nullopt` for anything else,
/// including the obsolete date forms, which senders must no longer generate.
inline std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                                  std::chrono::system_clock::time_point now) noexcept
{
    const std::size_t first = value.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return std::nullopt;
    value = value.substr(first, value.find_last_not_of(" \t") - first + 1);
    if (value.find_first_not_of("0123456789") == std::string_view::npos) {
        // Longer than a day is as good as forever here: every wait is capped by max_delay.
        constexpr std::uint64_t a_day = 86400;
        std::uint64_t seconds = 0;
        for (const char c : value)
            seconds = std::min(a_day, seconds * 10 + static_cast<unsigned>(c - '0'));
        return std::chrono::seconds(seconds);
    }
    const auto date = parse_imf_fixdate(value);
    if (!date)
        return std::nullopt;
    if (*date <= now)
        return std::chrono::milliseconds(0);
    return std::chrono::ceil<std::chrono::milliseconds>(*date - now);
}

/// The bound of the wait after `failed_attempts` failures: `base_delay * 2^(failed_attempts-1)`
/// capped by `max_delay`.
inline std::chrono::milliseconds backoff_bound(const retry_options& o, unsigned failed_attempts) noexcept
{
    auto bound = std::max(o.base_delay, std::chrono::milliseconds(0));
    for (unsigned i = 1; i < failed_attempts && bound < o.max_delay; ++i)
        bound *= 2;
    return std::min(bound, o.max_delay);
}

/// The generator of the waits' jitter: one per thread, so no lock, and threads retrying
/// together draw different waits.
inline std::minstd_rand& retry_random()
{
    thread_local std::minstd_rand generator{std::random_device{}()};
    return generator;
}

/// The wait before the next attempt after `failed_attempts` failures, the last of which said
/// `retry_after` (a `Retry-After` header's request, when it had one); the jitter drawn from
/// `random`.
template <class Random>
std::chrono::milliseconds retry_delay(const retry_options& o, unsigned failed_attempts,
                                      std::optional<std::chrono::milliseconds> retry_after, Random& random)
{
    const auto max_delay = std::max(o.max_delay, std::chrono::milliseconds(0));
    if (retry_after)
        return std::min(*retry_after, max_delay);
    const std::chrono::milliseconds bound = backoff_bound(o, failed_attempts);
    if (!o.jitter || bound.count() <= 0)
        return bound;
    std::uniform_int_distribution<std::chrono::milliseconds::rep> wait(0, bound.count());
    return std::chrono::milliseconds(wait(random));
}

} // namespace detail

} // namespace hwbind

#endif // HWBIND_RUNTIME_CLIENT_RETRY_HPP

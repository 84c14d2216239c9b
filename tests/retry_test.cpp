// The retry decision of the client without sockets (include/hwbind/runtime/client/retry.hpp
// and client/detail/attempt.hpp): `Retry-After` parsing, backoff bounds, which failures are
// worth another attempt, how an attempt is classified, the plan by method, whether the
// request may have reached the server, status, `Retry-After` and attempts, and the message of
// a call that failed for good. The same rule against a server is in fault_injection_test.cpp.
#include <hwbind/runtime/client/detail/attempt.hpp>
#include <hwbind/runtime/client/retry.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <vector>

using boost::system::error_code;
using hwbind::error;
using hwbind::meta::http_method;
using namespace std::chrono_literals;

namespace net = boost::asio;

namespace {

// 2015-10-21 07:28:00Z
const std::chrono::system_clock::time_point retry_now{std::chrono::seconds(1445412480)};

hwbind::retry_options fixed_waits()
{
    hwbind::retry_options r;
    r.max_attempts = 3;
    r.base_delay = 100ms;
    r.max_delay = 1000ms;
    r.jitter = false;
    return r;
}

hwbind::detail::retry_plan plan(const hwbind::detail::attempt_facts& f,
                                const hwbind::retry_options& o = fixed_waits())
{
    std::minstd_rand random(7);
    return hwbind::detail::plan_retry(f, o, retry_now, random);
}

hwbind::detail::attempt_facts answered(http_method method, unsigned status, unsigned attempt = 1)
{
    hwbind::detail::attempt_facts f;
    f.method = method;
    f.request_sent = true;
    f.status = status;
    f.attempt = attempt;
    return f;
}

hwbind::detail::attempt_facts failed(http_method method, error_code ec, bool sent)
{
    hwbind::detail::attempt_facts f;
    f.method = method;
    f.request_sent = sent;
    f.transport_error = ec;
    return f;
}

} // namespace

TEST_CASE("retry: Retry-After parsing")
{
    using hwbind::detail::parse_retry_after;
    const auto now = retry_now;
    CHECK(parse_retry_after("0", now) == 0ms);
    CHECK(parse_retry_after("1", now) == 1000ms);
    CHECK(parse_retry_after(" 120 ", now) == 120000ms);
    CHECK(parse_retry_after("\t7\t", now) == 7000ms);
    CHECK(parse_retry_after("99999999999999999999999", now) == std::chrono::milliseconds(std::chrono::hours(24)));
    CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:03 GMT", now) == 3000ms);
    CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:03 GMT", now + 2500ms) == 500ms);
    CHECK(parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now) == 0ms);
    CHECK(parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT", now) == 0ms);
    CHECK(parse_retry_after("Sat, 29 Feb 2020 00:00:00 GMT", now) ==
          std::chrono::milliseconds(std::chrono::seconds(1582934400 - 1445412480)));
    CHECK(parse_retry_after("Fri, 31 Dec 1999 23:59:59 GMT", now) == 0ms);
    CHECK(!parse_retry_after("", now));
    CHECK(!parse_retry_after("   ", now));
    CHECK(!parse_retry_after("soon", now));
    CHECK(!parse_retry_after("-1", now));
    CHECK(!parse_retry_after("1.5", now));
    CHECK(!parse_retry_after("1 2", now));
    CHECK(!parse_retry_after("Wed, 21 Oct 2015 07:28:03 UTC", now));
    CHECK(!parse_retry_after("Wed, 21 Foo 2015 07:28:03 GMT", now));
    CHECK(!parse_retry_after("Wed, 21 Oct 2015 24:28:03 GMT", now));
    CHECK(!parse_retry_after("Wed, 32 Oct 2015 07:28:03 GMT", now));
    CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:03 GMT ", now) == 3000ms); // blanks trimmed
    CHECK(!parse_retry_after("Wednesday, 21-Oct-15 07:28:03 GMT", now)); // obsolete RFC 850 form
    CHECK(!parse_retry_after("Wed Oct 21 07:28:03 2015", now));         // obsolete asctime form
}

TEST_CASE("retry: backoff bounds and waits")
{
    hwbind::retry_options r;
    r.base_delay = 100ms;
    r.max_delay = 1000ms;
    using hwbind::detail::backoff_bound;
    CHECK(backoff_bound(r, 1) == 100ms);
    CHECK(backoff_bound(r, 2) == 200ms);
    CHECK(backoff_bound(r, 4) == 800ms);
    CHECK(backoff_bound(r, 5) == 1000ms);
    CHECK(backoff_bound(r, 4000000000u) == 1000ms);

    using hwbind::detail::retry_delay;
    std::minstd_rand random(1);
    r.jitter = false;
    CHECK(retry_delay(r, 3, std::nullopt, random) == 400ms);
    CHECK(retry_delay(r, 3, 50ms, random) == 50ms);
    CHECK(retry_delay(r, 3, 5000ms, random) == 1000ms); // capped
    r.jitter = true;
    bool varied = false;
    for (int i = 0; i < 200; ++i) {
        const auto d = retry_delay(r, 3, std::nullopt, random);
        CHECK(d >= 0ms);
        CHECK(d <= 400ms);
        varied = varied || d != retry_delay(r, 3, std::nullopt, random);
    }
    CHECK(varied);
    CHECK(retry_delay(r, 3, 20ms, random) == 20ms); // Retry-After is not jittered
}

TEST_CASE("retry: which statuses and transport failures are worth another attempt")
{
    using hwbind::detail::is_retryable_status;
    for (unsigned s : {429u, 502u, 503u, 504u})
        CHECK(is_retryable_status(s));
    for (unsigned s : {200u, 302u, 400u, 401u, 403u, 404u, 500u, 501u})
        CHECK(!is_retryable_status(s));
    using hwbind::detail::is_retryable_transport_error;
    CHECK(is_retryable_transport_error(net::error::connection_refused));
    CHECK(is_retryable_transport_error(net::error::connection_reset));
    CHECK(is_retryable_transport_error(error::connection_closed));
    CHECK(!is_retryable_transport_error(error::timeout));
    CHECK(!is_retryable_transport_error(error::body_too_large));
    CHECK(!is_retryable_transport_error(error::invalid_endpoint));
    CHECK(!is_retryable_transport_error(error::proxy_error));
    CHECK(!is_retryable_transport_error(net::error::host_not_found));
    CHECK(!is_retryable_transport_error(net::error::operation_aborted));
    CHECK(!is_retryable_transport_error(error_code(net::ssl::error::unspecified_system_error)));
}

TEST_CASE("retry: an attempt's outcome")
{
    using hwbind::detail::attempt_outcome;
    using hwbind::detail::classify_attempt;
    CHECK(classify_attempt(true, 0, http_method::get) == attempt_outcome::transport_failure);
    CHECK(classify_attempt(true, 200, http_method::get) == attempt_outcome::transport_failure); // a partial response
    CHECK(classify_attempt(false, 200, http_method::get) == attempt_outcome::success);
    CHECK(classify_attempt(false, 201, http_method::post) == attempt_outcome::success);
    CHECK(classify_attempt(false, 299, http_method::get) == attempt_outcome::success);
    CHECK(classify_attempt(false, 204, http_method::delete_) == attempt_outcome::success_no_body);
    CHECK(classify_attempt(false, 200, http_method::head) == attempt_outcome::success_no_body);
    for (unsigned s : {101u, 199u, 302u, 304u, 400u, 429u, 500u, 503u})
        CHECK(classify_attempt(false, s, http_method::get) == attempt_outcome::service_failure);
}

TEST_CASE("retry: plans by method and status")
{
    // Idempotent methods: every retryable status.
    for (http_method m : {http_method::get, http_method::head, http_method::put, http_method::delete_}) {
        INFO(hwbind::meta::to_string(m));
        for (unsigned s : {429u, 502u, 503u, 504u})
            CHECK(plan(answered(m, s)).retry);
        for (unsigned s : {200u, 204u, 400u, 404u, 500u, 501u})
            CHECK(!plan(answered(m, s)).retry);
    }
    // POST and PATCH: only what says the service did not act.
    for (http_method m : {http_method::post, http_method::patch}) {
        INFO(hwbind::meta::to_string(m));
        CHECK(plan(answered(m, 429)).retry);
        CHECK(plan(answered(m, 503)).retry);
        for (unsigned s : {200u, 201u, 400u, 500u, 502u, 504u})
            CHECK(!plan(answered(m, s)).retry);
    }
}

TEST_CASE("retry: plans by transport failure and whether the request may have reached the server")
{
    const error_code retryable[] = {net::error::connection_refused, net::error::connection_reset,
                                    error::connection_closed, net::error::broken_pipe};
    const error_code never[] = {error::timeout, error::body_too_large, net::error::host_not_found,
                                net::error::operation_aborted};
    for (const error_code& ec : retryable) {
        INFO(ec.message());
        CHECK(plan(failed(http_method::get, ec, true)).retry);
        CHECK(plan(failed(http_method::put, ec, true)).retry);
        CHECK(plan(failed(http_method::get, ec, false)).retry);
        // A POST whose bytes may have reached the server is never sent again...
        CHECK(!plan(failed(http_method::post, ec, true)).retry);
        CHECK(!plan(failed(http_method::patch, ec, true)).retry);
        // ...one that provably did not leave is.
        CHECK(plan(failed(http_method::post, ec, false)).retry);
        CHECK(plan(failed(http_method::patch, ec, false)).retry);
    }
    for (const error_code& ec : never) {
        INFO(ec.message());
        CHECK(!plan(failed(http_method::get, ec, true)).retry);
        CHECK(!plan(failed(http_method::get, ec, false)).retry);
        CHECK(!plan(failed(http_method::post, ec, false)).retry);
    }
}

TEST_CASE("retry: plans by attempts, and their waits")
{
    hwbind::retry_options o = fixed_waits();
    CHECK(plan(answered(http_method::get, 503, 1), o).retry);
    CHECK(plan(answered(http_method::get, 503, 2), o).retry);
    CHECK(!plan(answered(http_method::get, 503, 3), o).retry);
    CHECK(plan(failed(http_method::post, net::error::connection_refused, false), o).retry);
    auto refused = failed(http_method::post, net::error::connection_refused, false);
    refused.attempt = 3;
    CHECK(!plan(refused, o).retry);
    o.max_attempts = 1;
    CHECK(!plan(answered(http_method::get, 503, 1), o).retry);
    o.max_attempts = 0; // counts as 1
    CHECK(!plan(answered(http_method::get, 503, 1), o).retry);

    // The backoff of the attempt, or the server's Retry-After, capped; no wait without a retry.
    o = fixed_waits();
    CHECK(plan(answered(http_method::get, 503, 1), o).delay == 100ms);
    CHECK(plan(answered(http_method::get, 503, 2), o).delay == 200ms);
    auto with_header = answered(http_method::get, 429, 1);
    with_header.retry_after = "0";
    CHECK(plan(with_header, o).delay == 0ms);
    with_header.retry_after = "Wed, 21 Oct 2015 07:28:00 GMT";
    CHECK(plan(with_header, o).delay == 0ms);
    with_header.retry_after = "3600";
    CHECK(plan(with_header, o).delay == 1000ms);
    with_header.retry_after = "soon"; // unreadable: the backoff
    CHECK(plan(with_header, o).delay == 100ms);
    with_header.attempt = 3;
    with_header.retry_after = "1";
    CHECK(plan(with_header, o).delay == 0ms); // no retry, no wait
    auto post_header = answered(http_method::post, 503, 1);
    post_header.retry_after = "Wed, 21 Oct 2015 07:28:00 GMT";
    CHECK(plan(post_header, o).retry);
    CHECK(plan(post_header, o).delay == 0ms);
}

TEST_CASE("retry: the message of a call that failed for good")
{
    using hwbind::detail::failure_message;
    using list = std::vector<std::string>;
    const std::string url = "https://hss.example.com/v5/p/kubernetes/jobs?limit=10";
    const std::string refused = error_code(net::error::connection_refused).message();
    CHECK(failure_message(http_method::get, url, refused, "", "", {}) == "GET " + url + ": " + refused);
    CHECK(failure_message(http_method::post, url, refused, "ignored", "", list{refused, refused, refused}) ==
          "POST " + url + ": " + refused + " (after 3 attempts: 1. " + refused + ", 2. " + refused + ", 3. " +
              refused + ")");
    CHECK(failure_message(http_method::get, url, "", "HTTP 503 X: busy", "", list{"HTTP 503", "HTTP 503"}) ==
          "HTTP 503 X: busy (after 2 attempts: 1. HTTP 503, 2. HTTP 503)");
    CHECK(failure_message(http_method::get, url, "", "HTTP 400 X: no", "", {}) == "HTTP 400 X: no");
    CHECK(failure_message(http_method::get, url, "", "HTTP 429 X: slow", "not retried: why", {}) ==
          "HTTP 429 X: slow; not retried: why");
}

TEST_CASE("retry: the message lists at most six attempts, however many were made")
{
    std::vector<std::string> attempts;
    for (int i = 1; i <= 100; ++i)
        attempts.push_back("HTTP 5" + std::to_string(i % 10) + std::to_string(i % 10));
    const std::string message = hwbind::detail::failure_message(http_method::get, "http://h", "", "HTTP 500 X", "", attempts);
    CHECK(message == "HTTP 500 X (after 100 attempts: 1. HTTP 511, 2. HTTP 522, 3. HTTP 533, \u2026 95 more, "
                     "99. HTTP 599, 100. HTTP 500)");
    std::vector<std::string> six(attempts.begin(), attempts.begin() + 6);
    CHECK(hwbind::detail::failure_message(http_method::get, "http://h", "", "m", "", six) ==
          "m (after 6 attempts: 1. HTTP 511, 2. HTTP 522, 3. HTTP 533, 4. HTTP 544, 5. HTTP 555, 6. HTTP 566)");
    // Each transport reason is cut short in the list.
    const std::string long_reason(500, 'r');
    CHECK(hwbind::detail::attempt_summary(0, net::error::connection_refused, long_reason) ==
          std::string(120, 'r') + "\u2026");
    CHECK(hwbind::detail::attempt_summary(503, error::api_error, "") == "HTTP 503");
    CHECK(hwbind::detail::attempt_summary(200, error::invalid_json, "") == "HTTP 200: invalid JSON");
}

TEST_CASE("retry: a failed request's message quotes a bounded prefix of its URL")
{
    const std::string url = "https://hss.example.com/v5/p/jobs?q=" + std::string(100000, 'x');
    const std::string message =
        hwbind::detail::failure_message(http_method::get, url, "Connection refused", "", "", {});
    CHECK(message == "GET " + url.substr(0, 256) + "\u2026 (" + std::to_string(url.size() - 256) +
                         " more): Connection refused");
    const std::string exactly(256, 'u');
    CHECK(hwbind::detail::bounded_url(exactly) == exactly);
}

TEST_CASE("retry: a wait that would reach the call deadline ends the call instead")
{
    auto limited = answered(http_method::get, 429, 1);
    limited.retry_after = "100000";
    limited.time_left = 5s;
    hwbind::retry_options o = fixed_waits();
    o.max_delay = 20s;
    const hwbind::detail::retry_plan beyond = plan(limited, o);
    CHECK_FALSE(beyond.retry);
    CHECK(beyond.beyond_deadline);
    CHECK(beyond.delay == 20s); // the wait it would have been: Retry-After capped by max_delay
    CHECK(hwbind::detail::beyond_deadline_note(beyond, limited.retry_after, 5s) ==
          "not retried: the wait of 20 s (Retry-After: 100000) would end beyond the call deadline (call_timeout 5 s)");

    limited.time_left = 21s;
    CHECK(plan(limited, o).retry);
    limited.retry_after = "";
    limited.time_left = 100ms; // the backoff of 100 ms reaches it
    CHECK(plan(limited, o).beyond_deadline);
    CHECK(hwbind::detail::beyond_deadline_note(plan(limited, o), "", 2500ms) ==
          "not retried: the wait of 0.1 s would end beyond the call deadline (call_timeout 2.5 s)");
    limited.time_left = 101ms;
    CHECK(plan(limited, o).retry);
    // Without a deadline, or when no retry was due anyway, nothing is beyond it.
    limited.time_left.reset();
    CHECK_FALSE(plan(limited, o).beyond_deadline);
    auto bad_request = answered(http_method::get, 400, 1);
    bad_request.time_left = 0ms;
    CHECK_FALSE(plan(bad_request, o).beyond_deadline);
}

TEST_CASE("retry: transport failures say which deadline, which host and why")
{
    using hwbind::detail::describe_transport_failure;
    hwbind::detail::transport_failure_context c;
    c.origin_host = "hss.example.com";
    c.hop = "hss.example.com:443";
    c.connect_timeout = 10s;
    CHECK(describe_transport_failure(error::connect_timeout, c) == "connect timed out after 10 s to hss.example.com:443");
    c.hop = "127.0.0.1:3128";
    c.through_proxy = true;
    c.connect_timeout = 250ms;
    CHECK(describe_transport_failure(error::connect_timeout, c) == "connect timed out after 0.25 s to proxy 127.0.0.1:3128");
    CHECK(describe_transport_failure(error::timeout, c) == "request deadline expired");
    c.call_timeout = 1500ms;
    CHECK(describe_transport_failure(error::timeout, c) == "call deadline expired: call_timeout is 1.5 s");
    CHECK(describe_transport_failure(error::connect_timeout, c) == "call deadline expired: call_timeout is 1.5 s");
    const error_code refused = net::error::connection_refused;
    CHECK(describe_transport_failure(refused, c) == refused.message());
    CHECK(describe_transport_failure(error::tls_not_spoken, c) == "TLS handshake failed: the server did not answer with TLS");
    CHECK(hwbind::detail::seconds_text(100000s) == "100000 s");
    CHECK(hwbind::detail::seconds_text(1050ms) == "1.05 s");
}

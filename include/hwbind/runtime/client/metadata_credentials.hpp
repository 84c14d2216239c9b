// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_METADATA_CREDENTIALS_HPP
#define HWBIND_RUNTIME_CLIENT_METADATA_CREDENTIALS_HPP

/// \file
/// Temporary credentials of an ECS instance's agency, from the instance metadata service
/// (huaweicloud-api.md §6), fetched with the client's transport and refreshed before they
/// expire.

#include <hwbind/meta/field.hpp>
#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/auth/credential_provider.hpp>
#include <hwbind/runtime/auth/credentials.hpp>
#include <hwbind/runtime/auth/signer.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>
#include <hwbind/runtime/transport/http_response.hpp>
#include <hwbind/runtime/transport/options.hpp>
#include <hwbind/runtime/transport/transport.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/describe/class.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/system_error.hpp>

#include <openssl/crypto.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace hwbind {

/// Where and how `ecs_metadata_credential_provider` asks for credentials.
struct ecs_metadata_options {
    /// The base URL of the metadata service. Tests point it at a local server.
    std::string endpoint = "http://169.254.169.254";

    /// Which id the credentials carry, `project_id` or `domain_id`: the metadata service
    /// gives neither (the SDKs look the project up with IAM, which hwbind does not do).
    auth::credential_scope scope = auth::credential_scope::basic;
    std::string project_id; ///< for `basic` credentials
    std::string domain_id;  ///< for `global` credentials

    /// Credentials are fetched again once they expire within this much: calls made in that
    /// window keep using the current ones while one of them fetches the next.
    std::chrono::seconds refresh_before = std::chrono::minutes(15);

    /// The lifetime asked for the metadata session token (`X-Metadata-Token-Ttl-Seconds`).
    std::chrono::seconds session_ttl = std::chrono::hours(6);

    /// The deadline of each request to the metadata service; it answers from the host, so a
    /// long wait means it is not there.
    std::chrono::steady_clock::duration timeout = std::chrono::seconds(5);

    /// The wall clock compared with `expires_at`; the system clock when empty. Called once
    /// per `get`, under the provider's lock.
    std::function<std::chrono::system_clock::time_point()> clock;
};

namespace detail {

// The body of `GET /openstack/latest/securitykey`, decoded by the codec like any model.
struct metadata_security_key {
    std::string access;
    std::string secret;
    std::string securitytoken;
    std::string expires_at;
};
BOOST_DESCRIBE_STRUCT(metadata_security_key, (), (access, secret, securitytoken, expires_at))
constexpr std::array<meta::field, 4> wire_fields(meta::tag<metadata_security_key>) noexcept
{
    return {meta::member("access").required(), meta::member("secret").required(),
            meta::member("securitytoken").required(), meta::member("expires_at").required()};
}

struct metadata_security_key_response {
    metadata_security_key credential;
};
BOOST_DESCRIBE_STRUCT(metadata_security_key_response, (), (credential))
constexpr std::array<meta::field, 1> wire_fields(meta::tag<metadata_security_key_response>) noexcept
{
    return {meta::member("credential").required()};
}

/// The time an ISO 8601 UTC date-time spells, as `expires_at` is written:
/// `YYYY-MM-DDTHH:MM:SS`, an optional fraction (dropped), then `Z` or `+HH:MM` / `-HH:MM`.
inline std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view text)
{
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') ||
        text[13] != ':' || text[16] != ':')
        return std::nullopt;
    // Rewritten as an `X-Sdk-Date` value, whose parser checks the fields.
    std::string compact;
    compact.append(text.substr(0, 4)).append(text.substr(5, 2)).append(text.substr(8, 2)).append(1, 'T');
    compact.append(text.substr(11, 2)).append(text.substr(14, 2)).append(text.substr(17, 2)).append(1, 'Z');
    std::optional<std::chrono::system_clock::time_point> t = auth::parse_sdk_date(compact);
    if (!t)
        return std::nullopt;
    std::string_view zone = text.substr(19);
    if (!zone.empty() && zone.front() == '.') {
        zone.remove_prefix(1);
        std::size_t digits = 0;
        while (digits < zone.size() && zone[digits] >= '0' && zone[digits] <= '9')
            ++digits;
        if (digits == 0)
            return std::nullopt;
        zone.remove_prefix(digits);
    }
    if (zone == "Z" || zone == "z")
        return t;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':')
        return std::nullopt;
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (!digit(zone[1]) || !digit(zone[2]) || !digit(zone[4]) || !digit(zone[5]))
        return std::nullopt;
    const std::chrono::minutes offset((zone[1] - '0') * 600 + (zone[2] - '0') * 60 + (zone[4] - '0') * 10 +
                                      (zone[5] - '0'));
    return zone[0] == '+' ? *t - offset : *t + offset;
}

/// Overwrites the bytes of `s` (a decoded secret's leftovers) before it is freed.
inline void wipe(std::string& s) noexcept
{
    OPENSSL_cleanse(s.data(), s.size());
    s.clear();
}

} // namespace detail

/// The temporary credentials of the ECS instance the program runs on, as the official SDKs
/// get them (huaweicloud-api.md §6): `PUT <endpoint>/meta-data/latest/api/token` with
/// `X-Metadata-Token-Ttl-Seconds` for a session token, then `GET
/// <endpoint>/openstack/latest/securitykey` with `X-Metadata-Token`, whose
/// `{"credential": {"access", "secret", "securitytoken", "expires_at"}}` are the AK, SK,
/// security token and expiry.
///
/// **Fetching** is lazy: the first `get` fetches, and the credentials are kept until they
/// expire within `refresh_before`. Then one caller fetches the next while the others keep
/// using the current ones (a failed refresh is tried again by a later call, while they are
/// valid). Once they have expired, or before the first fetch, callers wait for a single fetch
/// and share its outcome, success or failure: concurrent calls never send concurrent requests
/// to the metadata service. A fetch blocks the calling thread (an asynchronous call's
/// initiating thread) for at most two requests of `timeout` each.
///
/// **Errors**: the transport's error when the service cannot be reached, `error::api_error`
/// with the status for a status other than 200, and the codec's error for a body that is not
/// the documented one; `diag` says which request failed. The secret and the tokens are never
/// in a message, and their copies in the provider's buffers are wiped.
///
/// The requests go directly to `endpoint`, never through a proxy.
class ecs_metadata_credential_provider final : public auth::credential_provider {
public:
    /// \throws boost::system::system_error (`error::invalid_endpoint`) when `options.endpoint`
    /// is not an `http(s)://host[:port]` base URL.
    explicit ecs_metadata_credential_provider(ecs_metadata_options options)
        : options_(std::move(options)), transport_(context_.get_executor(), transport_options_of(options_))
    {
        if (auto ec = parse_endpoint(options_.endpoint, origin_))
            throw boost::system::system_error(ec, "ecs_metadata_options::endpoint");
    }

    std::string_view source() const noexcept override { return "ecs_metadata"; }

    boost::system::error_code get(std::shared_ptr<const auth::credentials>& out, diagnostics& diag) override
    {
        std::unique_lock<std::mutex> state(state_mutex_);
        // Noted first: a caller waits for, and shares, any fetch that completes after this.
        const std::uint64_t fetches_seen = fetches_;
        const auto now = options_.clock ? options_.clock() : std::chrono::system_clock::now();
        if (current_ && now < expires_ - options_.refresh_before) {
            out = current_;
            return {};
        }
        if (current_ && now < expires_) {
            // Within the refresh window the current credentials are still good: only a caller
            // that finds no fetch under way starts one, the others use them meanwhile. A
            // failed refresh is not the caller's failure; a later call tries again.
            std::unique_lock<std::mutex> refreshing(refresh_mutex_, std::try_to_lock);
            out = current_;
            if (!refreshing.owns_lock())
                return {};
            state.unlock();
            diagnostics ignored;
            if (!fetch_and_store(ignored)) {
                state.lock();
                out = current_;
            }
            return {};
        }
        // None yet, or expired: wait for the fetch under way, or make one.
        state.unlock();
        std::lock_guard<std::mutex> refreshing(refresh_mutex_);
        state.lock();
        if (fetches_ != fetches_seen) {
            // A fetch completed while this caller waited: share its outcome.
            if (last_error_) {
                diag.set_message(last_message_);
                return last_error_;
            }
            if (now < expires_) {
                out = current_;
                return {};
            }
        }
        state.unlock();
        const boost::system::error_code ec = fetch_and_store(diag);
        if (!ec) {
            state.lock();
            out = current_;
        }
        return ec;
    }

    /// When the credentials held now expire; none before the first fetch.
    std::optional<std::chrono::system_clock::time_point> expiry() const
    {
        std::lock_guard<std::mutex> lock(state_mutex_);
        return current_ ? std::optional(expires_) : std::nullopt;
    }

private:
    static transport_options transport_options_of(const ecs_metadata_options& o)
    {
        transport_options t;
        t.connect_timeout = o.timeout;
        t.request_timeout = o.timeout;
        t.max_response_body = 64 * 1024;
        t.idle_timeout = {}; // fetches are hours apart
        return t;                             // and no proxy: the service is on the host's link
    }

    /// One fetch, with `refresh_mutex_` held by the caller and `state_mutex_` not; stores the
    /// outcome for the callers waiting on it.
    boost::system::error_code fetch_and_store(diagnostics& diag)
    {
        auto creds = std::make_shared<auth::credentials>();
        std::chrono::system_clock::time_point expires;
        const boost::system::error_code ec = fetch(*creds, expires, diag);
        std::lock_guard<std::mutex> lock(state_mutex_);
        ++fetches_;
        last_error_ = ec;
        last_message_ = ec ? diag.message() : std::string();
        if (!ec) {
            current_ = std::move(creds);
            expires_ = expires;
        }
        return ec;
    }

    boost::system::error_code exchange(meta::http_method method, std::string_view path, std::string_view header,
                                       std::string_view value, diagnostics& diag)
    {
        prepared_request req;
        req.set_method(method);
        req.set_target(path, {});
        req.headers().set(header, value);
        boost::system::error_code ec;
        response_.clear();
        transport_.send(origin_, req, response_, ec);
        std::string what = "ECS metadata credentials: ";
        what.append(meta::to_string(method)).append(origin_.secure() ? " https://" : " http://");
        what.append(origin_.host_header()).append(path);
        if (ec) {
            diag.set_message(what + ": " + ec.message());
            return ec;
        }
        if (response_.status != 200) {
            detail::wipe(response_.body);
            diag.set_message(what + ": status " + std::to_string(response_.status));
            return error::api_error;
        }
        return {};
    }

    boost::system::error_code fetch(auth::credentials& out, std::chrono::system_clock::time_point& expires,
                                    diagnostics& diag)
    {
        if (auto ec = exchange(meta::http_method::put, "/meta-data/latest/api/token", "X-Metadata-Token-Ttl-Seconds",
                               std::to_string(options_.session_ttl.count()), diag))
            return ec;
        const auth::secret session_token(std::string(detail::trim_blanks(response_.body)));
        detail::wipe(response_.body);
        if (auto ec = exchange(meta::http_method::get, "/openstack/latest/securitykey", "X-Metadata-Token",
                               session_token.expose(), diag))
            return ec;
        detail::metadata_security_key_response body;
        boost::system::error_code ec = hwbind::decode(response_.body, body, diag);
        detail::wipe(response_.body);
        detail::metadata_security_key& key = body.credential;
        const std::optional<std::chrono::system_clock::time_point> expiry =
            ec ? std::nullopt : detail::parse_iso8601(key.expires_at);
        if (ec) {
            diag.set_message("ECS metadata credentials: the securitykey body: " + diag.message());
        } else if (!expiry) {
            diag.set_message("ECS metadata credentials: expires_at is not an ISO 8601 UTC time");
            ec = error::type_mismatch;
        } else if (key.access.empty() || key.secret.empty()) {
            diag.set_message("ECS metadata credentials: the securitykey body has an empty access or secret");
            ec = error::missing_field;
        } else {
            expires = *expiry;
            out.access_key = std::move(key.access);
            out.secret_key = auth::secret(std::move(key.secret));
            out.security_token = auth::secret(std::move(key.securitytoken));
            if (options_.scope == auth::credential_scope::basic)
                out.project_id = options_.project_id;
            else
                out.domain_id = options_.domain_id;
        }
        // What a move left behind (a short string's bytes stay in place), or what was not used.
        detail::wipe(key.secret);
        detail::wipe(key.securitytoken);
        return ec;
    }

    const ecs_metadata_options options_;
    endpoint origin_;
    boost::asio::io_context context_{1}; // the transport's executor; synchronous sends do not run it
    hwbind::transport transport_;
    http_response response_; // guarded by refresh_mutex_

    mutable std::mutex state_mutex_;
    std::shared_ptr<const auth::credentials> current_;
    std::chrono::system_clock::time_point expires_;
    std::uint64_t fetches_ = 0; // completed fetches, successful or not
    boost::system::error_code last_error_;
    std::string last_message_;

    std::mutex refresh_mutex_; // held for the whole of a fetch; taken before state_mutex_
};

} // namespace hwbind

#endif // HWBIND_RUNTIME_CLIENT_METADATA_CREDENTIALS_HPP

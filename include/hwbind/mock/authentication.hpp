// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_MOCK_AUTHENTICATION_HPP
#define HWBIND_MOCK_AUTHENTICATION_HPP

/// \file
/// The API gateway's checks of a received request: an SDK-HMAC-SHA256 signature verified
/// with the library's own signer (`auth::verify_signature`), or a token header compared with
/// the accepted token (huaweicloud-api.md §2).

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/auth/credentials.hpp>
#include <hwbind/runtime/auth/signer.hpp>
#include <hwbind/runtime/codec/detail/parameter_values.hpp>
#include <hwbind/runtime/codec/request.hpp>

#include <openssl/crypto.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hwbind::mock::detail {

/// The parts of an `Authorization: SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...`
/// value, viewing it.
struct authorization_parts {
    std::string_view access;
    std::string_view signed_headers;
    std::string_view signature;
};

/// The parts of an SDK-HMAC-SHA256 `Authorization` value; nothing when it is another scheme,
/// lacks a part, repeats one or has one the scheme does not define.
inline std::optional<authorization_parts> parse_authorization(std::string_view value)
{
    if (value.substr(0, auth::sdk_hmac_sha256.size()) != auth::sdk_hmac_sha256 ||
        value.substr(auth::sdk_hmac_sha256.size(), 1) != " ")
        return std::nullopt;
    value.remove_prefix(auth::sdk_hmac_sha256.size() + 1);
    std::optional<std::string_view> access, signed_headers, signature;
    while (!value.empty()) {
        const std::size_t comma = value.find(',');
        std::string_view item = value.substr(0, comma);
        value.remove_prefix(comma == std::string_view::npos ? value.size() : comma + 1);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        const std::size_t eq = item.find('=');
        if (eq == std::string_view::npos)
            return std::nullopt;
        const std::string_view key = item.substr(0, eq);
        std::optional<std::string_view>* slot = key == "Access"          ? &access
                                                : key == "SignedHeaders" ? &signed_headers
                                                : key == "Signature"     ? &signature
                                                                         : nullptr;
        if (slot == nullptr || slot->has_value())
            return std::nullopt;
        *slot = item.substr(eq + 1);
    }
    if (!access || !signed_headers || !signature)
        return std::nullopt;
    return authorization_parts{*access, *signed_headers, *signature};
}

/// Whether `a` and `b` are equal, in a time that does not depend on where they differ.
inline bool equal_secrets(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

/// Why the signature of `req` is not accepted; empty when it is.
inline std::string signature_failure(const prepared_request& req, std::string_view authorization,
                                     const auth::credentials& accepted, std::chrono::seconds max_clock_skew,
                                     std::chrono::system_clock::time_point now)
{
    const auto parts = parse_authorization(authorization);
    if (!parts)
        return "the Authorization header is not \"SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...\"";
    if (!accepted.has_aksk() || parts->access != accepted.access_key)
        return "unknown access key";
    const header_field* date = req.headers().find(auth::sdk_date_header);
    if (date == nullptr)
        return "no X-Sdk-Date header";
    const auto signed_at = auth::parse_sdk_date(date->value);
    std::string msg = "X-Sdk-Date ";
    if (!signed_at) {
        hwbind::detail::append_quoted(msg, date->value);
        return msg + " is not a UTC time of the form YYYYMMDDTHHMMSSZ";
    }
    if (*signed_at < now - max_clock_skew || *signed_at > now + max_clock_skew) {
        hwbind::detail::append_quoted(msg, date->value);
        return msg + " is more than " + std::to_string(max_clock_skew.count()) +
               " seconds away from the server's clock: the request expired";
    }
    bool date_signed = false;
    for (std::string_view names = parts->signed_headers; !names.empty();) {
        const std::size_t semicolon = names.find(';');
        const std::string_view name = names.substr(0, semicolon);
        names.remove_prefix(semicolon == std::string_view::npos ? names.size() : semicolon + 1);
        if (req.headers().find(name) == nullptr) {
            msg = "the signed header ";
            hwbind::detail::append_quoted(msg, name);
            return msg + " is not in the request";
        }
        date_signed = date_signed || header_list::equal_names(name, auth::sdk_date_header);
    }
    if (!date_signed)
        return "X-Sdk-Date is not signed";
    if (!auth::verify_signature(req, parts->signed_headers, accepted.secret_key.expose(), parts->signature))
        return "the signature does not match the request";
    return {};
}

/// Why `req` does not authenticate for an operation that accepts `schemes`, checked against
/// the credentials `accepted`; empty when it does.
///
/// With AK/SK accepted and an `Authorization` header, the signature decides: the access key
/// must be `accepted.access_key`; `X-Sdk-Date` must be signed, well formed and within
/// `max_clock_skew` of `now`; every listed header present; and the signature the one
/// `accepted.secret_key` gives. Otherwise, with tokens accepted, the token header must hold
/// `accepted.iam_token`. Messages never show a secret.
inline std::string authentication_failure(const prepared_request& req, const meta::auth_info& schemes,
                                          const auth::credentials& accepted, std::chrono::seconds max_clock_skew,
                                          std::chrono::system_clock::time_point now)
{
    const bool aksk = meta::accepts(schemes.schemes, meta::auth_scheme::aksk);
    const bool token = meta::accepts(schemes.schemes, meta::auth_scheme::token) && !schemes.token_header.empty();
    if (const header_field* h = req.headers().find("Authorization"); h != nullptr && aksk)
        return signature_failure(req, h->value, accepted, max_clock_skew, now);
    if (const header_field* h = req.headers().find(schemes.token_header); h != nullptr && token) {
        if (!accepted.has_token() || !equal_secrets(h->value, accepted.iam_token.expose()))
            return "the token is not valid";
        return {};
    }
    std::string msg = "the request has no ";
    if (aksk)
        msg += token ? "SDK-HMAC-SHA256 Authorization header and no " : "SDK-HMAC-SHA256 Authorization header";
    if (token) {
        msg.append(schemes.token_header);
        msg += " header";
    }
    return msg;
}

} // namespace hwbind::mock::detail

#endif // HWBIND_MOCK_AUTHENTICATION_HPP

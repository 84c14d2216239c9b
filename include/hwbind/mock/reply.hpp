// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_MOCK_REPLY_HPP
#define HWBIND_MOCK_REPLY_HPP

/// \file
/// What the mock server answers: a status and a JSON body, and the Huawei-style error bodies
/// of its failures (huaweicloud-api.md §3: `{"error_code": "...", "error_msg": "..."}`).

#include <hwbind/mock/binary_body.hpp>
#include <hwbind/runtime/codec/json_encode.hpp>

#include <optional>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hwbind::mock::detail {

/// A reply before it becomes HTTP: the server adds `Content-Type: application/json` (to a
/// reply with a JSON body) and an `X-Request-Id` to every one.
struct reply {
    unsigned status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; ///< further headers, by name
    std::optional<generated_bytes> generated; ///< a binary body, in place of `body`
    bool chunked = false;                     ///< the body is sent chunked, not with Content-Length
};

/// The error codes of the mock's own failures. The API gateway's codes where the gateway
/// fails a request (a request it cannot read, the route, the authentication, a failure of the
/// mock itself); for a request the service refuses, `<SERVICE>.0400` (`HSS.0400`), since each
/// service documents codes of its own.
inline constexpr std::string_view route_not_found_code = "APIGW.0101";
inline constexpr std::string_view bad_request_code = "APIGW.0201"; // not HTTP/1.1, or beyond the size limits
inline constexpr std::string_view unauthenticated_code = "APIGW.0301";
inline constexpr std::string_view forbidden_code = "APIGW.0302";
inline constexpr std::string_view internal_error_code = "APIGW.0500";

/// A reply with `status` and the body `{"error_code": code, "error_msg": message}`.
inline reply error_reply(unsigned status, std::string_view code, std::string_view message)
{
    reply r;
    r.status = status;
    r.body = "{\"error_code\":";
    hwbind::detail::append_json_string(r.body, code);
    r.body += ",\"error_msg\":";
    hwbind::detail::append_json_string(r.body, message);
    r.body += '}';
    return r;
}

/// The error code of a service's own failure with HTTP status `status`: the service's name
/// in upper case, a dot, and the status in four digits (`HSS.0400`, `SWR.0500`).
inline std::string service_error_code(std::string_view service, unsigned status)
{
    std::string code;
    for (const char c : service)
        code += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    code += ".0";
    code += std::to_string(status);
    return code;
}

} // namespace hwbind::mock::detail

#endif // HWBIND_MOCK_REPLY_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_API_ERROR_HPP
#define HWBIND_RUNTIME_CODEC_API_ERROR_HPP

/// \file
/// Typed errors from non-success responses. Services answer `{"error_code", "error_msg"}`
/// (sometimes with `encoded_authorization_message`), or `{"code", "message"}`, or either pair
/// nested one object deep (`{"error": {"code": ..., "message": ...}}`); a proxy in between may
/// answer with an HTML page. Every shape gives `error::api_error` and a one-line message.

#include <hwbind/runtime/error.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace hwbind {

namespace detail {

/// The start of `text` as one printable line of at most `max` bytes (plus "..." when cut):
/// control characters and runs of white space become one space, bytes that are not UTF-8
/// become '?', and a multi-byte character is never split.
inline std::string printable_excerpt(std::string_view text, std::size_t max = 200)
{
    std::string out;
    bool cut = false;
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = byte(i);
        std::size_t n = 1;
        bool control = c < 0x20 || c == 0x7f || c == ' ';
        bool valid = c < 0x80;
        if (!valid) {
            n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 1;
            valid = n > 1 && i + n <= text.size();
            for (std::size_t k = 1; valid && k < n; ++k)
                valid = (byte(i + k) & 0xc0) == 0x80;
            // RFC 3629 also excludes overlong forms (E0 80..9F, F0 80..8F), surrogates
            // (ED A0..BF) and code points past U+10FFFF (F4 90..BF).
            if (valid && n > 2) {
                const unsigned char second = byte(i + 1);
                valid = !(c == 0xe0 && second < 0xa0) && !(c == 0xed && second > 0x9f) &&
                        !(c == 0xf0 && second < 0x90) && !(c == 0xf4 && second > 0x8f);
            }
            control = valid && c == 0xc2 && byte(i + 1) < 0xa0; // U+0080..U+009F
            if (!valid)
                n = 1;
        }
        if (control) {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
            i += n;
            continue;
        }
        if (out.size() + n > max) {
            cut = true;
            break;
        }
        if (valid)
            out.append(text.data() + i, n);
        else
            out += '?';
        i += n;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    if (cut)
        out += "...";
    return out;
}

/// The text of member `key` of `o`: a string as is, a number as written.
inline std::optional<std::string> member_text(const boost::json::object& o, std::string_view key)
{
    const boost::json::value* v = o.if_contains(key);
    if (v == nullptr)
        return std::nullopt;
    if (const auto* s = v->if_string())
        return std::string(s->data(), s->size());
    if (v->is_number())
        return boost::json::serialize(*v);
    return std::nullopt;
}

/// Reads an error code and message from `o` itself; false when it has neither.
inline bool read_error_members(const boost::json::object& o, api_error_info& info)
{
    auto code = member_text(o, "error_code");
    if (!code)
        code = member_text(o, "code");
    auto msg = member_text(o, "error_msg");
    if (!msg)
        msg = member_text(o, "message");
    if (!code && !msg)
        return false;
    info.error_code = std::move(code).value_or(std::string());
    info.error_msg = std::move(msg).value_or(std::string());
    if (auto encoded = member_text(o, "encoded_authorization_message"))
        info.encoded_authorization_message = std::move(*encoded);
    return true;
}

enum class error_body_kind { pair_found, json_without_pair, not_json };

/// Fills the code, message and encoded message of `info` from `body`.
inline error_body_kind read_error_body(std::string_view body, api_error_info& info)
{
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(boost::json::string_view(body.data(), body.size()), ec);
    if (ec)
        return error_body_kind::not_json;
    const auto* o = v.if_object();
    if (o == nullptr)
        return error_body_kind::json_without_pair;
    if (read_error_members(*o, info))
        return error_body_kind::pair_found;
    for (const auto& member : *o) {
        const auto* inner = member.value().if_object();
        if (inner != nullptr && read_error_members(*inner, info))
            return error_body_kind::pair_found;
    }
    return error_body_kind::json_without_pair;
}

/// The parts of an API error, and the shape its body had.
inline std::pair<api_error_info, error_body_kind> read_api_error(int http_status, std::string_view body,
                                                                std::string_view request_id)
{
    std::pair<api_error_info, error_body_kind> result;
    api_error_info& info = result.first;
    info.http_status = http_status;
    info.request_id.assign(request_id.data(), request_id.size());
    info.body.assign(body.data(), body.size());
    result.second = read_error_body(body, info);
    return result;
}

/// The one-line message of an API error: `HTTP 400 SWR.0001: bad request (request id abc)`.
inline std::string api_error_message(const api_error_info& info, error_body_kind kind)
{
    std::string out = "HTTP " + std::to_string(info.http_status);
    if (kind == error_body_kind::pair_found) {
        if (!info.error_code.empty())
            out += ' ' + printable_excerpt(info.error_code);
        out += ": ";
        out += info.error_msg.empty() ? std::string("(no message)") : printable_excerpt(info.error_msg);
    } else if (printable_excerpt(info.body).empty()) {
        out += ": empty body";
    } else {
        out += kind == error_body_kind::not_json ? ": non-JSON body: " : ": ";
        out += printable_excerpt(info.body);
    }
    if (!info.request_id.empty())
        out += " (request id " + printable_excerpt(info.request_id) + ')';
    return out;
}

} // namespace detail

/// What a non-success response says: the status, the service's error code and message (from
/// any of the shapes services use), the request id and the raw body. Never fails: a body that
/// is not JSON leaves the code and message empty.
inline api_error_info parse_api_error(int http_status, std::string_view body, std::string_view request_id)
{
    return detail::read_api_error(http_status, body, request_id).first;
}

/// Reports a non-success response: returns `error::api_error`, and fills `diag` with the
/// `api_error_info` and a one-line message such as `HTTP 400 SWR.0001: bad request (request id
/// abc)`; for a body that is not JSON, the message holds the start of the body instead.
inline boost::system::error_code make_api_error(int http_status, std::string_view body, std::string_view request_id,
                                                diagnostics& diag)
{
    auto [info, kind] = detail::read_api_error(http_status, body, request_id);
    diag.clear();
    diag.set_message(detail::api_error_message(info, kind));
    diag.set_api_error(std::move(info));
    return error::api_error;
}

} // namespace hwbind

#endif // HWBIND_RUNTIME_CODEC_API_ERROR_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_DETAIL_REQUEST_WRITER_HPP
#define HWBIND_RUNTIME_TRANSPORT_DETAIL_REQUEST_WRITER_HPP

/// \file
/// The request head on the wire, written straight from a `prepared_request` into a reused
/// string: no intermediate header container, no allocation once the string has grown.

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/request.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>

#include <boost/system/error_code.hpp>

#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>

namespace hwbind::detail {

/// Whether `c` may appear in a header name (RFC 9110 §5.6.2 `tchar`).
constexpr bool is_token_char(char c) noexcept
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

/// Checks what the transport is about to put on the wire: a target without spaces or control
/// characters, header names that are tokens, values without CR, LF or NUL, and no framing
/// headers that contradict the body (the transport frames requests with `Content-Length`).
/// The request builder validates parameters already; this also covers headers added later,
/// such as signing, so that no value can smuggle a header or a second request.
inline boost::system::error_code check_request(const prepared_request& req) noexcept
{
    const boost::system::error_code invalid = error::invalid_header_value;
    const std::string_view target = req.target();
    if (target.empty() || target.front() != '/')
        return invalid;
    for (const char c : target) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            return invalid;
    }
    for (const header_field& h : req.headers()) {
        if (h.name.empty())
            return invalid;
        for (const char c : h.name) {
            if (!is_token_char(c))
                return invalid;
        }
        if (h.value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
            return invalid;
        if (header_list::equal_names(h.name, "Transfer-Encoding"))
            return invalid;
        if (header_list::equal_names(h.name, "Content-Length")) {
            std::size_t n = 0;
            const auto r = std::from_chars(h.value.data(), h.value.data() + h.value.size(), n);
            if (r.ec != std::errc() || r.ptr != h.value.data() + h.value.size() || n != req.body().size())
                return invalid;
        }
    }
    return {};
}

/// Appends `n` in decimal to `out`.
inline void append_decimal(std::string& out, std::size_t n)
{
    char digits[20];
    const auto r = std::to_chars(digits, digits + sizeof digits, n);
    out.append(digits, r.ptr);
}

/// Writes the head of `req` for `target` to `out`: the request line (in absolute form for a
/// plain-HTTP proxy), `Host` from the endpoint unless the request has one, the request's
/// headers as given, and `Content-Length` unless the request has one. `req` passed
/// `check_request`.
inline void write_request_head(std::string& out, const endpoint& target, bool absolute_form,
                               const prepared_request& req)
{
    out.clear();
    out.append(meta::to_string(req.method()));
    out += ' ';
    if (absolute_form) {
        out.append("http://");
        append_authority(out, target.host, target.port, target.port == target.default_port());
    }
    out.append(req.target());
    out.append(" HTTP/1.1\r\n");
    if (req.headers().find("Host") == nullptr) {
        out.append("Host: ");
        append_authority(out, target.host, target.port, target.port == target.default_port());
        out.append("\r\n");
    }
    for (const header_field& h : req.headers()) {
        out.append(h.name);
        out.append(": ");
        out.append(h.value);
        out.append("\r\n");
    }
    const meta::http_method m = req.method();
    const bool body_expected =
        m == meta::http_method::post || m == meta::http_method::put || m == meta::http_method::patch;
    if ((body_expected || !req.body().empty()) && req.headers().find("Content-Length") == nullptr) {
        out.append("Content-Length: ");
        append_decimal(out, req.body().size());
        out.append("\r\n");
    }
    out.append("\r\n");
}

/// Writes the `CONNECT` request opening a tunnel to `target` through a proxy.
inline void write_connect_head(std::string& out, const endpoint& target)
{
    out.assign("CONNECT ");
    append_authority(out, target.host, target.port, false);
    out.append(" HTTP/1.1\r\nHost: ");
    append_authority(out, target.host, target.port, false);
    out.append("\r\n\r\n");
}

/// Whether the request asks the server to close the connection after the response.
inline bool asks_to_close(const prepared_request& req) noexcept
{
    const header_field* h = req.headers().find("Connection");
    return h != nullptr && header_list::equal_names(h->value, "close");
}

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_TRANSPORT_DETAIL_REQUEST_WRITER_HPP

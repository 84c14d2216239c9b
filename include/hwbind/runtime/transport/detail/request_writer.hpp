// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_DETAIL_REQUEST_WRITER_HPP
#define HWBIND_RUNTIME_TRANSPORT_DETAIL_REQUEST_WRITER_HPP

/// \file
/// The request head on the wire, written straight from a `prepared_request` into a reused
/// string: no intermediate header container, no allocation once the string has grown.

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>

#include <boost/system/error_code.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace hwbind::detail {

/// What a byte may be on the request line and in header names, one table lookup per byte.
enum head_byte_class : unsigned char {
    token_byte = 1, ///< may appear in a header name (RFC 9110 §5.6.2 `tchar`)
    target_byte = 2 ///< may appear in the request target: no space or control character
};

constexpr std::array<unsigned char, 256> make_head_byte_classes() noexcept
{
    std::array<unsigned char, 256> t{};
    for (unsigned c = 0; c != 256; ++c) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos)
            t[c] |= token_byte;
        if (c > 0x20 && c != 0x7f)
            t[c] |= target_byte;
    }
    return t;
}

inline constexpr std::array<unsigned char, 256> head_byte_classes = make_head_byte_classes();

/// Whether every byte of `s` is of class `c`.
inline bool all_bytes_of(std::string_view s, head_byte_class c) noexcept
{
    for (const char ch : s) {
        if ((head_byte_classes[static_cast<unsigned char>(ch)] & c) == 0)
            return false;
    }
    return true;
}

/// Whether `s` holds CR, LF or NUL, which would end a header value early. Values can be
/// long (an IAM token is kilobytes): three `memchr` scans, which the C library vectorizes,
/// take a fraction of the instructions of one pass testing each byte (or word) for three values.
inline bool has_line_break_or_nul(std::string_view s) noexcept
{
    const char* p = s.data();
    const std::size_t n = s.size();
    return n != 0 && (std::memchr(p, '\r', n) != nullptr || std::memchr(p, '\n', n) != nullptr ||
                      std::memchr(p, '\0', n) != nullptr);
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
    if (target.empty() || target.front() != '/' || !all_bytes_of(target, target_byte))
        return invalid;
    for (const header_field& h : req.headers()) {
        if (h.name.empty() || !all_bytes_of(h.name, token_byte) || has_line_break_or_nul(h.value))
            return invalid;
        if (header_list::equal_names(h.name, "Transfer-Encoding"))
            return invalid;
        if (header_list::equal_names(h.name, "Content-Length")) {
            std::uint64_t n = 0;
            const auto r = std::from_chars(h.value.data(), h.value.data() + h.value.size(), n);
            if (r.ec != std::errc() || r.ptr != h.value.data() + h.value.size() || n != req.body_size())
                return invalid;
        }
    }
    return {};
}

/// Appends `n` in decimal to `out`.
inline void append_decimal(std::string& out, std::uint64_t n)
{
    char digits[20];
    const auto r = std::to_chars(digits, digits + sizeof digits, n);
    out.append(digits, r.ptr);
}

/// Writes the head of `req` for `target` to `out`: the request line (in absolute form for a
/// plain-HTTP proxy), `Host` from the endpoint unless the request has one, the request's
/// headers as given, and `Content-Length` unless the request has one; in absolute form,
/// `Proxy-Authorization` when `proxy_authorization` is not empty. `req` passed
/// `check_request`.
inline void write_request_head(std::string& out, const endpoint& target, bool absolute_form,
                               const prepared_request& req, std::string_view proxy_authorization = {})
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
    if (absolute_form && !proxy_authorization.empty()) {
        out.append("Proxy-Authorization: ");
        out.append(proxy_authorization);
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
    if ((body_expected || req.body_size() != 0) && req.headers().find("Content-Length") == nullptr) {
        out.append("Content-Length: ");
        append_decimal(out, req.body_size());
        out.append("\r\n");
    }
    out.append("\r\n");
}

/// Writes the `CONNECT` request opening a tunnel to `target` through a proxy, with
/// `Proxy-Authorization` when `proxy_authorization` is not empty.
inline void write_connect_head(std::string& out, const endpoint& target, std::string_view proxy_authorization = {})
{
    out.assign("CONNECT ");
    append_authority(out, target.host, target.port, false);
    out.append(" HTTP/1.1\r\nHost: ");
    append_authority(out, target.host, target.port, false);
    out.append("\r\n");
    if (!proxy_authorization.empty()) {
        out.append("Proxy-Authorization: ");
        out.append(proxy_authorization);
        out.append("\r\n");
    }
    out.append("\r\n");
}

/// Whether the request asks the server to close the connection after the response.
inline bool asks_to_close(const prepared_request& req) noexcept
{
    const header_field* h = req.headers().find("Connection");
    return h != nullptr && header_list::equal_names(h->value, "close");
}

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_TRANSPORT_DETAIL_REQUEST_WRITER_HPP

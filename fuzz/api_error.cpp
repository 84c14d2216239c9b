// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
//
// Fuzz target: the error-body parser. The input is the body of a non-success response.
//
// `parse_api_error` never fails and keeps the status, the request id and the raw body;
// `make_api_error` reports `error::api_error` with the same parts and a message that is one
// printable line of valid UTF-8, whatever the body holds.

#include "support.hpp"

#include <hwbind/runtime/codec/api_error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

/// Whether `s` is valid UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past
/// U+10FFFF).
bool is_utf8(std::string_view s)
{
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = byte(i);
        std::size_t n = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            low = c == 0xE0 ? 0xA0 : 0x80;
            high = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            low = c == 0xF0 ? 0x90 : 0x80;
            high = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (s.size() - i < n || byte(i + 1) < low || byte(i + 1) > high)
            return false;
        for (std::size_t k = 2; k < n; ++k) {
            if ((byte(i + k) & 0xC0) != 0x80)
                return false;
        }
        i += n;
    }
    return true;
}

bool same(const hwbind::api_error_info& a, const hwbind::api_error_info& b)
{
    return a.http_status == b.http_status && a.error_code == b.error_code && a.error_msg == b.error_msg &&
           a.encoded_authorization_message == b.encoded_authorization_message && a.request_id == b.request_id &&
           a.body == b.body;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    const int status = 400 + static_cast<int>(size % 200);
    const std::string_view request_id = "req-0123456789";

    const hwbind::api_error_info info = hwbind::parse_api_error(status, body, request_id);
    HWBIND_FUZZ_CHECK(info.http_status == status);
    HWBIND_FUZZ_CHECK(info.body == body);
    HWBIND_FUZZ_CHECK(info.request_id == request_id);

    hwbind::diagnostics diag;
    const boost::system::error_code ec = hwbind::make_api_error(status, body, request_id, diag);
    HWBIND_FUZZ_CHECK(ec == hwbind::error::api_error);
    HWBIND_FUZZ_CHECK(ec == hwbind::condition::service_error);
    HWBIND_FUZZ_CHECK(diag.api().has_value() && same(*diag.api(), info));

    const std::string& message = diag.message();
    HWBIND_FUZZ_CHECK(message.rfind("HTTP " + std::to_string(status), 0) == 0);
    for (const char c : message)
        HWBIND_FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7F);
    HWBIND_FUZZ_CHECK(is_utf8(message));
    return 0;
}

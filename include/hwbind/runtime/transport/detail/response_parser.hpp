// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_DETAIL_RESPONSE_PARSER_HPP
#define HWBIND_RUNTIME_TRANSPORT_DETAIL_RESPONSE_PARSER_HPP

/// \file
/// A Beast parser that writes a response straight into an `http_response`: its reused header
/// list and body string take the place of Beast's `fields` and body, which would allocate for
/// each field of each response.

#include <hwbind/runtime/transport/http_response.hpp>

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/optional/optional.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace hwbind::detail {

/// The largest response head accepted; Beast's default (8 KiB) is tight for services that
/// send long request ids and policy headers.
inline constexpr std::uint32_t max_response_head = 64 * 1024;

class response_parser final : public boost::beast::http::basic_parser<false> {
    using error_code = boost::beast::error_code;
    using string_view = boost::beast::string_view;

public:
    /// Parses one response into `out`, which must be empty.
    explicit response_parser(http_response& out) noexcept : out_(&out) {}

private:
    void on_request_impl(boost::beast::http::verb, string_view, string_view, int, error_code& ec) override
    {
        ec = boost::beast::http::error::bad_version; // a response parser never sees a request line
    }

    void on_response_impl(int code, string_view, int, error_code&) override
    {
        out_->status = static_cast<unsigned>(code);
    }

    void on_field_impl(boost::beast::http::field, string_view name, string_view value, error_code&) override
    {
        const std::string_view n(name.data(), name.size());
        const std::string_view v(value.data(), value.size());
        const header_field* seen = out_->headers.find(n);
        if (seen == nullptr) {
            out_->headers.set(n, v);
            return;
        }
        std::string joined = seen->value;
        joined.append(", ");
        joined.append(v);
        out_->headers.set(n, joined);
    }

    void on_header_impl(error_code&) override {}

    void on_body_init_impl(const boost::optional<std::uint64_t>& content_length, error_code&) override
    {
        // The length was checked against the body limit already.
        if (content_length)
            out_->body.reserve(static_cast<std::size_t>(*content_length));
    }

    std::size_t on_body_impl(string_view body, error_code&) override
    {
        out_->body.append(body.data(), body.size());
        return body.size();
    }

    void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}

    std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code&) override
    {
        out_->body.append(body.data(), body.size());
        return body.size();
    }

    void on_finish_impl(error_code&) override {}

    http_response* out_;
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_TRANSPORT_DETAIL_RESPONSE_PARSER_HPP

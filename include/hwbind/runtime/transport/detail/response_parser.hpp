// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_DETAIL_RESPONSE_PARSER_HPP
#define HWBIND_RUNTIME_TRANSPORT_DETAIL_RESPONSE_PARSER_HPP

/// \file
/// A Beast parser that writes a response straight into an `http_response`: its reused header
/// list and body string take the place of Beast's `fields` and body, which would allocate for
/// each field of each response. A body that a `body_sink` accepts goes to it instead, piece
/// by piece as the bytes arrive, so that its size costs no memory.

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
    /// Parses one response into `out`, which must be empty, its body into `sink` when that
    /// accepts the response (with `sink`, Beast's own body limit must be off: this parser
    /// applies `body_limit` or `binary_limit` once it knows where the body goes).
    response_parser(http_response& out, body_sink* sink, std::uint64_t body_limit, std::uint64_t binary_limit) noexcept
        : out_(&out), sink_(sink), body_limit_(body_limit), binary_limit_(binary_limit)
    {
    }

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

    void on_header_impl(error_code&) override
    {
        to_sink_ = sink_ != nullptr && sink_->accept(*out_);
    }

    void on_body_init_impl(const boost::optional<std::uint64_t>& content_length, error_code& ec) override
    {
        if (!content_length)
            return;
        if (*content_length > limit()) {
            ec = boost::beast::http::error::body_limit;
            return;
        }
        if (!to_sink_)
            out_->body.reserve(static_cast<std::size_t>(*content_length));
    }

    std::size_t on_body_impl(string_view body, error_code& ec) override { return take(body, ec); }

    void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}

    std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code& ec) override
    {
        return take(body, ec);
    }

    // The limit of the body being read. Without a sink Beast checks `body_limit_` too.
    std::uint64_t limit() const noexcept { return to_sink_ ? binary_limit_ : body_limit_; }

    std::size_t take(string_view body, error_code& ec)
    {
        received_ += body.size();
        if (received_ > limit()) {
            ec = boost::beast::http::error::body_limit;
            return 0;
        }
        if (to_sink_)
            sink_->write(std::string_view(body.data(), body.size()), ec);
        else
            out_->body.append(body.data(), body.size());
        return body.size();
    }

    void on_finish_impl(error_code&) override {}

    http_response* out_;
    body_sink* sink_;
    std::uint64_t body_limit_;
    std::uint64_t binary_limit_;
    std::uint64_t received_ = 0;
    bool to_sink_ = false;
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_TRANSPORT_DETAIL_RESPONSE_PARSER_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_REQUEST_HPP
#define HWBIND_RUNTIME_CODEC_REQUEST_HPP

/// \file
/// Request building, sans I/O: from an operation descriptor and a request value to the
/// method, target, headers and body to send. Generic: it walks the described members of the
/// request and its field table, and knows no service.

#include <hwbind/meta/field.hpp>
#include <hwbind/meta/operation.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/detail/parameter_values.hpp>
#include <hwbind/runtime/codec/header_list.hpp>
#include <hwbind/runtime/codec/json_encode.hpp>
#include <hwbind/runtime/codec/multipart.hpp>
#include <hwbind/runtime/codec/percent_encoding.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/codec/validate.hpp>

#include <boost/container/small_vector.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/system/error_code.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace hwbind {

namespace detail {
struct prepared_request_access;
} // namespace detail

/// The header by which a request says its body is not hashed into its signature, and its
/// value (`huaweicloud-api.md` §6); the signer signs the value in place of the body's hash.
inline constexpr std::string_view unsigned_payload_header = "X-Sdk-Content-Sha256";
inline constexpr std::string_view unsigned_payload = "UNSIGNED-PAYLOAD";

/// A request ready to be signed and sent: method, target, headers and body.
///
/// The target is what goes on the request line: the percent-encoded path, then `?` and the
/// query when there is one. `path()` and `query()` are its two parts, as the signer needs
/// them.
class prepared_request {
public:
    /// The request method.
    meta::http_method method() const noexcept { return method_; }
    void set_method(meta::http_method m) noexcept { method_ = m; }

    /// The request target as sent: `path()`, then `?` and `query()` when the query is not empty.
    std::string_view target() const noexcept { return target_; }

    /// The percent-encoded path.
    std::string_view path() const noexcept { return std::string_view(target_).substr(0, path_size_); }

    /// The percent-encoded query, without its `?`; empty when there is none.
    std::string_view query() const noexcept
    {
        return path_size_ < target_.size() ? std::string_view(target_).substr(path_size_ + 1) : std::string_view();
    }

    /// Sets the target from a percent-encoded path and query (without `?`).
    void set_target(std::string_view path, std::string_view query)
    {
        target_.assign(path.data(), path.size());
        path_size_ = target_.size();
        if (!query.empty()) {
            target_ += '?';
            target_.append(query);
        }
    }

    /// The headers.
    const header_list& headers() const noexcept { return headers_; }
    header_list& headers() noexcept { return headers_; }

    /// The body, sent as is, when it is held in memory (`segments()` is empty).
    const std::string& body() const noexcept { return body_; }
    void set_body(std::string body) noexcept { body_ = std::move(body); }

    /// The body when it is streamed (a multipart form with files): its segments, read while the
    /// request is sent. Empty for a body in memory.
    const segmented_body& segments() const noexcept { return segments_; }
    void set_segments(segmented_body segments) noexcept { segments_ = std::move(segments); }

    /// The size of the body, in memory or streamed: the `Content-Length`.
    std::uint64_t body_size() const noexcept { return segments_.empty() ? body_.size() : segments_.size(); }

    /// Empties the request, keeping its buffers for the next one.
    void clear() noexcept
    {
        method_ = meta::http_method::get;
        target_.clear();
        path_size_ = 0;
        headers_.clear();
        body_.clear();
        segments_.clear();
    }

private:
    friend struct detail::prepared_request_access;

    meta::http_method method_ = meta::http_method::get;
    std::string target_;
    std::size_t path_size_ = 0;
    header_list headers_;
    std::string body_;
    segmented_body segments_;
};

namespace detail {

/// Lets the builder write the target in place, path then query, without a copy.
struct prepared_request_access {
    static std::string& target(prepared_request& r) noexcept { return r.target_; }
    static std::string& body(prepared_request& r) noexcept { return r.body_; }
    static segmented_body& segments(prepared_request& r) noexcept { return r.segments_; }
    static void set_path_size(prepared_request& r, std::size_t n) noexcept { r.path_size_ = n; }
};

/// Whether each `{name}` of path template `tpl` is a path parameter of `fields` and each path
/// parameter appears: the generator guarantees it, this makes a mismatch a compile error.
template <std::size_t N>
constexpr bool path_template_matches(std::string_view tpl, const std::array<meta::field, N>& fields) noexcept
{
    std::size_t placeholders = 0;
    for (std::size_t open = tpl.find('{'); open != std::string_view::npos; open = tpl.find('{', open + 1)) {
        const std::size_t close = tpl.find('}', open);
        if (close == std::string_view::npos)
            return false;
        const std::string_view name = tpl.substr(open + 1, close - open - 1);
        bool found = false;
        for (const meta::field& f : fields)
            found = found || (f.in == meta::location::path && f.wire_name == name);
        if (!found)
            return false;
        ++placeholders;
    }
    std::size_t path_fields = 0;
    for (const meta::field& f : fields)
        path_fields += f.in == meta::location::path;
    return placeholders == path_fields;
}

/// Calls `f(text)` with the wire text of each value of member `I` of `req`: none when unset,
/// the context value for an unset context parameter, one per element for an array.
template <class T, std::size_t I, class F>
void for_each_wire_text(const T& req, const request_context& ctx, F&& f)
{
    using descriptor = boost::mp11::mp_at_c<meta::members_of<T>, I>;
    using member = meta::member_type<descriptor>;
    constexpr meta::field field = meta::fields_of<T>()[I];

    const auto* value = parameter_traits<member>::get(req.*descriptor::pointer);
    if (value == nullptr) {
        if constexpr (!field.context_key.empty()) {
            const std::string_view text = ctx.get(field.context_key);
            if (!text.empty())
                f(text);
        }
        return;
    }
    for_each_element(*value, [&](const auto& element, std::size_t) {
        text_buffer buffer;
        f(wire_text(element, buffer));
    });
}

/// Appends to `out` the encoded value of the path parameter named `name`.
template <class T>
void append_path_parameter(std::string& out, const T& req, const request_context& ctx, std::string_view name)
{
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<meta::fields_of<T>().size()>>([&](auto i) {
        constexpr std::size_t index = decltype(i)::value;
        constexpr meta::field f = meta::fields_of<T>()[index];
        if constexpr (f.in == meta::location::path) {
            if (f.wire_name == name) {
                for_each_wire_text<T, index>(req, ctx, [&](std::string_view text) {
                    codec::append_percent_encoded(out, text);
                });
            }
        }
    });
}

} // namespace detail

/// Builds the request of operation `Op` from `req`, after validating it.
///
/// - The path is `Op::path` with each `{name}` replaced by its parameter percent-encoded as
///   one segment: `/`, `?`, `#` and `%` in a value are escaped, so a value never leaves its
///   segment; empty, `.` and `..` values are rejected by validation.
/// - The query holds the set query parameters in member order (the spec's order), each
///   `name=value` percent-encoded by RFC 3986 (unreserved characters kept, everything else
///   `%XX` in uppercase hex, a space `%20`); arrays repeat the name; unset optional
///   parameters are left out. Integers are decimal, booleans `true`/`false`, enumerations
///   their wire spelling.
/// - Header parameters become headers, values as they are (validation rejects CR, LF, NUL).
/// - Unset parameters with a `context_key` take their value from `ctx`.
/// - The body (the `content` member of an operation whose `request_payload` is `json`) is
///   encoded as compact JSON (`hwbind::encode`) and sent with `Content-Type:
///   Op::request_content_type`, unless a header parameter gave one; an unset optional body
///   sends none.
/// - A `multipart` body (a form model) is encoded by `encode_form` into `segments()` with a
///   fresh boundary (`form_boundary`), sent with `Content-Type: Op::request_content_type;
///   boundary=...` and `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`, which the signer then signs in
///   place of the body's hash, as the official SDKs do for bodies that are not JSON
///   (`huaweicloud-api.md` §6): files are never read to sign them.
///
/// `out` is cleared first and keeps its buffers, so reusing one object avoids allocations.
/// On failure `diag` says which parameter broke which rule, and `out` is left empty.
template <class Op>
boost::system::error_code prepare_request(const typename Op::request_type& req, const request_context& ctx,
                                          prepared_request& out, diagnostics& diag)
{
    using request_type = typename Op::request_type;
    constexpr auto fields = meta::fields_of<request_type>();
    static_assert(detail::path_template_matches(Op::path, fields),
                  "each {name} of Op::path must be a path parameter, and each path parameter must appear");

    out.clear();
    if (auto ec = validate<Op>(req, ctx, diag))
        return ec;

    out.set_method(Op::method);
    std::string& target = detail::prepared_request_access::target(out);
    target.reserve(Op::path.size() + 64);

    // The path: the template's literal text, and each placeholder's parameter.
    std::string_view tpl = Op::path;
    for (std::size_t open = tpl.find('{'); open != std::string_view::npos; open = tpl.find('{')) {
        const std::size_t close = tpl.find('}', open);
        target.append(tpl.substr(0, open));
        detail::append_path_parameter(target, req, ctx, tpl.substr(open + 1, close - open - 1));
        tpl.remove_prefix(close + 1);
    }
    target.append(tpl);
    detail::prepared_request_access::set_path_size(out, target.size());

    // The query and the headers, in member order.
    bool first_query = true;
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<fields.size()>>([&](auto i) {
        constexpr std::size_t index = decltype(i)::value;
        constexpr meta::field f = meta::fields_of<request_type>()[index];
        if constexpr (f.in == meta::location::query) {
            detail::for_each_wire_text<request_type, index>(req, ctx, [&](std::string_view text) {
                target += first_query ? '?' : '&';
                first_query = false;
                if constexpr (codec::is_all_unreserved(f.wire_name))
                    target.append(f.wire_name);
                else
                    codec::append_percent_encoded(target, f.wire_name);
                target += '=';
                codec::append_percent_encoded(target, text);
            });
        } else if constexpr (f.in == meta::location::header) {
            detail::for_each_wire_text<request_type, index>(req, ctx, [&](std::string_view text) {
                out.headers().set(f.wire_name, text);
            });
        }
    });

    if constexpr (meta::request_payload_v<Op> == meta::payload::json) {
        using D = meta::content_member<request_type>;
        const auto& body = req.*D::pointer;
        if constexpr (meta::is_optional_v<meta::member_type<D>>) {
            if (!body)
                return {};
            encode(*body, detail::prepared_request_access::body(out));
        } else {
            encode(body, detail::prepared_request_access::body(out));
        }
        // A Content-Type header parameter (some operations declare one) is the user's choice.
        if (out.headers().find("Content-Type") == nullptr)
            out.headers().set("Content-Type", Op::request_content_type);
    } else if constexpr (meta::request_payload_v<Op> == meta::payload::multipart) {
        using D = meta::content_member<request_type>;
        const auto* form = detail::parameter_traits<meta::member_type<D>>::get(req.*D::pointer);
        if (form == nullptr)
            return {};
        const std::string boundary = form_boundary(*form);
        if (auto ec = encode_form(*form, boundary, meta::content().wire_name,
                                  detail::prepared_request_access::segments(out), diag)) {
            out.clear();
            return ec;
        }
        // The boundary is the form's, whatever a header parameter says.
        std::string content_type(Op::request_content_type);
        content_type += "; boundary=";
        content_type += boundary;
        out.headers().set("Content-Type", content_type);
        out.headers().set(unsigned_payload_header, unsigned_payload);
    }
    return {};
}

/// Builds the request of operation `Op` from `req`; throws `error_with_diagnostics` when it
/// is invalid. See the `error_code` overload.
template <class Op>
prepared_request prepare_request(const typename Op::request_type& req, const request_context& ctx = {})
{
    prepared_request out;
    diagnostics diag;
    detail::throw_on_error(prepare_request<Op>(req, ctx, out, diag), diag);
    return out;
}

} // namespace hwbind

#endif // HWBIND_RUNTIME_CODEC_REQUEST_HPP

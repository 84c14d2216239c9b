// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_ERROR_HPP
#define HWBIND_RUNTIME_ERROR_HPP

/// \file
/// Errors in the Boost.System shape: an `error_code` for every failure, grouped into classes
/// by `hwbind::condition`; a `diagnostics` object with the detail (which parameter, which
/// JSON path, what the service said); and `error_with_diagnostics` for the throwing API.
///
/// No message built here ever holds a credential: the runtime never passes one in.

#include <boost/system/errc.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/system_error.hpp>

#include <any>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace hwbind {

/// Every failure the library reports.
enum class error {
    // -- the request, checked before any I/O
    missing_parameter = 1, ///< a required parameter is unset
    out_of_range,          ///< an integer outside its documented bounds
    bad_length,            ///< a string shorter or longer than documented
    pattern_mismatch,      ///< a string not matching its documented pattern
    not_in_enum,           ///< a value the enumeration does not document
    rule_violated,         ///< a cross-parameter rule is broken
    invalid_header_value,  ///< CR, LF or NUL in a header or parameter value
    invalid_path_segment,  ///< a path parameter that is empty, `.` or `..`

    // -- the response body
    invalid_json,          ///< not JSON (truncated, invalid UTF-8, empty, ...)
    type_mismatch,         ///< a JSON value of the wrong type for its field
    missing_field,         ///< a required field is absent
    integer_overflow,      ///< an integer outside the range of its field
    not_an_integer,        ///< a number with a fraction or exponent for an integer field
    too_deep,              ///< nesting deeper than the decoder accepts

    // -- the service
    api_error,             ///< the service answered with a non-success status

    // -- the transport
    timeout,               ///< the request did not complete before its deadline
    body_too_large,        ///< the response body is larger than the transport accepts
    invalid_endpoint,      ///< not an `http://` or `https://` URL with a host and no path
    proxy_error,           ///< the proxy refused or failed the tunnel (CONNECT)
    connection_closed,     ///< the server closed the connection before a complete response
    connect_timeout,       ///< a new connection was not ready (connected, tunnelled, handshaken) before its deadline
    tls_not_spoken,        ///< an `https` endpoint answered the TLS handshake with something that is not TLS

    // -- the client
    no_endpoint,           ///< no endpoint override, and the region has no endpoint for the service
    no_credentials,        ///< the credentials hold nothing the operation accepts
    invalid_offset,        ///< a page offset that is not a non-negative decimal integer
    unreadable_file,       ///< a file part of a form cannot be opened or read, or changed size while sent
    download_aborted,      ///< a download's sink stopped it (its callback returned false or threw)
};

/// The classes of failure, for `ec == hwbind::condition::...` tests.
enum class condition {
    invalid_request = 1, ///< the request was rejected before any I/O
    invalid_response,    ///< the response could not be decoded
    service_error,       ///< the service answered with an error status
    transport_error,     ///< the exchange with the server failed: a deadline, the proxy, a premature
                         ///< close, or an error of the system, the resolver, TLS or the HTTP parser
                         ///< (as Asio, OpenSSL and Beast report it; a refused certificate as
                         ///< OpenSSL's verify result, category `hwbind.certificate`), cancellation
                         ///< excepted
};

namespace detail {

class error_category_impl final : public boost::system::error_category {
public:
    // A fixed id keeps the category unique even if the header is compiled into several DSOs.
    constexpr error_category_impl() noexcept : boost::system::error_category(0x8f3ab2d1c47e9a01ULL) {}

    const char* name() const noexcept override { return "hwbind"; }

    std::string message(int ev) const override { return describe(ev); }

    boost::system::error_condition default_error_condition(int ev) const noexcept override;

    static const char* describe(int ev) noexcept
    {
        switch (static_cast<error>(ev)) {
        case error::missing_parameter: return "required parameter not set";
        case error::out_of_range: return "value out of range";
        case error::bad_length: return "string length out of range";
        case error::pattern_mismatch: return "string does not match pattern";
        case error::not_in_enum: return "value not in enumeration";
        case error::rule_violated: return "parameter rule violated";
        case error::invalid_header_value: return "invalid character in header or parameter value";
        case error::invalid_path_segment: return "path parameter is empty, \".\" or \"..\"";
        case error::invalid_json: return "invalid JSON";
        case error::type_mismatch: return "JSON type mismatch";
        case error::missing_field: return "required field missing";
        case error::integer_overflow: return "integer overflow";
        case error::not_an_integer: return "number is not an integer";
        case error::too_deep: return "JSON nesting too deep";
        case error::api_error: return "service returned an error";
        case error::timeout: return "request deadline expired";
        case error::body_too_large: return "response body too large";
        case error::invalid_endpoint: return "invalid endpoint URL";
        case error::proxy_error: return "proxy refused the tunnel";
        case error::connection_closed: return "connection closed before a complete response";
        case error::connect_timeout: return "connect deadline expired";
        case error::tls_not_spoken: return "TLS handshake failed: the server did not answer with TLS";
        case error::no_endpoint: return "no endpoint for the service";
        case error::no_credentials: return "no credentials the operation accepts";
        case error::invalid_offset: return "page offset is not a non-negative integer";
        case error::unreadable_file: return "file of a form part cannot be read";
        case error::download_aborted: return "download stopped by its sink";
        }
        return "unknown hwbind error";
    }
};

class condition_category_impl final : public boost::system::error_category {
public:
    constexpr condition_category_impl() noexcept : boost::system::error_category(0x8f3ab2d1c47e9a02ULL) {}

    const char* name() const noexcept override { return "hwbind.condition"; }

    std::string message(int ev) const override
    {
        switch (static_cast<condition>(ev)) {
        case condition::invalid_request: return "invalid request";
        case condition::invalid_response: return "invalid response";
        case condition::service_error: return "service error";
        case condition::transport_error: return "transport error";
        }
        return "unknown hwbind condition";
    }

    /// Besides the `hwbind::error`s of each class, `transport_error` takes in the errors the
    /// transport passes on as the layers below report them, so that one test covers every
    /// failed exchange.
    bool equivalent(const boost::system::error_code& code, int cond) const noexcept override
    {
        if (cond == static_cast<int>(condition::transport_error) && is_from_below_transport(code))
            return true;
        return boost::system::error_category::equivalent(code, cond);
    }

private:
    // The categories are told by name: this header stays free of Asio, Beast and OpenSSL (the
    // sans-I/O codec includes it), and a category defined in a header has one instance per
    // shared library, which a comparison of addresses would miss. Cancellation is the
    // caller's doing, not a failure of the exchange.
    static bool is_from_below_transport(const boost::system::error_code& code) noexcept
    {
        const std::string_view category = code.category().name();
        if (category == "system")
            return code != boost::system::errc::operation_canceled;
        return category == "asio.misc" || category == "asio.netdb" || category == "asio.addrinfo" ||
               category == "asio.ssl" || category == "asio.ssl.stream" || category == "beast.http" ||
               category == "hwbind.certificate";
    }
};

inline constexpr condition_category_impl condition_category_instance{};
inline constexpr error_category_impl error_category_instance{};

inline boost::system::error_condition error_category_impl::default_error_condition(int ev) const noexcept
{
    condition c = condition::service_error;
    if (ev >= static_cast<int>(error::missing_parameter) && ev <= static_cast<int>(error::invalid_path_segment))
        c = condition::invalid_request;
    else if (ev >= static_cast<int>(error::invalid_json) && ev <= static_cast<int>(error::too_deep))
        c = condition::invalid_response;
    else if (ev >= static_cast<int>(error::timeout) && ev <= static_cast<int>(error::tls_not_spoken))
        c = condition::transport_error;
    // The client's own checks, like the request's, fail before any I/O.
    else if (ev >= static_cast<int>(error::no_endpoint) && ev <= static_cast<int>(error::unreadable_file))
        c = condition::invalid_request;
    // The sink stopped reading the body: the exchange did not complete.
    else if (ev == static_cast<int>(error::download_aborted))
        c = condition::transport_error;
    return {static_cast<int>(c), condition_category_instance};
}

} // namespace detail

/// The category of `hwbind::error`.
inline const boost::system::error_category& error_category() noexcept { return detail::error_category_instance; }

/// The category of `hwbind::condition`.
inline const boost::system::error_category& condition_category() noexcept
{
    return detail::condition_category_instance;
}

inline boost::system::error_code make_error_code(error e) noexcept
{
    return {static_cast<int>(e), error_category()};
}

inline boost::system::error_condition make_error_condition(condition c) noexcept
{
    return {static_cast<int>(c), condition_category()};
}

/// What a service said when it answered with an error status.
struct api_error_info {
    int http_status = 0;                       ///< HTTP status code
    std::string error_code;                    ///< service error code (`error_code` or `code`)
    std::string error_msg;                     ///< service message (`error_msg` or `message`)
    std::string encoded_authorization_message; ///< encrypted rejection reason, when sent
    std::string request_id;                    ///< the `X-Request-Id` response header
    std::string body;                          ///< the raw response body
};

/// The detail of a failure, beside its `error_code`.
///
/// Pass one to the `error_code` overloads; the throwing overloads carry one inside
/// `error_with_diagnostics`. A successful call clears it.
/// A value that lenient decoding left out because its member cannot hold it
/// (`decode_options::lenient`): the member was left unset, or at its default when required.
struct decode_warning {
    std::string path;     ///< JSON path of the value, e.g. `tasks[3].enabled`
    std::string expected; ///< what the member takes, e.g. `bool`
    std::string got;      ///< what came instead, e.g. `string`

    /// `path: expected X, got Y`.
    std::string message() const { return path + ": expected " + expected + ", got " + got; }
};

class diagnostics {
public:
    /// A message naming what failed: the parameter, value and rule; the JSON path and what
    /// was found there; or the service's code and message.
    const std::string& message() const noexcept { return message_; }

    /// What the service said, for `error::api_error`.
    const std::optional<api_error_info>& api() const noexcept { return api_; }

    /// The error body of an `error::api_error` decoded as `Model`, when the operation
    /// documents `Model` for the response's status (its `errors`, e.g.
    /// `meta::status_model<404, hss::error_body>`) and the body decoded as one; else null.
    /// As progenitor's `Error<E>`: the typed body of a documented error status.
    ///
    /// \code
    /// if (const auto* body = diag.error_model<hwbind::swr::error_body>())
    ///     std::cerr << body->error_code.value_or("") << '\n';
    /// \endcode
    template <class Model>
    const Model* error_model() const noexcept
    {
        return std::any_cast<Model>(&error_model_);
    }

    /// Whether `error_model` holds a decoded error body (of whatever model).
    bool has_error_model() const noexcept { return error_model_.has_value(); }

    /// The values of the response that lenient decoding left out, in document order; empty
    /// unless `decode_options::lenient` is set. Kept on success too.
    const std::vector<decode_warning>& warnings() const noexcept { return warnings_; }

    void clear() noexcept
    {
        message_.clear();
        api_.reset();
        error_model_.reset();
        warnings_.clear();
    }

    /// Used by the runtime to record a failure.
    void set_message(std::string message) { message_ = std::move(message); }
    void set_api_error(api_error_info info) { api_ = std::move(info); }
    void set_error_model(std::any model) { error_model_ = std::move(model); }
    void set_warnings(std::vector<decode_warning> warnings) { warnings_ = std::move(warnings); }

private:
    std::string message_;
    std::optional<api_error_info> api_;
    std::any error_model_;
    std::vector<decode_warning> warnings_;
};

/// The exception of the throwing API: an `error_code` and its diagnostics.
class error_with_diagnostics : public boost::system::system_error {
public:
    error_with_diagnostics(boost::system::error_code ec, diagnostics diag)
        : boost::system::system_error(ec, diag.message()), diag_(std::move(diag))
    {
    }

    const diagnostics& get_diagnostics() const noexcept { return diag_; }

private:
    diagnostics diag_;
};

namespace detail {

/// Throws `error_with_diagnostics` when `ec` holds a failure.
inline void throw_on_error(const boost::system::error_code& ec, const diagnostics& diag)
{
    if (ec)
        throw error_with_diagnostics(ec, diag);
}

} // namespace detail

} // namespace hwbind

namespace boost::system {
template <>
struct is_error_code_enum<hwbind::error> : std::true_type {};
template <>
struct is_error_condition_enum<hwbind::condition> : std::true_type {};
} // namespace boost::system

#endif // HWBIND_RUNTIME_ERROR_HPP

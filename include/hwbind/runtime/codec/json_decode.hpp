// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_JSON_DECODE_HPP
#define HWBIND_RUNTIME_CODEC_JSON_DECODE_HPP

/// \file
/// Decoding of JSON response bodies into generated models.
///
/// The body is parsed once, straight into the model, with a `boost::json::basic_parser`
/// driven by the models' Boost.Describe metadata: no DOM is built (except inside
/// `meta::any_value` members). Decoding is as tolerant as real services need: unknown members
/// are skipped, `null` and absence are accepted for optional members, enumerations keep values
/// they do not document, and members marked `numeric_string` take "123" as well as 123.

#include <hwbind/runtime/config.hpp>
#include <hwbind/runtime/codec/decode_options.hpp>
#include <hwbind/runtime/codec/detail/decode_codecs.hpp>
#include <hwbind/runtime/codec/detail/decode_handler.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace hwbind {

namespace detail {

/// Decodes `json` into the model at `out`, whose codec is `codec`. Not a template, so that the
/// parser is compiled once, whatever the models (and, with `HWBIND_SEPARATE_COMPILATION`,
/// once in the program).
///
/// When `error_shape` is given, it tells whether the top-level object also held both
/// `error_code` and `error_msg` as members the model does not declare.
HWBIND_DECL boost::system::error_code decode_json(std::string_view json, void* out, const value_codec& codec,
                                                  diagnostics& diag, const decode_options& options,
                                                  bool* error_shape = nullptr);

/// Whether `body` is empty or white space only: what a success without a body may hold.
inline bool is_blank(std::string_view body) noexcept
{
    return body.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/// The body of a success documented to have none: empty or white space, or anything else,
/// which is ignored unless it is an object with Huawei's error members (reported through
/// `error_shape`, when given, as `decode_json` does).
inline boost::system::error_code decode_no_body(std::string_view json, diagnostics& diag,
                                                const decode_options& options, bool* error_shape)
{
    diag.clear();
    if (is_blank(json) || error_shape == nullptr)
        return {};
    meta::any_value body;
    diagnostics ignored;
    if (!decode_json(json, &body, codec_v<meta::any_value>, ignored, options, nullptr)) {
        const auto* object = body.json().if_object();
        *error_shape = object != nullptr && object->contains("error_code") && object->contains("error_msg");
    }
    return {};
}

/// `hwbind::decode`, telling through `error_shape` (when given) whether the top-level object
/// also held Huawei's error members undeclared by `T`; see `decode_json`.
///
/// A response envelope (`meta::is_envelope_v<T>`) takes the body into its `content` member,
/// whatever JSON type that is, or, without one, takes none (`decode_no_body`). Its header
/// members are not in the body (see `read_response_headers`).
template <class T>
boost::system::error_code decode_model(std::string_view json, T& out, diagnostics& diag,
                                       const decode_options& options, bool* error_shape = nullptr)
{
    if constexpr (!meta::is_envelope_v<T>) {
        return decode_json(json, &out, codec_v<T>, diag, options, error_shape);
    } else if constexpr (meta::index_of_location<T>(meta::location::content) != meta::npos) {
        using D = meta::content_member<T>;
        return decode_json(json, &(out.*D::pointer), codec_v<meta::member_type<D>>, diag, options, error_shape);
    } else {
        return decode_no_body(json, diag, options, error_shape);
    }
}

} // namespace detail

/// Decodes the JSON object `json` into the model `out`.
///
/// Unknown members are ignored; an optional member may be absent or `null`; an array member
/// absent or `null` is left empty. On failure the result names the class of the failure (all
/// compare equal to `condition::invalid_response`), `diag.message()` says where and what, for
/// example `scheduled_tasks[3].enabled: expected bool, got string`, and `out` holds a valid but
/// unspecified value. With `options.lenient`, such a value is left out instead, and
/// `diag.warnings()` says where.
///
/// `out` may hold the result of an earlier decode: the result is the same as in a new `T`, but
/// the memory of `out` is reused (array elements decoded over the old ones, strings over their
/// old text), so decoding response after response into one model allocates little.
///
/// \tparam T a generated model (a described struct with a `wire_fields` table), a response
/// envelope, or any type a model member may have (`std::vector<T>`, `std::map<std::string, T>`,
/// `meta::any_value`, a scalar), for bodies that are not objects
template <class T>
boost::system::error_code decode(std::string_view json, T& out, diagnostics& diag, const decode_options& options = {})
{
    return detail::decode_model(json, out, diag, options);
}

/// Decodes the JSON object `json` into a new `T`; throws `error_with_diagnostics` on failure.
template <class T>
T decode(std::string_view json, const decode_options& options = {})
{
    T out;
    diagnostics diag;
    const boost::system::error_code ec = decode(json, out, diag, options);
    detail::throw_on_error(ec, diag);
    return out;
}

} // namespace hwbind

#if HWBIND_COMPILE_DEFINITIONS
#include <hwbind/runtime/codec/impl/json_decode.ipp>
#endif

#endif // HWBIND_RUNTIME_CODEC_JSON_DECODE_HPP

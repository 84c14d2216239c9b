// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_DETAIL_OPERATION_CODE_HPP
#define HWBIND_RUNTIME_CLIENT_DETAIL_OPERATION_CODE_HPP

/// \file
/// The part of a call that depends on its operation's types, as one class template per
/// operation, so that a program can compile it once (`HWBIND_SEPARATE_BINDINGS`, see
/// `hwbind/runtime/config.hpp`).

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/codec/detail/decode_codecs.hpp>
#include <hwbind/runtime/codec/error_models.hpp>
#include <hwbind/runtime/codec/header_list.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/codec/request_context.hpp>
#include <hwbind/runtime/codec/response_headers.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/system/error_code.hpp>

#include <string_view>

namespace hwbind::detail {

/// Building the request of operation `Op` and decoding its responses: what `client.call<Op>`
/// compiles for `Op` and each model it reaches, everything else of a call being compiled once
/// for every operation.
///
/// The request and response are passed as `void*`, so that the class needs only a declaration
/// of `Op`: a generated `<service>/calls.hpp` declares `extern template struct
/// operation_code<Op>` for each operation of its service, including no operation's header, and
/// `<service>/src.hpp` instantiates them. The functions are defined outside the class, not
/// inline, so that a compiler does not instantiate them where they are only declared.
template <class Op>
struct operation_code {
    /// `prepare_request<Op>` of the `Op::request_type` at `request`.
    static boost::system::error_code prepare(const void* request, const request_context& ctx, prepared_request& out,
                                             diagnostics& diag);

    /// Decodes the body of a success into the `Op::response_type` at `out`: none when the
    /// operation documents none (`meta::payload::none`), whatever its response type, nor when
    /// it went to a download's sink (`meta::payload::binary`). See `detail::decode_model`.
    static boost::system::error_code decode(std::string_view body, void* out, const decode_options& options,
                                            diagnostics& diag, bool* error_shape);

    /// Gives the `Op::response_type` at `out` its default value.
    static void clear(void* out);

    /// Fills the header members of the `Op::response_type` at `out`; see
    /// `read_response_headers`.
    static boost::system::error_code read_headers(const header_list& headers, void* out, diagnostics& diag);

    /// `decode_error_model<Op>`.
    static bool decode_error(int status, std::string_view body, diagnostics& diag);
};

template <class Op>
boost::system::error_code operation_code<Op>::prepare(const void* request, const request_context& ctx,
                                                      prepared_request& out, diagnostics& diag)
{
    return hwbind::prepare_request<Op>(*static_cast<const typename Op::request_type*>(request), ctx, out, diag);
}

template <class Op>
boost::system::error_code operation_code<Op>::decode(std::string_view body, void* out, const decode_options& options,
                                                     diagnostics& diag, bool* error_shape)
{
    if constexpr (meta::response_payload_v<Op> == meta::payload::binary)
        return {};
    else if constexpr (meta::response_payload_v<Op> == meta::payload::none)
        return decode_no_body(body, diag, options, error_shape);
    else
        return decode_model(body, *static_cast<typename Op::response_type*>(out), diag, options, error_shape);
}

template <class Op>
void operation_code<Op>::clear(void* out)
{
    clear_at<typename Op::response_type>(out);
}

template <class Op>
boost::system::error_code operation_code<Op>::read_headers(const header_list& headers, void* out, diagnostics& diag)
{
    return read_response_headers(headers, *static_cast<typename Op::response_type*>(out), diag);
}

template <class Op>
bool operation_code<Op>::decode_error(int status, std::string_view body, diagnostics& diag)
{
    return decode_error_model<Op>(status, body, diag);
}

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_CLIENT_DETAIL_OPERATION_CODE_HPP

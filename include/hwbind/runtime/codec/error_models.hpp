// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_ERROR_MODELS_HPP
#define HWBIND_RUNTIME_CODEC_ERROR_MODELS_HPP

/// \file
/// The typed error bodies of an operation: the body of an error status that the operation
/// documents (`Op::errors`) decoded into its model, for `diagnostics::error_model`.

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>

#include <string_view>
#include <type_traits>
#include <utility>

namespace hwbind {

namespace detail {
template <class Op, class = void>
struct error_models_of {
    using type = meta::error_models<>;
};
template <class Op>
struct error_models_of<Op, std::void_t<typename Op::errors>> {
    using type = typename Op::errors;
};
} // namespace detail

/// Decodes `body`, the body of a response of status `http_status` to operation `Op`, into the
/// model `Op::errors` lists for that status, and keeps it in `diag` (`diag.error_model<M>()`).
/// Nothing when the status has no model or the body does not decode as it: the error itself
/// (`diag.api()`, the message) never depends on this. Whether it did.
template <class Op>
bool decode_error_model(int http_status, std::string_view body, diagnostics& diag)
{
    bool decoded = false;
    boost::mp11::mp_for_each<typename detail::error_models_of<Op>::type>([&](auto entry) {
        using entry_type = decltype(entry);
        if (decoded || entry_type::status != http_status)
            return;
        typename entry_type::model model{};
        diagnostics ignored;
        if (!hwbind::decode(body, model, ignored)) {
            diag.set_error_model(std::move(model));
            decoded = true;
        }
    });
    return decoded;
}

} // namespace hwbind

#endif // HWBIND_RUNTIME_CODEC_ERROR_MODELS_HPP

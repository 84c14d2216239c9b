// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_IMPL_JSON_DECODE_IPP
#define HWBIND_RUNTIME_CODEC_IMPL_JSON_DECODE_IPP

/// \file
/// The definition of `detail::decode_json`: the one instantiation of Boost.JSON's parser.
/// Header-only, `json_decode.hpp` includes it; with `HWBIND_SEPARATE_COMPILATION`, only
/// `hwbind/src.hpp` does (see `hwbind/runtime/config.hpp`).

#include <hwbind/runtime/codec/detail/json_parser_pruning.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse_options.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace hwbind::detail {

HWBIND_DECL boost::system::error_code decode_json(std::string_view json, void* out, const value_codec& codec,
                                                  diagnostics& diag, const decode_options& options, bool* error_shape)
{
    diag.clear();
    if (is_blank(json)) {
        diag.set_message("invalid JSON: empty body");
        return error::invalid_json;
    }
    boost::json::parse_options parse_options;
    // The handler enforces the limit, with the JSON path in its message; the parser's own
    // check is kept just beyond it.
    parse_options.max_depth = options.max_depth + (options.max_depth < static_cast<std::size_t>(-1) ? 1 : 0);
    boost::json::basic_parser<json_handler> parser(parse_options, out, codec, options.max_depth, json.size(),
                                                   options.lenient);
    boost::system::error_code ec;
    const std::size_t used = parser.write_some(false, json.data(), json.size(), ec);
    json_handler& handler = parser.handler();
    if (!handler.warnings().empty())
        diag.set_warnings(std::move(handler.warnings()));
    if (error_shape != nullptr)
        *error_shape = handler.has_error_shape();
    if (ec) {
        if (ec.category() == error_category()) {
            diag.set_message(std::move(handler.message()));
            return ec;
        }
        std::string message = handler.path();
        if (!message.empty())
            message += ": ";
        message += "invalid JSON (";
        message += ec.message();
        message += ')';
        diag.set_message(std::move(message));
        return error::invalid_json;
    }
    if (used != json.size()) {
        diag.set_message("invalid JSON: unexpected data after the top-level value at offset " + std::to_string(used));
        return error::invalid_json;
    }
    return {};
}

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_CODEC_IMPL_JSON_DECODE_IPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_DECODE_OPTIONS_HPP
#define HWBIND_RUNTIME_CODEC_DECODE_OPTIONS_HPP

/// \file
/// `decode_options`, apart from the decoder, so that `client_options` holds them without
/// bringing the parser in.

#include <cstddef>

namespace hwbind {

/// Limits and leniency of the decoder.
struct decode_options {
    /// The deepest nesting of objects and arrays accepted, the top-level object counting as 1.
    std::size_t max_depth = 64;

    /// Whether a value that its member cannot hold (a JSON type it does not take, an integer
    /// out of its range or with a fraction) is left out rather than failing the decode: the
    /// member is left unset when optional, at its default value when required (an array
    /// element or map value at its default), and `diagnostics::warnings()` names it (path,
    /// expected, got). The body must still be valid JSON, with its required members present,
    /// and the top-level value of the type asked for. Off by default: a response that does
    /// not match its documentation is then an error, `error::type_mismatch` and the like.
    bool lenient = false;
};

} // namespace hwbind

#endif // HWBIND_RUNTIME_CODEC_DECODE_OPTIONS_HPP

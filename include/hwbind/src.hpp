// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_SRC_HPP
#define HWBIND_SRC_HPP

/// \file
/// The separately compiled part of hwbind: include this in exactly one translation unit of a
/// program built with `HWBIND_SEPARATE_COMPILATION` defined (see `hwbind/runtime/config.hpp`).

#if !defined(HWBIND_SEPARATE_COMPILATION)
#error "hwbind/src.hpp is for HWBIND_SEPARATE_COMPILATION builds; header-only builds need no source file"
#endif

#define HWBIND_SOURCE
#include <hwbind.hpp>

// Directly as well: when a header of hwbind came before this one in the translation unit,
// it was included without HWBIND_SOURCE and so without these.
#include <hwbind/runtime/codec/impl/json_decode.ipp>
#include <hwbind/runtime/transport/impl/transport.ipp>

#endif // HWBIND_SRC_HPP

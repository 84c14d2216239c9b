// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CONFIG_HPP
#define HWBIND_RUNTIME_CONFIG_HPP

/// \file
/// Header-only or separately compiled.
///
/// By default hwbind is header-only: every translation unit that calls the client compiles
/// the synchronous send path (Beast's response parser, Asio's resolve and connect) and the
/// JSON decoder's parser, some seconds of optimized compilation each. A program of many such
/// translation units can compile them once instead, as Boost.JSON and Beast allow:
///
/// - define `HWBIND_SEPARATE_COMPILATION` for every translation unit that includes hwbind;
/// - include `<hwbind/src.hpp>` in exactly one of them (with the single header: define
///   `HWBIND_SOURCE` there before it is first included).
///
/// The functions so compiled are declared `HWBIND_DECL`: `inline` header-only, external
/// otherwise. Their definitions sit in `hwbind/runtime/impl/`, included where
/// `HWBIND_COMPILE_DEFINITIONS` is true. Templates (the operations, `async_send`, completion
/// tokens) stay in the headers either way.
///
/// What `client.call<Op>` compiles for each operation (building its request, decoding its
/// response and error bodies, for every model they reach: `detail::operation_code<Op>`) can be
/// compiled once per service as well, with or without the above:
///
/// - define `HWBIND_SEPARATE_BINDINGS` for every translation unit that includes hwbind;
/// - include the generated `<service>/calls.hpp` where the service's operations are called
///   (it declares `extern template struct detail::operation_code<Op>` for each);
/// - include the generated `<service>/src.hpp` in exactly one translation unit (it
///   instantiates them).
///
/// With C++17 the generated structs' destructors are then compiled there too, not in every
/// translation unit that holds a request or response (`hwbind/meta/separate_destructor.hpp`).

#if defined(HWBIND_SEPARATE_COMPILATION)
#define HWBIND_DECL
#if defined(HWBIND_SOURCE)
#define HWBIND_COMPILE_DEFINITIONS 1
#else
#define HWBIND_COMPILE_DEFINITIONS 0
#endif
#else
#define HWBIND_DECL inline
#define HWBIND_COMPILE_DEFINITIONS 1
#endif

#endif // HWBIND_RUNTIME_CONFIG_HPP

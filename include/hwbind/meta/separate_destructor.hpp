// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_META_SEPARATE_DESTRUCTOR_HPP
#define HWBIND_META_SEPARATE_DESTRUCTOR_HPP

/// \file
/// `HWBIND_SEPARATE_DESTRUCTOR(T)`, which every generated struct (model, request, response)
/// ends with: under `HWBIND_SEPARATE_BINDINGS` (see `hwbind/runtime/config.hpp`) it declares
/// the struct's destructor, which the service's generated `src.hpp` defines, so that a program
/// compiles the destruction of each struct, with every struct and container inside it, once
/// instead of in every translation unit that holds one. In a translation unit holding the
/// requests and responses of many operations this is most of the code generated (see
/// BENCHMARKS.md, compile scaling).
///
/// A declared destructor would suppress the implicit move operations, so the other special
/// members are declared too, defaulted: copies, moves, `noexcept` and value initialization
/// are those of the implicit ones, and in C++17 the struct stays an aggregate. From C++20 a
/// struct with a declared constructor is no aggregate, which would break brace and designated
/// initialization, so there the macro declares nothing and destructors stay inline, as without
/// `HWBIND_SEPARATE_BINDINGS`. `HWBIND_SEPARATE_DESTRUCTORS` says which applies.
///
/// The generator leaves the macro out of a struct with a member named like the struct, which
/// a struct with a declared constructor may not have.

#if defined(_MSVC_LANG)
#define HWBIND_DETAIL_CPLUSPLUS _MSVC_LANG
#else
#define HWBIND_DETAIL_CPLUSPLUS __cplusplus
#endif

#if defined(HWBIND_SEPARATE_BINDINGS) && HWBIND_DETAIL_CPLUSPLUS < 202002L
#define HWBIND_SEPARATE_DESTRUCTORS 1
#define HWBIND_SEPARATE_DESTRUCTOR(T)                                                                         \
    T() = default;                                                                                            \
    T(const T&) = default;                                                                                    \
    T(T&&) = default;                                                                                         \
    T& operator=(const T&) = default;                                                                         \
    T& operator=(T&&) = default;                                                                              \
    ~T();
#else
#define HWBIND_SEPARATE_DESTRUCTORS 0
#define HWBIND_SEPARATE_DESTRUCTOR(T)
#endif

#endif // HWBIND_META_SEPARATE_DESTRUCTOR_HPP

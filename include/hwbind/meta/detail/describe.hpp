// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_META_DETAIL_DESCRIBE_HPP
#define HWBIND_META_DETAIL_DESCRIBE_HPP

/// \file
/// Boost.Describe descriptions that are declared rather than defined, for generated models.
///
/// `BOOST_DESCRIBE_STRUCT(C, (B...), (m...))` of Boost 1.81 defines, at namespace scope, the
/// functions `boost_base_descriptor_fn(C**)`, `boost_public_member_descriptor_fn(C**)`,
/// `boost_protected_member_descriptor_fn(C**)` and `boost_private_member_descriptor_fn(C**)`,
/// each with a deduced return type: a `boost::describe::detail::list` of descriptors, built
/// in its body from one lambda and one local struct per member. Boost.Describe reads these
/// functions only through `decltype` of a call found by argument-dependent lookup
/// (boost/describe/members.hpp and bases.hpp: `_describe_public_members<T>` and the others),
/// never calls them. So a declaration whose return type names the same list is all it needs,
/// and it costs the compiler a fraction of the macro's expansion: the 1,000 models and 530
/// enumerations of bench/compile_scaling.py's synthetic service parse (g++ 12,
/// -fsyntax-only) in 11.7 s and 919 MiB declared this way, 18.9 s and 1598 MiB with the
/// macros, 10.3 s and 970 MiB with no description of the models at all (enumerations still
/// described with the macro).
///
/// `BOOST_DESCRIBE_ENUM(E, e...)` likewise defines `boost_enum_descriptor_fn(E**)`, read through
/// `decltype` only (boost/describe/enumerators.hpp), a list of `enum_descriptor<D>` whose `D`
/// has `value()` and `name()`; generated enumerations declare it instead.
///
/// Generated models declare these functions when HWBIND_DESCRIBE_DECLARED is 1 and use
/// BOOST_DESCRIBE_STRUCT otherwise:
///
///     #if HWBIND_DESCRIBE_DECLARED
///     constexpr const char* hwbind_member_name(C**, std::size_t i) noexcept { ... names[i]; }
///     auto boost_base_descriptor_fn(C**) -> meta::detail::described_bases<C, B...>;
///     auto boost_public_member_descriptor_fn(C**) -> meta::detail::described_members<C, &C::m...>;
///     auto boost_protected_member_descriptor_fn(C**) -> meta::detail::described_none;
///     auto boost_private_member_descriptor_fn(C**) -> meta::detail::described_none;
///     #else
///     BOOST_DESCRIBE_STRUCT(C, (B...), (m...))
///     #endif
///
/// and generated enumerations
///
///     #if HWBIND_DESCRIBE_DECLARED
///     constexpr const char* hwbind_enumerator_name(E**, std::size_t i) noexcept { ... names[i]; }
///     auto boost_enum_descriptor_fn(E**) -> meta::detail::described_enumerators<E, E::e...>;
///     #else
///     BOOST_DESCRIBE_ENUM(E, e...)
///     #endif
///
/// The descriptors are those of the macro: `boost::describe::detail::member_descriptor<D,
/// mod_public>` whose `D` has the static functions `pointer()` (`&C::m`) and `name()` (the
/// member's name, a `const char*`), `base_descriptor<C, B>` and `enum_descriptor<D>`. This
/// relies on internals of Boost.Describe, checked against Boost 1.81 only:
/// HWBIND_DESCRIBE_DECLARED is 1 only with that version, and 0 (the macros) with any other or
/// when HWBIND_DESCRIBE_WITH_MACROS is defined (define it for the whole program, not for some
/// of its translation units: the functions would be declared differently in different ones).
/// tests/describe_declared_test.cpp checks that both give the same descriptions.

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/version.hpp>

#include <cstddef>
#include <utility>

#if !defined(HWBIND_DESCRIBE_WITH_MACROS) && BOOST_VERSION == 108100 && defined(BOOST_DESCRIBE_CXX14)
#define HWBIND_DESCRIBE_DECLARED 1
#else
#define HWBIND_DESCRIBE_DECLARED 0
#endif

#if HWBIND_DESCRIBE_DECLARED

namespace hwbind::meta::detail {

/// The `D` of the descriptor of member `Index` of `C`, whose pointer is `Pointer`: its name is
/// `hwbind_member_name(C**, Index)`, which the generated code defines next to `C`.
template <class C, auto Pointer, std::size_t Index>
struct described_member {
    static constexpr auto pointer() noexcept { return Pointer; }
    static constexpr const char* name() noexcept { return hwbind_member_name(static_cast<C**>(nullptr), Index); }
};

template <class C, class Indices, auto... Pointers>
struct described_members_list;

template <class C, std::size_t... Indices, auto... Pointers>
struct described_members_list<C, std::index_sequence<Indices...>, Pointers...> {
    using type = boost::describe::detail::list<
        boost::describe::detail::member_descriptor<described_member<C, Pointers, Indices>, boost::describe::mod_public>...>;
};

/// What `boost_public_member_descriptor_fn(C**)` returns for the public members whose pointers
/// are `Pointers`, in order.
template <class C, auto... Pointers>
using described_members =
    typename described_members_list<C, std::make_index_sequence<sizeof...(Pointers)>, Pointers...>::type;

/// What `boost_base_descriptor_fn(C**)` returns for the public bases `Bases` of `C`.
template <class C, class... Bases>
using described_bases = boost::describe::detail::list<boost::describe::detail::base_descriptor<C, Bases>...>;

/// What the functions of no protected or private members return.
using described_none = boost::describe::detail::list<>;

/// The `D` of the descriptor of enumerator `Index` of `E`, whose value is `Value`: its name is
/// `hwbind_enumerator_name(E**, Index)`, which the generated code defines next to `E`.
template <class E, E Value, std::size_t Index>
struct described_enumerator {
    static constexpr auto value() noexcept { return Value; }
    static constexpr const char* name() noexcept { return hwbind_enumerator_name(static_cast<E**>(nullptr), Index); }
};

template <class E, class Indices, E... Values>
struct described_enumerators_list;

template <class E, std::size_t... Indices, E... Values>
struct described_enumerators_list<E, std::index_sequence<Indices...>, Values...> {
    using type = boost::describe::detail::list<
        boost::describe::detail::enum_descriptor<described_enumerator<E, Values, Indices>>...>;
};

/// What `boost_enum_descriptor_fn(E**)` returns for the enumerators `Values`, in order.
template <class E, E... Values>
using described_enumerators =
    typename described_enumerators_list<E, std::make_index_sequence<sizeof...(Values)>, Values...>::type;

} // namespace hwbind::meta::detail

#endif

#endif

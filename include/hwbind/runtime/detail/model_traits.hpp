// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_DETAIL_MODEL_TRAITS_HPP
#define HWBIND_RUNTIME_DETAIL_MODEL_TRAITS_HPP

/// \file
/// What the codecs need to know about the member types of generated models, and the check
/// that a model's field table matches its described members.

#include <hwbind/meta/any_value.hpp>
#include <hwbind/meta/field.hpp>
#include <hwbind/meta/open_enum.hpp>

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace hwbind::detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};

/// Integers of the wire: `int32` and `int64` (and any other signed type up to 64 bits).
template <class T>
inline constexpr bool is_wire_integer_v =
    std::is_integral_v<T> && std::is_signed_v<T> && !std::is_same_v<T, bool> && sizeof(T) <= 8;

/// Generated models: described structs with a `wire_fields(meta::tag<T>)` table.
template <class T, class = void>
struct is_model : std::false_type {};
template <class T>
struct is_model<T, std::void_t<decltype(wire_fields(meta::tag<T>{}))>>
    : std::bool_constant<boost::describe::has_describe_members<T>::value> {};

/// The described members of a model, in declaration order (generated models have no bases).
template <class T>
using model_members = boost::describe::describe_members<T, boost::describe::mod_public>;

/// The type of the member a Boost.Describe descriptor designates.
template <class MemberPointer>
struct member_type_of;
template <class C, class M>
struct member_type_of<M C::*> {
    using type = M;
};
template <class D>
using member_type = typename member_type_of<std::remove_cv_t<decltype(D::pointer)>>::type;

/// The field table of model `T`, checked against its described members.
template <class T>
constexpr auto model_fields() noexcept
{
    constexpr auto fields = wire_fields(meta::tag<T>{});
    static_assert(fields.size() == boost::mp11::mp_size<model_members<T>>::value,
                  "wire_fields() must list one meta::field per described member, in member order");
    return fields;
}

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_DETAIL_MODEL_TRAITS_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_META_REFLECT_HPP
#define HWBIND_META_REFLECT_HPP

/// \file
/// Reflection over generated models, for generic code: the runtime's codecs, the mock server,
/// the CLI, tests and users' own code. A model is a struct described with Boost.Describe that
/// also has a `wire_fields(meta::tag<T>)` table: one `meta::field` per described member, in
/// member order. Walk its members with `boost::mp11::mp_for_each<meta::members_of<T>>`.
///
/// A model of more than 52 members (the most `BOOST_DESCRIBE_STRUCT` of Boost 1.81 lists) is
/// generated as a struct that inherits its members from base structs of at most 52 members
/// each ("parts", see spec/README.md); `members_of` lists the members of its bases, in base
/// order, before its own, and its `wire_fields` table lists them in that same order.

#include <hwbind/meta/field.hpp>

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace hwbind::meta {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
inline constexpr bool is_optional_v = is_optional<T>::value;

template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T>
inline constexpr bool is_vector_v = is_vector<T>::value;

template <class T>
struct is_map : std::false_type {};
template <class T, class C, class A>
struct is_map<std::map<std::string, T, C, A>> : std::true_type {};
/// Maps of the wire: JSON objects with any keys, `std::map<std::string, T>`.
template <class T>
inline constexpr bool is_map_v = is_map<T>::value;

/// Integers of the wire: `int32` and `int64` (and any other signed type up to 64 bits).
template <class T>
inline constexpr bool is_wire_integer_v =
    std::is_integral_v<T> && std::is_signed_v<T> && !std::is_same_v<T, bool> && sizeof(T) <= 8;

/// Generated models: described structs with a `wire_fields(meta::tag<T>)` table.
template <class T, class = void>
struct is_model : std::false_type {};
template <class T>
struct is_model<T, std::void_t<decltype(wire_fields(tag<T>{}))>>
    : std::bool_constant<boost::describe::has_describe_members<T>::value> {};
template <class T>
inline constexpr bool is_model_v = is_model<T>::value;

/// The described members of a model, in declaration order: an mp11 list of Boost.Describe
/// descriptors (`D::name`, `D::pointer`). The public members of its described public bases
/// come first, base by base (`mod_inherited`): a large model's members live in such bases.
/// For a member of a base, `D::pointer` is a pointer to a member of the base, which applies
/// to the model as well.
template <class T>
using members_of = boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;

/// The type of the member a member pointer type designates: `M` of `M C::*`.
template <class MemberPointer>
struct pointee;
template <class C, class M>
struct pointee<M C::*> {
    using type = M;
    using class_type = C;
};

/// The type of the member a Boost.Describe descriptor `D` designates.
template <class D>
using member_type = typename pointee<std::remove_cv_t<decltype(D::pointer)>>::type;

/// The type of the member the member pointer `Member` points to.
template <auto Member>
using member_type_of = typename pointee<std::remove_cv_t<decltype(Member)>>::type;

/// The class the member pointer `Member` is a member of.
template <auto Member>
using class_of = typename pointee<std::remove_cv_t<decltype(Member)>>::class_type;

/// The field table of model `T`, checked against its described members.
template <class T>
constexpr auto fields_of() noexcept
{
    constexpr auto fields = wire_fields(tag<T>{});
    static_assert(fields.size() == boost::mp11::mp_size<members_of<T>>::value,
                  "wire_fields() must list one meta::field per described member, in member order");
    return fields;
}

/// Index meaning "not a described member".
inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

/// The index of the member `Member` points to among the described members of `T`, or `npos`.
template <class T, auto Member>
constexpr std::size_t member_index() noexcept
{
    std::size_t index = 0;
    std::size_t found = npos;
    boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
        if constexpr (std::is_same_v<std::remove_cv_t<decltype(d.pointer)>, std::remove_cv_t<decltype(Member)>>) {
            if (d.pointer == Member)
                found = index;
        }
        ++index;
    });
    return found;
}

/// The field of the member `Member` points to, in its class's field table.
template <auto Member, class T = class_of<Member>>
constexpr field field_of() noexcept
{
    constexpr std::size_t index = member_index<T, Member>();
    static_assert(index != npos, "the member pointer names a member the model does not describe");
    return fields_of<T>()[index];
}

/// The index of the member of `T` whose field has location `where`, the first one, or `npos`.
template <class T>
constexpr std::size_t index_of_location(location where) noexcept
{
    constexpr auto fields = fields_of<T>();
    for (std::size_t i = 0; i != fields.size(); ++i) {
        if (fields[i].in == where)
            return i;
    }
    return npos;
}

/// Whether the model `T` is a response envelope: a struct whose members are a message's body
/// (location `content`) and headers rather than the members of a JSON object. The generator
/// makes one for a response with headers, a body that is not an object, or no body.
template <class T>
constexpr bool is_envelope() noexcept
{
    if constexpr (is_model_v<T>) {
        for (const field& f : fields_of<T>()) {
            if (f.in == location::content || f.in == location::header)
                return true;
        }
    }
    return false;
}
template <class T>
inline constexpr bool is_envelope_v = is_envelope<T>();

/// The descriptor of the member of `T` that holds the message body (location `content`); only
/// for a `T` that has one (`index_of_location<T>(location::content) != npos`).
template <class T>
using content_member = boost::mp11::mp_at_c<members_of<T>, index_of_location<T>(location::content)>;

/// Whether `a` and `b` hold equal values: models member by member, optionals and vectors
/// element by element, everything else with `==` (generated models declare no `operator==`).
template <class T>
bool deep_equal(const T& a, const T& b)
{
    if constexpr (is_model_v<T>) {
        bool equal = true;
        boost::mp11::mp_for_each<members_of<T>>(
            [&](auto d) { equal = equal && deep_equal(a.*d.pointer, b.*d.pointer); });
        return equal;
    } else if constexpr (is_optional_v<T>) {
        return a.has_value() == b.has_value() && (!a || deep_equal(*a, *b));
    } else if constexpr (is_vector_v<T>) {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i != a.size(); ++i) {
            if (!deep_equal<typename T::value_type>(a[i], b[i]))
                return false;
        }
        return true;
    } else if constexpr (is_map_v<T>) {
        if (a.size() != b.size())
            return false;
        for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
            if (i->first != j->first || !deep_equal(i->second, j->second))
                return false;
        }
        return true;
    } else {
        return a == b;
    }
}

} // namespace hwbind::meta

#endif // HWBIND_META_REFLECT_HPP

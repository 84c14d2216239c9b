// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_META_MEMBER_PATH_HPP
#define HWBIND_META_MEMBER_PATH_HPP

/// \file
/// Reading and writing the member a pagination descriptor names: a member pointer, or the
/// address of a `meta::path_to<...>` of members applied left to right through `std::optional`
/// members (see `operation.hpp`).

#include <hwbind/meta/operation.hpp>
#include <hwbind/meta/reflect.hpp>

#include <string>
#include <type_traits>

namespace hwbind::meta {

namespace detail {

template <auto... Members>
struct member_chain;

template <auto Member>
struct member_chain<Member> {
    using root = class_of<Member>;
    using leaf = member_type_of<Member>;
    static constexpr auto first = Member;

    template <class R>
    static const leaf* find(const R& r) noexcept
    {
        return &(r.*Member);
    }
    template <class R>
    static leaf& make(R& r)
    {
        return r.*Member;
    }
    static void append_wire_path(std::string& out)
    {
        out.append(field_of<Member>().wire_name);
    }
    static constexpr field leaf_field() noexcept { return field_of<Member>(); }
};

template <auto Member, auto Next, auto... Rest>
struct member_chain<Member, Next, Rest...> {
    using next = member_chain<Next, Rest...>;
    using root = class_of<Member>;
    using leaf = typename next::leaf;
    static constexpr auto first = Member;

    template <class R>
    static const leaf* find(const R& r) noexcept
    {
        const auto& m = r.*Member;
        if constexpr (is_optional_v<member_type_of<Member>>) {
            if (!m)
                return nullptr;
            return next::find(*m);
        } else {
            return next::find(m);
        }
    }
    template <class R>
    static leaf& make(R& r)
    {
        auto& m = r.*Member;
        if constexpr (is_optional_v<member_type_of<Member>>) {
            if (!m)
                m.emplace();
            return next::make(*m);
        } else {
            return next::make(m);
        }
    }
    static void append_wire_path(std::string& out)
    {
        out.append(field_of<Member>().wire_name);
        out += '.';
        next::append_wire_path(out);
    }
    static constexpr field leaf_field() noexcept { return next::leaf_field(); }
};

template <class Path>
struct chain_of_path;
template <auto... Members>
struct chain_of_path<member_path<Members...>> {
    using type = member_chain<Members...>;
};

template <auto X, bool = std::is_member_object_pointer_v<decltype(X)>>
struct chain_of {
    using type = member_chain<X>;
};
template <auto X>
struct chain_of<X, false> {
    using type = typename chain_of_path<std::remove_cv_t<std::remove_pointer_t<decltype(X)>>>::type;
};

} // namespace detail

/// The member `X` designates (a member pointer or the address of a `meta::path_to`):
/// - `leaf`: its type; `root`: the class the path starts from; `first`: the first member;
/// - `find(r)`: a pointer to it in `r`, null when an optional member on the way is absent;
/// - `make(r)`: a reference to it in `r`, emplacing the optional members on the way;
/// - `leaf_field()`: the field of the last member;
/// - `wire_path()`: the wire names of the path, joined by `.` (`page_info.next_marker`).
template <auto X>
struct member_at : detail::chain_of<X>::type {
    static std::string wire_path()
    {
        std::string out;
        detail::chain_of<X>::type::append_wire_path(out);
        return out;
    }
};

/// The type of the member `X` designates.
template <auto X>
using member_at_t = typename member_at<X>::leaf;

/// Whether `X` names a member (not `nullptr`).
template <auto X>
inline constexpr bool names_member_v = !std::is_null_pointer_v<std::remove_cv_t<decltype(X)>>;

} // namespace hwbind::meta

#endif // HWBIND_META_MEMBER_PATH_HPP

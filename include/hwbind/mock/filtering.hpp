// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_MOCK_FILTERING_HPP
#define HWBIND_MOCK_FILTERING_HPP

/// \file
/// Which records a list request selects, from the names of its parameters and of the items'
/// members alone:
/// - a parameter named as a member of the item matches the records whose member has the same
///   wire text (strings as they are, integers in decimal, booleans `true`/`false`,
///   enumerations by wire spelling, `any_value` as its text);
/// - a parameter whose name ends in `_like`, where the item has the member without the suffix,
///   matches the records whose member contains its value;
/// - a parameter given several times (an array) matches any of its values; a record without
///   the member matches no value;
/// - other parameters (`enterprise_project_id` where items do not carry it, time ranges, ...)
///   are accepted and do not filter, nor do parameters naming an array or object member.

#include <hwbind/meta/any_value.hpp>
#include <hwbind/meta/loose_time.hpp>
#include <hwbind/meta/field.hpp>
#include <hwbind/meta/open_enum.hpp>
#include <hwbind/mock/data_generation.hpp>
#include <hwbind/mock/request_parsing.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/detail/parameter_values.hpp>

#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace hwbind::mock::detail {

/// The index of the member of model `T` named `name` on the wire; `no_index` when none is.
template <class T>
constexpr std::size_t field_index(std::string_view name) noexcept
{
    constexpr auto fields = meta::fields_of<T>();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].wire_name == name)
            return i;
    }
    return hwbind::detail::no_index;
}

/// Whether a model member of type `M` has a wire text filters can compare.
template <class M>
inline constexpr bool has_wire_text_v = std::is_same_v<M, std::string> || std::is_same_v<M, bool> ||
                                        meta::is_wire_integer_v<M> || std::is_same_v<M, double> ||
                                        meta::is_open_enum<M>::value || std::is_same_v<M, meta::any_value> ||
                                        std::is_same_v<M, meta::loose_time>;
template <class M>
inline constexpr bool has_wire_text_v<std::optional<M>> = has_wire_text_v<M>;

/// The wire text of a model member; nothing when it is absent.
template <class M>
std::optional<std::string> wire_text_of(const M& member)
{
    if constexpr (meta::is_optional<M>::value) {
        return member ? wire_text_of(*member) : std::nullopt;
    } else if constexpr (std::is_same_v<M, meta::any_value>) {
        return member.to_text();
    } else if constexpr (std::is_same_v<M, meta::loose_time>) {
        return member.is_string() ? member.text() : std::to_string(member.number());
    } else {
        hwbind::detail::text_buffer buffer;
        return std::string(hwbind::detail::wire_text(member, buffer));
    }
}

/// Whether `item` passes the filters of `req`: those of the members `given` marks and
/// `excluded` does not (path and pagination parameters), by the rules of this file.
template <class Request, class Item>
bool passes_filters(const Item& item, const Request& req, const presence<Request>& given,
                    const presence<Request>& excluded)
{
    bool pass = true;
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<member_count<Request>>>([&](auto i) {
        constexpr std::size_t index = decltype(i)::value;
        using descriptor = boost::mp11::mp_at_c<meta::members_of<Request>, index>;
        using member = meta::member_type<descriptor>;
        constexpr std::string_view name = meta::fields_of<Request>()[index].wire_name;
        constexpr std::size_t exact = field_index<Item>(name);
        constexpr bool like = exact == hwbind::detail::no_index && ends_with(name, "_like");
        constexpr std::size_t target =
            like ? field_index<Item>(name.substr(0, name.size() - 5)) : exact;
        if constexpr (target != hwbind::detail::no_index) {
            using item_descriptor = boost::mp11::mp_at_c<meta::members_of<Item>, target>;
            if constexpr (has_wire_text_v<meta::member_type<item_descriptor>>) {
                if (!pass || !given[index] || excluded[index])
                    return;
                const std::optional<std::string> text = wire_text_of(item.*item_descriptor::pointer);
                bool any = false;
                const auto* values = hwbind::detail::parameter_traits<member>::get(req.*descriptor::pointer);
                if (text && values != nullptr) {
                    hwbind::detail::for_each_element(*values, [&](const auto& value, std::size_t) {
                        hwbind::detail::text_buffer buffer;
                        const std::string_view wanted = hwbind::detail::wire_text(value, buffer);
                        any = any || (like ? text->find(wanted) != std::string::npos : *text == wanted);
                    });
                }
                pass = any;
            }
        }
    });
    return pass;
}

} // namespace hwbind::mock::detail

#endif // HWBIND_MOCK_FILTERING_HPP

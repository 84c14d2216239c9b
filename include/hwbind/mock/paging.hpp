// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_MOCK_PAGING_HPP
#define HWBIND_MOCK_PAGING_HPP

/// \file
/// The page of the selected records a request asks for, from the operation's `pagination`
/// descriptor:
/// - offset pagination: the records [offset, offset + limit), the offset 0 when unset (a
///   string offset read as a decimal integer), the limit the request's, else the
///   parameter's documented default, else 10;
/// - marker pagination: an opaque cursor (the position of the next record, in decimal) in
///   the next-marker member while records remain, absent on the last page; the page size is
///   the request member named `limit` when there is one and it is set, else its documented
///   default, else 10. A marker this server did not issue is refused.
///
/// Either way the total member, when the descriptor names one, is the number of selected
/// records. A negative offset or limit is read as unset: validation has already refused
/// those of parameters whose page documents a range (their spec says it), and for the others
/// the mock accepts what the client sends.

#include <hwbind/mock/request_parsing.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/detail/parameter_values.hpp>
#include <hwbind/runtime/client/pagination.hpp>
#include <hwbind/runtime/codec/validate.hpp>

#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace hwbind::mock::detail {

/// Whether operation `Op` pages.
template <class Op>
inline constexpr bool is_paginated_v = hwbind::detail::is_offset_pagination<typename Op::pagination>::value ||
                                       hwbind::detail::is_marker_pagination<typename Op::pagination>::value;

/// The type of the items of paginated operation `Op`.
template <class Op>
using item_type_of = typename meta::member_type_of<Op::pagination::items>::value_type;

/// The page size member of a request with marker pagination: the one named `limit`, or
/// `no_index`.
template <class Request>
constexpr std::size_t page_size_index() noexcept
{
    constexpr auto fields = meta::fields_of<Request>();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].wire_name == "limit")
            return i;
    }
    return hwbind::detail::no_index;
}

/// The members of the request of paginated operation `Op` that address the page, not the
/// records.
template <class Op>
constexpr presence<typename Op::request_type> pagination_members() noexcept
{
    using request_type = typename Op::request_type;
    using pagination = typename Op::pagination;
    presence<request_type> out{};
    if constexpr (hwbind::detail::is_offset_pagination<pagination>::value) {
        out[meta::member_index<request_type, pagination::offset>()] = true;
        out[meta::member_index<request_type, pagination::limit>()] = true;
    } else {
        out[meta::member_index<request_type, pagination::marker>()] = true;
        if constexpr (page_size_index<request_type>() != hwbind::detail::no_index)
            out[page_size_index<request_type>()] = true;
    }
    return out;
}

/// Whether page number member `m` holds a negative integer (or a string reading as one).
template <class M>
bool is_negative_page_number(const M& m) noexcept
{
    const auto* value = hwbind::detail::parameter_traits<M>::get(m);
    if (value == nullptr)
        return false;
    if constexpr (std::is_same_v<std::remove_cv_t<std::remove_pointer_t<decltype(value)>>, std::string>) {
        std::int64_t n = 0;
        const auto r = std::from_chars(value->data(), value->data() + value->size(), n);
        return r.ec == std::errc() && r.ptr == value->data() + value->size() && n < 0;
    } else {
        return *value < 0;
    }
}

/// Reads page number member `Member` of `req` (an offset or a limit): its value, else its
/// documented default, else `fallback`; a negative value as unset. Returns false and says
/// why in `msg` when it is not an integer.
template <class Request, auto Member>
bool page_number(const Request& req, std::int64_t fallback, std::int64_t& out, std::string& msg)
{
    using member = meta::member_type_of<Member>;
    std::optional<std::int64_t> value;
    if (!hwbind::detail::read_page_number(req.*Member, value) && !is_negative_page_number(req.*Member)) {
        msg.append(meta::field_of<Member, Request>().wire_name);
        msg += ": ";
        msg += hwbind::detail::shown_page_number(*hwbind::detail::parameter_traits<member>::get(req.*Member));
        msg += " is not a non-negative integer";
        return false;
    }
    out = value ? *value : hwbind::detail::documented_default<Request, Member>().value_or(fallback);
    return true;
}

/// Fills the items, total and next marker of `page` with the page of `selected` that `req`
/// asks for. Returns why the request cannot be served (a bad offset or marker), or an empty
/// string.
template <class Op>
std::string fill_page(typename Op::response_type& page, const std::vector<const item_type_of<Op>*>& selected,
                      const typename Op::request_type& req)
{
    using request_type = typename Op::request_type;
    using pagination = typename Op::pagination;
    constexpr std::int64_t default_page_size = 10;
    const auto count = static_cast<std::int64_t>(selected.size());
    std::string msg;
    std::int64_t begin = 0;
    std::int64_t size = default_page_size;

    if constexpr (hwbind::detail::is_offset_pagination<pagination>::value) {
        if (!page_number<request_type, pagination::offset>(req, 0, begin, msg) ||
            !page_number<request_type, pagination::limit>(req, default_page_size, size, msg))
            return msg;
    } else {
        const auto& marker = req.*pagination::marker;
        if (marker && !marker->empty()) {
            const auto r = std::from_chars(marker->data(), marker->data() + marker->size(), begin);
            if (r.ec != std::errc() || r.ptr != marker->data() + marker->size() || begin < 0 || begin > count) {
                msg.append(meta::field_of<pagination::marker, request_type>().wire_name);
                msg += ": ";
                hwbind::detail::append_quoted(msg, *marker);
                msg += " is not a marker this server issued";
                return msg;
            }
        }
        constexpr std::size_t size_index = page_size_index<request_type>();
        if constexpr (size_index != hwbind::detail::no_index) {
            using descriptor = boost::mp11::mp_at_c<meta::members_of<request_type>, size_index>;
            if (!page_number<request_type, descriptor::pointer>(req, default_page_size, size, msg))
                return msg;
        }
    }

    begin = begin < count ? begin : count;
    const std::int64_t end = size < count - begin ? begin + size : count;
    auto& items = page.*pagination::items;
    items.clear();
    for (std::int64_t i = begin; i < end; ++i)
        items.push_back(*selected[static_cast<std::size_t>(i)]);
    if constexpr (!std::is_null_pointer_v<std::remove_cv_t<decltype(pagination::total)>>)
        hwbind::detail::write_page_number(page.*pagination::total, count);
    if constexpr (hwbind::detail::is_marker_pagination<pagination>::value) {
        auto& next = page.*pagination::next_marker;
        if (end < count)
            next = std::to_string(end);
        else
            next = std::remove_reference_t<decltype(next)>{};
    }
    return msg;
}

} // namespace hwbind::mock::detail

#endif // HWBIND_MOCK_PAGING_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_MOCK_PAGING_HPP
#define HWBIND_MOCK_PAGING_HPP

/// \file
/// The page of the selected records a request asks for, from the operation's `pagination`
/// descriptor (its members possibly reached through others: `data.items`, a request body's
/// `offset`):
/// - offset pagination: the records [offset, offset + limit), the offset 0 when unset, the
///   limit the request's, else the parameter's documented default, else 10 (either read as
///   a decimal integer when typed as a string);
/// - page-number pagination: the records [(page - first) * size, ... + size), the page the
///   first page when unset, the size as the limit above; a page before the first is refused;
/// - marker pagination: an opaque cursor (the position of the next record, in decimal, an
///   integer for an integer next-marker) in the next-marker member while records remain,
///   absent on the last page. A marker this server did not issue is refused;
/// - marker from the last item: the records after the one whose item-marker member equals
///   the marker; a marker that is no record's is refused.
/// For both marker kinds the page size is the descriptor's `limit` member, else the request
/// member named `limit` when there is one, read as above.
///
/// The total member, when the descriptor names one, is the number of selected records. A
/// negative offset, page or limit is read as unset: validation has already refused those of
/// parameters whose page documents a range (their spec says it), and for the others the mock
/// accepts what the client sends.

#include <hwbind/mock/request_parsing.hpp>
#include <hwbind/meta/member_path.hpp>
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
inline constexpr bool is_paginated_v = meta::is_pagination_v<typename Op::pagination>;

/// The type of the items of paginated operation `Op`.
template <class Op>
using item_type_of = typename meta::member_at_t<Op::pagination::items>::value_type;

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

/// The page size member of paginated operation `Op`: the descriptor's, else the request's
/// member named `limit` (marker kinds), else `nullptr`.
template <class Op>
constexpr auto page_size_member() noexcept
{
    using request_type = typename Op::request_type;
    using pagination = typename Op::pagination;
    if constexpr (meta::names_member_v<pagination::limit>) {
        return pagination::limit;
    } else if constexpr (page_size_index<request_type>() != hwbind::detail::no_index) {
        return boost::mp11::mp_at_c<meta::members_of<request_type>, page_size_index<request_type>()>::pointer;
    } else {
        return nullptr;
    }
}

/// Marks in `out` the request member a pagination member `X` starts from.
template <class Request, auto X>
constexpr void mark_member(presence<Request>& out) noexcept
{
    if constexpr (meta::names_member_v<X>) {
        constexpr std::size_t index = meta::member_index<Request, meta::member_at<X>::first>();
        if constexpr (index != meta::npos)
            out[index] = true;
    }
}

/// The members of the request of paginated operation `Op` that address the page, not the
/// records (for paths into the body: the body member).
template <class Op>
constexpr presence<typename Op::request_type> pagination_members() noexcept
{
    using request_type = typename Op::request_type;
    using pagination = typename Op::pagination;
    presence<request_type> out{};
    if constexpr (hwbind::detail::is_offset_pagination<pagination>::value)
        mark_member<request_type, pagination::offset>(out);
    else if constexpr (hwbind::detail::is_page_pagination<pagination>::value)
        mark_member<request_type, pagination::page>(out);
    else
        mark_member<request_type, pagination::marker>(out);
    mark_member<request_type, page_size_member<Op>()>(out);
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

/// Reads page number member `X` of `req` (an offset, a page or a limit): its value, else its
/// documented default, else `fallback`; a negative value as unset. Returns false and says
/// why in `msg` when it is not an integer.
template <class Request, auto X>
bool page_number(const Request& req, std::int64_t fallback, std::int64_t& out, std::string& msg)
{
    std::optional<std::int64_t> value;
    if (!hwbind::detail::read_number_at<X>(req, value)) {
        using member = meta::member_at_t<X>;
        const member& leaf = *meta::member_at<X>::find(req);
        if (!is_negative_page_number(leaf)) {
            msg += meta::member_at<X>::wire_path();
            msg += ": ";
            msg += hwbind::detail::shown_page_number(*hwbind::detail::parameter_traits<member>::get(leaf));
            msg += " is not a non-negative integer";
            return false;
        }
        value.reset(); // negative: as unset
    }
    out = value ? *value : hwbind::detail::documented_default_at<X>().value_or(fallback);
    return true;
}

/// Why a request with marker member `X` holding `marker` cannot be served.
template <auto X>
std::string refused_marker(const std::string& marker)
{
    std::string msg = meta::member_at<X>::wire_path();
    msg += ": ";
    hwbind::detail::append_quoted(msg, marker);
    msg += " is not a marker this server issued";
    return msg;
}

/// Fills the items, total and next marker of `page` with the page of `selected` that `req`
/// asks for. Returns why the request cannot be served (a bad offset, page or marker), or an
/// empty string.
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

    constexpr auto size_member = page_size_member<Op>();
    if constexpr (meta::names_member_v<size_member>) {
        if (!page_number<request_type, size_member>(req, default_page_size, size, msg))
            return msg;
    }
    if constexpr (hwbind::detail::is_offset_pagination<pagination>::value) {
        if (!page_number<request_type, pagination::offset>(req, 0, begin, msg))
            return msg;
    } else if constexpr (hwbind::detail::is_page_pagination<pagination>::value) {
        std::int64_t number = 0;
        if (!page_number<request_type, pagination::page>(req, pagination::first_page, number, msg))
            return msg;
        if (number < pagination::first_page) {
            msg += meta::member_at<pagination::page>::wire_path();
            msg += ": " + std::to_string(number) + " is before the first page, " +
                   std::to_string(pagination::first_page);
            return msg;
        }
        const std::int64_t index = number - pagination::first_page;
        begin = size != 0 && index > count / size ? count : index * size;
    } else if constexpr (hwbind::detail::is_marker_pagination<pagination>::value) {
        std::string marker;
        if (hwbind::detail::marker_text_at<pagination::marker>(req, marker)) {
            const auto r = std::from_chars(marker.data(), marker.data() + marker.size(), begin);
            if (r.ec != std::errc() || r.ptr != marker.data() + marker.size() || begin < 0 || begin > count)
                return refused_marker<pagination::marker>(marker);
        }
    } else {
        std::string marker;
        if (hwbind::detail::marker_text_at<pagination::marker>(req, marker)) {
            begin = -1;
            for (std::int64_t i = 0; i < count && begin < 0; ++i) {
                std::string own;
                if (hwbind::detail::marker_text_at<pagination::item_marker>(*selected[static_cast<std::size_t>(i)],
                                                                            own) &&
                    own == marker)
                    begin = i + 1;
            }
            if (begin < 0)
                return refused_marker<pagination::marker>(marker);
        }
    }

    begin = begin < count ? begin : count;
    const std::int64_t end = size < count - begin ? begin + size : count;
    auto& items = meta::member_at<pagination::items>::make(page);
    items.clear();
    for (std::int64_t i = begin; i < end; ++i)
        items.push_back(*selected[static_cast<std::size_t>(i)]);
    if constexpr (meta::names_member_v<pagination::total>)
        hwbind::detail::write_number_at<pagination::total>(page, count);
    if constexpr (hwbind::detail::is_marker_pagination<pagination>::value) {
        if (end < count) {
            hwbind::detail::write_marker(meta::member_at<pagination::next_marker>::make(page), std::to_string(end));
        } else if (meta::member_at<pagination::next_marker>::find(page) != nullptr) {
            meta::member_at<pagination::next_marker>::make(page) = meta::member_at_t<pagination::next_marker>{};
        }
    }
    return msg;
}

} // namespace hwbind::mock::detail

#endif // HWBIND_MOCK_PAGING_HPP

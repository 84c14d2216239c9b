// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
// The stop rules of the pagination shapes (page number, marker from the last item, integer
// and nested markers, paging fields in the request body with a string limit), walked with a
// fake client that serves scripted pages: no sockets.
#include <doctest/doctest.h>

#include <hwbind/meta.hpp>
#include <hwbind/runtime/client/pagination.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/describe/class.hpp>
#include <boost/system/error_code.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hwbind::paging_shapes {

struct item {
    std::string id;
};
BOOST_DESCRIBE_STRUCT(item, (), (id))
constexpr std::array<meta::field, 1> wire_fields(meta::tag<item>) noexcept { return {meta::member("id").required()}; }

struct item_page {
    std::vector<item> items;
    std::optional<std::int64_t> total;
};
BOOST_DESCRIBE_STRUCT(item_page, (), (items, total))
constexpr std::array<meta::field, 2> wire_fields(meta::tag<item_page>) noexcept
{
    return {meta::member("items"), meta::member("total")};
}

// Page number (a string, from 1) and page size.
struct by_page_request {
    std::optional<std::string> page;
    std::optional<std::int32_t> size;
};
BOOST_DESCRIBE_STRUCT(by_page_request, (), (page, size))
constexpr std::array<meta::field, 2> wire_fields(meta::tag<by_page_request>) noexcept
{
    return {meta::member("page"), meta::member("size")};
}
struct by_page {
    using request_type = by_page_request;
    using response_type = item_page;
    using pagination = meta::page_pagination<&by_page_request::page, &by_page_request::size, 1, &item_page::items,
                                             &item_page::total>;
};

// Marker from the last item.
struct by_item_request {
    std::optional<std::string> marker;
    std::optional<std::int32_t> limit;
};
BOOST_DESCRIBE_STRUCT(by_item_request, (), (marker, limit))
constexpr std::array<meta::field, 2> wire_fields(meta::tag<by_item_request>) noexcept
{
    return {meta::member("marker"), meta::member("limit")};
}
struct by_item {
    using request_type = by_item_request;
    using response_type = item_page;
    using pagination = meta::item_marker_pagination<&by_item_request::marker, &item::id, &item_page::items,
                                                    &by_item_request::limit>;
};

// An integer marker; the integer next-marker nested in an optional `page_info`.
struct page_info {
    std::optional<std::int64_t> next;
};
BOOST_DESCRIBE_STRUCT(page_info, (), (next))
constexpr std::array<meta::field, 1> wire_fields(meta::tag<page_info>) noexcept { return {meta::member("next")}; }
struct nested_page {
    std::optional<page_info> info;
    std::vector<item> items;
};
BOOST_DESCRIBE_STRUCT(nested_page, (), (info, items))
constexpr std::array<meta::field, 2> wire_fields(meta::tag<nested_page>) noexcept
{
    return {meta::member("page_info"), meta::member("items")};
}
struct by_int_marker_request {
    std::optional<std::int32_t> marker;
};
BOOST_DESCRIBE_STRUCT(by_int_marker_request, (), (marker))
constexpr std::array<meta::field, 1> wire_fields(meta::tag<by_int_marker_request>) noexcept
{
    return {meta::member("marker")};
}
struct by_int_marker {
    using request_type = by_int_marker_request;
    using response_type = nested_page;
    using pagination = meta::marker_pagination<&by_int_marker_request::marker,
                                               &meta::path_to<&nested_page::info, &page_info::next>,
                                               &nested_page::items>;
};

// Offset and a string limit in the request body.
struct query_body {
    std::optional<std::int64_t> offset;
    std::optional<std::string> limit;
};
BOOST_DESCRIBE_STRUCT(query_body, (), (offset, limit))
constexpr std::array<meta::field, 2> wire_fields(meta::tag<query_body>) noexcept
{
    return {meta::member("offset"), meta::member("limit")};
}
struct by_body_request {
    std::optional<query_body> body;
};
BOOST_DESCRIBE_STRUCT(by_body_request, (), (body))
constexpr std::array<meta::field, 1> wire_fields(meta::tag<by_body_request>) noexcept
{
    return {meta::member("body")};
}
struct by_body {
    using request_type = by_body_request;
    using response_type = item_page;
    using pagination = meta::offset_pagination<&meta::path_to<&by_body_request::body, &query_body::offset>,
                                               &meta::path_to<&by_body_request::body, &query_body::limit>,
                                               &item_page::items, &item_page::total>;
};

/// Serves the pages `serve` makes of each request, and records the requests.
template <class Op>
struct fake_client {
    using executor_type = boost::asio::any_io_executor;
    std::function<typename Op::response_type(const typename Op::request_type&)> serve;
    std::vector<typename Op::request_type> sent;

    template <class O>
    void call(const typename O::request_type& req, typename O::response_type& out, boost::system::error_code& ec,
              diagnostics&)
    {
        ec.clear();
        sent.push_back(req);
        REQUIRE(sent.size() < 100); // a walk that does not stop fails here, not forever
        out = serve(req);
    }
    executor_type get_executor() const { return {}; }
};

std::vector<item> items(int from, int n)
{
    std::vector<item> out;
    for (int i = 0; i < n; ++i)
        out.push_back({"id-" + std::to_string(from + i)});
    return out;
}

/// The ids of every item of every page, and the number of pages.
template <class Op>
std::vector<std::string> walk(fake_client<Op>& c, typename Op::request_type first = {})
{
    std::vector<std::string> out;
    for (const item& i : item_range<Op, fake_client<Op>>(c, std::move(first)))
        out.push_back(i.id);
    return out;
}

} // namespace hwbind::paging_shapes

using namespace hwbind::paging_shapes;

TEST_CASE("page-number pagination: first page, short page, total, empty page")
{
    fake_client<by_page> c;
    SUBCASE("a short page ends the walk; pages counted from 1, as strings")
    {
        c.serve = [](const by_page_request& r) {
            const int p = std::stoi(*r.page);
            return item_page{items((p - 1) * 2, p < 3 ? 2 : 1), std::nullopt};
        };
        by_page_request first;
        first.size = 2;
        CHECK(walk(c, first) == std::vector<std::string>{"id-0", "id-1", "id-2", "id-3", "id-4"});
        REQUIRE(c.sent.size() == 3);
        CHECK(*c.sent[0].page == "1");
        CHECK(*c.sent[2].page == "3");
    }
    SUBCASE("the total ends the walk when the last page is full")
    {
        c.serve = [](const by_page_request& r) {
            const int p = std::stoi(*r.page);
            return item_page{items((p - 1) * 2, 2), 4};
        };
        by_page_request first;
        first.size = 2;
        CHECK(walk(c, first).size() == 4);
        CHECK(c.sent.size() == 2);
    }
    SUBCASE("without a page size or total, an empty page ends the walk")
    {
        c.serve = [](const by_page_request& r) {
            const int p = std::stoi(*r.page);
            return item_page{p < 3 ? items(p * 10, 3) : std::vector<item>{}, std::nullopt};
        };
        CHECK(walk(c).size() == 6);
        CHECK(c.sent.size() == 3);
    }
    SUBCASE("a page number that is not a number fails before any call")
    {
        by_page_request first;
        first.page = "x";
        hwbind::page_walker<by_page, fake_client<by_page>> w(c, first);
        item_page page;
        boost::system::error_code ec;
        hwbind::diagnostics diag;
        CHECK_FALSE(w.next(page, ec, diag));
        CHECK(ec == hwbind::error::invalid_offset);
        CHECK(c.sent.empty());
    }
}

TEST_CASE("marker from the last item: next marker, short page, repeated marker")
{
    fake_client<by_item> c;
    SUBCASE("the last item's id is the next marker; a short page ends the walk")
    {
        c.serve = [](const by_item_request& r) {
            const int from = r.marker ? std::stoi(r.marker->substr(3)) + 1 : 0;
            return item_page{items(from, from < 4 ? 2 : 1), std::nullopt};
        };
        by_item_request first;
        first.limit = 2;
        CHECK(walk(c, first) == std::vector<std::string>{"id-0", "id-1", "id-2", "id-3", "id-4"});
        REQUIRE(c.sent.size() == 3);
        CHECK_FALSE(c.sent[0].marker.has_value());
        CHECK(*c.sent[1].marker == "id-1");
    }
    SUBCASE("a server answering the same full page ends at the repeated marker")
    {
        c.serve = [](const by_item_request&) { return item_page{items(0, 2), std::nullopt}; };
        by_item_request first;
        first.limit = 2;
        CHECK(walk(c, first).size() == 4);
        CHECK(c.sent.size() == 2);
    }
}

TEST_CASE("integer marker, next-marker nested in an optional member")
{
    fake_client<by_int_marker> c;
    SUBCASE("the nested next-marker is followed; its absence ends the walk")
    {
        c.serve = [](const by_int_marker_request& r) {
            const int from = r.marker.value_or(0);
            nested_page p{std::nullopt, items(from, 3)};
            if (from < 6)
                p.info = page_info{from + 3};
            return p;
        };
        CHECK(walk(c).size() == 9);
        REQUIRE(c.sent.size() == 3);
        CHECK(c.sent[1].marker == 3);
        CHECK(c.sent[2].marker == 6);
    }
    SUBCASE("a repeated cursor ends the walk")
    {
        c.serve = [](const by_int_marker_request&) { return nested_page{page_info{5}, items(0, 1)}; };
        CHECK(walk(c).size() == 2);
        CHECK(c.sent.size() == 2);
    }
    SUBCASE("a next-marker that does not fit the marker's type ends the walk")
    {
        c.serve = [](const by_int_marker_request&) {
            return nested_page{page_info{std::int64_t{1} << 40}, items(0, 1)};
        };
        CHECK(walk(c).size() == 1);
        CHECK(c.sent.size() == 1);
    }
}

TEST_CASE("offset and a string limit in the request body")
{
    fake_client<by_body> c;
    SUBCASE("the walker fills the body's window and stops at a short page")
    {
        c.serve = [](const by_body_request& r) {
            REQUIRE(r.body.has_value());
            const auto offset = static_cast<int>(r.body->offset.value_or(-1));
            return item_page{items(offset, offset < 4 ? 2 : 1), std::nullopt};
        };
        by_body_request first;
        first.body = query_body{std::nullopt, "2"};
        CHECK(walk(c, first).size() == 5);
        REQUIRE(c.sent.size() == 3);
        CHECK(c.sent[0].body->offset == 0);
        CHECK(c.sent[2].body->offset == 4);
        CHECK(c.sent[2].body->limit == "2");
    }
    SUBCASE("the total ends the walk")
    {
        c.serve = [](const by_body_request& r) {
            return item_page{items(static_cast<int>(*r.body->offset), 2), 4};
        };
        CHECK(walk(c).size() == 4);
        CHECK(c.sent.size() == 2);
    }
}

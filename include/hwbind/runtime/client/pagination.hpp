// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_PAGINATION_HPP
#define HWBIND_RUNTIME_CLIENT_PAGINATION_HPP

/// \file
/// Walking the pages of a paginated operation, generically from its `pagination` descriptor
/// (`meta::offset_pagination` or `meta::marker_pagination`): a `page_walker` that fetches one
/// page per `next` or `async_next`, and an `item_range` over the items of all pages for
/// synchronous range-for loops.
///
/// **Stop rules.** A walk must end on the last page and must not run forever against a
/// server that misbehaves. For offset pagination, after a page of `n` items fetched at
/// offset `o`, the next offset is `o + n`, and the walk stops when:
/// - the page is empty (which also ends it against a server over-reporting its total);
/// - the request has a `limit` and `n < limit` (so a server that silently caps the page size
///   below the `limit` asked for ends the walk early: ask within the documented maximum,
///   which validation enforces where the spec gives one);
/// - the service sends a total and `o + n >= total`;
/// - `o + n` does not fit the offset member's type.
///
/// For marker pagination, the next marker is the response's next-marker member, and the walk
/// stops when:
/// - the page is empty;
/// - the next marker is absent or empty;
/// - the next marker is one the walk has already sent (a server repeating a cursor would
///   otherwise loop forever).
///
/// The total of a marker-paginated response is informational: a walk ends by its markers.
///
/// **The page window.** For offset pagination the walker sends the offset and the limit on
/// every page: an unset offset starts at 0, and an unset limit takes the documented default
/// page size of the operation when the spec gives one (so rules such as "offset and limit
/// are set together" hold, and the `n < limit` rule can apply). An offset typed as a string
/// on the wire is read and written as a decimal integer; one that is not fails the next call
/// with `error::invalid_offset` before any I/O.

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/codec/api_error.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/detail/parameter_values.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/asio/async_result.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/coroutine.hpp>
#include <boost/asio/post.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/system/error_code.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>

namespace hwbind {

namespace detail {

template <class T>
struct is_offset_pagination : std::false_type {};
template <auto Offset, auto Limit, auto Items, auto Total>
struct is_offset_pagination<meta::offset_pagination<Offset, Limit, Items, Total>> : std::true_type {};

template <class T>
struct is_marker_pagination : std::false_type {};
template <auto Marker, auto NextMarker, auto Items, auto Total>
struct is_marker_pagination<meta::marker_pagination<Marker, NextMarker, Items, Total>> : std::true_type {};

/// A page number (offset or limit) in a member of type `M`, an integer or a decimal string,
/// optional or not: its value, `nullopt` when unset, or `false` when it is not a
/// non-negative integer.
template <class M>
bool read_page_number(const M& member, std::optional<std::int64_t>& out) noexcept
{
    out.reset();
    const auto* value = parameter_traits<M>::get(member);
    if (value == nullptr)
        return true;
    using value_type = std::remove_cv_t<std::remove_pointer_t<decltype(value)>>;
    std::int64_t n = 0;
    if constexpr (std::is_same_v<value_type, std::string>) {
        const auto r = std::from_chars(value->data(), value->data() + value->size(), n);
        if (value->empty() || r.ec != std::errc() || r.ptr != value->data() + value->size())
            return false;
    } else {
        static_assert(meta::is_wire_integer_v<value_type>, "a page offset or limit is an integer or a string");
        n = static_cast<std::int64_t>(*value);
    }
    if (n < 0)
        return false;
    out = n;
    return true;
}

/// Sets a page number member to `n`; false when `n` does not fit its type.
template <class M>
bool write_page_number(M& member, std::int64_t n)
{
    using value_type = typename parameter_traits<M>::value_type;
    if constexpr (std::is_same_v<value_type, std::string>) {
        member = std::to_string(n);
    } else {
        if (n > static_cast<std::int64_t>(std::numeric_limits<value_type>::max()))
            return false;
        member = static_cast<value_type>(n);
    }
    return true;
}

/// A page number as a message shows it: a string quoted, an integer as it is.
template <class T>
std::string shown_page_number(const T& value)
{
    if constexpr (std::is_same_v<T, std::string>)
        return '"' + printable_excerpt(value, 64) + '"';
    else
        return std::to_string(value);
}

/// The documented default of integer request member `Member`, when the spec gives one.
template <class Request, auto Member>
std::optional<std::int64_t> documented_default() noexcept
{
    constexpr std::string_view text = meta::field_of<Member, Request>().default_text;
    std::int64_t n = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size() || n <= 0)
        return std::nullopt;
    return n;
}

template <class Op, class Client>
class next_page_op;

} // namespace detail

class client;

/// Walks the pages of paginated operation `Op`, one call per page; see the stop rules in
/// this file's description. Made by `client::pages<Op>(request)`.
///
/// A walker that failed can be asked again: the failed page is fetched again. Not
/// thread-safe: one `next` or `async_next` at a time. It must not outlive its client.
/// `Client` is what makes the calls: `hwbind::client`, or anything with its `call` and
/// `async_call` members (a test's fake).
template <class Op, class Client = client>
class page_walker {
    using pagination = typename Op::pagination;
    static_assert(detail::is_offset_pagination<pagination>::value || detail::is_marker_pagination<pagination>::value,
                  "page_walker needs an operation with offset or marker pagination");

public:
    using request_type = typename Op::request_type;
    using response_type = typename Op::response_type;
    /// The type of one item of a page.
    using item_type = typename meta::member_type_of<pagination::items>::value_type;

    /// Walks from the page `first` asks for; see `client::pages`.
    page_walker(Client& c, request_type first) : client_(&c), request_(std::move(first))
    {
        if constexpr (detail::is_offset_pagination<pagination>::value) {
            using limit_member = meta::member_type_of<pagination::limit>;
            using offset_member = meta::member_type_of<pagination::offset>;
            if (detail::parameter_traits<limit_member>::get(request_.*pagination::limit) == nullptr) {
                if (const auto size = detail::documented_default<request_type, pagination::limit>())
                    detail::write_page_number(request_.*pagination::limit, *size);
            }
            if (detail::parameter_traits<offset_member>::get(request_.*pagination::offset) == nullptr)
                detail::write_page_number(request_.*pagination::offset, 0);
        } else {
            const auto& marker = request_.*pagination::marker;
            if (marker && !marker->empty())
                seen_.insert(*marker);
        }
    }

    /// Whether the last page has been fetched.
    bool done() const noexcept { return done_; }

    /// The request of the next page.
    const request_type& request() const noexcept { return request_; }

    /// Fetches the next page into `page`. Returns true when it did; false when the walk is
    /// over (`ec` cleared) or on failure (`ec` set, `diag` filled).
    bool next(response_type& page, boost::system::error_code& ec, diagnostics& diag)
    {
        ec = start(diag);
        if (ec || done_)
            return false;
        client_->template call<Op>(request_, page, ec, diag);
        if (ec)
            return false;
        advance(page);
        return true;
    }

    /// Fetches the next page; `nullopt` when the walk is over.
    ///
    /// \throws error_with_diagnostics on failure.
    std::optional<response_type> next()
    {
        response_type page;
        boost::system::error_code ec;
        diagnostics diag;
        const bool fetched = next(page, ec, diag);
        detail::throw_on_error(ec, diag);
        return fetched ? std::make_optional(std::move(page)) : std::nullopt;
    }

    /// Fetches the next page asynchronously, with the completion signature
    /// `void(boost::system::error_code, std::optional<response_type>)`: the page, or
    /// `nullopt` when the walk is over or on failure. Any completion token works.
    /// `diag` and the walker must stay valid until completion.
    template <class CompletionToken = boost::asio::default_completion_token_t<typename Client::executor_type>>
    auto async_next(diagnostics& diag,
                    CompletionToken&& token = boost::asio::default_completion_token_t<typename Client::executor_type>())
    {
        return boost::asio::async_compose<CompletionToken,
                                          void(boost::system::error_code, std::optional<response_type>)>(
            detail::next_page_op<Op, Client>(*this, diag), token, client_->get_executor());
    }

    /// As `async_next(diag, token)`, the diagnostics kept in the walker: see `diag()`.
    template <class CompletionToken = boost::asio::default_completion_token_t<typename Client::executor_type>>
    auto async_next(CompletionToken&& token = boost::asio::default_completion_token_t<typename Client::executor_type>())
    {
        return async_next(diag_, std::forward<CompletionToken>(token));
    }

    /// The diagnostics of the last `async_next(token)`.
    const diagnostics& diag() const noexcept { return diag_; }

private:
    friend class detail::next_page_op<Op, Client>;

    // Checks that the next page can be asked for; nothing to do when the walk is over.
    boost::system::error_code start(diagnostics& diag)
    {
        diag.clear();
        if constexpr (detail::is_offset_pagination<pagination>::value) {
            using offset_member = meta::member_type_of<pagination::offset>;
            const offset_member& member = request_.*pagination::offset;
            std::optional<std::int64_t> offset;
            if (!detail::read_page_number(member, offset)) {
                std::string msg = "offset: ";
                msg += detail::shown_page_number(*detail::parameter_traits<offset_member>::get(member));
                msg += " is not a non-negative integer";
                diag.set_message(std::move(msg));
                return error::invalid_offset;
            }
        }
        return {};
    }

    // Moves the request to the page after `page`, or ends the walk.
    void advance(const response_type& page)
    {
        const std::size_t n = (page.*pagination::items).size();
        done_ = n == 0;
        if constexpr (detail::is_offset_pagination<pagination>::value) {
            std::optional<std::int64_t> offset, limit;
            detail::read_page_number(request_.*pagination::offset, offset);
            detail::read_page_number(request_.*pagination::limit, limit);
            const std::int64_t next = offset.value_or(0) + static_cast<std::int64_t>(n);
            if (limit && static_cast<std::int64_t>(n) < *limit)
                done_ = true;
            if constexpr (!std::is_null_pointer_v<std::remove_cv_t<decltype(pagination::total)>>) {
                using total_member = meta::member_type_of<pagination::total>;
                const auto* total = detail::parameter_traits<total_member>::get(page.*pagination::total);
                if (total != nullptr && next >= static_cast<std::int64_t>(*total))
                    done_ = true;
            }
            if (!done_)
                done_ = !detail::write_page_number(request_.*pagination::offset, next);
        } else {
            const auto& marker = page.*pagination::next_marker;
            if (!marker || marker->empty() || !seen_.insert(*marker).second)
                done_ = true;
            if (!done_)
                request_.*pagination::marker = *marker;
        }
    }

    Client* client_;
    request_type request_;
    bool done_ = false;
    std::unordered_set<std::string> seen_; // markers sent so far
    diagnostics diag_;
};

/// The items of all pages of paginated operation `Op`, for a range-for loop; made by
/// `client::all_items<Op>(request)`. Single-pass: `begin()` fetches the first page, each
/// increment past the end of a page fetches the next one, synchronously on the calling
/// thread.
///
/// When a call fails, `begin()` and increments throw `error_with_diagnostics`; a range made
/// with an `error_code` and `diagnostics` (`client::all_items(req, ec, diag)`) ends there
/// instead, with the failure in them.
template <class Op, class Client = client>
class item_range {
public:
    using item_type = typename page_walker<Op, Client>::item_type;

    /// An input iterator over the items; the item it designates lives until it is
    /// incremented, and may be moved from.
    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = item_type;
        using difference_type = std::ptrdiff_t;
        using pointer = item_type*;
        using reference = item_type&;

        iterator() = default;

        reference operator*() const { return range_->items()[range_->index_]; }
        pointer operator->() const { return &**this; }

        iterator& operator++()
        {
            if (!range_->step())
                range_ = nullptr;
            return *this;
        }
        void operator++(int) { ++*this; }

        friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.range_ == b.range_; }
        friend bool operator!=(const iterator& a, const iterator& b) noexcept { return a.range_ != b.range_; }

    private:
        friend class item_range;
        explicit iterator(item_range* r) noexcept : range_(r) {}

        item_range* range_ = nullptr; // null at the end
    };

    /// Walks from the page `first` asks for; see `client::all_items`.
    item_range(Client& c, typename Op::request_type first) : walker_(c, std::move(first)) {}

    /// As above; a failure ends the range and is reported in `ec` and `diag`, which must
    /// outlive the iteration. `ec` is cleared when the walk starts.
    item_range(Client& c, typename Op::request_type first, boost::system::error_code& ec, diagnostics& diag)
        : walker_(c, std::move(first)), ec_(&ec), diag_(&diag)
    {
        ec.clear();
    }

    /// The first item not yet passed; fetches the first page on the first call.
    iterator begin()
    {
        if (!started_) {
            started_ = true;
            at_end_ = !fetch();
        }
        return iterator(at_end_ ? nullptr : this);
    }

    iterator end() noexcept { return iterator(); }

private:
    using pagination = typename Op::pagination;

    auto& items() noexcept { return page_.*pagination::items; }

    // Fetches the next page that has items; false when there is none.
    bool fetch()
    {
        index_ = 0;
        while (!walker_.done()) {
            boost::system::error_code ec;
            diagnostics diag;
            const bool fetched = walker_.next(page_, ec, diag);
            if (ec) {
                if (ec_ == nullptr)
                    detail::throw_on_error(ec, diag);
                *ec_ = ec;
                *diag_ = std::move(diag);
                return false;
            }
            if (fetched && !items().empty())
                return true;
        }
        return false;
    }

    // Moves to the next item; false at the end.
    bool step()
    {
        if (++index_ < items().size())
            return true;
        at_end_ = !fetch();
        return !at_end_;
    }

    page_walker<Op, Client> walker_;
    typename Op::response_type page_;
    std::size_t index_ = 0;
    bool started_ = false;
    bool at_end_ = false;
    boost::system::error_code* ec_ = nullptr; // where a failure goes; null: thrown
    diagnostics* diag_ = nullptr;
};

namespace detail {

/// `page_walker::async_next`, for `async_compose`.
template <class Op, class Client>
class next_page_op : public boost::asio::coroutine {
    using response_type = typename Op::response_type;

public:
    next_page_op(page_walker<Op, Client>& w, diagnostics& diag) noexcept : walker_(&w), diag_(&diag) {}

    template <class Self>
    void operator()(Self& self, boost::system::error_code ec = {}, response_type page = {})
    {
        BOOST_ASIO_CORO_REENTER(*this)
        {
            early_ = walker_->start(*diag_);
            if (early_ || walker_->done_) {
                // Never complete inside the initiating function.
                BOOST_ASIO_CORO_YIELD boost::asio::post(std::move(self));
                self.complete(early_, std::nullopt);
                return;
            }
            BOOST_ASIO_CORO_YIELD walker_->client_->template async_call<Op>(walker_->request_, *diag_,
                                                                            std::move(self));
            if (ec) {
                self.complete(ec, std::nullopt);
                return;
            }
            walker_->advance(page);
            self.complete(ec, std::make_optional(std::move(page)));
        }
    }

private:
    page_walker<Op, Client>* walker_;
    diagnostics* diag_;
    boost::system::error_code early_; // a failure before any call
};

} // namespace detail

} // namespace hwbind

#endif // HWBIND_RUNTIME_CLIENT_PAGINATION_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_PAGINATION_HPP
#define HWBIND_RUNTIME_CLIENT_PAGINATION_HPP

/// \file
/// Walking the pages of a paginated operation, generically from its `pagination` descriptor
/// (`meta::offset_pagination`, `meta::page_pagination`, `meta::marker_pagination` or
/// `meta::item_marker_pagination`): a `page_walker` that fetches one page per `next` or
/// `async_next`, and an `item_range` over the items of all pages for synchronous range-for
/// loops. The descriptor's members may be reached through others (`page_info.next_marker`,
/// `data.items`, a request body's `offset`): see `meta::member_at`. Items at an absent path
/// read as an empty page.
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
/// For page-number pagination, after a page of `n` items fetched as page `p` (the first
/// page being `f`, 0 or 1), the next page is `p + 1`, and the walk stops when:
/// - the page is empty;
/// - the request has a page size `s` and `n < s`;
/// - the service sends a total and the items up to this page reach it: `(p - f) * s + n`
///   with a page size, else the items this walk has fetched;
/// - `p + 1` does not fit the page member's type.
///
/// For marker pagination, the next marker is the response's next-marker member, and the walk
/// stops when:
/// - the page is empty;
/// - the next marker is absent or empty;
/// - the next marker is one the walk has already sent (a server repeating a cursor would
///   otherwise loop forever);
/// - the next marker does not fit the marker member's type (an integer marker given
///   `"abc"` or a value out of its range).
///
/// For a marker taken from the last item, the next marker is the item-marker member of the
/// last item of the page, and the walk stops on the rules of marker pagination, and also
/// when the request has a page size `s` and `n < s`.
///
/// Integer and string markers compare by their decimal text: a walk that sent marker `5`
/// stops when it is given `"5"` or `5` again. The total of a marker-paginated response is
/// informational: a walk ends by its markers.
///
/// **The page window.** For offset and page-number pagination the walker sends the position
/// and the page size on every page: an unset offset starts at 0, an unset page number at the
/// first page, and an unset page size takes the documented default page size of the
/// operation when the spec gives one (so rules such as "offset and limit are set together"
/// hold, and the short-page rule can apply). An offset, page number or page size typed as a
/// string on the wire is read and written as a decimal integer; an offset or page number
/// that is not fails the next call with `error::invalid_offset` before any I/O.
///
/// **Pages in flight.** With `paging_options::pages_in_flight` K above 1, the walker requests
/// pages before its caller asks for them, and still hands them over in order, through the
/// same stop rules: for offset and page-number pagination, once a page has announced the
/// total (and the page size is known), the next K pages that start before the total are
/// requested at once, each where it would start if every page before it were full; a page
/// that is short, or that moves the walk elsewhere (a server sending more items than asked
/// for), ends the window, and what was requested beyond it is cancelled and never handed
/// over. Without a total, pages are requested one at a time, as with K = 1, so no page past
/// the end is ever requested. For marker pagination, the next page's marker comes with the
/// current page, so the next page is requested as soon as the current one is answered, while
/// the caller consumes it (one page ahead, whatever K). A failed page is reported where it
/// comes in the order, after the pages before it; the pages requested after it are dropped,
/// and the next call asks for the failed page again.

#include <hwbind/meta/member_path.hpp>
#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/codec/api_error.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/detail/parameter_values.hpp>
#include <hwbind/runtime/client/detail/page_window.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/coroutine.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/assert.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/system/error_code.hpp>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>

namespace hwbind {

namespace detail {

template <class T>
using is_offset_pagination = std::bool_constant<meta::pagination_is<T, meta::pagination_kind::offset>()>;
template <class T>
using is_page_pagination = std::bool_constant<meta::pagination_is<T, meta::pagination_kind::page>()>;
template <class T>
using is_marker_pagination = std::bool_constant<meta::pagination_is<T, meta::pagination_kind::marker>()>;
template <class T>
using is_item_marker_pagination = std::bool_constant<meta::pagination_is<T, meta::pagination_kind::item_marker>()>;

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

/// The documented default page size of the member `X` designates, when the spec gives one.
template <auto X>
std::optional<std::int64_t> documented_default_at() noexcept
{
    constexpr std::string_view text = meta::member_at<X>::leaf_field().default_text;
    std::int64_t n = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size() || n <= 0)
        return std::nullopt;
    return n;
}

/// Reads the page number (offset, page, page size) `X` designates in `root`; see
/// `read_page_number`. An absent member on the way reads as unset.
template <auto X, class Root>
bool read_number_at(const Root& root, std::optional<std::int64_t>& out) noexcept
{
    out.reset();
    if constexpr (!meta::names_member_v<X>) {
        return true;
    } else {
        const auto* leaf = meta::member_at<X>::find(root);
        return leaf == nullptr || read_page_number(*leaf, out);
    }
}

/// Sets the page number `X` designates in `root` to `n`; false when it does not fit.
template <auto X, class Root>
bool write_number_at(Root& root, std::int64_t n)
{
    return write_page_number(meta::member_at<X>::make(root), n);
}

/// Whether the page number `X` designates in `root` is set.
template <auto X, class Root>
bool number_set_at(const Root& root) noexcept
{
    using leaf_type = meta::member_at_t<X>;
    const auto* leaf = meta::member_at<X>::find(root);
    return leaf != nullptr && parameter_traits<leaf_type>::get(*leaf) != nullptr;
}

/// A marker member (a string or an integer, optional or not) as text: false when it is
/// unset or empty.
template <class M>
bool marker_text(const M& member, std::string& out)
{
    const auto* value = parameter_traits<M>::get(member);
    if (value == nullptr)
        return false;
    using value_type = std::remove_cv_t<std::remove_pointer_t<decltype(value)>>;
    if constexpr (std::is_same_v<value_type, std::string>) {
        out = *value;
    } else {
        static_assert(meta::is_wire_integer_v<value_type>, "a marker is an integer or a string");
        out = std::to_string(*value);
    }
    return !out.empty();
}

/// The marker `X` designates in `root` as text; false when absent or empty.
template <auto X, class Root>
bool marker_text_at(const Root& root, std::string& out)
{
    const auto* leaf = meta::member_at<X>::find(root);
    return leaf != nullptr && marker_text(*leaf, out);
}

/// Sets marker member `member` from its text; false when the text is not a value of its
/// type (an integer marker given `abc`, or out of range).
template <class M>
bool write_marker(M& member, const std::string& text)
{
    using value_type = typename parameter_traits<M>::value_type;
    if constexpr (std::is_same_v<value_type, std::string>) {
        member = text;
    } else {
        value_type n{};
        const auto r = std::from_chars(text.data(), text.data() + text.size(), n);
        if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size())
            return false;
        member = n;
    }
    return true;
}

/// The items of a page of pagination `P`, null when absent on the way.
template <class P, class Page>
const auto* page_items(const Page& page) noexcept
{
    return meta::member_at<P::items>::find(page);
}

/// The number of items of a page of pagination `P`.
template <class P, class Page>
std::size_t page_item_count(const Page& page) noexcept
{
    const auto* items = page_items<P>(page);
    return items == nullptr ? 0 : items->size();
}

template <class Op, class Client>
class next_page_op;

} // namespace detail

class client;

/// How a walk fetches its pages; see "Pages in flight" at the top of this file.
struct paging_options {
    /// The most pages requested at once (0 is taken as 1). 1, the default: each page is
    /// requested when the caller asks for it. Each page in flight holds a connection.
    std::size_t pages_in_flight = 1;
};

/// Walks the pages of paginated operation `Op`, one call per page; see the stop rules in
/// this file's description. Made by `client::pages<Op>(request)`.
///
/// A walker that failed can be asked again: the failed page is fetched again. Not
/// thread-safe: one `next` or `async_next` at a time. It must not outlive its client.
///
/// With `paging_options::pages_in_flight` above 1, a walker is walked either with `next`
/// (the pages ahead are synchronous calls, each on a thread of its own) or with `async_next`
/// (asynchronous calls on the client's executor), not both. Destroying it, or cancelling an
/// `async_next` (terminal cancellation, failing it with `operation_aborted`), cancels the
/// asynchronous calls in flight; a synchronous call cannot be interrupted, so destroying the
/// walker waits for those in flight (each bounded by the client's request deadline).
/// `Client` is what makes the calls: `hwbind::client`, or anything with its `call` and
/// `async_call` members (a test's fake).
template <class Op, class Client = client>
class page_walker {
    using pagination = typename Op::pagination;
    static_assert(meta::is_pagination_v<pagination>, "page_walker needs a paginated operation");

public:
    using request_type = typename Op::request_type;
    using response_type = typename Op::response_type;
    /// The type of one item of a page.
    using item_type = typename meta::member_at_t<pagination::items>::value_type;

    /// Walks from the page `first` asks for; see `client::pages`.
    page_walker(Client& c, request_type first, paging_options options = {})
        : client_(&c), request_(std::move(first)), pages_in_flight_(std::max<std::size_t>(options.pages_in_flight, 1))
    {
        if constexpr (detail::is_offset_pagination<pagination>::value || detail::is_page_pagination<pagination>::value) {
            if (!detail::number_set_at<pagination::limit>(request_)) {
                if (const auto size = detail::documented_default_at<pagination::limit>())
                    detail::write_number_at<pagination::limit>(request_, *size);
            }
            if constexpr (detail::is_offset_pagination<pagination>::value) {
                if (!detail::number_set_at<pagination::offset>(request_))
                    detail::write_number_at<pagination::offset>(request_, 0);
            } else {
                if (!detail::number_set_at<pagination::page>(request_))
                    detail::write_number_at<pagination::page>(request_, pagination::first_page);
            }
        } else {
            if constexpr (meta::names_member_v<pagination::limit>) {
                if (!detail::number_set_at<pagination::limit>(request_)) {
                    if (const auto size = detail::documented_default_at<pagination::limit>())
                        detail::write_number_at<pagination::limit>(request_, *size);
                }
            }
            std::string marker;
            if (detail::marker_text_at<pagination::marker>(request_, marker))
                seen_.insert(std::move(marker));
        }
    }

    page_walker(page_walker&&) noexcept = default;
    page_walker& operator=(page_walker&&) = delete;

    /// Cancels the pages in flight; see the class description.
    ~page_walker()
    {
        if (window_)
            window_->drop();
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
        request_ahead<fetch_mode::sync>();
        if (!window_ || window_->fetches.empty()) {
            client_->template call<Op>(request_, page, ec, diag);
            if (ec)
                return false;
            advance(page);
            request_ahead<fetch_mode::sync>();
            return true;
        }
        BOOST_ASSERT_MSG(window_->fetches.front()->finished.valid(), "a walker walked with both next and async_next");
        window_->fetches.front()->finished.get();
        return take_front<fetch_mode::sync>(page, ec, diag);
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

    using window_type = detail::page_window<request_type, response_type, typename Client::executor_type>;
    using fetch_type = typename window_type::fetch;
    enum class fetch_mode { sync, async };

    // Requests the pages after those in flight, as far as the options and the stop rules
    // allow; see "Pages in flight" at the top of this file.
    template <fetch_mode Mode>
    void request_ahead()
    {
        if (pages_in_flight_ <= 1 || done_)
            return;
        if (!window_)
            window_ = std::make_shared<window_type>();
        auto& fetches = window_->fetches;
        if constexpr (detail::is_offset_pagination<pagination>::value || detail::is_page_pagination<pagination>::value) {
            std::optional<std::int64_t> limit;
            detail::read_number_at<pagination::limit>(request_, limit);
            if (!total_ || !limit || *limit <= 0)
                return;
            while (fetches.size() < pages_in_flight_) {
                request_type next = fetches.empty() ? request_ : fetches.back()->request;
                if (!fetches.empty() && !page_after(next, *limit))
                    return;
                if (!starts_before_total(next, *limit))
                    return;
                start_fetch<Mode>(std::move(next));
            }
        } else {
            if (fetches.empty())
                start_fetch<Mode>(request_);
        }
    }

    // Moves `r` to the page after it, assuming a full page of `limit` items; false when the
    // position does not fit its type.
    static bool page_after(request_type& r, std::int64_t limit)
    {
        constexpr auto position = position_member();
        std::optional<std::int64_t> value;
        detail::read_number_at<position>(r, value);
        const std::int64_t step = detail::is_offset_pagination<pagination>::value ? limit : 1;
        if (value.value_or(0) > std::numeric_limits<std::int64_t>::max() - step)
            return false;
        return detail::write_number_at<position>(r, value.value_or(0) + step);
    }

    // Whether the page `r` asks for starts before the total the last page announced.
    bool starts_before_total(const request_type& r, std::int64_t limit) const
    {
        constexpr auto position = position_member();
        std::optional<std::int64_t> value;
        detail::read_number_at<position>(r, value);
        if constexpr (detail::is_offset_pagination<pagination>::value) {
            return value.value_or(0) < *total_;
        } else {
            const std::int64_t before = value.value_or(pagination::first_page) - pagination::first_page;
            return before >= 0 && before < *total_ / limit + (*total_ % limit != 0 ? 1 : 0);
        }
    }

    // Whether `a` and `b` ask for the same page.
    static bool same_page(const request_type& a, const request_type& b)
    {
        std::optional<std::int64_t> x, y;
        detail::read_number_at<position_member()>(a, x);
        detail::read_number_at<position_member()>(b, y);
        return x == y;
    }

    // Starts fetching the page `r` asks for, at the end of the window.
    template <fetch_mode Mode>
    void start_fetch(request_type r)
    {
        auto f = std::make_shared<fetch_type>(std::move(r));
        if constexpr (Mode == fetch_mode::sync) {
            f->finished = std::async(std::launch::async, [c = client_, p = f.get()] {
                c->template call<Op>(p->request, p->page, p->ec, p->diag);
            });
        } else {
            if (!window_->strand)
                window_->strand.emplace(client_->get_executor());
            client_->template async_call<Op>(
                f->request, f->diag,
                boost::asio::bind_cancellation_slot(
                    f->cancel.slot(),
                    boost::asio::bind_executor(*window_->strand, [window = window_, f](boost::system::error_code ec,
                                                                                        response_type page) {
                        std::unique_ptr<detail::parked_continuation> waiter;
                        {
                            const std::lock_guard<std::mutex> lock(window->mutex);
                            f->ec = ec;
                            f->page = std::move(page);
                            f->answered = true;
                            if (!window->fetches.empty() && window->fetches.front() == f)
                                waiter = std::move(window->waiter);
                        }
                        if (waiter)
                            waiter->resume();
                    })));
        }
        const std::lock_guard<std::mutex> lock(window_->mutex);
        window_->fetches.push_back(std::move(f));
    }

    // Hands over the answered first page of the window as `next` does, and requests more.
    template <fetch_mode Mode>
    bool take_front(response_type& page, boost::system::error_code& ec, diagnostics& diag)
    {
        std::shared_ptr<fetch_type> f;
        {
            const std::lock_guard<std::mutex> lock(window_->mutex);
            f = std::move(window_->fetches.front());
            window_->fetches.pop_front();
        }
        if (f->ec) {
            ec = f->ec;
            diag = std::move(f->diag);
            window_->drop();
            return false;
        }
        ec = {};
        page = std::move(f->page);
        advance(page);
        if constexpr (detail::is_offset_pagination<pagination>::value || detail::is_page_pagination<pagination>::value) {
            if (done_ || (!window_->fetches.empty() && !same_page(window_->fetches.front()->request, request_)))
                window_->drop();
        }
        request_ahead<Mode>();
        return true;
    }

    // Parks `self` (an `async_next`) until the first page of the window is answered or the
    // operation is cancelled; then posts it.
    template <class Self>
    void park(Self&& self)
    {
        auto slot = self.get_cancellation_state().slot();
        if (slot.is_connected()) {
            slot.assign([window = window_](boost::asio::cancellation_type) {
                std::unique_ptr<detail::parked_continuation> waiter;
                {
                    const std::lock_guard<std::mutex> lock(window->mutex);
                    waiter = std::move(window->waiter);
                }
                if (waiter)
                    waiter->resume();
            });
        }
        std::unique_lock<std::mutex> lock(window_->mutex);
        if (window_->fetches.front()->answered) {
            lock.unlock();
            boost::asio::post(std::move(self));
            return;
        }
        window_->waiter = std::make_unique<detail::parked_self<std::decay_t<Self>>>(std::move(self));
    }

    // Checks that the next page can be asked for; nothing to do when the walk is over.
    boost::system::error_code start(diagnostics& diag)
    {
        diag.clear();
        if constexpr (detail::is_offset_pagination<pagination>::value || detail::is_page_pagination<pagination>::value) {
            constexpr auto position = position_member();
            std::optional<std::int64_t> value;
            if (!detail::read_number_at<position>(request_, value)) {
                using member = meta::member_at_t<position>;
                std::string msg = meta::member_at<position>::wire_path();
                msg += ": ";
                msg += detail::shown_page_number(
                    *detail::parameter_traits<member>::get(*meta::member_at<position>::find(request_)));
                msg += " is not a non-negative integer";
                diag.set_message(std::move(msg));
                return error::invalid_offset;
            }
        }
        return {};
    }

    // The request member holding the position: the offset or the page number.
    static constexpr auto position_member() noexcept
    {
        if constexpr (detail::is_offset_pagination<pagination>::value)
            return pagination::offset;
        else
            return pagination::page;
    }

    // The total a page announces, when the descriptor names one and the page sent it.
    static std::optional<std::int64_t> total_of(const response_type& page)
    {
        std::optional<std::int64_t> total;
        if constexpr (meta::names_member_v<pagination::total>) {
            using total_member = meta::member_at_t<pagination::total>;
            if (const auto* leaf = meta::member_at<pagination::total>::find(page)) {
                if (const auto* value = detail::parameter_traits<total_member>::get(*leaf))
                    total = static_cast<std::int64_t>(*value);
            }
        }
        return total;
    }

    // Moves the request to the page after `page`, or ends the walk.
    void advance(const response_type& page)
    {
        const std::size_t n = detail::page_item_count<pagination>(page);
        const auto count = static_cast<std::int64_t>(n);
        done_ = n == 0;
        total_ = total_of(page);
        std::optional<std::int64_t> limit;
        if constexpr (meta::names_member_v<pagination::limit>)
            detail::read_number_at<pagination::limit>(request_, limit);
        if constexpr (detail::is_offset_pagination<pagination>::value) {
            std::optional<std::int64_t> offset;
            detail::read_number_at<pagination::offset>(request_, offset);
            const std::int64_t next = offset.value_or(0) + count;
            if (limit && count < *limit)
                done_ = true;
            if (total_ && next >= *total_)
                done_ = true;
            if (!done_)
                done_ = !detail::write_number_at<pagination::offset>(request_, next);
        } else if constexpr (detail::is_page_pagination<pagination>::value) {
            std::optional<std::int64_t> number;
            detail::read_number_at<pagination::page>(request_, number);
            const std::int64_t p = number.value_or(pagination::first_page);
            walked_ += count;
            if (limit && count < *limit)
                done_ = true;
            if (const auto total = total_) {
                // The items up to this page; saturating, so a huge page number cannot overflow.
                std::int64_t reached = walked_;
                const std::int64_t before = p - pagination::first_page;
                if (limit && before >= 0)
                    reached = before > (std::numeric_limits<std::int64_t>::max() - count) / std::max<std::int64_t>(*limit, 1)
                                  ? std::numeric_limits<std::int64_t>::max()
                                  : before * *limit + count;
                if (reached >= *total)
                    done_ = true;
            }
            if (!done_)
                done_ = p == std::numeric_limits<std::int64_t>::max() ||
                        !detail::write_number_at<pagination::page>(request_, p + 1);
        } else {
            std::string next;
            bool present = false;
            if constexpr (detail::is_marker_pagination<pagination>::value) {
                present = detail::marker_text_at<pagination::next_marker>(page, next);
            } else {
                if (limit && count < *limit)
                    done_ = true;
                if (n != 0)
                    present = detail::marker_text_at<pagination::item_marker>((*detail::page_items<pagination>(page))[n - 1], next);
            }
            if (!present || !seen_.insert(next).second)
                done_ = true;
            if (!done_)
                done_ = !detail::write_marker(meta::member_at<pagination::marker>::make(request_), next);
        }
    }

    Client* client_;
    request_type request_;
    bool done_ = false;
    std::unordered_set<std::string> seen_; // markers sent so far, as text
    std::int64_t walked_ = 0;              // items fetched so far (page-number pagination)
    std::optional<std::int64_t> total_;    // the total the last page announced
    std::size_t pages_in_flight_;
    std::shared_ptr<window_type> window_;  // the pages requested ahead; null until then
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
    item_range(Client& c, typename Op::request_type first, paging_options options = {})
        : walker_(c, std::move(first), options)
    {
    }

    /// As above; a failure ends the range and is reported in `ec` and `diag`, which must
    /// outlive the iteration. `ec` is cleared when the walk starts.
    item_range(Client& c, typename Op::request_type first, boost::system::error_code& ec, diagnostics& diag,
               paging_options options = {})
        : walker_(c, std::move(first), options), ec_(&ec), diag_(&diag)
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

    auto& items() { return meta::member_at<pagination::items>::make(page_); }

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
    using fetch_mode = typename page_walker<Op, Client>::fetch_mode;

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
            walker_->template request_ahead<fetch_mode::async>();
            if (!walker_->window_ || walker_->window_->fetches.empty()) {
                BOOST_ASIO_CORO_YIELD walker_->client_->template async_call<Op>(walker_->request_, *diag_,
                                                                                std::move(self));
                if (ec) {
                    self.complete(ec, std::nullopt);
                    return;
                }
                walker_->advance(page);
                walker_->template request_ahead<fetch_mode::async>();
                self.complete(ec, std::make_optional(std::move(page)));
                return;
            }
            BOOST_ASSERT_MSG(!walker_->window_->fetches.front()->finished.valid(),
                             "a walker walked with both next and async_next");
            while (!walker_->window_->front_answered()) {
                BOOST_ASIO_CORO_YIELD walker_->park(std::move(self));
                if (self.get_cancellation_state().cancelled() != boost::asio::cancellation_type::none) {
                    walker_->window_->drop();
                    diag_->set_message("cancelled while waiting for a page");
                    self.complete(boost::asio::error::operation_aborted, std::nullopt);
                    return;
                }
            }
            {
                response_type out;
                const bool fetched = walker_->template take_front<fetch_mode::async>(out, ec, *diag_);
                self.complete(ec, fetched ? std::make_optional(std::move(out)) : std::nullopt);
            }
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

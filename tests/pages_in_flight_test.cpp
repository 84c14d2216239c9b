// Pages requested ahead of the caller (paging_options::pages_in_flight, see "Pages in flight"
// in include/hwbind/runtime/client/pagination.hpp), without sockets: asynchronously over a
// fake client whose calls the test answers one by one, in any order, and which sees their
// cancellation; synchronously over a thread-safe fake that answers each page from its offset.
#include <hwbind/meta.hpp>
#include <hwbind/runtime/client/pagination.hpp>
#include <hwbind/services/coc/operations.hpp>
#include <hwbind/services/hss/operations.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/append.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/describe/class.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace net = boost::asio;
namespace coc = hwbind::coc;
namespace hss = hwbind::hss;
using boost::system::error_code;

// A client whose asynchronous calls wait for the test to answer them (`answer`), and complete
// with `operation_aborted` when cancelled.
template <class Op>
class answered_client {
public:
    using executor_type = net::any_io_executor;
    using request_type = typename Op::request_type;
    using response_type = typename Op::response_type;

    struct call_record {
        request_type request;
        bool finished = false;
        bool cancelled = false;
        std::function<void(error_code, response_type)> complete;

        // Completes the call; lets go of its handler, which holds what holds this record.
        void finish(error_code ec, response_type page)
        {
            auto handler = std::move(complete);
            complete = nullptr;
            handler(ec, std::move(page));
        }
    };

    template <class O, class Token>
    auto async_call(const request_type& req, hwbind::diagnostics&, Token&& token)
    {
        return net::async_initiate<Token, void(error_code, response_type)>(
            [this](auto handler, const request_type& r) {
                auto record = std::make_shared<call_record>();
                record->request = r;
                auto slot = net::get_associated_cancellation_slot(handler);
                auto held = std::make_shared<decltype(handler)>(std::move(handler));
                record->complete = [held](error_code ec, response_type page) {
                    net::post(net::append(std::move(*held), ec, std::move(page)));
                };
                if (slot.is_connected()) {
                    slot.assign([record](net::cancellation_type) {
                        if (record->finished)
                            return;
                        record->finished = record->cancelled = true;
                        record->finish(net::error::operation_aborted, {});
                    });
                }
                calls.push_back(std::move(record));
            },
            token, req);
    }

    // Completes call `i` with `page`, or fails it with `ec`.
    void answer(std::size_t i, response_type page, error_code ec = {})
    {
        REQUIRE(i < calls.size());
        REQUIRE_FALSE(calls[i]->finished);
        calls[i]->finished = true;
        calls[i]->finish(ec, std::move(page));
    }

    std::size_t in_flight() const
    {
        std::size_t n = 0;
        for (const auto& c : calls)
            n += c->finished ? 0 : 1;
        return n;
    }

    executor_type get_executor() { return io.get_executor(); }

    answered_client() = default;
    answered_client(const answered_client&) = delete;
    answered_client& operator=(const answered_client&) = delete;

    // A call never answered still holds its handler, which holds the walker's state, whose
    // cancellation signal holds the handler that holds the record: let go of the handlers, as
    // a real client does when its calls complete or its context goes away.
    ~answered_client()
    {
        for (const auto& record : calls)
            record->complete = nullptr;
    }

    net::io_context io;
    std::vector<std::shared_ptr<call_record>> calls;
};

// The hss list_jobs page at `offset` of a listing of `total` jobs (named by their index),
// pages of 10.
hss::list_jobs_response jobs_page(std::int64_t offset, std::optional<std::int64_t> total, std::int64_t available)
{
    hss::list_jobs_response r;
    r.total_num = total;
    for (std::int64_t i = offset; i < offset + 10 && i < available; ++i) {
        r.job_info_list.emplace_back();
        r.job_info_list.back().name = std::to_string(i);
    }
    return r;
}

std::int64_t offset_of(const hss::list_jobs_request& r) { return r.offset.value_or(-1); }

using async_jobs = answered_client<hss::list_jobs>;
using async_job_walker = hwbind::page_walker<hss::list_jobs, async_jobs>;

// The outcome of one `async_next`.
struct next_outcome {
    bool completed = false;
    error_code ec;
    std::vector<std::string> names; // of the page's jobs; empty when there was no page
    bool page = false;
};

// Starts an `async_next` recording into `out`.
void ask_next(async_job_walker& walker, next_outcome& out)
{
    out = {};
    walker.async_next([&out](error_code ec, std::optional<hss::list_jobs_response> page) {
        out.completed = true;
        out.ec = ec;
        out.page = page.has_value();
        if (page) {
            for (const auto& job : page->job_info_list)
                out.names.push_back(*job.name);
        }
    });
}

// Runs what is ready.
void settle(async_jobs& c)
{
    c.io.restart();
    c.io.poll();
}

// Answers every call in flight, the last requested first, from a listing of `available`
// jobs announcing `total`.
void answer_backwards(async_jobs& c, std::optional<std::int64_t> total, std::int64_t available)
{
    for (std::size_t i = c.calls.size(); i-- > 0;) {
        if (!c.calls[i]->finished)
            c.answer(i, jobs_page(offset_of(c.calls[i]->request), total, available));
    }
    settle(c);
}

std::vector<std::string> names_from(int from, int to)
{
    std::vector<std::string> out;
    for (int i = from; i < to; ++i)
        out.push_back(std::to_string(i));
    return out;
}

} // namespace

TEST_CASE("pages in flight: once the total is known, K pages are requested, answered in any order, handed over in order")
{
    async_jobs c;
    async_job_walker walker(c, {}, hwbind::paging_options{4});
    next_outcome out;

    ask_next(walker, out);
    settle(c);
    REQUIRE(c.calls.size() == 1); // the total is not known yet
    c.answer(0, jobs_page(0, 80, 80));
    settle(c);
    REQUIRE(out.completed);
    CHECK(out.names == names_from(0, 10));
    // Requested while the caller holds the first page.
    CHECK(c.in_flight() == 4);

    std::vector<std::string> names = out.names;
    for (;;) {
        ask_next(walker, out);
        settle(c);
        if (!out.completed)
            answer_backwards(c, 80, 80);
        REQUIRE(out.completed);
        REQUIRE(!out.ec);
        if (!out.page)
            break;
        CHECK(c.in_flight() <= 4);
        names.insert(names.end(), out.names.begin(), out.names.end());
    }
    CHECK(names == names_from(0, 80));
    std::vector<std::int64_t> offsets;
    for (const auto& call : c.calls)
        offsets.push_back(offset_of(call->request));
    CHECK(offsets == std::vector<std::int64_t>{0, 10, 20, 30, 40, 50, 60, 70}); // none at or past 80
    CHECK(walker.done());
}

TEST_CASE("pages in flight: no page past the end, even with room for more")
{
    async_jobs c;
    async_job_walker walker(c, {}, hwbind::paging_options{8});
    next_outcome out;
    ask_next(walker, out);
    settle(c);
    c.answer(0, jobs_page(0, 35, 35));
    settle(c);
    CHECK(c.calls.size() == 4); // 10, 20, 30: the last one starts before 35
    answer_backwards(c, 35, 35);
    std::size_t items = out.names.size();
    while (true) {
        ask_next(walker, out);
        settle(c);
        REQUIRE(out.completed);
        if (!out.page)
            break;
        items += out.names.size();
    }
    CHECK(items == 35);
    CHECK(c.calls.size() == 4);
}

TEST_CASE("pages in flight: without a total, one page at a time; with K = 1, as before")
{
    for (const std::size_t k : {std::size_t(1), std::size_t(4)}) {
        CAPTURE(k);
        const std::optional<std::int64_t> total = k == 1 ? std::optional<std::int64_t>(40) : std::nullopt;
        async_jobs c;
        async_job_walker walker(c, {}, hwbind::paging_options{k});
        next_outcome out;
        std::size_t items = 0;
        do {
            ask_next(walker, out);
            settle(c);
            if (!out.completed) {
                CHECK(c.in_flight() == 1); // nothing requested ahead of the caller
                c.answer(c.calls.size() - 1, jobs_page(offset_of(c.calls.back()->request), total, 35));
                settle(c);
            }
            REQUIRE(out.completed);
            CHECK(c.in_flight() == 0);
            items += out.names.size();
        } while (out.page);
        CHECK(items == 35);
        CHECK(c.calls.size() == 4); // the short page at 30 ends the walk
    }
}

TEST_CASE("pages in flight: a failure in page 3 of 8 comes after pages 1 and 2, and drops the pages after it")
{
    async_jobs c;
    async_job_walker walker(c, {}, hwbind::paging_options{8});
    next_outcome out;
    ask_next(walker, out);
    settle(c);
    c.answer(0, jobs_page(0, 80, 80));
    settle(c);
    REQUIRE(c.calls.size() == 8);
    // Pages 4 to 8 answer first, then the failure of page 3, then page 2.
    for (std::size_t i = 7; i >= 3; --i)
        c.answer(i, jobs_page(offset_of(c.calls[i]->request), 80, 80));
    c.answer(2, {}, hwbind::error::api_error);
    c.answer(1, jobs_page(10, 80, 80));
    settle(c);

    ask_next(walker, out);
    settle(c);
    REQUIRE(out.completed);
    CHECK(out.names == names_from(10, 20));
    ask_next(walker, out);
    settle(c);
    REQUIRE(out.completed);
    CHECK(out.ec == hwbind::error::api_error);
    CHECK_FALSE(out.page);

    // Asked again: page 3 again, and the pages after it anew.
    ask_next(walker, out);
    settle(c);
    REQUIRE(c.calls.size() == 8 + 6);
    CHECK(offset_of(c.calls[8]->request) == 20);
    CHECK(offset_of(c.calls[13]->request) == 70);
    answer_backwards(c, 80, 80);
    REQUIRE(out.completed);
    CHECK(out.names == names_from(20, 30));
}

TEST_CASE("pages in flight: destroying the walker early cancels the pages in flight and requests no more")
{
    async_jobs c;
    {
        async_job_walker walker(c, {}, hwbind::paging_options{4});
        next_outcome out;
        ask_next(walker, out);
        settle(c);
        c.answer(0, jobs_page(0, 80, 80));
        settle(c);
        REQUIRE(out.completed);
        c.answer(1, jobs_page(10, 80, 80)); // one answered, three in flight
        settle(c);
    }
    settle(c);
    REQUIRE(c.calls.size() == 5);
    CHECK_FALSE(c.calls[1]->cancelled);
    for (std::size_t i = 2; i < 5; ++i)
        CHECK(c.calls[i]->cancelled);
}

TEST_CASE("pages in flight: cancelling async_next fails it with operation_aborted and cancels the pages in flight")
{
    async_jobs c;
    async_job_walker walker(c, {}, hwbind::paging_options{3});
    next_outcome out;
    ask_next(walker, out);
    settle(c);
    c.answer(0, jobs_page(0, 80, 80));
    settle(c);

    net::cancellation_signal signal;
    error_code result;
    bool completed = false;
    walker.async_next(net::bind_cancellation_slot(signal.slot(),
                                                  [&](error_code ec, std::optional<hss::list_jobs_response> page) {
                                                      completed = true;
                                                      result = ec;
                                                      CHECK_FALSE(page);
                                                  }));
    settle(c);
    CHECK_FALSE(completed); // waiting for page 2
    signal.emit(net::cancellation_type::terminal);
    settle(c);
    REQUIRE(completed);
    CHECK(result == net::error::operation_aborted);
    CHECK(walker.diag().message() == "cancelled while waiting for a page");
    REQUIRE(c.calls.size() == 4);
    for (std::size_t i = 1; i < 4; ++i)
        CHECK(c.calls[i]->cancelled);

    // The walk goes on from page 2.
    ask_next(walker, out);
    settle(c);
    answer_backwards(c, 80, 80);
    REQUIRE(out.completed);
    CHECK(out.names == names_from(10, 20));
}

TEST_CASE("pages in flight: marker pages, the next one requested while the caller holds the current one")
{
    using walker_type = hwbind::page_walker<coc::list_scheduled_tasks, answered_client<coc::list_scheduled_tasks>>;
    answered_client<coc::list_scheduled_tasks> c;
    walker_type walker(c, {}, hwbind::paging_options{4});
    const auto page = [](std::optional<std::string> next) {
        coc::list_scheduled_tasks_response r;
        r.scheduled_tasks.resize(2);
        r.next_maker = std::move(next);
        return r;
    };
    std::vector<std::string> markers;
    int pages = 0;
    const std::vector<std::optional<std::string>> next = {"m1", "m2", "m1"}; // a repeated marker ends it
    std::optional<bool> more;
    auto ask = [&] {
        more.reset();
        walker.async_next([&](error_code ec, std::optional<coc::list_scheduled_tasks_response> p) {
            CHECK(!ec);
            more = p.has_value();
        });
        c.io.restart();
        c.io.poll();
    };
    for (;;) {
        ask();
        if (!more) {
            REQUIRE(c.in_flight() == 1); // one page ahead at most
            const std::size_t i = c.calls.size() - 1;
            c.answer(i, page(next[i]));
            c.io.restart();
            c.io.poll();
        }
        REQUIRE(more.has_value());
        if (!*more)
            break;
        ++pages;
        if (!walker.done())
            CHECK(c.in_flight() == 1); // requested before the caller asked
    }
    CHECK(pages == 3);
    for (const auto& call : c.calls)
        markers.push_back(call->request.marker.value_or("-"));
    CHECK(markers == std::vector<std::string>{"-", "m1", "m2"});
}

namespace {

// Page-number pagination, from 1, with a page size and a total.
struct numbered_item {
    int index = 0;
};
BOOST_DESCRIBE_STRUCT(numbered_item, (), (index))
constexpr std::array<hwbind::meta::field, 1> wire_fields(hwbind::meta::tag<numbered_item>) noexcept
{
    return {hwbind::meta::member("index")};
}
struct numbered_page {
    std::vector<numbered_item> items;
    std::optional<std::int64_t> total;
};
BOOST_DESCRIBE_STRUCT(numbered_page, (), (items, total))
constexpr std::array<hwbind::meta::field, 2> wire_fields(hwbind::meta::tag<numbered_page>) noexcept
{
    return {hwbind::meta::member("items"), hwbind::meta::member("total")};
}
struct numbered_request {
    std::optional<std::int32_t> page;
    std::optional<std::int32_t> size;
};
BOOST_DESCRIBE_STRUCT(numbered_request, (), (page, size))
constexpr std::array<hwbind::meta::field, 2> wire_fields(hwbind::meta::tag<numbered_request>) noexcept
{
    return {hwbind::meta::member("page"), hwbind::meta::member("size")};
}
struct by_number {
    using request_type = numbered_request;
    using response_type = numbered_page;
    using pagination = hwbind::meta::page_pagination<&numbered_request::page, &numbered_request::size, 1,
                                                     &numbered_page::items, &numbered_page::total>;
};

} // namespace

TEST_CASE("pages in flight: page numbers up to the last page the total implies")
{
    answered_client<by_number> c;
    numbered_request first;
    first.size = 10;
    hwbind::page_walker<by_number, answered_client<by_number>> walker(c, first, hwbind::paging_options{8});
    const auto page_of = [](std::int32_t number) {
        numbered_page r;
        r.total = 45;
        for (int i = (number - 1) * 10; i < number * 10 && i < 45; ++i)
            r.items.push_back({i});
        return r;
    };
    std::vector<int> indexes;
    for (;;) {
        std::optional<bool> more;
        walker.async_next([&](error_code ec, std::optional<numbered_page> p) {
            CHECK(!ec);
            more = p.has_value();
            if (p) {
                for (const auto& item : p->items)
                    indexes.push_back(item.index);
            }
        });
        c.io.restart();
        c.io.poll();
        for (std::size_t i = c.calls.size(); !more && i-- > 0;) {
            if (!c.calls[i]->finished)
                c.answer(i, page_of(*c.calls[i]->request.page));
        }
        c.io.restart();
        c.io.poll();
        REQUIRE(more.has_value());
        if (!*more)
            break;
    }
    std::vector<int> expected(45);
    for (int i = 0; i < 45; ++i)
        expected[static_cast<std::size_t>(i)] = i;
    CHECK(indexes == expected);
    std::vector<std::int32_t> numbers;
    for (const auto& call : c.calls)
        numbers.push_back(*call->request.page);
    CHECK(numbers == std::vector<std::int32_t>{1, 2, 3, 4, 5}); // page 6 would start at 50
}

namespace {

// A thread-safe client answering synchronous calls of hss list_jobs from their offset, out
// of `available` jobs announcing `total`, failing the call at `failing_offset`.
class threaded_jobs {
public:
    using executor_type = net::any_io_executor;

    template <class O>
    void call(const hss::list_jobs_request& req, hss::list_jobs_response& out, error_code& ec,
              hwbind::diagnostics& diag)
    {
        const std::int64_t offset = offset_of(req);
        {
            const std::lock_guard<std::mutex> lock(mutex);
            offsets.push_back(offset);
        }
        ec = {};
        if (offset == failing_offset) {
            ec = hwbind::error::api_error;
            diag.set_message("HTTP 503");
            return;
        }
        out = jobs_page(offset, total, available);
    }

    executor_type get_executor() { return {}; }

    std::multiset<std::int64_t> requested()
    {
        const std::lock_guard<std::mutex> lock(mutex);
        return {offsets.begin(), offsets.end()};
    }

    std::optional<std::int64_t> total;
    std::int64_t available = 0;
    std::int64_t failing_offset = -1;
    std::mutex mutex;
    std::vector<std::int64_t> offsets;
};

using threaded_range = hwbind::item_range<hss::list_jobs, threaded_jobs>;

} // namespace

TEST_CASE("pages in flight, synchronously: the items in order, each page requested once, none past the end")
{
    threaded_jobs c;
    c.total = 75;
    c.available = 75;
    std::vector<std::string> names;
    for (const auto& job : threaded_range(c, {}, hwbind::paging_options{4}))
        names.push_back(*job.name);
    CHECK(names == names_from(0, 75));
    CHECK(c.requested() == std::multiset<std::int64_t>{0, 10, 20, 30, 40, 50, 60, 70});
}

TEST_CASE("pages in flight, synchronously: a failure in page 3 of 8 ends the range after the items before it")
{
    threaded_jobs c;
    c.total = 80;
    c.available = 80;
    c.failing_offset = 20;
    error_code ec;
    hwbind::diagnostics diag;
    std::vector<std::string> names;
    for (const auto& job : threaded_range(c, {}, ec, diag, hwbind::paging_options{8}))
        names.push_back(*job.name);
    CHECK(names == names_from(0, 20));
    CHECK(ec == hwbind::error::api_error);
    CHECK(diag.message() == "HTTP 503");
}

TEST_CASE("pages in flight, synchronously: stopping early requests nothing beyond the pages in flight")
{
    threaded_jobs c;
    c.total = 80;
    c.available = 80;
    {
        threaded_range range(c, {}, hwbind::paging_options{4});
        for (const auto& job : range) {
            if (*job.name == "10")
                break; // the first item of page 2
        }
    } // waits for the pages in flight: 20 to 50
    CHECK(c.requested() == std::multiset<std::int64_t>{0, 10, 20, 30, 40, 50});
}

// The stop rules of pagination without sockets (include/hwbind/runtime/client/pagination.hpp):
// a page_walker and an item_range over a fake client that answers each page request from
// the test and records what it was asked, for offset pagination (with and without a total, an
// integer and a string offset) and marker pagination.
#include <hwbind/runtime/client/pagination.hpp>
#include <hwbind/services/coc/operations.hpp>
#include <hwbind/services/hss/operations.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using boost::system::error_code;
using hwbind::diagnostics;
using hwbind::error;

namespace net = boost::asio;
namespace coc = hwbind::coc;
namespace hss = hwbind::hss;

namespace {

// A client of operation `Op` whose pages come from `answer`; records each request, and fails
// the calls while `failures` is positive.
template <class Op>
class fake_client {
public:
    using executor_type = net::any_io_executor;
    using request_type = typename Op::request_type;
    using response_type = typename Op::response_type;

    explicit fake_client(std::function<response_type(const request_type&)> answer) : answer_(std::move(answer)) {}

    template <class O>
    void call(const request_type& req, response_type& out, error_code& ec, diagnostics& diag)
    {
        static_assert(std::is_same_v<O, Op>);
        sent.push_back(req);
        if (failures > 0) {
            --failures;
            ec = error::api_error;
            diag.set_message("HTTP 503");
            return;
        }
        ec = {};
        out = answer_(req);
    }

    template <class O, class Token>
    auto async_call(const request_type& req, diagnostics& diag, Token&& token)
    {
        return net::async_initiate<Token, void(error_code, response_type)>(
            [this, &diag](auto handler, const request_type& r) {
                response_type page;
                error_code ec;
                call<O>(r, page, ec, diag);
                net::post(io, [h = std::move(handler), ec, page = std::move(page)]() mutable {
                    std::move(h)(ec, std::move(page));
                });
            },
            token, req);
    }

    executor_type get_executor() { return io.get_executor(); }

    net::io_context io;
    std::vector<request_type> sent;
    int failures = 0;

private:
    std::function<response_type(const request_type&)> answer_;
};

// hss list_jobs pages of `sizes[i]` jobs for the i-th call, with `total` when given.
std::function<hss::list_jobs_response(const hss::list_jobs_request&)> hss_pages(std::vector<std::size_t> sizes,
                                                                                std::optional<std::int64_t> total)
{
    auto call = std::make_shared<std::size_t>(0);
    return [sizes, total, call](const hss::list_jobs_request&) {
        hss::list_jobs_response r;
        r.total_num = total;
        const std::size_t n = *call < sizes.size() ? sizes[*call] : 0;
        ++*call;
        r.job_info_list.resize(n);
        return r;
    };
}

// Walks all pages; the number of items.
template <class Op>
std::size_t walk(fake_client<Op>& c, typename Op::request_type first)
{
    std::size_t items = 0;
    for (const auto& item : hwbind::item_range<Op, fake_client<Op>>(c, std::move(first))) {
        (void)item;
        ++items;
    }
    return items;
}

std::vector<std::int64_t> offsets(const std::vector<hss::list_jobs_request>& sent)
{
    std::vector<std::int64_t> out;
    for (const auto& r : sent)
        out.push_back(r.offset.value_or(-1));
    return out;
}

// coc list_scheduled_tasks pages: one task each, with the next markers in turn.
std::function<coc::list_scheduled_tasks_response(const coc::list_scheduled_tasks_request&)> marker_pages(
    std::vector<std::optional<std::string>> next, std::size_t items = 1)
{
    auto call = std::make_shared<std::size_t>(0);
    return [next, call, items](const coc::list_scheduled_tasks_request&) {
        coc::list_scheduled_tasks_response r;
        r.scheduled_tasks.resize(items);
        r.next_maker = *call < next.size() ? next[*call] : std::nullopt;
        ++*call;
        return r;
    };
}

std::vector<std::string> markers(const std::vector<coc::list_scheduled_tasks_request>& sent)
{
    std::vector<std::string> out;
    for (const auto& r : sent)
        out.push_back(r.marker.value_or("-"));
    return out;
}

} // namespace

TEST_CASE("pagination: offset pages start at 0 with the documented page size, and a short page ends the walk")
{
    fake_client<hss::list_jobs> c(hss_pages({10, 10, 3}, std::nullopt));
    CHECK(walk(c, {}) == 23);
    CHECK(offsets(c.sent) == std::vector<std::int64_t>{0, 10, 20});
    CHECK(c.sent.front().limit == 10); // the documented default, sent with the offset
}

TEST_CASE("pagination: the service's total ends the walk")
{
    fake_client<hss::list_jobs> c(hss_pages({10, 10, 10}, 20));
    CHECK(walk(c, {}) == 20);
    CHECK(c.sent.size() == 2); // no third call for a page past the total

    // A walk that starts past the total stops after its first page.
    fake_client<hss::list_jobs> late(hss_pages({10, 10}, 5));
    hss::list_jobs_request from;
    from.offset = 30;
    CHECK(walk(late, from) == 10);
    CHECK(late.sent.size() == 1);
}

TEST_CASE("pagination: an empty page ends the walk, even under an over-reported total")
{
    fake_client<coc::list_documents> c([n = std::make_shared<int>(0)](const coc::list_documents_request&) {
        coc::list_documents_response r;
        r.total = 1000;
        r.data.resize(*n < 3 ? 3 : 0);
        ++*n;
        return r;
    });
    CHECK(walk(c, {}) == 9); // no limit: full pages do not end the walk
    REQUIRE(c.sent.size() == 4);
    CHECK(c.sent[3].offset == "9"); // a string offset, read and written as a decimal
    CHECK(!c.sent[0].limit);        // no documented default to send
}

TEST_CASE("pagination: an offset that would overflow its type ends the walk")
{
    fake_client<hss::list_jobs> c(hss_pages({10, 10}, std::nullopt));
    hss::list_jobs_request from;
    from.offset = std::numeric_limits<std::int32_t>::max() - 5;
    CHECK(walk(c, from) == 10);
    CHECK(c.sent.size() == 1);
}

TEST_CASE("pagination: an offset that is not a number fails before any call")
{
    fake_client<coc::list_documents> c([](const coc::list_documents_request&) { return coc::list_documents_response{}; });
    coc::list_documents_request bad;
    bad.offset = "1e3";
    hwbind::page_walker<coc::list_documents, fake_client<coc::list_documents>> walker(c, bad);
    coc::list_documents_response page;
    error_code ec;
    diagnostics diag;
    CHECK(!walker.next(page, ec, diag));
    CHECK(ec == error::invalid_offset);
    CHECK(diag.message() == "offset: \"1e3\" is not a non-negative integer");
    CHECK(c.sent.empty());
}

TEST_CASE("pagination: marker pages end on an absent, empty or repeated marker")
{
    SUBCASE("absent")
    {
        fake_client<coc::list_scheduled_tasks> c(marker_pages({"m1", std::nullopt}));
        CHECK(walk(c, {}) == 2);
        CHECK(markers(c.sent) == std::vector<std::string>{"-", "m1"});
    }
    SUBCASE("empty")
    {
        fake_client<coc::list_scheduled_tasks> c(marker_pages({"m1", "m2", ""}));
        CHECK(walk(c, {}) == 3);
        CHECK(markers(c.sent) == std::vector<std::string>{"-", "m1", "m2"});
    }
    SUBCASE("repeated: a server repeating a cursor would loop forever")
    {
        fake_client<coc::list_scheduled_tasks> c(marker_pages({"m1", "m2", "m1", "m3"}));
        CHECK(walk(c, {}) == 3);
        CHECK(markers(c.sent) == std::vector<std::string>{"-", "m1", "m2"});
    }
    SUBCASE("the marker a walk starts at counts as seen")
    {
        fake_client<coc::list_scheduled_tasks> c(marker_pages({"m9", "m3"}));
        coc::list_scheduled_tasks_request from;
        from.marker = "m3";
        CHECK(walk(c, from) == 2);
        CHECK(markers(c.sent) == std::vector<std::string>{"m3", "m9"});
    }
    SUBCASE("an empty page, whatever its marker")
    {
        fake_client<coc::list_scheduled_tasks> c(marker_pages({"m1", "m2"}, 0));
        CHECK(walk(c, {}) == 0);
        CHECK(c.sent.size() == 1);
    }
}

TEST_CASE("pagination: a page that fails is asked for again, synchronously and not")
{
    fake_client<hss::list_jobs> c(hss_pages({10, 10, 2}, std::nullopt));
    hwbind::page_walker<hss::list_jobs, fake_client<hss::list_jobs>> walker(c, {});
    CHECK(walker.next()->job_info_list.size() == 10);
    c.failures = 1;
    CHECK_THROWS_AS(walker.next(), hwbind::error_with_diagnostics);
    CHECK(walker.next()->job_info_list.size() == 10);
    CHECK(offsets(c.sent) == std::vector<std::int64_t>{0, 10, 10});

    // async_next: the same rules; the failed page again, then the short last page ends it.
    c.failures = 1;
    std::vector<std::pair<error_code, std::size_t>> results;
    const auto record = [&](error_code ec, std::optional<hss::list_jobs_response> page) {
        results.emplace_back(ec, page ? page->job_info_list.size() : 99);
    };
    walker.async_next(record);
    c.io.run();
    c.io.restart();
    walker.async_next(record);
    c.io.run();
    c.io.restart();
    walker.async_next(record);
    c.io.run();
    REQUIRE(results.size() == 3);
    CHECK(results[0].first == error::api_error);
    CHECK(walker.diag().message().empty()); // cleared by the next call
    CHECK(!results[1].first);
    CHECK(results[1].second == 2);
    CHECK(!results[2].first);
    CHECK(results[2].second == 99); // over: nullopt
    CHECK(walker.done());
    CHECK(offsets(c.sent) == std::vector<std::int64_t>{0, 10, 10, 20, 20});
}

// The client from C++20 coroutines (`asio::use_awaitable`): calls and page walks over the
// four generated list endpoints give what the synchronous forms give. A separate executable
// because the library and its main tests are C++17.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <hwbind/runtime/client/client.hpp>
#include <hwbind/runtime/client/pagination.hpp>
#include <hwbind/services/all.hpp>

#include "support/api_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <exception>
#include <optional>
#include <string>
#include <vector>

namespace net = boost::asio;
namespace coc = hwbind::coc;
namespace hss = hwbind::hss;
namespace swr = hwbind::swr;
using namespace std::chrono_literals;

namespace {

const hwbind::test::api_credentials credentials{"HWBINDCOROUTINEAK", "TOPSECRET-coroutine-sk", "X-Auth-Token", ""};

template <class Op, class Key>
std::vector<std::string> by_range(hwbind::client& c, const typename Op::request_type& req, Key key)
{
    std::vector<std::string> out;
    for (const auto& item : c.all_items<Op>(req))
        out.push_back(key(item));
    return out;
}

template <class Op, class Key>
net::awaitable<std::vector<std::string>> by_coroutine(hwbind::client& c, typename Op::request_type req, Key key)
{
    std::vector<std::string> out;
    auto walker = c.pages<Op>(req);
    while (auto page = co_await walker.async_next(net::use_awaitable)) {
        for (const auto& item : (*page).*Op::pagination::items)
            out.push_back(key(item));
    }
    co_return out;
}

} // namespace

TEST_CASE("client: coroutines walk the four endpoints as the synchronous range does")
{
    hwbind::test::api_server server(credentials, hwbind::test::four_lists{});
    net::io_context io;
    hwbind::client c(io.get_executor(), hwbind::test::client_options_for(server.url(), credentials));

    const auto document_key = [](const coc::document_info& d) { return d.document_id.value_or("?"); };
    const auto task_key = [](const coc::scheduled_task_basic_info& t) { return t.id.value_or("?"); };
    const auto hss_key = [](const hss::serverless_job_info& j) { return j.name.value_or("?"); };
    const auto swr_key = [](const swr::job_detail& j) { return j.id.value_or("?"); };
    coc::list_documents_request documents;
    documents.limit = 3;
    coc::list_scheduled_tasks_request tasks;
    tasks.limit = 3;
    swr::list_instance_jobs_request swr_jobs;
    swr_jobs.limit = 4;

    std::vector<std::vector<std::string>> by_sync = {
        by_range<coc::list_documents>(c, documents, document_key),
        by_range<coc::list_scheduled_tasks>(c, tasks, task_key),
        by_range<hss::list_jobs>(c, {}, hss_key),
        by_range<swr::list_instance_jobs>(c, swr_jobs, swr_key),
    };
    CHECK(by_sync[0].size() == 8);
    CHECK(by_sync[1].size() == 7);
    CHECK(by_sync[2].size() == 25);
    CHECK(by_sync[3].size() == 10);

    std::vector<std::vector<std::string>> by_coro;
    std::size_t single_call_jobs = 0;
    boost::system::error_code failed_ec;
    std::string failed_message;
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            by_coro.push_back(co_await by_coroutine<coc::list_documents>(c, documents, document_key));
            by_coro.push_back(co_await by_coroutine<coc::list_scheduled_tasks>(c, tasks, task_key));
            by_coro.push_back(co_await by_coroutine<hss::list_jobs>(c, {}, hss_key));
            by_coro.push_back(co_await by_coroutine<swr::list_instance_jobs>(c, swr_jobs, swr_key));

            hwbind::diagnostics diag;
            const hss::list_jobs_response page = co_await c.async_call<hss::list_jobs>({}, diag, net::use_awaitable);
            single_call_jobs = page.job_info_list.size();

            // A failure arrives as an exception carrying the error code; the detail is in diag.
            hss::list_jobs_request bad;
            bad.limit = 500;
            try {
                co_await c.async_call<hss::list_jobs>(bad, diag, net::use_awaitable);
            } catch (const boost::system::system_error& e) {
                failed_ec = e.code();
                failed_message = diag.message();
            }
        },
        [](std::exception_ptr e) {
            if (e)
                std::rethrow_exception(e);
        });
    io.run();

    CHECK(by_coro == by_sync);
    CHECK(single_call_jobs == 10);
    CHECK(failed_ec == hwbind::error::out_of_range);
    CHECK(failed_message.find("limit") != std::string::npos);
    CHECK(server.rejections().empty());
}

TEST_CASE("client: a coroutine gets the diagnostics with the error through with_diagnostics")
{
    hwbind::test::api_server server(credentials, hwbind::test::four_lists{});
    net::io_context io;
    hwbind::client c(io.get_executor(), hwbind::test::client_options_for(server.url(), credentials));

    std::size_t jobs = 0;
    std::optional<hwbind::error_with_diagnostics> failure;
    bool plain_failed = false;
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            // No diagnostics argument, the operation deduced from the request type.
            const hss::list_jobs_response page =
                co_await c.async_call(hss::list_jobs_request{}, hwbind::with_diagnostics(net::use_awaitable));
            jobs = page.job_info_list.size();

            hss::list_jobs_request bad;
            bad.limit = 500;
            try {
                co_await c.async_call(bad, hwbind::with_diagnostics(net::use_awaitable));
            } catch (const hwbind::error_with_diagnostics& e) {
                failure = e;
            }
            // Without the adapter, the error code alone.
            try {
                co_await c.async_call(bad, net::use_awaitable);
            } catch (const boost::system::system_error& e) {
                plain_failed = e.code() == hwbind::error::out_of_range;
            }
        },
        [](std::exception_ptr e) {
            if (e)
                std::rethrow_exception(e);
        });
    io.run();

    CHECK(jobs == 10);
    REQUIRE(failure);
    CHECK(failure->code() == hwbind::error::out_of_range);
    CHECK(failure->get_diagnostics().message().find("limit") != std::string::npos);
    CHECK(plain_failed);
}

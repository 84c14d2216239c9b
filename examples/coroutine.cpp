// The asynchronous form from C++20 coroutines: every call is `co_await`ed with
// `asio::use_awaitable`, so one thread can run many calls at once instead of blocking in each.
// The library itself is C++17; only this program is built as C++20.
//
//   HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=... ./coroutine
//   HWBIND_ENDPOINT=http://127.0.0.1:PORT ./coroutine    # against hwbind-mock

#include <hwbind.hpp>

#include "example_options.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstddef>
#include <exception>
#include <iostream>

namespace asio = boost::asio;

// Prints the first page of HSS jobs (the documented page size, 10), then walks every page
// with a progress line each.
asio::awaitable<void> list_jobs(hwbind::client& client)
{
    // With a plain token, a failure is thrown as a system_error holding only the error code:
    // the detail (which parameter, what the service said) is written into `diag`.
    hwbind::diagnostics diag;
    try {
        // No diagnostics to keep alive: with_diagnostics makes a failure an
        // error_with_diagnostics, which carries them (the operation is found from the request).
        hwbind::hss::list_jobs_request first_page;
        const auto first = co_await client.async_call(first_page, hwbind::with_diagnostics(asio::use_awaitable));
        for (const auto& job : first.job_info_list) {
            std::cout << job.name.value_or("-") << "  ";
            if (job.status)
                std::cout << *job.status; // an open_enum writes its wire spelling
            std::cout << '\n';
        }

        hwbind::hss::list_jobs_request all_pages;
        all_pages.limit = 50;
        auto walker = client.pages<hwbind::hss::list_jobs>(all_pages);
        std::size_t pages = 0;
        std::size_t jobs_seen = 0;
        while (const auto page = co_await walker.async_next(diag, asio::use_awaitable)) {
            jobs_seen += page->job_info_list.size();
            std::cout << "page " << ++pages << ", " << jobs_seen << " of " << page->total_num.value_or(0)
                      << " jobs\n";
        }
    } catch (const hwbind::error_with_diagnostics& e) {
        std::cerr << "coroutine: " << e.code().message() << ": " << e.get_diagnostics().message() << '\n';
        throw;
    } catch (const boost::system::system_error& e) {
        std::cerr << "coroutine: " << e.code().message() << ": " << diag.message() << '\n';
        throw;
    }
}

int main()
{
    asio::io_context io;
    hwbind::client client(io.get_executor(), example_options()); // asynchronous calls run on io
    bool failed = false;
    asio::co_spawn(io, list_jobs(client), [&failed](std::exception_ptr e) { failed = e != nullptr; });
    io.run();
    return failed ? 1 : 0;
}

// Walks every page of two list operations. `pages` gives a walker when the program wants each
// page (here to show progress); `all_items` gives a range of the items when it only wants
// those. Either way the client sends the offsets or markers itself and stops after the last
// page, even against a server that repeats a cursor (see hwbind/runtime/client/pagination.hpp).
//
//   HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=... ./paginate
//   HWBIND_ENDPOINT=http://127.0.0.1:PORT ./paginate    # against hwbind-mock

#include <hwbind.hpp>

#include "example_options.hpp"

#include <cstddef>
#include <exception>
#include <iostream>
#include <map>
#include <string>

int main()
{
    try {
        hwbind::client client(example_options());

        // Offset pagination, page by page: HSS jobs, 50 a page, against the total reported.
        hwbind::hss::list_jobs_request jobs;
        jobs.limit = 50;
        auto walker = client.pages<hwbind::hss::list_jobs>(jobs);
        std::size_t pages = 0;
        std::size_t jobs_seen = 0;
        while (const auto page = walker.next()) {
            jobs_seen += page->job_info_list.size();
            std::cout << "hss jobs: page " << ++pages << ", " << jobs_seen << " of " << page->total_num.value_or(0)
                      << '\n';
        }

        // Marker pagination, item by item: every COC scheduled task, counted by risk level.
        hwbind::coc::list_scheduled_tasks_request tasks;
        tasks.limit = 50;
        std::map<std::string, std::size_t> tasks_by_risk;
        for (const auto& task : client.all_items<hwbind::coc::list_scheduled_tasks>(tasks))
            ++tasks_by_risk[std::string(task.risk_level ? task.risk_level->wire() : "unset")];
        for (const auto& [risk, count] : tasks_by_risk)
            std::cout << "coc scheduled tasks at risk " << risk << ": " << count << '\n';
    } catch (const std::exception& e) {
        // A page that fails half-way throws too; the pages before it were already printed.
        std::cerr << "paginate: " << e.what() << '\n';
        return 1;
    }
}

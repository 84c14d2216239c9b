// Lists the high-risk scheduled O&M tasks of Cloud Operations Center, through the service's
// `api` object: one member function per operation instead of naming descriptors.
//
//   HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... ./coc_list_scheduled_tasks
//   HWBIND_ENDPOINT=http://127.0.0.1:PORT ./coc_list_scheduled_tasks    # against hwbind-mock

#include <hwbind.hpp>

#include "example_options.hpp"

#include <exception>
#include <iostream>

int main()
{
    try {
        hwbind::client client(example_options());
        hwbind::coc::api coc{client};

        hwbind::coc::list_scheduled_tasks_request request;
        request.risk_level = hwbind::coc::risk_level::HIGH; // filtered by the service
        request.limit = 10;
        const auto page = coc.list_scheduled_tasks(request);

        std::cout << page.scheduled_tasks.size() << " of " << page.count.value_or(0) << " high-risk tasks\n";
        for (const auto& task : page.scheduled_tasks) {
            std::cout << task.id.value_or("-") << "  " << task.name.value_or("-") << "  "
                      << (task.scheduled_type ? task.scheduled_type->wire() : "-") << "  last run "
                      << (task.last_execution_status ? task.last_execution_status->wire() : "never")
                      << (task.enabled.value_or(false) ? "" : "  (disabled)") << '\n';
        }
    } catch (const std::exception& e) {
        std::cerr << "coc_list_scheduled_tasks: " << e.what() << '\n';
        return 1;
    }
}

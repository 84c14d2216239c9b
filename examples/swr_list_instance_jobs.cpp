// Lists the failed jobs of SoftWare Repository for Container instances, with why they failed.
//
//   HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=... ./swr_list_instance_jobs
//   HWBIND_ENDPOINT=http://127.0.0.1:PORT ./swr_list_instance_jobs    # against hwbind-mock

#include <hwbind.hpp>

#include "example_options.hpp"

#include <exception>
#include <iostream>

int main()
{
    try {
        hwbind::client client(example_options());

        hwbind::swr::list_instance_jobs_request request;
        request.status = hwbind::swr::job_status::Failed;
        // The service wants offset and limit together; the client checks that rule too.
        request.offset = 0;
        request.limit = 10;
        const auto page = client.call<hwbind::swr::list_instance_jobs>(request);

        std::cout << page.jobs.size() << " of " << page.total.value_or(0) << " failed jobs\n";
        for (const auto& job : page.jobs) {
            std::cout << job.id.value_or("-") << "  " << job.type.value_or("-") << "  "
                      << job.resource_name.value_or("-") << "  " << job.created_at.value_or("-") << "  "
                      << job.reason.value_or("") << '\n';
        }
    } catch (const std::exception& e) {
        std::cerr << "swr_list_instance_jobs: " << e.what() << '\n';
        return 1;
    }
}

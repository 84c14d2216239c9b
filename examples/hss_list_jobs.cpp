// Lists the first page of Kubernetes jobs seen by Host Security Service. The path holds the
// project id, which the client fills from HUAWEICLOUD_SDK_PROJECT_ID.
//
//   HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=... ./hss_list_jobs
//   HWBIND_ENDPOINT=http://127.0.0.1:PORT ./hss_list_jobs    # against hwbind-mock

#include <hwbind.hpp>

#include "example_options.hpp"

#include <exception>
#include <iostream>

int main()
{
    try {
        hwbind::client client(example_options());

        // limit defaults to the documented page size (10); the documented range, 10..200,
        // is checked before anything is sent.
        hwbind::hss::list_jobs_request request;
        request.limit = 20;
        const auto page = client.call<hwbind::hss::list_jobs>(request);

        std::cout << page.job_info_list.size() << " of " << page.total_num.value_or(0) << " jobs\n";
        for (const auto& job : page.job_info_list) {
            std::cout << job.cluster_name.value_or("-") << '/' << job.namespace_name.value_or("-") << '/'
                      << job.name.value_or("-") << "  " << (job.status ? job.status->wire() : "-") << "  "
                      << job.pods_num.value_or(0) << " pods\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "hss_list_jobs: " << e.what() << '\n';
        return 1;
    }
}

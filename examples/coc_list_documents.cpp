// Lists the first page of Cloud Operations Center documents (custom jobs): the smallest
// complete program, with the throwing form of a call.
//
//   HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... ./coc_list_documents
//   HWBIND_ENDPOINT=http://127.0.0.1:PORT ./coc_list_documents    # against hwbind-mock

#include <hwbind.hpp>

#include "example_options.hpp"

#include <exception>
#include <iostream>

int main()
{
    try {
        // Credentials from the environment; cn-north-4, or HWBIND_ENDPOINT when set.
        hwbind::client client(example_options());

        hwbind::coc::list_documents_request request; // unset members are not sent
        request.limit = 5;
        const auto page = client.call<hwbind::coc::list_documents>(request);

        std::cout << page.data.size() << " of " << page.total.value_or(0) << " documents\n";
        for (const auto& document : page.data) {
            // Enumerations are open: a risk level added after these bindings still prints.
            std::cout << document.document_id.value_or("-") << "  " << document.name.value_or("-") << "  risk "
                      << (document.risk_level ? document.risk_level->wire() : "-") << '\n';
        }
    } catch (const std::exception& e) {
        std::cerr << "coc_list_documents: " << e.what() << '\n';
        return 1;
    }
}

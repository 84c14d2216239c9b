// How failures surface in the `error_code` + `diagnostics` form, which throws nothing: the
// error code tells the class of failure (compare it with `hwbind::condition`), the
// diagnostics tell which parameter or rule, or what the service said. Two calls fail on
// purpose: one the client rejects before sending, one the service refuses.
//
//   HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=... ./error_handling
//   HWBIND_ENDPOINT=http://127.0.0.1:PORT ./error_handling    # against hwbind-mock

#include <hwbind.hpp>

#include "example_options.hpp"

#include <iostream>

namespace {

void report(const char* call, const boost::system::error_code& ec, const hwbind::diagnostics& diag)
{
    std::cout << call << ": ";
    if (!ec)
        std::cout << "succeeded\n";
    else if (ec == hwbind::condition::invalid_request)
        std::cout << "rejected before sending: " << diag.message() << '\n';
    else if (const auto& api = diag.api()) // set for every error status of the service
        std::cout << "the service answered " << api->http_status << ' ' << api->error_code << ": "
                  << api->error_msg << " (request id " << api->request_id << ")\n";
    else // transport errors (timeout, refused, TLS) and responses that do not decode
        std::cout << ec.message() << ": " << diag.message() << '\n';
}

} // namespace

int main()
{
    const auto options = example_options();
    hwbind::client client(options);
    boost::system::error_code ec;
    hwbind::diagnostics diag;

    // SWR takes offset and limit together only; the spec says so, and the client checks it.
    hwbind::swr::list_instance_jobs_request limit_only;
    limit_only.limit = 10;
    hwbind::swr::list_instance_jobs_response jobs;
    client.call<hwbind::swr::list_instance_jobs>(limit_only, jobs, ec, diag);
    report("swr list_instance_jobs with a limit but no offset", ec, diag);
    const bool rejected = ec == hwbind::condition::invalid_request;

    // A wrong secret key makes a well-formed request the service refuses (401, not retried).
    auto wrong_key = options;
    wrong_key.credentials.secret_key = hwbind::auth::secret("not-the-secret-key");
    hwbind::client impostor(wrong_key);
    hwbind::hss::list_jobs_response page;
    impostor.call<hwbind::hss::list_jobs>({}, page, ec, diag);
    report("hss list_jobs signed with a wrong secret key", ec, diag);
    const bool refused = ec == hwbind::error::api_error;

    return rejected && refused ? 0 : 1;
}

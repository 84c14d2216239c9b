// How failures surface in the `error_code` + `diagnostics` form, which throws nothing: the
// error code tells the class of failure (compare it with `hwbind::condition`), the
// diagnostics tell which parameter or rule, or what the service said (and its error body,
// typed, when the operation documents one for the status). Two calls fail on purpose: one
// the client rejects before sending, one the service refuses. Then a walk over every page in
// the same form, and an enumeration value the spec does not list, sent because asked for.
//
//   HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=... ./error_handling
//   HWBIND_ENDPOINT=http://127.0.0.1:PORT ./error_handling    # against hwbind-mock

#include <hwbind.hpp>

#include "example_options.hpp"

#include <cstddef>
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

    // SWR documents its error bodies (`errors` in the spec): the diagnostics hold it, typed.
    hwbind::swr::list_instance_jobs_request swr_request;
    impostor.call(swr_request, jobs, ec, diag); // the operation found from the request type
    report("swr list_instance_jobs signed with a wrong secret key", ec, diag);
    if (const auto* body = diag.error_model<hwbind::swr::error_body>())
        std::cout << "  its error body: " << body->error_code.value_or("?") << '\n';

    // Every page in the error_code form: a failure ends the range and stays in ec and diag.
    std::size_t count = 0;
    for (const auto& job : client.all_items<hwbind::hss::list_jobs>({}, ec, diag))
        count += job.name ? 1 : 0;
    report("hss list_jobs, every page", ec, diag);
    std::cout << "  " << count << " named jobs\n";

    // A status the spec does not list, sent because asked for explicitly (a plain unknown
    // value would be refused before sending); open_enum writes its wire spelling.
    swr_request.status = hwbind::meta::open_enum<hwbind::swr::job_status>::unlisted("Paused");
    std::cout << "asking for status " << *swr_request.status << '\n';
    client.call(swr_request, jobs, ec, diag);
    report("swr list_instance_jobs with an unlisted status", ec, diag);

    return rejected && refused ? 0 : 1;
}

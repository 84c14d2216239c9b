// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.

// The hwbind side of the compile-cost comparison (bench/compile_cost.sh). The hwbind headers
// come from the command line (`-include`): the single header, or the umbrella headers while
// there is none. The program prepares, signs and decodes for each of the four operations and,
// with HWBIND_TU_CLIENT (headers that bring the client), calls each through `hwbind::client`.
// It is compiled, never run.

#include <chrono>
#include <cstddef>
#include <string_view>
#include <utility>

namespace {

template <class Op>
std::size_t call(const typename Op::request_type& request, std::string_view body)
{
    hwbind::request_context context;
    context.set("project_id", "0b4b5b3e3c80f2a42f6dc0123ab45cd6");
    hwbind::auth::credentials credentials;
    credentials.access_key = "QTWAOYTTINDUT2QVKYUC";
    credentials.secret_key = hwbind::auth::secret("MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc");

    hwbind::prepared_request prepared;
    hwbind::diagnostics diag;
    if (hwbind::prepare_request<Op>(request, context, prepared, diag))
        return 0;
    hwbind::auth::sign_request(prepared, credentials, std::chrono::system_clock::now(), "example.com");

    typename Op::response_type response;
    if (hwbind::decode(body, response, diag))
        return 0;
    return prepared.target().size();
}

#ifdef HWBIND_TU_CLIENT
template <class Op>
std::size_t call_client(hwbind::client& client, const typename Op::request_type& request)
{
    typename Op::response_type response;
    boost::system::error_code ec;
    hwbind::diagnostics diag;
    client.call<Op>(request, response, ec, diag);
    return ec ? 0 : 1;
}
#endif

} // namespace

int main(int argc, char** argv)
{
    const std::string_view body = argc > 1 ? argv[1] : "{}";
    std::size_t n = call<hwbind::coc::list_documents>({}, body) +
                          call<hwbind::coc::list_scheduled_tasks>({}, body) +
                          call<hwbind::hss::list_jobs>({}, body) +
                          call<hwbind::swr::list_instance_jobs>({}, body);
#ifdef HWBIND_TU_CLIENT
    hwbind::client_options options;
    options.region = "cn-north-4";
    hwbind::client client(std::move(options));
    n += call_client<hwbind::coc::list_documents>(client, {}) +
         call_client<hwbind::coc::list_scheduled_tasks>(client, {}) + call_client<hwbind::hss::list_jobs>(client, {}) +
         call_client<hwbind::swr::list_instance_jobs>(client, {});
#endif
    return static_cast<int>(n % 2);
}

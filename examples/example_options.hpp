// The client options of every example, made as a program of yours would make them. Copy this
// function with the example you start from.
#ifndef HWBIND_EXAMPLES_EXAMPLE_OPTIONS_HPP
#define HWBIND_EXAMPLES_EXAMPLE_OPTIONS_HPP

#include <hwbind/runtime/client/client_options.hpp>

#include <cstdlib>

inline hwbind::client_options example_options()
{
    // Credentials and proxy come from the variables the official SDKs read:
    // HUAWEICLOUD_SDK_AK, _SK, _SECURITY_TOKEN and _PROJECT_ID; HTTPS_PROXY and NO_PROXY.
    auto options = hwbind::client_options::from_environment();
    options.region = "cn-north-4"; // the region of your resources
    // A local server (hwbind-mock prints its URL) replaces the region's endpoints, so that the
    // same program runs without a cloud account.
    if (const char* endpoint = std::getenv("HWBIND_ENDPOINT"))
        options.endpoint = endpoint;
    return options;
}

#endif // HWBIND_EXAMPLES_EXAMPLE_OPTIONS_HPP

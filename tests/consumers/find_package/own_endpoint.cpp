// Bindings generated in the consumer's build from its own spec, used with the installed runtime.
#include <own/services/all.hpp>

#include <hwbind/runtime/codec/request.hpp>

#include <cstdio>

int main()
{
    hwbind::catalog::list_entries_request request;
    request.limit = 5;
    hwbind::request_context context;
    context.set("project_id", "p1");
    const auto prepared = hwbind::prepare_request<hwbind::catalog::list_entries>(request, context);
    if (prepared.target() != "/v1/p1/entries?limit=5")
        return 1;
    std::puts("own endpoint: ok");
    return 0;
}

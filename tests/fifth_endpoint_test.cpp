// The "add an endpoint" path: tests/fixtures/fifth_endpoint/catalog.yaml is generated at build
// time together with spec/*.yaml into fifth/services; this program compiles against the result
// and checks that the new endpoint sits beside the four seed endpoints.
#include <fifth/services/all.hpp>

#include <boost/mp11/algorithm.hpp>

#include <cstdio>

namespace mp = boost::mp11;
namespace catalog = hwbind::catalog;
namespace meta = hwbind::meta;

using all_operations = mp::mp_append<hwbind::coc::service::operations, hwbind::hss::service::operations,
                                     hwbind::swr::service::operations, catalog::service::operations>;
static_assert(mp::mp_size<all_operations>::value == 5, "four seed endpoints and the fifth");
static_assert(mp::mp_contains<fifth::services::all, catalog::service>::value,
              "a new spec file joins the list of every service");
static_assert(catalog::list_entries::path == "/v1/{project_id}/entries");
static_assert(std::is_same_v<catalog::list_entries::pagination,
                             meta::offset_pagination<&catalog::list_entries_request::offset,
                                                     &catalog::list_entries_request::limit,
                                                     &catalog::list_entries_response::entries,
                                                     &catalog::list_entries_response::total>>);
static_assert(wire_fields(meta::tag<catalog::list_entries_request>{})[3].maximum == 50);

int main()
{
    catalog::list_entries_request request;
    request.state = catalog::entry_state::RETIRED;
    request.limit = 20;
    if (request.state->wire() != "RETIRED" || catalog::service::name != "catalog") {
        std::puts("fifth endpoint: unexpected generated values");
        return 1;
    }
    std::puts("fifth endpoint: generated, compiled and usable beside the four seed endpoints");
    return 0;
}

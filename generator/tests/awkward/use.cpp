// Uses every generated declaration of the awkward-names spec with the runtime, so that
// `g++ -fsyntax-only` instantiates the codec, the client, the api facade and the mock over
// it (test_generator.AwkwardNamesTest). Never run: it only has to compile.
#include <awkward_gen/all_docs.hpp>
#include <awkward_gen/awkward.hpp>

#include <hwbind.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/mock/server.hpp>

#include <boost/asio/use_future.hpp>
#include <boost/mp11/algorithm.hpp>

#include <future>
#include <string>
#include <type_traits>

namespace aw = hwbind::awkward;

template <class Op>
void use_operation(hwbind::client& client)
{
    using request_type = typename Op::request_type;
    using response_type = typename Op::response_type;
    request_type req{};
    hwbind::diagnostics diag;
    boost::system::error_code ec;
    (void)hwbind::prepare_request<Op>(req, {});
    response_type out{};
    (void)hwbind::decode(std::string_view("{}"), out, diag);
    (void)client.call<Op>(req);
    client.call<Op>(req, out, ec, diag);
    (void)client.async_call<Op>(req, diag, boost::asio::use_future);
    (void)client.async_call(req, hwbind::with_diagnostics(boost::asio::use_future));
    (void)client.call(req);
    client.call(req, out, ec, diag);
    static_assert(std::is_same_v<hwbind::meta::operation_for<request_type>, Op>);
    (void)description(hwbind::meta::tag<Op>{});
    (void)member_descriptions(hwbind::meta::tag<request_type>{});
    (void)examples(hwbind::meta::tag<Op>{});
    (void)hwbind::meta::deep_equal(out, out);
}

template <class Model>
void use_model()
{
    Model m{};
    hwbind::diagnostics diag;
    (void)hwbind::decode(std::string_view("{}"), m, diag);
    (void)hwbind::encode(m);
    (void)hwbind::meta::deep_equal(m, m);
}

void use_everything(hwbind::client& client)
{
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, aw::service::operations>>(
        [&](auto op) { use_operation<typename decltype(op)::type>(client); });
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, aw::service::models>>(
        
        [&](auto model) { use_model<typename decltype(model)::type>(); });

    aw::api<hwbind::client> api{client};
    (void)api.list(aw::list_request{});
    (void)api.list_all(aw::list_request{});
    (void)api.create(aw::create_request{});
    (void)api.remove(aw::remove_request{});
    (void)api.request(aw::request_request{});
    aw::pagination page;
    boost::system::error_code ec;
    hwbind::diagnostics diag;
    api.list(aw::list_request{}, page, ec, diag);
    (void)api.async_list(aw::list_request{}, boost::asio::use_future);
    (void)api.async_list(aw::list_request{}, diag, boost::asio::use_future);
    (void)api.list_all(aw::list_request{}, ec, diag);
    (void)api.list_request2(aw::list_request2_request{});
    for (const aw::item& i : client.all_items<aw::list>(aw::list_request{}))
        (void)i;

    hwbind::mock::server<aw::service> mock;
    (void)mock.records<aw::list>();
}

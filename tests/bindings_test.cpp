// Checks of the generated bindings (include/hwbind/services and the golden fixture of the
// generator): every descriptor is consistent at compile time, and the spec's facts from the
// seed pages reached the C++ side with their exact wire names and types.
// all_docs.hpp includes all.hpp and each service's docs.hpp, which check_service reads.
#include <hwbind/services/all_docs.hpp>

#include <golden_full/all_docs.hpp>

#include <hwbind/runtime/codec/json_decode.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/describe/members.hpp>
#include <boost/system/error_code.hpp>
#include <boost/mp11/algorithm.hpp>
#include <doctest/doctest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

namespace mp = boost::mp11;
namespace meta = hwbind::meta;
using boost::describe::describe_members;
using boost::describe::mod_public;

template <class T>
constexpr auto fields_of = wire_fields(meta::tag<T>{});

// ---- generic consistency, for every model and operation of every service ----------------

template <class T>
constexpr bool table_matches_members()
{
    return fields_of<T>.size() == mp::mp_size<describe_members<T, mod_public>>::value;
}

template <class T>
constexpr bool wire_names_are_unique()
{
    constexpr auto fields = fields_of<T>;
    for (std::size_t i = 0; i < fields.size(); ++i)
        for (std::size_t j = i + 1; j < fields.size(); ++j)
            if (fields[i].wire_name == fields[j].wire_name)
                return false;
    return true;
}

template <class T>
constexpr bool models_travel_in_body()
{
    for (const auto& f : fields_of<T>)
        if (f.in != meta::location::body)
            return false;
    return true;
}

constexpr std::size_t count_placeholders(std::string_view path)
{
    std::size_t n = 0;
    for (char c : path)
        n += c == '{';
    return n;
}

constexpr bool contains_placeholder(std::string_view path, std::string_view name)
{
    for (std::size_t at = path.find('{'); at != std::string_view::npos; at = path.find('{', at + 1))
        if (path.substr(at + 1, name.size()) == name && path.substr(at + 1 + name.size(), 1) == "}")
            return true;
    return false;
}

// Each `{name}` of the path is a path parameter, and each path parameter is in the path.
template <class Op>
constexpr bool path_matches_parameters()
{
    std::size_t path_parameters = 0;
    for (const auto& f : fields_of<typename Op::request_type>) {
        if (f.in != meta::location::path)
            continue;
        ++path_parameters;
        if (!contains_placeholder(Op::path, f.wire_name) || !f.is_required)
            return false;
    }
    return path_parameters == count_placeholders(Op::path) && Op::path.substr(0, 1) == "/";
}

template <class Op, class Pagination>
struct pagination_check : std::true_type {};

template <class Op, auto Offset, auto Limit, auto Items, auto Total>
struct pagination_check<Op, meta::offset_pagination<Offset, Limit, Items, Total>>
    : std::bool_constant<
          std::is_same_v<meta::class_of<Offset>, typename Op::request_type> &&
          std::is_same_v<meta::class_of<Limit>, typename Op::request_type> &&
          std::is_same_v<meta::class_of<Items>, typename Op::response_type> &&
          meta::is_vector_v<meta::member_type_of<Items>>> {};

template <class Op, auto Marker, auto Next, auto Items, auto Total>
struct pagination_check<Op, meta::marker_pagination<Marker, Next, Items, Total>>
    : std::bool_constant<
          std::is_same_v<meta::class_of<Marker>, typename Op::request_type> &&
          std::is_same_v<meta::class_of<Next>, typename Op::response_type> &&
          std::is_same_v<meta::class_of<Items>, typename Op::response_type> &&
          meta::is_vector_v<meta::member_type_of<Items>>> {};

template <class Service>
constexpr bool check_service()
{
    mp::mp_for_each<mp::mp_transform<mp::mp_identity, typename Service::models>>([](auto t) {
        using T = typename decltype(t)::type;
        static_assert(table_matches_members<T>(), "wire_fields() lists every described member");
        static_assert(wire_names_are_unique<T>(), "no two members share a wire name");
        static_assert(models_travel_in_body<T>(), "model members are JSON members");
    });
    mp::mp_for_each<mp::mp_transform<mp::mp_identity, typename Service::operations>>([](auto t) {
        using Op = typename decltype(t)::type;
        using Request = typename Op::request_type;
        static_assert(std::is_same_v<typename Op::service_type, Service>);
        static_assert(table_matches_members<Request>(), "wire_fields() lists every parameter");
        static_assert(wire_names_are_unique<Request>());
        static_assert(path_matches_parameters<Op>(), "path placeholders and path parameters agree");
        static_assert(pagination_check<Op, typename Op::pagination>::value,
                      "pagination names request members and a response array");
        // A response is a model of the service, or a generated envelope (a body that is not
        // an object, headers, or no body).
        static_assert(mp::mp_contains<typename Service::models, typename Op::response_type>::value ||
                      meta::is_envelope_v<typename Op::response_type> ||
                      meta::response_payload_v<Op> == meta::payload::none);
        static_assert(member_descriptions(meta::tag<Request>{}).size() == fields_of<Request>.size(),
                      "docs.hpp describes every parameter");
        static_assert(!description(meta::tag<Op>{}).empty());
        static_assert(Op::success_status >= 200 && Op::success_status < 300);
    });
    return true;
}

static_assert(check_service<hwbind::coc::service>());
static_assert(check_service<hwbind::hss::service>());
static_assert(check_service<hwbind::swr::service>());
static_assert(check_service<hwbind::inventory::service>());

// Four endpoints over three services.
static_assert(std::is_same_v<hwbind::services::all,
                             mp::mp_list<hwbind::coc::service, hwbind::hss::service, hwbind::swr::service>>);
static_assert(std::is_same_v<golden_full::all, mp::mp_list<hwbind::inventory::service>>,
              "each generated set has its own index, named after its include prefix");
static_assert(mp::mp_size<hwbind::coc::service::operations>::value == 2);
static_assert(mp::mp_size<hwbind::hss::service::operations>::value == 1);
static_assert(mp::mp_size<hwbind::swr::service::operations>::value == 1);

// ---- facts of the seed pages ---------------------------------------------------------

template <class T>
constexpr meta::field field_named(std::string_view wire)
{
    for (const auto& f : fields_of<T>)
        if (f.wire_name == wire)
            return f;
    return meta::field{};
}

namespace hss = hwbind::hss;
namespace swr = hwbind::swr;
namespace coc = hwbind::coc;

// HSS GET /v5/{project_id}/kubernetes/jobs: limit required, 10..200, default 10.
static_assert(hss::list_jobs::path == "/v5/{project_id}/kubernetes/jobs");
static_assert(hss::list_jobs::method == meta::http_method::get);
static_assert(field_named<hss::list_jobs_request>("limit").is_required);
static_assert(*field_named<hss::list_jobs_request>("limit").minimum == 10);
static_assert(*field_named<hss::list_jobs_request>("limit").maximum == 200);
static_assert(*field_named<hss::list_jobs_request>("offset").maximum == 2000000);
static_assert(field_named<hss::list_jobs_request>("project_id").context_key == "project_id");
static_assert(std::is_same_v<decltype(hss::serverless_job_info::create_time), std::optional<std::int64_t>>);
static_assert(std::is_same_v<decltype(hss::list_jobs_response::total_num), std::optional<std::int64_t>>);
static_assert(meta::accepts(hss::list_jobs::auth.schemes, meta::auth_scheme::token));
static_assert(hss::list_jobs::auth.token_header == "X-Auth-Token");

// SWR GET /v2/{project_id}/jobs: offset and limit only together; limit at most 100.
static_assert(swr::list_instance_jobs::path == "/v2/{project_id}/jobs");
static_assert(std::is_same_v<swr::list_instance_jobs::rules,
                             meta::rules<meta::all_or_none<&swr::list_instance_jobs_request::offset,
                                                           &swr::list_instance_jobs_request::limit>>>);
static_assert(*field_named<swr::list_instance_jobs_request>("limit").maximum == 100);
static_assert(mp::mp_size<swr::list_instance_jobs::errors>::value == 5);

// COC GET /v1/schedule/task: marker pagination with the cursor spelled next_maker on the wire.
static_assert(coc::list_scheduled_tasks::path == "/v1/schedule/task");
static_assert(field_named<coc::list_scheduled_tasks_response>("next_maker").wire_name == "next_maker");
static_assert(std::is_same_v<coc::list_scheduled_tasks::pagination,
                             meta::marker_pagination<&coc::list_scheduled_tasks_request::marker,
                                                     &coc::list_scheduled_tasks_response::next_maker,
                                                     &coc::list_scheduled_tasks_response::scheduled_tasks,
                                                     &coc::list_scheduled_tasks_response::count>>);
static_assert(std::is_same_v<decltype(coc::scheduled_task_basic_info::approve_status),
                             std::optional<meta::any_value>>,
              "approve_status: documented Object, sent as a string");
static_assert(std::is_same_v<decltype(coc::scheduled_task_basic_info::execution_count),
                             std::optional<std::int32_t>>);
static_assert(std::is_same_v<coc::list_scheduled_tasks::rules,
                             meta::rules<meta::requires_members<&coc::list_scheduled_tasks_request::task_name,
                                                                &coc::list_scheduled_tasks_request::task_id>>>);

// COC GET /v1/documents: offset is a string on the wire; times kept as numbers or strings.
static_assert(std::is_same_v<decltype(coc::list_documents_request::offset), std::optional<std::string>>);
static_assert(std::is_same_v<decltype(coc::document_info::create_time), std::optional<meta::loose_time>>);
static_assert(std::is_same_v<decltype(coc::document_info::update_time), std::optional<meta::loose_time>>);
static_assert(field_named<coc::document_info>("modifier").is_nullable);
static_assert(coc::service::endpoint_template.empty() && coc::service::endpoints.size() == 3);

} // namespace

TEST_CASE("region endpoints come from the spec")
{
    CHECK(hwbind::coc::service::endpoints[0].region == "cn-north-4");
    CHECK(hwbind::coc::service::endpoints[0].url == "https://coc.myhuaweicloud.com");
    CHECK(hwbind::hss::service::endpoint_template == "https://hss.{region}.myhuaweicloud.com");
    CHECK(hwbind::swr::service::endpoints[0].url == "https://swr-api.eu-west-101.myhuaweicloud.eu");
}

TEST_CASE("document_type accepts the values of the page and of the SDK")
{
    using hwbind::coc::document_type;
    for (auto wire : {"PRIVATE", "PUBLIC", "NORMAL"})
        CHECK(meta::open_enum<document_type>::from_wire(wire).is_known());
}

TEST_CASE("golden fixture: renamed wire names stay exact")
{
    namespace inv = hwbind::inventory;
    CHECK(field_named<inv::item>("class").wire_name == "class");
    CHECK(field_named<inv::item>("Content-Type").wire_name == "Content-Type");
    CHECK(meta::wire_name(inv::phase::in_progress) == "in-progress");
    CHECK(meta::wire_name(inv::phase::_2nd_pass) == "2nd-pass");
    CHECK(meta::open_enum<inv::phase>::from_wire("2nd-pass") == inv::phase::_2nd_pass);

    inv::item item;
    item.class_ = "keyword";
    item.content_type = "text/plain";
    item.size = inv::size::large;
    CHECK(item.count == 0);
    CHECK_FALSE(item.enabled);

    inv::list_items_request request;
    CHECK(request.limit == 10); // a required parameter starts at its documented default
    CHECK_FALSE(request.verbose.has_value());
    CHECK(std::is_same_v<inv::ping::pagination, meta::no_pagination>);
    CHECK(inv::ping::auth.schemes == meta::auth_scheme::none);
}

namespace {

// Stands for a client: records which descriptor each facade function forwarded to, and in
// which form (the facade declares the client's overloads, not `Args&&...` forwarders).
struct recording_client {
    using executor_type = boost::asio::any_io_executor;
    std::vector<std::string> log;

    template <class Op>
    typename Op::response_type call(const typename Op::request_type&)
    {
        log.push_back(std::string(Op::name));
        return {};
    }
    template <class Op>
    void call(const typename Op::request_type&, typename Op::response_type&, boost::system::error_code&,
              hwbind::diagnostics&)
    {
        log.push_back(std::string(Op::name) + " ec");
    }
    template <class Op, class Token>
    std::string async_call(const typename Op::request_type&, Token&&)
    {
        return "async " + std::string(Op::name);
    }
    template <class Op, class Token>
    std::string async_call(const typename Op::request_type&, hwbind::diagnostics&, Token&&)
    {
        return "async diag " + std::string(Op::name);
    }
    template <class Op>
    std::string all_items(const typename Op::request_type&)
    {
        return "all " + std::string(Op::name);
    }
    template <class Op>
    std::string all_items(const typename Op::request_type&, boost::system::error_code&, hwbind::diagnostics&)
    {
        return "all ec " + std::string(Op::name);
    }
};

} // namespace

TEST_CASE("the generated api facade forwards each operation to its descriptor")
{
    recording_client client;
    boost::system::error_code ec;
    hwbind::diagnostics diag;
    hwbind::coc::api coc{client};
    (void)coc.list_documents({});
    hwbind::coc::list_scheduled_tasks_response tasks;
    coc.list_scheduled_tasks({}, tasks, ec, diag);
    CHECK(client.log == std::vector<std::string>{"list_documents", "list_scheduled_tasks ec"});
    CHECK(coc.async_list_scheduled_tasks({}, 7) == "async list_scheduled_tasks");
    CHECK(coc.async_list_scheduled_tasks({}, diag, 7) == "async diag list_scheduled_tasks");
    CHECK(coc.list_documents_all({}) == "all list_documents");
    CHECK(coc.list_documents_all({}, ec, diag) == "all ec list_documents");
    CHECK(&coc.client() == &client);

    hwbind::swr::api swr{client};
    CHECK(swr.list_instance_jobs_all({}) == "all list_instance_jobs");
    hwbind::inventory::api inventory{client};
    (void)inventory.ping({});
    CHECK(client.log.back() == "ping");
}

namespace {

template <class Service>
void check_examples_decode()
{
    mp::mp_for_each<mp::mp_transform<mp::mp_identity, typename Service::operations>>([](auto t) {
        using Op = typename decltype(t)::type;
        for (const meta::example& example : examples(meta::tag<Op>{})) {
            CAPTURE(Op::name);
            CAPTURE(example.name);
            REQUIRE(example.status == Op::success_status);
            typename Op::response_type response;
            hwbind::diagnostics diag;
            CHECK_MESSAGE(!hwbind::decode(example.body, response, diag), diag.message());
        }
    });
}

} // namespace

TEST_CASE("every documented example is embedded and decodes into its response type")
{
    check_examples_decode<hwbind::coc::service>();
    check_examples_decode<hwbind::hss::service>();
    check_examples_decode<hwbind::swr::service>();
    check_examples_decode<hwbind::inventory::service>();
    CHECK(examples(meta::tag<hwbind::coc::list_documents>{}).size() == 1);
    CHECK(examples(meta::tag<hwbind::coc::list_scheduled_tasks>{})[0].request ==
          "GET /v1/schedule/task?offset=0&limit=10&scheduled_type=ONCE&last_execution_status=FINISHED");
    CHECK(examples(meta::tag<hwbind::inventory::ping>{}).empty());
}

// The real operations of tests/fixtures/real_operations (generated at build time into
// ro/services): for every operation, a request with every member set is built and its JSON body
// read back; for every response type, a filled body is encoded and decoded back, and the header
// members of envelopes are read back from headers.
//
// Then every operation is called through the client, synchronously and asynchronously, against
// an in-process mock server of the three services: the mock answers a filled response set with
// `server::set_response`, which the client's decoded response must equal value by value, and
// the request the mock read from the wire (`server::last_request`) must equal the one sent.
//
// Each check is a template over the operation (`check_request<Op>`, `check_response<Op>`,
// `check_call<Op>`), run for every operation of every service by `for_each_operation`. The CLI
// is tested against the same services by tests/real_operations_cli_test.py.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <hwbind.hpp>
#include <hwbind/mock/server.hpp>
#include <hwbind/runtime/codec/response_headers.hpp>
#include <hwbind/mock/server.hpp>
#include <pg/services/all.hpp>
#include <ro/services/all.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

namespace mp = boost::mp11;
namespace meta = hwbind::meta;

using services = ro::services::all;

/// Calls `f(mp_identity<Op>)` for every operation of every service.
template <class F>
void for_each_operation(F&& f)
{
    mp::mp_for_each<services>([&](auto service) {
        using S = decltype(service);
        mp::mp_for_each<mp::mp_transform<mp::mp_identity, typename S::operations>>(f);
    });
}

/// How `fill` chooses values: `request` ones pass request validation (listed enumeration values,
/// no control characters, which header values may not hold); `response` ones also exercise
/// the decoder (unknown enumeration values, escapes).
enum class fill_mode { request, response };

/// Arrays and maps deeper than this stay empty: models that hold arrays of themselves
/// (schedule_instance.sub_target_instances) would otherwise never end.
constexpr int max_depth = 4;

/// Sets every member of `v`, at any depth up to `max_depth`, to a value other than the default.
template <class T>
void fill(T& v, int seed, fill_mode mode, int depth = 0)
{
    if constexpr (meta::is_model_v<T>) {
        mp::mp_for_each<meta::members_of<T>>([&](auto d) { fill(v.*d.pointer, seed++, mode, depth + 1); });
    } else if constexpr (meta::is_optional_v<T>) {
        fill(v.emplace(), seed, mode, depth);
    } else if constexpr (std::is_same_v<T, std::vector<bool>>) {
        v = {true, false};
    } else if constexpr (meta::is_vector_v<T>) {
        v.clear();
        if (depth < max_depth) {
            v.resize(2);
            for (auto& element : v)
                fill(element, ++seed, mode, depth + 1);
        }
    } else if constexpr (meta::is_map_v<T>) {
        v.clear();
        if (depth < max_depth) {
            for (int i = 0; i != 2; ++i)
                fill(v[mode == fill_mode::request ? "k" + std::to_string(seed + i) : "k\"" + std::to_string(seed + i) + "\n"],
                     seed + i, mode, depth + 1);
        }
    } else if constexpr (std::is_same_v<T, bool>) {
        v = seed % 2 == 0;
    } else if constexpr (meta::is_wire_integer_v<T>) {
        v = seed % 2 == 0 ? std::numeric_limits<T>::max() - seed : std::numeric_limits<T>::min() + seed;
    } else if constexpr (std::is_same_v<T, double>) {
        v = seed / 3.0;
    } else if constexpr (std::is_same_v<T, std::string>) {
        v = "s" + std::to_string(seed) + (mode == fill_mode::request ? " \"\\/\xc3\xa9" : "\"\\\n\xc3\xa9");
    } else if constexpr (meta::is_open_enum<T>::value) {
        using E = typename T::enum_type;
        int index = 0;
        mp::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto e) {
            if (index++ == seed % 2)
                v = e.value;
        });
        if (mode == fill_mode::response && seed % 3 == 0)
            v = T::from_wire(meta::is_integer_enum_v<E> ? std::string_view("42") : std::string_view("NOT_DOCUMENTED"));
    } else if constexpr (std::is_same_v<T, meta::file_part>) {
        // A name to quote and bytes that look like a form's framing.
        v = meta::file_part::from_bytes("logo \"" + std::to_string(seed) + "\"\\\r\n\xc3\xa9%.png",
                                        std::string("\x89PNG\r\n--hwbind-\r\n") + '\0' + std::to_string(seed), "image/png");
    } else {
        static_assert(std::is_same_v<T, meta::any_value>);
        v = meta::any_value(boost::json::parse(R"({"seed":[)" + std::to_string(seed) + R"(,0.5,null,"x"]})"));
    }
}

/// The wire text of a scalar response header member's value.
template <class T>
std::string header_text(const T& v)
{
    if constexpr (std::is_same_v<T, std::string>)
        return v;
    else if constexpr (std::is_same_v<T, bool>)
        return v ? "true" : "false";
    else if constexpr (meta::is_open_enum<T>::value)
        return std::string(v.wire());
    else
        return std::to_string(v);
}

/// Decodes `json` into a `T` of any JSON type (`hwbind::decode` takes models only).
template <class T>
T decode_value(std::string_view json)
{
    if constexpr (meta::is_model_v<T>) {
        return hwbind::decode<T>(json);
    } else {
        T out{};
        hwbind::diagnostics diag;
        const auto ec = hwbind::detail::decode_json(json, &out, hwbind::detail::codec_v<T>, diag, {});
        INFO(diag.message());
        REQUIRE_FALSE(ec);
        return out;
    }
}

/// A request of `Op` with every member set prepares; each parameter reaches the wire; a JSON
/// body decodes back into the value sent.
template <class Op>
void check_request()
{
    using R = typename Op::request_type;
    CAPTURE(Op::service_type::name);
    CAPTURE(Op::name);
    R req;
    fill(req, 1, fill_mode::request);
    const hwbind::prepared_request out = hwbind::prepare_request<Op>(req);
    CHECK(out.method() == Op::method);
    CHECK(out.path().find('{') == std::string_view::npos);

    mp::mp_for_each<meta::members_of<R>>([&](auto d) {
        constexpr meta::field f = meta::field_of<decltype(d)::pointer>();
        CAPTURE(f.wire_name);
        if constexpr (f.in == meta::location::query) {
            CHECK(out.query().find(std::string(f.wire_name) + "=") != std::string_view::npos);
        } else if constexpr (f.in == meta::location::header) {
            CHECK(out.headers().find(f.wire_name) != nullptr);
        } else if constexpr (f.in == meta::location::content &&
                             meta::request_payload_v<Op> == meta::payload::multipart) {
            // A form: its boundary in the Content-Type, unsigned, read back as the mock reads it.
            const auto* content_type = out.headers().find("Content-Type");
            REQUIRE(content_type != nullptr);
            const auto boundary = hwbind::mock::detail::form_boundary_of(content_type->value);
            REQUIRE(boundary.has_value());
            CHECK(content_type->value == std::string(Op::request_content_type) + "; boundary=" + *boundary);
            const auto* unsigned_body = out.headers().find("X-Sdk-Content-Sha256");
            REQUIRE(unsigned_body != nullptr);
            CHECK(unsigned_body->value == "UNSIGNED-PAYLOAD");
            CHECK(out.body().empty());
            hwbind::mock::detail::form_parser parser(*boundary);
            for (const hwbind::body_segment& segment : out.segments().segments()) {
                REQUIRE_FALSE(segment.is_file());
                parser.feed(segment.bytes);
            }
            parser.finish();
            REQUIRE(parser.form().error.empty());
            auto received = meta::member_type<decltype(d)>();
            CHECK(hwbind::mock::detail::parse_form(received, parser.form()).empty());
            CHECK(meta::deep_equal(req.*decltype(d)::pointer, received));
        } else if constexpr (f.in == meta::location::content) {
            using M = meta::member_type<decltype(d)>;
            using B = std::conditional_t<meta::is_optional_v<M>, typename M::value_type, M>;
            const auto* content_type = out.headers().find("Content-Type");
            REQUIRE(content_type != nullptr);
            CHECK(content_type->value == Op::request_content_type);
            const B* sent = nullptr;
            if constexpr (meta::is_optional_v<M>)
                sent = &*(req.*decltype(d)::pointer);
            else
                sent = &(req.*decltype(d)::pointer);
            const B received = decode_value<B>(out.body());
            CHECK(meta::deep_equal(*sent, received));
        }
    });
    if constexpr (meta::request_payload_v<Op> != meta::payload::json)
        CHECK(out.body().empty());
}

/// The response type of `Op` reads back what was written: a filled body encoded and decoded
/// value by value (`hwbind::decode`); a success documented without a body decoded as the
/// client does; an envelope's header members read back from a header list.
template <class Op>
void check_response()
{
    using T = typename Op::response_type;
    CAPTURE(Op::service_type::name);
    CAPTURE(Op::name);
    constexpr bool has_content = meta::index_of_location<T>(meta::location::content) != meta::npos;
    if constexpr (meta::response_payload_v<Op> == meta::payload::none ||
                  meta::response_payload_v<Op> == meta::payload::binary) {
        // A binary body goes to a download's sink: the response holds its headers only.
        static_assert(!has_content, "a success without a body (or a binary one) has no body member");
        T received;
        hwbind::diagnostics diag;
        bool error_shape = false;
        using code = hwbind::detail::operation_code<Op>;
        CHECK_FALSE(code::decode("", &received, hwbind::decode_options{}, diag, &error_shape));
        CHECK_FALSE(code::decode("  \r\n", &received, hwbind::decode_options{}, diag, &error_shape));
        CHECK_FALSE(error_shape);
    } else if constexpr (!meta::is_envelope_v<T>) {
        for (const fill_mode mode : {fill_mode::request, fill_mode::response}) {
            T sent;
            fill(sent, 1, mode);
            const std::string json = hwbind::encode(sent);
            CAPTURE(json);
            CHECK(meta::deep_equal(sent, hwbind::decode<T>(json)));
        }
        T empty;
        CHECK(meta::deep_equal(empty, hwbind::decode<T>(hwbind::encode(empty))));
    } else {
        static_assert(has_content);
        using D = meta::content_member<T>;
        for (const fill_mode mode : {fill_mode::request, fill_mode::response}) {
            T sent;
            fill(sent.*D::pointer, 1, mode);
            const std::string json = hwbind::encode(sent.*D::pointer);
            CAPTURE(json);
            CHECK(meta::deep_equal(sent, hwbind::decode<T>(json)));
        }
    }
    if constexpr (meta::is_envelope_v<T>) {
        T sent;
        fill(sent, 1, fill_mode::request);
        hwbind::header_list headers;
        mp::mp_for_each<meta::members_of<T>>([&](auto d) {
            constexpr meta::field f = meta::field_of<decltype(d)::pointer>();
            if constexpr (f.in == meta::location::header)
                headers.set(f.wire_name, header_text(*(sent.*decltype(d)::pointer)));
        });
        T received = sent;
        mp::mp_for_each<meta::members_of<T>>([&](auto d) {
            constexpr meta::field f = meta::field_of<decltype(d)::pointer>();
            if constexpr (f.in == meta::location::header)
                (received.*decltype(d)::pointer).reset();
        });
        hwbind::diagnostics diag;
        CHECK_FALSE(hwbind::read_response_headers(headers, received, diag));
        CHECK(meta::deep_equal(sent, received));
    }
}

constexpr std::string_view project = "p-0123";

/// A request of `Op` with every member set (`fill`), its context-filled members (the path's
/// `project_id`) holding the project of the credentials, as the mock accepts.
template <class Op>
typename Op::request_type filled_request(int seed)
{
    using R = typename Op::request_type;
    R req;
    fill(req, seed, fill_mode::request);
    mp::mp_for_each<meta::members_of<R>>([&](auto d) {
        constexpr meta::field f = meta::field_of<decltype(d)::pointer>();
        if constexpr (!f.context_key.empty()) {
            auto& member = req.*decltype(d)::pointer;
            member = std::string(project);
        }
    });
    return req;
}

/// A response of `Op` with every member set: the body with values that exercise the decoder
/// (`fill_mode::response`), header members with values a header can hold.
template <class Op>
typename Op::response_type filled_response(int seed)
{
    using T = typename Op::response_type;
    T out;
    if constexpr (meta::is_envelope_v<T>) {
        fill(out, seed, fill_mode::request);
        if constexpr (meta::index_of_location<T>(meta::location::content) != meta::npos)
            fill(out.*meta::content_member<T>::pointer, seed, fill_mode::response);
    } else {
        fill(out, seed, fill_mode::response);
    }
    return out;
}

using mock_server = mp::mp_rename<services, hwbind::mock::server>;

hwbind::mock::server_options mock_options()
{
    hwbind::mock::server_options options;
    options.credentials.access_key = "AK-real-ops";
    options.credentials.secret_key = hwbind::auth::secret("SK-real-ops");
    options.credentials.project_id = std::string(project);
    return options;
}

/// Binary operation `Op` downloaded through `c` into a file (sync) and through `async` into
/// a callback (async) from `mock`: the bytes are the mock's, the result names the file and
/// the content type, and the request the mock read equals the one sent.
template <class Op>
void check_download(const mock_server& mock, hwbind::client& c, hwbind::client& async, boost::asio::io_context& io,
                    int seed)
{
    using R = typename Op::request_type;
    const std::filesystem::path directory = std::filesystem::temp_directory_path() / "hwbind_real_operations_download";
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);
    for (const bool asynchronous : {false, true}) {
        CAPTURE(asynchronous);
        const R sent_request = filled_request<Op>(seed);
        hwbind::download_result<typename Op::response_type> received;
        std::string body;
        boost::system::error_code ec;
        hwbind::diagnostics diag;
        const std::filesystem::path path = directory / "file";
        if (!asynchronous) {
            c.call<Op>(sent_request, hwbind::download_to_file(path), received, ec, diag);
            std::ifstream in(path, std::ios::binary);
            body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        } else {
            bool done = false;
            async.async_call<Op>(sent_request, hwbind::download_to([&](std::string_view piece) { body.append(piece); }),
                                 diag, [&](boost::system::error_code e, hwbind::download_result<typename Op::response_type> r) {
                                     ec = e;
                                     received = std::move(r);
                                     done = true;
                                 });
            io.restart();
            io.run();
            CHECK(done);
        }
        INFO(diag.message());
        REQUIRE_FALSE(ec);
        CHECK(received.size == mock.options().binary_size);
        CHECK(body.size() == mock.options().binary_size);
        CHECK(hwbind::mock::is_generated(body, 0));
        CHECK(received.file_name == std::string(Op::name) + ".bin");
        CHECK(received.content_type == "application/octet-stream");

        const std::optional<R> read = mock.template last_request<Op>();
        REQUIRE(read.has_value());
        CHECK(meta::deep_equal(sent_request, *read));
        ++seed;
    }
    std::filesystem::remove_all(directory);
}

/// `Op` called through `c` (sync) and `async` (async) against `mock`: the response decoded
/// equals the one the mock was told to answer, and the request the mock read equals the
/// one sent, value by value.
template <class Op>
void check_call(const mock_server& mock, hwbind::client& c, hwbind::client& async, boost::asio::io_context& io,
                int seed)
{
    using R = typename Op::request_type;
    using T = typename Op::response_type;
    CAPTURE(Op::service_type::name);
    CAPTURE(Op::name);

    for (const bool asynchronous : {false, true}) {
        CAPTURE(asynchronous);
        const R sent_request = filled_request<Op>(seed);
        const T answered = filled_response<Op>(seed + 1);
        mock.set_response<Op>(answered);

        T received{};
        boost::system::error_code ec;
        hwbind::diagnostics diag;
        if (!asynchronous) {
            c.call<Op>(sent_request, received, ec, diag);
        } else {
            bool done = false;
            async.async_call<Op>(sent_request, diag, [&](boost::system::error_code e, T r) {
                ec = e;
                received = std::move(r);
                done = true;
            });
            io.restart();
            io.run();
            CHECK(done);
        }
        INFO(diag.message());
        REQUIRE_FALSE(ec);
        CHECK(meta::deep_equal(answered, received));

        const std::optional<R> read = mock.template last_request<Op>();
        REQUIRE(read.has_value());
        CHECK(meta::deep_equal(sent_request, *read));
        ++seed;
    }
}

} // namespace

TEST_CASE("the real operations fixture holds the 19 JSON operations, the 2 multipart ones and the 2 binary downloads")
{
    std::set<std::pair<std::string_view, std::string_view>> ids;
    for_each_operation([&](auto op) {
        using Op = typename decltype(op)::type;
        ids.emplace(Op::service_type::name, Op::id);
    });
    CHECK(ids.size() == 23);
    CHECK(mp::mp_size<hwbind::coc_ops::service::operations>::value == 8);
    CHECK(mp::mp_size<hwbind::hss_ops::service::operations>::value == 7);
    static_assert(meta::response_payload_v<hwbind::hss_ops::show_script_file> == meta::payload::binary);
    static_assert(meta::response_payload_v<hwbind::hss_ops::list_download_exported_file> == meta::payload::binary);
    CHECK(mp::mp_size<hwbind::swr_ops::service::operations>::value == 8);
}

TEST_CASE("every real operation prepares a request with every member set")
{
    for_each_operation([](auto op) { check_request<typename decltype(op)::type>(); });
}

TEST_CASE("every real operation's response round-trips through the codec")
{
    for_each_operation([](auto op) { check_response<typename decltype(op)::type>(); });
}

TEST_CASE("the shapes the real operations need")
{
    namespace swr = hwbind::swr_ops;
    namespace coc = hwbind::coc_ops;
    namespace hss = hwbind::hss_ops;
    // Integer enumeration values travel as JSON numbers.
    const auto ns = hwbind::decode<swr::show_namespace>(R"({"id":1,"name":"n","creator_name":"c","auth":7})");
    CHECK(ns.auth.wire() == "7");
    CHECK(hwbind::encode(ns) == R"({"id":1,"name":"n","creator_name":"c","auth":7})");
    // A non-object body and a response header.
    const auto repos = hwbind::decode<swr::list_repos_details_response>(R"([])");
    CHECK(repos.body.empty());
    // An empty success: no body member, and the operation says it has no body.
    static_assert(meta::index_of_location<swr::delete_namespaces_response>(meta::location::content) == meta::npos);
    static_assert(meta::response_payload_v<swr::delete_namespaces> == meta::payload::none);
    // A body that is any JSON value.
    CHECK(hwbind::decode<coc::handler_alarm_response>("\"ok\"").body.as_string() == "ok");
    // Arrays of arrays.
    const auto forensic = hwbind::decode<hss::event_forensic_info>(R"({"process_chain_forensic":[[{"process_pid":3}],[]]})");
    REQUIRE(forensic.process_chain_forensic.size() == 2);
    CHECK(forensic.process_chain_forensic[0].at(0).process_pid == 3);
}

// ---- every pagination shape, through the client against the mock server --------------------

namespace {

namespace mock = hwbind::mock;

using paging_server = mock::server<hwbind::coc_ops::service, hwbind::swr_ops::service, hwbind::paging_ops::service>;

constexpr std::size_t paging_records = 7; // pages of 3, 3 and 1 items

paging_server& shared_paging_server()
{
    static paging_server server([] {
        mock::server_options options;
        options.records = paging_records;
        options.credentials.access_key = "MOCKACCESSKEY00000001";
        options.credentials.secret_key = hwbind::auth::secret("mock-secret-key-for-the-tests");
        options.credentials.project_id = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
        return options;
    }());
    return server;
}

hwbind::client_options paging_client_options()
{
    hwbind::client_options out = shared_paging_server().client_options();
    out.retry.max_attempts = 1;
    return out;
}

template <class Op>
using page_item = typename meta::member_at_t<Op::pagination::items>::value_type;

template <class Items>
std::vector<std::string> encoded(const Items& items)
{
    std::vector<std::string> out;
    for (const auto& item : items)
        out.push_back(hwbind::encode(item));
    return out;
}

/// Every item of `Op`'s pages, synchronously (item range) and asynchronously (futures), with
/// the number of pages each walk fetched.
template <class Op>
void check_walk(const typename Op::request_type& request, std::size_t pages)
{
    CAPTURE(Op::name);
    const std::vector<std::string> expected = encoded(shared_paging_server().records<Op>());
    REQUIRE(expected.size() == paging_records);
    hwbind::client c(paging_client_options());

    std::vector<std::string> sync;
    for (const auto& item : c.all_items<Op>(request))
        sync.push_back(hwbind::encode(item));
    CHECK(sync == expected);

    boost::asio::thread_pool pool(1);
    hwbind::client ac(pool.get_executor(), paging_client_options());
    std::vector<std::string> async;
    std::size_t fetched = 0;
    auto walker = ac.pages<Op>(request);
    while (auto page = walker.async_next(boost::asio::use_future).get()) {
        ++fetched;
        if (const auto* items = meta::member_at<Op::pagination::items>::find(*page))
            for (const auto& item : *items)
                async.push_back(hwbind::encode(item));
    }
    // A future is ready before the operation has let go of the pool's thread: join it before
    // the walker and the client go.
    pool.join();
    CHECK(async == expected);
    CHECK(fetched == pages);
}

} // namespace

TEST_CASE("every pagination shape walks the mock's records, synchronously and asynchronously")
{
    namespace swr = hwbind::swr_ops;
    namespace coc = hwbind::coc_ops;
    namespace pg = hwbind::paging_ops;
    SUBCASE("page number (ListApplicationView), first page 1, stopped by a short page")
    {
        coc::list_application_view_request req;
        req.limit = 3;
        check_walk<coc::list_application_view>(req, 3);
    }
    SUBCASE("page number as a string from 0, stopped by the total")
    {
        pg::list_sheets_request req;
        req.size = "3";
        check_walk<pg::list_sheets>(req, 3);
    }
    SUBCASE("marker from the last item (ListApplicationComponents, ListApplicationGroups)")
    {
        coc::list_application_components_request components;
        components.limit = 3;
        check_walk<coc::list_application_components>(components, 3);
        coc::list_application_groups_request groups;
        groups.limit = 3;
        check_walk<coc::list_application_groups>(groups, 3);
    }
    SUBCASE("integer marker and next-marker (ListRepoDetails)")
    {
        swr::list_repo_details_request req;
        req.limit = 3;
        req.content_type = swr::list_repo_details_request_content_type::application_json;
        check_walk<swr::list_repo_details>(req, 3);
    }
    SUBCASE("next-marker nested in page_info (ListAllInstanceRepositories)")
    {
        swr::list_all_instance_repositories_request req;
        req.limit = 3;
        check_walk<swr::list_all_instance_repositories>(req, 3);
    }
    SUBCASE("string offset and limit, items the array body of an envelope (ListReposDetails)")
    {
        swr::list_repos_details_request req;
        req.limit = "3";
        req.content_type = swr::list_repos_details_request_content_type::application_json;
        check_walk<swr::list_repos_details>(req, 3);
    }
    SUBCASE("offset and limit in the request body, items and total in data")
    {
        // The body is left unset: the walker emplaces it for the page window, with the
        // documented page size 3.
        check_walk<pg::list_rooms>({}, 3);
    }
}

TEST_CASE("the walker writes the page window where the spec says")
{
    namespace pg = hwbind::paging_ops;
    namespace swr = hwbind::swr_ops;
    hwbind::client c(paging_client_options());
    auto rooms = c.pages<pg::list_rooms>({});
    REQUIRE(rooms.request().body.has_value());
    CHECK(rooms.request().body->offset == 0);
    CHECK(rooms.request().body->limit == 3);
    REQUIRE(rooms.next());
    CHECK(rooms.request().body->offset == 3);

    swr::list_repo_details_request req;
    req.limit = 3;
    req.content_type = swr::list_repo_details_request_content_type::application_json;
    auto repos = c.pages<swr::list_repo_details>(req);
    REQUIRE(repos.next());
    CHECK(repos.request().marker == 3); // an integer marker, from the integer next-marker
}

TEST_CASE("every real operation through the client against the mock, sync and async, value by value (downloads byte by byte)")
{
    const mock_server mock(mock_options());
    hwbind::client c(mock.client_options());
    boost::asio::io_context io;
    hwbind::client async(io.get_executor(), mock.client_options());
    int seed = 1;
    int calls = 0;
    for_each_operation([&](auto op) {
        using Op = typename decltype(op)::type;
        if constexpr (meta::response_payload_v<Op> == meta::payload::binary)
            check_download<Op>(mock, c, async, io, seed);
        else
            check_call<Op>(mock, c, async, io, seed);
        seed += 10;
        ++calls;
    });
    CHECK(calls == 23);
}

TEST_CASE("the mock refuses a malformed or incomplete form with a 400 of the Huawei error shape")
{
    const mock_server mock(mock_options());
    const hwbind::client_options o = mock.client_options();
    hwbind::endpoint origin;
    REQUIRE_FALSE(hwbind::parse_endpoint(o.endpoint, origin));
    boost::asio::io_context io;
    hwbind::transport t(io.get_executor());
    // ImportOtherResource, sent by hand: signed as the client signs.
    const auto send = [&](const std::string& content_type, const std::string& body, bool unsigned_payload) {
        hwbind::prepared_request req;
        req.set_method(meta::http_method::post);
        req.set_target("/v1/other-resources/import", "");
        req.headers().set("Content-Type", content_type);
        if (unsigned_payload)
            req.headers().set("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD");
        req.set_body(body);
        hwbind::auth::sign_request(req, o.credentials, std::chrono::system_clock::now(), origin.host_header());
        hwbind::http_response out;
        boost::system::error_code ec;
        t.send(origin, req, out, ec);
        REQUIRE_FALSE(ec);
        return out;
    };
    const std::string file = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx\r\n";
    const std::string type = "--B\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\necs\r\n";
    const std::string region = "--B\r\nContent-Disposition: form-data; name=\"region_id\"\r\n\r\nr1\r\n";
    const std::string form_type = "multipart/form-data; boundary=B";

    CHECK(send(form_type, file + type + region + "--B--\r\n", true).status == 200);
    const auto refused = [&](const std::string& content_type, const std::string& body, bool unsigned_payload,
                             const std::string& why) {
        const hwbind::http_response out = send(content_type, body, unsigned_payload);
        CAPTURE(out.body);
        CHECK(out.status == 400);
        const auto error = boost::json::parse(out.body).as_object();
        CHECK(error.at("error_code").as_string() == "COC_OPS.0400");
        CHECK(std::string(error.at("error_msg").as_string()).find(why) != std::string::npos);
    };
    refused(form_type, file + type + region, true,
            "body: malformed multipart/form-data: the form ends before its closing delimiter (--boundary--)");
    refused(form_type, file + "--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--\r\n", true,
            "body: malformed multipart/form-data: part 2: no Content-Disposition header");
    refused(form_type, file + type + "--B--\r\n", true, "body.region_id: required part not sent");
    refused(form_type, type + region + "--B--\r\n", true, "body.file: required part not sent");
    refused(form_type, "--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n" + type + region + "--B--\r\n",
            true, "body.file: a text part where a file is expected (no filename)");
    refused(form_type, file + type + region + "--B--\r\n", false,
            "A multipart/form-data body is sent with X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD");
    refused("multipart/form-data", file + type + region + "--B--\r\n", true,
            "The body is not multipart/form-data with a boundary");
}

TEST_CASE("the mock's recorded request and set response are the ones compared")
{
    // The comparison of the previous test can fail: a response the mock was not told to
    // answer, or a request other than the one sent, is told apart.
    namespace swr = hwbind::swr_ops;
    const mock_server mock(mock_options());
    hwbind::client c(mock.client_options());
    CHECK_FALSE(mock.last_request<swr::list_repos_details>().has_value());

    swr::list_repos_details_request req;
    req.content_type = swr::list_repos_details_request_content_type::application_json;
    req.name = "nginx"; // a filter of the paged records: only the example's one has that name
    const auto before = c.call<swr::list_repos_details>(req);
    REQUIRE(before.body.size() == 1); // the example of tests/fixtures/real_operations/examples
    CHECK(before.body[0].name == "nginx");

    auto answered = filled_response<swr::list_repos_details>(3);
    mock.set_response<swr::list_repos_details>(answered);
    req.name = "b";
    const auto after = c.call<swr::list_repos_details>(req);
    CHECK(meta::deep_equal(answered, after));
    REQUIRE(mock.last_request<swr::list_repos_details>().has_value());
    CHECK(mock.last_request<swr::list_repos_details>()->name == "b");
    answered.body.at(0).name = "changed";
    CHECK_FALSE(meta::deep_equal(answered, after));
}

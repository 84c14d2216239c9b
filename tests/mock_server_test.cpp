// The mock server (include/hwbind/mock/) as a test fixture, called by the real hwbind::client:
// data, pagination, filters, constraints, authentication and routing.
#include <hwbind/mock/server.hpp>
#include <hwbind/runtime/codec/api_error.hpp>
#include <hwbind/runtime/auth/signer.hpp>
#include <hwbind/runtime/client/client.hpp>
#include <hwbind/runtime/codec/percent_encoding.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>
#include <hwbind/runtime/codec/json_encode.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>
#include <hwbind/runtime/transport/transport.hpp>
#include <hwbind/runtime/codec/validate.hpp>
#include <hwbind/services/all.hpp>

#include "support/test_operations.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace mock = hwbind::mock;
namespace auth = hwbind::auth;
namespace coc = hwbind::coc;
namespace hss = hwbind::hss;
namespace swr = hwbind::swr;

using all_services = mock::server<coc::service, hss::service, swr::service>;

constexpr const char* access_key = "MOCKACCESSKEY00000001";
constexpr const char* secret_key = "mock-secret-key-for-the-tests";
constexpr const char* iam_token = "mock-iam-token-for-the-tests";
constexpr const char* project = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

/// Server options accepting the test AK/SK pair and token, with `records` records.
mock::server_options test_options(std::size_t records)
{
    mock::server_options out;
    out.records = records;
    out.credentials.access_key = access_key;
    out.credentials.secret_key = auth::secret(secret_key);
    out.credentials.iam_token = auth::secret(iam_token);
    out.credentials.project_id = project;
    return out;
}

/// Options of a client signing with the server's AK/SK pair (its token left out, so that
/// the signature is what is checked), without retries.
hwbind::client_options signing_client(const all_services& server)
{
    hwbind::client_options out = server.client_options();
    out.credentials.iam_token = auth::secret();
    out.retry.max_attempts = 1;
    return out;
}

/// Options of a client sending `token` only.
hwbind::client_options token_client(const all_services& server, const char* token)
{
    hwbind::client_options out;
    out.endpoint = server.endpoint();
    out.credentials.iam_token = auth::secret(token);
    out.credentials.project_id = project;
    out.retry.max_attempts = 1;
    return out;
}

template <class T>
std::string json(const T& value)
{
    return hwbind::encode(value);
}

template <class Op>
using item_of = mock::detail::item_type_of<Op>;

/// Every item of every page of `Op`, through the client.
template <class Op>
std::vector<item_of<Op>> walk(hwbind::client& client, typename Op::request_type request = {})
{
    std::vector<item_of<Op>> out;
    for (auto& item : client.all_items<Op>(std::move(request)))
        out.push_back(std::move(item));
    return out;
}

/// The encodings of `items`, for comparing lists of models.
template <class Item>
std::vector<std::string> encodings(const std::vector<Item>& items)
{
    std::vector<std::string> out;
    for (const Item& item : items)
        out.push_back(json(item));
    return out;
}

/// The number of distinct values `key(item)` takes over `items`.
template <class Item, class Key>
std::size_t distinct(const std::vector<Item>& items, Key key)
{
    std::set<std::string> seen;
    for (const Item& item : items)
        seen.insert(key(item));
    return seen.size();
}

/// The failure of a client call that is expected to fail.
template <class Op>
hwbind::diagnostics failure(hwbind::client& client, const typename Op::request_type& request,
                            boost::system::error_code& ec)
{
    typename Op::response_type out;
    hwbind::diagnostics diag;
    client.call<Op>(request, out, ec, diag);
    return diag;
}

/// A GET request the client would not send (unauthenticated, or breaking the spec).
hwbind::prepared_request raw_get(std::string_view path, std::string_view query = {})
{
    hwbind::prepared_request out;
    out.set_method(hwbind::meta::http_method::get);
    out.set_target(path, query);
    return out;
}

/// Sends `req` to `server` as it is.
template <class Server>
hwbind::http_response send(const Server& server, const hwbind::prepared_request& req)
{
    boost::asio::io_context context;
    hwbind::transport transport(context.get_executor());
    hwbind::endpoint origin;
    REQUIRE_FALSE(hwbind::parse_endpoint(server.endpoint(), origin));
    hwbind::http_response out;
    boost::system::error_code ec;
    transport.send(origin, req, out, ec);
    REQUIRE_FALSE(ec);
    return out;
}

/// What the Huawei error body of `response` says, read by the client's own error reader.
hwbind::api_error_info api_error_of(const hwbind::http_response& response)
{
    const hwbind::header_field* id = response.headers.find("X-Request-Id");
    REQUIRE(id != nullptr);
    hwbind::diagnostics diag;
    CHECK(hwbind::make_api_error(static_cast<int>(response.status), response.body, id->value, diag) ==
          hwbind::error::api_error);
    REQUIRE(diag.api().has_value());
    return *diag.api();
}

std::string hss_jobs_path() { return std::string("/v5/") + project + "/kubernetes/jobs"; }

namespace net = boost::asio;

/// A TCP connection to `server`, for bytes the client would never send.
template <class Server>
net::ip::tcp::socket raw_connection(net::io_context& context, const Server& server)
{
    net::ip::tcp::socket socket(context);
    socket.connect({net::ip::address_v4::loopback(), server.port()});
    return socket;
}

/// What came back on a raw connection: the response (status 0 when none came), and whether
/// the server closed the connection after it.
struct raw_reply {
    hwbind::http_response response;
    bool closed = false;
};

/// Sends `bytes` on `socket` as they are and reads the response, then whether the connection
/// is closed.
raw_reply raw_exchange(net::ip::tcp::socket& socket, const std::string& bytes)
{
    namespace http = boost::beast::http;
    boost::system::error_code ec;
    net::write(socket, net::buffer(bytes), ec); // fails when the server has dropped the connection
    raw_reply out;
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    http::read(socket, buffer, parser, ec);
    if (!ec) {
        out.response.status = parser.get().result_int();
        for (const auto& field : parser.get())
            out.response.headers.set(std::string_view(field.name_string().data(), field.name_string().size()),
                                      std::string_view(field.value().data(), field.value().size()));
        out.response.body = parser.get().body();
        char byte = 0;
        socket.read_some(net::buffer(&byte, 1), ec);
        out.closed = ec == net::error::eof;
    }
    return out;
}

/// Whether the server has closed `socket`: without waiting, its reading side is at its end.
bool closed_by_server(net::ip::tcp::socket& socket)
{
    pollfd p{socket.native_handle(), POLLIN, 0};
    if (::poll(&p, 1, 0) != 1)
        return false;
    char byte = 0;
    return ::recv(socket.native_handle(), &byte, 1, MSG_PEEK) == 0;
}

/// A GET of COC's documents, as bytes, closing the connection after it.
const std::string documents_request = "GET /v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

/// Uses up every file descriptor of the process but `spare` until destroyed: the soft limit
/// is lowered (to at most 1024, so that filling it is cheap) and the descriptors below it are
/// taken by duplicates of one.
class descriptor_exhaustion {
public:
    explicit descriptor_exhaustion(std::size_t spare)
    {
        REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved_) == 0);
        rlimit lowered = saved_;
        lowered.rlim_cur = std::min<rlim_t>(saved_.rlim_cur, 1024);
        REQUIRE(::setrlimit(RLIMIT_NOFILE, &lowered) == 0);
        const int base = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (base >= 0)
            taken_.push_back(base);
        for (int fd; base >= 0 && (fd = ::fcntl(base, F_DUPFD_CLOEXEC, 0)) >= 0;)
            taken_.push_back(fd);
        const int why = errno;
        for (; spare > 0 && !taken_.empty(); --spare) {
            ::close(taken_.back());
            taken_.pop_back();
        }
        REQUIRE(why == EMFILE);
    }

    descriptor_exhaustion(const descriptor_exhaustion&) = delete;
    descriptor_exhaustion& operator=(const descriptor_exhaustion&) = delete;

    ~descriptor_exhaustion() { release(); }

    /// Gives the descriptors back, and the limit.
    void release()
    {
        for (const int fd : taken_)
            ::close(fd);
        taken_.clear();
        ::setrlimit(RLIMIT_NOFILE, &saved_);
    }

private:
    rlimit saved_{};
    std::vector<int> taken_;
};

/// Waits until `condition()` holds, for at most 30 s (a bound on a hang, not a measure).
template <class Condition>
bool eventually(Condition condition)
{
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!condition()) {
        if (std::chrono::steady_clock::now() > give_up)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

} // namespace

TEST_CASE("mock: each list walks to exactly the configured number of records, without duplicates")
{
    const all_services server(test_options(137));
    hwbind::client client(signing_client(server));

    const auto documents = walk<coc::list_documents>(client);
    CHECK(documents.size() == 137);
    CHECK(distinct(documents, [](const coc::document_info& d) { return d.document_id.value(); }) == 137);
    CHECK(distinct(documents, [](const coc::document_info& d) { return d.name.value(); }) == 137);
    CHECK(encodings(documents) == encodings(server.records<coc::list_documents>()));

    const auto tasks = walk<coc::list_scheduled_tasks>(client);
    CHECK(tasks.size() == 137);
    CHECK(distinct(tasks, [](const coc::scheduled_task_basic_info& t) { return t.id.value(); }) == 137);
    CHECK(encodings(tasks) == encodings(server.records<coc::list_scheduled_tasks>()));

    const auto jobs = walk<hss::list_jobs>(client);
    CHECK(jobs.size() == 137);
    CHECK(distinct(jobs, [](const hss::serverless_job_info& j) { return j.name.value(); }) == 137);
    CHECK(encodings(jobs) == encodings(server.records<hss::list_jobs>()));

    const auto instance_jobs = walk<swr::list_instance_jobs>(client);
    CHECK(instance_jobs.size() == 137);
    CHECK(distinct(instance_jobs, [](const swr::job_detail& j) { return j.id.value(); }) == 137);
    CHECK(encodings(instance_jobs) == encodings(server.records<swr::list_instance_jobs>()));

    // Keep-alive: every page of every walk went over the one connection.
    CHECK(client.stats().connections_opened == 1);
}

TEST_CASE("mock: the default size is 250 records, whatever the page size")
{
    const all_services server(test_options(mock::server_options().records));
    hwbind::client client(signing_client(server));
    hss::list_jobs_request request;
    request.limit = 200;
    CHECK(walk<hss::list_jobs>(client, request).size() == 250);
    CHECK(walk<coc::list_scheduled_tasks>(client).size() == 250);
}

TEST_CASE("mock: offset pages: string offsets, documented default page sizes and totals")
{
    const all_services server(test_options(137));
    hwbind::client client(signing_client(server));
    const auto& documents = server.records<coc::list_documents>();

    coc::list_documents_request request;
    request.offset = "5";
    request.limit = 3;
    auto page = client.call<coc::list_documents>(request);
    CHECK(page.total == 137);
    REQUIRE(page.data.size() == 3);
    CHECK(json(page.data[0]) == json(documents[5]));
    CHECK(json(page.data[2]) == json(documents[7]));

    request.offset = "135";
    request.limit = 10;
    CHECK(client.call<coc::list_documents>(request).data.size() == 2);
    request.offset = "500";
    page = client.call<coc::list_documents>(request);
    CHECK(page.data.empty());
    CHECK(page.total == 137);

    // Neither offset nor limit: the first page, of the default size 10 (the spec gives none).
    CHECK(client.call<coc::list_documents>({}).data.size() == 10);
    // swr documents a default limit of 100.
    const auto jobs = client.call<swr::list_instance_jobs>({});
    CHECK(jobs.jobs.size() == 100);
    CHECK(jobs.total == 137);

    hss::list_jobs_request hss_request;
    hss_request.offset = 130;
    const auto hss_page = client.call<hss::list_jobs>(hss_request);
    CHECK(hss_page.job_info_list.size() == 7);
    CHECK(hss_page.total_num == 137);
    CHECK(hss_page.last_update_time == 2025); // the example's other members are kept

    // A string offset that is not a number is the server's to refuse.
    request.offset = "five";
    boost::system::error_code ec;
    const auto diag = failure<coc::list_documents>(client, request, ec);
    CHECK(ec == hwbind::error::api_error);
    REQUIRE(diag.api().has_value());
    CHECK(diag.api()->http_status == 400);
    CHECK(diag.api()->error_code == "COC.0400");
    CHECK(diag.api()->error_msg == "offset: \"five\" is not a non-negative integer");
}

TEST_CASE("mock: marker pages: next_maker until the last page, limit as the page size")
{
    const all_services server(test_options(137));
    hwbind::client client(signing_client(server));

    auto walker = client.pages<coc::list_scheduled_tasks>({});
    std::size_t pages = 0;
    std::size_t items = 0;
    while (auto page = walker.next()) {
        ++pages;
        items += page->scheduled_tasks.size();
        CHECK(page->count == 137);
        if (items < 137)
            CHECK(page->next_maker == std::to_string(items));
        else
            CHECK_FALSE(page->next_maker.has_value());
    }
    CHECK(pages == 14);
    CHECK(items == 137);

    coc::list_scheduled_tasks_request request;
    request.limit = 50;
    auto big = client.pages<coc::list_scheduled_tasks>(request);
    CHECK(big.next()->scheduled_tasks.size() == 50);
    CHECK(big.next()->scheduled_tasks.size() == 50);
    CHECK(big.next()->scheduled_tasks.size() == 37);
    CHECK_FALSE(big.next().has_value());

    request.marker = "not-a-marker";
    boost::system::error_code ec;
    const auto diag = failure<coc::list_scheduled_tasks>(client, request, ec);
    CHECK(ec == hwbind::error::api_error);
    REQUIRE(diag.api().has_value());
    CHECK(diag.api()->http_status == 400);
    CHECK(diag.api()->error_msg == "marker: \"not-a-marker\" is not a marker this server issued");
}

TEST_CASE("mock: filters: exact match by wire text, *_like as contains, others ignored")
{
    const all_services server(test_options(137));
    hwbind::client client(signing_client(server));

    SUBCASE("an enumeration")
    {
        const auto& all = server.records<swr::list_instance_jobs>();
        const auto expected = std::count_if(all.begin(), all.end(),
                                            [](const swr::job_detail& j) { return j.status == swr::job_status::Failed; });
        CHECK(expected > 0);
        CHECK(expected < 137);
        swr::list_instance_jobs_request request;
        request.status = swr::job_status::Failed;
        const auto jobs = walk<swr::list_instance_jobs>(client, request);
        CHECK(static_cast<std::ptrdiff_t>(jobs.size()) == expected);
        for (const auto& j : jobs)
            CHECK(j.status == swr::job_status::Failed);
        request.limit = 5;
        request.offset = 0;
        CHECK(client.call<swr::list_instance_jobs>(request).total == expected);
    }
    SUBCASE("strings, several at once")
    {
        const auto& all = server.records<hss::list_jobs>();
        const auto expected = std::count_if(all.begin(), all.end(), [](const hss::serverless_job_info& j) {
            return j.namespace_name == "kube-system" && j.cluster_name == "glz-2451";
        });
        CHECK(expected > 0);
        hss::list_jobs_request request;
        request.namespace_name = "kube-system";
        request.cluster_name = "glz-2451";
        CHECK(static_cast<std::ptrdiff_t>(walk<hss::list_jobs>(client, request).size()) == expected);
    }
    SUBCASE("name_like: a substring of name")
    {
        const auto& all = server.records<coc::list_documents>();
        const auto expected = std::count_if(all.begin(), all.end(), [](const coc::document_info& d) {
            return d.name->find("qwe") != std::string::npos;
        });
        CHECK(expected > 1);
        CHECK(expected < 137);
        coc::list_documents_request request;
        request.name_like = "qwe";
        const auto documents = walk<coc::list_documents>(client, request);
        CHECK(static_cast<std::ptrdiff_t>(documents.size()) == expected);
        for (const auto& d : documents)
            CHECK(d.name->find("qwe") != std::string::npos);
    }
    SUBCASE("an enumeration parameter against an any_value member")
    {
        const auto& all = server.records<coc::list_scheduled_tasks>();
        const auto expected = std::count_if(all.begin(), all.end(), [](const coc::scheduled_task_basic_info& t) {
            return t.approve_status && t.approve_status->as_string() == std::string_view("PASSED") &&
                   t.risk_level == coc::risk_level::HIGH;
        });
        CHECK(expected > 0);
        coc::list_scheduled_tasks_request request;
        request.approve_status = coc::approve_status::PASSED;
        request.risk_level = coc::risk_level::HIGH;
        CHECK(static_cast<std::ptrdiff_t>(walk<coc::list_scheduled_tasks>(client, request).size()) == expected);
    }
    SUBCASE("parameters the items do not carry are ignored")
    {
        coc::list_documents_request request;
        request.document_type = coc::document_type::PUBLIC;
        CHECK(walk<coc::list_documents>(client, request).size() == 137);
        hss::list_jobs_request jobs;
        jobs.enterprise_project_id = "all_granted_eps";
        CHECK(walk<hss::list_jobs>(client, jobs).size() == 137);
    }
}

TEST_CASE("mock: a constraint violation is a 400 with a Huawei body carrying the validation message")
{
    const all_services server(test_options(20));
    const auto with_token = [](hwbind::prepared_request req) {
        req.headers().set("X-Auth-Token", iam_token);
        return req;
    };

    const auto response = send(server, with_token(raw_get(hss_jobs_path(), "limit=5")));
    CHECK(response.status == 400);
    REQUIRE(response.headers.find("Content-Type") != nullptr);
    CHECK(response.headers.find("Content-Type")->value == "application/json");
    const hwbind::api_error_info info = api_error_of(response);
    CHECK(info.http_status == 400);
    CHECK(info.error_code == "HSS.0400");
    CHECK(info.request_id.size() == 32);
    // The message is the client's own validation message for the same request.
    hss::list_jobs_request request;
    request.project_id = project;
    request.limit = 5;
    hwbind::diagnostics diag;
    CHECK(hwbind::validate<hss::list_jobs>(request, {}, diag) == hwbind::error::out_of_range);
    CHECK(info.error_msg == diag.message());
    CHECK(info.error_msg == "limit: 5 is below the minimum 10");

    const auto message_for = [&](std::string_view path, std::string_view query) {
        const auto r = send(server, with_token(raw_get(path, query)));
        CHECK(r.status == 400);
        return api_error_of(r).error_msg;
    };
    const std::string swr_jobs = std::string("/v2/") + project + "/jobs";
    CHECK(message_for(swr_jobs, "status=Deleted") ==
          "status: \"Deleted\" is not one of Creating, Initializing, Running, Failed, Success");
    CHECK(message_for(swr_jobs, "offset=0") == "offset: set without limit (offset and limit must be set together)");
    CHECK(message_for(swr_jobs, "offset=0&limit=101") == "limit: 101 is above the maximum 100");
    CHECK(message_for(hss_jobs_path(), "") == "limit: required parameter not set");
    CHECK(message_for(hss_jobs_path(), "limit=ten") ==
          "limit: \"ten\" is not an integer from -2147483648 to 2147483647");
    CHECK(message_for(hss_jobs_path(), "limit=10&limit=20") == "limit: given 2 times, expected once");
    CHECK(message_for("/v1/schedule/task", "task_id=ST01") ==
          "task_id: \"ST01\" has 4 characters, fewer than the minimum length 26");
}

TEST_CASE("mock: authentication")
{
    const all_services server(test_options(20));

    SUBCASE("a signature by the accepted keys")
    {
        hwbind::client client(signing_client(server));
        CHECK(client.call<hss::list_jobs>({}).job_info_list.size() == 10);
    }
    SUBCASE("a wrong secret key is a 401")
    {
        auto options = signing_client(server);
        options.credentials.secret_key = auth::secret("not-the-secret-key");
        hwbind::client client(std::move(options));
        boost::system::error_code ec;
        const auto diag = failure<swr::list_instance_jobs>(client, {}, ec);
        CHECK(ec == hwbind::error::api_error);
        REQUIRE(diag.api().has_value());
        CHECK(diag.api()->http_status == 401);
        CHECK(diag.api()->error_code == "APIGW.0301");
        CHECK(diag.api()->error_msg ==
              "Incorrect IAM authentication information: the signature does not match the request");
        CHECK(diag.api()->request_id.size() == 32);
        // Secrets stay out of what the server says.
        CHECK(diag.api()->body.find("not-the-secret-key") == std::string::npos);
        CHECK(diag.api()->body.find(secret_key) == std::string::npos);
    }
    SUBCASE("an unknown access key is a 401")
    {
        auto options = signing_client(server);
        options.credentials.access_key = "SOMEOTHERACCESSKEY01";
        hwbind::client client(std::move(options));
        boost::system::error_code ec;
        const auto diag = failure<coc::list_documents>(client, {}, ec);
        REQUIRE(diag.api().has_value());
        CHECK(diag.api()->http_status == 401);
        CHECK(diag.api()->error_msg == "Incorrect IAM authentication information: unknown access key");
    }
    SUBCASE("a signature too old is a 401")
    {
        auto options = signing_client(server);
        options.clock = [] { return std::chrono::system_clock::now() - std::chrono::hours(1); };
        hwbind::client client(std::move(options));
        boost::system::error_code ec;
        const auto diag = failure<coc::list_documents>(client, {}, ec);
        REQUIRE(diag.api().has_value());
        CHECK(diag.api()->http_status == 401);
        CHECK(diag.api()->error_msg.find("the request expired") != std::string::npos);
    }
    SUBCASE("a request changed after it was signed is a 401")
    {
        auth::credentials creds = server.options().credentials;
        auto req = raw_get("/v1/documents", "limit=2");
        auth::sign_request(req, creds, std::chrono::system_clock::now(), "127.0.0.1:" + std::to_string(server.port()));
        CHECK(send(server, req).status == 200);
        req.set_target("/v1/documents", "limit=3");
        CHECK(send(server, req).status == 401);
    }
    SUBCASE("a malformed X-Sdk-Date is a 401")
    {
        auto req = raw_get("/v1/documents");
        auth::sign_request(req, server.options().credentials, std::chrono::system_clock::now());
        req.headers().set("X-Sdk-Date", "2024-01-01T00:00:00Z");
        const auto response = send(server, req);
        CHECK(response.status == 401);
        CHECK(api_error_of(response).error_msg ==
              "Incorrect IAM authentication information: X-Sdk-Date \"2024-01-01T00:00:00Z\" is not a UTC time of "
              "the form YYYYMMDDTHHMMSSZ");
    }
    SUBCASE("the accepted token")
    {
        hwbind::client client(token_client(server, iam_token));
        CHECK(walk<swr::list_instance_jobs>(client).size() == 20);
    }
    SUBCASE("another token is a 401")
    {
        hwbind::client client(token_client(server, "some-other-token"));
        boost::system::error_code ec;
        const auto diag = failure<swr::list_instance_jobs>(client, {}, ec);
        REQUIRE(diag.api().has_value());
        CHECK(diag.api()->http_status == 401);
        CHECK(diag.api()->error_msg == "Incorrect IAM authentication information: the token is not valid");
    }
    SUBCASE("no authentication is a 401")
    {
        const auto response = send(server, raw_get("/v1/documents"));
        CHECK(response.status == 401);
        const auto info = api_error_of(response);
        CHECK(info.error_code == "APIGW.0301");
        CHECK(info.error_msg == "Incorrect IAM authentication information: the request has no SDK-HMAC-SHA256 "
                                "Authorization header and no X-Auth-Token header");
    }
    SUBCASE("another project is a 403")
    {
        auto options = signing_client(server);
        options.credentials.project_id = "ffffffffffffffffffffffffffffffff";
        hwbind::client client(std::move(options));
        boost::system::error_code ec;
        auto diag = failure<hss::list_jobs>(client, {}, ec);
        REQUIRE(diag.api().has_value());
        CHECK(diag.api()->http_status == 403);
        CHECK(diag.api()->error_code == "APIGW.0302");
        // Without a project in the path, the signed X-Project-Id header names it.
        diag = failure<coc::list_documents>(client, {}, ec);
        REQUIRE(diag.api().has_value());
        CHECK(diag.api()->http_status == 403);
    }
}

TEST_CASE("mock: require_auth=false accepts every request")
{
    mock::server_options options;
    options.require_auth = false;
    options.records = 12;
    const all_services server(options);
    CHECK(send(server, raw_get("/v2/any-project/jobs")).status == 200);
    hwbind::client_options client_options;
    client_options.endpoint = server.endpoint();
    client_options.credentials.access_key = "ANYKEY";
    client_options.credentials.secret_key = auth::secret("any");
    client_options.credentials.project_id = "a project, percent-encoded in the path";
    hwbind::client client(client_options);
    CHECK(walk<hss::list_jobs>(client).size() == 12);
}

TEST_CASE("mock: unknown routes are 404 with a Huawei body, and every response has its own request id")
{
    const all_services server(test_options(5));
    const auto unknown = send(server, raw_get("/v1/nothing-here"));
    CHECK(unknown.status == 404);
    const auto info = api_error_of(unknown);
    CHECK(info.error_code == "APIGW.0101");
    auto post = raw_get("/v1/documents");
    post.set_method(hwbind::meta::http_method::post);
    const auto wrong_method = send(server, post);
    CHECK(wrong_method.status == 404);
    CHECK(send(server, raw_get("/v1/documents/")).status == 404);
    CHECK(api_error_of(wrong_method).request_id != info.request_id);
}

TEST_CASE("mock: the documented example's first item is the first item of the first page")
{
    const all_services server(test_options(40));
    hwbind::client client(signing_client(server));
    const auto first_example_item = [](auto op, const auto& items) {
        using Op = decltype(op);
        const auto example = hwbind::decode<typename Op::response_type>(examples(hwbind::meta::tag<Op>{})[0].body);
        return json((example.*Op::pagination::items).front()) == json(items.front());
    };
    CHECK(first_example_item(coc::list_documents{}, client.call<coc::list_documents>({}).data));
    CHECK(first_example_item(coc::list_scheduled_tasks{},
                             client.call<coc::list_scheduled_tasks>({}).scheduled_tasks));
    CHECK(first_example_item(hss::list_jobs{}, client.call<hss::list_jobs>({}).job_info_list));
    CHECK(first_example_item(swr::list_instance_jobs{}, client.call<swr::list_instance_jobs>({}).jobs));
    // Both documented documents come first, as documented.
    const auto& documents = server.records<coc::list_documents>();
    CHECK(documents[1].document_id == "DM20250604143026019xxxxx");
    CHECK_FALSE(documents[0].modifier.has_value());
}

TEST_CASE("mock: the same seed gives the same data, another seed other data")
{
    auto options = test_options(60);
    options.seed = 7;
    const all_services a(options);
    const all_services b(options);
    options.seed = 8;
    const all_services c(options);
    CHECK(encodings(a.records<coc::list_documents>()) == encodings(b.records<coc::list_documents>()));
    CHECK(encodings(a.records<coc::list_scheduled_tasks>()) == encodings(b.records<coc::list_scheduled_tasks>()));
    CHECK(encodings(a.records<hss::list_jobs>()) == encodings(b.records<hss::list_jobs>()));
    CHECK(encodings(a.records<swr::list_instance_jobs>()) == encodings(b.records<swr::list_instance_jobs>()));
    CHECK(encodings(a.records<swr::list_instance_jobs>()) != encodings(c.records<swr::list_instance_jobs>()));

    hwbind::client to_a(signing_client(a));
    hwbind::client to_b(signing_client(b));
    CHECK(json(to_a.call<coc::list_scheduled_tasks>({})) == json(to_b.call<coc::list_scheduled_tasks>({})));
}

TEST_CASE("mock: generated records keep the shape of the documented ones")
{
    const all_services server(test_options(250));

    const auto& documents = server.records<coc::list_documents>();
    std::size_t without_creator = 0;
    for (const auto& d : documents) {
        CHECK(d.document_id->rfind("DM20250", 0) == 0);
        if (d.create_time && d.update_time)
            CHECK(d.create_time->epoch_ms() <= d.update_time->epoch_ms());
        without_creator += !d.creator.has_value();
    }
    CHECK(without_creator > 0); // optional members are sometimes absent
    CHECK(without_creator < 100);

    std::set<std::string> statuses;
    for (const auto& j : server.records<swr::list_instance_jobs>()) {
        if (j.status)
            statuses.insert(std::string(j.status->wire()));
        if (j.created_at) {
            // Still ISO 8601 date-times, moved back in time.
            const std::string& t = *j.created_at;
            REQUIRE(t.size() == 27);
            CHECK(t.substr(19) == ".305978Z");
            CHECK(auth::parse_sdk_date(t.substr(0, 4) + t.substr(5, 2) + t.substr(8, 2) + 'T' + t.substr(11, 2) +
                                       t.substr(14, 2) + t.substr(17, 2) + 'Z')
                      .has_value());
            CHECK(t <= "2021-05-12T03:50:38.305978Z");
        }
    }
    CHECK(statuses == std::set<std::string>{"Creating", "Initializing", "Running", "Failed", "Success"});

    for (const auto& j : server.records<hss::list_jobs>()) {
        if (j.pods_num)
            CHECK((*j.pods_num >= 0 && *j.pods_num <= 12));
    }
}

TEST_CASE("mock: asynchronous calls")
{
    const all_services server(test_options(30));
    boost::asio::io_context context;
    hwbind::client client(context.get_executor(), signing_client(server));
    hwbind::diagnostics diag;
    std::optional<swr::list_instance_jobs_response> got;
    client.async_call<swr::list_instance_jobs>({}, diag,
                                               [&](boost::system::error_code ec, swr::list_instance_jobs_response r) {
                                                   CHECK_FALSE(ec);
                                                   got = std::move(r);
                                               });
    context.run();
    REQUIRE(got.has_value());
    CHECK(got->jobs.size() == 30);
}

TEST_CASE("mock: pages in flight give the items of one page at a time, synchronously and asynchronously")
{
    const all_services server(test_options(137));
    hwbind::client client(signing_client(server));
    boost::asio::io_context context;
    hwbind::client async_client(context.get_executor(), signing_client(server));

    // Every item of every page of `Op`, asynchronously, with `k` pages in flight.
    const auto walk_async = [&](auto op, std::size_t k) {
        using Op = decltype(op);
        auto walker = async_client.pages<Op>({}, hwbind::paging_options{k});
        std::vector<item_of<Op>> out;
        std::function<void()> next = [&] {
            walker.async_next([&](boost::system::error_code ec, std::optional<typename Op::response_type> page) {
                REQUIRE_FALSE(ec);
                if (!page)
                    return;
                for (auto& item : hwbind::meta::member_at<Op::pagination::items>::make(*page))
                    out.push_back(std::move(item));
                next();
            });
        };
        next();
        context.restart();
        context.run();
        return out;
    };
    // Offset pages with a total (14 pages of 10), and marker pages.
    const auto jobs = encodings(walk<hss::list_jobs>(client));
    REQUIRE(jobs.size() == 137);
    std::vector<item_of<hss::list_jobs>> ahead;
    for (auto& job : client.all_items<hss::list_jobs>({}, hwbind::paging_options{4}))
        ahead.push_back(std::move(job));
    CHECK(encodings(ahead) == jobs);
    CHECK(encodings(walk_async(hss::list_jobs{}, 4)) == jobs);

    const auto tasks = encodings(walk<coc::list_scheduled_tasks>(client));
    REQUIRE(tasks.size() == 137);
    std::vector<item_of<coc::list_scheduled_tasks>> tasks_ahead;
    for (auto& task : client.all_items<coc::list_scheduled_tasks>({}, hwbind::paging_options{4}))
        tasks_ahead.push_back(std::move(task));
    CHECK(encodings(tasks_ahead) == tasks);
    CHECK(encodings(walk_async(coc::list_scheduled_tasks{}, 4)) == tasks);
}

TEST_CASE("mock: stop() ends serving, and is idempotent")
{
    all_services server(test_options(5));
    hwbind::client client(signing_client(server));
    CHECK(client.call<coc::list_documents>({}).data.size() == 5);
    server.stop();
    server.stop();
    boost::system::error_code ec;
    failure<coc::list_documents>(client, {}, ec);
    CHECK(ec);
    CHECK(ec != hwbind::error::api_error);
}

TEST_CASE("mock: auth::verify_signature checks the published signing example")
{
    // huaweicloud-api.md §2, vector 1.
    hwbind::prepared_request req = raw_get("/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
                                           "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0");
    req.headers().set("Host", "service.region.example.com");
    req.headers().set("Content-Type", "application/json");
    req.headers().set("X-Sdk-Date", "20191115T033655Z");
    const std::string sk = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";
    const std::string signature = "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe";
    CHECK(auth::verify_signature(req, "content-type;host;x-sdk-date", sk, signature));
    CHECK_FALSE(auth::verify_signature(req, "content-type;host;x-sdk-date", sk + "x", signature));
    CHECK_FALSE(auth::verify_signature(req, "host;x-sdk-date", sk, signature));
    CHECK_FALSE(auth::verify_signature(req, "content-type;host;x-sdk-date;x-missing", sk, signature));
    CHECK_FALSE(auth::verify_signature(req, "", sk, signature));
    CHECK_FALSE(auth::verify_signature(req, "content-type;host;x-sdk-date", sk, signature.substr(1)));
    req.headers().set("Host", "other.example.com");
    CHECK_FALSE(auth::verify_signature(req, "content-type;host;x-sdk-date", sk, signature));
}

TEST_CASE("mock: auth::parse_sdk_date reads what format_sdk_date writes, and nothing else")
{
    const auto at = [](long long s) { return std::chrono::system_clock::time_point(std::chrono::seconds(s)); };
    CHECK(auth::parse_sdk_date("20191115T033655Z") == at(1573789015));
    CHECK(auth::parse_sdk_date("19691231T235959Z") == at(-1));
    CHECK(auth::parse_sdk_date("20000229T235959Z") == at(951868799));
    for (const char* bad : {"20230229T000000Z", "20191315T033655Z", "20191115T243655Z", "20191115T033655",
                            "2019-11-15T03:36:55Z", "20191115 033655Z", "2019111aT033655Z", ""})
        CHECK_FALSE(auth::parse_sdk_date(bad).has_value());
}

TEST_CASE("mock: percent_decode")
{
    CHECK(hwbind::codec::percent_decode("a%20b%2Fc") == std::optional<std::string>("a b/c"));
    CHECK(hwbind::codec::percent_decode("a+b") == std::optional<std::string>("a+b"));
    CHECK_FALSE(hwbind::codec::percent_decode("100%").has_value());
    CHECK_FALSE(hwbind::codec::percent_decode("%zz").has_value());
}

TEST_CASE("mock: any described service: every kind of parameter, 204, operations without authentication")
{
    // The imaginary service of the request codec tests: no examples, no pagination.
    mock::server_options options = test_options(0);
    options.credentials.project_id.clear(); // any project
    const mock::server<hwbind::testsvc::service> server(options);
    const auto widgets = [&](std::string_view query, std::string_view client_token = "abcd") {
        auto req = raw_get("/v3/p1/widgets/w%20x/parts", query);
        req.headers().set("X-Widget-Token", iam_token);
        req.headers().set("X-Client-Token", client_token);
        return send(server, req);
    };
    const auto message = [](const hwbind::http_response& r) { return api_error_of(r).error_msg; };

    auto ok = widgets("limit=10&offset=0&verbose=true&kind=in-progress&tag=a&tag=b&ratio=0.5&name%20filter=abc");
    CHECK(ok.status == 200);
    CHECK(ok.body == "{}");
    CHECK(message(widgets("verbose=yes")) == "verbose: \"yes\" is not true or false");
    CHECK(message(widgets("ratio=half")) == "ratio: \"half\" is not a number");
    CHECK(message(widgets("kind=in_progress")) == "kind: \"in_progress\" is not one of basic, in-progress, LEGACY");
    CHECK(message(widgets("tag=a&tag=longer-than-8")) ==
          "tag[1]: \"longer-than-8\" has 13 characters, more than the maximum length 8");
    CHECK(message(widgets("limit=10")) == "limit: set without offset (offset and limit must be set together)");
    // Header values are never shown: they may be secrets.
    CHECK(message(widgets("", "ab")) ==
          "X-Client-Token: the header value (not shown) has 2 characters, fewer than the minimum length 4");

    // DELETE, a required bool and a required header, success 204 without a body.
    auto del = raw_get("/v1/parts/p%2F1", "force=true");
    del.set_method(hwbind::meta::http_method::delete_);
    del.headers().set("X-Request-Reason", "cleanup");
    auth::sign_request(del, server.options().credentials, std::chrono::system_clock::now(),
                       "127.0.0.1:" + std::to_string(server.port()));
    const auto deleted = send(server, del);
    CHECK(deleted.status == 204);
    CHECK(deleted.body.empty());
    del.set_target("/v1/parts/p1", "");
    auth::sign_request(del, server.options().credentials, std::chrono::system_clock::now(),
                       "127.0.0.1:" + std::to_string(server.port()));
    CHECK(message(send(server, del)) == "force: required parameter not set");

    // An operation whose auth is none needs no credentials.
    CHECK(send(server, raw_get("/v1/ping")).status == 200);
}

TEST_CASE("mock: heads up to 64 KiB are served: a 10,000-character token, a 9 KiB query")
{
    // Beast's default limit of 8 KiB closed these connections without a word.
    const std::string token(10000, 't');
    mock::server_options options = test_options(20);
    options.credentials.iam_token = auth::secret(token);
    const all_services server(options);
    hwbind::client client(token_client(server, token.c_str()));
    hss::list_jobs_request request;
    request.limit = 10;
    CHECK(client.call<hss::list_jobs>(request).job_info_list.size() == 10);

    auto long_query = raw_get(hss_jobs_path(), "limit=10&ignored=" + std::string(9 * 1024, 'q'));
    long_query.headers().set("X-Auth-Token", token);
    CHECK(send(server, long_query).status == 200);
}

TEST_CASE("mock: a request beyond the limits or not HTTP/1.1 gets a Huawei error, then the connection closes")
{
    mock::server_options options = test_options(5);
    options.require_auth = false;
    const all_services server(options);
    const std::string head = "POST /v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    struct refused_case {
        const char* what;
        std::string bytes;
        unsigned status;
        const char* message;
    };
    const refused_case cases[] = {
        {"1 MB header field", "GET /v1/documents HTTP/1.1\r\nX-Big: " + std::string(1 << 20, 'h') + "\r\n\r\n", 431,
         "The request's header fields are larger than the 65536 bytes the server reads of a request's head"},
        {"100 KB request line", "GET /v1/documents?q=" + std::string(100 * 1024, 'u') + " HTTP/1.1\r\n\r\n", 414,
         "The request line is longer than the 65536 bytes the server reads of a request's head"},
        {"body over 1 MiB", head + "Content-Length: 2097152\r\n\r\n" + std::string(2 << 20, 'b'), 413,
         "The request body is larger than the 1048576 bytes the server reads"},
        {"garbage request line", "\x16\x03\x01 garbage\r\n\r\n", 400, "The request is not valid HTTP/1.1: bad method"},
        {"bad chunk size", head + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", 400,
         "The request is not valid HTTP/1.1: bad chunk"},
        {"Content-Length and Transfer-Encoding",
         head + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 400,
         "The request is not valid HTTP/1.1: bad Transfer-Encoding"},
        {"two different Content-Lengths", head + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400,
         "The request is not valid HTTP/1.1: multiple Content-Length"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        net::io_context context;
        auto socket = raw_connection(context, server);
        const raw_reply reply = raw_exchange(socket, c.bytes);
        CHECK(reply.response.status == c.status);
        if (reply.response.status == 0)
            continue;
        const auto info = api_error_of(reply.response);
        CHECK(info.error_code == "APIGW.0201");
        CHECK(info.error_msg == c.message);
        CHECK(reply.response.headers.find("Connection")->value == "close");
        CHECK(reply.closed);
    }
    // And the server goes on serving.
    net::io_context context;
    auto socket = raw_connection(context, server);
    CHECK(raw_exchange(socket, documents_request).response.status == 200);
}

TEST_CASE("mock: at max_connections, a waiting client is served by closing the connection idle the longest")
{
    mock::server_options options = test_options(5);
    options.require_auth = false;
    options.max_connections = 2;
    const all_services server(options);
    net::io_context context;
    auto first = raw_connection(context, server);
    auto second = raw_connection(context, server);
    auto third = raw_connection(context, server); // waits in the backlog
    CHECK(raw_exchange(third, documents_request).response.status == 200);
    // Room was made before the third was accepted: the first closed, the second left alone.
    CHECK(closed_by_server(first));
    CHECK_FALSE(closed_by_server(second));
    auto fourth = raw_connection(context, server);
    CHECK(raw_exchange(fourth, documents_request).response.status == 200);
    CHECK_FALSE(closed_by_server(second));

    options.max_connections = 0;
    CHECK_THROWS_AS(all_services{options}, std::invalid_argument);
}

TEST_CASE("mock: out of file descriptors, accept waits before trying again, and serves once there are some")
{
    std::atomic<int> failures{0};
    std::atomic<int> last_error{0};
    mock::server_options options = test_options(5);
    options.require_auth = false;
    options.on_accept_error = [&](const boost::system::error_code& ec) {
        last_error = ec.value();
        ++failures;
    };
    net::io_context context;

    SUBCASE("one attempt per accept_retry_delay, not a tight loop")
    {
        // A delay no test outlives: a second attempt can only be a retry without one.
        options.accept_retry_delay = std::chrono::hours(1);
        const all_services server(options);
        net::ip::tcp::socket client(context);
        client.open(net::ip::tcp::v4()); // its descriptor, before there are none
        descriptor_exhaustion exhaustion(0);
        client.connect({net::ip::address_v4::loopback(), server.port()});
        REQUIRE(eventually([&] { return failures > 0; }));
        // Retrying at once makes thousands of attempts in this time.
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        exhaustion.release();
        CHECK(failures.load() == 1);
        CHECK(last_error.load() == EMFILE);
    }
    SUBCASE("the waiting client is served once descriptors are free again")
    {
        const all_services server(options); // the default delay
        net::ip::tcp::socket client(context);
        client.open(net::ip::tcp::v4());
        descriptor_exhaustion exhaustion(0);
        client.connect({net::ip::address_v4::loopback(), server.port()});
        REQUIRE(eventually([&] { return failures > 0; }));
        exhaustion.release();
        CHECK(last_error.load() == EMFILE);
        CHECK(raw_exchange(client, documents_request).response.status == 200);
    }
}

TEST_CASE("mock: a negative limit or offset is served where the pages document no range, refused where they do")
{
    // The pages of COC and SWR give these no range (SWR only a maximum limit of 100), so the
    // spec sets no minimum, the client sends -1, and the mock serves it as if unset.
    const all_services server(test_options(20));
    hwbind::client client(signing_client(server));

    coc::list_documents_request documents;
    documents.limit = -1;
    CHECK(client.call<coc::list_documents>(documents).data.size() == 10); // no documented default: 10
    documents.limit.reset();
    documents.offset = "-1";
    CHECK(client.call<coc::list_documents>(documents).data.size() == 10);

    coc::list_scheduled_tasks_request tasks;
    tasks.limit = -1;
    tasks.offset = -1;
    CHECK(client.call<coc::list_scheduled_tasks>(tasks).scheduled_tasks.size() == 10);

    swr::list_instance_jobs_request jobs;
    jobs.offset = -1;
    jobs.limit = -1;
    const auto swr_page = client.call<swr::list_instance_jobs>(jobs);
    CHECK(swr_page.jobs.size() == 20); // the documented default limit, 100, from offset 0
    CHECK(encodings(swr_page.jobs) == encodings(walk<swr::list_instance_jobs>(client)));

    // HSS documents 0..2,000,000 and 10..200: the client refuses before sending, and the
    // mock with the same message.
    hss::list_jobs_request hss_jobs;
    hss_jobs.limit = 10;
    hss_jobs.offset = -1;
    boost::system::error_code ec;
    const auto diag = failure<hss::list_jobs>(client, hss_jobs, ec);
    CHECK(ec == hwbind::error::out_of_range);
    CHECK(diag.message() == "offset: -1 is below the minimum 0");
    auto raw = raw_get(hss_jobs_path(), "limit=10&offset=-1");
    raw.headers().set("X-Auth-Token", iam_token);
    const auto refused = send(server, raw);
    CHECK(refused.status == 400);
    CHECK(api_error_of(refused).error_msg == diag.message());
}

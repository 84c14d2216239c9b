// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.

// The bare-Boost side of the compile-cost comparison (bench/compile_cost.sh): what an
// application writes without hwbind for comparable work. The four response models described
// with Boost.Describe and read with Boost.JSON's value_to, a request target built by hand and
// its HMAC-SHA256 computed with OpenSSL. With HWBIND_BENCH_BEAST, also the HTTP/TLS layer a
// client needs: a Beast request serialized, an SSL context and stream.

#include <boost/describe/class.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value_to.hpp>
#ifdef HWBIND_BENCH_BEAST
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <sstream>
#endif
#include <openssl/hmac.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace app {

using text = std::optional<std::string>;
using int64 = std::optional<std::int64_t>;

struct document_info {
    text document_id, name;
    int64 create_time, update_time;
    text version, creator, modifier, enterprise_project_id, risk_level;
};
BOOST_DESCRIBE_STRUCT(document_info, (), (document_id, name, create_time, update_time, version, creator,
                                          modifier, enterprise_project_id, risk_level))
struct list_documents_response {
    std::vector<document_info> data;
    std::optional<std::int32_t> total;
};
BOOST_DESCRIBE_STRUCT(list_documents_response, (), (data, total))

struct scheduled_task_basic_info {
    text id, enterprise_project_id, name, scheduled_type, task_type, associated_task_type, risk_level,
        created_by, update_by, created_user_name, reviewer, reviewer_user_name;
    std::optional<boost::json::value> approve_status;
    int64 last_execution_time;
    text last_execution_status;
    std::optional<std::int32_t> execution_count;
    std::optional<bool> enabled;
    int64 created_time, modified_time;
    text region_id, associated_task_name, associated_task_name_en;
};
BOOST_DESCRIBE_STRUCT(scheduled_task_basic_info, (), (id, enterprise_project_id, name, scheduled_type,
                                                      task_type, associated_task_type, risk_level, created_by,
                                                      update_by, created_user_name, reviewer, reviewer_user_name,
                                                      approve_status, last_execution_time,
                                                      last_execution_status, execution_count, enabled,
                                                      created_time, modified_time, region_id,
                                                      associated_task_name, associated_task_name_en))
struct list_scheduled_tasks_response {
    int64 count;
    text next_maker;
    std::vector<scheduled_task_basic_info> scheduled_tasks;
};
BOOST_DESCRIBE_STRUCT(list_scheduled_tasks_response, (), (count, next_maker, scheduled_tasks))

struct label_info {
    text key, val;
};
BOOST_DESCRIBE_STRUCT(label_info, (), (key, val))
struct serverless_job_info {
    text name, namespace_name, cluster_name, status;
    std::optional<std::int32_t> pods_num;
    text image_name;
    std::vector<label_info> match_labels;
    int64 execute_time, create_time;
};
BOOST_DESCRIBE_STRUCT(serverless_job_info, (), (name, namespace_name, cluster_name, status, pods_num, image_name,
                                                match_labels, execute_time, create_time))
struct list_jobs_response {
    int64 total_num, last_update_time;
    std::vector<serverless_job_info> job_info_list;
};
BOOST_DESCRIBE_STRUCT(list_jobs_response, (), (total_num, last_update_time, job_info_list))

struct job_detail {
    text id, instance_id, resource_id, resource_name, type, status, reason, created_at, updated_at;
};
BOOST_DESCRIBE_STRUCT(job_detail, (), (id, instance_id, resource_id, resource_name, type, status, reason,
                                       created_at, updated_at))
struct list_instance_jobs_response {
    std::vector<job_detail> jobs;
    std::optional<std::int32_t> total;
};
BOOST_DESCRIBE_STRUCT(list_instance_jobs_response, (), (jobs, total))

template <class Response>
std::size_t call(std::string_view path, std::string_view body)
{
    std::string target(path);
    target += "?limit=50&offset=0";
    unsigned char mac[32];
    unsigned int mac_size = sizeof mac;
    HMAC(EVP_sha256(), "key", 3, reinterpret_cast<const unsigned char*>(target.data()), target.size(), mac,
         &mac_size);
    [[maybe_unused]] const Response response = boost::json::value_to<Response>(boost::json::parse(body));
    std::size_t n = mac_size + target.size();
#ifdef HWBIND_BENCH_BEAST
    namespace http = boost::beast::http;
    http::request<http::string_body> request{http::verb::get, target, 11};
    request.set(http::field::host, "example.com");
    request.set("X-Sdk-Date", "20260101T000000Z");
    request.prepare_payload();
    std::ostringstream out;
    out << request;
    n += out.str().size();
#endif
    return n;
}

} // namespace app

int main(int argc, char** argv)
{
    const std::string_view body = argc > 1 ? argv[1] : "{}";
    std::size_t n = app::call<app::list_documents_response>("/v1/documents", body) +
                    app::call<app::list_scheduled_tasks_response>("/v1/schedule/task", body) +
                    app::call<app::list_jobs_response>("/v5/p/kubernetes/jobs", body) +
                    app::call<app::list_instance_jobs_response>("/v2/p/jobs", body);
#ifdef HWBIND_BENCH_BEAST
    boost::asio::io_context io;
    boost::asio::ssl::context tls(boost::asio::ssl::context::tls_client);
    boost::beast::ssl_stream<boost::beast::tcp_stream> stream(io, tls);
    n += stream.next_layer().socket().is_open();
#endif
    return static_cast<int>(n % 2);
}

// A Huawei-Cloud-like API server for the client tests, on top of test_server.hpp: it checks
// each request's authentication as the cloud does (an SDK-HMAC-SHA256 signature verified by
// the independent implementation of signature_check.hpp, or a token header) and answers 401
// with a Huawei error body when it fails; it gives every response an X-Request-Id, keeps the
// requests it received, and serves paged lists in the shapes of the four generated list
// endpoints (offset/limit, string offsets, markers) with faults on demand.
#ifndef HWBIND_TESTS_SUPPORT_API_SERVER_HPP
#define HWBIND_TESTS_SUPPORT_API_SERVER_HPP

#include "signature_check.hpp"
#include "test_server.hpp"

#include <hwbind/runtime/client/client_options.hpp>

#include <boost/beast/http/field.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hwbind::test {

/// What the API server accepts. An empty secret key accepts no signature, an empty token no
/// token.
struct api_credentials {
    std::string access_key;
    std::string secret_key;
    std::string token_header = "X-Auth-Token";
    std::string token;
};

/// The query of `req`, decoded, by name (the last value of a repeated name).
inline std::map<std::string, std::string> query_of(const request& req)
{
    std::map<std::string, std::string> out;
    const std::string_view target = req.target();
    const std::size_t question = target.find('?');
    std::string_view query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
    while (!query.empty()) {
        const std::size_t amp = std::min(query.find('&'), query.size());
        const std::string_view item = query.substr(0, amp);
        const std::size_t eq = item.find('=');
        out[sig::decode(item.substr(0, eq))] = eq == std::string_view::npos ? "" : sig::decode(item.substr(eq + 1));
        query.remove_prefix(std::min(amp + 1, query.size()));
    }
    return out;
}

/// The path of `req`'s target.
inline std::string path_of(const request& req)
{
    const std::string_view target = req.target();
    return std::string(target.substr(0, target.find('?')));
}

/// Options for a client of the API server at `url` that accepts `creds`: their key pair, the
/// project `proj-1`, and fast retries (1 ms base delay, 20 ms at most), so that retry tests
/// take milliseconds. The one setup of the client tests.
inline client_options client_options_for(const std::string& url, const api_credentials& creds)
{
    client_options o;
    o.endpoint = url;
    o.credentials.access_key = creds.access_key;
    o.credentials.secret_key = auth::secret(creds.secret_key);
    o.credentials.project_id = "proj-1";
    o.retry.base_delay = std::chrono::milliseconds(1);
    o.retry.max_delay = std::chrono::milliseconds(20);
    return o;
}

/// A response with `status` and a JSON body.
inline reply json_reply(http::status status, std::string body)
{
    reply r;
    r.message.result(status);
    r.message.set(http::field::content_type, "application/json");
    r.message.body() = std::move(body);
    return r;
}

/// A Huawei error body.
inline std::string error_body(std::string_view code, std::string_view message)
{
    return "{\"error_code\":\"" + std::string(code) + "\",\"error_msg\":\"" + std::string(message) + "\"}";
}

/// The server. `handler` answers the requests that authenticate.
class api_server {
public:
    using handler_type = std::function<reply(const request&, const request_info&)>;

    api_server(api_credentials creds, handler_type handler)
        : creds_(std::move(creds)),
          handler_(std::move(handler)),
          server_([this](const request& req, const request_info& info) { return serve(req, info); })
    {
    }

    std::uint16_t port() const noexcept { return server_.port(); }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }

    /// Connections accepted so far.
    std::size_t accepted() const noexcept { return server_.accepted(); }

    /// Every request received, in order.
    std::vector<request> received() const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return received_;
    }
    std::size_t request_count() const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return received_.size();
    }

    /// Why each rejected request was rejected.
    std::vector<std::string> rejections() const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return rejections_;
    }

private:
    reply serve(const request& req, const request_info& info)
    {
        std::size_t n = 0;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            received_.push_back(req);
            n = received_.size();
        }
        const std::string why = authentication_failure(req);
        reply r;
        if (!why.empty()) {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                rejections_.push_back(why);
            }
            r = json_reply(http::status::unauthorized,
                           error_body("APIGW.0301", "Incorrect IAM authentication information: " + why));
        } else {
            r = handler_(req, info);
        }
        if (r.message.find("X-Request-Id") == r.message.end())
            r.message.set("X-Request-Id", "req-" + std::to_string(n));
        return r;
    }

    // Why `req` does not authenticate; empty when it does.
    std::string authentication_failure(const request& req) const
    {
        if (!creds_.token.empty() && req.find(creds_.token_header) != req.end())
            return req[creds_.token_header] == creds_.token ? std::string() : std::string("wrong token");
        if (creds_.secret_key.empty())
            return "no accepted authentication";
        sig::message m;
        m.method = std::string(req.method_string());
        m.target = std::string(req.target());
        for (const auto& field : req)
            m.headers[sig::lower(field.name_string())] = std::string(field.value());
        m.body = req.body();
        return sig::verify(m, creds_.access_key, creds_.secret_key);
    }

    api_credentials creds_;
    handler_type handler_;
    mutable std::mutex mutex_;
    std::vector<request> received_;
    std::vector<std::string> rejections_;
    test_server server_; // last: stopped first, before what its threads use
};

/// A list of JSON items served a page at a time, the way the four generated list endpoints
/// page: by `offset`/`limit` query parameters, or by a `marker` query parameter and a next
/// marker in the response.
struct paged_list {
    std::vector<std::string> items; ///< JSON objects
    std::string items_key;          ///< the member holding a page's items
    std::string total_key;          ///< the member holding the total; empty for none
    std::string next_marker_key;    ///< the member holding the next marker (marker paging)
    std::size_t default_limit = 3;  ///< the page size when the request has no `limit`
    std::int64_t total_bias = 0;    ///< added to the total sent: a server that miscounts
    bool repeat_cursor = false;     ///< after the last page, send the first next marker again

    /// The page `req` asks for.
    reply page(const request& req) const
    {
        const auto query = query_of(req);
        const auto limit_it = query.find("limit");
        const std::size_t limit = limit_it != query.end() ? std::stoul(limit_it->second) : default_limit;
        std::size_t start = 0;
        if (next_marker_key.empty()) {
            if (const auto it = query.find("offset"); it != query.end())
                start = std::stoul(it->second);
        } else if (const auto it = query.find("marker"); it != query.end()) {
            start = std::stoul(it->second.substr(1)); // markers are "c<index>"
        }
        const std::size_t end = std::min(items.size(), start + limit);
        std::string body = "{\"" + items_key + "\":[";
        for (std::size_t i = start; i < end; ++i)
            body += (i == start ? "" : ",") + items[i];
        body += ']';
        if (!total_key.empty())
            body += ",\"" + total_key + "\":" +
                    std::to_string(static_cast<std::int64_t>(items.size()) + total_bias);
        if (!next_marker_key.empty()) {
            std::string next;
            if (end < items.size())
                next = "c" + std::to_string(end);
            else if (repeat_cursor)
                next = "c" + std::to_string(std::min(limit, items.size()));
            if (!next.empty())
                body += ",\"" + next_marker_key + "\":\"" + next + '"';
        }
        body += '}';
        return json_reply(http::status::ok, std::move(body));
    }
};

/// `n` JSON items `{"<key>":"<prefix><i>"}`.
inline std::vector<std::string> numbered_items(std::size_t n, std::string_view key, std::string_view prefix)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back("{\"" + std::string(key) + "\":\"" + std::string(prefix) + std::to_string(i) + "\"}");
    return out;
}

/// The lists of the four generated list endpoints, each in its own response shape, and the
/// handler serving them by path: COC documents (string offset, `data`, `total`), COC
/// scheduled tasks (marker, `scheduled_tasks`, `count`, `next_maker`), HSS jobs
/// (`job_info_list`, `total_num`) and SWR jobs (`jobs`, `total`).
struct four_lists {
    paged_list documents{numbered_items(8, "document_id", "doc-"), "data", "total", ""};
    paged_list tasks{numbered_items(7, "id", "task-"), "scheduled_tasks", "count", "next_maker"};
    paged_list hss_jobs{numbered_items(25, "name", "hss-job-"), "job_info_list", "total_num", ""};
    paged_list swr_jobs{numbered_items(10, "id", "swr-job-"), "jobs", "total", ""};

    reply operator()(const request& req, const request_info&) const
    {
        const std::string path = path_of(req);
        const auto ends_with = [&path](std::string_view tail) {
            return path.size() >= tail.size() && path.compare(path.size() - tail.size(), tail.size(), tail) == 0;
        };
        if (path == "/v1/documents")
            return documents.page(req);
        if (path == "/v1/schedule/task")
            return tasks.page(req);
        if (path.rfind("/v5/", 0) == 0 && ends_with("/kubernetes/jobs"))
            return hss_jobs.page(req);
        if (path.rfind("/v2/", 0) == 0 && ends_with("/jobs"))
            return swr_jobs.page(req);
        return json_reply(http::status::not_found, error_body("TEST.404", "no such path"));
    }
};

} // namespace hwbind::test

#endif // HWBIND_TESTS_SUPPORT_API_SERVER_HPP

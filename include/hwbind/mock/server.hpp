// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_MOCK_SERVER_HPP
#define HWBIND_MOCK_SERVER_HPP

/// \file
/// A local HTTP server that serves the operations of generated services from their
/// descriptors: the documented examples plus generated records, filtered and paged as the
/// spec says, with the spec's constraints and the cloud's authentication enforced. For tests
/// of code that calls Huawei Cloud through these bindings, and for demos.

#include <hwbind/meta/operation.hpp>
#include <hwbind/mock/listener.hpp>
#include <hwbind/mock/operation_handler.hpp>
#include <hwbind/mock/reply.hpp>
#include <hwbind/mock/routing.hpp>
#include <hwbind/mock/server_options.hpp>
#include <hwbind/runtime/client/client_options.hpp>
#include <hwbind/runtime/codec/request.hpp>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace hwbind::mock {

namespace detail {

/// The handlers of operations `Ops...`, each made from the server's options.
template <class... Ops>
struct handler_set {
    explicit handler_set(const server_options& options) : handlers(operation_handler<Ops>(options)...) {}

    std::tuple<operation_handler<Ops>...> handlers;
};

/// The method of a request line, when descriptors can have it.
inline std::optional<meta::http_method> method_of(boost::beast::http::verb v) noexcept
{
    using boost::beast::http::verb;
    switch (v) {
    case verb::get: return meta::http_method::get;
    case verb::post: return meta::http_method::post;
    case verb::put: return meta::http_method::put;
    case verb::patch: return meta::http_method::patch;
    case verb::delete_: return meta::http_method::delete_;
    case verb::head: return meta::http_method::head;
    default: return std::nullopt;
    }
}

/// A received request as the runtime's signer and parsers see one.
inline prepared_request to_prepared_request(const http_request& in, meta::http_method method)
{
    prepared_request out;
    out.set_method(method);
    const std::string_view target(in.target().data(), in.target().size());
    const std::size_t question = target.find('?');
    out.set_target(target.substr(0, question),
                   question == std::string_view::npos ? std::string_view() : target.substr(question + 1));
    for (const auto& field : in) {
        const std::string_view name(field.name_string().data(), field.name_string().size());
        const std::string_view value(field.value().data(), field.value().size());
        // A repeated header is one header whose values are joined (RFC 9110 §5.3).
        if (const header_field* seen = out.headers().find(name))
            out.headers().set(name, seen->value + ", " + std::string(value));
        else
            out.headers().set(name, value);
    }
    out.set_body(in.body().text);
    return out;
}

} // namespace detail

/// A mock of the services `Services...` (generated service descriptors such as
/// `hwbind::hss::service`) on 127.0.0.1, serving every operation they describe from a
/// background thread over HTTP/1.1 with keep-alive.
///
/// **Data.** Each operation answers with its documented example response. A paginated
/// operation serves `server_options::records` records: the example's items, then items
/// generated from them (deterministically from `server_options::seed`; see
/// `hwbind/mock/data_generation.hpp` for the rules), filtered by the request's parameters
/// (`hwbind/mock/filtering.hpp`) and paged as its pagination descriptor says
/// (`hwbind/mock/paging.hpp`), totals counting the filtered records. An operation documented
/// without a body answers its success status with an empty body; an envelope's header members
/// that the example cannot give (examples are bodies) are generated from their types
/// (`generated_header_value`). Tests may replace an operation's answer with `set_response`,
/// and read the last valid request it received with `last_request`.
///
/// **No state.** Every answer comes from the example, the records and `set_response`: a write
/// operation (POST, PUT, PATCH, DELETE) is authenticated and validated, then answered, but
/// changes nothing that a later read serves. A create-then-list round trip needs the spec to
/// link the two operations, and it has no such link: nothing says which list serves what an
/// operation creates, how a created body becomes a list item (in the real operations the
/// create body and the list item are different models: `scheduled_task_request_body` against
/// the items of a list of scheduled tasks), nor which item member a path parameter names (`DELETE
/// /v2/manage/namespaces/{namespace}` against the `name` of `list_namespaces`' items, which
/// are not even marked as items without a `pagination` block). Guessing those from paths and
/// names would be per-operation logic in disguise; see tests/fixtures/real_operations/README.md
/// for each write operation of the real operations and why it has no list to appear in.
///
/// **Requests.** A request is routed by method and path template (`{name}` matches one
/// segment, percent-decoded), authenticated unless the operation needs none or
/// `require_auth` is off (an SDK-HMAC-SHA256 signature, verified, or the token header), its
/// query, path and header parameters read by wire name and validated exactly as the client
/// validates them. Failures get Huawei-style bodies, `{"error_code": ..., "error_msg": ...}`:
/// 404 `APIGW.0101` for an unknown route, 401 `APIGW.0301` when authentication fails, 403
/// `APIGW.0302` for another project than `credentials.project_id`, 400 `<SERVICE>.0400` for
/// a parameter that cannot be read or breaks the spec's constraints (the message is the
/// client's validation message, e.g. `limit: 5 is below the minimum 10`). Every response has
/// `Content-Type: application/json` and a unique `X-Request-Id`.
///
/// **Limits.** A request's head (request line and header fields) may be 64 KiB, its body
/// 1 MiB. Beyond them, and for what is not HTTP/1.1 (a garbage request line, a bad chunk size,
/// both `Content-Length` and `Transfer-Encoding`, two different `Content-Length`s), the answer
/// is 414 (the request line alone is too long), 431 (the header fields), 413 (the body) or 400,
/// with `APIGW.0201` and a message saying why, and the connection is closed. At most
/// `server_options::max_connections` connections are served at once; when `accept` fails for
/// want of file descriptors, the server waits `accept_retry_delay` before accepting again.
///
/// \code
/// hwbind::mock::server_options options;
/// options.credentials.access_key = "AK";
/// options.credentials.secret_key = hwbind::auth::secret("SK");
/// options.credentials.project_id = "my-project";         // fills {project_id} for the client
/// hwbind::mock::server<hwbind::hss::service, hwbind::swr::service> mock(options);
/// hwbind::client client(mock.client_options());     // or set client_options::endpoint
/// for (const auto& job : client.all_items<hwbind::hss::list_jobs>({})) ...
/// \endcode
///
/// The server is ready when constructed; destruction stops it. `endpoint()`, `records()`
/// and `client_options()` may be called from any thread.
template <class... Services>
class server {
    using operations = boost::mp11::mp_append<typename Services::operations...>;
    using handlers_type = boost::mp11::mp_rename<operations, detail::handler_set>;

public:
    /// Generates the data and starts serving on `options.bind_address`:`options.port`.
    ///
    /// \throws boost::system::system_error when the address is not an IP address or the
    /// port cannot be bound;
    /// `error_with_diagnostics` when a documented example does not decode;
    /// std::invalid_argument when `options.max_connections` is 0.
    explicit server(server_options options = {})
        : options_(std::move(options)),
          handlers_(options_),
          request_ids_(random_base()),
          listener_(options_.bind_address, options_.port,
                    detail::listener_limits{options_.max_connections, options_.accept_retry_delay,
                                            options_.on_accept_error},
                    [this](const detail::http_request& in) { return respond(in); },
                    [this](boost::beast::http::status status, const std::string& message) {
                        return to_http(detail::error_reply(static_cast<unsigned>(status), detail::bad_request_code,
                                                           message),
                                       11);
                    }),
          endpoint_(listener_.url())
    {
    }

    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// Stops the server.
    ~server() = default;

    /// The base URL clients use: `http://127.0.0.1:<port>` by default, `http://[::1]:<port>`
    /// when listening on `::1`.
    const std::string& endpoint() const noexcept { return endpoint_; }

    /// The port listened on.
    std::uint16_t port() const noexcept { return listener_.port(); }

    /// The options the server was made with.
    const server_options& options() const noexcept { return options_; }

    /// Client options that call this server: `endpoint()` as the endpoint of every service,
    /// and the accepted credentials.
    hwbind::client_options client_options() const
    {
        hwbind::client_options out;
        out.endpoint = endpoint_;
        out.credentials = options_.credentials;
        return out;
    }

    /// Every record of paginated operation `Op`, unfiltered, in the order its pages serve
    /// them: what a walk over all its pages returns.
    template <class Op>
    const auto& records() const noexcept
    {
        return handler<Op>().records();
    }

    /// From now on, answers every valid request of operation `Op` (authenticated, its
    /// parameters and body valid) with `response` as it is: its body encoded and, for an
    /// envelope, its set header members as headers; no paging or filtering. For tests that
    /// check a client's decoding value by value. May be called from any thread.
    template <class Op>
    void set_response(typename Op::response_type response) const
    {
        handler<Op>().set_response(std::move(response));
    }

    /// The last request of operation `Op` that passed authentication and validation, as the
    /// mock read it from the wire (every member it received, context-filled path parameters
    /// such as `project_id` included), or nothing before the first one. For tests that check
    /// what a client sent value by value. May be called from any thread.
    template <class Op>
    std::optional<typename Op::request_type> last_request() const
    {
        return handler<Op>().last_request();
    }

    /// Stops serving: closes the listening socket and the connections, and joins the
    /// server's thread. Idempotent; the destructor calls it.
    void stop() { listener_.stop(); }

private:
    template <class Op>
    const detail::operation_handler<Op>& handler() const noexcept
    {
        using index = boost::mp11::mp_find<operations, Op>;
        static_assert(index::value < boost::mp11::mp_size<operations>::value, "Op is not an operation of the server");
        return std::get<index::value>(handlers_.handlers);
    }

    // The response to `in`; never throws, a failure of the mock itself is a 500.
    detail::http_response respond(const detail::http_request& in) const
    {
        detail::reply r;
        try {
            r = dispatch(in);
        } catch (const std::exception& e) {
            r = detail::error_reply(500, detail::internal_error_code,
                                    std::string("internal error of the mock server: ") + e.what());
        }
        return to_http(std::move(r), in.version());
    }

    // `r` as an HTTP response of `version` (11: HTTP/1.1), with the headers of every response.
    detail::http_response to_http(detail::reply r, unsigned version) const
    {
        detail::http_response out(static_cast<boost::beast::http::status>(r.status), version);
        if (!r.body.empty())
            out.set(boost::beast::http::field::content_type, "application/json");
        out.set("X-Request-Id", next_request_id());
        for (const auto& [name, value] : r.headers)
            out.set(name, value);
        out.body().text = std::move(r.body);
        out.body().generated = r.generated;
        if (r.chunked && version == 11)
            out.chunked(true);
        return out;
    }

    detail::reply dispatch(const detail::http_request& in) const
    {
        std::optional<detail::reply> out;
        if (const auto method = detail::method_of(in.method())) {
            const prepared_request req = detail::to_prepared_request(in, *method);
            const auto now = std::chrono::system_clock::now();
            detail::path_values path;
            boost::mp11::mp_for_each<boost::mp11::mp_iota<boost::mp11::mp_size<operations>>>([&](auto i) {
                const auto& handler = std::get<decltype(i)::value>(handlers_.handlers);
                if (!out && handler.matches(*method, req.path(), path))
                    out = handler.handle(req, path, options_, now, in.body().form ? &in.body().form->form() : nullptr);
            });
        }
        if (!out)
            return detail::error_reply(404, detail::route_not_found_code,
                                       "The API does not exist or has not been published in the environment");
        return std::move(*out);
    }

    static std::uint64_t random_base()
    {
        std::random_device device;
        return (std::uint64_t{device()} << 32) ^ device();
    }

    // 32 hex digits, unique per response: a random base, so that two servers differ, and a
    // counter.
    std::string next_request_id() const
    {
        static constexpr char hex[] = "0123456789abcdef";
        std::uint64_t parts[2] = {request_ids_.base, request_ids_.count.fetch_add(1, std::memory_order_relaxed)};
        std::string id(32, '0');
        for (std::size_t i = 0; i < 32; ++i)
            id[i] = hex[(parts[i / 16] >> (60 - 4 * (i % 16))) & 0xF];
        return id;
    }

    struct request_id_source {
        explicit request_id_source(std::uint64_t b) noexcept : base(b) {}
        const std::uint64_t base;
        mutable std::atomic<std::uint64_t> count{0};
    };

    const server_options options_;
    const handlers_type handlers_;
    request_id_source request_ids_;
    detail::listener listener_; // last but for endpoint_: stopped before what it serves from goes
    const std::string endpoint_;
};

} // namespace hwbind::mock

#endif // HWBIND_MOCK_SERVER_HPP

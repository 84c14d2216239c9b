// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_TESTS_SUPPORT_TEST_OPERATIONS_HPP
#define HWBIND_TESTS_SUPPORT_TEST_OPERATIONS_HPP

// Requests and descriptors of an imaginary service, written by hand in exactly the shape
// generator/generate.py emits (see include/hwbind/services/*/operations.hpp), so that the
// request codec is tested on every kind of parameter and rule, not only on those the four
// real endpoints happen to use.

#include <hwbind/meta.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/mp11/list.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hwbind::testsvc {

/// Kind of a widget; one wire value is not an identifier.
enum class widget_kind { basic, in_progress, LEGACY };
BOOST_DESCRIBE_ENUM(widget_kind, basic, in_progress, LEGACY)
constexpr std::array<std::string_view, 3> wire_names(meta::tag<widget_kind>) noexcept
{
    return {"basic", "in-progress", "LEGACY"};
}

struct empty_response {};
BOOST_DESCRIBE_STRUCT(empty_response, (), ())
constexpr std::array<meta::field, 0> wire_fields(meta::tag<empty_response>) noexcept { return {}; }

struct service;

/// Parameters of list_widgets (`GET /v3/{project_id}/widgets/{widget_name}/parts`).
struct list_widgets_request {
    std::optional<std::string> project_id;   // required, from the context
    std::string widget_name;                 // required
    std::optional<std::int32_t> limit;
    std::optional<std::int64_t> offset;
    std::optional<bool> verbose;
    std::optional<meta::open_enum<widget_kind>> kind;
    std::vector<std::string> tag;            // an array: the key repeats
    std::optional<std::string> name_filter;
    std::optional<std::string> code;
    std::optional<double> ratio;
    std::optional<std::string> x_trace_id;
    std::optional<std::string> x_client_token;
    std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(list_widgets_request, (), (project_id, widget_name, limit, offset, verbose, kind, tag,
                                                 name_filter, code, ratio, x_trace_id, x_client_token, note))

constexpr std::array<meta::field, 13> wire_fields(meta::tag<list_widgets_request>) noexcept
{
    return {
        meta::path("project_id").required().length(1, 64).from_context("project_id"),
        meta::path("widget_name").required(),
        meta::query("limit").range(10, 200).default_value("10"),
        meta::query("offset").min(0),
        meta::query("verbose"),
        meta::query("kind"),
        meta::query("tag").max_len(8),
        meta::query("name filter").length(2, 4),
        meta::query("code").matches("W[0-9]{3}"),
        meta::query("ratio"),
        meta::header("X-Trace-Id").max_len(16),
        meta::header("X-Client-Token").length(4, 8),
        meta::query("note").matches("[a-z ]*"),
    };
}

/// Listing widget parts. `GET /v3/{project_id}/widgets/{widget_name}/parts`
struct list_widgets {
    using service_type = service;
    using request_type = list_widgets_request;
    using response_type = empty_response;

    static constexpr std::string_view name = "list_widgets";
    static constexpr std::string_view id = "ListWidgets";
    static constexpr std::string_view summary = "Listing widget parts";
    static constexpr meta::http_method method = meta::http_method::get;
    static constexpr std::string_view path = "/v3/{project_id}/widgets/{widget_name}/parts";
    static constexpr meta::auth_info auth = {meta::auth_scheme::aksk | meta::auth_scheme::token, "X-Widget-Token"};

    static constexpr int success_status = 200;
    using rules = meta::rules<meta::all_or_none<&list_widgets_request::offset, &list_widgets_request::limit>,
                              meta::requires_members<&list_widgets_request::code, &list_widgets_request::name_filter,
                                                     &list_widgets_request::verbose>>;
    using pagination = meta::no_pagination;
    using errors = meta::error_models<>;
};

/// Parameters of delete_part (`DELETE /v1/parts/{part_id}`).
struct delete_part_request {
    std::string part_id;
    bool force = false;               // required query parameter
    std::string x_request_reason;     // required header
    std::optional<std::string> a;
    std::optional<std::string> b;
    std::optional<std::string> c;
    std::optional<std::string> expr;  // a pattern that backtracks exponentially
};
BOOST_DESCRIBE_STRUCT(delete_part_request, (), (part_id, force, x_request_reason, a, b, c, expr))

constexpr std::array<meta::field, 7> wire_fields(meta::tag<delete_part_request>) noexcept
{
    return {
        meta::path("part_id").required(),
        meta::query("force").required(),
        meta::header("X-Request-Reason").required(),
        meta::query("a"),
        meta::query("b"),
        meta::query("c"),
        meta::query("expr").matches("(x*)*y"),
    };
}

/// Deleting a part. `DELETE /v1/parts/{part_id}`
struct delete_part {
    using service_type = service;
    using request_type = delete_part_request;
    using response_type = empty_response;

    static constexpr std::string_view name = "delete_part";
    static constexpr std::string_view id = "DeletePart";
    static constexpr std::string_view summary = "Deleting a part";
    static constexpr meta::http_method method = meta::http_method::delete_;
    static constexpr std::string_view path = "/v1/parts/{part_id}";
    static constexpr meta::auth_info auth = {meta::auth_scheme::aksk, ""};

    static constexpr int success_status = 204;
    using rules = meta::rules<meta::all_or_none<&delete_part_request::a, &delete_part_request::b,
                                                &delete_part_request::c>>;
    using pagination = meta::no_pagination;
    using errors = meta::error_models<>;
};

/// Parameters of ping (`GET /v1/ping`): none.
struct ping_request {};
BOOST_DESCRIBE_STRUCT(ping_request, (), ())
constexpr std::array<meta::field, 0> wire_fields(meta::tag<ping_request>) noexcept { return {}; }

/// Pinging. `GET /v1/ping`
struct ping {
    using service_type = service;
    using request_type = ping_request;
    using response_type = empty_response;

    static constexpr std::string_view name = "ping";
    static constexpr std::string_view id = "Ping";
    static constexpr std::string_view summary = "Pinging";
    static constexpr meta::http_method method = meta::http_method::get;
    static constexpr std::string_view path = "/v1/ping";
    static constexpr meta::auth_info auth = {meta::auth_scheme::none, ""};

    static constexpr int success_status = 200;
    using rules = meta::rules<>;
    using pagination = meta::no_pagination;
    using errors = meta::error_models<>;
};

/// Parameters of create_part (`POST /v1/parts`): none (the runtime sends no body yet).
struct create_part_request {};
BOOST_DESCRIBE_STRUCT(create_part_request, (), ())
constexpr std::array<meta::field, 0> wire_fields(meta::tag<create_part_request>) noexcept { return {}; }

/// Creating a part: not idempotent, so retried only when it provably did not act.
/// `POST /v1/parts`
struct create_part {
    using service_type = service;
    using request_type = create_part_request;
    using response_type = empty_response;

    static constexpr std::string_view name = "create_part";
    static constexpr std::string_view id = "CreatePart";
    static constexpr std::string_view summary = "Creating a part";
    static constexpr meta::http_method method = meta::http_method::post;
    static constexpr std::string_view path = "/v1/parts";
    static constexpr meta::auth_info auth = {meta::auth_scheme::aksk | meta::auth_scheme::token, "X-Widget-Token"};

    static constexpr int success_status = 201;
    using rules = meta::rules<>;
    using pagination = meta::no_pagination;
    using errors = meta::error_models<>;
};

struct service {
    static constexpr std::string_view name = "testsvc";
    static constexpr std::string_view title = "Test service";
    static constexpr std::string_view endpoint_template = "https://testsvc.{region}.example.com";
    static constexpr std::array<meta::region_endpoint, 0> endpoints = {};

    using enums = boost::mp11::mp_list<widget_kind>;
    using models = boost::mp11::mp_list<empty_response>;
    using operations = boost::mp11::mp_list<list_widgets, delete_part, ping, create_part>;
};

} // namespace hwbind::testsvc

#endif // HWBIND_TESTS_SUPPORT_TEST_OPERATIONS_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_TOOLS_CLI_INVOKE_HPP
#define HWBIND_TOOLS_CLI_INVOKE_HPP

/// \file
/// Running one operation for the command-line tool: the client from the global options,
/// the request validated, one call or a walk over every page, the result printed, and the
/// failure, if any, reported with the exit code of its class.

#include "config.hpp"
#include "output.hpp"
#include "text.hpp"

#include <hwbind/runtime/auth/signer.hpp>
#include <hwbind/runtime/client/client.hpp>
#include <hwbind/runtime/client/request_event.hpp>
#include <hwbind/runtime/client/service_endpoint.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/codec/validate.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/string_view.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/system/error_code.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace hwbind::cli {

/// The exit status of the tool, by class of failure.
enum exit_status : int {
    exit_ok = 0,
    exit_other = 1,            ///< anything not below
    exit_usage = 2,            ///< bad command line, or a request the spec rejects (nothing sent)
    exit_service = 3,          ///< the service answered with an error status
    exit_transport = 4,        ///< no answer: connection, name resolution, TLS, deadline, proxy
    exit_invalid_response = 5, ///< an answer that does not decode as the spec says
};

/// The global options, shared by every operation.
struct settings {
    std::string region;
    std::string endpoint;
    std::string access_key;
    std::string secret_key;
    std::string security_token;
    std::string iam_token;
    std::string project_id;
    std::string project_id_wire; ///< the same, spelled `--project_id` (as the path parameter)
    double timeout_seconds = 30;
    std::optional<double> connect_timeout_seconds; ///< default: the client's, at most `timeout_seconds`
    std::optional<unsigned> retries;               ///< attempts after the first; default: the client's
    std::string ca_bundle;                         ///< a PEM file of trusted CAs, replacing the system's
    bool insecure = false;                         ///< no TLS verification at all
    bool debug = false;                            ///< the request and each attempt on stderr
    bool lenient = false;                          ///< values of the wrong type left out, with warnings on stderr
    bool dry_run = false;                          ///< the request on stdout, nothing sent
    std::string query;                             ///< a jq program applied to the output
    std::vector<std::string> columns; ///< the table's columns by wire name; empty for the default
    bool all = false;
    unsigned pages_in_flight = 1; ///< with `all`: see `paging_options`
    bool no_progress = false;
    std::string output_file; ///< where a download goes: a path, or `-` for stdout; empty: none given
    std::string output; ///< table, json or jsonl; empty for the default of the terminal
    std::string profile; ///< `--profile`: the profile of the configuration file to use
    cli::profile config; ///< that profile, once read
};

inline bool stdout_is_terminal() noexcept { return ::isatty(STDOUT_FILENO) == 1; }
inline bool stderr_is_terminal() noexcept { return ::isatty(STDERR_FILENO) == 1; }

/// The output format: as asked, else a table for a person at a terminal and JSON for a
/// program reading a pipe.
inline format output_format(const settings& s) noexcept
{
    if (s.output == "json")
        return format::json;
    if (s.output == "jsonl")
        return format::jsonl;
    if (s.output == "table")
        return format::table;
    if (s.output == "tsv")
        return format::tsv;
    if (s.output == "csv")
        return format::csv;
    // A query's results need not be objects, so have no columns.
    return stdout_is_terminal() && s.query.empty() ? format::table : format::json;
}

/// Table cells are cut only where a person reads them; a file gets them whole.
inline std::optional<std::size_t> max_cell_width() noexcept
{
    return stdout_is_terminal() ? std::optional<std::size_t>(40) : std::nullopt;
}

/// The `--debug` line of one attempt: what was sent where, and what came of it.
inline void debug_attempt(const request_event& e) noexcept
{
    try {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(e.latency).count();
        std::cerr << "hwbind-cli: debug: attempt " << e.attempt << ": " << meta::to_string(e.method) << ' '
                  << printable(e.url) << ": ";
        if (e.status != 0)
            std::cerr << "HTTP " << e.status << ' ';
        std::cerr << (e.ec ? printable(e.ec.message()) : std::string("ok")) << " in " << ms << " ms";
        if (!e.request_id.empty())
            std::cerr << ", request id " << printable(e.request_id);
        if (e.will_retry)
            std::cerr << "; retrying in " << e.retry_delay / std::chrono::milliseconds(1) << " ms";
        std::cerr << '\n';
    } catch (...) {
        // The hook must not throw; a line of debug output lost is no failure of the call.
    }
}

/// The client's options, each setting from the first of: the command line, the
/// environment, the profile of the configuration file, the official SDKs' files
/// (`~/.huaweicloud/credentials`, `regions.yaml`). The environment and the SDKs' files are
/// read by `client_options::from_default_chain`, as the library reads them. Returns the
/// exit status: a source that is half set up or malformed is a usage error.
inline int make_client_options(settings& s, client_options& o)
{
    diagnostics diag;
    if (const auto ec = client_options::from_default_chain(o, diag)) {
        std::cerr << "hwbind-cli: " << printable(diag.message().empty() ? ec.message() : diag.message()) << '\n';
        return exit_usage;
    }
    // The chain's last source, the ECS metadata service, is not asked: off an ECS every call
    // would first wait for it to time out.
    if (o.credential_provider) {
        o.credential_provider.reset();
        o.credentials_source = "none";
    }
    const profile& p = s.config;
    if (o.credentials_source != "environment" && !p.access_key.empty()) {
        o.credentials = auth::credentials();
        o.credentials.access_key = p.access_key;
        o.credentials.secret_key = p.secret_key;
        o.credentials.security_token = p.security_token;
        o.credentials_source = "hwbind_profile";
    }
    if (std::string project = hwbind::detail::environment("HUAWEICLOUD_SDK_PROJECT_ID"); !project.empty())
        o.credentials.project_id = std::move(project);
    else if (!p.project_id.empty())
        o.credentials.project_id = p.project_id;
    if (o.region.empty())
        o.region = p.region;
    // A profile's endpoints are overrides: they outrank any region, but not --endpoint.
    if (s.endpoint.empty()) {
        o.endpoint = p.endpoint;
        o.service_endpoints.insert(p.service_endpoints.begin(), p.service_endpoints.end());
    }

    if (!s.region.empty())
        o.region = s.region;
    if (!s.endpoint.empty())
        o.endpoint = s.endpoint;
    if (!s.access_key.empty())
        o.credentials.access_key = s.access_key;
    if (!s.secret_key.empty())
        o.credentials.secret_key = auth::secret(std::move(s.secret_key));
    if (!s.security_token.empty())
        o.credentials.security_token = auth::secret(std::move(s.security_token));
    if (!s.iam_token.empty())
        o.credentials.iam_token = auth::secret(std::move(s.iam_token));
    if (!s.project_id.empty())
        o.credentials.project_id = s.project_id;
    // Both at most a day (see `seconds`), far from the clock's limits.
    const auto duration = [](double seconds) {
        return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
    };
    const auto timeout = duration(s.timeout_seconds);
    o.transport.request_timeout = timeout;
    o.transport.connect_timeout =
        std::min(s.connect_timeout_seconds ? duration(*s.connect_timeout_seconds) : o.transport.connect_timeout, timeout);
    if (s.retries)
        o.retry.max_attempts = *s.retries + 1;
    if (!s.ca_bundle.empty())
        o.transport.tls.ca_file = s.ca_bundle;
    if (s.insecure) {
        o.transport.tls.insecure_skip_verify = true;
        std::cerr << "hwbind-cli: WARNING: --insecure: TLS certificates and host names are NOT verified; anyone on "
                     "the path can read and change the requests and responses\n";
    }
    if (s.debug)
        o.on_request = debug_attempt;
    o.decode.lenient = s.lenient;
    return exit_ok;
}

/// The exit status of failure `ec`. Codes outside hwbind's category come from the
/// transport's sockets, resolver, TLS and HTTP parser.
inline exit_status exit_status_of(const boost::system::error_code& ec) noexcept
{
    // An endpoint that is not a URL comes from the command line (--region, --endpoint): a
    // usage error, found before anything is sent.
    if (ec == condition::invalid_request || ec == error::invalid_endpoint)
        return exit_usage;
    if (ec == condition::service_error)
        return exit_service;
    if (ec == condition::invalid_response)
        return exit_invalid_response;
    if (ec == condition::transport_error || ec.category() != error_category())
        return exit_transport;
    return exit_other;
}

/// Prints on stderr the values of a response that `--lenient` left out.
inline void print_warnings(std::string_view command, const diagnostics& diag)
{
    for (const decode_warning& w : diag.warnings())
        std::cerr << "hwbind-cli: " << command << ": warning: left out " << printable(w.message()) << '\n';
}

/// Reports failure `ec` of `command` on stderr and returns its exit status. Nothing shown
/// holds a credential: the runtime's messages never do, and the service's text is only
/// what it answered.
inline exit_status report(std::string_view command, const boost::system::error_code& ec, const diagnostics& diag)
{
    const exit_status status = exit_status_of(ec);
    std::string_view kind = "error";
    switch (status) {
    case exit_usage: kind = "invalid request"; break;
    case exit_service: kind = "service error"; break;
    case exit_transport: kind = "transport error"; break;
    case exit_invalid_response: kind = "invalid response"; break;
    default: break;
    }
    std::cerr << "hwbind-cli: " << command << ": " << kind;
    if (const auto& api = diag.api()) {
        std::cerr << '\n';
        const auto line = [](std::string_view name, std::string_view value) {
            if (!value.empty())
                std::cerr << "  " << name << ": " << truncate(printable(value), 500) << '\n';
        };
        line("status", std::to_string(api->http_status));
        line("error_code", api->error_code);
        line("error_msg", api->error_msg);
        line("request_id", api->request_id);
        if (api->error_code.empty() && api->error_msg.empty())
            line("body", api->body);
        return status;
    }
    // The runtime's messages about endpoints name its C++ options; say what the command
    // line offers instead.
    if (ec == error::no_endpoint || ec == error::invalid_endpoint) {
        std::cerr << ": " << ec.message() << "\n  give --region (see `hwbind-cli " << command.substr(0, command.find(' '))
                  << " --help` for the service's regions), or --endpoint with the service's base URL\n";
        return status;
    }
    std::cerr << ": " << printable(diag.message().empty() ? ec.message() : diag.message()) << '\n';
    if (ec == error::no_credentials)
        std::cerr << "  give --ak and --sk (or --token), set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or write a "
                     "profile with `hwbind-cli configure`\n";
    else if (status == exit_usage)
        std::cerr << "  see `hwbind-cli " << command << " --help`\n";
    return status;
}

template <class Pagination>
inline constexpr bool is_paginated_v = meta::is_pagination_v<Pagination>;

/// The element type of the vector member `Items` designates (a member pointer or a path).
template <auto Items>
using item_of = typename meta::member_at_t<Items>::value_type;

/// The items of a page, empty when the page lacks them (an absent member on their path).
template <class Op>
const std::vector<item_of<Op::pagination::items>>& items_of(const typename Op::response_type& page)
{
    static const std::vector<item_of<Op::pagination::items>> none;
    const auto* items = meta::member_at<Op::pagination::items>::find(page);
    return items != nullptr ? *items : none;
}

/// The total a page announces, when the operation's pagination has one and the page sent it.
template <class Op>
std::optional<std::int64_t> total_of(const typename Op::response_type& page)
{
    constexpr auto total = Op::pagination::total;
    if constexpr (!meta::names_member_v<total>) {
        return std::nullopt;
    } else {
        using member = meta::member_at_t<total>;
        const auto* leaf = meta::member_at<total>::find(page);
        const auto* value = leaf != nullptr ? hwbind::detail::parameter_traits<member>::get(*leaf) : nullptr;
        if (value == nullptr)
            return std::nullopt;
        return static_cast<std::int64_t>(*value);
    }
}

/// The item shown of an operation whose success has no body: none is ever shown.
struct no_body {};

/// What a response of operation `Op` shows as items: `no_body` for a success documented
/// without a body (whose response type is an empty struct, or an envelope of headers); the
/// response itself (a model); for an envelope, the elements of an array body, or the body.
template <class Op>
constexpr auto response_item()
{
    using R = typename Op::response_type;
    if constexpr (meta::response_payload_v<Op> == meta::payload::none ||
                  (meta::is_envelope_v<R> && meta::index_of_location<R>(meta::location::content) == meta::npos)) {
        return meta::tag<no_body>{};
    } else if constexpr (!meta::is_envelope_v<R>) {
        return meta::tag<R>{};
    } else {
        using body = meta::member_type<meta::content_member<R>>;
        if constexpr (meta::is_vector_v<body>)
            return meta::tag<typename body::value_type>{};
        else
            return meta::tag<body>{};
    }
}

/// The item type of operation `Op`: the elements of its pages, or what its response shows
/// (see `response_item`).
template <class Op, class = void>
struct item_type_of {
    using type = typename decltype(response_item<Op>())::type;
};
template <class Op>
struct item_type_of<Op, std::enable_if_t<is_paginated_v<typename Op::pagination>>> {
    using type = item_of<Op::pagination::items>;
};

/// What the table and JSON call the items of `Op`: the response member holding them (the
/// last of their path), or the operation's name.
template <class Op>
std::string_view items_name()
{
    if constexpr (is_paginated_v<typename Op::pagination>)
        return meta::member_at<Op::pagination::items>::leaf_field().wire_name;
    else
        return Op::name;
}

/// The table columns `s.columns` asks of `Op`'s items into `out`; a usage error, before
/// anything is sent, for a name the items do not have.
template <class Op>
int table_columns(const settings& s, std::string_view command, std::vector<std::size_t>& out)
{
    using item_type = typename item_type_of<Op>::type;
    std::string unknown;
    out = select_columns<item_type>(items_name<Op>(), s.columns, unknown);
    if (!unknown.empty()) {
        std::cerr << "hwbind-cli: " << command << ": --columns: no column " << printable(unknown) << "; its columns:";
        for (const std::string& h : headers_of<item_type>(items_name<Op>()))
            std::cerr << ' ' << h;
        std::cerr << '\n';
        return exit_usage;
    }
    return exit_ok;
}

/// Checks `request` as the client will, with messages in the command line's terms: a path
/// parameter the context fills (`project_id`) missing from the context, then the spec's
/// constraints and rules.
template <class Op>
int check_request(const client& c, std::string_view command, const typename Op::request_type& request)
{
    using request_type = typename Op::request_type;
    const request_context ctx = request_context().set("project_id", c.options().credentials.project_id);
    const auto fields = wire_fields(meta::tag<request_type>{});
    std::string_view missing;
    std::size_t index = 0;
    boost::mp11::mp_for_each<meta::members_of<request_type>>([&](auto d) {
        const meta::field& f = fields[index++];
        if (missing.empty() && f.is_required && !f.context_key.empty() && !is_set(request.*d.pointer) &&
            ctx.get(f.context_key).empty())
            missing = f.wire_name;
    });
    if (!missing.empty()) {
        std::cerr << "hwbind-cli: " << command << ": invalid request: no " << missing
                  << " for the path\n  give --project-id, set HUAWEICLOUD_SDK_PROJECT_ID, or set project_id in the profile\n";
        return exit_usage;
    }
    diagnostics diag;
    if (const auto ec = validate<Op>(request, ctx, diag))
        return report(command, ec, diag);
    return exit_ok;
}

/// Whether everything printed so far reached stdout; a full disk or a closed pipe must not
/// pass for success.
inline bool output_ok()
{
    std::cout.flush();
    return !std::cout.fail();
}

/// The value of header `h` as `--debug` and `--dry-run` show it: no secret, and no
/// signature (with the request, it would be a credential for minutes).
inline std::string shown_header_value(const header_field& h, const auth::credentials& creds,
                                      std::string_view token_header)
{
    static constexpr std::string_view redacted = "<redacted>";
    if (header_list::equal_names(h.name, "Authorization")) {
        std::string value = h.value;
        const std::size_t signature = value.find("Signature=");
        value.replace(signature == std::string::npos ? 0 : signature + 10, std::string::npos, redacted);
        return printable(value);
    }
    const auto holds = [&](const auth::secret& secret) {
        return !secret.empty() && h.value.find(secret.expose()) != std::string::npos;
    };
    if (header_list::equal_names(h.name, token_header) || header_list::equal_names(h.name, "X-Security-Token") ||
        holds(creds.secret_key) || holds(creds.iam_token) || holds(creds.security_token))
        return std::string(redacted);
    return printable(h.value);
}

/// Builds and authenticates `request` as the client would for its first attempt (the
/// endpoint, the request line and headers, the signature) and prints it to `out`,
/// credentials and signature redacted: for --dry-run, which sends nothing, and --debug.
/// Fails as the call would when there is no endpoint or no usable credentials.
template <class Op>
int show_request(const client& c, std::string_view command, const typename Op::request_type& request,
                 std::ostream& out)
{
    diagnostics diag;
    endpoint origin;
    if (const auto ec = resolve_endpoint<typename Op::service_type>(c.options(), origin, diag))
        return report(command, ec, diag);
    const request_context ctx = request_context().set("project_id", c.options().credentials.project_id);
    prepared_request prepared;
    if (const auto ec = prepare_request<Op>(request, ctx, prepared, diag))
        return report(command, ec, diag);

    // Chosen as the client chooses: AK/SK first, then a token, for what the operation accepts.
    const auth::credentials& creds = c.options().credentials;
    if (creds.has_aksk() && meta::accepts(Op::auth.schemes, meta::auth_scheme::aksk)) {
        const auto now = c.options().clock ? c.options().clock() : std::chrono::system_clock::now();
        auth::sign_request(prepared, creds, now, origin.host_header());
    } else if (creds.has_token() && meta::accepts(Op::auth.schemes, meta::auth_scheme::token)) {
        auth::add_token(prepared, creds, Op::auth.token_header);
    } else if (Op::auth.schemes != meta::auth_scheme::none) {
        diag.set_message("no credentials");
        return report(command, error::no_credentials, diag);
    }
    // What the transport adds to every request.
    if (prepared.headers().find("Host") == nullptr)
        prepared.headers().set("Host", origin.host_header());
    if (prepared.body_size() != 0)
        prepared.headers().set("Content-Length", std::to_string(prepared.body_size()));

    out << meta::to_string(prepared.method()) << ' ' << (origin.secure() ? "https://" : "http://")
        << origin.host_header() << printable(prepared.target()) << '\n';
    for (const header_field& h : prepared.headers())
        out << h.name << ": " << shown_header_value(h, creds, Op::auth.token_header) << '\n';
    if (!prepared.body().empty())
        out << '\n' << printable(prepared.body()) << '\n';
    // A streamed form: its text as sent, each file's bytes named rather than shown.
    if (!prepared.segments().empty()) {
        out << '\n';
        for (const body_segment& segment : prepared.segments().segments()) {
            if (segment.is_file())
                out << "<" << segment.file_size << " bytes of " << printable(segment.path) << ">";
            else
                out << printable(segment.bytes);
        }
        out << '\n';
    }
    out.flush();
    return exit_ok;
}

/// What comes before sending `request`: its checks, then with --dry-run or --debug the
/// request shown. True when nothing is to be sent, with the exit status in `status`.
template <class Op>
bool stop_before_sending(const client& c, const settings& s, std::string_view command,
                         const typename Op::request_type& request, int& status)
{
    // The client validates too; checking first also puts a bad parameter before a missing
    // endpoint or credentials, which are reported when the call starts.
    status = check_request<Op>(c, command, request);
    if (status != exit_ok)
        return true;
    if (!s.dry_run && !s.debug)
        return false;
    status = show_request<Op>(c, command, request, s.dry_run ? std::cout : std::cerr);
    return status != exit_ok || s.dry_run;
}

/// Every item of every page, from the page `request` asks for, with progress on stderr.
template <class Op>
int walk(client& c, const settings& s, std::string_view command, typename Op::request_type request,
         std::vector<std::size_t> columns, jq_filter* query)
{
    constexpr auto items = Op::pagination::items;
    using item_type = item_of<items>;
    auto walker = c.pages<Op>(std::move(request), paging_options{s.pages_in_flight});
    // The walker sets the page window (offset 0, the documented page size) first, so the
    // spec's rules are checked, and the request shown, as actually sent.
    if (int status = exit_ok; stop_before_sending<Op>(c, s, command, walker.request(), status))
        return status;

    item_writer<item_type> writer(output_format(s), items_name<Op>(), std::cout, std::move(columns),
                                  max_cell_width(), query);
    diagnostics diag;
    boost::system::error_code ec;
    {
        progress shown(!s.no_progress && stderr_is_terminal(), std::cerr);
        typename Op::response_type page;
        std::size_t pages = 0, count = 0;
        while (walker.next(page, ec, diag)) {
            print_warnings(command, diag);
            for (const item_type& item : items_of<Op>(page))
                writer.add(item);
            writer.flush();
            if (!output_ok())
                return exit_other; // no use fetching pages nobody can read; `run` says why
            count += items_of<Op>(page).size();
            shown.page(++pages, count, total_of<Op>(page));
        }
    } // the progress line is erased before the result or the error is shown
    if (ec)
        return report(command, ec, diag);
    writer.finish();
    return exit_ok;
}

/// The JSON output of response `r`, always one object: a response that is a model (an
/// object body, no headers) as the service sent it; an envelope (a body that is not an
/// object, response headers, or no body) as `{"body": ..., "headers": {...}}`, `body` there
/// when the operation documents one, `headers` when it documents response headers, holding
/// those the response had by wire name. So an empty success prints `{}`.
template <class R>
std::string response_json(const R& r)
{
    if constexpr (!meta::is_envelope_v<R>) {
        return hwbind::encode(r);
    } else {
        std::string out = "{";
        std::string headers;
        bool has_headers = false;
        boost::mp11::mp_for_each<boost::mp11::mp_iota_c<meta::fields_of<R>().size()>>([&](auto i) {
            constexpr meta::field f = meta::fields_of<R>()[decltype(i)::value];
            using D = boost::mp11::mp_at_c<meta::members_of<R>, decltype(i)::value>;
            const auto& member = r.*D::pointer;
            if constexpr (f.in == meta::location::content) {
                out += "\"body\":";
                hwbind::encode(member, out);
            } else if constexpr (f.in == meta::location::header) {
                has_headers = true;
                if (member) {
                    headers += headers.empty() ? "" : ",";
                    headers += boost::json::serialize(boost::json::string_view(f.wire_name.data(), f.wire_name.size()));
                    headers += ':';
                    hwbind::encode(*member, headers);
                }
            }
        });
        if (has_headers)
            out += (out.size() > 1 ? ",\"headers\":{" : "\"headers\":{") + headers + '}';
        return out + '}';
    }
}

/// Prints `text` (one JSON value) on a line, or with `query` the query's results, one a line.
inline void print_json(const std::string& text, jq_filter* query)
{
    if (query == nullptr) {
        std::cout << text << '\n';
        return;
    }
    std::vector<std::string> results;
    query->run(text, results);
    for (const std::string& r : results)
        std::cout << r << '\n';
}

/// Prints response `r` of an operation without pagination as a table or JSON Lines: the
/// rows of `response_item` (an array body's elements, one a row or line; any other body
/// one row); JSON Lines of a body that is not an array print the JSON output's object on
/// one line; a success without a body prints no table at all.
template <class Op>
void print_response(format f, const typename Op::response_type& r, std::vector<std::size_t> columns,
                    jq_filter* query)
{
    using R = typename Op::response_type;
    using item_type = typename item_type_of<Op>::type;
    if constexpr (std::is_same_v<item_type, no_body>) {
        if (f == format::jsonl)
            print_json(response_json(r), query);
    } else if constexpr (!meta::is_envelope_v<R>) {
        item_writer<R> writer(f, items_name<Op>(), std::cout, std::move(columns), max_cell_width(), query);
        writer.add(r);
        writer.finish();
    } else {
        const auto& body = r.*meta::content_member<R>::pointer;
        using body_type = std::remove_cv_t<std::remove_reference_t<decltype(body)>>;
        if constexpr (meta::is_vector_v<body_type>) {
            item_writer<item_type> writer(f, items_name<Op>(), std::cout, std::move(columns), max_cell_width(), query);
            for (const auto& element : body)
                writer.add(element);
            // An empty array's table is its header line alone.
            writer.finish();
        } else if (f == format::jsonl) {
            print_json(response_json(r), query);
        } else {
            item_writer<item_type> writer(f, items_name<Op>(), std::cout, std::move(columns), max_cell_width(), query);
            writer.add(body);
            writer.finish();
        }
    }
    std::cout.flush();
}

/// Whether `--output-file` fits `Op`: given for an operation that downloads a file, never for
/// another, and not the terminal; a usage error, before anything is sent, when it does not.
template <class Op>
int check_output_file(const settings& s, std::string_view command)
{
    if constexpr (meta::response_payload_v<Op> == meta::payload::binary) {
        if (s.output_file.empty()) {
            std::cerr << "hwbind-cli: " << command
                      << " downloads a file: give --output-file PATH, or --output-file - for stdout\n";
            return exit_usage;
        }
        if (s.output_file == "-" && stdout_is_terminal()) {
            std::cerr << "hwbind-cli: " << command
                      << ": not writing a binary body to a terminal: redirect stdout, or give --output-file PATH\n";
            return exit_usage;
        }
    } else if (!s.output_file.empty()) {
        std::cerr << "hwbind-cli: " << command << ": --output-file applies to operations that download a file\n";
        return exit_usage;
    }
    return exit_ok;
}

/// Downloads the binary body of `Op` to `--output-file` (a path, or `-` for stdout), with a
/// progress bar on stderr when it is a terminal; after a download to a path, prints its
/// summary as one JSON object: `size`, `file_name` (the service's suggestion), `content_type`,
/// and `headers` when the operation declares response headers.
template <class Op>
int download(client& c, const settings& s, std::string_view command, const typename Op::request_type& request)
{
    diagnostics diag;
    boost::system::error_code ec;
    download_result<typename Op::response_type> result;
    {
        progress shown(!s.no_progress && stderr_is_terminal(), std::cerr);
        auto show = [&shown](std::uint64_t received, std::optional<std::uint64_t> total) {
            shown.bytes(received, total);
        };
        if (s.output_file == "-") {
            auto sink = download_to([](std::string_view piece) {
                return std::fwrite(piece.data(), 1, piece.size(), stdout) == piece.size();
            });
            sink.on_progress(show);
            c.call<Op>(request, sink, result, ec, diag);
            std::fflush(stdout);
        } else {
            auto sink = download_to_file(s.output_file);
            sink.on_progress(show);
            c.call<Op>(request, sink, result, ec, diag);
        }
    } // the progress line is erased before the result or the error is shown
    if (ec)
        return report(command, ec, diag);
    if (s.output_file != "-") {
        std::string summary = "{\"size\":" + std::to_string(result.size) + ",\"file_name\":";
        hwbind::detail::append_json_string(summary, result.file_name);
        summary += ",\"content_type\":";
        hwbind::detail::append_json_string(summary, result.content_type);
        const std::string headers = response_json(result.headers); // `{}` or `{"headers":{...}}`
        if (headers.size() > 2)
            summary += ',' + headers.substr(1, headers.size() - 2);
        std::cout << summary << "}\n" << std::flush;
    }
    return exit_ok;
}

/// Calls `Op`, whose success is not binary, once, and prints the response.
template <class Op>
int call_and_print(client& c, const settings& s, std::string_view command, const typename Op::request_type& request,
                   std::vector<std::size_t> columns, jq_filter* query)
{
    using pagination = typename Op::pagination;
    diagnostics diag;
    typename Op::response_type response;
    boost::system::error_code ec;
    c.call<Op>(request, response, ec, diag);
    if (ec)
        return report(command, ec, diag);
    print_warnings(command, diag);

    const format f = output_format(s);
    if (f == format::json) {
        // Without --all the query reads the response, as printed without it.
        print_json(response_json(response), query);
        std::cout.flush();
    } else if constexpr (is_paginated_v<pagination>) {
        item_writer<item_of<pagination::items>> writer(f, items_name<Op>(), std::cout, std::move(columns),
                                                       max_cell_width(), query);
        for (const auto& item : items_of<Op>(response))
            writer.add(item);
        writer.finish();
    } else {
        print_response<Op>(f, response, std::move(columns), query);
    }
    return exit_ok;
}

/// Runs operation `Op` with `request`, as `command` (`hss list-jobs`) for messages.
template <class Op>
int invoke(settings& s, std::string_view command, typename Op::request_type request)
{
    std::vector<std::size_t> columns;
    if (const int status = table_columns<Op>(s, command, columns))
        return status;
    if (const int status = check_output_file<Op>(s, command))
        return status;
    // Compiled before anything is sent, so that a typo costs no request.
    std::unique_ptr<jq_filter> query;
    if (!s.query.empty()) {
        if (is_tabular(output_format(s))) {
            std::cerr << "hwbind-cli: --query applies to --output json and jsonl, not " << s.output << '\n';
            return exit_usage;
        }
        try {
            query = std::make_unique<jq_filter>(s.query);
        } catch (const std::invalid_argument& e) {
            std::cerr << "hwbind-cli: " << e.what() << '\n';
            return exit_usage;
        }
    }
    client_options options;
    if (const int status = make_client_options(s, options))
        return status;
    client c(std::move(options));
    using pagination = typename Op::pagination;
    if constexpr (is_paginated_v<pagination>) {
        if (s.all)
            return walk<Op>(c, s, command, std::move(request), std::move(columns), query.get());
    }

    if (int status = exit_ok; stop_before_sending<Op>(c, s, command, request, status))
        return status;
    if constexpr (meta::response_payload_v<Op> == meta::payload::binary)
        return download<Op>(c, s, command, request);
    else
        return call_and_print<Op>(c, s, command, request, std::move(columns), query.get());
}

} // namespace hwbind::cli

#endif // HWBIND_TOOLS_CLI_INVOKE_HPP

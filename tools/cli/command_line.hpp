// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_TOOLS_CLI_COMMAND_LINE_HPP
#define HWBIND_TOOLS_CLI_COMMAND_LINE_HPP

/// \file
/// The command line of `hwbind-cli`, built with CLI11 from the generated descriptors: a
/// subcommand per service, a subcommand per operation, an option per request member with
/// the spec's type, bounds, enumeration values and description. Nothing here names a
/// service or an operation; `run<Services>` is given the services.

#include "arguments.hpp"
#include "body.hpp"
#include "form.hpp"
#include "completion.hpp"
#include "config.hpp"
#include "configure.hpp"
#include "invoke.hpp"
#include "output.hpp"
#include "text.hpp"

#include <hwbind/meta.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>

#include <CLI/CLI.hpp>

#include <boost/mp11/algorithm.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <exception>
#include <functional>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

namespace hwbind::cli {

/// Width of the descriptions in help, beside CLI11's 30-column option names.
inline constexpr std::size_t help_width = 70;

/// How a request member's value is read from the command line: the type CLI11 parses into,
/// and its conversion to the member's type.
template <class T>
struct parsed_as {
    using type = T;
    static T convert(const T& v) { return v; }
};
template <class E>
struct parsed_as<meta::open_enum<E>> {
    using type = std::string;
    static meta::open_enum<E> convert(const std::string& v) { return meta::open_enum<E>::from_wire(v); }
};
template <>
struct parsed_as<meta::any_value> {
    using type = std::string;
    static meta::any_value convert(const std::string& v) { return meta::any_value(v); }
};

/// Attaches the checks CLI11 makes of a value of type `T` described by `f`: integer bounds,
/// the wire values of an enumeration, and `true`/`false` for booleans. The other
/// constraints (lengths, patterns, rules) are `hwbind::validate`'s, before sending.
template <class T>
void add_checks(CLI::Option& opt, const meta::field& f)
{
    if constexpr (std::is_same_v<T, bool>) {
        opt.check(CLI::IsMember({"true", "false"}));
        option_choices()[&opt] = {"true", "false"};
    } else if constexpr (std::is_integral_v<T>) {
        opt.check(decimal_integer<T>());
        if (!f.minimum && !f.maximum)
            return;
        using limits = std::numeric_limits<T>;
        CLI::Range range(f.minimum ? static_cast<T>(*f.minimum) : limits::min(),
                         f.maximum ? static_cast<T>(*f.maximum) : limits::max());
        // CLI11 would show the open end as the type's limit, -2147483648 and the like.
        if (!f.minimum)
            range.description("INT at most " + std::to_string(*f.maximum));
        else if (!f.maximum)
            range.description("INT at least " + std::to_string(*f.minimum));
        opt.check(range);
    } else if constexpr (meta::is_open_enum<T>::value) {
        std::vector<std::string> values;
        for (const auto& e : meta::enum_table<typename T::enum_type>)
            values.emplace_back(e.wire);
        opt.check(CLI::IsMember(values));
        option_choices()[&opt] = values;
    }
}

template <class T>
struct unwrap_optional {
    using type = T;
};
template <class T>
struct unwrap_optional<std::optional<T>> {
    using type = T;
};

/// Adds the option of request member `member`, described by `f` and `description`, to
/// `command`, setting `request->*member` when given. Named `--<wire name>`, and also
/// `--<kebab-case>` when that differs and no global option has the name. A string holding a
/// page offset or limit (`page_number`) must be a non-negative integer, as the walker and
/// the service read it. `member` may be a member of a base of `Request`: a request of more than
/// 52 parameters inherits them from generated parts.
template <class Request, class M, class C>
void add_parameter(CLI::App& command, const CLI::App& root, const std::shared_ptr<Request>& request,
                   M C::*member, const meta::field& f, std::string_view description, bool page_number)
{
    static_assert(std::is_base_of_v<C, Request>, "a member of the request or of one of its bases");
    using value_type = typename unwrap_optional<M>::type;
    static_assert(!meta::is_model<value_type>::value, "parameters are scalars or arrays of scalars");
    std::string names = "--" + std::string(f.wire_name);
    const std::string alias = "--" + kebab(f.wire_name);
    if (alias != names && root.get_option_no_throw(alias) == nullptr)
        names += ',' + alias;
    const std::string help = wrap(description, help_width);

    CLI::Option* opt = nullptr;
    if constexpr (meta::is_vector<value_type>::value) {
        using element = typename value_type::value_type;
        using parsed = typename parsed_as<element>::type;
        opt = command.add_option_function<std::vector<parsed>>(
            names,
            [request, member](const std::vector<parsed>& values) {
                value_type out;
                for (const parsed& v : values)
                    out.push_back(parsed_as<element>::convert(v));
                (*request).*member = std::move(out);
            },
            help);
        opt->delimiter(',')->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
        add_checks<element>(*opt, f);
    } else {
        using parsed = typename parsed_as<value_type>::type;
        opt = command.add_option_function<parsed>(
            names, [request, member](const parsed& v) { (*request).*member = parsed_as<value_type>::convert(v); },
            help);
        add_checks<value_type>(*opt, f);
        if constexpr (std::is_same_v<value_type, std::string>) {
            if (page_number)
                opt->check(page_number_check());
        }
    }
    opt->group("Parameters");
    // Required on the command line: what neither the context nor the request's own
    // default (a documented page size, say) provides.
    const bool has_default = is_set(Request{}.*member);
    if (f.is_required && f.context_key.empty() && !has_default)
        opt->required();
}

/// Whether the generated docs give examples of `Op` (`examples(meta::tag<Op>)`).
template <class Op, class = void>
struct has_examples : std::false_type {};
template <class Op>
struct has_examples<Op, std::void_t<decltype(examples(meta::tag<Op>{}))>> : std::true_type {};

namespace detail {

/// `text` with `%XX` escapes (and `+`, in a query) decoded.
inline std::string percent_decoded(std::string_view text, bool query)
{
    std::string out;
    const auto hex = [](char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += query && text[i] == '+' ? ' ' : text[i];
        }
    }
    return out;
}

/// `word` quoted for a POSIX shell when it holds anything but safe characters.
inline std::string shell_word(std::string_view word)
{
    const bool safe = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("_-.,:/=@%+").find(c) != std::string_view::npos;
    });
    if (safe)
        return std::string(word);
    std::string out = "'";
    for (const char c : word)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + '\'';
}

/// The `/`-separated segments of `path`.
inline std::vector<std::string_view> segments(std::string_view path)
{
    std::vector<std::string_view> out;
    while (!path.empty()) {
        const std::size_t slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos)
            break;
        path.remove_prefix(slash + 1);
    }
    return out;
}

} // namespace detail

/// The command line of `Op`'s documented example request line `request`
/// (`GET /v5/{project_id}/kubernetes/jobs?offset=0&limit=200`): its path parameters and
/// query parameters as options; a placeholder left in the path (`{project_id}`) is left out,
/// the project being the credentials'. Empty when the line does not fit the operation.
template <class Op>
std::string example_command(std::string_view request)
{
    using service_type = typename Op::service_type;
    const std::size_t space = request.find(' ');
    if (space == std::string_view::npos)
        return {};
    std::string_view target = request.substr(space + 1);
    target = target.substr(0, target.find(' ')); // `HTTP/1.1`, if written
    const std::size_t question = target.find('?');
    const std::string_view path = target.substr(0, question);
    const std::string_view query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
    const auto fields = wire_fields(meta::tag<typename Op::request_type>{});
    const auto field_named = [&](std::string_view wire, meta::location in) -> const meta::field* {
        for (const meta::field& f : fields) {
            if (f.wire_name == wire && f.in == in)
                return &f;
        }
        return nullptr;
    };

    std::string out = "hwbind-cli " + std::string(service_type::name) + ' ' + kebab(Op::name);
    const std::vector<std::string_view> want = detail::segments(Op::path);
    const std::vector<std::string_view> got = detail::segments(path);
    if (want.size() != got.size())
        return {};
    for (std::size_t i = 0; i < want.size(); ++i) {
        const std::string_view w = want[i];
        if (w.size() < 2 || w.front() != '{' || w.back() != '}') {
            if (w != got[i])
                return {};
            continue;
        }
        if (!got[i].empty() && got[i].front() == '{')
            continue; // a placeholder: the example gives no value
        const meta::field* f = field_named(w.substr(1, w.size() - 2), meta::location::path);
        if (f == nullptr)
            return {};
        out += (f->context_key == "project_id" ? std::string(" --project-id ") : " --" + std::string(f->wire_name) + ' ') +
               detail::shell_word(detail::percent_decoded(got[i], false));
    }
    for (std::string_view rest = query; !rest.empty();) {
        const std::size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        const std::size_t equals = pair.find('=');
        const std::string name = detail::percent_decoded(pair.substr(0, equals), true);
        const meta::field* f = field_named(name, meta::location::query);
        if (f == nullptr)
            return {};
        out += " --" + std::string(f->wire_name) + ' ' +
               detail::shell_word(detail::percent_decoded(
                   equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true));
    }
    return out;
}

/// The "Examples:" of `Op`'s help, from the spec's examples: each one's description and its
/// command line.
template <class Op>
std::string examples_text()
{
    std::string out;
    if constexpr (has_examples<Op>::value) {
        for (const meta::example& e : examples(meta::tag<Op>{})) {
            const std::string command = example_command<Op>(e.request);
            if (command.empty())
                continue;
            out += "\n  # " + wrap(e.description, help_width + 24, "  # ") + "\n  " + command;
        }
    }
    return out.empty() ? out : "\n\nExamples:" + out;
}

/// The option names of request member `Member` of `Request`, for rule texts.
template <class Request, auto Member>
std::string option_of()
{
    return "--" + std::string(meta::field_of<Member, Request>().wire_name);
}

template <class Request, auto... Members>
std::string rule_text(meta::all_or_none<Members...>)
{
    std::string out;
    ((out += (out.empty() ? "" : ", ") + option_of<Request, Members>()), ...);
    return out + ": all or none";
}

template <class Request, auto Dependent, auto... Required>
std::string rule_text(meta::requires_members<Dependent, Required...>)
{
    std::string out = option_of<Request, Dependent>() + " needs";
    ((out += ' ' + option_of<Request, Required>()), ...);
    return out;
}

/// How the help names request member `X` of a pagination: its option, or for a member of
/// the body its path (`body.offset`).
template <class Request, auto X>
std::string page_option()
{
    if constexpr (std::is_member_object_pointer_v<decltype(X)>)
        return option_of<Request, X>();
    else
        return "`" + meta::member_at<X>::wire_path() + "`";
}

/// How the operation pages, for its help; empty when it does not.
template <class Op>
std::string pagination_text()
{
    using pagination = typename Op::pagination;
    if constexpr (!is_paginated_v<pagination>) {
        return {};
    } else {
        using request_type = typename Op::request_type;
        std::string out = "Pages: items in `";
        out += meta::member_at<pagination::items>::wire_path();
        if constexpr (pagination::kind == meta::pagination_kind::offset) {
            out += "`, addressed by " + page_option<request_type, pagination::offset>() + " and " +
                   page_option<request_type, pagination::limit>();
        } else if constexpr (pagination::kind == meta::pagination_kind::page) {
            out += "`, addressed by page number " + page_option<request_type, pagination::page>() + " (first page " +
                   std::to_string(pagination::first_page) + ") and page size " +
                   page_option<request_type, pagination::limit>();
        } else if constexpr (pagination::kind == meta::pagination_kind::marker) {
            out += "`; " + page_option<request_type, pagination::marker>() + " takes the `";
            out += meta::member_at<pagination::next_marker>::wire_path();
            out += "` of the previous page";
        } else {
            out += "`; " + page_option<request_type, pagination::marker>() + " takes the `";
            out += meta::member_at<pagination::item_marker>::wire_path();
            out += "` of the last item of the previous page";
        }
        return out + ". --all fetches every page.";
    }
}

/// The text after the options in an operation's help: the spec's description, the request
/// line, the pagination and the rules.
template <class Op>
std::string operation_footer()
{
    std::string out = wrap(description(meta::tag<Op>{}), help_width + 28);
    out += "\n\nRequest: ";
    out += meta::to_string(Op::method);
    out += ' ';
    out += Op::path;
    if (!Op::id.empty()) {
        out += " (SDK operation ";
        out += Op::id;
        out += ')';
    }
    if (const std::string pages = pagination_text<Op>(); !pages.empty())
        out += "\n" + wrap(pages, help_width + 28);
    boost::mp11::mp_for_each<typename Op::rules>([&](auto rule) {
        out += "\nRule: " + rule_text<typename Op::request_type>(rule);
    });
    for (const meta::field& f : wire_fields(meta::tag<typename Op::request_type>{})) {
        if (f.context_key == "project_id")
            out += "\nPath parameter " + std::string(f.wire_name) +
                   ": the project of the credentials, --project-id or $HUAWEICLOUD_SDK_PROJECT_ID";
    }
    out += "\nGlobal options (--region, --endpoint, credentials, --all, --output...): hwbind-cli --help";
    out += examples_text<Op>();
    return out;
}

/// Whether `member` is the page offset, page number or page size of `Op`'s pagination (a
/// string one must hold a non-negative integer).
template <class Op, class M>
bool is_page_member(M member)
{
    using pagination = typename Op::pagination;
    bool out = false;
    const auto same = [&](auto p) {
        if constexpr (std::is_same_v<std::remove_cv_t<decltype(p)>, M>)
            out = out || p == member;
    };
    if constexpr (meta::pagination_is<pagination, meta::pagination_kind::offset>())
        same(pagination::offset);
    if constexpr (meta::pagination_is<pagination, meta::pagination_kind::page>())
        same(pagination::page);
    if constexpr (meta::is_pagination_v<pagination>)
        same(pagination::limit);
    return out;
}

/// The operation's subcommand of `service`, recording in `selected` how to run it when the
/// command line names it.
template <class Op>
void add_operation(CLI::App& service, const CLI::App& root, settings& s, std::function<int()>& selected)
{
    using request_type = typename Op::request_type;
    using service_type = typename Op::service_type;
    auto request = std::make_shared<request_type>();
    const std::string name = kebab(Op::name);
    CLI::App* command = service.add_subcommand(name, std::string(Op::summary));
    // Also by the descriptor's own name (`list_jobs`) and the SDK's (`ListJobs`, KooCLI's
    // spelling); the root ignores case, so `listjobs` finds the latter.
    if (std::string(Op::name) != name)
        command->alias(std::string(Op::name));
    if (!Op::id.empty())
        command->alias(std::string(Op::id));
    command->footer(operation_footer<Op>());

    const auto fields = wire_fields(meta::tag<request_type>{});
    const auto descriptions = member_descriptions(meta::tag<request_type>{});
    std::size_t index = 0;
    boost::mp11::mp_for_each<meta::members_of<request_type>>([&](auto d) {
        // The project of the path is the credentials' (the client fills it from them and
        // signs it in X-Project-Id): the global --project-id sets both, so that they never
        // differ.
        // The body is --body (below), not a parameter.
        if constexpr (meta::field_of<decltype(d)::pointer>().in != meta::location::content) {
            if (fields[index].context_key != "project_id")
                add_parameter(*command, root, request, d.pointer, fields[index], descriptions[index],
                              is_page_member<Op>(d.pointer));
        }
        ++index;
    });

    // The body, as JSON text: decoded when the operation runs, so that a bad one is
    // reported as a request the spec rejects (exit 2), with the JSON path.
    auto body = std::make_shared<std::optional<std::string>>();
    auto form = std::make_shared<std::vector<form_assignment>>();
    if constexpr (meta::request_payload_v<Op> == meta::payload::multipart) {
        // A form: its parts one by one, files streamed from their paths when sent.
        using D = meta::content_member<request_type>;
        command
            ->add_option_function<std::vector<std::string>>(
                "--file",
                [form](const std::vector<std::string>& v) {
                    for (const std::string& a : v)
                        form->push_back({true, a});
                },
                wrap("A file part of the form: NAME=PATH, or NAME=PATH;type=MEDIA/TYPE (default "
                     "application/octet-stream); repeatable",
                     help_width))
            ->group("Parameters")
            ->type_name("NAME=PATH");
        command
            ->add_option_function<std::vector<std::string>>(
                "--form",
                [form](const std::vector<std::string>& v) {
                    for (const std::string& a : v)
                        form->push_back({false, a});
                },
                wrap("A text part of the form: NAME=VALUE; repeatable", help_width))
            ->group("Parameters")
            ->type_name("NAME=VALUE");
        command->footer(operation_footer<Op>() + "\n" +
                        wrap(form_help<meta::member_type<D>>(Op::request_content_type), help_width + 28));
    } else if constexpr (has_body_v<request_type>) {
        using D = meta::content_member<request_type>;
        // `--body`, unless a parameter has that name.
        const std::string option = command->get_option_no_throw("--body") == nullptr ? "--body" : "--request-body";
        CLI::Option* opt = command->add_option_function<std::string>(
            option, [body](const std::string& v) { *body = v; },
            wrap("The request body as JSON: the text itself, @file.json for a file's, or - for stdin's "
                 "(see below)",
                 help_width));
        opt->group("Parameters")->type_name("JSON|@FILE|-");
        if constexpr (!meta::is_optional_v<meta::member_type<D>>)
            opt->required();
        command->footer(operation_footer<Op>() + "\n" +
                        body_help<meta::member_type<D>>(option, Op::request_content_type, help_width + 28));
    }

    std::string label(service_type::name);
    label += ' ' + name;
    command->callback([&s, &selected, request, body, form, label] {
        selected = [&s, request, body, form, label] {
            try {
                if constexpr (meta::request_payload_v<Op> == meta::payload::multipart) {
                    const std::string why = fill_form((*request).*meta::content_member<request_type>::pointer, *form);
                    if (!why.empty()) {
                        std::cerr << "hwbind-cli: " << label << ": invalid request: " << printable(why)
                                  << "\n  see `hwbind-cli " << label << " --help`\n";
                        return static_cast<int>(exit_usage);
                    }
                } else if constexpr (has_body_v<request_type>) {
                    if (*body) {
                        std::string text, why;
                        if (read_body_argument(**body, text, why))
                            why = decode_body((*request).*meta::content_member<request_type>::pointer, text);
                        if (!why.empty()) {
                            std::cerr << "hwbind-cli: " << label << ": invalid request: " << printable(why)
                                      << "\n  see `hwbind-cli " << label << " --help`\n";
                            return static_cast<int>(exit_usage);
                        }
                    }
                }
                return invoke<Op>(s, label, *request);
            } catch (const boost::system::system_error& e) {
                // The client's constructor: a CA bundle or proxy that cannot be used.
                return static_cast<int>(report(label, e.code(), diagnostics()));
            }
        };
    });
}

/// The service's subcommand.
template <class Service>
void add_service(CLI::App& root, settings& s, std::function<int()>& selected)
{
    CLI::App* service = root.add_subcommand(std::string(Service::name), std::string(Service::title));
    service->require_subcommand(1);
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, typename Service::operations>>(
        [&](auto op) { add_operation<typename decltype(op)::type>(*service, root, s, selected); });

    std::string footer = "Operations:";
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, typename Service::operations>>(
        [&](auto op) {
            using op_type = typename decltype(op)::type;
            footer += "\n  " + kebab(op_type::name) + " (" + std::string(meta::to_string(op_type::method)) + ' ' +
                      std::string(op_type::path) + ")\n    ";
            footer += wrap(description(meta::tag<op_type>{}), help_width + 24, "    ");
        });
    footer += "\n\nEndpoints:";
    if (!Service::endpoint_template.empty())
        footer += "\n  any region: " + std::string(Service::endpoint_template);
    for (const meta::region_endpoint& e : Service::endpoints)
        footer += "\n  " + std::string(e.region) + ": " + std::string(e.url);
    footer += "\nRun `hwbind-cli " + std::string(Service::name) + " <operation> --help` for its parameters.";
    service->footer(footer);
}

/// The global options, usable before or after the subcommands.
inline void add_global_options(CLI::App& app, settings& s)
{
    const std::string group = "Global options";
    app.add_option("--region", s.region, "Region, e.g. cn-north-4: selects each service's endpoint")
        ->group(group)
        ->check(region_name());
    app.add_option("--endpoint", s.endpoint,
                   wrap("Base URL replacing every service's endpoint, http(s)://host[:port] (a mock server, "
                        "a private cloud)",
                        help_width))
        ->group(group)
        ->type_name("URL")
        ->check(CLI::Validator(
            [](std::string& url) -> std::string {
                endpoint parsed;
                if (parse_endpoint(url, parsed))
                    return "not an http(s)://host[:port] URL without a path: " + printable(url);
                return {};
            },
            "", "endpoint"));
    app.add_option("--ak", s.access_key, "Access key; default $HUAWEICLOUD_SDK_AK")->group(group);
    app.add_option("--sk", s.secret_key, "Secret key; default $HUAWEICLOUD_SDK_SK. Never shown")->group(group);
    app.add_option("--security-token", s.security_token,
                   wrap("Security token of temporary AK/SK credentials; default $HUAWEICLOUD_SDK_SECURITY_TOKEN",
                        help_width))
        ->group(group);
    app.add_option("--token", s.iam_token,
                   wrap("IAM token, sent in the operation's token header when no AK/SK is given", help_width))
        ->group(group);
    app.add_option("--project-id", s.project_id,
                   wrap("Project ID: the {project_id} of paths and the X-Project-Id header; default "
                        "$HUAWEICLOUD_SDK_PROJECT_ID. Also spelled --project_id",
                        help_width))
        ->group(group);
    // The path parameter's own spelling, which a user of the other parameters' wire names
    // types; the same option, but a conflicting pair of values is refused (see `run`).
    app.add_option("--project_id", s.project_id_wire)->group("");
    app.add_option("--timeout", s.timeout_seconds,
                   wrap("Deadline of each request, in seconds (above 0, at most 86400)", help_width))
        ->group(group)
        ->type_name("SECONDS")
        ->capture_default_str()
        ->check(seconds());
    app.add_flag("--all", s.all, "Follow pagination: every item of every page")->group(group);
    app.add_option("--pages-in-flight", s.pages_in_flight,
                   wrap("With --all, pages requested at once once the total is known (offset and page "
                        "numbers; marker pages: the next page while the current one is printed); default 1",
                        help_width))
        ->group(group)
        ->type_name("K")
        ->check(decimal_integer<unsigned>(1, 64));
    CLI::Option* output = app.add_option("--output", s.output,
                   wrap("Output format; default: table on a terminal, json otherwise. json: the response, an "
                        "object (with --all: the same object, its items member holding every page's items); "
                        "jsonl: one item per line; tsv, csv: the table's columns, tab- or comma-separated, "
                        "with a header line",
                        help_width))
        ->group(group)
        ->check(CLI::IsMember(std::vector<std::string>(std::begin(output_formats), std::end(output_formats))));
    option_choices()[output] = std::vector<std::string>(std::begin(output_formats), std::end(output_formats));
    app.add_option("--profile", s.profile,
                   wrap("Profile of ~/.hwbind/config (or $HWBIND_CONFIG_FILE) to use; default $HWBIND_PROFILE, "
                        "else default",
                        help_width))
        ->group(group)
        ->type_name("NAME");
    app.add_flag("--no-progress", s.no_progress,
                 "No page counter (--all) or download progress bar on stderr")->group(group);
    app.add_option("--output-file", s.output_file,
                   wrap("Where the body of an operation that downloads a file goes: PATH (written under a "
                        "temporary name, renamed when whole), or - for stdout (never to a terminal); a JSON "
                        "summary of a download to PATH is printed",
                        help_width))
        ->group(group)
        ->type_name("PATH");
    app.add_option("--connect-timeout", s.connect_timeout_seconds,
                   wrap("Longest a new connection may take (resolution, TCP, proxy, TLS), in seconds; "
                        "default 10, at most --timeout",
                        help_width))
        ->group(group)
        ->type_name("SECONDS")
        ->check(seconds());
    app.add_option("--retries", s.retries,
                   wrap("Attempts after the first, for idempotent requests that fail in a way a retry can "
                        "fix (connection errors, 429, 502, 503, 504); default 2",
                        help_width))
        ->group(group)
        ->type_name("N")
        ->check(decimal_integer<unsigned>(0, 10));
    app.add_option("--ca-bundle", s.ca_bundle,
                   wrap("PEM file of the CA certificates to trust instead of the system's", help_width))
        ->group(group)
        ->type_name("FILE")
        ->check(CLI::ExistingFile);
    app.add_flag("--insecure", s.insecure,
                 wrap("DANGEROUS: do not verify TLS certificates or host names (a warning is printed)",
                      help_width))
        ->group(group);
    app.add_flag("--lenient", s.lenient,
                 wrap("Leave out response values of the wrong type, with a warning on stderr each, instead "
                      "of failing",
                      help_width))
        ->group(group);
    app.add_flag("--debug", s.debug,
                 wrap("On stderr: the request as sent (credentials and signature redacted), then each "
                      "attempt's outcome and time",
                      help_width))
        ->group(group);
    app.add_option("--query", s.query,
                   wrap("jq program applied to the JSON output (libjq): to the response; with --all or "
                        "--output jsonl, to each item. One result per line, or with --all --output json in "
                        "the items array",
                        help_width))
        ->group(group)
        ->type_name("JQ");
    app.add_flag("--dry-run", s.dry_run,
                 wrap("Print the request that would be sent (credentials and signature redacted) and send "
                      "nothing; exit 0 when it could be sent",
                      help_width))
        ->group(group);
    app.add_option("--columns", s.columns,
                   wrap("Table columns, by the items' wire names (a,b,c); default: the first 6 scalar members",
                        help_width))
        ->group(group)
        ->delimiter(',')
        ->type_name("NAMES");
}

/// The text after the options in the top-level help.
template <class Services>
std::string root_footer()
{
    // The examples use the first operation of the first service.
    using first_service = boost::mp11::mp_front<Services>;
    using first_op = boost::mp11::mp_front<typename first_service::operations>;
    const std::string example = "\n  hwbind-cli " + std::string(first_service::name) + ' ' + kebab(first_op::name);

    std::string out = "Services and their operations:";
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, Services>>([&](auto service) {
        using service_type = typename decltype(service)::type;
        out += "\n\n  " + std::string(service_type::name) + ": " + std::string(service_type::title);
        boost::mp11::mp_for_each<
            boost::mp11::mp_transform<boost::mp11::mp_identity, typename service_type::operations>>([&](auto op) {
            using op_type = typename decltype(op)::type;
            std::string command = kebab(op_type::name);
            // Aligned with CLI11's 30-column option names above.
            command.resize(std::max<std::size_t>(command.size() + 2, 26), ' ');
            out += "\n    " + command + std::string(op_type::summary);
        });
    });
    out += R"(

Exit status:
  0  success
  1  any other failure, output that cannot be written among them
  2  usage error, or a request the spec rejects (nothing was sent)
  3  the service answered with an error status (shown: status, error_code, error_msg, request id)
  4  transport error: connection, name resolution, TLS, proxy, deadline
  5  a response that does not decode as the spec says

Each setting comes from the first of: the command line; the environment
(HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_SECURITY_TOKEN,
HUAWEICLOUD_SDK_PROJECT_ID, HUAWEICLOUD_SDK_REGION); the profile of ~/.hwbind/config chosen by
--profile or HWBIND_PROFILE (else [default]; `hwbind-cli configure` writes it); the SDKs'
~/.huaweicloud/credentials and regions.yaml. The proxy comes from HTTPS_PROXY, HTTP_PROXY and
NO_PROXY.

Examples:)";
    out += example + " --region cn-north-4 --all";
    out += example + " --endpoint http://127.0.0.1:8080 --output jsonl";
    out += example + " --help";
    return out;
}

/// Reads the profile of the configuration file into `s.config` and takes its settings that
/// the command line did not give (the others are merged into the client's options by
/// `make_client_options`). Returns the exit status.
inline int apply_profile(settings& s)
{
    if (std::string error = load_profile(s.profile, s.config); !error.empty()) {
        std::cerr << "hwbind-cli: " << error << '\n';
        return exit_usage;
    }
    const profile& p = s.config;
    const auto bad = [&p](std::string_view key, const std::string& why) {
        std::cerr << "hwbind-cli: profile " << printable(p.name) << ": " << key << ": " << why << '\n';
        return static_cast<int>(exit_usage);
    };
    if (!p.region.empty()) {
        std::string region = p.region;
        if (std::string error = region_name()(region); !error.empty())
            return bad("region", error);
    }
    if (!p.output.empty() &&
        std::find(std::begin(output_formats), std::end(output_formats), p.output) == std::end(output_formats))
        return bad("output", printable(p.output) + " is not an output format");
    std::vector<std::string> urls{p.endpoint};
    for (const auto& e : p.service_endpoints)
        urls.push_back(e.second);
    for (const std::string& url : urls) {
        endpoint parsed;
        if (!url.empty() && parse_endpoint(url, parsed))
            return bad("endpoint", "not an http(s)://host[:port] URL without a path: " + printable(url));
    }
    if (s.output.empty())
        s.output = p.output;
    if (s.ca_bundle.empty())
        s.ca_bundle = p.ca_bundle;
    return exit_ok;
}

/// The names `command` answers to: its name and aliases.
inline std::vector<std::string> names_of(const CLI::App& command)
{
    std::vector<std::string> out{command.get_name()};
    const auto& aliases = command.get_aliases();
    out.insert(out.end(), aliases.begin(), aliases.end());
    return out;
}

/// When the command line names no known service or operation, says so with the names close
/// to what was typed (CLI11 only says that a subcommand is required) and returns true.
inline bool report_unknown_name(const CLI::App& app)
{
    const std::vector<std::string> words = app.remaining();
    const auto chosen = app.get_subcommands();
    if (words.empty() || words.front().rfind("-", 0) == 0)
        return false;
    const std::string& typed = words.front();
    std::vector<std::string> close;
    std::string message;
    std::string see = "hwbind-cli --help";
    if (chosen.empty()) {
        message = "no service " + printable(truncate(typed, 64));
        std::vector<std::string> services;
        for (const CLI::App* service : app.get_subcommands({}))
            services.push_back(service->get_name());
        close = close_names(typed, services);
        // `hwbind-cli list-jobs`: an operation without its service.
        for (const CLI::App* service : app.get_subcommands({})) {
            for (const CLI::App* op : service->get_subcommands({})) {
                if (!close_names(typed, names_of(*op)).empty())
                    close.push_back(service->get_name() + ' ' + op->get_name());
            }
        }
    } else if (chosen.front()->get_subcommands().empty()) {
        const CLI::App& service = *chosen.front();
        message = service.get_name() + " has no operation " + printable(truncate(typed, 64));
        see = "hwbind-cli " + service.get_name() + " --help";
        for (const CLI::App* op : service.get_subcommands({})) {
            if (!close_names(typed, names_of(*op)).empty())
                close.push_back(op->get_name());
        }
    } else {
        return false;
    }
    std::cerr << "hwbind-cli: " << message;
    if (!close.empty()) {
        std::cerr << "; did you mean";
        for (std::size_t i = 0; i < close.size(); ++i)
            std::cerr << (i == 0 ? " " : i + 1 == close.size() ? " or " : ", ") << close[i];
        std::cerr << '?';
    }
    std::cerr << "\n  see `" << see << "`\n";
    return true;
}

/// Parses the command line and runs the operation it names, among those of `Services`, a
/// type list of generated service descriptors. Returns the exit status.
template <class Services>
int run(int argc, const char* const* argv)
{
    CLI::App app("Calls the Huawei Cloud operations described by the hwbind spec.", "hwbind-cli");
    // Set before the subcommands are added: they inherit these.
    app.fallthrough();
    app.require_subcommand(1);
    // Service and operation names in any case: `HSS ListJobs`, as KooCLI spells them.
    app.ignore_case();
    // An option given twice takes its last value, as shells' aliases and scripts expect.
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    app.failure_message([](const CLI::App* root, const CLI::Error& e) {
        // Point at the help of the command that failed, not just the top level's.
        std::string command = root->get_name();
        for (const CLI::App* a = root; !a->get_subcommands().empty(); a = a->get_subcommands().front())
            command += ' ' + a->get_subcommands().front()->get_name();
        return "hwbind-cli: " + std::string(e.what()) + "\n  see `" + command + " --help`\n";
    });
    app.set_version_flag("--version", std::string("hwbind-cli ") + HWBIND_CLI_VERSION,
                         "Print the version of hwbind-cli and exit");
    settings s;
    std::function<int()> selected;
    add_global_options(app, s);
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, Services>>(
        [&](auto service) { add_service<typename decltype(service)::type>(app, s, selected); });
    app.footer(root_footer<Services>());
    bool without_profile = false;
    std::string shell;
    CLI::App* completion = app.add_subcommand(
        "completion", wrap("Print the shell completion script of bash or zsh: source <(hwbind-cli completion bash)",
                           help_width));
    completion->add_option("shell", shell, "bash or zsh")->required()->check(CLI::IsMember({"bash", "zsh"}));
    completion->callback([&] {
        without_profile = true; // a script needs no profile
        selected = [&app, &shell] {
            std::cout << completion_script(app, shell) << std::flush;
            return static_cast<int>(exit_ok);
        };
    });
    app.add_subcommand("configure",
                       wrap("Write a profile of ~/.hwbind/config: --profile NAME (default: default) and the "
                            "values given as options (--ak, --project-id, --region, --endpoint, --output, "
                            "--ca-bundle); on a terminal, asks for the others, the secret key without echo; "
                            "otherwise reads the secret key from stdin",
                            help_width))
        ->callback([&] {
            without_profile = true;
            selected = [&s] { return configure(s); };
        });

    int status = exit_ok;
    try {
        app.parse(argc, argv);
        if (!s.project_id_wire.empty()) {
            if (!s.project_id.empty() && s.project_id != s.project_id_wire) {
                std::cerr << "hwbind-cli: --project-id and --project_id name the same project, given twice with "
                             "different values\n";
                return exit_usage;
            }
            s.project_id = s.project_id_wire;
        }
        if (!without_profile)
            status = apply_profile(s);
        if (status == exit_ok)
            status = selected();
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() != 0 && report_unknown_name(app))
            return exit_usage;
        status = app.exit(e) == 0 ? exit_ok : exit_usage; // --help prints to stdout
    } catch (const std::exception& e) {
        std::cerr << "hwbind-cli: " << printable(e.what()) << '\n';
        status = exit_other;
    }
    if (!output_ok()) {
        const int error = errno;
        std::cerr << "hwbind-cli: cannot write the output"
                  << (error != 0 ? ": " + std::generic_category().message(error) : std::string()) << '\n';
        return status == exit_ok ? exit_other : status;
    }
    return status;
}

} // namespace hwbind::cli

#endif // HWBIND_TOOLS_CLI_COMMAND_LINE_HPP

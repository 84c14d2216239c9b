// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_TOOLS_CLI_BODY_HPP
#define HWBIND_TOOLS_CLI_BODY_HPP

/// \file
/// The request body of the command-line tool: `--body` read as JSON text, from the argument,
/// a file (`@file.json`) or stdin (`-`), decoded into the request's body member with the
/// library's decoder (messages with the JSON path, `body.name: expected string, got number`),
/// and the short description of the body's type shown in help. Nothing here knows any service.

#include "text.hpp"

#include <hwbind/meta.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>

#include <boost/mp11/algorithm.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>

namespace hwbind::cli {

/// Whether request type `Request` has a body member (field `meta::content()`).
template <class Request>
inline constexpr bool has_body_v = meta::index_of_location<Request>(meta::location::content) != meta::npos;

/// The JSON text `--body` gives: `@path` the file's content, `-` stdin's, anything else the
/// text itself. False, with why in `why`, when the file or stdin cannot be read.
inline bool read_body_argument(const std::string& argument, std::string& out, std::string& why)
{
    if (argument == "-") {
        std::ostringstream text;
        text << std::cin.rdbuf();
        if (std::cin.bad()) {
            why = "cannot read the body from stdin";
            return false;
        }
        out = text.str();
        return true;
    }
    if (!argument.empty() && argument.front() == '@') {
        const std::string path = argument.substr(1);
        std::ifstream file(path, std::ios::binary);
        if (!file) {
            why = "cannot read " + printable(path) + ": " + std::strerror(errno);
            return false;
        }
        out.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
        if (file.bad()) {
            why = "cannot read " + printable(path);
            return false;
        }
        return true;
    }
    out = argument;
    return true;
}

/// Decodes the JSON `text` into body member `target` (a `T` or `std::optional<T>`). Returns
/// why it cannot, with the JSON path as validation words it (`body.tags: expected array, got
/// string`), or an empty string.
template <class M>
std::string decode_body(M& target, std::string_view text)
{
    diagnostics diag;
    boost::system::error_code ec;
    if constexpr (meta::is_optional_v<M>)
        ec = hwbind::decode(text, target.emplace(), diag);
    else
        ec = hwbind::decode(text, target, diag);
    if (!ec)
        return {};
    const std::string why = diag.message().empty() ? ec.message() : diag.message();
    // A message with a path (`name: ...`) continues the body's path; one without (`invalid
    // JSON: ...`) follows it.
    const bool has_path = why.find(": ") != std::string::npos && why.rfind("invalid JSON", 0) != 0 &&
                          why.rfind("expected ", 0) != 0;
    return std::string(has_path ? "body." : "body: ") + why;
}

/// A short name of JSON type `T` for help: `string`, `integer`, `boolean`, `number`, the
/// wire values of an enumeration (`HIGH|MEDIUM|LOW`), `array of ...`, `map of ...`,
/// `object`, `any JSON`.
template <class T>
std::string type_text()
{
    if constexpr (meta::is_optional_v<T>) {
        return type_text<typename T::value_type>();
    } else if constexpr (std::is_same_v<T, std::string>) {
        return "string";
    } else if constexpr (std::is_same_v<T, bool>) {
        return "boolean";
    } else if constexpr (std::is_integral_v<T>) {
        return "integer";
    } else if constexpr (std::is_floating_point_v<T>) {
        return "number";
    } else if constexpr (meta::is_open_enum<T>::value) {
        std::string out;
        for (const auto& e : meta::enum_table<typename T::enum_type>)
            out += (out.empty() ? "" : "|") + std::string(e.wire);
        return out;
    } else if constexpr (meta::is_vector_v<T>) {
        return "array of " + type_text<typename T::value_type>();
    } else if constexpr (meta::is_map_v<T>) {
        return "map of " + type_text<typename T::mapped_type>();
    } else if constexpr (meta::is_model_v<T>) {
        return "object";
    } else {
        return "any JSON";
    }
}

/// The help text of a body of type `M` (the body member's type) sent as `content_type`: how
/// to pass it, and its type; for an object, its members by wire name with their types, the
/// required ones marked.
template <class M>
std::string body_help(std::string_view option, std::string_view content_type, std::size_t width)
{
    using T = std::conditional_t<meta::is_optional_v<M>, typename M::value_type, M>;
    std::string out = "Body (";
    out += content_type;
    out += meta::is_optional_v<M> ? ", optional" : ", REQUIRED";
    out += "): ";
    out += option;
    out += " '<JSON>', ";
    out += option;
    out += " @file.json, or ";
    out += option;
    out += " - (stdin); checked against the spec before sending. Type: ";
    if constexpr (meta::is_model_v<T>) {
        out += "object with";
        std::string members;
        std::size_t index = 0;
        const auto fields = meta::fields_of<T>();
        boost::mp11::mp_for_each<meta::members_of<T>>([&](auto d) {
            using member = meta::member_type<decltype(d)>;
            const meta::field& f = fields[index++];
            members += (members.empty() ? " " : ", ");
            members += f.wire_name;
            members += " (" + type_text<member>();
            if (f.is_required)
                members += ", required";
            members += ')';
        });
        out += members.empty() ? " no members" : members;
    } else {
        out += type_text<T>();
    }
    return wrap(out, width);
}

} // namespace hwbind::cli

#endif // HWBIND_TOOLS_CLI_BODY_HPP

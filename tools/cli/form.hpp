// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_TOOLS_CLI_FORM_HPP
#define HWBIND_TOOLS_CLI_FORM_HPP

/// \file
/// The request body of a `multipart/form-data` operation on the command line: `--file
/// name=path[;type=media/type]` for each file part (streamed from the file when sent) and
/// `--form name=value` for each text part, assigned to the form model's members by wire name.
/// Nothing here knows any service.

#include "body.hpp"
#include "text.hpp"

#include <hwbind/meta.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/detail/parameter_values.hpp>

#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace hwbind::cli {

/// One `--file` or `--form` argument: `name=value`.
struct form_assignment {
    bool file = false; ///< given with `--file`
    std::string argument;
};

namespace detail {

/// `text` read as a value of text part type `T`; false when it is not one.
template <class T>
bool form_value(std::string_view text, T& out)
{
    if constexpr (std::is_same_v<T, std::string>) {
        out.assign(text.data(), text.size());
        return true;
    } else if constexpr (meta::is_open_enum<T>::value) {
        out = T::from_wire(text);
        return true;
    } else if constexpr (std::is_same_v<T, bool>) {
        out = text == "true";
        return out || text == "false";
    } else {
        static_assert(std::is_arithmetic_v<T>, "a text part is a string, enumeration, bool or number");
        const auto r = std::from_chars(text.data(), text.data() + text.size(), out);
        return !text.empty() && r.ec == std::errc() && r.ptr == text.data() + text.size();
    }
}

} // namespace detail

/// Assigns `given` to the members of form model `M` (the body member's type, possibly
/// optional): a `--file name=path[;type=media/type]` to a file member (`file_part::from_path`,
/// `application/octet-stream` unless a type is given), a `--form name=value` to any other.
/// Returns why it cannot (an unknown part, a file for a text part, a value of the wrong type),
/// or an empty string.
template <class M>
std::string fill_form(M& target, const std::vector<form_assignment>& given)
{
    if constexpr (meta::is_optional_v<M>) {
        if (given.empty())
            return {};
        return fill_form(target.emplace(), given);
    } else {
        for (const form_assignment& a : given) {
            const std::size_t equals = a.argument.find('=');
            const std::string option = a.file ? "--file" : "--form";
            if (equals == std::string::npos || equals == 0)
                return option + " " + printable(a.argument) + ": expected name=" + (a.file ? "path" : "value");
            const std::string_view name = std::string_view(a.argument).substr(0, equals);
            std::string_view value = std::string_view(a.argument).substr(equals + 1);
            std::string why;
            bool found = false;
            std::string parts;
            boost::mp11::mp_for_each<meta::members_of<M>>([&](auto d) {
                constexpr meta::field f = meta::field_of<decltype(d)::pointer>();
                using V = typename hwbind::detail::parameter_traits<meta::member_type<decltype(d)>>::value_type;
                constexpr bool is_file = std::is_same_v<V, meta::file_part>;
                parts += (parts.empty() ? "" : ", ") + std::string(f.wire_name) + (is_file ? " (--file)" : " (--form)");
                if (found || f.wire_name != name)
                    return;
                found = true;
                auto& member = target.*decltype(d)::pointer;
                if (is_file != a.file) {
                    why = "body." + std::string(name) + ": a " + (is_file ? "file part: give it with --file"
                                                                          : "text part: give it with --form");
                } else if constexpr (is_file) {
                    std::string type = "application/octet-stream";
                    if (const std::size_t at = value.rfind(";type="); at != std::string_view::npos) {
                        type = std::string(value.substr(at + 6));
                        value = value.substr(0, at);
                    }
                    member = meta::file_part::from_path(std::string(value), std::move(type));
                } else {
                    V parsed{};
                    if (detail::form_value(value, parsed))
                        member = std::move(parsed);
                    else
                        why = "body." + std::string(name) + ": " + printable(std::string(value)) + " is not " +
                              type_text<V>();
                }
            });
            if (!found)
                return "body: the form has no part " + printable(std::string(name)) + " (its parts: " + parts + ")";
            if (!why.empty())
                return why;
        }
        return {};
    }
}

/// The help text of a form of type `M` (the body member's type) sent as `content_type`: how
/// to pass its parts, and each part by wire name with its type, the required ones marked.
template <class M>
std::string form_help(std::string_view content_type)
{
    using T = typename hwbind::detail::parameter_traits<M>::value_type;
    std::string out = "Body (";
    out += content_type;
    out += meta::is_optional_v<M> ? ", optional" : ", REQUIRED";
    out += "): --file NAME=PATH[;type=MEDIA/TYPE] for a file (streamed from PATH), --form NAME=VALUE for a text "
           "part. Parts: ";
    bool first = true;
    boost::mp11::mp_for_each<meta::members_of<T>>([&](auto d) {
        constexpr meta::field f = meta::field_of<decltype(d)::pointer>();
        using V = typename hwbind::detail::parameter_traits<meta::member_type<decltype(d)>>::value_type;
        out += first ? "" : ", ";
        first = false;
        out.append(f.wire_name);
        out += std::is_same_v<V, meta::file_part> ? " (file" : " (" + type_text<V>();
        out += f.is_required ? ", required)" : ")";
    });
    return out;
}

} // namespace hwbind::cli

#endif // HWBIND_TOOLS_CLI_FORM_HPP

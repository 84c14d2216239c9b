// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_MOCK_REQUEST_PARSING_HPP
#define HWBIND_MOCK_REQUEST_PARSING_HPP

/// \file
/// The server's side of `prepare_request`: a received request read back into a generated
/// request struct, generically, by the wire names and locations of its field table.

#include <hwbind/mock/multipart_parsing.hpp>
#include <hwbind/meta/field.hpp>
#include <hwbind/meta/open_enum.hpp>
#include <hwbind/mock/routing.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/detail/parameter_values.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>
#include <hwbind/runtime/codec/request.hpp>

#include <boost/container/small_vector.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace hwbind::mock::detail {

/// The number of described members of `T`.
template <class T>
inline constexpr std::size_t member_count = boost::mp11::mp_size<meta::members_of<T>>::value;

/// Which members of request type `Request` a received request gave.
template <class Request>
using presence = std::array<bool, member_count<Request>>;

/// Reads one value of type `E` from `text` into `out`; on failure appends to `msg` why.
template <class E>
bool parse_value(std::string_view text, meta::location in, E& out, std::string& msg)
{
    if constexpr (std::is_same_v<E, std::string>) {
        out.assign(text.data(), text.size());
        return true;
    } else if constexpr (std::is_same_v<E, bool>) {
        out = text == "true";
        if (out || text == "false")
            return true;
        hwbind::detail::append_shown_value(msg, in, text);
        msg += " is not true or false";
        return false;
    } else if constexpr (meta::is_wire_integer_v<E> || std::is_same_v<E, double>) {
        const auto r = std::from_chars(text.data(), text.data() + text.size(), out);
        if (!text.empty() && r.ec == std::errc() && r.ptr == text.data() + text.size())
            return true;
        hwbind::detail::append_shown_value(msg, in, text);
        if constexpr (std::is_same_v<E, double>) {
            msg += " is not a number";
        } else {
            msg += " is not an integer from ";
            msg += std::to_string(std::numeric_limits<E>::min());
            msg += " to ";
            msg += std::to_string(std::numeric_limits<E>::max());
        }
        return false;
    } else {
        static_assert(meta::is_open_enum<E>::value,
                      "a request parameter is a string, integer, bool, double, enumeration or an array of these");
        // Kept even when undocumented: validation refuses it with the documented values listed.
        out = E::from_wire(text);
        return true;
    }
}

/// Decodes the JSON `body` of a request into its `content` member `target`; an empty or blank
/// body leaves an optional member unset. Returns why it cannot, as validation words it
/// (`body.name: expected string, got number`), or an empty string.
template <class M>
std::string parse_body(M& target, std::string_view body)
{
    if (hwbind::detail::is_blank(body)) {
        target = M();
        return {};
    }
    diagnostics diag;
    boost::system::error_code ec;
    if constexpr (meta::is_optional_v<M>)
        ec = hwbind::decode(body, target.emplace(), diag);
    else
        ec = hwbind::decode(body, target, diag);
    if (!ec)
        return {};
    const std::string& why = diag.message();
    // A message with a path (`name: ...`) continues the body's path; one without (`invalid
    // JSON: ...`) follows it.
    const bool has_path = !why.empty() && why.find(": ") != std::string::npos && why.rfind("invalid JSON", 0) != 0;
    return std::string(has_path ? "body." : "body: ") + why;
}

/// Reads the received `form` into the form model `target` (`form` is well-formed): a file part
/// into a `meta::file_part` in memory (the bytes kept of it: all of a small upload), a text part
/// into its member's type. A part the model lacks is ignored, as unknown JSON members are; a
/// required one missing is refused.
template <class M>
std::string parse_form(M& target, const received_form& form)
{
    if constexpr (meta::is_optional_v<M>) {
        if (form.parts.empty()) {
            target.reset();
            return {};
        }
        return parse_form(target.emplace(), form);
    } else {
        std::string msg;
        boost::mp11::mp_for_each<boost::mp11::mp_iota_c<member_count<M>>>([&](auto i) {
            constexpr meta::field f = meta::fields_of<M>()[decltype(i)::value];
            using descriptor = boost::mp11::mp_at_c<meta::members_of<M>, decltype(i)::value>;
            using member = meta::member_type<descriptor>;
            using value_type = typename hwbind::detail::parameter_traits<member>::value_type;
            const received_part* part = form.find(f.wire_name);
            if (!msg.empty())
                return;
            if (part == nullptr) {
                if (f.is_required)
                    msg = "body." + std::string(f.wire_name) + ": required part not sent";
                return;
            }
            auto& out = target.*descriptor::pointer;
            if constexpr (std::is_same_v<value_type, meta::file_part>) {
                if (!part->file_name) {
                    msg = "body." + std::string(f.wire_name) + ": a text part where a file is expected (no filename)";
                    return;
                }
                out = meta::file_part::from_bytes(*part->file_name, part->content, part->content_type);
            } else {
                value_type value{};
                std::string why;
                if (!parse_value(part->content, meta::location::content, value, why)) {
                    msg = "body." + std::string(f.wire_name) + ": " + why;
                    return;
                }
                out = std::move(value);
            }
        });
        return msg;
    }
}

/// The texts member `f` received: every value of its query key, its path parameter, or its
/// header.
inline boost::container::small_vector<std::string_view, 2> received_texts(const meta::field& f,
                                                                        const std::vector<query_pair>& query,
                                                                        const path_values& path,
                                                                        const header_list& headers)
{
    boost::container::small_vector<std::string_view, 2> out;
    switch (f.in) {
    case meta::location::query:
        for (const query_pair& p : query) {
            if (p.key == f.wire_name)
                out.push_back(p.value);
        }
        break;
    case meta::location::path:
        for (const named_value& p : path) {
            if (p.name == f.wire_name)
                out.push_back(p.value);
        }
        break;
    case meta::location::header:
        if (const header_field* h = headers.find(f.wire_name))
            out.push_back(h->value);
        break;
    case meta::location::body:
    case meta::location::content: // the body is read by parse_request
        break;
    }
    return out;
}

/// Reads parameter `f`, a member of type `M`, from the query, the path or the headers into
/// `target`, and whether it was given into `given`; on failure sets `msg`.
template <class M>
void parse_parameter(M& target, const meta::field& f, bool& given, const std::vector<query_pair>& query,
                     const path_values& path, const header_list& headers, std::string& msg)
{
    using member = M;
    using element = hwbind::detail::parameter_element<member>;

    const auto texts = received_texts(f, query, path, headers);
    given = !texts.empty();
    // The message prefix `name: ` or `name[k]: `, as validation writes it.
    const auto fail = [&](std::size_t k = hwbind::detail::no_index) -> std::string& {
        hwbind::detail::append_parameter_name(msg, f.wire_name, k);
        msg += ": ";
        return msg;
    };
    if (texts.empty()) {
        if constexpr (meta::is_optional<member>::value || meta::is_vector<member>::value)
            target = member();
        else
            fail() += "required parameter not set";
        return;
    }
    if constexpr (meta::is_vector<typename hwbind::detail::parameter_traits<member>::value_type>::value) {
        std::vector<element> values;
        for (std::size_t k = 0; k < texts.size(); ++k) {
            element value{};
            std::string why;
            if (!parse_value(texts[k], f.in, value, why)) {
                fail(k) += why;
                return;
            }
            values.push_back(std::move(value));
        }
        target = std::move(values);
    } else {
        if (texts.size() > 1) {
            fail() += "given " + std::to_string(texts.size()) + " times, expected once";
            return;
        }
        element value{};
        std::string why;
        if (!parse_value(texts.front(), f.in, value, why)) {
            fail() += why;
            return;
        }
        target = std::move(value);
    }
}

/// Reads the parameters of a received request into `out`, by the field table of `Request`:
/// query values by key (arrays from repeated keys), path parameters from `path`, header
/// parameters from `headers`, and the body (JSON, decoded into the `content` member; an
/// empty or blank body leaves it unset). A member the request does not give is left unset (whatever
/// its default member initializer says) and marked absent in `given`. Keys the table does not
/// name are ignored, as services ignore them.
///
/// \returns an empty string, or why the request cannot be read, in the form of the
/// validation messages (`limit: "ten" is not an integer from ...`); a header value is never
/// shown.
template <class Request, bool Form = false>
std::string parse_request(Request& out, presence<Request>& given, const std::vector<query_pair>& query,
                          const path_values& path, const header_list& headers, std::string_view body,
                          const received_form* form = nullptr)
{
    std::string msg;
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<member_count<Request>>>([&](auto i) {
        constexpr std::size_t index = decltype(i)::value;
        using descriptor = boost::mp11::mp_at_c<meta::members_of<Request>, index>;
        constexpr meta::field f = meta::fields_of<Request>()[index];
        if (!msg.empty())
            return;
        if constexpr (f.in == meta::location::content && Form) {
            msg = parse_form(out.*descriptor::pointer, *form);
            given[index] = !form->parts.empty();
        } else if constexpr (f.in == meta::location::content) {
            msg = parse_body(out.*descriptor::pointer, body);
            given[index] = !hwbind::detail::is_blank(body);
        } else {
            parse_parameter(out.*descriptor::pointer, f, given[index], query, path, headers, msg);
        }
    });
    return msg;
}


} // namespace hwbind::mock::detail

#endif // HWBIND_MOCK_REQUEST_PARSING_HPP

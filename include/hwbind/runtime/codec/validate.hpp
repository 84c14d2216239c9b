// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_VALIDATE_HPP
#define HWBIND_RUNTIME_CODEC_VALIDATE_HPP

/// \file
/// Client-side validation of a request against its operation's descriptor, before any I/O:
/// the constraints of each parameter's `meta::field` and the operation's cross-parameter
/// `rules`. Generic: it walks the described members of the request and knows no service.

#include <hwbind/meta/any_value.hpp>
#include <hwbind/meta/loose_time.hpp>
#include <hwbind/meta/file_part.hpp>
#include <hwbind/meta/field.hpp>
#include <hwbind/meta/open_enum.hpp>
#include <hwbind/meta/operation.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/detail/parameter_values.hpp>
#include <hwbind/runtime/codec/detail/pattern.hpp>
#include <hwbind/runtime/codec/request_context.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/container/small_vector.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>
#include <boost/system/error_code.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace hwbind {

namespace detail {

/// The compiled `pattern` of member `I` of `T`, compiled once, on first use, and kept.
template <class T, std::size_t I>
const compiled_pattern& parameter_pattern()
{
    constexpr meta::field f = meta::fields_of<T>()[I];
    static_assert(is_supported_pattern(f.pattern),
                  "the pattern is outside the regular expression subset of runtime/detail/pattern.hpp");
    static const compiled_pattern pattern(f.pattern);
    return pattern;
}

/// Number of UTF-8 code points in `s`: the bytes that do not continue a sequence.
inline std::size_t code_points(std::string_view s) noexcept
{
    std::size_t n = 0;
    for (const char c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

inline boost::system::error_code fail(error e, diagnostics& diag, std::string message)
{
    diag.set_message(std::move(message));
    return make_error_code(e);
}

/// The message prefix `name: ` or `name[index]: `.
inline std::string message_for(std::string_view name, std::size_t index)
{
    std::string msg;
    append_parameter_name(msg, name, index);
    msg += ": ";
    return msg;
}

/// Checks one string value of member `I` of `T` against its field. Messages start with
/// `name` (and `[index]` for an element of an array parameter).
template <class T, std::size_t I>
boost::system::error_code check_string(std::string_view value, std::string_view name, std::size_t index,
                                       diagnostics& diag)
{
    constexpr meta::field f = meta::fields_of<T>()[I];

    if constexpr (f.in == meta::location::header) {
        // CR or LF would end the header line and start another (header injection); NUL is
        // refused by HTTP parsers. The URL parts need no such check: their values are
        // percent-encoded, so these bytes travel as %0D, %0A and %00.
        const std::size_t bad = value.find_first_of(std::string_view("\r\n\0", 3));
        if (bad != std::string_view::npos) {
            const char c = value[bad];
            std::string msg = message_for(name, index);
            msg += "the header value contains ";
            msg += c == '\r' ? "CR" : c == '\n' ? "LF" : "NUL";
            msg += " at offset ";
            msg += std::to_string(bad);
            msg += " (CR, LF and NUL are not allowed in header values)";
            return fail(error::invalid_header_value, diag, std::move(msg));
        }
    }
    if constexpr (f.in == meta::location::path) {
        // Encoded or not, these still change the path: "" removes a segment, "." and ".."
        // are dot-segments that clients, proxies and servers resolve away (RFC 3986 §5.2.4).
        if (value.empty() || value == "." || value == "..") {
            std::string msg = message_for(name, index);
            append_quoted(msg, value);
            msg += " cannot be a path segment (empty, \".\" and \"..\" change the path even when encoded)";
            return fail(error::invalid_path_segment, diag, std::move(msg));
        }
    }
    if constexpr (f.min_length.has_value() || f.max_length.has_value()) {
        const std::size_t n = code_points(value);
        const bool too_short = f.min_length && n < *f.min_length;
        const bool too_long = f.max_length && n > *f.max_length;
        if (too_short || too_long) {
            std::string msg = message_for(name, index);
            append_shown_value(msg, f.in, value);
            msg += " has ";
            msg += std::to_string(n);
            msg += n == 1 ? " character, " : " characters, ";
            msg += too_short ? "fewer than the minimum length " : "more than the maximum length ";
            msg += std::to_string(too_short ? *f.min_length : *f.max_length);
            return fail(error::bad_length, diag, std::move(msg));
        }
    }
    if constexpr (!f.pattern.empty()) {
        if (!parameter_pattern<T, I>().matches(value)) {
            std::string msg = message_for(name, index);
            append_shown_value(msg, f.in, value);
            msg += " does not match the pattern ";
            msg.append(f.pattern);
            return fail(error::pattern_mismatch, diag, std::move(msg));
        }
    }
    return {};
}

/// Whether `text` is a decimal integer that fits in 64 bits (the wire text of an integer
/// enumeration's value).
inline bool is_integer_text(std::string_view text) noexcept
{
    std::int64_t parsed = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), parsed);
    return !text.empty() && r.ec == std::errc() && r.ptr == text.data() + text.size();
}

/// Checks one value of member `I` of `T` against its field; see `check_string`.
template <class T, std::size_t I, class E>
boost::system::error_code check_element([[maybe_unused]] const E& value, [[maybe_unused]] std::string_view name,
                                        [[maybe_unused]] std::size_t index, [[maybe_unused]] diagnostics& diag)
{
    constexpr meta::field f = meta::fields_of<T>()[I];
    if constexpr (std::is_same_v<E, std::string>) {
        return check_string<T, I>(value, name, index, diag);
    } else if constexpr (meta::is_wire_integer_v<E>) {
        const bool below = f.minimum && value < *f.minimum;
        const bool above = f.maximum && value > *f.maximum;
        if (below || above) {
            std::string msg = message_for(name, index);
            msg += std::to_string(value);
            msg += below ? " is below the minimum " : " is above the maximum ";
            msg += std::to_string(below ? *f.minimum : *f.maximum);
            return fail(error::out_of_range, diag, std::move(msg));
        }
        return {};
    } else if constexpr (meta::is_open_enum<E>::value) {
        // Responses keep values the bindings do not know; a request sends documented ones, and
        // others only when the user made them with `open_enum::unlisted` (the service may know
        // values the spec lags behind on): never by accident, as a decoded value echoed back.
        if (value.is_unlisted() && !value.wire().empty() &&
            (!meta::is_integer_enum_v<typename E::enum_type> || is_integer_text(value.wire())))
            return {};
        if (!value.is_known()) {
            std::string msg = message_for(name, index);
            append_quoted(msg, value.wire());
            msg += " is not one of ";
            append_enumerators<typename E::enum_type>(msg);
            return fail(error::not_in_enum, diag, std::move(msg));
        }
        return {};
    } else {
        static_assert(std::is_same_v<E, bool> || std::is_same_v<E, double>,
                      "a request parameter must be a string, integer, bool, double, enumeration or an array of these");
        return {};
    }
}

// ---- request bodies --------------------------------------------------------------------------

template <class V>
boost::system::error_code check_body_value(const V& value, std::string& path, diagnostics& diag);

/// Checks `value`, held by member `I` of model `M` at JSON path `path`, against the member's
/// field: its constraints apply to each string, integer or enumeration inside (array elements,
/// map values), and models inside are checked member by member.
template <class M, std::size_t I, class V>
boost::system::error_code check_field_value(const V& value, std::string& path, diagnostics& diag)
{
    if constexpr (meta::is_optional_v<V>) {
        return value ? check_field_value<M, I>(*value, path, diag) : boost::system::error_code();
    } else if constexpr (meta::is_vector_v<V> || meta::is_map_v<V>) {
        boost::system::error_code ec;
        const std::size_t size = path.size();
        std::size_t index = 0;
        for (const auto& element : value) {
            if constexpr (meta::is_map_v<V>) {
                path += '.';
                path += element.first;
                ec = check_field_value<M, I>(element.second, path, diag);
            } else {
                path += '[';
                path += std::to_string(index++);
                path += ']';
                ec = check_field_value<M, I, typename V::value_type>(element, path, diag);
            }
            if (ec)
                return ec;
            path.resize(size);
        }
        return ec;
    } else if constexpr (meta::is_model_v<V>) {
        return check_body_value(value, path, diag);
    } else if constexpr (std::is_same_v<V, meta::any_value> || std::is_same_v<V, meta::loose_time>) {
        return {};
    } else if constexpr (std::is_same_v<V, meta::file_part>) {
        // An empty part is no file; whether a path can be read is the encoder's to find out,
        // when it sizes the file.
        constexpr meta::field f = meta::fields_of<M>()[I];
        if (value.empty() && f.is_required)
            return fail(error::missing_parameter, diag, path + ": required file not set");
        return {};
    } else {
        return check_element<M, I>(value, path, no_index, diag);
    }
}

/// Checks the model `value` at JSON path `path`: each member that is required is set, and each
/// set one is valid. On failure, the message starts with the path of the value at fault, e.g.
/// `body.schedule_instance.sub_target_instances[2].order_no: `.
template <class V>
boost::system::error_code check_body_value(const V& value, std::string& path, diagnostics& diag)
{
    static_assert(meta::is_model_v<V>, "check_body_value walks a model");
    boost::system::error_code ec;
    const std::size_t size = path.size();
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<meta::fields_of<V>().size()>>([&](auto i) {
        constexpr std::size_t index = decltype(i)::value;
        constexpr meta::field f = meta::fields_of<V>()[index];
        using D = boost::mp11::mp_at_c<meta::members_of<V>, index>;
        if (ec)
            return;
        path += '.';
        path.append(f.wire_name.data(), f.wire_name.size());
        const auto& member = value.*D::pointer;
        if constexpr (meta::is_optional_v<meta::member_type<D>>) {
            if (!member && f.is_required) {
                ec = fail(error::missing_parameter, diag, path + ": required field not set");
                return;
            }
        }
        ec = check_field_value<V, index>(member, path, diag);
        path.resize(size);
    });
    return ec;
}

/// Checks the body, member `I` of request `req`: set when required, and valid at any depth.
template <class T, std::size_t I>
boost::system::error_code check_body_member(const T& req, diagnostics& diag)
{
    using D = boost::mp11::mp_at_c<meta::members_of<T>, I>;
    constexpr meta::field f = meta::fields_of<T>()[I];
    const auto& body = req.*D::pointer;
    std::string path(f.wire_name);
    if constexpr (meta::is_optional_v<meta::member_type<D>>) {
        if (!body)
            return f.is_required ? fail(error::missing_parameter, diag, path + ": required body not set")
                                 : boost::system::error_code();
    }
    return check_field_value<T, I>(body, path, diag);
}

/// Checks member `I` of request `req`: set (from the request or the context) when required,
/// and each of its values valid; the body is checked at any depth.
template <class T, std::size_t I>
boost::system::error_code check_member(const T& req, const request_context& ctx, diagnostics& diag)
{
    using descriptor = boost::mp11::mp_at_c<meta::members_of<T>, I>;
    using member = meta::member_type<descriptor>;
    using value_type = typename parameter_traits<member>::value_type;
    constexpr meta::field f = meta::fields_of<T>()[I];

    static_assert(f.in != meta::location::body,
                  "a request member travels in the path, the query, a header or is the body (content)");
    if constexpr (f.in == meta::location::content) {
        return check_body_member<T, I>(req, diag);
    } else {
    static_assert(f.in == meta::location::query || !meta::is_vector<value_type>::value,
                  "only query parameters may be arrays");
    static_assert(f.context_key.empty() || std::is_same_v<parameter_element<member>, std::string>,
                  "a parameter filled from the context must be a string");

    const value_type* value = parameter_traits<member>::get(req.*descriptor::pointer);
    if (value == nullptr) {
        if constexpr (!f.context_key.empty()) {
            const std::string_view text = ctx.get(f.context_key);
            if (!text.empty())
                return check_string<T, I>(text, f.wire_name, no_index, diag);
        }
        if (!f.is_required)
            return {};
        std::string msg = message_for(f.wire_name, no_index);
        msg += "required parameter not set";
        if constexpr (!f.context_key.empty()) {
            msg += ", and the context has no value \"";
            msg.append(f.context_key);
            msg += '"';
        }
        return fail(error::missing_parameter, diag, std::move(msg));
    }

    boost::system::error_code ec;
    for_each_element(*value, [&](const auto& element, std::size_t index) {
        if (!ec)
            ec = check_element<T, I>(element, f.wire_name, index, diag);
    });
    return ec;
    }
}

// ---- cross-parameter rules -----------------------------------------------------------------

/// A member a rule names: its wire name and whether the request sets it.
template <auto Member>
struct rule_member {
    using request_type = meta::class_of<Member>;
    static constexpr std::string_view name = meta::field_of<Member>().wire_name;

    static bool is_set(const request_type& req) noexcept
    {
        using member = std::remove_cv_t<std::remove_reference_t<decltype(req.*Member)>>;
        return parameter_traits<member>::get(req.*Member) != nullptr;
    }
};

/// Appends `a`, `a and b`, `a, b and c`.
inline void append_name_list(std::string& msg, std::initializer_list<std::string_view> names)
{
    std::size_t i = 0;
    for (const std::string_view name : names) {
        if (i != 0)
            msg += i + 1 == names.size() ? " and " : ", ";
        msg.append(name);
        ++i;
    }
}

inline boost::system::error_code fail_set_without(diagnostics& diag, std::string_view set, std::string_view unset,
                                                  std::string explanation)
{
    std::string msg(set);
    msg += ": set without ";
    msg.append(unset);
    msg += " (";
    msg += explanation;
    msg += ')';
    return fail(error::rule_violated, diag, std::move(msg));
}

template <class T, auto... Members>
boost::system::error_code check_rule(const T& req, meta::all_or_none<Members...>, diagnostics& diag)
{
    const std::array<bool, sizeof...(Members)> set = {rule_member<Members>::is_set(req)...};
    const std::array<std::string_view, sizeof...(Members)> names = {rule_member<Members>::name...};
    std::size_t first_set = no_index;
    std::size_t first_unset = no_index;
    for (std::size_t i = 0; i < set.size(); ++i) {
        std::size_t& first = set[i] ? first_set : first_unset;
        if (first == no_index)
            first = i;
    }
    if (first_set == no_index || first_unset == no_index)
        return {};
    std::string explanation;
    append_name_list(explanation, {rule_member<Members>::name...});
    explanation += " must be set together";
    return fail_set_without(diag, names[first_set], names[first_unset], std::move(explanation));
}

template <class T, auto Dependent, auto... Required>
boost::system::error_code check_rule(const T& req, meta::requires_members<Dependent, Required...>, diagnostics& diag)
{
    if (!rule_member<Dependent>::is_set(req))
        return {};
    const std::array<bool, sizeof...(Required)> set = {rule_member<Required>::is_set(req)...};
    const std::array<std::string_view, sizeof...(Required)> names = {rule_member<Required>::name...};
    for (std::size_t i = 0; i < set.size(); ++i) {
        if (set[i])
            continue;
        std::string explanation(rule_member<Dependent>::name);
        explanation += " requires ";
        append_name_list(explanation, {rule_member<Required>::name...});
        return fail_set_without(diag, rule_member<Dependent>::name, names[i], std::move(explanation));
    }
    return {};
}

} // namespace detail

/// Checks `req` against the descriptor of operation `Op`, before any I/O.
///
/// In member order, each parameter is checked: set when required (after filling unset
/// context parameters from `ctx`); integers within `minimum`/`maximum`; strings within
/// `min_length`/`max_length` (counted in UTF-8 code points) and matching `pattern` whole;
/// enumerations holding a documented value; path values not empty, `.` or `..`; header
/// values free of CR, LF and NUL. Then the operation's `rules` (`all_or_none`,
/// `requires_members`) are checked in order. The first failure is returned, and
/// `diag.message()` names the parameter, the value and the rule, e.g.
/// `limit: 9 is below the minimum 10`. Header values are never shown in messages.
///
/// \returns the failure (in `hwbind::condition::invalid_request`), or an empty code.
template <class Op>
boost::system::error_code validate(const typename Op::request_type& req, const request_context& ctx,
                                   diagnostics& diag)
{
    using request_type = typename Op::request_type;
    diag.clear();
    boost::system::error_code ec;
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<meta::fields_of<request_type>().size()>>([&](auto i) {
        if (!ec)
            ec = detail::check_member<request_type, decltype(i)::value>(req, ctx, diag);
    });
    boost::mp11::mp_for_each<typename Op::rules>([&](auto rule) {
        if (!ec)
            ec = detail::check_rule(req, rule, diag);
    });
    return ec;
}

} // namespace hwbind

#endif // HWBIND_RUNTIME_CODEC_VALIDATE_HPP

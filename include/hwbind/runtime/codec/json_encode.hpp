// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_JSON_ENCODE_HPP
#define HWBIND_RUNTIME_CODEC_JSON_ENCODE_HPP

/// \file
/// Encoding of generated models as compact JSON, for logs, mock servers and JSON output.
/// What `encode` writes, `decode` reads back to an equal value.

#include <hwbind/meta/any_value.hpp>
#include <hwbind/meta/loose_time.hpp>
#include <hwbind/meta/open_enum.hpp>
#include <hwbind/meta/reflect.hpp>

#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace hwbind {

namespace detail {

/// Appends `s` as a JSON string: quotes, backslashes and control characters escaped, the
/// rest (UTF-8 included) copied in runs.
inline void append_json_string(std::string& out, std::string_view s)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    const char* run = s.data();
    const char* const end = s.data() + s.size();
    for (const char* p = run; p != end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(run, p);
        run = p + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    out.append(run, end);
    out += '"';
}

template <class T>
void append_json_number(std::string& out, T value)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, r.ptr);
}

/// Appends the wire text of an integer enumeration's value as a JSON number: decoded values
/// are the decimal text of a 64-bit integer, signed or not. A text that is not a JSON integer
/// (an unknown value built by hand) is written as a string, so that the output stays JSON.
inline void append_json_integer_text(std::string& out, std::string_view text)
{
    const std::string_view digits = !text.empty() && text[0] == '-' ? text.substr(1) : text;
    const bool integer = !digits.empty() && digits.size() <= 20 && (digits[0] != '0' || digits.size() == 1) &&
                         digits.find_first_not_of("0123456789") == std::string_view::npos;
    if (integer)
        out.append(text.data(), text.size());
    else
        append_json_string(out, text);
}

/// Appends `value` as JSON. Doubles use the shortest text that reads back exactly; JSON has
/// no infinity or NaN, so those become `null`, inside an `any_value` too.
template <class T>
void encode_value(const T& value, std::string& out)
{
    if constexpr (std::is_same_v<T, bool>) {
        out += value ? "true" : "false";
    } else if constexpr (meta::is_wire_integer_v<T>) {
        append_json_number(out, value);
    } else if constexpr (std::is_same_v<T, double>) {
        if (std::isfinite(value))
            append_json_number(out, value);
        else
            out += "null";
    } else if constexpr (std::is_same_v<T, std::string>) {
        append_json_string(out, value);
    } else if constexpr (meta::is_open_enum<T>::value) {
        if constexpr (meta::is_integer_enum_v<typename T::enum_type>)
            append_json_integer_text(out, value.wire());
        else
            append_json_string(out, value.wire());
    } else if constexpr (std::is_same_v<T, meta::any_value>) {
        out += value.to_json();
    } else if constexpr (std::is_same_v<T, meta::loose_time>) {
        if (value.is_string())
            append_json_string(out, value.text());
        else
            append_json_number(out, value.number());
    } else if constexpr (meta::is_optional<T>::value) {
        if (value)
            encode_value(*value, out);
        else
            out += "null";
    } else if constexpr (meta::is_vector<T>::value) {
        out += '[';
        bool first = true;
        for (const auto& element : value) {
            if (!first)
                out += ',';
            first = false;
            encode_value<typename T::value_type>(element, out); // converts std::vector<bool>'s proxies
        }
        out += ']';
    } else if constexpr (meta::is_map_v<T>) {
        out += '{';
        bool first = true;
        for (const auto& [key, element] : value) {
            if (!first)
                out += ',';
            first = false;
            append_json_string(out, key);
            out += ':';
            encode_value(element, out);
        }
        out += '}';
    } else {
        static_assert(meta::is_model<T>::value && !meta::is_envelope_v<T>,
                      "encode() writes generated models (not response envelopes) and their member types");
        static constexpr auto fields = meta::fields_of<T>();
        out += '{';
        bool first = true;
        std::size_t index = 0;
        boost::mp11::mp_for_each<meta::members_of<T>>([&](auto d) {
            const auto& member = value.*d.pointer;
            const std::string_view name = fields[index++].wire_name;
            if constexpr (meta::is_optional<std::remove_cv_t<std::remove_reference_t<decltype(member)>>>::value) {
                if (!member)
                    return; // unset optional members are omitted
            }
            if (!first)
                out += ',';
            first = false;
            append_json_string(out, name);
            out += ':';
            encode_value(member, out);
        });
        out += '}';
    }
}

} // namespace detail

/// Appends `value` to `out` as compact JSON: members by wire name in declaration order,
/// unset optional members omitted, enumerations by wire spelling, `any_value` as held.
template <class T>
void encode(const T& value, std::string& out)
{
    detail::encode_value(value, out);
}

/// `value` as compact JSON; see the appending overload.
template <class T>
std::string encode(const T& value)
{
    std::string out;
    encode(value, out);
    return out;
}

} // namespace hwbind

#endif // HWBIND_RUNTIME_CODEC_JSON_ENCODE_HPP

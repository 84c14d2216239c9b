// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_DETAIL_PARAMETER_VALUES_HPP
#define HWBIND_RUNTIME_CODEC_DETAIL_PARAMETER_VALUES_HPP

/// \file
/// How validation and request building see the members of a generated request struct: set
/// or not, the values they hold, and the text each value has on the wire. Also the pieces of
/// the diagnostics messages that show a parameter and its value.

#include <hwbind/meta/field.hpp>
#include <hwbind/meta/open_enum.hpp>
#include <hwbind/meta/reflect.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace hwbind::detail {

/// Index meaning "not an element of an array".
inline constexpr std::size_t no_index = static_cast<std::size_t>(-1);

/// A request member of type `M`: `std::optional<T>` (unset when empty), `std::vector<T>`
/// (unset when empty: there is nothing to send) or a plain required `T`.
template <class M>
struct parameter_traits {
    using value_type = M;
    static const M* get(const M& m) noexcept
    {
        if constexpr (meta::is_vector<M>::value)
            return m.empty() ? nullptr : &m;
        else
            return &m;
    }
};
template <class T>
struct parameter_traits<std::optional<T>> {
    using value_type = T;
    static const T* get(const std::optional<T>& m) noexcept
    {
        return m ? parameter_traits<T>::get(*m) : nullptr;
    }
};

template <class V>
struct element_of {
    using type = V;
};
template <class T, class A>
struct element_of<std::vector<T, A>> {
    using type = T;
};

/// The type of one value of member type `M`: the `T` of `std::optional<T>`, `std::vector<T>`.
template <class M>
using parameter_element = typename element_of<typename parameter_traits<M>::value_type>::type;

/// Calls `f(element, index)` for each value of `v`: once with `no_index` for a scalar, for
/// each element with its index for an array.
template <class V, class F>
void for_each_element(const V& v, F&& f)
{
    if constexpr (meta::is_vector<V>::value) {
        for (std::size_t i = 0; i < v.size(); ++i)
            f(v[i], i);
    } else {
        f(v, no_index);
    }
}

/// Room for the decimal text of any 64-bit integer or the shortest text of any double.
using text_buffer = char[32];

/// The wire text of one parameter value. Integers are decimal, booleans `true`/`false`,
/// doubles the shortest text that reads back as the same value, enumerations their wire
/// spelling; `buffer` holds the text of numbers.
template <class E>
std::string_view wire_text(const E& value, text_buffer& buffer) noexcept
{
    if constexpr (std::is_same_v<E, std::string> || std::is_same_v<E, std::string_view>) {
        return value;
    } else if constexpr (std::is_same_v<E, bool>) {
        return value ? "true" : "false";
    } else if constexpr (std::is_integral_v<E> || std::is_same_v<E, double>) {
        const auto r = std::to_chars(buffer, buffer + sizeof(buffer), value);
        return {buffer, static_cast<std::size_t>(r.ptr - buffer)};
    } else if constexpr (meta::is_open_enum<E>::value) {
        return value.wire();
    } else {
        static_assert(meta::is_open_enum<E>::value,
                      "a request parameter must be a string, integer, bool, double, enumeration or an array of these");
        return {};
    }
}

// ---- diagnostics -------------------------------------------------------------------------

/// Appends `name`, or `name[index]` for an element of an array.
inline void append_parameter_name(std::string& msg, std::string_view name, std::size_t index)
{
    msg.append(name);
    if (index != no_index) {
        msg += '[';
        msg += std::to_string(index);
        msg += ']';
    }
}

/// Appends `value` in double quotes, control characters, `"` and `\` escaped and a long
/// value cut short, so that a message stays one readable line whatever the value holds.
inline void append_quoted(std::string& msg, std::string_view value)
{
    constexpr std::size_t max_shown = 64;
    static constexpr char hex[] = "0123456789ABCDEF";
    msg += '"';
    std::size_t shown = value.size() <= max_shown ? value.size() : max_shown;
    // Do not cut a UTF-8 sequence in two: back up to the start of the cut code point.
    while (shown < value.size() && shown > 0 && (static_cast<unsigned char>(value[shown]) & 0xC0) == 0x80)
        --shown;
    for (const char c : value.substr(0, shown)) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            msg += '\\';
            msg += c;
        } else if (u < 0x20 || u == 0x7F) {
            msg += "\\x";
            msg += hex[u >> 4];
            msg += hex[u & 0xF];
        } else {
            msg += c;
        }
    }
    msg += '"';
    if (shown < value.size())
        msg += "...";
}

/// Appends how a message shows a value: quoted, except that header values are never shown,
/// because header parameters may carry tokens and other secrets.
inline void append_shown_value(std::string& msg, meta::location in, std::string_view value)
{
    if (in == meta::location::header)
        msg += "the header value (not shown)";
    else
        append_quoted(msg, value);
}

/// Appends the wire spellings of the documented values of `E`, comma-separated.
template <class E>
void append_enumerators(std::string& msg)
{
    bool first = true;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        if (!first)
            msg += ", ";
        first = false;
        msg.append(meta::wire_name(d.value));
    });
}

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_CODEC_DETAIL_PARAMETER_VALUES_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_RESPONSE_HEADERS_HPP
#define HWBIND_RUNTIME_CODEC_RESPONSE_HEADERS_HPP

/// \file
/// The header members of a response envelope (`meta::location::header`), read from the
/// headers of the HTTP response, sans I/O.

#include <hwbind/meta/open_enum.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/detail/parameter_values.hpp>
#include <hwbind/runtime/codec/header_list.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/mp11/algorithm.hpp>
#include <boost/system/error_code.hpp>

#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace hwbind {

namespace detail {

/// Parses the header text `text` into `out`; false when it is not a value of `V`.
template <class V>
bool parse_header_value(std::string_view text, V& out)
{
    if constexpr (std::is_same_v<V, std::string>) {
        out.assign(text.data(), text.size());
        return true;
    } else if constexpr (meta::is_open_enum<V>::value) {
        out = V::from_wire(text);
        return true;
    } else if constexpr (std::is_same_v<V, bool>) {
        if (text != "true" && text != "false")
            return false;
        out = text == "true";
        return true;
    } else {
        static_assert(meta::is_wire_integer_v<V> || std::is_same_v<V, double>,
                      "a response header is a string, an integer, a bool, a double or an enumeration");
        const auto r = std::from_chars(text.data(), text.data() + text.size(), out);
        return !text.empty() && r.ec == std::errc() && r.ptr == text.data() + text.size();
    }
}

} // namespace detail

/// Fills each header member of the response envelope `out` from `headers`: set from the
/// header of its wire name, or reset when the response has none. A header whose text is not
/// a value of its member's type fails with `error::type_mismatch` (a `condition::invalid_response`)
/// and names the header in `diag`. Models that are not envelopes have no header members.
template <class T>
boost::system::error_code read_response_headers(const header_list& headers, T& out, diagnostics& diag)
{
    boost::system::error_code ec;
    if constexpr (meta::is_envelope_v<T>) {
        boost::mp11::mp_for_each<boost::mp11::mp_iota_c<meta::fields_of<T>().size()>>([&](auto i) {
            constexpr meta::field f = meta::fields_of<T>()[decltype(i)::value];
            using D = boost::mp11::mp_at_c<meta::members_of<T>, decltype(i)::value>;
            if constexpr (f.in == meta::location::header) {
                static_assert(meta::is_optional_v<meta::member_type<D>>, "header members are optional");
                auto& member = out.*D::pointer;
                const header_field* h = headers.find(f.wire_name);
                if (ec || h == nullptr) {
                    member.reset();
                    return;
                }
                if (!detail::parse_header_value(h->value, member.emplace())) {
                    member.reset();
                    std::string msg = "header ";
                    msg.append(f.wire_name.data(), f.wire_name.size());
                    msg += ": ";
                    detail::append_quoted(msg, h->value);
                    msg += " is not a value of its type";
                    diag.set_message(std::move(msg));
                    ec = error::type_mismatch;
                }
            }
        });
    }
    return ec;
}

} // namespace hwbind

#endif // HWBIND_RUNTIME_CODEC_RESPONSE_HEADERS_HPP

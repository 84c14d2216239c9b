// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_META_FIELD_HPP
#define HWBIND_META_FIELD_HPP

/// \file
/// Wire metadata of one member of a generated struct: its JSON/query/header name, where it
/// travels and the constraints the spec gives it. Generated code fills these tables; the
/// runtime reads them. Nothing here knows any particular service.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace hwbind::meta {

/// Where a member travels. Model members are always `body`; a request's members are
/// parameters (`path`, `query`, `header`) and its body (`content`); a response envelope's
/// members are its body (`content`) and its headers (`header`).
enum class location : unsigned char {
    body,    ///< a member of a JSON object
    path,    ///< substituted into `{name}` of the path template, as one segment
    query,   ///< a `name=value` pair of the query string
    header,  ///< a request or response header
    content, ///< the whole body of the message, as JSON
};

/// What a member holding a time holds, as the spec's `format` says; tools show such times as
/// ISO 8601 (the value on the wire is left as it is).
enum class time_format : unsigned char {
    none,      ///< not a time, or not said
    epoch_ms,  ///< an integer: milliseconds since 1970-01-01T00:00:00Z
    epoch_s,   ///< an integer: seconds since 1970-01-01T00:00:00Z
    date_time, ///< a string: an ISO 8601 / RFC 3339 date and time
};

/// Metadata of one described member, in the same order as `BOOST_DESCRIBE_STRUCT` lists it.
///
/// Built with the constexpr chain `meta::query("limit").required().range(10, 200)` so that
/// generated tables read like the spec they come from.
struct field {
    std::string_view wire_name;       ///< exact name on the wire
    location in = location::body;     ///< where it travels
    bool is_required = false;         ///< must be present (requests: set; responses: sent)
    bool is_nullable = false;         ///< `null` is a documented value (decoding accepts it always)
    bool accepts_numeric_string = false; ///< a number that the server may also send as "123"
    std::optional<std::int64_t> minimum;  ///< inclusive lower bound of an integer
    std::optional<std::int64_t> maximum;  ///< inclusive upper bound of an integer
    std::optional<std::size_t> min_length; ///< in UTF-8 code points, for strings
    std::optional<std::size_t> max_length; ///< in UTF-8 code points, for strings
    std::string_view pattern;         ///< ECMAScript regular expression a string must match fully
    std::string_view default_text;    ///< the documented server-side default, as text (docs only)
    std::string_view context_key;     ///< filled from the client's context value of this name when unset
    time_format time = time_format::none; ///< what time the value holds, if any

    constexpr field required() const noexcept { field f = *this; f.is_required = true; return f; }
    constexpr field nullable() const noexcept { field f = *this; f.is_nullable = true; return f; }
    constexpr field numeric_string() const noexcept
    {
        field f = *this;
        f.accepts_numeric_string = true;
        return f;
    }
    constexpr field min(std::int64_t v) const noexcept { field f = *this; f.minimum = v; return f; }
    constexpr field max(std::int64_t v) const noexcept { field f = *this; f.maximum = v; return f; }
    constexpr field range(std::int64_t lo, std::int64_t hi) const noexcept { return min(lo).max(hi); }
    constexpr field min_len(std::size_t v) const noexcept { field f = *this; f.min_length = v; return f; }
    constexpr field max_len(std::size_t v) const noexcept { field f = *this; f.max_length = v; return f; }
    constexpr field length(std::size_t lo, std::size_t hi) const noexcept { return min_len(lo).max_len(hi); }
    constexpr field matches(std::string_view re) const noexcept { field f = *this; f.pattern = re; return f; }
    constexpr field default_value(std::string_view v) const noexcept
    {
        field f = *this;
        f.default_text = v;
        return f;
    }
    constexpr field from_context(std::string_view key) const noexcept
    {
        field f = *this;
        f.context_key = key;
        return f;
    }
    constexpr field format(time_format v) const noexcept { field f = *this; f.time = v; return f; }
};

namespace detail {
constexpr field make_field(std::string_view wire_name, location in) noexcept
{
    field f;
    f.wire_name = wire_name;
    f.in = in;
    return f;
}
} // namespace detail

/// A member of a JSON object (models, responses, error bodies).
constexpr field member(std::string_view wire_name) noexcept { return detail::make_field(wire_name, location::body); }
/// A path parameter.
constexpr field path(std::string_view wire_name) noexcept { return detail::make_field(wire_name, location::path); }
/// A query parameter.
constexpr field query(std::string_view wire_name) noexcept { return detail::make_field(wire_name, location::query); }
/// A header parameter, or a header of a response.
constexpr field header(std::string_view wire_name) noexcept { return detail::make_field(wire_name, location::header); }
/// The whole body of a request or response; named `body` in messages (`body.items[2].name`).
constexpr field content() noexcept { return detail::make_field("body", location::content); }

/// The tables `parts` one after the other: the `wire_fields` table of a struct of more than 52
/// members, which inherits them from generated base structs of at most 52 members each
/// (Boost.Describe 1.81 lists no more members of one struct), joins the tables of its bases.
template <std::size_t... N>
constexpr std::array<field, (N + ... + 0)> join_fields(const std::array<field, N>&... parts) noexcept
{
    std::array<field, (N + ... + 0)> joined{};
    std::size_t next = 0;
    const auto append = [&](const auto& part) {
        for (const field& f : part)
            joined[next++] = f;
    };
    (append(parts), ...);
    return joined;
}

/// Tag used to find the ADL hooks `wire_fields(tag<T>)` and `wire_names(tag<E>)` that
/// generated code defines beside each described struct and enum.
template <class T>
struct tag {
    using type = T;
};

} // namespace hwbind::meta

#endif // HWBIND_META_FIELD_HPP

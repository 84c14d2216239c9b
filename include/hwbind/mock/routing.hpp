// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_MOCK_ROUTING_HPP
#define HWBIND_MOCK_ROUTING_HPP

/// \file
/// Matching a request path against an operation's path template, and splitting the query
/// string, both percent-decoded. Knows no operation: templates are plain text.

#include <hwbind/runtime/codec/percent_encoding.hpp>

#include <boost/container/small_vector.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hwbind::mock::detail {

/// A name and its decoded value: a path parameter or a query pair.
struct named_value {
    std::string_view name; ///< the template's `{name}` for a path parameter (static storage)
    std::string value;
};

/// The path parameters of a matched request, in template order.
using path_values = boost::container::small_vector<named_value, 2>;

/// A query pair, both parts decoded.
struct query_pair {
    std::string key;
    std::string value;
};

/// The decoding of a URL component; a component that is not valid percent-encoding is taken
/// literally, as the signer's canonical forms take it.
inline std::string decode_component(std::string_view encoded)
{
    auto decoded = hwbind::codec::percent_decode(encoded);
    return decoded ? std::move(*decoded) : std::string(encoded);
}

/// Whether the percent-encoded `path` matches path template `tpl`: the same number of
/// `/`-separated segments, literal segments equal once decoded, and each `{name}` matching
/// one whole segment, whose decoded value goes to `out`.
inline bool match_path(std::string_view tpl, std::string_view path, path_values& out)
{
    out.clear();
    for (;;) {
        const std::size_t tpl_slash = tpl.find('/');
        const std::size_t path_slash = path.find('/');
        const std::string_view tpl_segment = tpl.substr(0, tpl_slash);
        std::string segment = decode_component(path.substr(0, path_slash));
        if (tpl_segment.size() >= 2 && tpl_segment.front() == '{' && tpl_segment.back() == '}')
            out.push_back({tpl_segment.substr(1, tpl_segment.size() - 2), std::move(segment)});
        else if (tpl_segment != segment)
            return false;
        if (tpl_slash == std::string_view::npos || path_slash == std::string_view::npos)
            return tpl_slash == path_slash;
        tpl.remove_prefix(tpl_slash + 1);
        path.remove_prefix(path_slash + 1);
    }
}

/// The pairs of a percent-encoded query string, in order. A key without `=` has an empty
/// value; empty items (`a=1&&b=2`) are skipped. A `+` is a `+`, not a space.
inline std::vector<query_pair> split_query(std::string_view query)
{
    std::vector<query_pair> out;
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view item = query.substr(0, amp);
        query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
        if (item.empty())
            continue;
        const std::size_t eq = item.find('=');
        out.push_back({decode_component(item.substr(0, eq)),
                       eq == std::string_view::npos ? std::string() : decode_component(item.substr(eq + 1))});
    }
    return out;
}

} // namespace hwbind::mock::detail

#endif // HWBIND_MOCK_ROUTING_HPP

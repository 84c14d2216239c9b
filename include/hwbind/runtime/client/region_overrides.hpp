// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_REGION_OVERRIDES_HPP
#define HWBIND_RUNTIME_CLIENT_REGION_OVERRIDES_HPP

/// \file
/// Endpoints of (service, region) pairs given outside the code, as the official SDKs take
/// them (huaweicloud-api.md §6): the variables `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION_ID>`
/// and the file `~/.huaweicloud/regions.yaml` (or `HUAWEICLOUD_SDK_REGIONS_FILE`).

#include <hwbind/runtime/auth/detail/config_files.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hwbind {

/// Endpoints of services in regions, which replace those of the services' region tables and
/// URL templates (see `client_options` for the whole order).
///
/// Service names are matched ignoring case, as the SDKs do (`HSS`, `hss`). When
/// `read_environment` is set, the variable `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION_ID>`
/// (service upper-case, region id upper-case with `-` as `_`, e.g.
/// `HUAWEICLOUD_SDK_REGION_HSS_CN_NORTH_4`) comes first, read when the client first resolves
/// the service; its value is a comma-separated list of endpoints, of which the first is used
/// (hwbind does not fail over between endpoints). Then the entries (from `regions.yaml`, or
/// `set` in code).
class region_overrides {
public:
    /// An endpoint and where it came from (a variable, `file:line`), for messages.
    struct entry {
        std::string url;
        std::string origin;
    };

    /// Whether the `HUAWEICLOUD_SDK_REGION_*` variables are read; `from_default_chain` sets it.
    bool read_environment = false;

    /// Sets the endpoint of `service` in `region`, replacing any other.
    void set(std::string_view service, std::string_view region, std::string url, std::string origin = "region_overrides")
    {
        entries_[key_of(service, region)] = entry{std::move(url), std::move(origin)};
    }

    /// The endpoint of `service` in `region`, from the environment (when read) or the
    /// entries; empty `url` when there is none.
    entry find(std::string_view service, std::string_view region) const
    {
        const std::string key = key_of(service, region);
        if (read_environment) {
            std::string name = "HUAWEICLOUD_SDK_REGION_" + key;
            const std::string value = detail::environment(name.c_str());
            if (std::string first = first_endpoint(value); !first.empty())
                return entry{std::move(first), std::move(name)};
        }
        const auto it = entries_.find(key);
        return it != entries_.end() ? it->second : entry{};
    }

    /// Whether there are no entries (the environment aside).
    bool empty() const noexcept { return entries_.empty(); }

    /// Adds the entries of the `regions.yaml` text `text` (`where` names it in messages),
    /// replacing those of the same service and region. The format is the SDKs': a mapping of
    /// service names to lists of `{id, endpoint}` or `{id, endpoints: [...]}` (a block or a
    /// flow list; the first endpoint is used), with `#` comments and quoted or plain scalars:
    ///
    /// \code
    /// hss:
    ///   - id: cn-north-4
    ///     endpoint: 'https://hss.cn-north-4.example.com'
    /// ecs:
    ///   - id: ap-southeast-1
    ///     endpoints:
    ///       - https://ecs.ap-southeast-1.example.com
    /// \endcode
    ///
    /// Fails with `error::invalid_endpoint`, `file:line: why` in `diag`, on anything outside
    /// that subset (tabs, anchors, nested mappings), an entry without `id` or endpoint; the
    /// entries before the mistake are kept.
    boost::system::error_code parse_regions_yaml(std::string_view text, std::string_view where, diagnostics& diag);

    /// Adds the entries of the regions file at `path` (see `parse_regions_yaml`). A file that
    /// does not exist adds nothing, unless `named` (the user named it), when that is an error.
    boost::system::error_code load_regions_file(const std::string& path, bool named, diagnostics& diag)
    {
        if (path.empty())
            return {};
        std::string text;
        if (auto ec = detail::read_config_file(path, text)) {
            if (ec == boost::system::errc::no_such_file_or_directory && !named)
                return {};
            diag.set_message("cannot read the regions file " + path + ": " + ec.message());
            return ec;
        }
        return parse_regions_yaml(text, path, diag);
    }

    /// The path of the regions file: `path` when not empty, else `HUAWEICLOUD_SDK_REGIONS_FILE`
    /// when set, else `<home>/.huaweicloud/regions.yaml` with `home` (empty: `$HOME`). `named`
    /// tells whether it was named rather than defaulted.
    static std::string regions_file_path(std::string_view path, std::string_view home, bool& named)
    {
        return detail::config_file_path(path, "HUAWEICLOUD_SDK_REGIONS_FILE", "regions.yaml", home, named);
    }

private:
    // The variable's suffix, `<SERVICE>_<REGION_ID>`: one spelling for both sources.
    static std::string key_of(std::string_view service, std::string_view region)
    {
        std::string key;
        key.reserve(service.size() + region.size() + 1);
        const auto upper = [&key](std::string_view s) {
            for (const char c : s)
                key += c == '-' ? '_' : (c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
        };
        upper(service);
        key += '_';
        upper(region);
        return key;
    }

    static std::string first_endpoint(std::string_view list)
    {
        while (!list.empty()) {
            const std::size_t comma = list.find(',');
            const std::string_view item = detail::trim_blanks(list.substr(0, comma));
            if (!item.empty())
                return std::string(item);
            if (comma == std::string_view::npos)
                break;
            list.remove_prefix(comma + 1);
        }
        return {};
    }

    std::map<std::string, entry, std::less<>> entries_;
};

namespace detail {

/// A line of `regions.yaml` without its comment; false when a quote is not closed.
inline bool strip_yaml_comment(std::string_view& line) noexcept
{
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote != 0) {
            if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '#' && (i == 0 || line[i - 1] == ' ')) {
            line = line.substr(0, i);
            break;
        }
    }
    line = trim_blanks(line);
    return quote == 0;
}

/// A YAML scalar of the subset: quoted (single or double, no escapes) or plain; false for
/// what the subset leaves out (anchors, aliases, tags, nested collections).
inline bool yaml_scalar(std::string_view text, std::string& out)
{
    text = trim_blanks(text);
    if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') && text.back() == text.front()) {
        out.assign(text.data() + 1, text.size() - 2);
        return true;
    }
    if (!text.empty() && std::string_view("&*!|>[]{}'\"").find(text.front()) != std::string_view::npos)
        return false;
    out.assign(text.data(), text.size());
    return true;
}

/// `key: value` of the subset; false when `line` is not one.
inline bool yaml_pair(std::string_view line, std::string& key, std::string_view& value)
{
    const std::size_t colon = line.find(": ");
    const std::size_t at = colon != std::string_view::npos ? colon
                           : (!line.empty() && line.back() == ':' ? line.size() - 1 : std::string_view::npos);
    if (at == std::string_view::npos || !yaml_scalar(line.substr(0, at), key) || key.empty())
        return false;
    value = trim_blanks(line.substr(at + 1));
    return true;
}

/// The items of a flow list `[a, 'b']`; false when it is not one.
inline bool yaml_flow_list(std::string_view text, std::vector<std::string>& out)
{
    if (text.size() < 2 || text.front() != '[' || text.back() != ']')
        return false;
    text = text.substr(1, text.size() - 2);
    while (!trim_blanks(text).empty()) {
        const std::size_t comma = text.find(',');
        std::string item;
        if (!yaml_scalar(text.substr(0, comma), item))
            return false;
        out.push_back(std::move(item));
        if (comma == std::string_view::npos)
            break;
        text.remove_prefix(comma + 1);
    }
    return true;
}

} // namespace detail

inline boost::system::error_code region_overrides::parse_regions_yaml(std::string_view text, std::string_view where,
                                                                      diagnostics& diag)
{
    // The state of the one list being read: a service's entries, each a small mapping.
    std::string service;
    struct pending {
        std::size_t line = 0;
        std::size_t key_indent = 0; // the column of the entry's keys
        std::string id;
        std::vector<std::string> endpoints;
        bool in_endpoints = false; // the lines below `endpoints:` are its items
    };
    std::optional<pending> current;
    boost::system::error_code ec;
    const auto fail = [&](std::size_t number, const char* why) {
        diag.set_message(std::string(where) + ':' + std::to_string(number) + ": " + why);
        ec = error::invalid_endpoint;
        return false;
    };
    const auto finish = [&]() {
        if (!current)
            return true;
        const pending p = std::move(*current);
        current.reset();
        if (p.id.empty())
            return fail(p.line, "a region entry without an id");
        if (p.endpoints.empty() || p.endpoints.front().empty())
            return fail(p.line, "a region entry without an endpoint");
        set(service, p.id, p.endpoints.front(), std::string(where) + ':' + std::to_string(p.line));
        return true;
    };
    // One `key: value` of the current entry.
    const auto entry_key = [&](std::size_t number, std::string_view line) {
        std::string key;
        std::string_view value;
        if (!detail::yaml_pair(line, key, value))
            return fail(number, "expected key: value");
        current->in_endpoints = false;
        if (key == "id") {
            if (!detail::yaml_scalar(value, current->id))
                return fail(number, "the id is not a plain or quoted scalar");
        } else if (key == "endpoint") {
            std::string url;
            if (!detail::yaml_scalar(value, url))
                return fail(number, "the endpoint is not a plain or quoted scalar");
            current->endpoints.insert(current->endpoints.begin(), std::move(url));
        } else if (key == "endpoints") {
            if (value.empty())
                current->in_endpoints = true;
            else if (!detail::yaml_flow_list(value, current->endpoints))
                return fail(number, "endpoints is neither a block list nor a [flow, list]");
        }
        // Other keys are left for later versions of the format, as the SDKs do.
        return true;
    };
    detail::for_each_line(text, [&](std::size_t number, std::string_view raw) {
        std::string_view line = raw;
        const std::size_t indent = line.find_first_not_of(' ');
        if (indent != std::string_view::npos && line[indent] == '\t')
            return fail(number, "a tab in the indentation");
        if (!detail::strip_yaml_comment(line))
            return fail(number, "an unclosed quote");
        if (line.empty() || line == "---")
            return true;
        if (indent == 0) {
            if (!finish())
                return false;
            std::string key;
            std::string_view value;
            if (!detail::yaml_pair(line, key, value) || !(value.empty() || value == "[]"))
                return fail(number, "expected a service name followed by ':'");
            service = std::move(key);
            return true;
        }
        if (service.empty())
            return fail(number, "an indented line before the first service");
        if (line.front() == '-') {
            const std::string_view rest = detail::trim_blanks(line.substr(1));
            if (current && current->in_endpoints && indent >= current->key_indent) {
                std::string url;
                if (!detail::yaml_scalar(rest, url))
                    return fail(number, "an endpoint that is not a plain or quoted scalar");
                current->endpoints.push_back(std::move(url));
                return true;
            }
            if (!finish())
                return false;
            current.emplace();
            current->line = number;
            current->key_indent = indent + (line.size() - rest.size());
            return rest.empty() || entry_key(number, rest);
        }
        if (!current || indent < current->key_indent)
            return fail(number, "expected '- id: ...' (a list of region entries)");
        return entry_key(number, line);
    });
    if (!ec)
        finish();
    return ec;
}

} // namespace hwbind

#endif // HWBIND_RUNTIME_CLIENT_REGION_OVERRIDES_HPP

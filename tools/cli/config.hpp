// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_TOOLS_CLI_CONFIG_HPP
#define HWBIND_TOOLS_CLI_CONFIG_HPP

/// \file
/// The command-line tool's configuration file, `~/.hwbind/config` (or `HWBIND_CONFIG_FILE`):
/// named profiles in INI sections, each holding credentials, a region, endpoint overrides,
/// an output format and a CA bundle. Read with the line rules of the SDKs' profile file (the
/// library's helpers: comments, blanks, quoted values); written by `hwbind-cli configure`,
/// keeping the rest of the file as it was. The SDKs' own files (`~/.huaweicloud/`) are not
/// read here: `client_options::from_default_chain` reads them.

#include "text.hpp"

#include <hwbind/runtime/auth/credential_provider.hpp>
#include <hwbind/runtime/auth/credentials.hpp>
#include <hwbind/runtime/auth/detail/config_files.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace hwbind::cli {

/// The keys a profile may hold, in the order `configure` writes them.
inline constexpr std::string_view profile_keys[] = {"ak",       "sk",       "security_token", "project_id",
                                                    "region",   "endpoint", "output",         "ca_bundle"};

/// The formats of `--output` and of a profile's `output`.
inline constexpr std::string_view output_formats[] = {"table", "json", "jsonl", "tsv", "csv"};

/// One profile of the configuration file. Unset values are empty.
struct profile {
    std::string name;
    std::string access_key;
    auth::secret secret_key;
    auth::secret security_token;
    std::string project_id;
    std::string region;
    std::string endpoint;                                   ///< every service's base URL
    std::map<std::string, std::string> service_endpoints;   ///< `endpoint.<service>`, by service name
    std::string output;                                     ///< a format of `--output`
    std::string ca_bundle;                                  ///< a PEM file
};

/// The path of the configuration file: `HWBIND_CONFIG_FILE` when set, else
/// `$HOME/.hwbind/config` (empty without a home directory). `named` tells whether the
/// variable named it: a named file that does not exist is an error.
inline std::string config_path(bool& named)
{
    std::string path = hwbind::detail::environment("HWBIND_CONFIG_FILE");
    named = !path.empty();
    if (named)
        return path;
    std::string home = hwbind::detail::home_directory();
    if (home.empty())
        return home;
    if (home.back() != '/')
        home += '/';
    return home + ".hwbind/config";
}

/// The profile to use: `flag` (`--profile`) when given, else `HWBIND_PROFILE`, else
/// `default`. `named` tells whether the user chose it.
inline std::string profile_name(const std::string& flag, bool& named)
{
    named = true;
    if (!flag.empty())
        return flag;
    if (std::string from_env = hwbind::detail::environment("HWBIND_PROFILE"); !from_env.empty())
        return from_env;
    named = false;
    return "default";
}

namespace detail {

/// Calls `f(line_number, section, key, value)` for each `key = value` line of INI `text`,
/// and `f(line_number, section, {}, {})` for each section header; returns the message of
/// the first malformed line (naming `where` and the line number, never the line: it may
/// hold a secret), or empty.
template <class F>
std::string for_each_entry(std::string_view text, std::string_view where, F&& f)
{
    std::string error;
    std::string section;
    hwbind::detail::for_each_line(text, [&](std::size_t number, std::string_view line) {
        line = hwbind::detail::trim_blanks(line);
        if (line.empty() || line.front() == '#' || line.front() == ';')
            return true;
        if (line.front() == '[') {
            if (line.back() != ']') {
                error = std::string(where) + ':' + std::to_string(number) + ": a section name without ']'";
                return false;
            }
            section = std::string(hwbind::detail::trim_blanks(line.substr(1, line.size() - 2)));
            return f(number, std::string_view(section), std::string_view(), std::string_view());
        }
        const std::size_t equals = line.find('=');
        if (equals == std::string_view::npos) {
            error = std::string(where) + ':' + std::to_string(number) + ": neither a [profile] nor a key = value line";
            return false;
        }
        return f(number, std::string_view(section), hwbind::detail::trim_blanks(line.substr(0, equals)),
                 auth::detail::unquoted(hwbind::detail::trim_blanks(line.substr(equals + 1))));
    });
    return error;
}

} // namespace detail

/// Reads profile `name` of the configuration file `text` (`where` names it) into `out`.
/// Returns an error message, or empty; `found` tells whether the file has the profile. An
/// unknown key is an error (a misspelt `regoin` would otherwise be silently ignored).
inline std::string parse_config(std::string_view text, std::string_view where, const std::string& name,
                                profile& out, bool& found, std::vector<std::string>& names)
{
    found = false;
    out = profile();
    out.name = name;
    std::string error;
    std::string parse_error = detail::for_each_entry(
        text, where, [&](std::size_t number, std::string_view section, std::string_view key, std::string_view value) {
            if (key.empty() && value.empty()) {
                names.emplace_back(section);
                found = found || section == name;
                return true;
            }
            const std::string at = std::string(where) + ':' + std::to_string(number) + ": ";
            if (section.empty()) {
                error = at + "a key outside any [profile] section";
                return false;
            }
            if (section != name)
                return true;
            if (key == "ak")
                out.access_key = std::string(value);
            else if (key == "sk")
                out.secret_key = auth::secret(std::string(value));
            else if (key == "security_token")
                out.security_token = auth::secret(std::string(value));
            else if (key == "project_id")
                out.project_id = std::string(value);
            else if (key == "region")
                out.region = std::string(value);
            else if (key == "endpoint")
                out.endpoint = std::string(value);
            else if (key.rfind("endpoint.", 0) == 0 && key.size() > 9)
                out.service_endpoints[std::string(key.substr(9))] = std::string(value);
            else if (key == "output")
                out.output = std::string(value);
            else if (key == "ca_bundle")
                out.ca_bundle = std::string(value);
            else {
                error = at + "unknown key " + printable(truncate(key, 64)) +
                        " (known: ak, sk, security_token, project_id, region, endpoint, endpoint.<service>, output, "
                        "ca_bundle)";
                return false;
            }
            return true;
        });
    if (!parse_error.empty())
        return parse_error;
    if (!error.empty())
        return error;
    if (found && out.access_key.empty() != out.secret_key.empty())
        return std::string(where) + " [" + name + "]: both ak and sk are needed";
    return {};
}

/// Loads the profile `flag` (`--profile`) or `HWBIND_PROFILE` names, else `default`, from
/// the configuration file into `out`. A profile the user named must exist; the default one
/// need not (nor the file). Returns an error message, or empty.
inline std::string load_profile(const std::string& flag, profile& out)
{
    bool named_profile = false;
    const std::string name = profile_name(flag, named_profile);
    bool named_file = false;
    const std::string path = config_path(named_file);
    out = profile();
    out.name = name;
    std::string text;
    if (path.empty()) {
        if (named_profile)
            return "no profile " + printable(name) + ": no home directory for ~/.hwbind/config";
        return {};
    }
    if (const auto ec = hwbind::detail::read_config_file(path, text)) {
        if (ec == boost::system::errc::no_such_file_or_directory && !named_file) {
            if (!named_profile)
                return {};
            return "no profile " + printable(name) + ": there is no " + path + "; `hwbind-cli configure --profile " +
                   printable(name) + "` writes one";
        }
        return "cannot read the configuration file " + path + ": " + ec.message() +
               (named_profile ? " (for profile " + printable(name) + ")" : std::string());
    }
    const auth::secret contents(std::move(text)); // wiped once parsed
    bool found = false;
    std::vector<std::string> names;
    if (std::string error = parse_config(contents.expose(), path, name, out, found, names); !error.empty())
        return error;
    if (!found && named_profile) {
        std::string message = "no profile " + printable(name) + " in " + path;
        if (!names.empty()) {
            message += " (its profiles:";
            for (const std::string& n : names)
                message += ' ' + printable(n);
            message += ')';
        }
        return message + "; `hwbind-cli configure --profile " + printable(name) + "` writes one";
    }
    return {};
}

/// `text`, an INI file, with the keys of `values` set in section `section` (added at the end
/// of the section, or in a new section at the end of the file); other lines, comments
/// included, are kept. An empty value removes its key.
inline std::string update_config_text(std::string_view text, const std::string& section,
                                      const std::vector<std::pair<std::string, std::string>>& values)
{
    std::vector<bool> written(values.size(), false);
    std::string out;
    bool in_section = false;
    bool seen = false;
    const auto add_missing = [&] {
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (!written[i] && !values[i].second.empty())
                out += values[i].first + " = " + values[i].second + '\n';
            written[i] = true;
        }
    };
    hwbind::detail::for_each_line(text, [&](std::size_t, std::string_view raw) {
        const std::string_view line = hwbind::detail::trim_blanks(raw);
        if (!line.empty() && line.front() == '[' && line.back() == ']') {
            if (in_section)
                add_missing();
            in_section = hwbind::detail::trim_blanks(line.substr(1, line.size() - 2)) == section;
            seen = seen || in_section;
        } else if (in_section && !line.empty() && line.front() != '#' && line.front() != ';') {
            const std::string_view key = hwbind::detail::trim_blanks(line.substr(0, line.find('=')));
            for (std::size_t i = 0; i < values.size(); ++i) {
                if (values[i].first == key) {
                    if (!values[i].second.empty())
                        out += values[i].first + " = " + values[i].second + '\n';
                    written[i] = true;
                    return true;
                }
            }
        }
        out.append(raw);
        out += '\n';
        return true;
    });
    if (in_section)
        add_missing();
    if (!seen) {
        if (!out.empty() && out.back() == '\n' && out.size() >= 2 && out[out.size() - 2] != '\n')
            out += '\n';
        out += '[' + section + "]\n";
        add_missing();
    }
    return out;
}

/// Writes `text` to `path` readable by its owner only (it holds secret keys), through a
/// temporary file renamed over it; creates the file's directory (mode 0700) when it is the
/// default `~/.hwbind`. Returns an error message, or empty.
inline std::string write_config_file(const std::string& path, std::string_view text)
{
    const std::size_t slash = path.rfind('/');
    if (slash != std::string::npos && slash > 0) {
        const std::string dir = path.substr(0, slash);
        if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
            return "cannot create " + dir + ": " + std::strerror(errno);
    }
    const std::string temporary = path + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return "cannot write " + temporary + ": " + std::strerror(errno);
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const std::string message = "cannot write " + temporary + ": " + std::strerror(errno);
            ::close(fd);
            ::unlink(temporary.c_str());
            return message;
        }
        done += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    const bool closed = ::close(fd) == 0;
    if (!synced || !closed || ::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string message = "cannot write " + path + ": " + std::strerror(errno);
        ::unlink(temporary.c_str());
        return message;
    }
    return {};
}

} // namespace hwbind::cli

#endif // HWBIND_TOOLS_CLI_CONFIG_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_TOOLS_CLI_CONFIGURE_HPP
#define HWBIND_TOOLS_CLI_CONFIGURE_HPP

/// \file
/// `hwbind-cli configure`: writes a profile of the configuration file (`config.hpp`) from the
/// command line's options and, on a terminal, from prompts (the secret key without echo);
/// when stdin is not a terminal, the secret key is its first line. Secrets are never shown.

#include "arguments.hpp"
#include "config.hpp"
#include "invoke.hpp"
#include "text.hpp"

#include <hwbind/runtime/transport/endpoint.hpp>

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hwbind::cli {

/// Reads a line of stdin into `out` (without its line break); false at the end of input.
/// On a terminal, `prompt` is shown on stderr first, and with `hidden` what is typed is not
/// echoed.
inline bool read_answer(std::string_view prompt, bool hidden, std::string& out)
{
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    termios saved{};
    const bool silenced = terminal && hidden && ::tcgetattr(STDIN_FILENO, &saved) == 0 && [&] {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        return ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }();
    if (terminal)
        std::cerr << prompt << std::flush;
    const bool got = static_cast<bool>(std::getline(std::cin, out));
    if (silenced)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (!out.empty() && out.back() == '\r')
        out.pop_back();
    return got;
}

/// `key` shown as its last four characters, as the AWS CLI shows it.
inline std::string masked(std::string_view key)
{
    if (key.empty())
        return "none";
    return std::string(key.size() > 4 ? 8 : 4, '*') + std::string(key.size() > 4 ? key.substr(key.size() - 4) : "");
}

/// Runs `hwbind-cli configure`: the profile `s.profile` (or `HWBIND_PROFILE`, or `default`)
/// gets the values given as options; on a terminal the access key, secret key, project,
/// region and output format not given are asked (Enter keeps the current value); otherwise
/// the secret key is read from stdin's first line, when there is one. Returns the exit
/// status.
inline int configure(settings& s)
{
    const auto fail = [](const std::string& message) {
        std::cerr << "hwbind-cli: configure: " << message << '\n';
        return static_cast<int>(exit_usage);
    };
    bool named_file = false;
    const std::string path = config_path(named_file);
    if (path.empty())
        return fail("no home directory; set HWBIND_CONFIG_FILE");
    bool named_profile = false;
    const std::string name = profile_name(s.profile, named_profile);
    if (name.empty() || name.find_first_of("[]\n\r") != std::string::npos)
        return fail("not a profile name: " + printable(name));

    std::string text;
    if (const auto ec = hwbind::detail::read_config_file(path, text);
        ec && ec != boost::system::errc::no_such_file_or_directory)
        return fail("cannot read " + path + ": " + ec.message());
    const auth::secret contents(std::move(text));
    profile current;
    bool found = false;
    std::vector<std::string> names;
    if (std::string error = parse_config(contents.expose(), path, name, current, found, names); !error.empty())
        return fail(error);

    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    if (terminal)
        std::cerr << "Profile " << printable(name) << " of " << path << " (Enter keeps the value in brackets)\n";
    // A value given as an option, else asked on a terminal, else the current one.
    const auto ask = [&](const std::string& given, std::string_view label, const std::string& now) {
        if (!given.empty() || !terminal)
            return given.empty() ? now : given;
        std::string answer;
        read_answer(std::string(label) + " [" + (now.empty() ? "none" : printable(now)) + "]: ", false, answer);
        answer = std::string(hwbind::detail::trim_blanks(answer));
        return answer.empty() ? now : answer;
    };
    std::string access_key = s.access_key;
    if (access_key.empty() && terminal) {
        read_answer("Access key [" + masked(current.access_key) + "]: ", false, access_key);
        access_key = std::string(hwbind::detail::trim_blanks(access_key));
    }
    if (access_key.empty())
        access_key = current.access_key;

    auth::secret secret_key(std::move(s.secret_key));
    if (secret_key.empty()) {
        std::string line;
        read_answer(std::string("Secret key [") + (current.secret_key.empty() ? "none" : "****") + "]: ", true, line);
        secret_key = auth::secret(std::string(hwbind::detail::trim_blanks(line)));
        // Wiped here; the trimmed copy is held as a secret.
        std::fill(line.begin(), line.end(), '\0');
    }
    if (secret_key.empty())
        secret_key = current.secret_key;

    const std::string project_id = ask(s.project_id, "Project ID", current.project_id);
    const std::string region = ask(s.region, "Region", current.region);
    const std::string output = ask(s.output, "Output format (table, json, jsonl, tsv, csv)", current.output);
    const std::string endpoint = s.endpoint.empty() ? current.endpoint : s.endpoint;
    const std::string ca_bundle = s.ca_bundle.empty() ? current.ca_bundle : s.ca_bundle;
    auth::secret security_token =
        s.security_token.empty() ? current.security_token : auth::secret(std::move(s.security_token));

    if (access_key.empty() != secret_key.empty())
        return fail(access_key.empty() ? "a secret key without an access key" : "an access key without a secret key");
    if (!region.empty()) {
        std::string checked = region;
        if (std::string error = region_name()(checked); !error.empty())
            return fail("region: " + error);
    }
    if (!output.empty()) {
        if (std::find(std::begin(output_formats), std::end(output_formats), output) == std::end(output_formats))
            return fail("output: " + printable(output) + " is not an output format");
    }
    if (!endpoint.empty()) {
        hwbind::endpoint parsed;
        if (parse_endpoint(endpoint, parsed))
            return fail("endpoint: not an http(s)://host[:port] URL without a path: " + printable(endpoint));
    }
    for (const std::string* value : {&std::as_const(access_key), &project_id, &endpoint, &ca_bundle}) {
        if (value->find_first_of("\n\r") != std::string::npos)
            return fail("a value holds a line break");
    }
    if (secret_key.expose().find_first_of("\n\r") != std::string_view::npos ||
        security_token.expose().find_first_of("\n\r") != std::string_view::npos)
        return fail("a secret holds a line break");

    std::vector<std::pair<std::string, std::string>> values{
        {"ak", access_key},
        {"sk", std::string(secret_key.expose())},
        {"security_token", std::string(security_token.expose())},
        {"project_id", project_id},
        {"region", region},
        {"endpoint", endpoint},
        {"output", output},
        {"ca_bundle", ca_bundle},
    };
    const auth::secret updated(update_config_text(contents.expose(), name, values));
    for (auto& v : values)
        std::fill(v.second.begin(), v.second.end(), '\0');
    if (std::string error = write_config_file(path, updated.expose()); !error.empty()) {
        std::cerr << "hwbind-cli: configure: " << error << '\n';
        return exit_other;
    }
    std::cerr << "hwbind-cli: profile " << printable(name) << (found ? " updated in " : " written to ") << path << '\n';
    return exit_ok;
}

} // namespace hwbind::cli

#endif // HWBIND_TOOLS_CLI_CONFIGURE_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_TOOLS_CLI_COMPLETION_HPP
#define HWBIND_TOOLS_CLI_COMPLETION_HPP

/// \file
/// `hwbind-cli completion bash|zsh`: a shell completion script made from the command tree,
/// so from the spec: the services, their operations, each operation's options, and the
/// values of options that take a fixed set (enumerations, booleans, `--output`). Nothing
/// here knows any service.

#include <hwbind/runtime/codec/ascii.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace hwbind::cli {

/// The values an option takes, when they are a fixed set; filled as options are added.
inline std::map<const CLI::Option*, std::vector<std::string>>& option_choices()
{
    static std::map<const CLI::Option*, std::vector<std::string>> choices;
    return choices;
}

namespace detail {

/// `words` as a shell word list: names from the spec are identifiers and wire names, but a
/// character a shell would read is dropped rather than trusted.
inline std::string word_list(const std::vector<std::string>& words)
{
    std::string out;
    for (const std::string& w : words) {
        std::string safe;
        for (const char c : w) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '_' || c == '.' || c == ':' || c == '/' || c == '+')
                safe += c;
        }
        if (safe.empty())
            continue;
        if (!out.empty())
            out += ' ';
        out += safe;
    }
    return out;
}

/// `words` as a `case` pattern (`a|b|c`), quoted.
inline std::string pattern(const std::vector<std::string>& words)
{
    std::string out;
    for (const std::string& w : words) {
        if (!out.empty())
            out += '|';
        out += '"' + word_list({w}) + '"';
    }
    return out;
}

/// The long names of `options`, with their dashes.
inline std::vector<std::string> option_names(const std::vector<const CLI::Option*>& options)
{
    std::vector<std::string> out;
    for (const CLI::Option* o : options) {
        if (o->get_group().empty())
            continue; // hidden
        for (const std::string& n : o->get_lnames())
            out.push_back("--" + n);
    }
    return out;
}

} // namespace detail

/// The shell function `_hwbind_cli_candidates SERVICE OPERATION PREVIOUS`, the same in bash
/// and zsh: prints the words that may come next after the service and operation typed so
/// far (lower-cased, empty when not typed yet) and the word before the cursor.
inline std::string completion_candidates(const CLI::App& app)
{
    using detail::pattern;
    using detail::word_list;
    const std::vector<const CLI::Option*> globals = app.get_options();
    std::vector<std::string> flags;
    std::string values; // `case "$3"` arms of global options with choices
    for (const CLI::Option* o : globals) {
        const bool flag = o->get_expected_max() == 0;
        for (const std::string& n : o->get_lnames()) {
            if (flag)
                flags.push_back("--" + n);
        }
        const auto choices = option_choices().find(o);
        if (choices != option_choices().end() && !o->get_lnames().empty())
            values += "        " + pattern(detail::option_names({o})) + ") echo \"" + word_list(choices->second) +
                      "\"; return ;;\n";
    }
    const std::string global_words = word_list(detail::option_names(globals));

    std::vector<std::string> services;
    std::string operation_values; // `case "$1/$2/$3"` arms
    std::string service_arms;     // `case "$1"` arms: operations of a service
    std::string operation_arms;   // `case "$1/$2"` arms: options of an operation
    for (const CLI::App* service : app.get_subcommands({})) {
        const std::string name = service->get_name();
        services.push_back(name);
        std::vector<std::string> service_names{ascii_lower(name)};
        for (const std::string& a : service->get_aliases())
            service_names.push_back(ascii_lower(a));
        std::vector<std::string> operations;
        for (const CLI::App* op : service->get_subcommands({})) {
            operations.push_back(op->get_name());
            std::set<std::string> spellings{ascii_lower(op->get_name())};
            for (const std::string& a : op->get_aliases())
                spellings.insert(ascii_lower(a));
            std::vector<std::string> keys;
            for (const std::string& s : service_names) {
                for (const std::string& o : spellings)
                    keys.push_back(s + '/' + o);
            }
            const std::vector<const CLI::Option*> options = op->get_options();
            std::vector<std::string> words = detail::option_names(options);
            for (const std::string& g : detail::option_names(globals)) {
                if (std::find(words.begin(), words.end(), g) == words.end())
                    words.push_back(g);
            }
            operation_arms += "        " + pattern(keys) + ") echo \"" + word_list(words) + "\"; return ;;\n";
            for (const CLI::Option* o : options) {
                const auto choices = option_choices().find(o);
                if (choices == option_choices().end())
                    continue;
                std::vector<std::string> with_option;
                for (const std::string& k : keys) {
                    for (const std::string& n : detail::option_names({o}))
                        with_option.push_back(k + '/' + n);
                }
                operation_values += "        " + pattern(with_option) + ") echo \"" + word_list(choices->second) +
                                    "\"; return ;;\n";
            }
        }
        if (operations.empty()) // a command without operations (configure, completion)
            continue;
        service_arms += "        " + pattern(service_names) + ") [ -z \"$2\" ] && { echo \"" + word_list(operations) +
                        "\"; return; } ;;\n";
    }

    std::string out = "_hwbind_cli_candidates() {\n";
    out += "    case \"$3\" in\n" + values + "    esac\n";
    out += "    case \"$1/$2/$3\" in\n" + operation_values + "    esac\n";
    // After an option that takes a free value: nothing to offer.
    out += "    case \"$3\" in\n        " + (flags.empty() ? std::string("--help") : pattern(flags)) +
           ") ;;\n        -*) return ;;\n    esac\n";
    out += "    if [ -z \"$1\" ]; then echo \"" + word_list(services) + ' ' + global_words + "\"; return; fi\n";
    out += "    case \"$1\" in\n" + service_arms + "        completion) echo \"bash zsh\"; return ;;\n    esac\n";
    out += "    case \"$1/$2\" in\n" + operation_arms + "    esac\n";
    out += "    echo \"" + global_words + "\"\n}\n";
    return out;
}

/// The loop both shells run over the words before the cursor: the first two that are not
/// options or option values are the service and the operation, lower-cased.
inline std::string completion_scan(const CLI::App& app, std::string_view words, std::string_view first,
                                   std::string_view last)
{
    std::vector<std::string> flags;
    for (const CLI::Option* o : app.get_options()) {
        if (o->get_expected_max() == 0) {
            for (const std::string& n : o->get_lnames())
                flags.push_back("--" + n);
        }
    }
    std::string out;
    out += "    local service=\"\" operation=\"\" w i skip=0\n";
    out += "    for ((i = " + std::string(first) + "; i < " + std::string(last) + "; i++)); do\n";
    out += "        w=\"${" + std::string(words) + "[i]}\"\n";
    out += "        if [ \"$skip\" = 1 ]; then skip=0; continue; fi\n";
    out += "        case \"$w\" in\n";
    out += "            --*=*) ;;\n";
    out += "            " + detail::pattern(flags) + ") ;;\n";
    out += "            -*) skip=1 ;;\n";
    out += "            *) w=\"$(printf '%s' \"$w\" | tr '[:upper:]' '[:lower:]')\"\n";
    out += "               if [ -z \"$service\" ]; then service=\"$w\"; elif [ -z \"$operation\" ]; then "
           "operation=\"$w\"; fi ;;\n";
    out += "        esac\n";
    out += "    done\n";
    return out;
}

/// The completion script of `shell` (`bash` or `zsh`) for `app`.
inline std::string completion_script(const CLI::App& app, std::string_view shell)
{
    std::string out = "# " + std::string(shell) +
                      " completion for hwbind-cli, made from the spec by `hwbind-cli completion " +
                      std::string(shell) + "`.\n";
    if (shell == "bash") {
        out += "# Load it with: source <(hwbind-cli completion bash)\n";
        out += completion_candidates(app);
        out += "_hwbind_cli() {\n";
        out += "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"\"\n";
        out += "    [ \"$COMP_CWORD\" -gt 0 ] && prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n";
        out += completion_scan(app, "COMP_WORDS", "1", "COMP_CWORD");
        out += "    COMPREPLY=($(compgen -W \"$(_hwbind_cli_candidates \"$service\" \"$operation\" \"$prev\")\" -- "
               "\"$cur\"))\n";
        out += "    return 0\n";
        out += "}\n";
        out += "complete -F _hwbind_cli hwbind-cli\n";
    } else {
        out = "#compdef hwbind-cli\n" + out;
        out += "# Load it with `source <(hwbind-cli completion zsh)` after compinit, or save it as _hwbind-cli\n"
               "# in a directory of $fpath.\n";
        out += completion_candidates(app);
        out += "_hwbind_cli() {\n";
        out += completion_scan(app, "words", "2", "CURRENT");
        out += "    local -a candidates\n";
        out += "    candidates=(${=$(_hwbind_cli_candidates \"$service\" \"$operation\" \"${words[CURRENT-1]}\")})\n";
        out += "    compadd -- \"${candidates[@]}\"\n";
        out += "}\n";
        out += "if [ \"${funcstack[1]}\" = \"_hwbind-cli\" ]; then\n    _hwbind_cli \"$@\"\nelse\n"
               "    compdef _hwbind_cli hwbind-cli\nfi\n";
    }
    return out;
}

} // namespace hwbind::cli

#endif // HWBIND_TOOLS_CLI_COMPLETION_HPP

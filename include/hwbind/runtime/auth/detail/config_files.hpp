// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_AUTH_DETAIL_CONFIG_FILES_HPP
#define HWBIND_RUNTIME_AUTH_DETAIL_CONFIG_FILES_HPP

/// \file
/// What the credential and region sources share: environment variables, the home directory,
/// the files of `~/.huaweicloud/`, and the line handling of their small text formats.

#include <boost/system/error_code.hpp>

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace hwbind::detail {

/// The value of environment variable `name`; empty when it is unset.
inline std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value != nullptr ? std::string(value) : std::string();
}

/// The user's home directory: `home` when not empty, else `HOME` (`USERPROFILE` on Windows);
/// empty when there is none.
inline std::string home_directory(std::string_view home = {})
{
    if (!home.empty())
        return std::string(home);
#ifdef _WIN32
    if (std::string h = environment("USERPROFILE"); !h.empty())
        return h;
#endif
    return environment("HOME");
}

/// Where a file of the SDKs' configuration is: `explicit_path` when not empty, else the value
/// of the environment variable `variable` when set, else `<home>/.huaweicloud/<name>` (empty
/// when there is no home directory). `named` tells whether the file was named (by the caller
/// or the variable) rather than defaulted: a named file that is missing is an error, a
/// default one that is missing is only absent.
inline std::string config_file_path(std::string_view explicit_path, const char* variable, std::string_view name,
                                    std::string_view home, bool& named)
{
    named = true;
    if (!explicit_path.empty())
        return std::string(explicit_path);
    if (std::string from_env = environment(variable); !from_env.empty())
        return from_env;
    named = false;
    std::string dir = home_directory(home);
    if (dir.empty())
        return dir;
    if (dir.back() != '/')
        dir += '/';
    dir += ".huaweicloud/";
    dir.append(name);
    return dir;
}

/// The largest configuration file read: these files hold a few lines, and the limit keeps a
/// path naming a device or a huge file from being read without end.
inline constexpr long max_config_file_size = 1024 * 1024;

/// Reads the file at `path` into `out` in one allocation (so that a file of secrets leaves no
/// stale copy behind a reallocation; the caller wipes `out`). Fails with the system's error
/// (`no_such_file_or_directory` for a missing file), or `file_too_large`.
inline boost::system::error_code read_config_file(const std::string& path, std::string& out)
{
    out.clear();
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr)
        return {errno, boost::system::generic_category()};
    boost::system::error_code ec;
    long size = -1;
    if (std::fseek(f, 0, SEEK_END) == 0)
        size = std::ftell(f);
    if (size < 0 || std::fseek(f, 0, SEEK_SET) != 0) {
        ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
    } else if (size > max_config_file_size) {
        ec = boost::system::errc::make_error_code(boost::system::errc::file_too_large);
    } else {
        out.resize(static_cast<std::size_t>(size));
        if (std::fread(out.data(), 1, out.size(), f) != out.size())
            ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
    }
    std::fclose(f);
    return ec;
}

/// `s` without leading and trailing spaces, tabs and carriage returns.
inline std::string_view trim_blanks(std::string_view s) noexcept
{
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!s.empty() && blank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && blank(s.back()))
        s.remove_suffix(1);
    return s;
}

/// Splits `text` into lines, calling `f(line_number, line)` for each (1-based, without the
/// line break) until `f` returns false.
template <class F>
void for_each_line(std::string_view text, F&& f)
{
    std::size_t number = 0;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        if (!f(++number, line))
            return;
        if (end == std::string_view::npos)
            return;
        text.remove_prefix(end + 1);
    }
}

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_AUTH_DETAIL_CONFIG_FILES_HPP

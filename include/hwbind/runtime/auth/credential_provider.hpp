// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_AUTH_CREDENTIAL_PROVIDER_HPP
#define HWBIND_RUNTIME_AUTH_CREDENTIAL_PROVIDER_HPP

/// \file
/// Where credentials come from (huaweicloud-api.md §6): the interface of a source a client
/// asks before each call, a source of fixed credentials, and the first two sources of the
/// official SDKs' chain, the environment and the profile file (`~/.huaweicloud/credentials`).
/// The third, the ECS metadata service, needs HTTP and is in `client/metadata_credentials.hpp`.

#include <hwbind/runtime/auth/credentials.hpp>
#include <hwbind/runtime/auth/detail/config_files.hpp>
#include <hwbind/runtime/codec/ascii.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace hwbind::auth {

/// A source of credentials that a client asks at the start of each call.
///
/// `get` is called from any number of threads at once, and may block (to fetch credentials
/// over the network); the credentials it returns are used for the whole call, every attempt
/// included, and must not change while the call holds them.
class credential_provider {
public:
    virtual ~credential_provider() = default;

    /// The credentials to use now, in `out`; on failure an error and, in `diag`, why (never a
    /// secret).
    virtual boost::system::error_code get(std::shared_ptr<const credentials>& out, diagnostics& diag) = 0;

    /// Where the credentials come from, for request events and messages, e.g. `environment`;
    /// static storage.
    virtual std::string_view source() const noexcept = 0;
};

/// A provider of fixed credentials, with the name of where they came from.
class static_credential_provider final : public credential_provider {
public:
    /// `source` must have static storage duration (a string literal).
    static_credential_provider(credentials c, std::string_view source)
        : credentials_(std::make_shared<const credentials>(std::move(c))), source_(source)
    {
    }

    boost::system::error_code get(std::shared_ptr<const credentials>& out, diagnostics&) override
    {
        out = credentials_;
        return {};
    }

    std::string_view source() const noexcept override { return source_; }

private:
    std::shared_ptr<const credentials> credentials_;
    std::string_view source_;
};

/// The credentials of the environment (`credentials::from_environment(scope)`), as the first
/// source of the chain: `out` is empty when neither `HUAWEICLOUD_SDK_AK` nor
/// `HUAWEICLOUD_SDK_SK` is set. Fails with `error::no_credentials` when only one of them is
/// set, or when a federated identity (`HUAWEICLOUD_SDK_IDP_ID`) is set without them, which
/// hwbind does not support: either is a mistake that falling back to the next source would
/// hide.
inline boost::system::error_code credentials_from_environment(credential_scope scope, std::optional<credentials>& out,
                                                              diagnostics& diag)
{
    out.reset();
    credentials c = credentials::from_environment(scope);
    const bool ak = !c.access_key.empty();
    const bool sk = !c.secret_key.empty();
    if (ak && sk) {
        out = std::move(c);
        return {};
    }
    if (ak || sk) {
        diag.set_message(ak ? "HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not"
                            : "HUAWEICLOUD_SDK_SK is set but HUAWEICLOUD_SDK_AK is not");
        return error::no_credentials;
    }
    if (!hwbind::detail::environment("HUAWEICLOUD_SDK_IDP_ID").empty()) {
        diag.set_message("HUAWEICLOUD_SDK_IDP_ID is set: federated identities are not supported; set "
                         "HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK");
        return error::no_credentials;
    }
    return {};
}

/// The path of the profile file: `path` when not empty, else `HUAWEICLOUD_SDK_CREDENTIALS_FILE`
/// when set, else `<home>/.huaweicloud/credentials` with `home` (empty: `$HOME`). `named`
/// tells whether it was named rather than defaulted.
inline std::string credentials_file_path(std::string_view path, std::string_view home, bool& named)
{
    return hwbind::detail::config_file_path(path, "HUAWEICLOUD_SDK_CREDENTIALS_FILE", "credentials", home, named);
}

namespace detail {

/// `value` without one pair of matching surrounding quotes, as INI readers take them.
inline std::string_view unquoted(std::string_view value) noexcept
{
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
        return value.substr(1, value.size() - 2);
    return value;
}

} // namespace detail

/// Reads the section of `scope` (`[basic]` or `[global]`) of the INI profile file `text`
/// (`where` names it in messages) into `out`, as the SDKs' profile providers do: keys `ak`,
/// `sk`, `security_token`, and `project_id` (`[basic]`) or `domain_id` (`[global]`); other
/// keys (`iam_endpoint`, ...) are ignored. Names of sections and keys are matched ignoring
/// case, `#` and `;` start comment lines, and a value may be quoted.
///
/// `out` is empty when the file has no such section. Fails with `error::no_credentials` when
/// the section lacks `ak` or `sk` (or holds a federated identity, `idp_id`, which hwbind does
/// not support), or a line is neither a section, a `key = value` pair, a comment nor blank;
/// the message gives the line number, never a line's text (it could be a secret).
inline boost::system::error_code parse_profile(std::string_view text, std::string_view where, credential_scope scope,
                                               std::optional<credentials>& out, diagnostics& diag)
{
    out.reset();
    const std::string_view wanted = scope == credential_scope::basic ? "basic" : "global";
    bool in_section = false;
    bool found = false;
    bool federated = false;
    credentials c;
    boost::system::error_code ec;
    hwbind::detail::for_each_line(text, [&](std::size_t number, std::string_view line) {
        line = hwbind::detail::trim_blanks(line);
        if (line.empty() || line.front() == '#' || line.front() == ';')
            return true;
        if (line.front() == '[') {
            if (line.back() != ']') {
                diag.set_message(std::string(where) + ':' + std::to_string(number) + ": a section name without ']'");
                ec = error::no_credentials;
                return false;
            }
            in_section = equals_ignoring_case(hwbind::detail::trim_blanks(line.substr(1, line.size() - 2)), wanted);
            found = found || in_section;
            return true;
        }
        const std::size_t equals = line.find('=');
        if (equals == std::string_view::npos) {
            diag.set_message(std::string(where) + ':' + std::to_string(number) +
                             ": neither a [section] nor a key = value line");
            ec = error::no_credentials;
            return false;
        }
        if (!in_section)
            return true;
        const std::string_view key = hwbind::detail::trim_blanks(line.substr(0, equals));
        const std::string_view value = detail::unquoted(hwbind::detail::trim_blanks(line.substr(equals + 1)));
        const auto is = [key](std::string_view name) { return equals_ignoring_case(key, name); };
        if (is("ak"))
            c.access_key = std::string(value);
        else if (is("sk"))
            c.secret_key = secret(std::string(value));
        else if (is("security_token"))
            c.security_token = secret(std::string(value));
        else if (is("project_id") && scope == credential_scope::basic)
            c.project_id = std::string(value);
        else if (is("domain_id") && scope == credential_scope::global)
            c.domain_id = std::string(value);
        else if (is("idp_id") && !value.empty())
            federated = true;
        return true;
    });
    if (ec || !found)
        return ec;
    const std::string section = std::string(where) + " [" + std::string(wanted) + ']';
    if (!c.has_aksk()) {
        diag.set_message(section + (federated ? ": federated identities (idp_id) are not supported; set ak and sk"
                                              : ": both ak and sk are needed"));
        return error::no_credentials;
    }
    out = std::move(c);
    return {};
}

/// Reads the section of `scope` of the profile file at `path` (see `parse_profile`). A file
/// that does not exist leaves `out` empty, unless `named` (the user named it), when that is
/// an error; any other failure to read it is an error, with the system's code.
inline boost::system::error_code credentials_from_profile_file(const std::string& path, bool named,
                                                               credential_scope scope, std::optional<credentials>& out,
                                                               diagnostics& diag)
{
    out.reset();
    if (path.empty())
        return {};
    std::string text;
    if (auto ec = hwbind::detail::read_config_file(path, text)) {
        if (ec == boost::system::errc::no_such_file_or_directory && !named)
            return {};
        diag.set_message("cannot read the credentials file " + path + ": " + ec.message());
        return ec;
    }
    // Held as a secret, so that the file's bytes are wiped once parsed.
    const secret contents(std::move(text));
    return parse_profile(contents.expose(), path, scope, out, diag);
}

} // namespace hwbind::auth

#endif // HWBIND_RUNTIME_AUTH_CREDENTIAL_PROVIDER_HPP

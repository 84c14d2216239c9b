// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_AUTH_CREDENTIALS_HPP
#define HWBIND_RUNTIME_AUTH_CREDENTIALS_HPP

/// \file
/// Credentials for Huawei Cloud: an access key / secret key pair (optionally temporary, with
/// a security token), an IAM token, and the project or account they act in
/// (huaweicloud-api.md §2, §6). Secrets are held in `auth::secret`, which cannot be printed.

#include <hwbind/runtime/auth/detail/config_files.hpp>

#include <openssl/crypto.h>

#include <string>
#include <string_view>
#include <utility>

namespace hwbind::auth {

/// A credential that must never be shown: it has no stream operator and no conversion to a
/// string, and its bytes are wiped when it is destroyed (a best effort: copies the standard
/// library made while it was built are beyond reach).
class secret {
public:
    secret() = default;
    explicit secret(std::string value) noexcept : value_(std::move(value)) {}
    secret(const secret&) = default;
    secret(secret&&) noexcept = default;
    secret& operator=(const secret& other)
    {
        if (this != &other) {
            wipe();
            value_ = other.value_;
        }
        return *this;
    }
    secret& operator=(secret&& other) noexcept
    {
        if (this != &other) {
            wipe();
            value_ = std::move(other.value_);
        }
        return *this;
    }
    ~secret() { wipe(); }

    /// Whether there is no secret.
    bool empty() const noexcept { return value_.empty(); }

    /// The secret itself, for the code that signs or sends it. Never log it.
    std::string_view expose() const noexcept { return value_; }

private:
    void wipe() noexcept
    {
        OPENSSL_cleanse(value_.data(), value_.size());
        value_.clear();
    }

    std::string value_;
};

/// The two kinds of AK/SK credentials of the official SDKs: `basic` ones act in a project
/// (`X-Project-Id`, regional services), `global` ones in an account (`X-Domain-Id`, global
/// services such as IAM). They decide which id the environment, the profile file and the
/// metadata provider read.
enum class credential_scope : unsigned char { basic, global };

/// What a client authenticates with.
///
/// For AK/SK signing, `access_key` and `secret_key`; temporary credentials add
/// `security_token`. For token authentication, `iam_token`. `project_id`, when set, is sent
/// as `X-Project-Id` by the signer, and is the value clients give to `{project_id}` paths;
/// `domain_id`, when set, is sent as `X-Domain-Id` (global credentials).
///
/// When both an access key pair and an IAM token are set, a client signs with the key pair
/// whenever the operation accepts AK/SK; `request_event::auth` says which was used.
struct credentials {
    std::string access_key;  ///< AK; not secret (it is sent in every signature), shown redacted anyway
    secret secret_key;       ///< SK
    secret security_token;   ///< token of temporary AK/SK credentials
    std::string project_id;  ///< project the requests act in
    secret iam_token;        ///< IAM token, for token authentication
    std::string domain_id;   ///< account (domain) the requests act in, for global services

    /// Whether requests can be signed: both an access key and a secret key are set.
    bool has_aksk() const noexcept { return !access_key.empty() && !secret_key.empty(); }

    /// Whether an IAM token is set.
    bool has_token() const noexcept { return !iam_token.empty(); }

    /// Credentials from the environment variables the official SDKs read:
    /// `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`, `HUAWEICLOUD_SDK_SECURITY_TOKEN`, and
    /// `HUAWEICLOUD_SDK_PROJECT_ID` for `basic` credentials or `HUAWEICLOUD_SDK_DOMAIN_ID`
    /// for `global` ones (as the SDKs' basic and global environment providers do). A variable
    /// that is unset leaves its member empty; check `has_aksk()`.
    static credentials from_environment(credential_scope scope = credential_scope::basic)
    {
        using hwbind::detail::environment;
        credentials c;
        c.access_key = environment("HUAWEICLOUD_SDK_AK");
        c.secret_key = secret(environment("HUAWEICLOUD_SDK_SK"));
        c.security_token = secret(environment("HUAWEICLOUD_SDK_SECURITY_TOKEN"));
        if (scope == credential_scope::basic)
            c.project_id = environment("HUAWEICLOUD_SDK_PROJECT_ID");
        else
            c.domain_id = environment("HUAWEICLOUD_SDK_DOMAIN_ID");
        return c;
    }
};

/// A description of `c` safe to log: which credentials are set, the first characters of the
/// access key and the project id (and of the domain id, when there is one); never a secret, e.g.
/// `access_key=QTWA****, secret_key=set, security_token=unset, project_id=77b6a44c..., iam_token=unset`.
inline std::string redacted_description(const credentials& c)
{
    const auto shown = [](std::string& out, std::string_view value, std::size_t visible, std::string_view mask) {
        if (value.empty()) {
            out += "unset";
            return;
        }
        out.append(value.substr(0, visible < value.size() ? visible : value.size() / 2));
        out.append(mask);
    };
    std::string out = "access_key=";
    shown(out, c.access_key, 4, "****");
    out += ", secret_key=";
    out += c.secret_key.empty() ? "unset" : "set";
    out += ", security_token=";
    out += c.security_token.empty() ? "unset" : "set";
    out += ", project_id=";
    shown(out, c.project_id, 8, "...");
    out += ", iam_token=";
    out += c.iam_token.empty() ? "unset" : "set";
    // Only when set: most credentials are project-scoped, and their description stays as it was.
    if (!c.domain_id.empty()) {
        out += ", domain_id=";
        shown(out, c.domain_id, 8, "...");
    }
    return out;
}

} // namespace hwbind::auth

#endif // HWBIND_RUNTIME_AUTH_CREDENTIALS_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_DETAIL_CERTIFICATE_ERROR_HPP
#define HWBIND_RUNTIME_TRANSPORT_DETAIL_CERTIFICATE_ERROR_HPP

/// \file
/// Why OpenSSL refused a server's certificate, as an error code: its handshake error says only
/// "certificate verify failed", while the verify result of the connection says why
/// (self-signed, unknown issuer, expired, host-name mismatch, ...).

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/system/error_code.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <string>

namespace hwbind::detail {

/// The category of OpenSSL's certificate verify results (`X509_V_ERR_*`), named
/// `hwbind.certificate`; each message is OpenSSL's (`X509_verify_cert_error_string`).
class certificate_category_impl final : public boost::system::error_category {
public:
    constexpr certificate_category_impl() noexcept : boost::system::error_category(0x8f3ab2d1c47e9a03ULL) {}

    const char* name() const noexcept override { return "hwbind.certificate"; }

    std::string message(int ev) const override { return X509_verify_cert_error_string(ev); }
};

inline constexpr certificate_category_impl certificate_category_instance{};

/// The error of a failed TLS handshake: OpenSSL's verify result (`verify_result`, from
/// `SSL_get_verify_result`) in `certificate_category_instance` when certificate verification
/// is what failed and the result says why; else `ec` as it is.
inline boost::system::error_code handshake_error(const boost::system::error_code& ec, long verify_result) noexcept
{
    const bool verify_failed = ec.category() == boost::asio::error::get_ssl_category() &&
                               ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == SSL_R_CERTIFICATE_VERIFY_FAILED;
    if (!verify_failed || verify_result == X509_V_OK)
        return ec;
    return {static_cast<int>(verify_result), certificate_category_instance};
}

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_TRANSPORT_DETAIL_CERTIFICATE_ERROR_HPP

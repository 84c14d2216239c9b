// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_DETAIL_TLS_CONTEXT_HPP
#define HWBIND_RUNTIME_TRANSPORT_DETAIL_TLS_CONTEXT_HPP

/// \file
/// The OpenSSL client context of a transport, built from its `tls_options`.

#include <hwbind/runtime/transport/options.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/context.hpp>

namespace hwbind::detail {

/// A TLS 1.2+ client context verifying peers against the system store or the configured
/// CAs, or verifying nothing when `insecure_skip_verify` says so. Throws
/// `boost::system::system_error` when a CA file, directory or PEM text cannot be loaded.
inline boost::asio::ssl::context make_tls_context(const tls_options& options)
{
    namespace ssl = boost::asio::ssl;
    ssl::context ctx(ssl::context::tls_client);
    ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                    ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    if (options.insecure_skip_verify) {
        ctx.set_verify_mode(ssl::verify_none);
        return ctx;
    }
    ctx.set_verify_mode(ssl::verify_peer);
    if (options.ca_file.empty() && options.ca_path.empty() && options.ca_pem.empty())
        ctx.set_default_verify_paths();
    if (!options.ca_file.empty())
        ctx.load_verify_file(options.ca_file);
    if (!options.ca_path.empty())
        ctx.add_verify_path(options.ca_path);
    if (!options.ca_pem.empty())
        ctx.add_certificate_authority(boost::asio::buffer(options.ca_pem));
    return ctx;
}

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_TRANSPORT_DETAIL_TLS_CONTEXT_HPP

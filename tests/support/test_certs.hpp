// A certificate authority made at test time with the OpenSSL API, and server certificates it
// signs, as PEM text: the TLS tests need no files and no clock-dependent fixtures.
#ifndef HWBIND_TESTS_SUPPORT_TEST_CERTS_HPP
#define HWBIND_TESTS_SUPPORT_TEST_CERTS_HPP

#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/context.hpp>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace hwbind::test {

/// A certificate and its private key, PEM.
struct issued_certificate {
    std::string cert_pem;
    std::string key_pem;
};

/// A self-signed CA with a fresh P-256 key, valid from an hour ago for a day.
class test_ca {
public:
    test_ca() : key_(new_key()), cert_(make_certificate("hwbind test CA", nullptr, nullptr, "critical,CA:TRUE", "")) {}

    /// The CA certificate, to trust.
    std::string cert_pem() const { return pem_of(cert_.get()); }

    /// A server certificate for `common_name` with subjectAltName `alt_names` (OpenSSL's
    /// syntax: `DNS:localhost,IP:127.0.0.1`), signed by this CA.
    issued_certificate issue(const std::string& common_name, const std::string& alt_names) const
    {
        const key_ptr key = new_key();
        const x509_ptr cert = make_certificate(common_name, key.get(), cert_.get(), "critical,CA:FALSE", alt_names);
        return {pem_of(cert.get()), pem_of(key.get())};
    }

    /// As `issue`, but valid from two days ago until yesterday only.
    issued_certificate issue_expired(const std::string& common_name, const std::string& alt_names) const
    {
        const key_ptr key = new_key();
        const x509_ptr cert =
            make_certificate(common_name, key.get(), cert_.get(), "critical,CA:FALSE", alt_names, -2 * 86400, -86400);
        return {pem_of(cert.get()), pem_of(key.get())};
    }

    /// The CA's own self-signed certificate and key, for a server to present.
    issued_certificate self_signed() const { return {cert_pem(), pem_of(key_.get())}; }

private:
    struct key_deleter {
        void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
    };
    struct x509_deleter {
        void operator()(X509* p) const noexcept { X509_free(p); }
    };
    struct bio_deleter {
        void operator()(BIO* p) const noexcept { BIO_free(p); }
    };
    using key_ptr = std::unique_ptr<EVP_PKEY, key_deleter>;
    using x509_ptr = std::unique_ptr<X509, x509_deleter>;
    using bio_ptr = std::unique_ptr<BIO, bio_deleter>;

    static void check(bool ok, const char* what)
    {
        if (!ok)
            throw std::runtime_error(std::string("test certificate: ") + what);
    }

    static key_ptr new_key()
    {
        key_ptr key(EVP_EC_gen("P-256"));
        check(key != nullptr, "key generation");
        return key;
    }

    static void add_extension(X509* cert, X509V3_CTX& ctx, int nid, const std::string& value)
    {
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
        check(ext != nullptr, "extension");
        const int added = X509_add_ext(cert, ext, -1);
        X509_EXTENSION_free(ext);
        check(added == 1, "extension");
    }

    // A certificate for `subject_key` (the CA's own key when null) signed by the CA
    // (self-signed when `issuer` is null).
    x509_ptr make_certificate(const std::string& common_name, EVP_PKEY* subject_key, X509* issuer,
                              const std::string& basic_constraints, const std::string& alt_names,
                              long not_before = -3600, long not_after = 86400) const
    {
        static long serial = 1;
        EVP_PKEY* pub = subject_key != nullptr ? subject_key : key_.get();
        x509_ptr cert(X509_new());
        check(cert != nullptr, "allocation");
        check(X509_set_version(cert.get(), 2) == 1, "version");
        check(ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial++) == 1, "serial");
        check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), not_before) != nullptr, "validity");
        check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), not_after) != nullptr, "validity");
        check(X509_set_pubkey(cert.get(), pub) == 1, "public key");
        X509_NAME* name = X509_get_subject_name(cert.get());
        check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                         reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0) == 1,
              "subject");
        check(X509_set_issuer_name(cert.get(), issuer != nullptr ? X509_get_subject_name(issuer) : name) == 1,
              "issuer");

        X509V3_CTX ctx;
        X509V3_set_ctx(&ctx, issuer != nullptr ? issuer : cert.get(), cert.get(), nullptr, nullptr, 0);
        add_extension(cert.get(), ctx, NID_basic_constraints, basic_constraints);
        add_extension(cert.get(), ctx, NID_subject_key_identifier, "hash");
        if (issuer == nullptr) {
            add_extension(cert.get(), ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
        } else {
            add_extension(cert.get(), ctx, NID_authority_key_identifier, "keyid:always");
            add_extension(cert.get(), ctx, NID_key_usage, "critical,digitalSignature");
            add_extension(cert.get(), ctx, NID_ext_key_usage, "serverAuth");
            add_extension(cert.get(), ctx, NID_subject_alt_name, alt_names);
        }
        check(X509_sign(cert.get(), key_.get(), EVP_sha256()) > 0, "signature");
        return cert;
    }

    template <class Write>
    static std::string pem_with(Write write)
    {
        bio_ptr bio(BIO_new(BIO_s_mem()));
        check(bio != nullptr && write(bio.get()) == 1, "PEM");
        char* data = nullptr;
        const long size = BIO_get_mem_data(bio.get(), &data);
        return std::string(data, static_cast<std::size_t>(size));
    }

    static std::string pem_of(X509* cert)
    {
        return pem_with([&](BIO* bio) { return PEM_write_bio_X509(bio, cert); });
    }

    static std::string pem_of(EVP_PKEY* key)
    {
        return pem_with(
            [&](BIO* bio) { return PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr); });
    }

    key_ptr key_;
    x509_ptr cert_;
};

/// A TLS server context presenting `cert`.
inline boost::asio::ssl::context server_context_for(const issued_certificate& cert)
{
    boost::asio::ssl::context context(boost::asio::ssl::context::tls_server);
    context.use_certificate_chain(boost::asio::buffer(cert.cert_pem));
    context.use_private_key(boost::asio::buffer(cert.key_pem), boost::asio::ssl::context::pem);
    return context;
}

} // namespace hwbind::test

#endif // HWBIND_TESTS_SUPPORT_TEST_CERTS_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
//
// Fuzz target: the canonicalisation of the SDK-HMAC-SHA256 signer, on requests with any path,
// query, headers and body (not only those `prepare_request` builds: a path or query may hold
// any bytes, invalid percent-encoding included).
//
// `canonical_request`, `string_to_sign` and `signed_headers` must be deterministic and equal
// to what an independent model of the rules of huaweicloud-api.md §2 gives:
//
// - URI: each `/`-separated segment decoded (taken literally when it is not valid
//   percent-encoding) and encoded again, then `/` appended unless the path ends with one;
// - query: the non-empty `&`-separated items split at their first `=`, name and value
//   canonicalised like segments, sorted by decoded name then value, joined with `&`;
// - headers: all but `Authorization` and names holding `_`, by lowercase name, values
//   without surrounding spaces and tabs; then the body's SHA-256.
//
// Signing must be deterministic too, and its `Authorization` header must carry the
// HMAC-SHA256 of the string to sign of the signed request.

#include "support.hpp"

#include <hwbind/runtime/auth/signer.hpp>

#include <fuzzer/FuzzedDataProvider.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

std::string hex(const unsigned char* p, std::size_t n)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[p[i] >> 4];
        out += digits[p[i] & 0xF];
    }
    return out;
}

std::string sha256_hex(std::string_view data)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HWBIND_FUZZ_CHECK(EVP_Digest(data.data(), data.size(), md, &n, EVP_sha256(), nullptr) == 1);
    return hex(md, n);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HWBIND_FUZZ_CHECK(HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
                           reinterpret_cast<const unsigned char*>(data.data()), data.size(), md, &n) != nullptr);
    return hex(md, n);
}

/// A URL component decoded, or as it is when it is not valid percent-encoding.
std::string decoded_or_literal(std::string_view s)
{
    auto decoded = hwbind_fuzz::decode(s);
    return decoded ? std::move(*decoded) : std::string(s);
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
}

std::string trimmed(std::string_view s)
{
    const std::size_t first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

std::string expected_uri(std::string_view path)
{
    std::string out;
    for (;;) {
        const std::size_t slash = path.find('/');
        out += hwbind_fuzz::encode(decoded_or_literal(path.substr(0, slash)));
        if (slash == std::string_view::npos)
            break;
        out += '/';
        path.remove_prefix(slash + 1);
    }
    if (out.empty() || out.back() != '/')
        out += '/';
    return out;
}

std::string expected_query(std::string_view query)
{
    std::vector<std::pair<std::string, std::string>> pairs;
    for (;;) {
        const std::size_t amp = query.find('&');
        const std::string_view item = query.substr(0, amp);
        if (!item.empty()) {
            const std::size_t eq = item.find('=');
            pairs.emplace_back(decoded_or_literal(item.substr(0, eq)),
                               eq == std::string_view::npos ? std::string() : decoded_or_literal(item.substr(eq + 1)));
        }
        if (amp == std::string_view::npos)
            break;
        query.remove_prefix(amp + 1);
    }
    std::sort(pairs.begin(), pairs.end());
    std::string out;
    for (const auto& [name, value] : pairs) {
        if (!out.empty())
            out += '&';
        out += hwbind_fuzz::encode(name) + '=' + hwbind_fuzz::encode(value);
    }
    return out;
}

struct expected_signing {
    std::string canonical_request;
    std::string signed_headers;
    std::string string_to_sign;
};

expected_signing expected(const hwbind::prepared_request& req)
{
    std::vector<std::pair<std::string, std::string>> headers; // lowercase name, trimmed value
    std::string sdk_date;
    for (const hwbind::header_field& h : req.headers()) {
        const std::string name = lower(h.name);
        if (name == "x-sdk-date")
            sdk_date = h.value;
        if (name != "authorization" && name.find('_') == std::string::npos)
            headers.emplace_back(name, trimmed(h.value));
    }
    std::sort(headers.begin(), headers.end());

    expected_signing e;
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (i != 0)
            e.signed_headers += ';';
        e.signed_headers += headers[i].first;
    }
    e.canonical_request = std::string(hwbind::meta::to_string(req.method())) + '\n' + expected_uri(req.path()) +
                          '\n' + expected_query(req.query()) + '\n';
    for (const auto& [name, value] : headers)
        e.canonical_request += name + ':' + value + '\n';
    e.canonical_request += '\n' + e.signed_headers + '\n' + sha256_hex(req.body());
    e.string_to_sign = "SDK-HMAC-SHA256\n" + sdk_date + '\n' + sha256_hex(e.canonical_request);
    return e;
}

void check_canonical_forms(const hwbind::prepared_request& req)
{
    const expected_signing e = expected(req);
    const std::string canonical = hwbind::auth::canonical_request(req);
    HWBIND_FUZZ_CHECK(canonical == e.canonical_request);
    HWBIND_FUZZ_CHECK(hwbind::auth::canonical_request(req) == canonical);
    HWBIND_FUZZ_CHECK(hwbind::auth::signed_headers(req) == e.signed_headers);
    const std::string to_sign = hwbind::auth::string_to_sign(req);
    HWBIND_FUZZ_CHECK(to_sign == e.string_to_sign);
    HWBIND_FUZZ_CHECK(hwbind::auth::string_to_sign(req) == to_sign);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider in(data, size);
    hwbind::prepared_request req;
    req.set_method(static_cast<hwbind::meta::http_method>(in.ConsumeIntegralInRange(0, 5)));
    const std::string path = in.ConsumeRandomLengthString(256);
    const std::string query = in.ConsumeRandomLengthString(256);
    req.set_target(path, query);
    const int header_count = in.ConsumeIntegralInRange(0, 6);
    for (int i = 0; i < header_count; ++i) {
        const std::string name = in.ConsumeRandomLengthString(32);
        req.headers().set(name, in.ConsumeRandomLengthString(64));
    }
    req.set_body(in.ConsumeRemainingBytesAsString());
    check_canonical_forms(req);

    hwbind::auth::credentials creds;
    creds.access_key = "FUZZACCESSKEY";
    creds.secret_key = hwbind::auth::secret("fuzz-secret-key");
    const std::chrono::system_clock::time_point now{std::chrono::seconds(1767323045)};
    hwbind::prepared_request again = req;
    hwbind::auth::sign_request(req, creds, now, "example.test");
    hwbind::auth::sign_request(again, creds, now, "example.test");
    check_canonical_forms(req);

    const hwbind::header_field* authorization = req.headers().find("Authorization");
    HWBIND_FUZZ_CHECK(authorization != nullptr);
    HWBIND_FUZZ_CHECK(authorization->value == "SDK-HMAC-SHA256 Access=FUZZACCESSKEY, SignedHeaders=" +
                                                  hwbind::auth::signed_headers(req) + ", Signature=" +
                                                  hmac_sha256_hex("fuzz-secret-key", hwbind::auth::string_to_sign(req)));
    const hwbind::header_field* repeated = again.headers().find("Authorization");
    HWBIND_FUZZ_CHECK(repeated != nullptr && repeated->value == authorization->value);
    return 0;
}

// A second, independent implementation of SDK-HMAC-SHA256 (huaweicloud-api.md §2) for the
// test server: it verifies the Authorization header of a received request from scratch,
// sharing no code with include/hwbind/runtime/auth/signer.hpp (its own percent-decoding and
// encoding, sorting, hashing and hex), so that a mistake in the signer cannot hide itself.
// Checked against the three published vectors in tests/client_test.cpp.
#ifndef HWBIND_TESTS_SUPPORT_SIGNATURE_CHECK_HPP
#define HWBIND_TESTS_SUPPORT_SIGNATURE_CHECK_HPP

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hwbind::test::sig {

inline std::string hex(const unsigned char* data, std::size_t n)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 15];
    }
    return out;
}

inline std::string sha256_hex(std::string_view data)
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
    return hex(digest, sizeof digest);
}

inline std::string hmac_sha256_hex(std::string_view key, std::string_view data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), digest, &n);
    return hex(digest, n);
}

inline std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

inline std::string trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return std::string(s);
}

/// `%XX` decoded (either hex case); other bytes as they are.
inline std::string decode(std::string_view s)
{
    const auto value = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    };
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && value(s[i + 1]) >= 0 && value(s[i + 2]) >= 0) {
            out += static_cast<char>(value(s[i + 1]) * 16 + value(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

/// RFC 3986 unreserved kept, everything else `%XX` uppercase.
inline std::string encode(std::string_view s)
{
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += ch;
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 15];
        }
    }
    return out;
}

inline std::string canonical_uri(std::string_view path)
{
    std::string out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t slash = path.find('/', start);
        out += encode(decode(path.substr(start, slash - start)));
        if (slash == std::string_view::npos)
            break;
        out += '/';
        start = slash + 1;
    }
    if (out.empty() || out.back() != '/')
        out += '/';
    return out;
}

inline std::string canonical_query(std::string_view query)
{
    std::vector<std::pair<std::string, std::string>> pairs;
    while (!query.empty()) {
        const std::size_t amp = std::min(query.find('&'), query.size());
        const std::string_view item = query.substr(0, amp);
        if (!item.empty()) {
            const std::size_t eq = item.find('=');
            pairs.emplace_back(decode(item.substr(0, eq)),
                               eq == std::string_view::npos ? std::string() : decode(item.substr(eq + 1)));
        }
        query.remove_prefix(std::min(amp + 1, query.size()));
    }
    std::sort(pairs.begin(), pairs.end());
    std::string out;
    for (const auto& [key, value] : pairs) {
        if (!out.empty())
            out += '&';
        out += encode(key) + '=' + encode(value);
    }
    return out;
}

/// The parts of an `Authorization: SDK-HMAC-SHA256 ...` value.
struct authorization {
    std::string access;
    std::vector<std::string> signed_headers;
    std::string signature;
};

inline std::optional<authorization> parse_authorization(std::string_view value)
{
    const std::string_view scheme = "SDK-HMAC-SHA256 ";
    if (value.substr(0, scheme.size()) != scheme)
        return std::nullopt;
    value.remove_prefix(scheme.size());
    authorization out;
    bool has_access = false, has_headers = false, has_signature = false;
    while (!value.empty()) {
        const std::size_t comma = value.find(',');
        const std::string item = trim(value.substr(0, comma));
        value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
        const std::size_t eq = item.find('=');
        if (eq == std::string::npos)
            return std::nullopt;
        const std::string key = item.substr(0, eq);
        const std::string val = item.substr(eq + 1);
        if (key == "Access") {
            out.access = val;
            has_access = true;
        } else if (key == "SignedHeaders") {
            for (std::size_t s = 0; s <= val.size();) {
                const std::size_t semi = std::min(val.find(';', s), val.size());
                out.signed_headers.push_back(val.substr(s, semi - s));
                s = semi + 1;
            }
            has_headers = true;
        } else if (key == "Signature") {
            out.signature = val;
            has_signature = true;
        } else {
            return std::nullopt;
        }
    }
    if (!has_access || !has_headers || !has_signature)
        return std::nullopt;
    return out;
}

/// A request as the checker sees it: headers by lowercase name.
struct message {
    std::string method;
    std::string target; ///< path, then `?` and the query
    std::map<std::string, std::string> headers;
    std::string body;
};

inline std::string canonical_request(const message& m, const std::vector<std::string>& signed_headers)
{
    const std::size_t question = m.target.find('?');
    const std::string path = m.target.substr(0, question);
    const std::string query = question == std::string::npos ? std::string() : m.target.substr(question + 1);
    std::string out = m.method + '\n' + canonical_uri(path) + '\n' + canonical_query(query) + '\n';
    std::string names;
    for (const std::string& name : signed_headers) {
        const auto h = m.headers.find(name);
        out += name + ':' + (h == m.headers.end() ? std::string() : trim(h->second)) + '\n';
        names += (names.empty() ? "" : ";") + name;
    }
    out += '\n' + names + '\n' + sha256_hex(m.body);
    return out;
}

inline std::string string_to_sign(std::string_view sdk_date, std::string_view canonical)
{
    return "SDK-HMAC-SHA256\n" + std::string(sdk_date) + '\n' + sha256_hex(canonical);
}

/// Why `m` is not correctly signed with `access_key` / `secret_key`; empty when it is.
inline std::string verify(const message& m, std::string_view access_key, std::string_view secret_key)
{
    const auto header = m.headers.find("authorization");
    if (header == m.headers.end())
        return "no Authorization header";
    const auto auth = parse_authorization(header->second);
    if (!auth)
        return "malformed Authorization header";
    if (auth->access != access_key)
        return "unknown access key";
    std::vector<std::string> sorted = auth->signed_headers;
    std::sort(sorted.begin(), sorted.end());
    if (sorted != auth->signed_headers)
        return "SignedHeaders not sorted";
    const auto signs = [&](const std::string& name) {
        return std::find(sorted.begin(), sorted.end(), name) != sorted.end();
    };
    for (const char* required : {"host", "x-sdk-date"}) {
        if (!signs(required))
            return std::string(required) + " not signed";
    }
    for (const char* when_sent : {"x-project-id", "x-security-token", "content-type"}) {
        if (m.headers.count(when_sent) != 0 && !signs(when_sent))
            return std::string(when_sent) + " sent but not signed";
    }
    for (const std::string& name : sorted) {
        if (m.headers.count(name) == 0)
            return name + " signed but not sent";
    }
    const std::string expected =
        hmac_sha256_hex(secret_key, string_to_sign(m.headers.at("x-sdk-date"), canonical_request(m, sorted)));
    return expected == auth->signature ? std::string() : std::string("signature mismatch");
}

} // namespace hwbind::test::sig

#endif // HWBIND_TESTS_SUPPORT_SIGNATURE_CHECK_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_AUTH_SIGNER_HPP
#define HWBIND_RUNTIME_AUTH_SIGNER_HPP

/// \file
/// Authentication of a `prepared_request`: the SDK-HMAC-SHA256 signature of Huawei Cloud's
/// AK/SK scheme, and token authentication.
///
/// Every signing rule here comes from `huaweicloud-api.md` §2 (the public signing guide and
/// the Go and Python SDKs), and the tests reproduce its three published vectors:
///
/// \code
/// CanonicalRequest = Method "\n" CanonicalURI "\n" CanonicalQuery "\n"
///                    CanonicalHeaders "\n" SignedHeaders "\n" HexLower(SHA256(body))
/// StringToSign     = "SDK-HMAC-SHA256" "\n" X-Sdk-Date "\n" HexLower(SHA256(CanonicalRequest))
/// Signature        = HexLower(HMAC-SHA256(key = SK, StringToSign))
/// Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2;...>, Signature=<sig>
/// \endcode

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/auth/credentials.hpp>
#include <hwbind/runtime/auth/detail/hmac_sha256.hpp>
#include <hwbind/runtime/codec/ascii.hpp>
#include <hwbind/runtime/codec/percent_encoding.hpp>
#include <hwbind/runtime/codec/request.hpp>

#include <boost/assert.hpp>
#include <boost/container/small_vector.hpp>

#include <openssl/crypto.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace hwbind::auth {

/// The name of the signing algorithm, first word of the `Authorization` header.
inline constexpr std::string_view sdk_hmac_sha256 = "SDK-HMAC-SHA256";

/// The header carrying the signing time.
inline constexpr std::string_view sdk_date_header = "X-Sdk-Date";

namespace detail {

/// Writes `t` as `X-Sdk-Date` spells it (16 characters) to `out`.
inline void write_sdk_date(char (&out)[16], std::chrono::system_clock::time_point t) noexcept
{
    const std::int64_t seconds = std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
    std::int64_t days = seconds / 86400;
    std::int64_t second_of_day = seconds % 86400;
    if (second_of_day < 0) {
        second_of_day += 86400;
        --days;
    }
    // Civil date from days since 1970-01-01 (Howard Hinnant's `civil_from_days`): no time
    // zone, no locale, no lock, unlike gmtime.
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t day_of_era = days - era * 146097;
    const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t mp = (5 * day_of_year + 2) / 153;
    const std::int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = year_of_era + era * 400 + (month <= 2);

    const auto put = [&out](std::size_t pos, std::int64_t value, std::size_t width) {
        for (std::size_t i = width; i-- > 0; value /= 10)
            out[pos + i] = static_cast<char>('0' + value % 10);
    };
    put(0, year, 4);
    put(4, month, 2);
    put(6, day, 2);
    out[8] = 'T';
    put(9, second_of_day / 3600, 2);
    put(11, second_of_day / 60 % 60, 2);
    put(13, second_of_day % 60, 2);
    out[15] = 'Z';
}

} // namespace detail

/// `t` as `X-Sdk-Date` spells it: UTC, `YYYYMMDDTHHMMSSZ` (e.g. `20191115T033655Z`),
/// truncated to the second.
inline std::string format_sdk_date(std::chrono::system_clock::time_point t)
{
    char out[16];
    detail::write_sdk_date(out, t);
    return std::string(out, sizeof(out));
}

/// The time an `X-Sdk-Date` value spells (`YYYYMMDDTHHMMSSZ`, UTC), or nothing when it is not
/// exactly that form of a real date and time: `format_sdk_date` of the result gives `text`
/// back.
inline std::optional<std::chrono::system_clock::time_point> parse_sdk_date(std::string_view text)
{
    if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z')
        return std::nullopt;
    const auto number = [text](std::size_t pos, std::size_t width, std::int64_t& out) {
        out = 0;
        for (std::size_t i = pos; i < pos + width; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return false;
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    std::int64_t year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!number(0, 4, year) || !number(4, 2, month) || !number(6, 2, day) || !number(9, 2, hour) ||
        !number(11, 2, minute) || !number(13, 2, second))
        return std::nullopt;
    // Days since 1970-01-01 from the civil date (Howard Hinnant's `days_from_civil`), the
    // inverse of `write_sdk_date`.
    const std::int64_t y = year - (month <= 2);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t year_of_era = y - era * 400;
    const std::int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    const std::int64_t days = era * 146097 + day_of_era - 719468;
    const std::chrono::seconds since_epoch(days * 86400 + hour * 3600 + minute * 60 + second);
    // The clock's range may be narrower than four-digit years (nanoseconds: 1677 to 2262).
    using clock_duration = std::chrono::system_clock::duration;
    if (since_epoch > std::chrono::duration_cast<std::chrono::seconds>(clock_duration::max()) ||
        since_epoch < std::chrono::duration_cast<std::chrono::seconds>(clock_duration::min()))
        return std::nullopt;
    const std::chrono::system_clock::time_point t(std::chrono::duration_cast<clock_duration>(since_epoch));
    // Out-of-range fields (month 13, 20230230, hour 24) give another date: refuse them.
    char check[16];
    detail::write_sdk_date(check, t);
    if (std::string_view(check, sizeof(check)) != text)
        return std::nullopt;
    return t;
}

namespace detail {

/// Whether header `name` is signed: every header the request carries, except names holding
/// `_` (never signed, §2) and `Authorization` itself, which a request re-signed for a retry
/// still carries from the attempt before.
inline bool is_signed_header(std::string_view name) noexcept
{
    return name.find('_') == std::string_view::npos && !header_list::equal_names(name, "Authorization");
}

/// How header name `a` sorts against `b` in lower case: negative before, 0 equal, positive after.
inline int lower_name_compare(std::string_view a, std::string_view b) noexcept
{
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const char x = ascii_to_lower(a[i]);
        const char y = ascii_to_lower(b[i]);
        if (x != y)
            return static_cast<unsigned char>(x) < static_cast<unsigned char>(y) ? -1 : 1;
    }
    return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

/// Sorts `[first, last)` of trivially copyable `T` by `less`: by insertion, as `std::sort`
/// does for the few elements that a request's headers and query hold, and with `std::qsort`
/// beyond that. Neither compiles an introsort for each element type.
template <class T>
void sort_elements(T* first, T* last, int (*compare)(const void*, const void*))
{
    static_assert(std::is_trivially_copyable_v<T>, "qsort moves elements by their bytes");
    if (last - first > 16) {
        std::qsort(first, static_cast<std::size_t>(last - first), sizeof(T), compare);
        return;
    }
    for (T* i = first + (first != last); i < last; ++i) {
        const T item = *i;
        T* j = i;
        for (; j != first && compare(&item, j - 1) < 0; --j)
            *j = *(j - 1);
        *j = item;
    }
}

using signed_header_list = boost::container::small_vector<const header_field*, 12>;

/// The signed headers of `req`, sorted by lowercase name.
inline signed_header_list signed_headers_of(const prepared_request& req)
{
    signed_header_list list;
    for (const header_field& h : req.headers()) {
        if (is_signed_header(h.name))
            list.push_back(&h);
    }
    sort_elements(list.data(), list.data() + list.size(), [](const void* a, const void* b) {
        return lower_name_compare((*static_cast<const header_field* const*>(a))->name,
                                  (*static_cast<const header_field* const*>(b))->name);
    });
    return list;
}

inline void append_lower(std::string& out, std::string_view s)
{
    const std::size_t old_size = out.size();
    out.resize(old_size + s.size());
    std::transform(s.begin(), s.end(), out.begin() + static_cast<std::ptrdiff_t>(old_size), ascii_to_lower);
}

/// Appends `h1;h2;...`: the lowercase names, sorted, joined with `;`.
inline void append_signed_header_names(std::string& out, const signed_header_list& headers)
{
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (i != 0)
            out += ';';
        append_lower(out, headers[i]->name);
    }
}

/// Appends the canonical URI: each segment of the path canonically percent-encoded, then a
/// `/` when the path does not end with one. The slash is only in the canonical form, never
/// in the URL sent.
inline void append_canonical_uri(std::string& out, std::string_view path)
{
    for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/')) {
        hwbind::codec::append_canonical_component(out, path.substr(0, slash));
        out += '/';
        path.remove_prefix(slash + 1);
    }
    hwbind::codec::append_canonical_component(out, path);
    if (out.empty() || out.back() != '/')
        out += '/';
}

/// Appends the canonical query: the `key=value` pairs sorted by key, then by value (both
/// compared decoded, as the SDKs sort the raw strings), each canonically percent-encoded,
/// joined with `&`. A key without `=` has an empty value; empty pairs are dropped.
inline void append_canonical_query(std::string& out, std::string_view query)
{
    if (query.empty())
        return;
    // A component already canonical (every one `prepare_request` writes) is used where it
    // lies in `query`; the others are encoded again into a buffer reserved for the worst case
    // (each byte written as `%XX`), so that views into it stay valid while it fills.
    thread_local std::string reencoded;
    reencoded.clear();
    reencoded.reserve(3 * query.size());
    const auto canonical = [](std::string_view component) {
        if (hwbind::codec::is_canonically_encoded(component))
            return component;
        const std::size_t begin = reencoded.size();
        hwbind::codec::append_canonical_component(reencoded, component);
        return std::string_view(reencoded).substr(begin);
    };
    struct pair {
        std::string_view key;
        std::string_view value;
        bool escaped; // holds a %XX, so that ordering must decode it
    };
    boost::container::small_vector<pair, 12> pairs;
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view item = query.substr(0, amp);
        query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
        if (item.empty())
            continue;
        const std::size_t eq = item.find('=');
        pair p;
        p.key = canonical(item.substr(0, eq));
        p.value = eq == std::string_view::npos ? std::string_view() : canonical(item.substr(eq + 1));
        p.escaped = p.key.find('%') != std::string_view::npos || p.value.find('%') != std::string_view::npos;
        pairs.push_back(p);
    }
    // Without escapes a canonical encoding is its own decoding.
    sort_elements(pairs.data(), pairs.data() + pairs.size(), [](const void* x, const void* y) {
        const pair& a = *static_cast<const pair*>(x);
        const pair& b = *static_cast<const pair*>(y);
        if (!a.escaped && !b.escaped) {
            const int by_key = a.key.compare(b.key);
            return by_key != 0 ? by_key : a.value.compare(b.value);
        }
        const int by_key = hwbind::codec::compare_decoded(a.key, b.key);
        return by_key != 0 ? by_key : hwbind::codec::compare_decoded(a.value, b.value);
    });
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (i != 0)
            out += '&';
        out.append(pairs[i].key);
        out += '=';
        out.append(pairs[i].value);
    }
}

/// Appends the value without leading and trailing spaces and tabs.
inline void append_trimmed(std::string& out, std::string_view value)
{
    const std::size_t first = value.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return;
    out.append(value.substr(first, value.find_last_not_of(" \t") - first + 1));
}

/// Appends the whole canonical request of `req` over `headers`.
inline void append_canonical_request(std::string& out, const prepared_request& req, const signed_header_list& headers)
{
    out.append(meta::to_string(req.method()));
    out += '\n';
    append_canonical_uri(out, req.path());
    out += '\n';
    append_canonical_query(out, req.query());
    out += '\n';
    for (const header_field* h : headers) {
        append_lower(out, h->name);
        out += ':';
        append_trimmed(out, h->value);
        out += '\n';
    }
    out += '\n';
    append_signed_header_names(out, headers);
    out += '\n';
    // A streamed body (a form with files) is not hashed: the request says so with
    // `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`, and that value is signed instead, as the SDKs do.
    if (const header_field* unsigned_body = req.headers().find(unsigned_payload_header);
        unsigned_body != nullptr && unsigned_body->value == unsigned_payload) {
        out.append(unsigned_payload);
    } else if (req.body().empty()) {
        out += "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; // SHA-256 of nothing
    } else {
        hwbind::detail::append_hex(out, hwbind::detail::sha256(req.body()));
    }
}

/// Appends the string to sign for the canonical request `canonical` signed at `sdk_date`.
/// `canonical` may lie in `out`: it is hashed before `out` grows.
inline void append_string_to_sign(std::string& out, std::string_view sdk_date, std::string_view canonical)
{
    const auto canonical_hash = hwbind::detail::sha256(canonical);
    out.append(sdk_hmac_sha256);
    out += '\n';
    out.append(sdk_date);
    out += '\n';
    hwbind::detail::append_hex(out, canonical_hash);
}

/// The `X-Sdk-Date` value of `req`, empty when it has none.
inline std::string_view sdk_date_of(const prepared_request& req) noexcept
{
    const header_field* h = req.headers().find(sdk_date_header);
    return h != nullptr ? std::string_view(h->value) : std::string_view();
}

} // namespace detail

/// The canonical request of `req` as it stands, over all its headers except those whose
/// name holds `_` and `Authorization`.
inline std::string canonical_request(const prepared_request& req)
{
    std::string out;
    detail::append_canonical_request(out, req, detail::signed_headers_of(req));
    return out;
}

/// The `SignedHeaders` list of `req` as it stands: `h1;h2;...`.
inline std::string signed_headers(const prepared_request& req)
{
    std::string out;
    detail::append_signed_header_names(out, detail::signed_headers_of(req));
    return out;
}

/// The string to sign of `req` as it stands; its `X-Sdk-Date` header gives the time.
inline std::string string_to_sign(const prepared_request& req)
{
    std::string out;
    detail::append_string_to_sign(out, detail::sdk_date_of(req), canonical_request(req));
    return out;
}

/// Whether `signature` (lowercase hex) is the SDK-HMAC-SHA256 signature of `req` under
/// `secret_key` over exactly the headers `signed_headers` names (`h1;h2;...`, as the
/// `Authorization` header lists them), signed at the time of its `X-Sdk-Date` header.
///
/// This is the server's side of `sign_request`, sharing its canonical forms: the canonical
/// request is rebuilt from `req` as received (its path and query as they were sent) over the
/// listed headers in the listed order. False when a listed header is missing from `req` or
/// the list is empty. The signatures are compared in constant time.
inline bool verify_signature(const prepared_request& req, std::string_view signed_headers,
                             std::string_view secret_key, std::string_view signature)
{
    detail::signed_header_list list;
    while (!signed_headers.empty()) {
        const std::size_t semicolon = signed_headers.find(';');
        const header_field* h = req.headers().find(signed_headers.substr(0, semicolon));
        if (h == nullptr)
            return false;
        list.push_back(h);
        signed_headers.remove_prefix(semicolon == std::string_view::npos ? signed_headers.size() : semicolon + 1);
    }
    if (list.empty())
        return false;
    std::string buffer;
    detail::append_canonical_request(buffer, req, list);
    const std::size_t canonical_size = buffer.size();
    detail::append_string_to_sign(buffer, detail::sdk_date_of(req), buffer);
    const auto expected = hwbind::detail::hmac_sha256(secret_key, std::string_view(buffer).substr(canonical_size));
    buffer.clear();
    hwbind::detail::append_hex(buffer, expected);
    return signature.size() == buffer.size() && CRYPTO_memcmp(signature.data(), buffer.data(), buffer.size()) == 0;
}

/// Signs `req` in place with the AK/SK of `creds`, at time `now`.
///
/// Sets `X-Sdk-Date` from `now`, `Host` to `host` unless `host` is empty (the host, and
/// `:port` when not the default, the request goes to), `X-Security-Token` when `creds` has
/// one, `X-Project-Id` when `creds` has a project id and `X-Domain-Id` when it has a domain
/// id (global credentials); all of these are signed with the
/// other headers of `req`. Then sets `Authorization`. Signing a signed request again (a
/// retry) replaces all of them.
///
/// \pre `creds.has_aksk()`.
/// \throws std::runtime_error when OpenSSL fails, which it only does out of memory.
inline void sign_request(prepared_request& req, const credentials& creds, std::chrono::system_clock::time_point now,
                         std::string_view host = {})
{
    BOOST_ASSERT(creds.has_aksk());
    header_list& headers = req.headers();
    char sdk_date[16];
    detail::write_sdk_date(sdk_date, now);
    headers.set(sdk_date_header, std::string_view(sdk_date, sizeof(sdk_date)));
    if (!host.empty())
        headers.set("Host", host);
    if (!creds.security_token.empty())
        headers.set("X-Security-Token", creds.security_token.expose());
    if (!creds.project_id.empty())
        headers.set("X-Project-Id", creds.project_id);
    if (!creds.domain_id.empty())
        headers.set("X-Domain-Id", creds.domain_id);

    // One buffer per thread for the canonical request and the string to sign: after the
    // first request, signing allocates nothing for them.
    thread_local std::string buffer;
    buffer.clear();
    const detail::signed_header_list signed_list = detail::signed_headers_of(req);
    detail::append_canonical_request(buffer, req, signed_list);
    const std::size_t canonical_size = buffer.size();
    detail::append_string_to_sign(buffer, std::string_view(sdk_date, sizeof(sdk_date)),
                                  std::string_view(buffer).substr(0, canonical_size));
    const auto signature = hwbind::detail::hmac_sha256(creds.secret_key.expose(),
                                                       std::string_view(buffer).substr(canonical_size));

    // The Authorization value reuses the buffer, after what it no longer needs.
    buffer.resize(canonical_size);
    const std::size_t value_begin = buffer.size();
    buffer.append(sdk_hmac_sha256);
    buffer += " Access=";
    buffer += creds.access_key;
    buffer += ", SignedHeaders=";
    detail::append_signed_header_names(buffer, signed_list);
    buffer += ", Signature=";
    hwbind::detail::append_hex(buffer, signature);
    headers.set("Authorization", std::string_view(buffer).substr(value_begin));
}

/// Authenticates `req` with the IAM token of `creds`: sets the header `token_header` (an
/// operation's `Op::auth.token_header`) to it. The client does so for an operation that
/// accepts a token when the credentials hold no key pair it accepts.
///
/// \pre `creds.has_token()` and `token_header` is not empty.
inline void add_token(prepared_request& req, const credentials& creds, std::string_view token_header)
{
    BOOST_ASSERT(creds.has_token());
    BOOST_ASSERT(!token_header.empty());
    req.headers().set(token_header, creds.iam_token.expose());
}

} // namespace hwbind::auth

#endif // HWBIND_RUNTIME_AUTH_SIGNER_HPP

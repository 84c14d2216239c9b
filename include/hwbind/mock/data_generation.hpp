// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_MOCK_DATA_GENERATION_HPP
#define HWBIND_MOCK_DATA_GENERATION_HPP

/// \file
/// The records a mock server serves: an operation's documented example response, and more
/// items made from the example's items by walking their described members. Generic: the
/// rules look at member types, wire names and constraints, never at a particular model.
///
/// Record `r` (after the documented items, which come first, unchanged) is a copy of example
/// item `r % n`, varied member by member:
/// - identifiers (members named `id` or `name`, and, in a model without `id`, its first
///   member whose name ends in `_id`) are unique among all records: the template's last
///   digits are replaced by the record number (`DM2025063021170101xxxxx` gives
///   `DM2025063021170017xxxxx`), or `-<r>` is appended to a template without enough digits;
/// - other strings take one of four variants, the template itself or its last digit moved
///   up (`glz-2451`, `glz-2452`, ...) or `-1` to `-3` appended, so that filters on them
///   match many records; ISO 8601 date-times (`2021-05-12T03:50:38.305978Z`) move back in
///   time instead, and empty strings stay empty;
/// - integers from 10^11 are millisecond timestamps, from 10^9 second timestamps: they move
///   back in time by the record's shift (up to 180 days, the same for all the record's
///   times, so that their order is kept); other integers are drawn between the member's
///   minimum (else 0) and its maximum (else twice the template, at least 10);
/// - enumerations cycle through their documented values; booleans are drawn; doubles are
///   scaled by 0.5 to 1.5; `any_value` members and negative integers are kept; a
///   `loose_time` that is a number moves back as a millisecond timestamp, a string is kept;
/// - an optional member the template has is left out of one record in ten, unless it is an
///   identifier or required; nested models and arrays are varied element by element by the
///   same rules (identifiers only at the record's top level).
///
/// The random numbers come from SplitMix64, seeded by the server's seed, the operation's
/// name and the record number: the same seed gives the same records everywhere.

#include <hwbind/meta/any_value.hpp>
#include <hwbind/meta/loose_time.hpp>
#include <hwbind/meta/field.hpp>
#include <hwbind/meta/open_enum.hpp>
#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/auth/signer.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/ascii.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>

#include <boost/mp11/algorithm.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

namespace hwbind::mock::detail {

/// SplitMix64 (Steele, Lea and Flood, 2014). The standard distributions are not specified
/// bit for bit, so with them a seed would give other records with another standard library.
class random {
public:
    /// The generator of stream `stream` of `seed`.
    random(std::uint64_t seed, std::uint64_t stream) noexcept : state_(seed)
    {
        state_ = next() ^ stream;
    }

    std::uint64_t next() noexcept
    {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    /// A number in [0, n), n > 0 (the modulo bias is irrelevant for test data).
    std::uint64_t below(std::uint64_t n) noexcept { return next() % n; }

private:
    std::uint64_t state_;
};

/// FNV-1a of `s`: a hash that, unlike `std::hash`, is the same on every platform.
constexpr std::uint64_t hash_text(std::string_view s) noexcept
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : s)
        h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return h;
}

constexpr bool ends_with(std::string_view s, std::string_view suffix) noexcept
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// Whether member `index` of model `T` identifies a record: it is named `id` or `name`, or,
/// when `T` has no `id`, it is the first member whose name ends in `_id`.
template <class T>
constexpr bool is_identifier(std::size_t index) noexcept
{
    constexpr auto fields = meta::fields_of<T>();
    const std::string_view name = fields[index].wire_name;
    if (name == "id" || name == "name")
        return true;
    for (const meta::field& f : fields) {
        if (f.wire_name == "id")
            return false;
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (ends_with(fields[i].wire_name, "_id"))
            return i == index;
    }
    return false;
}

/// How one record is varied.
struct record_context {
    std::size_t number = 0;        ///< the record's position among all records
    std::size_t number_width = 1;  ///< digits of the largest record number
    random rng;                    ///< this record's random numbers
    std::int64_t time_shift_ms = 0; ///< how far back in time its timestamps move
    std::unordered_set<std::string>* identifiers = nullptr; ///< `name '\n' value` of those used so far
};

/// Writes `n` in decimal, zero-padded to `width` digits, over the last `width` digits of `s`;
/// false when `s` has fewer digits.
inline bool write_last_digits(std::string& s, std::uint64_t n, std::size_t width)
{
    std::size_t written = 0;
    for (std::size_t i = s.size(); i-- > 0 && written < width;) {
        if (s[i] >= '0' && s[i] <= '9')
            ++written;
    }
    if (written < width)
        return false;
    for (std::size_t i = s.size(); i-- > 0 && width > 0;) {
        if (s[i] >= '0' && s[i] <= '9') {
            s[i] = static_cast<char>('0' + n % 10);
            n /= 10;
            --width;
        }
    }
    return true;
}

/// A value of identifier `name` for the record, made from `tpl` and unique among the values
/// recorded in `ctx.identifiers`, where it is recorded.
inline std::string unique_text(const std::string& tpl, std::string_view name, record_context& ctx)
{
    std::string value = tpl;
    const std::string suffix = "-" + std::to_string(ctx.number);
    if (!write_last_digits(value, ctx.number, ctx.number_width))
        value = tpl.empty() ? std::to_string(ctx.number) : tpl + suffix;
    std::string entry(name);
    entry += '\n';
    // A template can come back to another record's value (or a documented one): lengthen
    // it until it is new.
    while (!ctx.identifiers->insert(entry + value).second)
        value += suffix;
    return value;
}

/// Variant `k` (0 to 3) of `tpl`: `tpl` itself for 0, else its last digit moved up by `k`,
/// or `-k` appended.
inline std::string variant_text(const std::string& tpl, std::uint64_t k)
{
    std::string value = tpl;
    if (k == 0)
        return value;
    for (std::size_t i = value.size(); i-- > 0;) {
        if (value[i] >= '0' && value[i] <= '9') {
            value[i] = static_cast<char>('0' + (value[i] - '0' + k) % 10);
            return value;
        }
    }
    return value + '-' + std::to_string(k);
}

/// Moves the ISO 8601 date-time at the start of `s` (`YYYY-MM-DDTHH:MM:SS`, any fraction
/// and zone after it kept) back by `seconds`; false when `s` does not start with one.
inline bool shift_iso_time(std::string& s, std::int64_t seconds)
{
    // The date-time in the X-Sdk-Date form, for the signer's date functions.
    static constexpr std::size_t digits[] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
    if (s.size() < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        return false;
    std::string compact;
    for (const std::size_t i : digits) {
        compact += s[i];
        if (compact.size() == 8)
            compact += 'T';
    }
    compact += 'Z';
    const auto t = auth::parse_sdk_date(compact);
    if (!t)
        return false;
    const std::string shifted = auth::format_sdk_date(*t - std::chrono::seconds(seconds));
    std::size_t from = 0;
    for (const std::size_t i : digits) {
        from += shifted[from] == 'T';
        s[i] = shifted[from++];
    }
    return true;
}

template <class T>
void vary_model(T& value, record_context& ctx, bool record_level);

/// Varies one value of a member described by `f`; `identifier` when the member identifies
/// the record.
template <class V>
void vary_value(V& value, const meta::field& f, bool identifier, record_context& ctx)
{
    if constexpr (std::is_same_v<V, std::string>) {
        if (identifier)
            value = unique_text(value, f.wire_name, ctx);
        else if (!value.empty() && !shift_iso_time(value, ctx.time_shift_ms / 1000))
            value = variant_text(value, ctx.rng.below(4));
    } else if constexpr (std::is_same_v<V, bool>) {
        value = ctx.rng.below(2) == 1;
    } else if constexpr (meta::is_wire_integer_v<V>) {
        const auto v = static_cast<std::int64_t>(value);
        if (v >= 100'000'000'000) {
            value = static_cast<V>(v - ctx.time_shift_ms);
        } else if (v >= 1'000'000'000) {
            value = static_cast<V>(v - ctx.time_shift_ms / 1000);
        } else if (v >= 0) {
            const std::int64_t lo = f.minimum.value_or(0);
            const std::int64_t hi = f.maximum.value_or(v * 2 > 10 ? v * 2 : 10);
            if (hi >= lo)
                value = static_cast<V>(lo + static_cast<std::int64_t>(ctx.rng.below(static_cast<std::uint64_t>(hi - lo) + 1)));
        }
    } else if constexpr (std::is_same_v<V, double>) {
        value *= 0.5 + static_cast<double>(ctx.rng.below(1001)) / 1000.0;
    } else if constexpr (meta::is_open_enum<V>::value) {
        constexpr auto& table = meta::enum_table<typename V::enum_type>;
        value = table[(ctx.number + hash_text(f.wire_name)) % table.size()].value;
    } else if constexpr (meta::is_model<V>::value) {
        vary_model(value, ctx, false);
    } else if constexpr (std::is_same_v<V, meta::loose_time>) {
        if (!value.is_string())
            value.set_number(value.number() - ctx.time_shift_ms);
    } else {
        static_assert(std::is_same_v<V, meta::any_value>, "a model member of a type the generator does not know");
    }
}

/// Varies a member: an optional one may be left out, an array is varied element by element.
template <class M>
void vary_member(M& member, const meta::field& f, bool identifier, record_context& ctx)
{
    if constexpr (meta::is_optional<M>::value) {
        if (!member)
            return;
        if (!identifier && !f.is_required && ctx.rng.below(10) == 0) {
            member.reset();
            return;
        }
        vary_member(*member, f, identifier, ctx);
    } else if constexpr (meta::is_vector<M>::value) {
        for (auto& element : member)
            vary_member(element, f, false, ctx);
    } else if constexpr (meta::is_map_v<M>) {
        for (auto& entry : member)
            vary_member(entry.second, f, false, ctx);
    } else {
        vary_value(member, f, identifier, ctx);
    }
}

/// Varies every member of `value`; identifiers only when `record_level`.
template <class T>
void vary_model(T& value, record_context& ctx, bool record_level)
{
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<meta::fields_of<T>().size()>>([&](auto i) {
        constexpr std::size_t index = decltype(i)::value;
        using descriptor = boost::mp11::mp_at_c<meta::members_of<T>, index>;
        constexpr meta::field f = meta::fields_of<T>()[index];
        vary_member(value.*descriptor::pointer, f, record_level && is_identifier<T>(index), ctx);
    });
}

/// Records the string identifiers of `item` in `identifiers`, as `unique_text` does.
template <class T>
void record_identifiers(const T& item, std::unordered_set<std::string>& identifiers)
{
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<meta::fields_of<T>().size()>>([&](auto i) {
        constexpr std::size_t index = decltype(i)::value;
        using descriptor = boost::mp11::mp_at_c<meta::members_of<T>, index>;
        constexpr meta::field f = meta::fields_of<T>()[index];
        const auto& member = item.*descriptor::pointer;
        const std::string* text = nullptr;
        if constexpr (std::is_same_v<std::remove_cv_t<std::remove_reference_t<decltype(member)>>, std::string>)
            text = &member;
        else if constexpr (std::is_same_v<std::remove_cv_t<std::remove_reference_t<decltype(member)>>,
                                          std::optional<std::string>>)
            text = member ? &*member : nullptr;
        if (text != nullptr && is_identifier<T>(index)) {
            std::string entry(f.wire_name);
            entry += '\n';
            identifiers.insert(entry + *text);
        }
    });
}

/// `count` records made from `examples` (see the file's description), the documented ones
/// first; none when there are no examples to make them from. `salt` (the operation's name)
/// gives each operation records of its own for one seed.
template <class Item>
std::vector<Item> generate_records(const std::vector<Item>& examples, std::size_t count, std::uint64_t seed,
                                   std::string_view salt)
{
    std::vector<Item> out;
    if (examples.empty() || count == 0)
        return out;
    out.reserve(count);
    std::unordered_set<std::string> identifiers;
    for (std::size_t r = 0; r < count && r < examples.size(); ++r) {
        out.push_back(examples[r]);
        record_identifiers(out.back(), identifiers);
    }
    std::size_t width = 1;
    for (std::size_t n = count - 1; n >= 10; n /= 10)
        ++width;
    constexpr std::int64_t max_shift_ms = std::int64_t{180} * 24 * 3600 * 1000;
    for (std::size_t r = examples.size(); r < count; ++r) {
        record_context ctx{r, width, random(seed, hash_text(salt) ^ r), 0, &identifiers};
        ctx.time_shift_ms = static_cast<std::int64_t>(ctx.rng.below(static_cast<std::uint64_t>(max_shift_ms)));
        Item item = examples[r % examples.size()];
        vary_model(item, ctx, true);
        out.push_back(std::move(item));
    }
    return out;
}

/// A value of a response header of type `V` named `wire_name`, for an envelope whose example
/// cannot give one (examples are bodies): a string is the header's name in lower case followed
/// by `-1` (`x-swr-expireat-1`), an integer 1, a double 1.5, a boolean true, an enumeration its
/// first documented value.
template <class V>
V generated_header_value(std::string_view wire_name)
{
    if constexpr (std::is_same_v<V, std::string>) {
        return ascii_lower(wire_name) + "-1";
    } else if constexpr (std::is_same_v<V, bool>) {
        return true;
    } else if constexpr (std::is_same_v<V, double>) {
        return 1.5;
    } else if constexpr (meta::is_open_enum<V>::value) {
        return V(meta::enum_table<typename V::enum_type>[0].value);
    } else {
        static_assert(meta::is_wire_integer_v<V>, "a response header is a string, integer, bool, double or enumeration");
        return V{1};
    }
}

/// Sets each header member of envelope `response` that is unset to a generated value (see
/// `generated_header_value`); does nothing to other types.
template <class T>
void fill_response_headers(T& response)
{
    if constexpr (meta::is_envelope_v<T>) {
        boost::mp11::mp_for_each<boost::mp11::mp_iota_c<meta::fields_of<T>().size()>>([&](auto i) {
            constexpr meta::field f = meta::fields_of<T>()[decltype(i)::value];
            using D = boost::mp11::mp_at_c<meta::members_of<T>, decltype(i)::value>;
            if constexpr (f.in == meta::location::header) {
                auto& member = response.*D::pointer;
                if (!member)
                    member = generated_header_value<typename meta::member_type<D>::value_type>(f.wire_name);
            }
        });
    }
}

/// Whether the generated hook `examples(meta::tag<Op>)` is declared.
template <class Op, class = void>
struct has_examples : std::false_type {};
template <class Op>
struct has_examples<Op, std::void_t<decltype(examples(meta::tag<Op>{}))>> : std::true_type {};

/// The documented example response of `Op` with its success status, decoded; a default
/// response when it has none.
///
/// \throws error_with_diagnostics when the example does not decode (a spec mistake).
template <class Op>
typename Op::response_type example_response()
{
    using response_type = typename Op::response_type;
    if constexpr (has_examples<Op>::value) {
        for (const meta::example& e : examples(meta::tag<Op>{})) {
            if (e.status == Op::success_status)
                return hwbind::decode<response_type>(e.body);
        }
    }
    return response_type{};
}

} // namespace hwbind::mock::detail

#endif // HWBIND_MOCK_DATA_GENERATION_HPP

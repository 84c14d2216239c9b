// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_DETAIL_DECODE_CODECS_HPP
#define HWBIND_RUNTIME_CODEC_DETAIL_DECODE_CODECS_HPP

/// \file
/// The `value_codec` tables of every type a generated model holds, built at compile time from
/// the Boost.Describe metadata and the `wire_fields` tables.

#include <hwbind/meta/any_value.hpp>
#include <hwbind/meta/loose_time.hpp>
#include <hwbind/meta/open_enum.hpp>
#include <hwbind/runtime/codec/detail/decode_handler.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

namespace hwbind::detail {

/// Member properties that change how a value decodes, from the member's `meta::field`.
enum codec_flags : unsigned {
    numeric_string_flag = 1, ///< an integer may also come as a numeric string
    nullable_flag = 2,       ///< a non-optional member takes `null` as its default value
};

template <class T, unsigned Flags, class = void>
struct codec_of {
    static_assert(sizeof(T) == 0, "a model member must be bool, a signed integer, double, std::string, "
                                  "meta::open_enum, meta::any_value, std::optional, std::vector, "
                                  "std::map<std::string, T> or a model");
};

/// The codec of `T`; `Flags` are `codec_flags`.
template <class T, unsigned Flags = 0>
inline constexpr value_codec codec_v = codec_of<T, Flags>::make();

/// Gives `v` the value a default-constructed `T` has, keeping the capacity of its vectors
/// and of its strings that are not optional.
template <class T>
void clear_value(T& v)
{
    if constexpr (meta::is_model<T>::value)
        boost::mp11::mp_for_each<meta::members_of<T>>([&](auto d) { clear_value(v.*d.pointer); });
    else if constexpr (meta::is_vector<T>::value || meta::is_map_v<T> || std::is_same_v<T, std::string>)
        v.clear();
    else
        v = T{};
}

/// `clear_value` through a pointer, for the tables.
template <class T>
void clear_at(void* p)
{
    clear_value(*static_cast<T*>(p));
}

/// The entries shared by every leaf type: `null` sets a nullable member to its default.
template <class T, unsigned Flags>
struct leaf_codec {
    static bool on_null(json_handler&, void* p)
    {
        *static_cast<T*>(p) = T{};
        return true;
    }
    static constexpr value_codec base(const char* expected) noexcept
    {
        value_codec c{};
        c.expected = expected;
        c.reset = &clear_at<T>;
        if constexpr ((Flags & nullable_flag) != 0)
            c.on_null = &on_null;
        return c;
    }
};

template <unsigned Flags>
struct codec_of<bool, Flags> : leaf_codec<bool, Flags> {
    static bool on_bool(json_handler&, void* p, bool v)
    {
        *static_cast<bool*>(p) = v;
        return true;
    }
    static constexpr value_codec make() noexcept
    {
        value_codec c = codec_of::base("bool");
        c.on_bool = &on_bool;
        return c;
    }
};

/// Integers: whole numbers in range; with `numeric_string_flag` also strings like "123".
template <class I, unsigned Flags>
struct codec_of<I, Flags, std::enable_if_t<meta::is_wire_integer_v<I>>> : leaf_codec<I, Flags> {
    static constexpr bool numeric_string = (Flags & numeric_string_flag) != 0;
    static constexpr const char* expected = numeric_string ? "integer or numeric string" : "integer";

    static bool overflow(json_handler& h, std::string_view text)
    {
        std::string detail(text);
        detail += " is out of range of ";
        detail += sizeof(I) <= 4 ? "int32" : "int64";
        return h.wrong_value(error::integer_overflow, expected, std::string(text) + " (out of range)", detail);
    }

    static bool on_int64(json_handler& h, void* p, std::int64_t v)
    {
        if constexpr (sizeof(I) < sizeof(std::int64_t)) {
            if (v < std::numeric_limits<I>::min() || v > std::numeric_limits<I>::max())
                return overflow(h, std::to_string(v));
        }
        *static_cast<I*>(p) = static_cast<I>(v);
        return true;
    }

    static bool on_uint64(json_handler& h, void*, std::uint64_t v) { return overflow(h, std::to_string(v)); }

    // The parser reports integers beyond 64 bits as doubles: those overflow; anything with a
    // fraction or an exponent is not an integer, even when its value is whole.
    static bool on_double(json_handler& h, void*, double, std::string_view text)
    {
        if (text.find_first_of(".eE") == std::string_view::npos)
            return overflow(h, text);
        return h.wrong_value(error::not_an_integer, expected, text, "expected integer, got " + std::string(text));
    }

    static bool on_string(json_handler& h, void* p, std::string_view part, bool first, bool last)
    {
        const auto text = h.collect(part, first, last);
        if (!text)
            return true;
        const char* end = text->data() + text->size();
        std::int64_t v = 0;
        const auto r = std::from_chars(text->data(), end, v);
        if (r.ptr == end && r.ec == std::errc())
            return on_int64(h, p, v);
        if (r.ptr == end && r.ec == std::errc::result_out_of_range)
            return overflow(h, *text);
        double d = 0;
        const auto rd = std::from_chars(text->data(), end, d);
        const std::string got = "string \"" + std::string(*text) + "\"";
        if (rd.ptr == end && rd.ec == std::errc())
            return h.wrong_value(error::not_an_integer, expected, got, "expected integer, got " + got);
        return h.wrong_value(error::type_mismatch, expected, got,
                             "expected integer or numeric string, got non-numeric string");
    }

    static constexpr value_codec make() noexcept
    {
        value_codec c = codec_of::base(expected);
        c.on_int64 = &on_int64;
        c.on_uint64 = &on_uint64;
        c.on_double = &on_double;
        if constexpr (numeric_string)
            c.on_string = &on_string;
        return c;
    }
};

template <unsigned Flags>
struct codec_of<double, Flags> : leaf_codec<double, Flags> {
    static bool on_int64(json_handler&, void* p, std::int64_t v)
    {
        *static_cast<double*>(p) = static_cast<double>(v);
        return true;
    }
    static bool on_uint64(json_handler&, void* p, std::uint64_t v)
    {
        *static_cast<double*>(p) = static_cast<double>(v);
        return true;
    }
    static bool on_double(json_handler& h, void* p, double v, std::string_view text)
    {
        return h.to_double(text, v, *static_cast<double*>(p));
    }
    static constexpr value_codec make() noexcept
    {
        value_codec c = codec_of::base("number");
        c.on_int64 = &on_int64;
        c.on_uint64 = &on_uint64;
        c.on_double = &on_double;
        return c;
    }
};

/// Strings are appended straight into the member, whose capacity is reused.
template <unsigned Flags>
struct codec_of<std::string, Flags> : leaf_codec<std::string, Flags> {
    static bool on_string(json_handler&, void* p, std::string_view part, bool first, bool)
    {
        auto& s = *static_cast<std::string*>(p);
        if (first)
            s.clear();
        s.append(part.data(), part.size());
        return true;
    }
    static constexpr value_codec make() noexcept
    {
        value_codec c = codec_of::base("string");
        c.on_string = &on_string;
        return c;
    }
};

/// Enumerations keep a value they do not document, by its wire spelling.
template <class E, unsigned Flags>
struct codec_of<meta::open_enum<E>, Flags> : leaf_codec<meta::open_enum<E>, Flags> {
    static bool on_string(json_handler& h, void* p, std::string_view part, bool first, bool last)
    {
        const auto text = h.collect(part, first, last);
        if (!text)
            return true;
        auto& target = *static_cast<meta::open_enum<E>*>(p);
        for (const auto& e : meta::enum_table<E>) {
            if (e.wire.size() == text->size() && same_chars(e.wire.data(), text->data(), text->size())) {
                target = e.value;
                return true;
            }
        }
        target = meta::open_enum<E>::from_wire(*text);
        return true;
    }
    // Integer enumerations: the number's decimal text is its wire name.
    template <class N>
    static bool on_number(json_handler&, void* p, N value)
    {
        char text[24];
        const auto end = std::to_chars(text, text + sizeof text, value).ptr;
        *static_cast<meta::open_enum<E>*>(p) = meta::open_enum<E>::from_wire(std::string_view(text, end - text));
        return true;
    }
    static constexpr value_codec make() noexcept
    {
        if constexpr (meta::is_integer_enum_v<E>) {
            value_codec c = codec_of::base("integer");
            c.on_int64 = &on_number<std::int64_t>;
            c.on_uint64 = &on_number<std::uint64_t>;
            return c;
        } else {
            value_codec c = codec_of::base("string");
            c.on_string = &on_string;
            return c;
        }
    }
};

/// A time kept as it came: an integer, or any string (see `meta::loose_time`).
template <unsigned Flags>
struct codec_of<meta::loose_time, Flags> : leaf_codec<meta::loose_time, Flags> {
    static bool on_int64(json_handler&, void* p, std::int64_t v)
    {
        static_cast<meta::loose_time*>(p)->set_number(v);
        return true;
    }
    static bool on_uint64(json_handler& h, void*, std::uint64_t v)
    {
        const std::string text = std::to_string(v);
        return h.wrong_value(error::integer_overflow, "integer or string", text + " (out of range)",
                             text + " is out of range of int64");
    }
    static bool on_string(json_handler&, void* p, std::string_view part, bool first, bool)
    {
        auto& t = *static_cast<meta::loose_time*>(p);
        if (first)
            t.start_string();
        t.append_text(part);
        return true;
    }
    static constexpr value_codec make() noexcept
    {
        value_codec c = codec_of::base("integer or string");
        c.on_int64 = &on_int64;
        c.on_uint64 = &on_uint64;
        c.on_string = &on_string;
        return c;
    }
};

/// Any JSON value: scalars are stored directly, objects and arrays built by the handler.
template <unsigned Flags>
struct codec_of<meta::any_value, Flags> {
    static boost::json::value& json(void* p) { return static_cast<meta::any_value*>(p)->json(); }

    static bool on_null(json_handler&, void* p)
    {
        json(p) = nullptr;
        return true;
    }
    static bool on_bool(json_handler&, void* p, bool v)
    {
        json(p) = v;
        return true;
    }
    static bool on_int64(json_handler&, void* p, std::int64_t v)
    {
        json(p) = v;
        return true;
    }
    static bool on_uint64(json_handler&, void* p, std::uint64_t v)
    {
        json(p) = v;
        return true;
    }
    static bool on_double(json_handler& h, void* p, double v, std::string_view text)
    {
        double exact = 0;
        if (!h.to_double(text, v, exact))
            return false;
        json(p) = exact;
        return true;
    }
    static bool on_string(json_handler&, void* p, std::string_view part, bool first, bool)
    {
        boost::json::string& s = first ? json(p).emplace_string() : json(p).get_string();
        s.append(part);
        return true;
    }
    static bool on_container(json_handler& h, void* p) { return h.begin_any(*static_cast<meta::any_value*>(p)); }

    static constexpr value_codec make() noexcept
    {
        return {"any JSON", &on_null,      &on_bool,     &on_int64,  &on_uint64, &on_double,
                &on_string, &on_container, &on_container, &clear_at<meta::any_value>};
    }
};

/// `null` resets an optional; any other value engages it (keeping the value it holds, whose
/// memory the inner codec reuses) and goes to the inner codec.
///
/// Every entry is set and checks the inner one when called: telling at compile time whether
/// an entry is null would compare function addresses with null, which is not a constant
/// expression under `-fno-delete-null-pointer-checks` (implied by `-fsanitize=null`).
template <class T, unsigned Flags>
struct codec_of<std::optional<T>, Flags> {
    static constexpr const value_codec& inner = codec_v<T, Flags & numeric_string_flag>;

    static T* engage(void* p)
    {
        auto& o = *static_cast<std::optional<T>*>(p);
        return o ? &*o : &o.emplace();
    }

    template <class Entry, class... Args>
    static bool forward(Entry value_codec::*entry, const char* got, json_handler& h, void* p, Args... args)
    {
        const Entry fn = inner.*entry;
        if (fn == nullptr)
            return h.mismatch(inner, got);
        return fn(h, engage(p), args...);
    }

    static bool on_null(json_handler&, void* p)
    {
        static_cast<std::optional<T>*>(p)->reset();
        return true;
    }
    static bool on_bool(json_handler& h, void* p, bool v) { return forward(&value_codec::on_bool, "bool", h, p, v); }
    static bool on_int64(json_handler& h, void* p, std::int64_t v)
    {
        return forward(&value_codec::on_int64, "number", h, p, v);
    }
    static bool on_uint64(json_handler& h, void* p, std::uint64_t v)
    {
        return forward(&value_codec::on_uint64, "number", h, p, v);
    }
    static bool on_double(json_handler& h, void* p, double v, std::string_view text)
    {
        return forward(&value_codec::on_double, "number", h, p, v, text);
    }
    static bool on_string(json_handler& h, void* p, std::string_view part, bool first, bool last)
    {
        if (inner.on_string == nullptr)
            return h.mismatch(inner, "string");
        return inner.on_string(h, first ? engage(p) : &**static_cast<std::optional<T>*>(p), part, first, last);
    }
    static bool on_object(json_handler& h, void* p)
    {
        h.set_fresh(!static_cast<std::optional<T>*>(p)->has_value());
        return forward(&value_codec::on_object, "object", h, p);
    }
    static bool on_array(json_handler& h, void* p) { return forward(&value_codec::on_array, "array", h, p); }

    static constexpr value_codec make() noexcept
    {
        return {inner.expected, &on_null,   &on_bool,   &on_int64, &on_uint64,
                &on_double,     &on_string, &on_object, &on_array, &clear_at<std::optional<T>>};
    }
};

/// How long the next array of `T` is likely to be, from the last one decoded on this thread.
/// Arrays of one type tend to take the same share of a response from one response to the
/// next (pages of one size), so a vector reserves that share of the new body before it
/// fills: growing by doubling instead moves every element (a model of a few hundred bytes
/// and its strings) about twice. Scaled by the body's size, so that a small page after a
/// large one reserves little; capped, so that a huge array does not make later ones reserve
/// as much.
template <class T>
struct array_length_hint {
    static constexpr std::size_t max_reserved = std::max<std::size_t>(16, (std::size_t(4) << 20) / sizeof(T));
    static inline thread_local array_length last{};

    static std::size_t reservation(std::size_t body_size) noexcept
    {
        if (last.body_size == 0)
            return 0;
        const double scaled = static_cast<double>(last.elements) * static_cast<double>(body_size) /
                              static_cast<double>(last.body_size);
        return scaled < static_cast<double>(max_reserved) ? static_cast<std::size_t>(scaled) : max_reserved;
    }
};

/// Arrays: `null` leaves the vector empty. Elements are decoded in place, over those the
/// vector already holds, then into new ones appended; the surplus is dropped at the end.
template <class T, class A, unsigned Flags>
struct codec_of<std::vector<T, A>, Flags> {
    using vector_type = std::vector<T, A>;

    static bool on_null(json_handler&, void* p)
    {
        static_cast<vector_type*>(p)->clear();
        return true;
    }
    static element_slot element_at(void* p, std::size_t index)
    {
        auto& v = *static_cast<vector_type*>(p);
        if (index < v.size())
            return {&v[index], false};
        return {&v.emplace_back(), true};
    }
    static void truncate(void* p, std::size_t size)
    {
        auto& v = *static_cast<vector_type*>(p);
        v.erase(v.begin() + static_cast<std::ptrdiff_t>(size), v.end());
    }
    static constexpr array_codec elements{&codec_v<T, Flags & numeric_string_flag>, &element_at, &truncate};

    static bool on_array(json_handler& h, void* p)
    {
        static_cast<vector_type*>(p)->reserve(array_length_hint<T>::reservation(h.body_size()));
        return h.push_array(p, elements, array_length_hint<T>::last);
    }
    static constexpr value_codec make() noexcept
    {
        value_codec c{};
        c.expected = "array";
        c.on_null = &on_null;
        c.on_array = &on_array;
        c.reset = &clear_at<vector_type>;
        return c;
    }
};

/// `std::vector<bool>` has no element to point at: the frame keeps the vector itself and
/// each element is pushed onto it.
template <class A, unsigned Flags>
struct codec_of<std::vector<bool, A>, Flags> {
    using vector_type = std::vector<bool, A>;

    static bool on_null(json_handler&, void* p)
    {
        static_cast<vector_type*>(p)->clear();
        return true;
    }
    static element_slot element_at(void* p, std::size_t) { return {p, true}; }
    static void truncate(void*, std::size_t) {}
    static bool push(json_handler&, void* p, bool v)
    {
        static_cast<vector_type*>(p)->push_back(v);
        return true;
    }
    // An element of the wrong type left out by lenient decoding was never pushed.
    static void nothing_to_reset(void*) {}
    static constexpr value_codec element() noexcept
    {
        value_codec c{};
        c.expected = "bool";
        c.on_bool = &push;
        c.reset = &nothing_to_reset;
        return c;
    }
    static constexpr value_codec element_codec = element();
    static constexpr array_codec elements{&element_codec, &element_at, &truncate};

    static bool on_array(json_handler& h, void* p)
    {
        auto& v = *static_cast<vector_type*>(p);
        v.clear();
        v.reserve(array_length_hint<bool>::reservation(h.body_size()));
        return h.push_array(p, elements, array_length_hint<bool>::last);
    }
    static constexpr value_codec make() noexcept
    {
        value_codec c{};
        c.expected = "array";
        c.on_null = &on_null;
        c.on_array = &on_array;
        c.reset = &clear_at<vector_type>;
        return c;
    }
};

/// Maps: an object whose keys are any strings. `null` leaves the map empty. A map decoded
/// into one that holds entries is cleared first (its keys are the object's, not a merge).
template <class T, class C, class A, unsigned Flags>
struct codec_of<std::map<std::string, T, C, A>, Flags> {
    using map_type = std::map<std::string, T, C, A>;

    static bool on_null(json_handler&, void* p)
    {
        static_cast<map_type*>(p)->clear();
        return true;
    }
    static void* value_at(void* p, std::string_view key)
    {
        auto& m = *static_cast<map_type*>(p);
        return &m.try_emplace(std::string(key)).first->second;
    }
    static constexpr map_codec values{&codec_v<T, Flags & numeric_string_flag>, &value_at};

    static bool on_object(json_handler& h, void* p)
    {
        static_cast<map_type*>(p)->clear();
        return h.push_map(p, values);
    }
    static constexpr value_codec make() noexcept
    {
        value_codec c{};
        c.expected = "object";
        c.on_null = &on_null;
        c.on_object = &on_object;
        c.reset = &clear_at<map_type>;
        return c;
    }
};

/// The flags a member's codec takes from its field: only those that can change anything for
/// its type, so that members of one type share one codec as far as possible.
template <class M>
constexpr unsigned flags_for(const meta::field& f) noexcept
{
    unsigned flags = 0;
    if (f.accepts_numeric_string)
        flags |= numeric_string_flag;
    if (f.is_nullable && !meta::is_optional<M>::value && !meta::is_vector<M>::value && !meta::is_map_v<M>)
        flags |= nullable_flag;
    return flags;
}

template <class T, class D>
void* member_address(void* object)
{
    return &(static_cast<T*>(object)->*D::pointer);
}

/// The member table of model `T`, built at compile time.
template <class T>
struct model_table {
    using members = meta::members_of<T>;
    static constexpr auto fields = meta::fields_of<T>();
    static constexpr std::size_t size = fields.size();

    // The frame tracks the first 64 members in a word of its own, the others in words of the
    // handler (`model_info::wide_words`).
    static constexpr std::size_t wide_words = size > 64 ? (size - 64 + 63) / 64 : 0;

    template <class D, std::size_t I>
    static constexpr member_info entry() noexcept
    {
        using M = meta::member_type<D>;
        return {fields[I].wire_name, &codec_v<M, flags_for<M>(fields[I])>, &member_address<T, D>, &clear_at<M>};
    }

    // The descriptors come as a pack beside their indices: indexing the list member by member
    // (`mp_at_c`) costs compile time quadratic in the number of members.
    template <template <class...> class L, class... D, std::size_t... I>
    static constexpr std::array<member_info, size> make(L<D...>, std::index_sequence<I...>) noexcept
    {
        return {{entry<D, I>()...}};
    }

    static constexpr std::array<member_info, size> entries = make(members{}, std::make_index_sequence<size>{});

    static constexpr std::uint64_t required_mask() noexcept
    {
        std::uint64_t mask = 0;
        for (std::size_t i = 0; i != size && i != 64; ++i)
            mask |= fields[i].is_required ? std::uint64_t(1) << i : 0;
        return mask;
    }

    static constexpr std::array<std::uint64_t, wide_words + 1> wide_required_masks() noexcept
    {
        std::array<std::uint64_t, wide_words + 1> masks{};
        for (std::size_t i = 64; i < size; ++i)
            masks[(i - 64) / 64] |= fields[i].is_required ? std::uint64_t(1) << (i % 64) : 0;
        return masks;
    }
    static constexpr std::array<std::uint64_t, wide_words + 1> wide_required = wide_required_masks();

    static constexpr member_table<member_slot_count(size)> lookup = member_slots<member_slot_count(size)>(entries);

    static constexpr model_info info{entries.data(),          size,
                                     required_mask(),         lookup.slots.data(),
                                     lookup.slots.size() - 1, lookup.multiplier,
                                     wide_words,              wide_required.data()};
};

/// Models: an object whose members are looked up by wire name.
template <class T, unsigned Flags>
struct codec_of<T, Flags, std::enable_if_t<meta::is_model<T>::value>> : leaf_codec<T, Flags> {
    static bool on_object(json_handler& h, void* p) { return h.push_model(p, model_table<T>::info); }
    static constexpr value_codec make() noexcept
    {
        value_codec c = codec_of::base("object");
        c.on_object = &on_object;
        return c;
    }
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_CODEC_DETAIL_DECODE_CODECS_HPP

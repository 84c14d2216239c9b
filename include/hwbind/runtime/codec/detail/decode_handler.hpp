// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_DETAIL_DECODE_HANDLER_HPP
#define HWBIND_RUNTIME_CODEC_DETAIL_DECODE_HANDLER_HPP

/// \file
/// The `boost::json::basic_parser` handler that decodes straight into generated structs.
///
/// The handler is not a template: every C++ type is reached through a `value_codec`, a table
/// of plain function pointers that `decode_codecs.hpp` generates once per type. So the parser
/// is instantiated once for the whole program, however many models there are, and adding a
/// model costs only its small tables.
///
/// State is a stack of frames, one per model or array being filled. Keys are looked up in a
/// hash table of the model's members built at compile time (`member_table`). An object
/// member whose key the model does not know is skipped with a depth counter; an `any_value`
/// member is built with a `boost::json::value_stack` while its nesting lasts.
///
/// Decoding into a model that already holds a value reuses its memory: array elements are
/// decoded over the elements already there (the surplus dropped at the array's end), strings
/// over their old text, and the members an object lacks are reset when it ends. So a model
/// decoded again and again allocates only for what outgrows its last value.

#include <hwbind/meta/any_value.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/core/bit.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value_stack.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace hwbind::detail {

class json_handler;

/// How the values of one C++ type take the parser's events. A null entry means the type does
/// not accept that kind of JSON value, which the handler reports as a type mismatch naming
/// `expected`. Entries return false after recording a failure with `json_handler::fail`.
struct value_codec {
    const char* expected; ///< what the type accepts, for messages: "bool", "array", ...
    bool (*on_null)(json_handler&, void* target);
    bool (*on_bool)(json_handler&, void* target, bool value);
    bool (*on_int64)(json_handler&, void* target, std::int64_t value);
    bool (*on_uint64)(json_handler&, void* target, std::uint64_t value);
    /// `text` is the number as written, for exact conversion and for messages.
    bool (*on_double)(json_handler&, void* target, double value, std::string_view text);
    /// A string may arrive in several parts; `first` and `last` say which this one is.
    bool (*on_string)(json_handler&, void* target, std::string_view part, bool first, bool last);
    /// Called at the `{` or `[` of the value; pushes a frame or starts an `any_value`.
    bool (*on_object)(json_handler&, void* target);
    bool (*on_array)(json_handler&, void* target);
    /// Gives the value its default (an optional none): what lenient decoding leaves of a
    /// value of the wrong type.
    void (*reset)(void* target);
};

/// One member of a model, as the handler sees it.
struct member_info {
    std::string_view name;         ///< wire name
    const value_codec* codec;      ///< codec of the member's type
    void* (*address)(void* model); ///< the member inside a model object
    void (*reset)(void* member);   ///< gives the member its default value, keeping a vector's capacity
};

/// The length of an array, and the size of the JSON body it came in.
struct array_length {
    std::size_t elements;
    std::size_t body_size;
};

/// An array element to decode into, and whether it was just constructed (rather than kept
/// from the vector's previous value).
struct element_slot {
    void* object;
    bool fresh;
};

/// How the elements of one vector type are reached.
struct array_codec {
    const value_codec* element; ///< codec of the elements
    /// The element at `index`: the one already there, or a new one appended.
    element_slot (*element_at)(void* vector, std::size_t index);
    /// Drops the elements from `size` on, which the array did not reach.
    void (*truncate)(void* vector, std::size_t size);
};

/// How the entries of one map type are reached: its keys are any strings, its values all of
/// one type.
struct map_codec {
    const value_codec* value; ///< codec of the values
    /// The value of `key`, inserted when absent; a repeated key decodes over its first value.
    void* (*value_at)(void* map, std::string_view key);
};

/// The members of a model, and the hash table by which they are looked up by wire name
/// (see `member_table`).
struct model_info {
    const member_info* members;
    std::size_t size;
    std::uint64_t required;        ///< the bits (`1 << index`) of the required members among the first 64
    const std::uint16_t* slots;    ///< each a member's index plus one, 0 when empty
    std::size_t slot_mask;         ///< the number of slots (a power of two) minus one
    std::uint64_t hash_multiplier; ///< see `first_slot`
    /// Members beyond the first 64: the number of 64-bit words that track them (0 for a model
    /// of at most 64 members, which the frame's own word tracks), and the bits of the required
    /// ones, word `w` bit `b` for member `64 + 64 * w + b`.
    std::size_t wide_words = 0;
    const std::uint64_t* wide_required = nullptr;
};

/// What the member tables hash of a key: its length and its first, middle and last
/// characters, which mostly tell the members of one model apart.
constexpr std::uint64_t key_digest(std::string_view key) noexcept
{
    std::uint64_t digest = std::uint64_t(key.size()) << 24;
    if (!key.empty()) {
        digest |= std::uint64_t(static_cast<unsigned char>(key[0]))
                | std::uint64_t(static_cast<unsigned char>(key[key.size() / 2])) << 8
                | std::uint64_t(static_cast<unsigned char>(key[key.size() - 1])) << 16;
    }
    return digest;
}

/// The slot where the probe for a key starts (multiplicative hashing: bits 32 and up of the
/// product depend on every bit of the digest).
constexpr std::size_t first_slot(std::uint64_t digest, std::uint64_t multiplier, std::size_t mask) noexcept
{
    return static_cast<std::size_t>((digest * multiplier) >> 32) & mask;
}

/// The number of slots for a model of `members` members: a power of two, at least twice
/// their number, so that the probe for an unknown key meets an empty slot soon.
constexpr std::size_t member_slot_count(std::size_t members) noexcept
{
    std::size_t n = 1;
    while (n < 2 * members)
        n *= 2;
    return n;
}

/// A model's hash table of members: open addressing with linear probing.
template <std::size_t Slots>
struct member_table {
    std::array<std::uint16_t, Slots> slots{};
    std::uint64_t multiplier = 0;
};

/// The probes that inserting keys of digests `digests` into a table of `Slots` slots takes
/// with `multiplier`, counted up to `limit`. Only whether a slot is taken matters here, so
/// the slots are bits: compile-time evaluation is slow, and trying a multiplier must be
/// cheap.
template <std::size_t Slots, std::size_t N>
constexpr std::size_t probes_with(const std::array<std::uint64_t, N>& digests, std::uint64_t multiplier,
                                  std::size_t limit) noexcept
{
    std::array<std::uint64_t, (Slots + 63) / 64> taken{};
    std::size_t probes = 0;
    for (std::size_t i = 0; i != N && probes < limit; ++i) {
        std::size_t s = first_slot(digests[i], multiplier, Slots - 1);
        for (++probes; (taken[s / 64] >> (s % 64) & 1) != 0; ++probes)
            s = (s + 1) & (Slots - 1);
        taken[s / 64] |= std::uint64_t(1) << (s % 64);
    }
    return probes;
}

/// The hash table of `members`, built at compile time. Multipliers are tried until each
/// member sits in the slot where its probe starts (a perfect hash of the model's own names,
/// so a known key costs one comparison); failing that, the one needing the fewest probes is
/// kept. The tries are capped at about 1,024 member insertions per model (about a
/// millisecond of compile time with g++ 12): a perfect multiplier is likely within a few
/// tries for a model of ten members and unlikely at any count for one of sixty, where more
/// tries would only cost compile time.
template <std::size_t Slots, std::size_t N>
constexpr member_table<Slots> member_slots(const std::array<member_info, N>& members) noexcept
{
    static_assert(N < 65535 && Slots >= 2 * N && (Slots & (Slots - 1)) == 0);
    std::array<std::uint64_t, N> digests{};
    for (std::size_t i = 0; i != N; ++i)
        digests[i] = key_digest(members[i].name);

    constexpr std::size_t tries = 1024 / (N + 1) + 1;
    std::uint64_t best = 0;
    std::size_t best_probes = static_cast<std::size_t>(-1);
    std::uint64_t multiplier = 0x9E3779B97F4A7C15u; // odd; adding an even step keeps it odd
    for (std::size_t attempt = 0; attempt != tries && best_probes != N; ++attempt, multiplier += 0xC6A4A7935BD1E994u) {
        const std::size_t probes = probes_with<Slots>(digests, multiplier, best_probes);
        if (probes < best_probes) {
            best = multiplier;
            best_probes = probes;
        }
    }

    member_table<Slots> table{};
    table.multiplier = best;
    for (std::size_t i = 0; i != N; ++i) {
        std::size_t s = first_slot(digests[i], best, Slots - 1);
        while (table.slots[s] != 0)
            s = (s + 1) & (Slots - 1);
        table.slots[s] = static_cast<std::uint16_t>(i + 1);
    }
    return table;
}

/// Whether the `n` characters at `a` and `b` are the same. Keys and enumeration values are
/// short and compared once or twice each: comparing a word at a time inline costs less than
/// a call to `memcmp`. The last word of each side overlaps the one before it rather than
/// ending in a byte loop.
inline bool same_chars(const char* a, const char* b, std::size_t n) noexcept
{
    const auto word8 = [](const char* p) {
        std::uint64_t w = 0;
        std::memcpy(&w, p, 8);
        return w;
    };
    const auto word4 = [](const char* p) {
        std::uint32_t w = 0;
        std::memcpy(&w, p, 4);
        return w;
    };
    if (n >= 8) {
        for (std::size_t i = 0; i + 8 < n; i += 8) {
            if (word8(a + i) != word8(b + i))
                return false;
        }
        return word8(a + n - 8) == word8(b + n - 8);
    }
    if (n >= 4)
        return word4(a) == word4(b) && word4(a + n - 4) == word4(b + n - 4);
    for (; n != 0; ++a, ++b, --n) {
        if (*a != *b)
            return false;
    }
    return true;
}

/// The index of the member of `model` whose wire name is `key`, or `model.size` if none.
inline std::size_t find_member(const model_info& model, std::string_view key) noexcept
{
    std::size_t s = first_slot(key_digest(key), model.hash_multiplier, model.slot_mask);
    for (;; s = (s + 1) & model.slot_mask) {
        const std::size_t index = model.slots[s];
        if (index == 0)
            return model.size;
        const member_info& m = model.members[index - 1];
        if (m.name.size() == key.size() && same_chars(m.name.data(), key.data(), key.size()))
            return index - 1;
    }
}

/// The number as written, converted exactly: Boost.JSON 1.81's own conversion may be off by
/// one unit in the last place, which would break encode/decode round trips.
inline double exact_double(std::string_view text, double parsed) noexcept
{
    double result = 0;
    const char* end = text.data() + text.size();
    auto r = std::from_chars(text.data(), end, result);
    return r.ec == std::errc() && r.ptr == end ? result : parsed;
}

/// The handler of `boost::json::basic_parser`: routes each value of the document to the member
/// it fills, through the codec of the member's type.
class json_handler {
public:
    // The limits of Boost.JSON's own containers, which `any_value` members are built of.
    static constexpr std::size_t max_object_size = boost::json::object::max_size();
    static constexpr std::size_t max_array_size = boost::json::array::max_size();
    static constexpr std::size_t max_key_size = boost::json::string::max_size();
    static constexpr std::size_t max_string_size = boost::json::string::max_size();

    json_handler(void* root, const value_codec& root_codec, std::size_t max_depth, std::size_t body_size,
                 bool lenient)
        : root_{root, &root_codec}, max_depth_(max_depth), body_size_(body_size), lenient_(lenient)
    {
        frames_.reserve(16);
    }

    // ---- events of boost::json::basic_parser

    bool on_document_begin(boost::system::error_code&) noexcept { return true; }
    bool on_document_end(boost::system::error_code&) noexcept { return true; }

    bool on_object_begin(boost::system::error_code& ec)
    {
        return report(begin_container(&value_codec::on_object, "object"), ec);
    }

    bool on_object_end(std::size_t n, boost::system::error_code& ec)
    {
        --depth_;
        if (skip_ != 0) {
            --skip_;
            return true;
        }
        if (any_ != 0) {
            any_stack_.push_object(n);
            end_any();
            return true;
        }
        return report(frames_.back().map != nullptr ? pop_map() : pop_model(), ec);
    }

    bool on_array_begin(boost::system::error_code& ec)
    {
        return report(begin_container(&value_codec::on_array, "array"), ec);
    }

    bool on_array_end(std::size_t n, boost::system::error_code&)
    {
        --depth_;
        if (skip_ != 0) {
            --skip_;
            return true;
        }
        if (any_ != 0) {
            any_stack_.push_array(n);
            end_any();
            return true;
        }
        frame& f = frames_.back();
        f.array->truncate(f.object, f.position);
        *f.length_hint = {f.position, body_size_};
        frames_.pop_back();
        return true;
    }

    bool on_key_part(boost::json::string_view part, std::size_t, boost::system::error_code&)
    {
        if (skip_ != 0)
            return true;
        if (any_ != 0)
            any_stack_.push_chars(part);
        else
            key_.append(part.data(), part.size());
        return true;
    }

    bool on_key(boost::json::string_view part, std::size_t, boost::system::error_code&)
    {
        if (skip_ != 0)
            return true;
        if (any_ != 0) {
            any_stack_.push_key(part);
            return true;
        }
        if (key_.empty()) {
            select_member(part);
        } else {
            key_.append(part.data(), part.size());
            select_member(key_);
            key_.clear();
        }
        return true;
    }

    bool on_string_part(boost::json::string_view part, std::size_t, boost::system::error_code& ec)
    {
        return report(string_event(part, false), ec);
    }

    bool on_string(boost::json::string_view part, std::size_t, boost::system::error_code& ec)
    {
        return report(string_event(part, true), ec);
    }

    // The whole body is given to one `write_some` with `more == false`, so the parser never
    // suspends inside a number and the text passed with the final event is complete.
    bool on_number_part(boost::json::string_view, boost::system::error_code&) noexcept { return true; }

    bool on_int64(std::int64_t value, boost::json::string_view, boost::system::error_code& ec)
    {
        if (skip_ != 0)
            return true;
        if (any_ != 0) {
            any_stack_.push_int64(value);
            return true;
        }
        return report(deliver(&value_codec::on_int64, "number", value), ec);
    }

    bool on_uint64(std::uint64_t value, boost::json::string_view, boost::system::error_code& ec)
    {
        if (skip_ != 0)
            return true;
        if (any_ != 0) {
            any_stack_.push_uint64(value);
            return true;
        }
        return report(deliver(&value_codec::on_uint64, "number", value), ec);
    }

    bool on_double(double value, boost::json::string_view text, boost::system::error_code& ec)
    {
        if (skip_ != 0)
            return true;
        const std::string_view t(text.data(), text.size());
        if (any_ != 0) {
            double exact = 0;
            if (!to_double(t, value, exact))
                return report(false, ec);
            any_stack_.push_double(exact);
            return true;
        }
        return report(deliver(&value_codec::on_double, "number", value, t), ec);
    }

    bool on_bool(bool value, boost::system::error_code& ec)
    {
        if (skip_ != 0)
            return true;
        if (any_ != 0) {
            any_stack_.push_bool(value);
            return true;
        }
        return report(deliver(&value_codec::on_bool, "bool", value), ec);
    }

    bool on_null(boost::system::error_code& ec)
    {
        if (skip_ != 0)
            return true;
        if (any_ != 0) {
            any_stack_.push_null();
            return true;
        }
        return report(deliver(&value_codec::on_null, "null"), ec);
    }

    // Comments are disabled in the parse options; the parser still needs the entries.
    bool on_comment_part(boost::json::string_view, boost::system::error_code&) noexcept { return true; }
    bool on_comment(boost::json::string_view, boost::system::error_code&) noexcept { return true; }

    // ---- used by the codecs

    /// Records a failure at the current JSON path and returns false.
    bool fail(error e, std::string_view detail)
    {
        failure_ = e;
        wrong_value_ = false;
        message_ = path();
        if (!message_.empty())
            message_ += ": ";
        message_.append(detail.data(), detail.size());
        return false;
    }

    /// Sets `out` to the number `text` converted exactly (`parsed` is the parser's value).
    /// A number beyond the range of double fails (returns false): JSON has no infinity, so
    /// it could not be encoded back, and Boost.JSON would serialize it as `Infinity`.
    bool to_double(std::string_view text, double parsed, double& out)
    {
        out = exact_double(text, parsed);
        if (std::isfinite(out))
            return true;
        return fail(error::invalid_json, "number out of range of double: " + std::string(text));
    }

    /// Records that a value of JSON kind `got` came where `codec` takes none; returns false.
    bool mismatch(const value_codec& codec, const char* got)
    {
        std::string detail = "expected ";
        detail += codec.expected;
        detail += ", got ";
        detail += got;
        return wrong_value(error::type_mismatch, codec.expected, got, detail);
    }

    /// Records that the current value cannot be held by its member, which takes `expected`
    /// while the value is `got`; `detail` ends the message. Returns false. Lenient decoding
    /// turns such a failure into a warning (see `recover`).
    bool wrong_value(error e, std::string_view expected, std::string_view got, std::string_view detail)
    {
        fail(e, detail);
        wrong_value_ = true;
        wrong_expected_.assign(expected.data(), expected.size());
        wrong_got_.assign(got.data(), got.size());
        return false;
    }

    /// Starts filling a model: its members follow as keys of the current object. A model
    /// that was not just constructed (see `set_fresh`) keeps its value until the object ends,
    /// when the members it lacked are reset.
    bool push_model(void* object, const model_info& model)
    {
        frame& f = frames_.emplace_back(object, model, fresh_);
        if (model.wide_words != 0)
            push_wide(f);
        return true;
    }

    /// Starts filling the map `map`, whose values `codec` reaches, from the keys of the current
    /// object.
    bool push_map(void* map, const map_codec& codec)
    {
        frames_.emplace_back(map, codec, map_keys_.size());
        map_keys_.emplace_back();
        return true;
    }

    /// Starts filling an array into `vector`, whose elements `array` reaches; the array's
    /// length is stored in `length_hint` at its end.
    bool push_array(void* vector, const array_codec& array, array_length& length_hint)
    {
        frames_.emplace_back(vector, array, length_hint);
        return true;
    }

    /// Tells whether the value a codec is about to give to `push_model` was just constructed
    /// (an optional engaged for it). Otherwise the handler knows: an array element appended,
    /// a member of a model just constructed, seen for the first time.
    void set_fresh(bool fresh) noexcept { fresh_ = fresh; }

    /// Starts building `target` from the current object or array, whatever it holds.
    bool begin_any(meta::any_value& target)
    {
        any_target_ = &target;
        any_ = 1;
        any_stack_.reset();
        return true;
    }

    /// The whole string at its last part (`nullopt` before). A string that arrives in one
    /// piece is returned without a copy; parts are gathered in a buffer reused across values.
    std::optional<std::string_view> collect(std::string_view part, bool first, bool last)
    {
        if (first && last)
            return part;
        if (first)
            text_.clear();
        text_.append(part.data(), part.size());
        if (!last)
            return std::nullopt;
        return std::string_view(text_);
    }

    /// The size of the JSON body being decoded.
    std::size_t body_size() const noexcept { return body_size_; }

    // ---- after the parse

    /// The current JSON path (wire names and array indices), e.g. `tasks[3].enabled`.
    std::string path() const
    {
        std::string out;
        for (const frame& f : frames_) {
            if (f.map != nullptr) {
                if (!out.empty())
                    out += '.';
                out += map_keys_[f.position];
            } else if (f.model != nullptr) {
                if (f.position == npos)
                    break;
                if (!out.empty())
                    out += '.';
                const std::string_view name = f.model->members[f.position].name;
                out.append(name.data(), name.size());
            } else if (f.position != 0) {
                out += '[';
                out += std::to_string(f.position - 1);
                out += ']';
            }
        }
        return out;
    }

    /// The message of the failure recorded by `fail`.
    std::string& message() noexcept { return message_; }

    /// The values that lenient decoding left out, in document order.
    std::vector<decode_warning>& warnings() noexcept { return warnings_; }

    /// Whether the top-level object held both `error_code` and `error_msg` among the members
    /// its model does not declare: Huawei's error shape, which some gateways send with a 200.
    bool has_error_shape() const noexcept { return error_shape_ == (error_code_seen | error_msg_seen); }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    static constexpr unsigned char error_code_seen = 1;
    static constexpr unsigned char error_msg_seen = 2;

    struct frame {
        void* object;              ///< the model or vector being filled
        const model_info* model;   ///< the model's members; null for an array or a map
        const array_codec* array;  ///< array: how its elements are reached
        const map_codec* map;      ///< map: how its values are reached
        array_length* length_hint; ///< array: where its length goes at its end
        std::size_t position;      ///< model: member being decoded (npos: unknown key); array: elements
                                   ///< so far; map: its index in `map_keys_`, which holds its last key
        std::uint64_t seen;        ///< model: the members present among the first 64, bit `1 << index` each
        bool fresh;                ///< model: just constructed, so no member needs a reset
        std::uint32_t wide;        ///< model of more than 64 members: its first word in `wide_seen_`

        // Constructed in place by `emplace_back`: a frame built first and then copied into
        // the vector is read back 16 bytes at a time right after its 8-byte stores, which
        // the profile showed stalling on store forwarding.
        frame(void* model_object, const model_info& members, bool just_constructed)
            : object(model_object), model(&members), array(nullptr), map(nullptr), length_hint(nullptr),
              position(npos), seen(0), fresh(just_constructed), wide(0)
        {
        }
        frame(void* vector, const array_codec& elements, array_length& hint)
            : object(vector), model(nullptr), array(&elements), map(nullptr), length_hint(&hint), position(0),
              seen(0), fresh(false), wide(0)
        {
        }
        frame(void* map_object, const map_codec& values, std::size_t key_index)
            : object(map_object), model(nullptr), array(nullptr), map(&values), length_hint(nullptr),
              position(key_index), seen(0), fresh(false), wide(0)
        {
        }
    };

    struct slot {
        void* object;
        const value_codec* codec; ///< null: the value of an unknown key, skipped
    };

    bool report(bool ok, boost::system::error_code& ec) const
    {
        if (!ok)
            ec = make_error_code(failure_);
        return ok;
    }

    /// Where the next value goes: the root, the member named by the last key, or the next
    /// element of the innermost array. For an object or array also sets `fresh_`, which only
    /// models need (kept out of the slot: two words return in registers, three would not).
    template <bool Container = false>
    slot next_slot()
    {
        if (frames_.empty()) {
            if constexpr (Container)
                fresh_ = false;
            return root_;
        }
        frame& f = frames_.back();
        if (f.array == nullptr) { // a model or a map: the value of the last key
            if constexpr (Container)
                fresh_ = pending_fresh_;
            return pending_;
        }
        const element_slot e = f.array->element_at(f.object, f.position++);
        if constexpr (Container)
            fresh_ = e.fresh;
        return {e.object, f.array->element};
    }

    template <class Entry, class... Args>
    bool deliver(Entry value_codec::*entry, const char* got, Args... args)
    {
        const slot s = next_slot();
        if (s.codec == nullptr)
            return true;
        const Entry fn = s.codec->*entry;
        if (fn == nullptr)
            return mismatch(*s.codec, got) || recover(s);
        return fn(*this, s.object, args...) || recover(s);
    }

    /// After a codec failed at slot `s`: when decoding is lenient and the failure is a value of
    /// the wrong type below the top level, records it as a warning, gives the slot its default
    /// value and returns true (decoding goes on); else returns false.
    bool recover(const slot& s)
    {
        if (!lenient_ || !wrong_value_ || frames_.empty())
            return false;
        warnings_.push_back({path(), wrong_expected_, wrong_got_});
        s.codec->reset(s.object);
        failure_ = {};
        wrong_value_ = false;
        message_.clear();
        return true;
    }

    bool deeper()
    {
        if (++depth_ <= max_depth_)
            return true;
        return fail(error::too_deep, "nesting deeper than " + std::to_string(max_depth_) + " levels");
    }

    bool begin_container(bool (*value_codec::*entry)(json_handler&, void*), const char* got)
    {
        if (skip_ != 0 || any_ != 0) {
            ++(skip_ != 0 ? skip_ : any_);
            return deeper();
        }
        const slot s = next_slot<true>();
        if (!deeper())
            return false;
        if (s.codec == nullptr) {
            skip_ = 1;
            return true;
        }
        const auto fn = s.codec->*entry;
        if (fn != nullptr ? fn(*this, s.object) : mismatch(*s.codec, got))
            return true;
        if (!recover(s))
            return false;
        skip_ = 1; // the value left out
        return true;
    }

    void end_any()
    {
        if (--any_ == 0)
            any_target_->json() = any_stack_.release();
    }

    bool string_event(boost::json::string_view text, bool last)
    {
        if (skip_ != 0)
            return true;
        const std::string_view part(text.data(), text.size());
        if (any_ != 0) {
            if (last)
                any_stack_.push_string(part);
            else
                any_stack_.push_chars(part);
            return true;
        }
        const bool first = !in_string_;
        in_string_ = !last;
        if (first) {
            string_slot_ = next_slot();
            if (string_slot_.codec != nullptr && string_slot_.codec->on_string == nullptr)
                return mismatch(*string_slot_.codec, "string") || left_out_string();
        }
        if (string_slot_.codec == nullptr)
            return true;
        return string_slot_.codec->on_string(*this, string_slot_.object, part, first, last) || left_out_string();
    }

    /// Recovers from a string of the wrong type (see `recover`); its remaining parts are skipped.
    bool left_out_string()
    {
        if (!recover(string_slot_))
            return false;
        string_slot_.codec = nullptr;
        return true;
    }

    /// Looks `key` up among the members of the innermost model, or adds it to the innermost map.
    void select_member(std::string_view key)
    {
        frame& f = frames_.back();
        if (f.map != nullptr) {
            map_keys_[f.position].assign(key.data(), key.size());
            pending_ = {f.map->value_at(f.object, key), f.map->value};
            pending_fresh_ = false;
            return;
        }
        const model_info& model = *f.model;
        const std::size_t i = find_member(model, key);
        if (i != model.size) {
            const member_info& m = model.members[i];
            f.position = i;
            // A key seen before in this object (a duplicate) decodes over its first value.
            pending_ = {m.address(f.object), m.codec};
            if (i < 64) {
                const std::uint64_t bit = std::uint64_t(1) << i;
                pending_fresh_ = f.fresh && (f.seen & bit) == 0;
                f.seen |= bit;
            } else {
                pending_fresh_ = mark_wide(f, i);
            }
            return;
        }
        f.position = npos;
        pending_ = {nullptr, nullptr};
        if (frames_.size() == 1) {
            if (key == "error_code")
                error_shape_ |= error_code_seen;
            else if (key == "error_msg")
                error_shape_ |= error_msg_seen;
        }
    }

    /// Ends the innermost model, checking that its required members were all present.
    bool pop_model()
    {
        frame& f = frames_.back();
        const std::uint64_t missing = f.model->required & ~f.seen;
        if (missing != 0) {
            f.position = static_cast<std::size_t>(boost::core::countr_zero(missing));
            return fail(error::missing_field, "required field missing");
        }
        if (f.model->wide_words != 0 && !pop_wide(f))
            return false;
        if (!f.fresh) {
            const std::uint64_t all = f.model->size >= 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << f.model->size) - 1;
            for (std::uint64_t absent = all & ~f.seen; absent != 0; absent &= absent - 1) {
                const member_info& m = f.model->members[boost::core::countr_zero(absent)];
                m.reset(m.address(f.object));
            }
        }
        frames_.pop_back();
        return true;
    }

    /// Members of a model beyond the first 64 are tracked in words of `wide_seen_`, a stack like
    /// the frames: its words are released when it ends (`pop_wide`).
    void push_wide(frame& f)
    {
        f.wide = static_cast<std::uint32_t>(wide_seen_.size());
        wide_seen_.resize(wide_seen_.size() + f.model->wide_words, 0);
    }

    /// Marks member `i` (from 64 on) present; returns whether it is fresh (see `pending_fresh_`).
    bool mark_wide(frame& f, std::size_t i)
    {
        std::uint64_t& word = wide_seen_[f.wide + (i - 64) / 64];
        const std::uint64_t bit = std::uint64_t(1) << (i % 64);
        const bool fresh = f.fresh && (word & bit) == 0;
        word |= bit;
        return fresh;
    }

    /// The end of a model of more than 64 members, for its members beyond the first 64: checks
    /// that the required ones were present, resets the absent ones (unless the model was just
    /// constructed) and releases their words.
    bool pop_wide(frame& f)
    {
        const model_info& model = *f.model;
        for (std::size_t w = 0; w != model.wide_words; ++w) {
            const std::uint64_t seen = wide_seen_[f.wide + w];
            const std::uint64_t missing = model.wide_required[w] & ~seen;
            if (missing != 0) {
                f.position = 64 + 64 * w + static_cast<std::size_t>(boost::core::countr_zero(missing));
                return fail(error::missing_field, "required field missing");
            }
            if (!f.fresh) {
                const std::size_t first = 64 + 64 * w;
                const std::size_t count = model.size - first < 64 ? model.size - first : 64;
                const std::uint64_t all = count == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << count) - 1;
                for (std::uint64_t absent = all & ~seen; absent != 0; absent &= absent - 1) {
                    const member_info& m = model.members[first + boost::core::countr_zero(absent)];
                    m.reset(m.address(f.object));
                }
            }
        }
        wide_seen_.resize(f.wide);
        return true;
    }

    /// Ends the innermost map.
    bool pop_map()
    {
        map_keys_.pop_back();
        frames_.pop_back();
        return true;
    }

    std::vector<frame> frames_;
    std::vector<std::string> map_keys_; ///< the last key of each map being filled, for `path()`
    std::vector<std::uint64_t> wide_seen_; ///< members present beyond the first 64 of models being filled
    slot root_;
    slot pending_{nullptr, nullptr};
    bool pending_fresh_ = false; ///< `pending_` is a member of a model just constructed, not seen before
    slot string_slot_{nullptr, nullptr};
    bool fresh_ = false; ///< the last slot was just constructed; see `set_fresh`
    bool in_string_ = false;
    std::size_t max_depth_;
    std::size_t body_size_;
    std::size_t depth_ = 0;
    std::size_t skip_ = 0; ///< nesting inside the value of an unknown key
    std::size_t any_ = 0;  ///< nesting inside an `any_value` being built
    meta::any_value* any_target_ = nullptr;
    boost::json::value_stack any_stack_;
    std::string key_;  ///< a key that arrived in parts
    std::string text_; ///< a string that arrived in parts, for `collect`
    error failure_{};
    std::string message_;
    bool lenient_;
    bool wrong_value_ = false;   ///< the failure recorded is a value of the wrong type (`wrong_value`)
    std::string wrong_expected_; ///< what the member takes, for its warning
    std::string wrong_got_;      ///< what came instead, for its warning
    std::vector<decode_warning> warnings_;
    unsigned char error_shape_ = 0; ///< `error_code_seen` and `error_msg_seen`, unknown top-level keys
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_CODEC_DETAIL_DECODE_HANDLER_HPP

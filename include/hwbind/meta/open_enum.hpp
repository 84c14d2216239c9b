// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_META_OPEN_ENUM_HPP
#define HWBIND_META_OPEN_ENUM_HPP

/// \file
/// Enumerations as servers really send them: a documented value, or one the service added
/// after the bindings were generated. Decoding never fails on a new value and never maps it
/// to a known one; the value the server sent stays readable.

#include <hwbind/meta/field.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace hwbind::meta {

namespace detail {

template <class E, class = void>
struct has_wire_names : std::false_type {};

template <class E>
struct has_wire_names<E, std::void_t<decltype(wire_names(tag<E>{}))>> : std::true_type {};

template <class E, class = void>
struct has_integer_wire : std::false_type {};
template <class E>
struct has_integer_wire<E, std::void_t<decltype(integer_wire(tag<E>{}))>>
    : std::bool_constant<integer_wire(tag<E>{})> {};

} // namespace detail

/// Whether the values of `E` travel as JSON numbers: the generated code declares
/// `integer_wire(meta::tag<E>)` beside such an enum. Their wire names are the numbers'
/// decimal text, and `open_enum<E>` keeps an unknown number as its text.
template <class E>
inline constexpr bool is_integer_enum_v = detail::has_integer_wire<E>::value;

/// An enumerator and its spelling on the wire.
template <class E>
struct enum_entry {
    E value;
    std::string_view wire;
};

namespace detail {

// Expands the descriptor list once and reads `wire_names` once: indexing the list or calling
// `wire_names` per enumerator costs time quadratic in their number (seconds at 300).
template <class E, template <class...> class L, class... D>
constexpr std::array<enum_entry<E>, sizeof...(D)> make_enum_table(L<D...>) noexcept
{
    std::array<enum_entry<E>, sizeof...(D)> table{{enum_entry<E>{D::value, D::name}...}};
    if constexpr (has_wire_names<E>::value) {
        constexpr auto wire = wire_names(tag<E>{});
        for (std::size_t i = 0; i != table.size(); ++i)
            table[i].wire = wire[i];
    }
    return table;
}

} // namespace detail

/// Every enumerator of `E` with its wire spelling, in `BOOST_DESCRIBE_ENUM` order, computed
/// once at compile time.
///
/// An enumerator is spelled on the wire as its C++ name unless the generated code declares
/// `wire_names(meta::tag<E>)` beside the enum (it does so when a wire value is not a valid
/// C++ identifier and had to be renamed).
template <class E>
inline constexpr auto enum_table = detail::make_enum_table<E>(boost::describe::describe_enumerators<E>{});

/// The wire spelling of `value`; empty for a value that is not an enumerator.
template <class E>
constexpr std::string_view wire_name(E value) noexcept
{
    static_assert(boost::describe::has_describe_enumerators<E>::value,
                  "wire_name needs an enum described with BOOST_DESCRIBE_ENUM");
    for (const auto& e : enum_table<E>)
        if (e.value == value)
            return e.wire;
    return {};
}

/// The enumerator spelled `wire` on the wire, if `E` has one.
template <class E>
constexpr std::optional<E> from_wire_name(std::string_view wire) noexcept
{
    for (const auto& e : enum_table<E>)
        if (e.wire == wire)
            return e.value;
    return std::nullopt;
}

/// A value of the enumeration `E` that may also hold a value unknown to these bindings.
///
/// Models use `open_enum<E>` for every enumerated field: a value the service added later
/// decodes as an unknown value whose wire spelling `wire()` returns, instead of failing the
/// whole response or being confused with a documented value.
///
/// \code
/// if (task.risk_level == coc::risk_level::HIGH) ...
/// if (!task.risk_level.is_known()) log("new risk level: ", task.risk_level.wire());
/// std::cout << task.risk_level;   // the wire spelling, documented or not
/// \endcode
///
/// Requests send documented values only, unless asked explicitly: the service may accept a
/// value the spec lags behind on, and `open_enum<E>::unlisted("NEW_VALUE")` sends it as is
/// (a plain unknown value, as decoding makes, is still refused before any I/O).
template <class E>
class open_enum {
    static_assert(std::is_enum_v<E>, "open_enum holds an enumeration");

public:
    using enum_type = E;

    /// An unknown value with an empty wire spelling: what a default-constructed struct holds.
    open_enum() = default;

    /// A documented value.
    constexpr open_enum(E value) noexcept : value_(value), known_(true) {} // NOLINT: implicit by design

    /// The value spelled `wire` on the wire: documented if `E` has it, unknown otherwise.
    static open_enum from_wire(std::string_view wire)
    {
        if (auto known = from_wire_name<E>(wire))
            return open_enum(*known);
        open_enum result;
        result.unknown_.assign(wire.data(), wire.size());
        return result;
    }

    /// A value the spec does not list, which a request sends as `wire` anyway: for a value the
    /// service accepts although the bindings do not know it yet. Validation refuses unknown
    /// values unless they were made here (an integer enumeration's text must still be an
    /// integer, and `wire` must not be empty). A `wire` the spec lists gives that value.
    static open_enum unlisted(std::string_view wire)
    {
        open_enum result = from_wire(wire);
        result.unlisted_ = !result.known_;
        return result;
    }

    /// Whether the value was made by `unlisted` with a wire spelling the spec does not list:
    /// requests may send it.
    constexpr bool is_unlisted() const noexcept { return unlisted_; }

    /// Whether the value is one these bindings document.
    constexpr bool is_known() const noexcept { return known_; }

    /// The documented value, or nothing for a value these bindings do not know.
    constexpr std::optional<E> known() const noexcept { return known_ ? std::optional<E>(value_) : std::nullopt; }

    /// The documented value; throws `std::logic_error` naming the wire value when unknown.
    E value() const
    {
        if (!known_)
            throw std::logic_error("open_enum: value '" + unknown_ + "' is not a documented enumerator");
        return value_;
    }

    /// The value as spelled on the wire, documented or not.
    std::string_view wire() const noexcept { return known_ ? wire_name(value_) : std::string_view(unknown_); }

    /// Writes the wire spelling, documented or not (nothing for a default-constructed value).
    friend std::ostream& operator<<(std::ostream& os, const open_enum& v) { return os << v.wire(); }

    /// Values are equal when their wire spellings are: whether a value was made by `unlisted`
    /// does not matter.
    friend bool operator==(const open_enum& a, const open_enum& b) noexcept
    {
        if (a.known_ != b.known_)
            return false;
        return a.known_ ? a.value_ == b.value_ : a.unknown_ == b.unknown_;
    }
    friend bool operator!=(const open_enum& a, const open_enum& b) noexcept { return !(a == b); }
    friend bool operator==(const open_enum& a, E b) noexcept { return a.known_ && a.value_ == b; }
    friend bool operator==(E a, const open_enum& b) noexcept { return b == a; }
    friend bool operator!=(const open_enum& a, E b) noexcept { return !(a == b); }
    friend bool operator!=(E a, const open_enum& b) noexcept { return !(b == a); }

private:
    E value_{};
    bool known_ = false;
    bool unlisted_ = false;
    std::string unknown_;
};

/// Whether `T` is an `open_enum`.
template <class T>
struct is_open_enum : std::false_type {};
template <class E>
struct is_open_enum<open_enum<E>> : std::true_type {};

} // namespace hwbind::meta

#endif // HWBIND_META_OPEN_ENUM_HPP

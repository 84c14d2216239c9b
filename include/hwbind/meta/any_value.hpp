// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_META_ANY_VALUE_HPP
#define HWBIND_META_ANY_VALUE_HPP

/// \file
/// A field whose type the spec leaves open ("any JSON"), typically because the reference page
/// and the service disagree on it. It keeps whatever the server sent.

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cmath>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hwbind::meta {

namespace detail {

/// Calls `f` on each double of `root` that is infinite or NaN, at any depth, until `f`
/// returns true; whether it did. Iterative: a value built by hand may nest deeper than the
/// stack would allow.
template <class Value, class F>
bool visit_non_finite(Value& root, F f)
{
    if (!root.is_structured())
        return root.is_double() && !std::isfinite(root.get_double()) && f(root);
    std::vector<Value*> pending{&root};
    while (!pending.empty()) {
        Value& v = *pending.back();
        pending.pop_back();
        if (auto* array = v.if_array()) {
            for (auto& element : *array)
                pending.push_back(&element);
        } else if (auto* object = v.if_object()) {
            for (auto& member : *object)
                pending.push_back(&member.value());
        } else if (v.is_double() && !std::isfinite(v.get_double()) && f(v)) {
            return true;
        }
    }
    return false;
}

} // namespace detail

/// Any JSON value, kept as sent, with easy access to the common string case.
class any_value {
public:
    any_value() = default;
    any_value(boost::json::value v) noexcept : value_(std::move(v)) {} // NOLINT: implicit by design
    any_value(std::string_view s) : value_(boost::json::string(s)) {}  // NOLINT: implicit by design
    any_value(const char* s) : any_value(std::string_view(s)) {}       // NOLINT: implicit by design

    /// The JSON value itself.
    const boost::json::value& json() const noexcept { return value_; }
    boost::json::value& json() noexcept { return value_; }

    /// The string, when the server sent a JSON string.
    std::optional<std::string_view> as_string() const noexcept
    {
        if (const auto* s = value_.if_string())
            return std::string_view(*s);
        return std::nullopt;
    }

    /// The value as JSON text.
    ///
    /// JSON has no infinity or NaN (RFC 8259 §6), which a value built in C++ may hold: they
    /// are written as `null`, as `encode` writes `double` members, and as serde_json and
    /// nlohmann::json do. Not `Infinity` or `NaN`, which every JSON parser rejects, and not an
    /// error: encoding cannot fail, and a value decoded from JSON never holds them.
    std::string to_json() const
    {
        if (!detail::visit_non_finite(value_, [](const boost::json::value&) { return true; }))
            return boost::json::serialize(value_);
        boost::json::value finite = value_;
        detail::visit_non_finite(finite, [](boost::json::value& v) {
            v = nullptr;
            return false;
        });
        return boost::json::serialize(finite);
    }

    /// Text for display: a string's own characters, any other value as `to_json` writes it.
    std::string to_text() const
    {
        if (auto s = as_string())
            return std::string(*s);
        return to_json();
    }

    friend bool operator==(const any_value& a, const any_value& b) noexcept { return a.value_ == b.value_; }
    friend bool operator!=(const any_value& a, const any_value& b) noexcept { return !(a == b); }

    /// Writes `to_text()`: a string's own characters, any other value as JSON.
    friend std::ostream& operator<<(std::ostream& os, const any_value& v) { return os << v.to_text(); }

private:
    boost::json::value value_;
};

} // namespace hwbind::meta

#endif // HWBIND_META_ANY_VALUE_HPP

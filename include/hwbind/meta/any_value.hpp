// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_META_ANY_VALUE_HPP
#define HWBIND_META_ANY_VALUE_HPP

/// \file
/// A field whose type the spec leaves open ("any JSON"), typically because the reference page
/// and the service disagree on it. It keeps whatever the server sent.

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace hwbind::meta {

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

    /// Text for display: a string's own characters, any other value serialized as JSON.
    std::string to_text() const
    {
        if (auto s = as_string())
            return std::string(*s);
        return boost::json::serialize(value_);
    }

    friend bool operator==(const any_value& a, const any_value& b) noexcept { return a.value_ == b.value_; }
    friend bool operator!=(const any_value& a, const any_value& b) noexcept { return !(a == b); }

private:
    boost::json::value value_;
};

} // namespace hwbind::meta

#endif // HWBIND_META_ANY_VALUE_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_REQUEST_CONTEXT_HPP
#define HWBIND_RUNTIME_CODEC_REQUEST_CONTEXT_HPP

/// \file
/// The values a request takes from its client (such as the project ID of the credentials)
/// rather than from the request struct.

#include <boost/container/small_vector.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace hwbind {

/// Named values a request takes from its client rather than from the request struct.
///
/// A parameter whose field has a `context_key` (`meta::field::from_context`) and is left
/// unset in the request is sent with the context value of that name; an empty value counts
/// as absent. Keys and values are plain text; nothing here knows what the names mean.
class request_context {
public:
    /// Sets the value of `key`, replacing any previous value. Returns `*this` for chaining.
    request_context& set(std::string_view key, std::string_view value)
    {
        for (auto& entry : values_) {
            if (entry.first == key) {
                entry.second.assign(value.data(), value.size());
                return *this;
            }
        }
        values_.emplace_back(std::string(key), std::string(value));
        return *this;
    }

    /// The value of `key`, empty when it has none.
    std::string_view get(std::string_view key) const noexcept
    {
        for (const auto& entry : values_) {
            if (entry.first == key)
                return entry.second;
        }
        return {};
    }

private:
    // A handful of keys at most: a linear search in place beats any map.
    boost::container::small_vector<std::pair<std::string, std::string>, 4> values_;
};

} // namespace hwbind

#endif // HWBIND_RUNTIME_CODEC_REQUEST_CONTEXT_HPP

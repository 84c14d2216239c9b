// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_HEADER_LIST_HPP
#define HWBIND_RUNTIME_CODEC_HEADER_LIST_HPP

/// \file
/// The headers of a request: what request building writes, signing reads and adds to, and
/// the transport sends.

#include <hwbind/runtime/codec/ascii.hpp>

#include <boost/container/small_vector.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace hwbind {

/// One request header.
struct header_field {
    std::string name;
    std::string value;
};

/// The headers of a request, names compared without regard to case.
///
/// `clear()` keeps the strings of the removed headers for reuse, so that a request object
/// prepared again and again stops allocating for its headers.
class header_list {
    using storage = boost::container::small_vector<header_field, 8>;

public:
    using const_iterator = storage::const_iterator;

    const_iterator begin() const noexcept { return fields_.begin(); }
    const_iterator end() const noexcept { return fields_.begin() + static_cast<std::ptrdiff_t>(size_); }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }

    /// The header named `name`, or null.
    const header_field* find(std::string_view name) const noexcept
    {
        for (const header_field& h : *this) {
            if (equal_names(h.name, name))
                return &h;
        }
        return nullptr;
    }

    /// Sets header `name` to `value`, replacing the value of a header of that name.
    void set(std::string_view name, std::string_view value)
    {
        for (std::size_t i = 0; i < size_; ++i) {
            if (equal_names(fields_[i].name, name)) {
                fields_[i].value.assign(value.data(), value.size());
                return;
            }
        }
        if (size_ == fields_.size())
            fields_.emplace_back();
        header_field& h = fields_[size_++];
        h.name.assign(name.data(), name.size());
        h.value.assign(value.data(), value.size());
    }

    /// Removes every header.
    void clear() noexcept { size_ = 0; }

    /// Whether `a` and `b` name the same header (ASCII case-insensitive, RFC 9110 §5.1).
    static constexpr bool equal_names(std::string_view a, std::string_view b) noexcept
    {
        return equals_ignoring_case(a, b);
    }

private:
    storage fields_;
    std::size_t size_ = 0; // fields_[size_, fields_.size()) are spare
};

} // namespace hwbind

#endif // HWBIND_RUNTIME_CODEC_HEADER_LIST_HPP

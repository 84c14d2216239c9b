// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_DETAIL_DEEP_EQUAL_HPP
#define HWBIND_RUNTIME_DETAIL_DEEP_EQUAL_HPP

/// \file
/// Member-wise equality of generated models, which declare no `operator==` of their own.

#include <hwbind/runtime/detail/model_traits.hpp>

#include <boost/mp11/algorithm.hpp>

#include <cstddef>

namespace hwbind::detail {

/// Whether `a` and `b` hold equal values: models member by member, optionals and vectors
/// element by element, everything else with `==`.
template <class T>
bool deep_equal(const T& a, const T& b)
{
    if constexpr (is_model<T>::value) {
        bool equal = true;
        boost::mp11::mp_for_each<model_members<T>>(
            [&](auto d) { equal = equal && deep_equal(a.*d.pointer, b.*d.pointer); });
        return equal;
    } else if constexpr (is_optional<T>::value) {
        return a.has_value() == b.has_value() && (!a || deep_equal(*a, *b));
    } else if constexpr (is_vector<T>::value) {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i != a.size(); ++i) {
            if (!deep_equal<typename T::value_type>(a[i], b[i]))
                return false;
        }
        return true;
    } else {
        return a == b;
    }
}

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_DETAIL_DEEP_EQUAL_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_META_HPP
#define HWBIND_META_HPP

/// \file
/// The vocabulary generated bindings are written in: field tables, open enumerations, any-JSON
/// values and endpoint descriptors. Bindings include this and nothing of the runtime.

#include <hwbind/meta/any_value.hpp>
#include <hwbind/meta/detail/describe.hpp>
#include <hwbind/meta/field.hpp>
#include <hwbind/meta/file_part.hpp>
#include <hwbind/meta/loose_time.hpp>
#include <hwbind/meta/member_path.hpp>
#include <hwbind/meta/open_enum.hpp>
#include <hwbind/meta/operation.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/meta/separate_destructor.hpp>

#endif // HWBIND_META_HPP

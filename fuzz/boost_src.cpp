// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
//
// Boost.JSON compiled from its sources into the fuzz targets, instrumented like them: linked
// as the prebuilt shared library, its parser would be opaque to libFuzzer's coverage and to
// the sanitizers.

#include <boost/json/src.hpp>

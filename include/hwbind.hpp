// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_HPP
#define HWBIND_HPP

/// \file
/// Everything: the generic runtime and the generated bindings of every service.
///
/// Boost.JSON has a compiled part. The CMake target `hwbind::hwbind` links its library
/// (`Boost::json`). Without CMake, either link `-lboost_json`, or define
/// `HWBIND_IMPLEMENT_BOOST` in exactly one translation unit before including this header to
/// compile that part into it, as Boost's own `src.hpp` headers do.

#include <hwbind/meta.hpp>

#include <hwbind/runtime/api_error.hpp>
#include <hwbind/runtime/auth/credentials.hpp>
#include <hwbind/runtime/auth/signer.hpp>
#include <hwbind/runtime/client.hpp>
#include <hwbind/runtime/client_options.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/json_decode.hpp>
#include <hwbind/runtime/json_encode.hpp>
#include <hwbind/runtime/pagination.hpp>
#include <hwbind/runtime/request.hpp>
#include <hwbind/runtime/request_event.hpp>
#include <hwbind/runtime/retry.hpp>
#include <hwbind/runtime/service_endpoint.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>
#include <hwbind/runtime/transport/http_response.hpp>
#include <hwbind/runtime/transport/options.hpp>
#include <hwbind/runtime/transport/transport.hpp>
#include <hwbind/runtime/validate.hpp>

#include <hwbind/services/all.hpp>

#if defined(HWBIND_IMPLEMENT_BOOST)
#include <boost/json/src.hpp>
#endif

#endif // HWBIND_HPP

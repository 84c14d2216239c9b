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

#include <hwbind/runtime/auth/credentials.hpp>
#include <hwbind/runtime/auth/signer.hpp>
#include <hwbind/runtime/client/client.hpp>
#include <hwbind/runtime/client/client_options.hpp>
#include <hwbind/runtime/client/pagination.hpp>
#include <hwbind/runtime/client/request_event.hpp>
#include <hwbind/runtime/client/retry.hpp>
#include <hwbind/runtime/client/service_endpoint.hpp>
#include <hwbind/runtime/client/with_diagnostics.hpp>
#include <hwbind/runtime/codec/api_error.hpp>
#include <hwbind/runtime/codec/error_models.hpp>
#include <hwbind/runtime/codec/header_list.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>
#include <hwbind/runtime/codec/json_encode.hpp>
#include <hwbind/runtime/codec/percent_encoding.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/codec/request_context.hpp>
#include <hwbind/runtime/codec/validate.hpp>
#include <hwbind/runtime/config.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/transport/endpoint.hpp>
#include <hwbind/runtime/transport/http_response.hpp>
#include <hwbind/runtime/transport/options.hpp>
#include <hwbind/runtime/transport/transport.hpp>

#include <hwbind/services/all.hpp>

#if defined(HWBIND_IMPLEMENT_BOOST)
#include <boost/json/src.hpp>
#endif

#endif // HWBIND_HPP

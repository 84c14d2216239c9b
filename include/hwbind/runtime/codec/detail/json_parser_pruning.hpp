// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_DETAIL_JSON_PARSER_PRUNING_HPP
#define HWBIND_RUNTIME_CODEC_DETAIL_JSON_PARSER_PRUNING_HPP

/// \file
/// Keeps the decoder's `boost::json::basic_parser<json_handler>` from compiling the parts of
/// Boost.JSON's tokenizer that `decode_json` never runs, by explicitly specializing two of
/// the parser's private member templates. This depends on Boost.JSON's internals, so it
/// applies only to the version whose internals were read (1.81); with any other the parser
/// is compiled whole, which changes nothing but compile time.
///
/// `basic_parser::write_some` chooses at run time between a fresh start and resuming a
/// suspended parse (the template argument `StackEmpty`), and `parse_document` between the
/// parse options' extensions (among them `AllowComments`); each choice compiles a copy of
/// the whole tokenizer (`parse_value`, `parse_object`, `parse_array`, strings, numbers),
/// four in all. `decode_json` gives the whole body to one `write_some` (`more == false`) on a
/// new parser, which therefore never suspends and never resumes, and never enables comments:
/// only the copy for a fresh start without comments runs. Specializing the two entries to
/// the other copies (resuming a document; a value with comments) as failures leaves them
/// uncompiled. Measured on the hwbind TU of bench/compile_cost.sh at -O2: object code of the
/// parser 43 → 22 KB.

#include <hwbind/runtime/codec/detail/decode_handler.hpp>

#include <boost/assert.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/version.hpp>

#include <type_traits>

#if BOOST_VERSION == 108100

/// Resuming a suspended document: unreachable, as the decoder's parser never suspends.
template <>
template <>
inline const char* boost::json::basic_parser<hwbind::detail::json_handler>::parse_document<false>(
    const char* p, std::false_type)
{
    BOOST_ASSERT_MSG(false, "hwbind's decoder parses a body in one write_some and never resumes");
    BOOST_STATIC_CONSTEXPR source_location loc = BOOST_CURRENT_LOCATION;
    return fail(p, error::incomplete, &loc);
}

/// A value with comments allowed: unreachable, as the decoder never allows them.
template <>
template <>
inline const char* boost::json::basic_parser<hwbind::detail::json_handler>::parse_value<true, true>(
    const char* p, std::true_type, std::true_type, bool, bool)
{
    BOOST_ASSERT_MSG(false, "hwbind's decoder does not allow comments");
    BOOST_STATIC_CONSTEXPR source_location loc = BOOST_CURRENT_LOCATION;
    return fail(p, error::syntax, &loc);
}

#endif

#endif // HWBIND_RUNTIME_CODEC_DETAIL_JSON_PARSER_PRUNING_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
//
// Fuzz target: the response decoders of every generated response model. The first byte of
// the input picks the model, the rest is the body:
//
//   d  coc::list_documents_response        t  coc::list_scheduled_tasks_response
//   h  hss::list_jobs_response             s  swr::list_instance_jobs_response
//
// and the shapes of spec v2, from the generator's golden fixture (generator/tests/golden/full):
//
//   p  inventory::part: maps, arrays of arrays of maps, an integer enumeration, a model
//      holding an array of itself
//   m  std::map<std::string, inventory::new_item>: a body that is a map
//   a  std::vector<std::vector<std::string>>: a body that is an array of arrays
//
// A failure must be reported as `condition::invalid_response` with a message. A success must
// survive a round trip: encoding the model and decoding that again gives an equal model and
// the same text. Decoding into a model that already holds a value (the reuse path, which
// keeps capacity) must give what decoding into a new one gives.

#include "support.hpp"

#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>
#include <hwbind/runtime/codec/json_encode.hpp>
#include <hwbind/services/coc/models.hpp>
#include <hwbind/services/hss/models.hpp>
#include <hwbind/services/swr/models.hpp>

#include <golden_full/inventory/models.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <map>
#include <string_view>
#include <vector>

namespace {

template <class T>
void check_decoder(std::string_view body)
{
    T fresh;
    hwbind::diagnostics diag;
    const boost::system::error_code ec = hwbind::decode(body, fresh, diag);

    // Every input goes into the same object in turn, so it always holds the previous value.
    static T reused;
    hwbind::diagnostics reused_diag;
    const boost::system::error_code reused_ec = hwbind::decode(body, reused, reused_diag);
    HWBIND_FUZZ_CHECK(reused_ec == ec);
    HWBIND_FUZZ_CHECK(reused_diag.message() == diag.message());

    // Lenient decoding: where strict decoding succeeds, the same result without a warning;
    // where only it succeeds, at least one warning, and what is left encodes and decodes back
    // strictly.
    hwbind::decode_options lenient_options;
    lenient_options.lenient = true;
    T lenient;
    hwbind::diagnostics lenient_diag;
    const boost::system::error_code lenient_ec = hwbind::decode(body, lenient, lenient_diag, lenient_options);
    if (!ec) {
        HWBIND_FUZZ_CHECK(!lenient_ec && lenient_diag.warnings().empty());
        HWBIND_FUZZ_CHECK(hwbind::meta::deep_equal(fresh, lenient));
    } else if (!lenient_ec) {
        HWBIND_FUZZ_CHECK(!lenient_diag.warnings().empty());
        T strict_back;
        HWBIND_FUZZ_CHECK(!hwbind::decode(hwbind::encode(lenient), strict_back, lenient_diag));
        HWBIND_FUZZ_CHECK(hwbind::meta::deep_equal(lenient, strict_back));
    }

    if (ec) {
        HWBIND_FUZZ_CHECK(ec == hwbind::condition::invalid_response);
        HWBIND_FUZZ_CHECK(!diag.message().empty());
        return;
    }
    HWBIND_FUZZ_CHECK(diag.message().empty());
    HWBIND_FUZZ_CHECK(hwbind::meta::deep_equal(fresh, reused));

    const std::string encoded = hwbind::encode(fresh);
    T back;
    const boost::system::error_code back_ec = hwbind::decode(encoded, back, diag);
    if (back_ec)
        std::fprintf(stderr, "encoded: %s\ndecoding it failed: %s\n", encoded.c_str(), diag.message().c_str());
    HWBIND_FUZZ_CHECK(!back_ec);
    HWBIND_FUZZ_CHECK(hwbind::meta::deep_equal(fresh, back));
    HWBIND_FUZZ_CHECK(hwbind::encode(back) == encoded);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0]) {
    case 'd': check_decoder<hwbind::coc::list_documents_response>(body); break;
    case 't': check_decoder<hwbind::coc::list_scheduled_tasks_response>(body); break;
    case 'h': check_decoder<hwbind::hss::list_jobs_response>(body); break;
    case 's': check_decoder<hwbind::swr::list_instance_jobs_response>(body); break;
    case 'p': check_decoder<hwbind::inventory::part>(body); break;
    case 'm': check_decoder<std::map<std::string, hwbind::inventory::new_item>>(body); break;
    case 'a': check_decoder<std::vector<std::vector<std::string>>>(body); break;
    default: break;
    }
    return 0;
}

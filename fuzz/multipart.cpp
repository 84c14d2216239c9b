// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
//
// Fuzz target: `multipart/form-data` encoding (`encode_form`) of arbitrary forms, read back by
// the mock's streaming parser (`form_parser`) fed in arbitrary chunks.
//
// A form holds a text part, an integer part, a file from memory and an optional second file,
// each of any bytes, with any file names and content types. `form_boundary` must choose a
// boundary that occurs in no content; a boundary taken from the input (of RFC 2046 characters)
// that occurs in no content must do as well. A content type with CR, LF or NUL must fail with
// `invalid_header_value`; any other form must encode, and parse back into exactly the parts
// given: their names, file names, content types, bytes and sizes, in order, and the body's size
// must be the sum of its segments.

#include "support.hpp"

#include <hwbind/meta/field.hpp>
#include <hwbind/meta/file_part.hpp>
#include <hwbind/mock/multipart_parsing.hpp>
#include <hwbind/runtime/codec/multipart.hpp>

#include <boost/describe/class.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fuzz_forms {

namespace meta = hwbind::meta;

struct form {
    std::optional<std::string> note;
    std::optional<std::int64_t> count;
    meta::file_part file;
    std::optional<meta::file_part> extra;
};
BOOST_DESCRIBE_STRUCT(form, (), (note, count, file, extra))

// Part names with characters the encoder must quote.
constexpr std::array<meta::field, 4> wire_fields(meta::tag<form>) noexcept
{
    return {meta::member("no\"te"), meta::member("count"), meta::member("file\\%"), meta::member("extra é")};
}

} // namespace fuzz_forms

namespace {

using hwbind::meta::file_part;
using hwbind::mock::detail::received_part;

constexpr std::size_t max_string = 2000;

file_part fuzzed_file(FuzzedDataProvider& in)
{
    std::string name = in.ConsumeRandomLengthString(64);
    std::string type = in.ConsumeRandomLengthString(32);
    return file_part::from_bytes(std::move(name), in.ConsumeRandomLengthString(max_string), std::move(type));
}

// The part `encode_form` should make of `file`.
void check_file_part(const received_part& got, std::string_view name, const file_part& file)
{
    HWBIND_FUZZ_CHECK(got.name == name);
    HWBIND_FUZZ_CHECK(got.file_name.has_value() && *got.file_name == file.file_name());
    // Spaces and tabs around a header value are no part of it.
    std::string_view type = file.content_type();
    if (type.empty())
        type = "application/octet-stream";
    const std::size_t first = type.find_first_not_of(" \t");
    type = first == std::string_view::npos ? std::string_view() : type.substr(first, type.find_last_not_of(" \t") - first + 1);
    HWBIND_FUZZ_CHECK(got.content_type == type);
    HWBIND_FUZZ_CHECK(got.content == file.bytes() && got.size == file.bytes().size());
}

void check_text_part(const received_part& got, std::string_view name, std::string_view text)
{
    HWBIND_FUZZ_CHECK(got.name == name);
    HWBIND_FUZZ_CHECK(!got.file_name.has_value());
    HWBIND_FUZZ_CHECK(got.content == text && got.size == text.size());
}

bool holds_header_break(const std::string& s)
{
    return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider in(data, size);
    fuzz_forms::form f;
    if (in.ConsumeBool())
        f.note = in.ConsumeRandomLengthString(max_string);
    if (in.ConsumeBool())
        f.count = in.ConsumeIntegral<std::int64_t>();
    f.file = fuzzed_file(in);
    if (in.ConsumeBool())
        f.extra = fuzzed_file(in);

    // A boundary from the input, of the characters RFC 2046 allows (spaces left out).
    static constexpr std::string_view bchars =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'()+_,-./:=?";
    std::string boundary;
    const std::size_t length = in.ConsumeIntegralInRange<std::size_t>(1, 70);
    for (std::size_t i = 0; i != length; ++i)
        boundary += bchars[in.ConsumeIntegralInRange<std::size_t>(0, bchars.size() - 1)];
    const std::string chosen = hwbind::form_boundary(f);
    HWBIND_FUZZ_CHECK(!hwbind::boundary_occurs_in(f, chosen));
    if (hwbind::boundary_occurs_in(f, boundary))
        boundary = chosen;

    hwbind::segmented_body body;
    hwbind::diagnostics diag;
    const auto ec = hwbind::encode_form(f, boundary, "body", body, diag);
    const bool bad_type = holds_header_break(f.file.content_type()) || (f.extra && holds_header_break(f.extra->content_type()));
    HWBIND_FUZZ_CHECK(bad_type == (ec == hwbind::error::invalid_header_value));
    if (ec) {
        HWBIND_FUZZ_CHECK(body.empty() && !diag.message().empty());
        return 0;
    }

    std::string bytes;
    for (const hwbind::body_segment& s : body.segments()) {
        HWBIND_FUZZ_CHECK(!s.is_file());
        bytes += s.bytes;
    }
    HWBIND_FUZZ_CHECK(bytes.size() == body.size());

    // Fed in chunks of the input's choosing, as a socket would cut them.
    hwbind::mock::detail::form_parser parser(boundary, max_string);
    std::string_view rest = bytes;
    while (!rest.empty()) {
        const std::size_t n = in.ConsumeIntegralInRange<std::size_t>(1, rest.size());
        parser.feed(rest.substr(0, n));
        rest.remove_prefix(n);
    }
    parser.finish();
    const auto& form = parser.form();
    HWBIND_FUZZ_CHECK(form.error.empty());

    std::size_t next = 0;
    const std::size_t expected = (f.note ? 1 : 0) + (f.count ? 1 : 0) + 1 + (f.extra ? 1 : 0);
    HWBIND_FUZZ_CHECK(form.parts.size() == expected);
    if (f.note)
        check_text_part(form.parts[next++], "no\"te", *f.note);
    if (f.count)
        check_text_part(form.parts[next++], "count", std::to_string(*f.count));
    check_file_part(form.parts[next++], "file\\%", f.file);
    if (f.extra)
        check_file_part(form.parts[next++], "extra é", *f.extra);
    return 0;
}

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_MULTIPART_HPP
#define HWBIND_RUNTIME_CODEC_MULTIPART_HPP

/// \file
/// `multipart/form-data` (RFC 7578) encoding of a form model, sans I/O: the members of the
/// model are the parts, in declaration order, named by their wire names; a `meta::file_part`
/// is a file part (`filename` and `Content-Type`), any other scalar a text part holding its
/// wire text (as a query parameter's). The result is a `segmented_body`: the part heads and
/// text parts in memory, each file named with its size, read only while the request is sent.
/// Encoding opens each file once to size it (so a file that cannot be read fails before any
/// network I/O), and reads none of it.
///
/// File names and part names are sent as quoted strings of printable ASCII: `"`, `\`, `%`, control
/// characters (CR, LF) and every byte of a non-ASCII UTF-8 sequence are percent-encoded (`%22`,
/// `%5C`, `%25`, `%0D`, `%0A`, `%C3%A9`), as RFC 7578 §4.2 allows and as browsers encode
/// `"` and line breaks; `filename*` is not used (RFC 7578 §4.2 forbids it in forms). Decoding
/// `%XX` gives back the exact name.

#include <hwbind/meta/field.hpp>
#include <hwbind/meta/file_part.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/detail/parameter_values.hpp>
#include <hwbind/runtime/codec/segmented_body.hpp>
#include <hwbind/runtime/codec/validate.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/mp11/algorithm.hpp>
#include <boost/system/error_code.hpp>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace hwbind::codec {

/// Appends `text` as a quoted-string parameter value of a part's `Content-Disposition`, quotes
/// included, percent-encoded as the file comment says.
inline void append_form_quoted(std::string& out, std::string_view text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    out += '"';
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7F || c == '"' || c == '\\' || c == '%') {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0xF];
        } else {
            out += c;
        }
    }
    out += '"';
}

/// A new boundary: `hwbind-` and 32 hexadecimal digits, 128 random bits. A file's content is
/// never searched for it (that would read the file twice); a boundary drawn at random after
/// the file was written occurs in it by chance with probability about size × 2⁻¹²⁸, the
/// standard argument for random boundaries (RFC 2046 §5.1.1). Content in memory is checked
/// (`form_boundary`).
inline std::string random_boundary()
{
    // Seeded once per thread from the system's entropy; boundaries need to be unpredictable to
    // the file's author, not secret.
    thread_local std::mt19937_64 generator{(static_cast<std::uint64_t>(std::random_device{}()) << 32) ^
                                           std::random_device{}()};
    static constexpr char hex[] = "0123456789abcdef";
    std::string boundary = "hwbind-";
    for (int word = 0; word != 2; ++word) {
        std::uint64_t bits = generator();
        for (int digit = 0; digit != 16; ++digit, bits >>= 4)
            boundary += hex[bits & 0xF];
    }
    return boundary;
}

} // namespace hwbind::codec

namespace hwbind {

namespace detail {

/// Calls `f(field, value)` for each set member of form model `Form`, in declaration order
/// (an unset `std::optional` or an empty `file_part` is no part).
template <class Form, class F>
void for_each_form_part(const Form& form, F&& f)
{
    static_assert(meta::is_model_v<Form>, "a multipart form is a model");
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<meta::fields_of<Form>().size()>>([&](auto i) {
        constexpr std::size_t index = decltype(i)::value;
        constexpr meta::field field = meta::fields_of<Form>()[index];
        using D = boost::mp11::mp_at_c<meta::members_of<Form>, index>;
        const auto& member = form.*D::pointer;
        if constexpr (meta::is_optional_v<meta::member_type<D>>) {
            if (member)
                f(field, *member);
        } else if constexpr (std::is_same_v<meta::member_type<D>, meta::file_part>) {
            if (!member.empty())
                f(field, member);
        } else {
            f(field, member);
        }
    });
}

inline void append_part_head(std::string& out, std::string_view boundary, std::string_view name)
{
    out += "--";
    out.append(boundary);
    out += "\r\nContent-Disposition: form-data; name=";
    codec::append_form_quoted(out, name);
}

} // namespace detail

/// Whether `boundary` occurs in the content of a part of `form` held in memory (text values,
/// files from bytes), where it would end the part early.
template <class Form>
bool boundary_occurs_in(const Form& form, std::string_view boundary)
{
    bool found = false;
    detail::for_each_form_part(form, [&](const meta::field&, const auto& value) {
        using V = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<V, meta::file_part>) {
            found = found || std::string_view(value.bytes()).find(boundary) != std::string_view::npos;
        } else {
            detail::text_buffer buffer;
            found = found || detail::wire_text(value, buffer).find(boundary) != std::string_view::npos;
        }
    });
    return found;
}

/// A random boundary (`codec::random_boundary`) that occurs in no content of `form` held in memory.
template <class Form>
std::string form_boundary(const Form& form)
{
    std::string boundary = codec::random_boundary();
    while (boundary_occurs_in(form, boundary))
        boundary = codec::random_boundary();
    return boundary;
}

/// Encodes `form` as `multipart/form-data` with `boundary` into `out` (cleared first); `path`
/// names the form in messages (`body`). Each file of a path is opened and sized, not read.
///
/// Fails with `error::unreadable_file` when a file cannot be opened (the message names the
/// part and the path: `body.file: cannot open "/tmp/x.png": No such file or directory`) and
/// `error::invalid_header_value` for CR, LF or NUL in a file's content type.
///
/// \pre `boundary` occurs in no content of `form` held in memory (`form_boundary` chooses one).
template <class Form>
boost::system::error_code encode_form(const Form& form, std::string_view boundary, std::string_view path,
                                      segmented_body& out, diagnostics& diag)
{
    out.clear();
    boost::system::error_code ec;
    std::string head;
    detail::for_each_form_part(form, [&](const meta::field& field, const auto& value) {
        if (ec)
            return;
        using V = std::decay_t<decltype(value)>;
        head.clear();
        detail::append_part_head(head, boundary, field.wire_name);
        if constexpr (std::is_same_v<V, meta::file_part>) {
            const std::string& type = value.content_type();
            if (type.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
                ec = detail::fail(error::invalid_header_value, diag,
                                  std::string(path) + "." + std::string(field.wire_name) +
                                      ": the content type holds CR, LF or NUL");
                return;
            }
            head += "; filename=";
            codec::append_form_quoted(head, value.file_name());
            head += "\r\nContent-Type: ";
            head += type.empty() ? std::string_view("application/octet-stream") : std::string_view(type);
            head += "\r\n\r\n";
            out.append(head);
            if (value.origin() == meta::file_part::source::memory) {
                out.append(value.bytes());
            } else {
                std::FILE* file = std::fopen(value.path().c_str(), "rb");
                const int open_errno = errno;
                std::error_code size_error;
                const std::uintmax_t size =
                    file != nullptr ? std::filesystem::file_size(value.path(), size_error) : 0;
                if (file != nullptr)
                    std::fclose(file);
                if (file == nullptr || size_error) {
                    std::string msg(path);
                    msg += '.';
                    msg.append(field.wire_name);
                    msg += ": cannot open ";
                    detail::append_quoted(msg, value.path());
                    msg += ": ";
                    msg += file == nullptr ? std::strerror(open_errno) : size_error.message();
                    ec = detail::fail(error::unreadable_file, diag, std::move(msg));
                    return;
                }
                if (size != 0)
                    out.append_file(value.path(), size);
            }
            out.append("\r\n");
        } else {
            head += "\r\n\r\n";
            detail::text_buffer buffer;
            head.append(detail::wire_text(value, buffer));
            head += "\r\n";
            out.append(head);
        }
    });
    if (ec) {
        out.clear();
        return ec;
    }
    head.assign("--");
    head.append(boundary);
    head.append("--\r\n");
    out.append(head);
    return {};
}

} // namespace hwbind

#endif // HWBIND_RUNTIME_CODEC_MULTIPART_HPP

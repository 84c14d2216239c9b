// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
//
// Tests of multipart/form-data bodies: the encoder's exact bytes and quoting
// (include/hwbind/runtime/codec/multipart.hpp), the request built for a form, its signature over
// UNSIGNED-PAYLOAD, the transport's chunked reading of files (segment_reader), and a form sent
// again after a 503 re-reading its file from the start, synchronously and asynchronously.

#include <hwbind/runtime/auth/signer.hpp>
#include <hwbind/runtime/client/client.hpp>
#include <hwbind/runtime/codec/multipart.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/transport/detail/segment_reader.hpp>

#include "support/fault_server.hpp"
#include "support/test_operations.hpp"

#include <doctest/doctest.h>

#include <boost/asio/thread_pool.hpp>
#include <boost/describe/class.hpp>

#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <string>

namespace multipart_test {

namespace meta = hwbind::meta;

struct upload_form {
    std::string note;
    std::optional<std::int32_t> count;
    meta::file_part file;
    std::optional<meta::file_part> extra;
};
BOOST_DESCRIBE_STRUCT(upload_form, (), (note, count, file, extra))
constexpr std::array<meta::field, 4> wire_fields(meta::tag<upload_form>) noexcept
{
    return {meta::member("note").required(), meta::member("count"), meta::member("file").required(),
            meta::member("extra")};
}

struct upload_request {
    upload_form body;
};
BOOST_DESCRIBE_STRUCT(upload_request, (), (body))
constexpr std::array<meta::field, 1> wire_fields(meta::tag<upload_request>) noexcept
{
    return {meta::content().required()};
}

/// An upload: `POST /v1/uploads`, a form.
struct upload {
    using service_type = hwbind::testsvc::service;
    using request_type = upload_request;
    using response_type = hwbind::testsvc::empty_response;

    static constexpr std::string_view name = "upload";
    static constexpr std::string_view id = "Upload";
    static constexpr std::string_view summary = "Uploading";
    static constexpr meta::http_method method = meta::http_method::post;
    static constexpr std::string_view path = "/v1/uploads";
    static constexpr meta::auth_info auth = {meta::auth_scheme::aksk | meta::auth_scheme::token, "X-Widget-Token"};
    static constexpr meta::payload request_payload = meta::payload::multipart;
    static constexpr std::string_view request_content_type = "multipart/form-data";
    static constexpr int success_status = 201;
    using rules = meta::rules<>;
    using pagination = meta::no_pagination;
    using errors = meta::error_models<>;
};

/// A file in a temporary directory, removed at the end of the test.
struct temporary_file {
    explicit temporary_file(const std::string& content)
        : path(std::filesystem::temp_directory_path() /
               ("hwbind-multipart-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".bin"))
    {
        std::ofstream(path, std::ios::binary) << content;
    }
    ~temporary_file() { std::filesystem::remove(path); }
    std::filesystem::path path;
};

/// The bytes of `body`, its files read whole.
std::string flattened(const hwbind::segmented_body& body)
{
    std::string out;
    for (const hwbind::body_segment& s : body.segments()) {
        if (!s.is_file()) {
            out += s.bytes;
            continue;
        }
        std::ifstream file(s.path, std::ios::binary);
        std::string content(static_cast<std::size_t>(s.file_size), '\0');
        file.read(content.data(), static_cast<std::streamsize>(content.size()));
        out += content;
    }
    return out;
}


TEST_CASE("multipart: a small form's exact bytes, names quoted")
{
    upload_form form;
    form.note = "a \"b\"";
    form.count = 7;
    form.file = meta::file_part::from_bytes("x\"y\\z\r\n\xc3\xa9%.txt", "hello\r\n", "text/plain");
    hwbind::segmented_body body;
    hwbind::diagnostics diag;
    REQUIRE_FALSE(hwbind::encode_form(form, "BOUNDARY", "body", body, diag));
    const std::string expected = "--BOUNDARY\r\n"
                                 "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
                                 "a \"b\"\r\n"
                                 "--BOUNDARY\r\n"
                                 "Content-Disposition: form-data; name=\"count\"\r\n\r\n"
                                 "7\r\n"
                                 "--BOUNDARY\r\n"
                                 "Content-Disposition: form-data; name=\"file\"; filename=\"x%22y%5Cz%0D%0A%C3%A9%25.txt\"\r\n"
                                 "Content-Type: text/plain\r\n\r\n"
                                 "hello\r\n\r\n"
                                 "--BOUNDARY--\r\n";
    REQUIRE(body.segments().size() == 1); // all in memory: one segment
    CHECK(body.segments()[0].bytes == expected);
    CHECK(body.size() == expected.size());
}

TEST_CASE("multipart: a file of a path is sized, not read, and a path that cannot be opened is named")
{
    const temporary_file file("0123456789");
    upload_form form;
    form.note = "n";
    form.file = meta::file_part::from_path(file.path.string());
    CHECK(form.file.file_name() == file.path.filename().string());
    hwbind::segmented_body body;
    hwbind::diagnostics diag;
    REQUIRE_FALSE(hwbind::encode_form(form, "B", "body", body, diag));
    REQUIRE(body.segments().size() == 3); // heads, the file, the closing delimiter
    CHECK(body.segments()[1].is_file());
    CHECK(body.segments()[1].file_size == 10);
    CHECK(flattened(body).find("application/octet-stream\r\n\r\n0123456789\r\n--B--\r\n") != std::string::npos);
    CHECK(flattened(body).size() == body.size());

    form.file = meta::file_part::from_path("/nonexistent/dir/logo.png");
    const auto ec = hwbind::encode_form(form, "B", "body", body, diag);
    CHECK(ec == hwbind::error::unreadable_file);
    CHECK(ec == hwbind::condition::invalid_request);
    CHECK(diag.message() == "body.file: cannot open \"/nonexistent/dir/logo.png\": No such file or directory");
    CHECK(body.empty());

    form.file = meta::file_part::from_bytes("f", "x", "text/plain\r\nX-Injected: 1");
    CHECK(hwbind::encode_form(form, "B", "body", body, diag) == hwbind::error::invalid_header_value);
}

TEST_CASE("multipart: the boundary occurs in no content held in memory")
{
    upload_form form;
    form.note = "--hwbind-";
    form.file = meta::file_part::from_bytes("f", "xBOUNDARYx");
    CHECK(hwbind::boundary_occurs_in(form, "BOUNDARY"));
    CHECK_FALSE(hwbind::boundary_occurs_in(form, "OTHER"));
    const std::string boundary = hwbind::form_boundary(form);
    CHECK(boundary.size() == 7 + 32);
    CHECK(boundary.rfind("hwbind-", 0) == 0);
    CHECK_FALSE(hwbind::boundary_occurs_in(form, boundary));
    CHECK(hwbind::form_boundary(form) != boundary); // random
}

TEST_CASE("multipart: the request carries the boundary, is signed over UNSIGNED-PAYLOAD, and a required file is checked")
{
    upload_request req;
    req.body.note = "n";
    hwbind::prepared_request out;
    hwbind::diagnostics diag;
    CHECK(hwbind::prepare_request<upload>(req, {}, out, diag) == hwbind::error::missing_parameter);
    CHECK(diag.message() == "body.file: required file not set");

    req.body.file = meta::file_part::from_bytes("a.txt", "abc");
    REQUIRE_FALSE(hwbind::prepare_request<upload>(req, {}, out, diag));
    const hwbind::header_field* type = out.headers().find("Content-Type");
    REQUIRE(type != nullptr);
    CHECK(type->value.rfind("multipart/form-data; boundary=hwbind-", 0) == 0);
    const std::string boundary = type->value.substr(type->value.find('=') + 1);
    CHECK(out.body().empty());
    CHECK(out.body_size() == out.segments().size());
    const std::string bytes = flattened(out.segments());
    CHECK(bytes.rfind("--" + boundary + "\r\n", 0) == 0);
    CHECK(bytes.size() >= boundary.size() + 8);
    CHECK(bytes.compare(bytes.size() - boundary.size() - 6, std::string::npos, "--" + boundary + "--\r\n") == 0);

    hwbind::auth::credentials creds;
    creds.access_key = "AK";
    creds.secret_key = hwbind::auth::secret("SK");
    hwbind::auth::sign_request(out, creds, std::chrono::system_clock::time_point());
    const std::string canonical = hwbind::auth::canonical_request(out);
    CHECK(canonical.size() > 17);
    CHECK(canonical.compare(canonical.size() - 17, 17, "\nUNSIGNED-PAYLOAD") == 0);
    CHECK(canonical.find("x-sdk-content-sha256:UNSIGNED-PAYLOAD\n") != std::string::npos);
}

TEST_CASE("multipart: the transport reads a body of segments in chunks, from the start on each attempt")
{
    const std::string content(200 * 1024, 'z'); // more than three chunks
    temporary_file file(content);
    hwbind::segmented_body body;
    body.append("head");
    body.append_file(file.path.string(), content.size());
    body.append("tail");

    hwbind::detail::segment_reader reader;
    for (int attempt = 0; attempt != 2; ++attempt) {
        reader.reset(&body);
        std::string read;
        boost::system::error_code ec;
        for (auto chunk = reader.next(ec); chunk.size() != 0; chunk = reader.next(ec)) {
            CHECK(chunk.size() <= hwbind::detail::segment_reader::chunk_size);
            read.append(static_cast<const char*>(chunk.data()), chunk.size());
        }
        CHECK_FALSE(ec);
        CHECK(read == "head" + content + "tail");
    }

    // A file shorter than when the request was built fails the write.
    std::filesystem::resize_file(file.path, 10);
    reader.reset(&body);
    boost::system::error_code ec;
    while (reader.next(ec).size() != 0) {
    }
    CHECK(ec == hwbind::error::unreadable_file);
}

TEST_CASE("multipart: a form answered 503 is sent again whole, its file read again, sync and async")
{
    std::string content;
    for (int i = 0; i != 100000; ++i)
        content += std::to_string(i) + ',';
    const temporary_file file(content);
    for (const bool asynchronous : {false, true}) {
        CAPTURE(asynchronous);
        hwbind::test::fault_server server([](std::size_t) {
            hwbind::test::fault_script s;
            s.answers = {hwbind::test::keep_alive_answer("HTTP/1.1 503 Service Unavailable"),
                         hwbind::test::keep_alive_answer("HTTP/1.1 201 Created")};
            s.read_request = false;
            return s;
        });
        hwbind::client_options o;
        o.endpoint = "http://127.0.0.1:" + std::to_string(server.port());
        o.credentials.iam_token = hwbind::auth::secret("token");
        o.retry.base_delay = std::chrono::milliseconds(1);
        o.retry.max_delay = std::chrono::milliseconds(5);
        boost::asio::thread_pool pool(1);
        hwbind::client c(pool.get_executor(), o);

        upload_request req;
        req.body.note = "n";
        req.body.file = meta::file_part::from_path(file.path.string(), "text/csv");
        boost::system::error_code ec;
        hwbind::diagnostics diag;
        if (!asynchronous) {
            hwbind::testsvc::empty_response out;
            c.call<upload>(req, out, ec, diag);
        } else {
            std::promise<boost::system::error_code> done;
            c.async_call<upload>(req, diag, [&](boost::system::error_code e, hwbind::testsvc::empty_response) {
                done.set_value(e);
            });
            ec = done.get_future().get();
        }
        pool.join();
        CHECK_MESSAGE(!ec, diag.message());
        const auto received = server.received();
        REQUIRE(received.size() == 2);
        CHECK(received[0].body() == received[1].body());
        CHECK(received[1].body().find("Content-Type: text/csv\r\n\r\n" + content + "\r\n--hwbind-") != std::string::npos);
        CHECK(received[1]["X-Sdk-Content-Sha256"] == "UNSIGNED-PAYLOAD");
        CHECK(received[1]["Content-Length"] == std::to_string(received[1].body().size()));
    }
}

} // namespace multipart_test

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
//
// Memory of a streamed upload: a file of N MiB (sparse, made in a temporary directory) uploaded
// as a multipart form through the client, synchronously then asynchronously, to the mock server
// in the same process (UploadReportLogo of the real operations fixture), over loopback. The
// peak resident set (VmHWM of /proc/self/status, reset before the uploads through
// /proc/self/clear_refs) must grow by less than the limit: neither the client nor the mock
// holds the file. Prints the figures.
//
//   hwbind_upload_memory [MiB, default 32] [limit of the growth in MiB, default 16]
//
// ctest runs the default (32 MiB against a 16 MiB limit: holding the file would exceed it);
// `hwbind_upload_memory 1024 64` is the 1 GiB measurement of issue 16.

#include <hwbind.hpp>
#include <hwbind/mock/server.hpp>
#include <ro/services/all.hpp>

#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <unistd.h>

namespace {

namespace hss = hwbind::hss_ops;

// A field of /proc/self/status in KiB (VmRSS, VmHWM), or -1.
long status_kib(const std::string& field)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field + ":", 0) == 0)
            return std::strtol(line.c_str() + field.size() + 1, nullptr, 10);
    }
    return -1;
}

// Resets VmHWM to the current resident set (Linux 4.0 and later).
bool reset_peak()
{
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    clear.flush();
    return static_cast<bool>(clear);
}

} // namespace

int main(int argc, char** argv)
{
    const long mib = argc > 1 ? std::atol(argv[1]) : 32;
    const long limit_mib = argc > 2 ? std::atol(argv[2]) : 16;
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("hwbind-upload-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / "logo.bin";
    {
        std::ofstream out(file, std::ios::binary);
    }
    fs::resize_file(file, static_cast<std::uintmax_t>(mib) << 20); // sparse: no disk, zeros on read

    hwbind::mock::server_options options;
    options.credentials.access_key = "AK-upload-memory";
    options.credentials.secret_key = hwbind::auth::secret("SK-upload-memory");
    options.credentials.project_id = "p-upload";
    const hwbind::mock::server<hss::service> mock(options);
    hwbind::client_options client_options = mock.client_options();
    client_options.transport.request_timeout = std::chrono::hours(1); // a loaded machine moves 1 GiB slowly
    hwbind::client sync_client(client_options);
    boost::asio::io_context io;
    hwbind::client async_client(io.get_executor(), client_options);

    hss::upload_report_logo_request req;
    req.body.emplace().file = hwbind::file_part::from_path(file.string(), "image/png");

    // Warm up with a small upload, so that the figures count the upload, not the first call.
    hss::upload_report_logo_request small;
    small.body.emplace().file = hwbind::file_part::from_bytes("small.png", "x", "image/png");
    sync_client.call(small);

    const long before = status_kib("VmRSS");
    const bool reset = reset_peak();
    sync_client.call(req);
    bool done = false;
    boost::system::error_code async_ec;
    async_client.async_call(req, [&](boost::system::error_code ec, hss::upload_report_logo_response) {
        async_ec = ec;
        done = true;
    });
    io.run();
    const long peak = status_kib("VmHWM");
    fs::remove_all(dir);

    const long growth = peak - before;
    std::cout << "uploaded " << mib << " MiB twice (sync, async): VmRSS before " << before / 1024 << " MiB, peak "
              << peak / 1024 << " MiB (VmHWM" << (reset ? ", reset before the uploads" : ", NOT reset: whole process")
              << "), growth " << growth / 1024 << " MiB; limit " << limit_mib << " MiB\n";
    if (!done || async_ec) {
        std::cerr << "the asynchronous upload failed: " << async_ec.message() << '\n';
        return 1;
    }
    const bool received = mock.last_request<hss::upload_report_logo>().has_value();
    if (!received) {
        std::cerr << "the mock recorded no upload\n";
        return 1;
    }
    return growth < limit_mib * 1024 ? 0 : 1;
}

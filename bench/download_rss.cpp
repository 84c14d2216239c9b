// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
//
// The resident memory of large downloads: ListDownloadExportedFile (the real operations'
// fixture, tests/fixtures/real_operations/hss.yaml) from an in-process mock serving generated
// bytes, into a callback that checks every byte, then into a file. Prints the peak resident
// set (VmHWM, reset before each download, and ru_maxrss for the whole run) and the time of
// each; exits 1 when a peak reaches 64 MiB (issue 16: a 1 GiB download keeps RSS flat).
//
//   hwbind_download_rss [MiB]      (default 1024; bench/run.sh runs it)
#include <hwbind.hpp>
#include <hwbind/mock/server.hpp>
#include <ro/services/all.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

namespace {

namespace hss = hwbind::hss_ops;

constexpr std::uint64_t mib = 1024 * 1024;
constexpr std::uint64_t limit = 64 * mib;

std::uint64_t status_field(std::string_view name)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.compare(0, name.size(), name) == 0 && line.size() > name.size() && line[name.size()] == ':')
            return std::stoull(line.substr(name.size() + 1)) * 1024;
    }
    return 0;
}

// Sets the peak resident set to the current one (Linux 4.0 and later).
void reset_peak()
{
    std::ofstream("/proc/self/clear_refs") << "5";
}

// Runs `download`, printing its time and the peak resident set; whether the peak stayed
// under the limit.
template <class F>
bool measure(std::string_view what, std::uint64_t size, F&& download)
{
    reset_peak();
    const std::uint64_t before = status_field("VmRSS");
    const auto start = std::chrono::steady_clock::now();
    const std::uint64_t got = download();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    const std::uint64_t peak = status_field("VmHWM");
    std::cout << what << ": " << got / mib << " MiB in " << took.count() << " s ("
              << static_cast<double>(got) / mib / took.count() << " MiB/s), peak RSS " << peak / 1024
              << " KiB (" << before / 1024 << " KiB before)\n";
    return got == size && peak < limit;
}

} // namespace

int main(int argc, char** argv)
{
    const std::uint64_t size = (argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1024) * mib;
    hwbind::mock::server_options options;
    options.credentials.access_key = "AK-rss";
    options.credentials.secret_key = hwbind::auth::secret("SK-rss");
    options.credentials.project_id = "p-rss";
    options.binary_size = size;
    const hwbind::mock::server<hss::service> mock(options);
    auto client_options = mock.client_options();
    client_options.transport.request_timeout = std::chrono::minutes(10);
    hwbind::client c(client_options);
    hss::list_download_exported_file_request req;
    req.file_id = "f-1";

    bool ok = measure("callback", size, [&] {
        std::uint64_t received = 0;
        bool intact = true;
        c.call(req, hwbind::download_to([&](std::string_view piece) {
            intact = intact && hwbind::mock::is_generated(piece, received);
            received += piece.size();
        }));
        return intact ? received : 0;
    });
    const std::filesystem::path path = std::filesystem::temp_directory_path() / "hwbind_download_rss.bin";
    ok = measure("file", size, [&] {
             const std::uint64_t written = c.call(req, hwbind::download_to_file(path)).size;
             const bool whole = std::filesystem::file_size(path) == written;
             std::filesystem::remove(path);
             return whole ? written : 0;
         }) && ok;
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    std::cout << "ru_maxrss of the whole run (mock server included): " << usage.ru_maxrss << " KiB\n";
    if (!ok)
        std::cout << "FAILED: a download was incomplete or its peak RSS reached " << limit / mib << " MiB\n";
    return ok ? 0 : 1;
}

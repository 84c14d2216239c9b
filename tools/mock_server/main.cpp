// hwbind-mock: serves every operation of the generated services (hwbind::services::all, or the
// type list HWBIND_TOOL_SERVICES of HWBIND_TOOL_SERVICES_HEADER when defined: see
// hwbind_tool_program() in tools/cli/CMakeLists.txt) on 127.0.0.1 (or the --bind address)
// from the documented examples plus generated records, with the spec's pagination,
// filters and constraints and the cloud's authentication (include/hwbind/mock/server.hpp),
// until SIGINT or SIGTERM.
//
//   hwbind-mock [--bind ADDRESS] [--port N] [--records N] [--seed N] [--ak AK --sk SK] [--token T]
//               [--project-id P] [--no-auth] [--max-connections N]
//
// The first line on stdout is `hwbind-mock listening on http://127.0.0.1:<port>` (with
// --bind ::1, `http://[::1]:<port>`). When
// accepting a connection fails (out of file descriptors), each new kind of failure is told
// once on stderr; the server waits 100 ms before accepting again.

#include "../cli/arguments.hpp"

#include <hwbind/mock/server.hpp>

#ifndef HWBIND_TOOL_SERVICES
#define HWBIND_TOOL_SERVICES hwbind::services::all
#define HWBIND_TOOL_SERVICES_HEADER <hwbind/services/all.hpp>
#endif
#include HWBIND_TOOL_SERVICES_HEADER

#include <CLI/CLI.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/mp11/algorithm.hpp>

#include <csignal>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <iostream>
#include <string>
#include <utility>

namespace {

/// The most records an operation may serve: they are generated up front, in memory (about
/// 250 MB for this many).
constexpr std::size_t max_records = 100000;

} // namespace

int main(int argc, char** argv)
{
    CLI::App app("A local mock of the Huawei Cloud operations of these bindings: the "
                 "documented examples plus generated records, paged, filtered and validated as the spec "
                 "says, with AK/SK signatures or a token checked. Runs until SIGINT or SIGTERM.",
                 "hwbind-mock");
    hwbind::mock::server_options options;
    std::string secret_key;
    std::string token;
    bool no_auth = false;
    // Checked here, so that a bad value is a usage error with its reason rather than a
    // conversion failure (--port 70000) or an allocation failure (--records -1).
    app.add_option("--bind", options.bind_address,
                   "IP address to listen on: 127.0.0.1, ::1, or 0.0.0.0 / :: for every address (anyone who can "
                   "reach the host is served)")
        ->capture_default_str()
        ->check(CLI::Validator(
            [](std::string& text) -> std::string {
                boost::system::error_code ec;
                boost::asio::ip::make_address(text, ec);
                return ec ? hwbind::cli::printable(text) + " is not an IPv4 or IPv6 address" : std::string();
            },
            "", "address"));
    app.add_option("--port", options.port, "TCP port on the --bind address; 0 picks a free one (see the first line printed)")
        ->capture_default_str()
        ->check(hwbind::cli::decimal_integer<std::uint16_t>());
    app.add_option("--records", options.records, "Records each list operation serves")
        ->capture_default_str()
        ->check(hwbind::cli::decimal_integer<std::size_t>(0, max_records));
    app.add_option("--seed", options.seed, "Seed of the generated records")->capture_default_str();
    app.add_option("--binary-size", options.binary_size,
                   "Bytes of each binary (download) body, generated as they are sent")
        ->capture_default_str()
        ->check(hwbind::cli::decimal_integer<std::uint64_t>());
    app.add_flag("--binary-chunked", options.binary_chunked, "Send binary bodies chunked, not with a Content-Length");
    std::uint64_t cut_after = 0;
    auto* cut = app.add_option("--binary-cut-after", cut_after,
                               "Close the connection after this many bytes of each binary body (an interrupted download)")
                    ->check(hwbind::cli::decimal_integer<std::uint64_t>());
    auto* ak = app.add_option("--ak", options.credentials.access_key, "Access key of the accepted signatures")
                   ->envname("HUAWEICLOUD_SDK_AK");
    auto* sk = app.add_option("--sk", secret_key, "Secret key of the accepted signatures")
                   ->envname("HUAWEICLOUD_SDK_SK");
    ak->needs(sk);
    sk->needs(ak);
    app.add_option("--token", token, "Accepted IAM token (X-Auth-Token)");
    app.add_option("--project-id", options.credentials.project_id, "The only project accepted (default: any)")
        ->envname("HUAWEICLOUD_SDK_PROJECT_ID");
    app.add_flag("--no-auth", no_auth, "Accept every request, authenticated or not");
    app.add_option("--max-connections", options.max_connections,
                   "Connections served at once; at the cap, a waiting client makes the connection idle the longest close")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // CLI11's own codes (104 and the like) are no exit status a script can classify.
        return app.exit(e) == 0 ? 0 : 2;
    }
    if (cut->count() != 0)
        options.binary_cut_after = cut_after;

    // Told once per kind of failure: under EMFILE the server retries every 100 ms, and a line
    // each time would bury what else is printed.
    options.on_accept_error = [last = std::make_shared<boost::system::error_code>(),
                               delay = options.accept_retry_delay](const boost::system::error_code& ec) {
        if (ec == *last)
            return;
        *last = ec;
        std::cerr << "hwbind-mock: accepting a connection failed (" << ec.message() << "); retrying every "
                  << delay.count() << " ms\n";
    };

    options.credentials.secret_key = hwbind::auth::secret(std::move(secret_key));
    options.credentials.iam_token = hwbind::auth::secret(std::move(token));
    options.require_auth = !no_auth;
    if (options.require_auth && !options.credentials.has_aksk() && !options.credentials.has_token()) {
        std::cerr << "hwbind-mock: no credentials to accept: give --ak and --sk (or HUAWEICLOUD_SDK_AK and "
                     "HUAWEICLOUD_SDK_SK), --token, or --no-auth\n";
        return 2;
    }

    try {
        // Installed before the server's thread starts, so that no signal is missed.
        boost::asio::io_context context(1);
        boost::asio::signal_set signals(context, SIGINT, SIGTERM);
        signals.async_wait([](const boost::system::error_code&, int) {});

        // Every generated service, so that a service added to the spec is served without an edit here.
        boost::mp11::mp_rename<HWBIND_TOOL_SERVICES, hwbind::mock::server> server(options);
        std::cout << "hwbind-mock listening on " << server.endpoint() << std::endl;
        context.run();
        server.stop();
        std::cerr << "hwbind-mock: stopped\n";
    } catch (const std::exception& e) {
        std::cerr << "hwbind-mock: " << e.what() << '\n';
        return 1;
    }
    return 0;
}

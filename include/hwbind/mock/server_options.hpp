// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_MOCK_SERVER_OPTIONS_HPP
#define HWBIND_MOCK_SERVER_OPTIONS_HPP

/// \file
/// The settings of a `mock::server`: where it listens, how much data it serves, what it
/// accepts as authentication, and how many connections it serves.

#include <hwbind/runtime/auth/credentials.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>

namespace hwbind::mock {

/// The settings of a `mock::server`.
struct server_options {
    /// The IP address listened on: `127.0.0.1` (the default), `::1`, or another address of
    /// the host (`0.0.0.0` or `::` for all: the mock then serves anyone who can reach the
    /// host). An address that is not an IPv4 or IPv6 literal, or not the host's, makes the
    /// server's constructor throw.
    std::string bind_address = "127.0.0.1";

    /// The TCP port on `bind_address`; 0 (the default) lets the system pick a free one,
    /// which `server::endpoint()` then reports.
    std::uint16_t port = 0;

    /// The number of records each paginated operation serves: its documented example items
    /// first, then generated ones.
    std::size_t records = 250;

    /// The seed of the generated records: one seed gives the same records on every run and
    /// platform.
    std::uint64_t seed = 1;

    /// The success body of each binary operation (a download): this many bytes of
    /// `mock::generated_byte(offset)`, made as they are written (a body of 1 GiB costs the
    /// server no memory), with `Content-Type: application/octet-stream` and a
    /// `Content-Disposition` naming the file `<operation>.bin`.
    std::uint64_t binary_size = 4096;

    /// Whether binary bodies are sent chunked instead of with a `Content-Length`.
    bool binary_chunked = false;

    /// When set, the connection is cut (closed) after this many bytes of a binary body, as a
    /// download interrupted by the network would be; for the first `binary_cuts` such bodies,
    /// then no more.
    std::optional<std::uint64_t> binary_cut_after;
    std::uint64_t binary_cuts = std::numeric_limits<std::uint64_t>::max();

    /// What requests may authenticate with: a signature by `access_key` and `secret_key`
    /// (SDK-HMAC-SHA256, verified), and/or the token `iam_token` in the operation's token
    /// header. When `project_id` is set, a request naming another project (in its
    /// `project_id` parameter or its `X-Project-Id` header) is refused with 403. The same
    /// `auth::credentials` value configures a `hwbind::client` that calls the server.
    auth::credentials credentials;

    /// Whether operations that need authentication check it (401 when it fails); when false,
    /// every request is accepted, and the project is not checked either.
    bool require_auth = true;

    /// How far the `X-Sdk-Date` of a signed request may be from the server's clock.
    std::chrono::seconds max_clock_skew{15 * 60};

    /// The connections served at once, at least 1 (`std::invalid_argument` otherwise). At the
    /// cap, further clients wait in the listen backlog, and as soon as one is waiting, the
    /// connection idle the longest (waiting for a request of which nothing has arrived) is
    /// closed to make room for it; with none idle, the client waits for a connection to end.
    /// The default stays well below the usual limit of 1024 file descriptors.
    std::size_t max_connections = 256;

    /// How long the server waits before accepting again when `accept` fails (out of file
    /// descriptors, EMFILE or ENFILE, or of memory) rather than retrying in a tight loop.
    std::chrono::milliseconds accept_retry_delay{100};

    /// Told of each failure of `accept` (for logging), on the server's thread; may be empty.
    /// It must not throw.
    std::function<void(const boost::system::error_code&)> on_accept_error;
};

} // namespace hwbind::mock

#endif // HWBIND_MOCK_SERVER_OPTIONS_HPP

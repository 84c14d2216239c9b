// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_IMPL_TRANSPORT_IPP
#define HWBIND_RUNTIME_TRANSPORT_IMPL_TRANSPORT_IPP

/// \file
/// The definition of `transport::send`, the synchronous send path (Beast's response parser,
/// Asio's resolve and connect, TLS). Header-only, `transport.hpp` includes it; with
/// `HWBIND_SEPARATE_COMPILATION`, only `hwbind/src.hpp` does (see `hwbind/runtime/config.hpp`).

#include <hwbind/runtime/transport/transport.hpp>

namespace hwbind {

HWBIND_DECL void transport::send(const endpoint& origin, const prepared_request& req, http_response& out,
                                  std::chrono::steady_clock::time_point deadline, boost::system::error_code& ec)
{
    detail::sync_lane& lane = state_->lease_lane();
    boost::asio::io_context& context = lane.context;
    context.restart();
    detail::sync_call call;
    sync_completion done{&call};
    boost::asio::async_compose<sync_completion, void(boost::system::error_code)>(
        detail::send_op<true>(*state_, context.get_executor(), &call, origin, req, out, deadline), done, context.get_executor());
    // Run handlers until the call completes, but only until the deadline of its current
    // connection; then close that connection and run the failing steps to completion.
    // If this throws (only on allocation failure), the lane keeps its unfinished operation
    // and is never lent again.
    while (!call.done) {
        detail::connection* const active = call.active;
        if (active == nullptr || active->timed_out())
            context.run_one();
        else if (context.run_one_until(active->deadline()) == 0 && !call.done)
            active->expire();
    }
    state_->return_lane(lane);
    ec = call.result;
}

} // namespace hwbind

#endif // HWBIND_RUNTIME_TRANSPORT_IMPL_TRANSPORT_IPP

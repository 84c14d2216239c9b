// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_DETAIL_PAGE_WINDOW_HPP
#define HWBIND_RUNTIME_CLIENT_DETAIL_PAGE_WINDOW_HPP

/// \file
/// The pages a `page_walker` has requested ahead of its caller (`paging_options::
/// pages_in_flight`): each page's request and, once answered, its outcome, and how the
/// walker's `async_next` waits for the first of them. What is requested when is the walker's
/// business; this is the storage and the synchronisation.

#include <hwbind/runtime/error.hpp>

#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/system/error_code.hpp>

#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace hwbind::detail {

/// One page requested ahead: its request and, once answered, its outcome.
template <class Request, class Response>
struct page_fetch {
    explicit page_fetch(Request r) : request(std::move(r)) {}

    Request request;
    Response page;
    boost::system::error_code ec;
    diagnostics diag;
    /// An asynchronous fetch: whether it has completed, guarded by the window's mutex.
    bool answered = false;
    /// An asynchronous fetch: cancels it; emitted on the window's strand only.
    boost::asio::cancellation_signal cancel;
    /// A synchronous fetch: the thread making the call. Declared last, so that it is
    /// destroyed first: the destructor of a `std::async` future waits for the call, which
    /// writes the members above.
    std::future<void> finished;
};

/// An `async_next` waiting for the first page of the window to be answered.
class parked_continuation {
public:
    virtual ~parked_continuation() = default;
    /// Posts the continuation to its own executor.
    virtual void resume() = 0;
};

template <class Self>
class parked_self final : public parked_continuation {
public:
    explicit parked_self(Self&& self) : self_(std::move(self)) {}
    void resume() override { boost::asio::post(std::move(self_)); }

private:
    Self self_;
};

/// The pages requested ahead, in request order: the first is the walker's next page.
/// Shared by the walker and the completions of its asynchronous fetches, which may outlive it.
template <class Request, class Response, class Executor>
struct page_window {
    using fetch = page_fetch<Request, Response>;

    std::deque<std::shared_ptr<fetch>> fetches;
    /// Guards each fetch's `answered` and `waiter` (completions run on other threads).
    std::mutex mutex;
    /// The `async_next` waiting for `fetches.front()`, if any.
    std::unique_ptr<parked_continuation> waiter;
    /// Where the completions of asynchronous fetches run and their cancellation is emitted,
    /// so that a fetch is never cancelled while it completes; set by the first of them.
    std::optional<boost::asio::strand<Executor>> strand;

    /// Whether the first fetch (an asynchronous one) is answered.
    bool front_answered()
    {
        const std::lock_guard<std::mutex> lock(mutex);
        return fetches.front()->answered;
    }

    /// Forgets every fetch: an asynchronous one still in flight is cancelled (its completion
    /// finds it gone), and the thread of a synchronous one is waited for, since a blocking
    /// call cannot be interrupted.
    void drop()
    {
        std::deque<std::shared_ptr<fetch>> dropped;
        bool in_flight = false;
        {
            const std::lock_guard<std::mutex> lock(mutex);
            dropped.swap(fetches);
            for (const auto& f : dropped)
                in_flight = in_flight || (!f->finished.valid() && !f->answered);
        }
        if (in_flight) {
            boost::asio::post(*strand, [dropped]() {
                for (const auto& f : dropped) {
                    if (!f->answered)
                        f->cancel.emit(boost::asio::cancellation_type::terminal);
                }
            });
        }
    }
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_CLIENT_DETAIL_PAGE_WINDOW_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_DETAIL_WATCHDOG_HPP
#define HWBIND_RUNTIME_TRANSPORT_DETAIL_WATCHDOG_HPP

/// \file
/// The deadline of synchronous exchanges. A synchronous call writes the request and reads the
/// response (and, on a new connection, opens a proxy's tunnel and does the TLS handshake)
/// with blocking system calls, one per step as a plain blocking client makes; a thread of the
/// transport interrupts the connection of a call still blocked at its deadline.

#include <hwbind/runtime/transport/detail/connection.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace hwbind::detail {

class watchdog {
    using clock = std::chrono::steady_clock;

public:
    watchdog() = default;
    watchdog(const watchdog&) = delete;
    watchdog& operator=(const watchdog&) = delete;

    ~watchdog()
    {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_one();
        if (thread_.joinable())
            thread_.join();
    }

    /// Interrupts `c` at `c.deadline()` unless `release(c)` comes first. The thread starts on
    /// first use and is woken only when `c` is due before the time it sleeps until, which in
    /// a steady stream of requests with one timeout is never.
    void watch(connection& c)
    {
        std::unique_lock<std::mutex> lock(mutex_);
        watched_.push_back(&c);
        if (!thread_.joinable())
            thread_ = std::thread([this] { run(); });
        else if (c.deadline() < sleeps_until_) {
            lock.unlock();
            wake_.notify_one();
        }
    }

    /// Stops watching `c`. After this, `c.timed_out()` says whether it was interrupted.
    void release(connection& c)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto it = std::find(watched_.begin(), watched_.end(), &c);
        if (it != watched_.end()) // else interrupted already
            watched_.erase(it);
    }

private:
    void run()
    {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!stopping_) {
            const clock::time_point now = clock::now();
            sleeps_until_ = clock::time_point::max();
            for (auto it = watched_.begin(); it != watched_.end();) {
                if ((*it)->deadline() <= now) {
                    (*it)->interrupt();
                    it = watched_.erase(it);
                } else {
                    sleeps_until_ = std::min(sleeps_until_, (*it)->deadline());
                    ++it;
                }
            }
            if (sleeps_until_ == clock::time_point::max())
                wake_.wait(lock);
            else
                wake_.wait_until(lock, sleeps_until_);
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<connection*> watched_;
    clock::time_point sleeps_until_ = clock::time_point::max();
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_TRANSPORT_DETAIL_WATCHDOG_HPP

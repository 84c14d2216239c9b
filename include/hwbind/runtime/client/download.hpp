// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_DOWNLOAD_HPP
#define HWBIND_RUNTIME_CLIENT_DOWNLOAD_HPP

/// \file
/// Downloads: where the body of an operation whose success is binary
/// (`meta::payload::binary`) goes, a file or a callback, and what the call returns about it.

#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/transport/body_sink.hpp>
#include <hwbind/runtime/transport/http_response.hpp>

#include <boost/system/error_code.hpp>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

namespace hwbind {

/// What a download delivered, beside the declared headers of `download_result`.
struct download_info {
    /// Bytes of body delivered to the sink by the attempt that succeeded.
    std::uint64_t size = 0;
    /// The file name `Content-Disposition` suggests, sanitized (never a path, never `.` or
    /// `..`; see `content_disposition_file_name`); empty without one.
    std::string file_name;
    /// The `Content-Type` of the body; empty without one.
    std::string content_type;
};

/// The result of a download of an operation whose declared response headers are the members
/// of `Headers` (its `response_type`, a struct holding the declared headers only).
template <class Headers>
struct download_result : download_info {
    Headers headers;
};

/// Where the body of a download goes; `file_sink` and `callback_sink` are the two kinds.
///
/// A sink serves one call. It receives the body of a success only (an error status's body is
/// read into memory and decoded as the service's error), on the thread that reads the
/// response. An attempt that fails after bytes reached the sink is retried only if the sink
/// can take the body again from its start (`rewindable`): a file can, a callback cannot, and
/// then the call fails with the transport's error and says so.
class download_sink : public body_sink {
public:
    download_sink(const download_sink&) = delete;
    download_sink& operator=(const download_sink&) = delete;
    virtual ~download_sink() = default;

    /// A body goes to the sink for a 2xx status only.
    bool accept(const http_response& head) final
    {
        if (head.status / 100 != 2)
            return false;
        expected_.reset();
        if (const header_field* length = head.headers.find("Content-Length")) {
            std::uint64_t n = 0;
            const char* end = length->value.data() + length->value.size();
            if (std::from_chars(length->value.data(), end, n).ptr == end)
                expected_ = n;
        }
        return true;
    }

    void write(std::string_view piece, boost::system::error_code& ec) final
    {
        delivered_ += piece.size();
        consume(piece, ec);
        if (!ec && progress_)
            progress_(delivered_, expected_);
    }

    /// Has `progress(delivered, expected)` called after each piece the sink takes: the bytes
    /// of the attempt so far, and the body's `Content-Length` when it has one (none when
    /// chunked). For a progress display; it runs where the sink does.
    void on_progress(std::function<void(std::uint64_t, std::optional<std::uint64_t>)> progress)
    {
        progress_ = std::move(progress);
    }

    /// Bytes delivered since the start of the current attempt.
    std::uint64_t delivered() const noexcept { return delivered_; }

    /// Whether a body of which bytes were delivered can be taken again from its start.
    virtual bool rewindable() const noexcept = 0;

    /// Readies the sink for another attempt, whose body starts over.
    void restart() noexcept
    {
        if (delivered_ != 0)
            rewind();
        delivered_ = 0;
    }

    /// Ends a successful download: the whole body arrived.
    virtual boost::system::error_code commit(std::string& message) = 0;

    /// Ends a failed download: drops what was delivered, where that can be undone.
    virtual void discard() noexcept = 0;

    /// Why the sink stopped the download (`error::download_aborted`), for the diagnostics.
    const std::string& stop_reason() const noexcept { return stop_reason_; }

    /// The exception a callback threw to stop the download, if any: the throwing `call`
    /// rethrows it.
    std::exception_ptr exception() const noexcept { return exception_; }

protected:
    download_sink() = default;
    download_sink(download_sink&& other) noexcept
        : body_sink(other), delivered_(other.delivered_), expected_(other.expected_),
          stop_reason_(std::move(other.stop_reason_)), exception_(std::move(other.exception_)),
          progress_(std::move(other.progress_))
    {
    }

    /// Takes a piece of the body; setting `ec` stops the download.
    virtual void consume(std::string_view piece, boost::system::error_code& ec) = 0;

    /// Forgets what was delivered; called only when `rewindable`.
    virtual void rewind() noexcept = 0;

    std::uint64_t delivered_ = 0;
    std::optional<std::uint64_t> expected_; // the Content-Length of the body being received
    std::string stop_reason_;
    std::exception_ptr exception_;

private:
    std::function<void(std::uint64_t, std::optional<std::uint64_t>)> progress_;
};

/// A sink writing the body to a file: to a temporary file in the same directory
/// (`.<name>.<random>.part`), flushed, closed and renamed to `path` only once the whole body
/// arrived; a failed or interrupted download removes the temporary file and leaves `path` as
/// it was (absent, or the old file). A retry starts the temporary file over.
class file_sink final : public download_sink {
public:
    explicit file_sink(std::filesystem::path path) : path_(std::move(path)) {}

    file_sink(file_sink&& other) noexcept
        : download_sink(std::move(other)), path_(std::move(other.path_)), temporary_(std::move(other.temporary_)),
          file_(std::exchange(other.file_, nullptr)), truncate_(other.truncate_)
    {
        other.temporary_.clear();
    }

    file_sink& operator=(file_sink&&) = delete;

    ~file_sink() override { discard(); }

    /// The final path.
    const std::filesystem::path& path() const noexcept { return path_; }

    bool rewindable() const noexcept override { return true; }

    boost::system::error_code commit(std::string& message) override
    {
        boost::system::error_code ec = open();
        if (!ec && (std::fflush(file_) != 0 || std::ferror(file_) != 0))
            ec = last_error();
        if (!ec) {
            const int closed = std::fclose(std::exchange(file_, nullptr));
            if (closed != 0)
                ec = last_error();
        }
        if (!ec) {
            std::error_code renamed;
            std::filesystem::rename(temporary_, path_, renamed);
            if (renamed)
                ec = boost::system::error_code(renamed.value(), boost::system::generic_category());
            else
                temporary_.clear();
        }
        if (ec) {
            message = "cannot write the download to " + path_.string() + ": " + ec.message();
            discard();
        }
        return ec;
    }

    void discard() noexcept override
    {
        if (file_ != nullptr)
            std::fclose(std::exchange(file_, nullptr));
        if (!temporary_.empty()) {
            std::error_code ignored;
            std::filesystem::remove(temporary_, ignored);
            temporary_.clear();
        }
    }

private:
    void consume(std::string_view piece, boost::system::error_code& ec) override
    {
        ec = open();
        if (!ec && std::fwrite(piece.data(), 1, piece.size(), file_) != piece.size())
            ec = last_error();
        if (ec)
            stop_reason_ = "cannot write the download to " + temporary_.string() + ": " + ec.message();
    }

    void rewind() noexcept override { truncate_ = true; }

    // Creates the temporary file when first needed, or empties it for a new attempt.
    boost::system::error_code open()
    {
        if (file_ != nullptr && !truncate_)
            return {};
        if (file_ != nullptr) {
            truncate_ = false;
            file_ = std::freopen(temporary_.c_str(), "wb", file_);
            return file_ != nullptr ? boost::system::error_code() : last_error();
        }
        std::random_device random;
        const std::filesystem::path directory = path_.parent_path();
        for (int tries = 0; tries < 8; ++tries) {
            temporary_ = directory / ("." + path_.filename().string() + "." + std::to_string(random()) + ".part");
            // "x": never take over a file that exists (C11, glibc and the BSDs' stdio).
            file_ = std::fopen(temporary_.c_str(), "wbx");
            if (file_ != nullptr)
                return {};
            if (errno != EEXIST)
                break;
        }
        const boost::system::error_code ec = last_error();
        temporary_.clear();
        return ec;
    }

    static boost::system::error_code last_error() noexcept
    {
        return boost::system::error_code(errno != 0 ? errno : EIO, boost::system::generic_category());
    }

    std::filesystem::path path_;
    std::filesystem::path temporary_; // empty: none exists
    std::FILE* file_ = nullptr;
    bool truncate_ = false;
};

/// A sink handing each piece of the body to `Callback`, as it arrives: invocable with a
/// `std::string_view` (valid during the call only), returning nothing or `bool` (`false`
/// stops the download with `error::download_aborted`, as does throwing; the throwing `call`
/// then rethrows the exception). Pieces are at most the transport's read buffer large.
template <class Callback>
class callback_sink final : public download_sink {
public:
    explicit callback_sink(Callback callback) : callback_(std::move(callback)) {}

    callback_sink(callback_sink&& other) noexcept(std::is_nothrow_move_constructible_v<Callback>)
        : download_sink(std::move(other)), callback_(std::move(other.callback_))
    {
    }

    callback_sink& operator=(callback_sink&&) = delete;

    /// Bytes handed to a callback cannot be taken back.
    bool rewindable() const noexcept override { return false; }

    boost::system::error_code commit(std::string&) override { return {}; }

    void discard() noexcept override {}

private:
    void consume(std::string_view piece, boost::system::error_code& ec) override
    {
        try {
            if constexpr (std::is_same_v<std::invoke_result_t<Callback&, std::string_view>, bool>) {
                if (!callback_(piece)) {
                    stop_reason_ = "the download callback returned false";
                    ec = error::download_aborted;
                }
            } else {
                callback_(piece);
            }
        } catch (const std::exception& e) {
            exception_ = std::current_exception();
            stop_reason_ = std::string("the download callback threw: ") + e.what();
            ec = error::download_aborted;
        } catch (...) {
            exception_ = std::current_exception();
            stop_reason_ = "the download callback threw";
            ec = error::download_aborted;
        }
    }

    void rewind() noexcept override {}

    Callback callback_;
};

/// A sink writing the body to the file `path`; see `file_sink`.
inline file_sink download_to_file(std::filesystem::path path) { return file_sink(std::move(path)); }

/// A sink handing the body to `callback` piece by piece; see `callback_sink`.
template <class Callback>
callback_sink<std::decay_t<Callback>> download_to(Callback&& callback)
{
    return callback_sink<std::decay_t<Callback>>(std::forward<Callback>(callback));
}

/// Whether `T` is a download sink (what selects the download overloads of `client::call`).
template <class T>
inline constexpr bool is_download_sink_v = std::is_base_of_v<download_sink, std::decay_t<T>>;

} // namespace hwbind

#endif // HWBIND_RUNTIME_CLIENT_DOWNLOAD_HPP

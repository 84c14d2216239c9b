// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_TRANSPORT_DETAIL_SEGMENT_READER_HPP
#define HWBIND_RUNTIME_TRANSPORT_DETAIL_SEGMENT_READER_HPP

/// \file
/// The bytes of a `segmented_body`, chunk by chunk into one reused buffer: memory segments
/// copied, files read as they come, so that sending a body of any size holds one chunk.

#include <hwbind/runtime/codec/segmented_body.hpp>
#include <hwbind/runtime/error.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/system/error_code.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace hwbind::detail {

/// Reads a `segmented_body` from its start, in chunks of at most `chunk_size` bytes.
///
/// Files are opened when their segment is reached (on every attempt: a request sent again
/// reads them again from their start) and closed at its end. A file that ends before the
/// size it had when the request was built fails with `error::unreadable_file`; bytes beyond
/// that size are not sent (the `Content-Length` is already on the wire).
class segment_reader {
public:
    /// 64 KiB: a few socket buffers' worth, small beside the 64 MiB an upload may hold.
    static constexpr std::size_t chunk_size = 64 * 1024;

    /// Starts over on `body`, or reads nothing when it is null.
    void reset(const segmented_body* body) noexcept
    {
        body_ = body;
        segment_ = 0;
        offset_ = 0;
        file_.reset();
    }

    /// The next chunk, valid until the next call; an empty buffer at the end, or on failure
    /// with `ec` set.
    boost::asio::const_buffer next(boost::system::error_code& ec)
    {
        if (body_ == nullptr || segment_ == body_->segments().size())
            return {};
        if (buffer_.empty())
            buffer_.resize(chunk_size);
        std::size_t filled = 0;
        while (filled != buffer_.size() && segment_ != body_->segments().size()) {
            const body_segment& s = body_->segments()[segment_];
            const std::size_t n = static_cast<std::size_t>(
                std::min<std::uint64_t>(s.size() - offset_, buffer_.size() - filled));
            if (!s.is_file()) {
                std::memcpy(buffer_.data() + filled, s.bytes.data() + offset_, n);
            } else {
                if (file_ == nullptr)
                    file_.reset(std::fopen(s.path.c_str(), "rb"));
                if (file_ == nullptr || std::fread(buffer_.data() + filled, 1, n, file_.get()) != n) {
                    ec = error::unreadable_file;
                    return {};
                }
            }
            filled += n;
            offset_ += n;
            if (offset_ == s.size()) {
                file_.reset();
                ++segment_;
                offset_ = 0;
            }
        }
        return boost::asio::buffer(buffer_.data(), filled);
    }

private:
    struct file_closer {
        void operator()(std::FILE* f) const noexcept { std::fclose(f); }
    };

    const segmented_body* body_ = nullptr;
    std::size_t segment_ = 0;
    std::uint64_t offset_ = 0; // in the current segment
    std::unique_ptr<std::FILE, file_closer> file_;
    std::vector<char> buffer_;
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_TRANSPORT_DETAIL_SEGMENT_READER_HPP

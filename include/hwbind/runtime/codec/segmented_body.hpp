// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_SEGMENTED_BODY_HPP
#define HWBIND_RUNTIME_CODEC_SEGMENTED_BODY_HPP

/// \file
/// A request body too large to hold in memory, described rather than held: a sequence of
/// segments, each bytes in memory or the first bytes of a file, whose total size is known
/// before anything is sent (so the request is framed with `Content-Length`). The codec builds
/// it (a multipart form); the transport reads the files while it writes.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hwbind {

/// One segment of a `segmented_body`.
struct body_segment {
    std::string bytes;            ///< the bytes of a memory segment
    std::string path;             ///< the file of a file segment; empty for a memory segment
    std::uint64_t file_size = 0;  ///< how many bytes of the file, from its start

    bool is_file() const noexcept { return !path.empty(); }
    std::uint64_t size() const noexcept { return is_file() ? file_size : bytes.size(); }
};

/// A body of memory and file segments, sent in order (see the file comment).
class segmented_body {
public:
    /// Appends `bytes` to the last memory segment, or starts one.
    void append(std::string_view bytes)
    {
        if (segments_.empty() || segments_.back().is_file())
            segments_.emplace_back();
        segments_.back().bytes.append(bytes);
        size_ += bytes.size();
    }

    /// Appends the first `size` bytes of the file at `path` (not empty).
    void append_file(std::string path, std::uint64_t size)
    {
        body_segment s;
        s.path = std::move(path);
        s.file_size = size;
        segments_.push_back(std::move(s));
        size_ += size;
    }

    /// The segments, in order.
    const std::vector<body_segment>& segments() const noexcept { return segments_; }

    /// The total size in bytes: the `Content-Length`.
    std::uint64_t size() const noexcept { return size_; }

    /// Whether there is no segment at all (an empty body is sent from memory instead).
    bool empty() const noexcept { return segments_.empty(); }

    void clear() noexcept
    {
        segments_.clear();
        size_ = 0;
    }

private:
    std::vector<body_segment> segments_;
    std::uint64_t size_ = 0;
};

} // namespace hwbind

#endif // HWBIND_RUNTIME_CODEC_SEGMENTED_BODY_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_META_FILE_PART_HPP
#define HWBIND_META_FILE_PART_HPP

/// \file
/// The value of a spec field of type `file`: one file of a `multipart/form-data` body, named
/// by a path (read while the request is sent, never held in memory) or held in memory. A
/// value type only: nothing here opens a file or knows HTTP.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace hwbind::meta {

/// One file of a multipart form: where its bytes come from, the file name the form gives
/// (`filename=` of the part) and its media type.
///
/// A default-constructed `file_part` is empty: no file, which a required file field rejects
/// before any I/O (`missing_parameter`).
class file_part {
public:
    /// Where the bytes come from.
    enum class source : unsigned char {
        none,   ///< empty: no file
        path,   ///< the file at `path()`, opened, sized and read when the request is built and sent
        memory, ///< `bytes()`
    };

    file_part() = default;

    /// The file at `path`, sent with `content_type`; its file name is the last component of
    /// `path` (`/tmp/logo.png` → `logo.png`). The file is sized (for `Content-Length`) when the
    /// request is built, and read chunk by chunk while it is sent, again on each attempt.
    static file_part from_path(std::string path, std::string content_type = "application/octet-stream")
    {
        file_part p;
        p.file_name_ = std::string(last_component(path));
        p.source_ = source::path;
        p.path_ = std::move(path);
        p.content_type_ = std::move(content_type);
        return p;
    }

    /// A file held in memory: `bytes`, named `file_name`, sent with `content_type`.
    static file_part from_bytes(std::string file_name, std::string bytes,
                                std::string content_type = "application/octet-stream")
    {
        file_part p;
        p.source_ = source::memory;
        p.file_name_ = std::move(file_name);
        p.bytes_ = std::move(bytes);
        p.content_type_ = std::move(content_type);
        return p;
    }

    /// Where the bytes come from.
    source origin() const noexcept { return source_; }

    /// Whether the part holds no file (default-constructed).
    bool empty() const noexcept { return source_ == source::none; }

    /// The path of a `source::path` part; empty otherwise.
    const std::string& path() const noexcept { return path_; }

    /// The bytes of a `source::memory` part; empty otherwise.
    const std::string& bytes() const noexcept { return bytes_; }

    /// The file name the form gives the part (may be changed after `from_path`).
    const std::string& file_name() const noexcept { return file_name_; }
    void set_file_name(std::string name) { file_name_ = std::move(name); }

    /// The media type of the part.
    const std::string& content_type() const noexcept { return content_type_; }
    void set_content_type(std::string type) { content_type_ = std::move(type); }

    /// Parts are equal when they name the same source the same way: same path (not the same
    /// file contents), or the same bytes; same file name and media type.
    friend bool operator==(const file_part& a, const file_part& b) noexcept
    {
        return a.source_ == b.source_ && a.path_ == b.path_ && a.bytes_ == b.bytes_ &&
               a.file_name_ == b.file_name_ && a.content_type_ == b.content_type_;
    }
    friend bool operator!=(const file_part& a, const file_part& b) noexcept { return !(a == b); }

private:
    // The text after the last `/` (or `\` on Windows, where either separates).
    static std::string_view last_component(std::string_view path) noexcept
    {
#ifdef _WIN32
        const std::size_t slash = path.find_last_of("/\\");
#else
        const std::size_t slash = path.rfind('/');
#endif
        return slash == std::string_view::npos ? path : path.substr(slash + 1);
    }

    source source_ = source::none;
    std::string path_;
    std::string bytes_;
    std::string file_name_;
    std::string content_type_;
};

} // namespace hwbind::meta

namespace hwbind {
using meta::file_part;
} // namespace hwbind

#endif // HWBIND_META_FILE_PART_HPP

// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_MOCK_MULTIPART_PARSING_HPP
#define HWBIND_MOCK_MULTIPART_PARSING_HPP

/// \file
/// The server's side of `encode_form`: a `multipart/form-data` body (RFC 7578) read back
/// part by part as its bytes arrive, sans I/O. Memory stays bounded whatever the upload's
/// size: each part keeps its first `kept_per_part` bytes and counts the rest.
///
/// Names and file names are read as `encode_form` writes them: quoted strings (a `\` takes
/// the next character as it is), then `%XX` decoded.

#include <hwbind/runtime/auth/detail/config_files.hpp>
#include <hwbind/runtime/codec/ascii.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hwbind::mock::detail {

/// One part of a received form.
struct received_part {
    std::string name;                     ///< the `name` of its `Content-Disposition`
    std::optional<std::string> file_name; ///< its `filename`, for a file part
    std::string content_type;             ///< its `Content-Type`, empty when it has none
    std::uint64_t size = 0;               ///< its content's size
    std::string content;                  ///< the first bytes of its content (all, up to the limit)
};

/// A received form: its parts, and why it is malformed, if it is.
struct received_form {
    std::vector<received_part> parts;
    std::string error; ///< empty for a well-formed form (once `form_parser::finish` was called)

    const received_part* find(std::string_view name) const noexcept
    {
        for (const received_part& p : parts) {
            if (p.name == name)
                return &p;
        }
        return nullptr;
    }
};

using hwbind::detail::trim_blanks;

/// The `boundary` parameter of a `multipart/form-data` Content-Type value; nothing when the
/// media type is another or the parameter is missing, empty or longer than RFC 2046's 70.
inline std::optional<std::string> form_boundary_of(std::string_view content_type)
{
    const std::size_t semicolon = content_type.find(';');
    if (ascii_lower(trim_blanks(content_type.substr(0, semicolon))) != "multipart/form-data" || semicolon == std::string_view::npos)
        return std::nullopt;
    std::string_view rest = content_type.substr(semicolon + 1);
    while (!rest.empty()) {
        const std::size_t next = rest.find(';');
        const std::string_view parameter = trim_blanks(rest.substr(0, next));
        rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
        const std::size_t equals = parameter.find('=');
        if (equals == std::string_view::npos || ascii_lower(trim_blanks(parameter.substr(0, equals))) != "boundary")
            continue;
        std::string_view value = trim_blanks(parameter.substr(equals + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        if (value.empty() || value.size() > 70)
            return std::nullopt;
        return std::string(value);
    }
    return std::nullopt;
}

/// Reads a form with boundary `boundary` from the chunks given to `feed`, in order; `finish`
/// at the end of the body. The first malformation stops it and is kept in `form().error`.
class form_parser {
public:
    /// The bytes of a part's content kept: enough for the tests to compare small uploads.
    static constexpr std::size_t default_kept_per_part = 64 * 1024;

    /// The largest head of a part (its header lines).
    static constexpr std::size_t max_part_head = 16 * 1024;

    explicit form_parser(std::string_view boundary, std::size_t kept_per_part = default_kept_per_part)
        : delimiter_("\r\n--"), kept_per_part_(kept_per_part)
    {
        delimiter_.append(boundary);
        // The first delimiter opens the body, without the line break before it.
        pending_ = "\r\n";
    }

    /// Takes the next bytes of the body.
    void feed(std::string_view bytes)
    {
        if (!form_.error.empty())
            return;
        if (state_ == state::epilogue)
            return; // after the closing delimiter, anything is ignored (RFC 2046 §5.1.1)
        pending_.append(bytes);
        while (form_.error.empty() && step()) {
        }
    }

    /// The body ended: a form is well-formed only if its closing delimiter came.
    void finish()
    {
        if (form_.error.empty() && state_ != state::epilogue)
            fail(state_ == state::preamble ? "the body holds no delimiter of its boundary"
                                           : "the form ends before its closing delimiter (--boundary--)");
    }

    const received_form& form() const noexcept { return form_; }
    received_form& form() noexcept { return form_; }

private:
    enum class state { preamble, after_delimiter, head, content, epilogue };

    void fail(std::string why) { form_.error = std::move(why); }

    // Consumes what it can of `pending_`; whether it should be called again.
    bool step()
    {
        switch (state_) {
        case state::preamble:
        case state::content: {
            const std::size_t at = pending_.find(delimiter_);
            const std::size_t usable = at != std::string::npos ? at
                                       : pending_.size() >= delimiter_.size() ? pending_.size() - delimiter_.size() + 1
                                                                              : 0;
            // A preamble before the first delimiter is allowed, and ignored.
            if (state_ == state::content)
                take_content(std::string_view(pending_).substr(0, usable));
            pending_.erase(0, at != std::string::npos ? at + delimiter_.size() : usable);
            if (at == std::string::npos)
                return false;
            state_ = state::after_delimiter;
            return true;
        }
        case state::after_delimiter: {
            if (pending_.size() < 2)
                return false;
            if (pending_.compare(0, 2, "--") == 0) {
                state_ = state::epilogue;
                pending_.clear();
                return false;
            }
            // Transport padding (spaces and tabs) may follow a delimiter before its line break.
            const std::size_t text = pending_.find_first_not_of(" \t");
            if (text == std::string::npos || pending_.size() - text < 2)
                return pending_.size() <= 80 ? false : (fail("a delimiter is followed by more than padding"), false);
            if (pending_.compare(text, 2, "\r\n") != 0) {
                fail("a delimiter is followed by neither a line break nor --");
                return false;
            }
            pending_.erase(0, text + 2);
            state_ = state::head;
            return true;
        }
        case state::head: {
            const bool no_headers = pending_.compare(0, 2, "\r\n") == 0;
            const std::size_t end = no_headers ? 0 : pending_.find("\r\n\r\n");
            if (end == std::string::npos) {
                if (pending_.size() > max_part_head)
                    fail("the head of part " + std::to_string(form_.parts.size() + 1) + " is longer than " +
                         std::to_string(max_part_head) + " bytes");
                return false;
            }
            received_part part;
            std::string why = parse_head(std::string_view(pending_).substr(0, end), part);
            if (!why.empty()) {
                fail("part " + std::to_string(form_.parts.size() + 1) + ": " + why);
                return false;
            }
            form_.parts.push_back(std::move(part));
            pending_.erase(0, no_headers ? 2 : end + 4);
            state_ = state::content;
            return true;
        }
        case state::epilogue: return false;
        }
        return false;
    }

    void take_content(std::string_view bytes)
    {
        received_part& part = form_.parts.back();
        part.size += bytes.size();
        const std::size_t room = kept_per_part_ - std::min(kept_per_part_, part.content.size());
        part.content.append(bytes.substr(0, room));
    }

    // The header lines of a part: a `Content-Disposition: form-data` with a name is required.
    static std::string parse_head(std::string_view head, received_part& part)
    {
        bool disposition = false;
        while (!head.empty()) {
            const std::size_t eol = head.find("\r\n");
            const std::string_view line = head.substr(0, eol);
            head = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 2);
            const std::size_t colon = line.find(':');
            if (colon == std::string_view::npos)
                return "a header line without a colon";
            const std::string name = ascii_lower(line.substr(0, colon));
            // Spaces and tabs around a value are no part of it (RFC 9110 §5.5).
            const std::string_view value = trim_blanks(line.substr(colon + 1));
            if (name == "content-type") {
                part.content_type = std::string(value);
            } else if (name == "content-disposition") {
                disposition = true;
                if (std::string why = parse_disposition(value, part); !why.empty())
                    return why;
            }
        }
        if (!disposition)
            return "no Content-Disposition header";
        return {};
    }

    static std::string parse_disposition(std::string_view value, received_part& part)
    {
        const std::size_t semicolon = value.find(';');
        if (ascii_lower(trim_blanks(value.substr(0, semicolon))) != "form-data")
            return "the Content-Disposition is not form-data";
        bool named = false;
        std::string_view rest = semicolon == std::string_view::npos ? std::string_view() : value.substr(semicolon + 1);
        while (!rest.empty()) {
            rest = trim_blanks(rest);
            const std::size_t equals = rest.find('=');
            if (equals == std::string_view::npos)
                return "a Content-Disposition parameter without a value";
            const std::string key = ascii_lower(trim_blanks(rest.substr(0, equals)));
            rest = trim_blanks(rest.substr(equals + 1));
            std::string text;
            if (!rest.empty() && rest.front() == '"') {
                std::size_t i = 1;
                for (; i < rest.size() && rest[i] != '"'; ++i) {
                    if (rest[i] == '\\' && i + 1 < rest.size())
                        ++i;
                    text += rest[i];
                }
                if (i == rest.size())
                    return "an unterminated quoted string in the Content-Disposition";
                rest = rest.substr(i + 1);
            } else {
                const std::size_t end = rest.find(';');
                text = std::string(trim_blanks(rest.substr(0, end)));
                rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
            }
            rest = trim_blanks(rest);
            if (!rest.empty() && rest.front() != ';')
                return "text after a quoted string in the Content-Disposition";
            if (!rest.empty())
                rest.remove_prefix(1);
            if (key == "name") {
                part.name = percent_decoded(text);
                named = true;
            } else if (key == "filename") {
                part.file_name = percent_decoded(text);
            }
        }
        return named ? std::string() : std::string("the Content-Disposition has no name");
    }

    static std::string percent_decoded(std::string_view s)
    {
        const auto digit = [](char c) -> int {
            if (c >= '0' && c <= '9')
                return c - '0';
            if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
            if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
            return -1;
        };
        std::string out;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '%' && i + 2 < s.size() && digit(s[i + 1]) >= 0 && digit(s[i + 2]) >= 0) {
                out += static_cast<char>(digit(s[i + 1]) * 16 + digit(s[i + 2]));
                i += 2;
            } else {
                out += s[i];
            }
        }
        return out;
    }

    std::string delimiter_; // CRLF, `--`, the boundary
    std::size_t kept_per_part_;
    std::string pending_; // bytes not consumed yet: at most a chunk and a delimiter's length
    state state_ = state::preamble;
    received_form form_;
};

} // namespace hwbind::mock::detail

#endif // HWBIND_MOCK_MULTIPART_PARSING_HPP

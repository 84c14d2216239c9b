// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_TOOLS_CLI_QUERY_HPP
#define HWBIND_TOOLS_CLI_QUERY_HPP

/// \file
/// `--query`: a jq program (libjq, Debian libjq-dev) run on each JSON value the command line
/// prints, so that output is filtered and reshaped with a well-known language rather than one
/// of our own.

#include "text.hpp"

extern "C" {
#include <jq.h>
#include <jv.h>
}

#include <climits>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hwbind::cli {

/// A compiled jq program. Not copyable; one per process is enough.
class jq_filter {
public:
    /// Compiles `program`; throws `std::invalid_argument` with jq's message when it does not
    /// compile.
    explicit jq_filter(const std::string& program) : jq_(jq_init())
    {
        if (jq_ == nullptr)
            throw std::runtime_error("cannot start jq");
        jq_set_error_cb(jq_, &jq_filter::collect_error, this);
        if (jq_compile(jq_, program.c_str()) == 0) {
            const std::string message = errors_.empty() ? std::string("not a jq program") : errors_;
            jq_teardown(&jq_);
            throw std::invalid_argument("--query: " + printable(message));
        }
    }
    jq_filter(const jq_filter&) = delete;
    jq_filter& operator=(const jq_filter&) = delete;
    ~jq_filter()
    {
        if (jq_ != nullptr)
            jq_teardown(&jq_);
    }

    /// Runs the program on the JSON text `input`, appending each result as compact JSON to
    /// `out`; throws `std::runtime_error` with jq's message when the program fails on it.
    void run(std::string_view input, std::vector<std::string>& out)
    {
        if (input.size() > static_cast<std::size_t>(INT_MAX))
            throw std::runtime_error("a value too large for jq");
        jq_start(jq_, jv_parse_sized(input.data(), static_cast<int>(input.size())), 0);
        for (jv result = jq_next(jq_);; result = jq_next(jq_)) {
            if (!jv_is_valid(result)) {
                // The end of the results, or an error (`error(...)`, `.a` of a string).
                if (!jv_invalid_has_msg(jv_copy(result))) {
                    jv_free(result);
                    return;
                }
                jv message = jv_invalid_get_msg(result);
                std::string text = jv_get_kind(message) == JV_KIND_STRING
                                       ? std::string(jv_string_value(message))
                                       : dump(jv_copy(message));
                jv_free(message);
                throw std::runtime_error("--query: " + printable(text));
            }
            out.push_back(dump(result));
        }
    }

private:
    // `value` as compact JSON; consumes it.
    static std::string dump(jv value)
    {
        jv text = jv_dump_string(value, 0);
        std::string out = jv_string_value(text);
        jv_free(text);
        return out;
    }

    static void collect_error(void* self, jv message)
    {
        auto& errors = static_cast<jq_filter*>(self)->errors_;
        if (!errors.empty())
            errors += "; ";
        errors += jv_get_kind(message) == JV_KIND_STRING ? jv_string_value(message) : "error";
        jv_free(message);
    }

    jq_state* jq_;
    std::string errors_;
};

} // namespace hwbind::cli

#endif // HWBIND_TOOLS_CLI_QUERY_HPP

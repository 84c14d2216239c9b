// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_TOOLS_CLI_OUTPUT_HPP
#define HWBIND_TOOLS_CLI_OUTPUT_HPP

/// \file
/// What the command-line tool prints: items as an aligned table, a JSON array or JSON Lines,
/// and the progress of a walk over many pages. Generic over the generated models: columns
/// are the described members of an item, headed by their wire names.

#include "query.hpp"
#include "text.hpp"

#include <hwbind/meta.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/json_encode.hpp>

#include <boost/describe/members.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string_view.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace hwbind::cli {

/// How results are printed.
enum class format { table, json, jsonl, tsv, csv };

/// Whether `f` prints rows of cells (the columns of `--columns`) rather than JSON.
constexpr bool is_tabular(format f) noexcept { return f == format::table || f == format::tsv || f == format::csv; }

/// Whether a request member holds a value.
template <class M>
bool is_set(const M& m)
{
    if constexpr (meta::is_optional_v<M>)
        return m.has_value();
    else if constexpr (meta::is_vector_v<M>)
        return !m.empty();
    else
        return true;
}

/// `value`, a time of `unit` since 1970-01-01T00:00:00Z (milliseconds when `unit` is
/// `epoch_ms`, seconds otherwise), as ISO 8601 in UTC: `2024-07-12T06:18:44Z`, with
/// `.123` when there are milliseconds. Empty for a time outside the years 0 to 9999.
inline std::string iso_time(std::int64_t value, meta::time_format unit)
{
    const bool ms = unit == meta::time_format::epoch_ms;
    // 253402300800 is 10000-01-01T00:00:00Z, -62167219200 is 0000-01-01T00:00:00Z.
    const std::int64_t limit = ms ? 253402300800000 : 253402300800;
    const std::int64_t low = ms ? -62167219200000 : -62167219200;
    if (value >= limit || value < low)
        return {};
    const auto floor_div = [](std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); };
    const std::int64_t seconds = ms ? floor_div(value, 1000) : value;
    const std::int64_t millis = ms ? value - seconds * 1000 : 0;
    const std::int64_t days = floor_div(seconds, 86400);
    const std::int64_t in_day = seconds - days * 86400;
    // The civil date of a day count (H. Hinnant's days_from_civil, inverted).
    const std::int64_t z = days + 719468;
    const std::int64_t era = floor_div(z, 146097);
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    char text[32];
    const int n = std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", static_cast<int>(year),
                                static_cast<int>(month), static_cast<int>(day), static_cast<int>(in_day / 3600),
                                static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60));
    std::string out(text, static_cast<std::size_t>(n));
    if (millis != 0) {
        std::snprintf(text, sizeof text, ".%03d", static_cast<int>(millis));
        out += text;
    }
    return out + 'Z';
}

/// The text of one value in a table cell: scalars as text, unset as nothing, arrays and
/// objects as compact JSON; an integer the spec marks as a time (`f.time`), and a `loose_time`
/// that reads as one, as ISO 8601.
template <class T>
std::string cell_text(const T& value, const meta::field& f = {})
{
    if constexpr (meta::is_optional<T>::value)
        return value ? cell_text(*value, f) : std::string();
    else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        if (f.time == meta::time_format::epoch_ms || f.time == meta::time_format::epoch_s) {
            if (std::string time = iso_time(static_cast<std::int64_t>(value), f.time); !time.empty())
                return time;
        }
        return std::to_string(value);
    }
    else if constexpr (std::is_same_v<T, std::string>)
        return printable(value);
    else if constexpr (std::is_same_v<T, bool>)
        return value ? "true" : "false";
    else if constexpr (meta::is_open_enum<T>::value)
        return printable(value.wire());
    else if constexpr (std::is_same_v<T, meta::any_value>)
        return printable(value.to_text());
    else if constexpr (std::is_same_v<T, meta::loose_time>) {
        // A time however it came: ISO 8601 when it says one, else its text as sent.
        if (const auto ms = value.epoch_ms()) {
            if (std::string time = iso_time(*ms, meta::time_format::epoch_ms); !time.empty())
                return time;
        }
        return value.is_string() ? printable(value.text()) : std::to_string(value.number());
    }
    else
        return printable(hwbind::encode(value)); // doubles (shortest exact text), arrays, objects
}

/// Rows of text printed as aligned columns.
class table {
public:
    explicit table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

    void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

    /// Prints the header and the rows, columns two spaces apart; each cell is cut to
    /// `max_cell` terminal columns when that is set.
    void print(std::ostream& out, std::optional<std::size_t> max_cell) const
    {
        const auto shown = [&](const std::string& cell) { return max_cell ? truncate(cell, *max_cell) : cell; };
        std::vector<std::size_t> widths(headers_.size());
        for (std::size_t c = 0; c < headers_.size(); ++c)
            widths[c] = display_width(headers_[c]);
        for (const auto& row : rows_) {
            for (std::size_t c = 0; c < row.size(); ++c)
                widths[c] = std::max(widths[c], display_width(shown(row[c])));
        }
        const auto line = [&](const std::vector<std::string>& cells) {
            std::string text;
            for (std::size_t c = 0; c < cells.size(); ++c) {
                const std::string cell = shown(cells[c]);
                text += cell;
                if (c + 1 < cells.size())
                    text.append(widths[c] - display_width(cell) + 2, ' ');
            }
            // Trailing blanks of empty last cells would only wrap narrow terminals.
            text.erase(text.find_last_not_of(' ') + 1);
            out << text << '\n';
        };
        line(headers_);
        for (const auto& row : rows_)
            line(row);
    }

private:
    std::vector<std::string> headers_;
    std::vector<std::vector<std::string>> rows_;
};

/// How many columns a table shows when `--columns` does not say.
inline constexpr std::size_t default_column_count = 6;

/// Whether a member of type `T` is shown by default: a scalar (text, number, boolean,
/// enumeration), not an array or object a cell can only show as JSON.
template <class T>
constexpr bool is_scalar_member()
{
    if constexpr (meta::is_optional<T>::value)
        return is_scalar_member<typename T::value_type>();
    else
        return std::is_arithmetic_v<T> || std::is_same_v<T, std::string> || meta::is_open_enum<T>::value;
}

/// The columns of items of type `Item`: its members' wire names, or `name` alone for items
/// that are not objects.
template <class Item>
std::vector<std::string> headers_of(std::string_view name)
{
    if constexpr (meta::is_model<Item>::value) {
        std::vector<std::string> out;
        for (const meta::field& f : wire_fields(meta::tag<Item>{}))
            out.emplace_back(f.wire_name);
        return out;
    } else {
        return {std::string(name)};
    }
}

/// The positions, in `headers_of`, of the columns shown by default: the first
/// `default_column_count` scalar members, in the spec's order (nested values make cells wide
/// and tables unreadable).
template <class Item>
std::vector<std::size_t> default_columns()
{
    std::vector<std::size_t> out;
    if constexpr (meta::is_model<Item>::value) {
        std::size_t index = 0;
        boost::mp11::mp_for_each<meta::members_of<Item>>([&](auto d) {
            using member = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<Item>().*d.pointer)>>;
            if (is_scalar_member<member>() && out.size() < default_column_count)
                out.push_back(index);
            ++index;
        });
    }
    // A model without members has no column at all; a value that is no object, one.
    if constexpr (meta::is_model<Item>::value) {
        if (out.empty() && !meta::fields_of<Item>().empty())
            out.push_back(0);
    } else {
        out.push_back(0);
    }
    return out;
}

/// The positions, in `headers_of<Item>(name)`, of the columns `wanted` names (all the
/// defaults when empty), or the first unknown name in `unknown`.
template <class Item>
std::vector<std::size_t> select_columns(std::string_view name, const std::vector<std::string>& wanted,
                                        std::string& unknown)
{
    if (wanted.empty())
        return default_columns<Item>();
    const std::vector<std::string> headers = headers_of<Item>(name);
    std::vector<std::size_t> out;
    for (const std::string& w : wanted) {
        const auto at = std::find(headers.begin(), headers.end(), w);
        if (at == headers.end()) {
            unknown = w;
            return {};
        }
        out.push_back(static_cast<std::size_t>(at - headers.begin()));
    }
    return out;
}

/// The cells of one item, in the order of `headers_of`.
template <class Item>
std::vector<std::string> row_of(const Item& item)
{
    std::vector<std::string> out;
    if constexpr (meta::is_model<Item>::value) {
        const auto fields = wire_fields(meta::tag<Item>{});
        std::size_t index = 0;
        boost::mp11::mp_for_each<meta::members_of<Item>>(
            [&](auto d) { out.push_back(cell_text(item.*d.pointer, fields[index++])); });
    } else
        out.push_back(cell_text(item));
    return out;
}

/// The elements of `all` at `positions`.
inline std::vector<std::string> pick(std::vector<std::string> all, const std::vector<std::size_t>& positions)
{
    std::vector<std::string> out;
    out.reserve(positions.size());
    for (const std::size_t p : positions)
        out.push_back(std::move(all[p]));
    return out;
}

/// Prints items in one of the formats: JSON Lines as they come, a JSON object or a table
/// once all are in (a table needs every row for its widths; JSON printed as it came would be
/// left invalid by a failure half-way).
template <class Item>
class item_writer {
public:
    /// Items named `name` (the response member that holds them), printed to `out`; tables
    /// show the columns at `columns` (see `select_columns`), cells cut to `max_cell`
    /// columns when that is set. With `query`, JSON shows the query's results of each item
    /// rather than the item.
    item_writer(format f, std::string_view name, std::ostream& out, std::vector<std::size_t> columns,
                std::optional<std::size_t> max_cell, jq_filter* query = nullptr)
        : format_(f), name_(name), out_(out), columns_(std::move(columns)), max_cell_(max_cell), query_(query),
          table_(pick(headers_of<Item>(name), columns_))
    {
    }

    void add(const Item& item)
    {
        if (query_ != nullptr && format_ != format::table) {
            results_.clear();
            query_->run(hwbind::encode(item), results_);
            for (const std::string& r : results_)
                add_json(r);
            return;
        }
        switch (format_) {
        case format::jsonl:
            out_ << hwbind::encode(item) << '\n';
            break;
        case format::json:
            add_json(hwbind::encode(item));
            break;
        case format::table:
            table_.add_row(pick(row_of(item), columns_));
            break;
        case format::tsv:
        case format::csv:
            if (!header_written_)
                write_header();
            write_cells(pick(row_of(item), columns_));
            break;
        }
    }

    /// Makes the JSON Lines written so far visible to a reader of a pipe.
    void flush() { out_.flush(); }

    /// Prints what waits for the last item.
    void finish()
    {
        if (format_ == format::json) {
            if (json_.empty())
                open_json();
            out_ << json_ << "]}\n";
        } else if (format_ == format::table) {
            table_.print(out_, max_cell_);
        } else if (!header_written_ && (format_ == format::tsv || format_ == format::csv)) {
            write_header();
        }
        out_.flush();
    }

private:
    /// The header of TSV or CSV: the columns' names.
    void write_header()
    {
        write_cells(pick(headers_of<Item>(name_), columns_));
        header_written_ = true;
    }

    /// One line of TSV (cells whole, tabs and line breaks already spaces: see `printable`)
    /// or CSV (RFC 4180: a cell holding a comma, a quote or a line break is quoted, quotes
    /// doubled), printed at once: these formats stream like JSON Lines.
    void write_cells(const std::vector<std::string>& cells)
    {
        std::string line;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c > 0)
                line += format_ == format::tsv ? '\t' : ',';
            const std::string& cell = cells[c];
            if (format_ == format::csv && cell.find_first_of(",\"\r\n") != std::string::npos) {
                line += '"';
                for (const char ch : cell)
                    line.append(ch == '"' ? 2 : 1, ch);
                line += '"';
            } else {
                line += cell;
            }
        }
        out_ << line << '\n';
    }

    // The shape of one page, so that scripts read the items at the same place with and
    // without --all: an object whose items member holds them.
    void open_json()
    {
        json_ = '{' + boost::json::serialize(boost::json::string_view(name_)) + ":[";
    }

    void add_json(const std::string& value)
    {
        if (format_ == format::jsonl) {
            out_ << value << '\n';
            return;
        }
        if (json_.empty())
            open_json();
        else
            json_ += ',';
        json_ += value;
    }

    format format_;
    std::string name_;
    std::ostream& out_;
    std::vector<std::size_t> columns_;
    std::optional<std::size_t> max_cell_;
    jq_filter* query_;
    std::vector<std::string> results_;
    std::string json_;
    table table_;
    bool header_written_ = false;
};

/// "page 3, 250 of 1000 items", rewritten in place on a terminal while a walk goes on.
class progress {
public:
    progress(bool enabled, std::ostream& err) : enabled_(enabled), err_(err) {}
    progress(const progress&) = delete;
    progress& operator=(const progress&) = delete;

    /// Erases the line, so that what follows on the terminal starts clean.
    ~progress()
    {
        if (enabled_ && shown_)
            err_ << "\r\x1b[K" << std::flush;
    }

    void page(std::size_t pages, std::size_t items, std::optional<std::int64_t> total)
    {
        if (!enabled_)
            return;
        err_ << "\rpage " << pages << ", " << items;
        if (total)
            err_ << " of " << *total;
        err_ << " items\x1b[K" << std::flush;
        shown_ = true;
    }

    /// A download's progress: `received` bytes, of `total` when the size is known (a bar
    /// then). Redrawn at most once per MiB, so a fast download does not flood the terminal.
    void bytes(std::uint64_t received, std::optional<std::uint64_t> total)
    {
        constexpr std::uint64_t mib = 1024 * 1024;
        if (!enabled_ || (shown_ && received / mib == last_mib_ && (!total || received != *total)))
            return;
        last_mib_ = received / mib;
        const auto in_mib = [](std::uint64_t n) { return static_cast<double>(n) / (1024.0 * 1024.0); };
        char line[128];
        if (total && *total != 0) {
            constexpr int width = 30;
            const int done = static_cast<int>(static_cast<double>(received) / static_cast<double>(*total) * width);
            std::snprintf(line, sizeof line, "\r[%-*.*s] %3d%% %.1f of %.1f MiB", width, done,
                          "##############################", done * 100 / width, in_mib(received), in_mib(*total));
        } else {
            std::snprintf(line, sizeof line, "\r%.1f MiB", in_mib(received));
        }
        err_ << line << "\x1b[K" << std::flush;
        shown_ = true;
    }

private:
    bool enabled_;
    bool shown_ = false;
    std::uint64_t last_mib_ = 0;
    std::ostream& err_;
};

} // namespace hwbind::cli

#endif // HWBIND_TOOLS_CLI_OUTPUT_HPP

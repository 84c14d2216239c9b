// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CODEC_DETAIL_PATTERN_HPP
#define HWBIND_RUNTIME_CODEC_DETAIL_PATTERN_HPP

/// \file
/// The regular expressions of `pattern` constraints: a small subset of ECMAScript syntax,
/// matched against a whole value in time linear in its length.
///
/// The subset (spec/README.md documents it; the generator rejects a spec pattern outside it,
/// and `is_supported_pattern` makes a hand-written one a compile error):
///
/// - literal characters: printable ASCII except the syntax characters `^ $ \ . * + ? ( ) [ ] { } |`,
///   which are written escaped (`\.`), as are `/` and `-` if one likes;
/// - `.`: any code point except a line terminator (LF, CR, U+2028, U+2029);
/// - `\d` (`[0-9]`), `\w` (`[A-Za-z0-9_]`) and their complements `\D`, `\W`;
/// - classes `[...]` and `[^...]` of ASCII characters, ranges `a-z`, escapes and `\d \w \D \W`;
///   a complemented class or `\D`, `\W` also matches every non-ASCII code point;
/// - groups `(...)` and `(?:...)`, alternation `|`;
/// - greedy quantifiers `?`, `*`, `+`, `{m}`, `{m,}`, `{m,n}` with m, n at most 1000;
/// - `^` as the first and `$` as the last character, which change nothing: a value must match
///   whole anyway.
///
/// Values are read as UTF-8 code points; a byte that does not start a well-formed sequence
/// counts as one code point. Matching runs the pattern's automaton on all its paths at once
/// (a Thompson NFA, its active steps a bit set) and never backtracks, so no value, however
/// long or however unlucky with the pattern, makes it slow or deep: the work is linear in the
/// value's length.
///
/// Written here rather than using Boost.Regex or `std::regex`: the spec's patterns are
/// prefix tests and character classes, Boost.Regex costs every translation unit a second of
/// compile time and bounds backtracking by throwing, and `std::regex` recurses per character.

#include <boost/assert.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace hwbind::detail {

/// A set of code points: some ASCII characters, and either all non-ASCII ones or none.
struct code_point_class {
    std::array<std::uint64_t, 2> ascii{};
    bool non_ascii = false;

    constexpr void add(unsigned char c) noexcept { ascii[c >> 6] |= std::uint64_t(1) << (c & 63); }
    constexpr void add_range(unsigned char first, unsigned char last) noexcept
    {
        for (unsigned c = first; c <= last; ++c)
            add(static_cast<unsigned char>(c));
    }
    constexpr void add_all(const code_point_class& other) noexcept
    {
        ascii[0] |= other.ascii[0];
        ascii[1] |= other.ascii[1];
        non_ascii = non_ascii || other.non_ascii;
    }
    constexpr void complement() noexcept
    {
        ascii[0] = ~ascii[0];
        ascii[1] = ~ascii[1];
        non_ascii = !non_ascii;
    }
    constexpr bool contains_ascii(unsigned char c) const noexcept { return (ascii[c >> 6] >> (c & 63)) & 1; }
};

/// One step of a compiled pattern. Each runs on to the next one, except `jump` and `match`.
struct pattern_instruction {
    enum kind_type : unsigned char {
        in_class,    ///< consume a code point of class `operand`
        any_but_eol, ///< consume a code point that is not a line terminator
        split,       ///< go on both to the next step and to step `operand`
        jump,        ///< go on to step `operand`
        match,       ///< the value matches if it ends here
    };
    kind_type kind = match;
    std::uint32_t operand = 0;
};

/// What a pattern may compile to at most; a pattern past it is refused like one outside the
/// subset (counted repetitions nest, `((a{1000}){1000})`).
inline constexpr std::size_t max_pattern_program_size = 4096;

/// Where the parser puts what it parses: counts it (`constexpr`, for the compile-time check),
/// records it (`compiled_pattern`), or drops it, to move past a piece of the pattern.
struct pattern_counter {
    static constexpr std::size_t no_link = static_cast<std::size_t>(-1);
    std::size_t size = 0;
    bool counting = true;

    constexpr bool skipping() const noexcept { return !counting; }
    constexpr std::size_t position() const noexcept { return counting ? size : 0; }
    constexpr std::size_t emit(pattern_instruction::kind_type, std::size_t = 0) noexcept
    {
        return counting ? size++ : 0;
    }
    constexpr std::size_t add_class(const code_point_class&) noexcept { return 0; }
    constexpr std::size_t operand(std::size_t) const noexcept { return no_link; }
    constexpr void set_operand(std::size_t, std::size_t) noexcept {}
};

/// The parser of the subset. The same code checks a pattern at compile time and compiles it,
/// so that the two cannot disagree.
class pattern_parser {
public:
    static constexpr unsigned max_count = 1000;
    static constexpr unsigned max_depth = 32;

    constexpr explicit pattern_parser(std::string_view text) noexcept : text_(text) {}

    /// Parses the whole pattern into `sink`, then emits `match`. False when the pattern is
    /// outside the subset or compiles to more than `max_pattern_program_size` steps.
    template <class Sink>
    constexpr bool parse(Sink& sink) noexcept
    {
        pos_ = 0;
        end_ = text_.size();
        ok_ = true;
        if (!text_.empty() && text_.front() == '^')
            pos_ = 1;
        if (end_ > pos_ && text_.back() == '$' && !escaped(end_ - 1))
            --end_;
        parse_alternation(sink, 0);
        if (pos_ != end_)
            ok_ = false;
        sink.emit(pattern_instruction::match);
        return ok_ && sink.position() <= max_pattern_program_size;
    }

private:
    static constexpr unsigned unbounded = max_count + 1;

    // Whether the character at `at` follows an odd run of backslashes.
    constexpr bool escaped(std::size_t at) const noexcept
    {
        std::size_t backslashes = 0;
        while (at > backslashes && text_[at - backslashes - 1] == '\\')
            ++backslashes;
        return backslashes % 2 == 1;
    }

    constexpr bool at_end() const noexcept { return pos_ >= end_; }
    constexpr char peek() const noexcept { return at_end() ? '\0' : text_[pos_]; }
    constexpr void fail() noexcept
    {
        ok_ = false;
        pos_ = end_;
    }

    static constexpr bool is_syntax_character(char c) noexcept
    {
        return c != '\0' && std::string_view("^$\\.*+?()[]{}|").find(c) != std::string_view::npos;
    }

    static constexpr code_point_class single(char c) noexcept
    {
        code_point_class set;
        set.add(static_cast<unsigned char>(c));
        return set;
    }

    // After a `\`: `\d \w \D \W` as a class, else the escaped syntax character, `/` or `-`.
    constexpr code_point_class parse_escape(bool& is_single, char& literal) noexcept
    {
        const char c = peek();
        ++pos_;
        code_point_class set;
        is_single = false;
        if (c == 'd' || c == 'D' || c == 'w' || c == 'W') {
            set.add_range('0', '9');
            if (c == 'w' || c == 'W') {
                set.add_range('A', 'Z');
                set.add_range('a', 'z');
                set.add('_');
            }
            if (c == 'D' || c == 'W')
                set.complement();
        } else if (is_syntax_character(c) || c == '/' || c == '-') {
            is_single = true;
            literal = c;
            set.add(static_cast<unsigned char>(c));
        } else {
            fail();
        }
        return set;
    }

    // One member of a class: a character (`is_single`) or a class escape.
    constexpr code_point_class parse_class_member(bool& is_single, char& literal) noexcept
    {
        const char c = peek();
        if (c == '\\') {
            ++pos_;
            return parse_escape(is_single, literal);
        }
        if (at_end() || c < 0x20 || c >= 0x7F) {
            fail();
            return {};
        }
        ++pos_;
        is_single = true;
        literal = c;
        return single(c);
    }

    // After the `[`.
    constexpr code_point_class parse_class() noexcept
    {
        code_point_class set;
        const bool complemented = peek() == '^';
        if (complemented)
            ++pos_;
        if (peek() == ']') // `[]` matches nothing and `[^]` anything: surely a mistake
            fail();
        while (ok_ && !at_end() && peek() != ']') {
            bool first_is_single = false;
            char first = 0;
            const code_point_class member = parse_class_member(first_is_single, first);
            if (first_is_single && peek() == '-' && pos_ + 1 < end_ && text_[pos_ + 1] != ']') {
                ++pos_;
                bool last_is_single = false;
                char last = 0;
                parse_class_member(last_is_single, last);
                if (!last_is_single || last < first)
                    fail();
                set.add_range(static_cast<unsigned char>(first), static_cast<unsigned char>(last));
            } else {
                set.add_all(member);
            }
        }
        if (peek() != ']')
            fail();
        ++pos_;
        if (complemented)
            set.complement();
        return set;
    }

    template <class Sink>
    constexpr void parse_atom(Sink& sink, unsigned depth) noexcept
    {
        const char c = peek();
        if (c == '(') {
            ++pos_;
            if (peek() == '?') {
                if (pos_ + 1 >= end_ || text_[pos_ + 1] != ':')
                    return fail();
                pos_ += 2;
            }
            parse_alternation(sink, depth + 1);
            if (peek() != ')')
                return fail();
            ++pos_;
            return;
        }
        ++pos_;
        if (c == '.') {
            sink.emit(pattern_instruction::any_but_eol);
            return;
        }
        code_point_class set;
        if (c == '[') {
            set = parse_class();
        } else if (c == '\\') {
            bool is_single = false;
            char literal = 0;
            set = parse_escape(is_single, literal);
        } else if (c >= 0x20 && c < 0x7F && !is_syntax_character(c)) {
            set = single(c);
        } else {
            return fail(); // nothing before a quantifier, `]`, `}`, `^` or `$` inside, non-ASCII
        }
        sink.emit(pattern_instruction::in_class, sink.add_class(set));
    }

    constexpr unsigned parse_count() noexcept
    {
        if (peek() < '0' || peek() > '9')
            fail();
        unsigned n = 0;
        while (ok_ && peek() >= '0' && peek() <= '9') {
            n = n * 10 + static_cast<unsigned>(peek() - '0');
            ++pos_;
            if (n > max_count)
                fail();
        }
        return n;
    }

    // Reads the quantifier after an atom, if any, into [min, max].
    constexpr void parse_quantifier(unsigned& min, unsigned& max) noexcept
    {
        min = max = 1;
        const char c = peek();
        if (c == '?' || c == '*' || c == '+') {
            ++pos_;
            min = c == '+' ? 1 : 0;
            max = c == '?' ? 1 : unbounded;
        } else if (c == '{') {
            ++pos_;
            min = max = parse_count();
            if (peek() == ',') {
                ++pos_;
                max = peek() == '}' ? unbounded : parse_count();
                if (max < min)
                    fail();
            }
            if (peek() != '}')
                return fail();
            ++pos_;
        } else {
            return;
        }
        const char after = peek();
        if (after == '?' || after == '*' || after == '+' || after == '{')
            fail(); // lazy and stacked quantifiers are not in the subset
    }

    // Links `at` into the chain of steps whose operand is set once their target is known;
    // returns the new head.
    template <class Sink>
    static constexpr std::size_t link(Sink& sink, std::size_t at, std::size_t head) noexcept
    {
        sink.set_operand(at, head);
        return at;
    }

    template <class Sink>
    static constexpr void resolve(Sink& sink, std::size_t head, std::size_t target) noexcept
    {
        while (head != Sink::no_link) {
            const std::size_t next = sink.operand(head);
            sink.set_operand(head, target);
            head = next;
        }
    }

    template <class Sink>
    constexpr void parse_quantified(Sink& sink, unsigned depth) noexcept
    {
        // The atom is parsed once to find what follows it, then again for each copy the
        // quantifier asks for.
        const std::size_t atom_begin = pos_;
        pattern_counter skip{0, false};
        parse_atom(skip, depth);
        unsigned min = 1;
        unsigned max = 1;
        parse_quantifier(min, max);
        if (!ok_ || sink.skipping())
            return;
        const std::size_t after = pos_;
        const auto copy_atom = [&] {
            pos_ = atom_begin;
            parse_atom(sink, depth);
            if (sink.position() > max_pattern_program_size)
                fail();
        };
        for (unsigned i = 0; i < min && ok_; ++i)
            copy_atom();
        if (max == unbounded) {
            // loop: split out; atom; jump loop; out:
            const std::size_t loop = sink.emit(pattern_instruction::split);
            copy_atom();
            sink.emit(pattern_instruction::jump, loop);
            sink.set_operand(loop, sink.position());
        } else {
            // Each optional copy: split out; atom — all leaving to the same `out`.
            std::size_t exits = Sink::no_link;
            for (unsigned i = min; i < max && ok_; ++i) {
                exits = link(sink, sink.emit(pattern_instruction::split), exits);
                copy_atom();
            }
            resolve(sink, exits, sink.position());
        }
        if (ok_)
            pos_ = after;
    }

    template <class Sink>
    constexpr void parse_sequence(Sink& sink, unsigned depth) noexcept
    {
        while (ok_ && !at_end() && peek() != '|' && peek() != ')')
            parse_quantified(sink, depth);
    }

    template <class Sink>
    constexpr void parse_alternation(Sink& sink, unsigned depth) noexcept
    {
        if (depth > max_depth)
            return fail();
        const std::size_t begin = pos_;
        pattern_counter skip{0, false};
        parse_sequence(skip, depth);
        if (peek() != '|') {
            pos_ = begin;
            parse_sequence(sink, depth);
            return;
        }
        // A|B|C: split b; A; jump end; b: split c; B; jump end; c: C; end:
        pos_ = begin;
        std::size_t ends = Sink::no_link;
        for (;;) {
            const std::size_t split = sink.emit(pattern_instruction::split);
            parse_sequence(sink, depth);
            if (!ok_ || peek() != '|') {
                // The last alternative: its split was not needed, let it fall through.
                sink.set_operand(split, split + 1);
                break;
            }
            ++pos_;
            ends = link(sink, sink.emit(pattern_instruction::jump), ends);
            sink.set_operand(split, sink.position());
        }
        resolve(sink, ends, sink.position());
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t end_ = 0;
    bool ok_ = true;
};

/// Whether `pattern` is in the subset this file matches, within the size limit.
constexpr bool is_supported_pattern(std::string_view pattern) noexcept
{
    pattern_counter counter;
    return pattern_parser(pattern).parse(counter);
}

/// A pattern compiled, to match values against.
///
/// The parser's program is turned into bit sets over its consuming steps: for each code
/// point, which steps take it; for the start and after each step, which steps are active
/// next (the steps `split` and `jump` lead to, followed ahead of time). Matching keeps the
/// active steps as a bit set: per code point, one AND, then one OR per step that took it.
class compiled_pattern {
public:
    static constexpr std::size_t no_link = pattern_counter::no_link;

    /// \pre `is_supported_pattern(pattern)`.
    explicit compiled_pattern(std::string_view pattern)
    {
        pattern_parser parser(pattern);
        [[maybe_unused]] const bool ok = parser.parse(*this);
        BOOST_ASSERT(ok);
        std::vector<std::size_t> step_of(program_.size(), no_link);
        std::size_t steps = 0;
        for (std::size_t at = 0; at < program_.size(); ++at) {
            const auto kind = program_[at].kind;
            if (kind == pattern_instruction::in_class || kind == pattern_instruction::any_but_eol)
                step_of[at] = steps++;
        }
        // One more bit, past the consuming steps: the value may end here.
        end_bit_ = steps;
        words_ = (steps + 1 + 63) / 64;
        taking_.assign(taking_rows * words_, 0);
        follow_.assign((steps + 1) * words_, 0);
        for (std::size_t at = 0; at < program_.size(); ++at) {
            if (step_of[at] == no_link)
                continue;
            const pattern_instruction& i = program_[at];
            code_point_class set;
            if (i.kind == pattern_instruction::in_class) {
                set = classes_[i.operand];
            } else {
                set.complement();
                set.ascii[0] &= ~((std::uint64_t(1) << '\n') | (std::uint64_t(1) << '\r'));
            }
            for (unsigned c = 0; c < 128; ++c) {
                if (set.contains_ascii(static_cast<unsigned char>(c)))
                    set_bit(&taking_[c * words_], step_of[at]);
            }
            if (set.non_ascii) {
                set_bit(&taking_[non_ascii_row * words_], step_of[at]);
                if (i.kind == pattern_instruction::in_class)
                    set_bit(&taking_[line_separator_row * words_], step_of[at]);
            }
            add_closure(at + 1, step_of, &follow_[step_of[at] * words_]);
        }
        add_closure(0, step_of, &follow_[end_bit_ * words_]); // the start, in the end's unused row
        program_.clear();
        classes_.clear();
    }

    /// Whether the whole of `value` matches.
    bool matches(std::string_view value) const noexcept
    {
        // Nearly every pattern has fewer than 64 steps: one word, loops the compiler unrolls.
        return words_ == 1 ? run<1>(value) : run<0>(value);
    }

    // The parser's sink.
    static constexpr bool skipping() noexcept { return false; }
    std::size_t position() const noexcept { return program_.size(); }
    std::size_t emit(pattern_instruction::kind_type kind, std::size_t operand = 0)
    {
        program_.push_back({kind, static_cast<std::uint32_t>(operand)});
        return program_.size() - 1;
    }
    std::size_t add_class(const code_point_class& set)
    {
        classes_.push_back(set);
        return classes_.size() - 1;
    }
    std::size_t operand(std::size_t at) const noexcept
    {
        return program_[at].operand == static_cast<std::uint32_t>(no_link) ? no_link : program_[at].operand;
    }
    void set_operand(std::size_t at, std::size_t value) noexcept
    {
        program_[at].operand = static_cast<std::uint32_t>(value);
    }

private:
    // Rows of `taking_`: one per ASCII character, then these two.
    static constexpr std::size_t non_ascii_row = 128;      // any other code point
    static constexpr std::size_t line_separator_row = 129; // U+2028 and U+2029, which `.` refuses
    static constexpr std::size_t taking_rows = 130;
    // Bit sets are at most this long: a program has at most `max_pattern_program_size` steps.
    static constexpr std::size_t max_words = (max_pattern_program_size + 1 + 63) / 64;

    static void set_bit(std::uint64_t* set, std::size_t bit) noexcept
    {
        set[bit / 64] |= std::uint64_t(1) << (bit % 64);
    }

    static int count_trailing_zeros(std::uint64_t bits) noexcept
    {
#if defined(__GNUC__)
        return __builtin_ctzll(bits);
#endif
        int n = 0;
        for (; (bits & 1) == 0; bits >>= 1)
            ++n;
        return n;
    }

    // Sets in `out` the bits of the consuming steps (and of the end) reachable from `from`
    // through `split` and `jump` only.
    void add_closure(std::size_t from, const std::vector<std::size_t>& step_of, std::uint64_t* out) const
    {
        std::vector<bool> seen(program_.size(), false);
        std::vector<std::size_t> stack{from};
        while (!stack.empty()) {
            const std::size_t at = stack.back();
            stack.pop_back();
            if (seen[at])
                continue;
            seen[at] = true;
            const pattern_instruction& i = program_[at];
            if (i.kind == pattern_instruction::split) {
                stack.push_back(i.operand);
                stack.push_back(at + 1);
            } else if (i.kind == pattern_instruction::jump) {
                stack.push_back(i.operand);
            } else {
                set_bit(out, i.kind == pattern_instruction::match ? end_bit_ : step_of[at]);
            }
        }
    }

    /// `matches`, with `Words` words per bit set, or `words_` when `Words` is 0.
    template <std::size_t Words>
    bool run(std::string_view value) const noexcept
    {
        const std::size_t words = Words != 0 ? Words : words_;
        std::array<std::uint64_t, max_words> sets[2];
        std::uint64_t* active = sets[0].data();
        std::uint64_t* next = sets[1].data();
        std::copy_n(&follow_[end_bit_ * words], words, active);
        for (std::size_t position = 0; position < value.size();) {
            const std::uint64_t* taking = &taking_[row_of(value, position) * words];
            std::fill_n(next, words, 0);
            bool any = false;
            for (std::size_t w = 0; w < words; ++w) {
                for (std::uint64_t bits = active[w] & taking[w]; bits != 0; bits &= bits - 1) {
                    const std::uint64_t* follow =
                        &follow_[(w * 64 + static_cast<std::size_t>(count_trailing_zeros(bits))) * words];
                    for (std::size_t v = 0; v < words; ++v)
                        next[v] |= follow[v];
                    any = true;
                }
            }
            if (!any)
                return false;
            std::swap(active, next);
        }
        return (active[end_bit_ / 64] >> (end_bit_ % 64)) & 1;
    }

    /// The row of `taking_` for the code point at `position`, and `position` moved past it.
    /// A byte that does not start a well-formed UTF-8 sequence counts as one code point.
    static std::size_t row_of(std::string_view s, std::size_t& position) noexcept
    {
        const auto lead = static_cast<unsigned char>(s[position]);
        if (lead < 0x80) {
            ++position;
            return lead;
        }
        const std::size_t length = lead < 0xC2 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 1;
        if (length == 1 || s.size() - position < length) {
            ++position;
            return non_ascii_row;
        }
        for (std::size_t i = 1; i < length; ++i) {
            if ((static_cast<unsigned char>(s[position + i]) & 0xC0) != 0x80) {
                ++position;
                return non_ascii_row;
            }
        }
        const std::string_view code_point = s.substr(position, length);
        position += length;
        return code_point == "\xE2\x80\xA8" || code_point == "\xE2\x80\xA9" ? line_separator_row : non_ascii_row;
    }

    // While compiling: the parser's output.
    std::vector<pattern_instruction> program_;
    std::vector<code_point_class> classes_;
    // Compiled, as bit sets of `words_` words over the consuming steps and the end: for each
    // row (code point), the steps that take it; for each step, the steps active after it
    // (the end's row: those active at the start).
    std::vector<std::uint64_t> taking_;
    std::vector<std::uint64_t> follow_;
    std::size_t words_ = 0;
    std::size_t end_bit_ = 0;
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_CODEC_DETAIL_PATTERN_HPP

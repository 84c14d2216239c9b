"""The regular expression subset of `pattern` constraints, as the runtime matches it.

The runtime (include/hwbind/runtime/codec/detail/pattern.hpp) compiles a pattern to a small
automaton instead of using a regex library; this module accepts exactly what it accepts, so that
a spec pattern outside the subset is an error here, at its line, rather than a C++ static_assert.
The grammar and the size limit mirror that header: keep the two in step.
"""

MAX_COUNT = 1000          # largest m or n of {m,n}
MAX_DEPTH = 32            # nesting of groups
MAX_PROGRAM_SIZE = 4096   # steps the compiled automaton may have
SYNTAX = set("^$\\.*+?()[]{}|")
UNBOUNDED = MAX_COUNT + 1


class PatternError(Exception):
    pass


def _escaped(text, at):
    backslashes = 0
    while at > backslashes and text[at - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


class _Parser:
    def __init__(self, text):
        self.text = text
        self.pos = 1 if text.startswith("^") else 0
        self.end = len(text)
        if self.end > self.pos and text.endswith("$") and not _escaped(text, self.end - 1):
            self.end -= 1

    def fail(self, what):
        raise PatternError(f"{what} at offset {self.pos}")

    def peek(self):
        return self.text[self.pos] if self.pos < self.end else ""

    def escape(self):
        """After a backslash: True for a class escape, the character for a literal one."""
        c = self.peek()
        if c in ("d", "D", "w", "W"):
            self.pos += 1
            return True
        if c and (c in SYNTAX or c in "/-"):
            self.pos += 1
            return c
        self.pos -= 1  # point at the backslash
        self.fail(f"unsupported escape '\\{c}'" if c else "a '\\' ends the pattern")

    def class_member(self):
        c = self.peek()
        if c == "\\":
            self.pos += 1
            member = self.escape()
            return None if member is True else member
        if not c or not " " <= c <= "~":
            self.fail("a class holds printable ASCII characters only")
        self.pos += 1
        return c

    def char_class(self):
        if self.peek() == "^":
            self.pos += 1
        if self.peek() == "]":
            self.fail("empty class")
        while self.peek() and self.peek() != "]":
            first = self.class_member()
            if first is not None and self.peek() == "-" and self.pos + 1 < self.end \
                    and self.text[self.pos + 1] != "]":
                self.pos += 1
                last = self.class_member()
                if last is None or last < first:
                    self.fail("invalid class range")
        if self.peek() != "]":
            self.fail("unterminated class")
        self.pos += 1

    def atom(self, depth):
        """Parses one atom; returns its size in steps."""
        c = self.peek()
        if c == "(":
            self.pos += 1
            if self.peek() == "?":
                if self.text[self.pos + 1:self.pos + 2] != ":":
                    self.fail("only (?:...) groups are supported")
                self.pos += 2
            size = self.alternation(depth + 1)
            if self.peek() != ")":
                self.fail("unclosed group")
            self.pos += 1
            return size
        if c == "[":
            self.pos += 1
            self.char_class()
        elif c == "\\":
            self.pos += 1
            self.escape()
        elif not (c == "." or (" " <= c <= "~" and c not in SYNTAX)):
            self.fail(f"unexpected '{c}'" if c else "unexpected end")
        else:
            self.pos += 1
        return 1

    def count(self):
        digits = ""
        while self.peek().isdigit() and self.peek().isascii():
            digits += self.peek()
            self.pos += 1
        if not digits:
            self.fail("a count must be a number")
        if int(digits) > MAX_COUNT:
            self.fail(f"a count above {MAX_COUNT}")
        return int(digits)

    def quantifier(self):
        c = self.peek()
        if c in ("?", "*", "+"):
            self.pos += 1
            low, high = (1 if c == "+" else 0), (1 if c == "?" else UNBOUNDED)
        elif c == "{":
            self.pos += 1
            low = high = self.count()
            if self.peek() == ",":
                self.pos += 1
                high = UNBOUNDED if self.peek() == "}" else self.count()
                if high < low:
                    self.fail("a count range whose maximum is below its minimum")
            if self.peek() != "}":
                self.fail("unclosed count")
            self.pos += 1
        else:
            return 1, 1
        if self.peek() in ("?", "*", "+", "{") and self.peek():
            self.fail("lazy or stacked quantifiers are not supported")
        return low, high

    def quantified(self, depth):
        size = self.atom(depth)
        low, high = self.quantifier()
        if high == UNBOUNDED:
            return low * size + size + 2
        return low * size + (high - low) * (size + 1)

    def sequence(self, depth):
        size = 0
        while self.peek() and self.peek() not in "|)":
            size += self.quantified(depth)
            if size > MAX_PROGRAM_SIZE:
                self.fail(f"compiles to more than {MAX_PROGRAM_SIZE} steps")
        return size

    def alternation(self, depth):
        if depth > MAX_DEPTH:
            self.fail(f"groups nested deeper than {MAX_DEPTH}")
        size = self.sequence(depth)
        alternatives = 1
        while self.peek() == "|":
            self.pos += 1
            size += self.sequence(depth)
            alternatives += 1
        return size if alternatives == 1 else size + 2 * alternatives - 1


def subset_error(pattern):
    """None when `pattern` is in the subset, else why not."""
    parser = _Parser(pattern)
    try:
        size = parser.alternation(0)
        if parser.pos != parser.end:
            parser.fail(f"unexpected '{parser.peek()}'")
        if size + 1 > MAX_PROGRAM_SIZE:
            parser.fail(f"compiles to more than {MAX_PROGRAM_SIZE} steps")
    except PatternError as e:
        return str(e)
    return None

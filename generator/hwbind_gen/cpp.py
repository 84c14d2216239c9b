"""C++ spelling: identifiers, keywords, types and doc comments."""

import re
import textwrap

# C++20 keywords and alternative tokens, plus names that common platforms define as macros
# (a member named `linux` does not compile with -std=gnu++17).
KEYWORDS = frozenset("""
    alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t
    char16_t char32_t class compl concept const consteval constexpr constinit const_cast
    continue co_await co_return co_yield decltype default delete do double dynamic_cast else
    enum explicit export extern false float for friend goto if inline int long mutable
    namespace new noexcept not not_eq nullptr operator or or_eq private protected public
    register reinterpret_cast requires return short signed sizeof static static_assert
    static_cast struct switch template this thread_local throw true try typedef typeid
    typename union unsigned using virtual void volatile wchar_t while xor xor_eq
    linux unix i386 NULL EOF errno assert
""".split())

# Namespaces the generated code names unqualified inside structs and service namespaces
# (`std::optional`, `meta::field`, `boost::describe`, `hwbind::<service>::model`): a member
# or a type of that name would hide them. Mapped wire names get a `_` suffix, as keywords do.
USED_NAMESPACES = frozenset(("std", "meta", "boost", "hwbind"))

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def identifier_problem(name):
    """Why `name` cannot be a C++ identifier of the generated code, or None."""
    if not _IDENTIFIER.match(name):
        return f"'{name}' is not a valid C++ identifier"
    if name in KEYWORDS:
        return f"'{name}' is a C++ keyword or a platform macro"
    if name in USED_NAMESPACES:
        return f"'{name}' names a namespace the generated code uses"
    if "__" in name or re.match(r"_[A-Z]", name):
        return f"'{name}' is reserved for the C++ implementation"
    return None


def map_wire_name(wire, lowercase):
    """A valid C++ identifier for the wire name `wire`.

    Valid identifiers are kept as they are. Otherwise each run of characters that cannot
    appear in an identifier becomes one `_` (`X-Auth-Token` -> `x_auth_token` when
    `lowercase`), a leading digit gets a `_` prefix, and a keyword or a namespace the generated
    code uses (`std`, `meta`, ...) gets a `_` suffix.
    """
    if identifier_problem(wire) is None:
        return wire
    name = re.sub(r"[^A-Za-z0-9_]+", "_", wire).strip("_")
    name = re.sub(r"_+", "_", name)
    if lowercase:
        name = name.lower()
    if not name:
        return None
    if name[0].isdigit():
        name = "_" + name
    if name[0] == "_" and len(name) > 1 and name[1].isupper():
        name = "v" + name
    if name in KEYWORDS or name in USED_NAMESPACES:
        name += "_"
    return name


BUILTIN_TYPES = {
    "string": "std::string",
    "int32": "std::int32_t",
    "int64": "std::int64_t",
    "bool": "bool",
    "double": "double",
    "any": "meta::any_value",
    "loose_time": "meta::loose_time",
    "file": "meta::file_part",
}

INTEGER_TYPES = ("int32", "int64")
INTEGER_LIMITS = {
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
}


def cpp_string(text):
    """A C++ string literal holding `text`."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


def wrapped_string(text, indent, width=100):
    """A C++ string literal holding `text`, split into adjacent literals at spaces so that each
    line fits in `width` columns after `indent` spaces (room is left for a trailing comma)."""
    room = width - indent - 3
    pieces, current = [], ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and len(cpp_string(candidate + " ")) > room:
            pieces.append(current + " ")
            current = word
        else:
            current = candidate
    pieces.append(current)
    return ("\n" + " " * indent).join(cpp_string(p) for p in pieces)


def doc_comment(paragraphs, indent, width=100):
    """`///` lines for the non-empty paragraphs, wrapped to `width` columns."""
    prefix = " " * indent + "/// "
    lines = []
    for paragraph in paragraphs:
        if not paragraph:
            continue
        if lines:
            lines.append(prefix.rstrip())
        text = " ".join(paragraph.split())
        lines.extend(textwrap.wrap(text, width=width - len(prefix), break_long_words=False,
                                   break_on_hyphens=False, initial_indent=prefix,
                                   subsequent_indent=prefix))
    return "\n".join(lines)

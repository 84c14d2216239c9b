"""Turning checked specs into C++ headers through the Jinja2 templates.

Each output kind has one template in generator/templates; which headers a service's bindings
are split into, and what each includes, is layout.py's. What the templates print that is more
than a name (type spellings, field tables, doc comments) is computed here, so that the
templates stay readable as C++.
"""

import os

import jinja2

from . import cpp
from .layout import Layout
from .spec import MAX_DESCRIBED, part_names

TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "templates")


def _environment():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.globals.update(doc=cpp.doc_comment, cpp_string=cpp.cpp_string, wrapped_string=cpp.wrapped_string, field_doc=field_doc,
                       member_type=member_type, member_init=member_init,
                       field_entry=field_entry, wrap_call=wrap_call, auth_expr=auth_expr,
                       rules_type=rules_type, pagination_type=pagination_type, help_text=help_text,
                       payload=payload, struct_parts=struct_parts,
                       separate_destructor=separate_destructor)
    env.filters["prefix"] = lambda text, prefix: prefix + text
    env.filters["cpp_string"] = cpp.cpp_string
    return env


def struct_parts(name, members):
    """The base structs a struct of more than MAX_DESCRIBED members inherits them from, in
    order: each a dict of `name`, `members` and the 1-based numbers of its `first` and `last`
    member. None for a struct that lists its members itself."""
    parts = []
    for index, part in enumerate(part_names(name, len(members))):
        chunk = members[index * MAX_DESCRIBED:(index + 1) * MAX_DESCRIBED]
        parts.append({"name": part, "members": chunk, "first": index * MAX_DESCRIBED + 1,
                      "last": index * MAX_DESCRIBED + len(chunk)})
    return parts


def separate_destructor(name, members):
    """Whether struct `name` ends with HWBIND_SEPARATE_DESTRUCTOR (its destructor then being
    defined in its service's src.hpp): not when one of its own `members` is named like it,
    which C++ forbids in a struct with a declared constructor."""
    if len(members) > MAX_DESCRIBED:
        return True  # its members are inherited from its parts (struct_parts)
    return all(m.cpp_name != name for m in members)


def member_type(f, in_request, siblings, namespace):
    """The C++ type of a struct member for field `f`.

    Arrays and maps are plain containers (absent and null decode as empty). Request
    parameters are all optional, so that an unset required parameter is an error the runtime
    can name; a request body is optional unless required (unset: no body is sent); model
    members are optional unless the field is required and not nullable; a response
    envelope's body is plain and its headers optional. A type named like a member of the
    struct (`siblings`) is qualified with `hwbind::<namespace>`: unqualified, the member would
    change the meaning of the name inside the struct (members are never named `hwbind`,
    `std` or `meta`: cpp.USED_NAMESPACES).
    """
    member_names = {s.cpp_name for s in siblings}
    named = f.type.innermost
    t = f.type.cpp(f"hwbind::{namespace}" if named.name in member_names else None)
    if f.location == "content":
        return t if f.required else f"std::optional<{t}>"
    if f.type.kind in ("array", "map"):
        return t
    if in_request or not f.required or f.nullable:
        return f"std::optional<{t}>"
    return t


def member_init(f, in_request, siblings=(), namespace=None):
    """The default member initializer: the documented default of a required parameter, so a
    request works as soon as it is declared, and zero for required scalar model members. An
    enum named like a member of the struct (`siblings`) is qualified, as in member_type."""
    if in_request:
        if f.required and f.default is not None and f.type.kind == "builtin":
            if f.type.name == "string":
                return f" = std::string({cpp.cpp_string(f.default)})"
            if f.type.name == "bool":
                return " = true" if f.default else " = false"
            return f" = {f.default}"
        if f.required and f.default is not None and f.type.kind == "enum":
            enum = f.type.name
            if namespace and enum in {s.cpp_name for s in siblings}:
                enum = f"hwbind::{namespace}::{enum}"
            return f" = {enum}::{_enum_cpp_name(f)}"
        return ""
    if not in_request and f.required and not f.nullable and f.type.kind == "builtin" and \
            f.type.name in ("int32", "int64", "bool", "double"):
        return "{}"
    return ""


def _enum_cpp_name(f):
    return next(v.cpp_name for v in f.enum.values if v.wire == f.default)


def _integer(value):
    # INT64_MIN cannot be written as a literal; the expression form is the usual spelling.
    return "(-9223372036854775807 - 1)" if value == -(2**63) else str(value)


def field_entry(f):
    """The `meta::field` expression of `f`, e.g. `meta::query("limit").required().range(10, 200)`."""
    if f.location == "content":
        parts = ["meta::content()"]
    else:
        maker = {"body": "member", "path": "path", "query": "query", "header": "header"}[f.location]
        parts = [f"meta::{maker}({cpp.cpp_string(f.wire_name)})"]
    if f.required:
        parts.append("required()")
    if f.nullable:
        parts.append("nullable()")
    if f.numeric_string:
        parts.append("numeric_string()")
    if f.minimum is not None and f.maximum is not None:
        parts.append(f"range({_integer(f.minimum)}, {_integer(f.maximum)})")
    elif f.minimum is not None:
        parts.append(f"min({_integer(f.minimum)})")
    elif f.maximum is not None:
        parts.append(f"max({_integer(f.maximum)})")
    if f.min_length is not None and f.max_length is not None:
        parts.append(f"length({f.min_length}, {f.max_length})")
    elif f.min_length is not None:
        parts.append(f"min_len({f.min_length})")
    elif f.max_length is not None:
        parts.append(f"max_len({f.max_length})")
    if f.pattern is not None:
        parts.append(f"matches({cpp.cpp_string(f.pattern)})")
    if f.default is not None:
        parts.append(f"default_value({cpp.cpp_string(_default_text(f.default))})")
    if f.context is not None:
        parts.append(f"from_context({cpp.cpp_string(f.context)})")
    if f.format is not None:
        parts.append(f"format(meta::time_format::{f.format})")
    return ".".join(parts)


def _default_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def help_text(f):
    """One paragraph for command-line help: the description, then the constraints."""
    return " ".join(" ".join(p.split()) for p in [f.description, _facts(f, in_request=True)] if p)


def field_doc(f, indent, in_request):
    """Doc comment of a member: the description, then what the spec says of its values."""
    paragraphs = [f.description, _facts(f, in_request)]
    if f.discrepancy:
        paragraphs.append(f"\\note Sources disagree: {f.discrepancy}")
    return cpp.doc_comment(paragraphs, indent)


def _facts(f, in_request):
    """What the spec says of a member's values, as sentences."""
    facts = []
    if f.location == "content":
        facts.append(f"JSON: {f.type.describe()}.")
        if in_request:
            facts.append("Required." if f.required else "Unset: no body is sent.")
        return " ".join(facts)
    if f.required:
        facts.append("Required." if in_request else "Always sent.")
    if f.nullable:
        facts.append("May be null.")
    if f.numeric_string:
        facts.append("Also accepted as a numeric string.")
    if f.format is not None:
        facts.append({"epoch_ms": "A time: milliseconds since 1970-01-01T00:00:00Z.",
                      "epoch_s": "A time: seconds since 1970-01-01T00:00:00Z.",
                      "date_time": "A time: an ISO 8601 date and time."}[f.format])
    if f.minimum is not None and f.maximum is not None:
        facts.append(f"Range: {f.minimum} to {f.maximum}.")
    elif f.minimum is not None:
        facts.append(f"Minimum: {f.minimum}.")
    elif f.maximum is not None:
        facts.append(f"Maximum: {f.maximum}.")
    if f.min_length is not None and f.max_length is not None:
        facts.append(f"Length: {f.min_length} to {f.max_length} characters.")
    elif f.min_length is not None:
        facts.append(f"At least {f.min_length} characters.")
    elif f.max_length is not None:
        facts.append(f"At most {f.max_length} characters.")
    if f.pattern is not None:
        facts.append(f"Pattern: {f.pattern}")
    if f.default is not None:
        facts.append(f"Default: {_default_text(f.default)}.")
    if f.context is not None:
        facts.append(f"Taken from the client's context value `{f.context}` when unset.")
    if f.wire_name != f.cpp_name:
        facts.append(f"Wire name: `{f.wire_name}`.")
    return " ".join(facts)


def auth_expr(op, service):
    """The `meta::auth_info` initializer of an operation."""
    schemes = " | ".join(f"meta::auth_scheme::{s}" for s in op.auth)
    header = service.token_header if "token" in op.auth else ""
    one_line = f"{{{schemes}, {cpp.cpp_string(header)}}}"
    if len("    static constexpr meta::auth_info auth = ;") + len(one_line) <= 100:
        return one_line
    return f"{{\n        {schemes},\n        {cpp.cpp_string(header)}}}"


def payload(type_ref):
    """The `meta::payload` of a body of type `type_ref` (None: no body)."""
    return "meta::payload::none" if type_ref is None else "meta::payload::json"


def _type_list(head, items, indent):
    """`head<` items `>`, one item a line when they do not fit on one."""
    one_line = f"{head}<{', '.join(items)}>"
    # The widest use is "    using pagination = " + the list + ">;".
    if indent + len("using pagination = ") + len(one_line) + 1 <= 100:
        return one_line
    inner = ",\n".join(" " * (indent + 4) + item for item in items)
    return f"{head}<\n{inner}>"


def rules_type(op, namespace):
    """The `meta::rules<...>` list of an operation."""
    request = f"hwbind::{namespace}::{op.request_name}"
    rules = []
    for rule in op.rules:
        members = [f"&{request}::{op.parameter(name).cpp_name}" for name in rule.parameters]
        head = "meta::all_or_none" if rule.kind == "all_or_none" else "meta::requires_members"
        rules.append(_type_list(head, members, 8))
    if not rules:
        return "meta::rules<>"
    return "meta::rules<\n" + ",\n".join(" " * 8 + r for r in rules) + ">"


def _member(path, namespace):
    """A pagination member: a member pointer, or the address of a `meta::path_to`. Types are
    qualified: inside the descriptor, a model named like one of its members (`pagination`)
    would mean the member."""
    pointers = [f"&hwbind::{namespace}::{owner}::{member}" for owner, member in path]
    if len(pointers) == 1:
        return pointers[0]
    return f"&meta::path_to<{', '.join(pointers)}>"


def pagination_type(op, namespace):
    """The pagination descriptor of an operation."""
    pg = op.pagination
    if pg is None:
        return "meta::no_pagination"
    m = {key: _member(path, namespace) for key, path in pg.members.items()}
    total = m.get("total", "nullptr")
    limit = m.get("limit", "nullptr")
    if pg.kind == "offset":
        head, members = "meta::offset_pagination", [m["offset"], m["limit"], m["items"]]
        tail = [total]
    elif pg.kind == "page":
        head, members = "meta::page_pagination", [m["page"], m["limit"], str(pg.first_page), m["items"]]
        tail = [total]
    elif pg.kind == "marker":
        head, members = "meta::marker_pagination", [m["marker"], m["next_marker"], m["items"]]
        tail = [total, limit]
    else:
        head, members = "meta::item_marker_pagination", [m["marker"], m["item_marker"], m["items"]]
        tail = [limit, total]
    while tail and tail[-1] == "nullptr":  # defaulted trailing arguments
        tail.pop()
    return _type_list(head, members + tail, 4)


def wrap_call(head, items, tail, indent=0, width=100):
    """`head` + items joined by ", " + `tail`, continued under the first item when too long."""
    one_line = " " * indent + head + ", ".join(items) + tail
    if len(one_line) <= width or not items:
        return one_line
    lines, current = [], " " * indent + head
    continuation = " " * (indent + len(head))
    for index, item in enumerate(items):
        piece = item + (", " if index + 1 < len(items) else tail)
        if len(current) + len(piece.rstrip()) > width and current.strip() and current != " " * indent + head:
            lines.append(current.rstrip())
            current = continuation
        current += piece
    lines.append(current.rstrip())
    return "\n".join(lines)


def _attach_enums(spec):
    """Gives enum-typed fields their enum, for default values."""
    for f in [f for m in spec.models for f in m.fields] + \
            [p for o in spec.operations for p in o.request_members + o.response.headers]:
        f.enum = spec.enum(f.type.name) if f.type.kind == "enum" else None


def index_namespace(include_prefix):
    """The namespace of the index header: its include prefix as a C++ namespace
    (`hwbind/services` -> `hwbind::services`), so that two generated sets can be used together."""
    parts = [part if part in cpp.USED_NAMESPACES else cpp.map_wire_name(part, lowercase=False) or "_"
             for part in include_prefix.split("/")]
    return "::".join(parts)


def guard(include_path):
    return "".join(c if c.isalnum() else "_" for c in include_path.upper())


class Renderer:
    def __init__(self, include_prefix, banner_command):
        self.env = _environment()
        self.include_prefix = include_prefix.strip("/")
        self.banner_command = banner_command

    def banner(self, sources):
        return (f"// Generated by generator/generate.py from {', '.join(sources)}; do not edit.\n"
                f"// Command: {self.banner_command}\n"
                f"// Edit the spec and rerun it (CMake: `cmake --build <dir> --target regenerate`).")

    def service_files(self, spec):
        """{relative output path: text} for one service."""
        _attach_enums(spec)
        name = spec.service.name
        models = spec.models_in_declaration_order()
        prefix = self.include_prefix
        context = dict(spec=spec, service=spec.service, models=models,
                       banner=self.banner([spec.path]), prefix=prefix)
        layout = Layout(spec, prefix)
        files = {}
        for include, (template, extra) in layout.files().items():
            files[include[len(prefix) + 1:]] = self.env.get_template(template).render(
                guard=guard(include), **context, **extra)
        umbrellas = {
            "models": ([layout.enum_header(e.name) for e in spec.enums]
                       + [layout.group_header(g) for g in layout.groups],
                       f"Every enumeration and model of the {spec.service.title} ({name}) bindings, "
                       "each in its own header (models that refer to each other in a cycle share one)."),
            "operations": ([layout.service_header] + [layout.operation_header(op) for op in spec.operations],
                           f"Every request and endpoint descriptor of the {spec.service.title} ({name}) "
                           "bindings, each operation in its own header, and the service descriptor."),
        }
        for kind, (includes, what) in umbrellas.items():
            files[f"{name}/{kind}.hpp"] = self.env.get_template("umbrella.hpp.j2").render(
                guard=guard(f"{prefix}/{name}/{kind}.hpp"), includes=includes, what=what, **context)
        files[f"{name}/service.hpp"] = self.env.get_template("service_struct.hpp.j2").render(
            guard=guard(layout.service_header), **context)
        for kind in ("api", "examples", "docs", "calls", "src"):
            include = f"{prefix}/{name}/{kind}.hpp"
            files[f"{name}/{kind}.hpp"] = self.env.get_template(f"{kind}.hpp.j2").render(
                guard=guard(include), **context)
        include = f"{prefix}/{name}.hpp"
        files[f"{name}.hpp"] = self.env.get_template("service.hpp.j2").render(guard=guard(include), **context)
        return files

    def index_files(self, specs):
        """{relative output path: text} of the headers that cover every service."""
        context = dict(specs=specs, prefix=self.include_prefix, banner=self.banner([s.path for s in specs]),
                       service_list=[f"::hwbind::{s.service.name}::service" for s in specs],
                       index_namespace=index_namespace(self.include_prefix))
        return {name: self.env.get_template(f"{name}.j2").render(
                    guard=guard(f"{self.include_prefix}/{name}"), **context)
                for name in ("all.hpp", "all_docs.hpp")}

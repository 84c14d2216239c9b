"""Reading and checking a spec file (the format is documented in spec/README.md).

`read_spec` returns a `Spec` or raises `SpecErrors` listing every problem found, each with
the file and line it comes from. Checks run in two passes: the shape of the document (keys,
value types), then its meaning (references, constraints, names); the second pass runs only
when the first found nothing, so that one typo does not cause a cascade of messages.
"""

import difflib
import json
import os
import re
from dataclasses import dataclass, field as dc_field
from typing import List, Optional

from . import cpp, pattern
from .errors import SpecError, SpecErrors
from .loader import NodeDict, NodeList, load

# ---- the spec, as the templates see it -----------------------------------------------------


@dataclass
class TypeRef:
    kind: str                 # "builtin", "enum", "model", "array" or "map"
    name: str                 # builtin name, enum or model name, "array" or "map"
    items: Optional["TypeRef"] = None   # the element type of an array, the value type of a map

    @property
    def is_integer(self):
        return self.kind == "builtin" and self.name in cpp.INTEGER_TYPES

    @property
    def is_string(self):
        return self.kind == "builtin" and self.name == "string"

    def holds(self, builtin):
        """Whether this type is the builtin `builtin` or an array or map of it."""
        return self.name == builtin if self.kind == "builtin" else self.items is not None and self.items.holds(builtin)

    def cpp(self, namespace=None):
        """The C++ spelling; enum and model names are qualified with `namespace` when given
        (needed inside a struct with a member of the same name as the type)."""
        if self.kind == "builtin":
            return cpp.BUILTIN_TYPES[self.name]
        name = f"{namespace}::{self.name}" if namespace else self.name
        if self.kind == "enum":
            return f"meta::open_enum<{name}>"
        if self.kind == "model":
            return name
        if self.kind == "map":
            return f"std::map<std::string, {self.items.cpp(namespace)}>"
        return f"std::vector<{self.items.cpp(namespace)}>"

    @property
    def innermost(self):
        """The type an array or map holds at its deepest level (the type itself otherwise)."""
        return self.items.innermost if self.items is not None else self

    def complete_models(self):
        """The models a member of this type needs complete where it is declared: held by value,
        in a std::optional or as a std::map value. A std::vector may hold an incomplete type
        (C++17), so a model may contain an array of itself."""
        if self.kind == "model":
            return [self.name]
        if self.kind == "map":
            return self.items.complete_models()
        return []

    def describe(self):
        """The type as the spec writes it, for messages and docs: `array of map of string`."""
        if self.kind == "array":
            return f"array of {self.items.describe()}"
        if self.kind == "map":
            return f"map of {self.items.describe()}"
        return self.name


@dataclass
class Field:
    line: int
    wire_name: str
    cpp_name: str
    type: TypeRef
    description: str
    location: str = "body"    # "body" (a member of a JSON object), "path", "query", "header",
                              # or "content" (the whole body of a request or response)
    required: bool = False
    nullable: bool = False
    numeric_string: bool = False
    default: object = None
    minimum: Optional[int] = None
    maximum: Optional[int] = None
    min_length: Optional[int] = None
    max_length: Optional[int] = None
    pattern: Optional[str] = None
    context: Optional[str] = None
    discrepancy: Optional[str] = None
    format: Optional[str] = None     # a time: "epoch_ms", "epoch_s" (integers) or "date_time" (strings)


@dataclass
class EnumValue:
    line: int
    wire: str
    cpp_name: str
    description: Optional[str]


@dataclass
class Enum:
    line: int
    name: str
    description: str
    values: List[EnumValue]
    discrepancy: Optional[str] = None
    integer: bool = False     # the wire values are JSON numbers, not strings

    @property
    def renamed(self):
        return any(v.wire != v.cpp_name for v in self.values)


@dataclass
class Model:
    line: int
    name: str
    title: Optional[str]
    description: str
    fields: List[Field]


@dataclass
class StatusModel:
    line: int
    status: int
    model: str                # the C++ type of the body: a model, or the envelope's name
    description: str


@dataclass
class Response:
    """The success response. Its C++ type is the model of an object body when there is no
    more to it; otherwise a generated envelope struct with a `body` member (none for an
    empty success) and one member per declared response header."""
    line: int
    status: int
    description: str
    body: Optional[TypeRef]    # None: the success has no body, or a binary one
    headers: List["Field"]
    envelope: Optional[str]    # the envelope struct's name, when there is one
    binary: bool = False       # the body is bytes, which a download's sink receives

    @property
    def model(self):
        """The C++ response type: the envelope, or the body's model."""
        return self.envelope or self.body.name

    @property
    def body_model(self):
        """The model of an object body (which pagination reads), or None."""
        return self.body.name if self.body is not None and self.body.kind == "model" else None

    @property
    def envelope_members(self):
        """The members of the envelope: the body (when there is one), then the headers."""
        members = list(self.headers)
        if self.body is not None:
            members.insert(0, Field(self.line, "body", "body", self.body, "The response body.",
                                    location="content", required=True))
        return members


@dataclass
class Rule:
    line: int
    kind: str                 # "all_or_none" or "requires"
    parameters: List[str]     # all_or_none: the set; requires: [dependent, needed...]
    description: str


@dataclass
class Pagination:
    """Pagination. Each member is a path: a list of `(C++ owner type, C++ member)` steps
    from the request struct (offset, limit, page, marker), the response type (next_marker,
    items, total) or the item type (item_marker)."""
    line: int
    kind: str                 # "offset", "page", "marker" or "item_marker"
    members: dict             # key -> path, for the keys the spec gives
    first_page: int = 1       # page kind: the number of the first page


@dataclass
class Example:
    line: int
    name: str
    description: str
    request: str
    status: int
    body: str                 # path of the body file, relative to the spec
    text: str = ""            # the body file's text, without its final newline


@dataclass
class Operation:
    line: int
    name: str
    id: Optional[str]
    summary: str
    description: str
    method: str
    path: str
    auth: List[str]
    parameters: List[Field]
    body: Optional[Field]     # the request body (location "content"), if the operation sends one
    content_type: Optional[str]
    rules: List[Rule]
    response: Response
    errors: List[StatusModel]
    pagination: Optional[Pagination]
    examples: List[Example]

    @property
    def request_name(self):
        return f"{self.name}_request"

    @property
    def multipart(self):
        """Whether the body is a multipart/form-data form (its model's fields are the parts)."""
        return self.content_type is not None and _media_type(self.content_type) == MULTIPART

    def parameter(self, wire_name):
        return next((p for p in self.parameters if p.wire_name == wire_name), None)

    @property
    def request_members(self):
        """The members of the request struct: the parameters, then the body."""
        return self.parameters + ([self.body] if self.body is not None else [])


@dataclass
class Service:
    line: int
    name: str
    title: str
    description: Optional[str]
    endpoint_template: Optional[str]
    endpoints: List[tuple]
    auth: List[str]
    token_header: Optional[str]


@dataclass
class Spec:
    path: str                 # as shown in messages and generated headers
    service: Service
    enums: List[Enum] = dc_field(default_factory=list)
    models: List[Model] = dc_field(default_factory=list)
    operations: List[Operation] = dc_field(default_factory=list)

    def enum(self, name):
        return next((e for e in self.enums if e.name == name), None)

    def model(self, name):
        return next((m for m in self.models if m.name == name), None)

    def models_in_declaration_order(self):
        """Models in spec order, each moved after the models it refers to, so that a reader
        meets a type before its uses. C++ needs that only for the models a model holds by
        value, in a std::optional or as a map value (TypeRef.complete_models); a model it
        holds through an array may come later (a std::vector may hold an incomplete type), and
        that is how cycles such as a model holding an array of itself are broken. Raises
        SpecErrors on a cycle that no array breaks."""
        ordered, state = [], {}

        def visit(model, chain):
            state[model.name] = "visiting"
            for f in model.fields:
                needed = f.type.complete_models()
                inner = f.type.innermost
                referred = needed + ([inner.name] if inner.kind == "model" and inner.name not in needed else [])
                for name in referred:
                    if state.get(name) == "done":
                        continue
                    if state.get(name) == "visiting":
                        if name in needed:
                            cycle = " -> ".join(chain + [model.name, name])
                            raise SpecErrors([SpecError(self.path, model.line,
                                                        f"models contain each other: {cycle} (a model can "
                                                        "hold itself or a model that holds it only "
                                                        "through an array)")])
                        continue  # through an array: declared ahead, defined later
                    visit(self.model(name), chain + [model.name])
            state[model.name] = "done"
            ordered.append(model)

        for model in self.models:
            if model.name not in state:
                visit(model, [])
        return ordered


# ---- shape checking ------------------------------------------------------------------------

_KIND_NAMES = {str: "a string", int: "an integer", bool: "a boolean", NodeList: "a list",
               NodeDict: "a mapping"}


def _kind_of(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, NodeList):
        return "a list"
    if isinstance(value, NodeDict):
        return "a mapping"
    return type(value).__name__


def _is_kind(value, kind):
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


# BOOST_DESCRIBE_STRUCT and BOOST_DESCRIBE_ENUM of Boost 1.81 take at most this many members.
# A struct of more members inherits them from generated base structs ("parts") of at most this
# many each; an enum of more values is described with BOOST_DESCRIBE_ENUM_BEGIN/ENTRY/END,
# which take any number (spec/README.md, "Large models and enumerations").
MAX_DESCRIBED = 52


def part_names(struct_name, member_count):
    """The names of the base structs that hold the members of a struct of `member_count`
    members, 52 each in order: none for a struct that lists them itself."""
    if member_count <= MAX_DESCRIBED:
        return []
    count = (member_count + MAX_DESCRIBED - 1) // MAX_DESCRIBED
    return [f"{struct_name}_part{i + 1}" for i in range(count)]

SERVICE_KEYS = {"name": (str, True), "title": (str, True), "description": (str, False),
                "endpoint_template": (str, False), "endpoints": (NodeList, False),
                "auth": (NodeList, True), "token_header": (str, False)}
ENDPOINT_KEYS = {"region": (str, True), "url": (str, True)}
ENUM_KEYS = {"name": (str, True), "type": (str, False), "description": (str, True),
             "values": (NodeList, True), "discrepancy": (str, False)}
ENUM_VALUE_KEYS = {"value": (object, True), "cpp_name": (str, False), "description": (str, False)}
ENUM_TYPES = ("string", "integer")
MODEL_KEYS = {"name": (str, True), "title": (str, False), "description": (str, True),
              "fields": (NodeList, True)}
FIELD_KEYS = {"name": (str, True), "cpp_name": (str, False), "type": (str, True),
              "items": (object, False), "values": (object, False), "required": (bool, False), "nullable": (bool, False),
              "numeric_string": (bool, False), "default": (object, False),
              "minimum": (int, False), "maximum": (int, False), "min_length": (int, False),
              "max_length": (int, False), "pattern": (str, False), "description": (str, True),
              "discrepancy": (str, False), "format": (str, False)}
# The values of a field's `format`: times, and the types that hold each.
TIME_FORMATS = {"epoch_ms": "integer", "epoch_s": "integer", "date_time": "string"}
PARAMETER_KEYS = dict(FIELD_KEYS, **{"in": (str, True), "context": (str, False)})
del PARAMETER_KEYS["nullable"], PARAMETER_KEYS["numeric_string"]
OPERATION_KEYS = {"name": (str, True), "id": (str, False), "summary": (str, True),
                  "description": (str, True), "method": (str, True), "path": (str, True),
                  "auth": (NodeList, False), "parameters": (NodeList, False),
                  "body": (NodeDict, False),
                  "rules": (NodeList, False), "response": (NodeDict, True),
                  "errors": (NodeList, False), "pagination": (NodeDict, False),
                  "examples": (NodeList, False)}
STATUS_KEYS = {"status": (int, True), "model": (str, True), "description": (str, True)}
# A nested type expression: `items: {type: array, items: string}`.
TYPE_KEYS = {"type": (str, True), "items": (object, False), "values": (object, False)}
BODY_KEYS = {"type": (str, True), "items": (object, False), "values": (object, False),
             "required": (bool, False), "content_type": (str, False), "cpp_name": (str, False),
             "description": (str, True)}
RESPONSE_KEYS = {"status": (int, True), "model": (str, False), "type": (str, False),
                 "items": (object, False), "values": (object, False), "headers": (NodeList, False),
                 "name": (str, False), "description": (str, True)}
RESPONSE_HEADER_KEYS = {"name": (str, True), "cpp_name": (str, False), "type": (str, True),
                        "description": (str, True), "discrepancy": (str, False)}
RULE_KEYS = {"all_or_none": (NodeList, False), "requires": (NodeDict, False),
             "description": (str, True)}
REQUIRES_KEYS = {"parameter": (str, True), "needs": (NodeList, True)}
PAGINATION_KEYS = {"kind": (str, True), "offset": (str, False), "limit": (str, False),
                   "page": (str, False), "first_page": (int, False),
                   "marker": (str, False), "next_marker": (str, False), "item_marker": (str, False),
                   "items": (str, True), "total": (str, False)}
# The keys each pagination kind needs, and those it may have, beside items and total.
PAGINATION_KINDS = {
    "offset": (("offset", "limit"), ()),
    "page": (("page", "limit"), ("first_page",)),
    "marker": (("marker", "next_marker"), ("limit",)),
    "item_marker": (("marker", "item_marker"), ("limit",)),
}
EXAMPLE_KEYS = {"name": (str, True), "description": (str, True), "request": (str, True),
                "status": (int, True), "body": (str, True)}
TOP_KEYS = {"service": (NodeDict, True), "enums": (NodeList, False),
            "models": (NodeList, False), "operations": (NodeList, True)}

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")
AUTH_SCHEMES = ("aksk", "token", "none")
LOCATIONS = ("path", "query", "header")
# The type a response without a body declares.
NO_BODY = "none"
# The type a response whose body is bytes (a file) declares.
BINARY_BODY = "binary"
# Methods whose requests carry no body (RFC 9110 gives a GET or HEAD body no meaning).
METHODS_WITHOUT_BODY = ("GET", "HEAD")
MULTIPART = "multipart/form-data"
FILE = "file"


def _media_type(content_type):
    """The media type of a Content-Type value, without parameters, in lower case."""
    return content_type.split(";")[0].strip().lower()
# Names the generated code declares itself in each service namespace, with what they are.
# A model, enum, operation or envelope of one of these names would collide with it.
GENERATED_NAMES = {
    "service": "the service descriptor",
    "api": "the operations facade (api.hpp)",
    "wire_fields": "the field tables of models and requests",
    "wire_names": "the wire spellings of enum values",
    "integer_wire": "the marker of integer enums",
    "examples": "the documented examples (examples.hpp)",
    "description": "the operation descriptions (docs.hpp)",
    "member_descriptions": "the request member descriptions (docs.hpp)",
    "operation_of": "the request -> operation mapping the client reads",
}
# Boost.Describe declares functions named boost_* in the namespace of each described type.
DESCRIBE_PREFIX = "boost_"
# The members of each operation descriptor: an operation of one of these names would be a
# struct with a member named like itself.
DESCRIPTOR_MEMBERS = ("service_type", "request_type", "response_type", "name", "id", "summary",
                      "method", "path", "auth", "request_payload", "request_content_type",
                      "success_status", "response_payload", "rules", "pagination", "errors")
# The members of the generated api class other than the operations' functions.
API_MEMBERS = ("client_",)
# What namespace `hwbind` declares itself (the runtime's namespaces and public names): a
# service's namespace `hwbind::<name>` must not collide with them. Generator tests check that
# the list covers what the headers declare (AwkwardNamesTest.test_runtime_names_are_reserved).
RUNTIME_NAMES = frozenset("""
    detail meta auth mock services codec transport client cli test tests tools bench fuzz
    paging_options ascii_lower ascii_to_lower equals_ignoring_case
    api_error_info auth_method client_options condition condition_category decode decode_warning
    decode_options default_chain_options diagnostics ecs_metadata_credential_provider
    ecs_metadata_options encode endpoint error error_category error_with_diagnostics
    header_field header_list host_header http_response item_range make_api_error
    make_error_code make_error_condition page_walker parse_api_error parse_endpoint
    parse_regions_yaml prepare_request prepared_request proxy_options read_response_headers
    region_overrides request_context request_event request_hook resolve_endpoint
    retry_options send tls_options to_string transport_options transport_stats url_scheme
    validate with_diagnostics with_diagnostics_t is_with_diagnostics decode_error_model
    body_sink callback_sink content_disposition_file_name download_info download_result
    download_sink download_to download_to_file file_sink is_download_sink_v sanitize_file_name
    file_part body_segment segmented_body unsigned_payload_header unsigned_payload encode_form
    form_boundary boundary_occurs_in
""".split())


class _Checker:
    def __init__(self, path):
        self.path = path
        self.errors = []

    def error(self, line, message):
        self.errors.append(SpecError(self.path, line, message))

    def mapping(self, value, line, schema, what):
        """Checks a mapping's keys and value kinds; returns it, or None when not a mapping."""
        if not isinstance(value, NodeDict):
            self.error(line, f"{what} must be a mapping, not {_kind_of(value)}")
            return None
        for key in value:
            if key not in schema:
                hint = difflib.get_close_matches(key, schema, n=1)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                self.error(value.line_of(key), f"unknown key '{key}' in {what}{suggestion}")
                continue
            kind = schema[key][0]
            if kind is not object and not _is_kind(value[key], kind):
                quote = " (quote it)" if kind is str and isinstance(value[key], (bool, int, float)) else ""
                self.error(value.line_of(key), f"'{key}' of {what} must be {_KIND_NAMES[kind]}, "
                                               f"not {_kind_of(value[key])}{quote}")
        for key, (_, required) in schema.items():
            if required and key not in value:
                self.error(value.line, f"{what} lacks required key '{key}'")
        return value

    def items(self, node, key, schema, what):
        """The mappings of the list `node[key]`, each checked against `schema`."""
        items = node.get(key) if isinstance(node, NodeDict) else None
        if not isinstance(items, NodeList):
            return []
        checked = []
        for index, item in enumerate(items):
            if self.mapping(item, items.line_of(index), schema, what) is not None:
                checked.append(item)
        return checked

    def strings(self, node, key, what):
        """The list of strings `node[key]`."""
        values = node.get(key)
        if not isinstance(values, NodeList):
            return []
        result = []
        for index, value in enumerate(values):
            if isinstance(value, str):
                result.append(value)
            else:
                self.error(values.line_of(index), f"{what} must be a string, not {_kind_of(value)}")
        return result


def _check_shape(checker, doc):
    checker.mapping(doc, 1, TOP_KEYS, "the spec")
    service = doc.get("service")
    if isinstance(service, NodeDict):
        checker.mapping(service, doc.line_of("service"), SERVICE_KEYS, "service")
        checker.items(service, "endpoints", ENDPOINT_KEYS, "an endpoint")
        checker.strings(service, "auth", "an auth scheme")
    for enum in checker.items(doc, "enums", ENUM_KEYS, "an enum"):
        checker.items(enum, "values", ENUM_VALUE_KEYS, "an enum value")
    for model in checker.items(doc, "models", MODEL_KEYS, "a model"):
        checker.items(model, "fields", FIELD_KEYS, "a field")
    for operation in checker.items(doc, "operations", OPERATION_KEYS, "an operation"):
        checker.strings(operation, "auth", "an auth scheme")
        checker.items(operation, "parameters", PARAMETER_KEYS, "a parameter")
        for rule in checker.items(operation, "rules", RULE_KEYS, "a rule"):
            if "all_or_none" in rule:
                checker.strings(rule, "all_or_none", "a parameter name")
            if isinstance(rule.get("requires"), NodeDict):
                checker.mapping(rule["requires"], rule.line_of("requires"), REQUIRES_KEYS,
                                "a requires rule")
                checker.strings(rule["requires"], "needs", "a parameter name")
        if isinstance(operation.get("body"), NodeDict):
            checker.mapping(operation["body"], operation.line_of("body"), BODY_KEYS, "a body")
        if isinstance(operation.get("response"), NodeDict):
            response = checker.mapping(operation["response"], operation.line_of("response"),
                                       RESPONSE_KEYS, "a response")
            if response is not None:
                checker.items(response, "headers", RESPONSE_HEADER_KEYS, "a response header")
        checker.items(operation, "errors", STATUS_KEYS, "an error")
        if isinstance(operation.get("pagination"), NodeDict):
            checker.mapping(operation["pagination"], operation.line_of("pagination"),
                            PAGINATION_KEYS, "pagination")
        checker.items(operation, "examples", EXAMPLE_KEYS, "an example")


class _Renamed:
    """A pagination node seen with `key` mapped to `text` (the rest of a `body.` path)."""

    def __init__(self, node, key, text):
        self._node, self._key, self._text = node, key, text

    def __getitem__(self, key):
        return self._text if key == self._key else self._node[key]

    def line_of(self, key):
        return self._node.line_of(key)


# ---- meaning checking ----------------------------------------------------------------------


class _Builder:
    """Builds the Spec from a document whose shape is known to be right, checking meaning."""

    def __init__(self, checker, doc, file_path):
        self.c = checker
        self.doc = doc
        self.file_path = file_path
        self.type_names = {}   # name -> "enum" or "model"
        self.cpp_names = {}    # every name of the service namespace -> line

    def name(self, value, line, what):
        problem = cpp.identifier_problem(value)
        if problem:
            self.c.error(line, f"{what} name {problem}")
            return False
        if value in GENERATED_NAMES:
            self.c.error(line, f"{what} name '{value}' is reserved: the generated code declares "
                               f"'{value}' in each service namespace ({GENERATED_NAMES[value]})")
            return False
        if value.startswith(DESCRIBE_PREFIX):
            self.c.error(line, f"{what} name '{value}' is reserved: names beginning with "
                               f"'{DESCRIBE_PREFIX}' are Boost.Describe's in each service namespace")
            return False
        if value in self.cpp_names:
            self.c.error(line, f"duplicate name '{value}' (first at line {self.cpp_names[value]})")
            return False
        self.cpp_names[value] = line
        return True

    def build(self):
        service = self.service(self.doc["service"])
        spec = Spec(path=self.c.path, service=service)
        for node in self.doc.get("enums") or []:
            spec.enums.append(self.enum(node))
        for node in self.doc.get("models") or []:
            if self.name(node["name"], node.line_of("name"), "model"):
                self.type_names[node["name"]] = "model"
        for node in self.doc.get("models") or []:
            spec.models.append(self.model(node))
        for node in self.doc.get("operations") or []:
            spec.operations.append(self.operation(node, spec))
        if not spec.operations:
            self.c.error(self.doc.line_of("operations"), "the spec has no operations")
        self.check_part_names(spec)
        self.check_forms(spec)
        return spec

    def check_forms(self, spec):
        """The type `file` is a part of a multipart form: a field of a model that is the body of a
        multipart/form-data operation, and nothing else; such a model's fields are each one part,
        a file or a scalar (text parts), and the model is used as a form only (JSON cannot hold a
        file)."""
        forms = {op.body.type.name for op in spec.operations if op.multipart and op.body is not None}
        for model in spec.models:
            for f in model.fields:
                t = f.type
                if model.name in forms:
                    if t.kind in ("array", "map", "model") or t.name == "any":
                        self.c.error(f.line, f"field '{f.wire_name}' of the {MULTIPART} form '{model.name}' "
                                             f"is '{t.describe()}': a form part is a file or a scalar "
                                             "(string, integer, bool, double, enum)")
                elif t.innermost.name == FILE and t.innermost.kind == "builtin":
                    self.c.error(f.line, f"field '{f.wire_name}' of model '{model.name}' is a file, but "
                                         f"'{model.name}' is not the body of a {MULTIPART} operation: "
                                         "files travel only as parts of a form")
                elif t.innermost.kind == "model" and t.innermost.name in forms:
                    self.c.error(f.line, f"field '{f.wire_name}' of model '{model.name}' holds the "
                                         f"{MULTIPART} form '{t.innermost.name}', which is no JSON value")
        for op in spec.operations:
            for member in op.parameters + op.response.headers:
                if member.type.name == FILE:
                    self.c.error(member.line, f"'{member.wire_name}' is a file: files travel only as parts "
                                              f"of a {MULTIPART} body")
            uses = [(op.response.body, op.response.line)]
            if not op.multipart and op.body is not None:
                uses.append((op.body.type, op.body.line))
            for t, line in uses:
                if t is None:
                    continue
                inner = t.innermost
                if inner.name == FILE or (inner.kind == "model" and inner.name in forms):
                    self.c.error(line, f"'{t.describe()}' is no JSON value: a file, or a model holding "
                                       f"files, is only the body of a {MULTIPART} operation")

    def check_part_names(self, spec):
        """A struct of more than MAX_DESCRIBED members inherits them from generated structs
        `NAME_part1`, `NAME_part2`...: those names must be free."""
        structs = [(m.name, m.line, len(m.fields), "model") for m in spec.models]
        for op in spec.operations:
            structs.append((op.request_name, op.line, len(op.request_members), "request struct"))
            if op.response.envelope:
                structs.append((op.response.envelope, op.line, len(op.response.envelope_members),
                                "response struct"))
        for name, line, count, what in structs:
            for part in part_names(name, count):
                if part in self.cpp_names:
                    self.c.error(line, f"the {what} '{name}' has {count} members, more than the "
                                       f"{MAX_DESCRIBED} Boost.Describe lists in one struct, so it inherits "
                                       f"them from generated structs named {name}_part1 and on; the name "
                                       f"'{part}' is taken (line {self.cpp_names[part]})")
                else:
                    self.cpp_names[part] = line

    def service(self, node):
        name, line = node["name"], node.line_of("name")
        if name in RUNTIME_NAMES:
            self.c.error(line, f"service name '{name}' is reserved: the runtime declares "
                               f"'hwbind::{name}', which the service's namespace would collide with")
        else:
            self.name(name, line, "service")
        endpoints = []
        for endpoint in node.get("endpoints") or []:
            self.url(endpoint["url"], endpoint.line_of("url"))
            endpoints.append((endpoint["region"], endpoint["url"]))
        template = node.get("endpoint_template")
        if template is not None:
            self.url(template, node.line_of("endpoint_template"))
            if "{region}" not in template:
                self.c.error(node.line_of("endpoint_template"),
                             "endpoint_template must contain '{region}'")
        if template is None and not endpoints:
            self.c.error(node.line, "service needs 'endpoint_template' or 'endpoints'")
        auth = self.auth(node, node.line)
        token_header = node.get("token_header")
        if "token" in auth and not token_header:
            self.c.error(node.line_of("auth"), "auth 'token' needs the service's 'token_header'")
        return Service(node.line, node["name"], node["title"], node.get("description"),
                       template, endpoints, auth, token_header)

    def url(self, value, line):
        if not re.match(r"https?://[^/\s]+\Z", value):
            self.c.error(line, f"'{value}' is not a base URL (scheme://host, no path)")

    def auth(self, node, default_line):
        schemes = node.get("auth")
        if schemes is None:
            return None
        result = []
        for index, scheme in enumerate(schemes):
            if scheme not in AUTH_SCHEMES:
                self.c.error(schemes.line_of(index),
                             f"unknown auth scheme '{scheme}' (expected one of {', '.join(AUTH_SCHEMES)})")
            elif scheme in result:
                self.c.error(schemes.line_of(index), f"auth scheme '{scheme}' listed twice")
            else:
                result.append(scheme)
        if not result and schemes is not None and not self.c.errors:
            self.c.error(node.line_of("auth"), "auth lists no scheme (use [none] for none)")
        return result

    def enum(self, node):
        name_ok = self.name(node["name"], node.line_of("name"), "enum")
        if name_ok:
            self.type_names[node["name"]] = "enum"
        value_type = node.get("type", "string")
        if value_type not in ENUM_TYPES:
            self.c.error(node.line_of("type"), f"unknown enum type '{value_type}' (expected one of "
                                               f"{', '.join(ENUM_TYPES)})")
        integer = value_type == "integer"
        values = []
        wires, cpp_names = {}, {}
        values_node = node["values"]
        if not values_node:
            self.c.error(node.line_of("values"), f"enum '{node['name']}' has no values")
        for index, item in enumerate(values_node):
            line = values_node.line_of(index)
            if not isinstance(item, NodeDict):
                continue
            wire = item["value"]
            if integer:
                if not _is_kind(wire, int) or not -(2**63) <= wire < 2**63:
                    self.c.error(line, f"a value of integer enum '{node['name']}' must be a 64-bit "
                                       f"integer, not {_kind_of(wire)}")
                    continue
                wire = str(wire)
            elif not isinstance(wire, str):
                quote = " (quote it, or give the enum 'type: integer')" if _is_kind(wire, int) else \
                        " (quote it)" if isinstance(wire, (bool, float)) else ""
                self.c.error(line, f"an enum value must be a string, not {_kind_of(wire)}{quote}")
                continue
            if not wire:
                self.c.error(line, "an enum value must not be empty")
                continue
            if wire in wires:
                self.c.error(line, f"duplicate enum value '{wire}' (first at line {wires[wire]})")
                continue
            wires[wire] = line
            cpp_name = item.get("cpp_name")
            if cpp_name is not None:
                problem = cpp.identifier_problem(cpp_name)
                if problem:
                    self.c.error(item.line_of("cpp_name"), f"enum value cpp_name {problem}")
                    continue
            else:
                cpp_name = cpp.map_wire_name(wire, lowercase=False)
                if cpp_name is None:
                    self.c.error(line, f"enum value '{wire}' has no usable C++ spelling; give cpp_name")
                    continue
            if cpp_name in cpp_names:
                self.c.error(line, f"enum value '{wire}' maps to the C++ name '{cpp_name}' of the value "
                                   f"at line {cpp_names[cpp_name]}; give cpp_name")
                continue
            cpp_names[cpp_name] = line
            values.append(EnumValue(line, wire, cpp_name, item.get("description")))
        return Enum(node.line, node["name"], node["description"], values, node.get("discrepancy"),
                    integer)

    def type_ref(self, node, key="type"):
        """The type `node[key]` names, with the `items` (array) or `values` (map) beside it."""
        return self.type_expr(node[key], node.line_of(key), node)

    def type_expr(self, type_name, line, node):
        """The type named `type_name`; `node` holds its `items` or `values`, each a type name
        or a nested `{type, items?, values?}` mapping (arrays of arrays, maps of arrays, ...)."""
        if not isinstance(type_name, str):
            self.c.error(line, f"a type must be a string, not {_kind_of(type_name)}")
            return None
        inner_key = {"array": "items", "map": "values"}.get(type_name)
        for key in ("items", "values"):
            if key in node and key != inner_key:
                self.c.error(node.line_of(key), f"'{key}' applies only to type "
                                                f"'{'array' if key == 'items' else 'map'}'")
        if inner_key is not None:
            if inner_key not in node:
                self.c.error(line, f"type '{type_name}' needs '{inner_key}'")
                return None
            inner = self.nested_type(node[inner_key], node.line_of(inner_key))
            return TypeRef(type_name, type_name, inner) if inner else None
        if type_name == NO_BODY:
            self.c.error(line, f"'{NO_BODY}' is the type of an empty response body only")
            return None
        if type_name == BINARY_BODY:
            self.c.error(line, f"'{BINARY_BODY}' is the type of a binary (file) response body only")
            return None
        if type_name in cpp.BUILTIN_TYPES:
            return TypeRef("builtin", type_name)
        kind = self.type_names.get(type_name)
        if kind is None:
            known = list(cpp.BUILTIN_TYPES) + ["array", "map"] + list(self.type_names)
            hint = difflib.get_close_matches(type_name, known, n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            self.c.error(line, f"undefined type '{type_name}'{suggestion}")
            return None
        return TypeRef(kind, type_name)

    def nested_type(self, value, line):
        """An `items` or `values` entry: a type name, or a `{type, items?, values?}` mapping."""
        if isinstance(value, str):
            if value in ("array", "map"):
                inner = "items" if value == "array" else "values"
                self.c.error(line, f"write a nested {value} as a mapping: {{type: {value}, {inner}: ...}}")
                return None
            empty = NodeDict()
            empty.line = line
            return self.type_expr(value, line, empty)
        node = self.c.mapping(value, line, TYPE_KEYS, "a nested type")
        if node is None or "type" not in node:
            return None
        return self.type_ref(node)

    def model(self, node):
        fields = self.fields(node["fields"], f"model '{node['name']}'", parameters=False)
        return Model(node.line, node["name"], node.get("title"), node["description"], fields)

    def fields(self, nodes, owner, parameters, lowercase=False):
        """The fields `nodes` describe. With `lowercase`, C++ names default to the wire name
        in lower case (response headers: `Location` -> `location`)."""
        result, wires, cpp_names = [], {}, {}
        for index, node in enumerate(nodes or []):
            if not isinstance(node, NodeDict):
                continue
            line = nodes.line_of(index)
            wire = node["name"]
            if not wire:
                self.c.error(line, "a field name must not be empty")
                continue
            if wire in wires:
                self.c.error(line, f"duplicate field '{wire}' in {owner} (first at line {wires[wire]})")
                continue
            wires[wire] = line
            if "cpp_name" in node:
                cpp_name = node["cpp_name"]
                problem = cpp.identifier_problem(cpp_name)
                if problem:
                    self.c.error(node.line_of("cpp_name"), f"cpp_name {problem}")
                    continue
            else:
                cpp_name = cpp.map_wire_name(wire.lower() if lowercase else wire, lowercase=True)
                if cpp_name is None:
                    self.c.error(line, f"field '{wire}' has no usable C++ spelling; give cpp_name")
                    continue
            if cpp_name in cpp_names:
                self.c.error(line, f"field '{wire}' maps to the C++ member '{cpp_name}' of the field "
                                   f"at line {cpp_names[cpp_name]}; give cpp_name")
                continue
            cpp_names[cpp_name] = line
            type_ref = self.type_ref(node)
            if type_ref is None:
                continue
            if parameters and type_ref.holds("loose_time"):
                self.c.error(node.line_of("type"), "type loose_time applies to the fields of models, not to parameters")
                continue
            f = Field(line, wire, cpp_name, type_ref, node["description"],
                      location=node.get("in", "body"), required=node.get("required", False),
                      nullable=node.get("nullable", False),
                      numeric_string=node.get("numeric_string", False),
                      default=node.get("default"), minimum=node.get("minimum"),
                      maximum=node.get("maximum"), min_length=node.get("min_length"),
                      max_length=node.get("max_length"), pattern=node.get("pattern"),
                      context=node.get("context"), discrepancy=node.get("discrepancy"),
                      format=node.get("format"))
            if parameters and f.location not in LOCATIONS:
                self.c.error(node.line_of("in"),
                             f"'in' must be one of {', '.join(LOCATIONS)}, not '{f.location}'")
                continue
            self.constraints(f, node)
            result.append(f)
        return result

    def constraints(self, f, node):
        t = f.type
        limits = cpp.INTEGER_LIMITS.get(t.name) if t.kind == "builtin" else None
        for key in ("minimum", "maximum"):
            if key in node and not t.is_integer:
                self.c.error(node.line_of(key), f"'{key}' applies to integer types, not '{t.name}'")
            elif key in node and not limits[0] <= node[key] <= limits[1]:
                self.c.error(node.line_of(key), f"{key} {node[key]} does not fit in {t.name}")
        if f.minimum is not None and f.maximum is not None and f.minimum > f.maximum:
            self.c.error(node.line_of("maximum"),
                         f"impossible range: minimum {f.minimum} > maximum {f.maximum}")
        if f.format is not None:
            holds = TIME_FORMATS.get(f.format)
            if holds is None:
                self.c.error(node.line_of("format"), f"format must be one of {', '.join(TIME_FORMATS)}, "
                                                     f"not '{f.format}'")
            elif (holds == "integer" and not t.is_integer) or (holds == "string" and not t.is_string):
                self.c.error(node.line_of("format"), f"format {f.format} applies to {holds} types, not '{t.name}'")
        for key in ("min_length", "max_length", "pattern"):
            if key in node and not t.is_string:
                self.c.error(node.line_of(key), f"'{key}' applies to strings, not '{t.name}'")
        for key in ("min_length", "max_length"):
            if isinstance(node.get(key), int) and node[key] < 0:
                self.c.error(node.line_of(key), f"{key} must not be negative")
        if f.min_length is not None and f.max_length is not None and f.min_length > f.max_length:
            self.c.error(node.line_of("max_length"),
                         f"impossible length: min_length {f.min_length} > max_length {f.max_length}")
        if isinstance(f.pattern, str):
            why = pattern.subset_error(f.pattern)
            if why is not None:
                self.c.error(node.line_of("pattern"), f"pattern outside the supported regular expression subset "
                                                      f"(spec/README.md): {why}")
        if f.numeric_string and not t.is_integer:
            self.c.error(node.line_of("numeric_string"), "'numeric_string' applies to integer types")
        if f.context is not None and not f.context:
            self.c.error(node.line_of("context"), "'context' must name a context value")
        if "default" in node:
            self.default(f, node)

    def default(self, f, node):
        value, t, line = f.default, f.type, node.line_of("default")
        if t.kind == "enum":
            enum_values = [v.wire for v in self.enum_values(t.name)]
            if value not in enum_values:
                self.c.error(line, f"default '{value}' is not a value of enum '{t.name}' "
                                   f"({', '.join(enum_values)})")
        elif t.is_integer:
            if not _is_kind(value, int):
                self.c.error(line, f"default of an {t.name} must be an integer, not {_kind_of(value)}")
            elif (f.minimum is not None and value < f.minimum) or \
                    (f.maximum is not None and value > f.maximum):
                self.c.error(line, f"default {value} is outside the range of the field")
        elif t.name == "bool" and not isinstance(value, bool):
            self.c.error(line, f"default of a bool must be true or false, not {_kind_of(value)}")
        elif t.is_string and not isinstance(value, str):
            self.c.error(line, f"default of a string must be a string, not {_kind_of(value)}")
        elif t.kind in ("model", "array", "map") or t.name in ("any", "loose_time"):
            self.c.error(line, f"a default applies to scalar types, not '{t.name}'")

    def enum_values(self, name):
        for node in self.doc.get("enums") or []:
            if node.get("name") == name:
                return [EnumValue(0, v["value"], "", None) for v in node["values"]
                        if isinstance(v, NodeDict)]
        return []

    def operation(self, node, spec):
        name = node["name"]
        if name in DESCRIPTOR_MEMBERS or name in API_MEMBERS:
            where = "operation descriptor" if name in DESCRIPTOR_MEMBERS else "generated api class"
            self.c.error(node.line_of("name"), f"operation name '{name}' is reserved: it is a member "
                                               f"of each {where}")
        elif self.name(name, node.line_of("name"), "operation"):
            self.name(f"{name}_request", node.line_of("name"), "request struct")
        method = node["method"]
        if method not in METHODS:
            self.c.error(node.line_of("method"),
                         f"unknown method '{method}' (expected one of {', '.join(METHODS)})")
        auth = self.auth(node, node.line)
        if auth is None:
            auth = spec.service.auth
        if "token" in auth and not spec.service.token_header:
            self.c.error(node.line_of("auth"), "auth 'token' needs the service's 'token_header'")
        parameters = self.fields(node.get("parameters"), f"operation '{name}'", parameters=True)
        self.path_template(node, parameters)
        body, content_type = self.body(node, parameters) if "body" in node else (None, None)
        op = Operation(node.line, name, node.get("id"), node["summary"], node["description"],
                       method, node["path"], auth, parameters, body, content_type, [],
                       self.response(node["response"], name),
                       [self.status(e, spec) for e in node.get("errors") or []], None, [])
        seen_status = {op.response.status: op.response.line}
        for error in op.errors:
            if error.status in seen_status:
                self.c.error(error.line, f"status {error.status} is described twice "
                                         f"(first at line {seen_status[error.status]})")
            seen_status[error.status] = error.line
        for index, rule in enumerate(node.get("rules") or []):
            op.rules.append(self.rule(rule, node["rules"].line_of(index), op))
        if "pagination" in node:
            op.pagination = self.pagination(node["pagination"], op, spec)
        for example in node.get("examples") or []:
            op.examples.append(self.example(example))
        return op

    def body(self, op_node, parameters):
        """The request body of an operation: a member named `body` (or `cpp_name`) of its
        request struct, optional unless `required`."""
        node, line = op_node["body"], op_node.line_of("body")
        if op_node["method"] in METHODS_WITHOUT_BODY:
            self.c.error(line, f"a {op_node['method']} request has no body (RFC 9110 gives it no meaning); "
                               "send the values as query parameters")
        content_type = node.get("content_type", "application/json")
        media_type = _media_type(content_type)
        if media_type != "application/json" and not media_type.endswith("+json") and media_type != MULTIPART:
            self.c.error(node.line_of("content_type"), f"content type '{content_type}' is neither JSON nor "
                                                       f"{MULTIPART}: request bodies are JSON (application/json "
                                                       f"or */*+json) or forms ({MULTIPART})")
        cpp_name = node.get("cpp_name", "body")
        problem = cpp.identifier_problem(cpp_name)
        if problem:
            self.c.error(node.line_of("cpp_name"), f"cpp_name {problem}")
            return None, None
        clash = next((p for p in parameters if p.cpp_name == cpp_name), None)
        if clash is not None:
            self.c.error(line, f"the body's member '{cpp_name}' is also the C++ name of parameter "
                               f"'{clash.wire_name}' (line {clash.line}); give the body a cpp_name")
            return None, None
        type_ref = self.type_ref(node)
        if type_ref is None:
            return None, None
        if media_type == MULTIPART and type_ref.kind != "model":
            self.c.error(node.line_of("type"), f"a {MULTIPART} body is a model whose fields are the form's "
                                               f"parts, not '{type_ref.describe()}'")
            return None, None
        return Field(line, "body", cpp_name, type_ref, node["description"], location="content",
                     required=node.get("required", False)), content_type

    def response(self, node, op_name):
        """The success response: its status, its body's type (or none) and its headers."""
        status, line = node["status"], node.line_of("status")
        if not 200 <= status <= 299:
            self.c.error(line, f"the success status must be a 2xx status, not {status}")
        kinds = [k for k in ("model", "type") if k in node]
        if len(kinds) != 1:
            self.c.error(node.line, "a response has exactly one of 'model' (an object body) and 'type' "
                                    f"(any body type, or '{NO_BODY}' for none)")
            return Response(node.line, status, node["description"], None, [], None)
        key = kinds[0]
        body = None
        binary = key == "type" and node[key] == BINARY_BODY
        if key == "model" and node[key] not in self.type_names and \
                node[key] not in list(cpp.BUILTIN_TYPES) + ["array", "map", NO_BODY, BINARY_BODY]:
            self.c.error(node.line_of(key), f"undefined model '{node[key]}'")
        elif binary:
            pass  # no C++ type: the body goes to the sink the caller gives
        elif node[key] != NO_BODY and not (key == "model" and node[key] == BINARY_BODY):
            body = self.type_ref(node, key)
            if key == "model" and body is not None and body.kind != "model":
                self.c.error(node.line_of(key), f"'{node[key]}' is an enum, not a model" if body.kind == "enum"
                             else f"'model' names a model; write 'type: {node[key]}'")
        elif key == "model" and node[key] == BINARY_BODY:
            self.c.error(node.line_of(key), f"a binary response is written 'type: {BINARY_BODY}'")
        elif key == "model":
            self.c.error(node.line_of(key), f"an empty response is written 'type: {NO_BODY}'")
        headers = self.fields(node.get("headers"), f"the response of '{op_name}'", parameters=False,
                              lowercase=True)
        for h in headers:
            h.location = "header"
            if h.type.kind not in ("builtin", "enum") or h.type.name in ("any", "loose_time"):
                self.c.error(h.line, f"response header '{h.wire_name}' must be a scalar or an enum, "
                                     f"not '{h.type.describe()}'")
        envelope = None
        if body is None or body.kind != "model" or headers:
            envelope = node.get("name", f"{op_name}_response")
            line = node.line_of("name") if "name" in node else node.line
            if envelope in self.cpp_names:
                self.c.error(line, f"the response of '{op_name}' has headers or a body that is not an "
                                   f"object, so its C++ type is a generated struct '{envelope}'; that name "
                                   f"is taken (line {self.cpp_names[envelope]}): set the response's 'name'")
            else:
                self.name(envelope, line, "response struct")
            taken = {"body"} if body is not None else set()
            for h in headers:
                if h.cpp_name in taken:
                    self.c.error(h.line, f"response header '{h.wire_name}' maps to the member "
                                         f"'{h.cpp_name}' of the response's body; give cpp_name")
        elif "name" in node:
            self.c.error(node.line_of("name"), "'name' names a generated envelope, which a response "
                                               "with an object body and no headers does not have")
        return Response(node.line, status, node["description"], body, headers, envelope, binary)

    def path_template(self, node, parameters):
        path, line = node["path"], node.line_of("path")
        if not path.startswith("/"):
            self.c.error(line, f"path '{path}' must start with '/'")
        placeholders = re.findall(r"\{([^{}]*)\}", path)
        if re.sub(r"\{[^{}]*\}", "", path).count("{") or re.sub(r"\{[^{}]*\}", "", path).count("}"):
            self.c.error(line, f"unbalanced braces in path '{path}'")
        path_parameters = {p.wire_name: p for p in parameters if p.location == "path"}
        for placeholder in placeholders:
            if placeholder not in path_parameters:
                self.c.error(line, f"path placeholder '{{{placeholder}}}' has no path parameter")
        for wire, p in path_parameters.items():
            if wire not in placeholders:
                self.c.error(p.line, f"path parameter '{wire}' does not appear in the path")
            if not p.required:
                self.c.error(p.line, f"path parameter '{wire}' must be required")

    def status(self, node, spec):
        status, line = node["status"], node.line_of("status")
        if not 100 <= status <= 599:
            self.c.error(line, f"{status} is not an HTTP status")
        model = node["model"]
        if spec.model(model) is None:
            kind = self.type_names.get(model)
            what = f"'{model}' is an enum, not a model" if kind == "enum" else f"undefined model '{model}'"
            self.c.error(node.line_of("model"), what)
        return StatusModel(node.line, status, model, node["description"])

    def parameter_ref(self, op, wire, line, what):
        p = op.parameter(wire)
        if p is None:
            self.c.error(line, f"{what} names undefined parameter '{wire}' of operation '{op.name}'")
        return p

    def rule(self, node, line, op):
        kinds = [k for k in ("all_or_none", "requires") if k in node]
        if len(kinds) != 1:
            self.c.error(line, "a rule has exactly one of 'all_or_none' and 'requires'")
            return None
        if kinds[0] == "all_or_none":
            names = list(node["all_or_none"])
            if len(names) < 2:
                self.c.error(node.line_of("all_or_none"), "all_or_none needs at least two parameters")
        else:
            names = [node["requires"]["parameter"]] + list(node["requires"]["needs"])
            if len(names) < 2:
                self.c.error(node.line_of("requires"), "requires needs at least one parameter in 'needs'")
        if len(set(names)) != len(names):
            self.c.error(line, "a rule names the same parameter twice")
        for name in names:
            p = self.parameter_ref(op, name, node.line_of(kinds[0]), "rule")
            if p is not None and p.required:
                self.c.error(node.line_of(kinds[0]),
                             f"rule names required parameter '{name}'; rules relate optional ones")
        return Rule(line, kinds[0], names, node["description"])

    def pagination(self, node, op, spec):
        kind = node["kind"]
        if kind not in PAGINATION_KINDS:
            self.c.error(node.line_of("kind"), f"unknown pagination kind '{kind}' "
                                               "(expected offset, page, marker or item_marker)")
            return None
        needed, optional = PAGINATION_KINDS[kind]
        ok = True
        for key in ("offset", "limit", "page", "first_page", "marker", "next_marker", "item_marker"):
            if key in node and key not in needed + optional:
                self.c.error(node.line_of(key), f"'{key}' does not apply to {kind} pagination")
                ok = False
        for key in needed:
            if key not in node:
                self.c.error(node.line, f"{kind} pagination needs '{key}'")
                ok = False
        if not ok:
            return None
        if "first_page" in node and node["first_page"] not in (0, 1):
            self.c.error(node.line_of("first_page"), "first_page must be 0 or 1")
        response = op.response
        if response.binary:
            self.c.error(node.line, "a binary response has no pages: pagination needs a JSON body")
            return None
        if response.envelope is None and response.body_model is None:
            self.c.error(node.line, "pagination needs a response whose body is a model, or an envelope")
            return None
        members = {}
        numbers = {"offset": "an integer or a string", "limit": "an integer or a string",
                   "page": "an integer or a string"}
        for key in ("offset", "limit", "page", "marker"):
            if key not in node:
                continue
            found = self.request_path(op, spec, node, key)
            if found is None:
                continue
            path, f = found
            scalar = f.type.is_integer or f.type.is_string
            if not scalar:
                what = numbers.get(key, "a string or an integer")
                self.c.error(node.line_of(key), f"pagination {key} '{node[key]}' must be {what}, "
                                                f"not {f.type.describe()}")
            members[key] = path
        items = self.response_path(op, spec, node, "items")
        if items is not None:
            path, f = items
            if f.type.kind != "array":
                self.c.error(node.line_of("items"), f"pagination items '{f.wire_name}' must be an array")
            else:
                members["items"] = path
        if "next_marker" in node:
            found = self.response_path(op, spec, node, "next_marker")
            if found is not None:
                if not (found[1].type.is_string or found[1].type.is_integer):
                    self.c.error(node.line_of("next_marker"),
                                 f"next_marker '{found[1].wire_name}' must be a string or an integer")
                members["next_marker"] = found[0]
        if "total" in node:
            found = self.response_path(op, spec, node, "total")
            if found is not None:
                if not found[1].type.is_integer:
                    self.c.error(node.line_of("total"), f"pagination total '{found[1].wire_name}' must be an integer")
                members["total"] = found[0]
        if "item_marker" in node and items is not None and items[1].type.kind == "array":
            element = items[1].type.items
            if element.kind != "model":
                self.c.error(node.line_of("item_marker"),
                             f"item_marker needs items that are models, not {element.describe()}")
            else:
                model = spec.model(element.name)
                found = self.model_path(spec, model.name, model.fields, node, "item_marker")
                if found is not None:
                    if not (found[1].type.is_string or found[1].type.is_integer):
                        self.c.error(node.line_of("item_marker"),
                                     f"item_marker '{node['item_marker']}' must be a string or an integer")
                    members["item_marker"] = found[0]
        return Pagination(node.line, kind, members, node.get("first_page", 1))

    def model_path(self, spec, owner, fields, node, key):
        """Follows the dotted wire names of `node[key]` from the fields `fields` of the C++
        type `owner` through model fields (optional ones too): `([(owner, member)], last
        field)`, or None after an error."""
        steps = node[key].split(".")
        path = []
        f = None
        for index, step in enumerate(steps):
            f = next((candidate for candidate in fields if candidate.wire_name == step), None)
            if f is None:
                self.c.error(node.line_of(key), f"pagination {key} names undefined field '{step}' of '{owner}'")
                return None
            path.append((owner, f.cpp_name))
            if index + 1 < len(steps):
                if f.type.kind != "model":
                    self.c.error(node.line_of(key), f"pagination {key} '{node[key]}': '{step}' is "
                                                    f"{f.type.describe()}, not a model")
                    return None
                inner = spec.model(f.type.name)
                owner, fields = inner.name, inner.fields
        return path, f

    def response_path(self, op, spec, node, key):
        response = op.response
        if response.envelope:
            return self.model_path(spec, response.envelope, response.envelope_members, node, key)
        model = spec.model(response.body_model)
        return self.model_path(spec, model.name, model.fields, node, key)

    def request_path(self, op, spec, node, key):
        """A parameter's wire name, or `body.<field>...` for a member of the body model."""
        text = node[key]
        if "." in text and text.split(".", 1)[0] == "body":
            body = op.body
            if body is None or body.type.kind != "model":
                self.c.error(node.line_of(key), f"pagination {key} '{text}' needs a request body that is a model")
                return None
            rest = text.split(".", 1)[1]
            sub = _Renamed(node, key, rest)
            model = spec.model(body.type.name)
            found = self.model_path(spec, model.name, model.fields, sub, key)
            if found is None:
                return None
            return [(op.request_name, body.cpp_name)] + found[0], found[1]
        p = self.parameter_ref(op, text, node.line_of(key), "pagination")
        if p is None:
            return None
        if p.location != "query":
            self.c.error(node.line_of(key), f"pagination {key} '{p.wire_name}' must be a query parameter "
                                            f"or a member of the body (body.<field>)")
            return None
        return [(op.request_name, p.cpp_name)], p

    def example(self, node):
        body = node["body"]
        full = os.path.join(os.path.dirname(self.file_path), body)
        text = ""
        try:
            with open(full, encoding="utf-8") as stream:
                text = stream.read().rstrip("\n")
            json.loads(text)
        except OSError:
            self.c.error(node.line_of("body"), f"example body '{body}' cannot be read")
        except ValueError as e:
            self.c.error(node.line_of("body"), f"example body '{body}' is not JSON: {e}")
        if ")json\"" in text:
            self.c.error(node.line_of("body"), f"example body '{body}' contains ')json\"', which ends "
                                               "the raw string literal it is generated into")
        return Example(node.line, node["name"], node["description"], node["request"],
                       node["status"], body, text)


def read_spec(file_path, display_path):
    """Reads and checks the spec at `file_path`; raises SpecErrors."""
    try:
        doc = load(file_path, display_path)
    except SpecError as e:
        raise SpecErrors([e]) from None
    checker = _Checker(display_path)
    _check_shape(checker, doc)
    if checker.errors:
        raise SpecErrors(checker.errors)
    spec = _Builder(checker, doc, file_path).build()
    if checker.errors:
        raise SpecErrors(checker.errors)
    spec.models_in_declaration_order()
    return spec

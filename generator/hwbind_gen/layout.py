"""Which generated header holds which type, and what each header includes.

A program pays at compile time for the headers it includes, so a service's bindings are split
finely: one header per enumeration (`<service>/enums/<enum>.hpp`), one per group of models
(`<service>/models/<first model>.hpp`) and one per operation
(`<service>/operations/<operation>.hpp`: its request, response envelope and descriptor). Each
includes only the headers of the types it names, so a program that uses one operation of a
service of hundreds compiles that operation's types and no others. The umbrella headers
(`<service>/models.hpp`, `<service>/operations.hpp`, `<service>.hpp`) include them all.

A group of models is one model, unless models refer to each other in a cycle (through arrays,
which may hold an incomplete type): the models of a cycle cannot include each other's header,
so they share one, in declaration order, declared ahead where one refers to a later one.

Names that differ only in case (`Status`, `status`) would be one file on a case-insensitive
file system and one include guard: the later one's file is `<name>__2.hpp` (no generated name
holds `__`, which C++ reserves).
"""

from dataclasses import dataclass, field as dc_field
from typing import List


@dataclass
class ModelGroup:
    name: str                 # the header's name: its first model in declaration order
    models: list              # spec.Model, in declaration order
    forward_declared: List[str] = dc_field(default_factory=list)  # declared ahead, in the group
    includes: List[str] = dc_field(default_factory=list)          # headers of the types it names


def _named(fields):
    """The (kind, name) of the enums and models the types of `fields` name, at any depth, in
    order of first mention."""
    seen = []
    for f in fields:
        t = f.type.innermost
        if t.kind in ("enum", "model") and (t.kind, t.name) not in seen:
            seen.append((t.kind, t.name))
    return seen


def _file_stems(names):
    """{name: file stem}, unique ignoring case."""
    stems, taken = {}, {}
    for name in names:
        count = taken.get(name.lower(), 0) + 1
        taken[name.lower()] = count
        stems[name] = name if count == 1 else f"{name}__{count}"
    return stems


def _strongly_connected(names, edges):
    """Tarjan's algorithm: the strongly connected components of the graph `edges` (name ->
    names), each a set."""
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def visit(node):
        # Iterative, so that a long chain of nested models cannot exhaust Python's recursion.
        work = [(node, iter(edges[node]))]
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        while work:
            current, successors = work[-1]
            advanced = False
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(edges[successor])))
                    advanced = True
                    break
                if successor in on_stack:
                    low[current] = min(low[current], index[successor])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[current])
            if low[current] == index[current]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == current:
                        break
                components.append(component)

    for name in names:
        if name not in index:
            visit(name)
    return components


class Layout:
    """The headers of one service's types and operations, as include paths under `prefix`."""

    def __init__(self, spec, prefix):
        self.spec = spec
        self.base = f"{prefix}/{spec.service.name}"
        ordered = spec.models_in_declaration_order()
        position = {m.name: i for i, m in enumerate(ordered)}
        edges = {m.name: [name for kind, name in _named(m.fields) if kind == "model"] for m in ordered}
        components = _strongly_connected([m.name for m in ordered], edges)
        components.sort(key=lambda c: min(position[name] for name in c))
        self.group_of = {}
        self.groups = []
        for component in components:
            models = [m for m in ordered if m.name in component]
            group = ModelGroup(models[0].name, models)
            self.groups.append(group)
            for m in models:
                self.group_of[m.name] = group
        self.enum_stems = _file_stems(e.name for e in spec.enums)
        self.group_stems = _file_stems(g.name for g in self.groups)
        self.operation_stems = _file_stems(op.name for op in spec.operations)
        for group in self.groups:
            in_group = {m.name: i for i, m in enumerate(group.models)}
            ahead = set()
            for i, m in enumerate(group.models):
                ahead.update(name for kind, name in _named(m.fields)
                             if kind == "model" and in_group.get(name, -1) > i)
            group.forward_declared = [m.name for m in group.models if m.name in ahead]
            group.includes = self.includes_of([f for m in group.models for f in m.fields], group)

    def enum_header(self, name):
        return f"{self.base}/enums/{self.enum_stems[name]}.hpp"

    def group_header(self, group):
        return f"{self.base}/models/{self.group_stems[group.name]}.hpp"

    def operation_header(self, op):
        return f"{self.base}/operations/{self.operation_stems[op.name]}.hpp"

    @property
    def service_header(self):
        return f"{self.base}/service.hpp"

    def includes_of(self, fields, within=None, models=()):
        """The headers of the types `fields` name and of the `models` named besides, leaving out
        the group `within` (the header being written)."""
        named = _named(fields) + [("model", name) for name in models]
        headers = []
        for kind, name in named:
            if kind == "enum":
                header = self.enum_header(name)
            elif self.group_of[name] is within:
                continue
            else:
                header = self.group_header(self.group_of[name])
            if header not in headers:
                headers.append(header)
        return headers

    def operation_includes(self, op):
        """The headers an operation's header includes: the types of its request, its response
        and its error bodies (an error body that is the envelope of the response is in the
        operation's own header)."""
        fields = op.request_members + (op.response.envelope_members if op.response.envelope else [])
        models = [op.response.model] if not op.response.envelope else []
        models += [e.model for e in op.errors if e.model in self.group_of]
        return self.includes_of(fields, models=models)

    def files(self):
        """{include path: (template, extra context)} of the service's split headers."""
        out = {}
        for enum in self.spec.enums:
            out[self.enum_header(enum.name)] = ("enum.hpp.j2", dict(enum=enum))
        for group in self.groups:
            out[self.group_header(group)] = ("model_group.hpp.j2", dict(group=group))
        for op in self.spec.operations:
            out[self.operation_header(op)] = ("operation.hpp.j2", dict(op=op, includes=self.operation_includes(op)))
        return out

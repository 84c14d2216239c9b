#!/usr/bin/env python3
"""Checks the layering of include/hwbind by reading its #include lines.

Each header belongs to a layer; a header may include headers of its own layer and of layers
below it, never of a layer above it or of a sibling layer, and no two headers may include each
other (directly or through others). The layers, lowest first:

    meta        hwbind/meta/, hwbind/meta.hpp: the vocabulary of generated code
    floor       hwbind/runtime/error.hpp, config.hpp: errors and build configuration
    services    hwbind/services/: generated bindings (data only, no HTTP)
    codec       hwbind/runtime/codec/: request building, validation, JSON (sans I/O)
    auth        hwbind/runtime/auth/: credentials and signing (over the codec's request)
    transport   hwbind/runtime/transport/: HTTP over TCP/TLS (over the codec's request)
    client      hwbind/runtime/client/: calls, retries, pagination, endpoints
    calls       hwbind/services/<service>/calls.hpp, src.hpp: a service's operations' code
                compiled once (HWBIND_SEPARATE_BINDINGS), over its bindings and the client
    mock        hwbind/mock/: the mock server (a tool over the codec and auth)
    umbrella    hwbind.hpp, hwbind/src.hpp

An `impl/*.ipp` file includes the header that includes it (the Boost pattern for separate
compilation); that edge is not a cycle.

    check_layers.py [INCLUDE_DIR]     exit 1 and list each violation
"""

import fnmatch
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"](hwbind[^>"]*)[>"]')

LAYERS = [  # (name, level, path prefixes)
    ("meta", 0, ("hwbind/meta/", "hwbind/meta.hpp")),
    ("floor", 1, ("hwbind/runtime/error.hpp", "hwbind/runtime/config.hpp")),
    ("services", 2, ("hwbind/services/",)),
    ("codec", 2, ("hwbind/runtime/codec/",)),
    ("auth", 3, ("hwbind/runtime/auth/",)),
    ("transport", 3, ("hwbind/runtime/transport/",)),
    ("client", 4, ("hwbind/runtime/client/",)),
    ("calls", 5, ("hwbind/services/*/calls.hpp", "hwbind/services/*/src.hpp")),
    ("mock", 5, ("hwbind/mock/",)),
    ("umbrella", 6, ("hwbind.hpp", "hwbind/src.hpp")),
]


def matches(path, pattern):
    """Whether `path` is the file `pattern` names (with `*` for one folder) or lies under the
    folder it names (ending in `/`)."""
    if pattern.endswith("/"):
        return path.startswith(pattern)
    return fnmatch.fnmatchcase(path, pattern) and path.count("/") == pattern.count("/")


def layer_of(path):
    # The layer of the most specific pattern: a service's calls.hpp also lies under services/.
    found = [(len(p), name, level) for name, level, patterns in LAYERS for p in patterns if matches(path, p)]
    if not found:
        return None, None
    _, name, level = max(found)
    return name, level


def read_graph(root):
    graph = {}
    for folder, _, names in os.walk(root):
        for name in names:
            if not name.endswith((".hpp", ".ipp")):
                continue
            full = os.path.join(folder, name)
            path = os.path.relpath(full, root).replace(os.sep, "/")
            with open(full, encoding="utf-8") as stream:
                graph[path] = [m.group(1) for m in map(INCLUDE.match, stream) if m]
    return graph


def violations(graph):
    out = []
    for path, includes in sorted(graph.items()):
        layer, level = layer_of(path)
        if layer is None:
            out.append(f"{path}: in no layer; add its folder to tests/check_layers.py")
            continue
        for target in includes:
            if target not in graph:
                out.append(f"{path}: includes {target}, which does not exist")
                continue
            other, other_level = layer_of(target)
            if other is None or other == layer:
                continue
            if other_level >= level:
                out.append(f"{path} ({layer}) includes {target} ({other}): not a layer below")
    # Cycles: a depth-first search over the include edges, .ipp -> own header edges left out.
    edges = {p: [t for t in inc if t in graph and not (p.endswith(".ipp") and p in graph.get(t, []))]
             for p, inc in graph.items()}
    state = {}
    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for nxt in edges[node]:
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                out.append("include cycle: " + " -> ".join(cycle))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2
    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    return out


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "include")
    found = violations(read_graph(root))
    for line in found:
        print(line, file=sys.stderr)
    print(f"{len(found)} layering violations" if found else "layering: no upward include, no cycle")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

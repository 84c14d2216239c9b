"""YAML loading that remembers where every value came from.

PyYAML's safe loader returns plain dicts and lists, which lose line numbers; the validator
needs them for `file:line: message` errors. This loader returns `Node` dicts and lists that
carry the line of the collection and of each key or item, and rejects duplicate keys, which
PyYAML would otherwise silently resolve to the last one.

The base is libyaml's `CSafeLoader` when PyYAML was built with it (about 5 times as fast on
these specs); its nodes carry the same marks, so lines are the same. Without libyaml it is
the pure-Python `SafeLoader`.
"""

import yaml

from .errors import SpecError


class NodeDict(dict):
    """A mapping with the line of the mapping and the line of each key."""

    line = 0

    def __init__(self):
        super().__init__()
        self.key_lines = {}

    def line_of(self, key):
        return self.key_lines.get(key, self.line)


class NodeList(list):
    """A sequence with the line of the sequence and of each item."""

    line = 0

    def __init__(self):
        super().__init__()
        self.item_lines = []

    def line_of(self, index):
        return self.item_lines[index] if index < len(self.item_lines) else self.line


_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BASE_LOADER):
    """SafeLoader (libyaml's when available) whose mappings and sequences are NodeDict and
    NodeList."""

    def __init__(self, stream, path):
        super().__init__(stream)
        self._path = path

    def construct_node_mapping(self, node):
        result = NodeDict()
        result.line = node.start_mark.line + 1
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise SpecError(self._path, line, f"mapping key {key!r} is not a string")
            if key in result:
                raise SpecError(self._path, line,
                                f"duplicate key '{key}' (first at line {result.key_lines[key]})")
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def construct_node_sequence(self, node):
        result = NodeList()
        result.line = node.start_mark.line + 1
        for item in node.value:
            result.append(self.construct_object(item, deep=True))
            result.item_lines.append(item.start_mark.line + 1)
        return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_node_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_node_sequence)


def load(path, display_path):
    """Loads the YAML file at `path`; errors name it `display_path`."""
    try:
        with open(path, encoding="utf-8") as stream:
            loader = _LineLoader(stream, display_path)
            try:
                document = loader.get_single_data()
            finally:
                loader.dispose()
    except OSError as e:
        raise SpecError(display_path, 0, f"cannot read: {e.strerror}") from None
    except UnicodeDecodeError as e:
        raise SpecError(display_path, 0, f"not UTF-8: {e.reason}") from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 0
        problem = e.problem or e.context or "invalid YAML"
        raise SpecError(display_path, line, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as e:
        raise SpecError(display_path, 0, f"invalid YAML: {e}") from None
    if document is None:
        raise SpecError(display_path, 1, "the spec is empty")
    if not isinstance(document, NodeDict):
        raise SpecError(display_path, 1, "the spec must be a mapping at the top level")
    return document

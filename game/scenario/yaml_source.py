"""Reads YAML as data only, remembering where every key and value sits in the file.

The text is composed into a node tree with PyYAML's safe machinery; nothing is ever constructed from a
tag. Anchors and aliases are refused (scenarios need none, and refusing them ends entity-expansion
attacks), as are duplicate keys, which PyYAML would otherwise silently resolve to the last one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

Path = tuple[str | int, ...]


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str):
        self.mark = mark
        self.message = message


class _NoAliasLoader(yaml.SafeLoader):
    """A SafeLoader that stops at the first anchor or alias."""

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, "aliases (*name) are not allowed in a scenario")
        if getattr(event, "anchor", None):
            raise _Refused(event.start_mark, "anchors (&name) are not allowed in a scenario")
        return super().compose_node(parent, index)


@dataclass
class Document:
    """Plain data read from YAML, with the position of each value and each mapping key."""

    data: object
    value_at: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at path (or of its key), else of its nearest located parent."""
        table = self.key_at if key else self.value_at
        if path in table:
            return table[path]
        while path:
            path = path[:-1]
            if path in self.value_at:
                return self.value_at[path]
        return (1, 1)


def _position(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def dotted(path: Path) -> str:
    """('allies', 3, 'threat') -> 'allies[3].threat'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _Builder:
    def __init__(self, document: Document):
        self.document = document
        self.scalars = SafeConstructor()

    def build(self, node: Node, path: Path, depth: int) -> object:
        if depth > MAX_DEPTH:
            raise _Refused(node.start_mark, f"nesting deeper than {MAX_DEPTH} levels")
        self.document.value_at[path] = _position(node.start_mark)
        if node.tag not in _PLAIN_TAGS:
            raise _Refused(node.start_mark, f"the YAML tag {node.tag!r} is not allowed in a scenario")
        if isinstance(node, MappingNode):
            result: dict[object, object] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise _Refused(key_node.start_mark, "a mapping key must be plain text")
                key = self.build(key_node, path + ("<key>",), depth + 1)
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    key = str(key)
                if key in result:
                    line, column = _position(key_node.start_mark)
                    first = self.document.key_at[path + (key,)]
                    self.document.problems.append(
                        Problem(line, column, dotted(path + (key,)),
                                f"duplicate key {key!r} (first defined at line {first[0]})"))
                    continue
                self.document.key_at[path + (key,)] = _position(key_node.start_mark)
                result[key] = self.build(value_node, path + (key,), depth + 1)
            return result
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (index,), depth + 1) for index, item in enumerate(node.value)]
        return self.scalars.construct_object(node)


def read_yaml(raw: bytes, size: int | None = None) -> Document:
    """Parse bytes into a Document; problems (never exceptions) report what could not be read.
    `size` is the file's full size when raw holds only its beginning."""
    size = len(raw) if size is None else size
    if size > MAX_BYTES:
        return Document(None, problems=[Problem(1, 1, "", f"file is {size:,} bytes; the limit is {MAX_BYTES:,} (1 MiB)")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return Document(None, problems=[Problem(1, 1, "", f"not UTF-8 text (byte {error.start} cannot be decoded)")])
    document = Document(None)
    try:
        loader = _NoAliasLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
        if root is None:
            document.problems.append(Problem(1, 1, "", "the file is empty; expected a scenario mapping"))
            return document
        document.data = _Builder(document).build(root, (), 0)
    except _Refused as refused:
        line, column = _position(refused.mark)
        fatal = Problem(line, column, "", refused.message)
    except yaml.MarkedYAMLError as error:
        line, column = _position(error.problem_mark or error.context_mark)
        reason = error.problem or error.context or "invalid YAML"
        fatal = Problem(line, column, "", f"YAML syntax error: {reason}{_hint(reason)}")
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        fatal = Problem(line, column, "", f"control character U+{error.character:04X} is not allowed in a scenario "
                                         "(is this a text file?)")
    except yaml.YAMLError as error:
        fatal = Problem(1, 1, "", f"YAML error: {' '.join(str(error).split())}")
    except RecursionError:
        fatal = Problem(1, 1, "", "nesting too deep to read")
    else:
        return document
    return Document(None, problems=[fatal])


# What PyYAML's terse complaints usually mean in a scenario file, in words a designer can act on.
_HINTS = (
    ("'\\t' that cannot start any token", "a tab: indent with spaces only"),
    ("expected <block end>, but found '?'", "a list item (- ...) and a key: value line at the same indentation; a "
                                            "map wants key: value lines only, a list '- ' items only"),
    ("expected <block end>, but found '-'", "a list item (- ...) where the lines above are key: value pairs; a map "
                                            "wants key: value lines only"),
    ("mapping values are not allowed here", "a second ':' on the line (quote text that contains ': ') or a key "
                                            "indented too far"),
    ("could not find expected ':'", "a line without 'key: value' inside a map (check the indentation of the line "
                                    "above)"),
)


def _hint(reason: str) -> str:
    for phrase, hint in _HINTS:
        if phrase in reason:
            return f" ({hint})"
    return ""

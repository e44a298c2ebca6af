"""Reads YAML as data only, remembering where every key and value sits in the file.

The text is composed into a node tree with PyYAML's safe machinery; nothing is ever constructed from a
tag. Tags, anchors and aliases are refused (scenarios need none, and refusing them ends entity-expansion
attacks), as are duplicate keys, which PyYAML would otherwise silently resolve to the last one. Limits on
size, nesting and the number of values refuse a hostile file before the (pure Python) parser spends
seconds on it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..i18n import Figure, msg
from .errors import Problem

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
# Keys, list items and values together. The largest bundled scenario (all 32 allies) has about 3,200. The
# pure-Python parser takes 30-40 microseconds a value: a 1 MiB file of half a million would take 15-25 s,
# and is refused after 10,000 (about 0.3 s).
MAX_NODES = 10_000

# The longest number a scenario may write: its figures need a few digits (a year, US$ bn, a share).
MAX_DIGITS = 100

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


# Blank space and comments up to the last line break before the next token: the scanner's own loop takes
# some 1.5 microseconds a character over them (1.5 s for a file of 1 MiB of blank lines), a regular
# expression next to nothing. A '#' here always follows a space or a line break, so it starts a comment.
_BLANK = re.compile("(?:[ \r\n\x85\u2028\u2029]+|#[^\0\r\n\x85\u2028\u2029]*)+")
_BREAKS = "\r\n\x85\u2028\u2029"


class _DataLoader(yaml.SafeLoader):
    """A SafeLoader that stops at the first anchor, alias or tag, and at too deep or too many values, and reads
    plain values as YAML 1.2's core schema does: only true and false are booleans (yes, no, on, off, y and n
    are text, as `iso3: NO` for Norway means), 010 is ten, and 1:30, 1_000 and dates are text. YAML 1.1, which
    PyYAML follows, would silently read these as a boolean, eight, ninety, a thousand and a date."""

    depth = 0
    nodes = 0
    yaml_implicit_resolvers: dict = {}   # its own, filled below, instead of SafeLoader's YAML 1.1 ones

    def scan_to_next_token(self) -> None:
        # PyYAML's loop, with whole blank lines skipped at once; the reader keeps the text in self.buffer.
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        blank = _BLANK.match(self.buffer, self.pointer)
        skipped = blank.group()[:max(blank.group().rfind(c) for c in _BREAKS) + 1] if blank else ""
        if skipped:  # whole lines: the rest of the last one is the scanner's (its column counts)
            self.pointer += len(skipped)
            self.index += len(skipped)
            self.line += sum(skipped.count(c) for c in _BREAKS) - skipped.count("\r\n")  # \r\n is one break
            self.column = 0
            if not self.flow_level:
                self.allow_simple_key = True
        super().scan_to_next_token()

    def fetch_flow_collection_start(self, TokenClass):  # noqa: ANN001, N803 - PyYAML's signature
        # The scanner reads up to 1,024 characters ahead of the composer (a '[' may start a key), and each
        # open bracket costs it time in proportion to the brackets still open: stop counting them early.
        if self.flow_level > MAX_DEPTH:
            raise _Refused(self.get_mark(), msg("nesting deeper than {depth} levels", depth=MAX_DEPTH))
        super().fetch_flow_collection_start(TokenClass)

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, msg("aliases (*name) are not allowed in a scenario"))
        if getattr(event, "anchor", None):
            raise _Refused(event.start_mark, msg("anchors (&name) are not allowed in a scenario"))
        if getattr(event, "tag", None) is not None:
            raise _Refused(event.start_mark, msg("the YAML tag {tag} is not allowed in a scenario",
                                                     tag=_short(event.tag)))
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(event.start_mark, msg("more than {most} keys and values; a scenario needs far fewer",
                                                 most=Figure(MAX_NODES)))
        if self.depth > MAX_DEPTH:
            raise _Refused(event.start_mark, msg("nesting deeper than {depth} levels", depth=MAX_DEPTH))
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


for _tag, _pattern, _first in (
        ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
        ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|"
                  r"\.(?:nan|NaN|NAN))$", "-+.0123456789"),
        ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        # not YAML 1.2's, but kept so that a merge key and a bare '=' are refused with words of their own
        ("merge", r"^(?:<<)$", "<"),
        ("value", r"^(?:=)$", "=")):
    _DataLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


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


def _short(text: str) -> str:
    shown = repr(text)
    return shown if len(shown) <= 80 else shown[:77] + "..."


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

    def build(self, node: Node, path: Path) -> object:
        self.document.value_at[path] = _position(node.start_mark)
        if node.tag not in _PLAIN_TAGS:  # explicit tags were refused while composing: YAML 1.1 implied this one
            implied = _IMPLIED.get(node.tag)
            raise _Refused(node.start_mark, implied if implied else
                           msg("the YAML tag {tag!r} is not allowed in a scenario", tag=node.tag))
        if isinstance(node, MappingNode):
            result: dict[object, object] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise _Refused(key_node.start_mark, msg("a mapping key must be plain text"))
                key = self.build(key_node, path + ("<key>",))
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    key = str(key)
                if key in result:
                    line, column = _position(key_node.start_mark)
                    first = self.document.key_at[path + (key,)]
                    self.document.problems.append(
                        Problem(line, column, dotted(path + (key,)),
                                msg("duplicate key {key!r} (first defined at line {line})", key=key, line=first[0])))
                    continue
                self.document.key_at[path + (key,)] = _position(key_node.start_mark)
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return _scalar(node)


def _scalar(node: ScalarNode) -> object:
    """A plain value as YAML 1.2's core schema reads it (the tag _DataLoader resolved), never converting a whole
    number of more than MAX_DIGITS digits."""
    value = node.value
    if node.tag == "tag:yaml.org,2002:null":
        return None
    if node.tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if node.tag == "tag:yaml.org,2002:int":
        digits = value.lstrip("+-")
        if len(digits) > MAX_DIGITS:
            raise _Refused(node.start_mark, msg("a number of {count} digits is too long to read",
                                                count=Figure(len(digits))))
        sign = -1 if value.startswith("-") else 1
        if digits.startswith(("0o", "0x")):
            return sign * int(digits[2:], 8 if digits[1] == "o" else 16)
        return sign * int(digits)
    if node.tag == "tag:yaml.org,2002:float":
        if len(value) > MAX_DIGITS + 10:
            raise _Refused(node.start_mark, msg("a number of {count} characters is too long to read",
                                                count=Figure(len(value))))
        if value.lower().lstrip("+-") == ".inf":
            return float("-inf") if value.startswith("-") else float("inf")
        if value.lower() == ".nan":
            return float("nan")
        return float(value)
    return value


# Plain values that YAML reads as something a scenario has no use for.
_IMPLIED = {
    "tag:yaml.org,2002:merge": msg("merge keys (<<) are not allowed in a scenario; write the keys out"),
    "tag:yaml.org,2002:value": msg("YAML reserves a bare '=' as a value; quote it ('=') if it is text"),
}


def read_yaml(raw: bytes, size: int | None = None) -> Document:
    """Parse bytes into a Document; problems (never exceptions) report what could not be read.
    `size` is the file's full size when raw holds only its beginning."""
    size = len(raw) if size is None else size
    if size > MAX_BYTES:
        return Document(None, problems=[Problem(1, 1, "", msg("file is {size} bytes; the limit is {limit} (1 MiB)",
                                                             size=Figure(size), limit=Figure(MAX_BYTES)))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return Document(None, problems=[Problem(1, 1, "", msg("UTF-16 text; save the file as UTF-8"))])
        return Document(None, problems=[Problem(1, 1, "", msg("not UTF-8 text (byte {start} cannot be decoded)",
                                                                  start=error.start))])
    document = Document(None)
    try:
        loader = _DataLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
        if root is None:
            document.problems.append(Problem(1, 1, "", msg("the file is empty; expected a scenario mapping")))
            return document
        document.data = _Builder(document).build(root, ())
    except _Refused as refused:
        line, column = _position(refused.mark)
        fatal = Problem(line, column, "", refused.message)
    except yaml.MarkedYAMLError as error:
        line, column = _position(error.problem_mark or error.context_mark)
        reason = error.problem or error.context or msg("invalid YAML")   # PyYAML's words otherwise
        fatal = Problem(line, column, "", msg("YAML syntax error: {reason}{hint}", reason=reason, hint=_hint(reason)))
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        fatal = Problem(line, column, "", msg("control character U+{character:04X} is not allowed in a scenario "
                                                 "(is this a text file?)",
                                                  character=error.character))
    except yaml.YAMLError as error:
        fatal = Problem(1, 1, "", msg("YAML error: {error}", error=" ".join(str(error).split())))
    except RecursionError:
        fatal = Problem(1, 1, "", msg("nesting too deep to read"))
    else:
        return document
    return Document(None, problems=[fatal])


# What PyYAML's terse complaints usually mean in a scenario file, in words a designer can act on.
_HINTS = (
    ("'\\t' that cannot start any token", msg("a tab: indent with spaces only")),
    ("expected <block end>, but found '?'", msg("a list item (- ...) and a key: value line at the same "
                                                    "indentation; a map wants key: value lines only, a list '- ' "
                                                    "items only")),
    ("expected <block end>, but found '-'", msg("a list item (- ...) where the lines above are key: value pairs; "
                                                    "a map wants key: value lines only")),
    ("mapping values are not allowed here", msg("a second ':' on the line (quote text that contains ': ') or a "
                                                    "key indented too far")),
    ("could not find expected ':'", msg("a line without 'key: value' inside a map (check the indentation of the "
                                            "line above)")),
)


def _hint(reason: str) -> str:
    for phrase, hint in _HINTS:
        if phrase in reason:
            return msg(" ({hint})", hint=hint)
    return ""

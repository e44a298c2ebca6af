"""Fuzzing the scenario loader: whatever the bytes, `check_bytes` returns either a Scenario that a game can
be played from, or errors that each say where (line, column) and what, on one line. Nothing escapes.

Three kinds of input:
  - structure-aware: a bundled scenario read as plain data, one to three fields replaced, deleted,
    duplicated or given another type (odd numbers, odd text, another id of the same file), written back
    as YAML;
  - random YAML: nested documents of random scalars, lists and maps, and flow text put together from
    YAML's awkward tokens (tags, anchors, dates, long numbers, merge keys);
  - random bytes: binary, UTF-8 text, and the bundled files truncated, with bytes flipped or lines moved.
A fourth test checks that the loader's shortcut over blank lines and comments reads every text exactly as
PyYAML does (same values, same positions, same errors).

`make test` tries a fixed (derandomized) sample of 100 inputs per test, 400 in all; `make test-slow` tries
13,000 new ones per run (a failure prints the `@reproduce_failure` line to replay it).
"""

from __future__ import annotations

import copy
import functools
import random
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import game.agents
from game.agents import agents_for
from game.engine import make_game
from game.engine.loop import time_limit
from game.scenario import Scenario, check_bytes
from game.scenario.yaml_source import _DataLoader

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "game" / "scenarios").glob("*.yaml")) + [ROOT / "tests" / "fixtures" / "mini.yaml"]
RAW = {path.stem: path.read_bytes() for path in SOURCES}
# The big bundled scenarios (all 32 allies) take ~0.2 s each to parse: `make test` mutates only the small
# ones; the slow run all of them, the small ones three times as often.
SMALL = sorted(name for name, raw in RAW.items() if len(raw) < 20_000)
WEIGHTED = SMALL * 3 + sorted(set(RAW) - set(SMALL))
AGENT_NAMES = game.agents.names()
FILE = "fuzz.yaml"
PER_INPUT_SECONDS = 10   # a hang is a failure too; checking plus one round takes well under a second
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)   # the test's own writing; the loader is not involved

_SETTINGS = dict(deadline=None, database=None, print_blob=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                        HealthCheck.filter_too_much, HealthCheck.large_base_example])
DEFAULT = settings(max_examples=100, derandomize=True, **_SETTINGS)   # reproducible in CI
SLOW = settings(max_examples=4_000, derandomize=False, **_SETTINGS)   # new inputs on every run


# ----- the property -------------------------------------------------------------------------------

def _time_limit(seconds: float):
    """TimeoutError in the block after `seconds` (only where SIGALRM exists, in the main thread)."""
    return time_limit(seconds, lambda: TimeoutError(f"no answer within {seconds} s"))


def play_one_round(scenario: Scenario) -> None:
    """Play the first round with the scenario's own agents: what the loader accepts, the engine must run."""
    game = make_game(scenario, seed=0)
    agents = agents_for(scenario)
    state = game.new_initial_state()
    first_round = state.round
    for _ in range(10_000):
        if state.is_terminal or state.round != first_round:
            return
        actor = game.current_actor(state)
        action = agents[actor].act(game.observe(state, actor), game.agent_rng(state, actor))
        state = game.apply(state, action)
    raise AssertionError("the first round did not end within 10,000 moves")


def holds(raw: bytes) -> None:
    """The loader's contract for any input: a playable Scenario, or located one-line errors."""
    with _time_limit(PER_INPUT_SECONDS):
        checked = check_bytes(raw, FILE, AGENT_NAMES)
        if checked.scenario is not None:
            assert not checked.errors
            with warnings.catch_warnings():
                warnings.simplefilter("error", RuntimeWarning)   # numpy's NaN and overflow warnings
                play_one_round(checked.scenario)
            return
    assert checked.errors, f"no scenario and no error: {checked.problems}"
    lines = len(raw.decode("utf-8", "replace").splitlines()) + 1   # YAML counts no more line breaks than this
    for problem in checked.errors:
        assert problem.file == FILE, problem
        assert 1 <= problem.line <= lines and problem.column >= 1, f"outside the file: {problem}"
        assert problem.message.strip() and "\n" not in problem.message, f"not one line: {problem!r}"
        assert len(str(problem)) < 10_000, f"a message of {len(str(problem)):,} characters"


# ----- structure-aware: bundled scenarios mutated field by field --------------------------------------

@functools.cache
def _document(name: str) -> object:
    return yaml.safe_load(RAW[name])


def _walk(node: object, path: tuple = ()) -> Iterator[tuple[tuple, object]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, path + (index,))


@functools.cache
def _ids(name: str) -> tuple[str, ...]:
    """Every id-like text and key in a scenario, to swap one for another."""
    words = {value for _, value in _walk(_document(name)) if isinstance(value, str)}
    words |= {path[-1] for path, _ in _walk(_document(name)) if path and isinstance(path[-1], str)}
    return tuple(sorted(word for word in words if re.fullmatch(r"[a-z][a-z0-9_]*", word)))


# Text that tries to be a path, a module, code, markup or YAML syntax of its own.
HOSTILE_TEXT = ("../../etc/passwd", "/etc/passwd", "~/.ssh/id_rsa", "file:///etc/passwd", "C:\\Windows\\win.ini",
                "\\\\server\\share", "os", "os.system", "game.agents.member", "__import__('os').system('echo pwned')",
                "!!python/object/apply:os.system", "${HOME}", "{{ 7 * 7 }}", "%s%s%n", "\x00", "\u202eevil",
                "nan", ".inf", "-", "~", "null", "yes", "2025-06-24", "<<", "*alias", "&anchor", "1e6", "0x10",
                "1:30", "\t", "\r\n", "\ufeff", "\u2028", "🙂" * 50, "é" * 81)
ODD_NUMBERS = (0, -1, 1, 2**31, 2**63, -2**63, 10**300, 0.0, -0.0, 1e-300, 5e-324, 1e308, -1e308, 1e16,
               float("nan"), float("inf"), float("-inf"))


def _scalars(ids: tuple[str, ...]) -> st.SearchStrategy:
    return st.one_of(
        st.none(), st.booleans(), st.integers(-3, 3), st.integers(), st.integers(-10**300, 10**300),
        st.floats(), st.sampled_from(ODD_NUMBERS), st.just(""), st.text(max_size=30),
        st.integers(60, 5_000).map(lambda n: "w" * n), st.sampled_from(HOSTILE_TEXT), st.sampled_from(ids))


def _odd_values(ids: tuple[str, ...]) -> st.SearchStrategy:
    scalars = _scalars(ids)
    return st.one_of(scalars, scalars, st.lists(scalars, max_size=4),
                     st.dictionaries(st.sampled_from(ids) | st.text(max_size=12), scalars, max_size=3))


def _retyped(value: object) -> list[object]:
    """The same value in other types: the mistakes a designer makes with quotes, brackets and dashes."""
    if isinstance(value, dict):
        return [list(value.values()), list(value), str(value), None]
    if isinstance(value, list):
        return [dict(enumerate(value)), value[0] if value else None, str(value), value * 2]
    if isinstance(value, str):
        return [[value], {value: value}, len(value), None, value.upper(), value + " "]
    if isinstance(value, bool):
        return [str(value).lower(), int(value), [value]]
    if isinstance(value, (int, float)):
        return [str(value), [value], {"value": value}, -value, value * 1e6, int(value) if value == value and
                abs(value) != float("inf") else 0, value + 0.5]
    return ["", 0, [], {}]


def _set(document: object, path: tuple, value: object) -> object:
    if not path:
        return value
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return document


def _delete(document: object, path: tuple) -> object:
    if not path:
        return None
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    return document


def _duplicate(document: object, path: tuple, draw) -> object:
    """A second copy of the value: another list item, or a sibling key given the same value."""
    if not path:
        return [document, document]
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    value = copy.deepcopy(parent[path[-1]])
    if isinstance(parent, list):
        parent.insert(draw(st.integers(0, len(parent))), value)
    else:
        parent[draw(st.sampled_from(sorted(map(str, parent))))] = value
    return document


@st.composite
def mutated_scenarios(draw, names: list[str]) -> bytes:
    name = draw(st.sampled_from(names))
    document = copy.deepcopy(_document(name))
    ids = _ids(name)
    for _ in range(draw(st.integers(1, 3))):
        places = list(_walk(document))
        random.Random(len(places)).shuffle(places)   # hypothesis favours early choices: not always the root
        path, value = draw(st.sampled_from(places))
        operation = draw(st.sampled_from(["replace", "replace", "delete", "duplicate", "retype", "swap_id"]))
        if operation == "replace":
            document = _set(document, path, draw(_odd_values(ids)))
        elif operation == "delete":
            document = _delete(document, path)
        elif operation == "duplicate":
            document = _duplicate(document, path, draw)
        elif operation == "retype":
            document = _set(document, path, draw(st.sampled_from(_retyped(value))))
        else:
            document = _set(document, path, draw(st.sampled_from(ids)))
    return _dumped(draw, document)


@st.composite
def renumbered_scenarios(draw, names: list[str]) -> bytes:
    """One number changed and nothing else: these often still load, and then the engine must cope."""
    name = draw(st.sampled_from(names))
    document = copy.deepcopy(_document(name))
    numbers = [(path, value) for path, value in _walk(document)
               if isinstance(value, (int, float)) and not isinstance(value, bool)]
    path, value = draw(st.sampled_from(numbers))
    near = [value * factor for factor in (0, 0.5, 0.999, 1.001, 2, 10, 1e6, -1)] + [value + 1, value - 1, 1.0, 0.0]
    document = _set(document, path, draw(st.sampled_from(near) | st.sampled_from(ODD_NUMBERS) | st.floats()))
    return _dumped(draw, document)


def _dumped(draw, document: object) -> bytes:
    flow = draw(st.sampled_from([False, None]))   # block style, or flow style for the innermost collections
    return yaml.dump(document, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, default_flow_style=flow,
                     width=draw(st.sampled_from([80, 10_000]))).encode("utf-8")


# ----- random YAML ------------------------------------------------------------------------------------

@functools.cache
def _known_keys() -> tuple[str, ...]:
    return tuple(sorted({path[-1] for name in RAW for path, _ in _walk(_document(name))
                         if path and isinstance(path[-1], str)}))


_plain = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20))
_trees = st.recursive(
    _plain,
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.sampled_from(_known_keys()) | st.text(max_size=10), children, max_size=5),
    max_leaves=40)

# Plain YAML tokens that each mean something odd: implicit types, tags, anchors, directives, indicators.
TOKENS = ("0", "-1", "1.5", "1_000", ".5", ".nan", "-.inf", "1e5", "1.0e+400", "-1.0e-400", "1" * 5000,
          "9" * 300 + ".0", "0x1F", "0o17", "0b101", "017", "0x_", "0b_", "1_:00", "1:30:15", "2025-06-24",
          "2025-06-24T10:00:00Z", "~", "null", "yes", "No", "off", "''", '""', "'it''s'", '"\\x00"', '"\\ud800"',
          '"\\U0001F642"',
          "<<", "=", "&a x", "*a", "!!int x", "!!int ''", "!!bool maybe", "!!float ''", "!!float nan",
          "!!str 1", "!!null x", "!!binary aGk=", "!!timestamp x", "!!set {a}", "!!omap [a: 1]",
          "!!python/name:os.system", "!!python/object/apply:os.system [echo pwned]", "!foo bar",
          "!<tag:yaml.org,2002:python/tuple> [1]", "! x", "? k", "-", "|", ">", "%YAML 1.1", "---", "...",
          "#c", "@", "`", "\t", "é", "🙂", "\u2028", "\x85", "id", "schema", "leaders", "[", "]", "{", "}", ",")


def _flow(children: st.SearchStrategy) -> st.SearchStrategy:
    keys = st.sampled_from(TOKENS) | st.sampled_from(_known_keys())
    return (st.lists(children, max_size=4).map(lambda items: "[" + ", ".join(items) + "]")
            | st.lists(st.tuples(keys, children), max_size=4).map(
                lambda pairs: "{" + ", ".join(f"{key}: {value}" for key, value in pairs) + "}"))


_flow_text = st.recursive(st.sampled_from(TOKENS), _flow, max_leaves=20)
_token_documents = st.lists(
    st.tuples(st.integers(0, 4), st.sampled_from(_known_keys()) | st.sampled_from(TOKENS), _flow_text),
    min_size=1, max_size=8,
).map(lambda lines: "".join(f"{' ' * indent}{key}: {value}\n" for indent, key, value in lines))


@st.composite
def yaml_documents(draw) -> bytes:
    if draw(st.booleans()):
        tree = draw(_trees)
        flow = draw(st.sampled_from([False, True, None]))
        text = yaml.dump(tree, Dumper=_DUMPER, allow_unicode=True, default_flow_style=flow)
    else:
        text = draw(_token_documents)
    return text.encode("utf-8")


# ----- random bytes -----------------------------------------------------------------------------------

@st.composite
def _truncated(draw, names: list[str]) -> bytes:
    raw = RAW[draw(st.sampled_from(names))]
    return raw[:draw(st.integers(0, len(raw)))]


@st.composite
def _flipped(draw, names: list[str]) -> bytes:
    raw = bytearray(RAW[draw(st.sampled_from(names))])
    for _ in range(draw(st.integers(1, 5))):
        raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    return bytes(raw)


@st.composite
def _lines_moved(draw, names: list[str]) -> bytes:
    lines = RAW[draw(st.sampled_from(names))].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent"]))
        if edit == "delete":
            del lines[index]
        elif edit == "duplicate":
            lines.insert(index, lines[index])
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif edit == "indent":
            lines[index] = b"  " + lines[index]
        else:
            lines[index] = lines[index].lstrip(b" ")
    return b"".join(lines)


def random_bytes(names: list[str]) -> st.SearchStrategy:
    return st.one_of(st.binary(max_size=4096), st.text(max_size=2000).map(lambda text: text.encode("utf-8")),
                     _truncated(names), _flipped(names), _lines_moved(names))


# ----- the loader's shortcuts change nothing ----------------------------------------------------------

# Lines that exercise blank space, comments and line breaks around tokens (no tags or anchors: those are
# refused on purpose).
SPACING_LINES = ("", " ", "   ", "#", "  # a comment", "# é \ufeff", "\t", " \t ", "a: 1", "a: 1  # c",
                 "  b: [1, 2]", "- x", "  - y", "c: {d: e}", "[1,", "  2]", "? k", ": v", "'q", "  uoted'", "f: |",
                 "  text", "g: >", " folded", "h:", "i: 'it''s' #c", "...", "---", "%YAML 1.1", "j: \"x\\", "k", "l: #")
LINE_BREAKS = ("\n", "\r\n", "\r", "\x85", "\u2028", "\u2029")


@st.composite
def spaced_texts(draw) -> str:
    lines = draw(st.lists(st.tuples(st.sampled_from(SPACING_LINES), st.sampled_from(LINE_BREAKS)), max_size=25))
    start = draw(st.sampled_from(["", "\ufeff", "\n\n", " "]))
    return start + "".join(line + end for line, end in lines) + draw(st.sampled_from(["", "z", "  # end", "\t"]))


def _reading(loader_class, text: str) -> tuple:
    """What a loader makes of text: every node's tag, value and marks, or the error and where."""
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return ("error", error.problem, error.context, mark and (mark.line, mark.column, mark.index))
    except yaml.YAMLError as error:
        return ("error", str(error))
    finally:
        loader.dispose()
    nodes, stack = [], [root] if root is not None else []
    while stack:
        node = stack.pop()
        marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
        if isinstance(node.value, str):
            nodes.append((node.tag, node.value, marks))
        else:
            nodes.append((node.tag, marks))
            stack.extend(part for pair in node.value for part in (pair if isinstance(pair, tuple) else (pair,)))
    return ("read", nodes)


def shortcuts_change_nothing(text: str) -> None:
    assert _reading(_DataLoader, text) == _reading(yaml.SafeLoader, text), repr(text)


# ----- the tests --------------------------------------------------------------------------------------

def test_the_sources_are_there():
    assert len(SOURCES) >= 3 and "mini" in RAW and SMALL


def test_the_loader_knows_how_far_ahead_the_engine_takes_pledges():
    # A deadline beyond the horizon passed the loader once and then made every member's pledge illegal.
    from game.engine.game import PLEDGE_HORIZON
    from game.scenario.checks import DEADLINE_HORIZON

    assert DEADLINE_HORIZON == PLEDGE_HORIZON


def test_every_source_holds_unchanged():
    for raw in RAW.values():
        holds(raw)


@DEFAULT
@given(mutated_scenarios(SMALL) | renumbered_scenarios(SMALL))
def test_mutated_scenarios(raw: bytes):
    holds(raw)


@DEFAULT
@given(yaml_documents())
def test_random_yaml(raw: bytes):
    holds(raw)


@DEFAULT
@given(random_bytes(SMALL))
def test_random_bytes(raw: bytes):
    holds(raw)


@DEFAULT
@given(spaced_texts())
def test_skipping_blank_lines_changes_no_reading(text: str):
    shortcuts_change_nothing(text)


def test_skipping_blank_lines_changes_no_reading_of_the_sources():
    for name in SMALL:
        text = RAW[name].decode("utf-8")
        for variant in (text, text.replace("\n", "\r\n"), text.replace("\n", "\u2028"), "\ufeff\n\n" + text):
            shortcuts_change_nothing(variant)


@pytest.mark.slow
@settings(SLOW, max_examples=3_000)
@given(mutated_scenarios(WEIGHTED) | renumbered_scenarios(WEIGHTED))
def test_mutated_scenarios_at_length(raw: bytes):
    holds(raw)


@pytest.mark.slow
@SLOW
@given(yaml_documents())
def test_random_yaml_at_length(raw: bytes):
    holds(raw)


@pytest.mark.slow
@SLOW
@given(random_bytes(WEIGHTED))
def test_random_bytes_at_length(raw: bytes):
    holds(raw)


@pytest.mark.slow
@settings(SLOW, max_examples=2_000)
@given(spaced_texts())
def test_skipping_blank_lines_changes_no_reading_at_length(text: str):
    shortcuts_change_nothing(text)

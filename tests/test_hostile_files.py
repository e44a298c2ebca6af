"""Hostile scenario files: each is refused with one clear, located error, quickly, and runs nothing.

Every check here runs in a worker thread five times; each run must answer within 5 s (the aim is well
under 1 s) and `pytest -v` prints the slowest of the five per file at the end. Code-running and file-reading
are watched with an audit hook (PEP 578): while a scenario is checked, the only file opened is the scenario
itself, and nothing is imported, compiled, executed or spawned.
"""

from __future__ import annotations

import os
import random
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

import game.agents
from game.agents import UnknownAgentError, agents_for
from game.scenario import Checked, check_file
from game.scenario.yaml_source import MAX_BYTES, MAX_DEPTH, MAX_NODES

ROOT = Path(__file__).resolve().parent.parent
MINI = (ROOT / "tests" / "fixtures" / "mini.yaml").read_text(encoding="utf-8")
AGENT_NAMES = game.agents.names()
TIMEOUT = 5.0
RUNS = 5
TIMES: dict[str, float] = {}   # test -> the slowest of its five checks, in seconds


@pytest.fixture(scope="module", autouse=True)
def _report_times(request):
    yield
    if request.config.getoption("verbose") > 0 and TIMES:
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        with request.config.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
            reporter.write_line(f"\nhostile files: slowest of {RUNS} checks each")
            for name, seconds in sorted(TIMES.items(), key=lambda item: -item[1]):
                reporter.write_line(f"  {seconds * 1000:8.1f} ms  {name}")


# ----- watching what a check does ---------------------------------------------------------------------

_WATCH = threading.local()
_EVENTS: list[tuple[str, tuple]] = []
# What reading data must never do: run, load or spawn code, or touch other files and folders.
_FORBIDDEN = ("os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "subprocess.", "import", "exec",
              "compile", "ctypes.", "socket.", "urllib.", "os.listdir", "os.scandir", "glob.", "pickle.",
              "marshal.", "os.remove", "os.rename", "os.chmod", "shutil.")


def _audit(event: str, args: tuple) -> None:
    if getattr(_WATCH, "on", False):
        _EVENTS.append((event, args))


_HOOKED = False


def _watched_check(path: Path, agent_names=AGENT_NAMES) -> tuple[Checked, list[tuple[str, tuple]]]:
    """check_file, and the audit events it raised (checked once before, so lazy imports of Summit's own
    modules are done)."""
    global _HOOKED
    if not _HOOKED:
        sys.addaudithook(_audit)   # stays for the session; records only while a watched check runs
        _HOOKED = True
    check_file(path, agent_names)
    _EVENTS.clear()
    _WATCH.on = True
    try:
        checked = check_file(path, agent_names)
    finally:
        _WATCH.on = False
    return checked, list(_EVENTS)


def _assert_inert(path: Path, events: list[tuple[str, tuple]]) -> None:
    bad = [(event, args) for event, args in events if event.startswith(_FORBIDDEN)]
    assert not bad, f"checking {path.name} did {bad}"
    scenario = os.path.realpath(path)
    opened = [args[0] for event, args in events if event == "open" and not isinstance(args[0], int)]
    assert all(os.path.realpath(name) == scenario for name in opened), f"checking {path.name} opened {opened}"


# ----- checking under a time limit ---------------------------------------------------------------------

def _timed(path: Path, name: str) -> Checked:
    """check_file five times, each in a worker thread that must answer within TIMEOUT; records the slowest."""
    times = []
    for _ in range(RUNS):
        outcome: dict[str, object] = {}

        def work():
            start = time.perf_counter()
            try:
                outcome["checked"] = check_file(path, AGENT_NAMES)
            except BaseException as error:  # re-raised below, in the test's thread
                outcome["error"] = error
            outcome["seconds"] = time.perf_counter() - start

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        worker.join(TIMEOUT)
        assert not worker.is_alive(), f"{name}: no answer within {TIMEOUT:g} s"
        if "error" in outcome:
            raise outcome["error"]
        times.append(outcome["seconds"])
    TIMES[name] = max(times)
    assert max(times) < TIMEOUT, f"{name}: {max(times):.2f} s"
    return outcome["checked"]


def _refused(path: Path, name: str, message: str, where: tuple[int, int] | None = None):
    """The file is refused with exactly one error, on one line, saying `message`, at `where` if given."""
    checked = _timed(path, name)
    assert checked.scenario is None
    assert len(checked.errors) == 1, "\n".join(map(str, checked.problems))
    problem = checked.errors[0]
    assert problem.severity == "error" and problem.file == str(path)
    assert message in problem.message, str(problem)
    assert "\n" not in problem.message and len(problem.message) < 300, str(problem)
    if where is not None:
        assert (problem.line, problem.column) == where, str(problem)
    return problem


def _write(tmp_path: Path, text: str | bytes, name: str = "hostile.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


# ----- entity expansion ---------------------------------------------------------------------------------

def test_billion_laughs(tmp_path):
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]" for i in range(1, 10)]
    path = _write(tmp_path, "schema: 1\n" + "\n".join(lines) + "\n")
    _refused(path, "billion laughs", "anchors (&name) are not allowed", (2, 7))
    checked, events = _watched_check(path)
    _assert_inert(path, events)


def test_quadratic_blowup(tmp_path):
    # One big anchored value, then many aliases to it: no nesting, yet 100 KB x 10,000 once expanded.
    text = f"schema: 1\nbig: &big \"{'x' * 100_000}\"\nmany: [{', '.join(['*big'] * 10_000)}]\n"
    path = _write(tmp_path, text)
    _refused(path, "quadratic blowup", "anchors (&name) are not allowed", (2, 6))


def test_an_alias_alone_is_refused(tmp_path):
    path = _write(tmp_path, "schema: 1\nmany: [" + ", ".join(["*big"] * 10_000) + "]\n")
    _refused(path, "aliases without anchors", "aliases (*name) are not allowed", (2, 8))


# ----- nesting and size ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["flow lists", "flow maps", "block lists", "block maps"])
def test_deep_nesting(tmp_path, kind):
    levels = 10_000
    if kind == "flow lists":
        text, where = "[" * levels, (1, MAX_DEPTH + 2)
    elif kind == "flow maps":
        text, where = "{a: " * levels, (1, 4 * (MAX_DEPTH + 1) + 1)   # the 42nd brace: the scanner stops first
    elif kind == "block lists":
        text, where = "- " * levels, (1, 2 * (MAX_DEPTH + 1) + 1)
    else:
        levels = 1_000   # indentation grows with depth: 1,000 levels is already 500 KB
        text = "".join(" " * depth + "a:\n" for depth in range(levels))
        where = (MAX_DEPTH + 1, MAX_DEPTH + 1)
    path = _write(tmp_path, text)
    _refused(path, f"{levels:,} levels of {kind}", f"nesting deeper than {MAX_DEPTH} levels", where)


@pytest.mark.parametrize("kind", ["a flow list of numbers", "keys"])
def test_a_mebibyte_of_small_values_is_refused_by_count(tmp_path, kind):
    # Within the size limit, yet the pure-Python parser would take 15-25 s over half a million values.
    if kind == "keys":
        text = "".join(f"k{i}: 1\n" for i in range(MAX_BYTES // 10))
    else:
        text = "x: [" + "0," * (MAX_BYTES // 2 - 10) + "0]\n"
    path = _write(tmp_path, text.encode("utf-8")[:MAX_BYTES])
    assert path.stat().st_size <= MAX_BYTES
    _refused(path, f"1 MiB of {kind}", f"more than {MAX_NODES:,} keys and values")


@pytest.mark.parametrize("filler", ["\n", "# a comment of some length, as designers write them\n", " "])
def test_a_mebibyte_of_nothing_is_read_in_time(tmp_path, filler):
    # PyYAML's own scanner steps through blank space a character at a time (1.5 s for 1 MiB of line
    # breaks); the loader skips whole blank and comment lines at once.
    path = _write(tmp_path, (filler * (MAX_BYTES // len(filler) + 1))[:MAX_BYTES - 4] + "\n[]\n")
    assert path.stat().st_size == MAX_BYTES
    _refused(path, f"1 MiB of {filler.strip() and 'comments' or repr(filler)}", "expected a scenario mapping")


@pytest.mark.parametrize("sparse", [True, False], ids=["sparse", "repeated lines"])
def test_a_50_megabyte_file_is_refused_by_size_without_being_read(tmp_path, sparse):
    path = tmp_path / "huge.yaml"
    size = 50 * 1024 * 1024
    with path.open("wb") as handle:
        if sparse:
            handle.write(MINI.encode("utf-8"))
            handle.truncate(size)
        else:
            line = b"# " + b"x" * 1021 + b"\n"
            handle.write(line * (size // len(line)))
    name = "50 MB, " + ("sparse" if sparse else "repeated lines")
    problem = _refused(path, name, f"the limit is {MAX_BYTES:,} (1 MiB)", (1, 1))
    assert f"{path.stat().st_size:,} bytes" in problem.message
    tracemalloc.start()
    try:
        check_file(path, AGENT_NAMES)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * MAX_BYTES, f"{peak:,} bytes allocated: the file was read"
    path.unlink()   # pytest keeps the last runs' folders: do not leave 50 MB behind


# ----- not text ------------------------------------------------------------------------------------------

def test_random_binary(tmp_path):
    path = _write(tmp_path, random.Random(1).randbytes(64 * 1024))
    _refused(path, "64 KiB of random bytes", "not UTF-8 text", (1, 1))


def test_a_nul_byte_in_text(tmp_path):
    path = _write(tmp_path, MINI.replace("title: Mini", "title: Mi\x00ni"))
    _refused(path, "a NUL byte", "control character U+0000 is not allowed", (4, 10))


def test_invalid_utf8(tmp_path):
    raw = MINI.encode("utf-8")
    at = raw.index(b"Mini")
    path = _write(tmp_path, raw[:at] + b"\xc3\x28" + raw[at:])
    _refused(path, "invalid UTF-8", f"not UTF-8 text (byte {at} cannot be decoded)", (1, 1))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_a_bom(tmp_path, encoding):
    text = ("\ufeff" if encoding == "utf-16-be" else "") + MINI   # "utf-16" writes its own BOM
    path = _write(tmp_path, text.encode(encoding))
    _refused(path, f"UTF-16 ({encoding}) with a BOM", "UTF-16 text; save the file as UTF-8", (1, 1))


def test_utf8_with_a_bom_is_read(tmp_path):
    path = _write(tmp_path, "\ufeff" + MINI, "mini.yaml")
    checked = _timed(path, "UTF-8 with a BOM (loads)")
    assert checked.scenario is not None and checked.problems == ()


# ----- tags ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tagged, column, tag", [
    ('!!python/object/apply:os.system ["touch {marker}"]', 8, "python/object/apply:os.system"),
    ('!!python/object/new:os.system ["touch {marker}"]', 8, "python/object/new:os.system"),
    ("!!python/name:os.system", 8, "python/name:os.system"),
    ("!!python/module:os", 8, "python/module:os"),
    ("!!python/object:pathlib.Path {{}}", 8, "python/object:pathlib.Path"),
    ("!!python/tuple [1, 2]", 8, "python/tuple"),
    ('!<tag:yaml.org,2002:python/object/apply:os.system> ["touch {marker}"]', 8, "python/object/apply:os.system"),
    ("!!binary aGVsbG8=", 8, "tag:yaml.org,2002:binary"),
    ("!!set {{a, b}}", 8, "tag:yaml.org,2002:set"),
    ("!!omap [a: 1]", 8, "tag:yaml.org,2002:omap"),
    ("!!str Mini", 8, "tag:yaml.org,2002:str"),
    ("!local thing", 8, "!local"),
], ids=lambda value: value if isinstance(value, str) and ":" not in value and "!" not in value else None)
def test_tags_are_refused_and_never_run(tmp_path, tagged, column, tag):
    marker = tmp_path / "ran"
    path = _write(tmp_path, MINI.replace("title: Mini", "title: " + tagged.format(marker=marker)))
    _refused(path, f"tag {tag}", f"{tag}' is not allowed in a scenario", (4, column))
    checked, events = _watched_check(path)
    _assert_inert(path, events)
    assert not marker.exists()


def test_a_tag_directive_cannot_smuggle_a_python_tag(tmp_path):
    marker = tmp_path / "ran"
    text = f'%TAG !p! tag:yaml.org,2002:python/\n---\n{MINI}'.replace(
        "title: Mini", f'title: !p!object/apply:os.system ["touch {marker}"]')
    path = _write(tmp_path, text)
    _refused(path, "a %TAG directive", "python/object/apply:os.system' is not allowed", (6, 8))
    assert not marker.exists()


def test_a_tagged_key_is_refused(tmp_path):
    path = _write(tmp_path, MINI.replace("title: Mini", "!!python/name:os.system : Mini"))
    _refused(path, "a tagged key", "python/name:os.system' is not allowed", (4, 1))


def test_a_merge_key_is_refused(tmp_path):
    text = MINI.replace("  - {id: nato, citation: \"NATO 2024\"}", "  - {<<: {id: nato}, citation: \"NATO 2024\"}")
    path = _write(tmp_path, text)
    _refused(path, "a merge key", "merge keys (<<) are not allowed", (8, 6))


# ----- names that look like paths or modules --------------------------------------------------------------

def test_text_that_looks_like_a_path_stays_text(tmp_path):
    text = (MINI.replace("title: Mini", "title: ../../etc/passwd")
            .replace("summary: A tiny test.", "summary: /etc/passwd")
            .replace('citation: "NATO 2024"', 'citation: "~/.ssh/id_rsa", url: "file:///etc/passwd"'))
    path = _write(tmp_path, text, "mini.yaml")
    checked, events = _watched_check(path)
    _assert_inert(path, events)
    assert checked.scenario is not None
    assert (checked.scenario.title, checked.scenario.summary) == ("../../etc/passwd", "/etc/passwd")
    assert checked.scenario.sources[0].url == "file:///etc/passwd"


def test_an_id_that_looks_like_a_path_is_refused(tmp_path):
    path = _write(tmp_path, MINI.replace("id: mini", "id: ../../etc/passwd"))
    _refused(path, "a path as the id", "expected an id in lower_snake_case", (3, 5))


@pytest.mark.parametrize("agent, message", [
    ("this", "unknown agent 'this'"),            # a module of the standard library, with a side effect
    ("os.system", "expected an id in lower_snake_case"),
    ("game.agents.member", "expected an id in lower_snake_case"),
    ("../agents/evil.py", "expected an id in lower_snake_case"),
    ("/tmp/evil", "expected an id in lower_snake_case"),
])
def test_an_agent_is_named_only_from_the_registry(tmp_path, agent, message):
    loaded_before = set(sys.modules)
    text = MINI.replace("    agent: member\n", f'    agent: "{agent}"\n', 1)
    path = _write(tmp_path, text)
    problem = _refused(path, f"agent {agent!r}", message, (45, 12))
    assert problem.path == "leaders[2].agent"
    checked, events = _watched_check(path)
    _assert_inert(path, events)
    assert set(sys.modules) == loaded_before


def test_without_the_registry_an_unknown_agent_still_imports_nothing(tmp_path):
    path = _write(tmp_path, MINI.replace("    agent: member\n", "    agent: this\n", 1), "mini.yaml")
    loaded_before = set(sys.modules)
    checked = check_file(path)   # no agent names: the file loads, and only playing it needs the agent
    assert checked.scenario is not None
    with pytest.raises(UnknownAgentError, match="unknown agent 'this'"):
        agents_for(checked.scenario)
    assert set(sys.modules) == loaded_before


def test_a_scenario_cannot_name_a_folder_of_agents(tmp_path):
    path = _write(tmp_path, MINI.replace("rounds: 4", f"rounds: 4\nagents_path: {tmp_path}"))
    _refused(path, "agents_path key", "unknown key 'agents_path'", (10, 1))


# ----- files that are not what they seem ----------------------------------------------------------------

def test_a_link_to_a_file_outside_the_folder_is_refused(tmp_path):
    secret = tmp_path / "elsewhere" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text(MINI, encoding="utf-8")
    folder = tmp_path / "scenarios"
    folder.mkdir()
    link = folder / "mini.yaml"
    link.symlink_to(secret)
    problem = _refused(link, "a link outside the folder", "outside its folder", (1, 1))
    assert str(secret) in problem.message
    checked, events = _watched_check(link)
    assert not any(event == "open" for event, _ in events), "the linked file was opened"


def test_a_link_within_the_folder_and_a_linked_folder_are_read(tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "real.yaml").write_text(MINI, encoding="utf-8")
    (folder / "mini.yaml").symlink_to("real.yaml")
    (tmp_path / "linked").symlink_to(folder)
    for path in (folder / "mini.yaml", tmp_path / "linked" / "real.yaml"):
        checked = _timed(path, f"a link to {path.name} (loads)")
        assert checked.scenario is not None, checked.problems


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    _refused(path, "a named pipe", "is not a regular file", (1, 1))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused():
    _refused(Path("/dev/zero"), "/dev/zero", "is not a regular file", (1, 1))

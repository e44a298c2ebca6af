"""Damaged saves and logs: truncated at every line and in the middle of every line, random bytes flipped,
lines deleted, duplicated or swapped, a move edited (with and without a forged checksum), a future format,
an empty file, a folder, a pipe, an endless device, an unreadable file, a 20 MB file. Every reader
(`load`, `peek`, `summit replay`) gives one clear error naming the file (and the line where there is one),
never a traceback or a hang, and the file's bytes are the same afterwards.

Each test collects what went wrong over all its inputs and fails listing the first few, so one run says how
many inputs of a kind are handled badly. The default suite uses the tutorial; `make test-slow` adds many
more flips and a 33-leader scenario.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from pathlib import Path

import numpy as np
import pytest
from cli_support import cli
from ui_support import make_app, press, scene_is

from game import __version__
from game.scenario.catalogue import check
from game.engine import Pass
from game.play.replay import ReplayError, replay
from game.play.save_list import peek
from game.play.session import MAX_SAVE_BYTES, SAVE_FORMAT, SaveError, Session, load, read_records
from game.ui.scenes import TableScene, TitleScene
from game.ui.scenes.menus import LoadScene
from game.play.userdirs import autosave_backup_path, autosave_path

CLEAR = (SaveError, ReplayError)
HANG = 10.0  # seconds a reader may take before it counts as hanging


# ----- the files damaged -------------------------------------------------------------------------------

def _game(scenario_id: str, seed: int, humans: tuple[str, ...], moves: int | None, log: Path | None = None) -> Session:
    """Agents play, the people pass; stop after `moves` moves of anyone (None: at the end)."""
    session = Session(check(scenario_id).scenario, seed, humans)
    if log is not None:
        session.keep_log(log)
    made = 0
    while not session.over and (moves is None or made < moves):
        if session.waiting_for_human:
            session.submit(Pass(session.actor, reason="a reason with \"quotes\", ünïcödé and \u2028 a separator"))
        else:
            session.agent_move()
        made += 1
    return session


class Files:
    """A save of a game in progress and the log of a finished game, with their bytes."""

    def __init__(self, folder: Path, scenario_id: str, humans: tuple[str, ...]):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.session = _game(scenario_id, 3, humans, 25)
        assert not self.session.over  # a save of a game in progress: without its closing line it is no log
        self.save = self.session.save(folder / "good.summit")
        self.save_bytes = self.save.read_bytes()
        self.finished = _game(scenario_id, 5, humans, None, log=folder / "good.jsonl")
        self.log = self.finished.log_path
        self.log_bytes = self.log.read_bytes()
        self.count = 0

    def write(self, data: bytes, suffix: str) -> Path:
        self.count += 1
        path = self.folder / f"damaged-{self.count}{suffix}"
        path.write_bytes(data)
        return path


@pytest.fixture(scope="module")
def tutorial(tmp_path_factory) -> Files:
    return Files(tmp_path_factory.mktemp("tutorial"), "tutorial", ("sanchez",))


# ----- how a reader must refuse ---------------------------------------------------------------------------

def _fingerprint(path: Path):
    if path.is_symlink() or not path.exists():
        return os.readlink(path) if path.is_symlink() else None
    if not path.is_file():
        return ("other", path.stat().st_mode, path.stat().st_mtime_ns)
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _within(reader, path: Path):
    """reader(path) in a thread: (its exception or None, whether it hung)."""
    outcome: list = []

    def run():
        try:
            reader(path)
            outcome.append(None)
        except BaseException as error:  # noqa: BLE001 - what kind of error is what the test checks
            outcome.append(error)
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG)
    return (outcome[0] if outcome else None), thread.is_alive()


def _release(path: Path) -> None:
    """Unblock a reader stuck opening a pipe (it then reads an empty file)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass


SAVE_READERS = (load, peek, replay)
LOG_READERS = (replay,)


def problems(path: Path, readers=SAVE_READERS, line: bool = False, accept=None) -> list[str]:
    """What is wrong with how the readers refuse `path`: each must raise SaveError or ReplayError, in one line
    that starts with the file's name (and `FILE:LINE:` when `line`), without changing the file. `accept(result,
    path)` may allow a reader to succeed (a flip in a field no rule depends on)."""
    found = []
    before = _fingerprint(path)
    for reader in readers:
        name = reader.__name__
        error, hung = _within(reader, path)
        if hung:
            _release(path)
            found.append(f"{name}: hung (still reading after {HANG:g} s)")
            continue
        if error is None:
            if accept is None or not accept(reader(path), path):
                found.append(f"{name}: accepted the file")
            continue
        message = str(error)
        if not isinstance(error, CLEAR):
            found.append(f"{name}: {type(error).__name__} (a traceback): {message[:200]}")
        elif not message.startswith(str(path)):
            found.append(f"{name}: the message does not start with the file's name: {message[:200]}")
        elif line and not re.match(re.escape(str(path)) + r":\d+: ", message):
            found.append(f"{name}: the message names no line: {message[:200]}")
        elif "\n" in message or len(message) > 800:
            found.append(f"{name}: the message is not one short line: {message[:200]}")
    if _fingerprint(path) != before:
        found.append("the file was changed")
    return found


def tally(cases) -> tuple[int, list[str]]:
    """(inputs tried, every problem found) over (label, path, readers, line, accept) cases."""
    found, tried = [], 0
    for label, path, readers, line, accept in cases:
        tried += 1
        found += [f"{label} ({path.name}): {p}" for p in problems(path, readers, line, accept)]
    return tried, found


def assert_none(tried: int, found: list[str]) -> None:
    assert not found, f"{len(found)} problems over {tried} inputs; the first:\n" + "\n".join(found[:12])


# ----- damage -------------------------------------------------------------------------------------------

def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")[:-1]


def _join(lines: list[bytes]) -> bytes:
    return b"".join(line + b"\n" for line in lines)


def truncations(data: bytes) -> list[tuple[str, bytes]]:
    """Cut at every line boundary (keeping 0 .. n-1 lines) and in the middle of every line."""
    cuts, offset = [], 0
    for number, line in enumerate(_lines(data), 1):
        cuts.append((f"cut before line {number}", data[:offset]))
        cuts.append((f"cut in the middle of line {number}", data[:offset + max(1, len(line) // 2)]))
        offset += len(line) + 1
    return cuts


def flips(data: bytes, count: int, seed: int) -> list[tuple[str, bytes]]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        position, mask = int(rng.integers(len(data))), int(rng.integers(1, 256))
        changed = bytearray(data)
        changed[position] ^= mask
        out.append((f"byte {position} xor {mask:#04x}", bytes(changed)))
    return out


def line_edits(data: bytes) -> list[tuple[str, bytes]]:
    lines, out = _lines(data), []
    for i in range(len(lines)):
        out.append((f"line {i + 1} deleted", _join(lines[:i] + lines[i + 1:])))
        out.append((f"line {i + 1} duplicated", _join(lines[:i + 1] + lines[i:])))
        if i + 1 < len(lines) and lines[i] != lines[i + 1]:
            swapped = lines[:i] + [lines[i + 1], lines[i]] + lines[i + 2:]
            out.append((f"lines {i + 1} and {i + 2} swapped", _join(swapped)))
    return out


def _dump(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def reseal(data: bytes) -> bytes:
    """A save whose closing line is computed again for its (edited) lines: a forged checksum."""
    lines = _lines(data)
    if lines and json.loads(lines[-1]).get("type") == "save":
        lines = lines[:-1]
    body = _join(lines)
    closing = {"type": "save", "save_format": SAVE_FORMAT, "lines": len(lines),
               "sha256": hashlib.sha256(body).hexdigest()}
    return body + _dump(closing) + b"\n"


def move_edits(data: bytes, leaders: list[str]) -> list[tuple[str, bytes]]:
    """Each logged move edited in its data only: the reason, the kind (a pass becomes a statement, anything
    else a pass), the actor."""
    lines, out = _lines(data), []
    for i, line in enumerate(lines):
        record = json.loads(line)
        if record.get("type") != "action":
            continue
        action = record["action"]
        other = next(lid for lid in leaders if lid != action["actor"])
        kind = {"kind": "statement", "actor": action["actor"], "reason": "edited"} if action["kind"] == "pass" else \
            {"kind": "pass", "actor": action["actor"], "reason": action.get("reason", "")}
        for what, edited in (("reason", {**action, "reason": "EDITED " + action.get("reason", "")}),
                             ("kind", kind), ("actor", {**action, "actor": other})):
            changed = {**record, "action": edited}
            out.append((f"line {i + 1}: the move's {what} edited", _join(lines[:i] + [_dump(changed)] + lines[i + 1:])))
    return out


def some(items: list, count: int | None, seed: int = 0) -> list:
    """`count` of the items, chosen at random but the same every run (all of them when count is None)."""
    if count is None or count >= len(items):
        return items
    rng = np.random.default_rng(seed)
    return [items[i] for i in sorted(rng.choice(len(items), size=count, replace=False))]


# ----- the tests ------------------------------------------------------------------------------------------

def _same_game(files: Files):
    """A flip no rule reads: the same game; or one whose only difference is a built-in agent's reason template
    (the words a French account tells from the move's "said", its English intact), which a check of the agents'
    moves flags at its line (tests/test_forgery.py)."""
    def accept(result, path: Path) -> bool:
        state = getattr(result, "state", None)
        if state is None:
            return False
        if state == files.finished.state:
            return True
        return _in_english(state) == _in_english(files.finished.state) and bool(replay(path, check_agents=True).unlike)
    return accept


def _in_english(state) -> list:
    """The game's record with each reason as its English words alone."""
    def plain(data: dict) -> dict:
        action = data.get("action")
        return {**data, "action": {**action, "reason": str(action.get("reason", ""))}} if action else data
    return [(e.round, e.phase, e.type, e.actor, e.text, plain(e.data)) for e in state.history]


def test_truncated_saves_and_logs_are_refused(tutorial):
    cases = [(label, tutorial.write(data, ".summit"), SAVE_READERS, False, None)
             for label, data in truncations(tutorial.save_bytes)]
    cases += [(label, tutorial.write(data, ".jsonl"), LOG_READERS, False, None)
              for label, data in truncations(tutorial.log_bytes)]
    assert_none(*tally(cases))


def test_a_save_or_log_missing_only_its_last_newline_loads_whole(tutorial):
    save = tutorial.write(tutorial.save_bytes[:-1], ".summit")
    assert load(save).state == tutorial.session.state
    log = tutorial.write(tutorial.log_bytes[:-1], ".jsonl")
    assert replay(log).state == tutorial.finished.state


@pytest.mark.parametrize("count", [300])
def test_flipped_bytes_in_a_save_are_always_refused(tutorial, count):
    assert_none(*tally((label, tutorial.write(data, ".summit"), SAVE_READERS, False, None)
                       for label, data in flips(tutorial.save_bytes, count, seed=1)))


@pytest.mark.parametrize("count", [100])
def test_flipped_bytes_in_a_log_are_refused_unless_no_rule_reads_them(tutorial, count):
    assert_none(*tally((label, tutorial.write(data, ".jsonl"), LOG_READERS, False, _same_game(tutorial))
                       for label, data in flips(tutorial.log_bytes, count, seed=2)))


@pytest.mark.parametrize("count", [40])
def test_deleted_duplicated_and_swapped_lines_are_refused(tutorial, count):
    cases = [(label, tutorial.write(data, ".summit"), SAVE_READERS, False, None)
             for label, data in line_edits(tutorial.save_bytes)]
    cases += [(label, tutorial.write(data, ".jsonl"), LOG_READERS, False, None)
              for label, data in some(line_edits(tutorial.log_bytes), count)]
    assert_none(*tally(cases))


@pytest.mark.parametrize("count", [24])
def test_an_edited_move_is_refused_at_its_line_even_with_a_forged_checksum(tutorial, count):
    leaders = [leader.id for leader in tutorial.session.scenario.leaders]
    cases = [(label, tutorial.write(data, ".summit"), SAVE_READERS, False, None)
             for label, data in move_edits(tutorial.save_bytes, leaders)]
    cases += [(label + ", checksum forged", tutorial.write(reseal(data), ".summit"), (load, replay), True, None)
              for label, data in some(move_edits(tutorial.save_bytes, leaders), count, seed=1)]
    cases += [(label, tutorial.write(data, ".jsonl"), LOG_READERS, True, None)
              for label, data in some(move_edits(tutorial.log_bytes, leaders), count, seed=2)]
    assert_none(*tally(cases))


def _with_header(data: bytes, **changes) -> bytes:
    lines = _lines(data)
    return _join([_dump({**json.loads(lines[0]), **changes})] + lines[1:])


def _with_closing(data: bytes, **changes) -> bytes:
    lines = _lines(data)
    return _join(lines[:-1] + [_dump({**json.loads(lines[-1]), **changes})])


@pytest.mark.parametrize("save_format", [2, 99])
def test_a_save_from_a_future_summit_says_which_version_wrote_it_and_which_this_one_reads(tutorial, save_format):
    future = _with_closing(reseal(_with_header(tutorial.save_bytes, summit_version="9.1.0")), save_format=save_format)
    path = tutorial.write(future, ".summit")
    assert_none(1, problems(path, SAVE_READERS, line=True))
    for reader in SAVE_READERS:
        with pytest.raises(CLEAR) as error:
            reader(path)
        message = str(error.value)
        assert f"save format {save_format}" in message and "Summit 9.1.0" in message, message
        assert f"this Summit ({__version__}) reads save format {SAVE_FORMAT}" in message, message


def _format_refusals(tutorial, **header):
    """A log and a save whose header says `header`: each reader's refusal message (each refuses in one line
    starting FILE:1: and leaves the file as it was)."""
    log = tutorial.write(_with_header(tutorial.log_bytes, **header), ".jsonl")
    save = tutorial.write(reseal(_with_header(tutorial.save_bytes, **header)), ".summit")
    messages = []
    for path, readers in ((log, LOG_READERS), (save, SAVE_READERS)):
        assert_none(1, problems(path, readers, line=True))
        for reader in readers:
            with pytest.raises(CLEAR) as error:
                reader(path)
            messages.append((path, str(error.value)))
    return messages


def test_a_log_or_save_in_a_future_log_format_says_which_version_wrote_it(tutorial):
    for path, message in _format_refusals(tutorial, format=4, summit_version="9.1.0"):
        assert f"{path}:1: log format 4" in message and "Summit 9.1.0" in message, message
        assert f"this Summit ({__version__}) reads log format 3" in message, message


@pytest.mark.parametrize("retired", [1, 2])
def test_a_log_or_save_in_a_retired_log_format_names_its_version_and_the_tag_that_reads_it(tutorial, retired):
    """Log format 1 ended when the spending model changed, format 2 when seeds began to draw the leaders: their
    outcome lines no longer replay. Replay, debrief, Load and Continue (load) refuse such a file in one line
    naming the format and the git tag."""
    for path, message in _format_refusals(tutorial, format=retired):
        assert f"{path}:1: log format {retired} is no longer read" in message, message
        assert f"log-format-{retired}" in message, message


@pytest.mark.parametrize("closing", [{"save_format": "1"}, {"save_format": None}, {"save_format": 0},
                                     {"lines": "many"}, {"sha256": 7}, {"type": "saved"}])
def test_a_damaged_closing_line_is_refused_and_not_called_a_future_version(tutorial, closing):
    path = tutorial.write(_with_closing(tutorial.save_bytes, **closing), ".summit")
    assert_none(1, problems(path))
    with pytest.raises(SaveError) as error:
        load(path)
    assert "newer Summit" not in str(error.value) and "written by" not in str(error.value)


def test_files_that_are_not_saves_at_all_are_refused(tutorial, tmp_path):
    empty = tutorial.write(b"", ".summit")
    folder = tmp_path / "folder.summit"
    folder.mkdir()
    pipe = tmp_path / "pipe.summit"
    os.mkfifo(pipe)
    endless = tmp_path / "zero.summit"
    endless.symlink_to("/dev/zero")
    dangling = tmp_path / "dangling.summit"
    dangling.symlink_to(tmp_path / "nowhere")
    huge = tutorial.write(np.random.default_rng(0).bytes(20 * 1024 * 1024), ".summit")
    lines = _lines(tutorial.save_bytes)
    big = tutorial.write(_join(lines[:-1] + lines[1:-1] * (MAX_SAVE_BYTES // len(tutorial.save_bytes) + 2)), ".summit")
    bom = tutorial.write(b"\xef\xbb\xbf" + tutorial.save_bytes, ".summit")
    cases = [(name, path, SAVE_READERS, False, None) for name, path in
             (("empty", empty), ("a folder", folder), ("a pipe", pipe), ("/dev/zero", endless),
              ("a dangling link", dangling), ("missing", tmp_path / "missing.summit"), ("20 MB of noise", huge),
              ("20 MB of lines", big), ("a byte-order mark", bom))]
    cases += [(label.replace("summit", "log"), path, LOG_READERS, False, None) for label, path, *_ in cases]
    tried, found = tally(cases)
    assert_none(tried, found)
    messages = {}
    for name, path in (("empty", empty), ("folder", folder), ("pipe", pipe), ("zero", endless), ("huge", huge)):
        with pytest.raises(SaveError) as error:
            load(path)
        messages[name] = str(error.value)
    assert "empty" in messages["empty"]
    assert "is a folder" in messages["folder"]
    assert "not a regular file" in messages["pipe"] and "not a regular file" in messages["zero"]
    assert "too large" in messages["huge"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_an_unreadable_save_is_refused(tutorial):
    path = tutorial.write(tutorial.save_bytes, ".summit")
    path.chmod(0)
    try:
        assert_none(1, problems(path, SAVE_READERS))
        with pytest.raises(SaveError, match="cannot read"):
            load(path)
    finally:
        path.chmod(0o644)


def test_a_torn_last_line_of_a_live_log_is_reported_by_summit_replay_and_the_lines_before_are_intact(
        tutorial, capsys):
    session = _game("tutorial", 8, ("tusk",), 23, log=tutorial.folder / "live.jsonl")
    whole = session.log_path.read_bytes()
    torn = tutorial.write(whole[:-25], ".jsonl")
    code, out, err = cli(capsys, "replay", str(torn))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    count = len(_lines(whole))
    assert f"{torn}: the file is incomplete (it ends in the middle of line {count})" in err
    intact = tutorial.write(whole[: whole[:-25].rfind(b"\n") + 1], ".jsonl")
    _, records = read_records(intact, "log")
    assert records[1:] == [entry.to_json() for entry in session.state.history[: count - 2]]


# ----- the slow suite: many more flips, and a 33-leader game ---------------------------------------------

@pytest.fixture(scope="module")
def rutte_files(tmp_path_factory) -> Files:
    return Files(tmp_path_factory.mktemp("rutte"), "rutte_washington_2025", ("rutte", "sanchez", "trump"))


@pytest.mark.slow
def test_the_tutorial_damaged_every_way_with_many_more_flips(tutorial):
    test_flipped_bytes_in_a_save_are_always_refused(tutorial, 3000)
    test_flipped_bytes_in_a_log_are_refused_unless_no_rule_reads_them(tutorial, 1000)
    test_deleted_duplicated_and_swapped_lines_are_refused(tutorial, None)
    test_an_edited_move_is_refused_at_its_line_even_with_a_forged_checksum(tutorial, None)


@pytest.mark.slow
def test_a_large_game_damaged_every_way(rutte_files):
    files = rutte_files
    leaders = [leader.id for leader in files.session.scenario.leaders]
    cases = [(label, files.write(data, ".summit"), SAVE_READERS, False, None) for label, data in
             truncations(files.save_bytes) + line_edits(files.save_bytes) + flips(files.save_bytes, 300, seed=4)
             + move_edits(files.save_bytes, leaders)]
    cases += [(label + ", checksum forged", files.write(reseal(data), ".summit"), (load,), True, None)
              for label, data in some(move_edits(files.save_bytes, leaders), 40, seed=5)]
    cases += [(label, files.write(data, ".jsonl"), LOG_READERS, False, None) for label, data in
              some(truncations(files.log_bytes), 60, seed=6) + some(line_edits(files.log_bytes), 60, seed=7)]
    cases += [(label, files.write(data, ".jsonl"), LOG_READERS, False, _same_game(files))
              for label, data in flips(files.log_bytes, 100, seed=8)]
    cases += [(label, files.write(data, ".jsonl"), LOG_READERS, True, None)
              for label, data in some(move_edits(files.log_bytes, leaders), 40, seed=9)]
    assert_none(*tally(cases))


# ----- the previous autosave ---------------------------------------------------------------------------------

def _moved(session: Session, moves: int = 3) -> Session:
    for _ in range(moves):
        if session.waiting_for_human:
            session.submit(Pass(session.actor))
        else:
            session.agent_move()
    return session


def test_each_autosave_keeps_the_whole_one_it_replaces_and_a_damaged_one_never_replaces_the_backup(tmp_path):
    main, backup = tmp_path / "autosave.summit", tmp_path / "autosave.prev.summit"
    session = Session(check("tutorial").scenario, 2, ("tusk",))
    session.save(main, backup=backup)
    assert not backup.exists()
    first = main.read_bytes()
    session.save(main, backup=backup)                       # nothing new: nothing written, nothing rotated
    assert main.read_bytes() == first and not backup.exists()
    second = _moved(session).save(main, backup=backup).read_bytes()
    assert backup.read_bytes() == first
    main.write_bytes(second[:-30])                          # the autosave is damaged
    _moved(session).save(main, backup=backup)
    assert backup.read_bytes() == first                     # the damaged one did not push the good backup out
    assert load(main).state == session.state
    _moved(session).save(main, backup=backup)
    assert load(backup).state != session.state and load(main).state == session.state
    assert sorted(p.name for p in tmp_path.iterdir()) == ["autosave.prev.summit", "autosave.summit"]


@pytest.mark.parametrize("failing", [1, 2])
def test_a_crash_between_the_writes_leaves_both_autosaves_whole(tmp_path, monkeypatch, failing):
    """The autosave's writes end in two renames (the old file to the backup, the new one into place): a crash
    at either leaves a whole autosave and a whole backup."""
    import game.files.atomic
    main, backup = tmp_path / "autosave.summit", tmp_path / "autosave.prev.summit"
    session = _moved(Session(check("tutorial").scenario, 2, ("tusk",)))
    session.save(main, backup=backup)
    _moved(session).save(main, backup=backup)
    before = main.read_bytes(), backup.read_bytes()
    renames = []

    def crash(source, target):
        renames.append(target)
        if len(renames) == failing:
            raise KeyboardInterrupt("the power goes")  # as sudden as it gets inside Python
        return os.rename(source, target)
    monkeypatch.setattr(game.files.atomic.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        _moved(session).save(main, backup=backup)
    monkeypatch.undo()
    load(main), load(backup)
    if failing == 1:
        assert (main.read_bytes(), backup.read_bytes()) == before
    else:
        assert main.read_bytes() == backup.read_bytes() == before[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["autosave.prev.summit", "autosave.summit"]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _window_with_two_autosaves():
    """A window whose game has been autosaved twice: the autosave and the previous one differ."""
    app = make_app()
    app.start_session(_moved(Session(check("tutorial").scenario, 6, ("tusk",))), "tusk")
    app.autosave()
    previous = app.session.state
    _moved(app.session)
    app.autosave()
    return app, previous


def test_continue_loads_the_previous_autosave_when_the_autosave_is_damaged_and_says_so(home):
    _, previous = _window_with_two_autosaves()
    damaged = autosave_path().read_bytes()[:-20]
    autosave_path().write_bytes(damaged)
    app = make_app()
    app.show(LoadScene(app, back=None))
    labels = [label for _, label, _ in app.scene.entries]
    assert any(label.startswith("Previous autosave: Tutorial") for label in labels), labels
    assert "⚠ autosave.summit: cannot be loaded" in labels
    app.show(TitleScene(app))
    press(app, app.scene.buttons["continue"])
    assert scene_is(app, TableScene) and app.session.state == previous
    assert app.scene.status_text.startswith("The autosave could not be loaded, so this is the previous one.")
    assert str(autosave_path()) in app.scene.status_text and "incomplete" in app.scene.status_text
    assert load(autosave_path()).state == previous            # the game goes on from here, autosaved again
    assert load(autosave_backup_path()).state == previous


def test_continue_is_offered_with_only_the_previous_autosave_and_says_when_neither_loads(home):
    _, previous = _window_with_two_autosaves()
    autosave_path().unlink()
    app = make_app()
    app.show(TitleScene(app))
    press(app, app.scene.buttons["continue"])
    assert scene_is(app, TableScene) and app.session.state == previous
    for path in (autosave_path(), autosave_backup_path()):
        path.write_text("damaged\n", encoding="utf-8")
    app.show(TitleScene(app))
    press(app, app.scene.buttons["continue"])
    assert scene_is(app, TitleScene) and app.scene.notice.html_text.startswith("Neither autosave loads.")
    assert autosave_path().read_bytes() == autosave_backup_path().read_bytes() == b"damaged\n"  # both as they were


def test_the_temporary_files_of_a_killed_write_are_removed_by_a_later_write(tmp_path):
    main, backup = tmp_path / "autosave.summit", tmp_path / "autosave.prev.summit"
    old = [tmp_path / ".autosave.summit.0123abcd.summit-partial",
           tmp_path / ".autosave.prev.summit.0123abcd.summit-partial"]
    fresh = tmp_path / ".autosave.summit.4567cdef.summit-partial"      # perhaps another window's write in progress
    other = tmp_path / ".other.summit.0123abcd.summit-partial"
    for path in old + [fresh, other]:
        path.write_text("half a save", encoding="utf-8")
    for path in old + [other]:
        os.utime(path, (0, 0))
    session = _moved(Session(check("tutorial").scenario, 2, ("tusk",)))
    session.save(main, backup=backup)
    _moved(session).save(main, backup=backup)             # each write removes its own file's leftovers
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([main.name, backup.name, fresh.name, other.name])

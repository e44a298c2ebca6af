"""Killing the game (SIGKILL, no chance to clean up) at a random moment of play loses at most the move in
progress. A real window process (tests/crash_driver.py: the table, the round results, the teacher's controls,
random legal moves) is killed after a random delay; then a new window in this process, with the same user
folder, must offer "Continue" on its title screen, and the game it resumes must be the one the live log
holds: everything in the autosave is in the log, and what the log has beyond the autosave is the computers'
moves since the last autosave (which they make again, the same, when the game goes on) and at most one
person's or the teacher's move, the one being saved when the process died. The live log reads up to its last
complete line; a torn last line is reported by `summit replay` with its number.

The default suite kills a few games; `make test-slow` kills 100.
"""

from __future__ import annotations

import copy
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from ui_support import make_app, press, scene_is

from game.engine import MOVES, action_from_json
from game.play.replay import ReplayError, replay
from game.play.session import SaveError, Session, load, read_records
from game.ui.scenes import OutcomeScene, TableScene, TitleScene

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")

DRIVER = Path(__file__).resolve().parent / "crash_driver.py"
START_LIMIT = 60.0   # seconds for the window to start a game (a loaded machine is slow)


@dataclass
class Kill:
    home: Path
    seed: int
    delay: float          # seconds of play before the kill
    stderr: str


def kill_at_random(home: Path, seed: int) -> Kill:
    """Start the driver with its own user folder, wait until its game has begun (a live log exists), let it
    play for a random while, SIGKILL it."""
    rng = np.random.default_rng(seed)
    home.mkdir(parents=True)
    logs = home / "data" / "logs"
    errors = home / "driver-stderr.txt"
    env = {**os.environ, "SUMMIT_HOME": str(home), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    with open(errors, "w") as stderr:
        process = subprocess.Popen([sys.executable, str(DRIVER), str(seed)], env=env, cwd=DRIVER.parent.parent,
                                   stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        began = time.monotonic()
        while not (logs.is_dir() and any(logs.iterdir())):
            if process.poll() is not None or time.monotonic() - began > START_LIMIT:
                break
            time.sleep(0.005)
        delay = float(rng.uniform(0.0, 4.0))
        time.sleep(delay)
        alive = process.poll() is None
    finally:
        process.kill()    # SIGKILL
        process.wait()
    text = errors.read_text(errors="replace")
    assert alive, f"the window stopped before it was killed (exit {process.returncode}):\n{text[-3000:]}"
    return Kill(home, seed, delay, text)


def _moves(entries) -> list[dict]:
    return [entry for entry in entries if entry["type"] in MOVES]


def check_after_kill(kill: Kill, monkeypatch) -> dict:
    """Everything the next start must find after the kill (the assertions), and what it found (for a tally)."""
    monkeypatch.setenv("SUMMIT_HOME", str(kill.home))
    saves, logs = kill.home / "data" / "saves", kill.home / "data" / "logs"
    seen = {"torn log": False, "tail moves": 0, "person lost": False, "undo lost": False, "round behind": False,
            "leftovers": len([p for folder in (saves, logs) for p in folder.glob(".*")])}

    # the live logs as the killed process left them: every one reads up to its last complete line
    records_by_seed = {}
    for path in sorted(p for p in logs.glob("*.jsonl") if not p.name.startswith(".")):
        data = path.read_bytes()
        whole = data[: data.rfind(b"\n") + 1]
        if whole != data:  # a torn last line: summit replay says so, naming the line; the lines before are whole
            seen["torn log"] = True
            torn_line = whole.count(b"\n") + 1
            torn = rf"the file is incomplete \(it ends in the middle of line {torn_line}\)"
            with pytest.raises(ReplayError, match=torn):
                replay(path)
        intact = kill.home / "intact.jsonl"
        intact.write_bytes(whole)
        _, records = read_records(intact, "log")
        records_by_seed[records[0]["seed"]] = records[1:]
        intact.unlink()

    # the title screen offers Continue, and Continue resumes the game
    app = make_app()
    app.show(TitleScene(app))
    assert "continue" in app.scene.buttons, f"no Continue after the kill (saves: {sorted(saves.glob('*'))})"
    for path in (saves / "autosave.summit", saves / "autosave.prev.summit"):
        if path.exists():
            load(path)  # both load: a kill never leaves a damaged autosave
    press(app, app.scene.buttons["continue"])
    assert scene_is(app, TableScene) or scene_is(app, OutcomeScene), type(app.scene).__name__
    resumed: Session = app.session
    game = [entry.to_json() for entry in resumed.state.history]
    logged = records_by_seed.get(resumed.seed)
    if logged is not None:  # a game that ended before the kill closes its log with the outcome: not a move
        logged = [record for record in logged if record["type"] != "outcome"]
    if logged is None:  # killed after the game's first autosave, before its log began: nothing was played
        assert not _moves(game)
        return seen

    if logged[: len(game)] != game:
        # killed between an undo's rewriting of the log and the autosave after it: the log is the game undone
        undone = copy.copy(resumed)
        undone.log_path = None
        undone.undo()
        assert [entry.to_json() for entry in undone.state.history] == logged, "the autosave is not in the log"
        seen["undo lost"] = True
        return seen

    # what the log has beyond the autosave: the computers' moves since, and at most the one person's or
    # teacher's move that was being saved, as its last move
    tail = logged[len(game):]
    people = [entry for entry in _moves(tail) if entry["type"] == "teacher" or entry["actor"] in resumed.humans]
    assert len(people) <= 1 and (not people or people[0] is _moves(tail)[-1]), \
        f"more than the move in progress is missing from the autosave: {[e['text'] for e in people]}"
    seen["tail moves"] = len(_moves(tail))
    seen["person lost"] = bool(people)
    # nothing else is lost: played on, the resumed game makes the same computer moves the log has, and with
    # the person's move in progress made again it is the game of the log
    again = copy.copy(resumed)
    again.log_path = None
    for entry in _moves(tail):
        if entry in people:
            action = action_from_json(entry["action"])
            (again.teacher if entry["type"] == "teacher" else again.submit)(action)
        else:
            assert again.actor == entry["actor"], "the game does not go on as the log says"
            again.agent_move()
    assert [entry.to_json() for entry in again.state.history][: len(logged)] == logged
    # the autosave holds every round the log has completed, unless the process died saving the one that ended
    seen["round behind"] = any(entry["type"] == "result" for entry in tail)
    return seen


def kill_and_check(tmp_path, monkeypatch, count: int, seed: int, workers: int) -> list[dict]:
    seeds = [seed + index for index in range(count)]
    with ThreadPoolExecutor(workers) as pool:  # the processes run side by side; the checks one by one
        kills = list(pool.map(lambda s: kill_at_random(tmp_path / f"kill-{s}", s), seeds))
    found, failures = [], []
    for kill in kills:
        try:
            found.append(check_after_kill(kill, monkeypatch))
        except (AssertionError, SaveError) as error:
            failures.append(f"kill {kill.seed} after {kill.delay:.2f} s of play: {str(error)[:300]}")
    assert not failures, f"{len(failures)} of {count} kills lost more than the move in progress:\n" + \
        "\n".join(failures[:10])
    return found


def test_a_game_killed_at_random_moments_resumes_losing_at_most_the_move_in_progress(tmp_path, monkeypatch):
    found = kill_and_check(tmp_path, monkeypatch, count=3, seed=1, workers=3)
    print(tally(found))


@pytest.mark.slow
def test_a_hundred_kills(tmp_path, monkeypatch):
    found = kill_and_check(tmp_path, monkeypatch, count=100, seed=1000, workers=4)
    print(tally(found))


def tally(found: list[dict]) -> str:
    return (f"kills: {len(found)}; torn last log lines: {sum(f['torn log'] for f in found)}; the autosave behind "
            f"the log by a person's or the teacher's move: {sum(f['person lost'] for f in found)}, by an undo: "
            f"{sum(f['undo lost'] for f in found)}, by a round's end: {sum(f['round behind'] for f in found)}; "
            f"computer moves made again on resuming: at most {max(f['tail moves'] for f in found)}; leftover "
            f"temporary files: {sum(f['leftovers'] for f in found)}")

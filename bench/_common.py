"""What the benchmark scripts share: the machine they ran on, spreads of timings, one timed game, memory.

Not a benchmark itself; the scripts beside it import it (they run as `python bench/NAME.py`, so this folder
is on sys.path). Numbers go in bench/README.md and the issue notes, never into unit tests.
"""

from __future__ import annotations

import datetime
import math
import os
import platform
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project, when not installed

from game.agents import agents_for, names  # noqa: E402
from game.scenario.catalogue import resolve  # noqa: E402
from game.engine import Game, GameState, outcome, play  # noqa: E402
from game.scenario import Scenario, load_scenario  # noqa: E402


# ----- where the numbers come from ----------------------------------------------------------------
def git_head() -> str:
    """The commit checked out, read from .git's files (the benchmarks never run git), e.g.
    'main d25c9a23'; 'unknown' outside a repository."""
    git = ROOT / ".git"
    try:
        if git.is_file():   # a worktree: .git names its own directory, whose refs live in the common one
            git = (ROOT / git.read_text().strip().removeprefix("gitdir: ")).resolve()
        head = (git / "HEAD").read_text().strip()
    except OSError:
        return "unknown"
    if not head.startswith("ref: "):
        return head[:8]
    ref = head[5:]
    branch = ref.rsplit("/", 1)[-1]
    try:
        common = (git / (git / "commondir").read_text().strip()).resolve()
    except OSError:
        common = git
    for where in dict.fromkeys((git, common)):
        try:
            return f"{branch} {(where / ref).read_text().strip()[:8]}"
        except OSError:
            pass
        try:  # a ref git has packed away
            for line in (where / "packed-refs").read_text().splitlines():
                if line.endswith(" " + ref):
                    return f"{branch} {line.split()[0][:8]}"
        except OSError:
            pass
    return f"{branch} (commit unknown)"


def machine() -> str:
    """One line to paste beside the numbers: date, git HEAD, CPUs, Python, load."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{datetime.date.today().isoformat()}, HEAD {git_head()}, {usable} CPUs usable (nproc), "
            f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, load {load:.2f}")


# ----- timings ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Spread:
    """Median, 90th percentile (linear interpolation) and worst of some timings, in seconds."""

    median: float
    p90: float
    worst: float
    count: int

    @classmethod
    def of(cls, seconds: list[float]) -> "Spread":
        if not seconds:
            raise ValueError("a spread needs at least one timing, found none")
        values = np.asarray(seconds, dtype=float)
        return cls(float(np.median(values)), float(np.percentile(values, 90)), float(values.max()), len(values))

    def ms(self, digits: int = 1) -> str:
        """'median 12.3 ms, p90 14.0 ms, worst 20.1 ms'."""
        return (f"median {1000 * self.median:.{digits}f} ms, p90 {1000 * self.p90:.{digits}f} ms, "
                f"worst {1000 * self.worst:.{digits}f} ms")


def growth_exponent(size_1: float, cost_1: float, size_2: float, cost_2: float) -> float:
    """k in cost ~ size**k between two measurements: 1 is linear, 2 quadratic."""
    return math.log(cost_2 / cost_1) / math.log(size_2 / size_1)


def target(met: bool) -> str:
    return "met" if met else "NOT met"


TARGETS = ROOT / "bench" / ".targets.json"   # the latest verdict of each target (not in git): bench/targets.py


def record_target(number: str, goal: str, measured: str, met: bool) -> None:
    """Keep this run's verdict on one target, with the machine line, for bench/targets.py's table."""
    import json

    try:
        kept = json.loads(TARGETS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    kept[number] = {"goal": goal, "measured": measured, "met": bool(met), "machine": machine()}
    TARGETS.write_text(json.dumps(kept, indent=1, sort_keys=True) + "\n", encoding="utf-8")


# ----- one game -----------------------------------------------------------------------------------
def bundled(spec: str) -> Scenario:
    """A scenario by bundled id or path, validated as `summit run` validates it."""
    return load_scenario(resolve(spec), names())


@dataclass(frozen=True)
class TimedGame:
    seconds: float      # wall clock: Game, agents, play to the end, outcome
    state: GameState

    @property
    def actions(self) -> int:
        """Leaders' actions taken (log entries of type action; events and results are not actions)."""
        return sum(1 for entry in self.state.history if entry.type == "action")

    @property
    def rounds(self) -> int:
        return self.state.round


def timed_game(scenario: Scenario, seed: int) -> TimedGame:
    """One headless game as `summit run` and a batch play it (scenario's agents, outcome computed),
    timed on the wall clock from building the Game to its outcome."""
    start = time.perf_counter()
    game = Game(scenario, seed)
    state = play(game, agents_for(scenario))
    outcome(game, state)
    return TimedGame(time.perf_counter() - start, state)


# ----- memory -------------------------------------------------------------------------------------
def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB of this process (or of its largest waited-for child), from getrusage."""
    kilobytes = resource.getrusage(who).ru_maxrss
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / 2**20  # macOS counts bytes

"""Batches: one scenario played over many seeds, reduced game by game to a row and a running tally.

Run i of a batch with first seed S plays seed S + i, so its row is what `summit run --seed S+i --json`
prints, whatever the number of jobs. `play_batch` plays the runs (in this process, or in a pool of worker
processes, each started once and handed small chunks of run indices) and yields one
`BatchRow` per game as it finishes; `Tally` keeps only counts of the distinct values the summary needs, so
memory does not grow with the number of runs; `RowWriter` (batch_file.py) streams rows to CSV or JSON
lines in run order.
Pure computation and files: no printing, no pygame. `summit batch` shows it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import multiprocessing
import multiprocessing.connection
import signal
import threading
import time
import traceback
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..scenario import Effect, Issue, Scenario
from .tournament import ROLE_ORDER, csv_value, wilson_interval

FIXED_COLUMNS = ("run", "seed", "agreed", "termination", "rounds")
TAIL_COLUMNS = ("carve_outs",)
END_COLUMNS = ("delivered_share", "us_guarantee_after")
ROW_SUFFIXES = (".csv", ".jsonl")

CHUNK_SECONDS = 0.25   # work handed to a worker at a time: short, so Ctrl-C loses little and progress is smooth
MAX_CHUNK = 100        # games per chunk, however fast they are


# ----- one game, one row --------------------------------------------------------------------------------

@dataclass(frozen=True)
class BatchRow:
    """One game of a batch, with the numbers rounded as `summit run --json` prints them."""

    run: int                                 # 0, 1, ...: the run index; the game's seed is the batch's S + run
    seed: int
    agreed: bool
    termination: str                         # "adopted" or "no_deal"
    rounds: int
    terms: dict[str, float | str]            # issue id -> the value in force (adopted, or the no-deal terms)
    carve_outs: int                          # allies given a later deadline (0 without a deal)
    pledged: dict[str, float | None]         # ally id -> % GDP committed (None: the ally reports no spending)
    projected: dict[str, float | None]       # ally id -> % GDP at the end of the implementation years
    scores: dict[str, float]                 # leader id -> 0..100
    delivered_share: float                   # GDP-weighted share of the promised progress delivered
    us_guarantee_after: str | None           # the guarantee the US keeps after its review (None: no such issue)
    package: str = ""                        # the adopted package (terms and each carve-out), for counting; not a column
    failures: tuple[tuple[str, str], ...] = ()   # users' agents that failed in this game: (agent, Failure.message);
                                                 # not a column

    def to_json(self) -> dict[str, Any]:
        return {"run": self.run, "seed": self.seed, "agreed": self.agreed, "termination": self.termination,
                "rounds": self.rounds, "in_force": dict(self.terms), "carve_outs": self.carve_outs,
                "pledged": dict(self.pledged), "projected": dict(self.projected), "scores": dict(self.scores),
                "delivered_share": self.delivered_share, "us_guarantee_after": self.us_guarantee_after}


def row_of(scenario: Scenario, run: int, outcome) -> BatchRow:
    """The row of a finished game's Outcome, rounded as Outcome.to_json rounds it (which it does not call:
    the participation records it also builds would cost a batch of small games a few per cent)."""
    def pct(value):
        return None if value is None else round(float(value), 2)
    allies = {ally.id: ally for ally in outcome.allies}
    return BatchRow(
        run=run, seed=outcome.seed, agreed=outcome.agreed, termination=outcome.termination.value,
        rounds=outcome.rounds, terms={issue.id: outcome.in_force[issue.id] for issue in scenario.issues},
        carve_outs=len(outcome.in_force.carve_outs),
        pledged={ally.id: pct(allies[ally.id].pledged) for ally in scenario.allies},
        projected={ally.id: pct(allies[ally.id].projected) for ally in scenario.allies},
        scores={leader.id: round(outcome.scores[leader.id], 1) for leader in scenario.leaders},
        delivered_share=round(outcome.delivered_share, 3), us_guarantee_after=outcome.us_guarantee_after,
        package=repr((tuple(outcome.in_force.as_dict().items()), outcome.in_force.carve_outs)) if outcome.agreed else "")


def columns(scenario: Scenario) -> tuple[str, ...]:
    """The CSV header: run, seed, agreed, termination, rounds, each issue's value in force (by issue id),
    carve_outs, pledged_<ally> and projected_<ally> for every ally, score_<leader> for every leader,
    delivered_share, us_guarantee_after. ValueError if an issue id takes a name the other columns use."""
    names = (*FIXED_COLUMNS, *(issue.id for issue in scenario.issues), *TAIL_COLUMNS,
             *(f"pledged_{ally.id}" for ally in scenario.allies), *(f"projected_{ally.id}" for ally in scenario.allies),
             *(f"score_{leader.id}" for leader in scenario.leaders), *END_COLUMNS)
    taken = [name for name, count in Counter(names).items() if count > 1]
    if taken:
        raise ValueError(f"an issue's id is also the name of another column of the rows: {', '.join(taken)}")
    return names


def csv_cells(row: BatchRow) -> list[str]:
    """A row's cells in the order of `columns`: true/false, numbers without a trailing .0, blank for None."""
    def cell(value) -> str:
        return "" if value is None else csv_value(value)
    return [str(row.run), str(row.seed), "true" if row.agreed else "false", row.termination, str(row.rounds),
            *(cell(value) for value in row.terms.values()), str(row.carve_outs),
            *(cell(value) for value in row.pledged.values()), *(cell(value) for value in row.projected.values()),
            *(f"{value:.1f}" for value in row.scores.values()), cell(row.delivered_share),
            cell(row.us_guarantee_after)]


# ----- distributions kept as counts ---------------------------------------------------------------------

@dataclass(frozen=True)
class Spread:
    """A distribution in five numbers: the mean, the 10th percentile, the median and the 90th percentile
    (percentiles interpolated linearly between the sorted values, as numpy.quantile does)."""

    mean: float
    p10: float
    median: float
    p90: float

    def to_json(self) -> dict[str, float]:
        return {"mean": round(self.mean, 3), "p10": round(self.p10, 3), "median": round(self.median, 3),
                "p90": round(self.p90, 3)}


class Counts:
    """How often each value occurred. The values a batch summarises sit on grids (scores to 0.1, spending to
    0.01% of GDP, the issues' own steps), so this stays small however many games are added, and the mean
    and percentiles come out exact and independent of the order the values arrived in."""

    __slots__ = ("counter",)

    def __init__(self) -> None:
        self.counter: Counter = Counter()

    def add(self, value) -> None:
        self.counter[value] += 1

    @property
    def n(self) -> int:
        return sum(self.counter.values())

    def items(self) -> list[tuple[Any, int]]:
        """(value, count) pairs, the values in increasing order."""
        return sorted(self.counter.items())

    def quantile(self, q: float) -> float:
        """The q-quantile (0 <= q <= 1) with numpy's default (linear) interpolation."""
        items = self.items()
        position = (self.n - 1) * q
        low = math.floor(position)
        below, above = self._order_statistic(items, low), self._order_statistic(items, min(low + 1, self.n - 1))
        return float(below + (position - low) * (above - below))

    @staticmethod
    def _order_statistic(items: list[tuple[Any, int]], k: int) -> float:
        seen = 0
        for value, count in items:
            seen += count
            if k < seen:
                return float(value)
        raise IndexError(k)

    def spread(self) -> Spread | None:
        """None when nothing was counted."""
        n = self.n
        if n == 0:
            return None
        mean = sum(float(value) * count for value, count in self.items()) / n
        return Spread(mean, self.quantile(0.1), self.quantile(0.5), self.quantile(0.9))


# ----- the summary --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BatchSummary:
    """What the finished runs of a batch came to. Distributions "over agreed runs" are None when none agreed."""

    scenario: str
    seed: int
    runs: int                                        # runs asked for
    finished: int                                    # runs summarised (fewer when the batch was stopped)
    overrides: dict[str, str]
    agreements: int
    agreement_rate: float
    agreement_ci: tuple[float, float]                # 95% Wilson score interval
    rounds_to_agreement: Spread | None               # over agreed runs
    rounds: dict[int, int]                           # rounds -> agreed runs that took that many
    terms: dict[str, Spread | None]                  # range issues, over agreed runs (options issues: None)
    term_counts: dict[str, dict[float | str, int]]   # issue id -> value -> agreed runs (options: every option)
    carve_outs: Spread | None                        # over agreed runs
    distinct_packages: int                           # adopted packages that differ (terms or any carve-out)
    pledged: dict[str, Spread | None]                # ally id -> over all runs (None: reports no spending)
    projected: dict[str, Spread | None]
    scores: dict[str, Spread]                        # leader id -> over all runs
    role_scores: dict[str, Spread]                   # role -> the per-run average of its leaders (to 0.01)
    delivered_share: Spread
    us_guarantee_after: dict[str, int] | None        # option -> runs, over all runs (None: no such issue)

    def to_json(self) -> dict[str, Any]:
        def spread(value: Spread | None):
            return None if value is None else value.to_json()
        terms = {}
        for issue, counts in self.term_counts.items():
            if not self.agreements:
                terms[issue] = None
                continue
            entry = {"counts": {csv_value(value): count for value, count in counts.items()}}
            if self.terms[issue] is not None:
                entry.update(self.terms[issue].to_json())
            terms[issue] = entry
        return {
            "scenario": self.scenario, "seed": self.seed, "runs": self.runs, "finished": self.finished,
            "overrides": dict(self.overrides), "agreements": self.agreements,
            "agreement_rate": round(self.agreement_rate, 4),
            "agreement_ci": [round(self.agreement_ci[0], 4), round(self.agreement_ci[1], 4)],
            "rounds_to_agreement": spread(self.rounds_to_agreement),
            "rounds": {str(rounds): count for rounds, count in self.rounds.items()},
            "terms": terms, "carve_outs": spread(self.carve_outs), "distinct_packages": self.distinct_packages,
            "allies": {ally: {"pledged": spread(self.pledged[ally]), "projected": spread(self.projected[ally])}
                       for ally in self.pledged},
            "scores": {leader: spread(value) for leader, value in self.scores.items()},
            "role_scores": {role: spread(value) for role, value in self.role_scores.items()},
            "delivered_share": spread(self.delivered_share),
            "us_guarantee_after": None if self.us_guarantee_after is None else dict(self.us_guarantee_after),
        }


class Tally:
    """The running summary of a batch: add rows in any order, ask for the summary at any time."""

    def __init__(self, scenario: Scenario, runs: int, seed: int = 0, overrides: Mapping[str, str] | None = None):
        self.scenario, self.runs, self.seed, self.overrides = scenario, runs, seed, dict(overrides or {})
        self.finished = self.agreements = 0
        self.rounds, self.carve_outs, self.delivered = Counts(), Counts(), Counts()
        self.terms = {issue.id: Counts() for issue in scenario.issues}
        self.pledged = {ally.id: Counts() for ally in scenario.allies}
        self.projected = {ally.id: Counts() for ally in scenario.allies}
        self.scores = {leader.id: Counts() for leader in scenario.leaders}
        self.roles = {role.value: [leader.id for leader in scenario.leaders if leader.role == role]
                      for role in ROLE_ORDER if any(leader.role == role for leader in scenario.leaders)}
        self.role_scores = {role: Counts() for role in self.roles}
        self.guarantee = Counts()
        self.packages: set[str] = set()

    def add(self, row: BatchRow) -> None:
        self.finished += 1
        if row.agreed:
            self.agreements += 1
            self.rounds.add(row.rounds)
            self.carve_outs.add(row.carve_outs)
            self.packages.add(row.package)
            for issue, value in row.terms.items():
                self.terms[issue].add(value)
        for ally, value in row.pledged.items():
            if value is not None:
                self.pledged[ally].add(value)
        for ally, value in row.projected.items():
            if value is not None:
                self.projected[ally].add(value)
        for leader, value in row.scores.items():
            self.scores[leader].add(value)
        for role, leaders in self.roles.items():
            self.role_scores[role].add(round(sum(row.scores[leader] for leader in leaders) / len(leaders), 2))
        self.delivered.add(row.delivered_share)
        if row.us_guarantee_after is not None:
            self.guarantee.add(row.us_guarantee_after)

    def summary(self) -> BatchSummary:
        """The summary of the rows added so far (at least one)."""
        if self.finished == 0:
            raise ValueError("a batch summary needs at least one finished run")
        scenario = self.scenario
        guarantee = scenario.issue_with(Effect.US_GUARANTEE)
        return BatchSummary(
            scenario=scenario.id, seed=self.seed, runs=self.runs, finished=self.finished, overrides=self.overrides,
            agreements=self.agreements, agreement_rate=self.agreements / self.finished,
            agreement_ci=wilson_interval(self.agreements, self.finished),
            rounds_to_agreement=self.rounds.spread(), rounds=dict(self.rounds.items()),
            terms={issue.id: self.terms[issue.id].spread() if issue.is_range else None for issue in scenario.issues},
            term_counts={issue.id: _term_counts(issue, self.terms[issue.id]) for issue in scenario.issues},
            carve_outs=self.carve_outs.spread(), distinct_packages=len(self.packages),
            pledged={ally: counts.spread() for ally, counts in self.pledged.items()},
            projected={ally: counts.spread() for ally, counts in self.projected.items()},
            scores={leader: counts.spread() for leader, counts in self.scores.items()},
            role_scores={role: counts.spread() for role, counts in self.role_scores.items()},
            delivered_share=self.delivered.spread(),
            us_guarantee_after=None if guarantee is None else
            {option: self.guarantee.counter[option] for option in guarantee.options})


def _term_counts(issue: Issue, counts: Counts) -> dict[float | str, int]:
    if issue.is_range:
        return dict(counts.items())
    return {option: counts.counter[option] for option in issue.options}


# ----- playing the runs ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class AgentRules:
    """How a batch treats users' agents that fail (engine.loop.Containment): by default the built-in agent for
    the role takes the failed agent's seat for the rest of that game; `strict` stops the batch instead.
    `seconds`: a decision's time limit (None: engine.loop.DECISION_SECONDS)."""

    strict: bool = False
    seconds: float | None = None
    isolate: bool = False   # users' agents each in a process of their own (game/agents/isolate.py)


class _Player:
    """What a process needs to play any run of the batch, built once: the scenario, the agent mix, where the
    logs go and how users' agents' failures are treated."""

    def __init__(self, scenario: Scenario, overrides: dict[str, str], seed: int, logs: Path | None,
                 rules: AgentRules = AgentRules()):
        from ..agents import chosen_names

        self.scenario, self.overrides, self.seed, self.logs, self.rules = scenario, overrides, seed, logs, rules
        self.agent_names = chosen_names(scenario, overrides)

    def play(self, run: int) -> BatchRow:
        row, text = self.play_run(run, self.logs is not None)
        if text is not None:
            self.write_log(run, text)
        return row

    def play_run(self, run: int, with_log: bool) -> tuple[BatchRow, str | None]:
        """Run `run`'s row and, with_log, the text of its log (what `summit run --log` writes), unwritten:
        a Dask worker sends it back to be written where the batch was started."""
        from .. import __version__
        from ..agents import containment
        from ..agents.isolate import Limits, seated
        from ..engine import Game, log, outcome, play

        seed = self.seed + run
        game = Game(self.scenario, seed)
        guard = containment(self.scenario, self.rules.strict, self.rules.seconds)
        limits = Limits.of(self.rules.seconds) if self.rules.isolate else None
        with seated(self.scenario, seed, self.overrides, limits) as agents:
            state = play(game, agents, containment=guard)
        result = outcome(game, state)
        text = None
        if with_log:
            scenario = self.scenario
            text = log.write(scenario.source_text, scenario.id, seed, self.agent_names, __version__, state, result,
                             information=scenario.information, rounds=scenario.shortened_to,
                             events_at=scenario.events_moved,
                             notes=[(failure.entry, failure.to_json()) for failure in guard.failures])
        row = row_of(self.scenario, run, result)
        if guard.failures:
            row = dataclasses.replace(row, failures=tuple((failure.agent, failure.message) for failure in guard.failures))
        return row, text

    def write_log(self, run: int, text: str) -> None:
        """OSError naming the log if it cannot be written."""
        from ..files import write_atomically

        path = log_path(self.logs, run, self.seed + run)
        try:
            write_atomically(path, text)
        except OSError as error:   # name the log (a full disk's error names no file)
            raise OSError(error.errno, error.strerror or str(error), str(path)) from None


def log_path(folder: Path, run: int, seed: int) -> Path:
    """Where --logs DIR puts run i's log: DIR/run-<i>-seed-<seed>.jsonl."""
    return folder / f"run-{run}-seed-{seed}.jsonl"


def _work(connection, scenario: Scenario, overrides: dict[str, str], seed: int, logs: Path | None,
          agents_path: str | None, rules: AgentRules = AgentRules()) -> None:
    """A worker process: build the player once, then play the chunks of runs (start, stop) the parent sends
    until it sends None, answering each with ("rows", rows, seconds) or, once, ("error", exception, text)."""
    # Ctrl-C reaches every process of the terminal's foreground group: the parent decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits its parent's handlers: if the parent had started SDL (which catches SIGTERM
    # to post a quit event), terminate() would no longer stop the worker, and close() would wait forever.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        from ..agents import AGENTS, chosen_names, load_agents_path

        if agents_path and not set(chosen_names(scenario, overrides).values()) <= set(AGENTS):
            load_agents_path(agents_path)   # a spawned worker (not forked): the user's agents are not loaded yet
        player = _Player(scenario, overrides, seed, logs, rules)
        while (task := connection.recv()) is not None:
            began = time.perf_counter()
            rows = [player.play(run) for run in range(*task)]
            connection.send(("rows", rows, time.perf_counter() - began))
    except EOFError:   # the parent has gone
        pass
    except BaseException as error:
        text = traceback.format_exc()
        try:
            connection.send(("error", error, text))
        except Exception:   # an exception that does not pickle: its text will do
            connection.send(("error", RuntimeError(f"{type(error).__name__}: {error}"), text))


class WorkerError(RuntimeError):
    """A worker process stopped without saying why (killed, out of memory, a crash in a C library)."""


@dataclass(eq=False)
class _Worker:
    process: Any
    connection: Any
    chunks: int = 0   # chunks sent and not yet answered


@contextlib.contextmanager
def interrupts_asked():
    """Ctrl-C inside the block is noted in the list yielded, for the loop playing games to raise KeyboardInterrupt
    itself, between games. Left to Python's own handler, the KeyboardInterrupt could be raised inside a finalizer
    or a weak reference's callback (a Dask future's __del__, a generator closed by the garbage collector), where
    Python prints "Exception ignored" and drops it: the batch then ran to the end. Outside the main thread, or
    while Ctrl-C is ignored (a background job), nothing changes."""
    asked: list[int] = []
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        yield asked
        return
    previous = signal.signal(signal.SIGINT, lambda number, frame: asked.append(number))
    try:
        yield asked
    finally:
        signal.signal(signal.SIGINT, previous)


class BatchRuns:
    """The games of a batch, as an iterator of rows in the order they finish, and a context manager that
    stops the workers on the way out (at the end, on an error, or on Ctrl-C)."""

    def __init__(self, scenario: Scenario, overrides: dict[str, str], runs: int, seed: int, jobs: int,
                 logs: Path | None, agents_path: str | None, rules: AgentRules = AgentRules()):
        self._player = _Player(scenario, overrides, seed, logs, rules)
        self.runs, self.jobs = runs, max(1, min(jobs, runs))
        self._workers: list[_Worker] = []
        if self.jobs == 1:
            return
        context = multiprocessing.get_context()
        # Workers start with SIGINT ignored (kept across fork and exec), so Ctrl-C never prints a worker's
        # traceback; _work ignores it again in case the platform starts them some other way.
        in_main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main else None
        try:
            for _ in range(self.jobs):
                mine, theirs = context.Pipe()
                process = context.Process(target=_work, args=(theirs, scenario, overrides, seed, logs, agents_path, rules),
                                          name="summit-batch-worker", daemon=True)
                process.start()
                theirs.close()
                self._workers.append(_Worker(process, mine))
        except BaseException:
            self.close(wait=False)
            raise
        finally:
            if in_main:
                signal.signal(signal.SIGINT, previous)

    def __enter__(self) -> "BatchRuns":
        return self

    def __exit__(self, error_type, error, trace) -> None:
        self.close(wait=error_type is None)

    def close(self, wait: bool = True) -> None:
        """Stop the workers: idle ones are asked to stop (wait=True); otherwise, or if they do not, they are
        terminated, and chunks they were playing are dropped."""
        for worker in self._workers:
            if wait and worker.process.is_alive():
                with contextlib.suppress(OSError):
                    worker.connection.send(None)
        for worker in self._workers:
            if wait:
                worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
            worker.process.join()
            worker.connection.close()
        self._workers = []

    def __iter__(self) -> Iterator[BatchRow]:
        if not self._workers:
            with interrupts_asked() as asked:
                for run in range(self.runs):
                    row = None if asked else self._player.play(run)
                    if asked:   # Ctrl-C: raised here, between games, where nothing can swallow it
                        raise KeyboardInterrupt
                    yield row
            return
        next_run, games, seconds = 0, 0, 0.0

        def hand_out(worker: _Worker) -> None:
            # About CHUNK_SECONDS of work per chunk (one game until the speed is known), and no more than a
            # fair share of what is left, so that the workers finish together.
            nonlocal next_run
            size = 1 if not games else max(1, min(MAX_CHUNK, round(CHUNK_SECONDS * games / seconds)))
            size = min(size, math.ceil((self.runs - next_run) / (2 * len(self._workers))))
            try:
                worker.connection.send((next_run, next_run + size))
            except ConnectionError:
                raise WorkerError(f"a worker process stopped (exit code {worker.process.exitcode})") from None
            worker.chunks += 1
            next_run += size

        # Two chunks per worker in flight: a worker never waits for the parent, and what is in flight (and
        # what the writer may hold back to keep run order) stays bounded however many runs there are.
        for _ in range(2):
            for worker in self._workers:
                if next_run < self.runs:
                    hand_out(worker)
        by_connection = {worker.connection: worker for worker in self._workers}
        by_sentinel = {worker.process.sentinel: worker for worker in self._workers}
        while any(worker.chunks for worker in self._workers):
            busy = [worker for worker in self._workers if worker.chunks]
            ready = multiprocessing.connection.wait([worker.connection for worker in busy] +
                                                    [worker.process.sentinel for worker in busy])
            for handle in ready:
                worker = by_connection.get(handle) or by_sentinel[handle]
                if handle is worker.process.sentinel and worker.connection.poll():
                    continue   # it ended after answering: read the answer first
                try:
                    message = worker.connection.recv() if handle is worker.connection else None
                except (EOFError, ConnectionError):
                    message = None
                if message is None:
                    raise WorkerError(f"a worker process stopped while playing (exit code "
                                      f"{worker.process.exitcode})")
                if message[0] == "error":
                    error, text = message[1], message[2]
                    error.add_note(f"in a worker process:\n{text}")
                    raise error
                rows, took = message[1], message[2]
                worker.chunks -= 1
                games, seconds = games + len(rows), seconds + max(took, 1e-6)
                if next_run < self.runs:
                    hand_out(worker)
                yield from rows


def play_batch(scenario: Scenario, runs: int, seed: int = 0, jobs: int = 1, overrides: dict[str, str] | None = None,
               logs: Path | None = None, agents_path: str | None = None, rules: AgentRules = AgentRules()) -> BatchRuns:
    """Play runs 0 .. runs-1 on seeds seed .. seed+runs-1, `jobs` at a time (1: in this process), as
    `with play_batch(...) as games: for row in games: ...`. Rows come in the order games finish; with
    `logs`, each game's log is written to log_path(logs, run, seed). Overrides must already be valid.
    (batch_dask.play_batch_on_dask plays the same rows on a Dask cluster.)"""
    check_batch(scenario, runs)
    if jobs < 1:
        raise ValueError(f"a batch needs at least one job, found {jobs}")
    return BatchRuns(scenario, dict(overrides or {}), runs, seed, jobs, logs, agents_path, rules)


def check_batch(scenario: Scenario, runs: int) -> None:
    """ValueError if the scenario cannot be batched or there is nothing to play."""
    if runs < 1:
        raise ValueError(f"a batch needs at least one run, found {runs}")
    if scenario.is_bilateral:
        raise ValueError(f"{scenario.id} uses the bilateral protocol, which batches do not summarise")

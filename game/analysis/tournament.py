"""Tournaments: one scenario played over many seeds by several mixes of agents, and what came of it.

`play_tournament` plays every mix on the same seeds (S, S+1, ..., S+N-1) and returns one record per game
and one summary per mix. It is pure computation: no printing, no pygame. `summit tournament` shows it.
The same arguments give the same result, number for number: each game is seeded like `summit run --seed`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..agents import containment
from ..agents.isolate import Limits, seated
from ..engine import Game, outcome, play
from ..scenario import Issue, Role, Scenario

SCENARIO_MIX = "scenario"
"""The name of the mix that keeps the agents the scenario file names."""

Z_95 = 1.959963984540054  # the standard normal quantile for a two-sided 95% interval

ROLE_ORDER = (Role.SECRETARY_GENERAL, Role.US_PRESIDENT, Role.MEMBER)


@dataclass(frozen=True)
class Mix:
    """A mix of agents: overrides in the form `summit run --agents` takes (WHO -> agent name, WHO a leader id
    or a role); leaders it does not name keep the scenario's agent. No overrides = the scenario's own mix."""

    name: str
    overrides: dict[str, str]


@dataclass(frozen=True)
class RunRecord:
    """One game of a tournament."""

    mix: str
    seed: int
    agreed: bool
    termination: str                     # "adopted" or "no_deal"
    rounds: int
    terms: dict[str, float | str]        # issue id -> the value in force (adopted, or the no-deal terms)
    carve_outs: int                      # allies given a later deadline (always 0 without a deal)
    scores: dict[str, float]             # leader id -> 0..100, in the scenario's leader order
    failures: tuple[tuple[str, str], ...] = ()   # users' agents that failed: (agent, Failure.message)


@dataclass(frozen=True)
class Stat:
    """Mean and sample standard deviation (n - 1; 0 for a single value)."""

    mean: float
    sd: float

    def to_json(self) -> dict[str, float]:
        return {"mean": round(self.mean, 2), "sd": round(self.sd, 2)}


@dataclass(frozen=True)
class AgreedTerm:
    """What the agreed runs settled on one issue: the mean value (range issues), or the most common option
    and the share of agreed runs that chose it (options issues)."""

    mean: float | None = None
    option: str | None = None
    share: float | None = None

    def to_json(self) -> dict[str, Any]:
        if self.option is not None:
            return {"option": self.option, "share": round(self.share, 4)}
        return {"mean": round(self.mean, 3)}


@dataclass(frozen=True)
class MixSummary:
    """A mix's results over all its runs. Averages "over agreed runs" are None when no run agreed."""

    name: str
    overrides: dict[str, str]
    runs: int
    agreements: int
    agreement_rate: float
    agreement_ci: tuple[float, float]            # 95% Wilson score interval of the agreement rate
    rounds_to_agreement: float | None            # mean rounds over agreed runs
    agreed_terms: dict[str, AgreedTerm | None]   # issue id -> over agreed runs
    carve_outs: float | None                     # mean carve-outs over agreed runs
    scores: dict[str, Stat]                      # leader id -> over all runs
    role_scores: dict[str, Stat]                 # role -> the per-run average of its leaders, over all runs

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "overrides": dict(self.overrides),
            "runs": self.runs,
            "agreements": self.agreements,
            "agreement_rate": round(self.agreement_rate, 4),
            "agreement_ci": [round(self.agreement_ci[0], 4), round(self.agreement_ci[1], 4)],
            "rounds_to_agreement": None if self.rounds_to_agreement is None else round(self.rounds_to_agreement, 2),
            "agreed_terms": {issue: None if term is None else term.to_json()
                             for issue, term in self.agreed_terms.items()},
            "carve_outs": None if self.carve_outs is None else round(self.carve_outs, 2),
            "scores": {leader: stat.to_json() for leader, stat in self.scores.items()},
            "role_scores": {role: stat.to_json() for role, stat in self.role_scores.items()},
        }


@dataclass(frozen=True)
class Tournament:
    scenario: Scenario
    runs: int                            # games per mix
    seed: int                            # the first seed; the runs use seed .. seed + runs - 1
    records: tuple[RunRecord, ...]       # mix by mix, seed by seed
    summaries: tuple[MixSummary, ...]    # in the order the mixes were given

    def to_json(self) -> dict[str, Any]:
        return {"scenario": self.scenario.id, "runs": self.runs, "seed": self.seed,
                "mixes": [summary.to_json() for summary in self.summaries]}

    def csv_text(self) -> str:
        """One row per game: mix, seed, agreed, termination, rounds, the value in force of each issue (by issue
        id), carve_outs, then each leader's score (by leader id)."""
        issue_ids = [issue.id for issue in self.scenario.issues]
        leader_ids = [leader.id for leader in self.scenario.leaders]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["mix", "seed", "agreed", "termination", "rounds", *issue_ids, "carve_outs", *leader_ids])
        for record in self.records:
            writer.writerow([record.mix, record.seed, "true" if record.agreed else "false", record.termination,
                             record.rounds, *(csv_value(record.terms[issue]) for issue in issue_ids), record.carve_outs,
                             *(f"{record.scores[leader]:.1f}" for leader in leader_ids)])
        return buffer.getvalue()


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for a proportion: unlike the normal approximation it stays inside [0, 1]
    and is not empty at 0 or `trials` successes (Wilson 1927, J. Am. Stat. Assoc. 22: 209-212)."""
    if trials <= 0:
        raise ValueError(f"the interval needs at least one trial, found {trials}")
    rate = successes / trials
    denominator = 1 + z * z / trials
    centre = (rate + z * z / (2 * trials)) / denominator
    half_width = z * np.sqrt(rate * (1 - rate) / trials + z * z / (4 * trials * trials)) / denominator
    # At 0 or all successes the bound is exactly the rate; floating point may land a hair inside it.
    low = 0.0 if successes == 0 else max(0.0, float(centre - half_width))
    high = 1.0 if successes == trials else min(1.0, float(centre + half_width))
    return low, high


def play_tournament(scenario: Scenario, mixes: Sequence[Mix], runs: int, seed: int = 0,
                    progress: Callable[[Mix, int], None] | None = None, strict: bool = False,
                    seconds: float | None = None, isolate: bool = False) -> Tournament:
    """Play `runs` games per mix on seeds seed .. seed + runs - 1; every mix plays the same seeds.
    `progress(mix, games_done)` is called after each game. Overrides must already be valid (as
    `summit run --agents` checks them); an unknown agent name raises UnknownAgentError. A user's agent that
    fails gives its seat to the built-in agent for its role (RunRecord.failures), or with `strict` raises
    AgentError; `seconds` is its time for one decision (engine.loop.Containment); `isolate` plays each agent
    loaded from --agents-path in a process of its own (game/agents/isolate.py)."""
    if runs < 1:
        raise ValueError(f"a tournament needs at least one run, found {runs}")
    names = [mix.name for mix in mixes]
    if len(set(names)) != len(names):
        raise ValueError(f"two mixes have the same name: {names}")
    records, summaries = [], []
    for mix in mixes:
        played = []
        for index in range(runs):
            played.append(_play_one(scenario, mix, seed + index, strict, seconds, isolate))
            if progress is not None:
                progress(mix, index + 1)
        records += played
        summaries.append(summarise(scenario, mix, played))
    return Tournament(scenario, runs, seed, tuple(records), tuple(summaries))


def _play_one(scenario: Scenario, mix: Mix, seed: int, strict: bool = False, seconds: float | None = None,
              isolate: bool = False) -> RunRecord:
    game = Game(scenario, seed)
    guard = containment(scenario, strict, seconds)
    limits = Limits.of(seconds) if isolate else None
    with seated(scenario, seed, mix.overrides, limits) as agents:
        state = play(game, agents, containment=guard)
    result = outcome(game, state)
    return RunRecord(mix=mix.name, seed=seed, agreed=result.agreed, termination=result.termination.value,
                     rounds=result.rounds, terms=result.in_force.as_dict(), carve_outs=len(result.in_force.carve_outs),
                     scores={leader.id: float(result.scores[leader.id]) for leader in scenario.leaders},
                     failures=tuple((failure.agent, failure.message) for failure in guard.failures))


def summarise(scenario: Scenario, mix: Mix, records: Sequence[RunRecord]) -> MixSummary:
    """The summary of one mix's runs (at least one)."""
    agreed = [record for record in records if record.agreed]
    runs, agreements = len(records), len(agreed)
    scores = np.array([[record.scores[leader.id] for leader in scenario.leaders] for record in records])
    role_scores = {}
    for role in ROLE_ORDER:
        columns = [index for index, leader in enumerate(scenario.leaders) if leader.role == role]
        if columns:
            role_scores[role.value] = _stat(scores[:, columns].mean(axis=1))
    return MixSummary(
        name=mix.name, overrides=dict(mix.overrides), runs=runs, agreements=agreements,
        agreement_rate=agreements / runs, agreement_ci=wilson_interval(agreements, runs),
        rounds_to_agreement=float(np.mean([r.rounds for r in agreed])) if agreed else None,
        agreed_terms={issue.id: _agreed_term(issue, [r.terms[issue.id] for r in agreed]) for issue in scenario.issues},
        carve_outs=float(np.mean([r.carve_outs for r in agreed])) if agreed else None,
        scores={leader.id: _stat(scores[:, index]) for index, leader in enumerate(scenario.leaders)},
        role_scores=role_scores)


def _stat(values: np.ndarray) -> Stat:
    return Stat(float(np.mean(values)), float(np.std(values, ddof=1)) if len(values) > 1 else 0.0)


def _agreed_term(issue: Issue, values: list[float | str]) -> AgreedTerm | None:
    if not values:
        return None
    if issue.is_range:
        return AgreedTerm(mean=float(np.mean(np.asarray(values, dtype=float))))
    counts = [values.count(option) for option in issue.options]
    best = int(np.argmax(counts))  # ties go to the option listed first in the scenario
    return AgreedTerm(option=issue.options[best], share=counts[best] / len(values))


def csv_value(value: float | str) -> str:
    """A value for the CSV: an option name, or a number without a trailing .0 (2032, 3.5)."""
    if isinstance(value, str):
        return value
    number = round(float(value), 6)
    return str(int(number)) if number.is_integer() else repr(number)

"""Summit's engine side by side with NegMAS on one multilateral problem: time per step in each, and the ratio.

    make bench-peer                                   # its own venv (bench/.venv-peer), then this script
    bench/.venv-peer/bin/python bench/peer.py [--seed 1] [--negotiations 20] [--steps 100]
    .venv/bin/python bench/peer.py --only summit --profile   # Summit alone (no NegMAS needed), then cProfile

NegMAS is AGPL: it is never a dependency of Summit. Only this script imports it, and only from the
separate venv `make bench-peer` builds; `--only summit` runs without it.

The problem (the issue "Batch simulation at speed, measured against a peer", benchmark 4): 8 negotiators,
3 integer issues 0..10, linear additive utilities (weights summing to 1; on each issue the negotiator wants
0 or 10, and utility falls linearly to 0 at the other end), a reservation value each, time-based linear
concession, 100 steps, 20 negotiations. Both sides get the same generated instances, in one run.

What a step is:

- NegMAS (SAOMechanism, one_offer_per_step=False, its default): in one step every negotiator takes one
  turn, round-robin. A turn answers the standing offer: accept, or reject with a counter-offer (offering
  counts as accepting). An offer is agreed once the 7 others have accepted it in a row, so one proposal
  with all its responses takes 8 turns: one step.
- Summit (the summit protocol, driven by game.engine.play): a round is the pen holder tabling a draft
  (1 action), consultations (8 actions: everyone passes; the protocol has this phase and NegMAS has not)
  and the silence procedure (8 actions: each voter stays silent or breaks silence). One round is one
  proposal with all its responses: 17 engine actions.

So the raw unit (a NegMAS step, a Summit round) already is one proposal with all its responses on each
side; the table also shows the time per agent turn (one call into a NegMAS negotiator; one engine action:
observe, agent, legality check, log entry, new state) and the normalised time per proposal with all
responses (the turn time times the turns that takes: 8 in NegMAS, 17 in Summit), which differs from the
raw one only by the partial last step of a negotiation that agrees mid-step.

Both sides concede the same way: aspiration a(t) = r + (1 - r)(1 - t), from utility 1 down to the
reservation r, with t = (step + 1) / (steps + 1) as NegMAS computes relative time (step counted from 0;
Summit's round k is step k - 1). A proposer offers the package it likes least among those at or above its
aspiration (NegMAS's AspirationNegotiator with stochastic=False: `worst_in`); a responder accepts when the
offer's utility is at least its aspiration (both with NegMAS's tolerance 0.001). In Summit only the pen
holder (negotiator 0) proposes, as the protocol says; in NegMAS every negotiator that rejects proposes.

Two honest workarounds on the Summit side, said here and in the output: the Scenario model caps `rounds`
at 50, so the scenario is validated (pydantic model and the project's cross-reference checks) with 50
rounds and then copied with `rounds=100` (`model_copy(update=...)`, which skips validation; the project's
limit is left alone); and a Summit scenario has no reservation value apart from the no-deal terms, so each
bench agent holds its own.

Strength (issue "Negotiations that decide", point 6): the same problems are also played by Summit's
default agents as a Summit game would seat them: a Secretary General holding the pen (the default
`secretary_general` agent with no position of its own on any issue, so it brokers) and the eight negotiators
as the default `member` agent. One stand-in, said here and in the output: a scenario has no reservation
value per leader (no deal is one set of terms for all, worth 0.5 to everyone on these problems), so each
member values no deal at its problem's reservation instead. The strength table gives, per side, agreements
and the mean utility of the agreements over all 8 negotiators, next to two references from the problems
alone: the best mean utility of any package every negotiator prefers to no deal, and the mean utility of
the Nash-product package.

Times are wall clock (time.perf_counter), with the process's CPU time beside it, around the negotiation
alone (`mechanism.run()`, `play(...)`); building the mechanism or the scenario, game and agents is timed
apart (setup). One untimed warm-up negotiation runs on each side first; then the two sides take the
instances in turn, the one going first alternating, so that a change in the machine's load hits both
alike (the load average is printed). Before timing, both sides' utilities are checked equal to the
generator's on all 1331 packages of the first instance. The ratio column is NegMAS / Summit: above 1,
Summit is faster. `--profile` afterwards runs Summit's negotiations again under cProfile and prints the
top 10 functions by own time. Numbers go in the issue notes, never into unit tests.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, when not installed

from game.agents.member import MemberAgent  # noqa: E402
from game.agents.secretary_general import SecretaryGeneralAgent  # noqa: E402
from game.engine import BreakSilence, Draft, Game, Pass, Phase, TableDraft, Termination, play  # noqa: E402
from game.scenario import Scenario  # noqa: E402
from game.scenario.checks import errors  # noqa: E402

N_NEGOTIATORS = 8
N_ISSUES = 3
HIGH = 10                   # issues take the integers 0..HIGH
TOLERANCE = 0.001           # NegMAS AspirationNegotiator's default tolerance (its `eps`)
RESERVATION = (0.0, 0.4)    # reservation values are drawn uniformly from this range
SUMMIT_ACTIONS_PER_ROUND = 1 + 2 * N_NEGOTIATORS  # table; everyone passes in consultations; everyone answers
DEFAULT_AGENTS = "Summit, default agents"         # the strength side's name


# ----- the problem ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Negotiator:
    """One negotiator's preferences: a linear additive utility and a reservation value."""

    ideal: tuple[int, ...]      # per issue: 0 or HIGH, the end it prefers
    weights: tuple[float, ...]  # per issue, summing to 1
    reservation: float          # utility of no agreement

    def utility(self, package) -> float:
        return sum(w * (1.0 - abs(x - i) / HIGH) for x, i, w in zip(package, self.ideal, self.weights))


@dataclass(frozen=True)
class Problem:
    index: int
    negotiators: tuple[Negotiator, ...]


def problems(seed: int, count: int) -> list[Problem]:
    """`count` instances, each from its own stream of `seed` (the k-th does not change with count)."""
    made = []
    for index, child in enumerate(np.random.SeedSequence(seed).spawn(count)):
        rng = np.random.default_rng(child)
        negotiators = []
        for _ in range(N_NEGOTIATORS):
            weights = rng.dirichlet(np.ones(N_ISSUES))
            weights = weights / weights.sum()
            ideal = tuple(int(x) * HIGH for x in rng.integers(0, 2, N_ISSUES))
            reservation = float(rng.uniform(*RESERVATION))
            negotiators.append(Negotiator(ideal, tuple(float(w) for w in weights), reservation))
        made.append(Problem(index, tuple(negotiators)))
    return made


def aspiration(reservation: float, relative_time: float) -> float:
    """NegMAS's linear PolyAspiration scaled to [reservation, 1] (the best package is worth 1 here)."""
    return reservation + (1.0 - reservation) * (1.0 - relative_time)


# ----- results ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Run:
    """One negotiation on one side."""

    steps: int                          # NegMAS steps run, or Summit rounds played
    turns: int                          # calls into a negotiator (NegMAS) or engine actions (Summit)
    seconds: float                      # wall clock, the negotiation alone
    cpu_seconds: float                  # this process's CPU time, the negotiation alone
    setup_seconds: float                # wall clock, building it (not in `seconds`)
    agreement: tuple[int, ...] | None


Negotiate = Callable[[Problem], Run]


@dataclass(frozen=True)
class Side:
    name: str
    version: str
    turns_per_proposal: int             # turns one proposal with all its responses takes
    runs: tuple[Run, ...]

    @property
    def steps(self) -> int:
        return sum(run.steps for run in self.runs)

    @property
    def turns(self) -> int:
        return sum(run.turns for run in self.runs)

    @property
    def seconds(self) -> float:
        return sum(run.seconds for run in self.runs)

    @property
    def cpu_seconds(self) -> float:
        return sum(run.cpu_seconds for run in self.runs)

    @property
    def agreements(self) -> int:
        return sum(run.agreement is not None for run in self.runs)

    def ms_per_step(self, cpu: bool = False) -> float:
        return 1000 * (self.cpu_seconds if cpu else self.seconds) / self.steps

    def ms_per_turn(self) -> float:
        return 1000 * self.seconds / self.turns

    def ms_per_proposal(self) -> float:
        return self.ms_per_turn() * self.turns_per_proposal


def timed(build: Callable[[], object], negotiate: Callable[[object], tuple[int, int, tuple | None]],
          profiler: cProfile.Profile | None = None) -> Run:
    """Build a negotiation, then run it with the clocks (and the profiler, if any) on it alone."""
    start = time.perf_counter()
    built = build()
    ready, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    steps, turns, agreement = negotiate(built)
    if profiler:
        profiler.disable()
    done, cpu_done = time.perf_counter(), time.process_time()
    return Run(steps, turns, done - ready, cpu_done - cpu, ready - start, agreement)


# ----- NegMAS -----------------------------------------------------------------------------------
def negmas_side(steps: int) -> tuple[str, Negotiate, Callable[[Problem, np.ndarray], np.ndarray]]:
    """(NegMAS's version, a function that runs one problem in its SAOMechanism, and one that gives the
    negotiators' NegMAS utilities of packages: negotiators x packages)."""
    import negmas
    from negmas import AspirationNegotiator, SAOMechanism, make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.value_fun import AffineFun

    class CountedAspiration(AspirationNegotiator):
        """NegMAS's own time-based concession, counting its turns (one attribute add per turn)."""

        turns = 0

        def __call__(self, state, dest=None):
            self.turns += 1
            return super().__call__(state, dest=dest)

    def build(problem: Problem):
        issues = [make_issue((0, HIGH), f"issue{k}") for k in range(N_ISSUES)]
        mechanism = SAOMechanism(issues=issues, n_steps=steps)
        negotiators = []
        for k, spec in enumerate(problem.negotiators):
            # v(x) = 1 - |x - ideal| / HIGH: x / HIGH rising towards HIGH, 1 - x / HIGH falling towards 0
            values = [AffineFun(1.0 / HIGH, 0.0) if ideal == HIGH else AffineFun(-1.0 / HIGH, 1.0)
                      for ideal in spec.ideal]
            ufun = LinearAdditiveUtilityFunction(values=values, weights=list(spec.weights),
                                                 outcome_space=mechanism.outcome_space,
                                                 reserved_value=spec.reservation)
            negotiator = CountedAspiration(aspiration_type="linear", tolerance=TOLERANCE, name=f"n{k}")
            mechanism.add(negotiator, ufun=ufun)
            negotiators.append(negotiator)
        return mechanism, negotiators

    def negotiate(built) -> tuple[int, int, tuple | None]:
        mechanism, negotiators = built
        mechanism.run()
        agreement = mechanism.agreement
        return (mechanism.state.step, sum(n.turns for n in negotiators),
                tuple(int(x) for x in agreement) if agreement is not None else None)

    def utilities(problem: Problem, packages: np.ndarray) -> np.ndarray:
        _, negotiators = build(problem)
        return np.array([[float(n.ufun(tuple(int(x) for x in package))) for package in packages]
                         for n in negotiators])

    return negmas.__version__, lambda problem: timed(lambda: build(problem), negotiate), utilities


# ----- Summit -----------------------------------------------------------------------------------
def summit_scenario(problem: Problem, rounds: int, chair: bool = False):
    """The problem as a Summit Scenario: 8 members (one ally each), the first holds the pen; with `chair`, the
    members play the default member agent and a Secretary General without positions holds the pen."""
    issues = [{"id": f"issue{k}", "label": f"Issue {k}", "kind": "range", "range": [0.0, float(HIGH)], "step": 1.0,
               "unit": "", "status_quo": HIGH / 2, "help": "An integer issue of the peer benchmark."}
              for k in range(N_ISSUES)]
    allies = [{"id": f"ally{k}", "name": f"Ally {k}", "iso3": "X" + chr(65 + k // 26) + chr(65 + k % 26),
               "gdp_usd_bn": 100.0, "defence_pct_gdp": None, "population_m": 1.0, "threat": 0.5,
               "fiscal_space": 0.5, "domestic_support": 0.5} for k in range(N_NEGOTIATORS)]
    leaders = [{"id": f"n{k}", "name": f"Negotiator {k}", "title": "Negotiator", "role": "member",
                "ally": f"ally{k}", "agent": "member" if chair else "peer_time_based",
                "positions": {f"issue{j}": {"ideal": float(spec.ideal[j]), "weight": spec.weights[j]}
                              for j in range(N_ISSUES)}}
               for k, spec in enumerate(problem.negotiators)]
    if chair:
        leaders.append({"id": "chair", "name": "The chair", "title": "Secretary General", "role": "secretary_general",
                        "agent": "secretary_general", "positions": {}})
    data = {"schema": 1, "id": f"peer_{problem.index}", "title": "Peer benchmark", "fictional": True,
            "summary": "The NegMAS peer benchmark's problem: 8 negotiators, 3 integer issues, linear utilities.",
            "year": 2025, "sources": [], "rounds": min(rounds, 50), "implementation_years": 1,
            "pen_holder": "chair" if chair else "n0", "issues": issues, "allies": allies, "leaders": leaders,
            "no_deal": {f"issue{k}": HIGH / 2 for k in range(N_ISSUES)},
            # the problem's utilities exactly, every seed: NegMAS sees them so
            "spread": {"ideal_steps": 0, "weight": 0.0, "traits": 0.0}}
    scenario = Scenario.model_validate(data)
    found = list(errors(scenario, None))
    if found:
        raise ValueError(f"the bench scenario is invalid: {found}")
    # The model caps rounds at 50 (a classroom limit); the project's limit stays, this copy skips it.
    return scenario.model_copy(update={"rounds": rounds}) if rounds != scenario.rounds else scenario


class TimeBasedLeader:
    """The bench's time-based concession as a Summit agent (not registered in the project).

    Aspiration falls linearly from 1 to the leader's reservation over the rounds, on NegMAS's clock. As pen
    holder it tables the package it likes least among those at or above its aspiration (what NegMAS's
    AspirationNegotiator offers); in consultations it passes; in silence it stays silent when the draft is
    worth at least its aspiration, and otherwise breaks silence on the issue where it loses most."""

    def __init__(self, leader_id: str, reservation: float, issue_ids: tuple[str, ...]):
        self.leader_id = leader_id
        self.reservation = reservation
        self.issue_ids = issue_ids
        self._packages: np.ndarray | None = None   # every package, sorted by own utility (ascending)
        self._sorted_utility: np.ndarray | None = None

    def aspiration(self, observation) -> float:
        return aspiration(self.reservation, observation.round / (observation.rounds + 1))

    def act(self, observation, rng):
        wanted = self.aspiration(observation) - TOLERANCE
        if observation.phase == Phase.DRAFTING:
            if self._packages is None:
                grid = all_packages()
                utility = observation.own_candidate_utilities(grid)
                order = np.argsort(utility, kind="stable")
                self._packages, self._sorted_utility = grid[order], utility[order]
            at = min(int(np.searchsorted(self._sorted_utility, wanted)), len(self._packages) - 1)
            draft = Draft.of(dict(zip(self.issue_ids, (float(x) for x in self._packages[at]))))
            return TableDraft(self.leader_id, "The least I can ask for now.", draft=draft)
        if observation.phase == Phase.CONSULTATIONS:
            return Pass(self.leader_id, "Nothing to add.")
        if observation.utility(observation.draft) >= wanted:
            return Pass(self.leader_id, "Good enough for now.")
        worst = self.issue_ids[int(np.argmax(observation.losses(observation.draft)))]
        return BreakSilence(self.leader_id, "Below what I can accept now.", issue=worst)


class HeldMember(MemberAgent):
    """Summit's default member agent, valuing no deal at its problem's reservation (see the docstring)."""

    def __init__(self, leader_id: str, traits, reservation: float):
        super().__init__(leader_id, traits)
        self.reservation = reservation

    def no_deal_utility(self, observation) -> float:
        return self.reservation


def summit_utilities(problem: Problem, packages: np.ndarray) -> np.ndarray:
    """Every leader's utility of packages as Summit's engine computes it (leaders x packages)."""
    return Game(summit_scenario(problem, 1)).preferences().candidate_utilities(packages).T


def all_packages() -> np.ndarray:
    return np.array(list(itertools.product(range(HIGH + 1), repeat=N_ISSUES)), dtype=float)


def summit_side(rounds: int, profiler: cProfile.Profile | None = None, default_agents: bool = False) -> Negotiate:
    """A function that runs one problem through Summit's engine (game.engine.play): with the bench's
    time-based agents, or with Summit's default agents and a chair."""

    def build(problem: Problem):
        scenario = summit_scenario(problem, rounds, chair=default_agents)
        issue_ids = tuple(issue.id for issue in scenario.issues)
        if default_agents:
            traits = {leader.id: leader.traits for leader in scenario.leaders}
            agents = {f"n{k}": HeldMember(f"n{k}", traits[f"n{k}"], spec.reservation)
                      for k, spec in enumerate(problem.negotiators)}
            agents["chair"] = SecretaryGeneralAgent("chair", traits["chair"])
        else:
            agents = {f"n{k}": TimeBasedLeader(f"n{k}", spec.reservation, issue_ids)
                      for k, spec in enumerate(problem.negotiators)}
        return Game(scenario, seed=problem.index), agents, issue_ids

    def negotiate(built) -> tuple[int, int, tuple | None]:
        game, agents, issue_ids = built
        state = play(game, agents)
        actions = sum(1 for entry in state.history if entry.type == "action")
        agreed = state.termination == Termination.ADOPTED
        return state.round, actions, tuple(int(state.draft[i]) for i in issue_ids) if agreed else None

    return lambda problem: timed(lambda: build(problem), negotiate, profiler)


# ----- report -----------------------------------------------------------------------------------
def describe(side: Side, problem: Problem) -> str:
    run = side.runs[0]
    if run.agreement is None:
        return f"{side.name}, negotiation 0: no agreement after {run.steps} steps"
    utilities = " ".join(f"{spec.utility(run.agreement):.2f}" for spec in problem.negotiators)
    floors = " ".join(f"{spec.reservation:.2f}" for spec in problem.negotiators)
    return (f"{side.name}, negotiation 0: agreed {run.agreement} at step {run.steps}; utilities {utilities} "
            f"(reservations {floors})")


def mean_agreement_utility(side: Side, instances: list[Problem]) -> float | None:
    values = [statistics.mean(spec.utility(run.agreement) for spec in problem.negotiators)
              for run, problem in zip(side.runs, instances) if run.agreement is not None]
    return statistics.mean(values) if values else None


def references(instances: list[Problem]) -> tuple[float, float]:
    """(the mean over problems of the best mean utility of a package every negotiator prefers to no deal,
    the same for the package with the largest Nash product of gains over the reservations)."""
    packages = all_packages()
    best, nash = [], []
    for problem in instances:
        utility = np.array([[spec.utility(package) for package in packages] for spec in problem.negotiators])
        gains = utility - np.array([spec.reservation for spec in problem.negotiators])[:, None]
        acceptable = (gains >= 0).all(axis=0)
        mean = utility.mean(axis=0)
        best.append(float(mean[acceptable].max()))
        product = np.where(acceptable, np.log(np.maximum(gains, 1e-12)).sum(axis=0), -np.inf)
        nash.append(float(mean[int(np.argmax(product))]))
    return statistics.mean(best), statistics.mean(nash)


def strength(sides: list[Side], instances: list[Problem], console) -> None:
    """Agreements and the mean utility of the agreements, side by side, and the verdict of point 6."""
    from rich.table import Table

    table = Table(title="Strength: the same problems; mean utility over all 8 negotiators of the agreements")
    table.add_column("")
    table.add_column("agreements", justify="right")
    table.add_column("mean steps (Summit: rounds)", justify="right")
    table.add_column("mean utility", justify="right")
    means = {}
    for side in sides:
        means[side.name] = mean_agreement_utility(side, instances)
        label = "Summit, the bench's time-based agents" if side.name == "Summit" else side.name
        table.add_row(label, f"{side.agreements}/{len(side.runs)}", f"{side.steps / len(side.runs):.1f}",
                      f"{means[side.name]:.3f}" if means[side.name] is not None else "-")
    best, nash = references(instances)
    table.add_row("the best package everyone prefers to no deal", "", "", f"{best:.3f}")
    table.add_row("the Nash-product package", "", "", f"{nash:.3f}")
    console.print(table)
    names = [side.name for side in sides]
    if "NegMAS" in names and DEFAULT_AGENTS in names:
        peer, own = sides[names.index("NegMAS")], sides[names.index(DEFAULT_AGENTS)]
        met = own.agreements >= peer.agreements and (means[DEFAULT_AGENTS] or 0.0) >= (means["NegMAS"] or 0.0)
        console.print(f"Strength target (Summit's default agents at least NegMAS's agreements and mean utility): "
                      f"{'met' if met else 'not met'}: {own.agreements}/{len(own.runs)} at "
                      f"{means[DEFAULT_AGENTS] or 0.0:.3f} against {peer.agreements}/{len(peer.runs)} at "
                      f"{means['NegMAS'] or 0.0:.3f}.", highlight=False)
    if DEFAULT_AGENTS in names:
        console.print("Summit's default agents: a chair without positions holds the pen; each member values no deal at "
                      "its problem's reservation (a scenario has no reservation per leader).", highlight=False)


def report(sides: list[Side], instances: list[Problem], steps: int, load: tuple[float, float]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(120, Console().width))
    both = len(sides) == 2
    table = Table(title=f"Peer benchmark: {N_NEGOTIATORS} negotiators, {N_ISSUES} integer issues 0..{HIGH}, "
                        f"{steps} steps, {len(instances)} negotiations, interleaved in one process")
    table.add_column("")
    for side in sides:
        table.add_column(f"{side.name} {side.version}", justify="right")
    if both:
        table.add_column("NegMAS / Summit", justify="right")

    def row(label: str, values: list, fmt: str, ratio: bool = False) -> None:
        cells = [format(v, fmt) for v in values]
        if both:
            cells.append(f"{values[0] / values[1]:.2f}x" if ratio else "")
        table.add_row(label, *cells)

    table.add_row("agreements", *[f"{s.agreements}/{len(s.runs)}" for s in sides], *([""] if both else []))
    row("mean steps (Summit: rounds)", [s.steps / len(s.runs) for s in sides], ".1f")
    row("total steps", [s.steps for s in sides], "d")
    row("agent turns (NegMAS: negotiator calls; Summit: engine actions)", [s.turns for s in sides], "d")
    row("turns per proposal with all responses", [s.turns_per_proposal for s in sides], "d")
    row("raw ms per step (NegMAS step; Summit round), wall", [s.ms_per_step() for s in sides], ".3f", ratio=True)
    row("raw ms per step, CPU time", [s.ms_per_step(cpu=True) for s in sides], ".3f", ratio=True)
    row("ms per agent turn, wall", [s.ms_per_turn() for s in sides], ".4f", ratio=True)
    row("normalised ms per proposal with all responses, wall", [s.ms_per_proposal() for s in sides], ".3f",
        ratio=True)
    row("negotiations' total s, wall", [s.seconds for s in sides], ".3f", ratio=True)
    row("setup ms per negotiation (not timed above)",
        [1000 * statistics.mean(r.setup_seconds for r in s.runs) for s in sides], ".2f")
    means = [mean_agreement_utility(s, instances) for s in sides]
    table.add_row("mean utility of the agreements (all 8 negotiators)",
                  *[f"{m:.3f}" if m is not None else "-" for m in means], *([""] if both else []))
    console.print(table)
    for side in sides:
        console.print(describe(side, instances[0]), highlight=False)
    if any(side.name == "Summit" for side in sides):
        console.print(f"Summit: scenario validated with 50 rounds (the model's cap), then copied with rounds={steps} "
                      "(model_copy skips validation); reservations held by the bench agents.", highlight=False)
    if both:
        ratio = sides[0].ms_per_proposal() / sides[1].ms_per_proposal()
        verdict = "met" if ratio >= 10 else "not met"
        from _common import record_target
        record_target("4", "Summit at least 10x NegMAS's speed per proposal with all responses", f"{ratio:.2f}x",
                      ratio >= 10)
        console.print(f"Target (Summit at least 10x faster per step than NegMAS): {verdict}: Summit is "
                      f"{ratio:.2f}x NegMAS's speed per proposal with all responses "
                      f"({sides[1].ms_per_proposal():.3f} ms against {sides[0].ms_per_proposal():.3f} ms).",
                      highlight=False)
    console.print(f"Load average (1 min) on {os.cpu_count()} cores: {load[0]:.2f} before, {load[1]:.2f} after.",
                  highlight=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--negotiations", type=int, default=20)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--only", choices=("negmas", "summit"), help="run one side alone")
    parser.add_argument("--profile", action="store_true",
                        help="then run Summit's negotiations again under cProfile; print the top 10 by own time")
    args = parser.parse_args()

    instances = problems(args.seed, args.negotiations)
    warm_up = problems(args.seed + 1_000_003, 1)[0]
    names: list[str] = []
    runners: list[Negotiate] = []
    versions: dict[str, str] = {}
    packages = all_packages()
    # The same utilities on both sides, checked on every package of the first problem.
    expected = np.array([[spec.utility(package) for package in packages] for spec in instances[0].negotiators])
    if args.only != "summit":
        versions["NegMAS"], negotiate, negmas_utilities = negmas_side(args.steps)
        names.append("NegMAS")
        runners.append(negotiate)
        np.testing.assert_allclose(negmas_utilities(instances[0], packages), expected, atol=1e-9)
    np.testing.assert_allclose(summit_utilities(instances[0], packages), expected, atol=1e-9)
    if args.only != "negmas":
        versions["Summit"] = "engine"
        names.append("Summit")
        runners.append(summit_side(args.steps))
    load_before = os.getloadavg()[0]
    for negotiate in runners:
        negotiate(warm_up)  # untimed: first calls, caches, lazy imports
    runs: dict[str, list[Run]] = {name: [] for name in names}
    # Interleaved, the side going first alternating, so a change in the machine's load hits both alike.
    for problem in instances:
        order = list(zip(names, runners))
        for name, negotiate in order if problem.index % 2 == 0 else reversed(order):
            runs[name].append(negotiate(problem))
    load_after = os.getloadavg()[0]
    per_proposal = {"NegMAS": N_NEGOTIATORS, "Summit": SUMMIT_ACTIONS_PER_ROUND}
    sides = [Side(name, versions[name], per_proposal[name], tuple(runs[name])) for name in names]
    report(sides, instances, args.steps, (load_before, load_after))
    if args.only != "negmas":
        # Not timed against the others: its rounds hold more than one proposal's worth of actions.
        play_default = summit_side(args.steps, default_agents=True)
        sides.append(Side(DEFAULT_AGENTS, "engine", 0, tuple(play_default(problem) for problem in instances)))
    from rich.console import Console
    strength(sides, instances, Console(width=max(120, Console().width)))
    print(f"Utilities checked equal ({', '.join(names)} against the generator's) on all {len(packages)} packages "
          "of negotiation 0.")
    if args.profile and args.only != "negmas":
        profiler = cProfile.Profile()
        negotiate = summit_side(args.steps, profiler)
        for problem in instances:
            negotiate(problem)
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(10)
        print("Summit's negotiations again, under cProfile (times inflated by profiling); top 10 by own time:")
        print(out.getvalue())


if __name__ == "__main__":
    main()

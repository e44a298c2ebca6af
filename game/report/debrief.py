"""The after-class report for teachers (`summit debrief LOG [LOG ...]`): what happened at the table, what each
role really wanted and got, how the agreement compares with the Pareto frontier and the Nash bargaining
solution, each role's participation record, and discussion questions drawn from this game.

Every number comes from the engine: each log is replayed through the rules (game/play/replay.py), so a broken or
edited log is refused, and the outcome is the one the rules give. Several logs of one scenario (parallel tables
in one class) are compared side by side, then each game gets its own page.

The report is built once as `Section`s (game/report/document.py) and written three ways: a printable A4 HTML
page, Markdown beside it saying the same, and `debrief.json` with the numbers (per game the outcome as the
engine gives it and the facts derived here). Charts are PNGs drawn by matplotlib (Agg backend, no window).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .briefing import SPENDING_LINES, red_line_words
from ..engine import MOVES, Draft, Game, LogEntry, Outcome, Phase, action_from_json
from ..engine.narrate import country, phrase, possessive
from ..engine.outcome import score
from ..engine.participation import Participation, Word, Words
from ..engine.preferences import Preferences
from ..analysis.inspect import Inspection, Package, examined_packages, inspect
from ..play.replay import Replay, ReplayError, read, replay
from .charts import BLACK, BLUE, GREY, ORANGE, VERMILION, new_figure, tidy
from .document import (TABLE_CSS, Figure, Item, Numbered, Section, Table, anchor, html_text, markdown_page,
                              markdown_text, page, section_html, section_markdown)
from ..scenario import Effect, Role, Scenario

DEBRIEF_FORMAT = 1
TOLERANCE = 1e-9   # utilities are sums of floats: differences below this are ties


class DebriefError(ValueError):
    """Logs that cannot be debriefed, or a folder the debrief cannot go into; the message names the file."""


# ----- reading the games ---------------------------------------------------------------------------------

def read_games(paths: Sequence[Path]) -> list[Replay]:
    """Each log replayed through the rules; DebriefError for a log that does not replay, a game that is not
    over, a bilateral game, a log named twice, or logs of different scenarios."""
    if not paths:
        raise DebriefError("name at least one log")
    seen: dict[Path, Path] = {}
    games = []
    for path in map(Path, paths):
        key = path.resolve()
        if key in seen:
            raise DebriefError(f"{path}: this log is named twice")
        seen[key] = path
        try:
            replayed = replay(path)
        except ReplayError as error:
            raise DebriefError(str(error)) from None
        if replayed.scenario.is_bilateral:
            raise DebriefError(f"{path}: {replayed.scenario.id} uses the bilateral protocol; a debrief covers summit "
                               "games (use summit replay for this one)")
        if not replayed.over:
            raise DebriefError(f"{path}: the game is not over (it stops in round {replayed.state.round}): finish it, "
                               "then debrief it")
        games.append(replayed)
    first = games[0]
    for other in games[1:]:
        if other.scenario.id != first.scenario.id:
            raise DebriefError(f"{first.path} is a game of {first.scenario.id} and {other.path} a game of "
                               f"{other.scenario.id}: a debrief compares games of one scenario (parallel tables)")
        if other.scenario.source_text != first.scenario.source_text:
            raise DebriefError(f"{first.path} and {other.path} are both games of {first.scenario.id}, but of "
                               "different versions of its text: a debrief compares games of one scenario")
    return games


def default_out(paths: Sequence[Path], scenario_id: str | None = None) -> Path:
    """`./LOG-debrief/` for one log, `./SCENARIO-debrief/` for several."""
    if len(paths) == 1:
        return Path(f"{Path(paths[0]).stem}-debrief")
    return Path(f"{scenario_id}-debrief")


# ----- what happened: facts drawn from one game ----------------------------------------------------------

@dataclass(frozen=True)
class RoundFacts:
    round: int
    tabled: Draft | None        # the draft after drafting (None when the round ended before consultations)
    end: Draft                  # the draft when the round ended
    result: str                 # adopted | objected | no_deal
    by_teacher: bool
    objections: tuple[tuple[str, str, str | None], ...]   # (leader, issue, wants) in the silence procedure


@dataclass(frozen=True)
class EventFacts:
    round: int
    id: str
    label: str
    text: str
    by_teacher: bool            # the teacher brought it forward


@dataclass(frozen=True)
class WordFacts:
    """A promise or a threat, with what became of it (`settled` as the engine judges it, "" while open)."""
    word: Word
    settled_round: int | None
    outcome: str                # what became of it, in words


@dataclass(frozen=True)
class Holdout:
    """The leader who held out longest: the latest objection, then the most rounds objecting."""
    leader: str
    rounds: tuple[int, ...]
    last_issue: str
    last_wants: str | None
    first_value: Any            # the value of last_issue on the table when it first objected to it
    final_value: Any            # its value at the end: in force, or in the last draft when there was no deal
    carve_out: int | None       # its ally's own deadline in the terms, if any
    score: float
    alongside: tuple[str, ...] = ()   # others who held out just as long


@dataclass(frozen=True)
class FrontierFacts:
    """The agreement (or no deal) against what the red lines allowed, counted as `summit inspect` counts:
    the scenario's starting positions, no US review; carve-outs as each leader lives them."""
    agreed: bool
    voters: tuple[str, ...]
    crossed: dict[str, tuple[str, ...]]                    # voter -> issues whose red line the terms cross
    crossed_without_carve_outs: dict[str, tuple[str, ...]]
    examined: int                                         # acceptable packages examined (as inspect)
    better: int                                           # of them: at least as good for every voter, better for one
    better_example: dict[str, Any] | None                 # issue -> value of the best of those (largest total)
    better_scores: dict[str, float] | None
    scores: dict[str, float]                              # the terms' scores, counted as inspect counts
    gains: dict[str, float]                               # utility over no deal, per voter with positions
    nash: Package | None
    nash_gains: dict[str, float] | None
    notes: tuple[str, ...]

    @property
    def acceptable(self) -> bool:
        return not self.crossed

    @property
    def pareto_optimal(self) -> bool:
        return self.better == 0

    @staticmethod
    def _geometric(gains: dict[str, float] | None) -> float | None:
        if not gains or min(gains.values()) <= 0:
            return None
        return float(math.exp(sum(math.log(g) for g in gains.values()) / len(gains)))

    @property
    def nash_mean(self) -> float | None:
        """The geometric mean of the voters' gains over no deal (the Nash product's n-th root); None unless
        every voter gains."""
        return self._geometric(self.gains)

    @property
    def nash_solution_mean(self) -> float | None:
        return self._geometric(self.nash_gains)

    def to_json(self) -> dict[str, Any]:
        def r(value, digits=4):
            return None if value is None else round(value, digits)
        return {"agreed": self.agreed, "acceptable": self.acceptable,
                "crossed": {k: list(v) for k, v in self.crossed.items()},
                "crossed_without_carve_outs": {k: list(v) for k, v in self.crossed_without_carve_outs.items()},
                "pareto_optimal": self.pareto_optimal, "examined": self.examined, "better_packages": self.better,
                "better_example": self.better_example,
                "scores": {k: round(v, 1) for k, v in self.scores.items()},
                "gains_sum": r(sum(self.gains.values())), "gains_geometric_mean": r(self.nash_mean),
                "nash": self.nash.to_json() if self.nash else None,
                "nash_gains_sum": r(sum(self.nash_gains.values())) if self.nash_gains else None,
                "nash_gains_geometric_mean": r(self.nash_solution_mean), "notes": list(self.notes)}


@dataclass
class GameFacts:
    """One game as the debrief tells it."""
    replayed: Replay
    players: dict[str, str]                      # leader id -> a name typed for the role (saves from the window)
    rounds: list[RoundFacts]
    events: list[EventFacts]
    teacher: list[LogEntry]
    words: list[WordFacts]
    pledges: list[tuple[int, str, float, int]]   # (round, ally, level, year)
    objections: dict[str, dict[int, tuple[str, str | None]]]  # leader -> round -> (issue, wants)
    holdout: Holdout | None
    frontier: FrontierFacts
    questions: list[str] = field(default_factory=list)
    name: str = ""                               # the page's file stem ("index" for a single game)

    @property
    def scenario(self) -> Scenario:
        return self.replayed.scenario

    @property
    def outcome(self) -> Outcome:
        return self.replayed.outcome

    @property
    def last_round(self) -> RoundFacts:
        return self.rounds[-1]

    @property
    def ended_by_teacher(self) -> bool:
        return bool(self.rounds) and self.last_round.by_teacher

    @property
    def humans(self) -> list[str]:
        return [leader for leader, agent in self.replayed.agents.items() if agent == "human"]

    def how(self) -> str:
        """How the game ended, in one sentence."""
        o, s = self.outcome, self.scenario
        last = self.last_round
        if self.ended_by_teacher:
            if o.agreed:
                return (f"The teacher ended the negotiation in round {o.rounds} of {s.rounds} and adopted the draft "
                        "on the table.")
            return f"The teacher ended the negotiation in round {o.rounds} of {s.rounds} without a deal."
        if o.agreed:
            if last.objections:
                names = _names(s, sorted({leader for leader, _, _ in last.objections}))
                return (f"Adopted in round {o.rounds} of {s.rounds} under {s.decision.describe().split(':')[0]}, "
                        f"although {names} broke silence.")
            return f"Agreed by consensus in round {o.rounds} of {s.rounds}: no one broke silence."
        names = _names(s, sorted({leader for leader, _, _ in last.objections}))
        return f"No deal: in the last round (round {o.rounds}) silence was still broken, by {names}."

    def to_json(self) -> dict[str, Any]:
        return {
            "log": str(self.replayed.path), "page": f"{self.name}.html", "seed": self.replayed.seed,
            "information": self.scenario.information, "how": self.how(), "ended_by_teacher": self.ended_by_teacher,
            "people": {leader: self.players.get(leader, "") for leader in self.humans},
            "outcome": self.outcome.to_json(),
            "rounds": [{"round": r.round, "tabled": r.tabled.to_json() if r.tabled else None, "end": r.end.to_json(),
                        "result": r.result, "by_teacher": r.by_teacher,
                        "objections": [{"leader": l, "issue": i, "wants": w} for l, i, w in r.objections]}
                       for r in self.rounds],
            "events": [{"round": e.round, "id": e.id, "label": e.label, "by_teacher": e.by_teacher}
                       for e in self.events],
            "teacher": [{"round": e.round, "move": e.data["action"]} for e in self.teacher],
            "promises_and_threats": [{"kind": w.word.kind, "giver": w.word.giver, "target": w.word.target,
                                      "demand": w.word.demand, "round": w.word.round,
                                      "settled": w.word.settled or "open", "settled_round": w.settled_round,
                                      "outcome": w.outcome} for w in self.words],
            "pledges": [{"round": r, "ally": a, "level": level, "year": year} for r, a, level, year in self.pledges],
            "holdout": None if self.holdout is None else {
                "leader": self.holdout.leader, "rounds": list(self.holdout.rounds),
                "last_issue": self.holdout.last_issue,
                "carve_out": self.holdout.carve_out, "score": round(self.holdout.score, 1)},
            "frontier": self.frontier.to_json(),
            "questions": list(self.questions),
        }


def _and(words: Sequence[str]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _names(scenario: Scenario, leader_ids: Sequence[str], limit: int = 6) -> str:
    named = [_leader_label(scenario, leader) for leader in leader_ids]
    if len(named) > limit:
        return ", ".join(named[:limit]) + f" and {len(named) - limit} more"
    return _and(named)


def _timeline(game: Game, history: Sequence[LogEntry]) -> tuple[dict[int, Draft], dict[int, Draft]]:
    """The draft as tabled and at the end of each round, from the logged moves applied again through the rules."""
    state = game.new_initial_state()
    tabled, ended = {}, {}
    for entry in history:
        if entry.type not in MOVES:
            continue
        before = state
        state = game.apply(state, action_from_json(entry.data["action"]))
        if before.phase == Phase.DRAFTING and state.phase == Phase.CONSULTATIONS:
            tabled[before.round] = state.draft
        if any(e.type == "result" for e in state.history[len(before.history):]):
            ended[before.round] = state.draft
    return tabled, ended


def _words(scenario: Scenario, history: Sequence[LogEntry]) -> list[tuple[Word, int | None]]:
    """Every promise and threat with the round in which the engine's rules settled it (None: still open)."""
    words = Words({leader.id: leader.ally for leader in scenario.leaders})
    settled_in: dict[int, int] = {}
    for entry in history:
        words.feed(entry)
        for index, word in enumerate(words.words):
            if word.settled and index not in settled_in:
                settled_in[index] = entry.round
    return [(word, settled_in.get(index)) for index, word in enumerate(words.words)]


def _word_outcome(scenario: Scenario, word: Word, pledges: list[tuple[int, str, float, int]]) -> str:
    target = scenario.leader(word.target)
    ally = scenario.ally(target.ally).name
    giver = scenario.leader(word.giver).name
    paid = next(((r, level, year) for r, a, level, year in pledges if a == target.ally and level >= word.demand - 1e-9),
                None)
    paid_text = ""
    if paid:
        already = "had already pledged" if paid[0] < word.round else "pledged"
        paid_text = f"{country(ally, start=True)} {already} {paid[1]:.1f}% GDP by {paid[2]} in round {paid[0]}"
    if word.settled == "kept":
        return f"kept: {paid_text}, and {giver} let the next draft through"
    if word.settled == "broken":
        return f"broken: {paid_text}, but {giver} broke silence all the same"
    if word.settled == "worked":
        return f"worked: {paid_text}"
    if word.settled == "carried_out":
        return f"carried out: {country(ally)} had not pledged {word.demand:.1f}%, and {giver} broke silence"
    if word.settled == "bluff":
        return f"a bluff: {country(ally)} had not pledged {word.demand:.1f}%, and {giver} let the draft through anyway"
    giver_leader = scenario.leader(word.giver)
    if word.kind == "promise" and not paid:
        return f"still open: {country(ally)} never pledged {word.demand:.1f}%, so nothing was owed"
    if giver_leader.role == Role.SECRETARY_GENERAL:
        return "still open: the Secretary General does not vote, so it never had to make good on it"
    return "still open when the game ended"


def _holdout(scenario: Scenario, outcome: Outcome, rounds: list[RoundFacts],
             objections: dict[str, dict[int, tuple[str, str | None]]]) -> Holdout | None:
    if not objections:
        return None
    order = {leader.id: index for index, leader in enumerate(scenario.leaders)}

    def length(l: str) -> tuple[int, int]:
        return max(objections[l]), len(objections[l])
    leader = max(objections, key=lambda l: (*length(l), -order[l]))
    alongside = tuple(l for l in sorted(objections, key=order.get) if l != leader and length(l) == length(leader))
    held = objections[leader]
    last_round = max(held)
    issue, wants = held[last_round]
    first = min(r for r, (i, _) in held.items() if i == issue)
    on_table = next((r.tabled or r.end for r in rounds if r.round == first), None)
    if issue == "carve_outs":
        first_value = final_value = None
    else:
        first_value = on_table[issue] if on_table is not None else None
        final_value = outcome.in_force[issue] if outcome.agreed else rounds[-1].end[issue]
    ally = scenario.leader(leader).ally
    carve_out = outcome.terms.carve_out(ally) if (outcome.terms is not None and ally) else None
    return Holdout(leader, tuple(sorted(held)), issue, wants, first_value, final_value, carve_out,
                   outcome.scores[leader], alongside)


def _frontier(scenario: Scenario, game: Game, outcome: Outcome, inspection: Inspection,
              packages: np.ndarray) -> FrontierFacts:
    """The terms in force against the acceptable packages `inspect` examines, on the scenario's starting positions."""
    prefs = Preferences(scenario)
    voters = inspection.voters
    rows = [prefs.row(v) for v in voters]
    caring = [v for v, row in zip(voters, rows) if prefs.weight[row].sum() > 0]
    terms = outcome.terms if outcome.terms is not None else outcome.in_force
    lived = prefs.utilities(terms)
    no_deal = prefs.utilities(game.no_deal_terms())
    crossed = {v: prefs.crossed(terms, v) for v in voters if prefs.crossed(terms, v)}
    bare = terms.with_carve_outs({})
    crossed_bare = {v: prefs.crossed(bare, v) for v in voters if prefs.crossed(bare, v)}
    better, example, example_scores = 0, None, None
    notes = []
    if len(packages):
        utilities = np.concatenate([prefs.candidate_utilities(packages[start:start + 10_000])
                                    for start in range(0, len(packages), 10_000)])
        mine = lived[rows]
        theirs = utilities[:, rows]
        at_least = (theirs >= mine - TOLERANCE).all(axis=1)
        strictly = (theirs > mine + TOLERANCE).any(axis=1)
        dominating = np.flatnonzero(at_least & strictly)
        better = int(len(dominating))
        if better:
            best = int(dominating[np.argmax(theirs[dominating].sum(axis=1))])
            example = {issue.id: (round(float(packages[best, col]), 6) if issue.is_range
                                  else issue.options[int(round(packages[best, col]))])
                       for col, issue in enumerate(scenario.issues)}
            example_scores = {l: score(float(utilities[best, prefs.row(l)]), float(no_deal[prefs.row(l)]))
                              for l in prefs.leader_ids}
    if inspection.coarsened:
        notes.append("Some range issues were examined at fewer, evenly spaced values (as summit inspect does), so "
                     "the count of better packages is over the packages examined.")
    gains = {v: float(lived[prefs.row(v)] - no_deal[prefs.row(v)]) for v in caring}
    nash_gains = None
    if inspection.nash is not None:
        nash_gains = {v: float(inspection.nash.utilities[v] - no_deal[prefs.row(v)]) for v in caring}
    scores = {l: score(float(lived[row]), float(no_deal[row])) for row, l in enumerate(prefs.leader_ids)}
    return FrontierFacts(outcome.agreed, voters, crossed, crossed_bare, len(packages), better, example, example_scores,
                         scores, gains, inspection.nash, nash_gains, tuple(notes))


def game_facts(replayed: Replay, inspection: Inspection, packages: np.ndarray) -> GameFacts:
    """What the debrief says about one game, drawn from its replay."""
    scenario, state, outcome = replayed.scenario, replayed.state, replayed.outcome
    history = state.history
    tabled, ended = _timeline(replayed.game, history)
    rounds: list[RoundFacts] = []
    objections: dict[str, dict[int, tuple[str, str | None]]] = {}
    pledges: list[tuple[int, str, float, int]] = []
    events: list[EventFacts] = []
    teacher: list[LogEntry] = []
    injected: set[str] = set()
    this_round: list[tuple[str, str, str | None]] = []
    labels = {event.id: event for event in scenario.events}
    for entry in history:
        if entry.type == "teacher":
            teacher.append(entry)
            if entry.data["action"]["kind"] == "inject_event":
                injected.add(entry.data["action"]["event"])
        elif entry.type == "event":
            event = labels[entry.data["event"]]
            events.append(EventFacts(entry.round, event.id, event.label, event.text, event.id in injected))
        elif entry.type == "action":
            action = entry.data["action"]
            if action["kind"] == "pledge":
                ally = scenario.leader(entry.actor).ally
                pledges.append((entry.round, ally, float(action["level"]), int(action["year"])))
            elif action["kind"] == "break_silence":
                this_round.append((entry.actor, action["issue"], action.get("wants")))
                objections.setdefault(entry.actor, {})[entry.round] = (action["issue"], action.get("wants"))
        elif entry.type == "result":
            rounds.append(RoundFacts(entry.round, tabled.get(entry.round), ended[entry.round], entry.data["result"],
                                     entry.data.get("by") == "teacher", tuple(this_round)))
            this_round = []
    words = [WordFacts(word, settled_round, _word_outcome(scenario, word, pledges))
             for word, settled_round in _words(scenario, history)]
    header = read(replayed.path)[0]
    players = header.get("players") if isinstance(header.get("players"), dict) else {}
    facts = GameFacts(replayed, dict(players), rounds, events, teacher, words, pledges, objections,
                      _holdout(scenario, outcome, rounds, objections),
                      _frontier(scenario, replayed.game, outcome, inspection, packages))
    facts.questions = questions(facts)
    return facts


# ----- wording ---------------------------------------------------------------------------------------------

def _rounds_text(rounds: Sequence[int]) -> str:
    """(1, 2, 3, 5) -> "1-3 and 5"."""
    spans: list[list[int]] = []
    for r in sorted(rounds):
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    parts = [f"{a}" if a == b else f"{a}-{b}" for a, b in spans]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _issue_name(scenario: Scenario, issue_id: str) -> str:
    """An issue inside a sentence: "the core defence target", "the deadline", "Ukraine in the text"."""
    if issue_id == "carve_outs":
        return "the carve-outs"
    label = phrase(scenario.issue(issue_id).label)
    return label if label[:1].isupper() else "the " + label


def _short_issue(scenario: Scenario, issue_id: str) -> str:
    """A short name for grid cells: the label's first word ("core", "deadline", "Ukraine"), two when it is short
    ("US guarantee"); the whole label when two issues would share a name."""
    if issue_id == "carve_outs":
        return "carve-outs"

    def short(label: str) -> str:
        words = label.split()
        name = " ".join(words[:2]) if len(words[0]) <= 3 else words[0]
        return name if name[0].isupper() and (name.split()[0] in ("US", "Ukraine", "EU", "NATO")) else name.lower()
    names = [short(issue.label) for issue in scenario.issues]
    mine = short(scenario.issue(issue_id).label)
    return mine if names.count(mine) == 1 else scenario.issue(issue_id).label


def _wants_text(scenario: Scenario, issue_id: str, wants: str | None) -> str:
    if not wants or issue_id == "carve_outs":
        return ""
    issue = scenario.issue(issue_id)
    if issue.is_range and issue.effect == Effect.DEADLINE:
        return {"more": "later", "less": "sooner"}.get(wants, wants)
    if issue.is_range:
        return {"more": "higher", "less": "lower"}.get(wants, wants)
    return wants


def _value(scenario: Scenario, issue_id: str, value) -> str:
    return scenario.issue(issue_id).format(value)


def _bare(issue, value) -> str:
    """A value without its unit (the unit is in the row's label)."""
    return issue.model_copy(update={"unit": ""}).format(value) if issue.is_range else str(value)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def terms_items(scenario: Scenario, draft: Draft) -> tuple[Item, ...]:
    items = [Item(issue.format(draft[issue.id]), issue.label) for issue in scenario.issues]
    if draft.carve_outs:
        items.append(Item(", ".join(f"{scenario.ally(a).name} {y}" for a, y in draft.carve_outs),
                          f"Carve-outs ({_count(len(draft.carve_outs), 'ally', 'allies')} with a later deadline of "
                          "their own)"))
    return tuple(items)


# ----- discussion questions ----------------------------------------------------------------------------

def questions(facts: GameFacts) -> list[str]:
    """Questions for the class drawn from what happened in this game: only those whose facts occurred."""
    s, o = facts.scenario, facts.outcome
    asked: list[str] = []
    h = facts.holdout
    if h is not None:
        name = _leader_label(s, h.leader)
        ally = s.leader(h.leader).ally
        wants = _wants_text(s, h.last_issue, h.last_wants)
        got = []
        where = "" if o.agreed else " in the last draft"
        if h.first_value is not None and h.first_value != h.final_value:
            got.append(f"{_issue_name(s, h.last_issue)} went from {_value(s, h.last_issue, h.first_value)} when it "
                       f"first objected to {_value(s, h.last_issue, h.final_value)}{where}")
        elif h.first_value is not None:
            got.append(f"{_issue_name(s, h.last_issue)} stayed at {_value(s, h.last_issue, h.final_value)}{where}")
        if h.carve_out and ally:
            got.append(f"{country(s.ally(ally).name)} got a deadline of its own, {h.carve_out}")
        verdict = "no deal came of it" if not o.agreed else "the draft was adopted"
        also = f", as long as {_names(s, h.alongside)}" if h.alongside else ""
        asked.append(f"{name} held out longest{also}: it broke silence in round{'s' if len(h.rounds) > 1 else ''} "
                     f"{_rounds_text(h.rounds)} ({len(h.rounds)} of {o.rounds}), last on {_issue_name(s, h.last_issue)}"
                     f"{f' (wanting it {wants})' if wants else ''}. In the end {verdict}"
                     f"{'; ' + '; '.join(got) if got else ''}, and it scored {h.score:.1f} (50 = no deal). "
                     "Was holding out worth it?")
    done: set[tuple[str, str, str]] = set()
    for w in reversed(facts.words):
        word = w.word
        key = (word.giver, word.target, word.settled)
        if key in done or not word.settled:
            continue
        done.add(key)
        giver, target = _leader_label(s, word.giver), _leader_label(s, word.target)
        if word.settled == "worked" and "had already pledged" not in w.outcome:
            ally = s.ally(s.leader(word.target).ally).name
            asked.append(f"{possessive(s.leader(word.giver).name)} threat to {target} worked: "
                         f"{w.outcome.split(': ', 1)[1]}. Why did {country(ally)} give in, and would you have?")
        elif word.settled == "carried_out":
            asked.append(f"{giver} carried out its threat against {target} in round {w.settled_round}, by breaking "
                         "silence: what did that cost the table, and whom did it help?")
        elif word.settled == "bluff":
            asked.append(f"{giver} threatened {target} in round {word.round} but let the draft through anyway: a "
                         "bluff. Did the room notice, and does it matter for the next summit?")
        elif word.settled == "broken":
            asked.append(f"{giver} broke its promise to {target}: {w.outcome.split(': ', 1)[1]}. What does that "
                         "do to trust at the next summit?")
    for event in facts.events:
        if event.by_teacher:
            asked.append(f"The teacher brought “{event.label}” forward to round {event.round}: what did it change at "
                         "the table?")
    if facts.ended_by_teacher:
        asked.append(f"The teacher ended the negotiation in round {o.rounds}"
                     f"{' and adopted the draft' if o.agreed else ' without a deal'}. Would the table have agreed on its "
                     "own, and on what?")
    elif not o.agreed and facts.last_round.objections:
        issues = sorted({issue for _, issue, _ in facts.last_round.objections})
        asked.append(f"No deal: in the last round silence was still broken on "
                     f"{', '.join(_issue_name(s, i) for i in issues)}. What would it have taken to meet those "
                     "objections, and who should have moved?")
    f = facts.frontier
    if o.agreed and f.crossed_without_carve_outs and not f.crossed:
        asked.append(f"Without their carve-outs the terms would cross the red lines of "
                     f"{len(f.crossed_without_carve_outs)} allies: exceptions made the deal. Is a deal with "
                     f"{len(o.terms.carve_outs)} carve-outs a strong deal or a weak one?")
    if o.agreed and f.better:
        asked.append(f"{f.better} package{'s' if f.better > 1 else ''} that every voter's red lines allow would "
                     "have been at least as good for every voter and better for some (see the Pareto section). Why "
                     "did the table not find one?")
    if not o.agreed and f.nash is not None:
        asked.append("Every voter would have done better than no deal under the Nash bargaining solution "
                     f"({_package_text(s, f.nash.values)}). Why was it not reached?")
    reported = [a for a in o.allies if a.delivered is not None and a.pledged is not None and a.pledged > a.now + 1e-9]
    if reported:
        worst = min(reported, key=lambda a: (a.delivered, a.name))
        if worst.delivered < 0.7:
            asked.append(f"{country(worst.name, start=True)} committed to {worst.pledged:.2f}% GDP by "
                         f"{worst.pledge_year} but is projected to reach only {worst.projected:.2f}% by {o.years[-1]} "
                         f"({100 * worst.delivered:.0f}% of its promised progress). What should the alliance do about "
                         "commitments that are not delivered?")
    if o.agreed and o.us_guarantee_after and o.us_guarantee_after != o.us_guarantee_agreed:
        asked.append(f"The US guarantee was agreed {o.us_guarantee_agreed} but after the US review of delivery it is "
                     f"{o.us_guarantee_after} ({100 * o.delivered_share:.0f}% of the promised progress made). Who pays "
                     "for allies who do not deliver?")
    ranked = sorted(o.scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if o.agreed and len(ranked) > 2:
        (top, high), (bottom, low) = ranked[0], ranked[-1]
        asked.append(f"{_leader_label(s, top)} scored highest ({high:.1f}) and {_leader_label(s, bottom)} lowest "
                     f"({low:.1f}). Why did the agreement suit one so much better than the other?")
    return asked


def _package_text(scenario: Scenario, values: dict) -> str:
    return ", ".join(f"{issue.label} {issue.format(values[issue.id])}" for issue in scenario.issues)


# ----- sections of one game's report ---------------------------------------------------------------------

@dataclass(frozen=True)
class Charts:
    """The chart files of one game's page (None: not drawn)."""
    spending: str | None
    issues: str | None
    scores: str | None
    frontier: str | None


def _leader_label(scenario: Scenario, leader_id: str) -> str:
    """"Pedro Sánchez (Spain)", "Mark Rutte (Secretary General)"; a name that already says it stays as it is
    ("President of the United States" in a scenario that names leaders by office)."""
    leader = scenario.leader(leader_id)
    if leader.ally:
        where = scenario.ally(leader.ally).name
    else:
        where = "Secretary General" if leader.role == Role.SECRETARY_GENERAL else leader.title
    return leader.name if where.lower() in leader.name.lower() else f"{leader.name} ({where})"


def headline(facts: GameFacts) -> list[str]:
    s, o = facts.scenario, facts.outcome
    lines = [facts.how()]
    if o.agreed:
        lines.append("The terms agreed are below; they are in force.")
    else:
        lines.append("Nothing was agreed, so the scenario's no-deal terms are in force (below); every score is 50.")
    if o.us_guarantee_after is not None:
        lines.append(f"After the table, the US reviews delivery: {100 * o.delivered_share:.0f}% of the promised "
                     f"progress is made, so the US guarantee agreed {o.us_guarantee_agreed} is {o.us_guarantee_after} "
                     f"after the review" + ("." if o.us_guarantee_after != o.us_guarantee_agreed else " as well."))
    return lines


def game_sections(facts: GameFacts, charts: Charts) -> list[Section]:
    s, o = facts.scenario, facts.outcome
    sections = []
    summary = headline(facts)
    about = [f"Seed {facts.replayed.seed}; log {facts.replayed.path.name}; {len(s.leaders)} leaders, "
             f"{len(s.allies)} allies, at most {s.rounds} rounds."]
    if s.fictional:
        summary.insert(0, "A what-if, not history: this scenario is fictional.")
    if s.information == "full":
        about.append("Played with full information: every leader's positions were public.")
    if s.decision.rule != "consensus":
        about.append(f"Decided by {s.decision.describe()} (NATO's real rule is consensus).")
    if facts.humans:
        people = [f"{_leader_label(s, l)}" + (f": {facts.players[l]}" if facts.players.get(l) else "")
                  for l in facts.humans]
        about.append("Played by people: " + "; ".join(people) + ". The computer played the other roles.")
    else:
        about.append("The computer played every role.")
    sections.append(Section("The result", tuple(summary), terms_items(s, o.in_force), (" ".join(about),),
                            anchor="the-result"))
    sections.append(_spending_section(facts, charts.spending))
    sections.append(_issues_section(facts, charts.issues))
    sections.append(_objections_section(facts))
    sections.append(_words_section(facts))
    sections.append(_scores_section(facts, charts.scores))
    sections.append(_frontier_section(facts, charts.frontier))
    sections.append(_participation_section(facts))
    sections.append(Section("Discussion questions", ("Drawn from what happened in this game:",),
                            blocks=(Numbered(tuple(facts.questions)),), anchor="discussion-questions"))
    return sections


def _spending_section(facts: GameFacts, chart: str | None) -> Section:
    o = facts.outcome
    year = o.years[-1]
    rows, silent = [], []
    for ally in sorted(o.allies, key=lambda a: (-(a.now if a.now is not None else -1), a.name)):
        if ally.now is None:
            silent.append(ally.name)
            rows.append((ally.name, "n/a", "n/a", "", "n/a", "reports no defence spending"))
            continue
        rows.append((ally.name, f"{ally.now:.2f}", f"{ally.pledged:.2f}", str(ally.pledge_year or ""),
                     f"{ally.projected:.2f}", f"{100 * ally.delivered:.0f}%"))
    totals = []
    for which in ("now", "pledged", "projected"):
        usd, pct = o.totals(which)
        totals.append(f"{pct:.2f}% of the allies' GDP (US${usd:,.0f} bn a year)")
    first_total = len(rows)
    rows.append(("Alliance", f"{o.totals('now')[1]:.2f}", f"{o.totals('pledged')[1]:.2f}", "",
                 f"{o.totals('projected')[1]:.2f}", f"{100 * o.delivered_share:.0f}%"))
    table = Table(("Ally", "now % GDP", "pledged % GDP", "by", f"projected {year} % GDP", "delivered"),
                  tuple(rows), numeric=(1, 2, 3, 4, 5), compact=True, totals=(first_total,),
                  caption="Pledged: the ally's commitment (its own pledge, or the target in force by its deadline or "
                          f"carve-out, whichever is higher). Projected: the implementation model's {year}. Delivered: "
                          "the share of the promised progress made (the alliance row: weighted by GDP, the US left out).")
    blocks: list = []
    if chart:
        blocks.append(Figure(chart, f"Bar chart: each ally's defence spending now, pledged and projected for {year}, "
                                    "in % of GDP, against lines at 2%, 3.5% and 5%. The table below gives the numbers.",
                             "Grey: now; blue: pledged; orange: projected. Dashed lines at 2%, 3.5% and 5% of GDP."
                             + (f" {', '.join(silent)} reports no defence spending and is left out." if silent else "")))
    blocks.append(table)
    return Section("Spending: now, pledged, projected",
                   (f"Alliance spending now {totals[0]}; pledged {totals[1]}; projected for {year} {totals[2]}.",),
                   blocks=tuple(blocks), anchor="spending")


def _issues_section(facts: GameFacts, chart: str | None) -> Section:
    s = facts.scenario
    game = facts.replayed.game
    has_deadline = s.issue_with(Effect.DEADLINE) is not None
    headings = ("",) + tuple(issue.label + (f" ({issue.unit})" if issue.unit and issue.unit != "year" else "")
                             for issue in s.issues) + (("carve-outs",) if has_deadline else ())

    def row(label: str, draft: Draft, tabled: Draft | None = None) -> tuple[str, ...]:
        cells = [label]
        for issue in s.issues:
            text = _bare(issue, draft[issue.id])
            if tabled is not None and tabled[issue.id] != draft[issue.id]:
                text += f" (tabled {_bare(issue, tabled[issue.id])})"
            cells.append(text)
        if has_deadline:
            text = str(len(draft.carve_outs))
            if tabled is not None and len(tabled.carve_outs) != len(draft.carve_outs):
                text += f" (tabled {len(tabled.carve_outs)})"
            cells.append(text)
        return tuple(cells)
    rows = [row("start", game.status_quo())]
    rows += [row(f"round\u00a0{r.round}", r.end, r.tabled) for r in facts.rounds]
    rows.append(row("no\u00a0deal", game.no_deal_terms()))
    last = "adopted" if facts.outcome.agreed else "still on the table when the game ended without a deal"
    numeric = tuple(index + 1 for index, issue in enumerate(s.issues) if issue.is_range)
    table = Table(headings, tuple(rows), compact=True, numeric=numeric + ((len(headings) - 1,) if has_deadline else ()),
        caption=f"The draft at the end of each round (the last round's is what was {last}), with the starting text "
                "and the no-deal terms; “tabled” gives the Secretary General's draft when the round began, where the "
                "text changed during the round. Carve-outs: the allies given a later deadline of their own.")
    blocks: list = []
    if chart:
        blocks.append(Figure(chart, "Small line charts, one per issue: the draft's value as tabled and at the end of "
                                    "each round, with the no-deal value as a dashed line. The table below gives the "
                                    "values.",
                             "Filled dots: the draft at the end of each round; open circles: as tabled when the "
                             "round began; dashed: the no-deal value."))
    blocks.append(table)
    return Section("How each issue moved", blocks=tuple(blocks), anchor="how-each-issue-moved")


def _objections_section(facts: GameFacts) -> Section:
    s = facts.scenario
    game = facts.replayed.game
    order = {leader: index for index, leader in enumerate(game.voters)}
    objectors = sorted(facts.objections, key=lambda l: (-len(facts.objections[l]), order.get(l, 0)))
    headings = ("Leader",) + tuple(f"round\u00a0{r.round}" for r in facts.rounds) + ("rounds",)
    rows = []
    for leader in objectors:
        cells = [_leader_label(s, leader)]
        for r in facts.rounds:
            said = facts.objections[leader].get(r.round)
            if said is None:
                cells.append("")
            else:
                wants = _wants_text(s, said[0], said[1])
                cells.append(_short_issue(s, said[0]) + (f": {wants}" if wants else ""))
        cells.append(str(len(facts.objections[leader])))
        rows.append(tuple(cells))
    paragraphs = []
    blocks: list = []
    if rows:
        examples = [f"“{_short_issue(s, issue.id)}: lower” = it objected to {_issue_name(s, issue.id)}, wanting it "
                    "lower" for issue in s.issues[:1] if issue.is_range and issue.effect != Effect.DEADLINE]
        examples += ["“deadline: later” = wanting a later deadline" for issue in s.issues
                     if issue.effect == Effect.DEADLINE and _short_issue(s, issue.id) == "deadline"]
        examples.append("an option named is the option it wanted")
        paragraphs.append(f"Who broke silence in each round, on which issue and which way ({'; '.join(examples)}). "
                          "Empty: it stayed silent and accepted the draft. Most rounds first.")
        blocks.append(Table(headings, tuple(rows), compact=True, numeric=(len(headings) - 1,)))
        silent = [l for l in game.voters if l not in facts.objections]
        if silent:
            blocks.append(f"Never broke silence ({len(silent)}): "
                          + ", ".join(_leader_label(s, l) for l in silent) + ".")
    else:
        paragraphs.append("No one broke silence: the first draft was adopted.")
    per_round = [f"round {r.round}: " + ("the teacher ended it" if r.by_teacher and not r.objections
                                         else str(len(r.objections))) for r in facts.rounds]
    blocks.append("Objections per round: " + "; ".join(per_round) + ".")
    happenings = [Item(f"{e.label}. {e.text}" + (" (The teacher brought it forward.)" if e.by_teacher else ""),
                       f"Round {e.round}") for e in facts.events]
    for entry in facts.teacher:
        if entry.data["action"]["kind"] == "end_now":
            happenings.append(Item(entry.text, f"Round {entry.round}, the teacher"))
    if happenings:
        blocks.append("Events that fired, and the teacher's moves:")
        blocks.append(tuple(happenings))
    else:
        blocks.append("No event fired, and the teacher did not step in.")
    return Section("Who objected, when, and on what", tuple(paragraphs), blocks=tuple(blocks), anchor="objections")


def _words_section(facts: GameFacts) -> Section:
    s = facts.scenario
    if not facts.words:
        return Section("Promises and threats", ("No one made a promise or a threat in this game.",), anchor="promises")
    rows = tuple((str(w.word.round), w.word.kind, _leader_label(s, w.word.giver), _leader_label(s, w.word.target),
                  f"pledge at least {w.word.demand:.1f}% GDP", w.outcome) for w in facts.words)
    counts: dict[str, int] = {}
    for w in facts.words:
        counts[w.word.settled or "still open"] = counts.get(w.word.settled or "still open", 0) + 1
    names = {"kept": "kept", "broken": "broken", "worked": "worked", "carried_out": "carried out", "bluff": "bluffs",
             "still open": "still open"}
    summary = ", ".join(f"{n} {names[k]}" for k, n in counts.items())
    return Section("Promises and threats", (
        f"Every promise and threat made at the table ({len(facts.words)}: {summary}), with what became of it. A "
        "promise is kept when its target paid and the promiser then let the draft through, broken when it blocked "
        "it; a threat whose target did not pay is carried out when the threatener blocks, a bluff when it lets the "
        "draft through; a threat whose target paid worked.",),
        blocks=(Table(("Round", "Kind", "From", "To", "Demand", "What became of it"), rows, compact=True,
                      numeric=(0,)),), anchor="promises")


def _position_cell(scenario: Scenario, leader, issue, overrides: dict, in_force: Draft, crossed: tuple) -> str:
    """What a leader wanted on one issue: "2.5% GDP (red line: no more than 3.5% GDP), weight 40%"."""
    position = leader.positions.get(issue.id)
    if position is None:
        return ""
    changes = {name: overrides[(leader.id, issue.id, name)] for name in ("ideal", "weight", "red_line")
               if (leader.id, issue.id, name) in overrides}
    shown = position.model_copy(update=changes) if changes else position
    total = sum(max(0.0, float(overrides.get((leader.id, i, "weight"), p.weight))) for i, p in leader.positions.items())
    share = max(0.0, float(shown.weight)) / total if total else 0.0
    text = issue.format(shown.ideal)
    if shown.red_line is not None:
        text += f" (red line: {red_line_words(issue, shown)})"
    text += f", weight {100 * share:.0f}%"
    if changes:
        text += " *"
    if issue.effect == Effect.DEADLINE and leader.ally and in_force.carve_out(leader.ally):
        text += f"; own deadline {in_force.carve_out(leader.ally)}"
    if issue.id in crossed:
        text += "; ✗ the terms cross its red line"
    return text


def _scores_section(facts: GameFacts, chart: str | None) -> Section:
    s, o = facts.scenario, facts.outcome
    prefs = facts.replayed.game.preferences_now(facts.replayed.state)
    overrides = dict(facts.replayed.state.position_overrides)
    ranked = sorted(s.leaders, key=lambda l: (-o.scores[l.id], l.name))
    headings = ("Leader", "score") + tuple(f"{issue.label}: {issue.format(o.in_force[issue.id])}" for issue in s.issues)
    rows = []
    for leader in ranked:
        crossed = prefs.crossed(o.in_force, leader.id) if leader.positions else ()
        rows.append((_leader_label(s, leader.id), f"{o.scores[leader.id]:.1f}") +
                    tuple(_position_cell(s, leader, issue, overrides, o.in_force, crossed) for issue in s.issues))
    above = sum(1 for v in o.scores.values() if v > 50 + 1e-9)
    below = sum(1 for v in o.scores.values() if v < 50 - 1e-9)
    paragraphs = [
        "Each role's score runs from 0 (the worst possible) to 100 (its ideal); 50 is exactly what no deal would have "
        "given it (the no-deal terms, the same pledges, the same US review). Scores count the terms after the US "
        "review of delivery and the positions after any events."]
    if o.agreed:
        level = [l for l, v in o.scores.items() if abs(v - 50) <= 1e-9]
        text = f"Of the {len(o.scores)} roles, {above} did better than no deal and {below or 'none'} worse"
        text += f"; {len(level)} did exactly as well: {_names(s, level)}." if level else "."
        paragraphs.append(text)
    blocks: list = []
    if chart:
        blocks.append(Figure(chart, "Bar chart of each role's score, drawn from 50 (no deal): bars to the right did "
                                    "better than no deal, to the left worse. The table below gives the numbers.",
                             "Blue: better than no deal; orange: worse."))
    blocks.append("What each role really wanted (private until now) against the terms in force, named in each column's "
                  "heading: its ideal, its red line if it has one, and the share of its weight the issue carries. "
                  "* marks a position an event changed during the game; “own deadline” a carve-out it got.")
    blocks.append(Table(headings, tuple(rows), numeric=(1,), compact=True))
    return Section("Scores against no deal, and what each role wanted", tuple(paragraphs), blocks=tuple(blocks),
                   anchor="scores")


def _frontier_section(facts: GameFacts, chart: str | None) -> Section:
    s, o, f = facts.scenario, facts.outcome, facts.frontier
    paragraphs = ["Everything in this section is counted as summit inspect counts: on the scenario's starting "
                  "positions (before any events) and the terms as agreed (before the US review); each leader lives "
                  "its own carve-out. Scores here can therefore differ from the outcome scores above."]
    if o.agreed:
        if f.acceptable:
            paragraphs.append("The agreement is acceptable to every voter: it crosses no voter's red line.")
        else:
            paragraphs.append("The agreement crosses red lines: " + "; ".join(
                f"{_leader_label(s, v)} on {', '.join(_issue_name(s, i) for i in issues)}"
                for v, issues in f.crossed.items()) + ".")
        if f.crossed_without_carve_outs and not f.crossed:
            paragraphs.append(
                f"Without the carve-outs, the terms would cross the red lines of {len(f.crossed_without_carve_outs)} "
                "voters (" + ", ".join(_leader_label(s, v) for v in f.crossed_without_carve_outs) + "): the "
                "agreement lies outside the packages every voter accepts with one common deadline, which is all "
                "summit inspect examines. The carve-outs made it possible.")
        if f.examined:
            if f.pareto_optimal:
                paragraphs.append(f"None of the {f.examined:,} packages every voter accepts (as summit inspect examines "
                                  "them) is at least as good as the agreement for every voter and better for one: the "
                                  "agreement is Pareto-optimal against them.")
            else:
                paragraphs.append(f"It is not Pareto-optimal: {f.better:,} of the {f.examined:,} acceptable packages "
                                  "summit inspect examines are at least as good for every voter and better for at least "
                                  "one. The one with the largest total gain is in the table below.")
        else:
            paragraphs.append("No package is acceptable to every voter, so there is no frontier to compare with.")
        mean, nash_mean = f.nash_mean, f.nash_solution_mean
        if f.nash is None:
            paragraphs.append("There is no Nash bargaining solution: no acceptable package beats no deal for every "
                              "voter.")
        else:
            theirs = sum(f.nash_gains.values())
            mine = sum(f.gains.values())
            product = (f"the Nash product (the product of the {len(f.gains)} voters' utility gains over no deal, "
                       f"shown as their geometric mean) is {mean:.3f} under the agreement against {nash_mean:.3f} under "
                       "the Nash solution"
                       if mean is not None else
                       "not every voter gains over no deal under the agreement, so its Nash product is not positive "
                       f"(the Nash solution's gains have a geometric mean of {nash_mean:.3f})")
            paragraphs.append(f"Against the Nash bargaining solution ({_package_text(s, f.nash.values)}): {product}; "
                              f"the sum of the gains is {mine:.3f} against {theirs:.3f}.")
            if mean is not None and mean > nash_mean and o.terms.carve_outs:
                paragraphs.append("The agreement does better than the Nash solution because of its carve-outs: they "
                                  "give the reluctant allies a deadline of their own, which no package with one common "
                                  "deadline can. The Nash solution is the best of those packages, not of deals with "
                                  "exceptions.")
            better_off = [v for v in f.gains if f.scores[v] > f.nash.scores[v] + 0.05]
            worse_off = [v for v in f.gains if f.scores[v] < f.nash.scores[v] - 0.05]
            paragraphs.append(f"{len(better_off)} voters score more under the agreement than under the Nash solution, "
                              f"{len(worse_off)} less.")
    else:
        paragraphs.append("There was no agreement: the no-deal terms apply and every score is 50.")
        if f.nash is not None:
            low, high = min(f.nash.scores[v] for v in f.voters), max(f.nash.scores[v] for v in f.voters)
            paragraphs.append("Yet every voter would have gained over no deal under the Nash bargaining solution "
                              f"({_package_text(s, f.nash.values)}), with scores from {low:.1f} to {high:.1f}.")
        else:
            paragraphs.append("No acceptable package beat no deal for every voter, so there is no Nash bargaining "
                              "solution: someone was better off walking away.")
    headings = ["Issue", "agreement" if o.agreed else "no deal (in force)"]
    columns = [o.in_force.as_dict()]
    if f.nash is not None:
        headings.append("Nash solution")
        columns.append(f.nash.values)
    if f.better_example is not None:
        headings.append("better for every voter")
        columns.append(f.better_example)
    rows = [(issue.label,) + tuple(issue.format(c[issue.id]) for c in columns) for issue in s.issues]
    if o.agreed and o.terms.carve_outs:
        rows.append(("Carve-outs", str(len(o.terms.carve_outs))) + ("0",) * (len(columns) - 1))
    voters = f.voters

    def stat(scores: dict[str, float]) -> tuple[str, str]:
        values = [scores[v] for v in voters]
        return f"{sum(values) / len(values):.1f}", f"{min(values):.1f}"
    for label, index in (("Voters' mean score", 0), ("Lowest voter's score", 1)):
        cells = [stat(f.scores)[index]]
        if f.nash is not None:
            cells.append(stat(f.nash.scores)[index])
        if f.better_scores is not None:
            cells.append(stat(f.better_scores)[index])
        rows.append((label, *cells))
    blocks: list = [Table(tuple(headings), tuple(rows), compact=True)]
    if chart:
        marked = _and((["the agreement"] if o.agreed else []) + (["the Nash solution"] if f.nash else []) + ["no deal"])
        blocks.insert(0, Figure(chart, "Scatter chart: every package the red lines allow, by the US President's score "
                                       f"and the members' mean score, with {marked} marked.",
                                "Grey: the packages every voter's red lines allow, as summit inspect examines them; "
                                "50 on both axes is no deal."))
    blocks += list(f.notes)
    return Section("Against the Pareto frontier and the Nash solution", tuple(paragraphs), blocks=tuple(blocks),
                   anchor="pareto")


PARTICIPATION_COLUMNS = (("proposals", "proposals"), ("statements", "statements"), ("pledges", "pledges"),
                         ("carve_outs_asked", "carve-outs asked"), ("objections", "objections"),
                         ("coalitions_joined", "coalitions joined"), ("promises_made", "promises made"),
                         ("promises_kept", "promises kept"), ("promises_broken", "promises broken"),
                         ("threats_made", "threats made"), ("threats_carried_out", "threats carried out"),
                         ("threats_that_worked", "threats that worked"), ("bluffs", "bluffs"))


def _participation_section(facts: GameFacts) -> Section:
    s, o = facts.scenario, facts.outcome
    rows = []
    for leader in s.leaders:
        record: Participation = o.participation[leader.id]
        label = _leader_label(s, leader.id)
        if facts.players.get(leader.id):
            label += f" [{facts.players[leader.id]}]"
        rows.append((label,) + tuple(str(getattr(record, name)) for name, _ in PARTICIPATION_COLUMNS))
    headings = ("Leader",) + tuple(heading for _, heading in PARTICIPATION_COLUMNS)
    return Section("Participation record", (
        "What each role did at the table, for the teacher's rubric; it is kept apart from the scores, which grade the "
        "result. Proposals: drafts tabled and amendments proposed. Coalitions joined: objections on an issue another "
        "leader had already objected to in the same round.",),
        blocks=(Table(headings, tuple(rows), numeric=tuple(range(1, len(headings))), compact=True, turned=True),),
        anchor="participation")


# ----- charts (matplotlib, Agg: files only; palette and figure style in report/charts.py) ---------------------


def draw_spending(outcome: Outcome, path: Path) -> None:
    allies = sorted((a for a in outcome.allies if a.now is not None), key=lambda a: (-a.now, a.name))
    n = len(allies)
    figure = new_figure(7.2, max(2.6, 0.3 * n + 1.2))
    top_margin = 0.75 / figure.get_figheight()
    bottom_margin = 0.5 / figure.get_figheight()
    axes = figure.add_axes((0.2, bottom_margin, 0.76, 1 - top_margin - bottom_margin))
    y = np.arange(n)[::-1].astype(float)
    series = (("now", GREY, "now"), ("pledged", BLUE, "pledged"),
              ("projected", ORANGE, f"projected {outcome.years[-1]}"))
    height = 0.27
    for offset, (attr, colour, label) in zip((height, 0.0, -height), series):
        axes.barh(y + offset, [getattr(a, attr) for a in allies], height=height, color=colour, label=label)
    top = max([5.5] + [max(a.now, a.pledged, a.projected) * 1.06 for a in allies])
    for line in SPENDING_LINES:
        axes.axvline(line, color="#333333", linestyle="--", linewidth=0.8)
    axes.set_xlim(0, top)
    axes.set_ylim(-0.6, n - 0.4)
    axes.set_yticks(y, [a.name for a in allies], fontsize=8)
    axes.set_xticks(range(0, int(top) + 1))
    axes.set_xlabel("defence spending, % of GDP", fontsize=8)
    for line in SPENDING_LINES:
        axes.text(line, n - 0.4, f"{line:g}%", ha="center", va="bottom", fontsize=8)
    tidy(axes)
    figure.legend(loc="upper center", ncol=3, fontsize=8, frameon=False, bbox_to_anchor=(0.58, 1.0))
    figure.savefig(path, format="png")


def draw_issues(facts: GameFacts, path: Path) -> None:
    s = facts.scenario
    game = facts.replayed.game
    start, no_deal = game.status_quo(), game.no_deal_terms()
    panels: list[tuple[str, Any]] = [(issue.label, issue) for issue in s.issues]
    has_deadline = s.issue_with(Effect.DEADLINE) is not None
    if has_deadline:
        panels.append(("Carve-outs (allies with a later deadline)", None))
    columns = 2
    rows = math.ceil(len(panels) / columns)
    figure = new_figure(7.2, 2.0 * rows + 0.5)
    xs = [0] + [r.round for r in facts.rounds]
    ticks = ["start"] + [str(r.round) for r in facts.rounds]
    for index, (title, issue) in enumerate(panels):
        axes = figure.add_subplot(rows, columns, index + 1)
        if issue is None:
            ends = [0] + [len(r.end.carve_outs) for r in facts.rounds]
            tabled = [(r.round, len(r.tabled.carve_outs)) for r in facts.rounds if r.tabled is not None]
            nd = 0.0
        else:
            def pos(value, issue=issue):
                return issue.position(value)
            ends = [pos(start[issue.id])] + [pos(r.end[issue.id]) for r in facts.rounds]
            tabled = [(r.round, pos(r.tabled[issue.id])) for r in facts.rounds if r.tabled is not None]
            nd = pos(no_deal[issue.id])
        axes.axhline(nd, color=GREY, linestyle="--", linewidth=0.9)
        axes.plot(xs, ends, color=BLUE, marker="o", markersize=4, linewidth=1.4, label="end of round")
        if tabled:
            axes.scatter([t[0] for t in tabled], [t[1] for t in tabled], s=42, facecolors="none", edgecolors=BLACK,
                         linewidths=0.8, label="as tabled", zorder=3)
        axes.set_title(title, fontsize=9, loc="left")
        axes.set_xticks(xs, ticks)
        if len(xs) > 12:
            for label in axes.get_xticklabels()[1::2]:
                label.set_visible(False)
        if issue is not None and not issue.is_range:
            axes.set_yticks(range(len(issue.options)), issue.options)
            axes.set_ylim(-0.5, len(issue.options) - 0.5)
        else:
            values = ends + [t[1] for t in tabled] + [nd]
            low, high = min(values), max(values)
            pad = max((high - low) * 0.15, issue.step if issue is not None else 0.5)
            axes.set_ylim(low - pad, high + pad)
            if issue is not None and issue.effect == Effect.DEADLINE:
                axes.yaxis.set_major_locator(_integer_locator())
                axes.yaxis.set_major_formatter(_plain_formatter())
            elif issue is None:
                axes.yaxis.set_major_locator(_integer_locator())
            if issue is not None and issue.unit and issue.unit != "year":
                axes.set_ylabel(issue.unit, fontsize=8)
        tidy(axes)
    handles, labels = figure.axes[0].get_legend_handles_labels()
    from matplotlib.lines import Line2D
    handles.append(Line2D([], [], color=GREY, linestyle="--"))
    labels.append("no deal")
    figure.legend(handles, labels, loc="upper center", ncol=3, fontsize=8, frameon=False)
    figure.tight_layout(rect=(0, 0, 1, 1 - 0.35 / figure.get_figheight()), h_pad=1.2, w_pad=2.0)
    figure.savefig(path, format="png")


def _integer_locator():
    from matplotlib.ticker import MaxNLocator
    return MaxNLocator(integer=True, nbins=5)


def _plain_formatter():
    from matplotlib.ticker import FuncFormatter
    return FuncFormatter(lambda value, _: f"{value:.0f}")


def draw_scores(scenario: Scenario, scores: dict[str, float], path: Path) -> None:
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], scenario.leader(kv[0]).name))
    n = len(ranked)
    figure = new_figure(7.2, max(2.2, 0.26 * n + 1.1))
    bottom = 0.7 / figure.get_figheight()
    top = 0.2 / figure.get_figheight()
    axes = figure.add_axes((0.33, bottom, 0.62, 1 - bottom - top))
    y = np.arange(n)[::-1]
    values = [v for _, v in ranked]
    colours = [BLUE if v >= 50 - 1e-9 else ORANGE for v in values]
    axes.barh(y, [v - 50 for v in values], left=50, height=0.65, color=colours)
    for yy, v in zip(y, values):
        axes.text(v + (1 if v >= 50 else -1), yy, f"{v:.1f}", va="center", ha="left" if v >= 50 else "right",
                  fontsize=7)
    axes.axvline(50, color="#333333", linewidth=0.9)
    axes.set_xlim(0, 100)
    axes.set_ylim(-0.6, n - 0.4)
    axes.set_yticks(y, [_leader_label(scenario, leader) for leader, _ in ranked], fontsize=7.5)
    axes.set_xticks([0, 25, 50, 75, 100], ["0", "25", "50\nno deal", "75", "100"])
    axes.set_xlabel("score (0-100)", fontsize=8)
    tidy(axes)
    figure.savefig(path, format="png")


def draw_frontier(facts: GameFacts, inspection: Inspection, packages: np.ndarray, path: Path) -> bool:
    """US President's score against the members' mean score for every examined package; False when the
    scenario lacks a US President or members (nothing drawn)."""
    s, f = facts.scenario, facts.frontier
    roles = {leader.id: leader.role for leader in s.leaders}
    us = [v for v in f.voters if roles[v] == Role.US_PRESIDENT]
    members = [v for v in f.voters if roles[v] == Role.MEMBER]
    if not us or not members or not len(packages):
        return False
    prefs = Preferences(s)
    no_deal = prefs.utilities(facts.replayed.game.no_deal_terms())
    utilities = prefs.candidate_utilities(packages)

    def scores_of(rows: list[int]) -> np.ndarray:
        u, nd = utilities[:, rows], no_deal[rows]
        return np.where(u >= nd, 50 + 50 * (u - nd) / np.maximum(1 - nd, 1e-9), 50 * u / np.maximum(nd, 1e-9))
    x = scores_of([prefs.row(v) for v in us]).mean(axis=1)
    y = scores_of([prefs.row(v) for v in members]).mean(axis=1)
    figure = new_figure(6.0, 4.2)
    axes = figure.add_axes((0.12, 0.13, 0.55, 0.8))
    axes.scatter(x, y, s=8, color=GREY, alpha=0.6, linewidths=0, label="acceptable packages")

    def point(scores: dict[str, float]) -> tuple[float, float]:
        return float(np.mean([scores[v] for v in us])), float(np.mean([scores[v] for v in members]))
    axes.scatter([50], [50], marker="X", s=60, color=BLACK, label="no deal")
    if inspection.nash is not None:
        axes.scatter(*point(inspection.nash.scores), marker="*", s=160, color=BLUE, label="Nash solution", zorder=4)
    if facts.outcome.agreed:
        axes.scatter(*point(f.scores), marker="D", s=60, color=VERMILION, label="the agreement", zorder=5)
    axes.set_xlabel("US President's score", fontsize=8)
    axes.set_ylabel("members' mean score", fontsize=8)
    xs = list(x) + [50] + ([point(f.scores)[0]] if facts.outcome.agreed else [])
    ys = list(y) + [50] + ([point(f.scores)[1]] if facts.outcome.agreed else [])
    axes.set_xlim(min(xs) - 5, max(xs) + 5)
    axes.set_ylim(min(ys) - 5, max(ys) + 5)
    axes.axvline(50, color=GREY, linewidth=0.6, linestyle=":")
    axes.axhline(50, color=GREY, linewidth=0.6, linestyle=":")
    tidy(axes)
    axes.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    figure.savefig(path, format="png")
    return True


def draw_comparison(scenario: Scenario, games: list[GameFacts], path: Path) -> None:
    leaders = [leader.id for leader in scenario.leaders]
    mean = {l: np.mean([g.outcome.scores[l] for g in games]) for l in leaders}
    ranked = sorted(leaders, key=lambda l: (-mean[l], scenario.leader(l).name))
    n = len(ranked)
    figure = new_figure(7.2, max(2.4, 0.26 * n + 1.4))
    bottom = 0.7 / figure.get_figheight()
    top = 0.6 / figure.get_figheight()
    axes = figure.add_axes((0.33, bottom, 0.62, 1 - bottom - top))
    y = np.arange(n)[::-1]
    markers = "oDs^vP*Xh<>"
    colours = (BLUE, VERMILION, "#009E73", ORANGE, "#CC79A7", "#56B4E9", BLACK, "#F0E442")
    step = min(0.18, 0.7 / len(games))   # games side by side within a row, so equal scores stay visible
    for index, g in enumerate(games):
        offset = (len(games) - 1) / 2 * step - index * step
        axes.scatter([g.outcome.scores[l] for l in ranked], y + offset, marker=markers[index % len(markers)], s=22,
                     color=colours[index % len(colours)], label=_game_label(g), zorder=3)
    axes.axvline(50, color="#333333", linewidth=0.9)
    axes.set_xlim(0, 100)
    axes.set_ylim(-0.6, n - 0.4)
    axes.set_yticks(y, [_leader_label(scenario, l) for l in ranked], fontsize=7.5)
    axes.grid(axis="y", color="#dddddd", linewidth=0.5)
    axes.set_xticks([0, 25, 50, 75, 100], ["0", "25", "50\nno deal", "75", "100"])
    axes.set_xlabel("score (0-100)", fontsize=8)
    tidy(axes)
    figure.legend(loc="upper center", ncol=min(4, len(games)), fontsize=8, frameon=False)
    figure.savefig(path, format="png")


# ----- several games side by side ---------------------------------------------------------------------------

def _game_label(g: GameFacts) -> str:
    return f"{g.replayed.path.stem} (seed {g.replayed.seed})"


def comparison_sections(scenario: Scenario, games: list[GameFacts], chart: str | None) -> list[Section]:
    headings = ("",) + tuple(_game_label(g) for g in games)
    rows = [("Result",) + tuple(("agreed" if g.outcome.agreed else "no deal") + (" (the teacher ended it)"
                                                                                    if g.ended_by_teacher else "")
                                for g in games),
            ("Rounds",) + tuple(str(g.outcome.rounds) for g in games)]
    for issue in scenario.issues:
        rows.append((issue.label,) + tuple(issue.format(g.outcome.in_force[issue.id]) for g in games))
    if scenario.issue_with(Effect.DEADLINE) is not None:
        rows.append(("Carve-outs",) + tuple(str(len(g.outcome.in_force.carve_outs)) for g in games))
    rows.append(("Alliance pledged, % GDP",) + tuple(f"{g.outcome.totals('pledged')[1]:.2f}" for g in games))
    year = games[0].outcome.years[-1]
    rows.append((f"Alliance projected {year}, % GDP",)
                + tuple(f"{g.outcome.totals('projected')[1]:.2f}" for g in games))
    if games[0].outcome.us_guarantee_after is not None:
        rows.append(("US guarantee after the review",) + tuple(str(g.outcome.us_guarantee_after) for g in games))
    rows.append(("Promises and threats",) + tuple(str(len(g.words)) for g in games))
    rows.append(("Held out longest",) + tuple(_leader_label(scenario, g.holdout.leader) if g.holdout else "no one"
                                              for g in games))
    for leader in scenario.leaders:
        rows.append((f"{_leader_label(scenario, leader.id)}: score",)
                    + tuple(f"{g.outcome.scores[leader.id]:.1f}" for g in games))
    links = tuple(Item(g.how(), _game_label(g), g.name) for g in games)
    agreed = sum(g.outcome.agreed for g in games)
    sections = [Section("The games", (f"{len(games)} games of {scenario.title}; {agreed} reached agreement. Each game "
                                      "has its own page (follow its name), with the same sections as a single "
                                      "debrief.",),
                        links, anchor="the-games")]
    blocks: list = []
    if chart:
        blocks.append(Figure(chart, "Dot chart: each role's score in each game, one marker per game; 50 is no deal.",
                             "One row per role, one marker per game; the line at 50 is no deal."))
    blocks.append(Table(headings, tuple(rows), numeric=tuple(range(1, len(headings))), compact=True,
                        totals=tuple(range(0, 1))))
    sections.append(Section("Side by side", ("The outcome of each game: terms in force, alliance spending and each "
                                             "role's score (0-100; 50 = no deal).",), blocks=tuple(blocks),
                            anchor="side-by-side"))
    asked = []
    outcomes = {g.outcome.agreed for g in games}
    if len(outcomes) == 2:
        yes = [_game_label(g) for g in games if g.outcome.agreed]
        no = [_game_label(g) for g in games if not g.outcome.agreed]
        asked.append(f"{_and(yes)} reached agreement and {_and(no)} did not, in the same scenario: what made the "
                     "difference?")
    deals = [g for g in games if g.outcome.agreed]
    if len(deals) > 1:
        spread = {l.id: [g.outcome.scores[l.id] for g in deals] for l in scenario.leaders}
        widest = max(spread, key=lambda l: (max(spread[l]) - min(spread[l]), l))
        if max(spread[widest]) - min(spread[widest]) >= 5:
            high = max(deals, key=lambda g: g.outcome.scores[widest])
            low = min(deals, key=lambda g: g.outcome.scores[widest])
            asked.append(f"The same role fared very differently under two agreements: "
                         f"{_leader_label(scenario, widest)} scored {high.outcome.scores[widest]:.1f} in "
                         f"{_game_label(high)} and {low.outcome.scores[widest]:.1f} in {_game_label(low)}. What "
                         "happened differently at those tables?")
    holdouts = {g.holdout.leader for g in games if g.holdout}
    if len(holdouts) == 1 and len(games) > 1 and all(g.holdout for g in games):
        asked.append(f"{_leader_label(scenario, holdouts.pop())} held out longest at every table: is that the role, "
                     "or the players?")
    if asked:
        sections.append(Section("Questions across the tables", blocks=(tuple(Item(q) for q in asked),),
                                anchor="questions-across-the-tables"))
    return sections


# ----- writing ------------------------------------------------------------------------------------------------

def _render(title: str, subtitle: str, sections: list[Section], back: str | None) -> tuple[str, str]:
    body = [f"<h1>{html_text(title)}</h1>", f"<p class=\"scenario\">{html_text(subtitle)}"
            + (f" · <a href=\"{html_text(back)}.html\">all games</a>" if back else "") + "</p>",
            "<p>" + " · ".join(f"<a href=\"#{html_text(s.anchor or anchor(s.title))}\">{html_text(s.title)}</a>"
                               for s in sections) + "</p>"]
    for section in sections:
        body += section_html(section)
    md = [f"# {markdown_text(title)}", "",
          markdown_text(subtitle) + (f" · [all games]({back}.md)" if back else ""), "",
          " · ".join(f"[{markdown_text(s.title)}](#{anchor(s.title)})" for s in sections), ""]
    for section in sections:
        md += section_markdown(section)
    return page(title, body, TABLE_CSS), markdown_page(md)


def _page_names(games: list[Replay]) -> list[str]:
    names: list[str] = []
    for g in games:
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", g.path.stem).strip("-.") or "game"
        if stem == "index":
            stem = "game-index"
        name, n = stem, 2
        while name in names:
            name, n = f"{stem}-{n}", n + 1
        names.append(name)
    return names


def _prepare(out: Path) -> list[str]:
    """Check the folder may take a debrief; return the files an earlier debrief there wrote."""
    if out.exists() and not out.is_dir():
        raise DebriefError(f"{out}: is a file; name a folder")
    if not out.exists():
        return []
    previous = out / "debrief.json"
    if previous.is_file():
        try:
            files = json.loads(previous.read_text(encoding="utf-8")).get("files", [])
        except (OSError, ValueError, AttributeError):
            files = []
        return [name for name in files if isinstance(name, str) and "/" not in name and "\\" not in name]
    if any(out.iterdir()):
        raise DebriefError(f"{out}: the folder is not empty and holds no earlier debrief (no debrief.json); "
                           "name a new or empty folder")
    return []


def write_debrief(paths: Sequence[Path], out: Path | None = None) -> list[Path]:
    """Write the debrief of the logged games into `out` (created if missing; an earlier debrief there is
    replaced; default: `default_out`): index.html and index.md, a page per game when there are several, the
    charts and debrief.json. Returns the files written, index.html first. DebriefError for logs that cannot be
    debriefed or a folder that holds something else; OSError when the folder cannot be written."""
    games = read_games(paths)
    out = Path(out) if out is not None else default_out(paths, games[0].scenario.id)
    earlier = _prepare(out)
    scenario = games[0].scenario
    inspection = inspect(scenario)
    packages = examined_packages(scenario)
    several = len(games) > 1
    names = _page_names(games) if several else ["index"]
    facts = [game_facts(g, inspection, packages) for g in games]
    for f, name in zip(facts, names):
        f.name = name
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    pages: list[tuple[str, str, str]] = []
    for f in facts:
        prefix = "" if not several else f"{f.name}-"
        charts = Charts(f"{prefix}spending.png", f"{prefix}issues.png", f"{prefix}scores.png", f"{prefix}pareto.png")
        draw_spending(f.outcome, out / charts.spending)
        draw_issues(f, out / charts.issues)
        draw_scores(scenario, f.outcome.scores, out / charts.scores)
        if not draw_frontier(f, inspection, packages, out / charts.frontier):
            charts = Charts(charts.spending, charts.issues, charts.scores, None)
        written += [out / name for name in (charts.spending, charts.issues, charts.scores, charts.frontier) if name]
        title = f"Debrief: {scenario.title}, seed {f.replayed.seed}"
        subtitle = f"{scenario.title} ({scenario.id}) · {scenario.year} · {f.replayed.path.name}"
        html, md = _render(title, subtitle, game_sections(f, charts), "index" if several else None)
        pages.append((f.name, html, md))
    if several:
        chart = "comparison.png"
        draw_comparison(scenario, facts, out / chart)
        written.append(out / chart)
        title = f"Debrief: {scenario.title}, {len(facts)} games compared"
        html, md = _render(title, f"{scenario.title} ({scenario.id}) · {scenario.year}",
                           comparison_sections(scenario, facts, chart), None)
        pages.insert(0, ("index", html, md))
    for name, html, md in pages:
        for suffix, text in ((".html", html), (".md", md)):
            (out / f"{name}{suffix}").write_text(text, encoding="utf-8")
            written.append(out / f"{name}{suffix}")
    written.append(out / "debrief.json")
    names_written = [path.name for path in written]
    data = {"format": DEBRIEF_FORMAT, "scenario": scenario.id, "title": scenario.title,
            "inspection": {"nash": inspection.nash.to_json() if inspection.nash else None,
                           "acceptable_packages": inspection.acceptable, "examined": inspection.examined},
            "games": [f.to_json() for f in facts], "files": names_written}
    (out / "debrief.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name in earlier:
        if name not in names_written:
            (out / name).unlink(missing_ok=True)
    index = out / "index.html"
    return [index] + [path for path in written if path != index]


def write(paths: Sequence[Path], out: Path) -> Path:
    """Write the debrief of the logged games into `out` (see write_debrief); returns the path of index.html."""
    return write_debrief(paths, out)[0]

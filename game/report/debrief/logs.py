"""Reading the logs: each replayed through the rules (game/play/replay.py), so a broken or edited log is
refused and the outcome is the one the rules give; then the facts the debrief tells, drawn from each game's
replay: the draft per round, objections, events and the teacher's moves, promises and threats with what
became of them, the leader who held out longest, and the terms against the Pareto frontier.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ...i18n import N_, _, msg, percent
from ...analysis.inspect import Inspection, examined_packages, inspect
from ...engine import MOVES, Draft, Game, LogEntry, Outcome, Phase, action_from_json
from ...engine.narrate import shown_label, shown_value
from ...engine.outcome import score
from ...engine.participation import Word, Words
from ...engine.preferences import Preferences
from ...play.replay import Replay, finished_summits, read
from ...scenario import Role, Scenario
from ...scenario.untrusted import SafeMessage, shown
from .facts import EventFacts, FrontierFacts, GameFacts, Holdout, RoundFacts, WordFacts
from .questions import questions
from .wording import _country, _leader_name

TOLERANCE = 1e-9   # utilities are sums of floats: differences below this are ties


class DebriefError(SafeMessage):
    """Logs that cannot be debriefed, or a folder the debrief cannot go into; the message names the file."""


# ----- reading the games ---------------------------------------------------------------------------------

def read_games(paths: Sequence[Path]) -> list[Replay]:
    """Each log replayed through the rules; DebriefError for a log that does not replay, a game that is not
    over, a bilateral game, a log named twice, or logs of different scenarios."""
    games = finished_summits(paths, DebriefError,
                             N_("{path}: the game is not over (it stops in round {round}): finish it, then debrief it"),
                             N_("{path}: {scenario} uses the bilateral protocol; a debrief covers summit games (use "
                                "summit replay for this one)"),
                             check_agents=True)   # the computer's moves chosen again from the seed
    first = games[0]
    for other in games[1:]:
        if other.scenario.id != first.scenario.id:
            raise DebriefError(msg("{first} is a game of {scenario} and {other} a game of {other_scenario}: a debrief "
                                   "compares games of one scenario (parallel tables)", first=str(first.path),
                                   scenario=first.scenario.id, other=str(other.path), other_scenario=other.scenario.id))
        if other.scenario.source_text != first.scenario.source_text:
            raise DebriefError(msg("{first} and {other} are both games of {scenario}, but of different versions of "
                                   "its text: a debrief compares games of one scenario", first=str(first.path),
                                   other=str(other.path), scenario=first.scenario.id))
    return games


def default_out(paths: Sequence[Path], scenario_id: str | None = None) -> Path:
    """`./LOG-debrief/` for one log, `./SCENARIO-debrief/` for several."""
    if len(paths) == 1:
        return Path(f"{Path(paths[0]).stem}-debrief")
    return Path(f"{scenario_id}-debrief")


# ----- what happened: facts drawn from one game ----------------------------------------------------------

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


def demand_words(scenario: Scenario, word: Word) -> str:
    """What a promise or a threat asked: "pledge at least 3.5% GDP", or "the text says ..." on an issue."""
    if word.issue is None:
        return _("pledge at least {level} GDP").format(level=percent(word.demand, 1))
    issue = scenario.issue(word.issue)
    return _("the text says {issue}: {value}").format(issue=shown_label(issue), value=shown_value(issue, word.value))


def _verdict(settled: str, detail: str) -> str:
    """What became of a word: its verdict, then what happened ("kept: ...")."""
    return {"kept": lambda: _("kept: {detail}"), "broken": lambda: _("broken: {detail}"),
            "worked": lambda: _("worked: {detail}"), "carried_out": lambda: _("carried out: {detail}"),
            "bluff": lambda: _("a bluff: {detail}"), "open": lambda: _("still open: {detail}")}[settled]().format(
        detail=detail)


def _issue_word_outcome(scenario: Scenario, word: Word) -> tuple[str, str]:
    """What became of a promise or a threat about the draft: the text said it or not, and the giver's answer, as
    (the outcome, its detail)."""
    giver = _leader_name(scenario, word.giver)
    issue = scenario.issue(word.issue)
    fields = dict(issue=shown_label(issue), value=shown_value(issue, word.value), giver=giver)
    details = {"kept": lambda: _("the text said {issue}: {value}, and {giver} let it through"),
               "broken": lambda: _("the text said {issue}: {value}, but {giver} broke silence all the same"),
               "worked": lambda: _("the text said {issue}: {value}"),
               "carried_out": lambda: _("the text did not say {issue}: {value}, and {giver} broke silence"),
               "bluff": lambda: _("the text did not say {issue}: {value}, and {giver} let it through anyway")}
    if word.settled in details:
        detail = details[word.settled]().format(**fields)
        return _verdict(word.settled, detail), detail
    if word.kind == "threat" or scenario.leader(word.giver).is_voter:
        return _("still open when the game ended"), ""
    detail = _("the giver does not vote, so it never had to make good on it")
    return _verdict("open", detail), detail


def _words(scenario: Scenario, history: Sequence[LogEntry]) -> list[tuple[Word, int | None]]:
    """Every promise and threat with the round in which the engine's rules settled it (None: still open)."""
    words = Words({leader.id: leader.ally for leader in scenario.leaders}, pen_holder=scenario.pen_holder_id)
    settled_in: dict[int, int] = {}
    for entry in history:
        words.feed(entry)
        for index, word in enumerate(words.words):
            if word.settled and index not in settled_in:
                settled_in[index] = entry.round
    return [(word, settled_in.get(index)) for index, word in enumerate(words.words)]


def _word_outcome(scenario: Scenario, word: Word, pledges: list[tuple[int, str, float, int]]) -> tuple[str, str, bool]:
    """What became of a promise or a threat: (the outcome in words, its detail after the verdict, whether its
    target had pledged what it asked before it was made)."""
    if word.issue is not None:
        return (*_issue_word_outcome(scenario, word), False)
    target = scenario.leader(word.target)
    giver = _leader_name(scenario, word.giver)
    paid = next(((r, level, year) for r, a, level, year in pledges if a == target.ally and level >= word.demand - 1e-9),
                None)
    before = bool(paid) and paid[0] < word.round
    country = _country(scenario, target.ally, start=True)
    inside = _country(scenario, target.ally)
    paid_text = ""
    if paid:
        paid_text = (_("{country} had already pledged {level} GDP by {year} in round {round}") if before else
                     _("{country} pledged {level} GDP by {year} in round {round}")).format(
            level=percent(paid[1], 1), year=paid[2], round=paid[0], **country)
    demand = percent(word.demand, 1)
    details = {"kept": lambda: _("{paid}, and {giver} let the next draft through").format(paid=paid_text, giver=giver),
               "broken": lambda: _("{paid}, but {giver} broke silence all the same").format(paid=paid_text, giver=giver),
               "worked": lambda: paid_text,
               "carried_out": lambda: _("{country} had not pledged {level}, and {giver} broke silence").format(
                   level=demand, giver=giver, **inside),
               "bluff": lambda: _("{country} had not pledged {level}, and {giver} let the draft through anyway").format(
                   level=demand, giver=giver, **inside)}
    if word.settled in details:
        detail = details[word.settled]()
        return _verdict(word.settled, detail), detail, before
    if word.kind == "promise" and not paid:
        detail = _("{country} never pledged {level}, so nothing was owed").format(level=demand, **inside)
        return _verdict("open", detail), detail, before
    if scenario.leader(word.giver).role == Role.SECRETARY_GENERAL:
        detail = _("the Secretary General does not vote, so it never had to make good on it")
        return _verdict("open", detail), detail, before
    return _("still open when the game ended"), "", before


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


def game_facts(replayed: Replay, inspection: Inspection, packages: np.ndarray,
               players: dict[str, str] | None = None) -> GameFacts:
    """What the debrief says about one game, drawn from its replay; the names typed for roles from the log's
    header unless `players` gives them."""
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
    words = [WordFacts(word, settled_round, *_word_outcome(scenario, word, pledges))
             for word, settled_round in _words(scenario, history)]
    if players is None:
        header = read(replayed.path)[0]
        players = header.get("players") if isinstance(header.get("players"), dict) else {}
    players = {str(leader): shown(str(name)) for leader, name in players.items()}   # names typed, perhaps on a device
    facts = GameFacts(replayed, players, rounds, events, teacher, words, pledges, objections,
                      _holdout(scenario, outcome, rounds, objections),
                      _frontier(scenario, replayed.game, outcome, inspection, packages))
    facts.questions = questions(facts)
    return facts


def session_facts(session) -> GameFacts:
    """What the debrief says about the game in a finished Session (game/play/session.py), as it is on screen: no
    log needed (the outcome screen asks the debrief's three questions of it). ValueError when the game is not over
    or is a bilateral one."""
    scenario = session.scenario
    if scenario.is_bilateral or not session.over:
        raise ValueError("the debrief's facts need a finished summit game")
    path = Path(session.log_path) if session.log_path is not None else Path(f"{scenario.id}-seed{session.seed}")
    replayed = Replay(path, scenario, session.seed, session.agent_names(), session.game, session.state,
                      session.outcome(), None, session.state.round)
    return game_facts(replayed, inspect(scenario), examined_packages(scenario), dict(session.players))

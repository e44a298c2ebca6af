"""Grades for a class: `summit grades LOG... --out FILE.csv`, one row per student.

Each log is replayed through the rules (game/play/replay.py), so the scores are the ones the rules give. The
roles people played (the header's agents say "human") get a row per student: the name typed for the role is
split into team members ("Ana & Ben", "Ana, Ben", "Ana and Ben" give two rows with the same values). Roles
the computer played are left out.

What a row holds, and why (docs/teachers-guide.md, "Grading", says how to use it):

- the result: the outcome's score (0-100, 50 = no deal) and the role's best achievable score in that game
  (analysis.reach.best_reachable, as the handout shows it: the most it gets in a package the voters' red lines
  accept, with the carve-outs the rules allow), so that the
  share of the span from no deal to the best corrects for the role: Orbán's easy 87.7 and Sánchez's hard 50
  become comparable;
- the brief: red lines held by the adopted terms, the private objective and whether it was met (yes or no with
  the reasons where the scenario says how to tell, analysis.objective; "judge" where only a person can judge
  the sentence; "n/a" when the role has none);
- the play, counted so that noise and sabotage earn nothing (`play_record`): distinct proposals, substantive
  statements (no repeats, no filler), pledges and carve-outs asked, objections apart from coalitions, and
  promises kept ("n/a" without promises).

`grade` (0-100) ranks the students of a role: half the result (the share of the best, counted from 0 to 1),
half the play (Play.points: one a move, at most PLAY_CAPS of each kind; PLAY_FULL points give the whole half).
`rank` is the place among the students of the same scenario and role over all the logs given (parallel tables).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ..agents import agents_for
from ..analysis.objective import objective_met
from ..analysis.reach import best_reachable
from ..engine import MOVES, action_from_json
from ..engine.participation import Words
from ..play.replay import Replay, finished_summits, read
from ..play.session import HUMAN
from ..i18n import N_, _, using
from ..scenario.untrusted import SafeMessage, shown

MIN_WORDS = 4            # a statement of fewer words is filler ("ok", "we agree", "blah blah")
MIN_DISTINCT_WORDS = 3   # ... and so is one that says fewer different words ("no no no no")
FILLER = frozenset("""blah bla la lol ok okay yes no yeah yep nope hi hello hey test testing asdf qwerty xyz
    hmm um uh er ah oh whatever idk lorem ipsum dolor sit amet pass skip nothing same again agree disagree
    fine good bad thanks thank you please wait next go stop x y z a the and""".split())
"""Words that carry no position. A statement whose words are all in here is filler, however long."""

PLAY_FULL = 8            # play points for a full play mark
PLAY_CAPS = {"distinct_proposals": 3, "substantive_statements": 3, "commitments": 2, "coalitions": 2,
             "promises_kept": 2}
"""At most this many points from each kind of move (one point a move), so that no single kind fills the mark;
each promise broken takes BROKEN_PENALTY points off. Objections earn nothing and cost nothing: blocking is a
voter's right under consensus, and what it brought is in the score."""
BROKEN_PENALTY = 2

PLEDGE = "(pledge)"      # what a promise or threat about a pledge asks for, beside the issues' ids

TEAM_SEPARATORS = re.compile(r"\s*(?:,|&|\+|/|;|\band\b)\s*", re.IGNORECASE)

COLUMNS = (
    ("table", N_("the log's file name without its extension (a hosted class writes one log per table)")),
    ("student", N_("one member of the team, as typed (empty when no name was typed)")),
    ("team", N_("the name or names typed for the role, as typed")),
    ("role", N_("the leader id")),
    ("leader", N_("the leader and the country")),
    ("score", N_("the outcome's score, 0-100, 50 = no deal")),
    ("best_achievable", N_("the role's best score in a package the voters' red lines accept (n/a: none)")),
    ("share_of_best", N_("(score - 50) / (best - 50): 0 = no deal, 1 = the best; n/a when the best is 50 or less")),
    ("agreed", N_("yes when the table adopted a text")),
    ("red_lines_held", N_("yes / no (the adopted terms cross one: the issues follow); n/a without red lines or deal")),
    ("objective", N_("the role's private objective; n/a when the role has none")),
    ("objective_met", N_("yes / no, with the reasons, where the scenario says how to tell (objective_met_when); "
                         "'judge' where only a person can (the objective is a sentence); n/a without an objective")),
    ("proposals", N_("drafts tabled and amendments proposed, all of them")),
    ("distinct_proposals", N_("of them, those that changed the draft to something this student had not proposed")),
    ("statements", N_("statements made, all of them")),
    ("substantive_statements", N_("of them, those neither filler nor a repeat of this student's earlier words")),
    ("pledges", N_("national paths pledged")),
    ("carve_outs_asked", N_("later deadlines asked for the role's own country")),
    ("distinct_commitments", N_("pledges and carve-outs asked, each different one once")),
    ("objections", N_("times the student broke silence (blocked a draft)")),
    ("coalitions", N_("other leaders whose ask on an issue the student backed with a matching move (per leader and issue)")),
    ("promises_made", N_("promises made")),
    ("promises_kept", N_("promises kept: the target paid and the student let the draft through")),
    ("promises_broken", N_("promises broken: the target paid and the student blocked")),
    ("keeping_word", N_("kept N of M (promises settled); n/a without promises; open when none was put to the test")),
    ("threats_made", N_("threats made")),
    ("bluffs", N_("threats not carried out when the target did not pay")),
    ("computer_moves", N_("moves the computer made for the seat (a hosted table's round time up): not counted above")),
    ("play_points", N_("the play's points (at most {play_full} count)")),
    ("grade", N_("50 x the share of the best (0 to 1) + 50 x play points / 8")),
    ("rank", N_("the place among the students of the same role over the logs given (1 = best grade)")),
)
"""The CSV's columns in order, each with what it means (the guide's table says the same): the names are never
translated, the meanings (LazyTexts) are written in the language of the moment (`meaning`)."""


def meaning(explanation) -> str:
    """A column's meaning in the language of the moment."""
    return explanation.format(play_full=PLAY_FULL)


class GradesError(SafeMessage):
    """Logs that cannot be graded; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Play:
    """What a student did at the table, counted for grading (see the module's docstring)."""

    proposals: int = 0
    distinct_proposals: int = 0
    statements: int = 0
    substantive_statements: int = 0
    pledges: int = 0
    carve_outs_asked: int = 0
    distinct_commitments: int = 0   # pledges and carve-outs asked, each different one once
    objections: int = 0
    coalitions: int = 0
    promises_made: int = 0
    promises_kept: int = 0
    promises_broken: int = 0
    threats_made: int = 0
    bluffs: int = 0

    @property
    def keeping_word(self) -> str:
        if self.promises_made == 0:
            return "n/a"
        settled = self.promises_kept + self.promises_broken
        return f"kept {self.promises_kept} of {settled}" if settled else "open"

    @property
    def points(self) -> int:
        earned = {"distinct_proposals": self.distinct_proposals, "substantive_statements": self.substantive_statements,
                  "commitments": self.distinct_commitments, "coalitions": self.coalitions,
                  "promises_kept": self.promises_kept}
        return sum(min(count, PLAY_CAPS[kind]) for kind, count in earned.items()) - BROKEN_PENALTY * self.promises_broken


def words_of(text: str) -> tuple[str, ...]:
    """A text's words, lower case, letters only: "Blah, BLAH!" and "blah blah" are the same words."""
    return tuple(re.findall(r"[^\W\d_]+", text.lower()))


def is_filler(text: str) -> bool:
    """Fewer than MIN_WORDS words, fewer than MIN_DISTINCT_WORDS different ones, or only FILLER words."""
    words = words_of(text)
    return len(words) < MIN_WORDS or len(set(words)) < MIN_DISTINCT_WORDS or set(words) <= FILLER


def split_team(typed: str) -> tuple[str, ...]:
    """The members of a team from the name typed for a role: "Ana & Ben", "Ana, Ben", "Ana and Ben", "Ana + Ben",
    "Ana / Ben" and "Ana; Ben" are two; a single name is one; nothing typed is one unnamed student."""
    members = tuple(part for part in TEAM_SEPARATORS.split(typed.strip()) if part)
    return members or ("",)


# ----- the play ------------------------------------------------------------------------------------------

def _range_backs(ask_value: float, own_value: float, draft_value: float) -> bool:
    """Whether moving the draft to `own_value` goes the way another's ask of `ask_value` goes, no further."""
    if ask_value == draft_value or own_value == draft_value:
        return False
    if (ask_value > draft_value) != (own_value > draft_value):
        return False
    return abs(own_value - draft_value) <= abs(ask_value - draft_value) + 1e-9


def play_record(replayed: Replay, leader_id: str, computer: frozenset[int] = frozenset()) -> Play:
    """What `leader_id` did, from the game's log; the moves at the history's indices `computer` (the computer's
    moves for the seat: `computer_moves`) are left out.

    - A proposal is distinct when it changes the draft on the table to something this student has not proposed
      before (an amendment: the issue and value; a tabled draft: the whole text).
    - A statement is substantive when it is not filler (`is_filler`), or states a limit on an issue, and is not
      a repeat of this student's earlier statement (the same words, the same limit).
    - A coalition is another leader's ask with a value, backed by this student afterwards with a matching move:
      an amendment or a stated limit that moves the same issue the same way from the draft on the table, no
      further than the ask (asks: amendments, stated limits, promises and threats naming a value on an issue),
      or a pledge of at least what another leader's promise or threat asked of this student. Each other leader
      and issue counts once. Objections are never coalitions: breaking silence together only blocks."""
    scenario = replayed.scenario
    issues = {issue.id: issue for issue in scenario.issues}
    pen_holder = scenario.pen_holder_id
    words = Words({leader.id: leader.ally for leader in scenario.leaders}, pen_holder=pen_holder)
    draft: dict = {}
    counts = {name: 0 for name in Play.__dataclass_fields__}
    proposed: set = set()
    said: set = set()
    asks: list[tuple[str, str, object, str]] = []   # (who, issue or PLEDGE, value, how: "=" / "<=" / ">=" / "not")
    partners: set[tuple[str, str]] = set()
    commitments: set = set()
    for index, entry in enumerate(replayed.state.history):
        words.feed(entry)
        if entry.type != "action":
            continue
        action, actor = entry.data["action"], entry.actor
        kind = action["kind"]
        mine = actor == leader_id and index not in computer
        if kind == "table":
            key = ("table", json.dumps(action["draft"], sort_keys=True))
            if mine:
                counts["proposals"] += 1
                if action["draft"] != draft and key not in proposed:
                    counts["distinct_proposals"] += 1
                proposed.add(key)
            draft = dict(action["draft"])
            continue
        if kind == "amend":
            issue, value = action["issue"], action["value"]
            if mine:
                counts["proposals"] += 1
                if draft.get(issue) != value and (issue, value) not in proposed:
                    counts["distinct_proposals"] += 1
                proposed.add((issue, value))
                partners |= _backed(asks, leader_id, issue, "=", value, draft, issues)
            else:
                asks.append((actor, issue, value, "="))
            if actor == pen_holder:
                draft[issue] = value
        elif kind == "statement":
            limited = action.get("issue") is not None and action.get("bound") is not None and action.get("limit") is not None
            how = {"at_most": "<=", "at_least": ">=", "not": "not"}.get(action.get("bound")) if limited else None
            if mine:
                counts["statements"] += 1
                key = (words_of(action.get("reason", "")), action.get("issue"), action.get("bound"), action.get("limit"))
                if (how is not None or not is_filler(action.get("reason", ""))) and key not in said:
                    counts["substantive_statements"] += 1
                said.add(key)
                if how is not None:
                    partners |= _backed(asks, leader_id, action["issue"], how, action["limit"], draft, issues)
            elif how is not None:
                asks.append((actor, action["issue"], action["limit"], how))
        elif kind == "pledge" and mine:
            counts["pledges"] += 1
            commitments.add(("pledge", action["level"], action["year"]))
            partners |= {(who, PLEDGE) for who, issue, value, _ in asks
                         if issue == PLEDGE and who != leader_id and float(action["level"]) >= float(value) - 1e-9}
        elif kind == "carve_out" and mine:
            counts["carve_outs_asked"] += 1
            commitments.add(("carve_out", action["year"]))
        elif kind in ("promise", "threat"):
            if mine:
                counts[f"{kind}s_made"] += 1
            elif action.get("issue") is not None:
                asks.append((actor, action["issue"], action.get("value"), "="))
            elif action.get("target") == leader_id:
                asks.append((actor, PLEDGE, action["demand"], ">="))
        elif kind == "break_silence" and mine:
            counts["objections"] += 1
    for word in words.words:
        if word.giver == leader_id:
            counts["promises_kept"] += word.kind == "promise" and word.settled == "kept"
            counts["promises_broken"] += word.kind == "promise" and word.settled == "broken"
            counts["bluffs"] += word.kind == "threat" and word.settled == "bluff"
    counts["coalitions"] = len(partners)
    counts["distinct_commitments"] = len(commitments)
    return Play(**counts)


def computer_moves(replayed: Replay, leader_id: str) -> frozenset[int]:
    """The indices in the game's history of the moves the computer made for a person's seat: those that are, word
    for word, what the role's built-in agent chooses from the seed at that moment. A hosted table lets the computer
    move for a seat whose round time is up or whose devices have gone, and the log does not say who moved; a
    person's own move is the agent's only if it also says the agent's very words. Passes are left as they are
    (they count for nothing)."""
    game, agent = replayed.game, agents_for(replayed.scenario)[leader_id]
    state, found = game.new_initial_state(), set()
    for index, entry in enumerate(replayed.state.history):
        if entry.type not in MOVES:
            continue
        action = action_from_json(entry.data["action"])
        if entry.type == "action" and entry.actor == leader_id and action.kind != "pass":
            try:
                chosen = agent.act(game.observe(state, leader_id), game.agent_rng(state, leader_id))
            except Exception:   # noqa: BLE001 - the agent's failure here says only that it did not make this move
                chosen = None
            if chosen == action:
                found.add(index)
        state = game.apply(state, action)
    return frozenset(found)


def _backed(asks, leader_id: str, issue_id: str, how: str, value, draft: dict, issues: dict) -> set[tuple[str, str]]:
    """The (other leader, issue) pairs whose earlier ask on `issue_id` this student's move (`how`, `value`) backs."""
    issue = issues.get(issue_id)
    if issue is None or issue_id not in draft:
        return set()
    current, backed = draft[issue_id], set()
    for who, asked_issue, asked, asked_how in asks:
        if who == leader_id or asked_issue != issue_id:
            continue
        if issue.is_range:
            mine, theirs = _range_target(how, value, current), _range_target(asked_how, asked, current)
            if mine is not None and theirs is not None and _range_backs(theirs, mine, float(current)):
                backed.add((who, issue_id))
        elif how == "=" and asked_how == "=" and value == asked and value != current:
            backed.add((who, issue_id))
        elif how == "not" and asked_how == "not" and value == asked:
            backed.add((who, issue_id))
        elif {how, asked_how} == {"=", "not"} and current == (value if how == "not" else asked) and value != asked:
            backed.add((who, issue_id))
    return backed


def _range_target(how: str, value, current) -> float | None:
    """Where a move on a range issue would take the draft: an amendment to its value, a stated limit to the limit
    when the draft is beyond it (a limit the draft already meets asks nothing)."""
    if how == "=":
        return float(value)
    if how == "<=" and float(current) > float(value):
        return float(value)
    if how == ">=" and float(current) < float(value):
        return float(value)
    return None


# ----- the rows ------------------------------------------------------------------------------------------

def read_logs(paths: Sequence[Path]) -> list[Replay]:
    """Each log replayed through the rules; GradesError for a log that does not replay (a missing file, a folder,
    an edited line), a game that is not over, a bilateral game, a log named twice, or one no person played."""
    def played_by_people(path: Path, replayed: Replay) -> None:
        if not _people(replayed):
            raise GradesError(_("{path}: every role was played by the computer (no \"human\" in the header's agents): "
                                "nothing to grade").format(path=path))

    return finished_summits(paths, GradesError,
                            N_("{path}: the game is not over (it stops in round {round}): finish it, then grade it"),
                            N_("{path}: {scenario} uses the bilateral protocol, which has no grades yet (it has no "
                               "drafts, statements or red lines)"), also=played_by_people)


def _people(replayed: Replay) -> list[str]:
    return [leader.id for leader in replayed.scenario.leaders if replayed.agents.get(leader.id) == HUMAN]


def _table_names(games: Sequence[Replay]) -> list[str]:
    """Each log's file name without its extension, or its path when two logs share a name."""
    stems = [game.path.stem for game in games]
    return [stem if stems.count(stem) == 1 else str(game.path) for stem, game in zip(stems, games)]


def _red_lines_held(replayed: Replay, leader_id: str) -> str:
    game, state, outcome = replayed.game, replayed.state, replayed.outcome
    red_lines = game.own_positions(leader_id, state.position_overrides)[1]
    if not outcome.agreed or all(line is None for line in red_lines.values()):
        return "n/a"
    crossed = game.preferences_now(state).crossed(outcome.terms, leader_id)
    return "yes" if not crossed else "no: " + ", ".join(replayed.scenario.issue(issue).label for issue in crossed)


def _objective_met(replayed: Replay, leader_id: str) -> str | None:
    if replayed.scenario.leader(leader_id).objective is None:
        return None
    with using("en"):   # a cell of the CSV: the same words in every language, as its columns
        verdict = objective_met(replayed.scenario, leader_id, replayed.outcome, replayed.state.history)
    if verdict is None:
        return "judge"
    return ("yes: " if verdict.met else "no: ") + "; ".join(verdict.reasons)


def grade_rows(games: Sequence[Replay]) -> list[dict]:
    """One row per student (COLUMNS), in the logs' order, each log's roles in the scenario's order; `None` where a
    value does not apply (the CSV writes n/a)."""
    rows = []
    for table, replayed in zip(_table_names(games), games):
        best = best_reachable(replayed.game, replayed.state)
        names = _typed_names(replayed)
        for leader_id in _people(replayed):
            leader = replayed.scenario.leader(leader_id)
            score = float(replayed.outcome.scores[leader_id])
            top = best[leader_id].score
            share = (score - 50.0) / (top - 50.0) if top is not None and top > 50.0 + 1e-9 else None
            # the result's half of the grade: a share beyond 0..1 counts as its end; without a share (no
            # package beats no deal for the role) no deal was the best it could do
            result = min(1.0, max(0.0, share)) if share is not None else float(score >= 50.0 - 1e-9)
            computer = computer_moves(replayed, leader_id)
            play = play_record(replayed, leader_id, computer)
            grade = 50.0 * result + 50.0 * min(max(play.points, 0), PLAY_FULL) / PLAY_FULL
            country = replayed.scenario.ally(leader.ally).name if leader.ally else None
            base = {"table": table, "team": names.get(leader_id, ""), "role": leader_id,
                    "leader": f"{leader.name} ({country})" if country else leader.name, "scenario": replayed.scenario.id,
                    "score": round(score, 1), "best_achievable": None if top is None else round(top, 1),
                    "share_of_best": None if share is None else round(share, 2),
                    "agreed": "yes" if replayed.outcome.agreed else "no",
                    "red_lines_held": _red_lines_held(replayed, leader_id),
                    "objective": None if leader.objective is None else shown(leader.objective),
                    "objective_met": _objective_met(replayed, leader_id),
                    **{name: value for name, value in asdict(play).items()},
                    "keeping_word": None if play.keeping_word == "n/a" else play.keeping_word,
                    "computer_moves": len(computer), "play_points": play.points, "grade": round(grade, 1)}
            for member in split_team(names.get(leader_id, "")):
                rows.append({"student": member, **base})
    _rank(rows)
    return [{name: row.get(name) for name, _ in COLUMNS} | {"scenario": row["scenario"]} for row in rows]


def _typed_names(replayed: Replay) -> dict[str, str]:
    """The names typed for roles, from the log's header (leader id -> "Ana & Ben")."""
    header = read(replayed.path)[0]
    players = header.get("players")
    if not isinstance(players, dict):
        return {}
    return {key: shown(value) for key, value in players.items() if isinstance(value, str)}   # a header may be edited


def _rank(rows: list[dict]) -> None:
    """`rank`: 1 + how many other tables' students of the same scenario and role have a higher grade (team members
    share their role's row, so a team counts once)."""
    for row in rows:
        better = {other["table"] for other in rows if (other["scenario"], other["role"]) == (row["scenario"], row["role"])
                  and other["grade"] > row["grade"]}
        row["rank"] = 1 + len(better)


# ----- writing -------------------------------------------------------------------------------------------

def _cell(value) -> object:
    """A CSV cell: n/a for what does not apply; a text a spreadsheet would run as a formula (a name typed as
    "=HYPERLINK(...)") starts with an apostrophe instead."""
    if value is None:
        return "n/a"
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_text(rows: Sequence[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _ in COLUMNS])
    for row in rows:
        writer.writerow([_cell(row[name]) for name, _ in COLUMNS])
    return out.getvalue()


def json_text(rows: Sequence[dict]) -> str:
    """The rows as JSON (null where the CSV writes n/a), with what each column means."""
    return json.dumps({"columns": {name: meaning(text) for name, text in COLUMNS}, "rows": [{name: row[name] for name, _ in COLUMNS} for row in rows]},
                      ensure_ascii=False, indent=1) + "\n"

"""Who did what at the table, for grading: a participation record per role, kept apart from the scores.

The record counts moves from the log: proposals (drafts tabled, amendments proposed), statements, pledges,
carve-outs asked for, objections in the silence procedure, coalitions joined, and promises and threats
with what became of them. The rules that judge a promise or a threat live here, in the engine, because
both the record and the agents' sense of each other's reputations (agents/reputation.py) use them:

- A promise ("allies who pledge X% can count on us") is kept when, after its target has pledged what was
  asked, the promiser lets the next draft through in the silence procedure; it is broken when the promiser
  breaks silence instead, blocking the deal the target paid into.
- A threat ("pledge X% or else") is carried out when its target has not pledged what was asked and the
  threatener breaks silence; it is a bluff when the threatener stays silent and lets the draft through
  anyway. A threat whose target pays is settled ("worked") and says nothing about the threatener.
- Joining a coalition: breaking silence on an issue another leader has already objected to in the same
  round, so the objections stand together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field

from .state import LogEntry


@dataclass
class WordRecord:
    """One leader's record of keeping its word."""

    kept: int = 0
    broken: int = 0
    carried_out: int = 0
    bluffs: int = 0


@dataclass
class Word:
    giver: str
    target: str
    demand: float
    kind: str        # "promise" | "threat"
    round: int
    settled: str = ""  # "", or what became of it: kept, broken, carried_out, bluff, worked (threat paid)
    issue: str | None = None   # a word about the draft: it holds when the draft says `value` on `issue`
    value: object = None


class Words:
    """A fold over the log that judges promises and threats as the silence procedure reveals them.
    `ally_of` maps leader ids to their allies; `record` makes an empty record (a subclass may add methods)."""

    def __init__(self, ally_of: Mapping[str, str | None], record: Callable[[], WordRecord] = WordRecord,
                 pen_holder: str | None = None):
        self.ally_of = dict(ally_of)
        self.pen_holder = pen_holder
        self.draft: dict = {}             # the draft on the table, for words about an issue
        self.new_record = record
        self.records: dict[str, WordRecord] = {}
        self.pledged: dict[str, float] = {}
        self.words: list[Word] = []       # every promise and threat, in order, with what became of it
        self.open: list[Word] = []
        self.touched: set[str] = set()    # leaders whose record changed since the last look (for caches)

    def feed(self, entry: LogEntry) -> None:
        if entry.type != "action":
            return
        action, actor = entry.record["action"], entry.actor
        kind = action["kind"]
        if kind == "pledge":
            self.pledged[self.ally_of[actor]] = float(action["level"])
        elif kind == "table":
            self.draft = dict(action["draft"])
        elif kind == "amend" and actor == self.pen_holder:
            self.draft[action["issue"]] = action["value"]
        elif kind in ("promise", "threat"):
            word = Word(actor, action["target"], float(action["demand"]), kind, entry.round,
                        issue=action.get("issue"), value=action.get("value"))
            self.words.append(word)
            self.open.append(word)
        elif entry.phase == "silence" and kind in ("pass", "break_silence"):
            self._judge(actor, blocked=kind == "break_silence")

    def paid(self, word: Word) -> bool:
        """Whether the word's condition holds: the target's ally pledged what was asked, or the draft on the table
        says what was asked on the issue named."""
        if word.issue is not None:
            return self.draft.get(word.issue) == word.value
        return self.pledged.get(self.ally_of[word.target], 0.0) >= word.demand - 1e-9

    def _judge(self, actor: str, blocked: bool) -> None:
        """Settle the promises and threats `actor` made, now that it stayed silent or blocked."""
        record = self.records.setdefault(actor, self.new_record())
        self.touched.add(actor)
        still_open = []
        for word in self.open:
            if word.giver != actor:
                still_open.append(word)
                continue
            paid = self.paid(word)
            if word.kind == "promise" and paid:
                word.settled = "broken" if blocked else "kept"
                record.broken += blocked
                record.kept += not blocked
            elif word.kind == "threat" and not paid:
                word.settled = "carried_out" if blocked else "bluff"
                record.carried_out += blocked
                record.bluffs += not blocked
            elif word.kind == "threat":
                word.settled = "worked"
            else:
                still_open.append(word)  # a promise whose target has not paid yet: nothing is owed
        self.open = still_open


@dataclass(frozen=True)
class Participation:
    """One role's moves over the game (what the teacher's rubric grades; the scores grade the result)."""

    proposals: int = 0            # drafts tabled and amendments proposed
    statements: int = 0
    pledges: int = 0
    carve_outs_asked: int = 0
    objections: int = 0           # times it broke silence
    coalitions_joined: int = 0    # objections on an issue another leader had already objected to that round
    promises_made: int = 0
    promises_kept: int = 0
    promises_broken: int = 0
    threats_made: int = 0
    threats_carried_out: int = 0
    threats_that_worked: int = 0  # the target pledged what was asked
    bluffs: int = 0

    def to_json(self) -> dict[str, int]:
        return asdict(self)


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


def participation(leader_ids: Iterable[str], ally_of: Mapping[str, str | None],
                  history: Iterable[LogEntry], pen_holder: str | None = None,
                  words: Words | None = None) -> dict[str, Participation]:
    """Every leader's participation record from the log, in the order of leader_ids. `words`, a fresh Words of
    the same leaders and pen holder, is fed the log on the way (the caller reads the promises and threats from it
    after); without it, one is made."""
    tallies = {leader: _Tally() for leader in leader_ids}
    words = Words(ally_of, pen_holder=pen_holder) if words is None else words
    objected: dict[tuple[int, str], set[str]] = {}   # (round, issue) -> who objected
    for entry in history:
        words.feed(entry)
        if entry.type != "action" or entry.actor not in tallies:
            continue
        tally, kind = tallies[entry.actor], entry.record["action"]["kind"]
        if kind in ("table", "amend"):
            tally.add("proposals")
        elif kind == "statement":
            tally.add("statements")
        elif kind == "pledge":
            tally.add("pledges")
        elif kind == "carve_out":
            tally.add("carve_outs_asked")
        elif kind in ("promise", "threat"):
            tally.add(f"{kind}s_made")
        elif kind == "break_silence":
            tally.add("objections")
            others = objected.setdefault((entry.round, entry.record["action"]["issue"]), set())
            if others - {entry.actor}:
                tally.add("coalitions_joined")
            others.add(entry.actor)
    settled_as = {"kept": "promises_kept", "broken": "promises_broken", "carried_out": "threats_carried_out",
                  "bluff": "bluffs", "worked": "threats_that_worked"}
    for word in words.words:
        if word.settled and word.giver in tallies:
            tallies[word.giver].add(settled_as[word.settled])
    return {leader: Participation(**tally.counts) for leader, tally in tallies.items()}

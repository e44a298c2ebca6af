"""The section "Who objected, when, and on what": who broke silence in each round and on which issue, the
objections per round, and the events that fired and the teacher's moves.
"""

from __future__ import annotations

from ...scenario import Effect
from ..document import Item, Section, Table
from .facts import GameFacts
from .wording import _issue_name, _leader_label, _short_issue, _wants_text


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

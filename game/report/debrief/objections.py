"""The section "Who objected, when, and on what": who broke silence in each round and on which issue, the
objections per round, and the events that fired and the teacher's moves.
"""

from __future__ import annotations

from ...engine.narrate import shown_text, tell
from ...i18n import _
from ...scenario import Effect
from ..document import Item, Section, Table
from .facts import GameFacts
from .wording import _issue_name, _leader_label, _short_issue, _wants_text


def _objections_section(facts: GameFacts) -> Section:
    s = facts.scenario
    game = facts.replayed.game
    order = {leader: index for index, leader in enumerate(game.voters)}
    objectors = sorted(facts.objections, key=lambda l: (-len(facts.objections[l]), order.get(l, 0)))
    headings = (_("Leader"),) + tuple(_("round\u00a0{round}").format(round=r.round) for r in facts.rounds) + (_("rounds"),)
    rows = []
    for leader in objectors:
        cells = [_leader_label(s, leader)]
        for r in facts.rounds:
            said = facts.objections[leader].get(r.round)
            if said is None:
                cells.append("")
            else:
                wants = _wants_text(s, said[0], said[1])
                cells.append(_("{issue}: {wants}").format(issue=_short_issue(s, said[0]), wants=wants) if wants
                             else _short_issue(s, said[0]))
        cells.append(str(len(facts.objections[leader])))
        rows.append(tuple(cells))
    paragraphs = []
    blocks: list = []
    if rows:
        examples = [_("“{issue}: lower” = it objected to {issue_name}, wanting it lower").format(
                        issue=_short_issue(s, issue.id), issue_name=_issue_name(s, issue.id))
                    for issue in s.issues[:1] if issue.is_range and issue.effect != Effect.DEADLINE]
        examples += [_("“{issue}: later” = wanting a later deadline").format(issue=_short_issue(s, issue.id))
                     for issue in s.issues if issue.effect == Effect.DEADLINE and issue_is_deadline(s, issue.id)]
        examples.append(_("an option named is the option it wanted"))
        paragraphs.append(_("Who broke silence in each round, on which issue and which way ({examples}). Empty: it "
                            "stayed silent and accepted the draft. Most rounds first.").format(
            examples=_("; ").join(examples)))
        blocks.append(Table(headings, tuple(rows), compact=True, numeric=(len(headings) - 1,)))
        silent = [l for l in game.voters if l not in facts.objections]
        if silent:
            blocks.append(_("Never broke silence ({count}): {leaders}.").format(
                count=len(silent), leaders=", ".join(_leader_label(s, l) for l in silent)))
    else:
        paragraphs.append(_("No one broke silence: the first draft was adopted."))
    per_round = [_("round {round}: {objections}").format(
        round=r.round, objections=_("the teacher ended it") if r.by_teacher and not r.objections else len(r.objections))
        for r in facts.rounds]
    blocks.append(_("Objections per round: {rounds}.").format(rounds=_("; ").join(per_round)))
    happenings = [Item(_("{event}. {text} (The teacher brought it forward.)").format(event=shown_text(e.label),
                                                                                      text=shown_text(e.text))
                       if e.by_teacher else f"{shown_text(e.label)}. {shown_text(e.text)}",
                       _("Round {round}").format(round=e.round)) for e in facts.events]
    for entry in facts.teacher:
        if entry.data["action"]["kind"] == "end_now":
            happenings.append(Item(tell(s, entry), _("Round {round}, the teacher").format(round=entry.round)))
    if happenings:
        blocks.append(_("Events that fired, and the teacher's moves:"))
        blocks.append(tuple(happenings))
    else:
        blocks.append(_("No event fired, and the teacher did not step in."))
    return Section(_("Who objected, when, and on what"), tuple(paragraphs), blocks=tuple(blocks), anchor="objections")


def issue_is_deadline(scenario, issue_id: str) -> bool:
    """Whether the grid names the issue "deadline" (its short name, in English: the grid's example says so)."""
    from ...i18n import using

    with using("en"):
        return _short_issue(scenario, issue_id) == "deadline"

"""The section "Private talks": every message one seat sent another away from the table in a hosted game
(`summit host`), revealed after class, in order and grouped by round, in the words the devices showed
(game/play/talk.py). Talks were not moves: the rules never saw them and the computer's roles never read them,
so nothing else in the debrief counts them. A game without talks has no such section.
"""

from __future__ import annotations

from ...i18n import _, language, ngettext, percent
from ...play.talk import clean_text, talk_words
from ...scenario import Scenario
from ..document import Item, Section
from .facts import GameFacts
from .wording import _issue_name, _leader_name, _value


def _talks_section(facts: GameFacts) -> Section | None:
    """The section, or None when no one talked in private (every game not hosted)."""
    talks = facts.talks
    if not talks:
        return None
    s = facts.scenario
    offers = sum(1 for talk in talks if talk.get("offer"))
    count = ngettext("{count} private talk", "{count} private talks", len(talks)).format(count=len(talks))
    if offers:
        count += _(", {count} with a promise or a threat").format(count=offers)
    blocks: list = []
    for round_ in sorted({talk["round"] for talk in talks}):
        said = [talk for talk in talks if talk["round"] == round_]
        blocks.append(_("Round {round}:").format(round=round_))
        # one line each, as the host keeps them: a hand-edited log's line breaks cannot start Markdown blocks
        blocks.append(tuple(Item(talk_line(s, {**talk, "text": clean_text(talk.get("text", ""))}))
                            for talk in said))
    return Section(_("Private talks"), (
        _("Every message one seat sent another away from the table, revealed now ({count}). Talks were not moves: the "
          "rules never saw them and the computer's roles never read them, so a promise or a threat made here bound no "
          "one; compare it with what each seat did at the table.").format(count=count),), blocks=tuple(blocks),
        anchor="private-talks")


def talk_line(scenario: Scenario, record: dict) -> str:
    """One talk as the debrief gives it: in English the words the devices showed (play.talk.talk_words); in French
    who to whom, the offer and the message « between guillemets », from the log's record."""
    if language() == "en":
        return talk_words(scenario, record)
    leaders = {leader.id for leader in scenario.leaders}

    def who(leader_id) -> str:
        return _leader_name(scenario, leader_id) if leader_id in leaders else str(leader_id)
    offer = _offer_words(scenario, record.get("offer"))
    fields = dict(sender=who(record.get("from")), to=who(record.get("to")), offer=offer,
                  text=str(record.get("text") or ""))
    if fields["text"]:
        return (_("{sender} to {to} ({offer}): “{text}”") if offer else _("{sender} to {to}: “{text}”")).format(**fields)
    return (_("{sender} to {to} ({offer})") if offer else _("{sender} to {to}")).format(**fields)


def _offer_words(scenario: Scenario, offer) -> str:
    """A talk's offer as a clause, in the language in use ("a threat unless the other side breaks silence")."""
    if not isinstance(offer, dict):
        return ""
    move, issue, value = offer.get("move"), offer.get("issue"), offer.get("value")
    known = issue in {i.id for i in scenario.issues}
    if move == "pledge" and isinstance(value, (int, float)) and not isinstance(value, bool):
        action = _("pledges at least {level} GDP").format(level=percent(float(value), 1))
    elif move == "amend" and known and value is not None:
        action = _("amends {issue} to {value}").format(issue=_issue_name(scenario, issue),
                                                      value=_value(scenario, issue, value))
    elif move in ("amend", "break_silence") and known:
        action = (_("amends {issue}") if move == "amend" else _("breaks silence on {issue}")).format(
            issue=_issue_name(scenario, issue))
    else:
        action = {"pass": lambda: _("stays silent (accepts the draft)"), "break_silence": lambda: _("breaks silence"),
                  "amend": lambda: _("amends"), "pledge": lambda: _("makes a pledge"),
                  "carve_out": lambda: _("asks for a carve-out"),
                  "statement": lambda: _("makes a statement at the table")}.get(move, lambda: str(move))()
    if offer.get("kind") == "promise":
        return _("a promise if the other side {action}").format(action=action)
    return _("a threat unless the other side {action}").format(action=action)

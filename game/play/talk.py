"""Private talks: what one seat says to another away from the table during a hosted game (`summit host`).

A talk is a short message, perhaps with a structured offer: a promise or a threat about one move the other
seat may make ("if you stay silent", "unless you pledge at least 3.5% GDP"). Talks are not moves: the rules
never see them, agents never read them, a replay skips them, and the debrief reveals every one afterwards.
In the log each is a line of its own type, written where it was said:

    {"type": "talk", "round": 2, "phase": "consultations", "from": "spain", "to": "united_states",
     "text": "Give us until 2035 and we stay silent.",
     "offer": {"kind": "promise", "move": "pass", "issue": null, "value": null}}

`offer` is null for a plain message. `move` is one of OFFER_MOVES; `issue` and `value` say which issue and
which value when the move needs them (an amendment, an objection, a pledge's level in `value`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.narrate import shown_label, shown_text, shown_value
from ..i18n import N_, _, msg, percent

from ..scenario import Scenario

TALK = "talk"           # the log line's type
MAX_TALK = 280          # characters in one message
OFFER_KINDS = ("promise", "threat")
OFFER_MOVES = {         # the move a promise rewards or a threat punishes -> how a sentence says it (shown: str())
    "pass": N_("stays silent (accepts the draft)"),
    "break_silence": N_("breaks silence"),
    "amend": N_("amends"),
    "pledge": N_("pledges at least"),
    "carve_out": N_("asks for a carve-out"),
    "statement": N_("speaks at the table"),
}


class TalkError(ValueError):
    """A talk that cannot be sent: the message says what is wrong, for the sender alone."""


@dataclass(frozen=True)
class Offer:
    kind: str                   # "promise" or "threat"
    move: str                   # a key of OFFER_MOVES
    issue: str | None = None
    value: str | float | None = None

    def to_json(self) -> dict:
        return {"kind": self.kind, "move": self.move, "issue": self.issue, "value": self.value}


@dataclass(frozen=True)
class Talk:
    round: int
    phase: str
    sender: str                 # leader ids
    to: str
    text: str
    offer: Offer | None = None

    def to_json(self) -> dict:
        return {"type": TALK, "round": self.round, "phase": self.phase, "from": self.sender, "to": self.to,
                "text": self.text, "offer": self.offer.to_json() if self.offer else None}


def clean_text(text) -> str:
    """A message as it is kept: one line of printable text, trimmed, at most MAX_TALK characters."""
    if not isinstance(text, str):
        raise TalkError(msg("a message is text"))
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_TALK]


def offer_from_json(scenario: Scenario, data) -> Offer | None:
    """The offer a device sent (None for none); TalkError says what is wrong."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise TalkError(msg("an offer is an object with kind and move"))
    kind, move, issue, value = data.get("kind"), data.get("move"), data.get("issue"), data.get("value")
    if kind not in OFFER_KINDS:
        raise TalkError(msg("an offer is a promise or a threat, not {kind!r}", kind=str(kind)[:30]))
    if move not in OFFER_MOVES:
        raise TalkError(msg("an offer is about one of the moves {moves}, not {move!r}", moves=", ".join(OFFER_MOVES),
                            move=str(move)[:30]))
    if issue is not None:
        if not isinstance(issue, str) or issue not in {i.id for i in scenario.issues}:
            raise TalkError(msg("no issue {issue!r} in this scenario", issue=str(issue)[:40]))
        if move not in ("amend", "break_silence"):
            issue = None
    if move == "amend" and issue is None:
        raise TalkError(msg("an offer about an amendment names the issue"))
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise TalkError(msg("an offer's value is a number or an option"))
        if move == "pledge":
            if not isinstance(value, (int, float)) or not 0 < value <= 10:
                raise TalkError(msg("a pledge's level is a number of {unit} between 0 and 10",
                                    unit=msg("{percent_sign} GDP", percent_sign="%")))
            value = round(float(value), 1)
        elif issue is not None:
            the_issue = scenario.issue(issue)
            if the_issue.is_range:
                if not isinstance(value, (int, float)):
                    raise TalkError(msg("{issue} takes a number", issue=shown_label(the_issue)))
                value = the_issue.snap(float(value))
            elif value not in the_issue.options:
                raise TalkError(msg("{issue} has no option {option!r}", issue=shown_label(the_issue),
                                    option=str(value)[:40]))
        else:
            value = None
    return Offer(kind, move, issue, value)


def _what_they_do(scenario: Scenario, move, issue, value) -> str:
    """The move an offer is about, as the clause after "the other side", in the language in use."""
    the_issue = next((i for i in scenario.issues if i.id == issue), None) if issue else None
    if move == "pledge" and isinstance(value, (int, float)):
        return _("pledges at least {level} GDP").format(level=percent(value, 1))
    if the_issue is not None:
        label = shown_label(the_issue)
        if move == "amend" and value is not None:
            return _("amends on {issue} to {value}").format(issue=label, value=shown_value(the_issue, value))
        if move == "amend":
            return _("amends on {issue}").format(issue=label)
        if move == "break_silence":
            return _("breaks silence on {issue}").format(issue=label)
        return _("{move} on {issue}").format(move=OFFER_MOVES.get(move, str(move)), issue=label)
    return str(OFFER_MOVES.get(move, str(move)))


def offer_words(scenario: Scenario, offer: dict | Offer | None) -> str:
    """The offer as a clause ("a promise if the other side stays silent (accepts the draft)"), empty for none; in
    the language in use."""
    if offer is None:
        return ""
    data = offer.to_json() if isinstance(offer, Offer) else offer
    move, value = data.get("move"), data.get("value")
    if move == "pledge" and not isinstance(value, (int, float)) and not data.get("issue"):
        if data.get("kind") == "promise":
            return _("a promise if the other side pledges")
        if data.get("kind") == "threat":
            return _("a threat unless the other side pledges")
    does = _what_they_do(scenario, move, data.get("issue"), value)
    if data.get("kind") == "promise":
        return _("a promise if the other side {does}").format(does=does)
    if data.get("kind") == "threat":
        return _("a threat unless the other side {does}").format(does=does)
    return f"a {data.get('kind')} unless the other side {does}"


def talk_words(scenario: Scenario, record: dict) -> str:
    """One talk as the debrief and the devices show it: who to whom, the offer, the words; in the language in
    use (the message itself as it was written)."""
    names = {leader.id: shown_text(leader.name) for leader in scenario.leaders}
    sender = names.get(record.get("from"), str(record.get("from")))
    to = names.get(record.get("to"), str(record.get("to")))
    offer = offer_words(scenario, record.get("offer"))
    text = str(record.get("text") or "")
    head = (_("{sender} to {to} ({offer})").format(sender=sender, to=to, offer=offer) if offer else
            _("{sender} to {to}").format(sender=sender, to=to))
    return _("{head}: “{text}”").format(head=head, text=text) if text else head

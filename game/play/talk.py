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

from ..scenario import Scenario

TALK = "talk"           # the log line's type
MAX_TALK = 280          # characters in one message
OFFER_KINDS = ("promise", "threat")
OFFER_MOVES = {         # the move a promise rewards or a threat punishes -> how a sentence says it
    "pass": "stays silent (accepts the draft)",
    "break_silence": "breaks silence",
    "amend": "amends",
    "pledge": "pledges at least",
    "carve_out": "asks for a carve-out",
    "statement": "speaks at the table",
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
        raise TalkError("a message is text")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_TALK]


def offer_from_json(scenario: Scenario, data) -> Offer | None:
    """The offer a device sent (None for none); TalkError says what is wrong."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise TalkError("an offer is an object with kind and move")
    kind, move, issue, value = data.get("kind"), data.get("move"), data.get("issue"), data.get("value")
    if kind not in OFFER_KINDS:
        raise TalkError(f"an offer is a promise or a threat, not {str(kind)[:30]!r}")
    if move not in OFFER_MOVES:
        raise TalkError(f"an offer is about one of the moves {', '.join(OFFER_MOVES)}, not {str(move)[:30]!r}")
    if issue is not None:
        if not isinstance(issue, str) or issue not in {i.id for i in scenario.issues}:
            raise TalkError(f"no issue {str(issue)[:40]!r} in this scenario")
        if move not in ("amend", "break_silence"):
            issue = None
    if move == "amend" and issue is None:
        raise TalkError("an offer about an amendment names the issue")
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise TalkError("an offer's value is a number or an option")
        if move == "pledge":
            if not isinstance(value, (int, float)) or not 0 < value <= 10:
                raise TalkError("a pledge's level is a number of % GDP between 0 and 10")
            value = round(float(value), 1)
        elif issue is not None:
            the_issue = scenario.issue(issue)
            if the_issue.is_range:
                if not isinstance(value, (int, float)):
                    raise TalkError(f"{the_issue.label} takes a number")
                value = the_issue.snap(float(value))
            elif value not in the_issue.options:
                raise TalkError(f"{the_issue.label} has no option {str(value)[:40]!r}")
        else:
            value = None
    return Offer(kind, move, issue, value)


def offer_words(scenario: Scenario, offer: dict | Offer | None) -> str:
    """The offer as a clause ("a promise if you stay silent (accept the draft)"), empty for none."""
    if offer is None:
        return ""
    data = offer.to_json() if isinstance(offer, Offer) else offer
    move = data.get("move")
    words = OFFER_MOVES.get(move, str(move))
    issue = data.get("issue")
    value = data.get("value")
    the_issue = next((i for i in scenario.issues if i.id == issue), None) if issue else None
    if move == "pledge" and isinstance(value, (int, float)):
        words += f" {value:.1f}% GDP"
    elif the_issue is not None:
        words += f" on {the_issue.label}"
        if value is not None and move == "amend":
            words += f" to {the_issue.format(value)}"
    elif move == "pledge":
        words = "pledges"
    condition = "if" if data.get("kind") == "promise" else "unless"
    return f"a {data.get('kind')} {condition} the other side {words}"


def talk_words(scenario: Scenario, record: dict) -> str:
    """One talk as the debrief and the devices show it: who to whom, the offer, the words."""
    names = {leader.id: leader.name for leader in scenario.leaders}
    sender = names.get(record.get("from"), str(record.get("from")))
    to = names.get(record.get("to"), str(record.get("to")))
    offer = offer_words(scenario, record.get("offer"))
    text = str(record.get("text") or "")
    head = f"{sender} to {to}" + (f" ({offer})" if offer else "")
    return f"{head}: “{text}”" if text else head

"""The section "Promises and threats": every promise and threat made at the table, with what became of it."""

from __future__ import annotations

from ..document import Section, Table
from .facts import GameFacts
from .logs import demand_words
from .wording import _leader_label


def _words_section(facts: GameFacts) -> Section:
    s = facts.scenario
    if not facts.words:
        return Section("Promises and threats", ("No one made a promise or a threat in this game.",), anchor="promises")
    rows = tuple((str(w.word.round), w.word.kind, _leader_label(s, w.word.giver), _leader_label(s, w.word.target),
                  demand_words(s, w.word), w.outcome) for w in facts.words)
    counts: dict[str, int] = {}
    for w in facts.words:
        counts[w.word.settled or "still open"] = counts.get(w.word.settled or "still open", 0) + 1
    names = {"kept": "kept", "broken": "broken", "worked": "worked", "carried_out": "carried out", "bluff": "bluffs",
             "still open": "still open"}
    summary = ", ".join(f"{n} {'bluff' if k == 'bluff' and n == 1 else names[k]}" for k, n in counts.items())
    return Section("Promises and threats", (
        f"Every promise and threat made at the table ({len(facts.words)}: {summary}), with what became of it. A "
        "promise is kept when its target paid and the promiser then let the draft through, broken when it blocked "
        "it; a threat whose target did not pay is carried out when the threatener blocks, a bluff when it lets the "
        "draft through; a threat whose target paid worked.",),
        blocks=(Table(("Round", "Kind", "From", "To", "Demand", "What became of it"), rows, compact=True,
                      numeric=(0,)),), anchor="promises")

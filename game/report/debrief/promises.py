"""The section "Promises and threats": every promise and threat made at the table, with what became of it."""

from __future__ import annotations

from ...i18n import N_, _, ngettext
from ..document import Section, Table
from .facts import GameFacts
from .logs import demand_words
from .wording import _leader_label


def _words_section(facts: GameFacts) -> Section:
    s = facts.scenario
    if not facts.words:
        return Section(_("Promises and threats"), (_("No one made a promise or a threat in this game."),),
                       anchor="promises")
    rows = tuple((str(w.word.round), str(KINDS.get(w.word.kind, w.word.kind)), _leader_label(s, w.word.giver),
                  _leader_label(s, w.word.target), demand_words(s, w.word), w.outcome) for w in facts.words)
    counts: dict[str, int] = {}
    for w in facts.words:
        counts[w.word.settled or "still open"] = counts.get(w.word.settled or "still open", 0) + 1
    summary = ", ".join(_settled(k, n) for k, n in counts.items())
    return Section(_("Promises and threats"), (
        _("Every promise and threat made at the table ({count}: {summary}), with what became of it. A promise is kept "
          "when its target paid and the promiser then let the draft through, broken when it blocked it; a threat whose "
          "target did not pay is carried out when the threatener blocks, a bluff when it lets the draft through; a "
          "threat whose target paid worked.").format(count=len(facts.words), summary=summary),),
        blocks=(Table((_("Round"), _("Kind"), _("From"), _("To"), _("Demand"), _("What became of it")), rows,
                      compact=True, numeric=(0,)),), anchor="promises")


KINDS = {"promise": N_("promise"), "threat": N_("threat")}


def _settled(kind: str, count: int) -> str:
    """How many words ended one way, as the section's first sentence counts them: "2 kept", "1 bluff"."""
    return {"kept": lambda: ngettext("{count} kept", "{count} kept", count),
            "broken": lambda: ngettext("{count} broken", "{count} broken", count),
            "worked": lambda: ngettext("{count} worked", "{count} worked", count),
            "carried_out": lambda: ngettext("{count} carried out", "{count} carried out", count),
            "bluff": lambda: ngettext("{count} bluff", "{count} bluffs", count),
            "still open": lambda: ngettext("{count} still open", "{count} still open", count)}[kind]().format(count=count)

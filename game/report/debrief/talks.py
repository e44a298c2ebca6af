"""The section "Private talks": every message one seat sent another away from the table in a hosted game
(`summit host`), revealed after class, in order and grouped by round, in the words the devices showed
(game/play/talk.py). Talks were not moves: the rules never saw them and the computer's roles never read them,
so nothing else in the debrief counts them. A game without talks has no such section.
"""

from __future__ import annotations

from ...i18n import _, ngettext
from ...play.talk import clean_text, talk_words
from ..document import Item, Section
from .facts import GameFacts


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
        blocks.append(tuple(Item(talk_words(s, {**talk, "text": clean_text(talk.get("text", ""))}))
                            for talk in said))
    return Section(_("Private talks"), (
        _("Every message one seat sent another away from the table, revealed now ({count}). Talks were not moves: the "
          "rules never saw them and the computer's roles never read them, so a promise or a threat made here bound no "
          "one; compare it with what each seat did at the table.").format(count=count),), blocks=tuple(blocks),
        anchor="private-talks")

"""What really happened, beside what the table agreed: the scenario's sourced `history` (dated items, each with
the document that says so) set against the terms in force, for the teacher's report (the section "What really
happened") and for the student's handout (a box on every page).

A scenario without history gets no section and no box. History is read as `getattr(scenario, "history", ())`,
each item's `date`, `text` and `source` (its `publisher`, `title` and `url`) likewise, so a scenario written
before scenarios had history reads as one without it. An item's text is shown in the language in use (the
scenario's translation, narrate.shown_text) and its date as the language writes one ("2025-06-25" in English as
ever, "25 juin 2025" in French); a source is a document's own title and publisher, cited as written.
"""

from __future__ import annotations

import datetime

from ...engine import Draft
from ...engine.narrate import shown_text
from ...scenario import Scenario
from ...i18n import N_, _, date, language
from ..document import Item, Section, Table, colon
from .wording import terms_items

TITLE = N_("What really happened")
"""A LazyText: str(TITLE) in the language of the page."""


def history_of(scenario: Scenario) -> tuple:
    """The scenario's history items, in the file's order (none when it has none)."""
    return tuple(getattr(scenario, "history", None) or ())


def item_date(item) -> str:
    """The item's date as the scenario writes it ("2025-06-25", "2014-09", "2014"): it sorts."""
    return str(getattr(item, "date", "") or "")


def shown_date(written: str) -> str:
    """A history date as the language in use writes it: as written in English; in French a day or a month in
    words ("25 juin 2025", "septembre 2014"), a year as it is."""
    if language() == "en":
        return written
    parts = written.split("-")
    try:
        day = datetime.date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return written   # a year alone, or a date the scenario's check let through as it is
    if len(parts) > 2:
        return date(day)
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", day, locale=language())


def item_when(item) -> str:
    """The item's date in the language in use."""
    return shown_date(item_date(item))


def item_text(item) -> str:
    """What happened, in the language in use (the scenario's translation when it gives one)."""
    return shown_text(getattr(item, "text", "") or "")


def source_words(item, short: bool = False) -> str:
    """An item's source: "NATO, The Hague Summit Declaration, https://..." (short: without the address);
    "" when it has none."""
    source = getattr(item, "source", None)
    if source is None:
        return ""
    parts = [str(getattr(source, "publisher", "") or ""), str(getattr(source, "title", "") or "")]
    if not short and getattr(source, "url", None):
        parts.append(str(source.url))
    return ", ".join(part for part in parts if part)


def sources(scenario: Scenario, short: bool = False) -> list[tuple[str, list[str]]]:
    """Each document once, with the dates it is cited for, in the file's order."""
    dates: dict[str, list[str]] = {}
    for item in history_of(scenario):
        cited = source_words(item, short)
        if not cited:
            continue
        dates.setdefault(cited, [])
        if item_date(item) not in dates[cited]:
            dates[cited].append(item_date(item))
    return list(dates.items())


def table_words(scenario: Scenario, terms: Draft, agreed: bool) -> tuple[str, list[str]]:
    """The left-hand column: its heading and one line per term ("What your table agreed", or the terms in
    force without a deal)."""
    heading = _("What your table agreed") if agreed else _("No deal: what applies instead")
    return heading, [f"{item.lead}{colon()}{item.text}" for item in terms_items(scenario, terms)]


def intro(scenario: Scenario) -> str:
    if getattr(scenario, "fictional", False):
        return _("This scenario is a what-if: what really happened is only the real situation it starts from, not "
                 "its outcome.")
    return _("Set your table's text beside what the real leaders did: where did you come close, and why did you "
             "differ?")


def history_beside_table(scenario: Scenario, terms: Draft, agreed: bool) -> Section | None:
    """The teacher's report's "What really happened": the terms in force beside the history, each item with its
    source listed under the table (None without history)."""
    history = history_of(scenario)
    if not history:
        return None
    heading, left = table_words(scenario, terms, agreed)
    right = [f"{item_when(item)}{colon()}{item_text(item)}" for item in history]
    rows = tuple((left[k] if k < len(left) else "", right[k] if k < len(right) else "")
                 for k in range(max(len(left), len(right))))
    blocks: list = [Table((heading, str(TITLE)), rows)]
    cited = sources(scenario)
    if cited:
        blocks += [_("Sources:"), tuple(Item(source, ", ".join(shown_date(d) for d in dates)) for source, dates in cited)]
    return Section(str(TITLE), (intro(scenario),), blocks=tuple(blocks), anchor="what-really-happened",
                   key=TITLE.message)

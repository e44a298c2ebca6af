"""The section "Spending: now, pledged, projected": each ally's defence spending and the alliance's, as a
table beside the bar chart (charts.draw_spending).
"""

from __future__ import annotations

from ...i18n import _, ngettext, number, percent
from ..account import TINY_PROMISE
from ..document import Figure, Section, Table
from ..series import colour_key, lines_note, percent_fields
from .facts import GameFacts
from .wording import _ally_name


def _delivered(ally) -> str:
    """account.delivery_text in the language of the page: "78%", "+0.02 pt", "-"."""
    if ally.now is None or ally.pledged is None or ally.delivered is None or ally.pledged <= ally.now + 1e-9:
        return "-"
    if ally.pledged - ally.now < TINY_PROMISE - 1e-9:
        return _("+{points} pt").format(points=number(ally.pledged - ally.now, 2))
    return percent(100 * ally.delivered, 0)


def _spending_section(facts: GameFacts, chart: str | None, map_chart: str | None = None,
                      off_map: tuple[str, ...] = ()) -> Section:
    o = facts.outcome
    year = o.years[-1]
    rows, silent = [], []
    for ally in sorted(o.allies, key=lambda a: (-(a.now if a.now is not None else -1), a.name)):
        name = _ally_name(facts.scenario, ally.id) if ally.id in {a.id for a in facts.scenario.allies} else ally.name
        if ally.now is None:
            silent.append(name)
            rows.append((name, _("n/a"), _("n/a"), "", _("n/a"), _("reports no defence spending")))
            continue
        rows.append((name, number(ally.now, 2), number(ally.pledged, 2), str(ally.pledge_year or ""),
                     number(ally.projected, 2), _delivered(ally)))
    totals = []
    for which in ("now", "pledged", "projected"):
        usd, pct = o.totals(which)
        totals.append(_("{share} of the allies' GDP (US${amount} bn a year)").format(share=percent(pct, 2),
                                                                                  amount=number(usd)))
    first_total = len(rows)
    rows.append((_("Alliance"), number(o.totals('now')[1], 2), number(o.totals('pledged')[1], 2), "",
                 number(o.totals('projected')[1], 2), percent(100 * o.delivered_share, 0)))
    sign = "%"   # a % is a field, never a message's word (series.percent_fields)
    table = Table((_("Ally"), _("now {percent_sign} GDP").format(percent_sign=sign),
                   _("pledged {percent_sign} GDP").format(percent_sign=sign), _("by"),
                   _("projected {year} {percent_sign} GDP").format(year=year, percent_sign=sign), _("delivered")),
                  tuple(rows), numeric=(1, 2, 3, 4, 5), compact=True, totals=(first_total,),
                  caption=_("Pledged: the ally's commitment (its own pledge, or the target in force by its deadline or "
                            "carve-out, whichever is higher). Projected: the implementation model's {year}. Delivered: "
                            "the share of the promised progress made (the alliance row: weighted by GDP, the US left "
                            "out); for a promise of less than {tiny} point of GDP, the size of the promise ('{example}'), "
                            "too small for a share to mean much; '-': nothing promised beyond today.").format(
                      year=year, tiny=number(TINY_PROMISE, len(f"{TINY_PROMISE:g}".partition(".")[2])),
                      example=_("+{points} pt").format(points=number(0.02, 2))))
    blocks: list = []
    if chart:
        lines = lines_note(facts.scenario.reference_lines)
        caption = _("{colours}. {lines}.").format(colours=colour_key(year), lines=f"{lines[0].upper()}{lines[1:]}")
        if silent:
            caption += " " + ngettext("{allies} reports no defence spending and is left out.",
                                      "{allies} reports no defence spending and is left out.", len(silent)).format(
                allies=", ".join(silent))
        blocks.append(Figure(chart, _("Bar chart: each ally's core defence spending now, pledged and projected for "
                                      "{year}, in {percent_sign} of GDP, against {lines}. The table below gives the "
                                      "numbers.").format(year=year, lines=lines, percent_sign=sign), caption))
    if map_chart:
        levels = percent_fields()
        caption = _("Yellow, hatched: under {two} of GDP; green: {two_bare}–{core}; teal, dotted: {core_bare}–{headline}; "
                    "blue, cross-hatched: {headline} and over. Shapes: Natural Earth.").format(
            two_bare=number(2), core_bare=number(3.5, 1), **levels)
        if off_map:
            caption += " " + _("Not on the map (no shape for their code): {allies}.").format(allies=", ".join(off_map))
        blocks.append(Figure(map_chart, _("Map of the allies in North America and Europe, each coloured by its defence "
                                          "spending projected for {year} (large), now and pledged (small): under {two}, "
                                          "{two_bare} to {core}, {core_bare} to {headline}, {headline} of GDP and over, "
                                          "each with its own pattern. The table below gives the numbers.").format(
            year=year, two_bare=number(2), core_bare=number(3.5, 1), **levels), caption))
    blocks.append(table)
    return Section(_("Spending: now, pledged, projected"),
                   (_("Alliance spending now {now}; pledged {pledged}; projected for {year} {projected}.").format(
                       now=totals[0], pledged=totals[1], year=year, projected=totals[2]),),
                   blocks=tuple(blocks), anchor="spending")

"""The section "Spending: now, pledged, projected": each ally's defence spending and the alliance's, as a
table beside the bar chart (charts.draw_spending).
"""

from __future__ import annotations

from ..account import TINY_PROMISE, delivery_text
from ..document import Figure, Section, Table
from ..series import colour_key, lines_note
from .facts import GameFacts


def _spending_section(facts: GameFacts, chart: str | None, map_chart: str | None = None,
                      off_map: tuple[str, ...] = ()) -> Section:
    o = facts.outcome
    year = o.years[-1]
    rows, silent = [], []
    for ally in sorted(o.allies, key=lambda a: (-(a.now if a.now is not None else -1), a.name)):
        if ally.now is None:
            silent.append(ally.name)
            rows.append((ally.name, "n/a", "n/a", "", "n/a", "reports no defence spending"))
            continue
        rows.append((ally.name, f"{ally.now:.2f}", f"{ally.pledged:.2f}", str(ally.pledge_year or ""),
                     f"{ally.projected:.2f}", delivery_text(ally)))
    totals = []
    for which in ("now", "pledged", "projected"):
        usd, pct = o.totals(which)
        totals.append(f"{pct:.2f}% of the allies' GDP (US${usd:,.0f} bn a year)")
    first_total = len(rows)
    rows.append(("Alliance", f"{o.totals('now')[1]:.2f}", f"{o.totals('pledged')[1]:.2f}", "",
                 f"{o.totals('projected')[1]:.2f}", f"{100 * o.delivered_share:.0f}%"))
    table = Table(("Ally", "now % GDP", "pledged % GDP", "by", f"projected {year} % GDP", "delivered"),
                  tuple(rows), numeric=(1, 2, 3, 4, 5), compact=True, totals=(first_total,),
                  caption="Pledged: the ally's commitment (its own pledge, or the target in force by its deadline or "
                          f"carve-out, whichever is higher). Projected: the implementation model's {year}. Delivered: "
                          "the share of the promised progress made (the alliance row: weighted by GDP, the US left out); for a "
                          f"promise of less than {TINY_PROMISE:g} point of GDP, the size of the promise ('+0.02 pt'), "
                          "too small for a share to mean much; '-': nothing promised beyond today.")
    blocks: list = []
    if chart:
        lines = lines_note(facts.scenario.reference_lines)
        blocks.append(Figure(chart, f"Bar chart: each ally's core defence spending now, pledged and projected for "
                                    f"{year}, in % of GDP, against {lines}. The table below gives the numbers.",
                             f"{colour_key(year)}. {lines[0].upper()}{lines[1:]}."
                             + (f" {', '.join(silent)} reports no defence spending and is left out." if silent else "")))
    if map_chart:
        blocks.append(Figure(map_chart, f"Map of the allies in North America and Europe, each coloured by its defence "
                                        f"spending projected for {year} (large), now and pledged (small): under 2%, "
                                        "2 to 3.5%, 3.5 to 5%, 5% of GDP and over, each with its own pattern. The table "
                                        "below gives the numbers.",
                             "Yellow, hatched: under 2% of GDP; green: 2–3.5%; teal, dotted: 3.5–5%; blue, "
                             "cross-hatched: 5% and over. Shapes: Natural Earth." + (
                                 f" Not on the map (no shape for their code): {', '.join(off_map)}." if off_map else "")))
    blocks.append(table)
    return Section("Spending: now, pledged, projected",
                   (f"Alliance spending now {totals[0]}; pledged {totals[1]}; projected for {year} {totals[2]}.",),
                   blocks=tuple(blocks), anchor="spending")

"""The section "How each issue moved": the draft as tabled and at the end of each round, from the starting
text to the no-deal terms, as a table beside the small line charts (charts.draw_issues).
"""

from __future__ import annotations

from ...engine import Draft
from ...i18n import _
from ...scenario import Effect
from ..document import Figure, Section, Table
from .facts import GameFacts
from ...engine.narrate import shown_label
from .wording import _bare, _unit


def _issues_section(facts: GameFacts, chart: str | None) -> Section:
    s = facts.scenario
    game = facts.replayed.game
    has_deadline = s.issue_with(Effect.DEADLINE) is not None
    headings = ("",) + tuple(shown_label(issue) + (f" ({_unit(issue)})" if issue.unit and issue.unit != "year" else "")
                             for issue in s.issues) + ((_("carve-outs"),) if has_deadline else ())

    def row(label: str, draft: Draft, tabled: Draft | None = None) -> tuple[str, ...]:
        cells = [label]
        for issue in s.issues:
            text = _bare(issue, draft[issue.id])
            if tabled is not None and tabled[issue.id] != draft[issue.id]:
                text += " " + _("(tabled {value})").format(value=_bare(issue, tabled[issue.id]))
            cells.append(text)
        if has_deadline:
            text = str(len(draft.carve_outs))
            if tabled is not None and len(tabled.carve_outs) != len(draft.carve_outs):
                text += " " + _("(tabled {value})").format(value=len(tabled.carve_outs))
            cells.append(text)
        return tuple(cells)
    rows = [row(_("start"), game.status_quo())]
    rows += [row(_("round\u00a0{round}").format(round=r.round), r.end, r.tabled) for r in facts.rounds]
    rows.append(row(_("no\u00a0deal"), game.no_deal_terms()))
    numeric = tuple(index + 1 for index, issue in enumerate(s.issues) if issue.is_range)
    table = Table(headings, tuple(rows), compact=True, numeric=numeric + ((len(headings) - 1,) if has_deadline else ()),
        caption=(_("The draft at the end of each round (the last round's is what was adopted), with the starting text "
                   "and the no-deal terms; “tabled” gives the Secretary General's draft when the round began, where the "
                   "text changed during the round. Carve-outs: the allies given a later deadline of their own.")
                 if facts.outcome.agreed else
                 _("The draft at the end of each round (the last round's is what was still on the table when the game "
                   "ended without a deal), with the starting text and the no-deal terms; “tabled” gives the Secretary "
                   "General's draft when the round began, where the text changed during the round. Carve-outs: the "
                   "allies given a later deadline of their own.")))
    blocks: list = []
    if chart:
        blocks.append(Figure(chart, _("Small line charts, one per issue: the draft's value as tabled and at the end of "
                                      "each round, with the no-deal value as a dashed line. The table below gives the "
                                      "values."),
                             _("Filled dots: the draft at the end of each round; open circles: as tabled when the "
                               "round began; dashed: the no-deal value.")))
    blocks.append(table)
    return Section(_("How each issue moved"), blocks=tuple(blocks), anchor="how-each-issue-moved")

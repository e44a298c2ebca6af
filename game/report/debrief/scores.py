"""The section "Scores against no deal, and what each role wanted": each role's score beside the bar chart
(charts.draw_scores), and its private positions against the terms in force.
"""

from __future__ import annotations

from ...engine import Draft
from ...engine.narrate import shown_label, shown_value
from ...i18n import _, number, percent
from ...scenario import Effect, Scenario
from ..briefing import red_line_words
from ..document import Figure, Section, Table
from .facts import GameFacts
from .wording import _leader_label, _names


def _position_cell(scenario: Scenario, leader, issue, overrides: dict, in_force: Draft, crossed: tuple) -> str:
    """What a leader wanted on one issue: "2.5% GDP (red line: no more than 3.5% GDP), weight 40%"."""
    position = leader.positions.get(issue.id)
    if position is None:
        return ""
    changes = {name: overrides[(leader.id, issue.id, name)] for name in ("ideal", "weight", "red_line")
               if (leader.id, issue.id, name) in overrides}
    shown = position.model_copy(update=changes) if changes else position
    total = sum(max(0.0, float(overrides.get((leader.id, i, "weight"), p.weight))) for i, p in leader.positions.items())
    share = max(0.0, float(shown.weight)) / total if total else 0.0
    text = shown_value(issue, shown.ideal)
    if shown.red_line is not None:
        text += " " + _("(red line: {red_line})").format(red_line=red_line_words(issue, shown))
    text += _(", weight {share}").format(share=percent(100 * share, 0))
    if changes:
        text += " *"
    if issue.effect == Effect.DEADLINE and leader.ally and in_force.carve_out(leader.ally):
        text += _("; own deadline {year}").format(year=in_force.carve_out(leader.ally))
    if issue.id in crossed:
        text += _("; ✗ the terms cross its red line")
    return text


def _scores_section(facts: GameFacts, chart: str | None) -> Section:
    s, o = facts.scenario, facts.outcome
    prefs = facts.replayed.game.preferences_now(facts.replayed.state)
    overrides = dict(facts.replayed.state.position_overrides)
    # the voters first, then apart those seated without a vote
    ranked = sorted(s.leaders, key=lambda l: (l.without_vote, -o.scores[l.id], l.name))   # the same order in French
    headings = (_("Leader"), _("score")) + tuple(_("{issue}: {value}").format(
        issue=shown_label(issue), value=shown_value(issue, o.in_force[issue.id])) for issue in s.issues)
    rows = []
    for leader in ranked:
        crossed = prefs.crossed(o.in_force, leader.id) if leader.positions else ()
        rows.append((_leader_label(s, leader.id), number(o.scores[leader.id], 1)) +
                    tuple(_position_cell(s, leader, issue, overrides, o.in_force, crossed) for issue in s.issues))
    above = sum(1 for v in o.scores.values() if v > 50 + 1e-9)
    below = sum(1 for v in o.scores.values() if v < 50 - 1e-9)
    paragraphs = [
        _("Each role's score runs from 0 (the worst possible) to 100 (its ideal); 50 is exactly what no deal would have "
          "given it (the no-deal terms, the same pledges, the same US review). Scores count the terms after the US "
          "review of delivery and the positions after any events.")]
    if o.agreed:
        level = [l for l, v in o.scores.items() if abs(v - 50) <= 1e-9]
        fields = dict(roles=len(o.scores), above=above, below=below, count=len(level), leaders=_names(s, level) if level else "")
        if below:
            text = (_("Of the {roles} roles, {above} did better than no deal and {below} worse; {count} did exactly as "
                      "well: {leaders}.") if level else
                    _("Of the {roles} roles, {above} did better than no deal and {below} worse.")).format(**fields)
        else:
            text = (_("Of the {roles} roles, {above} did better than no deal and none worse; {count} did exactly as "
                      "well: {leaders}.") if level else
                    _("Of the {roles} roles, {above} did better than no deal and none worse.")).format(**fields)
        paragraphs.append(text)
    blocks: list = []
    if chart:
        blocks.append(Figure(chart, _("Bar chart of each role's score, drawn from 50 (no deal): bars to the right did "
                                      "better than no deal, to the left worse. The table below gives the numbers."),
                             _("Blue: better than no deal; orange: worse.")))
    blocks.append(_("What each role really wanted (private until now) against the terms in force, named in each "
                    "column's heading: its ideal, its red line if it has one, and the share of its weight the issue "
                    "carries. * marks a position an event changed during the game; “own deadline” a carve-out it got."))
    blocks.append(Table(headings, tuple(rows), numeric=(1,), compact=True))
    return Section(_("Scores against no deal, and what each role wanted"), tuple(paragraphs), blocks=tuple(blocks),
                   anchor="scores")

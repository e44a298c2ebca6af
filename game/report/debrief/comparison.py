"""The index page when several games of one scenario are debriefed together (parallel tables): the games,
their outcomes side by side beside the dot chart (charts.draw_comparison), and questions across the tables.
"""

from __future__ import annotations

from ...i18n import _, number
from ...scenario import Effect, Scenario
from ..document import Figure, Item, Section, Table
from .facts import GameFacts
from ...engine.narrate import shown_label, shown_text, shown_value
from .wording import _and, _guarantee, _leader_label


def _game_label(g: GameFacts) -> str:
    return _("{log} (seed {seed})").format(log=g.replayed.path.stem, seed=g.replayed.seed)


def comparison_sections(scenario: Scenario, games: list[GameFacts], chart: str | None) -> list[Section]:
    headings = ("",) + tuple(_game_label(g) for g in games)

    def result(g: GameFacts) -> str:
        if g.ended_by_teacher:
            return _("agreed (the teacher ended it)") if g.outcome.agreed else _("no deal (the teacher ended it)")
        return _("agreed") if g.outcome.agreed else _("no deal")
    rows = [(_("Result"),) + tuple(result(g) for g in games),
            (_("Rounds"),) + tuple(str(g.outcome.rounds) for g in games)]
    for issue in scenario.issues:
        rows.append((shown_label(issue),) + tuple(shown_value(issue, g.outcome.in_force[issue.id]) for g in games))
    if scenario.issue_with(Effect.DEADLINE) is not None:
        rows.append((_("Carve-outs"),) + tuple(str(len(g.outcome.in_force.carve_outs)) for g in games))
    sign = "%"   # a % is a field, never a message's word (series.percent_fields)
    rows.append((_("Alliance pledged, {percent_sign} GDP").format(percent_sign=sign),)
                + tuple(number(g.outcome.totals('pledged')[1], 2) for g in games))
    year = games[0].outcome.years[-1]
    rows.append((_("Alliance projected {year}, {percent_sign} GDP").format(year=year, percent_sign=sign),)
                + tuple(number(g.outcome.totals('projected')[1], 2) for g in games))
    if games[0].outcome.us_guarantee_after is not None:
        rows.append((_("US guarantee after the review"),) + tuple(str(_guarantee(scenario, g.outcome.us_guarantee_after))
                                                                  for g in games))
    rows.append((_("Promises and threats"),) + tuple(str(len(g.words)) for g in games))
    if any(g.talks for g in games):
        rows.append((_("Private talks"),) + tuple(str(len(g.talks)) for g in games))
    rows.append((_("Held out longest"),) + tuple(_leader_label(scenario, g.holdout.leader) if g.holdout else _("no one")
                                                 for g in games))
    for leader in scenario.leaders:
        rows.append((_("{leader}: score").format(leader=_leader_label(scenario, leader.id)),)
                    + tuple(number(g.outcome.scores[leader.id], 1) for g in games))
    links = tuple(Item(g.how(), _game_label(g), g.name) for g in games)
    agreed = sum(g.outcome.agreed for g in games)
    sections = [Section(_("The games"), (_("{count} games of {scenario}; {agreed} reached agreement. Each game has its "
                                           "own page (follow its name), with the same sections as a single debrief."
                                           ).format(count=len(games), scenario=shown_text(scenario.title),
                                                    agreed=agreed),),
                        links, anchor="the-games")]
    blocks: list = []
    if chart:
        blocks.append(Figure(chart, _("Dot chart: each role's score in each game, one marker per game; 50 is no deal."),
                             _("One row per role, one marker per game; the line at 50 is no deal.")))
    blocks.append(Table(headings, tuple(rows), numeric=tuple(range(1, len(headings))), compact=True,
                        totals=tuple(range(0, 1))))
    sections.append(Section(_("Side by side"), (_("The outcome of each game: terms in force, alliance spending and each "
                                                  "role's score (0-100; 50 = no deal)."),), blocks=tuple(blocks),
                            anchor="side-by-side"))
    asked = []
    outcomes = {g.outcome.agreed for g in games}
    if len(outcomes) == 2:
        yes = [_game_label(g) for g in games if g.outcome.agreed]
        no = [_game_label(g) for g in games if not g.outcome.agreed]
        asked.append(_("{agreed} reached agreement and {not_agreed} did not, in the same scenario: what made the "
                       "difference?").format(agreed=_and(yes), not_agreed=_and(no)))
    deals = [g for g in games if g.outcome.agreed]
    if len(deals) > 1:
        spread = {l.id: [g.outcome.scores[l.id] for g in deals] for l in scenario.leaders}
        widest = max(spread, key=lambda l: (max(spread[l]) - min(spread[l]), l))
        if max(spread[widest]) - min(spread[widest]) >= 5:
            high = max(deals, key=lambda g: g.outcome.scores[widest])
            low = min(deals, key=lambda g: g.outcome.scores[widest])
            asked.append(_("The same role fared very differently under two agreements: {leader} scored {high} in "
                           "{high_game} and {low} in {low_game}. What happened differently at those tables?").format(
                leader=_leader_label(scenario, widest), high=number(high.outcome.scores[widest], 1),
                high_game=_game_label(high), low=number(low.outcome.scores[widest], 1), low_game=_game_label(low)))
    holdouts = {g.holdout.leader for g in games if g.holdout}
    if len(holdouts) == 1 and len(games) > 1 and all(g.holdout for g in games):
        asked.append(_("{leader} held out longest at every table: is that the role, or the players?").format(
            leader=_leader_label(scenario, holdouts.pop())))
    if asked:
        sections.append(Section(_("Questions across the tables"), blocks=(tuple(Item(q) for q in asked),),
                                anchor="questions-across-the-tables"))
    return sections

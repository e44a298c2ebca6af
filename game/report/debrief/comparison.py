"""The index page when several games of one scenario are debriefed together (parallel tables): the games,
their outcomes side by side beside the dot chart (charts.draw_comparison), and questions across the tables.
"""

from __future__ import annotations

from ...scenario import Effect, Scenario
from ..document import Figure, Item, Section, Table
from .facts import GameFacts
from .wording import _and, _leader_label


def _game_label(g: GameFacts) -> str:
    return f"{g.replayed.path.stem} (seed {g.replayed.seed})"


def comparison_sections(scenario: Scenario, games: list[GameFacts], chart: str | None) -> list[Section]:
    headings = ("",) + tuple(_game_label(g) for g in games)
    rows = [("Result",) + tuple(("agreed" if g.outcome.agreed else "no deal") + (" (the teacher ended it)"
                                                                                    if g.ended_by_teacher else "")
                                for g in games),
            ("Rounds",) + tuple(str(g.outcome.rounds) for g in games)]
    for issue in scenario.issues:
        rows.append((issue.label,) + tuple(issue.format(g.outcome.in_force[issue.id]) for g in games))
    if scenario.issue_with(Effect.DEADLINE) is not None:
        rows.append(("Carve-outs",) + tuple(str(len(g.outcome.in_force.carve_outs)) for g in games))
    rows.append(("Alliance pledged, % GDP",) + tuple(f"{g.outcome.totals('pledged')[1]:.2f}" for g in games))
    year = games[0].outcome.years[-1]
    rows.append((f"Alliance projected {year}, % GDP",)
                + tuple(f"{g.outcome.totals('projected')[1]:.2f}" for g in games))
    if games[0].outcome.us_guarantee_after is not None:
        rows.append(("US guarantee after the review",) + tuple(str(g.outcome.us_guarantee_after) for g in games))
    rows.append(("Promises and threats",) + tuple(str(len(g.words)) for g in games))
    if any(g.talks for g in games):
        rows.append(("Private talks",) + tuple(str(len(g.talks)) for g in games))
    rows.append(("Held out longest",) + tuple(_leader_label(scenario, g.holdout.leader) if g.holdout else "no one"
                                              for g in games))
    for leader in scenario.leaders:
        rows.append((f"{_leader_label(scenario, leader.id)}: score",)
                    + tuple(f"{g.outcome.scores[leader.id]:.1f}" for g in games))
    links = tuple(Item(g.how(), _game_label(g), g.name) for g in games)
    agreed = sum(g.outcome.agreed for g in games)
    sections = [Section("The games", (f"{len(games)} games of {scenario.title}; {agreed} reached agreement. Each game "
                                      "has its own page (follow its name), with the same sections as a single "
                                      "debrief.",),
                        links, anchor="the-games")]
    blocks: list = []
    if chart:
        blocks.append(Figure(chart, "Dot chart: each role's score in each game, one marker per game; 50 is no deal.",
                             "One row per role, one marker per game; the line at 50 is no deal."))
    blocks.append(Table(headings, tuple(rows), numeric=tuple(range(1, len(headings))), compact=True,
                        totals=tuple(range(0, 1))))
    sections.append(Section("Side by side", ("The outcome of each game: terms in force, alliance spending and each "
                                             "role's score (0-100; 50 = no deal).",), blocks=tuple(blocks),
                            anchor="side-by-side"))
    asked = []
    outcomes = {g.outcome.agreed for g in games}
    if len(outcomes) == 2:
        yes = [_game_label(g) for g in games if g.outcome.agreed]
        no = [_game_label(g) for g in games if not g.outcome.agreed]
        asked.append(f"{_and(yes)} reached agreement and {_and(no)} did not, in the same scenario: what made the "
                     "difference?")
    deals = [g for g in games if g.outcome.agreed]
    if len(deals) > 1:
        spread = {l.id: [g.outcome.scores[l.id] for g in deals] for l in scenario.leaders}
        widest = max(spread, key=lambda l: (max(spread[l]) - min(spread[l]), l))
        if max(spread[widest]) - min(spread[widest]) >= 5:
            high = max(deals, key=lambda g: g.outcome.scores[widest])
            low = min(deals, key=lambda g: g.outcome.scores[widest])
            asked.append(f"The same role fared very differently under two agreements: "
                         f"{_leader_label(scenario, widest)} scored {high.outcome.scores[widest]:.1f} in "
                         f"{_game_label(high)} and {low.outcome.scores[widest]:.1f} in {_game_label(low)}. What "
                         "happened differently at those tables?")
    holdouts = {g.holdout.leader for g in games if g.holdout}
    if len(holdouts) == 1 and len(games) > 1 and all(g.holdout for g in games):
        asked.append(f"{_leader_label(scenario, holdouts.pop())} held out longest at every table: is that the role, "
                     "or the players?")
    if asked:
        sections.append(Section("Questions across the tables", blocks=(tuple(Item(q) for q in asked),),
                                anchor="questions-across-the-tables"))
    return sections

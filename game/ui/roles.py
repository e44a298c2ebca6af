"""The roles of a game in the words the screens use: a role's label in the lists and whom it speaks for, the
leaders in the order the lists show them, how several players share one screen, a leader's own positions as
sentences and its country's figures. Shared by the role selection, the seats and the table; the briefing
screen shows game/report/briefing.py's sections, and the sentences here come from there too."""

from __future__ import annotations

from ..play.public import role_label, seat  # noqa: F401  (the screens' names for them)
from ..report import briefing
from ..scenario import Role, Scenario
from ..engine.narrate import shown_text
from ..i18n import N_, _, country_name, number, percent
from . import look


def leaders_in_order(scenario: Scenario):
    rank = {Role.SECRETARY_GENERAL: 0, Role.US_PRESIDENT: 1, Role.MEMBER: 2}
    return sorted(scenario.leaders, key=lambda l: (rank[l.role], role_label(scenario, l)))


def seat_label(scenario: Scenario, leader, agents: dict[str, str]) -> str:
    """A role's label in the lists, naming the agent chosen for it on the command line (`summit play --agents`;
    `agents` by leader id, as Session.agents keeps them) when there is one."""
    label = role_label(scenario, leader)
    return _("{role} · agent {agent}").format(role=label, agent=agents[leader.id]) if leader.id in agents else label


SHARING = {"hand-off": N_("take turns: a hand-off screen hides each player's secrets"),
           "operator": N_("one operator types every move; secrets hidden until revealed"),
           "class": N_("class mode: one sheet a phase lists every role; an operator types the slips")}


def wants_in_words(scenario: Scenario, leader) -> list[str]:
    """Each position of a leader as a sentence: what it wants, its red line, how much it matters."""
    return [f"<b>{look.html(label)}</b>{_(': ')}{look.html(text)}"
            for label, text in briefing.wants(scenario, leader)]


def ally_figures(ally) -> str:
    if ally.reports_spending:
        spend = _("Defence spending: <b>{share} of GDP</b> (about US${amount} bn a year)").format(
            share=percent(ally.defence_pct_gdp, 2), amount=number(ally.gdp_usd_bn * ally.defence_pct_gdp / 100, 1))
    else:
        spend = _("Defence spending: none reported (no armed forces of its own)")
    return ("<b>" + look.html(country_name(ally.iso3, shown_text(ally.name))) + "</b>: " + _("GDP US${gdp} bn · population {population} m").format(
                gdp=number(ally.gdp_usd_bn), population=number(ally.population_m, 1))
            + f"<br>{spend}<br>" + _("Threat felt {threat} · fiscal room {fiscal} · support at home for defence "
                                     "{support}").format(threat=briefing.level(ally.threat),
                                                         fiscal=briefing.level(ally.fiscal_space),
                                                         support=briefing.level(ally.domestic_support)))

"""What a class needs to know beside the rules, in plain sentences: the 2% line's history up to the scenario's
year, the Secretary General's powers and limits, the US review of delivery and what it means for one country,
and the headline 5% as core plus related spending. The briefings (game/report/briefing.py: printed, in the window
and on a student's device) show them.

Facts are the scenario's own (its allies' figures, its review thresholds) or public history told only up to the
scenario's year, so a scenario set before a summit does not learn its outcome here.
"""

from __future__ import annotations

from ..engine.narrate import shown_value
from ..i18n import N_, _, country_forms, ngettext, percent
from ..scenario import Effect, Role, Scenario
from .series import percent_fields


def two_percent_history(scenario: Scenario) -> str | None:
    """Where the 2% line comes from, as far as the scenario's year knows it, with how many of the scenario's
    allies reach it in its figures; None when the scenario puts no core spending on the table or is set before
    the guideline existed."""
    if scenario.issue_with(Effect.CORE_SPENDING) is None or scenario.year < 2006:
        return None
    text = _("The {two} line: a guideline NATO's defence ministers set in 2006 (each ally to spend at least {two} of "
             "its GDP on defence), with no date to reach it.").format(two=percent(2, 0))
    if scenario.year >= 2015:
        text += " " + _("At the Wales summit (September 2014) the allies pledged to move towards it within a decade.")
    reporting = [ally for ally in scenario.allies if ally.reports_spending]
    if reporting:
        meeting = sum(1 for ally in reporting if ally.defence_pct_gdp >= 2.0 - 1e-9)
        # The English reads alike for every count; French agrees its verb with {meeting} ("1 ... l'atteint").
        text += " " + ngettext("In this scenario's figures, {meeting} of the {reporting} allies that report spending "
                               "reach it.",
                               "In this scenario's figures, {meeting} of the {reporting} allies that report spending "
                               "reach it.", meeting).format(meeting=meeting, reporting=len(reporting))
    return text + " " + _("It counts core defence only: armed forces, equipment and operations.")


def headline_split(scenario: Scenario) -> str | None:
    """The headline 5% as its two parts, when the scenario puts related spending on the table."""
    if scenario.issue_with(Effect.RELATED_SPENDING) is None:
        return None
    return _("The headline {headline} is two targets added up: {core} of GDP on core defence and up to {related} on "
             "related spending (infrastructure, resilience, cyber, the defence industry). Summit simulates core "
             "spending only: its charts and projections leave related spending out.").format(**percent_fields())


SECRETARY_GENERAL_POWERS = (
    N_("chairs the talks and holds the pen: tables the draft each round and amends it at once"),
    N_("speaks for the Alliance as a whole, frames the debate, and may promise a leader support"),
)
SECRETARY_GENERAL_LIMITS = (
    N_("has no vote, so it cannot impose a text: one ally's objection stops any draft"),
    N_("cannot commit any ally's money (only an ally pledges), nor threaten an ally"),
)


def secretary_general_office() -> str:
    """The Secretary General's powers and limits in one paragraph."""
    powers, limits = SECRETARY_GENERAL_POWERS, SECRETARY_GENERAL_LIMITS
    return _("The Secretary General {chairs}; {speaks}. But it {no_vote}; it {no_money}.").format(
        chairs=powers[0], speaks=powers[1], no_vote=limits[0], no_money=limits[1])


def _reviewed(scenario: Scenario):
    """(the guarantee issue, the US's ally id, the allies the review judges) or None without a review: the review
    needs a US guarantee on the table and a US President who speaks for an ally (game/engine/outcome.py)."""
    guarantee = scenario.issue_with(Effect.US_GUARANTEE)
    us = next((leader for leader in scenario.leaders if leader.role == Role.US_PRESIDENT), None)
    if guarantee is None or us is None or us.ally is None:
        return None
    judged = [ally for ally in scenario.allies if ally.reports_spending and ally.id != us.ally]
    return guarantee, us.ally, judged


def us_review_rule(scenario: Scenario) -> str | None:
    """How the US review of delivery works in this scenario, in two sentences; None without one."""
    found = _reviewed(scenario)
    if found is None:
        return None
    guarantee = found[0]
    review = scenario.us_review
    weakest = shown_value(guarantee, guarantee.options[-1])
    return _("When the commitments fall due, the United States judges what share of the promised rise in spending "
             "the other allies delivered (weighted by GDP): at {keep} or more it keeps the guarantee agreed (at "
             "{stronger}, one step stronger), below that one step weaker, below {reduce} “{weakest}”. Article 5 "
             "stays in the treaty; what the review changes is how far the allies can count on the United States."
             ).format(keep=percent(review.keep_at * 100, 0), stronger=percent((1 + review.keep_at) / 2 * 100, 0),
                      reduce=percent(review.reduce_below * 100, 0), weakest=weakest)


def us_review_for(scenario: Scenario, leader) -> str | None:
    """What the US review of delivery means for this leader's country, in a sentence or two; None when the
    scenario has no review."""
    found = _reviewed(scenario)
    if found is None:
        return None
    us_ally, judged = found[1:]
    if leader.ally == us_ally:
        return _("You make the review: a guarantee you weaken pushes the threatened allies to spend more on their "
                 "own, and tells every ally how much a US promise is worth.")
    if leader.ally is None:
        return _("You do not deliver anything yourself, but a text the allies will not deliver weakens the "
                 "guarantee later: a deal is only as good as the spending behind it.")
    ally = scenario.ally(leader.ally)
    country = country_forms(ally.iso3, ally.name).fields()
    if ally not in judged:
        return _("{country} reports no defence spending, so the review leaves it out; it lives under whatever "
                 "guarantee the others' delivery leaves.").format(**country)
    share = ally.gdp_usd_bn / sum(other.gdp_usd_bn for other in judged)
    threat = (THREAT_FELT[0] if ally.threat < 0.34 else THREAT_FELT[1] if ally.threat < 0.67 else THREAT_FELT[2])
    return (_("{country} is {share} of the GDP the review weighs, so what it delivers moves the verdict by about "
              "that share.").format(share=percent(share * 100), **country)
            + " " + str(threat).format(**country))


# The threat an ally feels, low, moderate or high, as the US review's paragraph ends.
THREAT_FELT = (
    N_("A weaker guarantee leaves each ally more on its own (Article 3); the threat {country} feels is low."),
    N_("A weaker guarantee leaves each ally more on its own (Article 3); the threat {country} feels is moderate."),
    N_("A weaker guarantee leaves each ally more on its own (Article 3); the threat {country} feels is high."),
)

"""What a class needs to know beside the rules, in plain sentences: the 2% line's history up to the scenario's
year, the Secretary General's powers and limits, the US review of delivery and what it means for one country,
and the headline 5% as core plus related spending. The briefings (game/report/briefing.py: printed, in the window
and on a student's device) show them.

Facts are the scenario's own (its allies' figures, its review thresholds) or public history told only up to the
scenario's year, so a scenario set before a summit does not learn its outcome here.
"""

from __future__ import annotations

from ..scenario import Effect, Role, Scenario


def two_percent_history(scenario: Scenario) -> str | None:
    """Where the 2% line comes from, as far as the scenario's year knows it, with how many of the scenario's
    allies reach it in its figures; None when the scenario puts no core spending on the table or is set before
    the guideline existed."""
    if scenario.issue_with(Effect.CORE_SPENDING) is None or scenario.year < 2006:
        return None
    text = ("The 2% line: a guideline NATO's defence ministers set in 2006 (each ally to spend at least 2% of its "
            "GDP on defence), with no date to reach it.")
    if scenario.year >= 2015:
        text += " At the Wales summit (September 2014) the allies pledged to move towards it within a decade."
    reporting = [ally for ally in scenario.allies if ally.reports_spending]
    if reporting:
        meeting = sum(1 for ally in reporting if ally.defence_pct_gdp >= 2.0 - 1e-9)
        text += (f" In this scenario's figures, {meeting} of the {len(reporting)} allies that report spending "
                 "reach it.")
    return text + " It counts core defence only: armed forces, equipment and operations."


def headline_split(scenario: Scenario) -> str | None:
    """The headline 5% as its two parts, when the scenario puts related spending on the table."""
    if scenario.issue_with(Effect.RELATED_SPENDING) is None:
        return None
    return ("The headline 5% is two targets added up: 3.5% of GDP on core defence and up to 1.5% on related "
            "spending (infrastructure, resilience, cyber, the defence industry). Summit simulates core spending "
            "only: its charts and projections leave related spending out.")


SECRETARY_GENERAL_POWERS = (
    "chairs the talks and holds the pen: tables the draft each round and amends it at once",
    "speaks for the Alliance as a whole, frames the debate, and may promise a leader support",
)
SECRETARY_GENERAL_LIMITS = (
    "has no vote, so it cannot impose a text: one ally's objection stops any draft",
    "cannot commit any ally's money (only an ally pledges), nor threaten an ally",
)


def secretary_general_office() -> str:
    """The Secretary General's powers and limits in one paragraph."""
    return ("The Secretary General " + "; ".join(SECRETARY_GENERAL_POWERS) + ". But it "
            + "; it ".join(SECRETARY_GENERAL_LIMITS) + ".")


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
    guarantee, _, _ = found
    review = scenario.us_review
    weakest = guarantee.format(guarantee.options[-1])
    return (f"When the commitments fall due, the United States judges what share of the promised rise in spending "
            f"the other allies delivered (weighted by GDP): at {review.keep_at:.0%} or more it keeps the guarantee "
            f"agreed (at {(1 + review.keep_at) / 2:.0%}, one step stronger), below that one step weaker, below "
            f"{review.reduce_below:.0%} “{weakest}”. Article 5 stays in the treaty; what the review changes is how "
            "far the allies can count on the United States.")


def us_review_for(scenario: Scenario, leader) -> str | None:
    """What the US review of delivery means for this leader's country, in a sentence or two; None when the
    scenario has no review."""
    found = _reviewed(scenario)
    if found is None:
        return None
    _, us_ally, judged = found
    if leader.ally == us_ally:
        return ("You make the review: a guarantee you weaken pushes the threatened allies to spend more on their "
                "own, and tells every ally how much a US promise is worth.")
    if leader.ally is None:
        return ("You do not deliver anything yourself, but a text the allies will not deliver weakens the "
                "guarantee later: a deal is only as good as the spending behind it.")
    ally = scenario.ally(leader.ally)
    if ally not in judged:
        return (f"{ally.name} reports no defence spending, so the review leaves it out; it lives under whatever "
                "guarantee the others' delivery leaves.")
    share = ally.gdp_usd_bn / sum(other.gdp_usd_bn for other in judged)
    level = "low" if ally.threat < 0.34 else "moderate" if ally.threat < 0.67 else "high"
    return (f"{ally.name} is {share:.1%} of the GDP the review weighs, so what it delivers moves the verdict by "
            f"about that share. A weaker guarantee leaves each ally more on its own (Article 3); the threat "
            f"{ally.name} feels is {level}.")

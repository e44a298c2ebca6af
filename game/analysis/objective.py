"""Whether a role's private objective was met, where the scenario says how to tell (a leader's
`objective_met_when`, docs/scenario-format.md): the debrief's handouts and `summit grades` show the verdict and
its reasons; an objective without the check is left for the teacher or the student to judge.

    verdict = objective_met(scenario, "sanchez", outcome, state.history)
    verdict.met          # True / False
    verdict.reasons      # one short sentence per condition, in the order the scenario gives them
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..engine.narrate import shown_country, shown_label, shown_value
from ..i18n import _, ngettext
from ..scenario import Scenario


@dataclass(frozen=True)
class Verdict:
    met: bool
    reasons: tuple[str, ...]   # each condition, held or not, in words

    def sentence(self) -> str:
        reasons = _("; ").join(self.reasons)
        return (_("Met: {reasons}.") if self.met else _("Not met: {reasons}.")).format(reasons=reasons)


def objective_met(scenario: Scenario, leader_id: str, outcome, history: Iterable) -> Verdict | None:
    """The verdict on a leader's private objective at the end of a game (`outcome` the summit's Outcome,
    `history` its log entries), or None when the scenario gives the objective no check (or the leader none)."""
    leader = scenario.leader(leader_id)
    check = leader.objective_met_when
    if leader.objective is None or check is None:
        return None
    held: list[tuple[bool, str]] = []
    if check.deal is not None:
        adopted = bool(outcome.agreed)
        held.append((adopted == check.deal, _("the table adopted a text") if adopted else _("no text was adopted")))
    ally = scenario.ally(leader.ally) if leader.ally else None
    if check.carve_out is not None and ally is not None:
        year = outcome.terms.carve_out(ally.id) if outcome.agreed else None
        name = shown_country(scenario, ally.id)
        held.append((bool(year) == check.carve_out,
                     _("{ally} has a later deadline of its own ({year})").format(ally=name, year=year) if year
                     else _("{ally} has no later deadline of its own").format(ally=name)))
    for linkage in check.terms:
        issue = scenario.issue(linkage.issue)
        value = outcome.in_force[issue.id]
        said = (_("{issue}: {value}") if outcome.agreed else _("{issue}: {value} (no deal)")).format(
            issue=shown_label(issue), value=shown_value(issue, value))
        held.append((linkage.holds(value), said))
    if check.pledges_by_others is not None:
        pledged = {scenario.leader(entry.actor).ally for entry in history
                   if entry.type == "action" and entry.data["action"]["kind"] == "pledge"}
        names = [shown_country(scenario, ally_id) for ally_id in sorted(pledged - {None, leader.ally})]
        count = len(names)
        shown = ", ".join(names[:4]) + (_(" and more") if count > 4 else "")
        said = (ngettext("{count} other ally pledged a national path ({allies})",
                         "{count} other allies pledged a national path ({allies})", count).format(count=count, allies=shown)
                if count else _("no other ally pledged a national path"))
        held.append((count >= check.pledges_by_others, said))
    return Verdict(all(ok for ok, _reason in held), tuple(reason for _ok, reason in held))


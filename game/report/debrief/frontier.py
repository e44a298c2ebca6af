"""The section "Against the Pareto frontier and the Nash solution": the agreement (or no deal) against the
packages every voter's red lines allow, counted as `summit inspect` counts, beside the scatter chart
(charts.draw_frontier).
"""

from __future__ import annotations

from ...i18n import _, ngettext, number
from ..document import Figure, Section, Table
from .facts import GameFacts
from ...engine.narrate import shown_label, shown_value
from .wording import _and, _issue_name, _leader_label, _package_text


def _frontier_section(facts: GameFacts, chart: str | None) -> Section:
    s, o, f = facts.scenario, facts.outcome, facts.frontier
    paragraphs = [_("Everything in this section is counted as summit inspect counts: on the scenario's starting "
                    "positions (before any events) and the terms as agreed (before the US review); each leader lives "
                    "its own carve-out. Scores here can therefore differ from the outcome scores above.")]
    if o.agreed:
        if f.acceptable:
            paragraphs.append(_("The agreement is acceptable to every voter: it crosses no voter's red line."))
        else:
            paragraphs.append(_("The agreement crosses red lines: {crossed}.").format(crossed=_("; ").join(
                _("{leader} on {issues}").format(leader=_leader_label(s, v),
                                                 issues=", ".join(_issue_name(s, i) for i in issues))
                for v, issues in f.crossed.items())))
        if f.crossed_without_carve_outs and not f.crossed:
            paragraphs.append(ngettext(
                "Without the carve-outs, the terms would cross the red lines of {count} voter ({leaders}): the "
                "agreement lies outside the packages every voter accepts with one common deadline, which is all "
                "summit inspect examines. The carve-outs made it possible.",
                "Without the carve-outs, the terms would cross the red lines of {count} voters ({leaders}): the "
                "agreement lies outside the packages every voter accepts with one common deadline, which is all "
                "summit inspect examines. The carve-outs made it possible.", len(f.crossed_without_carve_outs)).format(
                count=len(f.crossed_without_carve_outs),
                leaders=", ".join(_leader_label(s, v) for v in f.crossed_without_carve_outs)))
        if f.examined:
            if f.pareto_optimal:
                paragraphs.append((_("None of the {count} packages every voter accepts (as summit inspect examines them) "
                                     "is at least as good as the agreement for every voter and better for one: the "
                                     "agreement is Pareto-optimal against them.") if f.examined != 1 else
                                   _("The one package every voter accepts (as summit inspect examines it) is not at "
                                     "least as good as the agreement for every voter and better for one: the agreement "
                                     "is Pareto-optimal against them.")).format(count=number(f.examined)))
            else:
                paragraphs.append(ngettext(
                    "It is not Pareto-optimal: {better} of the {count} acceptable packages summit inspect examines is "
                    "at least as good for every voter and better for at least one. The one with the largest total gain "
                    "is in the table below.",
                    "It is not Pareto-optimal: {better} of the {count} acceptable packages summit inspect examines are "
                    "at least as good for every voter and better for at least one. The one with the largest total gain "
                    "is in the table below.", f.better).format(better=number(f.better), count=number(f.examined)))
        else:
            paragraphs.append(_("No package is acceptable to every voter, so there is no frontier to compare with."))
        mean, nash_mean = f.nash_mean, f.nash_solution_mean
        if f.nash is None:
            paragraphs.append(_("There is no Nash bargaining solution: no acceptable package beats no deal for every "
                                "voter."))
        else:
            theirs = sum(f.nash_gains.values())
            mine = sum(f.gains.values())
            fields = dict(package=_package_text(s, f.nash.values), voters=len(f.gains),
                          mean=number(mean, 3) if mean is not None else "", nash_mean=number(nash_mean, 3),
                          mine=number(mine, 3), theirs=number(theirs, 3))
            paragraphs.append((_("Against the Nash bargaining solution ({package}): the Nash product (the product of the "
                                 "{voters} voters' utility gains over no deal, shown as their geometric mean) is {mean} "
                                 "under the agreement against {nash_mean} under the Nash solution; the sum of the gains "
                                 "is {mine} against {theirs}.") if mean is not None else
                               _("Against the Nash bargaining solution ({package}): not every voter gains over no deal "
                                 "under the agreement, so its Nash product is not positive (the Nash solution's gains "
                                 "have a geometric mean of {nash_mean}); the sum of the gains is {mine} against "
                                 "{theirs}.")).format(**fields))
            if mean is not None and mean > nash_mean and o.terms.carve_outs:
                paragraphs.append(_("The agreement does better than the Nash solution because of its carve-outs: they "
                                    "give the reluctant allies a deadline of their own, which no package with one "
                                    "common deadline can. The Nash solution is the best of those packages, not of "
                                    "deals with exceptions."))
            better_off = [v for v in f.gains if f.scores[v] > f.nash.scores[v] + 0.05]
            worse_off = [v for v in f.gains if f.scores[v] < f.nash.scores[v] - 0.05]
            paragraphs.append(ngettext("{count} voter scores more under the agreement than under the Nash solution, "
                                       "{less} less.",
                                       "{count} voters score more under the agreement than under the Nash solution, "
                                       "{less} less.", len(better_off)).format(count=len(better_off),
                                                                              less=len(worse_off)))
    else:
        paragraphs.append(_("There was no agreement: the no-deal terms apply and every score is 50."))
        if f.nash is not None:
            low, high = min(f.nash.scores[v] for v in f.voters), max(f.nash.scores[v] for v in f.voters)
            paragraphs.append(_("Yet every voter would have gained over no deal under the Nash bargaining solution "
                                "({package}), with scores from {low} to {high}.").format(
                package=_package_text(s, f.nash.values), low=number(low, 1), high=number(high, 1)))
        else:
            paragraphs.append(_("No acceptable package beat no deal for every voter, so there is no Nash bargaining "
                                "solution: someone was better off walking away."))
    headings = [_("Issue"), _("agreement") if o.agreed else _("no deal (in force)")]
    columns = [o.in_force.as_dict()]
    if f.nash is not None:
        headings.append(_("Nash solution"))
        columns.append(f.nash.values)
    if f.better_example is not None:
        headings.append(_("better for every voter"))
        columns.append(f.better_example)
    rows = [(shown_label(issue),) + tuple(shown_value(issue, c[issue.id]) for c in columns) for issue in s.issues]
    if o.agreed and o.terms.carve_outs:
        rows.append((_("Carve-outs"), str(len(o.terms.carve_outs))) + ("0",) * (len(columns) - 1))
    voters = f.voters

    def stat(scores: dict[str, float]) -> tuple[str, str]:
        values = [scores[v] for v in voters]
        return number(sum(values) / len(values), 1), number(min(values), 1)
    for label, index in ((_("Voters' mean score"), 0), (_("Lowest voter's score"), 1)):
        cells = [stat(f.scores)[index]]
        if f.nash is not None:
            cells.append(stat(f.nash.scores)[index])
        if f.better_scores is not None:
            cells.append(stat(f.better_scores)[index])
        rows.append((label, *cells))
    blocks: list = [Table(tuple(headings), tuple(rows), compact=True)]
    if chart:
        marked = _and(([_("the agreement")] if o.agreed else []) + ([_("the Nash solution")] if f.nash else [])
                      + [_("no deal")])
        blocks.insert(0, Figure(chart, _("Scatter chart: every package the red lines allow, by the US President's "
                                         "score and the members' mean score, with {marked} marked.").format(marked=marked),
                                _("Grey: the packages every voter's red lines allow, as summit inspect examines them; "
                                  "50 on both axes is no deal.")))
    blocks += list(f.notes)
    return Section(_("Against the Pareto frontier and the Nash solution"), tuple(paragraphs), blocks=tuple(blocks),
                   anchor="pareto")

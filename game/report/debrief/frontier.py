"""The section "Against the Pareto frontier and the Nash solution": the agreement (or no deal) against the
packages every voter's red lines allow, counted as `summit inspect` counts, beside the scatter chart
(charts.draw_frontier).
"""

from __future__ import annotations

from ..document import Figure, Section, Table
from .facts import GameFacts
from .wording import _and, _count, _issue_name, _leader_label, _package_text


def _frontier_section(facts: GameFacts, chart: str | None) -> Section:
    s, o, f = facts.scenario, facts.outcome, facts.frontier
    paragraphs = ["Everything in this section is counted as summit inspect counts: on the scenario's starting "
                  "positions (before any events) and the terms as agreed (before the US review); each leader lives "
                  "its own carve-out. Scores here can therefore differ from the outcome scores above."]
    if o.agreed:
        if f.acceptable:
            paragraphs.append("The agreement is acceptable to every voter: it crosses no voter's red line.")
        else:
            paragraphs.append("The agreement crosses red lines: " + "; ".join(
                f"{_leader_label(s, v)} on {', '.join(_issue_name(s, i) for i in issues)}"
                for v, issues in f.crossed.items()) + ".")
        if f.crossed_without_carve_outs and not f.crossed:
            paragraphs.append(
                "Without the carve-outs, the terms would cross the red lines of "
                f"{_count(len(f.crossed_without_carve_outs), 'voter', 'voters')} (" + ", ".join(_leader_label(s, v) for v in f.crossed_without_carve_outs) + "): the "
                "agreement lies outside the packages every voter accepts with one common deadline, which is all "
                "summit inspect examines. The carve-outs made it possible.")
        if f.examined:
            if f.pareto_optimal:
                which = (f"None of the {f.examined:,} packages every voter accepts (as summit inspect examines them) is"
                         if f.examined != 1 else "The one package every voter accepts (as summit inspect examines it) is not")
                paragraphs.append(f"{which} at least as good as the agreement for every voter and better for one: the "
                                  "agreement is Pareto-optimal against them.")
            else:
                are = "is" if f.better == 1 else "are"
                paragraphs.append(f"It is not Pareto-optimal: {f.better:,} of the {f.examined:,} acceptable packages "
                                  f"summit inspect examines {are} at least as good for every voter and better for at "
                                  "least one. The one with the largest total gain is in the table below.")
        else:
            paragraphs.append("No package is acceptable to every voter, so there is no frontier to compare with.")
        mean, nash_mean = f.nash_mean, f.nash_solution_mean
        if f.nash is None:
            paragraphs.append("There is no Nash bargaining solution: no acceptable package beats no deal for every "
                              "voter.")
        else:
            theirs = sum(f.nash_gains.values())
            mine = sum(f.gains.values())
            product = (f"the Nash product (the product of the {len(f.gains)} voters' utility gains over no deal, "
                       f"shown as their geometric mean) is {mean:.3f} under the agreement against {nash_mean:.3f} under "
                       "the Nash solution"
                       if mean is not None else
                       "not every voter gains over no deal under the agreement, so its Nash product is not positive "
                       f"(the Nash solution's gains have a geometric mean of {nash_mean:.3f})")
            paragraphs.append(f"Against the Nash bargaining solution ({_package_text(s, f.nash.values)}): {product}; "
                              f"the sum of the gains is {mine:.3f} against {theirs:.3f}.")
            if mean is not None and mean > nash_mean and o.terms.carve_outs:
                paragraphs.append("The agreement does better than the Nash solution because of its carve-outs: they "
                                  "give the reluctant allies a deadline of their own, which no package with one common "
                                  "deadline can. The Nash solution is the best of those packages, not of deals with "
                                  "exceptions.")
            better_off = [v for v in f.gains if f.scores[v] > f.nash.scores[v] + 0.05]
            worse_off = [v for v in f.gains if f.scores[v] < f.nash.scores[v] - 0.05]
            more = f"{_count(len(better_off), 'voter scores', 'voters score')}"
            paragraphs.append(f"{more} more under the agreement than under the Nash solution, {len(worse_off)} less.")
    else:
        paragraphs.append("There was no agreement: the no-deal terms apply and every score is 50.")
        if f.nash is not None:
            low, high = min(f.nash.scores[v] for v in f.voters), max(f.nash.scores[v] for v in f.voters)
            paragraphs.append("Yet every voter would have gained over no deal under the Nash bargaining solution "
                              f"({_package_text(s, f.nash.values)}), with scores from {low:.1f} to {high:.1f}.")
        else:
            paragraphs.append("No acceptable package beat no deal for every voter, so there is no Nash bargaining "
                              "solution: someone was better off walking away.")
    headings = ["Issue", "agreement" if o.agreed else "no deal (in force)"]
    columns = [o.in_force.as_dict()]
    if f.nash is not None:
        headings.append("Nash solution")
        columns.append(f.nash.values)
    if f.better_example is not None:
        headings.append("better for every voter")
        columns.append(f.better_example)
    rows = [(issue.label,) + tuple(issue.format(c[issue.id]) for c in columns) for issue in s.issues]
    if o.agreed and o.terms.carve_outs:
        rows.append(("Carve-outs", str(len(o.terms.carve_outs))) + ("0",) * (len(columns) - 1))
    voters = f.voters

    def stat(scores: dict[str, float]) -> tuple[str, str]:
        values = [scores[v] for v in voters]
        return f"{sum(values) / len(values):.1f}", f"{min(values):.1f}"
    for label, index in (("Voters' mean score", 0), ("Lowest voter's score", 1)):
        cells = [stat(f.scores)[index]]
        if f.nash is not None:
            cells.append(stat(f.nash.scores)[index])
        if f.better_scores is not None:
            cells.append(stat(f.better_scores)[index])
        rows.append((label, *cells))
    blocks: list = [Table(tuple(headings), tuple(rows), compact=True)]
    if chart:
        marked = _and((["the agreement"] if o.agreed else []) + (["the Nash solution"] if f.nash else []) + ["no deal"])
        blocks.insert(0, Figure(chart, "Scatter chart: every package the red lines allow, by the US President's score "
                                       f"and the members' mean score, with {marked} marked.",
                                "Grey: the packages every voter's red lines allow, as summit inspect examines them; "
                                "50 on both axes is no deal."))
    blocks += list(f.notes)
    return Section("Against the Pareto frontier and the Nash solution", tuple(paragraphs), blocks=tuple(blocks),
                   anchor="pareto")

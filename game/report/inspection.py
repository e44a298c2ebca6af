"""What `summit inspect` prints: a scenario's zones of agreement, Pareto frontier and Nash solution, readably.

Short sections with rich tables on a terminal; the same text without colour or control codes, at a fixed
width and without trailing blanks, when the output is piped or captured.
"""

from __future__ import annotations

import io
import sys
from typing import TextIO

from ..analysis.inspect import Inspection, IssueZone, Package
from ..scenario import Issue, Role, Scenario

SCORE_NOTE = ("Scores are 0-100: 50 = as good as no deal, 100 = the leader's ideal. Red lines are those the "
              "scenario starts with (the events table shows how scripted events move them); carve-outs and the US "
              "review after the summit are left out.")
PACKAGES_NOTE = ("Best for the members: the highest mean utility of the members; most even: the highest score of "
                 "the worst-off voter. Each is the best such package on the Pareto frontier.")


def zone_text(issue: Issue, values: tuple) -> str:
    """A zone as players read it: "3.0-3.5% GDP", "2035 only", "unconditional, conditional", "none"; under a
    vote a range zone may have gaps: "2.0-2.5, 3.0-3.5% GDP"."""
    if not values:
        return "none"
    if not issue.is_range:
        return ", ".join(str(value) for value in values)
    if len(values) == 1:
        return f"{issue.format(values[0])} only"
    runs = [[values[0], values[0]]]
    for value in values[1:]:
        if value - runs[-1][1] > issue.step * 1.5:
            runs.append([value, value])
        else:
            runs[-1][1] = value
    bare = issue.model_copy(update={"unit": ""})
    texts = [bare.format(low) if low == high else f"{bare.format(low)}-{bare.format(high)}" for low, high in runs]
    return ", ".join(texts[:-1] + [texts[-1] + issue.format(values[-1])[len(bare.format(values[-1])):]])


def bounds_text(zone: IssueZone) -> str:
    """Who bounds the zone: "below: trump, tusk; above: sanchez", "reduced ruled out by scholz"."""
    parts = []
    if zone.bounded_below_by:
        parts.append("below: " + ", ".join(zone.bounded_below_by))
    if zone.bounded_above_by:
        parts.append("above: " + ", ".join(zone.bounded_above_by))
    parts += [f"{option} ruled out by {', '.join(who)}" for option, who in zone.ruled_out.items()]
    if zone.outvoted:
        parts.append("outvoted: " + ", ".join(zone.outvoted))
    parts += [f"{value} refused by {', '.join(who)}" for value, who in zone.conditional.items()]
    return "; ".join(parts) or "no red line"


def package_text(scenario: Scenario, package: Package) -> str:
    return ", ".join(f"{issue.label} {issue.format(package.values[issue.id])}" for issue in scenario.issues)


def print_inspection(scenario: Scenario, inspection: Inspection, out: TextIO | None = None) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    out = out or sys.stdout
    terminal = out.isatty()
    plain = {} if terminal else {"color_system": None, "force_terminal": False, "width": 200}
    console = Console(file=out if terminal else io.StringIO(), markup=False, highlight=False, emoji=False, **plain)
    leaders = {leader.id: leader for leader in scenario.leaders}

    console.print(f"{scenario.title} ({scenario.id}): what the red lines allow")
    non_voters = ", ".join(f"{leaders[l].name} ({l})" for l in inspection.non_voters)
    several = len(inspection.non_voters) > 1
    console.print(f"{len(inspection.voters)} voters"
                  + (f"; {non_voters} {'do' if several else 'does'} not vote ({'their' if several else 'its'} utility "
                     f"and score are shown, {'their' if several else 'its'} red lines bind no one)"
                     if non_voters else "") + ".", soft_wrap=True)

    rule = inspection.decision
    voting = rule is not None and not rule.consensus
    who = f"at least {rule.needed} of the {rule.voters} voters" if voting else "every voter"
    if voting:
        console.print(f"Decided by {scenario.decision.describe()}: {rule.needed} of the {rule.voters} voters must "
                      f"accept a draft, so the objections of {rule.blocking} stop it: a value fewer voters refuse stays in the "
                      "zone.", soft_wrap=True)
    allow = f"the red lines of {who} allow" if voting else "every voter's red lines allow"
    zones = Table(title=f"Zone of possible agreement per issue: the values {allow}",
                  title_justify="left", box=box.SIMPLE_HEAD)
    for heading in ("issue", "zone", "bounded by", "in the zone of agreement"):
        zones.add_column(heading)
    for issue, zone in zip(scenario.issues, inspection.issues):
        agreement = zone_text(issue, zone.agreement) if inspection.any_acceptable else "-"
        zones.add_row(f"{issue.label} ({issue.id})", zone_text(issue, zone.values), bounds_text(zone), agreement)
    console.print()
    console.print(zones)

    if inspection.any_acceptable:
        examined = f" (of the {inspection.examined:,} examined)" if inspection.coarsened else ""
        console.print(f"Packages: {inspection.packages:,} in all; {inspection.acceptable:,} acceptable to {who}; "
                      f"{inspection.agreement:,} of them{examined} {'is' if inspection.agreement == 1 else 'are'} "
                      f"also at least as good as no deal for {who} (the zone of agreement).", soft_wrap=True)
    else:
        console.print(f"Packages: {inspection.packages:,} in all; none is acceptable to {who}.", soft_wrap=True)
    for note in inspection.notes:
        console.print(note, soft_wrap=True)

    if inspection.pareto is not None:
        pareto = inspection.pareto
        size = (f"all {pareto.of:,} acceptable packages" if pareto.exact and pareto.size == pareto.of else
                f"{pareto.size:,} of the {pareto.of:,} acceptable packages" if pareto.exact else
                f"about {pareto.size:,} (95% interval {pareto.interval[0]:,}-{pareto.interval[1]:,}) of the "
                f"{pareto.of:,} acceptable packages")
        console.print()
        console.print(f"Pareto frontier: {size} are Pareto-optimal (no other acceptable package is at least as "
                      "good for every voter and better for one).", soft_wrap=True)
        console.print(_packages_table(scenario, inspection, Table, box))
        console.print(PACKAGES_NOTE, soft_wrap=True)
    console.print()
    if inspection.nash is not None:
        console.print(f"Nash bargaining solution: {package_text(scenario, inspection.nash)} (the "
                      f"{'package every voter accepts' if voting else 'acceptable package'} that maximises the product "
                      "of the voters' gains over no deal).", soft_wrap=True)
    else:
        console.print(f"Nash bargaining solution: none. No {'package every voter accepts' if voting else 'acceptable package'}"
                      " is better than no deal for every voter.", soft_wrap=True)
    console.print()

    table = Table(title="Leaders", title_justify="left", box=box.SIMPLE_HEAD)
    for heading, justify in (("leader", "left"), ("role", "left"), ("votes", "left"),
                             ("no-deal utility", "right"), ("best acceptable score", "right"),
                             ("Nash score", "right")):
        table.add_column(heading, justify=justify)
    for values in inspection.leaders:
        best = "-" if values.best_acceptable_score is None else f"{values.best_acceptable_score:.1f}"
        nash = "-" if inspection.nash is None else f"{inspection.nash.scores[values.id]:.1f}"
        table.add_row(f"{values.name} ({values.id})", values.role, "yes" if values.votes else "no",
                      f"{values.no_deal_utility:.3f}", best, nash)
    console.print(table)
    console.print(SCORE_NOTE, soft_wrap=True)
    if inspection.events or inspection.may_fire:
        console.print()
        _print_events(console, scenario, inspection, Table, box)
    if not terminal:
        print("\n".join(line.rstrip() for line in console.file.getvalue().splitlines()), file=out)


def _print_events(console, scenario: Scenario, inspection: Inspection, Table, box) -> None:
    """The zones at the start and after each scripted event that moves positions; the events that may fire."""
    if inspection.events:
        table = Table(title="Scripted events that move positions: the zones before and after each",
                      title_justify="left", box=box.SIMPLE_HEAD)
        table.add_column("when")
        table.add_column("what changes")
        for issue in scenario.issues:
            table.add_column(issue.label)
        table.add_column("acceptable", justify="right")
        table.add_column("agreement", justify="right")

        def row(when: str, changes: str, zones: tuple[IssueZone, ...], acceptable: int, agreement: int) -> None:
            table.add_row(when, changes, *(zone_text(issue, zone.values) for issue, zone in zip(scenario.issues, zones)),
                          f"{acceptable:,}", f"{agreement:,}")

        row("start", "-", inspection.issues, inspection.acceptable, inspection.agreement)
        for stage in inspection.events:
            row(f"round {stage.round}: {stage.id}", "; ".join(stage.changes), stage.issues, stage.acceptable,
                stage.agreement)
        console.print(table)
        console.print("Acceptable: packages the red lines allow (as above); agreement: of them, those at least as good "
                      "as no deal. Each event counts with those before it.", soft_wrap=True)
    for stage in inspection.may_fire:
        when = f"chance {stage.probability:.0%} a round" if stage.probability else "when its condition holds"
        console.print(f"May fire ({when}): {stage.id}: {'; '.join(stage.changes)}.",
                      soft_wrap=True)


def _packages_table(scenario: Scenario, inspection: Inspection, Table, box):
    """The frontier's representatives, the Nash solution and no deal, side by side."""
    roles = {leader.id: leader.role for leader in scenario.leaders}
    voters = inspection.voters
    us = [l for l in voters if roles[l] == Role.US_PRESIDENT]
    members = [l for l in voters if roles[l] == Role.MEMBER]
    others = list(inspection.non_voters)
    table = Table(title="Representative packages (scores 0-100)", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("package")
    for issue in scenario.issues:
        table.add_column(issue.label)
    columns = []
    if us:
        columns.append(("US President", us))
    if members:
        columns.append(("members (mean)", members))
    columns.append(("lowest voter", None))
    if others:
        columns.append(("Secretary General" if len(others) == 1 else "non-voters (mean)", others))
    for heading, _ in columns:
        table.add_column(heading, justify="right")
    rows = list(inspection.pareto.representatives)
    if inspection.nash is not None:
        rows.append(inspection.nash)
    rows.append(inspection.no_deal)
    for package in rows:
        cells = [package.label] + [issue.format(package.values[issue.id]) for issue in scenario.issues]
        for _, who in columns:
            scores = [package.scores[l] for l in (who if who is not None else voters)]
            cells.append(f"{(sum(scores) / len(scores) if who is not None else min(scores)):.1f}")
        table.add_row(*cells)
    return table

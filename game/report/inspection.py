"""What `summit inspect` prints: a scenario's zones of agreement, Pareto frontier and Nash solution, readably.

Short sections with rich tables on a terminal; the same text without colour or control codes, at a fixed
width and without trailing blanks, when the output is piped or captured.
"""

from __future__ import annotations

import io
import sys
from typing import TextIO

from ..analysis.inspect import Inspection, IssueZone, Package
from ..engine.narrate import shown_label, shown_text, shown_value
from ..i18n import N_, _, localize, ngettext, number, percent
from ..scenario import Issue, Role, Scenario

SCORE_NOTE = N_("Scores are 0-100: 50 = as good as no deal, 100 = the leader's ideal. Red lines are those the "
                "scenario starts with (the events table shows how scripted events move them); carve-outs and the US "
                "review after the summit are left out.")
PACKAGES_NOTE = N_("Best for the members: the highest mean utility of the members; most even: the highest score of "
                   "the worst-off voter. Each is the best such package on the Pareto frontier.")
# The packages' labels as game/analysis/inspect.py gives them (and --json keeps), as a table shows them
PACKAGE_LABELS = {"best for the US President": N_("best for the US President"),
                  "best for the members": N_("best for the members"),
                  "best for the Secretary General": N_("best for the Secretary General"),
                  "most even": N_("most even"), "Nash bargaining solution": N_("Nash bargaining solution"),
                  "no deal": N_("no deal")}


def zone_text(issue: Issue, values: tuple) -> str:
    """A zone as players read it: "3.0-3.5% GDP", "2035 only", "unconditional, conditional", "none"; under a
    vote a range zone may have gaps: "2.0-2.5, 3.0-3.5% GDP"."""
    if not values:
        return _("none")
    if not issue.is_range:
        return ", ".join(str(value) for value in values)
    if len(values) == 1:
        return _("{value} only").format(value=shown_value(issue, values[0]))
    runs = [[values[0], values[0]]]
    for value in values[1:]:
        if value - runs[-1][1] > issue.step * 1.5:
            runs.append([value, value])
        else:
            runs[-1][1] = value
    bare = issue.model_copy(update={"unit": ""})
    texts = [shown_value(bare, low) if low == high else f"{shown_value(bare, low)}-{shown_value(bare, high)}"
             for low, high in runs]
    last = shown_value(issue, values[-1])
    return ", ".join(texts[:-1] + [texts[-1] + last[len(shown_value(bare, values[-1])):]])


def bounds_text(zone: IssueZone) -> str:
    """Who bounds the zone: "below: trump, tusk; above: sanchez", "reduced ruled out by scholz"."""
    parts = []
    if zone.bounded_below_by:
        parts.append(_("below: {leaders}").format(leaders=", ".join(zone.bounded_below_by)))
    if zone.bounded_above_by:
        parts.append(_("above: {leaders}").format(leaders=", ".join(zone.bounded_above_by)))
    parts += [_("{option} ruled out by {leaders}").format(option=option, leaders=", ".join(who))
              for option, who in zone.ruled_out.items()]
    if zone.outvoted:
        parts.append(_("outvoted: {leaders}").format(leaders=", ".join(zone.outvoted)))
    parts += [_("{value} refused by {leaders}").format(value=value, leaders=", ".join(who))
              for value, who in zone.conditional.items()]
    return _("; ").join(parts) or _("no red line")


def package_text(scenario: Scenario, package: Package) -> str:
    return ", ".join(f"{shown_label(issue)} {shown_value(issue, package.values[issue.id])}" for issue in scenario.issues)


def print_inspection(scenario: Scenario, inspection: Inspection, out: TextIO | None = None) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    out = out or sys.stdout
    terminal = out.isatty()
    plain = {} if terminal else {"color_system": None, "force_terminal": False, "width": 200}
    console = Console(file=out if terminal else io.StringIO(), markup=False, highlight=False, emoji=False, **plain)
    leaders = {leader.id: leader for leader in scenario.leaders}

    console.print(_("{title} ({scenario}): what the red lines allow").format(title=shown_text(scenario.title),
                                                                              scenario=scenario.id))
    non_voters = ", ".join(f"{shown_text(leaders[l].name)} ({l})" for l in inspection.non_voters)
    voters = len(inspection.voters)
    if non_voters:
        console.print(ngettext("{count} voters; {leaders} does not vote (its utility and score are shown, its red "
                               "lines bind no one).",
                               "{count} voters; {leaders} do not vote (their utility and score are shown, their red "
                               "lines bind no one).", len(inspection.non_voters)).format(count=voters, leaders=non_voters),
                      soft_wrap=True)
    else:
        console.print(_("{count} voters.").format(count=voters), soft_wrap=True)

    rule = inspection.decision
    voting = rule is not None and not rule.consensus
    who = (_("at least {needed} of the {voters} voters").format(needed=rule.needed, voters=rule.voters) if voting
           else _("every voter"))
    if voting:
        console.print(_("Decided by {rule}: {needed} of the {voters} voters must accept a draft, so the objections of "
                        "{blocking} stop it: a value fewer voters refuse stays in the zone.").format(
                          rule=_decision(scenario), needed=rule.needed, voters=rule.voters, blocking=rule.blocking),
                      soft_wrap=True)
    title = (_("Zone of possible agreement per issue: the values the red lines of {who} allow").format(who=who)
             if voting else _("Zone of possible agreement per issue: the values every voter's red lines allow"))
    zones = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for heading in (_("issue"), _("zone"), _("bounded by"), _("in the zone of agreement")):
        zones.add_column(heading)
    for issue, zone in zip(scenario.issues, inspection.issues):
        agreement = zone_text(issue, zone.agreement) if inspection.any_acceptable else "-"
        zones.add_row(f"{shown_label(issue)} ({issue.id})", zone_text(issue, zone.values), bounds_text(zone), agreement)
    console.print()
    console.print(zones)

    if inspection.any_acceptable:
        fields = {"packages": number(inspection.packages), "acceptable": number(inspection.acceptable),
                  "agreement": number(inspection.agreement), "examined": number(inspection.examined), "who": who}
        said = (ngettext("Packages: {packages} in all; {acceptable} acceptable to {who}; {agreement} of them (of the "
                         "{examined} examined) is also at least as good as no deal for {who} (the zone of agreement).",
                         "Packages: {packages} in all; {acceptable} acceptable to {who}; {agreement} of them (of the "
                         "{examined} examined) are also at least as good as no deal for {who} (the zone of agreement).",
                         inspection.agreement) if inspection.coarsened else
                ngettext("Packages: {packages} in all; {acceptable} acceptable to {who}; {agreement} of them is also at "
                         "least as good as no deal for {who} (the zone of agreement).",
                         "Packages: {packages} in all; {acceptable} acceptable to {who}; {agreement} of them are also "
                         "at least as good as no deal for {who} (the zone of agreement).", inspection.agreement))
        console.print(said.format(**fields), soft_wrap=True)
    else:
        console.print(_("Packages: {packages} in all; none is acceptable to {who}.").format(
            packages=number(inspection.packages), who=who), soft_wrap=True)
    for note in inspection.notes:
        console.print(localize(note), soft_wrap=True)

    if inspection.pareto is not None:
        pareto = inspection.pareto
        sizes = {"size": number(pareto.size), "of": number(pareto.of), "share": percent(95, 0),
                 "low": number(pareto.interval[0]) if pareto.interval else "",
                 "high": number(pareto.interval[1]) if pareto.interval else ""}
        said = (_("Pareto frontier: all {of} acceptable packages are Pareto-optimal (no other acceptable package is "
                  "at least as good for every voter and better for one).")
                if pareto.exact and pareto.size == pareto.of else
                _("Pareto frontier: {size} of the {of} acceptable packages are Pareto-optimal (no other acceptable "
                  "package is at least as good for every voter and better for one).") if pareto.exact else
                _("Pareto frontier: about {size} ({share} interval {low}-{high}) of the {of} acceptable packages are "
                  "Pareto-optimal (no other acceptable package is at least as good for every voter and better for "
                  "one)."))
        console.print()
        console.print(said.format(**sizes), soft_wrap=True)
        console.print(_packages_table(scenario, inspection, Table, box))
        console.print(str(PACKAGES_NOTE), soft_wrap=True)
    console.print()
    if inspection.nash is not None:
        said = (_("Nash bargaining solution: {package} (the package every voter accepts that maximises the product of "
                  "the voters' gains over no deal).") if voting else
                _("Nash bargaining solution: {package} (the acceptable package that maximises the product of the "
                  "voters' gains over no deal)."))
        console.print(said.format(package=package_text(scenario, inspection.nash)), soft_wrap=True)
    else:
        console.print(_("Nash bargaining solution: none. No package every voter accepts is better than no deal for "
                        "every voter.") if voting else
                      _("Nash bargaining solution: none. No acceptable package is better than no deal for every "
                        "voter."), soft_wrap=True)
    console.print()

    table = Table(title=_("Leaders"), title_justify="left", box=box.SIMPLE_HEAD)
    for heading, justify in ((_("leader"), "left"), (_("role"), "left"), (_("votes"), "left"),
                             (_("no-deal utility"), "right"), (_("best acceptable score"), "right"),
                             (_("Nash score"), "right")):
        table.add_column(heading, justify=justify)
    for values in inspection.leaders:
        best = "-" if values.best_acceptable_score is None else number(values.best_acceptable_score, 1)
        nash = "-" if inspection.nash is None else number(inspection.nash.scores[values.id], 1)
        table.add_row(f"{shown_text(values.name)} ({values.id})", values.role, _("yes") if values.votes else _("no"),
                      number(values.no_deal_utility, 3), best, nash)
    console.print(table)
    console.print(str(SCORE_NOTE), soft_wrap=True)
    if inspection.events or inspection.may_fire:
        console.print()
        _print_events(console, scenario, inspection, Table, box)
    if not terminal:
        print("\n".join(line.rstrip() for line in console.file.getvalue().splitlines()), file=out)


def _decision(scenario: Scenario) -> str:
    """The decision rule in words, in the language in use (game/report/account.py's)."""
    from .account import decision_words

    return decision_words(scenario)


def _print_events(console, scenario: Scenario, inspection: Inspection, Table, box) -> None:
    """The zones at the start and after each scripted event that moves positions; the events that may fire."""
    if inspection.events:
        table = Table(title=_("Scripted events that move positions: the zones before and after each"),
                      title_justify="left", box=box.SIMPLE_HEAD)
        table.add_column(_("when"))
        table.add_column(_("what changes"))
        for issue in scenario.issues:
            table.add_column(shown_label(issue))
        table.add_column(_("acceptable"), justify="right")
        table.add_column(_("agreement"), justify="right")

        def row(when: str, changes: str, zones: tuple[IssueZone, ...], acceptable: int, agreement: int) -> None:
            table.add_row(when, changes, *(zone_text(issue, zone.values) for issue, zone in zip(scenario.issues, zones)),
                          number(acceptable), number(agreement))

        row(_("start"), "-", inspection.issues, inspection.acceptable, inspection.agreement)
        for stage in inspection.events:
            row(_("round {round}: {event}").format(round=stage.round, event=stage.id), _("; ").join(map(localize, stage.changes)),
                stage.issues, stage.acceptable, stage.agreement)
        console.print(table)
        console.print(_("Acceptable: packages the red lines allow (as above); agreement: of them, those at least as "
                        "good as no deal. Each event counts with those before it."), soft_wrap=True)
    for stage in inspection.may_fire:
        said = (_("May fire (chance {chance} a round): {event}: {changes}.") if stage.probability else
                _("May fire (when its condition holds): {event}: {changes}."))
        console.print(said.format(chance=percent(100 * (stage.probability or 0), 0), event=stage.id,
                                  changes=_("; ").join(map(localize, stage.changes))), soft_wrap=True)


def _packages_table(scenario: Scenario, inspection: Inspection, Table, box):
    """The frontier's representatives, the Nash solution and no deal, side by side."""
    roles = {leader.id: leader.role for leader in scenario.leaders}
    voters = inspection.voters
    us = [l for l in voters if roles[l] == Role.US_PRESIDENT]
    members = [l for l in voters if roles[l] == Role.MEMBER]
    others = list(inspection.non_voters)
    table = Table(title=_("Representative packages (scores 0-100)"), title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column(_("package"))
    for issue in scenario.issues:
        table.add_column(shown_label(issue))
    columns = []
    if us:
        columns.append((_("US President"), us))
    if members:
        columns.append((_("members (mean)"), members))
    columns.append((_("lowest voter"), None))
    if others:
        columns.append((_("Secretary General") if len(others) == 1 else _("non-voters (mean)"), others))
    for heading, _members in columns:
        table.add_column(heading, justify="right")
    rows = list(inspection.pareto.representatives)
    if inspection.nash is not None:
        rows.append(inspection.nash)
    rows.append(inspection.no_deal)
    for package in rows:
        label = PACKAGE_LABELS.get(package.label)
        cells = [str(label) if label is not None else package.label]
        cells += [shown_value(issue, package.values[issue.id]) for issue in scenario.issues]
        for _heading, who in columns:
            scores = [package.scores[l] for l in (who if who is not None else voters)]
            cells.append(number(sum(scores) / len(scores) if who is not None else min(scores), 1))
        table.add_row(*cells)
    return table

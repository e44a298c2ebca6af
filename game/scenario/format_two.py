"""The checks of scenario format 2's own fields (docs/scenario-format.md, "Format 2"): per-option values, a red
line linked to another issue, seats and ratings that events change, consequences after the summit, and a
format-1 file that uses any of them. game.scenario.checks runs them with the rest.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from ..i18n import msg
from .hints import did_you_mean, value_problem
from .model import Issue, Scenario

Finding = tuple[tuple[str | int, ...], str]
FIGURES = ("gdp_usd_bn", "defence_pct_gdp")   # an ally's figures an event may change
SEATS = ("joins", "leaves")                    # a leader takes or leaves its seat


def values(issue: Issue, position, at: tuple) -> Iterator[Finding]:
    """Per-option values: on an options issue, every option once, the ideal among the best."""
    if issue.is_range:
        yield at + ("values",), msg("'values' rates the options of an options issue; {issue!r} is a range",
                                        issue=issue.id)
        return
    for option in position.values:
        if option not in issue.options:
            yield at + ("values", option), msg("unknown option {option!r} of issue {issue!r}",
                                                   option=option, issue=issue.id) + did_you_mean(option, issue.options)
    missing = [option for option in issue.options if option not in position.values]
    if missing:
        yield at + ("values",), msg("'values' gives every option its worth; missing: {names}",
                                        names=', '.join(missing))
    elif position.ideal in position.values and position.values[position.ideal] < max(position.values.values()):
        best = max(position.values, key=position.values.get)
        yield at + ("ideal",), msg("the ideal {ideal!r} is worth {worth:g} but {best!r} is worth {best_worth:g}; leave "
                                   "'ideal' out or make it the best", ideal=position.ideal,
                                   worth=position.values[position.ideal], best=best, best_worth=position.values[best])


def linkage(linkage, issues: dict, all_issue_ids: Collection[str], at: tuple) -> Iterator[Finding]:
    """A condition on another issue of the draft: a known issue, and values it can take."""
    if linkage.issue not in all_issue_ids:
        yield at + ("issue",), (msg("unknown issue {issue!r}", issue=linkage.issue)
                                + did_you_mean(linkage.issue, all_issue_ids))
        return
    issue = issues.get(linkage.issue)
    if issue is None:
        return
    if linkage.is_ is None and linkage.at_least is None and linkage.at_most is None:
        yield at, msg("a condition on the draft needs 'is' (a list of values), 'at_least' or 'at_most'")
    for index, value in enumerate(linkage.is_ or ()):
        problem = value_problem(issue, value)
        if problem:
            yield at + ("is", index), problem
    if not issue.is_range and (linkage.at_least is not None or linkage.at_most is not None):
        yield at, msg("issue {issue!r} has options; use 'is' with a list of them", issue=issue.id)


def seat_effect(scenario: Scenario, effect, at: tuple, leaders: dict) -> Iterator[Finding]:
    """`joins` and `leaves` (schema 2) name a leader and nothing else; the pen holder never leaves."""
    if effect.leader is None or effect.ally is not None:
        yield at, msg("'{field}' seats or unseats a leader: name 'leader', not 'ally'", field=effect.field)
    elif effect.leader not in leaders:
        yield at + ("leader",), (msg("unknown leader {leader!r}", leader=effect.leader)
                                 + did_you_mean(effect.leader, leaders))
    elif effect.field == "leaves" and effect.leader == scenario.pen_holder_id:
        yield at + ("field",), msg("the pen holder tables every draft and cannot leave the table")
    if effect.issue is not None or effect.add is not None or "set" in effect.model_fields_set:
        yield at, msg("'{field}' takes only 'leader' (no issue, add or set)", field=effect.field)


def values_effect(scenario: Scenario, effect, at: tuple, leaders: dict, issues: dict) -> Iterator[Finding]:
    """`field: values` (schema 2) gives every option of an options issue a new worth, in `values`."""
    if effect.field != "values":
        yield at + ("values",), msg("'values' goes with field values")
        return
    if effect.leader not in leaders or effect.issue is None:
        yield at, msg("an effect on 'values' names a known 'leader' and the 'issue' it rates")
        return
    if effect.add is not None or "set" in effect.model_fields_set or effect.values is None:
        yield at, msg("an effect on 'values' gives 'values' (every option's worth, 0..1), not 'add' or 'set'")
        return
    issue = issues.get(effect.issue)
    if issue is None:
        return
    if issue.is_range:
        yield at + ("issue",), msg("'values' rates the options of an options issue; {issue!r} is a range",
                                       issue=issue.id)
        return
    missing = [option for option in issue.options if option not in effect.values]
    unknown = [option for option in effect.values if option not in issue.options]
    if unknown:
        yield at + ("values", unknown[0]), msg("unknown option {unknown!r} of issue {issue!r}",
                                                   unknown=unknown[0], issue=issue.id) + did_you_mean(unknown[0], issue.options)
    elif missing:
        yield at + ("values",), msg("'values' gives every option its worth; missing: {names}",
                                        names=', '.join(missing))


def consequences(scenario: Scenario) -> Iterator[Finding]:
    """What follows an option after the summit comes after it (or in its year)."""
    for index, issue in enumerate(scenario.issues):
        for j, consequence in enumerate(issue.after):
            if consequence.year < scenario.year:
                yield (("issues", index, "after", j, "year"),
                       msg("a consequence after the summit comes in {year} or later, found {found}", year=scenario.year,
                           found=consequence.year))
            if not issue.is_range:
                yield (("issues", index, "after"), msg("an options issue's consequences go on its options "
                                                           "(options: [{{id, label, after: [...]}}])"))
                break
            if consequence.at_least is None and consequence.at_most is None:
                yield (("issues", index, "after", j), msg("say for which values it follows: 'at_least', 'at_most' or both"))
        for k, option in enumerate(issue.options or ()):
            for j, consequence in enumerate(issue.after_option(option)):
                if consequence.at_least is not None or consequence.at_most is not None:
                    yield (("issues", index, "options", k, "after", j),
                           msg("'at_least' and 'at_most' go on a range issue's own 'after'; an option's follow it "
                               "always"))
                if consequence.year < scenario.year:
                    yield (("issues", index, "options", k, "after", j, "year"),
                           msg("a consequence after the summit comes in {year} or later, found {found}", year=scenario.year,
                               found=consequence.year))


def needs_format_two(scenario: Scenario) -> Iterator[Finding]:
    """Fields of format 2 in a file that says `schema: 1`: the file must say which format it is written in."""
    if scenario.schema_ != 1:
        return
    used: list[tuple[tuple, str]] = []
    if scenario.chart_lines is not None:
        used.append((("chart_lines",), "'chart_lines'"))
    for index, issue in enumerate(scenario.issues):
        if issue.options_written_out:
            used.append((("issues", index, "options"), msg("an option written out with a label")))
        if issue.after:
            used.append((("issues", index, "after"), "'after'"))
    for index, leader in enumerate(scenario.leaders):
        if not leader.votes:
            used.append((("leaders", index, "votes"), "'votes'"))
        if not leader.seated:
            used.append((("leaders", index, "seated"), "'seated'"))
        if leader.background is not None:
            used.append((("leaders", index, "background"), "'background'"))
        for issue_id, position in leader.positions.items():
            for name in ("values", "unless"):
                if getattr(position, name) is not None:
                    used.append((("leaders", index, "positions", issue_id, name), f"'{name}'"))
    for index, event in enumerate(scenario.events):
        if event.when is not None:
            used.append((("events", index, "when"), "'when'"))
        for k, effect in enumerate(event.effects):
            if effect.lifts:
                used.append((("events", index, "effects", k, "set"), msg("'set: null' (lifting a red line)")))
            if effect.ally is not None and effect.field in FIGURES:
                used.append((("events", index, "effects", k, "field"), msg("an event on an ally's {field}",
                                                                               field=effect.field)))
            if effect.field in SEATS:
                used.append((("events", index, "effects", k, "field"), msg("'{field}' (a seat that changes)",
                                                                               field=effect.field)))
            if effect.field == "values":
                used.append((("events", index, "effects", k, "field"), msg("an event on a leader's 'values'")))
    for path, name in used:
        yield path, msg("{name} needs scenario format 2: set 'schema: 2' (summit migrate FILE does it)",
                            name=name)

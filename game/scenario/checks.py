"""Cross-reference and consistency checks that a type system cannot express.

Each check yields (path, message) pairs; the loader turns paths into lines and columns.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator
from typing import Any

from ..i18n import Figure, msg, nmsg
from . import format_two
from .deadlock import conflicting_red_lines
from .format_two import FIGURES, SEATS
from .lesson import opens_with_an_outcome_verb
from .hints import did_you_mean, folded_id, value_problem  # noqa: F401  (other modules import them from here)
from .model import PERSONAS, Effect, Issue, Role, Scenario
from .plausible import implausible_figures, implausible_years

Finding = tuple[tuple[str | int, ...], str]

ALLY_FIELDS = ("threat", "fiscal_space", "domestic_support", "gdp_usd_bn", "defence_pct_gdp")
POSITION_FIELDS = ("ideal", "weight", "red_line")
DEADLINE_HORIZON = 30  # the engine's PLEDGE_HORIZON: members pledge for the deadline year, at most 30 ahead
MAX_STEPS = 10_000     # values a range issue may take: agents and the screen's slider walk through them
MIN_STEP = 1e-6        # values are kept to 6 decimals (Issue.snap)
PACKAGE_BUDGET = 40_000   # packages the Secretary General scores per revision, at most (docs/scenario-format.md)


def _unique(items: Collection[Any], section: str) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in seen:
            other = f"{section}[{seen[item.id]}]"
            yield (section, index, "id"), msg("duplicate id {item!r} (also {other})", item=item.id, other=other)
        else:
            seen[item.id] = index


def _issues(scenario: Scenario) -> Iterator[Finding]:
    yield from _unique(scenario.issues, "issues")
    by_effect: dict[Effect, str] = {}
    needs_range = {Effect.CORE_SPENDING, Effect.RELATED_SPENDING, Effect.DEADLINE}
    for index, issue in enumerate(scenario.issues):
        here = ("issues", index)
        if issue.kind == "range":
            if issue.range is None:
                yield here + ("kind",), msg("a range issue needs 'range: [min, max]'")
            elif issue.range[0] >= issue.range[1]:
                yield here + ("range",), msg("expected min < max, found [{low:g}, {high:g}]",
                                                 low=issue.range[0], high=issue.range[1])
            if issue.step is None:
                yield here + ("kind",), msg("a range issue needs 'step'")
            elif _issue_is_sound(issue):
                yield from _step(issue, here + ("step",))
            if issue.options is not None:
                yield here + ("options",), msg("'options' belongs to kind 'options'; this issue is kind 'range'")
            if issue.effect == Effect.US_GUARANTEE:
                yield here + ("effect",), msg("effect 'us_guarantee' needs kind 'options' (strongest first)")
        else:
            if issue.options is None or len(issue.options) < 2:
                yield here + ("options",) if issue.options is not None else here + ("kind",), msg("an options issue needs at least two options")
            elif len(set(issue.options)) != len(issue.options):
                yield here + ("options",), msg("options must be different from each other")
            for key in ("range", "step"):
                if getattr(issue, key) is not None:
                    yield here + (key,), msg("{key!r} belongs to kind 'range'; this issue is kind 'options'",
                                                 key=key)
            if issue.effect in needs_range:
                yield here + ("effect",), msg("effect {effect!r} needs kind 'range'",
                                                  effect=issue.effect.value)
        for option in issue.option_labels:
            if issue.options_written_out:
                yield here + ("option_labels",), msg("options written out carry their own 'label': give it there")
                break
            if option not in (issue.options or ()):
                yield (here + ("option_labels", option), msg("unknown option {option!r}", option=option)
                       + did_you_mean(option, [str(o) for o in issue.options or ()]))
        if issue.effect != Effect.NONE:
            if issue.effect in by_effect:
                yield here + ("effect",), msg("effect {effect!r} is already given to issue {issue!r}",
                                                  effect=issue.effect.value, issue=by_effect[issue.effect])
            by_effect[issue.effect] = issue.id
        if issue.effect == Effect.DEADLINE and _issue_is_sound(issue) and issue.is_range:
            first, last = scenario.year + 1, scenario.year + DEADLINE_HORIZON
            if not first <= issue.range[0] <= issue.range[1] <= last:
                yield here + ("range",), msg("a deadline lies in the {horizon} years after the scenario's year "
                                                 "{year}: expected a range within [{first}, {last}], found "
                                                 "[{low:g}, {high:g}]", horizon=DEADLINE_HORIZON, year=scenario.year,
                                                 first=first, last=last, low=issue.range[0], high=issue.range[1])
        if _issue_is_sound(issue):
            problem = value_problem(issue, issue.status_quo)
            if problem is None and issue.is_range and not any(_step(issue, ())):
                problem = _off_the_steps(issue, issue.status_quo)  # the first draft: the engine takes only steps
            if problem:
                yield here + ("status_quo",), problem



def _step(issue: Issue, at: tuple) -> Iterator[Finding]:
    low, high = issue.range
    if issue.step < MIN_STEP:
        yield at, msg("expected a step of at least {least:g} (values are kept to 6 decimals), found {step:g}",
                          least=MIN_STEP, step=issue.step)
    elif issue.step > high - low:
        yield at, msg("the step ({step:g}) is wider than the range {low:g}..{high:g}",
                          step=issue.step, low=low, high=high)
    elif (high - low) / issue.step > MAX_STEPS:
        yield at, msg("{low:g}..{high:g} in steps of {step:g} makes {values} values; at most {most} (take a "
                          "larger step)", low=low, high=high, step=issue.step,
                          values=Figure((high - low) / issue.step), most=Figure(MAX_STEPS))


def _off_the_steps(issue: Issue, value: float) -> str | None:
    if abs(issue.snap(value) - value) <= 1e-6:  # the engine's tolerance
        return None
    low, high = issue.range
    below = round(low + math.floor((value - low) / issue.step) * issue.step, 6)
    return (msg("expected a value on the steps of {step:g} from {low:g}, found {value:g} (the steps around it: "
                    "{below:g} and {above:g})",
                    step=issue.step, low=low, value=value, below=below, above=min(round(below + issue.step, 6), high)))


def _issue_is_sound(issue: Issue) -> bool:
    if issue.is_range:
        return issue.range is not None and issue.step is not None and issue.range[0] < issue.range[1]
    return issue.options is not None and len(issue.options) >= 2


def _allies(scenario: Scenario) -> Iterator[Finding]:
    yield from _unique(scenario.allies, "allies")
    source_ids = {source.id for source in scenario.sources}
    for index, ally in enumerate(scenario.allies):
        if ally.threat is None:
            yield ("allies", index), (msg("no threat for {ally!r}, and Summit has no facts about {iso3!r} to "
                                              "compute one from (game/scenario/data/threat_facts.csv): write threat: 0..1",
                                              ally=ally.id, iso3=ally.iso3))
        for k, source in enumerate(ally.sources):
            if source not in source_ids:
                yield ("allies", index, "sources", k), (msg("unknown source {source!r}", source=source)
                                                        + did_you_mean(source, source_ids))


def _leaders(scenario: Scenario, agent_names: Collection[str] | None) -> Iterator[Finding]:
    yield from _unique(scenario.leaders, "leaders")
    for index, leader in enumerate(scenario.leaders):
        if leader.id == "teacher":
            yield ("leaders", index, "id"), msg("'teacher' is reserved for the teacher's moves in the log; choose another "
                                                "id")
        # The US President or the Secretary General named by the role's own name is one leader either way (each
        # role has one); a member called `member`, or anyone called by another role's name, is not.
        if leader.id in {role.value for role in Role} and (leader.id != leader.role.value or leader.role == Role.MEMBER):
            yield ("leaders", index, "id"), (msg("{leader!r} is the name of a role: `--agents {leader}=AGENT` would "
                                                     "name this leader and the whole role at once; choose another id",
                                                     leader=leader.id))
    ally_ids = {ally.id for ally in scenario.allies}
    leader_ids = {leader.id for leader in scenario.leaders}
    issues = {issue.id: issue for issue in scenario.issues if _issue_is_sound(issue)}
    all_issue_ids = {issue.id for issue in scenario.issues}
    source_ids = {source.id for source in scenario.sources}
    first_in_role: dict[Role, str] = {}
    speaker_for: dict[str, str] = {}
    for index, leader in enumerate(scenario.leaders):
        here = ("leaders", index)
        known = PERSONAS[leader.role.value]
        if leader.persona is not None and leader.persona not in known:
            yield here + ("persona",), (msg("unknown persona {persona!r} for a {role} (personas: {personas})",
                                            persona=leader.persona, role=leader.role.value, personas=", ".join(known))
                                        + did_you_mean(leader.persona, known))
        if leader.role in (Role.SECRETARY_GENERAL, Role.US_PRESIDENT):
            if leader.role in first_in_role:
                yield here + ("role",), msg("only one {role} is allowed (already {leader!r})",
                                            role=leader.role.value, leader=first_in_role[leader.role])
            first_in_role.setdefault(leader.role, leader.id)
        if leader.role == Role.SECRETARY_GENERAL:
            if leader.ally is not None:
                yield here + ("ally",), msg("the secretary_general speaks for no ally; remove 'ally'")
        elif not leader.votes and leader.role != Role.MEMBER:
            yield here + ("votes",), msg("only a member may sit without a vote; a {role} always votes",
                                         role=leader.role.value)
        elif leader.ally is None and leader.votes:
            yield here + ("role",), msg("a {role} needs 'ally' (the ally this leader speaks for); a participant "
                                        "without a country of its own sits with 'votes: false'", role=leader.role.value)
        elif leader.ally is None:
            pass
        elif leader.ally not in ally_ids:
            yield here + ("ally",), msg("unknown ally {ally!r}", ally=leader.ally) + did_you_mean(leader.ally, ally_ids)
        elif leader.ally in speaker_for:
            yield here + ("ally",), msg("ally {ally!r} already has a leader ({leader!r}); one leader per ally",
                                        ally=leader.ally, leader=speaker_for[leader.ally])
        else:
            speaker_for[leader.ally] = leader.id
        if agent_names is not None and leader.agent not in agent_names:
            yield here + ("agent",), (msg("unknown agent {agent!r}", agent=leader.agent)
                                      + did_you_mean(leader.agent, agent_names))
        for issue_id, position in leader.positions.items():
            at = here + ("positions", issue_id)
            if issue_id not in all_issue_ids:
                yield at, msg("unknown issue {issue_id!r}", issue_id=issue_id) + did_you_mean(issue_id, all_issue_ids)
                continue
            if issue_id not in issues:
                continue
            issue = issues[issue_id]
            problem = value_problem(issue, position.ideal)
            if problem:
                yield at + ("ideal",), problem
            if position.red_line is not None:
                yield from _red_line(issue, position.ideal, position.red_line, at + ("red_line",))
            if position.values is not None:
                yield from format_two.values(issue, position, at)
            if position.unless is not None:
                if position.red_line is None:
                    yield at + ("unless",), msg("'unless' lifts a red line: this position has none")
                elif position.unless.issue == issue_id:
                    yield at + ("unless", "issue"), msg("'unless' names another issue of the draft, not this one")
                else:
                    yield from format_two.linkage(position.unless, issues, all_issue_ids, at + ("unless",))
            if position.source is not None and position.source not in source_ids:
                yield at + ("source",), (msg("unknown source {source!r}", source=position.source)
                                         + did_you_mean(position.source, source_ids))
            if position.why is not None and position.why.source not in source_ids:
                yield at + ("why", "source"), (msg("unknown source {source!r} (a 'why' rests on one of the "
                                                       "scenario's sources, by id)",
                                                       source=position.why.source) + did_you_mean(position.why.source, source_ids))
        if leader.objective_met_when is not None:
            yield from _objective_check(scenario, leader, issues, all_issue_ids, here + ("objective_met_when",))
        for other in leader.traits.trust:
            if other not in leader_ids:
                yield here + ("traits", "trust", other), (msg("unknown leader {other!r}", other=other)
                                                          + did_you_mean(other, leader_ids))
            elif other == leader.id:
                yield here + ("traits", "trust", other), msg("a leader's trust in itself is not a trait; remove it")
    if not any(leader.is_voter for leader in scenario.leaders):
        yield ("leaders",), msg("at least one leader must be a voting member or the us_president (someone must agree)")


def _red_line(issue: Issue, ideal: Any, red_line: Any, at: tuple) -> Iterator[Finding]:
    if issue.is_range:
        problem = value_problem(issue, red_line)
        if problem:
            yield at, problem
        elif not isinstance(ideal, str) and red_line == ideal:
            yield at, msg("a red line equal to the ideal ({ideal:g}) leaves nothing acceptable on one side; move it",
                              ideal=ideal)
        return
    lines = red_line if isinstance(red_line, tuple) else (red_line,)
    for option in lines:
        problem = value_problem(issue, option)
        if problem:
            yield at, problem
        elif option == ideal:
            yield at, msg("{option!r} is this leader's ideal and its red line at once", option=option)


def _pen_and_order(scenario: Scenario) -> Iterator[Finding]:
    leader_ids = [leader.id for leader in scenario.leaders]
    if scenario.pen_holder is not None and scenario.pen_holder not in leader_ids:
        yield ("pen_holder",), (msg("unknown leader {pen_holder!r}", pen_holder=scenario.pen_holder)
                                + did_you_mean(scenario.pen_holder, leader_ids))
    pen = next((l for l in scenario.leaders if l.id == scenario.pen_holder_id), None)
    if pen is not None and not pen.seated:
        yield (("leaders", scenario.leaders.index(pen), "seated"),
               msg("the pen holder tables every draft: it is seated from the start"))
    no_secretary = not any(l.role == Role.SECRETARY_GENERAL for l in scenario.leaders)
    if scenario.pen_holder is None and no_secretary and not scenario.is_bilateral:  # bilateral offers need no pen
        yield ("leaders",), msg("no one holds the pen: add a secretary_general leader or set 'pen_holder'")
    if scenario.order is None:
        return
    seen: set[str] = set()
    for index, leader_id in enumerate(scenario.order):
        if leader_id not in leader_ids:
            yield ("order", index), (msg("unknown leader {leader_id!r}", leader_id=leader_id)
                                     + did_you_mean(leader_id, leader_ids))
        elif leader_id in seen:
            yield ("order", index), msg("leader {leader_id!r} appears twice in the order",
                                            leader_id=leader_id)
        seen.add(leader_id)
    missing = [leader_id for leader_id in leader_ids if leader_id not in seen]
    if missing:
        yield ("order",), msg("every leader must appear in the order; missing: {names}",
                                  names=', '.join(missing))


def _events(scenario: Scenario) -> Iterator[Finding]:
    yield from _unique(scenario.events, "events")
    ally_ids = {ally.id for ally in scenario.allies}
    leaders = {leader.id: leader for leader in scenario.leaders}
    issues = {issue.id: issue for issue in scenario.issues if _issue_is_sound(issue)}
    for index, event in enumerate(scenario.events):
        here = ("events", index)
        triggers = [event.round, event.probability, event.when]
        if sum(trigger is not None for trigger in triggers) != 1:
            yield here, (msg("an event needs exactly one of 'round' (scripted), 'probability' (random) or 'when' (a "
                                 "condition on the round, the draft or the moves)"))
        if event.when is not None:
            for k, linkage in enumerate(event.when.draft):
                yield from format_two.linkage(linkage, issues, {issue.id for issue in scenario.issues}, here + ("when", "draft", k))
            for k, move in enumerate(event.when.moves):
                if move.leader not in leaders:
                    yield here + ("when", "moves", k, "leader"), msg("unknown leader {leader!r}",
                                                                         leader=move.leader) + did_you_mean(move.leader, leaders)
                if move.issue is not None and move.issue not in {issue.id for issue in scenario.issues}:
                    yield here + ("when", "moves", k, "issue"), msg("unknown issue {issue!r}",
                                                                        issue=move.issue) + did_you_mean(
                        move.issue, [issue.id for issue in scenario.issues])
        for k, effect in enumerate(event.effects):
            at = here + ("effects", k)
            if effect.field in SEATS:
                yield from format_two.seat_effect(scenario, effect, at, leaders)
                continue
            if effect.field == "values" or effect.values is not None:
                yield from format_two.values_effect(scenario, effect, at, leaders, issues)
                continue
            if effect.lifts and effect.field != "red_line":
                yield at + ("set",), (msg("'set: null' lifts a red line: it goes with field red_line only (to change a "
                                              "{field}, give a value to 'set' or use 'add')",
                                              field=effect.field))
                continue
            if effect.lifts and effect.add is not None:
                yield at, msg("an effect needs exactly one of 'add' or 'set'")
            elif not effect.lifts and (effect.add is None) == (effect.set is None):
                yield at, msg("an effect needs exactly one of 'add' or 'set'")
            if (effect.ally is None) == (effect.leader is None):
                yield at, msg("an effect names exactly one of 'ally' (an ally id or all) or 'leader'")
                continue
            if effect.ally is not None:
                if effect.ally != "all" and effect.ally not in ally_ids:
                    yield at + ("ally",), (msg("unknown ally {ally!r}", ally=effect.ally)
                                           + did_you_mean(effect.ally, ally_ids | {"all"}))
                if effect.field not in ALLY_FIELDS:
                    yield at + ("field",), msg("an ally's field is one of {names}; found {field!r}",
                                                   names=', '.join(ALLY_FIELDS), field=effect.field)
                elif effect.field == "gdp_usd_bn" and effect.set is not None and (isinstance(effect.set, str) or effect.set <= 0):
                    yield at + ("set",), msg("expected a GDP above 0 (US$ bn), found {set!r}",
                                                 set=effect.set)
                elif effect.field == "defence_pct_gdp" and effect.set is not None and (
                        isinstance(effect.set, str) or not 0 <= effect.set <= 100):
                    yield at + ("set",), msg("expected a share of GDP in 0..100 (%), found {set!r}",
                                                 set=effect.set)
                elif effect.field not in FIGURES and effect.set is not None and (
                        isinstance(effect.set, str) or not 0 <= effect.set <= 1):
                    yield at + ("set",), msg("expected a value in 0..1, found {set!r}", set=effect.set)
                if effect.issue is not None:
                    yield at + ("issue",), msg("'issue' goes with 'leader', not with 'ally'")
                continue
            if effect.leader not in leaders:
                yield at + ("leader",), (msg("unknown leader {leader!r}", leader=effect.leader)
                                         + did_you_mean(effect.leader, leaders))
                continue
            if effect.field not in POSITION_FIELDS:
                yield at + ("field",), msg("a leader's field is one of {names}; found {field!r}",
                                               names=', '.join(POSITION_FIELDS), field=effect.field)
                continue
            if effect.issue is None:
                yield at, msg("an effect on a leader names the 'issue' whose position changes")
                continue
            if effect.issue not in leaders[effect.leader].positions:
                yield at + ("issue",), msg("leader {leader!r} has no position on issue {issue!r}",
                                               leader=effect.leader, issue=effect.issue)
                continue
            issue = issues.get(effect.issue)
            if issue is None:
                continue
            if effect.add is not None and not issue.is_range and effect.field != "weight":
                yield at + ("add",), msg("issue {issue!r} has options; use 'set' with an option",
                                             issue=issue.id)
            if effect.set is not None and effect.field in ("ideal", "red_line"):
                problem = value_problem(issue, effect.set)
                if problem:
                    yield at + ("set",), problem


def _no_deal(scenario: Scenario) -> Iterator[Finding]:
    issue_ids = [issue.id for issue in scenario.issues]
    for issue_id, value in scenario.no_deal.items():
        if issue_id not in issue_ids:
            yield ("no_deal", issue_id), (msg("unknown issue {issue_id!r}", issue_id=issue_id)
                                          + did_you_mean(issue_id, issue_ids))
        elif _issue_is_sound(issue := scenario.issue(issue_id)):
            problem = value_problem(issue, value)
            if problem:
                yield ("no_deal", issue_id), problem
    missing = [issue_id for issue_id in issue_ids if issue_id not in scenario.no_deal]
    if missing:
        yield ("no_deal",), msg("every issue needs a no-deal value; missing: {names}",
                                    names=', '.join(missing))


BILATERAL_AGENTS = ("random", "rational")  # sorted, as the registry lists them


def _protocol(scenario: Scenario, agent_names: Collection[str] | None) -> Iterator[Finding]:
    known_agents = set(agent_names) if agent_names is not None else None
    if not scenario.is_bilateral:
        if known_agents is not None and "rational" in known_agents:
            for index, leader in enumerate(scenario.leaders):
                if leader.agent == "rational":
                    yield (("leaders", index, "agent"), msg("agent 'rational' plays only the bilateral protocol "
                                   "(protocol: {{kind: bilateral, ...}}); a summit needs another agent"))
        return
    protocol = scenario.protocol
    leader_ids = [leader.id for leader in scenario.leaders]
    if len(leader_ids) != 2:
        yield ("leaders",), msg("the bilateral protocol needs exactly two leaders, found {count}",
                                    count=len(leader_ids))
    if protocol.first not in leader_ids:
        yield ("protocol", "first"), (msg("unknown leader {first!r}", first=protocol.first)
                                      + did_you_mean(protocol.first, leader_ids))
    elif protocol.first not in protocol.discount:
        yield ("protocol", "discount"), msg("the first mover {first!r} needs a discount factor too",
                                                first=protocol.first)
    for leader_id in protocol.discount:
        if leader_id not in leader_ids:
            yield (("protocol", "discount", leader_id), msg("unknown leader {leader_id!r}",
                                                                leader_id=leader_id)
                   + did_you_mean(leader_id, [l for l in leader_ids if l not in protocol.discount]))
    if len(protocol.discount) != 2:
        yield (("protocol", "discount"), msg("expected a discount factor for each of the two leaders, "
                       "found {count}", count=len(protocol.discount)))
    if len(scenario.issues) != 1:
        yield (("issues",), msg("the bilateral protocol needs exactly one issue (the share of the pie that goes to "
                       "the first mover's side), found {count}", count=len(scenario.issues)))
    else:
        issue = scenario.issues[0]
        if issue.kind != "range":
            yield ("issues", 0, "kind"), msg("the share of the pie is a range issue with 'range: [0, 1]'")
        elif issue.range is not None and tuple(issue.range) != (0.0, 1.0):
            yield (("issues", 0, "range"), msg("the share of the pie lies in [0, 1], found [{low:g}, {high:g}]",
                                               low=issue.range[0], high=issue.range[1]))
    if known_agents is not None:
        for index, leader in enumerate(scenario.leaders):
            if leader.agent in known_agents and leader.agent not in BILATERAL_AGENTS:
                yield (("leaders", index, "agent"), msg("agent {agent!r} plays only the summit protocol; in a "
                               "bilateral scenario the agent is one of: {names}",
                                                            agent=leader.agent, names=', '.join(BILATERAL_AGENTS)))


def _decision(scenario: Scenario) -> Iterator[Finding]:
    decision = scenario.decision
    if decision.rule == "qualified_majority" and decision.threshold is None:
        yield ("decision", "threshold"), msg("a qualified majority needs a threshold: the share of voting leaders "
                                             "(above 0.5) who must stay silent")
    elif decision.rule != "qualified_majority" and decision.threshold is not None:
        yield ("decision", "threshold"), msg("only a qualified_majority takes a threshold; {rule} does not",
                                                 rule=decision.rule)


def _classroom(scenario: Scenario) -> Iterator[Finding]:
    leader_ids = [leader.id for leader in scenario.leaders]
    seen: set[int] = set()
    for index, plan in enumerate(scenario.classroom):
        if plan.students in seen:
            yield ("classroom", index, "students"), nmsg("a plan for {count} student is given twice",
                                                         "a plan for {count} students is given twice", plan.students)
        seen.add(plan.students)
        for leader_id in plan.roles:
            if leader_id not in leader_ids:
                yield ("classroom", index, "roles", leader_id), msg("unknown leader {leader_id!r}",
                                                                        leader_id=leader_id) + did_you_mean(leader_id, leader_ids)
        if sum(plan.roles.values()) != plan.students:
            seated = sum(plan.roles.values())
            yield (("classroom", index, "roles"), nmsg("the roles seat {count} student, not {students}",
                                                       "the roles seat {count} students, not {students}", seated,
                                                       students=plan.students))


def errors(scenario: Scenario, agent_names: Collection[str] | None) -> Iterator[Finding]:
    """Every cross-reference and consistency error in a structurally valid scenario."""
    yield from _unique(scenario.sources, "sources")
    yield from _issues(scenario)
    yield from _allies(scenario)
    yield from _leaders(scenario, agent_names)
    yield from _pen_and_order(scenario)
    yield from _events(scenario)
    yield from _no_deal(scenario)
    yield from _protocol(scenario, agent_names)
    yield from _decision(scenario)
    yield from _classroom(scenario)
    yield from format_two.needs_format_two(scenario)
    yield from format_two.consequences(scenario)
    if scenario.us_review.reduce_below > scenario.us_review.keep_at:
        yield ("us_review", "reduce_below"), msg("expected reduce_below <= keep_at")


def warnings(scenario: Scenario) -> Iterator[Finding]:
    """Things that load but probably are not what the designer meant."""
    yield from local_warnings(scenario)
    if not scenario.is_bilateral:
        # Only issues with a grid to walk (the others have errors that say why).
        yield from conflicting_red_lines(scenario, [issue for issue in scenario.issues if _issue_is_sound(issue)
                                                    and not (issue.is_range and any(_step(issue, ())))])
    yield from _chair_budget(scenario)
    spoken_for = {leader.ally for leader in scenario.leaders}
    for index, ally in enumerate(scenario.allies):
        if ally.id not in spoken_for:
            yield ("allies", index, "id"), msg("no leader speaks for ally {ally!r}; it cannot object or pledge",
                                                   ally=ally.id)
    joining = {effect.leader for event in scenario.events for effect in event.effects if effect.field == "joins"}
    for index, leader in enumerate(scenario.leaders):
        if not leader.seated and leader.id not in joining:
            yield ("leaders", index, "seated"), (msg("leader {leader!r} is not at the table when the summit opens and no "
                                                         "event 'joins' it: it never takes its seat",
                                                         leader=leader.id))
    for index, leader in enumerate(scenario.leaders):
        if leader.positions and all(position.weight == 0 for position in leader.positions.values()):
            yield ("leaders", index, "positions"), msg("every weight of leader {leader!r} is 0; nothing matters to it",
                                                           leader=leader.id)


def _chair_budget(scenario: Scenario) -> Iterator[Finding]:
    """The Secretary General scores every package one step either way of the draft on each range issue and
    every option of each options issue; past PACKAGE_BUDGET packages it moves only the most contested issues
    in a round (game/agents/secretary_general.py). Say so where a scenario gets there."""
    if scenario.is_bilateral or not all(_issue_is_sound(issue) for issue in scenario.issues):
        return
    size = 1
    for issue in scenario.issues:
        size *= min(3, round((issue.range[1] - issue.range[0]) / issue.step) + 1) if issue.is_range else len(issue.options)
    if size > PACKAGE_BUDGET:
        yield ("issues",), msg("the Secretary General scores at most {budget} packages a revision, and one step "
                               "either way on each of these {count} issues (every option of an options issue) makes "
                               "{size}: each revision will move only the most contested issues and hold the rest "
                               "(fewer issues or options keep every issue in play)",
                               budget=Figure(PACKAGE_BUDGET), count=len(scenario.issues), size=Figure(size))


def local_warnings(scenario: Scenario) -> Iterator[Finding]:
    """The warnings that judge one value against the scenario's top-level fields only (an event's round, an
    ally's figures, a year): they hold whatever the file's other items say, so they are given even for a file
    some of whose items failed."""
    for index, event in enumerate(scenario.events):
        if event.round is not None and event.round > scenario.rounds:
            yield ("events", index, "round"), nmsg("event {event!r} never fires: round {round} never comes (the "
                                                   "scenario has {count} round)",
                                                   "event {event!r} never fires: round {round} never comes (the "
                                                   "scenario has {count} rounds)", scenario.rounds, event=event.id,
                                                   round=event.round)
        elif event.probability == 0:
            yield ("events", index, "probability"), msg("event {event!r} never fires: its probability is 0",
                                                            event=event.id)
    yield from implausible_figures(scenario)
    yield from implausible_years(scenario, [(i, issue) for i, issue in enumerate(scenario.issues) if _issue_is_sound(issue)],
                                 DEADLINE_HORIZON)
    yield from _lesson(scenario)


def _lesson(scenario: Scenario) -> Iterator[Finding]:
    """Objectives that name a topic rather than what a student can do, and history that cites nothing."""
    for index, objective in enumerate(scenario.objectives):
        if not opens_with_an_outcome_verb(objective):
            yield ("objectives", index), (msg("an objective says what a student can do afterwards: start it with an outcome "
                                                  "verb (Explain, Compare, Negotiate, ...), found {word!r}",
                                                  word=(objective.split() or [""])[0][:30]))
    for index, item in enumerate(scenario.history):
        if item.source is None:
            yield ("history", index), msg("history item {number} ({date}) cites no source: add 'source: {{title, "
                                          "publisher, url, accessed}}' so a class can check what really happened",
                                          number=index + 1, date=item.date)


def _objective_check(scenario: Scenario, leader, issues: dict, all_issue_ids, at: tuple) -> Iterator[Finding]:
    """`objective_met_when` checks a private objective the leader has, with conditions that can be judged."""
    check = leader.objective_met_when
    if leader.objective is None:
        yield at, msg("'objective_met_when' says how to tell a private objective was met: this leader has no "
                      "'objective'")
    if check.deal is None and check.carve_out is None and not check.terms and check.pledges_by_others is None:
        yield at, msg("'objective_met_when' needs at least one of deal, carve_out, terms or pledges_by_others")
    if check.carve_out is not None and leader.ally is None:
        yield at + ("carve_out",), msg("'carve_out' asks whether the leader's ally has a later deadline of its own: "
                                       "this leader speaks for no ally")
    elif check.carve_out is not None and scenario.issue_with(Effect.DEADLINE) is None:
        yield at + ("carve_out",), msg("'carve_out' asks whether the leader's ally has a later deadline of its own: "
                                       "the scenario has no deadline issue")
    for index, linkage in enumerate(check.terms):
        yield from format_two.linkage(linkage, issues, all_issue_ids, at + ("terms", index))

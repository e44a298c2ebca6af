"""Cross-reference and consistency checks that a type system cannot express.

Each check yields (path, message) pairs; the loader turns paths into lines and columns.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator
from typing import Any

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
            yield (section, index, "id"), f"duplicate id {item.id!r} (also {section}[{seen[item.id]}])"
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
                yield here + ("kind",), "a range issue needs 'range: [min, max]'"
            elif issue.range[0] >= issue.range[1]:
                yield here + ("range",), f"expected min < max, found [{issue.range[0]:g}, {issue.range[1]:g}]"
            if issue.step is None:
                yield here + ("kind",), "a range issue needs 'step'"
            elif _issue_is_sound(issue):
                yield from _step(issue, here + ("step",))
            if issue.options is not None:
                yield here + ("options",), "'options' belongs to kind 'options'; this issue is kind 'range'"
            if issue.effect == Effect.US_GUARANTEE:
                yield here + ("effect",), "effect 'us_guarantee' needs kind 'options' (strongest first)"
        else:
            if issue.options is None or len(issue.options) < 2:
                yield here + ("options",) if issue.options is not None else here + ("kind",), "an options issue needs at least two options"
            elif len(set(issue.options)) != len(issue.options):
                yield here + ("options",), "options must be different from each other"
            for key in ("range", "step"):
                if getattr(issue, key) is not None:
                    yield here + (key,), f"{key!r} belongs to kind 'range'; this issue is kind 'options'"
            if issue.effect in needs_range:
                yield here + ("effect",), f"effect {issue.effect.value!r} needs kind 'range'"
        for option in issue.option_labels:
            if issue.options_written_out:
                yield here + ("option_labels",), "options written out carry their own 'label': give it there"
                break
            if option not in (issue.options or ()):
                yield (here + ("option_labels", option), f"unknown option {option!r}"
                       + did_you_mean(option, [str(o) for o in issue.options or ()]))
        if issue.effect != Effect.NONE:
            if issue.effect in by_effect:
                yield here + ("effect",), f"effect {issue.effect.value!r} is already given to issue {by_effect[issue.effect]!r}"
            by_effect[issue.effect] = issue.id
        if issue.effect == Effect.DEADLINE and _issue_is_sound(issue) and issue.is_range:
            first, last = scenario.year + 1, scenario.year + DEADLINE_HORIZON
            if not first <= issue.range[0] <= issue.range[1] <= last:
                yield here + ("range",), (f"a deadline lies in the {DEADLINE_HORIZON} years after the scenario's year "
                                          f"{scenario.year}: expected a range within [{first}, {last}], found "
                                          f"[{issue.range[0]:g}, {issue.range[1]:g}]")
        if _issue_is_sound(issue):
            problem = value_problem(issue, issue.status_quo)
            if problem is None and issue.is_range and not any(_step(issue, ())):
                problem = _off_the_steps(issue, issue.status_quo)  # the first draft: the engine takes only steps
            if problem:
                yield here + ("status_quo",), problem



def _step(issue: Issue, at: tuple) -> Iterator[Finding]:
    low, high = issue.range
    if issue.step < MIN_STEP:
        yield at, f"expected a step of at least {MIN_STEP:g} (values are kept to 6 decimals), found {issue.step:g}"
    elif issue.step > high - low:
        yield at, f"the step ({issue.step:g}) is wider than the range {low:g}..{high:g}"
    elif (high - low) / issue.step > MAX_STEPS:
        yield at, (f"{low:g}..{high:g} in steps of {issue.step:g} makes {(high - low) / issue.step:,.0f} values; at "
                   f"most {MAX_STEPS:,} (take a larger step)")


def _off_the_steps(issue: Issue, value: float) -> str | None:
    if abs(issue.snap(value) - value) <= 1e-6:  # the engine's tolerance
        return None
    low, high = issue.range
    below = round(low + math.floor((value - low) / issue.step) * issue.step, 6)
    return (f"expected a value on the steps of {issue.step:g} from {low:g}, found {value:g} (the steps around it: "
            f"{below:g} and {min(round(below + issue.step, 6), high):g})")


def _issue_is_sound(issue: Issue) -> bool:
    if issue.is_range:
        return issue.range is not None and issue.step is not None and issue.range[0] < issue.range[1]
    return issue.options is not None and len(issue.options) >= 2


def _allies(scenario: Scenario) -> Iterator[Finding]:
    yield from _unique(scenario.allies, "allies")
    source_ids = {source.id for source in scenario.sources}
    for index, ally in enumerate(scenario.allies):
        if ally.threat is None:
            yield ("allies", index), (f"no threat for {ally.id!r}, and Summit has no facts about {ally.iso3!r} to "
                                      f"compute one from (game/scenario/data/threat_facts.csv): write threat: 0..1")
        for k, source in enumerate(ally.sources):
            if source not in source_ids:
                yield ("allies", index, "sources", k), f"unknown source {source!r}" + did_you_mean(source, source_ids)


def _leaders(scenario: Scenario, agent_names: Collection[str] | None) -> Iterator[Finding]:
    yield from _unique(scenario.leaders, "leaders")
    for index, leader in enumerate(scenario.leaders):
        if leader.id == "teacher":
            yield ("leaders", index, "id"), "'teacher' is reserved for the teacher's moves in the log; choose another id"
        # The US President or the Secretary General named by the role's own name is one leader either way (each
        # role has one); a member called `member`, or anyone called by another role's name, is not.
        if leader.id in {role.value for role in Role} and (leader.id != leader.role.value or leader.role == Role.MEMBER):
            yield ("leaders", index, "id"), (f"{leader.id!r} is the name of a role: `--agents {leader.id}=AGENT` would "
                                             "name this leader and the whole role at once; choose another id")
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
            yield here + ("persona",), (f"unknown persona {leader.persona!r} for a {leader.role.value} "
                                        f"(personas: {', '.join(known)})" + did_you_mean(leader.persona, known))
        if leader.role in (Role.SECRETARY_GENERAL, Role.US_PRESIDENT):
            if leader.role in first_in_role:
                yield here + ("role",), f"only one {leader.role.value} is allowed (already {first_in_role[leader.role]!r})"
            first_in_role.setdefault(leader.role, leader.id)
        if leader.role == Role.SECRETARY_GENERAL:
            if leader.ally is not None:
                yield here + ("ally",), "the secretary_general speaks for no ally; remove 'ally'"
        elif not leader.votes and leader.role != Role.MEMBER:
            yield here + ("votes",), f"only a member may sit without a vote; a {leader.role.value} always votes"
        elif leader.ally is None and leader.votes:
            yield here + ("role",), (f"a {leader.role.value} needs 'ally' (the ally this leader speaks for); a "
                                     "participant without a country of its own sits with 'votes: false'")
        elif leader.ally is None:
            pass
        elif leader.ally not in ally_ids:
            yield here + ("ally",), f"unknown ally {leader.ally!r}" + did_you_mean(leader.ally, ally_ids)
        elif leader.ally in speaker_for:
            yield here + ("ally",), f"ally {leader.ally!r} already has a leader ({speaker_for[leader.ally]!r}); one leader per ally"
        else:
            speaker_for[leader.ally] = leader.id
        if agent_names is not None and leader.agent not in agent_names:
            yield here + ("agent",), f"unknown agent {leader.agent!r}" + did_you_mean(leader.agent, agent_names)
        for issue_id, position in leader.positions.items():
            at = here + ("positions", issue_id)
            if issue_id not in all_issue_ids:
                yield at, f"unknown issue {issue_id!r}" + did_you_mean(issue_id, all_issue_ids)
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
                    yield at + ("unless",), "'unless' lifts a red line: this position has none"
                elif position.unless.issue == issue_id:
                    yield at + ("unless", "issue"), "'unless' names another issue of the draft, not this one"
                else:
                    yield from format_two.linkage(position.unless, issues, all_issue_ids, at + ("unless",))
            if position.source is not None and position.source not in source_ids:
                yield at + ("source",), f"unknown source {position.source!r}" + did_you_mean(position.source, source_ids)
            if position.why is not None and position.why.source not in source_ids:
                yield at + ("why", "source"), (f"unknown source {position.why.source!r} (a 'why' rests on one of the "
                                               "scenario's sources, by id)" + did_you_mean(position.why.source, source_ids))
        for other in leader.traits.trust:
            if other not in leader_ids:
                yield here + ("traits", "trust", other), f"unknown leader {other!r}" + did_you_mean(other, leader_ids)
            elif other == leader.id:
                yield here + ("traits", "trust", other), "a leader's trust in itself is not a trait; remove it"
    if not any(leader.is_voter for leader in scenario.leaders):
        yield ("leaders",), "at least one leader must be a voting member or the us_president (someone must agree)"


def _red_line(issue: Issue, ideal: Any, red_line: Any, at: tuple) -> Iterator[Finding]:
    if issue.is_range:
        problem = value_problem(issue, red_line)
        if problem:
            yield at, problem
        elif not isinstance(ideal, str) and red_line == ideal:
            yield at, f"a red line equal to the ideal ({ideal:g}) leaves nothing acceptable on one side; move it"
        return
    lines = red_line if isinstance(red_line, tuple) else (red_line,)
    for option in lines:
        problem = value_problem(issue, option)
        if problem:
            yield at, problem
        elif option == ideal:
            yield at, f"{option!r} is this leader's ideal and its red line at once"


def _pen_and_order(scenario: Scenario) -> Iterator[Finding]:
    leader_ids = [leader.id for leader in scenario.leaders]
    if scenario.pen_holder is not None and scenario.pen_holder not in leader_ids:
        yield ("pen_holder",), f"unknown leader {scenario.pen_holder!r}" + did_you_mean(scenario.pen_holder, leader_ids)
    pen = next((l for l in scenario.leaders if l.id == scenario.pen_holder_id), None)
    if pen is not None and not pen.seated:
        yield ("leaders", scenario.leaders.index(pen), "seated"), "the pen holder tables every draft: it is seated from the start"
    no_secretary = not any(l.role == Role.SECRETARY_GENERAL for l in scenario.leaders)
    if scenario.pen_holder is None and no_secretary and not scenario.is_bilateral:  # bilateral offers need no pen
        yield ("leaders",), "no one holds the pen: add a secretary_general leader or set 'pen_holder'"
    if scenario.order is None:
        return
    seen: set[str] = set()
    for index, leader_id in enumerate(scenario.order):
        if leader_id not in leader_ids:
            yield ("order", index), f"unknown leader {leader_id!r}" + did_you_mean(leader_id, leader_ids)
        elif leader_id in seen:
            yield ("order", index), f"leader {leader_id!r} appears twice in the order"
        seen.add(leader_id)
    missing = [leader_id for leader_id in leader_ids if leader_id not in seen]
    if missing:
        yield ("order",), f"every leader must appear in the order; missing: {', '.join(missing)}"


def _events(scenario: Scenario) -> Iterator[Finding]:
    yield from _unique(scenario.events, "events")
    ally_ids = {ally.id for ally in scenario.allies}
    leaders = {leader.id: leader for leader in scenario.leaders}
    issues = {issue.id: issue for issue in scenario.issues if _issue_is_sound(issue)}
    for index, event in enumerate(scenario.events):
        here = ("events", index)
        triggers = [event.round, event.probability, event.when]
        if sum(trigger is not None for trigger in triggers) != 1:
            yield here, ("an event needs exactly one of 'round' (scripted), 'probability' (random) or 'when' (a "
                         "condition on the round, the draft or the moves)")
        if event.when is not None:
            for k, linkage in enumerate(event.when.draft):
                yield from format_two.linkage(linkage, issues, {issue.id for issue in scenario.issues}, here + ("when", "draft", k))
            for k, move in enumerate(event.when.moves):
                if move.leader not in leaders:
                    yield here + ("when", "moves", k, "leader"), f"unknown leader {move.leader!r}" + did_you_mean(move.leader, leaders)
                if move.issue is not None and move.issue not in {issue.id for issue in scenario.issues}:
                    yield here + ("when", "moves", k, "issue"), f"unknown issue {move.issue!r}" + did_you_mean(
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
                yield at + ("set",), ("'set: null' lifts a red line: it goes with field red_line only (to change a "
                                      f"{effect.field}, give a value to 'set' or use 'add')")
                continue
            if effect.lifts and effect.add is not None:
                yield at, "an effect needs exactly one of 'add' or 'set'"
            elif not effect.lifts and (effect.add is None) == (effect.set is None):
                yield at, "an effect needs exactly one of 'add' or 'set'"
            if (effect.ally is None) == (effect.leader is None):
                yield at, "an effect names exactly one of 'ally' (an ally id or all) or 'leader'"
                continue
            if effect.ally is not None:
                if effect.ally != "all" and effect.ally not in ally_ids:
                    yield at + ("ally",), f"unknown ally {effect.ally!r}" + did_you_mean(effect.ally, ally_ids | {"all"})
                if effect.field not in ALLY_FIELDS:
                    yield at + ("field",), f"an ally's field is one of {', '.join(ALLY_FIELDS)}; found {effect.field!r}"
                elif effect.field == "gdp_usd_bn" and effect.set is not None and (isinstance(effect.set, str) or effect.set <= 0):
                    yield at + ("set",), f"expected a GDP above 0 (US$ bn), found {effect.set!r}"
                elif effect.field == "defence_pct_gdp" and effect.set is not None and (
                        isinstance(effect.set, str) or not 0 <= effect.set <= 100):
                    yield at + ("set",), f"expected a share of GDP in 0..100 (%), found {effect.set!r}"
                elif effect.field not in FIGURES and effect.set is not None and (
                        isinstance(effect.set, str) or not 0 <= effect.set <= 1):
                    yield at + ("set",), f"expected a value in 0..1, found {effect.set!r}"
                if effect.issue is not None:
                    yield at + ("issue",), "'issue' goes with 'leader', not with 'ally'"
                continue
            if effect.leader not in leaders:
                yield at + ("leader",), f"unknown leader {effect.leader!r}" + did_you_mean(effect.leader, leaders)
                continue
            if effect.field not in POSITION_FIELDS:
                yield at + ("field",), f"a leader's field is one of {', '.join(POSITION_FIELDS)}; found {effect.field!r}"
                continue
            if effect.issue is None:
                yield at, "an effect on a leader names the 'issue' whose position changes"
                continue
            if effect.issue not in leaders[effect.leader].positions:
                yield at + ("issue",), f"leader {effect.leader!r} has no position on issue {effect.issue!r}"
                continue
            issue = issues.get(effect.issue)
            if issue is None:
                continue
            if effect.add is not None and not issue.is_range and effect.field != "weight":
                yield at + ("add",), f"issue {issue.id!r} has options; use 'set' with an option"
            if effect.set is not None and effect.field in ("ideal", "red_line"):
                problem = value_problem(issue, effect.set)
                if problem:
                    yield at + ("set",), problem


def _no_deal(scenario: Scenario) -> Iterator[Finding]:
    issue_ids = [issue.id for issue in scenario.issues]
    for issue_id, value in scenario.no_deal.items():
        if issue_id not in issue_ids:
            yield ("no_deal", issue_id), f"unknown issue {issue_id!r}" + did_you_mean(issue_id, issue_ids)
        elif _issue_is_sound(issue := scenario.issue(issue_id)):
            problem = value_problem(issue, value)
            if problem:
                yield ("no_deal", issue_id), problem
    missing = [issue_id for issue_id in issue_ids if issue_id not in scenario.no_deal]
    if missing:
        yield ("no_deal",), f"every issue needs a no-deal value; missing: {', '.join(missing)}"


BILATERAL_AGENTS = ("random", "rational")  # sorted, as the registry lists them


def _protocol(scenario: Scenario, agent_names: Collection[str] | None) -> Iterator[Finding]:
    known_agents = set(agent_names) if agent_names is not None else None
    if not scenario.is_bilateral:
        if known_agents is not None and "rational" in known_agents:
            for index, leader in enumerate(scenario.leaders):
                if leader.agent == "rational":
                    yield (("leaders", index, "agent"), "agent 'rational' plays only the bilateral protocol "
                           "(protocol: {kind: bilateral, ...}); a summit needs another agent")
        return
    protocol = scenario.protocol
    leader_ids = [leader.id for leader in scenario.leaders]
    if len(leader_ids) != 2:
        yield ("leaders",), f"the bilateral protocol needs exactly two leaders, found {len(leader_ids)}"
    if protocol.first not in leader_ids:
        yield ("protocol", "first"), f"unknown leader {protocol.first!r}" + did_you_mean(protocol.first, leader_ids)
    elif protocol.first not in protocol.discount:
        yield ("protocol", "discount"), f"the first mover {protocol.first!r} needs a discount factor too"
    for leader_id in protocol.discount:
        if leader_id not in leader_ids:
            yield (("protocol", "discount", leader_id), f"unknown leader {leader_id!r}"
                   + did_you_mean(leader_id, [l for l in leader_ids if l not in protocol.discount]))
    if len(protocol.discount) != 2:
        yield (("protocol", "discount"), "expected a discount factor for each of the two leaders, "
               f"found {len(protocol.discount)}")
    if len(scenario.issues) != 1:
        yield (("issues",), "the bilateral protocol needs exactly one issue (the share of the pie that goes to "
               f"the first mover's side), found {len(scenario.issues)}")
    else:
        issue = scenario.issues[0]
        if issue.kind != "range":
            yield ("issues", 0, "kind"), "the share of the pie is a range issue with 'range: [0, 1]'"
        elif issue.range is not None and tuple(issue.range) != (0.0, 1.0):
            yield (("issues", 0, "range"), "the share of the pie lies in [0, 1], found "
                   f"[{issue.range[0]:g}, {issue.range[1]:g}]")
    if known_agents is not None:
        for index, leader in enumerate(scenario.leaders):
            if leader.agent in known_agents and leader.agent not in BILATERAL_AGENTS:
                yield (("leaders", index, "agent"), f"agent {leader.agent!r} plays only the summit protocol; in a "
                       f"bilateral scenario the agent is one of: {', '.join(BILATERAL_AGENTS)}")


def _decision(scenario: Scenario) -> Iterator[Finding]:
    decision = scenario.decision
    if decision.rule == "qualified_majority" and decision.threshold is None:
        yield ("decision", "threshold"), "a qualified majority needs a threshold: the share of voting leaders (above 0.5) who must stay silent"
    elif decision.rule != "qualified_majority" and decision.threshold is not None:
        yield ("decision", "threshold"), f"only a qualified_majority takes a threshold; {decision.rule} does not"


def _classroom(scenario: Scenario) -> Iterator[Finding]:
    leader_ids = [leader.id for leader in scenario.leaders]
    seen: set[int] = set()
    for index, plan in enumerate(scenario.classroom):
        if plan.students in seen:
            yield ("classroom", index, "students"), f"a plan for {plan.students} students is given twice"
        seen.add(plan.students)
        for leader_id in plan.roles:
            if leader_id not in leader_ids:
                yield ("classroom", index, "roles", leader_id), f"unknown leader {leader_id!r}" + did_you_mean(leader_id, leader_ids)
        if sum(plan.roles.values()) != plan.students:
            yield (("classroom", index, "roles"), f"the roles seat {sum(plan.roles.values())} students, "
                   f"not {plan.students}")


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
        yield ("us_review", "reduce_below"), "expected reduce_below <= keep_at"


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
            yield ("allies", index, "id"), f"no leader speaks for ally {ally.id!r}; it cannot object or pledge"
    joining = {effect.leader for event in scenario.events for effect in event.effects if effect.field == "joins"}
    for index, leader in enumerate(scenario.leaders):
        if not leader.seated and leader.id not in joining:
            yield ("leaders", index, "seated"), (f"leader {leader.id!r} is not at the table when the summit opens and no "
                                                 "event 'joins' it: it never takes its seat")
    for index, leader in enumerate(scenario.leaders):
        if leader.positions and all(position.weight == 0 for position in leader.positions.values()):
            yield ("leaders", index, "positions"), f"every weight of leader {leader.id!r} is 0; nothing matters to it"


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
        yield ("issues",), (f"the Secretary General scores at most {PACKAGE_BUDGET:,} packages a revision, and one step "
                            f"either way on each of these {len(scenario.issues)} issues (every option of an options issue) "
                            f"makes {size:,}: each revision will move only the most contested issues and hold the rest "
                            "(fewer issues or options keep every issue in play)")


def local_warnings(scenario: Scenario) -> Iterator[Finding]:
    """The warnings that judge one value against the scenario's top-level fields only (an event's round, an
    ally's figures, a year): they hold whatever the file's other items say, so they are given even for a file
    some of whose items failed."""
    for index, event in enumerate(scenario.events):
        if event.round is not None and event.round > scenario.rounds:
            yield ("events", index, "round"), (f"event {event.id!r} never fires: round {event.round} never comes "
                                               f"(the scenario has {scenario.rounds} rounds)")
        elif event.probability == 0:
            yield ("events", index, "probability"), f"event {event.id!r} never fires: its probability is 0"
    yield from implausible_figures(scenario)
    yield from implausible_years(scenario, [(i, issue) for i, issue in enumerate(scenario.issues) if _issue_is_sound(issue)],
                                 DEADLINE_HORIZON)
    yield from _lesson(scenario)


def _lesson(scenario: Scenario) -> Iterator[Finding]:
    """Objectives that name a topic rather than what a student can do, and history that cites nothing."""
    for index, objective in enumerate(scenario.objectives):
        if not opens_with_an_outcome_verb(objective):
            yield ("objectives", index), ("an objective says what a student can do afterwards: start it with an outcome "
                                          "verb (Explain, Compare, Negotiate, ...), found "
                                          f"{(objective.split() or [''])[0][:30]!r}")
    for index, item in enumerate(scenario.history):
        if item.source is None:
            yield ("history", index), (f"history item {index + 1} ({item.date}) cites no source: add 'source: {{title, "
                                       "publisher, url, accessed}' so a class can check what really happened")

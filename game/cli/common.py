"""What the commands share: the user's mistake (UsageError, exit 2), loading the scenario a command names,
--full-information, --rounds and --agents as the commands apply them, and the files and folders a command will write,
checked before any work is done."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from ..i18n import _, localize, reason_of

EXIT_USAGE = 2


class UsageError(Exception):
    """A mistake in what the user asked for; printed as is, exit code 2."""


def _load(spec: str):
    from ..agents import names
    from ..scenario.catalogue import resolve
    from ..scenario import check_file

    try:
        path = resolve(spec)
    except FileNotFoundError as missing:
        raise UsageError(_("summit: {missing}").format(missing=localize(missing.args[0]))) from None
    checked = check_file(path, names())
    for problem in checked.problems:
        print(problem, file=sys.stderr)
    if checked.scenario is None:
        raise UsageError(_("summit: {spec}: the scenario has errors (listed above); nothing was played")
                           .format(spec=spec))
    return checked.scenario


def _information(scenario, args, command: str = "summit"):
    """The scenario as played: with every position public under --full-information, cut to --rounds N."""
    if getattr(args, "full_information", False):
        scenario = scenario.with_information("full")
    return _rounds(scenario, args, command)


def _rounds(scenario, args, command: str):
    """The scenario cut to --rounds N (as it is without the option): one line when N is more than the scenario
    has, and a line on stderr naming the scripted events the cut moves to an earlier round."""
    rounds = getattr(args, "rounds", None)
    if rounds is None:
        return scenario
    if scenario.is_bilateral:
        raise UsageError(_("{command}: --rounds {rounds}: {scenario} uses the bilateral protocol, whose offers end "
                           "at its protocol's max_rounds; --rounds cuts a summit")
                           .format(command=command, rounds=rounds, scenario=scenario.id))
    try:
        cut = scenario.with_rounds(rounds)
    except ValueError as error:
        raise UsageError(_("{command}: --rounds {rounds}: {error}")
                         .format(command=command, rounds=rounds, error=localize(error.args[0]))) from None
    moved = cut.events_moved
    if moved:
        said = ", ".join(_("{event_id!r} to round {round}").format(event_id=event_id, round=at)
                         for event_id, at in moved.items())
        print(_("{command}: --rounds {rounds}: the scripted events keep their place in the shorter game: {events}")
              .format(command=command, rounds=rounds, events=said), file=sys.stderr)
    return cut


def _agent_overrides(scenario, pairs: list[str], command: str = "summit run") -> dict[str, str]:
    from ..agents import names

    overrides = {}
    leader_ids = [leader.id for leader in scenario.leaders]
    roles = ("member", "us_president", "secretary_general")
    for pair in pairs:
        who, sep, agent = pair.partition("=")
        if not sep or not who or not agent:
            raise UsageError(_("{command}: --agents {pair!r}: expected WHO=AGENT, e.g. member=random")
                               .format(command=command, pair=pair))
        if who not in leader_ids and who not in roles:
            from ..scenario.checks import did_you_mean
            speaker = next((leader for leader in scenario.leaders if leader.ally == who), None)
            hint = (_(" (did you mean {leader!r}, who speaks for {ally}?)").format(leader=speaker.id,
                                                                                   ally=scenario.ally(who).name)
                    if speaker is not None else localize(did_you_mean(who, leader_ids + list(roles))))
            raise UsageError(_("{command}: --agents {pair!r}: {who!r} is neither a leader of {scenario} nor a role"
                               "{hint}")
                               .format(command=command, pair=pair, who=who, scenario=scenario.id, hint=hint))
        if agent not in names():
            import difflib
            usable = [name for name in names() if _protocol_agent_problem(scenario, name) is None]
            close = difflib.get_close_matches(agent, usable, n=1)
            hint = _(" (did you mean {close!r}?)").format(close=close[0]) if close else ""
            raise UsageError(_("{command}: --agents {pair!r}: unknown agent {agent!r}{hint}; the agents are: "
                               "{agents} (your own agents load with --agents-path DIR)")
                               .format(command=command, pair=pair, agent=agent, hint=hint, agents=', '.join(usable)))
        problem = _protocol_agent_problem(scenario, agent)
        if problem:
            raise UsageError(_("{command}: --agents {pair!r}: {problem}")
                               .format(command=command, pair=pair, problem=problem))
        if who in overrides and overrides[who] != agent:
            raise UsageError(_("{command}: --agents: {who!r} is given twice ({overrides} and {agent}); choose one")
                               .format(command=command, who=who, overrides=overrides[who], agent=agent))
        overrides[who] = agent
    return overrides


def _protocol_agent_problem(scenario, agent: str) -> str | None:
    """Agents play one protocol: the summit agents summits, `rational` bilateral offers (`random` both)."""
    from ..scenario.checks import BILATERAL_AGENTS

    if scenario.is_bilateral and agent not in BILATERAL_AGENTS:
        return _("{scenario} uses the bilateral protocol; its agents are: {agents}").format(
            scenario=scenario.id, agents=', '.join(BILATERAL_AGENTS))
    if not scenario.is_bilateral and agent == "rational":
        return _("agent 'rational' plays only the bilateral protocol (e.g. split_the_pie)")
    return None


def _bilateral_unsupported(scenario, command: str, spec: str, refusal: str) -> None:
    """UsageError when the scenario is bilateral: `refusal`, a whole sentence with the fields {command} and {spec}."""
    if scenario.is_bilateral:
        raise UsageError(refusal.format(command=command, spec=spec))


def _file_to_write(command: str, option: str, name: str | None) -> Path | None:
    """The path of a file the command will write, checked before any work is done (None without the option):
    nothing yet or a regular file (never a link, a pipe or a device: see game/files/atomic.py), not a folder,
    in a folder that exists and takes new files (the file is written through a temporary one beside it), with
    a name the system accepts."""
    from ..files import output_problem

    if name is None:
        return None
    path = Path(name)
    try:
        problem = output_problem(path)
        if problem is not None:
            raise UsageError(_("{command}: {option} {name}: {problem}")
                             .format(command=command, option=option, name=name, problem=localize(problem)))
        if path.is_dir():
            raise UsageError(_("{command}: {option} {name}: is a folder; name a file")
                               .format(command=command, option=option, name=name))
        if not path.parent.is_dir():
            from ..files import missing_reason
            raise UsageError(_("{command}: {option} {name}: the folder {parent} {reason}")
                             .format(command=command, option=option, name=name, parent=path.parent,
                                     reason=localize(missing_reason(path.parent))))
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError as error:
        raise UsageError(_("{command}: {option} {name}: cannot write: {reason}")
                           .format(command=command, option=option, name=name, reason=reason_of(error))) from None
    return path


def _folder_to_write(command: str, option: str, name: str | None, kind: str | None = None) -> Path | None:
    """A folder the command will write into, created now (None without the option). With `kind` (e.g. "batch
    logs") the folder must be new, empty or one Summit wrote that kind of files into (game/files/folder.py), so
    that no file of the user's with one of Summit's names is replaced."""
    if name is None:
        return None
    path = Path(name)
    try:
        if path.exists() and not path.is_dir():
            raise UsageError(_("{command}: {option} {name}: is a file; name a folder")
                               .format(command=command, option=option, name=name))
        if os.path.islink(path) and not path.exists():
            from ..files import missing_reason
            raise UsageError(_("{command}: {option} {name}: {problem}")
                             .format(command=command, option=option, name=name, problem=localize(missing_reason(path))))
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(_("{command}: {option} {name}: cannot create the folder: {reason}")
                           .format(command=command, option=option, name=name, reason=reason_of(error))) from None
    if kind is not None:
        from ..files import mark_folder
        try:
            mark_folder(path, kind)
        except OSError as error:
            raise UsageError(_("{command}: {option} {name}: {problem}")
                             .format(command=command, option=option, name=name, problem=reason_of(error))) from None
    return path

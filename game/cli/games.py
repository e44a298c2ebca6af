"""The commands that play games: `summit run` (one headless game), `summit replay` (a logged game through the
rules again) and `summit play` (the window)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .. import __version__
from ..scenario.untrusted import for_terminal
from .common import (UsageError, _agent_overrides, _bilateral_unsupported, _file_to_write, _folder_to_write,
                     _information, _load)
from ..i18n import _, localize, ngettext, error_text, reason_of


def _play_game(scenario, seed: int, overrides: dict[str, str], containment=None, limits=None):
    """Play a whole game under the scenario's protocol (the summit, or bilateral offers); with `limits`, the
    users' agents each in a process of their own (game/agents/isolate.py)."""
    from ..agents.isolate import seated
    from ..engine import make_game, outcome_of, play

    game = make_game(scenario, seed)
    with seated(scenario, seed, overrides, limits) as agents:
        state = play(game, agents, containment=containment)
    return game, state, outcome_of(game, state)


def isolation(command: str, args):
    """--isolate's limits (None without it); one line when this system cannot isolate."""
    if not getattr(args, "isolate", False):
        return None
    from ..agents.isolate import AVAILABLE, Limits

    if not AVAILABLE:
        raise UsageError(_("{command}: --isolate needs a POSIX system (Linux, macOS): it forks a process per agent")
                           .format(command=command))
    return Limits.of(args.agent_seconds)


def contained(command: str, scenario, args, quiet: bool = False):
    """The containment of a game's users' agents as the command line asks (--strict-agents, --agent-seconds):
    each failure is said on stderr in one line as it happens, unless quiet."""
    from ..agents import containment

    def say(failure) -> None:
        print(f"{command}: {for_terminal(localize(failure.message))}", file=sys.stderr)

    return containment(scenario, getattr(args, "strict_agents", False), getattr(args, "agent_seconds", None),
                       on_failure=None if quiet else say)


def cmd_run(args) -> int:
    from ..agents import chosen_names
    from ..engine import AgentError, log
    from ..files import write_atomically
    from ..report.account import account, proceedings

    scenario = _information(_load(args.scenario), args, "summit run")
    overrides = _agent_overrides(scenario, args.agents)
    log_path = _file_to_write("summit run", "--log", args.log)
    guard = contained("summit run", scenario, args)

    def write_log(state, result) -> None:
        notes = [(failure.entry, failure.to_json()) for failure in guard.failures]
        text = log.write(scenario.source_text, scenario.id, args.seed, chosen_names(scenario, overrides), __version__,
                         state, result, information=scenario.information, notes=notes,
                         rounds=scenario.shortened_to, events_at=scenario.events_moved)
        try:
            write_atomically(log_path, text)
        except OSError as error:
            raise UsageError(_("summit run: --log {log}: cannot write: {reason}")
                               .format(log=args.log, reason=reason_of(error))) from None
    try:
        game, state, result = _play_game(scenario, args.seed, overrides, guard, isolation("summit run", args))
    except AgentError as error:   # --strict-agents: say whose and where, keep what was played
        kept = False
        if error.state is not None and not scenario.is_bilateral:
            if log_path is not None:
                write_log(error.state, None)
                kept = True
            if not args.json:
                print(for_terminal("\n".join(proceedings(scenario, error.state, args.seed, args.verbose))))
        stopped = _("summit run: {error} (the game up to that turn is in {log})") if kept else _("summit run: {error}")
        raise UsageError(stopped.format(error=error_text(error), log=args.log)) from None
    if log_path is not None:
        write_log(state, result)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    elif scenario.is_bilateral:
        from ..engine import bilateral
        print(for_terminal(bilateral.account(game, state, result)))
    else:
        print(for_terminal(account(scenario, state, result, verbose=args.verbose)))
    return 0


def cmd_replay(args) -> int:
    from ..play.replay import ReplayError, replay

    try:
        replayed = replay(Path(args.log), until=args.until, rerun=args.rerun)
    except ReplayError as error:
        raise UsageError(_("summit replay: {error}").format(error=error_text(error))) from None
    scenario, state = replayed.scenario, replayed.state
    if replayed.over:
        if args.json:
            print(json.dumps(replayed.outcome.to_json(), ensure_ascii=False))
        elif scenario.is_bilateral:
            from ..engine import bilateral
            print(for_terminal(bilateral.account(replayed.game, state, replayed.outcome)))
        else:
            from ..report.account import account
            print(for_terminal(account(scenario, state, replayed.outcome, verbose=args.verbose)))
        _talks_line(replayed, args)
        return 0
    # Stopped before the end (--until, or a save of a game in progress): what is known so far.
    through = replayed.until if replayed.until is not None else state.round
    if args.json:
        known = {"scenario": scenario.id, "seed": replayed.seed, "over": False, "until": through,
                 "logged_rounds": replayed.logged_rounds}
        if scenario.is_bilateral:
            known.update(protocol="bilateral", offer=state.offer)
        else:
            known.update(draft=state.draft.to_json(),
                         pledges={ally: {"level": level, "year": year} for ally, (level, year) in state.pledges})
        print(json.dumps(known, ensure_ascii=False))
    elif scenario.is_bilateral:
        from ..engine.narrate import shown_text
        lines = [_("{title} ({scenario}), seed {seed}").format(title=shown_text(scenario.title), scenario=scenario.id,
                                                               seed=replayed.seed), ""]
        lines += [("  = " if e.type == "result" else "  " + _("[round {round}]").format(round=e.round) + " ")
                  + replayed.game.tell(e, state.history) for e in state.history if e.round <= through]
        ended = _("NOT OVER: replayed through round {round}.").format(round=through)
        print(for_terminal("\n".join(lines + ["", "=" * 78, ended])))
    else:
        from ..report.account import partial_account
        print(for_terminal(partial_account(scenario, state, replayed.seed, through, verbose=args.verbose)))
    _talks_line(replayed, args)
    return 0


def _talks_line(replayed, args) -> None:
    """After the account, how many private talks the log holds (never what they said: the rules never saw them,
    and the debrief is where they are revealed), and each user's agent that failed. Nothing with --json."""
    count = len(replayed.talks)
    if count and not args.json:
        print("\n" + ngettext("{count} private talk (the debrief shows them).",
                              "{count} private talks (the debrief shows them).", count).format(count=count))
    if replayed.failures and not args.json:   # a user's agent failed and gave its seat to a built-in agent
        print("\n" + "\n".join(for_terminal(_("Agent failure: {failure}").format(failure=failure["text"]))
                               for failure in replayed.failures))


def _no_display() -> bool:
    """True on Linux/BSD with no X or Wayland display and no SDL video driver chosen."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return False
    return not any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"))


def cmd_play(args) -> int:
    if args.fast and not args.demo:
        raise UsageError(_("summit play: --fast goes with --demo"))
    if args.full_information and not args.scenario:
        raise UsageError(_("summit play: --full-information needs a SCENARIO, e.g. summit play tutorial --full-information"))
    if args.rounds is not None and not args.scenario:
        raise UsageError(_("summit play: --rounds N needs a SCENARIO, e.g. summit play rutte_washington_2025 --rounds 3 "
                           "(or choose the rounds on the roles screen)"))
    if args.as_leader and not args.scenario:
        raise UsageError(_("summit play: --as LEADER needs a SCENARIO, e.g. summit play rutte_washington_2025 --as rutte"))
    if args.demo and args.class_mode:
        raise UsageError(_("summit play: --class is for a class at one screen; in a --demo the computer plays every role"))
    if args.demo and args.operator:
        raise UsageError(_("summit play: --operator is for several players at one screen; in a --demo the computer "
                           "plays every role"))
    if args.agents and not args.scenario:
        raise UsageError(_("summit play: --agents needs a SCENARIO, e.g. summit play tutorial --agents sanchez=stubborn"))
    if args.demo and args.as_leader and "," in args.as_leader:
        raise UsageError(_("summit play: --demo --as {as_leader}: a demo watches one role; name one leader")
                           .format(as_leader=args.as_leader))
    scenario = path = None
    if args.scenario:
        from ..scenario.catalogue import resolve
        scenario = _information(_load(args.scenario), args, "summit play")
        _bilateral_unsupported(scenario, "summit play", args.scenario,
            _("{command}: {spec} uses the bilateral protocol, which the window does not show yet: "
              "use summit run {spec}"))
        path = resolve(args.scenario)
    overrides = _agent_overrides(scenario, args.agents, "summit play") if args.agents else {}
    if args.as_leader:
        ids = [leader.id for leader in scenario.leaders]
        players = args.as_leader.split(",")
        for player in players:
            if player not in ids:
                from ..scenario.checks import did_you_mean
                raise UsageError(_("summit play: --as {as_leader}: no such leader {player!r} in {scenario}{hint}; the "
                                   "leaders are: {leaders}")
                                 .format(as_leader=args.as_leader, player=player, scenario=scenario.id,
                                         hint=localize(did_you_mean(player, ids)), leaders=", ".join(ids)))
        if len(set(players)) != len(players):
            raise UsageError(_("summit play: --as {as_leader}: a leader is named twice")
                               .format(as_leader=args.as_leader))
    try:
        if args.screenshots and Path(args.screenshots).exists() and not Path(args.screenshots).is_dir():
            raise UsageError(_("summit play: --screenshots {screenshots}: is a file; name a folder")
                               .format(screenshots=args.screenshots))
    except OSError as error:
        raise UsageError(_("summit play: --screenshots {screenshots}: cannot write there: {reason}")
                           .format(screenshots=args.screenshots, reason=reason_of(error))) from None
    if _no_display():
        raise UsageError(_("summit play: no display found (DISPLAY is not set), so no window can open. "
                           "Use `summit run SCENARIO` to play headless, or set SDL_VIDEODRIVER=dummy to run the "
                           "window off-screen (with --demo --screenshots DIR to see it)."))
    screenshots = _folder_to_write("summit play", "--screenshots", args.screenshots, "screenshots")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from ..ui import WindowError, play

    try:
        return play(scenario, path, args.as_leader, demo=args.demo, fast=args.fast, screenshots=screenshots,
                    size=args.size, operator=args.operator, agents=overrides, strict_agents=args.strict_agents,
                    agent_seconds=args.agent_seconds, class_mode=args.class_mode)
    except WindowError as error:
        raise UsageError(_("summit play: {error}. `summit run SCENARIO` plays without a window.")
                           .format(error=error_text(error))) from None

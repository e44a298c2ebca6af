"""`summit tournament SCENARIO --entries DIR`: a class tournament of students' agents and its leaderboard (the
terminal table, `--out FILE.csv`, `--html DIR`, `--json`). The mixes tournament is game/cli/analysis.py's."""

from __future__ import annotations

import contextlib
import json
import os
import sys

from .common import UsageError, _bilateral_unsupported, _file_to_write, _folder_to_write, _information, _load
from ..i18n import _, error_text, joined, localize, msg, reason_of

COMMAND = "summit tournament"
DEFAULT_RUNS = 3


def refuse_mixes(args) -> None:
    """The options of a mixes tournament that a class tournament refuses, each in one line."""
    if args.agents:
        raise UsageError(_("{command}: --entries and --agents do not go together: a class tournament plays the "
                           "entries against the scenario's own agents and each other (compare mixes without --entries)")
                           .format(command=COMMAND))
    if args.agents_path:
        raise UsageError(_("{command}: --entries and --agents-path do not go together: the entries are the agents "
                           "in --entries {entries} (put every file there)")
                           .format(command=COMMAND, entries=args.entries))
    if args.strict_agents:
        raise UsageError(_("{command}: --strict-agents does not go with --entries: a class tournament plays on when "
                           "an entry fails (the built-in agent takes its seat; the leaderboard names the failure)")
                           .format(command=COMMAND))


def cmd_class_tournament(args) -> int:
    from ..agents import AgentPathError
    from ..agents.entries import load_entries
    from ..analysis.class_tournament import play_entries, seat_in_process, seat_isolated
    from ..analysis.leaderboard import leaderboard
    from ..files import write_atomically
    from ..report.leaderboard import print_leaderboard, write_leaderboard_page

    refuse_mixes(args)
    runs = args.runs if args.runs is not None else DEFAULT_RUNS
    if args.seed + runs - 1 >= 2**63:
        raise UsageError(_("{command}: --seed {seed} --runs {runs}: the last seed would be above 2**63-1")
                           .format(command=COMMAND, seed=args.seed, runs=runs))
    scenario = _information(_load(args.scenario), args, COMMAND)
    _bilateral_unsupported(scenario, COMMAND, args.scenario,
        _("{command}: {spec} uses the bilateral protocol, which class tournaments do not play it yet: "
          "use summit run {spec}"))
    out_path = _file_to_write(COMMAND, "--out", args.out)
    html = _folder_to_write(COMMAND, "--html", args.html, "class tournament")
    isolated = _isolated(args)
    progress = _progress_line()
    # What the entries print (at import or at their turns) would mix with the table or the JSON: it is dropped.
    with open(os.devnull, "w", encoding="utf-8") as dropped, contextlib.redirect_stdout(dropped):
        try:
            entries, rejected = load_entries(args.entries, isolated)
        except AgentPathError as error:
            raise UsageError(_("{command}: --entries {error}").format(command=COMMAND, error=error_text(error))) from None
        if not entries:
            raise UsageError(_("{command}: --entries {entries}: no entry can play: {problems}")
                             .format(command=COMMAND, entries=args.entries,
                                     problems=localize(joined([r.file + msg(": ") + r.problem for r in rejected], msg("; ")))))
        try:
            seat = seat_isolated(args.agent_seconds) if isolated else seat_in_process
            result = play_entries(scenario, entries, runs, args.seed, rejected, args.agent_seconds, progress, seat)
        finally:
            if progress is not None:
                print("\r\x1b[K", end="", file=sys.stderr, flush=True)
    board = leaderboard(result)
    if args.json:
        print(json.dumps(board.to_json(), ensure_ascii=False))
    else:
        print_leaderboard(board)
    if out_path is not None:
        try:
            write_atomically(out_path, board.csv_text())
        except OSError as error:
            raise UsageError(_("{command}: --out {out}: cannot write: {reason}")
                               .format(command=COMMAND, out=args.out, reason=reason_of(error))) from None
    if html is not None:
        try:
            write_leaderboard_page(board, html)
        except OSError as error:
            raise UsageError(_("{command}: --html {html}: cannot write: {reason}")
                               .format(command=COMMAND, html=args.html, reason=reason_of(error))) from None
    return 0


def _isolated(args) -> bool:
    """Whether the entries play each in a process of its own: the default where the system can (POSIX), unless
    --no-isolate; --isolate where it cannot is one line."""
    from ..agents.isolate import AVAILABLE

    if args.isolate and not AVAILABLE:
        raise UsageError(_("{command}: --isolate needs a POSIX system (Linux, macOS): it forks a process per agent")
                           .format(command=COMMAND))
    if args.isolate is None and not AVAILABLE:
        print(_("{command}: warning: this system cannot isolate the entries (no fork): they run in this process, "
                "so one that loops or eats memory can stop the tournament")
                .format(command=COMMAND), file=sys.stderr)
    return AVAILABLE and args.isolate is not False


def _progress_line():
    """A count of the games on stderr, rewritten in place, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    from ..scenario.untrusted import for_terminal

    def show(done: int, total: int, what: str) -> None:
        print("\r\x1b[K" + _("{command}: game {done} of {total} ({what})")
              .format(command=COMMAND, done=done, total=total, what=for_terminal(what)[:80]), end="", file=sys.stderr,
              flush=True)
    return show

"""The commands that write documents for the classroom: `summit brief` (the printable briefings) and
`summit debrief` (the after-class report of logged games)."""

from __future__ import annotations

from pathlib import Path

from ..scenario.untrusted import for_terminal
from .common import UsageError, _bilateral_unsupported, _load, _rounds


def cmd_brief(args) -> int:
    from ..report.briefing import write_briefings

    scenario = _load(args.scenario)
    _bilateral_unsupported(scenario, "summit brief", args.scenario, "has no briefings yet")
    scenario = _rounds(scenario, args, "summit brief")
    ids = [leader.id for leader in scenario.leaders]
    if args.role is not None and args.role not in ids:
        from ..scenario.checks import did_you_mean
        raise UsageError(f"summit brief: --role {args.role}: no such leader in {scenario.id}"
                         f"{did_you_mean(args.role, ids)}; the leaders are: {', '.join(ids)}")
    out = Path(args.out) if args.out else Path(f"{scenario.id}-briefings")
    try:
        written = write_briefings(scenario, out, [args.role] if args.role else None)
    except OSError as error:
        raise UsageError(f"summit brief: cannot write to {out}: {error.strerror or error}") from None
    if args.verbose:
        for path in written:
            print(for_terminal(str(path)))
    roles = 1 if args.role else len(ids)
    observers = "" if args.role else ", 2 observer worksheets (press, parliament)"
    print(for_terminal(f"{roles} briefing{'s' if roles > 1 else ''}{observers} and the index ({len(written)} files) written to "
                       f"{out}/: open {out / 'index.html'}"))
    return 0


def cmd_debrief(args) -> int:
    from ..report.debrief import DebriefError, write_debrief

    out = Path(args.out) if args.out else None
    try:
        written = write_debrief([Path(name) for name in args.logs], out, handout=args.handout)
    except DebriefError as error:
        raise UsageError(f"summit debrief: {error}") from None
    except OSError as error:
        where = f"to {out}" if out else "the debrief"
        raise UsageError(f"summit debrief: cannot write {where}: {error.strerror or error}") from None
    index = written[0]
    for path in written[1:] + [index]:
        print(for_terminal(str(path)))
    games = f"of {len(args.logs)} games " if len(args.logs) > 1 else ""
    print(for_terminal(f"Debrief {games}written to {index.parent}/ (open {index})"))
    if args.handout:
        whole = "each game's GAME-handout-print.html" if len(args.logs) > 1 else "handout-print.html"
        print(for_terminal(f"Students' handout written: open {index.parent / 'handout.html'} (a class summary and one "
                           f"A4 page per role; print {whole} in one go)"))
    _unlike_the_agents(index.parent / "debrief.json")
    return 0


def _unlike_the_agents(manifest: Path) -> None:
    """A line on stderr for each game whose log holds computer moves its agents would not make from the seed, as
    the debrief just written found them."""
    import json
    import sys

    from ..scenario.untrusted import for_terminal

    for game in json.loads(manifest.read_text(encoding="utf-8"))["games"]:
        unlike = game.get("unlike_the_agents") or []
        if unlike:
            first = unlike[0]
            print(for_terminal(f"summit debrief: {game['log']}: {len(unlike)} computer move{'s' if len(unlike) != 1 else ''} "
                               f"not what the agents choose from the seed (first at line {first['line']}, round "
                               f"{first['round']}, {first['leader']}): the log was edited, or written by a Summit whose "
                               f"agents chose otherwise; see the section \"Moves the agents would not make\""),
                  file=sys.stderr)


def cmd_grades(args) -> int:
    import sys

    from ..files import write_atomically
    from ..report.grades import GradesError, csv_text, grade_rows, json_text, read_logs
    from .common import _file_to_write

    out = _file_to_write("summit grades", "--out", args.out)   # checked before the games are replayed
    try:
        rows = grade_rows(read_logs([Path(name) for name in args.logs]))
    except GradesError as error:
        raise UsageError(f"summit grades: {error}") from None
    if out is not None:
        try:
            write_atomically(out, csv_text(rows))
        except OSError as error:
            raise UsageError(f"summit grades: cannot write {out}: {error.strerror or error}") from None
    if args.json:
        sys.stdout.write(json_text(rows))
    elif out is None:
        sys.stdout.write(csv_text(rows))
    if out is not None and not args.json:   # with --json, stdout is the JSON alone
        students = len(rows)
        print(for_terminal(f"Grades of {students} student{'s' if students != 1 else ''} from {len(args.logs)} "
                           f"log{'s' if len(args.logs) != 1 else ''} written to {out}"))
    return 0

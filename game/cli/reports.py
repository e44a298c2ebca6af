"""The commands that write documents for the classroom: `summit brief` (the printable briefings) and
`summit debrief` (the after-class report of logged games)."""

from __future__ import annotations

from pathlib import Path

from ..scenario.untrusted import for_terminal
from .common import UsageError, _bilateral_unsupported, _load, _rounds
from ..i18n import _, localize, ngettext, error_text, reason_of


def cmd_brief(args) -> int:
    from ..report.briefing import write_briefings

    scenario = _load(args.scenario)
    _bilateral_unsupported(scenario, "summit brief", args.scenario,
        _("{command}: {spec} uses the bilateral protocol, which has no briefings yet: "
          "use summit run {spec}"))
    scenario = _rounds(scenario, args, "summit brief")
    ids = [leader.id for leader in scenario.leaders]
    if args.role is not None and args.role not in ids:
        from ..scenario.checks import did_you_mean
        raise UsageError(_("summit brief: --role {role}: no such leader in {scenario}{hint}; the leaders are: {leaders}")
                         .format(role=args.role, scenario=scenario.id, hint=localize(did_you_mean(args.role, ids)),
                                 leaders=", ".join(ids)))
    out = Path(args.out) if args.out else Path(f"{scenario.id}-briefings")
    try:
        written = write_briefings(scenario, out, [args.role] if args.role else None)
    except OSError as error:
        raise UsageError(_("summit brief: cannot write to {out}: {reason}")
                           .format(out=out, reason=reason_of(error))) from None
    if args.verbose:
        for path in written:
            print(for_terminal(str(path)))
    roles = 1 if args.role else len(ids)
    if args.role:
        written_line = _("1 briefing and the index ({count} files) written to {out}/: open {index}")
    else:
        written_line = ngettext("{roles} briefing, 2 observer worksheets (press, parliament) and the index ({count} "
                                "files) written to {out}/: open {index}",
                                "{roles} briefings, 2 observer worksheets (press, parliament) and the index ({count} "
                                "files) written to {out}/: open {index}", roles)
    print(for_terminal(written_line.format(roles=roles, count=len(written), out=out, index=out / "index.html")))
    return 0


def cmd_debrief(args) -> int:
    from ..report.debrief import DebriefError, write_debrief

    out = Path(args.out) if args.out else None
    try:
        written = write_debrief([Path(name) for name in args.logs], out, handout=args.handout)
    except DebriefError as error:
        raise UsageError(_("summit debrief: {error}").format(error=error_text(error))) from None
    except OSError as error:
        cannot = (_("summit debrief: cannot write to {out}: {reason}") if out else
                  _("summit debrief: cannot write the debrief: {reason}"))
        raise UsageError(cannot.format(out=out, reason=reason_of(error))) from None
    index = written[0]
    for path in written[1:] + [index]:
        print(for_terminal(str(path)))
    debriefed = (_("Debrief of {games} games written to {folder}/ (open {index})") if len(args.logs) > 1 else
                 _("Debrief written to {folder}/ (open {index})"))
    print(for_terminal(debriefed.format(games=len(args.logs), folder=index.parent, index=index)))
    if args.handout:
        handout = (_("Students' handout written: open {handout} (a class summary and one A4 page per role; print "
                     "each game's GAME-handout-print.html in one go)") if len(args.logs) > 1 else
                   _("Students' handout written: open {handout} (a class summary and one A4 page per role; print "
                     "handout-print.html in one go)"))
        print(for_terminal(handout.format(handout=index.parent / "handout.html")))
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
            line = ngettext('summit debrief: {log}: {count} computer move not what the agents choose from the seed '
                            '(first at line {line}, round {round}, {leader}): the log was edited, or written by a '
                            'Summit whose agents chose otherwise; see the section "Moves the agents would not make"',
                            'summit debrief: {log}: {count} computer moves not what the agents choose from the seed '
                            '(first at line {line}, round {round}, {leader}): the log was edited, or written by a '
                            'Summit whose agents chose otherwise; see the section "Moves the agents would not make"',
                            len(unlike))
            print(for_terminal(line.format(log=game["log"], count=len(unlike), line=first["line"],
                                           round=first["round"], leader=first["leader"])), file=sys.stderr)


def cmd_grades(args) -> int:
    import sys

    from ..files import write_atomically
    from ..report.grades import GradesError, csv_text, grade_rows, json_text, read_logs
    from .common import _file_to_write

    out = _file_to_write("summit grades", "--out", args.out)   # checked before the games are replayed
    try:
        rows = grade_rows(read_logs([Path(name) for name in args.logs]))
    except GradesError as error:
        raise UsageError(_("summit grades: {error}").format(error=error_text(error))) from None
    if out is not None:
        try:
            write_atomically(out, csv_text(rows))
        except OSError as error:
            raise UsageError(_("summit grades: cannot write {out}: {reason}")
                               .format(out=out, reason=reason_of(error))) from None
    if args.json:
        sys.stdout.write(json_text(rows))
    elif out is None:
        sys.stdout.write(csv_text(rows))
    if out is not None and not args.json:   # with --json, stdout is the JSON alone
        students = ngettext("{count} student", "{count} students", len(rows)).format(count=len(rows))
        logs = ngettext("{count} log", "{count} logs", len(args.logs)).format(count=len(args.logs))
        print(for_terminal(_("Grades of {students} from {logs} written to {out}").format(students=students, logs=logs,
                                                                                        out=out)))
    return 0

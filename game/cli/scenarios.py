"""The commands about scenarios and agents: `summit validate`, `summit schema` (schema_text, which
`summit new-scenario` also writes beside a new scenario), `summit new-scenario`, `summit scenarios` and
`summit agents`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ..scenario.untrusted import for_terminal
from .common import EXIT_USAGE, UsageError
from ..i18n import _, localize, ngettext, reason_of


def cmd_validate(args) -> int:
    """Every problem of each file on stderr, in file order (errors and warnings together, so they read as the
    file does); on stdout one verdict line per file. Exit 2 when a file has errors (or, with --strict,
    warnings)."""
    from ..agents import names
    from ..scenario.catalogue import check
    from ..scenario.untrusted import for_terminal

    failed = False
    for spec in args.files:
        checked = check(spec, names())
        for problem in checked.problems:
            print(problem, file=sys.stderr)
        sys.stderr.flush()
        print(for_terminal(verdict(spec, checked, args.strict)), flush=True)
        failed |= checked.scenario is None or bool(args.strict and checked.warnings)
    return EXIT_USAGE if failed else 0


def verdict(spec: str, checked, strict: bool = False) -> str:
    """The line `summit validate` ends a file with: "FILE: valid (...)", "FILE: 3 errors, 1 warning"."""
    errors, warnings = len(checked.errors), len(checked.warnings)
    counted_errors = ngettext("{count} error", "{count} errors", errors).format(count=errors)
    counted_warnings = ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings)
    if checked.scenario is None or (strict and warnings):
        if not errors:
            return _("{file}: {warnings} (--strict fails a file on warnings)").format(file=spec,
                                                                                     warnings=counted_warnings)
        if not warnings:
            return _("{file}: {errors}").format(file=spec, errors=counted_errors)
        return _("{file}: {errors}, {warnings}").format(file=spec, errors=counted_errors, warnings=counted_warnings)
    scenario = checked.scenario
    counts = dict(file=spec, title=scenario.title, warnings=counted_warnings,
                  allies=ngettext("{count} ally", "{count} allies", len(scenario.allies)).format(
                      count=len(scenario.allies)),
                  leaders=ngettext("{count} leader", "{count} leaders", len(scenario.leaders)).format(
                      count=len(scenario.leaders)),
                  issues=ngettext("{count} issue", "{count} issues", len(scenario.issues)).format(
                      count=len(scenario.issues)))
    if warnings:
        return _("{file}: valid ({title}: {allies}, {leaders}, {issues}; {warnings})").format(**counts)
    return _("{file}: valid ({title}: {allies}, {leaders}, {issues})").format(**counts)


def schema_text() -> str:
    """The JSON Schema of the scenario format, as `summit schema` prints it."""
    from ..scenario import Scenario

    schema = Scenario.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Summit scenario, format 1 or 2"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def cmd_schema(args) -> int:
    print(schema_text(), end="")
    return 0


SCHEMA_LINE = "# yaml-language-server: $schema="


def cmd_new_scenario(args) -> int:
    """Write a scenario to start from: the commented template, or a copy of a bundled scenario, with its id
    set to the file's name and a schema file beside it for editors that complete fields."""
    import re

    from ..scenario.catalogue import bundled_dir, bundled_ids, template_path
    from ..files import write_atomically

    command = "summit new-scenario"
    out = Path(args.out)
    if out.suffix != ".yaml":
        raise UsageError(_("{command}: {out}: name a .yaml file, e.g. my_summit.yaml")
                           .format(command=command, out=args.out))
    if not re.fullmatch(r"[a-z][a-z0-9_]*", out.stem):
        suggestion = re.sub(r"[^a-z0-9_]+", "_", out.stem.lower()).strip("_") or "my_scenario"
        if not suggestion[0].isalpha():
            suggestion = "s_" + suggestion
        raise UsageError(_("{command}: {out}: the file name becomes the scenario's id, which is lower-case "
                           "letters, digits and _ starting with a letter; try {with_name}")
                           .format(command=command, out=args.out, with_name=out.with_name(suggestion + '.yaml')))
    try:
        if out.exists():
            raise UsageError(_("{command}: {out} exists; choose another name (nothing was written)")
                               .format(command=command, out=args.out))
        if not out.parent.is_dir():
            raise UsageError(_("{command}: {out}: the folder {parent} does not exist")
                               .format(command=command, out=args.out, parent=out.parent))
    except OSError as error:   # e.g. a name longer than the system allows
        raise UsageError(_("{command}: {out}: cannot write: {reason}")
                           .format(command=command, out=args.out, reason=reason_of(error))) from None
    if args.source is not None:
        if args.source not in bundled_ids():
            from ..scenario.checks import did_you_mean
            raise UsageError(_("{command}: --from {source}: no bundled scenario has that id"
                               "{hint}")
                               .format(command=command, source=args.source, hint=localize(did_you_mean(args.source, bundled_ids()))))
        text = (bundled_dir() / f"{args.source}.yaml").read_text(encoding="utf-8")
        intro = f"# Made with `summit new-scenario --from {args.source}`: a copy to edit; the reference is docs/scenario-format.md.\n"
    else:
        text = template_path().read_text(encoding="utf-8")
        intro = ""
    lines = [line for line in text.splitlines() if not line.startswith(SCHEMA_LINE)]
    lines = [f"id: {out.stem}" + (line[line.index("#") - 1:] if "#" in line else "") if line.startswith("id:") else line
             for line in lines]
    body = SCHEMA_LINE + "scenario.schema.json\n" + intro + "\n".join(lines) + "\n"
    try:
        write_atomically(out, body)
        schema_path = out.with_name("scenario.schema.json")
        if not schema_path.exists():
            write_atomically(schema_path, schema_text())
    except OSError as error:
        raise UsageError(_("{command}: {out}: cannot write: {reason}")
                           .format(command=command, out=args.out, reason=reason_of(error))) from None
    wrote = (_("Wrote {out} (a copy of {source}). Check it with: summit validate {out}   Play it with: summit play "
               "{out}") if args.source else
             _("Wrote {out}. Check it with: summit validate {out}   Play it with: summit play {out}"))
    print(for_terminal(wrote.format(out=out, source=args.source)))
    return 0


def cmd_migrate(args) -> int:
    """Rewrite a format-1 scenario as format 2. Format 2 only adds fields, so the file's text, comments included,
    stays as it is but for its `schema:` line; the result is checked before anything is written."""
    import re

    from ..agents import names
    from ..files import write_atomically
    from ..scenario import check_bytes, check_file

    command = f"summit migrate {args.file}"
    path = Path(args.file)
    checked = check_file(path, names())
    if checked.scenario is None:
        more = len(checked.errors) - 1
        if more > 0:
            raise UsageError(ngettext("summit migrate: nothing written: {error} (and {more} more: summit validate "
                                      "{file} lists it)",
                                      "summit migrate: nothing written: {error} (and {more} more: summit validate "
                                      "{file} lists them)", more).format(error=checked.errors[0], more=more,
                                                                         file=args.file))
        raise UsageError(_("summit migrate: nothing written: {error}").format(error=checked.errors[0]))
    if checked.scenario.schema_ == 2:
        print(for_terminal(_("{file} is already in scenario format 2; nothing to do.").format(file=args.file)))
        return 0
    text = checked.text
    line = re.compile(r"^schema:[ \t]*1\b", re.MULTILINE)
    if line.search(text) is None:
        raise UsageError(_("{command}: no top-level 'schema: 1' line to rewrite (write 'schema: 2' by hand)")
                           .format(command=command))
    migrated = line.sub("schema: 2", text, count=1)
    out = Path(args.out) if args.out else path
    again = check_bytes(migrated.encode("utf-8"), str(out), names(), expected_id=out.stem)
    if again.scenario is None:   # cannot happen for a valid format-1 file; never write a broken one
        raise UsageError(_("{command}: the rewritten file would not load: {error}")
                           .format(command=command, error=again.errors[0]))
    try:
        if args.out:
            if out.exists():
                raise UsageError(_("{command}: {out} exists; choose another name (nothing was written)")
                                   .format(command=command, out=args.out))
            write_atomically(out, migrated)
        else:
            backup = path.with_name(path.name + ".bak")
            if os.path.lexists(backup):   # an earlier backup (or anything else of that name) is never replaced
                raise UsageError(for_terminal(_("{command}: {backup} exists; move it away, or write the new file "
                                                "elsewhere with --out (nothing was written)")
                                                .format(command=command, backup=backup)))
            write_atomically(out, migrated, backup=backup)
    except OSError as error:
        raise UsageError(_("{command}: cannot write {out}: {reason}")
                           .format(command=command, out=out, reason=reason_of(error))) from None
    wrote = (_("Wrote {out} in scenario format 2. Its new fields are in docs/scenario-format.md.") if args.out else
             _("Wrote {out} in scenario format 2 (the format-1 file is kept as {backup}). Its new fields are in "
               "docs/scenario-format.md."))
    print(for_terminal(wrote.format(out=out, backup=f"{path.name}.bak")))
    return 0


def cmd_scenarios(args) -> int:
    from ..agents import names
    from ..scenario.catalogue import bundled_dir, bundled_ids, check

    for scenario_id in bundled_ids():
        checked = check(str(bundled_dir() / f"{scenario_id}.yaml"), names())
        if checked.scenario is None:
            print(_("{scenario:28} (invalid: {message})")
                  .format(scenario=scenario_id, message=checked.errors[0].text))
        else:
            s = checked.scenario
            print(ngettext("{scenario:28} {year}  {count:>2} ally    {title}",
                           "{scenario:28} {year}  {count:>2} allies  {title}", len(s.allies))
                  .format(scenario=scenario_id, year=s.year, count=len(s.allies), title=s.title))
    return 0


def cmd_agents(args) -> int:
    from ..agents import AGENTS

    for name in sorted(AGENTS):
        print(f"{name:20} {AGENTS[name].description}")
    return 0

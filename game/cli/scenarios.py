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


def _count(number: int, word: str, words: str | None = None) -> str:
    return f"{number} {word if number == 1 else words or word + 's'}"


def verdict(spec: str, checked, strict: bool = False) -> str:
    """The line `summit validate` ends a file with: "FILE: valid (...)", "FILE: 3 errors, 1 warning"."""
    errors, warnings = len(checked.errors), len(checked.warnings)
    if checked.scenario is None or (strict and warnings):
        counts = ", ".join(_count(n, word) for n, word in ((errors, "error"), (warnings, "warning")) if n)
        return f"{spec}: {counts}" + (" (--strict fails a file on warnings)" if not errors else "")
    scenario = checked.scenario
    return (f"{spec}: valid ({scenario.title}: {_count(len(scenario.allies), 'ally', 'allies')}, "
            f"{_count(len(scenario.leaders), 'leader')}, {_count(len(scenario.issues), 'issue')}"
            + (f"; {_count(warnings, 'warning')}" if warnings else "") + ")")


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
        raise UsageError(f"{command}: {args.out}: name a .yaml file, e.g. my_summit.yaml")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", out.stem):
        suggestion = re.sub(r"[^a-z0-9_]+", "_", out.stem.lower()).strip("_") or "my_scenario"
        if not suggestion[0].isalpha():
            suggestion = "s_" + suggestion
        raise UsageError(f"{command}: {args.out}: the file name becomes the scenario's id, which is lower-case "
                         f"letters, digits and _ starting with a letter; try {out.with_name(suggestion + '.yaml')}")
    try:
        if out.exists():
            raise UsageError(f"{command}: {args.out} exists; choose another name (nothing was written)")
        if not out.parent.is_dir():
            raise UsageError(f"{command}: {args.out}: the folder {out.parent} does not exist")
    except OSError as error:   # e.g. a name longer than the system allows
        raise UsageError(f"{command}: {args.out}: cannot write: {error.strerror or error}") from None
    if args.source is not None:
        if args.source not in bundled_ids():
            from ..scenario.checks import did_you_mean
            raise UsageError(f"{command}: --from {args.source}: no bundled scenario has that id"
                             f"{did_you_mean(args.source, bundled_ids())}")
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
        raise UsageError(f"{command}: {args.out}: cannot write: {error.strerror or error}") from None
    print(for_terminal(f"Wrote {out}" + (f" (a copy of {args.source})" if args.source else "") +
                       f". Check it with: summit validate {out}   Play it with: summit play {out}"))
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
        raise UsageError(f"summit migrate: nothing written: {checked.errors[0]}"
                         + (f" (and {more} more: summit validate {args.file} lists them)" if more > 0 else ""))
    if checked.scenario.schema_ == 2:
        print(for_terminal(f"{args.file} is already in scenario format 2; nothing to do."))
        return 0
    text = checked.text
    line = re.compile(r"^schema:[ \t]*1\b", re.MULTILINE)
    if line.search(text) is None:
        raise UsageError(f"{command}: no top-level 'schema: 1' line to rewrite (write 'schema: 2' by hand)")
    migrated = line.sub("schema: 2", text, count=1)
    out = Path(args.out) if args.out else path
    again = check_bytes(migrated.encode("utf-8"), str(out), names(), expected_id=out.stem)
    if again.scenario is None:   # cannot happen for a valid format-1 file; never write a broken one
        raise UsageError(f"{command}: the rewritten file would not load: {again.errors[0]}")
    try:
        if args.out:
            if out.exists():
                raise UsageError(f"{command}: {args.out} exists; choose another name (nothing was written)")
            write_atomically(out, migrated)
        else:
            backup = path.with_name(path.name + ".bak")
            if os.path.lexists(backup):   # an earlier backup (or anything else of that name) is never replaced
                raise UsageError(for_terminal(f"{command}: {backup} exists; move it away, or write the new file "
                                              "elsewhere with --out (nothing was written)"))
            write_atomically(out, migrated, backup=backup)
    except OSError as error:
        raise UsageError(f"{command}: cannot write {out}: {error.strerror or error}") from None
    kept = "" if args.out else f" (the format-1 file is kept as {path.name}.bak)"
    print(for_terminal(f"Wrote {out} in scenario format 2{kept}. Its new fields are in docs/scenario-format.md."))
    return 0


def cmd_scenarios(args) -> int:
    from ..agents import names
    from ..scenario.catalogue import bundled_dir, bundled_ids, check

    for scenario_id in bundled_ids():
        checked = check(str(bundled_dir() / f"{scenario_id}.yaml"), names())
        if checked.scenario is None:
            print(f"{scenario_id:28} (invalid: {checked.errors[0].message})")
        else:
            s = checked.scenario
            print(f"{scenario_id:28} {s.year}  {len(s.allies):>2} allies  {s.title}")
    return 0


def cmd_agents(args) -> int:
    from ..agents import AGENTS

    for name in sorted(AGENTS):
        print(f"{name:20} {AGENTS[name].description}")
    return 0

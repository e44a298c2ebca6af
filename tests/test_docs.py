"""The scenario reference (docs/scenario-format.md) against the format itself: a field added to the
schema and not to the reference fails here, and so does a field the reference describes that is gone."""

from __future__ import annotations

import re
from pathlib import Path

from game.cli.scenarios import schema_text

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")


def _fields(schema: dict) -> set[str]:
    """Every property name of the scenario and of every object inside it."""
    names = set(schema.get("properties", {}))
    for definition in schema.get("$defs", {}).values():
        names |= set(definition.get("properties", {}))
    return names


def _documented() -> set[str]:
    """Field names the reference shows: keys in its YAML example, and names in backticks."""
    example = "\n".join(re.findall(r"```yaml\n(.*?)```", REFERENCE, re.S))
    keys = set(re.findall(r"(?:^|[{,\s-])([a-z_][a-z0-9_]*):", example, re.M))
    return keys | set(re.findall(r"`([a-z_][a-z0-9_]*)`", REFERENCE))


def test_every_field_of_the_format_is_in_the_reference():
    import json
    missing = sorted(_fields(json.loads(schema_text())) - _documented())
    assert not missing, f"docs/scenario-format.md does not describe: {', '.join(missing)}"


def test_the_reference_names_no_top_level_field_the_format_lacks():
    import json
    schema = json.loads(schema_text())
    example = re.findall(r"```yaml\n(.*?)```", REFERENCE, re.S)[0]
    top_level = set(re.findall(r"^([a-z_][a-z0-9_]*):", example, re.M))
    assert top_level <= set(schema["properties"]), sorted(top_level - set(schema["properties"]))


# ----- the teacher's guide ---------------------------------------------------------------------------------

GUIDE = (ROOT / "docs" / "teachers-guide.md").read_text(encoding="utf-8")


def test_the_teachers_guide_covers_every_bundled_scenario_and_every_line_of_the_participation_record():
    import dataclasses

    from game.scenario.catalogue import bundled_ids
    from game.engine.participation import Participation

    missing = [s for s in bundled_ids() if f"`{s}`" not in GUIDE]
    assert not missing, f"docs/teachers-guide.md does not say what these scenarios teach: {missing}"
    # the rubric grades from the record, so each count must be explained in the guide (in any wording)
    explained = {"proposals": "proposals", "statements": "statements", "pledges": "pledges",
                 "carve_outs_asked": "carve-outs asked", "objections": "objections",
                 "coalitions_joined": "coalitions joined", "promises_made": "promises made",
                 "promises_kept": "kept", "promises_broken": "broken", "threats_made": "threats made",
                 "threats_carried_out": "carried out", "threats_that_worked": "that worked", "bluffs": "bluffs"}
    assert set(explained) == {f.name for f in dataclasses.fields(Participation)}, "a new line in the participation record needs its words in the guide"
    assert [name for name, text in explained.items() if text not in GUIDE] == []


def test_the_commands_the_guide_tells_teachers_to_run_exist():
    from game.cli.parser import _parser

    commands = set(_parser()._subparsers._group_actions[0].choices)
    named = set(re.findall(r"`summit ([a-z-]+)", GUIDE))
    assert named and named <= commands, named - commands


# ----- the README's developer section ---------------------------------------------------------------------

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_names_every_part_of_the_code():
    parts = sorted(path.parent.name for path in (ROOT / "game").glob("*/__init__.py"))
    layout = README.split("### How the code is laid out", 1)[1].split("\n## ", 1)[0]
    missing = [part for part in parts if f"`game/{part}/`" not in layout]
    assert parts and not missing, f"README's 'How the code is laid out' does not describe: {missing}"


def test_the_readmes_python_examples_run(tmp_path, monkeypatch, capsys):
    """A newcomer copies these: their imports must exist and the headless game must play."""
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    assert len(blocks) >= 2
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme_example"})
    printed = capsys.readouterr().out.split()
    assert printed and printed[0] in {"True", "False"}, printed   # result.agreed, then the terms and scores


AGENTS_DOC = (ROOT / "docs" / "agents.md").read_text(encoding="utf-8")


def test_the_agents_reference_names_every_observation_field_method_and_action():
    """docs/agents.md against the engine: a field, method or action added and not documented fails here."""
    import dataclasses
    import inspect

    from game.engine import Observation
    from game.engine.actions import ACTION_TYPES, TeacherAction
    named = set(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)", AGENTS_DOC))
    fields = {field.name for field in dataclasses.fields(Observation) if not field.name.startswith("_")}
    methods = {name for name, _ in inspect.getmembers(Observation, inspect.isfunction) if not name.startswith("_")}
    methods.discard("build")   # the engine's, not an agent's
    actions = {kind.__name__ for kind in ACTION_TYPES.values()} | {"AgentError", "TeacherAction"}
    assert not sorted((fields | methods | actions) - named), sorted((fields | methods | actions) - named)
    assert issubclass(ACTION_TYPES["end_now"], TeacherAction)


def test_the_agents_reference_example_runs(tmp_path, capsys, agent_registry):
    """The smallest agent of docs/agents.md, as printed there, plays a game."""
    from game.cli import main
    code = re.search(r"```python\n(.*?)```", AGENTS_DOC, re.S).group(1)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "cautious.py").write_text(code, encoding="utf-8")
    assert main(["run", "tutorial", "--agents-path", str(tmp_path / "mine"), "--agents", "tusk=cautious"]) == 0

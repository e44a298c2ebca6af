"""The scenario reference (docs/scenario-format.md) against the format itself: a field added to the
schema and not to the reference fails here, and so does a field the reference describes that is gone."""

from __future__ import annotations

import re
from pathlib import Path

from game.cli import schema_text

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

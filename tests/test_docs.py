"""The scenario reference (docs/scenario-format.md) against the format itself: a field added to the
schema and not to the reference fails here, and so does a field the reference describes that is gone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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


# ----- the teacher's guide in French ------------------------------------------------------------------------

GUIDE_FR = (ROOT / "docs" / "teachers-guide.fr.md").read_text(encoding="utf-8")
NBSP = "\u00a0"


def _headings(guide: str, level: str) -> list[str]:
    return re.findall(rf"^{level} (.+)$", guide, re.M)


FENCED = re.compile(r"^```([a-z]*)\n(.*?)^```$", re.M | re.S)


def _commands(guide: str) -> list[str]:
    """Every `summit` command the guide shows, in order (code blocks and inline code), with its words and
    without `--lang fr` or a block's trailing comment: what a teacher types, whatever the language around it."""
    code = re.findall(r"^```[a-z]*\n(.*?)^```$|`([^`]+)`", guide, re.M | re.S)
    commands = []
    for block, inline in code:
        lines = [re.sub(r"\s+#.*$", "", line) for line in block.splitlines()] if block else [inline]
        words = [" ".join(line.replace("--lang fr", "").split()) for line in lines]
        commands += [command for command in words if command.startswith("summit ")]
    return commands


def test_the_french_guide_has_the_english_guides_sections_and_commands():
    for level in ("##", "###"):
        assert len(_headings(GUIDE_FR, level)) == len(_headings(GUIDE, level)), (level, _headings(GUIDE_FR, level))
    assert _commands(GUIDE) and _commands(GUIDE_FR) == _commands(GUIDE)
    # a French class's commands say so; the commands are the README's (the same check as the English guide's)
    for command in ("summit brief", "summit play", "summit debrief"):
        assert f"{command} " in GUIDE_FR and all("--lang fr" in line for line in re.findall(
            rf"`({command} [^`]*)`", GUIDE_FR)), command
    from game.cli.parser import _parser
    named = set(re.findall(r"`summit ([a-z-]+)", GUIDE_FR))
    assert named and named <= set(_parser()._subparsers._group_actions[0].choices)


def test_the_french_guide_covers_every_bundled_scenario_and_every_line_of_the_participation_record():
    import dataclasses

    from game.engine.participation import Participation
    from game.scenario.catalogue import bundled_ids

    missing = [s for s in bundled_ids() if f"`{s}`" not in GUIDE_FR]
    assert not missing, f"docs/teachers-guide.fr.md does not say what these scenarios teach: {missing}"
    explained = {"proposals": "propositions", "statements": "déclarations", "pledges": "engagements nationaux",
                 "carve_outs_asked": "dérogations demandées", "objections": "objections",
                 "coalitions_joined": "coalitions rejointes", "promises_made": "promesses faites",
                 "promises_kept": "tenues", "promises_broken": "rompues", "threats_made": "menaces faites",
                 "threats_carried_out": "mises à exécution", "threats_that_worked": "ont porté", "bluffs": "bluffs"}
    assert set(explained) == {f.name for f in dataclasses.fields(Participation)}, "a new line in the participation record needs its words in the French guide"
    record = GUIDE_FR.split("### Le relevé de participation", 1)[1].split("\n## ", 1)[0]
    assert [name for name, text in explained.items() if text not in record] == []


def _prose(doc: str) -> str:
    """A Markdown page without its code, generated block, comments and links' targets: the words a reader reads."""
    return re.sub(r"^```.*?^```$|<!-- objectives:.*?<!-- end of objectives -->|<!--.*?-->|`[^`]*`|\]\([^)]*\)", " ", doc,
                  flags=re.S | re.M)


@pytest.mark.parametrize("doc", ["teachers-guide.fr.md", "agents.fr.md"])
def test_the_french_pages_keep_french_typography_and_natos_words(doc):
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    prose = _prose(text)
    # a no-break space before : ; ? ! and %, and inside guillemets (English quoted from the screens, "How did it
    # feel?", has none)
    assert not re.findall(r".{12}[ \t\n][:;?!].{0,12}", prose), re.findall(r".{12}[ \t\n][:;?!].{0,12}", prose)[:5]
    # (a figure in English words, "the 2% floor" in the glossary, keeps its English spelling)
    wrong = re.findall(r".{12}(?:[0-9][ \t\n]%|[0-9],[0-9]+%)", prose)
    assert not wrong, wrong[:5]
    assert prose.count("«") == prose.count(f"«{NBSP}") and prose.count("»") == prose.count(f"{NBSP}»")
    # one word for one thing: a carve-out is a "dérogation", the silence procedure NATO's own name for it
    assert "dérogation" in prose and "délai particulier" not in prose
    assert "procédure d'approbation tacite" in prose and "procédure de silence" not in prose
    assert "Secrétaire général" in prose and "secrétaire général" not in prose


def test_the_french_guides_glossary_gives_the_words_of_the_screens():
    glossary = GUIDE_FR.split("**Vocabulaire.**", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| (.+?) \| (.+?) \|$", glossary, re.M))
    for english, french in [("carve-out", "dérogation"), ("silence procedure", "procédure d'approbation tacite"),
                            ("US guarantee", "garantie américaine"), ("Secretary General", "Secrétaire général"),
                            ("the 2% floor", f"seuil de 2{NBSP}%"), ("NATO", "l'OTAN")]:
        assert any(english in screen and french in ours for screen, ours in rows.items()), (english, french)


@pytest.mark.parametrize("doc", ["teachers-guide.md", "teachers-guide.fr.md", "agents.md", "agents.fr.md"])
def test_every_link_of_the_guides_points_to_a_file_that_exists(doc):
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    targets = [target.split("#", 1)[0] for target in re.findall(r"\]\(([^)\s]+)\)", text)]
    local = [target for target in targets if target and not re.match(r"[a-z]+:", target)]
    assert [target for target in local if not (ROOT / "docs" / target).exists()] == []
    if doc.endswith(".fr.md"):   # a French page links its English original
        assert doc.replace(".fr.md", ".md") in local


def test_the_readme_links_the_french_pages_beside_the_teachers_guide():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    teachers = readme.split("**Teachers:**", 1)[1].split("\n## ", 1)[0]
    for page in ("docs/teachers-guide.fr.md", "docs/agents.fr.md"):
        assert f"]({page})" in teachers and (ROOT / page).exists(), page


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
AGENTS_DOCS = {"docs/agents.md": AGENTS_DOC, "docs/agents.fr.md": (ROOT / "docs" / "agents.fr.md").read_text(encoding="utf-8")}


@pytest.mark.parametrize("doc", sorted(AGENTS_DOCS))
def test_the_agents_reference_names_every_observation_field_method_and_action(doc):
    """docs/agents.md (and its French) against the engine: a field, method or action added and not documented
    fails here."""
    import dataclasses
    import inspect

    from game.engine import Observation
    from game.engine.actions import ACTION_TYPES, TeacherAction
    named = set(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)", AGENTS_DOCS[doc]))
    fields = {field.name for field in dataclasses.fields(Observation) if not field.name.startswith("_")}
    methods = {name for name, _ in inspect.getmembers(Observation, inspect.isfunction) if not name.startswith("_")}
    methods.discard("build")   # the engine's, not an agent's
    actions = {kind.__name__ for kind in ACTION_TYPES.values()} | {"AgentError", "TeacherAction"}
    assert not sorted((fields | methods | actions) - named), (doc, sorted((fields | methods | actions) - named))
    assert issubclass(ACTION_TYPES["end_now"], TeacherAction)


def _python_blocks(doc: str) -> list[str]:
    return [body for language, body in FENCED.findall(doc) if language == "python"]


def _code_without_comments(code: str) -> list[tuple[int, str]]:
    """The code's tokens, comments left out: the French may say in French what a comment says for the reader."""
    import io
    import tokenize

    skipped = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING}
    return [(token.type, token.string) for token in tokenize.generate_tokens(io.StringIO(code).readline)
            if token.type not in skipped]


def test_the_french_agents_reference_shows_the_same_code():
    """docs/agents.fr.md's examples are docs/agents.md's, token for token (only comments may be translated),
    and its other code blocks are the same, so the two pages cannot drift apart."""
    english, french = AGENTS_DOC, AGENTS_DOCS["docs/agents.fr.md"]
    assert _python_blocks(english) and len(_python_blocks(french)) == len(_python_blocks(english))
    for ours, theirs in zip(_python_blocks(french), _python_blocks(english)):
        assert _code_without_comments(ours) == _code_without_comments(theirs)
    others = [[body for language, body in FENCED.findall(doc) if language != "python"] for doc in (english, french)]
    assert others[0] and others[1] == others[0]


@pytest.mark.parametrize("doc", sorted(AGENTS_DOCS))
def test_the_agents_reference_example_runs(doc, tmp_path, capsys, agent_registry):
    """The smallest agent of docs/agents.md (and of its French), as printed there, plays a game."""
    from game.cli import main
    code = _python_blocks(AGENTS_DOCS[doc])[0]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "cautious.py").write_text(code, encoding="utf-8")
    assert main(["run", "tutorial", "--agents-path", str(tmp_path / "mine"), "--agents", "tusk=cautious"]) == 0

"""Member archetypes: a named preset of traits that a leader's own `traits` override field by field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import game.agents
from game.cli import main
from game.scenario import Traits, check_bytes
from game.scenario.model import ARCHETYPE_TRAITS, Archetype

ROOT = Path(__file__).resolve().parent.parent
MINI_TEXT = (ROOT / "tests" / "fixtures" / "mini.yaml").read_text(encoding="utf-8")
SANCHEZ_AGENT = "    ally: spain\n    agent: member\n"   # where Sánchez's leader entry can take more keys
NAMES = ("frontline", "fiscally_constrained", "large_european", "steady")


def _mini_with_sanchez(*lines: str) -> str:
    """The mini fixture's text with extra lines in Sánchez's leader entry."""
    assert MINI_TEXT.count(SANCHEZ_AGENT) == 1
    return MINI_TEXT.replace(SANCHEZ_AGENT, SANCHEZ_AGENT + "".join(f"    {line}\n" for line in lines))


def _check(text: str):
    return check_bytes(text.encode("utf-8"), "variant.yaml", game.agents.names())


def _sanchez_traits(*lines: str) -> Traits:
    checked = _check(_mini_with_sanchez(*lines))
    assert checked.errors == (), "\n".join(map(str, checked.errors))
    return checked.scenario.leader("sanchez").traits


def test_every_archetype_has_a_preset_and_the_names_are_the_documented_ones():
    assert tuple(archetype.value for archetype in Archetype) == NAMES
    assert set(ARCHETYPE_TRAITS) == set(Archetype)


@pytest.mark.parametrize("name", NAMES)
def test_an_archetype_gives_its_preset_traits(name):
    traits = _sanchez_traits(f"archetype: {name}")
    preset = ARCHETYPE_TRAITS[Archetype(name)]
    assert (traits.patience, traits.assertiveness, traits.trust) == (preset.patience, preset.assertiveness, {})


def test_the_presets_match_their_words():
    frontline = ARCHETYPE_TRAITS[Archetype.FRONTLINE]
    constrained = ARCHETYPE_TRAITS[Archetype.FISCALLY_CONSTRAINED]
    large = ARCHETYPE_TRAITS[Archetype.LARGE_EUROPEAN]
    steady = ARCHETYPE_TRAITS[Archetype.STEADY]
    assert frontline.assertiveness > steady.assertiveness > constrained.assertiveness
    assert frontline.patience < steady.patience < large.patience < constrained.patience
    assert steady.assertiveness < large.assertiveness < frontline.assertiveness
    assert (steady.patience, steady.assertiveness) == (Traits().patience, Traits().assertiveness)


def test_a_trait_the_file_sets_wins_and_the_others_come_from_the_preset():
    traits = _sanchez_traits("archetype: frontline", "traits: {patience: 0.9}")
    assert traits.patience == 0.9
    assert traits.assertiveness == ARCHETYPE_TRAITS[Archetype.FRONTLINE].assertiveness


def test_a_trait_set_to_the_default_value_still_wins():
    traits = _sanchez_traits("archetype: frontline", "traits: {assertiveness: 0.5}")
    assert traits.assertiveness == 0.5
    assert traits.patience == ARCHETYPE_TRAITS[Archetype.FRONTLINE].patience


def test_trust_is_kept_alongside_the_preset():
    traits = _sanchez_traits("archetype: fiscally_constrained", "traits: {trust: {trump: 0.2}}")
    assert traits.trust == {"trump": 0.2}
    assert traits.patience == ARCHETYPE_TRAITS[Archetype.FISCALLY_CONSTRAINED].patience


def test_without_an_archetype_the_defaults_apply_as_before():
    checked = _check(MINI_TEXT)
    assert checked.errors == ()
    assert checked.scenario.leader("sanchez").archetype is None
    assert checked.scenario.leader("sanchez").traits == Traits(patience=0.5, assertiveness=0.5, trust={})
    trump = checked.scenario.leader("trump").traits
    assert (trump.patience, trump.assertiveness) == (0.3, 0.9)


def test_an_unknown_archetype_is_located_and_suggests_the_name():
    text = _mini_with_sanchez("archetype: frontlne")
    checked = _check(text)
    assert checked.scenario is None
    assert len(checked.problems) == 1
    problem = checked.problems[0]
    line = text.splitlines().index("    archetype: frontlne") + 1
    assert (problem.line, problem.column, problem.path) == (line, 16, "leaders[3].archetype")
    assert "found 'frontlne'" in problem.message
    assert "(did you mean 'frontline'?)" in problem.message
    assert str(problem).startswith(f"variant.yaml:{line}:16: leaders[3].archetype: expected 'frontline', ")


def test_a_misspelt_archetype_key_suggests_the_key():
    checked = _check(_mini_with_sanchez("archetyp: steady"))
    assert [problem.path for problem in checked.problems] == ["leaders[3].archetyp"]
    assert "did you mean 'archetype'?" in checked.problems[0].message


def test_the_schema_lists_the_four_archetypes(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    leader = schema["properties"]["leaders"]["items"]["$ref"].rsplit("/", 1)[-1]
    field = schema["$defs"][leader]["properties"]["archetype"]
    named = field["anyOf"][0]["$ref"].rsplit("/", 1)[-1]
    assert schema["$defs"][named]["enum"] == list(NAMES)

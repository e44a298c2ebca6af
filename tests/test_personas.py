"""Personas: the same role played with different words and a different strategy (docs/scenario-format.md)."""

import re

from game.agents import agents_for, describe_player, names
from game.engine import Game, outcome, play
from game.report.account import account
from game.report.briefing import computer_players
from game.scenario import check_bytes
from game.scenario.catalogue import check
from game.scenario.model import PERSONAS

WALES = check("wales_2014", names()).scenario
RUTTE = check("rutte_washington_2025", names()).scenario
TRUMP_LINE = "will not defend allies who do not pay their bills"


def _with_persona(scenario, leader_id, persona):
    leaders = tuple(l.model_copy(update={"persona": persona}) if l.id == leader_id else l for l in scenario.leaders)
    return scenario.model_copy(update={"leaders": leaders})


def _texts(scenario, seeds, who):
    said, carried_out = [], 0
    for seed in seeds:
        game = Game(scenario, seed)
        state = play(game, agents_for(scenario))
        for entry in state.history:
            if entry.type == "action" and entry.actor == who:
                action = entry.data["action"]
                said.append(action["reason"])
                carried_out += action["kind"] == "break_silence" and "does what it says" in action["reason"]
    return said, carried_out


def test_obama_in_2014_does_not_speak_like_trump_in_2025():
    obama, obama_blocks = _texts(WALES, range(6), "obama")
    trump, _ = _texts(RUTTE, range(6), "trump")
    assert any(TRUMP_LINE in text or "free riders" in text for text in trump)
    assert not any(TRUMP_LINE in text or "free riders" in text for text in obama)
    assert obama_blocks == 0, "an institutionalist never blocks a text to make a threat good"


def test_the_same_role_changes_words_and_deeds_with_its_persona():
    transactional, blocks = _texts(_with_persona(WALES, "obama", "transactional"), range(6), "obama")
    assert any(TRUMP_LINE in text or "free riders" in text for text in transactional)
    institutional, _ = _texts(_with_persona(RUTTE, "trump", "institutionalist"), range(6), "trump")
    assert not any(TRUMP_LINE in text for text in institutional)
    assert any("ironclad" in text or "every ally must invest" in text or "share the burden" in text
               for text in institutional)


def test_a_pushing_chair_moves_the_text_further_towards_its_ambition():
    def core_targets(scenario):
        values = []
        for seed in range(4):
            game = Game(scenario, seed)
            state = play(game, agents_for(scenario))
            values += [entry.data["action"]["draft"]["core_target"] for entry in state.history
                       if entry.type == "action" and entry.data["action"]["kind"] == "table" and entry.round > 1]
        return sum(values) / len(values)
    # Rutte's ideal core target is above what the room accepts: a pusher keeps the drafts higher
    assert core_targets(_with_persona(RUTTE, "rutte", "pusher")) > core_targets(RUTTE)


def test_briefings_describe_the_persona_not_the_module():
    me = next(l for l in WALES.leaders if l.id == "merkel")
    players = {words for _, _, words in computer_players(WALES, me)}
    assert PERSONAS["us_president"]["institutionalist"] in players
    assert PERSONAS["secretary_general"]["mediator"] in players
    from game.agents import explain
    assert describe_player(WALES, "obama", "random") == explain("random"), "a baseline agent plays no persona"


def test_an_unknown_persona_is_a_located_error_that_lists_the_personas_of_the_role():
    text = RUTTE.source_text.replace("  - id: trump\n", "  - id: trump\n    persona: hawk\n", 1)
    problems = [p for p in check_bytes(text.encode(), "rutte.yaml").problems if p.severity == "error"]
    assert len(problems) == 1
    assert problems[0].path.endswith(".persona") and "transactional, institutionalist" in problems[0].message


def test_a_red_line_may_cite_its_source_and_an_unknown_one_is_located():
    text = RUTTE.source_text
    cited = text.replace("core_target: {ideal: 2.1", "core_target: {source: trump_2025, ideal: 2.1", 1)
    assert cited != text
    assert check_bytes(cited.encode(), "rutte.yaml").scenario is not None
    wrong = text.replace("core_target: {ideal: 2.1", "core_target: {source: sanchez_2031, ideal: 2.1", 1)
    [problem] = [p for p in check_bytes(wrong.encode(), "rutte.yaml").problems if p.severity == "error"]
    assert problem.path.endswith("core_target.source") and "unknown source 'sanchez_2031'" in problem.message

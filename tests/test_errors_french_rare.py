"""The rare errors in French too: a percentage inside an engine's refusal, the numbers of `summit inspect`'s
changes, a debrief's logs of two scenarios, the tournament's rejected entries, an isolated agent's failure and
the rarely met ValueErrors of the bilateral protocol and the Session. Each French line holds no English words
and writes its numbers as French does; the English line is the same as before, byte for byte."""

from __future__ import annotations

import dataclasses

import pytest

from game import i18n
from game.i18n import error_text, localize

from test_errors_french import NBSP, NNBSP, english_words


def _consulting(mini, leader):
    from game.engine import Game, Pass, Phase

    game = Game(mini, seed=1)
    state = game.new_initial_state()
    while not (state.phase == Phase.CONSULTATIONS and game.current_actor(state) == leader):
        state = game.apply(state, Pass(game.current_actor(state), "nothing"))
    return game, state


def test_a_refusal_writes_its_percentage_as_the_language_does(mini):
    from game.engine import IllegalActionError, Pledge, Threat

    game, state = _consulting(mini, "tusk")
    too_high = game.why_illegal(state, Pledge("tusk", "all in", level=11.0, year=2030))
    assert too_high == "a pledge is a level between 0 and 10% GDP"
    with i18n.using("fr"):
        assert localize(too_high) == f"un engagement est un niveau compris entre 0 et 10{NBSP}% du PIB"
    with pytest.raises(IllegalActionError) as refused:
        game.apply(state, Threat("tusk", "pay", target="sanchez", demand=12.0))
    assert str(refused.value).endswith("the demand is a pledge level between 0 and 10% GDP")
    with i18n.using("fr"):
        assert error_text(refused.value).endswith(f"entre 0 et 10{NBSP}% du PIB") and "10%" not in error_text(refused.value)
    pledged = dataclasses.replace(state, pledges=(("poland", (4.5, 2030)),))
    less = game.why_illegal(pledged, Pledge("tusk", "less", level=4.0, year=2030))
    assert less.startswith("Poland has pledged 4.5% GDP by 2030; a new pledge must be more ambitious")
    with i18n.using("fr"):
        said = localize(less)
    assert said.startswith(f"l'engagement de la Pologne est de 4,5{NBSP}% du PIB d'ici 2030{NNBSP};"), said
    assert not english_words(said)


def test_inspects_changes_write_their_numbers_in_the_language(capsys):
    from cli_support import cli

    code, english, _ = cli(capsys, "inspect", "bucharest_2008", "--lang", "en")
    assert code == 0 and "name_agreed: karamanlis red_line on macedonia: lifted; karamanlis weight on macedonia: 0.05." \
        in english
    code, french, _ = cli(capsys, "inspect", "bucharest_2008", "--lang", "fr")
    line = next(line for line in french.splitlines() if "name_agreed" in line)
    assert line.endswith(f"karamanlis{NBSP}: poids de macedonia{NBSP}: 0,05.") and "0.05" not in french
    code, as_json, _ = cli(capsys, "inspect", "bucharest_2008", "--json", "--lang", "fr")
    assert code == 0 and "karamanlis weight on macedonia: 0.05" in as_json   # the JSON's values stay English


def test_a_general_number_follows_pythons_g_and_the_languages_signs():
    from game.analysis.inspect import _rated
    from game.i18n import general

    assert (general(0.05, signed=True), general(-1.5, signed=True), general(2032.0), general(1e-7)) == \
        ("+0.05", "-1.5", "2032", "1e-07")
    assert _rated({"hybrid": 0.5, "cyber": 1.0}) == "hybrid 0.5, cyber 1"
    with i18n.using("fr"):
        assert (general(0.05, signed=True), general(-1.5, signed=True), general(2032.0)) == ("+0,05", "-1,5", "2032")
        assert _rated({"hybrid": 0.5, "cyber": 1.0}) == "hybrid 0,5, cyber 1"

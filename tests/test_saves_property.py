"""Property: a game cut at any point saves and loads to the same game, and playing on from the original and
from the loaded copy with the same moves gives identical saves and identical live logs.

Hypothesis draws the scenario (every bundled summit), the seed, who is played by people, the point where the
game is cut, how often the teacher steps in (an event now, undo, end now, seat swaps, names typed) and the
seed of the moves; people make random legal moves of every kind (tests/play_support.py). The default suite
tries a few dozen games; `make test-slow` tries 1,000.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from play_support import step

from game.scenario.catalogue import bundled_ids, check
from game.play.session import Session, load

SCENARIOS = {sid: check(sid).scenario for sid in bundled_ids() if not check(sid).scenario.is_bilateral}
SUMMITS = tuple(SCENARIOS)


def _play(session: Session, rng: np.random.Generator, steps: int, teacher: float) -> None:
    for _ in range(steps):
        if session.over:
            return
        step(session, rng, teacher)


def _log_body(session: Session) -> str:
    """What the live log must hold: the save without its closing `save` line."""
    text = session.save_text()
    return text[: text.rstrip("\n").rfind("\n") + 1]


games = st.fixed_dictionaries({
    "scenario": st.sampled_from(SUMMITS),
    "seed": st.integers(0, 2**32 - 1),
    "humans": st.integers(0, 2**40 - 1),           # a bit per leader: people in those roles
    "people": st.sampled_from([0.0, 0.1, 0.3, 1.0]),  # or: every leader is a person with this chance
    "names": st.dictionaries(st.integers(0, 40), st.text(max_size=12), max_size=3),
    "cut": st.integers(0, 700),                       # steps played before the save
    "more": st.integers(0, 700),                      # steps played on after it
    "teacher": st.sampled_from([0.0, 0.0, 0.02, 0.1]),
    "moves": st.integers(0, 2**32 - 1),
})


def _check_round_trip(tmp_path, game: dict) -> None:
    scenario = SCENARIOS[game["scenario"]]
    leaders = [leader.id for leader in scenario.leaders]
    if game["people"] == 0.0:
        humans = tuple(lid for index, lid in enumerate(leaders) if (game["humans"] >> index) & 1)
    else:
        chance = np.random.default_rng(game["humans"])
        humans = tuple(lid for lid in leaders if chance.random() < game["people"])
    players = {leaders[index % len(leaders)]: name for index, name in game["names"].items()}
    session = Session(scenario, game["seed"], humans, players)
    folder = tmp_path / f"{game['scenario']}-{game['seed']}-{game['moves']}"
    live = session.keep_log(folder / "original.jsonl")
    rng = np.random.default_rng(game["moves"])
    _play(session, rng, game["cut"], game["teacher"])
    assert live.read_text(encoding="utf-8") == _log_body(session)

    loaded = load(session.save(folder / "cut.summit"))
    assert loaded.state == session.state
    assert (loaded.humans, loaded.seed, loaded.players) == (session.humans, session.seed, session.players)
    assert loaded.scenario.id == scenario.id and loaded.scenario.information == scenario.information
    assert loaded.save_text() == session.save_text()

    loaded_live = loaded.keep_log(folder / "loaded.jsonl")
    after = int(np.random.default_rng(game["moves"] + 1).integers(2**32))
    _play(session, np.random.default_rng(after), game["more"], game["teacher"])
    _play(loaded, np.random.default_rng(after), game["more"], game["teacher"])
    assert loaded.state == session.state
    assert loaded.save_text() == session.save_text()
    assert loaded_live.read_text(encoding="utf-8") == live.read_text(encoding="utf-8") == _log_body(session)
    assert session.log_error is None and loaded.log_error is None


COMMON = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                    HealthCheck.too_slow])


@settings(max_examples=24, derandomize=True, **COMMON)
@given(game=games)
def test_a_game_cut_anywhere_saves_loads_and_plays_on_identically(tmp_path, game):
    _check_round_trip(tmp_path, game)


@pytest.mark.slow
@settings(max_examples=1000, **COMMON)
@given(game=games)
def test_a_thousand_games_cut_anywhere_save_load_and_play_on_identically(tmp_path, game):
    _check_round_trip(tmp_path, game)

"""Saving and loading a game in progress: a save replays to the same game, and a damaged save is refused
with a message naming the file, leaving it untouched."""

import json

import numpy as np
import pytest

from game.scenario.catalogue import check
from game.engine import Pass
from game.play.save_list import peek
from game.play.session import SaveError, Session, load


def _tutorial():
    return check("tutorial").scenario


def _play(session: Session, human_moves: int | None = None) -> Session:
    """Agents play; the humans pass. Stops after human_moves human moves (None: to the end)."""
    made = 0
    while not session.over:
        if session.waiting_for_human:
            if human_moves is not None and made >= human_moves:
                break
            session.submit(Pass(session.actor))
            made += 1
        else:
            session.agent_move()
    return session


@pytest.mark.parametrize("cut", [0, 1, 3, 7])
def test_a_saved_game_loads_to_the_same_state_and_plays_on_identically(tmp_path, cut):
    scenario = _tutorial()
    session = _play(Session(scenario, 11, ("sanchez",)), human_moves=cut)
    path = session.save(tmp_path / "game.summit")
    loaded = load(path)
    assert loaded.state == session.state
    assert loaded.humans == ("sanchez",) and loaded.seed == 11
    _play(session), _play(loaded)
    assert loaded.save_text() == session.save_text()
    assert loaded.outcome().to_json() == session.outcome().to_json()


def test_random_cut_points_over_several_seeds_round_trip(tmp_path):
    rng = np.random.default_rng(5)
    scenario = _tutorial()
    for seed in range(4):
        cut = int(rng.integers(0, 12))
        session = _play(Session(scenario, seed, ("tusk", "rutte")), human_moves=cut)
        loaded = load(session.save(tmp_path / f"{seed}.summit"))
        assert loaded.state == session.state


def test_peek_reads_the_summary_without_replaying(tmp_path):
    session = _play(Session(_tutorial(), 2, ("sanchez",)), human_moves=4)
    info = peek(session.save(tmp_path / "x.summit"))
    assert (info.scenario_id, info.title, info.humans, info.over) == ("tutorial", "Tutorial: five at the table", ("sanchez",), False)
    assert info.round == session.state.round


def _saved(tmp_path) -> tuple:
    session = _play(Session(_tutorial(), 3, ("sanchez",)), human_moves=3)
    path = session.save(tmp_path / "game.summit")
    return path, path.read_bytes()


def _edit_a_move(text: str) -> str:
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if '"type":"action"' in line)
    lines[index] = lines[index].replace('"reason":"', '"reason":"EDITED ', 1)
    return "\n".join(lines) + "\n"


def _future(text: str) -> str:
    lines = text.splitlines()
    closing = json.loads(lines[-1])
    closing["save_format"] = 99
    lines[-1] = json.dumps(closing)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("damage, expected", [
    (lambda text: text[: len(text) // 2], "incomplete"),
    (lambda text: "\n".join(text.splitlines()[:-1]) + "\n", "incomplete"),
    (_edit_a_move, "changed or damaged"),
    (_future, "save format 99"),
    (lambda text: "not json at all\n", "not a Summit save line"),
    (lambda text: "", "not a Summit save"),
])
def test_a_damaged_save_is_refused_naming_the_file_and_left_untouched(tmp_path, damage, expected):
    path, original = _saved(tmp_path)
    broken = tmp_path / "broken.summit"
    broken.write_text(damage(original.decode("utf-8")), encoding="utf-8")
    before = broken.read_bytes()
    with pytest.raises(SaveError) as error:
        load(broken)
    assert str(broken) in str(error.value) and expected in str(error.value)
    assert broken.read_bytes() == before
    assert load(path).state.round >= 1  # the good save still loads


def test_binary_and_missing_files_are_clear_errors(tmp_path):
    binary = tmp_path / "b.summit"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SaveError, match="not UTF-8"):
        load(binary)
    with pytest.raises(SaveError, match="cannot read"):
        load(tmp_path / "missing.summit")


def test_saving_over_a_save_is_atomic_and_leaves_no_temporary_files(tmp_path):
    session = _play(Session(_tutorial(), 3, ("sanchez",)), human_moves=2)
    path = tmp_path / "game.summit"
    session.save(path)
    _play(session, human_moves=4)
    session.save(path)
    assert [p.name for p in tmp_path.iterdir()] == ["game.summit"]
    assert load(path).state == session.state


def test_a_human_move_out_of_turn_is_refused_and_changes_nothing():
    from game.engine import IllegalActionError
    session = Session(_tutorial(), 1, ("sanchez",))
    before = session.state
    with pytest.raises(IllegalActionError):
        session.submit(Pass("sanchez"))
    with pytest.raises(IllegalActionError, match="played by an agent"):
        session.submit(Pass("trump"))
    assert session.state == before


def test_a_seat_swap_mid_game_changes_who_moves_but_not_the_game_so_far(tmp_path):
    scenario = _tutorial()
    session = _play(Session(scenario, 8, ("sanchez", "tusk")), human_moves=3)
    history = session.state.history
    session.set_humans(["scholz"])  # both students leave; a late arrival takes Germany
    assert session.humans == ("scholz",)
    assert session.state.history == history
    _play(session)
    assert session.over and session.state.history[: len(history)] == history
    assert load(session.save(tmp_path / "swap.summit")).state == session.state
    with pytest.raises(ValueError, match="no leader 'nobody'"):
        session.set_humans(["nobody"])


def test_agents_that_take_over_a_seat_play_as_if_they_had_played_all_along():
    """An agent's move depends only on what it observes and its random stream, never on who held the
    seat before: an agent taking over Spain mid-game moves as Spain's agent would have."""
    scenario = _tutorial()
    straight = _play(Session(scenario, 4, ()))
    swapped = Session(scenario, 4, ("sanchez",))
    while not swapped.over and len(swapped.state.history) < 30:
        if swapped.waiting_for_human:
            swapped.set_humans([])
        else:
            swapped.agent_move()
    _play(swapped)
    assert swapped.state.history == straight.state.history


def test_a_save_keeps_the_information_rule_the_game_was_played_by(tmp_path):
    from game.scenario.catalogue import check
    from game.play.session import Session, load
    session = Session(check("tutorial").scenario.with_information("full"), 4, ("tusk",))
    session.agent_move()
    assert load(session.save(tmp_path / "full.summit")).scenario.information == "full"

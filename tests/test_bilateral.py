"""The bilateral protocol (Rubinstein's alternating offers), its `rational` agent and the split_the_pie scenario:
the subgame-perfect split reproduced for several discount pairs, scripted rejections, illegal moves refused,
logs that replay, the command line, and the scenario-format errors of a broken protocol block."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from game.agents import agents_for, create, names
from game.agents.rational import RationalAgent
from game.scenario.catalogue import check
from game.cli import main
from game.engine import (BilateralGame, Game, IllegalActionError, Offer, Pass, Respond, action_from_json, make_game,
                         outcome_of, play, rubinstein_share)
from game.engine.bilateral import Ending, Stage, account, subgame_perfect_share
from game.scenario import check_bytes

ROOT = Path(__file__).resolve().parent.parent
PIE = check("split_the_pie").scenario
PIE_TEXT = (ROOT / "scenarios" / "split_the_pie.yaml").read_text(encoding="utf-8")


def pie(d_a: float, d_b: float, first: str = "side_a", max_rounds: int = 200):
    """split_the_pie with other discount factors (side_a's, side_b's), first mover or round cap."""
    protocol = PIE.protocol.model_copy(update={"discount": {"side_a": d_a, "side_b": d_b}, "first": first,
                                               "max_rounds": max_rounds})
    return PIE.model_copy(update={"protocol": protocol})


def rational_game(d_a: float, d_b: float, first: str = "side_a", max_rounds: int = 200):
    game = BilateralGame(pie(d_a, d_b, first, max_rounds))
    state = play(game, agents_for(game.scenario))
    return game, state, outcome_of(game, state)


# ----- Rubinstein's result ----------------------------------------------------------------------

@pytest.mark.parametrize("d_first, d_second", [(0.9, 0.8), (0.8, 0.9), (0.95, 0.95), (0.5, 0.99), (0.99, 0.5),
                                               (0.3, 0.3)])
def test_the_first_mover_gets_rubinsteins_share_at_once(d_first, d_second):
    game, state, result = rational_game(d_first, d_second)
    expected = (1 - d_second) / (1 - d_first * d_second)
    assert result.agreed and result.round == 0 and result.rounds_played == 1
    assert abs(result.shares["side_a"] - expected) <= 0.01 * expected
    assert math.isclose(result.shares["side_a"] + result.shares["side_b"], 1.0)
    # Agreement in round 0: nothing is lost to delay.
    assert result.payoffs == result.shares


def test_the_second_side_as_first_mover_gets_the_first_movers_share():
    game, state, result = rational_game(0.9, 0.8, first="side_b")
    expected = (1 - 0.9) / (1 - 0.8 * 0.9)
    assert result.first == "side_b" and result.round == 0
    assert abs(result.shares["side_b"] - expected) <= 0.01 * expected


def test_the_more_patient_side_gets_more_all_else_equal():
    share = {d: rational_game(d, 0.8)[2].shares["side_a"] for d in (0.5, 0.8, 0.9, 0.99)}
    assert share[0.5] < share[0.8] < share[0.9] < share[0.99]
    other = {d: rational_game(0.8, d)[2].shares["side_b"] for d in (0.5, 0.8, 0.9, 0.99)}
    assert other[0.5] < other[0.8] < other[0.9] < other[0.99]
    # Equally patient, over a horizon long enough for the last offer not to matter: the first mover's edge,
    # which vanishes as waiting gets cheap.
    equal = {d: rational_game(d, d, max_rounds=10_000)[2].shares["side_a"] for d in (0.5, 0.9, 0.99)}
    assert equal[0.5] > equal[0.9] > equal[0.99] > 0.5
    assert equal[0.99] == pytest.approx(0.5, abs=0.01)


def test_with_very_patient_sides_200_offers_are_short_and_the_last_proposer_gains():
    """With 0.99 each, 200 offers are far from Rubinstein's limit: the second side proposes the last (200th)
    offer, and backward induction gives it more than half."""
    result = rational_game(0.99, 0.99)[2]
    assert result.agreed and result.round == 0
    assert result.shares["side_a"] == pytest.approx(subgame_perfect_share(0.99, 0.99, 200), abs=1e-12)
    assert result.shares["side_a"] < 0.5 < rubinstein_share(0.99, 0.99)
    assert rational_game(0.99, 0.99, max_rounds=201)[2].shares["side_a"] > rubinstein_share(0.99, 0.99)


def test_the_bundled_scenario_splits_71_to_29():
    game, state, result = rational_game(0.9, 0.8)
    assert (PIE.protocol.first, PIE.protocol.discount) == ("side_a", {"side_a": 0.9, "side_b": 0.8})
    assert result.shares == pytest.approx({"side_a": 0.2 / 0.28, "side_b": 0.08 / 0.28})
    assert result.rubinstein_first_share == pytest.approx(rubinstein_share(0.9, 0.8))


# ----- the rational agent against scripted moves ------------------------------------------------

def test_a_responder_rejects_an_offer_below_its_threshold_and_the_roles_swap():
    game = BilateralGame(PIE)
    side_b = create("rational", "side_b", PIE)
    state = game.apply(game.new_initial_state(), Offer("side_a", "Greedy.", share=0.9))
    reply = side_b.act(game.observe(state, "side_b"), game.agent_rng(state, "side_b"))
    assert reply == Respond("side_b", reply.reason, accept=False)
    assert "less than" in reply.reason
    state = game.apply(state, reply)
    assert (state.round, state.stage, game.current_actor(state)) == (1, Stage.OFFER, "side_b")
    # Side B now proposes what it would have asked for in round 0; Side A takes it (exactly its threshold).
    offer = side_b.act(game.observe(state, "side_b"), game.agent_rng(state, "side_b"))
    assert offer.share == pytest.approx((1 - 0.9) / (1 - 0.8 * 0.9))
    state = game.apply(state, offer)
    side_a = create("rational", "side_a", PIE)
    answer = side_a.act(game.observe(state, "side_a"), game.agent_rng(state, "side_a"))
    assert answer.accept is True
    state = game.apply(state, answer)
    result = outcome_of(game, state)
    assert result.agreed and result.round == 1
    assert result.payoffs["side_a"] == pytest.approx(result.shares["side_a"] * 0.9)
    assert result.payoffs["side_b"] == pytest.approx(result.shares["side_b"] * 0.8)


@pytest.mark.parametrize("left, accepted", [(0.08 / 0.28, True), (0.08 / 0.28 + 0.001, True),
                                            (0.08 / 0.28 - 0.001, False), (0.0, False), (1.0, True)])
def test_the_responder_accepts_exactly_from_its_threshold(left, accepted):
    game = BilateralGame(PIE)
    state = game.apply(game.new_initial_state(), Offer("side_a", "", share=1.0 - left))
    reply = RationalAgent("side_b", PIE.leader("side_b").traits).act(game.observe(state, "side_b"), None)
    assert reply.accept is accepted


def test_without_agreement_by_the_last_round_both_sides_get_nothing():
    game = BilateralGame(pie(0.9, 0.8, max_rounds=3))
    state = game.new_initial_state()
    for t in range(3):
        proposer = game.current_actor(state)
        state = game.apply(state, Offer(proposer, "All of it.", share=1.0))
        state = game.apply(state, Respond(game.other(proposer), "No.", accept=False))
    assert state.is_terminal and state.termination == Ending.NO_AGREEMENT
    result = outcome_of(game, state)
    assert not result.agreed and result.round is None and result.rounds_played == 3
    assert result.shares == result.payoffs == {"side_a": 0.0, "side_b": 0.0}
    assert state.history[-1].text == "No agreement after 3 rounds: neither side gets anything."


# ----- illegal moves ----------------------------------------------------------------------------

@pytest.mark.parametrize("moves, action, why", [
    ([], Offer("side_b", "", share=0.5), "it is Side A's turn, not Side B's"),
    ([], Offer("side_a", "", share=1.5), "a share lies between 0 and 1"),
    ([], Offer("side_a", "", share=-0.1), "a share lies between 0 and 1"),
    ([], Offer("side_a", "", share=float("nan")), "a share is a number from 0 to 1"),
    ([], Offer("side_a", "", share=True), "a share is a number from 0 to 1"),
    ([], Respond("side_a", "", accept=True), "an offer is due, not a response"),
    ([Offer("side_a", "", share=0.6)], Offer("side_b", "", share=0.6), "respond to Side A's offer first"),
    ([Offer("side_a", "", share=0.6)], Respond("side_b", "", accept="yes"), "accepts (true) or rejects (false)"),
    ([], Pass("side_a", ""), "knows only offers and responses"),
    ([], Offer("nobody", "", share=0.5), "there is no side 'nobody'"),
    ([Offer("side_a", "", share=0.6), Respond("side_b", "", accept=True)], Offer("side_a", "", share=0.5),
     "the negotiation is over"),
])
def test_illegal_moves_are_refused_with_a_plain_reason(moves, action, why):
    game = BilateralGame(PIE)
    state = game.new_initial_state()
    for move in moves:
        state = game.apply(state, move)
    assert why in game.why_illegal(state, action)
    with pytest.raises(IllegalActionError, match=why.replace("(", r"\(").replace(")", r"\)")):
        game.apply(state, action)


def test_legal_kinds_say_who_may_do_what():
    game = BilateralGame(PIE)
    state = game.new_initial_state()
    assert game.legal_kinds(state, "side_a") == {"offer": None, "respond": "an offer is due, not a response"}
    assert game.legal_kinds(state, "side_b") == {"offer": "wait for Side A's turn", "respond": "wait for Side A's turn"}


def test_the_summit_refuses_bilateral_actions(mini):
    summit = Game(mini)
    state = summit.new_initial_state()
    assert "bilateral protocol" in summit.why_illegal(state, Offer(summit.current_actor(state), "", share=0.5))


def test_make_game_follows_the_protocol(mini):
    assert isinstance(make_game(PIE, 3), BilateralGame)
    assert type(make_game(mini, 3)) is Game
    with pytest.raises(ValueError, match="does not use the bilateral protocol"):
        BilateralGame(mini)


# ----- logs, determinism, conformance -----------------------------------------------------------

@pytest.mark.parametrize("mix", [{}, {"side_b": "random"}, {"member": "random"}])
def test_games_end_legally_and_replay_from_their_logs(mix):
    for seed in range(5):
        game = BilateralGame(PIE, seed)
        applied = []
        state = play(game, agents_for(PIE, mix), on_step=lambda before, action, after: applied.append(action))
        assert state.is_terminal
        result = outcome_of(game, state)
        assert all(0.0 <= value <= 1.0 for value in (*result.shares.values(), *result.payoffs.values()))
        logged = [action_from_json(json.loads(json.dumps(entry.data["action"])))
                  for entry in state.history if entry.type == "action"]
        assert logged == applied
        replayed = game.new_initial_state()
        for action in logged:
            replayed = game.apply(replayed, action)
        assert replayed == state


def test_the_same_seed_gives_the_same_log():
    def history(seed):
        game = BilateralGame(PIE, seed)
        return [entry.to_json() for entry in play(game, agents_for(PIE, {"member": "random"})).history]
    assert history(4) == history(4)
    assert history(4) != history(5)
    assert all(entry["text"].count(" - ") <= 1 for entry in history(4))


def test_each_move_is_one_plain_sentence_in_the_log():
    game, state, result = rational_game(0.9, 0.8)
    texts = [entry.text for entry in state.history]
    assert texts[0].startswith("Side A offers 71.4% of the pie to itself and 28.6% to Side B - ")
    assert texts[1].startswith("Side B accepts Side A's offer, which leaves it 28.6% - ")
    assert texts[2] == ("Agreed in round 0: Side A gets 71.4% of the pie, worth 71.4% today, "
                        "Side B gets 28.6% of the pie, worth 28.6% today.")


# ----- the command line -------------------------------------------------------------------------

def test_run_split_the_pie_json(capsys):
    assert main(["run", "split_the_pie", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["protocol"] == "bilateral" and out["agreed"] is True and out["round"] == 0
    assert out["first"] == "side_a" and out["discount"] == {"side_a": 0.9, "side_b": 0.8}
    assert out["shares"]["side_a"] == pytest.approx(0.2 / 0.28, abs=1e-6)
    assert set(out) == {"scenario", "seed", "protocol", "agreed", "termination", "round", "rounds_played", "first",
                        "discount", "shares", "payoffs", "rubinstein_first_share"}


def test_run_split_the_pie_reads_as_moves_and_a_split(capsys, tmp_path):
    log = tmp_path / "pie.jsonl"
    assert main(["run", "split_the_pie", "--log", str(log)]) == 0
    out = capsys.readouterr().out
    assert "[round 0] Side A offers 71.4% of the pie to itself and 28.6% to Side B" in out
    assert "AGREED in round 0." in out and "(1 - d2) / (1 - d1 d2) = 71.4%" in out
    assert "with at most 200 offers (backward induction): 71.4%." in out
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["type"] == "header" and lines[0]["agents"] == {"side_a": "rational", "side_b": "rational"}
    assert lines[-1]["type"] == "outcome" and lines[-1]["agreed"] is True


def test_the_account_gives_the_horizons_prediction_beside_rubinsteins():
    game = BilateralGame(pie(0.9, 0.8, max_rounds=3))
    state = play(game, agents_for(game.scenario))
    text = account(game, state, outcome_of(game, state))
    assert "[round 0] Side A offers 92.0% of the pie to itself and 8.0% to Side B" in text
    assert "Subgame-perfect share for the first mover, Side A, with at most 3 offers (backward induction): 92.0%." in text
    assert "Rubinstein's infinite-horizon share for the first mover: (1 - d2) / (1 - d1 d2) = 71.4%." in text


@pytest.mark.parametrize("args, message", [
    (["play", "split_the_pie"], "split_the_pie uses the bilateral protocol, which the window does not show yet: "
                                "use summit run split_the_pie"),
    (["run", "split_the_pie", "--agents", "side_a=member"], "its agents are: random, rational"),
    (["run", "tests/fixtures/mini.yaml", "--agents", "member=rational"], "plays only the bilateral protocol"),
    (["tournament", "split_the_pie", "--runs", "2"], "use summit run split_the_pie"),
])
def test_bilateral_mistakes_exit_2_with_one_clear_message(capsys, monkeypatch, args, message):
    monkeypatch.chdir(ROOT)
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and message in err and "Traceback" not in err


# ----- the scenario format ----------------------------------------------------------------------

def _problems(text: str):
    checked = check_bytes(text.encode("utf-8"), "pie.yaml", names())
    assert checked.scenario is None
    return [(p.line, p.column, p.path, p.message) for p in checked.errors]


def _line_of(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_the_bundled_scenario_is_valid_and_bilateral():
    checked = check("split_the_pie")
    assert checked.problems == ()
    assert checked.scenario.is_bilateral and [issue.range for issue in checked.scenario.issues] == [(0.0, 1.0)]


def test_an_unknown_first_mover_is_located_with_did_you_mean():
    text = PIE_TEXT.replace("first: side_a ", "first: sidea ")
    assert _problems(text) == [(_line_of(text, "first: sidea"), 10, "protocol.first",
                                "unknown leader 'sidea' (did you mean 'side_a'?)")]


def test_a_share_outside_zero_to_one_is_located():
    text = (PIE_TEXT.replace("range: [0.0, 1.0]", "range: [0.0, 100.0]").replace("status_quo: 0.5 ", "status_quo: 50 ")
            .replace("step: 0.001 ", "step: 0.1 "))   # 100,000 steps would be an error of its own
    line = _line_of(text, "range: [0.0, 100.0]")
    assert _problems(text) == [(line, 12, "issues[0].range", "the share of the pie lies in [0, 1], found [0, 100]")]


def test_a_third_leader_is_refused():
    third = ("  - {id: side_c, name: Side C, title: T, role: member, ally: side_b, agent: rational}\n")
    text = PIE_TEXT.replace("\nno_deal:", "\n" + third + "no_deal:")
    problems = _problems(text)
    assert any(p[2] == "leaders" and "exactly two leaders, found 3" in p[3] for p in problems)


def test_a_summit_scenario_may_not_name_the_rational_agent():
    text = (ROOT / "tests" / "fixtures" / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace("agent: us_president", "agent: rational")
    line = _line_of(text, "agent: rational")
    assert _problems(text) == [(line, 12, "leaders[1].agent", "agent 'rational' plays only the bilateral protocol "
                                                              "(protocol: {kind: bilateral, ...}); a summit needs another agent")]


# ----- the window -------------------------------------------------------------------------------

def test_the_scenario_browser_lists_split_the_pie_but_does_not_open_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))
    from ui_support import frames, make_app

    from game.ui import driver
    from game.ui.scenes import BrowserScene

    app = make_app()
    app.show(BrowserScene(app))
    frames(app, 3)
    assert app.scene.listed[app.scene.index].scenario.id != "split_the_pie"  # the default is playable
    entry = next(e for e in app.scene.listed if e.scenario is not None and e.scenario.id == "split_the_pie")
    assert driver.click_list_item(app.scene.list, entry.label)
    frames(app, 3)
    assert app.scene.listed[app.scene.index] is entry
    assert not app.scene.next.is_enabled
    assert "the window does not show yet: use summit run split_the_pie" in app.scene.detail.html_text

"""The stubborn baseline: scripted-opponent checks of each move, full games on the tutorial, conformance."""

from __future__ import annotations

import dataclasses

import pytest

from game.agents import AGENTS, agents_for, create, names
from game.agents.member import MemberAgent
from game.agents.stubborn import StubbornAgent
from game.scenario.catalogue import check
from game.engine import Draft, Game, Pass, Phase, TableDraft, Termination, play

from game.scenario import Spread

# The stubborn agent holds the scenario's own ideals: every seed the same leaders here (no spread).
TUTORIAL = check("tutorial").scenario.model_copy(update={"spread": Spread(ideal_steps=0, weight=0.0, traits=0.0)})
SANCHEZ_IDEAL = {"core_target": 2.1, "deadline": 2040, "us_guarantee": "unconditional"}
SEEDS = range(10)


def _state_at(game: Game, draft: dict, phase: Phase, actor: str):
    """Round 1 of the tutorial with `draft` tabled by the pen holder and everyone else passing, up to the
    moment `actor` moves in `phase`."""
    state = game.apply(game.new_initial_state(), TableDraft("rutte", "Scripted.", draft=Draft.of(draft)))
    while not (state.phase == phase and game.current_actor(state) == actor):
        state = game.apply(state, Pass(game.current_actor(state), "Scripted."))
    return state


def _move(draft: dict, phase: Phase, leader: str = "sanchez"):
    game = Game(TUTORIAL, 0)
    state = _state_at(game, draft, phase, leader)
    action = create("stubborn", leader, TUTORIAL).act(game.observe(state, leader), game.agent_rng(state, leader))
    assert game.why_illegal(state, action) is None
    assert action.reason and not action.reason[0].islower() and action.reason.endswith(".")
    return action


# ----- scripted opponents: each move ------------------------------------------------------------

def test_it_is_registered_with_a_plain_description():
    assert "stubborn" in names()
    assert AGENTS["stubborn"] is StubbornAgent
    assert StubbornAgent.description and StubbornAgent.__doc__


def test_at_its_ideal_it_passes_and_stays_silent():
    assert _move(SANCHEZ_IDEAL, Phase.CONSULTATIONS).kind == "pass"
    assert _move(SANCHEZ_IDEAL, Phase.SILENCE).kind == "pass"


def test_it_asks_for_its_ideal_on_its_most_important_unmet_issue():
    # Core target weighs 0.4 for Spain, the guarantee 0.25, the deadline 0.2: both off-ideal, core comes first.
    action = _move({**SANCHEZ_IDEAL, "core_target": 3.0, "us_guarantee": "conditional"}, Phase.CONSULTATIONS)
    assert (action.kind, action.issue, action.value) == ("amend", "core_target", 2.1)
    action = _move({**SANCHEZ_IDEAL, "us_guarantee": "conditional"}, Phase.CONSULTATIONS)
    assert (action.kind, action.issue, action.value) == ("amend", "us_guarantee", "unconditional")
    assert "settle for less" in action.reason


def test_it_objects_to_anything_short_of_its_ideal():
    # A core target of 2.2 is a tenth of a point off; a conceding member would take it. Not this one.
    action = _move({**SANCHEZ_IDEAL, "core_target": 2.2}, Phase.SILENCE)
    assert (action.kind, action.issue) == ("break_silence", "core_target")


def test_a_crossed_red_line_is_named_first():
    action = _move({**SANCHEZ_IDEAL, "core_target": 2.5, "deadline": 2030}, Phase.SILENCE)
    assert (action.kind, action.issue) == ("break_silence", "deadline")
    assert "(its red line: no sooner than 2035)" in action.reason


def test_its_aspiration_never_falls():
    game = Game(TUTORIAL, 0)
    state = _state_at(game, SANCHEZ_IDEAL, Phase.SILENCE, "sanchez")
    stubborn = create("stubborn", "sanchez", TUTORIAL)
    patient = MemberAgent("sanchez", TUTORIAL.leader("sanchez").traits.model_copy(update={"patience": 1.0}))
    for round_ in range(1, TUTORIAL.rounds + 1):
        observation = dataclasses.replace(game.observe(state, "sanchez"), round=round_)
        assert stubborn.aspiration(observation) == pytest.approx(1.0)
    # Even the most patient conceding member ends at the value of no deal.
    last = dataclasses.replace(game.observe(state, "sanchez"), round=TUTORIAL.rounds)
    assert patient.aspiration(last) < 0.9


def test_as_pen_holder_it_tables_its_ideal_every_round_and_grants_no_carve_outs():
    game = Game(TUTORIAL, 3)
    tabled = []

    def record(before, action, after):
        if action.kind == "table":
            tabled.append(action.draft)

    # Spain (a conceding member) asks for carve-outs; the stubborn pen holder grants none.
    state = play(game, agents_for(TUTORIAL, {"secretary_general": "stubborn"}), on_step=record)
    rutte = TUTORIAL.leader("rutte")
    ideal = Draft.of({issue: position.ideal for issue, position in rutte.positions.items()})
    assert len(tabled) == state.round == TUTORIAL.rounds
    assert all(draft == ideal and not draft.carve_outs for draft in tabled)
    asked = [entry for entry in state.history if entry.type == "action" and entry.data["action"]["kind"] == "carve_out"]
    assert asked, "the scenario should have a member asking for a carve-out, or this test proves nothing"


# ----- full games on the tutorial ---------------------------------------------------------------

def _spain_moves(seed: int):
    """Every (draft when it moved, action) of a stubborn Spain in one tutorial game, and the end state."""
    moves = []

    def record(before, action, after):
        if action.actor == "sanchez":
            moves.append((before.draft, action))

    state = play(Game(TUTORIAL, seed), agents_for(TUTORIAL, {"sanchez": "stubborn"}), on_step=record)
    return moves, state


@pytest.mark.parametrize("seed", range(4))
def test_spain_only_asks_for_its_ideal_passes_or_objects(seed):
    moves, state = _spain_moves(seed)
    assert state.is_terminal and moves
    for draft, action in moves:
        assert action.kind in ("amend", "pass", "break_silence"), action
        if action.kind == "amend":
            assert action.value == SANCHEZ_IDEAL[action.issue] != draft[action.issue]
        if action.kind == "break_silence":
            assert draft[action.issue] != SANCHEZ_IDEAL[action.issue]


def test_games_with_a_stubborn_spain_are_deterministic():
    for seed in (0, 7):
        first, second = _spain_moves(seed), _spain_moves(seed)
        assert first[1].history == second[1].history


def _agreements(overrides: dict[str, str]) -> int:
    games = (play(Game(TUTORIAL, seed), agents_for(TUTORIAL, overrides)) for seed in SEEDS)
    return sum(state.termination == Termination.ADOPTED for state in games)


def test_stubborn_members_agree_no_more_often_than_the_default_agents():
    # Measured over seeds 0-9: the default agents agree in 10 of 10 games, every member stubborn in 0 of 10.
    # Zero is forced: Tusk holds out for a 5.0% core target and Sánchez for 2.1%, so no draft satisfies both.
    default, stubborn = _agreements({}), _agreements({"member": "stubborn"})
    assert (default, stubborn) == (10, 0)
    assert stubborn <= default


# ----- conformance: stubborn in every role, on every bundled scenario ---------------------------


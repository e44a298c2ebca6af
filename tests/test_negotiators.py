"""What the built-in negotiators learn from the record and how it changes their moves: scripted games on
the tutorial (Rutte holds the pen; Trump, Scholz, Sánchez and Tusk speak in that order)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from game.agents import beliefs, create, reputation
from game.scenario.catalogue import check
from game.engine import (Action, BreakSilence, Draft, Game, Pass, Phase, Pledge, Promise, Statement, TableDraft,
                         Threat)

from game.scenario import Spread

# Scripted moves test one agent's answer to one situation: every seed the scenario's own leaders (no spread).
TUTORIAL = check("tutorial").scenario.model_copy(update={"spread": Spread(ideal_steps=0, weight=0.0, traits=0.0)})
OPENING = {"core_target": 3.5, "deadline": 2032, "us_guarantee": "unconditional"}
# Tusk objects in every round but the last, so that a scripted game goes on.
GOING_ON = {(r, "silence", "tusk"): BreakSilence("tusk", "More.", issue="core_target", wants="more")
            for r in range(1, TUTORIAL.rounds)}


def _play(game: Game, moves: dict[tuple[int, str, str], Action], until: tuple[int, str, str] | None = None):
    """Play from the start with scripted moves keyed (round, phase, leader); everyone else passes (the pen
    holder tables OPENING in round 1 and keeps the draft after). Stops when `until` is about to move."""
    state = game.new_initial_state()
    while not state.is_terminal:
        actor = game.current_actor(state)
        key = (state.round, state.phase.value, actor)
        if key == until:
            return state
        action = moves.get(key)
        if action is None and state.phase == Phase.DRAFTING:
            action = TableDraft(actor, "Scripted.", draft=Draft.of(OPENING) if state.round == 1 else state.draft)
        state = game.apply(state, action or Pass(actor, "Scripted."))
    return state


def _observe(moves, until, leader=None, scenario=TUTORIAL):
    game = Game(scenario, 0)
    state = _play(game, moves, until)
    return game, state, game.observe(state, leader or until[2])


# ----- beliefs: what the record teaches --------------------------------------------------------------

def test_a_stated_limit_is_believed_and_no_package_past_it_is_thought_acceptable():
    moves = {(1, "consultations", "sanchez"): Statement("sanchez", "Up to 3.5%, no further.", issue="core_target",
                                                         limit=3.5, bound="at_most")}
    _, _, observation = _observe(moves, (2, "drafting", "rutte"))
    known = beliefs.read(observation)
    assert known.hard_high[known.row("sanchez"), 0] == 3.5
    within, _ = known.assess_grid([[3.5, 3.6], [2032.0], [0.0]])
    assert within[:, known.row("sanchez")].tolist() == [True, False]


def test_the_chairs_grid_assessment_equals_checking_each_package_against_each_leader_one_by_one():
    """assess_grid builds (packages x leaders) from per-issue tables; here the same answers, the slow way."""
    moves = {(1, "consultations", "sanchez"): Statement("sanchez", "Up to 3.5%.", issue="core_target", limit=3.5,
                                                         bound="at_most"),
             (1, "silence", "scholz"): BreakSilence("scholz", "Too much.", issue="core_target", wants="less"),
             (1, "consultations", "tusk"): Statement("tusk", "Never reduced.", issue="us_guarantee", limit="reduced",
                                                     bound="not"),
             (1, "silence", "tusk"): BreakSilence("tusk", "Sooner.", issue="deadline", wants="less")}
    _, _, observation = _observe(moves, (2, "drafting", "rutte"))
    known = beliefs.read(observation)
    axes = [[3.0, 3.4, 3.5, 3.6], [2030.0, 2032.0, 2035.0], [0.0, 1.0, 2.0]]
    later = np.array([2040.0 if leader.id == "tusk" else -np.inf for leader in observation.leaders])
    hard, insistence = known.assess_grid(axes, later)
    deadline = 1
    for index, package in enumerate(itertools.product(*axes)):
        for row in range(len(known.leader_ids)):
            lived = [max(v, later[row]) if col == deadline else v for col, v in enumerate(package)]
            ok = all(known.hard_low[row, c] - 1e-9 <= v <= known.hard_high[row, c] + 1e-9 for c, v in enumerate(lived))
            ok = ok and not any(r == row and lived[c] == p for r, c, p in known.hard_refused)
            pushed = sum(max(known.persistence[row, c], 1.0) for c, v in enumerate(lived)
                         if v < known.low[row, c] - 1e-9 or v > known.high[row, c] + 1e-9)
            assert (bool(hard[index, row]), float(insistence[index, row])) == (ok, pushed), (package, row)
    assert not hard.all() and insistence.any() and known.hard_refused  # the record does rule packages out here
    voters = np.array([leader.is_voter for leader in observation.leaders])
    summed_hard, inside, insisting = known.assess_grid_summed(axes, voters, later)
    assert (summed_hard == hard).all() and (inside == (insistence == 0)).all()
    assert insisting.tolist() == insistence[:, voters].sum(axis=1).tolist()   # the chair's sum, to the last bit
    packed_hard, packed_inside, packed_insisting = known.assess_grid_packed(axes, voters, later)
    counts = lambda bits: beliefs.counted(bits).tolist()  # noqa: E731
    assert counts(packed_hard) == hard[:, voters].sum(axis=1).tolist()   # what the chair counts, from bits
    assert counts(packed_hard & packed_inside) == (hard & (insistence == 0))[:, voters].sum(axis=1).tolist()
    assert packed_insisting.tolist() == insisting.tolist()
    bare_hard, bare_inside, bare_insisting = known.assess_grid_summed(axes, voters, None)   # no carve-outs
    packed_hard, packed_inside, packed_insisting = known.assess_grid_packed(axes, voters, None)
    assert counts(packed_hard) == bare_hard[:, voters].sum(axis=1).tolist()
    assert counts(packed_hard & packed_inside) == (bare_hard & bare_inside)[:, voters].sum(axis=1).tolist()
    assert packed_insisting.tolist() == bare_insisting.tolist() and packed_insisting.tolist() != insisting.tolist()


@pytest.mark.parametrize("voters", [1, 7, 64, 65, 200])
def test_packed_rows_keep_every_true_as_one_bit(voters):
    mask = np.random.default_rng(voters).random((50, voters)) < 0.6
    bits = beliefs.packed(mask)
    assert bits.shape == (50, -(-voters // 64)) and bits.dtype == np.uint64
    assert beliefs.counted(bits).tolist() == mask.sum(axis=1).tolist()
    assert beliefs._BITS_IN_BYTE[bits.view(np.uint8)].sum(axis=1).tolist() == mask.sum(axis=1).tolist()  # numpy 1's way
    unpacked = np.unpackbits(bits.view(np.uint8), axis=1, bitorder="little")[:, :voters].astype(bool)
    assert (unpacked == mask).all()


@pytest.mark.parametrize("issues", range(1, 10))
def test_a_grids_sums_issue_by_issue_are_those_of_summing_every_packages_row(issues):
    """grid_sum (the chair's revision) gives the bits of building (packages x issues) and summing its rows,
    below numpy's pairwise threshold (8 issues) and from it on."""
    from game.engine.preferences import grid_sum
    rng = np.random.default_rng(issues)
    parts = [rng.random(int(rng.integers(1, 5))) * rng.choice([1e-3, 1.0, 1e3]) for _ in range(issues)]
    if issues <= 6:   # an issue with many values too (grid_combined joins it whole, the others value by value)
        parts[int(rng.integers(0, issues))] = rng.random(int(rng.integers(7, 13)))
    rows = np.array(list(itertools.product(*parts)))
    assert grid_sum(parts).tolist() == rows.sum(axis=1).tolist()


@pytest.mark.parametrize("issues", range(1, 6))
def test_a_grid_joined_issue_by_issue_is_the_grid_broadcast_at_once(issues):
    """grid_combined (the chair's bits and sums) gives, bit for bit, what broadcasting every issue's entries over
    the (values per issue, ...) grid gives, for entries of one number or of several (words of bits)."""
    from game.engine.preferences import grid_combined
    rng = np.random.default_rng(10 + issues)
    lengths = [int(rng.choice([1, 2, 3, 5, 8, 11])) for _ in range(issues)]
    for operation, start, parts in (
            (np.add, 0.0, [rng.random(n) * 1e3 for n in lengths]),
            (np.bitwise_and, ~np.uint64(0), [rng.integers(0, 2**63, size=(n, 2), dtype=np.uint64) for n in lengths])):
        tail = parts[0].shape[1:]
        broadcast = np.full(tuple(lengths) + tail, start, dtype=parts[0].dtype)
        for col, part in enumerate(parts):
            place = tuple(slice(None) if d == col else None for d in range(issues)) + (slice(None),) * len(tail)
            broadcast = operation(broadcast, part[place])
        joined = grid_combined(operation, [0.0 + parts[0] if operation is np.add else parts[0]] + parts[1:])
        assert joined.shape == (int(np.prod(lengths)),) + tail
        assert joined.tobytes() == broadcast.reshape((-1,) + tail).tobytes()


@pytest.mark.parametrize("leader", ["rutte", "scholz", "tusk"])
def test_a_leaders_utility_of_a_whole_grid_is_that_of_each_package(leader):
    game = Game(TUTORIAL, 0)
    own = game.preferences().own(leader)
    axes = [issue.grid() if issue.is_range else list(range(len(issue.options))) for issue in TUTORIAL.issues]
    axes = [[issue.position(value) for value in axis] if issue.is_range else axis for issue, axis in zip(TUTORIAL.issues, axes)]
    candidates = np.array(list(itertools.product(*axes)), dtype=float)
    assert own.grid_utility(axes).tolist() == own.candidate_utility(candidates).tolist()


def test_an_objection_that_wants_less_lowers_what_is_believed_and_a_later_silence_widens_it_again():
    objection = {(1, "silence", "scholz"): BreakSilence("scholz", "Too much.", issue="core_target", wants="less")}
    _, _, observation = _observe(objection, (2, "drafting", "rutte"))
    known = beliefs.read(observation)
    assert known.limit("scholz", "core_target") == (-np.inf, pytest.approx(3.4))
    assert known.direction[("scholz", "core_target")] == -1
    # In round 2 the same 3.5% passes Scholz in silence: the room learns it was acceptable after all.
    _, _, later = _observe(objection, (3, "drafting", "rutte"))
    assert beliefs.read(later).limit("scholz", "core_target") == (-np.inf, pytest.approx(3.5))


def test_an_objection_on_an_option_rules_out_the_options_beyond_it():
    # Scholz wants the guarantee unconditional: objecting to "conditional" says "reduced" is worse still.
    game = Game(TUTORIAL, 0)
    moves = {(1, "silence", "scholz"): BreakSilence("scholz", "No.", issue="us_guarantee", wants="unconditional")}
    moves[(1, "drafting", "rutte")] = TableDraft("rutte", "Scripted.", draft=Draft.of({**OPENING, "us_guarantee": "conditional"}))
    state = _play(game, moves, (2, "drafting", "rutte"))
    known = beliefs.read(game.observe(state, "rutte"))
    col = [issue.id for issue in TUTORIAL.issues].index("us_guarantee")
    assert known.high[known.row("scholz"), col] == 0.0  # only "unconditional" (position 0) is left


def test_under_full_information_every_red_line_is_known_before_anyone_speaks():
    private = beliefs.read(_observe({}, (1, "drafting", "rutte"))[2])
    full = beliefs.read(_observe({}, (1, "drafting", "rutte"), scenario=TUTORIAL.with_information("full"))[2])
    sanchez = full.row("sanchez")
    assert np.isinf(private.hard_high).all() and np.isinf(private.hard_low).all()
    assert full.hard_high[sanchez, 0] == 3.5 and full.hard_low[sanchez, 1] == 2035
    assert (full.row("scholz"), 2, 2.0) in full.hard_refused  # Germany's red line: no "reduced" guarantee


def test_reading_the_record_in_one_go_or_move_by_move_gives_the_same_beliefs():
    # The fold is kept between decisions; a fresh read of the same history must agree with it exactly.
    game = Game(TUTORIAL, 3)
    from game.agents import agents_for
    from game.engine import play
    from game.agents.reading import _kept
    seen = []
    play(game, agents_for(TUTORIAL), on_step=lambda before, action, after: seen.append(after))
    for state in seen[::7]:
        observation = game.observe(state, "rutte")
        incremental = beliefs.read(observation)
        _kept.clear()
        fresh = beliefs.read(observation)
        for name in ("low", "high", "hard_low", "hard_high", "persistence"):
            assert np.array_equal(getattr(incremental, name), getattr(fresh, name)), name
        assert incremental.direction == fresh.direction


# ----- reputations: promises and threats ---------------------------------------------------------------

def _after_round_one(moves):
    game = Game(TUTORIAL, 0)
    state = _play(game, moves, (2, "drafting", "rutte"))
    return reputation.read(game.observe(state, "tusk"))


PROMISE = {(1, "consultations", "trump"): Promise("trump", "Pay and we stay.", target="tusk", demand=3.5),
           (1, "consultations", "tusk"): Pledge("tusk", "We pay.", level=4.2, year=2030)}


def test_a_promise_is_kept_when_the_promiser_lets_the_text_through_after_the_target_paid():
    record = _after_round_one(PROMISE).of("trump")
    assert (record.kept, record.broken) == (1, 0)
    assert record.trust() == pytest.approx(0.6)


def test_a_promise_is_broken_when_the_promiser_blocks_after_the_target_paid():
    moves = {**PROMISE, (1, "silence", "trump"): BreakSilence("trump", "More.", issue="core_target", wants="more")}
    record = _after_round_one(moves).of("trump")
    assert (record.kept, record.broken) == (0, 1)
    assert record.trust() == pytest.approx(0.25)
    assert record.trust(start=0.3) == pytest.approx(0.05)  # a leader that trusted it less to begin with


THREAT = {(1, "consultations", "trump"): Threat("trump", "Pay or else.", target="sanchez", demand=3.5)}


def test_a_threat_not_carried_out_is_a_bluff_and_one_carried_out_gains_credibility():
    assert _after_round_one(THREAT).of("trump").bluffs == 1
    assert _after_round_one(THREAT).of("trump").credibility == pytest.approx(0.25)
    carried = {**THREAT, (1, "silence", "trump"): BreakSilence("trump", "Pay.", issue="core_target", wants="more")}
    assert _after_round_one(carried).of("trump").carried_out == 1
    assert _after_round_one(carried).of("trump").credibility == pytest.approx(0.65)


def test_a_threat_whose_target_pays_says_nothing_about_the_threatener():
    paid = {**THREAT, (1, "consultations", "sanchez"): Pledge("sanchez", "Fine.", level=3.5, year=2040)}
    record = _after_round_one(paid).of("trump")
    assert (record.carried_out, record.bluffs) == (0, 0)


# ----- the member: what it does with what it knows ------------------------------------------------------

def _member_move(moves, until, leader, scenario=TUTORIAL, traits=None):
    if traits:
        leaders = tuple(l.model_copy(update={"traits": l.traits.model_copy(update=traits)}) if l.id == leader else l
                        for l in scenario.leaders)
        scenario = scenario.model_copy(update={"leaders": leaders})
    game = Game(scenario, 0)
    state = _play(game, moves, until)
    agent = create("member", leader, scenario)
    observation = game.observe(state, leader)
    action = agent.act(observation, game.agent_rng(state, leader))
    assert game.why_illegal(state, action) is None
    return agent, observation, action


def test_a_member_explains_a_target_it_cannot_fund_in_points_of_gdp_against_what_its_parliament_will_approve():
    # Germany spends 2.12%; its own spending model takes it to 3.8% by 2029, so 4.5% is out of reach.
    draft = TableDraft("rutte", "Scripted.", draft=Draft.of({**OPENING, "core_target": 4.5, "deadline": 2029}))
    _, _, action = _member_move({(1, "drafting", "rutte"): draft}, (1, "silence", "scholz"), "scholz")
    assert (action.kind, action.issue, action.wants) == ("break_silence", "core_target", "less")
    assert action.reason == ("4.5% GDP core by 2029 is more than Germany can deliver: at the pace its budget and "
                             "parliament allow it goes from 2.12% today to 3.8% by 2029.")
    # Germany's own path reaches 3.8% by 2035: in reach, so its complaint is the cost.
    draft = TableDraft("rutte", "Scripted.", draft=Draft.of({**OPENING, "core_target": 3.8, "deadline": 2035}))
    _, _, action = _member_move({(1, "drafting", "rutte"): draft}, (1, "silence", "scholz"), "scholz",
                                traits={"patience": 1.0})
    assert (action.kind, action.issue, action.wants) == ("break_silence", "core_target", "less")
    assert action.reason.startswith("3.8% GDP core by 2035 is within Germany's reach (1.7 points above today's 2.12%)")


def test_a_member_answers_a_believed_threat_with_a_pledge_and_ignores_one_after_bluffs():
    # Germany's own spending model takes it to 3.5% by 2032; the US demands it.
    threat = {(1, "consultations", "trump"): Threat("trump", "Pay.", target="scholz", demand=3.5)}
    _, _, action = _member_move(threat, (1, "consultations", "scholz"), "scholz", traits={"assertiveness": 0.2})
    assert (action.kind, action.level) == ("pledge", 3.5)
    assert "in answer to the United States' demand for 3.5%" in action.reason
    # Two bluffs called earlier: the same threat no longer moves a leader that is not easily pushed.
    bluffs = {**GOING_ON, **{(r, "consultations", "trump"): Threat("trump", "Pay.", target="sanchez", demand=4.0)
                             for r in (1, 2)}}
    bluffs[(3, "consultations", "trump")] = Threat("trump", "Pay.", target="scholz", demand=3.9)
    _, observation, action = _member_move(bluffs, (3, "consultations", "scholz"), "scholz", traits={"assertiveness": 0.6})
    assert reputation.read(observation).of("trump").bluffs == 2
    assert not (action.kind == "pledge" and action.level >= 3.9)


def test_a_member_that_saw_the_us_break_its_word_values_the_same_text_less():
    broken = {**PROMISE, (1, "silence", "trump"): BreakSilence("trump", "More.", issue="core_target", wants="more")}
    seen = []
    for moves in (PROMISE, broken):
        game = Game(TUTORIAL, 0)
        state = _play(game, moves, (2, "consultations", "tusk"))
        observation = game.observe(state, "tusk")
        agent = create("member", "tusk", TUTORIAL)
        seen.append((observation.utility(observation.draft), agent.valued(observation, observation.draft)))
    (text_kept, valued_kept), (text_broken, valued_broken) = seen
    assert text_kept == text_broken  # the same draft on the table...
    assert valued_broken < valued_kept  # ...is worth less from a US that broke its word


def test_a_member_only_just_content_stands_with_two_allies_who_objected_its_way_last_round():
    # Scholz and Sánchez both broke silence in round 1 wanting less than 3.5%; Tusk (who wants more) is not their
    # partner. In round 2 a member that would take the same draft by a whisker stands with the two of them.
    moves = {(1, "silence", "scholz"): BreakSilence("scholz", "Less.", issue="core_target", wants="less"),
             (1, "silence", "sanchez"): BreakSilence("sanchez", "Less.", issue="core_target", wants="less")}
    game = Game(TUTORIAL, 0)
    state = _play(game, moves, (2, "silence", "tusk"))
    agent = create("member", "tusk", TUTORIAL)
    observation = game.observe(state, "tusk")
    assert agent._join(observation) is None  # Tusk pulls the other way: no partners
    # The same situation seen by a leader pulling their way: make Tusk want 3.0% for this check.
    leaders = tuple(l.model_copy(update={"positions": {**l.positions, "core_target": l.positions["core_target"].model_copy(
        update={"ideal": 3.0})}}) if l.id == "tusk" else l for l in TUTORIAL.leaders)
    like_minded = TUTORIAL.model_copy(update={"leaders": leaders})
    game = Game(like_minded, 0)
    agent = create("member", "tusk", like_minded)
    agent.aspiration = lambda obs: agent.valued(obs, obs.draft) - 0.01  # content, but only just
    state = _play(game, moves, (2, "silence", "tusk"))
    joined = agent._join(game.observe(state, "tusk"))
    assert joined is not None and joined.issue == "core_target" and joined.wants == "less"
    assert joined.reason.startswith("Stands with Germany and Spain:")
    # It never counts itself: with Tusk and Scholz the two who objected last round, Tusk has one partner, not two.
    with_itself = {(1, "silence", "scholz"): moves[(1, "silence", "scholz")],
                   (1, "silence", "tusk"): BreakSilence("tusk", "Less.", issue="core_target", wants="less")}
    assert agent._join(game.observe(_play(game, with_itself, (2, "silence", "tusk")), "tusk")) is None
    # In round 1 the two have just broken silence, but no voter sees the others' answers while the procedure
    # runs: Tusk, answering after them, decides as if it answered first, and has no one to stand with yet.
    state = _play(game, moves, (1, "silence", "tusk"))
    broke = [entry.actor for entry in state.history if entry.round == 1 and entry.type == "action"
             and entry.data["action"]["kind"] == "break_silence"]
    assert broke == ["scholz", "sanchez"]   # on the record (and in the window), just not in what a voter is shown
    observation = game.observe(state, "tusk")
    assert not any(entry.phase == "silence" and entry.round == 1 for entry in observation.history)
    assert agent._join(observation) is None


def test_a_member_left_alone_blocking_gives_ground_faster():
    alone = {(1, "silence", "sanchez"): BreakSilence("sanchez", "No.", issue="core_target", wants="less")}
    crowd = {**alone, (1, "silence", "scholz"): BreakSilence("scholz", "No.", issue="core_target", wants="less"),
             (1, "silence", "tusk"): BreakSilence("tusk", "No.", issue="core_target", wants="more")}
    levels = []
    for moves in (alone, crowd):
        game = Game(TUTORIAL, 0)
        state = _play(game, moves, (2, "silence", "sanchez"))
        levels.append(create("member", "sanchez", TUTORIAL).aspiration(game.observe(state, "sanchez")))
    assert levels[0] < levels[1]


# ----- the chair and the US -----------------------------------------------------------------------------

def test_the_chair_moves_inside_every_stated_limit_and_grants_the_slower_path_asked_for():
    from game.engine import AskCarveOut
    moves = {(1, "consultations", "trump"): Statement("trump", "At least 3.6%.", issue="core_target", limit=3.6,
                                                       bound="at_least"),
             (1, "consultations", "sanchez"): AskCarveOut("sanchez", "Later for us.", year=2038),
             (1, "silence", "scholz"): BreakSilence("scholz", "Less.", issue="core_target", wants="less")}
    game, state, observation = _observe(moves, (2, "drafting", "rutte"))
    action = create("secretary_general", "rutte", TUTORIAL).act(observation, game.agent_rng(state, "rutte"))
    assert action.kind == "table"
    assert action.draft["core_target"] >= 3.6 and action.draft.carve_out("spain") == 2038
    assert "a slower path for Spain" in action.reason and "the chair expects" in action.reason


def test_the_us_carries_out_a_threat_early_but_never_blocks_over_one_in_the_last_round():
    threat = Threat("trump", "Pay.", target="sanchez", demand=3.5)
    ideal_for_trump = {"core_target": 5.0, "deadline": 2030, "us_guarantee": "conditional"}
    for round_, blocks in ((1, True), (TUTORIAL.rounds, False)):
        moves = {(r, "drafting", "rutte"): TableDraft("rutte", "S.", draft=Draft.of(ideal_for_trump))
                 for r in range(1, TUTORIAL.rounds + 1)}
        moves[(round_, "consultations", "trump")] = threat
        moves.update({(r, "silence", "scholz"): BreakSilence("scholz", "No.", issue="us_guarantee")
                      for r in range(1, TUTORIAL.rounds)})
        game = Game(TUTORIAL, 0)
        state = _play(game, moves, (round_, "silence", "trump"))
        agent = create("us_president", "trump", TUTORIAL)
        agent.assertiveness = 1.0
        action = agent.act(game.observe(state, "trump"), game.agent_rng(state, "trump"))
        assert (action.kind == "break_silence") == blocks, round_
        if blocks:
            assert "Spain has not pledged 3.5%" in action.reason


def test_the_chairs_choice_of_the_first_best_package_is_lexsorts_first():
    from game.agents.secretary_general import _first_in_order

    rng = np.random.default_rng(3)
    for _ in range(300):
        n = int(rng.integers(1, 60))
        keys = (-rng.integers(0, 4, n) / 4.0, rng.integers(0, 3, n).astype(float), rng.integers(0, 3, n))
        assert _first_in_order(keys) == int(np.lexsort(keys)[0])
    assert _first_in_order((np.array([np.nan, 1.0, 1.0]), np.array([0, 0, 0]))) == int(
        np.lexsort((np.array([np.nan, 1.0, 1.0]), np.array([0, 0, 0])))[0])

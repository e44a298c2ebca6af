"""Words that match deeds (read from game accounts and logs of every bundled summit scenario)."""

import re

import pytest

from game.agents import agents_for, names
from game.engine import Game, outcome, play
from game.report.account import account
from game.scenario.catalogue import bundled_ids, check

SEEDS = (0, 1, 2)


def _scenarios():
    return [s for s in (check(name, names()).scenario for name in bundled_ids()) if not s.is_bilateral]


def _games():
    for scenario in _scenarios():
        for seed in SEEDS:
            game = Game(scenario, seed)
            state = play(game, agents_for(scenario))
            yield scenario, game, state


@pytest.fixture(scope="module")
def games():
    """Played once for the module, and let go after it (other tests count the games alive)."""
    played = list(_games())
    yield played
    played.clear()


def test_no_leader_says_the_same_words_in_consecutive_rounds(games):
    # measured before: 50 repeats in 506 statements over seeds 0-4 of the five summit scenarios
    repeats = []
    for scenario, _, state in games:
        last = {}
        for entry in state.history:
            if entry.type == "action" and entry.data["action"]["kind"] == "statement":
                said = (entry.round, entry.data["action"]["reason"])
                before = last.get(entry.actor)
                if before and before[0] == said[0] - 1 and before[1] == said[1]:
                    repeats.append((scenario.id, entry.actor, said))
                last[entry.actor] = said
    assert not repeats


def test_no_sentence_shows_an_options_raw_id(games):
    # measured before: "wants readiness_action_plan", "reassurance in the east permanent_bases" (91 and 47 times
    # in three accounts)
    found = []
    for scenario, game, state in games:
        ids = {option for issue in scenario.issues if not issue.is_range for option in issue.options if "_" in option}
        text = account(scenario, state, outcome(game, state))
        found += [(scenario.id, option) for option in ids if re.search(rf"\b{option}\b", text)]
    assert not found


def test_a_wish_is_stated_only_when_the_table_does_not_already_grant_it(games):
    # Denmark said "we want 3.5% GDP" with 3.5% on the table
    from game.engine import action_from_json

    wrong, checked = [], 0
    for scenario, game, state in games:
        replayed = game.new_initial_state()
        for entry in state.history:
            if entry.type != "action":
                continue
            action = entry.data["action"]
            if action["kind"] == "statement" and "matters most: we want" in action["reason"]:
                issue = scenario.issue(action["issue"])
                checked += 1
                if action["reason"].endswith(f"we want {issue.format(replayed.draft[issue.id])}."):
                    wrong.append((scenario.id, entry.actor, action["reason"]))
            replayed = game.apply(replayed, action_from_json(action))
    assert checked >= 10 and not wrong, (checked, wrong)

"""`summit tournament`: mixes of agents compared over the same seeds, as a user meets it.

The games are the tutorial's (five leaders, a few hundredths of a second each); the expensive outputs are
computed once per module and shared.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import captured

from game.analysis.tournament import wilson_interval

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = "tutorial"
LEADERS = ["rutte", "trump", "scholz", "sanchez", "tusk"]   # the tutorial's leader order
ISSUES = ["core_target", "deadline", "us_guarantee"]
RUNS = 6


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def report() -> dict:
    code, out, err = captured("tournament", SCENARIO, "--runs", str(RUNS), "--agents", "member=random", "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(scope="module")
def rows(tmp_path_factory) -> list[dict]:
    path = tmp_path_factory.mktemp("tournament") / "runs.csv"
    code, out, err = captured("tournament", SCENARIO, "--runs", str(RUNS), "--agents", "member=random",
                              "--out", str(path))
    assert code == 0, err
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_json_has_the_documented_shape(report):
    assert report["scenario"] == SCENARIO and report["runs"] == RUNS and report["seed"] == 0
    assert [mix["name"] for mix in report["mixes"]] == ["scenario", "member=random"]
    assert [mix["overrides"] for mix in report["mixes"]] == [{}, {"member": "random"}]
    for mix in report["mixes"]:
        assert set(mix) == {"name", "overrides", "runs", "agreements", "agreement_rate", "agreement_ci",
                            "rounds_to_agreement", "agreed_terms", "carve_outs", "scores", "role_scores"}
        assert mix["runs"] == RUNS and 0 <= mix["agreements"] <= RUNS
        assert mix["agreement_rate"] == pytest.approx(mix["agreements"] / RUNS, abs=1e-4)
        low, high = mix["agreement_ci"]
        assert 0 <= low <= mix["agreement_rate"] <= high <= 1
        assert list(mix["scores"]) == LEADERS
        assert all(set(stat) == {"mean", "sd"} and 0 <= stat["mean"] <= 100 and stat["sd"] >= 0
                   for stat in mix["scores"].values())
        assert list(mix["role_scores"]) == ["secretary_general", "us_president", "member"]
        members = [mix["scores"][leader]["mean"] for leader in ("scholz", "sanchez", "tusk")]
        assert mix["role_scores"]["member"]["mean"] == pytest.approx(sum(members) / 3, abs=0.02)
        assert mix["role_scores"]["us_president"] == mix["scores"]["trump"]
        assert list(mix["agreed_terms"]) == ISSUES
        if mix["agreements"]:
            assert 2.0 <= mix["agreed_terms"]["core_target"]["mean"] <= 5.0
            assert 2028 <= mix["agreed_terms"]["deadline"]["mean"] <= 2040
            guarantee = mix["agreed_terms"]["us_guarantee"]
            assert isinstance(guarantee["option"], str) and 0 < guarantee["share"] <= 1
            assert 1 <= mix["rounds_to_agreement"] <= 5 and mix["carve_outs"] >= 0
        else:
            assert mix["rounds_to_agreement"] is None and mix["carve_outs"] is None
            assert all(term is None for term in mix["agreed_terms"].values())


def test_the_scenario_mix_plays_the_games_summit_run_plays(report, rows):
    agreed = 0
    for seed in range(RUNS):
        code, out, err = captured("run", SCENARIO, "--seed", str(seed), "--json")
        assert code == 0, err
        game = json.loads(out)
        row = next(r for r in rows if r["mix"] == "scenario" and r["seed"] == str(seed))
        assert row["agreed"] == ("true" if game["agreed"] else "false")
        assert row["termination"] == game["termination"] and int(row["rounds"]) == game["rounds"]
        assert {leader: float(row[leader]) for leader in LEADERS} == game["scores"]
        agreed += game["agreed"]
    assert report["mixes"][0]["agreements"] == agreed


def test_a_random_mix_differs_from_the_scenario_mix(report):
    scenario, random_members = report["mixes"]
    assert (scenario["agreements"], scenario["scores"]) != (random_members["agreements"], random_members["scores"])


def test_the_csv_has_one_row_per_game(rows):
    assert len(rows) == 2 * RUNS
    assert list(rows[0]) == ["mix", "seed", "agreed", "termination", "rounds", *ISSUES, "carve_outs", *LEADERS]
    assert [(r["mix"], r["seed"]) for r in rows] == [(mix, str(seed)) for mix in ("scenario", "member=random")
                                                      for seed in range(RUNS)]
    for row in rows:
        assert row["termination"] in ("adopted", "no_deal")
        assert (row["agreed"] == "true") == (row["termination"] == "adopted")
        assert 2.0 <= float(row["core_target"]) <= 5.0 and int(row["carve_outs"]) >= 0
        assert all(0 <= float(row[leader]) <= 100 for leader in LEADERS)


def test_the_csv_agrees_with_the_summary(report, rows):
    for mix in report["mixes"]:
        games = [row for row in rows if row["mix"] == mix["name"]]
        assert sum(row["agreed"] == "true" for row in games) == mix["agreements"]
        tusk = [float(row["tusk"]) for row in games]
        assert mix["scores"]["tusk"]["mean"] == pytest.approx(sum(tusk) / len(tusk), abs=0.06)


@pytest.mark.parametrize("output", [[], ["--json"]])
def test_the_same_command_gives_the_same_output(output):
    args = ["tournament", SCENARIO, "--runs", "4", "--seed", "3", "--agents", "member=random", *output]
    first, second = captured(*args), captured(*args)
    assert first[0] == 0 and first == second


def test_the_output_does_not_depend_on_the_hash_seed():
    outputs = set()
    for hash_seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "game", "tournament", SCENARIO, "--runs", "2", "--agents",
                               "us_president=random", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                              env={**os.environ, "PYTHONHASHSEED": hash_seed})
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_the_tables_compare_the_mixes_without_colour_codes(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")  # even when asked for colour, captured output stays plain
    code, out, err = captured("tournament", SCENARIO, "--runs", "3", "--agents", "member=random")
    assert code == 0 and err == ""
    assert "\x1b" not in out
    comparison = out[out.index("Mixes compared"):out.index("Leaders' scores")]
    header = next(line for line in comparison.splitlines() if "scenario" in line)
    assert "member=random" in header
    for label in ("agreed (95% interval)", "rounds to agreement", "Core defence target", "Deadline",
                  "US guarantee", "Secretary General", "US President", "members (average)"):
        assert label in comparison
    agreed = next(line for line in comparison.splitlines() if "agreed (95% interval)" in line)
    assert agreed.count("/3 ") == 2  # "k/3 rate (low-high)" for each mix
    scenario_table = out[out.index("Leaders' scores: scenario"):out.index("Leaders' scores: member=random")]
    positions = [scenario_table.index(f"({leader})") for leader in LEADERS]
    assert positions == sorted(positions)  # in the scenario's leader order
    assert all(line == line.rstrip() for line in out.splitlines())


def test_a_single_run_has_no_spread():
    code, out, err = captured("tournament", SCENARIO, "--runs", "1", "--json")
    assert code == 0, err
    mix = json.loads(out)["mixes"][0]
    assert mix["runs"] == 1 and all(stat["sd"] == 0 for stat in mix["scores"].values())


@pytest.mark.parametrize("args, message", [
    (["--runs", "0"], "--runs: expected from 1 to 100000 runs, found 0"),
    (["--runs", "100001"], "--runs: expected from 1 to 100000 runs, found 100001"),
    (["--runs", "x"], "--runs: expected a whole number of runs, found 'x'"),
    ([], "the following arguments are required: --runs"),
    (["--runs", "2", "--agents", "member=nobody"], "unknown agent 'nobody'; the agents are: member, random"),
    (["--runs", "2", "--agents", "nobody=random"], "'nobody' is neither a leader of tutorial nor a role"),
    (["--runs", "2", "--agents", "member"], "--agents 'member': expected WHO=AGENT"),
    (["--runs", "2", "--agents", "member=random", "--agents", "member=random"], "this mix is given twice"),
    (["--runs", "2", "--seed", str(2**63 - 1)], "the last seed would be above 2**63-1"),
])
def test_bad_arguments_get_one_message_and_exit_2(args, message):
    code, out, err = captured("tournament", SCENARIO, *args)
    assert code == 2 and out == ""
    assert "Traceback" not in err
    # argparse's own errors come after its usage lines; ours come alone
    messages = [line for line in err.splitlines() if line and not line.startswith(("usage:", " "))]
    assert len(messages) == 1 and message in messages[0], err
    assert messages[0].startswith("summit tournament")


def test_out_must_name_a_file_in_an_existing_folder(tmp_path):
    code, out, err = captured("tournament", SCENARIO, "--runs", "2", "--out", str(tmp_path))
    assert code == 2 and out == "" and err.strip() == f"summit tournament: --out {tmp_path}: is a folder; name a file"
    missing = tmp_path / "missing" / "runs.csv"
    code, out, err = captured("tournament", SCENARIO, "--runs", "2", "--out", str(missing))
    assert code == 2 and out == "" and "does not exist" in err and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # nothing written, no folder made


def test_a_bad_argument_exits_2_in_a_real_process():
    done = subprocess.run([sys.executable, "-m", "game", "tournament", SCENARIO, "--runs", "0"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr


@pytest.mark.parametrize("trials", [1, 10, 1000])
def test_the_wilson_interval_contains_the_rate_even_at_the_extremes(trials):
    for successes in (0, trials):
        low, high = wilson_interval(successes, trials)
        rate = successes / trials
        assert 0.0 <= low <= rate <= high <= 1.0
        assert high - low > 0  # never an empty interval, unlike rate +- z*sqrt(rate*(1-rate)/n)
    assert wilson_interval(0, trials)[0] == 0.0 and wilson_interval(trials, trials)[1] == 1.0


@pytest.mark.parametrize("successes, trials, expected", [
    (81, 263, (0.2553, 0.3662)), (15, 148, (0.0624, 0.1605)), (0, 20, (0.0, 0.1611)), (1, 29, (0.0061, 0.1718)),
])
def test_the_wilson_interval_reproduces_newcombes_examples(successes, trials, expected):
    # Newcombe 1998, "Two-sided confidence intervals for the single proportion", Stat. Med. 17: 857-872:
    # the worked examples, method 3 (the score interval without continuity correction)
    low, high = wilson_interval(successes, trials)
    assert (round(low, 4), round(high, 4)) == expected

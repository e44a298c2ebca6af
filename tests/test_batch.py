"""`summit batch`: one mix of agents over many seeds, streamed to rows and summarised, as a user meets it.

The games are the tutorial's with random members (a few hundredths of a second each, and varied: some
agree, most do not); one small batch of the 32-ally Rutte scenario checks the wide rows.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from cli_support import captured, interrupted_batch

from game.agents import names
from game.analysis.batch import BatchRow, Counts, Tally, columns
from game.scenario.catalogue import resolve
from game.scenario import check_file

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = "tutorial"
MIX = ["--agents", "member=random"]
LEADERS = ["rutte", "trump", "scholz", "sanchez", "tusk"]
ALLIES = ["germany", "poland", "spain", "united_states"]
ISSUES = ["core_target", "deadline", "us_guarantee"]
RUNS, SEED = 12, 3


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch):
    monkeypatch.chdir(ROOT)


def batch(tmp_path: Path, *args: str, jobs: int = 1, out: str = "rows.csv") -> tuple[dict, Path]:
    """The --json summary of `summit batch tutorial --seed SEED --runs RUNS ...` and the rows file."""
    path = tmp_path / out
    code, stdout, err = captured("batch", SCENARIO, "--runs", str(RUNS), "--seed", str(SEED), "--jobs", str(jobs),
                                 *MIX, "--out", str(path), "--json", *args)
    assert code == 0, err
    return json.loads(stdout), path


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def one_job(tmp_path_factory) -> tuple[dict, list[dict]]:
    summary, path = batch(tmp_path_factory.mktemp("one"), jobs=1)
    return summary, read_csv(path)


@pytest.fixture(scope="module")
def two_jobs(tmp_path_factory) -> tuple[dict, list[dict]]:
    summary, path = batch(tmp_path_factory.mktemp("two"), jobs=2)
    return summary, read_csv(path)


# ----- seeds and jobs --------------------------------------------------------------------------------------

def test_the_rows_and_the_summary_do_not_depend_on_the_number_of_jobs(one_job, two_jobs):
    assert one_job[1] == two_jobs[1]          # the same rows, in run order
    assert one_job[0] == two_jobs[0]          # the same summary, number for number
    assert [row["run"] for row in one_job[1]] == [str(run) for run in range(RUNS)]
    assert [row["seed"] for row in one_job[1]] == [str(SEED + run) for run in range(RUNS)]
    agreed = {row["agreed"] for row in one_job[1]}
    assert agreed == {"true", "false"}, "the mix should give both outcomes, or this test proves little"


@pytest.mark.parametrize("run", [0, 7])
def test_row_i_holds_the_numbers_summit_run_prints_for_seed_s_plus_i(one_job, run):
    row = one_job[1][run]
    code, out, err = captured("run", SCENARIO, "--seed", str(SEED + run), "--json", *MIX)
    assert code == 0, err
    game = json.loads(out)
    assert row["agreed"] == str(game["agreed"]).lower() and row["termination"] == game["termination"]
    assert int(row["rounds"]) == game["rounds"]
    assert float(row["core_target"]) == game["in_force"]["core_target"]
    assert float(row["deadline"]) == game["in_force"]["deadline"]
    assert row["us_guarantee"] == game["in_force"]["us_guarantee"]
    assert int(row["carve_outs"]) == len(game["in_force"]["carve_outs"])
    for ally in game["allies"]:
        assert float(row[f"pledged_{ally['id']}"]) == ally["pledged"]
        assert float(row[f"projected_{ally['id']}"]) == ally["projected"]
    assert {leader: float(row[f"score_{leader}"]) for leader in LEADERS} == game["scores"]
    assert float(row["delivered_share"]) == game["delivered_share"]
    assert row["us_guarantee_after"] == game["us_guarantee_after"]


def test_the_csv_header_names_every_column():
    assert list(read_header()) == [
        "run", "seed", "agreed", "termination", "rounds", *ISSUES, "carve_outs", *(f"pledged_{a}" for a in ALLIES),
        *(f"projected_{a}" for a in ALLIES), *(f"score_{l}" for l in LEADERS), "delivered_share",
        "us_guarantee_after"]


def read_header() -> tuple[str, ...]:
    return columns(check_file(resolve(SCENARIO), names()).scenario)


def test_the_jsonl_rows_nest_the_same_numbers(tmp_path, one_job):
    summary, path = batch(tmp_path, out="rows.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert summary == one_job[0]
    assert [row["run"] for row in rows] == list(range(RUNS))
    for row, flat in zip(rows, one_job[1]):
        assert set(row) == {"run", "seed", "agreed", "termination", "rounds", "in_force", "carve_outs", "pledged",
                            "projected", "scores", "delivered_share", "us_guarantee_after"}
        assert row["seed"] == int(flat["seed"]) and row["in_force"]["us_guarantee"] == flat["us_guarantee"]
        assert row["pledged"] == {ally: float(flat[f"pledged_{ally}"]) for ally in ALLIES}
        assert row["scores"] == {leader: float(flat[f"score_{leader}"]) for leader in LEADERS}


def test_a_rutte_batch_has_a_column_per_ally_and_leader_and_blanks_for_an_ally_without_spending(tmp_path):
    path = tmp_path / "rutte.csv"
    code, out, err = captured("batch", "rutte_washington_2025", "--runs", "4", "--jobs", "2", "--out", str(path),
                              "--json")
    assert code == 0, err
    summary, rows = json.loads(out), read_csv(path)
    scenario = check_file(resolve("rutte_washington_2025"), names()).scenario
    assert len(rows) == 4 and list(rows[0]) == list(columns(scenario))
    assert len(scenario.allies) == 32 and sum(name.startswith("pledged_") for name in rows[0]) == 32
    assert {row["pledged_iceland"] for row in rows} == {""}          # Iceland has no armed forces to fund
    assert summary["allies"]["iceland"] == {"pledged": None, "projected": None}
    assert summary["allies"]["poland"]["projected"]["median"] > 0
    assert len(summary["scores"]) == len(scenario.leaders) == 33


# ----- the summary -----------------------------------------------------------------------------------------

def test_the_summary_is_computed_from_the_rows(one_job):
    summary, rows = one_job
    agreed = [row for row in rows if row["agreed"] == "true"]
    assert summary["runs"] == summary["finished"] == RUNS and summary["seed"] == SEED
    assert summary["agreements"] == len(agreed)
    assert summary["agreement_rate"] == round(len(agreed) / RUNS, 4)

    def band(values):
        return [round(float(v), 3) for v in np.quantile(np.asarray(values, dtype=float), [0.1, 0.5, 0.9])]

    def spread(entry):
        return [entry["p10"], entry["median"], entry["p90"]]

    for ally in ALLIES:
        for which in ("pledged", "projected"):
            values = [row[f"{which}_{ally}"] for row in rows]
            assert spread(summary["allies"][ally][which]) == pytest.approx(band(values), abs=1e-3)
            assert summary["allies"][ally][which]["mean"] == pytest.approx(np.mean(np.float64(values)), abs=1e-3)
    for leader in LEADERS:
        assert spread(summary["scores"][leader]) == pytest.approx(band([row[f"score_{leader}"] for row in rows]),
                                                                  abs=1e-3)
    members = [np.mean([float(row[f"score_{m}"]) for m in ("scholz", "sanchez", "tusk")]) for row in rows]
    assert spread(summary["role_scores"]["member"]) == pytest.approx(band(members), abs=0.006)
    assert spread(summary["rounds_to_agreement"]) == pytest.approx(band([r["rounds"] for r in agreed]), abs=1e-3)
    assert spread(summary["terms"]["core_target"]) == pytest.approx(band([r["core_target"] for r in agreed]),
                                                                     abs=1e-3)
    guarantees = [row["us_guarantee"] for row in agreed]
    assert summary["terms"]["us_guarantee"]["counts"] == {option: guarantees.count(option)
                                                          for option in ("unconditional", "conditional", "reduced")}
    assert sum(summary["us_guarantee_after"].values()) == RUNS
    assert summary["delivered_share"]["median"] == pytest.approx(
        float(np.median([float(row["delivered_share"]) for row in rows])), abs=1e-3)


def tutorial():
    return check_file(resolve(SCENARIO), names()).scenario


def row(run: int, agreed: bool, core: float, guarantee: str, germany: float, rounds: int = 5) -> BatchRow:
    return BatchRow(run=run, seed=run, agreed=agreed, termination="adopted" if agreed else "no_deal", rounds=rounds,
                    terms={"core_target": core, "deadline": 2032.0, "us_guarantee": guarantee}, carve_outs=run % 2,
                    pledged={"germany": germany, "poland": 4.12, "spain": 2.0, "united_states": 3.5},
                    projected={"germany": germany - 0.5, "poland": 4.4, "spain": 1.6, "united_states": 3.4},
                    scores={"rutte": 50.0 + run, "trump": 60.0, "scholz": 70.0, "sanchez": 40.0, "tusk": 50.5},
                    delivered_share=0.8, us_guarantee_after="conditional",
                    package=f"{core} {guarantee} {run % 2}" if agreed else "")


KNOWN = [row(0, True, 3.0, "conditional", 2.0, rounds=3), row(1, True, 3.5, "unconditional", 2.5, rounds=4),
         row(2, False, 2.0, "conditional", 3.0), row(3, True, 3.5, "unconditional", 4.0, rounds=5)]


def test_the_summary_of_a_known_set_of_rows():
    tally = Tally(tutorial(), runs=4)
    for known in KNOWN:
        tally.add(known)
    summary = tally.summary().to_json()
    assert (summary["agreements"], summary["agreement_rate"]) == (3, 0.75)
    assert summary["agreement_ci"] == [0.3006, 0.9544]     # Wilson 95% for 3 of 4, worked by hand
    # terms over the three agreed games only: 3.0, 3.5, 3.5
    assert summary["terms"]["core_target"] == {"counts": {"3": 1, "3.5": 2}, "mean": 3.333, "p10": 3.1,
                                               "median": 3.5, "p90": 3.5}
    assert summary["terms"]["us_guarantee"] == {"counts": {"unconditional": 2, "conditional": 1, "reduced": 0}}
    assert summary["rounds_to_agreement"] == {"mean": 4.0, "p10": 3.2, "median": 4.0, "p90": 4.8}
    assert summary["rounds"] == {"3": 1, "4": 1, "5": 1}
    assert summary["carve_outs"] == {"mean": 0.667, "p10": 0.2, "median": 1.0, "p90": 1.0}
    assert summary["distinct_packages"] == 2     # 3.0 conditional; 3.5 unconditional with one carve-out (twice)
    # spending over all four games: 2.0, 2.5, 3.0, 4.0
    assert summary["allies"]["germany"]["pledged"] == {"mean": 2.875, "p10": 2.15, "median": 2.75, "p90": 3.7}
    assert summary["allies"]["germany"]["projected"]["median"] == 2.25
    assert summary["scores"]["rutte"] == {"mean": 51.5, "p10": 50.3, "median": 51.5, "p90": 52.7}
    assert summary["role_scores"]["member"]["median"] == 53.5     # (70 + 40 + 50.5) / 3
    assert summary["us_guarantee_after"] == {"unconditional": 0, "conditional": 4, "reduced": 0}


def test_the_summary_does_not_depend_on_the_order_the_rows_arrive_in():
    expected = None
    for attempt in range(5):
        rows = list(KNOWN)
        random.Random(attempt).shuffle(rows)
        tally = Tally(tutorial(), runs=4)
        for known in rows:
            tally.add(known)
        result = tally.summary().to_json()
        assert expected is None or result == expected
        expected = result


def test_counted_quantiles_are_numpys():
    generator = np.random.default_rng(7)
    for size in (1, 2, 5, 40, 333):
        values = np.round(generator.normal(3.0, 0.8, size), 2)
        counts = Counts()
        for value in values:
            counts.add(float(value))
        spread = counts.spread()
        assert [spread.p10, spread.median, spread.p90] == pytest.approx(list(np.quantile(values, [0.1, 0.5, 0.9])),
                                                                        abs=1e-12)
        assert spread.mean == pytest.approx(float(np.mean(values)), abs=1e-12)
        assert len(counts.counter) <= len(set(values.tolist()))   # what is kept: one count per distinct value


def test_the_tables_show_the_summary(tmp_path):
    code, out, err = captured("batch", SCENARIO, "--runs", "4", *MIX)
    assert code == 0 and err == ""
    assert out.startswith("Tutorial: five at the table (tutorial): 4 games, seeds 0 to 3, member=random")
    for heading in ("Outcomes", "agreed (95% interval)", "Agreed terms", "Spending by ally", "Scores", "Spain",
                    "members (average)", "Donald Tusk (tusk)"):
        assert heading in out
    assert "\x1b[" not in out and all(line == line.rstrip() for line in out.splitlines())
    assert list(tmp_path.iterdir()) == [] and not list(Path(".").glob("run-*.jsonl"))   # no rows, no logs


# ----- Ctrl-C ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("jobs, suffix", [(2, ".csv"), (1, ".jsonl")])
def test_ctrl_c_keeps_the_finished_rows_and_prints_their_summary(tmp_path, jobs, suffix):
    path = tmp_path / f"rows{suffix}"
    # 2,000 runs: interrupted after a few rows, so they cost nothing, and a loaded machine that lets the test sleep a
    # second never sees the whole batch end first (200 random-member tutorials take about a second)
    process, out, err = interrupted_batch(["batch", SCENARIO, "--runs", "2000", "--jobs", str(jobs), *MIX, "--out",
                                           str(path), "--json"], path, ROOT)
    assert process.returncode == 130
    assert "Traceback" not in err
    summary = json.loads(out)
    finished = summary["finished"]
    assert err.strip().splitlines() == [f"summit batch: stopped after {finished} of 2000 runs"]
    assert 6 <= finished < 2000 and summary["runs"] == 2000
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    if suffix == ".csv":
        rows = list(csv.reader(io.StringIO(text)))
        header, rows = rows[0], rows[1:]
        assert all(len(row) == len(header) for row in rows)
        runs = [int(row[0]) for row in rows]
        agreements = sum(row[2] == "true" for row in rows)
    else:
        rows = [json.loads(line) for line in text.splitlines()]
        runs = [row["run"] for row in rows]
        agreements = sum(row["agreed"] for row in rows)
    assert len(rows) == finished and runs == sorted(set(runs))   # whole rows, each once, in run order
    assert summary["agreements"] == agreements


def test_ctrl_c_during_a_finalizer_still_stops_a_batch_in_this_process(monkeypatch):
    """Python drops a KeyboardInterrupt raised inside a weak reference's callback or a finalizer ("Exception
    ignored"): the batch used to run to its end after such a Ctrl-C (1 run in 8 of the test above on a loaded
    machine, once observations were freed through callbacks). Here the Ctrl-C arrives inside a callback while the
    third game is played: the batch stops there, after the two rows before it."""
    import weakref

    from game.analysis.batch import _Player, play_batch
    from game.scenario.catalogue import check

    played = _Player.play

    def play(self, run):
        if run == 2:
            class Freed:
                pass
            thing = Freed()
            kept = weakref.ref(thing, lambda _: signal.raise_signal(signal.SIGINT))
            del thing   # the callback runs now, and Ctrl-C arrives inside it
            assert kept() is None
        return played(self, run)
    monkeypatch.setattr(_Player, "play", play)
    rows = []
    with pytest.raises(KeyboardInterrupt):
        with play_batch(check(SCENARIO).scenario, 6, seed=SEED, jobs=1) as games:
            for row in games:
                rows.append(row)
    assert [row.run for row in rows] == [0, 1]


# ----- logs and charts -------------------------------------------------------------------------------------

def test_logs_are_written_per_game_and_replay_to_the_same_row(tmp_path):
    logs = tmp_path / "logs"
    summary, path = batch(tmp_path, "--logs", str(logs), jobs=2)
    assert sorted(p.name for p in logs.iterdir() if p.name != ".summit-output") == sorted(f"run-{run}-seed-{SEED + run}.jsonl" for run in range(RUNS))
    rows = read_csv(path)
    for run in (0, 5):
        code, out, err = captured("replay", str(logs / f"run-{run}-seed-{SEED + run}.jsonl"), "--json")
        assert code == 0, err
        replayed = json.loads(out)
        assert replayed["seed"] == SEED + run
        assert {leader: float(rows[run][f"score_{leader}"]) for leader in LEADERS} == replayed["scores"]
        assert str(replayed["agreed"]).lower() == rows[run]["agreed"]


def test_plot_writes_the_charts(tmp_path):
    plots = tmp_path / "charts"
    batch(tmp_path, "--plot", str(plots))
    written = sorted(p.name for p in plots.iterdir() if p.name != ".summit-output")
    assert written == ["allies.png", "rounds.png", "scores.png", "terms.png"]
    for name in written:
        data = (plots / name).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000


def test_plot_works_when_no_game_agreed(tmp_path):
    plots = tmp_path / "charts"
    code, out, err = captured("batch", SCENARIO, "--runs", "2", "--agents", "member=stubborn", "--json",
                              "--plot", str(plots))
    assert code == 0, err
    assert json.loads(out)["agreements"] == 0 and json.loads(out)["terms"]["core_target"] is None
    assert len(list(plots.glob("*.png"))) == 4


# ----- mistakes --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["--runs", "2", "--jobs", "0"], "--jobs: expected 1 or more jobs (this computer has"),
    (["--runs", "2", "--jobs", "-3"], "found -3"),
    (["--runs", "2", "--jobs", "two"], "--jobs: expected a whole number of jobs, found 'two'"),
    (["--runs", "0"], "--runs: expected from 1 to 100000 runs, found 0"),
    ([], "the following arguments are required: --runs"),
    (["--runs", "2", "--out", "rows.txt"], "summit batch: --out rows.txt: name a .csv or a .jsonl (JSON lines) file"),
    (["--runs", "2", "--out", "no/such/folder/rows.csv"], "the folder no/such/folder does not exist"),
    (["--runs", "2", "--agents", "member=nobody"], "unknown agent 'nobody'"),
    (["--runs", "2", "--seed", str(2**63 - 1)], "the last seed would be above 2**63-1"),
    (["--runs", "2", "--plot", "README.md"], "summit batch: --plot README.md: is a file; name a folder"),
    (["--runs", "2", "--logs", "README.md"], "summit batch: --logs README.md: is a file; name a folder"),
])
def test_bad_arguments_get_one_message_and_exit_2(args, message):
    code, out, err = captured("batch", SCENARIO, *args)
    assert code == 2 and out == "" and "Traceback" not in err
    # argparse's own errors come after its usage lines; ours come alone
    messages = [line for line in err.splitlines() if line and not line.startswith(("usage:", " "))]
    assert len(messages) == 1 and message in messages[0], err
    assert messages[0].startswith("summit batch")


def test_a_bilateral_scenario_is_refused_in_one_line():
    code, out, err = captured("batch", "split_the_pie", "--runs", "2")
    assert code == 2 and out == ""
    assert err.strip() == ("summit batch: split_the_pie uses the bilateral protocol, which batches do not summarise "
                           "yet: use summit run split_the_pie")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_log_that_cannot_be_written_is_one_message(tmp_path, jobs):
    from game.files import mark_folder
    logs = tmp_path / "logs"
    logs.mkdir()
    mark_folder(logs, "batch logs")   # a folder of this batch's logs, as an earlier batch leaves it
    (logs / f"run-1-seed-{SEED + 1}.jsonl").mkdir(parents=True)   # a folder where the second log should go
    code, out, err = captured("batch", SCENARIO, "--runs", "3", "--seed", str(SEED), "--jobs", str(jobs), "--logs",
                              str(logs), "--out", str(tmp_path / "rows.csv"))
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.startswith(f"summit batch: --logs {logs}: cannot write: ") and len(err.strip().splitlines()) == 1


@pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
                    reason="finds the workers through Linux's /proc")
def test_a_worker_killed_from_outside_ends_the_batch_with_one_message_not_a_hang(tmp_path):
    path = tmp_path / "rows.csv"
    process = subprocess.Popen([sys.executable, "-m", "game", "batch", SCENARIO, "--runs", "5000", "--jobs", "2",
                                "--out", str(path)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        deadline = time.monotonic() + 60
        while (not path.exists() or path.read_text(encoding="utf-8").count("\n") < 4) and process.poll() is None:
            assert time.monotonic() < deadline, "no rows after a minute"
            time.sleep(0.02)
        workers = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        assert len(workers) == 2
        os.kill(int(workers[0]), signal.SIGKILL)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 2 and "Traceback" not in err
    assert err.startswith("summit batch: a worker process stopped") and len(err.strip().splitlines()) == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    assert int(err.split("stopped after ")[1].split()[0]) == len(lines) - 1   # the finished rows are kept

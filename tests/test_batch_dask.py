"""`summit batch --dask`: the same games on a Dask cluster, here a LocalCluster of two processes on
127.0.0.1 (`--dask local`), give the same rows, byte for byte, as `--jobs 1`; and what cannot work is
refused in one line with exit code 2, before any game is played. Nothing listens beyond 127.0.0.1.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import distributed  # noqa: F401  (in the test extra: a missing Dask fails here, not in the middle)
import pytest
from cli_support import captured, interrupted_batch

import game.analysis.batch_dask as batch_dask

ROOT = Path(__file__).resolve().parent.parent
MIX = ["--agents", "member=random"]
RUNS, SEED = 12, 3


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch):
    monkeypatch.chdir(ROOT)


def batch(tmp_path: Path, name: str, *args: str) -> tuple[int, str, str, Path]:
    path = tmp_path / name
    code, out, err = captured("batch", "tutorial", "--runs", str(RUNS), "--seed", str(SEED), *MIX, "--out",
                              str(path), "--json", *args)
    return code, out, err, path


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_dask_local_writes_the_rows_and_the_summary_of_one_job_byte_for_byte(tmp_path, suffix):
    logs = ["--logs", str(tmp_path / "logs-one")] if suffix == ".jsonl" else []
    code, one_out, err, one = batch(tmp_path, f"one{suffix}", "--jobs", "1", *logs)
    assert code == 0, err
    logs = ["--logs", str(tmp_path / "logs-dask")] if suffix == ".jsonl" else []
    code, dask_out, err, on_dask = batch(tmp_path, f"dask{suffix}", "--dask", "local", *logs)
    assert code == 0 and err == "", err
    assert on_dask.read_bytes() == one.read_bytes()
    assert dask_out == one_out
    assert len(one.read_text(encoding="utf-8").splitlines()) == RUNS + (suffix == ".csv")
    if suffix == ".jsonl":   # the logs come back from the workers and are written here, the same
        names = sorted(p.name for p in (tmp_path / "logs-one").iterdir() if p.name != ".summit-output")
        assert names == sorted(p.name for p in (tmp_path / "logs-dask").iterdir()
                               if p.name != ".summit-output") and len(names) == RUNS
        for name in names:
            assert (tmp_path / "logs-dask" / name).read_bytes() == (tmp_path / "logs-one" / name).read_bytes()


def one_line_refusal(code: int, out: str, err: str, *pieces: str) -> None:
    assert code == 2 and out == "" and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summit batch: "), err
    for piece in pieces:
        assert piece in lines[0], err


def test_dask_with_jobs_is_refused():
    one_line_refusal(*captured("batch", "tutorial", "--runs", "2", "--dask", "local", "--jobs", "2"),
                     "--dask and --jobs do not go together")


def test_dask_with_agents_path_is_refused(tmp_path, agent_registry):
    (tmp_path / "mine.py").write_text("from game.agents.member import MemberAgent\n\n\nclass Mine(MemberAgent):\n"
                                      "    name = 'mine'\n", encoding="utf-8")
    one_line_refusal(*captured("batch", "tutorial", "--runs", "2", "--dask", "local", "--agents-path", str(tmp_path)),
                     "--agents-path cannot go with --dask")


def test_an_unreachable_scheduler_is_one_line_within_the_timeout(tmp_path, monkeypatch):
    monkeypatch.setattr(batch_dask, "CONNECT_SECONDS", 2.0)
    began = time.monotonic()
    code, out, err, path = batch(tmp_path, "rows.csv", "--dask", "tcp://127.0.0.1:1")   # nothing listens there
    assert time.monotonic() - began < 2.0 + 8
    one_line_refusal(code, out, err, "--dask tcp://127.0.0.1:1: cannot reach the Dask scheduler within 2 s")
    assert not path.exists()   # no game was played: no rows file


def test_without_dask_installed_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)   # `import distributed` now raises ImportError
    one_line_refusal(*captured("batch", "tutorial", "--runs", "2", "--dask", "local"),
                     "--dask needs Dask", "pip install 'summit[cluster]'")


def test_ctrl_c_leaves_a_complete_prefix_and_stops_the_local_cluster(tmp_path):
    path = tmp_path / "rows.csv"
    process, out, err = interrupted_batch(["batch", "tutorial", "--runs", "2000", *MIX, "--out", str(path), "--json",
                                           "--dask", "local"], path, ROOT)
    assert process.returncode == 130 and "Traceback" not in err, (process.returncode, out[-300:], err[-2000:])
    finished = json.loads(out)["finished"]
    assert err.strip().splitlines() == [f"summit batch: stopped after {finished} of 2000 runs"]
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    assert [int(row.split(",")[0]) for row in rows] == list(range(finished))   # runs 0 .. K-1, no gap
    deadline = time.monotonic() + 10   # the workers have gone with the batch
    while shutil.which("pgrep") and subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True).returncode == 0:
        assert time.monotonic() < deadline, "the cluster's processes outlived the batch"
        time.sleep(0.1)

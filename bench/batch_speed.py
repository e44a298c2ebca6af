"""Benchmark 2: `summit batch` of many Rutte games, with one job and with two: wall time and memory.

    python bench/batch_speed.py [--runs 1000] [--jobs 1 2] [--scenario rutte_washington_2025]

Runs `python -m game batch SCENARIO --runs N --seed 0 --jobs J --out TMP.csv` (the same command as
`summit batch`) as a subprocess, once per J, and measures:

- wall time around the whole command (interpreter start-up, scenario loading and writing the CSV included);
- the peak of the process tree's memory, summed over the batch process and its workers, sampled from
  /proc every 50 ms: RSS (pages shared between workers counted in each) and PSS (shared pages split
  between the processes sharing them: the fairer total). A peak between two samples can be missed;
- the largest single process's peak RSS, exact: from `/usr/bin/time -v` when present, else from
  os.wait4's rusage for the child (the same number: the largest of the child and its waited-for workers).

A batch of fewer than 1,000 games also gives the 1,000-game time projected linearly from it (start-up
counted 1,000/N times over, so a little pessimistic). Targets (issue "Batch simulation at speed"): 1,000
games under 30 s with two jobs; memory under 300 MB at any N; with --runs 100, the whole one-job command
(issue "Speed") under 2.6 s. Exits 2 when `summit batch` is missing.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from _common import machine, record_target, target

TARGET_SECONDS = 30.0     # 1,000 games, two jobs
WHOLE_RUNS, WHOLE_SECONDS = 100, 2.6   # the whole command for 100 Rutte games with one job, start-up included
TARGET_MB = 300.0
SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Batch:
    jobs: int
    runs: int
    seconds: float
    tree_rss_mb: float      # sampled peak of the summed RSS of the batch and its workers
    tree_pss_mb: float      # the same, PSS
    largest_mb: float       # exact peak RSS of the largest single process
    rows: int               # games in the CSV written


# ----- memory of a process tree, from /proc (Linux) -----------------------------------------------
def _descendants(root: int) -> list[int]:
    parent_of: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                parent_of[int(entry.name)] = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):  # gone while we looked
            continue
    found, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parent_of.items() if parent == pid]
        found += children
        frontier += children
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; (0, 0) once it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process's descendants until told to stop; keeps the peaks."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root = root
        self.peak_rss_kb = self.peak_pss_kb = 0
        self.available = os.path.exists("/proc/self/smaps_rollup")
        self._done = threading.Event()

    def run(self) -> None:
        while self.available and not self._done.is_set():
            totals = [_memory_kb(pid) for pid in _descendants(self.root)]
            self.peak_rss_kb = max(self.peak_rss_kb, sum(rss for rss, _ in totals))
            self.peak_pss_kb = max(self.peak_pss_kb, sum(pss for _, pss in totals))
            self._done.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._done.set()
        self.join()


# ----- one batch ----------------------------------------------------------------------------------
def batch_command(scenario: str, runs: int, jobs: int, out: Path) -> list[str]:
    return [sys.executable, "-m", "game", "batch", scenario, "--runs", str(runs), "--seed", "0",
            "--jobs", str(jobs), "--out", str(out)]


def run_batch(scenario: str, runs: int, jobs: int, folder: Path) -> Batch:
    out = folder / f"batch-{jobs}.csv"
    report = folder / f"time-{jobs}.txt"
    command = batch_command(scenario, runs, jobs, out)
    gnu_time = shutil.which("time", path="/usr/bin")
    if gnu_time:
        command = [gnu_time, "-v", "-o", str(report), *command]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # With /usr/bin/time the batch is its child: sample below it, so time's own few MB are not counted.
    sampler = TreeSampler(process.pid if gnu_time else os.getpid())
    sampler.start()
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"batch_speed: `{' '.join(command)}` failed with exit status {process.returncode}:\n{stderr}")
    largest_kb = usage.ru_maxrss
    if gnu_time:
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read_text())
        largest_kb = int(found.group(1)) if found else largest_kb
    with out.open(newline="") as handle:
        rows = sum(1 for _ in csv.DictReader(handle))
    return Batch(jobs, runs, seconds, sampler.peak_rss_kb / 1024, sampler.peak_pss_kb / 1024, largest_kb / 1024, rows)


def batch_available() -> str | None:
    """None when `summit batch` exists here; else what the command line said."""
    done = subprocess.run([sys.executable, "-m", "game", "batch", "--help"], capture_output=True, text=True)
    if done.returncode == 0:
        return None
    lines = (done.stderr or done.stdout).strip().splitlines()
    return lines[-1] if lines else f"exit status {done.returncode}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1000, help="games per batch (default 1000)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="job counts to try (default 1 2)")
    parser.add_argument("--scenario", default="rutte_washington_2025", help="bundled id or path")
    args = parser.parse_args()
    if args.runs < 1 or min(args.jobs) < 1:
        parser.error("--runs and --jobs must be at least 1")

    print(f"batch_speed: {machine()}")
    missing = batch_available()
    if missing:
        print(f"batch_speed: `summit batch` is not available in this checkout yet (`python -m game batch --help`: "
              f"{missing}); nothing measured.", file=sys.stderr)
        sys.exit(2)
    shown = " ".join(batch_command(args.scenario, args.runs, 0, Path("TMP.csv"))[3:]).replace("--jobs 0", "--jobs J")
    timer = " under /usr/bin/time -v" if shutil.which("time", path="/usr/bin") else ""
    print(f"`summit {shown}` (as python -m game){timer}", flush=True)
    results: list[Batch] = []
    with tempfile.TemporaryDirectory(prefix="summit-batch-bench-") as folder:
        for jobs in args.jobs:
            batch = run_batch(args.scenario, args.runs, jobs, Path(folder))
            results.append(batch)
            projected = "" if batch.runs >= 1000 else f"; 1,000 games projected {batch.seconds * 1000 / batch.runs:.1f} s"
            print(f"  --jobs {jobs}: {batch.runs} games in {batch.seconds:.2f} s ({1000 * batch.seconds / batch.runs:.1f} ms "
                  f"a game, {batch.runs / batch.seconds:.1f} games/s{projected}); memory peak: process tree "
                  f"{batch.tree_rss_mb:.0f} MB RSS / {batch.tree_pss_mb:.0f} MB PSS, largest process "
                  f"{batch.largest_mb:.0f} MB; {batch.rows} rows in the CSV", flush=True)
            if batch.rows != batch.runs:
                print(f"  warning: the CSV has {batch.rows} rows, not {batch.runs}")
    by_jobs = {batch.jobs: batch for batch in results}
    if 1 in by_jobs and 2 in by_jobs:
        print(f"  two jobs are {by_jobs[1].seconds / by_jobs[2].seconds:.2f}x as fast as one")
    if 2 in by_jobs:
        two = by_jobs[2]
        thousand = two.seconds * 1000 / two.runs
        how = "measured" if two.runs >= 1000 else f"projected from {two.runs} games"
        print(f"target (1,000 games under {TARGET_SECONDS:g} s with two jobs): {target(thousand < TARGET_SECONDS)} "
              f"({thousand:.1f} s, {how})")
        record_target("2", f"1,000 Rutte games under {TARGET_SECONDS:g} s with two jobs", f"{thousand:.1f} s ({how})",
                      thousand < TARGET_SECONDS)
    one = by_jobs.get(1)
    if one is not None and one.runs == WHOLE_RUNS and args.scenario == "rutte_washington_2025":
        print(f"target (`summit batch rutte_washington_2025 --runs {WHOLE_RUNS} --jobs 1`, whole command, under "
              f"{WHOLE_SECONDS:g} s): {target(one.seconds < WHOLE_SECONDS)} ({one.seconds:.2f} s, with --out)")
        record_target("2w", f"`summit batch rutte_washington_2025 --runs {WHOLE_RUNS} --jobs 1` under {WHOLE_SECONDS:g} s, "
                      "whole command", f"{one.seconds:.2f} s", one.seconds < WHOLE_SECONDS)
    worst = max(max(batch.tree_rss_mb, batch.largest_mb) for batch in results)
    print(f"target (memory under {TARGET_MB:g} MB): {target(worst < TARGET_MB)} (largest peak {worst:.0f} MB, "
          "summed RSS of the tree or the largest process)")
    record_target("2m", f"a batch's memory under {TARGET_MB:g} MB", f"{worst:.0f} MB at most", worst < TARGET_MB)


if __name__ == "__main__":
    main()

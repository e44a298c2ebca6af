"""Every benchmark target in one table: the latest verdict each benchmark recorded (bench/.targets.json, written
by game_speed, batch_speed, scaling, peer and net_load as they finish), with the machine line it ran on.

    python bench/targets.py          # `make bench` prints it at the end

A target no benchmark has measured on this checkout shows as "not run".
"""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from _common import TARGETS

GOALS = {   # number -> the goal, for targets not measured yet (the benchmarks record their own wording)
    "1": "a Rutte game under 20 ms median (game_speed.py)",
    "2": "1,000 Rutte games under 30 s with two jobs (batch_speed.py)",
    "2m": "a batch's memory under 300 MB (batch_speed.py)",
    "2w": "`summit batch rutte_washington_2025 --runs 100 --jobs 1` under 2.6 s, whole command (batch_speed.py --runs 100)",
    "3": "a 512-ally game under 2 s (scaling.py)",
    "4": "Summit at least 10x NegMAS's speed per proposal (make bench-peer)",
    "5": "a hosted class: every move at every device under 100 ms, p95 (make bench-net)",
}


def main() -> int:
    try:
        kept = json.loads(TARGETS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    table = Table(title="Benchmark targets")
    for heading in ("#", "target", "measured", "verdict", "run on"):
        table.add_column(heading)
    numbers = sorted(set(GOALS) | set(kept), key=lambda n: (n.split()[0], n))
    for number in numbers:
        if number in kept:
            row = kept[number]
            table.add_row(number, row["goal"], row["measured"], "met" if row["met"] else "NOT met", row["machine"])
        elif not any(k.startswith(number + " ") for k in kept):
            table.add_row(number, GOALS[number], "-", "not run", "")
    Console(width=160).print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How much each input moves what an ally delivers in the spending model (docs/model.md, "What moves
delivery"). Not a speed benchmark: a table of effects, printed for the docs.

    python bench/model_effects.py [--seeds 50]

Each row changes one input for every ally of rutte_washington_2025 (the 2024 figures, a commitment of 3.5%
by 2032, the US guarantee unconditional unless the row says otherwise) and reports the mean over allies and
seeds of the spending in 2035, and the mean change against the base row.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.agents import names  # noqa: E402
from game.analysis.backtest import rank_correlation  # noqa: E402
from game.engine.implementation import Commitment, Pressure, simulate  # noqa: E402
from game.scenario.catalogue import check  # noqa: E402

OPTIONS = ("unconditional", "conditional", "reduced")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=50)
    args = parser.parse_args()
    scenario = check("rutte_washington_2025", names()).scenario
    n = len(scenario.allies)
    us = "united_states"
    others = np.array([a.id != us and a.defence_pct_gdp is not None for a in scenario.allies])
    commitments = {a.id: Commitment(3.5, 2032) for a in scenario.allies}
    review = (scenario.us_review.keep_at, scenario.us_review.reduce_below)

    def mean_end(threat=0.5, fiscal=0.5, support=0.5, guarantee="unconditional", threatened=0.0, pledges=None,
                 review_on=False):
        ends = []
        for seed in range(args.seeds):
            pressure = Pressure(OPTIONS, guarantee, tuple(threatened if o else 0.0 for o in others),
                                review if review_on else None)
            paths = simulate(scenario, pledges or commitments, np.full(n, fiscal), np.full(n, support),
                             np.random.default_rng(seed), np.full(n, threat), pressure, us)
            ends.append(paths.spending[others, -1])
        return float(np.mean(ends))

    base = mean_end()
    rows = [("none (the base)", base)]
    for label, kwargs in (("threat 0.3", {"threat": 0.3}), ("threat 0.7", {"threat": 0.7}),
                          ("threat 0.9", {"threat": 0.9}),
                          ("fiscal space 0.2", {"fiscal": 0.2}), ("fiscal space 0.8", {"fiscal": 0.8}),
                          ("domestic support 0.2", {"support": 0.2}), ("domestic support 0.8", {"support": 0.8}),
                          ("US guarantee conditional", {"guarantee": "conditional"}),
                          ("US guarantee reduced", {"guarantee": "reduced"}),
                          ("a US threat never put to the test, every ally", {"threatened": 0.5}),
                          ("a US threat carried out, every ally", {"threatened": 1.0}),
                          ("the US review on (judged at the deadline)", {"review_on": True})):
        rows.append((label, mean_end(**kwargs)))
    # Peers: half the allies commit (to 3.5%, or to 4.5%); the other half commit to nothing.
    half = {a.id: Commitment(4.5, 2032) for i, a in enumerate(scenario.allies) if i % 2 == 0}
    half_base = {a.id: Commitment(3.5, 2032) for i, a in enumerate(scenario.allies) if i % 2 == 0}
    odd = np.array([i % 2 == 1 for i in range(n)])[others]
    ends = [simulate(scenario, half, np.full(n, 0.5), np.full(n, 0.5), np.random.default_rng(seed),
                     np.full(n, 0.5), Pressure(OPTIONS, "unconditional"), us).spending[others, -1][odd]
            for seed in range(args.seeds)]
    ends_base = [simulate(scenario, half_base, np.full(n, 0.5), np.full(n, 0.5), np.random.default_rng(seed),
                          np.full(n, 0.5), Pressure(OPTIONS, "unconditional"), us).spending[others, -1][odd]
                 for seed in range(args.seeds)]
    print(f"base: every ally at threat 0.5, fiscal space 0.5, support 0.5, committed to 3.5% by 2032, US guarantee"
          f" unconditional\n")
    print(f"{'input changed for every ally':<56}{'2035, % GDP':>12}{'change':>9}")
    for label, value in rows:
        print(f"{label:<56}{value:>12.2f}{value - base:>+9.2f}")
    print(f"{'peers commit to 4.5% instead of 3.5% (half the allies)':<56}{np.mean(ends):>12.2f}"
          f"{np.mean(ends) - np.mean(ends_base):>+9.2f}   (the other half, committed to nothing)")

    gdp = np.array([a.gdp_usd_bn for a in scenario.allies])[others]
    threat = np.array([a.threat for a in scenario.allies])
    rhos = [rank_correlation(gdp, simulate(scenario, commitments, np.array([a.fiscal_space for a in scenario.allies]),
                                           np.array([a.domestic_support for a in scenario.allies]),
                                           np.random.default_rng(seed), threat, Pressure(OPTIONS, "unconditional"),
                                           us).spending[others, -1]) for seed in range(args.seeds)]
    print(f"\nSpearman(GDP, 2035 % of GDP) with the scenario's own threat, fiscal space and support: "
          f"{np.mean(rhos):+.2f} (allies other than the US)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

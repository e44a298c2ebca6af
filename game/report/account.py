"""The readable account `summit run` and `summit replay` print: the game round by round (each round in short,
game/play/round_summary.py; or, verbose, every move with its reason), then who pays what."""

from __future__ import annotations

import dataclasses

from ..engine import GameState, Outcome
from ..engine.narrate import draft_summary, who
from ..play.round_summary import summaries
from ..scenario import Effect, Scenario


def _count(n: int, one: str, many: str) -> str:
    """"1 round", "2 rounds"."""
    return f"{n} {one if n == 1 else many}"


def proceedings(scenario: Scenario, state: GameState, seed: int, verbose: bool = False) -> list[str]:
    """The account's opening and the game round by round: each round in short (what fired, what the draft
    changed, what was asked for, pledged, promised or threatened, and the objections by issue), or, verbose,
    every event, move (with its reason) and result."""
    lines = [f"{scenario.title} ({scenario.id}), seed {seed}",
             f"{_count(len(scenario.leaders), 'leader', 'leaders')}, {_count(len(scenario.allies), 'ally', 'allies')}, "
             f"at most {_count(scenario.rounds, 'round', 'rounds')}.", ""]
    if scenario.fictional:
        lines.insert(1, "A what-if, not history: this scenario is fictional.")
    if scenario.decision.rule != "consensus":
        lines.insert(-1, f"Decided by {scenario.decision.describe()} (NATO's real rule is consensus).")
    if not verbose:
        lines.insert(-1, "Each round in short; --verbose prints every move with its reason.")
        for summary in summaries(scenario, state.history):
            lines += [""] + summary.lines()
        return lines
    current_round = None
    for entry in state.history:
        if entry.round != current_round:
            current_round = entry.round
            lines += ["", f"Round {entry.round} of {scenario.rounds}"]
        prefix = {"event": "  ! ", "result": "  = "}.get(entry.type, f"  [{entry.phase}] ")
        lines.append(prefix + entry.text)
    return lines


def partial_account(scenario: Scenario, state: GameState, seed: int, until: int, verbose: bool = False) -> str:
    """The account of a game replayed through round `until` (`summit replay --until`, or a save of a game
    in progress): the rounds so far, then the draft on the table and the pledges made (no outcome yet)."""
    shown = dataclasses.replace(state, history=tuple(e for e in state.history if e.round <= until))
    lines = proceedings(scenario, shown, seed, verbose)
    lines += ["", "=" * 78, f"NOT OVER: replayed through round {until} of at most {scenario.rounds}.",
              f"On the table: {draft_summary(scenario, state.draft)}"]
    for ally_id, (level, year) in state.pledges:
        lines.append(f"  {scenario.ally(ally_id).name} has pledged {level:.2f}% GDP by {year}")
    return "\n".join(lines)


def account(scenario: Scenario, state: GameState, outcome: Outcome, verbose: bool = False) -> str:
    """The whole account of a finished game: the rounds (in short, or verbose every move), the terms, what
    follows after the summit, each ally's spending and every role's score."""
    lines = proceedings(scenario, state, outcome.seed, verbose)
    lines += ["", "=" * 78]
    if outcome.agreed:
        lines.append(f"AGREED in round {outcome.rounds}: {draft_summary(scenario, outcome.terms)}")
    else:
        lines.append(f"NO DEAL after {_count(outcome.rounds, 'round', 'rounds')}. In force: {draft_summary(scenario, outcome.in_force)}")
    guarantee = scenario.issue_with(Effect.US_GUARANTEE)
    if outcome.us_guarantee_after is not None and guarantee is not None:
        lines.append(f"US guarantee: {guarantee.format(outcome.us_guarantee_agreed)} as agreed; after the US review of "
                     f"delivery ({100 * outcome.delivered_share:.0f}% of promised progress made): "
                     f"{guarantee.format(outcome.us_guarantee_after)}")
    after = scenario.consequences(outcome.in_force)
    if after:
        lines += ["", "After the summit:"] + [f"  {year}  {text} ({label})" for year, label, text in after]
    last_year = outcome.years[-1]
    lines += ["", f"{'Ally':22} {'now':>7} {'pledged':>8} {'by':>5} {f'projected {last_year}':>15} {'delivered':>10}",
              f"{'':22} {'% GDP':>7} {'% GDP':>8} {'':>5} {'% GDP':>15} {'':>10}"]
    for ally in sorted(outcome.allies, key=lambda a: (-(a.now if a.now is not None else -1), a.name)):
        if ally.now is None:
            lines.append(f"{ally.name:22} {'n/a':>7} {'n/a':>8} {'':>5} {'n/a':>15} {'':>10}  reports no defence spending")
            continue
        delivered = f"{delivery_text(ally):>10}"
        lines.append(f"{ally.name:22} {ally.now:7.2f} {ally.pledged:8.2f} {ally.pledge_year or '':>5} "
                     f"{ally.projected:15.2f} {delivered}")
    for which in ("now", "pledged", "projected"):
        usd, pct = outcome.totals(which)
        lines.append(f"{'Alliance ' + which:22} {pct:7.2f}% of the allies' GDP, US$ {usd:,.0f} bn a year")
    lines += ["", "Scores (0-100: 50 = as good as no deal, 100 = the leader's ideal):"]
    for leader_id, value in sorted(outcome.scores.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {who(scenario, leader_id):44} {value:5.1f}")
    return "\n".join(lines)


TINY_PROMISE = 0.1   # % of GDP: a promise of less progress than this has no share delivered worth a percentage


def delivery_text(ally) -> str:
    """How much of its promised progress an ally delivers, for a table: "78%"; "-" when it promised nothing
    beyond today; for a promise under TINY_PROMISE points of GDP, its size ("+0.02 pt"), since a share of
    next to nothing ("78% of 0.02 points") reads as a verdict that it is not."""
    if ally.now is None or ally.pledged is None or ally.delivered is None or ally.pledged <= ally.now + 1e-9:
        return "-"
    if ally.pledged - ally.now < TINY_PROMISE - 1e-9:
        return f"+{ally.pledged - ally.now:.2f} pt"
    return f"{100 * ally.delivered:.0f}%"

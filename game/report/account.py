"""The readable account `summit run` and `summit replay` print: the game round by round (each round in short,
game/play/round_summary.py; or, verbose, every move with its reason), then who pays what. Written in the
language in use from the log entries' data (game/engine/narrate.py's `tell`): a French account of an English log;
the agents' reasons, English sentences kept in the actions, are quoted as they are."""

from __future__ import annotations

import dataclasses

from ..engine import GameState, Outcome
from ..engine.said import Said
from ..engine.narrate import (rule_name, shown_country, shown_draft, shown_phase, shown_text, shown_value, shown_who,
                              tell)
from ..i18n import _, language, ngettext, number, percent
from ..play.round_summary import summaries
from ..scenario import Effect, Scenario


def proceedings(scenario: Scenario, state: GameState, seed: int, verbose: bool = False) -> list[str]:
    """The account's opening and the game round by round: each round in short (what fired, what the draft
    changed, what was asked for, pledged, promised or threatened, and the objections by issue), or, verbose,
    every event, move (with its reason) and result."""
    leaders, allies, rounds = len(scenario.leaders), len(scenario.allies), scenario.rounds
    lines = [_("{title} ({scenario}), seed {seed}").format(title=shown_text(scenario.title), scenario=scenario.id,
                                                           seed=seed),
             ngettext("{count} leader", "{count} leaders", leaders).format(count=leaders) + ", " +
             ngettext("{count} ally", "{count} allies", allies).format(count=allies) + ", " +
             ngettext("at most {count} round.", "at most {count} rounds.", rounds).format(count=rounds), ""]
    if scenario.fictional:
        lines.insert(1, _("A what-if, not history: this scenario is fictional."))
    if scenario.decision.rule != "consensus":
        lines.insert(-1, _("Decided by {rule} (NATO's real rule is consensus).").format(rule=decision_words(scenario)))
    if not verbose:
        lines.insert(-1, _("Each round in short; --verbose prints every move with its reason."))
        for summary in summaries(scenario, state.history):
            lines += [""] + summary.lines()
        return lines
    if language() != "en" and any(entry.type == "action" and entry.data["action"].get("reason")
                                  and not isinstance(entry.data["action"]["reason"], Said)
                                  and "said" not in entry.data["action"] for entry in state.history):
        # Summit's own agents' reasons are told in the language; others' (a user's agent's, a log's from before
        # the agents' sentences were templates) only as written
        lines.insert(-1, _("Some reasons are quoted as their authors gave them, after a dash."))
    current_round = None
    for entry in state.history:
        if entry.round != current_round:
            current_round = entry.round
            lines += ["", _("Round {round} of {rounds}").format(round=entry.round, rounds=scenario.rounds)]
        prefix = {"event": "  ! ", "result": "  = "}.get(entry.type, f"  [{shown_phase(entry.phase)}] ")
        lines.append(prefix + tell(scenario, entry, state.history))
    return lines


def decision_words(scenario: Scenario) -> str:
    """The decision rule in words, in the language in use (`Decision.describe()` in English)."""
    decision = scenario.decision
    if language() == "en":
        return decision.describe()
    if decision.rule == "majority":
        return _("majority: a draft passes when more than half of the voting leaders stay silent")
    if decision.rule == "qualified_majority":
        return _("qualified majority: a draft passes when at least {share} of the voting leaders stay silent").format(
            share=percent(100 * decision.threshold, 0))
    return rule_name(decision)


def partial_account(scenario: Scenario, state: GameState, seed: int, until: int, verbose: bool = False) -> str:
    """The account of a game replayed through round `until` (`summit replay --until`, or a save of a game
    in progress): the rounds so far, then the draft on the table and the pledges made (no outcome yet)."""
    shown = dataclasses.replace(state, history=tuple(e for e in state.history if e.round <= until))
    lines = proceedings(scenario, shown, seed, verbose)
    lines += ["", "=" * 78, _("NOT OVER: replayed through round {until} of at most {rounds}.").format(
                  until=until, rounds=scenario.rounds),
              _("On the table: {draft}").format(draft=shown_draft(scenario, state.draft))]
    for ally_id, (level, year) in state.pledges:
        lines.append("  " + _("{country} has pledged {level} GDP by {year}").format(
            country=shown_country(scenario, ally_id), level=percent(level, 2), year=year))
    return "\n".join(lines)


def account(scenario: Scenario, state: GameState, outcome: Outcome, verbose: bool = False) -> str:
    """The whole account of a finished game: the rounds (in short, or verbose every move), the terms, what
    follows after the summit, each ally's spending and every role's score."""
    lines = proceedings(scenario, state, outcome.seed, verbose)
    lines += ["", "=" * 78]
    if outcome.agreed:
        lines.append(_("AGREED in round {round}: {terms}").format(round=outcome.rounds,
                                                                   terms=shown_draft(scenario, outcome.terms)))
    else:
        lines.append(ngettext("NO DEAL after {count} round. In force: {terms}",
                              "NO DEAL after {count} rounds. In force: {terms}", outcome.rounds).format(
            count=outcome.rounds, terms=shown_draft(scenario, outcome.in_force)))
    guarantee = scenario.issue_with(Effect.US_GUARANTEE)
    if outcome.us_guarantee_after is not None and guarantee is not None:
        lines.append(_("US guarantee: {agreed} as agreed; after the US review of delivery ({share} of promised "
                       "progress made): {after}").format(
            agreed=shown_value(guarantee, outcome.us_guarantee_agreed), share=percent(100 * outcome.delivered_share, 0),
            after=shown_value(guarantee, outcome.us_guarantee_after)))
    after = scenario.consequences(outcome.in_force)
    if after:
        lines += ["", _("After the summit:")] + [f"  {year}  {shown_text(text)} ({shown_text(label)})"
                                                for year, label, text in after]
    lines += _spending_table(scenario, outcome)
    lines += ["", _("Scores (0-100: 50 = as good as no deal, 100 = the leader's ideal):")]
    for leader_id, value in sorted(outcome.scores.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {shown_who(scenario, leader_id):44} {number(value, 1):>5}")
    return "\n".join(lines)


def _spending_table(scenario: Scenario, outcome: Outcome) -> list[str]:
    """Each ally's spending now, pledged and projected, the share of its promise delivered, and the Alliance's."""
    pct, blank, missing = _("{sign} GDP").format(sign="%"), "", _("n/a")   # no "% G": gettext reads a printf field
    ally_, now, pledged, by = _("Ally"), _("now"), _("pledged"), _("by")
    projected, delivered = _("projected {year}").format(year=outcome.years[-1]), _("delivered")
    lines = ["", f"{ally_:22} {now:>7} {pledged:>8} {by:>5} {projected:>15} {delivered:>10}",
             f"{blank:22} {pct:>7} {pct:>8} {blank:>5} {pct:>15} {blank:>10}"]
    names = {ally.id: shown_country(scenario, ally.id) for ally in scenario.allies}
    silent = _("reports no defence spending")
    for ally in sorted(outcome.allies, key=lambda a: (-(a.now if a.now is not None else -1), a.name)):
        name = names.get(ally.id, ally.name)
        if ally.now is None:
            lines.append(f"{name:22} {missing:>7} {missing:>8} {blank:>5} {missing:>15} {blank:>10}  {silent}")
            continue
        lines.append(f"{name:22} {number(ally.now, 2):>7} {number(ally.pledged, 2):>8} {ally.pledge_year or '':>5} "
                     f"{number(ally.projected, 2):>15} {delivery_text(ally):>10}")
    titles = {"now": _("Alliance now"), "pledged": _("Alliance pledged"), "projected": _("Alliance projected")}
    for which in ("now", "pledged", "projected"):
        usd, share = outcome.totals(which)
        lines.append(f"{titles[which]:22} " + _("{share} of the allies' GDP, US$ {usd} bn a year").format(
            share=f"{percent(share, 2):>8}", usd=number(usd)))
    return lines


TINY_PROMISE = 0.1   # % of GDP: a promise of less progress than this has no share delivered worth a percentage


def delivery_text(ally) -> str:
    """How much of its promised progress an ally delivers, for a table: "78%"; "-" when it promised nothing
    beyond today; for a promise under TINY_PROMISE points of GDP, its size ("+0.02 pt"), since a share of
    next to nothing ("78% of 0.02 points") reads as a verdict that it is not."""
    if ally.now is None or ally.pledged is None or ally.delivered is None or ally.pledged <= ally.now + 1e-9:
        return "-"
    if ally.pledged - ally.now < TINY_PROMISE - 1e-9:
        return _("+{points} pt").format(points=number(ally.pledged - ally.now, 2))
    return percent(100 * ally.delivered, 0)

"""The table in words: what every screen of a game in progress shows, whoever draws it. The window's table
(game/ui/scenes/table) and the students' devices of a hosted game (game/net) both draw from here, so a
student's phone and the projector say the same thing in the same words.

Each part comes with a tone rather than a colour, for the screen to colour its own way (and never by colour
alone: the words carry the meaning): "text", "muted", "changed" (new this round), "object" (an objection, a
red line crossed, worse than no deal), "support", "signal" (a leader's own moves this round), "teacher",
"mine" (the viewer's own moves).
"""

from __future__ import annotations

from ..engine import Game, GameState
from ..i18n import N_, _, language
from ..engine.narrate import shown_country, shown_label, shown_text, shown_value, tell
from ..engine.outcome import score
from ..scenario import Effect, Role

GLOSSARY_TERM = {Effect.US_GUARANTEE: "Article 5", Effect.CORE_SPENDING: "core defence",
                 Effect.RELATED_SPENDING: "related spending"}
BOUND_WORDS = {"at_most": N_("at most"), "at_least": N_("at least"), "not": N_("never")}


def seat(scenario, leader) -> str:
    """Whom a leader speaks for, in a word or two: its ally, NATO for the Secretary General, or its own title
    for a participant who speaks for no ally (Ukraine's president at a NATO summit)."""
    if leader.ally:
        return shown_country(scenario, leader.ally)
    return _("NATO") if leader.role == Role.SECRETARY_GENERAL else shown_text(leader.title)


def role_label(scenario, leader) -> str:
    if leader.without_vote:
        return _("{seat} · {leader} (no vote)").format(seat=seat(scenario, leader), leader=shown_text(leader.name))
    return f"{seat(scenario, leader)} · {shown_text(leader.name)}"


def stances(game: Game, state: GameState) -> dict[str, tuple[str, str]]:
    """Each leader's public stance on the current draft, as (text, tone). From the silence procedure: this
    round's verdict, or the last round's while the draft is unchanged; failing that, what the leader said or
    asked for this round; failing that, an earlier verdict marked "(last draft)"."""
    s = game.scenario
    out = {}
    seated = game.seated(state)
    for leader in s.leaders:
        if leader.role == Role.SECRETARY_GENERAL:
            continue
        if leader.id not in seated:
            out[leader.id] = (_("not at the table"), "muted")
            continue
        mine = [e for e in state.history if e.actor == leader.id and e.type == "action"]
        verdicts = [e for e in mine if e.phase == "silence"]
        latest = verdicts[-1] if verdicts else None
        fresh = latest is not None and (latest.round == state.round or
                                        (latest.round == state.round - 1 and state.draft == state.round_start_draft))
        if latest is not None:
            action = latest.data["action"]
            if action["kind"] == "break_silence":
                issue = action["issue"]
                label = _("carve-outs") if issue == "carve_outs" else shown_label(s.issue(issue))
                verdict = (_("✗ objects: {issue}").format(issue=label), "object")
            else:
                verdict = (_("✓ supports"), "support")
            if fresh:
                out[leader.id] = verdict
                continue
        signal = _signal(game, [e for e in mine if e.round == state.round and e.phase == "consultations"])
        if signal is not None:
            out[leader.id] = (signal, "signal")
        elif latest is not None:
            out[leader.id] = (_("{stance} (last draft)").format(stance=verdict[0]), "muted")
        else:
            out[leader.id] = (_("? undecided"), "muted")
    return out


def _signal(game: Game, entries) -> str | None:
    """What a leader's own moves this round say about its stance, most recent first."""
    s = game.scenario
    for entry in reversed(entries):
        action = entry.data["action"]
        kind = action["kind"]
        if kind == "carve_out":
            return _("~ asks for its own deadline: {year}").format(year=action['year'])
        if kind == "amend":
            issue = s.issue(action["issue"])
            return _("~ proposes {issue}: {value}").format(issue=shown_label(issue), value=shown_value(issue, action['value']))
        if kind == "statement" and action.get("issue") and action.get("bound"):
            issue = s.issue(action["issue"])
            return _("~ {issue}: {bound} {value}").format(issue=shown_label(issue), bound=BOUND_WORDS[action['bound']],
                                                           value=shown_value(issue, action['limit']))
    return None


def draft_rows(game: Game, state: GameState) -> list[tuple[str, str, str, str | None]]:
    """The draft as the table shows it: each issue (label, value, tone, glossary term); what changed this
    round is "changed", with the value the round started from in words."""
    s = game.scenario
    rows = []
    for issue in s.issues:
        value = state.draft[issue.id]
        before = state.round_start_draft[issue.id]
        term = GLOSSARY_TERM.get(issue.effect)
        if value != before:
            rows.append((shown_label(issue), _("{value} (changed: it was {before} when this round began)").format(
                value=shown_value(issue, value), before=shown_value(issue, before)), "changed", term))
        else:
            rows.append((shown_label(issue), shown_value(issue, value), "text", term))
    carve = state.draft.carve_outs
    if carve:
        rows.append((_("Carve-outs"), ", ".join(_("{country} by {year}").format(country=shown_country(s, a), year=y)
                                                for a, y in carve), "text", "carve-out"))
    elif game.deadline_issue is not None:
        rows.append((_("Carve-outs"), _("none"), "text", "carve-out"))
    # the pledges before the requests, and at most three requests by name: a long list of requests must not
    # push the pledges out of a small draft panel (every request is in the roster too)
    if state.pledges:
        rows.append((_("National pledges"), _("{count} (see the roster)").format(count=len(state.pledges)), "muted",
                     "pledge"))
    if state.carve_out_requests:
        requests = list(state.carve_out_requests)
        asks = ", ".join(_("{country} (to {year})").format(country=shown_country(s, a), year=y) for a, y in requests[:3])
        if len(requests) > 3:
            asks = _("{asks} and {count} more (see the roster)").format(asks=asks, count=len(requests) - 3)
        rows.append((_("Asked for carve-outs"), asks, "muted", None))
    return rows


def meter(game: Game, state: GameState, leader_id: str) -> tuple[float, str, bool]:
    """The draft for one leader: its score (0-100, no deal = 50), the verdict in words, and whether the draft
    crosses one of the leader's red lines."""
    obs = game.observe(state, leader_id)
    now = score(obs.utility(state.draft), obs.utility(obs.no_deal))
    crossed = obs.crossed(state.draft)
    if crossed:
        verdict = _("✗ crosses your red line on {issues}").format(issues=", ".join(shown_label(obs.issue(i)) for i in crossed))
    else:
        verdict = _("✓ better than no deal") if now > 50.5 else _("✗ worse than no deal") if now < 49.5 else \
            _("= as good as no deal")
    return now, verdict, bool(crossed)


def log_line(game: Game, entry, humans=(), history=()) -> tuple[str, str, bool]:
    """How one log entry shows on a table: (text, tone, bold). Colour is never the only sign: objections say
    "breaks silence", events start with "Event:", results are bold. In English the log's own text; in another
    language told again from the entry's data (narrate.tell; `history`, the game's log, counts a result's voters)."""
    text = entry.text if language() == "en" else tell(game.scenario, entry, history)
    if entry.type == "event":
        return text, "changed", False
    if entry.type == "teacher":
        return text, "teacher", True
    if entry.type == "result":
        objections = entry.data.get("objections") or []
        if len(objections) > 3:  # the roster shows who objected to what; the log keeps one line
            text = (_("Round {round}: {count} of {voters} voting leaders broke silence (the roster shows on what). "
                      "No deal.") if entry.data.get("result") == "no_deal" else
                    _("Round {round}: {count} of {voters} voting leaders broke silence (the roster shows on what). "
                      "The negotiation goes on.")).format(round=entry.round, count=len(objections),
                                                          voters=len(game.voters))
        return text, "text", True
    if entry.data.get("action", {}).get("kind") == "break_silence":
        return text, "object", False
    if entry.actor in humans:
        return text, "mine", False
    return text, "text", False


def round_entries(state: GameState, round_number: int) -> list:
    """The round being played, after the last round's result."""
    previous = [e for e in state.history if e.round == round_number - 1 and e.type == "result"]
    return previous + [e for e in state.history if e.round == round_number]

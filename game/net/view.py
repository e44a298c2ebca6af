"""What each screen of a hosted table is sent (docs/protocol.md, "state"): a seat's view (what the window
shows a seated player: the draft, the meter, the roster, this round's log, the moves with the reasons they
are greyed out, the forms' choices, the seat's own private talks and, at the end, the outcome and the
seat's score), the public view (the projector: no one's secrets), and the teacher's view (the public view
and the controls). A seat's view holds nothing private of any other seat: tests/test_net_privacy.py reads
every message of a whole game to check it.

Also here: a device's move (JSON) made into the Action it stands for, with the same checks as the window,
and a confirmation before staying silent on a draft across one's own red line.
"""

from __future__ import annotations

from ..engine import (Amend, AskCarveOut, BreakSilence, IllegalActionError, Pass, Phase, Pledge, Promise,
                      Statement, TableDraft, Threat)
from ..engine.game import PLEDGE_HORIZON, PLEDGE_MAX
from ..engine.narrate import PHASE_NAMES, Later, shown_amount, shown_country, shown_label, shown_text, shown_value, ungrouped
from ..engine.outcome import score
from ..i18n import _, catalogued, localize, msg, ngettext, percent
from ..play.public import draft_rows, log_line, meter, role_label, round_entries, seat, stances
from ..play.talk import MAX_TALK, OFFER_MOVES, talk_words
from ..report import briefing as briefings
from ..report.glossary import MOVE_KINDS
from .table import Table

MAX_REASON = 500   # characters of a reason or a statement (the forms allow 200; an agent's may be longer)

# Every text a device is sent is in the language in use (the host's: `summit host --lang`); ids, codes and
# numbers the page computes with stay as they are.


def _table_part(table: Table, now: float) -> dict:
    session = table.session
    state, s = session.state, session.scenario
    actor = session.actor
    return {
        "index": table.index, "title": shown_text(s.title), "year": s.year, "round": state.round, "rounds": s.rounds,
        "phase": state.phase.value, "phase_name": str(PHASE_NAMES[state.phase]),
        "actor": actor, "actor_name": shown_text(s.leader(actor).name) if actor else None,
        "started": table.started, "paused": table.paused, "over": session.over, "talks_on": table.talks_on,
        "deadline_left": _round(table.deadline_left(now)), "lines": len(state.history),
    }


def _round(value):
    return None if value is None else round(value, 1)


def _roster(table: Table, now: float, viewer: str | None) -> list[dict]:
    session = table.session
    game, state = session.game, session.state
    s_now = game.scenario_now(state)
    stance = stances(game, state)
    rows = []
    for leader in session.scenario.leaders:
        ally = s_now.ally(leader.ally) if leader.ally else None
        pledge = state.pledge(ally.id) if ally is not None else None
        text, tone = stance.get(leader.id, ("", "muted"))
        rows.append({
            "seat": leader.id, "name": shown_text(leader.name), "label": role_label(session.scenario, leader),
            "country": seat(session.scenario, leader), "iso3": ally.iso3 if ally else None,
            "voter": leader.is_voter, "spending": round(ally.defence_pct_gdp, 2) if ally and ally.reports_spending else None,
            "pledge": _("{level} by {year}").format(level=percent(pledge[0], 1), year=pledge[1]) if pledge else None,
            "stance": text, "tone": tone, "acting": leader.id == session.actor, "you": leader.id == viewer,
            "played_by": table.seat_status(leader.id, now),
        })
    return rows


def _log(table: Table, viewer: str | None) -> list[dict]:
    session = table.session
    mine = (viewer,) if viewer else ()
    lines = []
    for entry in round_entries(session.state, session.state.round):
        text, tone, bold = log_line(session.game, entry, mine, session.state.history)
        lines.append({"text": text, "tone": tone, "bold": bold})
    return lines


def public_view(table: Table, now: float) -> dict:
    """The projector's view: the public table, who holds which seat; no one's positions, meter or talks."""
    session = table.session
    return {
        "table": _table_part(table, now),
        "draft": [{"label": label, "value": value, "tone": tone} for label, value, tone, _ in
                  draft_rows(session.game, session.state)],
        "roster": _roster(table, now, None),
        "log": _log(table, None),
        "outcome": _public_outcome(table) if session.over else None,
    }


def seat_view(table: Table, seat_id: str, now: float, public: dict | None = None) -> dict:
    """What a device on `seat_id` sees: the public table plus its own meter, positions, moves and talks.
    `public`, the table's public_view at the same moment, spares making it again for every seat."""
    session = table.session
    game, state, s = session.game, session.state, session.scenario
    leader = s.leader(seat_id)
    view = dict(public_view(table, now) if public is None else public)
    view["roster"] = [dict(row, you=True) if row["seat"] == seat_id else row for row in view["roster"]]
    view["log"] = _log(table, seat_id)
    if view["outcome"] is not None:
        view["outcome"] = dict(view["outcome"])
    score_now, verdict, crossed = meter(game, state, seat_id)
    view["you"] = {"seat": seat_id, "name": shown_text(leader.name), "title": shown_text(leader.title),
                   "country": seat(s, leader),
                   "label": role_label(s, leader), "played_by": table.seat_status(seat_id, now),
                   "your_turn": (table.started and not table.paused and session.actor == seat_id
                                 and seat_id in session.humans)}
    view["meter"] = {"score": round(score_now, 1), "verdict": verdict, "crossed": crossed}
    view["positions"] = [{"label": label, "text": text} for label, text in
                         briefings.wants(game.scenario_now(state), leader)]
    view["moves"] = moves(table, seat_id, now)
    view["forms"] = forms(table, seat_id)
    view["talks"] = [{"from": r.get("from"), "to": r.get("to"), "round": r.get("round"),
                      "text": talk_words(s, r)} for r in table.talks_of(seat_id)]
    if session.over:
        view["outcome"]["score"] = round(session.outcome().scores.get(seat_id, 0.0), 1)
    return view


def briefing_of(table: Table, seat_id: str) -> dict:
    """The seat's briefing, section by section (sent when a device joins, and when asked for)."""
    s = table.session.game.scenario_now(table.session.state)
    b = briefings.briefing(s, s.leader(seat_id), with_chart=False)
    return {"heading": b.heading, "sections": [
        {"title": section.title, "paragraphs": list(section.paragraphs),
         "items": [{"lead": item.lead, "text": item.text} for item in section.items]} for section in b.sections]}


def _public_outcome(table: Table) -> dict:
    session = table.session
    result = session.outcome()
    s = session.scenario
    terms = result.terms
    rows = [{"label": shown_label(i), "value": shown_value(i, terms[i.id])} for i in s.issues] if terms is not None else []
    in_force = [{"label": shown_label(i), "value": shown_value(i, result.in_force[i.id])} for i in s.issues]
    headline = (ngettext("Agreed after {rounds} round(s).", "Agreed after {rounds} round(s).", result.rounds)
                if result.agreed else
                ngettext("No deal after {rounds} round(s): the no-deal terms apply.",
                         "No deal after {rounds} round(s): the no-deal terms apply.", result.rounds)).format(
        rounds=result.rounds)
    return {"agreed": result.agreed, "termination": result.termination.value, "rounds": result.rounds,
            "headline": headline, "terms": rows, "in_force": in_force, "score": None}


def moves(table: Table, seat_id: str, now: float) -> list[dict]:
    """Every kind of move, allowed or greyed out with the reason, as the window's move buttons."""
    session = table.session
    game, state = session.game, session.state
    legal = game.legal_kinds(state, seat_id)
    status = table.seat_status(seat_id, now)
    out = []
    for kind, text, tip in MOVE_KINDS:
        text = catalogued(text)
        if kind == "pass":
            text = {Phase.SILENCE: _("Stay silent"), Phase.DRAFTING: _("Keep draft")}.get(state.phase, text)
        if kind == "amend" and seat_id != game.pen_holder:
            text = _("Propose")
        reason = legal.get(kind)
        if not table.started:
            reason = _("the game has not started yet")
        elif table.paused:
            reason = _("the teacher has paused the table")
        elif status == "computer":
            reason = _("the computer plays this seat now")
        move = {"kind": kind, "label": text, "help": catalogued(tip), "allowed": reason is None,
                "reason": None if reason is None else localize(reason)}
        if kind == "pass" and state.phase == Phase.SILENCE and reason is None:
            crossed = game.observe(state, seat_id).crossed(state.draft)
            if crossed:
                labels = ", ".join(shown_label(session.scenario.issue(i)) for i in crossed)
                move["confirm"] = _("Staying silent accepts a draft that crosses your red line on {issues}. "
                                    "Stay silent anyway?").format(issues=labels)
        out.append(move)
    return out


def forms(table: Table, seat_id: str) -> dict:
    """What the move forms offer: the issues with their values, the leaders an offer may go to, the bounds of
    a pledge and of a carve-out."""
    session = table.session
    game, state, s = session.game, session.state, session.scenario
    leader = s.leader(seat_id)
    issues = []
    for issue in s.issues:
        value = state.draft[issue.id]
        entry = {"id": issue.id, "label": shown_label(issue), "value": value, "value_text": shown_value(issue, value)}
        if issue.is_range:
            entry.update(range=list(issue.range), step=issue.step, value_pattern=value_pattern(issue))
        else:
            entry["options"] = [{"id": o, "label": shown_value(issue, o)} for o in issue.options]
        issues.append(entry)
    targets = [{"seat": l.id, "label": role_label(s, l), "ally": bool(l.ally)} for l in s.leaders if l.id != seat_id]
    out = {"issues": issues, "targets": targets, "pen": seat_id == game.pen_holder,
           "draft_carve_outs": bool(state.draft.carve_outs), "max_text": MAX_REASON, "max_talk": MAX_TALK,
           "offer_moves": [{"move": m, "words": str(w)} for m, w in OFFER_MOVES.items()],
           "carve_requests": [{"ally": shown_country(s, a), "year": y} for a, y in state.carve_out_requests]}
    if leader.ally and game.scenario_now(state).ally(leader.ally).reports_spending:
        ally = game.scenario_now(state).ally(leader.ally)
        previous = state.pledge(ally.id)
        out["pledge"] = {"now": round(ally.defence_pct_gdp, 2), "max": PLEDGE_MAX, "min_year": s.year + 1,
                         "max_year": s.year + PLEDGE_HORIZON,
                         "level": previous[0] if previous else min(PLEDGE_MAX, max(0.1, round(ally.defence_pct_gdp + 0.5, 1))),
                         "year": previous[1] if previous else s.year + 10}
    if game.deadline_issue is not None:
        deadline = int(state.draft[game.deadline_issue.id])
        latest = int(game.deadline_issue.range[1])
        out["carve_out"] = {"deadline": deadline, "min": deadline + 1, "max": latest}
    return out


def value_pattern(issue) -> str:
    """A range issue's value in words with "{value}" where the number goes, in the language in use ("{value}%
    GDP", "{value} % du PIB", "{value}" for a year), at the step's decimals: the page writes a slider's value
    with it, as the host writes the draft's."""
    digits = len(f"{issue.step:g}".partition(".")[2])
    sample = 1.0
    return shown_amount(issue, sample, digits).replace(ungrouped(sample, digits), "{value}", 1)


def preview(table: Table, seat_id: str, values) -> float:
    """What the draft with these changes (issue id -> value) would be worth to the seat, 0-100."""
    session = table.session
    draft = session.state.draft
    if not isinstance(values, dict) or len(values) > 64:
        raise ValueError(msg("a preview names issues and values"))
    for issue_id, value in values.items():
        issue = _issue(table, issue_id)
        draft = draft.with_value(issue.id, _value(issue, value))
    prefs = session.game.preferences_now(session.state)
    return round(score(prefs.utility(draft, seat_id), prefs.utility(session.game.no_deal_terms(), seat_id)), 1)


def _issue(table: Table, issue_id):
    issue = next((i for i in table.scenario.issues if i.id == issue_id), None)
    if issue is None:
        raise ValueError(msg("no issue {issue!r} in this scenario", issue=str(issue_id)[:40]))
    return issue


def _value(issue, value):
    if issue.is_range:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(msg("{issue} takes a number", issue=shown_label(issue)))
        low, high = issue.range
        if not low <= value <= high:
            raise ValueError(msg("{issue} runs from {low} to {high}", issue=shown_label(issue),
                                 low=shown_value(issue, low), high=shown_value(issue, high)))
        return issue.snap(float(value))
    if value not in issue.options:
        raise ValueError(msg("{issue} has no option {option!r}", issue=shown_label(issue), option=str(value)[:40]))
    return value


def _text(data: dict, key: str) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(msg("{key!r} is text", key=key))
    return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())[:MAX_REASON]


def _number(data: dict, key: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(msg("{key!r} is a number", key=key))
    return value


def move_of(action) -> dict:
    """A move as a device sends it, for an Action (what `summit join` sends for its agent's choice)."""
    data = action.to_json()
    data.pop("actor", None)
    if data["kind"] == "table":
        draft = data.pop("draft")
        data["values"] = {k: v for k, v in draft.items() if k != "carve_outs"}
        data["carve_outs"] = dict(draft.get("carve_outs") or {})
    if data["kind"] == "statement":
        data["words"] = data.pop("reason", "")
    if data["kind"] == "pass" and action.actor:
        data["confirm"] = True   # an agent has weighed its own red lines
    return {k: v for k, v in data.items() if v is not None}


def _labels(scenario, issue_ids) -> str:
    """Issues' labels in the language in use, one after the other."""
    return ", ".join(shown_label(scenario.issue(issue_id)) for issue_id in issue_ids)


def action_of(table: Table, seat_id: str, data) -> object:
    """The Action a device's move stands for (docs/protocol.md, "move"); ValueError for a malformed move,
    IllegalActionError for one that needs the red-line confirmation first."""
    if not isinstance(data, dict):
        raise ValueError(msg("a move is an object with a kind"))
    session = table.session
    game, state, s = session.game, session.state, session.scenario
    kind = data.get("kind")
    reason = _text(data, "reason")
    if kind == "pass":
        if state.phase == Phase.SILENCE and data.get("confirm") is not True:
            crossed = game.observe(state, seat_id).crossed(state.draft)
            if crossed:
                labels = Later(_labels, s, tuple(crossed))
                raise IllegalActionError(msg("staying silent accepts a draft that crosses your red line on {issues}: "
                                             "confirm to stay silent anyway", issues=labels), code="confirm")
        return Pass(seat_id, reason)
    if kind == "table":
        values = data.get("values")
        if not isinstance(values, dict):
            raise ValueError(msg("a draft names a value for each issue ('values')"))
        draft = state.draft
        for issue_id, value in values.items():
            issue = _issue(table, issue_id)
            draft = draft.with_value(issue.id, _value(issue, value))
        deadline = game.deadline_issue
        if deadline is not None:
            choice = data.get("carve_outs", "keep")
            if isinstance(choice, dict):   # each ally's own deadline, named
                if len(choice) > len(s.allies) or any(a not in {x.id for x in s.allies} or isinstance(y, bool)
                                                      or not isinstance(y, int) for a, y in choice.items()):
                    raise ValueError(msg("'carve_outs' names allies and years"))
                carve = dict(choice)
            elif choice not in ("grant", "keep", "none"):
                raise ValueError(msg("'carve_outs' is grant, keep, none, or allies and years"))
            else:
                carve = dict(draft.carve_outs)
            if choice == "grant":
                carve.update(dict(state.carve_out_requests))
            elif choice == "none":
                carve = {}
            draft = draft.with_carve_outs({a: y for a, y in carve.items() if y > draft[deadline.id]})
        return TableDraft(seat_id, reason, draft=draft)
    if kind == "amend":
        issue = _issue(table, data.get("issue"))
        return Amend(seat_id, reason, issue=issue.id, value=_value(issue, data.get("value")))
    if kind in ("promise", "threat"):
        target = data.get("target")
        if target not in {l.id for l in s.leaders} or target == seat_id:
            raise ValueError(msg("an offer goes to another leader at the table ('target')"))
        cls = Promise if kind == "promise" else Threat
        if data.get("issue") is not None:
            issue = _issue(table, data.get("issue"))
            return cls(seat_id, reason, target=target, issue=issue.id, value=_value(issue, data.get("value")))
        return cls(seat_id, reason, target=target, demand=round(_number(data, "demand"), 1))
    if kind == "pledge":
        return Pledge(seat_id, reason, level=round(_number(data, "level"), 1), year=int(_number(data, "year")))
    if kind == "carve_out":
        return AskCarveOut(seat_id, reason, year=int(_number(data, "year")))
    if kind == "statement":
        words = _text(data, "words")
        if data.get("issue") is None:
            return Statement(seat_id, words)
        issue = _issue(table, data.get("issue"))
        bound = data.get("bound")
        if bound is None and data.get("limit") is None:   # names the issue that matters most, no limit
            return Statement(seat_id, words, issue=issue.id)
        if bound not in (("at_most", "at_least") if issue.is_range else ("not",)):
            raise ValueError(msg("'bound' is at_most or at_least on a range issue, not on an options issue"))
        return Statement(seat_id, words, issue=issue.id, limit=_value(issue, data.get("limit")), bound=bound)
    if kind == "break_silence":
        if data.get("issue") == "carve_outs":
            return BreakSilence(seat_id, reason, issue="carve_outs")
        issue = _issue(table, data.get("issue"))
        wants = data.get("wants")
        if wants is not None and wants not in (("more", "less") if issue.is_range else issue.options):
            raise ValueError(msg("'wants' on {issue} is more or less", issue=shown_label(issue)) if issue.is_range else
                             msg("'wants' on {issue} is one of its options", issue=shown_label(issue)))
        # unless named, which way the objection pulls follows from the seat's own position, as in the window
        if wants is None:
            wants = game.observe(state, seat_id).wants(issue.id)
        return BreakSilence(seat_id, reason, issue=issue.id, wants=wants)
    raise ValueError(msg("no move {kind!r} (the moves are: {kinds})", kind=str(kind)[:30],
                         kinds=", ".join(k for k, _text, _tip in MOVE_KINDS)))


def teacher_view(host, now: float) -> dict:
    """The teacher's page: every table's public view and the controls' state (docs/protocol.md)."""
    tables = []
    for table in host.tables:
        public = public_view(table, now)
        moved, waiting = table.moved_this_round()
        s = table.scenario
        public["teacher"] = {
            "moved": [shown_text(s.leader(x).name) for x in moved], "waiting": [shown_text(s.leader(x).name) for x in waiting],
            "devices": [{"number": d.number, "seat": d.seat, "seat_name": shown_text(s.leader(d.seat).name), "name": d.name,
                         "connected": bool(d.connected), "agent": d.agent} for d in table.devices.values()],
            "computer_seats": sorted(table.computer_seats), "round_time": table.round_time,
            "timeout": table.timeout, "pace": table.pace,
            "events": [{"id": e.id, "label": shown_text(e.label)} for e in s.events if e.id not in table.session.state.fired],
            "undo": _why_no_undo(table), "log": str(table.log_path) if table.log_path else None,
            "log_error": table.session.log_error,
        }
        tables.append(public)
    return {"room": host.room, "students_url": host.students_url, "tables": tables,
            "notices": host.notices[-10:], "start_at": None if host.start_at is None else
            max(0.0, round(host.start_at - now, 1))}


def _why_no_undo(table: Table) -> str | None:
    reason = table.session.why_no_undo()
    return None if reason is None else localize(reason)

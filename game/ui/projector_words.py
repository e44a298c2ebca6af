"""What the projector of a hosted class says, in words and without pygame: the join address and its QR
matrix, every seat with who plays it, and the public table (round, phase, whose turn, the draft, the
stances, this round's log, the outcome). projector_draw.py draws exactly these words, so a test can read
them here (`projector_lines`).

Only the public table: nothing here reads a leader's positions, meter or private talks. The host is used
duck-typed (game/ui may not import game/net): `students_url`, `room`, `tables`, `clock()`, `notices`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import segno

from ..engine.narrate import PHASE_NAMES
from ..i18n import N_, _, localize, ngettext, percent
from ..play.public import draft_rows, log_line, role_label, round_entries, seat, stances

STATUS_WORDS = {"person": N_("person"), "program": N_("program"), "absent": N_("absent: device dropped"),
                "left": N_("has left"), "computer": N_("computer"), "empty": N_("empty: free to join")}
STATUS_TAGS = {"person": N_("person"), "program": N_("program"), "absent": N_("absent"), "left": N_("has left"),
               "computer": N_("computer"), "empty": N_("empty")}   # where there is no room for more
STATUS_TONES = {"person": "support", "program": "support", "absent": "object", "left": "muted", "computer": "muted",
                "empty": "changed"}


def join_url(host) -> str:
    """The address a student's phone opens: the students' page with the room code filled in."""
    return f"{host.students_url}?room={host.room}"


def qr_matrix(url: str) -> list[list[bool]]:
    """The QR code of url (error correction M), row by row, True for a dark module; no quiet zone."""
    return [[bool(module) for module in row] for row in segno.make(url, error="m").matrix]


@dataclass
class SeatWords:
    seat: str
    label: str              # "Spain · Pedro Sánchez"
    status: str             # person / absent / computer / empty
    status_text: str        # the status in words, with the devices and their names
    tone: str
    tag: str = ""           # the status in a word or two ("person ×2"), where there is no room for names
    stance: str = ""
    stance_tone: str = "muted"
    acting: bool = False


@dataclass
class TableWords:
    index: int
    tab: str                                   # "Table 2"
    title: str
    started: bool
    paused: bool
    over: bool
    talks_on: bool
    round_line: str                            # "Round 2 of 8 · Consultations"
    turn: str                                  # whose turn, or what the table waits for
    flags: list[tuple[str, str]] = field(default_factory=list)        # (text, tone): paused, deadline, talks
    joined: str = ""                           # "3 of 5 seats taken by 4 devices"
    seats: list[SeatWords] = field(default_factory=list)
    draft: list[tuple[str, str, str]] = field(default_factory=list)   # (label, value, tone)
    log: list[tuple[str, str, bool]] = field(default_factory=list)    # (text, tone, bold)
    outcome: tuple[str, list[tuple[str, str]]] | None = None          # (headline, [(label, value)])
    agreed: bool = False                                               # the outcome is an agreement
    undo_reason: str | None = None             # why the teacher cannot undo now (None: can)
    deadline_set: bool = False
    next_event: tuple[str, str] | None = None  # (id, label) of the first event that has not fired yet
    waiting: str = ""                          # the students who have not moved this round


def clock_words(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.999))
    return f"{seconds // 60}:{seconds % 60:02d}"


def _devices_words(devices) -> str:
    if not devices:
        return ""
    names = ", ".join(d.name for d in devices if d.name)
    count = ngettext("{count} device", "{count} devices", len(devices)).format(count=len(devices))
    return _("{devices}: {names}").format(devices=count, names=names) if names else count


def seat_words(table, now: float, stance: dict) -> list[SeatWords]:
    session = table.session
    s = session.scenario
    rows = []
    for leader in s.leaders:
        status = table.seat_status(leader.id, now)
        devices = _devices_words(table.holders(leader.id))
        text = str(STATUS_WORDS.get(status, status)) + (f" · {devices}" if devices else "")
        words, tone = stance.get(leader.id, ("", "muted"))
        pledge = session.state.pledge(leader.ally) if leader.ally and table.started else None
        if pledge:   # public: the draft's row "National pledges" sends the reader here
            words = (f"{words} · " if words else "") + _("pledges {share} by {year}").format(
                share=percent(pledge[0]), year=pledge[1])
        count = len(table.holders(leader.id))
        tag = str(STATUS_TAGS.get(status, status.split(":")[0])) + (f" ×{count}" if count > 1 and status != "computer"
                                                                      else "")
        rows.append(SeatWords(leader.id, role_label(s, leader), status, text, STATUS_TONES.get(status, "text"), tag,
                              words, tone, table.started and leader.id == session.actor and not session.over))
    return rows


def _waiting(table) -> str:
    moved, waiting = table.moved_this_round()
    if not moved and not waiting:
        return _("No seat is played by a student now.")
    names = ", ".join(table.scenario.leader(seat_id).name for seat_id in waiting)
    total = len(moved) + len(waiting)
    if waiting:
        return ngettext("Moved this round: {moved} of {total} student; not yet: {names}",
                        "Moved this round: {moved} of {total} students; not yet: {names}", total).format(
            moved=len(moved), total=total, names=names)
    return ngettext("Moved this round: {moved} of {total} student", "Moved this round: {moved} of {total} students",
                    total).format(moved=len(moved), total=total)


def table_words(table, now: float) -> TableWords:
    """One table as the projector shows it."""
    session = table.session
    s, state, game = session.scenario, session.state, session.game
    over = session.over
    if over:
        round_line = _("Over after round {round} of {rounds}").format(round=min(state.round, s.rounds), rounds=s.rounds)
    else:
        round_line = _("Round {round} of {rounds} · {phase}").format(
            round=state.round, rounds=s.rounds, phase=PHASE_NAMES.get(state.phase, state.phase.value))
    actor = session.actor
    if not table.started:
        turn = _("Waiting for the class: the game starts when every seat is taken, or when the teacher starts it")
    elif over or actor is None:
        turn = ""
    else:
        leader = s.leader(actor)
        turn = _("Whose turn: {leader} ({country})").format(leader=leader.name, country=seat(s, leader))
    flags = []
    if table.paused:
        flags.append((_("PAUSED by the teacher"), "object"))
    left = table.deadline_left(now)
    if left is not None:
        flags.append((_("Round deadline: {left} left").format(left=clock_words(left)) if left > 0 else
                      _("Round deadline: time is up"), "changed" if left > 30 else "object"))
    if table.started and not over and not table.talks_on:
        flags.append((_("Private talks are off"), "muted"))
    taken = sum(1 for leader in s.leaders if table.holders(leader.id))
    devices = len(table.devices)
    joined = ngettext("{taken} of {seats} seats taken by {devices} device",
                      "{taken} of {seats} seats taken by {devices} devices", devices).format(
        taken=taken, seats=len(s.leaders), devices=devices)
    words = TableWords(
        index=table.index, tab=_("Table {number}").format(number=table.index + 1), title=s.title, started=table.started,
        paused=table.paused, over=over, talks_on=table.talks_on, round_line=round_line, turn=turn, flags=flags,
        joined=joined, seats=seat_words(table, now, stances(game, state) if table.started else {}),
        draft=[(label, value, tone) for label, value, tone, _term in draft_rows(game, state)],
        log=[log_line(game, entry, (), state.history) for entry in round_entries(state, state.round)],
        undo_reason=localize(session.why_no_undo()) if session.why_no_undo() else None, deadline_set=bool(table.round_time),
        next_event=next(((e.id, e.label) for e in s.events if e.id not in state.fired), None),
        waiting=_waiting(table) if table.started and not over else "")
    if over:
        result = session.outcome()
        headline = (ngettext("Agreed after {rounds} round(s).", "Agreed after {rounds} round(s).", result.rounds)
                    if result.agreed else
                    ngettext("No deal after {rounds} round(s): the no-deal terms apply.",
                             "No deal after {rounds} round(s): the no-deal terms apply.", result.rounds)).format(
            rounds=result.rounds)
        terms = [(i.label, i.format(result.terms[i.id])) for i in s.issues] if result.terms is not None else []
        words.outcome = (headline, terms)
        words.agreed = result.agreed
    return words


def tab_words(table) -> str:
    """A table's tab: its number and where it is (waiting, the round, over)."""
    session = table.session
    where = (_("over") if session.over else _("round {round}").format(round=session.state.round) if table.started
             else _("waiting"))
    return _("Table {number} ({number}) · {where}").format(number=table.index + 1, where=where) + (
        _(" · paused") if table.paused else "")


def join_lines(host) -> list[str]:
    return [_("Join on your phone or laptop"), host.students_url, _("Room code"), host.room]


def projector_lines(host, shown: int = 0) -> list[str]:
    """Every text the projector draws for the table shown (the notices too), top to bottom: for tests and to
    check that nothing private is on the screen."""
    tables = host.tables
    words = table_words(tables[shown], host.clock())
    lines = join_lines(host)
    if len(tables) > 1:
        lines += [tab_words(t) for t in tables]
    lines += [words.title, words.round_line, words.turn, words.joined] + [text for text, _tone in words.flags]
    for row in words.seats:
        lines += [row.label, row.status_text] + ([row.stance] if row.stance else [])
    if words.outcome is not None:
        lines.append(words.outcome[0])
        lines += [f"{label}: {value}" for label, value in words.outcome[1]]
    else:
        lines += [f"{label}: {value}" for label, value, _tone in words.draft]
    lines += [text for text, _tone, _bold in words.log]
    lines += list(host.notices[-3:])
    return [line for line in lines if line]

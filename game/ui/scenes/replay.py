"""Watching a game again, round by round: the replay viewer, and the list of logs and saves to watch.

The viewer only reads: it shows a Recording (game/ui/recording.py), the game's rounds rebuilt through the
rules apart from the game being played, which is never touched.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList, UITextBox

from ...engine import MOVES, LogEntry
from ...i18n import N_, _, error_text, ngettext, number, percent, reason_of
from ...play.replay import ReplayError, read
from ...scenario import Scenario
from ...scenario.localized import peek_title
from ...scenario.untrusted import shown
from ...play.userdirs import autosave_path, logs_dir, saves_dir
from ...report.series import SERIES
from .. import look
from ..logview import LogView
from ..recording import Recording, RoundView
from ..scene import Scene

MAX_LISTED = 200


# ----- a round in rows, for the viewer's panels ---------------------------------------------------------
def draft_rows(recording: Recording, view: RoundView) -> list[tuple]:
    """The draft at the end of the round, issue by issue (label, text, colour, term); what changed during
    the round in yellow, with the value it started from, as at the table."""
    s, draft, start = recording.scenario, view.end.draft, view.start
    rows = []
    for issue in s.issues:
        value, before = draft[issue.id], start[issue.id]
        if value != before:
            rows.append((issue.label, _("{value} (changed: it was {before} when the round began)").format(
                value=issue.format(value), before=issue.format(before)), look.CHANGED, None))
        else:
            rows.append((issue.label, issue.format(value), look.TEXT, None))
    if draft.carve_outs or recording.game.deadline_issue is not None:
        carve = ", ".join(_("{country} by {year}").format(country=s.ally(a).name, year=y)
                          for a, y in draft.carve_outs) or _("none")
        changed = draft.carve_outs != start.carve_outs
        rows.append((_("Carve-outs"), _("{carve_outs} (changed this round)").format(carve_outs=carve) if changed else carve,
                     look.CHANGED if changed else look.TEXT, None))
    if view.end.carve_out_requests:
        asks = ", ".join(_("{country} (to {year})").format(country=s.ally(a).name, year=y)
                         for a, y in view.end.carve_out_requests)
        rows.append((_("Asked for carve-outs"), asks, look.MUTED, None))
    return rows


def _kind(entry: LogEntry) -> str | None:
    return (entry.data.get("action") or {}).get("kind") if entry.type in MOVES else None


def summary_rows(recording: Recording, view: RoundView) -> list[tuple]:
    """What the round came to: its result (who broke silence, on what), the events that fired, the pledges
    and carve-outs asked for; after the last round, the outcome."""
    s, game = recording.scenario, recording.game
    rows: list[tuple] = []
    result = view.result
    if result is None:
        rows.append((_("Result"), _("none yet: the game stops in this round (it was not finished)"), look.MUTED, None))
    else:
        adopted = result.data.get("result") == "adopted"
        objections = result.data.get("objections") or []
        text = result.text
        if len(objections) > 3:  # the names follow, issue by issue
            ending = {"adopted": _("The draft is adopted."), "no_deal": _("No deal.")}.get(
                result.data.get("result"), _("The negotiation goes on."))
            text = _("Round {round}: {count} of {voters} voting leaders broke silence. {ending}").format(
                round=view.number, count=len(objections), voters=len(game.voters), ending=ending)
        rows.append((_("✓ Adopted") if adopted else _("✗ Not adopted"), text, look.SUPPORT if adopted else look.OBJECT, None))
        by_issue: dict[str, list[str]] = {}
        for leader_id, issue in objections:
            by_issue.setdefault(issue, []).append(_country(s, leader_id))
        for issue, names in sorted(by_issue.items(), key=lambda kv: -len(kv[1])):
            label = _("Carve-outs") if issue == "carve_outs" else s.issue(issue).label
            rows.append((f"✗ {label} ({len(names)})", ", ".join(names), look.OBJECT, None))
    events = [e for e in view.entries if e.type == "event"]
    rows += [(_("Event"), e.text.removeprefix("Event: "), look.CHANGED, None) for e in events]
    if not events:
        rows.append((_("Events"), _("none fired this round"), look.MUTED, None))
    pledges = [e for e in view.entries if _kind(e) == "pledge"]
    if pledges:
        made = _("; ").join(_("{country} {share} GDP by {year}").format(
            country=_country(s, e.actor), share=percent(e.data['action']['level']), year=e.data['action']['year'])
                         for e in pledges)
        rows.append((_("Pledges made ({count})").format(count=len(pledges)), made, look.GOLD, None))
    standing = len(view.end.pledges)
    rows.append((_("Pledges standing"), ngettext("{count} national pledge after this round",
                                                 "{count} national pledges after this round", standing).format(
                                                     count=standing), look.MUTED, None))
    asks = [e for e in view.entries if _kind(e) == "carve_out"]
    if asks:
        asked = _("; ").join(_("{country} to {year}").format(country=_country(s, e.actor), year=e.data['action']['year'])
                          for e in asks)
        rows.append((_("Carve-outs asked ({count})").format(count=len(asks)), asked, look.TEXT, None))
    last = view.number == recording.rounds[-1].number
    if last and recording.outcome is not None:
        rows += outcome_rows(recording)
    return rows


def _country(scenario: Scenario, leader_id: str) -> str:
    leader = scenario.leader(leader_id)
    return scenario.ally(leader.ally).name if leader.ally else leader.name


def outcome_rows(recording: Recording) -> list[tuple]:
    r, s = recording.outcome, recording.scenario
    rows = []
    if r.agreed:
        rows.append((_("Outcome"), _("agreement in round {round}: the draft above is adopted.").format(round=r.rounds),
                     look.SUPPORT, None))
    else:
        terms = _("; ").join(f"{i.label} {i.format(r.in_force[i.id])}" for i in s.issues)
        rows.append((_("Outcome"), ngettext("no deal after {round} round. The no-deal terms apply: {terms}.",
                                            "no deal after {round} rounds. The no-deal terms apply: {terms}.",
                                            r.rounds).format(round=r.rounds, terms=terms), look.OBJECT, None))
    parts = []
    for series in SERIES:
        parts.append(f"{series.label(r.years[-1])} {percent(r.totals(series.key)[1], 2)}")
    rows.append((_("Alliance spending"), _("{totals} of the allies' GDP").format(totals=", ".join(parts)), look.TEXT,
                 None))
    if r.us_guarantee_after is not None:
        rows.append((_("US guarantee"), _("{agreed}; after the review of delivery ({delivered} delivered): {after}").format(
            agreed=r.us_guarantee_agreed, delivered=percent(r.delivered_share * 100, 0), after=r.us_guarantee_after),
                     look.TEXT, None))
    scores = sorted(r.scores.items(), key=lambda kv: (-kv[1], kv[0]))
    for leader_id in recording.humans:
        rows.append((_("Score of {leader}").format(leader=s.leader(leader_id).name),
                     _("{score} / 100").format(score=number(r.scores[leader_id], 1)), look.MINE, None))
    if scores:
        best, worst = scores[0], scores[-1]
        rows.append((_("Scores"), _("highest {best} {best_score}, lowest {worst} {worst_score} (50 = as good as no "
                                    "deal)").format(best=s.leader(best[0]).name, best_score=number(best[1], 1),
                                                    worst=s.leader(worst[0]).name, worst_score=number(worst[1], 1)),
                     look.TEXT, None))
    return rows


def log_rows(recording: Recording, view: RoundView) -> list[tuple]:
    """Every line of the round, coloured as the table's log (and never by colour alone)."""
    rows = []
    for entry in view.entries:
        if entry.type == "event":
            rows.append((entry.text, look.CHANGED, False))
        elif entry.type == "result":
            rows.append((entry.text, look.TEXT, True))
        elif entry.type == "teacher":
            rows.append((_("Teacher: {text}").format(text=entry.text), look.GOLD, False))
        elif _kind(entry) == "break_silence":
            rows.append((entry.text, look.OBJECT, False))
        elif entry.actor in recording.humans:
            rows.append((entry.text, look.MINE, False))
        else:
            rows.append((entry.text, look.TEXT, False))
    return rows or [(_("Nothing happened in this round."), look.MUTED, False)]


# ----- the viewer ---------------------------------------------------------------------------------------
class ReplayScene(Scene):
    """Round k: the draft at its end (changes in yellow), what it came to, and every line of it."""

    name = "replay"

    def __init__(self, app, recording: Recording, back: Scene | None = None, round_: int = 1):
        super().__init__(app)
        self.recording = recording
        self.back_to = back
        self.index = max(0, min(len(recording.rounds) - 1, round_ - 1))

    @property
    def round(self) -> RoundView:
        return self.recording.rounds[self.index]

    def build(self):
        w, h = self.size
        rec, s = self.recording, self.recording.scenario
        self.label((40, 14, w - 80, 32), look.fit(_("Replay: {scenario}").format(scenario=s.title), look.font(18, True),
                                                  w - 90),
                   object_id="#heading")
        played = len(rec.rounds)
        if rec.outcome is None:
            ending = _("not finished")
        elif rec.outcome.agreed:
            ending = _("agreement in round {round}").format(round=rec.outcome.rounds)
        else:
            ending = _("no deal")
        info = ngettext("{source} · seed {seed} · {played} round played of at most {rounds} · {ending}",
                        "{source} · seed {seed} · {played} rounds played of at most {rounds} · {ending}", played).format(
            source=rec.source, seed=rec.seed, played=played, rounds=s.rounds, ending=ending)
        # whole, in the smaller type if need be, the reminder last to go; a text box for a file name so long
        # that even that does not fit (it wraps rather than cut the name)
        said = _("{info} · nothing here changes the game").format(info=info)
        if look.font(15).size(said)[0] <= w - 90:
            self.label((40, 48, w - 80, 24), said)
        elif look.font(15).size(info)[0] <= w - 90:
            self.label((40, 48, w - 80, 24), info)
        else:
            UITextBox(look.html(info), pygame.Rect(36, 44, w - 72, 36), self.manager, container=self.root,
                      object_id="#table_status")
        top, bottom = 82, h - 84
        col_w = int((w - 96) * 0.45)
        right_x = 40 + col_w + 16
        right_w = w - 40 - right_x
        self.draft_title = self.label((40, top, col_w, 22), "", object_id="#section")
        draft_h = int((bottom - top - 54) * 0.5)
        self.draft_view = LogView(self.manager, self.root, pygame.Rect(40, top + 24, col_w, draft_h), size=15,
                                  follow=False)
        y = top + 24 + draft_h + 8
        self.summary_title = self.label((40, y, col_w, 22), "", object_id="#section")
        self.summary_view = LogView(self.manager, self.root, pygame.Rect(40, y + 24, col_w, bottom - y - 24),
                                    follow=False)
        self.log_title = self.label((right_x, top, right_w, 22), "", object_id="#section")
        self.log_view = LogView(self.manager, self.root, pygame.Rect(right_x, top + 24, right_w, bottom - top - 24),
                                follow=False)
        self.back = self.button((40, h - 70, 150, 46), _("← Back"), _("Back to where the replay was opened (Esc)"))
        widths = (90, 200, 150, 200, 90)
        x = w - 40 - sum(widths) - 8 * (len(widths) - 1)
        rects = []
        for width in widths:
            rects.append((x, h - 70, width, 46))
            x += width + 8
        self.first = self.button(rects[0], _("First"), _("The first round (Home)"))
        self.previous = self.button(rects[1], _("◂ Previous round"), _("The round before (Left)"))
        self.indicator = self.label(rects[2], "")
        self.next = self.button(rects[3], _("Next round ▸"), _("The round after (Right)"), object_id="#primary")
        self.last = self.button(rects[4], _("Last"), _("The last round and how the game ended (End)"))
        self.show_round()

    def show_round(self) -> None:
        view, rounds = self.round, self.recording.rounds
        self.indicator.set_text(_("Round {round} of {rounds}").format(round=view.number, rounds=len(rounds)))
        self.draft_title.set_text(_("THE DRAFT AT THE END OF ROUND {round} · changes in yellow").format(round=view.number))
        self.summary_title.set_text(_("WHAT ROUND {round} CAME TO").format(round=view.number))
        self.log_title.set_text(ngettext("ROUND {round}: EVERY MOVE, IN ORDER ({count} line)",
                                         "ROUND {round}: EVERY MOVE, IN ORDER ({count} lines)", len(view.entries)).format(
            round=view.number, count=len(view.entries)))
        for panel, rows in ((self.draft_view, draft_rows(self.recording, view)),
                            (self.summary_view, summary_rows(self.recording, view)),
                            (self.log_view, log_rows(self.recording, view))):
            panel.offset = 0      # a new round is read from its top
            panel.show(rows)
            panel.paint()
        at_start, at_end = self.index == 0, self.index == len(rounds) - 1
        for button, off in ((self.first, at_start), (self.previous, at_start), (self.next, at_end), (self.last, at_end)):
            (button.disable if off else button.enable)()

    def go(self, index: int) -> None:
        index = max(0, min(len(self.recording.rounds) - 1, index))
        if index != self.index:
            self.index = index
            self.show_round()

    def shortcuts(self):
        return [(pygame.K_LEFT, _("Left"), _("the previous round"), self.previous),
                (pygame.K_RIGHT, _("Right"), _("the next round"), self.next),
                (pygame.K_HOME, _("Home"), _("the first round"), self.first),
                (pygame.K_END, _("End"), _("the last round (and the outcome)"), self.last),
                (pygame.K_BACKSPACE, _("Backspace"), _("back"), self.back)]

    extra_keys = ((N_("Page Up / Page Down"), N_("scroll the round's moves (the mouse wheel scrolls any panel)")),
                  (N_("Esc"), N_("back to where the replay was opened")))

    def page(self, direction: int) -> bool:
        self.log_view.page(direction)
        return True

    def handle(self, event):
        for panel in (self.log_view, self.summary_view, self.draft_view):
            if panel.handle(event, self.manager) is True:
                return
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return
        element = event.ui_element
        if element is self.back:
            self.on_escape()
        elif element is self.first:
            self.go(0)
        elif element is self.previous:
            self.go(self.index - 1)
        elif element is self.next:
            self.go(self.index + 1)
        elif element is self.last:
            self.go(len(self.recording.rounds) - 1)

    def on_escape(self):
        self.app.show(self.back_to if self.back_to is not None else self.app.make("TitleScene"))


# ----- the list of games to watch ------------------------------------------------------------------------
@dataclass(frozen=True)
class Listed:
    path: Path
    label: str
    problem: str | None      # why it cannot be watched (found when listing or when opening)


def describe(path: Path) -> tuple[str, str | None]:
    """A file's line in the list (when, which scenario, how far and how it ended) and why it cannot be
    watched (None: it can, as far as reading it tells). ReplayError when the file is not a readable log or
    save; the full check through the rules happens when it is opened."""
    header, entries, is_save = read(path)
    title = str(header.get("scenario_id", "?"))
    text = header.get("scenario")
    if isinstance(text, str):   # the title line, or the English of a title in languages
        title = peek_title(text) or title
    rounds = max((r.get("round") for _, r in entries if isinstance(r.get("round"), int)), default=1)
    end: dict[str, Any] | None = next((r for _, r in entries if r["type"] == "outcome"), None)
    if end is not None and end.get("protocol") == "bilateral":
        return (_("⚠ {name}: {title}, a bilateral bargaining game").format(name=path.name, title=title),
                _("{path}: a bilateral bargaining game; the window replays summit negotiations only (summit replay "
                  "{name} prints it)").format(path=path, name=path.name))
    if end is not None:
        played = end.get("rounds", rounds)
        state = (ngettext("{count} round, agreement", "{count} rounds, agreement", played) if end.get("agreed") else
                 ngettext("{count} round, no deal", "{count} rounds, no deal", played)).format(count=played)
    else:
        state = (_("in progress, round {round}") if is_save else _("unfinished, round {round}")).format(round=rounds)
    when = _dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    kind = (_("autosave {name}") if path == autosave_path() else _("save {name}") if is_save else
            _("log {name}")).format(name=path.name)
    return f"{when} · {title} · {state} · {kind}", None


def _modified(path: Path) -> float:
    """When a file was last written (0 for a name that leads nowhere, a dangling link or a link loop: listed
    last, as cannot be read)."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def listed_files() -> list[Listed]:
    """The game logs (every game in the window keeps one) and the saves, newest first."""
    found = [p for p in logs_dir().glob("*") if p.is_file() and not p.name.startswith(".")] if logs_dir().is_dir() else []
    found += list(saves_dir().glob("*.summit")) if saves_dir().is_dir() else []
    found.sort(key=_modified, reverse=True)
    out = []
    for path in found[:MAX_LISTED]:
        # A file's name and what its header says are shown escaped: pygame cannot draw a NUL.
        try:
            label, problem = describe(path)
            out.append(Listed(path, shown(label), shown(problem) if problem else None))
        except ReplayError as error:
            out.append(Listed(path, shown(_("⚠ {name}: cannot be replayed").format(name=path.name)), error_text(error)))
        except OSError as error:
            out.append(Listed(path, shown(_("⚠ {name}: cannot be read").format(name=path.name)),
                              shown(_("{path}: {reason}").format(path=path, reason=reason_of(error)))))
    return out


class ReplaysScene(Scene):
    """Every game log and save, newest first; choosing one opens the replay viewer at round 1."""

    name = "replays"

    def __init__(self, app, back: Scene | None = None):
        super().__init__(app)
        self.back_to = back
        self.entries = listed_files()
        self.index: int | None = None
        self.opening: int | None = None    # the frame a chosen file is opened on (after "Opening…" shows)

    def build(self):
        w, h = self.size
        self.label((40, 24, w - 80, 32), _("Replays: watch a game again, round by round"), object_id="#heading")
        # the two folders, a line each, whole
        UITextBox(look.html(_("Game logs: {folder}").format(folder=logs_dir())) + "<br>"
                  + look.html(_("Saves: {folder}").format(folder=saves_dir())),
                  pygame.Rect(36, 58, w - 72, 40), self.manager, container=self.root, object_id="#table_status")
        labels = [entry.label for entry in self.entries] or [_("(no games yet: every game played in the window keeps "
                                                               "its log here)")]
        # Laid out again (a resize): the file chosen stays chosen, and one being opened still opens.
        chosen = self.entries[self.index].label if self.index is not None else None
        self.list = UISelectionList(pygame.Rect(40, 100, w - 80, h - 238), labels, self.manager,
                                    container=self.root, object_id="#replay_list", default_selection=chosen)
        self.status = UITextBox("", pygame.Rect(40, h - 130, w - 80, 44), self.manager, container=self.root,
                                object_id="#table_status")
        self.status_text = ""
        self.back = self.button((40, h - 78, 160, 46), _("← Back"))
        self.open = self.button((w - 280, h - 78, 240, 46), _("Watch →"), _("Open the replay at round 1 (Enter)"),
                                object_id="#primary")
        self.open.disable()
        if self.opening is not None:
            self.set_status(self.opening_message())
        elif self.index is not None:
            self.select(self.index)

    def shortcuts(self):
        return [(pygame.K_RETURN, _("Enter"), _("watch the game chosen"), self.open),
                (pygame.K_BACKSPACE, _("Backspace"), _("back"), self.back)]

    def select(self, index: int) -> None:
        self.index = index
        problem = self.entries[index].problem
        self.set_status(problem or "")
        (self.open.disable if problem else self.open.enable)()

    def set_status(self, text: str) -> None:
        """The file's problem (or what is happening), whole, on up to two lines."""
        self.status_text = text
        self.status.set_text(look.html(text))

    def handle(self, event):
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.list:
            labels = [entry.label for entry in self.entries]
            if event.text in labels:
                self.select(labels.index(event.text))
        elif event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION and event.ui_element is self.list:
            if self.index is not None and self.open.is_enabled:
                self.start_opening()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.on_escape()
            elif event.ui_element is self.open and self.index is not None:
                self.start_opening()

    def start_opening(self) -> None:
        self.set_status(self.opening_message())
        self.open.disable()
        self.opening = self.app.frames_in_scene + 2   # the message is on screen while the file is replayed

    def opening_message(self) -> str:
        return _("Opening {name}: every move is checked through the rules…").format(name=self.entries[self.index].path.name)

    def update(self, dt):
        if self.opening is None or self.app.frames_in_scene < self.opening:
            return
        self.opening = None
        entry = self.entries[self.index]
        try:
            recording = Recording.of_file(entry.path)
        except ReplayError as error:
            self.fail(error_text(error))
            return
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:  # a file no check foresaw
            self.fail(shown(_("{path}: not a game this Summit can replay ({error})").format(path=entry.path, error=error)))
            return
        self.app.show(ReplayScene(self.app, recording, back=self))

    def fail(self, message: str) -> None:
        self.entries[self.index] = Listed(self.entries[self.index].path, self.entries[self.index].label, message)
        self.set_status(message)
        self.open.disable()

    def on_escape(self):
        self.app.show(self.back_to if self.back_to is not None else self.app.make("TitleScene"))

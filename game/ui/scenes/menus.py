"""The screens before the table: scenario browser, role selection, briefing, load (settings: preferences.py)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UISelectionList, UITextBox, UITextEntryLine

from ...engine.narrate import shown_label, shown_text
from ...i18n import N_, _, error_text, ngettext, number
from ...report import briefing
from ...agents import chosen_names, describe_player, names as agent_names, overridden
from ...scenario.catalogue import bundled_dir, bundled_ids
from ...scenario import Role, Scenario, check_file
from ...scenario.untrusted import shown
from ...play.save_list import peek
from ...play.session import MAX_PLAYER_NAME, SaveError, Session
from ...play.userdirs import autosave_backup_path, autosave_path, saves_dir, scenarios_dir
from .. import look
from ..roles import SHARING, ally_figures, leaders_in_order, seat_label
from ..scene import Scene

MAX_LISTED = 200  # files per folder: a folder of thousands must not freeze the browser


LIST_TEXT_W = 420   # the room for an entry's text in the scenario list (at most 460 px wide, in 14 px type)


@dataclass(frozen=True)
class Listed:
    """One file in the scenario browser: its scenario, or the first error that stops it loading."""

    path: Path
    own: bool
    scenario: Scenario | None
    error: str | None
    opened: bool = False  # named on the command line, from neither folder

    @property
    def label(self) -> str:
        if self.scenario is None:
            return shown(_("⚠ {name}: cannot be played").format(name=self.path.name))
        mark = _(" · opened file") if self.opened else _(" · your folder") if self.own else ""
        if self.scenario.is_bilateral:
            mark += _(" · summit run only")
        title = shown_text(self.scenario.title)
        # a title too long for the list (French ones are longer) without its subtitle: never cut
        if look.font(14).size(f"{title} ({self.scenario.year}){mark}")[0] > LIST_TEXT_W and ":" in title:
            title = title.split(":")[0].rstrip(" \u00a0")
        return f"{title} ({self.scenario.year}){mark}"


_checked: dict[Path, tuple] = {}   # path -> (what it was checked as, the check)


def _check(path: Path):
    """check_file, remembered while the file and the agents it may name stay the same: the browser opens
    on every new game, and reading every scenario again would hold the window for seconds."""
    try:
        stat = path.stat()
    except OSError:
        return check_file(path, agent_names())
    stamp = (stat.st_mtime_ns, stat.st_size, agent_names())
    known = _checked.get(path)
    if known is None or known[0] != stamp:
        known = _checked[path] = (stamp, check_file(path, agent_names()))
    return known[1]


def list_scenarios(opened: Path | None = None) -> list[Listed]:
    """The bundled scenarios, the user's own folder, and first a file opened from the command line when it
    is in neither (`summit play FILE.yaml`)."""
    listed = []
    own_dir = scenarios_dir()
    folders = [(bundled_dir(), False)] + ([(own_dir, True)] if own_dir.is_dir() else [])
    for folder, own in folders:
        paths = sorted(folder.glob("*.yaml"))[:MAX_LISTED]
        if not own:
            paths = [folder / f"{scenario_id}.yaml" for scenario_id in bundled_ids()]
        for path in paths:
            checked = _check(path)
            error = None if checked.scenario else str(checked.errors[0]) if checked.errors else "cannot be read"
            listed.append(Listed(path, own, checked.scenario, error))
    # os.path.realpath, not Path.resolve(): on a link loop that raises RuntimeError ("Symlink loop") in 3.11
    if opened is not None and all(os.path.realpath(entry.path) != os.path.realpath(opened) for entry in listed):
        checked = _check(opened)
        error = None if checked.scenario else str(checked.errors[0]) if checked.errors else "cannot be read"
        listed.insert(0, Listed(opened, True, checked.scenario, error, opened=True))
    return listed


class BrowserScene(Scene):
    name = "scenario-browser"

    def __init__(self, app, chosen: Path | None = None):
        super().__init__(app)
        self.listed = list_scenarios(app.opened)
        self.chosen = chosen

    def build(self):
        w, h = self.size
        self.label((40, 24, w - 80, 32), _("Choose a scenario"), object_id="#heading")
        self.label((40, 58, w - 80, 24), _("Your own scenarios go in: {folder}").format(folder=scenarios_dir()))
        list_w = min(460, w // 2 - 60)
        labels = [entry.label for entry in self.listed]
        self.list = UISelectionList(pygame.Rect(40, 92, list_w, h - 190), labels, self.manager,
                                    container=self.root, object_id="#scenario_list")
        self.detail = UITextBox("", pygame.Rect(60 + list_w, 92, w - 100 - list_w, h - 190), self.manager,
                                container=self.root, object_id="#scenario_detail")
        self.back = self.button((40, h - 78, 160, 46), _("← Back"))
        self.refresh = self.button((216, h - 78, 200, 46), _("Look again"),
                                   _("Read the scenario folders again (after you add or fix a file)"))
        self.next = self.button((w - 280, h - 78, 240, 46), _("Choose a role →"), object_id="#primary")
        index = next((i for i, e in enumerate(self.listed) if e.path == self.chosen), None)
        if index is None:
            index = next((i for i, e in enumerate(self.listed) if playable(e)), None)
        self.select(index)

    def shortcuts(self):
        return [(pygame.K_RETURN, _("Enter"), _("choose a role in the scenario shown"), self.next),
                (pygame.K_r, "R", _("look at the folders again"), self.refresh),
                (pygame.K_BACKSPACE, _("Backspace"), _("back"), self.back)]

    def select(self, index: int | None):
        self.index = index
        entry = self.listed[index] if index is not None else None
        if entry is not None:
            self.chosen = entry.path
            for item in self.list.item_list:
                item["selected"] = item["text"] == entry.label
            for item in self.list.item_list:
                if item["button_element"] is not None:
                    if item["selected"]:
                        item["button_element"].select()
                    else:
                        item["button_element"].unselect()
        self.detail.set_text(describe(entry) if entry else _("No scenarios found."))
        if entry is not None and playable(entry):
            self.next.enable()
        else:
            self.next.disable()

    def handle(self, event):
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.list:
            labels = [entry.label for entry in self.listed]
            if event.text in labels:
                self.select(labels.index(event.text))
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.app.goto("TitleScene")
            elif event.ui_element is self.refresh:
                self.app.show(BrowserScene(self.app, self.chosen))
            elif event.ui_element is self.next and self.index is not None:
                entry = self.listed[self.index]
                if playable(entry):
                    self.app.show(RoleScene(self.app, entry.scenario, entry.path))


def playable(entry: Listed) -> bool:
    """Whether the window can play the entry: it loads, and uses the summit protocol."""
    return entry.scenario is not None and not entry.scenario.is_bilateral


def describe(entry: Listed) -> str:
    if entry.scenario is None:
        return (f"<b>{look.html(shown(entry.path.name))}</b><br><br>" + _("This file cannot be played yet. The first "
                                                                           "problem:") +
                f"<br><br><font color='{look.HTML_OBJECT}'>{look.html(shown(entry.error or ''))}</font><br><br>" +
                _("Check every problem with: summit validate {path}").format(path=look.html(shown(str(entry.path)))))
    s = entry.scenario
    if s.is_bilateral:
        return (f"<font size=5><b>{look.html(shown_text(s.title))}</b></font><br>"
                + _("{count} sides · alternating offers").format(count=len(s.leaders)) +
                f"<br><br>{look.html(shown_text(s.summary))}<br><br><font color='{look.HTML_OBJECT}'>"
                + _("{id} uses the bilateral protocol, which the window does not show yet: use summit run {id}").format(
                    id=look.html(s.id)) +
                f"</font><br><br><font color='#9fb2cc'>{look.html(entry.path.name)}</font>")
    issues = ", ".join(look.html(shown_label(issue)) for issue in s.issues)
    sources = len(s.sources)
    fictional = ("<font color='#f2c14e'><b>" + _("Fictional: a what-if, not history.") + "</b></font><br>"
                 if s.fictional else "")
    rule = "" if s.decision.rule == "consensus" else _(" · decided by {rule}").format(
        rule=look.html(str(DECISION_RULES.get(s.decision.rule, s.decision.rule.replace('_', ' ')))))
    objectives = "".join(f"<br>· {look.html(shown_text(objective))}" for objective in s.objectives)
    counts = _("{year} · {allies} · {leaders} · {rounds}").format(
        year=s.year, allies=ngettext("{count} ally", "{count} allies", len(s.allies)).format(count=len(s.allies)),
        leaders=ngettext("{count} leader", "{count} leaders", len(s.leaders)).format(count=len(s.leaders)),
        rounds=ngettext("{count} round", "{count} rounds", s.rounds).format(count=s.rounds))
    return (f"<font size=5><b>{look.html(shown_text(s.title))}</b></font><br>{fictional}{counts}{rule}<br><br>"
            f"{look.html(shown_text(s.summary))}<br><br>"
            + ("<b>" + _("After it, a student can:") + f"</b>{objectives}<br><br>" if objectives else "") +
            "<b>" + _("On the table:") + f"</b> {issues}<br><br><font color='#9fb2cc'>"
            + ngettext("{count} source cited in the file", "{count} sources cited in the file", sources).format(
                count=sources) + f" · {look.html(shown(entry.path.name))}</font>")


# the decision rules' names (the scenario's keys stay English)
DECISION_RULES = {"majority": N_("majority"), "qualified_majority": N_("qualified majority")}


CLASS_NONE = N_("classroom: choose the roles yourself")

INFORMATION = {"private": N_("private: each leader knows only its own positions"),
               "full": N_("full (teaching): every leader's positions are public")}


class RoleScene(Scene):
    """Pick the role you play, or several for several players at one screen (hot-seat hand-offs, or one
    operator entering every move); the computer plays the rest."""

    name = "role-selection"

    def __init__(self, app, scenario: Scenario, path: Path | None, chosen=()):
        super().__init__(app)
        self.scenario = scenario
        self.path = path
        self.leaders = leaders_in_order(scenario)
        self.chosen: list[str] = [leader.id for leader in self.leaders if leader.id in set(chosen)]
        self.focus = self.chosen[0] if self.chosen else self.leaders[0].id
        self.information = app.information or scenario.information
        opened = app.opened is not None and path is not None and os.path.realpath(path) == os.path.realpath(app.opened)
        self.agents = overridden(scenario, app.agents) if opened else {}   # --agents name that file's leaders
        lesson = app.settings.lesson_rounds   # --rounds first, then the teacher's setting (0: the scenario's own)
        self.rounds = scenario.shortened_to or (lesson if 0 < lesson < scenario.full_rounds else scenario.full_rounds)

    def build(self):
        w, h = self.size
        self.label((40, 24, w - 80, 32), _("{scenario}: choose your role").format(scenario=shown_text(self.scenario.title)),
                   object_id="#heading")
        self.label((40, 58, w - 80, 24), _("Click the role you play; several players at one screen click one role "
                                           "each. The computer plays the rest."))
        list_w = min(460, w // 2 - 60)
        self.labels = [seat_label(self.scenario, leader, self.agents) for leader in self.leaders]
        plans = self.scenario.classroom
        self.list = UISelectionList(pygame.Rect(40, 92, list_w, h - (240 if plans else 190)), self.labels,
                                    self.manager, container=self.root, object_id="#role_list",
                                    allow_multi_select=True)
        self.plan_menu = None
        if plans:
            self.plan_texts = {str(CLASS_NONE): None, **{_("roles for a class of {students}").format(
                students=plan.students): plan for plan in plans}}
            self.plan_menu = UIDropDownMenu(list(self.plan_texts), str(CLASS_NONE),
                                            pygame.Rect(40, h - 140, list_w, 36), self.manager,
                                            container=self.root, object_id="#class_plan")
        detail_x = 60 + list_w
        detail_w = w - 100 - list_w
        self.detail = UITextBox("", pygame.Rect(detail_x, 92, detail_w, h - 350), self.manager,
                                container=self.root, object_id="#role_detail")
        self.label((detail_x, h - 248, detail_w, 24), _("Several players share the screen by:"))
        mode = "class" if self.app.class_mode else "operator" if self.app.operator else "hand-off"
        self.sharing = UIDropDownMenu([str(text) for text in SHARING.values()], str(SHARING[mode]),
                                      pygame.Rect(detail_x, h - 222, detail_w, 36), self.manager,
                                      container=self.root, object_id="#sharing")
        info_w = detail_w - 240
        self.label((detail_x, h - 178, info_w, 24), _("Information:"))
        self.info = UIDropDownMenu([str(text) for text in INFORMATION.values()], str(INFORMATION[self.information]),
                                   pygame.Rect(detail_x, h - 150, info_w, 36), self.manager,
                                   container=self.root, object_id="#information")
        full = self.scenario.full_rounds   # the teacher's lesson length: the agents concede over these rounds
        self.rounds_texts = {(ngettext("{count} round (all)", "{count} rounds (all)", n) if n == full else
                              ngettext("{count} round", "{count} rounds", n)).format(count=n): n
                             for n in range(full, 0, -1)}
        self.label((detail_x + info_w + 20, h - 178, 220, 24), _("Rounds to play:"))
        self.rounds_menu = UIDropDownMenu(list(self.rounds_texts), next(t for t, n in self.rounds_texts.items()
                                                                        if n == self.rounds),
                                          pygame.Rect(detail_x + info_w + 20, h - 150, 220, 36), self.manager,
                                          container=self.root, object_id="#rounds")
        self.back = self.button((40, h - 78, 160, 46), _("← Back"))
        self.players = self.label((220, h - 70, w - 520, 30), "")
        self.next = self.button((w - 280, h - 78, 240, 46), _("Read the briefing →"), object_id="#primary",
                                cls=look.ReasonButton)
        self.show_choice()

    def shortcuts(self):
        return [(pygame.K_RETURN, _("Enter"), _("read the briefing (once a role is chosen)"), self.next),
                (pygame.K_BACKSPACE, _("Backspace"), _("back"), self.back)]

    extra_keys = ((N_("Up / Down, then Space"), N_("move to a role and take it (or give it back)")),)

    def toggle(self, leader_id: str) -> None:
        if leader_id in self.chosen:
            self.chosen.remove(leader_id)
        else:
            self.chosen.append(leader_id)
        order = [leader.id for leader in self.leaders]
        self.chosen.sort(key=order.index)
        self.focus = leader_id
        self.show_choice()

    def use_plan(self, plan) -> None:
        """Take the roles the scenario suggests for a class size (the computer plays the rest)."""
        if plan is None:
            return
        order = [leader.id for leader in self.leaders]
        self.chosen = sorted(plan.roles, key=order.index)
        self.focus = self.chosen[0]
        self.plan = plan
        self.show_choice()

    def show_choice(self) -> None:
        chosen_labels = {seat_label(self.scenario, self.scenario.leader(l), self.agents) for l in self.chosen}
        for item in self.list.item_list:
            item["selected"] = item["text"] in chosen_labels
            if item["button_element"] is not None:
                (item["button_element"].select if item["selected"] else item["button_element"].unselect)()
        count = len(self.chosen)
        self.players.set_text(_("No role chosen yet.") if count == 0 else
                              ngettext("{count} player: {names}", "{count} players: {names}", count).format(
                                  count=count, names=", ".join(shown_text(self.scenario.leader(l).name) for l in self.chosen)))
        if count:
            self.next.enable()
            self.next.set_tooltip(None)
        else:
            self.next.disable()
            self.next.set_tooltip(_("Click at least one role first."))
        self.describe(self.focus)

    def describe(self, leader_id: str) -> None:
        leader = self.scenario.leader(leader_id)
        agent = chosen_names(self.scenario, self.agents)[leader_id]
        role = {Role.SECRETARY_GENERAL: _("NATO Secretary General: holds the pen, writes the draft, never votes."),
                Role.US_PRESIDENT: _("The United States: the largest ally, whose guarantee is on the table."),
                Role.MEMBER: _("A member state: one voice, and one veto in the silence procedure.")
                if self.scenario.decision.rule == "consensus" else
                _("A member state: one voice, and one vote in the silence procedure.")}[leader.role]
        figures = ""
        if leader.ally:
            figures = "<br><br>" + ally_figures(self.scenario.ally(leader.ally))
        how = (_("with the agent <i>{agent}</i>, chosen on the command line (--agents)")
               if leader_id in self.agents else _("(agent <i>{agent}</i>)")).format(agent=look.html(agent))
        played = ("<b>" + _("Played by a person.") + "</b>" if leader_id in self.chosen else
                  "<font color='#9fb2cc'>" + _("Unless someone takes this role, the computer plays it {how}: "
                                               "{description}").format(
                      how=how, description=look.html(describe_player(self.scenario, leader_id, agent))) + "</font>")
        plan = getattr(self, "plan", None)
        classroom = ""
        if plan is not None and set(plan.roles) == set(self.chosen):
            teams = ", ".join(f"{shown_text(self.scenario.leader(l).name)} {n}" for l, n in plan.roles.items() if n > 1)
            classroom = ("<br><br>" + _("<b>A class of {students}:</b> {roles}").format(
                students=plan.students, roles=ngettext("{count} role", "{count} roles", len(plan.roles)).format(
                    count=len(plan.roles)))
                         + (_("; students per shared role: {teams}").format(teams=look.html(teams)) if teams else "")
                         + (f". {look.html(shown_text(plan.note))}" if plan.note else "."))
        self.detail.set_text(f"<font size=5><b>{look.html(shown_text(leader.name))}</b></font><br>{look.html(shown_text(leader.title))}"
                             f"<br><br>{role}{figures}<br><br>{played}{classroom}")

    def handle(self, event):
        if event.type in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION) \
                and event.ui_element is self.list:
            if event.text in self.labels:
                leader_id = self.leaders[self.labels.index(event.text)].id
                if (leader_id in self.chosen) != (event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION):
                    self.toggle(leader_id)
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.sharing:
            self.app.operator = event.text in (str(SHARING["operator"]), str(SHARING["class"]))
            self.app.class_mode = event.text == str(SHARING["class"])
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.plan_menu:
            self.use_plan(self.plan_texts.get(event.text))
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.info:
            self.information = next(key for key, text in INFORMATION.items() if str(text) == event.text)
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.rounds_menu:
            self.rounds = self.rounds_texts[event.text]
            if not self.app.demo:   # remembered for the next lesson, as the round timer is
                self.app.settings.lesson_rounds = 0 if self.rounds == self.scenario.full_rounds else self.rounds
                self.app.settings.save()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.app.show(BrowserScene(self.app, self.path))
            elif event.ui_element is self.next and self.chosen:
                self.start()

    def start(self) -> None:
        seed = self.app.settings.seed
        seed = secrets.randbelow(1_000_000) if seed is None else seed
        humans = () if self.app.demo else tuple(self.chosen)
        scenario = self.scenario.with_information(self.information).with_rounds(self.rounds)
        self.app.start_session(Session(scenario, seed, humans, agents=self.agents), self.chosen[0])
        self.app.show(next_briefing(self.app, list(self.chosen), self.path))


def next_briefing(app, queue: list[str], path: Path | None) -> Scene:
    """The next screen of the briefings: each player's own briefing, behind a hand-off screen when several
    players take turns; the table when every player has read theirs (at once in class mode)."""
    from ..teacher import keep_live_log
    if not queue or app.class_mode:   # class mode: the teams read printed briefings (summit brief), not one a screen
        app.autosave()      # the game begins: "Continue" offers it from now on, even before anyone moves,
        keep_live_log(app)  # and its log is written as it goes (neither in a demo)
        if app.hot_seat:
            app.seat = None  # the table opens in public view; each player's turn starts with a hand-off
        return app.make("TableScene")
    leader_id, rest = queue[0], queue[1:]
    scenario = app.session.scenario
    if app.hot_seat:
        return app.make("HandOffScene", leader_id, lambda: BriefingScene(app, scenario, path, leader_id, rest))
    return BriefingScene(app, scenario, path, leader_id, rest, hidden=app.operator and len(app.session.humans) > 1)


class BriefingScene(Scene):
    name = "briefing"

    def __init__(self, app, scenario: Scenario, path: Path | None, leader_id: str, queue=(), hidden: bool = False):
        super().__init__(app)
        self.scenario = scenario
        self.path = path
        self.leader = scenario.leader(leader_id)
        self.queue = list(queue)
        self.hidden = hidden     # operator mode: the private part waits until the operator reveals it

    def build(self):
        w, h = self.size
        leader = self.leader
        self.label((40, 24, w - 80, 32), _("Briefing: {leader}, {title}").format(leader=shown_text(leader.name), title=shown_text(leader.title)),
                   object_id="#heading")
        self.text = UITextBox(self.briefing_html(), pygame.Rect(40, 68, w - 80, h - 160), self.manager,
                              container=self.root, object_id="#briefing")
        self.back = self.button((40, h - 78, 160, 46), _(_("← Back")))
        self.reveal = None
        if self.hidden:
            self.reveal = self.button((220, h - 78, 260, 46), _("Reveal private positions"),
                                      _("Show this role's positions and red lines on the screen (V)"))
        more = _("Next briefing ({count} more) →").format(count=len(self.queue)) if self.queue else \
            _("Go to the table →")
        self.next = self.button((w - 300, h - 78, 260, 46), more, object_id="#primary")
        self.name_entry = None
        session = self.app.session
        if session is not None and leader.id in session.humans:  # a person plays this role: they may sign
            x = 500 if self.reveal is not None else 220
            self.label((x, h - 92, w - 320 - x, 22), _("Name or team (optional, saved in the log)"))
            self.name_entry = UITextEntryLine(pygame.Rect(x, h - 66, min(360, w - 320 - x), 36), self.manager,
                                              container=self.root, object_id="#player_name")
            self.name_entry.set_text_length_limit(MAX_PLAYER_NAME)
            self.name_entry.set_text(session.players.get(leader.id, ""))

    def shortcuts(self):
        return [(pygame.K_RETURN, _("Enter"), self.next.text.rstrip(" →").lower(), self.next),
                (pygame.K_v, "V", _("reveal the private positions (operator mode)"), self.reveal),
                (pygame.K_BACKSPACE, _("Backspace"), _("back to the roles"), self.back)]

    def briefing_html(self) -> str:
        """The role's briefing, section by section as the printed one (game/report/briefing.py) has it; its
        private sections stay hidden while the room watches (operator mode)."""
        s, leader = self.scenario, self.leader
        private = ("What you want", "Your private objective")
        parts = []
        agents = self.app.session.agents if self.app.session is not None else None
        for section in briefing.briefing(s, leader, with_chart=False, agents=agents).sections:
            paragraphs = list(section.paragraphs)
            key = getattr(section, "name", section.title)   # the English title: the shown one may be French
            if key == "Who you are":   # the screen's title says who; only the background is new
                paragraphs = paragraphs[1:]
                if not paragraphs:
                    continue
            if key in private and self.hidden:
                parts.append(f"<b>{look.html(section.title)}.</b> <font color='#9fb2cc'>" + _(
                    "Private: hidden while the room watches. Press Reveal private positions (V) to show it.") + "</font>")
                continue
            text = f"<b>{look.html(section.title)}.</b> " + "<br>".join(look.html(p) for p in paragraphs)
            if section.items:
                text += "<br>" + "<br>".join("• " + (f"<b>{look.html(item.lead)}</b>{_(': ')}" if item.lead else "")
                                             + look.html(item.text) for item in section.items)
            parts.append(text)
        parts.append(_("Press Esc during the game for the menu (save, load, seats, settings)."))
        return "<br><br>".join(parts)

    def handle(self, event):
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back and self.path is not None:
                self.app.session = None
                self.app.show(RoleScene(self.app, self.scenario, self.path, [self.leader.id]))
            elif event.ui_element is self.reveal:
                self.toggle_reveal()
            elif event.ui_element is self.next:
                self.sign()
                self.app.show(next_briefing(self.app, self.queue, self.path))
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.name_entry:
            self.sign()
            self.manager.set_focus_set(None)  # Enter took the name; Enter again goes on

    def sign(self) -> None:
        """The name typed for this role goes into the game's log header and saves; none typed, none stored."""
        if self.name_entry is not None and self.app.session is not None:
            self.app.session.set_player(self.leader.id, self.name_entry.get_text())

    def toggle_reveal(self):
        self.hidden = False
        self.text.set_text(self.briefing_html())
        if self.reveal is not None:
            self.reveal.disable()


class LoadScene(Scene):
    """Saved games and the autosave, newest first; a damaged file is listed with what is wrong."""

    name = "load-game"

    def __init__(self, app, back: Scene | None):
        super().__init__(app)
        self.back_to = back
        files = sorted(saves_dir().glob("*.summit"), key=_modified, reverse=True)[:MAX_LISTED]
        self.entries: list[tuple[Path, str, str | None]] = []
        for path in files:
            try:
                info = peek(path)
                who = ", ".join(player_words(info)) or _("agents only")
                state = _("finished") if info.over else _("round {round}").format(round=info.round)
                name = {autosave_path(): _("Autosave"), autosave_backup_path(): _("Previous autosave")}.get(
                    path, shown(path.stem))
                self.entries.append((path, _("{name}: {title}, {state} ({who})").format(
                    name=name, title=info.title, state=state, who=who), None))
            except SaveError as error:
                self.entries.append((path, shown(_("⚠ {name}: cannot be loaded").format(name=path.name)), error_text(error)))

    def build(self):
        w, h = self.size
        self.label((40, 24, w - 80, 32), _("Load a game"), object_id="#heading")
        self.label((40, 58, w - 80, 24), _("Saves are kept in: {folder}").format(folder=saves_dir()))
        labels = [label for _path, label, _error in self.entries] or [_("(no saved games yet)")]
        self.list = UISelectionList(pygame.Rect(40, 92, w - 80, h - 230), labels, self.manager,
                                    container=self.root, object_id="#save_list")
        self.status = UITextBox("", pygame.Rect(40, h - 130, w - 80, 44), self.manager, container=self.root,
                                object_id="#table_status")   # what is wrong with a save, whole
        self.back = self.button((40, h - 78, 160, 46), _(_("← Back")))
        self.open = self.button((w - 280, h - 78, 240, 46), _("Load →"), object_id="#primary")
        self.open.disable()
        self.index = None

    def shortcuts(self):
        return [(pygame.K_RETURN, _("Enter"), _("load the save chosen"), self.open),
                (pygame.K_BACKSPACE, _("Backspace"), _("back"), self.back)]

    def handle(self, event):
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.list:
            labels = [label for _path, label, _error in self.entries]
            if event.text in labels:
                self.index = labels.index(event.text)
                error = self.entries[self.index][2]
                self.status.set_text(look.html(error or ""))
                (self.open.disable if error else self.open.enable)()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.app.show(self.back_to if self.back_to is not None else self.app.make("TitleScene"))
            elif event.ui_element is self.open and self.index is not None:
                problem = self.app.load(self.entries[self.index][0])
                if problem:
                    self.status.set_text(look.html(error_text(problem)))

    def on_escape(self):
        self.app.show(self.back_to if self.back_to is not None else self.app.make("TitleScene"))


def player_words(info) -> list[str]:
    """Who played a save, in words: the name or team typed for each role played by a person, with the
    leader's name ("Table 4 as Pedro Sánchez"), else the leader's name; the leader's id only when the
    scenario is not one this Summit has (its names are inside the save, which a list does not replay)."""
    scenario = None
    if info.scenario_id in bundled_ids():
        scenario = _check(bundled_dir() / f"{info.scenario_id}.yaml").scenario
    names = {leader.id: leader.name for leader in scenario.leaders} if scenario is not None else {}
    out = []
    for leader_id in info.humans:
        leader = names.get(leader_id, leader_id)
        typed = info.players.get(leader_id)
        out.append(_("{name} as {leader}").format(name=typed, leader=leader) if typed else leader)
    return out


def _modified(path: Path) -> float:
    """When a save was last written (0 for a name that leads nowhere, such as a dangling link: listed last)."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0

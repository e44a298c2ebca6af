"""Several people at one screen: the hand-off screen between their turns, and the seats (who plays which
role), which can change mid-game when a student leaves or arrives."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UISelectionList, UITextBox

from ...engine.narrate import shown_text
from ...i18n import N_, _
from .. import look
from ..roles import SHARING, leaders_in_order, seat, seat_label
from ..scene import Scene


class HandOffScene(Scene):
    """A blank screen between two players' turns: nothing private shows until the next player confirms."""

    name = "hand-off"
    in_game = True
    round_clock = True      # the round's time runs while the keyboard changes hands

    def __init__(self, app, leader_id: str, then):
        super().__init__(app)
        self.leader = app.session.scenario.leader(leader_id)
        self.then = then

    def build(self):
        w, h = self.size
        s = self.app.session.scenario
        country = seat(s, self.leader)
        # the leader by name ("Pass the keyboard to" / "Donald Trump"): a country's name does not always read
        # well after "to" (the United States), and the player answers to the name on the button below
        self.label((40, h * 0.25 - 44, w - 80, 30), _("Pass the keyboard to"), object_id="#subtitle")
        self.label((40, h * 0.25 - 10, w - 80, 64), shown_text(self.leader.name), object_id="#title")
        title = shown_text(self.leader.title)
        title = title if country in title else _("{title}, {country}").format(title=title, country=country)
        self.label((40, h * 0.25 + 70, w - 80, 30), title, object_id="#subtitle")
        self.label((40, h * 0.25 + 120, w - 80, 26),
                   _("Everyone else, please look away: the next screen shows this role's private positions."),
                   object_id="#note")
        self.go = self.button((w // 2 - 200, h * 0.25 + 180, 400, 52), _("I am {leader}: show my screen").format(
            leader=shown_text(self.leader.name)), _("Enter"), object_id="#primary")

    def shortcuts(self):
        return [(pygame.K_RETURN, _("Enter"), _("the next player confirms and sees their screen"), self.go)]

    def handle(self, event):
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.go:
            self.app.seat = self.leader.id
            self.app.show(self.then())


class SeatsScene(Scene):
    """Who plays which role, changed mid-game: a person hands a role to the computer or takes one over.
    The game and its log go on without a break."""

    name = "seats"
    in_game = True

    def __init__(self, app, back: Scene | None):
        super().__init__(app)
        self.back_to = back
        self.leaders = leaders_in_order(app.session.scenario)
        self.chosen = list(app.session.humans)

    def build(self):
        w, h = self.size
        s = self.app.session.scenario
        self.label((40, 24, w - 80, 32), _("Seats: who plays which role"), object_id="#heading")
        self.label((40, 58, w - 80, 24), _("Selected roles are played by people; the computer plays the others "
                                           "from its next move on. Nothing played so far changes."))
        list_w = min(460, w // 2 - 60)
        self.labels = [seat_label(s, leader, self.app.session.agents) for leader in self.leaders]
        self.list = UISelectionList(pygame.Rect(40, 92, list_w, h - 190), self.labels, self.manager,
                                    container=self.root, object_id="#seat_list", allow_multi_select=True)
        for item in self.list.item_list:
            item["selected"] = self.leaders[self.labels.index(item["text"])].id in self.chosen
            if item["button_element"] is not None and item["selected"]:
                item["button_element"].select()
        x = 60 + list_w
        self.summary = UITextBox("", pygame.Rect(x, 92, w - 100 - list_w, h - 280), self.manager,
                                 container=self.root, object_id="#seat_summary")
        self.label((x, h - 178, w - 100 - list_w, 24), _("Several players share the screen by:"))
        mode = "operator" if self.app.operator else "hand-off"
        self.sharing = UIDropDownMenu([str(text) for text in SHARING.values()], str(SHARING[mode]),
                                      pygame.Rect(x, h - 150, w - 100 - list_w, 36),
                                      self.manager, container=self.root, object_id="#sharing")
        self.back = self.button((40, h - 78, 200, 46), _("← Back (no change)"))
        self.apply = self.button((w - 300, h - 78, 260, 46), _("Apply and go on →"), object_id="#primary")
        self.show_summary()

    def shortcuts(self):
        return [(pygame.K_RETURN, _("Enter"), _("apply and go on"), self.apply),
                (pygame.K_BACKSPACE, _("Backspace"), _("back without changes"), self.back)]

    extra_keys = ((N_("Up / Down, then Space"), N_("move to a role and give it to a person (or the computer)")),)

    def show_summary(self):
        s = self.app.session.scenario
        people = ", ".join(shown_text(s.leader(l).name) for l in self.chosen) or _("nobody: the computer plays every role")
        before = set(self.app.session.humans)
        changes = []
        agents = self.app.session.agents
        for leader in self.leaders:
            now = leader.id in self.chosen
            computer = _("the computer takes over (agent {agent})").format(agent=agents[leader.id]) \
                if leader.id in agents else _("the computer takes over")
            if now != (leader.id in before):
                changes.append(f"{look.html(shown_text(leader.name))}: " + (_("a person takes over") if now else look.html(computer)))
        self.summary.set_text("<b>" + _("Played by people:") + f"</b> {look.html(people)}<br><br>"
                              + ("<b>" + _("Changes:") + "</b><br>" + "<br>".join(changes) if changes else
                                 _("No changes yet.")))

    def handle(self, event):
        if event.type in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION) \
                and event.ui_element is self.list and event.text in self.labels:
            leader_id = self.leaders[self.labels.index(event.text)].id
            if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and leader_id not in self.chosen:
                self.chosen.append(leader_id)
            elif event.type == pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION and leader_id in self.chosen:
                self.chosen.remove(leader_id)
            self.show_summary()
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.sharing:
            self.operator_choice = event.text == str(SHARING["operator"])
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.on_escape()
            elif event.ui_element is self.apply:
                self.confirm()

    def confirm(self):
        self.app.session.set_humans(self.chosen)
        self.app.operator = getattr(self, "operator_choice", self.app.operator)
        self.app.seat = None
        if self.app.session.humans:
            self.app.view_as = self.app.session.humans[0]
        self.app.goto("TableScene")

    def on_escape(self):
        self.app.show(self.back_to if self.back_to is not None else self.app.make("TableScene"))

"""Drive the window with real input events: the demo walks itself through the game with these, and the
tests play with them. Nothing here touches the game; it only clicks and types like a person would."""

from __future__ import annotations

import os

import pygame
import pygame_gui


scale = (1.0, 1.0)  # window pixels per layout pixel (the App sets it when the interface is zoomed)


def click_at(pos: tuple[int, int], by_key: bool = False) -> None:
    """A click at a point of the layout (converted to window pixels, as a real mouse would report it).
    by_key: the click stands for a key (a shortcut, Enter on the focus ring), which the App's click guard
    lets through: only a real pointer can click once too often."""
    pos = (round(pos[0] * scale[0]), round(pos[1] * scale[1]))
    extra = {"by_key": True} if by_key else {}
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), **extra))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, **extra))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, **extra))


def click(element, by_key: bool = False) -> None:
    """Click the middle of a pygame_gui element (a button, a list item)."""
    click_at(element.get_abs_rect().center, by_key)


def click_list_item(selection_list: pygame_gui.elements.UISelectionList, text: str) -> bool:
    """Click the item with this text in a selection list; False when it is not shown."""
    for item in selection_list.item_list:
        if item["text"] == text and item["button_element"] is not None:
            click(item["button_element"])
            return True
    return False


def key(code: int, unicode: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=unicode, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode=unicode, scancode=0))


def type_text(text: str) -> None:
    for char in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))


class DemoPilot:
    """Agents take every role; the pilot clicks through title, browser, role selection, the briefing
    (of the Secretary General, or the leader given), the table, each round's result and the outcome,
    pausing on each screen (none with fast), then ends the program with exit code 0. At the first table and
    at the outcome it also shows the alliance map, saved as NN-table-map.png and NN-outcome-map.png, and at the
    outcome the debrief's three questions, saved as NN-outcome-questions.png."""

    def __init__(self, scenario_path, leader_id: str | None, fast: bool):
        self.scenario_path = scenario_path
        self.leader_id = leader_id
        self.pause = 0.0 if fast else 2.5
        self.scene = None
        self.waited = 0.0
        self.clicked_at: int | None = None
        # the alliance map, shown once on each; the outcome's questions likewise
        self.maps = {"table": "to show", "outcome": "to show", "outcome-questions": "to show"}

    def tick(self, app, dt: float) -> None:
        BriefingScene, BrowserScene, OutcomeScene, RoleScene, RoundResultScene, TableScene, TitleScene = (
            app.scene_class(name) for name in ("BriefingScene", "BrowserScene", "OutcomeScene", "RoleScene",
                                                "RoundResultScene", "TableScene", "TitleScene"))
        scene = app.scene
        if scene is not self.scene:
            self.scene, self.waited, self.clicked_at = scene, 0.0, None
        self.waited += dt
        if isinstance(scene, TableScene) and self.maps["table"] != "done":
            # the computers may end a round before the pause is over: the map comes first, at once
            if self.clicked_at is None or app.frames_in_scene - self.clicked_at >= 30:
                self.show_map(app, "table", scene.map_button, scene.map_panel is not None)
            return
        if app.frames_in_scene < 3 or self.waited < self.pause or app.click_guard is not None:
            return
        # one click, then wait for the screen to react (a second click would land on the next screen)
        if self.clicked_at is not None and app.frames_in_scene - self.clicked_at < 30:
            return
        self.clicked_at = app.frames_in_scene
        if isinstance(scene, TitleScene):
            click(scene.buttons["new"])
        elif isinstance(scene, BrowserScene):
            target = next(i for i, entry in enumerate(scene.listed) if os.path.realpath(entry.path) == os.path.realpath(self.scenario_path))
            if scene.index != target:
                if not click_list_item(scene.list, scene.listed[target].label):
                    scene.select(target)
            else:
                click(scene.next)
        elif isinstance(scene, RoleScene):
            wanted = self.leader_id or scene.scenario.pen_holder_id
            if wanted not in scene.chosen:
                label = scene.labels[[l.id for l in scene.leaders].index(wanted)]
                if not click_list_item(scene.list, label):
                    scene.toggle(wanted)
            else:
                click(scene.next)
        elif isinstance(scene, BriefingScene):
            click(scene.next)
        elif isinstance(scene, RoundResultScene):
            click(scene.next)
        elif isinstance(scene, OutcomeScene):
            if self.show_map(app, "outcome", scene.map_toggle, scene.map_panel is not None):
                return
            if self.show_map(app, "outcome-questions", scene.questions_toggle, scene.questions_text is not None,
                             "outcome-questions"):
                return
            app.quit(0)
        elif isinstance(scene, TableScene):
            self.clicked_at = None  # the agents play at the table; the pilot waits for the round's end

    def show_map(self, app, where: str, toggle, shown: bool, shot: str | None = None) -> bool:
        """One step of showing the map (or another panel) on this screen: (at the table, a screenshot as it was
        and Space to pause the computers,) a click on its button, a screenshot of it (NN-WHERE-map.png, or
        NN-SHOT.png), a click back, (once it is gone, Space to play on). False once done."""
        step = self.maps[where]
        if step == "to show" and not shown:
            if where == "table":
                app.screenshot()
                key(pygame.K_SPACE)    # the computers wait while the map is on (Space: pause)
            click(toggle)
            self.maps[where] = "shown"
        elif step == "shown" and shown:
            app.screenshot(shot or f"{where}-map")
            click(toggle)
            self.maps[where] = "hiding"
        elif step == "hiding" and not shown:
            if where == "table":
                key(pygame.K_SPACE)    # the roster is back: play on
            self.maps[where] = "done"
        elif step != "done":
            pass                       # the click's press reaches the screen on the next frame
        else:
            return False
        # the next step: the click's press reaches the screen a frame later; without --fast the map stays on
        # screen for the pause
        wait = 3 if not self.pause else round(self.pause * 60) if self.maps[where] == "shown" else 30
        self.clicked_at = app.frames_in_scene + wait - 30     # (the next step comes 30 frames after a click)
        return True

"""The window in French (issue 26): the same layout checks as the English ones (nothing overlaps, leaves the
window or is cut short, at 1280x720 and at 1920x1080 with the text at 150%) on every screen of a whole demo
game and of a Rutte game as Spain; the language setting, kept between sessions, that --lang overrides; and
pygame_gui's own words (a dialog's Cancel) in the window's language."""

import html
import json
import re

import pygame
import pytest
from test_ui import CheckingPilot
from test_ui import test_the_other_screens_lay_out_cleanly as other_screens
from test_ui_front import test_a_rutte_game_as_spain_fits_every_screen_with_nothing_cut as rutte_as_spain
from ui_support import computer_game, frames, make_app, press, showing, until

from game import i18n
from game.report.alliance_map import CLASSES, MEASURE_TEXT, NO_FIGURE
from game.report.glossary import GLOSSARY, MOVE_KINDS
from game.ui import look, window_language
from game.ui.glossary_words import WORDS
from game.ui.scenes import SettingsScene, TableScene, TitleScene
from game.ui.settings import Settings

pytestmark = pytest.mark.filterwarnings("error:Label Rect is too small:UserWarning")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def french():
    with i18n.using("fr"):
        yield


@pytest.mark.parametrize("size, text_size", [((1280, 720), "100%"), ((1920, 1080), "150%")])
def test_a_french_demo_visits_every_screen_with_nothing_cut_or_overlapping(tmp_path, french, size, text_size):
    from game.scenario.catalogue import resolve
    from game.ui.app import App

    pilot = CheckingPilot(resolve("tutorial"), None, fast=True)
    app = App(Settings(speed="instant", seed=1, text_size=text_size), size=size, autopilot=pilot)
    app.demo = True
    app.show(TitleScene(app))
    until(app, lambda: not app.running, limit=20000, what="the end of the demo")
    assert set(pilot.checked) >= {"title", "scenario-browser", "role-selection", "briefing", "table", "round-result",
                                  "outcome"}
    assert {name: found for name, found in pilot.checked.items() if found} == {}
    if size == (1280, 720):   # the game's log is the same bytes as an English game's with the same seed
        from game.play.session import Session
        played = app.session
        with i18n.using("en"):
            english = Session(played.scenario, played.seed, ())
            while not english.over:
                english.agent_move()
            assert played.save_text() == english.save_text()
        assert played.save_text() == english.save_text()   # written in French too


def test_a_french_rutte_game_as_spain_fits_every_screen(home, french):
    """The screens the demo does not visit (Spain's table as bars and numbers, every move form, the silence
    procedure, the teacher's controls, F1, the game menu, a save, the load list, the outcome, the replay)."""
    rutte_as_spain(home)


def test_the_other_french_screens_lay_out_cleanly(home, french):
    """Settings, load, seats, the hand-off, the game menu and F1's keys."""
    other_screens(home, (1280, 720))


def test_the_screens_speak_french_and_numbers_are_written_the_french_way(french):
    app = make_app(seed=4)
    app.show(TitleScene(app))
    frames(app, 2)
    assert app.scene.buttons["new"].text == "Nouvelle partie"
    from game.play.session import Session
    from game.scenario.catalogue import check
    app.start_session(Session(check("tutorial").scenario, 4, ("sanchez",)), "sanchez")
    app.show(TableScene(app))
    frames(app, 3)
    table = app.scene
    assert table.kind_buttons["pledge"].text == "Engagement" and table.menu_button.text == "Menu"
    assert "Tour 1 sur " in table.phase_label.text
    assert look.points(3.5) == "3,5\u00a0%" and look.points(2.0) == "2\u00a0%"
    assert "VOS POSITIONS" in table.positions.html_text


def test_the_language_setting_is_kept_and_lays_the_window_out_again_in_it(home):
    app = make_app()
    app.show(SettingsScene(app, back=None))
    frames(app, 2)
    assert app.scene.save.text == "Save settings"
    pick(app, app.scene.language, "Français")
    press(app, app.scene.save)
    try:
        assert i18n.language() == "fr"
        assert app.scene.save.text == "Enregistrer"          # the screen itself, laid out again in French
        assert app.manager.get_locale() == "fr"              # pygame_gui's own words follow
        assert json.loads((home / "config" / "settings.json").read_text())["language"] == "fr"
        assert Settings.load().language == "fr"
        pick(app, app.scene.language, "English")
        press(app, app.scene.save)
        assert i18n.language() == "en" and app.scene.save.text == "Save settings"
    finally:
        i18n.set_language("en")


def test_lang_wins_over_the_setting_and_the_setting_over_the_locale(monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    with i18n.using("en"):
        assert window_language(None, None) == "en"
        assert window_language(None, "fr") == "fr"            # the setting, over the locale's English
        assert window_language("en", "fr") == "en"            # --lang, passed
    with i18n.using("fr"):                                     # --lang fr, as the command line set it
        assert window_language(None, "en") == "fr"


def test_summit_play_lang_fr_opens_the_title_in_french(home, tmp_path, monkeypatch):
    from game.cli import main
    monkeypatch.setenv("LANG", "C")
    shots = tmp_path / "shots"
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text('{"language": "en"}\n', encoding="utf-8")
    seen = []
    from game.ui.app import App
    real_show = App.show

    def show(app, scene):                                       # the title screen as it opens, then the window closes
        real_show(app, scene)
        seen.append((type(scene).__name__, scene.buttons["new"].text, app.manager.get_locale()))
        app.running = False
    monkeypatch.setattr(App, "show", show)
    try:
        assert main(["play", "--lang", "fr", "--screenshots", str(shots)]) == 0
    finally:   # the window's end quit pygame: the fonts it cached are gone with it
        for cached in (look.font, look._fitted, look._rendered):
            cached.cache_clear()
        pygame.init()
    assert seen == [("TitleScene", "Nouvelle partie", "fr")]    # --lang fr over the setting's English
    assert i18n.language() == "en"                               # the language before it, once the window closes


def test_a_damaged_language_setting_is_ignored_and_said_in_the_window_language(home):
    path = home / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"language": "de"}), encoding="utf-8")
    settings = Settings.load()
    assert settings.language is None
    with i18n.using("fr"):
        assert "contiennent des valeurs que ce Summit ne lit pas" in i18n.localize(settings.problem)
    assert "hold values this Summit does not read" in i18n.localize(settings.problem)


def test_pygame_guis_own_words_follow_the_language(french):
    from pygame_gui.core.utility import translate
    from pygame_gui.windows import UIConfirmationDialog
    app = make_app()
    dialog = UIConfirmationDialog(pygame.Rect(100, 100, 400, 220), "?", app.manager)
    frames(app, 1)
    assert translate(dialog.cancel_button.text) == "Annuler"          # as it is drawn


def test_every_glossary_word_and_move_the_window_shows_has_its_french():
    texts = [t for pair in GLOSSARY.items() for t in pair] + [t for _, button, tip in MOVE_KINDS for t in (button, tip)]
    texts += [c.label for c in (*CLASSES, NO_FIGURE)] + list(MEASURE_TEXT.values())
    assert {t.replace("%", "{percent_sign}") for t in texts} == set(WORDS)
    with i18n.using("fr"):
        assert all(look.term(t) != t for t in texts if t not in ("Article 3", "Article 5"))
        assert look.term("2% line") == "ligne des 2\u00a0%"


def pick(app, menu, text: str) -> None:
    """Choose an option of a drop-down by its text, with clicks."""
    from game.ui import driver
    press(app, menu)
    assert driver.click_list_item(menu.current_state.options_selection_list, text)
    frames(app, 3)


def test_the_projector_of_a_hosted_class_speaks_french(tmp_path, french):
    from test_projector import make_host, seat_people

    from game.agents import names
    from game.scenario import check_file
    from game.scenario.catalogue import resolve
    from game.ui.projector import run_projector
    from game.ui.projector_words import projector_lines
    host, now = make_host(check_file(resolve("tutorial"), names()).scenario, tables=2)
    seat_people(host, now)
    lines = projector_lines(host)
    assert {"Code de la salle", "Table 1 (1) · en attente", "2 places sur 5 prises par 2 appareils",
            "OTAN · Mark Rutte", "absent\u00a0: appareil déconnecté · 1 appareil\u00a0: Ben"} <= set(lines)
    run_projector(host, (1280, 720), frames=2, screenshots=tmp_path)
    assert len(list(tmp_path.glob("projector-*.png"))) == 1


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_table_names_the_scenarios_countries_and_terms_in_the_language_in_use(monkeypatch, lang):
    """The roster's countries and the draft panel's issues: "Pologne" and the scenario's own French label of
    core_target in French, "Poland" and "Core defence target" in English (as ever)."""
    from game.play.session import Session
    from game.scenario.catalogue import check
    from game.scenario.localized import text_in

    scenario = check("tutorial").scenario
    with i18n.using(lang):
        app = make_app(seed=4)
        app.start_session(Session(scenario, 4, ("sanchez",)), "sanchez")
        app.show(TableScene(app))
        frames(app, 2)
        drawn = []
        draw_text = look.draw_text
        monkeypatch.setattr(look, "draw_text", lambda surface, text, *a, **k: drawn.append(text) or
                            draw_text(surface, text, *a, **k))
        app.scene.draw_roster()
        labels = [row[0] for row in app.scene.draft_rows()]
    label = scenario.issue("core_target").label
    if lang == "fr":
        assert "Pologne" in drawn and "Poland" not in drawn
        assert text_in(label, "fr") != str(label) and text_in(label, "fr") in labels
    else:
        assert "Poland" in drawn and str(label) == "Core defence target" and str(label) in labels


def test_the_outcome_screens_three_questions_speak_french(french):
    """The debrief's three questions on the outcome screen (Q): Lederman's phases, the issue named in them and
    what really happened, in French; no word of English."""
    from test_debrief_french import english_in

    from game.report.debrief.reflection import PHASES
    from game.scenario.catalogue import check
    from game.scenario.localized import text_in
    from game.ui.scenes import OutcomeScene

    scenario = check("tutorial").scenario
    app = showing(computer_game(scenario, 1), OutcomeScene, seed=1)
    press(app, app.scene.questions_toggle)
    shown = app.scene.questions_text.html_text
    text = re.sub(r"[ \t\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", shown)))
    for phase in ("1. Qu'avez-vous ressenti ?", "2. Qu'avez-vous appris ?", "3. Et si…, et dans la réalité ?"):
        assert phase.replace(" ?", "\u202f?") in text
    assert not any(phase in text for phase in PHASES)
    assert "la question «\u00a0" + text_in(scenario.issue("core_target").label, "fr") in text
    latest = next(item for item in scenario.history if item.date == max(i.date for i in scenario.history))
    assert text_in(latest.text, "fr")[:60] in text and "25 juin 2025" in text   # what really happened
    assert english_in(text) == []


def test_the_round_results_objections_give_the_agents_reasons_in_french(french):
    """A round's result lists a few objections with the reason each objector gave: in French, the agent's own
    sentence written from its template (game/engine/said.py), not the English the log keeps."""
    from test_debrief_french import english_in

    from game.scenario.catalogue import check
    from game.ui.scenes import RoundResultScene

    session = computer_game(check("tutorial").scenario, 1, rounds=1)
    objections = [e for e in session.state.history if e.round == 1 and e.type == "action"
                  and e.data["action"]["kind"] == "break_silence"]
    assert 0 < len(objections) <= 6   # few enough that the result gives their reasons
    app = showing(session, RoundResultScene, 1, seed=1)
    text = re.sub(r"[ \t\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", app.scene.text.html_text)))
    for entry in objections:
        assert str(entry.data["action"]["reason"])[:40] not in text   # not the log's English
    assert english_in(text) == []

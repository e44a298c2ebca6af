"""The browser client of a hosted class (game/net/static/) in a real browser: Debian's Chromium driven by
Selenium through chromedriver, against `summit host` run as a subprocess.

- Two students' browsers (a 360 px phone and a 1280 px laptop) take two seats of the tutorial, three
  `summit join --agent member` clients take the others, and the browsers play to the outcome by clicking,
  at least once through a move's form (a statement), confirming the red-line dialog when asked; both show
  the outcome and their score.
- The page loads nothing from another host, and a talk (or a name) carrying HTML shows as text; the
  teacher's page starts the game, sets a round deadline, pauses, fires an event and ends the game, and the
  students' page shows each; a reload comes back to the seat with the token kept in localStorage.

Screenshots of the seated screens and the outcome go to tmp_path (and to $SUMMIT_SHOTS when set).
Without Chromium, chromedriver or Selenium the tests skip, unless SUMMIT_REQUIRE_BROWSER=1: then they fail.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from browser_support import chromium

ROOT = Path(__file__).resolve().parent.parent
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT = 15          # seconds for any one thing to show up
GAME_LIMIT = 60    # seconds for a whole game


def _missing(message: str):
    if os.environ.get("SUMMIT_REQUIRE_BROWSER") == "1":
        pytest.fail(message + "; SUMMIT_REQUIRE_BROWSER=1 is set", pytrace=False)
    pytest.skip(message)


def _driver_path() -> str:
    found = CHROMEDRIVER if Path(CHROMEDRIVER).exists() else shutil.which("chromedriver")
    if not found:
        _missing("no chromedriver: the browser client tests need it (Debian: apt-get install chromium-driver)")
    return found


try:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
except ImportError:   # pragma: no cover - depends on the environment
    webdriver = None


def _env(tmp_path: Path) -> dict:
    env = dict(os.environ, SUMMIT_HOME=str(tmp_path), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


class Host:
    """`summit host tutorial --no-window --port 0 --pace 0` as a subprocess; its address read from stdout."""

    def __init__(self, tmp_path: Path, lang: str = "en", *more: str):
        self.process = subprocess.Popen([sys.executable, "-m", "game", "host", "tutorial", "--no-window", "--port",
                                         "0", "--pace", "0", "--lang", lang, *more], cwd=tmp_path, env=_env(tmp_path),
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        said = []
        deadline = time.monotonic() + WAIT
        while not any(line.startswith(("Log of", "Journal de")) for line in said):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                pytest.fail("summit host did not start:\n" + "".join(said), pytrace=False)
            try:
                said.append(self.lines.get(timeout=0.5))
            except queue.Empty:
                pass
        text = "".join(said)
        self.url = re.search(r"(?:Students|Élèves)\s?: (http://\S+)", text).group(1).rstrip("/")
        self.room = re.search(r"(?:Room code|Code de la salle)\s?: (\S+)", text).group(1)
        self.teacher_token = re.search(r"/teacher#(\S+)", text).group(1)
        self.output = said

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


@pytest.fixture
def host(tmp_path):
    if webdriver is None:
        _missing("no selenium: the browser client tests need it (pip install selenium)")
    chromium()
    _driver_path()
    running = Host(tmp_path)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def browsers(tmp_path):
    """A factory of headless Chromium sessions (each with a profile of its own); all quit at the end."""
    made = []

    def make(width: int, height: int, name: str):
        options = webdriver.ChromeOptions()
        options.binary_location = chromium()
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
                     f"--window-size={width},{height}", f"--user-data-dir={tmp_path / ('profile-' + name)}"):
            options.add_argument(flag)
        try:
            driver = webdriver.Chrome(service=Service(_driver_path()), options=options)
        except WebDriverException as error:
            _missing(f"chromedriver could not start Chromium: {str(error)[:300]}")
        driver.set_page_load_timeout(WAIT)
        driver.set_script_timeout(WAIT)
        if name == "phone":   # the window size is the outer size: make the page itself 360 px wide
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
        made.append(driver)
        return driver

    try:
        yield make
    finally:
        for driver in made:
            try:
                driver.quit()
            except Exception:
                pass


def wait_for(predicate, what: str, timeout: float = WAIT):
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        except WebDriverException:
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:.0f} s for {what}", pytrace=False)
        time.sleep(0.05)


def visible(driver, css: str) -> bool:
    found = driver.find_elements(By.CSS_SELECTOR, css)
    return bool(found) and found[0].is_displayed()


def shoot(driver, path: Path) -> None:
    """A screenshot of the whole page (not only the window), and a copy in $SUMMIT_SHOTS when set."""
    import base64
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    data = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    path.write_bytes(base64.b64decode(data["data"]))
    shots = os.environ.get("SUMMIT_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(shots) / path.name)


def page_overflow(driver) -> list[str]:
    """Elements that stick out past the page's right edge (a phone would scroll sideways)."""
    return driver.execute_script("""
        var page = document.documentElement.clientWidth, out = [];
        document.querySelectorAll('body *').forEach(function (el) {
          var r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > page + 1 && getComputedStyle(el).display !== 'none')
            out.push(el.tagName + '#' + el.id + '.' + el.className + ' right=' + Math.round(r.right));
        });
        if (document.documentElement.scrollWidth > page + 1) out.push('document ' + document.documentElement.scrollWidth);
        return out.slice(0, 10);""")


def join_seat(driver, host: Host, seat: str, name: str) -> None:
    driver.get(f"{host.url}/?room={host.room}")
    wait_for(lambda: visible(driver, f'#seat-list button[data-seat="{seat}"]'), f"the seat {seat} on the join page")
    assert driver.find_element(By.ID, "room").get_attribute("value") == host.room
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.CSS_SELECTOR, f'#seat-list button[data-seat="{seat}"]').click()
    wait_for(lambda: visible(driver, "#seated") and driver.find_element(By.ID, "you-label").text,
             f"{name}'s seated screen")


def agent(host: Host, seat: str, tmp_path: Path, lang: str = "en") -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "game", "join", host.url + "/", "--as", seat, "--agent", "member",
                             "--room", host.room, "--lang", lang], cwd=tmp_path, env=_env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def take_turn(driver, state: dict) -> bool:
    """If it is this browser's turn, make a move by clicking: a statement through its form once, else the
    pass button (Keep draft, Pass or Stay silent), confirming the red-line dialog when it opens. True when a
    move was made."""
    if visible(driver, "#confirm"):
        driver.find_element(By.ID, "confirm-yes").click()
        state["confirmed"] += 1
        return True
    if not visible(driver, "#turn-banner"):
        return False
    if not state["statement"]:
        button = driver.find_element(By.ID, "move-statement")
        if button.is_enabled():
            button.click()
            wait_for(lambda: visible(driver, "#f-words"), "the statement form")
            driver.find_element(By.ID, "f-words").send_keys("We can live with a later deadline.")
            driver.find_element(By.ID, "move-submit").click()
            state["statement"] = True
            wait_for(lambda: not visible(driver, "#move-form"), "the statement to be accepted")
            return True
    button = driver.find_element(By.ID, "move-pass")
    if button.is_enabled():
        button.click()
        state["passes"] += 1
        time.sleep(0.05)
        return True
    return False


def test_two_browsers_play_a_hosted_tutorial_to_the_outcome(host, browsers, tmp_path):
    started = time.monotonic()
    phone = browsers(360, 740, "phone")
    laptop = browsers(1280, 800, "laptop")
    join_seat(phone, host, "sanchez", "Ana")
    join_seat(laptop, host, "trump", "Ben")
    agents = [agent(host, seat, tmp_path) for seat in ("rutte", "scholz", "tusk")]
    try:
        wait_for(lambda: "Waiting for the start" not in phone.find_element(By.ID, "facts").text,
                 "the game to start once every seat is taken")
        shots = {}
        states = {"phone": {"statement": False, "passes": 0, "confirmed": 0},
                  "laptop": {"statement": False, "passes": 0, "confirmed": 0}}
        deadline = time.monotonic() + GAME_LIMIT
        while not (visible(phone, "#outcome") and visible(laptop, "#outcome")):
            assert time.monotonic() < deadline, "the game did not end in time"
            for name, driver in (("phone", phone), ("laptop", laptop)):
                if name not in shots and visible(driver, "#turn-banner"):
                    path = tmp_path / f"{name}-seated.png"
                    shoot(driver, path)
                    shots[name] = path
                    assert not page_overflow(driver), page_overflow(driver)
                try:
                    take_turn(driver, states[name])
                except WebDriverException:
                    pass   # the page changed under the click (a new state): look again
            for process in agents:
                assert process.poll() in (None, 0), process.stdout.read()
            time.sleep(0.02)
        print("moves made by clicking:", states)
        assert states["phone"]["statement"] or states["laptop"]["statement"], "no statement was made through its form"
        for name, driver in (("phone", phone), ("laptop", laptop)):
            score = wait_for(lambda: driver.find_element(By.ID, "outcome-score").text, f"the {name}'s score")
            assert re.fullmatch(r"Your score: \d+\.\d / 100 \(no deal = 50\)", score), score
            assert driver.find_element(By.ID, "outcome-headline").text
            headline = driver.find_element(By.ID, "outcome-headline").text
            assert driver.find_elements(By.CSS_SELECTOR, "#outcome-terms dt") or headline.startswith("No deal"), headline
            shoot(driver, tmp_path / f"{name}-outcome.png")
            assert not page_overflow(driver), page_overflow(driver)
        assert set(shots) == {"phone", "laptop"}
        # the statement is in the log of the round it was made in, or gone with the round: the log line of the
        # last round is there in any case
        for process in agents:
            process.wait(timeout=WAIT)
            assert process.returncode == 0, process.stdout.read()
    finally:
        for process in agents:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=5)
    assert time.monotonic() - started < GAME_LIMIT


def test_the_page_loads_nothing_from_elsewhere_and_shows_html_in_a_talk_as_text(host, browsers, tmp_path):
    from websockets.sync.client import connect

    evil = "<img src=x onerror=alert(1)>"
    laptop = browsers(1280, 800, "laptop")
    join_seat(laptop, host, "sanchez", evil[:40])
    ws_url = host.url.replace("http://", "ws://") + "/ws"
    with connect(ws_url, open_timeout=WAIT) as trump:
        trump.send(json.dumps({"type": "join", "v": 1, "room": host.room, "seat": "trump", "name": evil}))
        # the teacher's page starts the game
        desk = browsers(1280, 900, "teacher")
        desk.get(f"{host.url}/teacher#{host.teacher_token}")
        wait_for(lambda: desk.find_element(By.ID, "room-code").text == host.room, "the room code on the teacher's page")
        assert desk.find_element(By.ID, "students-url").text == f"{host.url}/?room={host.room}"
        wait_for(lambda: evil in desk.find_element(By.ID, "tables").text, "the devices' names on the teacher's page")
        desk.find_element(By.XPATH, "//button[text()='Start now']").click()
        wait_for(lambda: "The game has started" in desk.find_element(By.ID, "status").text, "the teacher's start")
        assert not desk.find_elements(By.CSS_SELECTOR, "img")
        shoot(desk, tmp_path / "teacher.png")
        wait_for(lambda: "Consultations" in laptop.find_element(By.ID, "facts").text, "the consultations")
        trump.send(json.dumps({"type": "talk", "to": "sanchez", "text": evil + " pay up", "offer": None}))
        wait_for(lambda: evil in laptop.find_element(By.ID, "talks").text, "the talk on the page")
        # and one through the talk form, with an offer
        laptop.find_element(By.CSS_SELECTOR, "#talk-to option[value=trump]").click()
        laptop.find_element(By.ID, "talk-text").send_keys("Deal? " + evil)
        laptop.find_element(By.CSS_SELECTOR, "#talk-offer option[value=promise]").click()
        laptop.find_element(By.ID, "talk-send").click()
        wait_for(lambda: laptop.find_element(By.ID, "talks").text.count(evil) >= 2, "the talk sent from the form")
        # the talk arrives in the other seat too (drain what trump was sent)
        seen = ""
        deadline = time.monotonic() + WAIT
        while "Deal?" not in seen and time.monotonic() < deadline:
            try:
                seen += trump.recv(timeout=1)
            except TimeoutError:
                pass
        assert "Deal?" in seen
    assert not laptop.find_elements(By.CSS_SELECTOR, "img"), "the talk's HTML became an element"
    # a reload comes back to the seat with the token kept in localStorage, without the join screen
    laptop.refresh()
    wait_for(lambda: visible(laptop, "#seated") and "Pedro Sánchez" in laptop.find_element(By.ID, "you-label").text,
             "the seat again after a reload")
    assert not visible(laptop, "#join")
    wait_for(lambda: laptop.find_element(By.ID, "talks").text.count(evil) >= 2, "the talks again after a reload")
    try:
        alert = laptop.switch_to.alert.text
    except NoAlertPresentException:
        alert = None
    assert alert is None, f"a script from a talk ran: alert({alert!r})"
    # the teacher's controls reach the students' page
    def teacher_click(text):
        desk.find_element(By.XPATH, f"//button[text()='{text}']").click()

    desk.find_element(By.ID, "t0-deadline").clear()
    desk.find_element(By.ID, "t0-deadline").send_keys("90")
    teacher_click("Set deadline")
    wait_for(lambda: "Round ends in 1:" in laptop.find_element(By.ID, "facts").text, "the round deadline's countdown")
    teacher_click("Pause")
    wait_for(lambda: "Paused" in laptop.find_element(By.ID, "facts").text, "the pause on the students' page")
    assert "paused" in laptop.find_element(By.ID, "moves-note").text
    teacher_click("Resume")
    wait_for(lambda: "Paused" not in laptop.find_element(By.ID, "facts").text, "the table playing on")
    assert desk.find_element(By.ID, "t0-event").get_attribute("value") == "trump_post"
    teacher_click("Inject the event")
    wait_for(lambda: "event has fired" in desk.find_element(By.ID, "status").text, "the event")
    Select = __import__("selenium.webdriver.support.select", fromlist=["Select"]).Select
    Select(desk.find_element(By.ID, "t0-end")).select_by_value("nodeal")
    teacher_click("End now…")
    desk.switch_to.alert.accept()
    wait_for(lambda: visible(laptop, "#outcome"), "the outcome after the teacher ended the game")
    assert laptop.find_element(By.ID, "outcome-headline").text.startswith("No deal")
    assert "Your score: 50.0 / 100" in laptop.find_element(By.ID, "outcome-score").text
    assert laptop.find_elements(By.CSS_SELECTOR, "#outcome-terms dt")
    wait_for(lambda: "Over" in desk.find_element(By.ID, "tables").text, "the teacher's page to show the game over")
    assert "Over · over" not in desk.find_element(By.ID, "tables").text   # says it once
    names = laptop.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    origin = laptop.execute_script("return location.origin")
    assert origin == host.url
    assert names, "the page loaded no script or style?"
    assert all(name.startswith(origin + "/") for name in names), names
    assert any(name.endswith("/static/student.js") for name in names) and \
        any(name.endswith("/static/style.css") for name in names), names
    shoot(laptop, tmp_path / "laptop-talks.png")


@pytest.mark.slow
def test_four_browsers_at_phone_and_laptop_sizes_play_to_the_outcome_with_screenshots(host, browsers, tmp_path):
    """`make test-slow`: four students' browsers (two phones at 360 px, two laptops) and one `summit join` client
    play the tutorial; each browser's seated screen and outcome are saved under the test's folder."""
    sizes = {"sanchez": (360, 740, "phone"), "tusk": (360, 740, "phone"), "trump": (1280, 800, "laptop"),
             "scholz": (1920, 1080, "laptop")}
    drivers = {}
    for seat, (width, height, kind) in sizes.items():
        drivers[seat] = browsers(width, height, f"{kind}-{seat}")
        if kind == "phone":
            drivers[seat].execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                          {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
        join_seat(drivers[seat], host, seat, seat.title())
    bot = agent(host, "rutte", tmp_path)
    states = {seat: {"statement": False, "passes": 0, "confirmed": 0} for seat in drivers}
    shots = set()
    try:
        deadline = time.monotonic() + 3 * GAME_LIMIT
        while not all(visible(d, "#outcome") for d in drivers.values()):
            assert time.monotonic() < deadline, "the game did not end in time"
            for seat, driver in drivers.items():
                if seat not in shots and visible(driver, "#turn-banner"):
                    shoot(driver, tmp_path / f"{seat}-{sizes[seat][0]}px-seated.png")
                    shots.add(seat)
                    assert not page_overflow(driver), (seat, page_overflow(driver))
                try:
                    take_turn(driver, states[seat])
                except WebDriverException:
                    pass
            time.sleep(0.02)
        for seat, driver in drivers.items():
            score = wait_for(lambda: driver.find_element(By.ID, "outcome-score").text, f"{seat}'s score")
            assert re.fullmatch(r"Your score: \d+\.\d / 100 \(no deal = 50\)", score), score
            shoot(driver, tmp_path / f"{seat}-{sizes[seat][0]}px-outcome.png")
            assert not page_overflow(driver), (seat, page_overflow(driver))
        bot.wait(timeout=WAIT)
        assert bot.returncode == 0, bot.stdout.read()
    finally:
        if bot.poll() is None:
            bot.kill()
            bot.wait(timeout=5)
    assert shots == set(drivers)
    print("screenshots in", tmp_path)


# ----- the same class in French (`summit host --lang fr`) -----------------------------------------------------

def english_ui_words() -> list[str]:
    """The pages' own English words that French changes, as a visible text would hold them: each text of
    game/net/words.py up to its first {field}, when that much is distinctive (six letters or more)."""
    from game import i18n
    from game.net.words import words

    with i18n.using("en"):
        english = words()
    with i18n.using("fr"):
        french = words()
    found = set()
    for key, text in english.items():
        head = text.split("{")[0].strip(" :·…(")
        if len(head) >= 6 and text != french[key] and head not in french[key]:
            found.add(head)
    return sorted(found)


def words_outside_the_log(driver) -> str:
    """Every text of the page, shown or hidden, but the round's log (whose lines quote the agents' own reasons,
    checked on their own), the talks and the briefing's body (the report's words, checked on their
    own: its "Who you face" quotes the agents' descriptions, English too); the script's words table is left out."""
    return driver.execute_script("""
        var copy = document.body.cloneNode(true);
        copy.querySelectorAll('#log, .log, #talks, #briefing, script').forEach(function (n) { n.remove(); });
        var texts = [copy.textContent];
        copy.querySelectorAll('[title], [aria-label]').forEach(function (n) {
          texts.push(n.getAttribute('title') || '', n.getAttribute('aria-label') || ''); });
        return texts.join(' ') + ' ' + document.title;""")


def english_left(text: str, english: list[str]) -> list[str]:
    """Each English text found in `text` as words of their own, with what surrounds it."""
    found = []
    for words in english:
        hit = re.search(r"(?<![\\w])" + re.escape(words) + r"(?![\\w])", text)
        if hit:
            found.append(f"{words!r} in ...{text[max(0, hit.start() - 60):hit.end() + 60]!r}...")
    return found


@pytest.fixture
def french_host(tmp_path):
    if webdriver is None:
        _missing("no selenium: the browser client tests need it (pip install selenium)")
    chromium()
    _driver_path()
    running = Host(tmp_path, "fr", "--rounds", "2")   # two rounds: every screen, in half the English game's time
    try:
        yield running
    finally:
        running.stop()


def test_a_french_class_plays_to_the_outcome_in_french(french_host, browsers, tmp_path):
    """`summit host --lang fr`: a phone (390 px) and a laptop play the tutorial (two rounds) in French beside
    three `summit join --lang fr` clients; every word of the students' page, its briefing and its outcome, and of
    the teacher's page (on the laptop and on the phone), is French (none of the pages' English words), with French
    numbers ("37,9 / 100"), and nothing sticks out of a page."""
    host = french_host
    english = english_ui_words()
    assert "Choose a seat" in english and "Your score for this draft" in english   # the list is the pages' words
    phone = browsers(390, 844, "phone")
    laptop = browsers(1280, 800, "laptop")
    phone.get(f"{host.url}/?room={host.room}")
    wait_for(lambda: visible(phone, '#seat-list button[data-seat="sanchez"]'), "the seats on the French join page")
    assert phone.execute_script("return document.documentElement.lang") == "fr"
    join_text = words_outside_the_log(phone)
    assert "Choisissez une place" in join_text and "N'importe quelle place libre" in join_text, join_text[:500]
    assert not english_left(join_text, english), english_left(join_text, english)
    shoot(phone, tmp_path / "fr-phone-join.png")
    join_seat(phone, host, "sanchez", "Ana")
    join_seat(laptop, host, "trump", "Ben")
    agents = [agent(host, seat, tmp_path, "fr") for seat in ("rutte", "scholz", "tusk")]
    try:
        wait_for(lambda: "En attente du départ" not in phone.find_element(By.ID, "facts").text,
                 "the game to start once every seat is taken")
        # the briefing, opened as a student would
        phone.find_element(By.ID, "briefing-heading").click()
        wait_for(lambda: "Ce que vous voulez" in phone.find_element(By.ID, "briefing").text, "the French briefing")
        briefing = phone.find_element(By.ID, "briefing").text
        assert phone.find_element(By.ID, "briefing-heading").text.startswith("Briefing")
        assert "Votre objectif privé" in briefing and "Espagne" in briefing, briefing[:400]
        states = {"phone": {"statement": False, "passes": 0, "confirmed": 0},
                  "laptop": {"statement": False, "passes": 0, "confirmed": 0}}
        seen, shots = set(), set()
        deadline = time.monotonic() + GAME_LIMIT
        while not (visible(phone, "#outcome") and visible(laptop, "#outcome")):
            assert time.monotonic() < deadline, "the French game did not end in time"
            for name, driver in (("phone", phone), ("laptop", laptop)):
                if name not in shots and visible(driver, "#turn-banner"):
                    text = words_outside_the_log(driver)
                    assert "Votre coup" in text and "À vous" in text, text[:500]
                    assert not english_left(text, english), (name, english_left(text, english))
                    shoot(driver, tmp_path / f"fr-{name}-seated.png")
                    assert not page_overflow(driver), page_overflow(driver)
                    shots.add(name)
                try:
                    take_turn(driver, states[name])
                except WebDriverException:
                    pass
                if visible(driver, "#confirm"):
                    seen.add(driver.find_element(By.ID, "confirm-text").text)
            time.sleep(0.02)
        assert all("Garder le silence" in text for text in seen), seen
        for name, driver in (("phone", phone), ("laptop", laptop)):
            score = wait_for(lambda: driver.find_element(By.ID, "outcome-score").text, f"the {name}'s score")
            assert re.fullmatch(r"Votre score\s: \d+,\d / 100 \(sans accord = 50\)", score), score
            headline = driver.find_element(By.ID, "outcome-headline").text
            assert headline.startswith(("Accord après", "Pas d'accord")), headline
            terms = driver.find_element(By.ID, "outcome-terms").text
            assert "Échéance" in terms and ("du PIB" in terms or not terms), terms
            text = words_outside_the_log(driver)
            assert not english_left(text, english), (name, english_left(text, english))
            shoot(driver, tmp_path / f"fr-{name}-outcome.png")
            assert not page_overflow(driver), page_overflow(driver)
        assert shots == {"phone", "laptop"}
        # the teacher's page, in French too (on the laptop, then on the phone)
        desk = laptop
        desk.get(f"{host.url}/teacher#{host.teacher_token}")
        wait_for(lambda: "Table 1 :" in desk.find_element(By.ID, "tables").text, "the French teacher's page")
        assert desk.execute_script("return document.documentElement.lang") == "fr"
        text = words_outside_the_log(desk)
        assert "Commencer maintenant" in text and "Ce qui s'est passé" in text, text[:500]
        assert not english_left(text, english), english_left(text, english)
        shoot(desk, tmp_path / "fr-teacher.png")
        assert not page_overflow(desk), page_overflow(desk)
        # the round's log: the agents' reasons (of the summit join devices too) in French, not the log's English
        told = desk.find_element(By.ID, "tables").text
        assert "« " in told and not [w for w in ("The draft", "good enough", "matters most", " wants ", "Nothing to add",
                                                 "already spends", "can accept", "stays as it is") if w in told], told
        phone.get(f"{host.url}/teacher#{host.teacher_token}")   # and on a phone, with five devices listed
        wait_for(lambda: "member (summit join)" in phone.find_element(By.ID, "tables").text,
                 "the teacher's page on a phone")
        shoot(phone, tmp_path / "fr-teacher-phone.png")
        assert not page_overflow(phone), page_overflow(phone)
        for process in agents:
            process.wait(timeout=WAIT)
            said = process.stdout.read()
            assert process.returncode == 0, said
            assert "Assis à la table 1" in said and re.search(r"Score de \w+\s: \d+,\d\.", said), said
    finally:
        for process in agents:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=5)

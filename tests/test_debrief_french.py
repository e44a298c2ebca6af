"""A French class's debrief without a word of English (issue 26): the debrief and the handout of games people
played, in French, checked word by word for English. What may stay as it is: the agents' reasons, which the
pages quote « between guillemets » (the agents give them in English), names (of leaders, of the people who
played), and the documents a scenario's history cites (a declaration's own title). Everything else, the
report's sentences and the scenario's own words (its title, issues, options, events, history), is French.

The games: a tutorial played by two people, with a private talk, an event the teacher brought forward and an
End now that adopts the draft; and a Rutte game with four people (its options, the Ukraine issue, Spain's
letter in the history). About 10 s.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from game import i18n
from game.engine.actions import EndNow, InjectEvent
from game.play.session import Session
from game.play.talk import Offer, Talk
from game.report.debrief import write_debrief
from game.scenario.catalogue import check

# Words of English that French never writes as words of its own (checked against the French catalogue: none of
# them is in a French translation). A sentence holding one is English left in a French page.
ENGLISH = frozenset("""the and of is are was were with did does how what which who would should will their they
your you from this that round draft deal broke agreed ideal deadline pledge guarantee core
target spending unconditional conditional reduced separate coordinated""".split())
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def english_in(text: str) -> list[str]:
    """The sentences of `text` (a page as a reader sees it) that hold an English word, each with the words."""
    found = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        words = sorted({w for w in WORD.findall(sentence) if w.lower() in ENGLISH})
        if words:
            found.append(f"{sentence.strip()[:160]}  {words}")
    return found


def reader_text(page: str, cited: tuple[str, ...] = ()) -> str:
    """A page's words as a reader sees them, without what may stay as it is: the quoted reasons « ... », web
    addresses and the `cited` documents' titles and publishers."""
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", page))
    text = re.sub(r"«[^»]*»", "«…»", text)
    text = re.sub(r"https?://\S+", " ", text)
    for words in sorted(cited, key=len, reverse=True):
        text = text.replace(words, " ")
    return text


def cited(scenario) -> tuple[str, ...]:
    """The publishers and titles of the documents a scenario's history cites."""
    return tuple(str(part) for item in scenario.history if item.source is not None
                 for part in (item.source.publisher, item.source.title))


def _people_game(path: Path, scenario_id: str, seed: int, people: tuple[str, ...], teacher: bool) -> Path:
    """A game with people in some roles (their moves made by the roles' agents, standing in), its log; with the
    `teacher`, a private talk in round 1, the event brought forward, and End now adopting the draft in round 3."""
    scenario = check(scenario_id).scenario
    session = Session(scenario, seed, people, players={people[0]: "Camille et Léo"})
    log = session.keep_log(path)
    if teacher:
        session.add_talk(Talk(1, "drafting", people[0], people[1], "On garde le silence si vous payez.",
                              Offer("promise", "pledge", None, 3.5)))
        session.teacher(InjectEvent(event=scenario.events[0].id))
    while not session.over:
        if teacher and session.state.round == 3:
            session.teacher(EndNow(adopt=True))
            break
        session.agent_move(stand_in=True)
    return log


@pytest.fixture(scope="module")
def debriefs(tmp_path_factory):
    """{scenario id: (the French debrief's folder, the scenario)}."""
    base = tmp_path_factory.mktemp("french-debriefs")
    games = {"tutorial": _people_game(base / "tutorial.jsonl", "tutorial", 3, ("sanchez", "tusk"), teacher=True),
             "rutte_washington_2025": _people_game(base / "rutte.jsonl", "rutte_washington_2025", 5,
                                                   ("sanchez", "macron", "trump", "orban"), teacher=False)}
    with i18n.using("fr"):
        for scenario_id, log in games.items():
            write_debrief([log], base / scenario_id, handout=True)
    return {scenario_id: (base / scenario_id, check(scenario_id).scenario) for scenario_id in games}


@pytest.mark.parametrize("scenario_id", ["tutorial", "rutte_washington_2025"])
def test_a_french_debrief_of_a_played_game_has_no_english_sentence(debriefs, scenario_id):
    folder, scenario = debriefs[scenario_id]
    pages = sorted(folder.glob("*.html"))
    assert {"index.html", "handout-class.html", "handout-sanchez.html"} <= {page.name for page in pages}
    left = {page.name: english_in(reader_text(page.read_text(encoding="utf-8"), cited(scenario))) for page in pages}
    assert {name: sentences for name, sentences in left.items() if sentences} == {}


def test_the_scenarios_own_words_are_its_french(debriefs):
    """The title, the issues and their values, the events, the history and its dates, as the scenario's French
    and CLDR write them."""
    from game.scenario.localized import text_in

    folder, scenario = debriefs["tutorial"]
    page = (folder / "index.html").read_text(encoding="utf-8")
    index = re.sub(r"[ \t\n]+", " ", html.unescape(re.sub(r"<[^>]+>", "\n", page)))
    assert text_in(scenario.title, "fr") in index
    for issue in scenario.issues:
        assert text_in(issue.label, "fr") in index
    assert "% du PIB" in index and "inconditionnelle" in index
    event = scenario.events[0]
    assert f"{text_in(event.label, 'fr')}. {text_in(event.text, 'fr')}" in index
    assert "19 juin 2025" in index and "2025-06-19" not in index      # a history date as French writes it
    assert "Sánchez à Donald Tusk" in index                            # the private talk, told in French
    assert "une promesse si l'autre partie s'engage à au moins 3,5\u00a0% du PIB" in index
    assert "Tour 3, l'enseignant" in index                             # End now, told in French


def test_the_french_handout_of_a_played_rutte_game_prints_one_a4_page_a_role(debriefs, tmp_path):
    """French runs longer than English: the pages of the Rutte game's people (its history in French) and the class
    summary each still print on one A4 page (skipped without Chromium, as tests/test_browser.py is)."""
    from browser_support import chromium, render

    chromium()
    folder, _scenario = debriefs["rutte_washington_2025"]
    for name in ("handout-class.html", "handout-trump.html", "handout-sanchez.html", "handout-macron.html"):
        rendering = render(folder / name, tmp_path)
        assert not rendering.cut_off and rendering.scroll_width <= rendering.page_width, rendering.describe()
        assert rendering.pages == 1, f"{name} in French prints on {rendering.pages} A4 pages"

"""The printed pages in French (`summit brief --lang fr`, `summit debrief --lang fr --handout`): no sentence of the
report's catalogue is left in English, the numbers are the English pages' numbers written as French writes them
("3,5 %", "1 581"), the pages say they are French (`lang`), and in Chromium a French briefing and a French
handout page still print on one A4 page each (skipped without Chromium, as tests/test_browser.py is)."""

from __future__ import annotations

import html
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from game import i18n
from game.cli import main

ROOT = Path(__file__).resolve().parent.parent
FRENCH_PO = ROOT / "game" / "locale" / "fr" / "LC_MESSAGES" / "summit.po"
NBSP, NNBSP = "\u00a0", "\u202f"


def _write(tmp: Path, *args: str) -> Path:
    assert main(list(args)) == 0
    return tmp


@pytest.fixture(scope="module")
def briefings(tmp_path_factory):
    """The tutorial's briefings in both languages: {"en": folder, "fr": folder}."""
    base = tmp_path_factory.mktemp("briefings")
    return {lang: _write(base / lang, "brief", "tutorial", "--out", str(base / lang), "--lang", lang)
            for lang in ("en", "fr")}


@pytest.fixture(scope="module")
def debriefs(tmp_path_factory):
    """A tutorial game (a deal with a carve-out, a broken promise and a holdout) debriefed with its handout in
    both languages."""
    base = tmp_path_factory.mktemp("debriefs")
    log = base / "tutorial.jsonl"
    assert main(["run", "tutorial", "--seed", "7", "--log", str(log), "--lang", "en"]) == 0
    return {lang: _write(base / lang, "debrief", str(log), "--handout", "--out", str(base / lang), "--lang", lang)
            for lang in ("en", "fr")}


def _with_briefings() -> list[str]:
    """The bundled scenarios `summit brief` writes briefings for (every one but the bilateral ones)."""
    from game.scenario import load_scenario
    from game.scenario.catalogue import bundled_dir, bundled_ids

    return [scenario_id for scenario_id in bundled_ids()
            if not load_scenario(bundled_dir() / f"{scenario_id}.yaml").is_bilateral]


WITH_BRIEFINGS = _with_briefings()


@pytest.fixture(scope="module")
def french_briefings(tmp_path_factory):
    """`summit brief SCENARIO --lang fr`'s folder, written once per scenario for the module."""
    written: dict[str, Path] = {}

    def folder(scenario_id: str) -> Path:
        if scenario_id not in written:
            out = tmp_path_factory.mktemp(scenario_id) / "briefings"
            written[scenario_id] = _write(out, "brief", scenario_id, "--out", str(out), "--lang", "fr")
        return written[scenario_id]

    return folder


@pytest.fixture(params=WITH_BRIEFINGS)
def scenario_with_briefings(request) -> str:
    return request.param


def _role_pages(folder: Path) -> list[Path]:
    """The roles' briefings in a `summit brief` folder (not the index nor the observers' worksheets)."""
    return sorted(page for page in folder.glob("*.html")
                  if page.name != "index.html" and not page.name.startswith(("observer-", "all-roles")))


def _text(folder: Path, pattern: str) -> str:
    """Every page's words as a reader sees them (tags dropped, entities decoded), the Markdown too."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob(pattern))]
    assert texts, f"no {pattern} in {folder}"
    return html.unescape(re.sub(r"<[^>]+>", " ", "\n".join(texts)))


def _report_messages() -> list[tuple[str, str]]:
    """(English, French) of every message the report marks (game/report/), plural forms included."""
    with FRENCH_PO.open("rb") as handle:
        catalogue = read_po(handle)
    found = []
    for message in catalogue:
        if not message.id or not any(path.startswith("game/report/") for path, _line in message.locations):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [(english, french) for english in ids for french in forms]
    return found


def _english_runs(message: str) -> list[str]:
    """The runs of words between a template's fields that are long enough to be a sentence of English of ours:
    four words or more."""
    runs = [literal for literal, *_ in string.Formatter().parse(message)]
    return [run.strip(" ,;:.()") for run in runs if len(run.split()) >= 4]


def _left_in_english(english_pages: str, french_pages: str) -> list[str]:
    """The report's English runs that the English pages show and the French pages show too."""
    left = []
    for english, french in _report_messages():
        for run in _english_runs(english):
            if run and run not in french and run in english_pages and run in french_pages:
                left.append(run)
    return sorted(set(left))


EN_PERCENT = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)%")
FR_PERCENT = re.compile(rf"(?<![\d.,])(\d+(?:,\d+)?){NBSP}%")
# a scenario's own French (its history, its events) writes a narrow no-break space before %, as typesetters do
FR_SCENARIO_PERCENT = re.compile(rf"(?<![\d.,])(\d+(?:,\d+)?){NNBSP}%")


def _french_percent(english: str) -> str:
    return english.replace(".", ",")


def _same_percentages(english_pages: str, french_pages: str) -> set[str]:
    """The English pages' percentages written by the report (not inside a scenario's own text, which the French
    pages give in the scenario's French, or as written when it has none), each checked to be in the French pages
    in French form; returns them."""
    english = set(EN_PERCENT.findall(english_pages))
    quoted = set(EN_PERCENT.findall(french_pages))     # a scenario's own words: "3.5% GDP", "5% of GDP"
    quoted |= {p.replace(",", ".") for p in FR_SCENARIO_PERCENT.findall(french_pages)}   # or in its French
    french = set(FR_PERCENT.findall(french_pages))
    ours = english - quoted
    missing = sorted(p for p in ours if _french_percent(p) not in french)
    assert not missing, f"percentages of the English pages missing from the French ones: {missing}"
    return ours


# ----- the briefings -----------------------------------------------------------------------------------------

def test_a_french_briefing_leaves_no_sentence_of_ours_in_english(briefings):
    english, french = _text(briefings["en"], "*.md"), _text(briefings["fr"], "*.md")
    assert "Qui vous êtes" in french or "La situation" in french
    assert _left_in_english(english, french) == []
    assert _left_in_english(_text(briefings["en"], "*.html"), _text(briefings["fr"], "*.html")) == []


def test_a_french_briefing_has_the_english_numbers_in_french_form(briefings):
    english, french = _text(briefings["en"], "sanchez.md"), _text(briefings["fr"], "sanchez.md")
    ours = _same_percentages(english, french)
    assert {"1.28", "2"} <= ours                            # Spain's spending, the 2% line
    assert f"1,28{NBSP}% du PIB" in french and f"1{NNBSP}581" in french   # and its GDP, US$1,581 bn
    assert "Espagne" in french and "l'Espagne" in french    # CLDR's name, with its article


def test_french_pages_say_they_are_french(briefings, debriefs):
    for folder, name in ((briefings["fr"], "sanchez.html"), (briefings["fr"], "index.html"),
                         (debriefs["fr"], "index.html"), (debriefs["fr"], "handout-class.html")):
        assert '<html lang="fr">' in (folder / name).read_text(encoding="utf-8")
    assert '<html lang="en">' in (briefings["en"] / "sanchez.html").read_text(encoding="utf-8")


def test_the_glossary_and_the_sections_keep_their_english_keys_in_french():
    from game.report.briefing import briefing
    from game.report.glossary import GLOSSARY, term_name
    from game.scenario.catalogue import check

    scenario = check("tutorial").scenario
    with i18n.using("fr"):
        sections = briefing(scenario, scenario.leader("sanchez")).sections
        assert "Votre objectif privé" in [section.title for section in sections]
        assert "Your private objective" in [section.name for section in sections]   # what code compares
        assert GLOSSARY["pledge"].startswith("La promesse d'un pays") and term_name("2% line") == f"seuil de 2{NBSP}%"
    assert GLOSSARY["pledge"].startswith("A national promise") and term_name("2% line") == "2% line"


# English words that French never writes as words of its own: a sentence of a French page holding one is English
ENGLISH_WORDS = frozenset("the and of with is your round rounds you to for that this by from are will its it has have "
                          "their they which who what when would should into than".split())


def _english_sentences(page: str) -> list[str]:
    """The sentences of an HTML page that hold an English word, as a reader sees them: tags and styles dropped,
    and the sources' citations (a document's title is cited as it was published)."""
    text = re.sub(r'(?s)<(style|script)\b.*?</\1>|<span class="source">.*?</span>', " ", page)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    return [sentence.strip() for sentence in re.split(r"(?<=[.!?;:])\s+|\n+", text)
            if ENGLISH_WORDS & {word.lower() for word in re.findall(r"[^\W\d_]+", sentence)}]


def test_no_english_sentence_in_a_french_briefing(french_briefings, scenario_with_briefings, briefings):
    """Every page `summit brief --lang fr` writes (the roles' briefings, the index, the observers' worksheets):
    the scenario's own texts in its French, the personas and the report's sentences in the catalogue's."""
    folder = french_briefings(scenario_with_briefings)
    left = sorted({f"{page.name}: {sentence}" for page in folder.glob("*.html")
                   for sentence in _english_sentences(page.read_text(encoding="utf-8"))})
    assert not left, f"{len(left)} sentences in English:\n" + "\n".join(left[:20])
    # and the check sees English: the English briefing's sentences
    assert len(_english_sentences((briefings["en"] / "sanchez.html").read_text(encoding="utf-8"))) > 20


def test_the_french_rutte_briefing_gives_the_scenarios_french_summary_and_reasons(french_briefings):
    from game.scenario.localized import text_in
    from game.scenario.catalogue import check

    scenario = check("rutte_washington_2025").scenario
    page = " ".join(_text(french_briefings("rutte_washington_2025"), "tusk.html").split())
    reasons = [position.why.text for position in scenario.leader("tusk").positions.values() if position.why]
    assert reasons
    for text in (scenario.summary, *reasons):
        french = " ".join(text_in(text, "fr").split())
        assert french != " ".join(str(text).split()) and french in page
        assert " ".join(str(text).split()) not in page
    assert "Médiateur" in page and "Mediator" not in page    # how the computer plays the chair
    index = (french_briefings("rutte_washington_2025") / "index.html").read_text(encoding="utf-8")
    assert text_in(scenario.objectives[0], "fr") in html.unescape(index)
    assert re.search(f"<b>\\d{{4}}-\\d{{2}}-\\d{{2}}</b>{NBSP}: ", index)   # a history item's date, in French


# ----- the debrief and its handout ---------------------------------------------------------------------------

def test_a_french_debrief_and_handout_leave_no_sentence_of_ours_in_english(debriefs):
    for pattern in ("index.md", "handout-*.html"):
        english, french = _text(debriefs["en"], pattern), _text(debriefs["fr"], pattern)
        assert _left_in_english(english, french) == [], pattern
    handout = _text(debriefs["fr"], "handout-sanchez.html")
    assert "Trois questions pour vous" in handout and "Qu'avez-vous ressenti" in handout


def test_a_french_debrief_has_the_english_numbers_in_french_form(debriefs):
    for pattern in ("index.md", "handout-class.html", "handout-sanchez.html"):
        ours = _same_percentages(_text(debriefs["en"], pattern), _text(debriefs["fr"], pattern))
        assert ours, f"{pattern} shows no percentage of its own"
    english, french = _text(debriefs["en"], "index.md"), _text(debriefs["fr"], "index.md")
    scores = set(re.findall(r"\((\d+\.\d)\)", english))      # scores in brackets: "(47.9)"
    assert scores and all(f"({score.replace('.', ',')})" in french for score in scores)


def test_the_debriefs_json_keys_and_numbers_do_not_change_with_the_language(debriefs):
    import json

    english = json.loads((debriefs["en"] / "debrief.json").read_text(encoding="utf-8"))
    french = json.loads((debriefs["fr"] / "debrief.json").read_text(encoding="utf-8"))

    def shape(value):
        if isinstance(value, dict):
            return {key: shape(item) for key, item in value.items()}
        if isinstance(value, list):
            return [shape(item) for item in value]
        return value if not isinstance(value, str) else str

    assert shape(english) == shape(french)
    assert english["games"][0]["outcome"] == french["games"][0]["outcome"]


def test_grades_json_explains_its_columns_in_french(capsys, tmp_path):
    import json

    from game.report.grades import COLUMNS

    log = tmp_path / "class.jsonl"
    assert main(["run", "tutorial", "--seed", "3", "--log", str(log), "--lang", "en"]) == 0
    header, *rest = log.read_text(encoding="utf-8").splitlines(keepends=True)
    data = json.loads(header)
    data["agents"]["sanchez"] = "human"          # a person played Spain: someone to grade
    log.write_text(json.dumps(data, ensure_ascii=False) + "\n" + "".join(rest), encoding="utf-8")
    capsys.readouterr()
    assert main(["grades", str(log), "--json", "--lang", "fr"]) == 0
    french = json.loads(capsys.readouterr().out)
    assert main(["grades", str(log), "--json", "--lang", "en"]) == 0
    english = json.loads(capsys.readouterr().out)
    assert list(french["columns"]) == list(english["columns"]) == [name for name, _ in COLUMNS]
    assert french["rows"] == english["rows"]
    assert french["columns"]["score"] == "le score du résultat, 0-100, 50 = absence d'accord"
    assert english["columns"]["score"] == "the outcome's score, 0-100, 50 = no deal"


# ----- one A4 page each, in French, in a real browser --------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    from browser_support import chromium
    return chromium()


def test_every_french_briefing_prints_on_one_a4_page(browser, french_briefings, scenario_with_briefings, tmp_path):
    """Every role's French briefing of every bundled scenario, each on one A4 page: all of a scenario's briefings
    in one print job (one Chromium run), which prints to one sheet per role exactly when each fits on one."""
    from browser_support import one_print_job, render

    folder = french_briefings(scenario_with_briefings)
    pages = _role_pages(folder)
    rendering = render(one_print_job(pages, folder / "all-roles-print.html"), tmp_path)
    assert not rendering.broken_images and not rendering.cut_off, rendering.describe()
    assert rendering.scroll_width <= rendering.page_width, rendering.describe()
    if rendering.pages != len(pages):      # name the briefings that run over, one Chromium run each
        over = [page.name for page in pages if render(page, tmp_path).pages != 1]
        pytest.fail(f"{scenario_with_briefings} in French: {len(pages)} briefings print on {rendering.pages} A4 "
                    f"pages; more than one page: {over}")


def test_every_french_observer_worksheet_prints_on_one_a4_page(browser, french_briefings, tmp_path):
    """The press's and a parliament's worksheets of every bundled scenario in French, one print job."""
    from browser_support import one_print_job, render

    pages = {f"{scenario_id}/{sheet}": french_briefings(scenario_id) / f"{sheet}.html" for scenario_id in WITH_BRIEFINGS
             for sheet in ("observer-press", "observer-parliament")}
    rendering = render(one_print_job(list(pages.values()), tmp_path / "worksheets-print.html"), tmp_path)
    assert not rendering.cut_off and rendering.scroll_width <= rendering.page_width, rendering.describe()
    if rendering.pages != len(pages):
        over = [name for name, page in pages.items() if render(page, tmp_path).pages != 1]
        pytest.fail(f"{len(pages)} French worksheets print on {rendering.pages} A4 pages; more than one: {over}")


def test_a_print_job_counts_a_page_that_runs_over(browser, tmp_path):
    """The check above sees a briefing too long for its page: of two pages, one half again as tall as a sheet
    takes two sheets, and the job three."""
    from browser_support import one_print_job, render

    style = "<style>@page { size: A4; margin: 10mm } body { margin: 0; font-size: 12pt; }</style>"
    short, long = tmp_path / "short.html", tmp_path / "long.html"
    short.write_text(f"<!DOCTYPE html><html><head>{style}</head><body><p>One short page.</p></body></html>")
    long.write_text(f"<!DOCTYPE html><html><head>{style}</head><body><div style='height: 1600px'>Tall</div></body>"
                    "</html>")
    assert render(one_print_job([short, short], tmp_path / "two.html"), tmp_path).pages == 2
    assert render(one_print_job([short, long], tmp_path / "over.html"), tmp_path).pages == 3


def test_french_handout_pages_print_on_one_a4_page(browser, debriefs, tmp_path):
    from browser_support import render

    for name in ("handout-class.html", "handout-sanchez.html", "handout-trump.html"):
        rendering = render(debriefs["fr"] / name, tmp_path)
        assert not rendering.cut_off and rendering.scroll_width <= rendering.page_width, rendering.describe()
        assert rendering.pages == 1, f"{name} in French prints on {rendering.pages} A4 pages"

"""A scenario's objectives, its sourced history and the reasons for a position (game/scenario/lesson.py): the
validator's one line for each mistake, and the pages that show them (the briefing index, the debrief, the
scenario browser's text and the teacher's guide).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import cli

from game.scenario import check_bytes
from game.scenario.catalogue import bundled_dir

ROOT = Path(__file__).resolve().parent.parent


def _without_lesson(text: str) -> str:
    """A scenario's text without its objectives, history and reasons: the tests below add their own."""
    text = re.sub(r"\n# What a student can do afterwards.*?\n(?=rounds:)", "\n", text, flags=re.S)
    text = re.sub(r"\n(objectives|history):\n(  .*\n)*", "\n", text)
    return re.sub(r",\n +why: \{text: \"[^\"]*\", source: [a-z0-9_]+\}", "", text)


# The tutorial as written in English alone (tests/fixtures/tutorial_english.yaml, the bundled file before its French):
# these tests rewrite its lines as a designer would, and the French of the bundled file is tests/test_localized.py's.
TUTORIAL = _without_lesson((ROOT / "tests" / "fixtures" / "tutorial_english.yaml").read_text(encoding="utf-8"))

LESSON = """
objectives:
  - Explain why one <objection> stops a draft & what a carve-out buys.
history:
  - date: 2025-06-25
    text: Allies commit to 5% of GDP by 2035 <b>(3.5% core + 1.5% related)</b>.
    source: {title: The Hague Summit Declaration, publisher: NATO, url: "https://www.nato.int/cps/en/natohq/official_texts_236705.htm", accessed: 2026-12-05}
  - date: 2025-06
    text: Spain asks for flexibility.
    source: {title: "Letter to the Secretary General", publisher: Government of Spain}
"""


def _problems(extra: str = "", replace: tuple[str, str] | None = None):
    text = TUTORIAL + extra
    if replace:
        assert replace[0] in text
        text = text.replace(replace[0], replace[1], 1)
    checked = check_bytes(text.encode("utf-8"), "lesson.yaml")
    return checked, [str(problem) for problem in checked.problems]


def _only(lines: list[str], path: str) -> str:
    """The one line about `path` (the test fails if there is none or more than one)."""
    found = [line for line in lines if f": {path}: " in line]
    assert len(found) == 1, lines
    return found[0]


def test_objectives_and_history_load_and_change_nothing_else():
    plain, _ = _problems()
    checked, lines = _problems(LESSON)
    assert checked.scenario is not None and lines == [str(p) for p in plain.problems]
    s = checked.scenario
    assert s.objectives[0].startswith("Explain") and len(s.history) == 2
    assert s.history[0].source.url.startswith("https://www.nato.int/") and s.history[1].source.url is None
    # the game's own parts are the same
    assert s.issues == plain.scenario.issues and s.leaders == plain.scenario.leaders


@pytest.mark.parametrize("extra, path, words", [
    ("objectives:\n  - 12\n", "objectives[0]", "expected text, found 12"),
    ("objectives: Explain things\n", "objectives", "expected a list"),
    ("history:\n  - date: June 2025\n    text: x\n    source: {title: T, publisher: P}\n", "history[0].date",
     "expected a date written YYYY, YYYY-MM or YYYY-MM-DD"),
    ("history:\n  - date: '2025'\n    text: x\n    source: {title: T, publisher: P, url: nato.int}\n",
     "history[0].source.url", "expected a web address starting with https://"),
    ("history:\n  - date: '2025'\n    text: x\n    source: NATO\n", "history[0].source", "expected a mapping, e.g. source:"),
    ("history:\n  - date: '2025'\n    source: {title: T, publisher: P}\n", "history[0].text", "missing required key 'text'"),
    ("history:\n  - just a sentence\n", "history[0]", "expected a mapping"),
])
def test_a_wrong_objective_or_history_item_is_one_located_line(extra, path, words):
    checked, lines = _problems(extra)
    line = _only(lines, path)
    assert checked.scenario is None and words in line
    assert line.startswith("lesson.yaml:") and line.split(":")[1].isdigit() and line.split(":")[2].isdigit()


def test_a_history_item_without_a_source_and_an_objective_without_a_verb_are_warnings():
    checked, lines = _problems("objectives:\n  - Burden sharing\nhistory:\n  - date: '2014'\n    text: Wales.\n")
    assert checked.scenario is not None
    assert "warning: an objective says what a student can do afterwards" in _only(lines, "objectives[0]")
    assert "warning: history item 1 (2014) cites no source" in _only(lines, "history[0]")


@pytest.mark.parametrize("why, words", [
    ("why: Because he said so", "expected a mapping, e.g. why: {text:"),
    ("why: {text: Because.}", "missing required key 'source'"),
    ("why: {text: Because., source: hague_2026}", "unknown source 'hague_2026'"),
    ("why: {text: Because., source: hague_2025, when: 2025}", "unknown key 'when'"),
])
def test_a_wrong_why_is_one_located_line(why, words):
    position = "core_target: {ideal: 3.5, weight: 0.3}"
    checked, lines = _problems(replace=(position, position[:-1] + ", " + why + "}"))
    found = [line for line in lines if ".positions.core_target.why" in line]
    assert len(found) == 1 and words in found[0], lines
    assert checked.scenario is None


def test_a_why_with_its_source_loads():
    position = "core_target: {ideal: 3.5, weight: 0.3}"
    checked, _ = _problems(replace=(position, position[:-1] + ", why: {text: He proposed it., source: hague_2025}}"))
    assert checked.scenario.leader("rutte").positions["core_target"].why.text == "He proposed it."


@pytest.fixture(scope="module")
def lesson_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lesson")
    path = folder / "tutorial.yaml"
    path.write_text(TUTORIAL + LESSON, encoding="utf-8")
    return path


def test_the_briefing_index_shows_objectives_and_history_escaped(capsys, lesson_file, tmp_path):
    code, _, err = cli(capsys, "brief", str(lesson_file), "--out", str(tmp_path / "b"))
    assert code == 0, err
    html = (tmp_path / "b" / "index.html").read_text(encoding="utf-8")
    assert "<h2>Objectives</h2>" in html and "<h2>What really happened</h2>" in html
    assert "one &lt;objection&gt; stops a draft &amp; what" in html and "<objection>" not in html
    assert "&lt;b&gt;(3.5% core + 1.5% related)&lt;/b&gt;" in html
    assert '<a href="https://www.nato.int/cps/en/natohq/official_texts_236705.htm">The Hague Summit Declaration</a>' in html
    assert html.index("<h2>Objectives</h2>") < html.index("<h2>Roles</h2>")
    markdown = (tmp_path / "b" / "index.md").read_text(encoding="utf-8")
    assert "## What really happened" in markdown and "one \\<objection\\> stops" in markdown
    assert "Government of Spain, Letter to the Secretary General" in markdown


def test_the_debrief_sets_what_really_happened_beside_what_the_table_agreed(capsys, lesson_file, tmp_path):
    log = tmp_path / "game.jsonl"
    assert cli(capsys, "run", str(lesson_file), "--seed", "0", "--log", str(log))[0] == 0
    code, _, err = cli(capsys, "debrief", str(log), "--out", str(tmp_path / "d"))
    assert code == 0, err
    html = next((tmp_path / "d").glob("*.html")).read_text(encoding="utf-8")
    pages = [page.read_text(encoding="utf-8") for page in (tmp_path / "d").glob("*.md")]
    markdown = next(page for page in pages if "## What really happened" in page)
    section = markdown[markdown.index("## What really happened"):]
    section = section[:section.index("\n## ", 5)]
    assert "| What your table agreed | What really happened |" in section
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line][1:]
    # the table's terms on the left, row by row beside the history items, in order
    assert rows[0].startswith("| Core defence target: ") and "2025-06-25: Allies commit to 5% of GDP by 2035 \\<b\\>" in rows[0]
    assert rows[1].startswith("| Deadline: ") and "2025-06: Spain asks for flexibility." in rows[1]
    assert "NATO, The Hague Summit Declaration, https://www.nato.int/" in section
    everything = html + "".join(page.read_text(encoding="utf-8") for page in (tmp_path / "d").glob("*.html"))
    assert "&lt;b&gt;(3.5% core" in everything and "<b>(3.5% core" not in everything


def test_the_browser_shows_the_objectives_under_the_summary(lesson_file):
    from game.scenario import load_scenario
    from game.ui.scenes.menus import Listed, describe

    scenario = load_scenario(lesson_file)
    text = describe(Listed(path=lesson_file, own=False, scenario=scenario, error=None))
    assert text.index("five at the table") < text.index("After it, a student can:") < text.index("On the table:")
    assert "one &lt;objection&gt; stops" in text


def test_the_teachers_guide_lists_the_objectives_the_scenarios_state():
    from game.report.lesson import guide_objectives
    from game.scenario import load_scenario
    from game.scenario.catalogue import bundled_ids

    guide = (ROOT / "docs" / "teachers-guide.md").read_text(encoding="utf-8")
    bundled = [load_scenario(bundled_dir() / f"{scenario_id}.yaml") for scenario_id in bundled_ids()]
    assert guide_objectives(bundled) in guide, ("docs/teachers-guide.md's objectives are out of date: run "
                                                "`python -m game.report.lesson docs/teachers-guide.md`")


def test_the_french_teachers_guide_lists_the_same_objectives_with_its_own_words(tmp_path):
    """docs/teachers-guide.fr.md's block is written by the same code in French (its markers and the sentence
    before each list), from the scenarios' objectives in their French; writing it does not touch the English
    guide's block."""
    from game.report.lesson import GUIDE_STARTS, guide_objectives
    from game.scenario import load_scenario, text_in
    from game.scenario.catalogue import bundled_ids

    guide = (ROOT / "docs" / "teachers-guide.fr.md").read_text(encoding="utf-8")
    bundled = [load_scenario(bundled_dir() / f"{scenario_id}.yaml") for scenario_id in bundled_ids()]
    block = guide_objectives(bundled, "fr")
    assert block in guide, ("docs/teachers-guide.fr.md's objectives are out of date: run "
                            "`python -m game.report.lesson docs/teachers-guide.fr.md --lang fr`")
    assert GUIDE_STARTS["en"] not in guide and "après ce scénario" not in block
    assert "(`tutorial`)\u00a0: à l'issue de ce scénario, l'élève est capable de\u00a0:" in block
    every_objective = [f"- {text_in(objective, 'fr')}" for scenario in bundled for objective in scenario.objectives]
    assert every_objective and all(line in block for line in every_objective)
    assert "- Expliquer pourquoi, au consensus, une seule objection suffit à bloquer un texte de l'OTAN." in block
    assert "**Bucarest 2008** (`bucharest_2008`)" in block and "Explain why" not in block
    # the command the marker names rewrites the French block and leaves an English one alone
    stale = guide.replace(every_objective[0], "- Recite an objective the scenario no longer states.")
    assert stale != guide
    (tmp_path / "fr.md").write_text(stale, encoding="utf-8")
    (tmp_path / "en.md").write_text(guide_objectives(bundled), encoding="utf-8")
    for name, lang in (("fr.md", "fr"), ("en.md", "fr")):
        done = subprocess.run([sys.executable, "-m", "game.report.lesson", str(tmp_path / name), "--lang", lang],
                              cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert (done.returncode, done.stderr.count("\n")) == ((0, 0) if name == "fr.md" else (2, 1)), done.stderr
    assert (tmp_path / "fr.md").read_text(encoding="utf-8") == guide
    assert (tmp_path / "en.md").read_text(encoding="utf-8") == guide_objectives(bundled)


# ----- the bundled scenarios ---------------------------------------------------------------------------------

HISTORICAL = ("bucharest_2008", "hague_summit_2025", "madrid_2022", "rutte_washington_2025", "tutorial", "wales_2014")
# The main leaders whose positions say why, at least (the issue: Spain's letter, Hungary on Ukraine, the US 5%, the
# frontline states).
WHY_AT_LEAST = {
    "tutorial": {("sanchez", "core_target"), ("trump", "core_target"), ("tusk", "core_target"), ("rutte", "core_target")},
    "rutte_washington_2025": {("sanchez", "core_target"), ("orban", "ukraine_role"), ("trump", "core_target"),
                              ("tusk", "core_target"), ("nauseda", "deadline"), ("michal", "core_target")},
    "hague_summit_2025": {("sanchez", "core_target"), ("orban", "ukraine_role"), ("trump", "core_target"),
                          ("nauseda", "deadline"), ("stubb", "us_guarantee")},
}


def _bundled(scenario_id: str):
    from game.scenario import check_file
    checked = check_file(bundled_dir() / f"{scenario_id}.yaml")
    assert checked.scenario is not None and not checked.warnings, [str(p) for p in checked.problems]
    return checked.scenario


@pytest.mark.parametrize("scenario_id", HISTORICAL + ("us_drawdown_2027",))
def test_each_bundled_scenario_states_objectives_and_sourced_history(scenario_id):
    s = _bundled(scenario_id)
    assert len(s.objectives) >= 3 and s.history
    assert all(item.source is not None for item in s.history)
    dates = [item.date for item in s.history]
    assert dates == sorted(dates), "history in the order it happened"
    if s.fictional:   # a what-if: only the real facts it starts from, all before its invented year
        assert all(int(item.date[:4]) < s.year for item in s.history)


@pytest.mark.parametrize("scenario_id", HISTORICAL)
def test_the_declarations_are_cited_from_nato(scenario_id):
    s = _bundled(scenario_id)
    declarations = [item.source for item in s.history if "Declaration" in item.source.title]
    assert declarations and all(ref.publisher == "NATO" for ref in declarations)
    assert all(ref.url.startswith("https://www.nato.int/") for ref in declarations if ref.url)


def test_the_hague_history_says_what_was_agreed():
    history = " ".join(item.text for item in _bundled("hague_summit_2025").history)
    for words in ("5% of GDP a year on defence by 2035", "at least 3.5% on core defence", "up to 1.5%", "annual plans",
                  "2029", "Article 5", "2.1% of GDP"):
        assert words in history


def test_no_bundled_scenario_cites_a_mirror_site():
    for path in sorted(bundled_dir().glob("*.yaml")):
        assert "news-pravda" not in path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize("scenario_id", sorted(WHY_AT_LEAST))
def test_the_main_leaders_say_why_with_a_source(scenario_id):
    s = _bundled(scenario_id)
    sources = {source.id for source in s.sources}
    said = {(leader.id, issue) for leader in s.leaders for issue, position in leader.positions.items() if position.why}
    assert WHY_AT_LEAST[scenario_id] <= said
    assert all(position.why.source in sources for leader in s.leaders for position in leader.positions.values()
               if position.why)
    spain = s.leader("sanchez").positions["core_target"].why
    if scenario_id == "rutte_washington_2025":
        # Set in March 2025: a reason rests on what was said or published by then, never on the June letter
        assert spain.source == "nato_2024" and "1.28%" in spain.text and "June 2025" not in spain.text
    else:
        assert "2.1%" in spain.text and spain.source == "sanchez_letter_2025"


def test_rutte_in_washington_says_it_is_a_what_if_before_the_hague():
    summary = _bundled("rutte_washington_2025").summary
    assert summary.startswith("A what-if") and "13 March 2025" in summary and "No summit met" in summary
    assert "Rutte met Donald Trump in the Oval Office" in summary


def test_the_tutorial_describes_the_situation_not_the_game():
    summary = _bundled("tutorial").summary
    assert "game" not in summary.lower() and "Learn" not in summary


# ----- how to tell a private objective was met (objective_met_when) --------------------------------------------

SANCHEZ_CHECK = "    objective_met_when: {deal: true, carve_out: true}\n"


@pytest.mark.parametrize("check, path, words", [
    ("    objective_met_when: {}\n", "leaders[3].objective_met_when", "needs at least one of deal, carve_out, terms"),
    ("    objective_met_when: {deal: yes}\n", "leaders[3].objective_met_when.deal", "expected true or false"),
    ("    objective_met_when: {terms: [{issue: us_guarantee, at_least: 1}]}\n",
     "leaders[3].objective_met_when.terms[0]", "issue 'us_guarantee' has options; use 'is' with a list of them"),
    ("    objective_met_when: {terms: [{issue: deadlines, is: [2035]}]}\n",
     "leaders[3].objective_met_when.terms[0].issue", "unknown issue 'deadlines' (did you mean 'deadline'?)"),
    ("    objective_met_when: {pledges_by_others: 0}\n", "leaders[3].objective_met_when.pledges_by_others", ""),
    ("    objective_met_when: {won: true}\n", "leaders[3].objective_met_when", "unknown key 'won'"),
])
def test_a_wrong_objective_check_is_one_located_line(check, path, words):
    checked, lines = _problems(replace=(SANCHEZ_CHECK, check))
    found = [line for line in lines if f": {path}" in line]
    assert len(found) == 1 and words in found[0], lines
    assert checked.scenario is None


def test_an_objective_check_needs_an_objective_and_a_carve_out_an_ally():
    # Rutte has no objective and speaks for no ally
    checked, lines = _problems(replace=("    role: secretary_general\n",
                                        "    role: secretary_general\n    objective_met_when: {carve_out: true}\n"))
    line = _only(lines, "leaders[0].objective_met_when")
    assert "this leader has no 'objective'" in line
    assert "this leader speaks for no ally" in _only(lines, "leaders[0].objective_met_when.carve_out")
    assert checked.scenario is None


def test_the_tutorial_says_how_to_tell_spains_and_polands_objectives_were_met():
    from game.agents import agents_for
    from game.analysis.objective import objective_met
    from game.engine import Game, outcome, play
    from game.engine.actions import Pledge

    scenario = _bundled("tutorial")
    game = Game(scenario, 0)
    state = play(game, agents_for(scenario))
    result = outcome(game, state)
    spain = objective_met(scenario, "sanchez", result, state.history)
    year = result.terms.carve_out("spain") if result.agreed else None
    assert spain.met == bool(result.agreed and year)
    assert spain.reasons[0] == ("the table adopted a text" if result.agreed else "no text was adopted")
    pledged = sorted({scenario.leader(e.actor).ally for e in state.history if e.type == "action"
                      and e.data["action"]["kind"] == Pledge.kind and e.actor != "tusk"})
    poland = objective_met(scenario, "tusk", result, state.history)
    assert poland.met == bool(pledged)
    assert poland.sentence().startswith("Met: " if pledged else "Not met: ")
    # a role without a check is left to judge, a role without an objective has no verdict
    assert objective_met(scenario, "rutte", result, state.history) is None

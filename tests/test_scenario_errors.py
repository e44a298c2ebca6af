"""Broken scenario files and the errors a designer gets for them.

Each tests/corpus/*.yaml holds one deliberate mistake and, on its first lines, the problems it must
produce, in the order they are reported:

    # expect: LINE:COLUMN: path: message-substring
    # expect: LINE:COLUMN: path: warning: message-substring

`(file)` stands for the empty path (a problem with the file as a whole), as `summit validate` prints it.
Files that must not be committed (too big, not UTF-8, binary) are generated here in tmp_path.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

import game.agents
from game.scenario import check_file
from game.scenario.yaml_source import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))

_EXPECT = re.compile(r"^# expect: (\d+):(\d+): (\S+): (warning: )?(.+)$")


def _expected(path: Path) -> list[tuple[int, int, str, str, str]]:
    """(line, column, path, severity, message substring) for each `# expect:` line at the top of a file."""
    expected = []
    for text in path.read_text(encoding="utf-8").splitlines():
        if not text.startswith("# expect:"):
            break
        match = _EXPECT.match(text)
        assert match, f"{path.name}: malformed expectation {text!r}"
        line, column, where, warning, message = match.groups()
        expected.append((int(line), int(column), "" if where == "(file)" else where,
                         "warning" if warning else "error", message))
    return expected


def _check(path: Path):
    return check_file(path, agent_names=game.agents.names())


def _describe(problems) -> str:
    return "\n".join(str(problem) for problem in problems) or "(no problems)"


CORPUS_FILES = sorted(CORPUS.glob("*.yaml"))


def test_the_corpus_is_there():
    assert 30 <= len(CORPUS_FILES) <= 80
    for path in CORPUS_FILES:
        assert _expected(path), f"{path.name} has no '# expect:' line"


@pytest.mark.parametrize("path", CORPUS_FILES, ids=[path.stem for path in CORPUS_FILES])
def test_broken_file_reports_exactly_the_expected_problems(path: Path):
    checked = _check(path)
    expected = _expected(path)
    got = [(p.line, p.column, p.path, p.severity, p.message) for p in checked.problems]
    assert len(got) == len(expected), f"expected {len(expected)} problems, got:\n{_describe(checked.problems)}"
    for (line, column, where, severity, message), problem in zip(expected, got):
        assert problem[:4] == (line, column, where, severity), _describe(checked.problems)
        assert message in problem[4], _describe(checked.problems)
    # A file with only warnings still loads; one with any error does not.
    assert (checked.scenario is None) == any(severity == "error" for _, _, _, severity, _ in expected)
    assert all(problem.file == str(path) for problem in checked.problems)


# ----- files generated here ---------------------------------------------------------------------

def _only_problem(path: Path):
    checked = _check(path)
    assert checked.scenario is None
    assert len(checked.problems) == 1, _describe(checked.problems)
    problem = checked.problems[0]
    assert (problem.line, problem.column, problem.path, problem.severity) == (1, 1, "", "error")
    return problem


def test_a_file_of_exactly_one_mebibyte_is_read(tmp_path: Path):
    raw = MINI.read_bytes()
    padded = raw + b"#" * (MAX_BYTES - len(raw) - 1) + b"\n"
    assert len(padded) == MAX_BYTES == 1024 * 1024
    path = tmp_path / "mini.yaml"
    path.write_bytes(padded)
    checked = _check(path)
    assert checked.problems == ()
    assert checked.scenario is not None and checked.scenario.id == "mini"


def test_a_file_over_one_mebibyte_is_refused(tmp_path: Path):
    raw = MINI.read_bytes()
    path = tmp_path / "mini.yaml"
    path.write_bytes(raw + b"#" * (MAX_BYTES - len(raw)) + b"\n")  # one byte too many
    problem = _only_problem(path)
    assert "the limit is 1,048,576 (1 MiB)" in problem.message


def test_a_file_far_over_the_limit_is_refused_without_a_wrong_size(tmp_path: Path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * (3 * MAX_BYTES // 10))  # about 3 MiB
    problem = _only_problem(path)
    assert "limit is 1,048,576" in problem.message
    assert "1,048,577" not in problem.message


def test_non_utf8_text_is_refused_naming_the_byte(tmp_path: Path):
    raw = MINI.read_text(encoding="utf-8").encode("latin-1")  # "Sánchez" in Latin-1
    bad_byte = raw.index("á".encode("latin-1"))
    path = tmp_path / "mini.yaml"
    path.write_bytes(raw)
    problem = _only_problem(path)
    assert "not UTF-8" in problem.message
    assert f"byte {bad_byte}" in problem.message


def test_binary_garbage_is_refused(tmp_path: Path):
    path = tmp_path / "garbage.yaml"
    path.write_bytes(random.Random(0).randbytes(4096))
    problem = _only_problem(path)
    assert "not UTF-8" in problem.message


def test_control_characters_give_one_located_line(tmp_path: Path):
    # A zip archive (say a .xlsx saved under the wrong name) starts with bytes that are valid UTF-8.
    path = tmp_path / "sheet.yaml"
    path.write_bytes(b"schema: 1\nid: sheet\nPK\x03\x04\x14\x00\x06\x00")
    checked = _check(path)
    assert checked.scenario is None
    assert len(checked.problems) == 1
    problem = checked.problems[0]
    assert "\n" not in problem.message and "<unicode string>" not in problem.message
    assert (problem.line, problem.column) == (3, 3)


def test_a_python_tag_is_refused_and_never_run(tmp_path: Path):
    marker = tmp_path / "ran"
    path = tmp_path / "evil.yaml"
    path.write_text(f'schema: 1\nid: evil\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    checked = _check(path)
    assert checked.scenario is None
    assert [(p.line, p.column) for p in checked.problems] == [(3, 8)]
    assert "python/object/apply:os.system" in checked.problems[0].message
    assert "not allowed" in checked.problems[0].message
    assert not marker.exists()


def test_a_missing_file_is_one_problem(tmp_path: Path):
    problem = _only_problem(tmp_path / "nowhere.yaml")
    assert "cannot read the file" in problem.message


def test_a_folder_is_one_problem(tmp_path: Path):
    problem = _only_problem(tmp_path)
    assert "is a folder" in problem.message


# ----- ids that differ by accents or case -----------------------------------------------------------

MINI_TEXT = MINI.read_text(encoding="utf-8")


def _check_text(tmp_path: Path, text: str, name: str = "mini"):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return _check(path)


def _edited(*edits: tuple[str, str]) -> str:
    text = MINI_TEXT
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("written", ["orbán", "Orban", "ORBAN", "Orbán"])
def test_an_id_written_with_accents_or_capitals_gets_its_lower_snake_case_form(tmp_path, written):
    checked = _check_text(tmp_path, _edited(("  - id: tusk\n", f"  - id: {written}\n")))
    assert len(checked.problems) == 1, _describe(checked.problems)
    assert checked.problems[0].path == "leaders[2].id"
    assert checked.problems[0].message.endswith(f"found {written!r} (did you mean 'orban'?)")


def test_a_name_that_folds_to_no_id_gets_no_guess(tmp_path):
    checked = _check_text(tmp_path, _edited(("  - id: tusk\n", "  - id: os.system\n")))
    assert checked.problems[0].message.endswith("found 'os.system'")


def test_a_key_in_capitals_is_matched_to_the_field_it_folds_to(tmp_path):
    checked = _check_text(tmp_path, _edited(("threat: 0.95, fiscal_space", "THREAT: 0.95, fiscal_space")))
    assert [p.message for p in checked.problems] == ["unknown key 'THREAT' (did you mean 'threat'?)"]


# ----- one run: structural and cross-reference problems together, without knock-ons ---------------

@pytest.mark.parametrize("edit, expected", [
    # A no-deal value that fails its type is cut out: "every issue needs a no-deal value" would be its echo.
    (("no_deal: {core_target: 2.0,", "no_deal: {core_target: [2.0],"),
     [(61, 24, "no_deal.core_target", "expected a number or an option name, found [2.0]")]),
    # A misspelt key may be a field the checks then miss: what they say about its mapping is left out.
    (("text: A post., round: 2,", "text: A post., rund: 2,"),
     [(60, 44, "events[1].rund", "unknown key 'rund' (did you mean 'round'?)")]),
    # A leader cut out (its agent is no id) leaves its ally unspoken for and its id unknown to the event.
    (("    agent: member\n    positions:\n      core_target: {ideal: 2.1", "    agent: Member!\n    positions:\n      core_target: {ideal: 2.1"),
     [(54, 12, "leaders[3].agent", "expected an id in lower_snake_case")]),
    # An ally that is no mapping has no id to recognise: no reference to an ally is called unknown.
    (("  - {id: poland, name: Poland, iso3: POL, gdp_usd_bn: 811.2, defence_pct_gdp: 4.12, population_m: 36.6, "
      "threat: 0.95, fiscal_space: 0.5, domestic_support: 0.9}", "  - Poland"),
     [(17, 5, "allies[1]", "expected a mapping (key: value lines), found 'Poland'")]),
], ids=["no-deal-value", "misspelt-key", "leader-cut", "ally-without-id"])
def test_a_cut_item_causes_no_error_of_its_own(tmp_path, edit, expected):
    checked = _check_text(tmp_path, _edited(edit))
    got = [(p.line, p.column, p.path) for p in checked.problems]
    assert got == [item[:3] for item in expected], _describe(checked.problems)
    for problem, (*_, message) in zip(checked.problems, expected):
        assert message in problem.message


def test_a_cut_that_leaves_leaders_and_events_alone_keeps_the_warnings_about_the_whole_scenario(tmp_path):
    # An ally's misspelt key is cut; Sánchez's red line still cannot meet Trump's, and the file says both.
    text = _edited(("threat: 0.95,", "thraet: 0.95,"), CLASH, NO_LIFT)
    checked = _check_text(tmp_path, text)
    assert [(p.path, p.severity) for p in checked.problems] == [
        ("allies[1].thraet", "error"), ("leaders[1].positions.core_target.red_line", "warning")], \
        _describe(checked.problems)
    # A cut leader changes who votes: that warning is left for the run after the fix.
    tusk = ("    agent: member\n    positions:\n      core_target: {ideal: 4.0",
            "    agent: Member!\n    positions:\n      core_target: {ideal: 4.0")
    checked = _check_text(tmp_path, _edited(tusk, CLASH, NO_LIFT))
    assert [p.severity for p in checked.problems] == ["error"], _describe(checked.problems)


def test_after_a_cut_the_other_items_keep_their_place_in_the_file(tmp_path):
    # The first ally fails (its ISO code) and is cut; a duplicate among the later ones is still reported at
    # its own line, naming the other by its index in the file.
    poland = MINI_TEXT.splitlines(keepends=True)[16]
    assert poland.startswith("  - {id: poland,")
    text = _edited(("iso3: USA", "iso3: usa"), ("  - {id: spain,", poland + "  - {id: spain,"))
    checked = _check_text(tmp_path, text)
    assert [(p.line, p.path, p.message) for p in checked.problems] == [
        (16, "allies[0].iso3", "expected three capital letters (ISO 3166 alpha-3), found 'usa'"),
        (18, "allies[2].id", "duplicate id 'poland' (also allies[1])"),
    ], _describe(checked.problems)


def test_a_file_with_a_wrong_year_still_gets_only_the_structural_error(tmp_path):
    # The year is read by the checks across (deadlines, other years): with it wrong, nothing more is said.
    checked = _check_text(tmp_path, _edited(("year: 2025", 'year: "2025"'), ("    ally: poland\n", "    ally: polnad\n")))
    assert [p.path for p in checked.problems] == ["year"], _describe(checked.problems)


# ----- red lines that cannot meet: the decision rule and the events ---------------------------------

CLASH = ("core_target: {ideal: 2.1, weight: 0.6, red_line: 3.5}", "core_target: {ideal: 2.1, weight: 0.6, red_line: 2.8}")
NO_LIFT = ("field: red_line, set: 3.6}", "field: weight, add: 0.1}")


def _deadlock_warnings(checked) -> list[str]:
    return [p.message for p in checked.warnings if "agree" in p.message]


@pytest.mark.parametrize("decision", ["{rule: majority}", "{rule: qualified_majority, threshold: 0.6}"])
def test_a_red_line_too_few_hold_blocks_nothing_under_a_vote(tmp_path, decision):
    # Sánchez's 2.8 against Trump's 3.0: under consensus no draft passes; under a vote of three, one objection
    # stops nothing, so no warning.
    text = _edited(CLASH, NO_LIFT, ("no_deal:", f"decision: {decision}\nno_deal:"))
    assert _deadlock_warnings(_check_text(tmp_path, text)) == []


def test_under_a_qualified_majority_of_all_the_clash_still_blocks(tmp_path):
    text = _edited(CLASH, NO_LIFT, ("no_deal:", "decision: {rule: qualified_majority, threshold: 1.0}\nno_deal:"))
    assert _deadlock_warnings(_check_text(tmp_path, text)) == [
        "every draft on core_target crosses the red lines of enough voters under a qualified majority of 100% (the "
        "objections of 1 of the 3 voters stop a draft): at most 2.8% GDP (Pedro Sánchez); at least 3.0% GDP "
        "(Donald Trump): the scenario can never agree"]


SWEDEN = """\
  - {id: sweden_accession, label: Sweden joins, kind: options, options: [ratify, delay], unit: "", status_quo: delay, help: h}
"""
ORBAN = """\
  - id: orban
    name: Viktor Orbán
    title: PM
    role: member
    ally: hungary
    agent: member
    positions:
      sweden_accession: {ideal: delay, weight: 1.0, red_line: ratify}
"""
HUNGARY = ("  - {id: hungary, name: Hungary, iso3: HUN, gdp_usd_bn: 212.4, defence_pct_gdp: 2.11, population_m: 9.6, "
           "threat: 0.3, fiscal_space: 0.4, domestic_support: 0.5}\n")


def _sweden(decision: str = "", lift: bool = True) -> str:
    """The trial's scenario in small: Orbán refuses to ratify, Tusk to delay; an event in round 2 lifts the veto."""
    event = ("  - {id: orban_deal, label: A deal, text: Budapest relents., round: 2, effects: [{leader: orban, "
             "issue: sweden_accession, field: red_line, set: delay}]}\n") if lift else ""
    return _edited(("  - {id: us_guarantee,", SWEDEN + "  - {id: us_guarantee,"),
                   ("  - {id: spain,", HUNGARY + "  - {id: spain,"),
                   ("events:\n", ORBAN + "events:\n" + event),
                   ("      us_guarantee: {ideal: unconditional, weight: 0.6, red_line: reduced}",
                    "      us_guarantee: {ideal: unconditional, weight: 0.6, red_line: reduced}\n"
                    "      sweden_accession: {ideal: ratify, weight: 0.3, red_line: delay}"),
                   ("no_deal: {", f"{decision}no_deal: {{sweden_accession: delay, "))


def test_a_veto_an_event_lifts_is_not_called_permanent_and_the_warning_points_at_it(tmp_path):
    checked = _check_text(tmp_path, _sweden())
    [warning] = [p for p in checked.warnings if "agree" in p.message]
    assert warning.path == "leaders[4].positions.sweden_accession.red_line"   # Orbán's, the line that moves
    assert warning.message == ("every option of sweden_accession is refused by some voter: ratify (Viktor Orbán); "
                               "delay (Donald Tusk): the scenario cannot agree unless event 'orban_deal' (round 2) fires")


def test_a_veto_no_event_moves_can_never_agree(tmp_path):
    checked = _check_text(tmp_path, _sweden(lift=False))
    assert _deadlock_warnings(checked) == ["every option of sweden_accession is refused by some voter: ratify "
                                           "(Viktor Orbán); delay (Donald Tusk): the scenario can never agree"]


def test_one_veto_among_four_voters_is_outvoted_by_a_qualified_majority(tmp_path):
    checked = _check_text(tmp_path, _sweden("decision: {rule: qualified_majority, threshold: 0.75}\n", lift=False))
    assert checked.scenario is not None and _deadlock_warnings(checked) == []


# ----- the bundled scenarios --------------------------------------------------------------------

def test_there_are_bundled_scenarios():
    assert "rutte_washington_2025" in [path.stem for path in BUNDLED]


@pytest.mark.parametrize("path", BUNDLED, ids=[path.stem for path in BUNDLED])
def test_bundled_scenario_loads_without_errors(path: Path):
    checked = _check(path)
    assert checked.errors == (), _describe(checked.errors)
    assert checked.scenario is not None
    assert checked.scenario.id == path.stem

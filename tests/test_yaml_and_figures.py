"""What YAML 1.1 would have read silently, and figures too large to compute with (issue 23, item 11): Summit reads
plain values as YAML 1.2 does (`iso3: NO` and `name: on` are text, `010` is ten, `1:30` is text, each wrong
where a number or a boolean belongs said so at its line); a figure that would reach infinity (`gdp_usd_bn:
1.0e+308`) or a weight that makes every score 50 is refused at its line, and the largest figures allowed keep
`--json` and debrief.json valid JSON; a leader id that is a role's name is refused."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
from cli_support import cli

from game.scenario import check_bytes
from game.scenario.catalogue import bundled_dir
from game.scenario.untrusted import json_value

# The tutorial as written in English alone (tests/fixtures/tutorial_english.yaml, the bundled file before its French):
# these tests rewrite its lines as a designer would, and the French of the bundled file is tests/test_localized.py's.
TUTORIAL = (Path(__file__).parent / "fixtures" / "tutorial_english.yaml").read_text(encoding="utf-8")


def _changed(*pairs: tuple[str, str]) -> str:
    text = TUTORIAL
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _line_of(text: str, fragment: str) -> int:
    return text[:text.index(fragment)].count("\n") + 1


def _errors(text: str) -> list:
    return list(check_bytes(text.encode(), "s.yaml").errors)


def test_yaml_11_booleans_are_text_and_one_where_a_boolean_belongs_says_so():
    named = check_bytes(_changed(("    name: Spain", "    name: on"), ("    name: Poland", "    name: NO")).encode())
    assert named.scenario is not None, [str(e) for e in named.errors]
    assert [ally.name for ally in named.scenario.allies][1:3] == ["NO", "on"]
    text = _changed(("    iso3: ESP", "    iso3: NO"))
    [error] = _errors(text)
    assert (error.line, error.path) == (_line_of(text, "iso3: NO"), "allies[2].iso3") and "found 'NO'" in error.message
    text = TUTORIAL + "fictional: yes\n"
    [error] = _errors(text)
    assert error.path == "fictional" and error.line == text.count("\n")
    assert "expected true or false, found 'yes'" in error.message and "YAML 1.2" in error.message


def test_a_leading_zero_is_decimal_and_minutes_seconds_or_underscores_are_refused_with_a_hint():
    ten = check_bytes(_changed(("rounds: 5", "rounds: 010")).encode())
    assert ten.scenario is not None and ten.scenario.rounds == 10
    for written, hint in (("1:30", "not for minutes and seconds"), ("1_0", "without '_'"), ("0b101", "in decimal")):
        text = _changed(("rounds: 5", f"rounds: {written}"))
        [error] = _errors(text)
        assert (error.line, error.path) == (_line_of(text, f"rounds: {written}"), "rounds"), error
        assert f"found '{written}'" in error.message and hint in error.message, error.message


@pytest.mark.parametrize("old, new, path", [
    ("gdp_usd_bn: 1580.695", "gdp_usd_bn: 1.0e+308", "allies[2].gdp_usd_bn"),
    ("gdp_usd_bn: 1580.695", "gdp_usd_bn: .inf", "allies[2].gdp_usd_bn"),
    ("population_m: 48.849", "population_m: 1.0e+300", "allies[2].population_m"),
    ("gdp_usd_bn: 1580.695", "gdp_usd_bn: 1.0e+16", "allies[2].gdp_usd_bn"),
    ("{ideal: 2.1, weight: 0.4, red_line: 3.5", "{ideal: 2.1, weight: 1.0e+308, red_line: 3.5",
     "leaders[3].positions.core_target.weight"),
    ("{ally: all, field: domestic_support, add: 0.05}", "{ally: all, field: gdp_usd_bn, add: 1.0e+308}",
     "events[0].effects[0].add"),
    ("  core_target: 2.0", "  core_target: 1.0e+300", "no_deal.core_target"),
    ("  core_target: 2.0", "  core_target: .nan", "no_deal.core_target"),
])
def test_a_figure_too_large_to_compute_with_is_refused_at_its_line(old, new, path):
    text = _changed((old, new))
    errors = _errors(text)
    assert errors and errors[0].path == path, [str(e) for e in errors]
    assert errors[0].line == _line_of(text, new)


def test_a_whole_number_of_thousands_of_digits_is_refused_unread():
    text = _changed(("rounds: 5", "rounds: " + "9" * 5000))
    [error] = _errors(text)
    assert error.line == _line_of(text, "rounds: 9") and "5,000 digits is too long" in error.message


def test_a_leader_id_that_is_a_roles_name_is_refused():
    text = TUTORIAL.replace("tusk", "member")   # the id, and every place that names it
    errors = _errors(text)
    assert [e.path for e in errors] == ["leaders[4].id"], [str(e) for e in errors]
    assert "--agents member=AGENT" in errors[0].message and errors[0].line == _line_of(text, "  - id: member\n") + 0


def _strict_json(text: str):
    return json_value(text)   # refuses NaN, Infinity and numbers no JSON reader takes


def test_the_largest_figures_and_weights_keep_scores_meaningful_and_json_valid(tmp_path, capsys):
    """Every ally at the largest GDP a file may give (US$ 1e15 bn), events adding the most a file may add, weights of 100 against 0.01: the
    game is played without a numpy warning, not every score is 50, and --json and debrief.json are JSON."""
    text = TUTORIAL.replace("schema: 1", "schema: 2")   # events change an ally's GDP from format 2 on
    for gdp in ("4456.081", "811.229", "1580.695", "27360.935"):
        text = text.replace(f"gdp_usd_bn: {gdp}", "gdp_usd_bn: 1.0e+15")
    text = text.replace("{ally: all, field: domestic_support, add: 0.05}", "{ally: all, field: gdp_usd_bn, add: 1000000.0}")
    text = text.replace("{ideal: 5.0, weight: 0.35, red_line: 3.0", "{ideal: 5.0, weight: 100, red_line: 3.0")
    text = text.replace("{ideal: 2030, weight: 0.15}", "{ideal: 2030, weight: 0.01}")
    path = tmp_path / "extreme.yaml"
    path.write_text(text.replace("id: tutorial", "id: extreme"), encoding="utf-8")
    log = tmp_path / "extreme.jsonl"
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        code, out, err = cli(capsys, "run", str(path), "--seed", "1", "--json", "--log", str(log))
        assert code == 0, err
        result = _strict_json(out)
        assert result["agreed"] and len(set(result["scores"].values())) > 1, result["scores"]
        assert result["scores"]["tusk"] > 70      # what weighs 100 to Tusk is what the agreement gave him
        code, out, err = cli(capsys, "debrief", str(log), "--out", str(tmp_path / "debrief"))
        assert code == 0, err
    _strict_json((tmp_path / "debrief" / "debrief.json").read_text(encoding="utf-8"))



def test_a_single_roles_holder_may_be_named_by_its_role_but_no_one_by_anothers():
    sg = check_bytes(TUTORIAL.replace("rutte", "secretary_general").encode())
    assert sg.scenario is not None, [str(e) for e in sg.errors]   # one leader either way (us_drawdown_2027 does so)
    text = TUTORIAL.replace("trump", "secretary_general")
    assert [e.path for e in _errors(text)] == ["leaders[1].id"]


def test_the_smallest_figures_a_float_holds_give_a_warning_not_a_crash(capsys, tmp_path):
    """A second pass of the attacks: population_m or gdp_usd_bn of 5e-324 (valid, above 0) crashed the
    plausibility check (OverflowError, math domain error) in validate, run, inspect and the window."""
    from game.cli import main
    text = (bundled_dir() / "tutorial.yaml").read_text(encoding="utf-8")
    for field in ("population_m", "gdp_usd_bn"):
        path = tmp_path / f"{field}.yaml"
        path.write_text(re.sub(rf"{field}: [0-9.]+", f"{field}: 5e-324", text, count=1), encoding="utf-8")
        assert main(["validate", str(path)]) == 0
        assert "GDP per head comes out at" in capsys.readouterr().err

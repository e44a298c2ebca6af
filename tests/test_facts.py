"""Objective threat from facts known at the time (game/scenario/facts.py, data in game/scenario/data/)."""

import math

import pytest

from game.scenario import check_bytes
from game.scenario import facts
from game.scenario.catalogue import resolve

NATO_32 = set("ALB BEL BGR CAN HRV CZE DNK EST FIN FRA DEU GRC HUN ISL ITA LVA LTU LUX MNE NLD MKD NOR POL PRT "
              "ROU SVK SVN ESP SWE TUR GBR USA".split())


def test_every_ally_has_sourced_facts():
    assert set(facts.CAPITALS) == NATO_32
    for row in facts.CAPITALS.values():
        assert row["coords_source"] and row["border_source"], row["iso3"]


def test_distances_are_great_circle_kilometres():
    warsaw = facts.exposure("POL", 2014)
    assert warsaw.km_to_moscow == pytest.approx(1151, abs=5)
    assert facts.km_between((0.0, 0.0), (0.0, 180.0)) == pytest.approx(math.pi * facts.EARTH_KM)


def test_only_uses_of_force_begun_by_the_year_count():
    assert facts.exposure("LTU", 2014).force in {"crimea_2014", "donbas_2014"}
    assert facts.exposure("LTU", 2022).force == "ukraine_2022"
    assert facts.exposure("LTU", 2007).force is None
    assert facts.objective_threat("LTU", 2022) > facts.objective_threat("LTU", 2014) > facts.objective_threat("LTU", 2007)


def test_the_formula_as_documented():
    e = facts.exposure("EST", 2014)
    expected = (facts.BASE + facts.LAND * e.land_border + facts.SEA * e.sea_border
                + facts.NEAR * math.exp(-e.km_to_force / facts.SCALE_KM) + facts.CLOSE * math.exp(-e.km_to_moscow / facts.SCALE_KM))
    assert facts.objective_threat("EST", 2014) == round(expected, 2)
    assert e.land_border and e.sea_border


def _tutorial_without_threat(iso3: str | None = None) -> bytes:
    text = resolve("tutorial").read_text(encoding="utf-8")
    start = text.index("  - id: germany")
    block_end = text.index("  - id:", start + 5)
    block = text[start:block_end]
    lines = [line for line in block.splitlines(keepends=True) if not line.strip().startswith("threat:")]
    block = "".join(lines)
    if iso3:
        block = block.replace("iso3: DEU", f"iso3: {iso3}")
    return (text[:start] + block + text[block_end:]).encode()


def test_a_scenario_that_leaves_out_a_threat_gets_the_objective_one():
    checked = check_bytes(_tutorial_without_threat(), "tutorial.yaml")
    assert checked.scenario is not None, checked.problems
    germany = next(a for a in checked.scenario.allies if a.id == "germany")
    assert germany.threat == facts.objective_threat("DEU", checked.scenario.year)
    written = check_bytes(resolve("tutorial").read_bytes(), "tutorial.yaml").scenario
    assert next(a for a in written.allies if a.id == "germany").threat == 0.75, "a written threat is used as written"


def test_without_a_threat_or_facts_the_error_names_the_ally_and_what_to_write():
    checked = check_bytes(_tutorial_without_threat("XAA"), "mine.yaml")
    assert checked.scenario is None
    [problem] = [p for p in checked.problems if p.severity == "error"]
    assert problem.path == "allies[0]" and problem.line > 1
    assert "'XAA'" in problem.message and "write threat: 0..1" in problem.message

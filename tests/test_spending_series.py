"""One palette and one vocabulary for the spending chart (game/report/series.py): the window's outcome screen,
the debrief, `summit batch --plot` and the briefings draw now, pledged and projected in the same colours and
call them by the same words, which the glossary explains."""

from __future__ import annotations

import numpy as np
import pytest
from ui_support import computer_game, showing

from game.agents import agents_for, names
from game.cli import main
from game.engine import Game, outcome, play
from game.report.glossary import GLOSSARY
from game.report.series import NOW, PLEDGED, PROJECTED, SERIES, colour_key
from game.scenario.catalogue import check

TUTORIAL = check("tutorial", names()).scenario


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))


def _colours(png) -> set[tuple[int, int, int]]:
    """Every colour of a PNG file, as (r, g, b)."""
    import matplotlib.image
    pixels = (matplotlib.image.imread(str(png))[..., :3] * 255).round().astype(int).reshape(-1, 3)
    return {tuple(int(v) for v in row) for row in np.unique(pixels, axis=0)}


@pytest.fixture(scope="module")
def result():
    game = Game(TUTORIAL, 0)
    return outcome(game, play(game, agents_for(TUTORIAL)))


def test_the_series_are_okabe_ito_colours_and_glossary_words():
    assert [s.key for s in SERIES] == ["now", "pledged", "projected"]
    assert [s.colour for s in SERIES] == ["#999999", "#0072B2", "#E69F00"]   # Okabe and Ito: grey, blue, orange
    assert "pledge" in GLOSSARY and "projected" in GLOSSARY
    assert PROJECTED.label(2035) == "projected 2035" and PLEDGED.label(2035) == "pledged"
    assert colour_key(2035) == "Grey: now; blue: pledged; orange: projected 2035"


def test_the_debrief_chart_draws_the_three_colours(tmp_path, result):
    from game.report.debrief.charts import draw_spending
    draw_spending(result, tmp_path / "spending.png")
    found = _colours(tmp_path / "spending.png")
    assert {_hex(s.colour) for s in SERIES} <= found


def test_batch_plot_draws_pledged_projected_and_now_in_the_same_colours(tmp_path):
    plots = tmp_path / "charts"
    assert main(["batch", "tutorial", "--runs", "3", "--json", "--plot", str(plots)]) == 0
    found = _colours(plots / "allies.png")
    assert {_hex(PLEDGED.colour), _hex(PROJECTED.colour), _hex(NOW.colour)} <= found


def test_the_briefing_bar_is_the_colour_of_now(tmp_path):
    from game.report.briefing import draw_chart
    draw_chart(TUTORIAL, TUTORIAL.ally("spain"), tmp_path / "chart.png")
    found = _colours(tmp_path / "chart.png")
    assert _hex(NOW.colour) in found and _hex(PLEDGED.colour) not in found


def test_the_window_outcome_uses_the_same_words_and_hues(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))
    from game.ui import look
    from game.ui.scenes import OutcomeScene
    scene = showing(computer_game(TUTORIAL, 0), OutcomeScene, seed=0).scene
    text = scene.text.html_text
    assert "Pledged: <b>" in text and "Projected 20" in text and "ommitted" not in text
    chart = scene.chart_image(600)
    drawn = {tuple(chart.get_at((x, y)))[:3] for x in range(chart.get_width()) for y in range(chart.get_height())}
    assert {s.rgb() for s in SERIES} <= drawn
    assert look.GOLD not in drawn      # the old "committed" yellow
    legend = scene.legend_image(600)
    shown = {tuple(legend.get_at((x, 10)))[:3] for x in range(legend.get_width())}
    assert {s.rgb() for s in SERIES} <= shown


def test_the_5_percent_line_is_a_headline_of_3_5_core_plus_1_5_related():
    from game.report.series import lines_note, reference_lines
    named = reference_lines((2.0, 3.5, 5.0))
    assert [line.label for line in named] == ["2%", "3.5% core", "5% headline"]
    assert [line.headline for line in named] == [False, False, True] and named[2].core_part == 3.5
    assert lines_note((2.0, 3.5, 5.0)) == ("lines: 2%, 3.5% core; 5% headline = 3.5% core + 1.5% related spending, "
                                           "which is not simulated (bars are core spending)")
    # without both 3.5% and 5% nothing is a headline (Madrid 2022 and Bucharest 2008 draw the 2% line alone)
    assert [(line.label, line.headline) for line in reference_lines((2.0,))] == [("2%", False)]
    assert [line.headline for line in reference_lines((2.0, 5.0))] == [False, False]

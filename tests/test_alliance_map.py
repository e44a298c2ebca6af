"""The alliance map: its shapes cover every ally of the bundled scenarios, the spending classes split at 2, 3.5
and 5%, it fits the table and the outcome at 1280x720 and 1920x1080, pointing, clicking and the keyboard reach
every ally, and an ally without a shape is listed beside the map instead of breaking it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from ui_support import frames, make_app, press

from game.play.session import Session
from game.report import alliance_map as data
from game.scenario import load_scenario
from game.scenario.catalogue import bundled_ids, resolve
from game.ui.layout import problems

ROOT = Path(__file__).resolve().parent.parent


def _user_assigned(code: str) -> bool:
    """ISO 3166-1 keeps AAA-AAZ, QMA-QZZ, XAA-XZZ and ZZA-ZZZ for users: fictional allies use them."""
    return code[:2] == "AA" or code[0] == "X" or code[:2] == "ZZ" or (code[0] == "Q" and code[1] >= "M")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path))
    return tmp_path


def test_every_ally_of_every_bundled_scenario_has_a_shape_france_and_norway_too():
    atlas = data.load_atlas()
    for scenario_id in bundled_ids():
        scenario = load_scenario(resolve(scenario_id))
        real = [ally for ally in scenario.allies if not _user_assigned(ally.iso3)]
        assert [a.iso3 for a in real if not atlas.has(a.iso3)] == [], scenario_id
    # Natural Earth's ISO_A3 is -99 for these two; the map keys them by their numeric codes 250 and 578
    with (ROOT / "tools" / "iso3166-1.csv").open(encoding="utf-8") as handle:
        codes = {row["numeric"]: row["alpha_3"] for row in csv.DictReader(l for l in handle if not l.startswith("#"))}
    assert codes["250"] == "FRA" and codes["578"] == "NOR"
    for iso3 in ("FRA", "NOR", "USA", "CAN", "ISL", "TUR", "LUX"):
        shape = next(s for s in atlas.shapes_of(iso3) if s.anchor is not None)
        x, y = shape.anchor
        assert 0 <= x <= atlas.width and 0 <= y <= atlas.height
    # North America is an inset beside Europe, both on the map
    assert {r.id for r in atlas.regions} == {"europe", "north_america"}
    assert [r.id for r in atlas.regions if r.inset] == ["north_america"]
    assert (ROOT / "assets" / "atlantic_map.json").stat().st_size < 200_000
    assert "Natural Earth" in json.loads((ROOT / "assets" / "atlantic_map.json").read_text())["source"]
    assert "Natural Earth" in (ROOT / "assets" / "LICENSES.md").read_text() and "world-atlas" in (
        ROOT / "assets" / "LICENSES.md").read_text()


def test_the_classes_split_at_2_35_and_5_percent_and_read_in_grey():
    key = lambda value: data.spending_class(value).key  # noqa: E731
    assert [key(v) for v in (0.0, 1.99, 2.0, 3.49, 3.5, 4.99, 5.0, 9.0)] == [
        "under_2", "under_2", "2_to_3.5", "2_to_3.5", "3.5_to_5", "3.5_to_5", "5_and_over", "5_and_over"]
    assert data.spending_class(None) is data.NO_FIGURE
    classes = data.CLASSES + (data.NO_FIGURE,)
    assert len({c.colour for c in classes}) == len({c.pattern for c in classes}) == len({c.label for c in classes}) == 5

    def grey(hex_colour):
        r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b
    greys = [grey(c.colour) for c in data.CLASSES]
    assert all(a - b > 25 for a, b in zip(greys, greys[1:]))   # more spending, darker: apart in grey print


def _finished(scenario_id: str, seed: int = 1) -> Session:
    session = Session(load_scenario(resolve(scenario_id)), seed, ())
    while not session.over:
        session.agent_move()
    return session


def _text_inside_and_apart(painter, image_size) -> list:
    """The texts drawn into the map's picture that leave it or overlap another."""
    import pygame
    bounds = pygame.Rect((0, 0), image_size)
    outside = [text for text, rect in painter.text_rects if not bounds.contains(rect)]
    overlapping = [(a, b) for i, (a, ra) in enumerate(painter.text_rects) for b, rb in painter.text_rects[i + 1:]
                   if ra.colliderect(rb)]
    return outside + overlapping


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_map_fits_the_table_and_the_outcome(size):
    from game.ui.app import App
    from game.ui.settings import Settings
    app = App(Settings(speed="instant", seed=1), size=size)
    scenario = load_scenario(resolve("hague_summit_2025"))
    app.start_session(Session(scenario, 1, ("sanchez",)), "sanchez")
    app.goto("TableScene")
    frames(app, 3)
    press(app, app.scene.map_button)
    table = app.scene
    assert table.map_panel is not None and not table.roster_box.visible
    assert problems(app.manager, app.size) == []
    image = table.map_panel.image.get_abs_rect()
    assert pygame_rect(0, 0, *app.size).contains(image) and image.width >= 0.38 * size[0]
    assert _text_inside_and_apart(table.map_panel.painter, image.size) == []
    assert any("under 2%" in text for text, _ in table.map_panel.painter.text_rects)
    assert table.map_panel.painter.map_rect.height >= 0.45 * image.height   # the map, not the legend, fills it
    # the outcome, with projected figures
    app.session = _finished("hague_summit_2025")
    app.goto("OutcomeScene")
    frames(app, 3)
    press(app, app.scene.map_toggle)
    outcome = app.scene
    assert outcome.map_panel is not None and outcome.map_panel.measure == "projected"
    assert problems(app.manager, app.size) == []
    assert _text_inside_and_apart(outcome.map_panel.painter, outcome.map_panel.image.get_abs_rect().size) == []
    press(app, outcome.map_toggle)
    assert app.scene.map_panel is None and app.scene.chart_box.visible


def pygame_rect(*args):
    import pygame
    return pygame.Rect(*args)


def test_pointing_clicking_and_the_keyboard_reach_the_allies():
    import pygame
    from game.ui import driver
    app = make_app()
    scenario = load_scenario(resolve("hague_summit_2025"))
    app.start_session(Session(scenario, 1, ("sanchez",)), "sanchez")
    app.goto("TableScene")
    frames(app, 3)
    driver.key(pygame.K_m)
    frames(app, 3)
    panel = app.scene.map_panel
    assert panel is not None and panel.pointed == "spain"          # your own country first
    assert panel.line.text.startswith("Spain: now 1.28%")
    atlas = panel.painter.atlas
    image = panel.image.get_abs_rect()

    def at(iso3):
        x, y = panel.painter.point(*atlas.anchor(iso3))
        return image.x + x, image.y + y
    # hovering names the ally and its figures
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=at("POL"), rel=(0, 0), buttons=(0, 0, 0)))
    frames(app, 2)
    assert panel.pointed == "poland" and panel.line.text.startswith("Poland: now ")
    # a click selects it: the roster marks the same ally
    driver.click_at(at("FRA"))
    frames(app, 3)
    assert app.selected_ally == "france" and panel.line.text.startswith("✓ France")
    # Left and Right step west and east; Enter on the map's line (reached with Tab) selects
    driver.key(pygame.K_RIGHT)
    frames(app, 2)
    east = panel.pointed
    assert east != "france" and atlas.anchor(next(f.iso3 for f in panel.figures if f.id == east))[0] >= \
        atlas.anchor("FRA")[0]
    for _ in range(40):
        if app.focus.current is panel.line:
            break
        driver.key(pygame.K_TAB)
        frames(app, 1)
    assert app.focus.current is panel.line
    driver.key(pygame.K_RETURN)
    frames(app, 3)
    assert app.selected_ally == east
    # small allies get a marker that a click finds too
    driver.click_at(at("LUX"))
    frames(app, 3)
    assert app.selected_ally == "luxembourg"
    driver.key(pygame.K_m)
    frames(app, 3)
    assert app.scene.map_panel is None and app.scene.roster_box.visible
    # the roster, back, is scrolled to the ally selected on the map (Luxembourg spends little: far down)
    assert app.scene.roster_box.vert_scroll_bar.start_percentage > 0.5
    # and the other way: a click on a row of the roster selects that ally, on the map too
    app.scene.roster_box.vert_scroll_bar.set_scroll_from_start_percentage(0.0)
    frames(app, 2)
    first = app.scene.roster_rows()[0][1]
    box = app.scene.roster_box.get_abs_rect()
    driver.click_at((box.x + 60, box.y + 12))
    frames(app, 3)
    assert app.selected_ally == first.id != "luxembourg"
    driver.key(pygame.K_m)
    frames(app, 3)
    assert app.scene.map_panel.selected == first.id and app.scene.map_panel.line.text.startswith(f"✓ {first.name}")


def test_allies_without_a_shape_are_listed_beside_the_map_and_nothing_breaks():
    import pygame
    from game.ui.map_view import MapPainter
    pygame.display.init()
    pygame.font.init()
    figures = [data.AllyFigures("side_a", "Side A", "XAA", 2.0, 2.0, None, None),
               data.AllyFigures("typo", "Francia", "FRX", 1.5, 1.5, None, None),
               data.AllyFigures("spain", "Spain", "ESP", 1.28, 2.1, 2029, None)]
    painter = MapPainter((500, 560))
    image = painter.draw(figures, "now", selected="side_a", pointed="typo")
    texts = " ".join(text for text, _ in painter.text_rects)
    assert "Not on the map: Side A (XAA), Francia (FRX)" in texts and "under 2%: Spain" in texts
    assert image.get_size() == (500, 560)
    assert painter.ally_at(painter.point(*painter.atlas.anchor("ESP"))) == "spain"
    assert painter.ally_at((0, image.get_height() - 1)) is None


def test_the_demo_shows_the_map_at_the_table_and_at_the_outcome(tmp_path):
    from game.ui.app import App
    from game.ui.driver import DemoPilot
    from game.ui.scenes import TitleScene
    from game.ui.settings import Settings
    from ui_support import until
    app = App(Settings(speed="instant", seed=1), size=(1280, 720),
              autopilot=DemoPilot(resolve("tutorial"), None, fast=True), screenshots=tmp_path)
    app.demo = True
    app.show(TitleScene(app))
    until(app, lambda: not app.running, limit=20000, what="the end of the demo")
    app.screenshot()
    names = [path.stem.split("-", 1)[1] for path in app.shots]
    assert names[4:7] == ["table", "table-map", "table"] and names[-3:] == ["outcome-map", "outcome-questions", "outcome"]
    assert not app.allies_map   # the tables after the first show the roster again


def test_make_map_builds_the_map_from_topojson_keyed_by_numeric_codes(tmp_path, monkeypatch):
    """tools/make_map.py on a small TopoJSON: countries named through the ISO table (France by its numeric
    code 250, as world-atlas keys it), projected, clipped, North America put in the inset; the result loads."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_map", ROOT / "tools" / "make_map.py")
    make_map = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_map)
    monkeypatch.setattr(make_map, "REGIONS", {
        "north_america": {"name": "North America", "centre": (50.0, -100.0), "members": ("USA",),
                          "box": (24.0, 72.0, -168.0, -52.0)},
        "europe": {"name": "Europe", "centre": (52.0, 10.0), "members": ("FRA", "ISL"),
                   "box": (34.5, 71.5, -25.0, 45.0), "pad_west_km": 1500.0}})

    def square(lon, lat, size):   # one closed arc, quantised with scale 0.01 degree, delta-encoded
        corners = [(lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat)]
        points = [(round(x * 100), round(y * 100)) for x, y in corners]
        return [points[0]] + [(b[0] - a[0], b[1] - a[1]) for a, b in zip(points, points[1:])]
    topology = {"type": "Topology", "transform": {"scale": [0.01, 0.01], "translate": [0, 0]},
                "arcs": [square(-100, 35, 15), square(0, 44, 6), square(-22, 63.5, 7), square(4, 45, 30)],
                "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "id": "840", "properties": {"name": "United States"}},
                    {"type": "Polygon", "arcs": [[1]], "id": "250", "properties": {"name": "France"}},
                    {"type": "Polygon", "arcs": [[2]], "id": "352", "properties": {"name": "Iceland"}},
                    {"type": "Polygon", "arcs": [[3]], "id": "643", "properties": {"name": "Russia"}}]}}}
    built = make_map.build(topology, make_map.read_iso_table())
    path = tmp_path / "map.json"
    path.write_text(json.dumps(built), encoding="utf-8")
    atlas = data.load_atlas(path)
    assert {s.iso3 for s in atlas.shapes} >= {"USA", "FRA", "ISL", "RUS"}
    assert atlas.has("FRA") and atlas.has("USA") and not atlas.has("RUS")   # Russia: the setting, no anchor
    inset = next(r for r in atlas.regions if r.inset)
    usa = next(s for s in atlas.shapes_of("USA") if s.anchor)
    x, y, w, h = inset.box
    assert all(x <= px <= x + w and y <= py <= y + h for ring in usa.rings for px, py in ring)
    iceland = min(px for ring in atlas.shapes_of("ISL")[0].rings for px, _ in ring)
    assert x + w < iceland                                       # the inset stops short of Iceland
    assert all(0 <= px <= atlas.width and 0 <= py <= atlas.height
               for s in atlas.shapes for ring in s.rings for px, py in ring)   # Russia clipped to the frame


def test_a_click_on_a_window_over_the_map_is_not_a_click_on_the_map():
    from game.ui import driver
    app = make_app()
    scenario = load_scenario(resolve("hague_summit_2025"))
    app.start_session(Session(scenario, 1, ("sanchez",)), "sanchez")
    app.goto("TableScene")
    frames(app, 3)
    press(app, app.scene.map_button)
    press(app, app.scene.help_button)          # the terms, a window over the middle of the screen
    terms = app.scene.terms.get_abs_rect()
    panel = app.scene.map_panel
    image = panel.image.get_abs_rect()
    spot = next((x, y) for x in range(terms.x + 5, image.right, 7) for y in range(terms.y + 40, image.bottom, 7)
                if panel.painter.ally_at((x - image.x, y - image.y)) is not None)
    driver.click_at(spot)
    frames(app, 3)
    assert app.selected_ally is None


def test_the_line_over_the_map_says_every_figure_whole_in_a_narrow_panel():
    """The verification play-through: on the outcome's map, France's line ended 'projected 2035…' at 1280x720.
    A line too narrow for the whole says the same in fewer characters; no figure is cut."""
    import pygame

    from game.ui import look
    pygame.init()
    france = data.AllyFigures("france", "France", "FRA", 2.06, 2.06, 2030, 2.31, 2035)
    assert france.describe() == "France: now 2.06% · pledged 2.06% by 2030 · projected 2035 2.31%"
    assert france.describe(1) == "France: 2.06% now · 2.06% by 2030 · 2.31% in 2035"
    assert france.describe(2) == "France: 2.1% → 2.3% (2035)"
    face = look.font(15)
    for room in (560, 420, 300, 230):
        said = look.first_fitting(tuple(france.describe(short) for short in (0, 1, 2)), face, room)
        assert "…" not in said and face.size(said)[0] <= room, (room, said)

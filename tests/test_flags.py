"""The allies' flags: every bundled ally has one, they render at any height, and a missing or
broken file gives None instead of an exception."""

from __future__ import annotations

import os
import re

import pytest

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.scenario.catalogue import bundled_ids, check  # noqa: E402
from game.ui import flags  # noqa: E402


@pytest.fixture(autouse=True)
def fresh_cache():
    # A surface cached under a monkeypatched FLAGS_DIR must not leak into other tests.
    flags.flag.cache_clear()
    yield
    flags.flag.cache_clear()


def bundled_codes() -> list[str]:
    codes = set()
    for scenario_id in bundled_ids():
        checked = check(scenario_id)
        assert checked.scenario is not None, f"{scenario_id} does not load: {checked}"
        if checked.scenario.is_bilateral:  # fictional sides (user-assigned ISO codes), never shown in the window
            continue
        codes.update(ally.iso3 for ally in checked.scenario.allies)
    return sorted(codes)


def test_there_are_bundled_allies():
    codes = bundled_codes()
    assert len(codes) >= 32
    assert {"USA", "DEU", "ESP"} <= set(codes)


@pytest.mark.parametrize("height", [18, 48])
@pytest.mark.parametrize("iso3", bundled_codes())
def test_every_bundled_ally_has_a_flag(iso3, height):
    assert flags.has_flag(iso3)
    surface = flags.flag(iso3, height)
    assert surface is not None, f"no flag for {iso3}"
    assert surface.get_size() == (round(height * 4 / 3), height)
    # Not blank, not a black box: opaque in the middle and more than one colour across it.
    width = surface.get_width()
    assert surface.get_at((width // 2, height // 2)).a == 255
    samples = {tuple(surface.get_at((x, y)))[:3] for x in range(0, width, 2) for y in range(0, height, 2)}
    assert len(samples) >= 2, f"{iso3} renders as one flat colour"
    assert samples != {(0, 0, 0)}


def test_every_height_gives_the_exact_size():
    # load_sized_svg alone returns 324x244 for a 4:3 file at height 243.
    for height in range(1, 260):
        surface = flags.flag("BEL", height)
        assert surface is not None and surface.get_size() == (round(height * 4 / 3), height), height


def test_a_file_that_is_not_4_by_3_is_fitted(tmp_path, monkeypatch):
    (tmp_path / "ESP.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><path fill="#0000ff" d="M0 0h100v100H0z"/></svg>'
    )
    monkeypatch.setattr(flags, "FLAGS_DIR", tmp_path)
    surface = flags.flag("ESP", 30)
    assert surface is not None and surface.get_size() == (40, 30)
    # Stretched to fill the width, not letterboxed (smoothscale softens only the outermost pixels).
    for x in (2, 20, 37):
        colour = surface.get_at((x, 15))
        assert colour.b > 240 and colour.a > 240 and colour.r < 10, (x, colour)


def test_ukraine_is_blue_over_yellow():
    surface = flags.flag("UKR", 24)
    assert surface is not None
    top, bottom = surface.get_at((16, 3)), surface.get_at((16, 20))
    assert top.b > 150 and top.r < 80
    assert bottom.r > 200 and bottom.g > 180 and bottom.b < 80


def test_usa_has_its_stars():
    # The stars were <marker>s upstream, which nanosvg drops: the canton would be plain blue.
    surface = flags.flag("USA", 96)
    assert surface is not None
    canton = [surface.get_at((x, y)) for x in range(4, 52) for y in range(4, 48)]
    assert sum(1 for c in canton if min(c.r, c.g, c.b) > 200) > 40


# What SDL_image's nanosvg knows without NSVG_ALL_COLOR_KEYWORDS; any other name renders grey.
NANOSVG_COLOUR_NAMES = {"red", "green", "blue", "yellow", "cyan", "magenta", "black", "grey", "gray", "white", "none"}


@pytest.mark.parametrize("path", sorted(flags.FLAGS_DIR.glob("*.svg")), ids=lambda p: p.stem)
def test_svg_uses_only_what_nanosvg_draws(path):
    text = path.read_text(encoding="utf-8")
    assert "<use" not in text, "nanosvg ignores <use>: inline the referenced element"
    assert "marker" not in text, "nanosvg ignores markers: expand them into paths"
    names = set(re.findall(r'(?:fill|stroke|stop-color)\s*[=:]\s*"?([A-Za-z]+)\b', text))
    assert names <= NANOSVG_COLOUR_NAMES, f"colour names nanosvg renders grey: {names - NANOSVG_COLOUR_NAMES}"


def test_codes_are_case_insensitive_and_cached():
    assert flags.flag("esp", 18) is not None
    assert flags.flag("ESP", 18) is flags.flag("ESP", 18)


@pytest.mark.parametrize("code", ["XXX", "ZZZ", "", "ES", "ESPA", "../flags/ESP", "E/P"])
def test_unknown_code_gives_none(code):
    assert not flags.has_flag(code)
    assert flags.flag(code, 18) is None


def test_non_positive_height_gives_none():
    assert flags.flag("ESP", 0) is None
    assert flags.flag("ESP", -5) is None


@pytest.mark.parametrize("junk", [os.urandom(512), b"", b"not an svg at all", b"\x89PNG\r\n\x1a\n\x00\x01"])
def test_damaged_svg_gives_none(tmp_path, monkeypatch, junk):
    (tmp_path / "ESP.svg").write_bytes(junk)
    monkeypatch.setattr(flags, "FLAGS_DIR", tmp_path)
    assert flags.has_flag("ESP")  # the file is there: None must come from the failed load
    assert flags.flag("ESP", 18) is None


def test_monkeypatched_dir_is_used(tmp_path, monkeypatch):
    # Guards the damaged-file test: FLAGS_DIR is read at call time, so a good file there loads.
    (tmp_path / "ESP.svg").write_bytes((flags.FLAGS_DIR / "UKR.svg").read_bytes())
    monkeypatch.setattr(flags, "FLAGS_DIR", tmp_path)
    surface = flags.flag("ESP", 24)
    assert surface is not None
    assert surface.get_at((16, 3)).b > 150  # Ukraine's blue, not Spain's red


def test_loads_with_a_dummy_window():
    started_here = not pygame.display.get_init()
    if started_here:
        pygame.display.init()
    try:
        if pygame.display.get_surface() is None:
            pygame.display.set_mode((1, 1))
        surface = flags.flag("GBR", 18)
        assert surface is not None
        assert surface.get_size() == (24, 18)
    finally:
        if started_here:
            pygame.display.quit()


def test_licence_is_there_and_mit():
    licence = flags.FLAGS_DIR / "LICENSE-flag-icons.txt"
    assert licence.is_file()
    text = licence.read_text(encoding="utf-8")
    assert "MIT License" in text
    assert "Panayiotis Lipiridis" in text


def test_flags_folder_stays_small():
    total = sum(path.stat().st_size for path in flags.FLAGS_DIR.rglob("*") if path.is_file())
    assert 0 < total < 600 * 1024, f"assets/flags is {total} bytes"

"""The printed briefings in a real browser (headless Chromium, tests/browser_support.py): every chart image
loads, no text is cut off or runs past an A4 page's right edge, and each role's briefing prints on one A4 page
(docs/teachers-guide.md promises it). The harness itself is checked on a small page made to fail.

Without Chromium these tests skip, unless SUMMIT_REQUIRE_BROWSER=1 (.ci/run sets it, and installs Debian's
chromium package): then they fail.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from browser_support import chromium, count_pdf_pages, pdf_pages, render
from game.report.briefing import briefing
from game.scenario.catalogue import bundled_dir, check
from game.cli import main

# Every role of the large scenario (33: the chair, the US, 31 allies, Iceland without armed forces and so
# without a chart) and of the tutorial.
SAMPLES = {
    "rutte_washington_2025": None,                        # all of them
    "tutorial": None,
}


def _scenario(scenario_id: str):
    return check(str(bundled_dir() / f"{scenario_id}.yaml")).scenario


def _cases() -> list[tuple[str, str]]:
    cases = []
    for scenario_id, sample in SAMPLES.items():
        leaders = [leader.id for leader in _scenario(scenario_id).leaders]
        assert set(sample or leaders) <= set(leaders), f"{scenario_id}: no such leaders in the sample"
        cases += [(scenario_id, leader_id) for leader_id in sample or leaders]
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def browser() -> str:
    """Chromium, found before any briefing is written: skip (or fail, in CI) at once without it."""
    return chromium()


@pytest.fixture(scope="module")
def briefings(browser, tmp_path_factory):
    """The folder of `summit brief SCENARIO` for each scenario, written once for the module."""
    written: dict[str, Path] = {}

    def folder(scenario_id: str) -> Path:
        if scenario_id not in written:
            out = tmp_path_factory.mktemp(scenario_id) / "briefings"
            assert main(["brief", scenario_id, "--out", str(out)]) == 0
            written[scenario_id] = out
        return written[scenario_id]

    return folder


@pytest.mark.parametrize("scenario_id, leader_id", CASES, ids=[f"{s}-{l}" for s, l in CASES])
def test_role_briefing_renders_on_one_a4_page(briefings, scenario_id, leader_id, tmp_path):
    scenario = _scenario(scenario_id)
    page = briefings(scenario_id) / f"{leader_id}.html"
    rendering = render(page, tmp_path)
    expected_chart = briefing(scenario, scenario.leader(leader_id)).chart
    assert not rendering.broken_images, rendering.describe()
    assert rendering.loaded_images == ([expected_chart] if expected_chart else []), rendering.describe()
    assert not rendering.cut_off, rendering.describe()
    assert rendering.scroll_width <= rendering.page_width, rendering.describe()
    assert rendering.pages == 1, f"{page} prints to {rendering.pages} A4 pages; the guide promises one"


@pytest.mark.parametrize("scenario_id", list(SAMPLES))
def test_index_renders(briefings, scenario_id, tmp_path):
    page = briefings(scenario_id) / "index.html"
    rendering = render(page, tmp_path)
    assert not rendering.broken_images, rendering.describe()
    assert not rendering.cut_off, rendering.describe()
    assert rendering.scroll_width <= rendering.page_width, rendering.describe()
    assert rendering.pages >= 1                      # the index of 33 roles may run longer than two pages


@pytest.mark.parametrize("scenario_id", list(SAMPLES))
@pytest.mark.parametrize("sheet", ["observer-press", "observer-parliament"])
def test_observer_worksheets_print_on_one_a4_page(briefings, scenario_id, sheet, tmp_path):
    page = briefings(scenario_id) / f"{sheet}.html"
    rendering = render(page, tmp_path)
    assert not rendering.cut_off, rendering.describe()
    assert rendering.scroll_width <= rendering.page_width, rendering.describe()
    assert rendering.pages == 1, f"{page} prints to {rendering.pages} A4 pages; a worksheet is one page"


# ----- the harness itself: it must see what is wrong ------------------------------------------------------

def _png(width: int, height: int) -> bytes:
    """A grey PNG, written by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>harness check</title>
<style>@page {{ size: A4; margin: 15mm }} body {{ max-width: 180mm; margin: 0 auto; font: 11pt sans-serif }}</style>
</head><body>
<h1>A page</h1>
<p>Some ordinary text that wraps as it should, well inside the page.</p>
<img src="charts/good.png" alt="a chart that exists">
{extra}
</body></html>
"""
BROKEN = """<img src="charts/missing.png" alt="a chart that was never written">
<div id="wide" style="white-space: nowrap">{long}</div>
<div id="clipped" style="width: 40mm; height: 6mm; overflow: hidden">{short}</div>"""


@pytest.fixture
def handmade(tmp_path) -> Path:
    (tmp_path / "site" / "charts").mkdir(parents=True)
    (tmp_path / "site" / "charts" / "good.png").write_bytes(_png(40, 20))
    return tmp_path / "site"


def test_harness_passes_a_clean_page(handmade, tmp_path):
    page = handmade / "clean.html"
    page.write_text(PAGE.format(extra=""), encoding="utf-8")
    rendering = render(page, tmp_path)
    assert rendering.loaded_images == ["charts/good.png"]
    assert not rendering.broken_images and not rendering.cut_off, rendering.describe()
    assert rendering.page_width == 794                  # A4 at 96 dpi
    assert sorted(p.name for p in handmade.iterdir()) == ["charts", "clean.html"]   # the copy is gone
    assert rendering.pages == pdf_pages(page, tmp_path) == 1


def test_harness_reports_a_missing_image_and_text_cut_off(handmade, tmp_path):
    page = handmade / "broken.html"
    extra = BROKEN.format(long="unbreakable " * 60, short="clipped text " * 30)
    page.write_text(PAGE.format(extra=extra), encoding="utf-8")
    rendering = render(page, tmp_path)
    assert rendering.broken_images == ["charts/missing.png"], rendering.describe()
    assert rendering.loaded_images == ["charts/good.png"]
    wide = [c for c in rendering.cut_off if c["element"] == "div#wide"]
    assert wide and "past the page" in wide[0]["reason"], rendering.describe()
    assert rendering.scroll_width > rendering.page_width
    clipped = [c for c in rendering.cut_off if c["element"] == "div#clipped"]
    assert clipped and "clipped" in clipped[0]["reason"], rendering.describe()
    assert {c["element"] for c in rendering.cut_off} == {"div#wide", "div#clipped"}, rendering.describe()


def test_harness_reports_text_wider_than_the_body_but_inside_the_window(handmade, tmp_path):
    # 180mm of body in a 210mm window: text a little wider than the body still fits the window, but not the
    # printed page's 180mm between its margins.
    page = handmade / "slightly-wide.html"
    page.write_text(PAGE.format(extra='<div id="w" style="width: 195mm">' + "text that wraps " * 40 + "</div>"),
                    encoding="utf-8")
    rendering = render(page, tmp_path)
    assert [c["element"] for c in rendering.cut_off] == ["div#w"], rendering.describe()
    assert "past the body's box" in rendering.cut_off[0]["reason"]


def test_harness_counts_printed_pages(handmade, tmp_path):
    page = handmade / "three.html"
    breaks = '<p style="break-before: page">another page</p>' * 2
    page.write_text(PAGE.format(extra=breaks), encoding="utf-8")
    assert render(page, tmp_path).pages == pdf_pages(page, tmp_path) == 3


def test_pdf_page_count_reads_page_objects_and_the_page_tree():
    pdf = b"%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R] /Count 2>>\n2 0 obj <</Type /Page>>\n3 0 obj <</Type/Page/Parent 1 0 R>>"
    assert count_pdf_pages(pdf) == 2
    assert count_pdf_pages(b"%PDF-1.5\n1 0 obj <</Type /Pages /Count 4 /Kids [...]>>") == 4    # compressed objects

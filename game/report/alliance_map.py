"""The alliance map's data, shared by every renderer (the window's map view, the debrief's map.png): the
country shapes, the spending classes around the 2, 3.5 and 5% lines with their colours and patterns, and each
ally's figures (now, pledged, projected).

The shapes are assets/atlantic_map.json, made by hand with tools/make_map.py from Natural Earth (public
domain; see assets/LICENSES.md): Europe fills the map and North America is an inset in its top left corner,
both in one frame of integer units (x right, y down), so a renderer scales one box to its own. An ally is
found by its ISO 3166-1 alpha-3 code; one whose code has no shape (a fictional scenario's XAA, a user's
typo) is listed beside the map by `missing`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..i18n import _

ATLAS_PATH = Path(__file__).resolve().parent.parent / "assets" / "atlantic_map.json"

LINES = (2.0, 3.5, 5.0)   # the old floor, the core target of The Hague (2025), and the headline 5%


@dataclass(frozen=True)
class SpendingClass:
    """One colour of the map: spending from `low` (included) up to `high` (excluded), % of GDP."""
    key: str
    label: str                 # as the legend says it: "2–3.5%"
    low: float | None
    high: float | None
    colour: str                # the fill, "#rrggbb"
    ink: str                   # the colour of the pattern drawn over the fill
    pattern: str               # "hatch" (///), "plain", "dots", "cross" (xx) or "lines" (horizontal)
    hatch: str                 # the same pattern as matplotlib's hatch string


# Viridis (Nathan Smith and Stéfan van der Walt, matplotlib's default): ordered by lightness, so the classes
# read in grey print and with any colour vision; more spending, darker. The patterns tell the classes apart
# again where a washed-out projector or a grey copy loses the colours.
CLASSES = (
    SpendingClass("under_2", "under 2%", None, 2.0, "#fde725", "#4d4500", "hatch", "////"),
    SpendingClass("2_to_3.5", "2–3.5%", 2.0, 3.5, "#5ec962", "#1d4d20", "plain", ""),
    SpendingClass("3.5_to_5", "3.5–5%", 3.5, 5.0, "#21918c", "#ffffff", "dots", ".."),
    SpendingClass("5_and_over", "5% and over", 5.0, None, "#3b528b", "#ffffff", "cross", "xx"),
)
NO_FIGURE = SpendingClass("none", "no figure", None, None, "#ffffff", "#7a7a7a", "lines", "--")

SEA, LAND, LAND_EDGE, MEMBER_EDGE, FRAME = "#ecf1f7", "#cdd1d7", "#ffffff", "#1f1f1f", "#7a8699"

MEASURES = ("now", "pledged", "projected")
MEASURE_TEXT = {"now": "spending now", "pledged": "pledged", "projected": "projected"}


def spending_class(value: float | None) -> SpendingClass:
    """The class of a spending figure (% of GDP): 2.0 is in "2–3.5%", 3.5 in "3.5–5%", 5.0 in "5% and over";
    None (an ally that reports none) is NO_FIGURE."""
    if value is None:
        return NO_FIGURE
    for spending in CLASSES:
        if spending.high is None or value < spending.high:
            return spending
    return CLASSES[-1]


@dataclass(frozen=True)
class AllyFigures:
    """What the map knows of one ally: % of GDP now, pledged (its pledge, never below now; now without one)
    and projected (None until the game is over, or when the ally reports no spending)."""
    id: str
    name: str
    iso3: str
    now: float | None
    pledged: float | None
    pledge_year: int | None
    projected: float | None
    projected_year: int | None = None

    def value(self, measure: str) -> float | None:
        return getattr(self, measure)

    def describe(self, short: int = 0) -> str:
        """One line for the map's label: "Spain: now 1.28% · pledged 2.10% by 2029 · projected 2035 1.90%";
        `short` 1 or 2 says the same in fewer characters, for a line too narrow for the whole ("Spain: 1.28% now ·
        2.10% by 2029 · 1.90% in 2035", then "Spain: 1.3% → 1.9% (2035)")."""
        if self.now is None:
            return f"{self.name}: reports no defence spending"
        if short >= 2 and self.projected is not None:
            return f"{self.name}: {self.now:.1f}% → {self.projected:.1f}%" + (f" ({self.projected_year})" if self.projected_year else "")
        parts = [f"now {self.now:.2f}%" if not short else f"{self.now:.2f}% now"]
        if self.pledge_year is not None:
            parts.append(f"{'pledged ' if not short else ''}{self.pledged:.2f}% by {self.pledge_year}")
        else:
            parts.append("no pledge")
        if self.projected is not None:
            if short:
                parts.append(f"{self.projected:.2f}% in {self.projected_year}" if self.projected_year
                             else f"{self.projected:.2f}% projected")
            else:
                parts.append(f"projected {self.projected_year} {self.projected:.2f}%" if self.projected_year
                             else f"projected {self.projected:.2f}%")
        return f"{self.name}: " + " · ".join(parts)


def figures_at_table(game, state) -> list[AllyFigures]:
    """Every ally's figures during a game: spending as events have left it and the national pledges made."""
    allies = game.scenario_now(state).allies
    found = []
    for ally in allies:
        now = ally.defence_pct_gdp if ally.reports_spending else None
        pledge = state.pledge(ally.id)
        pledged = max(pledge[0], now) if (pledge and now is not None) else now
        found.append(AllyFigures(ally.id, ally.name, ally.iso3, now, pledged, pledge[1] if pledge and now is not None
                                 else None, None))
    return found


def figures_of_outcome(scenario, outcome) -> list[AllyFigures]:
    """Every ally's figures at the end of a game (game/engine/outcome.py's AllyResult), with its ISO code."""
    codes = {ally.id: ally.iso3 for ally in scenario.allies}
    year = outcome.years[-1] if outcome.years else None
    return [AllyFigures(a.id, a.name, codes.get(a.id, ""), a.now, a.pledged, a.pledge_year, a.projected, year)
            for a in outcome.allies]


@dataclass(frozen=True)
class Shape:
    """One country in one region of the map: its rings (outer and holes alike, drawn even-odd) in map units;
    `anchor` (an ally's only) is a point well inside its largest piece."""
    iso3: str | None
    name: str
    region: str
    rings: tuple[tuple[tuple[int, int], ...], ...]
    anchor: tuple[int, int] | None
    area: float                # of the largest ring, square units


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    box: tuple[int, int, int, int]   # x, y, width, height in map units
    inset: bool


@dataclass(frozen=True)
class Atlas:
    width: int
    height: int
    regions: tuple[Region, ...]
    shapes: tuple[Shape, ...]

    def shapes_of(self, iso3: str) -> list[Shape]:
        return [shape for shape in self.shapes if shape.iso3 == iso3]

    def has(self, iso3: str) -> bool:
        """Whether the ally with this code is on the map (it has a shape with an anchor)."""
        return any(shape.anchor is not None for shape in self.shapes_of(iso3))

    def anchor(self, iso3: str) -> tuple[int, int] | None:
        return next((shape.anchor for shape in self.shapes_of(iso3) if shape.anchor is not None), None)

    def missing(self, allies: list[AllyFigures]) -> list[AllyFigures]:
        """The allies not on the map, to be listed beside it."""
        return [ally for ally in allies if not self.has(ally.iso3)]


def _area(ring) -> float:
    return abs(sum(ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1] for i in range(len(ring)))) / 2


@lru_cache(maxsize=4)
def load_atlas(path: Path = ATLAS_PATH) -> Atlas:
    """The map's shapes (read once). ValueError naming the file when it is not a map of format 1."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != 1:
            raise ValueError(f"format {data.get('format')!r}, expected 1")
        inset_ids = {r["id"] for r in data["regions"] if tuple(r["box"]) != (0, 0, data["width"], data["height"])}
        regions = tuple(Region(r["id"], r["name"], tuple(r["box"]), r["id"] in inset_ids) for r in data["regions"])
        shapes = []
        for s in data["shapes"]:
            rings = tuple(tuple(zip(ring[0::2], ring[1::2])) for ring in s["rings"])
            shapes.append(Shape(s["iso3"], s["name"], s["region"], rings,
                                tuple(s["anchor"]) if s.get("anchor") else None, _area(rings[0])))
        return Atlas(data["width"], data["height"], regions, tuple(shapes))
    except (OSError, KeyError, TypeError, IndexError, AttributeError, ValueError) as error:
        raise ValueError(f"{path}: not a map Summit can read ({error})") from error


def legend(measure: str, projected_year: int | None = None) -> str:
    """The map's title for a measure: "Defence spending now, % of GDP"."""
    sign = "%"   # a % is a field, never a message's word (series.percent_fields)
    if measure == "now":
        return _("Defence spending now, {percent_sign} of GDP").format(percent_sign=sign)
    if measure == "pledged":
        return _("Defence spending pledged (now, where no pledge), {percent_sign} of GDP").format(percent_sign=sign)
    if projected_year:
        return _("Defence spending projected for {year}, {percent_sign} of GDP").format(year=projected_year,
                                                                                      percent_sign=sign)
    return _("Defence spending projected, {percent_sign} of GDP").format(percent_sign=sign)

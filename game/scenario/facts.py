"""Objective threat: how exposed an ally was to Russia in a given year, from facts known at the time.

The facts are sourced data kept beside this module (data/threat_facts.csv: each ally's capital and its
borders with Russia and Belarus; data/russian_force.csv: Russia's uses of armed force near Europe, with a
place and a start date; data/SOURCES.md says where each came from). The formula (docs/model.md):

    threat = clip(BASE + LAND x land border with Russia or Belarus + SEA x sea border with Russia
                  + NEAR x exp(-km from the capital to the nearest use of force begun by that year / SCALE_KM)
                  + CLOSE x exp(-km from the capital to Moscow / SCALE_KM), 0, 1)

The constants are round numbers set before any backtest was run, the same for every ally. A scenario
that writes an ally's `threat` uses it as written; objective threat fills the value a scenario leaves out,
and is what the backtests' "objective threat" forecasts use.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
MOSCOW = (55.7520, 37.6178)   # GeoNames, as the capitals
EARTH_KM = 6371.0088          # mean Earth radius

BASE = 0.15       # every ally: Russia's nuclear and long-range forces reach all of them
LAND = 0.30       # a land border with Russia or Belarus
SEA = 0.10        # a maritime boundary with Russia
NEAR = 0.35       # Russian force used next door (at 0 km), fading with distance
CLOSE = 0.20      # Moscow next door (at 0 km), fading with distance
SCALE_KM = 1000.0


@dataclass(frozen=True)
class Exposure:
    iso3: str
    km_to_moscow: float
    km_to_force: float | None     # None: no use of force begun by that year
    force: str | None             # the episode's id
    land_border: bool
    sea_border: bool


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def _read_capitals() -> dict[str, dict[str, str]]:
    with open(DATA / "threat_facts.csv", newline="", encoding="utf-8") as handle:
        return {row["iso3"]: row for row in csv.DictReader(handle)}


def _read_episodes() -> tuple[tuple[str, int, float, float], ...]:
    with open(DATA / "russian_force.csv", newline="", encoding="utf-8") as handle:
        return tuple((row["id"], int(row["start_date"][:4]), float(row["lat"]), float(row["lon"]))
                     for row in csv.DictReader(handle))


# Read once, when the module is imported: checking a scenario file then opens no other file.
CAPITALS = _read_capitals()     # iso3 -> the row of threat_facts.csv
EPISODES = _read_episodes()     # (id, start year, lat, lon) per use of force


def known(iso3: str) -> bool:
    return iso3 in CAPITALS


def exposure(iso3: str, year: int) -> Exposure:
    """The facts about an ally (KeyError when there are none for its ISO code)."""
    row = CAPITALS[iso3]
    capital = (float(row["capital_lat"]), float(row["capital_lon"]))
    nearest = min(((km_between(capital, (lat, lon)), episode) for episode, start, lat, lon in EPISODES
                   if start <= year), default=(None, None))
    return Exposure(iso3, km_between(capital, MOSCOW), nearest[0], nearest[1],
                    row["land_border_russia"] == "yes" or row["land_border_belarus"] == "yes",
                    row["sea_border_russia"] == "yes")


def objective_threat(iso3: str, year: int) -> float:
    """Threat 0..1 from the facts of `year` (KeyError when there are none for the ISO code)."""
    facts = exposure(iso3, year)
    near = 0.0 if facts.km_to_force is None else NEAR * math.exp(-facts.km_to_force / SCALE_KM)
    value = (BASE + LAND * facts.land_border + SEA * facts.sea_border + near
             + CLOSE * math.exp(-facts.km_to_moscow / SCALE_KM))
    return round(min(max(value, 0.0), 1.0), 2)

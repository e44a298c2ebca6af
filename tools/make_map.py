"""Make assets/atlantic_map.json, the country shapes of the alliance map, from Natural Earth. Run by hand;
install, CI and play only read its output.

    npm pack world-atlas@2.0.2          # world-atlas-2.0.2.tgz: Natural Earth 4.1.0 as TopoJSON (ISC)
    python tools/make_map.py world-atlas-2.0.2.tgz

Steps: read countries-50m.json from the package (TopoJSON: shared borders stored once, as arcs, keyed by ISO
3166-1 numeric code); name each country by its alpha-3 code through tools/iso3166-1.csv (written from the
ISO 3166-1 list of Debian's iso-codes by `python tools/make_map.py --iso-table`); project every arc twice,
once per region, with a Lambert azimuthal equal-area projection centred on it (Europe, as EPSG:3035 does;
North America); simplify each arc (Douglas-Peucker, so neighbours keep one border and no slivers open);
close the rings, clip them to the region's frame and drop the islands too small to see; lay the two out in
one frame, Europe filling it (padded to the west for the room) and North America as an inset in its top
left corner, as wide as the room left of Iceland; write integer coordinates (x to the right, y down, 0..WIDTH
wide), so any screen scales one box to its own, and a point well inside each ally's largest piece.

Natural Earth gives France and Norway ISO_A3 -99 (their overseas parts); world-atlas keys them by their
numeric codes 250 and 578 all the same, which is what this script reads. Only standard library.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ISO_TABLE = ROOT / "tools" / "iso3166-1.csv"
OUT = ROOT / "assets" / "atlantic_map.json"
DEBIAN_ISO = Path("/usr/share/iso-codes/json/iso_3166-1.json")
SOURCE_FILE = "package/countries-50m.json"

WIDTH = 4000          # a region's frame is WIDTH units wide; its height follows its shape
TOLERANCE = 2.2       # simplification, in units (at WIDTH 4000: a fifth of a pixel when the region is 400 px)
MIN_AREA = 60.0       # square units: smaller islands are dropped (a country's largest piece never is)
R = 6371.0

# Each region: its centre (lat, lon) and the countries whose shapes set its frame (their parts inside the box
# of lat/lon given: Hawaii, the Aleutians past 180°, Svalbard, the Canaries and France's overseas departments
# stay out of the frame; the neighbours inside it are drawn as the setting).
REGIONS = {
    "north_america": {"name": "North America", "centre": (50.0, -100.0), "members": ("USA", "CAN"),
                      "box": (24.0, 72.0, -168.0, -52.0)},
    "europe": {"name": "Europe", "centre": (52.0, 10.0),
               "members": ("ALB", "BEL", "BGR", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GBR", "GRC", "HRV",
                           "HUN", "ISL", "ITA", "LTU", "LUX", "LVA", "MKD", "MNE", "NLD", "NOR", "POL", "PRT", "ROU",
                           "SVK", "SVN", "SWE", "TUR"),
               "box": (34.5, 71.5, -25.0, 45.0), "pad_west_km": 1500.0},
}
MARGIN = 0.03        # of the frame's width, around the members' box
INSET_GAP = 60        # units between the North America inset and Iceland (and the map's edge)


def write_iso_table(source: Path) -> None:
    """tools/iso3166-1.csv: numeric code, alpha-3 code and name of every ISO 3166-1 country, from the JSON of
    Debian's iso-codes package (pycountry ships the same file as databases/iso3166-1.json)."""
    rows = json.loads(source.read_text(encoding="utf-8"))["3166-1"]
    with ISO_TABLE.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"# ISO 3166-1 numeric and alpha-3 codes, from {source} (Debian package iso-codes, LGPL-2.1+;\n"
                     "# the codes themselves are ISO's). Written by `python tools/make_map.py --iso-table`.\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("numeric", "alpha_3", "name"))
        for row in sorted(rows, key=lambda r: r["numeric"]):
            writer.writerow((row["numeric"], row["alpha_3"], row["name"]))


def read_iso_table() -> dict[str, str]:
    with ISO_TABLE.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return {row["numeric"]: row["alpha_3"] for row in csv.DictReader(lines)}


def read_topology(package: Path) -> dict:
    if package.is_dir():
        return json.loads((package / Path(SOURCE_FILE).name).read_text(encoding="utf-8"))
    with tarfile.open(package) as archive:
        return json.load(archive.extractfile(SOURCE_FILE))


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as (lon, lat) points: TopoJSON stores them quantised and delta-encoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def laea(centre: tuple[float, float]):
    """Lambert azimuthal equal-area projection about centre (lat, lon): (lon, lat) -> (x km east, y km north)."""
    phi0, lam0 = math.radians(centre[0]), math.radians(centre[1])

    def project(lon: float, lat: float) -> tuple[float, float]:
        phi, lam = math.radians(lat), math.radians(lon) - lam0
        denominator = 1 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
        k = math.sqrt(2 / max(denominator, 1e-9))
        return (R * k * math.cos(phi) * math.sin(lam),
                R * k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam)))
    return project


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, keeping both ends (an arc's ends are where borders meet)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            distance = (abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length if length
                        else math.hypot(px - x1, py - y1))
            if distance > worst:
                worst, index = distance, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def clip(ring: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the ring cut to the box (left, top, right, bottom)."""
    x0, y0, x1, y1 = box
    def cut(points, inside, cross):
        out = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
        return out

    def at_x(x):
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    for inside, cross in ((lambda p: p[0] >= x0, at_x(x0)), (lambda p: p[0] <= x1, at_x(x1)),
                          (lambda p: p[1] >= y0, at_y(y0)), (lambda p: p[1] <= y1, at_y(y1))):
        ring = cut(ring, inside, cross)
        if not ring:
            break
    return ring


def area(ring) -> float:
    return abs(sum(ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1] for i in range(len(ring)))) / 2


def inside(point, ring) -> bool:
    x, y = point
    result = False
    for i in range(len(ring)):
        (x1, y1), (x2, y2) = ring[i - 1], ring[i]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def edge_distance(point, ring) -> float:
    x, y = point
    best = math.inf
    for i in range(len(ring)):
        (x1, y1), (x2, y2) = ring[i - 1], ring[i]
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy))) if dx or dy else 0.0
        best = min(best, math.hypot(x - x1 - t * dx, y - y1 - t * dy))
    return best


def anchor(ring) -> tuple[int, int]:
    """A point well inside the ring (the sample farthest from its edge): where a marker or a focus ring goes;
    a centroid can fall outside a long or bent country (Norway, Croatia)."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    best, best_distance = (sum(xs) / len(xs), sum(ys) / len(ys)), -1.0
    steps = 48
    for i in range(1, steps):
        for j in range(1, steps):
            point = (min(xs) + (max(xs) - min(xs)) * i / steps, min(ys) + (max(ys) - min(ys)) * j / steps)
            if inside(point, ring):
                distance = edge_distance(point, ring)
                if distance > best_distance:
                    best, best_distance = point, distance
    return round(best[0]), round(best[1])


def rings_of(geometry: dict) -> list[list[int]]:
    if geometry.get("type") == "Polygon":
        return list(geometry["arcs"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def frame_of(region: dict, geometries: list, arcs: list, numeric_to_alpha3: dict, project) -> tuple:
    """(left, top, scale) of the region's frame in km and units per km, and its height in units: the box of
    the members' points inside the region's lat/lon box, with a margin and the region's padding."""
    south, north, west, east = region["box"]
    xs, ys = [], []
    for g in geometries:
        if numeric_to_alpha3.get(g.get("id", "")) in region["members"]:
            for ring in rings_of(g):
                for index in ring:
                    for lon, lat in arcs[index if index >= 0 else ~index]:
                        if south <= lat <= north and west <= lon <= east:
                            x, y = project(lon, lat)
                            xs.append(x)
                            ys.append(y)
    margin = MARGIN * (max(xs) - min(xs))
    left, right = min(xs) - margin - region.get("pad_west_km", 0.0), max(xs) + margin
    top, bottom = max(ys) + margin, min(ys) - margin
    scale = WIDTH / (right - left)
    return left, top, scale, round((top - bottom) * scale)


def region_shapes(region_id: str, region: dict, geometries: list, arcs: list, numeric_to_alpha3: dict,
                  frame: tuple, factor: float, offset: tuple[float, float]) -> list[dict]:
    """The shapes of one region, clipped to its frame, drawn at `factor` of the frame's size at `offset` of
    the map."""
    project = laea(region["centre"])
    left, top, scale, height = frame

    def to_map(lon, lat):
        x, y = project(lon, lat)
        return offset[0] + (x - left) * scale * factor, offset[1] + (top - y) * scale * factor
    simplified = [simplify([to_map(lon, lat) for lon, lat in arc], TOLERANCE) for arc in arcs]
    box = (offset[0], offset[1], offset[0] + WIDTH * factor, offset[1] + height * factor)
    shapes = []
    for g in geometries:
        iso3 = numeric_to_alpha3.get(g.get("id", ""))
        rings = []
        for ring in rings_of(g):
            points: list[tuple[float, float]] = []
            for index in ring:
                arc = simplified[index] if index >= 0 else simplified[~index][::-1]
                points += arc[1:] if points else arc
            cut = clip(points[:-1], box)
            if len(cut) >= 3 and area(cut) > 0:
                rings.append(cut)
        if not rings:
            continue
        rings.sort(key=area, reverse=True)
        kept = [rings[0]] + [r for r in rings[1:] if area(r) >= MIN_AREA]
        member = iso3 in region["members"]
        if area(kept[0]) < MIN_AREA and not member:
            continue      # a sliver of a neighbour at the frame's edge
        shape = {"region": region_id, "iso3": iso3, "name": g.get("properties", {}).get("name", ""),
                 "rings": [[c for x, y in r for c in (round(x), round(y))] for r in kept]}
        if member:
            shape["anchor"] = list(anchor(kept[0]))
        shapes.append(shape)
    return shapes


def build(topology: dict, numeric_to_alpha3: dict[str, str]) -> dict:
    """The map: Europe fills it; North America is an inset in its top left corner, over the Atlantic, as
    large as the room left of Iceland allows."""
    arcs = decode_arcs(topology)
    geometries = topology["objects"]["countries"]["geometries"]
    members = {code for region in REGIONS.values() for code in region["members"]}
    named = {numeric_to_alpha3.get(g.get("id", "")) for g in geometries}
    missing = members - named
    if missing:
        raise SystemExit(f"make_map: no shape for {sorted(missing)} in {SOURCE_FILE}")
    europe, america = REGIONS["europe"], REGIONS["north_america"]
    europe_frame = frame_of(europe, geometries, arcs, numeric_to_alpha3, laea(europe["centre"]))
    america_frame = frame_of(america, geometries, arcs, numeric_to_alpha3, laea(america["centre"]))
    shapes = region_shapes("europe", europe, geometries, arcs, numeric_to_alpha3, europe_frame, 1.0, (0.0, 0.0))
    iceland = next(s for s in shapes if s["iso3"] == "ISL")
    room = min(iceland["rings"][0][0::2]) - INSET_GAP
    factor = room / WIDTH
    inset = (INSET_GAP / 2, INSET_GAP / 2)
    shapes += region_shapes("north_america", america, geometries, arcs, numeric_to_alpha3, america_frame,
                            factor, inset)
    width, height = WIDTH, europe_frame[3]
    regions = []
    for region_id, region, frame, f, (x, y) in (("north_america", america, america_frame, factor, inset),
                                                 ("europe", europe, europe_frame, 1.0, (0.0, 0.0))):
        centre = region["centre"]
        regions.append({"id": region_id, "name": region["name"],
                        "box": [round(x), round(y), round(WIDTH * f), round(frame[3] * f)],
                        "km_per_unit": round(1 / (frame[2] * f), 4),
                        "projection": f"Lambert azimuthal equal-area, centred on {centre[0]:g}°N "
                                      f"{abs(centre[1]):g}°{'W' if centre[1] < 0 else 'E'}"})
    return {"format": 1,
            "source": "Natural Earth 4.1.0 Admin 0 countries, 1:50m (public domain), as TopoJSON in the npm package "
                      "world-atlas 2.0.2 (ISC); ISO 3166-1 numeric to alpha-3 through tools/iso3166-1.csv; "
                      "made by tools/make_map.py",
            "width": width, "height": height, "regions": regions, "shapes": shapes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", nargs="?", type=Path, help="world-atlas-2.0.2.tgz (or its unpacked package/ folder)")
    parser.add_argument("--iso-table", nargs="?", const=DEBIAN_ISO, type=Path, metavar="ISO_3166-1_JSON",
                        help=f"write {ISO_TABLE.relative_to(ROOT)} from iso-codes' JSON (default {DEBIAN_ISO})")
    args = parser.parse_args(argv)
    if args.iso_table:
        write_iso_table(args.iso_table)
        print(f"wrote {ISO_TABLE.relative_to(ROOT)}")
        if args.package is None:
            return 0
    if args.package is None:
        parser.error("name the world-atlas package (npm pack world-atlas@2.0.2)")
    data = build(read_topology(args.package), read_iso_table())
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data['shapes'])} shapes, {len(text) / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The alliance map as a PNG (matplotlib, Agg backend): the debrief's map.png. The spending projected at the
end of the implementation years, large, over the spending now and pledged, side by side; each ally in the
colour and pattern of its class (game/report/alliance_map.py), the same as the window's map.
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import _, number
from . import alliance_map as data
from .charts import new_figure

MARKER_AREA = 50.0     # square points: an ally whose largest piece is smaller gets a round marker


def _path(shapes: list[data.Shape]):
    """One compound path of the shapes' rings (a class's allies are filled and patterned in one go)."""
    from matplotlib.path import Path as MplPath
    vertices, codes = [], []
    for shape in shapes:
        for ring in shape.rings:
            vertices += list(ring) + [ring[0]]
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 1) + [MplPath.CLOSEPOLY]
    return MplPath(vertices, codes)


def _draw(axes, atlas: data.Atlas, figures: list[data.AllyFigures], measure: str, title: str,
          points_per_unit: float) -> None:
    from matplotlib.patches import PathPatch, Rectangle
    # add_artist, not add_patch: the limits are set below, and add_patch's own would take most of the time
    on_map = {f.iso3: f for f in figures if atlas.has(f.iso3)}
    axes.add_artist(Rectangle((0, 0), atlas.width, atlas.height, facecolor=data.SEA, edgecolor="none", zorder=0))
    for region in sorted(atlas.regions, key=lambda r: r.inset):
        z = 10 if region.inset else 1
        if region.inset:
            x, y, w, h = region.box
            axes.add_artist(Rectangle((x, y), w, h, facecolor=data.SEA, edgecolor=data.FRAME, linewidth=0.6, zorder=z))
        shapes = [s for s in atlas.shapes if s.region == region.id]
        others = [s for s in shapes if s.iso3 not in on_map]
        members = [s for s in shapes if s.iso3 in on_map]
        if others:
            axes.add_artist(PathPatch(_path(others), facecolor=data.LAND, edgecolor=data.LAND_EDGE, linewidth=0.3,
                                      zorder=z + 1))
        for spending in data.CLASSES + (data.NO_FIGURE,):
            chosen = [s for s in members if data.spending_class(on_map[s.iso3].value(measure)) is spending]
            if chosen:
                # the pattern takes the patch's edge colour: the fill with its pattern, then the borders apart
                axes.add_artist(PathPatch(_path(chosen), facecolor=spending.colour, edgecolor=spending.ink,
                                          linewidth=0, hatch=spending.hatch or None, zorder=z + 2))
        if members:
            axes.add_artist(PathPatch(_path(members), facecolor="none", edgecolor=data.MEMBER_EDGE, linewidth=0.4,
                                      zorder=z + 3))
        small = [s for s in members if s.anchor is not None and s.area * points_per_unit ** 2 < MARKER_AREA]
        if small:
            axes.scatter([s.anchor[0] for s in small], [s.anchor[1] for s in small], s=22,
                         color=[data.spending_class(on_map[s.iso3].value(measure)).colour for s in small],
                         edgecolors=data.MEMBER_EDGE, linewidths=0.8, zorder=z + 4)
    axes.set_xlim(0, atlas.width)
    axes.set_ylim(atlas.height, 0)
    axes.set_aspect("equal")
    axes.set_axis_off()
    axes.set_title(title, fontsize=9, loc="left")


def class_label(spending) -> str:
    """A spending class's words in the language of the moment: "under 2%", "2–3.5%" ("moins de 2 %", "2–3,5 %")."""
    from .series import percent_fields

    levels = percent_fields()
    return {"under_2": lambda: _("under {two}").format(**levels),
            "2_to_3.5": lambda: f"{number(2)}–{levels['core']}",
            "3.5_to_5": lambda: f"{number(3.5, 1)}–{levels['headline']}",
            "5_and_over": lambda: _("{headline} and over").format(**levels),
            "none": lambda: _("no figure")}.get(spending.key, lambda: spending.label)()


def draw_map(scenario, outcome, path: Path) -> list[str]:
    """Write the map of the outcome's allies to `path`; returns the names of the allies not on the map (no
    shape for their code), for the caption."""
    from matplotlib.patches import Patch
    atlas = data.load_atlas()
    figures = data.figures_of_outcome(scenario, outcome)
    year = outcome.years[-1] if outcome.years else None
    width = 7.2
    big_h = width * atlas.height / atlas.width
    small_w = (width - 0.2) / 2
    small_h = small_w * atlas.height / atlas.width
    legend_h = 0.55
    height = 0.3 + big_h + 0.3 + small_h + legend_h
    figure = new_figure(width, height)
    top = 1 - 0.3 / height
    big = figure.add_axes((0, top - big_h / height, 1, big_h / height))
    _draw(big, atlas, figures, "projected", data.legend("projected", year), 72 * width / atlas.width)
    titles = {"now": _("Now"), "pledged": _("Pledged (now, where no pledge)")}
    row = top - (big_h + 0.3 + small_h) / height
    for index, measure in enumerate(("now", "pledged")):
        axes = figure.add_axes((index * (small_w + 0.2) / width, row, small_w / width, small_h / height))
        _draw(axes, atlas, figures, measure, titles[measure], 72 * small_w / atlas.width)
    present = {data.spending_class(f.value(m)).key for f in figures if atlas.has(f.iso3) for m in data.MEASURES}
    handles = [Patch(facecolor=c.colour, edgecolor=c.ink, hatch=c.hatch or None, label=class_label(c))
               for c in data.CLASSES + (data.NO_FIGURE,) if c in data.CLASSES or c.key in present]
    handles.append(Patch(facecolor=data.LAND, edgecolor="#999999", label=_("not in the game")))
    figure.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=8, frameon=False,
                  handlelength=2.4, handleheight=1.4, bbox_to_anchor=(0.5, 0.0))
    figure.savefig(path, format="png")
    return [f.name for f in atlas.missing(figures)]

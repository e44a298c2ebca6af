"""What the debrief's charts and `summit batch --plot`'s share: the palette and an empty figure in their style
(matplotlib's Agg backend: files only, never a window)."""

from __future__ import annotations

from ..i18n import _, language

# Okabe-Ito: told apart with any colour vision, and in grey print.
BLUE, ORANGE, GREY, VERMILION, BLACK, DARK = "#0072B2", "#E69F00", "#999999", "#D55E00", "#000000", "#333333"


def new_figure(width: float, height: float):
    """A matplotlib Figure of width x height inches at 150 dpi, drawn off-screen. Every text on it is drawn as
    written: a name, a label or a file name with a "$" in it never starts mathematical notation (mathtext, or
    TeX), which would fail on "$\\frac{$" or draw something else than what the file says."""
    import matplotlib
    matplotlib.use("Agg", force=True)
    # Read when each text is made, tick labels and legends included (made while the figure is saved): set for
    # the process, which draws nothing else with matplotlib.
    matplotlib.rcParams.update({"text.parse_math": False, "text.usetex": False})
    from matplotlib.figure import Figure
    return Figure(figsize=(width, height), dpi=150)


def tidy(axes) -> None:
    """No top or right frame, small tick labels."""
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8)


def draw_reference_lines(axes, lines: tuple[float, ...], label_y: float, fontsize: float = 8) -> bool:
    """The scenario's % of GDP lines on a chart of core spending (game/report/series.py names them): a core line
    dashed, a headline (5% = 3.5% core + 1.5% related) dotted with its related part as a hatched band, since
    the bars are core spending and related spending is not simulated. Labels sit at `label_y` (data units).
    Returns whether a headline was drawn, so the caller's note can say what the band is."""
    from .series import reference_lines

    headline = False
    for line in reference_lines(lines):
        if line.headline:
            headline = True
            axes.axvspan(line.core_part, line.value, facecolor="none", edgecolor=GREY, hatch="///", linewidth=0,
                         zorder=0)   # under the bars
        axes.axvline(line.value, color=DARK, linestyle=":" if line.headline else "--", linewidth=0.9)
        axes.text(line.value, label_y, line.label, ha="center", va="bottom", fontsize=fontsize)
    return headline


def headline_note() -> str:
    """What a chart's hatched band is, in the language of the moment."""
    from .series import percent_fields

    return _("hatched: the {related} of related spending in the {headline} headline, not simulated").format(
        **percent_fields())


def localize_ticks(axes, which: str = "x") -> None:
    """The axis's numbers with the language's decimal sign ("2.5" in English, "2,5" in French): matplotlib's
    own tick labels otherwise. English is left to matplotlib, as it always was."""
    if language() == "en":
        return
    from babel.numbers import get_decimal_symbol
    from matplotlib.ticker import ScalarFormatter

    decimal = get_decimal_symbol(language())

    class Localized(ScalarFormatter):
        def __call__(self, value, position=None):
            return super().__call__(value, position).replace(".", decimal)

    formatter = Localized()
    formatter.set_useOffset(False)
    (axes.xaxis if which == "x" else axes.yaxis).set_major_formatter(formatter)

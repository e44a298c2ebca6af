"""The spending chart's three series, named and coloured once for every chart that shows them: the window's
outcome screen, the debrief, `summit batch --plot` and the briefings (whose one bar is "now").

The words are the glossary's (game/report/glossary.py, "pledge" and "projected") and the keys of `summit run
--json`'s `allies`: now, pledged, projected. The colours are Okabe and Ito's, told apart with any colour vision
and in grey print: grey, blue, orange. Each series keeps its hue everywhere; the window's dark background
takes a lighter shade of it (`on_dark`), paper the darker one (`colour`). Charts also tell the series apart by
place (the bars of a row in this order) and by a legend, never by colour alone.

Pure data: the window (pygame) and the reports (matplotlib) each draw with it; it imports neither.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Series:
    """One series of the spending chart."""

    key: str            # the Outcome's attribute and the JSON key: "now", "pledged", "projected"
    word: str           # the legend's word
    colour: str         # on white: the debrief, the batch plots, the briefings
    on_dark: str        # on the window's dark background: the same hue, lighter
    colour_name: str    # the colour in words, for a chart's text description
    meaning: str        # what the series is, in a student's words

    def label(self, year: int | None = None) -> str:
        """The legend's words: "now", "pledged", "projected 2035" (the projection's year when given)."""
        return f"{self.word} {year}" if year is not None and self.key == "projected" else self.word

    def rgb(self, on_dark: bool = True) -> tuple[int, int, int]:
        """The colour as (red, green, blue) 0-255, for pygame."""
        text = (self.on_dark if on_dark else self.colour).lstrip("#")
        return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


NOW = Series("now", "now", "#999999", "#C8C8C8", "grey", "what the ally spends on defence today")
PLEDGED = Series("pledged", "pledged", "#0072B2", "#56B4E9", "blue",
                 "what the ally is bound to by a year: its own pledge, or the target agreed for it (with its "
                 "carve-out), whichever is higher")
PROJECTED = Series("projected", "projected", "#E69F00", "#E69F00", "orange",
                   "what the ally is expected to really spend at the end of the scenario's years")
SERIES = (NOW, PLEDGED, PROJECTED)


def colour_key(year: int | None = None) -> str:
    """The colours in words, for a chart's caption: "Grey: now; blue: pledged; orange: projected 2035"."""
    return "; ".join(f"{s.colour_name}: {s.label(year)}" for s in SERIES).capitalize()


# ----- the reference lines ---------------------------------------------------------------------------------

CORE_TARGET, HEADLINE, RELATED = 3.5, 5.0, 1.5   # The Hague (2025): 5% of GDP = 3.5% core + up to 1.5% related


@dataclass(frozen=True)
class ReferenceLine:
    """One % of GDP line of a spending chart. The charts show core defence spending only, so a headline that
    adds related spending (The Hague's 5% = 3.5% core + 1.5% related) is drawn apart from the core lines: the
    band from the core target up to it is the related spending, which Summit does not simulate."""

    value: float
    label: str            # on the chart: "2%", "3.5% core", "5% headline"
    headline: bool = False

    @property
    def core_part(self) -> float | None:
        """Where the core part of a headline ends (3.5 for 5%); None for a core line."""
        return self.value - RELATED if self.headline else None


def reference_lines(lines: tuple[float, ...]) -> tuple[ReferenceLine, ...]:
    """The scenario's lines (Scenario.reference_lines) named: when they hold both 3.5% and 5%, 3.5% is the core
    target and 5% the headline (3.5% core + 1.5% related); any other line is a core line."""
    split = any(abs(v - CORE_TARGET) < 1e-9 for v in lines) and any(abs(v - HEADLINE) < 1e-9 for v in lines)
    named = []
    for value in lines:
        if split and abs(value - HEADLINE) < 1e-9:
            named.append(ReferenceLine(value, f"{value:g}% headline", True))
        elif split and abs(value - CORE_TARGET) < 1e-9:
            named.append(ReferenceLine(value, f"{value:g}% core"))
        else:
            named.append(ReferenceLine(value, f"{value:g}%"))
    return tuple(named)


def lines_note(lines: tuple[float, ...]) -> str:
    """The lines in words for a chart's note: "lines: 2%, 3.5% core; 5% headline = 3.5% core + 1.5% related
    spending, which is not simulated (bars are core spending)"."""
    named = reference_lines(lines)
    text = "lines: " + ", ".join(line.label for line in named if not line.headline)
    for line in named:
        if line.headline:
            text += (f"; {line.value:g}% headline = {line.core_part:g}% core + {RELATED:g}% related spending, "
                     "which is not simulated (bars are core spending)")
    return text

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

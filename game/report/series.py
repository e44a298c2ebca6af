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

from ..i18n import N_, _, LazyText, percent


@dataclass(frozen=True)
class Series:
    """One series of the spending chart."""

    key: str            # the Outcome's attribute and the JSON key: "now", "pledged", "projected"
    word: LazyText      # the legend's word (in the language it is shown in)
    colour: str         # on white: the debrief, the batch plots, the briefings
    on_dark: str        # on the window's dark background: the same hue, lighter
    colour_name: LazyText   # the colour in words, for a chart's text description
    meaning: LazyText   # what the series is, in a student's words

    def label(self, year: int | None = None) -> str:
        """The legend's words: "now", "pledged", "projected 2035" (the projection's year when given)."""
        if year is not None and self.key == "projected":
            return _("projected {year}").format(year=year)
        return str(self.word)

    def rgb(self, on_dark: bool = True) -> tuple[int, int, int]:
        """The colour as (red, green, blue) 0-255, for pygame."""
        text = (self.on_dark if on_dark else self.colour).lstrip("#")
        return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


NOW = Series("now", N_("now"), "#999999", "#C8C8C8", N_("grey"), N_("what the ally spends on defence today"))
PLEDGED = Series("pledged", N_("pledged"), "#0072B2", "#56B4E9", N_("blue"),
                 N_("what the ally is bound to by a year: its own pledge, or the target agreed for it (with its "
                    "carve-out), whichever is higher"))
PROJECTED = Series("projected", N_("projected"), "#E69F00", "#E69F00", N_("orange"),
                   N_("what the ally is expected to really spend at the end of the scenario's years"))
SERIES = (NOW, PLEDGED, PROJECTED)


def colour_key(year: int | None = None) -> str:
    """The colours in words, for a chart's caption: "Grey: now; blue: pledged; orange: projected 2035"."""
    return _("{now_colour}: {now}; {pledged_colour}: {pledged}; {projected_colour}: {projected}").format(
        now_colour=NOW.colour_name, now=NOW.label(year), pledged_colour=PLEDGED.colour_name,
        pledged=PLEDGED.label(year), projected_colour=PROJECTED.colour_name, projected=PROJECTED.label(year)
    ).capitalize()


# ----- the reference lines ---------------------------------------------------------------------------------

CORE_TARGET, HEADLINE, RELATED = 3.5, 5.0, 1.5   # The Hague (2025): 5% of GDP = 3.5% core + up to 1.5% related


def percent_fields() -> dict[str, str]:
    """The percentages texts name, as fields written in the language of the moment: {two} "2%", {core} "3.5%",
    {related} "1.5%", {headline} "5%" ("3,5 %" in French). A percentage is a field, never in a message's own
    words: gettext's tools read a "% of" there as a printf placeholder and refuse the translation."""
    return {"two": percent(2, 0), "core": percent(CORE_TARGET), "related": percent(RELATED),
            "headline": percent(HEADLINE, 0)}


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


def short_percent(points: float) -> str:
    """A percentage with the decimals it needs and no more, as format's g writes it: "2%", "3.5%" ("3,5 %")."""
    text = f"{points:g}"
    return percent(points, len(text.partition(".")[2]))


def reference_lines(lines: tuple[float, ...]) -> tuple[ReferenceLine, ...]:
    """The scenario's lines (Scenario.reference_lines) named: when they hold both 3.5% and 5%, 3.5% is the core
    target and 5% the headline (3.5% core + 1.5% related); any other line is a core line."""
    split = any(abs(v - CORE_TARGET) < 1e-9 for v in lines) and any(abs(v - HEADLINE) < 1e-9 for v in lines)
    named = []
    for value in lines:
        if split and abs(value - HEADLINE) < 1e-9:
            named.append(ReferenceLine(value, _("{level} headline").format(level=short_percent(value)), True))
        elif split and abs(value - CORE_TARGET) < 1e-9:
            named.append(ReferenceLine(value, _("{level} core").format(level=short_percent(value))))
        else:
            named.append(ReferenceLine(value, short_percent(value)))
    return tuple(named)


def lines_note(lines: tuple[float, ...]) -> str:
    """The lines in words for a chart's note: "lines: 2%, 3.5% core; 5% headline = 3.5% core + 1.5% related
    spending, which is not simulated (bars are core spending)"."""
    named = reference_lines(lines)
    text = _("lines: {levels}").format(levels=", ".join(line.label for line in named if not line.headline))
    for line in named:
        if line.headline:
            text += _("; {headline} headline = {core} core + {related} related spending, which is not simulated "
                      "(bars are core spending)").format(headline=short_percent(line.value),
                                                        core=short_percent(line.core_part),
                                                        related=short_percent(RELATED))
    return text

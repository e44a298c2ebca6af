"""What a scenario teaches and what really happened, as the briefing index and the debrief show them: the
scenario's `objectives` and its sourced `history` (game/scenario/lesson.py), in HTML and in Markdown (the
debrief's section that sets the table's terms beside history is game/report/debrief/history.py).
"""

from __future__ import annotations

from .document import html_text as _h, markdown_text as _md
from ..i18n import N_, _
from ..scenario import Scenario

OBJECTIVES = N_("After this scenario a student can:")
HISTORY = N_("What really happened")
OBJECTIVES_HEADING = N_("Objectives")
# The history's introduction, for a what-if and for a scenario set at a real summit.
STARTS_FROM = N_("The real facts this what-if starts from:")
COMPARE = N_("Read after the game, to compare with what your table agreed:")


def cited(reference) -> str:
    """A history item's source as a reader cites it: publisher, title, address and when it was read."""
    if reference is None:
        return _("no source given")
    text = f"{reference.publisher}, {reference.title}"
    if reference.url:
        text += f", {reference.url}"
    if reference.accessed:
        text += " " + _("(accessed {date})").format(date=reference.accessed)
    return text


def history_line(item) -> str:
    """One history item in words, with its source: '2025-06-25: Allies commit ... (NATO, The Hague ...)'."""
    return f"{item.date}: {item.text} ({cited(item.source)})"


def _html_reference(reference) -> str:
    if reference is None:
        return "<span class=\"source\">(" + _h(_("no source given")) + ")</span>"
    title = (f"<a href=\"{_h(reference.url)}\">{_h(reference.title)}</a>" if reference.url else _h(reference.title))
    accessed = _h(_(", accessed {date}").format(date=reference.accessed)) if reference.accessed else ""
    return f"<span class=\"source\">({_h(reference.publisher)}, {title}{accessed})</span>"


def lesson_html(scenario: Scenario) -> list[str]:
    """The objectives and the history of a scenario as HTML blocks (none when it has neither)."""
    body = []
    if scenario.objectives:
        body.append(f"<h2>{_h(str(OBJECTIVES_HEADING))}</h2><p>{_h(str(OBJECTIVES))}</p><ul>"
                    + "".join(f"<li>{_h(objective)}</li>" for objective in scenario.objectives) + "</ul>")
    if scenario.history:
        intro = str(STARTS_FROM if scenario.fictional else COMPARE)
        body.append(f"<h2>{_h(str(HISTORY))}</h2><p>{_h(intro)}</p><ul>"
                    + "".join(f"<li><b>{_h(item.date)}</b>: {_h(item.text)} {_html_reference(item.source)}</li>"
                              for item in scenario.history) + "</ul>")
    return body


def lesson_markdown(scenario: Scenario) -> list[str]:
    """The objectives and the history of a scenario as Markdown lines (none when it has neither)."""
    lines = []
    if scenario.objectives:
        lines += [f"## {_md(str(OBJECTIVES_HEADING))}", "", _md(str(OBJECTIVES)), ""]
        lines += [f"- {_md(o)}" for o in scenario.objectives] + [""]
    if scenario.history:
        intro = str(STARTS_FROM if scenario.fictional else COMPARE)
        lines += [f"## {_md(str(HISTORY))}", "", _md(intro), ""]
        lines += [f"- **{_md(item.date)}**: {_md(item.text)} ({_md(cited(item.source))})" for item in scenario.history]
        lines.append("")
    return lines


GUIDE_START = "<!-- objectives: written by `python -m game.report.lesson docs/teachers-guide.md` from the scenarios -->"
GUIDE_END = "<!-- end of objectives -->"


def guide_objectives(scenarios) -> str:
    """The teacher's guide's block of objectives, scenario by scenario (those with objectives), markers included."""
    lines = [GUIDE_START, ""]
    for scenario in scenarios:
        if scenario.objectives:
            lines += [f"**{_md(scenario.title)}** (`{scenario.id}`): after it, a student can", ""]
            lines += [f"- {_md(objective)}" for objective in scenario.objectives] + [""]
    return "\n".join(lines + [GUIDE_END])


def with_guide_objectives(guide: str, scenarios) -> str:
    """The guide's text with its block of objectives written anew from the scenarios."""
    start, end = guide.index(GUIDE_START), guide.index(GUIDE_END) + len(GUIDE_END)
    return guide[:start] + guide_objectives(scenarios) + guide[end:]


if __name__ == "__main__":   # rewrite the guide's block: python -m game.report.lesson docs/teachers-guide.md
    import sys
    from pathlib import Path

    from ..scenario.catalogue import bundled_dir, bundled_ids
    from ..scenario import load_scenario

    bundled = [load_scenario(bundled_dir() / f"{scenario_id}.yaml") for scenario_id in bundled_ids()]
    guide_path = Path(sys.argv[1])
    guide_path.write_text(with_guide_objectives(guide_path.read_text(encoding="utf-8"), bundled), encoding="utf-8")

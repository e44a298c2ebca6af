"""What a scenario teaches and what really happened, as the briefing index and the debrief show them: the
scenario's `objectives` and its sourced `history` (game/scenario/lesson.py), in HTML and in Markdown (the
debrief's section that sets the table's terms beside history is game/report/debrief/history.py).
"""

from __future__ import annotations

from ..engine.narrate import shown_text
from .document import colon, html_text as _h, markdown_text as _md
from ..i18n import N_, _
from ..scenario import Scenario
from ..scenario.localized import text_in

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
    return f"{item.date}{colon()}{shown_text(item.text)} ({cited(item.source)})"


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
                    + "".join(f"<li>{_h(shown_text(objective))}</li>" for objective in scenario.objectives) + "</ul>")
    if scenario.history:
        intro = str(STARTS_FROM if scenario.fictional else COMPARE)
        body.append(f"<h2>{_h(str(HISTORY))}</h2><p>{_h(intro)}</p><ul>"
                    + "".join(f"<li><b>{_h(item.date)}</b>{_h(colon())}{_h(shown_text(item.text))} "
                              f"{_html_reference(item.source)}</li>" for item in scenario.history) + "</ul>")
    return body


def lesson_markdown(scenario: Scenario) -> list[str]:
    """The objectives and the history of a scenario as Markdown lines (none when it has neither)."""
    lines = []
    if scenario.objectives:
        lines += [f"## {_md(str(OBJECTIVES_HEADING))}", "", _md(str(OBJECTIVES)), ""]
        lines += [f"- {_md(shown_text(o))}" for o in scenario.objectives] + [""]
    if scenario.history:
        intro = str(STARTS_FROM if scenario.fictional else COMPARE)
        lines += [f"## {_md(str(HISTORY))}", "", _md(intro), ""]
        lines += [f"- **{_md(item.date)}**{_md(colon())}{_md(shown_text(item.text))} ({_md(cited(item.source))})"
                  for item in scenario.history]
        lines.append("")
    return lines


# The markers of the teacher's guide's generated block, and its one fixed sentence, in each guide's language
# (docs/teachers-guide.md, docs/teachers-guide.fr.md). The objectives inside are the scenarios' own words.
GUIDE_STARTS = {
    "en": "<!-- objectives: written by `python -m game.report.lesson docs/teachers-guide.md` from the scenarios -->",
    "fr": "<!-- objectives: written by `python -m game.report.lesson docs/teachers-guide.fr.md --lang fr` from the "
          "scenarios -->",
}
GUIDE_START = GUIDE_STARTS["en"]
GUIDE_END = "<!-- end of objectives -->"
_GUIDE_LEADS = {
    "en": "**{title}** (`{id}`): after it, a student can",
    "fr": "**{title}** (`{id}`)\u00a0: à l'issue de ce scénario, l'élève est capable de\u00a0:",
}


def guide_objectives(scenarios, lang: str = "en") -> str:
    """The teacher's guide's block of objectives, scenario by scenario (those with objectives), markers included,
    in the guide's language `lang` ("en" or "fr"): the markers and the sentence leading each list are in it, the
    titles and objectives as the scenarios write them in that language (in English where they give no
    translation)."""
    lines = [GUIDE_STARTS[lang], ""]
    for scenario in scenarios:
        if scenario.objectives:
            lines += [_GUIDE_LEADS[lang].format(title=_md(text_in(scenario.title, lang)), id=scenario.id), ""]
            lines += [f"- {_md(text_in(objective, lang))}" for objective in scenario.objectives] + [""]
    return "\n".join(lines + [GUIDE_END])


def with_guide_objectives(guide: str, scenarios, lang: str = "en") -> str:
    """The guide's text with its block of objectives written anew from the scenarios."""
    start, end = guide.index(GUIDE_STARTS[lang]), guide.index(GUIDE_END) + len(GUIDE_END)
    return guide[:start] + guide_objectives(scenarios, lang) + guide[end:]


if __name__ == "__main__":   # rewrite a guide's block: python -m game.report.lesson docs/teachers-guide.md
    import argparse
    from pathlib import Path

    from ..scenario.catalogue import bundled_dir, bundled_ids
    from ..scenario import load_scenario

    parser = argparse.ArgumentParser(prog="python -m game.report.lesson",
                                     description="Write a teacher's guide's block of objectives from the scenarios.")
    parser.add_argument("guide", type=Path, help="docs/teachers-guide.md, or docs/teachers-guide.fr.md with --lang fr")
    parser.add_argument("--lang", choices=sorted(GUIDE_STARTS), default="en", help="the guide's language")
    arguments = parser.parse_args()
    bundled = [load_scenario(bundled_dir() / f"{scenario_id}.yaml") for scenario_id in bundled_ids()]
    text = arguments.guide.read_text(encoding="utf-8")
    if GUIDE_STARTS[arguments.lang] not in text or GUIDE_END not in text:
        parser.exit(2, f"{arguments.guide}: no block of objectives in {arguments.lang} (its markers are "
                       f"{GUIDE_STARTS[arguments.lang]} and {GUIDE_END})\n")
    arguments.guide.write_text(with_guide_objectives(text, bundled, arguments.lang), encoding="utf-8")

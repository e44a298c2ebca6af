"""Writing the debrief: each game's page and, for several games, the index comparing them, each as a printable
A4 HTML page and Markdown saying the same; the charts; and debrief.json with the numbers (per game the outcome
as the engine gives it and the facts derived here). An earlier debrief in the folder is replaced file by file;
nothing is deleted (debrief.json lists the files, for the reader: it is never trusted to say what to remove).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ...engine.narrate import shown_text
from ...i18n import _
from ...analysis.inspect import examined_packages, inspect
from ...analysis.reach import best_reachable
from ...play.replay import Replay
from ..document import (TABLE_CSS, Section, anchor, html_text, markdown_page, markdown_text, page, section_html,
                        section_markdown)
from ..map_chart import draw_map
from .charts import draw_comparison, draw_frontier, draw_issues, draw_scores, draw_spending, draw_timeline
from .comparison import comparison_sections
from .game_page import Charts, game_sections
from .handout import handout_index, handout_pages
from .logs import DebriefError, default_out, game_facts, read_games

DEBRIEF_FORMAT = 1


def _render(title: str, subtitle: str, sections: list[Section], back: str | None) -> tuple[str, str]:
    all_games = _("all games")
    body = [f"<h1>{html_text(title)}</h1>", f"<p class=\"scenario\">{html_text(subtitle)}"
            + (f" · <a href=\"{html_text(back)}.html\">{html_text(all_games)}</a>" if back else "") + "</p>",
            "<p>" + " · ".join(f"<a href=\"#{html_text(s.anchor or anchor(s.title))}\">{html_text(s.title)}</a>"
                               for s in sections) + "</p>"]
    for section in sections:
        body += section_html(section)
    md = [f"# {markdown_text(title)}", "",
          markdown_text(subtitle) + (f" · [{markdown_text(all_games)}]({back}.md)" if back else ""), "",
          " · ".join(f"[{markdown_text(s.title)}](#{anchor(s.title)})" for s in sections), ""]
    for section in sections:
        md += section_markdown(section)
    return page(title, body, TABLE_CSS), markdown_page(md)


def _page_names(games: list[Replay]) -> list[str]:
    names: list[str] = []
    for g in games:
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", g.path.stem).strip("-.") or "game"
        if stem == "index":
            stem = "game-index"
        name, n = stem, 2
        while name in names:
            name, n = f"{stem}-{n}", n + 1
        names.append(name)
    return names


def write_debrief(paths: Sequence[Path], out: Path | None = None, handout: bool = False) -> list[Path]:
    """Write the debrief of the logged games into `out` (created if missing; default: `default_out`):
    index.html and index.md, a page per game when there are several, the charts and debrief.json, and with
    `handout` the students' handout (handout.html lists its pages), all at once when every file is ready. Returns the files written, index.html first. The folder must be new, empty or
    one Summit wrote a debrief into (game/files/folder.py): files of an earlier debrief are replaced where this
    one writes the same names, and nothing else there is touched. DebriefError for logs that cannot be
    debriefed or `out` naming a file; OSError (UnsafeOutput for a folder Summit may not write) otherwise."""
    from ...files import OutputFolder, output_problem

    games = read_games(paths)
    out = Path(out) if out is not None else default_out(paths, games[0].scenario.id)
    if os.path.lexists(out) and not out.is_dir():
        raise DebriefError(f"{out}: {output_problem(out) or 'is a file; name a folder'}")
    scenario = games[0].scenario
    inspection = inspect(scenario)
    packages = examined_packages(scenario)
    several = len(games) > 1
    names = _page_names(games) if several else ["index"]
    facts = [game_facts(g, inspection, packages) for g in games]
    for f, name in zip(facts, names):
        f.name = name
    with OutputFolder(out, "debrief") as folder:
        pages: list[tuple[str, str, str]] = []
        for f in facts:
            prefix = "" if not several else f"{f.name}-"
            charts = Charts(f"{prefix}spending.png", f"{prefix}issues.png", f"{prefix}scores.png",
                            f"{prefix}pareto.png")
            draw_spending(f.outcome, folder.path_for(charts.spending), scenario.reference_lines, scenario)
            off_map = draw_map(scenario, f.outcome, folder.path_for(f"{prefix}map.png"))
            charts = replace(charts, map=f"{prefix}map.png", off_map=tuple(off_map))
            draw_issues(f, folder.path_for(charts.issues))
            draw_scores(scenario, f.outcome.scores, folder.path_for(charts.scores))
            if not draw_frontier(f, inspection, packages, folder.path_for(charts.frontier)):
                folder.forget(charts.frontier)
                charts = replace(charts, frontier=None)
            after = scenario.consequences(f.outcome.in_force)
            if after:
                charts = replace(charts, after=f"{prefix}after.png")
                draw_timeline(after, folder.path_for(charts.after))
            title = _("Debrief: {scenario}, seed {seed}").format(scenario=shown_text(scenario.title), seed=f.replayed.seed)
            subtitle = f"{shown_text(scenario.title)} ({scenario.id}) · {scenario.year} · {f.replayed.path.name}"
            html, md = _render(title, subtitle, game_sections(f, charts), "index" if several else None)
            pages.append((f.name, html, md))
        if several:
            chart = "comparison.png"
            draw_comparison(scenario, facts, folder.path_for(chart))
            title = _("Debrief: {scenario}, {count} games compared").format(scenario=shown_text(scenario.title),
                                                                            count=len(facts))
            html, md = _render(title, f"{shown_text(scenario.title)} ({scenario.id}) · {scenario.year}",
                               comparison_sections(scenario, facts, chart), None)
            pages.insert(0, ("index", html, md))
        for name, html, md in pages:
            folder.write(f"{name}.html", html)
            folder.write(f"{name}.md", md)
        handouts: dict[str, dict] = {}
        if handout:
            for f in facts:
                files, handouts[f.name] = handout_pages(f, best_reachable(f.replayed.game, f.replayed.state),
                                                        f"{f.name}-" if several else "")
                for name, html in files.items():
                    folder.write(name, html)
            folder.write("handout.html", handout_index([(f, f"{f.name}-" if several else "") for f in facts]))
        names_written = [path.name for path in folder.planned()] + ["debrief.json"]
        data = {"format": DEBRIEF_FORMAT, "scenario": scenario.id, "title": scenario.title,
                "inspection": {"nash": inspection.nash.to_json() if inspection.nash else None,
                               "acceptable_packages": inspection.acceptable, "examined": inspection.examined},
                "games": [f.to_json() | ({"handout": handouts[f.name]} if handout else {}) for f in facts],
                "files": names_written}
        folder.write("debrief.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        written = folder.commit()
    index = out / "index.html"
    return [index] + [path for path in written if path != index]


def write(paths: Sequence[Path], out: Path) -> Path:
    """Write the debrief of the logged games into `out` (see write_debrief); returns the path of index.html."""
    return write_debrief(paths, out)[0]

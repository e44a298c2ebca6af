"""A class tournament's leaderboard (game/analysis/leaderboard.py) shown: as a table on the terminal
(`summit tournament SCENARIO --entries DIR`) and as a page with charts (`--html DIR`: index.html, scores.png,
head_to_head.png, in a folder Summit marks as its own, game/files/folder.py).

Every name, file name and failure line comes from students' files: the terminal gets it with its control
characters escaped (for_terminal), the page with HTML escaped (document.html_text)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from ..engine.loop import DECISION_SECONDS
from ..i18n import N_, _, general, localize, ngettext, number, percent
from ..analysis.leaderboard import CONFIDENCE, INTERVAL, Leaderboard, Row
from ..engine.narrate import shown_text
from ..scenario.untrusted import for_terminal
from .document import TABLE_CSS, Figure, Item, Section, Table, html_text, page, section_html

HEADINGS = ("#", N_("entry"), N_("file"), N_("role"), N_("games"), N_("mean score (95{percent_sign} CI)"),
            N_("vs built-in"), N_("head to head W-D-L"), N_("agreed"), N_("promises kept/made"),
            N_("threats carried out/made"), N_("failed games"))
"""The columns, in the language in use when shown (`_headings`)."""
INTERVAL_SHOWN = N_("Student's t")   # analysis.leaderboard.INTERVAL, in the language in use


def _headings() -> tuple[str, ...]:
    return tuple(str(heading).format(percent_sign="%") for heading in HEADINGS)


def _cells(row: Row) -> tuple[str, ...]:
    interval = "" if row.interval is None else f" ({number(row.interval[0], 1)}-{number(row.interval[1], 1)})"
    return (str(row.rank), row.contestant.entry.name, row.contestant.entry.file, row.contestant.role.value,
            str(row.games), f"{number(row.mean, 1)}{interval}",
            "-" if row.vs_built_in is None else number(row.vs_built_in, 1),
            f"{row.wins}-{row.draws}-{row.losses}", percent(100 * row.agreement_rate, 0),
            f"{row.words.promises_kept}/{row.words.promises_made}",
            f"{row.words.threats_carried_out}/{row.words.threats_made}",
            _("{failed} of {games}").format(failed=row.failed_games, games=row.games) if row.failed_games else "")


def _heading(board: Leaderboard) -> str:
    t = board.tournament
    entries, games = len(t.contestants), len(t.games)
    seeds = (_("seed {seed}").format(seed=t.seed) if t.runs == 1 else
             _("seeds {first} to {last}").format(first=t.seed, last=t.seed + t.runs - 1))
    return ngettext("{title} ({id}): {entries} entry in their roles, {games}, {seeds}",
                    "{title} ({id}): {entries} entries in their roles, {games}, {seeds}", entries).format(
        title=shown_text(t.scenario.title), id=t.scenario.id, entries=entries, seeds=seeds,
        games=ngettext("{count} game", "{count} games", games).format(count=games))


def _reading(board: Leaderboard) -> list[str]:
    seconds = board.tournament.seconds
    limit = (_("the default {seconds} s") if seconds is None else _("{seconds} s")).format(
        seconds=general(DECISION_SECONDS if seconds is None else seconds))
    return [
        _("Scores are 0-100 (50 = as good as no deal, 100 = the leader's ideal): an entry's score in a game is the "
          "mean final score of the seats it played (0 in a game in which it failed). The {confidence} interval "
          "is {interval} over its games. "
          "vs built-in: its games in every seat of its role against the scenario's own agents. Head to head: the "
          "other entries it beat, drew with and lost to on its mean score in their games together. Agreed: the "
          "share of its games that reached a deal.").format(confidence=percent(100 * CONFIDENCE, 0),
                                                             interval=str(INTERVAL_SHOWN)),
        _("Promises and threats are those its seats made, judged as the agents' reputations judge them: a promise "
          "kept when its target paid and it let the draft through, a threat carried out when it objected to a draft "
          "the target had not paid for."),
        _("An entry that fails (raises, returns no action or a move the rules refuse, or runs past its time of "
          "{limit} a decision) gives its seat to the built-in agent for its role for the rest of that game (a "
          "decision stopped at the time limit stops it in all its seats of that game), and that game counts 0 for "
          "the entry (a forfeit).").format(limit=limit)]


def print_leaderboard(board: Leaderboard) -> None:
    """The leaderboard, the failures, what did not play and the pairs skipped, on stdout. Piped or captured: no
    colour, a fixed width, no trailing blanks."""
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable

    terminal = sys.stdout.isatty()
    plain = {} if terminal else {"color_system": None, "force_terminal": False, "width": 220}
    console = Console(file=sys.stdout if terminal else io.StringIO(), markup=False, highlight=False, emoji=False,
                      **plain)
    console.print(for_terminal(_heading(board)))
    table = RichTable(title=_("Leaderboard"), title_justify="left", box=box.SIMPLE_HEAD)
    for index, heading in enumerate(_headings()):
        table.add_column(heading, justify="right" if index in (0, 4, 5, 6, 7, 8, 9, 10, 11) else "left")
    for row in board.rows:
        table.add_row(*(for_terminal(cell) for cell in _cells(row)))
    for rejected in board.tournament.rejected:   # the whole line is below, under "Did not play"
        table.add_row("", for_terminal(rejected.name or "-"), for_terminal(rejected.file), "", "",
                      localize(rejected.status))
    console.print()
    console.print(table)
    lines = []   # whole lines: a failure's line is found by its file and line, never cut in two
    failing = [row for row in board.rows if row.failed_games]
    if failing:
        lines.append(_("Failures (the first of each entry):"))
        lines += ["  " + ngettext("{entry}: failed in {failed} of {games} game; {first}",
                                  "{entry}: failed in {failed} of {games} games; {first}", row.games).format(
            entry=row.label, failed=row.failed_games, games=row.games, first=localize(row.first_failure))
                  for row in failing]
    if board.tournament.rejected:
        lines.append(_("Did not play:"))
        lines += [f"  {r.file}{f' ({r.name})' if r.name else ''}{_(': ')}{localize(r.problem)}"
                  for r in board.tournament.rejected]
    if board.tournament.skipped:
        lines.append(_("Pairs that cannot meet (skipped): ") + _("; ").join(
            _("{first} and {second} ({why})").format(first=a, second=b, why=localize(why))
            for a, b, why in board.tournament.skipped))
    for line in lines:
        console.print(for_terminal(line), soft_wrap=True)
    console.print()
    for paragraph in _reading(board):
        console.print(paragraph, soft_wrap=True)
    if not terminal:
        print("\n".join(line.rstrip() for line in console.file.getvalue().splitlines()))


def sections(board: Leaderboard, scores_chart: str, matrix_chart: str | None) -> list[Section]:
    """The page's sections: the leaderboard with its chart, the head-to-head chart, the failures, what did not
    play, the pairs skipped, and how to read it."""
    t = board.tournament
    rows = [_cells(row) for row in board.rows]
    rows += [("", rejected.name or "-", rejected.file, "", "", localize(rejected.problem), "", "", "", "", "", "")
             for rejected in t.rejected]
    table = Table(_headings(), tuple(rows), numeric=(0, 4, 5, 6, 7, 8, 9, 10, 11), compact=True)
    confidence = percent(100 * CONFIDENCE, 0)
    found = [Section(_("Leaderboard"), blocks=(table, Figure(
        scores_chart, _("Each entry's mean score with its {confidence} confidence interval, best first, and its "
                        "mean score against the built-in agents").format(confidence=confidence),
        _("Mean score with its {confidence} interval ({interval}); the diamond is its mean against the built-in "
          "agents; the dashed line, 50, is as good as no deal.").format(confidence=confidence,
                                                                        interval=str(INTERVAL_SHOWN)))),
                     anchor="leaderboard", key="Leaderboard")]
    if matrix_chart is not None:
        found.append(Section(_("Head to head"), blocks=(Figure(
            matrix_chart, _("A matrix of the pairs: each cell is how many points the row's entry scored above the "
                            "column's in their games together"),
            _("Each cell: the row's mean score minus the column's, in their games together (blue: the row did "
              "better; vermilion: worse; blank: they did not meet).")),), anchor="head-to-head", key="Head to head"))
    failing = [row for row in board.rows if row.failed_games]
    found.append(Section(_("Failures"), paragraphs=() if failing else (_("No entry failed."),), items=tuple(
        Item(ngettext("failed in {failed} of {games} game; the first: {first}",
                      "failed in {failed} of {games} games; the first: {first}", row.games).format(
            failed=row.failed_games, games=row.games, first=localize(row.first_failure)), row.label)
        for row in failing), anchor="failures", key="Failures"))
    if t.rejected:
        found.append(Section(_("Did not play"), items=tuple(
            Item(localize(rejected.problem), rejected.file + (f" ({rejected.name})" if rejected.name else ""))
            for rejected in t.rejected), anchor="did-not-play", key="Did not play"))
    if t.skipped:
        found.append(Section(_("Pairs that cannot meet"), items=tuple(
            Item(localize(why), _("{first} and {second}").format(first=a, second=b)) for a, b, why in t.skipped),
            anchor="skipped", key="Pairs that cannot meet"))
    found.append(Section(_("How to read it"), paragraphs=tuple(_reading(board)), anchor="how-to-read-it",
                         key="How to read it"))
    return found


def write_leaderboard_page(board: Leaderboard, out: Path) -> list[Path]:
    """index.html with the leaderboard, scores.png and head_to_head.png (none when no pair met) in `out`, all at
    once when every one is ready. UnsafeOutput (an OSError) for a folder Summit may not write."""
    from ..files import OutputFolder
    from .leaderboard_charts import draw_head_to_head, draw_scores

    with OutputFolder(out, "class tournament") as folder:
        draw_scores(board, folder.path_for("scores.png"))
        matrix = "head_to_head.png" if board.head_to_head else None
        if matrix is not None:
            draw_head_to_head(board, folder.path_for(matrix))
        title = _("Class tournament: {title}").format(title=shown_text(board.tournament.scenario.title))
        body = [f"<h1>{html_text(title)}</h1>", f"<p class=\"scenario\">{html_text(_heading(board))}</p>"]
        for section in sections(board, "scores.png", matrix):
            body += section_html(section)
        folder.write("index.html", page(title, body, TABLE_CSS + WIDE_CSS))
        return folder.commit()


WIDE_CSS = """
body { max-width: 270mm; }
@page { size: A4 landscape; }
"""
"""A leaderboard has twelve columns: the page is landscape."""

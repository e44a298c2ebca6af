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
from ..analysis.leaderboard import CONFIDENCE, INTERVAL, Leaderboard, Row
from ..scenario.untrusted import for_terminal
from .document import TABLE_CSS, Figure, Item, Section, Table, html_text, page, section_html

HEADINGS = ("#", "entry", "file", "role", "games", "mean score (95% CI)", "vs built-in", "head to head W-D-L",
            "agreed", "promises kept/made", "threats carried out/made", "failed games")


def _cells(row: Row) -> tuple[str, ...]:
    interval = "" if row.interval is None else f" ({row.interval[0]:.1f}-{row.interval[1]:.1f})"
    return (str(row.rank), row.contestant.entry.name, row.contestant.entry.file, row.contestant.role.value,
            str(row.games), f"{row.mean:.1f}{interval}", "-" if row.vs_built_in is None else f"{row.vs_built_in:.1f}",
            f"{row.wins}-{row.draws}-{row.losses}", f"{row.agreement_rate:.0%}",
            f"{row.words.promises_kept}/{row.words.promises_made}",
            f"{row.words.threats_carried_out}/{row.words.threats_made}",
            f"{row.failed_games} of {row.games}" if row.failed_games else "")


def _heading(board: Leaderboard) -> str:
    t = board.tournament
    entries, games = len(t.contestants), len(t.games)
    seeds = f"seed {t.seed}" if t.runs == 1 else f"seeds {t.seed} to {t.seed + t.runs - 1}"
    return (f"{t.scenario.title} ({t.scenario.id}): {entries} {'entry' if entries == 1 else 'entries'} in their "
            f"roles, {games} {'game' if games == 1 else 'games'}, {seeds}")


def _reading(board: Leaderboard) -> list[str]:
    seconds = board.tournament.seconds
    return [
        "Scores are 0-100 (50 = as good as no deal, 100 = the leader's ideal): an entry's score in a game is the "
        f"mean final score of the seats it played (0 in a game in which it failed). The {CONFIDENCE:.0%} interval "
        f"is {INTERVAL} over its games. "
        "vs built-in: its games in every seat of its role against the scenario's own agents. Head to head: the "
        "other entries it beat, drew with and lost to on its mean score in their games together. Agreed: the share of its games that reached a deal.",
        "Promises and threats are those its seats made, judged as the agents' reputations judge them: a promise "
        "kept when its target paid and it let the draft through, a threat carried out when it objected to a draft "
        "the target had not paid for.",
        "An entry that fails (raises, returns no action or a move the rules refuse, or runs past its time of "
        f"{'the default ' if seconds is None else ''}{DECISION_SECONDS if seconds is None else seconds:g} s a "
        "decision) gives "
        "its seat to the built-in agent for its role for the rest of that game (a decision stopped at the time "
        "limit stops it in all its seats of that game), and that game counts 0 for the entry (a forfeit)."]


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
    table = RichTable(title="Leaderboard", title_justify="left", box=box.SIMPLE_HEAD)
    for index, heading in enumerate(HEADINGS):
        table.add_column(heading, justify="right" if index in (0, 4, 5, 6, 7, 8, 9, 10, 11) else "left")
    for row in board.rows:
        table.add_row(*(for_terminal(cell) for cell in _cells(row)))
    for rejected in board.tournament.rejected:   # the whole line is below, under "Did not play"
        table.add_row("", for_terminal(rejected.name or "-"), for_terminal(rejected.file), "", "", rejected.status)
    console.print()
    console.print(table)
    lines = []   # whole lines: a failure's line is found by its file and line, never cut in two
    failing = [row for row in board.rows if row.failed_games]
    if failing:
        lines.append("Failures (the first of each entry):")
        lines += [f"  {row.label}: failed in {row.failed_games} of {row.games} games; {row.first_failure}"
                  for row in failing]
    if board.tournament.rejected:
        lines.append("Did not play:")
        lines += [f"  {r.file}{f' ({r.name})' if r.name else ''}: {r.problem}" for r in board.tournament.rejected]
    if board.tournament.skipped:
        lines.append("Pairs that cannot meet (skipped): " + "; ".join(
            f"{a} and {b} ({why})" for a, b, why in board.tournament.skipped))
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
    rows += [("", rejected.name or "-", rejected.file, "", "", rejected.problem, "", "", "", "", "", "")
             for rejected in t.rejected]
    table = Table(HEADINGS, tuple(rows), numeric=(0, 4, 5, 6, 7, 8, 9, 10, 11), compact=True)
    found = [Section("Leaderboard", blocks=(table, Figure(
        scores_chart, "Each entry's mean score with its 95% confidence interval, best first, and its mean score "
                      "against the built-in agents",
        f"Mean score with its {CONFIDENCE:.0%} interval ({INTERVAL}); the diamond is its mean against the built-in "
        "agents; the dashed line, 50, is as good as no deal.")), anchor="leaderboard")]
    if matrix_chart is not None:
        found.append(Section("Head to head", blocks=(Figure(
            matrix_chart, "A matrix of the pairs: each cell is how many points the row's entry scored above the "
                          "column's in their games together",
            "Each cell: the row's mean score minus the column's, in their games together (blue: the row did better; "
            "vermilion: worse; blank: they did not meet)."),), anchor="head-to-head"))
    failing = [row for row in board.rows if row.failed_games]
    found.append(Section("Failures", paragraphs=() if failing else ("No entry failed.",), items=tuple(
        Item(f"failed in {row.failed_games} of {row.games} games; the first: {row.first_failure}", row.label)
        for row in failing), anchor="failures"))
    if t.rejected:
        found.append(Section("Did not play", items=tuple(
            Item(rejected.problem, rejected.file + (f" ({rejected.name})" if rejected.name else ""))
            for rejected in t.rejected), anchor="did-not-play"))
    if t.skipped:
        found.append(Section("Pairs that cannot meet", items=tuple(
            Item(why, f"{a} and {b}") for a, b, why in t.skipped), anchor="skipped"))
    found.append(Section("How to read it", paragraphs=tuple(_reading(board)), anchor="how-to-read-it"))
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
        title = f"Class tournament: {board.tournament.scenario.title}"
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

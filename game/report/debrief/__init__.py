"""The after-class report for teachers (`summit debrief LOG [LOG ...]`, and the outcome screen's Export
debrief): how it felt and what really happened, what happened at the table, what each role really wanted and
got, how the agreement compares with the Pareto frontier and the Nash bargaining solution, each role's
participation record, and discussion questions drawn from this game; with --handout, a page per student's role
and a class summary.

Every number comes from the engine: each log is replayed through the rules (game/play/replay.py), so a broken or
edited log is refused, and the outcome is the one the rules give. Several logs of one scenario (parallel tables
in one class) are compared side by side, then each game gets its own page.

The report is built once as `Section`s (game/report/document.py) and written three ways: a printable A4 HTML
page, Markdown beside it saying the same, and `debrief.json` with the numbers (per game the outcome as the
engine gives it and the facts derived here). Charts are PNGs drawn by matplotlib (Agg backend, no window).

May import: play, analysis, agents, engine, scenario, files (and i18n), the report part's own briefing, lesson, charts,
document and map_chart (the alliance map, map.png), and matplotlib. Never pygame, ui or cli.

Modules: logs (each log replayed, DebriefError, and the facts drawn from each game), facts (what the debrief
knows about one game: GameFacts and its parts), wording (the words the sections share), history (what really
happened, from the scenario's sourced history, beside the table's text), reflection (the debriefing's three
phases after Lederman: "How did it feel?", the three questions for the class, each role's story and prompts),
one module per section of a game's page: game_page ("How did it feel?", "What really happened", "The result",
then the sections in order), spending, issues, objections, promises, talks (the private talks of a hosted game,
every one revealed), scores, frontier (the Pareto frontier and the Nash solution), participation,
questions (the discussion questions); comparison (the index page of several games), charts (the PNGs), handout
(the students' pages: one per role and a class summary) and writing (the pages, the charts, the handout and
debrief.json into a folder). Imports run one way, each module importing only those named before it: wording;
history; facts; reflection, questions, the sections and comparison; logs, game_page, handout and charts;
writing. None imports this package.

Public names: write_debrief, write, DebriefError, read_games, default_out, game_facts, session_facts (the
facts of the game in a window's session), GameFacts, DEBRIEF_FORMAT.
"""

from .facts import GameFacts
from .logs import DebriefError, default_out, game_facts, read_games, session_facts
from .writing import DEBRIEF_FORMAT, write, write_debrief

__all__ = ["DEBRIEF_FORMAT", "DebriefError", "GameFacts", "default_out", "game_facts", "read_games", "session_facts",
           "write", "write_debrief"]

"""The command line, `summit ...` (and `python -m game`): the parser and main() in parser, the helpers the
commands share in common (UsageError, loading a scenario, the files a command writes), and the commands in
groups: games (run, replay, play), analysis (tournament, batch, inspect), class_tournament (tournament
--entries), scenarios (validate, schema, new-scenario, scenarios, agents) and reports (brief, debrief, grades).

May import every other part: ui, net, report, play, analysis, agents, engine, scenario, files, i18n (the
heavy ones, such as the engine, matplotlib and pygame, inside the command functions, so that `summit`
starts quickly). Nothing imports it.

Public names: main.
"""

from .parser import main

__all__ = ["main"]

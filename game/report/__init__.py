"""Reports a person reads: the account of a game (`summit run`), the printable briefings (`summit brief`),
the after-class debrief (`summit debrief`, the outcome screen's Export debrief), the grades (`summit grades`:
one row per student), the printed inspection and batch summaries, their charts, the HTML/Markdown document
they are written as, and the glossary.

May import: play, analysis, agents, engine, scenario, files (and i18n); matplotlib and rich. Never
pygame, ui or cli.

Modules: account, briefing, debrief (a package, one module per section), grades, inspection, batch, batch_charts,
charts (the shared palette and figure style), alliance_map (the map's shapes, spending classes and figures),
map_chart (the map as a PNG), lesson (a scenario's objectives and history, as the briefings show them),
leaderboard and leaderboard_charts (a class tournament's), document (Sections to HTML and Markdown), glossary.
"""

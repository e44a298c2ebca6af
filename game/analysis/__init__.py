"""Studying a scenario without a person at the table: what its red lines allow (inspect), many seeds of one
mix of agents (batch), mixes of agents against each other (tournament), and the spending model against
history (backtest, `summit backtest`).

May import: agents, engine, scenario, files (and i18n). Never pygame, play or anything above.

Modules: inspect, reach (the best score a role could have reached in a game, for its handout and grade), batch,
tournament, class_tournament and leaderboard (students' agents against each other, `summit tournament
--entries`), backtest.
"""

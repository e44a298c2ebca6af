"""A game in progress and the files it leaves: the Session (agents' turns and people's moves, save and load),
the replay of a log through the rules, and the user's folders (platformdirs, or SUMMIT_HOME).

May import: agents, engine, scenario, files (and i18n). Never pygame, analysis or anything above.

Modules: session (Session, saving, the live log), save_file (reading a save or a log: its refusals), save_list (what the Load screen lists), replay (a log or save read back and checked move by
move), public (the table in words), round_summary (a round in five lines), talk (private talks), userdirs
(where saves, logs, debriefs, settings and the user's scenarios live).
"""

"""Where Summit keeps a user's own files: scenarios, saves, the autosave, game logs and settings.

The folders come from platformdirs (for example ~/.local/share/summit on Linux). SUMMIT_HOME, when set,
puts everything under one folder instead: tests use it, and so can a teacher with a USB stick.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def _root(kind: str) -> Path:
    home = os.environ.get("SUMMIT_HOME")
    if home:
        return Path(home) / kind
    if kind == "config":
        return Path(platformdirs.user_config_dir("summit", appauthor=False))
    return Path(platformdirs.user_data_dir("summit", appauthor=False))


def scenarios_dir() -> Path:
    """The user's own scenarios: every *.yaml here is listed in the scenario browser."""
    return _root("data") / "scenarios"


def saves_dir() -> Path:
    return _root("data") / "saves"


def autosave_path() -> Path:
    """Written when a game in the window begins, after every person's move and every round, and when the
    window closes mid-game; "Continue" and "Load game" offer it."""
    return saves_dir() / "autosave.summit"


def autosave_backup_path() -> Path:
    """The autosave before the last one (kept only while it was whole): what "Continue" loads when the
    autosave itself cannot be loaded."""
    return saves_dir() / "autosave.prev.summit"


def logs_dir() -> Path:
    """Every game in the window writes its log here as it is played (one JSON-lines file per game)."""
    return _root("data") / "logs"


def debriefs_dir() -> Path:
    """The outcome screen's "Export debrief" writes each game's debrief in a folder here, named after its log."""
    return _root("data") / "debriefs"


def settings_path() -> Path:
    return _root("config") / "settings.json"

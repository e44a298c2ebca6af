"""Every screen of the front end, by class name. Each loads when first asked for, so the title screen opens
before the game's own modules (scenario checks, engine, agents) have loaded.

Modules: title, menus (scenario browser, role selection, briefings, load), preferences (settings), seats (hand-off,
seats), table (a package: the table screen and its panels), results (round result, outcome), replay (the
replay viewer and the list of games to watch).

May import: report, play, analysis, agents, engine, scenario, files (and i18n), and game/ui's modules below
the screens (scene, roles, recording, look, logview, keys, teacher, settings, flags, driver). Never cli or
net, never game.ui.app, and no screen module imports another: a screen shows the next through the App by
class name, `self.app.goto("TableScene")` (or `self.app.make(...)` for one to show later), which this
module resolves.

Public names: the screens, listed in __all__ (TitleScene, BrowserScene, RoleScene, BriefingScene,
LoadScene, SettingsScene, TableScene, RoundResultScene, OutcomeScene, HandOffScene, SeatsScene,
ReplayScene, ReplaysScene).
"""

from importlib import import_module

_HOMES = {
    "TitleScene": "title", "BrowserScene": "menus", "RoleScene": "menus", "BriefingScene": "menus",
    "LoadScene": "menus", "SettingsScene": "preferences", "TableScene": "table", "RoundResultScene": "results",
    "OutcomeScene": "results", "HandOffScene": "seats", "SeatsScene": "seats",
    "ReplayScene": "replay", "ReplaysScene": "replay",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOMES[name]}", __name__), name)

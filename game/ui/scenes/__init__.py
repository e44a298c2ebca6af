"""Every screen of the front end. Each loads when first asked for, so the title screen opens before
the game's own modules (scenario checks, engine, agents) have loaded."""

from importlib import import_module

_HOMES = {
    "TitleScene": "title", "BrowserScene": "menus", "RoleScene": "menus", "BriefingScene": "menus",
    "LoadScene": "menus", "SettingsScene": "menus", "TableScene": "table", "RoundResultScene": "results",
    "OutcomeScene": "results", "HandOffScene": "seats", "SeatsScene": "seats",
    "ReplayScene": "replay", "ReplaysScene": "replay",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOMES[name]}", __name__), name)

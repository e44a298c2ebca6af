"""Every screen of the front end."""

from .menus import BriefingScene, BrowserScene, LoadScene, RoleScene, SettingsScene, TitleScene
from .results import OutcomeScene, RoundResultScene
from .table import TableScene

__all__ = ["BriefingScene", "BrowserScene", "LoadScene", "OutcomeScene", "RoleScene", "RoundResultScene",
           "SettingsScene", "TableScene", "TitleScene"]

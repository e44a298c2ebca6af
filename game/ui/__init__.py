"""The pygame front end (pygame-ce + pygame_gui): the window and every screen of the game. Nothing outside
game/ui imports pygame.

May import: report, play, analysis, agents, engine, scenario, files (and i18n); pygame and pygame_gui.
Never cli or net. The game's own modules load when a game starts (inside functions, or in the screens,
which load on first use), so the title screen opens before the engine has loaded.

Modules, highest first: app (App: the window, the frame loop, the game menu, autosave, screenshots, and
`goto`, the way from one screen to another by class name), scenes (every screen, a package; no screen
imports another or the App), scene (Scene, the base of the screens), roles (a role in the screens'
words), recording (a game to replay, round by round), teacher (the teacher's panel and the live log), keys
(focus ring, F1), logview (the draft and log panels), map_view (the alliance map on a screen), look (fonts, colours, drawing helpers), layout (text
overlap checks), flags, settings, driver (real input events: the demo and the tests).

Public names: play, WindowError.
"""

from __future__ import annotations

from pathlib import Path


def play(scenario=None, scenario_path: Path | None = None, leader_id: str | None = None, demo: bool = False,
         fast: bool = False, screenshots: Path | None = None, size: tuple[int, int] | None = None,
         operator: bool = False, agents: dict[str, str] | None = None, strict_agents: bool = False,
         agent_seconds: float | None = None, class_mode: bool = False, language: str | None = None) -> int:
    """Open the window and run until the player quits; returns the exit code.

    With a scenario (already checked) and leaders (ids, comma-separated for several players): straight
    to the briefings; with a scenario only: its role selection; otherwise the title screen. operator: one
    person enters every player's moves; class_mode: on one sheet a phase for every player. demo: agents in every
    role, walking through every screen from the title (fast: without pauses). agents: WHO -> agent (`--agents`),
    for the games of that scenario; strict_agents and agent_seconds: how a user's agent's failure is treated
    (engine.loop.Containment). language: the one asked for with --lang, which wins over the window's setting; the
    setting wins over the computer's locale (see window_language)."""
    import pygame

    from . import scenes
    from .app import App, check_display
    from .settings import Settings

    try:
        check_display()
        return _run(scenes, App, Settings, scenario, scenario_path, leader_id, demo, fast, screenshots, size,
                    operator or class_mode, agents or {}, (strict_agents, agent_seconds), class_mode, language)
    except pygame.error as error:
        from ..i18n import _
        raise WindowError(_("cannot open the game window: {error}").format(error=error)) from None


def window_language(asked: str | None, setting: str | None) -> str:
    """The window's language: --lang when given, else the language chosen in the window's settings, else the
    computer's locale. The command line has already put --lang, or else the locale's language, in use
    (game.i18n); a language in use that is not the locale's can only come from --lang, so it wins even when the
    caller does not pass `asked`."""
    from .. import i18n
    if asked is None and i18n.language() != i18n.from_environment():
        asked = i18n.language()
    return asked or setting or i18n.language()


class WindowError(RuntimeError):
    """The window could not open (no usable display or video driver)."""


def _run(scenes, App, Settings, scenario, scenario_path, leader_id, demo, fast, screenshots, size, operator,
         agents, agent_rules, class_mode=False, language=None) -> int:
    from .. import i18n
    settings = Settings.load()
    with i18n.using(window_language(language, settings.language)):   # the settings screen may change it
        return _open(scenes, App, settings, scenario, scenario_path, leader_id, demo, fast, screenshots, size,
                     operator, agents, agent_rules, class_mode)


def _open(scenes, App, settings, scenario, scenario_path, leader_id, demo, fast, screenshots, size, operator,
          agents, agent_rules, class_mode) -> int:
    if demo:
        from ..scenario.catalogue import DEFAULT_SCENARIO, resolve
        settings.speed = "instant" if fast else "fast"
        settings.seed = settings.seed if settings.seed is not None else 1
        path = scenario_path or resolve(DEFAULT_SCENARIO)
        from .driver import DemoPilot
        app = App(settings, size=size, autopilot=DemoPilot(Path(path), leader_id, fast), screenshots=screenshots)
        app.demo = True
        app.information = scenario.information if scenario is not None else None
        app.opened = Path(scenario_path) if scenario_path else None
        app.agents = agents
        app.strict_agents, app.agent_seconds = agent_rules
        app.show(scenes.TitleScene(app))
    else:
        app = App(settings, size=size, screenshots=screenshots)
        app.operator, app.class_mode = operator, class_mode
        app.information = scenario.information if scenario is not None else None
        app.opened = Path(scenario_path) if scenario_path else None
        app.agents = agents
        app.strict_agents, app.agent_seconds = agent_rules
        if scenario is not None and leader_id is not None:
            import secrets

            from ..play.session import Session
            from .scenes.menus import next_briefing
            players = leader_id.split(",")
            seed = settings.seed if settings.seed is not None else secrets.randbelow(1_000_000)
            app.start_session(Session(scenario, seed, tuple(players), agents=agents), players[0])
            app.show(next_briefing(app, list(app.session.humans), scenario_path))
        elif scenario is not None:
            app.show(scenes.RoleScene(app, scenario, scenario_path))
        else:
            app.show(scenes.TitleScene(app))
    return app.run()

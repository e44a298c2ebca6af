"""The table screen, where the game is played: the screen itself (scene.py: whose eyes, layout, the top bar
and move buttons, events, the computer players' pace) and the parts it is made of, one module per panel:
roster.py (the allies), draft.py (the draft communiqué, the meter, your positions), log.py (this round's
moves), forms.py (the move forms and the Actions they build), teaching.py (the teacher's controls), words.py
(the phases in words, the glossary's window).

May import: what the screens may (game/ui/scenes: report, play, analysis, agents, engine, scenario, files,
i18n, and game/ui's modules below the screens); never another screen's module, nor game.ui.app.

Public names: TableScene.
"""

from .scene import TableScene

__all__ = ["TableScene"]

"""A game in the real window (SDL's dummy video driver), played by a pilot, for tests/test_crash.py to kill.

    python tests/crash_driver.py SEED     (with SUMMIT_HOME set: the autosave and the logs go there)

The window runs as `summit play SCENARIO --leader ROLE` runs it (App.run at 60 frames a second, the
briefing, the table, each round's result, the outcome); the pilot plays the person's role through the
table's own submit (random legal moves, tests/play_support.py) and now and then uses the teacher's controls
(an event now, undo). When a game ends the next one begins, with the next seed, so the process plays until
it is killed. It never stops by itself except on an error, which it prints.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np  # noqa: E402
from play_support import person_move  # noqa: E402

from game.scenario.catalogue import check  # noqa: E402
from game.play.session import Session  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.driver import click  # noqa: E402
from game.ui.scenes import BriefingScene, OutcomeScene, RoundResultScene, TableScene  # noqa: E402
from game.ui.scenes.menus import next_briefing  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

SCENARIOS = ("tutorial", "tutorial", "tutorial", "rutte_washington_2025")


class CrashPilot:
    """Plays one person's role, clicking through the screens between moves, one action every few frames."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self.seed = seed
        self.wait = 0

    def new_game(self, app: App) -> None:
        scenario = check(str(self.rng.choice(SCENARIOS))).scenario
        leader = str(self.rng.choice([leader.id for leader in scenario.leaders]))
        self.seed += 1  # each game its own seed: the test finds a game's log by it
        app.start_session(Session(scenario, self.seed, (leader,)), leader)
        app.show(next_briefing(app, [leader], None))

    def tick(self, app: App, dt: float) -> None:
        scene = app.scene
        if app.frames_in_scene < 3:
            return
        if self.wait > 0:
            self.wait -= 1
            return
        self.wait = int(self.rng.integers(0, 4))  # a person takes a moment between clicks
        if isinstance(scene, (BriefingScene, RoundResultScene)):
            click(scene.next)
        elif isinstance(scene, OutcomeScene):
            self.new_game(app)
        elif isinstance(scene, TableScene) and scene.session.waiting_for_human and not scene.round_over:
            self.play(scene)

    def play(self, table: TableScene) -> None:
        session, roll = table.session, self.rng.random()
        if roll < 0.05 and session.game.unfired_events(session.state):
            table.teacher_inject(str(self.rng.choice([e.id for e in session.game.unfired_events(session.state)])))
        elif roll < 0.10 and session.why_no_undo() is None:
            table.teacher_undo()
        else:
            table.submit(person_move(session, self.rng))  # what the move panel's Submit does


def main(seed: int) -> int:
    rng = np.random.default_rng(seed)
    pilot = CrashPilot(seed * 1000)
    app = App(Settings(speed=str(rng.choice(["instant", "instant", "fast"])), seed=None), size=(1280, 720),
              autopilot=pilot)
    pilot.new_game(app)
    return app.run()


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])))

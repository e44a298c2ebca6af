"""How fast the window is: time to the first title frame, and frame times at the table of a scenario
while agents move (one agent move per frame at the "fast" pace, drawn as a player sees it).

    python bench/ui_speed.py [SCENARIO] [--frames N]
    xvfb-run -s '-screen 0 1280x800x24' python bench/ui_speed.py     # a real X window (software)

Without DISPLAY it runs with SDL_VIDEODRIVER=dummy. Prints medians and worst cases; numbers go in the
issue notes, never into unit tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from _common import machine

FIRST_FRAME = """
import time, sys
start = float(sys.argv[1])
from game.ui.app import App
from game.ui.scenes import TitleScene
from game.ui.settings import Settings
app = App(Settings(), size=(1280, 720))
app.show(TitleScene(app))
app.step(1 / 60)
print(time.time() - start)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", nargs="?", default="rutte_washington_2025")
    parser.add_argument("--frames", type=int, default=600)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ["SUMMIT_HOME"] = tempfile.mkdtemp(prefix="summit-bench-")
    driver = os.environ.get("SDL_VIDEODRIVER", "x11")
    print(f"ui_speed: {machine()}", flush=True)

    starts = []
    for _ in range(5):
        done = subprocess.run([sys.executable, "-c", FIRST_FRAME, repr(time.time())], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1"})
        starts.append(float(done.stdout.strip().splitlines()[-1]))
    print(f"first title frame after the interpreter starts ({driver}): median {statistics.median(starts):.3f} s, "
          f"worst {max(starts):.3f} s (5 runs)")

    from game.scenario.catalogue import check
    from game.play.session import Session
    from game.ui.app import App
    from game.ui.scenes import TableScene
    from game.ui.settings import Settings

    scenario = check(args.scenario).scenario
    app = App(Settings(speed="fast", seed=1), size=(1280, 720))
    app.start_session(Session(scenario, 1, ()), scenario.pen_holder_id)
    app.show(TableScene(app))
    times, moves_before = [], len(app.session.state.history)
    for _ in range(args.frames):
        if not isinstance(app.scene, TableScene):
            app.show(TableScene(app))  # past a round's result: back to the table
        app.scene.timer = 10.0          # an agent moves in every frame: the worst case
        start = time.perf_counter()
        app.step(1 / 60)
        times.append(time.perf_counter() - start)
        if app.session.over:
            break
    moves = len(app.session.state.history) - moves_before
    times.sort()
    print(f"table of {scenario.id} ({len(scenario.allies)} allies, {driver}), an agent move every frame: "
          f"{len(times)} frames, {moves} log entries; median {1000 * statistics.median(times):.1f} ms, "
          f"95th percentile {1000 * times[int(0.95 * len(times))]:.1f} ms, worst {1000 * times[-1]:.1f} ms")

    # The pace a class watches ("fast": a move every 0.25 s, a pass every 0.06 s), at 60 frames a second.
    # Frames that change screen (a round's result, back to the table) are counted apart.
    app = App(Settings(speed="fast", seed=2), size=(1280, 720))
    app.start_session(Session(scenario, 2, ()), scenario.pen_holder_id)
    app.show(TableScene(app))
    table_frames, switch_frames, wall = [], [], time.perf_counter()
    for _ in range(args.frames * 3):
        scene = app.scene
        if not isinstance(scene, TableScene):
            app.show(TableScene(app))
            continue
        start = time.perf_counter()
        app.step(1 / 60)
        spent = time.perf_counter() - start
        (table_frames if app.scene is scene else switch_frames).append(spent)
        if app.session.over:
            break
    wall = time.perf_counter() - wall
    table_frames.sort()
    print(f"table at the 'fast' pace ({driver}): {len(table_frames)} frames in {wall:.1f} s of work; "
          f"median {1000 * statistics.median(table_frames):.1f} ms, 95th percentile "
          f"{1000 * table_frames[int(0.95 * len(table_frames))]:.1f} ms, worst {1000 * table_frames[-1]:.1f} ms "
          f"(= {1 / max(statistics.mean(table_frames), 1e-9):.0f} frames/s of headroom); "
          f"{len(switch_frames)} screen changes, worst {1000 * max(switch_frames, default=0):.0f} ms")


if __name__ == "__main__":
    main()

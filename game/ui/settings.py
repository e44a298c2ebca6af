"""The player's settings: how fast agents move, the window size, a fixed seed. Kept as JSON in the user's
config folder; a damaged file is ignored (defaults apply) rather than stopping the game."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..files import write_atomically
from ..play.userdirs import settings_path

# seconds an agent's move stays on screen before the next one
SPEEDS = {"slow": 1.6, "normal": 0.7, "fast": 0.25, "instant": 0.0}
SIZES = ("1280x720", "1600x900", "1920x1080")
# text size: the whole interface zoomed, as far as the window allows (screens need 1280x720 to lay out in)
ZOOMS = {"100%": 1.0, "125%": 1.25, "150%": 1.5, "200%": 2.0}
# the teacher's round timer, in minutes a round (0: off)
ROUND_MINUTES = (0, 2, 3, 5, 10)


@dataclass
class Settings:
    speed: str = "normal"
    size: str = "1280x720"
    seed: int | None = None          # None: a new random seed for every game (shown in the game menu)
    text_size: str = "100%"
    round_minutes: int = 0           # the teacher's round timer (0: off)

    @property
    def zoom(self) -> float:
        return ZOOMS[self.text_size]

    @property
    def move_delay(self) -> float:
        return SPEEDS[self.speed]

    @property
    def window_size(self) -> tuple[int, int]:
        width, height = self.size.split("x")
        return int(width), int(height)

    @classmethod
    def load(cls) -> "Settings":
        try:
            data = json.loads(settings_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        settings = cls()
        if not isinstance(data, dict):
            return settings
        if data.get("speed") in SPEEDS:
            settings.speed = data["speed"]
        if data.get("size") in SIZES:
            settings.size = data["size"]
        if data.get("text_size") in ZOOMS:
            settings.text_size = data["text_size"]
        minutes = data.get("round_minutes")
        if isinstance(minutes, int) and not isinstance(minutes, bool) and minutes in ROUND_MINUTES:
            settings.round_minutes = minutes
        seed = data.get("seed")
        if isinstance(seed, int) and not isinstance(seed, bool) and 0 <= seed < 2**63:
            settings.seed = seed
        return settings

    def save(self) -> None:
        try:
            write_atomically(settings_path(), json.dumps(asdict(self), indent=2) + "\n")
        except OSError:
            pass  # settings are a convenience: a read-only home must not stop the game



"""The player's settings: how fast agents move, the window size, a fixed seed, the teacher's timer and rounds, the
language. Kept as JSON in the user's
config folder; a damaged file or value is ignored (defaults apply, and the title screen says so once) rather
than stopping the game."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..files import write_atomically
from ..i18n import N_, Figure, msg
from ..play.userdirs import settings_path
from ..scenario.untrusted import json_value, shown

# seconds an agent's move stays on screen before the next one
SPEEDS = {"slow": 1.6, "normal": 0.7, "fast": 0.25, "instant": 0.0}
SPEED_WORDS = {"slow": N_("slow"), "normal": N_("normal"), "fast": N_("fast"), "instant": N_("instant")}  # in menus
SIZES = ("1280x720", "1600x900", "1920x1080")
# text size: the whole interface zoomed, as far as the window allows (screens need 1280x720 to lay out in)
ZOOMS = {"100%": 1.0, "125%": 1.25, "150%": 1.5, "200%": 2.0}
# the teacher's round timer, in minutes a round (0: off)
ROUND_MINUTES = (0, 2, 3, 5, 10)
# the window's language: None follows the computer's locale; --lang wins over both (game/ui/__init__.py)
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}   # each in its own language, so anyone finds theirs
MAX_LESSON_ROUNDS = 50   # a scenario's most rounds (game/scenario/model.py)
MAX_BYTES = 64 * 1024   # a settings file is some 150 bytes: a larger one is no settings file


@dataclass
class Settings:
    speed: str = "normal"
    size: str = "1280x720"
    seed: int | None = None          # None: a new random seed for every game (shown in the game menu)
    text_size: str = "100%"
    round_minutes: int = 0           # the teacher's round timer (0: off)
    lesson_rounds: int = 0           # the teacher's rounds a game (0: each scenario's own; more than it has: its own)
    language: str | None = None      # "en" or "fr"; None: the computer's locale
    # Not a field (never saved): set by load() when the file was damaged, to say so once.
    problem = None

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
        """The settings in the user's file; the defaults for what it lacks. A file that cannot be read (not JSON,
        nested too deep, a number too long) or a value Summit does not know falls back to the default, and
        `problem` (None when all is well) says so in one line, for the title screen."""
        settings = cls()
        settings.problem = None
        path = settings_path()
        try:
            if not path.exists():
                return settings
            if not path.is_file():    # a folder, or a pipe that would wait for a writer
                raise ValueError(msg("it is not a regular file"))
            with path.open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                raise ValueError(msg("it is larger than {size} bytes", size=Figure(MAX_BYTES)))
            data = json_value(raw)
        except (OSError, ValueError, RecursionError) as error:
            reason = msg("nested too deeply") if isinstance(error, RecursionError) else (
                msg("not JSON") if isinstance(error, json.JSONDecodeError) else getattr(error, "strerror", None) or
                (error.args[0] if error.args and isinstance(error.args[0], str) else str(error)))
            settings.problem = msg("The settings could not be read ({reason}), so the defaults apply: {path}",
                                   reason=reason, path=shown(str(path)))
            return settings
        if not isinstance(data, dict):
            settings.problem = msg("The settings are not a JSON object, so the defaults apply: {path}",
                                   path=shown(str(path)))
            return settings
        wrong = []
        for key, allowed in (("speed", SPEEDS), ("size", SIZES), ("text_size", ZOOMS), ("round_minutes", ROUND_MINUTES)):
            if key not in data:
                continue
            value = data[key]
            # A list or a mapping cannot be looked up in `allowed`; true and false are not the numbers 1 and 0.
            if isinstance(value, (str, int)) and not isinstance(value, bool) and value in allowed:
                setattr(settings, key, value)
            else:
                wrong.append(key)
        lesson = data.get("lesson_rounds", 0)
        if isinstance(lesson, int) and not isinstance(lesson, bool) and 0 <= lesson <= MAX_LESSON_ROUNDS:
            settings.lesson_rounds = lesson
        else:
            wrong.append("lesson_rounds")
        language = data.get("language")
        if language is None or (isinstance(language, str) and language in LANGUAGE_NAMES):
            settings.language = language
        else:
            wrong.append("language")
        seed = data.get("seed")
        if isinstance(seed, int) and not isinstance(seed, bool) and 0 <= seed < 2**63:
            settings.seed = seed
        elif seed is not None:
            wrong.append("seed")
        if wrong:
            settings.problem = msg("The settings ({keys}) hold values this Summit does not read, so their defaults "
                                   "apply: {path}", keys=", ".join(wrong), path=shown(str(path)))
        return settings

    def save(self) -> None:
        try:
            write_atomically(settings_path(), json.dumps(asdict(self), indent=2) + "\n")
        except OSError:
            pass  # settings are a convenience: a read-only home must not stop the game



"""National flags for the allies, drawn from the SVGs in assets/flags (from flag-icons, MIT).

Files are named by ISO 3166-1 alpha-3 code in upper case (``ESP.svg``) and are 4:3.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pygame

# game/assets is a symlink to ../assets in the repository and a real folder once installed.
FLAGS_DIR = Path(__file__).resolve().parent.parent / "assets" / "flags"

# Only plain three-letter codes reach the file system, so a code can never name a path elsewhere.
_ISO3 = re.compile(r"[A-Z]{3}")


def _path(iso3: str) -> Path | None:
    code = iso3.upper() if isinstance(iso3, str) else ""
    if not _ISO3.fullmatch(code):
        return None
    # FLAGS_DIR is read at call time so tests (and mods) can point it elsewhere.
    path = FLAGS_DIR / f"{code}.svg"
    return path if path.is_file() else None


def has_flag(iso3: str) -> bool:
    """Whether there is a flag file for this ISO3 code (it may still fail to load)."""
    return _path(iso3) is not None


@lru_cache(maxsize=256)
def flag(iso3: str, height: int) -> pygame.Surface | None:
    """The flag for ``iso3`` at ``height`` pixels (width ``round(height * 4 / 3)``), or None when
    there is no file for that code or it cannot be loaded. The surface is shared: do not draw on it."""
    path = _path(iso3)
    if path is None or height <= 0:
        return None
    size = (round(height * 4 / 3), height)
    try:
        if hasattr(pygame.image, "load_sized_svg"):
            # Rasterising at the target size keeps thin details (crosses, stripes) sharp.
            surface = pygame.image.load_sized_svg(path, size)
        else:
            # pygame-ce < 2.4: SDL_image renders at the SVG's own size; scaled just below.
            surface = pygame.image.load(path)
        # load_sized_svg keeps the SVG's aspect ratio and rounds in float, so it can come back a
        # pixel off (4:3 at height 243 gives 244 rows) or far off for a file that is not 4:3.
        if surface.get_size() != size:
            surface = pygame.transform.smoothscale(surface, size)
    except (pygame.error, OSError, ValueError, MemoryError):
        return None
    try:
        # Faster blits once a window exists; without one (tests, headless) keep the raw surface.
        surface = surface.convert_alpha()
    except pygame.error:
        pass
    return surface

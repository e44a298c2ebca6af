"""Seeded random streams: one per subsystem and per leader, never the global state.

A stream is named by stable integers (a CRC of its name), so adding a leader or an event leaves
every other stream's draws unchanged, and an agent's draw at a given step can be rebuilt at any time
(saves and replays need no random state of their own).
"""

from __future__ import annotations

import zlib

import numpy as np


def key(name: str) -> int:
    return zlib.crc32(name.encode("utf-8"))


def stream(seed: int, *names: str | int) -> np.random.Generator:
    parts = [int(seed) & 0xFFFFFFFFFFFFFFFF] + [key(n) if isinstance(n, str) else int(n) for n in names]
    return np.random.default_rng(np.random.SeedSequence(parts))


class Lazy:
    """A stream made on first use: most agent decisions never draw, and building a generator costs more than
    many decisions. Draws are exactly those of stream(seed, *names)."""

    __slots__ = ("_parts", "_generator")

    def __init__(self, seed: int, *names: str | int):
        self._parts = (seed, *names)
        self._generator: np.random.Generator | None = None

    def __getattr__(self, name: str):
        if self._generator is None:
            self._generator = stream(*self._parts)
        return getattr(self._generator, name)

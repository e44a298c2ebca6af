"""Seeded random streams: one per subsystem and per leader, never the global state.

A stream is named by stable integers (a CRC of its name), so adding a leader or an event leaves
every other stream's draws unchanged, and an agent's draw at a given step can be rebuilt at any time
(saves and replays need no random state of their own).

The agents' decisions, hundreds a game, draw from counter-based streams (Counters): one Philox generator per
leader, keyed by the seed and the leader, set to the decision's step as its counter. Setting a counter costs
about 2 µs where seeding a new generator costs about 25 µs, and the draws of a decision depend only on the
seed, the leader and the step, as before.
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


MASK = 0xFFFFFFFFFFFFFFFF


class Counters:
    """The counter-based streams of one game: `at(name, step)` is the generator named `name` (a leader id) set
    to `step`. One generator per name is kept and set again for each decision, so a generator from `at` is
    good until the next `at` with the same name (an agent draws only while it decides)."""

    def __init__(self, seed: int):
        self.seed = int(seed) & MASK
        self._made: dict[str, tuple[np.random.Philox, np.random.Generator, np.ndarray, dict]] = {}

    def at(self, name: str, step: int) -> np.random.Generator:
        made = self._made.get(name)
        if made is None:
            keys = np.array([self.seed, key(name)], dtype=np.uint64)
            bits = np.random.Philox(key=keys)
            counter = np.zeros(4, dtype=np.uint64)
            # One state per name, its counter set in place for each decision: setting a state copies it in.
            state = {"bit_generator": "Philox", "state": {"counter": counter, "key": keys},
                     "buffer": np.zeros(4, dtype=np.uint64), "buffer_pos": 4, "has_uint32": 0, "uinteger": 0}
            made = self._made[name] = (bits, np.random.Generator(bits), counter, state)
        bits, generator, counter, state = made
        counter[0] = int(step) & MASK
        bits.state = state
        return generator


class LazyAt:
    """Counters.at(name, step), set when first drawn from: most decisions never draw."""

    __slots__ = ("_counters", "_name", "_step", "_generator")

    def __init__(self, counters: Counters, name: str, step: int):
        self._counters, self._name, self._step = counters, name, step
        self._generator: np.random.Generator | None = None

    def __getattr__(self, name: str):
        if self._generator is None:
            self._generator = self._counters.at(self._name, self._step)
        return getattr(self._generator, name)


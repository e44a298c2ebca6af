"""Helpers for front-end tests: an App in a temporary home, frames until something happens, clicks."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.settings import Settings  # noqa: E402


def make_app(speed: str = "instant", seed: int = 7, **kwargs) -> App:
    return App(Settings(speed=speed, seed=seed), size=(1280, 720), **kwargs)


def frames(app: App, count: int = 1) -> None:
    for _ in range(count):
        app.step(1 / 60)


def until(app: App, predicate, limit: int = 3000, what: str = "the condition") -> None:
    """Run frames until predicate() holds; fail (not hang) after limit frames."""
    for _ in range(limit):
        if predicate():
            return
        app.step(1 / 60)
    raise AssertionError(f"{what} did not happen within {limit} frames (on {type(app.scene).__name__})")


def press(app: App, element) -> None:
    """Click an element with real mouse events and let the UI react."""
    from game.ui.driver import click
    click(element)
    frames(app, 3)


def scene_is(app: App, cls) -> bool:
    return isinstance(app.scene, cls)


__all__ = ["App", "frames", "make_app", "pygame", "press", "scene_is", "until"]

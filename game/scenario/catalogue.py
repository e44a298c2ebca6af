"""Where scenarios come from: a file path, or the id of a scenario bundled with Summit.

The catalogue sits in the scenario part because it only finds and checks files. The names of the agents a
scenario may ask for belong to the agent registry, a part above this one, so a caller that plays the
scenario passes them in (`check(spec, game.agents.names())`)."""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from ..i18n import msg
from .errors import Problem
from .loader import Checked, check_file


def bundled_dir() -> Path:
    """The bundled scenarios: inside the installed package, or the repository's scenarios/ folder."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "scenarios"
    if packaged.is_dir():
        return packaged
    return package.parent / "scenarios"


def bundled_ids() -> tuple[str, ...]:
    folder = bundled_dir()
    return tuple(sorted(path.stem for path in folder.glob("*.yaml"))) if folder.is_dir() else ()


DEFAULT_SCENARIO = "rutte_washington_2025"


def template_path() -> Path:
    """The commented starting point `summit new-scenario` copies."""
    return Path(__file__).resolve().parent / "templates" / "new_scenario.yaml"


def resolve(spec: str) -> Path:
    """The file a SCENARIO argument names: an existing path, else a bundled id; FileNotFoundError
    (with the bundled ids listed) when it is neither."""
    path = Path(spec)
    try:
        os.lstat(path)   # there, even as a link to nothing or a link loop: reading it says which
        return path
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError:   # a link loop on the way, a name the system refuses (too long, ...): reading says why, located
        return path
    candidate = bundled_dir() / f"{spec}.yaml"
    if "/" not in spec and "\\" not in spec and candidate.is_file():
        return candidate
    raise FileNotFoundError(_not_found(spec))


def _not_found(spec: str | None = None) -> str:
    known = ", ".join(bundled_ids()) or msg("(none found)")
    if spec is None:
        return msg("no such file, and no bundled scenario has that id (bundled: {known})", known=known)
    return msg("{spec}: no such file, and no bundled scenario has that id (bundled: {known})", spec=spec, known=known)


def check(spec: str, agent_names: Collection[str] | None = None) -> Checked:
    """Check the scenario a SCENARIO argument names. With agent_names (the registry's), an agent the file
    names that is not among them is an error; without, agent names are not checked."""
    try:
        path = resolve(spec)
    except FileNotFoundError:
        return Checked(None, (Problem(1, 1, "", _not_found(), spec),))
    return check_file(path, agent_names)

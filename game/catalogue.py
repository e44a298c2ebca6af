"""Where scenarios come from: a file path, or the id of a scenario bundled with Summit."""

from __future__ import annotations

from pathlib import Path

from .agents import names as agent_names
from .scenario import Checked, Problem, check_file


def bundled_dir() -> Path:
    """The bundled scenarios: inside the installed package, or the repository's scenarios/ folder."""
    packaged = Path(__file__).resolve().parent / "scenarios"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "scenarios"


def bundled_ids() -> tuple[str, ...]:
    folder = bundled_dir()
    return tuple(sorted(path.stem for path in folder.glob("*.yaml"))) if folder.is_dir() else ()


DEFAULT_SCENARIO = "rutte_washington_2025"


def resolve(spec: str) -> Path:
    """The file a SCENARIO argument names: an existing path, else a bundled id; FileNotFoundError
    (with the bundled ids listed) when it is neither."""
    path = Path(spec)
    try:
        if path.exists():
            return path
    except OSError:   # a name the system refuses (too long, ...): reading the file says why, located
        return path
    candidate = bundled_dir() / f"{spec}.yaml"
    if "/" not in spec and "\\" not in spec and candidate.is_file():
        return candidate
    known = ", ".join(bundled_ids()) or "(none found)"
    raise FileNotFoundError(f"{spec}: no such file, and no bundled scenario has that id (bundled: {known})")


def check(spec: str) -> Checked:
    """Check the scenario a SCENARIO argument names, with the agent registry's names."""
    try:
        path = resolve(spec)
    except FileNotFoundError as missing:
        return Checked(None, (Problem(1, 1, "", str(missing).split(": ", 1)[1], spec),))
    return check_file(path, agent_names())

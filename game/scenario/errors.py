"""Located problems in a scenario file."""

from __future__ import annotations

from dataclasses import dataclass

from .untrusted import shown


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning, located in the file it came from. Lines and columns count from 1."""

    line: int
    column: int
    path: str
    message: str
    file: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        kind = "warning: " if self.severity == "warning" else ""
        # One line, safe to print: the file's name and a quoted value may hold control characters.
        return shown(f"{where}: {self.path or '(file)'}: {kind}{self.message}")


class ScenarioError(ValueError):
    """A scenario that cannot be loaded; `problems` holds every error found, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

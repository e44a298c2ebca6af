"""Located problems in a scenario file."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import localize, msg
from .untrusted import shown


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning, located in the file it came from. Lines and columns count from 1. `message` is
    English (an i18n.Message, which the validator reads back); str() and `text` are in the language in use."""

    line: int
    column: int
    path: str
    message: str
    file: str = ""
    severity: str = "error"

    @property
    def text(self) -> str:
        """The message in the language in use."""
        return localize(self.message)

    def __str__(self) -> str:
        # FILE:LINE:COLUMN: path: stays as it is in every language (editors and scripts read it).
        where = f"{self.file}:{self.line}:{self.column}"
        said = msg("warning: {text}", text=self.message) if self.severity == "warning" else self.message
        # One line, safe to print: the file's name and a quoted value may hold control characters.
        return shown(f"{where}: {self.path or '(file)'}: {localize(said)}")


class ScenarioError(ValueError):
    """A scenario that cannot be loaded; `problems` holds every error found, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

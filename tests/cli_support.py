"""Running the command line in-process from tests: the exit code and what it printed."""

from __future__ import annotations

from game.cli import main


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `summit ARGS...`, run in this process."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err

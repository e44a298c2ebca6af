"""Running the command line in-process from tests: the exit code and what it printed."""

from __future__ import annotations

import contextlib
import io

from game.cli import main


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `summit ARGS...`, run in this process."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def captured(*args: str) -> tuple[int, str, str]:
    """The same without capsys (for fixtures shared by a whole module)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()

"""Running the command line in-process from tests: the exit code and what it printed."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

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


def interrupted_batch(args: list[str], out: Path, cwd: Path) -> tuple[subprocess.Popen, str, str]:
    """`summit ARGS` (a batch writing to `out`) in a process group of its own, interrupted as a terminal does
    (SIGINT to the whole group) once `out` holds 6 rows (a CSV's header line aside): (the process, its stdout,
    its stderr)."""
    # As from a terminal, Ctrl-C is not ignored, even when these tests run in a background job (whose
    # commands a shell starts with SIGINT ignored, and Python keeps it so).
    process = subprocess.Popen([sys.executable, "-m", "game", *args], cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 60
        lines = 6 + (out.suffix == ".csv")   # a CSV's header is no row: waiting for 6 lines, a slow machine saw 5 rows
        while (not out.exists() or out.read_text(encoding="utf-8").count("\n") < lines) and process.poll() is None:
            assert time.monotonic() < deadline, "no rows after a minute"
            time.sleep(0.02)
        assert process.poll() is None, "the batch ended before it could be interrupted"
        os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    return process, stdout, stderr


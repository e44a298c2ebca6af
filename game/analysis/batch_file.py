"""A batch's rows on disk, and Ctrl-C between rows: `RowWriter` streams rows to CSV or JSON lines in run
order; `held_interrupts` lets a row be written and counted whole or not at all. (game/analysis/batch.py plays
the runs.)"""

from __future__ import annotations

import contextlib
import csv
import json
import signal
import threading
from pathlib import Path

from ..scenario import Scenario
from .batch import ROW_SUFFIXES, BatchRow, columns, csv_cells


# ----- writing rows -------------------------------------------------------------------------------------

class RowWriter:
    """Rows streamed to a .csv or .jsonl file in run order: a row that finishes early waits (in memory, a few
    chunks at most) for the runs before it. Each row is flushed as it is written. `close(rest=True)` also
    writes the rows still waiting, after the gap of the runs that never finished (a stopped batch)."""

    def __init__(self, path: Path, scenario: Scenario):
        """OSError if it cannot be written: UnsafeOutput for a link, pipe or device, OutputBusy for another batch's."""
        from ..files import open_streamed

        if path.suffix not in ROW_SUFFIXES:
            raise ValueError(f"{path}: rows are written to a .csv or .jsonl file")
        self.path, self.written, self._next, self._waiting = path, 0, 0, {}
        self._handle, self._claim = open_streamed(path)   # the claim, held until close(), refuses a second batch
        self._csv = None
        if path.suffix == ".csv":
            self._csv = csv.writer(self._handle, lineterminator="\n")
            self._csv.writerow(columns(scenario))
            self._handle.flush()

    def add(self, row: BatchRow) -> None:
        """OSError (naming the file) if it cannot be written."""
        self._waiting[row.run] = row
        with self._named_errors():
            wrote = False
            while self._next in self._waiting:
                self._write(self._waiting.pop(self._next))
                self._next += 1
                wrote = True
            if wrote:
                self._handle.flush()

    @contextlib.contextmanager
    def _named_errors(self):
        try:
            yield
        except OSError as error:   # a full disk's error names no file
            raise OSError(error.errno, error.strerror or str(error), str(self.path)) from None

    def _write(self, row: BatchRow) -> None:
        if self._csv is not None:
            self._csv.writerow(csv_cells(row))
        else:
            self._handle.write(json.dumps(row.to_json(), ensure_ascii=False) + "\n")
        self.written += 1

    def close(self, rest: bool = True) -> None:
        if self._handle.closed:
            return
        with self._named_errors():
            try:
                if rest:
                    for run in sorted(self._waiting):
                        self._write(self._waiting.pop(run))
            finally:
                self._handle.close()
                self._claim.release()


# ----- Ctrl-C between rows, not inside one ---------------------------------------------------------------

@contextlib.contextmanager
def held_interrupts():
    """Inside the block Ctrl-C waits: KeyboardInterrupt is raised as the block ends, so a row is written and
    counted whole or not at all. Outside the main thread (where signals cannot be handled), or while Ctrl-C is
    ignored, it does nothing."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        yield   # (a background job ignores Ctrl-C altogether)
        return
    pending = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: pending.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pending:
        raise KeyboardInterrupt

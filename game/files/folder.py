"""A folder of documents written as one: `summit brief`, `summit debrief`, `summit batch --plot`.

Summit writes into a folder only files whose names it chose, each first to a temporary file in the folder and
renamed into place when every one of them is ready (a failure half-way leaves the folder as it was, and
removes the temporary files and a folder this run made). An existing entry of one of those names is replaced
only when it is a regular file: a link (`tusk.md -> ../victim.txt`), a pipe or a device is refused. Nothing
else in the folder is read, trusted or removed: a file an earlier run wrote and this one does not is left.

A folder marked for documents (briefings, debriefs) must be new, empty, or one Summit wrote the same kind of
documents into before: Summit leaves a small `.summit-output` file in it saying what it wrote there. A folder
that holds anything else (a course folder with an `index.html` of its own) is refused, so no file of the
user's is ever replaced. The mark only allows replacing files of Summit's names; it lists nothing to delete.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from .atomic import (LOCK, PARTIAL, Claim, UnsafeOutput, _remove_leftovers, _sync_folder, _write_new,
                     output_problem, partial_name)
from .words import worded

MARK = ".summit-output"
# The kinds of documents Summit marks folders for, as a refusal names them (the French says "des briefings").
KINDS = {"briefings": worded("briefings"), "debrief": worded("debrief"), "class tournament": worded("class tournament"),
         "batch charts": worded("batch charts"), "batch logs": worded("batch logs"), "screenshots": worded("screenshots")}


def _summits_own(name: str) -> bool:
    """The mark, a lock file or a temporary file: names only Summit gives (they say nothing of whose the
    folder is)."""
    return name == MARK or (name.startswith(".") and name.endswith((LOCK, PARTIAL)))


def _check_in_folder(final: Path) -> None:
    """check_output, its message naming the file (the command's message names the folder)."""
    problem = output_problem(final)
    if problem is not None:
        raise UnsafeOutput(errno.EEXIST, worded("{name} {problem}", name=final.name, problem=problem), str(final))


class OutputFolder:
    """Use as a context manager: `with OutputFolder(out, "debrief") as folder:` ... `folder.write(name, text)`,
    `draw(folder.path_for(name))` ... `folder.commit()`. Leaving the block without commit() removes what this
    run wrote. UnsafeOutput (an OSError whose strerror says why) when the folder may not be written."""

    def __init__(self, out: Path, kind: str | None):
        """`kind` (e.g. "briefings"): what the folder holds, checked against its mark; None writes charts
        into any folder without marking it (each file still replaced only when it is a regular file)."""
        self.out, self.kind = Path(out), kind
        self._pending: list[tuple[Path, Path]] = []   # (final, temporary), in the order they were asked for
        self._made = False
        self._claim: Claim | None = None

    def __enter__(self) -> "OutputFolder":
        out = self.out
        if os.path.lexists(out) and not out.is_dir():   # a folder named through a link is a folder the user chose
            raise UnsafeOutput(errno.EEXIST, output_problem(out) or worded("is a file; name a folder"), str(out))
        if not out.exists():
            out.mkdir(parents=True)
            self._made = True
        self._claim = Claim(out / MARK)
        try:
            if self.kind is not None and not self._made:
                self._check_mark()
        except BaseException:
            self._claim.release()
            raise
        return self

    def __exit__(self, kind, error, trace) -> None:
        try:
            if self._pending or kind is not None:
                self.discard()
        finally:
            if self._claim is not None:
                self._claim.release()

    def _check_mark(self) -> None:
        mark = self.out / MARK
        entries = [entry.name for entry in os.scandir(self.out) if not _summits_own(entry.name)]
        if not entries:
            return
        said = None
        try:
            status = os.lstat(mark)
            mine = not hasattr(os, "getuid") or status.st_uid == os.getuid()
            if stat.S_ISREG(status.st_mode) and mine and status.st_size < 4096:
                said = mark.read_text(encoding="utf-8", errors="replace").partition("\n")[0].strip()
        except OSError:
            pass
        if said is None:
            raise UnsafeOutput(errno.ENOTEMPTY, worded("the folder holds files Summit did not write (it has no {mark} "
                                                       "mark, which Summit leaves in the folders it writes; a folder "
                                                       "from a Summit older than the mark has none either); name a "
                                                       "new or empty folder", mark=MARK), str(self.out))
        if said != self._mark_line():
            raise UnsafeOutput(errno.ENOTEMPTY, worded("the folder holds other documents ({said}), not {kind}; name "
                                                       "a new or empty folder", said=said or worded("unknown"),
                                                       kind=KINDS.get(self.kind, self.kind)),
                               str(self.out))

    def _mark_line(self) -> str:
        return f"summit {self.kind}"

    def path_for(self, name: str) -> Path:
        """A temporary path to write the file `name` into (a chart's savefig); renamed by commit()."""
        if not name or "/" in name or "\\" in name or name.startswith(".") or name == MARK:
            raise ValueError(f"{name!r} is not a plain file name")
        final = self.out / name
        _check_in_folder(final)
        _remove_leftovers(final)
        if any(done == final for done, _ in self._pending):
            raise ValueError(f"{name} is written twice")
        temporary = partial_name(final)
        self._pending.append((final, temporary))
        return temporary

    def write(self, name: str, text: str | bytes) -> Path:
        """Write the file `name` (renamed into place by commit()); its final path."""
        if not name or "/" in name or "\\" in name or name.startswith(".") or name == MARK:
            raise ValueError(f"{name!r} is not a plain file name")
        final = self.out / name
        _check_in_folder(final)
        _remove_leftovers(final)
        temporary = _write_new(final, text.encode("utf-8") if isinstance(text, str) else text)
        try:
            self._pending.append((final, temporary))
            if sum(done == final for done, _ in self._pending) > 1:
                raise ValueError(f"{name} is written twice")
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return final

    def forget(self, name: str) -> None:
        """Not write `name` after all (a chart there was nothing to draw for)."""
        final = self.out / name
        for temporary in [temporary for done, temporary in self._pending if done == final]:
            temporary.unlink(missing_ok=True)
        self._pending = [(done, temporary) for done, temporary in self._pending if done != final]

    def planned(self) -> list[Path]:
        """The final paths of the files asked for so far, in order."""
        return [final for final, _ in self._pending]

    def commit(self) -> list[Path]:
        """Every file into place (each checked again first); the final paths, in the order they were asked for."""
        for final, temporary in self._pending:
            if not temporary.is_file():
                raise FileNotFoundError(errno.ENOENT, worded("{name} was never written", name=final.name), str(final))
            _check_in_folder(final)
        if self.kind is not None:
            mark = self.out / MARK
            _check_in_folder(mark)
            text = (f"{self._mark_line()}\nSummit wrote {self.kind} here; it writes into this folder again only "
                    f"while this file is here, and replaces only files of its own names.\n")
            os.replace(_write_new(mark, text.encode("utf-8")), mark)
        done = []
        for final, temporary in self._pending:
            os.replace(temporary, final)
            done.append(final)
        self._pending = [(final, temporary) for final, temporary in self._pending if final not in done]
        _sync_folder(self.out)
        return done

    def discard(self) -> None:
        """Remove the temporary files this run wrote, and the folder if this run made it and it is empty."""
        for _, temporary in self._pending:
            with contextlib.suppress(OSError):
                temporary.unlink()
        self._pending = []
        if self._made:
            if self._claim is not None:
                self._claim.release()
            with contextlib.suppress(OSError):
                self.out.rmdir()   # only an empty folder goes


def mark_folder(out: Path, kind: str) -> None:
    """Claim a folder Summit will write files of its own names into, one by one as a run goes (a batch's logs,
    a demo's screenshots): it must be new, empty, or marked for the same kind of files; the mark is left in it.
    UnsafeOutput otherwise, before anything is written (a user's `01-title.png` is never replaced)."""
    with OutputFolder(out, kind) as folder:
        folder.commit()

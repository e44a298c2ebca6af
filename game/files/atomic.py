"""Writing the user's files safely.

Four rules hold for every file Summit writes:

- Only a regular file is replaced. A link, a folder, a named pipe (FIFO), a device or a socket at the path is
  refused (`UnsafeOutput`) and left as it is: Summit never writes through a link, never waits on a pipe and
  never turns a device into a file.
- One writer at a time. A writer first claims the path: an flock'd lock file beside it, `.NAME.summit-lock`,
  removed when the claim ends. A second writer (another Summit process) is refused (`OutputBusy`) with the
  process that holds it; the system releases a claim when its process dies, so a killed run never leaves the
  path locked.
- Whole files only. The text goes to a temporary file beside the target, created new (O_EXCL) with the
  umask's permissions, flushed, synced and renamed over it: a crash leaves the previous file as it was.
- Summit deletes only what it made. A temporary file a killed run left behind is removed later, but only one
  whose name only Summit makes (`.NAME.<8 hex digits>.summit-partial`), a regular file, old enough not to be a
  write in progress: an editor's `.notes.csv.swp` beside an output is never touched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from .words import worded

STALE_SECONDS = 300  # a temporary file this old is no write in progress: one the program was killed during
PARTIAL = ".summit-partial"
LOCK = ".summit-lock"
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_BINARY", 0)


class UnsafeOutput(OSError):
    """A path Summit will not write (a link, a folder, a pipe, a device, a socket); `strerror` says why, in
    words a message can quote after the path (`Words`: English, which game/i18n's `reason_of` translates)."""


class OutputBusy(UnsafeOutput):
    """Another Summit process is writing this path now."""


def output_problem(path: Path) -> str | None:
    """Why Summit will not write a file at `path` (as words to follow the path in a message), or None when it
    may: nothing is there, or a regular file. The path is not followed: a link is a link, whatever it names."""
    try:
        status = os.lstat(path)
    except OSError:   # nothing there (or a folder on the way that is missing): the write itself says
        return None
    mode = status.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return worded("is a link (to {target}); Summit does not write through links: name the file itself",
                      target=target)
    if stat.S_ISDIR(mode):
        return worded("is a folder; name a file")
    if stat.S_ISFIFO(mode):
        return worded("is a named pipe (FIFO), not a file; Summit writes only regular files")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return worded("is a device, not a file; Summit writes only regular files")
    if stat.S_ISSOCK(mode):
        return worded("is a socket, not a file; Summit writes only regular files")
    return worded("is not a regular file; Summit writes only regular files")


def missing_reason(path: Path) -> str:
    """Why a folder that should be there is not usable, as words to follow its name: a link loop says so
    (Python's is_dir() and exists() answer False for one, as for a missing folder)."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return worded("is a link that leads back to itself (a link loop)")
        return worded("does not exist")
    return worded("is not a folder")


def check_output(path: Path) -> None:
    """UnsafeOutput when `output_problem` finds one."""
    problem = output_problem(path)
    if problem is not None:
        raise UnsafeOutput(errno.EEXIST, problem, str(path))


def describe_os_error(error: OSError) -> str:
    """What went wrong with a file, in words for a message after its name: the system's words, but a link
    loop said as one (the system's "Too many levels of symbolic links" reads like something else)."""
    if error.errno == errno.ELOOP:
        return worded("is a link that leads back to itself (a link loop), so there is no file to read")
    return error.strerror or str(error)


# ----- one writer at a time --------------------------------------------------------------------------------

class Claim:
    """The right to write one path, held until `release()` (or the end of a `with` block)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.lock = self.path.with_name(f".{self.path.name}{LOCK}")
        self._descriptor: int | None = _take(self.lock, self.path)

    def release(self) -> None:
        descriptor, self._descriptor = self._descriptor, None
        if descriptor is None:
            return
        if _LOCKS is not None:   # unlinked while held, so a writer waiting on this inode sees it is stale
            with contextlib.suppress(OSError):
                os.unlink(self.lock)
            os.close(descriptor)
        else:   # Windows: an open file cannot be removed
            _unlock(descriptor)
            os.close(descriptor)
            with contextlib.suppress(OSError):
                os.unlink(self.lock)

    def __enter__(self) -> "Claim":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


try:
    import fcntl as _LOCKS
except ImportError:   # Windows
    _LOCKS = None


def _lock(descriptor: int) -> bool:
    if _LOCKS is not None:
        try:
            _LOCKS.flock(descriptor, _LOCKS.LOCK_EX | _LOCKS.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    import msvcrt
    try:
        msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _unlock(descriptor: int) -> None:
    if _LOCKS is None:
        import msvcrt
        with contextlib.suppress(OSError):
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)


def _holder(descriptor: int) -> str:
    """The process id the holder of a lock file wrote in it ("" when it cannot be read)."""
    try:
        os.lseek(descriptor, 0, os.SEEK_SET)
        return os.read(descriptor, 32).decode("ascii", "replace").strip()
    except OSError:
        return ""


def _take(lock: Path, path: Path) -> int:
    """Open and lock the lock file (made if missing); OutputBusy when another process holds it. A lock file
    removed by its holder between our open and our lock is stale: try again on the new one."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(20):
        problem = output_problem(lock)
        if problem is not None:
            raise UnsafeOutput(errno.EEXIST, worded("its lock file {lock} {problem}", lock=lock.name, problem=problem),
                               str(path))
        descriptor = os.open(lock, flags, 0o666)
        try:
            opened = os.fstat(descriptor)
            if not stat.S_ISREG(opened.st_mode):
                raise UnsafeOutput(errno.EEXIST, worded("its lock file {lock} is not a regular file", lock=lock.name),
                                   str(path))
            if opened.st_nlink > 1:   # a hard link planted at the lock's name: writing our pid would change the other file
                raise UnsafeOutput(errno.EEXIST, worded("its lock file {lock} has other names (a hard link); "
                                                        "remove it if it is not Summit's", lock=lock.name), str(path))
            if not _lock(descriptor):
                holder = _holder(descriptor)
                busy = (worded("another Summit (process {process}) is writing it now; wait until it is done, or name "
                               "another file", process=holder) if holder.isdigit() else
                        worded("another Summit is writing it now; wait until it is done, or name another file"))
                raise OutputBusy(errno.EBUSY, busy, str(path))
            held = os.fstat(descriptor)
            try:
                now = os.lstat(lock)
            except FileNotFoundError:
                now = None
            if now is None or (now.st_ino, now.st_dev) != (held.st_ino, held.st_dev):
                os.close(descriptor)
                continue
            os.ftruncate(descriptor, 0)
            os.lseek(descriptor, 0, os.SEEK_SET)
            os.write(descriptor, f"{os.getpid()}\n".encode("ascii"))   # for the message of a writer refused
            return descriptor
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(descriptor)
            raise
    raise OutputBusy(errno.EBUSY, worded("other programs keep taking its lock file; try again"), str(path))


# ----- whole files ------------------------------------------------------------------------------------------

def write_atomically(path: Path, text: str | bytes, backup: Path | None = None) -> None:
    """Write text (or bytes) to path through a temporary file, flushed, synced to disk and renamed: a crash
    mid-write leaves the previous file as it was, never half a file. With `backup`, the file being replaced
    becomes the backup (the previous backup is replaced), so at every moment both names hold a whole file.
    UnsafeOutput when path or backup is not a regular file (see the module), OutputBusy when another Summit is
    writing path; other OSErrors as the system gives them."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for target in filter(None, (path, backup)):
        check_output(target)
    with Claim(path):
        _remove_leftovers(path, backup)
        data = text.encode("utf-8") if isinstance(text, str) else text
        temporary = _write_new(path, data)
        try:
            if backup is not None and os.path.isfile(path):
                _keep_as(path, backup)
            check_output(path)   # again, just before the rename: a link or a pipe put there meanwhile stays
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    _sync_folder(path.parent)


def partial_name(path: Path) -> Path:
    """A fresh temporary name beside `path`, of the one form the leftover cleaner removes."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{PARTIAL}")


def _write_new(path: Path, data: bytes) -> Path:
    """A new temporary file beside `path` holding data, on disk; its name."""
    while True:
        temporary = partial_name(path)
        try:
            descriptor = os.open(temporary, _NEW, 0o666)   # the umask decides who may read it, as for any file
        except FileExistsError:
            continue
        break
    try:
        with open(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _keep_as(path: Path, backup: Path) -> None:
    """Make `backup` a second name for the file at `path` (a copy where the disk has no hard links, as on a
    FAT-formatted USB stick), through a temporary name so a crash never leaves half a backup."""
    temporary = partial_name(backup)
    try:
        try:
            os.link(path, temporary)
        except OSError:
            with open(path, "rb") as source:
                data = source.read()
            temporary = _write_new(backup, data)
        check_output(backup)
        os.replace(temporary, backup)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _remove_leftovers(*paths: Path | None) -> None:
    """Remove the temporary files a killed Summit left behind while writing these paths: regular files named
    `.NAME.<8 hex digits>.summit-partial`, this user's, too old to be a write in progress. Nothing else."""
    now = time.time()
    for path in filter(None, paths):
        ours = re.compile(re.escape(f".{path.name}.") + r"[0-9a-f]{8}" + re.escape(PARTIAL))
        try:
            names = [entry.name for entry in os.scandir(path.parent)]
        except OSError:
            return
        for name in names:
            if not ours.fullmatch(name):
                continue
            leftover = path.parent / name
            try:
                status = os.lstat(leftover)
                mine = not hasattr(os, "getuid") or status.st_uid == os.getuid()
                if stat.S_ISREG(status.st_mode) and mine and now - status.st_mtime > STALE_SECONDS:
                    leftover.unlink()
            except OSError:
                pass  # gone already, or not ours to remove


def _sync_folder(folder: Path) -> None:
    """The renames themselves on disk, not only in the cache (where the system allows opening a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# ----- files streamed as they are written ------------------------------------------------------------------

def open_streamed(path: Path):
    """(a text handle, its Claim) for rows that should be readable as they are written (`summit batch
    --out`): the path is claimed (OutputBusy while another Summit writes it, left as that one writes it),
    must be nothing yet or a regular file, is opened without following a link and without waiting on a pipe,
    checked again once open, and only then emptied. Close the handle, then release the claim."""
    claim = Claim(path)
    try:
        return _open_streamed(path), claim
    except BaseException:
        claim.release()
        raise


def _open_streamed(path: Path):
    check_output(path)
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) \
        | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags, 0o666)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENXIO):   # a link, or a pipe no one reads, put there meanwhile
            check_output(path)
        raise
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise UnsafeOutput(errno.EEXIST, output_problem(path) or worded("is not a regular file"), str(path))
        if status.st_nlink > 1:   # written in place, so the other names would change too (a rename would not)
            raise UnsafeOutput(errno.EEXIST, worded("is a hard link: the same file has {count} other name(s) Summit "
                                                    "would change too; name a new file", count=status.st_nlink - 1),
                               str(path))
        os.set_blocking(descriptor, True)
        os.ftruncate(descriptor, 0)
        return open(descriptor, "w", encoding="utf-8", newline="")
    except BaseException:
        os.close(descriptor)
        raise


# ----- a new name, taken in one step -----------------------------------------------------------------------

def create_new(candidates: Iterable[Path], data: bytes = b"") -> Path:
    """The first of `candidates` that did not exist, created in the same step, so that two programs choosing at
    the same moment never get the same file. Its folder is made if missing. With `data`, the file holds it from
    the moment it has its name: it is written under a temporary name and linked to the chosen one (a link fails
    when the name is taken), so a crash never leaves the name empty or half written. Where the disk has no hard
    links (a FAT-formatted USB stick), the name is taken empty (O_EXCL) and the data written in after."""
    temporary = None
    try:
        for path in candidates:
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            if data and temporary is None:
                temporary = _write_new(path, data)
            try:
                if temporary is None:
                    os.close(os.open(path, _NEW, 0o666))
                else:
                    _link_new(temporary, path, data)
            except FileExistsError:
                continue
            _sync_folder(path.parent)
            return path
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
    raise FileExistsError(errno.EEXIST, worded("every name is taken"))


def _link_new(temporary: Path, path: Path, data: bytes) -> None:
    """`path` as a new name of the written `temporary`; FileExistsError when it is taken."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:   # no hard links here: the name first, then the data
        descriptor = os.open(path, _NEW, 0o666)
        try:
            with open(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:   # a full disk: the name is given back, not left empty
            path.unlink(missing_ok=True)
            raise


def numbered(first: Path, then: str) -> Iterator[Path]:
    """`first`, then `then.format(number=2)`, 3, ... in the same folder (a name for each number)."""
    yield first
    number = 2
    while True:
        yield first.with_name(then.format(number=number))
        number += 1

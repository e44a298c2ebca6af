"""Writing the user's files safely."""

from __future__ import annotations

import glob
import os
import secrets
import tempfile
import time
from pathlib import Path

STALE_SECONDS = 300  # a temporary file this old is no write in progress: one the program was killed during


def _file_mode() -> int:
    """The permissions a new file gets under this process's umask (read once, at import, while no other thread
    runs: reading it means setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()


def write_atomically(path: Path, text: str, backup: Path | None = None) -> None:
    """Write text to path through a temporary file, flushed, synced to disk and renamed: a crash mid-write
    leaves the previous file as it was, never half a file. With `backup`, the file being replaced becomes
    the backup (the previous backup is replaced), so at every moment both names hold a whole file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(path, backup)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False)
    try:
        with handle:
            # A temporary file is made 0600; the file written is the user's, with the umask's permissions.
            os.chmod(handle.fileno() if os.chmod in os.supports_fd else handle.name, FILE_MODE)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if backup is not None and path.is_file():
            _keep_as(path, backup)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _keep_as(path: Path, backup: Path) -> None:
    """Make `backup` a second name for the file at `path` (a copy where the disk has no hard links, as on a
    FAT-formatted USB stick), through a temporary name so a crash never leaves half a backup."""
    temporary = backup.with_name(f".{backup.name}.{secrets.token_hex(4)}")
    try:
        try:
            os.link(path, temporary)
        except OSError:
            with open(path, "rb") as source, open(temporary, "wb") as copy:
                copy.write(source.read())
                copy.flush()
                os.fsync(copy.fileno())
        os.replace(temporary, backup)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _remove_leftovers(*paths: Path | None) -> None:
    """Remove the temporary files a killed program left behind while writing these paths (hidden names
    starting `.NAME.`), once they are too old to be another program's write in progress."""
    now = time.time()
    for path in filter(None, paths):
        for leftover in path.parent.glob(f".{glob.escape(path.name)}.*"):
            try:
                if now - leftover.lstat().st_mtime > STALE_SECONDS:
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

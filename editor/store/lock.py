"""One writer at a time: an advisory lock on a small file beside the work, and one on the
work's file itself.

The operating system drops the locks when their holder dies, so a crash never leaves a work
locked. The small file says who holds the work; it is named after the work's real path
(symlinks resolved) and removed on release; a process that locked a file just removed checks
that the name still points at what it locked, and tries again if not.

A name is not the file: a hardlink is a second name in any folder of the disk. So the work's
file (its inode, whatever name opened it) is locked too, with flock(). On Linux flock() and
SQLite's own fcntl() locks never meet, and the descriptor is closed only after every SQLite
connection to the file (closing any descriptor of a file drops the process's fcntl() locks).
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from editor.store.errors import ProjectError


class LockedError(ProjectError):
    def __init__(self, work: Path, owner: str) -> None:
        where = f" ({owner})" if owner else ""
        super().__init__(
            f"“{work.name}” is already open in another Ficwright window{where}. "
            "You can open it read-only, or close it there first."
        )
        self.work = work
        self.owner = owner


def lock_path(work: Path) -> Path:
    return work.with_name(f".{work.name}.lock")


def _real(work: Path) -> Path:
    try:
        return work.resolve(strict=True)
    except (OSError, RuntimeError):  # not there yet (a new work), or a symlink loop
        return work


class WorkLock:
    def __init__(self, fd: int, path: Path, file_fd: int | None = None) -> None:
        self._fd: int | None = fd
        self._path = path
        self._file_fd = file_fd

    @classmethod
    def acquire(cls, work: Path) -> WorkLock:
        lock = cls._acquire_name(work)
        try:
            lock._file_fd = _lock_file(work)
        except BaseException:
            lock.release()
            raise
        return lock

    @classmethod
    def _acquire_name(cls, work: Path) -> WorkLock:
        path = lock_path(_real(work))
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                _lock(fd)
            except OSError:
                try:
                    owner = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
                finally:
                    os.close(fd)
                raise LockedError(work, owner) from None
            if _same_file(fd, path):
                break
            # The holder released and removed the file between our open and our lock.
            _unlock(fd)
            os.close(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"process {os.getpid()} on {socket.gethostname()}".encode(), 0)
        return cls(fd, path)

    def release(self) -> None:
        if self._file_fd is not None:
            file_fd, self._file_fd = self._file_fd, None
            os.close(file_fd)  # drops its flock()
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                self._path.unlink(missing_ok=True)  # while still holding it: see above
            except OSError:
                # A folder made read-only while the work was open: the lock file stays,
                # unlocked, and the next open takes it over (a closed work must close).
                pass
            finally:
                _unlock(fd)
                os.close(fd)


def _lock_file(work: Path) -> int | None:
    """A descriptor holding the lock on the work's file itself; None where that is not done."""
    if sys.platform == "win32":  # pragma: no cover - msvcrt's locks would stop SQLite reading
        return None
    try:
        fd = os.open(work, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None  # gone already: SQLite's open fails next, with its own message
    try:
        _lock(fd)
    except OSError:
        os.close(fd)
        raise LockedError(work, "") from None
    return fd


def _same_file(fd: int, path: Path) -> bool:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (held.st_dev, held.st_ino)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

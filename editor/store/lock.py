"""One writer at a time: an advisory lock on a small file beside the work.

The operating system drops the lock when its holder dies, so a crash never leaves a work
locked. The file is removed on release; a process that locked a file just removed checks
that the name still points at what it locked, and tries again if not.
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


class WorkLock:
    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self._path = path

    @classmethod
    def acquire(cls, work: Path) -> WorkLock:
        path = lock_path(work)
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
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                self._path.unlink(missing_ok=True)  # while still holding it: see above
            finally:
                _unlock(fd)
                os.close(fd)


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

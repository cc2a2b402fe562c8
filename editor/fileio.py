"""Writing files whole or not at all: a full disk or a crash mid-write keeps the old file."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path


def refuse_non_file(path: Path) -> None:
    """Raise OSError when ``path`` names something a written file must not replace: a
    symbolic link (the rename would replace the link, not what it points to), a folder, or
    a device, pipe or socket. A missing path or a regular file is fine."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise OSError(errno.EEXIST, "it is a symbolic link (give the real file's path)", str(path))
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if not stat.S_ISREG(mode):
        raise OSError(errno.EEXIST, "it is a device or other special file", str(path))


def write_atomic(path: Path, data: bytes, *, files_only: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, then replace.

    ``files_only``: refuse (OSError) to replace anything but a regular file, see
    ``refuse_non_file``; otherwise only a folder is refused.
    """
    if files_only:
        refuse_non_file(path)
    elif path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    # A fresh name, created exclusively and never through a link: a planted
    # ".name.part" symlink cannot redirect the write.
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(partial, flags | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with open(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise

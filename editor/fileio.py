"""Writing files whole or not at all: a full disk or a crash mid-write keeps the old file."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, then replace."""
    if path.is_dir():
        raise IsADirectoryError(21, "it is a folder", str(path))
    partial = path.with_name(f".{path.name}.part")
    try:
        with open(partial, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise

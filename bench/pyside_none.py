"""Keep None alive under PySide6 6.12.0 on Python 3.11 (see keep_none_alive)."""

from __future__ import annotations

import ctypes
import sys

import PySide6


def keep_none_alive() -> None:
    """Every call of a void PySide6 6.12.0 method drops one reference to None (it returns
    Py_None without a Py_INCREF). None is immortal from Python 3.12 on; on 3.11 its count
    reaches zero after a few thousand calls and the process aborts with "none_dealloc".
    Loading one 5,000-word chapter makes more calls than that, so every benchmark process
    that opens real chapters lends None a very large count first. pyproject.toml excludes
    6.12.0; this keeps the benchmarks usable in a venv that still has it.
    """
    if sys.version_info < (3, 12) and PySide6.__version__ == "6.12.0":
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40

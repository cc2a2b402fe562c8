"""Guards against a Qt binding that would crash the app in the field."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(int)


def test_emitting_signals_leaves_refcounts_alone() -> None:
    # PySide6 6.12.0 dropped a reference to True/False on every emit, so an editor that
    # emits on each keystroke aborted after a few hundred keys (pyproject excludes it).
    emitter = _Emitter()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(200):
        emitter.changed.emit(i)
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before

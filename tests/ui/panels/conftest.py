"""Shared set-up for the panel tests: a panel shown on its own, and a signal recorder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

W = TypeVar("W", bound=QWidget)


@pytest.fixture
def shown(qtbot) -> Callable[..., Any]:  # type: ignore[no-untyped-def]
    """Show a widget as its own window; ``active=True`` also waits for it to be active
    (focus moves, which finish an edit, happen only in the active window)."""

    def _show(widget: W, *, active: bool = False) -> W:
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        if active:
            widget.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
        return widget

    return _show


def record(signal: SignalInstance) -> list[tuple[Any, ...]]:
    """Every emission of ``signal``, as a tuple of its arguments."""
    got: list[tuple[Any, ...]] = []
    signal.connect(lambda *args: got.append(args))
    return got

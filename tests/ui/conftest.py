"""Fixtures that open the real main window on a real work file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from editor.ui.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def open_window(qtbot, settings: QSettings) -> Iterator[OpenWindow]:  # type: ignore[no-untyped-def]
    windows: list[MainWindow] = []

    def _open(path: Path | None = None) -> MainWindow:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        # Shortcuts reach only the active window.
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        if path is not None:
            assert window.open_path(path)
        windows.append(window)
        return window

    yield _open
    for window in windows:
        if window.workspace is not None:
            window.close()


@pytest.fixture
def confirm(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer Yes to every confirmation; the list records what was asked."""
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked

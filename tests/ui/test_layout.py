"""The window's layout (size, docks) is remembered across restarts, however the app ends."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication

from editor.app import save_on_quit
from editor.store.project import Project
from editor.ui.main_window import MainWindow

from .conftest import OpenWindow


def make_work(path: Path) -> Path:
    project = Project.create(path, "Storm Front")
    project.add_chapter("One", "<p>One.</p>", 1)
    project.close()
    return path


def closed_dock_after_restart(
    open_window: OpenWindow, tmp_path: Path, dock: str, end: Callable[[MainWindow], None]
) -> MainWindow:
    """Close ``dock``, end the session with ``end``, start again on the same work."""
    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    window.front_matter.docks[dock].close()
    end(window)
    again = open_window(path)
    again.restore_layout()  # as app.main does for every start
    assert not again.front_matter.docks["details"].isHidden()
    return again


def test_a_closed_dock_stays_closed_after_a_restart(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    again = closed_dock_after_restart(open_window, tmp_path, "prompt", MainWindow.close)
    assert again.front_matter.docks["prompt"].isHidden()


def test_the_layout_is_saved_when_the_session_ends_without_a_close(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    def log_out(window: MainWindow) -> None:
        app = QApplication.instance()
        save_on_quit(app, window)
        try:
            app.aboutToQuit.emit()  # a logout: Qt quits without closing the window
        finally:
            app.aboutToQuit.disconnect(window.close_work)
            app.aboutToQuit.disconnect(window.save_layout)
        assert window.workspace is None  # the work was saved and closed

    again = closed_dock_after_restart(open_window, tmp_path, "dedication", log_out)
    assert again.front_matter.docks["dedication"].isHidden()

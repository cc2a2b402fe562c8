"""The window's layout (size, docks) is remembered across restarts, however the app ends."""

from __future__ import annotations

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


def restarted(open_window: OpenWindow, path: Path) -> MainWindow:
    window = open_window(path)
    window.restore_layout()  # as app.main does for every start
    return window


def test_a_closed_dock_stays_closed_after_a_restart(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    window.front_matter.docks["prompt"].close()
    window.close()

    again = restarted(open_window, path)
    assert again.front_matter.docks["prompt"].isHidden()
    assert not again.front_matter.docks["details"].isHidden()


def test_the_layout_is_saved_when_the_session_ends_without_a_close(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    window.front_matter.docks["dedication"].close()
    app = QApplication.instance()
    save_on_quit(app, window)
    try:
        app.aboutToQuit.emit()  # a logout: Qt quits without closing the window
    finally:
        app.aboutToQuit.disconnect(window.close_work)
        app.aboutToQuit.disconnect(window.save_layout)
    assert window.workspace is None  # the work was saved and closed

    again = restarted(open_window, path)
    assert again.front_matter.docks["dedication"].isHidden()
    assert not again.front_matter.docks["details"].isHidden()

"""View ▸ Focus Mode and Typewriter Scrolling, on the real main window and a real work file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QToolBar, QWidget

from editor.store.project import Project
from editor.ui.dialogs.find_replace import FindReplaceDialog
from editor.ui.focus import TYPEWRITER_KEY
from editor.ui.keyboard import menu_actions
from editor.ui.main_window import MainWindow

from .conftest import OpenWindow


@pytest.fixture
def work_path(tmp_path: Path) -> Path:
    path = tmp_path / "storm.ficwright"
    project = Project.create(path, "Storm Front")
    long = "".join(
        f"<p>Paragraph {i} of a long chapter, with some words in it.</p>" for i in range(300)
    )
    project.add_chapter("The Letter", long, 3300)
    project.add_chapter("Nibelheim", "<p>Zack laughed.</p>", 2)
    project.close()
    return path


def bars(window: MainWindow) -> list[QDockWidget | QToolBar]:
    return [
        w
        for w in (*window.findChildren(QDockWidget), *window.findChildren(QToolBar))
        if w.parentWidget() is window
    ]


def visible_bars(window: MainWindow) -> set[str]:
    return {w.objectName() for w in bars(window) if w.isVisible()}


def test_focus_mode_shows_only_the_pane_and_esc_restores_the_window(
    qtbot, open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    window.front_matter.docks["prompt"].close()  # closed before: must stay closed
    window.front_matter.docks["notes"].show()
    before = visible_bars(window)
    assert {"chaptersDock", "formatToolbar", "notesDock"} <= before
    assert "promptDock" not in before
    geometry = window.geometry()
    full_screen = QKeySequence(QKeySequence.StandardKey.FullScreen)  # F11 on Linux
    assert window.focus_mode.act_focus.shortcut() == (full_screen or QKeySequence("F11"))
    assert window.focus_mode.act_focus in window.view_menu.actions()

    window.text_pane.setFocus()
    qtbot.keyClick(window.text_pane, Qt.Key.Key_F11)

    assert window.focus_mode.active
    assert window.isFullScreen()
    assert visible_bars(window) == set()
    assert not window.menuBar().isVisible()
    assert not window.statusBar().isVisible()
    assert window.text_pane.isVisible()
    # The text is a centred column: equal margins either side, about 70 characters wide.
    qtbot.waitUntil(lambda: window.text_pane.viewportMargins().left() > 0)
    margins = window.text_pane.viewportMargins()
    assert margins.left() == margins.right()
    column = window.text_pane.viewport().width()
    char = window.text_pane.fontMetrics().averageCharWidth()
    assert 60 * char < column < 90 * char

    qtbot.keyClick(window.text_pane, Qt.Key.Key_Escape)

    assert not window.focus_mode.active
    assert not window.isFullScreen()
    qtbot.waitUntil(lambda: visible_bars(window) == before)
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert window.text_pane.viewportMargins().left() == 0
    qtbot.waitUntil(lambda: window.geometry().size() == geometry.size())
    assert not window.front_matter.docks["prompt"].toggleViewAction().isChecked()


def test_focus_mode_from_maximised_returns_to_maximised(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized)
    window.focus_mode.act_focus.trigger()
    assert window.isFullScreen()
    window.focus_mode.act_focus.trigger()  # F11 again leaves too
    qtbot.waitUntil(window.isMaximized)
    assert not window.isFullScreen()


def test_closing_in_focus_mode_saves_the_normal_layout(
    qtbot, open_window: OpenWindow, work_path, settings: QSettings
):
    window = open_window(work_path)
    before = visible_bars(window)
    window.focus_mode.enter()
    window.close()

    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.restore_layout()
    again.show()
    qtbot.waitExposed(again)
    assert again.open_path(work_path)
    assert visible_bars(again) == before
    assert not again.isFullScreen()
    assert again.menuBar().isVisible()
    again.close()


def test_menu_shortcuts_work_in_focus_mode(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    held = window.actions()
    window.focus_mode.enter()
    # A shortcut fires only while a widget that holds its action is visible.
    for action in menu_actions(window):
        if not action.shortcut().isEmpty():
            holders = [o for o in action.associatedObjects() if isinstance(o, QWidget)]
            assert any(w.isVisible() for w in holders), action.text()

    pane = window.text_pane
    pane.setFocus()
    zoom = window.preferences_ui.appearance.zoom
    qtbot.keyClick(pane, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.preferences_ui.appearance.zoom > zoom
    qtbot.keyClick(pane, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(FindReplaceDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()

    window.focus_mode.leave()
    assert window.actions() == held


def test_zoom_in_focus_mode_keeps_the_column_about_70_characters(
    qtbot, open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    pane = window.text_pane
    window.focus_mode.enter()
    before = pane.viewportMargins().left()
    for _ in range(3):
        window.preferences_ui.appearance.zoom_in()
    assert pane.viewportMargins().left() < before
    char = pane.fontMetrics().averageCharWidth()
    assert 60 * char < pane.viewport().width() < 90 * char


def test_esc_outside_focus_mode_does_nothing(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    before = visible_bars(window)
    window.text_pane.setFocus()
    qtbot.keyClick(window.text_pane, Qt.Key.Key_Escape)
    assert visible_bars(window) == before
    assert not window.focus_mode.active


def test_typewriter_scrolling_keeps_the_cursor_line_centred_and_is_remembered(
    qtbot, open_window: OpenWindow, work_path, settings: QSettings
):
    window = open_window(work_path)
    pane = window.text_pane
    action = window.focus_mode.act_typewriter
    assert action in window.view_menu.actions() and not action.isChecked()
    action.trigger()
    assert settings.value(TYPEWRITER_KEY, False, bool)

    pane.setFocus()
    pane.moveCursor(pane.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane, " And more")
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    qtbot.keyClicks(pane, "A new line")

    middle = pane.viewport().height() / 2
    qtbot.waitUntil(lambda: abs(pane.cursorRect().center().y() - middle) <= 2)
    window.close()

    again = open_window(work_path)
    assert again.focus_mode.act_typewriter.isChecked()
    assert again.focus_mode.typewriter.enabled


def test_without_typewriter_the_cursor_line_stays_at_the_bottom(
    qtbot, open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(pane.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane, " And more")
    QApplication.processEvents()
    assert pane.cursorRect().center().y() > pane.viewport().height() * 0.75

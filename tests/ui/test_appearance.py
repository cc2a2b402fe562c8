"""Appearance: theme, chapter font, line spacing, paragraph style and zoom, on the real window."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox

from editor import preferences
from editor.store.project import Project
from editor.text import qtdoc
from editor.ui import appearance
from editor.ui.main_window import MainWindow

from .conftest import OpenWindow

BODY = "<p>It was a dark and stormy night.</p>\n<p>The rain fell in torrents.</p>"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    path = tmp_path / "Storm.ficwright"
    project = Project.create(path, "Storm")
    project.add_chapter("One", BODY, 12)
    project.close()
    return path


@pytest.fixture(autouse=True)
def _restore_display() -> Iterator[None]:
    """The theme is app-wide and the display formats are module-wide: leave them as found."""
    palette = QPalette(QApplication.palette())
    yield
    QApplication.setPalette(palette)
    qtdoc.LINE_HEIGHT, qtdoc.FIRST_LINE_INDENT = 100.0, 0.0
    qtdoc.PARAGRAPH_SPACING = 8.0


def apply(window: MainWindow, **changes: object) -> None:
    """Change preferences in the dialog, and press OK."""
    dialog = window.open_preferences()
    for name, value in changes.items():
        widget = getattr(dialog, name)
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        else:
            widget.setValue(value)
    assert dialog.preferences() == replace(preferences.load(window.settings), **changes)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def window_colour(window: MainWindow) -> int:
    QApplication.processEvents()
    return window.palette().color(QPalette.ColorRole.Window).lightness()


def test_dark_theme_darkens_the_window_and_light_brings_it_back(open_window: OpenWindow) -> None:
    window = open_window()
    apply(window, theme="dark")
    assert window_colour(window) < 80
    apply(window, theme="light")
    assert window_colour(window) > 180


@pytest.mark.parametrize("desktop_dark", [True, False])
def test_follow_the_system_keeps_the_desktop_palette_when_it_reports_no_scheme(
    open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch, desktop_dark: bool
) -> None:
    # The palette the desktop gave the app before any theme (qt6ct dark, or a light one).
    desktop = appearance.dark_palette() if desktop_dark else QApplication.style().standardPalette()
    monkeypatch.setattr(appearance, "_original_palette", desktop)
    window = open_window()
    apply(window, theme="light" if desktop_dark else "dark")
    apply(window, theme="system")
    assert QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Unknown
    if desktop_dark:
        assert window_colour(window) < 80
    else:
        assert window_colour(window) > 180


def test_font_size_preference_sets_the_chapter_font(open_window: OpenWindow, work: Path) -> None:
    window = open_window(work)
    apply(window, font_size=18.0)
    assert window.text_pane.font().pointSizeF() == pytest.approx(18.0)
    assert window.text_pane.document().defaultFont().pointSizeF() == pytest.approx(18.0)
    assert not window.isWindowModified()


def test_line_spacing_and_indent_show_but_are_never_saved(
    open_window: OpenWindow, work: Path
) -> None:
    window = open_window(work)
    apply(window, line_spacing=150, paragraph_style="indent")

    block = window.text_pane.document().begin()
    fmt = block.blockFormat()
    assert fmt.lineHeight() == 150
    assert fmt.textIndent() > 0
    assert fmt.bottomMargin() == 0
    assert not window.isWindowModified()
    assert not window.workspace.dirty
    window.close()

    project = Project.open(work)
    try:
        assert project.body(project.chapters()[0].id) == BODY
    finally:
        project.close()


def test_formats_reach_a_chapter_opened_afterwards(open_window: OpenWindow, work: Path) -> None:
    window = open_window()
    apply(window, line_spacing=200)
    assert window.open_path(work)
    assert window.text_pane.document().begin().blockFormat().lineHeight() == 200
    assert not window.isWindowModified()


def test_ctrl_plus_zooms_and_the_zoom_survives_a_restart(
    qtbot, open_window: OpenWindow, settings: QSettings, work: Path
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(work)
    before = window.text_pane.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    zoomed = window.text_pane.font().pointSizeF()
    assert zoomed > before
    assert not window.isWindowModified()
    window.close()

    again = open_window(work)
    assert again.text_pane.font().pointSizeF() == pytest.approx(zoomed)
    again.preferences_ui.appearance.zoom_reset()
    assert again.text_pane.font().pointSizeF() == pytest.approx(before)
    assert preferences.load(settings).zoom == 100


def test_ctrl_wheel_zooms_the_chapter(open_window: OpenWindow, work: Path) -> None:
    window = open_window(work)
    before = window.text_pane.font().pointSizeF()
    viewport = window.text_pane.viewport()
    event = QWheelEvent(
        QPointF(10, 10),
        QPointF(viewport.mapToGlobal(QPoint(10, 10))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)
    assert window.text_pane.font().pointSizeF() > before
    assert window.preferences_ui.appearance.zoom == 110

"""A 10 MB paste into the chapter pane, through the real clipboard and Ctrl+V: the window stays
usable, every word is saved, and the status bar counts them. How long it takes, and how long
the window ever waits meanwhile, is measured by bench/paste10mb.py, never asserted here."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QLocale, QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from bench.generate import google_docs_html, pasted_text
from editor.store.project import Project
from editor.text.richtext import _word_with_marks, plain_text, word_count, word_count_text
from editor.ui.main_window import MainWindow
from editor.ui.pasting import pasting

from .conftest import OpenWindow

SIZE = 10_000_000
CTRL = Qt.KeyboardModifier.ControlModifier


def _plain_text(size: int) -> str:
    return "First " + pasted_text(size) + " Last"


def _empty_work(path: Path) -> tuple[Path, int]:
    project = Project.create(path, "Big Paste")
    chapter = project.add_chapter("One", "", 0)
    project.close()
    return path, chapter


def _saved_words(path: Path, chapter: int) -> list[str]:
    project = Project.open(path, read_only=True)
    try:
        return _word_with_marks().findall(plain_text(project.body(chapter)))
    finally:
        project.close()


def _paste(qtbot, window: MainWindow, data: QMimeData) -> None:  # type: ignore[no-untyped-def]
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(QTextCursor.MoveOperation.End)
    QApplication.clipboard().setMimeData(data)
    qtbot.keyClick(pane, Qt.Key.Key_V, CTRL)
    qtbot.waitUntil(lambda: not pasting(pane), timeout=120_000)  # it goes in in slices


def _still_usable(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """After the paste a keystroke goes in where the cursor is, and the pane still edits."""
    pane = window.text_pane
    qtbot.keyClicks(pane, " Zebra")
    assert pane.document().lastBlock().text().endswith(" Zebra")
    assert pane.isEnabled() and not pane.isReadOnly()


def _counts_label(words: int) -> str:
    n = QLocale().toString(words)
    return f"Chapter: {n} words  ·  Work: {n} words (your count)"


def _check(  # type: ignore[no-untyped-def]
    qtbot, open_window: OpenWindow, path: Path, data: QMimeData, expected: list[str]
) -> None:
    path, chapter = _empty_work(path)
    window = open_window(path)

    _paste(qtbot, window, data)
    _still_usable(qtbot, window)

    expected = [*expected, "Zebra"]
    qtbot.waitUntil(
        lambda: window.words_label_text() == _counts_label(len(expected)), timeout=30_000
    )
    window.close()  # saves
    saved = _saved_words(path, chapter)
    assert len(saved) == len(expected)
    assert saved[:3] == expected[:3]
    assert saved[-3:] == expected[-3:]


def test_a_ten_megabyte_plain_text_paste_is_saved_and_counted(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    text = _plain_text(SIZE)
    data = QMimeData()
    data.setText(text)
    expected = _word_with_marks().findall(text)
    assert len(expected) == word_count_text(text) > 1_000_000  # the input is what we think

    _check(qtbot, open_window, tmp_path / "plain.ficwright", data, expected)


def test_a_ten_megabyte_google_docs_paste_is_saved_and_counted(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    source = google_docs_html(SIZE)
    data = QMimeData()
    data.setHtml(source)
    data.setText("plain text a paste must not use")
    expected = _word_with_marks().findall(re.sub(r"<[^>]*>", " ", source))
    assert len(expected) == word_count(source) > 100_000

    _check(qtbot, open_window, tmp_path / "google.ficwright", data, expected)

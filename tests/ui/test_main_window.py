"""Drive the real main window: write a work, restart, and find it exactly as left."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit

from editor.store.project import Project
from editor.text import qtdoc
from editor.ui.main_window import MainWindow

from .conftest import OpenWindow


def new_work_through_menu(window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), ""))
    window.act_new.trigger()


def add_chapter_named(qtbot, window: MainWindow, title: str) -> None:  # type: ignore[no-untyped-def]
    window.act_add_chapter.trigger()
    # The last rename's editor may still await its deferred delete (hidden): not that one.
    editor = next((e for e in window.chapter_tree.findChildren(QLineEdit) if e.isVisible()), None)
    assert editor is not None, "a new chapter opens its title for editing"
    editor.selectAll()
    qtbot.keyClicks(editor, title)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on a queued call after Return.
    qtbot.waitUntil(lambda: title in [ch.title for ch in window.workspace.chapters()])


def type_into(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    pane = window.text_pane
    pane.setFocus()
    qtbot.keyClicks(pane, text)


def chapter_titles(path: Path) -> list[str]:
    project = Project.open(path, read_only=True)
    try:
        return [ch.title for ch in project.chapters()]
    finally:
        project.close()


def bodies(path: Path) -> dict[str, str]:
    project = Project.open(path, read_only=True)
    try:
        return {ch.title: project.body(ch.id) for ch in project.chapters()}
    finally:
        project.close()


def test_a_work_written_in_the_window_survives_a_restart(
    qtbot, open_window: OpenWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, confirm
) -> None:
    path = tmp_path / "Storm.ficwright"
    window = open_window()
    new_work_through_menu(window, path, monkeypatch)
    assert window.workspace is not None
    assert window.windowTitle().startswith("Storm")

    # Chapter 1 exists; write in it with formatting from the keyboard.
    type_into(qtbot, window, "It was ")
    qtbot.keyClick(window.text_pane, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.text_pane, "late")
    qtbot.keyClick(window.text_pane, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.text_pane, ".")
    qtbot.keyClick(window.text_pane, Qt.Key.Key_Return)
    window.act_scene_break.trigger()
    qtbot.keyClick(window.text_pane, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.text_pane, "Bold start")
    qtbot.keyClick(window.text_pane, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.text_pane, " then plain")
    window.align_actions["center"].trigger()

    add_chapter_named(qtbot, window, "Two")
    type_into(qtbot, window, "Second chapter text.")
    add_chapter_named(qtbot, window, "Three")
    type_into(qtbot, window, "Third chapter, to be deleted.")
    add_chapter_named(qtbot, window, "Four")
    type_into(qtbot, window, "Fourth.")

    # Reorder from the menu: Four moves up above Three.
    window.act_move_up.trigger()
    assert [ch.title for ch in window.workspace.chapters()] == ["Chapter 1", "Two", "Four", "Three"]

    # Delete Three, then undo.
    window.chapter_tree.select(window.workspace.chapters()[3].id)
    window._select_chapter(window.workspace.chapters()[3].id)
    window.act_delete_chapter.trigger()
    assert confirm, "deleting asks first"
    assert chapter_titles(path) == ["Chapter 1", "Two", "Four"]
    window.act_undo_structure.trigger()
    assert [ch.title for ch in window.workspace.chapters()] == ["Chapter 1", "Two", "Four", "Three"]

    expected = {}
    for ch in window.workspace.chapters():
        window._select_chapter(ch.id)
        expected[ch.title] = qtdoc.to_canonical(window.workspace.document)
    window.close()

    assert chapter_titles(path) == ["Chapter 1", "Two", "Four", "Three"]
    saved = bodies(path)
    assert saved == expected
    assert saved["Chapter 1"] == (
        "<p>It was <em>late</em>.</p>\n"
        "<hr />\n"
        '<p align="center"><strong>Bold start</strong> then plain</p>'
    )
    assert saved["Three"] == "<p>Third chapter, to be deleted.</p>"

    # A new window on the same file shows the same work.
    again = open_window(path)
    assert again.workspace is not None
    assert [ch.title for ch in again.workspace.chapters()] == ["Chapter 1", "Two", "Four", "Three"]
    for ch in again.workspace.chapters():
        again._select_chapter(ch.id)
        assert qtdoc.to_canonical(again.workspace.document) == expected[ch.title]


def test_a_work_title_with_the_modified_mark_shows_as_written(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = tmp_path / "fic.ficwright"
    project = Project.create(path, "Fic [*] One")
    project.add_chapter("Ch [*] 1", "<p>Start.</p>", 1)
    project.close()
    window = open_window(path)

    def shown() -> str:  # what the title bar shows, the "[*]" mark resolved
        return window.windowHandle().title()

    assert shown() == "Fic [*] One — Ficwright"
    type_into(qtbot, window, "More ")
    assert window.workspace.dirty
    assert shown() == "Fic [*] One* — Ficwright"
    qtbot.waitUntil(lambda: not window.workspace.dirty)  # autosaved
    assert shown() == "Fic [*] One — Ficwright"
    # The dialogs that name the work or the chapter too.
    for dialog in (window.open_post_helper(), window.open_revisions()):
        assert dialog is not None
        qtbot.waitExposed(dialog)
        assert "[*]" in dialog.windowHandle().title()
        dialog.close()


def test_tab_types_a_tab_and_ctrl_tab_leaves_the_chapter(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = tmp_path / "fic.ficwright"
    project = Project.create(path, "Fic")
    project.add_chapter("One", "<p>Start.</p>", 1)
    project.close()
    window = open_window(path)
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(pane.textCursor().MoveOperation.End)

    qtbot.keyClick(pane, Qt.Key.Key_Tab)
    assert pane.hasFocus()
    assert pane.toPlainText() == "Start.\t"

    qtbot.keyClick(pane, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert not pane.hasFocus()
    assert window.chapter_tree.hasFocus()  # the next stop: the chapter list
    assert pane.toPlainText() == "Start.\t"

    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier)
    assert not pane.hasFocus()
    assert pane.toPlainText() == "Start.\t"

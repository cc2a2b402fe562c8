"""Chapter tree gestures, autosave, counts and error messages in the real window."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLabel, QMessageBox

from editor.store.project import Project

from .conftest import OpenWindow


def make_work(path: Path, titles: list[str]) -> Path:
    project = Project.create(path, "Test Work")
    for title in titles:
        project.add_chapter(title, f"<p>{title} text.</p>", 2)
    project.close()
    return path


def titles_on_disk(path: Path) -> list[str]:
    project = Project.open(path, read_only=True)
    try:
        return [ch.title for ch in project.chapters()]
    finally:
        project.close()


def test_dragging_a_chapter_reorders_the_work(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", ["One", "Two", "Three"])
    window = open_window(path)
    tree = window.chapter_tree
    three = tree.topLevelItem(2)
    tree.setCurrentItem(three)
    mime = tree.model().mimeData([tree.indexFromItem(three)])
    target = tree.visualItemRect(tree.topLevelItem(0))
    drop = QDropEvent(
        QPointF(target.center().x(), target.top() + 2),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tree.dropEvent(drop)

    qtbot.waitUntil(lambda: titles_on_disk(path) == ["Three", "One", "Two"])
    assert [tree.topLevelItem(i).text(0) for i in range(3)] == ["Three", "One", "Two"]
    window.act_undo_structure.trigger()
    assert titles_on_disk(path) == ["One", "Two", "Three"]


def test_keyboard_moves_follow_the_selected_chapter(
    open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", ["One", "Two", "Three"])
    window = open_window(path)
    window.chapter_tree.setCurrentItem(window.chapter_tree.topLevelItem(0))
    window.act_move_down.trigger()
    window.act_move_down.trigger()
    window.act_move_down.trigger()  # already last: nothing changes
    assert titles_on_disk(path) == ["Two", "Three", "One"]
    assert window.chapter_tree.current_id() == window.workspace.chapters()[2].id


def test_declining_the_delete_question_keeps_the_chapter(
    open_window: OpenWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_work(tmp_path / "w.ficwright", ["One", "Two"])
    window = open_window(path)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    window.act_delete_chapter.trigger()
    assert titles_on_disk(path) == ["One", "Two"]


def test_deleted_chapter_text_comes_back_with_undo(
    open_window: OpenWindow, tmp_path: Path, confirm: list[str]
) -> None:
    path = make_work(tmp_path / "w.ficwright", ["One", "Two", "Three"])
    window = open_window(path)
    window.chapter_tree.setCurrentItem(window.chapter_tree.topLevelItem(1))
    window.act_delete_chapter.trigger()
    assert "Two" in confirm[0]
    assert titles_on_disk(path) == ["One", "Three"]
    assert "Undo" in window.act_undo_structure.text()
    window.act_undo_structure.trigger()
    assert titles_on_disk(path) == ["One", "Two", "Three"]
    assert window.workspace.document.toPlainText() == "Two text."


def test_edits_autosave_within_two_seconds_and_the_title_shows_it(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", ["One"])
    window = open_window(path)
    assert window.windowTitle() == "Test Work[*] — Ficwright"
    assert not window.isWindowModified()
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(pane.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane, " More words here")
    assert window.isWindowModified()
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=2000)
    project = Project.open(path, read_only=True)
    assert project.body(project.chapters()[0].id) == "<p>One text. More words here</p>"
    assert project.chapters()[0].words == 5
    project.close()


def test_word_counts_update_as_you_type(qtbot, open_window: OpenWindow, tmp_path: Path) -> None:
    path = make_work(tmp_path / "w.ficwright", ["One", "Two"])
    window = open_window(path)
    assert window.words_label_text() == "Chapter: 2 words  ·  Work: 4 words (your count)"
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(pane.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane, " it's well-known")
    pane.insertPlainText("—really")  # QTest cannot type characters off the keyboard
    qtbot.waitUntil(
        lambda: window.words_label_text() == "Chapter: 5 words  ·  Work: 7 words (your count)"
    )
    assert window.chapter_tree.topLevelItem(0).text(1) == "5"
    # Both say whose count it is: AO3 counts differently (the Post Helper shows AO3's).
    assert "AO3" in window.chapter_tree.headerItem().toolTip(1)
    assert "AO3" in window.findChild(QLabel, "wordsLabel").toolTip()


def test_switching_chapters_saves_the_one_left(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", ["One", "Two"])
    window = open_window(path)
    pane = window.text_pane
    pane.setFocus()
    qtbot.keyClicks(pane, "New ")
    window.chapter_tree.setCurrentItem(window.chapter_tree.topLevelItem(1))
    project = Project.open(path, read_only=True)
    assert project.body(project.chapters()[0].id) == "<p>New One text.</p>"
    project.close()
    assert pane.toPlainText() == "Two text."


def test_renaming_in_place_and_rejecting_an_empty_title(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", ["One"])
    window = open_window(path)
    item = window.chapter_tree.topLevelItem(0)
    item.setText(0, "The Beginning")
    assert titles_on_disk(path) == ["The Beginning"]
    window.chapter_tree.topLevelItem(0).setText(0, "   ")
    assert titles_on_disk(path) == ["The Beginning"]
    assert window.chapter_tree.topLevelItem(0).text(0) == "The Beginning"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x13\x37 random bytes " * 20, "not a Ficwright project"),
        (b"Title: My fic\nRating: T\n" * 10, "not a Ficwright project"),
    ],
)
def test_opening_a_foreign_file_says_why_and_changes_nothing(
    open_window: OpenWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes,
    message: str,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    path = tmp_path / "foreign.ficwright"
    path.write_bytes(content)
    before = hashlib.sha256(content).hexdigest()
    window = open_window()
    assert not window.open_path(path)
    assert message in shown[0]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foreign.ficwright"]
    assert window.workspace is None


def test_close_shows_the_welcome_page_and_recent_reopens(
    open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", ["One"])
    window = open_window(path)
    window.act_close.trigger()
    assert window.workspace is None
    assert window.windowTitle() == "Ficwright[*]"
    assert not window.act_add_chapter.isEnabled()
    window.recent_menu.aboutToShow.emit()
    recent = [a for a in window.recent_menu.actions() if a.text() == "w.ficwright"]
    assert recent
    recent[0].trigger()
    assert window.workspace is not None
    assert window.workspace.project.path == path


def test_a_work_opened_by_a_relative_path_reopens_from_recent_anywhere(
    open_window: OpenWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_work(tmp_path / "rel.ficwright", ["One"])
    monkeypatch.chdir(tmp_path)
    window = open_window(Path("rel.ficwright"))  # as typed on the command line
    assert window.close_work()
    assert window.recent_files() == [str(tmp_path / "rel.ficwright")]

    monkeypatch.chdir(tmp_path.parent)
    window.recent_menu.aboutToShow.emit()
    window.recent_menu.actions()[0].trigger()
    assert window.workspace is not None
    assert window.workspace.project.path == tmp_path / "rel.ficwright"

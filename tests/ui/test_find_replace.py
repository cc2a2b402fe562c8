"""Edit ▸ Find / Replace / Find in Work, on the real main window and a real work file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from editor.store import history
from editor.store.project import Changes, Project
from editor.ui.dialogs.find_replace import SCOPE_CHAPTER, SCOPE_WORK, FindReplaceDialog
from editor.ui.main_window import MainWindow

from .conftest import OpenWindow

ONE = (
    "<p>Cloud Strife looked at the sword. <em>Clo</em>ud was tired.</p>"
    "<p>Zack Strife laughed; Zackary did not. CLOUD STRIFE!</p>"
)
TWO = "<p>Tifa Strife waited for Cloud Strife.</p>"
THREE = "<p>Nobody here.</p>"


@pytest.fixture
def work_path(tmp_path: Path) -> Path:
    path = tmp_path / "storm.ficwright"
    project = Project.create(path, "Storm Front")
    ids = [
        project.add_chapter("The Letter", ONE, 18),
        project.add_chapter("Nibelheim", TWO, 6),
        project.add_chapter("Quiet", THREE, 2),
    ]
    project.save(
        Changes(
            work={"summary": "<p>Cloud Strife goes home.</p>"},
            chapters={ids[1]: {"notes_end": "<p>Thanks for reading about Cloud Strife!</p>"}},
        )
    )
    project.close()
    return path


@contextmanager
def stored(path: Path) -> Iterator[Project]:
    """The file as another reader sees it (the window keeps its own connection)."""
    project = Project.open(path, read_only=True)
    try:
        yield project
    finally:
        project.close()


def open_find(window: MainWindow, scope: str = SCOPE_CHAPTER) -> FindReplaceDialog:
    dialog = window.open_find(scope)
    assert dialog is not None
    return dialog


def search(
    dialog: FindReplaceDialog,
    text: str,
    *,
    replace: str = "",
    whole_word: bool = False,
    match_case: bool = False,
    regex: bool = False,
) -> None:
    dialog.find_edit.setText(text)
    dialog.replace_edit.setText(replace)
    dialog.whole_word.setChecked(whole_word)
    dialog.match_case.setChecked(match_case)
    dialog.regex.setChecked(regex)


def selected(window: MainWindow) -> str:
    return window.text_pane.textCursor().selectedText()


def test_edit_menu_and_shortcuts_open_find(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    assert [a.shortcut() for a in window.find_actions] == [
        QKeySequence(QKeySequence.StandardKey.Find),
        QKeySequence(QKeySequence.StandardKey.FindNext),
        QKeySequence(QKeySequence.StandardKey.FindPrevious),
        QKeySequence("Ctrl+H"),
        QKeySequence("Ctrl+Shift+F"),
    ]
    window.text_pane.setFocus()
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.findChild(FindReplaceDialog)
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert dialog.current_scope() == SCOPE_WORK
    assert window.open_find(SCOPE_CHAPTER) is dialog  # one dialog, scope switched
    assert dialog.current_scope() == SCOPE_CHAPTER


def test_find_in_chapter_selects_matches_whole_word_case_and_across_formatting(
    open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    dialog = open_find(window)

    search(dialog, "cloud")
    assert dialog.find_next()
    assert selected(window) == "Cloud"
    cursor = window.text_pane.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (0, 5)
    assert dialog.find_next()
    assert selected(window) == "Cloud"  # "<em>Clo</em>ud": found across the formatting
    assert window.text_pane.textCursor().selectionStart() == 34
    assert dialog.find_next()
    assert selected(window) == "CLOUD"
    assert dialog.find_next()  # wraps around
    assert window.text_pane.textCursor().selectionStart() == 0
    assert dialog.find_previous()
    assert selected(window) == "CLOUD"

    search(dialog, "Cloud", match_case=True)
    window.text_pane.moveCursor(window.text_pane.textCursor().MoveOperation.Start)
    found = []
    for _ in range(3):
        dialog.find_next()
        found.append(window.text_pane.textCursor().selectionStart())
    assert found == [0, 34, 0]  # "CLOUD" is not found

    search(dialog, "Zack", whole_word=True)
    assert dialog.find_next() and dialog.find_next()
    assert selected(window) == "Zack"  # "Zackary" never matches
    assert "1 of 1" in dialog.message.text()

    search(dialog, r"\bS\w+e\b", regex=True, match_case=True)
    assert dialog.find_next()
    assert selected(window) == "Strife"


def selection(window: MainWindow) -> tuple[int, int]:
    cursor = window.text_pane.textCursor()
    return cursor.selectionStart(), cursor.selectionEnd()


def test_f3_and_shift_f3_repeat_the_last_search_after_the_dialog_is_closed(
    qtbot, open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    dialog = open_find(window)
    search(dialog, "cloud", whole_word=True)
    assert dialog.find_next()
    assert selection(window) == (0, 5)
    dialog.close()
    qtbot.waitUntil(lambda: window.findChild(FindReplaceDialog) is None)
    window.activateWindow()
    window.text_pane.setFocus()
    qtbot.waitUntil(lambda: window.text_pane.hasFocus())

    qtbot.keyClick(window.text_pane, Qt.Key.Key_F3)
    assert selection(window) == (34, 39)  # "<em>Clo</em>ud"
    qtbot.keyClick(window.text_pane, Qt.Key.Key_F3)
    assert selected(window) == "CLOUD"
    assert "3 of 3" in window.statusBar().currentMessage()
    qtbot.keyClick(window.text_pane, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert selection(window) == (34, 39)
    assert "2 of 3" in window.statusBar().currentMessage()
    assert window.findChild(FindReplaceDialog) is None  # no dialog was needed

    # Find opens again on the same search.
    window.text_pane.moveCursor(window.text_pane.textCursor().MoveOperation.End)
    dialog = open_find(window)
    assert dialog.find_edit.text() == "cloud" and dialog.whole_word.isChecked()


def test_find_next_with_the_dialog_open_but_not_focused_uses_its_search(
    qtbot, open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    dialog = open_find(window)
    search(dialog, "strife", match_case=False)
    window.activateWindow()
    window.text_pane.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.text_pane, Qt.Key.Key_F3)
    assert selection(window) == (6, 12)
    qtbot.keyClick(window.text_pane, Qt.Key.Key_F3)
    assert window.text_pane.textCursor().selectionStart() > 12
    assert "2 of" in dialog.message.text()


def test_find_next_before_any_search_opens_find(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    window.text_pane.setFocus()
    qtbot.keyClick(window.text_pane, Qt.Key.Key_F3)
    dialog = window.findChild(FindReplaceDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.current_scope() == SCOPE_CHAPTER
    assert not window.text_pane.textCursor().hasSelection()


def test_regex_groups_replace_all_in_chapter_is_one_undo_step(
    qtbot, open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    pane = window.text_pane
    before = pane.toPlainText()
    dialog = open_find(window)
    search(dialog, r"(\w+) Strife", replace=r"Strife, \1", regex=True, match_case=True)

    assert dialog.replace_all() == 2
    assert pane.toPlainText() == (
        "Strife, Cloud looked at the sword. Cloud was tired.\n"
        "Strife, Zack laughed; Zackary did not. CLOUD STRIFE!"
    )

    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert pane.toPlainText() == before


def test_replace_replaces_the_selected_match_and_moves_on(open_window: OpenWindow, work_path):
    window = open_window(work_path)
    pane = window.text_pane
    dialog = open_find(window)
    search(dialog, "cloud", replace="vincent")
    dialog.preserve_case.setChecked(True)

    assert dialog.replace_one()  # nothing selected yet: shows the first match
    assert selected(window) == "Cloud"
    assert dialog.replace_one()
    assert pane.toPlainText().startswith("Vincent Strife")
    assert selected(window) == "Cloud"  # the next one, across the formatting
    assert dialog.replace_one()
    assert "Vincent was tired" in pane.toPlainText()
    # The replacement kept the formatting of the first character it replaced: italic.
    assert "<em>Vincent</em> was tired" in _canonical(window)
    pane.undo()
    assert "Cloud was tired" in pane.toPlainText()


def _canonical(window: MainWindow) -> str:
    from editor.text import qtdoc

    assert window.workspace is not None and window.workspace.document is not None
    return qtdoc.to_canonical(window.workspace.document)


def test_find_in_work_lists_hits_by_chapter_with_notes(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    dialog = open_find(window, SCOPE_WORK)
    search(dialog, "Cloud Strife")

    hits = dialog.find_all()

    assert len(hits) == 5
    groups = [
        dialog.results.topLevelItem(i).text(0) for i in range(dialog.results.topLevelItemCount())
    ]
    assert groups == ["The Letter (2)", "Nibelheim (2)", "The work (1)"]
    rows = [item.text(0) for item in dialog.result_items()]
    assert rows[0] == "[Cloud Strife] looked at the sword. Cloud was tired."
    assert rows[3].startswith("Chapter notes (end): Thanks for reading about [Cloud Strife]")
    assert rows[4].startswith("Summary: [Cloud Strife] goes home")

    # Clicking a hit in another chapter opens it with the match selected.
    item = dialog.result_items()[2]
    dialog.results.scrollToItem(item)
    rect = dialog.results.visualItemRect(item)
    qtbot.mouseClick(dialog.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.workspace is not None
    assert window.workspace.current_id == window.workspace.chapters()[1].id
    cursor = window.text_pane.textCursor()
    assert (cursor.selectionStart(), cursor.selectedText()) == (23, "Cloud Strife")


def test_find_in_work_searches_unsaved_text(open_window: OpenWindow, work_path, qtbot):
    window = open_window(work_path)
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(pane.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane, " Vincent")
    dialog = open_find(window, SCOPE_WORK)
    search(dialog, "vincent")
    assert [h.chapter_title for h in dialog.find_all()] == ["The Letter"]


def test_replace_all_in_work_snapshots_first_and_undo_restores_every_byte(
    qtbot, open_window: OpenWindow, work_path, monkeypatch: pytest.MonkeyPatch
):
    asked: list[str] = []

    def question(_parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    with stored(work_path) as project:
        ids = [ch.id for ch in project.chapters()]
        before_bodies = [project.body(cid) for cid in ids]
        before_summary = project.meta().summary
        before_notes = project.chapter_meta(ids[1]).notes_end
    window = open_window(work_path)
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(pane.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane, " Cloud Strife")  # unsaved: saved before the replace
    typed = _canonical(window)
    window.front_matter.docks["notes"].show()

    dialog = open_find(window, SCOPE_WORK)
    search(dialog, "Cloud Strife", replace="Vincent Valentine")
    assert dialog.replace_all() == 6
    assert "Replace 6 matches" in asked[0]

    # The open chapter and the notes panel show the replaced text at once.
    assert "Cloud Strife" not in pane.toPlainText()
    assert pane.toPlainText().endswith("Vincent Valentine")
    assert window.workspace is not None
    assert "Vincent" in window.workspace.meta.summary
    window.workspace.select(ids[1])
    notes = window.front_matter.notes
    assert "Vincent Valentine" in _panel_text(notes)
    assert dialog.undo_button.isEnabled()

    # Snapshots of every chapter, of the text as it was on screen.
    with stored(work_path) as project:
        assert [history.snapshots(project, cid)[0].kind for cid in ids] == ["replace"] * 3
        assert history.snapshots(project, ids[0])[0].body == typed
        assert "Cloud Strife" not in project.body(ids[0])
        assert "Vincent Valentine" in project.body(ids[1])

    assert dialog.undo_replace_all()
    assert not dialog.undo_button.isEnabled()
    assert "Cloud Strife" in pane.toPlainText()
    assert "Vincent" not in _panel_text(notes)
    window.close()

    with stored(work_path) as project:
        assert project.body(ids[0]) == typed
        assert [project.body(cid) for cid in ids[1:]] == before_bodies[1:]
        assert project.meta().summary == before_summary
        assert project.chapter_meta(ids[1]).notes_end == before_notes


def test_replace_all_in_work_cancelled_changes_nothing(
    open_window: OpenWindow, work_path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    window = open_window(work_path)
    dialog = open_find(window, SCOPE_WORK)
    search(dialog, "Strife", replace="Lockhart")
    assert dialog.replace_all() == 0
    window.close()
    with stored(work_path) as project:
        assert project.body(project.chapters()[1].id) == TWO
        assert not history.snapshots(project, project.chapters()[0].id)


def test_undo_replace_all_after_an_edit_and_a_save_restores_the_notes_and_keeps_the_edit(
    qtbot, open_window: OpenWindow, work_path, confirm
):
    window = open_window(work_path)
    dialog = open_find(window, SCOPE_WORK)
    search(dialog, "Cloud Strife", replace="Vincent")
    assert dialog.replace_all() == 5
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(pane.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane, "x")
    assert window.workspace is not None and window.workspace.save()

    assert dialog.undo_button.isEnabled()
    assert dialog.undo_replace_all()
    assert "except where you edited since: The Letter" in dialog.message.text()
    assert pane.toPlainText().endswith("x")  # the edit is kept
    window.close()

    with stored(work_path) as project:
        one, two, _three = [ch.id for ch in project.chapters()]
        assert project.meta().summary == "<p>Cloud Strife goes home.</p>"
        assert (
            project.chapter_meta(two).notes_end == "<p>Thanks for reading about Cloud Strife!</p>"
        )
        assert project.body(two) == TWO
        assert "Vincent" in project.body(one) and project.body(one).endswith("x</p>")


@pytest.mark.parametrize("scope", [SCOPE_CHAPTER, SCOPE_WORK])
def test_a_bad_regex_is_explained_and_nothing_happens(
    open_window: OpenWindow, work_path, scope, confirm
):
    window = open_window(work_path)
    pane = window.text_pane
    text = pane.toPlainText()
    dialog = open_find(window, scope)
    search(dialog, "(Cloud", replace="x", regex=True)

    assert not dialog.find_next()
    assert dialog.message.text().startswith("“(Cloud” is not a valid regular expression")
    assert dialog.replace_all() == 0
    assert dialog.find_all() == []
    assert not confirm
    assert pane.toPlainText() == text

    search(dialog, "(Cloud)", replace=r"\2", regex=True)
    assert dialog.replace_all() == 0
    assert "cannot be used" in dialog.message.text()
    assert pane.toPlainText() == text


def _panel_text(panel) -> str:  # type: ignore[no-untyped-def]
    from editor.ui.editing import CanonicalEdit

    return "\n".join(edit.toPlainText() for edit in panel.findChildren(CanonicalEdit))


def test_replace_all_in_work_and_its_undo_update_posted_marks_and_word_counts(
    open_window: OpenWindow, work_path, confirm: list[str]
):
    from editor.ui.dialogs.posting import mark_posted
    from editor.ui.posted_marks import EDITED_MARK, POSTED_MARK

    project = Project.open(work_path)
    ids = [ch.id for ch in project.chapters()]
    # As the editor writes it (the open chapter is replaced as shown, then put back so).
    project.save_body(ids[0], ONE.replace("</p><p>", "</p>\n<p>"), 18)
    mark_posted(project, ids, "AO3", "https://archiveofourown.org/works/1")
    project.close()
    window = open_window(work_path)
    tree = window.chapter_tree

    def words(chapter_id: int) -> str:
        return tree.topLevelItem(tree.ids().index(chapter_id)).text(1)

    assert [tree.posted_text(cid) for cid in ids] == [f"AO3 {POSTED_MARK}"] * 3
    dialog = open_find(window, SCOPE_WORK)
    search(dialog, "Cloud Strife", replace="Cloud")
    assert dialog.replace_all() == 5

    assert [tree.posted_text(cid) for cid in ids] == [
        f"AO3 {EDITED_MARK}",
        f"AO3 {EDITED_MARK}",
        f"AO3 {POSTED_MARK}",
    ]
    assert words(ids[1]) == "5"  # "Tifa Strife waited for Cloud."

    assert dialog.undo_replace_all()
    assert [tree.posted_text(cid) for cid in ids] == [f"AO3 {POSTED_MARK}"] * 3
    assert words(ids[1]) == "6"
    window.close()


@pytest.mark.parametrize("scope", [SCOPE_CHAPTER, SCOPE_WORK])
def test_a_pattern_that_runs_too_long_is_stopped_and_the_window_stays_usable(
    qtbot, open_window: OpenWindow, tmp_path: Path, scope, confirm
):
    path = tmp_path / "long.ficwright"
    project = Project.create(path, "Long")
    body = "<p>" + "a" * 100_000 + "</p>"  # one endless paragraph: quadratic for this pattern
    project.add_chapter("Endless", body, 1)
    project.close()
    window = open_window(path)
    dialog = open_find(window, scope)
    search(dialog, r"(?:\w+\s?)*\d", replace="x", regex=True)

    assert dialog.replace_all() == 0
    assert dialog.message.text() == "This pattern takes too long; simplify it."
    assert not dialog.find_next()
    assert dialog.message.text() == "This pattern takes too long; simplify it."

    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(pane.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane, " ok")
    assert pane.toPlainText().endswith("a ok")
    window.close()
    with stored(path) as stored_project:
        (chapter,) = stored_project.chapters()
        assert stored_project.body(chapter.id).endswith("a ok</p>")
        assert "replace" not in {s.kind for s in history.snapshots(stored_project, chapter.id)}


# -- Edit ▸ Undo Replace All ---------------------------------------------------------------------


def edit_menu(window: MainWindow) -> QMenu:
    (menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Edit"]
    assert isinstance(menu, QMenu)
    menu.aboutToShow.emit()  # as opening it does
    return menu


def undo_from_the_menu(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Alt+E, then the item's letter, as an author without a mouse does."""
    menu = edit_menu(window)
    assert window.replace_undo.action in menu.actions()
    assert window.replace_undo.action.text() == "Undo Rep&lace All"
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitExposed(menu)
    with qtbot.waitSignal(window.replace_undo.action.triggered):
        qtbot.keyClick(menu, Qt.Key.Key_L)


def replace_all_and_close(window: MainWindow, find: str, replace: str) -> None:
    dialog = open_find(window, SCOPE_WORK)
    search(dialog, find, replace=replace)
    assert dialog.replace_all() > 0
    dialog.close()
    QApplication.processEvents()
    assert window.findChild(FindReplaceDialog) is None


def test_undo_replace_all_from_the_edit_menu_after_the_dialog_is_closed(
    qtbot, open_window: OpenWindow, work_path, confirm
):
    with stored(work_path) as project:
        ids = [ch.id for ch in project.chapters()]
        before = [project.body(cid) for cid in ids]
    window = open_window(work_path)
    before[0] = _canonical(window)  # the open chapter, saved as the editor writes it
    action = window.replace_undo.action
    assert not action.isEnabled()  # nothing replaced yet
    window.front_matter.docks["notes"].show()

    replace_all_and_close(window, "Cloud Strife", "Vincent")
    assert action.isEnabled()
    assert "Before replacing “Cloud Strife”" in action.statusTip()
    assert "Vincent" in window.text_pane.toPlainText()

    undo_from_the_menu(qtbot, window)
    assert not action.isEnabled()
    assert window.statusBar().currentMessage() == "The replace was undone."
    # The open chapter, the panels and the word counts show the restored text at once.
    assert "Cloud Strife looked" in window.text_pane.toPlainText()
    assert window.workspace is not None
    assert window.workspace.meta.summary == "<p>Cloud Strife goes home.</p>"
    window.workspace.select(ids[1])
    assert "Thanks for reading about Cloud Strife!" in _panel_text(window.front_matter.notes)
    window.close()

    with stored(work_path) as project:
        assert [project.body(cid) for cid in ids] == before
        assert project.meta().summary == "<p>Cloud Strife goes home.</p>"
        assert (
            project.chapter_meta(ids[1]).notes_end
            == "<p>Thanks for reading about Cloud Strife!</p>"
        )


def test_undo_replace_all_after_closing_and_reopening_the_work(
    qtbot, open_window: OpenWindow, work_path, confirm
):
    with stored(work_path) as project:
        ids = [ch.id for ch in project.chapters()]
        before = [project.body(cid) for cid in ids]
    window = open_window(work_path)
    before[0] = _canonical(window)
    replace_all_and_close(window, "Strife", "Lockhart")
    assert window.close_work()
    assert not window.replace_undo.action.isEnabled()  # no work open
    window.close()

    window = open_window(work_path)  # a restart: a new window, the record read from the file
    assert window.replace_undo.action.isEnabled()
    assert "Lockhart" in window.text_pane.toPlainText()
    undo_from_the_menu(qtbot, window)
    assert "Lockhart" not in window.text_pane.toPlainText()
    assert not window.replace_undo.action.isEnabled()
    window.close()

    with stored(work_path) as project:
        assert [project.body(cid) for cid in ids] == before
        assert project.meta().summary == "<p>Cloud Strife goes home.</p>"

    window = open_window(work_path)  # undone stays undone
    assert not window.replace_undo.action.isEnabled()
    assert not open_find(window, SCOPE_WORK).undo_button.isEnabled()


def test_only_the_newest_replace_all_is_undone_and_the_dialog_button_follows_the_menu(
    open_window: OpenWindow, work_path, confirm
):
    window = open_window(work_path)
    replace_all_and_close(window, "Cloud Strife", "Vincent")
    replace_all_and_close(window, "Tifa", "Aerith")

    dialog = open_find(window, SCOPE_WORK)  # a new dialog offers the undo too
    assert dialog.undo_button.isEnabled()
    assert window.replace_undo.undo()
    assert not dialog.undo_button.isEnabled()  # the menu's undo is the dialog's
    assert not window.replace_undo.action.isEnabled()  # the older replace is not undoable
    window.close()

    with stored(work_path) as project:
        two = project.chapters()[1].id
        assert project.body(two) == "<p>Tifa Strife waited for Vincent.</p>"
        assert project.meta().summary == "<p>Vincent goes home.</p>"


def test_undo_replace_all_from_the_menu_keeps_what_was_typed_since(
    qtbot, open_window: OpenWindow, work_path, confirm
):
    window = open_window(work_path)
    replace_all_and_close(window, "Cloud Strife", "Vincent")
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(pane.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane, " Typed after.")  # not saved yet: the undo saves it first

    assert window.replace_undo.undo()
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("The replace was undone, except where you edited since: The Letter.")
    )
    assert pane.toPlainText().endswith("Vincent! Typed after.")
    assert not window.replace_undo.action.isEnabled()  # the rest was put back
    window.close()

    with stored(work_path) as project:
        one, two, _three = [ch.id for ch in project.chapters()]
        assert project.body(one).endswith("Vincent! Typed after.</p>")
        assert project.body(two) == TWO
        assert project.meta().summary == "<p>Cloud Strife goes home.</p>"

"""TagEditor: typing, pasting, removing, reordering and undoing tags, driven by keys and mouse."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow, QVBoxLayout, QWidget

from editor.formats.limits import Level
from editor.ui.widgets.counter import level_color
from editor.ui.widgets.tag_editor import PROBLEMS_ROLE, TagEditor

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Changes:
    """Counts tagsChanged and remembers the tags at each emission."""

    def __init__(self, editor: TagEditor) -> None:
        self.seen: list[list[str]] = []
        editor.tagsChanged.connect(lambda: self.seen.append(editor.tags()))

    @property
    def count(self) -> int:
        return len(self.seen)


@pytest.fixture
def window(qtbot) -> Iterator[QMainWindow]:  # type: ignore[no-untyped-def]
    """An active main window with a Ctrl+Z action of its own, as the real window has."""
    win = QMainWindow()
    win.resize(420, 200)
    host = QWidget()
    QVBoxLayout(host)
    win.setCentralWidget(host)
    win.window_undos = []  # type: ignore[attr-defined]
    undo = QAction("Undo", win)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.triggered.connect(lambda: win.window_undos.append(1))  # type: ignore[attr-defined]
    win.addAction(undo)
    qtbot.addWidget(win)
    yield win


@pytest.fixture
def editor(qtbot, window: QMainWindow) -> TagEditor:  # type: ignore[no-untyped-def]
    tags = TagEditor(placeholder="Add a character")
    window.centralWidget().layout().addWidget(tags)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    # Shortcuts reach only the active window.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    tags.line_edit().setFocus()
    qtbot.waitUntil(lambda: tags.line_edit().hasFocus())
    return tags


def type_in(qtbot, editor: TagEditor, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor.line_edit(), text)


def select_chip(editor: TagEditor, row: int) -> None:
    chips = editor.chip_list()
    chips.setFocus()
    chips.setCurrentRow(row)


# -- committing -------------------------------------------------------------------


def test_comma_commits_the_typed_tag(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    changes = Changes(editor)
    type_in(qtbot, editor, "Harry Potter,Draco Malfoy,")
    assert editor.tags() == ["Harry Potter", "Draco Malfoy"]
    assert editor.line_edit().text() == ""
    assert changes.seen == [["Harry Potter"], ["Harry Potter", "Draco Malfoy"]]


def test_enter_commits_a_trimmed_tag(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    type_in(qtbot, editor, "   Ron   Weasley  ")
    assert editor.tags() == []  # nothing yet: still typing
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Return)
    assert editor.tags() == ["Ron Weasley"]
    assert editor.line_edit().text() == ""


def test_text_after_a_typed_comma_stays_in_the_input(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    type_in(qtbot, editor, "Hermione, Gin")
    assert editor.tags() == ["Hermione"]
    assert editor.line_edit().text() == "Gin"


def test_empty_and_duplicate_tags_are_ignored(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    type_in(qtbot, editor, "Angst,")
    changes = Changes(editor)
    type_in(qtbot, editor, ",  ,angst,ANGST ,")
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Return)
    assert editor.tags() == ["Angst"]
    assert changes.count == 0


def test_pasting_a_comma_separated_list_makes_several_tags(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    changes = Changes(editor)
    QApplication.clipboard().setText("Fluff, Hurt/Comfort,  Angst")
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_V, CTRL)
    assert editor.tags() == ["Fluff", "Hurt/Comfort", "Angst"]
    assert editor.line_edit().text() == ""
    assert changes.count == 1  # one paste, one edit, one undo step
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Z, CTRL)
    assert editor.tags() == []


def test_pasting_lines_makes_a_tag_of_each(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    QApplication.clipboard().setText("Sirius Black\r\nRemus Lupin\n\n  Sirius black\n")
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_V, CTRL)
    assert editor.tags() == ["Sirius Black", "Remus Lupin"]


# -- removing --------------------------------------------------------------------


def test_clicking_the_cross_removes_that_tag(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    editor.set_tags(["One", "Two", "Three"])
    changes = Changes(editor)
    chips = editor.chip_list()
    qtbot.mouseClick(chips.viewport(), Qt.MouseButton.LeftButton, pos=chips.close_rect(1).center())
    assert editor.tags() == ["One", "Three"]
    assert changes.count == 1


def test_clicking_a_chip_outside_its_cross_only_selects_it(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    editor.set_tags(["One", "Two"])
    chips = editor.chip_list()
    qtbot.mouseClick(
        chips.viewport(),
        Qt.MouseButton.LeftButton,
        pos=chips.visualItemRect(chips.item(1)).topLeft() + QPoint(6, 6),
    )
    assert editor.tags() == ["One", "Two"]
    assert chips.currentRow() == 1


def test_delete_removes_the_selected_chip(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    editor.set_tags(["One", "Two", "Three"])
    select_chip(editor, 1)
    qtbot.keyClick(editor.chip_list(), Qt.Key.Key_Delete)
    assert editor.tags() == ["One", "Three"]
    # The neighbour is selected, so Delete again goes on removing.
    qtbot.keyClick(editor.chip_list(), Qt.Key.Key_Delete)
    assert editor.tags() == ["One"]


def test_backspace_in_the_empty_input_removes_the_last_tag(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    editor.set_tags(["One", "Two"])
    type_in(qtbot, editor, "x")
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Backspace)  # deletes the typed "x"
    assert editor.tags() == ["One", "Two"]
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Backspace)
    assert editor.tags() == ["One"]
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Backspace)
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Backspace)  # nothing left: no error
    assert editor.tags() == []


# -- reordering ------------------------------------------------------------------


def test_alt_arrows_move_the_selected_chip(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    editor.set_tags(["A", "B", "C"])
    changes = Changes(editor)
    select_chip(editor, 0)
    chips = editor.chip_list()
    qtbot.keyClick(chips, Qt.Key.Key_Right, ALT)
    assert editor.tags() == ["B", "A", "C"]
    qtbot.keyClick(chips, Qt.Key.Key_Right, ALT)
    assert editor.tags() == ["B", "C", "A"]
    assert chips.currentRow() == 2  # the chip stays selected as it moves
    qtbot.keyClick(chips, Qt.Key.Key_Right, ALT)  # already last: nothing happens
    qtbot.keyClick(chips, Qt.Key.Key_Left, ALT)
    assert editor.tags() == ["B", "A", "C"]
    assert changes.count == 3


def test_a_drop_reorders_and_can_be_undone(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    # A drag and drop inside the list ends in the model moving a row.
    editor.set_tags(["A", "B", "C"])
    changes = Changes(editor)
    editor.chip_list().model().moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert editor.tags() == ["B", "C", "A"]
    assert changes.count == 1
    editor.undo()
    assert editor.tags() == ["A", "B", "C"]


def test_chips_accept_internal_drag_and_drop(editor: TagEditor) -> None:
    chips = editor.chip_list()
    assert chips.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    editor.set_tags(["A"])
    assert chips.item(0).flags() & Qt.ItemFlag.ItemIsDragEnabled


# -- undo ------------------------------------------------------------------------


def test_undo_and_redo_with_the_keyboard(qtbot, editor: TagEditor, window: QMainWindow) -> None:  # type: ignore[no-untyped-def]
    type_in(qtbot, editor, "A,B,")
    edit = editor.line_edit()
    changes = Changes(editor)
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert editor.tags() == ["A"]
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert editor.tags() == []
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)  # nothing more to undo
    assert editor.tags() == []
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL | SHIFT)
    assert editor.tags() == ["A"]
    qtbot.keyClick(edit, Qt.Key.Key_Y, CTRL)
    assert editor.tags() == ["A", "B"]
    assert changes.count == 4
    assert window.window_undos == []  # type: ignore[attr-defined]  # the field kept its keys


def test_undo_on_a_selected_chip(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    editor.set_tags(["A", "B"])
    select_chip(editor, 0)
    qtbot.keyClick(editor.chip_list(), Qt.Key.Key_Delete)
    qtbot.keyClick(editor.chip_list(), Qt.Key.Key_Z, CTRL)
    assert editor.tags() == ["A", "B"]


def test_undo_in_the_input_undoes_typing_first(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    type_in(qtbot, editor, "A,Bo")
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Z, CTRL)
    assert editor.line_edit().text() == ""
    assert editor.tags() == ["A"]
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Z, CTRL)
    assert editor.tags() == []


def test_set_tags_is_silent_and_forgets_history(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    type_in(qtbot, editor, "A,")
    changes = Changes(editor)
    editor.set_tags(["X", " Y ", "x", ""])
    assert editor.tags() == ["X", "Y"]
    assert changes.count == 0
    assert not editor.is_undo_available()
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Z, CTRL)
    assert editor.tags() == ["X", "Y"]


# -- completion ------------------------------------------------------------------


def test_completions_offer_unused_tags_once(editor: TagEditor) -> None:
    editor.set_tags(["Draco Malfoy"])
    editor.set_completions(["Harry Potter", "harry potter", " Ron  Weasley ", "draco malfoy", ""])
    model = editor.completer().model()
    offered = [model.index(i, 0).data() for i in range(model.rowCount())]
    assert offered == ["Harry Potter", "Ron Weasley"]


def test_completion_matches_any_part_ignoring_case(editor: TagEditor) -> None:
    editor.set_completions(["Harry Potter", "Hermione Granger", "Ron Weasley"])
    completer = editor.completer()
    completer.setCompletionPrefix("POT")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Harry Potter"
    completer.setCompletionPrefix("r")
    assert completer.completionCount() == 3


def test_a_tag_once_added_is_no_longer_offered(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    editor.set_completions(["Harry Potter", "Ron Weasley"])
    type_in(qtbot, editor, "harry potter,")
    model = editor.completer().model()
    assert [model.index(i, 0).data() for i in range(model.rowCount())] == ["Ron Weasley"]


def test_choosing_a_completion_commits_it(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    editor.set_completions(["Harry Potter"])
    type_in(qtbot, editor, "pot")
    editor.completer().activated[str].emit("Harry Potter")
    qtbot.waitUntil(lambda: editor.tags() == ["Harry Potter"])
    assert editor.line_edit().text() == ""


# -- showing ---------------------------------------------------------------------


def test_tags_ao3_would_refuse_are_marked(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    long_tag = "x" * 151
    editor.set_tags(["Fine", "Bad*Tag", long_tag, "100% Angst"])
    chips = editor.chip_list()
    assert chips.item(0).data(PROBLEMS_ROLE) is None
    error = level_color(Level.ERROR, editor.palette())
    for row, hint in ((1, "*"), (2, "151 characters"), (3, "%")):
        item = chips.item(row)
        assert item.data(PROBLEMS_ROLE)
        assert hint in item.toolTip()
        assert item.foreground().color() == error
    assert "AO3" not in (chips.item(0).toolTip() or "")


# Spelled out from shared/reference/archives.md, not imported: the test checks limits.py.
AO3_FORBIDDEN = ("^", "*", "<", ">", "{", "}", "=", "`", "\uff0c", "\u3001", "\\", "%")


def assert_refused(editor: TagEditor, row: int, hint: str) -> None:
    item = editor.chip_list().item(row)
    assert item.data(PROBLEMS_ROLE), item.text()
    assert hint in item.toolTip() and "AO3" in item.toolTip()
    assert item.foreground().color() == level_color(Level.ERROR, editor.palette())


@pytest.mark.parametrize("char", AO3_FORBIDDEN)
def test_each_character_ao3_forbids_in_a_tag_is_refused_with_a_message(  # type: ignore[no-untyped-def]
    qtbot, editor: TagEditor, char: str
) -> None:
    type_in(qtbot, editor, "Bad")
    if char.isascii():
        type_in(qtbot, editor, char)
    else:  # QTest types Latin-1 only; "，" and "、" come from an input method
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(editor.line_edit(), event)
    type_in(qtbot, editor, "Tag")
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Return)
    assert editor.tags() == [f"Bad{char}Tag"]
    assert_refused(editor, 0, char)


def test_a_comma_never_ends_up_inside_a_tag(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    type_in(qtbot, editor, "Bad,Tag")
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Return)
    editor.add_tags(["Pasted, List"])
    assert editor.tags() == ["Bad", "Tag", "Pasted", "List"]


def test_a_tag_of_150_characters_is_accepted_and_151_refused(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    type_in(qtbot, editor, "a" * 150)
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Return)
    type_in(qtbot, editor, "b" * 151)
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Return)
    assert [len(t) for t in editor.tags()] == [150, 151]
    assert editor.chip_list().item(0).data(PROBLEMS_ROLE) is None
    assert_refused(editor, 1, "151 characters")


def test_tags_show_as_chips_in_the_order_given(editor: TagEditor) -> None:
    editor.set_tags(["A", "B"])
    chips = editor.chip_list()
    assert [chips.item(i).text() for i in range(chips.count())] == ["A", "B"]
    assert chips.isVisible()
    editor.set_tags([])
    assert not chips.isVisible()  # no empty strip above the input


def test_compact_with_few_tags_and_grows_when_they_wrap(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    line = editor.line_edit().sizeHint().height()
    editor.set_tags(["Angst", "Fluff"])
    qtbot.waitUntil(lambda: editor.chip_list().height() > 0)
    assert editor.sizeHint().height() < 2 * line
    editor.set_tags([f"Quite a long additional tag {i}" for i in range(12)])
    qtbot.waitUntil(lambda: editor.sizeHint().height() > 3 * line)
    chips = editor.chip_list()
    last = chips.visualItemRect(chips.item(11))
    assert chips.viewport().rect().contains(last)  # every row shows: no scrolling


def test_placeholder_and_accessible_names(editor: TagEditor) -> None:
    assert editor.line_edit().placeholderText() == "Add a character"
    assert editor.accessibleName() == "Tags"
    assert editor.line_edit().accessibleName()
    assert editor.chip_list().accessibleName()
    named = TagEditor(name="Characters")
    assert named.accessibleName() == "Characters"
    assert "Characters" in named.line_edit().accessibleName()
    named.deleteLater()


def test_comma_inside_the_text_splits_it_there(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    type_in(qtbot, editor, "Harry Potter")
    editor.line_edit().setCursorPosition(len("Harry"))
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Comma)
    assert editor.tags() == ["Harry"]
    assert editor.line_edit().text() == "Potter"


def test_picking_from_the_completion_popup(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    editor.set_completions(["Harry Potter", "Hermione Granger"])
    type_in(qtbot, editor, "pot")
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.tags() == ["Harry Potter"])
    assert editor.line_edit().text() == ""


def test_enter_with_the_popup_open_but_nothing_chosen_commits_the_text(
    qtbot, editor: TagEditor
) -> None:  # type: ignore[no-untyped-def]
    editor.set_completions(["Harry Potter"])
    type_in(qtbot, editor, "pot")
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.tags() == ["pot"])
    qtbot.wait(20)
    assert editor.tags() == ["pot"]


def test_keyboard_moves_between_input_and_chips(qtbot, editor: TagEditor) -> None:  # type: ignore[no-untyped-def]
    editor.set_tags(["A", "B"])
    chips = editor.chip_list()
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Left)  # at the start of the input
    assert chips.hasFocus()
    assert chips.currentRow() == 1
    qtbot.keyClicks(chips, "c")  # typing on a chip starts a new tag
    assert editor.line_edit().hasFocus()
    assert editor.line_edit().text() == "c"
    assert editor.tags() == ["A", "B"]

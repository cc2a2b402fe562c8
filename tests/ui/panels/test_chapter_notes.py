"""The chapter notes panel: title, "Chapter N of M", summary and notes of the chapter shown.

The trap this guards: switching chapters must never carry one chapter's text into another.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit

from editor.formats.limits import Level
from editor.model import ChapterMeta, WorkMeta
from editor.ui.panels.chapter_notes import ChapterNotesPanel
from editor.ui.widgets.counter import CounterLabel
from editor.ui.widgets.rich_field import RichField

from .conftest import record

FIELDS = [
    ("chapterSummaryField", "summary"),
    ("chapterNotesBeginField", "notes_begin"),
    ("chapterNotesEndField", "notes_end"),
]
ONE = ChapterMeta(summary="<p>One's summary</p>", notes_begin="<p>One's notes</p>")


@pytest.fixture
def panel(shown) -> ChapterNotesPanel:  # type: ignore[no-untyped-def]
    return shown(ChapterNotesPanel(), active=True)


def rich(panel: ChapterNotesPanel, object_name: str) -> RichField:
    return panel.findChild(RichField, object_name)


def title(panel: ChapterNotesPanel) -> QLineEdit:
    return panel.findChild(QLineEdit, "chapterTitleField")


def type_into(field: RichField, text: str) -> None:
    edit = field.text_edit()
    edit.setFocus()
    QTest.keyClicks(edit, text)


# -- showing -----------------------------------------------------------------------------


def test_without_a_chapter_the_panel_is_disabled_with_a_hint(panel: ChapterNotesPanel) -> None:
    hint = panel.findChild(QLabel, "noChapterHint")
    assert hint.isVisible()
    assert not title(panel).isEnabled()

    panel.show_chapter(1, "One", "Chapter 1 of 2", ONE)
    assert not hint.isVisible()
    assert title(panel).isEnabled()

    panel.show_chapter(-1, "", "", None)
    assert hint.isVisible()
    assert not rich(panel, "chapterSummaryField").text_edit().isEnabled()
    assert rich(panel, "chapterSummaryField").html() == ""
    assert title(panel).text() == ""


def test_show_chapter_fills_every_field_and_emits_nothing(qtbot, panel: ChapterNotesPanel) -> None:  # type: ignore[no-untyped-def]
    meta = ChapterMeta(summary="<p>S</p>", notes_begin="<p>B</p>", notes_end="<p>E</p>")
    with (
        qtbot.assertNotEmitted(panel.chapterMetaEdited),
        qtbot.assertNotEmitted(panel.chapterTitleEdited),
        qtbot.assertNotEmitted(panel.metaEdited),
    ):
        panel.show_chapter(2, "The Storm", "Chapter 2 of 5", meta)
        panel.show_chapter(3, "Calm", "Chapter 3 of 5", None)
        panel.show_chapter(2, "The Storm", "Chapter 2 of 5", meta)
        panel.show_meta(WorkMeta(summary="<p>work</p>"))

    assert title(panel).text() == "The Storm"
    assert panel.findChild(QLabel, "chapterLabel").text() == "Chapter 2 of 5"
    assert [rich(panel, name).html() for name, _ in FIELDS] == ["<p>S</p>", "<p>B</p>", "<p>E</p>"]


def test_set_label_updates_the_chapter_number(panel: ChapterNotesPanel) -> None:
    panel.show_chapter(2, "Two", "Chapter 2 of ?", None)
    panel.set_label("Chapter 2 of 5")

    assert panel.findChild(QLabel, "chapterLabel").text() == "Chapter 2 of 5"


def test_labels_use_ao3_words(panel: ChapterNotesPanel) -> None:
    names = [title(panel).accessibleName()] + [rich(panel, n).accessibleName() for n, _ in FIELDS]
    assert names == ["Chapter Title", "Summary", "Notes", "End Notes"]


# -- summary and notes -------------------------------------------------------------------


@pytest.mark.parametrize(("object_name", "name"), FIELDS)
def test_each_field_emits_its_name_with_the_chapter_id(
    panel: ChapterNotesPanel, object_name: str, name: str
) -> None:
    panel.show_chapter(7, "Seven", "Chapter 7 of 7", None)
    got = record(panel.chapterMetaEdited)
    type_into(rich(panel, object_name), "Hi")

    assert {(chapter, field) for chapter, field, _ in got} == {(7, name)}
    assert got[-1] == (7, name, "<p>Hi</p>")


def test_edits_after_a_switch_carry_the_new_id_and_only_its_text(
    panel: ChapterNotesPanel,
) -> None:
    got = record(panel.chapterMetaEdited)
    notes = rich(panel, "chapterNotesBeginField")
    panel.show_chapter(1, "One", "Chapter 1 of 2", ONE)
    notes.text_edit().moveCursor(QTextCursor.MoveOperation.End)
    type_into(notes, "!")
    assert got[-1] == (1, "notes_begin", "<p>One's notes!</p>")

    panel.show_chapter(2, "Two", "Chapter 2 of 2", None)  # a chapter with no notes yet
    assert notes.html() == ""
    assert rich(panel, "chapterSummaryField").html() == ""
    got.clear()
    type_into(notes, "Two")

    assert got
    assert all(chapter == 2 for chapter, _, _ in got)
    assert got[-1] == (2, "notes_begin", "<p>Two</p>")
    assert not any("One" in str(html) for _, _, html in got)


def test_undo_after_a_switch_cannot_bring_back_the_other_chapters_text(
    panel: ChapterNotesPanel,
) -> None:
    notes = rich(panel, "chapterNotesEndField")
    panel.show_chapter(1, "One", "Chapter 1 of 2", None)
    type_into(notes, "Secret ending")
    panel.show_chapter(2, "Two", "Chapter 2 of 2", ChapterMeta(notes_end="<p>Two</p>"))
    got = record(panel.chapterMetaEdited)

    notes.text_edit().setFocus()
    QTest.keyClick(notes.text_edit(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert notes.html() == "<p>Two</p>"
    assert got == []


def test_undo_cannot_leak_even_when_both_chapters_show_the_same_text(
    panel: ChapterNotesPanel,
) -> None:
    notes = rich(panel, "chapterNotesBeginField")
    panel.show_chapter(1, "One", "Chapter 1 of 2", None)
    type_into(notes, "Secret")
    notes.text_edit().selectAll()
    QTest.keyClick(notes.text_edit(), Qt.Key.Key_Backspace)
    panel.show_chapter(2, "Two", "Chapter 2 of 2", None)  # empty, like chapter 1 now
    got = record(panel.chapterMetaEdited)

    QTest.keyClick(notes.text_edit(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert notes.html() == ""
    assert got == []


def test_the_same_chapter_again_keeps_the_authors_cursor_and_undo(
    panel: ChapterNotesPanel,
) -> None:
    notes = rich(panel, "chapterNotesBeginField")
    panel.show_chapter(1, "One", "Chapter 1 of 2", None)
    type_into(notes, "Thanks")
    # The rename or move of a chapter shows it again, with the notes as they were saved.
    panel.show_chapter(1, "One", "Chapter 2 of 2", ChapterMeta(notes_begin="<p>Thanks</p>"))

    assert notes.text_edit().textCursor().position() == len("Thanks")
    assert notes.document().isUndoAvailable()


# -- the title ---------------------------------------------------------------------------


def test_title_is_sent_once_when_editing_finishes(panel: ChapterNotesPanel) -> None:
    panel.show_chapter(4, "Old", "Chapter 4 of 9", None)
    got = record(panel.chapterTitleEdited)
    edit = title(panel)
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, "The Storm")
    assert got == []  # a rename is one undoable step, not one per keystroke

    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert got == [(4, "The Storm")]

    rich(panel, "chapterSummaryField").text_edit().setFocus()  # focus leaves: nothing new
    assert got == [(4, "The Storm")]


def test_title_is_sent_when_focus_leaves(panel: ChapterNotesPanel) -> None:
    panel.show_chapter(4, "Old", "Chapter 4 of 9", None)
    got = record(panel.chapterTitleEdited)
    edit = title(panel)
    edit.setFocus()
    QTest.keyClicks(edit, " Times  ")
    rich(panel, "chapterNotesEndField").text_edit().setFocus()

    assert got == [(4, "Old Times")]
    assert edit.text() == "Old Times"


@pytest.mark.parametrize("typed", ["", "   "])
def test_an_emptied_title_is_not_sent_and_the_old_one_comes_back(
    panel: ChapterNotesPanel, typed: str
) -> None:
    panel.show_chapter(4, "Old", "Chapter 4 of 9", None)
    got = record(panel.chapterTitleEdited)
    edit = title(panel)
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    QTest.keyClicks(edit, typed)
    QTest.keyClick(edit, Qt.Key.Key_Return)

    assert got == []
    assert edit.text() == "Old"


def test_an_unchanged_title_is_not_sent(panel: ChapterNotesPanel) -> None:
    panel.show_chapter(4, "Old", "Chapter 4 of 9", None)
    got = record(panel.chapterTitleEdited)
    title(panel).setFocus()
    QTest.keyClick(title(panel), Qt.Key.Key_Return)

    assert got == []


def test_an_unfinished_title_never_lands_on_the_next_chapter(panel: ChapterNotesPanel) -> None:
    panel.show_chapter(1, "One", "Chapter 1 of 2", None)
    got = record(panel.chapterTitleEdited)
    edit = title(panel)
    edit.setFocus()
    QTest.keyClicks(edit, " renamed")
    panel.show_chapter(2, "Two", "Chapter 2 of 2", None)
    assert edit.text() == "Two"

    rich(panel, "chapterSummaryField").text_edit().setFocus()
    QTest.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert got == []
    assert edit.text() == "Two"


# -- counters ----------------------------------------------------------------------------


def test_title_counter_at_the_limit(panel: ChapterNotesPanel) -> None:
    counter = panel.findChild(CounterLabel, "chapterTitleCounter")
    panel.show_chapter(1, "x" * 254, "Chapter 1 of 1", None)
    assert counter.level() is Level.WARN

    edit = title(panel)
    edit.setFocus()
    edit.end(False)
    QTest.keyClicks(edit, "x")
    assert counter.length() == 255
    assert counter.level() is Level.WARN
    QTest.keyClicks(edit, "x")
    assert counter.level() is Level.ERROR

    panel.show_chapter(2, "Short", "Chapter 2 of 2", None)
    assert counter.level() is Level.OK


@pytest.mark.parametrize(
    ("object_name", "limit"),
    [
        ("chapterSummaryField", 1250),
        ("chapterNotesBeginField", 5000),
        ("chapterNotesEndField", 5000),
    ],
)
def test_rich_field_counters_at_their_limits(
    panel: ChapterNotesPanel, object_name: str, limit: int
) -> None:
    field = rich(panel, object_name)
    name = dict(FIELDS)[object_name]
    text = "x" * (limit - len("<p></p>"))  # AO3 counts the markup
    panel.show_chapter(1, "One", "Chapter 1 of 1", ChapterMeta(**{name: f"<p>{text}</p>"}))
    counter = field.counter()
    assert counter is not None
    assert counter.length() == limit
    assert counter.level() is Level.WARN

    field.text_edit().moveCursor(QTextCursor.MoveOperation.End)
    type_into(field, "x")
    assert counter.level() is Level.ERROR


def test_counters_are_not_left_greyed_once_a_chapter_shows(panel: ChapterNotesPanel) -> None:
    panel.show_chapter(-1, "", "", None)
    panel.show_chapter(1, "One", "Chapter 1 of 1", None)
    active, text = QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText

    normal = panel.palette().color(active, text)
    for counter in panel.findChildren(CounterLabel):
        assert counter.palette().color(active, text) == normal, counter.objectName()

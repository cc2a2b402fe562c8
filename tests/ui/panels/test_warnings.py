"""WarningsPanel: AO3's archive warnings (any mix), content warnings, a chapter's own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from editor.formats.limits import Level
from editor.model import ArchiveWarning, ChapterMeta, WorkMeta
from editor.ui.panels.warnings import WarningsPanel
from editor.ui.panels.work_details import member_object_name
from editor.ui.widgets.counter import level_color
from editor.ui.widgets.tag_editor import TagEditor

from .test_work_details import child, click, record

W = ArchiveWarning


@pytest.fixture
def panel(qtbot) -> Iterator[WarningsPanel]:  # type: ignore[no-untyped-def]
    widget = WarningsPanel()
    qtbot.addWidget(widget)
    widget.resize(420, 900)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


@pytest.fixture
def edits(panel: WarningsPanel) -> list[tuple[Any, ...]]:
    return record(panel.metaEdited)


@pytest.fixture
def chapter_edits(panel: WarningsPanel) -> list[tuple[Any, ...]]:
    return record(panel.chapterMetaEdited)


def box(panel: WarningsPanel, warning: ArchiveWarning) -> QCheckBox:
    return child(panel, QCheckBox, member_object_name("warning", warning))


def checked(panel: WarningsPanel) -> list[ArchiveWarning]:
    return [w for w in ArchiveWarning if box(panel, w).isChecked()]


def add_tag(qtbot, editor: TagEditor, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor.line_edit(), text)
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Return)


def hint_color(panel: WarningsPanel) -> str:
    label = child(panel, QLabel, "archiveWarningsHint")
    return label.palette().color(QPalette.ColorRole.WindowText).name()


# -- archive warnings --------------------------------------------------------------------


def test_boxes_are_ao3s_warnings_in_ao3s_order(panel) -> None:  # type: ignore[no-untyped-def]
    boxes = child(panel, QWidget, "archiveWarningsGroup").findChildren(QCheckBox)
    assert [b.text() for b in boxes] == [str(w) for w in ArchiveWarning]


def test_checking_warnings_emits_a_tuple_in_enum_order(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, box(panel, W.UNDERAGE))
    click(qtbot, box(panel, W.VIOLENCE))
    assert edits == [
        ("archive_warnings", (W.UNDERAGE,)),
        ("archive_warnings", (W.VIOLENCE, W.UNDERAGE)),
    ]
    assert all(type(w) is ArchiveWarning for w in edits[-1][1])
    click(qtbot, box(panel, W.UNDERAGE))
    assert edits[-1] == ("archive_warnings", (W.VIOLENCE,))


@pytest.mark.parametrize("general", [W.CHOSE_NOT_TO_USE, W.NONE_APPLY])
def test_warnings_combine_freely_as_on_ao3(qtbot, panel, edits, general) -> None:  # type: ignore[no-untyped-def]
    # AO3's form has independent boxes and only asks for one at least (otwarchive:
    # _work_form_tags.html.erb, Work#has_required_tags?): "Creator Chose Not To Use"
    # may stand beside the warnings an author does give.
    panel.show_meta(WorkMeta(archive_warnings=(W.VIOLENCE, W.MAJOR_CHARACTER_DEATH)))
    click(qtbot, box(panel, general))
    assert checked(panel) == sorted(
        [general, W.VIOLENCE, W.MAJOR_CHARACTER_DEATH], key=list(W).index
    )
    click(qtbot, box(panel, W.NON_CON))
    assert W.NON_CON in checked(panel) and general in checked(panel)
    assert edits[-1] == ("archive_warnings", tuple(checked(panel)))


def test_space_toggles_a_warning_like_a_click(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, box(panel, W.NON_CON))
    qtbot.keyClick(box(panel, W.CHOSE_NOT_TO_USE), Qt.Key.Key_Space)
    assert checked(panel) == [W.CHOSE_NOT_TO_USE, W.NON_CON]
    assert edits[-1] == ("archive_warnings", (W.CHOSE_NOT_TO_USE, W.NON_CON))


def test_hint_turns_warning_colour_when_no_warning_is_checked(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    warn = level_color(Level.WARN, panel.palette()).name()
    assert "at least one" in child(panel, QLabel, "archiveWarningsHint").text()
    assert hint_color(panel) == warn
    click(qtbot, box(panel, W.VIOLENCE))
    assert hint_color(panel) != warn
    click(qtbot, box(panel, W.VIOLENCE))
    assert hint_color(panel) == warn
    panel.show_meta(WorkMeta(archive_warnings=(W.NONE_APPLY,)))
    assert hint_color(panel) != warn


# -- content warnings and show_meta ------------------------------------------------------


def test_content_warnings_emit_a_tuple_of_str(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    add_tag(qtbot, child(panel, TagEditor, "contentWarningsField"), "Panic Attacks")
    assert edits == [("content_warnings", ("Panic Attacks",))]


def test_show_meta_fills_the_panel_and_emits_nothing(panel, edits, chapter_edits) -> None:  # type: ignore[no-untyped-def]
    panel.show_meta(
        WorkMeta(archive_warnings=(W.VIOLENCE, W.NON_CON), content_warnings=("Self-Harm",))
    )
    assert checked(panel) == [W.VIOLENCE, W.NON_CON]
    assert panel.archive_warnings() == (W.VIOLENCE, W.NON_CON)
    assert child(panel, TagEditor, "contentWarningsField").tags() == ["Self-Harm"]
    panel.show_meta(WorkMeta())
    assert checked(panel) == []
    assert edits == [] and chapter_edits == []


def test_set_completions_reaches_both_tag_fields(panel) -> None:  # type: ignore[no-untyped-def]
    panel.set_completions(["Gore"])
    for name in ("contentWarningsField", "chapterWarningsField"):
        assert child(panel, TagEditor, name).completer().model().stringList() == ["Gore"]


# -- this chapter ------------------------------------------------------------------------


def test_no_chapter_disables_the_chapter_group_with_a_hint(panel) -> None:  # type: ignore[no-untyped-def]
    group = child(panel, QWidget, "thisChapterGroup")
    assert not group.isEnabled()
    assert "Select a chapter" in child(panel, QLabel, "chapterWarningsLabel").text()
    panel.show_chapter(4, "Storm", "Chapter 2 of 5", ChapterMeta())
    assert group.isEnabled()
    assert child(panel, QLabel, "chapterWarningsLabel").text() == "Chapter 2 of 5: Storm"
    panel.show_chapter(-1, "", "", None)
    assert not group.isEnabled()
    assert child(panel, TagEditor, "chapterWarningsField").tags() == []


def test_chapter_warnings_carry_the_chapter_id(qtbot, panel, edits, chapter_edits) -> None:  # type: ignore[no-untyped-def]
    panel.show_chapter(7, "Storm", "Chapter 2 of 5", ChapterMeta(warnings=("Blood",)))
    add_tag(qtbot, child(panel, TagEditor, "chapterWarningsField"), "Gore")
    assert chapter_edits == [(7, "warnings", ("Blood", "Gore"))]
    assert edits == []


def test_switching_chapters_never_mixes_their_warnings(qtbot, panel, chapter_edits) -> None:  # type: ignore[no-untyped-def]
    editor = child(panel, TagEditor, "chapterWarningsField")
    panel.show_chapter(1, "One", "Chapter 1 of 2", ChapterMeta(warnings=("Blood",)))
    panel.show_chapter(2, "Two", "Chapter 2 of 2", ChapterMeta(warnings=("Fire",)))
    assert editor.tags() == ["Fire"]
    assert chapter_edits == []  # showing is not editing

    add_tag(qtbot, editor, "Smoke")
    panel.show_chapter(1, "One", "Chapter 1 of 2", ChapterMeta(warnings=("Blood",)))
    assert editor.tags() == ["Blood"]
    editor.remove_tag(0)
    assert chapter_edits == [(2, "warnings", ("Fire", "Smoke")), (1, "warnings", ())]

    # No undo reaches back into the chapter shown before.
    editor.undo()
    assert editor.tags() == ["Blood"]
    panel.show_chapter(3, "Three", "Chapter 3 of 3", None)
    assert editor.tags() == []
    assert not editor.is_undo_available()


def test_a_half_typed_chapter_warning_stays_with_its_chapter(qtbot, panel, chapter_edits) -> None:  # type: ignore[no-untyped-def]
    editor = child(panel, TagEditor, "chapterWarningsField")
    panel.show_chapter(1, "One", "Chapter 1 of 2", ChapterMeta())
    qtbot.keyClicks(editor.line_edit(), "Grie")
    panel.show_chapter(2, "Two", "Chapter 2 of 2", ChapterMeta())
    qtbot.keyClick(editor.line_edit(), Qt.Key.Key_Return)
    assert chapter_edits == []
    assert editor.tags() == []


def test_reshowing_the_same_chapter_keeps_what_is_being_typed(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    # The main window may show the chapter again after a rename or a save.
    editor = child(panel, TagEditor, "chapterWarningsField")
    panel.show_chapter(1, "One", "Chapter 1 of 2", ChapterMeta())
    qtbot.keyClicks(editor.line_edit(), "Grie")
    panel.show_chapter(1, "One!", "Chapter 1 of 2", ChapterMeta())
    assert editor.line_edit().text() == "Grie"

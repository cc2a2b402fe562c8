"""Fill every panel through its widgets, restart on the same file, and read it all back."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QSpinBox, QWidget

from editor.model import (
    ArchiveWarning,
    Category,
    ChapterMeta,
    FfnRating,
    Rating,
    Status,
    WorkMeta,
)
from editor.store.project import Changes, Project
from editor.ui.main_window import MainWindow
from editor.ui.panels.work_details import member_object_name
from editor.ui.widgets.rich_field import RichField
from editor.ui.widgets.tag_editor import TagEditor

from .conftest import OpenWindow

EXPECTED = WorkMeta(
    title="Storm Front",
    author="wren_writes",
    fandoms=("Final Fantasy VII",),
    rating=Rating.TEEN,
    ffn_rating=FfnRating.K_PLUS,
    archive_warnings=(ArchiveWarning.VIOLENCE, ArchiveWarning.MAJOR_CHARACTER_DEATH),
    content_warnings=("Coarse language", "OOC"),
    categories=(Category.FM, Category.GEN),
    relationships=("Cloud/Tifa",),
    characters=("Cloud Strife", "Zack Fair"),
    additional_tags=("Angst", "Time Travel"),
    language="Deutsch",
    summary="<p>A <em>storm</em> comes.</p>",
    series_name="Kell Reach",
    series_part=2,
    expected_chapters=3,
    status=Status.COMPLETE,
    disclaimer="<p>I do not own <strong>FFVII</strong>.</p>",
    dedication="<p>For Jane, for being a darling.</p>",
    gift_recipients=("jane_doe",),
    prompt="<p>Song: Riders on the Storm</p>",
    prompt_by="anon",
    prompt_collection="Summer Exchange",
)
NOTES_ONE = ChapterMeta(
    summary="<p>Wren finds a letter.</p>",
    notes_begin="<p>A/N: thanks for reading!</p>",
    notes_end="<p>More soon.</p>",
    warnings=("Blood",),
)
NOTES_TWO = ChapterMeta(notes_end="<p>The end of two.</p>")
TITLES = ("The Letter", "The Storm")


def find(window: MainWindow, cls: type, name: str):  # type: ignore[no-untyped-def]
    widget = window.findChild(cls, name)
    assert widget is not None, name
    return widget


def show_panel(window: MainWindow, key: str) -> None:
    dock = window.front_matter.docks[key]
    dock.show()
    dock.raise_()


def type_line(qtbot, field: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def add_tags(qtbot, editor: TagEditor, tags: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    line = editor.line_edit()
    line.setFocus()
    for tag in tags:
        qtbot.keyClicks(line, tag)
        qtbot.keyClick(line, Qt.Key.Key_Comma)
    assert tuple(editor.tags()) == tags


def type_rich(qtbot, field: RichField, *parts: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Type runs; a run marked "em" or "strong" is wrapped in the field's own shortcut."""
    edit = field.text_edit()
    edit.setFocus()
    keys = {"em": Qt.Key.Key_I, "strong": Qt.Key.Key_B}
    for mark, text in parts:
        if mark:
            qtbot.keyClick(edit, keys[mark], Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(edit, text)
        if mark:
            qtbot.keyClick(edit, keys[mark], Qt.KeyboardModifier.ControlModifier)


def choose(qtbot, combo: QComboBox, text: str) -> None:  # type: ignore[no-untyped-def]
    """Pick an item with the keyboard, as an author would."""
    combo.setFocus()
    target = combo.findText(text)
    assert target >= 0, text
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


def set_spin(qtbot, spin: QSpinBox, value: int) -> None:  # type: ignore[no-untyped-def]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert spin.value() == value


def click(qtbot, box: QWidget) -> None:  # type: ignore[no-untyped-def]
    # The space bar, not the mouse: QTest takes two quick clicks on different boxes for a
    # double click.
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def fill_every_panel(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    show_panel(window, "details")
    type_line(qtbot, find(window, QLineEdit, "titleField"), EXPECTED.title)
    type_line(qtbot, find(window, QLineEdit, "authorField"), EXPECTED.author)
    choose(qtbot, find(window, QComboBox, "ratingField"), EXPECTED.rating.value)
    choose(qtbot, find(window, QComboBox, "ffnRatingField"), "K+")
    add_tags(qtbot, find(window, TagEditor, "fandomsField"), EXPECTED.fandoms)
    click(qtbot, find(window, QCheckBox, "categoryFm"))
    click(qtbot, find(window, QCheckBox, "categoryGen"))
    add_tags(qtbot, find(window, TagEditor, "relationshipsField"), EXPECTED.relationships)
    add_tags(qtbot, find(window, TagEditor, "charactersField"), EXPECTED.characters)
    add_tags(qtbot, find(window, TagEditor, "additionalTagsField"), EXPECTED.additional_tags)
    choose(qtbot, find(window, QComboBox, "languageField"), EXPECTED.language)
    # Markdown typed in a rich field becomes formatting as the closing * is typed.
    type_rich(qtbot, find(window, RichField, "summaryField"), ("", "A *storm* comes."))
    type_line(qtbot, find(window, QLineEdit, "seriesNameField"), EXPECTED.series_name)
    set_spin(qtbot, find(window, QSpinBox, "seriesPartField"), 2)
    set_spin(qtbot, find(window, QSpinBox, "expectedChaptersField"), 3)
    choose(qtbot, find(window, QComboBox, "statusField"), "Complete")

    show_panel(window, "warnings")
    click(qtbot, find(window, QCheckBox, "warningViolence"))
    click(qtbot, find(window, QCheckBox, "warningMajorCharacterDeath"))
    add_tags(qtbot, find(window, TagEditor, "contentWarningsField"), EXPECTED.content_warnings)

    show_panel(window, "disclaimer")
    type_rich(
        qtbot,
        find(window, RichField, "disclaimerField"),
        ("", "I do not own "),
        ("strong", "FFVII"),
        ("", "."),
    )
    show_panel(window, "dedication")
    type_rich(
        qtbot, find(window, RichField, "dedicationField"), ("", "For Jane, for being a darling.")
    )
    add_tags(qtbot, find(window, TagEditor, "giftRecipientsField"), EXPECTED.gift_recipients)
    show_panel(window, "prompt")
    type_rich(qtbot, find(window, RichField, "promptField"), ("", "Song: Riders on the Storm"))
    type_line(qtbot, find(window, QLineEdit, "promptByField"), EXPECTED.prompt_by)
    type_line(qtbot, find(window, QLineEdit, "promptCollectionField"), EXPECTED.prompt_collection)


def fill_chapter_notes(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, title: str, notes: ChapterMeta, summary: str
) -> None:
    type_line(qtbot, find(window, QLineEdit, "chapterTitleField"), title)
    if summary:
        type_rich(qtbot, find(window, RichField, "chapterSummaryField"), ("", summary))
    if notes.notes_begin:
        type_rich(
            qtbot,
            find(window, RichField, "chapterNotesBeginField"),
            ("", "A/N: thanks for reading!"),
        )
    if notes.notes_end:
        text = notes.notes_end.removeprefix("<p>").removesuffix("</p>")
        type_rich(qtbot, find(window, RichField, "chapterNotesEndField"), ("", text))
    if notes.warnings:
        add_tags(qtbot, find(window, TagEditor, "chapterWarningsField"), notes.warnings)


def tags(window: MainWindow, name: str) -> tuple[str, ...]:
    return tuple(find(window, TagEditor, name).tags())


def rich(window: MainWindow, name: str) -> str:
    return find(window, RichField, name).html()


def text(window: MainWindow, name: str) -> str:
    return find(window, QLineEdit, name).text()


def checked(window: MainWindow, prefix: str, members: type[Enum]) -> tuple:  # type: ignore[type-arg]
    return tuple(
        m for m in members if find(window, QCheckBox, member_object_name(prefix, m)).isChecked()
    )


def read_every_panel(window: MainWindow) -> WorkMeta:
    """The work's front matter as the panels' widgets show it."""
    ffn = find(window, QComboBox, "ffnRatingField")
    return WorkMeta(
        title=text(window, "titleField"),
        author=text(window, "authorField"),
        fandoms=tags(window, "fandomsField"),
        rating=Rating(find(window, QComboBox, "ratingField").currentText()),
        # Item 0 is "Derived: ...": no override.
        ffn_rating=FfnRating(ffn.currentText()) if ffn.currentIndex() else None,
        archive_warnings=checked(window, "warning", ArchiveWarning),
        content_warnings=tags(window, "contentWarningsField"),
        categories=checked(window, "category", Category),
        relationships=tags(window, "relationshipsField"),
        characters=tags(window, "charactersField"),
        additional_tags=tags(window, "additionalTagsField"),
        language=find(window, QComboBox, "languageField").currentText(),
        summary=rich(window, "summaryField"),
        series_name=text(window, "seriesNameField"),
        series_part=find(window, QSpinBox, "seriesPartField").value() or None,
        expected_chapters=find(window, QSpinBox, "expectedChaptersField").value() or None,
        status=list(Status)[find(window, QComboBox, "statusField").currentIndex()],
        disclaimer=rich(window, "disclaimerField"),
        dedication=rich(window, "dedicationField"),
        gift_recipients=tags(window, "giftRecipientsField"),
        prompt=rich(window, "promptField"),
        prompt_by=text(window, "promptByField"),
        prompt_collection=text(window, "promptCollectionField"),
    )


def read_chapter_panels(window: MainWindow) -> tuple[str, ChapterMeta]:
    """The selected chapter's title and front matter as the panels show them."""
    return text(window, "chapterTitleField"), ChapterMeta(
        summary=rich(window, "chapterSummaryField"),
        notes_begin=rich(window, "chapterNotesBeginField"),
        notes_end=rich(window, "chapterNotesEndField"),
        warnings=tags(window, "chapterWarningsField"),
    )


def make_work(path: Path) -> Path:
    project = Project.create(path, "Untitled")
    project.add_chapter("One", "<p>One.</p>", 1)
    project.add_chapter("Two", "<p>Two.</p>", 1)
    project.close()
    return path


def test_every_panel_field_survives_a_restart(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    fill_every_panel(qtbot, window)
    assert window.windowTitle().startswith("Storm Front")

    tree = window.chapter_tree
    tree.setCurrentItem(tree.topLevelItem(0))
    show_panel(window, "warnings")
    show_panel(window, "notes")
    fill_chapter_notes(qtbot, window, TITLES[0], NOTES_ONE, "Wren finds a letter.")
    # Complete with 2 chapters written: the 3 expected is not what gets posted.
    assert find(window, QWidget, "chapterWarningsLabel").text() == "Chapter 1 of 2: The Letter"
    tree.setCurrentItem(tree.topLevelItem(1))
    fill_chapter_notes(qtbot, window, TITLES[1], NOTES_TWO, "")
    assert read_every_panel(window) == EXPECTED  # what was typed is what is shown
    window.close()

    project = Project.open(path)
    try:
        assert project.meta() == EXPECTED
        one, two = project.chapters()
        assert (one.title, two.title) == TITLES
        assert project.chapter_meta(one.id) == NOTES_ONE
        assert project.chapter_meta(two.id) == NOTES_TWO
    finally:
        project.close()

    again = open_window(path)
    assert again.windowTitle().startswith("Storm Front")
    assert read_every_panel(again) == EXPECTED
    # The window reopens on the chapter it was closed on: Two, with its own notes only.
    assert read_chapter_panels(again) == (TITLES[1], NOTES_TWO)
    again.chapter_tree.setCurrentItem(again.chapter_tree.topLevelItem(0))
    assert read_chapter_panels(again) == (TITLES[0], NOTES_ONE)


def test_a_default_disclaimer_follows_the_fandom_across_works(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    first = open_window(make_work(tmp_path / "a.ficwright"))
    show_panel(first, "details")
    add_tags(qtbot, find(first, TagEditor, "fandomsField"), ("Final Fantasy VII",))
    show_panel(first, "disclaimer")
    type_rich(qtbot, find(first, RichField, "disclaimerField"), ("", "Square Enix owns it all."))
    qtbot.mouseClick(find(first, QPushButton, "saveDefaultButton"), Qt.MouseButton.LeftButton)
    first.close()

    # A crossover whose first fandom has no default: the second fandom's is inserted.
    second = open_window(make_work(tmp_path / "b.ficwright"))
    show_panel(second, "details")
    add_tags(
        qtbot, find(second, TagEditor, "fandomsField"), ("Kingdom Hearts", "Final Fantasy VII")
    )
    show_panel(second, "disclaimer")
    insert = find(second, QPushButton, "insertDefaultButton")
    assert insert.isEnabled()
    assert "Final Fantasy VII" in insert.toolTip()
    qtbot.mouseClick(insert, Qt.MouseButton.LeftButton)
    assert find(second, RichField, "disclaimerField").html() == "<p>Square Enix owns it all.</p>"
    second.close()
    project = Project.open(tmp_path / "b.ficwright")
    try:
        assert project.meta().disclaimer == "<p>Square Enix owns it all.</p>"
    finally:
        project.close()

    third = open_window(make_work(tmp_path / "c.ficwright"))
    show_panel(third, "details")
    add_tags(qtbot, find(third, TagEditor, "fandomsField"), ("Kingdom Hearts",))
    assert not find(third, QPushButton, "insertDefaultButton").isEnabled()


def offered(editor: TagEditor) -> list[str]:
    return editor.completer().model().stringList()


def test_every_chapters_warnings_are_offered_and_follow_edits(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright")
    project = Project.open(path)
    two = project.chapters()[1].id
    project.save(Changes(chapters={two: {"warnings": ("Blood",)}}))
    project.close()
    window = open_window(path)
    tree = window.chapter_tree
    tree.setCurrentItem(tree.topLevelItem(0))
    show_panel(window, "warnings")
    chapter_warnings = find(window, TagEditor, "chapterWarningsField")
    content_warnings = find(window, TagEditor, "contentWarningsField")
    assert "Blood" in offered(chapter_warnings)  # chapter two's, never shown yet

    add_tags(qtbot, chapter_warnings, ("Vomit",))
    assert "Vomit" in offered(content_warnings)
    tree.setCurrentItem(tree.topLevelItem(1))
    assert "Vomit" in offered(chapter_warnings)

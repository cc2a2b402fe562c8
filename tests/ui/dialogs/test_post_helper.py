"""File ▸ Post Helper… on the real main window: AO3's form, field by field, with copy buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)

from editor.formats.ao3 import post_fields
from editor.formats.ffn_form import ffn_post_fields
from editor.formats.limits import Level
from editor.formats.templates import DEFAULT_AO3_NOTES
from editor.formats.work import ExportOptions, ExportWork, load_work
from editor.model import ArchiveWarning, Rating
from editor.store.project import Changes, Project
from editor.ui.dialogs.post_helper import PostHelperDialog
from editor.ui.main_window import MainWindow
from editor.ui.widgets.counter import CounterLabel, level_color

from ..conftest import OpenWindow

NEW_WORK_ORDER = [
    "rating",
    "archive_warnings",
    "fandoms",
    "categories",
    "relationships",
    "characters",
    "additional_tags",
    "title",
    "co_creators",
    "summary",
    "notes_begin",
    "notes_end",
    "collections",
    "gift_recipients",
    "inspired_by",
    "series",
    "chapter_label",
    "chapter_title",
    "language",
    "words",
    "text",
]
NEW_CHAPTER_ORDER = [
    "chapter_title",
    "chapter_label",
    "chapter_summary",
    "notes_begin",
    "notes_end",
    "words",
    "text",
]


def make_work(path: Path, summary: str = "<p>A <em>storm</em> comes.</p>") -> Path:
    project = Project.create(path, "Storm Front")
    one = project.add_chapter("The Letter", "<p>Cloud <em>looked</em> at the sword.</p>", 6)
    two = project.add_chapter("Nibelheim", "<p>Zack laughed.</p>", 2)
    project.save(
        Changes(
            work={
                "rating": Rating.TEEN,
                "archive_warnings": (ArchiveWarning.NONE_APPLY,),
                "fandoms": ("Final Fantasy VII",),
                "characters": ("Cloud Strife", "Zack Fair"),
                "summary": summary,
                "disclaimer": "<p>I do not own FFVII.</p>",
                "gift_recipients": ("jane_doe",),
                "expected_chapters": 2,
            },
            chapters={
                one: {"notes_begin": "<p>Thanks for reading!</p>"},
                two: {"summary": "<p>Zack visits.</p>", "notes_end": "<p>More soon.</p>"},
            },
        )
    )
    project.close()
    return path


@pytest.fixture
def work_path(tmp_path: Path) -> Path:
    return make_work(tmp_path / "storm.ficwright")


def open_helper(window: MainWindow) -> PostHelperDialog:
    window.act_post_helper.trigger()
    shown = [d for d in window.findChildren(PostHelperDialog) if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def stored_work(window: MainWindow) -> ExportWork:
    assert window.workspace is not None
    return load_work(window.workspace.project)


def expected_fields(window: MainWindow, number: int):  # type: ignore[no-untyped-def]
    work = stored_work(window)
    return post_fields(work, work.chapters[number - 1], ExportOptions(chapters=[number]))


def grid_rows(dialog: PostHelperDialog) -> list[str]:
    """The field keys in the order their labels are laid out on screen."""
    labels = [w for w in dialog.findChildren(QLabel) if w.objectName().startswith("label_")]
    labels.sort(key=lambda w: w.mapTo(dialog, w.rect().topLeft()).y())
    return [w.objectName().removeprefix("label_") for w in labels if w.isVisible()]


def test_menu_and_shortcut(qtbot, open_window: OpenWindow, work_path: Path) -> None:
    window = open_window(work_path)
    assert window.act_post_helper in window.menuBar().actions()[0].menu().actions()
    assert window.act_post_helper.shortcut() == QKeySequence("Ctrl+Shift+P")
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_P, modifiers)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(PostHelperDialog)))


def test_rows_follow_ao3s_form_order_for_a_new_work_and_a_new_chapter(
    qtbot, open_window: OpenWindow, work_path: Path
) -> None:
    window = open_window(work_path)
    dialog = open_helper(window)
    assert dialog.chapter_number() == 1
    assert dialog.row_keys() == NEW_WORK_ORDER
    assert dialog.row_keys() == [f.key for f in expected_fields(window, 1)]
    qtbot.waitUntil(lambda: grid_rows(dialog) == NEW_WORK_ORDER)

    combo = dialog.findChild(QComboBox, "postChapter")
    combo.setCurrentIndex(1)
    assert dialog.row_keys() == NEW_CHAPTER_ORDER
    qtbot.waitUntil(lambda: grid_rows(dialog) == NEW_CHAPTER_ORDER)
    assert dialog.findChild(QLabel, "label_chapter_label").text() == "Chapter 2 of 2:"
    value = dialog.findChild(QPlainTextEdit, "value_chapter_summary")
    assert value.toPlainText() == "<p>Zack visits.</p>" and value.isReadOnly()


def test_the_open_chapter_is_shown_first(qtbot, open_window: OpenWindow, work_path: Path) -> None:
    window = open_window(work_path)
    window.chapter_tree.setCurrentItem(window.chapter_tree.topLevelItem(1))
    assert open_helper(window).chapter_number() == 2


@pytest.mark.parametrize("number", [1, 2])
def test_each_copy_button_copies_exactly_its_fields_value(
    qtbot, open_window: OpenWindow, work_path: Path, number: int
) -> None:
    window = open_window(work_path)
    dialog = open_helper(window)
    dialog.set_chapter(number)
    copied = 0
    for field in expected_fields(window, number):
        button = dialog.findChild(QPushButton, f"copy_{field.key}")
        assert button is not None, field.key
        if not field.value:
            assert not button.isEnabled()
            continue
        QApplication.clipboard().setText("something else")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert QApplication.clipboard().text() == field.value, field.key
        copied += 1
    assert copied >= 5
    # The HTML fields go as their source, the way AO3's HTML tab takes them.
    qtbot.mouseClick(dialog.findChild(QPushButton, "copy_text"), Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text().startswith("<p>")


def test_an_over_limit_summary_says_how_much_to_cut(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    summary = "<p>" + "x" * 1300 + "</p>"  # 1,307 characters of HTML; AO3 allows 1,250
    window = open_window(make_work(tmp_path / "long.ficwright", summary=summary))
    dialog = open_helper(window)
    problems = dialog.findChild(QLabel, "problems_summary")
    assert problems.isVisible()
    assert "Summary is over AO3's limit of 1,250 characters: cut 57." in problems.text()
    error = level_color(Level.ERROR, problems.palette())
    assert problems.palette().color(QPalette.ColorRole.WindowText) == error
    counter = dialog.findChild(CounterLabel, "counter_summary")
    assert counter.text() == "1,307 / 1,250" and counter.level() is Level.ERROR
    # A field within its limit shows no problem.
    assert not dialog.findChild(QLabel, "problems_title").isVisible()


def test_editing_the_template_recomposes_the_notes_and_save_stores_it(
    qtbot, open_window: OpenWindow, work_path: Path
) -> None:
    window = open_window(work_path)
    dialog = open_helper(window)
    notes = dialog.findChild(QPlainTextEdit, "value_notes_begin")
    assert "<strong>Disclaimer:</strong> I do not own FFVII." in notes.toPlainText()
    template = dialog.findChild(QPlainTextEdit, "notesTemplate")
    assert template.toPlainText() == DEFAULT_AO3_NOTES
    save = dialog.findChild(QPushButton, "saveTemplate")
    assert not save.isEnabled()

    template.setFocus()
    template.selectAll()
    qtbot.keyClicks(template, "Owned by others: {disclaimer}")
    qtbot.keyClick(template, Qt.Key.Key_Return)
    qtbot.keyClicks(template, "{notes_begin}")
    qtbot.waitUntil(
        lambda: (
            notes.toPlainText()
            == "<p>Owned by others: I do not own FFVII.</p>\n<p>Thanks for reading!</p>"
        )
    )
    assert window.workspace is not None
    assert window.workspace.meta.ao3_notes_template == ""  # nothing stored before Save

    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    text = "Owned by others: {disclaimer}\n{notes_begin}"
    assert window.workspace.meta.ao3_notes_template == text
    assert not save.isEnabled()
    window.close()
    project = Project.open(work_path)
    try:
        assert project.meta().ao3_notes_template == text
    finally:
        project.close()


def test_reset_goes_back_to_the_default_template(
    qtbot, open_window: OpenWindow, work_path: Path
) -> None:
    project = Project.open(work_path)
    project.save(Changes(work={"ao3_notes_template": "Mine: {disclaimer}"}))
    project.close()
    window = open_window(work_path)
    dialog = open_helper(window)
    assert dialog.template_text() == "Mine: {disclaimer}"
    notes = dialog.findChild(QPlainTextEdit, "value_notes_begin")
    assert notes.toPlainText() == "<p>Mine: I do not own FFVII.</p>"

    qtbot.mouseClick(dialog.findChild(QPushButton, "resetTemplate"), Qt.MouseButton.LeftButton)
    assert dialog.template_text() == DEFAULT_AO3_NOTES
    assert "<strong>Disclaimer:</strong>" in notes.toPlainText()
    assert window.workspace is not None and window.workspace.meta.ao3_notes_template == ""


def test_a_callback_receives_the_template_without_a_window(qtbot, work_path: Path) -> None:
    project = Project.open(work_path)
    work = load_work(project)
    project.close()
    saved: list[str] = []
    dialog = PostHelperDialog(work, 1, saved.append)
    qtbot.addWidget(dialog)
    dialog.findChild(QPlainTextEdit, "notesTemplate").setPlainText("{prompt}")
    dialog.save_template()
    assert saved == ["{prompt}"]
    dialog.findChild(QPlainTextEdit, "notesTemplate").setPlainText(DEFAULT_AO3_NOTES + "\n")
    dialog.save_template()
    assert saved == ["{prompt}", ""]  # the default is stored as "use the default"


def test_the_site_list_shows_ffns_form_from_the_same_work(
    qtbot, open_window: OpenWindow, work_path: Path
) -> None:
    window = open_window(work_path)
    dialog = open_helper(window)
    template = dialog.findChild(QPlainTextEdit, "notesTemplate")
    assert template.isVisible()
    dialog.findChild(QComboBox, "postSite").setCurrentIndex(1)
    assert dialog.site() == "ffn"
    work = stored_work(window)
    expected = ffn_post_fields(work, work.chapters[0], ExportOptions(chapters=[1]))
    assert dialog.row_keys() == [f.key for f in expected]
    qtbot.waitUntil(lambda: grid_rows(dialog) == [f.key for f in expected])
    assert dialog.findChild(QLineEdit, "value_category").text() == "Final Fantasy VII"
    assert dialog.findChild(QLineEdit, "value_rating").text() == "T"
    assert dialog.findChild(QLineEdit, "value_characters").text() == "Cloud Strife, Zack Fair"
    assert not template.isVisible()  # AO3's notes template says nothing about FFN's form
    dialog.findChild(QPushButton, "copy_characters").click()
    assert QApplication.clipboard().text() == "Cloud Strife, Zack Fair"
    dialog.set_site("ao3")
    assert dialog.row_keys() == NEW_WORK_ORDER

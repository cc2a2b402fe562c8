"""File ▸ Import… on the real main window: preview what went where, correct it, import it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTextBrowser,
    QWidget,
)

from editor.formats import importers
from editor.model import ArchiveWarning, Rating, WorkMeta
from editor.store.project import Project
from editor.ui.dialogs.import_dialog import SETTING_FOLDER, ImportDialog
from editor.ui.main_window import MainWindow
from editor.ui.widgets.rich_field import RichField

from ..conftest import OpenWindow

FIC = """\
Title: The Long Way Home
Author: wren_writes
Fandom: Final Fantasy VII
Rating: T
Warnings: No Archive Warnings Apply
Pairing: Cloud/Tifa
Disclaimer: I don't own Final Fantasy VII.

Chapter 1: The Letter

Cloud looked at the sword.

He wrote a letter.

Chapter 2: Nibelheim

Zack laughed.

The end.
"""


@pytest.fixture
def work_path(tmp_path: Path) -> Path:
    path = tmp_path / "storm.ficwright"
    project = Project.create(path, "Storm Front")
    project.add_chapter("Already Here", "<p>Old text.</p>", 2)
    project.close()
    return path


@pytest.fixture
def fic(tmp_path: Path) -> Path:
    path = tmp_path / "files" / "long way home.txt"
    path.parent.mkdir()
    path.write_text(FIC, encoding="utf-8")
    return path


def choose(monkeypatch, *paths: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """The file dialog picks ``paths``; the list records the folder it started in."""
    asked: list[str] = []

    def get_open(_parent, _caption, start, _filter="", *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(start)
        return [str(p) for p in paths], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", get_open)
    return asked


def open_import(qtbot, window: MainWindow) -> ImportDialog:  # type: ignore[no-untyped-def]
    window.act_import.trigger()
    # A closed dialog lingers until its deferred delete: take the one showing.
    shown = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def read(qtbot, dialog: ImportDialog, monkeypatch, *paths: Path) -> None:  # type: ignore[no-untyped-def]
    choose(monkeypatch, *paths)
    click(qtbot, dialog, "importAddFiles")
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=10000)


def click(qtbot, dialog: ImportDialog, name: str) -> None:  # type: ignore[no-untyped-def]
    button = dialog.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def findings(dialog: ImportDialog) -> dict[str, str]:
    """Label -> value, as the findings table shows them."""
    table = dialog.findChild(QTableWidget, "importFindings")
    return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}


def finding_row(dialog: ImportDialog, label: str) -> int:
    table = dialog.findChild(QTableWidget, "importFindings")
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == label)


def chapters(dialog: ImportDialog) -> list[tuple[str, str, str]]:
    table = dialog.findChild(QTableWidget, "importChapters")
    return [
        tuple(table.item(r, c).text() for c in range(3))  # type: ignore[misc]
        for r in range(table.rowCount())
    ]


def error_text(dialog: ImportDialog) -> str:
    label = dialog.findChild(QLabel, "importError")
    return label.text() if label.isVisible() else ""


def stored(path: Path) -> tuple[list[str], WorkMeta, Project]:
    project = Project.open(path)
    return [c.title for c in project.chapters()], project.meta(), project


# -- opening ---------------------------------------------------------------------------------


def test_file_menu_and_shortcut_open_the_import_dialog(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.act_import in file_menu.actions()
    assert window.act_import.shortcut() == QKeySequence("Ctrl+Shift+I")
    qtbot.keyClick(
        window,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is not None)
    dialog = window.findChild(ImportDialog)
    assert dialog.isVisible()
    assert dialog.findChild(QCheckBox, "importDetectHeader").isChecked()
    assert dialog.findChild(QCheckBox, "importSplitChapters").isChecked()
    assert not dialog.findChild(QCheckBox, "importOverwrite").isChecked()
    assert not dialog.findChild(QPushButton, "importApply").isEnabled()  # nothing read yet


def test_the_file_dialog_offers_the_supported_types_and_remembers_the_folder(
    qtbot, open_window: OpenWindow, work_path, fic, monkeypatch
):
    window = open_window(work_path)
    dialog = open_import(qtbot, window)
    filters: list[str] = []

    def get_open(_parent, _caption, start, filter_="", *_a, **_k):  # type: ignore[no-untyped-def]
        filters.append(filter_)
        return [str(fic)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", get_open)
    click(qtbot, dialog, "importAddFiles")
    assert all(f"*{ext}" in filters[0] for ext in importers.SUPPORTED)
    assert window.settings.value(SETTING_FOLDER) == str(fic.parent)
    dialog.reject()

    again = open_import(qtbot, window)
    asked = choose(monkeypatch, fic)
    click(qtbot, again, "importAddFiles")
    assert asked == [str(fic.parent)]


# -- the preview, corrections and the import -------------------------------------------------


def test_a_fic_with_a_header_is_previewed_before_anything_is_saved(
    qtbot, open_window: OpenWindow, work_path, fic, monkeypatch
):
    window = open_window(work_path)
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, monkeypatch, fic)

    found = findings(dialog)
    assert found["Title"] == "The Long Way Home"
    assert found["Author"] == "wren_writes"
    assert found["Rating"] == "Teen And Up Audiences"
    assert found["Archive warnings"] == "No Archive Warnings Apply"
    assert found["Disclaimer"] == "I don't own Final Fantasy VII."
    table = dialog.findChild(QTableWidget, "importFindings")
    assert table.item(finding_row(dialog, "Rating"), 2).text() == "Rating: T"  # from
    assert chapters(dialog) == [
        ("The Letter", "9", "long way home.txt"),
        ("Nibelheim", "4", "long way home.txt"),
    ]
    preview = dialog.findChild(QTextBrowser, "importPreview")
    assert preview.toPlainText() == "Cloud looked at the sword.\nHe wrote a letter."
    dialog.findChild(QTableWidget, "importChapters").selectRow(1)
    assert preview.toPlainText() == "Zack laughed.\nThe end."
    encodings = dialog.findChild(QListWidget, "importEncodings")
    assert encodings.item(0).text() == "“long way home.txt”: read as UTF-8"

    # Nothing is written before Import.
    assert window.workspace is not None
    assert [c.title for c in window.workspace.project.chapters()] == ["Already Here"]
    assert window.workspace.project.meta().author == ""


def test_import_adds_the_chapters_and_fields_to_the_work(
    qtbot, open_window: OpenWindow, work_path, fic, monkeypatch
):
    window = open_window(work_path)
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, monkeypatch, fic)
    with qtbot.waitSignal(dialog.imported) as done:
        click(qtbot, dialog, "importApply")
    assert not dialog.isVisible()
    assert len(done.args[0]) == 2

    tree = window.chapter_tree
    ws = window.workspace
    assert ws is not None
    assert [c.title for c in ws.chapters()] == ["Already Here", "The Letter", "Nibelheim"]
    assert tree.current_id() == done.args[0][0]  # the first imported chapter is shown
    assert window.text_pane.toPlainText() == "Cloud looked at the sword.\nHe wrote a letter."
    details = window.front_matter.details
    assert details.findChild(QLineEdit, "authorField").text() == "wren_writes"
    assert details.findChild(QComboBox, "ratingField").currentText() == str(Rating.TEEN)
    # The work already had a title and overwrite was off: the title stays.
    assert details.findChild(QLineEdit, "titleField").text() == "Storm Front"
    assert window.front_matter.warnings.findChild(QCheckBox, "warningNoneApply").isChecked()

    window.close()
    titles, meta, project = stored(work_path)
    assert titles == ["Already Here", "The Letter", "Nibelheim"]
    assert meta.title == "Storm Front"
    assert meta.author == "wren_writes"
    assert meta.fandoms == ("Final Fantasy VII",)
    assert meta.rating is Rating.TEEN
    assert meta.archive_warnings == (ArchiveWarning.NONE_APPLY,)
    assert meta.relationships == ("Cloud/Tifa",)
    assert meta.disclaimer == "<p>I don't own Final Fantasy VII.</p>"
    assert project.body(project.chapters()[2].id) == "<p>Zack laughed.</p>\n<p>The end.</p>"
    project.close()


def test_overwrite_replaces_the_fields_the_work_has(
    qtbot, open_window: OpenWindow, work_path, fic, monkeypatch
):
    window = open_window(work_path)
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, monkeypatch, fic)
    dialog.findChild(QCheckBox, "importOverwrite").setChecked(True)
    with qtbot.waitSignal(dialog.imported):
        click(qtbot, dialog, "importApply")
    assert window.windowTitle().startswith("The Long Way Home")
    details = window.front_matter.details
    assert details.findChild(QLineEdit, "titleField").text() == "The Long Way Home"
    window.close()
    assert stored(work_path)[1].title == "The Long Way Home"


def test_corrected_and_unticked_findings_change_what_is_saved(
    qtbot, open_window: OpenWindow, work_path, fic, monkeypatch
):
    window = open_window(work_path)
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, monkeypatch, fic)
    table = dialog.findChild(QTableWidget, "importFindings")
    table.item(finding_row(dialog, "Author"), 1).setText("Wren Writes")
    table.item(finding_row(dialog, "Rating"), 1).setText("Mature")
    table.item(finding_row(dialog, "Relationships"), 1).setText("Cloud/Tifa, Zack & Aerith")
    table.item(finding_row(dialog, "Disclaimer"), 0).setCheckState(Qt.CheckState.Unchecked)
    # A chapter's title corrected in the findings shows in the chapter list.
    table.item(finding_row(dialog, "Chapter 2 title"), 1).setText("Home")
    assert [c[0] for c in chapters(dialog)] == ["The Letter", "Home"]
    dialog.findChild(QTableWidget, "importChapters").item(0, 0).setText("A Letter")
    assert table.item(finding_row(dialog, "Chapter 1 title"), 1).text() == "A Letter"

    with qtbot.waitSignal(dialog.imported):
        click(qtbot, dialog, "importApply")
    details = window.front_matter.details
    assert details.findChild(QLineEdit, "authorField").text() == "Wren Writes"
    assert window.front_matter.disclaimer.findChild(RichField, "disclaimerField").html() == ""
    window.close()
    titles, meta, project = stored(work_path)
    project.close()
    assert titles == ["Already Here", "A Letter", "Home"]
    assert meta.author == "Wren Writes"
    assert meta.rating is Rating.MATURE
    assert meta.relationships == ("Cloud/Tifa", "Zack & Aerith")
    assert meta.disclaimer == ""  # unticked: not set


def test_a_value_the_field_cannot_hold_blocks_the_import(
    qtbot, open_window: OpenWindow, work_path, fic, monkeypatch
):
    window = open_window(work_path)
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, monkeypatch, fic)
    table = dialog.findChild(QTableWidget, "importFindings")
    rating = table.item(finding_row(dialog, "Rating"), 1)
    rating.setText("Spicy")
    assert "not a valid rating" in rating.toolTip()
    click(qtbot, dialog, "importApply")
    assert dialog.isVisible()
    assert "red" in error_text(dialog)
    assert window.workspace is not None
    assert len(window.workspace.chapters()) == 1


def test_a_two_chapter_file_is_split_unless_asked_not_to(
    qtbot, open_window: OpenWindow, work_path, fic, monkeypatch
):
    window = open_window(work_path)
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, monkeypatch, fic)
    assert [c[0] for c in chapters(dialog)] == ["The Letter", "Nibelheim"]

    dialog.findChild(QCheckBox, "importSplitChapters").setChecked(False)
    qtbot.waitUntil(lambda: not dialog.is_reading() and len(chapters(dialog)) == 1)
    assert "Zack laughed." in dialog.read_result().chapters[0].body  # type: ignore[union-attr]

    dialog.findChild(QCheckBox, "importDetectHeader").setChecked(False)
    qtbot.waitUntil(lambda: not dialog.is_reading() and "Title" not in findings(dialog))
    assert "Title: The Long Way Home" in dialog.read_result().chapters[0].body  # type: ignore[union-attr]


def test_several_files_come_in_natural_order_and_can_be_reordered(
    qtbot, open_window: OpenWindow, work_path, tmp_path, monkeypatch
):
    folder = tmp_path / "parts"
    folder.mkdir()
    for n in (10, 2, 1):
        (folder / f"ch{n}.txt").write_text(f"Part {n} text.\n", encoding="utf-8")
    window = open_window(work_path)
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, monkeypatch, folder / "ch10.txt", folder / "ch2.txt", folder / "ch1.txt")
    files = dialog.findChild(QListWidget, "importFiles")
    assert [files.item(i).text() for i in range(3)] == ["ch1.txt", "ch2.txt", "ch10.txt"]
    assert [c[2] for c in chapters(dialog)] == ["ch1.txt", "ch2.txt", "ch10.txt"]

    # Moving a file up reorders the chapters (the author's order wins over the names).
    files.setCurrentRow(2)
    click(qtbot, dialog, "importMoveUp")
    qtbot.waitUntil(lambda: not dialog.is_reading())
    assert [files.item(i).text() for i in range(3)] == ["ch1.txt", "ch10.txt", "ch2.txt"]

    with qtbot.waitSignal(dialog.imported):
        click(qtbot, dialog, "importApply")
    window.close()
    _titles, _meta, project = stored(work_path)
    bodies = [project.body(c.id) for c in project.chapters()[1:]]
    project.close()
    assert bodies == ["<p>Part 1 text.</p>", "<p>Part 2 text.</p>", "<p>Part 10 text.</p>"]


def drop(dialog: ImportDialog, where: QWidget, *paths: Path) -> None:
    """Drop files from a file manager on ``where``, as the window system delivers it."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = where.mapTo(dialog, where.rect().center())
    window = dialog.windowHandle()
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, QDragEnterEvent(point, *args))
    QApplication.sendEvent(window, QDropEvent(QPointF(point), *args))


def test_an_untitled_chapter_is_named_as_a_new_chapter_would_be(
    qtbot, open_window: OpenWindow, work_path, tmp_path, monkeypatch
):
    story = tmp_path / "story.txt"
    story.write_text("Just some prose.\n", encoding="utf-8")
    window = open_window(work_path)
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, monkeypatch, story)
    assert chapters(dialog) == [("Chapter 2", "3", "story.txt")]  # the work has one already
    with qtbot.waitSignal(dialog.imported):
        click(qtbot, dialog, "importApply")
    assert window.workspace is not None
    assert [c.title for c in window.workspace.chapters()] == ["Already Here", "Chapter 2"]


def test_files_dropped_on_the_dialog_are_added(
    qtbot, open_window: OpenWindow, work_path, fic, tmp_path
):
    window = open_window(work_path)
    dialog = open_import(qtbot, window)
    qtbot.waitExposed(dialog)
    drop(dialog, dialog.findChild(QListWidget, "importFiles"), fic)
    assert dialog.paths() == [fic]
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=10000)
    assert len(chapters(dialog)) == 2

    other = tmp_path / "ch3.txt"
    other.write_text("More.\n", encoding="utf-8")
    drop(dialog, dialog.findChild(QLabel, "importStatus"), other)  # anywhere on the dialog
    assert dialog.paths() == [other, fic]  # in natural order of their names


def test_a_windows_1252_file_says_how_it_was_read(
    qtbot, open_window: OpenWindow, work_path, tmp_path, monkeypatch
):
    old = tmp_path / "old.txt"
    old.write_bytes(b"Cloud said \x93hello\x94.\n")
    window = open_window(work_path)
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, monkeypatch, old)
    encodings = dialog.findChild(QListWidget, "importEncodings")
    assert encodings.item(0).text() == "“old.txt”: read as Windows-1252"
    preview = dialog.findChild(QTextBrowser, "importPreview")
    assert preview.toPlainText() == "Cloud said “hello”."


# -- nothing changes ---------------------------------------------------------------------------


def test_a_binary_file_shows_why_and_changes_nothing(
    qtbot, open_window: OpenWindow, work_path, fic, tmp_path, monkeypatch
):
    picture = tmp_path / "cover.txt"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    window = open_window(work_path)
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, monkeypatch, fic, picture)
    message = error_text(dialog)
    assert "cover.txt" in message and "PNG picture" in message
    assert chapters(dialog) == [] and findings(dialog) == {}
    assert not dialog.findChild(QPushButton, "importApply").isEnabled()
    dialog.reject()
    window.close()
    titles, meta, project = stored(work_path)
    project.close()
    assert titles == ["Already Here"]
    assert meta == WorkMeta(title="Storm Front")


def test_cancel_during_reading_changes_nothing(
    qtbot, open_window: OpenWindow, work_path, fic, monkeypatch
):
    started = threading.Event()
    threads: list[int] = []
    real = importers.read_files

    def blocking(paths, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        kwargs["progress"](0, 1)
        started.set()
        while not kwargs["cancelled"]():
            threading.Event().wait(0.01)
        return real(paths, **kwargs)  # notices the cancel, as the real reader does

    monkeypatch.setattr(importers, "read_files", blocking)
    window = open_window(work_path)
    dialog = open_import(qtbot, window)
    choose(monkeypatch, fic)
    click(qtbot, dialog, "importAddFiles")
    qtbot.waitUntil(started.is_set, timeout=5000)
    progress = dialog.findChild(QProgressBar, "importProgress")
    qtbot.waitUntil(progress.isVisible, timeout=2000)
    assert progress.maximum() == 1
    assert threads and threads[0] != threading.get_ident()  # off the UI thread

    with qtbot.waitSignal(dialog.readFinished, timeout=5000):
        click(qtbot, dialog, "importCancelRead")
    assert not progress.isVisible()
    assert "cancelled" in dialog.findChild(QLabel, "importStatus").text()
    assert not dialog.findChild(QPushButton, "importApply").isEnabled()
    assert dialog.findChild(QPushButton, "importReread").isVisible()
    dialog.reject()
    window.close()
    titles, meta, project = stored(work_path)
    project.close()
    assert titles == ["Already Here"]
    assert meta == WorkMeta(title="Storm Front")


# -- no work open ------------------------------------------------------------------------------


def test_import_with_no_work_open_creates_a_new_work(
    qtbot, open_window: OpenWindow, fic, tmp_path, monkeypatch
):
    window = open_window()
    assert window.workspace is None
    dialog = open_import(qtbot, window)
    assert not dialog.findChild(QCheckBox, "importOverwrite").isVisible()
    read(qtbot, dialog, monkeypatch, fic)
    target = tmp_path / "home"
    asked: list[str] = []

    def get_save(_parent, _caption, start, _filter="", *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save)
    with qtbot.waitSignal(dialog.imported):
        click(qtbot, dialog, "importApply")
    assert Path(asked[0]).name == "The Long Way Home.ficwright"
    ws = window.workspace
    assert ws is not None and ws.project.path == tmp_path / "home.ficwright"
    assert [c.title for c in ws.chapters()] == ["The Letter", "Nibelheim"]
    assert window.front_matter.details.findChild(QLineEdit, "authorField").text() == "wren_writes"
    window.close()
    titles, meta, project = stored(tmp_path / "home.ficwright")
    project.close()
    assert titles == ["The Letter", "Nibelheim"]
    assert meta.title == "The Long Way Home"
    assert meta.author == "wren_writes"


def test_backing_out_of_the_new_work_keeps_the_dialog_open(
    qtbot, open_window: OpenWindow, fic, monkeypatch
):
    window = open_window()
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, monkeypatch, fic)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
    click(qtbot, dialog, "importApply")
    assert dialog.isVisible() and error_text(dialog) == ""
    assert window.workspace is None

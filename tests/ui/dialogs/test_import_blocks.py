"""The import preview's Blocks tab: each block around the story, where it goes, and a move."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTabWidget

from editor.store.project import Project
from editor.text.richtext import plain_text
from editor.ui.dialogs.import_blocks import B_SURE, B_TARGET, B_WHY, EdgeBlocks

from ..conftest import OpenWindow
from .test_import_dialog import click, open_import, read

FIC = """\
For Priya, who asked for boats and got them.

This is my first fic in this fandom so please be gentle! Any mistakes are the train's fault.

The boat was called the Persistence, which Mara thought was asking for trouble.

It had a hole in it, for one thing. A small hole, her grandfather said.

Halfway across, he told her the name had been her grandmother's idea.

A/N: thanks for reading! See you next week.
"""


def _work(tmp_path: Path) -> Path:
    path = tmp_path / "lake.ficwright"
    Project.create(path, "The Lake").close()
    return path


def _fic(tmp_path: Path) -> Path:
    path = tmp_path / "files" / "boats.txt"
    path.parent.mkdir()
    path.write_text(FIC, encoding="utf-8")
    return path


def choose(qtbot, dialog, blocks: EdgeBlocks, fragment: str, target: str) -> None:  # type: ignore[no-untyped-def]
    """Click the block's "Goes to" cell and pick ``target`` from its list."""
    dialog.findChild(QTabWidget, "importFoundTabs").setCurrentIndex(1)
    row = blocks.row_of(fragment)
    blocks.scrollTo(blocks.model().index(row, B_TARGET))
    cell = blocks.visualRect(blocks.model().index(row, B_TARGET))
    qtbot.mouseClick(blocks.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    box = blocks.findChild(QComboBox, "importBlockTarget")  # one click opens the list
    assert box is not None and box.isVisible()
    index = box.findData(target)
    with qtbot.waitSignal(dialog.readFinished, timeout=10000):
        box.setCurrentIndex(index)
        box.activated.emit(index)
    qtbot.waitUntil(lambda: not dialog.is_reading(), timeout=10000)


def test_each_block_shows_where_it_went_and_why(
    qtbot, open_window: OpenWindow, tmp_path, monkeypatch
):
    window = open_window(_work(tmp_path))
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, monkeypatch, _fic(tmp_path))
    tabs = dialog.findChild(QTabWidget, "importFoundTabs")
    tabs.setCurrentIndex(1)
    blocks = dialog.findChild(EdgeBlocks, "importBlocks")
    assert blocks.isVisible()

    dedication = blocks.row_of("For Priya")
    note = blocks.row_of("my first fic")
    story = blocks.row_of("The boat was called")
    end = blocks.row_of("thanks for reading")
    assert blocks.target(dedication) == "dedication"
    assert blocks.target(note) == "notes_begin"
    assert blocks.target(story) == "story"
    assert blocks.target(end) == "notes_end"
    assert "author talking" in blocks.item(note, B_WHY).text()
    assert blocks.item(end, B_SURE).text() == "sure"  # labelled "A/N:"


def test_moving_blocks_between_a_field_and_the_story_is_what_gets_imported(
    qtbot, open_window: OpenWindow, tmp_path, monkeypatch
):
    work = _work(tmp_path)
    window = open_window(work)
    dialog = open_import(qtbot, window)
    read(qtbot, dialog, monkeypatch, _fic(tmp_path))
    blocks = dialog.findChild(EdgeBlocks, "importBlocks")

    # The dedication line is really the story's first line; the story's last paragraph is
    # really an end note. One choice each in the "Goes to" list, no retyping.
    choose(qtbot, dialog, blocks, "For Priya", "story")
    choose(qtbot, dialog, blocks, "Halfway across", "notes_end")
    # The choices hold when the files are read again (they are the author's for this import)
    row = blocks.row_of("For Priya")
    assert blocks.target(row) == "story"
    assert blocks.item(row, B_WHY).text() == "your choice"
    assert blocks.target(blocks.row_of("Halfway across")) == "notes_end"

    with qtbot.waitSignal(dialog.imported):
        click(qtbot, dialog, "importApply")
    window.close()

    project = Project.open(work)
    [chapter] = project.chapters()
    body = plain_text(project.body(chapter.id))
    meta = project.chapter_meta(chapter.id)
    assert body.startswith("For Priya, who asked for boats and got them.")
    assert "Halfway across" not in body
    assert "Halfway across, he told her" in plain_text(meta.notes_end)
    assert "thanks for reading" in plain_text(meta.notes_end)
    assert project.meta().dedication == ""
    project.close()

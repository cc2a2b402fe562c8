"""Chapter ▸ Mark as Posted… and What Changed Since Posted…, with the chapter tree's Posted
column, on the real main window and a real file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from editor.formats import ao3, ffn
from editor.formats.work import ExportOptions, load_work
from editor.store import posting
from editor.store.posting import PostState
from editor.store.project import Changes, Project
from editor.ui.chapter_tree import POSTED_COLUMN
from editor.ui.dialogs.posting import MarkPostedDialog, PostedChangesDialog
from editor.ui.main_window import MainWindow

from ..conftest import OpenWindow

ONE = "<p>Cloud <em>looked</em> at the sword.</p>\n<hr />\n<p>Midgar slept.</p>"
TWO = "<p>Zack laughed.</p>"
URL = "https://archiveofourown.org/works/123/chapters/456"


@pytest.fixture
def work_path(tmp_path: Path) -> Path:
    path = tmp_path / "storm.ficwright"
    project = Project.create(path, "Storm Front")
    one = project.add_chapter("The Letter", ONE, 7)
    project.add_chapter("Nibelheim", TWO, 2)
    project.save(
        Changes(
            work={"author": "wren_writes", "disclaimer": "<p>Not mine.</p>"},
            chapters={one: {"notes_begin": "<p>Thanks!</p>"}},
        )
    )
    project.close()
    return path


def chapter_ids(window: MainWindow) -> list[int]:
    assert window.workspace is not None
    return [ch.id for ch in window.workspace.chapters()]


def type_paragraph(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(pane.textCursor().MoveOperation.End)
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    qtbot.keyClicks(pane, text)


def mark(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    site: str,
    url: str = "",
    *,
    all_chapters: bool = False,
    other: str = "",
    on: QDate | None = None,
) -> None:
    dialog = window.open_mark_posted()
    assert isinstance(dialog, MarkPostedDialog) and dialog.isVisible()
    dialog.site.setCurrentIndex(dialog.site.findData(site))
    dialog.other.setText(other)
    dialog.url.setText(url)
    if on is not None:
        dialog.date.setDate(on)
    if all_chapters:
        dialog.all_chapters.setChecked(True)
    qtbot.mouseClick(dialog.findChild(QPushButton, "postMark"), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def posted(window: MainWindow, chapter_id: int) -> str:
    return window.chapter_tree.posted_text(chapter_id)


def tip(window: MainWindow, chapter_id: int) -> str:
    item = window.chapter_tree.topLevelItem(window.workspace.position_of(chapter_id))
    return item.toolTip(POSTED_COLUMN)


def test_chapter_menu_has_the_posting_log(open_window: OpenWindow, work_path):
    window = open_window(work_path)
    chapter_menu = window.menuBar().actions()[3].menu()
    for action in (window.act_mark_posted, window.act_posted_changes):
        assert action in chapter_menu.actions() and action.isEnabled()
    assert window.chapter_tree.headerItem().text(POSTED_COLUMN) == "Posted"


def test_marking_a_chapter_posted_records_the_ao3_text_and_ticks_it_in_the_tree(
    qtbot, open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    one, two = chapter_ids(window)
    mark(qtbot, window, "AO3", URL)

    assert posted(window, one) == "AO3 ✓"
    assert posted(window, two) == ""
    assert tip(window, one) == f"AO3: posted {date.today().isoformat()}, unchanged."
    window.close()

    project = Project.open(work_path)
    post = posting.last_post(project, one, "AO3")
    assert post is not None and post.url == URL
    assert post.body == ONE
    assert post.exported == ao3.chapter_html(ONE)
    assert posting.last_post(project, two, "AO3") is None


def test_typing_after_posting_shows_a_pencil_and_what_changed(
    qtbot, open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    one = chapter_ids(window)[0]
    mark(qtbot, window, "AO3", URL)
    type_paragraph(qtbot, window, "Zack knocked twice.")
    qtbot.waitUntil(lambda: not window.workspace.dirty)  # autosaved

    assert posted(window, one) == "AO3 ✎"
    assert tip(window, one) == f"AO3: edited since posting on {date.today().isoformat()}."

    dialog = window.open_posted_changes()
    assert isinstance(dialog, PostedChangesDialog) and dialog.isVisible()
    assert dialog.site.currentText() == "AO3"
    assert "Zack knocked twice." in dialog.diff.toPlainText()
    assert "3 words added, 0 removed." in dialog.summary.text()
    assert dialog.url() == URL and URL in dialog.url_label.text()
    dialog.copy_url.click()
    assert QApplication.clipboard().text() == URL
    assert dialog.edited_chapters() == [one]
    dialog.close()

    # The text recorded is what was posted, not what the chapter says now.
    post = posting.last_post(window.workspace.project, one, "AO3")
    assert post.exported == ao3.chapter_html(ONE)

    # Posting the update puts the tick back.
    mark(qtbot, window, "AO3", URL)
    assert posted(window, one) == "AO3 ✓"
    window.close()
    project = Project.open(work_path)
    assert posting.states(project) == {one: {"AO3": PostState.POSTED}}
    assert "Zack knocked twice." in posting.last_post(project, one, "AO3").exported


def test_marking_every_chapter_posted_to_ffn_records_its_document_files(
    qtbot, open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    one, two = chapter_ids(window)
    mark(qtbot, window, "AO3", URL)
    type_paragraph(qtbot, window, "Later.")
    mark(qtbot, window, "FFN", "https://www.fanfiction.net/s/99/1/", all_chapters=True)

    assert posted(window, one) == "AO3 ✎  FFN ✓"
    assert posted(window, two) == "FFN ✓"
    assert tip(window, one).startswith("AO3: edited since posting on ")
    assert tip(window, one).endswith(f"FFN: posted {date.today().isoformat()}, unchanged.")
    window.close()

    project = Project.open(work_path)
    work = load_work(project)
    for chapter in work.chapters:
        post = posting.last_post(project, chapter.id, "FFN")
        assert post is not None and post.body == chapter.body
        assert post.exported == ffn.chapter_html(work, chapter, ExportOptions())
    assert "Later." in posting.last_post(project, one, "FFN").exported
    assert "Not mine." in posting.last_post(project, one, "FFN").exported


def test_another_site_on_an_earlier_day_records_the_body(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    one = chapter_ids(window)[0]
    mark(qtbot, window, "Other", other="Wattpad", on=QDate(2026, 1, 5))
    assert posted(window, one) == "Wattpad ✓"
    assert tip(window, one) == "Wattpad: posted 2026-01-05, unchanged."
    post = posting.last_post(window.workspace.project, one, "Wattpad")
    assert post.exported == ONE and post.posted == "2026-01-05"


def test_posting_states_survive_a_restart(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    one, two = chapter_ids(window)
    mark(qtbot, window, "AO3", URL)
    mark(qtbot, window, "FFN", all_chapters=True)
    type_paragraph(qtbot, window, "Edited after posting.")
    window.close()

    window = open_window(work_path)
    assert posted(window, one) == "AO3 ✎  FFN ✎"
    assert posted(window, two) == "FFN ✓"
    dialog = window.open_posted_changes()
    assert dialog.edited_chapters() == [one]
    assert "Edited after posting." in dialog.diff.toPlainText()
    assert dialog.url() == URL
    dialog.site.setCurrentIndex(dialog.site.findData("FFN"))
    assert "Edited after posting." in dialog.diff.toPlainText()
    assert not dialog.url()  # FFN was marked without an address
    assert not dialog.copy_url.isEnabled()


def test_what_changed_follows_the_chapter_chosen_in_the_list(
    qtbot, open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    one, two = chapter_ids(window)
    mark(qtbot, window, "AO3", URL, all_chapters=True)
    window.workspace.select(two)
    type_paragraph(qtbot, window, "Cloud sighed.")
    window.workspace.select(one)

    dialog = window.open_posted_changes()
    assert dialog.shown_chapter() == one
    assert "unchanged since" in dialog.summary.text()
    assert dialog.edited_chapters() == [two]
    dialog.edited.setCurrentRow(0)
    assert dialog.shown_chapter() == two
    assert "Cloud sighed." in dialog.diff.toPlainText()


def test_a_chapter_never_posted_says_so(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    dialog = window.open_posted_changes()
    assert "has not been marked as posted" in dialog.summary.text()
    assert not dialog.site.isEnabled()
    assert dialog.edited_chapters() == []


def test_every_mnemonic_label_of_the_dialog_moves_the_focus(
    qtbot, open_window: OpenWindow, work_path
):
    """A label written "&Site:" shows its "&" as text unless it has a buddy to focus."""
    window = open_window(work_path)
    dialog = window.open_mark_posted()
    assert isinstance(dialog, MarkPostedDialog)
    labels = [label for label in dialog.findChildren(QLabel) if "&" in label.text()]
    assert {label.text() for label in labels} >= {"&Site:", "&Address:", "&Date:"}
    assert all(label.buddy() is not None for label in labels)
    site_label = next(label for label in labels if label.text() == "&Site:")
    assert site_label.buddy() is dialog.site
    dialog.reject()


def test_a_full_disk_part_way_through_every_chapter_marks_none(
    qtbot, open_window: OpenWindow, work_path, monkeypatch: pytest.MonkeyPatch
):
    window = open_window(work_path)
    one, two = chapter_ids(window)
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *_a, **_k: warned.append(text)
    )
    # The second chapter's record is refused, as a full disk would refuse it.
    window.workspace.project.connection.execute(
        f"CREATE TEMP TRIGGER full BEFORE INSERT ON posts WHEN NEW.chapter_id = {two} "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    dialog = window.open_mark_posted()
    dialog.all_chapters.setChecked(True)
    qtbot.mouseClick(dialog.findChild(QPushButton, "postMark"), Qt.MouseButton.LeftButton)

    assert len(warned) == 1 and "full" in warned[0]
    assert dialog.isVisible()  # the author can try again
    assert posted(window, one) == posted(window, two) == ""
    dialog.reject()
    window.close()
    assert posting.states(Project.open(work_path)) == {}

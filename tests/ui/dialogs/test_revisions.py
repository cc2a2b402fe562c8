"""Chapter ▸ Revisions… and automatic snapshots, on the real main window and a real file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton

from editor import autosnapshots
from editor.formats.importers import ImportedChapter, ImportResult
from editor.store import history
from editor.store.errors import SaveError
from editor.store.project import Project
from editor.ui.dialogs.revisions import NAME, RevisionsDialog
from editor.ui.main_window import MainWindow

from ..conftest import OpenWindow

ONE = "<p>Cloud looked at the sword.</p>"
TWO = "<p>Zack laughed.</p>"


@pytest.fixture
def work_path(tmp_path: Path) -> Path:
    path = tmp_path / "storm.ficwright"
    project = Project.create(path, "Storm Front")
    project.add_chapter("The Letter", ONE, 5)
    project.add_chapter("Nibelheim", TWO, 2)
    project.close()
    return path


def stored(path: Path) -> Project:
    """The file as another reader sees it (the window keeps its own connection)."""
    return Project.open(path, read_only=True)


def chapter_ids(window: MainWindow) -> list[int]:
    assert window.workspace is not None
    return [ch.id for ch in window.workspace.chapters()]


def type_at_end(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(pane.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane, text)


def type_paragraph(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    type_at_end(qtbot, window, "")
    qtbot.keyClick(window.text_pane, Qt.Key.Key_Return)
    qtbot.keyClicks(window.text_pane, text)


def click(qtbot, dialog: RevisionsDialog, name: str) -> None:  # type: ignore[no-untyped-def]
    button = dialog.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def name_snapshots(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: (name, True))


# -- the dialog ------------------------------------------------------------------------------


def test_chapter_menu_and_shortcut_open_revisions(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    chapter_menu = window.menuBar().actions()[3].menu()
    assert window.act_revisions in chapter_menu.actions()
    assert window.act_revisions.shortcut() == QKeySequence("Ctrl+Alt+R")
    qtbot.keyClick(
        window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    qtbot.waitUntil(lambda: window.findChild(RevisionsDialog) is not None)
    dialog = window.findChild(RevisionsDialog)
    assert dialog.isVisible()
    assert "The Letter" in dialog.windowTitle()
    assert dialog.snapshot_ids() == []
    assert not dialog.restore_button.isEnabled()


def test_a_named_snapshot_shows_what_was_typed_since(
    qtbot, open_window: OpenWindow, work_path, monkeypatch
):
    window = open_window(work_path)
    one = chapter_ids(window)[0]
    dialog = window.open_revisions()
    name_snapshots(monkeypatch, "Before the rewrite")
    click(qtbot, dialog, "revisionTake")
    assert len(dialog.snapshot_ids()) == 1
    assert dialog.table.item(0, NAME).text() == "Before the rewrite"
    assert dialog.summary_text() == "No changes."
    dialog.close()

    type_paragraph(qtbot, window, "Zack waved goodbye.")
    dialog = window.open_revisions()
    assert "Zack waved goodbye." in dialog.diff_text()
    assert "Cloud looked at the sword." in dialog.diff_text()
    assert dialog.summary_text() == "3 words added, 0 removed."

    window.close()
    shots = history.snapshots(Project.open(work_path), one)
    assert [(s.kind, s.name, s.body) for s in shots] == [("manual", "Before the rewrite", ONE)]


def test_restore_brings_back_the_old_text_and_restoring_the_kept_text_undoes_it(
    qtbot, open_window: OpenWindow, work_path, monkeypatch, confirm
):
    window = open_window(work_path)
    one = chapter_ids(window)[0]
    dialog = window.open_revisions()
    name_snapshots(monkeypatch, "Draft")
    first = dialog.take_snapshot()
    dialog.close()
    type_paragraph(qtbot, window, "Zack waved goodbye.")
    qtbot.waitUntil(lambda: not window.workspace.dirty)  # autosaved

    dialog = window.open_revisions()
    dialog.select_snapshot(first)
    click(qtbot, dialog, "revisionRestore")
    assert len(confirm) == 1 and "Draft" not in confirm[0] and "The Letter" in confirm[0]
    assert window.text_pane.toPlainText() == "Cloud looked at the sword."
    assert stored(work_path).body(one) == ONE
    assert not window.workspace.dirty  # the reload is not an edit to autosave
    assert window.words_label_text().startswith("Chapter: 5 words")

    # The text the restore replaced is now the newest snapshot, selected and compared.
    kept = dialog.snapshot_ids()[0]
    assert dialog.selected_id() == kept
    assert history.snapshot(stored(work_path), kept).kind == "restore"
    assert "Zack waved goodbye." in history.snapshot(stored(work_path), kept).body
    assert dialog.summary_text() == "0 words added, 3 removed."

    click(qtbot, dialog, "revisionRestore")
    assert window.text_pane.toPlainText() == "Cloud looked at the sword.\nZack waved goodbye."
    type_at_end(qtbot, window, " Again.")  # the editor still edits the reloaded document
    window.close()

    project = Project.open(work_path)
    assert project.body(one) == f"{ONE}\n<p>Zack waved goodbye. Again.</p>"
    kinds = [s.kind for s in history.snapshots(project, one)]
    assert kinds.count("restore") == 2 and kinds.count("manual") == 1


def test_declining_the_restore_question_changes_nothing(
    qtbot, open_window: OpenWindow, work_path, monkeypatch
):
    window = open_window(work_path)
    dialog = window.open_revisions()
    name_snapshots(monkeypatch, "")
    dialog.take_snapshot()
    type_at_end(qtbot, window, " More.")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    assert dialog.restore() is None
    assert window.text_pane.toPlainText().endswith("More.")
    assert len(dialog.snapshot_ids()) == 1


def test_a_snapshot_is_renamed_in_the_list(qtbot, open_window: OpenWindow, work_path, monkeypatch):
    window = open_window(work_path)
    one = chapter_ids(window)[0]
    dialog = window.open_revisions()
    name_snapshots(monkeypatch, "first")
    dialog.take_snapshot()
    dialog.table.item(0, NAME).setText("The version Mia beta-read")
    window.close()
    assert history.snapshots(Project.open(work_path), one)[0].name == "The version Mia beta-read"


# -- automatic snapshots -------------------------------------------------------------------


def test_an_import_snapshots_every_chapter_first(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    one, two = chapter_ids(window)
    type_at_end(qtbot, window, " Unsaved.")
    result = ImportResult({}, [ImportedChapter("Three", "<p>Imported.</p>")], [], {})
    assert window.workspace.import_result(result)
    window.close()

    project = Project.open(work_path)
    imported = {
        cid: [s for s in history.snapshots(project, cid) if s.kind == "import"]
        for cid in (one, two)
    }
    assert [s.body for s in imported[one]] == ["<p>Cloud looked at the sword. Unsaved.</p>"]
    assert [s.body for s in imported[two]] == [TWO]
    assert imported[one][0].name == "Before importing"


def test_editing_snapshots_at_most_once_per_ten_minutes(
    qtbot, open_window: OpenWindow, work_path, monkeypatch
):
    clock = [1000.0]
    monkeypatch.setattr(autosnapshots, "clock", lambda: clock[0])
    asked: list[int] = []
    take_auto = history.take_auto

    def counting(project: Project, chapter_id: int) -> int | None:
        asked.append(chapter_id)
        return take_auto(project, chapter_id)

    monkeypatch.setattr(history, "take_auto", counting)
    window = open_window(work_path)
    ws = window.workspace
    one = chapter_ids(window)[0]

    type_at_end(qtbot, window, " One.")
    qtbot.waitUntil(lambda: not ws.dirty)  # a real autosave
    type_at_end(qtbot, window, " Two.")
    assert ws.save()
    type_at_end(qtbot, window, " Three.")
    assert ws.save()
    # Three saves, one question to the store: the text as it was when editing began.
    assert asked == [one]
    autos = [s for s in history.snapshots(ws.project, one) if s.kind == "auto"]
    assert [s.body for s in autos] == [ONE]

    clock[0] += autosnapshots.INTERVAL_S + 1
    later = (datetime.now(UTC) + timedelta(minutes=11)).isoformat(timespec="milliseconds")
    monkeypatch.setattr(history, "now", lambda: later)
    type_at_end(qtbot, window, " Four.")
    assert ws.save()
    window.close()

    autos = [s for s in history.snapshots(Project.open(work_path), one) if s.kind == "auto"]
    assert [s.body for s in autos] == [
        "<p>Cloud looked at the sword. One. Two. Three.</p>",  # newest first
        ONE,
    ]


def test_a_failing_snapshot_never_stops_the_text_being_saved(
    qtbot, open_window: OpenWindow, work_path, monkeypatch
):
    def broken(*_args: object) -> None:
        raise SaveError("The disk is full.")

    monkeypatch.setattr(history, "take_auto", broken)
    window = open_window(work_path)
    one = chapter_ids(window)[0]
    type_at_end(qtbot, window, " Kept.")
    assert window.workspace.save()
    assert window.workspace.snapshots.last_error == "The disk is full."
    window.close()
    assert Project.open(work_path).body(one) == "<p>Cloud looked at the sword. Kept.</p>"

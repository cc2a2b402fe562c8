"""The File Changed on Disk dialog, driven as the author would: the file's version against
the unsaved words, then a click. Another program rewrites the work in place (same inode, as
cp or some sync clients do) or replaces it by a rename; the words are read back from every
file involved."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from editor.store.project import Project
from editor.ui.dialogs.file_changed import FileChangedDialog
from tests.ui.conftest import OpenWindow
from tests.ui.test_safety import make_work, type_into


def bodies(work: Path) -> dict[str, str]:
    project = Project.open(work, read_only=True)
    try:
        return {c.title: project.body(c.id) for c in project.chapters()}
    finally:
        project.close()


def their_version(work: Path, folder: Path) -> Path:
    """Their copy of ``work``: chapter One changed on another device."""
    theirs = folder / "laptop" / work.name
    theirs.parent.mkdir()
    shutil.copyfile(work, theirs)
    project = Project.open(theirs)
    project.save_body(project.chapters()[0].id, "<p>Before. Their sentence.</p>", 3)
    project.close()
    return theirs


def when_the_dialog_shows(qtbot, act: Callable[[FileChangedDialog], None]) -> list[str]:  # type: ignore[no-untyped-def]
    """Run ``act`` on the dialog once it is up (it runs modal); what it showed is returned."""
    shown: list[str] = []

    def poll() -> None:
        dialog = next(
            (w for w in QApplication.topLevelWidgets()
             if isinstance(w, FileChangedDialog) and w.isVisible()),
            None,
        )  # fmt: skip
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        shown.extend([dialog.list.item(0).text(), dialog.summary.text(), dialog.diff.toPlainText()])
        act(dialog)

    QTimer.singleShot(0, poll)
    return shown


def test_keep_both_leaves_their_file_and_goes_on_with_my_words_in_a_second_work(
    qtbot, open_window: OpenWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = make_work(tmp_path)
    window = open_window(work)
    ws = window.workspace
    assert ws is not None
    type_into(window, " Saved first.")
    qtbot.waitUntil(lambda: not ws.dirty, timeout=5000)
    assert ws.project.wait_checkpointed(5)
    theirs = their_version(work, tmp_path)
    inode = os.stat(work).st_ino
    shutil.copyfile(theirs, work)  # in place: the same inode
    assert os.stat(work).st_ino == inode
    mine = tmp_path / "mine.ficwright"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(mine), ""))

    shown = when_the_dialog_shows(
        qtbot, lambda d: qtbot.mouseClick(d.both_button, Qt.MouseButton.LeftButton)
    )
    type_into(window, " My unsaved words.")
    qtbot.waitUntil(lambda: window.workspace is not None and window.workspace.project.path == mine,
                    timeout=5000)  # fmt: skip

    title, summary, diff = shown
    assert title == "One"
    # Word by word: theirs struck out, mine underlined, interleaved where they differ.
    assert diff.startswith("Before. ")
    for word in ("Their", "sentence.", "Saved", "first.", "My", "unsaved", "words."):
        assert word in diff.split()
    assert "added" in summary and "removed" in summary
    recovered = [p for p in tmp_path.glob("w (unsaved words *).ficwright")]
    assert len(recovered) == 1  # written before the dialog was even shown
    assert "My unsaved words." in bodies(recovered[0])["One"]
    window.close()
    assert bodies(work) == {"One": "<p>Before. Their sentence.</p>"}  # theirs, untouched
    assert bodies(mine) == {"One": "<p>Before. Saved first. My unsaved words.</p>"}
    copy = Project.open(mine, read_only=True)
    try:  # their text of the chapter is a snapshot away
        snapshots = [row[0] for row in copy.connection.execute("SELECT body FROM snapshots")]
    finally:
        copy.close()
    assert "<p>Before. Their sentence.</p>" in snapshots

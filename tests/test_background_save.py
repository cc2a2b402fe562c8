"""Autosaves of big chapters written on a worker thread: what is typed meanwhile is saved
next, a save made meanwhile waits for it, and a failure there is reported like any other.

The worker is held by taking the work's write lock from another thread, so each test sees a
save in flight for as long as it needs, on a chapter of a few paragraphs.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from editor import workspace as workspace_module
from editor.store.project import Project
from editor.workspace import Workspace

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    monkeypatch.setattr(workspace_module, "BACKGROUND_SAVE_BLOCKS", 0)  # every autosave
    project = Project.create(tmp_path / "w.ficwright", "W")
    project.add_chapter("One", "<p>Start.</p>", 1)
    workspace = Workspace(project)
    workspace.select(workspace.chapters()[0].id)
    yield workspace
    if not workspace._closed:
        workspace.close()


def type_in(ws: Workspace, text: str) -> None:
    assert ws.document is not None
    cursor = QTextCursor(ws.document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(text)


def stored(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT body FROM chapters").fetchone()[0])
    finally:
        conn.close()


@contextmanager
def worker_held(project: Project) -> Iterator[threading.Event]:
    """Hold the work's write lock from another thread until the event is set."""
    release = threading.Event()
    taken = threading.Event()

    def hold() -> None:
        with project._writing:
            taken.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    taken.wait(5)
    try:
        yield release
    finally:
        release.set()
        thread.join()


def test_an_autosave_is_written_off_the_ui_thread_and_reported(qtbot, ws: Workspace) -> None:
    path = ws.project.path
    with worker_held(ws.project) as release:
        type_in(ws, " Typed words.")
        qtbot.waitUntil(lambda: ws._saver.busy, timeout=3000)
        # The window goes on while the save waits for the disk.
        assert ws.dirty and "Typed words." not in stored(path)
        with qtbot.waitSignal(ws.saved, timeout=5000):
            release.set()
    assert "Typed words." in stored(path)
    assert not ws.dirty and ws.document is not None and not ws.document.isModified()


def test_words_typed_while_a_save_is_in_flight_are_saved_next(qtbot, ws: Workspace) -> None:
    path = ws.project.path
    with worker_held(ws.project) as release:
        type_in(ws, " First.")
        qtbot.waitUntil(lambda: ws._saver.busy, timeout=3000)
        type_in(ws, " Second.")
        qtbot.wait(workspace_module.AUTOSAVE_DELAY_MS + 200)  # due while the first is held
        with qtbot.waitSignal(ws.saved, timeout=5000):
            release.set()
        assert ws.dirty  # the first save did not hold "Second."
    qtbot.waitUntil(lambda: not ws.dirty, timeout=5000)
    assert stored(path).endswith("Start. First. Second.</p>")


def test_a_save_made_during_one_in_flight_waits_and_writes_the_newest_text(
    qtbot, ws: Workspace
) -> None:
    path = ws.project.path
    with worker_held(ws.project) as release:
        type_in(ws, " Old.")
        qtbot.waitUntil(lambda: ws._saver.busy, timeout=3000)
        type_in(ws, " New.")
        threading.Timer(0.3, release.set).start()
        assert ws.save()  # a chapter switch or close: blocks until the first is written
    assert not ws._saver.busy and not ws.dirty
    assert stored(path).endswith("Start. Old. New.</p>")
    qtbot.wait(100)  # the first save's queued report must not undo what the second did
    assert stored(path).endswith("Start. Old. New.</p>") and not ws.dirty


def test_a_failed_background_save_is_reported_and_retried(qtbot, ws: Workspace) -> None:
    conn = ws.project.connection
    conn.execute(
        "CREATE TEMP TRIGGER full BEFORE UPDATE ON chapters "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    with qtbot.waitSignal(ws.saveFailed, timeout=5000) as failed:
        type_in(ws, " Kept.")
    assert "full" in failed.args[0] and ws.dirty
    conn.execute("DROP TRIGGER full")
    assert ws.save()
    assert "Kept." in stored(ws.project.path)

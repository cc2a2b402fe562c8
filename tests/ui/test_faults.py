"""Faults of the disk under a real window: a full disk (in a real process whose files may not
grow), a folder and a file made read-only while the work is open. Each reads back the words
in the work and in the recovery copy, and what the author was told.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from editor.paths import data_dir
from editor.store.project import Project
from tests.ui.conftest import OpenWindow
from tests.ui.test_safety import make_work, type_into

ROOT = Path(__file__).resolve().parents[2]


def stored_text(work: Path) -> str:
    """The chapter as on disk (its WAL included), read without taking the work's lock."""
    conn = sqlite3.connect(f"file:{work}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
        return str(conn.execute("SELECT body FROM chapters").fetchone()[0])
    finally:
        conn.close()


def recovered_text(copy: Path) -> str:
    project = Project.open(copy)
    try:
        return "".join(project.body(c.id) for c in project.chapters())
    finally:
        project.close()


@contextmanager
def immutable(path: Path) -> Iterator[None]:
    """Read-only even for root (this suite may run as root, which permission bits do not stop)."""
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available on this file system")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_full_disk_keeps_the_saved_words_says_so_and_saves_once_space_is_freed(
    tmp_path: Path, ficwright_home: Path
) -> None:
    work = make_work(tmp_path)
    typist = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "ui" / "full_disk_typist.py"), str(work),
         str(tmp_path / "settings.ini")],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert typist.stdin is not None and typist.stdout is not None
    try:
        first = json.loads(typist.stdout.readline())
        assert first["saved"] and stored_text(work) == "<p>Before. Saved first.</p>"

        typist.stdin.write("fill\n")
        typist.stdin.flush()
        full = json.loads(typist.stdout.readline())
        assert not full["saved"]
        assert full["banner"].startswith("Not saved: Could not save to “w.ficwright”")
        assert "Your text is still in the editor. Retrying every 5 seconds." in full["banner"]
        # No file can grow on a full disk, a recovery copy neither: said, and none half-made.
        assert full["recovery"] == ""
        assert "could not be written either: keep this window open" in full["banner"]
        assert stored_text(work) == "<p>Before. Saved first.</p>"  # intact, not half-written

        typist.stdin.write("free\n")
        typist.stdin.flush()
        freed = json.loads(typist.stdout.readline())
        assert freed["saved"] and freed["banner"] == ""
        _out, err = typist.communicate(timeout=30)
    finally:
        if typist.poll() is None:
            typist.kill()
    assert typist.returncode == 0, err
    assert "Traceback" not in err
    assert stored_text(work) == "<p>Before. Saved first. Typed on a full disk. And after.</p>"
    leftovers = [p.name for p in [*tmp_path.iterdir(), *ficwright_home.rglob("*")]]
    assert not [name for name in leftovers if name.endswith(".part") or "unsaved" in name]


def test_a_full_disk_in_a_read_only_folder_puts_the_words_in_the_data_folder(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    work = make_work(folder)
    window = open_window(work)
    ws = window.workspace
    assert ws is not None
    connection = ws.project.connection
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    banner = window.safety.fault_banner
    with immutable(folder):
        connection.execute(f"PRAGMA max_page_count = {pages}")  # the work's disk is full
        type_into(window, " Typed on a full disk:")
        cursor = window.text_pane.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(" more" * 20000)  # more than the pages left
        qtbot.waitUntil(banner.isVisible, timeout=5000)

        copy = ws.recovery_path
        assert copy is not None and copy.parent == data_dir() / "Recovered"  # not beside it
        assert str(copy) in banner.text() and "full" in banner.text()
        assert "Typed on a full disk:" + " more" * 20000 in recovered_text(copy)
        assert stored_text(work) == "<p>Before.</p>"

        connection.execute("PRAGMA max_page_count = 1073741823")  # space freed
        assert ws.save()
    assert not banner.isVisible()
    assert not copy.exists()  # every word of it is in the work now
    window.close()
    assert stored_text(work) == "<p>Before. Typed on a full disk:" + " more" * 20000 + "</p>"


def test_a_file_made_read_only_while_open_keeps_every_word_and_reopens_read_only(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    work = make_work(tmp_path)
    window = open_window(work)
    ws = window.workspace
    assert ws is not None
    with immutable(work):
        type_into(window, " Typed after it became read-only.")
        # SQLite writes a save into the -wal beside the file: nothing is refused or lost.
        qtbot.waitUntil(lambda: not ws.dirty, timeout=5000)
        assert not window.safety.fault_banner.isVisible()
        window.close()
        assert stored_text(work) == "<p>Before. Typed after it became read-only.</p>"

        again = open_window(work)
        assert again.workspace is not None and again.workspace.project.read_only
        banner = again.safety.read_only_banner
        assert banner.isVisible() and "read-only" in banner.text()
        assert again.text_pane.toPlainText() == "Before. Typed after it became read-only."
        again.close()

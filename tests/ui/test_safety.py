"""Never lose a word, in the window: one writer at a time, read-only works, files replaced
behind our back, a full disk, unexpected errors, and backups.

Real files, the real main window, a real second process where one is involved; only the
questions the window asks are answered by the test (``answers``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton, QWidget

from editor import workspace as workspace_module
from editor.store import backup
from editor.store import project as project_module
from editor.store.lock import lock_path
from editor.store.project import Project
from editor.ui import safety
from editor.ui.main_window import MainWindow
from tests.ui.conftest import OpenWindow

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Question:
    title: str
    text: str
    informative: str
    keys: list[str]


@dataclass
class Answers:
    """Answers the window's safety questions in order; records each question."""

    queue: list[str] = field(default_factory=list)
    asked: list[Question] = field(default_factory=list)

    def __call__(self, _parent, title, text, buttons, *, informative="", icon=None):  # type: ignore[no-untyped-def]
        keys = [key for key, _label, _role in buttons]
        self.asked.append(Question(title, text, informative, keys))
        answer = self.queue.pop(0) if self.queue else "cancel"
        assert answer in keys, (answer, keys)
        return answer


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    fake = Answers()
    monkeypatch.setattr(safety, "choose", fake)

    def file_changed(parent, name, chapters, *, closing, recovery):  # type: ignore[no-untyped-def]
        # The dialog's own test drives it (test_file_changed_dialog.py); here, its answers.
        discard = "Close Without Saving…" if closing else "Reload from Disk…"
        answer = fake(
            parent,
            "File Changed on Disk",
            name,
            [("theirs", "", None), ("both", "", None), ("reload", discard, None),
             ("cancel", "", QMessageBox.ButtonRole.RejectRole)],
            informative=recovery,
        )  # fmt: skip
        return None if answer == "cancel" else answer

    monkeypatch.setattr(safety, "ask_file_changed", file_changed)
    return fake


def make_work(tmp_path: Path, name: str = "w.ficwright") -> Path:
    work = tmp_path / name
    project = Project.create(work, "W")
    project.add_chapter("One", "<p>Before.</p>", 1)
    project.close()
    return work


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def body(work: Path) -> str:
    project = Project.open(work)
    try:
        return project.body(project.chapters()[0].id)
    finally:
        project.close()


def type_into(window: MainWindow, text: str) -> None:
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(pane, text)


def hold_in_another_process(work: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from editor.store.project import Project; "
         "p = Project.open(sys.argv[1]); print('open', flush=True); time.sleep(120)", str(work)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
    return holder


def assert_read_only_window(window: MainWindow) -> None:
    ws = window.workspace
    assert ws is not None and ws.project.read_only
    banner = window.safety.read_only_banner
    assert banner.isVisible() and "read-only" in banner.text()
    assert "Changes are not saved" in banner.text()
    assert window.text_pane.isReadOnly()
    assert "(read-only)" in window.windowTitle()
    for action in (
        window.act_add_chapter,
        window.act_rename_chapter,
        window.act_move_up,
        window.act_move_down,
        window.act_delete_chapter,
        window.act_bold,
        window.act_paste,
        window.act_import,
    ):
        assert not action.isEnabled(), action.text()
    assert window.act_copy.isEnabled()
    summary = window.findChild(QWidget, "summaryField")
    assert summary.text_edit().isReadOnly()


def try_to_edit(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Type into the chapter and a panel field, and format; none of it may change anything."""
    ws = window.workspace
    assert ws is not None
    failures: list[str] = []
    ws.saveFailed.connect(failures.append)
    ws.changeRefused.connect(failures.append)
    before = window.text_pane.toPlainText()
    type_into(window, " Typed while read-only")
    QTest.keyClick(window.text_pane, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    summary = window.findChild(QWidget, "summaryField")
    summary_before = summary.html()
    QTest.keyClicks(summary.text_edit(), "A summary")
    QTest.keyClick(summary.text_edit(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.text_pane.toPlainText() == before
    assert summary.html() == summary_before
    qtbot.wait(workspace_module.AUTOSAVE_DELAY_MS + 500)
    assert not ws.dirty
    assert failures == []  # no autosave tried, so no error loop


# -- one writer at a time ------------------------------------------------------------------


def test_a_work_another_process_holds_opens_read_only_and_nothing_is_written(
    qtbot, open_window: OpenWindow, answers: Answers, tmp_path: Path
) -> None:
    work = make_work(tmp_path)
    holder = hold_in_another_process(work)
    try:
        before = digest(work)
        answers.queue.append("read_only")
        window = open_window()

        assert window.open_path(work)

        assert len(answers.asked) == 1
        assert "already open" in answers.asked[0].text
        assert f"process {holder.pid}" in answers.asked[0].text
        assert answers.asked[0].keys == ["read_only", "cancel"]
        assert_read_only_window(window)
        assert "another Ficwright window" in window.safety.read_only_banner.text()
        try_to_edit(qtbot, window)
        window.close()
        assert window.workspace is None
        assert digest(work) == before
    finally:
        holder.kill()
        holder.wait()
    assert digest(work) == before


def test_a_second_window_on_the_same_work_is_asked_the_same_choice(
    qtbot, open_window: OpenWindow, answers: Answers, tmp_path: Path
) -> None:
    work = make_work(tmp_path)
    first = open_window(work)
    second = open_window()

    answers.queue.append("cancel")
    assert not second.open_path(work)
    assert second.workspace is None
    assert "already open" in answers.asked[0].text

    answers.queue.append("read_only")
    assert second.open_path(work)
    assert_read_only_window(second)
    try_to_edit(qtbot, second)

    # The first window still writes.
    assert first.workspace is not None and not first.workspace.project.read_only
    assert not first.safety.read_only_banner.isVisible()
    type_into(first, " Still mine.")
    qtbot.waitUntil(lambda: not first.workspace.dirty, timeout=5000)
    second.close()
    first.close()
    assert body(work) == "<p>Before. Still mine.</p>"


def test_an_unwritable_file_opens_read_only_with_the_banner(
    qtbot, open_window: OpenWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = make_work(tmp_path)
    immutable = (
        shutil.which("chattr") is not None
        and subprocess.run(["chattr", "+i", str(work)], capture_output=True).returncode == 0
        and not project_module._writable(work)
    )
    if not immutable:
        # No chattr here (or a file system without the immutable flag); as root, chmod
        # alone leaves the file writable. Simulate the OS saying no, and say so.
        warnings.warn(
            "chattr +i unavailable: the unwritable file is simulated by patching _writable",
            stacklevel=1,
        )
        monkeypatch.setattr(project_module, "_writable", lambda _path: False)
    try:
        before = digest(work)
        window = open_window(work)
        assert_read_only_window(window)
        try_to_edit(qtbot, window)
        window.close()
        assert digest(work) == before
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(work)], check=True)


def test_a_work_open_here_is_not_offered_read_only_again(
    open_window: OpenWindow, answers: Answers, tmp_path: Path
) -> None:
    work = make_work(tmp_path)
    window = open_window(work)
    assert not window.open_path(work)
    assert answers.asked == []
    assert window.workspace is not None and not window.workspace.project.read_only


# -- a file replaced behind our back ---------------------------------------------------------


def work_and_theirs(tmp_path: Path) -> tuple[Path, Path]:
    """A work, and a copy of it a sync client may put in its place."""
    work = make_work(tmp_path)
    theirs = tmp_path / "theirs.ficwright"
    shutil.copyfile(work, theirs)
    return work, theirs


def replace_behind_our_back(work: Path, theirs: Path) -> None:
    os.replace(theirs, work)  # what a sync client does


def test_a_replaced_file_offers_a_copy_that_keeps_every_typed_word(
    qtbot,
    open_window: OpenWindow,
    answers: Answers,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    work = make_work(tmp_path)
    theirs = tmp_path / "theirs.ficwright"
    shutil.copyfile(work, theirs)
    window = open_window(work)
    ws = window.workspace
    assert ws is not None
    type_into(window, " Saved first.")
    qtbot.waitUntil(lambda: not ws.dirty, timeout=5000)
    replace_behind_our_back(work, theirs)

    target = tmp_path / "mine.ficwright"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    answers.queue.append("both")
    type_into(window, " Typed after.")

    qtbot.waitUntil(lambda: ws.project.path == target, timeout=5000)
    assert answers.asked[0].title == "File Changed on Disk"
    assert answers.asked[0].keys == ["theirs", "both", "reload", "cancel"]
    assert window.workspace is ws and not ws.dirty
    assert not window.safety.replaced_banner.isVisible()
    assert window.text_pane.toPlainText() == "Before. Saved first. Typed after."
    type_into(window, " And more.")  # the window goes on in the copy
    qtbot.waitUntil(lambda: not ws.dirty, timeout=5000)
    assert window.recent_files()[0] == str(target)
    window.close()

    assert body(target) == "<p>Before. Saved first. Typed after. And more.</p>"
    assert body(work) == "<p>Before.</p>"  # theirs, untouched


def test_cancel_keeps_editing_writes_nothing_and_reload_says_what_is_lost(
    qtbot, open_window: OpenWindow, answers: Answers, tmp_path: Path, ficwright_home: Path
) -> None:
    work = make_work(tmp_path)
    theirs = tmp_path / "theirs.ficwright"
    shutil.copyfile(work, theirs)
    window = open_window(work)
    ws = window.workspace
    assert ws is not None
    type_into(window, " Saved first.")
    qtbot.waitUntil(lambda: not ws.dirty, timeout=5000)
    replace_behind_our_back(work, theirs)
    before = digest(work)

    answers.queue.append("cancel")
    type_into(window, " Not saved yet.")
    qtbot.waitUntil(lambda: len(answers.asked) == 1, timeout=5000)
    banner = window.safety.replaced_banner
    assert banner.isVisible() and "replaced or moved" in banner.text()
    type_into(window, " Still typing.")
    qtbot.wait(workspace_module.AUTOSAVE_DELAY_MS + 500)
    assert len(answers.asked) == 1  # asked once; the banner keeps saying it
    assert ws.dirty and digest(work) == before  # nothing written until resolved

    answers.queue.append("reload")
    reload_button = next(
        b for b in banner.findChildren(QPushButton) if b.text().startswith("Reload")
    )
    qtbot.mouseClick(reload_button, Qt.MouseButton.LeftButton)

    confirm = answers.asked[1]
    assert "will be lost" in confirm.text and "“One”" in confirm.text
    assert window.workspace is not None and window.workspace is not ws
    assert window.text_pane.toPlainText() == "Before."
    assert not window.safety.replaced_banner.isVisible()
    # Our last saved version was kept as a backup before it was let go.
    folder = backup.folder_for(ficwright_home / "Backups", work)
    kept = [body(b.path) for b in backup.backups(folder)]
    assert "<p>Before. Saved first.</p>" in kept


def test_a_file_replaced_while_in_the_background_is_noticed_on_activation(
    qtbot, open_window: OpenWindow, answers: Answers, tmp_path: Path, ficwright_home: Path
) -> None:
    work = make_work(tmp_path)
    theirs = tmp_path / "theirs.ficwright"
    shutil.copyfile(work, theirs)
    window = open_window(work)
    replace_behind_our_back(work, theirs)

    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))

    qtbot.waitUntil(lambda: len(answers.asked) == 1, timeout=3000)
    assert answers.asked[0].title == "File Changed on Disk"
    assert window.safety.replaced_banner.isVisible()
    folder = backup.folder_for(ficwright_home / "Backups", work)
    count = len(backup.backups(folder))
    window.close()  # nothing unsaved: closes, keeping our version as a backup
    assert window.workspace is None
    assert len(answers.asked) == 1
    assert len(backup.backups(folder)) >= count


# A sync client's other device: adds a chapter to its copy of the work (a real process).
THEIR_CHAPTER = (
    "import sys\n"
    "from editor.store.project import Project\n"
    "p = Project.open(sys.argv[1])\n"
    "p.add_chapter('Theirs', '<p>Written on the laptop.</p>', 4)\n"
    "p.close()\n"
)


def bodies(work: Path) -> dict[str, str]:
    project = Project.open(work, read_only=True)
    try:
        return {ch.title: project.body(ch.id) for ch in project.chapters()}
    finally:
        project.close()


def test_a_file_rewritten_in_place_keeps_theirs_and_reapplies_ours(
    qtbot, open_window: OpenWindow, answers: Answers, tmp_path: Path
) -> None:
    work = make_work(tmp_path)
    window = open_window(work)
    ws = window.workspace
    assert ws is not None
    type_into(window, " Saved first.")
    qtbot.waitUntil(lambda: not ws.dirty, timeout=5000)
    assert ws.project.wait_checkpointed(5)
    theirs = tmp_path / "laptop" / work.name
    theirs.parent.mkdir()
    shutil.copyfile(work, theirs)
    subprocess.run([sys.executable, "-c", THEIR_CHAPTER, str(theirs)], cwd=ROOT, check=True)
    inode = os.stat(work).st_ino
    subprocess.run(["cp", str(theirs), str(work)], check=True)  # in place: the same inode
    assert os.stat(work).st_ino == inode

    answers.queue.append("theirs")
    type_into(window, " Not saved yet.")
    qtbot.waitUntil(lambda: window.workspace is not ws, timeout=5000)

    assert answers.asked[0].keys == ["theirs", "both", "reload", "cancel"]
    assert "unsaved words" in answers.asked[0].informative  # the recovery copy's name
    fresh = window.workspace
    assert fresh is not None and not fresh.dirty
    assert [ch.title for ch in fresh.chapters()] == ["One", "Theirs"]
    assert window.text_pane.toPlainText() == "Before. Saved first. Not saved yet."
    window.close()
    assert bodies(work) == {
        "One": "<p>Before. Saved first. Not saved yet.</p>",
        "Theirs": "<p>Written on the laptop.</p>",
    }
    (recovered,) = tmp_path.glob("w (unsaved words *).ficwright")
    assert bodies(recovered) == {"One": "<p>Before. Saved first. Not saved yet.</p>"}


def test_a_file_replaced_in_the_background_puts_the_unsaved_words_on_disk_at_once(
    qtbot,
    open_window: OpenWindow,
    answers: Answers,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workspace_module, "AUTOSAVE_DELAY_MS", 60_000)  # no save meanwhile
    work, theirs = work_and_theirs(tmp_path)
    window = open_window(work)
    ws = window.workspace
    assert ws is not None
    type_into(window, " Only in memory.")
    assert ws.dirty
    replace_behind_our_back(work, theirs)

    answers.queue.append("cancel")  # the author thinks about it: the words are safe meanwhile
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    qtbot.waitUntil(lambda: len(answers.asked) == 1, timeout=3000)

    assert ws.recovery_path is not None and ws.recovery_path.parent == tmp_path
    assert ws.recovery_path.name in window.safety.replaced_banner.text()
    assert bodies(ws.recovery_path) == {"One": "<p>Before. Only in memory.</p>"}
    assert bodies(work) == {"One": "<p>Before.</p>"}  # theirs, untouched


def test_a_damaged_work_opens_read_only_with_a_banner_saying_what_is_damaged(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    work = tmp_path / "damaged.ficwright"
    project = Project.create(work, "W")
    for i in range(20):
        project.add_chapter(f"C{i}", "<p>" + "words " * 500 + "</p>", 500)
    project.close()
    last_page = work.stat().st_size // 4096
    with open(work, "r+b") as f:  # the last page of chapter text, overwritten with noise
        f.seek((last_page - 1) * 4096)
        f.write(bytes(range(256)) * 16)
    before = digest(work)

    window = open_window(work)

    assert_read_only_window(window)
    banner = window.safety.read_only_banner
    assert banner.isVisible() and "damaged (unreadable: chapter text)" in banner.text()
    window.close()
    assert digest(work) == before
    assert not lock_path(work).exists()


def damaged_work_with_a_backup(tmp_path: Path) -> Path:
    """A work of 20 chapters ("words0"...), backed up as the app does, then its last page of
    chapter text overwritten with noise after one more save ("later")."""
    work = tmp_path / "damaged.ficwright"
    project = Project.create(work, "W")
    for i in range(20):
        project.add_chapter(f"C{i}", "<p>" + f"words{i} " * 500 + "</p>", 500)
    backup.make(project, backup.folder_for(safety.backups_root(), work))
    project.save_body(project.chapters()[0].id, "<p>later</p>", 1)
    project.close()
    last_page = work.stat().st_size // 4096
    with open(work, "r+b") as f:
        f.seek((last_page - 1) * 4096)
        f.write(bytes(range(256)) * 16)
    return work


def banner_button(window: MainWindow, text: str) -> QPushButton:
    buttons = [b for b in window.safety.read_only_banner.findChildren(QPushButton) if b.isVisible()]
    assert sorted(b.text() for b in buttons) == [
        "Restore Newest Good Backup…",
        "Salvage into a New Work…",
    ]  # not Open for Writing: it would open read-only again
    return next(b for b in buttons if b.text() == text)


def test_a_damaged_work_is_restored_from_its_newest_good_backup_from_the_banner(
    qtbot, open_window: OpenWindow, answers: Answers, tmp_path: Path
) -> None:
    work = damaged_work_with_a_backup(tmp_path)
    damaged = digest(work)
    window = open_window(work)
    answers.queue.append("restore")

    qtbot.mouseClick(
        banner_button(window, "Restore Newest Good Backup…"), Qt.MouseButton.LeftButton
    )

    assert answers.asked[-1].title == "Restore from Backup"
    ws = window.workspace
    assert ws is not None and not ws.project.read_only and ws.project.damage == ""
    assert not window.safety.read_only_banner.isVisible()
    assert window.text_pane.toPlainText().startswith("words0 words0")  # the backup's text
    assert [c.title for c in ws.chapters()] == [f"C{i}" for i in range(20)]
    kept = [p for p in tmp_path.glob("damaged (damaged *).ficwright")]
    assert len(kept) == 1 and digest(kept[0]) == damaged  # the damaged file, untouched
    type_into(window, " Written after the restore.")
    window.close()
    assert body(work).endswith("Written after the restore.</p>")


def test_a_damaged_work_is_salvaged_into_a_new_work_from_the_banner(
    qtbot,
    open_window: OpenWindow,
    answers: Answers,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    work = damaged_work_with_a_backup(tmp_path)
    damaged = digest(work)
    window = open_window(work)
    target = tmp_path / "rescued.ficwright"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    answers.queue.append("ok")

    qtbot.mouseClick(banner_button(window, "Salvage into a New Work…"), Qt.MouseButton.LeftButton)

    ws = window.workspace
    assert ws is not None and ws.project.path == target and not ws.project.read_only
    assert answers.asked[-1].title == "Salvaged"
    assert "20 chapters." in answers.asked[-1].informative
    assert digest(work) == damaged  # only read
    window.close()
    copy = Project.open(target)
    try:
        bodies = {c.title: copy.body(c.id) for c in copy.chapters()}
    finally:
        copy.close()
    assert bodies["C0"] == "<p>later</p>"  # the newest text, not the backup's
    for i in range(1, 19):
        assert bodies[f"C{i}"] == "<p>" + f"words{i} " * 500 + "</p>"


# -- a full disk -----------------------------------------------------------------------------


def test_a_full_disk_shows_a_banner_keeps_the_text_and_the_retry_saves_it(
    qtbot, open_window: OpenWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workspace_module, "RETRY_DELAY_MS", 300)
    work = make_work(tmp_path)
    window = open_window(work)
    ws = window.workspace
    assert ws is not None
    connection = ws.project.connection
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")

    type_into(window, " A lot:")
    cursor = window.text_pane.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(" word" * 20000)

    banner = window.safety.fault_banner
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    assert banner.text().startswith("Not saved:") and "full" in banner.text()
    assert "Retrying" in banner.text()
    assert ws.dirty
    assert window.text_pane.toPlainText().endswith(" word" * 3)
    qtbot.wait(700)  # a retry or two fail too: the banner stays
    assert banner.isVisible()

    connection.execute("PRAGMA max_page_count = 1073741823")
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    assert not ws.dirty
    window.close()

    assert body(work) == "<p>Before. A lot:" + " word" * 20000 + "</p>"


def test_a_chapter_change_the_disk_refuses_is_reported_and_not_undoable(
    qtbot, open_window: OpenWindow, confirm: list[str], tmp_path: Path
) -> None:
    work = make_work(tmp_path)
    window = open_window(work)
    ws = window.workspace
    assert ws is not None
    ws.add_chapter("Two")
    two = ws.chapters()[1].id
    steps = ws.undo_stack.count()
    ws.project.connection.execute(
        "CREATE TEMP TRIGGER full BEFORE UPDATE ON chapters "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    window.chapter_tree.select(two)
    window.delete_chapter()  # raised out of QUndoStack.push before

    banner = window.safety.fault_banner
    assert banner.isVisible()
    assert "full" in banner.text()
    # Not retried, so not promised: the author does it again.
    assert banner.text().startswith("Not done:") and "Retrying" not in banner.text()
    assert window.save_state_text() != "Not saved — retrying"
    assert ws.undo_stack.count() == steps
    assert window.chapter_tree.ids() == [ch.id for ch in ws.chapters()]
    assert len(ws.chapters()) == 2
    ws.project.connection.execute("DROP TRIGGER full")
    ws.undo_stack.undo()  # undoes the add, not a delete that never happened
    assert [ch.title for ch in ws.chapters()] == ["One"]
    window.close()


def test_a_rename_in_the_tree_of_a_replaced_file_shows_the_old_title(
    qtbot, open_window: OpenWindow, answers: Answers, tmp_path: Path
) -> None:
    work, theirs = work_and_theirs(tmp_path)
    window = open_window(work)
    ws = window.workspace
    assert ws is not None
    steps = ws.undo_stack.count()
    replace_behind_our_back(work, theirs)
    before = digest(work)

    window.chapter_tree.topLevelItem(0).setText(0, "Renamed")  # as the in-place editor does

    qtbot.waitUntil(window.safety.replaced_banner.isVisible, timeout=2000)
    assert window.chapter_tree.topLevelItem(0).text(0) == "One"
    assert ws.chapters()[0].title == "One"
    assert ws.undo_stack.count() == steps
    assert digest(work) == before


# -- unexpected errors -------------------------------------------------------------------------


@pytest.mark.qt_no_exception_capture
# The thread's exception is reported by pytest's own hook too, which we chain to.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_an_unexpected_error_is_shown_and_the_unsaved_text_is_saved(
    qtbot, open_window: OpenWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    # Only the error handler may save within this test.
    monkeypatch.setattr(workspace_module, "AUTOSAVE_DELAY_MS", 60_000)
    shown: list[tuple[str, str, str]] = []

    def exec_(dialog: safety.CrashDialog) -> int:
        shown.append((dialog.text(), dialog.informativeText(), dialog.detailedText()))
        return 0

    monkeypatch.setattr(safety.CrashDialog, "exec", exec_)
    work = make_work(tmp_path)
    window = open_window(work)
    window.safety.install_hooks()
    ws = window.workspace
    assert ws is not None
    type_into(window, " Unsaved words.")
    assert ws.dirty

    def broken_slot() -> None:
        raise RuntimeError("a bug in a slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=3000)

    text, informative, details = shown[0]
    assert "RuntimeError: a bug in a slot" in text
    assert "Traceback" in details and "broken_slot" in details
    assert "saved" in informative
    assert not ws.dirty
    assert ws.project.body(ws.current_id) == "<p>Before. Unsaved words.</p>"

    thread = threading.Thread(target=lambda: 1 / 0)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=3000)
    assert "ZeroDivisionError" in shown[1][0]
    assert window.isVisible() and window.workspace is ws  # still running, still editing


# -- backups -----------------------------------------------------------------------------------


def test_a_backup_is_made_on_open_and_opens_with_the_same_chapters(
    open_window: OpenWindow, tmp_path: Path, ficwright_home: Path
) -> None:
    work = make_work(tmp_path)
    project = Project.open(work)
    project.add_chapter("Two", "<p>Second.</p>", 1)
    project.close()

    window = open_window(work)

    found = backup.backups(backup.folder_for(ficwright_home / "Backups", work))
    assert len(found) == 1 and window.safety.last_backup == found[0].path
    copy = Project.open(found[0].path)
    try:
        assert [c.title for c in copy.chapters()] == ["One", "Two"]
        assert copy.body(copy.chapters()[1].id) == "<p>Second.</p>"
    finally:
        copy.close()


def test_backups_come_periodically_only_when_something_changed(
    qtbot, open_window: OpenWindow, tmp_path: Path, ficwright_home: Path, monkeypatch
) -> None:
    monkeypatch.setattr(safety, "BACKUP_INTERVAL_MS", 300)
    work = make_work(tmp_path)
    folder = backup.folder_for(ficwright_home / "Backups", work)
    window = open_window(work)
    assert len(backup.backups(folder)) == 1
    qtbot.wait(1200)  # the stamps have whole seconds
    assert len(backup.backups(folder)) == 1  # nothing changed: no new copy

    type_into(window, " Changed.")
    qtbot.waitUntil(lambda: len(backup.backups(folder)) == 2, timeout=5000)
    assert body(backup.backups(folder)[0].path) == "<p>Before. Changed.</p>"


def test_restore_from_backup_opens_a_copy_and_leaves_the_work_as_it_is(
    qtbot, open_window: OpenWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = make_work(tmp_path)
    window = open_window(work)  # the backup made on open holds "Before."
    ws = window.workspace
    assert ws is not None
    type_into(window, " After.")
    qtbot.waitUntil(lambda: not ws.dirty, timeout=5000)
    assert window.safety.act_restore.isEnabled()

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    chosen = [str(work)]  # first the work itself: refused, never overwritten
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (chosen[0], ""))
    dialog = window.safety.open_backups()
    assert dialog is not None and len(dialog.backups()) == 1
    qtbot.mouseClick(dialog.open_copy, Qt.MouseButton.LeftButton)
    assert warned and "already exists" in warned[0]
    assert window.workspace is ws

    restored = tmp_path / "restored"  # the extension is added
    chosen[0] = str(restored)
    qtbot.mouseClick(dialog.open_copy, Qt.MouseButton.LeftButton)

    assert window.workspace is not None
    assert window.workspace.project.path == tmp_path / "restored.ficwright"
    assert window.text_pane.toPlainText() == "Before."
    window.close()
    assert body(work) == "<p>Before. After.</p>"
    assert body(tmp_path / "restored.ficwright") == "<p>Before.</p>"

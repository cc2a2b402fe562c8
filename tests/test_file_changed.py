"""The work's file changed behind the app: rewritten in place (cp over it, same inode) or
replaced by a rename, by a real other process, with edits on both sides. Nothing of theirs
is overwritten, and our unsaved words are in a recovery copy at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.store.errors import FileReplacedError
from editor.store.project import Project
from editor.workspace import Workspace

pytestmark = pytest.mark.usefixtures("qapp")

ROOT = Path(__file__).resolve().parents[1]

# The other device: edits its own copy of the work (chapter one's text, a third chapter).
THEIR_EDIT = (
    "import sys\n"
    "from editor.store.project import Project\n"
    "p = Project.open(sys.argv[1])\n"
    "one = p.chapters()[0].id\n"
    "p.save_body(one, '<p>Their sentence from the laptop.</p>', 5)\n"
    "p.add_chapter('Three', '<p>Their third chapter.</p>', 3)\n"
    "p.close()\n"
)


def make_work(tmp_path: Path) -> Path:
    work = tmp_path / "story.ficwright"
    project = Project.create(work, "Story")
    project.add_chapter("One", "<p>Chapter one.</p>", 2)
    project.add_chapter("Two", "<p>Chapter two.</p>", 2)
    project.close()
    return work


def their_version(tmp_path: Path, work: Path) -> Path:
    """A copy of the work as synced to another device, edited there by another process."""
    theirs = tmp_path / "device" / work.name
    theirs.parent.mkdir()
    shutil.copyfile(work, theirs)
    subprocess.run([sys.executable, "-c", THEIR_EDIT, str(theirs)], cwd=ROOT, check=True)
    return theirs


def sync_in_place(theirs: Path, work: Path) -> None:
    before = os.stat(work).st_ino
    subprocess.run(["cp", str(theirs), str(work)], check=True)  # writes into our inode
    assert os.stat(work).st_ino == before


def sync_by_rename(theirs: Path, work: Path) -> None:
    staged = work.with_name(".sync-tmp")
    subprocess.run(["cp", str(theirs), str(staged)], check=True)
    os.replace(staged, work)


def open_workspace(work: Path) -> Workspace:
    ws = Workspace(Project.open(work))
    ws.select(ws.chapters()[0].id)
    ws.project.wait_checkpointed(5)
    return ws


def read(work: Path) -> dict[str, str]:
    project = Project.open(work, read_only=True)
    try:
        return {ch.title: project.body(ch.id) for ch in project.chapters()}
    finally:
        project.close()


def test_a_store_write_to_a_file_rewritten_in_place_is_refused(tmp_path: Path) -> None:
    work = make_work(tmp_path)
    project = Project.open(work)
    one = project.chapters()[0].id
    project.save_body(one, "<p>Our first save.</p>", 3)
    project.wait_checkpointed(5)
    theirs = their_version(tmp_path, work)
    sync_in_place(theirs, work)

    assert project.rewritten() and project.replaced() and not project.moved()
    with pytest.raises(FileReplacedError):
        project.save_body(one, "<p>Would clobber theirs.</p>", 3)
    with pytest.raises(FileReplacedError):
        project.add_chapter("Ours")
    project.close()

    assert read(work) == {
        "One": "<p>Their sentence from the laptop.</p>",
        "Two": "<p>Chapter two.</p>",
        "Three": "<p>Their third chapter.</p>",
    }


@pytest.mark.parametrize("sync", [sync_in_place, sync_by_rename], ids=["in place", "rename"])
def test_unsaved_words_go_to_a_recovery_copy_and_theirs_survive(
    qtbot, tmp_path: Path, sync
) -> None:
    work = make_work(tmp_path)
    ws = open_workspace(work)
    one = ws.chapters()[0].id
    theirs = their_version(tmp_path, work)
    ws.document.setPlainText("Our unsaved paragraph about the storm.")
    ws.set_chapter_meta(one, "notes_end", "<p>Our end note.</p>")
    sync(theirs, work)

    with qtbot.waitSignal(ws.fileReplaced, timeout=2000):
        assert not ws.save()

    assert ws.recovery_path is not None and ws.recovery_path.parent == tmp_path
    assert "unsaved words" in ws.recovery_path.name
    recovered = Project.open(ws.recovery_path, read_only=True)
    try:
        bodies = {ch.title: recovered.body(ch.id) for ch in recovered.chapters()}
        assert bodies["One"] == "<p>Our unsaved paragraph about the storm.</p>"
        ids = {ch.title: ch.id for ch in recovered.chapters()}
        assert recovered.chapter_meta(ids["One"]).notes_end == "<p>Our end note.</p>"
        if sync is sync_by_rename:  # our file is still there to copy: the whole work
            assert bodies["Two"] == "<p>Chapter two.</p>"
    finally:
        recovered.close()

    # Words typed after that go to the same copy with the next attempt to save.
    ws.document.setPlainText("Our unsaved paragraph about the storm, and the flood.")
    assert not ws.save()
    again = Project.open(ws.recovery_path, read_only=True)
    try:
        assert "and the flood" in again.body(again.chapters()[0].id)
    finally:
        again.close()
    assert list(tmp_path.glob("*unsaved words*")) == [ws.recovery_path]

    ws.discard()
    assert ws.close()
    assert read(work) == {
        "One": "<p>Their sentence from the laptop.</p>",
        "Two": "<p>Chapter two.</p>",
        "Three": "<p>Their third chapter.</p>",
    }


def test_take_theirs_and_reapply_mine(qtbot, tmp_path: Path) -> None:
    work = make_work(tmp_path)
    ws = open_workspace(work)
    two = ws.chapters()[1].id
    ws.select(two)
    ws.document.setPlainText("Our new chapter two.")
    theirs = their_version(tmp_path, work)
    sync_in_place(theirs, work)
    assert not ws.save()
    changes = ws.unsaved_changes()
    titles = {ch.id: ch.title for ch in ws.chapters()}
    ws.discard()
    assert ws.close()

    fresh = Workspace(Project.open(work))
    assert fresh.reapply(changes, titles)
    assert fresh.close()

    assert read(work) == {
        "One": "<p>Their sentence from the laptop.</p>",
        "Two": "<p>Our new chapter two.</p>",
        "Three": "<p>Their third chapter.</p>",
    }

"""Snapshots, backups, the posting log, one writer at a time, and writes that fail."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from editor.store import backup, history, posting
from editor.store.errors import FileReplacedError, ReadOnlyError, SaveError
from editor.store.lock import LockedError
from editor.store.project import Project

ROOT = Path(__file__).resolve().parents[2]


def make(tmp_path: Path, body: str = "<p>First draft.</p>") -> tuple[Project, int]:
    project = Project.create(tmp_path / "w.ficwright", "W")
    return project, project.add_chapter("One", body, 2)


# -- snapshots -------------------------------------------------------------------------


def test_a_restore_puts_the_old_text_back_and_keeps_the_current_one(tmp_path: Path) -> None:
    project, one = make(tmp_path)
    first = history.take(project, one, "manual", "Before the rewrite")
    project.save_body(one, "<p>Second draft.</p>", 2)

    kept = history.restore(project, first)

    assert project.body(one) == "<p>First draft.</p>"
    assert history.snapshot(project, kept).body == "<p>Second draft.</p>"
    assert [s.kind for s in history.snapshots(project, one)] == ["restore", "manual"]
    history.restore(project, kept)  # restoring is undoable
    assert project.body(one) == "<p>Second draft.</p>"
    project.close()


def test_automatic_snapshots_come_at_most_every_ten_minutes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, one = make(tmp_path)
    assert history.take_auto(project, one) is not None
    project.save_body(one, "<p>Changed.</p>", 1)
    assert history.take_auto(project, one) is None  # too soon
    later = (datetime.now(UTC) + timedelta(minutes=11)).isoformat(timespec="milliseconds")
    monkeypatch.setattr(history, "now", lambda: later)
    assert history.take_auto(project, one) is not None
    assert history.take_auto(project, one) is None  # nothing changed since
    project.close()


def test_take_all_snapshots_every_chapter_in_one_go(tmp_path: Path) -> None:
    project, one = make(tmp_path)
    two = project.add_chapter("Two", "<p>Two.</p>", 1)
    ids = history.take_all(project, "import", "Before importing")
    assert len(ids) == 2
    assert history.snapshots(project, two)[0].name == "Before importing"
    assert history.snapshots(project, one)[0].body == "<p>First draft.</p>"
    project.close()


# -- backups -----------------------------------------------------------------------------


def test_a_backup_is_a_consistent_openable_copy_of_the_open_work(tmp_path: Path) -> None:
    project, one = make(tmp_path)
    project.save_body(one, "<p>Only in the WAL so far.</p>", 5)
    copy = backup.make(project, tmp_path / "Backups")
    project.close()

    assert copy.parent == tmp_path / "Backups" and copy.suffix == ".ficwright"
    reopened = Project.open(copy)
    try:
        assert reopened.body(reopened.chapters()[0].id) == "<p>Only in the WAL so far.</p>"
    finally:
        reopened.close()


def test_rotation_keeps_the_last_ten_and_one_a_day_for_a_week(tmp_path: Path) -> None:
    folder = tmp_path / "Backups"
    folder.mkdir()
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    stamps = [now - timedelta(minutes=15 * i) for i in range(14)]  # today, every 15 min
    stamps += [now - timedelta(days=d, hours=h) for d in range(1, 10) for h in (1, 5)]
    for stamp in stamps:
        (folder / f"W {stamp.strftime('%Y-%m-%d %H-%M-%S')}.ficwright").write_bytes(b"x")
    (folder / "notes.ficwright").write_bytes(b"not a backup")

    backup.rotate(folder, now=now)

    kept = backup.backups(folder)
    newest_ten = sorted(stamps, reverse=True)[:10]
    assert {b.taken for b in kept} >= set(newest_ten)
    days = {b.taken.date() for b in kept}
    assert days == {(now - timedelta(days=d)).date() for d in range(7)}
    assert len(kept) == 10 + 6  # ten from today, the newest of each of the six days before
    assert (folder / "notes.ficwright").exists()


def test_works_of_the_same_name_keep_their_own_backups(tmp_path: Path) -> None:
    root = tmp_path / "Backups"
    works = []
    for fandom in ("hp", "sw"):
        (tmp_path / fandom).mkdir()
        works.append(Project.create(tmp_path / fandom / "Story.ficwright", fandom))
    harry, stars = works
    folders = [backup.folder_for(root, w.path) for w in works]
    assert folders[0] != folders[1] and folders[0].name.startswith("Story ")
    assert backup.folder_for(root, tmp_path / "hp" / ".." / "hp" / "Story.ficwright") == folders[0]
    for _ in range(backup.KEEP_RECENT):
        backup.make(harry, folders[0])
    for _ in range(backup.KEEP_RECENT):
        backup.make(stars, folders[1])  # rotation here never touches Harry's copies
    assert len(backup.backups(folders[0])) == backup.KEEP_RECENT
    for w in works:
        w.close()


def test_backups_from_the_folder_named_after_the_file_alone_are_still_found(
    tmp_path: Path,
) -> None:
    root = tmp_path / "Backups"
    (tmp_path / "hp").mkdir()
    (tmp_path / "sw").mkdir()
    harry = Project.create(tmp_path / "hp" / "Story.ficwright", "Harry")
    stars = Project.create(tmp_path / "sw" / "Story.ficwright", "Stars")
    shared = root / "Story"  # where both went before
    mine = backup.make(harry, shared)
    backup.make(stars, shared)

    assert [b.path for b in backup.earlier(harry, root)] == [mine]
    harry.close()
    stars.close()


# -- posting log -------------------------------------------------------------------------


def test_a_chapter_edited_after_posting_says_so_per_site(tmp_path: Path) -> None:
    project, one = make(tmp_path)
    two = project.add_chapter("Two", "<p>Two.</p>", 1)
    assert posting.states(project) == {}
    posting.mark_posted(project, one, "AO3", "https://archiveofourown.org/works/1", "<p>x</p>")
    posting.mark_posted(project, one, "FFN", "https://www.fanfiction.net/s/1/1", "x")
    posting.mark_posted(project, two, "AO3", "https://archiveofourown.org/works/1/chapters/2", "")
    project.save_body(one, "<p>First draft, fixed.</p>", 3)

    states = posting.states(project)
    assert states[one] == {"AO3": posting.PostState.EDITED, "FFN": posting.PostState.EDITED}
    assert states[two] == {"AO3": posting.PostState.POSTED}
    posting.mark_posted(project, one, "AO3", "https://archiveofourown.org/works/1", "<p>y</p>")
    assert posting.states(project)[one]["AO3"] is posting.PostState.POSTED
    assert posting.last_post(project, one, "AO3").exported == "<p>y</p>"
    project.close()


# -- one writer at a time ------------------------------------------------------------------


def test_a_second_writer_in_this_process_is_refused_and_may_read(tmp_path: Path) -> None:
    project, _ = make(tmp_path)
    with pytest.raises(LockedError, match="already open"):
        Project.open(project.path)
    reader = Project.open(project.path, read_only=True)
    assert reader.read_only and reader.chapters()[0].title == "One"
    with pytest.raises(ReadOnlyError):
        reader.save_body(reader.chapters()[0].id, "<p>no</p>", 1)
    reader.close()
    project.close()
    Project.open(project.path).close()  # free again once closed


def test_another_process_holding_the_work_locks_us_out_until_it_dies(tmp_path: Path) -> None:
    project, _ = make(tmp_path)
    path = project.path
    project.close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from editor.store.project import Project; "
         "p = Project.open(sys.argv[1]); print('open', flush=True); time.sleep(60)", str(path)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(LockedError, match=f"process {holder.pid}"):
            Project.open(path)
    finally:
        holder.kill()
        holder.wait()
    Project.open(path).close()  # the OS released the dead process's lock


# -- faults ---------------------------------------------------------------------------------


def test_a_file_replaced_behind_our_back_is_never_written(tmp_path: Path) -> None:
    project, one = make(tmp_path)
    theirs = tmp_path / "theirs.ficwright"
    shutil.copyfile(project.path, theirs)
    os.replace(theirs, project.path)  # what a sync client does
    assert project.replaced()
    with pytest.raises(FileReplacedError, match="replaced or moved"):
        project.save_body(one, "<p>Would clobber.</p>", 2)
    project.close()


# A writer that saved, waits for the background checkpoint (at most 2 s) and dies when told.
SAVE_AND_WAIT = """
import os, sys, time
from editor.store.project import Project
p = Project.open(sys.argv[1])
p.save_body(int(sys.argv[2]), '<p>Ours, saved here.</p>', 3)
wal, deadline = sys.argv[1] + '-wal', time.monotonic() + 2
while os.path.getsize(wal) and time.monotonic() < deadline:
    time.sleep(0.01)
print('saved', flush=True)
time.sleep(60)
"""


def test_our_wal_is_not_replayed_onto_a_file_a_sync_client_put_there(tmp_path: Path) -> None:
    project, one = make(tmp_path, "<p>Base.</p>")
    path = project.path
    project.close()
    theirs = tmp_path / "theirs.ficwright"
    shutil.copyfile(path, theirs)
    other = Project.open(theirs)
    other.save_body(one, "<p>Theirs, from the other computer.</p>", 4)
    other.close()
    writer = subprocess.Popen(
        [sys.executable, "-c", SAVE_AND_WAIT, str(path), str(one)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "saved"
        os.replace(theirs, path)  # the sync client, then Ficwright dies
    finally:
        writer.kill()
        writer.wait()
    reopened = Project.open(path)
    try:
        assert reopened.body(one) == "<p>Theirs, from the other computer.</p>"
        assert reopened.connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        reopened.close()


def test_a_replaced_file_empties_our_wal_at_once(tmp_path: Path) -> None:
    project, one = make(tmp_path)
    assert project._checkpointer is not None
    project._checkpointer.close()  # the replacement comes before the background checkpoint
    project._checkpointer = None
    project.save_body(one, "<p>Ours.</p>", 1)
    wal = Path(f"{project.path}-wal")
    assert wal.stat().st_size > 0
    shutil.copyfile(project.path, tmp_path / "theirs.ficwright")
    os.replace(tmp_path / "theirs.ficwright", project.path)
    with pytest.raises(FileReplacedError):
        project.save_body(one, "<p>Would clobber.</p>", 2)
    assert wal.stat().st_size == 0
    project.close()


def test_an_unwritable_file_opens_read_only(tmp_path: Path) -> None:
    project, _ = make(tmp_path)
    path = project.path
    project.close()
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode:
        os.chmod(path, 0o444)
        if os.access(path, os.W_OK) and os.geteuid() == 0:
            pytest.fail("cannot make a file unwritable here: no chattr and running as root")
    try:
        reopened = Project.open(path)
        assert reopened.read_only
        assert reopened.chapters()[0].title == "One"
        with pytest.raises(ReadOnlyError, match="read-only"):
            reopened.save_body(reopened.chapters()[0].id, "<p>x</p>", 1)
        reopened.close()
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=False)
        os.chmod(path, 0o644)


def test_a_full_disk_fails_the_save_and_keeps_the_old_text(tmp_path: Path) -> None:
    project, one = make(tmp_path)
    pages = project.connection.execute("PRAGMA page_count").fetchone()[0]
    project.connection.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(SaveError, match="full"):
        project.save_body(one, "<p>" + "word " * 20000 + "</p>", 20000)
    assert project.body(one) == "<p>First draft.</p>"
    project.connection.execute("PRAGMA max_page_count = 1073741823")
    project.save_body(one, "<p>Room again.</p>", 2)
    assert project.body(one) == "<p>Room again.</p>"
    project.close()


def test_a_backup_of_a_closed_connection_is_not_silently_empty(tmp_path: Path) -> None:
    project, _ = make(tmp_path)
    project.close()
    with pytest.raises(sqlite3.ProgrammingError):
        backup.make(project, tmp_path / "Backups")


# A second process that tries to open the work by another name: it prints what happened.
OPEN_FOR_WRITING = (
    "import sys\n"
    "from editor.store.lock import LockedError\n"
    "from editor.store.project import Project\n"
    "try:\n"
    "    p = Project.open(sys.argv[1])\n"
    "except LockedError:\n"
    "    print('locked')\n"
    "else:\n"
    "    print('writable' if not p.read_only else 'read-only')\n"
    "    p.close()\n"
)


@pytest.mark.parametrize("link", ["hardlink", "symlink", "symlink elsewhere"])
def test_no_other_name_for_the_file_gives_a_second_writer(tmp_path: Path, link: str) -> None:
    project, one = make(tmp_path)
    other = tmp_path / "elsewhere" / "other.ficwright"
    other.parent.mkdir()
    if link == "hardlink":
        os.link(project.path, other)
    elif link == "symlink":
        other = tmp_path / "other.ficwright"
        other.symlink_to(project.path.name)
    else:
        other.symlink_to(project.path)

    second = subprocess.run(
        [sys.executable, "-c", OPEN_FOR_WRITING, str(other)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert second.stdout.strip() == "locked", second.stderr
    # The refused open left nothing behind: ours still saves, and it is free once closed.
    project.save_body(one, "<p>Still ours.</p>", 2)
    project.close()
    reopened = Project.open(other)
    assert reopened.body(one) == "<p>Still ours.</p>"
    reopened.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".lock")) == []

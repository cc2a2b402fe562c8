"""A damaged work's ways out: everything that still reads copied into a new work, and the
newest backup that reads whole put in its place. Real pages overwritten at several places;
the words are read back from the new files."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from editor.store import backup, history
from editor.store.errors import DamagedProjectError
from editor.store.project import Project
from editor.store.salvage import salvage
from tests.store.test_damaged import POSITIONS, damaged_copy, page_at, pages

CHAPTERS = 30


@pytest.fixture(scope="module")
def sound_work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each chapter's snapshot holds "old{i}" words; its text now holds "new{i}" ones."""
    work = tmp_path_factory.mktemp("sound") / "story.ficwright"
    project = Project.create(work, "Story")
    for i in range(CHAPTERS):
        cid = project.add_chapter(f"Chapter {i + 1}", "<p>" + f"old{i} " * 300 + "</p>", 300)
        history.take(project, cid, "manual", "kept")
        project.save_body(cid, "<p>" + f"new{i} " * 300 + "</p>", 300)
    project.close()
    return work


@pytest.mark.parametrize("position", POSITIONS)
def test_a_salvage_keeps_every_word_that_reads(
    sound_work: Path, tmp_path: Path, position: str
) -> None:
    work = damaged_copy(sound_work, tmp_path, page_at(position, pages(sound_work)))
    before = work.read_bytes()
    target = tmp_path / "salvaged.ficwright"
    try:
        result = salvage(work, target)
    except DamagedProjectError as e:  # the schema itself is gone: nothing reads
        assert position == "first" and "can be read" in str(e)
        assert not target.exists()
        return
    assert work.read_bytes() == before  # only read
    try:
        readable = Project.open(work)
    except DamagedProjectError:
        readable = None
    copy = Project.open(target)
    try:
        assert not copy.read_only and copy.damage == ""
        chapters = copy.chapters()
        assert [c.title for c in chapters] == [f"Chapter {i + 1}" for i in range(CHAPTERS)]
        assert result.chapters == [c.title for c in chapters]
        for i, chapter in enumerate(chapters):
            text = copy.body(chapter.id)
            # Its text, or else its snapshot's: never nothing, never another chapter's.
            assert f"new{i} " * 300 in text or f"old{i} " * 300 in text, (i, text[:60])
            if f"old{i}" in text:
                assert chapter.title in result.from_snapshots
            if readable is not None and "damaged part" not in readable.body(chapter.id):
                assert text == readable.body(chapter.id)
        # The title, or the file's name where the page holding it is the damaged one.
        assert copy.meta().title in ("Story", work.stem)
    finally:
        copy.close()
        if readable is not None:
            readable.close()


def test_a_chapter_with_no_text_and_no_snapshot_is_named_as_lost(tmp_path: Path) -> None:
    work = tmp_path / "w.ficwright"
    project = Project.create(work, "W")
    for i in range(3):
        project.add_chapter(f"C{i}", "<p>" + f"text{i} " * 3000 + "</p>", 3000)
    project.close()
    conn_pages = pages(work)
    damaged = damaged_copy(work, tmp_path, conn_pages)  # the end of the last chapter's text
    result = salvage(damaged, tmp_path / "s.ficwright")
    copy = Project.open(result.path)
    try:
        bodies = [copy.body(c.id) for c in copy.chapters()]
    finally:
        copy.close()
    assert "text0 " * 3000 in bodies[0] and "text1 " * 3000 in bodies[1]
    assert result.lost == ["Damaged chapter 3"] and bodies[2] == ""  # its title is gone too


def test_the_newest_backup_that_reads_whole_is_restored_and_the_damaged_file_kept(
    sound_work: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    work = tmp_path / "story.ficwright"
    shutil.copyfile(sound_work, work)
    project = Project.open(work)
    older = backup.make(project, folder)
    project.save_body(project.chapters()[0].id, "<p>After the good backup.</p>", 4)
    newer = backup.make(project, folder)
    project.close()
    with open(newer, "r+b") as f:  # the newest backup is damaged too
        f.seek(pages(newer) // 2 * 4096)
        f.write(b"\xff" * 4096)
    damaged = damaged_copy(work, tmp_path, pages(work) // 2)
    shutil.move(damaged, work)
    damaged_bytes = work.read_bytes()

    good = backup.newest_good(folder)
    assert good is not None and good.path == older
    aside = backup.restore(work, good, datetime(2026, 12, 8, 1, 2, 3))

    assert aside.name == "story (damaged 2026-12-08 01.02.03).ficwright"
    assert aside.read_bytes() == damaged_bytes
    restored = Project.open(work)
    try:
        assert restored.damage == "" and not restored.read_only
        assert restored.body(restored.chapters()[0].id) == "<p>" + "new0 " * 300 + "</p>"
    finally:
        restored.close()

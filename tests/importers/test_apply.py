"""Applying an import to a work: one transaction, fields only where empty, nothing on failure."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from editor.formats.importers import (
    ImportCancelled,
    ImportFailed,
    ImportResult,
    apply,
    read_files,
    to_new_chapters,
)
from editor.model import Rating
from editor.store.errors import SaveError
from editor.store.project import Changes, Project
from editor.text.richtext import word_count
from tests.importers import FIXTURES


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "work.ficwright", "My Work")
    project.add_chapter("Existing", "<p>Already here.</p>", 2)
    project.save(Changes(work={"rating": Rating.MATURE, "author": "me"}))
    return project


def snapshot(project: Project) -> tuple[object, ...]:
    chapters = project.chapters()
    return (
        project.meta(),
        chapters,
        [project.body(c.id) for c in chapters],
        [project.chapter_meta(c.id) for c in chapters],
    )


def test_chapters_are_appended_with_their_notes_and_empty_fields_filled(project: Project) -> None:
    result = read_files([FIXTURES / "two-chapters.txt"])

    ids = apply(project, result)

    chapters = project.chapters()
    assert [c.title for c in chapters] == ["Existing", "The Bell", "The Keeper's Log"]
    assert [c.id for c in chapters[1:]] == ids
    assert chapters[1].words == word_count(result.chapters[0].body) > 50
    assert project.chapter_meta(ids[0]).notes_end.startswith("<p>Chapter two is already")
    meta = project.meta()
    assert meta.title == "My Work"  # the work had one: kept
    assert meta.author == "me"
    assert meta.rating is Rating.MATURE  # kept: set before the import
    assert meta.fandoms == ("Original Work",)  # empty before: filled
    assert meta.summary.startswith("<p>A lighthouse keeper")


def test_overwrite_fields_replaces_what_the_work_had(project: Project) -> None:
    apply(project, read_files([FIXTURES / "two-chapters.txt"]), overwrite_fields=True)
    meta = project.meta()
    assert (meta.title, meta.author, meta.rating) == ("Salt and Iron", "harbourlights",
                                                      Rating.GENERAL)  # fmt: skip


def test_chapter_warnings_reach_the_store(project: Project) -> None:
    result = read_files([FIXTURES / "ao3-download.html"])
    ids = apply(project, result)
    assert project.chapter_meta(ids[1]).warnings == ("nightmares", "brief mention of Nibelheim")
    assert project.chapter_meta(ids[0]).summary == "<p>Tifa finds Cloud on the roof.</p>"


def test_a_failed_save_changes_nothing(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(project)
    result = read_files([FIXTURES / "full-header.txt", FIXTURES / "two-chapters.txt"])
    real_write = Project._write

    def failing_write(self: Project, c: sqlite3.Connection, changes: Changes, stamp: str) -> None:
        real_write(self, c, changes, stamp)  # the chapters and fields are in...
        raise sqlite3.OperationalError("disk I/O error")  # ...when the disk gives out

    monkeypatch.setattr(Project, "_write", failing_write)
    with pytest.raises(SaveError):
        apply(project, result)
    monkeypatch.undo()

    assert snapshot(project) == before


def test_a_cancelled_import_stops_and_leaves_the_work_alone(project: Project) -> None:
    before = snapshot(project)
    files = sorted((FIXTURES / "multi").iterdir())
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2  # the author presses Cancel while the second file is read

    with pytest.raises(ImportCancelled) as caught:
        read_files(files, cancelled=cancelled)
    assert isinstance(caught.value, ImportFailed)
    assert "cancelled" in str(caught.value)
    assert snapshot(project) == before


def test_to_new_chapters_counts_words_and_keeps_only_set_fields() -> None:
    result = read_files([FIXTURES / "full-header.txt"])
    [chapter] = to_new_chapters(result)
    assert chapter.words == word_count(result.chapters[0].body)
    assert set(chapter.fields) == {"notes_begin", "notes_end"}


def test_an_empty_result_adds_nothing(project: Project) -> None:
    before = snapshot(project)
    assert apply(project, ImportResult({}, [], [], {})) == []
    assert snapshot(project)[1:] == before[1:]

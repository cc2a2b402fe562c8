"""Front matter in the project file: migration from version 1, round trips, one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from editor.model import (
    ArchiveWarning,
    Category,
    ChapterMeta,
    FfnRating,
    Rating,
    Status,
    WorkMeta,
)
from editor.store import schema
from editor.store.errors import SaveError
from editor.store.project import Changes, Project

FULL = WorkMeta(
    title="The Lighthouse Letters",
    author="wren_writes",
    fandoms=("Final Fantasy VII", "Original Work"),
    rating=Rating.TEEN,
    ffn_rating=FfnRating.K_PLUS,
    archive_warnings=(ArchiveWarning.VIOLENCE, ArchiveWarning.MAJOR_CHARACTER_DEATH),
    content_warnings=("Coarse language", "OOC"),
    categories=(Category.FM, Category.GEN),
    relationships=("Cloud Strife/Tifa Lockhart",),
    characters=("Cloud Strife", "Zack Fair"),
    additional_tags=("Angst", "Hurt/Comfort", "Time Travel"),
    language="English",
    summary="<p>A <em>lighthouse</em>, a letter.</p>",
    series_name="Kell's Reach",
    series_part=2,
    expected_chapters=12,
    status=Status.COMPLETE,
    disclaimer="<p>I don’t own the characters.</p>",
    dedication="<p>For Jane, for being a darling.</p>",
    gift_recipients=("jane_doe", "other_friend"),
    co_creators=("sea_glass",),
    inspired_by="https://archiveofourown.org/works/1",
    prompt="<p><strong>Storm</strong> — “the sea was climbing the rocks”</p>",
    prompt_by="anon",
    prompt_collection="Summer Fic Exchange 2026",
)


def make_v1(path: Path) -> None:
    """A project exactly as version 1 of the format wrote it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    schema.MIGRATIONS[0](conn)
    conn.execute("INSERT INTO schema_version(version) VALUES (1)")
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO work(id, title, created, modified) VALUES (1, 'Old', 'then', 'then')")
    conn.execute(
        "INSERT INTO chapters(position, title, body, words, created, modified) "
        "VALUES (0, 'One', '<p>Old words.</p>', 2, 'then', 'then')"
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_a_version_1_file_gains_front_matter_and_keeps_its_chapters(tmp_path: Path) -> None:
    path = tmp_path / "old.ficwright"
    make_v1(path)

    project = Project.open(path)
    try:
        assert project.meta() == WorkMeta(title="Old")
        chapter = project.chapters()[0]
        assert project.body(chapter.id) == "<p>Old words.</p>"
        assert project.chapter_meta(chapter.id) == ChapterMeta()
        version = project._conn.execute("SELECT version FROM schema_version").fetchone()[0]
        assert version == schema.CURRENT_VERSION
    finally:
        project.close()


def test_every_work_field_survives_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "w.ficwright"
    project = Project.create(path, "Untitled")
    values = {f: getattr(FULL, f) for f in FULL.__dataclass_fields__}
    project.save(Changes(work=values))
    project.close()

    project = Project.open(path)
    try:
        assert project.meta() == FULL
        assert project.work().title == FULL.title
    finally:
        project.close()


def test_chapter_notes_survive_a_reopen_and_stay_with_their_chapter(tmp_path: Path) -> None:
    path = tmp_path / "w.ficwright"
    project = Project.create(path, "W")
    one = project.add_chapter("One")
    two = project.add_chapter("Two")
    notes = ChapterMeta(
        summary="<p>Wren finds a letter.</p>",
        notes_begin="<p>A/N: thanks for reading!</p>",
        notes_end="<p>More soon.</p>",
        warnings=("Blood", "Drowning"),
    )
    project.save(
        Changes(chapters={one: {f: getattr(notes, f) for f in notes.__dataclass_fields__}})
    )
    project.close()

    project = Project.open(path)
    try:
        assert project.chapter_meta(one) == notes
        assert project.chapter_meta(two) == ChapterMeta()
    finally:
        project.close()


def test_a_failed_save_writes_neither_text_nor_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "w.ficwright"
    project = Project.create(path, "W")
    one = project.add_chapter("One", "<p>Safe.</p>", 1)
    project._conn.execute(
        "CREATE TRIGGER no_fields BEFORE INSERT ON work_fields "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    with pytest.raises(SaveError):
        project.save(Changes(bodies={one: ("<p>New.</p>", 1)}, work={"summary": "<p>S</p>"}))
    assert project.body(one) == "<p>Safe.</p>"
    assert project.meta().summary == ""
    project.close()


def test_unknown_fields_are_refused_and_bad_values_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "w.ficwright"
    project = Project.create(path, "W")
    with pytest.raises(KeyError):
        project.save(Changes(work={"no_such_field": 1}))
    project._conn.execute(
        "INSERT INTO work_fields(key, value) VALUES ('rating', '\"Super Explicit\"'), "
        "('fandoms', 'not json'), ('from_a_newer_version', '1')"
    )
    meta = project.meta()
    assert meta.rating is Rating.NOT_RATED
    assert meta.fandoms == ()
    project.close()


def test_ffn_rating_is_derived_until_the_author_overrides_it() -> None:
    assert WorkMeta(rating=Rating.TEEN).effective_ffn_rating is FfnRating.T
    assert WorkMeta(rating=Rating.EXPLICIT).effective_ffn_rating is FfnRating.M
    assert WorkMeta(rating=Rating.GENERAL).effective_ffn_rating is FfnRating.K_PLUS
    override = WorkMeta(rating=Rating.GENERAL, ffn_rating=FfnRating.K)
    assert override.effective_ffn_rating is FfnRating.K


def test_an_import_adds_chapters_and_fields_all_or_nothing(tmp_path: Path) -> None:
    from editor.store.project import NewChapter

    path = tmp_path / "w.ficwright"
    project = Project.create(path, "W")
    project.add_chapter("Existing", "<p>Mine.</p>", 1)
    ids = project.append_chapters(
        [
            NewChapter("One", "<p>One.</p>", 1, {"notes_begin": "<p>A/N</p>"}),
            NewChapter("Two", "<p>Two.</p>", 1, {"warnings": ("Blood",)}),
        ],
        {"rating": Rating.TEEN, "characters": ("Zack",)},
    )
    assert [ch.title for ch in project.chapters()] == ["Existing", "One", "Two"]
    assert project.chapter_meta(ids[0]).notes_begin == "<p>A/N</p>"
    assert project.chapter_meta(ids[1]).warnings == ("Blood",)
    assert project.meta().rating is Rating.TEEN

    project._conn.execute(
        "CREATE TRIGGER stop BEFORE INSERT ON work_fields BEGIN SELECT RAISE(ABORT, 'full'); END"
    )
    with pytest.raises(SaveError):
        project.append_chapters([NewChapter("Three", "<p>3</p>", 1)], {"language": "Deutsch"})
    assert [ch.title for ch in project.chapters()] == ["Existing", "One", "Two"]
    project.close()

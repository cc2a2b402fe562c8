"""The workspace without a widget: autosave of front matter, retries, chapter labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor import workspace as workspace_module
from editor.formats.work import load_work
from editor.model import Rating, Status
from editor.store.project import Project
from editor.workspace import Workspace

# A workspace's documents are laid out (their caches follow Qt's contentsChange): Qt needs an
# application for that, as in the app.
pytestmark = pytest.mark.usefixtures("qapp")


def open_workspace(tmp_path: Path, chapters: int = 2) -> Workspace:
    project = Project.create(tmp_path / "w.ficwright", "W")
    for i in range(chapters):
        project.add_chapter(f"C{i + 1}", f"<p>Chapter {i + 1}.</p>", 2)
    ws = Workspace(project)
    ws.select(ws.chapters()[0].id)
    return ws


def reopen(ws: Workspace) -> Project:
    path = ws.project.path
    assert ws.close()
    return Project.open(path)


def test_work_fields_autosave_with_the_text_in_one_go(qtbot, tmp_path: Path) -> None:
    ws = open_workspace(tmp_path)
    ws.set_meta("rating", Rating.MATURE)
    ws.set_meta("fandoms", ("Final Fantasy VII",))
    ws.document.setPlainText("New text.")
    assert ws.dirty
    with qtbot.waitSignal(ws.saved, timeout=2000):
        pass
    assert not ws.dirty
    project = Project.open(ws.project.path, read_only=True)
    try:
        assert project.meta().rating is Rating.MATURE
        assert project.meta().fandoms == ("Final Fantasy VII",)
        assert project.body(ws.current_id) == "<p>New text.</p>"
    finally:
        project.close()
    ws.close()


def test_chapter_notes_stay_with_their_chapter_across_switches(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path)
    one, two = (ch.id for ch in ws.chapters())
    ws.set_chapter_meta(one, "notes_begin", "<p>A/N one</p>")
    ws.select(two)
    ws.set_chapter_meta(two, "notes_end", "<p>End two</p>")
    ws.select(one)
    assert ws.chapter_meta(one).notes_begin == "<p>A/N one</p>"
    assert ws.chapter_meta(one).notes_end == ""
    project = reopen(ws)
    try:
        assert project.chapter_meta(one).notes_begin == "<p>A/N one</p>"
        assert project.chapter_meta(one).notes_end == ""
        assert project.chapter_meta(two).notes_end == "<p>End two</p>"
        assert project.chapter_meta(two).notes_begin == ""
    finally:
        project.close()


def test_a_failed_save_keeps_the_edits_and_retries(qtbot, tmp_path: Path) -> None:
    ws = open_workspace(tmp_path)
    conn = ws.project._conn
    conn.execute(
        "CREATE TRIGGER full BEFORE INSERT ON work_fields "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    failures: list[str] = []
    ws.saveFailed.connect(failures.append)
    ws.set_meta("summary", "<p>Precious summary</p>")
    assert not ws.save()
    assert "disk full" in failures[0] and "still in the editor" in failures[0]
    assert ws.dirty and ws.meta.summary == "<p>Precious summary</p>"
    conn.execute("DROP TRIGGER full")
    assert ws.save()
    project = reopen(ws)
    try:
        assert project.meta().summary == "<p>Precious summary</p>"
    finally:
        project.close()


def test_an_empty_title_keeps_the_last_one(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path)
    ws.set_meta("title", "  Storm Front ")
    ws.set_meta("title", "   ")
    assert ws.title == "Storm Front"
    project = reopen(ws)
    try:
        assert project.work().title == "Storm Front"
    finally:
        project.close()


def test_chapter_label_follows_position_and_expected_count(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path, chapters=3)
    third = ws.chapters()[2].id
    assert ws.chapter_label(third) == "Chapter 3 of ?"
    ws.set_meta("expected_chapters", 5)
    assert ws.chapter_label(third) == "Chapter 3 of 5"
    ws.move_chapter(third, -2)
    assert ws.chapter_label(third) == "Chapter 1 of 5"
    ws.set_meta("expected_chapters", 2)  # fewer than written: never "of 2"
    assert ws.chapter_label(third) == "Chapter 1 of ?"
    ws.set_meta("status", Status.COMPLETE)
    assert ws.chapter_label(third) == "Chapter 1 of 3"
    ws.close()


def test_known_tags_gather_every_tag_field_once(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path)
    ws.set_meta("characters", ("Zack Fair", "Cloud Strife"))
    ws.set_meta("additional_tags", ("Angst", "Zack Fair"))
    ws.set_chapter_meta(ws.current_id, "warnings", ("Blood",))
    assert ws.known_tags() == ["Zack Fair", "Cloud Strife", "Angst", "Blood"]
    ws.close()


def fill_the_disk(ws: Workspace) -> None:
    conn = ws.project.connection
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def free_the_disk(ws: Workspace) -> None:
    ws.project.connection.execute("PRAGMA max_page_count = 1073741823")


def test_edits_of_a_chapter_left_after_a_failed_save_are_saved_by_the_retry(
    tmp_path: Path,
) -> None:
    ws = open_workspace(tmp_path)
    one, two = (ch.id for ch in ws.chapters())
    fill_the_disk(ws)
    ws.document.setPlainText("First chapter words. " + "more " * 20000)
    assert not ws.save()
    ws.select(two)  # its save fails too; the author moves on
    ws.document.setPlainText("Second.")
    assert ws.dirty
    free_the_disk(ws)
    project = reopen(ws)
    try:
        assert project.body(one).startswith("<p>First chapter words. more")
        assert project.body(two) == "<p>Second.</p>"
    finally:
        project.close()


def test_what_reads_the_whole_work_sees_a_chapter_left_unsaved(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path)
    one, two = (ch.id for ch in ws.chapters())
    fill_the_disk(ws)
    typed = "Typed before the disk filled." + " more" * 20000
    ws.document.setPlainText(typed)
    assert not ws.save()
    ws.select(two)

    assert ws.editor_bodies() == {one: f"<p>{typed}</p>", two: "<p>Chapter 2.</p>"}
    work = load_work(ws.project, ws.editor_bodies())  # what Export and Find read
    assert work.chapters[0].body == f"<p>{typed}</p>"
    assert ws.body(one) == f"<p>{typed}</p>"
    assert ws.project.body(one) == "<p>Chapter 1.</p>"  # the store lags behind
    free_the_disk(ws)
    ws.close()


def test_close_fails_while_a_chapter_not_shown_is_unsaved(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path)
    one, two = (ch.id for ch in ws.chapters())
    fill_the_disk(ws)
    ws.document.setPlainText("Kept. " + "more " * 20000)
    ws.select(two)
    assert not ws.close()
    assert ws.dirty
    free_the_disk(ws)
    assert ws.close()
    project = Project.open(ws.project.path)
    try:
        assert project.body(one).startswith("<p>Kept. more")
    finally:
        project.close()


def test_an_unsaved_chapter_is_never_evicted(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(workspace_module, "OPEN_DOCUMENTS", 1)
    ws = open_workspace(tmp_path, chapters=4)
    ids = [ch.id for ch in ws.chapters()]
    fill_the_disk(ws)
    ws.document.setPlainText("Only copy. " + "more " * 20000)
    for cid in ids[1:]:
        ws.select(cid)  # each switch fails to save and opens another chapter
    free_the_disk(ws)
    project = reopen(ws)
    try:
        assert project.body(ids[0]).startswith("<p>Only copy. more")
    finally:
        project.close()

"""Find and replace across a work: every chapter and note, one transaction, undoable."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.findreplace import (
    BODY,
    Hit,
    ReplaceResult,
    last_undoable,
    replace_work,
    search_work,
    undo_replace,
)
from editor.store import history, replaced
from editor.store.errors import SaveError
from editor.store.project import Changes, Project
from editor.text.find import FindError, FindOptions
from editor.text.richtext import normalize, word_count

BODIES = [
    "<p>Cloud waited.</p>\n<hr />\n<p>Then <em>Clo</em>ud left with Zackary.</p>",
    "<p>No one here.</p>",
    '<p>Tifa found <a href="https://cloud.example">cloud</a> and CLOUD.</p>',
]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "work.ficwright"


@pytest.fixture
def project(path: Path) -> Iterator[Project]:
    p = Project.create(path, "Buster Sword")
    ids = [
        p.add_chapter(f"Chapter {i + 1}", body, word_count(body)) for i, body in enumerate(BODIES)
    ]
    p.save(
        Changes(
            work={"summary": "<p>Cloud and Tifa.</p>", "dedication": "<p>For cloud fans</p>"},
            chapters={
                ids[0]: {"notes_begin": "<p>Cloud is <strong>sad</strong>.</p>"},
                ids[2]: {"notes_end": "<p>More cloud next time.</p>", "summary": "<p>x</p>"},
            },
        )
    )
    yield p
    p.close()


def ids_of(project: Project) -> list[int]:
    return [ch.id for ch in project.chapters()]


def where(hits: list[Hit]) -> list[tuple[int | None, str, str]]:
    return [(h.chapter_id, h.field, h.match.text) for h in hits]


def stored(path: Path) -> tuple[list[str], dict[str, str], list[tuple[str, str, str]]]:
    """Every body and rich field as a fresh Project reads them back from disk."""
    p = Project.open(path, read_only=True)
    try:
        meta = p.meta()
        chapters = [p.chapter_meta(i) for i in ids_of(p)]
        return (
            [p.body(i) for i in ids_of(p)],
            {"summary": meta.summary, "dedication": meta.dedication},
            [(c.summary, c.notes_begin, c.notes_end) for c in chapters],
        )
    finally:
        p.close()


# -- searching -------------------------------------------------------------------------------


def test_search_finds_bodies_in_chapter_order_then_work_notes_then_chapter_notes(
    project: Project,
) -> None:
    one, _two, three = ids_of(project)
    hits = search_work(project, FindOptions("cloud"))
    assert where(hits) == [
        (one, BODY, "Cloud"),
        (one, BODY, "Cloud"),
        (three, BODY, "cloud"),
        (three, BODY, "CLOUD"),
        (None, "summary", "Cloud"),
        (None, "dedication", "cloud"),
        (one, "notes_begin", "Cloud"),
        (three, "notes_end", "cloud"),
    ]
    assert hits[0].chapter_title == "Chapter 1" and hits[4].chapter_title == ""
    second = hits[1].match
    assert (second.context_before, second.context_after) == ("Then ", " left with Zackary.")


def test_search_can_leave_the_notes_out(project: Project) -> None:
    hits = search_work(project, FindOptions("cloud"), include_notes=False)
    assert {h.field for h in hits} == {BODY} and len(hits) == 4


def test_search_reads_the_editors_unsaved_text_instead_of_the_stored_body(
    project: Project,
) -> None:
    one, two, _three = ids_of(project)
    unsaved = {two: "<p>Cloud came back after all.</p>", one: "<p>Nobody.</p>"}
    hits = search_work(project, FindOptions("cloud"), include_notes=False, current=unsaved)
    assert (hits[0].chapter_id, hits[0].match.context_after) == (two, " came back after all.")
    assert one not in {h.chapter_id for h in hits}


def test_search_honours_whole_word_and_case(project: Project) -> None:
    whole = search_work(project, FindOptions("Zack", whole_word=True))
    assert whole == []
    assert len(search_work(project, FindOptions("Zack"))) == 1
    exact = search_work(project, FindOptions("CLOUD", match_case=True))
    assert [h.match.text for h in exact] == ["CLOUD"]


def test_a_bad_pattern_raises_even_in_an_empty_work(tmp_path: Path) -> None:
    p = Project.create(tmp_path / "empty.ficwright", "Empty")
    try:
        with pytest.raises(FindError, match="not a valid regular expression"):
            search_work(p, FindOptions("(", regex=True))
    finally:
        p.close()


# -- replacing -------------------------------------------------------------------------------


def test_replace_all_changes_bodies_and_notes_and_reads_back(project: Project, path: Path) -> None:
    one, _two, three = ids_of(project)
    result = replace_work(project, FindOptions("cloud", preserve_case=True), "tifa")
    assert result.count == 8
    assert result.changed_chapter_ids == (one, three)
    project.close()
    bodies, work, chapters = stored(path)
    assert bodies == [
        "<p>Tifa waited.</p>\n<hr />\n<p>Then <em>Tifa</em> left with Zackary.</p>",
        BODIES[1],
        '<p>Tifa found <a href="https://cloud.example">tifa</a> and TIFA.</p>',
    ]
    assert work == {"summary": "<p>Tifa and Tifa.</p>", "dedication": "<p>For tifa fans</p>"}
    assert chapters[0][1] == "<p>Tifa is <strong>sad</strong>.</p>"
    assert chapters[2] == ("<p>x</p>", "", "<p>More tifa next time.</p>")
    reopened = Project.open(path)
    try:
        assert reopened.chapter(one).words == word_count(bodies[0])
    finally:
        reopened.close()


def test_replace_with_regex_groups_across_the_work(project: Project) -> None:
    replace_work(project, FindOptions(r"(Tifa) (found)", regex=True), r"\2 \1")
    assert project.body(ids_of(project)[2]).startswith("<p>found Tifa ")


def test_a_snapshot_of_every_chapter_is_taken_before_the_replace(project: Project) -> None:
    result = replace_work(project, FindOptions("cloud"), "Tifa", include_notes=False)
    shots = [history.snapshot(project, i) for i in result.snapshot_ids]
    assert [s.chapter_id for s in shots] == ids_of(project)
    assert [s.body for s in shots] == BODIES
    assert {s.kind for s in shots} == {"replace"}
    assert shots[0].name == "Before replacing “cloud”"


def test_replace_all_is_one_transaction(project: Project, path: Path) -> None:
    # A failure on the last write must leave every chapter and note as it was.
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON work_fields "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    conn.close()
    before = stored(path)
    with pytest.raises(SaveError, match="disk full"):
        replace_work(project, FindOptions("cloud"), "Tifa")
    assert stored(path) == before


def test_replace_counts_every_write_in_one_save(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves: list[Changes] = []
    original = Project.save

    def counting(self: Project, changes: Changes) -> None:
        saves.append(changes)
        original(self, changes)

    monkeypatch.setattr(Project, "save", counting)
    replace_work(project, FindOptions("cloud"), "Tifa")
    (save,) = saves
    assert len(save.bodies) == 2 and set(save.work) == {"summary", "dedication"}
    assert len(save.chapters) == 2


def test_unsaved_editor_text_is_replaced_and_snapshotted_as_the_author_saw_it(
    project: Project,
) -> None:
    one, two, _three = ids_of(project)
    unsaved = "<p>Unsaved cloud.</p>"
    result = replace_work(
        project, FindOptions("cloud"), "Tifa", include_notes=False, current={two: unsaved}
    )
    assert project.body(two) == "<p>Unsaved Tifa.</p>"
    assert two in result.changed_chapter_ids
    shots = {s.chapter_id: s for s in (history.snapshot(project, i) for i in result.snapshot_ids)}
    shot = shots[two]
    assert shot.body == unsaved
    undo_replace(project, result.replace_id)
    assert project.body(two) == unsaved
    assert project.body(one) == BODIES[0]


def test_nothing_is_written_when_nothing_changes(project: Project) -> None:
    modified = project.work().modified
    none = replace_work(project, FindOptions("Sephiroth"), "x")
    same = replace_work(project, FindOptions("Cloud", match_case=True), "Cloud")
    assert (none.count, none.snapshot_ids, none.changed) == (0, (), False)
    assert (same.count, same.snapshot_ids, same.changed) == (4, (), False)
    assert project.work().modified == modified
    assert history.snapshots(project, ids_of(project)[0]) == []


def test_a_bad_replacement_writes_nothing(project: Project) -> None:
    with pytest.raises(FindError, match="cannot be used"):
        replace_work(project, FindOptions("(cloud)", regex=True), r"\2")
    assert history.snapshots(project, ids_of(project)[0]) == []
    assert project.body(ids_of(project)[0]) == BODIES[0]


# -- undo --------------------------------------------------------------------------------------


def test_undo_restores_every_body_and_note_byte_for_byte(project: Project, path: Path) -> None:
    before = stored(path)
    result = replace_work(project, FindOptions("cloud", preserve_case=True), "tifa")
    assert stored(path) != before
    undo_replace(project, result.replace_id)
    project.close()
    assert stored(path) == before
    reopened = Project.open(path)
    try:
        words = [reopened.chapter(i).words for i in ids_of(reopened)]
        assert words == [word_count(b) for b in BODIES]
    finally:
        reopened.close()


def test_old_notes_are_kept_in_the_file_and_undo_works_after_a_restart(
    project: Project, path: Path
) -> None:
    one, _two, three = ids_of(project)
    result = replace_work(project, FindOptions("cloud"), "Tifa")
    project.close()

    reopened = Project.open(path)
    try:
        assert result.replace_id is not None
        kept = {
            (f.chapter_id, f.field): f.before for f in replaced.kept(reopened, result.replace_id)
        }
        assert kept == {
            (one, BODY): BODIES[0],
            (three, BODY): BODIES[2],
            (None, "summary"): "<p>Cloud and Tifa.</p>",
            (None, "dedication"): "<p>For cloud fans</p>",
            (one, "notes_begin"): "<p>Cloud is <strong>sad</strong>.</p>",
            (three, "notes_end"): "<p>More cloud next time.</p>",
        }
        assert undo_replace(reopened, result.replace_id) == []
        assert reopened.meta().summary == "<p>Cloud and Tifa.</p>"
        assert reopened.chapter_meta(three).notes_end == "<p>More cloud next time.</p>"
        assert reopened.body(one) == BODIES[0]
    finally:
        reopened.close()


def test_undo_keeps_what_was_edited_since_and_puts_back_the_rest(project: Project) -> None:
    one, _two, three = ids_of(project)
    result = replace_work(project, FindOptions("cloud"), "Tifa")
    edited_body = project.body(one).replace("waited", "sat")
    project.save(
        Changes(
            bodies={one: (edited_body, word_count(edited_body))},
            work={"dedication": "<p>For everyone</p>"},
        )
    )

    assert undo_replace(project, result.replace_id) == [(one, BODY), (None, "dedication")]
    assert project.body(one) == edited_body
    assert project.meta().dedication == "<p>For everyone</p>"
    assert project.body(three) == BODIES[2]
    assert project.meta().summary == "<p>Cloud and Tifa.</p>"
    assert project.chapter_meta(one).notes_begin == "<p>Cloud is <strong>sad</strong>.</p>"


def test_undo_is_one_save(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    result = replace_work(project, FindOptions("cloud"), "Tifa")
    saves: list[Changes] = []
    monkeypatch.setattr(Project, "save", lambda self, changes: saves.append(changes))
    undo_replace(project, result.replace_id)
    assert len(saves) == 1


def test_undo_of_a_replace_that_changed_nothing_does_nothing(project: Project) -> None:
    modified = project.work().modified
    undo_replace(project, ReplaceResult(0, (), ()).replace_id)
    assert project.work().modified == modified


def test_the_last_replace_is_undoable_from_the_file_until_undone(
    project: Project, path: Path
) -> None:
    one, _two, three = ids_of(project)
    assert last_undoable(project) is None  # nothing replaced
    first = replace_work(project, FindOptions("cloud"), "Tifa")
    second = replace_work(project, FindOptions("Zackary"), "Zack")
    assert replace_work(project, FindOptions("Sephiroth"), "x").replace_id is None
    project.close()

    reopened = Project.open(path)
    try:
        last = last_undoable(reopened)
        assert last is not None and last.replace_id == second.replace_id != first.replace_id
        assert (last.name, last.chapter_ids) == ("Before replacing “Zackary”", (one,))
        assert undo_replace(reopened, last.replace_id) == []
        assert "Zackary" in reopened.body(one) and "Tifa" in reopened.body(one)
        assert last_undoable(reopened) is None  # undone; the older replace is not the last
        assert reopened.body(three) != BODIES[2]
    finally:
        reopened.close()


def test_nothing_is_undoable_once_everything_the_replace_changed_was_edited(
    project: Project,
) -> None:
    one, _two, three = ids_of(project)
    replace_work(project, FindOptions("Zackary"), "Zack")
    edited = project.body(one).replace("waited", "sat")
    project.save(Changes(bodies={one: (edited, word_count(edited))}))
    assert last_undoable(project) is None
    assert project.body(three) == BODIES[2]


# -- properties --------------------------------------------------------------------------------

_WORDS = st.sampled_from(["Cloud", "cloud", "Tifa", "Zack", "Zackary", "and", "the", "!"])
_PARAGRAPH = st.lists(_WORDS, max_size=6).map(" ".join)
_BODY = st.lists(st.tuples(_PARAGRAPH, st.sampled_from(["", "em", "strong"])), max_size=4).map(
    lambda ps: "\n".join(f"<p><{t}>{p}</{t}></p>" if t else f"<p>{p}</p>" for p, t in ps)
)


@settings(max_examples=30, deadline=None)
@given(bodies=st.lists(_BODY, min_size=1, max_size=3), x=_WORDS, whole=st.booleans())
def test_replacing_x_with_x_leaves_every_body_byte_identical(
    bodies: list[str], x: str, whole: bool
) -> None:
    bodies = [normalize(b) for b in bodies]
    with tempfile.TemporaryDirectory() as folder:
        _check_identity_and_counts(Path(folder) / "p.ficwright", bodies, x, whole)


def _check_identity_and_counts(path: Path, bodies: list[str], x: str, whole: bool) -> None:
    p = Project.create(path, "Prop")
    try:
        for i, body in enumerate(bodies):
            p.add_chapter(str(i), body, word_count(body))
        options = FindOptions(x, match_case=True, whole_word=whole)
        found = len(search_work(p, options))
        result = replace_work(p, options, x)
        assert result.count == found
        assert [p.body(i) for i in ids_of(p)] == bodies
        other = replace_work(p, FindOptions(x, whole_word=whole), "Vincent")
        assert other.count == len(search_work(p, FindOptions("Vincent", match_case=True)))
    finally:
        p.close()

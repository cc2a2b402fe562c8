"""The project file: what is written is what is read back, and foreign files stay untouched."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from editor.store import schema
from editor.store.errors import (
    DamagedProjectError,
    NewerVersionError,
    NotAProjectError,
    ProjectError,
    SaveError,
)
from editor.store.project import Project, inspect_header

SIDE_FILES = ("-wal", "-shm", "-journal")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "work.ficwright"


@pytest.fixture
def project(path: Path):  # type: ignore[no-untyped-def]
    p = Project.create(path, "The Long Way Round")
    p.add_chapter("Chapter 1")
    yield p
    p.close()


def titles(project: Project) -> list[str]:
    return [c.title for c in project.chapters()]


def positions(project: Project) -> list[int]:
    return [c.position for c in project.chapters()]


def raw(path: Path, sql: str, params: tuple = ()) -> list[tuple]:  # type: ignore[type-arg]
    """Read the file with plain sqlite3, as another tool would."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def side_files(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in SIDE_FILES if Path(f"{path}{suffix}").exists()]


def open_handles(path: Path) -> list[str]:
    """Files under ``path``'s name this process still has open (Linux only)."""
    fds = Path("/proc/self/fd")
    if not fds.exists():
        pytest.skip("needs /proc")
    found = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(path)):
            found.append(target)
    return found


# -- creating and reopening ------------------------------------------------------


def test_reopened_project_keeps_title_and_chapters(path: Path) -> None:
    p = Project.create(path, "Stars & Garters")
    first = p.add_chapter("Chapter 1")
    p.rename_chapter(first, "Prologue")
    p.save_body(first, "<p>It began <em>badly</em>.</p>", 3)
    second = p.add_chapter("The Middle", "<p>Then it got worse.</p>", 5)
    third = p.add_chapter("Ünïcode 🐉", "<p>שלום &amp; goodbye</p>", 3)
    p.close()

    p = Project.open(path)
    try:
        assert p.work().title == "Stars & Garters"
        chapters = p.chapters()
        assert [c.id for c in chapters] == [first, second, third]
        assert [c.title for c in chapters] == ["Prologue", "The Middle", "Ünïcode 🐉"]
        assert [c.words for c in chapters] == [3, 5, 3]
        assert [c.position for c in chapters] == [0, 1, 2]
        assert p.body(first) == "<p>It began <em>badly</em>.</p>"
        assert p.chapter(third).body == "<p>שלום &amp; goodbye</p>"
    finally:
        p.close()


def test_new_project_has_no_chapters_and_a_new_chapter_is_empty(path: Path) -> None:
    p = Project.create(path, "T")
    try:
        assert p.chapters() == []
        chapter = p.chapter(p.add_chapter("Chapter 1"))
        assert (chapter.position, chapter.words, chapter.body) == (0, 0, "")
    finally:
        p.close()


def test_create_runs_every_migration_from_an_empty_file(path: Path) -> None:
    Project.create(path, "T").close()

    assert raw(path, "SELECT version FROM schema_version") == [(schema.CURRENT_VERSION,)]
    assert raw(path, "PRAGMA user_version") == [(schema.CURRENT_VERSION,)]
    assert raw(path, "PRAGMA application_id") == [(schema.APPLICATION_ID,)]
    tables = {r[0] for r in raw(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"work", "chapters", "schema_version"} <= tables
    assert inspect_header(path) == schema.CURRENT_VERSION


def test_header_is_stamped_before_the_project_is_closed(path: Path) -> None:
    # A crash right after creating must not leave a file that reads as foreign.
    p = Project.create(path, "T")
    try:
        header = path.read_bytes()[:100]
        assert int.from_bytes(header[68:72], "big") == schema.APPLICATION_ID
        assert int.from_bytes(header[60:64], "big") == schema.CURRENT_VERSION
    finally:
        p.close()


def test_failed_migration_leaves_the_file_at_its_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration bug")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    monkeypatch.setattr(schema, "CURRENT_VERSION", len(schema.MIGRATIONS))
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    try:
        with pytest.raises(RuntimeError):
            schema.migrate(conn, 0)
        assert conn.execute("PRAGMA user_version").fetchone() == (0,)
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == []
    finally:
        conn.close()


def test_wal_journal_mode_is_on(path: Path, project: Project) -> None:
    assert project._conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    project.close()
    assert raw(path, "PRAGMA journal_mode") == [("wal",)]


def test_create_refuses_to_overwrite_an_existing_file(path: Path) -> None:
    path.write_text("my only copy of chapter one")
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(path, "T")
    assert path.read_text() == "my only copy of chapter one"


def test_create_refuses_to_overwrite_an_existing_project(path: Path, project: Project) -> None:
    project.save_body(project.chapters()[0].id, "<p>kept</p>", 1)
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(path, "Other")
    assert project.work().title == "The Long Way Round"
    assert project.body(project.chapters()[0].id) == "<p>kept</p>"


def test_create_in_a_missing_folder_is_a_project_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="Could not create"):
        Project.create(tmp_path / "nowhere" / "w.ficwright", "T")


# -- foreign files are judged without being touched ---------------------------------


def _sqlite_from_another_program(target: Path) -> None:
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    conn.execute("INSERT INTO recipes VALUES ('tea', 4)")
    conn.commit()
    conn.close()


def _newer_ficwright(target: Path) -> None:
    Project.create(target, "From the future").close()
    data = bytearray(target.read_bytes())
    data[60:64] = (schema.CURRENT_VERSION + 1).to_bytes(4, "big")
    target.write_bytes(bytes(data))


FOREIGN = {
    "random bytes": (
        lambda t: t.write_bytes(os.urandom(8192)),
        NotAProjectError,
        "not a Ficwright",
    ),
    "empty file": (lambda t: t.write_bytes(b""), NotAProjectError, "empty"),
    "text file": (
        lambda t: t.write_text("Chapter 1\n\nIt was a dark and stormy night.\n" * 20),
        NotAProjectError,
        "not a Ficwright",
    ),
    "short file with the SQLite magic": (
        lambda t: t.write_bytes(schema.SQLITE_MAGIC + b"\0" * 10),
        NotAProjectError,
        "not a Ficwright",
    ),
    "database of another program": (
        _sqlite_from_another_program,
        NotAProjectError,
        "another program",
    ),
    "newer Ficwright": (_newer_ficwright, NewerVersionError, "newer version of Ficwright"),
}


@pytest.mark.parametrize("kind", FOREIGN)
def test_foreign_file_is_refused_and_left_byte_identical(tmp_path: Path, kind: str) -> None:
    make, error, message = FOREIGN[kind]
    target = tmp_path / "foreign.ficwright"
    make(target)
    before = target.read_bytes()
    mtime = target.stat().st_mtime_ns

    with pytest.raises(error, match=message) as caught:
        Project.open(target)

    assert "foreign.ficwright" in str(caught.value)
    assert target.read_bytes() == before
    assert target.stat().st_mtime_ns == mtime
    assert side_files(target) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foreign.ficwright"]


def test_newer_version_via_pragma_names_both_versions(tmp_path: Path) -> None:
    target = tmp_path / "future.ficwright"
    Project.create(target, "T").close()
    conn = sqlite3.connect(target)
    conn.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 7}")
    conn.close()
    before = target.read_bytes()

    with pytest.raises(NewerVersionError) as caught:
        Project.open(target)

    assert f"format {schema.CURRENT_VERSION + 7}" in str(caught.value)
    assert f"up to {schema.CURRENT_VERSION}" in str(caught.value)
    assert target.read_bytes() == before
    assert side_files(target) == []


def test_a_folder_is_not_a_project(tmp_path: Path) -> None:
    folder = tmp_path / "Drafts.ficwright"
    folder.mkdir()
    with pytest.raises(NotAProjectError, match="is a folder"):
        Project.open(folder)
    assert list(folder.iterdir()) == []
    assert side_files(folder) == []


def test_a_missing_path_is_reported_and_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "gone.ficwright"
    with pytest.raises(ProjectError, match="does not exist"):
        Project.open(missing)
    assert list(tmp_path.iterdir()) == []


def _damaged(target: Path, how: str) -> None:
    p = Project.create(target, "Damaged")
    p.add_chapter("C", "<p>" + "words " * 5000 + "</p>", 5000)
    for i in range(5):
        p.add_chapter(f"C{i}", "<p>" + "more " * 2000 + "</p>", 2000)
    p.close()
    data = target.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    assert len(data) > 3 * page
    if how == "truncated":
        target.write_bytes(data[: page + 100])
    else:  # every page after the first overwritten with garbage
        target.write_bytes(data[:page] + os.urandom(len(data) - page))


@pytest.mark.parametrize("how", ["truncated", "garbage pages"])
def test_damaged_project_is_reported_as_damaged(tmp_path: Path, how: str) -> None:
    target = tmp_path / "damaged.ficwright"
    Project.create(target, "x").close()  # just to learn the file works at all
    target.unlink()
    _damaged(target, how)

    before = target.read_bytes()

    with pytest.raises(DamagedProjectError, match="damaged") as caught:
        Project.open(target)

    assert "damaged.ficwright" in str(caught.value)
    assert target.read_bytes() == before  # nothing written into a file someone may rescue
    # The connection was closed, even though the traceback is still alive.
    assert open_handles(target) == []
    wal = Path(f"{target}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


# -- chapters ---------------------------------------------------------------------------


def test_add_chapter_at_a_position_shifts_the_later_ones(project: Project) -> None:
    first = project.chapters()[0].id
    project.rename_chapter(first, "One")
    project.add_chapter("Three")
    project.add_chapter("Two", position=1)
    project.add_chapter("Zero", position=0)
    project.add_chapter("Last", position=99)
    project.add_chapter("Also first", position=-5)

    assert titles(project) == ["Also first", "Zero", "One", "Two", "Three", "Last"]
    assert positions(project) == [0, 1, 2, 3, 4, 5]


def test_set_order_keeps_positions_without_gaps(project: Project) -> None:
    a = project.chapters()[0].id
    b = project.add_chapter("B")
    c = project.add_chapter("C")
    project.rename_chapter(a, "A")

    project.set_order([c, a, b])

    assert titles(project) == ["C", "A", "B"]
    assert positions(project) == [0, 1, 2]


@pytest.mark.parametrize(
    "order",
    [
        pytest.param(lambda a, b, c: [a, b], id="missing one"),
        pytest.param(lambda a, b, c: [a, b, b, c], id="one twice"),
        pytest.param(lambda a, b, c: [a, b, c, 999], id="unknown id"),
        pytest.param(lambda a, b, c: [a, a, b], id="duplicate instead of one"),
        pytest.param(lambda a, b, c: [], id="empty"),
    ],
)
def test_set_order_rejects_an_incomplete_order_and_changes_nothing(
    path: Path, project: Project, order
) -> None:  # type: ignore[no-untyped-def]
    a = project.chapters()[0].id
    b = project.add_chapter("B")
    c = project.add_chapter("C")
    project.rename_chapter(a, "A")
    modified = project.work().modified

    with pytest.raises(ValueError, match="every chapter once"):
        project.set_order(order(a, b, c))

    assert titles(project) == ["A", "B", "C"]
    assert positions(project) == [0, 1, 2]
    assert project.work().modified == modified
    # The failed attempt left no transaction open: the next save works.
    project.set_order([b, c, a])
    assert titles(project) == ["B", "C", "A"]


def test_move_chapter(project: Project) -> None:
    a = project.chapters()[0].id
    project.rename_chapter(a, "A")
    project.add_chapter("B")
    project.add_chapter("C")

    project.move_chapter(a, 2)
    assert titles(project) == ["B", "C", "A"]
    project.move_chapter(a, 0)
    assert titles(project) == ["A", "B", "C"]
    assert positions(project) == [0, 1, 2]


def test_deleted_chapter_keeps_its_text_in_the_file(path: Path, project: Project) -> None:
    a = project.chapters()[0].id
    project.rename_chapter(a, "A")
    b = project.add_chapter("B", "<p>the scene I might want back</p>", 6)
    project.add_chapter("C")

    project.delete_chapter(b)

    assert titles(project) == ["A", "C"]
    assert positions(project) == [0, 1]
    assert project.body(b) == "<p>the scene I might want back</p>"
    project.close()
    rows = raw(path, "SELECT body, deleted FROM chapters WHERE id = ?", (b,))
    assert rows[0][0] == "<p>the scene I might want back</p>"
    assert rows[0][1] is not None


def test_restore_puts_a_deleted_chapter_back_where_it_was(project: Project) -> None:
    a = project.chapters()[0].id
    project.rename_chapter(a, "A")
    b = project.add_chapter("B", "<p>b</p>", 1)
    project.add_chapter("C")
    position = project.chapter(b).position

    project.delete_chapter(b)
    project.restore_chapter(b, position)

    assert titles(project) == ["A", "B", "C"]
    assert positions(project) == [0, 1, 2]
    assert project.body(b) == "<p>b</p>"


def test_deleting_twice_is_a_key_error(project: Project) -> None:
    b = project.add_chapter("B")
    project.delete_chapter(b)
    with pytest.raises(KeyError):
        project.delete_chapter(b)
    assert len(project.chapters()) == 1


@pytest.mark.parametrize("target", ["in the work", "unknown"])
def test_restore_of_a_chapter_not_in_the_bin_changes_nothing(project: Project, target: str) -> None:
    a = project.chapters()[0].id
    project.rename_chapter(a, "A")
    b = project.add_chapter("B")
    project.add_chapter("C")
    chapter_id = b if target == "in the work" else 999

    with pytest.raises(KeyError):
        project.restore_chapter(chapter_id, 0)

    assert titles(project) == ["A", "B", "C"]
    assert positions(project) == [0, 1, 2]


def test_unknown_chapter_reads_are_key_errors(project: Project) -> None:
    with pytest.raises(KeyError):
        project.body(999)
    with pytest.raises(KeyError):
        project.chapter(999)


def test_saving_to_a_missing_chapter_is_a_save_error_not_a_silent_loss(
    project: Project,
) -> None:
    with pytest.raises(SaveError):
        project.save_body(999, "<p>an hour of writing</p>", 4)


# -- one transaction per save ------------------------------------------------------------


def _fail_body_updates(project: Project, how: str) -> None:
    project._conn.execute(
        "CREATE TRIGGER no_saves BEFORE UPDATE OF body ON chapters "
        f"BEGIN SELECT RAISE({how}, 'disk full (simulated)'); END"
    )


@pytest.mark.parametrize("how", ["ABORT", "ROLLBACK", "FAIL"])
def test_a_failing_save_rolls_back_and_raises_save_error(
    path: Path, project: Project, how: str
) -> None:
    cid = project.chapters()[0].id
    project.save_body(cid, "<p>old text</p>", 2)
    modified = project.work().modified
    _fail_body_updates(project, how)

    with pytest.raises(SaveError, match="disk full") as caught:
        project.save_body(cid, "<p>new text</p>", 2)

    assert "still in the editor" in str(caught.value)
    assert project.body(cid) == "<p>old text</p>"
    assert project.work().modified == modified
    assert not project._conn.in_transaction
    # The connection is still usable for other writes.
    project.rename_chapter(cid, "Renamed")
    project.close()
    assert raw(path, "SELECT body, title FROM chapters WHERE id = ?", (cid,)) == [
        ("<p>old text</p>", "Renamed")
    ]


def test_a_failing_add_leaves_positions_untouched(project: Project) -> None:
    a = project.chapters()[0].id
    project.rename_chapter(a, "A")
    project.add_chapter("B")
    project._conn.execute(
        "CREATE TRIGGER no_inserts BEFORE INSERT ON chapters "
        "BEGIN SELECT RAISE(ABORT, 'read-only (simulated)'); END"
    )

    with pytest.raises(SaveError):
        project.add_chapter("New", position=0)

    assert titles(project) == ["A", "B"]
    assert positions(project) == [0, 1]


def test_save_while_another_writer_holds_the_lock_is_a_save_error(
    path: Path, project: Project
) -> None:
    cid = project.chapters()[0].id
    project._conn.execute("PRAGMA busy_timeout = 0")
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(SaveError):
            project.save_body(cid, "<p>x</p>", 1)
        other.execute("ROLLBACK")
    finally:
        other.close()
    project.save_body(cid, "<p>x</p>", 1)
    assert project.body(cid) == "<p>x</p>"


def test_every_write_is_one_transaction(project: Project) -> None:
    statements: list[str] = []
    project._conn.set_trace_callback(statements.append)
    cid = project.chapters()[0].id

    project.save_body(cid, "<p>a</p>", 1)
    project.add_chapter("B", position=0)
    project.rename_chapter(cid, "A")
    project.delete_chapter(cid)
    project.restore_chapter(cid, 0)
    project.set_title("New title")
    project.set_order([c.id for c in project.chapters()][::-1])

    begins = [s for s in statements if s.startswith("BEGIN")]
    commits = [s for s in statements if s == "COMMIT"]
    assert len(begins) == len(commits) == 7


def test_text_survives_exactly(path: Path, project: Project) -> None:
    cid = project.chapters()[0].id
    body = "<p>nul\x00 tab\t cr\r emoji 🐉 rtl שלום e\u0301 zw\u200b</p>"
    project.save_body(cid, body, 7)
    project.close()
    reopened = Project.open(path)
    try:
        assert reopened.body(cid) == body
    finally:
        reopened.close()

"""Snapshots of chapters: taken automatically and by hand, listed, restored.

Restoring is itself undoable: the text being replaced becomes a snapshot first, in the
same transaction as the restore.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from editor.store.project import Project, now

AUTO_INTERVAL = timedelta(minutes=10)  # at most one automatic snapshot per chapter per interval
KINDS = ("auto", "manual", "import", "restore", "replace")


@dataclass(frozen=True, slots=True)
class Snapshot:
    id: int
    chapter_id: int
    created: str
    kind: str
    name: str
    title: str
    body: str
    words: int


_COLUMNS = "id, chapter_id, created, kind, name, title, body, words"


def take(project: Project, chapter_id: int, kind: str, name: str = "") -> int:
    """Snapshot the chapter as stored now (save the editor first)."""
    if kind not in KINDS:
        raise ValueError(kind)
    with project.transaction() as c:
        return _take(c, chapter_id, kind, name)


def _take(c, chapter_id: int, kind: str, name: str) -> int:  # type: ignore[no-untyped-def]
    # Copied inside SQLite: a 10 MB chapter never passes through Python (decoding and
    # encoding it holds the interpreter lock, which the window waits for).
    cur = c.execute(
        "INSERT INTO snapshots(chapter_id, created, kind, name, title, body, words) "
        "SELECT id, ?, ?, ?, title, body, words FROM chapters WHERE id = ?",
        (now(), kind, name, chapter_id),
    )
    if cur.rowcount != 1:
        raise KeyError(chapter_id)
    return int(cur.lastrowid)


def take_auto(project: Project, chapter_id: int) -> int | None:
    """An automatic snapshot, unless one was taken within AUTO_INTERVAL (or nothing changed)."""
    last = project.connection.execute(
        "SELECT s.created, s.body = c.body FROM snapshots s JOIN chapters c ON c.id = s.chapter_id "
        "WHERE s.chapter_id = ? ORDER BY s.created DESC, s.id DESC",
        (chapter_id,),
    ).fetchone()
    if last is not None:
        if datetime.fromisoformat(last[0]) > datetime.fromisoformat(now()) - AUTO_INTERVAL:
            return None
        if last[1]:
            return None
    return take(project, chapter_id, "auto")


def has_text(project: Project, chapter_id: int) -> bool:
    """The stored chapter holds more than white space (asked of SQLite: see ``_take``)."""
    row = project.connection.execute(
        "SELECT trim(body, char(32, 9, 10, 13)) != '' FROM chapters WHERE id = ?", (chapter_id,)
    ).fetchone()
    return bool(row and row[0])


def take_all(project: Project, kind: str, name: str = "") -> list[int]:
    """Every chapter at once (before an import or a replace across the work)."""
    with project.transaction() as c:
        ids = [r[0] for r in c.execute("SELECT id FROM chapters WHERE deleted IS NULL")]
        return [_take(c, cid, kind, name) for cid in ids]


def snapshots(project: Project, chapter_id: int) -> list[Snapshot]:
    """Newest first."""
    rows = project.connection.execute(
        f"SELECT {_COLUMNS} FROM snapshots WHERE chapter_id = ? ORDER BY created DESC, id DESC",
        (chapter_id,),
    )
    return [Snapshot(*row) for row in rows]


def snapshot(project: Project, snapshot_id: int) -> Snapshot:
    row = project.connection.execute(
        f"SELECT {_COLUMNS} FROM snapshots WHERE id = ?", (snapshot_id,)
    ).fetchone()
    if row is None:
        raise KeyError(snapshot_id)
    return Snapshot(*row)


def restore(project: Project, snapshot_id: int) -> int:
    """Put a snapshot's text back; the current text becomes a snapshot first (returned id)."""
    shot = snapshot(project, snapshot_id)
    with project.transaction() as c:
        kept = _take(c, shot.chapter_id, "restore", f"Before restoring {shot.created}")
        c.execute(
            "UPDATE chapters SET body = ?, words = ?, modified = ? WHERE id = ?",
            (shot.body, shot.words, now(), shot.chapter_id),
        )
    return kept


def rename(project: Project, snapshot_id: int, name: str) -> None:
    with project.transaction() as c:
        c.execute("UPDATE snapshots SET name = ? WHERE id = ?", (name, snapshot_id))

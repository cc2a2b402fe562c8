"""Everything that still reads in a damaged work, copied into a new one.

A damaged page stops a table scan where it lies, but the rows past it may still read one by
one: each lookup by rowid takes its own path through the table's tree. A chapter whose row
does not read whole keeps what does (its title, its place), and takes its text from its
newest snapshot that reads; a chapter known only from the order index or its snapshots
comes back too. Nothing is written into the damaged file; the new work is written under a
temporary name and renamed into place, so a failure never leaves half of it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from editor.store.errors import DamagedProjectError
from editor.store.project import HOLDS, Project, now

# Tables the new work makes for itself, or that would make it pose as the damaged one.
_SKIP = {"schema_version", "save_token", "sqlite_sequence", "work", "chapters"}
# After a run of rowids that are simply absent, the table is taken to have ended.
_GAP = 2_000
_CHAPTER_DEFAULTS = {
    "title": "",
    "body": "",
    "words": 0,
    "summary": "",
    "notes_begin": "",
    "notes_end": "",
    "warnings": "[]",
}


@dataclass
class Salvaged:
    """What the new work holds, by chapter title, and what could not be read."""

    path: Path
    chapters: list[str] = field(default_factory=list)  # in order
    from_snapshots: list[str] = field(default_factory=list)  # text taken from a snapshot
    lost: list[str] = field(default_factory=list)  # no text could be read at all
    incomplete: list[str] = field(default_factory=list)  # what lost rows, as the author says


def salvage(damaged: Path, target: Path) -> Salvaged:
    """Copy what reads of ``damaged`` into a new work at ``target`` (which must not exist)."""
    target = Path(target)
    partial = target.with_name(f".{target.name}.part")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    with closing(_open(damaged)) as source:
        try:
            title = _title(source, damaged)
            created = Project.create(partial, title)
        except sqlite3.Error as e:
            raise DamagedProjectError(f"Nothing of “{damaged.name}” can be read ({e}).") from e
        try:
            with created.transaction() as c:
                result = _copy(source, c, target)
            created.close()
            with closing(sqlite3.connect(partial)) as conn:
                conn.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
            if target.exists():
                raise FileExistsError(f"“{target.name}” already exists.")
            os.replace(partial, target)
        except BaseException:
            created.close()
            with suppress(OSError):
                partial.unlink(missing_ok=True)
            raise
    return result


def _open(path: Path) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        conn.execute("SELECT name FROM sqlite_master").fetchall()
    except sqlite3.OperationalError:
        conn.close()  # no -shm beside it, in a read-only folder: read the file as it stands
        conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
    except sqlite3.DatabaseError:
        pass  # the schema itself is damaged: _title says so
    return conn


def _title(source: sqlite3.Connection, damaged: Path) -> str:
    try:
        row = source.execute("SELECT title FROM work WHERE id = 1").fetchone()
    except sqlite3.DatabaseError:
        source.execute("SELECT name FROM sqlite_master").fetchall()  # raises if nothing reads
        row = None
    return str(row[0]) if row else damaged.stem


def _copy(source: sqlite3.Connection, c: sqlite3.Connection, target: Path) -> Salvaged:
    result = Salvaged(target)
    with suppress(sqlite3.DatabaseError):
        created, modified = source.execute(
            "SELECT created, modified FROM work WHERE id = 1"
        ).fetchone()
        c.execute("UPDATE work SET created = ?, modified = ? WHERE id = 1", (created, modified))
    tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        if table in _SKIP:
            continue
        columns = _shared_columns(source, c, table)
        if not columns:
            continue
        names = ", ".join(f'"{n}"' for n in columns)
        places = ", ".join("?" for _ in columns)
        rows, complete = _rows(source, table, columns)
        c.executemany(f'INSERT OR REPLACE INTO "{table}" ({names}) VALUES ({places})', rows)
        if not complete:
            result.incomplete.append(HOLDS.get(table, table))
    _copy_chapters(source, c, result)
    return result


def _shared_columns(source: sqlite3.Connection, c: sqlite3.Connection, table: str) -> list[str]:
    ours = [r[1] for r in c.execute(f'PRAGMA table_info("{table}")')]
    try:
        theirs = {r[1] for r in source.execute(f'PRAGMA table_info("{table}")')}
    except sqlite3.DatabaseError:
        return []
    return [n for n in ours if n in theirs]


def _rows(source: sqlite3.Connection, table: str, columns: list[str]) -> tuple[list[tuple], bool]:
    """Every row of ``table`` that reads whole, and whether none was lost."""
    names = ", ".join(f'"{n}"' for n in columns)
    found: dict[int, tuple] = {}
    complete = True
    try:
        for row in source.execute(f'SELECT rowid, {names} FROM "{table}"'):
            found[row[0]] = row[1:]
        return list(found.values()), True
    except sqlite3.DatabaseError:
        pass  # the scan stopped at a damaged page: the rest, row by row
    for rowid, row in _probe(source, f'SELECT {names} FROM "{table}" WHERE rowid = ?', found):
        if row is None:
            complete = False
        else:
            found[rowid] = row
    return list(found.values()), complete


def _probe(
    source: sqlite3.Connection, query: str, known: dict[int, tuple]
) -> Iterator[tuple[int, tuple | None]]:
    """Rows past the ones ``known``, one rowid at a time: (rowid, row), or (rowid, None)
    where a row is there but does not read. Stops ``_GAP`` rowids past the last row read."""
    last_known = max(known, default=0)
    rowid = 0
    misses = 0
    while rowid < last_known or misses < _GAP:
        rowid += 1
        if rowid in known:
            misses = 0
            continue
        try:
            row = source.execute(query, (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            misses += 1
            yield rowid, None
            continue
        if row is None:
            misses += 1
        else:
            misses = 0
            yield rowid, tuple(row)


def _copy_chapters(source: sqlite3.Connection, c: sqlite3.Connection, result: Salvaged) -> None:
    columns = _shared_columns(source, c, "chapters")
    if "id" not in columns:
        result.incomplete.append(HOLDS["chapters"])
        return
    rows, complete = _rows(source, "chapters", columns)
    if not complete:
        result.incomplete.append(HOLDS["chapters"])
    chapters = {row[columns.index("id")]: dict(zip(columns, row, strict=True)) for row in rows}
    live_order, order_complete = _live_order(source)
    # A chapter whose row does not read whole: what of it does, column by column.
    for cid in set(live_order) | _snapshot_chapters(c):
        if cid not in chapters:
            chapters[cid] = _columns_that_read(source, cid, columns)
    stamp = now()
    live: list[dict] = []
    for cid, chapter in chapters.items():
        if "deleted" not in chapter:
            # Not in a complete order index: it had been deleted (its snapshots remain).
            chapter["deleted"] = None if cid in live_order or not order_complete else stamp
        if chapter["deleted"] is None:
            live.append(chapter)
        _fill(c, cid, chapter, result)
    # Their own order first (from the row, or the order index), then the rest.
    live.sort(key=lambda ch: (live_order.get(ch["id"], ch.get("position", 1 << 30)), ch["id"]))
    for position, chapter in enumerate(live):
        chapter["position"] = position
        result.chapters.append(chapter["title"])
    stamp_created = {"created": stamp, "modified": stamp}
    for chapter in chapters.values():
        chapter.setdefault("position", -1)
        row = {**_CHAPTER_DEFAULTS, **stamp_created, **chapter}
        names = [n for n in columns if n in row]
        c.execute(
            f"INSERT INTO chapters ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
            [row[n] for n in names],
        )


def _live_order(source: sqlite3.Connection) -> tuple[dict[int, int], bool]:
    """Chapter id -> position of the live chapters, read from the order index alone (the
    table may not read), and whether it read to its end."""
    order: dict[int, int] = {}
    try:
        for cid, position in source.execute(
            "SELECT id, position FROM chapters INDEXED BY idx_chapters_deleted_position "
            "WHERE deleted IS NULL ORDER BY position"
        ):
            order[cid] = position
    except sqlite3.DatabaseError:
        return order, False
    return order, True


def _snapshot_chapters(c: sqlite3.Connection) -> set[int]:
    return {r[0] for r in c.execute("SELECT DISTINCT chapter_id FROM snapshots")}


def _columns_that_read(source: sqlite3.Connection, cid: int, columns: list[str]) -> dict:
    chapter: dict = {"id": cid}
    for name in columns:
        with suppress(sqlite3.DatabaseError):
            row = source.execute(f'SELECT "{name}" FROM chapters WHERE id = ?', (cid,)).fetchone()
            if row is not None:
                chapter[name] = row[0]
    return chapter


def _fill(c: sqlite3.Connection, cid: int, chapter: dict, result: Salvaged) -> None:
    """A title and a text for a chapter that lost them: its newest snapshot's, if any."""
    newest = c.execute(
        "SELECT title, body, words, created FROM snapshots WHERE chapter_id = ? "
        "ORDER BY created DESC LIMIT 1",
        (cid,),
    ).fetchone()
    if not chapter.get("title"):
        chapter["title"] = newest[0] if newest else f"Damaged chapter {cid}"
    if "body" in chapter:
        return
    if newest is None:
        chapter["body"] = ""
        chapter["words"] = 0
        if chapter.get("deleted") is None:
            result.lost.append(chapter["title"])
        return
    chapter["body"], chapter["words"] = newest[1], newest[2]
    if chapter.get("deleted") is None:
        result.from_snapshots.append(chapter["title"])

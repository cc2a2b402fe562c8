"""A work on disk: one SQLite file, opened, read and saved one transaction at a time."""

from __future__ import annotations

import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from editor.model import Chapter, ChapterInfo, ChapterMeta, Work, WorkMeta
from editor.store import fields, schema
from editor.store.checkpoint import Checkpointer
from editor.store.errors import (
    DamagedProjectError,
    FileReplacedError,
    NewerVersionError,
    NotAProjectError,
    ProjectError,
    ReadOnlyError,
    SaveError,
)
from editor.store.lock import WorkLock

EXTENSION = ".ficwright"
# The integrity check on open reads every page; past this it gives up and trusts the file
# (a work too big to check in that time is rare, and opening it must not take longer).
QUICK_CHECK_S = 2.0
WORK_WORD = "work"  # kinds of row in the words table
IGNORED_WORD = "ignore"
DAMAGED_BODY = "<p>[This chapter is in a damaged part of the file and cannot be read.]</p>"


@dataclass(slots=True)
class Changes:
    """What one autosave writes: chapter bodies, work fields and chapter fields by name."""

    # id -> (body, words); the body as UTF-8 bytes from the autosave worker (editor/saver.py),
    # which must not encode 10 MB in one call: SQLite stores it as the same text.
    bodies: dict[int, tuple[str | bytes, int]] = field(default_factory=dict)
    work: dict[str, Any] = field(default_factory=dict)
    chapters: dict[int, dict[str, Any]] = field(default_factory=dict)
    # Day (ISO) -> words added and removed, added to the writing statistics: figures, not
    # the author's text, so they make no change unsaved (``bool`` ignores them).
    progress: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.bodies or self.work or self.chapters)


@dataclass(frozen=True, slots=True)
class NewChapter:
    """A chapter to add with its own front matter (ChapterMeta fields by name)."""

    title: str
    body: str = ""
    words: int = 0
    fields: dict[str, Any] = field(default_factory=dict)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _writable(path: Path) -> bool:
    """Can this process write the file (and its WAL beside it)? Asked of the OS, not the
    permission bits: root can write a 0444 file, nobody can write an immutable one."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    os.close(fd)
    return os.access(path.parent, os.W_OK)


def check_integrity(conn: sqlite3.Connection, name: str) -> str:
    """ "" if SQLite's quick_check finds the file sound (or runs out of time), else what is
    damaged, in a sentence for the author."""
    deadline = time.monotonic() + QUICK_CHECK_S
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.OperationalError as e:
        rows = [] if "interrupt" in str(e) else [str(e)]
    except sqlite3.DatabaseError as e:
        rows = [str(e)]
    finally:
        conn.set_progress_handler(None, 0)
    if rows in ([], ["ok"]):
        return ""
    return f"“{name}” is damaged ({_what_is_damaged(conn, rows)})."


# What each table holds, as the author knows it.
HOLDS = {
    "chapters": "chapter text",
    "work": "the work's title",
    "work_fields": "the work's details",
    "snapshots": "snapshots",
    "posts": "the posting log",
    "words": "the work's dictionary",
    "replaced_fields": "Replace All records",
    "daily_words": "writing statistics",
}


def _what_is_damaged(conn: sqlite3.Connection, problems: list[str]) -> str:
    """Which of the work's tables cannot be read through, where the schema still reads."""
    damaged: list[str] = []
    try:
        tables = [
            str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
    except sqlite3.Error:
        return "its list of tables cannot be read"
    deadline = time.monotonic() + QUICK_CHECK_S
    for table in tables:
        if time.monotonic() > deadline:
            break
        try:
            for _row in conn.execute(f'SELECT * FROM "{table}"'):  # a name from the file itself
                pass
        except sqlite3.DatabaseError:
            damaged.append(HOLDS.get(table, table))
    if damaged:
        return "unreadable: " + ", ".join(dict.fromkeys(damaged))
    first = problems[0].replace("*** in database main ***", "").strip().splitlines()
    detail = first[0] if first else "its integrity check failed"
    return f"an index or a free page: {detail}; every table still reads"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def inspect_header(path: Path) -> int:
    """The schema version of a Ficwright file, judged from its header alone.

    Reads 100 bytes and writes nothing, so a foreign file is left exactly as it was.
    """
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except IsADirectoryError:
        raise NotAProjectError(f"“{path.name}” is a folder, not a Ficwright project.") from None
    except FileNotFoundError:
        raise ProjectError(f"“{path}” does not exist.") from None
    except PermissionError:
        raise ProjectError(f"You do not have permission to read “{path.name}”.") from None
    if not header:
        raise NotAProjectError(f"“{path.name}” is empty: it is not a Ficwright project.")
    if len(header) < 100 or not header.startswith(schema.SQLITE_MAGIC):
        raise NotAProjectError(f"“{path.name}” is not a Ficwright project.")
    app_id = int.from_bytes(header[68:72], "big")
    version = int.from_bytes(header[60:64], "big")
    if app_id != schema.APPLICATION_ID:
        raise NotAProjectError(
            f"“{path.name}” is a database made by another program, not a Ficwright project."
        )
    if version > schema.CURRENT_VERSION:
        raise NewerVersionError(
            f"“{path.name}” was saved by a newer version of Ficwright "
            f"(format {version}; this version reads up to {schema.CURRENT_VERSION}). "
            "Update Ficwright to open it."
        )
    return version


class Project:
    """An open work. Every public method that writes is one transaction."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, *, lock: WorkLock | None = None
    ) -> None:
        self.path = path
        self._conn = conn
        self._lock = lock
        self.read_only = lock is None
        self.damage = ""  # what the integrity check found wrong: the work is read-only then
        self._identity = _identity(path)
        # Written with every save and read back from the disk before the next: a file
        # rewritten in place (cp over it: same inode) has another, or none.
        self._token: str | None = None
        self._token_table = False
        self._checkpointer: Checkpointer | None = None
        # A big save runs on a worker thread (editor/saver.py) over this same connection:
        # every other write, and every copy of the file, waits for it to end.
        self._writing = threading.RLock()
        if lock is not None:
            self._token = self._disk_token()
            with suppress(sqlite3.Error):  # without it, close() still empties the WAL
                self._checkpointer = Checkpointer(path)

    # -- opening -----------------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike[str], title: str) -> Project:
        """A new work with no chapters yet. Refuses to overwrite an existing file."""
        path = Path(path)
        if path.exists():
            raise ProjectError(f"“{path.name}” already exists.")
        try:
            conn = cls._connect(path, new=True)
        except sqlite3.Error as e:
            raise ProjectError(f"Could not create “{path.name}”: {e}.") from e
        try:
            lock = WorkLock.acquire(path)
        except BaseException:
            conn.close()
            path.unlink(missing_ok=True)
            raise
        project = cls(path, conn, lock=lock)
        try:
            schema.migrate(conn, 0)
            stamp = now()
            with project._transaction():
                conn.execute(
                    "INSERT INTO work(id, title, created, modified) VALUES (1, ?, ?, ?)",
                    (title, stamp, stamp),
                )
            # Put the application id into the main file now, so the header check passes
            # even if the process dies before SQLite's own checkpoint. (After the background
            # one the save asked for: run together, one of them finds the WAL busy.)
            project.wait_checkpointed(5)
            project._checkpoint_now()
        except BaseException:
            project.close()
            path.unlink(missing_ok=True)
            raise
        return project

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> Project:
        """Open for writing (taking the work's lock), or read-only.

        A file that cannot be written (permissions, a read-only disk) opens read-only.
        Raises LockedError when another window or process has the work open.
        """
        path = Path(path)
        version = inspect_header(path)
        if read_only or not _writable(path):
            return cls._open_read_only(path, version)
        lock = WorkLock.acquire(path)
        conn: sqlite3.Connection | None = None
        try:
            conn = cls._connect(path)
            if check_integrity(conn, path.name):
                # Writing into a damaged file can spread the damage: read it only.
                conn.close()
                lock.release()
                return cls._open_read_only(path, version)
            if version < schema.CURRENT_VERSION:
                schema.migrate(conn, version)
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            row = conn.execute("SELECT title FROM work WHERE id = 1").fetchone()
        except sqlite3.DatabaseError as e:
            # Close now: a connection kept alive by the traceback holds the file open
            # and leaves its -wal and -shm files behind.
            if conn is not None:
                conn.close()
            lock.release()
            try:
                return cls._open_read_only(path, version)  # what still reads, read-only
            except ProjectError:
                pass
            raise DamagedProjectError(
                f"“{path.name}” is damaged and cannot be opened ({e})."
            ) from e
        except BaseException:
            if conn is not None:
                conn.close()
            lock.release()
            raise
        if row is None:
            conn.close()
            lock.release()
            raise DamagedProjectError(f"“{path.name}” is damaged: it holds no work.")
        return cls(path, conn, lock=lock)

    @classmethod
    def _open_read_only(cls, path: Path, version: int) -> Project:
        if version < schema.CURRENT_VERSION:
            raise ProjectError(
                f"“{path.name}” was saved by an older version of Ficwright and must be updated, "
                "but it cannot be written to. Make it writable (or copy it) and open it again."
            )
        uri = f"file:{quote(str(path.resolve()))}?mode=ro"
        conn: sqlite3.Connection | None = None
        try:
            try:
                conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
                row = conn.execute("SELECT title FROM work WHERE id = 1").fetchone()
            except sqlite3.OperationalError as e:
                if "malformed" in str(e) or "not a database" in str(e):
                    raise
                # No -shm beside a read-only file in a read-only folder: read it as it stands.
                if conn is not None:
                    conn.close()
                conn = sqlite3.connect(
                    uri + "&immutable=1", uri=True, isolation_level=None, check_same_thread=False
                )
                row = conn.execute("SELECT title FROM work WHERE id = 1").fetchone()
            damage = check_integrity(conn, path.name)
        except sqlite3.DatabaseError as e:
            if conn is not None:
                conn.close()
            raise DamagedProjectError(
                f"“{path.name}” is damaged and cannot be opened ({e})."
            ) from e
        if row is None:
            conn.close()
            raise DamagedProjectError(f"“{path.name}” is damaged: it holds no work.")
        project = cls(path, conn)
        project.damage = damage
        return project

    @staticmethod
    def _connect(path: Path, *, new: bool = False) -> sqlite3.Connection:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            if new:
                # Before the first page is written: pages freed by pruning can then be given
                # back in steps (store/retention.py), never by rewriting the whole file.
                conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
            conn.execute("PRAGMA busy_timeout = 2000")
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL: a commit is in the WAL without waiting for the disk, which survives
            # any crash of the app; the fsync that makes it survive a power cut too is the
            # checkpoint's, which store/checkpoint.py runs on its own thread right after
            # each save. FULL put that fsync (10-30 ms on a busy disk) on the UI thread,
            # once a second while someone types.
            conn.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            conn.close()  # a damaged file fails here already
            raise
        return conn

    def _checkpoint_now(self, timeout: float = 10.0) -> bool:
        """Copy the WAL into the main file now; True once it was. A checkpoint that finds
        the WAL busy (the checkpointer's own, running late on a loaded machine) returns at
        once having copied nothing: try again until the deadline."""
        deadline = time.monotonic() + timeout
        while True:
            busy = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if not busy:
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None
        if not self.read_only and not self.rewritten():
            # A busy or read-only file keeps its WAL; SQLite replays it next time. A file
            # rewritten in place is theirs: our WAL must not be copied onto it.
            with suppress(sqlite3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def replaced(self) -> bool:
        """True if another program replaced, moved, deleted or rewrote the file since it was
        opened (or since our last save)."""
        return self.moved() or self.rewritten()

    def moved(self) -> bool:
        """True if the name no longer leads to the file we opened (replaced by a rename,
        moved, deleted). Our connection still holds our file: what we saved can be copied."""
        return _identity(self.path) != self._identity

    def rewritten(self) -> bool:
        """True if another program wrote other contents into our very file (same inode): the
        file is theirs now, and our connection's view of it is stale."""
        return not self.read_only and not self.moved() and self._disk_token() != self._token

    def _disk_token(self) -> str | None:
        """The save token in the file as it is on disk now, read through a connection of its
        own: ours keeps pages in memory and would not see a file rewritten behind SQLite."""
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        try:
            probe = sqlite3.connect(uri, uri=True, isolation_level=None)
        except sqlite3.Error:
            return "unreadable"
        try:
            row = probe.execute("SELECT token FROM save_token WHERE id = 1").fetchone()
        except sqlite3.OperationalError as e:
            # No table: a file no save of this version has written to yet.
            return None if "no such table" in str(e) else "unreadable"
        except sqlite3.Error:
            return "unreadable"
        finally:
            probe.close()
        return None if row is None else str(row[0])

    def save_copy(self, target: str | os.PathLike[str]) -> Path:
        """A consistent copy of the work as last saved, at ``target``: a file on its own.

        SQLite's online backup reads a snapshot even from a file another program has since
        replaced (this connection still holds the original). Written beside ``target`` and
        moved into place, so a failure never leaves half a copy under that name.
        """
        target = Path(target)
        partial = target.with_name(f".{target.name}.part")
        partial.unlink(missing_ok=True)
        dest = sqlite3.connect(partial)
        try:
            with self._writing:  # not in the middle of a save on the worker
                self._conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # no WAL beside a copy
        except BaseException:
            dest.close()
            partial.unlink(missing_ok=True)
            raise
        dest.close()
        os.replace(partial, target)
        return target

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """For the store's own modules (history, posting): one write transaction."""
        return self._transaction()

    @property
    def connection(self) -> sqlite3.Connection:
        """For the store's own modules: reads, and SQLite's online backup."""
        return self._conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._writing:
            yield from self._transaction_locked()

    def _transaction_locked(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise ReadOnlyError(
                f"“{self.path.name}” is open read-only: changes cannot be saved. "
                "Your text is still in the editor."
            )
        if self.moved():
            # A sync client or another program put a different file here: writing now
            # would go to the old, unlinked file or clobber theirs. Our WAL beside their
            # file would be replayed onto it if we died: empty it into our own file now.
            with suppress(sqlite3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            raise FileReplacedError(self._replaced_message())
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise SaveError(self._save_failure(e)) from e
        # Checked inside the write lock, before a page is written: our cached pages of a file
        # rewritten in place, written back, would mix our version into theirs. (No checkpoint
        # here: our WAL would be copied onto their file.)
        if self._disk_token() != self._token:
            self._rollback()
            raise FileReplacedError(self._replaced_message())
        token = secrets.token_hex(8)
        try:
            yield self._conn
            self._write_token(token)
            self._conn.execute("COMMIT")
        except sqlite3.Error as e:
            self._rollback()
            raise SaveError(self._save_failure(e)) from e
        except BaseException:
            self._rollback()
            raise
        self._token = token
        self._token_table = True
        if self._checkpointer is not None:
            self._checkpointer.request()

    def _write_token(self, token: str) -> None:
        if not self._token_table:
            # Not a numbered migration: an older Ficwright reads such a file as before.
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS save_token "
                "(id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL)"
            )
        self._conn.execute("INSERT OR REPLACE INTO save_token(id, token) VALUES (1, ?)", (token,))

    def _replaced_message(self) -> str:
        return (
            f"“{self.path.name}” was replaced or moved by another program (or rewritten in "
            "place) since it was opened. Nothing was written; your text is still in the editor."
        )

    def request_checkpoint(self) -> None:
        """For the store's own modules, after a write outside ``transaction`` (a vacuum)."""
        if self._checkpointer is not None:
            self._checkpointer.request()

    def wait_checkpointed(self, timeout: float | None = None) -> bool:
        """True once the WAL holds no save (the checkpoint after a save runs on a thread)."""
        return self._checkpointer is None or self._checkpointer.wait(timeout)

    def _rollback(self) -> None:
        # Some errors (a full disk, RAISE(ROLLBACK)) end the transaction inside SQLite;
        # a second ROLLBACK would then replace the SaveError with its own error.
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def _save_failure(self, error: sqlite3.Error) -> str:
        return f"Could not save to “{self.path.name}”: {error}. Your text is still in the editor."

    # -- work ----------------------------------------------------------------

    def work(self) -> Work:
        title, created, modified = self._conn.execute(
            "SELECT title, created, modified FROM work WHERE id = 1"
        ).fetchone()
        return Work(title=title, created=created, modified=modified)

    def set_title(self, title: str) -> None:
        self.save(Changes(work={"title": title}))

    # -- chapters: reading -----------------------------------------------------

    def _chapters(self) -> list[ChapterInfo]:
        """The chapters in order, without their bodies (cheap for a 500k-word work)."""
        rows = self._conn.execute(
            "SELECT id, position, title, words FROM chapters "
            "WHERE deleted IS NULL ORDER BY position"
        )
        return [ChapterInfo(*row) for row in rows]

    def chapter(self, chapter_id: int) -> Chapter:
        row = self._conn.execute(
            "SELECT id, position, title, body, words, created, modified FROM chapters WHERE id = ?",
            (chapter_id,),
        ).fetchone()
        if row is None:
            raise KeyError(chapter_id)
        return Chapter(*row)

    def _body(self, chapter_id: int) -> str:
        row = self._conn.execute("SELECT body FROM chapters WHERE id = ?", (chapter_id,)).fetchone()
        if row is None:
            raise KeyError(chapter_id)
        return row[0]

    # -- chapters: writing -----------------------------------------------------

    def add_chapter(
        self, title: str, body: str = "", words: int = 0, position: int | None = None
    ) -> int:
        """Insert at ``position`` (default: the end); later chapters move down one."""
        stamp = now()
        with self._transaction() as c:
            count = c.execute("SELECT COUNT(*) FROM chapters WHERE deleted IS NULL").fetchone()[0]
            position = count if position is None else max(0, min(position, count))
            c.execute(
                "UPDATE chapters SET position = position + 1 "
                "WHERE deleted IS NULL AND position >= ?",
                (position,),
            )
            cur = c.execute(
                "INSERT INTO chapters(position, title, body, words, created, modified) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (position, title, body, words, stamp, stamp),
            )
            self._touch(c, stamp)
        assert cur.lastrowid is not None
        return cur.lastrowid

    def save_body(self, chapter_id: int, body: str, words: int) -> None:
        self.save(Changes(bodies={chapter_id: (body, words)}))

    def save(self, changes: Changes) -> None:
        """Write text and front matter together: one autosave, one transaction."""
        self._check_names(changes)
        stamp = now()
        with self._transaction() as c:
            self._write(c, changes, stamp)

    def append_chapters(self, chapters: Sequence[NewChapter], work: dict[str, Any]) -> list[int]:
        """Add chapters at the end and set work fields, all or nothing (an import)."""
        self._check_names(
            Changes(work=work, chapters=dict(enumerate(ch.fields for ch in chapters)))
        )
        stamp = now()
        ids: list[int] = []
        with self._transaction() as c:
            count = c.execute("SELECT COUNT(*) FROM chapters WHERE deleted IS NULL").fetchone()[0]
            for i, chapter in enumerate(chapters):
                cur = c.execute(
                    "INSERT INTO chapters(position, title, body, words, created, modified) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (count + i, chapter.title, chapter.body, chapter.words, stamp, stamp),
                )
                assert cur.lastrowid is not None
                ids.append(cur.lastrowid)
            self._write(
                c,
                Changes(
                    work=work,
                    chapters={cid: dict(ch.fields) for cid, ch in zip(ids, chapters, strict=True)},
                ),
                stamp,
            )
        return ids

    @staticmethod
    def _check_names(changes: Changes) -> None:
        for name in changes.work:
            fields.check_work_field(name)
        for values in changes.chapters.values():
            for name in values:
                fields.check_chapter_field(name)

    def _write(self, c: sqlite3.Connection, changes: Changes, stamp: str) -> None:
        for chapter_id, (body, words) in changes.bodies.items():
            cur = c.execute(
                "UPDATE chapters SET body = CAST(? AS TEXT), words = ?, modified = ? WHERE id = ?",
                (body, words, stamp, chapter_id),
            )
            if cur.rowcount != 1:  # never drop an author's text without a word
                raise sqlite3.IntegrityError(f"there is no chapter {chapter_id}")
        for chapter_id, values in changes.chapters.items():
            for name, value in values.items():
                stored = fields.encode(value) if name == "warnings" else value
                # Column names come from CHAPTER_FIELDS, checked by _check_names.
                cur = c.execute(
                    f"UPDATE chapters SET {name} = ?, modified = ? WHERE id = ?",
                    (stored, stamp, chapter_id),
                )
                if cur.rowcount != 1:
                    raise sqlite3.IntegrityError(f"there is no chapter {chapter_id}")
        for name, value in changes.work.items():
            if name == "title":
                c.execute("UPDATE work SET title = ? WHERE id = 1", (value,))
            else:
                c.execute(
                    "INSERT OR REPLACE INTO work_fields(key, value) VALUES (?, ?)",
                    (name, fields.encode(value)),
                )
        c.executemany(
            "INSERT INTO daily_words(day, added, removed) VALUES (?, ?, ?) "
            "ON CONFLICT(day) DO UPDATE SET added = added + excluded.added, "
            "removed = removed + excluded.removed",
            [(day, added, removed) for day, (added, removed) in changes.progress.items()],
        )
        if changes:
            self._touch(c, stamp)

    # -- the work's dictionary ------------------------------------------------------------

    def _dictionary_words(self) -> tuple[list[str], list[str]]:
        """(words this work accepts, words it ignores), each sorted."""
        words: dict[str, list[str]] = {WORK_WORD: [], IGNORED_WORD: []}
        for word, kind in self._conn.execute("SELECT word, kind FROM words ORDER BY word"):
            words.setdefault(kind, []).append(word)
        return words[WORK_WORD], words[IGNORED_WORD]

    def add_words(self, kind: str, words: Iterable[str]) -> None:
        if kind not in (WORK_WORD, IGNORED_WORD):
            raise ValueError(kind)
        with self._transaction() as c:
            c.executemany(
                "INSERT OR IGNORE INTO words(word, kind) VALUES (?, ?)",
                [(w, kind) for w in words if w],
            )

    def remove_words(self, kind: str, words: Iterable[str]) -> None:
        with self._transaction() as c:
            c.executemany(
                "DELETE FROM words WHERE word = ? AND kind = ?", [(w, kind) for w in words]
            )

    # -- front matter ------------------------------------------------------------

    def _meta(self) -> WorkMeta:
        title = self._conn.execute("SELECT title FROM work WHERE id = 1").fetchone()[0]
        rows = dict(self._conn.execute("SELECT key, value FROM work_fields"))
        return fields.work_meta(title, rows)

    def _chapter_meta(self, chapter_id: int) -> ChapterMeta:
        row = self._conn.execute(
            "SELECT summary, notes_begin, notes_end, warnings FROM chapters WHERE id = ?",
            (chapter_id,),
        ).fetchone()
        if row is None:
            raise KeyError(chapter_id)
        return fields.chapter_meta(*row)

    def _chapter_warnings(self) -> dict[int, tuple[str, ...]]:
        """Every live chapter's own warnings, in one query (tag completion reads them all)."""
        rows = self._conn.execute("SELECT id, warnings FROM chapters WHERE deleted IS NULL")
        return {cid: fields.decode("warnings", value, ()) for cid, value in rows}

    def rename_chapter(self, chapter_id: int, title: str) -> None:
        stamp = now()
        with self._transaction() as c:
            c.execute(
                "UPDATE chapters SET title = ?, modified = ? WHERE id = ?",
                (title, stamp, chapter_id),
            )
            self._touch(c, stamp)

    def set_order(self, chapter_ids: Sequence[int]) -> None:
        """Reorder; positions stay 0..n-1 with no gaps, or nothing changes."""
        with self._transaction() as c:
            current = {r[0] for r in c.execute("SELECT id FROM chapters WHERE deleted IS NULL")}
            if set(chapter_ids) != current or len(chapter_ids) != len(current):
                raise ValueError("the new order must name every chapter once")
            c.executemany(
                "UPDATE chapters SET position = ? WHERE id = ?",
                [(pos, cid) for pos, cid in enumerate(chapter_ids)],
            )
            self._touch(c, now())

    def move_chapter(self, chapter_id: int, new_position: int) -> None:
        ids = [ch.id for ch in self.chapters()]
        ids.remove(chapter_id)
        ids.insert(max(0, min(new_position, len(ids))), chapter_id)
        self.set_order(ids)

    def delete_chapter(self, chapter_id: int) -> None:
        """Move a chapter to the bin: its text stays in the file until the bin is emptied."""
        stamp = now()
        with self._transaction() as c:
            row = c.execute(
                "SELECT position FROM chapters WHERE id = ? AND deleted IS NULL", (chapter_id,)
            ).fetchone()
            if row is None:
                raise KeyError(chapter_id)
            c.execute("UPDATE chapters SET deleted = ? WHERE id = ?", (stamp, chapter_id))
            c.execute(
                "UPDATE chapters SET position = position - 1 "
                "WHERE deleted IS NULL AND position > ?",
                (row[0],),
            )
            self._touch(c, stamp)

    def restore_chapter(self, chapter_id: int, position: int) -> None:
        """Bring a deleted chapter back at ``position``."""
        stamp = now()
        with self._transaction() as c:
            binned = c.execute(
                "SELECT 1 FROM chapters WHERE id = ? AND deleted IS NOT NULL", (chapter_id,)
            ).fetchone()
            if binned is None:  # restoring a live chapter would leave a gap in the positions
                raise KeyError(chapter_id)
            count = c.execute("SELECT COUNT(*) FROM chapters WHERE deleted IS NULL").fetchone()[0]
            position = max(0, min(position, count))
            c.execute(
                "UPDATE chapters SET position = position + 1 "
                "WHERE deleted IS NULL AND position >= ?",
                (position,),
            )
            c.execute(
                "UPDATE chapters SET deleted = NULL, position = ? WHERE id = ?",
                (position, chapter_id),
            )
            self._touch(c, stamp)

    # -- reading a damaged work -------------------------------------------------------------
    # A damaged work (read-only: see ``damage``) shows what still reads; a part that does
    # not read is shown as damaged instead of stopping the window from opening.

    def chapters(self) -> list[ChapterInfo]:
        """The chapters in order, without their bodies (cheap for a 500k-word work)."""
        if not self.damage:
            return self._chapters()
        try:
            return self._chapters()
        except sqlite3.DatabaseError:
            pass
        # The order index may still read where the table does not: then each row alone.
        found: list[ChapterInfo] = []
        try:
            ids = [
                r[0]
                for r in self._conn.execute(
                    "SELECT id FROM chapters WHERE deleted IS NULL ORDER BY position"
                )
            ]
        except sqlite3.DatabaseError:
            return found
        for position, cid in enumerate(ids):
            try:
                row = self._conn.execute(
                    "SELECT title, words FROM chapters WHERE id = ?", (cid,)
                ).fetchone()
                found.append(ChapterInfo(cid, position, row[0], row[1]))
            except sqlite3.DatabaseError:
                found.append(ChapterInfo(cid, position, f"Damaged chapter {position + 1}", 0))
        return found

    def body(self, chapter_id: int) -> str:
        if not self.damage:
            return self._body(chapter_id)
        try:
            return self._body(chapter_id)
        except sqlite3.DatabaseError:
            return DAMAGED_BODY

    def meta(self) -> WorkMeta:
        try:
            return self._meta()
        except sqlite3.DatabaseError:
            if not self.damage:
                raise
            return WorkMeta(title=self.path.stem)

    def chapter_meta(self, chapter_id: int) -> ChapterMeta:
        try:
            return self._chapter_meta(chapter_id)
        except sqlite3.DatabaseError:
            if not self.damage:
                raise
            return ChapterMeta()

    def dictionary_words(self) -> tuple[list[str], list[str]]:
        """(words this work accepts, words it ignores), each sorted."""
        try:
            return self._dictionary_words()
        except sqlite3.DatabaseError:
            if not self.damage:
                raise
            return [], []

    def chapter_warnings(self) -> dict[int, tuple[str, ...]]:
        try:
            return self._chapter_warnings()
        except sqlite3.DatabaseError:
            if not self.damage:
                raise
            return {}

    @staticmethod
    def _touch(c: sqlite3.Connection, stamp: str) -> None:
        c.execute("UPDATE work SET modified = ? WHERE id = 1", (stamp,))

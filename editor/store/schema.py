"""Tables and numbered migrations of a Ficwright project file.

A project is an SQLite file whose header carries our application id and, as
``user_version``, the schema version; the ``schema_version`` table says the same
for people reading the file with other tools. Both live in the first 100 bytes of
the file, so a file can be judged without opening it (and so without touching it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x46696357  # "FicW"
SQLITE_MAGIC = b"SQLite format 3\x00"

Migration = Callable[[sqlite3.Connection], None]


def _v1(conn: sqlite3.Connection) -> None:
    import sqlite_utils  # schema work only: kept off the start-up path (80 ms import)

    db = sqlite_utils.Database(conn)
    db["work"].create(
        {"id": int, "title": str, "created": str, "modified": str},
        pk="id",
        not_null={"title", "created", "modified"},
    )
    db["chapters"].create(
        {
            "id": int,
            "position": int,
            "title": str,
            "body": str,
            "words": int,
            "created": str,
            "modified": str,
            "deleted": str,  # NULL while the chapter is in the work; a timestamp in the bin
        },
        pk="id",
        not_null={"position", "title", "body", "words", "created", "modified"},
        defaults={"body": "", "words": 0},
    )
    db["chapters"].create_index(["deleted", "position"])
    db["schema_version"].create({"version": int}, pk="version")


def _v2(conn: sqlite3.Connection) -> None:
    """Front matter: the work's fields as JSON by name, a chapter's notes as columns."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    db["work_fields"].create({"key": str, "value": str}, pk="key", not_null={"value"})
    chapters = db["chapters"]
    for column in ("summary", "notes_begin", "notes_end"):
        chapters.add_column(column, str, not_null_default="")
    chapters.add_column("warnings", str, not_null_default="[]")


def _v3(conn: sqlite3.Connection) -> None:
    """The work's own dictionary: words it accepts, and words it ignores."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    db["words"].create({"word": str, "kind": str}, pk=("kind", "word"), not_null={"word", "kind"})


def _v4(conn: sqlite3.Connection) -> None:
    """Snapshots of chapters, and the posting log (what went to which site, when)."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    db["snapshots"].create(
        {
            "id": int,
            "chapter_id": int,
            "created": str,
            "kind": str,  # auto, manual, import, restore, replace
            "name": str,
            "title": str,
            "body": str,
            "words": int,
        },
        pk="id",
        not_null={"chapter_id", "created", "kind", "name", "title", "body", "words"},
    )
    db["snapshots"].create_index(["chapter_id", "created"])
    db["posts"].create(
        {
            "id": int,
            "chapter_id": int,
            "site": str,
            "url": str,
            "posted": str,
            "exported": str,  # the exact text that was posted
            "body": str,  # the chapter as it was then, to tell "edited since"
        },
        pk="id",
        not_null={"chapter_id", "site", "url", "posted", "exported", "body"},
    )
    db["posts"].create_index(["chapter_id", "site", "posted"])


def _v5(conn: sqlite3.Connection) -> None:
    """Writing progress: words added and removed per local day (store/progress.py), and
    chapter word goals."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    db["daily_words"].create(
        {"day": str, "added": int, "removed": int},  # day: the author's local ISO date
        pk="day",
        not_null={"added", "removed"},
        defaults={"added": 0, "removed": 0},
    )
    db["chapter_goals"].create(
        {"chapter_id": int, "words": int}, pk="chapter_id", not_null={"words"}
    )


def _v6(conn: sqlite3.Connection) -> None:
    """Notes and work fields as they were before each replace across the work, and as it
    left them (store/replaced.py); chapter bodies are kept as "replace" snapshots."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    db["replaced_fields"].create(
        {
            "id": int,
            "replace_id": int,  # one replace across the work
            "created": str,
            "name": str,
            "chapter_id": int,  # NULL: a field of the work itself
            "field": str,
            "before": str,
            "after": str,
        },
        pk="id",
        not_null={"replace_id", "created", "name", "field", "before", "after"},
    )
    db["replaced_fields"].create_index(["replace_id"])


# MIGRATIONS[n] brings a file from version n to version n + 1.
MIGRATIONS: list[Migration] = [_v1, _v2, _v3, _v4, _v5, _v6]
CURRENT_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, from_version: int) -> None:
    """Run every migration after ``from_version`` in one transaction: all or nothing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(from_version, CURRENT_VERSION):
            MIGRATIONS[version](conn)
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version(version) VALUES (?)", (CURRENT_VERSION,))
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {CURRENT_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise

"""What the work keeps of its past: snapshots and Replace All records, pruned on a schedule
and to a size, and the pages they free given back to the disk.

Kept: every snapshot the author named and the newest snapshot of each chapter; the newest
Replace All (its undo) if it fits; then, newest first, everything from the last day, the
newest of each hour for a week and of each day for a month, as long as all of it together
stays within HISTORY_SHARE times the size of the work's text. Older than a month, or past that size:
deleted. The size matters as much as the schedule: a 10 MB chapter snapshotted every ten
minutes would otherwise add 60 MB an hour.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from editor.store.project import Project

DAY = timedelta(days=1)
WEEK = timedelta(days=7)
MONTH = timedelta(days=30)
# Snapshots and Replace All records together, against the text of the work: with the text
# itself and SQLite's own pages, the file stays within about 3 times the text.
HISTORY_SHARE = 1.5
MIN_HISTORY_BYTES = 2_000_000  # a short work keeps its whole schedule
# Free pages worth giving back (an incremental vacuum moves pages: it costs I/O).
VACUUM_AT_BYTES = 256_000


@dataclass(frozen=True, slots=True)
class _Item:
    kind: str  # "snapshot" or "replace"
    key: int  # snapshot id or replace id
    group: int  # chapter id, or -1 for the work's Replace All records
    created: datetime
    size: int
    named: bool


def prune(project: Project, at: datetime | None = None) -> int:
    """Delete what the policy no longer keeps; how many snapshots and records went. The
    freed pages are given back (``vacuum``) afterwards, outside the transaction."""
    at = at or datetime.now(UTC)
    items = _items(project)
    text = project.connection.execute(
        "SELECT COALESCE(SUM(length(body)), 0) FROM chapters WHERE deleted IS NULL"
    ).fetchone()[0]
    keep = _keep(items, at, max(int(text * HISTORY_SHARE), MIN_HISTORY_BYTES))
    gone = [item for item in items if item.key not in keep.get(item.kind, set())]
    if gone:
        with project.transaction() as c:
            c.executemany(
                "DELETE FROM snapshots WHERE id = ?",
                [(i.key,) for i in gone if i.kind == "snapshot"],
            )
            c.executemany(
                "DELETE FROM replaced_fields WHERE replace_id = ?",
                [(i.key,) for i in gone if i.kind == "replace"],
            )
    vacuum(project)
    return len(gone)


def _items(project: Project) -> list[_Item]:
    conn = project.connection
    items = [
        _Item("snapshot", sid, chapter, _when(created), size, kind == "manual" and bool(name))
        for sid, chapter, created, kind, name, size in conn.execute(
            "SELECT id, chapter_id, created, kind, name, length(body) FROM snapshots"
        )
    ]
    items += [
        _Item("replace", rid, -1, _when(created), int(size or 0), False)
        for rid, created, size in conn.execute(
            "SELECT replace_id, MIN(created), SUM(length(before) + length(after)) "
            "FROM replaced_fields GROUP BY replace_id"
        )
    ]
    return items


def _when(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _keep(items: list[_Item], at: datetime, budget: int) -> dict[str, set[int]]:
    keep: dict[str, set[int]] = {"snapshot": set(), "replace": set()}
    newest_first = sorted(items, key=lambda i: (i.created, i.key), reverse=True)
    first: list[_Item] = []  # each chapter's newest snapshot: kept whatever its size
    undo: list[_Item] = []  # the newest Replace All: kept however old, if it fits
    seen_groups: set[int] = set()
    for item in newest_first:
        if item.named:
            keep[item.kind].add(item.key)
        elif item.group not in seen_groups:
            seen_groups.add(item.group)
            (undo if item.kind == "replace" else first).append(item)
    used = sum(item.size for item in first)
    for item in first:
        keep[item.kind].add(item.key)
    for item in undo:
        if used + item.size <= budget:
            used += item.size
            keep[item.kind].add(item.key)
    buckets: set[tuple[int, str]] = set()
    for item in newest_first:
        if item.named or item.key in keep[item.kind]:
            continue
        age = at - item.created
        if age < DAY:
            bucket = None
        elif age < WEEK:
            bucket = (item.group, item.created.strftime("%Y-%m-%d %H"))
        elif age < MONTH:
            bucket = (item.group, item.created.strftime("%Y-%m-%d"))
        else:
            continue
        if bucket is not None:
            if bucket in buckets:
                continue
            buckets.add(bucket)
        if used + item.size > budget:
            continue  # older ones may still fit: smaller chapters' snapshots
        used += item.size
        keep[item.kind].add(item.key)
    return keep


def vacuum(project: Project) -> None:
    """Give free pages back to the disk, if there are enough to bother.

    A work made before incremental vacuum (auto_vacuum NONE) is converted once, by a full
    VACUUM, the first time it has that much to give back.
    """
    conn = project.connection
    if project.read_only or project.replaced():  # never a page written into a file not ours
        return
    try:
        (mode,) = conn.execute("PRAGMA auto_vacuum").fetchone()
        (free,) = conn.execute("PRAGMA freelist_count").fetchone()
        (page,) = conn.execute("PRAGMA page_size").fetchone()
        if free * page < VACUUM_AT_BYTES:
            return
        if mode == 0:
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
            conn.execute("VACUUM")
        else:
            # executescript steps the pragma to its end: execute() frees one page per step,
            # and the pragma returns no rows for fetchall() to step through.
            conn.executescript("PRAGMA incremental_vacuum;")
    except sqlite3.Error:
        return  # busy or failing: the next prune tries again; nothing is lost
    project.request_checkpoint()

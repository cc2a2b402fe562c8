"""Rotating backups of a work: consistent copies made with SQLite's online backup.

A file copy of a database in WAL mode can miss committed pages still in the WAL; the
online backup reads a consistent snapshot while the work stays open. Kept: the newest
KEEP_RECENT, plus the newest of each of the last KEEP_DAYS days.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from editor.store.project import EXTENSION, Project, check_integrity

KEEP_RECENT = 10
KEEP_DAYS = 7
_STAMP = "%Y-%m-%d %H-%M-%S"


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    taken: datetime  # UTC


def folder_for(backups_root: Path, work: Path) -> Path:
    """One folder per work under the data folder's Backups: its name, and a short hash of
    its full path, so two works called "Story" never rotate or list each other's copies."""
    key = hashlib.sha256(str(work.resolve()).encode()).hexdigest()[:8]
    return backups_root / f"{work.stem} {key}"


def earlier(project: Project, backups_root: Path) -> list[Backup]:
    """This work's backups from before folders were keyed by path, newest first.

    That folder was named after the file alone and may hold another work of the same name:
    each copy is told apart by the work's creation stamp (ms), which a copy keeps.
    """
    created = project.work().created
    found: list[Backup] = []
    for b in backups(backups_root / project.path.stem):
        try:
            uri = f"file:{quote(str(b.path))}?mode=ro"
            with closing(sqlite3.connect(uri, uri=True)) as conn:
                row = conn.execute("SELECT created FROM work WHERE id = 1").fetchone()
        except sqlite3.Error:
            continue  # damaged or not a work: not offered
        if row is not None and row[0] == created:
            found.append(b)
    return found


def make(project: Project, folder: Path) -> Path:
    """A consistent copy of the open work in ``folder``; older copies are rotated."""
    folder.mkdir(parents=True, exist_ok=True)
    taken = datetime.now(UTC).replace(microsecond=0)
    while (folder / _name(project, taken)).exists():
        # Two copies within a second (open, then a reload) must not overwrite each other.
        taken += timedelta(seconds=1)
    target = project.save_copy(folder / _name(project, taken))
    rotate(folder)
    return target


def _name(project: Project, taken: datetime) -> str:
    return f"{project.path.stem} {taken.strftime(_STAMP)}.ficwright"


def backups(folder: Path) -> list[Backup]:
    """Newest first."""
    found: list[Backup] = []
    if not folder.is_dir():
        return found
    for path in folder.glob("*.ficwright"):
        stamp = path.stem[-len("0000-00-00 00-00-00") :]
        try:
            taken = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue  # not one of ours
        found.append(Backup(path, taken))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def rotate(folder: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete backups outside the policy; the deleted paths."""
    all_backups = backups(folder)
    keep = {b.path for b in all_backups[:KEEP_RECENT]}
    today = (now or datetime.now(UTC)).date()
    days: set[object] = set()
    for b in all_backups:  # newest first: the first seen of a day is that day's newest
        day = b.taken.date()
        if (today - day).days < KEEP_DAYS and day not in days:
            days.add(day)
            keep.add(b.path)
    removed = [b.path for b in all_backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def newest_good(folder: Path) -> Backup | None:
    """The newest backup in ``folder`` that opens and passes SQLite's integrity check."""
    for b in backups(folder):
        try:
            uri = f"file:{quote(str(b.path))}?mode=ro"
            with closing(sqlite3.connect(uri, uri=True)) as conn:
                if conn.execute("SELECT title FROM work WHERE id = 1").fetchone() is None:
                    continue
                if check_integrity(conn, b.path.name):
                    continue
        except sqlite3.Error:
            continue
        return b
    return None


def restore(work: Path, copy: Backup, when: datetime) -> Path:
    """Put ``copy`` where ``work`` was; the work's own file is kept beside it, renamed (its
    path is returned): a damaged file may still hold words written after the backup."""
    aside = work.with_name(f"{work.stem} (damaged {when:%Y-%m-%d %H.%M.%S}){EXTENSION}")
    partial = work.with_name(f".{work.name}.part")
    shutil.copyfile(copy.path, partial)
    try:
        os.replace(work, aside)
        # Its -wal belongs to it: left beside the restored copy, SQLite would replay it there.
        for suffix in ("-wal", "-shm"):
            side = Path(f"{work}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{aside}{suffix}"))
        os.replace(partial, work)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return aside

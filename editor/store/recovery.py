"""The author's unsaved words, out of memory at once when the work's file stops being ours.

When another program replaces the file (a rename: our connection still holds our old file)
the recovery copy is the whole work as we last saved it, with the unsaved edits saved into
it: a work of its own. When it rewrites the file in place (same inode), what we saved is gone
from the disk and our connection's pages are stale, so nothing is read from it: the copy is a
new work holding the edited chapters, each whole, and the edited fields.

The copy goes beside the work (a sync client then carries it too), or to ``fallback`` if that
folder cannot be written. It is written under a temporary name and renamed into place, so a
crash never leaves half of it under the name the author is told.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing, suppress
from datetime import datetime
from pathlib import Path

from editor.store.errors import ProjectError
from editor.store.project import EXTENSION, Changes, NewChapter, Project


def target_for(work: Path, when: datetime) -> Path:
    return work.with_name(f"{work.stem} (unsaved words {when:%Y-%m-%d %H.%M.%S}){EXTENSION}")


def write(
    target: Path,
    project: Project,
    changes: Changes,
    title: str,
    titles: dict[int, str],
    fallback: Path | None = None,
) -> Path:
    """Write the recovery copy at ``target`` (or under ``fallback``); the path written.

    ``title`` and ``titles`` (chapters by id) are the work's as the editor shows them: the
    file may no longer read as our work.
    """
    try:
        return _write(target, project, changes, title, titles)
    except (OSError, sqlite3.Error, ProjectError):
        if fallback is None:
            raise
        fallback.mkdir(parents=True, exist_ok=True)
        return _write(fallback / target.name, project, changes, title, titles)


def _write(
    target: Path, project: Project, changes: Changes, title: str, titles: dict[int, str]
) -> Path:
    partial = target.with_name(f".{target.name}.part")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        if project.moved():
            project.save_copy(partial)  # our file, as last saved, from our own connection
            copy = Project.open(partial)
            try:
                copy.save(_known(copy, changes))
            finally:
                copy.close()
        else:
            _new_work(partial, changes, title, titles)
        with closing(sqlite3.connect(partial)) as conn:
            conn.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
        os.replace(partial, target)
    except BaseException:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    return target


def _known(copy: Project, changes: Changes) -> Changes:
    ids = {ch.id for ch in copy.chapters()}
    return Changes(
        bodies={cid: v for cid, v in changes.bodies.items() if cid in ids},
        work=dict(changes.work),
        chapters={cid: v for cid, v in changes.chapters.items() if cid in ids},
    )


def _new_work(path: Path, changes: Changes, title: str, titles: dict[int, str]) -> None:
    work = {k: v for k, v in changes.work.items() if k != "title"}
    ids = list(dict.fromkeys([*changes.bodies, *changes.chapters]))
    chapters = [
        NewChapter(
            title=titles.get(cid, f"Chapter {n}"),
            body=changes.bodies.get(cid, ("", 0))[0],
            words=changes.bodies.get(cid, ("", 0))[1],
            fields=dict(changes.chapters.get(cid, {})),
        )
        for n, cid in enumerate(ids, 1)
    ]
    created = Project.create(path, f"{title} (unsaved words)")
    try:
        created.append_chapters(chapters, work)
    finally:
        created.close()

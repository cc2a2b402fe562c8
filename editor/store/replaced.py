"""The texts a replace across the work changed (chapter bodies, notes and work fields): each
before and after, kept in the work file so the replace can be undone after the dialog is
closed, a restart, or a crash.

The bodies are also kept as "replace" snapshots (store/history.py), listed with the revisions;
the record here is what the undo reads, and "after" is how it tells an edit made since.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.store.project import Project, now


@dataclass(frozen=True, slots=True)
class ReplacedField:
    chapter_id: int | None  # None: a field of the work itself
    field: str  # "body", or a field of the chapter or the work
    before: str
    after: str


def keep(project: Project, name: str, fields: list[ReplacedField]) -> int:
    """Store ``fields`` as one replace; returns its id."""
    with project.transaction() as c:
        (last,) = c.execute("SELECT COALESCE(MAX(replace_id), 0) FROM replaced_fields").fetchone()
        created = now()
        c.executemany(
            "INSERT INTO replaced_fields(replace_id, created, name, chapter_id, field, before, "
            "after) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(last + 1, created, name, f.chapter_id, f.field, f.before, f.after) for f in fields],
        )
    return int(last + 1)


def kept(project: Project, replace_id: int) -> list[ReplacedField]:
    """The fields of one replace, in the order they were kept."""
    rows = project.connection.execute(
        "SELECT chapter_id, field, before, after FROM replaced_fields WHERE replace_id = ? "
        "ORDER BY id",
        (replace_id,),
    )
    return [ReplacedField(*row) for row in rows]


def last(project: Project) -> tuple[int, str] | None:
    """The newest replace kept: its id and name, or None when there is none."""
    row = project.connection.execute(
        "SELECT replace_id, name FROM replaced_fields ORDER BY replace_id DESC LIMIT 1"
    ).fetchone()
    return (int(row[0]), str(row[1])) if row is not None else None

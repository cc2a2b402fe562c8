"""Notes and work fields a replace across the work changed: the text before and after, kept
in the work file so the replace can be undone after the next save, or a crash.

Chapter bodies are kept as "replace" snapshots (store/history.py), listed with the revisions.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.store.project import Project, now


@dataclass(frozen=True, slots=True)
class ReplacedField:
    chapter_id: int | None  # None: a field of the work itself
    field: str
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

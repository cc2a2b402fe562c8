"""The posting log: which chapter went to which site, when, where, and exactly what.

A chapter's state per site is "not posted", "posted" (its text is what was posted) or
"edited" (its text changed since): compared on the chapter's canonical body, so a change of
export template alone does not mark every chapter edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from editor.store.project import Project, now

SITES = ("AO3", "FFN", "Other")


class PostState(StrEnum):
    NOT_POSTED = "not posted"
    POSTED = "posted"
    EDITED = "edited since posting"


@dataclass(frozen=True, slots=True)
class Post:
    id: int
    chapter_id: int
    site: str
    url: str
    posted: str
    exported: str
    body: str


_COLUMNS = "id, chapter_id, site, url, posted, exported, body"


def mark_posted(
    project: Project, chapter_id: int, site: str, url: str, exported: str, posted: str = ""
) -> int:
    """Record that ``exported`` (the exact text) went to ``site`` at ``url``."""
    return mark_all_posted(project, {chapter_id: exported}, site, url, posted)[0]


def mark_all_posted(
    project: Project, exported: dict[int, str], site: str, url: str, posted: str = ""
) -> list[int]:
    """Record each chapter's exact text (chapter id -> text) as posted, all or none."""
    ids: list[int] = []
    when = posted or now()  # one moment for the whole batch
    with project.transaction() as c:
        for chapter_id, text in exported.items():
            row = c.execute("SELECT body FROM chapters WHERE id = ?", (chapter_id,)).fetchone()
            if row is None:
                raise KeyError(chapter_id)
            cur = c.execute(
                "INSERT INTO posts(chapter_id, site, url, posted, exported, body) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (chapter_id, site, url, when, text, row[0]),
            )
            ids.append(int(cur.lastrowid))
    return ids


def last_post(project: Project, chapter_id: int, site: str) -> Post | None:
    row = project.connection.execute(
        f"SELECT {_COLUMNS} FROM posts WHERE chapter_id = ? AND site = ? "
        "ORDER BY posted DESC, id DESC",
        (chapter_id, site),
    ).fetchone()
    return Post(*row) if row else None


def posts(project: Project, chapter_id: int) -> list[Post]:
    rows = project.connection.execute(
        f"SELECT {_COLUMNS} FROM posts WHERE chapter_id = ? ORDER BY posted DESC, id DESC",
        (chapter_id,),
    )
    return [Post(*row) for row in rows]


def states(project: Project) -> dict[int, dict[str, PostState]]:
    """chapter id -> site -> state, for every chapter that was posted somewhere."""
    out: dict[int, dict[str, PostState]] = {}
    rows = project.connection.execute(
        "SELECT p.chapter_id, p.site, p.body, c.body FROM posts p "
        "JOIN chapters c ON c.id = p.chapter_id "
        "WHERE p.id = (SELECT q.id FROM posts q WHERE q.chapter_id = p.chapter_id "
        "AND q.site = p.site ORDER BY q.posted DESC, q.id DESC LIMIT 1)"
    )
    for chapter_id, site, posted_body, body in rows:
        state = PostState.POSTED if posted_body == body else PostState.EDITED
        out.setdefault(chapter_id, {})[site] = state
    return out

"""What the chapter tree shows of the posting log: cheap enough for start-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from editor.store import posting
from editor.store.posting import SITES, PostState
from editor.store.project import Project

POSTED_MARK = "✓"
EDITED_MARK = "✎"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Posting", text)


# -- what a chapter's posts say ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SiteMark:
    """A chapter's state on one site, from its last post there."""

    site: str
    state: PostState
    posted: str  # as stored: a UTC timestamp, or the date the author gave
    url: str


def local_date(stamp: str) -> str:
    """The day a post is dated, in the author's time zone (a bare date is already theirs)."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if when.tzinfo is None:
        return when.date().isoformat()
    return when.astimezone().date().isoformat()


def site_order(site: str) -> tuple[int, str]:
    return (SITES.index(site) if site in SITES else len(SITES), site.casefold())


def chapter_marks(project: Project, chapter_id: int) -> list[SiteMark]:
    """Every site the chapter was posted to, compared with its stored text."""
    last: dict[str, posting.Post] = {}
    for post in posting.posts(project, chapter_id):  # newest first
        last.setdefault(post.site, post)
    if not last:
        return []
    body = project.body(chapter_id)
    return [
        SiteMark(
            site,
            PostState.POSTED if post.body == body else PostState.EDITED,
            post.posted,
            post.url,
        )
        for site, post in sorted(last.items(), key=lambda kv: site_order(kv[0]))
    ]


def posted_column(project: Project, chapter_id: int) -> tuple[str, str]:
    """The chapter tree's Posted cell: ("AO3 ✓  FFN ✎", the same spelled out)."""
    marks = chapter_marks(project, chapter_id)
    text = "  ".join(
        f"{m.site} {POSTED_MARK if m.state is PostState.POSTED else EDITED_MARK}" for m in marks
    )
    tips = [
        (
            _tr("{site}: posted {date}, unchanged.")
            if m.state is PostState.POSTED
            else _tr("{site}: edited since posting on {date}.")
        ).format(site=m.site, date=local_date(m.posted))
        for m in marks
    ]
    return text, " ".join(tips)


def posted_columns(project: Project, chapter_ids: list[int]) -> dict[int, tuple[str, str]]:
    """The Posted cell of every chapter that was posted somewhere."""
    posted = posting.states(project)
    return {cid: posted_column(project, cid) for cid in chapter_ids if cid in posted}

"""Writing progress in the work file: words added and removed per day, chapter goals.

Days are the author's local calendar days (ISO dates), not UTC: "today" must end at the
author's midnight. The work's own goal is a work field (WorkMeta.goal_words); the daily
goal belongs to the author, not the work, and lives in the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from editor.store.project import Changes, Project


@dataclass(frozen=True, slots=True)
class DayWords:
    day: date
    added: int = 0
    removed: int = 0

    @property
    def net(self) -> int:
        return self.added - self.removed


def record(project: Project, day: date, added: int, removed: int) -> None:
    """Add to ``day``'s totals, in one transaction of its own."""
    if added < 0 or removed < 0:
        raise ValueError("added and removed words are never negative")
    if not (added or removed):
        return
    project.save(Changes(progress={day.isoformat(): (added, removed)}))


def days(project: Project, since: date | None = None) -> dict[date, DayWords]:
    """The logged days (from ``since`` on, if given), oldest first."""
    rows = project.connection.execute(
        "SELECT day, added, removed FROM daily_words WHERE day >= ? ORDER BY day",
        ((since or date.min).isoformat(),),
    )
    log: dict[date, DayWords] = {}
    for day, added, removed in rows:
        try:
            when = date.fromisoformat(day)
        except ValueError:  # a row written by hand or another tool: skip it, keep the rest
            continue
        log[when] = DayWords(when, int(added or 0), int(removed or 0))
    return log


def day(project: Project, when: date) -> DayWords:
    return days(project, since=when).get(when, DayWords(when))


def chapter_goals(project: Project) -> dict[int, int]:
    """Chapter id -> its word goal, for the chapters that have one."""
    return dict(project.connection.execute("SELECT chapter_id, words FROM chapter_goals"))


def set_chapter_goal(project: Project, chapter_id: int, words: int | None) -> None:
    """Set a chapter's goal; None or 0 removes it."""
    with project.transaction() as c:
        if words:
            c.execute(
                "INSERT OR REPLACE INTO chapter_goals(chapter_id, words) VALUES (?, ?)",
                (chapter_id, int(words)),
            )
        else:
            c.execute("DELETE FROM chapter_goals WHERE chapter_id = ?", (chapter_id,))

"""Writing figures: words per session and day, weeks, streaks. Plain Python, no Qt.

The counts come from the workspace (the word count of each chapter as it stands); words
written are the increases of a chapter's count between two saves, words removed its
decreases. A chapter that appears (added, imported, restored from the bin) or disappears
between two counts is not writing, so only chapters in both counts are compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from editor.store.progress import DayWords


def diff(before: Mapping[int, int], after: Mapping[int, int]) -> tuple[int, int]:
    """(words added, words removed) from ``before`` to ``after``, chapter by chapter."""
    added = removed = 0
    for chapter_id, words in after.items():
        old = before.get(chapter_id)
        if old is None:
            continue
        if words > old:
            added += words - old
        else:
            removed += old - words
    return added, removed


class Session:
    """Words written since the work was opened, and what the next save will log."""

    def __init__(self, counts: Mapping[int, int]) -> None:
        self._baseline = dict(counts)  # each chapter's count when last logged
        self.added = 0
        self.removed = 0

    def follow(self, counts: Mapping[int, int]) -> None:
        """The chapters changed: new ones start from their count, gone ones are forgotten."""
        self._baseline = {cid: self._baseline.get(cid, words) for cid, words in counts.items()}

    def rebase(self, chapter_id: int, words: int) -> None:
        """The chapter's text was changed for the author (a replace, a restore): start it
        again from ``words`` without counting the difference as written."""
        self._baseline[chapter_id] = words

    def pending(self, chapter_id: int, words: int) -> tuple[int, int]:
        """(added, removed) in one chapter since it was last logged: typing not saved yet."""
        return diff({chapter_id: self._baseline.get(chapter_id, words)}, {chapter_id: words})

    def changes(self, counts: Mapping[int, int]) -> tuple[int, int]:
        return diff(self._baseline, counts)

    def commit(self, counts: Mapping[int, int]) -> tuple[int, int]:
        """Take ``counts`` as logged; the (added, removed) that were logged with them."""
        added, removed = self.changes(counts)
        self.added += added
        self.removed += removed
        self._baseline = dict(counts)
        return added, removed


def streak(log: Mapping[date, DayWords], today: date) -> int:
    """Days in a row with words written, up to today; a today without words yet does not
    break a run that reached yesterday (the day is not over)."""
    day = today if _wrote(log, today) else today - timedelta(days=1)
    count = 0
    while _wrote(log, day):
        count += 1
        day -= timedelta(days=1)
    return count


def _wrote(log: Mapping[date, DayWords], day: date) -> bool:
    entry = log.get(day)
    return entry is not None and entry.added > 0


def week_start(today: date, first_weekday: int = 0) -> date:
    """The first day of ``today``'s week; ``first_weekday`` 0 is Monday, 6 Sunday."""
    return today - timedelta(days=(today.weekday() - first_weekday) % 7)


def added_between(log: Mapping[date, DayWords], first: date, last: date) -> int:
    return sum(e.added for d, e in log.items() if first <= d <= last)


def series(log: Mapping[date, DayWords], today: date, days: int = 30) -> list[tuple[date, int]]:
    """(day, words added) for the last ``days`` days, oldest first, days off included."""
    start = today - timedelta(days=days - 1)
    return [
        (day, log[day].added if day in log else 0)
        for day in (start + timedelta(days=i) for i in range(days))
    ]


@dataclass(frozen=True, slots=True)
class Figures:
    work_words: int
    chapters: int
    average_chapter: int  # words, rounded
    today: int
    week: int
    streak: int
    session: int


def figures(
    chapter_words: list[int],
    log: Mapping[date, DayWords],
    today: date,
    *,
    session: int = 0,
    first_weekday: int = 0,
) -> Figures:
    total = sum(chapter_words)
    return Figures(
        work_words=total,
        chapters=len(chapter_words),
        average_chapter=round(total / len(chapter_words)) if chapter_words else 0,
        today=log[today].added if today in log else 0,
        week=added_between(log, week_start(today, first_weekday), today),
        streak=streak(log, today),
        session=session,
    )

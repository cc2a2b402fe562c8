"""AO3 and FFN field limits as data, and the checks the panels and exporters share.

Figures from shared/reference/archives.md. Lengths of rich fields are measured on the HTML
that will be posted: AO3 counts markup toward its limits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

WARN_RATIO = 0.9  # the counter turns to a warning colour at 90 % of a limit


class Level(IntEnum):
    OK = 0
    WARN = 1
    ERROR = 2


@dataclass(frozen=True, slots=True)
class Limit:
    label: str
    max_chars: int
    min_chars: int = 0

    def level(self, length: int) -> Level:
        if length > self.max_chars or (self.min_chars and length < self.min_chars):
            return Level.ERROR
        if length >= self.max_chars * WARN_RATIO:
            return Level.WARN
        return Level.OK


WORK_TITLE = Limit("Work title", 255, 1)
CHAPTER_TITLE = Limit("Chapter title", 255)
SUMMARY = Limit("Summary", 1250)
NOTES = Limit("Notes", 5000)
CHAPTER_TEXT = Limit("Chapter text", 500_000, 10)
TAG = Limit("Tag", 150)
TAG_TOTAL = 75  # fandoms + relationships + characters + additional tags
FORBIDDEN_TAG_CHARS = ",^*<>{}=`，、\\%"

# Which limit each field of the panels obeys; exporters look fields up here too.
FIELD_LIMITS: dict[str, Limit] = {
    "title": WORK_TITLE,
    "summary": SUMMARY,
    "chapter_title": CHAPTER_TITLE,
    "chapter_summary": SUMMARY,
    "notes_begin": NOTES,
    "notes_end": NOTES,
}
COUNTED_TAG_FIELDS = ("fandoms", "relationships", "characters", "additional_tags")


@dataclass(frozen=True, slots=True)
class Problem:
    level: Level
    message: str


def check_length(limit: Limit, length: int) -> Problem | None:
    level = limit.level(length)
    if level is Level.OK:
        return None
    if length > limit.max_chars:
        over = length - limit.max_chars
        return Problem(
            level,
            f"{limit.label} is over AO3's limit of {limit.max_chars:,} characters: cut {over:,}.",
        )
    if limit.min_chars and length < limit.min_chars:
        return Problem(level, f"{limit.label} needs at least {limit.min_chars:,} characters.")
    return Problem(level, f"{limit.label}: {length:,} of {limit.max_chars:,} characters.")


def tag_problems(tag: str) -> list[Problem]:
    """Why AO3 would refuse this tag, if it would."""
    problems: list[Problem] = []
    bad = sorted({c for c in tag if c in FORBIDDEN_TAG_CHARS})
    if bad:
        shown = " ".join(bad)
        problems.append(Problem(Level.ERROR, f"“{tag}”: AO3 tags cannot contain {shown}"))
    if len(tag) > TAG.max_chars:
        problems.append(
            Problem(
                Level.ERROR, f"“{tag[:30]}…” is {len(tag)} characters; AO3 allows {TAG.max_chars}."
            )
        )
    return problems


def tag_total_problem(counts: Iterable[int]) -> Problem | None:
    total = sum(counts)
    if total > TAG_TOTAL:
        return Problem(
            Level.ERROR,
            f"{total} fandom, relationship, character and additional tags: AO3 allows {TAG_TOTAL} "
            f"in all; remove {total - TAG_TOTAL}.",
        )
    if total >= TAG_TOTAL * WARN_RATIO:
        return Problem(Level.WARN, f"{total} of {TAG_TOTAL} tags used.")
    return None

"""Plain data the layers pass around: no Qt, no SQL."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class ChapterInfo:
    """A chapter without its body: what the tree and the status bar need."""

    id: int
    position: int
    title: str
    words: int


@dataclass(frozen=True, slots=True)
class Chapter:
    id: int
    position: int
    title: str
    body: str  # canonical HTML (see text/richtext.py)
    words: int
    created: str
    modified: str


@dataclass(frozen=True, slots=True)
class Work:
    title: str
    created: str
    modified: str


# -- front matter -------------------------------------------------------------------
# Values are AO3's own labels (see shared/reference/archives.md), so exporters can use them
# as they are.


class Rating(StrEnum):
    NOT_RATED = "Not Rated"
    GENERAL = "General Audiences"
    TEEN = "Teen And Up Audiences"
    MATURE = "Mature"
    EXPLICIT = "Explicit"


class FfnRating(StrEnum):
    K = "K"
    K_PLUS = "K+"
    T = "T"
    M = "M"


# AO3 -> FFN as authors usually map it; FFN allows no MA, so Explicit is M too.
FFN_RATING_FOR: dict[Rating, FfnRating] = {
    Rating.NOT_RATED: FfnRating.T,
    Rating.GENERAL: FfnRating.K_PLUS,
    Rating.TEEN: FfnRating.T,
    Rating.MATURE: FfnRating.M,
    Rating.EXPLICIT: FfnRating.M,
}


class ArchiveWarning(StrEnum):
    CHOSE_NOT_TO_USE = "Creator Chose Not To Use Archive Warnings"
    VIOLENCE = "Graphic Depictions Of Violence"
    MAJOR_CHARACTER_DEATH = "Major Character Death"
    NONE_APPLY = "No Archive Warnings Apply"
    NON_CON = "Rape/Non-Con"
    UNDERAGE = "Underage Sex"


class Category(StrEnum):
    FF = "F/F"
    FM = "F/M"
    GEN = "Gen"
    MM = "M/M"
    MULTI = "Multi"
    OTHER = "Other"


class Status(StrEnum):
    IN_PROGRESS = "in progress"
    COMPLETE = "complete"


@dataclass(frozen=True, slots=True)
class WorkMeta:
    """Everything about a work but its chapters. Rich fields hold canonical HTML."""

    title: str = ""
    author: str = ""
    fandoms: tuple[str, ...] = ()
    rating: Rating = Rating.NOT_RATED
    ffn_rating: FfnRating | None = None  # None: derived from the AO3 rating
    archive_warnings: tuple[ArchiveWarning, ...] = ()
    content_warnings: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    relationships: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()
    additional_tags: tuple[str, ...] = ()
    language: str = "English"
    english_variant: str = "US"  # "US" or "GB" (British/Commonwealth); spelling only
    # The author's own layout of AO3's beginning notes and of FFN's header block
    # (formats/templates.py); empty: the default.
    ao3_notes_template: str = ""
    ffn_header_template: str = ""
    summary: str = ""
    series_name: str = ""
    series_part: int | None = None
    expected_chapters: int | None = None  # None: unknown ("?")
    status: Status = Status.IN_PROGRESS
    disclaimer: str = ""
    dedication: str = ""
    gift_recipients: tuple[str, ...] = ()
    co_creators: tuple[str, ...] = ()  # AO3's "Add co-creators" (their pseuds)
    inspired_by: str = ""  # AO3's "inspired by / remix / translation": the parent work's URL
    prompt: str = ""
    prompt_by: str = ""
    prompt_collection: str = ""
    goal_words: int | None = None  # the author's word-count goal for the whole work

    @property
    def effective_ffn_rating(self) -> FfnRating:
        return self.ffn_rating or FFN_RATING_FOR[self.rating]


@dataclass(frozen=True, slots=True)
class ChapterMeta:
    """A chapter's own front matter: its summary, notes and extra warnings."""

    summary: str = ""
    notes_begin: str = ""
    notes_end: str = ""
    warnings: tuple[str, ...] = ()


def chapter_total(expected: int | None, written: int, status: Status) -> str:
    """The M of "Chapter N of M" and AO3's "N/M".

    A complete work has exactly the chapters written. Otherwise the expected count, but
    never one below the chapters already written: "?" then, as an unfinished work that
    shows "3/3" would read as complete.
    """
    if status == Status.COMPLETE and written:
        return str(written)
    if not expected or expected < written:
        return "?"
    return str(expected)


def chapter_count_mismatch(expected: int | None, written: int, status: Status) -> str:
    """What is wrong between the expected and the written chapter counts ('' if nothing)."""
    if not expected or expected == written:
        return ""
    if status == Status.COMPLETE:
        return (
            f"The work is complete with {written} chapters but {expected} are expected: "
            f"it is posted with {written}; correct the expected count."
        )
    if expected < written:
        return (
            f"{written} chapters are written but only {expected} expected: the count shows "
            "as “?” until you raise the expected count."
        )
    return ""


def chapter_label(
    position: int,
    expected: int | None,
    written: int = 0,
    status: Status = Status.IN_PROGRESS,
) -> str:
    """'Chapter 2 of 5', or 'Chapter 2 of ?' while the count is unknown (``chapter_total``)."""
    return f"Chapter {position + 1} of {chapter_total(expected, written, status)}"

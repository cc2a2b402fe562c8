"""The front matter a spell check reads besides chapter text, each field with its place.

The app underlines every rich field; the Spelling panel and ``ficwright check`` read the
same fields from here, so all three agree on what is checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.model import ChapterMeta, WorkMeta

# (field name, place) in the order a reader meets them on AO3.
WORK_FIELDS = (
    ("summary", "Summary"),
    ("disclaimer", "Disclaimer"),
    ("dedication", "Dedication"),
    ("prompt", "Prompt"),
)
CHAPTER_FIELDS_BEFORE = (("summary", "summary"), ("notes_begin", "beginning notes"))
CHAPTER_FIELDS_AFTER = (("notes_end", "end notes"),)


def work_fields(meta: WorkMeta) -> Iterator[tuple[str, str]]:
    """(place, canonical HTML) of each non-empty rich field of the work."""
    for name, place in WORK_FIELDS:
        html = getattr(meta, name)
        if html:
            yield place, html


def chapter_fields(
    chapter: str, meta: ChapterMeta, *, after_text: bool | None = None
) -> Iterator[tuple[str, str]]:
    """(place, canonical HTML) of each non-empty rich field of a chapter: "Chapter 1
    end notes" for ``chapter`` "Chapter 1". ``after_text``: only the fields before (False)
    or after (True) the chapter text; None: all of them."""
    chosen = {
        None: CHAPTER_FIELDS_BEFORE + CHAPTER_FIELDS_AFTER,
        False: CHAPTER_FIELDS_BEFORE,
        True: CHAPTER_FIELDS_AFTER,
    }[after_text]
    for name, place in chosen:
        html = getattr(meta, name)
        if html:
            yield f"{chapter} {place}", html

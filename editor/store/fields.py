"""Front-matter values <-> the JSON text stored for them.

A work's fields live in ``work_fields`` one row per name, so a new field needs no
migration and an unknown one (from a newer version) is kept, not lost. A value that
does not decode falls back to the field's default rather than refusing the whole work.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import fields, replace
from enum import Enum
from typing import Any

from editor.model import ArchiveWarning, Category, ChapterMeta, FfnRating, Rating, Status, WorkMeta

WORK_FIELDS = frozenset(f.name for f in fields(WorkMeta)) - {"title"}  # title: the work table
CHAPTER_FIELDS = frozenset(f.name for f in fields(ChapterMeta))


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value)


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


_DECODE: dict[str, Callable[[Any], Any]] = {
    "rating": Rating,
    "ffn_rating": lambda v: None if v is None else FfnRating(v),
    "archive_warnings": lambda v: tuple(ArchiveWarning(x) for x in v),
    "categories": lambda v: tuple(Category(x) for x in v),
    "status": Status,
    "series_part": _optional_int,
    "expected_chapters": _optional_int,
    "goal_words": _optional_int,
    **{
        name: _strings
        for name in (
            "fandoms",
            "content_warnings",
            "relationships",
            "characters",
            "additional_tags",
            "gift_recipients",
            "co_creators",
            "warnings",
        )
    },
}


def encode(value: Any) -> str:
    if isinstance(value, Enum):
        value = value.value
    elif isinstance(value, tuple | list):
        value = [v.value if isinstance(v, Enum) else v for v in value]
    return json.dumps(value, ensure_ascii=False)


def decode(name: str, text: str, default: Any) -> Any:
    try:
        value = json.loads(text)
        return _DECODE.get(name, str)(value)
    except (ValueError, TypeError):
        return default


def work_meta(title: str, rows: Mapping[str, str]) -> WorkMeta:
    base = WorkMeta(title=title)
    values = {
        name: decode(name, text, getattr(base, name))
        for name, text in rows.items()
        if name in WORK_FIELDS
    }
    return replace(base, **values)


def chapter_meta(summary: str, notes_begin: str, notes_end: str, warnings: str) -> ChapterMeta:
    return ChapterMeta(
        summary=summary,
        notes_begin=notes_begin,
        notes_end=notes_end,
        warnings=decode("warnings", warnings, ()),
    )


def check_work_field(name: str) -> None:
    if name not in WORK_FIELDS and name != "title":
        raise KeyError(f"no work field {name!r}")


def check_chapter_field(name: str) -> None:
    if name not in CHAPTER_FIELDS:
        raise KeyError(f"no chapter field {name!r}")

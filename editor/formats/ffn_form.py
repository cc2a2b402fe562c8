"""FanFiction.Net's story form, field by field, from the work's metadata (the Post Helper).

FFN's form has fixed fields where AO3 has tags: one category (the fandom; two make a
crossover), a rating of K, K+, T or M, a language, up to two genres from FFN's list, up to
four characters with pairings in brackets (``[Cloud S., Tifa L.] Zack F.``), a status, a
title and a plain-text summary; each chapter is a Document Manager file with its title.
See shared/reference/archives.md. The values come from the work's panels: genres are the
additional tags that name an FFN genre, pairings the relationships ("A/B") whose people
are among the four characters. What does not fit is said, never silently dropped.
"""

from __future__ import annotations

from editor.formats.ao3 import PostField
from editor.formats.ffn import chapter_html
from editor.formats.limits import Level, Problem
from editor.formats.work import ExportChapter, ExportOptions, ExportWork
from editor.model import Rating, Status
from editor.text.richtext import plain_text

GENRES = ("Adventure", "Angst", "Crime", "Drama", "Family", "Fantasy", "Friendship", "General",
          "Horror", "Humor", "Hurt/Comfort", "Mystery", "Parody", "Poetry", "Romance", "Sci-Fi",
          "Spiritual", "Supernatural", "Suspense", "Tragedy", "Western")  # fmt: skip
_GENRE_NAMES = {g.casefold(): g for g in GENRES} | {"humour": "Humor", "scifi": "Sci-Fi",
                                                    "science fiction": "Sci-Fi"}  # fmt: skip
MAX_GENRES = 2
MAX_CHARACTERS = 4


def genres(tags: tuple[str, ...]) -> list[str]:
    """FFN's genres among ``tags`` ("hurt/comfort" -> "Hurt/Comfort"), in the tags' order."""
    found = [_GENRE_NAMES.get(tag.strip().casefold()) for tag in tags]
    return list(dict.fromkeys(g for g in found if g))


def characters(names: tuple[str, ...], relationships: tuple[str, ...]) -> tuple[str, list[str]]:
    """FFN's character field: the first four characters, each romantic pairing ("A/B") among
    them in brackets first (``[A, B] C``); and the characters left out."""
    kept, left_out = list(names[:MAX_CHARACTERS]), list(names[MAX_CHARACTERS:])
    pairs: list[list[str]] = []
    paired: set[str] = set()
    for relationship in relationships:
        people = [p.strip() for p in relationship.split("/")]
        if len(people) > 1 and all(p in kept and p not in paired for p in people):
            pairs.append(people)
            paired.update(people)
    groups = [f"[{', '.join(pair)}]" for pair in pairs]
    singles = [name for name in kept if name not in paired]
    return " ".join([*groups, ", ".join(singles)]).strip(), left_out


def _field(key: str, label: str, value: str, *problems: str, html: bool = False) -> PostField:
    found = tuple(Problem(Level.WARN, p) for p in problems if p)
    return PostField(key, label, value, html, None, found)


def ffn_post_fields(
    work: ExportWork, chapter: ExportChapter, options: ExportOptions | None = None
) -> list[PostField]:
    """The fields of FFN's story form (chapter 1) or a later chapter's, in the form's order."""
    options = options or ExportOptions(chapters=[chapter.number])
    meta = work.meta
    text = _field("text", "Chapter document (Doc Manager)", chapter_html(work, chapter, options),
                  html=True)  # fmt: skip
    title = _field("chapter_title", "Chapter Title", chapter.title or f"Chapter {chapter.number}")
    if chapter.number > 1:
        return [title, text]
    fandoms = meta.fandoms
    category = fandoms[0] if len(fandoms) == 1 else " × ".join(fandoms[:2])
    rating = meta.effective_ffn_rating
    found_genres = genres(meta.additional_tags)
    names, left_out = characters(meta.characters, meta.relationships)
    return [
        _field(
            "category",
            "Crossover" if len(fandoms) > 1 else "Category",
            category,
            "" if fandoms else "FFN needs a category: add the fandom in Work Details.",
            f"FFN takes two fandoms at most: {', '.join(fandoms[2:])} left out."
            if len(fandoms) > 2
            else "",
        ),
        _field("title", "Title", meta.title),
        _field("summary", "Summary", " ".join(plain_text(meta.summary).split())),
        _field(
            "rating",
            "Rating",
            rating.value,
            "FFN allows no explicit content, even at M: check the text before posting."
            if meta.rating is Rating.EXPLICIT
            else "",
        ),
        _field("language", "Language", meta.language),
        _field(
            "genre_1",
            "Genre 1",
            found_genres[0] if found_genres else "",
            "" if found_genres else "None of the additional tags is an FFN genre: choose one.",
        ),
        _field(
            "genre_2",
            "Genre 2",
            found_genres[1] if len(found_genres) > 1 else "",
            f"FFN takes two genres: {', '.join(found_genres[MAX_GENRES:])} left out."
            if len(found_genres) > MAX_GENRES
            else "",
        ),
        _field(
            "characters",
            "Characters",
            names,
            f"FFN takes four characters: {', '.join(left_out)} left out." if left_out else "",
        ),
        _field("status", "Status", "Complete" if meta.status is Status.COMPLETE else "In-Progress"),
        title,
        text,
    ]

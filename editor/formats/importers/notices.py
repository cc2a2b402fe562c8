"""Files that are an author's notice, not a chapter of story: "Author's Note - Hiatus", a
hiatus announcement posted in a chapter's place.

Read one at a time, such a file looks like notes with a scrap of story between them ("The
story will be finished, I promise."). Read among the other files of a work, it is plain: next
to nothing is left for the story, and the author says it is a notice. Its words all become
the chapter's notes, and it stays a chapter, as it was posted: the author decides whether to
keep it (the preview says what it is).
"""

from __future__ import annotations

import re

from editor.formats.importers import cues
from editor.formats.importers.header import Part
from editor.formats.importers.split import finish, paragraphs_from_lines
from editor.text.richtext import Block

_MOST_WORDS = 80  # more story than this: a short chapter with long notes, not a notice
# What a notice says about itself, in the languages fic sites serve.
_NOTICE = re.compile(
    r"\b(?:not an? (?:new |real )?(?:chapter|update)|no (?:new )?chapter|hiatus|on hold"
    r"|kein(?:e)? (?:neues |richtiges )?(?:kapitel|update)|pausier\w*|pause\b|auszeit"
    r"|no es un cap[ií]tulo|no hay cap[ií]tulo|en pausa|n[ãa]o [ée] um cap[ií]tulo|em pausa"
    r"|(?:ce )?n'est pas un (?:nouveau )?chapitre|en pause|non [èe] un capitolo|in pausa)",
    re.IGNORECASE,
)


def fold_notices(parts: list[Part], keep: set[str], warnings: list[str]) -> set[str]:
    """Move each notice's words to its notes; the files that were notices. ``keep``: files
    where the author chose what is story (left alone)."""
    notices: set[str] = set()
    if len(parts) < 2:
        return notices
    for n, part in enumerate(parts):
        if part.source in keep or part.exact or not _is_notice(part):
            continue  # (a file Ficwright wrote says itself what is story)
        body = finish(_blocks(part))
        if body:
            part.meta.notes_begin.append(body)
        part.blocks = []
        notices.add(part.source)
        warnings.append(
            f"Chapter {n + 1} (from “{part.source}”) is an author's notice, not story: "
            "its words are in the chapter's notes."
        )
    return notices


def _blocks(part: Part) -> list[Block]:
    return paragraphs_from_lines(part.blocks) if part.lines_are_paragraphs else part.blocks


def _is_notice(part: Part) -> bool:
    meta = part.meta
    if not (meta.notes_begin or meta.notes_end):
        return False
    text = " ".join(b.text() for b in part.blocks)
    words = len(text.split())
    if words > _MOST_WORDS:
        return False
    said = " ".join([meta.title or "", text, *meta.notes_begin, *meta.notes_end])
    return words == 0 or bool(_NOTICE.search(said)) or cues.voice(text)[0] >= 2

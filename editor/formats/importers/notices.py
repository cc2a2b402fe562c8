"""Files that are an author's notice, not a chapter: "Author's Note (not a chapter, sorry!)",
a hiatus announcement posted in a chapter's place.

Read one at a time, such a file looks like notes with a scrap of story between them ("The
story will be finished, I promise."). Read among the other files of a work, it is plain: next
to nothing is left for the story, and the author says it is a notice. Its words all become
notes. When its title says so too, it is not a chapter at all: its notes join the chapter
before it (or, first in the work, the one after it).
"""

from __future__ import annotations

import re

from editor.formats.importers import cues
from editor.formats.importers.header import Part
from editor.formats.importers.split import finish, paragraphs_from_lines
from editor.text.richtext import Block, Run

_MOST_WORDS = 80  # more story than this: a short chapter with long notes, not a notice
# What a notice says about itself, in the languages fic sites serve.
_NOTICE = re.compile(
    r"\b(?:not an? (?:new |real )?(?:chapter|update)|no (?:new )?chapter|hiatus|on hold"
    r"|kein(?:e)? (?:neues |richtiges )?(?:kapitel|update)|pausier\w*|pause\b|auszeit"
    r"|no es un cap[ií]tulo|no hay cap[ií]tulo|en pausa|n[ãa]o [ée] um cap[ií]tulo|em pausa"
    r"|(?:ce )?n'est pas un (?:nouveau )?chapitre|en pause|non [èe] un capitolo|in pausa)",
    re.IGNORECASE,
)
# A chapter titled as a note: the author posted a notice in a chapter's place.
_NOTE_TITLE = re.compile(
    r"(?i)\b(?:author'?s'? notes?|a/n|not an? (?:new |real )?chapter|hiatus|notice|announcement"
    r"|important|update|anuncio|aviso|hinweis|mitteilung|ank[üu]ndigung|annonce|avviso)\b"
)


def fold_notices(parts: list[Part], keep: set[str], warnings: list[str]) -> list[Part]:
    """The parts with each notice's words moved to notes; a part titled as a note is folded
    into its neighbour. ``keep``: files where the author chose what is story (left alone)."""
    if len(parts) < 2:
        return parts
    out: list[Part] = []
    pending: list[str] = []  # a notice before the first chapter: the next one's notes
    for n, part in enumerate(parts):
        if part.source in keep or not _is_notice(part):
            if pending and part.meta is not None:
                part.meta.notes_begin[:0] = pending
                pending = []
            out.append(part)
            continue
        meta = part.meta
        body = finish(_blocks(part))
        title = meta.title or ""
        if not _NOTE_TITLE.search(title):
            if body:
                meta.notes_begin.append(body)
            part.blocks = []
            out.append(part)
            warnings.append(
                f"Chapter {n + 1} (from “{part.source}”) is an author's notice: "
                "its words are in the chapter's notes."
            )
            continue
        heading = finish([Block("p", [Run(title)])]) if title else ""
        notes = [h for h in (heading, *meta.notes_begin, body, *meta.notes_end) if h]
        if out:
            out[-1].meta.notes_end.extend(notes)
            where = f"the end notes of chapter {len(out)}"
        else:
            pending.extend(notes)
            where = "the notes of the next chapter"
        warnings.append(f"“{part.source}” is an author's notice, not a chapter: it is in {where}.")
    if pending:  # nothing but notices: keep them as they were
        return parts
    return out


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

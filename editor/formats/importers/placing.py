"""Where each unit at a chapter's edges goes: its field, the notes, or the story.

``Placer`` writes what ``edges`` found before and after the story into the work's and the
chapter's fields (through ``header.FieldWriter``, which knows each field's type), merges
neighbouring notes into one, carries a label's value over the paragraphs under it, and never
drops a word but site furniture: a value no field takes becomes a note. The author's choices
in the preview win over the evidence.
"""

from __future__ import annotations

import itertools
import re

from editor.formats.importers import cues
from editor.formats.importers.edges_units import (
    DECORATION,
    NOTE_KEYS,
    Context,
    Decision,
    Unit,
)
from editor.formats.importers.header import (
    FOR_TO,
    MULTILINE,
    PREFIXED,
    FieldWriter,
    Found,
    PartMeta,
    WorkFields,
    shorten,
    unquoted,
)
from editor.formats.importers.split import (
    Line,
    block_of,
    finish,
    parse_heading,
    plain_letters,
    slice_line,
    strip_line,
    text_of,
    unmarked,
    without_number,
)
from editor.text.richtext import Block, Run


def _sure(weight: float) -> str:
    weight = abs(weight)
    return "sure" if weight >= 5 else "likely" if weight >= 3 else "unsure"


class Placer:
    """Puts each unit where the evidence (or the author) says, never dropping a word."""

    def __init__(
        self, work: WorkFields, part: PartMeta, *, work_scope: bool, source: str, context: Context
    ) -> None:
        self.work = work
        self.part = part
        self.work_scope = work_scope
        self.source = source
        self.context = context
        self.reader = FieldWriter(work, part, work_scope=work_scope)

    def _decide(self, unit: Unit, target: str, *, chosen: bool = False, why: str = "") -> None:
        if unit.kind in ("sep", "spacer"):
            return
        self.context.decisions.append(
            Decision(
                unit.ident,
                self.source,
                shorten(unit.text, 100),
                target,
                why or unit.why,
                "sure" if chosen else _sure(unit.weight),
                chosen,
            )
        )

    def _chosen(self, unit: Unit) -> str | None:
        return self.context.overrides.get(unit.ident)

    # -- the three regions ------------------------------------------------------------

    def story(self, units: list[Unit]) -> set[int]:
        """Story units stay, unless the author moved one into a field."""
        taken: set[int] = set()
        real = [i for i, u in enumerate(units) if u.kind not in ("sep", "spacer")]
        edges = set(real[:2] + real[-2:])
        for i, unit in enumerate(units):
            chosen = self._chosen(unit)
            if chosen and chosen != "story":
                self._put(unit, chosen)
                self._decide(unit, chosen, chosen=True)
                taken.add(id(unit))
            elif i in edges:
                self._decide(unit, "story", chosen=chosen == "story", why=_story_why(unit))
        return taken

    def region(self, units: list[Unit], *, end: bool) -> set[int]:
        """Front or end matter: the ids of the units taken out of the text."""
        consumed: set[int] = set()
        notes: list[tuple[Unit, Line | None]] = []  # consecutive note units
        pending: list[Unit] = []  # a labelled field and the units that go on with it
        plain_wait: Unit | None = None  # "Rating:" alone: its value is the next unit
        listing = False  # taking a list under plain_wait, an item a unit
        note_field = "notes_end" if end else "notes_begin"

        def flush_notes() -> None:
            if notes:
                self._notes(note_field, notes)
                notes.clear()

        def flush_pending() -> None:
            if pending:
                if not self._labelled(pending):
                    for u in pending:
                        notes.append((u, None))
                pending.clear()

        for unit in units:
            chosen = self._chosen(unit)
            if chosen == "story":
                flush_pending()
                flush_notes()
                self._decide(unit, "story", chosen=True)
                continue
            consumed.add(id(unit))
            if chosen:
                flush_pending()
                flush_notes()
                self._put(unit, chosen)
                self._decide(unit, chosen, chosen=True)
                continue
            if unit.kind in ("sep", "spacer"):
                flush_pending()
                flush_notes()
                plain_wait = None
                continue
            if unit.kind == "heading":
                flush_pending()
                flush_notes()
                if not self._heading(unit):
                    consumed.discard(id(unit))
                    self._decide(unit, "story", why="a second heading for a titled chapter")
                continue
            item = unit.item
            if listing and item is None:
                plain_wait = None  # the list under "Warnings:" has ended
            listing = item is not None and plain_wait is not None
            if plain_wait is not None and unit.key is None and len(unit.text.split()) <= 25:
                # "Rating:" on one line, "Teen And Up Audiences" on the next (a copied page),
                # or a list under it, an item a line ("- panic attack").
                wait = plain_wait
                plain_wait = wait if item is not None else None
                value = unit.text if item is None else item
                assert wait.key is not None
                if self.reader.plain(wait.key.key, wait.key.spelled, value, unit.text):
                    why = unit.why if item is not None else f"the value of “{wait.key.spelled}”"
                    self._decide(unit, _target_of(wait.key.key), why=why)
                    continue
            plain_wait = None
            if unit.key is not None:
                flush_pending()
                key = unit.key.key
                if key in MULTILINE or unit.key.spelled in PREFIXED:
                    if key in NOTE_KEYS:
                        flush_notes()
                        notes.append((unit, slice_line(unit.lines[0], unit.key.value_start)))
                        self._decide(unit, note_field)
                    else:
                        flush_notes()
                        pending.append(unit)
                        self._decide(unit, _target_of(key))
                    continue
                flush_notes()
                if not unit.value and key not in ("ignore_words", "ignore_stats"):
                    plain_wait = unit
                    self._decide(unit, _target_of(key))
                    continue
                if self.reader.plain(key, unit.key.spelled, unit.value, unit.text):
                    self._decide(unit, _target_of(key))
                else:
                    notes.append((unit, None))  # a value no field takes: a note, label and all
                    self._decide(unit, note_field, why=unit.why + "; kept as a note")
                continue
            if unit.target == "dropped" or unit.target == "furniture":
                flush_pending()
                if self.work_scope and self._furniture_fields(unit):
                    continue
                self.work.found.append(
                    Found("", "Left out (site furniture)", shorten(unit.text), unit.text[:120])
                )
                self._decide(unit, "dropped")
                continue
            head_key = pending[0].key.key if pending and pending[0].key else ""
            # "Prompt: "…"" says it all; the author's "Happy holidays!" after it is a note
            talking = bool(pending) and unit.target == "notes" and unit.weight > 0
            talking = talking and bool(pending[0].value)
            if (
                pending
                and not (talking and head_key not in NOTE_KEYS)
                and not (unit.why == "a label" and head_key not in NOTE_KEYS)
                and (
                    unit.target == head_key
                    or (
                        unit.target in ("", "story", "narrative", "notes")
                        and (unit.weight < 3 or head_key in NOTE_KEYS)
                    )
                )
            ):
                pending.append(unit)  # "Summary:" goes on over the next paragraph
                self._decide(unit, _target_of(pending[0].key.key), why="goes on from the label")  # type: ignore[union-attr]
                continue
            flush_pending()
            target = unit.target
            if target == "relationships" and self.work.offer(
                "relationships", (_plain(unit.text),), _source(unit.text)
            ):
                flush_notes()
                self._decide(unit, "relationships")
                continue
            if target in ("disclaimer", "dedication", "warnings", "summary") and self._unlabelled(
                unit, target
            ):
                flush_notes()
                self._decide(unit, target)
                continue
            if target == "info" and self._info(unit):
                flush_notes()
                self._decide(unit, "rating")
                continue
            if target in ("title", "title_by", "title_name", "chapter_title") and self._title(
                unit, target
            ):
                flush_notes()
                self._decide(unit, "chapter_title" if target == "chapter_title" else "title")
                continue
            notes.append((unit, None))
            self._decide(unit, note_field)
        flush_pending()
        flush_notes()
        return consumed

    # -- writing fields -----------------------------------------------------------------

    def _notes(self, name: str, notes: list[tuple[Unit, Line | None]]) -> None:
        blocks = []
        for unit, first in notes:
            lines = list(unit.lines)
            if first is not None:
                lines[0] = first
            lines = [strip_line(x) for x in lines]
            if any(text_of(x).strip() for x in lines):
                blocks.append(block_of(lines, Block("p")))
        html = finish(blocks)
        if html:
            self.part.add(name, html, _source(" ".join(u.text for u, _ in notes)))

    def _labelled(self, units: list[Unit]) -> bool:
        """A multi-line field ("Summary:", "Disclaimer:") and what goes on with it."""
        head = units[0]
        assert head.key is not None
        lines = [strip_line(slice_line(head.lines[0], head.key.value_start)), *head.lines[1:]]
        if head.key.spelled in PREFIXED and not FOR_TO.match(text_of(lines[0])):
            lines[0] = [Run("For "), *lines[0]]  # "Dedicated to: Lou" -> "For Lou"
        groups = [lines]
        for before, unit in itertools.pairwise(units):
            more = [strip_line(x) for x in unit.lines]
            if unit.block == before.block:
                groups[-1] = [*groups[-1], *more]  # a line break inside one paragraph
            else:
                groups.append(more)
        blocks = [block_of(group, Block("p")) for group in groups]
        html = finish(blocks)
        if not html:
            return False
        source = _source(" ".join(u.text for u in units))
        return self.reader.rich(head.key.key, html, source)

    def _unlabelled(self, unit: Unit, target: str) -> bool:
        html = finish([block_of([strip_line(x) for x in unit.lines], Block("p"))])
        source = _source(unit.text)
        if target == "warnings":
            if self.work_scope:
                return self.work.offer("content_warnings", (_plain(unit.text),), source)
            self.part.warnings.append(_plain(unit.text))
            self.part.found.append(Found(":warnings", "warnings", shorten(unit.text), source))
            return True
        if target == "summary" and not self.work_scope:
            self.part.add("summary", html, source)
            return True
        return self.work.offer(target, html, source)

    def _title(self, unit: Unit, target: str) -> bool:
        text = _plain(unit.text).strip(DECORATION)
        source = _source(unit.text)
        if target == "title_by":
            found = cues.title_by_author(unit.text)
            if found is None:
                return False
            title, author, extra = found
            taken = self.work.offer("title", unquoted(title), source)
            taken = self.work.offer("author", author, source) and taken
            if taken and extra:
                self.part.add("notes_begin", finish([Block("p", [Run(extra)])]), source)
            return taken
        if target == "title_name":
            title, name = (text_of(line).strip() for line in unit.lines)
            taken = self.work.offer("title", unquoted(title), source)
            return self.work.offer("author", name, source) and taken
        if target == "title":
            # "Stay for the Thaw | Roan x Reader": the title, then the pairing (or a note)
            title, _, rest = text.partition(" | ")
            taken = self.work.offer("title", unquoted(title.strip()), source)
            if taken and rest.strip():
                if cues.names_a_pairing(rest):
                    self.work.offer("relationships", (rest.strip(),), source)
                else:
                    self.part.add("notes_begin", finish([Block("p", [Run(rest.strip())])]), source)
            return taken
        text = without_number(text)
        author = self.work.values.get("author")
        if isinstance(author, str) and author and text.endswith(f" by {author}"):
            text = text[: -len(f" by {author}")]  # "1. Fog Season by tidewrack"
        if not self.part.title:
            self.part.title, self.part.title_source = text, source
            return True
        return self.part.title == text

    def _furniture_fields(self, unit: Unit) -> bool:
        """What a page's furniture says of the work: a breadcrumb's fandom, title and
        chapter ("Greyfront Fan Fiction ❯ The Open Windows ❯ Chapter 9 - The Farmhouse"),
        a rating badge."""
        source = _source(unit.text)
        rating = cues.badge_rating(unit.text)
        if rating is not None:
            if self.reader.plain("rating", "rated", rating, source):
                self._decide(unit, "rating", why="the site's rating badge")
                return True
            return False
        crumbs = cues.breadcrumb(unit.text)
        fandom = cues.site_fandom(crumbs) if crumbs else None
        if crumbs is None or fandom is None:
            return False
        self.work.offer("fandoms", (fandom,), source)
        rest = crumbs[1:] if fandom != crumbs[-1] else []
        if len(rest) == 2:  # "… ❯ The Signal Tower ❯ No Owls ( Chapter 3 )"
            chapter = re.sub(r"\s*\([^()]{1,30}\)\s*$", "", rest[1])  # "( Chapter 3 )"
            heading = parse_heading(chapter, strict=False)
            title = heading.title if heading is not None else chapter
            if title and not self.part.title:
                self.part.title, self.part.title_source = title, source
            rest = rest[:1]
        elif rest and (heading := parse_heading(rest[-1], strict=False)) is not None:
            if heading.title and not self.part.title:
                self.part.title, self.part.title_source = heading.title, source
            rest = rest[:-1]
        if len(rest) == 1:
            self.work.offer("title", rest[0], source)
        self._decide(unit, "fandom", why="the page's breadcrumb names the fandom")
        return True

    def _info(self, unit: Unit) -> bool:
        """ "[K+] Saltmarsh Academy - Friendship/Family": the rating, the fandom (the piece
        that is neither genres nor a language) and the genres as tags."""
        found = cues.info_line(unit.text)
        if found is None or not self.work_scope:
            return False
        rating, pieces, genres = found
        source = _source(unit.text)
        plain = self.reader.plain
        taken = plain("rating", "rated", rating, source)
        for piece in pieces:
            if piece in genres:
                taken = plain("category", "genre", piece, source) and taken
            elif cues.is_language(piece):
                taken = plain("language", "language", piece, source) and taken
            else:
                taken = plain("fandoms", "fandom", piece, source) and taken
        return taken

    def _heading(self, unit: Unit) -> bool:
        heading = unit.heading
        assert heading is not None
        source = _source(unit.text)
        if heading.expected:
            self.work.offer("expected_chapters", heading.expected, source)
        if heading.title and not self.part.title:
            self.part.title, self.part.title_source = heading.title, source
        elif self.part.title is None:
            self.part.title, self.part.title_source = "", source
        elif heading.title and heading.title != self.part.title:
            return False  # the chapter has a title: this heading's words stay in the text
        self._decide(unit, "chapter_title")
        return True

    def _put(self, unit: Unit, target: str) -> None:
        """Where the author sent a unit."""
        lines = [strip_line(x) for x in unit.lines]
        if unit.key is not None and target not in ("notes_begin", "notes_end"):
            lines[0] = strip_line(slice_line(unit.lines[0], unit.key.value_start)) or lines[0]
        html = finish([block_of(lines, Block("p"))])
        text = " ".join(text_of(x) for x in lines).strip()
        source = _source(unit.text)
        if target in ("notes_begin", "notes_end"):
            self.part.add(target, html, source)
        elif target == "chapter_summary":
            self.part.add("summary", html, source)
        elif target == "chapter_title":
            self.part.title, self.part.title_source = _plain(text), source
        elif target in ("title", "author"):
            self.work.values.pop(target, None)
            self.work.offer(target, _plain(text), source)
        elif target == "warnings":
            self._unlabelled(unit, "warnings")
        elif target in ("summary", "disclaimer", "dedication", "prompt"):
            self.work.values.pop(target, None)
            self.work.offer(target, html, source)
        elif target == "dropped":
            self.work.found.append(Found("", "Left out (your choice)", shorten(text), source))


def _target_of(key: str) -> str:
    return {
        "notes": "notes_begin",
        "fandoms": "fandom",
        "chapter_warnings": "warnings",
        "category": "tags",
        "additional_tags": "tags",
        "ignore_words": "dropped",
        "ignore_stats": "dropped",
        "expected": "expected_chapters",
        "prompt_by": "prompt",
        "prompt_collection": "prompt",
    }.get(key, key)


def _story_why(unit: Unit) -> str:
    return unit.why if unit.weight < 0 else f"{unit.why}, but the story runs on around it"


def _plain(text: str) -> str:
    """A field's plain value: no marks, one space, and styled letters (𝘛𝘩𝘦) as plain ones."""
    return re.sub(r"\s+", " ", plain_letters(unmarked(text))).strip()


def _source(text: str) -> str:
    return shorten(text.strip(), 120)

"""The units a chapter's edges are read in, and what was decided about each.

A unit is a paragraph, a labelled line, a symbol line or a chapter heading (``units_of``);
``edges`` weighs them, ``placing`` puts them into fields. A ``Decision`` is what one unit
was taken for, for the import preview, and ``Context`` carries an import's decisions and the
author's choices (``overrides``) across its files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from editor.formats.importers import cues
from editor.formats.importers.header import KeyMatch, looks_keyed, match_key
from editor.formats.importers.split import (
    Heading,
    Line,
    is_blank,
    is_scene_break,
    lines_of,
    parse_heading,
    slice_line,
    text_of,
    unmarked,
)
from editor.text.richtext import Block

NOTE_KEYS = {"notes", "notes_end"}
DECORATION = " -–—~*=_[](){}<>«»|•·"  # around a heading or a title line

# Where a unit can be sent from the preview, and the label each is shown with.
TARGETS: dict[str, str] = {
    "story": "Story text",
    "notes_begin": "Beginning notes",
    "notes_end": "End notes",
    "chapter_title": "Chapter title",
    "chapter_summary": "Chapter summary",
    "title": "Title",
    "author": "Author",
    "summary": "Summary",
    "disclaimer": "Disclaimer",
    "dedication": "Dedication",
    "prompt": "Prompt",
    "warnings": "Warnings",
    "dropped": "Left out (site furniture)",
}


@dataclass(frozen=True, slots=True)
class Decision:
    """What one unit at a chapter's edge was taken for, for the import preview."""

    ident: str  # stable over re-reads of the same files: the key of an override
    source: str  # the file
    text: str  # the unit, shortened
    target: str  # a key of TARGETS
    why: str
    sure: str  # "sure", "likely" or "unsure"
    chosen: bool = False  # the author's choice, not the evidence


@dataclass(slots=True)
class Context:
    """One import's reading state: the author's choices, and what was decided."""

    overrides: dict[str, str] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    _seen: dict[tuple[str, str], int] = field(default_factory=dict)

    def ident(self, source: str, text: str) -> str:
        key = (source, text[:200])  # (a unit's text is already one line, single-spaced)
        n = self._seen.get(key, 0)
        self._seen[key] = n + 1
        return f"{source}\x1f{key[1]}\x1f{n}"


@dataclass(slots=True)
class Unit:
    block: int
    lines: list[Line]
    numbers: list[int]  # which lines of the block
    kind: str  # "text", "sep", "spacer" or "heading"
    key: KeyMatch | None = None
    heading: Heading | None = None
    target: str = ""  # what the evidence says it is ("" unknown)
    weight: float = 0.0
    why: str = ""
    ident: str = ""
    text: str = ""  # the lines joined, set once the unit is complete
    words: int = 0
    item: str | None = None  # a list item's text without its bullet ("- panic attack")

    @property
    def bold(self) -> bool:
        """The whole unit in bold ("**snowed in**"): set apart as a title is."""
        runs = [r for line in self.lines for r in line if r.text.strip()]
        return bool(runs) and all("strong" in r.marks for r in runs)

    @property
    def value(self) -> str:
        """A labelled unit's text after its label."""
        first = text_of(self.lines[0])[self.key.value_start :] if self.key else ""
        return " ".join([first.strip(), *(text_of(x).strip() for x in self.lines[1:])]).strip()


# -- units -------------------------------------------------------------------------------


def units_of(blocks: list[Block], *, per_line: bool = False, headings: bool = True) -> list[Unit]:
    """The units of a text. A block of labels ("Title: X" over "by Y") is a unit a line, and
    so is every line of one-paragraph-per-line text; other line breaks (a poem) stay inside
    their paragraph."""
    units: list[Unit] = []
    for i, block in enumerate(blocks):
        if block.kind == "hr":
            units.append(Unit(i, [], [], "sep"))
            continue
        if is_blank(block):
            continue
        lines = lines_of(block)
        texts = [text_of(line) for line in lines]
        separate = per_line or (
            len(lines) > 1 and any(match_key(t, loose=True) or looks_keyed(t) for t in texts)
        )
        current: Unit | None = None
        for n, (line, text) in enumerate(zip(lines, texts, strict=True)):
            if not text.strip():
                current = None
                continue
            pieces = _piped(line, text)
            if pieces:  # "Genere: Avventura | Stato: in corso": a label a piece
                for piece in pieces:
                    units.append(Unit(i, [piece], [n], "text", match_key(text_of(piece))))
                current = None
                continue
            if is_scene_break(text) or not unmarked(text).strip(".·•"):
                kind = "sep" if is_scene_break(text) else "spacer"
                units.append(Unit(i, [line], [n], kind))
                current = None
                continue
            # (a heading is a short line: no parsing for a paragraph of prose)
            short = headings and len(text) <= 200
            heading = parse_heading(text, strict=block.kind == "p") if short else None
            key = None if heading else match_key(text)
            if current is None or separate or key is not None or heading is not None:
                current = Unit(i, [line], [n], "heading" if heading else "text", key, heading)
                units.append(current)
                if heading is not None:
                    current = None  # the line under "Chapter 1" ("-A Late Frost-") is its own
            else:
                current.lines.append(line)
                current.numbers.append(n)
    for unit in units:
        unit.text = " ".join(text_of(line).strip() for line in unit.lines)
        unit.words = len(unit.text.split())
        if unit.kind == "text":
            listed = blocks[unit.block].kind == "li" and len(unit.text.split()) <= 20
            unit.item = unit.text.strip() if listed else cues.list_item(unit.text)
    return units


_BAR = re.compile(r"\s+\|\s+")


# Where a second label may start inside a line: "Categories: Isles > A/B Characters: A, B"
_INNER_LABEL = re.compile(r"\s+(?=[A-Z][\w'’ ]{1,24}:\s)")


def _piped(line: Line, text: str) -> list[Line]:
    """A line of labels joined by bars, as EFP and some archives print a header, or run
    together (eFiction), cut into its pieces; [] for any other line."""
    if " | " in text:
        bars = [(bar.start(), bar.end()) for bar in _BAR.finditer(text)]
    elif (colon := text.find(":")) >= 0 and ":" in text[colon + 1 :] and match_key(text):
        bars = [(m.start(), m.end()) for m in _INNER_LABEL.finditer(text, colon + 1)]
        # (each piece with a value: "Chapter Notes: Content note: …" is one label's note)
        bars = [(a, b) for a, b in bars if text[colon + 1 : a].strip() and match_key(text[b:])]
    else:
        return []
    if not bars:
        return []
    cuts = [0, *(m for bar in bars for m in bar), len(text)]
    spans = list(zip(cuts[::2], cuts[1::2], strict=True))
    labelled = sum(1 for a, b in spans if match_key(text[a:b]) is not None)
    if labelled < 2 and not (labelled and len(spans) == 2):
        return []
    return [slice_line(line, a, b) for a, b in spans]

"""A file Ficwright wrote, read back by its layout (``formats.layout.Document``).

The whole-work exports (Markdown, plain text, HTML, DOCX) share one layout: the work's title
(level 1), a "by" line, the work's fields as "Label: value" paragraphs, a rule; then each
chapter under a level-2 heading ("Chapter 2: Title"), its summary, warnings and notes before
a rule, its text (headings one level lower than stored), then a rule and "End notes:".
Such a file says what everything is, so it is read by that layout, exactly, rather than
guessed at by the classifier (``edges``), which would take the text's own headings for
chapters. A file that departs from the layout anywhere is left to the classifier.

Readers call ``read_document`` with blocks whose headings keep their level (h1-h6).
Limits: a rule inside a chapter's beginning notes ends them early (the layout puts a rule
after them), and a chapter whose text opens with a bold "Notes:" paragraph reads as notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from editor.formats.importers.header import (
    FieldWriter,
    Part,
    PartMeta,
    WorkFields,
    match_key,
    split_list,
)
from editor.formats.importers.split import PAGE_BREAK, Source
from editor.formats.layout import CHAPTER_LEVEL, TITLE_LEVEL, heading_level, raised
from editor.text.richtext import Block, Run, serialize

# The labels ``layout.title_page`` and ``layout.chapter_sections`` write.
WORK_LABELS = frozenset(
    {
        "Fandom",
        "Rating",
        "Archive warnings",
        "Content warnings",
        "Category",
        "Relationships",
        "Characters",
        "Additional tags",
        "Language",
        "Series",
        "Words",
        "Chapters",
        "Summary",
        "Disclaimer",
        "Dedication",
        "Prompt",
        "Prompted by",
        "Written for",
    }
)
_RICH = {"Summary": "summary", "Disclaimer": "disclaimer", "Dedication": "dedication",
         "Prompt": "prompt"}  # fmt: skip
_BEFORE = {"Summary": "summary", "Notes": "notes_begin"}
WARNINGS_LABEL = "Chapter warnings"
END_LABEL = "End notes"
_CHAPTER = re.compile(r"Chapter \d+(?: of (?:\d+|\?))?(?:: (?P<title>.*))?", re.DOTALL)


@dataclass(slots=True)
class _Section:
    label: str
    blocks: list[Block]


def read_document(name: str, blocks: list[Block], *, bold_labels: bool = True) -> Source | None:
    """``blocks`` (headings at their document level) as a work, or None when they are not
    laid out as Ficwright writes a whole work. ``bold_labels``: a label is a bold run (every
    format but plain text, where a label is only its text)."""
    # Copies: a file that turns out not to be ours goes to the classifier as it was read.
    blocks = [replace(b) for b in blocks]
    while blocks and blocks[0].kind != "hr" and not blocks[0].text().strip():
        del blocks[0]
    if not blocks or heading_level(blocks[0].kind) != TITLE_LEVEL:
        return None
    work = WorkFields()
    title = _text(blocks[0])
    work.offer("title", title, title)
    i = 1
    if i < len(blocks) and blocks[i].kind == "p" and blocks[i].text().startswith("by "):
        author = _text(blocks[i])[3:]
        work.offer("author", author, _text(blocks[i]))
        i += 1
    # The header ends at a rule, or at a page break (DOCX).
    end = next((j for j in range(i, len(blocks)) if _ends_header(blocks[j])), len(blocks))
    front = _sections(blocks[i:end], WORK_LABELS, bold_labels)
    # The layout always counts words and chapters: another file's header rarely does both.
    if front is None or not {"Words", "Chapters"} <= {s.label for s in front}:
        return None
    writer = FieldWriter(work, PartMeta(), work_scope=True)
    for section in front:
        _work_field(section, work, writer)
    chapters = _chapters(_without_page_breaks(blocks[end + 1 :]))
    if chapters is None:
        return None
    parts = []
    for heading, chapter in chapters:
        part = _chapter(heading, chapter, name, bold_labels)
        if part is None:
            return None
        parts.append(part)
    if not parts:
        return None
    return Source(name, structured=(work, parts))


def _without_page_breaks(blocks: list[Block]) -> list[Block]:
    """Without page breaks and the empty paragraphs Word holds them in (DOCX)."""
    breaks = {i for i, b in enumerate(blocks) if b.kind == PAGE_BREAK}
    near = {j for i in breaks for j in (i - 1, i + 1)}
    return [
        b
        for i, b in enumerate(blocks)
        if i not in breaks and not (i in near and b.kind == "p" and not b.runs)
    ]


def _ends_header(block: Block) -> bool:
    return block.kind in ("hr", PAGE_BREAK)


def _text(block: Block) -> str:
    return " ".join(block.text().split())


def _label(block: Block, labels: frozenset[str] | set[str], bold: bool) -> str | None:
    """The label a section's first block opens with ("Rating"), if it is one of ``labels``."""
    if block.kind != "p" or block.quote or block.align or not block.runs:
        return None
    first = block.runs[0]
    if bold:
        if "strong" not in first.marks or not first.text.endswith(":"):
            return None
        label = first.text[:-1]
    else:
        label = first.text.split(":", 1)[0] if ":" in first.text else ""
    return label if label in labels else None


def _sections(
    blocks: list[Block], labels: frozenset[str] | set[str], bold: bool
) -> list[_Section] | None:
    """Labelled sections, each a label's block and the blocks up to the next label; None
    when the first block has no label."""
    sections: list[_Section] = []
    for block in blocks:
        label = _label(block, labels, bold)
        if label is not None:
            sections.append(_Section(label, [_unlabelled(block, label)]))
        elif sections:
            sections[-1].blocks.append(block)
        else:
            return None
    return sections


def _unlabelled(block: Block, label: str) -> Block:
    """``block`` without its "Label: " (an empty block when the label stood alone)."""
    runs = list(block.runs)
    cut = len(label) + 1
    first = runs[0]
    rest = first.text[cut:]
    runs[0] = Run(rest, first.marks, first.href)
    if not rest and len(runs) > 1:
        second = runs[1]
        runs[1] = Run(second.text.removeprefix(" "), second.marks, second.href)
    else:
        runs[0] = Run(rest.removeprefix(" "), first.marks, first.href)
    return Block(block.kind, [r for r in runs if r.text], block.align, block.quote,
                 block.list_type)  # fmt: skip


def _html(blocks: list[Block]) -> str:
    """A section's value as canonical HTML."""
    return serialize(raised([b for b in blocks if b.kind == "hr" or b.runs]))


def _work_field(section: _Section, work: WorkFields, writer: FieldWriter) -> None:
    source = f"{section.label}: …"
    if section.label in _RICH:
        work.offer(_RICH[section.label], _html(section.blocks), source)
        return
    value = " ".join(section.blocks[0].text().split())
    key = match_key(f"{section.label}: {value}")
    if key is not None:
        writer.plain(key.key, key.spelled, value, f"{section.label}: {value}")


def _chapters(blocks: list[Block]) -> list[tuple[Block | None, list[Block]]] | None:
    """The blocks after the work's header, cut at chapter headings (a oneshot may have none)."""
    out: list[tuple[Block | None, list[Block]]] = []
    for block in blocks:
        level = heading_level(block.kind)
        if level == TITLE_LEVEL:
            return None
        if level == CHAPTER_LEVEL:
            out.append((block, []))
        elif out:
            out[-1][1].append(block)
        elif block.kind == "hr" or block.text().strip():  # a oneshot's text, under no heading
            out.append((None, [block]))
    return out


def _chapter(heading: Block | None, blocks: list[Block], name: str, bold: bool) -> Part | None:
    meta = PartMeta()
    if heading is not None:
        text = _text(heading)
        m = _CHAPTER.fullmatch(text)
        meta.title = (m.group("title") or "") if m else text
        meta.title_source = text
    before_labels = {*_BEFORE, WARNINGS_LABEL}
    if blocks and _label(blocks[0], before_labels, bold):
        rule = next((i for i, b in enumerate(blocks) if b.kind == "hr"), None)
        if rule is None:
            return None
        for section in _sections(blocks[:rule], before_labels, bold) or []:
            if section.label == WARNINGS_LABEL:
                meta.warnings.extend(split_list(section.blocks[0].text()))
            else:
                meta.add(_BEFORE[section.label], _html(section.blocks), f"{section.label}: …")
        blocks = blocks[rule + 1 :]
    end = _end_notes_at(blocks, bold)
    if end is not None:
        notes = _sections(blocks[end + 1 :], {END_LABEL}, bold) or []
        meta.add("notes_end", _html([b for s in notes for b in s.blocks]), f"{END_LABEL}: …")
        blocks = blocks[:end]
    return Part(meta, raised(blocks), name, exact=True)


def _end_notes_at(blocks: list[Block], bold: bool) -> int | None:
    """Where the rule before a chapter's "End notes:" stands."""
    for i in _reversed_rules(blocks):
        if i + 1 < len(blocks) and _label(blocks[i + 1], {END_LABEL}, bold):
            return i
    return None


def _reversed_rules(blocks: list[Block]) -> Iterator[int]:
    return (i for i in range(len(blocks) - 1, -1, -1) if blocks[i].kind == "hr")

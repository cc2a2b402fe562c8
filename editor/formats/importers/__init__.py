"""Import: an author's files (text, Markdown, HTML, AO3 downloads, Word) as chapters and fields.

``read_files`` reads and recognises everything without touching a work, so the Import dialog
can show a preview ("what went where") and an author can still say no; ``apply`` then adds
the chapters and sets the fields in one transaction. Nothing here imports Qt.

The flow: each reader (``text``, ``markdown``, ``html``, ``docx``) turns one file into a
``split.Source`` of canonical blocks; ``header`` takes a fic header and author's notes out of
it; ``split`` cuts it at chapter headings. A word is never dropped: what is not recognised
stays in the chapter text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from editor.formats.importers.edges_units import Context
    from editor.formats.importers.header import Part, PartMeta, WorkFields
    from editor.formats.importers.split import Source
    from editor.model import WorkMeta
    from editor.store.project import NewChapter, Project
    from editor.text.richtext import Block

SUPPORTED = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx")
_READERS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}


@dataclass(frozen=True, slots=True)
class ImportedChapter:
    title: str
    body: str  # canonical HTML
    summary: str = ""  # canonical HTML (ChapterMeta fields)
    notes_begin: str = ""
    notes_end: str = ""
    source: str = ""  # the file it came from (name)
    warnings: tuple[str, ...] = ()  # the chapter's own warnings (ChapterMeta.warnings)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing recognised, for the preview's "what went where"."""

    field: str  # a WorkMeta field, "chapter:<n>:<ChapterMeta field>" / "chapter:<n>:title",
    # or "" for a line read and deliberately not kept (a word count)
    label: str  # readable ("Rating", "Chapter 2 beginning notes")
    value: str  # short readable preview of the value
    source: str  # the original line(s) it came from, shortened


@dataclass(slots=True)
class ImportResult:
    fields: dict[str, Any]  # WorkMeta field -> value of the WorkMeta type
    chapters: list[ImportedChapter]
    findings: list[Finding]
    encodings: dict[str, str]  # file name -> encoding used, for text files
    warnings: list[str] = field(default_factory=list)
    # What each unit at a chapter's edges was taken for, and why (edges.Decision)
    decisions: list[Any] = field(default_factory=list)


class ImportFailed(Exception):
    """A file cannot be imported; the message says which and why, for the author."""


class ImportCancelled(ImportFailed):
    """The author cancelled; nothing was imported."""


def natural_key(name: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key for file names as a person orders them: "ch2" before "ch10"."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"([0-9]+)", name)
        if part
    )


# -- reading ------------------------------------------------------------------------------


def read_files(
    paths: Sequence[Path],
    *,
    detect_header: bool = True,
    split_chapters: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    overrides: dict[str, str] | None = None,
) -> ImportResult:
    """Read files into chapters (in natural file-name order) and work fields.

    ``overrides``: the author's choices in the preview, a ``Decision.ident`` to a target
    (``edges.TARGETS``): they win over what the evidence says.

    Raises ImportFailed for the first file that cannot be read (nothing is returned in part),
    ImportCancelled as soon as ``cancelled()`` says so.
    """
    if not paths:
        raise ImportFailed("There are no files to import.")

    def check() -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled("The import was cancelled: nothing was imported.")

    ordered = sorted((Path(p) for p in paths), key=lambda p: (natural_key(p.name), str(p)))
    total = len(ordered)
    sources: list[Source] = []
    for done, path in enumerate(ordered):
        check()
        if progress is not None:
            progress(done, total)
        sources.append(read_source(path, check))
    check()
    result = _assemble(
        sources,
        detect_header=detect_header,
        split_chapters=split_chapters,
        overrides=overrides,
    )
    check()
    if progress is not None:
        progress(total, total)
    return result


def read_source(path: Path, check: Callable[[], None] = lambda: None) -> Source:
    """One file as blocks, by the reader its ending names."""
    import importlib

    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        kinds = ", ".join(SUPPORTED)
        raise ImportFailed(f"“{path.name}” is not a kind of file Ficwright imports ({kinds}).")
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ImportFailed(f"“{path.name}” is a folder, not a file.") from None
    except FileNotFoundError:
        raise ImportFailed(f"“{path.name}” does not exist (was it moved?).") from None
    except PermissionError:
        raise ImportFailed(f"You do not have permission to read “{path.name}”.") from None
    except OSError as e:
        raise ImportFailed(f"“{path.name}” cannot be read: {e.strerror or e}.") from None
    module = importlib.import_module(f"editor.formats.importers.{reader}")
    source: Source = module.read(path.name, data, check)
    return source


# -- from sources to chapters -----------------------------------------------------------------
# The readers import this package (for ImportFailed), so the shared modules are imported when
# first needed rather than at the top.


def _assemble(
    sources: list[Source],
    *,
    detect_header: bool,
    split_chapters: bool,
    overrides: dict[str, str] | None = None,
) -> ImportResult:
    from editor.formats.importers.edges_units import Context
    from editor.formats.importers.header import WorkFields

    work = WorkFields()
    context = Context(dict(overrides or {}))
    parts: list[Part] = []
    encodings: dict[str, str] = {}
    warnings: list[str] = []
    several = len(sources) > 1
    # A heading every file opens with is the work's title, not each chapter's.
    tops = [_top_heading(source) for source in sources]
    repeated = {t for t in tops if t and tops.count(t) > 1}
    for index, source in enumerate(sources):
        if source.encoding:
            encodings[source.name] = source.encoding
        warnings.extend(source.warnings)
        if source.structured is not None:
            fields, found_parts = source.structured
            work.merge(fields)
            parts.extend(found_parts)
            continue
        if not any(b.kind == "hr" or b.text().strip() for b in source.blocks):
            raise ImportFailed(f"“{source.name}” holds no text to import.")
        parts.extend(
            _parts_of(
                source,
                work,
                context,
                first=index == 0,
                several=several,
                work_title=tops[index] in repeated,
                detect_header=detect_header,
                split_chapters=split_chapters,
            )
        )
    if detect_header:
        from editor.formats.importers.notices import fold_notices

        chosen = {d.source for d in context.decisions if d.chosen}
        notices = fold_notices(parts, chosen, warnings)
        # The preview says so too: the blocks read as story there are the notice's notes
        context.decisions = [
            replace(d, target="notes_begin", why="an author's notice, not a chapter of story")
            if d.source in notices and d.target == "story"
            else d
            for d in context.decisions
        ]
    result = _result(work, parts, encodings, warnings)
    result.decisions = context.decisions
    return result


def _parts_of(
    source: Source,
    work: WorkFields,
    context: Context,
    *,
    first: bool,
    several: bool,
    detect_header: bool,
    split_chapters: bool,
    work_title: bool = False,
) -> list[Part]:
    """One file's chapters: cut at chapter headings, each one's edges read."""
    from editor.formats.importers.edges import read_edges
    from editor.formats.importers.header import Part, PartMeta, is_bare_label
    from editor.formats.importers.split import Split, cut_at_headings, is_blank, split
    from editor.text.richtext import Block, Run

    blocks = source.blocks
    per_line = source.lines_are_paragraphs
    if per_line:
        blocks = cut_at_headings(blocks)  # a heading may stand on any line
    if work_title:  # the heading every file opens with: the work's title, taken once
        top = next(i for i, b in enumerate(blocks) if b.kind == "hr" or b.text().strip())
        title = " ".join(blocks[top].text().split())
        work.offer("title", title, title)
        blocks = blocks[:top] + blocks[top + 1 :]
    cut = split(blocks, is_label=is_bare_label) if split_chapters else Split(blocks, [])
    meta = PartMeta()
    front = cut.front
    if cut.title:
        _place_title(cut.title, cut.title_line, work, meta, front, own_file=several or not first)

    def edges(blocks: list[Block], meta: PartMeta, **how: bool) -> list[Block]:
        if not detect_header:
            return blocks
        return read_edges(
            blocks,
            work,
            meta,
            context,
            source.name,
            per_line=per_line,
            headings=split_chapters,  # not split: a heading is the text's
            **how,
        )

    if not cut.sections:
        if meta.title is None and several:
            meta.title = title_from_name(source.name)
        return [
            Part(meta, edges(front, meta, work_scope=first, file_front=True), source.name, per_line)
        ]
    out: list[Part] = []
    # The first file's front matter is the work's; another file's is its chapter's.
    paged = cut.sections[0].heading is None  # cut at a page break, not at a heading
    front = edges(front, meta, work_scope=first, to_heading=True, file_front=True, paged=paged)
    prose = [b for b in front if not is_blank(b)]
    if prose:
        out.append(Part(meta, front, source.name, per_line))
    for n, section in enumerate(cut.sections):
        section_meta = PartMeta(title=section.title, title_source=section.source_line)
        section_blocks = section.blocks
        if n == 0 and not prose:
            if meta.title and section_meta.title and meta.title != section_meta.title:
                # The header named the chapter, and so does its heading: never lose a word.
                section_blocks = [Block("h2", [Run(meta.title)]), *section_blocks]
            section_meta.take(meta)  # the header's notes belong to the first chapter
        heading = section.heading
        if heading is not None and heading.expected:
            work.offer("expected_chapters", heading.expected, section.source_line)
        untitled = heading is not None and not heading.title
        section_blocks = edges(
            section_blocks,
            section_meta,
            work_scope=False,
            chapter_start=untitled,
            under_heading=heading is not None,
        )
        out.append(Part(section_meta, section_blocks, source.name, per_line))
    return out


def _top_heading(source: Source) -> str:
    """The text of a file's first block when it is a document heading ("" otherwise)."""
    first = next((b for b in source.blocks if b.kind == "hr" or b.text().strip()), None)
    if first is None or first.kind not in ("h1", "h2", "h3", "h4"):
        return ""
    return " ".join(first.text().split())


def _place_title(
    title: str, line: str, work: WorkFields, meta: PartMeta, front: list[Block], *, own_file: bool
) -> None:
    """A lone heading at the top of a file: the work's title, else its chapter's, else text."""
    from editor.text.richtext import Block, Run

    if not own_file and work.offer("title", title, line):
        return
    if meta.title is None:
        meta.title, meta.title_source = title, line
    elif title not in (meta.title, work.values.get("title")):
        front.insert(0, Block("h2", [Run(title)]))  # never lose a word


_NAME_NOISE = re.compile(r"^(?:(?:chapter|chap|ch|part|pt)[\s._-]*)?[0-9]+[\s._-]*", re.I)


def title_from_name(name: str) -> str:
    """A chapter title from a file name: "03 - The Storm.txt" -> "The Storm", "ch2.txt" -> ""."""
    stem = Path(name).stem
    rest = _NAME_NOISE.sub("", stem).replace("_", " ").strip(" -.")
    if not rest or rest.lower() in ("chapter", "chap", "ch", "part"):
        return ""
    return rest if rest != stem or not stem.isdigit() else ""


def _result(
    work: WorkFields, parts: list[Part], encodings: dict[str, str], warnings: list[str]
) -> ImportResult:
    from editor.formats.importers.split import finish, paragraphs_from_lines
    from editor.text.richtext import normalize, serialize

    chapters: list[ImportedChapter] = []
    findings = [Finding(f.field, f.label, f.value, f.source) for f in work.found]
    for n, part in enumerate(parts, 1):
        meta = part.meta
        blocks = paragraphs_from_lines(part.blocks) if part.lines_are_paragraphs else part.blocks
        chapter = ImportedChapter(
            title=meta.title or "",
            body=serialize(blocks) if part.exact else finish(blocks),
            summary=normalize("\n".join(meta.summary)),
            notes_begin=normalize("\n".join(meta.notes_begin)),
            notes_end=normalize("\n".join(meta.notes_end)),
            source=part.source,
            warnings=tuple(meta.warnings),
        )
        chapters.append(chapter)
        if meta.title_source:
            findings.append(
                Finding(
                    f"chapter:{n}:title",
                    f"Chapter {n} title",
                    chapter.title or "(none)",
                    meta.title_source,
                )
            )
        for found in meta.found:
            name = found.field.removeprefix(":")
            findings.append(
                Finding(
                    f"chapter:{n}:{name}", f"Chapter {n} {found.label}", found.value, found.source
                )
            )
        if not chapter.body and not (chapter.notes_begin or chapter.notes_end):
            warnings.append(f"Chapter {n} (from “{part.source}”) has no text.")
    return ImportResult(dict(work.values), chapters, findings, encodings, warnings)


# -- applying -----------------------------------------------------------------------------


def to_new_chapters(result: ImportResult) -> list[NewChapter]:
    """The chapters as Project.append_chapters takes them, words counted."""
    from editor.store.project import NewChapter
    from editor.text.richtext import word_count

    chapters: list[NewChapter] = []
    for chapter in result.chapters:
        meta: dict[str, Any] = {
            name: value
            for name in ("summary", "notes_begin", "notes_end")
            if (value := getattr(chapter, name))
        }
        if chapter.warnings:
            meta["warnings"] = chapter.warnings
        chapters.append(NewChapter(chapter.title, chapter.body, word_count(chapter.body), meta))
    return chapters


def fields_to_set(meta: WorkMeta, fields: dict[str, Any], overwrite: bool) -> dict[str, Any]:
    """The imported fields that go into a work: all, or only those it leaves empty."""
    from editor.model import WorkMeta

    if overwrite:
        return dict(fields)
    blank = WorkMeta()
    return {
        name: value
        for name, value in fields.items()
        if getattr(meta, name, None) == getattr(blank, name, None)
    }


def apply(project: Project, result: ImportResult, *, overwrite_fields: bool = False) -> list[int]:
    """Add the chapters at the end and set the fields, in one transaction: all or nothing.

    Returns the new chapters' ids. Fields the work already has keep their values unless
    ``overwrite_fields``.
    """
    work = fields_to_set(project.meta(), result.fields, overwrite_fields)
    return project.append_chapters(to_new_chapters(result), work)


__all__ = [
    "SUPPORTED",
    "Finding",
    "ImportCancelled",
    "ImportFailed",
    "ImportResult",
    "ImportedChapter",
    "apply",
    "fields_to_set",
    "natural_key",
    "read_files",
    "read_source",
    "to_new_chapters",
]

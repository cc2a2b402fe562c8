"""What the exporters other than AO3 share: how a work is laid out, and a walker over its text.

Two layouts:

* the *document* (Markdown, plain text, BBCode, HTML, EPUB, DOCX): the work's header once
  (title, "by" line, then every ticked field as "Label: value": fandom, rating, warnings,
  category, relationships, characters, additional tags, language, series, words, chapters,
  summary, disclaimer, dedication, prompt, prompted by, written for), a rule, then each
  selected chapter under its heading ("Chapter 2: Title") with its summary, chapter warnings
  and notes before its text (then a rule) and its end notes after it (after a rule).
  ``document`` builds it once; each format only renders it (``Document.blocks`` gives it as
  flat blocks: ``h1`` title, ``h2`` chapters, the text's own headings a level lower);
* a *post* (FFN): one chapter as authors post it where the archive has no fields for front
  matter, i.e. the fic header block (the author's ``ffn_header_template``, else
  ``DEFAULT_FFN_HEADER``), a rule, the chapter text, then a rule and the end A/N
  (``DEFAULT_FFN_FOOTER``). Parts left out of ``ExportOptions.parts`` vanish with their
  lines (``templates.compose``).

The text itself is canonical HTML (``text/richtext.py``); ``tree`` groups its flat blocks
into quotes and lists, and ``inline`` writes runs in a lightweight markup, so each exporter
only says how its own syntax spells a mark, a quote or a list item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from editor.formats.templates import DEFAULT_FFN_FOOTER, DEFAULT_FFN_HEADER, compose, values
from editor.formats.work import ExportChapter, ExportOptions, ExportWork
from editor.text.richtext import (
    LINE_BREAK,
    MARKS,
    Block,
    Run,
    allowed_links,
    escape_text,
    is_blank,
    parse,
)

# -- the post layout ---------------------------------------------------------------------


def header_html(
    work: ExportWork,
    chapter: ExportChapter,
    options: ExportOptions,
    default: str = DEFAULT_FFN_HEADER,
) -> str:
    """The header block: the author's template, else ``default`` (FFN passes its own, as FFN
    has fields for the author, fandom, characters and summary)."""
    template = work.meta.ffn_header_template.strip() or default
    return compose(template, work, chapter, frozenset(options.parts))


def footer_html(work: ExportWork, chapter: ExportChapter, options: ExportOptions) -> str:
    return compose(DEFAULT_FFN_FOOTER, work, chapter, frozenset(options.parts))


def post_blocks(
    work: ExportWork,
    chapter: ExportChapter,
    options: ExportOptions,
    default_header: str = DEFAULT_FFN_HEADER,
) -> list[Block]:
    """One chapter as a post: header block, rule, text, then rule and end A/N if any."""
    header = _trimmed(parse(header_html(work, chapter, options, default_header)))
    footer = _trimmed(parse(footer_html(work, chapter, options)))
    blocks = [*header, Block("hr")] if header else []
    blocks.extend(parse(chapter.body))
    if footer:
        blocks.extend([Block("hr"), *footer])
    return blocks


def _trimmed(blocks: list[Block]) -> list[Block]:
    # A template line whose value is a list or quote ("A/N: " + <ul>) ends in a space that
    # says nothing and that Markdown would have to spell out.
    for block in blocks:
        while block.runs and not block.runs[-1].text.rstrip():
            block.runs.pop()
        if block.runs:
            last = block.runs[-1]
            block.runs[-1] = Run(last.text.rstrip(), last.marks, last.href)
    return blocks


def posts(
    work: ExportWork,
    options: ExportOptions,
    render: Callable[[list[Block]], str],
    separator: str,
    default_header: str = DEFAULT_FFN_HEADER,
) -> str:
    """The selected chapters as posts, each rendered whole, joined by ``separator``."""
    return separator.join(
        render(post_blocks(work, ch, options, default_header)) for ch in options.selected(work)
    )


# -- the whole-work layout -----------------------------------------------------------------

# A document's heading levels: 1 the work's title, 2 a chapter; a heading in the text sits
# below its chapter, so canonical h2-h4 become levels 3-5 (``Block.kind`` "h3"-"h5").
TITLE_LEVEL = 1
CHAPTER_LEVEL = 2


@dataclass(frozen=True, slots=True)
class Section:
    """A labelled piece of front matter or notes; ``html`` is canonical (inline or blocks)."""

    label: str
    html: str

    def blocks(self) -> list[Block]:
        """The section as blocks, "Label:" in bold at the start of its first paragraph (or
        on a paragraph of its own before a heading, list or quote)."""
        label = Run(f"{self.label}:", frozenset({"strong"}))
        blocks = lowered(parse(self.html if self.html.startswith("<") else f"<p>{self.html}</p>"))
        first = blocks[0] if blocks else None
        if first is not None and first.kind == "p" and not first.quote and not first.align:
            first.runs.insert(0, Run(" "))
            first.runs.insert(0, label)
            return blocks
        return [Block("p", [label]), *blocks]


@dataclass(frozen=True, slots=True)
class ChapterPart:
    """One chapter as every whole-work format lays it out."""

    heading: str  # plain text; "" when a oneshot's chapter needs none
    before: list[Section]  # summary, chapter warnings, notes
    body: list[Block]  # the text, headings lowered a level (``lowered``)
    after: list[Section]  # end notes


@dataclass(frozen=True, slots=True)
class Document:
    """A work as Markdown, plain text, BBCode, HTML, EPUB and DOCX lay it out: the work's
    header once (title, "by" line, every ticked field), then each chapter under its heading.
    Formats only say how they spell a heading, a field or a paragraph."""

    title: str  # plain text; "" when left out
    byline: str  # "by wren_writes", or ""
    front: list[Section]
    chapters: list[ChapterPart]

    def blocks(self) -> list[Block]:
        """The document as flat blocks: ``h1`` title, ``h2`` chapter headings, ``h3``-``h5``
        headings of the text; a rule ends the work's header and a chapter's notes, and comes
        before a chapter's end notes."""
        out: list[Block] = []
        if self.title:
            out.append(Block("h1", [Run(self.title)]))
        if self.byline:
            out.append(Block("p", [Run(self.byline)]))
        out += [b for section in self.front for b in section.blocks()]
        if out and self.chapters:
            out.append(Block("hr"))
        for chapter in self.chapters:
            if chapter.heading:
                out.append(Block("h2", [Run(chapter.heading)]))
            # A rule between the notes and the text, as authors post them: where notes of
            # several paragraphs end is then plain to a reader and to an importer.
            if chapter.before:
                out += [b for section in chapter.before for b in section.blocks()]
                out.append(Block("hr"))
            out += chapter.body
            if chapter.after:
                out.append(Block("hr"))
                out += [b for section in chapter.after for b in section.blocks()]
        return out


def heading_level(kind: str) -> int | None:
    """The document level of a block kind ("h1" -> 1), None for a block that is no heading."""
    if len(kind) == 2 and kind[0] == "h" and kind[1].isdigit():
        return int(kind[1])
    return None


def lowered(blocks: list[Block]) -> list[Block]:
    """Canonical blocks with each heading one level down (h2 -> h3), below a chapter's."""
    return _shifted(blocks, 1)


def raised(blocks: list[Block]) -> list[Block]:
    """``lowered`` undone (a document read back): each heading one level up, h2 at most."""
    return _shifted(blocks, -1)


def _shifted(blocks: list[Block], step: int) -> list[Block]:
    for block in blocks:
        level = heading_level(block.kind)
        if level is not None:
            block.kind = f"h{max(level + step, 2)}"
    return blocks


def document(work: ExportWork, options: ExportOptions) -> Document:
    """The selected chapters of ``work`` as one document (see ``Document``).

    A oneshot's chapter has no heading of its own unless it has a title (AO3 shows none);
    one chapter of several, exported alone, is headed "Chapter 2 of 5: Title", as posted.
    """
    meta = work.meta
    chapters = options.selected(work)
    alone = len(chapters) == 1 and len(work.chapters) > 1
    parts = []
    for chapter in chapters:
        if len(work.chapters) == 1 and not chapter.title:
            heading = ""
        else:
            heading = chapter_heading(work, chapter, options, posted=alone)
        before, after = chapter_sections(chapter, options)
        parts.append(ChapterPart(heading, before, lowered(parse(chapter.body)), after))
    title = meta.title if "title" in options.parts else ""
    byline = f"by {meta.author}" if meta.author else ""
    return Document(title, byline, title_page(work, options), parts)


def title_page(work: ExportWork, options: ExportOptions) -> list[Section]:
    """The work's front matter in reading order, after the title and "by" line; empty fields
    and left-out parts are skipped. Labels are those a fic header uses (and an importer
    reads): "Fandom:", "Rating:"..."""
    found = values(work, None)
    meta = work.meta
    parts = options.parts
    prompt = found["prompt"]
    series = ""
    if meta.series_name:
        part = f"Part {meta.series_part} of " if meta.series_part else ""
        series = escape_text(part + meta.series_name)
    fields = [
        ("Fandom", found["fandoms"], None),
        ("Rating", found["rating"], "rating"),
        ("Archive warnings", found["archive_warnings"], "warnings"),
        ("Content warnings", found["content_warnings"], "warnings"),
        ("Category", found["categories"], None),
        ("Relationships", found["relationships"], None),
        ("Characters", found["characters"], None),
        ("Additional tags", found["additional_tags"], None),
        ("Language", escape_text(meta.language), None),
        ("Series", series, None),
        ("Words", found["words"] if work.chapters else "", None),
        ("Chapters", f"{len(work.chapters)}/{work.chapter_total()}" if work.chapters else "", None),
        ("Summary", found["summary"], "summary"),
        ("Disclaimer", found["disclaimer"], "disclaimer"),
        ("Dedication", found["dedication"], "dedication"),
        ("Prompt", prompt, "prompt"),
        ("Prompted by", found["prompt_by"], "prompt"),
        ("Written for", found["prompt_collection"], "prompt"),
    ]
    return [
        Section(label, html)
        for label, html, part in fields
        if not is_blank(html) and (part is None or part in parts)
    ]


def chapter_heading(
    work: ExportWork, chapter: ExportChapter, options: ExportOptions, *, posted: bool = False
) -> str:
    """'Chapter 2: The Storm' as AO3 heads a chapter ('Chapter 2 of 5: The Storm' when
    ``posted`` alone); the bare title without the label part."""
    if "chapter_label" not in options.parts:
        return chapter.title or f"Chapter {chapter.number}"
    label = work.chapter_label(chapter) if posted else f"Chapter {chapter.number}"
    return f"{label}: {chapter.title}" if chapter.title else label


def chapter_sections(
    chapter: ExportChapter, options: ExportOptions
) -> tuple[list[Section], list[Section]]:
    """A chapter's front matter (before its text) and end notes (after it)."""
    meta, parts = chapter.meta, options.parts
    before = [
        ("Summary", meta.summary, "summary"),
        ("Chapter warnings", ", ".join(meta.warnings), "warnings"),
        ("Notes", meta.notes_begin, "notes_begin"),
    ]
    after = [("End notes", meta.notes_end, "notes_end")]

    def kept(items: list[tuple[str, str, str]]) -> list[Section]:
        return [
            Section(label, html if html.startswith("<") else escape_text(html))
            for label, html, part in items
            if not is_blank(html) and part in parts
        ]

    return kept(before), kept(after)


# -- the walker ----------------------------------------------------------------------------


@dataclass(slots=True)
class Group:
    """A block quote (``kind == "quote"``) or a list (``"ul"``/``"ol"``) and what it holds."""

    kind: str
    children: list[Block | Group] = field(default_factory=list)


def tree(blocks: Sequence[Block]) -> list[Block | Group]:
    """Flat canonical blocks as nested quotes and lists (the only nesting the subset has)."""
    top: list[Block | Group] = []
    quote: Group | None = None
    items: Group | None = None
    for block in blocks:
        if not block.quote:
            quote = None
        elif quote is None:
            quote = Group("quote")
            top.append(quote)
        parent = quote.children if quote else top
        list_type = block.list_type if block.kind == "li" else None
        if list_type is None:
            items = None
        elif items is None or items.kind != list_type or items not in parent:
            items = Group(list_type)
            parent.append(items)
        (items.children if items else parent).append(block)
    return top


@dataclass(frozen=True, slots=True)
class Markup:
    """How a lightweight markup spells inline formatting."""

    marks: dict[str, tuple[str, str]]  # mark -> (open, close); a mark not here is dropped
    escape: Callable[[str], str] = lambda text: text
    link: Callable[[str, str], str] | None = None  # (inner markup, href) -> markup; None: text
    relative_links: bool = False  # whether where it is posted resolves relative addresses
    line_break: str = "\n"
    order: tuple[str, ...] = MARKS  # outermost first


Piece = tuple[tuple[str, ...], str | None, str]  # marks (canonical order), href, text
_LEADING = re.compile(r"^\s*")
_TRAILING = re.compile(r"\s*$")


def inline(runs: Sequence[Run], markup: Markup) -> str:
    """Runs in ``markup``; marks nest in ``markup.order`` (canonical), links outermost.

    Spaces at the edge of a mark are moved outside it ("*word *" is not emphasis in any
    markup that uses delimiters), and neighbouring runs with the same formatting merge.
    """
    pieces = _merge(
        (
            tuple(m for m in markup.order if m in run.marks and m in markup.marks),
            run.href if markup.link else None,
            run.text,
        )
        for run in allowed_links(list(runs), relative=markup.relative_links)
    )
    out: list[str] = []
    i = 0
    while i < len(pieces):  # one link (or unlinked stretch) at a time
        href = pieces[i][1]
        j = i
        while j < len(pieces) and pieces[j][1] == href:
            j += 1
        inner = _marked(_edges_outside(pieces[i:j]), markup)
        out.append(markup.link(inner, href) if href and markup.link else inner)
        i = j
    return "".join(out)


def _merge(pieces: Iterable[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for marks, href, text in pieces:
        if not text:
            continue
        if merged and merged[-1][:2] == (marks, href):
            merged[-1] = (marks, href, merged[-1][2] + text)
        else:
            merged.append((marks, href, text))
    return merged


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _edges_outside(pieces: list[Piece]) -> list[Piece]:
    """Whitespace where a mark opens or closes moves out of that mark."""
    out: list[Piece] = []
    for i, (marks, href, text) in enumerate(pieces):
        before = pieces[i - 1][0] if i else ()
        after = pieces[i + 1][0] if i + 1 < len(pieces) else ()
        outer_left = marks[: _common(marks, before)]  # marks already open on the left
        outer_right = marks[: _common(marks, after)]  # marks that go on to the right
        if not text.strip():
            shorter = min(len(outer_left), len(outer_right))
            out.append((marks[:shorter], href, text))
            continue
        lead = _LEADING.match(text).end()  # type: ignore[union-attr]
        trail = _TRAILING.search(text).start()  # type: ignore[union-attr]
        out.append((outer_left, href, text[:lead]))
        out.append((marks, href, text[lead:trail]))
        out.append((outer_right, href, text[trail:]))
    return _merge(out)


def _marked(pieces: list[Piece], markup: Markup) -> str:
    out: list[str] = []
    stack: tuple[str, ...] = ()
    for marks, _href, text in pieces:
        keep = _common(stack, marks)
        out.extend(markup.marks[m][1] for m in reversed(stack[keep:]))
        out.extend(markup.marks[m][0] for m in marks[keep:])
        stack = marks
        out.append(markup.line_break.join(markup.escape(line) for line in text.split(LINE_BREAK)))
    out.extend(markup.marks[m][1] for m in reversed(stack))
    return "".join(out)


# -- scene breaks typed as text ------------------------------------------------------------

# A paragraph of nothing but the decoration FFN authors draw scene breaks with: "***",
# "* * *", "~~~", "-----", "+++", "###", "~*~", "-x-", "~o~o~", "-oOo-", and the mixed-case
# letter rows "xXx", "oOo", "o0o". Letters alone ("xxx", "Ooo") stay words, a row of dots,
# quotes and ?! is a silence, and a face is no rule: "^" is not decoration ("=^.^=",
# "^_^"), nor is a three-character face around "_" or "." ("-_-", "o.O", "x_x").
_SYMBOLS = frozenset("*~-=+#_•·°○●◦◆◇♦★☆♥♡※§<>")
_LETTERS = frozenset("xXoO0")
_MIXED_LETTERS = re.compile(r"(?:x+X+)+x+|(?:X+x+)+X+|(?:o+[O0]+)+o+|(?:[O0]+o+)+[O0]+")
_FACE = re.compile(r".[_.].")


def is_symbol_line(block: Block) -> bool:
    """A paragraph that only draws a scene break with symbols (FFN strips those)."""
    if block.kind != "p" or block.quote:
        return False
    squeezed = "".join(block.text().split())
    if not 3 <= len(squeezed) <= 40 or not (_SYMBOLS | _LETTERS).issuperset(squeezed):
        return False
    if _FACE.fullmatch(squeezed) and len(set(squeezed)) > 1:
        return False
    letters = "".join(c for c in squeezed if c in _LETTERS)
    return not _LETTERS.issuperset(squeezed) or _MIXED_LETTERS.fullmatch(letters) is not None


# -- addresses ---------------------------------------------------------------------------

# Characters a URL may not hold as typed (the URL standard's percent-encode sets for a path
# and a query): a browser sends them percent-encoded anyway, so writing them that way
# changes no link, and leaves nothing for a sanitizer or serializer (AO3's, epubcheck's
# reading) to rewrite. "%" stays: it already encodes.
_NOT_IN_URL = re.compile(r'[\x00-\x20"<>`{}|^\x7f]')


def escape_url(href: str) -> str:
    """``href`` with the characters a URL may not hold as typed percent-encoded."""
    href = href.strip()
    return _NOT_IN_URL.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), href)


# -- language --------------------------------------------------------------------------

# AO3's language names (and their English names) -> BCP 47, for EPUB, DOCX and HTML metadata.
_LANGUAGE_CODES = {
    "english": "en",
    "español": "es",
    "spanish": "es",
    "français": "fr",
    "french": "fr",
    "deutsch": "de",
    "german": "de",
    "italiano": "it",
    "italian": "it",
    "português brasileiro": "pt-BR",
    "português europeu": "pt-PT",
    "portuguese": "pt",
    "nederlands": "nl",
    "dutch": "nl",
    "polski": "pl",
    "polish": "pl",
    "русский": "ru",
    "russian": "ru",
    "svenska": "sv",
    "swedish": "sv",
    "suomi": "fi",
    "finnish": "fi",
    "dansk": "da",
    "norsk": "no",
    "čeština": "cs",
    "magyar": "hu",
    "türkçe": "tr",
    "tiếng việt": "vi",
    "bahasa indonesia": "id",
    "日本語": "ja",
    "japanese": "ja",
    "中文-普通话 國語": "zh",
    "中文": "zh",
    "chinese": "zh",
    "한국어": "ko",
    "korean": "ko",
}


def language_code(meta_language: str, english_variant: str = "US") -> str:
    """The BCP 47 tag for a work's language ("und" when unknown)."""
    name = meta_language.strip().lower()
    if name == "english":
        return "en-GB" if english_variant == "GB" else "en-US"
    if re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*", name):  # already a code
        return meta_language.strip()
    return _LANGUAGE_CODES.get(name, "und")


# XML 1.0 cannot hold these controls (lxml refuses them; ebooklib then writes an empty page).
# Those that separate (vertical tab: Word's manual line break in plain text; form feed; the
# information separators) become a space, so the words either side stay two words.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_SAFE = {
    c: " " if chr(c).isspace() else None
    for c in [*range(0x20), 0xFFFE, 0xFFFF]
    if _NOT_XML.match(chr(c))
}


def xml_safe(text: str) -> str:
    return text.translate(_XML_SAFE) if _NOT_XML.search(text) else text

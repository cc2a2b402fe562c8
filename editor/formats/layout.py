"""What the exporters other than AO3 share: how a work is laid out, and a walker over its text.

Two layouts:

* a *post* (FFN, Markdown, plain text, BBCode, readable HTML): one chapter as authors post it
  where the archive has no fields for front matter, i.e. the fic header block (the author's
  ``ffn_header_template``, else ``DEFAULT_POST_HEADER``, or for FFN, which has fields for
  author, fandom, characters and summary, ``DEFAULT_FFN_HEADER``), a rule, the chapter
  text, then a rule and the end A/N (``DEFAULT_FFN_FOOTER``). Parts left out of
  ``ExportOptions.parts`` vanish with their lines (``templates.compose``);
* a *book* (EPUB, DOCX): a title page with every piece of front matter, then one section
  per chapter with its heading, summary, notes and end notes.

The text itself is canonical HTML (``text/richtext.py``); ``tree`` groups its flat blocks
into quotes and lists, and ``inline`` writes runs in a lightweight markup, so each exporter
only says how its own syntax spells a mark, a quote or a list item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from editor.formats.templates import DEFAULT_FFN_FOOTER, DEFAULT_POST_HEADER, compose, values
from editor.formats.work import ExportChapter, ExportOptions, ExportWork
from editor.text.richtext import LINE_BREAK, MARKS, Block, Run, allowed_links, is_blank, parse

# -- the post layout ---------------------------------------------------------------------


def header_html(
    work: ExportWork,
    chapter: ExportChapter,
    options: ExportOptions,
    default: str = DEFAULT_POST_HEADER,
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
    default_header: str = DEFAULT_POST_HEADER,
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
    default_header: str = DEFAULT_POST_HEADER,
) -> str:
    """The selected chapters as posts, each rendered whole, joined by ``separator``."""
    return separator.join(
        render(post_blocks(work, ch, options, default_header)) for ch in options.selected(work)
    )


# -- the book layout ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Section:
    """A labelled piece of front matter or notes; ``html`` is canonical (inline or blocks)."""

    label: str
    html: str

    def blocks(self) -> list[Block]:
        """The section as blocks, "Label:" in bold at the start of its first paragraph (or
        on a paragraph of its own before a heading, list or quote)."""
        label = Run(f"{self.label}:", frozenset({"strong"}))
        blocks = parse(self.html if self.html.startswith("<") else f"<p>{self.html}</p>")
        first = blocks[0] if blocks else None
        if first is not None and first.kind == "p" and not first.quote and not first.align:
            first.runs.insert(0, Run(" "))
            first.runs.insert(0, label)
            return blocks
        return [Block("p", [label]), *blocks]


def title_page(work: ExportWork, options: ExportOptions) -> list[Section]:
    """The work's front matter in reading order, after the title and "by" line; empty fields
    and left-out parts are skipped."""
    found = values(work, None)
    parts = options.parts
    prompt = found["prompt"]
    by = " ".join(
        s
        for s in (
            f"Prompted by {found['prompt_by']}." if found["prompt_by"] else "",
            f"Written for {found['prompt_collection']}." if found["prompt_collection"] else "",
        )
        if s
    )
    if by:  # keep the credit with the prompt; a rich prompt gets it as its own paragraph
        prompt = f"{prompt}\n<p>{by}</p>" if prompt else by
    fields = [
        ("Fandom", found["fandoms"], None),
        ("Rating", found["rating"], "rating"),
        ("Archive warnings", found["archive_warnings"], "warnings"),
        ("Content warnings", found["content_warnings"], "warnings"),
        ("Category", found["categories"], None),
        ("Relationships", found["relationships"], None),
        ("Characters", found["characters"], None),
        ("Additional tags", found["additional_tags"], None),
        ("Words", found["words"] if work.chapters else "", None),
        ("Summary", found["summary"], "summary"),
        ("Disclaimer", found["disclaimer"], "disclaimer"),
        ("Dedication", found["dedication"], "dedication"),
        ("Prompt", prompt, "prompt"),
    ]
    return [
        Section(label, html)
        for label, html, part in fields
        if not is_blank(html) and (part is None or part in parts)
    ]


def chapter_heading(work: ExportWork, chapter: ExportChapter, options: ExportOptions) -> str:
    """'Chapter 2: The Storm' as AO3 heads a chapter; the bare title without the label part."""
    if "chapter_label" not in options.parts:
        return chapter.title or f"Chapter {chapter.number}"
    label = f"Chapter {chapter.number}"
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
            Section(label, html if html.startswith("<") else _escape(html))
            for label, html, part in items
            if not is_blank(html) and part in parts
        ]

    return kept(before), kept(after)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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

# A paragraph of nothing but decoration: "***", "* * *", "~~~", "-----", "+++", "###", "~*~",
# "xXx", "oOo", "-oOo-"... Letters count only in the mixed-case x/o patterns authors use, so
# "Ooo" and "xxx" stay words; a line of only dots, quotes and ?! is a silence in dialogue.
_DECORATION = re.compile(
    r"(?:[^\w]|_)*(?:(?:(?:x+X+)+x+|(?:X+x+)+X+|(?:o+O+)+o+|(?:O+o+)+O+)(?:[^\w]|_)*)*"
)
_SILENCE = frozenset(".…!?\"'“”‘’,")


def is_symbol_line(block: Block) -> bool:
    """A paragraph that only draws a scene break with symbols (FFN strips those)."""
    if block.kind != "p" or block.quote:
        return False
    squeezed = "".join(block.text().split())
    return (
        3 <= len(squeezed) <= 40
        and _DECORATION.fullmatch(squeezed) is not None
        and not _SILENCE.issuperset(squeezed)
    )


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

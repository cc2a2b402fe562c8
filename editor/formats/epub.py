"""EPUB 3 of the selected chapters as a book, through ebooklib (imported on first use).

The document layout (``layout.document``): a title page with the work's header (title, "by"
line, front matter), then one XHTML file per chapter: its heading, summary, warnings and
notes, the text, and its end notes; a table of contents (nav and NCX) listing the title page
and each chapter; metadata: title, author, language (BCP 47 from the work's language) and an
identifier stable for the same title and author. The canonical subset is already XHTML but
for ``align``, which EPUB 3 does not allow: it becomes a class that the style sheet aligns.

A link must resolve for epubcheck: an address on the web (http, https, ftp, mailto) is kept,
percent-encoded where a URL may not hold a character as typed (``"``, spaces, ``<>``...);
any other (relative, a fragment, a file of the author's) points nowhere inside the book and
becomes its text.
"""

from __future__ import annotations

import io
import re
import uuid

from editor.formats.layout import Document, document, escape_url, language_code, xml_safe
from editor.formats.work import ExportOptions, ExportWork
from editor.text.links import link_allowed
from editor.text.richtext import Block, Run, escape_text, serialize

CSS = """\
body { font-family: serif; line-height: 1.4; }
p { margin: 0 0 0.6em; }
h1 { text-align: center; font-size: 2em; margin: 2em 0 1em; }
h2 { text-align: center; margin: 1em 0; }
hr { width: 30%; margin: 1.5em auto; border: 0; border-top: 1px solid #666; }
blockquote { margin: 1em 2em; }
.align-center { text-align: center; }
.align-right { text-align: right; }
.align-justify { text-align: justify; }
"""
_ALIGN = re.compile(r'<(p|h[234]) align="(\w+)">')


_WEB = re.compile(r"(?:https?|ftp)://[^\s/?#]+|mailto:[^\s]", re.IGNORECASE)


def epub_href(href: str) -> str | None:
    """``href`` as a valid link to the web, or None when it resolves to nothing in a book."""
    href = href.strip()
    if not _WEB.match(href) or not link_allowed(href, relative=False):
        return None  # and nothing the link allowlist refuses (text/links.py)
    return escape_url(href)


def _linked(blocks: list[Block]) -> list[Block]:
    for block in blocks:
        if any(run.href for run in block.runs):
            block.runs = [
                Run(run.text, run.marks, epub_href(run.href)) if run.href else run
                for run in block.runs
            ]
    return blocks


def to_xhtml(blocks: list[Block]) -> str:
    """Canonical blocks as EPUB 3 body content."""
    return _ALIGN.sub(r'<\1 class="align-\2">', serialize(_linked(blocks)))


def export(work: ExportWork, options: ExportOptions) -> bytes:
    from ebooklib import epub

    meta = work.meta
    lang = language_code(meta.language, meta.english_variant)
    title = xml_safe(meta.title) or "Untitled"
    book = epub.EpubBook()
    # Stable for the same work, so a reader updates the book instead of adding a copy.
    book_id = uuid.uuid5(uuid.NAMESPACE_URL, f"ficwright:{title}:{meta.author}")
    book.set_identifier(f"urn:uuid:{book_id}")
    book.set_title(title)
    book.set_language(lang)
    if meta.author:
        book.add_author(xml_safe(meta.author))
    style = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css", content=CSS)
    book.add_item(style)

    def page(name: str, heading: str, blocks: list[Block]) -> epub.EpubHtml:
        item = epub.EpubHtml(title=heading, file_name=name, lang=lang)
        # ebooklib pretty-prints a page whose body holds only elements, which puts spaces
        # between the links and marks of a paragraph ("<a>0</a><strong>0</strong>" would
        # read "0 0"): the newlines around the content are text, and keep it as it is.
        content = to_xhtml(blocks) or f"<h2>{escape_text(heading)}</h2>"
        item.content = xml_safe(f"\n{content}\n")
        item.add_item(style)
        book.add_item(item)
        return item

    laid_out = document(work, options)
    header = Document(laid_out.title or title, laid_out.byline, laid_out.front, [])
    front = page("title.xhtml", title, header.blocks())
    chapters = [
        page(
            f"chapter-{chapter.number:03d}.xhtml",
            xml_safe(part.heading) or title,
            Document("", "", [], [part]).blocks(),
        )
        for chapter, part in zip(options.selected(work), laid_out.chapters, strict=True)
    ]
    book.toc = [front, *chapters]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = [front, "nav", *chapters]
    buffer = io.BytesIO()
    epub.write_epub(buffer, book)
    return buffer.getvalue()

"""EPUB 3 of the selected chapters as a book, through ebooklib (imported on first use).

A title page with the front matter (``layout.title_page``), then one XHTML file per chapter:
its heading, summary, warnings and notes, the text, and its end notes; a table of contents
(nav and NCX) listing the title page and each chapter; metadata: title, author, language
(BCP 47 from the work's language) and an identifier stable for the same title and author.
The canonical subset is already XHTML but for ``align``, which EPUB 3 does not allow: it
becomes a class that the style sheet aligns.
"""

from __future__ import annotations

import io
import re
import uuid

from editor.formats.layout import (
    Section,
    chapter_heading,
    chapter_sections,
    language_code,
    title_page,
    xml_safe,
)
from editor.formats.work import ExportOptions, ExportWork
from editor.text.richtext import Block, escape_text, parse, serialize, with_allowed_links

CSS = """\
body { font-family: serif; line-height: 1.4; }
p { margin: 0 0 0.6em; }
h1 { text-align: center; margin: 1em 0; }
.title-page h1 { font-size: 2em; margin-top: 2em; }
.author { text-align: center; font-size: 1.2em; margin-bottom: 2em; }
.notes { margin: 1em 0; padding: 0.5em 1em; border-left: 3px solid #999; }
hr { width: 30%; margin: 1.5em auto; border: 0; border-top: 1px solid #666; }
blockquote { margin: 1em 2em; }
.align-center { text-align: center; }
.align-right { text-align: right; }
.align-justify { text-align: justify; }
"""
_ALIGN = re.compile(r'<(p|h[234]) align="(\w+)">')


def to_xhtml(blocks: list[Block]) -> str:
    """Canonical blocks as EPUB 3 body content. A relative address would point into the
    book, where nothing it names exists: only absolute links stay."""
    canonical = serialize(with_allowed_links(blocks, relative=False))
    return _ALIGN.sub(r'<\1 class="align-\2">', canonical)


def _sections(sections: list[Section], css_class: str) -> str:
    if not sections:
        return ""
    blocks = [block for section in sections for block in section.blocks()]
    return f'<div class="{css_class}">\n{to_xhtml(blocks)}\n</div>'


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

    def page(name: str, heading: str, body: str) -> epub.EpubHtml:
        item = epub.EpubHtml(title=heading, file_name=name, lang=lang)
        item.content = xml_safe(body)
        item.add_item(style)
        book.add_item(item)
        return item

    front = page(
        "title.xhtml",
        title,
        f'<div class="title-page">\n<h1>{escape_text(title)}</h1>\n'
        + (f'<p class="author">by {escape_text(meta.author)}</p>\n' if meta.author else "")
        + _sections(title_page(work, options), "front-matter")
        + "\n</div>",
    )
    chapters = []
    for chapter in options.selected(work):
        heading = xml_safe(chapter_heading(work, chapter, options))
        before, after = chapter_sections(chapter, options)
        body = "\n".join(
            part
            for part in (
                f"<h1>{escape_text(heading)}</h1>",
                _sections(before, "notes"),
                to_xhtml(parse(chapter.body)),
                _sections(after, "notes end-notes"),
            )
            if part
        )
        chapters.append(page(f"chapter-{chapter.number:03d}.xhtml", heading, body))

    book.toc = [front, *chapters]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = [front, "nav", *chapters]
    buffer = io.BytesIO()
    epub.write_epub(buffer, book)
    return buffer.getvalue()

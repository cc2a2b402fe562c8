"""DOCX of the selected chapters as a book, through python-docx (imported on first use).

The document layout (``layout.document``): a title page (the title in the Title style, the
"by" line, the front matter), then per chapter, each on a new page, a Heading 1, its
summary, warnings and notes, the text and its end notes. The text keeps real formatting:
bold, italic, underline, strikethrough, superscript and subscript runs, aligned paragraphs,
its h2-h4 as Heading 2-4 (below the chapter's Heading 1), links as hyperlinks, block quotes
in Word's Quote style, list items in the List Bullet / List Number styles (indented inside a
quote), scene breaks as a centred "* * *" paragraph (the manuscript convention).
``ffn.chapter_docx`` reuses ``add_blocks`` with ``rule="border"``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from editor.formats.layout import Document as Layout
from editor.formats.layout import document as layout
from editor.formats.layout import heading_level, language_code, xml_safe
from editor.formats.work import ExportOptions, ExportWork
from editor.model import WorkMeta
from editor.text.richtext import LINE_BREAK, Block, Run, allowed_links

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run as DocxRun

SCENE_BREAK = "* * *"
QUOTE_INDENT_PT = 36
QUOTE_STYLE = "Quote"
LINK_STYLE = "Hyperlink"


def new_document(meta: WorkMeta) -> Document:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = xml_safe(meta.title)
    props.author = xml_safe(meta.author)
    props.language = language_code(meta.language, meta.english_variant)
    _quote_style(document)
    # Word's Heading 4 is italic: an importer (ours too) would take that for the text's.
    for level in range(1, 5):
        document.styles[f"Heading {level}"].font.italic = False
    _link_style(document)
    return document


def _link_style(document: Document) -> None:
    """Word's Hyperlink character style (the default template has none): blue, underlined."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    style = document.styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    style.font.underline = True
    style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)


def _quote_style(document: Document) -> None:
    """Word's Quote style, indented both sides and upright: the canonical text says where
    a quote is italic, and a reader (or importer) takes the style's italic for the text's."""
    from docx.shared import Pt

    style = document.styles[QUOTE_STYLE]
    style.font.italic = False
    style.paragraph_format.left_indent = Pt(QUOTE_INDENT_PT)
    style.paragraph_format.right_indent = Pt(QUOTE_INDENT_PT)


def to_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_blocks(document: Document, blocks: list[Block], *, rule: str = "stars") -> None:
    """Append canonical blocks; ``rule`` is "stars" (centred * * *) or "border" (a line)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    alignments = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }
    new = _appender(document)
    for block in blocks:
        if block.kind == "hr":
            if rule == "border":
                _bottom_border(new(None))
            else:
                paragraph = new(None)
                add_runs(paragraph, [Run(SCENE_BREAK)])
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        level = heading_level(block.kind)
        if level is not None:  # document levels: 1 the work's title, 2 a chapter
            paragraph = new("Title" if level == 1 else f"Heading {min(level - 1, 9)}")
        elif block.kind == "li":
            paragraph = new("List Number" if block.list_type == "ol" else "List Bullet")
            if block.quote:  # a list style has no room for the quote's
                paragraph.paragraph_format.left_indent = Pt(QUOTE_INDENT_PT)
        else:
            paragraph = new(QUOTE_STYLE if block.quote else None)
        if block.align:
            paragraph.alignment = alignments[block.align]
        add_runs(paragraph, block.runs)


def _appender(document: Document) -> Callable[[str | None], Paragraph]:
    """A fast ``document.add_paragraph(style=...)``.

    python-docx finds the section properties by scanning the whole body for every new
    paragraph (quadratic: 1 s of a 500,000-word export); find them once instead.
    """
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement
    from docx.text.paragraph import Paragraph

    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    parent = document._body

    def new(style: str | None) -> Paragraph:
        p = OxmlElement("w:p")
        if sect_pr is not None:
            sect_pr.addprevious(p)
        else:
            body.append(p)
        paragraph = Paragraph(p, parent)
        if style:
            paragraph.style = style
        return paragraph

    return new


def add_runs(paragraph: Paragraph, runs: list[Run]) -> None:
    from docx.oxml.parser import OxmlElement
    from docx.text.run import Run as DocxRun

    # Word opens a relative address as a file beside the document: only absolute links stay.
    for run in allowed_links(runs, relative=False):
        if not run.text:
            continue
        if run.href:
            _hyperlink(paragraph, run)
            continue
        r = OxmlElement("w:r")
        paragraph._p.append(r)
        _format(DocxRun(r, paragraph), run)


_FONT_FLAGS = (
    ("strong", "bold"),
    ("em", "italic"),
    ("u", "underline"),
    ("s", "strike"),
    ("sup", "superscript"),
    ("sub", "subscript"),
)


def _format(target: DocxRun, run: Run) -> None:
    """Fill an empty python-docx run with ``run``'s marks and text (line breaks as breaks)."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    marks = run.marks
    if marks:  # the run properties come first in <w:r>
        font = target.font
        for mark, attribute in _FONT_FLAGS:
            if mark in marks:  # superscript and subscript share one element: set, never clear
                setattr(font, attribute, True)
    # python-docx's run.text walks the text one character at a time: 1 s for 500,000 words.
    r = target._r
    for i, line in enumerate(xml_safe(run.text).split(LINE_BREAK)):
        if i:
            r.append(OxmlElement("w:br"))
        if line:
            t = OxmlElement("w:t")
            t.text = line
            if line[0] == " " or line[-1] == " ":
                t.set(qn("xml:space"), "preserve")
            r.append(t)


def _hyperlink(paragraph: Paragraph, run: Run) -> None:
    # python-docx has no API to add a hyperlink: build <w:hyperlink r:id> around a run.
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement
    from docx.text.run import Run as DocxRun

    href = xml_safe(run.href or "")  # a relationship's target is XML too
    rel_id = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    r = OxmlElement("w:r")
    link.append(r)
    paragraph._p.append(link)
    target = DocxRun(r, paragraph)
    _format(target, run)
    # The link's look comes from its style, so an underline set on the run is the author's.
    target._r.get_or_add_rPr().style = LINK_STYLE


def _bottom_border(paragraph: Paragraph) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def export(work: ExportWork, options: ExportOptions) -> bytes:
    document = new_document(work.meta)
    laid_out = layout(work, options)
    header = Layout(laid_out.title or "Untitled", laid_out.byline, laid_out.front, [])
    add_blocks(document, header.blocks())
    for chapter in laid_out.chapters:
        document.add_page_break()
        add_blocks(document, Layout("", "", [], [chapter]).blocks())
    return to_bytes(document)

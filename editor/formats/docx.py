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
from html import escape
from typing import TYPE_CHECKING

from editor.formats.layout import Document as Layout
from editor.formats.layout import document as layout
from editor.formats.layout import heading_level, language_code, xml_safe
from editor.formats.work import ExportOptions, ExportWork
from editor.model import WorkMeta
from editor.text.richtext import LINE_BREAK, Block, Run, allowed_links

if TYPE_CHECKING:
    from docx.document import Document

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
    """Append canonical blocks; ``rule`` is "stars" (centred * * *) or "border" (a line).

    The paragraphs are written as WordprocessingML text and parsed once: python-docx makes
    each element through its own parser (4 s of a 500,000-word export; this takes a tenth).
    """
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml

    styles: dict[str, str] = {}

    def style_id(name: str) -> str:
        if name not in styles:
            styles[name] = document.styles[name].style_id
        return styles[name]

    def link_id(href: str) -> str:
        return document.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)

    out: list[str] = []
    for block in blocks:
        out.append(_paragraph(block, rule, style_id, link_id))
    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    xml = f"<w:body {_NAMESPACES}>{''.join(out)}</w:body>"
    for p in list(parse_xml(xml)):
        if sect_pr is not None:
            sect_pr.addprevious(p)
        else:
            body.append(p)


_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_JC = {"center": "center", "right": "right", "justify": "both"}
_BORDER = '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
# Run properties in the order the schema wants them (CT_RPr's sequence).
_RUN_PROPERTIES = (
    ("strong", "<w:b/>"),
    ("em", "<w:i/>"),
    ("s", "<w:strike/>"),
    ("u", '<w:u w:val="single"/>'),
    ("sup", '<w:vertAlign w:val="superscript"/>'),
    ("sub", '<w:vertAlign w:val="subscript"/>'),
)
_QUOTE_INDENT = f'<w:ind w:left="{QUOTE_INDENT_PT * 20}"/>'  # twentieths of a point


def _paragraph(
    block: Block,
    rule: str,
    style_id: Callable[[str], str],
    link_id: Callable[[str], str],
) -> str:
    """One canonical block as a ``<w:p>`` (pPr children in the schema's order)."""
    style: str | None = None
    runs = block.runs
    align = block.align
    extra = ""
    if block.kind == "hr":
        if rule == "border":
            return f"<w:p><w:pPr>{_BORDER}</w:pPr></w:p>"
        runs, align = [Run(SCENE_BREAK)], "center"
    else:
        level = heading_level(block.kind)
        if level is not None:  # document levels: 1 the work's title, 2 a chapter
            style = "Title" if level == 1 else f"Heading {min(level - 1, 9)}"
        elif block.kind == "li":
            style = "List Number" if block.list_type == "ol" else "List Bullet"
            if block.quote:  # a list style has no room for the quote's
                extra = _QUOTE_INDENT
        elif block.quote:
            style = QUOTE_STYLE
    properties = (
        (f'<w:pStyle w:val="{style_id(style)}"/>' if style else "")
        + extra
        + (f'<w:jc w:val="{_JC[align]}"/>' if align else "")
    )
    head = f"<w:p><w:pPr>{properties}</w:pPr>" if properties else "<w:p>"
    return head + _runs(runs, style_id, link_id) + "</w:p>"


def _runs(runs: list[Run], style_id: Callable[[str], str], link_id: Callable[[str], str]) -> str:
    out: list[str] = []
    # Word opens a relative address as a file beside the document: only absolute links stay.
    for run in allowed_links(runs, relative=False):
        if not run.text:
            continue
        properties = "".join(xml for mark, xml in _RUN_PROPERTIES if mark in run.marks)
        if run.href:
            # The link's look comes from its style, so an underline on the run is the author's.
            properties = f'<w:rStyle w:val="{style_id(LINK_STYLE)}"/>' + properties
        r = f"<w:r><w:rPr>{properties}</w:rPr>" if properties else "<w:r>"
        r += _text(run.text) + "</w:r>"
        if run.href:
            href = xml_safe(run.href)  # a relationship's target is XML too
            r = f'<w:hyperlink r:id="{link_id(href)}">{r}</w:hyperlink>'
        out.append(r)
    return "".join(out)


def _text(text: str) -> str:
    """Text as ``<w:t>`` pieces, line breaks as ``<w:br/>``."""
    pieces = []
    for i, line in enumerate(xml_safe(text).split(LINE_BREAK)):
        if i:
            pieces.append("<w:br/>")
        if line:
            space = ' xml:space="preserve"' if line[0] == " " or line[-1] == " " else ""
            pieces.append(f"<w:t{space}>{escape(line, quote=False)}</w:t>")
    return "".join(pieces)


def export(work: ExportWork, options: ExportOptions) -> bytes:
    document = new_document(work.meta)
    laid_out = layout(work, options)
    header = Layout(laid_out.title or "Untitled", laid_out.byline, laid_out.front, [])
    add_blocks(document, header.blocks())
    for chapter in laid_out.chapters:
        document.add_page_break()
        add_blocks(document, Layout("", "", [], [chapter]).blocks())
    return to_bytes(document)

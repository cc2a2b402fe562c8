"""Word documents (.docx), through python-docx: paragraphs, runs, headings, page breaks.

Formatting is read from each run and, where the run says nothing, from its character and
paragraph styles (a "Quote" style may be italic). Headings ("Title", "Heading 1"...) become
heading blocks, which the splitter takes as chapter starts; a page break is remembered, and
splits chapters only in a document with no headings. Text in tables is kept, paragraph by
paragraph; text boxes, footnotes and comments are not read.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from editor.formats.importers import ImportFailed
from editor.formats.importers.decode import refuse_binary
from editor.formats.importers.own_layout import read_document
from editor.formats.importers.split import PAGE_BREAK, Source
from editor.text.links import link_allowed
from editor.text.paste import spaces_outside
from editor.text.richtext import LINE_BREAK, Block, Run, canonical_headings

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ALIGN = {"CENTER": "center", "RIGHT": "right", "JUSTIFY": "justify", "DISTRIBUTE": "justify"}
_HEADING = re.compile(r"heading (\d)", re.IGNORECASE)
# A zip bomb's parts claim sizes no manuscript has. Word's XML is ~5-20x smaller packed, and
# a 500,000-word novel unpacks to ~30 MB; zipfile never unpacks more than a part declares.
MAX_UNPACKED = 256 * 1024 * 1024
MAX_RATIO = 100  # unpacked / packed, for documents over RATIO_FROM
RATIO_FROM = 32 * 1024 * 1024
MAX_PARTS = 10_000


def read(name: str, data: bytes, check: Callable[[], None]) -> Source:
    document = _open(name, data)
    reader = _Reader()
    for n, item in enumerate(_paragraphs(document)):
        if n % 200 == 0:
            check()
        reader.paragraph(item)
    for block in reader.blocks:
        # Word keeps the space typed before a bold word in the bold run (" strike"): the
        # canonical subset keeps it outside, as paste cleanup does.
        block.runs = spaces_outside(block.runs)
    own = read_document(name, [_rule_or(block) for block in reader.blocks])  # ours?
    source = own or Source(name, canonical_headings(reader.blocks))
    if document.element.body.xpath(".//w:txbxContent"):
        source.warnings.append(f"“{name}” has text boxes: their text was not imported.")
    return source


def _open(name: str, data: bytes) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    refuse_binary(data, name, docx_ok=True)
    if not data.startswith(b"PK\x03\x04"):
        raise ImportFailed(f"“{name}” is not a Word document (.docx): it may be misnamed.")
    try:
        _check_sizes(name, data)
        return docx.Document(io.BytesIO(data))
    except ImportFailed:
        raise
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as e:
        raise ImportFailed(
            f"“{name}” is not a Word document (.docx), or it is damaged ({e})."
        ) from e
    except Exception as e:  # lxml's XMLSyntaxError and other signs of a broken file
        raise ImportFailed(f"“{name}” is a damaged Word document: {e}.") from e


def _check_sizes(name: str, data: bytes) -> None:
    """Refuse a zip bomb from the sizes its directory declares, before anything is unpacked."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = archive.infolist()
    unpacked = sum(p.file_size for p in parts)
    packed = sum(p.compress_size for p in parts)
    if (
        len(parts) > MAX_PARTS
        or unpacked > MAX_UNPACKED
        or (unpacked > RATIO_FROM and unpacked > MAX_RATIO * max(packed, 1))
    ):
        mb = unpacked / (1024 * 1024)
        raise ImportFailed(
            f"“{name}” would unpack to {mb:,.0f} MB in {len(parts):,} parts, far more than "
            "any manuscript: it was not opened (it may be damaged or made to harm)."
        )


def _paragraphs(document: Document) -> list[Paragraph]:
    """Body paragraphs in order, table cells' paragraphs in place of the table."""
    from docx.table import Table

    out: list[Paragraph] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            seen: set[int] = set()
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:  # a merged cell appears once per row it spans
                        seen.add(id(cell._tc))
                        out.extend(cell.paragraphs)
        else:
            out.append(item)
    return out


def _first(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def paragraph(self, paragraph: Paragraph) -> None:
        from docx.text.hyperlink import Hyperlink

        style = paragraph.style
        style_name = style.name if style is not None else ""
        kind, list_type = _kind(paragraph, style_name)
        alignment = _first(
            paragraph.alignment, style.paragraph_format.alignment if style is not None else None
        )
        align = _ALIGN.get(getattr(alignment, "name", "") or "")
        quote = "quote" in style_name.lower()
        p_pr = paragraph._p.pPr
        if p_pr is not None and p_pr.find(f"{_W}pageBreakBefore") is not None:
            self.blocks.append(Block(PAGE_BREAK))
        style_font = style.font if style is not None else None
        block = Block(kind, [], align, quote, list_type)
        self.blocks.append(block)
        for item in paragraph.iter_inner_content():
            link = isinstance(item, Hyperlink)
            href = item.url if link and link_allowed(item.url, relative=False) else None
            for run in item.runs if link else [item]:
                marks = _marks(run, style_font)
                if href and not run.font.underline:  # a link's style's underline is its look
                    marks -= {"u"}
                for piece in _pieces(run):
                    if piece is None:  # a page break: what follows is a new paragraph
                        block = Block(kind, [], align, quote, list_type)
                        self.blocks += [Block(PAGE_BREAK), block]
                    elif piece:
                        block.runs.append(Run(piece, marks, href))


def _rule_or(block: Block) -> Block:
    """A scene break as Ficwright's DOCX writes it (a centred "* * *") read as the rule."""
    plain = all(not run.marks for run in block.runs)
    if block.kind == "p" and block.align == "center" and plain and block.text() == "* * *":
        return Block("hr")
    return block


def _kind(paragraph: Paragraph, style_name: str) -> tuple[str, str | None]:
    # Headings at their document level (Title h1, Heading 1 h2...): ``canonical_headings``
    # brings them to the canonical h2-h4 unless the layout is Ficwright's own.
    if style_name == "Title":
        return "h1", None
    m = _HEADING.fullmatch(style_name)
    if m:
        return f"h{min(int(m.group(1)) + 1, 6)}", None
    p_pr = paragraph._p.pPr
    numbered = p_pr is not None and p_pr.numPr is not None
    if numbered or style_name.startswith("List Bullet") or style_name.startswith("List Number"):
        return "li", "ol" if "Number" in style_name else "ul"
    return "p", None


def _marks(run: Any, style_font: Any) -> frozenset[str]:
    font = run.font
    char = run.style.font if run.style is not None else None

    def flag(name: str) -> bool:
        return bool(
            _first(
                getattr(font, name),
                getattr(char, name, None) if char is not None else None,
                getattr(style_font, name, None) if style_font is not None else None,
            )
        )

    marks = set()
    if flag("bold"):
        marks.add("strong")
    if flag("italic"):
        marks.add("em")
    if flag("underline"):  # True, or a WD_UNDERLINE kind other than NONE (0)
        marks.add("u")
    if flag("strike") or flag("double_strike"):
        marks.add("s")
    if flag("superscript"):
        marks.add("sup")
    elif flag("subscript"):
        marks.add("sub")
    return frozenset(marks)


def _pieces(run: Any) -> list[str | None]:
    """A run's text in order; None where a page break falls."""
    out: list[str | None] = [""]
    for child in run._r.iterchildren():
        tag = child.tag
        if tag == f"{_W}br" and child.get(f"{_W}type") == "page":
            out += [None, ""]
        elif tag in (f"{_W}br", f"{_W}cr"):
            out[-1] = (out[-1] or "") + LINE_BREAK
        elif tag in (f"{_W}t", f"{_W}tab", f"{_W}noBreakHyphen", f"{_W}ptab"):
            out[-1] = (out[-1] or "") + str(child)
    return out

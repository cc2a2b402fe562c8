"""QTextDocument <-> canonical HTML. The only place that knows how Qt stores formatting.

Loading builds the document with a cursor rather than ``setHtml``: Qt's HTML reader
collapses runs of spaces and adds margins of its own, which would break the
byte-identical round trip. Saving walks blocks and fragments and reads the formats
directly; Qt's ``toHtml`` writes styled spans, never ``<em>``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
    QTextListFormat,
)

from editor.text.richtext import LINE_BREAK, Block, Run, clean_text, parse, serialize

_LINE_SEPARATOR = "\u2028"  # what Qt puts in a block for Shift+Enter
_OBJECT = "\ufffc"  # an inline object (image); the canonical subset has none
_HR = QTextFormat.Property.BlockTrailingHorizontalRulerWidth
_QUOTE = QTextFormat.Property.BlockQuoteLevel
_SIZE_ADJUST = QTextFormat.Property.FontSizeAdjustment
_ALIGN_TO_QT = {
    None: Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
    "justify": Qt.AlignmentFlag.AlignJustify,
}
_LIST_STYLE = {"ul": QTextListFormat.Style.ListDisc, "ol": QTextListFormat.Style.ListDecimal}
_QUOTE_MARGIN = 40.0
PARAGRAPH_SPACING = 8.0
# Display only, set from the author's preferences (ui/appearance.py); never read back.
LINE_HEIGHT = 100.0  # percent of the font's own line height
FIRST_LINE_INDENT = 0.0
LINK_COLOR = QColor("#2a6fb0")


def _bom_is_read() -> bool:
    probe = QTextCharFormat()
    probe.setAnchorHref("\ufeff")
    return probe.anchorHref() == ""


# PySide6 hands a str to Qt as UTF-16 with byte-order detection: a leading U+FEFF is dropped
# and a leading U+FFFE byte-swaps the whole string ("\ufffeab" arrives as "愀戀"). A BOM of
# our own in front is the one Qt reads, and the text arrives as it is.
_BOM_IS_READ = _bom_is_read()


def qt_str(text: str) -> str:
    """``text`` as it must be passed to Qt to arrive unchanged."""
    if _BOM_IS_READ and text.startswith(("\ufeff", "\ufffe")):
        return "\ufeff" + text
    return text


# -- formats -------------------------------------------------------------------


def char_format(marks: frozenset[str], href: str | None) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if "strong" in marks else QFont.Weight.Normal)
    fmt.setFontItalic("em" in marks)
    fmt.setFontUnderline("u" in marks)
    fmt.setFontStrikeOut("s" in marks)
    if "sup" in marks:
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    elif "sub" in marks:
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSubScript)
    else:
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignNormal)
    fmt.setAnchor(href is not None)
    fmt.setAnchorHref(qt_str(href or ""))
    if href is not None:
        fmt.setForeground(QBrush(LINK_COLOR))  # display only: not read back
    else:
        fmt.clearForeground()
    return fmt


def block_format(block: Block) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setAlignment(_ALIGN_TO_QT[block.align])
    fmt.setBottomMargin(PARAGRAPH_SPACING)
    if LINE_HEIGHT != 100.0:
        fmt.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    if FIRST_LINE_INDENT and block.kind == "p" and not block.quote:
        fmt.setTextIndent(FIRST_LINE_INDENT)
    if block.kind == "hr":
        fmt.setProperty(_HR, QTextLength(QTextLength.Type.PercentageLength, 100))
    elif block.kind in ("h2", "h3", "h4"):
        fmt.setHeadingLevel(int(block.kind[1]))
    if block.quote:
        fmt.setProperty(_QUOTE, 1)
        fmt.setLeftMargin(_QUOTE_MARGIN)
        fmt.setRightMargin(_QUOTE_MARGIN)
    return fmt


def heading_char_format(level: int) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setProperty(_SIZE_ADJUST, 4 - level)  # h2 -> +2 ... h4 -> 0, as Qt's own reader
    fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


def is_scene_break(block: QTextBlock) -> bool:
    return block.blockFormat().hasProperty(_HR)


def quote_level(fmt: QTextBlockFormat) -> int:
    return int(fmt.intProperty(_QUOTE))


# -- loading -------------------------------------------------------------------


def load(doc: QTextDocument, canonical: str) -> None:
    """Replace the document's content with ``canonical``; the load is not undoable."""
    load_blocks(doc, parse(canonical))


def load_blocks(doc: QTextDocument, blocks: list[Block]) -> None:
    """``load`` from blocks already parsed."""
    undo = doc.isUndoRedoEnabled()
    doc.setUndoRedoEnabled(False)
    doc.clear()
    cursor = QTextCursor(doc)
    formats: dict[tuple[frozenset[str], str | None, str], QTextCharFormat] = {}
    lists: dict[str, object] = {}
    previous: Block | None = None
    cursor.beginEditBlock()
    for i, block in enumerate(blocks or [Block()]):
        bfmt = block_format(block)
        heading = block.kind in ("h2", "h3", "h4")
        base = heading_char_format(int(block.kind[1])) if heading else QTextCharFormat()
        if i == 0:
            cursor.setBlockFormat(bfmt)
            cursor.setBlockCharFormat(base)
        else:
            cursor.insertBlock(bfmt, base)
        if block.kind == "li" and block.list_type:
            same_list = (
                previous is not None
                and previous.kind == "li"
                and previous.list_type == block.list_type
                and previous.quote == block.quote
            )
            if same_list:
                lists[block.list_type].add(cursor.block())  # type: ignore[attr-defined]
            else:
                lists[block.list_type] = cursor.createList(_LIST_STYLE[block.list_type])
        for run in block.runs:
            key = (run.marks, run.href, block.kind)
            fmt = formats.get(key)
            if fmt is None:
                fmt = char_format(run.marks, run.href)
                if heading:  # as typed into a heading: bold and larger
                    fmt.setProperty(_SIZE_ADJUST, 4 - int(block.kind[1]))
                    fmt.setFontWeight(QFont.Weight.Bold)
                formats[key] = fmt
            # insertText would split the block at CR, U+2029 and Qt's frame markers.
            text = clean_text(run.text).replace(LINE_BREAK, _LINE_SEPARATOR)
            cursor.insertText(qt_str(text), fmt)
        previous = block
    cursor.endEditBlock()
    doc.setUndoRedoEnabled(undo)
    doc.setModified(False)


# -- saving --------------------------------------------------------------------


def _marks(fmt: QTextCharFormat, heading: bool) -> frozenset[str]:
    marks: set[str] = set()
    if fmt.fontWeight() >= QFont.Weight.DemiBold and not heading:
        marks.add("strong")
    if fmt.fontItalic():
        marks.add("em")
    if fmt.fontUnderline():
        marks.add("u")
    if fmt.fontStrikeOut():
        marks.add("s")
    valign = fmt.verticalAlignment()
    if valign == QTextCharFormat.VerticalAlignment.AlignSuperScript:
        marks.add("sup")
    elif valign == QTextCharFormat.VerticalAlignment.AlignSubScript:
        marks.add("sub")
    return frozenset(marks)


_ALIGN_FROM_QT = {
    Qt.AlignmentFlag.AlignHCenter: "center",
    Qt.AlignmentFlag.AlignCenter: "center",
    Qt.AlignmentFlag.AlignRight: "right",
    Qt.AlignmentFlag.AlignJustify: "justify",
}


def block_to_model(block: QTextBlock) -> Block:
    bfmt = block.blockFormat()
    quote = quote_level(bfmt) > 0
    if bfmt.hasProperty(_HR) and block.length() <= 1:
        return Block(kind="hr", quote=quote)
    level = bfmt.headingLevel()
    kind = f"h{min(max(level, 2), 4)}" if level else "p"
    text_list = block.textList()
    list_type = None
    if text_list is not None:
        style = text_list.format().style()
        list_type = "ol" if style.value <= QTextListFormat.Style.ListDecimal.value else "ul"
        kind = "li"
    align = _ALIGN_FROM_QT.get(bfmt.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask)
    runs: list[Run] = []
    heading = kind.startswith("h")
    for text, fmt in _fragments(block):
        if _LINE_SEPARATOR in text or _OBJECT in text:
            text = text.replace(_LINE_SEPARATOR, LINE_BREAK).replace(_OBJECT, "")
        href = fmt.anchorHref() if fmt.isAnchor() and fmt.anchorHref() else None
        runs.append(Run(text, _marks(fmt, heading), href))
    return Block(kind=kind, runs=runs, align=align, quote=quote, list_type=list_type)


def _fragments(block: QTextBlock) -> list[tuple[str, QTextCharFormat]]:
    """The block's text in format runs.

    A format change can fall between the two halves of a surrogate pair (an emoji
    formatted by position); ``QTextFragment.text()`` then drops both halves. So when
    the block has characters outside the BMP, slice its UTF-16 text ourselves and keep
    each pair whole, in the later run.
    """
    frags = [it.fragment() for it in block]
    frags = [f for f in frags if f.isValid()]
    text = block.text()
    if len(text) == block.length() - 1:  # no surrogate pairs: positions are indices
        return [(f.text(), f.charFormat()) for f in frags]
    units = text.encode("utf-16-le", "surrogatepass")
    start = block.position()
    bounds = []
    for f in frags:
        b = f.position() - start
        if b > 0 and 0xD800 <= int.from_bytes(units[2 * b - 2 : 2 * b], "little") <= 0xDBFF:
            b -= 1
        bounds.append(b)
    bounds.append(len(units) // 2)
    return [
        (units[2 * a : 2 * b].decode("utf-16-le", "surrogatepass"), f.charFormat())
        for f, a, b in zip(frags, bounds, bounds[1:], strict=False)
    ]


def block_models(block: QTextBlock) -> list[Block]:
    """What one Qt block holds: one canonical block, or two for text typed onto a rule's
    line (the rule and the text, never dropping either)."""
    model = block_to_model(block)
    if model.kind != "hr" and is_scene_break(block):
        return [Block(kind="hr", quote=model.quote), model]
    return [model]


def blocks(doc: QTextDocument) -> list[Block]:
    out: list[Block] = []
    block = doc.begin()
    while block.isValid():
        out.extend(block_models(block))
        block = block.next()
    return out


def to_canonical(doc: QTextDocument) -> str:
    return serialize(blocks(doc))

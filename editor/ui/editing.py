"""Editing behaviour every rich-text widget shares: the chapter pane and the rich fields.

Formatting toggles, alignment, paste cleanup and copy all go through these, so a summary
field and the chapter pane format, paste and copy the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import (
    QFont,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QTextEdit

from editor.text import qtdoc
from editor.text.richtext import Block, normalize

ALIGNMENTS = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
    "justify": Qt.AlignmentFlag.AlignJustify,
}


# -- character formats -----------------------------------------------------------


def is_bold(edit: QTextEdit) -> bool:
    return edit.currentCharFormat().fontWeight() >= QFont.Weight.DemiBold


def bold_format(on: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
    return fmt


def italic_format(on: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontItalic(on)
    return fmt


def underline_format(on: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontUnderline(on)
    return fmt


def strikeout_format(on: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontStrikeOut(on)
    return fmt


def merge_char_format(edit: QTextEdit, fmt: QTextCharFormat) -> None:
    """Apply ``fmt`` to the selection, or as a word processor does with no selection."""
    cursor = edit.textCursor()
    if not cursor.hasSelection():
        # Inside a word, as word processors do, the whole word; at its edge or between
        # words, only what is typed next (so Ctrl+I after "late" does not undo "late").
        if not inside_word(cursor):
            edit.mergeCurrentCharFormat(fmt)
            return
        cursor.select(QTextCursor.SelectionType.WordUnderCursor)
    cursor.mergeCharFormat(fmt)
    edit.mergeCurrentCharFormat(fmt)


def inside_word(cursor: QTextCursor) -> bool:
    text = cursor.block().text()
    i = cursor.positionInBlock()
    return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()


# -- block formats ---------------------------------------------------------------


def alignment_name(edit: QTextEdit) -> str:
    align = edit.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
    for name, flag in ALIGNMENTS.items():
        if align == flag:
            return name
    return "left"


def set_alignment_name(edit: QTextEdit, name: str) -> None:
    edit.setAlignment(ALIGNMENTS[name])


# -- paste and copy --------------------------------------------------------------


def insert_canonical(edit: QTextEdit, canonical: str) -> None:
    """Insert canonical HTML at the cursor, through a document loaded by qtdoc."""
    clean = QTextDocument()
    qtdoc.load(clean, canonical)
    cursor = edit.textCursor()
    first = clean.begin()
    if clean.blockCount() == 1 and first.blockFormat() == qtdoc.block_format(Block()):
        # A plain paragraph goes in as text: a fragment would also replace the format of
        # an empty paragraph it lands in (its alignment, its list).
        cursor.beginEditBlock()
        insert_runs(cursor, first)
        cursor.endEditBlock()
    else:
        cursor.insertFragment(QTextDocumentFragment(clean))
    edit.ensureCursorVisible()


def insert_runs(cursor: QTextCursor, block: QTextBlock) -> QTextCharFormat | None:
    """Insert the text of ``block`` with its character formats, keeping the cursor's
    paragraph as it is; returns the last format inserted (None if nothing was)."""
    heading = cursor.blockFormat().headingLevel()
    fmt: QTextCharFormat | None = None
    it = block.begin()
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        if heading:  # what lands in a heading looks like the heading
            fmt.merge(qtdoc.heading_char_format(heading))
        cursor.insertText(it.fragment().text(), fmt)
        it += 1
    return fmt


def paste(edit: QTextEdit, source: QMimeData) -> bool:
    """Paste keeps what the canonical subset holds: no fonts, sizes or colours.

    False when ``source`` holds neither HTML nor text (the caller decides what then).
    """
    if source.hasHtml():
        insert_canonical(edit, normalize(source.html()))
    elif source.hasText():
        edit.textCursor().insertText(source.text())
        edit.ensureCursorVisible()
    else:
        return False
    return True


def mime_from_selection(cursor: QTextCursor) -> QMimeData:
    """Copy as canonical HTML (what another Ficwright field pastes back) and plain text."""
    data = QMimeData()
    fragment = cursor.selection()
    doc = QTextDocument()
    QTextCursor(doc).insertFragment(fragment)
    data.setHtml(qtdoc.to_canonical(doc))
    data.setText(fragment.toPlainText().replace("\u2028", "\n"))
    return data


class CanonicalEdit(QTextEdit):
    """A QTextEdit whose clipboard speaks the canonical subset: paste is cleaned, copy is canonical.

    The chapter pane and the rich fields both derive from it, so a paste behaves the same
    wherever the author writes.
    """

    def insertFromMimeData(self, source: QMimeData) -> None:
        if not paste(self, source):
            super().insertFromMimeData(source)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasHtml() or source.hasText() or super().canInsertFromMimeData(source)

    def createMimeDataFromSelection(self) -> QMimeData:
        return mime_from_selection(self.textCursor())

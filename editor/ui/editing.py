"""Editing behaviour every rich-text widget shares: the chapter pane and the rich fields.

Formatting toggles, alignment, paste cleanup and copy all go through these, so a summary
field and the chapter pane format, paste and copy the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QKeyEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QTextEdit

from editor.text import qtdoc
from editor.text.paste import clean_html
from editor.text.richtext import Block, normalize
from editor.text.typography import convert_typed, smarten, smarten_html

ALIGNMENTS = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
    "justify": Qt.AlignmentFlag.AlignJustify,
}
# Ficwright's own copies carry their canonical HTML under this type, pasted as it is:
# the author's text, with its blank paragraphs and straight quotes, is not "cleaned".
CANONICAL_MIME = "application/x-ficwright-canonical"
SMART_KEYS = frozenset("\"'-.")
_BUSY_PASTE = 1_000_000  # characters of HTML from which a paste shows a busy cursor
_LOOK_BACK = 200  # characters of the paragraph read to convert a typed character


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
        cursor.insertText(qtdoc.qt_str(it.fragment().text()), fmt)
        it += 1
    return fmt


def paste(edit: QTextEdit, source: QMimeData, *, smart: bool = False) -> bool:
    """Paste keeps what the canonical subset holds: no fonts, sizes or colours.

    ``smart``: straight quotes, ``--`` and ``...`` in the pasted text become typographic.
    False when ``source`` holds neither HTML nor text (the caller decides what then).
    """
    if source.hasFormat(CANONICAL_MIME):
        insert_canonical(edit, normalize(bytes(source.data(CANONICAL_MIME)).decode("utf-8")))
    elif source.hasHtml():
        html = source.html()
        busy = len(html) >= _BUSY_PASTE
        if busy:  # ~1.5 s for 10 MB (clean 0.7 s, Qt's insert 0.7 s): say it is working
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            canonical = clean_html(html)
            insert_canonical(edit, smarten_html(canonical) if smart else canonical)
        finally:
            if busy:
                QGuiApplication.restoreOverrideCursor()
    elif source.hasText():
        text = source.text()
        edit.textCursor().insertText(qtdoc.qt_str(smarten(text) if smart else text))
        edit.ensureCursorVisible()
    else:
        return False
    return True


def smarten_typed(edit: QTextEdit, typed: str) -> bool:
    """After ``typed`` went in at the cursor: make it typographic, as one undo step of its
    own, so Ctrl+Z right after gives the straight character back (as word processors do)."""
    cursor = edit.textCursor()
    if cursor.hasSelection() or not typed:
        return False
    block = cursor.block()
    column = cursor.positionInBlock()
    text = block.text()[max(0, column - _LOOK_BACK) : column]
    if not text.endswith(typed):
        return False
    change = convert_typed(text[: -len(typed)], typed)
    if change is None:
        return False
    absorbed, replacement = change
    span = QTextCursor(cursor)
    span.setPosition(cursor.position() - len(typed) - absorbed, QTextCursor.MoveMode.KeepAnchor)
    fmt = cursor.charFormat()  # the typed character's
    span.beginEditBlock()
    span.insertText(replacement, fmt)
    # Typing on must not merge into this step, or one Ctrl+Z would undo both.
    # Re-setting the last character's format records a step that typing cannot join.
    last = QTextCursor(span)
    last.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor)
    last.setCharFormat(fmt)
    span.endEditBlock()
    edit.setTextCursor(span)
    return True


def mime_from_selection(cursor: QTextCursor) -> QMimeData:
    """Copy as canonical HTML (what another Ficwright field pastes back) and plain text."""
    data = QMimeData()
    fragment = cursor.selection()
    doc = QTextDocument()
    QTextCursor(doc).insertFragment(fragment)
    canonical = qtdoc.to_canonical(doc)
    data.setHtml(qtdoc.qt_str(canonical))
    data.setData(CANONICAL_MIME, canonical.encode("utf-8"))
    data.setText(qtdoc.qt_str(fragment.toPlainText().replace("\u2028", "\n")))
    return data


class CanonicalEdit(QTextEdit):
    """A QTextEdit whose clipboard speaks the canonical subset: paste is cleaned, copy is canonical.

    The chapter pane and the rich fields both derive from it, so a paste behaves the same
    wherever the author writes.
    """

    smart_typography = False  # per widget; the Edit menu switches it everywhere

    def set_smart_typography(self, on: bool) -> None:
        self.smart_typography = on

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        text = event.text()
        if self.smart_typography and text in SMART_KEYS and not self.isReadOnly():
            smarten_typed(self, text)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if not paste(self, source, smart=self.smart_typography):
            super().insertFromMimeData(source)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasHtml() or source.hasText() or super().canInsertFromMimeData(source)

    def createMimeDataFromSelection(self) -> QMimeData:
        return mime_from_selection(self.textCursor())

"""Editing behaviour every rich-text widget shares: the chapter pane and the rich fields.

Formatting toggles, alignment, smart typing, and paste and copy (``pasting``) all go through
these, so a summary field and the chapter pane format, paste and copy the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QAbstractScrollArea, QTextEdit

from editor.text.typography import convert_typed
from editor.ui import pasting

ALIGNMENTS = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
    "justify": Qt.AlignmentFlag.AlignJustify,
}
SMART_KEYS = frozenset("\"'-.")
_TABS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
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


# -- smart typography while typing -------------------------------------------


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


class CanonicalEdit(QTextEdit):
    """A QTextEdit whose clipboard speaks the canonical subset: paste is cleaned, copy is canonical.

    The chapter pane and the rich fields both derive from it, so a paste behaves the same
    wherever the author writes.
    """

    smart_typography = False  # per widget; the Edit menu switches it everywhere

    def set_smart_typography(self, on: bool) -> None:
        self.smart_typography = on

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _TABS and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # Tab types a tab here; Ctrl+Tab moves on, as in other text editors' fields.
            backward = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            # QTextEdit keeps the focus while Tab types (tabChangesFocus off): skip its say.
            QAbstractScrollArea.focusNextPrevChild(self, not backward)
            return
        super().keyPressEvent(event)
        text = event.text()
        if self.smart_typography and text in SMART_KEYS and not self.isReadOnly():
            smarten_typed(self, text)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if not pasting.paste(self, source, smart=self.smart_typography):
            super().insertFromMimeData(source)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasHtml() or source.hasText() or super().canInsertFromMimeData(source)

    def createMimeDataFromSelection(self) -> QMimeData:
        return pasting.mime_from_selection(self.textCursor())

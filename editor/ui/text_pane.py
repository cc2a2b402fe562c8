"""The rich-text pane where chapters are written."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import (
    QFont,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import QWidget

from editor.text import qtdoc
from editor.text.richtext import Block
from editor.ui import editing
from editor.ui.editing import ALIGNMENTS

__all__ = ["ALIGNMENTS", "TextPane"]


class TextPane(editing.CanonicalEdit):
    """Edits the document the workspace hands it; formatting requests come from the window."""

    formatChanged = Signal()  # the formatting under the cursor changed: refresh the toolbar
    # Display-only formats for a document about to be shown (ui/appearance.py).
    decorate: Callable[[QTextDocument], None] | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("textPane")
        self.setAcceptRichText(True)
        self.setTabChangesFocus(False)
        font = QFont("Serif")
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSizeF(12.5)
        self.setFont(font)
        self.currentCharFormatChanged.connect(lambda _fmt: self.formatChanged.emit())
        self.cursorPositionChanged.connect(self.formatChanged)
        self.setEnabled(False)

    def show_document(self, doc: QTextDocument | None) -> None:
        if doc is None:
            self.setDocument(QTextDocument(self))
            self.setEnabled(False)
            return
        # Display settings are not edits: keep them from marking the work unsaved.
        modified = doc.isModified()
        blocked = doc.blockSignals(True)
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(24)
        if self.decorate is not None:
            self.decorate(doc)
        doc.setModified(modified)
        doc.blockSignals(blocked)
        self.setDocument(doc)
        self.setEnabled(True)
        self.formatChanged.emit()

    # -- character formats -----------------------------------------------------

    def is_bold(self) -> bool:
        return editing.is_bold(self)

    def is_italic(self) -> bool:
        return self.currentCharFormat().fontItalic()

    def is_underline(self) -> bool:
        return self.currentCharFormat().fontUnderline()

    def is_strikeout(self) -> bool:
        return self.currentCharFormat().fontStrikeOut()

    def set_bold(self, on: bool) -> None:
        editing.merge_char_format(self, editing.bold_format(on))

    def set_italic(self, on: bool) -> None:
        editing.merge_char_format(self, editing.italic_format(on))

    def set_underline(self, on: bool) -> None:
        editing.merge_char_format(self, editing.underline_format(on))

    def set_strikeout(self, on: bool) -> None:
        editing.merge_char_format(self, editing.strikeout_format(on))

    # -- block formats -----------------------------------------------------------

    def alignment_name(self) -> str:
        return editing.alignment_name(self)

    def set_alignment_name(self, name: str) -> None:
        editing.set_alignment_name(self, name)

    def is_block_quote(self) -> bool:
        return qtdoc.quote_level(self.textCursor().blockFormat()) > 0

    def set_block_quote(self, on: bool) -> None:
        cursor = self.textCursor()
        cursor.beginEditBlock()
        start, end = sorted((cursor.position(), cursor.anchor()))
        block = self.document().findBlock(start)
        while block.isValid() and block.position() <= end:
            fmt = block.blockFormat()
            quoted = qtdoc.block_format(Block(quote=True))
            fmt.setProperty(qtdoc._QUOTE, 1 if on else 0)
            fmt.setLeftMargin(quoted.leftMargin() if on else 0)
            fmt.setRightMargin(quoted.rightMargin() if on else 0)
            c = QTextCursor(block)
            c.setBlockFormat(fmt)
            block = block.next()
        cursor.endEditBlock()
        self.formatChanged.emit()

    def list_style(self) -> str | None:
        text_list = self.textCursor().currentList()
        if text_list is None:
            return None
        style = text_list.format().style()
        return "ol" if style == QTextListFormat.Style.ListDecimal else "ul"

    def set_list(self, kind: str | None) -> None:
        """Turn the selected paragraphs into a bulleted ("ul") or numbered ("ol") list, or back."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        current = cursor.currentList()
        if current is not None:
            start, end = sorted((cursor.position(), cursor.anchor()))
            block = self.document().findBlock(start)
            while block.isValid() and block.position() <= end:
                if block.textList() is not None:
                    block.textList().remove(block)
                    fmt = block.blockFormat()
                    fmt.setIndent(0)
                    QTextCursor(block).setBlockFormat(fmt)
                block = block.next()
        if kind is not None:
            style = (
                QTextListFormat.Style.ListDecimal
                if kind == "ol"
                else QTextListFormat.Style.ListDisc
            )
            cursor.createList(style)
        cursor.endEditBlock()
        self.formatChanged.emit()

    def insert_scene_break(self) -> None:
        """A horizontal rule on its own line, with the cursor on a fresh paragraph below it."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        rule = qtdoc.block_format(Block(kind="hr"))
        paragraph = qtdoc.block_format(Block())
        if cursor.hasSelection():
            cursor.removeSelectedText()
        if cursor.block().length() > 1 or cursor.atBlockStart() is False:
            cursor.insertBlock(paragraph, QTextCharFormat())
        cursor.setBlockFormat(rule)
        cursor.insertBlock(paragraph, QTextCharFormat())
        cursor.endEditBlock()
        self.setTextCursor(cursor)

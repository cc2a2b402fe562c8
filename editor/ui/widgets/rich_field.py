"""A small rich-text field for summaries, notes, disclaimer, dedication and prompt."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QKeyCombination, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QKeyEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QFrame,
    QInputDialog,
    QLineEdit,
    QSizePolicy,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from editor.formats.limits import Limit
from editor.text import markdown, qtdoc
from editor.text.links import link_allowed
from editor.text.richtext import Block, Run, parse, serialize
from editor.ui import editing, pasting
from editor.ui.widgets.counter import CounterLabel

AskUrl = Callable[[QWidget, str], "str | None"]  # (parent, current href) -> URL, None = cancel

_CTRL = Qt.KeyboardModifier.ControlModifier
_SHORTCUTS = {
    QKeyCombination(_CTRL, Qt.Key.Key_B): "bold",
    QKeyCombination(_CTRL, Qt.Key.Key_I): "italic",
    QKeyCombination(_CTRL, Qt.Key.Key_U): "underline",
    QKeyCombination(_CTRL, Qt.Key.Key_K): "link",
    # The chapter pane's alignment keys: here they align the field's paragraph instead.
    QKeyCombination(_CTRL, Qt.Key.Key_L): "left",
    QKeyCombination(_CTRL, Qt.Key.Key_E): "center",
    QKeyCombination(_CTRL, Qt.Key.Key_R): "right",
    QKeyCombination(_CTRL, Qt.Key.Key_J): "justify",
}
_CLOSING_CHARS = frozenset("*_~)")  # typing one of these may finish a Markdown construct
_MAX_LINES = 14  # the field grows with its text up to this, then scrolls
_MARGIN = 4
_LOOK_BACK = 1000  # characters of the paragraph read for a typed Markdown construct


def ask_url(parent: QWidget, current: str) -> str | None:
    """Ask for a link's address; None when cancelled, "" to remove the link."""
    url, ok = QInputDialog.getText(
        parent,
        parent.tr("Link"),
        parent.tr("Address (empty to remove the link):"),
        QLineEdit.EchoMode.Normal,
        current,
    )
    return url.strip() if ok else None


def _key(event: QKeyEvent) -> QKeyCombination:
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return QKeyCombination(mods, Qt.Key(event.key()))


class _Edit(editing.CanonicalEdit):
    """The QTextEdit inside a RichField: formatting keys, clean paste, typed Markdown."""

    def __init__(self, field: RichField) -> None:
        super().__init__(field)
        self._field = field

    def event(self, event: QEvent) -> bool:
        # Accepting the override makes Ctrl+B reach this field instead of the window's
        # Bold action, which formats the chapter.
        if event.type() == QEvent.Type.ShortcutOverride and _key(event) in _SHORTCUTS:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.isReadOnly():  # a read-only work: formatting keys would still edit
            super().keyPressEvent(event)
            return
        command = _SHORTCUTS.get(_key(event))
        if command is not None:
            self._field.run(command)
            event.accept()
            return
        super().keyPressEvent(event)
        text = event.text()
        if text and text[-1] in _CLOSING_CHARS:
            self._field.convert_typed_markdown()

    def insertFromMimeData(self, source: QMimeData) -> None:
        if not source.hasHtml() and source.hasText():
            text = source.text()
            if markdown.looks_like_markdown(text):
                pasting.insert_canonical(self, markdown.to_canonical(text))
                return
        super().insertFromMimeData(source)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._field.text_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._field.text_height(minimum=True))


class RichField(QWidget):
    """Edits one rich field, stored as canonical HTML, with a live length counter."""

    edited = Signal()  # the author changed the text; set_html() stays silent

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        limit: Limit | None = None,
        placeholder: str = "",
        min_lines: int = 3,
    ) -> None:
        super().__init__(parent)
        self.ask_url: AskUrl = ask_url  # replaceable, so tests need no dialog
        self._min_lines = max(1, min_lines)
        self._loading = False

        self._edit = _Edit(self)
        self._edit.setObjectName("richFieldEdit")
        self._edit.setAcceptRichText(True)
        self._edit.setTabChangesFocus(True)  # a form field: Tab goes to the next one
        self._edit.setPlaceholderText(placeholder)
        self._edit.setFrameShape(QFrame.Shape.StyledPanel)
        self._edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        doc = self._edit.document()
        doc.setDocumentMargin(_MARGIN)
        doc.setModified(False)  # a display setting, not an edit
        doc.clearUndoRedoStacks()
        self._last = self.html()

        self._counter: CounterLabel | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self._edit)
        if limit is not None:
            self._counter = CounterLabel(limit, self)
            self._counter.setObjectName("richFieldCounter")
            layout.addWidget(self._counter)
        self.setFocusProxy(self._edit)
        # As tall as the text (see text_height), not as tall as the panel happens to be.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        doc.contentsChanged.connect(self._on_contents_changed)
        doc.documentLayout().documentSizeChanged.connect(lambda _size: self._edit.updateGeometry())
        self._update_counter()

    # -- public API --------------------------------------------------------------

    def html(self) -> str:
        return qtdoc.to_canonical(self._edit.document())

    def set_html(self, canonical: str) -> None:
        """Show ``canonical`` with an empty undo history, without emitting ``edited``."""
        doc = self._edit.document()
        self._loading = True
        try:
            qtdoc.load(doc, canonical)
            doc.clearUndoRedoStacks()
            doc.setModified(False)
        finally:
            self._loading = False
        self._last = self.html()
        self._update_counter()

    def text_edit(self) -> QTextEdit:
        return self._edit

    def counter(self) -> CounterLabel | None:
        return self._counter

    def document(self) -> QTextDocument:
        return self._edit.document()

    def set_placeholder(self, text: str) -> None:
        self._edit.setPlaceholderText(text)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self._edit.setAccessibleName(name)

    # -- formatting --------------------------------------------------------------

    def run(self, command: str) -> None:
        """Apply a formatting command: bold, italic, underline, link, or an alignment."""
        edit = self._edit
        if command == "bold":
            editing.merge_char_format(edit, editing.bold_format(not editing.is_bold(edit)))
        elif command == "italic":
            on = not edit.currentCharFormat().fontItalic()
            editing.merge_char_format(edit, editing.italic_format(on))
        elif command == "underline":
            on = not edit.currentCharFormat().fontUnderline()
            editing.merge_char_format(edit, editing.underline_format(on))
        elif command == "link":
            self.edit_link()
        elif command in editing.ALIGNMENTS:
            editing.set_alignment_name(edit, command)

    def edit_link(self) -> None:
        """Link the selection (or the link under the cursor) to an address the author gives."""
        cursor = self._edit.textCursor()
        current = cursor.charFormat().anchorHref() if cursor.charFormat().isAnchor() else ""
        if not cursor.hasSelection() and current:
            cursor = self._anchor_extent(cursor)
        url = self.ask_url(self, current)
        if url is None:
            return
        if url and not link_allowed(url, relative=True):
            # It would not survive the save (text/links.py): say so now, change nothing.
            QToolTip.showText(
                self.mapToGlobal(self.rect().bottomLeft()),
                self.tr("Only web (http, https) and e-mail (mailto) addresses can be links."),
                self,
            )
            return
        cursor.beginEditBlock()
        if not url:
            self._unlink(cursor)
        elif cursor.hasSelection():
            cursor.mergeCharFormat(self._link_format(url))
        else:  # nothing selected: the address is its own text
            fmt = self._edit.currentCharFormat()
            fmt.merge(self._link_format(url))
            cursor.insertText(url, fmt)
        cursor.endEditBlock()
        self._edit.setTextCursor(cursor)
        if not cursor.hasSelection():
            # What is typed after a link is not part of it.
            self._edit.setCurrentCharFormat(self._without_link(self._edit.currentCharFormat()))

    @staticmethod
    def _link_format(url: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url)
        fmt.setForeground(QBrush(qtdoc.LINK_COLOR))
        return fmt

    @staticmethod
    def _anchor_extent(cursor: QTextCursor) -> QTextCursor:
        """A cursor selecting the whole link under ``cursor``."""
        href = cursor.charFormat().anchorHref()
        block = cursor.block()
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            start, end = frag.position(), frag.position() + frag.length()
            fmt = frag.charFormat()
            if start < cursor.position() <= end and fmt.isAnchor() and fmt.anchorHref() == href:
                out = QTextCursor(cursor.document())
                out.setPosition(start)
                out.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                return out
            it += 1
        return cursor

    @staticmethod
    def _unlink(cursor: QTextCursor) -> None:
        # Per fragment with setCharFormat: a merge can add properties but not remove them.
        doc = cursor.document()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        pieces: list[tuple[int, int, QTextCharFormat]] = []
        block = doc.findBlock(start)
        while block.isValid() and block.position() < end:
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                lo = max(start, frag.position())
                hi = min(end, frag.position() + frag.length())
                if lo < hi and frag.charFormat().isAnchor():
                    pieces.append((lo, hi, frag.charFormat()))
                it += 1
            block = block.next()
        for lo, hi, fmt in pieces:
            part = QTextCursor(doc)
            part.setPosition(lo)
            part.setPosition(hi, QTextCursor.MoveMode.KeepAnchor)
            part.setCharFormat(RichField._without_link(fmt))

    @staticmethod
    def _without_link(fmt: QTextCharFormat) -> QTextCharFormat:
        fmt = QTextCharFormat(fmt)
        fmt.setAnchor(False)
        fmt.clearProperty(QTextFormat.Property.AnchorHref)
        fmt.clearForeground()
        return fmt

    # -- typed Markdown ----------------------------------------------------------

    def convert_typed_markdown(self) -> bool:
        """Turn a Markdown construct that ends at the cursor into formatted text.

        The construct goes markdown-it -> canonical HTML -> a document loaded by qtdoc,
        the one path Markdown takes everywhere; formatting the text had already stays.
        """
        cursor = self._edit.textCursor()
        if cursor.hasSelection():
            return False
        block = cursor.block()
        # A construct is typed within a sentence or two: a long paragraph is not reparsed.
        start = max(0, cursor.positionInBlock() - _LOOK_BACK)
        match = markdown.trailing_inline(block.text()[start : cursor.positionInBlock()])
        if match is None:
            return False
        span = QTextCursor(cursor)
        span.setPosition(block.position() + start + match.start)
        span.setPosition(cursor.position(), QTextCursor.MoveMode.KeepAnchor)
        typed = self._runs(span)
        scratch = QTextDocument()
        qtdoc.load(scratch, self._keep_formatting(typed, match.canonical))
        span.beginEditBlock()  # one undo step: Ctrl+Z brings the markers back
        span.removeSelectedText()
        heading = span.blockFormat().headingLevel()
        # As text, not a fragment: the paragraph keeps its alignment and list.
        fmt = pasting.insert_runs(span, scratch.begin())
        # Typing on must not merge into this step, or one Ctrl+Z would undo both.
        # Re-setting the last character's format records a step that typing cannot join.
        if fmt is not None:
            last = QTextCursor(span)
            last.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor)
            last.setCharFormat(fmt)
        span.endEditBlock()
        self._edit.setTextCursor(span)
        # Go on typing as before the opening marker, not in the new format.
        base = typed[0] if typed else Run("")
        after = qtdoc.char_format(base.marks, base.href)
        if heading:
            after.merge(qtdoc.heading_char_format(heading))
        self._edit.setCurrentCharFormat(after)
        return True

    @staticmethod
    def _runs(span: QTextCursor) -> list[Run]:
        """The selected text as runs, read the way the field is saved."""
        doc = QTextDocument()
        QTextCursor(doc).insertFragment(QTextDocumentFragment(span.selection()))
        return [run for block in qtdoc.blocks(doc) for run in block.runs]

    @staticmethod
    def _keep_formatting(typed: list[Run], canonical: str) -> str:
        """``canonical`` plus the marks the typed text already had (a word bolded earlier)."""
        blocks = parse(canonical)
        if len(blocks) != 1:
            return canonical
        old = [(run.marks, run.href) for run in typed for _ in run.text]
        plain = "".join(run.text for run in blocks[0].runs)
        offset = "".join(run.text for run in typed).find(plain)
        if offset < 0:  # markdown changed the text (an escape): keep only the new marks
            return canonical
        merged: list[Run] = []
        for run in blocks[0].runs:
            for char in run.text:
                marks, href = old[offset + len(merged)]
                merged.append(Run(char, run.marks | marks, run.href or href))
        return serialize([Block(runs=merged)])

    # -- state -------------------------------------------------------------------

    def _on_contents_changed(self) -> None:
        if self._loading:
            return
        html = self.html()
        self._update_counter(html)
        # Only a change to what is stored is an edit: display settings and formatting
        # toggled with nothing selected change the document, not the text.
        if html != self._last:
            self._last = html
            self.edited.emit()

    def _update_counter(self, html: str | None = None) -> None:
        if self._counter is not None:
            # AO3 counts the markup toward its limits.
            self._counter.set_length(len(self.html() if html is None else html))

    def text_height(self, *, minimum: bool = False) -> int:
        """Height for ``min_lines`` lines, or for the text up to ``_MAX_LINES`` lines."""
        line = self._edit.fontMetrics().lineSpacing()
        frame = 2 * self._edit.frameWidth() + 2 * _MARGIN + 2
        low = self._min_lines * line + frame
        if minimum:
            return low
        doc_height = int(self._edit.document().size().height()) + 2 * self._edit.frameWidth() + 2
        return max(low, min(doc_height, _MAX_LINES * line + frame))

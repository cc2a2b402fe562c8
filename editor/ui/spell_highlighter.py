"""Red wavy underlines under the words the spellchecker does not know.

A 20,000-word chapter takes far longer to check than a keystroke may: a whole document is
checked by a background pass of short slices on the UI thread's event loop, the visible part
first, while the paragraph being typed in is always checked at once.
"""

from __future__ import annotations

import contextlib
import re
import time
from bisect import bisect_left
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLayout,
)
from PySide6.QtWidgets import QTextEdit

from editor.spelling.checker import Checker
from editor.spelling.service import SpellService

SLICE_MS = 5.0  # one slice of the background pass; input waits about this long at most
# Checking stops this early in a slice: telling the layout about the changed paragraphs
# takes about as long again.
CHECK_MS = 3.0
# A change this large (a paste, a document loaded into a field) is checked by the pass, not
# by the keystroke path: Qt re-highlights every block a change touches in one go.
EDIT_LIMIT = 4000  # UTF-16 units
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_offsets(text: str) -> Callable[[int], int]:
    """Map str offsets in ``text`` to Qt's UTF-16 offsets: an emoji is two units in Qt."""
    astral = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []
    if not astral:
        return lambda i: i
    return lambda i: i + bisect_left(astral, i)


def unknown_spans(checker: Checker, text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each unknown word of a block's text, in UTF-16 offsets."""
    found = checker.unknown(text)
    if not found:
        return []
    u16 = utf16_offsets(text)
    return [(u16(t.start), u16(t.end), t.word) for t in found]


class _Dirty:
    """The span of blocks whose underlines changed in one go."""

    __slots__ = ("end", "start")

    def __init__(self) -> None:
        self.start = -1
        self.end = -1

    def add(self, block: QTextBlock) -> None:
        if self.start < 0:
            self.start = block.position()
        self.end = block.position() + block.length()


def spell_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(QColor(Qt.GlobalColor.red))
    return fmt


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines unknown words in one document at a time (``set_document``).

    Blocks are checked only when the pass reaches them or when the author edits them; any
    other re-highlight Qt asks for keeps what a block already shows, so a re-check after a
    word was added never blanks the underlines it has not reached yet.

    An inactive highlighter (a chapter not on screen) keeps its underlines and only notes
    that they are stale; it checks again when it is made active.
    """

    def __init__(self, parent: QObject | None = None, service: SpellService | None = None) -> None:
        super().__init__(parent)
        self._service: SpellService | None = None
        self._enabled = True
        self.view: QTextEdit | None = None  # its visible blocks are checked first
        self._format = spell_format()
        self._mark: QTextCursor | None = None  # where the pass goes on; None: no pass
        self._force = False  # inside our own rehighlightBlock: check, do not keep
        self._busy = False  # our own re-highlight: its contentsChange is not an edit
        self._edit: tuple[int, int] | None = None  # the last edit, UTF-16 document positions
        self._shown = False  # underlines may be showing: clearing them needs a full pass
        self._active = True
        self._stale = False  # something changed while inactive: check all on activation
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._slice)
        self.longest_slice_ms = 0.0  # what the benchmark reports
        self.set_service(service)

    # -- configuration -------------------------------------------------------------

    def set_service(self, service: SpellService | None) -> None:
        if service is self._service:
            return
        old = self._service
        if old is not None:
            with contextlib.suppress(RuntimeError):  # already deleted with its workspace
                old.ready.disconnect(self.check_all)
                old.changed.disconnect(self.check_all)
        self._service = service
        if service is not None:
            service.ready.connect(self.check_all)
            service.changed.connect(self.check_all)
        self.check_all()

    def set_document(self, doc: QTextDocument | None, view: QTextEdit | None = None) -> None:
        """Underline ``doc`` (None: nothing); Qt clears the underlines of the one left."""
        old = self.document()
        self.view = view
        if doc is old:
            return
        if old is not None:
            old.contentsChange.disconnect(self._contents_change)
        self._edit = None
        self._mark = None
        self._shown = False  # setDocument clears the old document, the new one shows none
        self._timer.stop()
        if doc is not None:
            # Connected before Qt's own slot (in setDocument), so an edit is known as one
            # by the time Qt re-highlights its blocks.
            doc.contentsChange.connect(self._contents_change)
        self.setDocument(doc)
        if doc is not None:
            # setDocument queues a whole-document re-highlight, and until it runs Qt ignores
            # edits. Run it now (each block only keeps what it shows): the same cost, paid
            # before the author's first keystroke rather than after it.
            self._busy = True
            try:
                self.rehighlight()
            finally:
                self._busy = False
            self.check_all()

    def set_enabled(self, on: bool) -> None:
        if on == self._enabled:
            return
        self._enabled = on
        self.check_all()

    def enabled(self) -> bool:
        return self._enabled

    def set_active(self, on: bool) -> None:
        """Inactive: no pass runs, changes only mark the underlines stale."""
        if on == self._active:
            return
        self._active = on
        if not on:
            self._timer.stop()  # the mark stays: the pass goes on from there
        elif self._stale:
            self._stale = False
            self.check_all()
        elif self._mark is not None:
            self._check_visible()
            self._timer.start()

    def pending(self) -> bool:
        """True while the background pass has blocks left to check."""
        return self._mark is not None

    # -- checking ------------------------------------------------------------------

    def _checker(self) -> Checker | None:
        if not self._enabled or self._service is None:
            return None
        return self._service.checker

    def check_all(self) -> None:
        """Check the whole document again: the visible part now, the rest in slices."""
        self._timer.stop()
        self._mark = None
        doc = self.document()
        if doc is None:
            return
        if not self._active:
            self._stale = True
            return
        if self._checker() is None:
            if self._shown:
                self._busy = True
                try:
                    self.rehighlight()  # cheap: highlightBlock returns at once, clearing
                finally:
                    self._busy = False
                self._shown = False
            return
        self._shown = True
        self._check_visible()
        self._mark = QTextCursor(doc)
        self._slice()  # the first slice now: the top is what a view that is not scrolled shows

    def finish(self) -> None:
        """Run the pass to its end now (tests, and anything that needs every underline)."""
        while self._mark is not None:
            self._slice()

    def _check_visible(self) -> None:
        view = self.view
        doc = self.document()
        if view is None or doc is None or view.document() is not doc:
            return
        if view.verticalScrollBar().value() == 0:
            # The pass starts at the top anyway. And a hit test on a document not laid out
            # yet (one just opened) would lay all of it out: 60 ms for 20,000 words.
            return
        checker = self._checker()
        if checker is None:
            return
        port = view.viewport()
        first = view.cursorForPosition(QPoint(0, 0)).position()
        last = view.cursorForPosition(QPoint(port.width(), port.height())).position()
        block = doc.findBlock(first)
        dirty = _Dirty()
        while block.isValid() and block.position() <= last:
            if self._apply(block, checker):
                dirty.add(block)
            block = block.next()
        self._relayout(doc, dirty)

    def _slice(self) -> None:
        doc = self.document()
        mark = self._mark
        checker = self._checker()
        if doc is None or mark is None or checker is None:
            self._mark = None
            return
        started = time.perf_counter()
        deadline = started + CHECK_MS / 1000
        block = doc.findBlock(mark.position())
        dirty = _Dirty()
        while block.isValid():
            if self._apply(block, checker):
                dirty.add(block)
            block = block.next()
            if time.perf_counter() >= deadline:
                break
        self._relayout(doc, dirty)
        self.longest_slice_ms = max(self.longest_slice_ms, (time.perf_counter() - started) * 1000)
        if block.isValid():
            # A cursor, not a block number: it follows the author's edits above it.
            mark.setPosition(block.position())
            self._timer.start()
        else:
            self._mark = None

    def _check_block(self, block: QTextBlock) -> None:
        self._force = self._busy = True
        try:
            self.rehighlightBlock(block)
        finally:
            self._force = self._busy = False

    def _apply(self, block: QTextBlock, checker: Checker) -> bool:
        """Underline one block's unknown words; True if what it shows changed.

        The pass sets a block's formats itself rather than through rehighlightBlock: that
        re-lays out the document from the block on, once per block, which is quadratic in a
        chapter of many short paragraphs (2,000 of them took 0.6 s); here the layout is told
        once per slice, and only about blocks whose underlines changed.
        """
        layout = block.layout()
        if layout.preeditAreaText():  # an input method is composing here: Qt's way
            self._check_block(block)
            return False
        spans = unknown_spans(checker, block.text())
        old = layout.formats()
        if len(old) == len(spans) and all(
            r.start == start and r.length == end - start
            for r, (start, end, _w) in zip(old, spans, strict=True)
        ):
            return False
        ranges = []
        for start, end, _word in spans:
            r = QTextLayout.FormatRange()
            r.start, r.length, r.format = start, end - start, self._format
            ranges.append(r)
        layout.setFormats(ranges)
        return True

    def _relayout(self, doc: QTextDocument, dirty: _Dirty) -> None:
        if dirty.start < 0:
            return
        self._busy = True
        try:
            doc.markContentsDirty(dirty.start, dirty.end - dirty.start)
        finally:
            self._busy = False

    def _contents_change(self, position: int, removed: int, added: int) -> None:
        if self._busy:
            return
        end = position + max(added, 1)
        if added > EDIT_LIMIT:
            end = position + EDIT_LIMIT
            self._resume_from(end)
        self._edit = (position, end)

    def _resume_from(self, position: int) -> None:
        doc = self.document()
        if doc is None or self._checker() is None:
            return
        if self._mark is None:
            self._mark = QTextCursor(doc)
            self._mark.setPosition(min(position, doc.characterCount() - 1))
        elif position < self._mark.position():
            self._mark.setPosition(position)
        if self._active:
            self._timer.start()

    def _in_edit(self, block: QTextBlock) -> bool:
        edit = self._edit
        if edit is None:
            return False
        start = block.position()
        return start <= edit[1] and start + block.length() >= edit[0]

    def highlightBlock(self, text: str) -> None:
        checker = self._checker()
        if checker is None:
            return
        if not (self._force or self._in_edit(self.currentBlock())):
            # Not reached yet, or a re-highlight Qt asked for: show what it showed.
            for r in self.currentBlock().layout().formats():
                self.setFormat(r.start, r.length, r.format)
            return
        for start, end, _word in unknown_spans(checker, text):
            self.setFormat(start, end - start, self._format)

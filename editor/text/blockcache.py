"""A chapter document's canonical HTML and word count, kept paragraph by paragraph, so that
an autosave or a recount reads only the paragraphs edited since the last one.

Converting a paragraph from Qt's fragments to the canonical subset is Python work: a 10 MB
paste is 30,000 paragraphs and seconds of the UI thread, at every autosave. Qt's
``contentsChange`` names the span of every edit (text, character and paragraph formats, and
lists, whose format changes mark each of their blocks), so the cache forgets just the
paragraphs in that span. Each entry also keeps the block's length when read: an edit the
signal did not cover shows as a length that no longer matches, and is read again.

Paragraphs an edit left unread are read in the background, in slices of a few milliseconds
on the event loop: after a 10 MB paste, the autosave and the recount find them read.
"""

from __future__ import annotations

import time
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextBlock, QTextDocument

from editor.text import qtdoc
from editor.text.richtext import Block, block_line, serialize_lines, word_count_text

WARM_MS = 8.0  # one background slice: input waits about this long at most


class _Entry(NamedTuple):
    length: int  # the block's length when read
    blocks: list[Block]  # one, or two for text typed onto a rule's line
    lines: list[str]
    words: int


def _read(block: QTextBlock) -> _Entry:
    models = qtdoc.block_models(block)
    # Words never join across paragraphs: the counts add up to the whole text's.
    return _Entry(
        block.length(), models, [block_line(m) for m in models], word_count_text(block.text())
    )


class BlockCache(QObject):
    """Kept by (and deleted with) the document it reads."""

    def __init__(self, doc: QTextDocument) -> None:
        super().__init__(doc)
        self._doc = doc
        doc.documentLayout()  # Qt signals contentsChange only for a document with a layout
        self._entries: list[_Entry | None] = [None] * doc.blockCount()
        # Every entry read or checked since the last edit (and at this revision: an edit made
        # inside another's contentsChange is not signalled, but moves the revision on).
        self._checked = False
        self._checked_revision = -1
        self._warmer = QTimer(self)
        self._warmer.setSingleShot(True)
        self._warmer.setInterval(0)
        self._warmer.timeout.connect(self._warm)
        doc.contentsChange.connect(self._changed)
        self._warmer.start()

    def _changed(self, position: int, _removed: int, added: int) -> None:
        doc = self._doc
        self._checked = False
        self._warmer.start()
        count = doc.blockCount()
        first = doc.findBlock(position)
        last = doc.findBlock(position + added)
        if not first.isValid():
            self._entries = [None] * count
            return
        start = first.blockNumber()
        # One block past the last one touched: an edit at a block's end may concern the next.
        end = min((last.blockNumber() if last.isValid() else count - 1) + 2, count)
        old = end - start - (count - len(self._entries))  # how many blocks the span had
        if old < 0 or start + old > len(self._entries):
            self._entries = [None] * count
            return
        self._entries[start : start + old] = [None] * (end - start)

    def pending(self) -> bool:
        """True while paragraphs an edit touched are still to be read."""
        return self._warmer.isActive() or None in self._entries

    def _warm(self) -> None:
        entries = self._entries
        if len(entries) != self._doc.blockCount():
            return  # _current() starts again
        try:
            i = entries.index(None)
        except ValueError:
            return
        deadline = time.perf_counter() + WARM_MS / 1000
        block = self._doc.findBlockByNumber(i)
        while block.isValid() and time.perf_counter() < deadline:
            if entries[i] is None:
                entries[i] = _read(block)
            block = block.next()
            i += 1
        if None in entries:
            self._warmer.start()

    def _current(self) -> list[_Entry]:
        entries = self._entries
        if self._checked and self._checked_revision == self._doc.revision():
            return entries  # type: ignore[return-value]  # no edit since the last full read
        if len(entries) != self._doc.blockCount():
            entries = self._entries = [None] * self._doc.blockCount()
        block = self._doc.begin()
        i = 0
        while block.isValid():
            entry = entries[i]
            if entry is None or entry.length != block.length():
                entry = entries[i] = _read(block)
            block = block.next()
            i += 1
        self._checked = True
        self._checked_revision = self._doc.revision()
        return entries  # type: ignore[return-value]  # every entry is read by now

    def canonical(self) -> str:
        """What ``qtdoc.to_canonical`` gives for the document."""
        blocks: list[Block] = []
        lines: list[str] = []
        for entry in self._current():
            blocks += entry.blocks
            lines += entry.lines
        return serialize_lines(blocks, lines)

    def words(self) -> int:
        """What ``word_count_text(doc.toPlainText())`` gives for the document."""
        return sum(entry.words for entry in self._current())

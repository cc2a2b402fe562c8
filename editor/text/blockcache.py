"""A chapter document's canonical HTML and word count, kept paragraph by paragraph, so that
an autosave or a recount reads only the paragraphs edited since the last one.

Converting a paragraph from Qt's fragments to the canonical subset is Python work: a 10 MB
paste is 30,000 paragraphs and seconds of the UI thread, at every autosave. Qt's
``contentsChange`` names the span of every edit (text, character and paragraph formats, and
lists, whose format changes mark each of their blocks), so the cache forgets just the
paragraphs in that span. An edit the signal did not cover (one made inside another's
``contentsChange``) still moves the document's revision on: then every paragraph is read.

Paragraphs an edit left unread are read in the background, in slices of a few milliseconds
on the event loop: after a 10 MB paste, the autosave and the recount find them read.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextBlock, QTextDocument

from editor.text import qtdoc
from editor.text.richtext import (
    Place,
    block_line,
    document_lines,
    serialize_lines,
    word_count_text,
)

WARM_MS = 8.0  # one background slice: input waits about this long at most
# The background pass starts this long after an edit, not at once: typing would have it read
# the paragraph being typed in after every keystroke, before the keystroke is painted.
WARM_DELAY_MS = 200


# What one Qt block holds: where each of its canonical blocks stands (one, or two for text
# typed onto a rule's line), their lines and the block's word count. Plain tuples of strings
# and numbers, which the garbage collector stops tracking: 30,000 entries of dataclasses
# made every full collection of a 10 MB chapter's session take 0.1 s.
_Entry = tuple[tuple[Place, ...], tuple[str, ...], int]


def _read(block: QTextBlock) -> _Entry:
    models = qtdoc.block_models(block)
    # Words never join across paragraphs: the counts add up to the whole text's.
    return (
        tuple(m.place() for m in models),
        tuple(block_line(m) for m in models),
        word_count_text(block.text()),
    )


class BlockCache(QObject):
    """Kept by (and deleted with) the document it reads."""

    def __init__(self, doc: QTextDocument) -> None:
        super().__init__(doc)
        self._doc = doc
        doc.documentLayout()  # Qt signals contentsChange only for a document with a layout
        self._entries: list[_Entry | None] = [None] * doc.blockCount()
        # The revision at the last contentsChange: an edit made inside another's
        # contentsChange is not signalled, but it moves the revision on.
        self._revision = doc.revision()
        self._warmer = QTimer(self)
        self._warmer.setSingleShot(True)
        self._warmer.timeout.connect(self._warm)
        doc.contentsChange.connect(self._changed)
        self._warmer.start(0)

    def _changed(self, position: int, _removed: int, added: int) -> None:
        doc = self._doc
        self._revision = doc.revision()
        if not self._warmer.isActive():
            self._warmer.start(WARM_DELAY_MS)
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

    def unread(self) -> int:
        """How many paragraphs an edit touched are still to be read (all of them after an
        edit the signal did not cover)."""
        doc = self._doc
        if len(self._entries) != doc.blockCount() or doc.revision() != self._revision:
            return doc.blockCount()
        return self._entries.count(None)

    def _read_missing(self, deadline: float | None = None) -> bool:
        """Read the entries an edit left empty (until ``deadline``); True once all are read.

        Only those blocks are visited: walking all 30,000 of a 10 MB chapter costs little
        alone, but each step into Qt lets a busy background thread take the GIL.
        """
        entries = self._entries
        i = 0
        while True:
            try:
                i = entries.index(None, i)
            except ValueError:
                return True
            block = self._doc.findBlockByNumber(i)
            while block.isValid() and entries[i] is None:
                entries[i] = _read(block)
                block = block.next()
                i += 1
                if deadline is not None and time.perf_counter() > deadline:
                    return None not in entries

    def _warm(self) -> None:
        if len(self._entries) != self._doc.blockCount():
            return  # _current() starts again
        if not self._read_missing(time.perf_counter() + WARM_MS / 1000):
            self._warmer.start(0)

    def _current(self) -> list[_Entry]:
        doc = self._doc
        if len(self._entries) != doc.blockCount() or doc.revision() != self._revision:
            self._entries = [None] * doc.blockCount()  # an edit not signalled: read it all
            self._revision = doc.revision()
        self._read_missing()
        return self._entries  # type: ignore[return-value]  # every entry is read by now

    def canonical(self) -> str:
        """What ``qtdoc.to_canonical`` gives for the document."""
        return canonical_of(self._current())

    def words(self) -> int:
        """What ``word_count_text(doc.toPlainText())`` gives for the document."""
        return words_of(self._current())

    def entries(self) -> Entries:
        """The document as read now, for ``canonical_of`` and ``words_of`` to finish on a
        worker thread: a copy of plain tuples, which later edits do not change."""
        return list(self._current())


Entries = list[_Entry]


def canonical_of(entries: Entries) -> str:
    """The canonical HTML of a document read by ``BlockCache.entries`` (any thread)."""
    return serialize_lines(*_places_and_lines(entries))


def canonical_utf8(entries: Entries) -> bytes:
    """``canonical_of`` encoded as UTF-8, built in small steps: for a worker thread. Joining or
    encoding 10 MB in one call holds the interpreter lock for 50-150 ms, and the window waits
    for the lock; a step of a few hundred lines lets it in between."""
    lines = document_lines(*_places_and_lines(entries))
    step = 256
    return b"\n".join("\n".join(lines[i : i + step]).encode() for i in range(0, len(lines), step))


def _places_and_lines(entries: Entries) -> tuple[list[Place], list[str]]:
    places: list[Place] = []
    lines: list[str] = []
    for entry in entries:
        places += entry[0]
        lines += entry[1]
    return places, lines


def words_of(entries: Entries) -> int:
    return sum(entry[2] for entry in entries)

"""Paste and copy for every rich-text widget: what is pasted keeps only the canonical subset,
what is copied is canonical HTML.

A big paste (a 10 MB chapter from another program) is not inserted in one go: Qt lays out
what a text edit inserts at once, about 0.6 s a megabyte on a 2-core machine, and cleaning
pasted HTML is Python work of the same order. So it is cleaned on the thread pool, then
inserted slice by slice on the event loop, each slice a few tens of milliseconds and all of
them one undo step, behind a window-modal progress dialog (so no other edit can come between
two slices) whose Cancel takes back what went in.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QMimeData, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import (
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QProgressDialog, QTextEdit

from editor.background import run_in_background
from editor.text import qtdoc
from editor.text.paste import clean_html
from editor.text.richtext import Block, normalize, parse, serialize
from editor.text.typography import smarten, smarten_html

# Ficwright's own copies carry their canonical HTML under this type, pasted as it is:
# the author's text, with its blank paragraphs and straight quotes, is not "cleaned".
CANONICAL_MIME = "application/x-ficwright-canonical"
BIG_PASTE = 100_000  # characters (of text or HTML) from which a paste goes in slices
SLICE_MS = 25.0  # the time one slice aims at; input waits about this long at most
_FIRST_SLICE = 8_000  # characters, or blocks of ~80 characters: adjusted from the first
_SHOW_AFTER_MS = 400  # the progress dialog shows for pastes that take longer


# -- pasting at once -------------------------------------------------------------


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
    A big paste goes on after this returns (``PasteJob``).
    """
    if source.hasFormat(CANONICAL_MIME):
        canonical = bytes(source.data(CANONICAL_MIME)).decode("utf-8")
        if len(canonical) >= BIG_PASTE:
            PasteJob(edit).start(lambda: parse(canonical))
        else:
            insert_canonical(edit, normalize(canonical))
    elif source.hasHtml():
        html = source.html()
        if len(html) >= BIG_PASTE:
            PasteJob(edit).start(lambda: parse(_cleaned(html, smart)))
        else:
            insert_canonical(edit, _cleaned(html, smart))
    elif source.hasText():
        text = source.text()
        if len(text) >= BIG_PASTE:
            PasteJob(edit).start(lambda: smarten(text) if smart else text)
        else:
            edit.textCursor().insertText(qtdoc.qt_str(smarten(text) if smart else text))
            edit.ensureCursorVisible()
    else:
        return False
    return True


def _cleaned(html: str, smart: bool) -> str:
    canonical = clean_html(html)
    return smarten_html(canonical) if smart else canonical


def clipboard_data() -> QMimeData:
    """An empty QMimeData for the clipboard, made by Qt rather than from Python.

    The clipboard deletes what it holds when the application ends, after the interpreter
    has gone; deleting a QMimeData made from Python calls back into it there: a crash on
    quitting after a copy.
    """
    model = QStringListModel([""])
    data = model.mimeData([model.index(0, 0)])
    for name in data.formats():
        data.removeFormat(name)
    return data


def mime_from_selection(cursor: QTextCursor) -> QMimeData:
    """Copy as canonical HTML (what another Ficwright field pastes back) and plain text."""
    data = clipboard_data()
    fragment = cursor.selection()
    doc = QTextDocument()
    QTextCursor(doc).insertFragment(fragment)
    canonical = qtdoc.to_canonical(doc)
    data.setHtml(qtdoc.qt_str(canonical))
    data.setData(CANONICAL_MIME, canonical.encode("utf-8"))
    data.setText(qtdoc.qt_str(fragment.toPlainText().replace("\u2028", "\n")))
    return data


# -- pasting in slices -----------------------------------------------------------


def _text_end(text: str, start: int, size: int) -> int:
    """Where a slice of ``text`` from ``start`` ends: after a line end if one is near, and
    never between the CR and LF of a line end."""
    end = min(len(text), start + size)
    if end < len(text):
        newline = text.find("\n", end, end + size)
        if newline >= 0:
            end = newline + 1
        elif text[end - 1] == "\r" and text[end] == "\n":
            end += 1
    return end


def _same_list(a: Block, b: Block) -> bool:
    return a.kind == b.kind == "li" and a.list_type == b.list_type and a.quote == b.quote


def _blocks_end(blocks: list[Block], start: int, size: int) -> int:
    """Where a slice of ``blocks`` from ``start`` ends: never inside a list (a list cut in two
    would be two lists, numbered apart), and the first slice holds two blocks at least, so
    that it goes in as a whole paste would (a one-paragraph fragment keeps the paragraph's
    format, a longer one brings its own)."""
    end = min(len(blocks), start + max(size, 2 if start == 0 else 1))
    while end < len(blocks) and _same_list(blocks[end - 1], blocks[end]):
        end += 1
    return end


def insert_block_slice(cursor: QTextCursor, blocks: list[Block], start: int, end: int) -> None:
    """Insert ``blocks[start:end]`` at ``cursor`` so that the slices of a paste, one after the
    other, give what inserting all of them at once gives."""
    scratch = QTextDocument()
    if start == 0:
        qtdoc.load_blocks(scratch, blocks[:end])
        cursor.insertFragment(QTextDocumentFragment(scratch))
        return
    # From the end of a blank lead paragraph: the fragment opens with a paragraph break that
    # carries the format of blocks[start], as it would inside the whole paste.
    qtdoc.load_blocks(scratch, [Block(), *blocks[start:end]])
    span = QTextCursor(scratch)
    span.setPosition(scratch.begin().length() - 1)
    span.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertFragment(span.selection())


class PasteJob(QObject):
    """One big paste into ``edit``: prepared on the thread pool, inserted in slices."""

    finished = Signal()

    def __init__(self, edit: QTextEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        self._doc = edit.document()
        self._cursor = QTextCursor(edit.textCursor())
        self._source: str | list[Block] = ""
        self._done = 0  # characters or blocks inserted
        self._size = _FIRST_SLICE
        self._cancelled = False
        self.running = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)
        self.dialog = QProgressDialog(
            self.tr("Pasting…"), self.tr("Cancel"), 0, 0, edit.window() or edit
        )
        self.dialog.setWindowTitle(self.tr("Paste"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(_SHOW_AFTER_MS)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.setValue(0)  # starts the clock of setMinimumDuration

    def start(self, prepare: Callable[[], str | list[Block]]) -> None:
        """``prepare`` (on the thread pool) gives the text, or the blocks, to insert."""
        run_in_background(prepare, self._prepared, self._failed, self)

    def _prepared(self, source: object) -> None:
        if self._cancelled:
            return
        assert isinstance(source, str | list)
        if isinstance(source, list) and len(source) < 2:
            # One paragraph goes in as text, as a small paste does (there is nothing to cut).
            insert_canonical(self._edit, serialize(source))
            self._finish()
            return
        self._source = source
        self.dialog.setMaximum(max(1, len(source)))
        self._slice()

    def _failed(self, message: str) -> None:
        self.dialog.cancel()
        self._finish()
        raise RuntimeError(f"A paste could not be prepared: {message}")

    def _slice(self) -> None:
        if self._cancelled:
            return
        source, cursor = self._source, self._cursor
        started = time.perf_counter()
        if self._done == 0:
            cursor.beginEditBlock()
        else:
            cursor.joinPreviousEditBlock()  # one undo step for the whole paste
        if isinstance(source, str):
            end = _text_end(source, self._done, self._size)
            cursor.insertText(qtdoc.qt_str(source[self._done : end]))
        else:
            end = _blocks_end(source, self._done, self._size // 80)
            insert_block_slice(cursor, source, self._done, end)
        cursor.endEditBlock()
        # Aim the next slice at SLICE_MS, growing at most twofold.
        took = max((time.perf_counter() - started) * 1000, 0.1)
        done = (end - self._done) * (1 if isinstance(source, str) else 80)
        self._size = max(1000, min(2 * self._size, int(done * SLICE_MS / took)))
        self._done = end
        self.dialog.setValue(end)
        if end < len(source):
            self._timer.start()
            return
        self._edit.setTextCursor(cursor)
        self._edit.ensureCursorVisible()
        self._finish()

    def cancel(self) -> None:
        """Stop, and take back what went in."""
        if self._cancelled:
            return
        self._cancelled = True
        self._timer.stop()
        if self._done:
            self._doc.undo()
        self._finish()

    def _finish(self) -> None:
        self.running = False
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        self.finished.emit()
        self.deleteLater()


def pasting(edit: QTextEdit) -> bool:
    """True while a big paste is still going into ``edit``."""
    return any(job.running for job in edit.findChildren(PasteJob))

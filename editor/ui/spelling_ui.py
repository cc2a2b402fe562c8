"""Spelling in the window: underlines, the context menu, the Spelling dock and its switch.

Like ui/front_matter.py, this is where widgets that only show and request meet the open
work: it follows the workspace, points the highlighters at the documents on screen and
computes the panel's list of unknown words, off the UI thread for a whole work.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QTextEdit

from editor.background import run_in_background
from editor.model import WorkMeta
from editor.spelling.checker import Checker, language_code
from editor.spelling.places import WORK_FIELDS, chapter_fields, work_fields
from editor.spelling.service import hold_loads, release_loads
from editor.spelling.tokenizer import tokens
from editor.text.richtext import plain_text
from editor.ui.panels.spelling import SCOPE_WORK, SpellingPanel
from editor.ui.spell_highlighter import SpellHighlighter, utf16_offsets
from editor.ui.spell_menu import SpellMenu
from editor.ui.widgets.rich_field import RichField
from editor.workspace import Workspace

ENABLED_KEY = "spelling/enabled"
REFRESH_DELAY_MS = 1000  # after the last keystroke, the list is counted again
RELEASE_AFTER_MS = 500  # dictionary loads start by then even if the window never paints
RICH_WORK_FIELDS = frozenset(name for name, _place in WORK_FIELDS)


@dataclass(slots=True)
class _Job:
    """What a worker counts: the current chapter's text, the other chapters' bodies and
    the front matter in scope (summary, notes...)."""

    checker: Checker
    version: int
    scope: str
    current: int  # chapter id
    revision: int  # of the current chapter's document
    plain: dict[int, str] = field(default_factory=dict)
    html: dict[int, str] = field(default_factory=dict)
    counted: dict[int, Counter[str]] = field(default_factory=dict)  # from earlier runs
    front: list[str] = field(default_factory=list)  # canonical HTML of the rich fields
    front_counted: Counter[str] = field(default_factory=Counter)


def _count(job: _Job) -> _Job:
    """Unknown words per chapter; runs on the thread pool (no Qt, no SQLite here)."""
    checker = job.checker
    for chapter_id, text in job.plain.items():
        job.counted[chapter_id] = Counter(t.word for t in checker.unknown(text))
    for chapter_id, body in job.html.items():
        job.counted[chapter_id] = Counter(t.word for t in checker.unknown(plain_text(body)))
    for html in job.front:
        job.front_counted.update(t.word for t in checker.unknown(plain_text(html)))
    return job


class SpellingUi(QObject):
    def __init__(self, window: QMainWindow, settings: QSettings, view_menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._ws: Workspace | None = None
        self._connections: list[tuple[Any, Callable[..., Any]]] = []
        self._doc: QTextDocument | None = None  # the current chapter's, followed for typing
        self._revision = -1
        self._current = -1
        self._running: _Job | None = None
        self._again = False
        self._counted: dict[int, Counter[str]] = {}  # chapters other than the current one
        self._counted_for: tuple[Checker, int] | None = None
        self._per_chapter: dict[int, Counter[str]] = {}  # the last list, for jumping
        self._listed: tuple[str, int] | None = None  # (scope, chapter) the list shows

        self.panel = SpellingPanel(window)
        self.dock = QDockWidget(self.tr("Spelling"), window)
        self.dock.setObjectName("spellingDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        details = window.findChild(QDockWidget, "detailsDock")
        if details is not None:
            window.tabifyDockWidget(details, self.dock)
            details.raise_()
        view_menu.addAction(self.dock.toggleViewAction())

        self.action = QAction(self.tr("Check &Spelling"), window)
        self.action.setObjectName("actCheckSpelling")
        self.action.setCheckable(True)
        self.action.setChecked(settings.value(ENABLED_KEY, True, bool))
        self.action.toggled.connect(self._set_enabled)
        view_menu.addAction(self.action)

        self.menu = SpellMenu(self)
        self.menu.enabled = self.action.isChecked()
        self._pane = window.findChild(QTextEdit, "textPane")
        # One highlighter per chapter document, living with it: switching back to a chapter
        # finds its underlines in place, and only the chapter on screen is ever checked.
        self._chapter_highlighter: SpellHighlighter | None = None
        self._fields: list[SpellHighlighter] = []
        if self._pane is not None:
            self.menu.install(self._pane)
        for rich in window.findChildren(RichField):
            edit = rich.text_edit()
            self.menu.install(edit)
            highlighter = SpellHighlighter(self)
            highlighter.set_enabled(self.action.isChecked())
            highlighter.set_document(rich.document(), edit)
            self._fields.append(highlighter)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self.refresh)
        self.panel.metaEdited.connect(self._meta_edited)
        self.panel.scopeChanged.connect(lambda _scope: self._schedule(0))
        self.panel.jumpRequested.connect(self.jump_to)
        self.panel.addAllRequested.connect(self.add_all)
        self.dock.visibilityChanged.connect(lambda shown: shown and self._schedule(0))
        window.installEventFilter(self)  # the first frame is drawn before a dictionary loads
        self.attach(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show:
            hold_loads()
            # Should no paint ever come (a window shown off-screen), load all the same.
            QTimer.singleShot(RELEASE_AFTER_MS, release_loads)
        elif kind == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, release_loads)  # once this frame is on screen
        return False

    # -- following the workspace -------------------------------------------------------

    def attach(self, ws: Workspace | None) -> None:
        """Check ``ws``'s documents (None: no work open, nothing checked)."""
        for signal, slot in self._connections:
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self._connections = []
        self._ws = ws
        service = ws.spelling if ws is not None else None
        for highlighter in self._fields:
            highlighter.set_service(service)
        self.menu.service = service
        self.menu.add_word = ws.add_word if ws is not None else None
        self._counted.clear()
        self._per_chapter = {}
        self._listed = None
        self.panel.setEnabled(ws is not None)
        self.panel.show_meta(ws.meta if ws is not None else WorkMeta())
        if ws is not None and service is not None:
            for signal, slot in (
                (ws.currentChanged, self._chapter_changed),
                (ws.metaChanged, self._meta_changed),
                (ws.chaptersChanged, self._schedule),
                (ws.chapterMetaChanged, self._chapter_meta_changed),
                (service.ready, self._schedule),
                (service.changed, self._schedule),
                (service.unavailable, self._unavailable),
            ):
                signal.connect(slot)
                self._connections.append((signal, slot))
        self._chapter_changed(ws.current_id if ws is not None else -1)

    def _chapter_changed(self, chapter_id: int) -> None:
        ws = self._ws
        doc = ws.document if ws is not None else None
        self._show_highlighter(doc)
        if self._doc is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._doc.contentsChanged.disconnect(self._typed)
        self._doc = doc
        self._revision = doc.revision() if doc is not None else -1
        if doc is not None:
            doc.contentsChanged.connect(self._typed)
        # The chapter left was edited; the one shown is read from its document from now on.
        for stale in (self._current, chapter_id):
            self._counted.pop(stale, None)
        self._current = chapter_id
        self._schedule(0)

    @property
    def highlighter(self) -> SpellHighlighter | None:
        """The current chapter's highlighter."""
        return self._chapter_highlighter

    def highlighters(self) -> list[SpellHighlighter]:
        """The rich fields' and every open chapter's (a closed chapter's went with it)."""
        ws = self._ws
        chapters = ws.findChildren(SpellHighlighter) if ws is not None else []
        return [*self._fields, *chapters]

    def _show_highlighter(self, doc: QTextDocument | None) -> None:
        old = self._chapter_highlighter
        if old is not None:
            with contextlib.suppress(RuntimeError):  # its chapter was closed
                old.set_active(False)
        if doc is None:
            self._chapter_highlighter = None
            return
        highlighter = doc.findChild(SpellHighlighter)
        if highlighter is None:
            highlighter = SpellHighlighter()
            highlighter.setParent(doc)  # not the constructor's: that would set the document
            highlighter.set_enabled(self.action.isChecked())
            highlighter.set_service(self._ws.spelling if self._ws is not None else None)
            highlighter.set_document(doc, self._pane)
        else:
            highlighter.view = self._pane
            highlighter.set_active(True)
        self._chapter_highlighter = highlighter

    def _typed(self) -> None:
        doc = self._doc
        # Underlines also signal a change; only an edit moves the revision on.
        if doc is not None and doc.revision() != self._revision:
            self._revision = doc.revision()
            self._schedule(REFRESH_DELAY_MS)

    def _meta_changed(self, name: str) -> None:
        if name in ("language", "english_variant") and self._ws is not None:
            self.panel.show_meta(self._ws.meta)
        elif name in RICH_WORK_FIELDS:
            self._schedule(REFRESH_DELAY_MS)

    def _chapter_meta_changed(self, _chapter_id: int, name: str) -> None:
        if name != "warnings":
            self._schedule(REFRESH_DELAY_MS)

    def _meta_edited(self, name: str, value: object) -> None:
        if self._ws is not None:
            self._ws.set_meta(name, value)

    def _unavailable(self, message: str) -> None:
        self._message(message)

    def _message(self, text: str) -> None:
        self._listed = None
        self.panel.show_message(text)

    def _set_enabled(self, on: bool) -> None:
        self._settings.setValue(ENABLED_KEY, on)
        self.menu.enabled = on
        for highlighter in self.highlighters():
            highlighter.set_enabled(on)
        self._schedule(0)

    # -- the list of unknown words ----------------------------------------------------------

    def _schedule(self, delay_ms: int = 0) -> None:
        if delay_ms or not self._refresh_timer.isActive():
            self._refresh_timer.start(delay_ms)

    def refresh(self) -> None:
        """Count the unknown words again (in the background) if the panel is on screen."""
        ws = self._ws
        if ws is None:
            self._message("")
            return
        if not self.action.isChecked():
            self._message(self.tr("Spell checking is off."))
            return
        checker = ws.spelling.checker
        if checker is None:
            if language_code(ws.meta.language) is None:
                self._listed = None
                self.panel.show_no_dictionary(ws.meta.language)
            else:
                self.panel.show_checking()  # the dictionary is loading; `ready` follows
            return
        if not self.dock.isVisible():
            return  # counted when shown: no background work for a hidden panel
        if self._running is not None:
            self._again = True
            return
        if self._counted_for != (checker, checker.version):
            self._counted.clear()
            self._counted_for = (checker, checker.version)
        doc = ws.document
        job = _Job(
            checker,
            checker.version,
            self.panel.scope(),
            ws.current_id,
            doc.revision() if doc is not None else -1,
        )
        if doc is not None:
            job.plain[ws.current_id] = doc.toPlainText()
        if job.scope == SCOPE_WORK:
            job.front.extend(html for _place, html in work_fields(ws.meta))
            for chapter in ws.chapters():
                notes = ws.chapter_meta(chapter.id)
                job.front.extend(html for _place, html in chapter_fields("", notes))
                if chapter.id == ws.current_id:
                    continue
                if chapter.id in self._counted:
                    job.counted[chapter.id] = self._counted[chapter.id]
                else:
                    job.html[chapter.id] = ws.project.body(chapter.id)
        elif ws.current_id >= 0:
            notes = ws.chapter_meta(ws.current_id)
            job.front.extend(html for _place, html in chapter_fields("", notes))
        self._running = job
        if self._listed != (job.scope, job.current):
            self.panel.show_checking()  # a new list; a recount of the same one stays quiet
        run_in_background(lambda: _count(job), self._counted_words, self._count_failed, self)

    def _count_failed(self, message: str) -> None:
        self._running = None
        self._message(self.tr("Spell checking failed: {error}").format(error=message))

    def _counted_words(self, result: object) -> None:
        job = self._running
        self._running = None
        ws = self._ws
        assert isinstance(result, _Job)
        checker = ws.spelling.checker if ws is not None else None
        fresh = (
            result is job
            and checker is result.checker
            and checker is not None
            and checker.version == result.version
            and ws is not None
            and ws.current_id == result.current
            and result.scope == self.panel.scope()
        )
        if fresh:
            for chapter_id, counts in result.counted.items():
                if chapter_id != result.current:
                    self._counted[chapter_id] = counts
            self._per_chapter = result.counted
            self._listed = (result.scope, result.current)
            order = [ch.id for ch in ws.chapters()] if ws is not None else []
            counted = [result.counted[i] for i in order if i in result.counted]
            self.panel.show_words(_merged([*counted, result.front_counted]).items())
        if self._again or not fresh:
            self._again = False
            self._schedule(0)

    # -- requests from the panel ----------------------------------------------------------

    def add_all(self, words: list[str]) -> None:
        ws = self._ws
        if ws is None or not words:
            return
        ws.add_words(list(words), "work")  # one write, one re-check

    def jump_to(self, word: str) -> None:
        """Select the next use of ``word`` after the cursor: in this chapter, then (whole
        work) in the next chapter that has it, then from the top of this chapter."""
        ws = self._ws
        pane = self._pane
        if ws is None or pane is None or ws.document is None:
            return
        doc = ws.document
        start = pane.textCursor().selectionEnd()
        found = _find(doc, word, start, None)
        if found is None and self.panel.scope() == SCOPE_WORK:
            ids = [ch.id for ch in ws.chapters()]
            here = ids.index(ws.current_id) if ws.current_id in ids else -1
            for chapter_id in ids[here + 1 :] + ids[: max(here, 0)]:
                if _has(self._per_chapter.get(chapter_id, {}), word):
                    ws.select(chapter_id)
                    if ws.document is None:
                        return
                    doc = ws.document
                    found = _find(doc, word, 0, None)
                    if found is not None:
                        break
        if found is None:
            found = _find(doc, word, 0, start + 1)  # wrap round this chapter
        if found is None:
            self._jump_to_field(word)
            return
        if pane.document() is doc:
            _select(pane, found)

    def _jump_to_field(self, word: str) -> None:
        """Select ``word`` in the first rich field on screen that has it (a summary, notes)."""
        for highlighter in self._fields:
            doc, edit = highlighter.document(), highlighter.view
            found = _find(doc, word, 0, None) if doc is not None else None
            if found is None or edit is None:
                continue
            dock = edit.parentWidget()
            while dock is not None and not isinstance(dock, QDockWidget):
                dock = dock.parentWidget()
            if dock is not None:
                dock.show()
                dock.raise_()
            _select(edit, found)
            return


def _select(edit: QTextEdit, span: tuple[int, int]) -> None:
    cursor = QTextCursor(edit.document())
    cursor.setPosition(span[0])
    cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    edit.ensureCursorVisible()
    edit.setFocus()


def _merged(counts: list[Counter[str]]) -> Counter[str]:
    """One count per word in any capitalisation ("Teh" and "teh"), under its first form,
    as ``ficwright check`` counts."""
    written: dict[str, str] = {}
    total: Counter[str] = Counter()
    for group in counts:
        for word, n in group.items():
            total[written.setdefault(word.lower(), word)] += n
    return total


def _has(counts: Counter[str], word: str) -> bool:
    lower = word.lower()
    return any(w.lower() == lower for w in counts)


def _find(doc: QTextDocument, word: str, start: int, end: int | None) -> tuple[int, int] | None:
    """The first use of ``word`` (as the tokenizer reads it, in any capitalisation) in
    [start, end) of ``doc``."""
    lower = word.lower()
    block = doc.findBlock(start)
    while block.isValid() and (end is None or block.position() < end):
        text = block.text()
        if lower in text.lower() or not text.isascii():  # the word may differ in form
            u16 = utf16_offsets(text)
            for t in tokens(text):
                at = block.position() + u16(t.start)
                if at < start:
                    continue
                if end is not None and at >= end:
                    return None
                if t.word.lower() == lower:
                    return at, block.position() + u16(t.end)
        block = block.next()
    return None

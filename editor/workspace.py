"""The open work: what is shown, what is unsaved, and when it is saved.

Widgets show and request; the workspace decides and saves. It owns the chapter
documents (QTextDocument is QtGui, not a widget), the autosave debounce and the undo
stack of structural changes (add, rename, reorder, delete), and it runs without a
single widget, which is how the tests drive it.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextDocument, QUndoCommand, QUndoStack

from editor.autosnapshots import AutoSnapshots
from editor.model import ChapterInfo, ChapterMeta, WorkMeta, chapter_label
from editor.paths import data_dir
from editor.saver import BackgroundSaver
from editor.spelling.checker import names_from_meta
from editor.spelling.service import SpellService
from editor.store import history, recovery, user_dictionary
from editor.store.errors import FileReplacedError, ProjectError, SaveError
from editor.store.fields import check_chapter_field, check_work_field
from editor.store.project import IGNORED_WORD, WORK_WORD, Changes, NewChapter, Project
from editor.text import qtdoc
from editor.text.blockcache import BlockCache, Entries, canonical_utf8, words_of

if TYPE_CHECKING:
    from editor.formats.importers import ImportResult

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 1000  # after the last keystroke; the promise is "within 2 s"
# After the first unsaved edit, however long the typing goes on: the debounce alone would
# never fire during steady typing. A second leaves the other second for a slow disk.
AUTOSAVE_MAX_DELAY_MS = 1000
RETRY_DELAY_MS = 5_000  # after a failed save
COUNT_DELAY_MS = 250
# An autosave waits this long at most for a big edit (a 10 MB paste: 30,000 paragraphs) to be
# read in the background, rather than reading what is left on the UI thread in one go.
READ_WAIT_MS = 10_000
# ...but no wait at all when so few paragraphs are unread that reading them now costs a few
# milliseconds: while someone types, the background reader always has the paragraph being
# typed in to read, and waiting for it would put the save off until typing stops.
READ_NOW_BLOCKS = 64
# While typing goes on, saving may take at most a fifth of the time: the maximum wait grows
# with the last save's length. An ordinary chapter saves in a few ms (the wait stays 1 s); a
# 10 MB chapter takes ~0.5 s on the UI thread, which once a second would freeze the window
# half the time.
SAVE_SHARE = 4
# Edited chapters with more paragraphs than this between them are autosaved on a worker
# thread (editor/saver.py): a 10 MB chapter (30,000 paragraphs) takes ~0.5 s to write. Below
# it a save takes a few ms, and saving in place keeps the file exactly in step.
BACKGROUND_SAVE_BLOCKS = 3_000
OPEN_DOCUMENTS = 8  # chapters kept in memory with their undo history
# Work fields whose every word is a name the spellchecker must accept.
NAME_FIELDS = frozenset({"characters", "relationships", "fandoms", "additional_tags"})


def user_dictionary_path() -> Path:
    return data_dir() / user_dictionary.FILE_NAME


class Workspace(QObject):
    chaptersChanged = Signal()  # the list, order or titles changed
    currentChanged = Signal(int)  # chapter id, -1 for none
    dirtyChanged = Signal(bool)
    countsChanged = Signal(int, int)  # words in the chapter, words in the work
    saved = Signal()
    saveFailed = Signal(str)  # the text or the fields were not saved: retried
    # A one-off change the file refused (add, rename, move, delete, import, a dictionary
    # word): not made, and not retried.
    changeRefused = Signal(str)
    fileReplaced = Signal(str)  # another program replaced the file: the author must choose
    titleChanged = Signal(str)
    metaChanged = Signal(str)  # name of the work field that changed
    chapterMetaChanged = Signal(int, str)  # chapter id, field name
    # Chapter id whose stored text the store changed, not the author's typing (a replace
    # across the work, its undo, a restored snapshot): its count is not words written.
    textReloaded = Signal(int)
    # A replace across the work was made or taken back: Edit ▸ Undo Replace All may change.
    replaceChanged = Signal()

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self._chapters: list[ChapterInfo] = project.chapters()
        self._words = {ch.id: ch.words for ch in self._chapters}
        self._docs: OrderedDict[int, QTextDocument] = OrderedDict()
        # Each open document's text, read paragraph by paragraph as it is edited.
        self._caches: dict[int, BlockCache] = {}
        self._current = -1
        self._dirty = False
        self._closed = False
        self._meta = project.meta()
        self._chapter_meta: dict[int, ChapterMeta] = {}
        self._pending = Changes()  # front matter edited since the last save
        self._revisions: dict[int, int] = {}  # id(document) -> revision last seen edited
        self._save_ms = 0  # how long the last save took (see SAVE_SHARE)
        self._saver = BackgroundSaver(self)
        self._save_after = False  # the autosave came due while a save was in flight
        # The recovery copy written after a failed save, and what it holds (see _failed).
        self._failure_copy: Path | None = None
        self._failure_state: object = None
        # Where the unsaved words went when the file stopped being ours (store/recovery.py).
        self.recovery_path: Path | None = None
        self.snapshots = AutoSnapshots(project)

        self.spelling = SpellService(self)
        work_words, ignored = project.dictionary_words()
        self.spelling.set_words(
            work=work_words,
            user=user_dictionary.load(user_dictionary_path()),
            ignored=ignored,
            names=names_from_meta(self._meta),
        )
        self.spelling.configure(self._meta.language, self._meta.english_variant)

        self._autosave = _single_shot(self, AUTOSAVE_DELAY_MS, self._autosave_due)
        self._read_wait = 0
        self._max_delay = _single_shot(self, AUTOSAVE_MAX_DELAY_MS, self._autosave_due)
        self._counter = _single_shot(self, COUNT_DELAY_MS, self._recount)

    # -- reading -------------------------------------------------------------

    @property
    def title(self) -> str:
        return self._meta.title

    @property
    def meta(self) -> WorkMeta:
        return self._meta

    @property
    def current_id(self) -> int:
        return self._current

    @property
    def document(self) -> QTextDocument | None:
        return self._docs.get(self._current)

    def body(self, chapter_id: int) -> str:
        """The chapter's canonical text as the editor has it, unsaved edits included."""
        cache = self._caches.get(chapter_id)
        return cache.canonical() if cache is not None else self.project.body(chapter_id)

    def editor_bodies(self) -> dict[int, str]:
        """The text of the chapter shown and of every chapter with edits not saved yet (after
        a failed save), for what reads the whole work (export, find): the store lags."""
        ids = [cid for cid, doc in self._docs.items() if doc.isModified() or cid == self._current]
        return {cid: self._caches[cid].canonical() for cid in ids}

    @property
    def dirty(self) -> bool:
        return self._dirty

    def chapters(self) -> list[ChapterInfo]:
        return list(self._chapters)

    def chapter_words(self, chapter_id: int) -> int:
        return self._words.get(chapter_id, 0)

    def work_words(self) -> int:
        return sum(self._words.get(ch.id, 0) for ch in self._chapters)

    def position_of(self, chapter_id: int) -> int:
        return next(i for i, ch in enumerate(self._chapters) if ch.id == chapter_id)

    # -- the current chapter -------------------------------------------------

    def select(self, chapter_id: int) -> None:
        """Show another chapter; the one being left is saved first.

        If that save fails the author still moves on: the edited document stays in memory,
        unsaved, and every retry and close() writes it with the others.
        """
        if chapter_id == self._current:
            return
        self.save()
        doc = self._docs.get(chapter_id)
        if doc is None and chapter_id != -1:
            doc = QTextDocument(self)
            qtdoc.load(doc, self.project.body(chapter_id))
            doc.contentsChanged.connect(self._edited)
            self._docs[chapter_id] = doc
            self._caches[chapter_id] = BlockCache(doc)
        if doc is not None:
            self._docs.move_to_end(chapter_id)
        self._current = chapter_id
        self._evict()
        self.currentChanged.emit(chapter_id)
        self._emit_counts()

    def _evict(self) -> None:
        # An edited document not saved yet (a failed save) is the only copy of its edits:
        # it stays, however many chapters are open.
        spare = [
            cid for cid, doc in self._docs.items() if cid != self._current and not doc.isModified()
        ]
        for chapter_id in spare[: max(0, len(self._docs) - OPEN_DOCUMENTS)]:
            self._docs.pop(chapter_id).deleteLater()  # its cache goes with it
            del self._caches[chapter_id]

    def _edited(self) -> None:
        doc = self.sender()
        # Fonts and margins set for display also signal a change; only real edits
        # (undoable ones) mark the document modified.
        # Spelling underlines signal a change too, without a new revision: not an edit.
        if (
            isinstance(doc, QTextDocument)
            and doc.isModified()
            and self._revisions.get(id(doc)) != doc.revision()
        ):
            self._revisions[id(doc)] = doc.revision()
            self._counter.start()
            self._queue_save()

    def _queue_save(self) -> None:
        if self._closed or self.project.read_only:  # nothing could be written: no error loop
            return
        self._autosave.start(AUTOSAVE_DELAY_MS)
        if not self._max_delay.isActive():
            self._max_delay.start(
                max(AUTOSAVE_MAX_DELAY_MS, AUTOSAVE_DELAY_MS, SAVE_SHARE * self._save_ms)
            )
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def _recount(self) -> None:
        cache = self._caches.get(self._current)
        if cache is not None:
            if cache.pending():  # a big edit is still being read: count when it is
                self._counter.start()
                return
            self._words[self._current] = cache.words()
        self._emit_counts()

    def _emit_counts(self) -> None:
        self.countsChanged.emit(self.chapter_words(self._current), self.work_words())

    # -- saving ----------------------------------------------------------------

    def _autosave_due(self) -> None:
        if self._saver.busy:  # it goes first; this one follows as soon as it is written
            self._save_after = True
            return
        edited = [cid for cid, doc in self._docs.items() if doc.isModified()]
        reading = sum(self._caches[cid].unread() for cid in edited) > READ_NOW_BLOCKS
        if reading and self._read_wait < READ_WAIT_MS:
            self._read_wait += COUNT_DELAY_MS
            self._autosave.start(COUNT_DELAY_MS)
            return
        # The chapter shown counts too: what a save of fields or statistics writes then
        # would wait for the checkpoint of the last big save (store/checkpoint.py).
        current = self._docs.get(self._current)
        shown = current.blockCount() if current is not None else 0
        if max(shown, sum(self._docs[cid].blockCount() for cid in edited)) > BACKGROUND_SAVE_BLOCKS:
            self._save_in_background()
        else:
            self.save()

    def _save_in_background(self) -> None:
        """Start writing what changed on the worker; ``_written`` hears how it went."""
        self._autosave.stop()
        self._max_delay.stop()
        self._read_wait = 0
        job = _SaveJob(
            project=self.project,
            snapshots=self.snapshots,
            entries={
                cid: self._caches[cid].entries()
                for cid, doc in self._docs.items()
                if doc.isModified()
            },
            revisions={cid: doc.revision() for cid, doc in self._docs.items()},
            changes=self._pending_copy(),
        )
        self._saver.start(job.run, lambda future: self._written(job, future))

    def _written(self, job: _SaveJob, future: Future[Changes]) -> None:
        error = future.exception()
        if isinstance(error, FileReplacedError):
            self.write_recovery()
            self.fileReplaced.emit(str(error))
        elif isinstance(error, SaveError):
            self._failed(str(error), None)
        elif error is not None:
            raise error  # a bug: the crash dialog reports it, and the next save tries again
        else:
            # A chapter edited again while it was written stays unsaved: its timers run.
            self._saved(
                future.result(),
                [
                    (cid, doc)
                    for cid, doc in self._docs.items()
                    if cid in job.entries and doc.revision() == job.revisions.get(cid)
                ],
            )
        if self._save_after:  # from the event loop: wait() may be handing this over
            self._save_after = False
            self._autosave.start(0)

    def save(self) -> bool:
        """Write what changed, text and front matter in one transaction.

        Every edited chapter is written, not only the one shown: after a failed save the
        author may have moved on to another chapter.
        False (and ``saveFailed``) if the write failed: the edits stay and a retry is queued.
        """
        self._saver.wait()  # the save in flight reaches the file first
        self._save_after = False
        started = time.perf_counter()
        self._autosave.stop()
        self._max_delay.stop()
        self._read_wait = 0
        changes = self.unsaved_changes()
        edited = [(cid, doc) for cid, doc in self._docs.items() if doc.isModified()]
        if not changes and not changes.progress:
            self._set_dirty(False)
            return True
        for cid in changes.bodies:
            self.snapshots.before_save(cid)  # never raises: a failure is logged
        try:
            self.project.save(changes)
        except FileReplacedError as e:
            # Retrying cannot help: writing needs the author's choice (ui/safety.py). Until
            # then the unsaved words must not live only in memory.
            self.write_recovery(changes)
            self.fileReplaced.emit(str(e))
            return False
        except SaveError as e:
            self._failed(str(e), changes)
            return False
        self._save_ms = int((time.perf_counter() - started) * 1000)
        self._saved(changes, edited)
        return True

    def _failed(self, message: str, changes: Changes | None) -> None:
        """A save the file refused (a full disk...): the unsaved words go to a recovery copy
        beside the work (or in the data folder) before the retry, so that a crash while the
        disk stays full loses none of them."""
        if not self.project.read_only:
            state = (
                tuple((cid, d.revision()) for cid, d in self._docs.items() if d.isModified()),
                repr(self._pending),
            )
            if state != self._failure_state:  # nothing new since the last copy: not again
                self._failure_state = state
                self._failure_copy = self.write_recovery(changes)
            self._autosave.start(RETRY_DELAY_MS)
        self.saveFailed.emit(message)

    def _saved(self, changes: Changes, written: list[tuple[int, QTextDocument]]) -> None:
        """``changes`` are in the file, and so is the text of the ``written`` documents."""
        for name, value in changes.work.items():
            if name in self._pending.work and self._pending.work[name] == value:
                del self._pending.work[name]  # unless edited again meanwhile
        for cid, values in changes.chapters.items():
            pending = self._pending.chapters.get(cid, {})
            for name, value in values.items():
                if name in pending and pending[name] == value:
                    del pending[name]
            if not pending:
                self._pending.chapters.pop(cid, None)
        for day, (added, removed) in changes.progress.items():
            left = self._pending.progress.pop(day, (0, 0))  # and what was logged meanwhile
            if left != (added, removed):
                self._pending.progress[day] = (left[0] - added, left[1] - removed)
        for cid, doc in written:
            doc.setModified(False)
            self._words[cid] = changes.bodies[cid][1]
        self._set_dirty(bool(self._pending) or any(d.isModified() for d in self._docs.values()))
        if not self._dirty and self._failure_copy is not None:
            # Every word it held is in the work now: it would only confuse.
            with suppress(OSError):
                self._failure_copy.unlink(missing_ok=True)
            if self.recovery_path == self._failure_copy:
                self.recovery_path = None
            self._failure_copy = None
            self._failure_state = None
        self.saved.emit()
        self._emit_counts()

    def _pending_copy(self) -> Changes:
        return Changes(
            work=dict(self._pending.work),
            chapters={cid: dict(values) for cid, values in self._pending.chapters.items()},
            progress=dict(self._pending.progress),
        )

    def log_progress(self, day: date, added: int, removed: int) -> None:
        """Words added and removed on ``day`` for the writing statistics, written with the
        next save: a write of its own after every save would wait for that save's checkpoint
        on the UI thread (a third of a second after a 10 MB chapter's)."""
        if added or removed:
            key = day.isoformat()
            before = self._pending.progress.get(key, (0, 0))
            self._pending.progress[key] = (before[0] + added, before[1] + removed)

    def unsaved_changes(self) -> Changes:
        """Everything edited since the last save: chapter text and fields."""
        self._saver.wait()  # its result says what is still unsaved
        changes = self._pending_copy()
        for cid, doc in self._docs.items():
            if doc.isModified():
                cache = self._caches[cid]
                changes.bodies[cid] = (cache.canonical(), cache.words())
        return changes

    def write_recovery(self, changes: Changes | None = None) -> Path | None:
        """Put the unsaved words in a recovery copy beside the work, now (the file is no
        longer ours); the same copy is rewritten with every later attempt to save. Its path,
        or None if there was nothing unsaved or it could not be written (logged)."""
        changes = self.unsaved_changes() if changes is None else changes
        if not changes:
            return self.recovery_path
        if self.recovery_path is None:
            target = recovery.target_for(self.project.path, datetime.now())
        else:
            target = self.recovery_path
        titles = {ch.id: ch.title for ch in self._chapters}
        try:
            self.recovery_path = recovery.write(
                target, self.project, changes, self.title, titles, data_dir() / "Recovered"
            )
        except (OSError, sqlite3.Error, ProjectError) as e:
            log.error("Could not write the recovery copy: %s", e)
        return self.recovery_path

    def reapply(self, changes: Changes, titles: dict[int, str]) -> bool:
        """Write ``changes`` (another copy's unsaved edits) into this work: the author took
        the file another program wrote and keeps their own words on top. A chapter this
        work has is snapshotted first (their text stays one restore away); one it does not
        have (or has deleted) is added at the end. False (and ``saveFailed``) if it failed."""
        live = {ch.id for ch in self.project.chapters()}
        known = Changes(
            bodies={cid: v for cid, v in changes.bodies.items() if cid in live},
            work=dict(changes.work),
            chapters={cid: dict(v) for cid, v in changes.chapters.items() if cid in live},
        )
        missing = [
            cid for cid in dict.fromkeys([*changes.bodies, *changes.chapters]) if cid not in live
        ]
        try:
            for cid in known.bodies:
                history.take(self.project, cid, "manual", self.tr("Before re-applying my words"))
            self.project.save(known)
            if missing:
                self.project.append_chapters(
                    [
                        NewChapter(
                            title=titles.get(cid, self.tr("Recovered chapter")),
                            body=changes.bodies.get(cid, ("", 0))[0],
                            words=changes.bodies.get(cid, ("", 0))[1],
                            fields=dict(changes.chapters.get(cid, {})),
                        )
                        for cid in missing
                    ],
                    {},
                )
        except SaveError as e:
            self.saveFailed.emit(str(e))
            return False
        for cid in known.bodies:
            self.reload_chapter(cid)
        self.reload_fields()
        self._reload_structure()
        self.saved.emit()
        return True

    def continue_in(self, project: Project) -> bool:
        """Go on in ``project``, a fresh copy of this work (same chapter ids): the unsaved
        edits are saved there. The old file is closed without writing to it."""
        self._saver.wait()
        old, self.project = self.project, project
        self.snapshots = AutoSnapshots(project)  # it keeps the project it snapshots
        self.recovery_path = None  # the next recovery copy goes beside the new file
        old.close()
        return self.save()

    def discard(self) -> None:
        """Forget every unsaved edit (the author chose to reload): close() writes nothing."""
        self._saver.wait()
        self._pending = Changes()
        for doc in self._docs.values():
            doc.setModified(False)
        self._autosave.stop()
        self._max_delay.stop()
        self._set_dirty(False)

    def close(self) -> bool:
        """Save and release the file. False if the last save failed (the file stays open)."""
        # Twice at most: the first save's ``saved`` logs its words for the statistics.
        if not self.save() or (self._pending.progress and not self.save()):
            return False
        self._closed = True
        for timer in (self._autosave, self._max_delay, self._counter):
            timer.stop()
        self._saver.shutdown()
        if not self.project.read_only and not self.project.replaced():
            self.snapshots.prune()
        self.project.close()
        return True

    def reload_chapter(self, chapter_id: int) -> None:
        """Show the stored text of ``chapter_id`` again, after the store changed it (a
        restored snapshot). Save first: an open document's unsaved edits are replaced.

        The document's own undo history goes with its old text; the snapshot of that text
        is the way back.
        """
        doc = self._docs.get(chapter_id)
        if doc is not None:
            # Loading is not an edit: it must not mark the work unsaved or queue a save.
            doc.contentsChanged.disconnect(self._edited)
            try:
                qtdoc.load(doc, self.project.body(chapter_id))
                doc.setModified(False)
            finally:
                doc.contentsChanged.connect(self._edited)
        for ch in self.project.chapters():
            if ch.id == chapter_id:
                self._words[chapter_id] = ch.words
        self.textReloaded.emit(chapter_id)
        self._emit_counts()

    def reload_fields(self) -> None:
        """Read the work's and the chapters' fields again after the store changed them (a
        replace across the work), signalling each one that differs. Save first: unsaved
        field edits would be replaced."""
        before = self._meta
        self._meta = self.project.meta()
        for f in fields(WorkMeta):
            if getattr(before, f.name) != getattr(self._meta, f.name):
                self.metaChanged.emit(f.name)
        ids = {ch.id for ch in self._chapters}
        cached, self._chapter_meta = self._chapter_meta, {}
        for cid, old in cached.items():
            if cid not in ids:
                continue
            new = self.chapter_meta(cid)
            for f in fields(ChapterMeta):
                if getattr(old, f.name) != getattr(new, f.name):
                    self.chapterMetaChanged.emit(cid, f.name)

    def reload_replaced(self, chapter_ids: Iterable[int]) -> None:
        """Show what a replace across the work, or its undo, wrote in the store: the text of
        ``chapter_ids`` and every field. Save first (see ``reload_chapter``)."""
        for cid in chapter_ids:
            self.reload_chapter(cid)
        self.reload_fields()
        self.replaceChanged.emit()

    # -- structure (undoable) ---------------------------------------------------

    # Add, rename, move and delete: a change the file refuses is reported (changeRefused or
    # fileReplaced) and leaves no step on the undo stack.

    def add_chapter(self, title: str | None = None, position: int | None = None) -> int:
        """The new chapter's id; -1 if it could not be added."""
        if position is None:
            position = len(self._chapters)
        title = title or self.tr("Chapter {n}").format(n=len(self._chapters) + 1)
        command = _AddChapter(self, title, position)
        self.undo_stack.push(command)
        return command.chapter_id

    def rename_chapter(self, chapter_id: int, title: str) -> None:
        title = title.strip()
        old = next(ch.title for ch in self._chapters if ch.id == chapter_id)
        if title and title != old:
            self.undo_stack.push(
                _Change(
                    self,
                    self.tr("Rename Chapter"),
                    lambda: self.project.rename_chapter(chapter_id, title),
                    lambda: self.project.rename_chapter(chapter_id, old),
                )
            )

    def set_order(self, chapter_ids: list[int]) -> None:
        old = [ch.id for ch in self._chapters]
        new = list(chapter_ids)
        if new != old:
            self.undo_stack.push(
                _Change(
                    self,
                    self.tr("Move Chapter"),
                    lambda: self.project.set_order(new),
                    lambda: self.project.set_order(old),
                )
            )

    def move_chapter(self, chapter_id: int, delta: int) -> None:
        ids = [ch.id for ch in self._chapters]
        i = ids.index(chapter_id)
        j = max(0, min(len(ids) - 1, i + delta))
        ids.insert(j, ids.pop(i))
        self.set_order(ids)

    def delete_chapter(self, chapter_id: int) -> None:
        position = self.position_of(chapter_id)
        title = self._chapters[position].title
        if chapter_id == self._current:
            self.save()
        self.undo_stack.push(
            _Change(
                self,
                self.tr("Delete “{title}”").format(title=title),
                lambda: self.project.delete_chapter(chapter_id),
                lambda: self.project.restore_chapter(chapter_id, position),
                select_after_undo=chapter_id,
            )
        )

    # -- front matter ----------------------------------------------------------------

    def set_meta(self, name: str, value: Any) -> None:
        """Change one work field; it is saved with the next autosave."""
        check_work_field(name)
        if name == "title":
            value = str(value).strip()
            if not value:
                return  # a work always has a title: keep the last one
        if getattr(self._meta, name) == value:
            return
        self._meta = replace(self._meta, **{name: value})
        self._pending.work[name] = value
        self._queue_save()
        if name in NAME_FIELDS:
            self.spelling.set_words(names=names_from_meta(self._meta))
        elif name in ("language", "english_variant"):
            self.spelling.configure(self._meta.language, self._meta.english_variant)
        self.metaChanged.emit(name)
        if name == "title":
            self.titleChanged.emit(value)

    # -- importing ----------------------------------------------------------------------

    def import_result(self, result: ImportResult, *, overwrite_fields: bool = False) -> list[int]:
        """Append an import's chapters and set its work fields, all in one transaction.

        The ids of the new chapters; [] (and ``saveFailed`` or ``changeRefused``) if nothing
        could be written.
        The import is not undoable, and it clears the structural undo stack: the older
        commands' inverses (a saved chapter order) do not know the new chapters.
        """
        if not self.save():
            return []  # save() has reported it; importing over unsaved edits could lose them
        self.snapshots.before_import()
        # Imported here: the importers (python-docx among them) are not needed to start up.
        from editor.formats import importers

        before = self._meta
        try:
            ids = importers.apply(self.project, result, overwrite_fields=overwrite_fields)
        except SaveError as e:
            self.changeRefused.emit(str(e))
            return []
        self._meta = self.project.meta()
        changed = [
            f.name
            for f in fields(WorkMeta)
            if getattr(before, f.name) != getattr(self._meta, f.name)
        ]
        if NAME_FIELDS.intersection(changed):
            self.spelling.set_words(names=names_from_meta(self._meta))
        if {"language", "english_variant"}.intersection(changed):
            self.spelling.configure(self._meta.language, self._meta.english_variant)
        for name in changed:
            self.metaChanged.emit(name)
        if "title" in changed:
            self.titleChanged.emit(self._meta.title)
        self.undo_stack.clear()
        self._reload_structure(select=ids[0] if ids else None)
        return ids

    # -- dictionaries ------------------------------------------------------------------

    def add_words(self, words: list[str], scope: str) -> bool:
        """Accept ``words`` from now on: scope "work", "user" (every work) or "ignore" (this work).

        Saved at once, all in one write; False (and ``changeRefused``) if it could not be.
        """
        try:
            if scope == "user":
                self.spelling.set_words(user=user_dictionary.add(user_dictionary_path(), words))
                return True
            kind = {"work": WORK_WORD, "ignore": IGNORED_WORD}[scope]
            self.project.add_words(kind, words)
        except (SaveError, OSError) as e:
            self.changeRefused.emit(str(e))
            return False
        work_words, ignored = self.project.dictionary_words()
        self.spelling.set_words(work=work_words, ignored=ignored)
        return True

    def add_word(self, word: str, scope: str) -> bool:
        return self.add_words([word], scope)

    def chapter_meta(self, chapter_id: int) -> ChapterMeta:
        meta = self._chapter_meta.get(chapter_id)
        if meta is None:
            meta = self.project.chapter_meta(chapter_id)
            self._chapter_meta[chapter_id] = meta
        return meta

    def set_chapter_meta(self, chapter_id: int, name: str, value: Any) -> None:
        check_chapter_field(name)
        meta = self.chapter_meta(chapter_id)
        if getattr(meta, name) == value:
            return
        self._chapter_meta[chapter_id] = replace(meta, **{name: value})
        self._pending.chapters.setdefault(chapter_id, {})[name] = value
        self._queue_save()
        self.chapterMetaChanged.emit(chapter_id, name)

    def chapter_label(self, chapter_id: int) -> str:
        """How the chapter's number will be posted: 'Chapter 2 of 5'."""
        meta = self._meta
        position = self.position_of(chapter_id)
        return chapter_label(position, meta.expected_chapters, len(self._chapters), meta.status)

    def known_tags(self) -> list[str]:
        """Every tag used in this work, for completion in the tag fields."""
        meta = self._meta
        # One query for every chapter's warnings; a chapter read already may hold newer ones.
        stored = self.project.chapter_warnings()
        chapter_warnings = [
            self._chapter_meta[ch.id].warnings
            if ch.id in self._chapter_meta
            else stored.get(ch.id, ())
            for ch in self._chapters
        ]
        seen: dict[str, None] = {}
        for group in (
            meta.fandoms,
            meta.relationships,
            meta.characters,
            meta.additional_tags,
            meta.content_warnings,
            *chapter_warnings,
        ):
            for tag in group:
                seen.setdefault(tag, None)
        return list(seen)

    def _store(self, change: Callable[[], object]) -> bool:
        """Apply one structural change to the file. False if it failed: said through
        ``changeRefused`` or ``fileReplaced``, and the chapter list is sent again (the tree
        may already show an in-place rename that did not happen)."""
        try:
            change()
        except FileReplacedError as e:
            self.write_recovery()
            self.fileReplaced.emit(str(e))
        except SaveError as e:
            self.changeRefused.emit(str(e))
        else:
            return True
        self.chaptersChanged.emit()
        return False

    def _reload_structure(self, select: int | None = None) -> None:
        self._chapters = self.project.chapters()
        for ch in self._chapters:
            self._words.setdefault(ch.id, ch.words)
        self.chaptersChanged.emit()
        ids = [ch.id for ch in self._chapters]
        if select is not None and select in ids:
            self.select(select)
        elif self._current not in ids:
            self.select(ids[0] if ids else -1)
        else:
            self._emit_counts()


@dataclass(frozen=True, slots=True)
class _SaveJob:
    """One autosave on the worker: the edited chapters as read on the UI thread, finished
    and written there (with the snapshot before the save, which copies the old text)."""

    project: Project
    snapshots: AutoSnapshots
    entries: dict[int, Entries]  # chapter id -> its paragraphs, as BlockCache read them
    revisions: dict[int, int]  # chapter id -> the document's revision when read
    changes: Changes  # the fields edited

    def run(self) -> Changes:
        changes = Changes(
            bodies={cid: (canonical_utf8(e), words_of(e)) for cid, e in self.entries.items()},
            work=self.changes.work,
            chapters=self.changes.chapters,
            progress=self.changes.progress,
        )
        if changes or changes.progress:
            for cid in changes.bodies:
                self.snapshots.before_save(cid)
            self.project.save(changes)
        return changes


def set_autosave_delay(ms: int) -> None:
    """The author's preference; read at the next edit. A long pause still saves by then."""
    global AUTOSAVE_DELAY_MS
    AUTOSAVE_DELAY_MS = max(int(ms), 1)


def _single_shot(parent: QObject, ms: int, slot: Callable[[], object]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer


class _Change(QUndoCommand):
    """A structural change the project applies at once; undo applies the inverse."""

    def __init__(
        self,
        ws: Workspace,
        text: str,
        do: Callable[[], None],
        undo: Callable[[], None],
        select_after_undo: int | None = None,
    ) -> None:
        super().__init__(text)
        self._ws = ws
        self._do = do
        self._undo = undo
        self._select = select_after_undo

    # A change the file refused is made obsolete: QUndoStack then drops it (never pushed,
    # or taken off the stack) instead of keeping a step the file never took.
    def redo(self) -> None:
        if self._ws._store(self._do):
            self._ws._reload_structure()
        else:
            self.setObsolete(True)

    def undo(self) -> None:
        if self._ws._store(self._undo):
            self._ws._reload_structure(select=self._select)
        else:
            self.setObsolete(True)


class _AddChapter(QUndoCommand):
    def __init__(self, ws: Workspace, title: str, position: int) -> None:
        super().__init__(ws.tr("Add “{title}”").format(title=title))
        self._ws = ws
        self._title = title
        self._position = position
        self.chapter_id = -1

    def redo(self) -> None:
        if self._ws._store(self._add):
            self._ws._reload_structure(select=self.chapter_id)
        else:
            self.setObsolete(True)  # as in _Change

    def _add(self) -> None:
        project = self._ws.project
        if self.chapter_id == -1:
            self.chapter_id = project.add_chapter(self._title, position=self._position)
        else:
            project.restore_chapter(self.chapter_id, self._position)

    def undo(self) -> None:
        if self._ws._store(lambda: self._ws.project.delete_chapter(self.chapter_id)):
            self._ws._reload_structure()
        else:
            self.setObsolete(True)

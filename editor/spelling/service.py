"""Spell checking for the open work, kept off the UI thread where it is slow.

Loading a dictionary (~100 ms) and finding suggestions (up to half a second for a long
word) run on the thread pool; the checker itself answers "is this word known?" from a
cache on the UI thread. QtCore only: the workspace owns one of these.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from editor.background import run_in_background
from editor.spelling.checker import Checker, Dictionary, language_code, load_dictionary

LOAD_DELAY_MS = 30  # a work opened in a shown window: its chapter paints before the load

_dictionaries: dict[tuple[str, str | None], Dictionary] = {}
_lock = threading.Lock()
# Loads asked for while a window is drawing its first frame: a worker parsing the word list
# makes the UI thread wait for the GIL at every call into Qt (~230 ms more to first paint).
_held: list[Callable[[int], None]] | None = None


def hold_loads() -> None:
    """Dictionary loads wait for ``release_loads`` (the UI calls it after its first paint)."""
    global _held
    if _held is None:
        _held = []


def release_loads() -> None:
    """Start the loads held back by ``hold_loads``, and any later one at once."""
    global _held
    waiting, _held = _held or [], None
    for start in waiting:
        start(0)


def _dictionary(code: str, variant: str | None) -> Dictionary:
    """One Dictionary per language and variant for the whole process."""
    key = (code, variant)
    with _lock:
        found = _dictionaries.get(key)
    if found is None:
        found = load_dictionary(code, variant)
        with _lock:
            found = _dictionaries.setdefault(key, found)
    return found


class SpellService(QObject):
    ready = Signal()  # a checker is in place: check everything
    changed = Signal()  # word lists changed: check everything again
    unavailable = Signal(str)  # why there is no checking (a language with no dictionary)
    suggestionsReady = Signal(str, list)  # word, suggestions best first

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.checker: Checker | None = None
        self._key: tuple[str, str | None] | None = None
        self._words: dict[str, list[str]] = {"work": [], "user": [], "ignored": []}
        self._names: set[str] = set()
        self._asked: set[str] = set()

    # -- configuration -------------------------------------------------------------

    def configure(self, language: str, variant: str | None) -> None:
        """Check in ``language`` (AO3's name for it); loads its dictionary in the background."""
        code = language_code(language)
        if code is None:
            self._key = None
            self.checker = None
            self.unavailable.emit(
                self.tr("No spelling dictionary for {language}.").format(language=language)
            )
            self.changed.emit()
            return
        key = (code, variant if code == "en" else None)
        if key == self._key:
            return
        self._key = key
        with _lock:
            cached = _dictionaries.get(key)
        if cached is not None:
            self._install(key, cached)
            return

        # self as context: the timer dies with the service if the work closes first.
        def start(delay_ms: int) -> None:
            with contextlib.suppress(RuntimeError):  # the work closed while this load waited
                QTimer.singleShot(
                    delay_ms,
                    self,
                    lambda: self._run(lambda: _dictionary(*key), lambda d: self._install(key, d)),
                )

        if _held is None:
            start(LOAD_DELAY_MS)
        else:
            _held.append(start)

    def _install(self, key: tuple[str, str | None], dictionary: Dictionary) -> None:
        if key != self._key:
            return  # the language changed while this one was loading
        self.checker = Checker(
            dictionary,
            work_words=self._words["work"],
            user_words=self._words["user"],
            ignored=self._words["ignored"],
            names=self._names,
        )
        self.ready.emit()

    def set_words(
        self,
        *,
        work: Iterable[str] | None = None,
        user: Iterable[str] | None = None,
        ignored: Iterable[str] | None = None,
        names: Iterable[str] | None = None,
    ) -> None:
        checker = self.checker
        if work is not None:
            self._words["work"] = list(work)
            if checker:
                checker.set_work_words(self._words["work"])
        if user is not None:
            self._words["user"] = list(user)
            if checker:
                checker.set_user_words(self._words["user"])
        if ignored is not None:
            self._words["ignored"] = list(ignored)
            if checker:
                checker.set_ignored(self._words["ignored"])
        if names is not None:
            self._names = set(names)
            if checker:
                checker.set_names(self._names)
        if checker is not None:
            self.changed.emit()

    # -- suggestions ---------------------------------------------------------------

    def request_suggestions(self, word: str) -> None:
        """``suggestionsReady`` follows, at once if cached, else from a worker."""
        checker = self.checker
        if checker is None:
            return
        cached = checker.cached_suggestions(word)
        if cached is not None:
            self.suggestionsReady.emit(word, cached)
            return
        if word in self._asked:
            return
        self._asked.add(word)

        def found(result: object) -> None:
            self._asked.discard(word)
            self.suggestionsReady.emit(word, list(result))  # type: ignore[call-overload]

        self._run(lambda: checker.suggestions(word), found)

    # -- workers -------------------------------------------------------------------

    def _run(self, job: Callable[[], Any], done: Callable[[Any], None]) -> None:
        def fail(message: str) -> None:
            self.unavailable.emit(self.tr("Spell checking failed: {error}").format(error=message))

        run_in_background(job, done, fail, self)

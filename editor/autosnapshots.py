"""When the open work snapshots its chapters on its own, and never at the text's expense.

The workspace asks before every save of a chapter body and before an import; this decides
whether to ask the store (at most once per chapter per ``history.AUTO_INTERVAL`` of this
session, so a save every second does not query the snapshots table every second) and
swallows a failed snapshot: the text the author is saving matters more than its backup.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable

from editor.store import history, retention
from editor.store.errors import ProjectError
from editor.store.project import Project

log = logging.getLogger(__name__)

INTERVAL_S = history.AUTO_INTERVAL.total_seconds()


def clock() -> float:
    """Seconds on a clock that never goes back (a module function, for tests to move)."""
    return time.monotonic()


class AutoSnapshots:
    def __init__(self, project: Project) -> None:
        self._project = project
        self._asked: dict[int, float] = {}  # chapter id -> when the store was last asked
        self.last_error = ""

    def before_save(self, chapter_id: int) -> None:
        """The stored text of ``chapter_id`` is about to be replaced: keep it, now and then."""
        t = clock()
        asked = self._asked.get(chapter_id)
        if asked is not None and t - asked < INTERVAL_S:
            return
        # Counted even if it fails: a failing file should not be asked again every second.
        self._asked[chapter_id] = t
        self._guard(lambda: self._take_auto(chapter_id))

    def _take_auto(self, chapter_id: int) -> None:
        if not history.has_text(self._project, chapter_id):  # a new, empty chapter
            return
        if history.take_auto(self._project, chapter_id) is not None:
            # Each new snapshot may push an old one out (store/retention.py): the file stays
            # within its size however long the session.
            retention.prune(self._project)

    def prune(self) -> bool:
        """Apply the retention policy now (on closing the work); False if it failed."""
        return self._guard(lambda: retention.prune(self._project))

    def before_import(self) -> bool:
        """Every chapter as it is, so an import that went wrong can be undone by hand."""
        return self._guard(lambda: history.take_all(self._project, "import", "Before importing"))

    def _guard(self, take: Callable[[], object]) -> bool:
        try:
            take()
        except (ProjectError, sqlite3.Error, KeyError) as e:
            self.last_error = str(e)
            log.warning("Automatic snapshot failed: %s", e)
            return False
        return True

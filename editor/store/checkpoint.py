"""Empty a work's WAL after every save, off the saving thread.

A committed save lives in the ``-wal`` file beside the work until a checkpoint copies it in.
If a sync client replaces the work and Ficwright then dies, SQLite replays that leftover WAL
onto *their* file at the next open (a wrong text at best, a damaged file at worst). Only a
TRUNCATE checkpoint prevents it (a PASSIVE one leaves the frames valid in the WAL), and it
costs two fsyncs (~16 ms on an ordinary disk): too long for the UI thread, so a thread with
its own connection does it after each save.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import suppress
from pathlib import Path


class Checkpointer:
    """One thread and one connection per writable work, opened with the work: it holds the
    same file even after another program has put a different one at ``path``."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        # A save on the main connection during the truncate waits for it, and vice versa.
        self._conn.execute("PRAGMA busy_timeout = 2000")
        try:
            self._conn.execute("PRAGMA schema_version").fetchone()  # opens the WAL now
        except BaseException:
            self._conn.close()
            raise
        self._cond = threading.Condition()
        self._pending = False  # a save committed since the last checkpoint began
        self._running = False
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def request(self) -> None:
        """A save has just committed: empty the WAL soon."""
        with self._cond:
            self._pending = True
            self._cond.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """True once no checkpoint is pending (for tests)."""
        with self._cond:
            return self._cond.wait_for(lambda: not (self._pending or self._running), timeout)

    def close(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._thread.join()
        self._conn.close()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending or self._stopping)
                if self._stopping:
                    return
                self._pending = False
                self._running = True
            # Busy or failing: the next save (or close) tries again.
            with suppress(sqlite3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            with self._cond:
                self._running = False
                self._cond.notify_all()

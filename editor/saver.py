"""Saves that run on a worker thread, one at a time, their results heard on the UI thread.

A 10 MB chapter takes ~0.5 s to write (building its canonical text, then SQLite writing it),
which on the UI thread would freeze the window once a second while someone types. Only one
save is ever in flight, and ``wait`` finishes it (handing its result over at once) before
any other save may start: saves reach the file in the order they were made.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent import futures
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

Done = Callable[["futures.Future[Any]"], None]


class BackgroundSaver(QObject):
    _finished = Signal(object)  # the Future, from the worker thread: queued to the UI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._job: tuple[futures.Future[Any], Done] | None = None
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        """A save is in flight (or written, its result not handed over yet)."""
        return self._job is not None

    def start(self, work: Callable[[], Any], done: Done) -> None:
        """Run ``work`` on the worker; ``done(future)`` then runs on the UI thread."""
        if self._job is not None:
            raise RuntimeError("a save is already in flight: wait() for it first")
        future = self._executor.submit(work)
        self._job = (future, done)
        future.add_done_callback(self._finished.emit)

    def wait(self) -> None:
        """Block until the save in flight is written, and hand its result over now."""
        if self._job is not None:
            future = self._job[0]
            futures.wait([future])
            self._deliver(future)

    def shutdown(self) -> None:
        self.wait()
        self._executor.shutdown()

    @Slot(object)
    def _deliver(self, future: futures.Future[Any]) -> None:
        if self._job is None or self._job[0] is not future:
            return  # handed over already, by wait()
        done = self._job[1]
        self._job = None
        done(future)

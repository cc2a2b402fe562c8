"""Run a job on Qt's thread pool and hear its result on the UI thread.

Slow work (a dictionary load, suggestions, a whole-work export or spell count) runs on a
worker; its result comes back through a small QObject living on the UI thread. The
indirection matters: a signal connected to a bare function runs that function on the
emitting (worker) thread, while a slot of an object that lives on the UI thread runs there.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(str)

    def __init__(
        self, on_done: Callable[[Any], None], on_fail: Callable[[str], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._on_done = on_done
        self._on_fail = on_fail
        self.done.connect(self._deliver)
        self.failed.connect(self._report)

    @Slot(object)
    def _deliver(self, result: object) -> None:
        self.deleteLater()
        self._on_done(result)

    @Slot(str)
    def _report(self, message: str) -> None:
        self.deleteLater()
        self._on_fail(message)


class _Task(QRunnable):
    def __init__(self, job: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._job = job
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._job()
        except Exception as e:  # reported to the author, never lost in a worker
            outcome, signal_name = str(e) or type(e).__name__, "failed"
        else:
            outcome, signal_name = result, "done"
        # The owner may be gone by now (a closed work or dialog): nobody is waiting.
        with suppress(RuntimeError):
            getattr(self._relay, signal_name).emit(outcome)


def run_in_background(
    job: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_fail: Callable[[str], None],
    owner: QObject,
) -> None:
    """Run ``job`` on the thread pool; ``on_done(result)`` or ``on_fail(message)`` follows
    on ``owner``'s (the UI) thread, unless ``owner`` has been deleted by then."""
    QThreadPool.globalInstance().start(_Task(job, _Relay(on_done, on_fail, owner)))

"""A 10 MB paste into an empty chapter, plain text and Google Docs HTML: how long it takes,
how long the window ever waits meanwhile, and what an autosave costs afterwards.

    python bench/paste10mb.py [--runs N]

The window's waits are measured by a 1 ms timer: the longest gap between two of its ticks is
the longest the event loop was busy (a keystroke or a repaint would have waited that long).
Each run is a fresh process. Not part of ``run.py``'s table: one run takes tens of seconds
on a slow machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.text.font.db=false")  # fallback fonts, per script
os.environ.setdefault("FICWRIGHT_HOME", tempfile.mkdtemp(prefix="ficbench-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bench.generate import google_docs_html, pasted_text

SIZE = 10_000_000


class Stalls:
    """The longest gap between ticks of a 1 ms timer: how long input would have waited."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self.last = 0.0

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed() / 1e6
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.clock.start()
        self.last = 0.0
        self.longest = 0.0
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.longest


def one_run(kind: str) -> dict[str, float]:
    app = QApplication.instance()
    from editor.ui.main_window import MainWindow
    from editor.ui.pasting import clipboard_data, pasting

    folder = Path(tempfile.mkdtemp(prefix="ficbench-"))
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.show()
    window.create_work(folder / "paste.ficwright", "Paste")
    ws = window.workspace
    assert ws is not None
    data = clipboard_data()  # one made from Python would crash this process's exit
    if kind == "text":
        data.setText(pasted_text(SIZE))
    else:
        data.setHtml(google_docs_html(SIZE))
    app.clipboard().setMimeData(data)
    pane = window.text_pane
    pane.setFocus()
    # Steady state: the work's dictionary is loaded, as it is a moment after opening a work.
    end = time.perf_counter() + 30
    while ws.spelling.checker is None and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    stalls = Stalls()
    saved: list[float] = []
    ws.saved.connect(lambda: saved.append(time.perf_counter()))

    stalls.start()
    start = time.perf_counter()
    QTest.keyClick(pane, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    while pasting(pane):
        app.processEvents()
    pasted = time.perf_counter() - start
    paste_stall = stalls.stop()

    # Then the author stops: the autosave and the recount follow on their own.
    stalls.start()
    start = time.perf_counter()
    while not saved or ws.dirty:
        app.processEvents()
    settled = time.perf_counter() - start
    settle_stall = stalls.stop()
    words = ws.chapter_words(ws.current_id)

    # One more keystroke: the autosave after it reads one paragraph again.
    QTest.keyClicks(pane, "x")
    start = time.perf_counter()
    assert ws.save()
    resave = time.perf_counter() - start
    window.close()
    return {
        "paste": pasted * 1000,
        "paste stall": paste_stall,
        "until saved": settled * 1000,
        "stall until saved": settle_stall,
        "save after a keystroke": resave * 1000,
        "words": words,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--kind", choices=("text", "html"), action="append")
    parser.add_argument("--one", choices=("text", "html"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:  # a run in a fresh process: nothing left over from another run's window
        QApplication.instance() or QApplication(sys.argv)
        print(json.dumps(one_run(args.one)), flush=True)
        return 0
    for kind in args.kind or ("text", "html"):
        runs = []
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, __file__, "--one", kind],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            runs.append(json.loads(out.strip().splitlines()[-1]))
        for name in runs[0]:
            values = [r[name] for r in runs]
            unit = "" if name == "words" else " ms"
            print(
                f"{kind}: {name}: median {statistics.median(values):.0f}{unit} "
                f"(min {min(values):.0f}, max {max(values):.0f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

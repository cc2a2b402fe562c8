"""Steady typing at the end of a 10 MB chapter: how long each word takes to reach the file,
and how long the window ever waits meanwhile.

    python bench/typing10mb.py [--runs N] [--seconds S] [--no-spelling]

The chapter (30,000 paragraphs, 1.86 million words) is opened in the real main window; once
its paragraphs are read and the dictionary is loaded, a key is typed every 100 ms (words
"w0001 ", "w0002 "...) for ``--seconds``. A thread with its own SQLite connection reads the
end of the stored chapter every 250 ms (a reader that never pauses would hold off
SQLite's checkpoints): a word's latency is from its last key until that
reader first sees it. The window's waits are the gaps between ticks of a 1 ms timer, not
counting the keystrokes themselves (Qt inserting a letter into a 10 MB document), which are
reported on their own. Each run is a fresh process. ``--no-spelling`` turns Check Spelling
off first: the spelling pass over 30,000 paragraphs re-lays out spans of the document (up
to ~300 ms each) for minutes after opening, which is not the autosave's doing.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.text.font.db=false")
os.environ.setdefault("FICWRIGHT_HOME", tempfile.mkdtemp(prefix="ficbench-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bench.generate import pasted_text
from bench.paste10mb import SIZE, Stalls

KEY_INTERVAL_S = 0.1
POLL_S = 0.25
MARKER = re.compile(r"w(\d{4}) ")


def make_work(folder: Path) -> Path:
    from editor.store.project import Project

    path = folder / "big.ficwright"
    project = Project.create(path, "Big")
    lines = [line for line in pasted_text(SIZE).split("\n") if line.strip()]
    project.add_chapter("Big", "\n".join(f"<p>{html.escape(line)}</p>" for line in lines), 0)
    project.close()
    return path


class Reader(threading.Thread):
    """Reads the end of the stored chapter from its own connection: what is on disk."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.seen: dict[int, float] = {}  # word number -> when first read from the file
        self.stop = threading.Event()

    def run(self) -> None:
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        while not self.stop.is_set():
            tail = conn.execute("SELECT substr(body, -400) FROM chapters").fetchone()[0]
            now = time.perf_counter()
            for n in MARKER.findall(tail):
                self.seen.setdefault(int(n), now)
            time.sleep(POLL_S)
        conn.close()


def one_run(seconds: float, spelling: bool = True) -> dict[str, float]:
    app = QApplication.instance()
    from editor.ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp(prefix="ficbench-"))
    path = make_work(folder)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.show()
    assert window.open_path(path)
    ws = window.workspace
    assert ws is not None
    if not spelling:
        window.spelling_ui.action.setChecked(False)
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(QTextCursor.MoveOperation.End)
    end = time.perf_counter() + 120
    while spelling and ws.spelling.checker is None and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    # Steady state, as a few minutes after opening: every paragraph read (the background
    # reader takes minutes of slices for 30,000 of them while the spelling pass runs too).
    cache = ws._caches[ws.current_id]
    cache.words()
    while cache.pending() and time.perf_counter() < end:
        app.processEvents()
    settle = time.perf_counter() + 3
    while time.perf_counter() < settle:
        app.processEvents()

    reader = Reader(path)
    reader.start()
    text = "".join(f"w{n:04d} " for n in range(1, 10_000))
    typed: dict[int, float] = {}  # word number -> when its last key was typed
    keys: list[float] = []
    stalls = Stalls()
    stalls.start()
    start = time.perf_counter()
    next_key = start
    i = 0
    while time.perf_counter() - start < seconds:
        now = time.perf_counter()
        if now >= next_key:
            QTest.keyClicks(pane, text[i])
            keys.append((time.perf_counter() - now) * 1000)
            stalls.last = stalls.clock.nsecsElapsed() / 1e6  # the keystroke is not a wait
            if text[i] == " ":
                typed[len(typed) + 1] = time.perf_counter()
            i += 1
            next_key += KEY_INTERVAL_S
        app.processEvents()
    typing_stall = stalls.stop()
    last = len(typed)
    end = time.perf_counter() + 30
    while last not in reader.seen and time.perf_counter() < end:
        app.processEvents()
    reader.stop.set()
    reader.join()
    latencies = [reader.seen[n] - t for n, t in typed.items() if n in reader.seen]
    window.close()
    return {
        "words typed": last,
        "words never seen on disk": last - len(latencies),
        "word to disk, median": statistics.median(latencies) * 1000,
        "word to disk, longest": max(latencies) * 1000,
        "longest wait while typing": typing_stall,
        "keystroke itself, median": statistics.median(keys),
        "keystroke itself, longest": max(keys),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--no-spelling", action="store_true")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:  # a run in a fresh process
        QApplication.instance() or QApplication(sys.argv)
        print(json.dumps(one_run(args.seconds, not args.no_spelling)), flush=True)
        return 0
    runs = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, __file__, "--one", "--seconds", str(args.seconds)]
            + (["--no-spelling"] if args.no_spelling else []),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    for name in runs[0]:
        values = [r[name] for r in runs]
        unit = "" if name.startswith("words") else " ms"
        print(
            f"{name}: median {statistics.median(values):.0f}{unit} "
            f"(min {min(values):.0f}, max {max(values):.0f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

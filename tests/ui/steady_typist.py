"""A real Ficwright window in its own process that types one word every TICK ms, forever.

Started by test_kill.py, which kills it with SIGKILL at a random moment: nothing here saves
on purpose. After each word it prints ``<number> <time.monotonic()>`` (the clock every
process on the machine shares), so the test knows when each word was typed.
Usage: python steady_typist.py WORK SETTINGS
"""

from __future__ import annotations

import itertools
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.ui.main_window import MainWindow

TICK_MS = 80  # faster than anyone types: the debounce never gets its pause


def word(n: int) -> str:
    return f"w{n:05d}"


def main(work: str, settings: str) -> int:
    app = QApplication([])
    window = MainWindow(QSettings(settings, QSettings.Format.IniFormat))
    window.show()
    if not window.open_path(work):
        return 1
    pane = window.text_pane
    numbers = itertools.count()

    def type_word() -> None:
        n = next(numbers)
        if n == 0:
            pane.setFocus()
            pane.moveCursor(QTextCursor.MoveOperation.End)
        QTest.keyClicks(pane, " " + word(n))
        print(n, time.monotonic(), flush=True)

    timer = QTimer()
    timer.timeout.connect(type_word)
    timer.start(TICK_MS)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))

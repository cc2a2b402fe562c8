"""A real Ficwright window in its own process whose disk fills up, then frees.

The disk is "full" when RLIMIT_FSIZE stops this process making any file grow (the only way
to fill a disk for one process without root). Driven over stdin/stdout by test_faults.py:
each step waits for a line, then prints one line of JSON.
Usage: python full_disk_typist.py WORK SETTINGS
"""

from __future__ import annotations

import json
import os
import resource
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.ui.main_window import MainWindow


def main(work: str, settings: str) -> int:
    app = QApplication([])
    window = MainWindow(QSettings(settings, QSettings.Format.IniFormat))
    window.show()
    if not window.open_path(work):
        return 1
    ws = window.workspace
    assert ws is not None
    pane = window.text_pane
    _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)

    def type_and_save(text: str) -> None:
        pane.setFocus()
        pane.moveCursor(QTextCursor.MoveOperation.End)
        QTest.keyClicks(pane, text)
        ok = ws.save()  # as a chapter switch would; the autosave takes the same path
        app.processEvents()
        banner = window.safety.fault_banner
        print(
            json.dumps(
                {
                    "saved": ok,
                    "banner": banner.text() if banner.isVisibleTo(window) else "",
                    "recovery": str(ws.recovery_path) if ws.recovery_path else "",
                }
            ),
            flush=True,
        )

    type_and_save(" Saved first.")
    sys.stdin.readline()
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, hard))  # no file may grow: the disk is full
    type_and_save(" Typed on a full disk.")
    sys.stdin.readline()
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))  # space freed
    type_and_save(" And after.")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))

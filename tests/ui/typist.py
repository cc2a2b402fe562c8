"""A real Ficwright window in its own process that types and keeps running.

Started by test_kill.py, which kills it with SIGKILL: nothing here saves on purpose.
Usage: python typist.py WORK SETTINGS TEXT [FIELD]   (FIELD: a panel field's objectName;
the chapter pane if omitted)
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTextEdit, QWidget

from editor.ui.main_window import MainWindow


def main(work: str, settings: str, text: str, field: str = "") -> int:
    app = QApplication([])
    window = MainWindow(QSettings(settings, QSettings.Format.IniFormat))
    window.show()
    if not window.open_path(work):
        return 1
    pane = window.text_pane
    if field:
        panel_field = window.findChild(QWidget, field)
        pane = panel_field.text_edit() if hasattr(panel_field, "text_edit") else panel_field

    def type_text() -> None:
        pane.setFocus()
        if isinstance(pane, QTextEdit):
            pane.moveCursor(QTextCursor.MoveOperation.End)
        QTest.keyClicks(pane, text)
        print("typed", flush=True)

    QTimer.singleShot(200, type_text)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))

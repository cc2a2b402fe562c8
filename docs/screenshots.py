"""Refresh the screenshots in docs/ by driving the real app on a virtual screen.

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python docs/screenshots.py

(Debian: xvfb, libxcb-cursor0, libxkbcommon-x11-0, libxcb-icccm4, libxcb-keysyms1.) Each scene
opens a fresh copy of the sample work in a private data folder, sets the scene up as an
author would, and saves the whole screen, popups included.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["FICWRIGHT_HOME"] = tempfile.mkdtemp(prefix="ficwright-shots-")

from PySide6.QtCore import QPoint, QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QTextCursor, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.ui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs"
SIZE = (1320, 840)


def wait(app: QApplication, ms: int) -> None:
    done = []
    QTimer.singleShot(ms, lambda: done.append(True))
    while not done:
        app.processEvents()


def open_sample(app: QApplication) -> MainWindow:
    home = Path(os.environ["FICWRIGHT_HOME"])
    work = home / "sample.ficwright"
    shutil.copyfile(ROOT / "projects" / "sample.ficwright", work)
    window = MainWindow(QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(*SIZE)
    window.move(0, 0)
    window.show()
    window.open_path(work)
    wait(app, 600)  # the dictionary loads in the background
    return window


def main_window(app: QApplication, window: MainWindow) -> None:
    window.front_matter.docks["details"].raise_()


def spelling(app: QApplication, window: MainWindow) -> None:
    """A typo, its context menu with suggestions, and the Spelling panel."""
    pane = window.text_pane
    cursor = pane.document().find("forty", 0, QTextDocument.FindFlag.FindWholeWords)
    cursor.insertText("fourty")
    window.spelling_ui.dock.raise_()
    window.spelling_ui.refresh()
    wait(app, 800)
    cursor = pane.document().find("fourty")
    cursor.setPosition(cursor.selectionStart() + 2, QTextCursor.MoveMode.MoveAnchor)
    rect = pane.cursorRect(cursor)
    pos = QPoint(rect.center().x(), rect.center().y())
    window.spelling_ui.menu.service.request_suggestions("fourty")
    wait(app, 600)
    menu = window.spelling_ui.menu.menu_for(pane, pos)
    menu.popup(pane.viewport().mapToGlobal(pos))
    wait(app, 400)


def export_ffn(app: QApplication, window: MainWindow) -> None:
    """The Export dialog previewing FFN's chapter file with its header block."""
    dialog = window.open_export()
    assert dialog is not None
    dialog.set_target("ffn")
    dialog.resize(900, 700)
    dialog.move(200, 60)
    wait(app, 800)


def post_helper(app: QApplication, window: MainWindow) -> None:
    """AO3's form, field by field, each with its Copy button and limit check."""
    dialog = window.open_post_helper()
    assert dialog is not None
    dialog.resize(900, 780)
    dialog.move(200, 20)
    wait(app, 600)


def import_preview(app: QApplication, window: MainWindow) -> None:
    """A plain-text fic with its header block: what went where, before anything is saved."""
    dialog = window.open_import()
    dialog.add_files([ROOT / "tests" / "fixtures" / "import" / "full-header.txt"])
    dialog.resize(1000, 760)
    dialog.move(150, 20)
    wait(app, 1200)


def find_in_work(app: QApplication, window: MainWindow) -> None:
    """Find across the work: hits grouped by chapter, with their context."""
    from editor.ui.dialogs.find_replace import SCOPE_WORK

    dialog = window.open_find(SCOPE_WORK)
    assert dialog is not None
    dialog.find_edit.setText("lamp")
    dialog.find_all()
    dialog.resize(640, 560)
    dialog.move(660, 120)
    wait(app, 500)


def statistics(app: QApplication, window: MainWindow) -> None:
    dialog = window.open_statistics()
    assert dialog is not None
    dialog.resize(760, 520)
    dialog.move(280, 120)
    wait(app, 500)


def revisions(app: QApplication, window: MainWindow) -> None:
    """A snapshot against the current text, word by word."""
    from editor.store import history

    ws = window.workspace
    assert ws is not None
    history.take(ws.project, ws.current_id, "manual", "First draft")
    cursor = window.text_pane.document().find("forty years")
    cursor.insertText("half a century")
    ws.save()
    dialog = window.open_revisions()
    assert dialog is not None
    dialog.resize(900, 600)
    dialog.move(200, 100)
    wait(app, 600)


SCENES: dict[str, Callable[[QApplication, MainWindow], None]] = {
    "main-window.png": main_window,
    "spelling.png": spelling,
    "export.png": export_ffn,
    "post-helper.png": post_helper,
    "import.png": import_preview,
    "find.png": find_in_work,
    "statistics.png": statistics,
    "revisions.png": revisions,
}


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    for name, scene in SCENES.items():
        window = open_sample(app)
        scene(app, window)
        wait(app, 300)
        shot = app.primaryScreen().grabWindow(0, 0, 0, SIZE[0], SIZE[1] + 30)
        shot.save(str(OUT / name))
        print(f"docs/{name}")
        for popup in app.topLevelWidgets():
            if popup is not window and popup.isVisible():
                popup.close()
        window.close()
        window.deleteLater()
        wait(app, 100)
    return 0


if __name__ == "__main__":
    sys.exit(main())

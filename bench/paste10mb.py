"""A 10 MB plain-text paste into an empty chapter: how long the paste and one autosave take.

    python bench/paste10mb.py

Not part of ``run.py``'s table: one run takes tens of seconds on a slow machine.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FICWRIGHT_HOME", tempfile.mkdtemp(prefix="ficbench-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QMimeData, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

WORDS = ["the", "quick", "brown", "fox", "don’t", "well-known", "мир", "😀"]
SIZE = 10_000_000


def text(size: int) -> str:
    rnd = random.Random(1)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        paragraph = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 120)))
        paragraphs.append(paragraph)
        total += len(paragraph) + 1
    return "\n".join(paragraphs)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    from editor.ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp(prefix="ficbench-"))
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.show()
    window.create_work(folder / "paste.ficwright", "Paste")
    assert window.workspace is not None
    data = QMimeData()
    data.setText(text(SIZE))
    app.clipboard().setMimeData(data)
    window.text_pane.setFocus()
    start = time.perf_counter()
    QTest.keyClick(window.text_pane, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = time.perf_counter() - start
    start = time.perf_counter()
    assert window.workspace.save()
    saved = time.perf_counter() - start
    print(f"paste {pasted * 1000:.0f} ms, then one autosave {saved * 1000:.0f} ms")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

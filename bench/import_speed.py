"""How long import takes on a big work: one 500k-word text file, and 100 chapter files.

    PYTHONPATH=. python bench/import_speed.py [--runs N]

The single file is the benchmark work's prose (bench/generate.py, seeded) as an author would
have it in one .txt: a fic header, then 100 chapters, each under "Chapter N: Title" with an
A/N before and after. "classify" is the time spent in the edge classifier
(``edges.read_edges``), the figure issue 11 sets at 1 s at most; "whole" is the whole
``read_files`` (decoding, paragraphs, splitting, classifying, canonical HTML). The 100 files
are the same chapters, one per file, each repeating the work header.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import LARGE_CHAPTER_WORDS, SEED, Prose
from editor.formats.importers import edges, read_files
from editor.text.richtext import plain_text

HEADER = """Title: The Keeper's Long Year
Author: harbourlights
Rating: T
Warnings: canon-typical violence
Disclaimer: The Lantern Court books and everyone in them belong to their author.
Summary: A lighthouse keeper, a drowned bell, and the winter the sea came inland.

"""


def _chapters() -> list[str]:
    prose = Prose(SEED)
    out = []
    for n in range(1, 101):
        text = "\n\n".join(plain_text(prose.chapter(LARGE_CHAPTER_WORDS)).split("\n"))
        out.append(
            f"A/N: Thank you for the reviews on chapter {n - 1}! This one is a little longer.\n\n"
            f"Chapter {n}: The Keeper's Log, Part {n}\n\n{text}\n\n"
            f"A/N: See you next week! Please review :)\n"
        )
    return out


def _timed(paths: list[Path]) -> tuple[float, float, int]:
    spent = 0.0
    original = edges.read_edges

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal spent
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent += time.perf_counter() - start

    import editor.formats.importers.edges as module

    module.read_edges = timed
    try:
        start = time.perf_counter()
        result = read_files(paths)
        whole = time.perf_counter() - start
    finally:
        module.read_edges = original
    return spent, whole, len(result.chapters)


def _dialog(files: list[Path], folder: Path) -> tuple[float, float, bool]:
    """The Import dialog reading ``files``: seconds until the preview, the longest the event
    loop waited (a 1 ms timer's longest gap), and whether the progress bar was shown."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QProgressBar

    from editor.ui.dialogs.import_dialog import ImportDialog

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    dialog = ImportDialog(settings, lambda _result, _overwrite: [])
    dialog.show()
    bar = dialog.findChild(QProgressBar, "importProgress")
    gaps = [0.0]
    shown = [False]
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps[0] = max(gaps[0], now - last[0])
        last[0] = now
        shown[0] = shown[0] or bar.isVisible()

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(tick)
    timer.start()
    start = time.perf_counter()
    dialog.add_files(files)
    last[0] = time.perf_counter()
    while dialog.is_reading():
        app.processEvents()
        time.sleep(0.0005)
    took = time.perf_counter() - start
    settle = time.perf_counter() + 0.3  # the preview is filled after the read: measure it too
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.0005)
    timer.stop()
    dialog.close()
    return took, gaps[0], shown[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    chapters = _chapters()
    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder) / "whole work.txt"
        one.write_text(HEADER + "\n".join(chapters), encoding="utf-8")
        files = []
        for n, chapter in enumerate(chapters, 1):
            path = Path(folder) / "files" / f"ch{n}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(HEADER + chapter, encoding="utf-8")
            files.append(path)
        words = len(one.read_text(encoding="utf-8").split())
        print(f"one file: {words:,} words, {one.stat().st_size / 1e6:.1f} MB; 100 files\n")
        print("| input | chapters | classify (median) | whole import (median) |")
        print("|---|---|---|---|")
        for label, paths in (("one 500k-word .txt", [one]), ("100 chapter .txt files", files)):
            runs = [_timed(paths) for _ in range(args.runs)]
            classify = statistics.median(r[0] for r in runs)
            whole = statistics.median(r[1] for r in runs)
            print(f"| {label} | {runs[0][2]} | {classify:.2f} s | {whole:.2f} s |")
        took, gap, shown = _dialog(files, Path(folder))
        print(
            f"\nImport dialog, 100 files: preview after {took:.2f} s (the dialog's 300 ms "
            f"wait included); longest event-loop wait {gap * 1000:.0f} ms; progress bar "
            f"{'shown' if shown else 'not shown'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

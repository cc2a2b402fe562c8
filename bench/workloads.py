"""One benchmark workload in a fresh process; bench/run.py spawns this and reads its result.

    python bench/workloads.py WORKLOAD WORKFILE [--profile]

Qt, the editor and a shown main window are set up before any clock starts, so each figure
is the work itself, not imports. The result is one line, ``RESULT {json}``, on stdout; with
``--profile`` a cProfile of the timed section goes to stderr.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pyside_none import keep_none_alive

from editor.text import qtdoc
from editor.text.richtext import parse, word_count_text
from editor.ui.main_window import MainWindow

KEYS = 200
KEY_SPACING_S = 0.030
TAIL_S = 1.6  # after the last key: long enough for the autosave debounce and recount to fire
SWITCHES = 5
SAVES = 10

_profiler: cProfile.Profile | None = None


def now_ms() -> float:
    return time.perf_counter() * 1000.0


def rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


@contextmanager
def profiled() -> Iterator[None]:
    """Profile the enclosed code when --profile was given; nothing otherwise."""
    if _profiler is None:
        yield
        return
    _profiler.enable()
    try:
        yield
    finally:
        _profiler.disable()


class PaintProbe(QObject):
    """Counts paint events on the text pane's viewport: "painted" means this moved."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


class Bench:
    def __init__(self) -> None:
        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        home = Path(os.environ.get("FICWRIGHT_HOME") or tempfile.mkdtemp(prefix="ficbench-"))
        self.settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
        self.window = MainWindow(self.settings)
        self.window.show()
        self.probe = PaintProbe()
        self.window.text_pane.viewport().installEventFilter(self.probe)
        self.settle()

    def settle(self, seconds: float = 0.05) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.app.processEvents()
            time.sleep(0.002)

    def until_painted(self, force: bool) -> None:
        """Process events (and, if ``force``, repaint the window) until the pane has painted."""
        before = self.probe.paints
        self.app.processEvents()
        if force and self.probe.paints == before:
            self.window.repaint()
        for _ in range(1000):
            if self.probe.paints != before:
                return
            self.app.processEvents()
        raise RuntimeError("the text pane never painted")

    @property
    def ws(self) -> Any:
        assert self.window.workspace is not None
        return self.window.workspace

    def doc(self) -> QTextDocument:
        doc = self.ws.document
        assert doc is not None
        return doc

    def full_layout(self) -> None:
        # documentSize() finishes Qt's lazy layout of the whole document.
        self.doc().documentLayout().documentSize()

    def cursor_mid_document(self) -> None:
        """The cursor at the end of an ordinary paragraph in the middle of the chapter."""
        doc = self.doc()
        block = doc.findBlockByNumber(doc.blockCount() // 2)
        while block.isValid() and (block.length() < 40 or qtdoc.is_scene_break(block)):
            block = block.next()
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        pane = self.window.text_pane
        pane.setTextCursor(cursor)
        pane.ensureCursorVisible()
        pane.setFocus()
        self.until_painted(force=True)
        self.settle()


# -- workloads -----------------------------------------------------------------------


def open_large(path: Path) -> dict[str, Any]:
    b = Bench()
    rss_before = rss_mb()
    start = now_ms()
    with profiled():
        b.window.open_path(path)
        b.until_painted(force=True)
    elapsed = now_ms() - start
    b.settle(0.2)
    return {"open_large_ms": elapsed, "rss_before_mb": rss_before, "rss_open_mb": rss_mb()}


def switch(path: Path) -> dict[str, Any]:
    b = Bench()
    b.window.open_path(path)
    b.until_painted(force=True)
    wait_for_spelling(b)  # steady state: the dictionary loads once, at the session's start
    tree = b.window.chapter_tree
    ids = tree.ids()
    first, cold, cached = ids[0], [], []

    def show(chapter_id: int) -> float:
        start = now_ms()
        # The author's path: a click in the chapter tree, then the pane paints.
        tree.setCurrentItem(tree.topLevelItem(ids.index(chapter_id)))
        b.until_painted(force=True)
        elapsed = now_ms() - start
        assert b.ws.current_id == chapter_id
        b.settle()
        return elapsed

    with profiled():
        for chapter_id in ids[1 : 1 + SWITCHES]:
            cold.append(show(chapter_id))
            cached.append(show(first))
    # Fill the workspace's cache of open chapters, as an author hopping around would.
    for chapter_id in ids[1 + SWITCHES : 1 + SWITCHES + 8]:
        show(chapter_id)
    b.settle(0.2)
    return {
        "chapter_cold_ms": statistics.median(cold),
        "chapter_cold_max_ms": max(cold),
        "chapter_cached_ms": statistics.median(cached),
        "chapter_cached_max_ms": max(cached),
        "rss_many_open_mb": rss_mb(),
    }


def load20k(path: Path) -> dict[str, Any]:
    b = Bench()
    start = now_ms()
    with profiled():
        b.window.open_path(path)
        b.full_layout()
        b.until_painted(force=True)
    elapsed = now_ms() - start

    # Where the time goes, piece by piece, on the same chapter.
    body = b.ws.project.body(b.ws.current_id)
    t0 = now_ms()
    parse(body)
    t1 = now_ms()
    doc = QTextDocument()
    doc.setDefaultFont(b.window.text_pane.font())
    qtdoc.load(doc, body)
    t2 = now_ms()
    doc.setPageSize(b.window.text_pane.viewport().size().toSizeF())
    doc.documentLayout().documentSize()
    t3 = now_ms()
    return {
        "load20k_ms": elapsed,
        "load20k_parse_ms": t1 - t0,
        "load20k_build_ms": t2 - t1,
        "load20k_layout_ms": t3 - t2,
    }


def autosave(path: Path) -> dict[str, Any]:
    b = Bench()
    b.window.open_path(path)
    b.full_layout()
    wait_for_spelling(b)  # steady state: the dictionary loads once, at the session's start
    b.cursor_mid_document()
    pane = b.window.text_pane
    saves, canon, count, write = [], [], [], []
    for i in range(SAVES):
        QTest.keyClick(pane, Qt.Key.Key_A if i % 2 else Qt.Key.Key_E)
        b.app.processEvents()
        assert b.ws.dirty
        start = now_ms()
        with profiled():
            ok = b.ws.save()
        saves.append(now_ms() - start)
        assert ok
        b.settle(0.02)
    # The same steps one by one, to say which of them costs: the text as the save reads it
    # (the edited paragraph again, from the block cache), and as reading the whole chapter
    # would (what every save did before the cache).
    doc = b.doc()
    project = b.ws.project
    cached = []
    for i in range(SAVES):
        QTest.keyClick(pane, Qt.Key.Key_A if i % 2 else Qt.Key.Key_E)
        t0 = now_ms()
        html = b.ws.body(b.ws.current_id)
        cached.append(now_ms() - t0)
        t0 = now_ms()
        assert qtdoc.to_canonical(doc) == html
        t1 = now_ms()
        words = word_count_text(doc.toPlainText())
        t2 = now_ms()
        project.save_body(b.ws.current_id, html, words)
        t3 = now_ms()
        canon.append(t1 - t0)
        count.append(t2 - t1)
        write.append(t3 - t2)
    b.ws.save()
    return {
        "autosave_ms": statistics.median(saves),
        "autosave_max_ms": max(saves),
        "autosave_cached_ms": statistics.median(cached),
        "autosave_canonical_ms": statistics.median(canon),
        "autosave_count_ms": statistics.median(count),
        "autosave_write_ms": statistics.median(write),
        "autosave_write_max_ms": max(write),
    }


def export(path: Path) -> dict[str, Any]:
    """The builders alone, no window: the whole work to AO3 HTML and to EPUB, file written."""
    from editor.formats.targets import export_to
    from editor.formats.work import ExportOptions, load_work
    from editor.store.project import Project

    out: dict[str, Any] = {}
    project = Project.open(path)
    try:
        with tempfile.TemporaryDirectory(prefix="ficbench-") as tmp:
            for key in ("ao3", "epub", "docx"):
                start = now_ms()
                data = export_to(key, load_work(project), ExportOptions())
                raw = data.encode("utf-8") if isinstance(data, str) else data
                (Path(tmp) / f"work.{key}").write_bytes(raw)
                out[f"export_{key}_ms"] = now_ms() - start
    finally:
        project.close()
    out["export_rss_mb"] = rss_mb()
    return out


def wait_for_spelling(b: Bench, timeout_s: float = 10.0) -> None:
    """Until the dictionary is loaded and the current chapter's underlines are all drawn."""
    end = time.perf_counter() + timeout_s
    while time.perf_counter() < end:
        b.app.processEvents()
        highlighter = b.window.spelling_ui.highlighter
        if (
            b.ws.spelling.checker is not None
            and highlighter is not None
            and not highlighter.pending()
        ):
            return
        time.sleep(0.001)
    raise RuntimeError("spell checking never finished")


def spell20k(path: Path) -> dict[str, Any]:
    """Open a 20k-word chapter as a fresh start would: dictionary load, then the underlines."""
    b = Bench()
    stalls: list[float] = []
    start = now_ms()
    b.window.open_path(path)
    b.until_painted(force=True)
    opened = now_ms()
    visible: float | None = None
    while True:
        t = now_ms()
        b.app.processEvents()
        stalls.append(now_ms() - t)
        if visible is None and b.ws.spelling.checker is not None:
            # `ready` underlines what the pane shows in the same turn (and the top slice).
            visible = now_ms()
        highlighter = b.window.spelling_ui.highlighter
        if (
            b.ws.spelling.checker is not None
            and highlighter is not None
            and not highlighter.pending()
        ):
            break
        if now_ms() - start > 10_000:
            raise RuntimeError("spell checking never finished")
        time.sleep(0.0005)
    underlined = now_ms()
    # Underlines on an already loaded dictionary: what every later chapter open costs.
    highlighter = b.window.spelling_ui.highlighter
    assert highlighter is not None
    t = now_ms()
    highlighter.check_all()
    while highlighter.pending():
        b.app.processEvents()
    recheck = now_ms() - t
    checker = b.ws.spelling.checker
    text = b.doc().toPlainText()
    t = now_ms()
    checker.unknown(text)
    whole = now_ms() - t
    return {
        "spell_underlined_ms": underlined - start,
        "spell_after_paint_ms": underlined - opened,
        "spell_visible_after_paint_ms": (visible or underlined) - opened,
        "spell_stall_ms": max(stalls),
        "spell_slice_ms": highlighter.longest_slice_ms,
        "spell_recheck_ms": recheck,
        "spell_unknown_ms": whole,
    }


def typing(path: Path) -> dict[str, Any]:
    b = Bench()
    b.window.open_path(path)
    b.full_layout()
    wait_for_spelling(b)
    b.cursor_mid_document()
    pane = b.window.text_pane
    text = "the keeper watched the sea "
    keys = [Qt.Key.Key_Space if c == " " else Qt.Key(ord(c.upper())) for c in text]
    latencies: list[float] = []
    stalls: list[tuple[float, str]] = []  # (ms the loop was busy in one go, what it was)
    overruns: list[float] = []
    saved = []
    b.ws.saved.connect(lambda: saved.append(now_ms()))

    def idle_until(deadline: float, label: str) -> None:
        while now_ms() < deadline:
            start = now_ms()
            b.app.processEvents()
            stalls.append((now_ms() - start, label))
            time.sleep(0.0005)

    with profiled():
        next_key = now_ms()
        for i in range(KEYS):
            idle_until(next_key, "between keys")
            start = now_ms()
            overruns.append(start - next_key)
            before = b.probe.paints
            QTest.keyClick(pane, keys[i % len(keys)])
            while b.probe.paints == before:
                b.app.processEvents()
            latency = now_ms() - start
            latencies.append(latency)
            stalls.append((latency, "keystroke"))
            next_key += KEY_SPACING_S * 1000
        idle_until(now_ms() + TAIL_S * 1000, "after typing (autosave, recount)")
    latencies.sort()
    worst = max(stalls)
    return {
        "key_median_ms": statistics.median(latencies),
        "key_p95_ms": latencies[int(0.95 * (len(latencies) - 1))],
        "key_max_ms": latencies[-1],
        "stall_max_ms": worst[0],
        "stall_max_where": worst[1],
        "stall_tail_ms": max(s for s, where in stalls if where.startswith("after")),
        "key_overrun_max_ms": max(overruns),
        "key_latencies_ms": latencies,  # bench/compare.py takes percentiles as novelWriter's do
        "autosaves": len(saved),
    }


WORKLOADS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "open_large": open_large,
    "switch": switch,
    "load20k": load20k,
    "autosave": autosave,
    "typing": typing,
    "spell20k": spell20k,
    "export": export,
}


def main(argv: list[str] | None = None) -> int:
    global _profiler
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workload", choices=sorted(WORKLOADS))
    parser.add_argument("workfile", type=Path)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    keep_none_alive()
    if args.profile:
        _profiler = cProfile.Profile()
    result = WORKLOADS[args.workload](args.workfile)
    print("RESULT " + json.dumps(result), flush=True)
    if _profiler is not None:
        out = io.StringIO()
        stats = pstats.Stats(_profiler, stream=out).strip_dirs()
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(15)
        print(out.getvalue(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

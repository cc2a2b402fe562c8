"""A big paste goes in slice by slice, and the slices add up to exactly what one paste at once
gives: the same text, formats, lists and quotes, one undo step; Cancel takes it all back."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QTextCursor, QTextDocument, QTextDocumentFragment
from PySide6.QtWidgets import QApplication

from bench.generate import google_docs_html
from editor.store.project import Project
from editor.text import qtdoc
from editor.text.paste import clean_html
from editor.text.richtext import Block, Run, serialize
from editor.ui import pasting
from editor.ui.main_window import MainWindow
from tests.text.test_qtdoc import EVERYTHING, blocks

from .conftest import OpenWindow

CTRL = Qt.KeyboardModifier.ControlModifier
# Where a paste lands: empty, inside a paragraph with text after, in a list, a heading, a quote.
TARGETS = [
    "",
    "<p>before after</p>",
    '<p align="center">centred</p>\n<p></p>',
    "<ul>\n<li>one</li>\n<li>two</li>\n</ul>",
    "<h2>Heading</h2>",
    "<blockquote>\n<p>quoted</p>\n</blockquote>",
    EVERYTHING,
]


def _target(canonical: str, where: float) -> tuple[QTextDocument, QTextCursor]:
    doc = QTextDocument()
    qtdoc.load(doc, canonical)
    cursor = QTextCursor(doc)
    cursor.setPosition(round(where * (doc.characterCount() - 1)))
    return doc, cursor


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(blocks(), min_size=2, max_size=12),
    st.sampled_from(TARGETS),
    st.floats(0, 1),
    st.integers(1, 4),
)
def test_slices_add_up_to_one_paste(  # type: ignore[no-untyped-def]
    qapp, pasted: list[Block], target: str, where: float, size: int
) -> None:
    whole, cursor = _target(target, where)
    scratch = QTextDocument()
    qtdoc.load_blocks(scratch, pasted)
    cursor.insertFragment(QTextDocumentFragment(scratch))

    sliced, cursor = _target(target, where)
    done = 0
    while done < len(pasted):
        end = pasting._blocks_end(pasted, done, size)
        pasting.insert_block_slice(cursor, pasted, done, end)
        done = end

    assert qtdoc.to_canonical(sliced) == qtdoc.to_canonical(whole)


def test_a_slice_never_ends_inside_a_list() -> None:
    item = Block(kind="li", runs=[Run("x")], list_type="ol")
    para = Block(runs=[Run("p")])
    pasted = [para, item, item, item, para, para]

    assert pasting._blocks_end(pasted, 0, 2) == 4  # the list goes whole
    assert pasting._blocks_end(pasted, 4, 1) == 5
    assert pasting._blocks_end(pasted, 0, 1) == 4  # two at least in the first, and the list
    assert pasting._blocks_end([para, para, para], 0, 1) == 2


@given(st.text(st.sampled_from("ab\r\n é😀"), max_size=60), st.integers(1, 7))
@example("\r\r\n", 1)
def test_text_slices_cut_only_between_lines_and_add_up(text: str, size: int) -> None:
    pieces = []
    done = 0
    while done < len(text):
        end = pasting._text_end(text, done, size)
        assert end > done
        pieces.append(text[done:end])
        done = end
    assert "".join(pieces) == text
    assert not any(a.endswith("\r") and b.startswith("\n") for a, b in pairwise(pieces))


# -- through the window ------------------------------------------------------------------


def _window(open_window: OpenWindow, tmp_path: Path, body: str = "") -> MainWindow:
    project = Project.create(tmp_path / "paste.ficwright", "Paste")
    project.add_chapter("One", body, 0)
    project.close()
    return open_window(tmp_path / "paste.ficwright")


def _paste(qtbot, window: MainWindow, data: QMimeData) -> None:  # type: ignore[no-untyped-def]
    pane = window.text_pane
    pane.setFocus()
    QApplication.clipboard().setMimeData(data)
    qtbot.keyClick(pane, Qt.Key.Key_V, CTRL)


def test_a_big_text_paste_goes_in_slices_with_the_window_running(  # type: ignore[no-untyped-def]
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window = _window(open_window, tmp_path, "<p>Start.</p>")
    pane = window.text_pane
    pane.moveCursor(QTextCursor.MoveOperation.End)
    text = "\n".join(f"Line {i} of the pasted chapter." for i in range(40_000))  # 1.3 MB
    data = QMimeData()
    data.setText(text)
    ticks: list[int] = []
    ticker = QTimer(window)
    ticker.timeout.connect(lambda: ticks.append(pane.document().blockCount()))
    ticker.start(0)

    _paste(qtbot, window, data)
    assert pasting.pasting(pane)  # it goes on after Ctrl+V returned
    qtbot.waitUntil(lambda: not pasting.pasting(pane), timeout=60_000)
    ticker.stop()

    # The event loop ran between slices, while the document grew.
    assert len({n for n in ticks if 1 < n < 40_000}) > 1
    assert pane.document().toPlainText() == "Start." + text
    assert pane.textCursor().position() == pane.document().characterCount() - 1
    qtbot.keyClicks(pane, "!")  # the pane edits on, at the end of the paste
    assert pane.document().lastBlock().text() == "Line 39999 of the pasted chapter.!"

    qtbot.keyClick(pane, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(pane, Qt.Key.Key_Z, CTRL)  # the "!", then the whole paste
    assert qtdoc.to_canonical(pane.document()) == "<p>Start.</p>"


def test_a_big_html_paste_gives_what_a_small_one_would(  # type: ignore[no-untyped-def]
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window = _window(open_window, tmp_path, "<p>Before after</p>")
    pane = window.text_pane
    cursor = pane.textCursor()
    cursor.setPosition(len("Before "))
    pane.setTextCursor(cursor)
    source = google_docs_html(400_000)
    data = QMimeData()
    data.setHtml(source)
    data.setText("plain text a paste must not use")
    # What pasting it at once gives.
    expected, at = _target("<p>Before after</p>", len("Before ") / len("Before after"))
    scratch = QTextDocument()
    qtdoc.load(scratch, clean_html(source))
    at.insertFragment(QTextDocumentFragment(scratch))

    _paste(qtbot, window, data)
    qtbot.waitUntil(lambda: not pasting.pasting(pane), timeout=60_000)

    assert qtdoc.to_canonical(pane.document()) == qtdoc.to_canonical(expected)
    assert qtdoc.to_canonical(pane.document()).count("<p>") > 500


def test_cancel_takes_back_what_went_in(  # type: ignore[no-untyped-def]
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window = _window(open_window, tmp_path, "<p>Kept.</p>")
    pane = window.text_pane
    data = QMimeData()
    data.setText("\n".join(f"Line {i}" for i in range(200_000)))

    _paste(qtbot, window, data)
    qtbot.waitUntil(lambda: pane.document().blockCount() > 1, timeout=30_000)
    job = pane.findChild(pasting.PasteJob)
    assert job is not None
    job.dialog.cancel()  # the dialog's Cancel button
    job.cancel()

    assert not pasting.pasting(pane)
    assert qtdoc.to_canonical(pane.document()) == "<p>Kept.</p>"
    qtbot.wait(50)  # no slice comes after the cancel
    assert qtdoc.to_canonical(pane.document()) == "<p>Kept.</p>"


def test_a_big_copy_from_ficwright_pastes_back_exactly(  # type: ignore[no-untyped-def]
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    body = serialize(
        [
            Block(runs=[Run(f"Paragraph {i} "), Run("bold", frozenset({"strong"}))])
            for i in range(8000)
        ]
    )
    window = _window(open_window, tmp_path, body)
    pane = window.text_pane
    pane.selectAll()
    qtbot.keyClick(pane, Qt.Key.Key_C, CTRL)
    assert len(bytes(QApplication.clipboard().mimeData().data(pasting.CANONICAL_MIME))) > 100_000
    pane.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(pane, Qt.Key.Key_Return)

    qtbot.keyClick(pane, Qt.Key.Key_V, CTRL)
    qtbot.waitUntil(lambda: not pasting.pasting(pane), timeout=60_000)

    assert qtdoc.to_canonical(pane.document()) == body + "\n" + body

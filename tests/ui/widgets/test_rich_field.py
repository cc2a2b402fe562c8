"""RichField: canonical HTML in and out, formatting keys, paste, and typed Markdown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from editor.formats.limits import SUMMARY, Level, Limit
from editor.ui.widgets.rich_field import RichField

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Edits:
    def __init__(self, field: RichField) -> None:
        self.count = 0
        field.edited.connect(self._bump)

    def _bump(self) -> None:
        self.count += 1


@pytest.fixture
def window(qtbot) -> Iterator[QMainWindow]:  # type: ignore[no-untyped-def]
    """An active window whose Bold action (Ctrl+B) formats something else, as the real one."""
    win = QMainWindow()
    win.resize(500, 300)
    host = QWidget()
    QVBoxLayout(host)
    win.setCentralWidget(host)
    win.bolds = []  # type: ignore[attr-defined]
    bold = QAction("Bold", win)
    bold.setShortcut(QKeySequence.StandardKey.Bold)
    bold.triggered.connect(lambda: win.bolds.append(1))  # type: ignore[attr-defined]
    win.addAction(bold)
    qtbot.addWidget(win)
    yield win


def make_field(qtbot, window: QMainWindow, **kwargs) -> RichField:  # type: ignore[no-untyped-def]
    field = RichField(**kwargs)
    window.centralWidget().layout().addWidget(field)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    # Shortcuts reach only the active window.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    field.setFocus()
    qtbot.waitUntil(lambda: field.text_edit().hasFocus())
    return field


@pytest.fixture
def field(qtbot, window: QMainWindow) -> RichField:  # type: ignore[no-untyped-def]
    return make_field(qtbot, window, limit=SUMMARY, placeholder="What is it about?")


def type_text(qtbot, field: RichField, text: str) -> None:  # type: ignore[no-untyped-def]
    field.text_edit().moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(field.text_edit(), text)


def select(field: RichField, start: int, end: int) -> None:
    cursor = field.text_edit().textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    field.text_edit().setTextCursor(cursor)


def paste(field: RichField, *, text: str | None = None, html: str | None = None) -> None:
    data = QMimeData()
    if text is not None:
        data.setText(text)
    if html is not None:
        data.setHtml(html)
    field.text_edit().insertFromMimeData(data)


# -- loading and the edited signal --------------------------------------------------

CANONICAL = [
    "",
    "<p>Plain.</p>",
    '<p align="center">For <strong>M</strong>, <em>always</em>.</p>',
    '<p>See <a href="https://archiveofourown.org/works/1?a=1&amp;b=2">the <em>first</em></a>'
    " part<br />and more &lt;3</p>",
    "<h2>Notes</h2>\n<ul>\n<li>one</li>\n<li><s>two</s></li>\n</ul>\n<hr />\n<p>x<sup>2</sup></p>",
    "<blockquote>\n<p>Prompt: <u>the rain</u></p>\n</blockquote>\n<ol>\n<li>a</li>\n</ol>",
    "<p>  spaces  kept  </p>\n<p></p>\n<p>after an empty paragraph</p>",
]


@pytest.mark.parametrize("canonical", CANONICAL)
def test_set_html_round_trips_byte_for_byte_without_an_edit(
    field: RichField, canonical: str
) -> None:
    edits = Edits(field)
    field.set_html(canonical)
    assert field.html() == canonical
    assert edits.count == 0
    assert not field.document().isUndoAvailable()


def test_typing_is_an_edit_and_undo_stays_in_the_field(qtbot, field: RichField) -> None:  # type: ignore[no-untyped-def]
    field.set_html("<p>Once</p>")
    edits = Edits(field)
    type_text(qtbot, field, " upon")
    assert field.html() == "<p>Once upon</p>"
    assert edits.count == len(" upon")
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_Z, CTRL)
    assert field.html() == "<p>Once</p>"
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_Z, CTRL | SHIFT)
    assert field.html() == "<p>Once upon</p>"
    field.set_html("<p>Other</p>")
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_Z, CTRL)  # the load is not undoable
    assert field.html() == "<p>Other</p>"


def test_display_changes_are_not_edits(qtbot, field: RichField) -> None:  # type: ignore[no-untyped-def]
    field.set_html("<p>Text</p>")
    edits = Edits(field)
    field.document().setDocumentMargin(12)
    field.document().setDefaultFont(field.font())
    field.text_edit().moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_B, CTRL)  # bold for what comes next only
    assert edits.count == 0
    assert field.html() == "<p>Text</p>"


# -- formatting keys -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (Qt.Key.Key_B, "<p>a <strong>bold</strong> word</p>"),
        (Qt.Key.Key_I, "<p>a <em>bold</em> word</p>"),
        (Qt.Key.Key_U, "<p>a <u>bold</u> word</p>"),
    ],
)
def test_shortcut_formats_the_selection(  # type: ignore[no-untyped-def]
    qtbot, field: RichField, window: QMainWindow, key: Qt.Key, expected: str
) -> None:
    field.set_html("<p>a bold word</p>")
    edits = Edits(field)
    select(field, 2, 6)
    qtbot.keyClick(field.text_edit(), key, CTRL)
    assert field.html() == expected
    assert edits.count == 1
    qtbot.keyClick(field.text_edit(), key, CTRL)  # again: off
    assert field.html() == "<p>a bold word</p>"
    assert window.bolds == []  # type: ignore[attr-defined]  # the window's action never ran


def test_bold_inside_a_word_bolds_the_word(qtbot, field: RichField) -> None:  # type: ignore[no-untyped-def]
    field.set_html("<p>a bold word</p>")
    select(field, 4, 4)
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_B, CTRL)
    assert field.html() == "<p>a <strong>bold</strong> word</p>"


def test_bold_then_typing(qtbot, field: RichField) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, field, "plain ")
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(field.text_edit(), "loud")
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(field.text_edit(), " calm")
    assert field.html() == "<p>plain <strong>loud</strong> calm</p>"


def test_ctrl_k_links_the_selection(qtbot, field: RichField) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def ask(_parent, current):  # type: ignore[no-untyped-def]
        asked.append(current)
        return "https://archiveofourown.org/works/1"

    field.ask_url = ask
    field.set_html("<p>Read the prequel first.</p>")
    select(field, 9, 16)
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_K, CTRL)
    assert asked == [""]
    assert field.html() == (
        '<p>Read the <a href="https://archiveofourown.org/works/1">prequel</a> first.</p>'
    )


def test_ctrl_k_on_a_link_edits_or_removes_it(qtbot, field: RichField) -> None:  # type: ignore[no-untyped-def]
    field.set_html('<p>Read <a href="https://old.example">this</a> now.</p>')
    answers = ["https://new.example", ""]
    asked: list[str] = []

    def ask(_parent, current):  # type: ignore[no-untyped-def]
        asked.append(current)
        return answers.pop(0)

    field.ask_url = ask
    select(field, 7, 7)  # inside "this", nothing selected
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_K, CTRL)
    assert asked == ["https://old.example"]
    assert field.html() == '<p>Read <a href="https://new.example">this</a> now.</p>'
    select(field, 7, 7)
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_K, CTRL)
    assert field.html() == "<p>Read this now.</p>"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "java\tscript:x", "data:text/html,x"])
def test_ctrl_k_refuses_an_address_the_link_allowlist_refuses(
    qtbot, field: RichField, url: str
) -> None:  # type: ignore[no-untyped-def]
    field.ask_url = lambda _parent, _current: url
    field.set_html("<p>Read the prequel first.</p>")
    select(field, 9, 16)

    qtbot.keyClick(field.text_edit(), Qt.Key.Key_K, CTRL)

    assert field.html() == "<p>Read the prequel first.</p>"
    assert not any(f.isAnchor() for f in _char_formats(field))


def _char_formats(field: RichField) -> list[QTextCharFormat]:
    doc = field.text_edit().document()
    block = doc.begin()
    found = []
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            found.append(it.fragment().charFormat())
            it += 1
        block = block.next()
    return found


def test_ctrl_k_cancelled_changes_nothing(qtbot, field: RichField) -> None:  # type: ignore[no-untyped-def]
    field.ask_url = lambda _parent, _current: None
    field.set_html("<p>text</p>")
    edits = Edits(field)
    select(field, 0, 4)
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_K, CTRL)
    assert field.html() == "<p>text</p>"
    assert edits.count == 0


def test_ctrl_k_with_nothing_selected_inserts_the_address(qtbot, field: RichField) -> None:  # type: ignore[no-untyped-def]
    field.ask_url = lambda _parent, _current: "https://ao3.org"
    type_text(qtbot, field, "at ")
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_K, CTRL)
    qtbot.keyClicks(field.text_edit(), " today")
    assert field.html() == '<p>at <a href="https://ao3.org">https://ao3.org</a> today</p>'


def test_alignment_keys_align_the_paragraph(qtbot, field: RichField) -> None:  # type: ignore[no-untyped-def]
    field.set_html("<p>For you</p>")
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_E, CTRL)
    assert field.html() == '<p align="center">For you</p>'
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_L, CTRL)
    assert field.html() == "<p>For you</p>"


# -- paste -----------------------------------------------------------------------------


def test_pasted_html_is_cleaned_to_the_canonical_subset(field: RichField) -> None:
    paste(
        field,
        html='<div style="font-family:Arial;color:red"><span style="font-weight:700">Bold</span>'
        ' and <i class="x">italic</i><script>bad()</script></div>',
        text="Bold and italic",
    )
    assert field.html() == "<p><strong>Bold</strong> and <em>italic</em></p>"


def test_pasted_markdown_becomes_formatting(field: RichField) -> None:
    paste(field, text="She was *so* tired. **Warning:** [prequel](https://ao3.org/works/1)")
    assert field.html() == (
        "<p>She was <em>so</em> tired. <strong>Warning:</strong> "
        '<a href="https://ao3.org/works/1">prequel</a></p>'
    )


def test_pasted_markdown_with_blocks(field: RichField) -> None:
    paste(field, text="# Notes\n\n* _one_\n* two")
    assert field.html() == "<h2>Notes</h2>\n<ul>\n<li><em>one</em></li>\n<li>two</li>\n</ul>"


def test_pasted_prose_stays_plain(field: RichField) -> None:
    prose = "It was fine.* Or so he said, 5 * 3 times. Don't ask."
    paste(field, text=prose)
    assert field.html() == f"<p>{prose}</p>"


# -- typed Markdown ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("a **bold** b", "<p>a <strong>bold</strong> b</p>"),
        ("an *italic* c", "<p>an <em>italic</em> c</p>"),
        ("an _italic_ d", "<p>an <em>italic</em> d</p>"),
        ("see [AO3](https://ao3.org) e", '<p>see <a href="https://ao3.org">AO3</a> e</p>'),
        ("**half* only", "<p>**half* only</p>"),  # never closed: stays as typed
        ("snake_case_name", "<p>snake_case_name</p>"),
        ("5 * 3 * 2", "<p>5 * 3 * 2</p>"),
    ],
)
def test_typed_markdown_becomes_formatting(  # type: ignore[no-untyped-def]
    qtbot, field: RichField, typed: str, expected: str
) -> None:
    type_text(qtbot, field, typed)
    assert field.html() == expected


def test_undo_after_a_typed_conversion_brings_the_markers_back(qtbot, field: RichField) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, field, "x **b**")
    assert field.html() == "<p>x <strong>b</strong></p>"
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_Z, CTRL)
    assert field.html() == "<p>x **b**</p>"


def test_typing_on_after_a_conversion_is_its_own_undo_step(qtbot, field: RichField) -> None:  # type: ignore[no-untyped-def]
    field.set_html("<p><em>x </em></p>")
    type_text(qtbot, field, "_u_ more")
    assert field.html() == "<p><em>x u more</em></p>"
    qtbot.keyClick(field.text_edit(), Qt.Key.Key_Z, CTRL)
    assert field.html() == "<p><em>x u</em></p>"


def test_typed_conversion_keeps_earlier_formatting(qtbot, field: RichField) -> None:  # type: ignore[no-untyped-def]
    field.set_html("<p><strong>all bold </strong></p>")
    type_text(qtbot, field, "*and italic* too")
    assert field.html() == "<p><strong>all bold <em>and italic</em> too</strong></p>"


def test_typed_conversion_keeps_the_paragraph_alignment(qtbot, field: RichField) -> None:  # type: ignore[no-untyped-def]
    field.set_html('<p align="center"></p>\n<p>next</p>')
    field.text_edit().moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(field.text_edit(), "**For M**")
    assert field.html() == '<p align="center"><strong>For M</strong></p>\n<p>next</p>'


# -- counter and size --------------------------------------------------------------------


def test_counter_measures_the_html_live(qtbot, field: RichField) -> None:  # type: ignore[no-untyped-def]
    counter = field.counter()
    assert counter is not None
    assert counter.text() == "0 / 1,250"
    type_text(qtbot, field, "Hi")
    assert counter.length() == len("<p>Hi</p>")
    field.set_html("<p>" + "x" * 1200 + "</p>")
    assert counter.level() is Level.WARN
    type_text(qtbot, field, "y" * 50)
    assert counter.level() is Level.ERROR
    assert counter.length() == len(field.html()) == 1257


def test_no_counter_without_a_limit(qtbot, window: QMainWindow) -> None:  # type: ignore[no-untyped-def]
    field = make_field(qtbot, window, placeholder="Dedication")
    assert field.counter() is None
    assert field.text_edit().placeholderText() == "Dedication"


def test_min_lines_sets_a_compact_height(qtbot, window: QMainWindow) -> None:  # type: ignore[no-untyped-def]
    one = make_field(qtbot, window, min_lines=1)
    five = make_field(qtbot, window, min_lines=5, limit=Limit("Notes", 5000))
    line = one.text_edit().fontMetrics().lineSpacing()
    assert one.text_edit().sizeHint().height() < 3 * line
    assert five.text_edit().sizeHint().height() >= 5 * line
    one.setFocus()
    for _ in range(6):
        qtbot.keyClicks(one.text_edit(), "line")
        qtbot.keyClick(one.text_edit(), Qt.Key.Key_Return)
    assert one.text_edit().sizeHint().height() >= 6 * line  # grows with the text


def test_accessible_name_reaches_the_editor(field: RichField) -> None:
    field.setAccessibleName("Summary")
    assert field.text_edit().accessibleName() == "Summary"


def test_paste_into_an_empty_centred_paragraph_keeps_it_centred(field: RichField) -> None:
    field.set_html('<p align="center"></p>\n<p>b</p>')
    field.text_edit().moveCursor(QTextCursor.MoveOperation.Start)
    paste(field, html="<b>For</b> M")
    assert field.html() == '<p align="center"><strong>For</strong> M</p>\n<p>b</p>'
    field.set_html('<p align="center"></p>')
    paste(field, text="*For* M")
    assert field.html() == '<p align="center"><em>For</em> M</p>'

"""QTextDocument <-> canonical HTML: loading and saving without an edit gives the same bytes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextBlockFormat, QTextCursor, QTextDocument, QTextListFormat

from editor.text import qtdoc
from editor.text.richtext import (
    ALIGNMENTS,
    MARKS,
    Block,
    Run,
    normalize,
    serialize,
    word_count,
    word_count_text,
)

EVERYTHING = "\n".join(
    [
        "<h2>Part One</h2>",
        "<h3>Chapter <em>1</em></h3>",
        '<h4 align="center">A scene</h4>',
        '<p align="center">centred</p>',
        '<p align="right">right</p>',
        '<p align="justify">justified</p>',
        "<hr />",
        "<blockquote>",
        "<p>first quoted</p>",
        "<p>second <em>quoted</em></p>",
        "<hr />",
        "<p>third</p>",
        "</blockquote>",
        "<ul>",
        "<li>bullet one</li>",
        "<li>bullet <strong>two</strong></li>",
        "</ul>",
        "<ol>",
        "<li>first</li>",
        "<li>second</li>",
        "</ol>",
        "<blockquote>",
        "<ul>",
        "<li>quoted bullet</li>",
        "</ul>",
        "</blockquote>",
        '<p>a <a href="https://archiveofourown.org/works/1?x=1&amp;y=2">link</a> and '
        '<a href="https://example.com/&quot;q&quot;/&lt;&gt;"><em>an italic link</em></a></p>',
        "<p><strong>b <em>bi <u>biu <s>bius <sup>sup</sup></s></u></em></strong>"
        "<sub>sub</sub> <u>u</u><s>s</s></p>",
        "<p>line<br />break<br /><br />twice<br /></p>",
        "<p>multiple   spaces\xa0\xa0and nbsp</p>",
        "<p>  leading and trailing  </p>",
        "<p>emoji 🐉 👩‍👩‍👧 🏳️‍🌈 👍🏽</p>",
        "<p>שלום עולם, مرحبا بالعالم</p>",
        "<p>e\u0301 a\u0308 n\u0303 हिन्दी</p>",
        "<p>zero\u200bwidth\u200cnon\u200djoiner\ufeffbom\u2060wj</p>",
        '<p>&amp; &lt;tag&gt; "quotes"</p>',
        "<p></p>",
        "<p>last</p>",
    ]
)


def round_trip(canonical: str) -> str:
    doc = QTextDocument()
    qtdoc.load(doc, canonical)
    return qtdoc.to_canonical(doc)


def test_every_construct_round_trips_byte_for_byte(qapp) -> None:  # type: ignore[no-untyped-def]
    assert normalize(EVERYTHING) == EVERYTHING  # the fixture itself is canonical
    assert round_trip(EVERYTHING) == EVERYTHING


@pytest.mark.parametrize(
    "canonical",
    ["", "<hr />", "<hr />\n<hr />", "<p></p>\n<p></p>", '<p align="center"></p>', "<h2></h2>"],
)
def test_edge_documents_round_trip(qapp, canonical: str) -> None:  # type: ignore[no-untyped-def]
    assert round_trip(canonical) == canonical


def test_load_is_not_undoable_and_leaves_the_document_unmodified(qapp) -> None:  # type: ignore[no-untyped-def]
    doc = QTextDocument()
    qtdoc.load(doc, "<p>one</p>")
    assert not doc.isModified()
    assert not doc.isUndoAvailable()
    assert doc.isUndoRedoEnabled()


def test_loaded_heading_looks_like_a_typed_heading(qapp) -> None:  # type: ignore[no-untyped-def]
    doc = QTextDocument()
    qtdoc.load(doc, "<h2>Loaded <em>title</em></h2>")
    cursor = QTextCursor(doc)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(" typed")  # takes the format of the text before it
    block = doc.begin()
    weights = {it.fragment().charFormat().fontWeight() for it in block}
    assert weights == {QFont.Weight.Bold}
    assert qtdoc.to_canonical(doc) == "<h2>Loaded <em>title typed</em></h2>"


def test_text_typed_onto_a_scene_break_is_kept(qapp) -> None:  # type: ignore[no-untyped-def]
    doc = QTextDocument()
    qtdoc.load(doc, "<p>before</p>\n<hr />\n<p>after</p>")
    rule = doc.begin().next()
    assert qtdoc.is_scene_break(rule)
    cursor = QTextCursor(rule)
    cursor.insertText("typed on the rule")

    saved = qtdoc.to_canonical(doc)

    assert saved == "<p>before</p>\n<hr />\n<p>typed on the rule</p>\n<p>after</p>"
    assert round_trip(saved) == saved


def test_characters_qt_cannot_hold_are_saved_as_what_they_mean(qapp) -> None:  # type: ignore[no-untyped-def]
    # Not canonical input, but what a careless caller might load: nothing is split or lost.
    doc = QTextDocument()
    qtdoc.load(doc, "<p>a\u2029b\u2028c\rd\tf\ufdd0g\ufffch</p>")
    assert doc.blockCount() == 1
    assert qtdoc.to_canonical(doc) == "<p>a<br />b<br />c d fgh</p>"  # CR in HTML is a space


def test_tab_typed_in_the_editor_is_saved_as_a_space(qapp) -> None:  # type: ignore[no-untyped-def]
    doc = QTextDocument()
    QTextCursor(doc).insertText("\tindented")
    saved = qtdoc.to_canonical(doc)
    assert saved == "<p> indented</p>"
    assert round_trip(saved) == saved


def test_word_count_agrees_with_the_editors_count(qapp) -> None:  # type: ignore[no-untyped-def]
    doc = QTextDocument()
    qtdoc.load(doc, EVERYTHING)
    assert word_count(EVERYTHING) == word_count_text(doc.toPlainText())


# -- property: model -> serialize -> QTextDocument -> to_canonical == serialize ------------

# Everything but surrogates (not text in a str from Qt): controls, U+2028/9, U+FFFC,
# noncharacters, combining marks, RTL and astral characters are all in.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
HREF = st.text(
    st.characters(
        categories=("Ll", "Lu", "Nd", "Lo"),
        include_characters=":/?#&=%-_.~\"'<> ",
    ),
    min_size=1,
    max_size=15,
)
MARK_SETS = st.frozensets(st.sampled_from(MARKS)).filter(lambda m: not {"sup", "sub"} <= m)
RUNS = st.lists(st.builds(Run, TEXT, MARK_SETS, st.none() | HREF), max_size=5)


@st.composite
def blocks(draw: st.DrawFn) -> Block:
    kind = draw(st.sampled_from(["p", "p", "p", "h2", "h3", "h4", "hr", "li", "li"]))
    return Block(
        kind=kind,
        runs=[] if kind == "hr" else draw(RUNS),
        align=None if kind in ("hr", "li") else draw(st.none() | st.sampled_from(ALIGNMENTS)),
        quote=draw(st.booleans()),
        list_type=draw(st.sampled_from(["ul", "ol"])) if kind == "li" else None,
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(blocks(), max_size=8))
def test_serialized_model_survives_a_qt_document(qapp, model: list[Block]) -> None:  # type: ignore[no-untyped-def]
    canonical = serialize(model)
    assert round_trip(canonical) == canonical
    assert normalize(canonical) == canonical


# -- property: whatever a cursor builds, saving is a fixed point -----------------------------

QT_TEXT = st.text(
    st.characters(exclude_categories=("Cs",))
    | st.sampled_from(["\n", "\u2028", "\u2029", "\t", " ", "\xa0", "\ufffc", "é", "\u0301"]),
    min_size=1,
    max_size=10,
)
_ALIGN_FLAGS = [
    Qt.AlignmentFlag.AlignLeft,
    Qt.AlignmentFlag.AlignHCenter,
    Qt.AlignmentFlag.AlignRight,
    Qt.AlignmentFlag.AlignJustify,
]
_LIST_STYLES = [
    QTextListFormat.Style.ListDisc,
    QTextListFormat.Style.ListSquare,
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
]

OPS = st.one_of(
    st.tuples(st.just("text"), QT_TEXT, MARK_SETS, st.none() | HREF),
    st.tuples(st.just("block")),
    st.tuples(st.just("align"), st.sampled_from(_ALIGN_FLAGS)),
    st.tuples(st.just("heading"), st.integers(0, 6)),
    st.tuples(st.just("quote"), st.integers(0, 2)),
    st.tuples(st.just("list"), st.sampled_from(_LIST_STYLES)),
    st.tuples(st.just("rule")),
    st.tuples(st.just("move"), st.floats(0, 1)),
    st.tuples(st.just("format"), st.floats(0, 1), st.floats(0, 1), MARK_SETS, st.none() | HREF),
)


def _apply(doc: QTextDocument, cursor: QTextCursor, op: tuple) -> None:  # type: ignore[type-arg]
    name = op[0]
    end = doc.characterCount() - 1
    if name == "text":
        cursor.insertText(op[1], qtdoc.char_format(op[2], op[3]))
    elif name == "block":
        cursor.insertBlock()
    elif name == "align":
        fmt = QTextBlockFormat()
        fmt.setAlignment(op[1])
        cursor.mergeBlockFormat(fmt)
    elif name == "heading":
        fmt = cursor.blockFormat()
        fmt.setHeadingLevel(op[1])
        cursor.setBlockFormat(fmt)
    elif name == "quote":
        fmt = cursor.blockFormat()
        fmt.setProperty(qtdoc._QUOTE, op[1])
        cursor.setBlockFormat(fmt)
    elif name == "list":
        cursor.createList(op[1])
    elif name == "rule":
        cursor.setBlockFormat(qtdoc.block_format(Block(kind="hr")))
    elif name == "move":
        cursor.setPosition(round(op[1] * end))
    elif name == "format":
        a, b = sorted((round(op[1] * end), round(op[2] * end)))
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(qtdoc.char_format(op[3], op[4]))
        cursor.clearSelection()


def _text(doc: QTextDocument) -> str:
    """Every character an author typed, in order, as the canonical layer keeps them."""
    parts = []
    block = doc.begin()
    while block.isValid():
        parts.append(block.text())
        block = block.next()
    text = "".join(parts)
    for gone in ("\u2028", "\u2029", "\n", "\ufffc", "\x00"):  # NUL: not text (richtext)
        text = text.replace(gone, "")
    return text.replace("\t", " ").replace("\f", " ")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, max_size=25))
def test_saving_a_cursor_built_document_is_a_fixed_point(qapp, ops: list[tuple]) -> None:  # type: ignore[no-untyped-def, type-arg]
    doc = QTextDocument()
    cursor = QTextCursor(doc)
    for op in ops:
        _apply(doc, cursor, op)

    saved = qtdoc.to_canonical(doc)
    reloaded = QTextDocument()
    qtdoc.load(reloaded, saved)

    assert qtdoc.to_canonical(reloaded) == saved
    assert normalize(saved) == saved
    assert _text(reloaded) == _text(doc)  # no character silently lost

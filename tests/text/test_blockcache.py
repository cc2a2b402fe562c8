"""The per-paragraph cache gives, after any sequence of edits, exactly what reading the whole
document gives: the same canonical HTML and the same word count."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument, QTextListFormat

from editor.text import qtdoc
from editor.text.blockcache import BlockCache, canonical_utf8
from editor.text.richtext import word_count_text

from .test_qtdoc import EVERYTHING, OPS, _apply

# Edits the fixed-point test does not need: deleting, undoing, lists changed after the fact.
MORE_OPS = st.one_of(
    OPS,
    st.tuples(st.just("delete"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
    st.tuples(st.just("list style"), st.sampled_from(["ul", "ol"])),
    st.tuples(st.just("unlist")),
    st.tuples(st.just("load")),
    st.tuples(st.just("edit block"), st.lists(OPS, max_size=4)),
)


def _more(doc: QTextDocument, cursor: QTextCursor, op: tuple) -> None:  # type: ignore[type-arg]
    name = op[0]
    end = doc.characterCount() - 1
    if name == "delete":
        a, b = sorted((round(op[1] * end), round(op[2] * end)))
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
    elif name == "undo":
        doc.undo(cursor)
    elif name == "redo":
        doc.redo(cursor)
    elif name == "list style":
        text_list = cursor.currentList()
        if text_list is not None:
            fmt = text_list.format()
            fmt.setStyle(
                QTextListFormat.Style.ListDecimal
                if op[1] == "ol"
                else QTextListFormat.Style.ListDisc
            )
            text_list.setFormat(fmt)
    elif name == "unlist":
        text_list = cursor.currentList()
        if text_list is not None:
            text_list.remove(cursor.block())
    elif name == "load":
        qtdoc.load(doc, EVERYTHING)
        cursor.setPosition(min(cursor.position(), doc.characterCount() - 1))
    elif name == "edit block":  # several edits, one contentsChange
        cursor.beginEditBlock()
        for inner in op[1]:
            _apply(doc, cursor, inner)
        cursor.endEditBlock()
    else:
        _apply(doc, cursor, op)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), st.lists(MORE_OPS, max_size=30))
def test_the_cache_always_reads_what_the_whole_document_says(  # type: ignore[no-untyped-def]
    qapp, loaded: bool, ops: list[tuple]
) -> None:
    doc = QTextDocument()
    if loaded:
        qtdoc.load(doc, EVERYTHING)
    cache = BlockCache(doc)
    cursor = QTextCursor(doc)
    for op in ops:
        _more(doc, cursor, op)
        # Asked after every edit: a stale entry would show at the next one.
        assert cache.canonical() == qtdoc.to_canonical(doc)
        assert cache.words() == word_count_text(doc.toPlainText())
    # What the autosave worker writes: the same text, as UTF-8 built in steps.
    assert canonical_utf8(cache.entries()) == qtdoc.to_canonical(doc).encode()


def test_only_the_edited_paragraph_is_read_again(qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    doc = QTextDocument()
    qtdoc.load(doc, "\n".join(f"<p>paragraph {i}</p>" for i in range(100)))
    cache = BlockCache(doc)
    assert cache.words() == 200

    from editor.text import blockcache

    read: list[str] = []
    real = blockcache._read
    monkeypatch.setattr(blockcache, "_read", lambda block: read.append(block.text()) or real(block))
    cursor = QTextCursor(doc.findBlockByNumber(50))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.insertText(" more")

    assert "<p>paragraph 50 more</p>" in cache.canonical()
    assert cache.words() == 201
    assert "paragraph 50 more" in read
    assert len(read) <= 2  # the edited one, and at most the next


def test_the_background_pass_reads_what_an_edit_left(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = QTextDocument()
    cache = BlockCache(doc)
    QTextCursor(doc).insertText("\n".join(f"line {i} of many" for i in range(3000)))
    assert cache.pending()

    qtbot.waitUntil(lambda: not cache.pending(), timeout=10_000)

    assert None not in cache._entries
    assert cache.words() == 12_000
    assert cache.canonical() == qtdoc.to_canonical(doc)

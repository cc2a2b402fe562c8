from __future__ import annotations

from PySide6.QtGui import QTextDocument

from editor.text.diff import Change, diff_canonical, summary, to_html, word_diff


def test_a_changed_word_is_removed_then_added_and_the_rest_is_the_same() -> None:
    changes = word_diff("The lamp had not gone out.", "The lamp had never gone out.")
    assert changes == [
        Change("same", "The lamp had "),
        Change("removed", "not"),
        Change("added", "never"),
        Change("same", " gone out."),
    ]
    assert summary(changes) == "1 words added, 1 removed."


def test_words_added_at_a_paragraph_end_leave_its_last_word_alone() -> None:
    changes = word_diff("He drew his sword.", "He drew his sword. Then he waited.")
    assert summary(changes) == "3 words added, 0 removed."


def test_joining_the_pieces_gives_back_both_texts() -> None:
    old, new = "One two.\nThree four five.", "One two!\nThree five, six."
    changes = word_diff(old, new)
    assert "".join(c.text for c in changes if c.kind != "added") == old
    assert "".join(c.text for c in changes if c.kind != "removed") == new


def test_canonical_bodies_compare_as_text_and_formatting_alone_is_no_change() -> None:
    assert summary(diff_canonical("<p>Hello <em>there</em>.</p>", "<p>Hello there.</p>")) == (
        "No changes."
    )
    html = to_html(diff_canonical("<p>a &amp; b</p>", "<p>a &amp; c</p>"))
    assert "a &amp; " in html and "line-through" in html and ">b</span>" in html


def test_a_replaced_word_reads_apart_from_its_replacement() -> None:
    shown = QTextDocument()
    shown.setHtml(to_html(diff_canonical("<p>in three strides</p>", "<p>in two long strides</p>")))
    assert shown.toPlainText() == "in three two long strides"

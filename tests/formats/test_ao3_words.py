"""Word counts as AO3 shows them: the counter against a transliteration of AO3's own."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.formats import ao3
from editor.formats.ao3_words import ao3_word_count
from editor.text.richtext import Block, Run, serialize, word_count
from tests.formats import ao3_word_oracle
from tests.formats.torture import torture_work


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("<p>overl<em>ap</em>ping</p>", 3),  # a mark splits a word: AO3 counts text nodes
        ("<p>3.5 and 1,000</p>", 5),
        ("<p>東京は</p>", 3),
        ("<p>カタカナ</p>", 4),
        ("<p>สวัสดี</p>", 6),  # each Thai character, vowel signs too
        ("<p>नमस्ते दुनिया</p>", 2),  # Devanagari: spaces separate, marks join
        ("<p>don’t well-known yes—no one--two</p>", 6),
        ("<p>E = mc<sup>2</sup></p>", 3),
        ("<p>fish &amp; chips</p>", 2),
        ("<p>line<br />break</p>", 2),
        ("<p>🌊 ✉️ ...</p>", 1),  # U+FE0F after ✉ is a mark, and marks are word characters
        ("", 0),
        # Where Python's \w and AO3's [[:word:]] part: "²" and "½" are no word characters,
        # "‿" (connector punctuation) and a combining accent are.
        ("<p>x² and 3½ café</p>", 4),
        ("<p>a‿b cafe\u0301</p>", 2),
    ],
)
def test_counts_as_ao3_does(html: str, words: int) -> None:
    assert ao3_word_count(html) == words == ao3_word_oracle.count(html)


def test_differs_from_the_authors_count_where_ao3_does() -> None:
    body = "<p>overl<em>ap</em>ping 3.5</p>"
    assert word_count(body) == 2 and ao3_word_count(body) == 5


def test_torture_work_counts_as_the_oracle() -> None:
    for chapter in torture_work().chapters:
        posted = ao3.chapter_html(chapter.body)
        assert ao3_word_count(posted) == ao3_word_oracle.count(posted), chapter.title


# Characters whose names say their script (see the oracle), and the ones AO3 treats apart.
_ALPHABET = (
    "abcXYZ019 .,;:!?'’‘-—–_&<>\"" + "東京漢字日本" + "ひらがな" + "カタカナ" + "สวัสดีไทย"
    "नमस्ते" + "\u0301\u0308" + "é" + "🌊✉️👍🏽" + "\u00a0"
)
_MARKS = ("strong", "em", "u", "s", "sup", "sub")
runs = st.lists(
    st.builds(
        Run,
        st.text(alphabet=_ALPHABET, min_size=1, max_size=12),
        st.frozensets(st.sampled_from(_MARKS), max_size=2),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(runs, min_size=1, max_size=4))
def test_random_chapters_count_as_the_oracle(paragraphs: list[list[Run]]) -> None:
    posted = ao3.chapter_html(serialize([Block("p", r) for r in paragraphs]))
    assert ao3_word_count(posted) == ao3_word_oracle.count(posted)


def test_download_layout_says_ao3s_count() -> None:
    work = torture_work()
    expected = sum(ao3_word_count(ao3.chapter_html(ch.body)) for ch in work.chapters)
    assert expected != work.words  # the torture work is where the counts part
    assert f"Words: {expected:,} " in ao3.work_html(work)

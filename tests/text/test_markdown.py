"""Markdown -> canonical HTML: documents, typed inline constructs, and detection."""

from __future__ import annotations

import pytest

from editor.text.markdown import looks_like_markdown, to_canonical, trailing_inline
from editor.text.richtext import normalize


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("*italic* and **bold**", "<p><em>italic</em> and <strong>bold</strong></p>"),
        ("_italic_ and __bold__", "<p><em>italic</em> and <strong>bold</strong></p>"),
        ("~~gone~~", "<p><s>gone</s></p>"),
        (
            "[AO3](https://archiveofourown.org)",
            '<p><a href="https://archiveofourown.org">AO3</a></p>',
        ),
        ("one\n\ntwo", "<p>one</p>\n<p>two</p>"),
        ("soft\nbreak", "<p>soft break</p>"),
        ("hard  \nbreak", "<p>hard<br />break</p>"),
        ("# Title", "<h2>Title</h2>"),
        ("### Part", "<h3>Part</h3>"),
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("1. a\n2. b", "<ol>\n<li>a</li>\n<li>b</li>\n</ol>"),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
        ("before\n\n---\n\nafter", "<p>before</p>\n<hr />\n<p>after</p>"),
        ("```\ncode\nlines\n```", "<p>code<br />lines</p>"),
        ("![a map](map.png)", "<p>a map</p>"),
        ("", ""),
    ],
)
def test_markdown_becomes_canonical_html(source: str, expected: str) -> None:
    assert to_canonical(source) == expected


def test_raw_html_in_markdown_is_shown_as_text() -> None:
    assert to_canonical("<b>x</b> & <script>") == "<p>&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;</p>"


def test_no_typographer_quotes_stay_as_typed() -> None:
    assert to_canonical('"Don\'t" -- she said...') == '<p>"Don\'t" -- she said...</p>'


def test_unsafe_link_is_not_a_link() -> None:
    assert "href" not in to_canonical("[x](javascript:alert(1))")


@pytest.mark.parametrize(
    "source",
    ["**a** *b* [c](https://d.e)", "# H\n\n- x\n- y\n\n> q", "a  \nb\n\n1. one\n2. two"],
)
def test_result_is_already_canonical(source: str) -> None:
    html = to_canonical(source)
    assert normalize(html) == html


# -- typed conversion ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "start", "canonical"),
    [
        ("a **bold**", 2, "<p><strong>bold</strong></p>"),
        ("*it*", 0, "<p><em>it</em></p>"),
        ("so _it_", 3, "<p><em>it</em></p>"),
        ("a ~~s~~", 2, "<p><s>s</s></p>"),
        ("see [AO3](https://ao3.org)", 4, '<p><a href="https://ao3.org">AO3</a></p>'),
        ("x ***both***", 2, "<p><strong><em>both</em></strong></p>"),
        ("x *a **b** c*", 2, "<p><em>a </em><strong><em>b</em></strong><em> c</em></p>"),
    ],
)
def test_a_closed_construct_at_the_end_is_found(typed: str, start: int, canonical: str) -> None:
    match = trailing_inline(typed)
    assert match is not None
    assert (match.start, match.canonical) == (start, canonical)


@pytest.mark.parametrize(
    "typed",
    [
        "**half*",  # the second closing * is still to come
        "__half_",
        "snake_case_",  # intraword underscore is not emphasis
        "5 * 3 *",
        "(an aside)",
        "\\*escaped*",
        "*open",
        "**done** and more",  # the construct does not end at the cursor
        "plain",
        "",
    ],
)
def test_nothing_to_convert(typed: str) -> None:
    assert trailing_inline(typed) is None


# -- detection -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "She was *so* tired.",
        "**Warning:** angst ahead",
        "a _quiet_ word",
        "Read [the prequel](https://archiveofourown.org/works/1).",
        "# Chapter One\n\nIt began.",
        "* apples\n* pears",
        "1. first\n2. second",
        "*sigh*",
    ],
)
def test_clear_markdown_is_recognised(text: str) -> None:
    assert looks_like_markdown(text)


@pytest.mark.parametrize(
    "text",
    [
        "It was fine.* Or so he said.\n\n* Not really.",  # a footnote marker
        "Don't touch Harry's wand.",
        "5 * 3 * 2 = 30",
        "the file is snake_case_name.txt",
        "- Hello, she said.\n- Hi.",  # dialogue dashes
        "#1 fan of the show",
        "Rated M for a reason (language).",
        "A plain summary with no marks at all.",
        "",
    ],
)
def test_prose_stays_plain(text: str) -> None:
    assert not looks_like_markdown(text)

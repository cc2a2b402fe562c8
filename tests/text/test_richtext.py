"""The canonical HTML subset: one spelling per document, and words counted as authors count."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.text.richtext import (
    ALIGNMENTS,
    MARKS,
    Block,
    Run,
    _parse_canonical,
    _Parser,
    clean_text,
    normalize,
    parse,
    plain_text,
    serialize,
    word_count,
    word_count_text,
)

CLIPBOARD = Path(__file__).resolve().parents[1] / "fixtures" / "clipboard"  # from shared/

CANONICAL = [
    "",
    "<p>Hello.</p>",
    "<p></p>\n<p>after an empty paragraph</p>",
    '<p align="center">* * *</p>\n<p align="right">signed</p>\n<p align="justify">long</p>',
    "<h2>Part One</h2>\n<h3>Chapter 1</h3>\n<h4>Scene</h4>",
    "<p>before</p>\n<hr />\n<p>after</p>",
    "<blockquote>\n<p>one</p>\n<p>two</p>\n</blockquote>",
    "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol>\n<li>one</li>\n</ol>",
    "<blockquote>\n<ul>\n<li>quoted item</li>\n</ul>\n<hr />\n</blockquote>",
    '<p><a href="https://archiveofourown.org/works/1?a=1&amp;b=&quot;2&quot;">link</a></p>',
    '<p><a href="x"><strong><em><u><s><sup>all</sup></s></u></em></strong></a> none</p>',
    "<p><strong>bold <em>both</em></strong><em> italic</em></p>",
    "<p>line one<br />line two<br /><br />after a blank line</p>",
    "<p>  two  spaces  and\xa0nbsp  </p>",
    "<p>&amp; &lt;tag&gt; \"quotes\" 'apostrophes' &gt;</p>",
    "<p>emoji 🐉👩‍👩‍👧 rtl שלום عربي e\u0301 zero\u200bwidth \u200d\ufeff</p>",
    "<p><sub>2</sub>O and E=mc<sup>2</sup></p>",
]


@pytest.mark.parametrize("canonical", CANONICAL)
def test_canonical_input_round_trips_byte_for_byte(canonical: str) -> None:
    assert normalize(canonical) == canonical


@pytest.mark.parametrize("canonical", CANONICAL)
def test_parse_then_serialize_is_the_identity_on_canonical_text(canonical: str) -> None:
    assert serialize(parse(canonical)) == canonical


MESSY = {
    "google docs spans": (
        '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1">'
        '<p dir="ltr" style="line-height:1.38;margin-top:0pt">'
        '<span style="font-size:11pt;font-family:Arial;color:#000000;font-weight:400;'
        'font-style:normal">Plain </span>'
        '<span style="font-size:11pt;font-weight:700;font-style:normal">bold</span>'
        '<span style="font-size:11pt;font-weight:400;font-style:italic">italic</span>'
        '<span style="font-weight:700;font-style:italic">both</span></p></b>',
        "<p>Plain <strong>bold</strong><em>italic</em><strong><em>both</em></strong></p>",
    ),
    "word paragraphs": (
        "<p class=MsoNormal><span style='font-size:12.0pt;font-family:\n\"Times New Roman\"'>"
        "It was <i>very</i> late.<o:p></o:p></span></p>\n\n"
        "<p class=MsoNormal><o:p>&nbsp;</o:p></p>",
        "<p>It was <em>very</em> late.</p>\n<p>\xa0</p>",
    ),
    "old tags": (
        "<center><b>Title</b></center><p><strike>no</strike> <I>yes</I> <B>sure</B></p>",
        '<p align="center"><strong>Title</strong></p>\n'
        "<p><s>no</s> <em>yes</em> <strong>sure</strong></p>",
    ),
    "inline tags in odd orders": (
        "<p><em><strong>a</strong></em><sup><u>b</u></sup><s><a href='h'>c</a></s></p>",
        '<p><strong><em>a</em></strong><u><sup>b</sup></u><a href="h"><s>c</s></a></p>',
    ),
    "entities": (
        "<p>caf&eacute; &mdash; &#8220;hi&#x201D; &amp;amp; &lt;b&gt; &nbsp;&hellip;</p>",
        "<p>café — “hi” &amp;amp; &lt;b&gt; \xa0…</p>",
    ),
    "source whitespace": (
        "\n\n  <p>\n    Hello\n    world.\n  </p>\n\t<p>Second\r\n\tline</p>\n",
        "<p> Hello world. </p>\n<p>Second line</p>",
    ),
    "nested containers": (
        "<div><div align=right><p>x</p></div></div><blockquote><div><p>q</p></div></blockquote>",
        '<p align="right">x</p>\n<blockquote>\n<p>q</p>\n</blockquote>',
    ),
    "google docs list items": (
        '<ol><li dir="ltr"><p dir="ltr"><span>One</span></p></li>'
        '<li dir="ltr"><p dir="ltr"><span>Two</span></p></li></ol><br />',
        "<ol>\n<li>One</li>\n<li>Two</li>\n</ol>",
    ),
    "rule inside a paragraph": (
        '<p dir="ltr"><span>a</span></p><p dir="ltr"><hr /></p><p>b</p>',
        "<p>a</p>\n<hr />\n<p>b</p>",
    ),
    "table cells": (
        "<table><tr><td>left</td><td>right</td></tr></table>",
        "<p>left</p>\n<p>right</p>",
    ),
    "scripts and styles": (
        "<style>p { color: red }</style><script>alert('x')</script><p>kept</p>",
        "<p>kept</p>",
    ),
    "a style cancels its own tag": (
        '<strong>bold <span style="font-weight: normal">not</span></strong>'
        '<em style="font-style:normal"> upright</em>',
        "<p><strong>bold </strong>not upright</p>",
    ),
    "bold inside a heading": ("<h1><b>Title</b> and more</h1>", "<h2>Title and more</h2>"),
}


@pytest.mark.parametrize("name", MESSY)
def test_messy_html_becomes_canonical(name: str) -> None:
    source, expected = MESSY[name]
    assert normalize(source) == expected


@pytest.mark.parametrize("name", MESSY)
def test_normalize_is_idempotent_on_messy_html(name: str) -> None:
    once = normalize(MESSY[name][0])
    assert normalize(once) == once


@pytest.mark.parametrize(
    "marks",
    [
        ["sub", "em"],
        ["u", "strong", "s"],
        ["sup", "s", "u", "em", "strong"],
    ],
)
def test_inline_nesting_order_is_canonical(marks: list[str]) -> None:
    opening = "".join(f"<{m}>" for m in marks)
    closing = "".join(f"</{m}>" for m in reversed(marks))
    canonical_order = [m for m in ("strong", "em", "u", "s", "sup", "sub") if m in marks]
    expected = (
        "<p>"
        + "".join(f"<{m}>" for m in canonical_order)
        + "x"
        + "".join(f"</{m}>" for m in reversed(canonical_order))
        + "</p>"
    )
    assert normalize(f"<p>{opening}x{closing}</p>") == expected


def test_link_is_the_outermost_inline_tag() -> None:
    assert normalize('<p><em><a href="u">x</a></em></p>') == '<p><a href="u"><em>x</em></a></p>'


def test_neighbouring_runs_with_the_same_marks_merge() -> None:
    blocks = [Block(runs=[Run("a", frozenset({"em"})), Run(""), Run("b", frozenset({"em"}))])]
    assert serialize(blocks) == "<p><em>ab</em></p>"


def test_escaping_in_text_and_href() -> None:
    blocks = [Block(runs=[Run('a & b < c > d "e"', href='https://x.test/?q="1"&r=<2>')])]
    html = serialize(blocks)
    assert html == (
        '<p><a href="https://x.test/?q=&quot;1&quot;&amp;r=&lt;2&gt;">'
        'a &amp; b &lt; c &gt; d "e"</a></p>'
    )
    assert parse(html) == blocks


def test_an_empty_document_is_the_empty_string() -> None:
    assert serialize([]) == ""
    assert serialize([Block()]) == ""
    assert normalize("<p></p>") == ""
    assert serialize([Block(), Block()]) == "<p></p>\n<p></p>"
    assert serialize([Block(align="center")]) == '<p align="center"></p>'


def test_characters_an_editor_cannot_hold_are_kept_as_their_meaning() -> None:
    assert clean_text("a\u2028b\u2029c\r\nd\re") == "a\nb\nc\nd\ne"
    assert clean_text("tab\there") == "tab here"
    assert clean_text("obj\ufffc\ufdd0\ufdd1ect") == "object"
    assert clean_text("lone \ud800 surrogate") == "lone \ufffd surrogate"
    assert clean_text("ordinary 🐉 text") == "ordinary 🐉 text"
    blocks = [Block(runs=[Run("one\u2028two\u2029three\tfour\ufffc")])]
    assert serialize(blocks) == "<p>one<br />two<br />three four</p>"
    assert serialize([Block(runs=[Run("\ufffc", frozenset({"em"}))])]) == ""


# -- the real clipboard ------------------------------------------------------------------


class _StyledRuns(HTMLParser):
    """The text of every italic and bold span, read independently of the code under test."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.italic: list[str] = []
        self.bold: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "span":
            self.stack.append(dict(attrs).get("style") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.stack or not data.strip():
            return
        style = self.stack[-1].replace(" ", "")
        if "font-style:italic" in style:
            self.italic.append(data)
        if "font-weight:700" in style:
            self.bold.append(data)


def _marked_text(canonical: str, mark: str) -> str:
    return "\x00".join(
        run.text for block in parse(canonical) for run in block.runs if mark in run.marks
    )


def test_google_docs_paste_keeps_every_italic_and_bold_run() -> None:
    source = (CLIPBOARD / "google-docs-chrome-mac.html").read_text(encoding="utf-8")
    runs = _StyledRuns()
    runs.feed(source)
    assert len(runs.italic) >= 5 and len(runs.bold) >= 5  # the fixture is what we think

    out = normalize(source)

    italic = _marked_text(out, "em")
    bold = _marked_text(out, "strong")
    for text in runs.italic:
        assert text.strip() in italic, text
    for text in runs.bold:
        assert text.strip() in bold, text
    assert "<em>Starbuck</em> <strong>seemed</strong>" in out
    assert "<strong><em>and endued with a deep natural reverence</em></strong>" in out
    assert not re.search(r"<(span|font|b|i|meta)\b|style=|font-|color|#[0-9a-f]{6}", out)
    assert normalize(out) == out


def test_google_docs_paste_keeps_structure() -> None:
    out = normalize((CLIPBOARD / "google-docs-chrome-mac.html").read_text(encoding="utf-8"))
    assert "<li>Starbuck</li>" in out
    assert "<li>Cetus</li>" in out
    assert "<li></li>" not in out
    assert "<p></p>" not in out  # <p><hr /></p> is a rule, not an empty paragraph too
    assert out.count("<hr />") == 2
    assert "<h2>Heading 1</h2>" in out and "<h3>Heading 3</h3>" in out
    assert '<p align="center">' in out and '<p align="justify">' in out
    assert "<sup>April</sup>" in out and "<s>ere long</s>" in out


def test_word_paste_drops_the_document_wrapper() -> None:
    source = (CLIPBOARD / "word-12-windows.html").read_text(encoding="utf-8")
    out = normalize(source)
    assert out == "<p>Sample doc</p>\n<p>\xa0</p>"
    text = plain_text(out)
    for leak in ("mso", "Font Definitions", "Courier", "MsoNormal", "StartFragment", "{", "@"):
        assert leak not in text
        assert leak not in out


# -- plain text and words -----------------------------------------------------------------


def test_plain_text_is_one_line_per_paragraph() -> None:
    canonical = (
        "<h2>Title</h2>\n<p>a<br />b<br /><br />c</p>\n<p></p>\n<ul>\n<li>one</li>\n"
        "<li>two</li>\n</ul>\n<hr />\n<blockquote>\n<p>quoted &amp; &lt;x&gt;</p>\n"
        "</blockquote>\n<p><em>in</em>line</p>"
    )
    assert plain_text(canonical).split("\n") == [
        "Title",
        "a",
        "b",
        "",
        "c",
        "",
        "one",
        "two",
        "",
        "quoted & <x>",
        "inline",
    ]
    assert plain_text("") == ""


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("could've", 1),
        ("I'd", 1),
        ("y’all", 1),
        ("well-known", 1),
        ("Zack's", 1),
        ("Zack’s", 1),
        ("yes—no", 2),
        ("yes – no", 2),
        ("yes - no", 2),
        ("3.5 1,000 12:30 42", 4),
        ("", 0),
        ("   \n\t ", 0),
        ("— … !?", 0),
        ("'quoted' “curly”", 2),
        ("naïve", 1),
        ("nai\u0308ve", 1),  # decomposed, as macOS file names and some pastes have it
        ("हिन्दी में", 2),
        ("日本語", 1),
        ("The end.", 2),
    ],
)
def test_word_count_text(text: str, words: int) -> None:
    assert word_count_text(text) == words


def test_word_count_of_canonical_html() -> None:
    assert word_count("<p>one two</p>\n<p>three</p>") == 3
    assert word_count("<p>a</p><p>b</p>") == 2
    assert word_count("<p>line<br />break</p>") == 2
    assert word_count("<p><em>un</em>believable well-<strong>known</strong></p>") == 2
    assert word_count("<p>Tom &amp; Jerry</p>") == 2
    assert word_count('<p><a href="https://a.b/c d e">x</a></p>') == 1
    assert word_count("") == 0
    assert word_count("<hr />") == 0


# -- the fast reader of canonical text gives what the full parser gives -----------------

_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=10)
_HREFS = st.sampled_from(["https://example.org/a?b=1&c=2", "/works/1", "javascript:x", ""])
_RUNS = st.lists(
    st.builds(Run, _TEXT, st.frozensets(st.sampled_from(MARKS)), st.none() | _HREFS), max_size=5
)


@st.composite
def _blocks(draw: st.DrawFn) -> Block:
    kind = draw(st.sampled_from(["p", "p", "h2", "h3", "h4", "hr", "li"]))
    return Block(
        kind=kind,
        runs=[] if kind == "hr" else draw(_RUNS),
        align=None if kind in ("hr", "li") else draw(st.none() | st.sampled_from(ALIGNMENTS)),
        quote=draw(st.booleans()),
        list_type=draw(st.sampled_from(["ul", "ol"])) if kind == "li" else None,
    )


def _full_parse(source: str, relative_links: bool) -> list[Block]:
    parser = _Parser(relative_links=relative_links)
    parser.feed(source)
    parser.close()
    return parser.blocks


@settings(max_examples=300, deadline=None)
@given(st.lists(_blocks(), max_size=8), st.booleans())
def test_canonical_text_reads_as_the_full_parser_reads_it(
    model: list[Block], relative_links: bool
) -> None:
    canonical = serialize(model)
    fast = _parse_canonical(canonical, relative_links)
    assert fast is not None  # what the serializer writes is always read fast
    assert fast == _full_parse(canonical, relative_links)


@pytest.mark.parametrize(
    "source",
    [
        "<p>a<b>bold</b></p>",  # not the subset's spelling
        "<p>one<p>two</p>",  # a block left open
        "text outside a block",
        "<p><!-- a comment --></p>",
        '<p style="text-align:center">styled</p>',
        "<p><em>unclosed</p>",
        '<p><a href="x"><a href="y">nested</a></a></p>',
    ],
)
def test_anything_else_goes_to_the_full_parser(source: str) -> None:
    assert _parse_canonical(source, True) is None
    assert parse(source) == _full_parse(source, True)

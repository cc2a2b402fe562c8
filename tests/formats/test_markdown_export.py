"""Canonical -> Markdown: reading the export back gives the same canonical HTML, less the
losses ``formats/markdown.py`` documents (and only those)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.formats import markdown
from editor.formats.work import ExportOptions, ExportWork
from editor.text.markdown import to_canonical
from editor.text.richtext import Block, Run, normalize, serialize


def round_trip(canonical: str) -> str:
    return to_canonical(markdown.to_markdown(canonical), raw_html=True)


def test_everything_round_trips_exactly(everything_work: ExportWork) -> None:
    for chapter in everything_work.chapters:
        assert round_trip(chapter.body) == chapter.body


@pytest.mark.parametrize(
    ("canonical", "markdown_text"),
    [
        (
            "<p><u>under</u> x<sup>2</sup> H<sub>2</sub>O</p>",
            "<u>under</u> x<sup>2</sup> H<sub>2</sub>O",
        ),
        ("<p>a<strong><u>b</u></strong>c</p>", "a<u>**b**</u>c"),
        (
            '<p align="center">centred &amp; <em>x</em></p>',
            '<p align="center">centred &amp; <em>x</em></p>',
        ),
        ('<h2 align="right">Title</h2>', '<h2 align="right">Title</h2>'),
        ("<p>a</p>\n<p></p>\n<p>b</p>", "a\n\n<p></p>\n\nb"),
        ("<h3>one<br />two</h3>", "<h3>one<br />two</h3>"),
        ("<p>ends in a break<br /></p>", "<p>ends in a break<br /></p>"),
        (
            "<blockquote>\n<ul>\n<li>a</li>\n<li>b<br /></li>\n</ul>\n</blockquote>",
            "> <ul>\n> <li>a</li>\n> <li>b<br /></li>\n> </ul>",
        ),
        # A line ending in an address would cut the HTML block (found by test_bad_input).
        (
            '<blockquote>\n<p><a href="x\r">0<br /></a></p>\n</blockquote>',
            '> <p><a href="x&#13;">0<br /></a></p>',
        ),
        ('<p><a href="a\nb">x<br /></a></p>', '<p><a href="a&#10;b">x<br /></a></p>'),
    ],
)
def test_what_markdown_cannot_say_is_written_as_html(canonical: str, markdown_text: str) -> None:
    assert markdown.to_markdown(canonical) == markdown_text
    assert round_trip(canonical) == canonical


@pytest.mark.parametrize(
    ("canonical", "back"),
    [
        ("<p><em>word </em>next</p>", "<p><em>word</em> next</p>"),
        ("<p>a<strong> b</strong></p>", "<p>a <strong>b</strong></p>"),
        ('<p><a href="/a b">link</a></p>', '<p><a href="/a%20b">link</a></p>'),
    ],
)
def test_documented_changes(canonical: str, back: str) -> None:
    assert round_trip(canonical) == back


@pytest.mark.parametrize(
    "canonical",
    [
        "<p># not a heading</p>",
        "<p>1. not a list</p>",
        "<p>2024) neither</p>",
        "<p>- nor this</p>",
        "<p>+ nor this</p>",
        "<p>&gt; not a quote</p>",
        "<p>---</p>",
        "<p>* * *</p>",
        "<p>title<br />===</p>",
        "<p>*stars* _under_ `code` ~~tilde~~ [link](x) &lt;http://x&gt; &amp;amp; \\</p>",
        "<p>  leading and trailing  </p>",
        "<p>a<br />  indented line</p>",
        "<h2>Part #1 #</h2>",
        '<p><a href="https://example.org/a_(b)">odd address</a></p>',
        "<p><strong>bold <em>both</em></strong> then <s>struck</s></p>",
        "<blockquote>\n<p>q</p>\n<hr />\n<ol>\n<li>a<br />b</li>\n<li></li>\n</ol>\n</blockquote>",
    ],
)
def test_markdown_syntax_in_text_stays_text(canonical: str) -> None:
    assert round_trip(canonical) == canonical


# -- random documents in the expressible subset ------------------------------------------

EDGE = "abcXYZé09"
INNER = EDGE + " *_[]<>#&;\\`~!-+=.()'\"…"
HREFS = ("https://example.org/", "https://example.org/a?b=1&c=2", "/works/1", "mailto:a@b.c")


@st.composite
def plain_text(draw: st.DrawFn, breaks: bool) -> str:
    alphabet = INNER + ("\n" if breaks else "")
    return draw(st.text(alphabet=alphabet, min_size=1, max_size=12))


@st.composite
def marked_text(draw: st.DrawFn) -> str:
    # CommonMark cannot open or close emphasis on punctuation next to a letter (documented),
    # so marked text starts and ends with a letter or digit.
    first = draw(st.sampled_from(EDGE))
    if draw(st.booleans()):
        return first
    return first + draw(st.text(alphabet=INNER, max_size=8)) + draw(st.sampled_from(EDGE))


@st.composite
def runs(draw: st.DrawFn, breaks: bool) -> list[Run]:
    out: list[Run] = []
    for _ in range(draw(st.integers(1, 5))):
        marks = frozenset(draw(st.sets(st.sampled_from(["strong", "em", "s", "u", "sup", "sub"]))))
        if out and out[-1].marks and marks:  # touching marks: documented as unsupported
            out.append(Run(draw(plain_text(False)).strip() or "x"))
        text = draw(marked_text()) if marks else draw(plain_text(breaks))
        out.append(Run(text, marks, draw(st.none() | st.sampled_from(HREFS))))
    # "~~**x**~~" against a letter cannot close (documented): keep a space beside such runs.
    for i, run in enumerate(out):
        if "s" in run.marks and len(run.marks) > 1:
            if i > 0 and not out[i - 1].text[-1:].isspace():
                out[i - 1] = Run(out[i - 1].text + " ", out[i - 1].marks, out[i - 1].href)
            if i + 1 < len(out) and not out[i + 1].text[:1].isspace():
                out[i + 1] = Run(" " + out[i + 1].text, out[i + 1].marks, out[i + 1].href)
    return out


@st.composite
def blocks(draw: st.DrawFn) -> list[Block]:
    out: list[Block] = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["p", "p", "h2", "h3", "h4", "hr", "li"]))
        quote = draw(st.booleans())
        if kind == "hr":
            out.append(Block("hr", quote=quote))
            continue
        block_runs = draw(runs(breaks=True)) if draw(st.integers(0, 5)) else []
        list_type = draw(st.sampled_from(["ul", "ol"])) if kind == "li" else None
        align = draw(st.sampled_from([None, None, "center", "right", "justify"]))
        out.append(Block(kind, block_runs, align, quote=quote, list_type=list_type))
    return out


@settings(max_examples=300, deadline=None)
@given(blocks())
def test_random_documents_round_trip(document: list[Block]) -> None:
    canonical = normalize(serialize(document))
    assert round_trip(canonical) == canonical


# -- the export --------------------------------------------------------------------------


def test_export_is_the_work_header_once_then_chapters_as_headings(
    everything_work: ExportWork,
) -> None:
    text = markdown.export(everything_work, ExportOptions())
    lines = text.split("\n\n")
    assert lines[:4] == [
        "# Salt & Starlight: “The \\<Keeper’s> Year”",
        "by wren\\_writes",
        "**Fandom:** Original Work, The Lighthouse Letters (Web Series)",
        "**Rating:** Teen And Up Audiences",
    ]
    assert text.count("**Fandom:**") == 1
    assert "**Additional tags:** Lighthouses, Time Travel, Found Family, Letters" in lines
    first = lines.index("## Chapter 1: The Keeper’s Lamp")
    assert lines[first - 1] == "* * *"  # the header ends on a rule
    assert lines[first + 1] == "**Summary:** Wren keeps the light, and a letter *arrives*."
    assert lines[first + 5] == "* * *"  # the chapter's notes end on a rule
    assert lines[first + 6] == "### Part One: Autumn"  # the text's own h2, below the chapter
    second = lines.index("## Chapter 2: What the Tide Brought")
    assert lines[second - 1] == "**End notes:** Thank you for reading. *Comments are love.*"
    assert lines[second - 2] == "* * *"  # end notes come after a rule
    # the header's rule, chapter 1's scene break, and a rule before and after each
    # chapter's notes
    assert lines.count("* * *") == 2 + 2 * 3


def test_export_leaves_out_parts_not_chosen(everything_work: ExportWork) -> None:
    parts = frozenset({"title", "notes_begin"})
    text = markdown.export(everything_work, ExportOptions(chapters=[1], parts=parts))
    assert "Rating" not in text and "Disclaimer" not in text and "End notes" not in text
    assert "**Notes:** Welcome!" in text and "Summary" not in text

"""Plain text: paragraphs and blank lines, *italic*, centred scene breaks, the header on top."""

from __future__ import annotations

import pytest

from editor.formats import plaintext
from editor.formats.layout import lowered
from editor.formats.work import ExportOptions, ExportWork
from editor.text.richtext import Block, Run, parse


def text(canonical: str, *, marks: bool = True) -> str:
    return plaintext.render(lowered(parse(canonical)), marks=marks)


def test_work_title_and_chapter_headings() -> None:
    blocks = [Block("h1", [Run("Work")]), Block("h2", [Run("Chapter 1")])]
    assert plaintext.render(blocks) == "====\nWork\n====\n\nChapter 1\n========="


@pytest.mark.parametrize(
    ("canonical", "expected"),
    [
        ("<p>one</p>\n<p>two</p>", "one\n\ntwo"),
        ("<p>line<br />break</p>", "line\nbreak"),
        ("<p>a</p>\n<p></p>\n<p></p>\n<p>b</p>", "a\n\nb"),
        (
            "<p><em>it</em> <strong>bold</strong> <u>under</u> <s>gone</s> x<sup>2</sup></p>",
            "*it* **bold** _under_ ~~gone~~ x2",
        ),
        ("<p><em>word </em>next</p>", "*word* next"),
        (
            '<p><a href="https://x.org">site</a> <a href="https://y.org">https://y.org</a></p>',
            "site (https://x.org) https://y.org",
        ),
        ("<h2>Sub</h2>", "Sub\n---"),  # in the text, below a chapter's heading
        ("<h3>Sub</h3>", "Sub\n---"),
        ("<blockquote>\n<p>quoted</p>\n</blockquote>", "    quoted"),
        ("<ul>\n<li>a</li>\n<li>b<br />c</li>\n</ul>", "• a\n• b\n  c"),
        ("<ol>\n<li>a</li>\n<li>b</li>\n</ol>", "1. a\n2. b"),
        ('<p align="right">r</p>', " " * 71 + "r"),
    ],
)
def test_text_conventions(canonical: str, expected: str) -> None:
    assert text(canonical) == expected


@pytest.mark.parametrize("canonical", ["<hr />", "<p>xXx</p>", '<p align="center">~*~</p>'])
def test_scene_breaks_are_a_centred_line(canonical: str) -> None:
    assert text(canonical) == " " * 33 + "* * *"


def test_centred_paragraph_is_padded_to_the_page() -> None:
    assert text('<p align="center">middle</p>') == " " * 33 + "middle"


def test_no_markup_by_default() -> None:
    canonical = "<p><em>it</em> <strong>bold</strong> <u>under</u> <s>gone</s> x<sup>2</sup></p>"
    assert text(canonical, marks=False) == "it bold under gone x2"


def test_export_without_markup_unless_asked(everything_work: ExportWork) -> None:
    plain = plaintext.export(everything_work, ExportOptions())
    for marked in ("**", "*again", "_never", "~~", "Rating:*"):
        assert marked not in plain
    assert "“You’re doing it again,” said Tamsin." in plain
    assert "Rating: Teen And Up Audiences" in plain
    marked = plaintext.export(everything_work, ExportOptions(emphasis_marks=True))
    assert "**Rating:** Teen And Up Audiences" in marked
    assert "“You’re **doing it *again***,” said Tamsin." in marked


def test_export_is_header_once_then_chapters_under_headings(everything_work: ExportWork) -> None:
    out = plaintext.export(everything_work, ExportOptions())
    paragraphs = out.split("\n\n")
    assert paragraphs[:5] == [
        "=" * 39 + "\nSalt & Starlight: “The <Keeper’s> Year”\n" + "=" * 39,
        "by wren_writes",
        "Fandom: Original Work, The Lighthouse Letters (Web Series)",
        "Rating: Teen And Up Audiences",
        "Archive warnings: Graphic Depictions Of Violence, Major Character Death",
    ]
    assert out.count("Fandom:") == 1
    assert "Additional tags: Lighthouses, Time Travel, Found Family, Letters" in paragraphs
    chapter = paragraphs.index("Chapter 2: What the Tide Brought\n" + "=" * 32)
    assert paragraphs[chapter + 1] == "Summary: A storm, a list, and a stranger."
    assert paragraphs[chapter - 1] == "End notes: Thank you for reading. Comments are love."
    assert out.endswith("End notes:\n\n• Fact one\n• Fact two\n")


def test_one_chapter_has_its_own_heading(everything_work: ExportWork) -> None:
    out = plaintext.export(everything_work, ExportOptions(chapters=[2]))
    assert "Chapter 2 of 4: What the Tide Brought" in out
    assert "Keeper’s Lamp" not in out and out.count("Fandom:") == 1

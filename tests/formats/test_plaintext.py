"""Plain text: paragraphs and blank lines, *italic*, centred scene breaks, the header on top."""

from __future__ import annotations

import pytest

from editor.formats import plaintext
from editor.formats.work import ExportOptions, ExportWork
from editor.text.richtext import parse


def text(canonical: str) -> str:
    return plaintext.render(parse(canonical))


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
        ("<h2>Title</h2>", "Title\n====="),
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


def test_export_is_header_rule_text_rule_end_note(everything_work: ExportWork) -> None:
    out = plaintext.export(everything_work, ExportOptions(chapters=[1]))
    paragraphs = out.split("\n\n")
    assert paragraphs[:6] == [
        "**Title:** Salt & Starlight: “The <Keeper’s> Year”",
        "**Author:** wren_writes",
        "**Fandom:** Original Work, The Lighthouse Letters (Web Series)",
        "**Pairing:** Wren/Tamsin, Wren & The Stranger",
        "**Characters:** Wren, Tamsin, The Stranger",
        "**Rating:** Teen And Up Audiences",
    ]
    assert paragraphs[8].startswith("**Summary:** The lamp at Kell’s Reach")
    assert paragraphs[11] == "Chapter 1 of 4: The Keeper’s Lamp"
    assert "🌊" in out and out.endswith("**A/N:** Thank you for reading. *Comments are love.*\n")
    assert paragraphs[-2].strip() == "* * *"


def test_chapters_are_separated_by_a_line(everything_work: ExportWork) -> None:
    out = plaintext.export(everything_work, ExportOptions(chapters=[1, 2]))
    assert out.count("\n" + "=" * plaintext.WIDTH + "\n") == 1

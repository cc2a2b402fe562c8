"""BBCode for XenForo forums."""

from __future__ import annotations

import pytest

from editor.formats import bbcode
from editor.formats.layout import lowered
from editor.formats.work import ExportOptions, ExportWork
from editor.text.richtext import parse


def code(canonical: str) -> str:
    return bbcode.render(lowered(parse(canonical)))


@pytest.mark.parametrize(
    ("canonical", "expected"),
    [
        (
            "<p><strong>b <em>bi</em></strong> <u>u</u> <s>s</s> x<sup>2</sup></p>",
            "[B]b [I]bi[/I][/B] [U]u[/U] [S]s[/S] x2",
        ),
        (
            '<p align="center">c</p>\n<p align="right">r</p>\n<p align="justify">j</p>',
            "[CENTER]c[/CENTER]\n\n[RIGHT]r[/RIGHT]\n\nj",
        ),
        (
            '<p><a href="https://x.org/a">link <em>it</em></a></p>',
            "[URL=https://x.org/a]link [I]it[/I][/URL]",
        ),
        ("<p>a</p>\n<hr />\n<p>b</p>", "a\n\n[HR][/HR]\n\nb"),
        (  # the document's levels: h1 the work, h2 a chapter, h3-h5 the text's (lowered)
            "<h2>Big</h2>\n<h3>Mid</h3>\n<h4>Small</h4>",
            "[SIZE=5][B]Big[/B][/SIZE]\n\n[SIZE=4][B]Mid[/B][/SIZE]\n\n[SIZE=3][B]Small[/B][/SIZE]",
        ),
        ("<blockquote>\n<p>q1</p>\n<p>q2</p>\n</blockquote>", "[QUOTE]\nq1\n\nq2\n[/QUOTE]"),
        ("<ul>\n<li>a</li>\n<li>b</li>\n</ul>", "[LIST]\n[*]a\n[*]b\n[/LIST]"),
        ("<ol>\n<li>a</li>\n</ol>", "[LIST=1]\n[*]a\n[/LIST]"),
        ("<p>line<br />break</p>", "line\nbreak"),
        (
            "<p>type [b] or [/i] or [*], keep [1] and [ x]</p>",
            "type [PLAIN][[/PLAIN]b] or [PLAIN][[/PLAIN]/i] or [PLAIN][[/PLAIN]*],"
            " keep [1] and [ x]",
        ),
    ],
)
def test_bbcode_tags(canonical: str, expected: str) -> None:
    assert code(canonical) == expected


def test_work_header_once_then_chapters_under_headings(everything_work: ExportWork) -> None:
    out = bbcode.export(everything_work, ExportOptions())
    assert out.startswith(
        "[CENTER][SIZE=7][B]Salt & Starlight: “The <Keeper’s> Year”[/B][/SIZE][/CENTER]\n\n"
        "by wren_writes\n\n[B]Fandom:[/B] Original Work, The Lighthouse Letters (Web Series)\n\n"
    )
    assert out.count("[B]Fandom:[/B]") == 1
    assert "[B]Additional tags:[/B] Lighthouses, Time Travel, Found Family, Letters" in out
    heading = "[CENTER][SIZE=6][B]Chapter 2: What the Tide Brought[/B][/SIZE][/CENTER]"
    assert f"[B]End notes:[/B] Thank you for reading. [I]Comments are love.[/I]\n\n{heading}" in out
    assert f"{heading}\n\n[B]Summary:[/B] A storm, a list, and a stranger." in out


def test_one_chapter_is_one_post_with_its_own_heading(everything_work: ExportWork) -> None:
    out = bbcode.export(everything_work, ExportOptions(chapters=[2]))
    assert out.count("[SIZE=6]") == 1
    assert "[SIZE=6][B]Chapter 2 of 4: What the Tide Brought[/B]" in out
    assert "Keeper’s Lamp" not in out

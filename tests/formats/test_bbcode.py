"""BBCode for XenForo forums."""

from __future__ import annotations

import pytest

from editor.formats import bbcode
from editor.formats.work import ExportOptions, ExportWork
from editor.text.richtext import parse


def code(canonical: str) -> str:
    return bbcode.render(parse(canonical))


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
        (
            "<h2>Big</h2>\n<h3>Mid</h3>\n<h4>Small</h4>",
            "[SIZE=6][B]Big[/B][/SIZE]\n\n[SIZE=5][B]Mid[/B][/SIZE]\n\n[SIZE=4][B]Small[/B][/SIZE]",
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


def test_header_block_on_top(everything_work: ExportWork) -> None:
    out = bbcode.export(everything_work, ExportOptions(chapters=[1]))
    assert out.startswith(
        "[B]Title:[/B] Salt & Starlight: “The <Keeper’s> Year”\n\n[B]Author:[/B] wren_writes\n\n"
        "[B]Fandom:[/B] Original Work, The Lighthouse Letters (Web Series)\n\n"
        "[B]Pairing:[/B] Wren/Tamsin, Wren & The Stranger\n\n"
        "[B]Characters:[/B] Wren, Tamsin, The Stranger\n\n"
        "[B]Rating:[/B] Teen And Up Audiences\n\n"
    )
    assert "[B]Summary:[/B] The lamp at Kell’s Reach" in out
    assert "\n\nChapter 1 of 4: The Keeper’s Lamp\n\n[B]A/N:[/B] Welcome!" in out
    assert out.endswith(
        "[HR][/HR]\n\n[B]A/N:[/B] Thank you for reading. [I]Comments are love.[/I]\n"
    )


def test_chapters_are_set_apart_from_scene_breaks(everything_work: ExportWork) -> None:
    out = bbcode.export(everything_work, ExportOptions())
    # Each chapter opens on its heading in bold; a chapter ends on a double rule, where a
    # scene break is a single one.
    heading = "[CENTER][SIZE=6][B]Chapter 2: What the Tide Brought[/B][/SIZE][/CENTER]"
    assert out.startswith("[CENTER][SIZE=6][B]Chapter 1: The Keeper’s Lamp[/B][/SIZE][/CENTER]")
    assert "[B]A/N:[/B] More soon & thanks.\n\n[HR][/HR]\n[HR][/HR]\n\n[CENTER]" in out
    assert f"\n\n[HR][/HR]\n[HR][/HR]\n\n{heading}\n\n[B]Title:[/B]" in out
    assert out.count("[HR][/HR]\n[HR][/HR]") == len(everything_work.chapters) - 1


def test_one_chapter_is_one_post_without_a_heading_on_top(everything_work: ExportWork) -> None:
    out = bbcode.export(everything_work, ExportOptions(chapters=[2]))
    assert out.startswith("[B]Title:[/B]") and "[HR][/HR]\n[HR][/HR]" not in out

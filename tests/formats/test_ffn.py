"""FanFiction.Net: only what FFN keeps, every scene break a rule, the header block on top."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from editor.formats import ffn
from editor.formats.layout import is_symbol_line
from editor.formats.work import FRONT_MATTER_PARTS, ExportChapter, ExportOptions, ExportWork
from editor.model import ChapterMeta, Status, WorkMeta
from editor.text.richtext import Block, Run, parse

NO_PARTS = ExportOptions(parts=frozenset())


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(attrs)))

    handle_startendtag = handle_starttag


def tags_of(html: str) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def work_of(*bodies: str, meta: WorkMeta | None = None) -> ExportWork:
    chapters = tuple(
        ExportChapter(i, i, f"Ch {i}", body, 10, ChapterMeta())
        for i, body in enumerate(bodies, start=1)
    )
    return ExportWork(meta or WorkMeta(title="T"), chapters)


def test_output_uses_only_ffn_safe_tags_and_attributes(everything_work: ExportWork) -> None:
    for chapter in everything_work.chapters:
        found = tags_of(ffn.chapter_html(everything_work, chapter, ExportOptions()))
        assert {tag for tag, _ in found} <= {"p", "hr", "br", "strong", "em", "u", "s"}
        assert {attrs for _, attrs in found} <= {(), (("style", "text-align:center"),)}


# Symbol lines in the everything work, spelled out here so the test does not trust the
# detector it checks.
SYMBOL_LINES = {"* * *"}


def test_every_scene_break_becomes_a_rule(everything_work: ExportWork) -> None:
    for chapter in everything_work.chapters:
        symbols = sum(b.text() in SYMBOL_LINES for b in parse(chapter.body) if b.kind == "p")
        expected = chapter.body.count("<hr />") + symbols
        assert ffn.chapter_html(everything_work, chapter, NO_PARTS).count("<hr />") == expected
    assert (
        ffn.chapter_html(everything_work, everything_work.chapters[0], NO_PARTS).count("<hr />")
        == 2
    )


@pytest.mark.parametrize(
    "text",
    [
        *("***", "* * *", "xXx", "~~~", "-----", "oOo", "+++", "###", "~*~", "-oOo-", "___"),
        *("-x-", "o0o", "~o~o~", "x X x", "<><><>", "~*~*~*~"),
    ],
)
def test_symbol_lines_are_scene_breaks(text: str) -> None:
    assert is_symbol_line(Block("p", [Run(text)]))
    assert ffn.to_html(parse(f"<p>{text}</p>")) == "<hr />\n"


@pytest.mark.parametrize(
    "text",
    [
        *("...", "“…”", "?!", "Ooo", "xxx", "Hi.", "<3", "* a *"),
        *("=^.^=", "^_^", "-_-", "o.O", "x_x", ">_<", "XOXO", "000", "^^^"),
    ],
)
def test_words_and_silences_are_not_scene_breaks(text: str) -> None:
    assert not is_symbol_line(Block("p", [Run(text)]))


def test_the_rest_is_reduced_to_what_ffn_keeps() -> None:
    canonical = "\n".join(
        [
            "<h2>Part <em>One</em></h2>",
            '<p align="right">right</p>',
            '<p align="center"><a href="https://x.org">link</a> x<sup>2</sup></p>',
            "<blockquote>",
            "<p>quoted</p>",
            "<ol>",
            "<li>a</li>",
            "<li>b</li>",
            "</ol>",
            "</blockquote>",
            "<ul>",
            "<li><strong>c</strong></li>",
            "</ul>",
        ]
    )
    assert ffn.to_html(parse(canonical)) == "\n".join(
        [
            "<p><strong>Part <em>One</em></strong></p>",
            "<p>right</p>",
            '<p style="text-align:center">link x2</p>',
            "<p><em>quoted</em></p>",
            "<p><em>1. a</em></p>",
            "<p><em>2. b</em></p>",
            "<p>• <strong>c</strong></p>",
            "",
        ]
    )


def test_chapter_file_is_header_rule_text_rule_end_note(everything_work: ExportWork) -> None:
    html = ffn.chapter_html(everything_work, everything_work.chapters[0], ExportOptions())
    lines = html.splitlines()
    assert lines[0] == "<p><strong>Salt &amp; Starlight: “The &lt;Keeper’s&gt; Year”</strong></p>"
    assert lines[1] == "<p>Chapter 1 of 4: The Keeper’s Lamp</p>"
    assert "<p><strong>Rating:</strong> T</p>" in lines
    first_rule = lines.index("<hr />")
    assert lines[first_rule - 1] == "<p>A second paragraph of <strong>notes</strong>.</p>"
    assert lines[first_rule + 1] == "<p><strong>Part One: Autumn</strong></p>"
    assert lines[-2:] == [
        "<hr />",
        "<p><strong>A/N:</strong> Thank you for reading. <em>Comments are love.</em></p>",
    ]


def test_header_counts_the_chapters_of_a_complete_or_overlong_work() -> None:
    done = work_of("<p>x</p>", meta=WorkMeta(title="T", status=Status.COMPLETE))
    assert "<p>Chapter 1 of 1: Ch 1</p>" in ffn.chapter_html(
        done, done.chapters[0], ExportOptions()
    )
    over = work_of(
        "<p>x</p>", "<p>y</p>", "<p>z</p>", meta=WorkMeta(title="T", expected_chapters=2)
    )
    html = ffn.chapter_html(over, over.chapters[2], ExportOptions())
    assert "<p>Chapter 3 of ?: Ch 3</p>" in html


def test_left_out_parts_leave_the_header(everything_work: ExportWork) -> None:
    options = ExportOptions(parts=frozenset({"title", "rating"}))
    html = ffn.chapter_html(everything_work, everything_work.chapters[0], options)
    assert "Rating:" in html and "Disclaimer" not in html and "A/N" not in html


def test_the_authors_header_template_replaces_the_default() -> None:
    meta = WorkMeta(title="Tide", ffn_header_template="<em>{title}</em> rated {ffn_rating}")
    work = work_of("<p>x</p>", meta=meta)
    html = ffn.chapter_html(work, work.chapters[0], ExportOptions())
    assert html == "<p><em>Tide</em> rated T</p>\n<hr />\n<p>x</p>\n"


def test_several_chapters_are_joined_by_a_comment(everything_work: ExportWork) -> None:
    options = ExportOptions(chapters=[1, 3])
    chapters = [everything_work.chapters[0], everything_work.chapters[2]]
    assert ffn.export(everything_work, options) == ffn.CHAPTER_SEPARATOR.join(
        ffn.chapter_html(everything_work, ch, options) for ch in chapters
    )


def test_warnings_find_url_like_text_and_symbol_lines() -> None:
    work = work_of(
        "<p>Thanks to J.Jenks for the beta.</p>\n<p>See www.example.com later.</p>",
        "<p>~*~ Flashback ~*~</p>\n<p>My fics are on ao3.org and http://x.y/z too.</p>\n"
        "<p>* * *</p>\n<p>“...” she said, 3.5 times.</p>",
    )
    warnings = ffn.ffn_warnings(work, NO_PARTS)
    assert len(warnings) == 5  # not the rule, the silence or the number
    assert warnings[0].startswith("Chapter 1:") and "J.Jenks" in warnings[0]
    assert "www.example.com" in warnings[1]
    assert warnings[2].startswith("Chapter 2:") and "symbols" in warnings[2]
    assert "~*~ Flashback ~*~" in warnings[2]
    assert "ao3.org" in warnings[3] and "http://x.y/z too." in warnings[4]


def test_warnings_name_links_headings_lists_and_quotes(everything_work: ExportWork) -> None:
    warnings = ffn.ffn_warnings(everything_work, NO_PARTS)
    assert "Chapter 1: heading made a bold paragraph: “Part One: Autumn”" in warnings
    assert any(
        w.startswith("Chapter 1: link loses its address https://example.org/tide") for w in warnings
    )
    assert "Chapter 2: list item made a paragraph: “an oilskin”" in warnings
    assert any(w.startswith("Chapter 1: block quote made an italic") for w in warnings)
    assert not any("* * *" in w for w in warnings)  # the symbol line became a rule


def test_chapter_docx_opens_with_ffn_safe_formatting(everything_work: ExportWork) -> None:
    import docx

    data = ffn.chapter_docx(everything_work, everything_work.chapters[0], NO_PARTS)
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Part One: Autumn"
    assert document.paragraphs[0].style.name == "Normal"  # a heading is not kept
    assert all(run.bold for run in document.paragraphs[0].runs)
    assert texts.count("") == 2  # the two rules: empty paragraphs with a bottom border
    rules = [
        p
        for p in document.paragraphs
        if p._p.pPr is not None
        and p._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr")
        is not None
    ]
    assert len(rules) == 2
    assert not re.search(r"\bw:hyperlink\b", document.element.xml)


def test_warnings_name_what_else_ffn_drops() -> None:
    work = work_of(
        '<p>E = mc<sup>2</sup> and H<sub>2</sub>O</p>\n<p align="right">— the log</p>\n'
        '<p align="justify">Justified text.</p>\n<p align="center">Centred stays.</p>'
    )
    warnings = ffn.ffn_warnings(work, NO_PARTS)
    assert warnings == [
        "Chapter 1: superscript made plain text: “E = mc2 and H2O” (2)",
        "Chapter 1: subscript made plain text: “E = mc2 and H2O” (2)",
        "Chapter 1: right-aligned paragraph made left-aligned: “— the log”",
        "Chapter 1: justified paragraph made left-aligned: “Justified text.”",
    ]


def test_ffn_header_has_the_summary_and_no_ao3_non_warnings() -> None:
    from editor.model import ArchiveWarning

    work = work_of("<p>Text.</p>")
    meta = replace(
        work.meta,
        summary="<p>A storm comes.</p>",
        archive_warnings=(ArchiveWarning.CHOSE_NOT_TO_USE,),
    )
    chapter = replace(work.chapters[0], meta=ChapterMeta(summary="<p>Rain.</p>"))
    work = replace(work, meta=meta, chapters=(chapter,))
    html = ffn.chapter_html(work, chapter, ExportOptions())
    assert "<p><strong>Summary:</strong> A storm comes.</p>" in html
    assert "<p><strong>Chapter summary:</strong> Rain.</p>" in html
    assert "Creator Chose" not in html and "Warnings" not in html
    no_summary = ExportOptions(parts=frozenset(FRONT_MATTER_PARTS) - {"summary"})
    assert "Summary" not in ffn.chapter_html(work, chapter, no_summary)

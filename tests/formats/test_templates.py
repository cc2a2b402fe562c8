"""Front-matter templates: lines drop out when they have nothing to say."""

from __future__ import annotations

from dataclasses import replace

import pytest

from editor.formats import ao3, ffn, layout
from editor.formats.templates import DEFAULT_FFN_HEADER, compose
from editor.formats.work import FRONT_MATTER_PARTS, ExportChapter, ExportOptions, ExportWork
from editor.model import ArchiveWarning, ChapterMeta, WorkMeta
from editor.text.richtext import is_blank

ALL = frozenset(FRONT_MATTER_PARTS)


def work(**meta: object) -> tuple[ExportWork, ExportChapter]:
    chapter = ExportChapter(1, 1, "Storm & Sea", "<p>Text.</p>", 1, ChapterMeta())
    return ExportWork(WorkMeta(**meta), (chapter,)), chapter  # type: ignore[arg-type]


def test_a_line_whose_values_are_empty_is_dropped() -> None:
    w, ch = work(title="T", prompt="")
    assert compose("Title: {title}\nPrompt: {prompt}\nStatic line", w, ch, ALL) == (
        "<p>Title: T</p>\n<p>Static line</p>"
    )


def test_a_part_left_out_drops_its_lines() -> None:
    w, ch = work(disclaimer="<p>Not mine.</p>")
    template = "<strong>Disclaimer:</strong> {disclaimer}"
    assert compose(template, w, ch, ALL) == "<p><strong>Disclaimer:</strong> Not mine.</p>"
    assert compose(template, w, ch, ALL - {"disclaimer"}) == ""


def test_rich_values_keep_formatting_and_continue_on_their_own_paragraphs() -> None:
    w, ch = work(dedication="<p>For <em>Jane</em>,</p>\n<p>always.</p>")
    assert compose("Dedication: {dedication}", w, ch, ALL) == (
        "<p>Dedication: For <em>Jane</em>,</p>\n<p>always.</p>"
    )


def test_a_list_value_follows_its_label_without_a_stray_space() -> None:
    w, ch = work(prompt="<ul>\n<li>one</li>\n</ul>")
    assert compose("<strong>Prompt:</strong> {prompt}", w, ch, ALL) == (
        "<p><strong>Prompt:</strong></p>\n<ul>\n<li>one</li>\n</ul>"
    )


def test_plain_values_are_escaped_and_the_chapter_label_is_filled() -> None:
    w, ch = work(title="Cats & <Dogs>", expected_chapters=3)
    assert compose("{title}\n{chapter_label}: {chapter_title}", w, ch, ALL) == (
        "<p>Cats &amp; &lt;Dogs&gt;</p>\n<p>Chapter 1 of 3: Storm &amp; Sea</p>"
    )


# What a rich field stores when the author typed only a space, a no-break space or
# Shift+Enter, or cleared it (RichField through text/qtdoc).
BLANK_FIELDS = ["", "<p></p>", "<p> </p>", "<p>\u00a0</p>", "<p><br /></p>", "<p> <br /> </p>"]


@pytest.mark.parametrize("blank", BLANK_FIELDS)
def test_a_field_of_only_whitespace_prints_no_heading_anywhere(blank: str) -> None:
    w, ch = work(title="T", disclaimer=blank, dedication=blank, prompt=blank)
    ch = replace(ch, meta=ChapterMeta(summary=blank, notes_begin=blank, notes_end=blank))
    w = replace(w, chapters=(ch,))
    assert is_blank(blank)
    options = ExportOptions()
    html = ffn.chapter_html(w, ch, options)
    assert html == "<p><strong>T</strong></p>\n<p>Chapter 1 of ?: Storm &amp; Sea</p>\n" + (
        "<p><strong>Rating:</strong> T</p>\n<hr />\n<p>Text.</p>\n"
    )
    assert ao3.notes_html(w, ch) == ""
    fields = {f.key: f.value for f in ao3.post_fields(w, ch)}
    assert fields["notes_begin"] == fields["notes_end"] == fields["summary"] == ""
    assert "chapter_summary" not in fields
    labels = [s.label for s in layout.title_page(w, options)]
    assert labels == ["Rating", "Language", "Words", "Chapters"]
    assert layout.chapter_sections(ch, options) == ([], [])


def test_a_field_with_text_is_not_blank() -> None:
    assert not is_blank("<p> x </p>")
    assert not is_blank("<ul>\n<li>one</li>\n</ul>")
    assert not is_blank("Tom &amp; Jerry")


def test_every_archive_warning_chosen_is_printed_beside_the_content_warnings() -> None:
    # AO3's warnings combine freely: "Creator Chose Not To Use" beside the ones given.
    w, ch = work(
        archive_warnings=(ArchiveWarning.CHOSE_NOT_TO_USE, ArchiveWarning.MAJOR_CHARACTER_DEATH),
        content_warnings=("OOC",),
    )
    line = (
        "<p><strong>Warnings:</strong> Creator Chose Not To Use Archive Warnings, "
        "Major Character Death, OOC</p>"
    )
    assert compose("<strong>Warnings:</strong> {warnings}", w, ch, ALL) == line
    # FFN has no archive warnings: AO3's "not using them" says nothing there.
    ffn_line = "<p><strong>Warnings:</strong> Major Character Death, OOC</p>"
    assert ffn_line in compose(DEFAULT_FFN_HEADER, w, ch, ALL).splitlines()

    w, ch = work(archive_warnings=(ArchiveWarning.NONE_APPLY,))
    assert compose("Warnings: {warnings}", w, ch, ALL) == (
        "<p>Warnings: No Archive Warnings Apply</p>"
    )

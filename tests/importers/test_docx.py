"""Word import: runs with their formatting, alignment, headings as chapters, page breaks."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from editor.formats.importers import ImportFailed, read_files
from editor.model import Rating
from editor.text.richtext import plain_text


def formatted_document(path: Path) -> Path:
    """A short two-chapter fic as an author would type it in Word."""
    document = docx.Document()
    document.add_paragraph("Glass Harbour", style="Title")
    byline = document.add_paragraph("by ")
    byline.add_run("tidewrack").italic = True
    byline.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Rating: T")
    document.add_paragraph("Summary: Two sisters, one boat, and a storm that will not end.")
    document.add_paragraph("A/N: Written on my phone on a ferry. Forgive the typos!")

    document.add_heading("Chapter 1: The Crossing", level=1)
    p = document.add_paragraph("The ferry left at dawn. ")
    p.add_run("Nobody").bold = True
    p.add_run(" waved. Ines held the rail and ")
    p.add_run("did not").italic = True
    p.add_run(" look back.")
    p = document.add_paragraph()
    p.add_run("underlined").underline = True
    p.add_run(" and ")
    p.add_run("struck").font.strike = True
    p.add_run(" and H")
    p.add_run("2").font.subscript = True
    p.add_run("O")
    centred = document.add_paragraph("* * *")
    centred.alignment = WD_ALIGN_PARAGRAPH.CENTER
    right = document.add_paragraph("— from Ines’s notebook")
    right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    poem = document.add_paragraph("Salt on the glass,")
    poem.add_run().add_break()
    poem.add_run("salt on the tongue.")
    document.add_paragraph("")

    document.add_heading("Chapter 2: Landfall", level=1)
    document.add_paragraph("They reached the island by evening.")
    document.add_paragraph("Its one street was ", style="List Bullet").add_run("empty")
    document.add_paragraph("Quiet, too.", style="Quote")
    document.save(path)
    return path


def test_a_formatted_document_with_heading_chapters(tmp_path: Path) -> None:
    result = read_files([formatted_document(tmp_path / "glass harbour.docx")])

    assert result.encodings == {}  # not a text file
    assert result.fields["title"] == "Glass Harbour"
    assert result.fields["author"] == "tidewrack"
    assert result.fields["rating"] is Rating.TEEN
    assert result.fields["summary"] == (
        "<p>Two sisters, one boat, and a storm that will not end.</p>"
    )
    one, two = result.chapters
    assert (one.title, two.title) == ("The Crossing", "Landfall")
    assert one.notes_begin == "<p>Written on my phone on a ferry. Forgive the typos!</p>"
    assert one.body.splitlines() == [
        "<p>The ferry left at dawn. <strong>Nobody</strong> waved. Ines held the rail and "
        "<em>did not</em> look back.</p>",
        "<p><u>underlined</u> and <s>struck</s> and H<sub>2</sub>O</p>",
        "<hr />",
        '<p align="right">— from Ines’s notebook</p>',
        "<p>Salt on the glass,<br />salt on the tongue.</p>",
    ]
    assert two.body.splitlines() == [
        "<p>They reached the island by evening.</p>",
        "<ul>",
        "<li>Its one street was empty</li>",
        "</ul>",
        "<blockquote>",
        "<p><em>Quiet, too.</em></p>",  # Word's Quote style is italic
        "</blockquote>",
    ]


def test_page_breaks_split_a_document_without_headings(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Title: Three Doors")
    document.add_paragraph("The first door was red.")
    p = document.add_paragraph("The second door was green.")
    p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("The third door was not there at all.")
    document.save(tmp_path / "doors.docx")

    result = read_files([tmp_path / "doors.docx"])

    assert result.fields["title"] == "Three Doors"
    assert [plain_text(c.body) for c in result.chapters] == [
        "The first door was red.\nThe second door was green.",
        "The third door was not there at all.",
    ]


def test_a_lone_title_heading_is_the_works_title(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Moth Light", level=1)
    document.add_paragraph("It was a small story with no chapters.")
    document.save(tmp_path / "moth.docx")

    result = read_files([tmp_path / "moth.docx"])

    assert result.fields["title"] == "Moth Light"
    [chapter] = result.chapters
    assert chapter.body == "<p>It was a small story with no chapters.</p>"


@pytest.mark.parametrize(("mark", "tag"), [("bold", "strong"), ("italic", "em"),
                                           ("underline", "u"), ("strike", "s")])  # fmt: skip
def test_spaces_at_a_formatted_runs_edges_go_outside_its_tag(
    tmp_path: Path, mark: str, tag: str
) -> None:
    # Word keeps the space typed before or after a formatted word in its run.
    document = docx.Document()
    p = document.add_paragraph("Cloud said the")
    for text, marked in [(" word", True), (" twice, then ", False), ("struck ", True),
                         ("it out,", False), (" both ", True), ("sides", False),
                         (" and two ", True), ("runs.", True)]:  # fmt: skip
        setattr(p.add_run(text).font, mark, marked or None)
    document.save(tmp_path / "edges.docx")

    [chapter] = read_files([tmp_path / "edges.docx"]).chapters

    assert chapter.body == (
        f"<p>Cloud said the <{tag}>word</{tag}> twice, then <{tag}>struck</{tag}> it out, "
        f"<{tag}>both</{tag}> sides <{tag}>and two runs.</{tag}></p>"
    )


def test_a_file_that_is_not_a_word_document(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_text("just some text", encoding="utf-8")
    with pytest.raises(ImportFailed, match=re.escape("“notes.docx” is not a Word document")):
        read_files([tmp_path / "notes.docx"])
    (tmp_path / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(ImportFailed, match=re.escape("old Word .doc")):
        read_files([tmp_path / "old.docx"])
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(ImportFailed, match=re.escape("“broken.docx”")):
        read_files([tmp_path / "broken.docx"])

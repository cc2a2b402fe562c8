"""DOCX: python-docx reads back a book with real formatting."""

from __future__ import annotations

import io

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from editor.formats import docx as docx_export
from editor.formats.work import ExportOptions, ExportWork


@pytest.fixture
def document(everything_work: ExportWork):  # type: ignore[no-untyped-def]
    import docx

    return docx.Document(io.BytesIO(docx_export.export(everything_work, ExportOptions())))


def _paragraph(document, start: str):  # type: ignore[no-untyped-def]
    return next(p for p in document.paragraphs if p.text.startswith(start))


def _run(paragraph, text: str):  # type: ignore[no-untyped-def]
    return next(r for r in paragraph.runs if r.text == text)


def test_metadata(document) -> None:  # type: ignore[no-untyped-def]
    props = document.core_properties
    assert props.title == "Salt & Starlight: “The <Keeper’s> Year”"
    assert props.author == "wren_writes"
    assert props.language == "en-GB"


def test_title_page_then_chapter_headings(document) -> None:  # type: ignore[no-untyped-def]
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "Salt & Starlight: “The <Keeper’s> Year”"
    assert paragraphs[1].text == "by wren_writes"
    fandom = _paragraph(document, "Fandom: ")
    assert fandom.runs[0].bold and fandom.text.endswith("(Web Series)")
    for label in ("Rating: ", "Archive warnings: ", "Summary: ", "Disclaimer: ", "Prompt: "):
        _paragraph(document, label)
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Chapter 1: The Keeper’s Lamp",
        "Chapter 2: What the Tide Brought",
        "Chapter 3: Afterwards",
    ]
    assert _paragraph(document, "Part One: Autumn").style.name == "Heading 2"
    assert _paragraph(document, "Things to pack").style.name == "Heading 3"


def test_runs_keep_their_formatting(document) -> None:  # type: ignore[no-untyped-def]
    letter = _paragraph(document, "Her letter ran:")
    never = _run(letter, "never")
    assert never.bold and never.italic and never.underline
    assert _run(letter, "forget").font.strike
    assert _run(letter, "2").font.superscript
    assert any(r.text == "2" and r.font.subscript for r in letter.runs)
    roses = _paragraph(document, "Roses are red,")
    assert roses.text.count("\n") == 3  # line breaks are breaks, not paragraphs


def test_alignment_scene_breaks_quotes_lists_links(document) -> None:  # type: ignore[no-untyped-def]
    from docx.shared import Pt

    assert _paragraph(document, "— from the keeper’s log").alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert _paragraph(document, "Ends here").alignment == WD_ALIGN_PARAGRAPH.CENTER
    breaks = [p for p in document.paragraphs if p.text == "* * *"]
    # chapter 1: an <hr /> and the centred bold "* * *" typed as text; chapter 2: an <hr />;
    # and a rule before and after each chapter's notes
    assert len(breaks) == 3 + 2 * 3
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in breaks)
    quote = _paragraph(document, "To the keeper of the light")
    # Word's Quote style (what an importer reads back as a quote), indented and upright:
    # this paragraph is italic because its text is, the next one is not.
    assert quote.style.name == "Quote"
    assert quote.style.paragraph_format.left_indent == Pt(docx_export.QUOTE_INDENT_PT)
    assert quote.runs[0].font.italic
    tide = _paragraph(document, "Read the")
    assert tide.style.name == "Quote" and not tide.style.font.italic
    assert not any(r.font.italic for r in tide.runs)
    assert _paragraph(document, "an oilskin").style.name == "List Bullet"
    assert _paragraph(document, "Light the lamp.").style.name == "List Number"
    rels = [r.target_ref for r in document.part.rels.values() if r.is_external]
    assert "https://example.org/tide?a=1&b=2" in rels
    assert "tide table" in _paragraph(document, "Read the").text


def test_selected_chapters(everything_work: ExportWork) -> None:
    import docx

    data = docx_export.export(everything_work, ExportOptions(chapters=[3]))
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Chapter 3 of 4: Afterwards"]  # posted alone: "of 4"


def test_headings_keep_their_level_under_the_chapters(document) -> None:  # type: ignore[no-untyped-def]
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.style.name != "Normal"]
    headings = [(name, text) for name, text in styles if name.startswith(("Title", "Heading"))]
    assert headings == [
        ("Title", "Salt & Starlight: “The <Keeper’s> Year”"),
        ("Heading 1", "Chapter 1: The Keeper’s Lamp"),
        ("Heading 2", "Part One: Autumn"),
        ("Heading 1", "Chapter 2: What the Tide Brought"),
        ("Heading 3", "Things to pack"),
        ("Heading 4", "In order"),
        ("Heading 1", "Chapter 3: Afterwards"),
    ]

"""EPUB: a valid book that ebooklib reads back, with front matter, chapters and metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from editor.formats import epub as epub_export
from editor.formats.work import ExportOptions, ExportWork


@pytest.fixture
def book(everything_work: ExportWork, tmp_path: Path):  # type: ignore[no-untyped-def]
    from ebooklib import epub

    path = tmp_path / "work.epub"
    path.write_bytes(epub_export.export(everything_work, ExportOptions()))
    return epub.read_epub(str(path))


def _documents(book) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        item.file_name: item.get_content().decode("utf-8")
        for item in book.get_items()
        if item.file_name.endswith(".xhtml")
    }


def test_metadata(book) -> None:  # type: ignore[no-untyped-def]
    assert book.get_metadata("DC", "title")[0][0] == "Salt & Starlight: “The <Keeper’s> Year”"
    assert book.get_metadata("DC", "creator")[0][0] == "wren_writes"
    assert book.get_metadata("DC", "language")[0][0] == "en-GB"
    assert book.get_metadata("DC", "identifier")[0][0].startswith("urn:uuid:")


def test_spine_is_title_page_contents_then_chapters(book) -> None:  # type: ignore[no-untyped-def]
    names = [book.get_item_with_id(idref).file_name for idref, _ in book.spine]
    assert names == [
        "title.xhtml",
        "nav.xhtml",
        "chapter-001.xhtml",
        "chapter-002.xhtml",
        "chapter-003.xhtml",
    ]


def test_every_document_is_well_formed_xhtml_without_align(book) -> None:  # type: ignore[no-untyped-def]
    for name, content in _documents(book).items():
        etree.fromstring(content.encode("utf-8"))  # raises on malformed XML
        assert " align=" not in content, name


def test_title_page_holds_the_front_matter(book) -> None:  # type: ignore[no-untyped-def]
    page = _documents(book)["title.xhtml"]
    for expected in (
        "Salt &amp; Starlight",
        "by wren_writes",
        "<strong>Fandom:</strong> Original Work, The Lighthouse Letters (Web Series)",
        "<strong>Rating:</strong> Teen And Up Audiences",
        "Graphic Depictions Of Violence, Major Character Death",
        "<strong>Content warnings:</strong> Storms, Drowning (attempted)",
        "<strong>Relationships:</strong> Wren/Tamsin, Wren &amp; The Stranger",
        "<strong>Additional tags:</strong> Lighthouses, Time Travel",
        "in Wren’s <em>own</em> handwriting",
        "any resemblance to real lighthouse keepers",
        "For Tamsin’s namesake",
        "a letter from the future",
        "<strong>Prompted by:</strong> sea_glass",
        "<strong>Written for:</strong> Coastal Exchange 2024",
    ):
        assert expected in page, expected


def test_chapters_hold_heading_notes_text_and_end_notes(book) -> None:  # type: ignore[no-untyped-def]
    first = _documents(book)["chapter-001.xhtml"]
    order = [
        "<h2>Chapter 1: The Keeper’s Lamp</h2>",
        "Wren keeps the light, and a letter",
        "<strong>Chapter warnings:</strong> Peril at sea",
        "Welcome! This is where it all starts.",
        "<h3>Part One: Autumn</h3>",  # the text's headings sit below the chapter's
        'class="align-center"',
        "<sup>2</sup>",
        '<a href="https://example.org/tide?a=1&amp;b=2">tide table</a>',
        "Thank you for reading.",
    ]
    positions = [first.index(text) for text in order]
    assert positions == sorted(positions)
    third = _documents(book)["chapter-003.xhtml"]
    assert "<li>Fact one</li>" in third  # end notes that are a list stay a list


def test_selected_chapters_and_parts(everything_work: ExportWork, tmp_path: Path) -> None:
    from ebooklib import epub

    options = ExportOptions(chapters=[2], parts=frozenset({"title"}))
    path = tmp_path / "one.epub"
    path.write_bytes(epub_export.export(everything_work, options))
    documents = _documents(epub.read_epub(str(path)))
    assert sorted(n for n in documents if n.startswith("chapter")) == ["chapter-002.xhtml"]
    assert "<h2>What the Tide Brought</h2>" in documents["chapter-002.xhtml"]
    assert "Lists ahead" not in documents["chapter-002.xhtml"]
    assert "Rating" not in documents["title.xhtml"]


def test_control_characters_do_not_empty_a_chapter(tmp_path: Path) -> None:
    from ebooklib import epub

    from editor.formats.work import ExportChapter
    from editor.model import ChapterMeta, WorkMeta

    body = "<p>bell\x07 and text</p>"
    work = ExportWork(WorkMeta(title="T"), (ExportChapter(1, 1, "One", body, 3, ChapterMeta()),))
    path = tmp_path / "c.epub"
    path.write_bytes(epub_export.export(work, ExportOptions()))
    assert "bell and text" in _documents(epub.read_epub(str(path)))["chapter-001.xhtml"]


def test_a_paragraph_of_only_marks_keeps_its_words_together(tmp_path: Path) -> None:
    from ebooklib import epub

    from editor.formats.work import ExportChapter
    from editor.model import ChapterMeta, WorkMeta

    body = '<p><a href="https://example.com/">over</a><strong>lap</strong></p>'
    work = ExportWork(WorkMeta(title="T"), (ExportChapter(1, 1, "", body, 1, ChapterMeta()),))
    path = tmp_path / "c.epub"
    path.write_bytes(epub_export.export(work, ExportOptions(parts=frozenset())))
    page = _documents(epub.read_epub(str(path)))["chapter-001.xhtml"]
    assert '<a href="https://example.com/">over</a><strong>lap</strong>' in page

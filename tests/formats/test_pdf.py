"""PDF and ODT through Qt: the document layout, checked by rendering the PDF with pdftoppm
(poppler-utils) and reading its pages' text with pdftotext."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from editor.formats import pdf
from editor.formats.work import ExportOptions, ExportWork


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed (apt-get install poppler-utils)")
    return found


def _page_text(path: Path, page: int) -> str:
    command = [_poppler("pdftotext"), "-f", str(page), "-l", str(page), str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_pdf_pages_render_and_each_chapter_starts_a_page(
    qapp, everything_work: ExportWork, tmp_path: Path
) -> None:
    from PySide6.QtGui import QImage

    path = tmp_path / "work.pdf"
    path.write_bytes(pdf.export(everything_work, ExportOptions()))
    subprocess.run(
        [_poppler("pdftoppm"), "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 4  # the title page, then three chapters on pages of their own
    for page in pages:  # every page has ink on it
        image = QImage(str(page))
        assert not image.isNull()
        assert any(
            image.pixelColor(x, y).lightness() < 128
            for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2)
        ), page.name
    first = _page_text(path, 1)
    assert first.startswith("Salt & Starlight") and "by wren_writes" in first
    starts = [_page_text(path, n + 1).lstrip() for n in range(len(pages))]
    headed = [text.split("\n")[0] for text in starts if text.startswith("Chapter ")]
    assert headed == [
        "Chapter 1: The Keeper’s",
        "Chapter 2: What the Tide",
        "Chapter 3: Afterwards",
    ]


def test_odt_holds_the_document_layout(qapp, everything_work: ExportWork) -> None:
    data = pdf.export_odt(everything_work, ExportOptions(chapters=[2]))
    with zipfile.ZipFile(BytesIO(data)) as odt:
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = odt.read("content.xml").decode("utf-8")
    assert "Chapter 2 of 4: What the Tide Brought" in content
    assert "Additional tags:" in content and "Keeper’s Lamp" not in content


def test_odt_keeps_a_word_split_between_marks_whole(qapp) -> None:
    from editor.formats.work import ExportChapter
    from editor.model import ChapterMeta, WorkMeta

    body = '<p><a href="https://example.com/">over<strong>lap</strong></a>ping</p>'
    work = ExportWork(WorkMeta(title="T"), (ExportChapter(1, 1, "", body, 1, ChapterMeta()),))
    with zipfile.ZipFile(BytesIO(pdf.export_odt(work, ExportOptions()))) as odt:
        names = odt.namelist()
        assert names[0] == "mimetype"
        assert odt.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        content = odt.read("content.xml").decode("utf-8")
    # ODF reads whitespace between a paragraph's elements as a space: none may be there.
    paragraph = content[content.rindex("<text:p") : content.rindex("</text:p>")]
    assert "\n" not in paragraph and "over" in paragraph and "ping" in paragraph

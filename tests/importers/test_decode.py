"""Text files in the encodings authors' programs write, and files that are not text at all."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path

import pytest

from editor.formats.importers import ImportFailed, read_files
from editor.formats.importers.decode import decode
from editor.text.richtext import plain_text
from tests.importers import FIXTURES

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def test_notepad_utf16_with_bom_is_decoded_and_reported() -> None:
    result = read_files([FIXTURES / "notepad-utf16.txt"])

    assert result.encodings == {"notepad-utf16.txt": "utf-16"}
    assert result.fields["title"] == "Winter Letters"
    text = plain_text(result.chapters[0].body)
    assert text.startswith("“Dear Sam,” she wrote. “The snow hasn’t stopped since Tuesday — ")
    assert text.endswith("a little drawing of a fox. ☃")
    assert "\r" not in result.chapters[0].body


def test_windows_1252_curly_quotes_are_decoded_and_reported() -> None:
    raw = (FIXTURES / "old-archive-cp1252.txt").read_bytes()
    assert b"\x93Two coffees,\x94" in raw  # the fixture really is Windows-1252

    result = read_files([FIXTURES / "old-archive-cp1252.txt"])

    assert result.encodings == {"old-archive-cp1252.txt": "cp1252"}
    assert result.fields["title"] == "The Café at the End of the Pier"
    assert plain_text(result.chapters[0].body) == (
        "“Two coffees,” said Ren. “And don’t skimp on the sugar – it’s been a week.”\n"
        "The waitress rolled her eyes… and gave him three."
    )


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + "Café “ok”\r\n".encode(), "utf-8"),
        ("Café “ok”\r\n".encode(), "utf-8"),
        (codecs.BOM_UTF16_BE + "Café “ok”\r\n".encode("utf-16-be"), "utf-16"),
        ("Café “ok”\r\n".encode("utf-16-le"), "utf-16"),  # no BOM: judged by the zero bytes
        ("Café “ok”\r".encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_and_newlines(data: bytes, encoding: str) -> None:
    decoded = decode(data, "x.txt")
    assert decoded.encoding == encoding
    assert decoded.text == "Café “ok”\n"


def test_the_five_bytes_windows_1252_leaves_out_still_decode() -> None:
    assert decode(b"caf\xe9 \x81", "x.txt").text == "café \x81"


def test_an_html_files_declared_charset_is_used() -> None:
    data = '<meta charset="koi8-r"><p>Привет</p>'.encode("koi8_r")
    assert decode(data, "x.html", declared="koi8-r").encoding == "koi8-r"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (PNG + bytes(range(256)), "is a PNG picture"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "is a JPEG picture"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a PDF document"),
        (b"{\\rtf1\\ansi Hello}", "is an RTF document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old Word .doc"),
        (bytes(range(256)) * 4, "holds binary data"),
        (b"Hello\x00\x01\x02\x03 world\x00\x00\x05\x06\x07", "holds binary data"),
        (b"   \n\n", "is empty"),
    ],
)
def test_files_that_are_not_text_are_refused(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "chapter.txt"
    path.write_bytes(data)
    with pytest.raises(ImportFailed) as caught:
        read_files([path])
    assert "“chapter.txt”" in str(caught.value)
    assert reason in str(caught.value)


def test_a_png_renamed_to_html_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cover.html"
    path.write_bytes(PNG + bytes(64))
    with pytest.raises(
        ImportFailed, match=re.escape("“cover.html” is a PNG picture, not a text file")
    ):
        read_files([path])


def test_a_word_document_with_the_wrong_ending_says_so(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    path = tmp_path / "chapter3.txt"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ImportFailed, match=re.escape("rename it to end in .docx")):
        read_files([path])


def test_a_zip_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("notes.txt", "hello")
    path = tmp_path / "notes.md"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ImportFailed, match=re.escape("zip archive")):
        read_files([path])


def test_unsupported_missing_and_folder(tmp_path: Path) -> None:
    (tmp_path / "story.odt").write_bytes(b"PK\x03\x04")
    with pytest.raises(
        ImportFailed, match=re.escape("“story.odt” is not a kind of file Ficwright imports")
    ):
        read_files([tmp_path / "story.odt"])
    with pytest.raises(ImportFailed, match=re.escape("“gone.txt” does not exist")):
        read_files([tmp_path / "gone.txt"])
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(ImportFailed, match=re.escape("is a folder")):
        read_files([tmp_path / "dir.txt"])
    with pytest.raises(ImportFailed, match=re.escape("no files")):
        read_files([])


def test_one_bad_file_fails_the_whole_import(tmp_path: Path) -> None:
    good = tmp_path / "ch1.txt"
    good.write_text("Once.", encoding="utf-8")
    bad = tmp_path / "ch2.txt"
    bad.write_bytes(PNG)
    with pytest.raises(ImportFailed, match=re.escape("ch2.txt")):
        read_files([good, bad])

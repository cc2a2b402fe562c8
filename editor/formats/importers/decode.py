"""Bytes of a text file (plain text, Markdown, HTML) to text, and which encoding that took.

Authors' files come from Notepad (UTF-16 with a byte-order mark, or Windows-1252), from
phones and Google Docs (UTF-8, sometimes with a BOM) and from old archives (Windows-1252
with curly quotes as 0x93/0x94). Tried in that order: a BOM says, UTF-8 decodes strictly or
not at all, and Windows-1252 decodes almost anything, so it comes last. Files that are not
text (pictures, PDFs, archives, old .doc files) are refused with a reason, never read as
mojibake.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from editor.formats.importers import ImportFailed

UTF8 = "utf-8"
UTF16 = "utf-16"
CP1252 = "cp1252"

# (signature, what it is and what to do): checked before any decoding.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF87a", "a GIF picture"),
    (b"GIF89a", "a GIF picture"),
    (b"%PDF-", "a PDF document; copy its text into a .txt or .docx file to import it"),
    (b"{\\rtf", "an RTF document; save it as .docx (Word) or .txt to import it"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Word .doc file (or a password-protected document); save it as .docx",
    ),
    (b"SQLite format 3\x00", "a database (a Ficwright work is opened, not imported)"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
)
_ZIP = b"PK\x03\x04"
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig", UTF8),)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # newlines are "\n"
    encoding: str  # "utf-8", "utf-16", "cp1252" or a declared encoding's name


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    # Windows-1252 leaves five bytes undefined; Windows itself reads them as the C1 controls
    # of the same number, so a file Notepad wrote still decodes.
    assert isinstance(error, UnicodeDecodeError)
    return chr(error.object[error.start]), error.start + 1


codecs.register_error("ficwright-cp1252", _cp1252_fallback)


def refuse_binary(data: bytes, name: str, *, docx_ok: bool = False) -> None:
    """Raise ImportFailed when ``data`` is plainly not the text file ``name`` says it is."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise ImportFailed(f"“{name}” is {what}, not a text file.")
    if data[12:16] == b"WEBP" and data.startswith(b"RIFF"):
        raise ImportFailed(f"“{name}” is a WebP picture, not a text file.")
    if data.startswith(_ZIP) and not docx_ok:
        if b"word/" in data[:4096] or b"[Content_Types].xml" in data[:4096]:
            raise ImportFailed(
                f"“{name}” is a Word document with the wrong file ending: "
                "rename it to end in .docx and import it again."
            )
        raise ImportFailed(f"“{name}” is a zip archive, not a text file: unpack it first.")


def _utf16_without_bom(data: bytes) -> str | None:
    """Little- or big-endian UTF-16 with no BOM, judged from where the zero bytes fall."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    # Latin text has a zero in every high byte, and (almost) none in the low ones.
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.6 * len(zeros) and other.count(0) <= 0.05 * len(other):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, name: str, *, declared: str | None = None) -> Decoded:
    """Text from the bytes of file ``name``; ``declared``: an HTML file's own charset."""
    refuse_binary(data, name)
    if not data.strip():
        raise ImportFailed(f"“{name}” is empty.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _done(data.decode("utf-16"), UTF16, name)
        except UnicodeDecodeError:
            raise ImportFailed(
                f"“{name}” says it is UTF-16 text but is damaged: it cannot be read."
            ) from None
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return _done(data.decode(codec), label, name)
            except UnicodeDecodeError:
                break  # a BOM on a file that is not UTF-8 after all
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise ImportFailed(f"“{name}” is not a text file: it holds binary data.")
        return _done(text, UTF16, name)
    try:
        return _done(data.decode(UTF8), UTF8, name)
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
        if codec and codec not in ("utf-8", "cp1252", "latin-1", "iso8859-1", "ascii"):
            try:
                return _done(data.decode(codec), codec, name)
            except UnicodeDecodeError:
                pass
    # ISO-8859-1 declared or not: browsers read it as Windows-1252, and so do we.
    return _done(data.decode(CP1252, errors="ficwright-cp1252"), CP1252, name)


def _done(text: str, encoding: str, name: str) -> Decoded:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL.findall(text[:20000]))
    if controls > max(3, len(text[:20000]) // 200):
        raise ImportFailed(f"“{name}” is not a text file: it holds binary data.")
    return Decoded(text, encoding)

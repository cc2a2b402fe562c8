"""A hostile-input corpus through every way in and out.

Each hostile document (scripts, styles, frames, embedded objects, event attributes, every
spelling of a dangerous link scheme, 10,000 nested elements, invalid UTF-8, NUL bytes, RTL
overrides) is imported by every way text comes in (HTML and AO3-download files, Markdown
with raw HTML, Word hyperlinks, paste cleanup, Markdown typed into a rich field) and the
result exported to every target. Two promises: nothing executable comes out (no script or
other active element, no ``on…=`` attribute, no link to a scheme outside the allowlist, read
as a browser reads it), and every word of text goes through (a refused link keeps its text).

The checks here are independent of ``text/links.py``: they look for the dangerous schemes
themselves, in every output byte, after undoing the escapes a reader would undo.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from editor.formats.importers import ImportFailed, read_files
from editor.formats.importers.docx import MAX_UNPACKED
from editor.formats.targets import TARGETS, chapter_file_name, export_to, safe_file_name
from editor.formats.work import ExportChapter, ExportOptions, ExportWork
from editor.model import ChapterMeta, WorkMeta
from editor.text.markdown import to_canonical
from editor.text.paste import clean_html
from editor.text.richtext import plain_text

FIXTURES = Path(__file__).parent / "fixtures" / "import"

# -- the corpus ---------------------------------------------------------------------------

SCHEME_SPELLINGS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "java&#9;script:alert(1)",
    "java&Tab;script:alert(1)",
    "java&NewLine;script:alert(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)",
    "&#x6A;avascript&colon;alert(1)",
    "&amp;#106;avascript:alert(1)",
    "%6Aavascript:alert(1)",
    "   javascript:alert(1)",
    "&#1;&#2; javascript:alert(1)",
    "\u200bjavascript:alert(1)",
    "vbscript:msgbox(1)",
    "VBSCRIPT:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DaTa:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "FILE:///C:/Windows/win.ini",
]

# Markers for text that must come out of every export; nothing else in the corpus looks
# like them, so finding one proves its text went through.
_marker_count = iter(range(1000))


def keep() -> str:
    return f"KEEP{next(_marker_count):03d}"


def _hostile_html() -> tuple[str, list[str]]:
    """An HTML fragment of everything a hostile file holds, and the markers it must keep."""
    kept: list[str] = []

    def k() -> str:
        kept.append(keep())
        return kept[-1]

    parts = [
        f"<p>{k()} <script>alert(1)</script>{k()}</p>",
        "<script src='https://evil.example/x.js'></script>",
        f"<style>p {{ background: url(javascript:alert(1)) }}</style><p>{k()}</p>",
        "<iframe src='javascript:alert(1)'>frame text</iframe>",
        "<iframe srcdoc='&lt;script&gt;alert(1)&lt;/script&gt;'></iframe>",
        "<object data='javascript:alert(1)'><embed src='javascript:alert(1)'></object>",
        f"<p>{k()}</p>",
        f"<p onclick='alert(1)' onmouseover=\"alert(2)\">{k()}</p>",
        f"<p>{k()}<img src=x onerror=alert(1)>{k()}</p>",
        f"<svg onload=alert(1)><a href='javascript:alert(1)'>svg text</a></svg><p>{k()}</p>",
        "<math><mtext><a href='javascript:alert(1)'>m</a></mtext></math>",
        "<base href='javascript:alert(1)//'>",
        "<meta http-equiv='refresh' content='0;url=javascript:alert(1)'>",
        "<link rel='stylesheet' href='javascript:alert(1)'>",
        "<form action='javascript:alert(1)'><button formaction='javascript:alert(1)'>Go"
        f"</button><input onfocus=alert(1) autofocus></form><p>{k()}</p>",
        f"<details open ontoggle=alert(1)><summary>{k()}</summary></details>",
        f"<p><em onmouseenter=alert(1)>{k()}</em> <a onclick=alert(1) href='https://ok.example/'>"
        f"{k()}</a></p>",
        # Text that only looks like markup stays text.
        f"<p>&lt;script&gt;{k()}&lt;/script&gt; &lt;a href=x onclick=y&gt;</p>",
        # Right-to-left overrides and isolates are text (Arabic and Hebrew need them).
        f"<p>\u202e{k()}\u202c \u2067{k()}\u2069 \u200f</p>",
    ]
    for href in SCHEME_SPELLINGS:
        parts.append(f'<p>Before <a href="{href}">{k()}</a> after.</p>')
        parts.append(f"<p><a href='{href}'><strong>{k()}</strong></a></p>")
    return "\n".join(parts), kept


HOSTILE_HTML, HOSTILE_KEPT = _hostile_html()


def _hostile_markdown() -> tuple[str, list[str]]:
    """Markdown's own ways to a link, each with a dangerous address."""
    kept: list[str] = []
    lines = []
    for href in SCHEME_SPELLINGS:
        raw = html.unescape(href)
        kept.append(keep())
        lines.append(f"[{kept[-1]}]({raw.replace(' ', '%20').replace(')', '%29')})")
        kept.append(keep())
        lines.append(f"[{kept[-1]}](<{raw}>)")
        kept.append(keep())
        lines.append(f"[{kept[-1]}][r{len(kept)}]\n\n[r{len(kept)}]: <{raw}>")
    lines.append("<javascript:alert(1)> <vbscript:x> <data:text/html,x>")
    return "\n\n".join(lines), kept


HOSTILE_MARKDOWN, MARKDOWN_KEPT = _hostile_markdown()


def _ao3_download(hostile: str) -> str:
    page = (FIXTURES / "ao3-download.html").read_text(encoding="utf-8")
    page = page.replace('<p>"Can\'t sleep?" she asked.</p>', hostile, 1)
    return page.replace("<p>Nobody at Seventh Heaven sleeps well.", hostile + "<p>", 1)


def _docx_with_links(links: list[tuple[str, str]]) -> bytes:
    """A Word document with one paragraph per (text, target) hyperlink."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    document = docx.Document()
    for text, target in links:
        paragraph = document.add_paragraph("Link: ")
        rel = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel)
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        run.append(t)
        link.append(run)
        paragraph._p.append(link)
    internal = document.add_paragraph()
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), "_Toc1")  # a link to a bookmark: nothing to point at here
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "KEEPTOC"
    run.append(t)
    link.append(run)
    internal._p.append(link)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _import(tmp_path: Path, name: str, data: bytes) -> list[str]:
    """Every text field an import filled: chapter bodies, notes and the work's rich fields."""
    path = tmp_path / name
    path.write_bytes(data)
    result = read_files([path])
    found = [
        text
        for ch in result.chapters
        for text in (ch.body, ch.summary, ch.notes_begin, ch.notes_end)
        if text
    ]
    found += [v for v in result.fields.values() if isinstance(v, str) and v]
    return found


WAYS_IN: dict[str, Callable[[Path], tuple[list[str], list[str]]]] = {
    "html file": lambda tmp: (
        _import(tmp, "hostile.html", HOSTILE_HTML.encode("utf-8")),
        HOSTILE_KEPT,
    ),
    "ao3 download": lambda tmp: (
        _import(tmp, "hostile.html", _ao3_download(HOSTILE_HTML).encode("utf-8")),
        HOSTILE_KEPT,
    ),
    "markdown file (raw html)": lambda tmp: (
        _import(tmp, "hostile.md", HOSTILE_HTML.encode("utf-8")),
        HOSTILE_KEPT,
    ),
    "markdown file (links)": lambda tmp: (
        _import(tmp, "hostile.md", HOSTILE_MARKDOWN.encode("utf-8")),
        MARKDOWN_KEPT,
    ),
    "word hyperlinks": lambda tmp: (
        _import(
            tmp,
            "hostile.docx",
            _docx_with_links(
                [(f"KEEPW{i:02d}", html.unescape(h)) for i, h in enumerate(SCHEME_SPELLINGS)]
            ),
        ),
        [f"KEEPW{i:02d}" for i in range(len(SCHEME_SPELLINGS))] + ["KEEPTOC"],
    ),
    "paste": lambda _tmp: ([clean_html(HOSTILE_HTML)], HOSTILE_KEPT),
    "rich field markdown": lambda _tmp: ([to_canonical(HOSTILE_MARKDOWN)], MARKDOWN_KEPT),
}

# -- what "nothing executable" means, read as a browser or a renderer reads it -------------
# Only addresses are checked for schemes: "javascript:" as words in a paragraph is text
# (a refused Markdown link stays as the text the author typed).

_DANGEROUS_SCHEME = re.compile(r"^(?:javascript|vbscript|data|file):")
# What browsers and renderers skip inside an address: controls, spaces, invisible marks.
_IGNORED = re.compile("[\x00-\x20\x7f\xad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
ACTIVE_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet",
                   "svg", "math", "form", "input", "button", "base", "img", "audio",
                   "video", "source", "template", "details"}  # fmt: skip
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "target",
                      "background", "poster", "xlink:href", "content"}  # fmt: skip


def assert_safe_address(address: str, where: str) -> None:
    readings = [address]
    for _ in range(3):
        readings.append(html.unescape(readings[-1]))
    readings += [unquote(r) for r in readings]
    for reading in readings:
        folded = unicodedata.normalize("NFKC", _IGNORED.sub("", reading)).lower()
        assert not _DANGEROUS_SCHEME.match(folded), f"{where}: {address!r}"


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def assert_nothing_active(markup: str, where: str) -> None:
    """No active element, event attribute or dangerous address in HTML (or XHTML)."""
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    for tag, attrs in parser.found:
        assert tag not in ACTIVE_ELEMENTS, f"{where}: <{tag}>"
        for name, value in attrs:
            assert not name.startswith("on"), f"{where}: <{tag} {name}={value!r}>"
            assert name not in ("srcdoc", "formaction", "action"), f"{where}: {name}"
            assert not (tag == "meta" and name == "http-equiv"), f"{where}: <meta http-equiv>"
            if name in ADDRESS_ATTRIBUTES or name.endswith(":href"):
                assert_safe_address(value or "", f"{where}, <{tag} {name}>")


_XML_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def assert_xml_addresses_safe(xml: str, where: str) -> None:
    """Every attribute of an XML part (a relationship's Target, an OPF item's href)."""
    for name, double, single in _XML_ATTRIBUTE.findall(xml):
        if name.lower().endswith(("target", "href", "src")):
            assert_safe_address(double or single, f"{where}, {name}")


_BBCODE_URL = re.compile(
    r"\[(?:url|img)=([^\]]*)\]|\[(?:url|img)\](.*?)\[/(?:url|img)\]", re.I | re.S
)
_TEXT_LINK = re.compile(r"(KEEP\w+) \(([^()]*)\)")


def _markdown_links(markdown_text: str) -> str:
    """Markdown as HTML with every link kept, even those a careful renderer refuses."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda _url: True  # type: ignore[method-assign]
    return md.render(markdown_text)


def _zip_texts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            info.filename: archive.read(info).decode("utf-8", "replace")
            for info in archive.infolist()
            if not info.filename.endswith((".png", ".jpg", ".jpeg", ".gif"))
        }


def check_export(key: str, out: str | bytes, kept: list[str]) -> None:
    """Nothing executable in an export of any target, and every kept marker in its text."""
    where = f"export to {key}"
    if isinstance(out, bytes) and out.startswith(b"%PDF"):
        raw = out.decode("latin-1")
        assert "/JavaScript" not in raw and "/JS" not in raw and "/Launch" not in raw, where
        for uri in re.findall(r"/URI\s*\(((?:[^()\\]|\\.)*)\)", raw):
            assert_safe_address(uri, where)
        if shutil.which("pdftotext") is None:
            return  # the words are checked where Poppler is installed (CI installs it)
        visible = subprocess.run(
            ["pdftotext", "-", "-"], input=out, capture_output=True, check=True
        ).stdout.decode("utf-8", "replace")
        visible = " ".join(visible.split())
        # pdftotext gives text under a right-to-left override in visual order: reversed.
        missing = [m for m in kept if m not in visible and m[::-1] not in visible]
        assert not missing, f"{where} lost {missing}"
        return
    if isinstance(out, bytes):
        texts = _zip_texts(out)
        for name, text in texts.items():
            if name.endswith((".xhtml", ".html", ".htm")):
                assert_nothing_active(text, f"{where}, {name}")
            assert_xml_addresses_safe(text, f"{where}, {name}")
        visible = " ".join(re.sub(r"<[^>]+>", "", t) for t in texts.values())
    else:
        if key in ("ao3", "ffn", "html"):
            assert_nothing_active(out, where)
        elif key == "md":
            assert_nothing_active(_markdown_links(out), where)
        elif key == "bbcode":
            for found in _BBCODE_URL.finditer(out):
                assert_safe_address(found[1] or found[2], where)
        for found in _TEXT_LINK.finditer(out):  # plain text writes "text (address)"
            assert_safe_address(found[2], where)
        visible = out
    missing = [m for m in kept if m not in visible]
    assert not missing, f"{where} lost {missing}"


def _work(canonical: str) -> ExportWork:
    """One chapter holding the text, and the same text in every rich field around it."""
    meta = WorkMeta(
        title="Hostile",
        author="tester",
        summary=canonical,
        disclaimer=canonical,
        dedication=canonical,
        prompt=canonical,
    )
    chapter_meta = ChapterMeta(summary=canonical, notes_begin=canonical, notes_end=canonical)
    return ExportWork(meta, (ExportChapter(1, 1, "One", canonical, 1, chapter_meta),))


def export_everywhere(canonical: str, kept: list[str]) -> None:
    work = _work(canonical)
    for key in TARGETS:
        check_export(key, export_to(key, work, ExportOptions()), kept)


# -- the tests ----------------------------------------------------------------------------


@pytest.mark.parametrize("way_in", list(WAYS_IN))
def test_hostile_input_comes_in_with_its_text_and_nothing_executable(
    tmp_path: Path, way_in: str
) -> None:
    texts, kept = WAYS_IN[way_in](tmp_path)

    canonical = "\n".join(texts)
    assert_nothing_active(canonical, way_in)
    missing = [m for m in kept if m not in plain_text(canonical)]
    assert not missing, f"{way_in} lost {missing}"


@pytest.mark.parametrize("way_in", list(WAYS_IN))
def test_hostile_input_goes_out_to_every_target_with_nothing_executable(
    tmp_path: Path, way_in: str
) -> None:
    texts, kept = WAYS_IN[way_in](tmp_path)

    # The chapter's own body (and, from a file, its notes and the work's fields) in turn.
    export_everywhere(texts[0], [m for m in kept if m in plain_text(texts[0])])
    export_everywhere("\n".join(texts), kept)


@pytest.mark.parametrize("href", SCHEME_SPELLINGS)
def test_a_stored_dangerous_link_is_checked_again_by_every_exporter(href: str) -> None:
    # Text stored before the allowlist (or written by another program) is not trusted.
    canonical = f'<p>a <a href="{href}">KEEPSTORED</a> b</p>'

    export_everywhere(canonical, ["KEEPSTORED"])


NESTINGS = {
    "div": ("<div>", "</div>"),
    "span": ("<span>", "</span>"),
    "em": ("<em>", "</em>"),
    "blockquote": ("<blockquote>", "</blockquote>"),
    "list": ("<ul><li>", "</li></ul>"),
    "table": ("<table><tr><td>", "</td></tr></table>"),
    "link": ("<a href='https://ok.example/'>", "</a>"),
    "unclosed": ("<p><b><i>", ""),
}


@pytest.mark.parametrize("nesting", list(NESTINGS))
def test_ten_thousand_nested_elements_import_paste_and_export(tmp_path: Path, nesting: str) -> None:
    # Linear, not quadratic: nested table cells took 90 s to paste before (0.5 s now).
    opening, closing = NESTINGS[nesting]
    source = f"<html><body>{opening * 10_000}KEEPNEST{closing * 10_000}<p>KEEPAFTER</p>"
    kept = ["KEEPNEST", "KEEPAFTER"]

    for canonical in (
        "\n".join(_import(tmp_path, "nested.html", source.encode("utf-8"))),
        "\n".join(_import(tmp_path, "nested.md", source.encode("utf-8"))),
        clean_html(source),
    ):
        assert all(m in plain_text(canonical) for m in kept), canonical[:200]
        export_everywhere(canonical, kept)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_invalid_utf8_and_rtl_overrides_keep_their_text(tmp_path: Path, suffix: str) -> None:
    data = (
        b"KEEPBYTES1 \xff\xfe\xc3\x28 \xed\xa0\x80 broken\n\n"
        + "\u202eKEEPBYTES2\u202c \u2066KEEPBYTES3\u2069 \u200fmark".encode()
        + b"\n\nKEEPBYTES4 <script>alert(1)</script>\n"
    )
    kept = [f"KEEPBYTES{i}" for i in range(1, 5)]

    texts = _import(tmp_path, f"bytes{suffix}", data)

    canonical = "\n".join(texts)
    assert all(m in plain_text(canonical) for m in kept), canonical
    assert "<script" not in canonical
    export_everywhere(canonical, kept)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_a_file_with_nul_bytes_is_refused_with_a_reason(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"nul{suffix}"
    path.write_bytes(b"Some text\x00with\x00\x00 NUL bytes in it, and more text after.\n")

    with pytest.raises(ImportFailed, match=r"nul\.\w+.* binary data"):
        read_files([path])


@pytest.mark.parametrize(
    "source",
    [
        "<p>KEEPNUL1&#0;KEEPNUL2</p>",
        "<p>KEEPNUL1\x00KEEPNUL2</p>",
        "<p>KEEPNUL1&#x0;<a href='java\x00script:alert(1)'>KEEPNUL2</a></p>",
    ],
)
def test_nul_characters_in_html_are_dropped_and_the_text_kept(tmp_path: Path, source: str) -> None:
    for canonical in (
        "\n".join(_import(tmp_path, "nul.html", source.encode("utf-8").replace(b"\x00", b""))),
        clean_html(source),
    ):
        assert "\x00" not in canonical
        assert "KEEPNUL1" in canonical and "KEEPNUL2" in canonical
        export_everywhere(canonical, ["KEEPNUL1", "KEEPNUL2"])


def test_a_fifty_megabyte_text_file_imports_whole(tmp_path: Path) -> None:
    # Measured: 4.5 s to read 50 MB (and 7.7 s as HTML) on the build machine; it must
    # finish, in one piece, rather than hang or be cut.
    paragraph = "She said it would rain, and it did, all afternoon over the harbour. " * 8
    count = 50 * 1024 * 1024 // (len(paragraph) + 2) + 1
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as f:
        f.write("KEEPFIRST\n\n")
        for _ in range(count):
            f.write(paragraph + "\n\n")
        f.write("KEEPLAST\n")
    assert path.stat().st_size > 50 * 1024 * 1024

    result = read_files([path])

    body = "\n".join(ch.body for ch in result.chapters)
    assert body.count("harbour") == count * 8
    assert "KEEPFIRST" in body and "KEEPLAST" in body


def _zip_bomb_docx(unpacked_mb: int) -> bytes:
    """A real Word document whose body part unpacks to ``unpacked_mb`` MB of spaces."""
    import docx

    document = docx.Document()
    document.add_paragraph("Hello.")
    plain = io.BytesIO()
    document.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "word/document.xml":
                bomb.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<w:body>", 1)
            with bomb.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(head + b"<w:body>")
                chunk = b" " * (1024 * 1024)
                for _ in range(unpacked_mb):
                    part.write(chunk)
                part.write(tail)
    return out.getvalue()


def test_a_zip_bomb_docx_is_refused_by_its_declared_sizes_before_unpacking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _zip_bomb_docx(MAX_UNPACKED // (1024 * 1024) + 64)
    assert len(data) < 2 * 1024 * 1024  # small on disk: that is the trap
    path = tmp_path / "bomb.docx"
    path.write_bytes(data)

    def no_unpacking(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("a part of the bomb was unpacked")

    monkeypatch.setattr(zipfile.ZipExtFile, "read", no_unpacking)
    monkeypatch.setattr(zipfile.ZipExtFile, "read1", no_unpacking)

    with pytest.raises(ImportFailed, match=r"bomb\.docx.* would unpack to \d[\d,]* MB"):
        read_files([path])


def test_a_zip_bomb_under_the_size_limit_is_refused_by_its_ratio(tmp_path: Path) -> None:
    data = _zip_bomb_docx(100)  # 100 MB from a few hundred kB: no manuscript packs so well
    path = tmp_path / "ratio.docx"
    path.write_bytes(data)

    with pytest.raises(ImportFailed, match=r"ratio\.docx.* would unpack"):
        read_files([path])


def test_an_ordinary_word_document_still_imports(tmp_path: Path) -> None:
    texts = _import(tmp_path, "fine.docx", _docx_with_links([("KEEPOK", "https://ok.example/")]))

    assert '<a href="https://ok.example/">KEEPOK</a>' in "\n".join(texts)


@pytest.mark.parametrize("control", ["\u202e", "\u202d", "\u2067", "\u200f"])
def test_a_bidi_control_in_a_title_cannot_disguise_an_export_file_name(control: str) -> None:
    # "\u202egnp.html" would show as "lmth.png": a chapter file must show what it is.
    chapter = ExportChapter(1, 1, f"{control}gnp.exe", "<p>x</p>", 1, ChapterMeta())
    work = ExportWork(WorkMeta(title=f"{control}fdp.exe"), (chapter,))

    name = chapter_file_name(work, chapter, TARGETS["ffn"])

    assert control not in name
    assert name == "01 - _gnp.exe.html"
    assert control not in safe_file_name(work.meta.title)

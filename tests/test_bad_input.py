"""Bad input, everywhere text comes in or goes out: arbitrary Unicode (emoji, RTL, combining
marks, joiners, BOM, NUL and other controls, U+2028/2029) and malformed HTML through the
canonical loader, paste cleanup, every importer, every exporter and the store.

Two promises, checked on generated input: nothing crashes (an importer may refuse a file,
with ImportFailed and a message, never with anything else), and no text is lost. "Text" is
what richtext's module docstring says survives: everything but whitespace, controls and the
placeholders it drops (U+FFFC, U+FDD0, U+FDD1). Losses a format documents (Markdown syntax,
a scene-break line such as "xXx" becoming a rule, a link's address on FFN) are left out of
what is expected, never words of prose.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocument

from editor.formats.importers import ImportFailed, read_files
from editor.formats.importers.header import _RATINGS, parse_rating
from editor.formats.importers.split import plain_letters
from editor.formats.layout import is_symbol_line
from editor.formats.targets import TARGETS, export_to
from editor.formats.work import ExportChapter, ExportOptions, ExportWork
from editor.model import ChapterMeta, WorkMeta
from editor.store.project import Changes, Project
from editor.text import qtdoc
from editor.text.links import link_allowed
from editor.text.markdown import to_canonical as markdown_to_canonical
from editor.text.paste import clean_html, is_scene_break_line
from editor.text.richtext import (
    ALIGNMENTS,
    MARKS,
    Block,
    Run,
    _word_with_marks,
    clean_text,
    normalize,
    parse,
    plain_text,
    serialize,
    word_count,
)

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# -- text ----------------------------------------------------------------------------------

# Pieces a random character rarely hits but authors' files hold.
ODD_PIECES = [
    "😀", "👩‍👩‍👧", "🇫🇷", "👍🏽", "𝔘𝔫𝔦",  # astral, ZWJ sequences, flags, modifiers
    "مرحبا بالعالم", "שָׁלוֹם", "\u200f", "\u200e", "\u202e",  # RTL, marks and overrides
    "e\u0301", "\u0301", "नमस्ते", "\u200d", "\u200c", "\u200b", "\u2060", "\xad",
    "\ufeff", "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85",
    "\t", "\r", "\n", "\r\n", "\u2028", "\u2029", "\ufffc", "\ufdd0", "\ufdd1", "\ufffe", "\uffff",
    "&", "<", ">", '"', "'", "&amp;", "&lt;", "<p>", "</em>", "]]>", "-->",
    " ", "  ", "\xa0", "\u3000", "could've", "well-known", "3.5", "***", "xXx",
]  # fmt: skip
_CHAR = st.characters(exclude_categories=("Cs",))


def text(max_size: int = 30, char: st.SearchStrategy[str] = _CHAR) -> st.SearchStrategy[str]:
    return st.lists(char | st.sampled_from(ODD_PIECES), max_size=max_size).map("".join)


TEXT = text()
# What must survive: letters, digits, marks, punctuation, symbols, format characters
# (joiners, BOM, direction marks) and private use; not whitespace nor controls, and not the
# placeholders richtext documents as dropped.
_DROPPED = frozenset("\ufffc\ufdd0\ufdd1")


def kept(text: str, also_dropped: frozenset[str] = frozenset()) -> str:
    return "".join(
        c
        for c in text
        if unicodedata.category(c)[0] in "LMNPS" or unicodedata.category(c) in ("Cf", "Co")
        if c not in _DROPPED and c not in also_dropped
    )


def is_subsequence(needle: str | list[str], haystack: str | list[str]) -> bool:
    it = iter(haystack)
    return all(any(x == y for y in it) for x in needle)


def assert_subsequence(
    needle: str | list[str], haystack: str | list[str], context: str = ""
) -> None:
    if is_subsequence(needle, haystack):
        return
    # Say where it breaks: the longest prefix that is found.
    n = 0
    while n < len(needle) and is_subsequence(needle[: n + 1], haystack):
        n += 1
    raise AssertionError(
        f"{context}: lost {needle[n]!r} (item {n} of {len(needle)}) in {haystack!r}"
    )


def words(text: str) -> list[str]:
    return _word_with_marks().findall(text)


# -- malformed HTML ---------------------------------------------------------------------------

KNOWN_TAGS = ["p", "div", "span", "b", "i", "em", "strong", "u", "s", "sup", "sub", "a", "h1",
              "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "br", "hr", "pre",
              "center", "font", "table", "tr", "td", "del", "ins", "cite", "img", "o:p", "dl",
              "dd", "section", "x-custom", "wbr", "body", "html", "textarea", "label"]  # fmt: skip
SKIPPING_TAGS = ["script", "style", "title", "svg", "template", "head", "noscript", "iframe"]
HIDING_ATTRS = ['style="display:none"', "hidden", 'aria-hidden="true"']
ATTR_VALUES = ["font-weight:bold", "font-style:italic;text-align:center", "margin-left:48pt",
               "text-decoration:underline line-through", "vertical-align:super",
               "font-weight:normal", "mso-list:l0 level1 lfo1", "mso-spacerun:yes", "",
               "http://example.com/?a=1&b=2", "javascript:alert(1)", "x>y", "a'b", "#top",
               "MsoListParagraph", "MsoNormal", "center", "right", "ltr"]  # fmt: skip
ATTR_NAMES = ["style", "class", "href", "align", "dir", "id", "lang", "data-x", "title"]
ENTITIES = ["&amp;", "&lt;", "&gt;", "&quot;", "&eacute;", "&nbsp;", "&#65;", "&#x1F600;",
            "&#0;", "&#xD800;", "&#x110000;", "&#99999999999;", "&#x;", "&bogus;",
            "&#8233;", "&#13;", "&#xFEFF;", "&#9;", "&#128;", "&#x2028;"]  # fmt: skip
# Followed by a space, so that they cannot join the text after them into an entity.
OPEN_ENTITIES = ["& ", "&amp ", "&copy ", "&#65 ", "&#x41 ", "&; "]
# Markup that ends where it says: it swallows no text after it.
CLOSED_JUNK = ["<!-- a comment -->", "<!--->", "<!---->", "<!-- <p>x</p> -->", "<![CDATA[x<y]]>",
               "<![if !supportLists]>", "<![endif]>", "<![if !vml]>", "<![endif]-->",
               "<!--[if gte mso 9]><xml>w</xml><![endif]-->", "<!DOCTYPE html>", "<?xml x?>",
               "</>", "< p>", "<3 ", "</p foo>", "<p/>", "<br/>", "</br>", "</ x>", "<![bogus]>",
               "<![ x]>", "<!x>", "</li></ul></ol>", "</blockquote>", "<!-- x -- y -->",
               "<![if !supportLineBreakNewLine]>"]  # fmt: skip
# Markup that may swallow the rest of the document (as a browser would too).
OPEN_JUNK = ["<!-- open", "<", "</", "<p", '<p a="', "<p a='", "<![CDATA[", "<!", "<![if",
             "<!DOCTYPE x [ <!ENTITY a 'b'> ]>", "<![bogus[x]]>", "&", "&#", "&#x", "<?",
             "<a href=", "<scr", "<style", "]]>", "-->", "<!--"]  # fmt: skip


@st.composite
def attribute(draw: st.DrawFn, hiding: bool) -> str:
    if hiding and draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(HIDING_ATTRS))
    name = draw(st.sampled_from(ATTR_NAMES))
    value = draw(st.sampled_from(ATTR_VALUES) | text(8).map(lambda t: html.escape(t)))
    quote = draw(st.sampled_from(['"', "'", "", "none"]))
    if quote == "none":
        return name
    if quote == "" and (not value or re.search(r"[\s\"'=<>`]", value)):
        quote = '"'
    if quote == "'":
        value = value.replace("'", "&#39;")
    if quote == '"':
        value = value.replace('"', "&quot;")
    return f"{name}={quote}{value}{quote}"


@st.composite
def tag(draw: st.DrawFn, names: list[str], hiding: bool) -> str:
    name = draw(st.sampled_from([str.lower, str.upper, str.title]))(draw(st.sampled_from(names)))
    if draw(st.booleans()):
        return f"</{name}>"
    attrs = draw(st.lists(attribute(hiding), max_size=3))
    space = draw(st.sampled_from([" ", "  ", "\n", "\t"]))
    close = draw(st.sampled_from([">", ">", " />", "/>"]))
    return f"<{name}{''.join(space + a for a in attrs)}{close}"


TEXT_RUN = TEXT.map(lambda t: html.escape(t, quote=False))
# Word's conditional sections whose content paste cleanup reads as a list marker or skips.
_WORD_CONDITIONALS = ("<![if !supportLists]>", "<![if !supportLineBreakNewLine]>")


@st.composite
def malformed_html(
    draw: st.DrawFn, *, lossless: bool, hiding: bool = False, word_sections: bool = True
) -> tuple[str, str]:
    """Markup and the text its text runs hold. ``lossless``: only markup after which no
    text is meant to vanish (no script, no unclosed comment); ``hiding``: may hide content
    as pasted HTML does (display:none, hidden); ``word_sections``: may hold Word's
    conditional sections."""
    names = KNOWN_TAGS + ([] if lossless else SKIPPING_TAGS)
    junk = CLOSED_JUNK + ([] if lossless else OPEN_JUNK)
    if not word_sections:
        junk = [j for j in junk if j not in _WORD_CONDITIONALS]
    pieces = st.one_of(
        st.tuples(st.just("text"), TEXT_RUN),
        st.tuples(st.just("tag"), tag(names, hiding)),
        st.tuples(st.just("entity"), st.sampled_from(ENTITIES + OPEN_ENTITIES)),
        st.tuples(st.just("junk"), st.sampled_from(junk)),
        st.tuples(st.just("raw"), st.just("") if lossless else TEXT),
    )
    source: list[str] = []
    runs: list[str] = []
    for kind, piece in draw(st.lists(pieces, max_size=25)):
        source.append(piece)
        if kind == "text":
            runs.append(html.unescape(piece))
    return "".join(source), " ".join(runs)


ANY_HTML = malformed_html(lossless=False, hiding=True).map(lambda pair: pair[0]) | TEXT


# -- the canonical loader -------------------------------------------------------------------


@FAST
@given(ANY_HTML)
def test_normalize_never_raises_and_is_idempotent(source: str) -> None:
    once = normalize(source)

    assert normalize(once) == once
    assert parse(once) == parse(normalize(once))


@FAST
@given(malformed_html(lossless=True))
def test_normalize_keeps_every_character_of_the_text(pair: tuple[str, str]) -> None:
    source, runs = pair

    out = plain_text(normalize(source))

    assert_subsequence(kept(runs), kept(out))


@FAST
@given(TEXT)
def test_plain_text_in_a_paragraph_comes_back_exactly_as_documented(raw: str) -> None:
    out = plain_text(normalize(f"<pre>{html.escape(raw, quote=False)}</pre>"))

    assert kept(out) == kept(raw)


@SLOW
@given(ANY_HTML)
def test_a_qt_document_holds_whatever_normalize_returns(qapp, source: str) -> None:  # type: ignore[no-untyped-def]
    canonical = normalize(source)
    doc = QTextDocument()

    qtdoc.load(doc, canonical)

    assert qtdoc.to_canonical(doc) == canonical


# -- paste cleanup ----------------------------------------------------------------------------


@FAST
@given(ANY_HTML)
def test_paste_cleanup_never_raises_and_is_idempotent(source: str) -> None:
    once = clean_html(source)

    assert clean_html(once) == once
    assert normalize(once) == once


# A paragraph of these alone is empty to paste cleanup (paste.py's _BLANK).
_PASTE_BLANK = frozenset("\u200b\ufeff")


@FAST
@given(malformed_html(lossless=True, word_sections=False))
def test_paste_cleanup_keeps_every_character_of_the_text(pair: tuple[str, str]) -> None:
    source, _runs = pair
    # Cleanup turns a paragraph that draws a scene break ("***", "xXx") into a rule: compare
    # with the text of the other paragraphs, as the lenient parser (checked above) reads them.
    expected = "\n".join(
        b.text() for b in parse(source) if b.kind != "hr" and not is_scene_break_line(b.text())
    )

    out = plain_text(clean_html(source))

    assert_subsequence(kept(expected, _PASTE_BLANK), kept(out, _PASTE_BLANK))


# -- importers --------------------------------------------------------------------------------

LINES = st.lists(TEXT, min_size=1, max_size=12).map("\n".join)
HEADER_KEYS = ["Title: ", "Author: ", "Rating: ", "Fandom: ", "Summary: ", "A/N: ", "Notes: ",
               "Disclaimer: ", "Tags: ", "Chapter 1: ", "Chapter 2\n", "Part 3 - ", "Prologue\n",
               "Pairing: ", "Warnings: ", "Status: ", "Chapter 7 of 9: ", "", "", ""]  # fmt: skip
# The words a rating line may name its rating by ("Fiction K+", "PG-13", "E").
RATING_WORDS = frozenset(
    w for name in [*_RATINGS, "fiction"] for w in _word_with_marks().findall(name)
)
HEADERED = st.lists(
    st.tuples(st.sampled_from(HEADER_KEYS), TEXT.map(lambda t: " ".join(t.split()))),
    min_size=1,
    max_size=12,
)


def imported_text(files: list[Path], **options: bool) -> str | None:
    """The imported chapters as plain text, or None when the import was refused."""
    try:
        result = read_files(files, **options)
    except ImportFailed as e:
        assert str(e).strip(), "an import failure says why"
        assert any(f.name in str(e) for f in files) or "no files" in str(e), str(e)
        return None
    return "\n".join(plain_text(ch.body) for ch in result.chapters)


def _decoded(text: str) -> str:
    """``text`` as ``decode`` documents it comes out of a text file."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _prose_lines(text: str) -> str:
    """``text`` as an importer's promise covers it: the mapping ``clean_text`` documents,
    and without lines that draw a scene break ("xXx")."""
    from editor.formats.importers.split import is_scene_break

    text = clean_text(text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if not is_scene_break(line))


@FAST
@given(LINES, st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_a_text_file_imports_every_word_or_is_refused_with_a_reason(
    tmp_path_factory: pytest.TempPathFactory, raw: str, encoding: str
) -> None:
    path = tmp_path_factory.mktemp("txt") / "story.txt"
    path.write_bytes(raw.encode(encoding))

    out = imported_text([path], detect_header=False, split_chapters=False)

    if out is not None:
        assert_subsequence(words(_prose_lines(_decoded(raw))), words(out))
        assert_subsequence(words(out), words(clean_text(_decoded(raw))))  # and invents none


@FAST
@given(LINES)
def test_an_html_file_imports_every_word_or_is_refused_with_a_reason(
    tmp_path_factory: pytest.TempPathFactory, raw: str
) -> None:
    path = tmp_path_factory.mktemp("html") / "story.html"
    paragraphs = "".join(f"<p>{html.escape(line, quote=False)}</p>\n" for line in raw.split("\n"))
    path.write_text(f"<html><body>\n{paragraphs}</body></html>", encoding="utf-8")

    out = imported_text([path], detect_header=False, split_chapters=False)

    if out is not None:
        expected = "\n".join(b.text() for b in parse(paragraphs))
        assert_subsequence(words(_prose_lines(expected)), words(out))


# Prose without Markdown syntax: what a Markdown file must keep word for word.
_PROSE = st.characters(
    exclude_categories=("Cs", "Cc"),
    exclude_characters="\\`*_[]<>&!#~|-+=:.)(\u2028\u2029\ufffc\ufdd0\ufdd1",
)


@FAST
@given(st.lists(text(30, _PROSE), min_size=1, max_size=12).map("\n".join))
def test_a_markdown_file_of_prose_imports_every_word(
    tmp_path_factory: pytest.TempPathFactory, raw: str
) -> None:
    raw = "".join(c for c in raw if c not in "\\`*_[]<>&!#~|-+=:.)(")  # from ODD_PIECES
    path = tmp_path_factory.mktemp("md") / "story.md"
    path.write_text(raw, encoding="utf-8")

    out = imported_text([path], detect_header=False, split_chapters=False)

    if out is not None:
        assert_subsequence(words(_prose_lines(_decoded(raw))), words(out))


@FAST
@given(
    st.one_of(
        LINES,
        ANY_HTML,
        ANY_HTML.map(
            lambda h: (
                f'<html><body><div id="preface">{h}</div><div id="chapters">{h}'
                f'<div class="userstuff">{h}</div></div><div id="afterword">{h}</div></body></html>'
            )
        ),
    ),
    st.sampled_from(["story.txt", "story.md", "story.html", "ao3.htm"]),
    st.booleans(),
    st.booleans(),
)
def test_any_file_imports_or_is_refused_with_a_reason(
    tmp_path_factory: pytest.TempPathFactory,
    raw: str,
    name: str,
    detect_header: bool,
    split_chapters: bool,
) -> None:
    path = tmp_path_factory.mktemp("any") / name
    path.write_text(raw, encoding="utf-8")

    imported_text([path], detect_header=detect_header, split_chapters=split_chapters)


@FAST
@given(HEADERED)
@example([("Rating: ", "E")])
def test_a_fic_header_loses_no_word_of_its_values(
    tmp_path_factory: pytest.TempPathFactory, lines: list[tuple[str, str]]
) -> None:
    path = tmp_path_factory.mktemp("header") / "story.txt"
    path.write_text("\n".join(key + value for key, value in lines), encoding="utf-8")

    try:
        result = read_files([path])
    except ImportFailed:
        return
    found: list[str] = []
    for chapter in result.chapters:
        found.append(chapter.title)
        for rich in (chapter.body, chapter.summary, chapter.notes_begin, chapter.notes_end):
            found.append(plain_text(rich))
        found.extend(chapter.warnings)
    for value in result.fields.values():
        items = value if isinstance(value, tuple) else (value,)
        found.extend(str(v) for v in items)
        found.extend(plain_text(v) for v in items if isinstance(v, str) and "<" in v)  # rich
    found.extend(f.value for f in result.findings)
    # A header value may be marked up as Markdown-ish emphasis ("_Title_"): the marks go.
    # Plain fields (a title) keep what clean_text would map; rich ones are mapped.
    everything = "\n".join(found)
    have = {w.strip("_") for w in words(everything) + words(clean_text(everything))}
    for key, value in lines:
        # "Rating: E" is read as the rating it names: the field says "Explicit", not "E".
        named = RATING_WORDS if key == "Rating: " and parse_rating(value) else frozenset()
        for word in words(_prose_lines(value)):
            if word.lower() in named:
                continue
            # A chapter heading's styled letters (𝘛𝘩𝘦) are read as the letters they style.
            plain = plain_letters(word) if key.startswith("Chapter") else word
            assert {word.strip("_"), plain.strip("_")} & have or not word.strip("_"), (
                word,
                lines,
            )


def _docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# What a .docx can hold: XML 1.0 characters.
_XML_CHAR = st.characters(
    exclude_categories=("Cs",), exclude_characters="".join(map(chr, range(32))) + "\ufffe\uffff"
)


@SLOW
@given(st.lists(text(30, _XML_CHAR), min_size=1, max_size=8))
def test_a_word_document_imports_every_word(
    tmp_path_factory: pytest.TempPathFactory, paragraphs: list[str]
) -> None:
    paragraphs = [re.sub("[\x00-\x1f\ufffe\uffff]", "", p) for p in paragraphs]  # ODD_PIECES
    path = tmp_path_factory.mktemp("docx") / "story.docx"
    path.write_bytes(_docx_bytes(paragraphs))

    out = imported_text([path], detect_header=False, split_chapters=False)

    if out is not None:
        expected = "\n".join(_prose_lines(p) for p in paragraphs)
        assert_subsequence(words(expected), words(out))
    else:
        assert not any(words(p) for p in paragraphs)


@FAST
@given(st.binary(max_size=200), st.sampled_from(["a.txt", "a.md", "a.html", "a.docx"]))
def test_random_bytes_import_or_are_refused_with_a_reason(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str
) -> None:
    path = tmp_path_factory.mktemp("bytes") / name
    path.write_bytes(data)

    imported_text([path])


def test_a_damaged_word_document_is_refused_with_a_reason(tmp_path: Path) -> None:
    data = bytearray(_docx_bytes(["Hello there."]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        assert "word/document.xml" in z.namelist()
    path = tmp_path / "broken.docx"
    path.write_bytes(bytes(data[: len(data) // 2]))

    with pytest.raises(ImportFailed, match=r"broken\.docx"):
        read_files([path])


# -- exporters --------------------------------------------------------------------------------

HREF = st.sampled_from(["http://example.com/a?b=1&c=2", "https://x.org/ü (1)", "javascript:x",
                        "mailto:a@b.c", "#note", "", "ftp://f", "/rel"]) | TEXT  # fmt: skip
MARK_SETS = st.frozensets(st.sampled_from(MARKS)).filter(lambda m: not {"sup", "sub"} <= m)
SHORT = text(8)
RUNS = st.lists(st.builds(Run, text(12), MARK_SETS, st.none() | HREF), max_size=4)


@st.composite
def blocks(draw: st.DrawFn) -> Block:
    kind = draw(st.sampled_from(["p", "p", "p", "h2", "h3", "h4", "hr", "li", "li"]))
    return Block(
        kind=kind,
        runs=[] if kind == "hr" else draw(RUNS),
        align=None if kind in ("hr", "li") else draw(st.none() | st.sampled_from(ALIGNMENTS)),
        quote=draw(st.booleans()),
        list_type=draw(st.sampled_from(["ul", "ol"])) if kind == "li" else None,
    )


BODY = st.lists(blocks(), max_size=6).map(serialize)
RICH = st.just("") | st.lists(blocks(), max_size=2).map(serialize) | SHORT
TEMPLATE = st.lists(
    st.sampled_from(["{title}", "{notes_begin}", "{summary}", "{bogus}", "{", "}", "{{", "\n"])
    | SHORT,
    max_size=6,
).map("".join)
STRINGS = st.lists(SHORT, max_size=2).map(tuple)
WORK_META = st.builds(
    WorkMeta,
    title=SHORT,
    author=SHORT,
    fandoms=STRINGS,
    content_warnings=STRINGS,
    relationships=STRINGS,
    characters=STRINGS,
    additional_tags=STRINGS,
    language=st.sampled_from(["English", "Deutsch", "中文", ""]) | SHORT,
    english_variant=st.sampled_from(["US", "GB"]) | SHORT,
    ao3_notes_template=TEMPLATE,
    ffn_header_template=TEMPLATE,
    summary=RICH,
    series_name=SHORT,
    series_part=st.none() | st.integers(-1, 10**6),
    expected_chapters=st.none() | st.integers(-1, 10**6),
    disclaimer=RICH,
    dedication=RICH,
    gift_recipients=STRINGS,
    prompt=RICH,
    prompt_by=SHORT,
    prompt_collection=SHORT,
)
CHAPTER_META = st.builds(
    ChapterMeta, summary=RICH, notes_begin=RICH, notes_end=RICH, warnings=STRINGS
)


@st.composite
def export_works(draw: st.DrawFn) -> ExportWork:
    bodies = draw(st.lists(BODY, min_size=1, max_size=2))
    chapters = tuple(
        ExportChapter(
            id=n * 7,
            number=n,
            title=draw(SHORT),
            body=body,
            words=word_count(body),
            meta=draw(CHAPTER_META),
        )
        for n, body in enumerate(bodies, 1)
    )
    return ExportWork(meta=draw(WORK_META), chapters=chapters)


OPTIONS = st.builds(
    ExportOptions,
    chapters=st.none() | st.lists(st.integers(0, 4), max_size=3),
    parts=st.frozensets(
        st.sampled_from(["title", "rating", "warnings", "summary", "notes_begin", "notes_end"])
    ),
)


def body_words(body: str, key: str, strip: str = "") -> list[str]:
    """The words an export must keep: those of every paragraph but one that only draws a
    scene break ("xXx"), which FFN and plain text write as a rule. Plain text writes a
    link's address after its text ("Harry (url)'s"), so a word half in a link is two words
    there; EPUB and DOCX hold only what XML can (``layout.xml_safe``)."""
    from editor.formats.layout import xml_safe

    text = "\n".join(
        _links_apart(b.runs) if key == "txt" else b.text()
        for b in parse(body)
        if b.kind != "hr" and not is_symbol_line(b)
    )
    text = clean_text(text)
    if key in ("epub", "docx", "ffn-docx", "odt", "pdf"):
        text = xml_safe(text)
    return words(text.translate({ord(c): None for c in strip}))


def _links_apart(runs: list[Run]) -> str:
    """A paragraph's text with a space after each link whose address plain text writes
    (an absolute one: a text file has no address to read a relative one against)."""
    out: list[str] = []
    link: list[str] = []
    for run, after in zip(runs, [*runs[1:], Run("")], strict=False):
        out.append(run.text)
        if run.href and link_allowed(run.href, relative=False):
            link.append(run.text)
            if after.href != run.href:
                if "".join(link) != run.href:
                    out.append(" ")
                link = []
    return "".join(out)


# Markup that text targets write around and inside words: compared without it.
_TXT_MARKUP = "*_~"
_BBCODE_TAG = re.compile(r"\[/?(?:B|I|U|S|URL(?:=[^\]]*)?|CENTER|RIGHT|QUOTE|LIST(?:=1)?|\*|"
                         r"SIZE=\d|HR|PLAIN)\]")  # fmt: skip


def exported_words(key: str, out: str | bytes, tmp: Path) -> tuple[list[str], str]:
    """The words of an export, and the characters to ignore in the body's words."""
    if key in ("ao3", "ffn", "html"):
        assert isinstance(out, str)
        return words(plain_text(normalize(out))), ""
    if key == "md":
        assert isinstance(out, str)
        # Read back as a Markdown reader would; delimiters CommonMark cannot pair stay.
        text = plain_text(markdown_to_canonical(out, raw_html=True))
        return words(text.translate({ord(c): None for c in _TXT_MARKUP})), _TXT_MARKUP
    if key == "txt":
        assert isinstance(out, str)
        return words(out.translate({ord(c): None for c in _TXT_MARKUP})), _TXT_MARKUP
    if key == "bbcode":
        assert isinstance(out, str)
        return words(_BBCODE_TAG.sub("", out)), ""
    if key == "epub":
        return words(_epub_text(out, tmp)), ""
    if key == "odt":
        return words(_odt_text(out)), ""
    assert key in ("docx", "ffn-docx")
    return words(_docx_text(out)), ""


def _epub_text(out: str | bytes, tmp: Path) -> str:
    import ebooklib
    from ebooklib import epub
    from lxml import html as lxml_html

    assert isinstance(out, bytes)
    path = tmp / "book.epub"
    path.write_bytes(out)
    book = epub.read_epub(str(path))
    texts = []
    for item_id, _linear in book.spine:
        item = book.get_item_with_id(item_id)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT:
            continue
        content = item.get_content()
        assert content.strip(), f"{item_id} is empty"
        page = lxml_html.fromstring(content)
        for element in page.iter("br", "p", "h1", "h2", "h3", "h4", "li", "div", "hr"):
            element.tail = "\n" + (element.tail or "")  # they end a line
        texts.append(page.text_content())
    return "\n".join(texts)


def _odt_text(out: str | bytes) -> str:
    import zipfile

    from lxml import etree

    assert isinstance(out, bytes)
    with zipfile.ZipFile(io.BytesIO(out)) as odt:
        root = etree.fromstring(odt.read("content.xml"))
    text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    spaces = {f"{text}s": " ", f"{text}tab": "\t", f"{text}line-break": "\n"}

    def walk(element: etree._Element, out: list[str]) -> None:
        out.append(spaces.get(element.tag, "") * int(element.get(f"{text}c", "1")))
        out.append(element.text or "")
        for child in element:
            walk(child, out)
            out.append(child.tail or "")

    lines = []
    for element in root.iter(f"{text}p", f"{text}h"):
        parts: list[str] = []
        walk(element, parts)
        lines.append("".join(parts))
    return "\n".join(lines)


def _docx_text(out: str | bytes) -> str:
    import docx

    assert isinstance(out, bytes)
    document = docx.Document(io.BytesIO(out))
    return "\n".join(p.text for p in document.paragraphs)


@SLOW
@given(export_works(), OPTIONS)
def test_every_exporter_keeps_every_word_of_every_chapter(
    tmp_path_factory: pytest.TempPathFactory, work: ExportWork, options: ExportOptions
) -> None:
    tmp = tmp_path_factory.mktemp("export")
    selected = options.selected(work)
    for key in TARGETS:
        out = export_to(key, work, options)
        if key == "pdf":
            # The same Qt document as the ODT, whose words are checked; test_pdf renders it.
            assert isinstance(out, bytes) and out.startswith(b"%PDF-")
            continue

        have, strip = exported_words(key, out, tmp)
        expected = [w for ch in selected for w in body_words(ch.body, key, strip)]
        assert_subsequence(expected, have, key)


# -- the store --------------------------------------------------------------------------------


@SLOW
@given(TEXT | ANY_HTML, TEXT)
def test_the_store_gives_back_exactly_what_it_was_given(
    tmp_path_factory: pytest.TempPathFactory, body: str, value: str
) -> None:
    path = tmp_path_factory.mktemp("store") / "work.ficwright"
    project = Project.create(path, "Work")
    try:
        chapter = project.add_chapter("One", "", 0)
        project.save_body(chapter, body, 3)
        project.save(Changes(work={"summary": value, "author": value, "title": value}))
    finally:
        project.close()

    project = Project.open(path, read_only=True)
    try:
        assert project.body(chapter) == body
        assert project.meta().summary == value
        assert project.meta().author == value
        assert project.work().title == value
    finally:
        project.close()


# -- what the properties found ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "canonical"),
    [
        ("<![bogus[x]]>after", "<p>after</p>"),  # raised AssertionError before Python 3.13
        ("<![ x]>after", "<p>after</p>"),
        ("<!--->kept<!-- a comment -->", "<p>kept</p>"),  # "<!--->" swallowed up to "-->"
        ("<!-->kept<!-- a comment -->", "<p>kept</p>"),
        ("<![endif]-->kept<![CDATA[x]]>", "<p>kept</p>"),  # swallowed up to "]]>"
        ("<![CDATA[a>b]]>", "<p>b]]&gt;</p>"),  # as a browser reads it
    ],
)
def test_odd_declarations_end_where_a_browser_ends_them(source: str, canonical: str) -> None:
    assert normalize(source) == canonical
    assert clean_html(source) == canonical


@pytest.mark.parametrize(
    "canonical",
    [
        "<p>\ufeff</p>",
        "<p>\ufeffWord</p>",
        "<p>\ufffeab</p>",  # arrived in Qt byte-swapped, as "愀戀"
        "<p>x<em>\ufeffy</em></p>",
        '<p><a href="\ufeffhttp://x">link</a></p>',
    ],
)
def test_a_leading_byte_order_mark_survives_a_qt_document(qapp, canonical: str) -> None:  # type: ignore[no-untyped-def]
    doc = QTextDocument()

    qtdoc.load(doc, canonical)

    assert qtdoc.to_canonical(doc) == canonical


@pytest.mark.parametrize(
    ("text", "kept_words"),
    [
        ("Chapter 1: Storm\nChapter 7 of 9: Rain\n\nText.", ["Storm", "Rain"]),
        ("Chapter 7 of 9: Rain\nChapter 1: Storm\n\nText.", ["Storm", "Rain"]),
        ("Before.\n\n0.00\n\nAfter.", ["0.00"]),
        ("Before.\n\nO...\n\nAfter.", ["O"]),
        ('Before.\n\n"X!"\n\nAfter.', ["X"]),
    ],
)
def test_imported_lines_that_looked_like_headers_or_breaks_keep_their_words(
    tmp_path: Path, text: str, kept_words: list[str]
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")

    result = read_files([path])

    found = " ".join(ch.title + " " + plain_text(ch.body) for ch in result.chapters)
    for word in kept_words:
        assert word in words(found), found


def _one_chapter_work(body: str) -> ExportWork:
    return ExportWork(WorkMeta(title="T"), (ExportChapter(1, 1, "One", body, 1, ChapterMeta()),))


def test_a_word_document_export_takes_a_link_address_with_controls() -> None:
    work = _one_chapter_work('<p><a href="http://x/\x01">link</a></p>')

    out = export_to("docx", work, OPTIONS_ALL)

    assert "link" in _docx_text(out)


def test_a_book_export_keeps_words_apart_where_a_control_stood(tmp_path: Path) -> None:
    work = _one_chapter_work("<p>end\x0bstart</p>")  # Word's manual line break, as text

    assert_subsequence(["end", "start"], words(_docx_text(export_to("docx", work, OPTIONS_ALL))))
    epub_text = _epub_text(export_to("epub", work, OPTIONS_ALL), tmp_path)
    assert_subsequence(["end", "start"], words(epub_text))


@pytest.mark.parametrize("href", ["javascript:alert(1)", "http://x/\r\ny", "http://x/\x1b"])
def test_a_markdown_link_reads_back_as_a_link_or_as_its_text(href: str) -> None:
    body = f'<p>one<a href="{html.escape(href)}">two</a> three</p>'
    out = export_to("md", _one_chapter_work(body), OPTIONS_ALL)

    assert isinstance(out, str)
    assert_subsequence(["onetwo", "three"], words(plain_text(markdown_to_canonical(out))))


OPTIONS_ALL = ExportOptions()

"""A torture work for every exporter: what real chapters hold at the edges.

Every canonical mark nested and overlapping, links whose addresses hold ``& " : ? #`` (and
one with a colon but no scheme, which AO3 drops), CJK, Thai, Devanagari, right-to-left
text, emoji with joiners, combining marks, numbers AO3 splits ("3.5", "1,000"), a mark
splitting a word, a 50,000-character paragraph. ``big=True`` adds chapters at and over
AO3's 500,000-character limit (kept out of golden files: 1 MB each).
"""

# ruff: noqa: E501  (chapter bodies are kept one paragraph a line, as they are stored)
from __future__ import annotations

from editor.formats.limits import CHAPTER_TEXT
from editor.formats.work import ExportChapter, ExportWork
from editor.model import ArchiveWarning, ChapterMeta, Rating, WorkMeta
from editor.text.richtext import normalize, word_count

LONG_PARAGRAPH = ("The tide came in and the tide went out again. " * 1100)[:50_000].strip()

MARKS = """
<p><strong>b <em>bi <u>biu <s>bius <sup>up</sup><sub>down</sub></s></u></em></strong> plain</p>
<p><em>over<strong>lap</strong></em><strong>ping</strong> and overl<em>ap</em>ping and <u><s>both</s></u><s> one</s></p>
<p><a href="https://example.org/a?x=1&amp;y=2#frag">amp and fragment</a>, <a href="https://example.org/say?q=&quot;hi&quot;">a quoted query</a>, <a href="https://example.org/t?t=12:30">a time</a>, <a href="?t=12:30">no scheme but a colon</a>, <a href="#notes">a fragment</a>, <a href="/works/1">a relative one</a>, <a href="mailto:wren@example.org"><em>mail</em></a>.</p>
<h2>Heading with <em>emphasis</em></h2>
<h3>Third</h3>
<h4>Fourth</h4>
<blockquote>
<p>quoted <strong>bold</strong></p>
<ul>
<li>quoted item</li>
</ul>
</blockquote>
<ol>
<li>one</li>
<li>two<br />lines</li>
</ol>
<p align="center">centre</p>
<p align="right">right</p>
<p align="justify">justified</p>
<hr />
<p>-x-</p>
<p>o0o</p>
<p>~o~o~</p>
<p>xXx</p>
<p>* * *</p>
<p>=^.^=</p>
<p>^_^</p>
"""

SCRIPTS = """
<p>東京は今日も雨でした。ひらがなとカタカナ、漢字。</p>
<p>สวัสดีครับ ภาษาไทย</p>
<p>नमस्ते दुनिया, हिन्दी।</p>
<p dir="rtl">שלום עולם and مرحبا بالعالم</p>
<p>Emoji: 👩‍👩‍👧 🏳️‍🌈 👍🏽 ✉️</p>
<p>Combining: nai\u0308ve cafe\u0301 Z\u0335a\u0335l\u0335g\u0335o\u0335</p>
<p>Numbers: 3.5 and 1,000 and 12:30; don’t, well-known, yes—no, one--two.</p>
"""


def _chapter(number: int, title: str, body: str, meta: ChapterMeta | None = None) -> ExportChapter:
    canonical = normalize(body.strip())
    return ExportChapter(
        number, number, title, canonical, word_count(canonical), meta or ChapterMeta()
    )


def _filler(chars: int) -> str:
    """Paragraphs of prose whose AO3 HTML is exactly ``chars`` characters long."""
    line = "<p>" + "Word " * 19 + "end.</p>"  # 102 characters with its newline
    count, rest = divmod(chars + 1, len(line) + 1)
    paragraphs = [line] * count
    if rest:
        paragraphs[-1] = paragraphs[-1][:-4] + "x" * rest + "</p>"
    return "\n".join(paragraphs)


def torture_work(*, big: bool = False) -> ExportWork:
    meta = WorkMeta(
        title="Torture: <marks> & “quotes”",
        author="tester",
        fandoms=("Original Work",),
        rating=Rating.GENERAL,
        archive_warnings=(ArchiveWarning.CHOSE_NOT_TO_USE,),
        language="English",
        summary=normalize(
            '<p>A <em>summary</em> with <a href="https://example.org/?q=&quot;s&quot;">a link</a>.</p>'
        ),
    )
    chapters = [
        _chapter(
            1,
            "Marks",
            MARKS,
            ChapterMeta(summary="<p>Every mark.</p>", notes_begin="<p>Notes.</p>"),
        ),
        _chapter(2, "Scripts", SCRIPTS, ChapterMeta(notes_end="<p>End.</p>")),
        _chapter(3, "", f"<p>{LONG_PARAGRAPH}</p>"),
    ]
    if big:
        chapters.append(_chapter(4, "At the limit", _filler(CHAPTER_TEXT.max_chars)))
        chapters.append(_chapter(5, "Over the limit", _filler(CHAPTER_TEXT.max_chars + 20_000)))
    return ExportWork(meta, tuple(chapters))

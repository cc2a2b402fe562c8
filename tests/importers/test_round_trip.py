"""Export then import gives back the same work, for every format Ficwright both writes and
reads (Markdown, HTML, DOCX, plain text), over random works.

Markdown, HTML and DOCX give back every chapter's title, text, summary, notes and warnings
and every work field the layout carries, exactly. Plain text has no markup: it gives back the
titles, the fields, and every chapter's words. What no format can carry is left out of the
random works and listed in the guide: blank paragraphs, paragraphs of symbols (they become
scene breaks), relative links, and in DOCX a list or rule inside a quote.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.formats.importers import ImportResult, read_files
from editor.formats.targets import export_to
from editor.formats.work import ExportChapter, ExportOptions, ExportWork
from editor.model import ArchiveWarning, Category, ChapterMeta, Rating, WorkMeta
from editor.text.richtext import Block, Run, normalize, plain_text, serialize, word_count

WORDS = ["lamp", "Wren’s", "well-known", "café", "naïve", "灯台", "ظل", "🌊", "3.5", "1,000",
         "it's", "“Hush,”", "sea—", "x²", "Tamsin", "the", "a", "storm", "&", "<tide>", "50%",
         "e\u0301tude", "forty"]  # fmt: skip
NAMES = ["Wren", "Tamsin", "The Stranger", "Kell", "Old Maud", "Ångström"]
TAGS = ["Lighthouses", "Time Travel", "Found Family", "Letters", "Slow Burn", "Hurt/Comfort",
        "灯台守", "Angst with a Happy Ending"]  # fmt: skip

# Every field the whole-work layout writes, as the import reads it back.
FIELDS = ("title", "author", "fandoms", "rating", "archive_warnings", "content_warnings",
          "categories", "relationships", "characters", "additional_tags", "language",
          "series_name", "series_part", "summary", "disclaimer", "dedication", "prompt",
          "prompt_by", "prompt_collection")  # fmt: skip
RICH = {"summary", "disclaimer", "dedication", "prompt"}

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
marks = st.sets(st.sampled_from(["em", "strong", "u", "s"]), max_size=2).map(frozenset)


@st.composite
def runs(draw: st.DrawFn) -> list[Run]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        text = draw(words)
        if draw(st.booleans()) and out:
            out.append(Run(" "))
        href = draw(st.sampled_from([None, None, "https://example.org/a?b=1&c=d#e"]))
        out.append(Run(text, draw(marks), href))
    return out


@st.composite
def body(draw: st.DrawFn, *, rules: bool = True, headings: bool = True) -> str:
    blocks: list[Block] = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["p", "p", "p", "quote", "list", "heading", "hr"]))
        if kind == "hr" and rules:
            blocks.append(Block("hr"))
        elif kind == "heading" and headings:
            level = draw(st.sampled_from(["h2", "h3", "h4"]))
            blocks.append(Block(level, [Run(draw(words))]))
        elif kind == "quote":
            blocks += [Block("p", draw(runs()), quote=True) for _ in range(draw(st.integers(1, 2)))]
        elif kind == "list":
            list_type = draw(st.sampled_from(["ul", "ol"]))
            items = draw(st.integers(1, 3))
            blocks += [Block("li", draw(runs()), list_type=list_type) for _ in range(items)]
        else:
            align = draw(st.sampled_from([None, None, "center", "right", "justify"]))
            blocks.append(Block("p", draw(runs()), align))
    return normalize(serialize(blocks))


def rich(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["", draw(body(rules=False, headings=False))]))


def tags(pool: list[str]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(pool), max_size=3, unique=True).map(tuple)


def enums(kind: type[Any]) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(st.sampled_from(list(kind)), max_size=2, unique=True).map(tuple)


@st.composite
def works(draw: st.DrawFn) -> ExportWork:
    series = draw(st.sampled_from(["", "Lights Along the Coast"]))
    meta = WorkMeta(
        title=draw(words),
        author=draw(st.sampled_from(["wren_writes", "sea-glass", "Ångström"])),
        fandoms=draw(tags(["Original Work", "The Lighthouse Letters (Web Series)", "灯台"])),
        rating=draw(st.sampled_from(list(Rating))),
        archive_warnings=draw(enums(ArchiveWarning)),
        content_warnings=draw(tags(["Storms", "Drowning (attempted)", "Blood"])),
        categories=draw(enums(Category)),
        relationships=draw(tags(["Wren/Tamsin", "Wren & The Stranger", "Kell/Maud"])),
        characters=draw(tags(NAMES)),
        additional_tags=draw(tags(TAGS)),
        language=draw(st.sampled_from(["English", "Deutsch", "日本語", "Español"])),
        summary=rich(draw),
        series_name=series,
        series_part=draw(st.sampled_from([None, 2])) if series else None,
        disclaimer=rich(draw),
        dedication=rich(draw),
        prompt=rich(draw),
        prompt_by=draw(st.sampled_from(["", "sea_glass"])),
        prompt_collection=draw(st.sampled_from(["", "Coastal Exchange 2024"])),
    )
    chapters = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        text = draw(body())
        chapter_meta = ChapterMeta(
            summary=rich(draw),
            notes_begin=rich(draw),
            notes_end=draw(st.sampled_from(["", draw(body(rules=False))])),
            warnings=draw(tags(["Peril at sea", "Cliffhanger", "Blood"])),
        )
        title = draw(st.sampled_from(["", draw(words)]))
        chapters.append(ExportChapter(number, number, title, text, word_count(text), chapter_meta))
    return ExportWork(meta, tuple(chapters))


def round_trip(work: ExportWork, key: str, extension: str) -> ImportResult:
    data = export_to(key, work, ExportOptions())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"work.{extension}"
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        return read_files([path])


def field(result: ImportResult, name: str) -> Any:
    return result.fields.get(name, getattr(WorkMeta(), name))


EXAMPLES = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_same_work(work: ExportWork, result: ImportResult) -> None:
    assert [f for f in FIELDS if field(result, f) != getattr(work.meta, f)] == []
    assert len(result.chapters) == len(work.chapters)
    for back, chapter in zip(result.chapters, work.chapters, strict=True):
        assert back.title == chapter.title
        assert back.body == chapter.body
        assert back.summary == chapter.meta.summary
        assert back.notes_begin == chapter.meta.notes_begin
        assert back.notes_end == chapter.meta.notes_end
        assert back.warnings == chapter.meta.warnings


@EXAMPLES
@given(works())
def test_markdown_round_trips_exactly(work: ExportWork) -> None:
    assert_same_work(work, round_trip(work, "md", "md"))


@EXAMPLES
@given(works())
def test_html_round_trips_exactly(work: ExportWork) -> None:
    assert_same_work(work, round_trip(work, "html", "html"))


@EXAMPLES
@given(works())
def test_docx_round_trips_exactly(work: ExportWork) -> None:
    assert_same_work(work, round_trip(work, "docx", "docx"))


def words_of(html: str) -> str:
    return " ".join(plain_text(html).split())


@EXAMPLES
@given(works())
def test_plain_text_gives_back_titles_fields_and_words(work: ExportWork) -> None:
    result = round_trip(work, "txt", "txt")
    for name in FIELDS:
        value, expected = field(result, name), getattr(work.meta, name)
        if name in RICH:
            value, expected = words_of(value), words_of(expected)
        assert value == expected, name
    assert [c.title for c in result.chapters] == [c.title for c in work.chapters]
    assert [word_count(c.body) for c in result.chapters] == [c.words for c in work.chapters]
    for back, chapter in zip(result.chapters, work.chapters, strict=True):
        assert words_of(back.notes_begin) == words_of(chapter.meta.notes_begin)
        assert words_of(back.notes_end) == words_of(chapter.meta.notes_end)
        assert back.warnings == chapter.meta.warnings


def test_plain_text_emphasis_marks_come_back_as_marks(tmp_path: Path) -> None:
    body = normalize(
        "<p>She said <em>never</em>, <strong>never</strong> and <u>ever</u> "
        "<s>again</s>; wren_writes keeps her underscore, and 2 * 3 * 4 is no emphasis.</p>"
    )
    work = ExportWork(
        WorkMeta(title="Marks", author="wren_writes"),
        (ExportChapter(1, 1, "One", body, word_count(body), ChapterMeta()),),
    )
    path = tmp_path / "marks.txt"
    path.write_text(str(export_to("txt", work, ExportOptions(emphasis_marks=True))), "utf-8")
    assert "*never*, **never** and _ever_ ~~again~~" in path.read_text("utf-8")
    assert read_files([path]).chapters[0].body == body

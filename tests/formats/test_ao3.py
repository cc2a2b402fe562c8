"""AO3 export: what is pasted comes back from AO3 unchanged, field limits, the download copy.

Golden files live in tests/golden/ao3/. After an intended change of output, regenerate them:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/formats/test_ao3.py

and review the diff before committing.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.formats import ao3
from editor.formats.limits import Level
from editor.formats.work import FRONT_MATTER_PARTS, ExportChapter, ExportOptions, ExportWork
from editor.model import ArchiveWarning, ChapterMeta, Status, WorkMeta
from editor.text.richtext import MARKS, Block, Run, serialize
from tests.formats import ao3_sanitizer
from tests.formats.conftest import GOLDEN
from tests.formats.torture import torture_work

GOLDEN_AO3 = GOLDEN / "ao3"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN_AO3 / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"missing {path}: run with UPDATE_GOLDEN=1"
    assert text.encode("utf-8") == path.read_bytes(), f"{name} differs from its golden file"


def assert_ao3_keeps(html: str, summary: bool = False) -> None:
    """AO3 (the model, in its strict and its otwarchive reading) would change nothing."""
    for strict in (True, False):
        posted = ao3_sanitizer.ao3(html, summary=summary, strict=strict)
        assert ao3_sanitizer.comparable(posted) == ao3_sanitizer.comparable(html), (
            f"AO3 would change this (strict={strict}):\n{html}\n--- AO3 stores ---\n{posted}"
        )


def assert_paste_ready(html: str) -> None:
    """What AO3's paragraph maker looks for is simply not there."""
    for line in html.split("\n"):
        assert line.startswith("<") and line.endswith(">"), (
            f"inline content outside a block: {line!r}"
        )
        if line.startswith(("<p>", "<p ", "<h2", "<h3", "<h4", "<li")):
            assert re.fullmatch(r"<(p|h[2-4]|li)( align=\"\w+\")?>.*</\1>", line), line
    assert not re.search(r"<p( align=\"\w+\")?>\s*</p>", html)
    assert not re.search(r"<br />[ \t\n]*<br />", html)  # (a no-break space between is a gap)
    assert "style=" not in html and "class=" not in html and "<span" not in html


def every_field(work: ExportWork) -> list[tuple[str, str, bool]]:
    """(what, AO3-ready HTML, is a summary) for every rich field of the work."""
    out = [
        ("work summary", ao3.summary_html(work), True),
        ("work notes", ao3.notes_html(work, None), False),
    ]
    for ch in work.chapters:
        out += [
            (f"chapter {ch.number} text", ao3.chapter_html(ch.body), False),
            (f"chapter {ch.number} summary", ao3.summary_html(work, ch), True),
            (f"chapter {ch.number} notes", ao3.notes_html(work, ch), False),
            (f"chapter {ch.number} end notes", ao3.end_notes_html(work, ch), False),
        ]
    return out


# -- golden files ---------------------------------------------------------------------------


def dump_fields(fields: list[ao3.PostField]) -> str:
    lines: list[str] = []
    for i, f in enumerate(fields, 1):
        kind = "HTML" if f.html else "text"
        limit = ""
        if f.limit:
            low = f"{f.limit.min_chars:,}–" if f.limit.min_chars else "up to "
            limit = f", {low}{f.limit.max_chars:,} characters, now {len(f.value):,}"
        lines.append(f"[{i}] {f.key} — {f.label} ({kind}{limit})")
        lines.append(f.value if f.value else "(empty)")
        lines += [f"  ! {p.level.name}: {p.message}" for p in f.problems]
        lines.append("")
    return "\n".join(lines)


def test_golden_files(everything_work: ExportWork) -> None:
    first = everything_work.chapters[0]
    assert_golden("chapter1.html", ao3.chapter_html(first.body))
    assert_golden("notes1.html", ao3.notes_html(everything_work, first))
    assert_golden("work.html", ao3.work_html(everything_work, ExportOptions()))
    fields = ao3.post_fields(everything_work, first, ExportOptions())
    assert_golden("post_fields1.txt", dump_fields(fields))


# -- AO3 would change nothing ----------------------------------------------------------------


def test_ao3_keeps_every_field_as_exported(everything_work: ExportWork) -> None:
    fields = every_field(everything_work)
    assert all(html for _what, html, _summary in fields)  # the fixture fills everything
    for _what, html, summary in fields:
        assert_paste_ready(html)
        assert_ao3_keeps(html, summary=summary)


def test_ao3_keeps_the_post_fields_of_every_chapter(everything_work: ExportWork) -> None:
    for ch in everything_work.chapters:
        for field in ao3.post_fields(everything_work, ch):
            if field.html and field.value:
                assert_ao3_keeps(field.value, summary="summary" in field.key)


@pytest.mark.parametrize(
    ("posted", "summary", "strict"),
    [
        ('<p style="text-align:center">centred</p>', False, True),
        ("<p>a\nb</p>", False, True),  # archives.md's reading; otwarchive skips <p> content
        ('<p><span style="color:red">red</span></p>', False, False),
        ("<p><font>old</font></p>", False, False),
        ("<p></p>\n<p>after an empty paragraph</p>", False, False),
        ("loose text", False, False),
        ("one\n\n\ntwo", False, False),  # three newlines: AO3 adds a gap
        ("<blockquote>a\n\nb</blockquote>", False, False),
        ("<p>a<br /><br />b</p>", False, True),
        ('<p><a href="javascript:alert(1)">x</a></p>', False, False),
        ('<p class="note">x</p>', True, False),  # no class in a summary
        ("<p>x<iframe>gone</iframe></p>", False, False),
    ],
)
def test_the_sanitizer_model_does_change_what_ao3_changes(
    posted: str, summary: bool, strict: bool
) -> None:
    stored = ao3_sanitizer.ao3(posted, summary=summary, strict=strict)
    assert ao3_sanitizer.comparable(stored) != ao3_sanitizer.comparable(posted)


def test_the_sanitizer_model_keeps_what_ao3_allows() -> None:
    # Layout whitespace between blocks is stripped before newlines count (otwarchive).
    kept = (
        '<p align="center"><span>x</span> <a href="/works/1">y</a></p>\n\n\n<p class="note">z</p>'
    )
    assert ao3_sanitizer.comparable(ao3_sanitizer.ao3(kept)) == ao3_sanitizer.comparable(kept)
    assert 'rel="nofollow"' in ao3_sanitizer.ao3(kept)


# A paragraph's runs: text with line breaks, spaces, no-break spaces and escapes.
_text = st.text(alphabet=st.sampled_from(list("ab &<>\"'\n\u00a0é🌊")), min_size=0, max_size=12)
_run = st.builds(
    Run,
    _text,
    st.frozensets(st.sampled_from(MARKS), max_size=3),
    st.sampled_from([None, None, "https://example.org/?a=1&b=2", "/works/1", "javascript:x"]),
)
_block = st.one_of(
    st.builds(
        Block,
        st.sampled_from(["p", "p", "p", "h2", "h3", "h4"]),
        st.lists(_run, max_size=4),
        st.sampled_from([None, None, "center", "right", "justify"]),
        st.booleans(),
    ),
    st.builds(Block, st.just("hr"), st.just([]), st.none(), st.booleans()),
    st.builds(
        Block,
        st.just("li"),
        st.lists(_run, max_size=3),
        st.none(),
        st.booleans(),
        st.sampled_from(["ul", "ol"]),
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_block, max_size=8))
def test_ao3_keeps_any_canonical_text(blocks: list[Block]) -> None:
    html = ao3.chapter_html(serialize(blocks))
    if html:
        assert_paste_ready(html)
    assert_ao3_keeps(html)


# -- the work text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>a</p>\n<p></p>\n<p>b</p>", "<p>a</p>\n<p>b</p>"),
        ("<p>a</p>\n<p></p>\n<p></p>\n<p>b</p>", "<p>a</p>\n<p>&nbsp;</p>\n<p>b</p>"),
        ("<p>a</p>\n<p>\u00a0</p>\n<p>b</p>", "<p>a</p>\n<p>&nbsp;</p>\n<p>b</p>"),
        ("<p></p>\n<p></p>\n<p>a</p>\n<p></p>\n<p></p>", "<p>a</p>"),
        ("<p> </p>\n<p><br /></p>\n<p>a</p>", "<p>a</p>"),
        ("<p>a<br />b</p>", "<p>a<br />b</p>"),
        ("<p>a<br /><br />b</p>", "<p>a</p>\n<p>b</p>"),
        ("<p>a <br /> <br /> b</p>", "<p>a</p>\n<p>b</p>"),
        ("<p>a<br /><br /><br />b</p>", "<p>a</p>\n<p>&nbsp;</p>\n<p>b</p>"),
        ("<p><br />a<br /></p>", "<p>a</p>"),
        (
            '<p align="center"><em>a<br /><br />b</em></p>',
            '<p align="center"><em>a</em></p>\n<p align="center"><em>b</em></p>',
        ),
        ("<h2>a<br /><br />b</h2>", "<h2>a</h2>\n<h2>b</h2>"),
        ("<ul>\n<li>a<br /><br />b</li>\n</ul>", "<ul>\n<li>a<br />b</li>\n</ul>"),
        ('<p><a href="javascript:alert(1)"><em>x</em></a></p>', "<p><em>x</em></p>"),
        (
            '<p><a href="HTTPS://e.org/?a=1&amp;b=2">x</a></p>',
            '<p><a href="HTTPS://e.org/?a=1&amp;b=2">x</a></p>',
        ),
        (
            '<p><a href="ftp://e.org">f</a> <a href="#top">t</a></p>',
            '<p>f <a href="#top">t</a></p>',
        ),
        # Not canonical: pasted HTML still comes out as AO3 wants it.
        ('<p style="text-align:center">c</p>', '<p align="center">c</p>'),
        ("<div>one\ntwo</div><span>three</span>", "<p>one two</p>\n<p>three</p>"),
        ("", ""),
    ],
)
def test_chapter_html(body: str, expected: str) -> None:
    assert ao3.chapter_html(body) == expected


def test_every_construct_survives_in_the_work_text(everything_work: ExportWork) -> None:
    first, second, third = (ao3.chapter_html(ch.body) for ch in everything_work.chapters)
    for needle in (
        "<h2>Part One: Autumn</h2>",
        '<p align="center">',
        '<p align="right">',
        '<p align="justify">Fish &amp; chips cost 2 &lt; 3 shillings, and the ferry’s horn &gt;',
        "<hr />",
        "<blockquote>\n<p><em>To the keeper",
        '<a href="https://example.org/tide?a=1&amp;b=2">tide table</a>',
        "<strong><em><u>never</u></em></strong>",
        "mc<sup>2</sup>",
        "H<sub>2</sub>O",
        "Roses are red,<br />violets are blue,<br />",
        "🌊",
    ):
        assert needle in first
    assert "<ul>\n<li>an oilskin</li>\n" in second
    assert "<ol>\n<li>Light the lamp.</li>" in second
    assert (
        "<blockquote>\n<ul>\n<li>A list inside a quote</li>\n</ul>\n<hr />\n</blockquote>" in second
    )
    assert "<p>The storm arrived on a Sunday.</p>\n<p>A single blank" in second
    assert "this one.</p>\n<p>&nbsp;</p>\n<p>Two blank" in second
    assert "<p>First stanza line</p>\n<p>second paragraph" in third


# -- notes, summary, end notes ----------------------------------------------------------------


def test_first_chapter_notes_hold_the_work_front_matter_then_its_own(
    everything_work: ExportWork,
) -> None:
    notes = ao3.notes_html(everything_work, everything_work.chapters[0])
    order = [
        "<p><strong>Prompt:</strong> “a letter from the future",
        "<p>Prompted by sea_glass</p>",
        "<p>Written for Coastal Exchange 2024</p>",
        "<p>For Tamsin’s namesake",
        "<p><strong>Disclaimer:</strong> All characters",
        "<p><strong>Content warnings:</strong> Storms, Drowning (attempted)</p>",
        "<p><strong>Chapter warnings:</strong> Peril at sea</p>",
        "<p>Welcome! This is where it all starts.</p>\n<p>A second paragraph",
    ]
    positions = [notes.index(piece) for piece in order]
    assert positions == sorted(positions)


def test_later_chapter_notes_hold_only_their_own(everything_work: ExportWork) -> None:
    notes = ao3.notes_html(everything_work, everything_work.chapters[1])
    assert notes == (
        "<p><strong>Chapter warnings:</strong> Drowning (averted), Cliffhanger</p>\n"
        '<p>Lists ahead: <a href="https://example.org/lists">why</a>.</p>'
    )


def test_work_notes_leave_out_chapter_pieces(everything_work: ExportWork) -> None:
    notes = ao3.notes_html(everything_work, None)
    assert "Disclaimer" in notes and "Chapter warnings" not in notes and "Welcome" not in notes


def test_notes_follow_the_parts_chosen(everything_work: ExportWork) -> None:
    parts = frozenset(FRONT_MATTER_PARTS) - {"disclaimer", "prompt", "warnings"}
    notes = ao3.notes_html(everything_work, everything_work.chapters[0], parts=parts)
    assert "Disclaimer" not in notes and "Prompt" not in notes and "warnings" not in notes
    assert "For Tamsin’s namesake" in notes


def test_notes_template_from_the_argument_then_the_work_then_the_default(
    everything_work: ExportWork,
) -> None:
    first = everything_work.chapters[0]
    assert ao3.notes_html(everything_work, first, template="<em>Hi</em> {prompt_by}") == (
        "<p><em>Hi</em> sea_glass</p>"
    )
    custom = replace(
        everything_work, meta=replace(everything_work.meta, ao3_notes_template="{dedication}")
    )
    assert ao3.notes_html(custom, first) == "<p>For Tamsin’s namesake, who keeps a light on. 💡</p>"


def test_summary_and_end_notes(everything_work: ExportWork) -> None:
    first, _second, third = everything_work.chapters
    assert ao3.summary_html(everything_work).startswith("<p>The lamp at Kell’s Reach")
    assert (
        ao3.summary_html(everything_work, first)
        == "<p>Wren keeps the light, and a letter <em>arrives</em>.</p>"
    )
    assert ao3.summary_html(everything_work, parts=frozenset()) == ""
    assert (
        ao3.end_notes_html(everything_work, third)
        == "<ul>\n<li>Fact one</li>\n<li>Fact two</li>\n</ul>"
    )
    assert ao3.end_notes_html(everything_work, None) == ""
    assert ao3.end_notes_html(everything_work, third, parts=frozenset()) == ""


# -- the form -----------------------------------------------------------------------------------

NEW_WORK_KEYS = [
    "rating",
    "archive_warnings",
    "fandoms",
    "categories",
    "relationships",
    "characters",
    "additional_tags",
    "title",
    "co_creators",
    "summary",
    "notes_begin",
    "notes_end",
    "collections",
    "gift_recipients",
    "inspired_by",
    "series",
    "chapter_label",
    "chapter_title",
    "language",
    "words",
    "text",
]


def _by_key(fields: list[ao3.PostField]) -> dict[str, ao3.PostField]:
    return {f.key: f for f in fields}


def test_new_work_form_fields_in_order(everything_work: ExportWork) -> None:
    fields = ao3.post_fields(everything_work, everything_work.chapters[0], ExportOptions())
    assert [f.key for f in fields] == [*NEW_WORK_KEYS, "chapter_summary"]
    f = _by_key(fields)
    assert f["rating"].value == "Teen And Up Audiences"
    assert f["archive_warnings"].value == "Graphic Depictions Of Violence, Major Character Death"
    assert f["fandoms"].value == "Original Work, The Lighthouse Letters (Web Series)"
    assert f["categories"].value == "F/F, Gen"
    assert f["relationships"].value == "Wren/Tamsin, Wren & The Stranger"
    assert f["gift_recipients"].value == "tamsin_reads, lighthouse_fan"
    # The Prompt panel's challenge is the collection the work goes to.
    assert f["collections"].value == "Coastal Exchange 2024"
    assert (f["co_creators"].value, f["inspired_by"].value) == ("", "")
    assert (f["series"].label, f["series"].value) == ("Series (part 2)", "Lights Along the Coast")
    assert (f["chapter_label"].label, f["chapter_label"].value) == ("Chapter 1 of 4", "1/4")
    assert f["language"].value == "English"
    assert f["text"].value == ao3.chapter_html(everything_work.chapters[0].body)
    assert [f.key for f in fields if f.html] == [
        "summary",
        "notes_begin",
        "notes_end",
        "text",
        "chapter_summary",
    ]
    # Chapter 1's end notes become the work's, which AO3 shows after the last chapter.
    assert [p.level for p in f["notes_end"].problems] == [Level.WARN]
    others = [p for field in fields if field.key != "notes_end" for p in field.problems]
    assert others == []


def test_new_chapter_form(everything_work: ExportWork) -> None:
    second = everything_work.chapters[1]
    fields = ao3.post_fields(everything_work, second)
    assert [f.key for f in fields] == [
        "chapter_title",
        "chapter_label",
        "chapter_summary",
        "notes_begin",
        "notes_end",
        "words",
        "text",
    ]
    f = _by_key(fields)
    assert (f["chapter_label"].label, f["chapter_label"].value) == ("Chapter 2 of 4", "2/4")
    assert f["chapter_summary"].value == "<p>A storm, a list, and a stranger.</p>"
    assert f["text"].label == "Chapter Text"


def _work(
    meta: WorkMeta, body: str = "<p>Some chapter text.</p>", **chapter_meta: str
) -> ExportWork:
    chapter = ExportChapter(1, 1, "One", body, 3, ChapterMeta(**chapter_meta))
    return ExportWork(meta=meta, chapters=(chapter,))


_OK = WorkMeta(
    title="T", fandoms=("F",), archive_warnings=(ArchiveWarning.NONE_APPLY,), language="English"
)


def test_unknown_chapter_total_shows_a_question_mark() -> None:
    work = _work(_OK)
    f = _by_key(ao3.post_fields(work, work.chapters[0]))
    assert (f["chapter_label"].label, f["chapter_label"].value) == ("Chapter 1 of ?", "1/?")
    assert all(not field.problems for field in f.values())


def test_a_complete_oneshot_posts_as_one_of_one_whatever_was_expected() -> None:
    work = _work(replace(_OK, status=Status.COMPLETE))
    f = _by_key(ao3.post_fields(work, work.chapters[0]))
    assert (f["chapter_label"].label, f["chapter_label"].value) == ("Chapter 1 of 1", "1/1")
    assert f["chapter_label"].problems == ()

    work = _work(replace(_OK, status=Status.COMPLETE, expected_chapters=2))
    f = _by_key(ao3.post_fields(work, work.chapters[0]))
    assert f["chapter_label"].value == "1/1"
    assert [p.level for p in f["chapter_label"].problems] == [Level.WARN]


def _chapters(meta: WorkMeta, n: int) -> ExportWork:
    chapters = tuple(
        ExportChapter(i, i, f"C{i}", "<p>Some chapter text.</p>", 3, ChapterMeta())
        for i in range(1, n + 1)
    )
    return ExportWork(meta=meta, chapters=chapters)


def test_more_chapters_than_expected_never_show_a_smaller_total() -> None:
    work = _chapters(replace(_OK, expected_chapters=2), 3)
    third = _by_key(ao3.post_fields(work, work.chapters[2]))["chapter_label"]
    assert (third.label, third.value) == ("Chapter 3 of ?", "3/?")
    assert "raise the expected count" in third.problems[0].message
    assert "Chapters: 3/?" in ao3.work_html(work)

    complete = _chapters(replace(_OK, expected_chapters=2, status=Status.COMPLETE), 3)
    third = _by_key(ao3.post_fields(complete, complete.chapters[2]))["chapter_label"]
    assert (third.label, third.value) == ("Chapter 3 of 3", "3/3")
    assert [p.level for p in third.problems] == [Level.WARN]


def test_lengths_count_the_markup_and_say_what_to_cut() -> None:
    work = _work(replace(_OK, summary="<p>" + "x" * 1236 + "</p>"))  # 1,243 as HTML
    assert (
        _by_key(ao3.post_fields(work, work.chapters[0]))["summary"].problems[0].level is Level.WARN
    )
    work = _work(replace(_OK, summary="<p>" + "x" * 1250 + "</p>"))  # 1,250 text, 1,257 HTML
    (problem,) = _by_key(ao3.post_fields(work, work.chapters[0]))["summary"].problems
    assert problem.level is Level.ERROR
    assert problem.message == "Summary is over AO3's limit of 1,250 characters: cut 7."
    work = _work(_OK, notes_begin="<p>" + "<em>n</em> " * 500 + "</p>")
    (problem,) = _by_key(ao3.post_fields(work, work.chapters[0]))["notes_begin"].problems
    assert problem.message.startswith("Beginning notes is over AO3's limit of 5,000")


def test_required_fields() -> None:
    work = _work(WorkMeta(language=""), body="<p>Hi</p>")
    f = _by_key(ao3.post_fields(work, work.chapters[0]))
    assert [p.level for p in f["archive_warnings"].problems] == [Level.ERROR]
    assert "fandom" in f["fandoms"].problems[0].message
    assert "language" in f["language"].problems[0].message
    assert "at least 1" in f["title"].problems[0].message
    assert "at least 10" in f["text"].problems[0].message  # "<p>Hi</p>": 9
    assert f["rating"].value == "Not Rated" and not f["rating"].problems


def test_tag_problems() -> None:
    long_tag = "y" * 151
    meta = replace(
        _OK,
        characters=("Ann, Bob", long_tag),
        additional_tags=tuple(f"tag {i}" for i in range(80)),
    )
    work = _work(meta)
    f = _by_key(ao3.post_fields(work, work.chapters[0]))
    messages = [p.message for p in f["characters"].problems]
    assert any("cannot contain ," in m for m in messages)
    assert any("151 characters" in m for m in messages)
    (total,) = f["additional_tags"].problems
    assert "remove 8" in total.message  # 1 fandom + 2 characters + 80 = 83


# -- the download copy -------------------------------------------------------------------------


def test_work_html_has_ao3s_download_layout(everything_work: ExportWork) -> None:
    page = ao3.work_html(everything_work)
    root = ET.fromstring(page)  # well-formed XHTML: it opens anywhere, offline
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    body = root.find("h:body", ns)
    assert body is not None
    assert [d.get("id") for d in body.findall("h:div", ns)] == ["preface", "chapters", "afterword"]
    terms = [dt.text for dt in root.iterfind(".//h:dl[@class='tags']/h:dt", ns)]
    assert terms == [
        "Rating:",
        "Archive Warnings:",
        "Categories:",
        "Fandoms:",
        "Relationships:",
        "Characters:",
        "Additional Tags:",
        "Language:",
        "Series:",
        "Collections:",
        "Stats:",
    ]
    headings = [
        h.text for h in root.iterfind(".//h:div[@class='meta group']/h:h2[@class='heading']", ns)
    ]
    assert headings == [
        "Chapter 1: The Keeper’s Lamp",
        "Chapter 2: What the Tide Brought",
        "Chapter 3: Afterwards",
    ]
    assert page.count('<!--chapter content-->\n<div class="userstuff">') == 3
    assert page.count("</div>\n<!--/chapter content-->") == 3
    assert "<style" in page and "<h1>Salt &amp; Starlight: “The &lt;Keeper’s&gt; Year”</h1>" in page
    assert "Words: 182 Chapters: 3/4" in page  # AO3's count: "mc<sup>2</sup>" is two words


def test_work_html_follows_the_options(everything_work: ExportWork) -> None:
    parts = frozenset(FRONT_MATTER_PARTS) - {"summary", "notes_end", "chapter_label"}
    page = ao3.work_html(everything_work, ExportOptions(chapters=[2], parts=parts))
    assert '<h2 class="heading">What the Tide Brought</h2>' in page
    assert "The Keeper’s Lamp" not in page and "Afterwards" not in page
    assert "Summary</p>" not in page and "End Notes" not in page


def test_a_oneshot_is_laid_out_as_ao3_lays_it_out() -> None:
    work = _work(replace(_OK, title="One"), notes_begin="<p>Hi</p>", notes_end="<p>Bye</p>")
    page = ao3.work_html(work)
    assert 'class="heading"' not in page
    assert '<p>Notes</p>\n<blockquote class="userstuff">\n<p>Hi</p>' in page
    assert (
        '<div id="endnotes">\n<p>End Notes</p>\n<blockquote class="userstuff">\n<p>Bye</p>' in page
    )


def test_export_is_the_chapter_text_for_one_chapter_and_the_work_for_more(
    everything_work: ExportWork,
) -> None:
    one = ao3.export(everything_work, ExportOptions(chapters=[3]))
    assert one == ao3.chapter_html(everything_work.chapters[2].body)
    assert ao3.export(everything_work) == ao3.work_html(everything_work)


def test_torture_chapters_survive_ao3_unchanged() -> None:
    for chapter in torture_work().chapters:
        assert_ao3_keeps(ao3.chapter_html(chapter.body))


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://example.org/a?x=1&y=2#frag", "https://example.org/a?x=1&y=2#frag"),
        ('https://example.org/say?q="hi"', "https://example.org/say?q=%22hi%22"),
        ("https://example.org/a b<c>", "https://example.org/a%20b%3Cc%3E"),
        ("https://example.org/t?t=12:30", "https://example.org/t?t=12:30"),
        ("/works/1#t=1:2", "/works/1#t=1:2"),  # a colon after "/" or "#" is no scheme
        ("?t=12:30", None),  # AO3 reads the scheme "?t=12" and drops the address
        ("page:2", None),
        ("javascript:alert(1)", None),
        ("MAILTO:wren@example.org", "MAILTO:wren@example.org"),
    ],
)
def test_addresses_as_ao3_stores_them(href: str, expected: str | None) -> None:
    assert ao3.ao3_href(href) == expected
    body = serialize([Block("p", [Run("link", href=href)])])
    html = ao3.chapter_html(body)
    assert_ao3_keeps(html)  # the model drops what AO3 drops: nothing is left to drop
    assert ("href" in html) == (expected is not None)


def test_a_chapter_over_the_limit_is_refused_naming_its_field() -> None:
    work = torture_work(big=True)
    assert ao3.refusals(work, ExportOptions(chapters=[4])) == []  # exactly at the limit
    refused = ao3.refusals(work, ExportOptions(chapters=[5]))
    assert refused == [
        "Chapter 5: Chapter Text is over AO3's limit of 500,000 characters: cut 20,000."
    ]
    assert ao3.refusals(work, ExportOptions()) == refused


def test_later_chapters_limit_message_says_chapter_text() -> None:
    work = torture_work(big=True)
    fields = {f.key: f for f in ao3.post_fields(work, work.chapters[4])}
    assert fields["text"].label == "Chapter Text"
    assert [p.message for p in fields["text"].problems] == [
        "Chapter Text is over AO3's limit of 500,000 characters: cut 20,000."
    ]


def test_co_creators_and_inspired_by_fill_their_fields(everything_work: ExportWork) -> None:
    meta = replace(
        everything_work.meta,
        co_creators=("sea_glass", "lamp_keeper"),
        inspired_by="https://archiveofourown.org/works/1",
    )
    work = replace(everything_work, meta=meta)
    f = _by_key(ao3.post_fields(work, work.chapters[0]))
    assert f["co_creators"].value == "sea_glass, lamp_keeper"
    assert f["inspired_by"].value == "https://archiveofourown.org/works/1"
    without_prompt = ExportOptions(parts=ao3.ALL_PARTS - {"prompt"})
    assert (
        _by_key(ao3.post_fields(work, work.chapters[0], without_prompt))["collections"].value == ""
    )

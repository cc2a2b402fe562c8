"""Plain-text import: fic headers to fields, chapters split at headings, no word ever lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.formats.importers import natural_key, read_files
from editor.formats.importers.cues import voice
from editor.formats.importers.header import _KEYS
from editor.model import ArchiveWarning, FfnRating, Rating
from editor.text.richtext import plain_text
from tests.importers import FIXTURES, words


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def story_of(fixture: str, start: str, end: str) -> str:
    """The story part of a fixture: the lines after ``start`` and before ``end``."""
    lines = (FIXTURES / fixture).read_text(encoding="utf-8").splitlines()
    first = lines.index(start) + 1
    last = max(i for i, line in enumerate(lines) if line.startswith(end))
    return "\n".join(lines[first:last])


def test_full_header_goes_to_fields_and_the_story_stays_whole() -> None:
    result = read_files([FIXTURES / "full-header.txt"])

    f = result.fields
    assert f["title"] == "The Long Way Round"
    assert f["author"] == "wren_writes"
    assert f["fandoms"] == ("Final Fantasy VII",)
    assert f["rating"] is Rating.TEEN
    assert f["ffn_rating"] is FfnRating.T
    assert f["relationships"] == ("Cloud/Tifa", "Barret & Marlene")
    assert f["archive_warnings"] == (ArchiveWarning.MAJOR_CHARACTER_DEATH,)
    assert f["content_warnings"] == ("canon-typical violence",)
    assert f["disclaimer"] == (
        "<p>Final Fantasy VII and everyone in it belong to Square Enix.<br />"
        "I make no money from this and mean no harm.</p>"
    )
    assert f["summary"].startswith("<p>Three years after the sky fell, Cloud takes")
    assert f["dedication"] == "<p>For my sister, who waited two years for this one</p>"
    assert f["prompt"] == '<p>"a lamp left burning in a window"</p>'
    assert "Word" not in str(f)  # the word count is read and dropped

    [chapter] = result.chapters
    assert chapter.notes_begin == (
        "<p>My first fic in a long while, so be kind! Thanks to Lou for the beta, "
        "and for the nagging.</p>"
    )
    assert chapter.notes_end.startswith("<p>Thank you so much for reading!")
    story = story_of("full-header.txt", "~~~", "A/N:")
    assert words(plain_text(chapter.body)) == words(story)
    assert chapter.body.count("<hr />") == 1  # the *** scene break
    assert result.encodings == {"full-header.txt": "utf-8"}


def test_every_archive_warning_a_header_lists_is_kept(tmp_path: Path) -> None:
    # AO3's warnings combine freely: "chose not to warn" beside the ones the author gives.
    header = (
        "Title: Ash\n"
        "Fandom: Final Fantasy VII\n"
        "Warnings: Creator Chose Not To Use Archive Warnings, Major Character Death\n"
        "Archive Warning: Graphic Depictions Of Violence\n"
        "\n"
        "Cloud walked into the fire and did not look back.\n"
    )
    result = read_files([write(tmp_path, "ash.txt", header)])
    assert result.fields["archive_warnings"] == (
        ArchiveWarning.CHOSE_NOT_TO_USE,
        ArchiveWarning.MAJOR_CHARACTER_DEATH,
        ArchiveWarning.VIOLENCE,
    )

    header = header.replace(
        "Creator Chose Not To Use Archive Warnings", "No Archive Warnings Apply"
    )
    result = read_files([write(tmp_path, "ash.txt", header)])
    assert result.fields["archive_warnings"] == (
        ArchiveWarning.NONE_APPLY,
        ArchiveWarning.MAJOR_CHARACTER_DEATH,
        ArchiveWarning.VIOLENCE,
    )


def test_findings_say_what_went_where() -> None:
    result = read_files([FIXTURES / "full-header.txt"])
    by_field = {f.field: f for f in result.findings}

    assert by_field["rating"].label == "Rating"
    assert by_field["rating"].source == "Rating: T"
    assert by_field["title"].source == "**Title:** The Long Way Round"
    assert by_field["disclaimer"].source.startswith("Disclaimer: Final Fantasy VII")
    assert by_field["chapter:1:notes_begin"].label == "Chapter 1 beginning notes"
    assert by_field["chapter:1:notes_end"].label == "Chapter 1 end notes"
    assert by_field[""].label.startswith("Word count")


def test_one_file_with_two_chapter_headings_is_split() -> None:
    result = read_files([FIXTURES / "two-chapters.txt"])

    assert [c.title for c in result.chapters] == ["The Bell", "The Keeper's Log"]
    assert result.fields["title"] == "Salt and Iron"
    assert result.fields["rating"] is Rating.GENERAL
    one, two = result.chapters
    assert one.notes_end == "<p>Chapter two is already written, so you won't wait long.</p>"
    assert words(plain_text(one.body)) == words(
        story_of("two-chapters.txt", "Chapter One: The Bell", "A/N:")
    )
    assert plain_text(two.body).startswith("She wrote it all down")
    assert plain_text(two.body).endswith("Maren lit the lamp early and did not sleep.")
    assert {f.field for f in result.findings} >= {"chapter:1:title", "chapter:2:title"}


def test_no_split_keeps_one_chapter_with_the_headings_as_text() -> None:
    result = read_files([FIXTURES / "two-chapters.txt"], split_chapters=False)

    [chapter] = result.chapters
    assert "Chapter One: The Bell" in plain_text(chapter.body)
    assert "Chapter Two - The Keeper's Log" in plain_text(chapter.body)


def test_no_header_keeps_every_line_as_text() -> None:
    source = (FIXTURES / "full-header.txt").read_text(encoding="utf-8")
    result = read_files([FIXTURES / "full-header.txt"], detect_header=False)

    assert result.fields == {}
    [chapter] = result.chapters
    kept = plain_text(chapter.body)
    assert words(kept) == [w for w in words(source) if w not in ("xXx",)]


def test_several_files_are_chapters_in_natural_order() -> None:
    files = [FIXTURES / "multi" / n for n in ("ch10.txt", "ch2.txt", "ch1.txt")]
    result = read_files(files)

    assert [c.source for c in result.chapters] == ["ch1.txt", "ch2.txt", "ch10.txt"]
    assert [c.title for c in result.chapters] == ["Arrival", "The Forty-Second Boat", "Last Light"]
    assert result.fields["title"] == "Lanterns"  # repeated in ch2.txt: read once, removed
    assert "Lanterns" not in plain_text(result.chapters[1].body)
    assert result.fields["ffn_rating"] is FfnRating.K_PLUS
    assert result.chapters[2].notes_end.startswith("<p>And that's the end!")
    assert set(result.encodings) == {"ch1.txt", "ch2.txt", "ch10.txt"}


def test_natural_key_counts_numbers() -> None:
    names = ["ch10.txt", "Ch2.txt", "ch1.txt", "chapter 3.txt", "ch2b.txt"]
    assert sorted(names, key=natural_key) == [
        "ch1.txt",
        "Ch2.txt",
        "ch2b.txt",
        "ch10.txt",
        "chapter 3.txt",
    ]


def test_progress_is_reported_per_file() -> None:
    seen: list[tuple[int, int]] = []
    read_files(sorted((FIXTURES / "multi").iterdir()), progress=lambda a, b: seen.append((a, b)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize(
    ("line", "rating", "ffn"),
    [
        ("Rating: K", Rating.GENERAL, FfnRating.K),
        ("Rated: K+", Rating.GENERAL, FfnRating.K_PLUS),
        ("Rating: PG-13", Rating.TEEN, None),
        ("Rating: Teen", Rating.TEEN, None),
        ("Rating: M for violence and language", Rating.MATURE, FfnRating.M),
        ("**Rating:** Mature", Rating.MATURE, None),
        ("Rating - MA", Rating.EXPLICIT, FfnRating.M),
        ("RATING: Explicit", Rating.EXPLICIT, None),
        ("Rating: Fiction T", Rating.TEEN, FfnRating.T),
        ("Rating: General Audiences", Rating.GENERAL, None),
    ],
)
def test_ratings_as_authors_write_them(
    tmp_path: Path, line: str, rating: Rating, ffn: FfnRating | None
) -> None:
    path = write(tmp_path, "fic.txt", f"Title: Test\n{line}\n\nOnce upon a time.\n")
    result = read_files([path])
    assert result.fields["rating"] is rating
    assert result.fields.get("ffn_rating") is ffn
    assert plain_text(result.chapters[0].body) == "Once upon a time."


def test_header_keys_tolerate_markers_dashes_and_case(tmp_path: Path) -> None:
    text = (
        "__TITLE__ - Paper Boats\n"
        "**By:** inkwell\n"
        "Characters: [Cloud S., Tifa L.] Zack F.\n"
        "Category: F/M, Romance/Hurt/Comfort\n"
        "Tags: fluff; found family\n"
        "Chapter 1 of 3\n"
        "\n"
        "* * *\n"
        "\n"
        "The rain came down.\n"
    )
    result = read_files([write(tmp_path, "boats.txt", text)])
    f = result.fields
    assert f["title"] == "Paper Boats"
    assert f["author"] == "inkwell"
    assert f["characters"] == ("Cloud S.", "Tifa L.", "Zack F.")
    assert f["relationships"] == ("Cloud S./Tifa L.",)
    assert [c.value for c in f["categories"]] == ["F/M"]
    assert f["additional_tags"] == ("Romance", "Hurt/Comfort", "fluff", "found family")
    assert f["expected_chapters"] == 3
    assert plain_text(result.chapters[0].body) == "The rain came down."


def test_a_title_above_a_byline_and_a_for_line(tmp_path: Path) -> None:
    text = "The Quiet Road\nby marrow\nFor Jo, always.\nRating: T\n\n~~~\n\nDust rose.\n"
    result = read_files([write(tmp_path, "road.txt", text)])
    assert result.fields["title"] == "The Quiet Road"
    assert result.fields["author"] == "marrow"
    assert result.fields["dedication"] == "<p>For Jo, always.</p>"
    assert plain_text(result.chapters[0].body) == "Dust rose."


def test_story_lines_that_only_look_like_a_header_stay(tmp_path: Path) -> None:
    text = (
        "For a moment, nobody spoke.\n\n"
        "Chapter one of her life was over, she thought.\n\n"
        "By morning the snow had stopped.\n\n"
        "Summary: there was none.\n"
    )
    result = read_files([write(tmp_path, "story.txt", text)])
    assert result.fields == {}
    [chapter] = result.chapters
    assert words(plain_text(chapter.body)) == words(text)


def test_a_for_line_after_the_header_is_the_story(tmp_path: Path) -> None:
    text = "Title: Snow\nRating: K\n\nFor a moment, nobody spoke.\n\nThen the kettle sang.\n"
    result = read_files([write(tmp_path, "snow.txt", text)])
    assert "dedication" not in result.fields
    assert plain_text(result.chapters[0].body).startswith("For a moment, nobody spoke.")


def test_a_different_value_later_stays_in_the_text(tmp_path: Path) -> None:
    one = write(tmp_path, "1.txt", "Rating: T\n\nFirst.\n")
    two = write(tmp_path, "2.txt", "Rating: M\n\nSecond.\n")
    result = read_files([one, two])
    assert result.fields["rating"] is Rating.TEEN
    # Another value for a field the work has: kept, as that chapter's note.
    assert plain_text(result.chapters[1].body) == "Second."
    assert plain_text(result.chapters[1].notes_begin) == "Rating: M"


def test_prologue_front_prose_and_epilogue(tmp_path: Path) -> None:
    text = (
        "Title: Tides\n\n"
        "A short word before anything starts, in the author's voice.\n\n"
        "Prologue\n\nThe sea was quiet.\n\n"
        "Chapter 1: Storm\n\nThe sea was not quiet.\n\n"
        "Epilogue\n\nThe sea forgot.\n"
    )
    result = read_files([write(tmp_path, "tides.txt", text)])
    # A short paragraph under the header, before the first heading: the author's note
    assert [c.title for c in result.chapters] == ["Prologue", "Storm", "Epilogue"]
    assert plain_text(result.chapters[0].notes_begin).startswith("A short word")
    assert plain_text(result.chapters[0].body) == "The sea was quiet."
    assert plain_text(result.chapters[2].body) == "The sea forgot."


def test_hard_wrapped_lines_are_joined_and_short_lines_kept(tmp_path: Path) -> None:
    para = (
        "The harbour master kept a ledger of every ship that came in, and\n"
        "a second ledger, which nobody was allowed to see, of every ship\n"
        "that did not.\n"
    )
    text = f"{para}\n{para}\nRoses are red,\nthe sea is grey.\n"
    result = read_files([write(tmp_path, "wrapped.txt", text)])
    body = result.chapters[0].body
    assert body.count("<p>") == 3
    assert "came in, and a second ledger" in body
    assert "Roses are red,<br />the sea is grey." in body


def test_one_paragraph_per_line_without_blank_lines(tmp_path: Path) -> None:
    long = "She walked along the cliff path for most of the afternoon, " * 2
    text = f'{long}\n{long}\n"Hello," he said.\n'
    result = read_files([write(tmp_path, "lines.txt", text)])
    assert result.chapters[0].body.count("<p>") == 3


# -- never lose a word ------------------------------------------------------------------------

_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéø", min_size=1, max_size=9)
# Words that could start a header line or a heading are what detection is for: leave them out.
_KEYWORDS = {part for key in _KEYS for part in re.split(r"[\s/.']", key)} | {
    "for", "by", "to", "chapter", "ch", "chap", "prologue", "epilogue", "interlude", "written",
}  # fmt: skip
# ...and so are the words an author's note is made of ("reviews", "danke", "saludos").
_PROSE_WORD = _WORDS.filter(lambda w: w not in _KEYWORDS and not voice(w)[0])
_LINE = st.lists(
    st.tuples(_PROSE_WORD, st.sampled_from(["", ",", ".", "!", "?", "…", ":", " -", ";"])),
    min_size=1,
    max_size=14,
).map(lambda ws: " ".join(w + p for w, p in ws))
_SPACING = st.sampled_from(["\n", "\n\n", "\n\n\n", "\r\n", "\r\n\r\n"])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(st.tuples(_LINE, _SPACING), min_size=1, max_size=25))
def test_text_import_never_loses_a_word(tmp_path: Path, lines: list[tuple[str, str]]) -> None:
    text = "".join(line + spacing for line, spacing in lines)
    path = tmp_path / "prose.txt"
    path.write_bytes(text.encode("utf-8"))

    result = read_files([path])

    imported = " ".join(
        plain_text(html)
        for chapter in result.chapters
        for html in (chapter.notes_begin, chapter.body, chapter.notes_end)
    )
    field_text = " ".join(
        plain_text(v) if isinstance(v, str) else "" for v in result.fields.values()
    )
    assert sorted(words(imported + " " + field_text)) == sorted(words(text))
    assert words(" ".join(plain_text(c.body) for c in result.chapters)) == words(text)


@pytest.mark.parametrize(
    "line",
    [
        "Warning: the bridge is out, the sign said.",
        "Summary: it was the last summer before the war, and nobody knew it.",
        "Description: tall, with a scar across his cheek. Armed.",
    ],
)
def test_a_lone_story_line_that_starts_like_a_key_stays_the_story(
    tmp_path: Path, line: str
) -> None:
    text = f"{line}\n\nCloud drove on anyway.\n"
    result = read_files([write(tmp_path, "bridge.txt", text)])
    assert result.fields == {}
    [chapter] = result.chapters
    assert plain_text(chapter.body) == f"{line}\nCloud drove on anyway."
    assert not chapter.warnings and not chapter.notes_begin and not chapter.summary


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Warnings: character death, violence\n\nDust rose.\n", "content_warnings",
         ("character death", "violence")),
        ("Summary: Cloud finds a letter.\n\nDust rose.\n", "summary",
         "<p>Cloud finds a letter.</p>"),
        ("Warning: the bridge is out, the sign said.\nRating: T\n\nDust rose.\n",
         "content_warnings", ("the bridge is out", "the sign said.")),
        ("Summary: it was the last summer, and nobody knew it.\n\n***\n\nDust rose.\n",
         "summary", "<p>it was the last summer, and nobody knew it.</p>"),
        ("Disclaimer: I don't own them, sadly. Square does.\n\nDust rose.\n", "disclaimer",
         "<p>I don't own them, sadly. Square does.</p>"),
    ],
)  # fmt: skip
def test_a_line_that_is_clearly_a_header_is_read(
    tmp_path: Path, text: str, field: str, value: object
) -> None:
    result = read_files([write(tmp_path, "dust.txt", text)])
    assert result.fields[field] == value
    assert plain_text(result.chapters[0].body) == "Dust rose."


def test_a_lone_author_note_at_the_start_is_read(tmp_path: Path) -> None:
    text = "A/N: Thanks for waiting, everyone. Enjoy!\n\nDust rose.\n"
    [chapter] = read_files([write(tmp_path, "dust.txt", text)]).chapters
    assert chapter.notes_begin == "<p>Thanks for waiting, everyone. Enjoy!</p>"
    assert plain_text(chapter.body) == "Dust rose."


_SORRY = "Note: sorry this took so long, the semester ate me alive."


@pytest.mark.parametrize(
    ("text", "taken", "begin", "body", "end"),
    [
        ("Note: thanks for reading!\n\nThe story paragraph.\n\nAnother paragraph.\n", ["Note:"],
         "<p>thanks for reading!</p>",
         "<p>The story paragraph.</p>\n<p>Another paragraph.</p>", ""),
        ("A/N: thanks for reading!\n\nThe story paragraph.\n", ["A/N:"],
         "<p>thanks for reading!</p>", "<p>The story paragraph.</p>", ""),
        # "Note:" and an apology open the text: the author's note, never the story's end.
        (f"{_SORRY}\n\nCloud drove on.\n", ["Note:"],
         f"<p>{_SORRY[6:]}</p>", "<p>Cloud drove on.</p>", ""),
        (f"{_SORRY}\n\nCloud drove on.\n\nTifa waited.\n", ["Note:"],
         f"<p>{_SORRY[6:]}</p>", "<p>Cloud drove on.</p>\n<p>Tifa waited.</p>", ""),
        (f"{_SORRY}\nCloud drove on.\nTifa waited.\n", ["Note:"],
         f"<p>{_SORRY[6:]}</p>", "<p>Cloud drove on.</p>\n<p>Tifa waited.</p>", ""),
        # A real end note in the same short text is still the end note, and only it.
        (f"{_SORRY}\n\nCloud drove on.\n\nA/N: see you next week!\n", ["Note:", "A/N:"],
         f"<p>{_SORRY[6:]}</p>", "<p>Cloud drove on.</p>", "<p>see you next week!</p>"),
        ("Note: thanks for reading!\n\nCloud drove on.\n\nA/N: see you next week!\n",
         ["Note:", "A/N:"],
         "<p>thanks for reading!</p>", "<p>Cloud drove on.</p>", "<p>see you next week!</p>"),
    ],
)  # fmt: skip
def test_a_note_a_short_text_opens_on_is_never_its_end_note(
    tmp_path: Path, text: str, taken: list[str], begin: str, body: str, end: str
) -> None:
    [chapter] = read_files([write(tmp_path, "short.txt", text)]).chapters
    assert (chapter.notes_begin, chapter.body, chapter.notes_end) == (begin, body, end)
    # Every word once, in order: only the keys read into fields are gone.
    for key in taken:
        text = text.replace(key, "", 1)
    parts = (chapter.notes_begin, chapter.body, chapter.notes_end)
    assert words(" ".join(plain_text(html) for html in parts)) == words(text)


def test_a_note_a_short_chapter_opens_on_stays_in_that_chapter(tmp_path: Path) -> None:
    text = f"Chapter 1: Dust\n\n{_SORRY}\n\nCloud drove on.\n\nChapter 2: Ash\n\nTifa waited.\n"
    one, two = read_files([write(tmp_path, "two.txt", text)]).chapters
    assert (one.title, one.notes_begin, one.notes_end) == ("Dust", f"<p>{_SORRY[6:]}</p>", "")
    assert one.body == "<p>Cloud drove on.</p>"
    assert (two.title, two.body, two.notes_end) == ("Ash", "<p>Tifa waited.</p>", "")

"""Files posted in a chapter's place that are only an author's notice (a hiatus, "not a
chapter, sorry!"): a chapter of notes, as posted. And other shapes real chapters come in:
lists under a label, credits, numbered headings in a page's heading tags."""

from __future__ import annotations

from pathlib import Path

from editor.formats.importers import read_files
from editor.text.richtext import plain_text
from tests.importers import words

_STORY_1 = (
    "The lamps on the pier went out one by one, and Mara counted them.\n\n"
    '"Seven," she said. "There were eight last night."\n\n'
    "Nobody answered her, and the tide came in over the lowest step."
)
_STORY_3 = (
    "In the spring the eighth lamp was lit again, and nobody would say who had done it.\n\n"
    "Mara stood under it for a long time, and then she went home and slept."
)
_NOTICE = (
    "Hi everyone. I'm really sorry, I know you were hoping for an update and this isn't one.\n\n"
    "The story is going on hiatus for a month while I move house. It is not abandoned.\n\n"
    "Thank you for all your kind messages!"
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _work(tmp_path: Path, notice_heading: str) -> list[Path]:
    return [
        _write(tmp_path, "1.txt", f"Chapter 1: Lamps\n\n{_STORY_1}\n"),
        _write(tmp_path, "2.txt", f"{notice_heading}\n\n{_NOTICE}\n"),
        _write(tmp_path, "3.txt", f"Chapter 3: The Eighth Lamp\n\n{_STORY_3}\n"),
    ]


def test_a_notice_titled_as_a_note_stays_the_chapter_it_was_posted_as(tmp_path: Path) -> None:
    result = read_files(_work(tmp_path, "Chapter 2: Author's Note (not a chapter, sorry!)"))

    titles = [c.title for c in result.chapters]
    assert titles == ["Lamps", "Author's Note (not a chapter, sorry!)", "The Eighth Lamp"]
    first, notice, last = result.chapters
    assert words(plain_text(first.body)) == words(_STORY_1)
    assert words(plain_text(last.body)) == words(_STORY_3)
    assert notice.body == ""
    assert words(plain_text(notice.notes_begin + notice.notes_end)) == words(_NOTICE)
    assert any("2.txt" in w and "notice" in w for w in result.warnings)
    # The preview's Blocks tab says where the notice's blocks went, not "story"
    assert {d.target for d in result.decisions if d.source == "2.txt"} <= {
        "notes_begin",
        "chapter_title",
    }


def test_a_notice_without_such_a_title_stays_a_chapter_with_its_words_in_notes(
    tmp_path: Path,
) -> None:
    # "The story is going on hiatus" between two notes paragraphs is not story.
    result = read_files(_work(tmp_path, "Chapter 2"))

    assert len(result.chapters) == 3
    notice = result.chapters[1]
    assert notice.body == ""
    assert words(plain_text(notice.notes_begin + notice.notes_end)) == words(_NOTICE)
    assert any("Chapter 2" in w and "notice" in w for w in result.warnings)


def test_a_drabble_with_a_note_is_a_chapter(tmp_path: Path) -> None:
    drabble = (
        "The kettle sang. Petra did not get up. Outside, the snow went on falling on the "
        "roofs, on the road, on the small dark shape of the dog asleep by the gate."
    )
    files = [
        _write(tmp_path, "1.txt", f"Chapter 1: Lamps\n\n{_STORY_1}\n"),
        _write(tmp_path, "2.txt", f"Chapter 2: Snow\n\nA/N: a tiny one today!\n\n{drabble}\n"),
    ]
    result = read_files(files)

    assert [c.title for c in result.chapters] == ["Lamps", "Snow"]
    assert plain_text(result.chapters[1].body) == drabble
    assert not [w for w in result.warnings if "notice" in w]


def test_a_notice_first_in_the_work_is_a_chapter_of_notes(tmp_path: Path) -> None:
    files = [
        _write(tmp_path, "0.txt", f"Chapter 1: A/N (please read)\n\n{_NOTICE}\n"),
        _write(tmp_path, "1.txt", f"Chapter 2: Lamps\n\n{_STORY_1}\n"),
    ]
    result = read_files(files)

    notice, chapter = result.chapters
    assert notice.body == ""
    assert "going on hiatus" in plain_text(notice.notes_begin)
    assert words(plain_text(chapter.body)) == words(_STORY_1)


def test_a_list_under_a_label_is_its_value_not_dialogue(tmp_path: Path) -> None:
    text = (
        "Warnings for this chapter:\n- panic attack\n- swearing (sorry)\nA/N: a heavy one.\n"
        f"{_STORY_1.replace(chr(10) * 2, chr(10))}\n"
    )
    result = read_files([_write(tmp_path, "fic.txt", text)])

    [chapter] = result.chapters
    assert words(plain_text(chapter.body)) == words(_STORY_1)
    warnings = [*result.fields.get("content_warnings", ()), *chapter.warnings]
    assert warnings == ["panic attack", "swearing (sorry)"]
    assert plain_text(chapter.notes_begin) == "a heavy one."


def test_a_spanish_dash_dialogue_opening_stays_the_story(tmp_path: Path) -> None:
    story = "- Ya voy -dijo Lucía.\n- No tardes.\nY se fue sin mirar atrás, como siempre."
    result = read_files([_write(tmp_path, "fic.txt", story + "\n")])

    [chapter] = result.chapters
    assert words(plain_text(chapter.body)) == words(story)


def test_credits_keep_their_label_in_the_notes(tmp_path: Path) -> None:
    text = f"Rating: T\nBeta'd by: corvidae, who caught all my comma crimes\n\n{_STORY_1}\n"
    result = read_files([_write(tmp_path, "fic.txt", text)])

    [chapter] = result.chapters
    assert plain_text(chapter.notes_begin) == (
        "Beta'd by: corvidae, who caught all my comma crimes"
    )
    assert words(plain_text(chapter.body)) == words(_STORY_1)


def test_numbered_heading_tags_are_chapters(tmp_path: Path) -> None:
    html = (
        "<html><body><p><b>Title:</b> Lamps</p><h3>1. The Pier</h3>"
        + "".join(f"<p>{p}</p>" for p in _STORY_1.split("\n\n"))
        + "<h3>II - The Eighth Lamp</h3>"
        + "".join(f"<p>{p}</p>" for p in _STORY_3.split("\n\n"))
        + "</body></html>"
    )
    result = read_files([_write(tmp_path, "fic.html", html)])

    assert [c.title for c in result.chapters] == ["The Pier", "The Eighth Lamp"]
    assert result.fields["title"] == "Lamps"
    assert words(plain_text(result.chapters[1].body)) == words(_STORY_3)

"""The catalogue's rarer shapes (../shared/reference/fic-headers.md), one by one, each around the
same story: the story comes back whole and the item lands in its field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from editor.formats.importers import read_files
from editor.model import ArchiveWarning
from editor.text.richtext import plain_text
from tests.importers import words

_STORY = (
    "Mara walked down to the harbour and looked at the grey water for a long time.\n\n"
    '"Not yet," she said, and pulled the door shut behind her.\n\n'
    "The boats came back one by one, and she counted them all."
)


def _read(tmp_path: Path, text: str) -> tuple[dict[str, Any], Any]:
    path = tmp_path / "fic.txt"
    path.write_text(text, encoding="utf-8")
    result = read_files([path])
    [chapter] = result.chapters
    assert words(plain_text(chapter.body)) == words(_STORY)
    return result.fields, chapter


def test_labels_with_a_parenthesis_in_brackets_or_left_empty(tmp_path: Path) -> None:
    header = (
        "Author: wren <wren@example.org>\nPairings (if any): /\n"
        "Warnings (Non-Con/Dub-Con/Underage): none\n[Word count: 1804]\n"
        "Distribution: ask first\n\n"
    )
    fields, chapter = _read(tmp_path, header + _STORY)

    assert fields["author"] == "wren"
    assert "relationships" not in fields  # "/" says there is none
    assert fields["archive_warnings"] == (ArchiveWarning.NONE_APPLY,)
    assert "Distribution: ask first" in plain_text(chapter.notes_begin)  # unknown: a note


def test_two_labels_on_one_line_and_a_category_path(tmp_path: Path) -> None:
    fields, _ = _read(
        tmp_path, "Categories: Skyward Isles > Mara/Jun Characters: Mara, Jun\n\n" + _STORY
    )

    assert fields["fandoms"] == ("Skyward Isles",)
    assert fields["relationships"] == ("Mara/Jun",)
    assert fields["characters"] == ("Mara", "Jun")


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("Zero: A Single Step", "A Single Step"),
        ("Story – Chapter Seven\nThe Long Night", "The Long Night"),
        ("Prologue, Part One", "Prologue: Part One"),
        ("Chapter 2- The Tide", "The Tide"),
        ("Chapter 5: The Keeper's Log, Part 5", "The Keeper's Log, Part 5"),
        ("~*~ Chapter 2 of 5 ~*~\n\n~ Two: The Orchard Thief ~", "The Orchard Thief"),
    ],
)
def test_heading_shapes(tmp_path: Path, heading: str, title: str) -> None:
    _, chapter = _read(tmp_path, f"{heading}\n\n{_STORY}")

    assert chapter.title == title


def test_links_to_the_other_parts_are_no_heading(tmp_path: Path) -> None:
    text = f"Chapter 1: Thaw\n\n[ Part 1 | Part 2 | Part 3 ]\n\n{_STORY}\n\n[ Part 1 | Part 2 ]\n"
    _, chapter = _read(tmp_path, text)

    assert chapter.title == "Thaw"


def test_an_unlabelled_pairing_line_but_not_a_title_with_an_ampersand(tmp_path: Path) -> None:
    fields, _ = _read(tmp_path, "Mara x Jun\n\n" + _STORY)
    assert fields["relationships"] == ("Mara x Jun",)

    fields, _ = _read(tmp_path, "Ember & Ash\nby kestrelwing\n\n" + _STORY)
    assert fields["title"] == "Ember & Ash"
    assert "relationships" not in fields


def test_a_closing_note_with_its_label_alone_and_a_sign_off(tmp_path: Path) -> None:
    text = f"Chapter 4\n\n{_STORY}\n\nAuthors note:\n\nThat's all for now!\n\nSigning off-\nRoku~"
    _, chapter = _read(tmp_path, text)

    assert words(plain_text(chapter.notes_end)) == words("That's all for now! Signing off- Roku~")


def test_a_for_line_that_is_no_dedication_stays_where_it_was(tmp_path: Path) -> None:
    path = tmp_path / "fic.txt"
    path.write_text("For My Female Viewers:\n\n" + _STORY, encoding="utf-8")
    result = read_files([path])

    assert "dedication" not in result.fields

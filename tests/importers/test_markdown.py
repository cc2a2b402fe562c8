"""Markdown import: headers in bold, chapter headings, emphasis and scene breaks."""

from __future__ import annotations

from pathlib import Path

from editor.formats.importers import read_files
from editor.model import Rating
from editor.text.richtext import plain_text

FIC = """\
**Title:** Second Star
**Author:** lune
**Rating:** Teen And Up Audiences
**Summary:** A pilot, a navigator, and a map that is *wrong on purpose*.

---

## Chapter 1: Charts

The map was wrong. Nadia knew it was wrong the way you know a song is in the wrong key:
not with her head, but with her *teeth*.

* * *

"Trust it anyway," said Oyelaran.

## Chapter 2: Dead Reckoning

They flew by the stars instead, and **that** was wrong too.
A/N: thanks for reading!
"""


def test_a_markdown_fic(tmp_path: Path) -> None:
    path = tmp_path / "second-star.md"
    path.write_text(FIC, encoding="utf-8")

    result = read_files([path])

    f = result.fields
    assert (f["title"], f["author"], f["rating"]) == ("Second Star", "lune", Rating.TEEN)
    assert f["summary"] == (
        "<p>A pilot, a navigator, and a map that is <em>wrong on purpose</em>.</p>"
    )
    one, two = result.chapters
    assert (one.title, two.title) == ("Charts", "Dead Reckoning")
    assert one.body.splitlines() == [
        "<p>The map was wrong. Nadia knew it was wrong the way you know a song is in the wrong "
        "key: not with her head, but with her <em>teeth</em>.</p>",
        "<hr />",
        '<p>"Trust it anyway," said Oyelaran.</p>',
    ]
    assert (
        two.body
        == "<p>They flew by the stars instead, and <strong>that</strong> was wrong too.</p>"
    )
    assert two.notes_end == "<p>thanks for reading!</p>"
    assert result.encodings == {"second-star.md": "utf-8"}


def test_a_dash_rule_under_text_is_a_scene_break_not_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "breaks.markdown"
    path.write_text("She left.\n---\nHe stayed.\n", encoding="utf-8")
    [chapter] = read_files([path]).chapters
    assert chapter.body == "<p>She left.</p>\n<hr />\n<p>He stayed.</p>"


def test_a_title_every_file_opens_with_is_the_works_once(tmp_path: Path) -> None:
    files = []
    for n, (heading, text) in enumerate(
        [("The Boat", "Mara rowed."), ("The Shore", "Tobin waved.")]
    ):
        path = tmp_path / f"ch{n + 1}.md"
        path.write_text(f"# Persistence\n\n## {heading}\n\n{text}\n", encoding="utf-8")
        files.append(path)
    result = read_files(files)
    assert result.fields["title"] == "Persistence"
    assert [c.title for c in result.chapters] == ["The Boat", "The Shore"]
    assert [plain_text(c.body) for c in result.chapters] == ["Mara rowed.", "Tobin waved."]

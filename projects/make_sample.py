"""Rebuild projects/sample.ficwright, the work a first run opens.

python projects/make_sample.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from editor.model import ArchiveWarning, Category, Rating, Status
from editor.store.project import WORK_WORD, Changes, Project
from editor.text.richtext import normalize, word_count

TITLE = "The Lighthouse Letters"

CHAPTERS = [
    (
        "The Keeper's Lamp",
        """
<p>The lamp at Kell’s Reach had not gone out in forty years, and Wren did not intend to be the one who let it.</p>
<p>“You’re doing it again,” said Tamsin from the doorway. “The <em>staring</em>.”</p>
<p>“I’m not staring. I’m <strong>keeping watch</strong>.” Wren didn’t turn round. Out past the breakers a ship’s light blinked — once, twice — and was gone behind the swell.</p>
<p>Tamsin crossed the little room in three strides and set a mug of tea on the sill. It was too strong, as always; she had learnt to make it in a kitchen where nobody could afford a second teabag.</p>
<hr />
<p>The letter came on the Thursday boat, folded small and sealed with green wax.</p>
<blockquote>
<p><em>To the keeper of the light at Kell’s Reach, from one who owes it a debt.</em></p>
</blockquote>
<p>Wren read it twice, then a third time, and then put it in the drawer with the others.</p>
""",
    ),
    (
        "What the Tide Brought",
        """
<p align="center"><strong>Three weeks later</strong></p>
<p>The storm arrived on a Sunday, as storms at Kell’s Reach liked to do, and by nightfall the sea was climbing the rocks like something that meant it.</p>
<p>“Well-known fact,” Tamsin shouted over the wind, “that <u>nobody</u> sensible goes <em>out</em> in this.”</p>
<p>“Then it’s lucky,” said Wren, pulling on her oilskin, “that neither of us has ever been sensible.”</p>
<p>They found him on the shingle at the foot of the tower: a young man in a coat three sizes too big, clutching a bundle of letters sealed with green wax. Every one of them was addressed in Wren’s own hand, and every one of them was <s>unopened</s> dated ten years from now.</p>
<hr />
<p>He woke at dawn, looked at the lamp, and smiled as if he had been waiting his whole life to see it lit.</p>
<p>“Hello, Keeper,” he said. “You don’t know me yet.”</p>
""",
    ),
]


WORK = {
    "author": "ficwright_sample",
    "fandoms": ("Original Work",),
    "rating": Rating.GENERAL,
    "archive_warnings": (ArchiveWarning.NONE_APPLY,),
    "content_warnings": ("Storms", "Mild peril"),
    "categories": (Category.FF, Category.GEN),
    "relationships": ("Wren/Tamsin",),
    "characters": ("Wren", "Tamsin", "The Stranger"),
    "additional_tags": ("Lighthouses", "Time Travel", "Found Family", "Letters"),
    "summary": "<p>The lamp at Kell’s Reach has not gone out in forty years. Then the letters start arriving — in Wren’s <em>own</em> handwriting.</p>",
    "expected_chapters": 2,
    "status": Status.COMPLETE,
    "disclaimer": "<p>All characters are my own; any resemblance to real lighthouse keepers is a happy accident.</p>",
    "dedication": "<p>For everyone who keeps a light on for someone else.</p>",
    "prompt": "<p>“a letter from the future, delivered by the tide”</p>",
    "prompt_by": "a friend",
    "prompt_collection": "Ficwright Sample Exchange",
    "english_variant": "GB",  # Wren "had learnt": the sample is written in British English
}
CHAPTER_NOTES = [
    {
        "summary": "<p>Wren keeps the light, and a letter arrives.</p>",
        "notes_begin": "<p>Welcome! This sample shows what Ficwright keeps for a work: open the panels on the right.</p>",
    },
    {
        "notes_end": "<p>Thank you for reading. <em>Comments are love.</em></p>",
        "warnings": ("Drowning (averted)",),
    },
]


def build(path: Path) -> None:
    path.unlink(missing_ok=True)
    project = Project.create(path, TITLE)
    ids = []
    for title, html in CHAPTERS:
        body = normalize(html.strip())
        ids.append(project.add_chapter(title, body, word_count(body)))
    project.save(Changes(work=WORK, chapters=dict(zip(ids, CHAPTER_NOTES, strict=True))))
    project.add_words(WORK_WORD, ["Kell", "Ficwright"])  # the story's place, the app
    project.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    build(Path(__file__).resolve().parent / "sample.ficwright")

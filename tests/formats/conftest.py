"""Shared by every exporter's tests: ``everything_work``, a work that uses all there is.

Its three chapters use every construct of the canonical subset (headings, every alignment,
scene breaks, quotes, both lists, links, every inline mark nested, line breaks, blank
paragraphs, a double line break, ``& < >``, curly quotes, emoji) and every panel field and
chapter note is filled. Deterministic: the same ExportWork (and so the same golden files)
on every run. Change it and every exporter's golden files change: regenerate them with
``UPDATE_GOLDEN=1``.
"""

# ruff: noqa: E501  (chapter bodies are kept one paragraph a line, as they are stored)
from __future__ import annotations

from pathlib import Path

import pytest

from editor.formats.work import ExportWork, load_work
from editor.model import ArchiveWarning, Category, FfnRating, Rating, Status
from editor.store.project import Changes, Project
from editor.text.richtext import normalize, word_count

GOLDEN = Path(__file__).resolve().parent.parent / "golden"

TITLE = "Salt & Starlight: “The <Keeper’s> Year”"

CHAPTERS = [
    (
        "The Keeper’s Lamp",
        """
<h2>Part One: Autumn</h2>
<p>The lamp at Kell’s Reach had not gone out in forty years — and Wren didn’t intend to be the one who let it. 🌊</p>
<p align="center"><strong>* * *</strong></p>
<p align="right"><em>— from the keeper’s log, 3 October</em></p>
<p align="justify">Fish &amp; chips cost 2 &lt; 3 shillings, and the ferry’s horn &gt; the gulls. “You’re <strong>doing it <em>again</em></strong>,” said Tamsin. ‘Staring.’</p>
<p>Her letter ran: <strong><em><u>never</u></em></strong> <s>forget</s> <u><s>remember</s></u>, E = mc<sup>2</sup>, H<sub>2</sub>O, and x<sup><em>n</em></sup>.</p>
<p>Roses are red,<br />violets are blue,<br />the lamp keeps burning<br />and so do you.</p>
<hr />
<blockquote>
<p><em>To the keeper of the light at Kell’s Reach, from one who owes it a debt.</em></p>
<p>Read the <a href="https://example.org/tide?a=1&amp;b=2">tide table</a>.</p>
</blockquote>
<p>Wren read it twice, then put it in the drawer with the others. ✉️</p>
""",
    ),
    (
        "What the Tide Brought",
        """
<h3>Things to pack</h3>
<ul>
<li>an oilskin</li>
<li>the <strong>brass</strong> key</li>
<li>three <em>green</em> candles</li>
</ul>
<h4>In order</h4>
<ol>
<li>Light the lamp.</li>
<li>Wind the clock.</li>
<li>Write to <a href="mailto:wren@example.org">Wren</a>.</li>
</ol>
<blockquote>
<ul>
<li>A list inside a quote</li>
</ul>
<hr />
</blockquote>
<p>The storm arrived on a Sunday.</p>
<p></p>
<p>A single blank paragraph came before this one.</p>
<p></p>
<p></p>
<p>Two blank paragraphs came before this one.</p>
""",
    ),
    (
        "Afterwards",
        """
<p><a href="https://example.org/"><strong>A bold link</strong></a> and <a href="/works/1">a relative one</a>.</p>
<p>First stanza line<br /><br />second paragraph after a double line break.</p>
<p align="center">Ends here… 🕯️</p>
""",
    ),
]

WORK = {
    "author": "wren_writes",
    "fandoms": ("Original Work", "The Lighthouse Letters (Web Series)"),
    "rating": Rating.TEEN,
    "ffn_rating": FfnRating.T,
    "archive_warnings": (ArchiveWarning.VIOLENCE, ArchiveWarning.MAJOR_CHARACTER_DEATH),
    "content_warnings": ("Storms", "Drowning (attempted)"),
    "categories": (Category.FF, Category.GEN),
    "relationships": ("Wren/Tamsin", "Wren & The Stranger"),
    "characters": ("Wren", "Tamsin", "The Stranger"),
    "additional_tags": ("Lighthouses", "Time Travel", "Found Family", "Letters"),
    "language": "English",
    "english_variant": "GB",
    "ao3_notes_template": "",
    "ffn_header_template": "",
    "summary": "<p>The lamp at Kell’s Reach has not gone out in forty years. Then the letters "
    "start arriving — in Wren’s <em>own</em> handwriting &amp; sealed with <strong>green</strong> wax.</p>",
    "series_name": "Lights Along the Coast",
    "series_part": 2,
    "expected_chapters": 4,
    "status": Status.IN_PROGRESS,
    "disclaimer": "<p>All characters are my own; any resemblance to real lighthouse keepers "
    "is a <em>happy</em> accident.</p>",
    "dedication": "<p>For Tamsin’s namesake, who keeps a light on. 💡</p>",
    "gift_recipients": ("tamsin_reads", "lighthouse_fan"),
    "prompt": "<p>“a letter from the future, delivered by the tide”</p>",
    "prompt_by": "sea_glass",
    "prompt_collection": "Coastal Exchange 2024",
}

CHAPTER_META = [
    {
        "summary": "<p>Wren keeps the light, and a letter <em>arrives</em>.</p>",
        "notes_begin": "<p>Welcome! This is where it all starts.</p>"
        "<p>A second paragraph of <strong>notes</strong>.</p>",
        "notes_end": "<p>Thank you for reading. <em>Comments are love.</em></p>",
        "warnings": ("Peril at sea",),
    },
    {
        "summary": "<p>A storm, a list, and a stranger.</p>",
        "notes_begin": '<p>Lists ahead: <a href="https://example.org/lists">why</a>.</p>',
        "notes_end": "<p>More soon &amp; thanks.</p>",
        "warnings": ("Drowning (averted)", "Cliffhanger"),
    },
    {
        "summary": "<p>After the storm.</p>",
        "notes_begin": "<p>Short one, sorry!</p>",
        "notes_end": "<ul>\n<li>Fact one</li>\n<li>Fact two</li>\n</ul>",
        "warnings": ("None",),
    },
]


def build_everything(path: Path) -> ExportWork:
    project = Project.create(path, TITLE)
    try:
        ids = []
        for title, html in CHAPTERS:
            body = normalize(html.strip())
            ids.append(project.add_chapter(title, body, word_count(body)))
        chapters = {
            chapter_id: {
                name: normalize(value) if name != "warnings" else value
                for name, value in meta.items()
            }
            for chapter_id, meta in zip(ids, CHAPTER_META, strict=True)
        }
        rich = {"summary", "disclaimer", "dedication", "prompt"}
        work = {k: normalize(v) if k in rich else v for k, v in WORK.items()}
        project.save(Changes(work=work, chapters=chapters))
        return load_work(project)
    finally:
        project.close()


@pytest.fixture
def everything_work(tmp_path: Path) -> ExportWork:
    return build_everything(tmp_path / "everything.ficwright")

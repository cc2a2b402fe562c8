"""HTML import: a word processor's page with formatting, and AO3's own download."""

from __future__ import annotations

from pathlib import Path

from editor.formats.ao3 import work_html
from editor.formats.importers import read_files
from editor.formats.work import ExportChapter, ExportWork
from editor.model import ArchiveWarning, Category, ChapterMeta, Rating, Status, WorkMeta
from editor.text.richtext import plain_text
from tests.importers import FIXTURES, words

GOLDEN_AO3 = FIXTURES.parent.parent / "golden" / "ao3" / "work.html"


def test_a_libreoffice_page_keeps_its_formatting_and_splits_at_its_headings() -> None:
    result = read_files([FIXTURES / "ember-and-ash.html"])

    assert result.encodings == {"ember-and-ash.html": "cp1252"}  # as its meta tag says
    f = result.fields
    assert f["title"] == "Ember and Ash"  # the <h1> over "by quillfeather"
    assert f["author"] == "quillfeather"
    assert f["fandoms"] == ("Avatar: The Last Airbender",)
    assert f["rating"] is Rating.TEEN  # PG-13
    assert f["characters"] == ("Zuko", "Iroh", "Katara")
    assert f["disclaimer"] == "<p>Not mine. Never was.</p>"
    jasmine, smoke = result.chapters
    assert (jasmine.title, smoke.title) == ("Jasmine", "Smoke")
    assert jasmine.body.splitlines() == [
        "<p>The tea shop smelled of jasmine and scorched iron. Iroh hummed as he worked, a tune "
        "with no beginning and no end, and Zuko pretended not to know the words.</p>",
        "<p>“You are scowling at the kettle,” his uncle said. “The kettle has done nothing to "
        "you.”</p>",
        "<p>“It <em>whistles</em>.”</p>",
        "<p>“That is its nature. We do not blame the <strong>river</strong> for being wet.”</p>",
        "<hr />",
        "<p>Later, when the café had closed, Zuko washed every cup twice and did not say "
        "<em>thank you</em>, and Iroh heard it <s>anyway</s> all the same.</p>",
    ]
    assert "<u>chamomile</u>" in smoke.body


def test_an_ao3_download_maps_every_part() -> None:
    result = read_files([FIXTURES / "ao3-download.html"])

    f = result.fields
    assert f["title"] == "The Quiet Hours"
    assert f["author"] == "nightjar_ink"
    assert f["rating"] is Rating.TEEN
    assert f["archive_warnings"] == (ArchiveWarning.NONE_APPLY,)
    assert f["categories"] == (Category.FM,)
    assert f["fandoms"] == ("Final Fantasy VII",)
    assert f["relationships"] == ("Cloud Strife/Tifa Lockhart",)
    assert f["characters"] == ("Cloud Strife", "Tifa Lockhart", "Marlene Wallace")
    assert f["additional_tags"] == ("Post-Canon", "Hurt/Comfort", "Insomnia", "Domestic Fluff")
    assert f["language"] == "English"
    assert (f["series_name"], f["series_part"]) == ("Seventh Heaven Nights", 2)
    assert f["prompt_collection"] == "Cloti Week 2024"
    assert (f["expected_chapters"], f["status"]) == (2, Status.COMPLETE)
    assert f["summary"] == (
        "<p>Nobody at Seventh Heaven sleeps well. They have simply agreed "
        "<em>not to talk about it</em>.</p>"
    )
    assert f["prompt"] == '<p>insomnia / "the hours between"</p>'
    assert f["dedication"] == "<p>For Ash, who stays up with me.</p>"

    one, two = result.chapters
    assert (one.title, two.title) == ("Two in the Morning", "Five in the Morning")
    assert one.summary == "<p>Tifa finds Cloud on the roof.</p>"
    # The work's own notes (what no field took) come first, then the chapter's.
    assert one.notes_begin == (
        "<p>Thank you to everyone in the server who cheered this on!</p>\n"
        "<p>This one is short and soft.</p>"
    )
    assert one.notes_end == "<p>Part two goes up tomorrow!</p>"
    assert two.warnings == ("nightmares", "brief mention of Nibelheim")
    assert two.notes_begin == "<p>Marlene gets the last word, as is right.</p>"
    assert (
        two.notes_end == "<p>Thank you for reading! Come and say hello on tumblr if you like.</p>"
    )
    assert "<p>“<em>Won't</em>,” he said" not in one.body  # straight quotes stay straight
    assert '<p>"<em>Won\'t</em>," he said, which was more honest' in one.body
    assert one.body.count("<hr />") == 1  # the centred * * *
    assert "<strong>best</strong>" in one.body
    assert "She was <u>eight</u>, not a monster." in two.body
    assert "Posted originally" not in one.body + two.body
    assert "drop by the Archive" not in two.notes_end


def test_our_own_ao3_export_reads_back() -> None:
    result = read_files([GOLDEN_AO3])

    f = result.fields
    assert f["title"] == "Salt & Starlight: “The <Keeper’s> Year”"
    assert f["author"] == "wren_writes"
    assert f["archive_warnings"] == (
        ArchiveWarning.VIOLENCE,
        ArchiveWarning.MAJOR_CHARACTER_DEATH,
    )
    assert f["categories"] == (Category.FF, Category.GEN)
    assert f["relationships"] == ("Wren/Tamsin", "Wren & The Stranger")
    assert f["content_warnings"] == ("Storms", "Drowning (attempted)")
    assert f["prompt_by"] == "sea_glass"
    assert f["prompt_collection"] == "Coastal Exchange 2024"
    assert f["disclaimer"].startswith("<p>All characters are my own;")
    assert f["dedication"] == "<p>For Tamsin’s namesake, who keeps a light on. 💡</p>"
    assert (f["expected_chapters"], f["series_part"]) == (4, 2)
    assert [c.title for c in result.chapters] == [
        "The Keeper’s Lamp",
        "What the Tide Brought",
        "Afterwards",
    ]
    one = result.chapters[0]
    assert one.warnings == ("Peril at sea",)
    assert one.notes_begin.startswith("<p>Welcome! This is where it all starts.</p>")
    assert "<h2>Part One: Autumn</h2>" in one.body  # a heading inside a chapter splits nothing
    assert result.chapters[2].notes_end == "<ul>\n<li>Fact one</li>\n<li>Fact two</li>\n</ul>"


def test_an_ao3_oneshot_download(tmp_path: Path) -> None:
    meta = WorkMeta(title="Small Hours", author="ink", summary="<p>Short.</p>")
    chapter = ExportChapter(
        id=1,
        number=1,
        title="",
        body="<p>It was late.</p>\n<p>She slept.</p>",
        words=5,
        meta=ChapterMeta(notes_begin="<p>Hello!</p>", notes_end="<p>Bye!</p>"),
    )
    path = tmp_path / "small-hours.html"
    path.write_text(work_html(ExportWork(meta=meta, chapters=(chapter,))), encoding="utf-8")

    result = read_files([path])

    [one] = result.chapters
    assert result.fields["title"] == "Small Hours"
    assert result.fields["summary"] == "<p>Short.</p>"
    assert one.body == chapter.body
    assert (one.notes_begin, one.notes_end) == ("<p>Hello!</p>", "<p>Bye!</p>")


def test_ao3_text_keeps_every_word() -> None:
    result = read_files([FIXTURES / "ao3-download.html"])
    text = " ".join(plain_text(c.body) for c in result.chapters)
    assert words(text)[:6] == ["The", "ladder", "to", "the", "roof", "creaked"]
    assert words(text)[-4:] == ["eight", "not", "a", "monster"]


def test_spaces_at_a_marks_edges_go_outside_it(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(
        "<html><body><p>and<b> bold </b>end, a<i> lean</i> and<s>struck </s>out</p></body></html>",
        encoding="utf-8",
    )

    result = read_files([path], detect_header=False, split_chapters=False)

    assert result.chapters[0].body == (
        "<p>and <strong>bold</strong> end, a <em>lean</em> and<s>struck</s> out</p>"
    )

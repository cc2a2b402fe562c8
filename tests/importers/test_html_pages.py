"""Pages saved from fic sites: each layout read by its structure, the site's chrome dropped."""

# ruff: noqa: E501 -- the saved pages keep a site's lines as the site writes them

from __future__ import annotations

from pathlib import Path

import pytest

from editor.formats.importers import ImportResult, pages, read_files, read_source
from editor.formats.importers.html import page_blocks
from editor.model import ArchiveWarning, Rating, Status
from editor.text.richtext import plain_text


def _read(tmp_path: Path, page: str, name: str = "page.html") -> ImportResult:
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    return read_files([path])


def _story(body: str) -> list[str]:
    return [line for line in plain_text(body).split("\n") if line.strip()]


FFN = """<html><head><meta charset="utf-8"><title>Salt Road Chapter 2: Mile Nine</title></head>
<body><div id="top"><a href="/">FanFiction</a> | <a href="/login">Login</a></div>
<div id="pre_story_links"><a href="/game/">Games</a> &gt; <a href="/game/Lantern/">Lantern Isles</a></div>
<div id="profile_top"><b class="xcontrast_txt">Salt Road</b>
<span>By:</span> <a class="xcontrast_txt" href="/u/42/gullwing">gullwing</a>
<div class="xcontrast_txt">Two couriers, one cart and a road made of salt.</div>
<span class="xgray xcontrast_txt">Rated: Fiction K+ - English - Adventure/Humor - Tamsin, Oris - Chapters: 4 - Words: 9,100 - Reviews: 12 - Status: Complete - id: 77</span></div>
<select id="chap_select"><option value="1">1. Mile One</option><option value="2" selected>2. Mile Nine</option></select>
<div id="storytext"><p>A/N: Thanks for reading the first part, everyone!</p><hr>
<p>The cart lost a wheel at mile nine.</p><p>Tamsin swore at it in three languages.</p></div>
<div id="review"><textarea>Type your review</textarea><button>Post Review</button></div>
</body></html>"""


def test_an_ffn_chapter_page_reads_its_profile_and_drops_the_site(tmp_path: Path) -> None:
    result = _read(tmp_path, FFN)

    f = result.fields
    assert (f["title"], f["author"]) == ("Salt Road", "gullwing")
    assert f["fandoms"] == ("Lantern Isles",)
    assert f["rating"] is Rating.GENERAL  # K+
    assert "road made of salt" in plain_text(f["summary"])
    assert f["characters"] == ("Tamsin", "Oris")
    assert f["additional_tags"] == ("Adventure", "Humor")
    assert (f["expected_chapters"], f["status"]) == (4, Status.COMPLETE)
    (chapter,) = result.chapters
    assert chapter.title == "Mile Nine"
    assert "first part" in plain_text(chapter.notes_begin)
    assert _story(chapter.body) == [
        "The cart lost a wheel at mile nine.",
        "Tamsin swore at it in three languages.",
    ]


def test_an_ffn_crossover_oneshot_reads_both_fandoms_and_its_pairing(tmp_path: Path) -> None:
    page = (
        FFN.replace(
            '<a href="/game/">Games</a> &gt; <a href="/game/Lantern/">Lantern Isles</a>',
            '<a href="/crossovers/x/">Lantern Isles + Copper Sky Crossover</a>',
        )
        .replace("Adventure/Humor - Tamsin, Oris", "Hurt/Comfort - [Tamsin, Oris] Jory - Ann")
        .replace(" - Chapters: 4", "")
    )
    page = page[: page.index("<select")] + page[page.index("</select>") + 9 :]

    result = _read(tmp_path, page)

    f = result.fields
    assert f["fandoms"] == ("Lantern Isles", "Copper Sky")
    assert f["additional_tags"] == ("Hurt/Comfort",)
    assert f["relationships"] == ("Tamsin/Oris",)
    assert f["characters"] == ("Tamsin", "Oris", "Jory - Ann")
    (chapter,) = result.chapters
    assert chapter.title == ""
    assert _story(chapter.body) == [
        "The cart lost a wheel at mile nine.",
        "Tamsin swore at it in three languages.",
    ]


AO3_WORK_PAGE = """<html><head><title>Glasswork - vell - Tidebound [Archive of Our Own]</title></head>
<body><header id="header"><h1>Archive of Our Own</h1><a href="/login">Log In</a></header>
<div id="main"><h3 class="landmark heading">Actions</h3><ul><li>Entire Work</li></ul>
<div class="wrapper"><h3 class="landmark heading">Work Header</h3>
<dl class="work meta group">
<dt class="rating tags">Rating:</dt><dd class="rating tags"><ul><li><a class="tag">Mature</a></li></ul></dd>
<dt class="warning tags">Archive Warning:</dt><dd class="warning tags"><ul><li><a class="tag">Major Character Death</a></li></ul></dd>
<dt class="fandom tags">Fandom:</dt><dd class="fandom tags"><ul><li><a class="tag">Tidebound</a></li></ul></dd>
<dt class="series">Series:</dt><dd class="series"><span class="series"><span class="position">Part 3 of <a href="/series/1">Glass Cycle</a></span></span></dd>
<dt class="stats">Stats:</dt><dd class="stats"><dl class="stats"><dt>Chapters:</dt><dd>2/3</dd><dt>Hits:</dt><dd>90</dd></dl></dd>
</dl></div>
<div id="workskin"><div class="preface group"><h2 class="title heading">Glasswork</h2>
<h3 class="byline heading"><a rel="author">vell</a></h3>
<div class="summary module"><h3 class="heading">Summary:</h3><blockquote class="userstuff"><p>A glassblower mends the sea.</p></blockquote></div>
<div class="notes module"><h3 class="heading">Notes:</h3><ul class="associations"><li>For <a href="/users/pebble/gifts">pebble</a>.</li></ul>
<blockquote class="userstuff"><p>Written on a ferry.</p></blockquote>
<p class="jump">(See the end of the work for <a href="#work_endnotes">more notes</a>.)</p></div></div>
<div id="chapters">
<div class="chapter" id="chapter-1"><div class="chapter preface group"><h3 class="title"><a>Chapter 1</a>: Sand</h3></div>
<div class="userstuff module"><h3 class="landmark heading">Chapter Text</h3><p>First the sand had to be clean.</p></div>
<div class="chapter preface group"><div id="chapter_1_endnotes" class="end notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>More soon.</p></blockquote></div></div></div>
<div class="chapter" id="chapter-2"><div class="chapter preface group"><h3 class="title"><a>Chapter 2</a>: Fire</h3>
<div class="summary module"><h3 class="heading">Summary:</h3><blockquote class="userstuff"><p>The kiln wakes.</p></blockquote></div></div>
<div class="userstuff module"><h3 class="landmark heading">Chapter Text</h3><p>Then the fire had to be patient.</p></div></div>
</div>
<div class="afterword preface group"><div id="work_endnotes" class="end notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>Thanks for the kudos.</p></blockquote></div></div>
</div>
<div id="feedback"><h3 class="landmark heading">Actions</h3><p class="kudos">40 users left kudos on this work!</p></div>
<div id="footer"><h3 class="landmark heading">Footer</h3>Terms of Service</div></div></body></html>"""


def test_an_ao3_work_page_saved_from_the_browser_maps_every_part(tmp_path: Path) -> None:
    result = _read(tmp_path, AO3_WORK_PAGE)

    f = result.fields
    assert (f["title"], f["author"]) == ("Glasswork", "vell")
    assert f["rating"] is Rating.MATURE
    assert f["archive_warnings"] == (ArchiveWarning.MAJOR_CHARACTER_DEATH,)
    assert f["fandoms"] == ("Tidebound",)
    assert (f["series_name"], f["series_part"]) == ("Glass Cycle", 3)
    assert f["expected_chapters"] == 3
    assert f["summary"] == "<p>A glassblower mends the sea.</p>"
    assert f["dedication"] == "<p>For pebble.</p>"
    sand, fire = result.chapters
    assert (sand.title, fire.title) == ("Sand", "Fire")
    assert sand.notes_begin == "<p>Written on a ferry.</p>"
    assert sand.notes_end == "<p>More soon.</p>"
    assert sand.body == "<p>First the sand had to be clean.</p>"
    assert fire.summary == "<p>The kiln wakes.</p>"
    assert fire.body == "<p>Then the fire had to be patient.</p>"
    assert fire.notes_end == "<p>Thanks for the kudos.</p>"


def test_an_ao3_oneshot_work_page_has_its_text_straight_in_chapters(tmp_path: Path) -> None:
    page = AO3_WORK_PAGE.split('<div id="chapters">')[0] + (
        '<div id="chapters"><div class="userstuff"><h3 class="landmark heading">Work Text:</h3>'
        "<p>One breath of glass.</p></div></div></div></div></body></html>"
    )

    result = _read(tmp_path, page)

    (oneshot,) = result.chapters
    assert oneshot.body == "<p>One breath of glass.</p>"
    assert oneshot.notes_begin == "<p>Written on a ferry.</p>"
    assert result.fields["title"] == "Glasswork"


EFICTION = """<html><head><title>Low Tide by reedling</title></head><body>
<div id="pagetitle"><a href="viewstory.php?sid=9">Low Tide</a> by <a href="viewuser.php?uid=3">reedling</a></div>
<div class="content"><span class="label">Summary:</span> Two sisters and a drowned bell.<br>
<span class="label">Rated:</span> NC-17<br>
<span class="label">Categories:</span> <a href="browse.php?catid=1">Saltmarsh</a> &gt; <a href="browse.php?catid=5">Bell Lore</a>
<span class="label">Characters:</span> Ada, Wren<br>
<span class="label">Series:</span> None<br>
<span class="label">Chapters:</span> 2 <span class="label">Completed:</span> Yes <span class="label">Word count:</span> 3000</div>
<div class="notes"><span class="label">Story Notes:</span><br><br>
Disclaimer: Saltmarsh is not mine.<br><br>
For my sister, who hates boats.</div>
<div id="toc">1. <a href="#1">The Bell</a><br>2. <a href="#2">The Rope</a></div>
<div class="chaptertitle"><a name="1"></a>1. The Bell by <a href="viewuser.php?uid=3">reedling</a></div>
<div class="notes"><div class="title"><span class="label">Author's Chapter Notes:</span></div><div class="noteinfo">Set in autumn.</div></div>
<div class="chapter"><p>The bell rang under the water.</p></div>
<div class="jumpmenu"><a href="#top">Back to index</a></div>
<div class="chaptertitle"><a name="2"></a>2. The Rope by <a href="viewuser.php?uid=3">reedling</a></div>
<div class="chapter"><p>Wren found the rope at dawn.</p></div>
<div class="notes"><div class="title"><span class="label">Chapter End Notes:</span></div><div class="noteinfo">The end, thank you!</div></div>
<div class="jumpmenu"><a href="#top">Back to index</a></div>
<div id="footer">Disclaimer: All characters belong to their owners.</div></body></html>"""


def test_an_efiction_printable_story_reads_its_info_and_each_chapter(tmp_path: Path) -> None:
    result = _read(tmp_path, EFICTION)

    f = result.fields
    assert (f["title"], f["author"]) == ("Low Tide", "reedling")
    assert f["rating"] is Rating.EXPLICIT
    assert f["fandoms"] == ("Saltmarsh",)
    assert f["additional_tags"] == ("Bell Lore",)
    assert f["characters"] == ("Ada", "Wren")
    assert "series_name" not in f  # "None"
    assert (f["expected_chapters"], f["status"]) == (2, Status.COMPLETE)
    assert f["disclaimer"] == "<p>Saltmarsh is not mine.</p>"  # not the site's footer
    assert f["dedication"] == "<p>For my sister, who hates boats.</p>"
    bell, rope = result.chapters
    assert (bell.title, rope.title) == ("The Bell", "The Rope")
    assert bell.notes_begin == "<p>Set in autumn.</p>"
    assert bell.body == "<p>The bell rang under the water.</p>"
    assert rope.body == "<p>Wren found the rope at dawn.</p>"
    assert rope.notes_end == "<p>The end, thank you!</p>"


MEDIAMINER = """<html><head><title>Kite Weather :: MediaMiner.org</title></head><body>
<div id="mm-header"><a href="/">MediaMiner.org</a> <a href="/fanfic/">Fan Fiction</a></div>
<h1 id="post-title"><a href="/fanfic/c/x">Paper Sky Fan Fiction</a> &#10095; <a href="/fanfic/s/y">Kite Weather</a> &#10095; Updraft ( Chapter 3 )</h1>
<div id="post-rating">[ R - Restricted: Not for readers under 17 ]</div>
<div class="post-meta">By: <a href="/user_info.php/41">kitewren</a></div>
<div id="fanfic-text"><p>Kite Weather</p><p>Three: Updraft</p>
<p>The string sang in the wind.</p><p>Noa held on.</p></div>
<div id="fanfic-stats">Reviews: 2 | Views: 40</div></body></html>"""


def test_a_mediaminer_page_reads_its_title_bar_and_keeps_only_the_chapter(
    tmp_path: Path,
) -> None:
    result = _read(tmp_path, MEDIAMINER)

    f = result.fields
    assert (f["title"], f["author"]) == ("Kite Weather", "kitewren")
    assert f["fandoms"] == ("Paper Sky",)
    assert f["rating"] is Rating.MATURE
    (chapter,) = result.chapters
    assert chapter.title == "Updraft"
    assert _story(chapter.body) == ["The string sang in the wind.", "Noa held on."]


JOURNAL = """<html><head><title>mothwing: Fic: Lantern Hour</title></head><body>
<div class="header"><h1>mothwing</h1><ul><li>Recent Entries</li><li>Friends</li></ul></div>
<div class="entry"><h2 class="entry-title">Fic: Lantern Hour</h2>
<div class="currents"><b>Current Mood:</b> sleepy</div>
<div class="entry-content"><b>Title:</b> Lantern Hour<br><b>Rating:</b> G<br>
<b>Summary:</b> A lamplighter's last round.<br><br>
<p>Every lamp on Tallow Street knew her hand.</p><p>Tonight she lit them slowly.</p>
<div class="ljtags">Tags: fic, lantern hour</div></div>
<div class="entry-footer">3 comments | Leave a comment</div></div></body></html>"""


def test_a_journal_entry_keeps_only_the_post(tmp_path: Path) -> None:
    result = _read(tmp_path, JOURNAL)

    f = result.fields
    assert f["title"] == "Lantern Hour"
    assert f["rating"] is Rating.GENERAL
    assert "last round" in plain_text(f["summary"])
    (chapter,) = result.chapters
    assert _story(chapter.body) == [
        "Every lamp on Tallow Street knew her hand.",
        "Tonight she lit them slowly.",
    ]


FANFIKTION_DE = """<html lang="de"><head><meta charset="utf-8"><title>Der Glockenturm</title></head>
<body><div id="navigation"><a href="/">Startseite</a> | <a href="/c/1">Fanfiction</a> &gt; <a href="/c/2">Filme</a> &gt; <a href="/c/3">Der Turm</a></div>
<div id="story-header"><h3><a href="/s/1/">Der Glockenturm</a></h3><div>von <a href="/u/Eule">Eule</a></div>
<div class="story-teaser">Kurzbeschreibung: Jede Glocke hat einen Namen.</div>
<div class="small-font">Geschichte / Drama / P16 / Gen</div>
<div class="small-font">Greta, Jonas</div>
<div class="small-font">01.02.2020 | 900 Wörter | 3 Kapitel | 1 Review</div></div>
<select id="kA"><option>1. Kapitel 1: Erz</option><option selected>2. Kapitel 2: Guss</option></select>
<div id="storytext"><h2>Kapitel 2: Guss</h2>
<p>Das Metall floss rot in die Form.</p><p>Greta hielt den Atem an.</p></div>
<div id="footer">Impressum</div></body></html>"""


def test_a_fanfiktion_de_page_reads_its_story_header(tmp_path: Path) -> None:
    result = _read(tmp_path, FANFIKTION_DE)

    f = result.fields
    assert (f["title"], f["author"]) == ("Der Glockenturm", "Eule")
    assert f["fandoms"] == ("Der Turm",)
    assert f["rating"] is Rating.MATURE  # P16
    assert f["characters"] == ("Greta", "Jonas")
    assert f["additional_tags"] == ("Drama",)
    assert f["expected_chapters"] == 3
    (chapter,) = result.chapters
    assert chapter.title == "Guss"
    assert _story(chapter.body) == ["Das Metall floss rot in die Form.", "Greta hielt den Atem an."]


WATTPAD = """<html><head><title>Moss and Iron - Wattpad</title></head><body>
<header><a href="/">Wattpad</a> <a href="/stories">Browse</a> <a href="/community">Community</a></header>
<div class="toc-header"><a href="/story/5-moss">Moss and Iron</a> <span>by <a href="/user/fernlight">fernlight</a></span></div>
<div class="part-header"><h1 class="h2">The Forge</h1><div class="story-stats"><span>120</span></div></div>
<div class="panel panel-reading"><pre><p data-p-id="a">The forge was cold.</p><p data-p-id="b">Rue lit it anyway.</p></pre></div>
<div class="similar-stories"><h3>You'll also like</h3></div></body></html>"""


def test_a_wattpad_part_reads_its_story_info_and_panels(tmp_path: Path) -> None:
    result = _read(tmp_path, WATTPAD)

    f = result.fields
    assert (f["title"], f["author"]) == ("Moss and Iron", "fernlight")
    (chapter,) = result.chapters
    assert chapter.title == "The Forge"
    assert _story(chapter.body) == ["The forge was cold.", "Rue lit it anyway."]


def test_a_header_table_reads_each_row_as_a_labelled_line(tmp_path: Path) -> None:
    page = """<html><body><table>
<tr><td><b>Title:</b></td><td>Salt and Cinder</td></tr>
<tr><td><b>Rating</b></td><td>PG-13</td></tr>
<tr><td><b>Pairing:</b></td><td>Ines/Mara</td></tr>
<tr><td><b>Summary:</b></td><td><p>Bread, <em>burned</em>.</p><p>Again.</p></td></tr></table><hr>
<p>The ship's cook burned the bread again.</p></body></html>"""

    result = _read(tmp_path, page)

    f = result.fields
    assert f["title"] == "Salt and Cinder"
    assert f["rating"] is Rating.TEEN
    assert f["relationships"] == ("Ines/Mara",)
    assert f["summary"] == "<p>Bread, <em>burned</em>. Again.</p>"
    (chapter,) = result.chapters
    assert chapter.body == "<p>The ship's cook burned the bread again.</p>"


def test_a_table_of_the_storys_own_stays_as_it_was(tmp_path: Path) -> None:
    page = """<html><body><p>The log read:</p><table>
<tr><td>Day 1</td><td>Fog.</td></tr><tr><td>Day 2</td><td>More fog.</td></tr></table>
</body></html>"""
    path = tmp_path / "log.html"
    path.write_text(page, encoding="utf-8")

    assert read_source(path).blocks == page_blocks(page)


def _chapter_page(n: int, title: str, text: str) -> str:
    return f"""<html><head><title>Quiet Harbour - Chapter {n}</title></head><body>
<h1>Quiet Harbour</h1><p>by <b>tern</b></p><hr>
<h2>Chapter {n}: {title}</h2><p>{text}</p></body></html>"""


def test_the_same_titled_page_for_every_chapter_gives_the_work_its_title(tmp_path: Path) -> None:
    paths = []
    for n, (title, text) in enumerate([("Fog", "The fog came in."), ("Bell", "A bell rang.")], 1):
        path = tmp_path / f"ch{n}.html"
        path.write_text(_chapter_page(n, title, text), encoding="utf-8")
        paths.append(path)

    result = read_files(paths)

    assert (result.fields["title"], result.fields["author"]) == ("Quiet Harbour", "tern")
    assert [(c.title, c.body) for c in result.chapters] == [
        ("Fog", "<p>The fog came in.</p>"),
        ("Bell", "<p>A bell rang.</p>"),
    ]


def test_a_site_page_its_reader_cannot_follow_is_read_as_any_html(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise AttributeError("the site changed its markup")

    monkeypatch.setattr(pages, "_ffn", broken)
    path = tmp_path / "ffn.html"
    path.write_text(FFN, encoding="utf-8")

    source = read_source(path)

    assert source.structured is None
    assert source.blocks == page_blocks(FFN)


def test_a_page_of_no_known_layout_is_read_as_any_html(tmp_path: Path) -> None:
    page = """<html><head><title>Notes</title></head><body><div id="content">
<h1>Driftwood</h1><p>Warning: the tide is early, the sign said.</p>
<div class="entry"><p>She walked the beach at dawn.</p></div></div></body></html>"""
    path = tmp_path / "driftwood.html"
    path.write_text(page, encoding="utf-8")

    source = read_source(path)

    assert source.structured is None
    assert source.blocks == page_blocks(page)

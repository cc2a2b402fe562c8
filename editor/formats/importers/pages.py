"""Pages saved from fic sites: the story recognised by the site's layout, its chrome dropped.

A page saved from the browser holds menus, review boxes and stats around the chapter, which
the generic reading of the whole page would take for text. Each site marks its parts by ids
and classes (FFN's ``#profile_top`` and ``#storytext``, AO3's ``dl.work.meta`` and
``div#chapters``, eFiction's ``div.chaptertitle``), so each layout is recognised by those,
never by a file's words. Two kinds of result:

- a chapter page (FFN, fanfiktion.de, MediaMiner, Wattpad, a LiveJournal or Dreamwidth
  entry, an author's own page per chapter): the site's own header as labelled lines, the
  chapter heading, then the chapter's content as the author wrote it, so the author's notes
  in it still go through the edge classifier (``edges``) like any text's;
- a page that shows a whole work and says what every part is (AO3's work page, an eFiction
  printable story, in ``work_pages``): a ``Source.structured``, read like AO3's download.

A page no layout recognises is read as any HTML (``read_page`` gives None).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape as html_escape
from typing import TYPE_CHECKING

from editor.formats.importers import cues
from editor.formats.importers.header import match_key
from editor.formats.importers.html import (
    by_id,
    drop,
    element_text,
    first_match,
    has_class,
    inner_html,
    page_blocks,
)
from editor.formats.importers.split import Source, parse_heading
from editor.text.richtext import Block, Run

if TYPE_CHECKING:
    from lxml.html import HtmlElement

Check = Callable[[], None]


def read_page(name: str, text: str, check: Check) -> Source | None:
    """The page read by the site layout it has, or None when it has none known."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        doc = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None  # the generic reader copes with what lxml cannot
    from editor.formats.importers.work_pages import ao3_work_page, efiction_printable

    tables = _label_tables(doc)
    for layout in (ao3_work_page, efiction_printable, _ffn, _fanfiktion_de, _mediaminer,
                   _wattpad, _forum_post, _journal_entry, _titled_chapter):  # fmt: skip
        try:
            source = layout(name, doc, check)
        except (AttributeError, IndexError, KeyError, TypeError, ValueError):
            # A site changed its markup in a way its reader does not expect: the page is
            # still HTML, and the generic reading of it loses no word.
            return None
        if source is not None:
            return source
    if tables:
        body = first_match(doc, "//body")
        return Source(name, page_blocks(inner_html(body if body is not None else doc)))
    return None


def _page(name: str, header: list[str], heading: str, content: list[Block]) -> Source:
    """A chapter page as the rest of the importer reads a file: the site's header as labelled
    lines, a rule, the chapter heading, then the chapter as the author wrote it."""
    blocks = [Block("p", [Run(line)]) for line in header if line.split(":", 1)[-1].strip()]
    if blocks:
        blocks.append(Block("hr"))
    if heading:
        blocks.append(Block("h2", [Run(heading)]))
    return Source(name, [*blocks, *content])


def _selected_chapter(select: HtmlElement | None) -> tuple[int, str] | None:
    """The chapter a page shows, from its chapter menu ("2. The Key Under the Stair")."""
    if select is None:
        return None
    options = select.xpath(".//option")
    chosen = [o for o in options if o.get("selected") is not None]
    if not chosen:
        return None
    # The chapter's own number ("6. Glasshouse"), else its place in the menu
    numbered = re.match(r"^\s*(\d{1,4})\s*[.:)]", element_text(chosen[0]))
    number = int(numbered.group(1)) if numbered else options.index(chosen[0]) + 1
    title = re.sub(r"^\s*\d+\s*[.:)]\s*", "", element_text(chosen[0]))
    heading = parse_heading(title, strict=False)
    if heading is not None:  # "2. Kapitel 2: Nebel" names the chapter twice
        title = heading.title
    return number, title


def _chapter_heading(chapter: tuple[int, str] | None, word: str, of: int | None) -> str:
    if chapter is None:
        return ""
    number, title = chapter
    total = f" of {of}" if of else ""
    return f"{word} {number}{total}: {title}" if title else f"{word} {number}{total}"


def _fandoms_from_trail(links: list[str]) -> str:
    """The last place of a site's breadcrumb is the fandom; "A + B Crossover" names two."""
    if not links:
        return ""
    last = re.sub(r"\s+(?:Crossover|Fan Fiction|Fanfiction)$", "", links[-1], flags=re.I)
    return ", ".join(p.strip() for p in last.split(" + ") if p.strip())


# -- a header as a table ----------------------------------------------------------------------


def _label_tables(doc: HtmlElement) -> bool:
    """A header written as a table of label and value ("Title: | The Owner"), as journal
    posts often have it, rewritten as one "Label: value" line a row: cell by cell, the labels
    would part from their values. True when there was one."""
    from lxml import html as lxml_html

    found = False
    for table in doc.xpath("//table[not(.//table)]"):
        rows = [row.xpath("./th|./td") for row in table.xpath(".//tr")]
        if len(rows) < 2 or any(len(cells) != 2 for cells in rows):
            continue
        labels = [element_text(cells[0]).rstrip(":").strip() for cells in rows]
        if any(not label or len(label.split()) > 4 for label in labels):
            continue
        if not any(match_key(f"{label}: x") for label in labels):
            continue  # a table of the story's own (a ship's log, a chat)
        lines = "".join(
            f"<p>{html_escape(label)}: {_inline(cells[1])}</p>"
            for label, cells in zip(labels, rows, strict=True)
        )
        replacement = lxml_html.fragment_fromstring(lines, create_parent="div")
        replacement.tail = table.tail
        table.getparent().replace(table, replacement)
        found = True
    return found


def _inline(cell: HtmlElement) -> str:
    """A cell's content to go inside one paragraph: its paragraphs run on, so that all of a
    value stays with its label."""
    if not cell.xpath("./p|./div"):
        return inner_html(cell)
    return " ".join(inner_html(block) for block in cell.xpath("./*") if element_text(block))


# -- FanFiction.net ---------------------------------------------------------------------------

_FFN_DROPPED = {"words", "reviews", "favs", "follows", "updated", "published", "id"}


def _ffn(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """FFN's chapter page: ``#profile_top`` (title, author, summary, stats line),
    ``#pre_story_links`` (category > fandom), ``#chap_select``, the chapter in ``#storytext``."""
    story = by_id(doc, "storytext")
    profile = by_id(doc, "profile_top")
    if story is None or profile is None:
        return None
    header: list[str] = []
    title = first_match(profile, "./b")
    header.append(f"Title: {element_text(title)}")
    author = first_match(profile, ".//a[contains(@href, '/u/')]")
    header.append(f"Author: {element_text(author)}")
    trail = by_id(doc, "pre_story_links")
    if trail is not None:
        links = [element_text(a) for a in trail.xpath(".//a")]
        header.append(f"Fandom: {_fandoms_from_trail(links[1:] or links)}")
    elif m := _FFN_PAGE_TITLE.search(element_text(first_match(doc, "//head/title"))):
        header.append(f"Fandom: {m.group('fandom')}")  # "…, a Harbourlight Saga fanfic"
    summary = first_match(profile, "./div[normalize-space()]")
    header.append(f"Summary: {element_text(summary)}")
    stats = first_match(profile, ".//span[contains(@class, 'xgray')]")
    expected = _ffn_stats(element_text(stats), header)
    chapter = _selected_chapter(first_match(doc, "//select[@id='chap_select' or @name='chapter']"))
    # "Chapters: 3" counts the chapters posted: as many as the work has so far.
    heading = _chapter_heading(chapter, "Chapter", expected)
    return _page(name, header, heading, page_blocks(inner_html(story)))


_FFN_PAGE_TITLE = re.compile(r",\s+an?\s+(?P<fandom>.+?)\s+(?:fanfic|fan fiction)\b", re.I)


def _ffn_stats(stats: str, header: list[str]) -> int | None:
    """ "Rated: Fiction T - English - Adventure/Friendship - Odile V., Captain Marsh -
    Chapters: 3 - Words: 4,812 - ... - Status: Complete - id: 10022871" as header lines;
    the chapter count. Unlabelled, in this order: the language, the genres if FFN's, the
    characters ("[A, B] C" pairs A and B)."""
    expected: int | None = None
    unlabelled: list[str] = []
    for item in re.split(r"\s+-\s+", stats):
        key, colon, value = item.partition(":")
        key, value = key.strip().lower(), value.strip()
        if colon and key == "rated":
            header.append(f"Rating: {value}")
        elif colon and key == "chapters" and value.isdigit():
            expected = int(value)
        elif (colon and key == "status") or item.strip().lower() == "complete":
            if "complete" in item.lower():
                header.append("Status: Complete")
        elif colon and key in _FFN_DROPPED:
            continue
        elif item.strip():
            unlabelled.append(item.strip())
    if unlabelled:
        header.append(f"Language: {unlabelled.pop(0)}")
    if unlabelled and cues.all_genres(unlabelled[0]):
        # "Hurt/Comfort" is one genre, "Adventure/Humor" two
        genres = re.split(r"/(?!comfort)", unlabelled.pop(0), flags=re.I)
        header.append(f"Tags: {', '.join(g.strip() for g in genres)}")
    if unlabelled:  # a character's name may hold " - "
        header.append(f"Characters: {' - '.join(unlabelled)}")
    return expected


# -- fanfiktion.de ----------------------------------------------------------------------------

_DE_RATINGS = {"P6": "General Audiences", "P12": "Teen And Up Audiences", "P16": "Mature",
               "P18": "Explicit", "P18-AVL": "Explicit"}  # fmt: skip


def _fanfiktion_de(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """fanfiktion.de's chapter page: ``#story-header`` (title, "von" author, teaser, the
    "Geschichte / genres / P12 / Gen" line, characters, "5 Kapitel"), chapter menu ``#kA``,
    the chapter in ``#storytext`` with its own heading and fore- and afterword boxes."""
    story = by_id(doc, "storytext")
    profile = by_id(doc, "story-header")
    if story is None or profile is None:
        return None
    header = [f"Title: {element_text(first_match(profile, './/h1|.//h2|.//h3|.//h4'))}"]
    author = first_match(profile, ".//a[contains(@href, '/u/')]")
    header.append(f"Author: {element_text(author)}")
    trail = by_id(doc, "navigation")
    if trail is not None:
        # "Startseite | Fanfiction > Bücher > Die Fährfrau | Einloggen": the path's last link
        path = [
            element_text(a)
            for a in trail.xpath(".//a")
            if (before := a.getprevious()) is not None and (before.tail or "").strip() == ">"
        ]
        if path:
            header.append(f"Fandom: {path[-1]}")
    teaser = first_match(profile, f".//*[{has_class('story-teaser')}]")
    header.append("Summary: " + re.sub(r"^Kurzbeschreibung:\s*", "", element_text(teaser)))
    expected = None
    for line in profile.xpath(f"./*[{has_class('small-font')}]"):
        text = element_text(line)
        if "|" in text:
            m = re.search(r"(\d+)\s+Kapitel", text)
            expected = int(m.group(1)) if m else None
        elif " / " in text:
            parts = [p.strip() for p in text.split(" / ")]
            for part in parts[1:]:
                if part in _DE_RATINGS:
                    header.append(f"Rating: {_DE_RATINGS[part]}")
                elif part.lower() in ("gen", "het", "slash", "femslash", "multi"):
                    header.append(f"Category: {part}")
                else:
                    header.append(f"Tags: {part}")
        elif text:
            header.append(f"Characters: {text}")
    chapter = _selected_chapter(by_id(doc, "kA"))
    if chapter is not None:
        own = first_match(story, "./h1|./h2|./h3")
        if own is not None and parse_heading(element_text(own), strict=False) is not None:
            drop(own)  # the page's menu says the same, and the count with it
    heading = _chapter_heading(chapter, "Kapitel", expected)
    return _page(name, header, heading, page_blocks(inner_html(story)))


# -- MediaMiner -------------------------------------------------------------------------------


_MM_RATINGS = {"A": "General Audiences", "Y": "General Audiences", "T": "Teen And Up Audiences",
               "M": "Mature", "MA": "Mature", "R": "Mature", "AO": "Explicit",
               "X": "Explicit"}  # fmt: skip


def _mediaminer(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """MediaMiner's chapter page: ``h1#post-title`` ("Fandom Fan Fiction ❯ Title ❯ Chapter
    ( Chapter 2 )"), ``#post-rating`` ("[ T - Teen: ... ]"), the author's ``user_info`` link,
    the chapter in ``#fanfic-text``."""
    story = by_id(doc, "fanfic-text")
    title_bar = by_id(doc, "post-title")
    if story is None or title_bar is None:
        return None
    places = [p.strip() for p in element_text(title_bar).split("❯")]
    header: list[str] = []
    title = places[1] if len(places) > 1 else ""
    header.append(f"Title: {title}")
    header.append(f"Fandom: {_fandoms_from_trail(places[:1])}")
    author = first_match(doc, "//a[contains(@href, 'user_info.php')]")
    header.append(f"Author: {element_text(author)}")
    rating = re.match(r"\[?\s*([A-Za-z+\-0-9]+)\s*-", element_text(by_id(doc, "post-rating")))
    if rating and rating.group(1).upper() in _MM_RATINGS:
        header.append(f"Rating: {_MM_RATINGS[rating.group(1).upper()]}")
    blocks = page_blocks(inner_html(story))
    heading = ""
    chapter = (
        re.match(r"(.*?)\s*\(\s*Chapter\s+(\d+)\s*\)$", places[2]) if len(places) > 2 else None
    )
    if chapter:
        heading = f"Chapter {chapter.group(2)}: {chapter.group(1)}".rstrip(": ")
        blocks = _without_repeats(blocks, [title], chapter.group(1))
    return _page(name, header, heading, blocks)


def _without_repeats(blocks: list[Block], titles: list[str], chapter: str) -> list[Block]:
    """The chapter's top lines that only repeat the page's title and the chapter's heading
    ("Harbor of Small Lights", "Two: The Second Lamp"), which the heading now says."""
    out: list[Block] = []
    for i, block in enumerate(blocks):
        text = " ".join(block.text().split())
        repeat = text in titles or (chapter and text.endswith(chapter))
        if i < 6 and text and repeat and len(text) <= len(chapter) + 20:
            continue
        out.append(block)
    return out


# -- Wattpad ----------------------------------------------------------------------------------


def _wattpad(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """Wattpad's reading page: the story's title and author over the part (``.toc-header``,
    ``.story-info``), the part's title in ``.part-header``, its text in one or more
    ``.panel-reading`` (a long part is served in pages); votes, comments and "You'll also
    like" around them."""
    panels = doc.xpath(f"//div[{has_class('panel-reading')}]")
    if not panels:
        return None
    header: list[str] = []
    info = first_match(doc, f"//*[{has_class('toc-header')} or {has_class('story-info')}]")
    if info is not None:
        title = first_match(info, ".//a[contains(@href, '/story/')]")
        header.append(f"Title: {element_text(title)}")
        author = first_match(info, ".//a[contains(@href, '/user/')]")
        header.append(f"Author: {element_text(author)}")
    heading = ""
    part = element_text(
        first_match(doc, f"//*[{has_class('part-header')}]//*[self::h1 or self::h2]")
    )
    if part and parse_heading(part, strict=False) is not None:
        heading = part
    elif part:
        header.append(f"Chapter title: {part}")
    content = [b for panel in panels for b in page_blocks(inner_html(panel))]
    return _page(name, header, heading, content)


# -- a forum's story thread (XenForo: SpaceBattles, SufficientVelocity, QQ) --------------------


def _forum_post(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """One post of a story thread: the thread's title (its bracketed tags apart), the
    poster, the threadmark naming the chapter, and the post's ``bbWrapper``; the poster's
    title, the date, "Last edited", reactions and the Report/Reply bar are the forum's."""
    posts = doc.xpath(f"//article[{has_class('message')}]")
    if len(posts) != 1:
        return None  # a page of many posts is a discussion, not a chapter
    body = first_match(posts[0], f".//div[{has_class('bbWrapper')}]")
    if body is None:
        return None
    header: list[str] = []
    thread = element_text(first_match(doc, f"//*[{has_class('p-title-value')}]"))
    m = re.match(r"^(?P<title>.+?)\s*[(\[](?P<tags>[^)\]]+)[)\]]\s*$", thread)
    if m:
        header += [f"Title: {m.group('title')}", f"Tags: {m.group('tags')}"]
    elif thread:
        header.append(f"Title: {thread}")
    poster = element_text(first_match(posts[0], f".//*[{has_class('message-name')}]"))
    if poster:
        header.append(f"Author: {poster}")
    mark = element_text(first_match(posts[0], f".//*[{has_class('threadmarkLabel')}]"))
    if mark and parse_heading(mark, strict=False) is None:
        header.append(f"Chapter title: {mark}")
        mark = ""
    return _page(name, header, mark, page_blocks(inner_html(body)))


# -- LiveJournal and Dreamwidth entries ----------------------------------------------------------


_JOURNAL_POSTS = ("entry-content", "entry_text", "entry-body", "asset-body", "b-singlepost-body",
                  "post-body")  # fmt: skip


def _journal_entry(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """A journal entry (LiveJournal, Dreamwidth, InsaneJournal): the post is the
    ``entry-content`` (``entry_text``, ``asset-body`` or ``b-singlepost-body`` in other
    styles); the journal's name, the mood and music,
    the tags and the comment links around it are the journal's, not the fic's."""
    entries = doc.xpath("//*[" + " or ".join(has_class(c) for c in _JOURNAL_POSTS) + "]")
    if len(entries) != 1:
        return None  # a journal's page of many posts is not one fic
    entry = entries[0]
    for inner in entry.xpath(
        f".//*[{has_class('ljtags')} or {has_class('tag')} or {has_class('currents')}"
        f" or {has_class('entry-footer')} or {has_class('metadata')}]"
    ):
        drop(inner)
    blocks = page_blocks(inner_html(entry))
    # The post's subject, when it is a chapter's heading ("Chapter 6 - The Ferryman's Wager"),
    # heads the text: the post's own page prints it above the entry, not in it.
    titles = doc.xpath("//*[" + " or ".join(has_class(c) for c in _POST_TITLES) + "]")
    subject = element_text(titles[0]) if len(titles) == 1 else ""
    if subject and parse_heading(subject, strict=False) is not None:
        blocks.insert(0, Block("h2", [Run(subject)]))
    # Who posted it: the journal's user badge over the entry (the fic's author)
    poster = element_text(
        first_match(doc, f"//*[contains(@class, 'poster')]//*[{has_class('ljuser')}]")
    )
    # or the journal the page's title names: "fic: Never Only Tea (…) - lamplighter_ink"
    page_title = element_text(first_match(doc, "//head/title"))
    journal = page_title.rpartition(" - ")[2].strip()
    if " " in journal:  # "inkwell_harrow: FIC: The Brass Key (…)"; not "fic: The Orchard Wall"
        prefix = page_title.partition(": ")[0].strip()
        journal = prefix if re.fullmatch(r"[\w-]*[_\d-][\w-]*", prefix) else ""
    community = element_text(first_match(doc, f"//*[{has_class('ljcomm')}]"))
    if not poster and journal and " " not in journal and journal not in (subject, community):
        poster = journal
    if poster:
        blocks.insert(0, Block("p", [Run(f"Author: {poster}")]))
    return Source(name, blocks)


_POST_TITLES = ("entry-title", "post-title", "entry-header", "b-singlepost-title", "subject")


# -- a chapter page of the author's own ---------------------------------------------------------


def _titled_chapter(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """A page an author made for one chapter (a personal archive, a saved chapter file): the
    ``<h1>`` is the work's title, as the page's ``<title>`` says ("Title - Chapter 1"), above
    a chapter heading. A title line, so that the same page for every chapter of a work gives
    the work its title once rather than each chapter a heading of the work's name."""
    from lxml import html as lxml_html

    h1s = doc.xpath("//body//h1")
    page_title = element_text(first_match(doc, "//head/title"))
    if len(h1s) != 1 or not page_title:
        return None
    title = element_text(h1s[0])
    rest = page_title[len(title) :].strip(" -–—|:,") if title else ""
    if not title or not page_title.casefold().startswith(title.casefold()):
        return None
    if not rest or parse_heading(rest, strict=False) is None:
        return None  # the <title> names the chapter too: else the <h1> may be anything
    headings = doc.xpath("//body//h2|//body//h3|//body//h4")
    if not any(parse_heading(element_text(h), strict=False) for h in headings):
        return None
    line = lxml_html.fragment_fromstring(f"<p>Title: {html_escape(title)}</p>")
    line.tail = h1s[0].tail
    h1s[0].getparent().replace(h1s[0], line)
    body = first_match(doc, "//body")
    return Source(name, page_blocks(inner_html(body if body is not None else doc)))

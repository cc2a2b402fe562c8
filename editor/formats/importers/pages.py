"""Pages saved from fic sites: the story recognised by the site's layout, its chrome dropped.

A page saved from the browser holds menus, review boxes and stats around the chapter, which
the generic reading of the whole page would take for text. Each site marks its parts by ids
and classes (FFN's ``#profile_top`` and ``#storytext``, AO3's ``dl.work.meta`` and
``div#chapters``, eFiction's ``div.chaptertitle``), so each layout is recognised by those,
never by a file's words. Two kinds of result:

- a chapter page (FFN, fanfiktion.de, MediaMiner, a LiveJournal or Dreamwidth entry): the
  site's own header as labelled lines, the chapter heading, then the chapter's content as the
  author wrote it, so the author's notes in it still go through the edge classifier;
- a page that says what every part is (AO3's work page, an eFiction printable story): a
  ``Source.structured``, read like AO3's download.

A page no layout recognises is read as any HTML (``read_page`` gives None).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape as html_escape
from typing import TYPE_CHECKING

from editor.formats.importers.header import Part, PartMeta, WorkFields
from editor.formats.importers.html import (
    by_id,
    inner_html,
    page_blocks,
    read_notes,
    read_tags,
    rich_field,
    tag_lines,
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
    for layout in (_ao3_work_page, _efiction_printable, _ffn, _fanfiktion_de, _mediaminer,
                   _wattpad, _journal_entry, _titled_chapter):  # fmt: skip
        source = layout(name, doc, check)
        if source is not None:
            return source
    return None


# -- helpers ----------------------------------------------------------------------------------


def _text(element: HtmlElement | None) -> str:
    return " ".join(element.text_content().split()) if element is not None else ""


def _first(element: HtmlElement, xpath: str) -> HtmlElement | None:
    found = element.xpath(xpath)
    return found[0] if found else None


def _has_class(name: str) -> str:
    """An XPath test for one class among several ("chapter preface group")."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _drop(element: HtmlElement | None) -> None:
    """Remove an element but keep the text after it (lxml keeps it as the tail)."""
    if element is None or element.getparent() is None:
        return
    parent = element.getparent()
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


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
    number = options.index(chosen[0]) + 1
    title = re.sub(r"^\s*\d+\s*[.:)]\s*", "", _text(chosen[0]))
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


# -- FanFiction.net ---------------------------------------------------------------------------

_FFN_GENRES = {
    "adventure", "angst", "crime", "drama", "family", "fantasy", "friendship", "general",
    "horror", "humor", "hurt/comfort", "mystery", "parody", "poetry", "romance", "sci-fi",
    "spiritual", "supernatural", "suspense", "tragedy", "western",
}  # fmt: skip
_FFN_DROPPED = {"words", "reviews", "favs", "follows", "updated", "published", "id"}


def _ffn(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """FFN's chapter page: ``#profile_top`` (title, author, summary, stats line),
    ``#pre_story_links`` (category > fandom), ``#chap_select``, the chapter in ``#storytext``."""
    story = by_id(doc, "storytext")
    profile = by_id(doc, "profile_top")
    if story is None or profile is None:
        return None
    header: list[str] = []
    title = _first(profile, "./b")
    header.append(f"Title: {_text(title)}")
    author = _first(profile, ".//a[contains(@href, '/u/')]")
    header.append(f"Author: {_text(author)}")
    trail = by_id(doc, "pre_story_links")
    if trail is not None:
        links = [_text(a) for a in trail.xpath(".//a")]
        header.append(f"Fandom: {_fandoms_from_trail(links[1:] or links)}")
    summary = _first(profile, "./div[normalize-space()]")
    header.append(f"Summary: {_text(summary)}")
    stats = _first(profile, ".//span[contains(@class, 'xgray')]")
    expected, complete = _ffn_stats(_text(stats), header)
    chapter = _selected_chapter(by_id(doc, "chap_select"))
    heading = _chapter_heading(chapter, "Chapter", expected if complete or chapter else None)
    return _page(name, header, heading, page_blocks(inner_html(story)))


def _ffn_stats(stats: str, header: list[str]) -> tuple[int | None, bool]:
    """ "Rated: Fiction T - English - Adventure/Friendship - Odile V., Captain Marsh -
    Chapters: 3 - Words: 4,812 - ... - Status: Complete - id: 10022871" as header lines;
    the chapter count and whether the story is complete."""
    expected: int | None = None
    complete = False
    unlabelled = 0
    for item in re.split(r"\s+-\s+", stats):
        key, colon, value = item.partition(":")
        key, value = key.strip().lower(), value.strip()
        if colon and key == "rated":
            header.append(f"Rating: {value}")
        elif colon and key == "chapters" and value.isdigit():
            expected = int(value)
        elif (colon and key == "status") or item.strip().lower() == "complete":
            complete = "complete" in item.lower()
            if complete:
                header.append("Status: Complete")
        elif colon and key in _FFN_DROPPED:
            continue
        elif not colon and item.strip():
            unlabelled += 1
            genres = [g for g in re.split(r"/(?!comfort)", item.strip(), flags=re.I) if g]
            if unlabelled == 1:
                header.append(f"Language: {item.strip()}")
            elif all(g.lower() in _FFN_GENRES for g in genres):
                header.append(f"Tags: {', '.join(genres)}")
            else:
                header.append(f"Characters: {item.strip()}")
    return expected, complete


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
    header = [f"Title: {_text(_first(profile, './/h1|.//h2|.//h3|.//h4'))}"]
    author = _first(profile, ".//a[contains(@href, '/u/')]")
    header.append(f"Author: {_text(author)}")
    trail = by_id(doc, "navigation")
    if trail is not None:
        # "Fanfiction > Bücher > Die Fährfrau": the last link of the path of ">"
        path = [_text(a) for a in trail.xpath(".//a") if (a.tail or "").strip().startswith(">")]
        after = [a for a in trail.xpath(".//a") if (a.getprevious() is not None)]
        last = [_text(a) for a in after if (a.getprevious().tail or "").strip() == ">"]
        header.append(f"Fandom: {(last or path or [''])[-1]}")
    teaser = _first(profile, f".//*[{_has_class('story-teaser')}]")
    header.append("Summary: " + re.sub(r"^Kurzbeschreibung:\s*", "", _text(teaser)))
    expected = None
    for line in profile.xpath(f"./*[{_has_class('small-font')}]"):
        text = _text(line)
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
        own = _first(story, "./h1|./h2|./h3")
        if own is not None and parse_heading(_text(own), strict=False) is not None:
            _drop(own)  # the page's menu says the same, and the count with it
    heading = _chapter_heading(chapter, "Kapitel", expected)
    return _page(name, header, heading, page_blocks(inner_html(story)))


# -- MediaMiner -------------------------------------------------------------------------------


def _mediaminer(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """MediaMiner's chapter page: ``#post-title`` ("Fandom ❯ Title ❯ Chapter ( Chapter 2 )"),
    ``#post-rating`` ("[ T - Teen: ... ]"), the chapter in ``#fanfic-text``."""
    story = by_id(doc, "fanfic-text")
    title = by_id(doc, "post-title")
    if story is None or title is None:
        return None
    links = title.xpath(".//a")
    header = []
    if len(links) >= 2:
        header.append(f"Title: {_text(links[-1])}")
        header.append(f"Fandom: {_fandoms_from_trail([_text(links[-2])])}")
    chapter = re.search(r"❯\s*([^❯]*?)\s*\(\s*Chapter\s+(\d+)\s*\)\s*$", _text(title))
    rating = re.match(r"\[?\s*([A-Z+\-0-9]+)\s*-", _text(by_id(doc, "post-rating")))
    if rating:
        header.append(f"Rating: {rating.group(1)}")
    blocks = page_blocks(inner_html(story))
    heading = ""
    if chapter:
        heading = f"Chapter {chapter.group(2)}: {chapter.group(1)}".rstrip(": ")
        blocks = _without_repeats(blocks, [_text(links[-1])] if links else [], chapter.group(1))
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
    panels = doc.xpath(f"//div[{_has_class('panel-reading')}]")
    if not panels:
        return None
    header: list[str] = []
    info = _first(doc, f"//*[{_has_class('toc-header')} or {_has_class('story-info')}]")
    if info is not None:
        title = _first(info, ".//a[contains(@href, '/story/')]")
        header.append(f"Title: {_text(title)}")
        author = _first(info, ".//a[contains(@href, '/user/')]")
        header.append(f"Author: {_text(author)}")
    heading = ""
    part = _text(_first(doc, f"//*[{_has_class('part-header')}]//*[self::h1 or self::h2]"))
    if part and parse_heading(part, strict=False) is not None:
        heading = part
    elif part:
        header.append(f"Chapter title: {part}")
    content = [b for panel in panels for b in page_blocks(inner_html(panel))]
    return _page(name, header, heading, content)


# -- LiveJournal and Dreamwidth entries ----------------------------------------------------------


def _journal_entry(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """A journal entry (LiveJournal, Dreamwidth, InsaneJournal): the post is the
    ``entry-content`` (``entry_text`` in older styles); the journal's name, the mood and music,
    the tags and the comment links around it are the journal's, not the fic's."""
    entries = doc.xpath(
        f"//*[{_has_class('entry-content')} or {_has_class('entry_text')}"
        f" or {_has_class('entry-body')}]"
    )
    if len(entries) != 1:
        return None  # a journal's page of many posts is not one fic
    entry = entries[0]
    for inner in entry.xpath(
        f".//*[{_has_class('ljtags')} or {_has_class('tag')} or {_has_class('currents')}"
        f" or {_has_class('entry-footer')} or {_has_class('metadata')}]"
    ):
        _drop(inner)
    return Source(name, page_blocks(inner_html(entry)))


# -- AO3's work page --------------------------------------------------------------------------


def _ao3_work_page(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """AO3's work page saved from the browser (not its download): the tag list
    ``dl.work.meta``, ``div.preface.group`` (``h2.title``, ``h3.byline``, summary and notes
    modules), ``div#chapters`` with a ``div.chapter`` each (its preface, ``div.userstuff``
    behind an ``h3.landmark`` "Chapter Text", its end notes) and the work's end notes;
    see otwarchive's app/views/works/show and chapters/_chapter."""
    chapters = by_id(doc, "chapters")
    meta = _first(doc, f"//dl[{_has_class('work')} and {_has_class('meta')}]")
    if chapters is None or meta is None:
        return None
    for landmark in doc.xpath(f"//*[{_has_class('landmark')}]"):
        _drop(landmark)  # "Chapter Text", "Work Text:": AO3's headings for screen readers
    for jump in doc.xpath(f"//*[{_has_class('jump')}]"):
        _drop(jump)  # "(See the end of the chapter for more notes.)"
    work = WorkFields()
    first = PartMeta()
    read_tags(tag_lines(meta), work, first)
    preface = _first(doc, f"//*[@id='workskin']/div[{_has_class('preface')}]")
    if preface is None:
        preface = _first(doc, f"//div[{_has_class('preface')} and not({_has_class('chapter')})]")
    if preface is not None:
        work.offer("title", _text(_first(preface, ".//h2")), "Title (h2)")
        byline = _text(_first(preface, f".//*[{_has_class('byline')}]"))
        if byline:
            work.offer("author", re.sub(r"^by\s+", "", byline, flags=re.I), "Byline")
        summary = _module(preface, "summary")
        if summary is not None and (html := rich_field(summary)):
            work.offer("summary", html, "Summary")
        notes = _module(preface, "notes")
        if notes is not None:
            read_notes(notes, work, first, work_scope=True, label="Notes")
    parts: list[Part] = []
    for chapter in chapters.xpath(f"./div[{_has_class('chapter')}]") or [chapters]:
        check()
        parts.append(_ao3_chapter(chapter, work, name))
    parts = [p for p in parts if p.blocks or p.meta.found]
    if not parts:
        return None
    parts[0].meta.take(first)
    endnotes = by_id(doc, "work_endnotes")
    if endnotes is not None and (quote := _first(endnotes, ".//blockquote")) is not None:
        parts[-1].meta.add("notes_end", rich_field(quote), "End Notes")
    return Source(name, structured=(work, parts))


def _module(container: HtmlElement, kind: str) -> HtmlElement | None:
    """The text of a summary or notes module (``div.summary.module > blockquote``)."""
    return _first(
        container,
        f".//div[{_has_class(kind)} and not({_has_class('end')})]"
        "/blockquote[contains(@class, 'userstuff')]",
    )


def _ao3_chapter(chapter: HtmlElement, work: WorkFields, name: str) -> Part:
    meta = PartMeta()
    preface = _first(chapter, f"./div[{_has_class('preface')}][.//h3[{_has_class('title')}]]")
    if preface is not None:
        text = _text(_first(preface, f".//h3[{_has_class('title')}]"))
        heading = parse_heading(text, strict=False)
        meta.title = heading.title if heading is not None else text
        meta.title_source = text
        summary = _module(preface, "summary")
        if summary is not None and (html := rich_field(summary)):
            meta.add("summary", html, "Chapter Summary")
        notes = _module(preface, "notes")
        if notes is not None:
            read_notes(notes, work, meta, work_scope=False, label="Chapter Notes")
    text = _first(chapter, f".//div[{_has_class('userstuff')}]")
    blocks = page_blocks(inner_html(text)) if text is not None else []
    for end in chapter.xpath(f".//div[{_has_class('end')} and {_has_class('notes')}]"):
        if end.get("id") == "work_endnotes":
            continue
        quote = _first(end, ".//blockquote")
        if quote is not None and (html := rich_field(quote)):
            meta.add("notes_end", html, "Chapter End Notes")
    return Part(meta, blocks, name)


# -- eFiction's printable story ----------------------------------------------------------------

# Labels of the story's statistics, which say nothing an author keeps.
_EFICTION_DROPPED = {"word count", "read count", "read", "reads", "published", "updated",
                     "reviews", "hits", "completed", "chapters"}  # fmt: skip


def _efiction_printable(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """An eFiction archive's printable story: the story's info with ``span.label`` labels
    ("Summary:", "Rated:", "Categories:", "Characters:", "Story Notes:"), a table of
    contents, then per chapter a ``div.chaptertitle`` ("1. Title by author"), its notes,
    ``div.chapter`` and a "Back to index" link."""
    titles = doc.xpath(f"//div[{_has_class('chaptertitle')}]")
    texts = doc.xpath(f"//div[{_has_class('chapter')}]")
    if not titles or not texts or not doc.xpath(f"//span[{_has_class('label')}]"):
        return None
    work = WorkFields()
    first = PartMeta()
    pagetitle = by_id(doc, "pagetitle")
    author = ""
    if pagetitle is not None:
        author_link = _first(pagetitle, ".//a[contains(@href, 'viewuser')]")
        author = _text(author_link)
        title = re.sub(rf"\s+by\s+{re.escape(author)}\s*$", "", _text(pagetitle)) if author else ""
        work.offer("title", title or _text(_first(pagetitle, ".//a|.//b")), "Page title")
        if author:
            work.offer("author", author, "Page title")
    read_tags(_efiction_info(doc, titles[0]), work, first)
    parts: list[Part] = []
    current: Part | None = None
    for element in doc.xpath(
        f"//div[{_has_class('chaptertitle')} or {_has_class('chapter')}"
        f" or (({_has_class('notes')} or @id='storynotes') and .//span[{_has_class('label')}])]"
    ):
        classes = (element.get("class") or "").split()
        label = _text(_first(element, f".//span[{_has_class('label')}]")).lower()
        if "chaptertitle" in classes:
            check()
            current = Part(_efiction_title(element, author), [], name)
            parts.append(current)
        elif current is None:
            if "notes" in label or "notes" in classes:
                _efiction_notes(element, work, first, work_scope=True)
        elif "chapter" in classes:
            current.blocks = page_blocks(inner_html(element))
        elif "end" in label or current.blocks:
            note = _efiction_note_text(element)
            if note:
                current.meta.add("notes_end", note, "Chapter End Notes")
        else:
            _efiction_notes(element, work, current.meta, work_scope=False)
    if not parts:
        return None
    parts[0].meta.take(first)
    return Source(name, structured=(work, parts))


def _efiction_info(doc: HtmlElement, stop: HtmlElement) -> list[str]:
    """The labelled lines above the first chapter, outside any notes: each ``span.label``
    starts a line, which runs to the next label or line break."""
    lines: list[str] = []
    order = {element: n for n, element in enumerate(doc.iter())}
    for span in doc.xpath(f"//span[{_has_class('label')}]"):
        if span.xpath(f"ancestor::*[{_has_class('notes')} or @id='storynotes']"):
            continue
        if order[span] > order[stop]:
            break
        label = _text(span).rstrip(":").strip()
        parts: list[str] = []
        node = span
        while True:
            parts.append(node.tail or "")
            node = node.getnext()
            if node is None or node.tag == "br" or _has(node, "label"):
                break
            parts.append(node.text_content())
        value = " ".join("".join(parts).split())
        key = label.lower()
        if key in _EFICTION_DROPPED or not value or value.lower() in ("none", "n/a"):
            if key == "chapters" and value.isdigit():
                lines.append(f"Chapters: {value}/{value}" if _completed(doc) else "")
            continue
        if key == "categories":
            lines += _efiction_categories(span)
            continue
        key = {"rated": "Rating", "challenges": "Challenge"}.get(key, label)
        lines.append(f"{key}: {value}")
    return [line for line in lines if line]


def _has(element: HtmlElement, name: str) -> bool:
    return name in (element.get("class") or "").split()


def _completed(doc: HtmlElement) -> bool:
    for span in doc.xpath(f"//span[{_has_class('label')}]"):
        if _text(span).lower().startswith("completed"):
            return (span.tail or "").strip().lower() in ("yes", "ja", "sí", "si", "oui")
    return False


def _efiction_categories(span: HtmlElement) -> list[str]:
    """ "Marrowmoor > Hedda/Corwin": the top of each path is the fandom, the rest tags."""
    names: list[str] = []
    node = span.getnext()
    while node is not None and node.tag == "a":
        names.append(_text(node))
        if ">" not in (node.tail or ""):
            names.append(",")
        node = node.getnext()
    lines: list[str] = []
    fandoms: list[str] = []
    tags: list[str] = []
    path: list[str] = []
    for name in [*names, ","]:
        if name == ",":
            if path:
                fandoms.append(path[0])
                tags.extend(path[1:])
            path = []
        else:
            path.append(name)
    if fandoms:
        lines.append(f"Fandom: {', '.join(dict.fromkeys(fandoms))}")
    if tags:
        lines.append(f"Tags: {', '.join(tags)}")
    return lines


def _efiction_title(element: HtmlElement, author: str) -> PartMeta:
    text = _text(element)
    if author:
        text = re.sub(rf"\s+by\s+{re.escape(author)}\s*$", "", text)
    text = re.sub(r"^\d+\.\s*", "", text)
    heading = parse_heading(text, strict=False)
    return PartMeta(title=heading.title if heading is not None else text, title_source=text)


def _efiction_note_text(element: HtmlElement) -> str:
    for label in element.xpath(f".//span[{_has_class('label')}]"):
        holder = label.getparent()
        if (
            holder is not None
            and holder is not element
            and not _text(holder).replace(_text(label), "").strip()
        ):
            _drop(holder)  # "<div class=title><span class=label>Notes:</span></div>"
        else:
            _drop(label)
    return rich_field(element)


def _efiction_notes(
    element: HtmlElement, work: WorkFields, meta: PartMeta, *, work_scope: bool
) -> None:
    label = "Story Notes" if work_scope else "Author's Chapter Notes"
    _efiction_note_text(element)
    read_notes(_paragraphs(element), work, meta, work_scope=work_scope, label=label)


_BLANK_LINE = re.compile(r"(?:<br\s*/?>\s*){2,}", re.IGNORECASE)


def _paragraphs(element: HtmlElement) -> HtmlElement:
    """eFiction writes a field's paragraphs as lines with a blank line (two ``<br>``) between:
    as paragraphs, so that "Disclaimer:" on one does not run on into the next."""
    from lxml import html as lxml_html

    inner = inner_html(element)
    if "<p" in inner.lower() or not _BLANK_LINE.search(inner):
        return element
    paragraphs = "".join(f"<p>{p}</p>" for p in _BLANK_LINE.split(inner) if p.strip())
    return lxml_html.fragment_fromstring(paragraphs, create_parent="div")


# -- a chapter page of the author's own ---------------------------------------------------------


def _titled_chapter(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """A page an author made for one chapter (a personal archive, a saved chapter file): the
    ``<h1>`` is the work's title, as the page's ``<title>`` says ("Title - Chapter 1"), above
    a chapter heading. A title line, so that the same page for every chapter of a work gives
    the work its title once rather than each chapter a heading of the work's name."""
    from lxml import html as lxml_html

    h1s = doc.xpath("//body//h1")
    page_title = _text(_first(doc, "//head/title"))
    if len(h1s) != 1 or not page_title:
        return None
    title = _text(h1s[0])
    rest = page_title[len(title) :].strip(" -–—|:,") if title else ""
    if not title or not page_title.casefold().startswith(title.casefold()):
        return None
    if not rest or parse_heading(rest, strict=False) is None:
        return None  # the <title> names the chapter too: else the <h1> may be anything
    headings = doc.xpath("//body//h2|//body//h3|//body//h4")
    if not any(parse_heading(_text(h), strict=False) for h in headings):
        return None
    line = lxml_html.fragment_fromstring(f"<p>Title: {html_escape(title)}</p>")
    line.tail = h1s[0].tail
    h1s[0].getparent().replace(h1s[0], line)
    body = _first(doc, "//body")
    return Source(name, page_blocks(inner_html(body if body is not None else doc)))

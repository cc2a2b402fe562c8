"""Pages that show a whole work and say what every part is: AO3's work page saved from the
browser, and an eFiction archive's printable story.

Their layout names the title, the tags, each chapter's heading, notes and text, so they are
read as a ``Source.structured`` like AO3's download (``html._ao3``), with its helpers: a tag
list and a notes field mean the same here as there. The site's chrome (menus, kudos, the
table of contents, "Back to index") is never read.
"""

from __future__ import annotations

import re
from html import escape as html_escape
from typing import TYPE_CHECKING

from editor.formats.importers.header import Part, PartMeta, WorkFields
from editor.formats.importers.html import (
    by_id,
    drop,
    element_text,
    first_match,
    has_class,
    inner_html,
    page_blocks,
    read_notes,
    read_tags,
    rich_field,
    tag_lines,
)
from editor.formats.importers.split import Source, parse_heading

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml.html import HtmlElement

    Check = Callable[[], None]


# -- AO3's work page --------------------------------------------------------------------------


def ao3_work_page(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """AO3's work page saved from the browser (not its download): the tag list
    ``dl.work.meta``, ``div.preface.group`` (``h2.title``, ``h3.byline``, summary and notes
    modules), ``div#chapters`` with a ``div.chapter`` each (its preface, ``div.userstuff``
    behind an ``h3.landmark`` "Chapter Text", its end notes) and the work's end notes;
    see otwarchive's app/views/works/show and chapters/_chapter."""
    chapters = by_id(doc, "chapters")
    meta = first_match(doc, f"//dl[{has_class('work')} and {has_class('meta')}]")
    if chapters is None or meta is None:
        return None
    for landmark in doc.xpath(f"//*[{has_class('landmark')}]"):
        drop(landmark)  # "Chapter Text", "Work Text:": AO3's headings for screen readers
    for jump in doc.xpath(f"//*[{has_class('jump')}]"):
        drop(jump)  # "(See the end of the chapter for more notes.)"
    work = WorkFields()
    first = PartMeta()
    read_tags(tag_lines(meta), work, first)
    preface = first_match(doc, f"//*[@id='workskin']/div[{has_class('preface')}]")
    if preface is None:
        preface = first_match(doc, f"//div[{has_class('preface')} and not({has_class('chapter')})]")
    if preface is not None:
        work.offer("title", element_text(first_match(preface, ".//h2")), "Title (h2)")
        byline = element_text(first_match(preface, f".//*[{has_class('byline')}]"))
        if byline:
            work.offer("author", re.sub(r"^by\s+", "", byline, flags=re.I), "Byline")
        summary = _module(preface, "summary")
        if summary is not None and (html := rich_field(summary)):
            work.offer("summary", html, "Summary")
        notes = _module(preface, "notes")
        if notes is not None:
            read_notes(notes, work, first, work_scope=True, label="Notes")
        for gift in preface.xpath(f".//ul[{has_class('associations')}]/li"):
            text = element_text(gift)
            if text.lower().startswith("for "):  # "For frostfinch.": a gift work's recipient
                work.offer("dedication", f"<p>{html_escape(text)}</p>", text)
    parts: list[Part] = []
    for chapter in chapters.xpath(f"./div[{has_class('chapter')}]") or [chapters]:
        check()
        parts.append(_ao3_chapter(chapter, work, name))
    parts = [p for p in parts if p.blocks or p.meta.found]
    if not parts:
        return None
    parts[0].meta.take(first)
    endnotes = by_id(doc, "work_endnotes")
    if endnotes is not None and (quote := first_match(endnotes, ".//blockquote")) is not None:
        parts[-1].meta.add("notes_end", rich_field(quote), "End Notes")
    return Source(name, structured=(work, parts))


def _module(container: HtmlElement, kind: str) -> HtmlElement | None:
    """The text of a summary or notes module (``div.summary.module > blockquote``)."""
    return first_match(
        container,
        f".//div[{has_class(kind)} and not({has_class('end')})]"
        "/blockquote[contains(@class, 'userstuff')]",
    )


def _ao3_chapter(chapter: HtmlElement, work: WorkFields, name: str) -> Part:
    meta = PartMeta()
    preface = first_match(chapter, f"./div[{has_class('preface')}][.//h3[{has_class('title')}]]")
    if preface is not None:
        text = element_text(first_match(preface, f".//h3[{has_class('title')}]"))
        heading = parse_heading(text, strict=False)
        meta.title = heading.title if heading is not None else text
        meta.title_source = text
        summary = _module(preface, "summary")
        if summary is not None and (html := rich_field(summary)):
            meta.add("summary", html, "Chapter Summary")
        notes = _module(preface, "notes")
        if notes is not None:
            read_notes(notes, work, meta, work_scope=False, label="Chapter Notes")
    text = first_match(chapter, f".//div[{has_class('userstuff')}]")
    blocks = page_blocks(inner_html(text)) if text is not None else []
    for end in chapter.xpath(f".//div[{has_class('end')} and {has_class('notes')}]"):
        if end.get("id") == "work_endnotes":
            continue
        quote = first_match(end, ".//blockquote")
        if quote is not None and (html := rich_field(quote)):
            meta.add("notes_end", html, "Chapter End Notes")
    return Part(meta, blocks, name)


# -- eFiction's printable story ----------------------------------------------------------------

# Labels of the story's statistics, which say nothing an author keeps.
_EFICTION_DROPPED = {"word count", "read count", "read", "reads", "published", "updated",
                     "reviews", "hits", "completed", "chapters"}  # fmt: skip
_EFICTION_CHAPTERS = {"chapters", "capítulos", "capitulos", "kapitel", "chapitres"}
_EFICTION_CATEGORIES = {"categories", "categorías", "categorias", "kategorien", "catégories"}
_COMPLETED = {"completed", "completa", "completo", "abgeschlossen", "terminée"}
_YES = {"yes", "sí", "si", "sim", "ja", "oui"}


def efiction_printable(name: str, doc: HtmlElement, check: Check) -> Source | None:
    """An eFiction archive's printable story: the story's info with ``span.label`` labels
    ("Summary:", "Rated:", "Categories:", "Characters:", "Story Notes:"), a table of
    contents, then per chapter a ``div.chaptertitle`` ("1. Title by author"), its notes,
    ``div.chapter`` and a "Back to index" link."""
    titles = doc.xpath(f"//div[{has_class('chaptertitle')}]")
    texts = doc.xpath(f"//div[{has_class('chapter')}]")
    if not titles or not texts or not doc.xpath(f"//span[{has_class('label')}]"):
        return None
    work = WorkFields()
    first = PartMeta()
    pagetitle = by_id(doc, "pagetitle")
    author = ""
    if pagetitle is not None:
        author_link = first_match(pagetitle, ".//a[contains(@href, 'viewuser')]")
        author = element_text(author_link)
        links = pagetitle.xpath(".//a")
        if not author and len(links) >= 2 and " by " in element_text(pagetitle):
            author = element_text(links[-1])  # "<a>Title</a> by <a>author</a>", any address
        # "Orchard Lights by ashgrove": the title is the page title before the by-line
        title = element_text(first_match(pagetitle, ".//a|.//b"))
        if author and (
            m := re.match(rf"(.+?)\s+by\s+{re.escape(author)}\s*$", element_text(pagetitle))
        ):
            title = m.group(1)
        work.offer("title", title, "Page title")
        if author:
            work.offer("author", author, "Page title")
    read_tags(_efiction_info(doc, titles[0]), work, first)
    parts: list[Part] = []
    current: Part | None = None
    # Notes carry their label inside ("<div class=notes><span class=label>Notes:</span>") or
    # just before ("<div class=label>End Notes:</div><div class=notes>"): every one is read.
    for element in doc.xpath(
        f"//div[{has_class('chaptertitle')} or {has_class('chapter')}"
        f" or (({has_class('notes')} or @id='storynotes')"
        f" and not(ancestor::div[{has_class('chapter')}]))]"
    ):
        classes = (element.get("class") or "").split()
        label = element_text(first_match(element, f".//span[{has_class('label')}]")).lower()
        before = element.getprevious()
        if not label and before is not None and _has_class_name(before, "label"):
            label = element_text(before).lower()
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
    # The archive's own disclaimer, printed under the story: the work's, if it has none
    for box in doc.xpath(f"//div[{has_class('disclaimer')}]")[:1]:
        text = re.sub(r"(?i)^\s*disclaimer\s*:\s*", "", element_text(box))
        if text:
            work.offer("disclaimer", f"<p>{html_escape(text)}</p>", "Site disclaimer")
    return Source(name, structured=(work, parts))


def _efiction_info(doc: HtmlElement, stop: HtmlElement) -> list[str]:
    """The labelled lines above the first chapter, outside any notes: each ``span.label``
    starts a line, which runs to the next label or line break."""
    lines: list[str] = []
    order = {element: n for n, element in enumerate(doc.iter())}
    for span in doc.xpath(f"//span[{has_class('label')}]"):
        if span.xpath(f"ancestor::*[{has_class('notes')} or @id='storynotes']"):
            continue
        if order[span] > order[stop]:
            break
        label = element_text(span).rstrip(":").strip()
        parts: list[str] = []
        node = span
        while True:
            parts.append(node.tail or "")
            node = node.getnext()
            if node is None or node.tag == "br" or _has_class_name(node, "label"):
                break
            parts.append(node.text_content())
        value = " ".join("".join(parts).split())
        key = label.lower()
        if key in _EFICTION_CHAPTERS and value.isdigit() and _completed(doc):
            lines.append(f"Chapters: {value}/{value}")  # all posted: the work's length
        elif key in _EFICTION_DROPPED or not value or value.lower() in ("none", "n/a"):
            continue
        elif key in _EFICTION_CATEGORIES:
            lines += _efiction_categories(span)
        else:
            key = {"rated": "Rating", "challenges": "Challenge"}.get(key, label)
            lines.append(f"{key}: {value}")
    return lines


def _has_class_name(element: HtmlElement, name: str) -> bool:
    return name in (element.get("class") or "").split()


def _completed(doc: HtmlElement) -> bool:
    """The story's "Completed: Yes"."""
    for span in doc.xpath(f"//span[{has_class('label')}]"):
        if element_text(span).lower().rstrip(":").strip() in _COMPLETED:
            return (span.tail or "").strip().lower() in _YES
    return False


def _efiction_categories(span: HtmlElement) -> list[str]:
    """ "Marrowmoor > Hedda/Corwin, Other > Gen": the top of each path is the fandom, the
    rest tags."""
    paths: list[list[str]] = [[]]
    node = span.getnext()
    while node is not None and node.tag == "a":
        paths[-1].append(element_text(node))
        if ">" not in (node.tail or ""):
            paths.append([])  # a comma or the end: the next link starts a path
        node = node.getnext()
    if not any(paths):  # the categories as plain text: "Lanternfall > Gen, Other > Humour"
        value = "".join(_tail_text(span))
        paths = [[c.strip() for c in p.split(">") if c.strip()] for p in value.split(",")]
    fandoms = list(dict.fromkeys(path[0] for path in paths if path))
    under = [name for path in paths for name in path[1:]]
    pairs = [name for name in under if "/" in name]  # "Saltlands > Kaveh/Soraya"
    tags = [name for name in under if "/" not in name]
    lines = [f"Fandom: {', '.join(fandoms)}"] if fandoms else []
    lines += [f"Relationships: {', '.join(pairs)}"] if pairs else []
    return lines + ([f"Tags: {', '.join(tags)}"] if tags else [])


def _tail_text(span: HtmlElement) -> list[str]:
    """The text after a label up to the next label or line break."""
    parts = [span.tail or ""]
    node = span.getnext()
    while node is not None and node.tag != "br" and not _has_class_name(node, "label"):
        parts += [node.text_content(), node.tail or ""]
        node = node.getnext()
    return parts


def _efiction_title(element: HtmlElement, author: str) -> PartMeta:
    text = element_text(element)
    links = element.xpath(".//a")
    author = author or (element_text(links[-1]) if links else "")  # "… by <a>tidewrack</a>"
    if author:
        text = re.sub(rf"\s+by\s+{re.escape(author)}\s*$", "", text)
    text = re.sub(r"^\d+\.\s*", "", text)
    heading = parse_heading(text, strict=False)
    return PartMeta(title=heading.title if heading is not None else text, title_source=text)


def _efiction_note_text(element: HtmlElement) -> str:
    for label in element.xpath(f".//span[{has_class('label')}]"):
        holder = label.getparent()
        if (
            holder is not None
            and holder is not element
            and not element_text(holder).replace(element_text(label), "").strip()
        ):
            drop(holder)  # "<div class=title><span class=label>Notes:</span></div>"
        else:
            drop(label)
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

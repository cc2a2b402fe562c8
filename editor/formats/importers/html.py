"""HTML (.html, .htm): any page, Word's or LibreOffice's export, and AO3's own download.

Most HTML goes through ``richtext.parse`` (which already reads word-processor soup) and then
the same header and chapter reading as plain text. AO3's download says what everything is
(``div#preface`` with its tag list, ``div#chapters`` with one meta block and one
``div.userstuff`` per chapter, ``div#afterword``), so it is read by its layout instead; see
shared/reference/archives.md and otwarchive's app/views/downloads. Its tag list and notes
still go through ``header``: "Rating:" means the same there as in a text file.

A page saved from a fic site (FFN, AO3's work page, eFiction, Wattpad...) is read by its
site's layout in ``pages`` and ``work_pages``, with the element helpers at the end of this
module; any other page as above.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from editor.formats.importers import ImportFailed
from editor.formats.importers.decode import decode
from editor.formats.importers.header import (
    Part,
    PartMeta,
    WorkFields,
    read_labels,
    split_list,
)
from editor.formats.importers.own_layout import read_document
from editor.formats.importers.split import Source, finish, parse_heading
from editor.text.paste import spaces_outside
from editor.text.richtext import Block, Run, canonical_headings, parse

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_AO3 = re.compile(r"""<div[^>]+id=["']preface["'].*<div[^>]+id=["']chapters["']""", re.DOTALL)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHAPTERS_STAT = re.compile(r"Chapters:\s*(\d+\s*/\s*(?:\d+|\?))")


def read(name: str, data: bytes, check: Callable[[], None]) -> Source:
    m = _CHARSET.search(data[:4096])
    decoded = decode(data, name, declared=m.group(1).decode("ascii") if m else None)
    if _AO3.search(decoded.text):
        source = _ao3(name, decoded.text, check)
        source.encoding = decoded.encoding
        return source
    from editor.formats.importers.pages import read_page  # it builds on this module

    page = read_page(name, _XML_DECLARATION.sub("", decoded.text), check)
    if page is not None:
        page.encoding = decoded.encoding
        return page
    blocks = page_blocks(decoded.text, levels=True)
    own = read_document(name, blocks)  # a page Ficwright wrote
    if own is not None:
        own.encoding = decoded.encoding
        return own
    return Source(name, canonical_headings(blocks), decoded.encoding)


def page_blocks(html: str, *, levels: bool = False) -> list[Block]:
    """Canonical blocks, spaces at a mark's edges outside it ("and<b> bold </b>end" reads
    "and <b>bold</b> end"), as DOCX import and paste cleanup have them (headings at their
    own level with ``levels``, as ``richtext.parse``)."""
    blocks = parse(html, relative_links=False, levels=levels)
    for block in blocks:
        block.runs = spaces_outside(block.runs)
    return blocks


# -- AO3's download ---------------------------------------------------------------------------


def _ao3(name: str, text: str, check: Callable[[], None]) -> Source:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        doc = lxml_html.document_fromstring(_XML_DECLARATION.sub("", text))
    except (etree.ParserError, ValueError) as e:
        raise ImportFailed(f"“{name}” looks like an AO3 download but cannot be read: {e}.") from e
    work = WorkFields()
    first = PartMeta()  # the work's notes go with the first chapter
    preface = by_id(doc, "preface")
    if preface is not None:
        _preface(preface, work, first)
    parts: list[Part] = []
    chapters = by_id(doc, "chapters")
    if chapters is not None:
        parts = _chapters(chapters, work, name, check)
    if not parts:
        raise ImportFailed(f"“{name}” is an AO3 download with no chapter text in it.")
    parts[0].meta.take(first)
    afterword = by_id(doc, "afterword")
    if afterword is not None:
        # The end notes' quote sits in div#endnotes, or in a div.meta beside it
        end = _labelled(
            [*afterword.xpath(".//div[@id='endnotes' or contains(@class, 'meta')]"), afterword]
        )
        if "end notes" in end:
            parts[-1].meta.add("notes_end", rich_field(end["end notes"]), "End Notes")
    return Source(name, structured=(work, parts))


def by_id(doc: HtmlElement, name: str) -> HtmlElement | None:
    found = doc.xpath(f"//*[@id='{name}']")
    return found[0] if found else None


def inner_html(element: HtmlElement) -> str:
    from lxml import html as lxml_html

    text = html.escape(element.text or "", quote=False)
    return text + "".join(lxml_html.tostring(c, encoding="unicode") for c in element)


def rich_field(element: HtmlElement) -> str:
    return finish(page_blocks(inner_html(element)))


def _labelled(containers: list[HtmlElement]) -> dict[str, HtmlElement]:
    """AO3 labels a block quote with the paragraph before it ("Summary", "Chapter Notes") in
    its download, and with an ``h3.heading`` in a ``div.module`` on its pages."""
    found: dict[str, HtmlElement] = {}
    for container in containers:
        label = None
        for child in container.iter("p", "h3", "h4", "blockquote"):
            if any(True for _ in child.iterancestors("blockquote")):
                continue  # a paragraph of a quote already taken
            if child.tag == "blockquote":
                if label and label not in found:
                    found[label] = child
                label = None
            elif "message" not in (child.get("class") or ""):
                label = " ".join(child.text_content().split()).lower().rstrip(":")
    return found


def tag_lines(dl: HtmlElement) -> list[str]:
    """AO3's tag list (``dl`` of ``dt`` label, ``dd`` tags) as "Label: value" header lines,
    in the download's and the work page's spelling alike."""
    lines: list[str] = []
    for dt in dl.xpath("./dt"):
        dd = dt.getnext()
        if dd is None or dd.tag != "dd":
            continue
        label = " ".join(dt.text_content().split()).rstrip(":")
        links = [" ".join(a.text_content().split()) for a in dd.xpath(".//a")]
        value = " ".join(dd.text_content().split())
        if label.lower() == "stats":
            m = _CHAPTERS_STAT.search(value)
            if m:
                lines.append(f"Chapters: {m.group(1)}")
            continue
        if label.lower() == "series":
            # One work may be in several series: the first. The download writes "Name, Part 2",
            # the work page "Part 2 of Name" (with arrows to the works beside it).
            position = dd.xpath(".//*[contains(@class, 'position')]")
            if position:
                value = " ".join(position[0].text_content().split())
            value = value.split(", Part ")[0]
        elif label.lower() == "collections":
            value = (links or split_list(value) or [""])[0]
        elif links and label.lower() != "rating":
            value = ", ".join(links)  # a tag may hold what a comma would split
        lines.append(f"{label}: {value}")
    return lines


def read_tags(lines: list[str], work: WorkFields, first: PartMeta) -> None:
    """Header lines a page's layout labels itself: "Rating:" means what it does in a text."""
    if lines:
        blocks = [Block("p", [Run(line)]) for line in lines]
        read_labels(blocks, work, first, work_scope=True)


def _preface(preface: HtmlElement, work: WorkFields, first: PartMeta) -> None:
    lines: list[str] = []
    for dl in preface.xpath(".//dl[contains(@class, 'tags')]"):
        lines += tag_lines(dl)
    read_tags(lines, work, first)
    for h1 in preface.xpath(".//h1")[:1]:
        work.offer("title", " ".join(h1.text_content().split()), "Title (h1)")
    for byline in preface.xpath(".//div[contains(@class, 'byline')]")[:1]:
        author = re.sub(r"^by\s+", "", " ".join(byline.text_content().split()), flags=re.I)
        if author:
            work.offer("author", author, "Byline")
    # The summary and notes quotes sit in the div.meta, or after it in the preface itself
    quotes = _labelled([*preface.xpath(".//div[contains(@class, 'meta')]"), preface])
    if "summary" in quotes:
        summary = rich_field(quotes["summary"])
        if summary:
            work.offer("summary", summary, "Summary")
    if "notes" in quotes:
        read_notes(quotes["notes"], work, first, work_scope=True, label="Notes")


def read_notes(
    quote: HtmlElement, work: WorkFields, meta: PartMeta, *, work_scope: bool, label: str
) -> None:
    """A notes field (AO3's, an eFiction story's): "Prompt:", "Disclaimer:" and the like to
    their fields, the rest as notes."""
    rest = read_labels(page_blocks(inner_html(quote)), work, meta, work_scope=work_scope)
    notes = finish(rest)
    if notes:
        meta.add("notes_begin", notes, label)


def _chapters(
    chapters: HtmlElement, work: WorkFields, name: str, check: Callable[[], None]
) -> list[Part]:
    parts: list[Part] = []
    current: Part | None = None
    for child in chapters.iterchildren():
        if not isinstance(child.tag, str):
            continue
        classes = (child.get("class") or "").split()
        ident = child.get("id") or ""
        if "meta" in classes and ident.startswith("endnotes"):
            end = _labelled([child])
            if current is not None and "chapter end notes" in end:
                current.meta.add(
                    "notes_end", rich_field(end["chapter end notes"]), "Chapter End Notes"
                )
        elif "meta" in classes:
            check()
            current = Part(_chapter_meta(child, work), [], name)
            parts.append(current)
        elif "userstuff" in classes:
            if current is None or current.blocks:  # a oneshot: no meta block before its text
                current = Part(PartMeta(), [], name)
                parts.append(current)
            current.blocks = page_blocks(inner_html(child))
    if not parts and chapters.text_content().strip():
        parts.append(Part(PartMeta(), page_blocks(inner_html(chapters)), name))
    return parts


def _chapter_meta(group: HtmlElement, work: WorkFields) -> PartMeta:
    meta = PartMeta()
    for h2 in group.xpath(".//h2[contains(@class, 'heading')]")[:1]:
        text = " ".join(h2.text_content().split())
        heading = parse_heading(text, strict=False)
        meta.title = heading.title if heading is not None else text
        meta.title_source = text
    quotes = _labelled([group])
    if "chapter summary" in quotes:
        summary = rich_field(quotes["chapter summary"])
        if summary:
            meta.add("summary", summary, "Chapter Summary")
    if "chapter notes" in quotes:
        read_notes(quotes["chapter notes"], work, meta, work_scope=False, label="Chapter Notes")
    return meta


# -- reading a page by its layout (pages.py, work_pages.py) -------------------------------------


def element_text(element: HtmlElement | None) -> str:
    return " ".join(element.text_content().split()) if element is not None else ""


def first_match(element: HtmlElement, xpath: str) -> HtmlElement | None:
    found = element.xpath(xpath)
    return found[0] if found else None


def has_class(name: str) -> str:
    """An XPath test for one class among several ("chapter preface group")."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def drop(element: HtmlElement | None) -> None:
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

"""FanFiction.Net: one document per chapter for the Document Manager, in what FFN keeps.

FFN keeps paragraphs, bold, italic, underline, strikethrough (UNCONFIRMED), centred
paragraphs as ``<p style="text-align:center">`` (the one place an export writes a style)
and ``<hr />``; see shared/reference/archives.md. So the text is reduced to that:

* a heading becomes a bold paragraph; a link keeps its text and loses its URL; sizes,
  colours, superscript, subscript, right and justified alignment go (``ffn_warnings``
  lists each place);
* lists and block quotes are UNCONFIRMED on FFN, so they are flattened: a list item becomes
  a paragraph starting "• " or "1. ", a quoted paragraph becomes an italic one (no indent);
* a paragraph that only draws a scene break with symbols ("***", "xXx", "-x-", "o0o",
  "~o~o~"...) would be stripped by FFN, so it becomes ``<hr />``; an emoticon ("=^.^=",
  "^_^") stays text (``layout.is_symbol_line``).

Each chapter file holds the fic header block (the author's template or
``DEFAULT_FFN_HEADER``), a rule, the chapter, then a rule and the end A/N. ``export``
returns the selected chapters as one HTML text for the preview, chapters joined by an
``<!-- next chapter -->`` comment line; the Export dialog and ``ficwright export`` save
one file per chapter (targets ``ffn`` and ``ffn-docx``), as the Document Manager takes them.
``ffn_warnings`` lists what FFN would still strip, so the author can fix it first.
"""

from __future__ import annotations

import re

from editor.formats.layout import is_symbol_line, post_blocks, posts
from editor.formats.templates import DEFAULT_FFN_HEADER
from editor.formats.work import ExportChapter, ExportOptions, ExportWork
from editor.text.richtext import Block, Run, serialize

SAFE_MARKS = frozenset({"strong", "em", "u", "s"})
SAFE_ALIGNMENTS = frozenset({"center"})
CHAPTER_SEPARATOR = "\n<!-- next chapter -->\n"
# The only tags and attributes the output uses (tests check it).
SAFE_TAGS = frozenset({"p", "hr", "br", "strong", "em", "u", "s"})
CENTRED = '<p style="text-align:center">'


def ffn_blocks(blocks: list[Block]) -> list[Block]:
    """``blocks`` reduced to what FFN keeps (see the module docstring)."""
    out: list[Block] = []
    number = 0  # of the current ordered-list item
    previous: Block | None = None
    for block in blocks:
        if block.kind == "hr" or is_symbol_line(block):
            out.append(Block("hr"))
            previous = block
            continue
        extra: frozenset[str] = frozenset()
        prefix = ""
        if block.kind in ("h2", "h3", "h4"):
            extra = frozenset({"strong"})
        elif block.kind == "li":
            same_list = (
                previous is not None
                and previous.kind == "li"
                and previous.list_type == block.list_type
                and previous.quote == block.quote
            )
            number = number + 1 if same_list else 1
            prefix = f"{number}. " if block.list_type == "ol" else "• "
        if block.quote:
            extra |= {"em"}
        runs = [Run(prefix, extra)] if prefix else []
        runs += [Run(r.text, (r.marks | extra) & SAFE_MARKS) for r in block.runs]
        align = block.align if block.align in SAFE_ALIGNMENTS else None
        out.append(Block("p", runs, align=align))
        previous = block
    return out


def to_html(blocks: list[Block]) -> str:
    """FFN-safe blocks as HTML, one block a line."""
    # The canonical serializer writes the inline tags; only its alignment attribute differs
    # from FFN's form, and after escaping that spelling cannot occur inside text.
    html = serialize(ffn_blocks(blocks)).replace('<p align="center">', CENTRED)
    return html + "\n" if html else ""


def _post(work: ExportWork, chapter: ExportChapter, options: ExportOptions) -> list[Block]:
    return post_blocks(work, chapter, options, DEFAULT_FFN_HEADER)


def chapter_html(work: ExportWork, chapter: ExportChapter, options: ExportOptions) -> str:
    """One chapter's Document Manager file as HTML."""
    return to_html(_post(work, chapter, options))


def chapter_docx(work: ExportWork, chapter: ExportChapter, options: ExportOptions) -> bytes:
    """One chapter's Document Manager file as DOCX (rules as paragraph borders: UNCONFIRMED
    that FFN's converter turns them into rules, but a symbol line would surely be stripped)."""
    return _docx(work, [chapter], options)


def export_docx(work: ExportWork, options: ExportOptions) -> bytes:
    """The ``ffn-docx`` target: one selected chapter is its Document Manager file. The dialog
    and the command line save several as one file each; asked for them in one file, each
    chapter starts on a new page."""
    return _docx(work, options.selected(work), options)


def _docx(work: ExportWork, chapters: list[ExportChapter], options: ExportOptions) -> bytes:
    from editor.formats import docx

    document = docx.new_document(work.meta)
    for i, chapter in enumerate(chapters):
        if i:
            document.add_page_break()
        docx.add_blocks(
            document,
            ffn_blocks(_post(work, chapter, options)),
            rule="border",
        )
    return docx.to_bytes(document)


def export(work: ExportWork, options: ExportOptions) -> str:
    return posts(work, options, to_html, CHAPTER_SEPARATOR, DEFAULT_FFN_HEADER)


# -- what FFN would strip --------------------------------------------------------------

_URL_LIKE = re.compile(
    r"(?i:https?://|ftp://|www\.)\S+"  # spelled-out addresses
    r"|\b\w+(?:\.\w+)*\.[A-Za-z]{2,}\w*"  # J.Jenks, ao3.org, end.The: a dot then letters
)
# Three or more symbols in a row ("***", "~*~", "-----"), not the dots of a silence.
_SYMBOL_RUN = re.compile(r"(?:(?![.…!?,'\"“”‘’])[^\w\s]){3,}")
_ALIGNMENT_NAMES = {"right": "right-aligned", "justify": "justified"}
_DROPPED_MARKS = (("sup", "superscript"), ("sub", "subscript"))
_CONTEXT = 15  # characters of context each side of a quoted place


def _quote(text: str, start: int = 0, end: int = 0) -> str:
    """A short quote of ``text`` around ``text[start:end]`` (its start by default), cut at
    word boundaries."""
    left = max(0, start - _CONTEXT)
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = min(len(text), max(end + _CONTEXT, left + 2 * _CONTEXT))
    while right < len(text) and not text[right].isspace():
        right += 1
    snippet = " ".join(text[left:right].split())
    return ("…" if left else "") + snippet + ("…" if right < len(text) else "")


def ffn_warnings(work: ExportWork, options: ExportOptions) -> list[str]:
    """What FFN will strip from the selected chapters, one message per place, in order."""
    found: list[str] = []
    for chapter in options.selected(work):
        where = f"Chapter {chapter.number}"
        for block in _post(work, chapter, options):
            if block.kind == "hr":
                continue
            text = block.text()
            if is_symbol_line(block):
                continue  # becomes a rule
            if block.kind in ("h2", "h3", "h4"):
                found.append(f"{where}: heading made a bold paragraph: “{_quote(text)}”")
            if block.kind == "li":
                found.append(f"{where}: list item made a paragraph: “{_quote(text)}”")
            if block.quote:
                found.append(f"{where}: block quote made an italic paragraph: “{_quote(text)}”")
            if block.align and block.align not in SAFE_ALIGNMENTS and block.kind != "li":
                how = _ALIGNMENT_NAMES.get(block.align, block.align)
                found.append(f"{where}: {how} paragraph made left-aligned: “{_quote(text)}”")
            for mark, name in _DROPPED_MARKS:
                runs = [run.text for run in block.runs if mark in run.marks and run.text.strip()]
                if runs:
                    found.append(f"{where}: {name} made plain text: “{_quote(text)}” ({runs[0]})")
            for run in block.runs:
                if run.href:
                    found.append(f"{where}: link loses its address {run.href}: “{run.text}”")
            urls = list(_URL_LIKE.finditer(text))
            for match in urls:
                found.append(
                    f"{where}: looks like a web address, FFN removes it: "
                    f"“{_quote(text, match.start(), match.end())}”"
                )
            symbols = [  # the "://" of an address is no scene break
                m
                for m in _SYMBOL_RUN.finditer(text)
                if not any(u.start() <= m.start() < u.end() for u in urls)
            ]
            if symbols:  # one message a paragraph: it is the line that needs fixing
                found.append(
                    f"{where}: symbols FFN may strip (use a scene break instead): "
                    f"“{_quote(text, symbols[0].start(), symbols[-1].end())}”"
                )
    return found

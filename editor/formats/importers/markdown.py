"""Markdown (.md): through markdown-it (``editor.text.markdown``) to canonical blocks.

Markdown joins the lines of a paragraph, which would run a header block ("Title: X" over
"Author: Y") into one line; so a header line, or a line before one, ends with a hard break
first. And "---" right under a line of text would make that text a heading (setext), where
fic writers mean a scene break: it gets a blank line above.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from editor.formats.importers.decode import decode
from editor.formats.importers.header import is_key_line
from editor.formats.importers.own_layout import read_document
from editor.formats.importers.split import Source, parse_heading
from editor.text.markdown import to_canonical, to_html
from editor.text.richtext import parse

_DASH_RULE = re.compile(r"^ {0,3}-{3,}\s*$")
_STRUCTURE = re.compile(r"^\s{0,3}(?:#|[-*+>]\s|\d+[.)]\s|```|~~~)")  # headings, lists, fences


def read(name: str, data: bytes, check: Callable[[], None]) -> Source:
    decoded = decode(data, name)
    text = prepared(decoded.text)
    if text.lstrip().startswith("# "):  # perhaps Ficwright's own layout, under its title
        html = to_html(text, raw_html=True)
        own = read_document(name, parse(html, relative_links=False, levels=True))
        if own is not None:
            own.encoding = decoded.encoding
            return own
    # A Markdown file may hold HTML for what Markdown cannot say (Ficwright's export does).
    blocks = parse(to_canonical(text, raw_html=True), relative_links=False)
    return Source(name, blocks, decoded.encoding)


def _header_line(line: str) -> bool:
    return is_key_line(line) or parse_heading(line) is not None


def prepared(text: str) -> str:
    """The Markdown with header lines kept apart and dash rules kept as rules."""
    lines = text.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and _DASH_RULE.match(following) and not _DASH_RULE.match(line):
            out += [line, ""]
            continue
        plain = line.strip() and not _STRUCTURE.match(line) and not line.endswith("\\")
        if (
            plain
            and following.strip()
            and not _STRUCTURE.match(following)  # a list under "Warnings:" starts by itself
            and (_header_line(line) or _header_line(following))
        ):
            line = line.rstrip() + "\\"  # a CommonMark hard line break
        out.append(line)
    return "\n".join(out)

"""Plain text (UTF-8), as fics are shared in .txt files and e-mails.

The work is laid out as a document (``layout.document``: the header once, then each chapter
under its heading). No markup by default, since plain-text readers (and importers) take
``*x*`` as text: emphasis, bold, underline and strikethrough keep only their text, and a
field reads "Rating: Teen". ``ExportOptions.emphasis_marks`` writes the convention some
forums and mailing lists want instead: ``*italic*``, ``**bold**``, ``_underline_``,
``~~struck~~``. Superscript and subscript keep only their text. A link is "text (address)".

Paragraphs are separated by a blank line, a line break is a new line, a scene break a
centred ``* * *`` (so is a paragraph of symbols, "***" or "xXx"). The work's title stands
between two lines of ``=``, a chapter heading over a line of ``=``, a heading in the text
over a line of ``-``. A block quote is indented four spaces; list items start "• " or
"1. ". Centred and right-aligned lines are padded to a 72-column page.
"""

from __future__ import annotations

from editor.formats.layout import (
    CHAPTER_LEVEL,
    TITLE_LEVEL,
    Group,
    Markup,
    document,
    heading_level,
    inline,
    is_symbol_line,
    tree,
)
from editor.formats.work import ExportOptions, ExportWork
from editor.text.richtext import Block

WIDTH = 72
SCENE_BREAK = "* * *"
QUOTE_INDENT = "    "


def _link(inner: str, href: str) -> str:
    return inner if inner == href else f"{inner} ({href})"


PLAIN = Markup(marks={}, link=_link)
MARKED = Markup(
    marks={"strong": ("**", "**"), "em": ("*", "*"), "u": ("_", "_"), "s": ("~~", "~~")},
    link=_link,
)


def _align(text: str, align: str | None, width: int) -> str:
    if align == "center":
        return "\n".join(line.center(width).rstrip() for line in text.split("\n"))
    if align == "right":
        return "\n".join(line.rjust(width) for line in text.split("\n"))
    return text


def _heading(text: str, level: int) -> str:
    if not text:
        return ""
    longest = max(max((len(line) for line in text.split("\n")), default=0), 3)
    rule = ("=" if level <= CHAPTER_LEVEL else "-") * longest
    return f"{rule}\n{text}\n{rule}" if level == TITLE_LEVEL else f"{text}\n{rule}"


def _node(node: Block | Group, width: int, markup: Markup) -> str:
    if isinstance(node, Block):
        if node.kind == "hr" or is_symbol_line(node):
            return _align(SCENE_BREAK, "center", width)
        level = heading_level(node.kind)
        if level is not None:  # a heading is bold already
            return _heading(inline(node.runs, PLAIN), level)
        return _align(inline(node.runs, markup), node.align, width)
    if node.kind == "quote":
        inner = _nodes(node.children, markup, width - len(QUOTE_INDENT))
        return "\n".join(QUOTE_INDENT + line if line else "" for line in inner.split("\n"))
    items = []
    for number, item in enumerate(node.children, start=1):
        marker = f"{number}. " if node.kind == "ol" else "• "
        text = inline(item.runs, markup) if isinstance(item, Block) else ""
        items.append(marker + text.replace("\n", "\n" + " " * len(marker)))
    return "\n".join(items)


def _nodes(nodes: list[Block | Group], markup: Markup, width: int = WIDTH) -> str:
    parts = (_node(n, width, markup) for n in nodes)
    return "\n\n".join(p for p in parts if p.strip())  # extra blank lines say nothing


def render(blocks: list[Block], *, marks: bool = False) -> str:
    return _nodes(tree(blocks), MARKED if marks else PLAIN)


def export(work: ExportWork, options: ExportOptions) -> str:
    text = render(document(work, options).blocks(), marks=options.emphasis_marks)
    return text + "\n" if text else ""

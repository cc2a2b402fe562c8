"""Plain text (UTF-8), as fics are shared in .txt files and e-mails.

Each selected chapter is a post (header block, rule, text, rule, end A/N; see ``layout``):
paragraphs separated by a blank line, a line break as a new line, a scene break as a
centred ``* * *``. Formatting follows the convention fic readers know from mailing lists and
from Markdown: ``*italic*``, ``**bold**``, ``_underline_``, ``~~struck~~``; superscript and
subscript keep only their text. A link is "text (address)". A heading is its text over a
line of ``=`` (h2) or ``-`` (h3, h4); a block quote is indented four spaces; list items start
"• " or "1. ". A paragraph of symbols ("***", "xXx") is a scene break and is written like
one. Centred and right-aligned lines are padded to a 72-column page. Chapters are
separated by a line of ``=``.
"""

from __future__ import annotations

from editor.formats.layout import Group, Markup, inline, is_symbol_line, posts, tree
from editor.formats.work import ExportOptions, ExportWork
from editor.text.richtext import Block

WIDTH = 72
SCENE_BREAK = "* * *"
QUOTE_INDENT = "    "
CHAPTER_SEPARATOR = "\n\n" + "=" * WIDTH + "\n\n"


def _link(inner: str, href: str) -> str:
    return inner if inner == href else f"{inner} ({href})"


_MARKUP = Markup(
    marks={"strong": ("**", "**"), "em": ("*", "*"), "u": ("_", "_"), "s": ("~~", "~~")},
    link=_link,
)


def _align(text: str, align: str | None, width: int) -> str:
    if align == "center":
        return "\n".join(line.center(width).rstrip() for line in text.split("\n"))
    if align == "right":
        return "\n".join(line.rjust(width) for line in text.split("\n"))
    return text


def _node(node: Block | Group, width: int) -> str:
    if isinstance(node, Block):
        if node.kind == "hr" or is_symbol_line(node):
            return _align(SCENE_BREAK, "center", width)
        text = inline(node.runs, _MARKUP)
        if node.kind in ("h2", "h3", "h4"):
            rule = "=" if node.kind == "h2" else "-"
            longest = max((len(line) for line in text.split("\n")), default=0)
            return f"{text}\n{rule * max(longest, 3)}" if text else ""
        return _align(text, node.align, width)
    if node.kind == "quote":
        inner = _nodes(node.children, width - len(QUOTE_INDENT))
        return "\n".join(QUOTE_INDENT + line if line else "" for line in inner.split("\n"))
    items = []
    for number, item in enumerate(node.children, start=1):
        marker = f"{number}. " if node.kind == "ol" else "• "
        text = inline(item.runs, _MARKUP) if isinstance(item, Block) else ""
        items.append(marker + text.replace("\n", "\n" + " " * len(marker)))
    return "\n".join(items)


def _nodes(nodes: list[Block | Group], width: int = WIDTH) -> str:
    parts = (_node(n, width) for n in nodes)
    return "\n\n".join(p for p in parts if p.strip())  # extra blank lines say nothing


def render(blocks: list[Block]) -> str:
    return _nodes(tree(blocks))


def export(work: ExportWork, options: ExportOptions) -> str:
    text = posts(work, options, render, CHAPTER_SEPARATOR)
    return text + "\n" if text else ""

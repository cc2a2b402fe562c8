"""BBCode for forums (XenForo: SpaceBattles, SufficientVelocity); tag set UNCONFIRMED.

Each selected chapter is a post (header block, rule, text, rule, end A/N; see ``layout``).
Several chapters each open on their heading, centred in bold, and are separated by a double
rule, so that a chapter's end never reads as a scene break. ``[B] [I] [U] [S]``, ``[URL=…]``,
``[CENTER]`` / ``[RIGHT]`` paragraphs (justified is left as is), ``[QUOTE]``, ``[HR][/HR]``
scene breaks, headings as ``[SIZE=n][B]…[/B][/SIZE]``, lists as ``[LIST]`` / ``[LIST=1]``
with ``[*]`` items. Superscript and subscript keep only their text. Paragraphs are separated
by a blank line (XenForo keeps newlines). Text that looks like a tag ("[b]", "[/i]") is
wrapped in ``[PLAIN]`` so the forum shows it as typed.
"""

from __future__ import annotations

import re

from editor.formats.layout import (
    Group,
    Markup,
    chapter_heading,
    inline,
    post_blocks,
    posts,
    tree,
)
from editor.formats.work import ExportOptions, ExportWork
from editor.text.richtext import Block

RULE = "[HR][/HR]"
CHAPTER_SEPARATOR = f"\n\n{RULE}\n{RULE}\n\n"
HEADING_SIZE = {"h2": 6, "h3": 5, "h4": 4}
_ALIGN_TAG = {"center": "CENTER", "right": "RIGHT"}
_TAG_LIKE = re.compile(r"\[(?=/?[A-Za-z*])")


def _escape(text: str) -> str:
    return _TAG_LIKE.sub("[PLAIN][[/PLAIN]", text)


def _link(inner: str, href: str) -> str:
    return f"[URL={href.replace(']', '%5D')}]{inner}[/URL]"


_MARKUP = Markup(
    marks={
        m: (f"[{t}]", f"[/{t}]") for m, t in (("strong", "B"), ("em", "I"), ("u", "U"), ("s", "S"))
    },
    escape=_escape,
    link=_link,
)


def _node(node: Block | Group) -> str:
    if isinstance(node, Block):
        if node.kind == "hr":
            return RULE
        text = inline(node.runs, _MARKUP)
        if node.kind in HEADING_SIZE:
            text = f"[SIZE={HEADING_SIZE[node.kind]}][B]{text}[/B][/SIZE]"
        tag = _ALIGN_TAG.get(node.align or "")
        return f"[{tag}]{text}[/{tag}]" if tag and text else text
    if node.kind == "quote":
        return f"[QUOTE]\n{_nodes(node.children)}\n[/QUOTE]"
    opening = "[LIST=1]" if node.kind == "ol" else "[LIST]"
    items = [f"[*]{_node(item)}" for item in node.children]
    return "\n".join([opening, *items, "[/LIST]"])


def _nodes(nodes: list[Block | Group]) -> str:
    parts = (_node(n) for n in nodes)
    return "\n\n".join(p for p in parts if p)


def render(blocks: list[Block]) -> str:
    return _nodes(tree(blocks))


def export(work: ExportWork, options: ExportOptions) -> str:
    chapters = options.selected(work)
    if len(chapters) < 2:  # one forum post: its header block already names the chapter
        text = posts(work, options, render, CHAPTER_SEPARATOR)
    else:
        text = CHAPTER_SEPARATOR.join(
            f"[CENTER][SIZE=6][B]{_escape(chapter_heading(work, ch, options))}[/B][/SIZE]"
            f"[/CENTER]\n\n{render(post_blocks(work, ch, options))}"
            for ch in chapters
        )
    return text + "\n" if text else ""

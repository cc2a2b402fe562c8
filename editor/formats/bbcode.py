"""BBCode for forums (XenForo: SpaceBattles, SufficientVelocity); tag set UNCONFIRMED.

The work is laid out as a document (``layout.document``: the header once, then each chapter
under its heading). ``[B] [I] [U] [S]``, ``[URL=…]``, ``[CENTER]`` / ``[RIGHT]`` paragraphs
(justified is left as is), ``[QUOTE]``, ``[HR][/HR]`` scene breaks, headings as
``[SIZE=n][B]…[/B][/SIZE]`` (the work's title 7, a chapter 6, the text's own 5 to 3; a
chapter's heading is centred), lists as ``[LIST]`` / ``[LIST=1]``
with ``[*]`` items. Superscript and subscript keep only their text. Paragraphs are separated
by a blank line (XenForo keeps newlines). Text that looks like a tag ("[b]", "[/i]") is
wrapped in ``[PLAIN]`` so the forum shows it as typed.
"""

from __future__ import annotations

import re

from editor.formats.layout import (
    CHAPTER_LEVEL,
    TITLE_LEVEL,
    Group,
    Markup,
    document,
    heading_level,
    inline,
    tree,
)
from editor.formats.work import ExportOptions, ExportWork
from editor.text.richtext import Block

RULE = "[HR][/HR]"
HEADING_SIZE = {1: 7, 2: 6, 3: 5, 4: 4, 5: 3}  # document level -> XenForo size
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
        level = heading_level(node.kind)
        align = node.align
        if level is not None:
            text = f"[SIZE={HEADING_SIZE[level]}][B]{text}[/B][/SIZE]"
            if level in (TITLE_LEVEL, CHAPTER_LEVEL):
                align = "center"
        tag = _ALIGN_TAG.get(align or "")
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
    text = render(document(work, options).blocks())
    return text + "\n" if text else ""

"""Plain text as Ficwright writes a whole work (``formats.plaintext``), as document blocks.

The title stands between two lines of ``=``, a chapter heading over a line of ``=``, a
heading in the text over a line of ``-``; a centred ``* * *`` is a rule; a paragraph
indented four spaces is a quote; "• " and "1. " start list items; a link is "text
(address)"; the emphasis marks of the export's option (``*x*``...) are read as marks.
``document_blocks`` gives those as blocks for ``own_layout.read_document``, or None for a
text that does not open with a framed title (any other text file).
Plain text keeps no alignment, and its inner headings all read as the first level.
"""

from __future__ import annotations

import re

from editor.text.links import link_allowed
from editor.text.richtext import LINE_BREAK, Block, Run

_RULE_LINE = re.compile(r"(=+|-+)")
_SCENE_BREAK = "* * *"
_QUOTE = "    "
_ITEM = re.compile(r"(•|\d+\.) (.*)", re.DOTALL)
_LINK = re.compile(r"(\S+) \(((?:https?|mailto):[^\s()]+)\)")


def document_blocks(text: str) -> list[Block] | None:
    paragraphs = [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    if not paragraphs or not _framed_title(paragraphs[0]):
        return None
    blocks = [Block("h1", [Run(paragraphs[0].strip().split("\n")[1].strip())])]
    for paragraph in paragraphs[1:]:
        blocks.extend(_blocks(paragraph.rstrip("\n")))
    return blocks


def _framed_title(paragraph: str) -> bool:
    lines = paragraph.strip().split("\n")
    return (
        len(lines) == 3
        and lines[0] == lines[2]
        and set(lines[0]) == {"="}
        and len(lines[0]) >= max(len(lines[1].strip()), 3)
    )


def _blocks(paragraph: str) -> list[Block]:
    lines = paragraph.split("\n")
    if len(lines) == 2 and _RULE_LINE.fullmatch(lines[1]) and lines[0].strip():
        level = 2 if lines[1][0] == "=" else 3
        return [Block(f"h{level}", [Run(lines[0].strip())])]
    if paragraph.strip() == _SCENE_BREAK:
        return [Block("hr")]
    if all(line.startswith(_QUOTE) for line in lines):
        inner = _blocks("\n".join(line[len(_QUOTE) :] for line in lines))
        for block in inner:
            block.quote = True
        return inner
    if _ITEM.match(lines[0]):
        return _items(lines)
    return [Block("p", _runs(LINE_BREAK.join(line.strip() for line in lines)))]


def _items(lines: list[str]) -> list[Block]:
    """List items; a line that goes on an item is indented under its text."""
    items: list[Block] = []
    for line in lines:
        m = _ITEM.match(line)
        if m is None and items:
            items[-1].runs.extend(_runs(LINE_BREAK + line.strip()))
            continue
        marker, text = (m.group(1), m.group(2)) if m else ("•", line)
        list_type = "ul" if marker == "•" else "ol"
        items.append(Block("li", _runs(text.strip()), list_type=list_type))
    return items


def _runs(text: str) -> list[Run]:
    """Text with "word (https://...)" read back as a link on the word before it, and the
    emphasis marks the export's option writes (``*x*``, ``**x**``, ``_x_``, ``~~x~~``) as
    marks."""
    runs: list[Run] = []
    at = 0
    for m in _LINK.finditer(text):
        href = m.group(2)
        if not link_allowed(href, relative=False):
            continue
        runs += _marked(text[at : m.start()], frozenset(), None)
        runs += _marked(m.group(1), frozenset(), href)
        at = m.end()
    runs += _marked(text[at:], frozenset(), None)
    return [r for r in runs if r.text]


# A delimiter opens before a non-space and closes after one, never inside a word: "a*b" and
# "wren_writes" keep theirs (a mark the export put inside a word stays text). The strongest
# first, so "**" is not two "*".
_EMPHASIS = [
    (re.compile(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])", re.DOTALL), "strong"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])", re.DOTALL), "em"),
    (re.compile(r"(?<![\w~])~~(?=\S)(.+?)(?<=\S)~~(?![\w~])", re.DOTALL), "s"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])", re.DOTALL), "u"),
]


def _marked(text: str, marks: frozenset[str], href: str | None) -> list[Run]:
    """``text`` as runs, its emphasis delimiters read as marks (outermost first)."""
    found = [(m, mark) for pattern, mark in _EMPHASIS if (m := pattern.search(text))]
    if not found:
        return [Run(text, marks, href)]
    m, mark = min(found, key=lambda pair: pair[0].start())
    return [
        Run(text[: m.start()], marks, href),
        *_marked(m.group(1), marks | {mark}, href),
        *_marked(text[m.end() :], marks, href),
    ]

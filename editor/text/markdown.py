"""Markdown -> canonical HTML, through markdown-it-py and ``richtext.normalize``.

Used to import Markdown, to convert Markdown pasted into a rich field, and to turn an
inline construct typed into a field (``**bold**``, ``*italic*``, ``[text](url)``) into
formatted text. Every path goes markdown-it -> HTML -> ``richtext.normalize``, so the result
is always the canonical subset. CommonMark, with raw HTML shown as text (read as HTML
only for a Markdown file: ``to_canonical(..., raw_html=True)``), no typographer
(``typography.py`` owns quotes and dashes), plus ``~~strikethrough~~``.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.text.richtext import normalize

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Inline constructs the typed conversion handles: the token that closes each one.
_CLOSERS = {
    "em_close": "em_open",
    "strong_close": "strong_open",
    "s_close": "s_open",
    "link_close": "link_open",
}


@functools.cache
def _md(raw_html: bool = False) -> MarkdownIt:
    # Imported on first use: markdown-it costs 20 ms of start-up, and most sessions
    # never paste or type Markdown.
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": raw_html, "typographer": False})
    md.enable("strikethrough")
    # The canonical subset has no images: keep their alt text rather than lose it.
    md.add_render_rule("image", _render_image_as_text)
    return md


def _render_image_as_text(self, tokens, idx, options, env) -> str:  # type: ignore[no-untyped-def]
    return html.escape(tokens[idx].content, quote=False)


def to_canonical(markdown_text: str, *, raw_html: bool = False) -> str:
    """A Markdown document as canonical HTML.

    ``raw_html``: read HTML tags as HTML (a Markdown file, such as Ficwright's own export,
    spells underline, alignment... that way); otherwise they stay text, as a pasted "<3" or
    "<b>" must. Either way only the canonical subset comes out.
    """
    return normalize(to_html(markdown_text, raw_html=raw_html))


def to_html(markdown_text: str, *, raw_html: bool = False) -> str:
    """markdown-it's HTML, before the canonical subset (headings keep their level)."""
    rendered = _md(raw_html).render(markdown_text)
    # markdown-it puts a newline after each <br /> (a space once parsed as HTML) and at the
    # end of a code block (an extra line break inside <pre>).
    return rendered.replace("<br />\n", "<br />").replace("\n</code></pre>", "</code></pre>")


# -- typed conversion ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InlineMatch:
    """An inline construct at the end of a text: ``text[start:]`` becomes ``canonical``."""

    start: int
    canonical: str  # one paragraph


def _inline_tokens(text: str) -> list[Token]:
    tokens = _md().parseInline(text)
    children = tokens[0].children if tokens else None
    # markdown-it leaves empty text tokens around delimiters; they say nothing.
    return [t for t in children or [] if not (t.type == "text" and not t.content)]


def _construct_start(tokens: list[Token]) -> int | None:
    """Index of the token opening the construct that the last token closes."""
    if not tokens or tokens[-1].type not in _CLOSERS:
        return None
    opener = _CLOSERS[tokens[-1].type]
    depth = 0
    for i in range(len(tokens) - 1, -1, -1):
        kind = tokens[i].type
        if kind == tokens[-1].type:
            depth += 1
        elif kind == opener:
            depth -= 1
            if depth == 0:
                return i
    return None


def trailing_inline(text: str) -> InlineMatch | None:
    """The inline construct that the last character of ``text`` closes, if it closes one.

    ``text`` is a paragraph up to the cursor. "a **b**" gives the match at 2; "**b*" gives
    None, because the author is most likely halfway through typing ``**``.
    """
    tokens = _inline_tokens(text)
    first = _construct_start(tokens)
    if first is None:
        return None
    closing = tokens[-1]
    if closing.markup and not text.endswith(closing.markup):
        return None
    renderer = _md().renderer
    wanted = renderer.render(tokens[first:], _md().options, {})
    # markdown-it gives no source positions inside a paragraph: find where the construct
    # starts by parsing the tail from each possible opening character, nearest first.
    opening = tokens[first].markup or "["
    for start in range(len(text) - len(closing.markup or ")") - 1, -1, -1):
        if not text.startswith(opening, start):
            continue
        if opening[0] in "*_~" and start > 0 and text[start - 1] == opening[0]:
            continue  # inside a longer delimiter run; its start is further left
        tail = _inline_tokens(text[start:])
        if _construct_start(tail) == 0 and renderer.render(tail, _md().options, {}) == wanted:
            if _unfinished_run(text, start, closing.markup):
                return None
            return InlineMatch(start, normalize(wanted))
    return None


def _unfinished_run(text: str, start: int, closing: str) -> bool:
    """``**bold*``: the opening run is longer than the closing one, so wait for the rest."""
    if not closing or closing[0] not in "*_~":
        return False
    char = closing[0]
    opening_run = len(text[start:]) - len(text[start:].lstrip(char))
    closing_run = len(text) - len(text.rstrip(char))
    return opening_run > closing_run


# -- detection --------------------------------------------------------------------

# Each pattern is one clear sign of Markdown. Emphasis needs a non-space just inside both
# markers and no word character outside them, so "5 * 3", a footnote "*" and snake_case
# stay plain. A "- " line alone is not a sign: some authors write dialogue that way.
_ITEM = r"[ \t]{0,3}(?:[*+]|\d{1,9}[.)])[ \t]+\S"
_SIGNS = [
    re.compile(r"(?<![\w*])\*\*(?=\S)[^\n]*?(?<=\S)\*\*(?![\w*])"),
    re.compile(r"(?<![\w_])__(?=\S)[^\n]*?(?<=\S)__(?![\w_])"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])[^*\n]*?(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=[^\s_])[^_\n]*?(?<=[^\s_])_(?![\w_])"),
    re.compile(r"(?<!!)\[[^\]\n]+\]\((?:https?://|mailto:|/)[^\s)]*\)"),
    re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE),
    re.compile(rf"^{_ITEM}.*\n{_ITEM}", re.MULTILINE),  # two list items in a row
]
_FORMATTED = re.compile(r"<(?:strong|em|s|a|h[234]|li)[ >]")


def looks_like_markdown(text: str) -> bool:
    """True only when ``text`` clearly uses Markdown that renders as formatting."""
    if not any(sign.search(text) for sign in _SIGNS):
        return False
    return bool(_FORMATTED.search(to_canonical(text)))

"""Canonical HTML -> Markdown (CommonMark plus ``~~strikethrough~~``), the export direction.

``text/markdown.py`` reads Markdown; this writes it so that reading it back gives the same
canonical HTML for everything Markdown can say: paragraphs, line breaks (a backslash at the
line end), ``*italic*``, ``**bold**``, ``~~struck~~``, ``[links](url)``, ``##``-``####``
headings, ``> `` quotes, ``- `` and ``1. `` lists and ``* * *`` scene breaks. Text that
Markdown would read as syntax is backslash-escaped; leading and trailing spaces of a line are
written ``&#32;`` (Markdown trims them).

What Markdown has no syntax for is written as the HTML CommonMark passes through, which
the Markdown importer reads back (``to_canonical(..., raw_html=True)``): underline,
superscript and subscript as inline ``<u>``, ``<sup>``, ``<sub>``; a block Markdown cannot
spell (an alignment, an empty paragraph, a line break in a heading or at either end of a
paragraph) as that block's canonical HTML, a whole list when one of its items needs it.

What is still changed on the way back:

* spaces at the edge of a mark move outside it (``*word *`` is not emphasis);
* a link whose URL a Markdown renderer rewrites (percent-encoding of non-ASCII, spaces...);
* a link the link allowlist refuses (``text/links.py``: ``javascript:``, ``data:``...), which
  Markdown renderers refuse too (showing the brackets): its text stays. Relative addresses
  stay links, for the site the Markdown is posted on.

CommonMark's flanking rules defeat delimiters that start or end in punctuation right
against a letter (``a*"b"*c``), marks that touch other marks (``**a*b****c*``) and
strikethrough combined with bold or italic right against a letter (``~~**x**~~y``): a
paragraph whose delimiters would not read back as written has its marks written as inline
HTML instead (``<strong>``, ``<em>``, ``<s>``), which every CommonMark reader passes through.

``export`` writes the work as a document (``layout.document``): the title as ``#``, the
header's fields, a rule, then each chapter under a ``##`` heading; the text's own headings
sit a level lower (``###`` for an ``<h2>``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from editor.formats.layout import Group, Markup, document, heading_level, inline, tree
from editor.formats.work import ExportOptions, ExportWork
from editor.text.richtext import LINE_BREAK, Block, Run, normalize, parse, serialize

SCENE_BREAK = "* * *"

# Always special inline: emphasis, code, links, autolinks, strikethrough, escapes.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<~])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")


def _escape(text: str) -> str:
    return _ENTITY_LIKE.sub(r"\\&", _INLINE_SPECIAL.sub(r"\\\1", text))


def _link(inner: str, href: str) -> str:
    # CommonMark: a bare destination has no spaces, controls or parentheses; <…> may, but
    # not a line ending, which a URL spells percent-encoded anyway.
    href = href.replace("\r", "%0D").replace("\n", "%0A")
    if href and not re.search(r"[\s()<>\\\x00-\x1f\x7f]", href):
        return f"[{inner}]({href})"
    return "[{}](<{}>)".format(inner, re.sub(r"([<>\\])", r"\\\1", href))


_MARKUP = Markup(
    marks={
        "strong": ("**", "**"),
        "em": ("*", "*"),
        "s": ("~~", "~~"),
        "u": ("<u>", "</u>"),
        "sup": ("<sup>", "</sup>"),
        "sub": ("<sub>", "</sub>"),
    },
    escape=_escape,
    link=_link,
    relative_links=True,
    line_break="\\\n",
    # HTML outside the delimiters: "a**<u>x</u>**" cannot open bold (a letter, then "<").
    order=("u", "sup", "sub", "strong", "em", "s"),
)

# Where delimiters cannot say it (see above): the marks as the inline HTML CommonMark keeps.
_TAGS = replace(
    _MARKUP,
    marks={m: (f"<{m}>", f"</{m}>") for m in ("strong", "em", "s", "u", "sup", "sub")},
)
_DELIMITED = frozenset({"strong", "em", "s"})

# A closing "#" would end a heading early.
_HEADING_MARKUP = replace(_MARKUP, escape=lambda text: _escape(text).replace("#", "\\#"))

# What a line may not start with, unescaped: a heading, quote, list item, setext underline
# or thematic break.
_LINE_START = re.compile(r"#|>|[-+](?=\s|$)|-+\s*$|=+\s*$|\d{1,9}(?=[.)])")


def _fix_line(line: str) -> str:
    stripped = line.lstrip(" ")
    lead = len(line) - len(stripped)
    match = _LINE_START.match(stripped)
    if match:
        if match.group().isdigit():
            end = match.end()
            stripped = f"{stripped[:end]}\\{stripped[end:]}"
        else:
            stripped = "\\" + stripped
    return "&#32;" * lead + stripped


def _lines(text: str) -> str:
    """Rendered inline text made safe line by line (``text`` ends lines with a backslash)."""
    lines = [_fix_line(line) for line in text.split("\n")]
    last = lines[-1]
    trail = len(last) - len(last.rstrip(" "))
    if trail:  # Markdown trims a paragraph's end
        lines[-1] = last[: len(last) - trail] + "&#32;" * trail
    return "\n".join(lines)


def _inline(runs: list[Run], markup: Markup) -> str:
    # Text brackets are escaped, so "![" can only be "!" before a link: an image to Markdown.
    return inline(runs, markup).replace("![", "\\![")


def _paragraph(runs: list[Run]) -> str:
    """A paragraph's Markdown: delimiters where they read back as written, else tags."""
    text = _lines(_inline(runs, _MARKUP))
    if not any(run.marks & _DELIMITED for run in runs):
        return text
    from editor.text.markdown import to_canonical

    if to_canonical(text, raw_html=True) == normalize(serialize([Block("p", list(runs))])):
        return text
    return _lines(_inline(runs, _TAGS))


def _needs_html(block: Block) -> bool:
    """Whether Markdown has no spelling for ``block``: an alignment, an empty paragraph, a
    line break in a heading or at either end of a paragraph."""
    if block.kind == "hr":
        return False
    text = block.text()
    return bool(
        block.align
        or (block.kind == "p" and not text)
        or (heading_level(block.kind) is not None and LINE_BREAK in text)
        or text.startswith(LINE_BREAK)
        or text.endswith(LINE_BREAK)
    )


_HREF = re.compile(r'href="([^"]*)"')


def _html(blocks: list[Block]) -> str:
    """Blocks as an HTML block, which CommonMark passes through as it is (to a blank line;
    the canonical serializer writes no blank line)."""
    flat = [replace(b, quote=False) for b in blocks]
    html = serialize(flat) or "<p></p>"
    # A line ending inside an address would end the block's line (and a quote's "> ").
    return _HREF.sub(
        lambda m: 'href="{}"'.format(m[1].replace("\r", "&#13;").replace("\n", "&#10;")), html
    )


def _block(block: Block) -> str:
    if block.kind == "hr":
        return SCENE_BREAK
    if _needs_html(block):
        return _html([block])
    level = heading_level(block.kind)
    if level is not None:
        text = _inline(block.runs, _HEADING_MARKUP)
        return f"{'#' * level} {_lines(text)}".rstrip()
    return _paragraph(block.runs)


def _node(node: Block | Group) -> str:
    if isinstance(node, Block):
        return _block(node)
    if node.kind == "quote":
        inner = render_nodes(node.children)
        return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
    if any(isinstance(item, Block) and _needs_html(item) for item in node.children):
        return _html([item for item in node.children if isinstance(item, Block)])
    items = []
    for number, item in enumerate(node.children, start=1):
        marker = f"{number}." if node.kind == "ol" else "-"
        text = _node(item)
        if not text:
            items.append(marker)
            continue
        indent = " " * (len(marker) + 1)
        items.append(f"{marker} " + text.replace("\n", "\n" + indent))
    return "\n".join(items)


def render_nodes(nodes: list[Block | Group]) -> str:
    parts = (_node(n) for n in nodes)
    return "\n\n".join(p for p in parts if p)  # an empty paragraph has no spelling


def to_markdown(canonical: str) -> str:
    """Canonical HTML as Markdown (without a final newline)."""
    return render_nodes(tree(parse(canonical)))


def render(blocks: list[Block]) -> str:
    return render_nodes(tree(blocks))


def export(work: ExportWork, options: ExportOptions) -> str:
    text = render(document(work, options).blocks())
    return text + "\n" if text else ""

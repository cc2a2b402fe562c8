"""The canonical HTML subset every chapter body and rich field is stored in.

The subset (a strict subset of what AO3 accepts), one block per line::

    <p>…</p>  <p align="center|right|justify">…</p>  <h2>…</h2> <h3> <h4>
    <hr />    <blockquote>…blocks…</blockquote>   <ul>/<ol> with <li>…</li>
    inline: <a href="…"> <strong> <em> <u> <s> <sup> <sub> <br />

Inline tags always nest in the order above (a outermost), text escapes only
``& < >`` (and ``"`` inside attributes), so one document has one spelling. The
parser is lenient (any HTML in, including the span soup word processors paste);
``serialize(parse(x))`` is canonical, and canonical input round-trips byte for byte.
An empty document is the empty string (never ``<p></p>`` alone).

Characters a QTextDocument cannot hold inside a paragraph are written so the text
survives the editor (see ``clean_text``): U+2028/U+2029 and CR become ``<br />``, a
tab or form feed becomes a space, and NUL and the placeholders U+FFFC (object) and U+FDD0,
U+FDD1 (Qt's frame markers), which are not text, are dropped.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from editor.text.links import link_allowed
from editor.text.unicode_marks import WORD_CONTINUE_RANGES

# Inline marks in nesting order, outermost first ("a" is handled as a link).
MARKS: tuple[str, ...] = ("strong", "em", "u", "s", "sup", "sub")
ALIGNMENTS = ("center", "right", "justify")
BLOCK_KINDS = ("p", "h2", "h3", "h4", "hr", "li")
LINE_BREAK = "\n"  # inside a run; written as <br />


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    marks: frozenset[str] = frozenset()
    href: str | None = None


@dataclass(slots=True)
class Block:
    kind: str = "p"  # one of BLOCK_KINDS
    runs: list[Run] = field(default_factory=list)
    align: str | None = None  # one of ALIGNMENTS, None for left
    quote: bool = False  # inside a <blockquote>
    list_type: str | None = None  # "ul" or "ol" when kind == "li"

    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def place(self) -> Place:
        """Where the block stands: in which list (None: none), and whether in a quote."""
        return (self.list_type if self.kind == "li" else None, self.quote)


# A block's list ("ul", "ol" or None) and whether it is quoted: all serialize needs besides
# its line (a plain tuple, which the garbage collector stops tracking).
Place = tuple[str | None, bool]


# -- serializing ---------------------------------------------------------------


def escape_text(text: str) -> str:
    # str.replace, not str.translate: translate with a dict looks up every character in
    # Python (4 ms of a 20k-word autosave; this takes 0.2 ms).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Qt splits a block at CR, U+2029 and its frame markers, keeps U+2028 as a line break,
# and reserves U+FFFC for objects; HTML reads a tab or form feed as a space.
# A NUL is not text either: browsers drop it, and C readers of an export stop at it.
_UNSAFE = re.compile("[\x00\t\f\r\u2028\u2029\ufffc\ufdd0\ufdd1\ud800-\udfff]")
_CLEAN = str.maketrans(
    {
        "\t": " ",
        "\f": " ",
        "\r": LINE_BREAK,
        "\u2028": LINE_BREAK,
        "\u2029": LINE_BREAK,
        "\x00": None,
        "\ufffc": None,
        "\ufdd0": None,
        "\ufdd1": None,
    }
    | {c: "\ufffd" for c in range(0xD800, 0xE000)}  # a lone surrogate cannot be stored
)


def clean_text(text: str) -> str:
    """Run text as the canonical subset keeps it: nothing an editor could not hold."""
    if not _UNSAFE.search(text):
        return text
    return text.replace("\r\n", LINE_BREAK).translate(_CLEAN)


def _escape_attr(value: str) -> str:
    return escape_text(value).replace('"', "&quot;")


def _inline(runs: list[Run]) -> str:
    out: list[str] = []
    stack: list[str] = []  # open tags, outermost first; links as "a\0href"
    for run in _merged(runs):
        # The floor of the link allowlist: a Run built in code (a Word import, the editor's
        # document) is checked here as parsed text is in the parser.
        link = run.href and link_allowed(run.href, relative=True)
        wanted = ([f"a\0{run.href}"] if link else []) + [m for m in MARKS if m in run.marks]
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] == wanted[keep]:
            keep += 1
        for tag in reversed(stack[keep:]):
            out.append("</a>" if tag.startswith("a\0") else f"</{tag}>")
        for tag in wanted[keep:]:
            out.append(
                f'<a href="{_escape_attr(tag[2:])}">' if tag.startswith("a\0") else f"<{tag}>"
            )
        stack = wanted
        out.append(escape_text(run.text).replace(LINE_BREAK, "<br />"))
    for tag in reversed(stack):
        out.append("</a>" if tag.startswith("a\0") else f"</{tag}>")
    return "".join(out)


def _merged(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs with the same formatting and drop empty ones."""
    merged: list[Run] = []
    for run in runs:
        text = clean_text(run.text)
        if not text:
            continue
        if text is not run.text:
            run = Run(text, run.marks, run.href)
        if merged and merged[-1].marks == run.marks and merged[-1].href == run.href:
            merged[-1] = Run(merged[-1].text + run.text, run.marks, run.href)
        else:
            merged.append(run)
    return merged


def allowed_links(runs: list[Run], *, relative: bool) -> list[Run]:
    """``runs`` with every link the allowlist refuses (``text/links.py``) left as its text;
    ``relative``: whether the target resolves relative addresses."""
    if all(r.href is None or link_allowed(r.href, relative=relative) for r in runs):
        return runs
    return [
        r if r.href is None or link_allowed(r.href, relative=relative) else Run(r.text, r.marks)
        for r in runs
    ]


def with_allowed_links(blocks: list[Block], *, relative: bool) -> list[Block]:
    """Blocks whose runs went through ``allowed_links``: what an exporter writes out."""
    return [
        b
        if (runs := allowed_links(b.runs, relative=relative)) is b.runs
        else Block(b.kind, runs, b.align, b.quote, b.list_type)
        for b in blocks
    ]


def block_line(block: Block) -> str:
    """One block's line of canonical HTML (without the quote or list around it)."""
    if block.kind == "hr":
        return "<hr />"
    tag = block.kind
    attr = f' align="{block.align}"' if block.align and tag != "li" else ""
    runs = block.runs
    # A heading is bold already: <strong> in it says nothing. (h1 and h5 occur only in
    # exports, whose layout puts a work's title above its chapters' headings.)
    if tag[0] == "h" and tag[1:].isdigit():
        runs = [Run(r.text, r.marks - {"strong"}, r.href) for r in runs]
    return f"<{tag}{attr}>{_inline(runs)}</{tag}>"


def serialize(blocks: list[Block]) -> str:
    return serialize_lines([b.place() for b in blocks], [block_line(b) for b in blocks])


def serialize_lines(places: Sequence[Place], block_lines: Sequence[str]) -> str:
    """Canonical HTML of blocks whose lines (``block_line``) are already written, given where
    each one stands (``Block.place``): only the quotes and lists around them are added."""
    return "\n".join(document_lines(places, block_lines))


def document_lines(places: Sequence[Place], block_lines: Sequence[str]) -> list[str]:
    """The lines ``serialize_lines`` joins (none for an empty document)."""
    lines: list[str] = []
    in_quote = False
    list_type: str | None = None
    for (block_list, quote), line in zip(places, block_lines, strict=True):
        if list_type and (block_list != list_type or quote != in_quote):
            lines.append(f"</{list_type}>")
            list_type = None
        if quote != in_quote:
            lines.append("<blockquote>" if quote else "</blockquote>")
            in_quote = quote
        if block_list and list_type is None:
            lines.append(f"<{block_list}>")
            list_type = block_list
        lines.append(line)
    if list_type:
        lines.append(f"</{list_type}>")
    if in_quote:
        lines.append("</blockquote>")
    if lines == ["<p></p>"]:  # an editor always holds one block: empty is empty
        return []
    return lines


# -- parsing -------------------------------------------------------------------

_INLINE_TAGS = {
    "strong": "strong",
    "b": "strong",
    "em": "em",
    "i": "em",
    "cite": "em",
    "dfn": "em",
    "var": "em",
    "u": "u",
    "ins": "u",
    "s": "s",
    "strike": "s",
    "del": "s",
    "sup": "sup",
    "sub": "sub",
}
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "address", "center",
               "dt", "dd", "figcaption", "caption", "tr", "td", "th", "section", "article",
               "header", "footer", "summary"}  # fmt: skip
_SKIP_CONTENT = {"script", "style", "head", "title", "iframe", "math", "noembed", "noframes",
                 "noscript", "plaintext", "svg", "xmp", "template"}  # fmt: skip
_HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
_LEVELS = {f"h{n}": f"h{n}" for n in range(1, 7)}  # a document's own levels (``parse``)
_STYLE_DECL = re.compile(r"([\w-]+)\s*:\s*([^;]+)")
# Whitespace with a line break or tab in it is source layout, not typed spaces.
_SOURCE_SPACE = re.compile(r"[ \t\r\n\f]*[\t\r\n\f][ \t\r\n\f]*")


@functools.lru_cache(maxsize=1024)  # pasted spans repeat a few styles thousands of times
def _style_marks(style: str) -> tuple[frozenset[str], frozenset[str], str | None]:
    """Marks a CSS style turns on and off, and a text alignment, as pasted HTML spells them."""
    on: set[str] = set()
    off: set[str] = set()
    align: str | None = None
    for name, value in _STYLE_DECL.findall(style.lower()):
        value = value.strip()
        if name == "font-weight":
            weight = {"bold": 700, "bolder": 700, "normal": 400, "lighter": 300}.get(value)
            if weight is None and value.isdigit():
                weight = int(value)
            if weight is not None:
                (on if weight >= 600 else off).add("strong")
        elif name == "font-style":
            (on if value in ("italic", "oblique") else off).add("em")
        elif name in ("text-decoration", "text-decoration-line"):
            if "underline" in value:
                on.add("u")
            if "line-through" in value:
                on.add("s")
            if value == "none":
                off.update({"u", "s"})
        elif name == "vertical-align":
            if value == "super":
                on.add("sup")
            elif value == "sub":
                on.add("sub")
        elif name == "text-align" and value in ALIGNMENTS:
            align = value
    return frozenset(on), frozenset(off), align


class _Parser(HTMLParser):
    def __init__(self, *, relative_links: bool = True, levels: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.relative_links = relative_links
        self._headings = _LEVELS if levels else _HEADINGS
        self.blocks: list[Block] = []
        self._current: Block | None = None
        # open inline elements: tag, marks on, marks off, href
        self._marks: list[tuple[str, frozenset[str], frozenset[str], str | None]] = []
        # Open block tags, each with the alignment in force inside it and how many <li> are
        # open up to it: read from the top, so 10,000 nested blocks stay linear.
        self._blocks: list[tuple[str, str | None, int]] = []
        self._quote = 0
        self._lists: list[str] = []
        self._skip = 0
        self._pre = 0

    # formatting state
    def _state(self) -> tuple[frozenset[str], str | None]:
        marks: set[str] = set()
        href: str | None = None
        for _tag, on, off, link in self._marks:
            marks -= off
            marks |= on
            if link is not None:
                href = link
        if "sup" in marks and "sub" in marks:
            marks.discard("sub")
        return frozenset(marks), href

    def _align(self) -> str | None:
        return self._blocks[-1][1] if self._blocks else None

    def _new_block(self, kind: str = "p") -> Block:
        list_type = self._lists[-1] if kind == "li" and self._lists else None
        if kind == "li" and list_type is None:
            kind = "p"
        block = Block(kind=kind, align=self._align(), quote=self._quote > 0, list_type=list_type)
        self.blocks.append(block)
        self._current = block
        return block

    def _end_block(self) -> None:
        self._current = None

    def _leave_container(self) -> None:
        """A block starts inside one that has no text yet (``<div><p>``, ``<li><p>``,
        ``<p><hr>``): the outer one was only a wrapper and must not become an empty paragraph."""
        if self._current is not None and not self._current.runs:
            # By identity, from the end: list.remove would compare every block (quadratic).
            if self.blocks and self.blocks[-1] is self._current:
                self.blocks.pop()
            else:
                self.blocks.remove(self._current)
        self._current = None

    def parse_comment(self, i: int, report: int = 1) -> int:
        # "<!-->" and "<!--->" are whole (empty) comments in HTML; before Python 3.13 the
        # parser reads them as openings and drops the text up to the next "-->".
        for empty in ("<!-->", "<!--->"):
            if self.rawdata.startswith(empty, i):
                return i + len(empty)
        return int(super().parse_comment(i, report))

    def parse_html_declaration(self, i: int) -> int:
        # ``<![…`` ends at the first ">", as in a browser: before Python 3.13 the parser looks
        # for "]>" or "]]>" anywhere further on (swallowing the text in between, or raising
        # AssertionError on ``<![bogus[``). Word's ``<![if !supportLists]>`` still arrives
        # at unknown_decl. Anything else it cannot read (``<!DOCTYPE x [ …``) is a bogus
        # comment up to the next ">" too.
        rawdata = self.rawdata
        if not rawdata.startswith("<![", i):
            try:
                return super().parse_html_declaration(i)
            except AssertionError:
                pass
        end = rawdata.find(">", i + 2)
        if end < 0:
            return -1
        if rawdata.startswith("<![", i) and rawdata[end - 1] == "]":
            self.unknown_decl(rawdata[i + 3 : end - 1])
        return end + 1

    def _in_list_item(self) -> bool:
        return bool(self._lists) and bool(self._blocks) and self._blocks[-1][2] > 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_CONTENT:
            self._skip += 1
            return
        if self._skip:
            return
        a = {k: (v or "") for k, v in attrs}
        on, off, style_align = _style_marks(a.get("style", ""))
        align = (a.get("align") or "").lower() or style_align
        if align not in ALIGNMENTS:
            align = None
        if tag == "br":
            if self._current is not None:  # a <br> between blocks is only spacing
                self._text(LINE_BREAK)
        elif tag == "hr":
            self._leave_container()
            self.blocks.append(Block(kind="hr", quote=self._quote > 0))
        elif tag == "blockquote":
            self._leave_container()
            self._quote += 1
        elif tag in ("ul", "ol"):
            self._leave_container()
            self._lists.append(tag)
        elif tag in _BLOCK_TAGS:
            self._leave_container()
            # Google Docs writes <li><p>…</p></li>: the paragraph is the list item.
            in_item = self._in_list_item()
            if tag == "center":
                align = "center"
            items = (self._blocks[-1][2] if self._blocks else 0) + (tag == "li")
            self._blocks.append((tag, align or self._align(), items))
            self._marks.append((tag, on, off, None))
            kind = "li" if tag == "li" else self._headings.get(tag, "p")
            if kind == "p" and in_item:
                kind = "li"
            if tag == "pre":
                self._pre += 1
            self._new_block(kind)
        elif tag in _INLINE_TAGS:
            # A style can cancel its own tag: Google Docs wraps everything in
            # <b style="font-weight:normal">.
            self._marks.append((tag, (on | {_INLINE_TAGS[tag]}) - off, off, None))
        elif tag == "a":
            href = a.get("href") or None
            if href is not None and not link_allowed(href, relative=self.relative_links):
                href = None  # the text stays, unlinked
            self._marks.append((tag, on, off, href))
        else:  # span, font and anything unknown: keep the text, read its style
            self._marks.append((tag, on, off, None))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_CONTENT:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag == "blockquote":
            self._end_block()
            self._quote = max(0, self._quote - 1)
        elif tag in ("ul", "ol"):
            self._end_block()
            if tag in self._lists:
                del self._lists[len(self._lists) - 1 - self._lists[::-1].index(tag) :]
        elif tag in _BLOCK_TAGS:
            self._end_block()
            if tag == "pre":
                self._pre = max(0, self._pre - 1)
            self._close(tag, self._blocks)
            self._close(tag, self._marks)
        elif tag in _INLINE_TAGS or tag != "br":
            self._close(tag, self._marks)

    @staticmethod
    def _close(tag: str, stack: list) -> None:  # type: ignore[type-arg]
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == tag:
                del stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._pre:
            # HTML whitespace rules: newlines and tabs in the source are spaces.
            data = _SOURCE_SPACE.sub(" ", data)
            if self._current is None and not data.strip():
                return  # whitespace between blocks
        else:
            data = data.replace("\r\n", "\n").replace("\r", "\n")
        self._text(data)

    def _text(self, text: str) -> None:
        block = self._current or self._new_block()
        marks, href = self._state()
        block.runs.append(Run(text, marks, href))


def parse(source: str, *, relative_links: bool = True, levels: bool = False) -> list[Block]:
    """Blocks from canonical HTML or from any HTML a person might paste or import.

    Links outside the allowlist (``text/links.py``) lose their address; relative ones too
    unless ``relative_links`` (a file being imported has no address to read them against).
    ``levels``: headings keep their level, h1 to h6 (an export's layout, read back), where
    the canonical text has only h2-h4.
    """
    fast = _parse_canonical(source, relative_links)
    if fast is not None:
        return fast
    parser = _Parser(relative_links=relative_links, levels=levels)
    parser.feed(source)
    parser.close()
    return parser.blocks


# -- the canonical subset, read fast -------------------------------------------------------
# Every export and every autosave parses stored text, which the serializer wrote: one block a
# line, only the subset's tags. Read by a regex, it is the same blocks several times faster
# than through HTMLParser (which a 500,000-word export spent most of its time in). Anything
# else, or anything out of place, and ``_parse_canonical`` gives up for the full parser.

_TOKEN = re.compile(r"<[^<>]*>|[^<]+")
_BLOCK_OPEN = re.compile(r'<(p|h[234])(?: align="(center|right|justify)")?>')
_LINK_OPEN = re.compile(r'<a href="([^"]*)">')
_CANONICAL_MARKS = frozenset(MARKS)


def _parse_canonical(source: str, relative_links: bool) -> list[Block] | None:
    blocks: list[Block] = []
    current: Block | None = None
    lists: list[str] = []
    quote = 0
    open_marks: list[str] = []  # inline tags open in the current block, outermost first
    href: str | None = None
    state: tuple[frozenset[str], str | None] = (frozenset(), None)
    for m in _TOKEN.finditer(source):
        token = m.group()
        if token[0] != "<":
            if current is None:
                if token.strip():
                    return None  # text outside a block
                continue
            text = token
            if "\n" in text or "\t" in text or "\r" in text or "\f" in text:
                text = _SOURCE_SPACE.sub(" ", text)  # rare: the regex is slow on long text
            if "&" in text:
                text = html.unescape(text)
            current.runs.append(Run(text, *state))
        elif current is not None:  # inside a block: inline tags and its own end
            if token == "<br />":
                current.runs.append(Run(LINE_BREAK, *state))
                continue
            if token.startswith("</"):
                tag = token[2:-1]
                if open_marks and open_marks[-1] == tag:
                    open_marks.pop()
                    if tag == "a":
                        href = None
                elif not open_marks and tag == ("li" if current.kind == "li" else current.kind):
                    current = None
                    continue
                else:
                    return None
            else:
                tag = token[1:-1]
                if tag in _CANONICAL_MARKS and tag not in open_marks:
                    open_marks.append(tag)
                else:
                    link = _LINK_OPEN.fullmatch(token)
                    if link is None or href is not None:
                        return None
                    href = html.unescape(link.group(1))
                    if not link_allowed(href, relative=relative_links):
                        href = ""  # the text stays, unlinked
                    open_marks.append("a")
            marks = {t for t in open_marks if t != "a"}
            if "sup" in marks and "sub" in marks:
                marks.discard("sub")
            state = (frozenset(marks), href or None)
        elif token == "<hr />":
            blocks.append(Block(kind="hr", quote=quote > 0))
        elif token == "<blockquote>":
            quote += 1
        elif token == "</blockquote>" and quote:
            quote -= 1
        elif token in ("<ul>", "<ol>"):
            lists.append(token[1:3])
        elif token in ("</ul>", "</ol>") and lists and lists[-1] == token[2:4]:
            lists.pop()
        elif token == "<li>" and lists:
            current = Block("li", quote=quote > 0, list_type=lists[-1])
            blocks.append(current)
            state = (frozenset(), None)
        else:
            opened = _BLOCK_OPEN.fullmatch(token)
            if opened is None:
                return None
            current = Block(opened.group(1), align=opened.group(2), quote=quote > 0)
            blocks.append(current)
            state = (frozenset(), None)
    return blocks if current is None and not open_marks else None


def canonical_headings(blocks: list[Block]) -> list[Block]:
    """Blocks parsed with ``levels`` as ``parse`` gives them without: h1 to h2, h5-h6 to h4."""
    for block in blocks:
        block.kind = _HEADINGS.get(block.kind, block.kind)
    return blocks


def normalize(source: str) -> str:
    """Any HTML to the canonical subset."""
    return serialize(parse(source))


# -- plain text and counting ---------------------------------------------------

_TAG = re.compile(r"<[^>]*>")


def is_blank(canonical: str) -> bool:
    """True when a field says nothing: no text once spaces, no-break spaces, line breaks,
    rules and empty paragraphs are gone. A rich field with one space stores ``<p> </p>``,
    and Shift+Enter ``<p><br /></p>``: neither may print a heading with nothing after it."""
    if "<" not in canonical and "&" not in canonical:
        return not canonical.strip()
    return says_nothing(parse(canonical))


def says_nothing(blocks: list[Block]) -> bool:
    """``is_blank`` of blocks already parsed."""
    return not "".join(b.text() for b in blocks).strip()


def plain_text(canonical: str) -> str:
    """The text an author reads: one line per paragraph, line breaks kept.

    A scene break and an empty paragraph are each an empty line.
    """
    lines = ["" if b.kind == "hr" else clean_text(b.text()) for b in parse(canonical)]
    return "\n".join(lines).strip("\n")


def _word_pattern(continuing: str = "") -> re.Pattern[str]:
    # A word: letters or digits, joined by apostrophes and hyphens ("could've", "well-known",
    # "Zack's") or by a point or comma between digits ("3.5"). Em and en dashes separate.
    word = rf"\w[\w{continuing}]*" if continuing else r"\w+"
    return re.compile(rf"{word}(?:(?:['’‐\-]|(?<=\d)[.,:](?=\d)){word})*")


# Combining marks (NFD accents, Indic vowel signs), joiners and the soft hyphen continue a
# word: "nai\u0308ve" and "हिन्दी" are one word each. A class of 300 ranges makes matching
# twice as slow, so it is used only for text that holds such a mark (most prose does not).
_MARKS = frozenset(chr(c) for a, b in WORD_CONTINUE_RANGES for c in range(a, b + 1))
_WORD = _word_pattern()


@functools.cache
def _word_with_marks() -> re.Pattern[str]:  # compiled on first need: 10 ms
    return _word_pattern(
        "".join(
            re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
            for a, b in WORD_CONTINUE_RANGES
        )
    )


def word_count_text(plain: str) -> int:
    """Words as an author counts them: "could've" and "well-known" are one word each."""
    pattern = _WORD if _MARKS.isdisjoint(set(plain)) else _word_with_marks()
    return len(pattern.findall(plain))


_INLINE_TAG = re.compile(r"</?(?:a|strong|em|u|s|sup|sub)(?:\s[^>]*)?>")


def word_count(canonical: str) -> int:
    # Inline tags vanish ("<em>un</em>believable" is one word); block tags and <br />
    # become a space so that "a</p>\n<p>b" stays two words.
    text = _TAG.sub(" ", _INLINE_TAG.sub("", canonical))
    return word_count_text(html.unescape(text))

"""Paste cleanup: what Google Docs, Word, LibreOffice and web pages put on the clipboard,
reduced to exactly what the canonical subset holds.

The pipeline (see docs in ``shared/reference/clipboard.md``)::

    read <style> class rules  ->  richtext's lenient parser, extended here with
    class styles, Word's fake lists, hidden content, spacerun spans, page breaks and
    large left margins (block quotes)  ->  tidy the blocks: no empty paragraphs,
    scene-break lines become <hr />, spaces move outside inline tags  ->  serialize.

Decisions worth knowing:

- A page break (Word's ``<br style='page-break-before:always'>``) becomes nothing: it
  usually comes before a chapter heading, which stays a heading; a scene is marked by the
  author's own ``***`` line, which does become a scene break.
- Scene-break lines and edge whitespace are whole-paragraph notions: a paste of one
  paragraph is text dropped into the author's paragraph, so ``*`` or `` - `` pasted alone
  stays text (and a trailing space stays, so "word " pastes as typed).
- Only http(s) and mailto links are kept; other links keep their text.

Linear in the size of the input: 10 MB of Google Docs HTML cleans in about a second.
"""

from __future__ import annotations

import functools
import re

from editor.text.richtext import (
    _SKIP_CONTENT,
    LINE_BREAK,
    Block,
    Run,
    _Parser,
    clean_text,
    serialize,
)

# Elements whose content is page furniture, never text an author meant to paste.
_HIDDEN_TAGS = frozenset(
    {"nav", "button", "select", "datalist", "object", "canvas", "audio", "video", "dialog"}
)
_VOID = frozenset(
    {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source",
     "embed", "param", "track", "keygen"}
)  # fmt: skip
_QUOTE_HOSTS = frozenset({"p", "div", "section", "article", "center", "address", "pre"})
_WORD_LIST_HOSTS = frozenset({"p", "div"})
# Tags that end a Word conditional section left open: its text must not swallow the rest.
_CONDITIONAL_ENDS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                               "blockquote", "table", "td", "body"})  # fmt: skip
# A left indent from about 0.4 in / 36 px on is a block quote; 36 px is 27 pt.
QUOTE_INDENT_PT = 27.0
_UNITS_PT = {"pt": 1.0, "px": 0.75, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4,
             "pc": 12.0, "em": 12.0, "rem": 12.0, "": 0.75}  # fmt: skip
_LENGTH = re.compile(r"^(-?\d*\.?\d+)\s*([a-z]*)$")
_DECL = re.compile(r"([\w-]+)\s*:\s*([^;]+)")
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS_SELECTOR = re.compile(r"^([a-z][a-z0-9]*)?\.([\w-]+)$", re.IGNORECASE)
_WORD_LIST = re.compile(r"mso-list:\s*l\d+\s+level\d+", re.IGNORECASE)
_ORDERED_MARKER = re.compile(r"^\(?(?:\d+|[a-z]|[ivxlcdm]+)[.)]", re.IGNORECASE)
_BLANK = " \xa0\n\u200b\ufeff"  # what a paragraph may hold and still be empty
_EDGE_SPACE = " \xa0\n"
# Scene-break lines: decoration only (***, * * *, ~~~, -, #, ⁂, …) around an optional
# xXx / oOo core. Full stops are not decoration: a paragraph of "..." is a beat of silence.
_DECORATION = "*~#=_+•·◦○●◆◇♦❖✦✧★☆⁂§°^|/\\<>–—‐-❦❧⸙♥♡♪♫"
_SCENE_CORE = re.compile(r"(?:x+X+)+x+|(?:X+x+)+X+|(?:o+O+)+o+|(?:O+o+)+O+")
_MAX_SCENE_BREAK = 60

Rules = dict[tuple[str, str], dict[str, str]]


def clean_html(source: str) -> str:
    """Any pasted HTML to canonical HTML that keeps exactly what the subset holds."""
    return serialize(clean_blocks(source))


def clean_blocks(source: str) -> list[Block]:
    parser = _PasteParser(class_rules(source))
    parser.feed(source)
    parser.close()
    return tidy(parser.blocks)


# -- styles ----------------------------------------------------------------------


def class_rules(source: str) -> Rules:
    """``tag.class`` and ``.class`` rules from the document's ``<style>`` elements, as
    Word writes them (inside ``<!-- -->``); complex selectors are ignored."""
    rules: Rules = {}
    for css in _STYLE_ELEMENT.findall(source):
        css = _CSS_COMMENT.sub(" ", css.replace("<!--", " ").replace("-->", " "))
        for selectors, body in _CSS_RULE.findall(css):
            decls = _declarations(body)
            if not decls:
                continue
            for selector in selectors.split(","):
                match = _CLASS_SELECTOR.match(selector.strip())
                if match:
                    key = ((match.group(1) or "").lower(), match.group(2).lower())
                    rules.setdefault(key, {}).update(decls)
    return rules


def _declarations(style: str) -> dict[str, str]:
    return {name.lower(): value.strip() for name, value in _DECL.findall(style)}


def _style_text(decls: dict[str, str]) -> str:
    return ";".join(f"{name}:{value}" for name, value in decls.items())


def _length_pt(value: str) -> float:
    match = _LENGTH.match(value.strip().lower())
    if not match or match.group(2) not in _UNITS_PT:
        return 0.0
    return float(match.group(1)) * _UNITS_PT[match.group(2)]


def _box_left(decls: dict[str, str], prop: str) -> float:
    """The left side of ``margin``/``padding``, from the longhand or the shorthand."""
    if f"{prop}-left" in decls:
        return _length_pt(decls[f"{prop}-left"])
    parts = decls.get(prop, "").split()
    if not parts:
        return 0.0
    return _length_pt(parts[{1: 0, 2: 1, 3: 1}.get(len(parts), 3)])


@functools.lru_cache(maxsize=512)
def left_indent_pt(style: str) -> float:
    """Where a paragraph's first line starts, in points: a hanging indent is not a quote."""
    decls = _declarations(style.lower())
    indent = _box_left(decls, "margin") + _box_left(decls, "padding")
    return indent + min(0.0, _length_pt(decls.get("text-indent", "0")))


# -- parsing ---------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)  # a paste repeats a few styles thousands of times
def _element_flags(tag: str, style: str, cls: str) -> tuple[frozenset[str], bool]:
    """What an element's tag, style and class say beyond marks, and whether it is an item
    of one of Word's fake lists."""
    low = style.lower().replace(" ", "")
    flags: set[str] = set()
    if tag in _HIDDEN_TAGS or "display:none" in low:
        flags.add("hide")
    if "mso-list:ignore" in low:
        flags.add("marker")  # a list marker outside <![if !supportLists]>
    if "mso-spacerun" in low:
        flags.add("spacerun")
    if tag == "br" and "page-break" in low:
        flags.add("page-break")
    word_item = tag in _WORD_LIST_HOSTS and bool(_WORD_LIST.search(style))
    if (
        tag in _QUOTE_HOSTS
        and not word_item
        and "msolist" not in cls.lower()  # Word's list paragraphs are indented lists
        and left_indent_pt(low) >= QUOTE_INDENT_PT
    ):
        flags.add("quote")
    return frozenset(flags), word_item


class _PasteParser(_Parser):
    """richtext's lenient parser plus what word processors and web pages need."""

    def __init__(self, rules: Rules) -> None:
        # A page's relative links and #anchors point into a site the work is not part of.
        super().__init__(relative_links=False)
        self._rules = rules
        self._open: list[tuple[str, frozenset[str]]] = []  # open elements and their flags
        self._hidden = 0  # open elements whose content is not text
        self._marker: list[str] | None = None  # a Word list marker being read
        self._cond: str | None = None  # inside <![if !supportLists]> and the like
        self._word_item: Block | None = None  # the Word list paragraph being read

    def _style(self, tag: str, attrs: dict[str, str]) -> str:
        style = attrs.get("style", "")
        classes = attrs.get("class", "").lower().split()
        if not classes or not self._rules:
            return style
        decls: dict[str, str] = {}
        for cls in classes:
            decls.update(self._rules.get(("", cls), {}))
            decls.update(self._rules.get((tag, cls), {}))
        if not decls:
            return style
        decls.update(_declarations(style))  # the element's own style wins
        return _style_text(decls)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_CONTENT or self._skip:
            super().handle_starttag(tag, attrs)
            return
        if self._cond is not None:
            if tag not in _CONDITIONAL_ENDS:
                return  # a list marker's spans: read as the marker
            self.unknown_decl("endif")  # never closed: a paragraph ends it
        a = {k: (v or "") for k, v in attrs}
        style = self._style(tag, a)
        flags, word_item = _element_flags(tag, style, a.get("class", ""))
        if "hidden" in a or a.get("aria-hidden", "").lower() == "true":
            flags |= {"hide"}
        if tag not in _VOID:
            self._open.append((tag, flags))
            self._hidden += "hide" in flags
        if self._hidden:
            return
        if "page-break" in flags:
            return  # a page break: nothing (see the module docstring)
        if "marker" in flags and self._marker is None:
            self._marker = []
        if "quote" in flags:
            self._quote += 1  # before the block opens: it reads the level
        if style != a.get("style", ""):
            attrs = [(k, v) for k, v in attrs if k != "style"] + [("style", style)]
        super().handle_starttag(tag, attrs)
        if word_item and self._current is not None:
            # Word's fake list: a paragraph is an item; its marker decides ul or ol.
            self._current.kind = "li"
            self._current.list_type = "ul"
            self._current.align = None
            self._word_item = self._current

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_CONTENT or self._skip:
            super().handle_endtag(tag)
            return
        if self._cond is not None:
            if tag not in _CONDITIONAL_ENDS:
                return
            self.unknown_decl("endif")
        index = next((i for i in range(len(self._open) - 1, -1, -1) if self._open[i][0] == tag), -1)
        if index < 0:
            if not self._hidden:
                super().handle_endtag(tag)
            return
        hidden = self._hidden > 0
        closed = self._open[index:]
        del self._open[index:]
        self._hidden -= sum("hide" in flags for _tag, flags in closed)
        if hidden:
            return
        super().handle_endtag(tag)
        for _tag, flags in closed:
            if "quote" in flags:
                self._quote = max(0, self._quote - 1)
            if "marker" in flags and not any("marker" in f for _t, f in self._open):
                self._end_marker()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cond == "skip" or self._hidden:
            return
        if self._marker is not None:
            self._marker.append(data)
            return
        if self._open and "spacerun" in self._open[-1][1] and not data.strip(" \xa0\t\r\n"):
            data = " "  # Word's run of &nbsp; for typed spaces: one space is the text
        super().handle_data(data)

    def unknown_decl(self, data: str) -> None:
        # Word's conditional sections: <![if !supportLists]>marker<![endif]>.
        decl = data.strip().lower()
        if decl.startswith("if !supportlists"):
            self._cond = "marker"
            self._marker = []
        elif decl.startswith("if !supportlinebreaknewline"):
            self._cond = "skip"  # a second <br> that only old browsers needed
        elif decl == "endif" and self._cond is not None:
            if self._cond == "marker":
                self._end_marker()
            self._cond = None

    def _end_marker(self) -> None:
        marker = "".join(self._marker or []).strip(" \xa0\t\r\n")
        self._marker = None
        item = self._word_item
        if item is not None and item is self._current:
            item.list_type = "ol" if _ORDERED_MARKER.match(marker) else "ul"


# -- tidying blocks --------------------------------------------------------------


def tidy(blocks: list[Block]) -> list[Block]:
    """Blocks as an author wants them pasted: no empty paragraphs, scene-break lines as
    rules, spaces outside inline tags."""
    kept: list[Block] = []
    for block in blocks:
        if block.kind == "hr":
            kept.append(block)
            continue
        block.runs = [Run(clean_text(r.text), r.marks, r.href) for r in block.runs]
        _strip_line_breaks(block)
        if block.text().strip(_BLANK):
            kept.append(block)
    whole = len(kept) > 1  # whole paragraphs, not a piece of one
    out: list[Block] = []
    for block in kept:
        if block.kind != "hr":
            if whole:
                _strip_edges(block, _EDGE_SPACE)
            if whole and block.kind == "p" and is_scene_break_line(block.text()):
                block = Block(kind="hr", quote=block.quote)
            else:
                block.runs = spaces_outside(block.runs)
        if block.kind == "hr" and out and out[-1].kind == "hr" and out[-1].quote == block.quote:
            continue  # two breaks in a row mark one break
        out.append(block)
    return out


def is_scene_break_line(text: str) -> bool:
    """``***``, ``* * *``, ``~~~``, ``-``, ``#``, ``xXx``, ``-oOo-`` and the like."""
    core = "".join(text.split())
    if not core or len(core) > _MAX_SCENE_BREAK:
        return False
    core = core.strip(_DECORATION)
    return not core or _SCENE_CORE.fullmatch(core) is not None


def _strip_line_breaks(block: Block) -> None:
    """A line break at the start or end of a paragraph is spacing (``<p><br></p>``,
    Word's trailing soft return), not a line the author wrote."""
    text = block.text()
    lead = text[: len(text) - len(text.lstrip(_EDGE_SPACE))]
    trail = text[len(text.rstrip(_EDGE_SPACE)) :]
    if LINE_BREAK in lead or LINE_BREAK in trail:
        _strip_edges(block, _EDGE_SPACE, left=LINE_BREAK in lead, right=LINE_BREAK in trail)


def _strip_edges(block: Block, chars: str, *, left: bool = True, right: bool = True) -> None:
    runs = block.runs
    if left:
        while runs:
            text = runs[0].text.lstrip(chars)
            if text:
                runs[0] = Run(text, runs[0].marks, runs[0].href)
                break
            runs.pop(0)
    if right:
        while runs:
            text = runs[-1].text.rstrip(chars)
            if text:
                runs[-1] = Run(text, runs[-1].marks, runs[-1].href)
                break
            runs.pop()


def spaces_outside(runs: list[Run]) -> list[Run]:
    """``<em>word </em>`` -> ``<em>word</em> ``: a space keeps only the formatting of the
    text on both sides of it (so a space between two underlined words stays underlined).

    Decided per stretch of spaces from the nearest text either side, which does not
    change, so a second pass changes nothing (cleaning is idempotent)."""
    # Pieces: (text, run, is_space); a run splits into leading space, text, trailing space.
    pieces: list[tuple[str, Run, bool]] = []
    for run in runs:
        core = run.text.strip(_EDGE_SPACE)
        if not core:
            pieces.append((run.text, run, True))
            continue
        lead = len(run.text) - len(run.text.lstrip(_EDGE_SPACE))
        trail = len(run.text.rstrip(_EDGE_SPACE))
        if lead:
            pieces.append((run.text[:lead], run, True))
        pieces.append((run.text[lead:trail], run, False))
        if trail < len(run.text):
            pieces.append((run.text[trail:], run, True))
    after: list[Run | None] = [None] * len(pieces)  # the nearest text run to the right
    nearest: Run | None = None
    for i in range(len(pieces) - 1, -1, -1):
        after[i] = nearest
        if not pieces[i][2]:
            nearest = pieces[i][1]
    out: list[Run] = []
    before: Run | None = None  # the nearest text run to the left
    for (text, run, space), right in zip(pieces, after, strict=True):
        if not space:
            before = run
            out.append(Run(text, run.marks, run.href))
        elif not run.marks and run.href is None:
            out.append(Run(text))
        else:
            marks = run.marks
            href = run.href
            for side in (before, right):
                marks = marks & side.marks if side is not None else frozenset()
                if side is None or side.href != run.href:
                    href = None
            out.append(Run(text, marks, href))
    return out

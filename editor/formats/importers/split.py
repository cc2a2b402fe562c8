"""A document as the importers read it, and its structure: lines, scene breaks, chapter headings.

Every reader (text, Markdown, HTML, DOCX) turns its file into a ``Source``: a list of
canonical ``Block``s, with a line break (``"\\n"`` inside a run) where a line ended inside a
paragraph. Header detection and splitting work on these blocks only, so no reader repeats
them. ``finish`` turns a chapter's blocks into its canonical HTML.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from editor.text.richtext import LINE_BREAK, Block, Run, serialize

if TYPE_CHECKING:
    from editor.formats.importers.header import Part, WorkFields

Line = list[Run]  # the runs of one line of a block
PAGE_BREAK = "page"  # a Block kind of our own: where a page break was (DOCX); never serialized


@dataclass(slots=True)
class Source:
    """One file as read: blocks, and what the reader knows about its layout."""

    name: str
    blocks: list[Block] = field(default_factory=list)
    encoding: str | None = None  # text files only
    # Plain text with one paragraph per line: a block's lines become paragraphs once the
    # header is read (header fields may span lines of one block).
    lines_are_paragraphs: bool = False
    # A file whose own layout says what is what (an AO3 download): its fields and chapters.
    structured: tuple[WorkFields, list[Part]] | None = None
    warnings: list[str] = field(default_factory=list)  # for the author: what was not read


# -- lines ---------------------------------------------------------------------------


def lines_of(block: Block) -> list[Line]:
    """A block's runs cut at its line breaks (formatting kept)."""
    lines: list[Line] = [[]]
    for run in block.runs:
        parts = run.text.split(LINE_BREAK)
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                lines[-1].append(Run(part, run.marks, run.href))
    return lines


def text_of(line: Line) -> str:
    return "".join(r.text for r in line)


def block_of(lines: list[Line], like: Block) -> Block:
    """A block like ``like`` (kind, alignment, quote) holding ``lines``."""
    runs: list[Run] = []
    for i, line in enumerate(lines):
        if i:
            runs.append(Run(LINE_BREAK))
        runs.extend(line)
    return Block(like.kind, runs, like.align, like.quote, like.list_type)


def slice_line(line: Line, start: int, end: int | None = None) -> Line:
    """The runs of ``line`` from character ``start`` to ``end`` of its text."""
    stop = len(text_of(line)) if end is None else end
    out: Line = []
    pos = 0
    for run in line:
        run_end = pos + len(run.text)
        if run_end > start and pos < stop:
            out.append(Run(run.text[max(start - pos, 0) : stop - pos], run.marks, run.href))
        pos = run_end
    return out


def strip_line(line: Line) -> Line:
    text = text_of(line)
    start = len(text) - len(text.lstrip())
    return slice_line(line, start, len(text.rstrip()))


def is_blank(block: Block) -> bool:
    return block.kind != "hr" and not block.text().strip()


# -- scene breaks -----------------------------------------------------------------------

# A line of only symbols ("***", "* * *", "~~~", "-x-", "oOo", "xXx", "§"), as authors mark a
# scene break. Letters count only in the usual decorations, never in a word: "xxx" may be kisses.
# No letters or digits among the symbols: "0.00" and "O..." are words.
# Drawn with: ASCII marks, arrows, math stars (⋆ ∗ ∘), box drawing (═), blocks, shapes (◇ ●),
# symbols (★ ♡ ☾) and dingbats (✦ ❀ ❦).
_GLYPHS = "\u2190-\u21ff\u2217-\u2219\u22c4-\u22c6\u2500-\u27bf\u2e2a-\u2e2d⁂§※°"
_DRAWN = rf"[*~#=_+•·{_GLYPHS}\-–—./\\|<>^]"
_EDGE = rf"[*~#=_+•·{_GLYPHS}\-–—/\\|<>^]"  # and no dots either side of an "x"
_SCENE_BREAK = re.compile(
    rf"^(?:{_DRAWN}\s*){{3,}}$"
    r"|^[*#~§⁂❦※✦✧❖◇◆★☆❀✿❁]$"
    rf"|^(?:{_DRAWN}\s*)*(?:(?:x+X+)+x+|(?:X+x+)+X+|(?:o+O+)+o+|(?:O+o+)+O+|o0o|0o0)"
    rf"(?:\s*{_DRAWN})*$"
    rf"|^{_EDGE}+\s*[xX]\s*{_EDGE}+$"  # "-x-", "~x~"; not a quoted "X!" nor X in invisibles
    r"|^(?:[xXoO0]\s?[-~*.+=]\s?){2,}[xXoO0]$"  # "x-x-x", "o~O~o", "x.X.x"
)
_HAS_SYMBOL = re.compile(r"[^\w\s]|xXx|XxX|oOo|OoO|o0o|0o0")


# "o(-)o(-)o", "-o-o-o-", "x~x~x": little o's and x's strung on symbols (never "xoxo~").
_STRUNG = re.compile(r"(?:[oO0xX]{1,3}|[^\w\s,;:!?'\"]+|\s)+")
_STRUNG_LETTERS = re.compile(r"[oO0xX]+")


def is_scene_break(text: str) -> bool:
    text = text.strip()
    # "...", "ooo" or "000" alone are words or an ellipsis, not a break.
    if (
        bool(text)
        and bool(_SCENE_BREAK.match(text))
        and bool(_HAS_SYMBOL.search(text))
        and (text.strip(".") != "" or len(text) > 5)
    ):
        return True
    return (
        len(text) <= 80
        and bool(_STRUNG.fullmatch(text))
        and len(_STRUNG_LETTERS.findall(text)) >= 2
        and all(len(run) <= 3 for run in _STRUNG_LETTERS.findall(text))
        and sum(1 for c in text if not c.isalnum() and not c.isspace()) >= 2
    )


def is_separator(block: Block) -> bool:
    """A rule or a symbol line: what parts a header from the story, or two scenes."""
    return block.kind == "hr" or (block.kind == "p" and is_scene_break(block.text()))


# -- chapter headings ----------------------------------------------------------------------

_NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)  # fmt: skip
_UNITS = "|".join(_NUMBER_WORDS[:9])
_NUMBER = rf"\d{{1,4}}|[ivxlc]{{1,8}}|(?:{'|'.join(_NUMBER_WORDS)})(?:[\s-](?:{_UNITS}))?"
_SEP = r"\s*[:.\-–—|,]\s*"
_MARKERS = "*_#=~ \t"
# The word for a chapter in the languages fic sites serve; "part" only with a number after it.
_CHAPTER_WORDS = (
    r"chapter|chap\.?|ch\.?|part|kapitel|teil|cap[ií]tulo|cap\.?|chapitre|capitolo|parte|"
    r"hoofdstuk|rozdział|глава"
)
_CHAPTER = re.compile(
    # "Chapter1" and "Ch. 2" but not "Chi": a number word needs a space or a point first.
    rf"^(?:\d{{1,4}}\.\s+)?(?:{_CHAPTER_WORDS})(?:\s+|(?<=\.)|(?=\d))(?P<num>{_NUMBER})\.?"
    rf"(?:\s*(?:of|/|von|de|di|sur)\s*(?P<of>\d{{1,4}}|\?))?"
    rf"(?:(?P<sep>{_SEP}|\s+)(?P<title>.*\S))?\s*[:.\-–—]?$",
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"^(?P<name>prologue|epilogue|interlude|prolog|epilog|pr[óo]logo|ep[íi]logo|prologo|"
    rf"epilogo|épilogue|intermezzo|bonus chapter|omake|side story|extra chapter|special chapter)"
    rf"(?:{_SEP}(?P<title>.*\S))?$",
    re.IGNORECASE,
)
# Decorations around a heading: "[Chapter 1] - Title", "~Chapter 2~", "- Prologue -", "~*~".
_WRAP = "[]()~*-–—=•·.:|<>«»#_ \t"
_BRACKETED = re.compile(r"^[\[(](?P<inner>[^\])]{1,40})[\])]\s*(?P<rest>.*)$")
_WORD_VALUES = {w: (i + 1 if i < 19 else (i - 17) * 10) for i, w in enumerate(_NUMBER_WORDS)}
_WORD_VALUES["zero"] = 0  # "Zero: A Single Step", a prologue by another name
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


@dataclass(frozen=True, slots=True)
class Heading:
    """A chapter heading line: "Chapter 3: The Storm", "Chapter 1 of 2", "Prologue"."""

    title: str  # "" for a bare "Chapter 3"
    number: int | None = None
    expected: int | None = None  # "of 2"; None when not given or "?"
    of_total: bool = False  # the line said "of N" or "N/M"


def _number(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    if text in _WORD_VALUES:
        return _WORD_VALUES[text]
    parts = re.split(r"[\s-]", text)
    if len(parts) == 2 and all(p in _WORD_VALUES for p in parts):
        return _WORD_VALUES[parts[0]] + _WORD_VALUES[parts[1]]
    if all(c in _ROMAN for c in text):
        total = 0
        for a, b in zip(text, text[1:] + " ", strict=True):
            value = _ROMAN[a]
            total += -value if b in _ROMAN and _ROMAN[b] > value else value
        return total
    return None


def unmarked(text: str) -> str:
    """A line without Markdown-ish emphasis or heading markers around it."""
    return text.strip().strip(_MARKERS).strip()


_STYLED = re.compile("[\U0001d400-\U0001d7ff\uff01-\uff5e]+")


def plain_letters(text: str) -> str:
    """Styled Unicode letters (𝘊𝘩𝘢𝘱𝘵𝘦𝘳, 𝐂𝐡𝐚𝐩𝐭𝐞𝐫, fullwidth) as the plain letters they style."""
    if text.isascii():
        return text
    return _STYLED.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def parse_heading(text: str, *, strict: bool = True) -> Heading | None:
    """The chapter heading a line is, if it is one.

    ``strict``: a title must follow a separator ("Chapter 1: Title"), so that a sentence such
    as "Chapter one was the hardest to write." is not a heading; a heading block
    (``<h2>``) may separate them with a space only.
    """
    line = unmarked(text)
    if not line or len(line) > 160 or _PART_LINKS.search(line):
        return None  # "[ Part 1 | Part 2 | Part 3 ]": the parts' links, not a heading
    line = plain_letters(line)
    m = _BRACKETED.match(line)
    # "[Chapter 1] - Title" may leave the brackets' words untitled; "(Part two tomorrow!)",
    # all in brackets, is read as strictly as a bare line
    bare = m is not None and not m.group("rest").strip(_WRAP)
    if m and (inner := _parse_bare(m.group("inner").strip(_WRAP), strict=strict and bare)):
        # "[Chapter 1] - Title": the title follows the brackets
        rest = m.group("rest").strip(_WRAP)
        if inner.title or not rest:
            return inner
        return Heading(rest, inner.number, inner.expected, inner.of_total)
    wrapped = line.strip(_WRAP)
    if wrapped != line and wrapped:
        # "~Chapter 2~", "- Prologue -", "~*~Chapter 2 of 5~*~": decorations on both sides
        head, tail = line[: line.index(wrapped[0])], line[line.rindex(wrapped[-1]) + 1 :]
        if head.strip() and tail.strip():
            return _parse_bare(wrapped, strict=strict)
    found = _parse_bare(line, strict=strict)
    if found is None:
        # In a heading block, "1. Lost Property" and "IV - The Owner" are chapters too; in
        # text only with a bar, as Wattpad titles its parts ("Seven | Glass Houses").
        m = (_NUMBERED if not strict else _PIPED).match(line) or _WORDED.match(line)
        number = _number(m.group("num").lower()) if m else None
        if m and number is not None:
            return Heading(m.group("title").strip(), number)
    return found


_PART_LINKS = re.compile(
    r"(?i)\b(?:part|chapter|ch\.?|kapitel|cap[ií]tulo|chapitre)\s*\d+\s*[|•·]\s*"
    r"(?:part|chapter|ch\.?|kapitel|cap[ií]tulo|chapitre)\s*\d+"
)
_NUMBERED = re.compile(
    r"^(?P<num>\d{1,3}|[IVXLC]{1,7})\s*[.):|\-–—]\s*(?P<title>[^\W\d_].{0,100})$"
)
# "Zero: A Single Step", "Twelve: The Long Night": a number in words and a titled title
_WORDED = re.compile(
    rf"(?i)^(?P<num>zero|{'|'.join(_NUMBER_WORDS)})\s*:\s+(?P<title>(?-i:[A-Z])[^.!?:]{{0,80}})$"
)
_PIPED = re.compile(
    rf"(?i)^(?P<num>\d{{1,3}}|[ivxlc]{{1,7}}|{_NUMBER})\s*\|\s*(?P<title>[^\W\d_][^|]{{0,100}})$"
)


def _parse_bare(line: str, *, strict: bool) -> Heading | None:
    m = _NAMED.match(line)
    if m:
        name = m.group("name").capitalize()
        title = m.group("title")
        return Heading(f"{name}: {unmarked(title)}" if title else name)
    m = _CHAPTER.match(line)
    if m is None:
        return None
    number = _number(m.group("num"))
    if number is None:
        return None
    title = unmarked(m.group("title") or "").strip(" -–—:|")
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()  # "Chapter 3: Title." (seen on FFN)
    if title and strict and not (m.group("sep") or "").strip():
        return None
    if title and strict and _sentence_like(title, line):
        return None  # "Chapter one: I started this on a train, sorry for the wait." is a note
    of = m.group("of")
    expected = int(of) if of and of.isdigit() else None
    return Heading(title, number, expected, of_total=of is not None)


_SENTENCE = re.compile(r"[.!?]\s+\S")


def _sentence_like(title: str, line: str) -> bool:
    """ "Four is dedicated to A, B and C." after "Chapter Fifty-": a sentence, not a title."""
    words = title.split()
    if _SENTENCE.search(title) and len(words) > 8:
        return True
    line = line.rstrip()
    return len(words) > 5 and line.endswith((".", "!", "?")) and not line.endswith("...")


# -- splitting -----------------------------------------------------------------------------


@dataclass(slots=True)
class Section:
    """A chapter found by splitting: its heading line and its blocks."""

    title: str
    blocks: list[Block]
    source_line: str = ""  # the heading as written ("" when there was none)
    heading: Heading | None = None


@dataclass(slots=True)
class Split:
    front: list[Block]  # before the first heading
    sections: list[Section]
    title: str = ""  # a lone heading at the very top: the work's (or the file's) title
    title_line: str = ""


def _heading_at(block: Block) -> tuple[Heading, str, list[Line]] | None:
    """The chapter heading a block starts with, the line as written, and the lines after."""
    if block.kind not in ("p", "h2", "h3", "h4"):
        return None
    lines = lines_of(block)
    first = text_of(lines[0]) if lines else ""
    heading = parse_heading(first, strict=block.kind == "p")
    if heading is None:
        return None
    return heading, first.strip(), lines[1:]


_NUMBER_FIRST = re.compile(rf"(?i)^(?:{_NUMBER})\s*[:.|\-–—]\s+(?=\S)")


def without_number(title: str) -> str:
    """ "Two: The Orchard Thief" under "Chapter 2 of 5" -> "The Orchard Thief"."""
    return _NUMBER_FIRST.sub("", title, count=1)


def _counts_apart(
    blocks: list[Block], marks: dict[int, tuple[Heading, str, list[Line]]]
) -> dict[int, tuple[Heading, str, list[Line]]]:
    """The marks without a "Chapter 3 of 8" line just under "Chapter Three: Ink and Brine":
    the count of the chapter it stands in, not a chapter of its own."""
    out: dict[int, tuple[Heading, str, list[Line]]] = {}
    last: tuple[int, Heading] | None = None
    for i, found in sorted(marks.items()):
        heading = found[0]
        if last is not None:
            at, above = last
            between = [b for b in blocks[at + 1 : i] if not is_blank(b)]
            near = len(between) <= 2
            counted = heading.of_total and not heading.title
            if near and counted and heading.number in (None, above.number):
                continue
            # "~*~ Chapter 2 of 5 ~*~" over "~ Two: The Orchard Thief ~": one chapter's heading
            same = heading.number == above.number is not None
            if near and same and (not above.title or heading.title == above.title):
                continue  # (or a page's heading, then the author's own one under their notes)
        out[i] = found
        last = (i, heading)
    return out


def split(blocks: list[Block], *, is_label: Callable[[str], bool] = lambda _: False) -> Split:
    """Cut blocks into chapters at chapter headings.

    Chapter headings ("Chapter 2: Title", "Prologue") win. Without any, document headings
    (``<h2>``-``<h4>``) of the highest level that occurs at least twice split. A document
    heading at the very top that is not a chapter's is a title, not a chapter. Without
    headings, page breaks (``PAGE_BREAK`` blocks) split. A heading that is only a label
    ("## Summary", "## Notes": ``is_label``) heads a field, not a chapter.
    """
    out = Split(front=[], sections=[])
    marks = _counts_apart(
        blocks, {i: found for i, b in enumerate(blocks) if (found := _heading_at(b))}
    )
    first = next((i for i, b in enumerate(blocks) if not is_blank(b)), None)
    kinds = [
        b.kind
        for b in blocks
        if b.kind in ("h2", "h3", "h4") and b.text().strip() and not is_label(b.text())
    ]
    if (
        first is not None
        and first not in marks
        and blocks[first].kind in ("h2", "h3", "h4")
        and (marks or kinds.count(blocks[first].kind) == 1)
    ):
        out.title = out.title_line = blocks[first].text().strip()
        blocks = blocks[first + 1 :]
        marks = {i - first - 1: m for i, m in marks.items()}
        kinds.remove(kinds[0])
    cuts: dict[int, Section] = {}
    if marks:
        for i, (heading, line, rest) in marks.items():
            text_after = [] if not any(text_of(r).strip() for r in rest) else rest
            cuts[i] = Section(heading.title, [], line, heading)
            if text_after:  # text on the heading's own block, without a blank line between
                cuts[i].blocks.append(block_of(text_after, Block("p", blocks[i].align)))
        return _cut(blocks, cuts, out)
    level = next((k for k in ("h2", "h3", "h4") if kinds.count(k) >= 2), None)
    if level:
        heads = [
            i
            for i, b in enumerate(blocks)
            if b.kind == level and b.text().strip() and not is_label(b.text())
        ]
        named: set[int] = set()
        for i, j in itertools.pairwise(heads):
            # "### I" over "### Where the River Bends": the number, then the chapter's title
            if _number(blocks[i].text().strip().strip(".:")) is not None and all(
                is_blank(b) for b in blocks[i + 1 : j]
            ):
                named.add(j)
        for i in heads:
            if i in named:
                continue
            nxt = next((j for j in heads if j > i), None)
            text = blocks[nxt].text().strip() if nxt in named else blocks[i].text().strip()
            cuts[i] = Section(text, [], text)
        return _cut(blocks, cuts, out, skip=named)
    text_seen = False
    for i, block in enumerate(blocks):
        if block.kind == PAGE_BREAK and text_seen:  # a break above everything splits nothing
            cuts[i] = Section("", [])
        text_seen = text_seen or not is_blank(block)
    return _cut(blocks, cuts, out)


def _cut(
    blocks: list[Block], cuts: dict[int, Section], out: Split, skip: set[int] | None = None
) -> Split:
    """``skip``: heading blocks taken into the section before them (as its title)."""
    current = out.front
    for i, block in enumerate(blocks):
        if skip and i in skip:
            continue
        if i in cuts:
            out.sections.append(cuts[i])
            current = cuts[i].blocks
            continue
        current.append(block)
    return out


# -- a chapter's text ------------------------------------------------------------------------


def paragraphs_from_lines(blocks: list[Block]) -> list[Block]:
    """Each line of each paragraph as a paragraph of its own (one-paragraph-per-line text)."""
    out: list[Block] = []
    for block in blocks:
        if block.kind != "p":
            out.append(block)
            continue
        out.extend(block_of([line], block) for line in lines_of(block))
    return out


def cut_at_headings(blocks: list[Block]) -> list[Block]:
    """Blocks cut before each line that is a chapter heading (one-paragraph-per-line text,
    where a heading need not follow a blank line)."""
    out: list[Block] = []
    for block in blocks:
        if block.kind != "p":
            out.append(block)
            continue
        lines = lines_of(block)
        start = 0
        for n, line in enumerate(lines):
            if n and parse_heading(text_of(line)) is not None:
                out.append(block_of(lines[start:n], block))
                start = n
        out.append(block_of(lines[start:], block) if start else block)
    return out


def finish(blocks: list[Block]) -> str:
    """A chapter's (or a field's) blocks as canonical HTML.

    Symbol lines become scene breaks; blank paragraphs, which only spaced the source, go, and
    so do rules at either end or twice in a row.
    """
    out: list[Block] = []
    for block in blocks:
        if block.kind == "hr":
            out.append(block)
            continue
        if block.kind != "p":
            if not is_blank(block):
                out.append(block)
            continue
        pending: list[Line] = []
        for line in lines_of(block):
            if is_scene_break(text_of(line)):
                if any(text_of(x).strip() for x in pending):
                    out.append(block_of(_trim(pending), block))
                pending = []
                out.append(Block("hr", quote=block.quote))
            else:
                pending.append(line)
        if any(text_of(x).strip() for x in pending):
            out.append(block_of(_trim(pending), block))
    kept: list[Block] = []
    for block in out:
        if block.kind == "hr" and (not kept or kept[-1].kind == "hr"):
            continue
        kept.append(block)
    while kept and kept[-1].kind == "hr":
        kept.pop()
    return serialize(kept)


def _trim(lines: list[Line]) -> list[Line]:
    """Without blank lines at either end."""
    start = 0
    while start < len(lines) and not text_of(lines[start]).strip():
        start += 1
    end = len(lines)
    while end > start and not text_of(lines[end - 1]).strip():
        end -= 1
    return lines[start:end]

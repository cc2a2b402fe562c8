"""Plain text (.txt): paragraphs, line breaks and hard-wrapped lines as an author meant them.

Three layouts are common and read differently:

- a blank line between paragraphs (what AO3 and FFN expect): a blank line starts a paragraph
  and a single newline is a line break, as on AO3 (poems and header blocks keep their lines);
- one paragraph per line, with no blank lines, or blank lines only between scenes (Word's
  "Save as plain text"): every line is a paragraph;
- lines hard-wrapped at a fixed width (email, old archives): a line that ran into the margin
  goes on in the next one, a short line ends where it ends.
"""

from __future__ import annotations

from collections.abc import Callable

from editor.formats.importers.decode import decode
from editor.formats.importers.header import is_key_line
from editor.formats.importers.own_layout import read_document
from editor.formats.importers.own_text import document_blocks
from editor.formats.importers.split import Source, parse_heading
from editor.text.richtext import LINE_BREAK, Block, Run

_PARAGRAPH_LINE = 100  # a line this long is a paragraph, not a verse or a header line


def read(name: str, data: bytes, check: Callable[[], None]) -> Source:
    decoded = decode(data, name)
    laid_out = document_blocks(decoded.text)  # a whole work as Ficwright writes it?
    own = read_document(name, laid_out, bold_labels=False) if laid_out else None
    if own is not None:
        own.encoding = decoded.encoding
        return own
    blocks, per_line = text_blocks(decoded.text)
    return Source(name, blocks, decoded.encoding, lines_are_paragraphs=per_line)


def text_blocks(text: str) -> tuple[list[Block], bool]:
    """Blocks of a plain text (lines kept as line breaks), and whether each line is a
    paragraph of its own (applied once the header is read: a header field may span lines)."""
    groups: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            groups[-1].append(" ".join(line.split()))
        elif groups[-1]:
            groups.append([])
    groups = [g for g in groups if g]
    lines = [line for group in groups for line in group]
    width = _wrap_width(groups)
    if width:
        groups = [_unwrapped(group, width) for group in groups]
    per_line = (len(groups) == 1 and len(lines) > 1) or any(
        len(group) > 1 and max(map(len, group)) > _PARAGRAPH_LINE for group in groups
    )
    blocks = [Block("p", [Run(LINE_BREAK.join(group))]) for group in groups]
    return blocks, per_line


def _wrap_width(groups: list[list[str]]) -> int | None:
    """The width the text was hard-wrapped at, or None when it was not."""
    inner = [line for group in groups for line in group[:-1]]  # lines that go on
    if len(groups) < 2 or len(inner) < 3:
        return None
    width = max(len(line) for group in groups for line in group)
    if not 40 <= width <= _PARAGRAPH_LINE:
        return None
    near = sum(1 for line in inner if len(line) >= width - 15)
    return width if near >= 0.6 * len(inner) else None


def _unwrapped(group: list[str], width: int) -> list[str]:
    out = [group[0]]
    for line in group[1:]:
        # Had the next word fitted, the author would have put it here: this break was meant.
        fits = len(out[-1]) + 1 + len(line.split()[0]) <= width
        if fits or is_key_line(line) or parse_heading(line) is not None:
            out.append(line)
        else:
            out[-1] += " " + line
    return out

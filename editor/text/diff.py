"""A word-level comparison of two versions of a text, for the Revisions and "what changed
since posted" views: what an author reads, not a line diff."""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

from editor.text.richtext import plain_text

# Words, runs of spaces and paragraph breaks, each a piece of its own: joined, the pieces
# give back the text, and words typed at a paragraph's end leave its last word unchanged.
_PIECE = re.compile(r"\n|[^\s]+|[^\S\n]+")


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # "same", "removed", "added"
    text: str


def word_diff(old: str, new: str) -> list[Change]:
    """The changes from ``old`` to ``new`` (both plain text), word by word."""
    a, b = _PIECE.findall(old), _PIECE.findall(new)
    out: list[Change] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(Change("same", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(Change("removed", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(Change("added", "".join(b[j1:j2])))
    return out


def diff_canonical(old: str, new: str) -> list[Change]:
    """The same for two canonical HTML bodies, compared as the text an author reads."""
    return word_diff(plain_text(old), plain_text(new))


def summary(changes: list[Change]) -> str:
    added = sum(len(c.text.split()) for c in changes if c.kind == "added")
    removed = sum(len(c.text.split()) for c in changes if c.kind == "removed")
    if not added and not removed:
        return "No changes."
    return f"{added:,} words added, {removed:,} removed."


def to_html(changes: list[Change]) -> str:
    """Rich text for a read-only view: removed words struck through in red, added in green."""
    parts: list[str] = []
    for i, change in enumerate(changes):
        text = html.escape(change.text).replace("\n", "<br />")
        if change.kind == "added" and i and changes[i - 1].kind == "removed":
            parts.append(" ")  # "three" replaced by "two": never run them into "threetwo"
        if change.kind == "removed":
            parts.append(f'<span style="color:#b3261e;text-decoration:line-through">{text}</span>')
        elif change.kind == "added":
            parts.append(f'<span style="color:#1b7f3b;text-decoration:underline">{text}</span>')
        else:
            parts.append(text)
    return "".join(parts)

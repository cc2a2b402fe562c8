"""Smart typography: curly quotes, em-dashes and ellipses, as a typesetter would set them.

``smarten`` works on a whole text (a paste), where the character after a quote is known;
``convert_typed`` works as the author types, where it is not, so a typed ``'90s`` opens
with ‘ (as in every word processor) while a pasted one gets the apostrophe. URLs, e-mail
addresses, `code spans` and ``key=value`` tokens are left as they are.
"""

from __future__ import annotations

import re

from editor.text.richtext import Run, parse, serialize

EM_DASH = "—"
ELLIPSIS = "…"
# Characters after which a quote opens: nothing, space, an opening bracket or quote.
_OPENERS = frozenset(" \t\n\xa0\u2028([{<“‘")
_DASHES = frozenset("—–-")
# Words that lose their first letters to an apostrophe: ’em, ’tis, rock ’n’ roll, ’90s.
_ELISION = re.compile(
    r"\d\d(?:s\b|\b)|(?:em|[Tt]is|[Tt]was|[Tt]were|[Tt]il|[Cc]ause|[Bb]out|[Nn]uff|n)(?![\w’'])"
    r"|n['’]"
)
_PROTECTED = re.compile(
    r"`[^`\n]*`"  # a code span
    r"|\b(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)[^\s<>\"“”]*[^\s<>\"“”'‘’.,;:!?)\]]"  # a URL
    r"|[\w.+-]+@[\w-]+\.[\w.-]+"  # an e-mail address
    r"|[^\s\"“”]*[=\\][^\s\"“”]*",  # code-ish: key=value, C:\path
    re.IGNORECASE,
)
_CANDIDATES = re.compile(r"-{4,}|---?|\.\.\.|[\"']")
_TYPED_KEYS = frozenset("\"'-.")
Edit = tuple[int, int, str]  # replace text[start:end] with the string


def smarten(text: str) -> str:
    """Straight quotes curly, ``--`` an em-dash, ``...`` an ellipsis."""
    return _apply(text, edits(text))


def edits(text: str) -> list[Edit]:
    """What ``smarten`` changes, in order, as (start, end, replacement)."""
    if not any(c in text for c in "\"'-."):
        return []
    protected = [m.span() for m in _PROTECTED.finditer(text)]
    out: list[Edit] = []
    p = 0  # index into protected
    last_end = -1
    last_char = ""  # what ends the text before the current match, after the edits so far
    for m in _CANDIDATES.finditer(text):
        start, end = m.span()
        while p < len(protected) and protected[p][1] <= start:
            p += 1
        if p < len(protected) and protected[p][0] <= start < protected[p][1]:
            continue
        token = m.group()
        prev = last_char if start == last_end else (text[start - 1] if start else "")
        if token == "...":
            replacement = ELLIPSIS
        elif token in ("--", "---"):
            replacement = EM_DASH
        elif token == '"':
            replacement = _double(prev, text[end : end + 1])
        elif token == "'":
            replacement = _single(prev, text[end : end + 16])
        else:
            continue  # a rule drawn with hyphens
        out.append((start, end, replacement))
        last_end, last_char = end, replacement[-1]
    return out


def _double(prev: str, nxt: str) -> str:
    if not prev or prev in _OPENERS:
        return "“"
    if prev in _DASHES:  # "I was going to—" closes; —"Go!" opens
        return "“" if nxt and (nxt.isalnum() or nxt in "‘'") else "”"
    return "”"


def _single(prev: str, after: str) -> str:
    if prev and (prev.isalnum() or (prev not in _OPENERS and prev not in _DASHES)):
        return "’"  # it's, Zack's, the Joneses', 'hi.'
    if _ELISION.match(after):
        return "’"  # ’em, ’90s, rock ’n’ roll
    if prev in _DASHES and not (after[:1].isalnum() or after[:1] in '"“'):
        return "’"
    return "‘"


def _apply(text: str, changes: list[Edit]) -> str:
    if not changes:
        return text
    parts: list[str] = []
    pos = 0
    for start, end, replacement in changes:
        parts.append(text[pos:start])
        parts.append(replacement)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def smarten_html(canonical: str) -> str:
    """``smarten`` on the text of canonical HTML: runs only, never tags or addresses.

    Each paragraph is read whole, so a quote closing after an italic word is still seen
    as closing."""
    blocks = parse(canonical)
    changed = False
    for block in blocks:
        if block.kind == "hr":
            continue
        text = block.text()
        changes = edits(text)
        if changes:
            block.runs = _apply_to_runs(block.runs, changes)
            changed = True
    return serialize(blocks) if changed else canonical


def _apply_to_runs(runs: list[Run], changes: list[Edit]) -> list[Run]:
    """Apply ``changes`` (offsets into the runs' joined text) run by run; a replacement
    goes to the run its first character is in."""
    out: list[Run] = []
    offset = 0
    k = 0
    for run in runs:
        start, end = offset, offset + len(run.text)
        offset = end
        parts: list[str] = []
        i = start
        while k < len(changes) and changes[k][0] < end:
            s, e, replacement = changes[k]
            if s < i:  # began in an earlier run: its remaining characters go
                i = min(e, end)
            else:
                parts.append(run.text[i - start : s - start])
                parts.append(replacement)
                i = min(e, end)
            if e > end:
                break  # goes on in the next run
            k += 1
        parts.append(run.text[i - start :])
        out.append(Run("".join(parts), run.marks, run.href))
    return out


# -- as the author types -----------------------------------------------------------


def convert_typed(before: str, typed: str) -> tuple[int, str] | None:
    """Typing ``typed`` after ``before`` (the paragraph up to the cursor): None to keep
    it, or (n, text) to replace the last n characters of ``before`` and ``typed`` by text.

    ``--`` and ``...`` convert on their last character; a third hyphen or fourth dot
    after straight ones (typed again after an undo) stays straight.
    """
    if typed not in _TYPED_KEYS:
        return None
    if _in_protected(before, typed):
        return None  # a URL or code being typed
    prev = before[-1:]
    if typed == "-":
        if before.endswith("-") and not before.endswith("--"):
            return 1, EM_DASH
        return None
    if typed == ".":
        if before.endswith("..") and not before.endswith("..."):
            return 2, ELLIPSIS
        return None
    if typed == '"':
        # Typing on, the next character is unknown: after a dash a quote usually closes
        # interrupted speech ("I was going to—").
        return 0, "“" if not prev or prev in _OPENERS else "”"
    return 0, "‘" if not prev or prev in _OPENERS else "’"


def _in_protected(before: str, typed: str) -> bool:
    """Whether ``typed`` goes on a URL, address or code token that ends ``before``."""
    words = before.split()
    if not words or before[-1].isspace():
        return False
    word = words[-1]
    match = _PROTECTED.match(word + typed + "x")  # "x": a URL being typed is still one
    return match is not None and match.end() >= len(word)


def replacement_for(before: str, typed: str) -> str | None:
    """The text that replaces ``typed`` and the straight characters it completes (one
    hyphen for ``--``, two full stops for ``...``); None to keep what was typed."""
    change = convert_typed(before, typed)
    return None if change is None else change[1]

"""Find and replace in text and in canonical HTML bodies (no Qt, no storage).

A search is described by ``FindOptions`` and compiled once by ``compile_pattern``; a pattern
the author typed that cannot run raises ``FindError`` with a message fit to show them.

In a canonical body, matching happens on the text of each block (paragraph, heading, list
item) with its formatting ignored: "Cloud" is found in ``<em>Clo</em>ud``. A match never
crosses from one block into the next, and only text is ever replaced: tags and attributes
(a link's address, say) are never searched or touched.

Offsets (``Match.start``/``end``) are in the plain text of the body as
``richtext.plain_text`` gives it: one line per block, a ``<br />`` as a newline.

A match of nothing (a regex such as ``^``, ``\\b`` or ``x*`` where no "x" is) is skipped, both
when finding and when replacing: a replace never inserts text out of nowhere, and the number
of matches found is always the number replaced.

Patterns are checked (and their errors worded) by ``re``, then run by the ``regex`` module in
its re-compatible mode: it can stop a match that runs too long, where ``re`` would freeze the
window for minutes on a pattern like ``(\\w+\\s?)+!``. One compiled ``Pattern`` may spend
``TIME_LIMIT`` seconds matching in all, however many bodies it searches.
"""

from __future__ import annotations

import html
import re
import time
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.text.richtext import Run, clean_text, parse, serialize

if TYPE_CHECKING:  # imported on the first search: ~20 ms the window's start does not pay
    import regex

CONTEXT = 40  # characters of context either side of a match, before trimming to a word
TIME_LIMIT = 2.0  # seconds of matching one search or replace may take, all bodies together


class FindError(ValueError):
    """A search or replacement the author typed cannot run; the message says why."""


class FindTimeout(FindError):
    """The pattern took longer than TIME_LIMIT: the search or replace was stopped."""

    def __init__(self) -> None:
        super().__init__("This pattern takes too long; simplify it.")


@dataclass(frozen=True, slots=True)
class FindOptions:
    pattern: str
    regex: bool = False  # Python regular expressions; otherwise the pattern is literal text
    whole_word: bool = False  # "Zack" does not match inside "Zackary"
    match_case: bool = False
    preserve_case: bool = False  # the replacement follows the case of the text it replaces


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    text: str
    context_before: str  # up to ~CONTEXT characters of the same line, from a word start
    context_after: str  # likewise, up to a word end


# -- compiling ---------------------------------------------------------------------------

# Inline global flags must open the expression, so they stay in front of the whole-word guard.
_GLOBAL_FLAGS = re.compile(r"\A(?:\(\?[aiLmsux]+\))+")
# Whole word: no word character may touch the match, on a side where the match itself
# begins (or ends) with a word character. "-Zack" is then still found in "x-Zack".
_WORD_START = r"(?:(?<!\w)|(?=\W))"
_WORD_END = r"(?:(?!\w)|(?<=\W))"


class Pattern:
    """A compiled search that raises FindTimeout once its matching has taken TIME_LIMIT."""

    def __init__(self, compiled: regex.Pattern[str], limit: float) -> None:
        self._compiled = compiled
        self._left = limit  # seconds of matching still allowed

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        found = self._compiled.finditer(text, timeout=self._timeout())
        while True:
            started = time.monotonic()
            try:
                m = next(found)
            except StopIteration:
                return
            except TimeoutError as e:
                raise FindTimeout() from e
            finally:
                self._left -= time.monotonic() - started
            yield m

    def search(self, text: str) -> regex.Match[str] | None:
        started = time.monotonic()
        try:
            return self._compiled.search(text, timeout=self._timeout())
        except TimeoutError as e:
            raise FindTimeout() from e
        finally:
            self._left -= time.monotonic() - started

    def _timeout(self) -> float:
        if self._left <= 0:
            raise FindTimeout()
        return self._left


def compile_pattern(options: FindOptions) -> Pattern:
    """The search to run, or FindError with a message for the author.

    ``^`` and ``$`` match at the start and end of each line (paragraph or line break).
    """
    import regex

    checked = _re_pattern(options)
    flags = regex.VERSION0 | regex.MULTILINE | (0 if options.match_case else regex.IGNORECASE)
    try:
        compiled = regex.compile(checked.pattern, flags)
    except (regex.error, OverflowError, RecursionError) as e:  # valid for re, not for regex
        raise FindError(f"“{options.pattern}” cannot be searched for: {e}.") from e
    return Pattern(compiled, TIME_LIMIT)


def _re_pattern(options: FindOptions) -> re.Pattern[str]:
    """The pattern as ``re`` compiles it: what is valid, and the author's error messages."""
    if not options.pattern:
        raise FindError("Type the text to find.")
    source = options.pattern if options.regex else re.escape(options.pattern)
    flags = re.MULTILINE | (0 if options.match_case else re.IGNORECASE)
    if options.regex:
        # Checked on its own first, so a mistake is reported where the author made it.
        _compile(source, flags, options.pattern)
    if options.whole_word:
        leading = _GLOBAL_FLAGS.match(source)
        head = leading.group() if leading else ""
        source = f"{head}{_WORD_START}(?:{source[len(head) :]}){_WORD_END}"
    return _compile(source, flags, options.pattern)


def _compile(source: str, flags: int, typed: str) -> re.Pattern[str]:
    try:
        return re.compile(source, flags)
    except re.error as e:
        where = f" (at character {e.pos + 1})" if e.pos is not None else ""
        raise FindError(f"“{typed}” is not a valid regular expression: {e.msg}{where}.") from e
    except (OverflowError, RecursionError) as e:  # a{99999999999}, or nesting too deep
        raise FindError(f"“{typed}” is too large or too deeply nested to search for.") from e


def check_replacement(options: FindOptions, replace: str) -> None:
    """Raise FindError now if ``replace`` refers to groups the pattern does not have.

    For a dialog to call before anything is replaced; literal replacements always pass.
    """
    if options.regex:
        pattern = _re_pattern(options)
        try:
            pattern.sub(replace, "")  # re parses the template even when nothing matches
        except (re.error, IndexError) as e:
            raise FindError(_replacement_message(replace, e)) from e


def _replacement_message(replace: str, error: Exception) -> str:
    import regex

    detail = error.msg if isinstance(error, (re.error, regex.error)) else str(error)
    return f"The replacement “{replace}” cannot be used: {detail}."


# -- plain text ----------------------------------------------------------------------------


def find_in_text(text: str, options: FindOptions) -> list[Match]:
    """Every non-empty match in ``text``, in order, with its context."""
    return _find(compile_pattern(options), text, 0)


def _find(pattern: Pattern, text: str, offset: int) -> list[Match]:
    found: list[Match] = []
    for m in pattern.finditer(text):
        start, end = m.span()
        if start == end:
            continue
        before, after = _context(text, start, end)
        found.append(Match(start + offset, end + offset, m.group(), before, after))
    return found


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """Text either side of a match on its own line, cut at a word boundary when it can be."""
    line_start = text.rfind("\n", 0, start) + 1
    lo = max(line_start, start - CONTEXT)
    if lo > line_start and text[lo - 1].isalnum() and text[lo].isalnum():
        space = re.search(r"\s", text[lo:start])
        if space:  # a window that is one long word is shown cut rather than not at all
            lo += space.end()
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    hi = min(line_end, end + CONTEXT)
    if hi < line_end and text[hi - 1].isalnum() and text[hi].isalnum():
        spaces = [s.start() for s in re.finditer(r"\s", text[end:hi])]
        if spaces:
            hi = end + spaces[-1]
    return text[lo:start], text[end:hi]


# -- replacement text ------------------------------------------------------------------------


def replacement_text(match: regex.Match[str], replace: str, options: FindOptions) -> str:
    """What replaces one match: ``\\1`` and ``\\g<name>`` expanded in regex mode, then the
    matched text's case applied when preserving case."""
    if options.regex:
        import regex  # loaded already: ``match`` is one of its matches

        try:
            text = match.expand(replace)
        except (re.error, regex.error, IndexError) as e:
            raise FindError(_replacement_message(replace, e)) from e
    else:
        text = replace
    return _case_like(match.group(), text) if options.preserve_case else text


def _case_like(found: str, text: str) -> str:
    """``text`` in the case pattern of ``found``: all lower, all caps or Title; else as typed."""
    cased = [c for c in found if c.islower() or c.isupper()]
    if not cased:
        return text
    if len(cased) > 1 and all(c.isupper() for c in cased):
        return text.upper()
    if all(c.islower() for c in cased):
        return text.lower()
    words = found.split()
    if all(_is_title_word(w) for w in words):
        if len(words) > 1:  # "Cloud Strife" -> "Tifa Lockhart"
            return re.sub(r"\S+", lambda w: _capitalized(w.group()), text)
        return _capitalized(text)  # "Cloud went" -> "The ex-soldier went", not "The Ex-Soldier"
    return text


def _is_title_word(word: str) -> bool:
    cased = [c for c in word if c.islower() or c.isupper()]
    return not cased or (cased[0].isupper() and all(c.islower() for c in cased[1:]))


def _capitalized(text: str) -> str:
    """The first cased letter made a capital, the rest as typed ("mcCloud" -> "McCloud")."""
    for i, c in enumerate(text):
        if c.islower() or c.isupper():
            return text[:i] + c.title() + text[i + 1 :]  # title(): "ǆ" -> "ǅ", not "Ǆ"
    return text


# -- canonical HTML ------------------------------------------------------------------------

_INLINE_TAG = re.compile(r"</?(?:a|strong|em|u|s|sup|sub)(?:\s[^>]*)?>")
_ANY_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def _rough_text(canonical: str) -> str:
    """The body's text with every block on its own line(s): cheap, without parsing.

    Holds every block's text unbroken, so a literal pattern not found here is not in the body.
    """
    return html.unescape(_ANY_TAG.sub("\n", _INLINE_TAG.sub("", canonical)))


def _may_match(pattern: Pattern, canonical: str, options: FindOptions) -> bool:
    # Only literal patterns are pre-checked: a regex may anchor on \A or look behind for a
    # newline, and would then match a block alone but not the rough text.
    if not canonical:
        return False
    return options.regex or pattern.search(_rough_text(canonical)) is not None


def find_in_canonical(
    canonical: str, options: FindOptions, pattern: Pattern | None = None
) -> list[Match]:
    """Every match in a canonical body, with offsets in its plain text (see module doc).

    ``pattern``: ``options`` compiled once for many bodies, so they share one time limit.
    """
    pattern = compile_pattern(options) if pattern is None else pattern
    if not _may_match(pattern, canonical, options):
        return []
    lines = ["" if b.kind == "hr" else clean_text(b.text()) for b in parse(canonical)]
    # plain_text drops leading empty lines; offsets count from what it keeps.
    joined = "\n".join(lines)
    offset = -(len(joined) - len(joined.lstrip("\n")))
    found: list[Match] = []
    for line in lines:
        found.extend(_find(pattern, line, offset))
        offset += len(line) + 1
    return found


def replace_in_canonical(
    canonical: str, options: FindOptions, replace: str, pattern: Pattern | None = None
) -> tuple[str, int]:
    """Replace every match in a canonical body; returns (new canonical body, matches replaced).

    A replacement takes the formatting (marks and link) of the first character of its match.
    A body with no match, or where every replacement equals what it replaces, is returned
    as it was, byte for byte. ``pattern`` as for ``find_in_canonical``.
    """
    pattern = compile_pattern(options) if pattern is None else pattern
    if not _may_match(pattern, canonical, options):
        return canonical, 0
    blocks = parse(canonical)
    count = 0
    changed = False
    for block in blocks:
        if block.kind == "hr":
            continue
        runs = [Run(t, r.marks, r.href) for r in block.runs if (t := clean_text(r.text))]
        text = "".join(r.text for r in runs)
        starts = _run_starts(runs)
        new_runs: list[Run] = []
        done = 0  # text before this offset is already in new_runs
        for m in pattern.finditer(text):
            start, end = m.span()
            if start == end:
                continue
            count += 1
            new = replacement_text(m, replace, options)
            if new == m.group():  # keeps the match's own formatting, character by character
                continue
            new_runs.extend(_slice(runs, starts, done, start))
            first = runs[bisect_right(starts, start) - 1]
            new_runs.append(Run(new, first.marks, first.href))
            done = end
        if done:
            new_runs.extend(_slice(runs, starts, done, len(text)))
            block.runs = new_runs
            changed = True
    return (serialize(blocks) if changed else canonical), count


def _run_starts(runs: list[Run]) -> list[int]:
    starts: list[int] = []
    at = 0
    for run in runs:
        starts.append(at)
        at += len(run.text)
    return starts


def _slice(runs: list[Run], starts: list[int], lo: int, hi: int) -> list[Run]:
    """The runs covering text[lo:hi], cut to it, formatting kept."""
    pieces: list[Run] = []
    if lo >= hi:
        return pieces
    for i in range(max(0, bisect_right(starts, lo) - 1), len(runs)):
        run_start = starts[i]
        if run_start >= hi:
            break
        run = runs[i]
        a, b = max(lo, run_start) - run_start, min(hi, run_start + len(run.text)) - run_start
        if a < b:
            pieces.append(
                run if (a, b) == (0, len(run.text)) else Run(run.text[a:b], run.marks, run.href)
            )
    return pieces

"""The words of a text that a spellchecker should look at, with where they are.

Fiction is hard on tokenizers: apostrophes are also quote marks (‘hi’ vs ’til vs dogs’),
contractions are words (could’ve), a possessive is its stem plus ’s, and dialogue is full of
dashes, ellipses, URLs in author's notes and numbers. The rules, in short:

- A word is a run of letters, joined by apostrophes (' ’ ‘ ʼ): "could’ve", "o'clock".
  Hyphens, dashes, ellipses, slashes and underscores separate ("well-known" -> well, known).
- A trailing 's is a possessive: it is left out of the token ("Zack’s" -> Zack). A trailing
  apostrophe is a closing quote or a plural possessive and is left out too ("dogs’" -> dogs),
  except after "in", where it is a dropped g and stays ("nothin’").
- A leading apostrophe stays only for the common elisions ('em, ’til, 'cause...); otherwise
  it is an opening quote.
- Never checked: anything with a digit (1990s, 3am, 2nd), URLs, e-mail addresses, bare
  domains (ao3.org) and @handles.

``Token.word`` is ``text[start:end]`` with apostrophes made straight, soft hyphens dropped
and combining marks composed (NFC); its case is kept. So replacing ``text[start:end]`` with
a suggestion keeps a possessive or a closing quote that follows.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from editor.text.unicode_marks import WORD_CONTINUE_RANGES


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # str offset in the text given
    end: int
    word: str  # the form to look up


APOSTROPHES = "'’‘ʼ"
_A = "['’‘ʼ]"
# Superscripts, fractions, Roman and circled numerals are "word" characters to re but not
# letters: footnote marks ("word¹") and ½ separate words like punctuation.
_NUM = (
    "\u00b2\u00b3\u00b9\u00bc-\u00be\u2070\u2074-\u2079\u2080-\u2089"
    "\u2150-\u2189\u2460-\u24ff\u2776-\u2793"
)
_L = rf"[^\W\d_{_NUM}]"  # a letter (any script)
_W = rf"[^\W_{_NUM}]"  # a letter or digit: what may not touch a word's edges

# Elisions spelled with a leading apostrophe; otherwise a leading apostrophe opens a quote.
LEADING_ELISIONS = (
    "em",
    "til",
    "tis",
    "twas",
    "twere",
    "twould",
    "cause",
    "cos",
    "coz",
    "bout",
    "round",
    "nuff",
    "kay",
    "sup",
    "fraid",
    "cept",
    "neath",
    "gainst",
    "mongst",
    "ere",
    "n",
    "s",
    "t",  # Dutch 't, 's
)

# Common top-level domains: enough for the links authors put in notes (ao3.org,
# archiveofourown.org, tumblr.com, ko-fi.com, discord.gg) while "no.It" or "me.So", a
# missing space in prose, still gets checked.
_TLDS = (
    "com|org|net|edu|gov|mil|int|info|biz|io|co|uk|de|fr|es|nl|ru|jp|cn|kr|ca|au|nz|eu|ch|"
    "se|dk|fi|pl|cz|br|mx|ar|pt|gg|tv|ly|fm|app|dev|xyz|site|online|blog|page|social|art"
)
_STOP = r"""[^\s<>"“”‘’«»]"""  # a URL runs to the next space or quote mark

_SKIP = (
    rf"(?:https?|ftp|file)://{_STOP}*"
    rf"|mailto:{_STOP}+"
    rf"|www\.{_STOP}+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    rf"|(?<!{_W})@\w+"  # @handle
    rf"|(?:{_W}[\w-]*\.)+(?i:{_TLDS})(?![\w-]|\.\w)(?:/{_STOP}*)?"  # bare domain, path
)


def _pattern(letter: str) -> re.Pattern[str]:
    word = (
        # a leading apostrophe, only for an elision
        rf"(?:(?<!{_W}){_A}(?=(?i:{'|'.join(LEADING_ELISIONS)})(?![\w'’‘ʼ])))?"
        rf"{letter}+"
        # apostrophe-joined parts, but not a final 's (the possessive, left out)
        rf"(?:{_A}(?![sS](?!{letter})){letter}+)*"
        # a dropped g: nothin’
        rf"(?:(?<=[iI][nN]){_A}(?!{_W}))?"
    )
    # A word may not touch a letter or digit on either side, so letters next to digits
    # (1990s, 3am, R2) never match as a word of their own. A possessive 's is matched but
    # left out of the word.
    return re.compile(rf"(?P<skip>{_SKIP})|(?<!{_W})(?P<word>{word})(?:{_A}[sS])?(?!{_W})")


_WORD = _pattern(_L)
_MARKS = frozenset(chr(c) for a, b in WORD_CONTINUE_RANGES for c in range(a, b + 1))


@functools.cache
def _word_with_marks() -> re.Pattern[str]:
    # Combining marks (NFD accents), joiners and the soft hyphen continue a word. The class
    # is slow to compile and to match, so only text that holds such a mark uses it.
    marks = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in WORD_CONTINUE_RANGES
    )
    return _pattern(rf"(?:{_L}[{marks}]*)")


_STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00ad": None})


def normal_form(word: str) -> str:
    """Straight apostrophes, no soft hyphens, composed accents: the form to look up."""
    word = word.translate(_STRAIGHTEN)
    return word if word.isascii() else unicodedata.normalize("NFC", word)


def pattern_for(text: str) -> re.Pattern[str]:
    return _WORD if _MARKS.isdisjoint(text) else _word_with_marks()


def spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for each word to check; the fast path under ``tokens``."""
    for m in pattern_for(text).finditer(text):
        word = m.group("word")
        if word is None:
            continue  # a URL, an address, a domain
        start, end = m.span("word")
        # ASCII letters need nothing; anything else may need straightening or composing
        # (even a lone compatibility ideograph changes under NFC).
        yield start, end, word if word.isascii() and word.isalpha() else normal_form(word)


def tokens(text: str) -> list[Token]:
    """The words to check, in order; skips what must never be checked."""
    return [Token(s, e, w) for s, e, w in spans(text)]

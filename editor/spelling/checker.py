"""Is this word spelled right? pyspellchecker's dictionaries plus what fiction needs.

Two halves with different costs:

- ``Dictionary`` (``load_dictionary``): the word list of one language, ~100-500 ms to load,
  so it is built on a worker thread. Read-only once built, so any thread may use it.
- ``Checker``: cheap, lives on the UI thread. It adds the work's names, the work's and the
  author's own words and the ignored words, and remembers every verdict: a word is judged
  once, then answered from a dict.

A word is known if, compared case-insensitively, it is in the dictionary or one of the word
lists, or it is a common contraction or sound ("could've", "hmm"), or a stretched form of a
known word ("Nooooo"). Shouting is checked like any word ("TEH" is flagged); an all-caps word
the dictionary lacks is accepted only if it is a known acronym ("FBI", "NPCs"). Proper names the
dictionary does not know are flagged on purpose: the work's names list is where they belong.
"""

from __future__ import annotations

import functools
import gzip
import itertools
import json
import re
import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path

from editor.model import WorkMeta
from editor.spelling.languages import ELISION_PREFIXES, language_code, wordset
from editor.spelling.tokenizer import Token, normal_form, pattern_for, tokens

__all__ = [
    "ENGLISH_VARIANTS",
    "Checker",
    "Dictionary",
    "language_code",
    "load_dictionary",
    "names_from_meta",
]

ENGLISH_VARIANTS = ("US", "GB")  # GB = British/Commonwealth
_VARIANT_ALIASES = {"UK": "GB", "BRITISH": "GB", "COMMONWEALTH": "GB", "EN-GB": "GB"}
SUGGESTION_CACHE_SIZE = 512

# -- words every language accepts, and English extras ---------------------------------

# Sounds people make in dialogue. Stretched forms ("hmmmm", "shhhh") are handled by the
# stretching rule, laughter ("hahaha") by a pattern.
SOUNDS = wordset(
    """hmm hm hmmm mm mmm mhm mmhm mhmm uh uhh um umm uhm er erm eh ah ahh aah oh ooh
    shh sh shush psst pfft pff psh pssh tsk tch tut ugh argh aargh gah bah hah heh huh
    eep eek ew eww meh bleh blah grr hmph humph oof ow ouch oi aw aww phew whew woah whoa
    mmph mph ngh nngh hng hngh ahem yay wah boo brr zzz lol ha hehe haha"""
)
_LAUGH = re.compile(r"a?h([aeiou])(?:h\1)+h?|([aeiou])h(?:\2h)+\2?")  # haha, ahahah, hehe

# English contractions and elisions pyspellchecker does not know (it knows "don't", "i'd",
# "y'all", "o'clock"). A word + 'll/'d/'ve/'re/'m is also known when the word is.
ENGLISH_EXTRAS = wordset(
    """could've should've would've might've must've may've y'know c'mon how'd where'd
    what'd why'd when'd there'd that'd how'll what'll there'll this'll that'll who'll
    what're who're where're there're how're why're 'em 'til 'tis 'twas 'twere 'twould
    'cause 'cos 'coz 'bout 'round 'nuff 'kay 'sup 'fraid 'cept 'neath 'gainst 'mongst
    'ere d'you d'ya li'l ma'am ain't
    ol lil pre un multi tryna gonna wanna gotta dunno kinda sorta lemme gimme
    etc vs mr mrs ms mx dr st jr sr prof approx viz cf ft lb lbs oz km kg cm mm hr hrs
    min mins sec secs"""
)  # the last lines: abbreviations as the tokenizer reads them ("etc.", "Mx.", "e.g." letters)
# Initialisms and acronyms pyspellchecker lacks, as written: accepted only in capitals (and
# with a plural "s"), so a shouted typo ("YUO", "WAHT") is still flagged. Others belong in
# the work's dictionary ("SOLDIER" and "OK" are dictionary words already).
ACRONYMS = wordset(
    """FBI CIA NSA NASA USA UK UN EU NYPD LAPD NYC LA DC BBC CNN TV DVD PC NPC HP MP XP RPG
    MMO MMORPG DNA IQ CEO VIP RSVP FAQ DIY GPS HQ UFO ATM ICU CPR EMT ER ENT MRI CT ECG EKG
    HIV AIDS ADHD OCD PTSD IV PDA KIA MIA POW AWOL MVP GM BC AD CGI USB PDF GIF LCD SIM CPU
    GPU SSD WWI WWII OMG WTF LOL BRB BTW IDK TBH IMO FYI JK SMH FTW IRL TLDR NSFW SMS AU OC
    OOC OTP POV PWP WIP AO FFN"""
)
_ENGLISH_SUFFIXES = frozenset({"ll", "d", "ve", "re", "m", "s"})
_RUN3 = re.compile(r"(.)\1{2,}")  # three or more of the same letter
_COMBINING = re.compile("[\u0300-\u036f\u064b-\u065f\u0670\u00ad\u200c\u200d\u0640]")


def normal_variant(variant: str | None) -> str:
    """An English variant as one of ENGLISH_VARIANTS; US when unset or unknown."""
    key = (variant or "US").strip().upper().replace("_", "-")
    key = _VARIANT_ALIASES.get(key, key)
    return key if key in ENGLISH_VARIANTS else "US"


# -- the dictionary -----------------------------------------------------------------


@functools.cache
def _variant_list(name: str) -> tuple[str, ...]:
    """A word list shipped in editor/resources/dictionaries (package data)."""
    text = (
        resources.files("editor")
        .joinpath("resources", "dictionaries", name)
        .read_text(encoding="utf-8")
    )
    return tuple(line.strip() for line in text.splitlines() if line.strip())


# British spelling -> the American one, to give a British-only word the frequency of its
# American twin (so "colr" suggests "colour" as eagerly as it would "color").
_GB_TO_US = (
    ("our", "or"),
    ("ise", "ize"),
    ("isa", "iza"),
    ("yse", "yze"),
    ("ysa", "yza"),
    ("tre", "ter"),
    ("ence", "ense"),
    ("ogue", "og"),
    ("ll", "l"),
    ("ae", "e"),
    ("oe", "e"),
    ("mme", "m"),
)
_DEFAULT_FREQUENCY = 100


def _twin_frequency(word: str, words: Mapping[str, int]) -> int:
    best = 0
    for gb, us in _GB_TO_US:
        start = word.find(gb)
        while start >= 0:
            best = max(best, words.get(word[:start] + us + word[start + len(gb) :], 0))
            start = word.find(gb, start + 1)
    return best or _DEFAULT_FREQUENCY


def _adjust_english(words: dict[str, int], variant: str) -> None:
    """Make pyspellchecker's (mostly American) English into the variant's.

    Only lowercase entries of the SCOWL lists are used: a capitalised entry is a place or
    a name ("Bend", "Auburn" are US-only as places) whose lowercase twin is a common word.
    """
    # en_GB-extra.txt: British forms SCOWL's American list also carries ("grey", "learnt").
    gb_only = [
        w
        for name in ("en_GB-only.txt", "en_GB-extra.txt")
        for w in _variant_list(name)
        if w.islower()
    ]
    us_only = [w for w in _variant_list("en_US-only.txt") if w.islower()]
    if variant == "GB":
        additions = {w: _twin_frequency(w, words) for w in gb_only if w not in words}
        for w in us_only:
            words.pop(w, None)
        words.update(additions)
    else:
        for w in gb_only:
            words.pop(w, None)


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def match_case(template: str, word: str) -> str:
    """``word`` in the capitalisation pattern of ``template`` ("Teh", "the" -> "The")."""
    if len(template) > 1 and template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class Dictionary:
    """One language's words with their frequencies. Read-only once built: thread-safe."""

    __slots__ = ("_letters", "_words", "code", "variant")

    def __init__(self, code: str, variant: str | None, words: dict[str, int], letters: str):
        self.code = code
        self.variant = variant
        self._words = words  # lowercase -> frequency
        self._letters = letters

    def __len__(self) -> int:
        return len(self._words)

    def contains(self, word: str) -> bool:
        return word.lower() in self._words

    def frequency(self, word: str) -> int:
        return self._words.get(word.lower(), 0)

    def _edits(self, word: str) -> set[str]:
        """Every string one delete, transpose, replace or insert away (Norvig)."""
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        letters = self._letters
        return {
            *(a + b[1:] for a, b in splits if b),
            *(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
            *(a + c + b[1:] for a, b in splits if b for c in letters),
            *(a + c + b for a, b in splits for c in letters),
        }

    def candidates(self, word: str, wanted: int = 8) -> list[tuple[int, str]]:
        """(distance, word) for known words within two edits of ``word`` (lowercase).

        Distance two is costly (~0.2 s for eight letters, ~0.5 s for twelve): it is tried
        when one edit finds fewer than three words, or fewer than ``wanted`` for a short word.
        """
        words = self._words
        first = self._edits(word)
        found = {w: 1 for w in first if w in words}
        if len(found) < 3 or (len(found) < wanted and len(word) <= 8):
            for e1 in first:
                for e2 in self._edits(e1):
                    if e2 in words and e2 not in found:
                        found[e2] = 2
        found.pop(word, None)
        return [(d, w) for w, d in found.items()]

    def suggestions(self, word: str, limit: int = 8) -> list[str]:
        """Best first: fewest edits, then the same letters but for accents, then the most
        frequent. In ``word``'s capitalisation."""
        lower = word.lower()
        plain = _strip_accents(lower)
        words = self._words
        ranked = sorted(
            (
                (d, _strip_accents(w) != plain, -words[w], w)
                for d, w in self.candidates(lower, limit)
                if len(w) > 1 or len(lower) <= 2  # single letters are noise in the lists
            ),
        )
        return [match_case(word, w) for *_, w in ranked[:limit]]


def load_dictionary(code: str, variant: str | None = None) -> Dictionary:
    """Build a dictionary (``language_code`` gives ``code``). No Qt; safe on any thread.

    ``variant`` matters for English only: "US" (the default) or "GB".
    """
    words, letters = _read_frequencies(code)
    if code == "en":
        variant = normal_variant(variant)
        _adjust_english(words, variant)
    else:
        variant = None
    return Dictionary(code, variant, words, "".join(sorted(letters)))


_SLICE = 4000  # entries parsed between two chances for the UI thread to run


def _read_frequencies(code: str) -> tuple[dict[str, int], set[str]]:
    """pyspellchecker's word list for ``code``: lowercase word -> frequency, and its letters.

    Read in slices, yielding the interpreter lock between them: one json.loads of the
    whole English list holds it for ~70 ms, a freeze for the UI thread that is drawing the
    window or taking keystrokes while this runs in a worker.
    """
    import spellchecker  # only workers pay for the import

    path = Path(spellchecker.__file__).parent / "resources" / f"{code}.json.gz"
    if not path.is_file():
        raise ValueError(f"pyspellchecker has no dictionary for {code!r}")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = f.read().splitlines()
    words: dict[str, int] = {}
    letters: set[str] = set()
    if not lines or lines[0].strip() != "{":  # not one entry per line: parse it whole
        pieces = [json.loads("\n".join(lines))]
    else:
        pieces = (
            "{" + "\n".join(lines[i : i + _SLICE]).strip().strip("{}").rstrip(",") + "}"
            for i in range(1, len(lines), _SLICE)
        )
    for piece in pieces:
        entries = json.loads(piece) if isinstance(piece, str) else piece
        for word, count in entries.items():
            key = word.lower()
            words[key] = words.get(key, 0) + int(count)
        letters.update("".join(entries))
        time.sleep(0)  # let the UI thread take the lock
    return words, letters


# -- the checker ----------------------------------------------------------------------


def _expand(words: Iterable[str]) -> dict[str, str]:
    """A word list as lookup forms -> the form as written.

    Each entry counts as written and as the tokenizer would split it, so "Jean-Luc" also
    accepts "Jean" and "Luc", and "Zack's" accepts "Zack".
    """
    forms: dict[str, str] = {}
    for entry in words:
        entry = entry.strip()
        if not entry:
            continue
        whole = normal_form(entry)
        forms.setdefault(whole.lower(), whole)
        for token in tokens(entry):
            forms.setdefault(token.word.lower(), token.word)
    return forms


_LISTS = ("work", "user", "ignored", "names")


class Checker:
    """Answers "is this word known?" for one work, from a cache after the first time."""

    def __init__(
        self,
        dictionary: Dictionary,
        *,
        work_words: Iterable[str] = (),
        user_words: Iterable[str] = (),
        ignored: Iterable[str] = (),
        names: Iterable[str] = (),
    ) -> None:
        self.dictionary = dictionary
        self.version = 0
        self._words = dictionary._words  # the hot lookup, without a method call
        english = dictionary.code == "en"
        self._extras = SOUNDS | ENGLISH_EXTRAS if english else SOUNDS
        self._suffixes = _ENGLISH_SUFFIXES if english else frozenset()
        self._elisions = ELISION_PREFIXES.get(dictionary.code, frozenset())
        self._lists: dict[str, dict[str, str]] = {kind: {} for kind in _LISTS}
        self._accepted: frozenset[str] = frozenset()
        self._offered: dict[str, str] = {}  # words a suggestion may name, lowercase -> written
        self._known: dict[str, bool] = {}
        self._suggested: OrderedDict[str, list[str]] = OrderedDict()
        self._lock = threading.Lock()  # guards _suggested: workers fill it
        for kind, words in zip(_LISTS, (work_words, user_words, ignored, names), strict=True):
            self._lists[kind] = _expand(words)
        self._rebuild()
        self.version = 0

    # -- word lists --------------------------------------------------------------

    def set_work_words(self, words: Iterable[str]) -> None:
        self._set("work", words)

    def set_user_words(self, words: Iterable[str]) -> None:
        self._set("user", words)

    def set_ignored(self, words: Iterable[str]) -> None:
        self._set("ignored", words)

    def set_names(self, words: Iterable[str]) -> None:
        self._set("names", words)

    def _set(self, kind: str, words: Iterable[str]) -> None:
        forms = _expand(words)
        if forms == self._lists[kind]:
            return  # nothing changed: keep the cache and the version
        self._lists[kind] = forms
        self._rebuild()

    def _rebuild(self) -> None:
        self._accepted = frozenset().union(*self._lists.values())
        # Ignored words are accepted in this work, but nothing should suggest them.
        # Only single words: a suggestion replaces one token ("Jean", not "Jean-Luc").
        self._offered = {
            k: v
            for kind in ("names", "work", "user")
            for k, v in self._lists[kind].items()
            if k.replace("'", "").isalpha()
        }
        self._known = {}
        with self._lock:
            self._suggested = OrderedDict()
        self.version += 1

    # -- checking ----------------------------------------------------------------

    def is_known(self, word: str) -> bool:
        """``word`` as ``Token.word`` gives it (apostrophes straight, possessive gone)."""
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = self._judge(word)
        return known

    def unknown(self, text: str) -> list[Token]:
        """The tokens of ``text`` that are not known, in order."""
        # tokens() inlined: a Token is made only for the few unknown words, and a 20,000-word
        # chapter is checked again on every pause in typing.
        cache = self._known
        judge = self._judge
        out: list[Token] = []
        for m in pattern_for(text).finditer(text):
            word = m.group("word")
            if word is None:
                continue
            if not word.isalpha():
                word = normal_form(word)
            known = cache.get(word)
            if known is None:
                known = cache[word] = judge(word)
            if not known:
                start, end = m.span("word")
                out.append(Token(start, end, word))
        return out

    def _judge(self, word: str) -> bool:
        if not word.isalpha():
            word = normal_form(word)  # a caller's "Zack’ll" is the tokenizer's "Zack'll"
        lower = word.lower()
        if len(word) == 1 or self._plain(lower):
            return True
        if _is_acronym(word):
            return True
        if "'" in lower and self._with_apostrophe(lower):
            return True
        if _RUN3.search(lower) and self._stretched(lower):
            return True
        if not lower.isalpha():
            # Combining marks and joiners the dictionary spells without (Arabic harakat).
            bare = _COMBINING.sub("", lower)
            if bare != lower and bare:
                return self._judge(bare)
        return False

    def _plain(self, lower: str) -> bool:
        return (
            lower in self._accepted
            or lower in self._words
            or lower in self._extras
            or _LAUGH.fullmatch(lower) is not None
        )

    def _with_apostrophe(self, lower: str) -> bool:
        if lower.startswith("'"):
            return bool(lower[1:]) and self._judge(lower[1:])
        if lower.endswith("'"):  # nothin', ol', closing quote after "in"
            stem = lower[:-1]
            return self._judge(stem) or (stem.endswith("in") and self._judge(stem + "g"))
        head, _, tail = lower.rpartition("'")
        if tail in self._suffixes and self._judge(head):  # "Zack'll", "Cloud'd've"
            return True
        first, _, rest = lower.partition("'")
        return first in self._elisions and bool(rest) and self._judge(rest)  # "l'homme"

    def _stretched(self, lower: str) -> bool:
        """ "nooooo", "yessss", "whaaaat": known if runs of 3+ letters cut to 1 or 2 are."""
        pieces = _RUN3.split(lower)  # text, letter, text, letter, ..., text
        runs = len(pieces) // 2
        choices = (
            itertools.product((1, 2), repeat=runs) if runs <= 4 else [(1,) * runs, (2,) * runs]
        )
        for counts in choices:
            out = [pieces[0]]
            for i, n in enumerate(counts):
                out.append(pieces[2 * i + 1] * n)
                out.append(pieces[2 * i + 2])
            if self._plain("".join(out)):
                return True
        return False

    # -- suggestions -------------------------------------------------------------

    def cached_suggestions(self, word: str) -> list[str] | None:
        with self._lock:
            found = self._suggested.get(word)
            if found is not None:
                self._suggested.move_to_end(word)
                return list(found)
        return None

    def suggestions(self, word: str, limit: int = 8) -> list[str]:
        """Best first, in ``word``'s capitalisation; the work's names come before
        dictionary words as far off. Cached; safe to call from a worker thread."""
        cached = self.cached_suggestions(word)
        if cached is not None:
            return cached[:limit]
        store = self._suggested  # a list change replaces it: a late result goes stale quietly
        found = self._compute_suggestions(word, max(limit, 8))
        with self._lock:
            store[word] = found
            while len(store) > SUGGESTION_CACHE_SIZE:
                store.popitem(last=False)
        return found[:limit]

    def _compute_suggestions(self, word: str, limit: int) -> list[str]:
        lower = word.lower()
        own: list[tuple[int, str]] = []
        for key, written in self._offered.items():
            if abs(len(key) - len(lower)) <= 2 and key != lower:
                distance = _edit_distance(lower, key, 2)
                if distance <= 2:
                    shown = written.upper() if len(word) > 1 and word.isupper() else written
                    own.append((distance, shown))
        own.sort()
        ranked = [(d, 0, w) for d, w in own]
        dictionary = self.dictionary.suggestions(word, limit)
        # The dictionary's own order within a distance; keep it, after the work's words.
        for i, w in enumerate(dictionary):
            ranked.append((_edit_distance(lower, w.lower(), 2), 1 + i, w))
        ranked.sort()
        out: list[str] = []
        seen: set[str] = set()
        for *_, w in ranked:
            if w.lower() not in seen:
                seen.add(w.lower())
                out.append(w)
        return out[:limit]


def _is_acronym(word: str) -> bool:
    """A known acronym in capitals ("FBI"), or its plural ("NPCs")."""
    return word in ACRONYMS or (word[-1] == "s" and word[:-1] in ACRONYMS)


def _edit_distance(a: str, b: str, cap: int) -> int:
    """Optimal string alignment distance (a transposition is one edit), at most cap + 1."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = current[j - 1] + 1
            cost = min(cost, previous[j] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        if min(current) > cap:
            return cap + 1
        previous2, previous = previous, current
    return min(previous[-1], cap + 1)


# -- names ------------------------------------------------------------------------

_NAME_SEPARATORS = re.compile(r"[\s/&|,()\[\]{}\"“”«»;:!?]+")
_NAME_EDGES = ".!?*~'’‘-‐–—…"


def names_from_meta(meta: WorkMeta) -> set[str]:
    """Every word of the characters, relationships, fandoms and additional tags, as written.

    "Cloud Strife/Zack Fair" -> Cloud, Strife, Zack, Fair; "Tifa Lockhart (Final Fantasy
    VII)" -> Tifa, Lockhart, Final, Fantasy, VII.
    """
    names: set[str] = set()
    for field in (meta.characters, meta.relationships, meta.fandoms, meta.additional_tags):
        for entry in field:
            for piece in _NAME_SEPARATORS.split(entry):
                piece = piece.strip(_NAME_EDGES)
                if any(c.isalpha() for c in piece):
                    names.add(piece)
    return names

"""Which pyspellchecker dictionary a work's language uses, and per-language word rules."""

from __future__ import annotations

import re
import unicodedata

# pyspellchecker's dictionaries, by code.
CODES = ("en", "es", "fr", "de", "pt", "it", "nl", "ru", "ar", "eu", "lv", "fa")

# AO3's own names (as the work details panel offers them), the plain English names, a few
# common alternatives, and the codes themselves. Keys are compared casefolded.
_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("English",),
    "es": ("Español", "Espanol", "Spanish", "Castellano", "Castilian"),
    "fr": ("Français", "Francais", "French"),
    "de": ("Deutsch", "German"),
    "pt": (
        "Português",
        "Portugues",
        "Portuguese",
        "Português brasileiro",
        "Português europeu",
        "Português (Brasil)",
        "Português (Portugal)",
        "Brazilian Portuguese",
        "European Portuguese",
        "Portuguese (Brazil)",
        "Portuguese (Portugal)",
    ),
    "it": ("Italiano", "Italian"),
    "nl": ("Nederlands", "Dutch", "Vlaams", "Flemish"),
    "ru": ("Русский", "Russian"),
    "ar": ("العربية", "Arabic"),
    "eu": ("Euskara", "Basque"),
    "lv": ("Latviešu valoda", "Latviešu", "Latviesu", "Latvian"),
    "fa": ("فارسی", "فارسي", "Persian", "Farsi"),
}


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


_CODE_FOR = {_key(n): code for code, names in _NAMES.items() for n in (*names, code)}
_QUALIFIER = re.compile(r"\s*[(\[].*$")  # "English (UK)" -> "English"


def language_code(ao3_language: str) -> str | None:
    """ "English" -> "en", "Español"/"Spanish" -> "es"...; None if there is no dictionary."""
    key = _key(ao3_language)
    code = _CODE_FOR.get(key)
    if code is None:
        code = _CODE_FOR.get(_key(_QUALIFIER.sub("", key)))
    if code is None and len(key) > 2 and key[2] in "-_":  # "en-GB", "pt_BR"
        code = _CODE_FOR.get(key[:2])
    return code


def language_name(code: str) -> str:
    """The name to show for a code: AO3's own."""
    return _NAMES[code][0]


def wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Elided articles and pronouns written onto the next word with an apostrophe ("l’homme",
# "dell’anno", "qu’il"): the word is known if the rest is. Lowercase, without apostrophe.
ELISION_PREFIXES: dict[str, frozenset[str]] = {
    "fr": wordset("l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu quelqu entr aujourd"),
    "it": wordset(
        "l un d dell all dall nell sull coll quell quest c m t s v anch nessun buon "
        "bell sant tutt senz com dov cos po mo"
    ),
    "pt": wordset("d n"),  # d'água, n'água
    "nl": wordset("z d m"),  # z'n, d'r, m'n
}

"""The one allowlist of link addresses: what a link in the canonical text may point to.

Kept: ``http:``, ``https:`` and ``mailto:`` addresses, and, where the reader resolves them,
relative ones (``/works/1``, ``#top``). Refused: every other scheme (``javascript:``,
``vbscript:``, ``data:``, ``file:``, ``ftp:``...), however it is spelled. A refused link keeps
its text; only the address goes.

Browsers read an address leniently, and so does this check: it looks at the address as
written, HTML-unescaped (``java&#x09;script:``) and percent-decoded, each with the characters
a URL parser or a renderer ignores taken out (tabs, newlines and other controls anywhere,
spaces, invisible format characters) and compatibility forms folded (fullwidth letters).
If any of those readings starts with a scheme outside the allowlist, the link is refused.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from urllib.parse import unquote

SCHEMES = frozenset({"http", "https", "mailto"})

_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# C0 controls, space, DEL, and the invisible characters a renderer may drop (soft hyphen,
# zero-width and bidi marks, word joiners, BOM).
_IGNORED = re.compile("[\x00-\x20\x7f\xad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def _readings(href: str) -> set[str]:
    """The address as each reader might see it: raw, unescaped, percent-decoded."""
    found = {href}
    current = href
    for _ in range(3):  # &amp;#106; is an escaped escape: unescape until nothing changes
        unescaped = html.unescape(current)
        if unescaped == current:
            break
        found.add(unescaped)
        current = unescaped
    found |= {unquote(r) for r in found}
    return {unicodedata.normalize("NFKC", _IGNORED.sub("", r)).lower() for r in found}


@functools.lru_cache(maxsize=1024)  # the same few addresses recur on every save and export
def link_allowed(href: str, *, relative: bool = False) -> bool:
    """True when a link to ``href`` may be kept.

    ``relative``: whether addresses without a scheme (``/works/1``, ``page.html``, ``#top``,
    ``//host/x``) are kept: only where the target resolves them (AO3 reads them against the
    archive); a file on the reader's disk would read them against its own folder.
    """
    readings = _readings(href)
    schemes = {m[1] for r in readings if (m := _SCHEME.match(r))}
    if schemes - SCHEMES:
        return False
    written = _SCHEME.match(unicodedata.normalize("NFKC", _IGNORED.sub("", href)).lower())
    if written is not None:
        return written[1] in SCHEMES
    return relative and bool(href.strip())

"""The link allowlist: which addresses a link in the canonical text may keep."""

from __future__ import annotations

import pytest

from editor.text.links import link_allowed
from editor.text.richtext import normalize

# Every spelling of a scheme that runs code or reaches outside the web, as a browser, a
# renderer or a careless second unescape would still read it.
DANGEROUS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "java\x00script:alert(1)",
    "  javascript:alert(1)",
    "\x01\x02 javascript:alert(1)",
    "\u200bjavascript:alert(1)",
    "\ufeffjavascript:alert(1)",
    "java\u00adscript:alert(1)",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",  # fullwidth, folded by NFKC
    "java&#x09;script:alert(1)",  # an escape left in after one unescape
    "&#106;avascript:alert(1)",
    "&amp;#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "%6Aavascript:alert(1)",
    "javascript%3Aalert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "FILE://C:/Windows/win.ini",
    "C:\\Users\\me\\secret.txt",
    "ftp://example.org/",
    "blob:https://example.org/1",
    "jar:http://x!/",
    "intent://x#Intent;end",
]
ABSOLUTE = [
    "http://example.org/",
    "https://example.org/a?b=1&c=2#d",
    "HTTPS://EXAMPLE.ORG/",
    "mailto:wren@example.org",
    " https://example.org/",
    "https://example.org/javascript:alert(1)",  # a path, not a scheme
]
RELATIVE = ["/works/1", "page.html", "#top", "//example.org/x", "?q=1", "./a:b"]


@pytest.mark.parametrize("href", DANGEROUS)
@pytest.mark.parametrize("relative", [True, False])
def test_every_spelling_of_a_dangerous_scheme_is_refused(href: str, relative: bool) -> None:
    assert not link_allowed(href, relative=relative)


@pytest.mark.parametrize("href", ABSOLUTE)
@pytest.mark.parametrize("relative", [True, False])
def test_web_and_mail_addresses_are_kept(href: str, relative: bool) -> None:
    assert link_allowed(href, relative=relative)


@pytest.mark.parametrize("href", RELATIVE)
def test_relative_addresses_are_kept_only_where_the_target_resolves_them(href: str) -> None:
    assert link_allowed(href, relative=True)
    assert not link_allowed(href, relative=False)


@pytest.mark.parametrize("href", ["", " ", "\t\n"])
def test_an_empty_address_is_no_link(href: str) -> None:
    assert not link_allowed(href, relative=True)


@pytest.mark.parametrize(
    "source",
    [
        '<p>a <a href="javascript:alert(1)">link</a> b</p>',
        '<p>a <a href=" JaVaScRiPt:alert(1)">link</a> b</p>',
        '<p>a <a href="java&#x09;script:alert(1)">link</a> b</p>',
        '<p>a <a href="java&Tab;script:alert(1)">link</a> b</p>',
        '<p>a <a href="&#x6A;avascript:alert(1)">link</a> b</p>',
        '<p>a <a href="vbscript:x">link</a> b</p>',
        '<p>a <a href="data:text/html,x">link</a> b</p>',
    ],
)
def test_the_canonical_text_keeps_a_refused_links_text_only(source: str) -> None:
    assert normalize(source) == "<p>a link b</p>"

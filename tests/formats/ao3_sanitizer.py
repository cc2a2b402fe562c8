"""A model of what AO3 does to posted HTML, so tests can check that AO3 would change nothing.

Three stages, as otwarchive runs them (lib/html_cleaner.rb ``sanitize_value``):

1. ``fix_bad_characters`` and the paragraph maker (lib/paragraph_maker.rb, ported step by
   step onto a small tree): strip whitespace around block tags, newlines in text to
   ``<br>`` / paragraph splits, ``<br><br>`` runs to splits, inline content wrapped in
   ``<p>``, block tags lifted out of ``<p>``, splits resolved, empty ``<p>`` deleted.
2. the sanitizer: nh3 with AO3's allowlist (shared/reference/archives.md): tags,
   attributes (``class`` only outside the summary), link schemes, ``rel="nofollow"``.
3. ``comparable``: a normal form for comparing two fragments (whitespace between blocks,
   attribute order, ``<br>`` vs ``<br />``, entities, the ``rel="nofollow"`` AO3 adds).

otwarchive's paragraph maker does not look inside ``<p>``, headings, links or lists
(its TAG_NAMES_TO_SKIP), while archives.md says newlines and ``<br><br>`` are handled
everywhere. ``strict=True`` (the default) takes archives.md's reading: newline and ``<br>``
rules also apply to text inside those tags (but not to the whitespace between list items,
which no reading touches). Output that survives the strict model survives both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html import escape
from html.parser import HTMLParser

import nh3


def _words(text: str) -> set[str]:
    """A set from a space-separated list, copied as archives.md and otwarchive spell it."""
    return set(text.split())


# -- AO3's allowlist (archives.md) --------------------------------------------------------

TAGS = _words(
    "a abbr acronym address b big blockquote br caption center cite code col colgroup "
    "details figcaption figure dd del dfn div dl dt em h1 h2 h3 h4 h5 h6 hr i img ins kbd "
    "li ol p pre q rp rt ruby s samp small span strike strong sub summary sup table tbody "
    "td tfoot th thead tr tt u ul var"
)
_EVERY = {"align", "dir", "lang", "title"}
_TD = {"abbr", "axis", "colspan", "height", "rowspan", "width"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _EVERY,
    "a": {"href", "name"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "col": {"span", "width"},
    "colgroup": {"span", "width"},
    "details": {"open"},
    "hr": {"align", "width"},
    "img": {"align", "alt", "border", "height", "src", "width"},
    "ol": {"start", "type"},
    "ul": {"type"},
    "table": {"border", "summary", "width"},
    "td": _TD,
    "th": _TD | {"scope"},
}
URL_SCHEMES = {"ftp", "http", "https", "mailto"}  # relative URLs pass too (nh3's default)
# The Sanitize gem's REGEX_PROTOCOL, which decides a link's scheme for AO3: anything before
# a colon (or its entity) that no "/" or "#" precedes. nh3 reads "?t=12:30" as relative;
# Sanitize reads the scheme "?t=12" and drops the address.
SANITIZE_PROTOCOL = re.compile(r"\A\s*([^/#]*?)(?::|&#0*58|&#x0*3a)", re.IGNORECASE)
CLEAN_CONTENT = _words("iframe math noembed noframes noscript plaintext script style svg xmp")
_CLASS_NAME = re.compile(r"^[a-zA-Z][\w\-]+$")

# -- paragraph maker tag lists (otwarchive lib/paragraph_maker.rb) --------------------------

SKIP = _words(
    "a abbr acronym address audio button dl embed figure h1 h2 h3 h4 h5 h6 hr iframe img "
    "input label ol map math noscript object p pre script select source style svg table "
    "textarea track video ul"
)
WRAP = _words(
    "a abbr acronym b big br button cite code del dfn em i img input ins kbd label map q s "
    "samp select small span strike strong textarea sub sup tt u var"
)
UNWRAP = _words("audio dl figure h1 h2 h3 h4 h5 h6 hr ol p pre source table track ul video")
STRIP_WHITESPACE = _words(
    "audio blockquote br center dl div fieldset figure figcaption form h1 h2 h3 h4 h5 h6 hr "
    "noscript ol p pre script source style table track ul video"
)
# Strict reading: newline and <br> rules reach into every element but these...
STRICT_SKIP = _words("pre script style textarea svg math iframe noscript")
# ...and never touch the whitespace that only lays out a list or a table.
_LAYOUT_PARENTS = _words("ul ol dl table thead tbody tfoot tr colgroup")

_RUBY_SPACE = " \t\n\v\f\r\0"  # Ruby's strip: not the no-break space Python's strip takes

# -- a small tree ------------------------------------------------------------------------


class Node:
    __slots__ = ("attrs", "children", "name", "parent", "text")

    def __init__(self, name: str, attrs: list[tuple[str, str]] | None = None, text: str = ""):
        self.name = name  # "#text", "#comment" or a tag
        self.attrs = attrs or []
        self.children: list[Node] = []
        self.parent: Node | None = None
        self.text = text

    @property
    def is_text(self) -> bool:
        return self.name == "#text"

    def _siblings(self) -> list[Node]:
        assert self.parent is not None
        return self.parent.children

    @property
    def previous(self) -> Node | None:
        if self.parent is None:
            return None
        i = self._siblings().index(self)
        return self._siblings()[i - 1] if i else None

    @property
    def next(self) -> Node | None:
        if self.parent is None:
            return None
        sib = self._siblings()
        i = sib.index(self)
        return sib[i + 1] if i + 1 < len(sib) else None

    def unlink(self) -> None:
        if self.parent is not None:
            self._siblings().remove(self)
            self.parent = None

    def append(self, child: Node) -> None:
        child.unlink()
        child.parent = self
        self.children.append(child)

    def insert_before(self, new: Node) -> None:
        new.unlink()
        sib = self._siblings()
        new.parent = self.parent
        sib.insert(sib.index(self), new)

    def insert_after(self, new: Node) -> None:
        new.unlink()
        sib = self._siblings()
        new.parent = self.parent
        sib.insert(sib.index(self) + 1, new)

    def replace_with(self, nodes: list[Node]) -> None:
        for new in nodes:
            self.insert_before(new)
        self.unlink()


_VOID = _words("br hr img col wbr input meta link source track area embed param")
# Start tags that close an open <p> (HTML5 parsing, as Nokogiri's HTML5 parser does).
_CLOSES_P = _words(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section "
    "summary table ul"
)

_P_SCOPE = frozenset({"button", "table", "td", "th", "caption"})  # a <p> is not closed across


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("myroot")
        self.stack = [self.root]

    def _close_to(self, name: str, stop: frozenset[str] = frozenset()) -> bool:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].name == name:
                del self.stack[i:]
                return True
            if self.stack[i].name in stop:
                return False
        return False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CLOSES_P:
            self._close_to("p", _P_SCOPE)
        if tag == "li":
            self._close_to("li", frozenset({"ul", "ol"}))
        node = Node(tag, [(k, v or "") for k, v in attrs])
        self.stack[-1].append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self._close_to(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":
            self.handle_starttag("br", [])
        elif not self._close_to(tag) and tag == "p":
            self.stack[-1].append(Node("p"))  # a stray </p> is an empty paragraph

    def handle_data(self, data: str) -> None:
        self.stack[-1].append(Node("#text", text=data))

    def handle_comment(self, data: str) -> None:
        self.stack[-1].append(Node("#comment", text=data))


def parse_tree(source: str) -> Node:
    builder = _Builder()
    builder.feed(source)
    builder.close()
    return builder.root


def to_html(root: Node) -> str:
    out: list[str] = []

    def write(node: Node) -> None:
        if node.is_text:
            out.append(escape(node.text, quote=False))
        elif node.name == "#comment":
            out.append(f"<!--{node.text}-->")
        else:
            attrs = "".join(f' {k}="{escape(v)}"' for k, v in node.attrs)
            out.append(f"<{node.name}{attrs}>")
            if node.name not in _VOID:
                for child in node.children:
                    write(child)
                out.append(f"</{node.name}>")

    for child in root.children:
        write(child)
    return "".join(out)


# -- the paragraph maker ------------------------------------------------------------------


def _traverse(node: Node, skip: set[str] | None = None) -> Iterator[Node]:
    yield node
    if node.name in (SKIP if skip is None else skip):
        return
    for child in list(node.children):
        if child.parent is node:  # not moved away meanwhile
            yield from _traverse(child, skip)


def _in_paragraph(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.name == "p":
            return True
        parent = parent.parent
    return False


def _strip_whitespace(root: Node) -> None:
    for node in _traverse(root):
        if not node.is_text:
            continue
        before = node.previous.name if node.previous else (node.parent and node.parent.name)
        after = node.next.name if node.next else (node.parent and node.parent.name)
        if before in STRIP_WHITESPACE:
            node.text = node.text.lstrip(_RUBY_SPACE)
        if after in STRIP_WHITESPACE:
            node.text = node.text.rstrip(_RUBY_SPACE)
        if not node.text:
            node.unlink()


_NEWLINES = re.compile(r"(\s*\n\s*)")


def _split_text_at_newlines(root: Node, strict: bool) -> None:
    for node in list(_traverse(root, STRICT_SKIP if strict else None)):
        if not node.is_text or node.parent is None:
            continue
        if strict and node.parent.name in _LAYOUT_PARENTS and not node.text.strip(_RUBY_SPACE):
            continue
        pieces = _NEWLINES.split(node.text)
        if len(pieces) < 2:
            continue
        new: list[Node] = []
        for piece in pieces:
            if not piece:
                continue
            count = piece.count("\n")
            if count == 0:
                new.append(Node("#text", text=piece))
            elif count == 1:
                new.append(Node("br"))
            else:
                new.append(Node("split", [("long", "")] if count > 2 else []))
        node.replace_with(new)


def _merge_br_tags(root: Node, strict: bool) -> None:
    for node in list(_traverse(root, STRICT_SKIP if strict else None)):
        if node.parent is None or node.name != "br":
            continue
        nxt, prev = node.next, node.previous
        if (nxt and nxt.name == "br") or not (prev and prev.name == "br"):
            continue
        count = 1
        while (prev := node.previous) is not None and prev.name == "br":
            prev.unlink()
            count += 1
        node.replace_with([Node("split", [("long", "")] if count > 2 else [])])


def _wrap_all(root: Node) -> None:
    if root.name in SKIP or _in_paragraph(root) or root.name == "p":
        return
    chunk: list[Node] = []
    groups: list[tuple[bool, list[Node]]] = []
    for child in root.children:
        wrap = child.is_text or child.name in WRAP
        if groups and groups[-1][0] == wrap:
            groups[-1][1].append(child)
        else:
            chunk = [child]
            groups.append((wrap, chunk))
    for wrap, children in groups:
        if wrap:
            paragraph = Node("p")
            children[0].insert_before(paragraph)
            for child in children:
                paragraph.append(child)
        else:
            for child in children:
                _wrap_all(child)


def _split_parent(node: Node) -> None:
    parent = node.parent
    assert parent is not None
    if node.previous is None:
        parent.insert_before(node)
        return
    if node.next is None:
        parent.insert_after(node)
        return
    twin = Node(parent.name, list(parent.attrs))
    parent.insert_after(twin)
    while node.next is not None:
        twin.append(node.next)
    parent.insert_after(node)


def _extract_from_paragraph(node: Node) -> None:
    while _in_paragraph(node):
        _split_parent(node)


def _unwrap_all(root: Node) -> None:
    for node in list(_traverse(root)):
        if node.name in UNWRAP and node is not root:
            _extract_from_paragraph(node)


def _all(root: Node, name: str) -> list[Node]:
    found: list[Node] = []
    for child in root.children:
        if child.name == name:
            found.append(child)
        found.extend(_all(child, name))
    return found


def _replace_splits(root: Node) -> None:
    for node in _all(root, "split"):
        _extract_from_paragraph(node)
        if node.attrs:
            node.replace_with([_nbsp_paragraph()])
        else:
            node.unlink()


def _nbsp_paragraph() -> Node:
    p = Node("p")
    p.append(Node("#text", text="\u00a0"))
    return p


def _delete_empty_paragraphs(root: Node) -> None:
    for node in list(_traverse(root)):
        if node.name == "p" and not node.children and node is not root:
            node.unlink()


def fix_bad_characters(text: str) -> str:
    return (
        text.replace("<3", "&lt;3")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("____spacer____", "")
    )


def make_paragraphs(source: str, strict: bool = True) -> str:
    """AO3's add_paragraphs_to_text."""
    root = parse_tree(fix_bad_characters(source).strip())
    _strip_whitespace(root)
    _split_text_at_newlines(root, strict)
    _merge_br_tags(root, strict)
    _wrap_all(root)
    _unwrap_all(root)
    _replace_splits(root)
    _delete_empty_paragraphs(root)
    return to_html(root)


# -- the sanitizer ------------------------------------------------------------------------


def _class_filter(allow_class: bool) -> Callable[[str, str, str], str | None]:
    def keep(tag: str, attr: str, value: str) -> str | None:
        if tag == "a" and attr == "href":
            scheme = SANITIZE_PROTOCOL.match(value)
            return value if scheme is None or scheme[1].lower() in URL_SCHEMES else None
        if attr != "class":
            return value
        if not allow_class:
            return None
        names = [n for n in value.split() if _CLASS_NAME.match(n)]
        return " ".join(names) or None

    return keep


def sanitize(source: str, summary: bool = False) -> str:
    """nh3 with AO3's allowlist; ``summary`` fields allow no ``class``."""
    attributes = {k: set(v) for k, v in ATTRIBUTES.items()}
    attributes["*"] = attributes["*"] | ({"class"} if not summary else set())
    return nh3.clean(
        source,
        tags=TAGS,
        clean_content_tags=CLEAN_CONTENT,
        attributes=attributes,
        attribute_filter=_class_filter(not summary),
        link_rel="nofollow",
        url_schemes=URL_SCHEMES,
        strip_comments=True,
    )


def ao3(source: str, summary: bool = False, strict: bool = True) -> str:
    """What AO3 stores for ``source`` posted in an HTML field."""
    return sanitize(make_paragraphs(source, strict), summary)


# -- comparing ----------------------------------------------------------------------------

_BLOCKS = _words(
    "address blockquote center dd details div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr "
    "li ol p pre summary table tbody td tfoot th thead tr ul"
)


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = sorted(
            (k, v or "") for k, v in attrs if not (tag == "a" and k == "rel" and v == "nofollow")
        )
        self.tokens.append(f"<{tag}{''.join(f' {k}={v!r}' for k, v in kept)}>")
        if tag in _VOID:
            self.tokens.append(f"</{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.tokens.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.tokens and not self.tokens[-1].startswith("<"):
            self.tokens[-1] += data
        else:
            self.tokens.append(data)

    def handle_comment(self, data: str) -> None:
        pass


def _tag_name(token: str) -> str | None:
    m = re.match(r"</?([a-z0-9]+)", token)
    return m.group(1) if m and token.startswith("<") else None


def comparable(fragment: str) -> str:
    """``fragment`` in a normal form: one token a line, no layout whitespace between blocks,
    attributes sorted, entities decoded, ``<br>`` == ``<br />``, AO3's rel="nofollow" gone."""
    parser = _Tokens()
    parser.feed(fragment)
    parser.close()
    tokens = parser.tokens
    kept: list[str] = []
    for i, token in enumerate(tokens):
        if _tag_name(token) is None and not token.strip(_RUBY_SPACE):
            before = _tag_name(tokens[i - 1]) if i else "p"
            after = _tag_name(tokens[i + 1]) if i + 1 < len(tokens) else "p"
            if before in _BLOCKS or after in _BLOCKS:
                continue
        kept.append(token)
    return "\n".join(kept)

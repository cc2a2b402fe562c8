"""Archive of Our Own: the HTML its form takes, field by field, and a download-style copy.

Everything here is a function of the canonical subset (text/richtext.py), which is already a
subset of AO3's allowlist. What is left to do is keep AO3's paragraph maker from touching it
(shared/reference/archives.md, and otwarchive's lib/paragraph_maker.rb):

- one block per line, nothing but ``<br />`` inside a paragraph, no inline content outside a
  block (the canonical serializer does all this);
- no run of ``<br />`` in a paragraph: two split it, three or more split it and leave a
  ``<p>&nbsp;</p>`` gap, as archives.md says AO3 does (otwarchive's code leaves ``<p>``
  contents alone; either way nothing is left for AO3 to change);
- no empty paragraph, since AO3 deletes those. Blank paragraphs are how an author spaces text,
  and AO3 already puts space between paragraphs, so ONE blank paragraph is dropped; TWO OR
  MORE in a row (or one holding a no-break space, the way AO3 itself writes a gap) are a
  deliberate gap and become one ``<p>&nbsp;</p>``, which AO3 keeps. Blanks at either end go;
- links only through the link allowlist (``text/links.py``: http, https, mailto, and
  relative addresses, which AO3 reads against the archive); any other link becomes its text.
  AO3's sanitizer (the Sanitize gem's ``REGEX_PROTOCOL``) takes whatever comes before a
  colon that no ``/`` or ``#`` precedes as the scheme, so ``?t=12:30`` is a link to the
  unknown scheme "?t=12" and loses its address: it becomes text too;
- an address is written with the characters a URL may not hold as typed (``"``, spaces,
  ``<>``...) percent-encoded (``layout.escape_url``): the same link, and nothing left for
  AO3's serializer to rewrite.

``export`` is the entry point the dialog and the command line call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from editor.formats.ao3_words import ao3_word_count
from editor.formats.layout import escape_url
from editor.formats.limits import (
    CHAPTER_TEXT,
    CHAPTER_TITLE,
    COUNTED_TAG_FIELDS,
    NOTES,
    SUMMARY,
    WORK_TITLE,
    Level,
    Limit,
    Problem,
    check_length,
    tag_problems,
    tag_total_problem,
)
from editor.formats.templates import DEFAULT_AO3_NOTES, compose
from editor.formats.work import FRONT_MATTER_PARTS, ExportChapter, ExportOptions, ExportWork
from editor.model import WorkMeta, chapter_count_mismatch
from editor.text.richtext import (
    LINE_BREAK,
    Block,
    Run,
    allowed_links,
    escape_text,
    is_blank,
    parse,
    says_nothing,
    serialize,
)

ALL_PARTS = frozenset(FRONT_MATTER_PARTS)
SPACER = "<p>&nbsp;</p>"

# -- AO3-ready HTML of one rich field ------------------------------------------------

# The Sanitize gem's REGEX_PROTOCOL: a colon before any "/" or "#" ends a scheme.
_SCHEME = re.compile(r"\s*([^/#]*?):")


def _link_kept(href: str) -> bool:
    """Whether AO3 keeps the address: its sanitizer's scheme (see ``_SCHEME``) is one the
    link allowlist allows too; a relative address has none."""
    scheme = _SCHEME.match(href)
    return scheme is None or scheme.group(1).lower() in ("http", "https", "mailto")


# Two or more line breaks, with only spaces between and around them.
_BREAKS = re.compile(r" *\n(?: *\n)+ *")
_SPACER_LINE = "<p>\u00a0</p>"


def _blank(block: Block) -> bool:
    return block.kind in ("p", "h2", "h3", "h4") and not block.text().strip()


def _spacer(quote: bool) -> Block:
    return Block("p", [Run("\u00a0")], quote=quote)


def _trimmed(runs: list[Run]) -> list[Run]:
    """Without line breaks (and the spaces next to them) at either end."""
    runs = list(runs)
    while runs and not (text := runs[0].text.lstrip(" \n")):
        runs.pop(0)
    if runs:
        runs[0] = Run(text, runs[0].marks, runs[0].href)
    while runs and not (text := runs[-1].text.rstrip(" \n")):
        runs.pop()
    if runs:
        runs[-1] = Run(text, runs[-1].marks, runs[-1].href)
    return runs


def _slice(runs: list[Run], a: int, b: int) -> list[Run]:
    """The runs' text from offset ``a`` to ``b`` of their joined text, formatting kept."""
    out: list[Run] = []
    pos = 0
    for run in runs:
        end = pos + len(run.text)
        if end > a and pos < b:
            out.append(Run(run.text[max(a - pos, 0) : b - pos], run.marks, run.href))
        pos = end
    return out


def _split_breaks(block: Block) -> list[Block]:
    """A block with runs of line breaks in it as the blocks AO3 would make of it.

    A list item cannot be split without breaking the list: its runs collapse to one break.
    """
    text = block.text()  # breaks may sit in different runs: <em>a<br /></em><br />b
    cuts = list(_BREAKS.finditer(text))
    if block.kind == "li":
        runs: list[Run] = []
        pos = 0
        for m in cuts:
            runs += [*_slice(block.runs, pos, m.start()), Run(LINE_BREAK)]
            pos = m.end()
        runs += _slice(block.runs, pos, len(text))
        return [Block("li", _trimmed(runs), block.align, block.quote, block.list_type)]
    out: list[Block] = []
    pos = 0
    for m in [*cuts, None]:
        stop = m.start() if m else len(text)
        out.append(
            Block(block.kind, _trimmed(_slice(block.runs, pos, stop)), block.align, block.quote)
        )
        if m:
            if m.group().count("\n") >= 3:
                out.append(_spacer(block.quote))
            pos = m.end()
    return out


def ao3_href(href: str) -> str | None:
    """``href`` as AO3 keeps it, or None when AO3 would drop the address."""
    return escape_url(href) if _link_kept(href) else None


def _fixed(block: Block) -> list[Block]:
    runs = allowed_links(block.runs, relative=True)
    if any(r.href is not None and ao3_href(r.href) != r.href for r in runs):
        runs = [r if r.href is None else Run(r.text, r.marks, ao3_href(r.href)) for r in runs]
    if runs is not block.runs:
        block = Block(block.kind, runs, block.align, block.quote, block.list_type)
    if block.kind != "hr" and any(LINE_BREAK in r.text for r in runs):
        return _split_breaks(block)
    return [block]


def ao3_blocks(blocks: list[Block]) -> list[Block]:
    """Canonical blocks as AO3 keeps them (see the module docstring for the rules)."""
    out: list[Block] = []
    blanks = 0
    gap = False  # the pending blanks include an explicit no-break space
    quote = False
    for source in blocks:
        for block in _fixed(source):
            if _blank(block):
                if not blanks:
                    quote = block.quote
                blanks += 1
                gap = gap or "\u00a0" in block.text()
                continue
            if blanks and out and (blanks >= 2 or gap):
                out.append(_spacer(quote))
            blanks, gap = 0, False
            out.append(block)
    return out


def ao3_html(canonical: str) -> str:
    """Any rich field (canonical HTML) as AO3's HTML tab takes it: AO3 changes nothing."""
    blocks = parse(canonical)  # once: asking is_blank first parsed every chapter twice
    if says_nothing(blocks):
        return ""
    text = serialize(ao3_blocks(blocks))
    # Written as an entity so the gap is visible in the pasted HTML, as AO3 writes it.
    return text.replace(_SPACER_LINE, SPACER) if "\u00a0</p>" in text else text


def chapter_html(body: str) -> str:
    """A chapter's text for AO3's Work Text / Chapter Text field (the HTML tab)."""
    return ao3_html(body)


# -- the notes, summary and end notes ----------------------------------------------------


def _chapter_only(work: ExportWork) -> ExportWork:
    """The work with its own front matter blanked, to compose a chapter's pieces alone."""
    meta = replace(
        work.meta,
        disclaimer="",
        dedication="",
        prompt="",
        prompt_by="",
        prompt_collection="",
        content_warnings=(),
    )
    return replace(work, meta=meta)


def _notes_template(meta: WorkMeta, template: str | None) -> str:
    return template or meta.ao3_notes_template or DEFAULT_AO3_NOTES


def notes_html(
    work: ExportWork,
    chapter: ExportChapter | None,
    template: str | None = None,
    parts: frozenset[str] = ALL_PARTS,
) -> str:
    """Beginning notes as posted, composed from the panels by the AO3 notes template.

    ``chapter`` None: the work's own notes (prompt, dedication, disclaimer, content
    warnings). The first chapter goes up with the Post New Work form, whose one notes field
    takes the work's notes and chapter 1's own. A later chapter's notes hold only its own
    pieces (chapter warnings, chapter notes): AO3 already shows the work's at the top.
    """
    chosen = _notes_template(work.meta, template)
    if chapter is not None and chapter.number > 1:
        work = _chapter_only(work)
    return ao3_html(compose(chosen, work, chapter, parts))


def _chapter_notes_html(work: ExportWork, chapter: ExportChapter, parts: frozenset[str]) -> str:
    """Only the chapter's own pieces, for the chapter meta of the download layout."""
    template = _notes_template(work.meta, None)
    return ao3_html(compose(template, _chapter_only(work), chapter, parts))


def end_notes_html(
    work: ExportWork, chapter: ExportChapter | None, parts: frozenset[str] = ALL_PARTS
) -> str:
    """A chapter's end notes (a work has none of its own: '' for ``chapter`` None)."""
    if chapter is None or "notes_end" not in parts:
        return ""
    return ao3_html(chapter.meta.notes_end)


def summary_html(
    work: ExportWork, chapter: ExportChapter | None = None, parts: frozenset[str] = ALL_PARTS
) -> str:
    """The work's summary, or a chapter's. (AO3 allows no ``class`` here; we write none.)"""
    if "summary" not in parts:
        return ""
    return ao3_html(chapter.meta.summary if chapter else work.meta.summary)


# -- the Post New Work / Post New Chapter form -------------------------------------------


@dataclass(frozen=True)
class PostField:
    key: str
    label: str
    value: str
    html: bool
    limit: Limit | None
    problems: tuple[Problem, ...]


def chapter_count(work: ExportWork, posted: int) -> str:
    """AO3's 'posted/expected' chapter count: '2/5', '2/?' while the total is unknown."""
    return f"{posted}/{work.chapter_total()}"


def _measured(key: str, label: str, value: str, html_: bool, limit: Limit) -> PostField:
    # The message names the field as the form does ("Chapter summary is over...").
    limit = replace(limit, label=label)
    problem = check_length(limit, len(value))
    return PostField(key, label, value, html_, limit, (problem,) if problem else ())


def _tags(key: str, label: str, tags: tuple[str, ...], extra: list[Problem]) -> PostField:
    problems = [p for tag in tags for p in tag_problems(tag)] + extra
    return PostField(key, label, ", ".join(tags), False, None, tuple(problems))


def _required(missing: bool, message: str) -> list[Problem]:
    return [Problem(Level.ERROR, message)] if missing else []


def post_fields(
    work: ExportWork, chapter: ExportChapter, options: ExportOptions | None = None
) -> list[PostField]:
    """The fields of the AO3 form that posts ``chapter``, in the form's order.

    Chapter 1 goes up with the Post New Work form (rating ... work text); a later chapter
    with the Post New Chapter form (chapter title, chapter number, chapter summary, notes,
    chapter text). Rich values are AO3-ready HTML and their lengths are measured on it, since
    AO3 counts markup toward its limits. Keys are stable; labels follow AO3's form.
    """
    parts = (options or ExportOptions()).parts
    meta = work.meta
    text_label = "Work Text" if chapter.number == 1 else "Chapter Text"
    posted = chapter_html(chapter.body)
    text = _measured("text", text_label, posted, True, CHAPTER_TEXT)
    # What AO3 will show as the chapter's words (its counter, not the author's).
    words = PostField(
        "words", "Words (as AO3 counts them)", f"{ao3_word_count(posted):,}", False, None, ()
    )
    label = work.chapter_label(chapter)
    mismatch = chapter_count_mismatch(meta.expected_chapters, len(work.chapters), meta.status)
    count = PostField(
        "chapter_label",
        label,
        chapter_count(work, chapter.number),
        False,
        None,
        (Problem(Level.WARN, mismatch),) if mismatch else (),
    )
    title = _measured("chapter_title", "Chapter Title", chapter.title, False, CHAPTER_TITLE)
    begin = _measured(
        "notes_begin", "Beginning notes", notes_html(work, chapter, parts=parts), True, NOTES
    )
    end = _measured("notes_end", "End notes", end_notes_html(work, chapter, parts), True, NOTES)
    if chapter.number > 1:
        summary = summary_html(work, chapter, parts)
        return [
            title,
            count,
            _measured("chapter_summary", "Chapter Summary", summary, True, SUMMARY),
            begin,
            end,
            words,
            text,
        ]

    many = len(work.chapters) > 1 or (meta.expected_chapters or 1) > 1
    if many and end.value:
        # The new-work form's end notes are the WORK's: AO3 shows them after the last chapter.
        hint = Problem(
            Level.WARN,
            "AO3 shows these at the end of the whole work; for notes after chapter 1 only, "
            "add them with Edit Chapter after posting.",
        )
        end = replace(end, problems=(*end.problems, hint))
    counted = sum(len(getattr(meta, name)) for name in COUNTED_TAG_FIELDS)
    total = tag_total_problem([counted])
    warnings = meta.archive_warnings if "warnings" in parts else ()
    fields = [
        PostField("rating", "Rating", meta.rating.value, False, None, ()),
        PostField(
            "archive_warnings",
            "Archive Warnings",
            ", ".join(w.value for w in warnings),
            False,
            None,
            tuple(
                _required(
                    not meta.archive_warnings,
                    "AO3 needs at least one archive warning (“Creator Chose Not To Use Archive "
                    "Warnings” counts).",
                )
            ),
        ),
        _tags(
            "fandoms", "Fandoms", meta.fandoms, _required(not meta.fandoms, "AO3 needs a fandom.")
        ),
        PostField(
            "categories", "Categories", ", ".join(c.value for c in meta.categories), False, None, ()
        ),
        _tags("relationships", "Relationships", meta.relationships, []),
        _tags("characters", "Characters", meta.characters, []),
        _tags("additional_tags", "Additional Tags", meta.additional_tags, [total] if total else []),
        _measured("title", "Work Title", meta.title, False, WORK_TITLE),
        PostField("co_creators", "Co-creators", ", ".join(meta.co_creators), False, None, ()),
        _measured("summary", "Summary", summary_html(work, None, parts), True, SUMMARY),
        begin,
        end,
        # The Prompt panel's challenge or exchange is the collection the work is posted to.
        PostField(
            "collections",
            "Post to Collections / Challenges",
            meta.prompt_collection if "prompt" in parts else "",
            False,
            None,
            (),
        ),
        PostField(
            "gift_recipients",
            "Gift this work to",
            ", ".join(meta.gift_recipients) if "dedication" in parts else "",
            False,
            None,
            (),
        ),
        PostField(
            "inspired_by",
            "Inspired by / remix / translation (URL)",
            meta.inspired_by,
            False,
            None,
            (),
        ),
        PostField(
            "series",
            f"Series (part {meta.series_part})" if meta.series_part else "Series",
            meta.series_name,
            False,
            None,
            (),
        ),
        count,
        title,
        PostField(
            "language",
            "Language",
            meta.language,
            False,
            None,
            tuple(_required(not meta.language.strip(), "AO3 needs a language.")),
        ),
        words,
        text,
    ]
    if "summary" in parts and not is_blank(chapter.meta.summary):
        # The new-work form has no chapter summary: it is added with Edit Chapter.
        summary = summary_html(work, chapter, parts)
        fields.append(
            _measured(
                "chapter_summary",
                "Chapter Summary (add with Edit Chapter after posting)",
                summary,
                True,
                SUMMARY,
            )
        )
    return fields


# -- the whole work, laid out like AO3's own HTML download --------------------------------

STYLESHEET = """\
body { font: 1em/1.5 Georgia, serif; margin: 2em auto; max-width: 42em; padding: 0 1em; }
#preface { border-bottom: 1px solid #999; margin-bottom: 2em; }
.message { font-size: .9em; color: #555; }
dl.tags { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
dl.tags dt { font-weight: bold; }
dl.tags dd { margin: 0; }
h1 { margin-bottom: .2em; }
.byline { margin-bottom: 1em; }
blockquote.userstuff { margin: .5em 0 1em 2em; }
.meta { margin-top: 2em; }
.userstuff p { margin: 0 0 1em; }
hr { margin: 2em auto; width: 40%; }
"""

_TAG_LABELS = (  # AO3's dt labels, singular and plural (Tag::VISIBLE's order)
    ("archive_warnings", "Archive Warning", "Archive Warnings"),
    ("categories", "Category", "Categories"),
    ("fandoms", "Fandom", "Fandoms"),
    ("relationships", "Relationship", "Relationships"),
    ("characters", "Character", "Characters"),
    ("additional_tags", "Additional Tags", "Additional Tags"),
)


def _quoted(label: str, body: str) -> list[str]:
    return (
        [f"<p>{label}</p>", '<blockquote class="userstuff">', body, "</blockquote>"] if body else []
    )


def _tag_list(work: ExportWork, parts: frozenset[str], texts: dict[int, str]) -> list[str]:
    """AO3's tag list; ``texts``: each chapter's posted HTML by number (words are counted
    on it, as AO3 counts them)."""
    meta = work.meta
    lines = ['<dl class="tags">']
    if "rating" in parts:
        lines += ["<dt>Rating:</dt>", f"<dd>{escape_text(meta.rating.value)}</dd>"]
    for name, one, many in _TAG_LABELS:
        if name == "archive_warnings" and "warnings" not in parts:
            continue
        values = [str(v) for v in getattr(meta, name)]
        if values:
            label = one if len(values) == 1 else many
            lines += [f"<dt>{label}:</dt>", f"<dd>{escape_text(', '.join(values))}</dd>"]
    if meta.language:
        lines += ["<dt>Language:</dt>", f"<dd>{escape_text(meta.language)}</dd>"]
    if meta.series_name:
        part = f"Part {meta.series_part} of " if meta.series_part else ""
        lines += ["<dt>Series:</dt>", f"<dd>{part}{escape_text(meta.series_name)}</dd>"]
    if meta.prompt_collection and "prompt" in parts:
        lines += ["<dt>Collections:</dt>", f"<dd>{escape_text(meta.prompt_collection)}</dd>"]
    words = sum(ao3_word_count(text) for text in texts.values())
    stats = f"Words: {words:,} Chapters: {chapter_count(work, len(work.chapters))}"
    lines += ["<dt>Stats:</dt>", f"<dd>{stats}</dd>", "</dl>"]
    return lines


def _heading(work: ExportWork, chapter: ExportChapter, parts: frozenset[str]) -> str:
    title = escape_text(chapter.title)
    if "chapter_label" not in parts:
        return title
    return f"Chapter {chapter.number}: {title}" if title else f"Chapter {chapter.number}"


def work_html(work: ExportWork, options: ExportOptions | None = None) -> str:
    """The work as one XHTML file in the layout of AO3's own HTML download.

    A one-chapter work is laid out as AO3 lays out a oneshot: its notes in the preface, its
    end notes in the afterword, no chapter heading. Otherwise the preface holds the work's
    notes and each chapter its own summary, notes and end notes.
    """
    options = options or ExportOptions()
    parts = options.parts
    meta = work.meta
    chapters = options.selected(work)
    oneshot = len(work.chapters) == 1
    single = chapters[0] if oneshot and chapters else None

    # Each chapter's posted HTML once: the stats count every chapter, the body the selected.
    texts = {ch.number: chapter_html(ch.body) for ch in work.chapters}
    title = escape_text(meta.title)
    head_title = " - ".join(
        escape_text(x) for x in (meta.title, meta.author, ", ".join(meta.fandoms)) if x
    )
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE html>",
        '<html xmlns="http://www.w3.org/1999/xhtml">',
        "<head>",
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />',
        f"<title>{head_title}</title>",
        '<style type="text/css">',
        STYLESHEET.rstrip("\n"),
        "</style>",
        "</head>",
        "<body>",
        '<div id="preface">',
        f'<p class="message"><b>{title}</b><br />Prepared with Ficwright for the Archive of '
        "Our Own.</p>",
        '<div class="meta">',
        *_tag_list(work, parts, texts),
    ]
    if "title" in parts and title:
        out.append(f"<h1>{title}</h1>")
    if meta.author:
        out.append(f'<div class="byline">by {escape_text(meta.author)}</div>')
    out += _quoted("Summary", summary_html(work, None, parts))
    out += _quoted("Notes", notes_html(work, single, parts=parts))
    out += ["</div>", "</div>", '<div id="chapters" class="userstuff">']
    for chapter in chapters:
        if single is None:
            meta_lines = _quoted("Chapter Summary", summary_html(work, chapter, parts))
            meta_lines += _quoted("Chapter Notes", _chapter_notes_html(work, chapter, parts))
            heading = _heading(work, chapter, parts)
            out.append('<div class="meta group">')
            if heading:
                out.append(f'<h2 class="heading">{heading}</h2>')
            out += [*meta_lines, "</div>"]
        out += ["<!--chapter content-->", '<div class="userstuff">']
        text = texts[chapter.number]
        if text:
            out.append(text)
        out += ["</div>", "<!--/chapter content-->"]
        end = end_notes_html(work, chapter, parts)
        if end and single is None:
            out += [f'<div class="meta" id="endnotes{chapter.number}">']
            out += [*_quoted("Chapter End Notes", end), "</div>"]
    out += ["</div>", '<div id="afterword">']
    end = end_notes_html(work, single, parts)
    if end:
        out += ['<div class="meta">', '<div id="endnotes">', *_quoted("End Notes", end)]
        out += ["</div>", "</div>"]
    out += [
        f'<p class="message">End of <b>{title}</b>.</p>' if title else '<p class="message"></p>',
        "</div>",
        "</body>",
        "</html>",
        "",
    ]
    # XML knows no &nbsp;: the file stays well-formed XHTML (our only named entity).
    return "\n".join(out).replace("&nbsp;", "&#160;")


def refusals(work: ExportWork, options: ExportOptions) -> list[str]:
    """Why AO3 would refuse the selected chapters: a chapter text over AO3's limit (measured,
    as AO3 measures it, on the HTML posted), naming the field as the form does."""
    found = []
    for chapter in options.selected(work):
        length = len(chapter_html(chapter.body))
        if length > CHAPTER_TEXT.max_chars:
            field = "Work Text" if chapter.number == 1 else "Chapter Text"
            limit = replace(CHAPTER_TEXT, label=f"Chapter {chapter.number}: {field}")
            problem = check_length(limit, length)
            assert problem is not None
            found.append(problem.message)
    return found


def export(work: ExportWork, options: ExportOptions | None = None) -> str:
    """What the AO3 target produces.

    One selected chapter: its text for the Work Text / Chapter Text field, ready to paste into
    AO3's HTML tab (the other fields come from ``post_fields``). Several (or all): the whole
    selection as one file in AO3's download layout (``work_html``), to read or keep.
    """
    options = options or ExportOptions()
    chapters = options.selected(work)
    if len(chapters) == 1:
        return chapter_html(chapters[0].body)
    return work_html(work, options)

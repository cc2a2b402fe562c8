"""Front matter laid out by a template the author can edit: AO3's notes, FFN's header block.

A template is lines of text; ``{name}`` stands for a piece of front matter (see
``PLACEHOLDERS``) and the canonical inline tags (``<strong>``, ``<em>``...) may be used
around them. Each line becomes a paragraph. A line whose placeholders are all empty, or
belong to a part left out of this export, is dropped: one template serves a work with a
prompt and one without. Rich values (disclaimer, notes...) keep their formatting; a value
of several paragraphs continues on paragraphs of its own.
"""

from __future__ import annotations

import re

from editor.formats.work import ExportChapter, ExportWork
from editor.model import ArchiveWarning
from editor.text.richtext import escape_text, is_blank, normalize

DEFAULT_AO3_NOTES = """\
<strong>Prompt:</strong> {prompt}
Prompted by {prompt_by}
Written for {prompt_collection}
{dedication}
<strong>Disclaimer:</strong> {disclaimer}
<strong>Content warnings:</strong> {content_warnings}
<strong>Chapter warnings:</strong> {chapter_warnings}
{notes_begin}"""

DEFAULT_FFN_HEADER = """\
<strong>{title}</strong>
{chapter_label}: {chapter_title}
<strong>Rating:</strong> {ffn_rating}
<strong>Warnings:</strong> {ffn_warnings}
<strong>Summary:</strong> {summary}
<strong>Chapter summary:</strong> {chapter_summary}
<strong>Disclaimer:</strong> {disclaimer}
<strong>Dedication:</strong> {dedication}
<strong>Prompt:</strong> {prompt}
<strong>A/N:</strong> {notes_begin}"""

DEFAULT_FFN_FOOTER = """<strong>A/N:</strong> {notes_end}"""

# placeholder -> the front-matter part (work.FRONT_MATTER_PARTS) that switches it off;
# None: always shown when it has a value.
PLACEHOLDERS: dict[str, str | None] = {
    "title": "title",
    "author": None,
    "fandoms": None,
    "rating": "rating",
    "ffn_rating": "rating",
    "archive_warnings": "warnings",
    "content_warnings": "warnings",
    "chapter_warnings": "warnings",
    "warnings": "warnings",
    "ffn_warnings": "warnings",
    "categories": None,
    "relationships": None,
    "characters": None,
    "additional_tags": None,
    "summary": "summary",
    "chapter_summary": "summary",
    "disclaimer": "disclaimer",
    "dedication": "dedication",
    "gift_recipients": "dedication",
    "prompt": "prompt",
    "prompt_by": "prompt",
    "prompt_collection": "prompt",
    "chapter_label": "chapter_label",
    "chapter_title": "chapter_label",
    "notes_begin": "notes_begin",
    "notes_end": "notes_end",
    "words": None,
}
_NOT_WARNINGS = frozenset({ArchiveWarning.CHOSE_NOT_TO_USE, ArchiveWarning.NONE_APPLY})
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_PARAGRAPH = re.compile(r"<p(?: align=\"\w+\")?>(.*)</p>")


def _plain(value: str) -> str:
    return escape_text(value)


def _joined(items: tuple[str, ...] | list[str]) -> str:
    return escape_text(", ".join(items))


def values(work: ExportWork, chapter: ExportChapter | None) -> dict[str, str]:
    """Every placeholder's value as canonical HTML: inline for plain values, blocks for rich."""
    meta = work.meta
    # AO3 lets archive warnings combine (otwarchive has no rule against it): print each one.
    archive = [w.value for w in meta.archive_warnings]
    chapter_warnings = list(chapter.meta.warnings) if chapter else []
    out = {
        "title": _plain(meta.title),
        "author": _plain(meta.author),
        "fandoms": _joined(meta.fandoms),
        "rating": _plain(meta.rating.value),
        "ffn_rating": _plain(meta.effective_ffn_rating.value),
        "archive_warnings": _joined(archive),
        "content_warnings": _joined(meta.content_warnings),
        "chapter_warnings": _joined(chapter_warnings),
        "warnings": _joined([*archive, *meta.content_warnings, *chapter_warnings]),
        # AO3's two "no warning" choices mean nothing on FFN, which has no such field.
        "ffn_warnings": _joined(
            [
                *(w.value for w in meta.archive_warnings if w not in _NOT_WARNINGS),
                *meta.content_warnings,
                *chapter_warnings,
            ]
        ),
        "categories": _joined([c.value for c in meta.categories]),
        "relationships": _joined(meta.relationships),
        "characters": _joined(meta.characters),
        "additional_tags": _joined(meta.additional_tags),
        "summary": meta.summary,
        "chapter_summary": chapter.meta.summary if chapter else "",
        "disclaimer": meta.disclaimer,
        "dedication": meta.dedication,
        "gift_recipients": _joined(meta.gift_recipients),
        "prompt": meta.prompt,
        "prompt_by": _plain(meta.prompt_by),
        "prompt_collection": _plain(meta.prompt_collection),
        "chapter_label": _plain(work.chapter_label(chapter)) if chapter else "",
        "chapter_title": _plain(chapter.title) if chapter else "",
        "notes_begin": chapter.meta.notes_begin if chapter else "",
        "notes_end": chapter.meta.notes_end if chapter else "",
        "words": f"{(chapter.words if chapter else work.words):,}",
    }
    return out


def compose(
    template: str,
    work: ExportWork,
    chapter: ExportChapter | None,
    parts: frozenset[str],
) -> str:
    """The template filled in, as canonical HTML ('' when nothing is left)."""
    found = values(work, chapter)
    lines: list[str] = []
    for line in template.splitlines():
        names = _PLACEHOLDER.findall(line)
        if not line.strip():
            continue
        shown = {
            name: "" if is_blank(value := found.get(name, "")) else value
            for name in names
            if PLACEHOLDERS.get(name) is None or PLACEHOLDERS[name] in parts
        }
        if names and not any(shown.values()):
            continue  # nothing to say on this line in this export
        lines.extend(_fill(line, {n: shown.get(n, "") for n in names}))
    return normalize("\n".join(lines))


def _fill(line: str, shown: dict[str, str]) -> list[str]:
    """One template line as canonical block lines; rich values may add paragraphs after it."""
    after: list[str] = []

    def substitute(match: re.Match[str]) -> str:
        value = shown.get(match.group(1), "")
        blocks = (
            value.split("\n") if ("<" in value and "\n" in value) or value.startswith("<") else []
        )
        if not blocks:
            return value
        first = _PARAGRAPH.fullmatch(blocks[0])
        if first is None:  # a list or a quote first: it follows the line whole
            after.extend(blocks)
            return ""
        after.extend(blocks[1:])
        return first.group(1)

    # A value that went to blocks of its own leaves the label line ending in a space.
    text = _PLACEHOLDER.sub(substitute, line).rstrip()
    head = [f"<p>{text}</p>"] if re.sub(r"<[^>]+>", "", text).strip() else []
    return head + after

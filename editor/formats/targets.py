"""Every export target the Export dialog and ``ficwright export`` offer, by key.

Each target's module is imported when it is first used, not with this registry: ebooklib,
python-docx and markdown-it cost start-up time most sessions never need.
``per_chapter`` targets are posted a chapter at a time (the dialog offers one file or one
paste per chapter); the others hold the whole selection in one file. AO3 is not one of
them: one chapter is its text for the HTML tab, several are the work in AO3's download
layout, and Save writes exactly what the preview shows.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from editor.formats.work import FRONT_MATTER_PARTS, ExportChapter, ExportOptions, ExportWork

Exporter = Callable[[ExportWork, ExportOptions], "str | bytes"]


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    extension: str  # without the dot
    binary: bool  # export returns bytes (else str, to be saved as UTF-8)
    per_chapter: bool
    export: Exporter


def _lazy(module: str, function: str = "export") -> Exporter:
    def export(work: ExportWork, options: ExportOptions) -> str | bytes:
        module_ = importlib.import_module(f"editor.formats.{module}")
        exporter: Exporter = getattr(module_, function)
        return exporter(work, options)

    export.__qualname__ = export.__name__ = f"{module}.{function}"
    return export


TARGETS: dict[str, Target] = {
    t.key: t
    for t in (
        Target("ao3", "AO3 (HTML)", "html", False, False, _lazy("ao3")),
        Target("ffn", "FanFiction.Net (HTML)", "html", False, True, _lazy("ffn")),
        Target(
            "ffn-docx", "FanFiction.Net (DOCX)", "docx", True, True, _lazy("ffn", "export_docx")
        ),
        Target("md", "Markdown", "md", False, False, _lazy("markdown")),
        Target("txt", "Plain text", "txt", False, False, _lazy("plaintext")),
        Target("bbcode", "BBCode (forums)", "txt", False, False, _lazy("bbcode")),
        Target("html", "Web page (HTML)", "html", False, False, _lazy("html")),
        Target("epub", "EPUB e-book", "epub", True, False, _lazy("epub")),
        Target("docx", "Word document (DOCX)", "docx", True, False, _lazy("docx")),
        Target("odt", "OpenDocument text (ODT)", "odt", True, False, _lazy("pdf", "export_odt")),
        Target("pdf", "PDF", "pdf", True, False, _lazy("pdf")),
    )
}


def export_to(key: str, work: ExportWork, options: ExportOptions) -> str | bytes:
    """The export of ``work`` for target ``key`` (KeyError for an unknown key)."""
    return TARGETS[key].export(work, options)


EMPHASIS_MARKS = "emphasis_marks"  # the option ExportOptions.emphasis_marks, by name


def options_used(key: str, chapters: int) -> frozenset[str]:
    """The options that change an export of ``chapters`` chapters to target ``key``: names of
    front-matter parts and ``EMPHASIS_MARKS``. The dialog disables the others."""
    if key == "ao3" and chapters == 1:
        return frozenset()  # the Work Text field: front matter goes to the form's own fields
    parts = frozenset(FRONT_MATTER_PARTS)
    return parts | {EMPHASIS_MARKS} if key == "txt" else parts


def refusals(key: str, work: ExportWork, options: ExportOptions) -> list[str]:
    """Why the site behind target ``key`` would refuse this export ([] when it would not):
    the dialog shows them and saves nothing, the command line exits 1."""
    if key != "ao3":
        return []
    from editor.formats import ao3

    return ao3.refusals(work, options)


# Characters no file system (or Windows) accepts in a name, and the bidi controls that make
# "\u202egnp.exe" show as "exe.png" in a file manager.
_UNSAFE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f\u200e\u200f\u202a-\u202e\u2066-\u2069]')


def safe_file_name(name: str, fallback: str = "Untitled") -> str:
    """``name`` usable as a file name on every system (no slashes, no trailing dots)."""
    cleaned = _UNSAFE_NAME.sub("_", name).strip().rstrip(". ")
    return cleaned[:120] or fallback


def chapter_file_name(work: ExportWork, chapter: ExportChapter, target: Target) -> str:
    """'01 - Title.html': the number first so a folder lists the chapters in order."""
    width = max(2, len(str(len(work.chapters))))
    title = safe_file_name(chapter.title, f"Chapter {chapter.number}")
    return f"{chapter.number:0{width}d} - {title}.{target.extension.lstrip('.')}"

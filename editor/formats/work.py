"""What every exporter reads: a work with its chapters and front matter, loaded once.

Exporters are pure functions of an ``ExportWork`` and ``ExportOptions``; none touches
the store or Qt, so the command line, the Export dialog and the tests share them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from editor.model import ChapterMeta, WorkMeta, chapter_total
from editor.store.project import Project


@dataclass(frozen=True, slots=True)
class ExportChapter:
    id: int
    number: int  # 1-based position in the work
    title: str
    body: str  # canonical HTML
    words: int
    meta: ChapterMeta


@dataclass(frozen=True, slots=True)
class ExportWork:
    meta: WorkMeta
    chapters: tuple[ExportChapter, ...]

    @property
    def words(self) -> int:
        return sum(ch.words for ch in self.chapters)

    def chapter_total(self) -> str:
        """The M of "Chapter N of M" (``model.chapter_total``)."""
        return chapter_total(self.meta.expected_chapters, len(self.chapters), self.meta.status)

    def chapter_label(self, chapter: ExportChapter) -> str:
        """'Chapter 2 of 5' ('of ?' while the count is unknown), as AO3 and FFN show it."""
        return f"Chapter {chapter.number} of {self.chapter_total()}"


# The pieces of front matter an author can leave out of an export.
FRONT_MATTER_PARTS = (
    "title",
    "rating",
    "warnings",
    "disclaimer",
    "dedication",
    "prompt",
    "summary",
    "chapter_label",
    "notes_begin",
    "notes_end",
)


@dataclass(frozen=True, slots=True)
class ExportOptions:
    chapters: Sequence[int] | None = None  # chapter numbers (1-based) to export; None: all
    parts: frozenset[str] = field(default_factory=lambda: frozenset(FRONT_MATTER_PARTS))
    emphasis_marks: bool = False  # plain text: *italic*, **bold** (some forums want them)

    def selected(self, work: ExportWork) -> list[ExportChapter]:
        if self.chapters is None:
            return list(work.chapters)
        wanted = set(self.chapters)
        return [ch for ch in work.chapters if ch.number in wanted]


def load_work(project: Project, current: dict[int, str] | None = None) -> ExportWork:
    """Everything an export needs from ``project``; ``current`` overrides stored bodies
    (the open chapter's unsaved text, so an export never lags behind the editor)."""
    current = current or {}
    chapters = tuple(
        ExportChapter(
            id=info.id,
            number=i + 1,
            title=info.title,
            body=current.get(info.id, project.body(info.id)),
            words=info.words,
            meta=project.chapter_meta(info.id),
        )
        for i, info in enumerate(project.chapters())
    )
    return ExportWork(meta=project.meta(), chapters=chapters)

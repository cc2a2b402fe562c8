"""Side panel: AO3's archive warnings, the work's content warnings, and the chapter's own."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from editor.formats.limits import Level
from editor.model import ArchiveWarning, ChapterMeta, WorkMeta
from editor.ui.panels.work_details import member_object_name, scroll_body, show_tags, tag_field
from editor.ui.widgets.counter import level_color

NO_CHAPTER = -1
_MARGIN = 4


class WarningsPanel(QWidget):
    """Warnings for the whole work and for the selected chapter."""

    metaEdited = Signal(str, object)  # ("archive_warnings" | "content_warnings", tuple)
    chapterMetaEdited = Signal(int, str, object)  # (chapter id, "warnings", tuple[str, ...])

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningsPanel")
        self._chapter_id = NO_CHAPTER

        body = scroll_body(self)
        layout = QVBoxLayout(body)
        # Slim margins: the longest AO3 warning label nearly fills a narrow dock on its own.
        layout.setContentsMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN)

        archive = QGroupBox(self.tr("Archive Warnings"), body)
        archive.setObjectName("archiveWarningsGroup")
        archive_layout = QVBoxLayout(archive)
        archive_layout.setContentsMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN)
        self._boxes: dict[ArchiveWarning, QCheckBox] = {}
        for warning in ArchiveWarning:
            # AO3's labels as they are: the author matches them against the site's form.
            box = QCheckBox(str(warning), archive)
            box.setObjectName(member_object_name("warning", warning))
            box.setAccessibleName(str(warning))
            box.clicked.connect(lambda checked, w=warning: self._on_warning_clicked(w, checked))
            archive_layout.addWidget(box)
            self._boxes[warning] = box
        self._required = QLabel(self.tr("AO3 requires at least one archive warning."), archive)
        self._required.setObjectName("archiveWarningsHint")
        self._required.setWordWrap(True)
        archive_layout.addWidget(self._required)
        layout.addWidget(archive)

        content = QGroupBox(self.tr("Content Warnings"), body)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN)
        self._content = tag_field(
            content,
            "contentWarningsField",
            self.tr("Content Warnings"),
            self.tr("Anything readers should know"),
        )
        content_layout.addWidget(self._content)
        layout.addWidget(content)

        chapter = QGroupBox(self.tr("This chapter"), body)
        chapter.setObjectName("thisChapterGroup")
        chapter_layout = QVBoxLayout(chapter)
        chapter_layout.setContentsMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN)
        self._chapter_heading = QLabel(chapter)
        self._chapter_heading.setObjectName("chapterWarningsLabel")
        self._chapter_heading.setWordWrap(True)
        self._chapter_warnings = tag_field(
            chapter,
            "chapterWarningsField",
            self.tr("This chapter's warnings"),
            self.tr("Warnings for this chapter only"),
        )
        chapter_layout.addWidget(self._chapter_heading)
        chapter_layout.addWidget(self._chapter_warnings)
        self._chapter_group = chapter
        layout.addWidget(chapter)
        layout.addStretch(1)

        self._content.tagsChanged.connect(
            lambda: self.metaEdited.emit("content_warnings", tuple(self._content.tags()))
        )
        self._chapter_warnings.tagsChanged.connect(self._on_chapter_warnings_changed)
        self.show_chapter(NO_CHAPTER, "", "", None)
        self._update_required()

    # -- the panel contract -----------------------------------------------------------

    def show_meta(self, meta: WorkMeta) -> None:
        """Show ``meta`` without emitting anything (checkboxes emit only when clicked)."""
        for warning, box in self._boxes.items():
            box.setChecked(warning in meta.archive_warnings)
        show_tags(self._content, meta.content_warnings)
        self._update_required()

    def show_chapter(
        self, chapter_id: int, title: str, label: str, meta: ChapterMeta | None
    ) -> None:
        """Follow the selected chapter; ``chapter_id`` -1 when none is selected."""
        if chapter_id != self._chapter_id:
            # A half-typed tag belongs to the chapter it was typed for: drop it rather than
            # let Enter add it to this one. (TagEditor.set_tags keeps the input's text.)
            self._chapter_warnings.line_edit().setText("")
        self._chapter_id = chapter_id
        none = chapter_id == NO_CHAPTER
        self._chapter_group.setEnabled(not none)
        if none:
            heading = self.tr("Select a chapter to give it warnings of its own.")
        elif title:
            heading = self.tr("{label}: {title}").format(label=label, title=title)
        else:
            heading = label
        self._chapter_heading.setText(heading)
        show_tags(self._chapter_warnings, meta.warnings if meta is not None and not none else ())

    def set_completions(self, tags: Iterable[str]) -> None:
        tags = list(tags)
        self._content.set_completions(tags)
        self._chapter_warnings.set_completions(tags)

    def archive_warnings(self) -> tuple[ArchiveWarning, ...]:
        """The checked warnings, in AO3's order."""
        return tuple(w for w, box in self._boxes.items() if box.isChecked())

    # -- reacting ---------------------------------------------------------------------

    def _on_warning_clicked(self, _warning: ArchiveWarning, _checked: bool) -> None:
        # Independent boxes, as on AO3's form: it requires one warning at least and takes
        # any mix ("Creator Chose Not To Use" beside the warnings the author does give).
        self._update_required()
        self.metaEdited.emit("archive_warnings", self.archive_warnings())

    def _on_chapter_warnings_changed(self) -> None:
        if self._chapter_id != NO_CHAPTER:
            tags = tuple(self._chapter_warnings.tags())
            self.chapterMetaEdited.emit(self._chapter_id, "warnings", tags)

    def _update_required(self) -> None:
        missing = not self.archive_warnings()
        color = level_color(Level.WARN, self.palette()) if missing else None
        palette = self._required.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText,
            color or self.palette().color(QPalette.ColorRole.WindowText),
        )
        self._required.setPalette(palette)
        self._required.setProperty("missing", missing)

    def changeEvent(self, event: QEvent) -> None:
        # A switch between light and dark palettes picks the hint's other colour.
        if event.type() == QEvent.Type.PaletteChange:
            self._update_required()
        super().changeEvent(event)

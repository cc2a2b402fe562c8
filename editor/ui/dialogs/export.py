"""File ▸ Export…: choose a target, chapters and front matter; preview, copy or save.

The dialog only shows and writes what ``formats.targets`` produces. Exports run on the
thread pool (a whole work to EPUB can take a while) and report back through a relay
object living on the UI thread; option changes are debounced so typing a range or
ticking boxes never waits on an export.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontDatabase, QPagedPaintDevice, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.background import run_in_background
from editor.fileio import write_atomic
from editor.formats.ffn import ffn_warnings
from editor.formats.targets import (  # safe_file_name: the main window names files with it
    EMPHASIS_MARKS,
    TARGETS,
    Target,
    chapter_file_name,
    export_to,
    options_used,
    refusals,
    safe_file_name,
)
from editor.formats.work import FRONT_MATTER_PARTS, ExportChapter, ExportOptions, ExportWork
from editor.ui import pasting

PREVIEW_DELAY_MS = 200  # after the last option change
RENDER_LIMIT = 400_000  # characters of a rendered preview: a long work's start
PAGED = frozenset({"pdf", "epub", "docx", "odt"})  # previewed as pages
PREVIEW_PAGES = 4
PAGE_HTML_LIMIT = 40_000  # characters of the page laid out for them: a few pages' worth
PROGRESS_DELAY_MS = 300  # a quicker export never flashes a progress bar
HTML_EXTENSIONS = frozenset({"html", "htm", "xhtml"})
DEFAULT_TARGET = "ao3"
SETTING_TARGET = "export/target"
SETTING_PARTS = "export/parts"
SETTING_EMPHASIS = "export/emphasisMarks"
SETTING_FOLDER = "export/folder"

CHAPTERS_CURRENT, CHAPTERS_RANGE, CHAPTERS_ALL = 0, 1, 2


def extension(target: Target) -> str:
    return "." + target.extension.lstrip(".")


def is_html(target: Target) -> bool:
    return target.extension.lstrip(".").lower() in HTML_EXTENSIONS


class SaveFailed(Exception):
    """A file could not be written; the message names it and says why."""


@dataclass(frozen=True, slots=True)
class _Preview:
    serial: int
    text: str
    warnings: tuple[str, ...]
    refused: tuple[str, ...] = ()  # why the site would refuse it: nothing may be saved
    rendered: str = ""  # as the reader sees it: HTML, or plain text when ``plain``
    plain: bool = True
    pages_html: str = ""  # a paged file's start (``pdf.page_html``), shown as page images


def one_chapter(options: ExportOptions, chapter: ExportChapter) -> ExportOptions:
    """``options`` for ``chapter`` alone: one file of a per-chapter target."""
    return replace(options, chapters=[chapter.number])


def _save_files(files: list[tuple[Path, Callable[[], str | bytes]]]) -> list[Path]:
    """Export and write each file in turn (on a worker)."""
    written: list[Path] = []
    for path, produce in files:
        data = produce()
        raw = data.encode("utf-8") if isinstance(data, str) else data
        try:
            write_atomic(path, raw, files_only=True)  # never replaces a link or a device
        except OSError as e:
            raise SaveFailed(f"“{path}”: {e.strerror or e}") from None
        written.append(path)
    return written


class ExportDialog(QDialog):
    """Export the open work; ``work`` already holds the open chapter's unsaved text."""

    previewUpdated = Signal()  # the preview shows the current options
    saved = Signal(list)  # the paths written
    saveFailed = Signal(str)

    def __init__(
        self,
        work: ExportWork,
        current_chapter: int,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        self.resize(900, 680)
        self._work = work
        self._settings = settings
        self._serial = 0  # of the newest preview asked for; older results are dropped
        self._preview = _Preview(-1, "", ())
        self._saving = False
        self._has_pages = False
        self._jobs = 0  # running tasks, for the progress bar
        count = max(1, len(work.chapters))
        current = min(max(1, current_chapter), count)

        self._target = QComboBox(self)
        self._target.setObjectName("exportTarget")
        for key, target in TARGETS.items():
            self._target.addItem(target.label, key)
        remembered = str(settings.value(SETTING_TARGET, DEFAULT_TARGET) or DEFAULT_TARGET)
        index = self._target.findData(remembered)
        self._target.setCurrentIndex(max(0, index))

        self._chapter_mode = QButtonGroup(self)
        self._this = QRadioButton(self.tr("This chapter ({n})").format(n=current), self)
        self._this.setObjectName("chaptersCurrent")
        self._range = QRadioButton(self.tr("Chapters"), self)
        self._range.setObjectName("chaptersRange")
        self._all = QRadioButton(self.tr("All {n} chapters").format(n=len(work.chapters)), self)
        self._all.setObjectName("chaptersAll")
        for mode, button in enumerate((self._this, self._range, self._all)):
            self._chapter_mode.addButton(button, mode)
        self._this.setChecked(True)
        self._current = current
        self._from = QSpinBox(self)
        self._from.setObjectName("chapterFrom")
        self._to = QSpinBox(self)
        self._to.setObjectName("chapterTo")
        for spin in (self._from, self._to):
            spin.setRange(1, count)
            spin.setValue(current)
            spin.setAccessibleName(
                self.tr("First chapter") if spin is self._from else self.tr("Last chapter")
            )

        self._part_boxes: dict[str, QCheckBox] = {}
        parts = self._remembered_parts()
        labels = self._part_labels()
        for name in FRONT_MATTER_PARTS:
            box = QCheckBox(labels.get(name, name), self)
            box.setObjectName(f"part_{name}")
            box.setChecked(name in parts)
            self._part_boxes[name] = box
        self._emphasis = QCheckBox(self.tr("&Emphasis marks (*italic*, **bold**)"), self)
        self._emphasis.setObjectName("exportEmphasisMarks")
        self._emphasis.setToolTip(
            self.tr("Plain text: write emphasis as some forums want it. Off: no markup at all.")
        )
        self._emphasis.setChecked(
            str(settings.value(SETTING_EMPHASIS, "false")).lower() in ("true", "1")
        )

        self._preview_edit = QPlainTextEdit(self)
        self._preview_edit.setObjectName("exportPreview")
        self._preview_edit.setReadOnly(True)
        self._preview_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._preview_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._preview_edit.setAccessibleName(self.tr("Preview"))
        self._rendered = QTextBrowser(self)
        self._rendered.setObjectName("exportRendered")
        self._rendered.setOpenLinks(False)  # a preview, not a browser
        self._rendered.setAccessibleName(self.tr("Preview as the reader sees it"))
        self._show_markup = QCheckBox(self.tr("Show &markup"), self)
        self._show_markup.setObjectName("exportShowMarkup")
        self._show_markup.setToolTip(
            self.tr("The text as it is written to the file, instead of as it reads")
        )
        self._pages = QScrollArea(self)
        self._pages.setObjectName("exportPages")
        self._pages.setWidgetResizable(True)
        self._pages.setAccessibleName(self.tr("The first pages"))
        self._views = QStackedWidget(self)
        self._views.addWidget(self._rendered)
        self._views.addWidget(self._pages)
        self._views.addWidget(self._preview_edit)
        self._show_markup.toggled.connect(self._show_view)
        self._warnings_label = QLabel(self)
        self._warnings_label.setObjectName("ffnWarningsLabel")
        self._warnings_label.setWordWrap(True)
        self._warnings = QListWidget(self)
        self._warnings.setObjectName("ffnWarnings")
        self._warnings.setMaximumHeight(120)
        self._warnings.setAccessibleName(self.tr("What FanFiction.Net would strip"))
        self._progress = QProgressBar(self)
        self._progress.setObjectName("exportProgress")
        self._progress.setRange(0, 0)  # busy: an export has no steps to count
        self._progress.setTextVisible(False)
        self._progress.hide()
        self._status = QLabel(self)
        self._status.setObjectName("exportStatus")
        self._status.setWordWrap(True)

        self._copy = QPushButton(self.tr("&Copy to Clipboard"), self)
        self._copy.setObjectName("exportCopy")
        self._save = QPushButton(self.tr("&Save…"), self)
        self._save.setObjectName("exportSave")
        self._print = QPushButton(self.tr("&Print…"), self)
        self._print.setObjectName("exportPrint")
        self._print.setToolTip(
            self.tr("Print the chosen chapters and front matter as the PDF lays them out")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self._print, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self._copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self._save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self._copy.clicked.connect(self.copy_to_clipboard)
        self._save.clicked.connect(self.save)
        self._print.clicked.connect(self.print_with_dialog)

        self._layout(buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(PREVIEW_DELAY_MS)
        self._debounce.timeout.connect(self._refresh)
        self._show_progress = QTimer(self)
        self._show_progress.setSingleShot(True)
        self._show_progress.setInterval(PROGRESS_DELAY_MS)
        self._show_progress.timeout.connect(lambda: self._progress.setVisible(self._jobs > 0))

        self._target.currentIndexChanged.connect(self._target_changed)
        self._chapter_mode.idToggled.connect(lambda _id, on: on and self._changed())
        self._from.valueChanged.connect(self._from_changed)
        self._to.valueChanged.connect(self._to_changed)
        for box in self._part_boxes.values():
            box.toggled.connect(self._parts_changed)
        self._emphasis.toggled.connect(self._emphasis_changed)
        self._enable_range()
        self._changed()
        self._refresh()  # the first preview without waiting for the debounce

    # -- layout ---------------------------------------------------------------------

    def _layout(self, buttons: QDialogButtonBox) -> None:
        options = QWidget(self)
        form = QFormLayout(options)
        form.addRow(self.tr("&Format:"), self._target)
        chapters = QGroupBox(self.tr("Chapters"), self)
        grid = QGridLayout(chapters)
        grid.addWidget(self._this, 0, 0, 1, 4)
        grid.addWidget(self._range, 1, 0)
        grid.addWidget(self._from, 1, 1)
        grid.addWidget(QLabel(self.tr("to"), chapters), 1, 2)
        grid.addWidget(self._to, 1, 3)
        grid.addWidget(self._all, 2, 0, 1, 4)
        parts = QGroupBox(self.tr("Front matter"), self)
        parts_layout = QVBoxLayout(parts)
        for box in self._part_boxes.values():
            parts_layout.addWidget(box)
        side = QVBoxLayout()
        side.addWidget(options)
        side.addWidget(chapters)
        side.addWidget(parts)
        side.addWidget(self._emphasis)
        side.addStretch(1)
        main = QVBoxLayout()
        main.addWidget(self._views, 1)
        main.addWidget(self._show_markup)
        main.addWidget(self._warnings_label)
        main.addWidget(self._warnings)
        main.addWidget(self._progress)
        main.addWidget(self._status)
        top = QHBoxLayout()
        top.addLayout(side)
        top.addLayout(main, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top, 1)
        outer.addWidget(buttons)

    def _part_labels(self) -> dict[str, str]:
        return {
            "title": self.tr("Title"),
            "rating": self.tr("Rating"),
            "warnings": self.tr("Warnings"),
            "disclaimer": self.tr("Disclaimer"),
            "dedication": self.tr("Dedication"),
            "prompt": self.tr("Prompt"),
            "summary": self.tr("Summary"),
            "chapter_label": self.tr("“Chapter N of M”"),
            "notes_begin": self.tr("Notes at the beginning"),
            "notes_end": self.tr("Notes at the end"),
        }

    def _remembered_parts(self) -> frozenset[str]:
        value = self._settings.value(SETTING_PARTS)
        if value is None:
            return frozenset(FRONT_MATTER_PARTS)
        if isinstance(value, list):  # a list setting comes back as a list
            value = ",".join(str(v) for v in value)
        return frozenset(str(value).split(",")) & frozenset(FRONT_MATTER_PARTS)

    # -- what is chosen ----------------------------------------------------------------

    def target(self) -> Target:
        return TARGETS[str(self._target.currentData())]

    def set_target(self, key: str) -> None:
        self._target.setCurrentIndex(self._target.findData(key))

    def options(self) -> ExportOptions:
        mode = self._chapter_mode.checkedId()
        chapters: list[int] | None
        if mode == CHAPTERS_ALL:
            chapters = None
        elif mode == CHAPTERS_RANGE:
            chapters = list(range(self._from.value(), self._to.value() + 1))
        else:
            chapters = [self._current]
        parts = frozenset(name for name, box in self._part_boxes.items() if box.isChecked())
        return ExportOptions(
            chapters=chapters, parts=parts, emphasis_marks=self._emphasis.isChecked()
        )

    def preview_text(self) -> str:
        return self._preview_edit.toPlainText()

    def warnings(self) -> list[str]:
        return [self._warnings.item(i).text() for i in range(self._warnings.count())]

    def is_current(self) -> bool:
        """True once the preview shows the chosen options (no export pending)."""
        return self._preview.serial == self._serial and not self._debounce.isActive()

    def is_busy(self) -> bool:
        return self._jobs > 0 or self._debounce.isActive()

    # -- option changes -----------------------------------------------------------------

    def _target_changed(self) -> None:
        self._settings.setValue(SETTING_TARGET, self.target().key)
        self._changed()

    def _parts_changed(self) -> None:
        parts = [n for n in FRONT_MATTER_PARTS if self._part_boxes[n].isChecked()]
        self._settings.setValue(SETTING_PARTS, ",".join(parts))
        self._changed()

    def _emphasis_changed(self, on: bool) -> None:
        self._settings.setValue(SETTING_EMPHASIS, on)
        self._changed()

    def _from_changed(self, value: int) -> None:
        if self._to.value() < value:
            self._to.setValue(value)
        self._range.setChecked(True)
        self._changed()

    def _to_changed(self, value: int) -> None:
        if self._from.value() > value:
            self._from.setValue(value)
        self._range.setChecked(True)
        self._changed()

    def _enable_range(self) -> None:
        many = len(self._work.chapters) > 1
        for widget in (self._range, self._from, self._to):
            widget.setEnabled(many)

    def _changed(self) -> None:
        self._serial += 1  # whatever is running now is out of date
        self._status.clear()  # "Saved …" or "Copied …" was about other options
        self._enable_options()
        self._update_buttons()
        self._debounce.start()

    def _enable_options(self) -> None:
        """Only the options that change this export can be changed: the rest say why not."""
        target = self.target()
        used = options_used(target.key, len(self.options().selected(self._work)))
        why = self.tr("Changes nothing in {label} for these chapters.").format(label=target.label)
        if target.key == "ao3":
            why = self.tr(
                "One chapter for AO3 is the Work Text field alone: the front matter goes to "
                "the form's own fields (File ▸ Post Helper)."
            )
        boxes = [*self._part_boxes.items(), (EMPHASIS_MARKS, self._emphasis)]
        for name, box in boxes:
            box.setEnabled(name in used)
            box.setToolTip("" if name in used else why)

    def _update_buttons(self) -> None:
        target = self.target()
        has_text = bool(self._work.chapters)
        refused = bool(self._preview.refused) and self.is_current()
        self._copy.setEnabled(has_text and not target.binary and self.is_current() and not refused)
        self._print.setEnabled(has_text)
        self._save.setEnabled(has_text and not self._saving and not refused)
        self._copy.setToolTip(
            self.tr("{label} is a binary file: use Save…").format(label=target.label)
            if target.binary
            else ""
        )

    # -- the preview ----------------------------------------------------------------------

    def _refresh(self) -> None:
        self._debounce.stop()
        serial = self._serial
        target = self.target()
        options = self.options()
        ffn = target.key in ("ffn", "ffn-docx")
        if not self._work.chapters:
            self._show_preview(_Preview(serial, self.tr("The work has no chapters."), ()))
            return
        work = self._work
        chapters = options.selected(work)
        # Bytes mean nothing on screen: say what Save… will write instead.
        described = self._describe(target, options) if target.binary else ""
        file_heading = self.tr("— {name} —")

        def job() -> _Preview:
            refused = tuple(refusals(target.key, work, options))
            if refused:
                text = "\n".join(refused)
                return _Preview(serial, text, (), refused, text)
            found = tuple(ffn_warnings(work, options)) if ffn else ()
            if described:
                preview = _Preview(serial, described, found, (), *rendered(target.key, described))
                return with_pages(preview)
            if target.per_chapter and len(chapters) > 1:
                # Save… writes one file per chapter: show each under its name.
                text = "\n\n".join(
                    file_heading.format(name=chapter_file_name(work, ch, target))
                    + "\n\n"
                    + str(export_to(target.key, work, one_chapter(options, ch))).rstrip("\n")
                    for ch in chapters
                )
                return _Preview(serial, text, found, (), *rendered(target.key, text))
            text = export_to(target.key, work, options)
            assert isinstance(text, str)
            return _Preview(serial, text, found, (), *rendered(target.key, text))

        def rendered(key: str, text: str) -> tuple[str, bool]:
            """What a reader sees: HTML targets as rendered, plain text as it is, and the
            other formats (Markdown, BBCode, EPUB, DOCX, ODT, PDF) as their shared document
            layout renders (PDF and ODT are that page, laid out by Qt)."""
            if key == "txt":
                return text, True
            if key in ("ao3", "ffn", "html"):
                return text, False
            if key == "ffn-docx":
                return str(export_to("ffn", work, options)), False
            return str(export_to("html", work, options)), False

        def with_pages(preview: _Preview) -> _Preview:
            if target.key not in PAGED:
                return preview
            from editor.formats.pdf import page_html

            return replace(preview, pages_html=page_html(work, options)[:PAGE_HTML_LIMIT])

        self._start(job, self._show_preview, self._preview_failed)

    def _show_preview(self, result: object) -> None:
        assert isinstance(result, _Preview)
        if result.serial != self._serial:
            return  # options changed while this ran; a newer preview is on its way
        self._preview = result
        scroll = self._preview_edit.verticalScrollBar().value()
        self._preview_edit.setPlainText(result.text)
        self._preview_edit.verticalScrollBar().setValue(scroll)
        # Laid out in this thread: a whole long work shows its start (the file has it all).
        shown = result.rendered[:RENDER_LIMIT]
        scroll = self._rendered.verticalScrollBar().value()
        if result.plain:
            self._rendered.setPlainText(shown)
        else:
            self._rendered.setHtml(shown)
        self._rendered.verticalScrollBar().setValue(scroll)
        self._show_pages(result.pages_html)
        self._show_view()
        self._warnings.clear()
        ffn = self.target().key in ("ffn", "ffn-docx")
        self._warnings.addItems(list(result.refused or result.warnings))
        self._warnings_label.setVisible(ffn or bool(result.refused))
        self._warnings.setVisible(ffn or bool(result.refused))
        if result.refused:
            self._warnings_label.setText(
                self.tr("{label} would refuse this; nothing can be copied or saved:").format(
                    label=self.target().label
                )
            )
        else:
            self._warnings_label.setText(
                self.tr("FanFiction.Net would strip or change:")
                if result.warnings
                else self.tr("FanFiction.Net keeps everything in these chapters.")
            )
        self._update_buttons()
        self.previewUpdated.emit()

    def _show_pages(self, paged_html: str) -> None:
        """A PDF's, EPUB's or Word file's first pages as images (the PDF's A5 layout)."""
        from editor.formats.pdf import page_images

        images = page_images(paged_html, PREVIEW_PAGES) if paged_html else []
        holder = QWidget(self._pages)
        column = QVBoxLayout(holder)
        for n, image in enumerate(images, start=1):
            page = QLabel(holder)
            page.setObjectName(f"exportPage{n}")
            page.setPixmap(QPixmap.fromImage(image))
            page.setAccessibleName(self.tr("Page {n}").format(n=n))
            column.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        self._pages.setWidget(holder)  # the old page images go with their holder
        self._has_pages = bool(images)

    def _show_view(self) -> None:
        """The file's text with Show markup; else the pages of a paged file, or the text as
        it reads."""
        if self._show_markup.isChecked():
            self._views.setCurrentWidget(self._preview_edit)
        elif self._has_pages:
            self._views.setCurrentWidget(self._pages)
        else:
            self._views.setCurrentWidget(self._rendered)

    def _preview_failed(self, message: str) -> None:
        self._preview_edit.setPlainText(self.tr("The export failed: {error}").format(error=message))
        self._update_buttons()

    def _describe(self, target: Target, options: ExportOptions) -> str:
        chapters = options.selected(self._work)
        words = sum(ch.words for ch in chapters)
        labels = self._part_labels()
        parts = [labels[n] for n in FRONT_MATTER_PARTS if n in options.parts]
        if len(chapters) == len(self._work.chapters):
            which = self.tr("all {n} chapters").format(n=len(chapters))
        elif len(chapters) == 1:
            which = self.tr("chapter {n}").format(n=chapters[0].number)
        else:
            which = self.tr("chapters {a}–{b}").format(a=chapters[0].number, b=chapters[-1].number)
        lines = [
            self.tr("{label} is a binary file; it is not shown here.").format(label=target.label),
            "",
            self.tr("Save… writes one file per chapter, “{name}” first ({words} words).").format(
                name=chapter_file_name(self._work, chapters[0], target), words=f"{words:,}"
            )
            if target.per_chapter and len(chapters) > 1
            else self.tr("Save… writes “{name}” with {which} ({words} words).").format(
                name=self._default_name(target), which=which, words=f"{words:,}"
            ),
            self.tr("Front matter: {parts}.").format(
                parts=", ".join(parts) if parts else self.tr("none")
            ),
        ]
        return "\n".join(lines)

    # -- copy and save ----------------------------------------------------------------------

    def copy_to_clipboard(self) -> None:
        target = self.target()
        if target.binary or not self.is_current():
            return
        text = self._preview.text
        mime = pasting.clipboard_data()
        mime.setText(text)
        if is_html(target):
            mime.setHtml(text)  # a rich-text editor pastes it formatted
        QApplication.clipboard().setMimeData(mime)
        self._status.setText(self.tr("Copied {n} characters.").format(n=f"{len(text):,}"))

    def _default_name(self, target: Target) -> str:
        return safe_file_name(self._work.meta.title) + extension(target)

    def _folder(self) -> Path:
        folder = self._settings.value(SETTING_FOLDER)
        if folder and Path(str(folder)).is_dir():
            return Path(str(folder))
        return Path.home()

    def print_with_dialog(self) -> None:
        """Qt's print dialog, then the document layout onto the printer chosen."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._work.meta.title or self.tr("Untitled"))
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, device: QPagedPaintDevice) -> None:
        """The chosen chapters and front matter, laid out as the PDF, onto ``device``."""
        from editor.formats.pdf import print_document

        print_document(self._work, self.options(), device)
        self._status.setText(self.tr("Sent to the printer."))

    def save(self) -> None:
        """Ask where, then export and write on a worker; errors keep the dialog open."""
        if self._saving or not self._work.chapters or self._save_refused():
            return
        target = self.target()
        options = self.options()
        chapters = options.selected(self._work)
        work = self._work
        files: list[tuple[Path, Callable[[], str | bytes]]] = []
        if target.per_chapter and len(chapters) > 1:
            chosen = QFileDialog.getExistingDirectory(
                self, self.tr("Save One File per Chapter In"), str(self._folder())
            )
            if not chosen:
                return
            folder = Path(chosen)
            for chapter in chapters:
                one = one_chapter(options, chapter)
                files.append(
                    (
                        folder / chapter_file_name(work, chapter, target),
                        lambda one=one: export_to(target.key, work, one),
                    )
                )
            existing = [p.name for p, _ in files if p.exists()]
            if existing and not self._confirm_replace(existing):
                return
        else:
            ext = extension(target)
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export as {label}").format(label=target.label),
                str(self._folder() / self._default_name(target)),
                self.tr("{label} (*{ext});;All files (*)").format(label=target.label, ext=ext),
            )
            if not chosen:
                return
            path = Path(chosen)
            if not path.suffix:
                path = path.with_name(path.name + ext)
            folder = path.parent
            files.append((path, lambda: export_to(target.key, work, options)))
        self._settings.setValue(SETTING_FOLDER, str(folder))
        self._saving = True
        self._update_buttons()
        self._status.setText(self.tr("Saving…"))
        self._start(lambda: _save_files(files), self._saved, self._save_failed)

    def _save_refused(self) -> bool:
        refused = refusals(self.target().key, self._work, self.options())
        if refused:
            self._status.setText("\n".join(refused))
        return bool(refused)

    def _confirm_replace(self, names: list[str]) -> bool:
        shown = "\n".join(names[:8]) + ("\n…" if len(names) > 8 else "")
        answer = QMessageBox.question(
            self,
            self.tr("Replace Files?"),
            self.tr("These files are already there and will be replaced:\n{names}").format(
                names=shown
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _saved(self, result: object) -> None:
        assert isinstance(result, list)
        self._saving = False
        self._update_buttons()
        if len(result) == 1:
            self._status.setText(self.tr("Saved “{path}”.").format(path=result[0]))
        else:
            self._status.setText(
                self.tr("Saved {n} files in “{folder}”.").format(
                    n=len(result), folder=result[0].parent if result else ""
                )
            )
        self.saved.emit(result)

    def _save_failed(self, message: str) -> None:
        self._saving = False
        self._update_buttons()
        text = self.tr(
            "Could not save {what}. Nothing else was changed; free some space or choose "
            "another place, then try again."
        ).format(what=message)
        self._status.setText(text)
        self.saveFailed.emit(message)
        QMessageBox.warning(self, self.tr("Export Failed"), text)

    # -- running jobs --------------------------------------------------------------------------

    def _start(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_fail: Callable[[str], None],
    ) -> None:
        def done(result: object) -> None:
            self._finished()
            on_done(result)

        def failed(message: str) -> None:
            self._finished()
            on_fail(message)

        self._jobs += 1
        if not self._show_progress.isActive() and not self._progress.isVisible():
            self._show_progress.start()
        run_in_background(job, done, failed, self)

    def _finished(self) -> None:
        self._jobs -= 1
        if self._jobs == 0:
            self._show_progress.stop()
            self._progress.hide()

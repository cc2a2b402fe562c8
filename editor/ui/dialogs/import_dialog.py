"""File ▸ Import…: text, Markdown, HTML and Word files into a work, after a preview.

Reading runs on the thread pool (a long fic in an old encoding takes a moment) and can be
cancelled. Nothing is written until Import: the author first sees what the importers found
(the fic header's fields, the chapters, the encodings), corrects or drops it, and then the
corrected result goes to ``apply_import`` in one go (``Workspace.import_result`` for the
open work, or a new work the main window creates).

A finding the author unticks is not set; the header line it came from stays out of the
chapter text too (the dialog says so), since the header is front matter, not story.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.background import run_in_background
from editor.formats import importers
from editor.formats.importers import Finding, ImportResult
from editor.formats.importers.header import label as header_label
from editor.formats.importers.header import parse_rating, split_list
from editor.model import ArchiveWarning, Category, FfnRating, Status
from editor.text import qtdoc
from editor.text.richtext import escape_text, normalize, plain_text, word_count
from editor.ui.dialogs.import_blocks import EdgeBlocks

SETTING_FOLDER = "import/folder"
READ_DELAY_MS = 100  # after the last change of files or options: one read, not one each
PROGRESS_DELAY_MS = 300  # a quicker read never flashes a progress bar
CHAPTER_PREFIX = "chapter:"
# Fields that hold canonical HTML: a corrected value is plain text, one paragraph a line.
RICH_FIELDS = frozenset(
    {"summary", "disclaimer", "dedication", "prompt", "notes_begin", "notes_end"}
)
LIST_FIELDS = frozenset(
    {
        "fandoms",
        "relationships",
        "characters",
        "additional_tags",
        "content_warnings",
        "gift_recipients",
        "warnings",
    }
)
_ENUMS: dict[str, type[FfnRating] | type[Status]] = {
    "ffn_rating": FfnRating,
    "status": Status,
}
_ENUM_LISTS: dict[str, type[ArchiveWarning] | type[Category]] = {
    "archive_warnings": ArchiveWarning,
    "categories": Category,
}

_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}
MULTILINE_ROLE = Qt.ItemDataRole.UserRole + 1
# Table columns.
F_LABEL, F_VALUE, F_FROM = range(3)
C_TITLE, C_WORDS, C_FROM = range(3)


def _member(enum: Any, text: str) -> Any:
    """The member whose value or name is ``text`` in any case ("f/m", "FM")."""
    key = text.strip().casefold()
    for member in enum:
        if key in (str(member.value).casefold(), member.name.casefold()):
            return member
    raise ValueError(text)


def value_text(value: Any) -> str:
    """A field's value as the author edits it: lists comma-separated, rich text plain."""
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, str) and value.startswith("<"):
        return plain_text(value)
    return str(value)


def parse_value(name: str, text: str) -> Any:
    """What the author typed for field ``name``, as the field stores it.

    ValueError when the field cannot hold it (an unknown rating, a count that is no number).
    """
    text = text.strip()
    if name == "rating":
        found = parse_rating(text)  # "T", "Teen", "PG-13": as the header reader reads it
        if found is None:
            raise ValueError(text)
        return found[0]
    if name in _ENUMS:
        return _member(_ENUMS[name], text)
    if name in _ENUM_LISTS:
        return tuple(_member(_ENUM_LISTS[name], item) for item in split_list(text))
    if name in LIST_FIELDS:
        return tuple(split_list(text))
    if name in ("series_part", "expected_chapters"):
        return int(text) if text and text != "?" else None
    if name in RICH_FIELDS:
        return normalize("".join(f"<p>{escape_text(line)}</p>" for line in text.splitlines()))
    return text


def chapter_field(field: str) -> tuple[int, str] | None:
    """``"chapter:2:summary"`` -> ``(2, "summary")`` (chapters from 1); None otherwise."""
    if not field.startswith(CHAPTER_PREFIX):
        return None
    number, _, name = field[len(CHAPTER_PREFIX) :].partition(":")
    return int(number), name


def encoding_name(codec: str) -> str:
    return _ENCODING_NAMES.get(codec.lower(), codec.upper())


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the findings table: a field and everything the header gave it.

    Findings of one field are one row (two "Tags:" lines make one list): the row shows the
    field's whole value, which the author corrects or drops as a whole.
    """

    field: str  # a WorkMeta field, "chapter:<n>:<name>", or "" (read and not kept)
    label: str
    text: str  # the value as first shown, editable
    source: str  # the original line(s)

    @property
    def kept(self) -> bool:
        return bool(self.field)

    @property
    def is_title(self) -> bool:
        where = chapter_field(self.field)
        return where is not None and where[1] == "title"

    @property
    def multiline(self) -> bool:
        where = chapter_field(self.field)
        return (where[1] if where else self.field) in RICH_FIELDS


def rows_of(result: ImportResult) -> list[Row]:
    """The findings table's rows, in the order the header gave them."""
    grouped: dict[str, list[Finding]] = {}
    unkept: list[tuple[int, Finding]] = []
    order: list[str | int] = []
    for i, finding in enumerate(result.findings):
        if not finding.field:
            unkept.append((i, finding))
            order.append(i)
        elif finding.field not in grouped:
            grouped[finding.field] = [finding]
            order.append(finding.field)
        else:
            grouped[finding.field].append(finding)
    for name in result.fields:  # set without a line of its own (another file's fields)
        if name not in grouped:
            grouped[name] = []
            order.append(name)
    by_index = dict(unkept)
    rows: list[Row] = []
    for key in order:
        if isinstance(key, int):
            f = by_index[key]
            rows.append(Row("", f.label, f.value, f.source))
            continue
        findings = grouped[key]
        sources = "\n".join(dict.fromkeys(f.source for f in findings if f.source))
        label = findings[0].label if findings else header_label(key)
        rows.append(Row(key, label, value_text(_current(result, key)), sources))
    return rows


def _current(result: ImportResult, field: str) -> Any:
    where = chapter_field(field)
    if where is None:
        return result.fields.get(field)
    number, name = where
    if not 1 <= number <= len(result.chapters):
        return ""
    return getattr(result.chapters[number - 1], name, "")


@dataclass(frozen=True, slots=True)
class _Read:
    """What a worker hands back: the result, its rows and each chapter's word count."""

    result: ImportResult
    rows: tuple[Row, ...]
    words: tuple[int, ...]


class _ValueDelegate(QStyledItemDelegate):
    """Edits a rich field's value (paragraphs) in a box that takes Enter as a new line."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        if index.data(MULTILINE_ROLE):
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            return editor
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class _FileList(QListWidget):
    """The chosen files: reorderable by dragging; files dropped from outside are added."""

    filesDropped = Signal(list)  # local paths
    reordered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)

    def _external(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        return event.source() is not self and bool(local_files(event))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._external(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._external(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if self._external(event):
            event.acceptProposedAction()
            self.filesDropped.emit(local_files(event))
            return
        super().dropEvent(event)
        self.reordered.emit()


def local_files(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class ImportDialog(QDialog):
    """Choose files, see what goes where, correct it, import it.

    ``apply_import(result, overwrite_fields)`` writes the result: the new chapters' ids,
    [] if it failed (the dialog stays open) or None if the author backed out of it.
    """

    readFinished = Signal()  # the preview shows the chosen files, or why it cannot
    imported = Signal(list)  # the new chapters' ids
    _progressed = Signal(int, int, int)  # (read serial, done, total), from the worker

    def __init__(
        self,
        settings: QSettings,
        apply_import: Callable[[ImportResult, bool], list[int] | None],
        parent: QWidget | None = None,
        *,
        has_work: bool = True,
        first_number: int = 1,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import") if has_work else self.tr("Import as a New Work"))
        self.resize(1000, 720)
        self.setAcceptDrops(True)
        self._settings = settings
        self._apply_import = apply_import
        self._serial = 0  # of the newest read asked for; older results are dropped
        self._first_number = first_number  # the first imported chapter's place in the work
        self._cancel: threading.Event | None = None  # of the newest read
        self._read: _Read | None = None
        self._reordered = False  # the author chose an order: adding files keeps it
        self._filling = False  # tables being filled: their change signals are not edits

        self._files = _FileList(self)
        self._files.setObjectName("importFiles")
        self._files.setAccessibleName(self.tr("Files to import, in reading order"))
        self._add = QPushButton(self.tr("&Add Files…"), self)
        self._add.setObjectName("importAddFiles")
        self._remove = QPushButton(self.tr("&Remove"), self)
        self._remove.setObjectName("importRemoveFile")
        self._up = QPushButton(self.tr("Move &Up"), self)
        self._up.setObjectName("importMoveUp")
        self._down = QPushButton(self.tr("Move &Down"), self)
        self._down.setObjectName("importMoveDown")

        self._detect = QCheckBox(self.tr("Detect the fic &header (title, rating, notes…)"), self)
        self._detect.setObjectName("importDetectHeader")
        self._detect.setChecked(True)
        self._split = QCheckBox(self.tr("&Split into chapters at chapter headings"), self)
        self._split.setObjectName("importSplitChapters")
        self._split.setChecked(True)
        self._overwrite = QCheckBox(self.tr("&Overwrite fields the work already has"), self)
        self._overwrite.setObjectName("importOverwrite")
        self._overwrite.setToolTip(
            self.tr("Off: a field the work already has keeps its value; only empty ones are set.")
        )
        self._overwrite.setVisible(has_work)  # a new work has nothing to overwrite

        self._progress = QProgressBar(self)
        self._progress.setObjectName("importProgress")
        self._progress.setRange(0, 0)
        self._progress.hide()
        self._cancel_read = QPushButton(self.tr("Cancel &Reading"), self)
        self._cancel_read.setObjectName("importCancelRead")
        self._cancel_read.hide()
        self._reread = QPushButton(self.tr("Read &Again"), self)
        self._reread.setObjectName("importReread")
        self._reread.hide()
        self._status = QLabel(self)
        self._status.setObjectName("importStatus")
        self._status.setWordWrap(True)
        self._error = QLabel(self)
        self._error.setObjectName("importError")
        self._error.setWordWrap(True)
        self._error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._error.setStyleSheet("color: white; background: #b3261e;")  # an error, not a hint
        self._error.setMargin(6)
        self._error.hide()

        self._findings = QTableWidget(0, 3, self)
        self._findings.setObjectName("importFindings")
        self._findings.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Value"), self.tr("From")]
        )
        self._findings.setAccessibleName(self.tr("What the fic header gave"))
        self._findings.setItemDelegateForColumn(F_VALUE, _ValueDelegate(self._findings))
        self._findings.setWordWrap(True)
        self._findings_hint = QLabel(
            self.tr(
                "Double-click a value to correct it. Untick a line to leave that field unset; "
                "the header line stays out of the chapter text either way."
            ),
            self,
        )
        self._findings_hint.setWordWrap(True)
        self._blocks = EdgeBlocks(self)
        self._blocks_hint = QLabel(
            self.tr(
                "What stands before and after each chapter's story, and where it goes. "
                "Choose another place for a block to move it; your choices hold for this "
                "import."
            ),
            self,
        )
        self._blocks_hint.setWordWrap(True)
        self._overrides: dict[str, str] = {}  # the author's moves: Decision.ident -> target
        self._chapters = QTableWidget(0, 3, self)
        self._chapters.setObjectName("importChapters")
        self._chapters.setHorizontalHeaderLabels(
            [self.tr("Chapter title"), self.tr("Words"), self.tr("From")]
        )
        self._chapters.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._chapters.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._chapters.setAccessibleName(self.tr("Chapters to add"))
        for table in (self._findings, self._chapters):
            table.verticalHeader().hide()
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(
                1 if table is self._findings else 0, QHeaderView.ResizeMode.Stretch
            )
        self._text = QTextBrowser(self)
        self._text.setObjectName("importPreview")
        self._text.setOpenLinks(False)
        self._text.setAccessibleName(self.tr("The selected chapter's text"))
        self._encodings = QListWidget(self)
        self._encodings.setObjectName("importEncodings")
        self._encodings.setAccessibleName(self.tr("How each file was read"))
        self._warnings = QListWidget(self)
        self._warnings.setObjectName("importWarnings")
        self._warnings.setAccessibleName(self.tr("Warnings"))

        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self._import = self._buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self._import.setObjectName("importApply")
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("importCancel")
        self._import.clicked.connect(self.import_now)
        self._buttons.rejected.connect(self.reject)

        self._layout()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(READ_DELAY_MS)
        self._debounce.timeout.connect(self._start_read)
        self._show_progress = QTimer(self)
        self._show_progress.setSingleShot(True)
        self._show_progress.setInterval(PROGRESS_DELAY_MS)
        self._show_progress.timeout.connect(self._progress_visible)

        self._add.clicked.connect(self.choose_files)
        self._remove.clicked.connect(self._remove_current)
        self._up.clicked.connect(lambda: self._move_current(-1))
        self._down.clicked.connect(lambda: self._move_current(1))
        self._files.filesDropped.connect(self.add_files)
        self._files.reordered.connect(self._order_changed)
        self._files.currentRowChanged.connect(lambda _row: self._update_buttons())
        self._detect.toggled.connect(lambda _on: self._schedule_read())
        self._split.toggled.connect(lambda _on: self._schedule_read())
        self._cancel_read.clicked.connect(self.cancel_reading)
        self._reread.clicked.connect(self._schedule_read)
        self._findings.itemChanged.connect(self._finding_changed)
        self._blocks.moved.connect(self._block_moved)
        self._chapters.itemSelectionChanged.connect(self._show_selected_chapter)
        self._chapters.itemChanged.connect(self._chapter_title_changed)
        self._progressed.connect(self._on_progress)
        self._update_buttons()

    # -- layout ------------------------------------------------------------------------

    def _layout(self) -> None:
        files = QGroupBox(self.tr("Files, in reading order"), self)
        files_layout = QVBoxLayout(files)
        files_layout.addWidget(self._files, 1)
        row = QHBoxLayout()
        for button in (self._add, self._remove, self._up, self._down):
            row.addWidget(button)
        files_layout.addLayout(row)
        hint = QLabel(self.tr("Drop files here, or drag them into order."), files)
        hint.setWordWrap(True)
        files_layout.addWidget(hint)
        files_layout.addWidget(self._detect)
        files_layout.addWidget(self._split)
        files_layout.addWidget(self._overwrite)
        read_as = QGroupBox(self.tr("Read as"), self)
        QVBoxLayout(read_as).addWidget(self._encodings)
        warnings = QGroupBox(self.tr("Warnings"), self)
        QVBoxLayout(warnings).addWidget(self._warnings)
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.addWidget(files)
        side.addWidget(read_as)
        side.addWidget(warnings)
        side.setStretchFactor(0, 3)

        fields = QWidget(self)
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addWidget(self._findings)
        fields_layout.addWidget(self._findings_hint)
        blocks = QWidget(self)
        blocks_layout = QVBoxLayout(blocks)
        blocks_layout.setContentsMargins(0, 0, 0, 0)
        blocks_layout.addWidget(self._blocks)
        blocks_layout.addWidget(self._blocks_hint)
        found = QTabWidget(self)
        found.setObjectName("importFoundTabs")
        found.addTab(fields, self.tr("&Fields"))
        found.addTab(blocks, self.tr("&Blocks"))
        chapters = QGroupBox(self.tr("Chapters"), self)
        QVBoxLayout(chapters).addWidget(self._chapters)
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(chapters)
        lower.addWidget(self._text)
        lower.setStretchFactor(1, 2)
        preview = QSplitter(Qt.Orientation.Vertical, self)
        preview.addWidget(found)
        preview.addWidget(lower)
        preview.setStretchFactor(1, 2)

        main = QSplitter(Qt.Orientation.Horizontal, self)
        main.addWidget(side)
        main.addWidget(preview)
        main.setStretchFactor(1, 3)

        progress = QHBoxLayout()
        progress.addWidget(self._progress, 1)
        progress.addWidget(self._cancel_read)
        progress.addWidget(self._reread)
        outer = QVBoxLayout(self)
        outer.addWidget(main, 1)
        outer.addWidget(self._error)
        outer.addLayout(progress)
        outer.addWidget(self._status)
        outer.addWidget(self._buttons)

    # -- the files -----------------------------------------------------------------------

    def paths(self) -> list[Path]:
        return [
            Path(self._files.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self._files.count())
        ]

    def _folder(self) -> str:
        folder = self._settings.value(SETTING_FOLDER)
        if folder and Path(str(folder)).is_dir():
            return str(folder)
        return str(Path.home())

    def _file_filter(self) -> str:
        patterns = " ".join(f"*{ext}" for ext in importers.SUPPORTED)
        kinds = self.tr("Text, Markdown, HTML and Word files ({patterns})").format(
            patterns=patterns
        )
        return f"{kinds};;{self.tr('All files (*)')}"

    def choose_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import Files"), self._folder(), self._file_filter()
        )
        if chosen:
            self.add_files([Path(p) for p in chosen])

    def add_files(self, paths: Sequence[Path | str]) -> None:
        """Add files (a second time is once); in natural order unless the author chose one."""
        known = set(self.paths())
        new = [Path(p) for p in paths if Path(p) not in known]
        if not new:
            return
        self._settings.setValue(SETTING_FOLDER, str(new[-1].parent))
        ordered = self.paths() + new
        if not self._reordered:
            ordered.sort(key=lambda p: importers.natural_key(p.name))
        self._set_paths(ordered)
        self._schedule_read()

    def _set_paths(self, paths: list[Path]) -> None:
        current = self._files.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self._files.clear()
        for path in paths:
            item = QListWidgetItem(path.name, self._files)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            if str(path) == keep:
                self._files.setCurrentItem(item)
        self._update_buttons()

    def _remove_current(self) -> None:
        row = self._files.currentRow()
        if row >= 0:
            self._files.takeItem(row)
            self._schedule_read()

    def _move_current(self, delta: int) -> None:
        row = self._files.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self._files.count():
            return
        item = self._files.takeItem(row)
        self._files.insertItem(target, item)
        self._files.setCurrentRow(target)
        self._order_changed()

    def _order_changed(self) -> None:
        self._reordered = True
        self._schedule_read()

    # -- drops on the rest of the dialog --------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event)
        if files:
            event.acceptProposedAction()
            self.add_files(files)

    # -- reading ---------------------------------------------------------------------------

    def is_reading(self) -> bool:
        return self._debounce.isActive() or self._cancel is not None

    def read_result(self) -> ImportResult | None:
        """What was read, as read (before the author's corrections)."""
        return self._read.result if self._read is not None else None

    def _schedule_read(self) -> None:
        self._stop_running()
        self._serial += 1  # whatever is running now is out of date
        self._show(None)
        self._debounce.start()
        self._update_buttons()

    def _stop_running(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self._cancel = None

    def _start_read(self) -> None:
        self._debounce.stop()
        paths = self.paths()
        if not paths:
            self._status.setText(self.tr("Choose the files to import."))
            self._update_buttons()
            self.readFinished.emit()
            return
        serial = self._serial
        cancel = threading.Event()
        self._cancel = cancel
        detect = self._detect.isChecked()
        split = self._split.isChecked()
        overrides = dict(self._overrides)
        emit = self._progressed.emit

        def progress(done: int, total: int) -> None:  # on the worker
            # The dialog may be gone by now: nobody is watching.
            with suppress(RuntimeError):
                emit(serial, done, total)

        def job() -> _Read:
            result = importers.read_files(
                paths,
                detect_header=detect,
                split_chapters=split,
                progress=progress,
                cancelled=cancel.is_set,  # an Event: safe to ask from the worker
                overrides=overrides,
            )
            words = tuple(word_count(ch.body) for ch in result.chapters)
            return _Read(result, tuple(rows_of(result)), words)

        self._progress.setRange(0, 0)
        self._status.setText(
            self.tr("Reading {n} files…").format(n=len(paths))
            if len(paths) > 1
            else self.tr("Reading “{name}”…").format(name=paths[0].name)
        )
        self._show_progress.start()
        self._update_buttons()
        run_in_background(
            job,
            lambda read: self._read_done(serial, cancel, read),
            lambda message: self._read_failed(serial, cancel, message),
            self,
        )

    def cancel_reading(self) -> None:
        """Stop the running read; the preview stays empty and nothing is imported."""
        if self._debounce.isActive():
            self._debounce.stop()
            self._serial += 1
            self._read_cancelled()
            return
        if self._cancel is not None:
            self._cancel.set()
            self._status.setText(self.tr("Cancelling…"))
            self._cancel_read.setEnabled(False)

    @Slot(int, int, int)
    def _on_progress(self, serial: int, done: int, total: int) -> None:
        if serial != self._serial or total <= 0:
            return
        self._progress.setRange(0, total)
        self._progress.setValue(min(done, total))

    def _progress_visible(self) -> None:
        busy = self._cancel is not None
        self._progress.setVisible(busy)
        self._cancel_read.setVisible(busy)

    def _finished(self, serial: int) -> bool:
        """One read ended; True if it is the newest (its outcome is to be shown)."""
        if serial != self._serial:
            return False
        self._cancel = None
        self._show_progress.stop()
        self._progress.hide()
        self._cancel_read.hide()
        self._cancel_read.setEnabled(True)
        return True

    def _read_done(self, serial: int, cancel: threading.Event, read: object) -> None:
        if not self._finished(serial):
            return
        if cancel.is_set():  # finished just as the author cancelled: they asked for nothing
            self._read_cancelled()
            return
        assert isinstance(read, _Read)
        self._show(read)
        chapters = len(read.result.chapters)
        self._status.setText(
            self.tr("{n} chapters, {w} words. Nothing is saved until you press Import.").format(
                n=chapters, w=f"{sum(read.words):,}"
            )
            if chapters != 1
            else self.tr("1 chapter, {w} words. Nothing is saved until you press Import.").format(
                w=f"{sum(read.words):,}"
            )
        )
        self._update_buttons()
        self.readFinished.emit()

    def _read_failed(self, serial: int, cancel: threading.Event, message: str) -> None:
        if not self._finished(serial):
            return
        if cancel.is_set():
            self._read_cancelled()
            return
        self._show(None)
        self._error.setText(self.tr("Cannot import: {error}").format(error=message))
        self._error.show()
        self._status.setText(self.tr("Nothing was imported."))
        self._reread.show()
        self._update_buttons()
        self.readFinished.emit()

    def _read_cancelled(self) -> None:
        self._cancel = None
        self._show(None)
        self._status.setText(self.tr("Reading cancelled. Nothing was imported."))
        self._reread.show()
        self._update_buttons()
        self.readFinished.emit()

    # -- the preview ---------------------------------------------------------------------

    def _block_moved(self, ident: str, target: str) -> None:
        """The author sent a block elsewhere: read again with that choice."""
        if self._filling:
            return
        self._overrides[ident] = target
        self._schedule_read()

    def _show(self, read: _Read | None) -> None:
        """Fill the preview from ``read``; None empties it."""
        self._read = read
        self._error.hide()
        self._reread.hide()
        self._filling = True
        try:
            self._fill_findings(read.rows if read else ())
            self._blocks.show_decisions(read.result.decisions if read else ())
            self._fill_chapters(read)
        finally:
            self._filling = False
        self._encodings.clear()
        self._warnings.clear()
        if read is not None:
            for name, codec in read.result.encodings.items():
                self._encodings.addItem(
                    self.tr("“{name}”: read as {encoding}").format(
                        name=Path(name).name, encoding=encoding_name(codec)
                    )
                )
            self._warnings.addItems(list(read.result.warnings))
            if read.result.chapters:
                self._chapters.selectRow(0)
        else:
            self._text.clear()

    def _fill_findings(self, rows: Sequence[Row]) -> None:
        table = self._findings
        table.setRowCount(len(rows))
        fixed = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        for r, row in enumerate(rows):
            label = QTableWidgetItem(row.label)
            value = QTableWidgetItem(row.text)
            value.setData(MULTILINE_ROLE, row.multiline)
            value.setToolTip(row.text)
            source = QTableWidgetItem(row.source)
            source.setFlags(fixed)
            source.setToolTip(row.source)
            if not row.kept:  # a word count and the like: shown, so nothing vanishes unseen
                label.setFlags(fixed)
                value.setFlags(fixed)
                label.setToolTip(self.tr("Read from the header and not kept"))
                for item in (label, value):
                    item.setForeground(self.palette().placeholderText())
            elif row.is_title:  # a chapter has a title: correct it, do not drop it
                label.setFlags(fixed)
            else:
                label.setFlags(fixed | Qt.ItemFlag.ItemIsUserCheckable)
                label.setCheckState(Qt.CheckState.Checked)
                label.setToolTip(self.tr("Untick to leave this field unset"))
            table.setItem(r, F_LABEL, label)
            table.setItem(r, F_VALUE, value)
            table.setItem(r, F_FROM, source)
        table.resizeRowsToContents()

    def _fill_chapters(self, read: _Read | None) -> None:
        table = self._chapters
        chapters = read.result.chapters if read else []
        table.setRowCount(len(chapters))
        for row, chapter in enumerate(chapters):
            assert read is not None
            # An untitled chapter gets the name a new chapter gets, shown here so the
            # preview is what will be saved.
            title = QTableWidgetItem(
                chapter.title or self.tr("Chapter {n}").format(n=self._first_number + row)
            )
            words = QTableWidgetItem(f"{read.words[row]:,}")
            words.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            source = QTableWidgetItem(chapter.source)
            for item in (words, source):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            table.setItem(row, C_TITLE, title)
            table.setItem(row, C_WORDS, words)
            table.setItem(row, C_FROM, source)

    def _show_selected_chapter(self) -> None:
        rows = self._chapters.selectionModel().selectedRows()
        if self._read is None or not rows:
            self._text.clear()
            return
        qtdoc.load(self._text.document(), self._read.result.chapters[rows[0].row()].body)

    def _finding_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or self._read is None or item.column() != F_VALUE:
            return
        row = self._read.rows[item.row()]
        if row.is_title:  # the chapter list shows the same title: keep them one
            where = chapter_field(row.field)
            assert where is not None
            self._sync(self._chapters.item(where[0] - 1, C_TITLE), item.text())
        self._check_value(item.row())
        self._update_buttons()

    def _chapter_title_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or self._read is None or item.column() != C_TITLE:
            return
        field = f"{CHAPTER_PREFIX}{item.row() + 1}:title"
        for r, row in enumerate(self._read.rows):
            if row.field == field:
                self._sync(self._findings.item(r, F_VALUE), item.text())

    def _sync(self, item: QTableWidgetItem | None, text: str) -> None:
        if item is not None and item.text() != text:
            self._filling = True
            try:
                item.setText(text)
            finally:
                self._filling = False

    def _check_value(self, r: int) -> bool:
        """Mark a corrected value its field cannot hold; True if it is fine."""
        assert self._read is not None
        row = self._read.rows[r]
        item = self._findings.item(r, F_VALUE)
        error = self._value_error(row, item.text())
        self._filling = True  # the marking itself is no edit
        try:
            item.setToolTip(error or item.text())
            item.setForeground(
                QColor(Qt.GlobalColor.red) if error else self.palette().text().color()
            )
        finally:
            self._filling = False
        return not error

    def _value_error(self, row: Row, text: str) -> str:
        if not row.kept or text == row.text:
            return ""
        where = chapter_field(row.field)
        name = where[1] if where else row.field
        if name == "title" and not text.strip():
            return self.tr("A title cannot be empty.")
        try:
            parse_value(name, text)
        except ValueError:
            return self.tr("“{value}” is not a valid {label}.").format(
                value=text.strip(), label=row.label.lower()
            )
        return ""

    # -- importing -------------------------------------------------------------------------

    def _invalid_rows(self) -> list[int]:
        if self._read is None:
            return []
        return [r for r in range(self._findings.rowCount()) if not self._check_value(r)]

    def corrected(self) -> ImportResult | None:
        """The result with the author's corrections: edited values, unticked fields and
        chapter titles. None before a read has succeeded."""
        if self._read is None:
            return None
        result = self._read.result
        fields = dict(result.fields)
        chapters = list(result.chapters)
        dropped: set[str] = set()
        for r, row in enumerate(self._read.rows):
            if not row.kept:
                continue
            label = self._findings.item(r, F_LABEL)
            checkable = bool(label.flags() & Qt.ItemFlag.ItemIsUserCheckable)
            text = self._findings.item(r, F_VALUE).text()
            where = chapter_field(row.field)
            if checkable and label.checkState() != Qt.CheckState.Checked:
                dropped.add(row.field)
                if where is None:
                    fields.pop(row.field, None)
                elif 1 <= where[0] <= len(chapters) and where[1] != "title":
                    index, name = where[0] - 1, where[1]
                    empty = () if name in LIST_FIELDS else ""
                    chapters[index] = replace(chapters[index], **{name: empty})
                continue
            if text == row.text or row.is_title:
                continue  # titles come from the chapter list below
            if where is None:
                fields[row.field] = parse_value(row.field, text)
            elif 1 <= where[0] <= len(chapters):
                index, name = where[0] - 1, where[1]
                chapters[index] = replace(chapters[index], **{name: parse_value(name, text)})
        for index, chapter in enumerate(chapters):
            title = self._chapters.item(index, C_TITLE).text().strip()
            if title and title != chapter.title:
                chapters[index] = replace(chapter, title=title)
        kept = [f for f in result.findings if f.field not in dropped]
        return ImportResult(
            fields=fields,
            chapters=chapters,
            findings=kept,
            encodings=dict(result.encodings),
            warnings=list(result.warnings),
        )

    def import_now(self) -> None:
        """Write the corrected result in one go; the dialog closes once it is written."""
        if self._read is None or self.is_reading():
            return
        bad = self._invalid_rows()
        if bad:
            self._findings.setCurrentCell(bad[0], F_VALUE)
            self._error.setText(self.tr("Correct the values marked in red first."))
            self._error.show()
            return
        result = self.corrected()
        assert result is not None
        ids = self._apply_import(result, self._overwrite.isChecked())
        if ids is None:
            return  # the author backed out (of choosing a new work's file)
        if not ids:
            self._error.setText(self.tr("Nothing was imported: the work could not be saved."))
            self._error.show()
            return
        self.imported.emit(ids)
        self.accept()

    def reject(self) -> None:
        self._stop_running()
        self._debounce.stop()
        super().reject()

    def _update_buttons(self) -> None:
        row = self._files.currentRow()
        count = self._files.count()
        self._remove.setEnabled(row >= 0)
        self._up.setEnabled(row > 0)
        self._down.setEnabled(0 <= row < count - 1)
        self._import.setEnabled(
            self._read is not None and bool(self._read.result.chapters) and not self.is_reading()
        )

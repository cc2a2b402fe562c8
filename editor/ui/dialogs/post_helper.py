"""File ▸ Post Helper…: AO3's or FanFiction.Net's posting form, field by field, ready to copy.

Each row is one field of AO3's Post New Work form (chapter 1) or Post New Chapter form (a
later chapter) in the form's own order, as ``formats.ao3.post_fields`` gives them: the
value, a Copy button and the limit check, so the author fills the form top to bottom
without hunting. The beginning notes are laid out by an editable template; editing it
re-composes the notes at once, and Save Template hands it to the main window to store.
FanFiction.Net's form (``formats.ffn_form``) is the other site in the Site list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.formats.ao3 import PostField, post_fields
from editor.formats.ffn_form import ffn_post_fields
from editor.formats.limits import Level
from editor.formats.templates import DEFAULT_AO3_NOTES, PLACEHOLDERS
from editor.formats.work import ExportOptions, ExportWork
from editor.ui import titles
from editor.ui.widgets.counter import CounterLabel, level_color

RECOMPOSE_DELAY_MS = 150  # after the last keystroke in the template
MULTILINE_HEIGHT = 110
LABEL_WIDTH = 150


class _Row:
    """The widgets of one form field."""

    def __init__(
        self,
        field: PostField,
        parent: QWidget,
        copy: Callable[[str], None],
        tr: Callable[[str], str],
    ) -> None:
        self.key = field.key
        self._tr = tr
        self.html = field.html
        self.label = QLabel(parent)
        self.label.setObjectName(f"label_{field.key}")
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        # A long label ("Chapter Summary (add with Edit Chapter…)") wraps rather than
        # squeezing every value into a sliver.
        self.label.setWordWrap(True)
        self.label.setMaximumWidth(LABEL_WIDTH)
        self.value: QLineEdit | QPlainTextEdit
        if field.html or "\n" in field.value:
            edit = QPlainTextEdit(parent)
            edit.setReadOnly(True)
            edit.setFixedHeight(MULTILINE_HEIGHT)
            self.value = edit
        else:
            self.value = QLineEdit(parent)
            self.value.setReadOnly(True)
        self.value.setObjectName(f"value_{field.key}")
        self.label.setBuddy(self.value)
        self.copy = QPushButton(tr("Copy"), parent)
        self.copy.setObjectName(f"copy_{field.key}")
        self.copy.clicked.connect(lambda: copy(self.key))
        self.counter = CounterLabel(field.limit, parent) if field.limit else None
        if self.counter is not None:
            self.counter.setObjectName(f"counter_{field.key}")
        self.problems = QLabel(parent)
        self.problems.setObjectName(f"problems_{field.key}")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show(field)

    def widgets(self) -> list[QWidget]:
        found: list[QWidget] = [self.label, self.value, self.copy, self.problems]
        return found + ([self.counter] if self.counter else [])

    def show(self, field: PostField) -> None:
        self.label.setText(field.label + ":")
        self.value.setAccessibleName(field.label)
        self.copy.setAccessibleName(self._tr("Copy {label}").format(label=field.label))
        if isinstance(self.value, QLineEdit):
            if self.value.text() != field.value:
                self.value.setText(field.value)
                self.value.setCursorPosition(0)  # a long value shows its start
        elif self.value.toPlainText() != field.value:
            self.value.setPlainText(field.value)
        self.copy.setEnabled(bool(field.value))
        if self.counter is not None and field.limit is not None:
            self.counter.set_length(len(field.value))
        self.problems.setText("\n".join(p.message for p in field.problems))
        self.problems.setVisible(bool(field.problems))
        worst = max((p.level for p in field.problems), default=Level.OK)
        self.level = worst
        palette = QPalette(self.problems.parentWidget().palette())
        color = level_color(worst, palette)
        if color is not None:
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                palette.setColor(group, QPalette.ColorRole.WindowText, color)
        self.problems.setPalette(palette)


class PostHelperDialog(QDialog):
    """AO3's posting form for one chapter of ``work``, with the notes template beside it.

    ``on_template_saved`` receives the template to store ('' for the default).
    """

    fieldCopied = Signal(str)  # key of the field whose value went to the clipboard

    def __init__(
        self,
        work: ExportWork,
        current_chapter: int,
        on_template_saved: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("postHelperDialog")
        self.setWindowTitle(
            titles.literal(self.tr("Post Helper: {title}").format(title=work.meta.title))
        )
        self.resize(1000, 760)
        self._work = work
        self._on_template_saved = on_template_saved
        self._stored = work.meta.ao3_notes_template  # '' means the default
        self._rows: dict[str, _Row] = {}
        self._fields: list[PostField] = []

        self._chapter = QComboBox(self)
        self._chapter.setObjectName("postChapter")
        for chapter in work.chapters:
            title = chapter.title or self.tr("(untitled)")
            form = self.tr("Post New Work") if chapter.number == 1 else self.tr("Post New Chapter")
            self._chapter.addItem(
                self.tr("Chapter {n}: {title} — {form}").format(
                    n=chapter.number, title=title, form=form
                ),
                chapter.number,
            )
        index = self._chapter.findData(current_chapter)
        self._chapter.setCurrentIndex(max(0, index))
        self._site = QComboBox(self)
        self._site.setObjectName("postSite")
        self._site.addItem("AO3", "ao3")
        self._site.addItem("FanFiction.Net", "ffn")

        self._form = QWidget(self)
        self._grid = QGridLayout(self._form)
        self._grid.setColumnStretch(1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._form)

        self._template = QPlainTextEdit(self)
        self._template.setObjectName("notesTemplate")
        self._template.setAccessibleName(self.tr("Beginning notes template"))
        self._template.setPlainText(self._stored or DEFAULT_AO3_NOTES)
        # Each line is a paragraph: wrapping would blur where one ends.
        self._template.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._save_template = QPushButton(self.tr("Save &Template"), self)
        self._save_template.setObjectName("saveTemplate")
        self._reset_template = QPushButton(self.tr("&Reset"), self)
        self._reset_template.setObjectName("resetTemplate")
        self._reset_template.setToolTip(self.tr("Go back to Ficwright's layout of the notes"))
        names = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        help_label = QLabel(
            self.tr(
                "Each line becomes a paragraph; a line whose placeholders are all empty is "
                "left out. Placeholders: {names}"
            ).format(names=names),
            self,
        )
        help_label.setWordWrap(True)
        help_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._status = QLabel(self)
        self._status.setObjectName("postStatus")

        template_box = QGroupBox(self.tr("Beginning notes template"), self)
        self._template_box = template_box
        box_layout = QVBoxLayout(template_box)
        box_layout.addWidget(self._template, 1)
        box_layout.addWidget(help_label)
        template_buttons = QHBoxLayout()
        template_buttons.addStretch(1)
        template_buttons.addWidget(self._reset_template)
        template_buttons.addWidget(self._save_template)
        box_layout.addLayout(template_buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(scroll)
        splitter.addWidget(template_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 320])
        splitter.setSizes([620, 380])  # the form first: it is what the author copies from
        scroll.setMinimumWidth(420)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&Chapter:"), self))
        top.itemAt(0).widget().setBuddy(self._chapter)  # type: ignore[union-attr]
        top.addWidget(self._chapter, 1)
        site_label = QLabel(self.tr("&Site:"), self)
        site_label.setBuddy(self._site)
        top.addWidget(site_label)
        top.addWidget(self._site)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self._status, 1)
        bottom.addWidget(buttons)
        outer.addLayout(bottom)

        self._recompose = QTimer(self)
        self._recompose.setSingleShot(True)
        self._recompose.setInterval(RECOMPOSE_DELAY_MS)
        self._recompose.timeout.connect(self.refresh)
        self._template.textChanged.connect(self._template_edited)
        self._chapter.currentIndexChanged.connect(self.refresh)
        self._site.currentIndexChanged.connect(self.refresh)
        self._save_template.clicked.connect(self.save_template)
        self._reset_template.clicked.connect(self.reset_template)
        self._update_template_buttons()
        self.refresh()

    # -- reading ------------------------------------------------------------------------

    def chapter_number(self) -> int:
        return int(self._chapter.currentData())

    def set_chapter(self, number: int) -> None:
        self._chapter.setCurrentIndex(self._chapter.findData(number))

    def site(self) -> str:
        """ "ao3" or "ffn": whose form is shown."""
        return str(self._site.currentData())

    def set_site(self, site: str) -> None:
        self._site.setCurrentIndex(self._site.findData(site))

    def fields(self) -> list[PostField]:
        return list(self._fields)

    def row_keys(self) -> list[str]:
        """The keys of the rows as laid out, top to bottom."""
        return [f.key for f in self._fields]

    def row(self, key: str) -> _Row:
        return self._rows[key]

    def template_text(self) -> str:
        return self._template.toPlainText()

    def is_current(self) -> bool:
        return not self._recompose.isActive()

    # -- the form --------------------------------------------------------------------------

    def _composing_work(self) -> ExportWork:
        """The work with the template as it stands in the editor."""
        text = self.template_text()
        stored = "" if text.strip() == DEFAULT_AO3_NOTES.strip() else text
        return replace(self._work, meta=replace(self._work.meta, ao3_notes_template=stored))

    def refresh(self) -> None:
        self._recompose.stop()
        if not self._work.chapters:
            self._status.setText(self.tr("The work has no chapters."))
            return
        number = self.chapter_number()
        chapter = self._work.chapters[number - 1]
        form = post_fields if self.site() == "ao3" else ffn_post_fields
        self._fields = form(self._composing_work(), chapter, ExportOptions(chapters=[number]))
        self._template_box.setVisible(self.site() == "ao3")  # AO3's notes only
        keys = [f.key for f in self._fields]
        if keys != list(self._rows):
            self._rebuild()
        else:
            for field in self._fields:
                self._rows[field.key].show(field)

    def _rebuild(self) -> None:
        for row in self._rows.values():
            for widget in row.widgets():
                self._grid.removeWidget(widget)
                widget.setParent(None)  # gone from findChild now, not at the deferred delete
                widget.deleteLater()
        self._rows = {}
        line = 0
        for field in self._fields:
            row = _Row(field, self._form, self.copy_field, self.tr)
            self._rows[field.key] = row
            self._grid.addWidget(row.label, line, 0)
            self._grid.addWidget(row.value, line, 1)
            self._grid.addWidget(row.copy, line, 2, Qt.AlignmentFlag.AlignTop)
            line += 1
            if row.counter is not None:
                self._grid.addWidget(row.counter, line, 1, Qt.AlignmentFlag.AlignRight)
            self._grid.addWidget(row.problems, line + (row.counter is not None), 1)
            line += 1 + (row.counter is not None)
        self._grid.setRowStretch(line, 1)

    def copy_field(self, key: str) -> None:
        field = next(f for f in self._fields if f.key == key)
        # HTML fields go as their source, as text: AO3's HTML tab takes the markup as typed.
        QApplication.clipboard().setText(field.value)
        self._status.setText(self.tr("Copied {label}.").format(label=field.label))
        self.fieldCopied.emit(key)

    # -- the template -------------------------------------------------------------------------

    def _template_edited(self) -> None:
        self._update_template_buttons()
        self._recompose.start()

    def _effective_stored(self) -> str:
        return self._stored or DEFAULT_AO3_NOTES

    def _update_template_buttons(self) -> None:
        text = self.template_text()
        self._save_template.setEnabled(text != self._effective_stored())
        self._reset_template.setEnabled(text != DEFAULT_AO3_NOTES or bool(self._stored))

    def save_template(self) -> None:
        text = self.template_text()
        # The default saved as '' keeps following Ficwright's default if it improves.
        stored = "" if text.strip() == DEFAULT_AO3_NOTES.strip() else text
        self._store(stored)
        self._status.setText(self.tr("Template saved with the work."))

    def reset_template(self) -> None:
        self._template.setPlainText(DEFAULT_AO3_NOTES)
        self.refresh()
        self._store("")
        self._status.setText(self.tr("Template reset to Ficwright's layout."))

    def _store(self, stored: str) -> None:
        self._stored = stored
        if self._on_template_saved is not None:
            self._on_template_saved(stored)
        self._update_template_buttons()

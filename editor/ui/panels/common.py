"""What the front-matter panels share: labelled fields bound to a meta field by name.

A panel declares its fields once (``add_rich``, ``add_line``, ``add_tags``); loading them
from a WorkMeta or ChapterMeta and emitting the author's edits then work the same way in
every panel, so no panel can forget to load silently or emit the wrong name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from editor.formats.limits import Limit
from editor.model import WorkMeta
from editor.ui.widgets.counter import CounterLabel
from editor.ui.widgets.rich_field import RichField
from editor.ui.widgets.tag_editor import TagEditor

_MARGIN = 6


def object_name(prefix: str, name: str, suffix: str) -> str:
    """``("chapter", "notes_begin", "Field")`` -> ``"chapterNotesBeginField"``."""
    words = [w for w in (*prefix.split("_"), *name.split("_")) if w]
    return words[0] + "".join(w.capitalize() for w in words[1:]) + suffix


def hint_label(text: str, parent: QWidget) -> QLabel:
    """A short, wrapped line of help in the panel's small print."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def with_counter(field: QWidget, counter: CounterLabel, parent: QWidget) -> QWidget:
    """``field`` with its length counter under it, as a RichField shows its own."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(counter)
    return box


class MetaPanel(QWidget):
    """Base of the side panels: a compact form of fields, each bound to one meta field.

    Fields are laid out with their labels above them, since the panels live in a narrow dock.
    """

    metaEdited = Signal(str, object)  # (WorkMeta field, new value); never while loading

    object_prefix = ""  # keeps objectNames apart where two panels edit a field of one name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # name -> (what the field shows, as stored; show a stored value)
        self._fields: dict[str, tuple[Callable[[], object], Callable[[Any], None]]] = {}
        self._loading = False
        self._outer = outer = QVBoxLayout(self)
        outer.setContentsMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN)
        self._body = QWidget(self)
        self.form = QFormLayout(self._body)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addWidget(self._body)
        outer.addStretch(1)

    # -- the contract ------------------------------------------------------------

    def show_meta(self, meta: WorkMeta) -> None:
        """Show ``meta`` without emitting anything."""
        self.load(meta)

    def set_completions(self, tags: Iterable[str]) -> None:
        """No field here takes the work's tags (gift recipients are AO3 user names)."""

    # -- building ----------------------------------------------------------------

    def add_rich(
        self,
        name: str,
        label: str,
        *,
        limit: Limit | None = None,
        placeholder: str = "",
        min_lines: int = 3,
    ) -> RichField:
        field = RichField(self._body, limit=limit, placeholder=placeholder, min_lines=min_lines)
        self._name(field, name, "Field", label)
        field.edited.connect(lambda: self.emit_edit(name, field.html()))
        self._fields[name] = (field.html, field.set_html)
        self.form.addRow(label, field)
        return field

    def add_line(self, name: str, label: str, *, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self._body)
        self._name(edit, name, "Field", label)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        # Stored trimmed: a stray space would be posted as it is.
        edit.textEdited.connect(lambda text: self.emit_edit(name, text.strip()))
        self._fields[name] = (lambda: edit.text().strip(), edit.setText)
        self.form.addRow(label, edit)
        return edit

    def add_tags(self, name: str, label: str, *, placeholder: str = "") -> TagEditor:
        editor = TagEditor(self._body, placeholder=placeholder, name=label)
        editor.setObjectName(object_name(self.object_prefix, name, "Field"))
        editor.tagsChanged.connect(lambda: self.emit_edit(name, tuple(editor.tags())))
        self._fields[name] = (lambda: tuple(editor.tags()), editor.set_tags)
        self.form.addRow(label, editor)
        return editor

    def add_hint(self, text: str) -> QLabel:
        label = hint_label(text, self._body)
        self.form.addRow(label)
        return label

    def add_header(self, widget: QWidget) -> None:
        """Put ``widget`` above the form, outside it: it stays enabled when the form is not."""
        self._outer.insertWidget(0, widget)

    def body(self) -> QWidget:
        """The widget holding the form (a panel may disable it as a whole)."""
        return self._body

    def _name(self, widget: QWidget, name: str, suffix: str, label: str) -> None:
        widget.setObjectName(object_name(self.object_prefix, name, suffix))
        widget.setAccessibleName(label)

    # -- loading and emitting ----------------------------------------------------

    @contextmanager
    def loading(self) -> Iterator[None]:
        """While loading, nothing the fields signal counts as the author's edit."""
        was, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = was

    def load(self, source: object, *, fresh: bool = False) -> None:
        """Fill every bound field from the attribute of ``source`` with the same name.

        A field already showing its value is left alone: the value often comes straight
        back after the author's own edit, and re-setting it would move the cursor and drop
        the field's undo history. ``fresh`` re-sets every field, for other content whose
        undo history must not carry over.
        """
        with self.loading():
            for name, (shown, show) in self._fields.items():
                value = getattr(source, name)
                if fresh or shown() != (tuple(value) if isinstance(value, list) else value):
                    show(value)

    def emit_edit(self, name: str, value: object) -> None:
        if not self._loading:
            self.send(name, value)

    def send(self, name: str, value: object) -> None:
        """Where an edit goes; a chapter panel sends it with the chapter's id instead."""
        self.metaEdited.emit(name, value)

"""A tag field: tags as chips in a wrapping row, typed or pasted, reordered, undone."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QKeyCombination,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QSize,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from editor.formats.limits import Level, tag_problems
from editor.ui.widgets.counter import level_color

PROBLEMS_ROLE = Qt.ItemDataRole.UserRole + 1  # list[str]: why AO3 would refuse the tag
_SEPARATORS = re.compile(r"[,\r\n\u2028\u2029]")
_SPACE = re.compile(r"\s+")

_MOD = Qt.KeyboardModifier
_UNDO = (QKeyCombination(_MOD.ControlModifier, Qt.Key.Key_Z),)
_REDO = (
    QKeyCombination(_MOD.ControlModifier | _MOD.ShiftModifier, Qt.Key.Key_Z),
    QKeyCombination(_MOD.ControlModifier, Qt.Key.Key_Y),
)
_MOVE = {
    QKeyCombination(_MOD.AltModifier, Qt.Key.Key_Left): -1,
    QKeyCombination(_MOD.AltModifier, Qt.Key.Key_Right): 1,
}


def clean_tag(text: str) -> str:
    """A tag as stored: trimmed, inner runs of whitespace one space."""
    return _SPACE.sub(" ", text).strip()


def _key(event: QKeyEvent) -> QKeyCombination:
    # Keypad arrows carry KeypadModifier; they are the same keys to the author.
    mods = event.modifiers() & ~_MOD.KeypadModifier
    return QKeyCombination(mods, Qt.Key(event.key()))


class _ChipDelegate(QStyledItemDelegate):
    """Paints a tag as a rounded chip with a × at its right end."""

    PAD_X = 7
    PAD_Y = 3
    GAP = 5

    def close_width(self, option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.horizontalAdvance("×") + 2

    def close_rect(self, rect: QRect, option: QStyleOptionViewItem) -> QRect:
        width = self.close_width(option)
        return QRect(rect.right() - self.PAD_X - width + 1, rect.top(), width, rect.height())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        metrics = option.fontMetrics
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        width = (
            metrics.horizontalAdvance(text) + self.GAP + self.close_width(option) + 2 * self.PAD_X
        )
        return QSize(width, metrics.height() + 2 * self.PAD_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        invalid = bool(index.data(PROBLEMS_ROLE))
        error = level_color(Level.ERROR, palette)
        rect = option.rect.adjusted(0, 0, -1, -1)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            fill = palette.color(QPalette.ColorRole.Highlight)
            ink = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            fill = palette.color(QPalette.ColorRole.AlternateBase)
            ink = error if invalid and error else palette.color(QPalette.ColorRole.Text)
        border = error if invalid and error else palette.color(QPalette.ColorRole.Mid)
        painter.setPen(QPen(border, 2 if invalid else 1))
        painter.setBrush(QBrush(fill))
        radius = rect.height() / 2
        painter.drawRoundedRect(rect, radius, radius)
        painter.setPen(ink)
        text_rect = rect.adjusted(
            self.PAD_X, 0, -(self.PAD_X + self.GAP + self.close_width(option)), 0
        )
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, text)
        painter.drawText(self.close_rect(rect, option), Qt.AlignmentFlag.AlignCenter, "×")
        if option.state & QStyle.StateFlag.State_HasFocus:
            focus = QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine)
            painter.setPen(focus)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), radius - 2, radius - 2)
        painter.restore()


class _ChipList(QListWidget):
    """The chips: a list that flows left to right, wraps, and is exactly as tall as its rows."""

    closeClicked = Signal(int)  # row whose × was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = _ChipDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._pressed_close = -1

    def close_rect(self, row: int) -> QRect:
        """Where the × of ``row`` is, in viewport coordinates."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        return self.delegate.close_rect(self.visualItemRect(self.item(row)), option)

    def _close_row_at(self, pos: QPoint) -> int:
        index = self.indexAt(pos)
        if index.isValid() and self.close_rect(index.row()).contains(pos):
            return index.row()
        return -1

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A press on × neither selects nor starts a drag: the release removes the chip.
        self._pressed_close = self._close_row_at(event.position().toPoint())
        if self._pressed_close >= 0 and event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        row = self._close_row_at(event.position().toPoint())
        pressed, self._pressed_close = self._pressed_close, -1
        if row >= 0 and row == pressed and event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self.closeClicked.emit(row)
            return
        super().mouseReleaseEvent(event)

    def content_height(self) -> int:
        if self.count() == 0:
            return 0
        bottom = max(self.visualItemRect(self.item(i)).bottom() for i in range(self.count()))
        return bottom + self.verticalOffset() + 1 + self.spacing() + 2 * self.frameWidth()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        # Rows depend on the width the layout gave us; the height follows the rows.
        height = self.content_height()
        if height and height != self.height():
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.content_height())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if not self.selectedItems() and self.count():
            row = self.currentRow() if self.currentRow() >= 0 else self.count() - 1
            self.setCurrentRow(row, QItemSelectionModel.SelectionFlag.ClearAndSelect)


class TagEditor(QWidget):
    """Edits a list of tags: type and press comma or Enter, paste a list, drag to reorder.

    Keys: Backspace in the empty input removes the last tag; on a selected chip, Delete
    removes it and Alt+Left / Alt+Right move it; Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y undo and
    redo changes to the list (typing in the input undoes as a line edit first).
    """

    tagsChanged = Signal()  # the author changed the tags; set_tags() stays silent

    def __init__(
        self, parent: QWidget | None = None, *, placeholder: str = "", name: str = ""
    ) -> None:
        super().__init__(parent)
        self._tags: list[str] = []
        self._undo: list[list[str]] = []
        self._redo: list[list[str]] = []
        self._completions: list[str] = []
        self._updating = False

        self._chips = _ChipList(self)
        self._chips.setObjectName("tagChips")
        self._input = QLineEdit(self)
        self._input.setObjectName("tagInput")
        self._input.setPlaceholderText(placeholder)
        # Wide enough for the hint ("Anything readers should know…") within reason.
        metrics = self._input.fontMetrics()
        hint = metrics.horizontalAdvance(placeholder) + metrics.horizontalAdvance("MM")
        lo, hi = metrics.horizontalAdvance("M" * 9), metrics.horizontalAdvance("M" * 16)
        self._input.setMinimumWidth(max(lo, min(hint, hi)))
        self._completion_model = QStringListModel(self)
        self._completer = QCompleter(self._completion_model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._input.setCompleter(self._completer)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self._chips, 3, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._input, 2, Qt.AlignmentFlag.AlignTop)
        self._chips.hide()

        self.set_accessible_name(name or self.tr("Tags"))

        self._input.textEdited.connect(self._on_text_edited)
        self._input.returnPressed.connect(self._commit_input)
        # Deferred: the line edit puts the chosen completion in itself after this signal.
        self._completer.activated[str].connect(
            lambda text: QTimer.singleShot(0, lambda: self._commit_completion(text))
        )
        self._chips.closeClicked.connect(lambda row: self._remove_rows([row]))
        model = self._chips.model()
        model.rowsMoved.connect(self._sync_from_chips)  # drag and drop
        model.rowsRemoved.connect(self._sync_from_chips)  # a drop done as insert + remove
        self._input.installEventFilter(self)
        self._chips.installEventFilter(self)

    # -- public API --------------------------------------------------------------

    def tags(self) -> list[str]:
        return list(self._tags)

    def set_tags(self, tags: Iterable[str]) -> None:
        """Show ``tags`` (cleaned, duplicates dropped) and forget the undo history."""
        self._show(self._merged([], tags))
        self._undo.clear()
        self._redo.clear()

    def set_completions(self, words: Iterable[str]) -> None:
        """Tags to offer while typing, such as those used elsewhere in this work."""
        self._completions = self._merged([], words)
        self._refresh_completions()

    def completer(self) -> QCompleter:
        return self._completer

    def line_edit(self) -> QLineEdit:
        return self._input

    def chip_list(self) -> QListWidget:
        return self._chips

    def set_placeholder(self, text: str) -> None:
        self._input.setPlaceholderText(text)

    def set_accessible_name(self, name: str) -> None:
        self.setAccessibleName(name)
        self._chips.setAccessibleName(self.tr("{name}: chosen").format(name=name))
        self._input.setAccessibleName(self.tr("{name}: add").format(name=name))
        self._input.setAccessibleDescription(
            self.tr("Type a tag and press comma or Enter. Backspace removes the last tag.")
        )

    def undo(self) -> None:
        if self._undo:
            self._redo.append(self._tags)
            self._show(self._undo.pop())
            self.tagsChanged.emit()

    def redo(self) -> None:
        if self._redo:
            self._undo.append(self._tags)
            self._show(self._redo.pop())
            self.tagsChanged.emit()

    def is_undo_available(self) -> bool:
        return bool(self._undo)

    def is_redo_available(self) -> bool:
        return bool(self._redo)

    def add_tags(self, texts: Iterable[str]) -> None:
        """Add tags as if the author typed them: an undoable edit."""
        self._change(self._merged(self._tags, texts))

    def remove_tag(self, row: int) -> None:
        self._remove_rows([row])

    def move_tag(self, row: int, delta: int) -> None:
        """Move the tag at ``row`` by ``delta`` places (an undoable edit), keeping it selected."""
        target = row + delta
        if not (0 <= row < len(self._tags) and 0 <= target < len(self._tags)):
            return
        tags = list(self._tags)
        tags.insert(target, tags.pop(row))
        self._change(tags, select=target)

    # -- editing -----------------------------------------------------------------

    @staticmethod
    def _merged(tags: list[str], texts: Iterable[str]) -> list[str]:
        """``tags`` plus each of ``texts`` that is not empty or, ignoring case, a duplicate."""
        out = list(tags)
        seen = {t.casefold() for t in out}
        for text in texts:
            for piece in _SEPARATORS.split(text):
                tag = clean_tag(piece)
                if tag and tag.casefold() not in seen:
                    seen.add(tag.casefold())
                    out.append(tag)
        return out

    def _change(self, tags: list[str], select: int | None = None) -> None:
        if tags == self._tags:
            return
        self._undo.append(self._tags)
        self._redo.clear()
        self._show(tags, select)
        self.tagsChanged.emit()

    def _remove_rows(self, rows: Iterable[int]) -> None:
        doomed = {r for r in rows if 0 <= r < len(self._tags)}
        if not doomed:
            return
        keep = [t for i, t in enumerate(self._tags) if i not in doomed]
        select = min(min(doomed), len(keep) - 1) if keep and self._chips.hasFocus() else None
        self._change(keep, select)
        if not keep:
            self._input.setFocus()

    def _set_input(self, text: str) -> None:
        self._input.setText(text)  # setText, unlike clear(), also drops the input's undo

    def _on_text_edited(self, text: str) -> None:
        if _SEPARATORS.search(text):  # a paste or a drop: every piece is a tag
            self.add_tags([text])
            self._set_input("")
        elif text[:1].isspace():  # "a, b": the space after a comma starts no tag
            pos = self._input.cursorPosition() - (len(text) - len(text.lstrip()))
            self._set_input(text.lstrip())
            self._input.setCursorPosition(max(0, pos))

    def _commit_at_cursor(self) -> None:
        """A typed comma: what is before the cursor becomes a tag, the rest stays."""
        text = self._input.text()
        start = self._input.selectionStart()
        if start >= 0:
            end = start + len(self._input.selectedText())
        else:
            start = end = self._input.cursorPosition()
        self.add_tags([text[:start]])
        self._set_input(text[end:].lstrip())
        self._input.setCursorPosition(0)

    def _commit_input(self) -> None:
        popup = self._completer.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            return  # the completer commits the chosen tag (activated)
        text = self._input.text()
        if clean_tag(text):
            self.add_tags([text])
        self._set_input("")

    def _commit_completion(self, text: str) -> None:
        self.add_tags([text])
        self._set_input("")

    def _sync_from_chips(self) -> None:
        """The list changed under us (drag and drop): take its order as the new tags."""
        if self._updating:
            return
        tags = [self._chips.item(i).text() for i in range(self._chips.count())]
        if tags != self._tags:
            selected = self._chips.currentRow()
            self._change(tags, selected if selected >= 0 else None)

    # -- showing -----------------------------------------------------------------

    def _show(self, tags: list[str], select: int | None = None) -> None:
        self._updating = True
        try:
            self._tags = list(tags)
            self._chips.clear()
            for tag in tags:
                item = QListWidgetItem(tag)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                problems = [p.message for p in tag_problems(tag)]
                if problems:
                    item.setData(PROBLEMS_ROLE, problems)
                    item.setToolTip("\n".join(problems))
                    color = level_color(Level.ERROR, self.palette())
                    if color is not None:
                        item.setForeground(QBrush(color))
                else:
                    item.setToolTip(self.tr("Delete removes it; Alt+Left and Alt+Right move it"))
                self._chips.addItem(item)
            if select is not None and 0 <= select < len(tags):
                self._chips.setCurrentRow(select, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._updating = False
        self._chips.setVisible(bool(tags))
        self._chips.doItemsLayout()
        self._refresh_completions()

    def _refresh_completions(self) -> None:
        # Offer only what is not chosen already.
        chosen = {t.casefold() for t in self._tags}
        offers = [w for w in self._completions if w.casefold() not in chosen]
        self._completion_model.setStringList(sorted(offers, key=str.casefold))

    # -- keys --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._input or watched is self._chips:
            kind = event.type()
            # Accepting the override keeps a window-wide shortcut (the chapter's undo)
            # from taking a key that means something here.
            if kind == QEvent.Type.ShortcutOverride and self._handles(watched, event):
                event.accept()
                return True
            if kind == QEvent.Type.KeyPress and self._key_press(watched, event):
                return True
        return super().eventFilter(watched, event)

    def _handles(self, watched: QObject, event: QKeyEvent) -> bool:
        key = _key(event)
        if key in _UNDO or key in _REDO:
            return True
        if watched is self._chips:
            return key in _MOVE or event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        return False

    def _key_press(self, watched: QObject, event: QKeyEvent) -> bool:
        key = _key(event)
        if key in _UNDO:
            if watched is self._input and self._input.isUndoAvailable():
                self._input.undo()
            else:
                self.undo()
            return True
        if key in _REDO:
            if watched is self._input and self._input.isRedoAvailable():
                self._input.redo()
            else:
                self.redo()
            return True
        if watched is self._input:
            return self._input_key(event)
        return self._chips_key(event)

    def _input_key(self, event: QKeyEvent) -> bool:
        at_start = self._input.cursorPosition() == 0 and not self._input.hasSelectedText()
        plain = event.modifiers() & ~_MOD.KeypadModifier == _MOD.NoModifier
        if event.text() == ",":
            self._commit_at_cursor()
            return True
        if event.key() == Qt.Key.Key_Backspace and plain and not self._input.text():
            if self._tags:
                self._remove_rows([len(self._tags) - 1])
            return True
        if event.key() == Qt.Key.Key_Left and plain and at_start and self._tags:
            self._chips.setFocus(Qt.FocusReason.ShortcutFocusReason)
            last = len(self._tags) - 1
            self._chips.setCurrentRow(last, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            return True
        return False

    def _chips_key(self, event: QKeyEvent) -> bool:
        key = _key(event)
        row = self._chips.currentRow()
        if key in _MOVE:
            if row >= 0:
                self.move_tag(row, _MOVE[key])
            return True
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            rows = [self._chips.row(item) for item in self._chips.selectedItems()]
            self._remove_rows(rows or ([row] if row >= 0 else []))
            return True
        last = self._chips.count() - 1
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_End) and row == last:
            self._input.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & ~_MOD.ShiftModifier:
            # Typing on a chip starts a new tag rather than searching the list.
            self._input.setFocus(Qt.FocusReason.OtherFocusReason)
            self._input.insert(text)
            return True
        return False

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(self._input.sizeHint().height(), hint.height()))


__all__ = ["PROBLEMS_ROLE", "TagEditor", "clean_tag"]

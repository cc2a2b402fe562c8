"""The import preview's blocks: each block at a chapter's edges, where it went, why, how sure.

One choice in the "Goes to" column moves a block between a field and the story, without
retyping anything; the dialog reads the files again with the author's choices, which win
over the evidence for the rest of that import.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QWidget,
)
from PySide6.QtWidgets import QTableWidgetItem as Item

from editor.formats.importers.edges_units import TARGETS, Decision

B_TEXT, B_TARGET, B_WHY, B_SURE = range(4)
_UNSURE = QColor(255, 236, 179)  # a soft amber: look here first
_KEY = Qt.ItemDataRole.UserRole


class _TargetDelegate(QStyledItemDelegate):
    """The "Goes to" cell edits as a list of places; a table of a thousand blocks keeps one
    editor at a time, not a combo box per row."""

    def __init__(self, labels: dict[str, str], parent: QWidget) -> None:
        super().__init__(parent)
        self._labels = labels

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        box = QComboBox(parent)
        box.setObjectName("importBlockTarget")
        box.setAccessibleName(self.tr("Where this block goes"))
        for key, label in self._labels.items():
            box.addItem(label, key)
        current = str(index.data(_KEY))
        if box.findData(current) < 0:  # a field the list does not offer (rating, tags…)
            box.addItem(str(index.data()), current)
        # One choice is the move: no Enter, no click elsewhere.
        box.activated.connect(lambda _i, b=box: self.commitData.emit(b))
        box.activated.connect(lambda _i, b=box: self.closeEditor.emit(b))
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(editor.findData(index.data(_KEY)))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        table = self.parent()
        assert isinstance(table, EdgeBlocks)
        table.move(index.row(), str(editor.currentData()))


class EdgeBlocks(QTableWidget):
    """A row per block at a chapter's edges; ``moved(ident, target)`` when the author moves one."""

    moved = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("importBlocks")
        self.setHorizontalHeaderLabels(
            [self.tr("Block"), self.tr("Goes to"), self.tr("Why"), self.tr("How sure")]
        )
        self.setAccessibleName(self.tr("Each block around the story and where it goes"))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.CurrentChanged
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(B_TEXT, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(B_TARGET, 140)
        self.setColumnWidth(B_WHY, 180)
        self.setColumnWidth(B_SURE, 64)
        self._idents: list[str] = []
        self._filling = False
        self._sure = {
            "sure": self.tr("sure"),
            "likely": self.tr("likely"),
            "unsure": self.tr("unsure"),
        }
        self._labels = {key: self.tr(label) for key, label in TARGETS.items()}
        self.setItemDelegateForColumn(B_TARGET, _TargetDelegate(self._labels, self))

    def show_decisions(self, decisions: Sequence[Decision]) -> None:
        self._filling = True
        try:
            self.setRowCount(0)
            self._idents = [d.ident for d in decisions]
            self.setRowCount(len(decisions))
            fixed = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            for row, decision in enumerate(decisions):
                text = Item(decision.text)
                text.setToolTip(decision.source)
                text.setFlags(fixed)
                target = Item(self._label(decision.target))
                target.setData(_KEY, decision.target)
                target.setToolTip(self.tr("Click to send this block elsewhere"))
                why = Item(self.tr("your choice") if decision.chosen else decision.why)
                why.setFlags(fixed)
                sure = Item(self._sure.get(decision.sure, decision.sure))
                sure.setFlags(fixed)
                if decision.sure == "unsure" and not decision.chosen:
                    for item in (text, sure):
                        item.setBackground(_UNSURE)
                for column, item in enumerate((text, target, why, sure)):
                    self.setItem(row, column, item)
        finally:
            self._filling = False

    def target(self, row: int) -> str:
        return str(self.item(row, B_TARGET).data(_KEY))

    def row_of(self, fragment: str) -> int:
        """The first row whose block holds ``fragment`` (-1: none)."""
        for row in range(self.rowCount()):
            item = self.item(row, B_TEXT)
            if item is not None and fragment in item.text():
                return row
        return -1

    def move(self, row: int, target: str) -> None:
        """Send the block of ``row`` to ``target`` (a key of ``edges.TARGETS``), as the
        "Goes to" list does."""
        item = self.item(row, B_TARGET)
        if item.data(_KEY) == target:
            return
        self._filling = True
        try:
            item.setData(_KEY, target)
            item.setData(Qt.ItemDataRole.DisplayRole, self._label(target))
        finally:
            self._filling = False
        # After the editor has closed: the dialog reads again, and fills this table anew.
        ident = self._idents[row]
        QTimer.singleShot(0, self, lambda: self.moved.emit(ident, target))

    def _label(self, target: str) -> str:
        return self._labels.get(target, target.replace("_", " ").capitalize())

"""The import preview's blocks: each block at a chapter's edges, where it went, why, how sure.

One choice in the "Goes to" column moves a block between a field and the story, without
retyping anything; the dialog reads the files again with the author's choices, which win
over the evidence for the rest of that import.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableWidget, QWidget
from PySide6.QtWidgets import QTableWidgetItem as Item

from editor.formats.importers.edges import TARGETS, Decision

B_TEXT, B_TARGET, B_WHY, B_SURE = range(4)
_UNSURE = QColor(255, 236, 179)  # a soft amber: look here first


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
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(B_TEXT, QHeaderView.ResizeMode.Stretch)
        self._idents: list[str] = []
        self._sure = {
            "sure": self.tr("sure"),
            "likely": self.tr("likely"),
            "unsure": self.tr("unsure"),
        }
        self._labels = {key: self.tr(label) for key, label in TARGETS.items()}

    def show_decisions(self, decisions: Sequence[Decision]) -> None:
        self.setRowCount(0)
        self._idents = [d.ident for d in decisions]
        self.setRowCount(len(decisions))
        for row, decision in enumerate(decisions):
            text = Item(decision.text)
            text.setToolTip(decision.source)
            self.setItem(row, B_TEXT, text)
            why = self.tr("your choice") if decision.chosen else decision.why
            self.setItem(row, B_WHY, Item(why))
            sure = Item(self._sure.get(decision.sure, decision.sure))
            if decision.sure == "unsure" and not decision.chosen:
                for item in (text, sure):
                    item.setBackground(_UNSURE)
            self.setItem(row, B_SURE, sure)
            self.setCellWidget(row, B_TARGET, self._choice(row, decision.target))

    def target(self, row: int) -> str:
        box = self.cellWidget(row, B_TARGET)
        assert isinstance(box, QComboBox)
        return str(box.currentData())

    def row_of(self, fragment: str) -> int:
        """The first row whose block holds ``fragment`` (-1: none)."""
        for row in range(self.rowCount()):
            item = self.item(row, B_TEXT)
            if item is not None and fragment in item.text():
                return row
        return -1

    def move(self, row: int, target: str) -> None:
        """Send the block of ``row`` to ``target`` (a key of ``edges.TARGETS``)."""
        box = self.cellWidget(row, B_TARGET)
        assert isinstance(box, QComboBox)
        box.setCurrentIndex(box.findData(target))

    def _choice(self, row: int, current: str) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(f"importBlockTarget{row}")
        box.setAccessibleName(self.tr("Where this block goes"))
        for key, label in self._labels.items():
            box.addItem(label, key)
        if box.findData(current) < 0:  # a field the list does not offer (rating, tags…)
            box.addItem(current.replace("_", " ").capitalize(), current)
        box.setCurrentIndex(box.findData(current))
        box.currentIndexChanged.connect(
            lambda _i, b=box, r=row: self.moved.emit(self._idents[r], str(b.currentData()))
        )
        return box

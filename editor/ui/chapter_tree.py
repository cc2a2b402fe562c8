"""The chapter list on the left: select, rename in place, reorder by drag and drop."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from editor.model import ChapterInfo

_ID = Qt.ItemDataRole.UserRole
POSTED_COLUMN = 2


class ChapterTree(QTreeWidget):
    chapterSelected = Signal(int)
    renameRequested = Signal(int, str)
    orderRequested = Signal(list)  # chapter ids in their new order
    deleteRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chapterTree")
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Chapter"), self.tr("Words"), self.tr("Posted")])
        self.headerItem().setToolTip(
            1, self.tr("Words as you count them (AO3's count is in the Post Helper)")
        )
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(POSTED_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.currentItemChanged.connect(self._current_changed)
        self.itemChanged.connect(self._item_changed)
        self._filling = False
        # chapter id -> (text, tooltip) of the Posted column; kept so a refill shows it again.
        self._posted: dict[int, tuple[str, str]] = {}

    # -- showing -----------------------------------------------------------------

    def set_chapters(
        self, chapters: list[ChapterInfo], words: dict[int, int], current: int
    ) -> None:
        self._filling = True
        self.clear()
        locale = QLocale()
        for ch in chapters:
            item = QTreeWidgetItem([ch.title, locale.toString(words.get(ch.id, ch.words))])
            item.setData(0, _ID, ch.id)
            text, tip = self._posted.get(ch.id, ("", ""))
            item.setText(POSTED_COLUMN, text)
            item.setToolTip(POSTED_COLUMN, tip)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            # No ItemIsDropEnabled: chapters are dropped between chapters, never into one.
            item.setFlags(
                Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemIsDragEnabled
            )
            self.addTopLevelItem(item)
            if ch.id == current:
                self.setCurrentItem(item)
        self._filling = False

    def set_words(self, chapter_id: int, words: int) -> None:
        item = self._item(chapter_id)
        if item is not None:
            item.setText(1, QLocale().toString(words))

    def set_posted(self, chapter_id: int, text: str, tooltip: str) -> None:
        """What the Posted column says of a chapter ("AO3 ✓  FFN ✎"), spelled out in the tip."""
        self._posted[chapter_id] = (text, tooltip)
        item = self._item(chapter_id)
        if item is not None:
            item.setText(POSTED_COLUMN, text)
            item.setToolTip(POSTED_COLUMN, tooltip)

    def set_all_posted(self, marks: dict[int, tuple[str, str]]) -> None:
        """The Posted column of every chapter at once (chapters not in ``marks``: blank)."""
        self._posted = {}
        for chapter_id in self.ids():
            self.set_posted(chapter_id, *marks.get(chapter_id, ("", "")))
        self._posted.update(marks)

    def posted_text(self, chapter_id: int) -> str:
        item = self._item(chapter_id)
        return item.text(POSTED_COLUMN) if item is not None else ""

    def select(self, chapter_id: int) -> None:
        item = self._item(chapter_id)
        if item is not None and item is not self.currentItem():
            self._filling = True
            self.setCurrentItem(item)
            self._filling = False

    def ids(self) -> list[int]:
        return [self.topLevelItem(i).data(0, _ID) for i in range(self.topLevelItemCount())]

    def current_id(self) -> int:
        item = self.currentItem()
        return item.data(0, _ID) if item is not None else -1

    def rename_current(self) -> None:
        item = self.currentItem()
        if item is not None:
            self.setFocus()
            self.editItem(item, 0)

    def _item(self, chapter_id: int) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item.data(0, _ID) == chapter_id:
                return item
        return None

    # -- requests ------------------------------------------------------------------

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if not self._filling and current is not None:
            self.chapterSelected.emit(current.data(0, _ID))

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if not self._filling and column == 0:
            self.renameRequested.emit(item.data(0, _ID), item.text(0))

    def dropEvent(self, event: QDropEvent) -> None:
        """Ask the workspace for the new order; the tree is rebuilt from what it saves.

        The view never moves its own items: a drop that the store refused would otherwise
        leave the tree showing an order that is not the work's.
        """
        moving = self.current_id()
        ids = self.ids()
        if moving == -1 or moving not in ids:
            event.ignore()
            return
        pos = event.position().toPoint()
        target = self.itemAt(pos)
        if target is None:
            insert_at = len(ids)
        else:
            row = self.indexOfTopLevelItem(target)
            insert_at = row + (1 if pos.y() > self.visualItemRect(target).center().y() else 0)
        if ids.index(moving) < insert_at:
            insert_at -= 1
        ids.remove(moving)
        ids.insert(insert_at, moving)
        # Copy, not Move: with Move the view would delete the dragged row itself.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if ids != self.ids():
            QTimer.singleShot(0, lambda: self.orderRequested.emit(ids))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.currentItem() is not None:
            self.deleteRequested.emit(self.current_id())
            return
        super().keyPressEvent(event)

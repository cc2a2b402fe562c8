"""Chapter ▸ Revisions…: the current chapter's snapshots, each against the text now.

A snapshot is taken by hand here, or automatically (while editing, before an import, before
a restore). Restoring one puts its text back after keeping the text it replaces as a
snapshot of its own, at the top of the list: restoring that one is the undo.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.store import history
from editor.store.errors import ProjectError
from editor.store.history import Snapshot
from editor.text.diff import diff_canonical, summary, to_html
from editor.ui import titles
from editor.ui.dialogs.posting import current_body
from editor.workspace import Workspace

_ID = Qt.ItemDataRole.UserRole
DATE, KIND, NAME = range(3)


def local_time(stamp: str) -> str:
    """A stored UTC timestamp as the author's clock showed it."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


class RevisionsDialog(QDialog):
    restored = Signal(int)  # chapter id whose text the store replaced

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revisionsDialog")
        self.resize(900, 600)
        self._ws = ws
        self._chapter = ws.current_id
        self._title = ws.chapters()[ws.position_of(self._chapter)].title
        self._current = ""  # the chapter's text now, compared with each snapshot
        self._shots: dict[int, Snapshot] = {}
        self._filling = False
        self.setWindowTitle(
            titles.literal(self.tr("Revisions of “{title}”").format(title=self._title))
        )

        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("revisionList")
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Name")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_a: self._show_selected())
        self.table.itemChanged.connect(self._renamed)

        self.summary = QLabel(self)
        self.summary.setObjectName("revisionSummary")
        self.diff = QTextBrowser(self)
        self.diff.setObjectName("revisionDiff")
        self.diff.setOpenLinks(False)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(
            QLabel(self.tr("The snapshot against the text now (added, removed):"), right)
        )
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.diff, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        self.take_button = QPushButton(self.tr("&Take Snapshot…"), self)
        self.take_button.setObjectName("revisionTake")
        self.take_button.clicked.connect(lambda: self.take_snapshot())
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.restore_button.setObjectName("revisionRestore")
        self.restore_button.clicked.connect(lambda: self.restore())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.refresh()

    # -- showing ------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        """Read the snapshots and the text now again; select ``select`` (default: newest)."""
        self._current = current_body(self._ws, self._chapter)
        shots = history.snapshots(self._ws.project, self._chapter)
        self._shots = {s.id: s for s in shots}
        kinds = {
            "auto": self.tr("Automatic"),
            "manual": self.tr("By hand"),
            "import": self.tr("Before import"),
            "restore": self.tr("Before restore"),
            "replace": self.tr("Before replace"),
        }
        self._filling = True
        self.table.setRowCount(0)
        self.table.setRowCount(len(shots))
        for row, shot in enumerate(shots):
            date = QTableWidgetItem(local_time(shot.created))
            date.setData(_ID, shot.id)
            date.setToolTip(self.tr("{n} words").format(n=f"{shot.words:,}"))
            kind = QTableWidgetItem(kinds.get(shot.kind, shot.kind))
            name = QTableWidgetItem(shot.name)
            name.setToolTip(self.tr("Double-click to rename"))
            for item in (date, kind):
                item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, DATE, date)
            self.table.setItem(row, KIND, kind)
            self.table.setItem(row, NAME, name)
        self._filling = False
        if shots:
            ids = [s.id for s in shots]
            self.table.setCurrentCell(ids.index(select) if select in ids else 0, DATE)
        self._show_selected()

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, DATE) if row >= 0 else None
        return item.data(_ID) if item is not None else None

    def snapshot_ids(self) -> list[int]:
        """Newest first, as listed."""
        return [self.table.item(row, DATE).data(_ID) for row in range(self.table.rowCount())]

    def select_snapshot(self, snapshot_id: int) -> None:
        self.table.setCurrentCell(self.snapshot_ids().index(snapshot_id), DATE)

    def _show_selected(self) -> None:
        shot = self._shots.get(self.selected_id() or -1)
        self.restore_button.setEnabled(shot is not None)
        if shot is None:
            self.summary.setText(self.tr("No snapshots of this chapter yet."))
            self.diff.clear()
            return
        changes = diff_canonical(shot.body, self._current)
        self.summary.setText(summary(changes))
        self.diff.setHtml(to_html(changes))

    def _renamed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != NAME:
            return
        snapshot_id = self.table.item(item.row(), DATE).data(_ID)
        try:
            history.rename(self._ws.project, snapshot_id, item.text().strip())
        except ProjectError as e:
            QMessageBox.warning(self, self.tr("Not Renamed"), str(e))
            self.refresh(select=snapshot_id)

    # -- taking and restoring ------------------------------------------------------

    def take_snapshot(self, name: str | None = None) -> int | None:
        """Snapshot the chapter as it is in the editor; asks for a name unless given one."""
        if name is None:
            name, ok = QInputDialog.getText(
                self,
                self.tr("Take Snapshot"),
                self.tr("A name for this snapshot (optional):"),
            )
            if not ok:
                return None
        if not self._save():
            return None
        try:
            snapshot_id = history.take(self._ws.project, self._chapter, "manual", name.strip())
        except ProjectError as e:
            QMessageBox.warning(self, self.tr("No Snapshot Taken"), str(e))
            return None
        self.refresh(select=snapshot_id)
        return snapshot_id

    def restore(self) -> int | None:
        """Put the selected snapshot's text back, after asking. The id of the snapshot now
        holding the text it replaced (restore that to undo), or None."""
        shot = self._shots.get(self.selected_id() or -1)
        if shot is None:
            return None
        answer = QMessageBox.question(
            self,
            self.tr("Restore Snapshot"),
            self.tr(
                "Replace the text of “{title}” with the snapshot of {date}? The text now is "
                "kept as a snapshot first: restore that one to undo this."
            ).format(title=self._title, date=local_time(shot.created)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        if not self._save():
            return None
        try:
            kept = history.restore(self._ws.project, shot.id)
        except ProjectError as e:
            QMessageBox.warning(self, self.tr("Not Restored"), str(e))
            return None
        self._ws.reload_chapter(self._chapter)
        self.refresh(select=kept)
        self.restored.emit(self._chapter)
        return kept

    def _save(self) -> bool:
        # What is in the editor goes to the store first: a snapshot is of the stored text,
        # and a restore must not be undone by an autosave of the text it replaced.
        if self._ws.save():
            return True
        QMessageBox.warning(
            self,
            self.tr("Not Saved"),
            self.tr("The chapter could not be saved, so nothing was changed."),
        )
        return False

    # -- for tests -----------------------------------------------------------------

    def diff_text(self) -> str:
        return self.diff.toPlainText()

    def summary_text(self) -> str:
        return self.summary.text()

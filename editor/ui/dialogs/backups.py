"""File ▸ Restore from Backup…: this work's automatic backups, each openable as a copy.

A backup is never copied over the work itself: the author picks a new file, the backup is
copied there, and the window opens that copy. The work stays exactly as it is.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.store import backup
from editor.store.project import EXTENSION

FILE_FILTER = "Ficwright works (*.ficwright);;All files (*)"
_PATH = Qt.ItemDataRole.UserRole


class BackupsDialog(QDialog):
    openRequested = Signal(Path)  # a copy of a backup, ready to open

    def __init__(
        self,
        work: Path,
        folder: Path,
        parent: QWidget | None = None,
        earlier: Sequence[backup.Backup] = (),  # from the folder named after the file alone
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle(self.tr("Restore from Backup"))
        self.resize(520, 380)
        self._work = work
        self._folder = folder
        self._earlier = list(earlier)

        intro = QLabel(
            self.tr(
                "Ficwright copies “{name}” when it opens and every 15 minutes while you write. "
                "Open a backup as a copy to read it or take text from it; your work is left "
                "as it is."
            ).format(name=work.name),
            self,
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setObjectName("backupList")
        self.list.setColumnCount(2)
        self.list.setHeaderLabels([self.tr("Taken"), self.tr("Size")])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self._empty = QLabel(self.tr("No backups of this work yet."), self)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_copy = QPushButton(self.tr("Open as a Copy…"), self)
        self.open_copy.setObjectName("openBackupCopy")
        buttons.addButton(self.open_copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_copy.clicked.connect(self._open_copy)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self._empty)
        layout.addWidget(buttons)

        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list.itemDoubleClicked.connect(lambda *_: self._open_copy())
        self._fill()

    def _fill(self) -> None:
        locale = QLocale()
        self.list.clear()
        found = backup.backups(self._folder) + self._earlier
        for b in sorted(found, key=lambda b: b.taken, reverse=True):
            taken = QDateTime.fromSecsSinceEpoch(int(b.taken.timestamp()))  # local time
            try:
                size = locale.formattedDataSize(b.path.stat().st_size)
            except OSError:
                continue  # rotated away since it was listed
            item = QTreeWidgetItem([locale.toString(taken, QLocale.FormatType.LongFormat), size])
            item.setData(0, _PATH, str(b.path))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        self.list.resizeColumnToContents(0)
        has_any = self.list.topLevelItemCount() > 0
        self._empty.setVisible(not has_any)
        if has_any:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self._update_buttons()

    def backups(self) -> list[Path]:
        """The listed backups, newest first."""
        return [
            Path(self.list.topLevelItem(i).data(0, _PATH))
            for i in range(self.list.topLevelItemCount())
        ]

    def _update_buttons(self) -> None:
        self.open_copy.setEnabled(self.list.currentItem() is not None)

    def _open_copy(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        source = Path(item.data(0, _PATH))
        stamp = source.stem[-len("0000-00-00 00-00-00") :]
        suggested = self._work.with_name(
            self.tr("{stem} (backup {stamp})").format(stem=self._work.stem, stamp=stamp) + EXTENSION
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Open Backup as a Copy"), str(suggested), FILE_FILTER
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix != EXTENSION:
            target = target.with_name(target.name + EXTENSION)
        if target.exists():
            # The work itself, or another file: a restore never replaces anything silently.
            QMessageBox.warning(
                self,
                self.tr("Cannot open the backup"),
                self.tr("“{name}” already exists. Choose another name.").format(name=target.name),
            )
            return
        partial = target.with_name(f".{target.name}.part")
        try:
            # A backup is a single file (no WAL): a plain copy is a consistent one.
            shutil.copyfile(source, partial)
            os.replace(partial, target)
        except OSError as e:
            partial.unlink(missing_ok=True)
            QMessageBox.warning(self, self.tr("Cannot open the backup"), str(e))
            return
        self.accept()
        self.openRequested.emit(target)

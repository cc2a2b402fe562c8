"""A damaged work's two ways out, offered on its banner: put the newest good backup in its
place, or salvage everything that still reads into a new work.

Glue like ui/safety.py, which builds it and shows the buttons. Neither way writes into the
damaged file: a restore keeps it beside the work under another name, and a salvage only
reads it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from editor.store import backup
from editor.store.errors import ProjectError
from editor.store.project import EXTENSION
from editor.store.salvage import Salvaged, salvage

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow

Role = QMessageBox.ButtonRole
# choose(parent, title, text, buttons, *, informative=..., icon=...) -> key or None
Ask = Callable[..., "str | None"]


class RepairUi(QObject):
    def __init__(
        self, window: MainWindow, ask: Ask, backup_folder: Callable[[], Path | None]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._ask = ask
        self._backup_folder = backup_folder

    def restore_newest_backup(self) -> bool:
        """Offer the newest backup that reads whole in place of the damaged file."""
        window = self._window
        ws = window.workspace
        folder = self._backup_folder()
        if ws is None or folder is None:
            return False
        path = ws.project.path
        newest = backup.newest_good(folder)
        if newest is None:
            answer = self._ask(
                window,
                self.tr("No Good Backup"),
                self.tr("No backup of “{name}” that reads whole was found.").format(name=path.name),
                [
                    ("salvage", self.tr("Salvage into a New Work…"), Role.AcceptRole),
                    ("cancel", self.tr("Cancel"), Role.RejectRole),
                ],
            )
            return self.salvage() if answer == "salvage" else False
        taken = QLocale().toString(
            newest.taken.astimezone().replace(tzinfo=None), QLocale.FormatType.LongFormat
        )
        answer = self._ask(
            window,
            self.tr("Restore from Backup"),
            self.tr("Put the backup of {taken} in the place of the damaged “{name}”?").format(
                taken=taken, name=path.name
            ),
            [
                ("restore", self.tr("Restore"), Role.AcceptRole),
                ("cancel", self.tr("Cancel"), Role.RejectRole),
            ],
            informative=self.tr(
                "The damaged file is kept beside it, renamed: anything written after the "
                "backup is only there, and Salvage into a New Work can still copy out what "
                "of it reads."
            ),
        )
        if answer != "restore" or not window.close_work():
            return False
        try:
            aside = backup.restore(path, newest, datetime.now())
        except OSError as e:
            QMessageBox.warning(window, self.tr("Cannot restore"), str(e))
            window.open_path(path)
            return False
        if not window.open_path(path):
            return False
        message = self.tr("Restored the backup of {taken}. The damaged file is kept as “{aside}”.")
        window.statusBar().showMessage(message.format(taken=taken, aside=aside.name), 20000)
        return True

    def salvage(self) -> bool:
        """Copy what reads into a new work, chosen by the author, and go on there."""
        window = self._window
        ws = window.workspace
        if ws is None:
            return False
        damaged = ws.project.path
        suggested = self.tr("{stem} (salvaged)").format(stem=damaged.stem) + EXTENSION
        chosen, _ = QFileDialog.getSaveFileName(
            window,
            self.tr("Salvage into a New Work"),
            str(damaged.with_name(suggested)),
            self.tr("Ficwright works (*.ficwright);;All files (*)"),
        )
        if not chosen:
            return False
        target = Path(chosen)
        if target.suffix != EXTENSION:
            target = target.with_name(target.name + EXTENSION)
        if target.exists():
            QMessageBox.warning(
                window,
                self.tr("Cannot salvage"),
                self.tr("“{name}” already exists. Choose another name.").format(name=target.name),
            )
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = salvage(damaged, target)
        except (ProjectError, OSError, sqlite3.Error) as e:
            QMessageBox.warning(window, self.tr("Cannot salvage"), str(e))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        if not window.open_path(target):
            return False
        self._ask(
            window,
            self.tr("Salvaged"),
            self.tr("“{name}” now holds everything of “{old}” that could be read.").format(
                name=target.name, old=damaged.name
            ),
            [("ok", self.tr("OK"), Role.AcceptRole)],
            informative=self._report(result),
            icon=QMessageBox.Icon.Information,
        )
        return True

    def _report(self, result: Salvaged) -> str:
        lines = [self.tr("{n} chapters.").format(n=len(result.chapters))]
        if result.from_snapshots:
            lines.append(
                self.tr(
                    "Taken from their newest snapshot (later edits were lost): {titles}."
                ).format(titles=", ".join(result.from_snapshots))
            )
        if result.lost:
            lines.append(
                self.tr("No text could be read of: {titles}.").format(titles=", ".join(result.lost))
            )
        if result.incomplete:
            lines.append(
                self.tr("Some rows could not be read in: {tables}.").format(
                    tables=", ".join(result.incomplete)
                )
            )
        return " ".join(lines)

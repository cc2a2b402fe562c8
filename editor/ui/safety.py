"""Never lose a word: read-only works, files changed behind our back, failed saves,
unexpected errors and backups, as the author sees them.

Like ui/front_matter.py, this is glue the main window builds and points at the open work
(``attach``). The store detects the faults and the workspace reports them; this decides
what the author is told and offers the ways out. Nothing here writes the work itself:
the workspace and the store do.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTime, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.paths import data_dir
from editor.store import backup
from editor.store.errors import ProjectError
from editor.store.lock import LockedError
from editor.store.project import EXTENSION, Project
from editor.ui.actions import make_action
from editor.ui.repair import RepairUi
from editor.ui.widgets.tag_editor import TagEditor
from editor.workspace import RETRY_DELAY_MS, Workspace

if TYPE_CHECKING:
    from editor.ui.dialogs.backups import BackupsDialog  # imported when first opened
    from editor.ui.dialogs.file_changed import Compared
    from editor.ui.main_window import MainWindow

log = logging.getLogger(__name__)

BACKUP_INTERVAL_MS = 15 * 60 * 1000  # while the work changes
REPEAT_REPORT_S = 60  # the same unexpected error again within this: the status bar only
FILE_FILTER = "Ficwright works (*.ficwright);;All files (*)"

Role = QMessageBox.ButtonRole


def backups_root() -> Path:
    return data_dir() / "Backups"


def choose(
    parent: QWidget,
    title: str,
    text: str,
    buttons: Sequence[tuple[str, str, QMessageBox.ButtonRole]],
    *,
    informative: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
) -> str | None:
    """Ask with named buttons: the key of the one pressed, None if the box was dismissed.

    Module level so tests answer without a dialog.
    """
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    if informative:
        box.setInformativeText(informative)
    keys: dict[QAbstractButton, str] = {}
    for key, label, role in buttons:
        button = box.addButton(label, role)
        keys[button] = key
        if role == Role.RejectRole:
            box.setEscapeButton(button)
    box.exec()
    return keys.get(box.clickedButton())


class CrashDialog(QMessageBox):
    """What went wrong, with the traceback folded away under Show Details."""

    def __init__(self, parent: QWidget, summary: str, details: str, saved: str) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("Something Went Wrong"))
        self.setText(
            self.tr("Ficwright ran into a problem it did not expect:\n{what}").format(what=summary)
        )
        self.setInformativeText(
            saved
            + " "
            + self.tr(
                "You can keep writing. If it happens again, please report it with the details."
            )
        )
        self.setDetailedText(details)
        self.setStandardButtons(QMessageBox.StandardButton.Ok)


class Banner(QFrame):
    """A message bar above the chapter: stays until what it says is no longer true."""

    def __init__(self, name: str, colours: tuple[str, str, str], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        background, border, text = colours
        self.setStyleSheet(
            f"#{name} {{ background: {background}; border-bottom: 1px solid {border}; }}"
            f"#{name} QLabel {{ color: {text}; }}"
        )
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The buttons in a row under the text: beside it, two or three of them squeezed a
        # long message into a narrow column.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        layout.addWidget(self._label)
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        layout.addLayout(self._buttons)
        self.hide()

    def add_button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(lambda _checked=False: slot())
        self._buttons.addWidget(button)
        return button

    def show_text(self, text: str) -> None:
        self._label.setText(text)
        self.setAccessibleName(text)
        self.show()

    def text(self) -> str:
        return self._label.text()


class _Relay(QObject):
    """Carries an exception report from any thread to the UI thread."""

    raised = Signal(str, str)  # summary, details


class SafetyUi(QObject):
    def __init__(self, window: MainWindow, file_menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self._ws: Workspace | None = None
        self._replaced = False  # the author has been told; nothing is written until resolved
        self._declined = False  # ...and chose to keep editing: the banner says it from now on
        self._asking = False
        self._changed = False  # saved since the last backup
        self._last_saved: datetime | None = None
        self._read_only_reason: dict[Path, str] = {}  # work -> why it was opened read-only
        self._locked_widgets: list[tuple[QWidget, str]] = []  # what read-only mode changed
        self._disabled_actions: list[QAction] = []
        self._read_only = False  # the widgets are locked
        self._reporting = False
        self._last_report: tuple[str, float] = ("", 0.0)
        self.last_backup: Path | None = None

        self.read_only_banner = Banner("readOnlyBanner", ("#fdf3d0", "#d9b94a", "#4d3b00"), window)
        self._writing_button = self.read_only_banner.add_button(
            self.tr("Open for Writing"), self._open_for_writing
        )
        # A damaged work: looked up at call time, so tests answer ``choose`` as everywhere.
        self.repair = RepairUi(window, lambda *a, **k: choose(*a, **k), self.backup_folder)
        self._repair_buttons = [
            self.read_only_banner.add_button(
                self.tr("Restore Newest Good Backup…"), self.repair.restore_newest_backup
            ),
            self.read_only_banner.add_button(
                self.tr("Salvage into a New Work…"), self.repair.salvage
            ),
        ]
        self.fault_banner = Banner("saveFailedBanner", ("#fbe0e0", "#d98a8a", "#5c1111"), window)
        self.replaced_banner = Banner("replacedBanner", ("#fbe0e0", "#d98a8a", "#5c1111"), window)
        self.replaced_banner.add_button(self.tr("Keep Both as Two Works…"), self.keep_both)
        self.replaced_banner.add_button(
            self.tr("Take Theirs and Re-apply Mine"), self.take_theirs_and_reapply
        )
        self.replaced_banner.add_button(self.tr("Reload from Disk…"), self.reload_from_disk)
        self._wrap_central_widget()

        self.act_restore = make_action(
            window,
            self.tr("Restore from &Backup…"),
            self.open_backups,
            name="actRestoreBackup",
            tip=self.tr("Open an earlier copy of this work, kept automatically"),
        )
        close = window.act_close
        file_menu.insertAction(close, self.act_restore)
        file_menu.insertSeparator(close)

        self._backup_timer = QTimer(self)
        self._backup_timer.timeout.connect(self._periodic_backup)
        self._relay = _Relay(self)
        self._relay.raised.connect(self.report_exception, Qt.ConnectionType.QueuedConnection)
        window.installEventFilter(self)
        tree = window.chapter_tree
        self._tree_editing = (tree.editTriggers(), tree.dragDropMode())
        self.attach(None)

    def _wrap_central_widget(self) -> None:
        # The banners go above whatever the window shows (the chapter or the welcome page).
        window = self._window
        central = window.takeCentralWidget()
        box = QWidget(window)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for banner in (self.replaced_banner, self.fault_banner, self.read_only_banner):
            layout.addWidget(banner)
        layout.addWidget(central, 1)
        window.setCentralWidget(box)

    # -- following the workspace -------------------------------------------------------

    def attach(self, ws: Workspace | None) -> None:
        self._ws = ws
        if ws is not None:
            ws.saved.connect(self._saved)
            ws.dirtyChanged.connect(self._dirty_changed)
            ws.saveFailed.connect(self._save_failed)
            ws.changeRefused.connect(self._change_refused)
            ws.fileReplaced.connect(self._file_replaced)
        self._start()

    def _start(self) -> None:
        """A fresh start for the work now open (or for none)."""
        ws = self._ws
        self._replaced = self._declined = False
        self._changed = False
        self._last_saved = None
        for banner in (self.read_only_banner, self.fault_banner, self.replaced_banner):
            banner.hide()
        self._backup_timer.stop()
        read_only = ws is not None and ws.project.read_only
        self._set_read_only(read_only)
        damaged = ws is not None and bool(ws.project.damage)
        self._writing_button.setVisible(not damaged)  # it would open read-only again
        for button in self._repair_buttons:
            button.setVisible(damaged)
        if ws is None:
            self.act_restore.setEnabled(False)
            return
        self.act_restore.setEnabled(True)
        if read_only:
            reason = self._read_only_reason.pop(ws.project.path, "")
            if ws.project.damage:
                reason = (
                    ws.project.damage
                    + " "
                    + self.tr(
                        "It is open read-only so that nothing more is lost. Changes are not "
                        "saved: restore the newest backup that reads whole (the damaged file "
                        "is kept), or salvage everything that still reads into a new work."
                    )
                )
            self.read_only_banner.show_text(
                reason
                or self.tr(
                    "This work is open read-only: another window has it, or the file cannot "
                    "be written. Changes are not saved."
                )
            )
            return
        self.backup_now()  # ~10 ms for a 500,000-word work: on the UI thread, on the connection
        self._backup_timer.start(BACKUP_INTERVAL_MS)

    def _saved(self) -> None:
        self._changed = True
        self._last_saved = datetime.now()
        self.fault_banner.hide()

    def _dirty_changed(self, dirty: bool) -> None:
        if not dirty:
            self.fault_banner.hide()

    # -- one writer at a time -------------------------------------------------------------

    def open_read_only(self, path: Path, error: LockedError) -> Project | None:
        """``path`` is locked by another window or process: offer to read it. None if not."""
        window = self._window
        ws = window.workspace
        if ws is not None and _same_file(ws.project.path, path):
            window.statusBar().showMessage(
                self.tr("“{name}” is already open in this window.").format(name=path.name), 8000
            )
            return None
        answer = choose(
            window,
            self.tr("Work Already Open"),
            str(error),
            [
                ("read_only", self.tr("Open Read-Only"), Role.AcceptRole),
                ("cancel", self.tr("Cancel"), Role.RejectRole),
            ],
            informative=self.tr(
                "Read-only, you can read and copy the work, but nothing you change is saved."
            ),
        )
        if answer != "read_only":
            return None
        try:
            project = Project.open(path, read_only=True)
        except ProjectError as e:
            QMessageBox.warning(window, self.tr("Cannot open work"), str(e))
            return None
        self._read_only_reason[project.path] = self.tr(
            "This work is open read-only: another Ficwright window{where} has it open. "
            "Changes are not saved. Close it there, then choose Open for Writing."
        ).format(where=f" ({error.owner})" if error.owner else "")
        return project

    def _open_for_writing(self) -> None:
        ws = self._window.workspace
        if ws is None:
            return
        path = ws.project.path
        if self._window.close_work():
            self._window.open_path(path)

    def _set_read_only(self, on: bool) -> None:
        """The chapter, every panel field and the chapter list stop taking edits (or start)."""
        if on == self._read_only:
            return  # touching the tree's edit state mid-rename would disturb its editor
        self._read_only = on
        window = self._window
        pane = window.text_pane
        pane.setReadOnly(on)
        if on:  # still selectable and copyable from the keyboard
            pane.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
        tree = window.chapter_tree
        triggers, drag = self._tree_editing
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if on else triggers)
        tree.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop if on else drag)
        for widget, how in self._locked_widgets:
            with suppress(RuntimeError):  # a widget a panel has since deleted
                if how == "read_only":
                    widget.setReadOnly(False)  # type: ignore[attr-defined]
                else:
                    widget.setEnabled(True)
        self._locked_widgets = []
        if not on:
            return
        panels = [*window.front_matter.panels, window.spelling_ui.panel]
        for panel in panels:
            for widget in panel.findChildren(QWidget):
                if isinstance(widget, QTextEdit | QLineEdit):
                    if not widget.isReadOnly():
                        widget.setReadOnly(True)
                        self._locked_widgets.append((widget, "read_only"))
                elif (
                    isinstance(widget, QAbstractButton | QComboBox | QAbstractSpinBox | TagEditor)
                    and widget.isEnabled()
                ):
                    widget.setEnabled(False)
                    self._locked_widgets.append((widget, "enabled"))

    def restrict_actions(self) -> None:
        """After the window set its actions: a read-only work offers nothing that writes."""
        window = self._window
        ws = window.workspace
        for action in self._disabled_actions:
            action.setEnabled(True)
        self._disabled_actions = []
        if ws is None or not ws.project.read_only:
            return
        writing = [
            window.act_add_chapter, window.act_rename_chapter, window.act_move_up,
            window.act_move_down, window.act_delete_chapter, window.act_undo_structure,
            window.act_redo_structure, window.act_bold, window.act_italic,
            window.act_underline, window.act_strike, *window.align_actions.values(),
            window.act_scene_break, window.act_quote, window.act_bullets,
            window.act_numbers, window.act_import,
            # The posting log and revisions write to the work too.
            *(getattr(window, name, None) for name in ("act_mark_posted", "act_revisions")),
        ]  # fmt: skip
        for action in writing:
            if action is not None:
                action.setEnabled(False)
        # Always on for a writable work; the pane's paste inserts even when read-only.
        for action in (window.act_cut, window.act_paste, window.act_undo, window.act_redo):
            if action.isEnabled():
                action.setEnabled(False)
                self._disabled_actions.append(action)

    # -- failed saves ------------------------------------------------------------------------

    def _save_failed(self, message: str) -> None:
        ws = self._ws
        if ws is None or ws.project.read_only:
            return  # the read-only banner already says nothing is saved
        if ws.project.replaced():
            self._file_replaced(message)
            return
        text = self.tr("Not saved: {reason} Retrying every {n} seconds.").format(
            reason=message, n=RETRY_DELAY_MS // 1000
        )
        if ws.recovery_path is not None:
            text += " " + self.tr("Your unsaved words are safe in “{copy}”.").format(
                copy=_shown(ws.recovery_path, ws.project.path)
            )
        else:
            text += " " + self.tr(
                "A recovery copy could not be written either: keep this window open."
            )
        self.fault_banner.show_text(text)

    def _change_refused(self, message: str) -> None:
        ws = self._ws
        if ws is None or ws.project.read_only:
            return
        if ws.project.replaced():
            self._file_replaced(message)
            return
        # A change is not retried: the author does it again once the cause is gone.
        self.fault_banner.show_text(
            self.tr("Not done: {reason} Nothing was changed.").format(reason=message)
        )

    # -- the file changed behind our back ---------------------------------------------------

    def check_replaced(self) -> bool:
        """Tell the author now if another program replaced the file (True if it did)."""
        ws = self._ws
        if ws is None or ws.project.read_only or not ws.project.replaced():
            return False
        if not self._replaced:
            self._file_replaced("")
        return True

    def _file_replaced(self, _message: str) -> None:
        ws = self._ws
        if ws is None:
            return
        self.fault_banner.hide()
        # The unsaved words leave memory now, whatever the author chooses, and when.
        recovered = ws.write_recovery() if ws.dirty else ws.recovery_path
        rewritten = not ws.project.moved()
        text = (
            self.tr(
                "“{name}” was rewritten by another program (a sync client?). Nothing is saved "
                "until you choose: take their version and re-apply your unsaved words, keep "
                "both as two works, or reload the file."
            )
            if rewritten
            else self.tr(
                "“{name}” was replaced or moved by another program (a sync client?). Nothing "
                "is saved until you choose: take theirs and re-apply your unsaved words, keep "
                "both as two works, or reload the file."
            )
        ).format(name=ws.project.path.name)
        if recovered is not None:
            text += " " + self.tr("Your unsaved words are safe in “{copy}”.").format(
                copy=_shown(recovered, ws.project.path)
            )
        self.replaced_banner.show_text(text)
        first = not self._replaced
        self._replaced = True
        if first and not self._declined:
            # Not inside the save that found it: a choice may replace the work's file.
            QTimer.singleShot(0, self.resolve_replaced)

    def resolve_replaced(self, *, closing: bool = False) -> bool:
        """Ask how to go on; True once the work no longer writes to the replaced file."""
        ws = self._ws
        if ws is None or self._asking or not ws.project.replaced():
            return ws is not None and not ws.project.replaced()
        self._asking = True
        # (the dialog's module is imported when a file first changes behind the app)
        from editor.ui.dialogs.file_changed import Compared, FileChangedDialog

        try:
            changes = ws.unsaved_changes()
            titles = {ch.id: ch.title for ch in ws.chapters()}
            theirs = _their_bodies(ws.project.path)
            compared = [
                Compared(titles.get(cid, ""), theirs.get(cid, ""), body)
                for cid, (body, _words) in changes.bodies.items()
            ]
            recovery = (
                _shown(ws.recovery_path, ws.project.path) if ws.recovery_path is not None else ""
            )
            answer = ask_file_changed(
                self._window, ws.project.path.name, compared, closing=closing, recovery=recovery
            )
            resolved = False
            if answer == FileChangedDialog.BOTH:
                resolved = self.keep_both()
            elif answer == FileChangedDialog.THEIRS:
                resolved = self.take_theirs_and_reapply()
            elif answer == FileChangedDialog.RELOAD:
                resolved = self.reload_from_disk(closing=closing)
            self._declined = not resolved
            return resolved
        finally:
            self._asking = False

    def save_as_copy(self) -> bool:
        """Write our version to a new file, go on there, and save the unsaved edits into it."""
        ws = self._ws
        window = self._window
        if ws is None:
            return False
        old = ws.project.path
        target = self._new_work_path(self.tr("{stem} (my copy)"), self.tr("Save As a Copy"))
        if target is None:
            return False
        try:
            ws.project.save_copy(target)  # everything saved so far, from our own connection
            project = Project.open(target)
        except (ProjectError, OSError, sqlite3.Error) as e:
            QMessageBox.warning(window, self.tr("Cannot save a copy"), str(e))
            return False
        ws.continue_in(project)  # the unsaved edits; a failure here is retried like any save
        self._start()  # the copy: no banner, a backup of its own
        window._remember_recent(target)
        window.statusBar().showMessage(
            self.tr("Now editing “{name}”. “{old}” was left as the other program wrote it.").format(
                name=target.name, old=old.name
            ),
            15000,
        )
        return True

    def keep_both(self) -> bool:
        """Leave their file as it is and go on in a second work with the author's version:
        everything saved here and the unsaved words (replaced by a rename: our file is still
        open), or their file with the unsaved words on top (rewritten in place: what we saved
        is gone from the disk, and their version is the newest whole one)."""
        ws = self._ws
        if ws is None:
            return False
        if ws.project.moved():
            return self.save_as_copy()
        target = self._new_work_path(self.tr("{stem} (my copy)"), self.tr("Keep Both as Two Works"))
        if target is None:
            return False
        try:
            theirs = Project.open(ws.project.path, read_only=True)
            try:
                theirs.save_copy(target)
            finally:
                theirs.close()
        except (ProjectError, OSError, sqlite3.Error) as e:
            QMessageBox.warning(self._window, self.tr("Cannot save a copy"), str(e))
            return False
        return self.take_theirs_and_reapply(target)

    def take_theirs_and_reapply(self, into: Path | None = None) -> bool:
        """Open the file now on disk (or ``into``, a copy of it) and save the unsaved edits
        into it. Their text of each chapter edited here is kept as a snapshot; chapters they
        no longer have come back at the end."""
        ws = self._ws
        window = self._window
        if ws is None:
            return False
        path = ws.project.path if into is None else into
        changes = ws.unsaved_changes()
        titles = {ch.id: ch.title for ch in ws.chapters()}
        if changes and ws.write_recovery(changes) is None:
            return False  # never drop the only copy: the banner stays, the author copies by hand
        ws.discard()
        if not window.close_work() or not window.open_path(path):
            return False
        fresh = window.workspace
        if fresh is None or fresh.project.read_only:
            return False
        if changes and not fresh.reapply(changes, titles):
            return False
        if into is not None:
            window._remember_recent(into)
        window.statusBar().showMessage(
            self.tr("Their version of “{name}” is open, with your unsaved changes on top.").format(
                name=path.name
            ),
            15000,
        )
        return True

    def _new_work_path(self, suggested: str, title: str) -> Path | None:
        """A path the author chose for a new work beside this one, never an existing file."""
        ws = self._ws
        window = self._window
        if ws is None:
            return None
        old = ws.project.path
        chosen, _ = QFileDialog.getSaveFileName(
            window, title, str(old.with_name(suggested.format(stem=old.stem) + EXTENSION)),
            FILE_FILTER,
        )  # fmt: skip
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix != EXTENSION:
            target = target.with_name(target.name + EXTENSION)
        if target.exists() or _same_file(target, old):
            # Never over another file, least of all the one the other program just put there.
            QMessageBox.warning(
                window,
                self.tr("Cannot save a copy"),
                self.tr("“{name}” already exists. Choose another name.").format(name=target.name),
            )
            return None
        return target

    def reload_from_disk(self, *, closing: bool = False) -> bool:
        """Use the file now on disk, after the author confirms what is lost."""
        ws = self._ws
        window = self._window
        if ws is None:
            return False
        path = ws.project.path
        if ws.dirty:
            since = (
                QLocale().toString(_qtime(self._last_saved), QLocale.FormatType.ShortFormat)
                if self._last_saved is not None
                else self.tr("the work was opened")
            )
            chapter = next((c.title for c in ws.chapters() if c.id == ws.current_id), "")
            lost = self.tr(
                "Your unsaved changes will be lost: everything changed since {since}, "
                "including your edits to “{chapter}”."
            ).format(since=since, chapter=chapter)
        else:
            lost = self.tr("You have no unsaved changes.")
        confirm = self.tr("Discard and Close") if closing else self.tr("Discard and Reload")
        answer = choose(
            window,
            self.tr("Discard Your Version?"),
            self.tr(
                "The version of “{name}” you were editing will be replaced by the file now on "
                "disk. {lost}"
            ).format(name=path.name, lost=lost),
            [
                ("reload", confirm, Role.DestructiveRole),
                ("cancel", self.tr("Cancel"), Role.RejectRole),
            ],
            informative=self.tr(
                "Your last saved version is kept as a backup (File ▸ Restore from Backup…)."
            ),
        )
        if answer != "reload":
            return False
        ws.discard()
        if closing:
            return True
        if not window.close_work():  # keeps a backup of our version (resolve_before_close)
            return False
        window.open_path(path)
        return True

    def resolve_before_close(self) -> bool:
        """Before the work closes: False keeps it open (the author cancelled)."""
        ws = self._ws
        if ws is None or ws.project.read_only or not ws.project.replaced():
            return True
        if ws.dirty and not self.resolve_replaced(closing=True):
            return False
        ws = self._ws
        if ws is not None and ws.project.moved():
            # Our last saved version now lives only in a file nobody can reach: keep it.
            # (Rewritten in place, it is gone: what this connection would copy is theirs.)
            self.backup_now()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A sync client may have replaced the file while the app was in the background.
        if watched is self._window and event.type() == QEvent.Type.WindowActivate:
            self.check_replaced()
        return False

    # -- backups ---------------------------------------------------------------------------

    def backup_folder(self) -> Path | None:
        ws = self._ws
        return backup.folder_for(backups_root(), ws.project.path) if ws is not None else None

    def backup_now(self) -> Path | None:
        """A consistent copy of the work as saved, in the data folder's Backups."""
        ws = self._ws
        folder = self.backup_folder()
        if ws is None or folder is None:
            return None
        try:
            self.last_backup = backup.make(ws.project, folder)
        except (OSError, sqlite3.Error) as e:
            log.warning("Backup failed: %s", e)
            self._window.statusBar().showMessage(
                self.tr("Could not make a backup: {error}").format(error=e), 10000
            )
            return None
        self._changed = False
        return self.last_backup

    def _periodic_backup(self) -> None:
        if self._ws is None or not self._changed:
            return
        if self.check_replaced():
            return  # that file is not ours to copy; the author is choosing what to keep
        self.backup_now()

    def open_backups(self) -> BackupsDialog | None:
        from editor.ui.dialogs.backups import BackupsDialog

        ws = self._ws
        folder = self.backup_folder()
        if ws is None or folder is None:
            return None
        dialog = BackupsDialog(
            ws.project.path, folder, self._window, backup.earlier(ws.project, backups_root())
        )
        dialog.openRequested.connect(self._window.open_path)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- unexpected errors -------------------------------------------------------------------

    def install_hooks(self) -> None:
        """Report any unhandled exception (a slot, a worker, a thread) instead of losing it."""
        previous = sys.excepthook
        previous_thread = threading.excepthook

        def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
            previous(kind, value, tb)  # still printed, for a terminal or a log
            if not issubclass(kind, KeyboardInterrupt):
                self._relay_report(kind, value, tb)

        def thread_hook(args: threading.ExceptHookArgs) -> None:
            previous_thread(args)
            if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
                self._relay_report(args.exc_type, args.exc_value, args.exc_traceback)

        sys.excepthook = hook
        threading.excepthook = thread_hook

    def _relay_report(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        summary = f"{kind.__name__}: {value}" if str(value) else kind.__name__
        details = "".join(traceback.format_exception(kind, value, tb))
        # Queued: from a worker thread, and out of whatever the failing code was doing.
        with suppress(RuntimeError):  # the window is gone: printed above already
            self._relay.raised.emit(summary, details)

    @Slot(str, str)
    def report_exception(self, summary: str, details: str) -> None:
        """Save what can be saved, then say what happened; the app keeps running."""
        saved = self._save_what_can_be_saved()
        now = time.monotonic()
        last, when = self._last_report
        if self._reporting or (summary == last and now - when < REPEAT_REPORT_S):
            self._window.statusBar().showMessage(
                self.tr("Another unexpected problem: {what}").format(what=summary), 10000
            )
            return
        self._last_report = (summary, now)
        self._reporting = True
        try:
            CrashDialog(self._window, summary, details, saved).exec()
        finally:
            self._reporting = False

    def _save_what_can_be_saved(self) -> str:
        ws = self._window.workspace
        if ws is None:
            return ""
        try:
            ok = ws.save()
        except Exception:  # the save itself may be what is broken: never a second crash
            log.exception("Saving after an unexpected error failed")
            ok = False
        if ok:
            return self.tr("Your work is saved.")
        return self.tr(
            "Your work could not be saved just now; your text is still in the editor "
            "and Ficwright keeps trying."
        )


def ask_file_changed(
    parent: QWidget, name: str, chapters: list[Compared], *, closing: bool, recovery: str
) -> str | None:
    """Show the file's version against the unsaved words and ask how to go on: an answer of
    FileChangedDialog, None if cancelled. Module level, as ``choose``."""
    from editor.ui.dialogs.file_changed import FileChangedDialog

    dialog = FileChangedDialog(name, chapters, closing=closing, recovery=recovery, parent=parent)
    dialog.exec()
    return dialog.answer


def _their_bodies(path: Path) -> dict[int, str]:
    """Chapter id -> text in the file now at ``path`` ({} if nothing of ours reads there)."""
    try:
        theirs = Project.open(path, read_only=True)
    except ProjectError:
        return {}
    try:
        return {ch.id: theirs.body(ch.id) for ch in theirs.chapters()}
    except sqlite3.Error:
        return {}
    finally:
        theirs.close()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _shown(path: Path, work: Path) -> str:
    """The recovery copy's name, or its whole path when it is not beside the work."""
    return path.name if path.parent == work.parent else str(path)


def _qtime(moment: datetime) -> QTime:
    return QTime(moment.hour, moment.minute, moment.second)

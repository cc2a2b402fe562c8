"""Edit ▸ Undo Replace All: takes back the last replace across the work.

It reads the record the work file keeps (findreplace.last_undoable), so it works after the
Find dialog is closed and after the work is closed and opened again. The dialog's "Undo Replace
All" button runs the same ``undo_replace_all``; the action is enabled while something is left to
put back (not after the undo, nor once a newer Replace All is the last one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from editor.store.errors import SaveError
from editor.ui.actions import make_action
from editor.workspace import Workspace

# The core is imported when a work is open: the menu is built at start-up, without it.
if TYPE_CHECKING:
    from editor.findreplace import Undoable


@dataclass(frozen=True, slots=True)
class Outcome:
    """What ``undo_replace_all`` did, in words for the author."""

    done: bool
    message: str
    error: bool = False


def undoable(ws: Workspace | None) -> Undoable | None:
    """The replace Undo Replace All would take back now, if any (never in a read-only work)."""
    if ws is None or ws.project.read_only:
        return None
    from editor.findreplace import last_undoable

    return last_undoable(ws.project)


def undo_replace_all(ws: Workspace, widget: QWidget) -> Outcome:
    """Put back every chapter and note the last replace changed, except those edited since,
    then show the restored text in the open chapter and the panels."""
    from editor.findreplace import BODY, undo_replace

    # Saved first: what was typed since the replace then counts as an edit, and is kept.
    if not ws.project.read_only and not ws.save():
        return Outcome(
            False, widget.tr("The work could not be saved: nothing was undone."), error=True
        )
    last = undoable(ws)
    if last is None:
        ws.replaceChanged.emit()  # the action was enabled on a state that is gone
        return Outcome(
            False,
            widget.tr(
                "Nothing to undo: the last Replace All was undone, or everything it changed "
                "was edited since."
            ),
        )
    try:
        edited = undo_replace(ws.project, last.replace_id)
    except SaveError as e:
        return Outcome(False, str(e), error=True)
    # Only the chapters put back: reloading an edited one would drop its Ctrl+Z history.
    kept = {cid for cid, field in edited if field == BODY}
    ws.reload_replaced(cid for cid in last.chapter_ids if cid not in kept)
    if not edited:
        return Outcome(True, widget.tr("The replace was undone."))
    titles = {ch.id: ch.title for ch in ws.chapters()}
    names = sorted(
        {titles.get(cid, "") if cid is not None else widget.tr("the work") for cid, _f in edited}
        - {""}
    )
    return Outcome(
        True,
        widget.tr(
            "The replace was undone, except where you edited since: {names}. "
            "Chapter ▸ Revisions has each chapter as it was before the replace."
        ).format(names=", ".join(names) or widget.tr("a deleted chapter")),
    )


class ReplaceUndoUi:
    """The Edit menu's Undo Replace All, enabled while the open work has something to undo."""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        self._window = window
        self._ws: Workspace | None = None
        self.action = make_action(
            window, window.tr("Undo Rep&lace All"), self.undo, name="actUndoReplaceAll"
        )
        self.refresh()
        menu.addAction(self.action)
        # Typing can leave nothing to undo (every replaced text edited): checked on opening.
        menu.aboutToShow.connect(self.refresh)

    def attach(self, ws: Workspace | None) -> None:
        if self._ws is not None:
            self._ws.replaceChanged.disconnect(self.refresh)
        self._ws = ws
        if ws is not None:
            ws.replaceChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        last = undoable(self._ws)
        self.action.setEnabled(last is not None)
        tr = self._window.tr
        tip = tr("Put back the text from before the last Replace All across the work")
        if last is not None:
            tip = tr("{name}: put back what it changed and was not edited since").format(
                name=last.name
            )
        self.action.setStatusTip(tip)
        self.action.setToolTip(tip)

    def undo(self) -> bool:
        ws = self._ws
        if ws is None:
            return False
        outcome = undo_replace_all(ws, self._window)
        if outcome.error:
            QMessageBox.warning(self._window, self._window.tr("Undo Replace All"), outcome.message)
        else:
            self._window.statusBar().showMessage(outcome.message, 10000)
        return outcome.done

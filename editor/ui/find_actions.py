"""Edit ▸ Find…, Replace…, Find in Work…: built at start-up without loading the dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from editor.ui.actions import make_action

SCOPE_CHAPTER = "chapter"
SCOPE_WORK = "work"


def add_find_actions(
    window: QWidget, menu: QMenu, open_find: Callable[..., object]
) -> list[QAction]:
    """Edit ▸ Find…, Replace…, Find in Work…, added to ``menu``; ``open_find(scope, replace)``."""
    menu.addSeparator()
    actions = [
        make_action(
            window,
            window.tr("&Find…"),
            lambda: open_find(SCOPE_CHAPTER),
            QKeySequence.StandardKey.Find,
            name="actFind",
        ),
        make_action(
            window,
            window.tr("R&eplace…"),
            lambda: open_find(SCOPE_CHAPTER, replace=True),
            "Ctrl+H",
            name="actReplace",
        ),
        make_action(
            window,
            window.tr("Find in &Work…"),
            lambda: open_find(SCOPE_WORK),
            "Ctrl+Shift+F",
            name="actFindInWork",
            tip=window.tr("Search every chapter and the notes; replace across the work"),
        ),
    ]
    menu.addActions(actions)
    return actions

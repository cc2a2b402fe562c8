"""Edit ▸ Find…, Replace…, Find in Work…, Find Next, Find Previous: built at start-up without
loading the dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from editor.text.find import FindOptions
from editor.ui.actions import make_action

SCOPE_CHAPTER = "chapter"
SCOPE_WORK = "work"


@dataclass(slots=True)
class LastSearch:
    """What the Find dialog searched last: Find Next and Find Previous run it again after the
    dialog is closed (the dialog is deleted on close), and a new dialog starts from it."""

    options: FindOptions | None = None


def add_find_actions(
    window: QWidget,
    menu: QMenu,
    open_find: Callable[..., object],
    find_again: Callable[[bool], object],
) -> list[QAction]:
    """Edit ▸ Find…, Replace…, Find in Work…, Find Next, Find Previous, added to ``menu``;
    ``open_find(scope, replace)``, ``find_again(backwards)``."""
    menu.addSeparator()
    actions = [
        make_action(
            window,
            window.tr("&Find…"),
            lambda: open_find(SCOPE_CHAPTER),
            QKeySequence.StandardKey.Find,
            name="actFind",
        ),
        *(
            make_action(
                window,
                text,
                lambda _checked=False, back=backwards: find_again(back),
                key,
                name=name,
                tip=tip,
            )
            for text, backwards, key, name, tip in (
                (
                    window.tr("Find &Next"),
                    False,
                    QKeySequence.StandardKey.FindNext,
                    "actFindNext",
                    window.tr("The last search again, forward in this chapter"),
                ),
                (
                    window.tr("Find Pre&vious"),
                    True,
                    QKeySequence.StandardKey.FindPrevious,
                    "actFindPrevious",
                    window.tr("The last search again, backward in this chapter"),
                ),
            )
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

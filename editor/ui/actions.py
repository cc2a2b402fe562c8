"""A small helper to build QActions the same way everywhere."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

Shortcut = QKeySequence.StandardKey | str | None


def make_action(
    parent: QWidget,
    text: str,
    slot: Callable[..., object] | None = None,
    shortcut: Shortcut = None,
    *,
    checkable: bool = False,
    tip: str | None = None,
    icon: QIcon | None = None,
    name: str | None = None,
) -> QAction:
    action = QAction(text, parent)
    if icon is not None:
        action.setIcon(icon)
    if isinstance(shortcut, QKeySequence.StandardKey) or shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    if name:
        action.setObjectName(name)
    if slot is not None:
        action.triggered.connect(slot)  # user actions only; setChecked() stays silent
    return action

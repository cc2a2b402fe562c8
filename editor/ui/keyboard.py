"""Keyboard access to the menus: a mnemonic for every item, and the list of shortcuts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass(frozen=True, slots=True)
class Entry:
    menu: str  # "Edit" or "File ▸ Open Recent"; "" for actions in no menu
    text: str
    shortcuts: str  # as shown in menus, several joined by ", "


def plain(text: str) -> str:
    """A menu text without its mnemonic marker ("&&" stays a literal "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _mnemonic(text: str) -> str | None:
    i = text.replace("&&", "  ").find("&")
    return text[i + 1].lower() if 0 <= i < len(text) - 1 else None


def add_mnemonics(menu: QMenu) -> None:
    """Give each item of ``menu`` with neither a shortcut nor a mnemonic a free letter.

    Run as the menu opens, so items other parts add later (dock toggles, recent files)
    are covered too.
    """
    actions = [a for a in menu.actions() if not a.isSeparator() and a.text()]
    used = {m for a in actions if (m := _mnemonic(a.text()))}
    for action in actions:
        text = action.text()
        if _mnemonic(text) is not None or not action.shortcut().isEmpty():
            continue
        for i, ch in enumerate(text):
            if ch.isalnum() and ch.lower() not in used:
                used.add(ch.lower())
                action.setText(text[:i] + "&" + text[i:])
                break


def install_mnemonics(window: QMainWindow, skip: tuple[QMenu, ...] = ()) -> None:
    """Keep mnemonics on every menu of the window's menu bar, and its submenus.

    ``skip``: menus of names (recent files), where a letter marked in a name would read
    as part of it.
    """
    for menu in menus(window):
        if menu in skip:
            continue
        add_mnemonics(menu)
        # Connected after the menu's own aboutToShow fillers: it sees what they add.
        menu.aboutToShow.connect(lambda m=menu: add_mnemonics(m))


def menus(window: QMainWindow) -> list[QMenu]:
    """Every menu of the menu bar and their submenus."""
    found: list[QMenu] = []
    pending = [a.menu() for a in window.menuBar().actions()]
    while pending:
        menu = pending.pop(0)
        if isinstance(menu, QMenu) and menu not in found:
            found.append(menu)
            pending += [a.menu() for a in menu.actions() if a.menu() is not None]
    return found


def menu_actions(window: QMainWindow) -> list[QAction]:
    """Every command in the window's menus (no separators, no submenu entries)."""
    return [
        a for m in menus(window) for a in m.actions() if not a.isSeparator() and a.menu() is None
    ]


def shortcut_text(action: QAction) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(s.toString(native) for s in action.shortcuts() if not s.isEmpty())


def entries(window: QMainWindow) -> list[Entry]:
    """Every action of the window, menu by menu, then those in no menu that have a key."""
    out: list[Entry] = []
    seen: set[QAction] = set()

    def walk(menu: QMenu, path: str) -> None:
        seen.add(menu.menuAction())
        for action in menu.actions():
            if action.isSeparator() or not action.text():
                continue
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} ▸ {plain(sub.title())}")
                continue
            seen.add(action)
            out.append(Entry(path, plain(action.text()), shortcut_text(action)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, plain(menu.title()))
    for action in window.findChildren(QAction):
        if action not in seen and action.text() and not action.shortcut().isEmpty():
            out.append(Entry("", plain(action.text()), shortcut_text(action)))
    return out

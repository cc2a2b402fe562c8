"""The context menu of a text editor, with suggestions for the unknown word under the mouse.

Installed on any QTextEdit from outside (its context-menu policy), so neither the chapter
pane nor RichField needs to know about spelling.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, Qt, Slot
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu, QTextEdit

from editor.spelling.service import SpellService
from editor.ui.spell_highlighter import unknown_spans, utf16_offsets

AddWord = Callable[[str, str], object]  # (word, scope "work" | "user" | "ignore")


@dataclass(frozen=True, slots=True)
class Misspelling:
    start: int  # document positions (UTF-16)
    end: int
    word: str  # the form to look up and to add to a dictionary


def misspelling_at(edit: QTextEdit, pos: QPoint, service: SpellService) -> Misspelling | None:
    """The unknown word at ``pos`` (viewport coordinates), if there is one."""
    checker = service.checker
    if checker is None:
        return None
    cursor = edit.cursorForPosition(pos)
    block = cursor.block()
    offset = cursor.position() - block.position()
    for start, end, word in unknown_spans(checker, block.text()):
        # The cursor lands between characters: just after the last letter counts too.
        if start <= offset <= end:
            return Misspelling(block.position() + start, block.position() + end, word)
    return None


def replace_word(edit: QTextEdit, found: Misspelling, replacement: str) -> None:
    """Put ``replacement`` in place of the word, as one undoable edit.

    Only the part that differs is replaced ("recieve" -> "rec[ei]ve"), so a word that is
    partly bold or italic keeps its formatting.
    """
    doc = edit.document()
    cursor = QTextCursor(doc)
    cursor.setPosition(found.start)
    cursor.setPosition(found.end, QTextCursor.MoveMode.KeepAnchor)
    old = cursor.selectedText()
    head = 0
    while head < min(len(old), len(replacement)) and old[head] == replacement[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(old), len(replacement)) - head
        and old[len(old) - 1 - tail] == replacement[len(replacement) - 1 - tail]
    ):
        tail += 1
    u16 = utf16_offsets(old)
    start = found.start + u16(head)
    end = found.start + u16(len(old) - tail)
    cursor.beginEditBlock()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    if start == end:  # a pure insertion takes the format of the letter before it
        cursor.insertText(replacement[head : len(replacement) - tail])
    else:
        fmt = QTextCursor(cursor)
        fmt.setPosition(start + 1)
        cursor.insertText(replacement[head : len(replacement) - tail], fmt.charFormat())
    cursor.endEditBlock()
    cursor.setPosition(found.start + len(replacement.encode("utf-16-le")) // 2)
    edit.setTextCursor(cursor)


class _Suggestions(QObject):
    """Fills the menu's suggestions when they arrive; dies with the menu."""

    def __init__(
        self, menu: QMenu, placeholder: QAction, word: str, choose: Callable[[str], None]
    ) -> None:
        super().__init__(menu)
        self._menu = menu
        self._placeholder = placeholder
        self._word = word
        self._choose = choose

    @Slot(str, list)
    def deliver(self, word: str, suggestions: list[str]) -> None:
        if word != self._word or self._placeholder is None:
            return
        fill_suggestions(self._menu, self._placeholder, suggestions, self._choose)
        self._placeholder = None


def fill_suggestions(
    menu: QMenu, placeholder: QAction, suggestions: list[str], choose: Callable[[str], None]
) -> None:
    """Replace ``placeholder`` with the suggestions, best first (or "(no suggestions)")."""
    if not suggestions:
        placeholder.setText(menu.tr("(no suggestions)"))
        return
    for text in suggestions:
        action = QAction(text, menu)
        action.setObjectName("spellSuggestion")
        action.triggered.connect(lambda _checked=False, t=text: choose(t))
        menu.insertAction(placeholder, action)
    menu.removeAction(placeholder)
    placeholder.deleteLater()


class SpellMenu(QObject):
    """Adds spelling to the context menus of the editors it is installed on."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service: SpellService | None = None
        self.add_word: AddWord | None = None
        self.enabled = True

    def install(self, edit: QTextEdit) -> None:
        edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        edit.customContextMenuRequested.connect(lambda pos, e=edit: self._popup(e, pos))

    def _popup(self, edit: QTextEdit, pos: QPoint) -> None:
        menu = self.menu_for(edit, pos)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(edit.viewport().mapToGlobal(pos))

    def menu_for(self, edit: QTextEdit, pos: QPoint) -> QMenu:
        """The standard menu for ``pos`` (viewport coordinates), spelling items on top."""
        scroll = QPoint(edit.horizontalScrollBar().value(), edit.verticalScrollBar().value())
        menu = edit.createStandardContextMenu(pos + scroll)
        menu.setParent(edit, menu.windowFlags())
        service = self.service
        if not self.enabled or service is None:
            return menu
        found = misspelling_at(edit, pos, service)
        if found is None:
            return menu
        first = menu.actions()[0] if menu.actions() else None

        def add(action: QAction) -> QAction:
            menu.insertAction(first, action)
            return action

        def choose(text: str) -> None:
            replace_word(edit, found, text)

        checker = service.checker
        cached = checker.cached_suggestions(found.word) if checker is not None else None
        placeholder = add(QAction(self.tr("Finding suggestions…"), menu))
        placeholder.setObjectName("spellPlaceholder")
        placeholder.setEnabled(False)
        if cached is not None:
            fill_suggestions(menu, placeholder, cached, choose)
        else:
            waiter = _Suggestions(menu, placeholder, found.word, choose)
            service.suggestionsReady.connect(waiter.deliver)
            service.request_suggestions(found.word)
        if first is not None:
            menu.insertSeparator(first)
        else:
            menu.addSeparator()
        for scope, text, name in (
            ("work", self.tr("Add to Work Dictionary"), "spellAddWork"),
            ("user", self.tr("Add to My Dictionary"), "spellAddUser"),
            ("ignore", self.tr("Ignore in This Work"), "spellIgnore"),
        ):
            action = add(QAction(text, menu))
            action.setObjectName(name)
            action.triggered.connect(lambda _c=False, s=scope: self._add(found.word, s))
        if first is not None:
            menu.insertSeparator(first)
        return menu

    def _add(self, word: str, scope: str) -> None:
        if self.add_word is not None:
            self.add_word(word, scope)

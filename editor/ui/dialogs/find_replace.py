"""Edit ▸ Find…, Replace… and Find in Work…: one non-modal dialog for both scopes.

In "This chapter" the dialog works on the pane's QTextDocument, with the same compiled
pattern the core uses, one block at a time: formatting is not text, so a match across
``<em>Clo</em>ud`` is found, and a replace in the pane is one undoable step of the pane.

In "Whole work" it searches the stored work (with the chapter being edited as it is on
screen) and replaces through ``findreplace.replace_work``: snapshots first, one transaction,
then the open documents and the panels are reloaded. "Undo Replace All" puts back every chapter
and note not edited since, from the record kept in the work file: the button here and Edit ▸
Undo Replace All run the same code (ui/replace_undo.py), and are enabled by the same state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextBlock, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.findreplace import BODY, Hit, ReplaceResult, replace_work, search_work
from editor.store.errors import SaveError
from editor.text import qtdoc
from editor.text.find import (
    FindError,
    FindOptions,
    FindTimeout,
    Pattern,
    check_replacement,
    compile_pattern,
    replacement_text,
)
from editor.ui.find_actions import SCOPE_CHAPTER, SCOPE_WORK, LastSearch
from editor.ui.replace_undo import undo_replace_all, undoable
from editor.workspace import Workspace

if TYPE_CHECKING:
    import regex

_LINE_SEPARATOR = "\u2028"  # Qt's line break inside a block (Shift+Enter)
_HIT = Qt.ItemDataRole.UserRole


@dataclass(frozen=True, slots=True)
class DocMatch:
    """A match in a QTextDocument, in cursor positions (UTF-16 units)."""

    start: int
    end: int
    match: regex.Match[str]


def document_matches(doc: QTextDocument, pattern: Pattern) -> Iterator[DocMatch]:
    """Every non-empty match in ``doc``, block by block, as ``find_in_canonical`` finds them."""
    block = doc.begin()
    while block.isValid():
        yield from block_matches(block, pattern)
        block = block.next()


def block_matches(block: QTextBlock, pattern: Pattern) -> Iterator[DocMatch]:
    # A line break is "\n" in the canonical plain text: same length, same ^ and $.
    text = block.text().replace(_LINE_SEPARATOR, "\n")
    wide = any(ord(c) > 0xFFFF for c in text)  # Python counts code points, Qt UTF-16 units
    base = block.position()
    for m in pattern.finditer(text):
        start, end = m.span()
        if start == end:
            continue
        if wide:
            start, end = _utf16(text, start), _utf16(text, end)
        yield DocMatch(base + start, base + end, m)


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le", "surrogatepass")) // 2


@dataclass(frozen=True, slots=True)
class Found:
    """The match Find Next/Previous moves to: ``index`` of ``total``, from 1."""

    match: DocMatch
    index: int
    total: int
    wrapped: bool  # went past the end (or the start) and continued from the other side


def find_from(matches: list[DocMatch], lo: int, hi: int, *, backwards: bool) -> Found:
    """The match after the selection ``lo``..``hi`` (before it, backwards), wrapping around."""
    if backwards:
        before = [m for m in matches if m.start < lo]
        found, wrapped = (before[-1], False) if before else (matches[-1], True)
    else:
        after = [m for m in matches if m.start >= hi or (m.start >= lo and m.end > hi)]
        found, wrapped = (after[0], False) if after else (matches[0], True)
    return Found(found, matches.index(found) + 1, len(matches), wrapped)


def found_message(widget: QWidget, found: Found, *, backwards: bool) -> str:
    text = widget.tr("Match {i} of {n}.").format(i=found.index, n=found.total)
    if found.wrapped:
        text += " " + (
            widget.tr("Continued from the end.")
            if backwards
            else widget.tr("Continued from the start.")
        )
    return text


def select_match(pane: QTextEdit, found: DocMatch) -> None:
    cursor = pane.textCursor()
    cursor.setPosition(found.start)
    cursor.setPosition(found.end, QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)
    pane.ensureCursorVisible()


def _open_dialog(window: QWidget, ws: Workspace) -> FindReplaceDialog | None:
    dialog = window.findChild(FindReplaceDialog, "findReplaceDialog")
    if dialog is not None and dialog.workspace is not ws:
        dialog.close()
        dialog = None
    return dialog


def show_find_dialog(
    window: QWidget,
    ws: Workspace,
    pane: QTextEdit,
    scope: str,
    last: LastSearch,
    *,
    replace: bool = False,
) -> FindReplaceDialog:
    """The window's find dialog for ``ws`` (one at a time), shown in ``scope``."""
    dialog = _open_dialog(window, ws)
    if dialog is None:
        dialog = FindReplaceDialog(ws, pane, last, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ws.destroyed.connect(dialog.close)  # the work was closed
    dialog.start(scope, replace=replace)
    return dialog


def find_again(
    window: QMainWindow, ws: Workspace, pane: QTextEdit, last: LastSearch, *, backwards: bool
) -> bool:
    """Edit ▸ Find Next / Find Previous: the dialog's search if it is open, else the last
    search, in the chapter; with no search yet, open Find. True if a match was selected."""
    dialog = _open_dialog(window, ws)
    if dialog is not None and dialog.find_edit.text():
        return dialog.find_previous() if backwards else dialog.find_next()
    doc = ws.document
    if last.options is None or dialog is not None or doc is None:
        show_find_dialog(window, ws, pane, SCOPE_CHAPTER, last)
        return False
    say = window.statusBar().showMessage
    try:
        matches = list(document_matches(doc, compile_pattern(last.options)))
    except FindError as e:
        say(str(e), 10000)
        return False
    if not matches:
        say(window.tr("“{text}” is not in this chapter.").format(text=last.options.pattern), 10000)
        return False
    cursor = pane.textCursor()
    found = find_from(matches, cursor.selectionStart(), cursor.selectionEnd(), backwards=backwards)
    select_match(pane, found.match)
    say(found_message(window, found, backwards=backwards), 10000)
    return True


class FindReplaceDialog(QDialog):
    replaced = Signal(object)  # ReplaceResult, after a replace across the work

    def __init__(
        self, ws: Workspace, pane: QTextEdit, last: LastSearch, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("findReplaceDialog")
        self.setWindowTitle(self.tr("Find and Replace"))
        self.setModal(False)
        self.workspace = ws
        self._pane = pane
        self._last = last  # kept by the window: it outlives this dialog

        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("findText")
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setObjectName("replaceText")
        self.replace_edit.setPlaceholderText(self.tr(r"Regular expressions: \1 for a group"))
        self.whole_word = QCheckBox(self.tr("&Whole word"), self)
        self.match_case = QCheckBox(self.tr("Match &case"), self)
        self.regex = QCheckBox(self.tr("Re&gular expression"), self)
        self.preserve_case = QCheckBox(self.tr("&Preserve case"), self)
        self.preserve_case.setToolTip(
            self.tr("The replacement follows the case of what it replaces: cloud, Cloud, CLOUD")
        )
        self.scope = QComboBox(self)
        self.scope.setObjectName("findScope")
        self.scope.addItem(self.tr("This chapter"), SCOPE_CHAPTER)
        self.scope.addItem(self.tr("Whole work (chapters and notes)"), SCOPE_WORK)
        self.message = QLabel(self)
        self.message.setObjectName("findMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.results = QTreeWidget(self)
        self.results.setObjectName("findResults")
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(True)
        self.results.itemActivated.connect(self._show_hit)
        self.results.itemClicked.connect(self._show_hit)

        def button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
            b = QPushButton(text, self)
            b.setObjectName(name)
            b.setAutoDefault(False)
            b.clicked.connect(lambda: slot())  # not slot(checked)
            return b

        self.next_button = button(self.tr("Find &Next"), "findNext", self.find_next)
        self.previous_button = button(self.tr("Find Pre&vious"), "findPrevious", self.find_previous)
        self.find_all_button = button(self.tr("Find &All"), "findAll", self.find_all)
        self.replace_button = button(self.tr("&Replace"), "replaceOne", self.replace_one)
        self.replace_all_button = button(self.tr("Replace A&ll"), "replaceAll", self.replace_all)
        self.undo_button = button(
            self.tr("&Undo Replace All"), "undoReplaceAll", self.undo_replace_all
        )
        self._refresh_undo()
        ws.replaceChanged.connect(self._refresh_undo)
        close = button(self.tr("Close"), "findClose", self.close)

        form = QFormLayout()
        form.addRow(self.tr("F&ind:"), self.find_edit)
        form.addRow(self.tr("Replace &with:"), self.replace_edit)
        form.addRow(self.tr("&In:"), self.scope)
        options = QGridLayout()
        options.addWidget(self.whole_word, 0, 0)
        options.addWidget(self.match_case, 0, 1)
        options.addWidget(self.regex, 1, 0)
        options.addWidget(self.preserve_case, 1, 1)
        buttons = QHBoxLayout()
        for b in (self.previous_button, self.next_button, self.find_all_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.replace_button, self.replace_all_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(options)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)
        self.resize(620, 200)

        self.find_edit.returnPressed.connect(self._enter)
        self.replace_edit.returnPressed.connect(self._enter)
        self.scope.currentIndexChanged.connect(lambda _i: self._scope_changed())
        for widget in (self.whole_word, self.match_case, self.regex, self.preserve_case):
            widget.toggled.connect(lambda _on: self.message.clear())
        self.find_edit.textChanged.connect(lambda _t: self.message.clear())
        self._scope_changed()
        if last.options is not None:
            self._restore(last.options)

    # -- state -----------------------------------------------------------------------

    def start(self, scope: str, *, replace: bool = False) -> None:
        """Show in ``scope``, with the pane's selection (one line of it) as the text to find."""
        self.scope.setCurrentIndex(self.scope.findData(scope))
        selected = self._pane.textCursor().selectedText()
        if selected and "\u2029" not in selected and _LINE_SEPARATOR not in selected:
            self.find_edit.setText(selected)
        self.show()
        self.raise_()
        self.activateWindow()
        target = self.replace_edit if replace and self.find_edit.text() else self.find_edit
        target.setFocus()
        target.selectAll()

    def _restore(self, options: FindOptions) -> None:
        self.find_edit.setText(options.pattern)
        self.regex.setChecked(options.regex)
        self.whole_word.setChecked(options.whole_word)
        self.match_case.setChecked(options.match_case)
        self.preserve_case.setChecked(options.preserve_case)

    def current_scope(self) -> str:
        return str(self.scope.currentData())

    def options(self) -> FindOptions:
        return FindOptions(
            self.find_edit.text(),
            regex=self.regex.isChecked(),
            whole_word=self.whole_word.isChecked(),
            match_case=self.match_case.isChecked(),
            preserve_case=self.preserve_case.isChecked(),
        )

    def _scope_changed(self) -> None:
        work = self.current_scope() == SCOPE_WORK
        self.results.setVisible(work)
        self.find_all_button.setVisible(work)
        self.message.clear()
        self.results.clear()
        self.resize(self.width(), 460 if work else 200)
        read_only = self.workspace.project.read_only
        for b in (self.replace_button, self.replace_all_button):
            b.setEnabled(not read_only)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setProperty("error", error)
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)

    def _fail(self, error: FindError) -> None:
        if isinstance(error, FindTimeout):
            self._say(self.tr("This pattern takes too long; simplify it."), error=True)
        else:
            self._say(str(error), error=True)

    def _matches(self, doc: QTextDocument, pattern: Pattern) -> list[DocMatch] | None:
        """Every match in the chapter, or None with the reason shown (a pattern too slow)."""
        try:
            return list(document_matches(doc, pattern))
        except FindError as e:
            self._fail(e)
            return None

    def _pattern(self, replace: str | None = None) -> Pattern | None:
        """The compiled pattern, or None with the reason shown under the fields."""
        try:
            options = self.options()
            pattern = compile_pattern(options)
            if replace is not None:
                check_replacement(options, replace)
        except FindError as e:
            self._say(str(e), error=True)
            return None
        self._last.options = options
        return pattern

    def _enter(self) -> None:
        if self.current_scope() == SCOPE_WORK:
            self.find_all()
        else:
            self.find_next()

    # -- this chapter -------------------------------------------------------------------

    def _document(self) -> QTextDocument | None:
        return self.workspace.document

    def find_next(self) -> bool:
        return self._find(backwards=False)

    def find_previous(self) -> bool:
        return self._find(backwards=True)

    def _find(self, *, backwards: bool) -> bool:
        doc = self._document()
        pattern = self._pattern()
        if doc is None or pattern is None:
            return False
        matches = self._matches(doc, pattern)
        if matches is None:
            return False
        if not matches:
            self._say(self.tr("Not found in this chapter."))
            return False
        cursor = self._pane.textCursor()
        found = find_from(
            matches, cursor.selectionStart(), cursor.selectionEnd(), backwards=backwards
        )
        select_match(self._pane, found.match)
        self._say(found_message(self, found, backwards=backwards))
        return True

    def _selected_match(self, doc: QTextDocument, pattern: Pattern) -> DocMatch | None:
        """The match the pane's selection is exactly, if it is one."""
        cursor = self._pane.textCursor()
        lo, hi = cursor.selectionStart(), cursor.selectionEnd()
        if lo == hi:
            return None
        block = doc.findBlock(lo)
        if hi > block.position() + block.length() - 1:
            return None
        for m in block_matches(block, pattern):
            if (m.start, m.end) == (lo, hi):
                return m
        return None

    def replace_one(self) -> bool:
        """Replace the selection if it is a match (one undo step), then find the next one."""
        replace = self.replace_edit.text()
        doc = self._document()
        pattern = self._pattern(replace)
        if doc is None or pattern is None or self.workspace.project.read_only:
            return False
        try:
            found = self._selected_match(doc, pattern)
        except FindError as e:
            self._fail(e)
            return False
        if found is None:
            return self.find_next()  # first show the author what would be replaced
        new = replacement_text(found.match, replace, self.options())
        cursor = self._pane.textCursor()
        cursor.beginEditBlock()
        _replace(doc, cursor, found, new)
        cursor.endEditBlock()
        self._pane.setTextCursor(cursor)
        if not self.find_next():
            self._say(self.tr("Replaced. No more matches in this chapter."))
        return True

    def replace_all(self) -> int:
        if self.current_scope() == SCOPE_WORK:
            return self.replace_all_in_work()
        return self.replace_all_in_chapter()

    def replace_all_in_chapter(self) -> int:
        """Every match in the chapter, as one step of the pane's undo."""
        replace = self.replace_edit.text()
        doc = self._document()
        pattern = self._pattern(replace)
        if doc is None or pattern is None or self.workspace.project.read_only:
            return 0
        options = self.options()
        matches = self._matches(doc, pattern)
        if matches is None:
            return 0
        if not matches:
            self._say(self.tr("Not found in this chapter."))
            return 0
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        # From the last to the first, so the positions still to come stay where they are.
        for found in reversed(matches):
            new = replacement_text(found.match, replace, options)
            if new != found.match.group():  # as the core does: formatting kept, no edit
                _replace(doc, cursor, found, new)
        cursor.endEditBlock()
        self._say(
            self.tr("Replaced {n} matches in this chapter.").format(n=len(matches))
            if len(matches) != 1
            else self.tr("Replaced 1 match in this chapter.")
        )
        return len(matches)

    # -- the whole work ------------------------------------------------------------------

    def _current(self) -> dict[int, str] | None:
        return self.workspace.editor_bodies() or None

    def find_all(self) -> list[Hit]:
        """List every match in the work, grouped by chapter."""
        self.results.clear()
        if self._pattern() is None:
            return []
        ws = self.workspace
        ws.save()  # the notes are searched as stored; a failed save retries on its own
        try:
            hits = search_work(ws.project, self.options(), current=self._current())
        except FindError as e:
            self._fail(e)
            return []
        self._fill(hits)
        return hits

    def _fill(self, hits: list[Hit]) -> None:
        groups: dict[int | None, QTreeWidgetItem] = {}
        counts: dict[int | None, int] = {}
        bold = QFont(self.results.font())
        bold.setBold(True)
        body_index: dict[int, int] = {}
        for hit in hits:
            group = groups.get(hit.chapter_id)
            if group is None:
                title = hit.chapter_title if hit.chapter_id is not None else self.tr("The work")
                group = QTreeWidgetItem(self.results, [title])
                group.setFont(0, bold)
                group.setExpanded(True)
                groups[hit.chapter_id] = group
            counts[hit.chapter_id] = counts.get(hit.chapter_id, 0) + 1
            m = hit.match
            context = f"{m.context_before}[{m.text}]{m.context_after}"
            if hit.field != BODY:
                context = f"{_field_label(self, hit)}: {context}"
            item = QTreeWidgetItem(group, [context])
            item.setToolTip(0, context)
            index = -1
            if hit.field == BODY and hit.chapter_id is not None:
                index = body_index.get(hit.chapter_id, 0)
                body_index[hit.chapter_id] = index + 1
            item.setData(0, _HIT, (hit, index))
        for cid, group in groups.items():
            group.setText(0, f"{group.text(0)} ({counts[cid]})")
        n = len(hits)
        chapters = len({h.chapter_id for h in hits if h.chapter_id is not None})
        self._say(
            self.tr("No matches in the work.")
            if not n
            else self.tr("{n} matches in {c} chapters and the notes.").format(n=n, c=chapters)
        )

    def result_items(self) -> list[QTreeWidgetItem]:
        """The hit rows, in order (the chapter rows left out)."""
        items: list[QTreeWidgetItem] = []
        for i in range(self.results.topLevelItemCount()):
            group = self.results.topLevelItem(i)
            items.extend(group.child(j) for j in range(group.childCount()))
        return items

    def _show_hit(self, item: QTreeWidgetItem) -> None:
        data = item.data(0, _HIT)
        if not data:
            return
        hit, index = data
        ws = self.workspace
        if hit.chapter_id is not None and hit.chapter_id in {ch.id for ch in ws.chapters()}:
            ws.select(hit.chapter_id)
        if hit.field != BODY:
            self._say(
                self.tr("In {field}: “{text}”.").format(
                    field=_field_label(self, hit), text=hit.match.text
                )
            )
            return
        doc = ws.document
        pattern = self._pattern()
        if doc is None or pattern is None:
            return
        matches = self._matches(doc, pattern)
        if matches is None:
            return
        if 0 <= index < len(matches):
            select_match(self._pane, matches[index])
            self._pane.setFocus()
        else:
            self._say(self.tr("The chapter has changed since the search: search again."))

    def replace_all_in_work(self) -> int:
        """Ask, save, replace in every chapter and note (snapshots first), reload."""
        ws = self.workspace
        replace = self.replace_edit.text()
        if self._pattern(replace) is None or ws.project.read_only:
            return 0
        if not ws.save():
            self._say(self.tr("The work could not be saved: nothing was replaced."), error=True)
            return 0
        options = self.options()
        try:
            hits = search_work(ws.project, options, current=self._current())
        except FindError as e:
            self._fail(e)
            return 0
        if not hits:
            self._say(self.tr("No matches in the work."))
            return 0
        answer = QMessageBox.question(
            self,
            self.tr("Replace All"),
            self.tr(
                "Replace {n} matches of “{find}” with “{replace}” in the whole work, chapters "
                "and notes? A snapshot of every chapter is taken first."
            ).format(n=len(hits), find=options.pattern, replace=replace),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        try:
            result = replace_work(ws.project, options, replace, current=self._current())
        except FindError as e:
            self._fail(e)
            return 0
        except SaveError as e:
            self._say(str(e), error=True)
            return 0
        self._reload(result)
        self._fill([])
        self._say(
            self.tr("Replaced {n} matches. Undo Replace All takes them back.").format(
                n=result.count
            )
        )
        self.replaced.emit(result)
        return result.count

    def undo_replace_all(self) -> bool:
        """As Edit ▸ Undo Replace All: the last replace across the work, taken back."""
        outcome = undo_replace_all(self.workspace, self)
        self._refresh_undo()
        self._say(outcome.message, error=outcome.error)
        return outcome.done

    def _refresh_undo(self) -> None:
        self.undo_button.setEnabled(undoable(self.workspace) is not None)

    def _reload(self, result: ReplaceResult) -> None:
        if result.changed:
            self.workspace.reload_replaced(result.changed_chapter_ids)


def _replace(doc: QTextDocument, cursor: QTextCursor, found: DocMatch, new: str) -> None:
    """Put ``new`` over a match, in the formatting of the match's first character (as the
    core's replace does)."""
    first = QTextCursor(doc)
    first.setPosition(found.start)
    first.movePosition(QTextCursor.MoveOperation.NextCharacter)
    fmt = first.charFormat()  # the format of the character before the cursor
    cursor.setPosition(found.start)
    cursor.setPosition(found.end, QTextCursor.MoveMode.KeepAnchor)
    # A newline would split the paragraph; in the stored text it is a line break.
    cursor.insertText(qtdoc.qt_str(new.replace("\n", _LINE_SEPARATOR)), fmt)


def _field_label(widget: QWidget, hit: Hit) -> str:
    """Which note a hit is in, as the panels name it."""
    labels = {
        "summary": widget.tr("Chapter summary")
        if hit.chapter_id is not None
        else widget.tr("Summary"),
        "disclaimer": widget.tr("Disclaimer"),
        "dedication": widget.tr("Dedication"),
        "prompt": widget.tr("Prompt"),
        "notes_begin": widget.tr("Chapter notes (beginning)"),
        "notes_end": widget.tr("Chapter notes (end)"),
    }
    return labels.get(hit.field, hit.field)

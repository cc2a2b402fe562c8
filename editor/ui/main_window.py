"""The main window: wires the chapter tree, the text pane and the workspace together."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from editor.store.errors import ProjectError, SaveError
from editor.store.lock import LockedError
from editor.store.project import EXTENSION, Project
from editor.ui import titles
from editor.ui.actions import make_action
from editor.ui.chapter_tree import ChapterTree
from editor.ui.editing import CanonicalEdit
from editor.ui.find_actions import SCOPE_CHAPTER, LastSearch, add_find_actions
from editor.ui.focus import FocusMode
from editor.ui.front_matter import FrontMatterDocks
from editor.ui.goals import GoalsUi
from editor.ui.posted_marks import posted_column, posted_columns
from editor.ui.preferences_ui import PreferencesUi
from editor.ui.replace_undo import ReplaceUndoUi
from editor.ui.safety import SafetyUi
from editor.ui.spelling_ui import SpellingUi
from editor.ui.text_pane import TextPane
from editor.workspace import Workspace

# The dialogs are imported when first opened: together they cost ~80 ms of start-up.
if TYPE_CHECKING:
    from editor.formats.importers import ImportResult
    from editor.formats.work import ExportWork
    from editor.ui.dialogs.export import ExportDialog
    from editor.ui.dialogs.find_replace import FindReplaceDialog
    from editor.ui.dialogs.import_dialog import ImportDialog
    from editor.ui.dialogs.post_helper import PostHelperDialog
    from editor.ui.dialogs.posting import MarkPostedDialog, PostedChangesDialog
    from editor.ui.dialogs.preferences import PreferencesDialog
    from editor.ui.dialogs.revisions import RevisionsDialog
    from editor.ui.dialogs.statistics import StatisticsDialog

MAX_RECENT = 10
FILE_FILTER = "Ficwright works (*.ficwright);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.workspace: Workspace | None = None
        self.setObjectName("mainWindow")
        self.resize(1320, 840)

        self.chapter_tree = ChapterTree(self)
        self.text_pane = TextPane(self)
        self._welcome = self._build_welcome()
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._welcome)
        self._stack.addWidget(self.text_pane)
        self.setCentralWidget(self._stack)

        self.chapter_dock = QDockWidget(self.tr("Chapters"), self)
        self.chapter_dock.setObjectName("chaptersDock")
        self.chapter_dock.setWidget(self.chapter_tree)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.chapter_dock)

        self._words_label = QLabel(self)
        self._words_label.setObjectName("wordsLabel")
        # AO3 counts differently (per text node; each CJK or Thai character a word): the
        # Post Helper and the AO3 download show AO3's count, this one is the author's.
        self._words_label.setToolTip(
            self.tr(
                "Words as you count them: “could've” and “well-known” are one word each. "
                "AO3 counts differently; File ▸ Post Helper shows AO3's count."
            )
        )
        self._save_label = QLabel(self)
        self.statusBar().addPermanentWidget(self._save_label)
        self.statusBar().addPermanentWidget(self._words_label)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.front_matter = FrontMatterDocks(self, settings, self.view_menu)
        self.spelling_ui = SpellingUi(self, settings, self.view_menu)
        self.safety = SafetyUi(self, self.file_menu)  # banners, backups, faults
        self.preferences_ui = PreferencesUi(self, settings)  # also zoom, keyboard help
        self.focus_mode = FocusMode(self, self.text_pane, settings, self.view_menu)
        self.goals = GoalsUi(self, settings, self.view_menu)  # status-bar progress, statistics
        self._wire_widgets()
        self._show_work_state()
        self._apply_smart_typography(self.act_smart.isChecked())

    # -- building ------------------------------------------------------------------

    def _build_welcome(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        label = QLabel(self.tr("No work is open."), page)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)
        for text, slot in (
            (self.tr("New Work…"), self.new_work),
            (self.tr("Open Work…"), self.open_dialog),
        ):
            button = QPushButton(text, page)
            button.clicked.connect(slot)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    def _build_actions(self) -> None:
        a = make_action
        pane = self.text_pane
        SK = QKeySequence.StandardKey
        self.act_new = a(self, self.tr("&New Work…"), self.new_work, SK.New, name="actNew")
        self.act_open = a(self, self.tr("&Open…"), self.open_dialog, SK.Open, name="actOpen")
        self.act_close = a(self, self.tr("&Close Work"), self.close_work, SK.Close, name="actClose")
        self.act_quit = a(self, self.tr("&Quit"), self.close, SK.Quit, name="actQuit")
        self.act_import = a(
            self,
            self.tr("&Import…"),
            self.open_import,
            "Ctrl+Shift+I",
            name="actImport",
            tip=self.tr("Add chapters from text, Markdown, HTML or Word files"),
        )
        self.act_export = a(
            self, self.tr("&Export…"), self.open_export, "Ctrl+Shift+E", name="actExport"
        )
        self.act_post_helper = a(
            self,
            self.tr("&Post Helper…"),
            self.open_post_helper,
            "Ctrl+Shift+P",
            name="actPostHelper",
            tip=self.tr("AO3's posting form, field by field, ready to copy"),
        )

        self.act_undo = a(self, self.tr("&Undo"), self._undo, SK.Undo, name="actUndo")
        self.act_redo = a(self, self.tr("&Redo"), self._redo, SK.Redo, name="actRedo")
        self.act_cut = a(self, self.tr("Cu&t"), pane.cut, SK.Cut)
        self.act_copy = a(self, self.tr("&Copy"), pane.copy, SK.Copy)
        self.act_paste = a(self, self.tr("&Paste"), pane.paste, SK.Paste)
        self.act_select_all = a(self, self.tr("Select &All"), pane.selectAll, SK.SelectAll)

        self.act_bold = a(
            self, self.tr("&Bold"), pane.set_bold, SK.Bold, checkable=True, name="actBold"
        )
        self.act_italic = a(
            self, self.tr("&Italic"), pane.set_italic, SK.Italic, checkable=True, name="actItalic"
        )
        self.act_underline = a(
            self,
            self.tr("&Underline"),
            pane.set_underline,
            SK.Underline,
            checkable=True,
            name="actUnderline",
        )
        self.act_strike = a(
            self,
            self.tr("&Strikethrough"),
            pane.set_strikeout,
            "Ctrl+Shift+X",
            checkable=True,
            name="actStrike",
        )
        self.align_actions: dict[str, QAction] = {}
        for key, text, shortcut in (
            ("left", self.tr("Align &Left"), "Ctrl+L"),
            ("center", self.tr("&Centre"), "Ctrl+E"),
            ("right", self.tr("Align &Right"), "Ctrl+R"),
            ("justify", self.tr("&Justify"), "Ctrl+J"),
        ):
            action = a(self, text, lambda _c=False, k=key: self._align(k), shortcut, checkable=True)
            action.setObjectName(f"actAlign_{key}")
            self.align_actions[key] = action
        self.act_scene_break = a(
            self,
            self.tr("Scene &Break"),
            pane.insert_scene_break,
            "Ctrl+Shift+H",
            name="actSceneBreak",
            tip=self.tr("Insert a scene break (a horizontal rule)"),
        )
        self.act_quote = a(
            self,
            self.tr("Block &Quote"),
            pane.set_block_quote,
            "Ctrl+Shift+Q",
            checkable=True,
            name="actQuote",
        )
        self.act_bullets = a(
            self,
            self.tr("&Bulleted List"),
            lambda on: pane.set_list("ul" if on else None),
            "Ctrl+Shift+8",
            checkable=True,
        )
        self.act_numbers = a(
            self,
            self.tr("&Numbered List"),
            lambda on: pane.set_list("ol" if on else None),
            "Ctrl+Shift+7",
            checkable=True,
        )

        self.act_add_chapter = a(
            self, self.tr("&New Chapter"), self.add_chapter, "Ctrl+Shift+N", name="actAddChapter"
        )
        self.act_rename_chapter = a(
            self,
            self.tr("&Rename Chapter"),
            self.chapter_tree.rename_current,
            "F2",
            name="actRenameChapter",
        )
        self.act_move_up = a(
            self, self.tr("Move &Up"), lambda: self._move(-1), "Ctrl+Shift+Up", name="actMoveUp"
        )
        self.act_move_down = a(
            self,
            self.tr("Move &Down"),
            lambda: self._move(1),
            "Ctrl+Shift+Down",
            name="actMoveDown",
        )
        self.act_delete_chapter = a(
            self, self.tr("&Delete Chapter…"), self.delete_chapter, None, name="actDeleteChapter"
        )
        self.act_undo_structure = a(
            self,
            self.tr("Undo Chapter Change"),
            self._undo_structure,
            "Ctrl+Alt+Z",
            name="actUndoChapter",
        )
        self.act_redo_structure = a(
            self,
            self.tr("Redo Chapter Change"),
            self._redo_structure,
            "Ctrl+Alt+Shift+Z",
            name="actRedoChapter",
        )
        self.act_revisions = a(
            self,
            self.tr("Re&visions…"),
            self.open_revisions,
            "Ctrl+Alt+R",
            name="actRevisions",
            tip=self.tr("Snapshots of this chapter: compare, take one, restore one"),
        )
        self.act_mark_posted = a(
            self, self.tr("Mark as &Posted…"), self.open_mark_posted, name="actMarkPosted"
        )
        self.act_posted_changes = a(
            self,
            self.tr("What C&hanged Since Posted…"),
            self.open_posted_changes,
            name="actPostedChanges",
        )
        self._work_actions = [
            self.act_close, self.act_add_chapter, self.act_rename_chapter, self.act_move_up,
            self.act_move_down, self.act_delete_chapter, self.act_bold, self.act_italic,
            self.act_underline, self.act_strike, *self.align_actions.values(),
            self.act_scene_break, self.act_quote, self.act_bullets, self.act_numbers,
            self.act_export, self.act_post_helper,
        ]  # fmt: skip
        self._work_actions += [self.act_revisions, self.act_mark_posted, self.act_posted_changes]
        # Formatting keys act on the chapter only while it has focus: Ctrl+B in a side
        # panel's field formats that field, and Ctrl+L there must not align the chapter.
        for action in (
            self.act_bold, self.act_italic, self.act_underline, self.act_strike,
            *self.align_actions.values(), self.act_scene_break, self.act_quote,
            self.act_bullets, self.act_numbers,
        ):  # fmt: skip
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            pane.addAction(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addActions([self.act_import, self.act_export, self.act_post_helper])
        file_menu.addSeparator()
        file_menu.addAction(self.act_close)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)

        edit = bar.addMenu(self.tr("&Edit"))
        edit.addActions([self.act_undo, self.act_redo])
        edit.addSeparator()
        edit.addActions([self.act_cut, self.act_copy, self.act_paste])
        edit.addSeparator()
        edit.addAction(self.act_select_all)
        edit.addSeparator()
        self.act_smart = make_action(
            self,
            self.tr("Smart &Typography"),
            self._toggle_smart_typography,
            checkable=True,
            name="actSmartTypography",
            tip=self.tr("Curly quotes, em-dashes and ellipses as you type and paste"),
        )
        self.act_smart.setChecked(self.settings.value("editing/smartTypography", False, bool))
        edit.addAction(self.act_smart)
        self.last_search = LastSearch()
        self.find_actions = add_find_actions(self, edit, self.open_find, self.find_again)
        self._work_actions += self.find_actions
        self.replace_undo = ReplaceUndoUi(self, edit)  # enabled by what the work file records

        fmt = bar.addMenu(self.tr("F&ormat"))
        fmt.addActions([self.act_bold, self.act_italic, self.act_underline, self.act_strike])
        fmt.addSeparator()
        fmt.addActions(list(self.align_actions.values()))
        fmt.addSeparator()
        fmt.addActions([self.act_scene_break, self.act_quote, self.act_bullets, self.act_numbers])

        chapter = bar.addMenu(self.tr("&Chapter"))
        chapter.addActions([self.act_add_chapter, self.act_rename_chapter])
        chapter.addSeparator()
        chapter.addActions([self.act_move_up, self.act_move_down])
        chapter.addSeparator()
        chapter.addAction(self.act_delete_chapter)
        chapter.addSeparator()
        chapter.addActions([self.act_undo_structure, self.act_redo_structure])
        chapter.addSeparator()
        chapter.addActions([self.act_revisions, self.act_mark_posted, self.act_posted_changes])

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.addAction(self.chapter_dock.toggleViewAction())

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Formatting"), self)
        bar.setObjectName("formatToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        native = QKeySequence.SequenceFormat.NativeText
        for action in (self.act_undo, self.act_redo):
            bar.addAction(action)
        bar.addSeparator()
        for action in (
            self.act_bold, self.act_italic, self.act_underline, self.act_strike, None,
            *self.align_actions.values(), None, self.act_scene_break, self.act_quote,
        ):  # fmt: skip
            if action is None:
                bar.addSeparator()
                continue
            bar.addAction(action)
            name = action.text().replace("&", "")
            bar.widgetForAction(action).setToolTip(f"{name} ({action.shortcut().toString(native)})")
        font = bar.widgetForAction(self.act_bold).font()
        for action, style in (
            (self.act_bold, "bold"),
            (self.act_italic, "italic"),
            (self.act_underline, "underline"),
            (self.act_strike, "strike"),
        ):
            f = type(font)(font)
            f.setBold(style == "bold")
            f.setItalic(style == "italic")
            f.setUnderline(style == "underline")
            f.setStrikeOut(style == "strike")
            bar.widgetForAction(action).setFont(f)
        self.addToolBar(bar)
        self.view_menu.addAction(bar.toggleViewAction())

    def _wire_widgets(self) -> None:
        tree = self.chapter_tree
        tree.chapterSelected.connect(self._select_chapter)
        tree.renameRequested.connect(self._rename_chapter)
        tree.orderRequested.connect(lambda ids: self.workspace and self.workspace.set_order(ids))
        tree.deleteRequested.connect(lambda _id: self.delete_chapter())
        self.text_pane.formatChanged.connect(self._refresh_format_actions)

    # -- opening and closing works ----------------------------------------------------

    def open_path(self, path: str | Path) -> bool:
        """Open a work, closing the current one first. Errors are shown, never raised."""
        # Absolute: Open Recent and the last chapter are remembered by this path, and a
        # path relative to the folder the app was started from means nothing later.
        path = Path(path).resolve()
        try:
            project = Project.open(path)
        except LockedError as e:
            # Another window or process writes this work: reading it is still safe.
            locked = self.safety.open_read_only(path, e)
            if locked is None:
                return False
            project = locked
        except ProjectError as e:
            QMessageBox.warning(self, self.tr("Cannot open work"), str(e))
            return False
        if not self.close_work():
            project.close()
            return False
        try:
            workspace = Workspace(project, self)
        except sqlite3.DatabaseError as e:  # damaged where even a read-only view fails
            project.close()
            self._cannot_read(path, e)
            return False
        try:
            self._attach(workspace)
        except sqlite3.DatabaseError as e:
            self.close_work()
            self._cannot_read(path, e)
            return False
        return True

    def _cannot_read(self, path: Path, error: sqlite3.DatabaseError) -> None:
        QMessageBox.warning(
            self,
            self.tr("Cannot open work"),
            self.tr(
                "“{name}” is damaged and cannot be shown ({error}). Its backups are in "
                "File ▸ Restore from Backup… once another work is open."
            ).format(name=path.name, error=error),
        )

    def _attach(self, workspace: Workspace) -> None:
        self.workspace = workspace
        ws = workspace
        ws.chaptersChanged.connect(self._fill_tree)
        ws.currentChanged.connect(self._current_changed)
        ws.dirtyChanged.connect(self._show_dirty)
        ws.countsChanged.connect(self._show_counts)
        ws.saved.connect(lambda: self._save_label.setText(self.tr("Saved")))
        ws.saved.connect(lambda: self._refresh_posted(ws.current_id))
        ws.textReloaded.connect(self._text_reloaded)
        ws.saveFailed.connect(self._save_failed)
        ws.titleChanged.connect(lambda _t: self._show_work_state())
        ws.undo_stack.canUndoChanged.connect(self.act_undo_structure.setEnabled)
        ws.undo_stack.canRedoChanged.connect(self.act_redo_structure.setEnabled)
        ws.undo_stack.undoTextChanged.connect(self._structure_undo_text)
        ws.undo_stack.redoTextChanged.connect(self._structure_redo_text)
        self._remember_recent(ws.project.path)
        self.front_matter.attach(ws)
        self.replace_undo.attach(ws)
        self.spelling_ui.attach(ws)
        self.safety.attach(ws)
        self.goals.attach(ws)
        self._fill_tree()
        self._refresh_posted()
        chapters = ws.chapters()
        last = self.settings.value(f"lastChapter/{ws.project.path}", -1, int)
        ids = [ch.id for ch in chapters]
        ws.select(last if last in ids else (ids[0] if ids else -1))
        self._show_work_state()

    def close_work(self) -> bool:
        """Save and close the open work. False if it could not be saved and the author kept it."""
        if not self.safety.resolve_before_close():  # a file replaced behind our back
            return False
        ws = self.workspace
        if ws is None:
            return True
        while not ws.close():
            answer = QMessageBox.warning(
                self,
                self.tr("Could not save"),
                self.tr(
                    "The last changes could not be saved. Try again, or keep the work open "
                    "and copy your text somewhere safe."
                ),
                QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Retry:
                return False
        self.settings.setValue(f"lastChapter/{ws.project.path}", ws.current_id)
        self.workspace = None
        ws.deleteLater()
        self.text_pane.show_document(None)
        self.chapter_tree.clear()
        self.front_matter.attach(None)
        self.replace_undo.attach(None)
        self.spelling_ui.attach(None)
        self.safety.attach(None)
        self.goals.attach(None)
        self._show_work_state()
        return True

    def new_work(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New Work"), str(Path.home() / f"Untitled{EXTENSION}"), FILE_FILTER
        )
        if path:
            self.create_work(path)

    def create_work(self, path: str | Path, title: str | None = None) -> bool:
        project = self._create_project(Path(path), title)
        if project is None:
            return False
        try:
            project.add_chapter(self.tr("Chapter 1"))
            self.preferences_ui.prepare_new_work(project)  # default language, disclaimer
        except ProjectError as e:
            project.close()
            QMessageBox.warning(self, self.tr("Cannot create work"), str(e))
            return False
        self._attach(Workspace(project, self))
        return True

    def _create_project(self, path: Path, title: str | None) -> Project | None:
        """A new, empty work file at ``path`` once the open work is closed.

        None if the author backed out or it could not be created (already said why).
        """
        if path.suffix != EXTENSION:
            path = path.with_name(path.name + EXTENSION)
        if path.exists():
            # The file dialog already asked whether to replace it; never destroy a work silently.
            QMessageBox.warning(
                self,
                self.tr("Cannot create work"),
                self.tr("“{name}” already exists. Choose another name.").format(name=path.name),
            )
            return None
        if not self.close_work():
            return None
        try:
            return Project.create(path, title or path.stem)
        except ProjectError as e:
            QMessageBox.warning(self, self.tr("Cannot create work"), str(e))
            return None

    def open_dialog(self) -> None:
        start = str(self.workspace.project.path.parent) if self.workspace else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Work"), start, FILE_FILTER)
        if path:
            self.open_path(path)

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def _remember_recent(self, path: Path) -> None:
        files = [str(path)] + [f for f in self.recent_files() if f != str(path)]
        self.settings.setValue("recentFiles", files[:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_files():
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not self.recent_menu.actions():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_work():
            event.ignore()
            return
        self.save_layout()
        event.accept()

    def save_layout(self) -> None:
        """Docks, toolbars and geometry for the next start; never focus mode's empty window."""
        state, geometry = self.focus_mode.normal_layout()
        self.settings.setValue("window/geometry", geometry)
        self.settings.setValue("window/state", state)

    def restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    # -- export ------------------------------------------------------------------------

    def _export_work(self) -> tuple[ExportWork, int]:
        """The open work as exporters read it, with what is not saved yet, and the chapter
        number shown."""
        from editor.formats.work import load_work

        ws = self.workspace
        assert ws is not None
        ws.save()  # a failed save retries on its own; the unsaved state is passed below
        work = load_work(ws.project, ws.editor_bodies())
        chapters = tuple(replace(ch, meta=ws.chapter_meta(ch.id)) for ch in work.chapters)
        number = ws.position_of(ws.current_id) + 1 if ws.current_id != -1 else 1
        return replace(work, meta=ws.meta, chapters=chapters), number

    def open_export(self) -> ExportDialog | None:
        from editor.ui.dialogs.export import ExportDialog

        if self.workspace is None:
            return None
        work, number = self._export_work()
        dialog = ExportDialog(work, number, self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_post_helper(self) -> PostHelperDialog | None:
        from editor.ui.dialogs.post_helper import PostHelperDialog

        ws = self.workspace
        if ws is None:
            return None
        work, number = self._export_work()
        dialog = PostHelperDialog(
            work, number, lambda text: ws.set_meta("ao3_notes_template", text), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_statistics(self) -> StatisticsDialog | None:

        return self.goals.open_statistics()

    def open_find(
        self, scope: str = SCOPE_CHAPTER, replace: bool = False
    ) -> FindReplaceDialog | None:
        from editor.ui.dialogs.find_replace import show_find_dialog

        if self.workspace is None:
            return None
        return show_find_dialog(
            self, self.workspace, self.text_pane, scope, self.last_search, replace=replace
        )

    def find_again(self, backwards: bool = False) -> bool:
        from editor.ui.dialogs.find_replace import find_again

        if self.workspace is None:
            return False
        return find_again(
            self, self.workspace, self.text_pane, self.last_search, backwards=backwards
        )

    # -- revisions and the posting log -------------------------------------------------

    def open_revisions(self) -> RevisionsDialog | None:
        from editor.ui.dialogs.revisions import RevisionsDialog

        ws = self.workspace
        if ws is None or ws.current_id == -1:
            return None
        dialog = RevisionsDialog(ws, self)
        dialog.restored.connect(self._refresh_posted)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_mark_posted(self) -> MarkPostedDialog | None:
        from editor.ui.dialogs.posting import MarkPostedDialog

        ws = self.workspace
        if ws is None or ws.current_id == -1:
            return None
        dialog = MarkPostedDialog(ws, self)
        dialog.marked.connect(lambda _ids: self._refresh_posted())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_posted_changes(self) -> PostedChangesDialog | None:
        from editor.ui.dialogs.posting import PostedChangesDialog

        ws = self.workspace
        if ws is None or ws.current_id == -1:
            return None
        ws.save()  # the list of chapters edited since posting is read from the store
        dialog = PostedChangesDialog(ws, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _text_reloaded(self, chapter_id: int) -> None:
        """The store changed a chapter's text (Replace All, its undo, a restore)."""
        ws = self.workspace
        if ws is not None:
            self.chapter_tree.set_words(chapter_id, ws.chapter_words(chapter_id))
            self._refresh_posted(chapter_id)

    def _refresh_posted(self, chapter_id: int | None = None) -> None:
        """The chapter tree's Posted column: of one chapter (after its save), or of all."""
        ws = self.workspace
        if ws is None:
            return
        if chapter_id is None:
            ids = [ch.id for ch in ws.chapters()]
            self.chapter_tree.set_all_posted(posted_columns(ws.project, ids))
        elif chapter_id != -1:
            self.chapter_tree.set_posted(chapter_id, *posted_column(ws.project, chapter_id))

    # -- import ------------------------------------------------------------------------

    def open_preferences(self) -> PreferencesDialog:

        return self.preferences_ui.open_preferences()

    def open_import(self) -> ImportDialog:
        """Import into the open work, or, with none open, into a new one."""
        from editor.ui.dialogs.import_dialog import ImportDialog

        ws = self.workspace
        dialog = ImportDialog(
            self.settings,
            self._import_into_work if ws is not None else self._import_as_new_work,
            self,
            has_work=ws is not None,
            first_number=len(ws.chapters()) + 1 if ws is not None else 1,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _import_into_work(self, result: ImportResult, overwrite: bool) -> list[int]:
        ws = self.workspace
        if ws is None:
            return []
        ids = ws.import_result(result, overwrite_fields=overwrite)
        if ids:
            self._show_imported(ids)
        return ids

    def _import_as_new_work(self, result: ImportResult, _overwrite: bool) -> list[int] | None:
        """Ask where the new work goes, create it with the import in it, and open it.

        None if the author backed out or it could not be created (already said why).
        """
        from editor.formats import importers
        from editor.ui.dialogs.export import safe_file_name
        from editor.ui.dialogs.import_dialog import SETTING_FOLDER as IMPORT_FOLDER

        title = str(result.fields.get("title") or "").strip()
        if not title and result.chapters and result.chapters[0].source:
            title = Path(result.chapters[0].source).stem
        title = title or self.tr("Untitled")
        folder = Path(str(self.settings.value(IMPORT_FOLDER, "") or Path.home()))
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the Imported Work As"),
            str(folder / f"{safe_file_name(title)}{EXTENSION}"),
            FILE_FILTER,
        )
        if not chosen:
            return None
        project = self._create_project(Path(chosen), title)
        if project is None:
            return None
        path = project.path
        try:
            # A new work has only the title it was created with: every imported field is set.
            ids = importers.apply(project, result, overwrite_fields=True)
        except SaveError as e:
            project.close()
            path.unlink(missing_ok=True)  # an empty work the author never asked for
            QMessageBox.warning(self, self.tr("Cannot import"), str(e))
            return None
        self._attach(Workspace(project, self))
        if ids and self.workspace is not None:
            self.workspace.select(ids[0])
        self._show_imported(ids)
        return ids

    def _show_imported(self, ids: list[int]) -> None:
        self.statusBar().showMessage(
            self.tr("Imported {n} chapters.").format(n=len(ids))
            if len(ids) != 1
            else self.tr("Imported 1 chapter."),
            8000,
        )

    # -- chapters ----------------------------------------------------------------------

    def add_chapter(self) -> None:
        if self.workspace is None:
            return
        current = self.workspace.current_id
        position = self.workspace.position_of(current) + 1 if current != -1 else None
        self.workspace.add_chapter(position=position)
        self.chapter_tree.rename_current()

    def delete_chapter(self) -> None:
        ws = self.workspace
        chapter_id = self.chapter_tree.current_id()
        if ws is None or chapter_id == -1:
            return
        info = ws.chapters()[ws.position_of(chapter_id)]
        answer = QMessageBox.question(
            self,
            self.tr("Delete Chapter"),
            self.tr(
                "Delete “{title}” ({words} words)? You can undo this with Chapter ▸ Undo."
            ).format(title=info.title, words=QLocale().toString(ws.chapter_words(chapter_id))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            ws.delete_chapter(chapter_id)
            self.statusBar().showMessage(
                self.tr("Deleted “{title}”. Press {keys} to undo.").format(
                    title=info.title,
                    keys=self.act_undo_structure.shortcut().toString(
                        QKeySequence.SequenceFormat.NativeText
                    ),
                ),
                8000,
            )

    def _move(self, delta: int) -> None:
        if self.workspace is not None and self.workspace.current_id != -1:
            self.workspace.move_chapter(self.workspace.current_id, delta)

    def _select_chapter(self, chapter_id: int) -> None:
        if self.workspace is not None:
            self.workspace.select(chapter_id)

    def _rename_chapter(self, chapter_id: int, title: str) -> None:
        if self.workspace is None:
            return
        if title.strip():
            self.workspace.rename_chapter(chapter_id, title)
        else:
            self._fill_tree()  # an empty title is not a title: put the old one back

    def _fill_tree(self) -> None:
        ws = self.workspace
        if ws is None:
            return
        chapters = ws.chapters()
        self.chapter_tree.set_chapters(
            chapters, {ch.id: ws.chapter_words(ch.id) for ch in chapters}, ws.current_id
        )
        self._update_action_state()

    def _current_changed(self, chapter_id: int) -> None:
        ws = self.workspace
        self.chapter_tree.select(chapter_id)
        self.text_pane.show_document(ws.document if ws else None)
        self._update_action_state()

    # -- undo ------------------------------------------------------------------------

    def _undo(self) -> None:
        if self.chapter_tree.hasFocus() and self.workspace is not None:
            self.workspace.undo_stack.undo()
        else:
            self.text_pane.undo()

    def _redo(self) -> None:
        if self.chapter_tree.hasFocus() and self.workspace is not None:
            self.workspace.undo_stack.redo()
        else:
            self.text_pane.redo()

    def _undo_structure(self) -> None:
        if self.workspace is not None:
            self.workspace.undo_stack.undo()

    def _redo_structure(self) -> None:
        if self.workspace is not None:
            self.workspace.undo_stack.redo()

    def _structure_undo_text(self, text: str) -> None:
        self.act_undo_structure.setText(
            self.tr("Undo {action}").format(action=text) if text else self.tr("Undo Chapter Change")
        )

    def _structure_redo_text(self, text: str) -> None:
        self.act_redo_structure.setText(
            self.tr("Redo {action}").format(action=text) if text else self.tr("Redo Chapter Change")
        )

    # -- formatting ---------------------------------------------------------------------

    def _toggle_smart_typography(self, on: bool) -> None:
        self.settings.setValue("editing/smartTypography", on)
        self._apply_smart_typography(on)

    def _apply_smart_typography(self, on: bool) -> None:
        for edit in self.findChildren(CanonicalEdit):  # the chapter pane and every rich field
            edit.set_smart_typography(on)

    def _align(self, key: str) -> None:
        self.text_pane.set_alignment_name(key)
        self._refresh_format_actions()

    def _refresh_format_actions(self) -> None:
        pane = self.text_pane
        self.act_bold.setChecked(pane.is_bold())
        self.act_italic.setChecked(pane.is_italic())
        self.act_underline.setChecked(pane.is_underline())
        self.act_strike.setChecked(pane.is_strikeout())
        current = pane.alignment_name()
        for key, action in self.align_actions.items():
            action.setChecked(key == current)
        self.act_quote.setChecked(pane.is_block_quote())
        style = pane.list_style()
        self.act_bullets.setChecked(style == "ul")
        self.act_numbers.setChecked(style == "ol")

    # -- state display ------------------------------------------------------------------

    def _update_action_state(self) -> None:
        ws = self.workspace
        has_work = ws is not None
        has_chapter = has_work and ws.current_id != -1
        for action in self._work_actions:
            action.setEnabled(
                has_chapter
                if action is not self.act_close and action is not self.act_add_chapter
                else has_work
            )
        self.act_undo_structure.setEnabled(has_work and ws.undo_stack.canUndo())
        self.act_redo_structure.setEnabled(has_work and ws.undo_stack.canRedo())
        self.safety.restrict_actions()  # a read-only work: nothing that writes

    def _show_work_state(self) -> None:
        ws = self.workspace
        if ws is None:
            self.setWindowTitle("Ficwright[*]")
            self.setWindowModified(False)
            self._stack.setCurrentWidget(self._welcome)
            self._words_label.clear()
            self._save_label.clear()
        else:
            mode = self.tr(" (read-only)") if ws.project.read_only else ""
            title = titles.literal(ws.title)
            self.setWindowTitle(f"{title}{mode}[*] — Ficwright")
            self.setWindowModified(ws.dirty)
            self._stack.setCurrentWidget(self.text_pane)
        self._update_action_state()

    def _show_dirty(self, dirty: bool) -> None:
        self.setWindowModified(dirty)
        self._save_label.setText(self.tr("Unsaved changes") if dirty else self.tr("Saved"))

    def _show_counts(self, chapter_words: int, work_words: int) -> None:
        locale = QLocale()
        self._words_label.setText(
            self.tr("Chapter: {c} words  ·  Work: {w} words (your count)").format(
                c=locale.toString(chapter_words), w=locale.toString(work_words)
            )
        )
        if self.workspace is not None and self.workspace.current_id != -1:
            self.chapter_tree.set_words(self.workspace.current_id, chapter_words)

    def _save_failed(self, message: str) -> None:
        self._save_label.setText(self.tr("Not saved — retrying"))
        self.statusBar().showMessage(message, 10000)

    def words_label_text(self) -> str:
        return self._words_label.text()

    def save_state_text(self) -> str:
        return self._save_label.text()

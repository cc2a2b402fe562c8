"""The window's side of the preferences: Edit ▸ Preferences, View ▸ Zoom, Help ▸ Keyboard
Shortcuts, and applying each preference where it lives."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QMenu

from editor import preferences, workspace
from editor.preferences import Preferences
from editor.store import backup
from editor.store.project import Changes, Project
from editor.ui.actions import make_action
from editor.ui.appearance import Appearance
from editor.ui.keyboard import install_mnemonics

if TYPE_CHECKING:  # the dialogs are imported when first opened: start-up builds none
    from editor.ui.dialogs.preferences import PreferencesDialog
    from editor.ui.dialogs.shortcuts import ShortcutsDialog
    from editor.ui.main_window import MainWindow


def _menu(window: MainWindow, title: str) -> QMenu:
    """The menu bar's menu with this title; added at the end if there is none."""
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and menu.title() == title:
            return menu
    return window.menuBar().addMenu(title)


class PreferencesUi(QObject):
    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self.appearance = Appearance(window, window.text_pane, settings, window.view_menu)

        a = make_action
        self.act_preferences = a(
            window,
            window.tr("Pre&ferences…"),
            window.open_preferences,
            "Ctrl+,",
            name="actPreferences",
        )
        self.act_preferences.setMenuRole(self.act_preferences.MenuRole.PreferencesRole)
        edit = _menu(window, window.tr("&Edit"))
        edit.addSeparator()
        edit.addAction(self.act_preferences)
        self.act_shortcuts = a(
            window,
            window.tr("&Keyboard Shortcuts…"),
            self.open_shortcuts,
            "Ctrl+/",
            name="actShortcuts",
        )
        _menu(window, window.tr("&Help")).addAction(self.act_shortcuts)
        self.apply(preferences.load(settings))
        # Other parts add menu items after this one is built: cover them once all are in.
        window.installEventFilter(self)
        self._mnemonics_installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._mnemonics_installed
            and watched is self._window
            and event.type() == QEvent.Type.Show
        ):
            self._mnemonics_installed = True
            install_mnemonics(self._window, skip=(self._window.recent_menu,))
        return False

    def apply(self, prefs: Preferences) -> None:
        """Make ``prefs`` take effect now, without storing them."""
        self.appearance.apply(prefs)
        workspace.set_autosave_delay(prefs.autosave_seconds * 1000)
        backup.KEEP_RECENT = prefs.backup_keep_recent
        backup.KEEP_DAYS = prefs.backup_keep_days
        smart = self._window.act_smart
        if smart.isChecked() != prefs.smart_typography:
            smart.trigger()  # the Edit menu's own item: stores and applies everywhere

    def keep(self, prefs: Preferences) -> None:
        preferences.save(self._settings, prefs)
        self.apply(prefs)

    def open_preferences(self) -> PreferencesDialog:
        from editor.ui.dialogs.preferences import PreferencesDialog

        current = preferences.load(self._settings)
        dialog = PreferencesDialog(current, self.appearance.default_font(), self._window)
        dialog.previewed.connect(self.apply)
        dialog.applied.connect(self.keep)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_shortcuts(self) -> ShortcutsDialog:
        from editor.ui.dialogs.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def prepare_new_work(self, project: Project) -> None:
        """A new work's fields as the author's defaults say."""
        prefs = preferences.load(self._settings)
        work: dict[str, object] = {
            "language": prefs.default_language,
            "english_variant": prefs.default_english_variant,
        }
        if prefs.default_disclaimer:
            work["disclaimer"] = prefs.default_disclaimer
        project.save(Changes(work=work))

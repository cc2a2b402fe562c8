"""The preferences dialog and keyboard help, on the real window with a real settings file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox, QMenu

from editor import preferences, workspace
from editor.store import backup
from editor.store.project import Project
from editor.ui.keyboard import entries

from .conftest import OpenWindow


def test_default_english_variant_survives_restart_and_reaches_new_works(
    open_window: OpenWindow, settings: QSettings, tmp_path: Path
) -> None:
    window = open_window()
    dialog = window.open_preferences()
    dialog.english_variant.setCurrentIndex(dialog.english_variant.findData("GB"))
    dialog.disclaimer.setPlainText("I own nothing.")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    window.close()

    again = open_window()
    assert preferences.load(settings).default_english_variant == "GB"
    assert again.create_work(tmp_path / "New")
    assert again.workspace.meta.english_variant == "GB"
    again.close()

    project = Project.open(tmp_path / "New.ficwright")
    try:
        assert project.meta().english_variant == "GB"
        assert project.meta().disclaimer == "<p>I own nothing.</p>"
    finally:
        project.close()


def test_autosave_and_backup_preferences_take_effect(
    open_window: OpenWindow, settings: QSettings
) -> None:
    window = open_window()
    dialog = window.open_preferences()
    dialog.autosave.setValue(2)
    dialog.keep_recent.setValue(3)
    dialog.keep_days.setValue(2)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Apply).click()
    try:
        assert workspace.AUTOSAVE_DELAY_MS == 2000
        assert (backup.KEEP_RECENT, backup.KEEP_DAYS) == (3, 2)
        assert preferences.load(settings).autosave_seconds == 2
    finally:
        dialog.close()
        workspace.set_autosave_delay(1000)
        backup.KEEP_RECENT, backup.KEEP_DAYS = 10, 7


def test_the_autosave_delay_never_breaks_the_two_second_promise(
    open_window: OpenWindow, settings: QSettings
) -> None:
    settings.setValue(preferences.KEYS["autosave_seconds"], 60)  # from an older version
    assert preferences.load(settings).autosave_seconds == 2
    window = open_window()
    dialog = window.open_preferences()
    assert dialog.autosave.maximum() == 2
    dialog.close()


def test_cancel_puts_back_a_previewed_change(open_window: OpenWindow, settings: QSettings) -> None:
    window = open_window()
    before = window.text_pane.font().pointSizeF()
    dialog = window.open_preferences()
    dialog.font_size.setValue(30)
    assert window.text_pane.font().pointSizeF() == 30  # live preview
    dialog.reject()
    assert window.text_pane.font().pointSizeF() == before
    assert preferences.load(settings).font_size == preferences.DEFAULTS.font_size


def test_smart_typography_preference_is_the_edit_menu_switch(
    open_window: OpenWindow, settings: QSettings
) -> None:
    window = open_window()
    dialog = window.open_preferences()
    dialog.smart_typography.setChecked(True)
    dialog.accept()
    assert window.act_smart.isChecked()
    assert window.text_pane.smart_typography
    assert settings.value(preferences.SMART_TYPOGRAPHY_KEY, False, bool)


def test_preferences_are_on_the_edit_menu_with_ctrl_comma(open_window: OpenWindow) -> None:
    window = open_window()
    action = window.preferences_ui.act_preferences
    assert action.shortcut().toString() == "Ctrl+,"
    assert any(e.text == "Preferences…" and e.menu == "Edit" for e in entries(window))


def test_shortcuts_dialog_lists_actions_from_the_window(open_window: OpenWindow) -> None:
    window = open_window()
    dialog = window.preferences_ui.open_shortcuts()
    rows = dialog.rows()
    assert ("Bold", "Ctrl+B") in rows
    assert ("Zoom In", "Ctrl++, Ctrl+=") in rows
    dialog.filter.setText("bold")
    dialog.close()


def test_every_menu_item_has_a_shortcut_or_a_mnemonic(open_window: OpenWindow) -> None:
    window = open_window()
    menus = [a.menu() for a in window.menuBar().actions()]
    missing = []
    while menus:
        menu = menus.pop()
        if not isinstance(menu, QMenu) or menu is window.recent_menu:  # file names
            continue
        menu.aboutToShow.emit()  # fills dynamic menus, as opening them does
        for action in menu.actions():
            if action.isSeparator() or not action.text():
                continue
            if action.menu() is not None:
                menus.append(action.menu())
            if "&" not in action.text().replace("&&", "") and action.shortcut().isEmpty():
                missing.append(action.text())
    assert missing == []

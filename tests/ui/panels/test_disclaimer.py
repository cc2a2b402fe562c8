"""The disclaimer panel: its field, and the requests for the author's per-fandom default."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton

from editor.model import WorkMeta
from editor.ui.panels.disclaimer import DisclaimerPanel
from editor.ui.widgets.rich_field import RichField

from .conftest import record


@pytest.fixture
def panel(shown) -> DisclaimerPanel:  # type: ignore[no-untyped-def]
    return shown(DisclaimerPanel())


def field(panel: DisclaimerPanel) -> RichField:
    return panel.findChild(RichField, "disclaimerField")


def button(panel: DisclaimerPanel, name: str) -> QPushButton:
    return panel.findChild(QPushButton, name)


def test_typing_emits_the_disclaimer_as_canonical_html(panel: DisclaimerPanel) -> None:
    got = record(panel.metaEdited)
    edit = field(panel).text_edit()
    edit.setFocus()
    QTest.keyClicks(edit, "Not mine")

    assert {name for name, _ in got} == {"disclaimer"}
    assert got[-1] == ("disclaimer", "<p>Not mine</p>")


def test_show_meta_fills_the_field_and_emits_nothing(qtbot, panel: DisclaimerPanel) -> None:  # type: ignore[no-untyped-def]
    with qtbot.assertNotEmitted(panel.metaEdited):
        panel.show_meta(WorkMeta(disclaimer="<p>I own <em>nothing</em>.</p>"))

    assert field(panel).html() == "<p>I own <em>nothing</em>.</p>"
    assert field(panel).accessibleName() == "Disclaimer"


def test_use_as_default_sends_the_current_disclaimer(qtbot, panel: DisclaimerPanel) -> None:  # type: ignore[no-untyped-def]
    panel.show_meta(WorkMeta(disclaimer="<p>Not mine.</p>"))
    panel.set_fandom("Star Wars")
    with qtbot.waitSignal(panel.saveDefaultRequested) as blocker:
        qtbot.mouseClick(button(panel, "saveDefaultButton"), Qt.MouseButton.LeftButton)

    assert blocker.args == ["<p>Not mine.</p>"]


def test_use_as_default_needs_a_fandom_and_names_it(panel: DisclaimerPanel) -> None:
    save = button(panel, "saveDefaultButton")
    assert save.text() == "Use as My Default for This Fandom"
    assert not save.isEnabled()

    panel.set_fandom("Star Wars")
    assert save.isEnabled()
    assert "Star Wars" in save.toolTip()
    assert "Star Wars" in button(panel, "insertDefaultButton").toolTip()
    assert "Star Wars" in panel.findChild(QLabel, "defaultFandomLabel").text()

    panel.set_fandom("  ")
    assert not save.isEnabled()


def test_insert_default_asks_only_when_a_default_exists(qtbot, panel: DisclaimerPanel) -> None:  # type: ignore[no-untyped-def]
    insert = button(panel, "insertDefaultButton")
    assert insert.text() == "Insert My Default"
    with qtbot.assertNotEmitted(panel.insertDefaultRequested):
        qtbot.mouseClick(insert, Qt.MouseButton.LeftButton)  # disabled: nothing happens

    panel.set_default_available("Kingdom Hearts")
    assert "Kingdom Hearts" in insert.toolTip()
    with qtbot.waitSignal(panel.insertDefaultRequested):
        qtbot.mouseClick(insert, Qt.MouseButton.LeftButton)

    panel.set_default_available("")
    assert not insert.isEnabled()


def test_insert_html_fills_an_empty_field_and_undo_takes_it_back(panel: DisclaimerPanel) -> None:
    default = "<p>I own <strong>nothing</strong>.</p>\n<p>No profit.</p>"
    got = record(panel.metaEdited)
    panel.insert_html(default)

    assert field(panel).html() == default
    assert got == [("disclaimer", default)]  # one edit, not one per paragraph

    edit = field(panel).text_edit()
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert field(panel).html() == ""
    assert got[-1] == ("disclaimer", "")


def test_insert_html_goes_in_at_the_cursor(panel: DisclaimerPanel) -> None:
    panel.show_meta(WorkMeta(disclaimer="<p>Before. After.</p>"))
    edit = field(panel).text_edit()
    cursor = edit.textCursor()
    cursor.setPosition(len("Before. "))
    edit.setTextCursor(cursor)
    got = record(panel.metaEdited)

    panel.insert_html("<p>Not mine. </p>")

    assert field(panel).html() == "<p>Before. Not mine. After.</p>"
    assert got == [("disclaimer", "<p>Before. Not mine. After.</p>")]

    edit.moveCursor(QTextCursor.MoveOperation.End)
    edit.undo()
    assert field(panel).html() == "<p>Before. After.</p>"

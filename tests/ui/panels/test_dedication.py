"""The dedication panel: the dedication in words and the AO3 gift recipients."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from editor.model import WorkMeta
from editor.ui.panels.dedication import DedicationPanel
from editor.ui.widgets.rich_field import RichField
from editor.ui.widgets.tag_editor import TagEditor

from .conftest import record


@pytest.fixture
def panel(shown) -> DedicationPanel:  # type: ignore[no-untyped-def]
    return shown(DedicationPanel())


def dedication(panel: DedicationPanel) -> RichField:
    return panel.findChild(RichField, "dedicationField")


def recipients(panel: DedicationPanel) -> TagEditor:
    return panel.findChild(TagEditor, "giftRecipientsField")


def test_typing_the_dedication_emits_it_as_html(panel: DedicationPanel) -> None:
    got = record(panel.metaEdited)
    edit = dedication(panel).text_edit()
    edit.setFocus()
    QTest.keyClicks(edit, "For Jane, for being a darling")

    assert {name for name, _ in got} == {"dedication"}
    assert got[-1] == ("dedication", "<p>For Jane, for being a darling</p>")
    assert edit.placeholderText() == "For Jane, for being a darling"


def test_gift_recipients_are_emitted_as_a_tuple_of_user_names(panel: DedicationPanel) -> None:
    got = record(panel.metaEdited)
    line = recipients(panel).line_edit()
    line.setFocus()
    QTest.keyClicks(line, "jane_doe,")
    assert got == [("gift_recipients", ("jane_doe",))]

    QTest.keyClicks(line, "SamW")
    QTest.keyClick(line, Qt.Key.Key_Return)
    assert got[-1] == ("gift_recipients", ("jane_doe", "SamW"))
    assert isinstance(got[-1][1], tuple)


def test_show_meta_fills_both_fields_and_emits_nothing(qtbot, panel: DedicationPanel) -> None:  # type: ignore[no-untyped-def]
    meta = WorkMeta(dedication="<p>For <em>Jane</em></p>", gift_recipients=("jane_doe", "SamW"))
    with qtbot.assertNotEmitted(panel.metaEdited):
        panel.show_meta(meta)

    assert dedication(panel).html() == "<p>For <em>Jane</em></p>"
    assert recipients(panel).tags() == ["jane_doe", "SamW"]


def test_the_panel_says_gifts_take_ao3_user_names(panel: DedicationPanel) -> None:
    texts = [label.text() for label in panel.findChildren(QLabel)]

    assert any("Gift this work to" in t and "user names" in t for t in texts)
    assert recipients(panel).accessibleName() == "Gift this work to"
    assert dedication(panel).accessibleName() == "Dedication"

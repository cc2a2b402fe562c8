"""The prompt panel: the prompt itself, who gave it, and the challenge or collection."""

from __future__ import annotations

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from editor.model import WorkMeta
from editor.ui.panels.prompt import PromptPanel
from editor.ui.widgets.rich_field import RichField

from .conftest import record


@pytest.fixture
def panel(shown) -> PromptPanel:  # type: ignore[no-untyped-def]
    return shown(PromptPanel())


def prompt(panel: PromptPanel) -> RichField:
    return panel.findChild(RichField, "promptField")


def line(panel: PromptPanel, name: str) -> QLineEdit:
    return panel.findChild(QLineEdit, name)


def test_typing_the_prompt_emits_it_as_html(panel: PromptPanel) -> None:
    got = record(panel.metaEdited)
    edit = prompt(panel).text_edit()
    edit.setFocus()
    QTest.keyClicks(edit, "Song: *Running Up That Hill*")

    assert {name for name, _ in got} == {"prompt"}
    assert got[-1] == ("prompt", "<p>Song: <em>Running Up That Hill</em></p>")


@pytest.mark.parametrize(
    ("object_name", "name"),
    [("promptByField", "prompt_by"), ("promptCollectionField", "prompt_collection")],
)
def test_each_line_emits_its_own_field_trimmed(
    panel: PromptPanel, object_name: str, name: str
) -> None:
    got = record(panel.metaEdited)
    edit = line(panel, object_name)
    edit.setFocus()
    QTest.keyClicks(edit, "Yuletide ")

    assert {n for n, _ in got} == {name}
    assert got[-1] == (name, "Yuletide")  # the typed space stays in the field, not the work
    assert edit.text() == "Yuletide "


def test_show_meta_fills_every_field_and_emits_nothing(qtbot, panel: PromptPanel) -> None:  # type: ignore[no-untyped-def]
    meta = WorkMeta(
        prompt="<p><strong>Prompt:</strong> rain</p>",
        prompt_by="jane_doe",
        prompt_collection="Yuletide 2024",
    )
    with qtbot.assertNotEmitted(panel.metaEdited):
        panel.show_meta(meta)

    assert prompt(panel).html() == "<p><strong>Prompt:</strong> rain</p>"
    assert line(panel, "promptByField").text() == "jane_doe"
    assert line(panel, "promptCollectionField").text() == "Yuletide 2024"


def test_fields_carry_their_labels_as_accessible_names(panel: PromptPanel) -> None:
    assert prompt(panel).accessibleName() == "Prompt"
    assert line(panel, "promptByField").accessibleName() == "Prompt given by"
    assert line(panel, "promptCollectionField").accessibleName() == "Challenge or collection"


def test_show_meta_with_the_value_just_typed_leaves_the_field_alone(
    panel: PromptPanel,
) -> None:
    by = line(panel, "promptByField")
    by.setFocus()
    QTest.keyClicks(by, "jane ")
    edit = prompt(panel).text_edit()
    edit.setFocus()
    QTest.keyClicks(edit, "rain")
    # The work hands back what the panel sent (trimmed): the author goes on typing.
    panel.show_meta(WorkMeta(prompt="<p>rain</p>", prompt_by="jane"))

    assert by.text() == "jane "
    assert edit.textCursor().position() == len("rain")
    assert prompt(panel).document().isUndoAvailable()

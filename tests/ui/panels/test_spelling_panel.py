"""SpellingPanel: shows the unknown words it is given and asks for jumps and additions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton, QTreeWidget

from editor.model import WorkMeta
from editor.ui.panels.spelling import SCOPE_CHAPTER, SCOPE_WORK, SpellingPanel

from .conftest import record


@pytest.fixture
def panel(shown) -> SpellingPanel:  # type: ignore[no-untyped-def]
    return shown(SpellingPanel(), active=True)


def rows(panel: SpellingPanel) -> list[tuple[str, str]]:
    tree = panel.findChild(QTreeWidget, "spellingWords")
    return [
        (tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1))
        for i in range(tree.topLevelItemCount())
    ]


def variant(panel: SpellingPanel) -> QComboBox:
    return panel.findChild(QComboBox, "englishVariantField")


def test_words_are_listed_with_their_counts_most_frequent_first(panel: SpellingPanel) -> None:
    panel.show_words([("teh", 2), ("Wutai", 7), ("wrod", 2), ("Aerith", 1)])

    assert rows(panel) == [("Wutai", "7"), ("teh", "2"), ("wrod", "2"), ("Aerith", "1")]
    assert "4" in panel.status()


def test_an_empty_list_says_so_and_cannot_be_added(panel: SpellingPanel) -> None:
    panel.show_words([("teh", 1)])
    panel.show_words([])

    assert rows(panel) == []
    assert panel.status() == "No unknown words."
    assert not panel.findChild(QPushButton, "spellingAddAll").isEnabled()


def test_activating_a_word_asks_to_jump_to_it(qtbot, panel: SpellingPanel) -> None:  # type: ignore[no-untyped-def]
    panel.show_words([("teh", 3), ("wrod", 1)])
    jumps = record(panel.jumpRequested)
    tree = panel.findChild(QTreeWidget, "spellingWords")
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(1))
    qtbot.keyClick(tree, Qt.Key.Key_Return)

    assert jumps == [("wrod",)]


def test_add_all_asks_for_every_listed_word(qtbot, panel: SpellingPanel) -> None:  # type: ignore[no-untyped-def]
    panel.show_words([("teh", 3), ("wrod", 1)])
    added = record(panel.addAllRequested)
    button = panel.findChild(QPushButton, "spellingAddAll")
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)

    assert added == [(["teh", "wrod"],)]


def test_the_word_being_worked_on_stays_current_when_the_list_is_refreshed(
    panel: SpellingPanel,
) -> None:
    panel.show_words([("teh", 3), ("wrod", 1)])
    tree = panel.findChild(QTreeWidget, "spellingWords")
    tree.setCurrentItem(tree.topLevelItem(1))
    panel.show_words([("teh", 3), ("wrod", 2), ("Wutai", 1)])

    assert tree.currentItem().text(0) == "wrod"


def test_the_scope_choice_is_announced(panel: SpellingPanel) -> None:
    scopes = record(panel.scopeChanged)
    combo = panel.findChild(QComboBox, "spellingScope")
    assert panel.scope() == SCOPE_CHAPTER
    combo.setCurrentIndex(combo.findData(SCOPE_WORK))

    assert scopes == [(SCOPE_WORK,)]
    assert panel.scope() == SCOPE_WORK


def test_choosing_british_english_emits_the_variant(qtbot, panel: SpellingPanel) -> None:  # type: ignore[no-untyped-def]
    edits = record(panel.metaEdited)
    combo = variant(panel)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)

    assert combo.currentText() == "British & Commonwealth English"
    assert edits == [("english_variant", "GB")]


def test_show_meta_is_silent_and_shows_the_variant(qtbot, panel: SpellingPanel) -> None:  # type: ignore[no-untyped-def]
    with qtbot.assertNotEmitted(panel.metaEdited):
        panel.show_meta(WorkMeta(language="English", english_variant="GB"))

    assert variant(panel).currentData() == "GB"
    assert variant(panel).isVisibleTo(panel)


def test_the_variant_choice_is_hidden_for_other_languages(panel: SpellingPanel) -> None:
    panel.show_meta(WorkMeta(language="Deutsch"))
    assert not variant(panel).isVisibleTo(panel)

    panel.show_meta(WorkMeta(language="English"))
    assert variant(panel).isVisibleTo(panel)


def test_no_dictionary_empties_the_list_and_says_why(panel: SpellingPanel) -> None:
    panel.show_words([("teh", 1)])
    panel.show_no_dictionary("Klingon")

    assert rows(panel) == []
    assert panel.status() == "No spelling dictionary for Klingon."

"""Spelling in the real window: underlines, the context menu, the Spelling dock, the switch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QTextBlock, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QComboBox, QMenu, QPushButton, QTextEdit, QTreeWidget

from editor.store.project import Changes, Project
from editor.ui.main_window import MainWindow
from editor.ui.spell_highlighter import SpellHighlighter
from editor.ui.widgets.rich_field import RichField

from ..spelling.front_matter import TYPOS, make_front_matter_work
from .conftest import OpenWindow

SPELL = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def make_work(
    path: Path, *bodies: str, characters: tuple[str, ...] = ("Sephiroth",), **work: object
) -> Path:
    project = Project.create(path, "Storm Front")
    for i, body in enumerate(bodies or ("<p>Sephiroth walked teh long road.</p>",), 1):
        project.add_chapter(f"Chapter {i}", body, len(body.split()))
    project.save(Changes(work={"characters": characters, **work}))
    project.close()
    return path


def open_checked(qtbot, open_window: OpenWindow, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = open_window(path)
    qtbot.waitUntil(lambda: window.workspace.spelling.checker is not None, timeout=5000)
    settle(qtbot, window.spelling_ui.highlighter)
    return window


def settle(qtbot, highlighter: SpellHighlighter) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not highlighter.pending(), timeout=3000)


def underlined_in(block: QTextBlock) -> list[str]:
    text = block.text()  # no emoji in these texts: str offsets are Qt's
    return [
        text[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.underlineStyle() == SPELL
    ]


def underlined(doc: QTextDocument) -> list[str]:
    words: list[str] = []
    block = doc.begin()
    while block.isValid():
        words += underlined_in(block)
        block = block.next()
    return words


def point_at(edit: QTextEdit, word: str) -> QPoint:
    """Viewport coordinates inside the first use of ``word``."""
    found = edit.document().find(word)
    assert not found.isNull(), word
    cursor = QTextCursor(edit.document())
    cursor.setPosition(found.selectionStart() + 1)
    return edit.cursorRect(cursor).center()


def menu_at(window: MainWindow, edit: QTextEdit, word: str) -> QMenu:
    return window.spelling_ui.menu.menu_for(edit, point_at(edit, word))


def settled_menu(qtbot, window: MainWindow, edit: QTextEdit, word: str) -> QMenu:  # type: ignore[no-untyped-def]
    """The menu once its suggestions are in (no worker left running when the test ends)."""
    menu = menu_at(window, edit, word)
    suggestions(qtbot, menu)
    return menu


def action(menu: QMenu, name: str) -> QAction:
    found = [a for a in menu.actions() if a.objectName() == name]
    assert found, [a.text() for a in menu.actions()]
    return found[0]


def suggestions(qtbot, menu: QMenu) -> list[str]:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: not any(a.objectName() == "spellPlaceholder" for a in menu.actions()), timeout=5000
    )
    return [a.text() for a in menu.actions() if a.objectName() == "spellSuggestion"]


def show_dock(window: MainWindow) -> None:
    dock = window.spelling_ui.dock
    dock.show()
    dock.raise_()


def listed(qtbot, window: MainWindow) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """The panel's list once it has been counted."""
    panel = window.spelling_ui.panel
    qtbot.waitUntil(lambda: panel.status() not in ("", "Checking…"), timeout=5000)
    tree = panel.findChild(QTreeWidget, "spellingWords")
    return {
        tree.topLevelItem(i).text(0): int(tree.topLevelItem(i).text(1))
        for i in range(tree.topLevelItemCount())
    }


# -- underlines ---------------------------------------------------------------------


def test_a_misspelling_is_underlined_and_a_character_name_is_not(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window = open_checked(qtbot, open_window, make_work(tmp_path / "w.ficwright"))

    assert underlined(window.text_pane.document()) == ["teh"]


def test_a_word_typed_wrong_is_underlined_as_it_is_typed(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window = open_checked(qtbot, open_window, make_work(tmp_path / "w.ficwright"))
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(pane, " Then a wrod.")

    # No waiting: the paragraph being typed in is checked on each keystroke.
    assert underlined(pane.document()) == ["teh", "wrod"]


def test_words_after_an_emoji_are_underlined_where_they_are(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", "<p>Oh 😀🎉 teh end.</p>")
    window = open_checked(qtbot, open_window, path)
    block = window.text_pane.document().begin()

    # Qt counts an emoji as two UTF-16 units: the underline must sit on "teh", not "h e".
    ranges = [(r.start, r.length) for r in block.layout().formats()]
    assert ranges == [(len("Oh 😀🎉 ".encode("utf-16-le")) // 2, 3)]


def test_british_spelling_follows_the_variant_chosen_in_the_panel(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", "<p>The colour of the color.</p>")
    window = open_checked(qtbot, open_window, path)
    doc = window.text_pane.document()
    assert underlined(doc) == ["colour"]

    show_dock(window)
    combo = window.spelling_ui.panel.findChild(QComboBox, "englishVariantField")
    combo.setCurrentIndex(combo.findData("GB"))
    qtbot.waitUntil(lambda: underlined(doc) == ["color"], timeout=5000)

    window.close()
    assert Project.open(path).meta().english_variant == "GB"


def test_a_rich_field_is_underlined_too(qtbot, open_window: OpenWindow, tmp_path: Path) -> None:
    path = make_work(tmp_path / "w.ficwright", summary="<p>A storrm comes for Sephiroth.</p>")
    window = open_checked(qtbot, open_window, path)
    summary = window.findChild(RichField, "summaryField")

    qtbot.waitUntil(lambda: underlined(summary.document()) == ["storrm"], timeout=3000)
    menu = settled_menu(qtbot, window, summary.text_edit(), "storrm")
    assert action(menu, "spellAddWork").text() == "Add to Work Dictionary"


def test_turning_checking_off_removes_the_underlines_and_is_remembered(
    qtbot, open_window: OpenWindow, tmp_path: Path, settings: QSettings
) -> None:
    window = open_checked(qtbot, open_window, make_work(tmp_path / "w.ficwright"))
    switch = window.findChild(QAction, "actCheckSpelling")
    assert switch.isChecked()
    switch.trigger()

    assert underlined(window.text_pane.document()) == []
    assert settings.value("spelling/enabled", True, bool) is False
    window.close()
    assert not MainWindow(settings).findChild(QAction, "actCheckSpelling").isChecked()


def test_a_long_chapter_is_underlined_in_short_slices(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    paragraph = "<p>" + " ".join(["Sephiroth walked the long road home"] * 10) + " teh.</p>"
    path = make_work(tmp_path / "w.ficwright", paragraph * 300)  # 21,300 words
    window = open_window(path)
    qtbot.waitUntil(lambda: window.workspace.spelling.checker is not None, timeout=5000)
    highlighter = window.spelling_ui.highlighter
    doc = window.text_pane.document()

    settle(qtbot, highlighter)
    assert underlined(doc) == ["teh"] * 300
    # Generous for a loaded test machine; the budget is 5 ms (see bench/ for the figures).
    assert highlighter.longest_slice_ms < 100


# -- the context menu ---------------------------------------------------------------


def test_the_menu_offers_suggestions_then_the_dictionaries_above_the_standard_items(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window = open_checked(qtbot, open_window, make_work(tmp_path / "w.ficwright"))
    menu = menu_at(window, window.text_pane, "teh")
    first = menu.actions()[0]
    assert first.objectName() in ("spellPlaceholder", "spellSuggestion")
    if first.objectName() == "spellPlaceholder":
        assert first.text() == "Finding suggestions…"
        assert not first.isEnabled()

    found = suggestions(qtbot, menu)
    assert found[0] == "the"
    names = [a.objectName() for a in menu.actions() if a.objectName()]
    assert names[len(found) :][:3] == ["spellAddWork", "spellAddUser", "spellIgnore"]
    texts = [a.text() for a in menu.actions()]
    assert texts.index("Ignore in This Work") < texts.index("&Copy")


def test_a_known_word_gets_the_standard_menu_only(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window = open_checked(qtbot, open_window, make_work(tmp_path / "w.ficwright"))
    menu = menu_at(window, window.text_pane, "road")

    assert not [a for a in menu.actions() if a.objectName().startswith("spell")]
    assert "&Copy" in [a.text() for a in menu.actions()]


def test_adding_to_the_work_dictionary_clears_the_underline_at_once_and_is_saved(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", "<p>The Wutai ninja and teh Wutai sea.</p>")
    window = open_checked(qtbot, open_window, path)
    doc = window.text_pane.document()
    assert underlined(doc) == ["Wutai", "teh", "Wutai"]

    action(settled_menu(qtbot, window, window.text_pane, "Wutai"), "spellAddWork").trigger()

    assert underlined(doc) == ["teh"]
    window.close()
    assert Project.open(path).dictionary_words() == (["Wutai"], [])


def test_adding_to_my_dictionary_writes_the_user_dictionary(
    qtbot, open_window: OpenWindow, tmp_path: Path, ficwright_home: Path
) -> None:
    window = open_checked(qtbot, open_window, make_work(tmp_path / "w.ficwright"))
    action(settled_menu(qtbot, window, window.text_pane, "teh"), "spellAddUser").trigger()

    assert underlined(window.text_pane.document()) == []
    assert (ficwright_home / "dictionary.txt").read_text(encoding="utf-8") == "teh\n"


def test_ignoring_a_word_keeps_it_in_this_work_only(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright")
    window = open_checked(qtbot, open_window, path)
    action(settled_menu(qtbot, window, window.text_pane, "teh"), "spellIgnore").trigger()

    assert underlined(window.text_pane.document()) == []
    window.close()
    assert Project.open(path).dictionary_words() == ([], ["teh"])


def test_a_chosen_suggestion_replaces_the_word_keeping_its_format_and_undoes_in_one_step(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", "<p>She <strong>recieved</strong> it.</p>")
    window = open_checked(qtbot, open_window, path)
    pane = window.text_pane
    menu = settled_menu(qtbot, window, pane, "recieved")
    received = next(a for a in menu.actions() if a.text() == "received")
    received.trigger()

    assert pane.toPlainText() == "She received it."
    assert window.workspace.dirty
    cursor = QTextCursor(pane.document())
    for position in range(len("She "), len("She received")):
        cursor.setPosition(position + 1)
        assert cursor.charFormat().fontWeight() > 400, position
    assert underlined(pane.document()) == []

    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert pane.toPlainText() == "She recieved it."


# -- the Spelling dock --------------------------------------------------------------


def test_the_dock_sits_with_the_right_hand_panels_and_in_the_view_menu(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window = open_checked(qtbot, open_window, make_work(tmp_path / "w.ficwright"))
    dock = window.spelling_ui.dock
    details = window.front_matter.docks["details"]

    assert dock.objectName() == "spellingDock"
    assert dock in window.tabifiedDockWidgets(details)
    assert dock.toggleViewAction() in window.view_menu.actions()
    assert window.findChild(QAction, "actCheckSpelling") in window.view_menu.actions()


def test_the_panel_lists_the_chapter_or_the_whole_work(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(
        tmp_path / "w.ficwright",
        "<p>Teh Wutai sea, teh sky.</p>",
        "<p>Wutai again, and a wrod.</p>",
    )
    window = open_checked(qtbot, open_window, path)
    show_dock(window)
    # One row per word in any capitalisation, as `ficwright check` counts.
    assert listed(qtbot, window) == {"Teh": 2, "Wutai": 1}

    scope = window.spelling_ui.panel.findChild(QComboBox, "spellingScope")
    scope.setCurrentIndex(scope.findData("work"))
    qtbot.waitUntil(lambda: "wrod" in listed(qtbot, window), timeout=5000)
    assert listed(qtbot, window) == {"Teh": 2, "Wutai": 2, "wrod": 1}
    tree = window.spelling_ui.panel.findChild(QTreeWidget, "spellingWords")
    assert tree.topLevelItem(0).text(0) == "Teh"

    window.spelling_ui.jump_to("Teh")
    window.spelling_ui.jump_to("Teh")
    cursor = window.text_pane.textCursor()
    assert (cursor.selectionStart(), cursor.selectedText()) == (len("Teh Wutai sea, "), "teh")


def test_the_panel_lists_the_front_matter_too_and_jumps_to_it(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_front_matter_work(tmp_path / "w.ficwright")
    window = open_checked(qtbot, open_window, path)
    show_dock(window)
    assert listed(qtbot, window) == {"Smmary": 1, "Thnaks": 1}  # this chapter and its notes

    scope = window.spelling_ui.panel.findChild(QComboBox, "spellingScope")
    scope.setCurrentIndex(scope.findData("work"))
    qtbot.waitUntil(lambda: "Readnig" in listed(qtbot, window), timeout=5000)
    assert listed(qtbot, window) == dict.fromkeys(TYPOS, 1)

    window.spelling_ui.jump_to("Jnae")
    edit = window.findChild(RichField, "dedicationField").text_edit()
    assert edit.textCursor().selectedText() == "Jnae"

    summary = window.findChild(RichField, "summaryField").text_edit()
    summary.setFocus()
    summary.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(summary, " Wrold.")
    qtbot.waitUntil(lambda: listed(qtbot, window).get("Wrold") == 1, timeout=5000)


def test_the_list_follows_typing_and_added_words(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window = open_checked(qtbot, open_window, make_work(tmp_path / "w.ficwright"))
    show_dock(window)
    assert listed(qtbot, window) == {"teh": 1}
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(pane, " A wrod.")
    qtbot.waitUntil(lambda: listed(qtbot, window) == {"teh": 1, "wrod": 1}, timeout=5000)

    window.workspace.add_word("wrod", "work")
    qtbot.waitUntil(lambda: listed(qtbot, window) == {"teh": 1}, timeout=5000)


def test_a_word_is_found_in_this_chapter_then_in_the_next_that_has_it(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(
        tmp_path / "w.ficwright",
        "<p>Wutai first.</p><p>Then Wutai twice.</p>",
        "<p>Nothing here.</p>",
        "<p>At last Wutai.</p>",
    )
    window = open_checked(qtbot, open_window, path)
    show_dock(window)
    ui = window.spelling_ui
    scope = ui.panel.findChild(QComboBox, "spellingScope")
    scope.setCurrentIndex(scope.findData("work"))
    qtbot.waitUntil(lambda: listed(qtbot, window).get("Wutai") == 3, timeout=5000)
    pane = window.text_pane
    chapters = [ch.id for ch in window.workspace.chapters()]

    def where() -> tuple[int, int, str]:
        cursor = pane.textCursor()
        return (
            chapters.index(window.workspace.current_id),
            cursor.selectionStart(),
            (cursor.selectedText()),
        )

    ui.jump_to("Wutai")
    assert where() == (0, 0, "Wutai")
    ui.jump_to("Wutai")
    assert where() == (0, len("Wutai first.\nThen "), "Wutai")
    ui.jump_to("Wutai")
    assert where() == (2, len("At last "), "Wutai")
    assert window.chapter_tree.current_id() == chapters[2]
    ui.jump_to("Wutai")  # round to the first chapter that has it
    assert where() == (0, 0, "Wutai")


def test_a_language_without_a_dictionary_says_so(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", language="Klingon")
    window = open_window(path)
    show_dock(window)
    panel = window.spelling_ui.panel

    qtbot.waitUntil(lambda: panel.status() == "No spelling dictionary for Klingon.")
    assert not panel.findChild(QComboBox, "englishVariantField").isVisibleTo(panel)
    assert underlined(window.text_pane.document()) == []


def test_each_chapter_is_checked_when_shown_and_catches_up_on_words_added_meanwhile(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", "<p>Teh Wutai sea.</p>", "<p>Wutai again.</p>")
    window = open_checked(qtbot, open_window, path)
    ws = window.workspace
    one, two = (ch.id for ch in ws.chapters())
    first = window.text_pane.document()

    ws.select(two)
    settle(qtbot, window.spelling_ui.highlighter)
    assert underlined(window.text_pane.document()) == ["Wutai"]
    ws.add_word("Wutai", "work")
    assert underlined(window.text_pane.document()) == []
    assert underlined(first) == ["Teh", "Wutai"]  # off screen: not checked yet

    ws.select(one)
    assert window.text_pane.document() is first
    settle(qtbot, window.spelling_ui.highlighter)
    assert underlined(first) == ["Teh"]


def test_add_all_puts_every_listed_word_in_the_work_dictionary(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", "<p>Teh Wutai sea, teh sky.</p>")
    window = open_checked(qtbot, open_window, path)
    show_dock(window)
    assert listed(qtbot, window) == {"Teh": 2, "Wutai": 1}

    window.spelling_ui.panel.findChild(QPushButton, "spellingAddAll").click()

    assert underlined(window.text_pane.document()) == []
    qtbot.waitUntil(lambda: listed(qtbot, window) == {}, timeout=5000)
    window.close()
    assert sorted(Project.open(path).dictionary_words()[0]) == ["Teh", "Wutai"]


def test_a_right_click_pops_the_menu_up(qtbot, open_window: OpenWindow, tmp_path: Path) -> None:
    window = open_checked(qtbot, open_window, make_work(tmp_path / "w.ficwright"))
    pane = window.text_pane
    pane.customContextMenuRequested.emit(point_at(pane, "teh"))
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()

    suggestions(qtbot, menu)
    assert action(menu, "spellAddWork").isEnabled()
    menu.close()


def test_a_long_paste_is_checked_in_the_background(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window = open_checked(qtbot, open_window, make_work(tmp_path / "w.ficwright"))
    pane = window.text_pane
    highlighter = window.spelling_ui.highlighter
    pane.moveCursor(QTextCursor.MoveOperation.End)
    pasted = "\n".join(["Sephiroth walked the long road home, teh end."] * 2000)  # 18,000 words
    pane.textCursor().insertText("\n" + pasted)

    # The first part of a paste is checked with it, the rest in slices.
    assert highlighter.pending()
    assert underlined_in(pane.document().begin().next()) == ["teh"]
    settle(qtbot, highlighter)
    assert underlined(pane.document()) == ["teh"] * 2001

"""Pasting from word processors and smart typography, driven through the real window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QTextEdit

from editor.store.project import Project
from editor.text.paste import clean_html
from editor.ui.main_window import MainWindow
from editor.ui.widgets.rich_field import RichField

from .conftest import OpenWindow

CLIPBOARD = Path(__file__).resolve().parents[1] / "fixtures" / "clipboard"
GOOGLE = (CLIPBOARD / "google-docs-chrome-mac.html").read_text(encoding="utf-8")
WORD = (CLIPBOARD / "word-12-windows.html").read_text(encoding="utf-8")
CTRL = Qt.KeyboardModifier.ControlModifier


def make_work(path: Path, body: str = "<p>One text.</p>") -> Path:
    project = Project.create(path, "Test Work")
    project.add_chapter("One", body, 2)
    project.close()
    return path


def saved_body(path: Path) -> str:
    project = Project.open(path, read_only=True)
    try:
        return project.body(project.chapters()[0].id)
    finally:
        project.close()


def saved_summary(path: Path) -> str:
    project = Project.open(path, read_only=True)
    try:
        return project.meta().summary
    finally:
        project.close()


def put_on_clipboard(html: str | None, text: str) -> None:
    data = QMimeData()
    if html is not None:
        data.setHtml(html)
    data.setText(text)
    QApplication.clipboard().setMimeData(data)


def summary_edit(window: MainWindow) -> QTextEdit:
    dock = window.front_matter.docks["details"]
    dock.show()
    dock.raise_()
    field = window.findChild(RichField, "summaryField")
    assert field is not None
    edit = field.text_edit()
    edit.setFocus()
    return edit


def pane_at_end(window: MainWindow) -> QTextEdit:
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(QTextCursor.MoveOperation.End)
    return pane


def select_all(qtbot, edit: QTextEdit) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    assert edit.textCursor().hasSelection()


# -- paste cleanup ---------------------------------------------------------------------


def test_word_paste_into_the_chapter_is_its_text_only(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    pane = pane_at_end(window)
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    put_on_clipboard(WORD, "Sample doc\n\n")
    qtbot.keyClick(pane, Qt.Key.Key_V, CTRL)
    window.close()

    assert saved_body(path) == "<p>One text.</p>\n<p>Sample doc</p>"


def test_google_docs_paste_into_the_chapter_keeps_what_the_subset_holds(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    pane = pane_at_end(window)
    select_all(qtbot, pane)
    put_on_clipboard(GOOGLE, "plain text that must not be used")
    qtbot.keyClick(pane, Qt.Key.Key_V, CTRL)
    # Autosave, not only the save on close, writes it.
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=3000)

    body = saved_body(path)
    assert body == clean_html(GOOGLE)
    assert "<em>Starbuck</em> <strong>seemed</strong>" in body
    assert "<h2>Heading 1</h2>" in body and "<blockquote>" in body and "<ol>" in body
    for leak in ("span", "font", "style", "class", "docs-internal", "\u2028", "<p></p>"):
        assert leak not in body


def test_word_and_google_docs_paste_into_a_rich_field(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    edit = summary_edit(window)
    put_on_clipboard(WORD, "Sample doc")
    qtbot.keyClick(edit, Qt.Key.Key_V, CTRL)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    snippet = (
        '<b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr">'
        '<span style="font-family:Arial;font-weight:400;font-style:italic;">Moby </span>'
        '<span style="font-family:Arial;font-weight:700;">Dick</span></p><br>'
        '<p dir="ltr"><span style="font-size:11pt">whale</span></p></b>'
    )
    put_on_clipboard(snippet, "Moby Dick\n\nwhale")
    qtbot.keyClick(edit, Qt.Key.Key_V, CTRL)
    window.close()

    assert saved_summary(path) == (
        "<p>Sample doc</p>\n<p><em>Moby</em> <strong>Dick</strong></p>\n<p>whale</p>"
    )


def test_a_copy_inside_ficwright_pastes_back_as_it_was(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    # Blank paragraphs and straight quotes the author kept are the author's: not "cleaned".
    body = '<p>"Straight" -- on purpose</p>\n<p></p>\n<p>***</p>'
    path = make_work(tmp_path / "w.ficwright", body)
    window = open_window(path)
    window.act_smart.trigger()
    pane = pane_at_end(window)
    select_all(qtbot, pane)
    qtbot.keyClick(pane, Qt.Key.Key_C, CTRL)
    pane.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    qtbot.keyClick(pane, Qt.Key.Key_V, CTRL)
    window.close()

    assert saved_body(path) == body + "\n" + body


# -- smart typography ------------------------------------------------------------------------


def test_smart_typography_is_off_by_default(qtbot, open_window: OpenWindow, tmp_path: Path) -> None:
    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    assert not window.act_smart.isChecked()
    pane = pane_at_end(window)
    qtbot.keyClicks(pane, ' "Hi" -- it\'s...')
    put_on_clipboard(None, ' "Pasted" -- too')
    qtbot.keyClick(pane, Qt.Key.Key_V, CTRL)
    window.close()

    assert saved_body(path) == '<p>One text. "Hi" -- it\'s... "Pasted" -- too</p>'


def test_typing_with_smart_typography_and_undoing_a_conversion(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", "")
    window = open_window(path)
    window.act_smart.trigger()
    assert window.act_smart.isChecked()
    pane = pane_at_end(window)

    qtbot.keyClicks(pane, '"Hello," she said. "It\'s Zack\'s--')
    assert pane.toPlainText() == "“Hello,” she said. “It’s Zack’s—"
    qtbot.keyClick(pane, Qt.Key.Key_Z, CTRL)  # right after: the straight characters are back
    assert pane.toPlainText() == "“Hello,” she said. “It’s Zack’s--"
    qtbot.keyClicks(pane, '"')
    assert pane.toPlainText() == "“Hello,” she said. “It’s Zack’s--”"
    qtbot.keyClick(pane, Qt.Key.Key_Z, CTRL)
    assert pane.toPlainText() == '“Hello,” she said. “It’s Zack’s--"'
    qtbot.keyClicks(pane, " Wait...")
    assert pane.toPlainText().endswith('" Wait…')
    window.close()

    assert saved_body(path) == '<p>“Hello,” she said. “It’s Zack’s--" Wait…</p>'


def test_undo_after_typing_on_removes_the_typing_first(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright", "")
    window = open_window(path)
    window.act_smart.trigger()
    pane = pane_at_end(window)
    qtbot.keyClicks(pane, 'say "Hi')
    qtbot.keyClick(pane, Qt.Key.Key_Z, CTRL)
    assert pane.toPlainText() == "say “"
    qtbot.keyClick(pane, Qt.Key.Key_Z, CTRL)
    assert pane.toPlainText() == 'say "'


def test_smart_typography_in_a_rich_field_and_on_paste(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    window.act_smart.trigger()
    edit = summary_edit(window)
    qtbot.keyClicks(edit, 'It\'s "late"--')
    assert edit.toPlainText() == "It’s “late”—"
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert edit.toPlainText() == "It’s “late”--"
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    put_on_clipboard("<p><i>\"Pasted\"</i> -- in the '90s...</p><p>'Yes.'</p>", "plain")
    qtbot.keyClick(edit, Qt.Key.Key_V, CTRL)

    pane = pane_at_end(window)
    put_on_clipboard(None, ' "Plain" -- it\'s...')
    qtbot.keyClick(pane, Qt.Key.Key_V, CTRL)
    window.close()

    assert saved_summary(path) == (
        "<p>It’s “late”--</p>\n<p><em>“Pasted”</em> — in the ’90s…</p>\n<p>‘Yes.’</p>"
    )
    assert saved_body(path) == "<p>One text. “Plain” — it’s…</p>"


def test_the_smart_typography_setting_survives_a_restart(
    qtbot, open_window: OpenWindow, tmp_path: Path, settings
) -> None:  # type: ignore[no-untyped-def]
    path = make_work(tmp_path / "w.ficwright", "")
    first = open_window(path)
    first.act_smart.trigger()
    first.close()
    assert settings.value("editing/smartTypography", False, bool) is True

    again = open_window(path)
    assert again.act_smart.isChecked()
    edit = summary_edit(again)
    qtbot.keyClicks(edit, '"Yes"')
    assert edit.toPlainText() == "“Yes”"
    again.act_smart.trigger()  # off again: typing stays straight everywhere
    pane = pane_at_end(again)
    qtbot.keyClicks(pane, '"No"')
    assert pane.toPlainText() == '"No"'
    again.close()
    assert settings.value("editing/smartTypography", True, bool) is False

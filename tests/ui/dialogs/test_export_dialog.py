"""File ▸ Export… on the real main window: preview, copy and save what the exporters make."""

from __future__ import annotations

import threading
import time
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
)

from editor import fileio
from editor.formats import targets
from editor.formats.targets import TARGETS, export_to
from editor.formats.work import FRONT_MATTER_PARTS, ExportOptions, ExportWork, load_work
from editor.store.project import Changes, Project
from editor.ui.dialogs import export as export_dialog
from editor.ui.dialogs.export import ExportDialog
from editor.ui.main_window import MainWindow

from ..conftest import OpenWindow

ONE = (
    "<p>Cloud <em>looked</em> at the <strong>sword</strong>.</p>\n"
    '<p align="center">Midgar</p>\n'
    "<hr />\n"
    "<p>He wrote to J.Jenks at dawn.</p>"
)
TWO = "<p>Zack <u>laughed</u>.</p>\n<p>The end.</p>"


@pytest.fixture
def work_path(tmp_path: Path) -> Path:
    path = tmp_path / "storm.ficwright"
    project = Project.create(path, "Storm Front")
    one = project.add_chapter("The Letter", ONE, 12)
    two = project.add_chapter("Nibelheim", TWO, 4)
    project.save(
        Changes(
            work={
                "author": "wren_writes",
                "fandoms": ("Final Fantasy VII",),
                "summary": "<p>A <em>storm</em> comes.</p>",
                "disclaimer": "<p>I do not own FFVII.</p>",
                "expected_chapters": 2,
            },
            chapters={
                one: {"notes_begin": "<p>Thanks for reading!</p>"},
                two: {"notes_end": "<p>More soon.</p>"},
            },
        )
    )
    project.close()
    return path


def stored_work(window: MainWindow) -> ExportWork:
    assert window.workspace is not None
    return load_work(window.workspace.project)


def open_export(qtbot, window: MainWindow) -> ExportDialog:  # type: ignore[no-untyped-def]
    window.act_export.trigger()
    # A closed dialog lingers until its deferred delete: take the one showing.
    shown = [d for d in window.findChildren(ExportDialog) if d.isVisible()]
    assert len(shown) == 1
    dialog = shown[0]
    qtbot.waitUntil(dialog.is_current)
    return dialog


def choose_target(qtbot, dialog: ExportDialog, key: str) -> None:  # type: ignore[no-untyped-def]
    combo = dialog.findChild(QComboBox, "exportTarget")
    combo.setCurrentIndex(combo.findText(TARGETS[key].label))
    qtbot.waitUntil(dialog.is_current)


def click(qtbot, dialog: ExportDialog, name: str) -> None:  # type: ignore[no-untyped-def]
    button = dialog.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def preview(dialog: ExportDialog) -> str:
    return dialog.findChild(QPlainTextEdit, "exportPreview").toPlainText()


def all_chapters(qtbot, dialog: ExportDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.findChild(QRadioButton, "chaptersAll").click()
    qtbot.waitUntil(dialog.is_current)


# -- opening and previewing ------------------------------------------------------------------


def test_file_menu_and_shortcut_open_the_export_dialog(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.act_export in file_menu.actions()
    assert window.act_export.shortcut() == QKeySequence("Ctrl+Shift+E")
    qtbot.keyClick(
        window,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is not None)
    dialog = window.findChild(ExportDialog)
    assert dialog.isVisible()
    combo = dialog.findChild(QComboBox, "exportTarget")
    assert [combo.itemText(i) for i in range(combo.count())] == [t.label for t in TARGETS.values()]


def test_ao3_preview_is_the_chapters_html_without_style(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "ao3")
    text = preview(dialog)
    assert text == export_to("ao3", stored_work(window), ExportOptions(chapters=[1]))
    lines = text.splitlines()
    assert lines[0] == "<p>Cloud <em>looked</em> at the <strong>sword</strong>.</p>"
    assert '<p align="center">Midgar</p>' in lines
    assert all(line.startswith(("<p", "<hr")) for line in lines)
    assert "style" not in text


def test_ffn_preview_has_the_header_block_and_lists_what_ffn_strips(
    qtbot, open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "ffn")
    text = preview(dialog)
    assert "<strong>Storm Front</strong>" in text
    assert "Chapter 1 of 2: The Letter" in text
    assert "I do not own FFVII." in text
    assert '<p style="text-align:center">Midgar</p>' in text
    warnings = dialog.warnings()
    assert dialog.findChild(QListWidget, "ffnWarnings").isVisible()
    assert any("J.Jenks" in w and "web address" in w for w in warnings)

    choose_target(qtbot, dialog, "md")
    assert not dialog.findChild(QListWidget, "ffnWarnings").isVisible()


def test_ffn_docx_lists_what_ffn_strips_too(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "ffn-docx")
    assert dialog.findChild(QListWidget, "ffnWarnings").isVisible()
    assert any("J.Jenks" in w and "web address" in w for w in dialog.warnings())
    assert "FanFiction.Net (DOCX) is a binary file" in preview(dialog)


def test_ffn_preview_of_several_chapters_shows_each_file_apart(
    qtbot, open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "ffn")
    all_chapters(qtbot, dialog)
    work = stored_work(window)
    one, two = (export_to("ffn", work, ExportOptions(chapters=[n])).rstrip("\n") for n in (1, 2))
    # The files Save… writes, each under its name.
    assert preview(dialog) == (
        f"— 01 - The Letter.html —\n\n{one}\n\n— 02 - Nibelheim.html —\n\n{two}"
    )
    assert "next chapter" not in preview(dialog)
    assert any("J.Jenks" in w for w in dialog.warnings())


def test_chapter_range_and_parts_change_the_preview(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "md")
    dialog.findChild(QSpinBox, "chapterTo").setValue(2)
    dialog.findChild(QSpinBox, "chapterFrom").setValue(2)
    assert dialog.findChild(QRadioButton, "chaptersRange").isChecked()
    qtbot.waitUntil(dialog.is_current)
    work = stored_work(window)
    assert preview(dialog) == export_to("md", work, ExportOptions(chapters=[2]))
    assert "Zack" in preview(dialog) and "Cloud" not in preview(dialog)

    all_chapters(qtbot, dialog)
    dialog.findChild(QCheckBox, "part_disclaimer").setChecked(False)
    qtbot.waitUntil(dialog.is_current)
    parts = frozenset(FRONT_MATTER_PARTS) - {"disclaimer"}
    assert preview(dialog) == export_to("md", work, ExportOptions(parts=parts))
    assert "FFVII" not in preview(dialog)


def test_binary_targets_describe_the_file_and_cannot_be_copied(
    qtbot, open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    for key in ("epub", "docx"):
        choose_target(qtbot, dialog, key)
        text = preview(dialog)
        assert f"Storm Front.{key}" in text
        assert "PK" not in text
        assert not dialog.findChild(QPushButton, "exportCopy").isEnabled()
        assert dialog.findChild(QPushButton, "exportSave").isEnabled()


def test_the_unsaved_text_of_the_open_chapter_is_exported(
    qtbot, open_window: OpenWindow, work_path
):
    window = open_window(work_path)
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(pane.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane, " Typed just now")
    assert window.workspace is not None and window.workspace.dirty  # autosave not yet run
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "txt")
    assert "J.Jenks at dawn. Typed just now" in preview(dialog)


def test_previews_run_off_the_ui_thread_and_show_progress_when_slow(
    qtbot, open_window: OpenWindow, work_path, monkeypatch
):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    threads: list[int] = []

    def slow(key: str, work: ExportWork, options: ExportOptions) -> str | bytes:
        threads.append(threading.get_ident())
        time.sleep(0.6)
        return targets.export_to(key, work, options)

    monkeypatch.setattr(export_dialog, "export_to", slow)
    combo = dialog.findChild(QComboBox, "exportTarget")
    combo.setCurrentIndex(combo.findText(TARGETS["txt"].label))
    # Quick changes within the debounce make one export, not one each.
    dialog.findChild(QCheckBox, "part_title").setChecked(False)
    dialog.findChild(QCheckBox, "part_title").setChecked(True)
    progress = dialog.findChild(QProgressBar, "exportProgress")
    qtbot.waitUntil(progress.isVisible, timeout=2000)
    qtbot.waitUntil(dialog.is_current, timeout=5000)
    assert not progress.isVisible()
    assert threads and threading.get_ident() not in threads
    assert len(threads) == 1


def test_last_target_and_parts_are_remembered(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "bbcode")
    dialog.findChild(QCheckBox, "part_summary").setChecked(False)
    dialog.close()

    again = open_export(qtbot, window)
    assert again is not dialog
    assert again.target().key == "bbcode"
    assert not again.findChild(QCheckBox, "part_summary").isChecked()
    assert again.findChild(QCheckBox, "part_rating").isChecked()
    assert "summary" not in again.options().parts


# -- copy --------------------------------------------------------------------------------


def test_copy_puts_html_as_text_and_as_html(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "ao3")
    click(qtbot, dialog, "exportCopy")
    mime = QApplication.clipboard().mimeData()
    expected = export_to("ao3", stored_work(window), ExportOptions(chapters=[1]))
    assert mime.text() == expected
    assert mime.hasHtml() and "<strong>sword</strong>" in mime.html()


def test_copy_of_a_text_target_is_plain_text_only(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "bbcode")
    click(qtbot, dialog, "exportCopy")
    mime = QApplication.clipboard().mimeData()
    assert mime.text() == export_to("bbcode", stored_work(window), ExportOptions(chapters=[1]))
    assert not mime.hasHtml()


# -- save --------------------------------------------------------------------------------


def answer_save(monkeypatch, path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def get_save(_parent, _caption, start, _filter="", *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(start)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save)
    return asked


def test_save_writes_what_the_exporter_makes(
    qtbot, open_window: OpenWindow, work_path, tmp_path, monkeypatch
):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "md")
    all_chapters(qtbot, dialog)
    out = tmp_path / "out" / "storm.md"
    out.parent.mkdir()
    asked = answer_save(monkeypatch, out)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        click(qtbot, dialog, "exportSave")
    assert Path(asked[0]).name == "Storm Front.md"
    expected = export_to("md", stored_work(window), ExportOptions())
    assert out.read_bytes() == expected.encode("utf-8")
    assert dialog.isVisible()


def test_save_of_a_binary_target_writes_the_file(
    qtbot, open_window: OpenWindow, work_path, tmp_path, monkeypatch
):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "epub")
    all_chapters(qtbot, dialog)
    out = tmp_path / "storm"  # no extension typed: the target's is added
    answer_save(monkeypatch, out)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        click(qtbot, dialog, "exportSave")
    saved = tmp_path / "storm.epub"
    with zipfile.ZipFile(saved) as book:
        assert book.read("mimetype") == b"application/epub+zip"
        text = b"".join(book.read(n) for n in book.namelist() if n.endswith("html"))
    assert b"Zack" in text and b"Cloud" in text


def test_ao3_save_of_all_chapters_writes_the_whole_work_the_preview_shows(
    qtbot, open_window: OpenWindow, work_path, tmp_path, monkeypatch
):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "ao3")
    all_chapters(qtbot, dialog)
    shown = preview(dialog)
    out = tmp_path / "storm.html"
    answer_save(monkeypatch, out)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        click(qtbot, dialog, "exportSave")
    saved = out.read_text(encoding="utf-8")
    assert saved == shown
    assert '<div id="chapters" class="userstuff">' in saved
    assert "<p>Thanks for reading!</p>" in saved and "Nibelheim" in saved
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".html") == ["storm.html"]

    dialog.findChild(QRadioButton, "chaptersCurrent").click()  # a chapter's text stays reachable
    qtbot.waitUntil(dialog.is_current)
    one = tmp_path / "one.html"
    answer_save(monkeypatch, one)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        click(qtbot, dialog, "exportSave")
    expected = export_to("ao3", stored_work(window), ExportOptions(chapters=[1]))
    assert one.read_text(encoding="utf-8") == expected


def save_all_in_a_folder(
    qtbot, dialog: ExportDialog, key: str, tmp_path: Path, monkeypatch
) -> Path:  # type: ignore[no-untyped-def]
    """Save every chapter for ``key`` into a new folder, which the folder dialog answers."""
    choose_target(qtbot, dialog, key)
    all_chapters(qtbot, dialog)
    folder = tmp_path / key
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(folder))
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        click(qtbot, dialog, "exportSave")
    return folder


def test_per_chapter_save_writes_one_file_per_chapter(
    qtbot, open_window: OpenWindow, work_path, tmp_path, monkeypatch
):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    folder = save_all_in_a_folder(qtbot, dialog, "ffn", tmp_path, monkeypatch)
    assert sorted(p.name for p in folder.iterdir()) == [
        "01 - The Letter.html",
        "02 - Nibelheim.html",
    ]
    work = stored_work(window)
    for number, name in ((1, "01 - The Letter.html"), (2, "02 - Nibelheim.html")):
        expected = export_to("ffn", work, ExportOptions(chapters=[number]))
        assert (folder / name).read_text(encoding="utf-8") == expected


def test_ffn_docx_saves_one_word_document_per_chapter(
    qtbot, open_window: OpenWindow, work_path, tmp_path, monkeypatch
):
    import io

    import docx

    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    folder = save_all_in_a_folder(qtbot, dialog, "ffn-docx", tmp_path, monkeypatch)
    assert "one file per chapter, “01 - The Letter.docx” first" in preview(dialog)
    assert sorted(p.name for p in folder.iterdir()) == [
        "01 - The Letter.docx",
        "02 - Nibelheim.docx",
    ]
    second = docx.Document(io.BytesIO((folder / "02 - Nibelheim.docx").read_bytes()))
    texts = [p.text for p in second.paragraphs]
    assert "Chapter 2 of 2: Nibelheim" in texts and "Zack laughed." in texts
    assert not any("Cloud" in t for t in texts)


def test_a_failed_save_says_why_and_keeps_the_dialog_open(
    qtbot, open_window: OpenWindow, work_path, tmp_path, monkeypatch
):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "txt")
    answer_save(monkeypatch, tmp_path / "no such folder" / "storm.txt")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: shown.append(text))
    with qtbot.waitSignal(dialog.saveFailed, timeout=5000):
        click(qtbot, dialog, "exportSave")
    assert shown and "storm.txt" in shown[0] and "No such file or directory" in shown[0]
    assert dialog.isVisible()
    assert dialog.findChild(QPushButton, "exportSave").isEnabled()  # try again elsewhere
    assert not (tmp_path / "no such folder").exists()


def test_a_full_disk_leaves_no_half_written_file(
    qtbot, open_window: OpenWindow, work_path, tmp_path, monkeypatch
):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "txt")
    out = tmp_path / "storm.txt"
    out.write_text("the previous export", encoding="utf-8")
    answer_save(monkeypatch, out)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a: None)

    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync", full)
    with qtbot.waitSignal(dialog.saveFailed, timeout=5000) as failed:
        click(qtbot, dialog, "exportSave")
    assert "No space left on device" in failed.args[0]
    assert out.read_text(encoding="utf-8") == "the previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


# -- options that match the output -------------------------------------------------------------


def test_options_that_change_nothing_are_disabled(qtbot, open_window: OpenWindow, work_path):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    boxes = [dialog.findChild(QCheckBox, f"part_{n}") for n in FRONT_MATTER_PARTS]
    emphasis = dialog.findChild(QCheckBox, "exportEmphasisMarks")
    choose_target(qtbot, dialog, "ao3")  # one chapter: the Work Text field alone
    assert not any(box.isEnabled() for box in boxes) and not emphasis.isEnabled()
    assert "Post Helper" in boxes[0].toolTip()
    all_chapters(qtbot, dialog)  # the whole work in AO3's download layout
    assert all(box.isEnabled() for box in boxes) and not emphasis.isEnabled()
    choose_target(qtbot, dialog, "txt")
    assert all(box.isEnabled() for box in boxes) and emphasis.isEnabled()
    assert "*looked*" not in preview(dialog) and "Cloud looked at the sword." in preview(dialog)
    emphasis.setChecked(True)
    qtbot.waitUntil(dialog.is_current)
    options = ExportOptions(emphasis_marks=True)
    assert preview(dialog) == export_to("txt", stored_work(window), options)
    assert "Cloud *looked* at the **sword**." in preview(dialog)


def test_saved_clears_when_the_format_changes(
    qtbot, open_window: OpenWindow, work_path, tmp_path, monkeypatch
):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "md")
    answer_save(monkeypatch, tmp_path / "storm.md")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        click(qtbot, dialog, "exportSave")
    status = dialog.findChild(QLabel, "exportStatus")
    assert status.text().startswith("Saved")
    choose_target(qtbot, dialog, "txt")
    assert status.text() == ""


def test_an_ao3_chapter_over_the_limit_is_refused(
    qtbot, open_window: OpenWindow, tmp_path, monkeypatch
):
    path = tmp_path / "long.ficwright"
    project = Project.create(path, "Long")
    paragraph = "<p>" + "word " * 99 + "end.</p>"
    project.add_chapter("Long", "\n".join([paragraph] * 1025), 102_500)
    project.close()
    window = open_window(path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "ao3")
    listed = dialog.findChild(QListWidget, "ffnWarnings")
    message = "Chapter 1: Work Text is over AO3's limit of 500,000 characters: cut 19,674."
    assert [listed.item(i).text() for i in range(listed.count())] == [message]
    assert listed.isVisible() and preview(dialog) == message
    assert not dialog.findChild(QPushButton, "exportSave").isEnabled()
    assert not dialog.findChild(QPushButton, "exportCopy").isEnabled()
    choose_target(qtbot, dialog, "md")  # only AO3 has the limit
    assert dialog.findChild(QPushButton, "exportSave").isEnabled()


def test_saving_over_a_symlink_is_refused_and_the_link_stays(
    qtbot, open_window: OpenWindow, work_path, tmp_path, monkeypatch
):
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    choose_target(qtbot, dialog, "txt")
    real = tmp_path / "real.txt"
    real.write_text("theirs", encoding="utf-8")
    link = tmp_path / "storm.txt"
    link.symlink_to(real)
    answer_save(monkeypatch, link)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a: None)

    with qtbot.waitSignal(dialog.saveFailed, timeout=5000) as failed:
        click(qtbot, dialog, "exportSave")

    assert "symbolic link" in failed.args[0]
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "theirs"


# -- print -------------------------------------------------------------------------------


def test_print_lays_out_the_chosen_chapters_as_the_pdf_does(
    qtbot, open_window: OpenWindow, work_path: Path, tmp_path: Path
) -> None:
    import shutil
    import subprocess

    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    all_chapters(qtbot, dialog)
    # Print… opens Qt's print dialog; cancelled, nothing is printed.
    seen: list[bool] = []

    def cancel() -> None:
        shown = [d for d in dialog.findChildren(QPrintDialog) if d.isVisible()]
        seen.append(bool(shown))
        for print_dialog in shown:
            print_dialog.reject()

    QTimer.singleShot(300, cancel)
    click(qtbot, dialog, "exportPrint")
    assert seen == [True]
    # The printer chosen there gets the PDF's layout: a printer printing to a file here.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.print_to(printer)
    del printer  # the file is finished when the printer goes
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "printed.pdf"), "-"], capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    assert pages[0].lstrip().startswith("Storm Front") and "by wren_writes" in pages[0]
    headings = [p.lstrip().split("\n")[0] for p in pages if p.lstrip().startswith("Chapter ")]
    assert headings == ["Chapter 1: The Letter", "Chapter 2: Nibelheim"]
    assert "Zack laughed." in text


# -- the rendered preview ----------------------------------------------------------------


def test_preview_reads_as_the_reader_sees_it_with_markup_a_toggle(
    qtbot, open_window: OpenWindow, work_path: Path
) -> None:
    from PySide6.QtWidgets import QCheckBox, QTextBrowser

    window = open_window(work_path)
    dialog = open_export(qtbot, window)
    rendered = dialog.findChild(QTextBrowser, "exportRendered")
    raw = dialog.findChild(QPlainTextEdit, "exportPreview")
    toggle = dialog.findChild(QCheckBox, "exportShowMarkup")
    choose_target(qtbot, dialog, "ao3")
    assert rendered.isVisible() and not raw.isVisible()
    assert "Cloud looked at the sword." in rendered.toPlainText()
    assert "<em>looked</em>" in raw.toPlainText()  # the markup, there for the asking
    toggle.click()
    assert raw.isVisible() and not rendered.isVisible()
    toggle.click()
    # A binary format reads as its document layout: the header once, chapters headed.
    choose_target(qtbot, dialog, "docx")
    all_chapters(qtbot, dialog)
    shown = rendered.toPlainText()
    assert shown.startswith("Storm Front\nby wren_writes")
    assert "Chapter 1: The Letter" in shown and "Chapter 2: Nibelheim" in shown
    assert "<" not in shown
    # A PDF, EPUB, Word or ODT file shows its first A5 pages, as the PDF lays them out.
    from PySide6.QtWidgets import QScrollArea

    choose_target(qtbot, dialog, "pdf")
    assert dialog.findChild(QScrollArea, "exportPages").isVisible()
    pages = [dialog.findChild(QLabel, f"exportPage{n}") for n in (1, 2, 3)]
    assert all(p is not None and p.isVisible() for p in pages)  # title page, two chapters
    image = pages[0].pixmap().toImage()
    assert image.width() < image.height()  # a page, upright
    inked = [
        (x, y)
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if image.pixelColor(x, y).lightness() < 128
    ]
    assert inked and min(y for _x, y in inked) > 20  # text, inside the page's margin
    toggle.click()
    assert raw.isVisible() and "PDF" in raw.toPlainText()
    toggle.click()
    # Plain text is what it is.
    choose_target(qtbot, dialog, "txt")
    assert rendered.toPlainText() == raw.toPlainText()

"""Refresh the screenshots in docs/ by driving the real app on a virtual screen.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/screenshots.py [NAME.png ...]

(Debian: xvfb, libxcb-cursor0, libxkbcommon-x11-0, libxcb-icccm4, libxcb-keysyms1.) Each scene
opens a fresh copy of the sample work in a private data folder, sets the scene up as an
author would, and saves the whole screen, popups included. Name pictures to take only those.
docs/guide.md shows them.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["FICWRIGHT_HOME"] = tempfile.mkdtemp(prefix="ficwright-shots-")

from PySide6.QtCore import QDate, QPoint, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QPixmap, QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QMessageBox,
    QPushButton,
    QScrollArea,
)

from editor.ui.main_window import MainWindow  # noqa: E402
from editor.ui.pasting import PasteJob, clipboard_data  # noqa: E402

OUT = ROOT / "docs"
SIZE = (1320, 840)
WORK_NAME = "The Lighthouse Letters.ficwright"
AFTER: list[Callable[[], object]] = []  # what a scene leaves to undo once it is shot


def wait(app: QApplication, ms: int) -> None:
    done = []
    QTimer.singleShot(ms, lambda: done.append(True))
    while not done:
        app.processEvents()


def grab(app: QApplication, width: int = SIZE[0], height: int = SIZE[1] + 30) -> QPixmap:
    return app.primaryScreen().grabWindow(0, 0, 0, width, height)


_scene_number = itertools.count(1)


def open_sample(app: QApplication) -> MainWindow:
    home = Path(os.environ["FICWRIGHT_HOME"])
    work = home / WORK_NAME
    shutil.copyfile(ROOT / "projects" / "sample.ficwright", work)
    # Every scene starts from the default settings, as on a first run.
    settings = home / f"settings-{next(_scene_number)}.ini"
    window = MainWindow(QSettings(str(settings), QSettings.Format.IniFormat))
    window.resize(*SIZE)
    window.move(0, 0)
    window.show()
    window.open_path(work)
    wait(app, 600)  # the dictionary loads in the background
    return window


def main_window(app: QApplication, window: MainWindow) -> None:
    window.front_matter.docks["details"].raise_()


def spelling(app: QApplication, window: MainWindow) -> None:
    """A typo, its context menu with suggestions, and the Spelling panel."""
    pane = window.text_pane
    cursor = pane.document().find("letter came")  # the menu then leaves the panel in view
    cursor.insertText("leter came")
    window.spelling_ui.dock.raise_()
    window.spelling_ui.refresh()
    wait(app, 800)
    cursor = pane.document().find("leter")
    cursor.setPosition(cursor.selectionStart() + 2, QTextCursor.MoveMode.MoveAnchor)
    rect = pane.cursorRect(cursor)
    pos = QPoint(rect.center().x(), rect.center().y())
    window.spelling_ui.menu.service.request_suggestions("leter")
    wait(app, 600)
    menu = window.spelling_ui.menu.menu_for(pane, pos)
    menu.popup(pane.viewport().mapToGlobal(QPoint(pos.x(), rect.bottom() + 6)))  # word in view
    wait(app, 400)


def export_ffn(app: QApplication, window: MainWindow) -> None:
    """The Export dialog previewing FFN's chapter file with its header block."""
    dialog = window.open_export()
    assert dialog is not None
    dialog.set_target("ffn")
    dialog.resize(900, 700)
    dialog.move(200, 60)
    wait(app, 800)


def export_pages(app: QApplication, window: MainWindow) -> None:
    """The Export dialog previewing a PDF of the whole work: its first pages."""
    from PySide6.QtWidgets import QRadioButton

    dialog = window.open_export()
    assert dialog is not None
    dialog.set_target("pdf")
    dialog.findChild(QRadioButton, "chaptersAll").click()
    dialog.resize(900, 700)
    dialog.move(200, 60)
    wait(app, 1200)


def post_helper(app: QApplication, window: MainWindow, site: str = "ao3") -> None:
    """AO3's (or FFN's) form, field by field, each with its Copy button and limit check."""
    dialog = window.open_post_helper()
    assert dialog is not None
    dialog.set_site(site)
    dialog.resize(900, 780)
    dialog.move(200, 20)
    wait(app, 600)


def post_helper_ffn(app: QApplication, window: MainWindow) -> None:
    """FanFiction.Net's story form from the same panels, with FFN's rules."""
    post_helper(app, window, "ffn")


def import_preview(app: QApplication, window: MainWindow) -> None:
    """A plain-text fic with its header block: what went where, before anything is saved."""
    dialog = window.open_import()
    dialog.add_files([ROOT / "tests" / "fixtures" / "import" / "full-header.txt"])
    dialog.resize(1000, 760)
    dialog.move(150, 20)
    wait(app, 1200)


def import_blocks(app: QApplication, window: MainWindow) -> None:
    """A fic copied from a site: each block around the story, where it went, why, how sure."""
    from PySide6.QtWidgets import QTabWidget

    dialog = window.open_import()
    dialog.add_files(
        [ROOT / "tests" / "fixtures" / "import_corpus" / "a31_ffn_an_review_replies.txt"]
    )
    dialog.resize(1000, 760)
    dialog.move(150, 20)
    wait(app, 1200)
    dialog.findChild(QTabWidget, "importFoundTabs").setCurrentIndex(1)
    wait(app, 300)


def find_in_work(app: QApplication, window: MainWindow) -> None:
    """Find across the work: hits grouped by chapter, with their context."""
    from editor.ui.dialogs.find_replace import SCOPE_WORK

    dialog = window.open_find(SCOPE_WORK)
    assert dialog is not None
    dialog.find_edit.setText("lamp")
    dialog.find_all()
    dialog.resize(640, 560)
    dialog.move(600, 120)
    wait(app, 500)


def revisions(app: QApplication, window: MainWindow) -> None:
    """A snapshot against the current text, word by word."""
    from editor.store import history

    ws = window.workspace
    assert ws is not None
    history.take(ws.project, ws.current_id, "manual", "First draft")
    cursor = window.text_pane.document().find("forty years")
    cursor.insertText("half a century")
    ws.save()
    dialog = window.open_revisions()
    assert dialog is not None
    dialog.resize(900, 600)
    dialog.move(200, 100)
    wait(app, 600)


# -- helpers for the scenes below ------------------------------------------------------


def select_chapter(app: QApplication, window: MainWindow, number: int) -> int:
    """Select chapter ``number`` (1 is the first) as a click in the tree would; its id."""
    ws = window.workspace
    assert ws is not None
    chapter_id = ws.chapters()[number - 1].id
    ws.select(chapter_id)
    wait(app, 200)
    return chapter_id


def show_panel(app: QApplication, window: MainWindow, key: str, width: int = 520) -> None:
    """Bring a front-matter panel's tab to the front, its dock ``width`` wide."""
    dock = window.front_matter.docks[key]
    dock.raise_()
    window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
    wait(app, 200)


def press_when_asked(
    app: QApplication, button: str, then: Callable[[], None] | None = None
) -> None:
    """Once a message box is up, run ``then`` (e.g. a screenshot) and press ``button``."""

    def answer() -> None:
        box = app.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(100, answer)
            return
        wait(app, 300)
        if then is not None:
            then()
        for b in box.buttons():
            if b.text().replace("&", "") == button:
                b.click()
                return
        raise LookupError(f"no {button!r} button in {box.text()!r}")

    QTimer.singleShot(100, answer)


def type_text(app: QApplication, window: MainWindow, text: str) -> None:
    """Type ``text`` at the end of the chapter, key by key, as the author would."""
    pane = window.text_pane
    pane.setFocus()
    cursor = pane.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    pane.setTextCursor(cursor)
    QTest.keyClick(pane, Qt.Key.Key_Return)
    QTest.keyClicks(pane, text)
    wait(app, 1500)  # counted, then autosaved


def mark_all_posted(app: QApplication, window: MainWindow, site: str, days_ago: int) -> None:
    """Chapter ▸ Mark as Posted…, every chapter, to ``site`` ``days_ago`` days ago."""
    dialog = window.open_mark_posted()
    assert dialog is not None
    dialog.site.setCurrentIndex(dialog.site.findData(site))
    dialog.url.setText(
        "https://archiveofourown.org/works/58213467"
        if site == "AO3"
        else "https://www.fanfiction.net/s/14532109/1/The-Lighthouse-Letters"
    )
    dialog.all_chapters.setChecked(True)
    dialog.date.setDate(QDate.currentDate().addDays(-days_ago))
    dialog.accept()
    wait(app, 200)


# -- the panels ------------------------------------------------------------------------


def work_details(app: QApplication, window: MainWindow) -> None:
    """The lower half of Work Details: summary, series, chapters, status, language."""
    ws = window.workspace
    assert ws is not None
    ws.set_meta("series_name", "Letters from Kell’s Reach")
    ws.set_meta("series_part", 1)
    show_panel(app, window, "details")
    area = window.front_matter.details.findChild(QScrollArea)
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    wait(app, 200)


def warnings(app: QApplication, window: MainWindow) -> None:
    """Archive warnings, the work's content warnings and a chapter's own warnings."""
    select_chapter(app, window, 2)
    show_panel(app, window, "warnings")


def disclaimer(app: QApplication, window: MainWindow) -> None:
    """The disclaimer, kept as the author's default for the work's fandom."""
    show_panel(app, window, "disclaimer")
    save = window.front_matter.disclaimer.findChild(QPushButton, "saveDefaultButton")
    save.click()
    wait(app, 200)


def dedication(app: QApplication, window: MainWindow) -> None:
    ws = window.workspace
    assert ws is not None
    ws.set_meta("gift_recipients", ("lamplighter_42",))
    show_panel(app, window, "dedication")


def prompt(app: QApplication, window: MainWindow) -> None:
    show_panel(app, window, "prompt")


def chapter_notes(app: QApplication, window: MainWindow) -> None:
    """Chapter 2's title, "Chapter 2 of 2", summary and notes, in the left-hand dock."""
    ws = window.workspace
    assert ws is not None
    chapter_id = select_chapter(app, window, 2)
    ws.set_chapter_meta(chapter_id, "summary", "<p>A storm, and a stranger on the shingle.</p>")
    ws.set_chapter_meta(
        chapter_id, "notes_begin", "<p>Mind the <em>storm</em>: see the chapter warnings.</p>"
    )
    wait(app, 300)


# -- writing ---------------------------------------------------------------------------


def replace_in_work(app: QApplication, window: MainWindow) -> None:
    """A place renamed across the whole work, with Undo Replace All ready."""
    from editor.ui.dialogs.find_replace import SCOPE_WORK

    dialog = window.open_find(SCOPE_WORK, replace=True)
    assert dialog is not None
    dialog.find_edit.setText("Reach")
    dialog.replace_edit.setText("Point")
    dialog.whole_word.setChecked(True)
    dialog.match_case.setChecked(True)
    dialog.resize(640, 340)
    dialog.move(600, 120)
    wait(app, 200)
    press_when_asked(app, "Yes")
    dialog.replace_all_in_work()
    wait(app, 600)


def focus_mode(app: QApplication, window: MainWindow) -> QPixmap:
    """Nothing but the chapter, full screen."""
    cursor = window.text_pane.document().find("Thursday boat")
    cursor.setPosition(cursor.selectionEnd())
    window.text_pane.setTextCursor(cursor)
    window.focus_mode.enter()
    # Xvfb has no window manager to honour "full screen": do its part.
    screen = app.primaryScreen().geometry()
    window.setGeometry(screen)
    wait(app, 800)
    return grab(app, screen.width(), screen.height())


def goals(app: QApplication, window: MainWindow) -> None:
    """Goals for the day, the work and the chapter, and the progress in the status bar."""
    window.goals.set_daily_goal(500)
    window.goals.set_work_goal(5000)
    ws = window.workspace
    assert ws is not None
    window.goals.set_chapter_goal(ws.current_id, 1500)
    type_text(
        app,
        window,
        "By morning the wax had cracked, and the seal showed a lighthouse she had never seen "
        "drawn by anyone but herself.",
    )
    dialog = window.goals.open_goals()
    dialog.move(420, 260)
    wait(app, 300)


def statistics(app: QApplication, window: MainWindow) -> None:
    """A month of writing against a daily goal of 500 words."""
    from editor.store import progress

    ws = window.workspace
    assert ws is not None
    window.goals.set_daily_goal(500)
    today = date.today()
    month = [0, 320, 610, 0, 0, 450, 780, 520, 0, 240, 510, 660, 0, 0, 390]
    month += [540, 720, 300, 0, 610, 505, 880, 0, 0, 430, 560, 615, 0, 700]
    for days_ago, words in enumerate(reversed(month), start=1):
        if words:
            progress.record(ws.project, today - timedelta(days=days_ago), words, words // 9)
    progress.record(ws.project, today, 380, 25)  # this morning
    path = ws.project.path
    window.close_work()  # and back after lunch
    window.open_path(path)
    type_text(app, window, "The lamp burned on. Somewhere past the breakers, a bell answered.")
    dialog = window.open_statistics()
    assert dialog is not None
    dialog.resize(760, 520)
    dialog.move(280, 120)
    wait(app, 500)


# -- safety ----------------------------------------------------------------------------


def backups(app: QApplication, window: MainWindow) -> None:
    """File ▸ Restore from Backup…, after a few days of writing."""
    from datetime import UTC, datetime

    latest = window.safety.last_backup
    assert latest is not None
    for old in latest.parent.glob("*.ficwright"):
        if old != latest:
            old.unlink()  # the other scenes' backups, taken a few seconds apart
    now = datetime.now(UTC).replace(microsecond=0)
    stem = latest.stem[: -len(" 0000-00-00 00-00-00")]
    for hours in (0.25, 0.5, 2, 20, 45, 70, 118):
        taken = now - timedelta(hours=hours)
        shutil.copyfile(latest, latest.with_name(f"{stem} {taken:%Y-%m-%d %H-%M-%S}.ficwright"))
    dialog = window.safety.open_backups()
    assert dialog is not None
    dialog.resize(560, 400)
    dialog.move(380, 180)
    wait(app, 300)


def _open_locked(
    app: QApplication, window: MainWindow, answer: str, then: Callable[[], None] | None = None
) -> None:
    """The work is open in another window; open it here too and answer the question."""
    from editor.store.project import Project

    ws = window.workspace
    assert ws is not None
    path = ws.project.path
    window.close_work()
    other = Project.open(path)  # the other window
    AFTER.append(other.close)
    press_when_asked(app, answer, then)
    window.open_path(path)
    wait(app, 600)


def big_paste(app: QApplication, window: MainWindow) -> QPixmap:
    """A whole novel pasted at once goes in piece by piece behind a progress bar."""
    pane = window.text_pane
    data = clipboard_data()
    data.setText("\n".join([pane.toPlainText()] * 2000))  # ~20 MB
    app.clipboard().setMimeData(data)
    pane.setFocus()
    pane.moveCursor(QTextCursor.MoveOperation.End)
    pane.paste()
    job = pane.findChild(PasteJob)
    assert job is not None
    while job.running and not (job.dialog.isVisible() and job.dialog.value() > 0):
        app.processEvents()
    wait(app, 200)
    shot = grab(app)
    job.cancel()
    return shot


def locked(app: QApplication, window: MainWindow) -> QPixmap:
    """A work already open in another window: open it read-only, or not at all."""
    shots: list[QPixmap] = []
    _open_locked(app, window, "Cancel", lambda: shots.append(grab(app)))
    return shots[0]


def read_only(app: QApplication, window: MainWindow) -> None:
    """The same work, opened read-only: the banner says why and offers Open for Writing."""
    _open_locked(app, window, "Open Read-Only")


def file_changed(app: QApplication, window: MainWindow) -> QPixmap:
    """A sync client rewrote the work in place: their version against the unsaved words."""
    from editor.store.project import Project

    ws = window.workspace
    assert ws is not None
    path = ws.project.path
    theirs = Path(tempfile.mkdtemp()) / path.name
    shutil.copyfile(path, theirs)
    other = Project.open(theirs)  # the same work, edited on the laptop
    chapter = ws.current_id
    other.save_body(chapter, other.body(chapter).replace("forty years", "four decades"), 0)
    other.close()
    shutil.copyfile(theirs, path)  # in place, as some sync clients do
    shots: list[QPixmap] = []

    def shoot() -> None:
        dialog = next(w for w in app.topLevelWidgets() if w.objectName() == "fileChangedDialog")
        dialog.move(160, 90)
        wait(app, 400)
        shots.append(grab(app))
        dialog.reject()

    cursor = window.text_pane.document().find("The lamp")
    cursor.insertText("The old lamp")
    QTimer.singleShot(1500, shoot)
    while not shots:
        app.processEvents()
    window.safety.replaced_banner.hide()  # the scene ends: nothing more to say
    ws.discard()
    return shots[0]


def damaged(app: QApplication, window: MainWindow) -> None:
    """A damaged work opens read-only: restore its newest good backup, or salvage it."""
    ws = window.workspace
    assert ws is not None
    path = ws.project.path
    window.close_work()
    pages = path.stat().st_size // 4096
    with open(path, "r+b") as f:  # the last page, overwritten with noise
        f.seek((pages - 1) * 4096)
        f.write(bytes(range(256)) * 16)
    window.open_path(path)
    wait(app, 600)


def mark_posted(app: QApplication, window: MainWindow) -> None:
    """Chapter ▸ Mark as Posted…: posted to AO3 last week, now cross-posted to FFN."""
    mark_all_posted(app, window, "AO3", days_ago=7)
    dialog = window.open_mark_posted()
    assert dialog is not None
    dialog.site.setCurrentIndex(dialog.site.findData("FFN"))
    dialog.url.setText("https://www.fanfiction.net/s/14532109/1/The-Lighthouse-Letters")
    dialog.resize(620, dialog.sizeHint().height())
    dialog.move(350, 220)
    wait(app, 300)


def posted_changes(app: QApplication, window: MainWindow) -> None:
    """A chapter posted two weeks ago and edited since: what to update on AO3 and FFN."""
    mark_all_posted(app, window, "AO3", days_ago=14)
    mark_all_posted(app, window, "FFN", days_ago=13)
    cursor = window.text_pane.document().find("in three strides")
    cursor.insertText("in two long strides")
    type_text(app, window, "Outside, the gulls had gone quiet.")
    dialog = window.open_posted_changes()
    assert dialog is not None
    dialog.resize(900, 560)
    dialog.move(200, 120)
    wait(app, 500)


# -- the look, the keyboard --------------------------------------------------------------


def preferences(app: QApplication, window: MainWindow) -> None:
    dialog = window.open_preferences()
    dialog.resize(560, dialog.sizeHint().height())
    dialog.move(380, 200)
    wait(app, 300)


def shortcuts(app: QApplication, window: MainWindow) -> None:
    """Help ▸ Keyboard Shortcuts, read from the menus themselves."""
    dialog = window.preferences_ui.open_shortcuts()
    dialog.resize(560, 780)
    dialog.move(380, 30)
    wait(app, 300)


def dark_theme(app: QApplication, window: MainWindow) -> None:
    """Preferences ▸ Theme: Dark (shown, not kept: the next scene is light again)."""
    from dataclasses import replace

    from editor import preferences as prefs

    window.preferences_ui.apply(replace(prefs.load(window.settings), theme="dark"))
    select_chapter(app, window, 2)
    show_panel(app, window, "warnings")
    wait(app, 300)


Scene = Callable[[QApplication, MainWindow], QPixmap | None]  # its own shot, or the screen's

# In the order of docs/guide.md; the dark theme last.
SCENES: dict[str, Scene] = {
    "main-window.png": main_window,
    "chapter-notes.png": chapter_notes,
    "work-details.png": work_details,
    "warnings.png": warnings,
    "disclaimer.png": disclaimer,
    "dedication.png": dedication,
    "prompt.png": prompt,
    "spelling.png": spelling,
    "export.png": export_ffn,
    "export-pages.png": export_pages,
    "post-helper.png": post_helper,
    "post-helper-ffn.png": post_helper_ffn,
    "import.png": import_preview,
    "import-blocks.png": import_blocks,
    "find.png": find_in_work,
    "replace.png": replace_in_work,
    "focus-mode.png": focus_mode,
    "goals.png": goals,
    "statistics.png": statistics,
    "revisions.png": revisions,
    "big-paste.png": big_paste,
    "backups.png": backups,
    "locked.png": locked,
    "read-only.png": read_only,
    "file-changed.png": file_changed,
    "damaged.png": damaged,
    "mark-posted.png": mark_posted,
    "posted-changes.png": posted_changes,
    "preferences.png": preferences,
    "shortcuts.png": shortcuts,
    "dark-theme.png": dark_theme,
}


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    wanted = sys.argv[1:] or list(SCENES)
    unknown = [name for name in wanted if name not in SCENES]
    if unknown:
        print(f"no such picture: {', '.join(unknown)}", file=sys.stderr)
        return 2
    for name in wanted:
        window = open_sample(app)
        shot = SCENES[name](app, window)
        wait(app, 300)
        if shot is None:
            shot = grab(app)
        shot.save(str(OUT / name))
        print(f"docs/{name}")
        for popup in app.topLevelWidgets():
            if popup is not window and popup.isVisible():
                popup.close()
        window.close()
        window.deleteLater()
        while AFTER:
            AFTER.pop()()
        wait(app, 100)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Goals in the status bar, the daily log written from the window's saves, Statistics."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox

from editor.store import progress
from editor.store.project import Project
from editor.ui.dialogs.statistics import axis
from editor.ui.main_window import MainWindow

from .conftest import OpenWindow


def n(value: int) -> str:
    """A number as the status bar writes it, in the test machine's locale."""
    return QLocale().toString(value)


TWELVE = "one two three four five six seven eight nine ten eleven twelve"


def make_work(path: Path) -> Path:
    project = Project.create(path, "Goal Work")
    project.add_chapter("One", "<p>Start here.</p>", 2)
    project.add_chapter("Two", "<p>Other chapter.</p>", 2)
    project.close()
    return path


def type_at_end(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    pane = window.text_pane
    pane.setFocus()
    pane.moveCursor(pane.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane, " " + text)


def logged(path: Path) -> list[tuple[str, int, int]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT day, added, removed FROM daily_words").fetchall()
    finally:
        conn.close()


def test_typing_toward_a_daily_goal_fills_the_bar_and_is_logged(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    goals = window.goals
    assert goals.today_text() == "Today: 0"
    assert not goals.today_bar.isVisible()

    goals.set_daily_goal(10)
    assert goals.today_text() == "Today: 0 / 10"
    assert goals.today_bar.isVisible()

    type_at_end(qtbot, window, TWELVE)
    qtbot.waitUntil(lambda: goals.today_text() == "Today: 12 / 10")
    assert goals.today_bar.value() == goals.today_bar.maximum() == 10
    assert goals.session_label.text() == "Session: 12"
    # Saving does not count the words again.
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=3000)
    assert goals.today_text() == "Today: 12 / 10"

    window.close()
    assert logged(path) == [(date.today().isoformat(), 12, 0)]


def test_deleting_counts_as_removed_never_as_negative_writing(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    type_at_end(qtbot, window, "three more words")
    window.workspace.save()
    window.text_pane.selectAll()
    window.text_pane.textCursor().removeSelectedText()
    window.workspace.save()
    qtbot.waitUntil(lambda: window.goals.today_text() == "Today: 3")
    window.close()
    assert logged(path) == [(date.today().isoformat(), 3, 5)]


def test_a_chapter_goal_shows_the_current_chapters_progress(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    ws = window.workspace
    first, second = (ch.id for ch in ws.chapters())
    goals = window.goals
    assert not goals.chapter_label.isVisible()
    assert goals.set_chapter_goal(first, 5000)
    assert goals.chapter_label.isVisible()
    assert goals.chapter_label.text() == f"Chapter 2 / {n(5000)}"

    type_at_end(qtbot, window, "and on")
    qtbot.waitUntil(lambda: goals.chapter_label.text() == f"Chapter 4 / {n(5000)}")

    ws.select(second)  # no goal for this chapter: nothing to show
    qtbot.waitUntil(lambda: not goals.chapter_label.isVisible())
    ws.select(first)
    qtbot.waitUntil(lambda: goals.chapter_label.isVisible())


def test_goals_dialog_sets_all_three_and_they_survive_a_restart(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    first = window.workspace.current_id
    dialog = window.goals.open_goals()
    dialog.daily.setValue(10)
    dialog.work.setValue(50_000)
    dialog.chapter.setValue(3000)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.goals.work_label.text() == f"Work 4 / {n(50_000)}"
    window.close()

    project = Project.open(path, read_only=True)
    try:
        assert project.meta().goal_words == 50_000
        assert progress.chapter_goals(project) == {first: 3000}
    finally:
        project.close()

    again = open_window(path)
    goals = again.goals
    assert goals.daily_goal() == 10
    assert goals.today_text() == "Today: 0 / 10"
    assert goals.work_label.text() == f"Work 4 / {n(50_000)}"
    qtbot.waitUntil(lambda: goals.chapter_label.text() == f"Chapter 2 / {n(3000)}")


def test_statistics_shows_todays_bar_and_the_goal_line(
    qtbot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    window.goals.set_daily_goal(10)
    type_at_end(qtbot, window, TWELVE)

    dialog = window.open_statistics()  # saves first: the typing is in the chart
    assert dialog is not None
    qtbot.waitExposed(dialog)
    days = dialog.chart.data()
    assert len(days) == 30
    assert days[-1] == (date.today(), 12)
    assert dialog.chart.goal() == 10
    assert dialog.labels["today"].text() == "12"
    assert dialog.labels["work"].text() == "16"
    assert dialog.labels["chapters"].text() == "2"
    assert dialog.labels["average"].text() == "8 words"
    assert dialog.labels["streak"].text() == "1 day"
    dialog.chart.grab()  # paints without error
    dialog.close()


def test_the_chart_axis_rises_in_round_steps() -> None:
    assert axis(2500) == (3000, 1000)
    assert axis(12) == (15, 5)
    assert axis(0) == (1, 1)


def test_replace_all_is_not_counted_as_words_written(
    qtbot, open_window: OpenWindow, tmp_path: Path, confirm: list[str]
) -> None:
    from editor.ui.dialogs.find_replace import SCOPE_WORK

    path = make_work(tmp_path / "w.ficwright")
    window = open_window(path)
    dialog = window.open_find(SCOPE_WORK, replace=True)
    assert dialog is not None
    dialog.find_edit.setText("chapter")
    dialog.replace_edit.setText("chapter with three more")
    assert dialog.replace_all() == 1

    type_at_end(qtbot, window, TWELVE)
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=3000)
    assert window.goals.today_text() == "Today: 12"
    window.close()
    assert logged(path) == [(date.today().isoformat(), 12, 0)]

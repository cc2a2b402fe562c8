"""Goals and progress in the window: the status-bar figures, the daily log, the dialogs.

It follows the workspace's signals and never counts a document itself: the workspace's
debounced counts say how long the current chapter is now, its saves say what to log.
The day's log is written after each save, in a transaction of its own; if that write
fails, the words stay pending and go with the next save.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QProgressBar

from editor import stats
from editor.store import progress
from editor.store.errors import ProjectError
from editor.ui.actions import make_action
from editor.workspace import Workspace

if TYPE_CHECKING:  # the dialogs are imported when first opened: start-up builds none
    from editor.ui.dialogs.goals import Goals, GoalsDialog
    from editor.ui.dialogs.statistics import StatisticsDialog

DAILY_KEY = "goals/daily"
REFRESH_DELAY_MS = 100  # the counts are debounced already; this folds bursts of signals
CHART_DAYS = 30


class GoalsUi(QObject):
    def __init__(self, window: QMainWindow, settings: QSettings, view_menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._ws: Workspace | None = None
        self._connections: list[tuple[Any, Callable[..., Any]]] = []
        self._session = stats.Session({})
        self._day = date.today()
        self._today = progress.DayWords(self._day)  # as logged in the file
        self._chapter_goals: dict[int, int] = {}
        self._counts = (0, 0)  # the last (chapter words, work words) the workspace sent

        self.today_label = QLabel(window)
        self.today_label.setObjectName("goalToday")
        self.today_bar = QProgressBar(window)
        self.today_bar.setObjectName("goalTodayBar")
        self.today_bar.setTextVisible(False)
        self.today_bar.setMaximumWidth(80)
        self.today_bar.setMaximumHeight(12)
        self.session_label = QLabel(window)
        self.session_label.setObjectName("goalSession")
        self.chapter_label = QLabel(window)
        self.chapter_label.setObjectName("goalChapter")
        self.work_label = QLabel(window)
        self.work_label.setObjectName("goalWork")
        bar = window.statusBar()
        for widget in (
            self.session_label,
            self.today_label,
            self.today_bar,
            self.chapter_label,
            self.work_label,
        ):
            bar.addPermanentWidget(widget)
            widget.hide()

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)

        self.act_goals = make_action(window, self.tr("&Goals…"), self.open_goals, name="actGoals")
        self.act_statistics = make_action(
            window,
            self.tr("&Statistics…"),
            self.open_statistics,
            name="actStatistics",
            tip=self.tr("Words written per day, streaks and totals"),
        )
        view_menu.addSeparator()
        view_menu.addActions([self.act_goals, self.act_statistics])
        self._update_actions()

    # -- following the work ------------------------------------------------------------

    def attach(self, ws: Workspace | None) -> None:
        """Follow ``ws`` (None: no work open, nothing shown)."""
        for signal, slot in self._connections:
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self._connections = []
        self._ws = ws
        self._session = stats.Session(self._chapter_counts())
        self._chapter_goals = {}
        self._day = date.today()
        self._today = progress.DayWords(self._day)
        if ws is not None:
            with contextlib.suppress(ProjectError, OSError):
                self._chapter_goals = progress.chapter_goals(ws.project)
                self._today = progress.day(ws.project, self._day)
            self._counts = (ws.chapter_words(ws.current_id), ws.work_words())
            for signal, slot in (
                (ws.countsChanged, self._counts_changed),
                (ws.saved, self._log),
                (ws.chaptersChanged, self._chapters_changed),
                (ws.textReloaded, self._text_reloaded),
                (ws.currentChanged, lambda _id: self._refresh_timer.start()),
                (ws.metaChanged, self._meta_changed),
            ):
                signal.connect(slot)
                self._connections.append((signal, slot))
        self._update_actions()
        self.refresh()

    def _chapter_counts(self) -> dict[int, int]:
        ws = self._ws
        if ws is None:
            return {}
        return {ch.id: ws.chapter_words(ch.id) for ch in ws.chapters()}

    def _counts_changed(self, chapter_words: int, work_words: int) -> None:
        self._counts = (chapter_words, work_words)
        self._refresh_timer.start()

    def _chapters_changed(self) -> None:
        self._session.follow(self._chapter_counts())
        self._refresh_timer.start()

    def _text_reloaded(self, chapter_id: int) -> None:
        ws = self._ws
        if ws is not None:
            self._session.rebase(chapter_id, ws.chapter_words(chapter_id))
            self._refresh_timer.start()

    def _meta_changed(self, name: str) -> None:
        if name == "goal_words":
            self._refresh_timer.start()

    def _log(self) -> None:
        """After a save: add what changed since the last one to today's row."""
        ws = self._ws
        if ws is None or ws.project.read_only:
            return
        counts = self._chapter_counts()
        added, removed = self._session.changes(counts)
        self._roll_day()
        if added or removed:
            ws.log_progress(self._day, added, removed)  # written with the next save
            self._today = progress.DayWords(
                self._day, self._today.added + added, self._today.removed + removed
            )
        self._session.commit(counts)
        self._refresh_timer.start()

    def _roll_day(self) -> None:
        """Past midnight, today starts again from nothing."""
        today = date.today()
        if today != self._day:
            self._day = today
            self._today = progress.DayWords(today)

    # -- figures -------------------------------------------------------------------------

    def daily_goal(self) -> int:
        return max(0, self._settings.value(DAILY_KEY, 0, int) or 0)

    def work_goal(self) -> int:
        return (self._ws.meta.goal_words or 0) if self._ws is not None else 0

    def chapter_goal(self, chapter_id: int) -> int:
        return self._chapter_goals.get(chapter_id, 0)

    def _pending(self) -> tuple[int, int]:
        """Words typed in the current chapter and not logged yet."""
        ws = self._ws
        if ws is None or ws.current_id == -1:
            return 0, 0
        return self._session.pending(ws.current_id, self._counts[0])

    def today_words(self) -> int:
        """Words written today, typing not yet saved included."""
        self._roll_day()
        return self._today.added + self._pending()[0]

    def session_words(self) -> int:
        return self._session.added + self._pending()[0]

    def refresh(self) -> None:
        self._refresh_timer.stop()
        ws = self._ws
        widgets = (
            self.session_label,
            self.today_label,
            self.today_bar,
            self.chapter_label,
            self.work_label,
        )
        if ws is None:
            for widget in widgets:
                widget.hide()
            return
        locale = QLocale()
        n = locale.toString
        today, goal = self.today_words(), self.daily_goal()
        self.session_label.setText(self.tr("Session: {n}").format(n=n(self.session_words())))
        self.session_label.setToolTip(self.tr("Words written since this work was opened"))
        self.session_label.show()
        if goal:
            self.today_label.setText(
                self.tr("Today: {n} / {goal}").format(n=n(today), goal=n(goal))
            )
            self.today_bar.setRange(0, goal)
            self.today_bar.setValue(min(today, goal))
            self.today_bar.setToolTip(
                self.tr("{pct}% of your daily goal").format(pct=min(999, today * 100 // goal))
            )
        else:
            self.today_label.setText(self.tr("Today: {n}").format(n=n(today)))
        self.today_label.setToolTip(
            self.tr("Words written today ({removed} removed)").format(
                removed=n(self._today.removed + self._pending()[1])
            )
        )
        self.today_label.show()
        self.today_bar.setVisible(bool(goal))
        chapter_goal = self.chapter_goal(ws.current_id) if ws.current_id != -1 else 0
        self.chapter_label.setText(
            self.tr("Chapter {n} / {goal}").format(n=n(self._counts[0]), goal=n(chapter_goal))
        )
        self.chapter_label.setVisible(bool(chapter_goal))
        work_goal = self.work_goal()
        self.work_label.setText(
            self.tr("Work {n} / {goal}").format(n=n(self._counts[1]), goal=n(work_goal))
        )
        self.work_label.setVisible(bool(work_goal))

    def today_text(self) -> str:
        return self.today_label.text()

    # -- setting goals -------------------------------------------------------------------

    def set_daily_goal(self, words: int) -> None:
        self._settings.setValue(DAILY_KEY, max(0, int(words)))
        self.refresh()

    def set_work_goal(self, words: int) -> None:
        """Saved with the work's next autosave, like any work field."""
        if self._ws is not None and not self._ws.project.read_only:
            self._ws.set_meta("goal_words", int(words) or None)
            self.refresh()

    def set_chapter_goal(self, chapter_id: int, words: int) -> bool:
        """Stored at once. False (and a message) if the file could not be written."""
        ws = self._ws
        if ws is None or chapter_id == -1:
            return False
        if self.chapter_goal(chapter_id) == words:
            return True
        try:
            progress.set_chapter_goal(ws.project, chapter_id, words or None)
        except ProjectError as e:
            self._window.statusBar().showMessage(str(e), 10000)
            return False
        if words:
            self._chapter_goals[chapter_id] = words
        else:
            self._chapter_goals.pop(chapter_id, None)
        self.refresh()
        return True

    def apply(self, goals: Goals) -> None:
        self.set_daily_goal(goals.daily)
        ws = self._ws
        if ws is not None:
            self.set_work_goal(goals.work)
            if ws.current_id != -1:
                self.set_chapter_goal(ws.current_id, goals.chapter)

    # -- dialogs -----------------------------------------------------------------------

    def open_goals(self) -> GoalsDialog:
        from editor.ui.dialogs.goals import Goals, GoalsDialog

        ws = self._ws
        chapter_title = None
        if ws is not None and ws.current_id != -1:
            chapter_title = ws.chapters()[ws.position_of(ws.current_id)].title
        dialog = GoalsDialog(
            Goals(
                self.daily_goal(),
                self.work_goal(),
                self.chapter_goal(ws.current_id) if ws is not None else 0,
            ),
            chapter_title,
            self._window,
        )
        if ws is None or ws.project.read_only:  # the author's daily goal is not in the file
            dialog.work.setEnabled(False)
            dialog.chapter.setEnabled(False)
        dialog.accepted.connect(lambda: self.apply(dialog.goals()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_statistics(self) -> StatisticsDialog | None:
        from editor.ui.dialogs.statistics import StatisticsDialog

        ws = self._ws
        if ws is None:
            return None
        ws.save()  # the log is read from the file: put the typing of the last second in it
        self._roll_day()
        log: dict[date, progress.DayWords] = {}
        with contextlib.suppress(ProjectError, OSError):
            log = progress.days(ws.project)
        if self._today.added or self._today.removed:
            log[self._day] = self._today  # what this session logged, even if a write failed
        pending = self._pending()[0]
        if pending:
            entry = log.get(self._day, progress.DayWords(self._day))
            log[self._day] = progress.DayWords(self._day, entry.added + pending, entry.removed)
        first_weekday = QLocale().firstDayOfWeek().value - 1  # Qt: Monday is 1
        figures = stats.figures(
            [ws.chapter_words(ch.id) for ch in ws.chapters()],
            log,
            self._day,
            session=self.session_words(),
            first_weekday=first_weekday,
        )
        dialog = StatisticsDialog(
            figures, stats.series(log, self._day, CHART_DAYS), self.daily_goal(), self._window
        )

        def goals() -> None:
            editor = self.open_goals()
            editor.accepted.connect(lambda: dialog.set_daily_goal(self.daily_goal()))

        dialog.goalsRequested.connect(goals)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _update_actions(self) -> None:
        self.act_statistics.setEnabled(self._ws is not None)

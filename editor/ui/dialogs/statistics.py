"""View ▸ Statistics…: the work's totals, this week's writing and a chart of the last 30 days.

The chart is drawn with QPainter from the palette's own roles, so it reads in light and
dark themes alike, and it needs no web view or charting library.
"""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.stats import Figures


def nice_step(value: float) -> int:
    """The smallest round step (1, 2 or 5 times a power of ten) of at least ``value``."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return int(step * power)
    return int(10 * power)


def axis(highest: int, lines: int = 4) -> tuple[int, int]:
    """(top, step) of a y axis that holds ``highest`` in about ``lines`` round steps."""
    step = nice_step(max(highest, 1) / lines)
    return step * max(1, math.ceil(highest / step)), step


class WordsChart(QWidget):
    """Bars of words written per day, oldest on the left, with the daily goal as a line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wordsChart")
        self._days: list[tuple[date, int]] = []
        self._goal = 0
        self.setMinimumSize(420, 220)
        self.setAccessibleName(self.tr("Words written per day"))

    def set_data(self, days: list[tuple[date, int]], goal: int = 0) -> None:
        self._days = list(days)
        self._goal = max(0, goal)
        self.setToolTip(
            self.tr("{n} words in the last {d} days").format(
                n=QLocale().toString(sum(w for _d, w in days)), d=len(days)
            )
        )
        self.update()

    def data(self) -> list[tuple[date, int]]:
        """What the chart draws: (day, words added), oldest first."""
        return list(self._days)

    def goal(self) -> int:
        return self._goal

    def sizeHint(self) -> QSize:
        return QSize(560, 260)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        metrics = self.fontMetrics()
        locale = QLocale()

        top, step = axis(max([w for _d, w in self._days] + [self._goal, 1]))
        left = metrics.horizontalAdvance(locale.toString(top)) + 12
        # The top line is the goal's legend: drawn over the plot, bars would hide it.
        plot = QRectF(left, metrics.height() * 1.6, self.width() - left - 8, 0)
        plot.setBottom(self.height() - 2 * metrics.height() - 6)
        if plot.width() <= 0 or plot.height() <= 0:
            return

        # Grid and y labels in round steps, in a faint version of the text colour.
        grid = QColor(text)
        grid.setAlphaF(0.25)
        for value in range(0, top + 1, step):
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            label = QRectF(0, y - metrics.height() / 2, left - 6, metrics.height())
            painter.drawText(label, Qt.AlignmentFlag.AlignRight, locale.toString(value))

        if self._days:
            slot = plot.width() / len(self._days)
            bar = palette.color(QPalette.ColorRole.Highlight)
            for i, (day, words) in enumerate(self._days):
                x = plot.left() + i * slot
                if words:
                    h = plot.height() * words / top
                    painter.fillRect(QRectF(x + slot * 0.15, plot.bottom() - h, slot * 0.7, h), bar)
                # A label a week apart (and on the last day) keeps them from colliding.
                if (len(self._days) - 1 - i) % 7 == 0:
                    painter.setPen(text)
                    centre = min(x + slot / 2, self.width() - 40)  # the last day fits too
                    label = QRectF(centre - 40, plot.bottom() + 4, 80, metrics.height())
                    painter.drawText(
                        label, Qt.AlignmentFlag.AlignHCenter, locale.toString(day, "d MMM")
                    )

        if self._goal:
            # The goal must stand out from the bars in either theme: the link colour does.
            pen = QPen(palette.color(QPalette.ColorRole.Link), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            y = plot.bottom() - plot.height() * self._goal / top
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            legend = self.tr("Daily goal: {n}").format(n=locale.toString(self._goal))
            width = metrics.horizontalAdvance(legend)
            key_y = metrics.height() / 2
            painter.drawLine(
                QPointF(plot.right() - width - 34, key_y), QPointF(plot.right() - width - 6, key_y)
            )
            painter.setPen(text)
            painter.drawText(
                QRectF(plot.right() - width, 0, width, metrics.height()),
                Qt.AlignmentFlag.AlignRight,
                legend,
            )

        painter.setPen(text)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawText(
            QRectF(0, self.height() - metrics.height() - 2, self.width(), metrics.height()),
            Qt.AlignmentFlag.AlignHCenter,
            self.tr("Words written per day, last {n} days").format(n=len(self._days)),
        )
        painter.end()


class StatisticsDialog(QDialog):
    goalsRequested = Signal()

    def __init__(
        self,
        figures: Figures,
        days: list[tuple[date, int]],
        daily_goal: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Statistics"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        locale = QLocale()
        for key, text, value in (
            ("work", self.tr("Words in the work:"), locale.toString(figures.work_words)),
            ("chapters", self.tr("Chapters:"), locale.toString(figures.chapters)),
            (
                "average",
                self.tr("Average chapter:"),
                self.tr("{n} words").format(n=locale.toString(figures.average_chapter)),
            ),
            ("session", self.tr("Written this session:"), locale.toString(figures.session)),
            ("today", self.tr("Written today:"), locale.toString(figures.today)),
            ("week", self.tr("Written this week:"), locale.toString(figures.week)),
            (
                "streak",
                self.tr("Streak:"),
                self.tr("{n} days in a row").format(n=figures.streak)
                if figures.streak != 1
                else self.tr("1 day"),
            ),
        ):
            label = QLabel(value, self)
            label.setObjectName(f"stat_{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.labels[key] = label
            form.addRow(text, label)
        layout.addLayout(form)
        self.chart = WordsChart(self)
        self.chart.set_data(days, daily_goal)
        layout.addWidget(self.chart, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        goals = QPushButton(self.tr("&Goals…"), self)
        goals.clicked.connect(self.goalsRequested)
        buttons.addButton(goals, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set_daily_goal(self, goal: int) -> None:
        self.chart.set_data(self.chart.data(), goal)

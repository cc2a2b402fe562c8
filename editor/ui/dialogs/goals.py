"""View ▸ Goals…: the daily goal, the work's goal and the current chapter's, 0 for none."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

MAX_GOAL = 10_000_000


@dataclass(frozen=True, slots=True)
class Goals:
    daily: int = 0  # 0: no goal
    work: int = 0
    chapter: int = 0


class GoalsDialog(QDialog):
    """Shows goals and hands back the edited ones; GoalsUi applies and stores them."""

    def __init__(self, goals: Goals, chapter_title: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Goals"))
        layout = QFormLayout(self)
        self.daily = self._spin(goals.daily, "dailyGoal")
        self.work = self._spin(goals.work, "workGoal")
        self.chapter = self._spin(goals.chapter, "chapterGoal")
        layout.addRow(self.tr("Words a &day:"), self.daily)
        layout.addRow(self.tr("Words for the &work:"), self.work)
        if chapter_title is None:
            self.chapter.setEnabled(False)  # no chapter is open
            layout.addRow(self.tr("Words for the &chapter:"), self.chapter)
        else:
            layout.addRow(self.tr("Words for “{title}”:").format(title=chapter_title), self.chapter)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def _spin(self, value: int, name: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(0, MAX_GOAL)
        spin.setSingleStep(100)
        spin.setGroupSeparatorShown(True)
        spin.setSpecialValueText(self.tr("None"))  # shown for 0
        spin.setValue(value)
        return spin

    def goals(self) -> Goals:
        return Goals(self.daily.value(), self.work.value(), self.chapter.value())

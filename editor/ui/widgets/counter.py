"""A length counter for a field with an archive limit: "1,234 / 1,250"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from editor.formats.limits import Level, Limit, check_length

# (light palette, dark palette): dark amber and red on a light window, lighter ones on a
# dark window, each with enough contrast to read at a small size.
LEVEL_COLORS: dict[Level, tuple[QColor, QColor]] = {
    Level.WARN: (QColor("#8a5a00"), QColor("#e8b04a")),
    Level.ERROR: (QColor("#b3261e"), QColor("#ff8a80")),
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def level_color(level: Level, palette: QPalette) -> QColor | None:
    """The colour for a warning or error in this palette; None for normal text."""
    pair = LEVEL_COLORS.get(level)
    if pair is None:
        return None
    return pair[1] if is_dark(palette) else pair[0]


class CounterLabel(QLabel):
    """Shows how much of ``limit`` a field uses, in colour near and past the limit."""

    def __init__(self, limit: Limit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._limit = limit
        self._length = 0
        self._repainting = False
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setAccessibleName(self.tr("{label} length").format(label=limit.label))
        self.set_length(0)

    def limit(self) -> Limit:
        return self._limit

    def length(self) -> int:
        return self._length

    def level(self) -> Level:
        return self._limit.level(self._length)

    def set_length(self, n: int) -> None:
        self._length = n
        self.setText(
            self.tr("{count} / {limit}").format(count=f"{n:,}", limit=f"{self._limit.max_chars:,}")
        )
        problem = check_length(self._limit, n)
        if problem is not None:
            tip = problem.message
        else:
            tip = self.tr("{label}: {count} of {limit} characters").format(
                label=self._limit.label, count=f"{n:,}", limit=f"{self._limit.max_chars:,}"
            )
        self.setToolTip(tip)
        self.setAccessibleDescription(tip)
        self._apply_color()

    def _apply_color(self) -> None:
        self._repainting = True  # setPalette sends a PaletteChange of its own
        try:
            parent = self.parentWidget()
            inherited = parent.palette() if parent else QApplication.palette()
            color = level_color(self.level(), inherited)
            palette = QPalette(inherited)
            if color is not None:
                # Active and inactive only: a disabled counter stays greyed like its field.
                for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                    palette.setColor(group, QPalette.ColorRole.WindowText, color)
            self.setPalette(palette)
        finally:
            self._repainting = False

    def changeEvent(self, event: QEvent) -> None:
        # A switch between light and dark palettes picks the other colour of each pair.
        if event.type() == QEvent.Type.PaletteChange and not self._repainting:
            self._apply_color()
        super().changeEvent(event)

"""View ▸ Focus Mode and View ▸ Typewriter Scrolling.

Focus mode shows nothing but the chapter: full screen, every dock, toolbar, the menu bar
and the status bar hidden, the text a centred column about ``COLUMN_CHARACTERS`` wide.
Leaving (F11 again, or Esc) puts back exactly what was there: the same docks and toolbars
(closed ones stay closed), geometry, and maximised or full-screen state. Every menu shortcut
keeps working meanwhile, and the layout the window saves on close is the one from before.

Typewriter scrolling keeps the line being written in the middle of the pane.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QMargins, QObject, QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QFontMetricsF, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QTextEdit,
    QToolBar,
    QWidget,
)

from editor.ui.actions import make_action
from editor.ui.keyboard import menu_actions

TYPEWRITER_KEY = "focus/typewriter"
COLUMN_CHARACTERS = 70


@dataclass(slots=True)
class _Saved:
    """What the window looked like before focus mode."""

    geometry: QRect  # the normal (not maximised, not full-screen) geometry
    state: Qt.WindowState
    shown: list[QWidget]  # docks and toolbars that were visible
    menu_bar: bool
    status_bar: bool
    margins: QMargins  # the pane's viewport margins
    layout: tuple[QByteArray, QByteArray]  # saveState(), saveGeometry()
    lent: list[QAction]  # menu actions the window holds while the menu bar is hidden


def focus_shortcut() -> QKeySequence:
    """The platform's full-screen key (F11; Ctrl+Meta+F on macOS), F11 where it has none."""
    bindings = QKeySequence.keyBindings(QKeySequence.StandardKey.FullScreen)
    return bindings[0] if bindings else QKeySequence("F11")


class FocusMode(QObject):
    """Adds its actions to the View menu; ``enter()``/``leave()`` for tests and the window."""

    def __init__(
        self, window: QMainWindow, pane: QTextEdit, settings: QSettings, view_menu: QMenu
    ) -> None:
        super().__init__(window)
        self._window = window
        self._pane = pane
        self._settings = settings
        self._saved: _Saved | None = None
        self.typewriter = TypewriterScrolling(pane)

        self.act_focus = make_action(
            window,
            self.tr("&Focus Mode"),
            self._toggled,
            focus_shortcut(),
            checkable=True,
            name="actFocusMode",
            tip=self.tr("Only the chapter, full screen (Esc leaves)"),
        )
        self.act_leave = make_action(window, self.tr("Leave Focus Mode"), self.leave, "Esc")
        self.act_leave.setObjectName("actLeaveFocus")
        self.act_leave.setEnabled(False)
        self.act_typewriter = make_action(
            window,
            self.tr("&Typewriter Scrolling"),
            self._typewriter_toggled,
            checkable=True,
            name="actTypewriter",
            tip=self.tr("Keep the line you are writing in the middle of the pane"),
        )
        on = settings.value(TYPEWRITER_KEY, False, bool)
        self.act_typewriter.setChecked(on)
        self.typewriter.set_enabled(on)
        view_menu.addSeparator()
        view_menu.addActions([self.act_focus, self.act_typewriter])
        # With the menu bar hidden its actions' shortcuts stop working: the window keeps them.
        window.addActions([self.act_focus, self.act_leave])
        pane.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self._saved is not None

    def normal_layout(self) -> tuple[QByteArray, QByteArray]:
        """The window's saveState() and saveGeometry() as they are outside focus mode."""
        if self._saved is not None:
            return self._saved.layout
        return self._window.saveState(), self._window.saveGeometry()

    def _toggled(self, on: bool) -> None:
        if on:
            self.enter()
        else:
            self.leave()

    def _typewriter_toggled(self, on: bool) -> None:
        self._settings.setValue(TYPEWRITER_KEY, on)
        self.typewriter.set_enabled(on)

    def enter(self) -> None:
        if self._saved is not None:
            return
        window = self._window
        bars = [
            w
            for w in (*window.findChildren(QDockWidget), *window.findChildren(QToolBar))
            if w.parentWidget() is window
        ]
        self._saved = _Saved(
            geometry=window.normalGeometry() if window.isMaximized() else window.geometry(),
            state=window.windowState(),
            shown=[w for w in bars if w.isVisible()],
            menu_bar=window.menuBar().isVisible(),
            status_bar=window.statusBar().isVisible(),
            margins=self._pane.viewportMargins(),
            layout=(window.saveState(), window.saveGeometry()),
            # A hidden menu bar's actions lose their shortcuts: the window holds them meanwhile.
            lent=[a for a in menu_actions(window) if a not in window.actions()],
        )
        window.addActions(self._saved.lent)
        for w in self._saved.shown:
            w.hide()
        window.menuBar().hide()
        window.statusBar().hide()
        window.showFullScreen()
        window.layout().activate()  # the pane's new width now, not after the next event loop
        self.act_focus.setChecked(True)
        self.act_leave.setEnabled(True)
        self._center_column()
        self._pane.setFocus()

    def leave(self) -> None:
        saved = self._saved
        if saved is None:
            return
        self._saved = None
        window = self._window
        self._pane.setViewportMargins(saved.margins)
        for action in saved.lent:
            window.removeAction(action)
        window.menuBar().setVisible(saved.menu_bar)
        window.statusBar().setVisible(saved.status_bar)
        for w in saved.shown:
            w.show()
        if saved.state & Qt.WindowState.WindowFullScreen:
            window.showFullScreen()
        elif saved.state & Qt.WindowState.WindowMaximized:
            window.showMaximized()
        else:
            window.showNormal()
            # Not restoreGeometry(): it clamps to the screen's free area and adds the frame.
            if window.geometry() != saved.geometry:
                window.setGeometry(saved.geometry)
        self.act_focus.setChecked(False)
        self.act_leave.setEnabled(False)
        self._pane.ensureCursorVisible()

    def _center_column(self) -> None:
        """Side margins that leave a column of about COLUMN_CHARACTERS in the middle."""
        pane = self._pane
        doc_margin = pane.document().documentMargin()
        column = QFontMetricsF(pane.font()).averageCharWidth() * COLUMN_CHARACTERS
        column += 2 * doc_margin
        scrollbar = pane.verticalScrollBar().sizeHint().width()
        side = max(0, int((pane.width() - scrollbar - column) / 2))
        pane.setViewportMargins(side, 0, side, 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A resize, or a new font from zoom or Preferences, changes the column's margins.
        changed = event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange)
        if watched is self._pane and changed and self.active:
            self._center_column()
        return False


class TypewriterScrolling(QObject):
    """Scrolls the pane so the cursor's line stays in the middle while on."""

    def __init__(self, pane: QTextEdit) -> None:
        super().__init__(pane)
        self._pane = pane
        self._on = False
        self._extending = False
        # After the edit is laid out and the pane has made the cursor visible its own way.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.center)
        pane.cursorPositionChanged.connect(self._schedule)
        pane.verticalScrollBar().rangeChanged.connect(self._extend_range)

    @property
    def enabled(self) -> bool:
        return self._on

    def set_enabled(self, on: bool) -> None:
        self._on = on
        bar = self._pane.verticalScrollBar()
        # Re-set the range so the extension below is added (or dropped) now.
        self._extending = True
        try:
            extra = self._pane.viewport().height() // 2 if on else 0
            bar.setRange(bar.minimum(), self._content_maximum() + extra)
        finally:
            self._extending = False
        if on:
            self.center()

    def _content_maximum(self) -> int:
        pane = self._pane
        height = pane.document().documentLayout().documentSize().height()
        return max(0, int(height) - pane.viewport().height())

    def _extend_range(self, minimum: int, maximum: int) -> None:
        # The last line can only reach the middle if the pane may scroll half a page past
        # the end; the document itself is not touched (no margin, no edit, no undo step).
        # Qt's own range is the content's: asking the layout for its size instead would lay
        # out the whole document at once (seconds after a 10 MB paste).
        if self._extending or not self._on:
            return
        self._extending = True
        try:
            extra = self._pane.viewport().height() // 2
            self._pane.verticalScrollBar().setRange(minimum, maximum + extra)
        finally:
            self._extending = False

    def _schedule(self) -> None:
        if self._on:
            self._timer.start()

    def center(self) -> None:
        if not self._on:
            return
        pane = self._pane
        bar = pane.verticalScrollBar()
        offset = pane.cursorRect().center().y() - pane.viewport().height() // 2
        if offset:
            bar.setValue(bar.value() + offset)

"""How the editor looks: theme, the chapter font, line spacing, paragraph style and zoom.

Everything here is display only. Line spacing and the paragraph style are block formats
qtdoc never reads back, so the canonical HTML and the saved work are unchanged, and they
are applied without marking a document modified.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from editor import preferences
from editor.preferences import ZOOM_STEP, Preferences
from editor.text import qtdoc
from editor.ui.actions import make_action
from editor.ui.text_pane import TextPane

SPACING = qtdoc.PARAGRAPH_SPACING  # "spacing" style: space below each paragraph
INDENT_EM = 2.0  # "indent" style: first-line indent, in the font's em


def dark_palette() -> QPalette:
    p = QPalette()
    R, G = QPalette.ColorRole, QPalette.ColorGroup
    for role, colour in (
        (R.Window, "#2b2b2b"),
        (R.WindowText, "#e6e6e6"),
        (R.Base, "#1e1e1e"),
        (R.AlternateBase, "#262626"),
        (R.ToolTipBase, "#3a3a3a"),
        (R.ToolTipText, "#e6e6e6"),
        (R.PlaceholderText, "#8a8a8a"),
        (R.Text, "#e6e6e6"),
        (R.Button, "#353535"),
        (R.ButtonText, "#e6e6e6"),
        (R.BrightText, "#ff6b6b"),
        (R.Light, "#474747"),
        (R.Midlight, "#3c3c3c"),
        (R.Mid, "#2f2f2f"),
        (R.Dark, "#1a1a1a"),
        (R.Shadow, "#000000"),
        (R.Highlight, "#3d6fa8"),
        (R.HighlightedText, "#ffffff"),
        (R.Link, "#6fa8dc"),
        (R.LinkVisited, "#b08cd9"),
    ):
        p.setColor(role, QColor(colour))
    for role in (R.WindowText, R.Text, R.ButtonText):
        p.setColor(G.Disabled, role, QColor("#7a7a7a"))
    return p


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


_original_palette: QPalette | None = None  # the platform's, before a theme replaced it


def apply_theme(theme: str) -> None:
    """Light, dark, or as the system says; app-wide."""
    global _original_palette
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _original_palette is None:
        _original_palette = QPalette(app.palette())
    hints = QGuiApplication.styleHints()
    scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(theme)
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: native parts (title bars) follow too
        if scheme is None:
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(scheme)
    system = theme == "system"
    reported = hints.colorScheme()
    dark = theme == "dark" or (system and reported == Qt.ColorScheme.Dark)
    if dark:
        # A dark palette on a native style (Windows, macOS) leaves light pieces: Fusion
        # draws everything from the palette.
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setPalette(dark_palette())
    elif system and (reported == Qt.ColorScheme.Unknown or not is_dark(_original_palette)):
        # The desktop's own palette, untouched; a dark one that reports no colour scheme
        # (qt6ct, Kvantum, some KDE setups) is the author's choice too.
        app.setPalette(_original_palette)
    else:
        app.setPalette(app.style().standardPalette())


_PROPORTIONAL = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value


def _line_height(fmt: QTextBlockFormat) -> float:
    """In percent; a block never given one is at 100."""
    if fmt.lineHeightType() == _PROPORTIONAL:
        return fmt.lineHeight()
    if fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.SingleHeight.value:
        return 100.0
    return -1.0  # fixed or minimum: not ours, replace it


def _quietly_set_formats(doc: QTextDocument, line_height: float, indent: float) -> None:
    """Give every block the display formats, as an edit nobody sees.

    A freshly loaded chapter has no undo history, so the change goes in with undo off. With
    history, switching undo off would throw the history away: the change then takes one undo
    step, which only ever restores the old look.
    """
    changes: list[tuple[QTextCursor, QTextBlockFormat]] = []
    block = doc.begin()
    while block.isValid():
        fmt = block.blockFormat()
        plain = (
            fmt.headingLevel() == 0
            and block.textList() is None
            and not qtdoc.is_scene_break(block)
            and qtdoc.quote_level(fmt) == 0
        )
        want_indent = indent if plain else 0.0
        if (
            _line_height(fmt) != line_height
            or fmt.textIndent() != want_indent
            or fmt.bottomMargin() != qtdoc.PARAGRAPH_SPACING
        ):
            new = QTextBlockFormat()
            new.setLineHeight(line_height, _PROPORTIONAL)
            new.setTextIndent(want_indent)
            new.setBottomMargin(qtdoc.PARAGRAPH_SPACING)
            changes.append((QTextCursor(block), new))
        block = block.next()
    if not changes:
        return
    modified = doc.isModified()
    blocked = doc.blockSignals(True)
    history = doc.availableUndoSteps() or doc.availableRedoSteps()
    undo = doc.isUndoRedoEnabled()
    if not history:
        doc.setUndoRedoEnabled(False)
    edit = QTextCursor(doc)
    edit.beginEditBlock()
    for cursor, fmt in changes:
        cursor.mergeBlockFormat(fmt)
    edit.endEditBlock()
    if not history:
        doc.setUndoRedoEnabled(undo)
    doc.setModified(modified)
    doc.blockSignals(blocked)


class Appearance(QObject):
    """Applies the appearance preferences to the application and the chapter pane, and owns
    zoom (View ▸ Zoom In/Out/Reset, Ctrl+wheel over the chapter)."""

    def __init__(
        self, window: QMainWindow, pane: TextPane, settings: QSettings, view_menu: QMenu
    ) -> None:
        super().__init__(window)
        self._pane = pane
        self._settings = settings
        self._prefs = preferences.load(settings)
        self._theme_applied = False
        self._base_font = QFont(pane.font())  # the pane's own default, for an unset family
        pane.decorate = self._decorate
        pane.viewport().installEventFilter(self)

        a = make_action
        self.act_zoom_in = a(window, self.tr("Zoom &In"), self.zoom_in, name="actZoomIn")
        # Ctrl+= too: on many keyboards "+" needs Shift.
        self.act_zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), "Ctrl+="])
        self.act_zoom_out = a(
            window, self.tr("Zoom &Out"), self.zoom_out, QKeySequence.StandardKey.ZoomOut,
            name="actZoomOut",
        )  # fmt: skip
        self.act_zoom_reset = a(
            window, self.tr("&Reset Zoom"), self.zoom_reset, "Ctrl+0", name="actZoomReset"
        )
        view_menu.addSeparator()
        view_menu.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset])
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    @property
    def prefs(self) -> Preferences:
        return self._prefs

    def apply(self, prefs: Preferences) -> None:
        theme_changed = prefs.theme != self._prefs.theme
        self._prefs = prefs
        if theme_changed or not self._theme_applied:
            apply_theme(prefs.theme)
            self._theme_applied = True
        qtdoc.LINE_HEIGHT = float(prefs.line_spacing)
        qtdoc.PARAGRAPH_SPACING = SPACING if prefs.paragraph_style == "spacing" else 0.0
        self._apply_font()

    # -- zoom ------------------------------------------------------------------------

    @property
    def zoom(self) -> int:
        return self._prefs.zoom

    def zoom_in(self) -> None:
        self._set_zoom(self._prefs.zoom + ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self._prefs.zoom - ZOOM_STEP)

    def zoom_reset(self) -> None:
        self._set_zoom(100)

    def _set_zoom(self, zoom: int) -> None:
        kept = preferences.set_zoom(self._settings, zoom)  # remembered at once, like a window size
        if kept != self._prefs.zoom:
            self._prefs = replace(self._prefs, zoom=kept)
            self._apply_font()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            # QTextEdit zooms on Ctrl+wheel by itself, but neither remembers nor limits it.
            delta = event.angleDelta().y()
            if delta > 0:
                self.zoom_in()
            elif delta < 0:
                self.zoom_out()
            return True
        return super().eventFilter(watched, event)

    # -- applying --------------------------------------------------------------------

    def default_font(self) -> QFont:
        """The pane's own font, used when no family is chosen."""
        return QFont(self._base_font)

    def font(self) -> QFont:
        """The chapter font at the current zoom."""
        prefs = self._prefs
        font = QFont(self._base_font)
        if prefs.font_family:
            font.setFamily(prefs.font_family)
        font.setPointSizeF(prefs.font_size * prefs.zoom / 100)
        return font

    def _apply_font(self) -> None:
        pane = self._pane
        font = self.font()
        doc = pane.document()
        modified = doc.isModified()
        blocked = doc.blockSignals(True)
        pane.setFont(font)  # QTextEdit passes it on as the document's default font
        doc.setDefaultFont(font)
        doc.setModified(modified)
        doc.blockSignals(blocked)
        self._decorate(doc)

    def _decorate(self, doc: QTextDocument) -> None:
        indent = 0.0
        if self._prefs.paragraph_style == "indent":
            indent = INDENT_EM * self.font().pointSizeF() * 96 / 72  # points to pixels
        qtdoc.FIRST_LINE_INDENT = indent  # new and pasted paragraphs follow
        _quietly_set_formats(doc, float(self._prefs.line_spacing), indent)

    def _system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._prefs.theme == "system":
            apply_theme("system")

"""Edit ▸ Preferences: appearance, saving, backups and defaults for new works."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from editor.preferences import (
    RANGES,
    Preferences,
    disclaimer_from_plain,
    disclaimer_to_plain,
)
from editor.spelling.languages import CODES, language_name


class PreferencesDialog(QDialog):
    """Shows each change at once (``previewed``); Apply and OK keep it (``applied``), Cancel
    puts back what was kept."""

    previewed = Signal(object)  # Preferences: show, do not store
    applied = Signal(object)  # Preferences: show and store

    def __init__(self, prefs: Preferences, default_font: QFont, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setObjectName("preferencesDialog")
        self._kept = prefs
        self._default_family = default_font.family()
        self._shown_family = ""
        self._loading = True

        tabs = QTabWidget(self)
        tabs.addTab(self._appearance_page(prefs), self.tr("&Appearance"))
        tabs.addTab(self._writing_page(prefs), self.tr("&Writing and Saving"))
        tabs.addTab(self._new_work_page(prefs), self.tr("&New Works"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.clicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.buttons)
        self._loading = False

    # -- pages -------------------------------------------------------------------------

    def _appearance_page(self, p: Preferences) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.theme = QComboBox(page)
        for key, text in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(text, key)
        self.theme.setCurrentIndex(max(self.theme.findData(p.theme), 0))
        form.addRow(self.tr("&Theme:"), self.theme)

        self.font_family = QFontComboBox(page)
        self.font_family.setCurrentFont(QFont(p.font_family or self._default_family))
        # The combo shows the installed family a name resolves to ("Serif" as "DejaVu
        # Serif"): untouched, the preference stays as it was, "" included.
        self._shown_family = self.font_family.currentFont().family()
        form.addRow(self.tr("Chapter &font:"), self.font_family)
        self.font_size = QDoubleSpinBox(page)
        self.font_size.setRange(*RANGES["font_size"])
        self.font_size.setSingleStep(0.5)
        self.font_size.setDecimals(1)
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(p.font_size)
        form.addRow(self.tr("Font &size:"), self.font_size)

        self.line_spacing = self._spin(page, "line_spacing", p.line_spacing, self.tr(" %"), 5)
        form.addRow(self.tr("&Line spacing:"), self.line_spacing)
        self.paragraph_style = QComboBox(page)
        self.paragraph_style.addItem(self.tr("Space between paragraphs"), "spacing")
        self.paragraph_style.addItem(self.tr("First-line indent"), "indent")
        style = self.paragraph_style.findData(p.paragraph_style)
        self.paragraph_style.setCurrentIndex(max(style, 0))
        form.addRow(self.tr("&Paragraphs:"), self.paragraph_style)
        self.zoom = self._spin(page, "zoom", p.zoom, self.tr(" %"), 10)
        form.addRow(self.tr("&Zoom:"), self.zoom)

        self.theme.currentIndexChanged.connect(self._changed)
        self.font_family.currentFontChanged.connect(self._changed)
        self.font_size.valueChanged.connect(self._changed)
        self.paragraph_style.currentIndexChanged.connect(self._changed)
        return page

    def _writing_page(self, p: Preferences) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.smart_typography = QCheckBox(self.tr("Smart t&ypography (curly quotes, dashes)"), page)
        self.smart_typography.setChecked(p.smart_typography)
        self.smart_typography.toggled.connect(self._changed)
        form.addRow(self.smart_typography)
        self.autosave = self._spin(page, "autosave_seconds", p.autosave_seconds, self.tr(" s"))
        form.addRow(self.tr("Save &after a pause of:"), self.autosave)
        self.keep_recent = self._spin(page, "backup_keep_recent", p.backup_keep_recent)
        form.addRow(self.tr("Keep the &newest backups:"), self.keep_recent)
        self.keep_days = self._spin(page, "backup_keep_days", p.backup_keep_days, self.tr(" days"))
        self.keep_days.setToolTip(self.tr("Plus the newest backup of each of these last days"))
        form.addRow(self.tr("And one a day for &the last:"), self.keep_days)
        return page

    def _new_work_page(self, p: Preferences) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.language = QComboBox(page)
        self.language.setEditable(True)  # AO3 has many more languages than dictionaries
        self.language.addItems([language_name(code) for code in CODES])
        self.language.setCurrentText(p.default_language)
        form.addRow(self.tr("&Language:"), self.language)
        self.english_variant = QComboBox(page)
        self.english_variant.addItem(self.tr("American (US)"), "US")
        self.english_variant.addItem(self.tr("British and Commonwealth (GB)"), "GB")
        self.english_variant.setCurrentIndex(
            max(self.english_variant.findData(p.default_english_variant), 0)
        )
        form.addRow(self.tr("&English spelling:"), self.english_variant)
        self.disclaimer = QPlainTextEdit(page)
        self.disclaimer.setPlaceholderText(
            self.tr("For a new work; a fandom's own default disclaimer comes first.")
        )
        self.disclaimer.setPlainText(disclaimer_to_plain(p.default_disclaimer))
        form.addRow(self.tr("&Disclaimer:"), self.disclaimer)
        return page

    def _spin(
        self, parent: QWidget, name: str, value: int, suffix: str = "", step: int = 1
    ) -> QSpinBox:
        spin = QSpinBox(parent)
        low, high = RANGES[name]
        spin.setRange(int(low), int(high))
        spin.setSingleStep(step)
        spin.setSuffix(suffix)
        spin.setValue(value)
        spin.valueChanged.connect(self._changed)
        return spin

    # -- values ----------------------------------------------------------------------------

    def preferences(self) -> Preferences:
        family = self.font_family.currentFont().family()
        if family == self._shown_family:
            family = self._kept.font_family
        return replace(
            self._kept,
            theme=str(self.theme.currentData()),
            font_family=family,
            font_size=self.font_size.value(),
            line_spacing=self.line_spacing.value(),
            paragraph_style=str(self.paragraph_style.currentData()),
            zoom=self.zoom.value(),
            autosave_seconds=self.autosave.value(),
            backup_keep_recent=self.keep_recent.value(),
            backup_keep_days=self.keep_days.value(),
            default_language=self.language.currentText().strip() or "English",
            default_english_variant=str(self.english_variant.currentData()),
            smart_typography=self.smart_typography.isChecked(),
            default_disclaimer=disclaimer_from_plain(self.disclaimer.toPlainText()),
        )

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.previewed.emit(self.preferences())

    def _clicked(self, button: QAbstractButton) -> None:
        if self.buttons.buttonRole(button) == QDialogButtonBox.ButtonRole.ApplyRole:
            self._keep()

    def _keep(self) -> None:
        self._kept = self.preferences()
        self._shown_family = self.font_family.currentFont().family()
        self.applied.emit(self._kept)

    def accept(self) -> None:
        self._keep()
        super().accept()

    def reject(self) -> None:
        if self.preferences() != self._kept:
            self.previewed.emit(self._kept)  # undo the preview
        super().reject()

"""Side panel: the unknown words of the chapter or of the whole work, most frequent first.

It only shows and requests: the list is computed elsewhere (ui/spelling_ui.py) and handed
to ``show_words``; activating a word asks for a jump to it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.model import WorkMeta
from editor.spelling.checker import language_code
from editor.ui.panels.common import hint_label

SCOPE_CHAPTER = "chapter"
SCOPE_WORK = "work"
_MARGIN = 6


class SpellingPanel(QWidget):
    metaEdited = Signal(str, object)  # only "english_variant"; never while loading
    scopeChanged = Signal(str)  # SCOPE_CHAPTER or SCOPE_WORK
    jumpRequested = Signal(str)  # select the next place this word is used
    addAllRequested = Signal(list)  # every word listed, to the work's dictionary

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spellingPanel")
        self._loading = False

        self._scope = QComboBox(self)
        self._scope.setObjectName("spellingScope")
        self._scope.addItem(self.tr("This chapter"), SCOPE_CHAPTER)
        self._scope.addItem(self.tr("Whole work"), SCOPE_WORK)
        self._scope.setAccessibleName(self.tr("Check"))
        self._scope.currentIndexChanged.connect(lambda _i: self.scopeChanged.emit(self.scope()))

        self._variant_label = QLabel(self.tr("Spelling"), self)
        self._variant = QComboBox(self)
        self._variant.setObjectName("englishVariantField")
        self._variant.addItem(self.tr("US English"), "US")
        self._variant.addItem(self.tr("British & Commonwealth English"), "GB")
        self._variant.setAccessibleName(self._variant_label.text())
        self._variant.currentIndexChanged.connect(self._variant_chosen)

        self._words = QTreeWidget(self)
        self._words.setObjectName("spellingWords")
        self._words.setHeaderLabels([self.tr("Word"), self.tr("Count")])
        self._words.setRootIsDecorated(False)
        self._words.setUniformRowHeights(True)  # thousands of rows scroll smoothly
        self._words.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self._words.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._words.itemActivated.connect(
            lambda item, _column: self.jumpRequested.emit(item.text(0))
        )

        self._status = hint_label("", self)
        self._status.setObjectName("spellingStatus")

        self._add_all = QPushButton(self.tr("Add All to Work Dictionary"), self)
        self._add_all.setObjectName("spellingAddAll")
        self._add_all.setEnabled(False)
        self._add_all.clicked.connect(lambda: self.addAllRequested.emit(self.words()))

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.tr("Check"), self._scope)
        form.addRow(self._variant_label, self._variant)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN)
        layout.addLayout(form)
        layout.addWidget(self._status)
        layout.addWidget(self._words, 1)
        layout.addWidget(self._add_all)

    # -- the panel contract --------------------------------------------------------

    def show_meta(self, meta: WorkMeta) -> None:
        """Show the work's English variant (the choice is offered for English only)."""
        english = language_code(meta.language) == "en"
        self._variant_label.setVisible(english)
        self._variant.setVisible(english)
        self._loading = True
        try:
            index = self._variant.findData(meta.english_variant)
            self._variant.setCurrentIndex(max(index, 0))
        finally:
            self._loading = False

    def set_completions(self, tags: Iterable[str]) -> None:
        """No field here takes the work's tags."""

    def _variant_chosen(self, _index: int) -> None:
        if not self._loading:
            self.metaEdited.emit("english_variant", self._variant.currentData())

    # -- what the panel shows ----------------------------------------------------------

    def scope(self) -> str:
        return str(self._scope.currentData())

    def words(self) -> list[str]:
        return [self._words.topLevelItem(i).text(0) for i in range(self._words.topLevelItemCount())]

    def show_words(self, counts: Iterable[tuple[str, int]]) -> None:
        """List ``(word, times used)``, most frequent first, then alphabetically."""
        rows = sorted(counts, key=lambda wc: (-wc[1], wc[0].casefold(), wc[0]))
        current = self._words.currentItem()
        keep = current.text(0) if current is not None else None
        self._words.setUpdatesEnabled(False)
        self._words.clear()
        items = []
        for word, count in rows:
            item = QTreeWidgetItem([word, str(count)])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        self._words.addTopLevelItems(items)
        # The author works down the list: the word they were on stays current.
        for item in items:
            if item.text(0) == keep:
                self._words.setCurrentItem(item)
                break
        self._words.setUpdatesEnabled(True)
        self._add_all.setEnabled(bool(rows))
        if rows:
            self._status.setText(
                self.tr("1 unknown word")
                if len(rows) == 1
                else self.tr("{n} unknown words").format(n=QLocale().toString(len(rows)))
            )
        else:
            self._status.setText(self.tr("No unknown words."))

    def show_checking(self) -> None:
        self._status.setText(self.tr("Checking…"))

    def show_message(self, text: str) -> None:
        """Why there is no list (no dictionary, checking off): the list is emptied."""
        self._words.clear()
        self._add_all.setEnabled(False)
        self._status.setText(text)

    def show_no_dictionary(self, language: str) -> None:
        self.show_message(
            self.tr("No spelling dictionary for {language}.").format(language=language)
        )

    def status(self) -> str:
        return self._status.text()

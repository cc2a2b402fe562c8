"""The work's file changed behind the app: the author's unsaved words against the file's
version, chapter by chapter and word by word, and the ways on.

The dialog only shows and asks; ui/safety.py carries out the answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.text.diff import diff_canonical, summary, to_html


@dataclass(frozen=True, slots=True)
class Compared:
    """One chapter with unsaved words: the file's text now ("" if it has no such chapter)."""

    title: str
    theirs: str
    mine: str


class FileChangedDialog(QDialog):
    # Answers, as ui/safety.py reads them.
    THEIRS, BOTH, RELOAD = "theirs", "both", "reload"

    def __init__(
        self,
        name: str,
        chapters: list[Compared],
        *,
        closing: bool,
        recovery: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("fileChangedDialog")
        self.setWindowTitle(self.tr("File Changed on Disk"))
        self.answer: str | None = None
        self._chapters = chapters

        text = self.tr(
            "Another program replaced, moved or rewrote “{name}” while it was open here. "
            "Nothing has been written to it since."
        ).format(name=name)
        if recovery:
            text += " " + self.tr("Your unsaved words are already safe in “{copy}”.").format(
                copy=recovery
            )
        intro = QLabel(text, self)
        intro.setWordWrap(True)

        self.list = QListWidget(self)
        self.list.setObjectName("fileChangedChapters")
        for chapter in chapters:
            self.list.addItem(chapter.title)
        self.summary = QLabel(self)
        self.summary.setObjectName("fileChangedSummary")
        self.diff = QTextBrowser(self)
        self.diff.setObjectName("fileChangedDiff")
        self.diff.setOpenLinks(False)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(
            QLabel(
                self.tr("The file's version against your unsaved words (yours underlined):"),
                right,
            )
        )
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.diff, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        if not chapters:
            splitter.hide()  # only fields were unsaved, or nothing

        explained = QLabel(
            self.tr(
                "Take Theirs and Re-apply Mine opens the file now on disk and puts your unsaved "
                "words on top (their text of each chapter you changed is kept as a snapshot). "
                "Keep Both as Two Works leaves their file as it is and goes on in a new work "
                "with your version. {discard} uses the file now on disk as it is."
            ).format(discard=self._discard_label(closing).rstrip("…")),
            self,
        )
        explained.setWordWrap(True)

        buttons = QDialogButtonBox(self)
        self.theirs_button = self._button(
            buttons, self.tr("Take Theirs and Re-apply Mine"), self.THEIRS
        )
        self.both_button = self._button(buttons, self.tr("Keep Both as Two Works…"), self.BOTH)
        self.reload_button = self._button(buttons, self._discard_label(closing), self.RELOAD)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.theirs_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(explained)
        layout.addWidget(buttons)
        self.resize(820, 520)

        self.list.currentRowChanged.connect(self._show)
        if chapters:
            self.list.setCurrentRow(0)

    def _discard_label(self, closing: bool) -> str:
        return self.tr("Close Without Saving…") if closing else self.tr("Reload from Disk…")

    def _button(self, box: QDialogButtonBox, text: str, answer: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.clicked.connect(lambda _checked=False: self._answer(answer))
        return button

    def _answer(self, answer: str) -> None:
        self.answer = answer
        self.accept()

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self._chapters):
            return
        chapter = self._chapters[row]
        changes = diff_canonical(chapter.theirs, chapter.mine)
        self.summary.setText(
            summary(changes)
            if chapter.theirs
            else self.tr("Not in the file's version: all of it is yours.")
        )
        self.diff.setHtml(to_html(changes))

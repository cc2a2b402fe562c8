"""Side panel: the selected chapter's title, its "Chapter N of M", summary and notes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from editor.formats import limits
from editor.model import ChapterMeta, WorkMeta
from editor.ui.panels.common import MetaPanel, hint_label, object_name, with_counter
from editor.ui.widgets.counter import CounterLabel

NO_CHAPTER = -1


class ChapterNotesPanel(MetaPanel):
    """Follows the selected chapter; every edit carries the id of the chapter it was made on.

    A rename is a structural, undoable change, so the title is sent once, when editing
    finishes, never per keystroke.
    """

    chapterTitleEdited = Signal(int, str)  # (chapter id, new title)
    chapterMetaEdited = Signal(int, str, object)  # (chapter id, ChapterMeta field, html)

    object_prefix = "chapter"  # "chapterSummaryField", apart from the work's summary

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chapterNotesPanel")
        self._chapter_id = NO_CHAPTER
        self._title = ""  # the title as last loaded or sent: what an empty edit restores

        self._none = hint_label(self.tr("Select a chapter to edit its title and notes."), self)
        self._none.setObjectName("noChapterHint")
        self.add_header(self._none)

        self._label = QLabel(self.body())
        self._label.setObjectName("chapterLabel")
        bold = self._label.font()
        bold.setBold(True)
        self._label.setFont(bold)
        self._label.setToolTip(self.tr("The chapter's number as AO3 will show it"))
        self.form.addRow(self._label)

        label = self.tr("Chapter Title")
        self._title_edit = QLineEdit(self.body())
        self._title_edit.setObjectName(object_name(self.object_prefix, "title", "Field"))
        self._title_edit.setAccessibleName(label)
        self._title_counter = CounterLabel(limits.CHAPTER_TITLE, self.body())
        self._title_counter.setObjectName(object_name(self.object_prefix, "title", "Counter"))
        self.form.addRow(label, with_counter(self._title_edit, self._title_counter, self.body()))
        self._title_edit.textChanged.connect(lambda text: self._title_counter.set_length(len(text)))
        self._title_edit.editingFinished.connect(self._finish_title)

        self.add_rich("summary", self.tr("Summary"), limit=limits.SUMMARY, min_lines=2)
        notes = self.add_rich("notes_begin", self.tr("Notes"), limit=limits.NOTES)
        notes.setToolTip(self.tr("Notes at the beginning of the chapter"))
        end = self.add_rich("notes_end", self.tr("End Notes"), limit=limits.NOTES)
        end.setToolTip(self.tr("Notes at the end of the chapter"))

        self.show_chapter(NO_CHAPTER, "", "", None)

    # -- the contract ------------------------------------------------------------

    def show_meta(self, meta: WorkMeta) -> None:
        """Nothing of the work's own front matter shows here."""

    def show_chapter(
        self, chapter_id: int, title: str, label: str, meta: ChapterMeta | None
    ) -> None:
        """Show a chapter (``chapter_id`` -1: none) without emitting anything.

        Another chapter re-sets every field, which drops each field's undo history, so an
        undo cannot bring the previous chapter's text into this one. The same chapter again
        (after a rename or a move) updates only what changed, leaving the author's cursor.
        """
        shown = chapter_id != NO_CHAPTER
        fresh = chapter_id != self._chapter_id
        with self.loading():
            # The id first: from here on, any edit belongs to the chapter now shown.
            self._chapter_id = chapter_id
            # Disabling takes the focus away, which finishes a title edit: while loading.
            self.body().setEnabled(shown)
            self._none.setVisible(not shown)
            self._title = title
            if fresh or self._title_edit.text() != title:
                self._title_edit.setText(title)  # also clears the line edit's undo
            self._label.setText(label)
            self.load(meta or ChapterMeta(), fresh=fresh)
        # A CounterLabel keeps the colour of the state it was last set in (enabled or
        # greyed): set each again in the state it is in now.
        for counter in self.body().findChildren(CounterLabel):
            counter.set_length(counter.length())

    def set_label(self, label: str) -> None:
        """The "Chapter N of M" changed: the expected count, or the chapter's place."""
        self._label.setText(label)

    def chapter_id(self) -> int:
        return self._chapter_id

    # -- edits -------------------------------------------------------------------

    def send(self, name: str, value: object) -> None:
        if self._chapter_id != NO_CHAPTER:
            self.chapterMetaEdited.emit(self._chapter_id, name, value)

    def _finish_title(self) -> None:
        if self._loading or self._chapter_id == NO_CHAPTER:
            return
        title = self._title_edit.text().strip()
        if not title:
            # A chapter keeps a title once it has one; an emptied field means "never mind".
            self._title_edit.setText(self._title)
            return
        if title != self._title_edit.text():
            self._title_edit.setText(title)
        if title != self._title:
            self._title = title
            self.chapterTitleEdited.emit(self._chapter_id, title)

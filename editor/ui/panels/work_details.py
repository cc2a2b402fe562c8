"""Side panel: the work's title, tags, rating, summary, series and status.

Also home to the small helpers the other front-matter panels build with.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor.formats import limits
from editor.formats.limits import Limit, tag_total_problem
from editor.model import (
    FFN_RATING_FOR,
    Category,
    FfnRating,
    Rating,
    Status,
    WorkMeta,
)
from editor.ui.widgets.counter import CounterLabel
from editor.ui.widgets.rich_field import RichField
from editor.ui.widgets.tag_editor import TagEditor

# AO3's own names for its languages, so the author can pick the same entry on the form.
LANGUAGES = (
    "English",
    "Español",
    "Français",
    "Deutsch",
    "Italiano",
    "Português brasileiro",
    "Português europeu",
    "Nederlands",
    "Polski",
    "Русский",
    "Українська",
    "Čeština",
    "Magyar",
    "Svenska",
    "Dansk",
    "Norsk",
    "Suomi",
    "Türkçe",
    "Bahasa Indonesia",
    "Tiếng Việt",
    "Filipino",
    "中文-普通话 國語",
    "日本語",
    "한국어",
    "ไทย",
    "العربية",
    "עברית",
)
_MAX_CHAPTERS = 9999
_MAX_SERIES_PART = 999


# -- helpers shared by the front-matter panels ------------------------------------------


def scroll_body(panel: QWidget) -> QWidget:
    """Give ``panel`` a frameless scroll area and return the widget to lay the fields out on.

    Panels live in narrow docks: they scroll down rather than squeeze their fields.
    """
    area = QScrollArea(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    body = QWidget(area)
    area.setWidget(body)
    outer = QVBoxLayout(panel)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    return body


def tag_field(parent: QWidget, name: str, accessible: str, placeholder: str = "") -> TagEditor:
    """A TagEditor named ``name`` (for tests and styling) and ``accessible`` for screen readers."""
    editor = TagEditor(parent, placeholder=placeholder, name=accessible)
    editor.setObjectName(name)
    return editor


def member_object_name(prefix: str, member: Enum) -> str:
    """An enum member's checkbox name: ``("warning", NON_CON)`` -> ``"warningNonCon"``."""
    return prefix + member.name.title().replace("_", "")


def show_tags(editor: TagEditor, tags: Iterable[str]) -> None:
    """Show ``tags`` unless they are shown already.

    show_meta may come back with the value just edited; re-setting it would drop the
    editor's undo history.
    """
    tags = list(tags)
    if editor.tags() != tags:
        editor.set_tags(tags)


def _show_text(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:  # re-setting the same text would move the author's cursor
        edit.setText(text)


class WorkDetailsPanel(QWidget):
    """The work's details, laid out like AO3's "Post New Work" form."""

    metaEdited = Signal(str, object)  # (WorkMeta field, value of that field's type)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workDetailsPanel")
        self._loading = False
        self._ratings = list(Rating)
        self._ffn_choices: list[FfnRating | None] = [None, *FfnRating]
        self._statuses = list(Status)

        body = scroll_body(self)
        form = QFormLayout(body)
        # Labels above their fields: beside them, a narrow dock would squeeze the tags.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form = form

        # Title and creator first, as an author names a work; then AO3's own order.
        self._title = QLineEdit(body)
        self._title_counter = CounterLabel(limits.WORK_TITLE, body)
        self._title_counter.setObjectName("titleCounter")
        title_box = QWidget(body)
        title_layout = QVBoxLayout(title_box)
        title_layout.setContentsMargins(0, 0, 0, 0)
        title_layout.setSpacing(2)
        title_layout.addWidget(self._title)
        title_layout.addWidget(self._title_counter)
        self._row(self.tr("Work Title"), self._title, "titleField", title_box)

        self._author = QLineEdit(body)
        self._author.setPlaceholderText(self.tr("Your pseud"))
        self._row(self.tr("Creator/Pseud"), self._author, "authorField")
        self._co_creators = tag_field(body, "coCreatorsField", self.tr("Co-creators"))
        self._row(self.tr("Co-creators"), self._co_creators)

        self._rating = QComboBox(body)
        # AO3's labels as they are: the author matches them against the site's form.
        self._rating.addItems([str(r) for r in self._ratings])
        self._row(self.tr("Rating"), self._rating, "ratingField")

        self._ffn_rating = QComboBox(body)
        self._ffn_rating.addItems(["", *(str(r) for r in FfnRating)])
        self._ffn_rating.setToolTip(
            self.tr("FanFiction.Net's rating; Derived follows the AO3 rating.")
        )
        self._row(self.tr("FFN Rating"), self._ffn_rating, "ffnRatingField")

        self._fandoms = tag_field(body, "fandomsField", self.tr("Fandoms"))
        self._row(self.tr("Fandoms"), self._fandoms)

        categories = QWidget(body)
        grid = QGridLayout(categories)
        grid.setContentsMargins(0, 0, 0, 0)
        self._categories: dict[Category, QCheckBox] = {}
        for i, category in enumerate(Category):
            box = QCheckBox(str(category), categories)
            box.setObjectName(member_object_name("category", category))
            box.setAccessibleName(self.tr("Category {name}").format(name=category))
            box.clicked.connect(self._on_category_clicked)
            grid.addWidget(box, i // 3, i % 3)  # two rows of three fit a narrow dock
            self._categories[category] = box
        self._row(self.tr("Category"), categories, "categoriesField")

        self._relationships = tag_field(body, "relationshipsField", self.tr("Relationships"))
        self._row(self.tr("Relationships"), self._relationships)
        self._characters = tag_field(body, "charactersField", self.tr("Characters"))
        self._row(self.tr("Characters"), self._characters)
        self._additional = tag_field(body, "additionalTagsField", self.tr("Additional Tags"))
        self._row(self.tr("Additional Tags"), self._additional)
        # The WorkMeta field of each tag editor, in the order AO3 counts them.
        self._tag_fields = {
            "fandoms": self._fandoms,
            "relationships": self._relationships,
            "characters": self._characters,
            "additional_tags": self._additional,
        }

        self._tag_total = CounterLabel(Limit(self.tr("Tags"), limits.TAG_TOTAL), body)
        self._tag_total.setObjectName("tagTotalCounter")
        self._tag_total.setAccessibleName(self.tr("Tags used"))
        form.addRow(self.tr("Tags used"), self._tag_total)

        self._summary = RichField(body, limit=limits.SUMMARY)
        self._row(self.tr("Summary"), self._summary, "summaryField")

        self._series_name = QLineEdit(body)
        self._row(self.tr("Series"), self._series_name, "seriesNameField")
        self._series_part = QSpinBox(body)
        self._series_part.setRange(0, _MAX_SERIES_PART)
        self._series_part.setSpecialValueText("—")  # 0: not part of a series
        self._row(self.tr("Part"), self._series_part, "seriesPartField")

        self._expected = QSpinBox(body)
        self._expected.setRange(0, _MAX_CHAPTERS)
        self._expected.setSpecialValueText("?")  # 0: unknown, shown as AO3 shows it ("3/?")
        self._expected.setToolTip(self.tr("How many chapters the work will have; ? if unknown"))
        self._row(self.tr("Expected Chapters"), self._expected, "expectedChaptersField")

        self._status = QComboBox(body)
        self._status.addItems([self.tr("In progress"), self.tr("Complete")])
        self._row(self.tr("Status"), self._status, "statusField")

        self._inspired_by = QLineEdit(body)
        self._inspired_by.setPlaceholderText("https://archiveofourown.org/works/…")
        self._inspired_by.setToolTip(
            self.tr("The work this one is inspired by, remixes or translates (AO3's form)")
        )
        self._row(self.tr("Inspired by"), self._inspired_by, "inspiredByField")

        self._language = QComboBox(body)
        self._language.setEditable(True)
        self._language.addItems(LANGUAGES)
        # Typing a language and pressing Enter must not add it to the list.
        self._language.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._row(self.tr("Language"), self._language, "languageField")

        self._update_derived()
        self._update_tag_total()

        # Display follows every change, shown or typed; only edits are emitted.
        self._title.textChanged.connect(lambda text: self._title_counter.set_length(len(text)))
        self._title.textEdited.connect(lambda text: self._emit("title", text))
        self._author.textEdited.connect(lambda text: self._emit("author", text))
        self._co_creators.tagsChanged.connect(
            lambda: self._emit("co_creators", tuple(self._co_creators.tags()))
        )
        self._inspired_by.textEdited.connect(lambda text: self._emit("inspired_by", text.strip()))
        self._rating.currentIndexChanged.connect(self._on_rating_changed)
        self._ffn_rating.currentIndexChanged.connect(
            lambda i: self._emit("ffn_rating", self._ffn_choices[i])
        )
        for name, editor in self._tag_fields.items():
            editor.tagsChanged.connect(lambda n=name, e=editor: self._on_tags_changed(n, e))
        self._summary.edited.connect(lambda: self._emit("summary", self._summary.html()))
        self._series_name.textEdited.connect(lambda text: self._emit("series_name", text))
        self._series_part.valueChanged.connect(lambda v: self._emit("series_part", v or None))
        self._expected.valueChanged.connect(lambda v: self._emit("expected_chapters", v or None))
        self._status.currentIndexChanged.connect(lambda i: self._emit("status", self._statuses[i]))
        self._language.currentTextChanged.connect(lambda text: self._emit("language", text))

    # -- the panel contract -----------------------------------------------------------

    def show_meta(self, meta: WorkMeta) -> None:
        """Show ``meta`` without emitting anything."""
        self._loading = True
        try:
            _show_text(self._title, meta.title)
            _show_text(self._author, meta.author)
            show_tags(self._co_creators, meta.co_creators)
            _show_text(self._inspired_by, meta.inspired_by)
            self._rating.setCurrentIndex(self._ratings.index(meta.rating))
            self._ffn_rating.setCurrentIndex(self._ffn_choices.index(meta.ffn_rating))
            for category, box in self._categories.items():
                box.setChecked(category in meta.categories)
            for name, editor in self._tag_fields.items():
                show_tags(editor, getattr(meta, name))
            if self._summary.html() != meta.summary:
                self._summary.set_html(meta.summary)
            _show_text(self._series_name, meta.series_name)
            self._series_part.setValue(meta.series_part or 0)
            self._expected.setValue(meta.expected_chapters or 0)
            self._status.setCurrentIndex(self._statuses.index(meta.status))
            if self._language.currentText() != meta.language:
                self._language.setCurrentText(meta.language)
        finally:
            self._loading = False
        self._update_derived()
        self._update_tag_total()

    def set_completions(self, tags: Iterable[str]) -> None:
        tags = list(tags)
        for editor in self._tag_fields.values():
            editor.set_completions(tags)

    # -- building ---------------------------------------------------------------------

    def _row(
        self, label: str, field: QWidget, name: str = "", shown: QWidget | None = None
    ) -> None:
        """Add ``shown`` (default ``field``) under ``label``, naming ``field`` ``name``."""
        if name:
            field.setObjectName(name)
        if not isinstance(field, TagEditor):  # tag_field named it for screen readers already
            field.setAccessibleName(label)
        caption = QLabel(label, self)
        caption.setBuddy(field)
        self._form.addRow(caption, shown or field)

    # -- reacting ---------------------------------------------------------------------

    def _emit(self, name: str, value: object) -> None:
        if not self._loading:
            self.metaEdited.emit(name, value)

    def _on_rating_changed(self, index: int) -> None:
        self._update_derived()
        self._emit("rating", self._ratings[index])

    def _on_category_clicked(self) -> None:
        chosen = tuple(c for c, box in self._categories.items() if box.isChecked())
        self._emit("categories", chosen)

    def _on_tags_changed(self, name: str, editor: TagEditor) -> None:
        self._update_tag_total()
        self._emit(name, tuple(editor.tags()))

    def _update_derived(self) -> None:
        derived = FFN_RATING_FOR[self._ratings[self._rating.currentIndex()]]
        self._ffn_rating.setItemText(0, self.tr("Derived: {rating}").format(rating=derived))

    def _update_tag_total(self) -> None:
        counts = [len(editor.tags()) for editor in self._tag_fields.values()]
        self._tag_total.set_length(sum(counts))
        # The counter speaks of characters; the tags' own wording replaces its tooltip.
        problem = tag_total_problem(counts)
        if problem is not None:
            tip = problem.message
        else:
            tip = self.tr("{count} of {limit} fandom, relationship, character and additional tags")
            tip = tip.format(count=sum(counts), limit=limits.TAG_TOTAL)
        self._tag_total.setToolTip(tip)
        self._tag_total.setAccessibleDescription(tip)

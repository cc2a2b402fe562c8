"""WorkDetailsPanel: every field emits its WorkMeta name and a value of that field's type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from editor.formats.limits import Level
from editor.model import Category, FfnRating, Rating, Status, WorkMeta
from editor.ui.panels.work_details import WorkDetailsPanel
from editor.ui.widgets.counter import CounterLabel, level_color
from editor.ui.widgets.rich_field import RichField
from editor.ui.widgets.tag_editor import TagEditor

from .conftest import record

TAG_FIELDS = ("fandoms", "relationships", "characters", "additional_tags")

FULL = WorkMeta(
    title="The Long Way Round",
    author="inkwell",
    fandoms=("Final Fantasy VII",),
    rating=Rating.MATURE,
    ffn_rating=FfnRating.T,
    categories=(Category.GEN, Category.MULTI),
    relationships=("Cloud Strife/Tifa Lockhart",),
    characters=("Cloud Strife", "Tifa Lockhart", "Barret Wallace"),
    additional_tags=("Slow Burn", "Road Trip"),
    language="Deutsch",
    summary="<p>They <em>walk</em>.</p>",
    series_name="Roads",
    series_part=2,
    expected_chapters=12,
    status=Status.COMPLETE,
)


@pytest.fixture
def panel(qtbot) -> Iterator[WorkDetailsPanel]:  # type: ignore[no-untyped-def]
    widget = WorkDetailsPanel()
    qtbot.addWidget(widget)
    widget.resize(420, 1600)  # tall enough that every field is inside the viewport
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


@pytest.fixture
def edits(panel: WorkDetailsPanel) -> list[tuple[Any, ...]]:
    return record(panel.metaEdited)


def child(panel: QWidget, kind: type, name: str) -> Any:
    found = panel.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name!r}"
    return found


def field(panel: QWidget, kind: type, meta_name: str) -> Any:
    """The widget editing the WorkMeta field ``meta_name``: "series_part" -> seriesPartField."""
    first, *rest = meta_name.split("_")
    return child(panel, kind, first + "".join(w.capitalize() for w in rest) + "Field")


def text_color(label: CounterLabel) -> str:
    return label.palette().color(QPalette.ColorRole.WindowText).name()


def click(qtbot, box: QCheckBox) -> None:  # type: ignore[no-untyped-def]
    # Inside the box's indicator, where a real click lands.
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


# -- each field emits its name and a value of its type ----------------------------------


def test_typing_a_title_emits_each_edit_as_str(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(field(panel, QLineEdit, "title"), "Dawn")
    assert edits == [("title", "D"), ("title", "Da"), ("title", "Daw"), ("title", "Dawn")]
    assert child(panel, CounterLabel, "titleCounter").text() == "4 / 255"


def test_typing_an_author_emits_str(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(field(panel, QLineEdit, "author"), "ink")
    assert edits[-1] == ("author", "ink")


def test_rating_emits_a_rating(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(field(panel, QComboBox, "rating"), Qt.Key.Key_Down)
    assert edits == [("rating", Rating.GENERAL)]
    assert type(edits[0][1]) is Rating


def test_ffn_rating_emits_an_ffn_rating_or_none_for_derived(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    combo = field(panel, QComboBox, "ffn_rating")
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert edits == [
        ("ffn_rating", FfnRating.K),
        ("ffn_rating", FfnRating.K_PLUS),
        ("ffn_rating", FfnRating.K),
        ("ffn_rating", None),
    ]
    assert type(edits[0][1]) is FfnRating


@pytest.mark.parametrize("name", TAG_FIELDS)
def test_each_tag_field_emits_a_tuple_of_str(qtbot, panel, edits, name: str) -> None:  # type: ignore[no-untyped-def]
    line = field(panel, TagEditor, name).line_edit()
    qtbot.keyClicks(line, "Found Family,Angst")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert edits == [(name, ("Found Family",)), (name, ("Found Family", "Angst"))]


def test_categories_emit_a_tuple_in_ao3_order_whatever_the_click_order(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, child(panel, QCheckBox, "categoryMm"))
    click(qtbot, child(panel, QCheckBox, "categoryFf"))
    click(qtbot, child(panel, QCheckBox, "categoryMm"))
    assert edits == [
        ("categories", (Category.MM,)),
        ("categories", (Category.FF, Category.MM)),
        ("categories", (Category.FF,)),
    ]
    assert all(type(c) is Category for c in edits[1][1])


def test_language_emits_typed_text_and_picked_items(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    combo = field(panel, QComboBox, "language")
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "Klingon")
    assert edits[-1] == ("language", "Klingon")
    combo.setCurrentIndex(combo.findText("Français"))  # as picking it from the list does
    assert edits[-1] == ("language", "Français")


def test_summary_emits_canonical_html(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    summary = field(panel, RichField, "summary")
    qtbot.keyClicks(summary.text_edit(), "Hi")
    assert edits[-1] == ("summary", summary.html())
    assert edits[-1][1].startswith("<p>") and "Hi" in edits[-1][1]


def test_co_creators_emit_a_tuple_and_inspired_by_a_str(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    line = field(panel, TagEditor, "co_creators").line_edit()
    qtbot.keyClicks(line, "sea_glass")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.keyClicks(field(panel, QLineEdit, "inspired_by"), " https://example.org/w/1")
    assert edits[0] == ("co_creators", ("sea_glass",))
    assert edits[-1] == ("inspired_by", "https://example.org/w/1")


def test_series_name_emits_str(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(field(panel, QLineEdit, "series_name"), "Roads")
    assert edits[-1] == ("series_name", "Roads")


@pytest.mark.parametrize(("name", "special"), [("series_part", "—"), ("expected_chapters", "?")])
def test_counts_emit_int_and_zero_as_none(qtbot, panel, edits, name: str, special: str) -> None:  # type: ignore[no-untyped-def]
    spin = field(panel, QSpinBox, name)
    assert spin.text() == special
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Down)
    qtbot.keyClick(spin, Qt.Key.Key_Down)
    assert edits == [(name, 1), (name, 2), (name, 1), (name, None)]
    assert spin.text() == special


def test_status_emits_a_status(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    combo = field(panel, QComboBox, "status")
    assert combo.currentText() == "In progress"
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert edits == [("status", Status.COMPLETE)]
    assert type(edits[0][1]) is Status


# -- show_meta ---------------------------------------------------------------------------


def test_show_meta_fills_every_field_and_emits_nothing(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    panel.show_meta(FULL)

    assert edits == []
    assert field(panel, QLineEdit, "title").text() == FULL.title
    assert field(panel, QLineEdit, "author").text() == FULL.author
    assert field(panel, QComboBox, "rating").currentText() == "Mature"
    assert field(panel, QComboBox, "ffn_rating").currentText() == "T"
    for name in TAG_FIELDS:
        assert tuple(field(panel, TagEditor, name).tags()) == getattr(FULL, name)
    boxes = field(panel, QWidget, "categories").findChildren(QCheckBox)
    checked = [Category(b.text()) for b in boxes if b.isChecked()]
    assert tuple(checked) == FULL.categories
    assert field(panel, QComboBox, "language").currentText() == "Deutsch"
    assert field(panel, RichField, "summary").html() == FULL.summary
    assert field(panel, QLineEdit, "series_name").text() == "Roads"
    assert field(panel, QSpinBox, "series_part").value() == 2
    assert field(panel, QSpinBox, "expected_chapters").value() == 12
    assert field(panel, QComboBox, "status").currentText() == "Complete"
    assert child(panel, CounterLabel, "titleCounter").length() == len(FULL.title)
    assert child(panel, CounterLabel, "tagTotalCounter").length() == 7

    # ... and back to the defaults, still silently.
    panel.show_meta(WorkMeta())
    assert edits == []
    assert field(panel, QSpinBox, "series_part").text() == "—"
    assert field(panel, QSpinBox, "expected_chapters").text() == "?"
    assert field(panel, QComboBox, "ffn_rating").currentIndex() == 0
    assert field(panel, TagEditor, "characters").tags() == []


def test_show_meta_with_the_value_just_typed_keeps_the_cursor(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    title = field(panel, QLineEdit, "title")
    qtbot.keyClicks(title, "Dawn")
    title.setCursorPosition(1)
    panel.show_meta(WorkMeta(title="Dawn"))
    assert title.cursorPosition() == 1


def test_set_completions_reaches_every_tag_field(panel) -> None:  # type: ignore[no-untyped-def]
    panel.set_completions(["Angst", "Fluff"])
    for name in TAG_FIELDS:
        assert field(panel, TagEditor, name).completer().model().stringList() == ["Angst", "Fluff"]


def test_every_field_has_an_accessible_name(panel) -> None:  # type: ignore[no-untyped-def]
    names = ["title", "author", "rating", "ffn_rating", *TAG_FIELDS, "categories", "summary"]
    names += ["series_name", "series_part", "expected_chapters", "status", "language"]
    for name in names:
        assert field(panel, QWidget, name).accessibleName(), name


# -- the derived FFN rating --------------------------------------------------------------


def test_derived_ffn_item_follows_the_rating(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    ffn = field(panel, QComboBox, "ffn_rating")
    assert ffn.itemText(0) == "Derived: T"  # Not Rated
    qtbot.keyClick(field(panel, QComboBox, "rating"), Qt.Key.Key_Down)
    assert ffn.itemText(0) == "Derived: K+"  # General Audiences
    panel.show_meta(WorkMeta(rating=Rating.EXPLICIT))
    assert ffn.itemText(0) == "Derived: M"
    assert ffn.currentIndex() == 0
    assert [ffn.itemText(i) for i in range(1, ffn.count())] == ["K", "K+", "T", "M"]


def test_an_explicit_ffn_rating_stays_when_the_rating_changes(qtbot, panel, edits) -> None:  # type: ignore[no-untyped-def]
    panel.show_meta(WorkMeta(rating=Rating.TEEN, ffn_rating=FfnRating.K_PLUS))
    qtbot.keyClick(field(panel, QComboBox, "rating"), Qt.Key.Key_Down)
    assert edits == [("rating", Rating.MATURE)]
    ffn = field(panel, QComboBox, "ffn_rating")
    assert ffn.currentText() == "K+"
    assert ffn.itemText(0) == "Derived: M"


# -- counters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "level"),
    [
        (0, Level.ERROR),
        (1, Level.OK),
        (229, Level.OK),
        (230, Level.WARN),
        (255, Level.WARN),
        (256, Level.ERROR),
    ],
)
def test_title_counter_warns_at_ninety_percent_and_errors_past_255(
    panel, length: int, level: Level
) -> None:  # type: ignore[no-untyped-def]
    field(panel, QLineEdit, "title").setText("x" * length)
    counter = child(panel, CounterLabel, "titleCounter")
    assert counter.level() is level
    expected = level_color(level, panel.palette())
    if expected is not None:
        assert text_color(counter) == expected.name()


def test_title_counter_follows_typing(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    title = field(panel, QLineEdit, "title")
    title.setText("x" * 254)
    title.end(False)
    counter = child(panel, CounterLabel, "titleCounter")
    assert counter.level() is Level.WARN
    qtbot.keyClicks(title, "yz")
    assert counter.length() == 256
    assert counter.level() is Level.ERROR
    assert "cut 1" in counter.toolTip()


def test_tag_total_warns_near_and_errors_past_75(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    counter = child(panel, CounterLabel, "tagTotalCounter")
    normal = text_color(counter)
    meta = WorkMeta(
        fandoms=tuple(f"F{i}" for i in range(10)),
        relationships=tuple(f"R{i}" for i in range(20)),
        characters=tuple(f"C{i}" for i in range(30)),
        additional_tags=tuple(f"A{i}" for i in range(7)),
    )
    panel.show_meta(meta)  # 67 tags
    assert counter.level() is Level.OK
    assert text_color(counter) == normal

    line = field(panel, TagEditor, "additional_tags").line_edit()
    qtbot.keyClicks(line, "One more")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # 68: 90 % of 75
    assert counter.level() is Level.WARN
    assert text_color(counter) == level_color(Level.WARN, panel.palette()).name()
    assert counter.toolTip() == "68 of 75 tags used."

    line.insert("a,b,c,d,e,f,g,h,")  # a paste: 76
    assert counter.length() == 76
    assert counter.level() is Level.ERROR
    assert text_color(counter) == level_color(Level.ERROR, panel.palette()).name()
    assert "remove 1" in counter.toolTip()

    field(panel, TagEditor, "fandoms").remove_tag(0)  # 75: allowed, still near
    assert counter.level() is Level.WARN


def test_summary_counter_counts_the_html(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    summary = field(panel, RichField, "summary")
    counter = summary.counter()
    assert counter is not None and counter.limit().max_chars == 1250
    qtbot.keyClicks(summary.text_edit(), "Hello")
    assert counter.length() == len(summary.html())
    panel.show_meta(WorkMeta(summary="<p>" + "x" * 1300 + "</p>"))
    assert counter.level() is Level.ERROR
